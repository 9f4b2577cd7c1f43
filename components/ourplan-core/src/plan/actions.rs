//! What a person does to the plan builder, as data: the screen applies it
//! ([`super::PlanScreen::apply`]) and any view sends it.

use super::Kind;

/// Why a file chosen as a picture was not used, as the browser found.
#[derive(Debug, Clone, PartialEq)]
pub enum PictureRefused {
    /// The browser could not read it as a picture.
    NotAPicture {
        /// The file's name.
        name: String,
    },
    /// Larger than [`super::pictures::PICTURE_FILE_BYTES`].
    TooLarge {
        /// The file's name.
        name: String,
        /// Its size in bytes.
        bytes: u64,
    },
    /// It was read but could not be made smaller (the device ran out of memory, say).
    Failed,
}

/// Which way a block moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Up among its siblings.
    Up,
    /// Down among its siblings.
    Down,
    /// Into the section just above it.
    Into,
    /// Out of the section it is in.
    Out,
}

/// What the person did, for the owner of the screen to apply.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanAction {
    /// Start from a blank page (`None`) or a starter (its index in [`super::PlanScreen::templates`]).
    Start(Option<usize>),
    /// Add a block of `kind` at the end of `parent` (the plan itself, or a section).
    Add {
        /// The kind.
        kind: Kind,
        /// The section, or `None` for the top of the plan.
        parent: Option<String>,
    },
    /// Opened the "add a block here" control below a block.
    OpenAddAfter(String),
    /// Closed that control without adding.
    CloseAdd,
    /// Added a block of `kind` just after the block `after`, beside it in the same section.
    AddAfter {
        /// The kind.
        kind: Kind,
        /// The block it follows.
        after: String,
    },
    /// Typed into a text field of a block.
    SetText {
        /// The block.
        id: String,
        /// The field.
        field: &'static str,
        /// The words.
        text: String,
    },
    /// Typed into a cost box (pounds, as typed).
    SetCost {
        /// The block.
        id: String,
        /// The text.
        text: String,
    },
    /// Chose a frequency, "paid from" or outcome (empty for none).
    SetChoice {
        /// The block.
        id: String,
        /// The field.
        field: &'static str,
        /// The JSON value chosen.
        value: String,
    },
    /// Ticked or unticked a yes/no field.
    SetBool {
        /// The block.
        id: String,
        /// The field.
        field: &'static str,
        /// Ticked.
        on: bool,
    },
    /// Chose a picture for a block: the picture made ready in the browser, as a `data:`
    /// address, with its size, and the size of the file the person chose.
    SetPicture {
        /// The block.
        id: String,
        /// `picture` (a picture block's own) or `headingPicture` (beside any block's heading).
        field: &'static str,
        /// The picture, `data:<type>;base64,...`.
        url: String,
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// The size of the file the person chose, in bytes.
        file_bytes: u64,
    },
    /// A picture the person chose could not be used: what to tell them (nothing changes).
    PictureProblem {
        /// The block.
        id: String,
        /// Why.
        problem: PictureRefused,
    },
    /// Took a picture out of a block (a picture block's description stays).
    RemovePicture {
        /// The block.
        id: String,
        /// `picture` or `headingPicture`.
        field: &'static str,
    },
    /// Changed the plan's title.
    SetTitle(String),
    /// Left a changed field (the native `change` moment).
    Commit,
    /// Moved a block.
    Move {
        /// The block.
        id: String,
        /// Which way.
        how: Move,
    },
    /// Moved a block with a key (Alt and an arrow) while in it: focus returns to `focus` (the
    /// id of the control the person was in).
    MoveByKey {
        /// The block.
        id: String,
        /// Up (else down).
        up: bool,
        /// The id of the focused control.
        focus: String,
    },
    /// Deleted a block.
    Remove(String),
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Added an item to a block's list.
    AddItem {
        /// The block.
        block: String,
        /// Which list.
        field: &'static str,
    },
    /// Typed into an item.
    SetItem {
        /// The block.
        block: String,
        /// The item.
        item: String,
        /// The words.
        text: String,
    },
    /// Ticked or unticked a checklist item.
    ItemDone {
        /// The block.
        block: String,
        /// The item.
        item: String,
        /// Ticked.
        done: bool,
    },
    /// Moved an item up or down.
    MoveItem {
        /// The block.
        block: String,
        /// The item.
        item: String,
        /// Up (else down).
        up: bool,
    },
    /// Deleted an item.
    RemoveItem {
        /// The block.
        block: String,
        /// The item.
        item: String,
    },
    /// Added a review, dated today.
    AddReview,
    /// Changed a review field.
    SetReview {
        /// The review.
        id: String,
        /// `date`, `by`, `working`, `notWorking` or `changes`.
        field: &'static str,
        /// The words.
        text: String,
    },
    /// Deleted a review.
    RemoveReview(String),
    /// Marked the plan complex, or not (practitioner).
    SetComplex(bool),
    /// The practitioner signs the plan off.
    SignOff,
    /// Opened a plan file with this text.
    Import(String),
    /// Chose a file (to open or to combine) of this many bytes, over the `valueBytes` limit: it
    /// is refused before it is read.
    FileTooLarge(f64),
    /// Is downloading a copy to share (the plan is checkpointed first).
    Share,
    /// Gave their name, to show on the blocks they add from now on (empty for none).
    SetAuthor(String),
    /// Chose a copy to combine with, with this text: shows what combining would do.
    Combine(String),
    /// Combine the copy shown although it is of a different plan.
    CombineAnyway,
    /// Apply the combination shown (one step of undo).
    CombineApply,
    /// Close the combination shown without applying it.
    CombineCancel,
    /// Settle a conflict with this value (one version, or the person's own).
    Choose {
        /// The entity (`b:<id>`, `i:<id>`, `r:<id>`, `p`).
        at: String,
        /// The field.
        field: String,
        /// The value kept.
        value: serde_json::Value,
    },
    /// Keep (or remove) a part kept because one copy changed what another removed.
    Settle {
        /// The entity.
        at: String,
        /// Keep it.
        keep: bool,
    },
}
