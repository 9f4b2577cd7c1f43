//! The support plan: a document the person writes in their own format, with editing and undo,
//! money and budgets, sign-off, gentle legal checks, starter templates, and export and import.
//!
//! The plan is a versioned JSON document (`schemas/plan.schema.json`). Blocks the person arranges
//! freely carry stable ids; anything the kit does not know about is kept on a round trip. Every
//! operation a screen may call returns [`Feedback`]: what a live region should say and where focus
//! goes next. Nothing here ever blocks the person: budgets and legal checks only inform.
//!
//! Entry points: [`PlanState`] for editing, [`Plan`] for the document itself, [`parse_pounds`] and
//! [`format_pence`] for money, [`totals`] and [`balance`] for the budget, [`Rules`] and
//! [`evaluate`] for sign-off, [`suggestions`] for the legal checks, [`builtin_templates`] and
//! [`parse_template`] for starters, [`to_json`], [`to_markdown`] and [`import_json`] for files.

mod about_me;
mod actions;
mod budget;
mod checks;
mod choices;
mod document;
mod edit;
mod error;
mod export;
mod fhir;
mod fields;
pub(crate) mod fingerprint;
mod history;
mod items;
mod kinds;
pub mod merge;
mod money;
mod moves;
pub mod pictures;
mod read;
pub mod report;
mod screen;
mod screen_merge;
mod signoff;
mod templates;
mod tree;

#[cfg(test)]
mod tests_edit;
#[cfg(test)]
mod tests_exports;
#[cfg(test)]
mod tests_files;
#[cfg(test)]
mod tests_moves;
#[cfg(test)]
mod tests_pictures;
#[cfg(test)]
mod tests_screen;
#[cfg(test)]
mod tests_words;

pub use about_me::to_about_me;
pub use budget::{Balance, Totals, balance, per_period, totals, yearly_pence};
pub use checks::{Law, Suggestion, suggestions};
pub use document::{
    Block, Body, Budget, FORMAT, Field, FieldType, Frequency, Indicative, Item, Kind, MAX_DEPTH,
    ManagedAs, PaidFrom, Period, Plan, Review, Signoff, VERSION,
};
pub use edit::{Place, PlanState};
pub use error::{Error, ErrorKind, MoneyProblem};
pub use export::{cost_words, to_compact_json, to_json, to_markdown};
pub use fhir::{
    BLOCK_ID_SYSTEM, COST_URL, PAID_FROM_URL, PICTURE_SYSTEM, PLAN_ID_SYSTEM, pounds, to_fhir,
};
pub use fingerprint::{fingerprint, of_value as fingerprint_of};
pub use money::{MAX_PENCE, format_pence, parse_pounds};
pub use moves::Moves;
pub use pictures::{Picture, PictureProblem, Pictures};
pub use read::{import_json, import_json_within, place_in, plan_schema, unknown_parts};
pub use screen::{Move, PictureRefused, PlanAction, PlanScreen};
pub use screen_merge::{Combining, ConflictView, summary_words};
pub(crate) use signoff::is_date_time;
pub use signoff::{Practitioner, Rules, Verdict, evaluate, has_content};
pub use templates::{Template, Text, builtin_templates, parse_template};
#[cfg(test)]
pub(crate) use tree::walk as tree_walk;

pub use crate::message::{Arg, Message};

/// Where focus should go after an operation, so keyboard and screen-reader users keep their place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Focus {
    /// The block with this id.
    Block(String),
    /// One item of a list, checklist or "please do / please don't" block.
    Item {
        /// The block holding the item.
        block: String,
        /// The item's id.
        item: String,
    },
    /// The "add" control of a container that is now empty: the plan itself (`None`) or a section.
    AddTo(Option<String>),
    /// The "add an item" control of a block's item list that is now empty.
    AddItem {
        /// The block.
        block: String,
        /// Which list (`items`, `pleaseDo`, `pleaseDont`).
        field: &'static str,
    },
    /// The plan's title.
    Title,
    /// The review with this id.
    Review(String),
    /// The "add a review" control, when the last review was removed.
    AddReview,
    /// One field of a block (its first control, after the block was added).
    Field {
        /// The block.
        block: String,
        /// The field's name.
        field: &'static str,
    },
    /// A block's move button, kept while the same move can be made again.
    MoveButton {
        /// The block.
        block: String,
        /// Which move.
        how: Move,
    },
    /// An item's move button.
    ItemMove {
        /// The block holding the item.
        block: String,
        /// The item's id.
        item: String,
        /// Up (or down).
        up: bool,
    },
    /// The choice of kind in the "add a block here" control below a block.
    AddAfterKind(String),
    /// The "add below" button of a block (the control closed without adding).
    AddBelow(String),
    /// The sign-off's record, after signing off.
    SignoffStatus,
    /// The message saying why a file was not opened.
    ImportError,
    /// A control the view named itself (where focus was when a key moved a block).
    Element(String),
}

impl Focus {
    /// The first control of a new block of `kind`: its first field, the "add an item" control
    /// of a list, or the block itself when it has no fields.
    pub fn first_control(id: &str, kind: Kind) -> Focus {
        match kind.fields().first() {
            Some(f) if f.ty == FieldType::Items => Focus::AddItem {
                block: id.to_owned(),
                field: f.name,
            },
            Some(f) => Focus::Field {
                block: id.to_owned(),
                field: f.name,
            },
            None => Focus::Block(id.to_owned()),
        }
    }
}

/// What an operation tells the screen: words for a live region, and where focus goes next.
/// Both are optional: typing into a field says nothing and leaves focus where it is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Feedback {
    /// What a screen reader's live region should announce.
    pub announce: Option<Message>,
    /// Which element should get focus next.
    pub focus: Option<Focus>,
}

impl Feedback {
    /// Nothing to say, focus stays.
    pub fn none() -> Feedback {
        Feedback::default()
    }

    fn say(message: Message, focus: Option<Focus>) -> Feedback {
        Feedback {
            announce: Some(message),
            focus,
        }
    }
}
