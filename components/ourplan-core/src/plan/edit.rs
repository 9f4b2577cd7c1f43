//! `PlanState`: one plan being edited, with undo and redo. Adding, changing and removing blocks,
//! opening a file in place, and undo itself live here; moves are in `moves.rs`, and item lists,
//! reviews, the budget and sign-off in `items.rs`.
//!
//! Every operation returns [`Feedback`] (words for a live region, where focus goes) and records
//! one step of history. An operation that cannot be done returns an error and changes nothing; a
//! move that has nowhere to go (up from the top) is not an error: it says so, and changes nothing.

use super::document::{Block, Body, Item, Kind, MAX_DEPTH, ManagedAs, PaidFrom, Plan};
use super::error::{Error, ErrorKind};
use super::history::{Change, Entry, History, apply, focus_after};
use super::pictures::HEADING_PICTURE;
use super::read::{check_plan, count_blocks, import_json_within, over};
use super::templates::Template;
use super::tree::{self, Index};
use super::{Arg, Feedback, Focus, Message};
use crate::i18n::{Lang, t};
use crate::limits::{Limit, Limits};
use serde_json::Value;

pub use super::history::Place;

/// One plan being edited.
#[derive(Debug, Clone)]
pub struct PlanState {
    pub(super) plan: Plan,
    pub(super) index: Index,
    pub(super) history: History,
    /// Goes up with every change to the plan, so a screen can tell cheaply whether anything
    /// changed (comparing whole documents costs as much as the plan is long).
    pub(super) generation: u64,
    /// A short name for this copy, added to every id it makes, so that blocks added in two
    /// copies of one plan never share an id (see [`PlanState::set_site`]).
    pub(super) site: Option<String>,
    /// Who is adding blocks, recorded on each (`addedBy`), when the screen says.
    pub(super) author: Option<String>,
    /// What the plan may hold (`planBlocks`) and what a file may be (`valueBytes`).
    pub(super) limits: Limits,
}

impl PlanState {
    /// A blank plan, titled "My support plan" in `lang`.
    pub fn new(lang: Lang) -> PlanState {
        PlanState::from_checked(Plan::new(t(lang, "plan.title_default", &[])))
    }

    /// Starts editing `plan`, checking its ids are unique and its sections not too deep.
    pub fn from_plan(plan: Plan) -> Result<PlanState, Error> {
        Ok(PlanState::from_checked(check_plan(plan)?))
    }

    /// Starts editing a plan file: the same checks as [`import_json`].
    pub fn from_json(text: &str) -> Result<PlanState, Error> {
        PlanState::from_json_within(text, &Limits::default())
    }

    /// [`PlanState::from_json`] within `limits`, which the new state keeps.
    pub fn from_json_within(text: &str, limits: &Limits) -> Result<PlanState, Error> {
        let mut state = PlanState::from_plan(import_json_within(text, limits)?)?;
        state.limits = *limits;
        Ok(state)
    }

    /// `Some(limit)` when the plan holds as many blocks as `planBlocks` allows, so no more can
    /// be added.
    pub fn full(&self) -> Option<usize> {
        (count_blocks(&self.plan.blocks) >= self.limits.plan_blocks)
            .then_some(self.limits.plan_blocks)
    }

    /// Keeps a picture under `key`, for a block to show. Pictures are not part of the undo
    /// history: a block holds the key, and undo changes the key, never the picture.
    pub fn keep_picture(&mut self, key: String, picture: super::Picture) {
        self.plan.pictures.entry(key).or_insert(picture);
    }

    /// The limits files and edits are held to from now on.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// A new plan from a starter `template` in `lang`, titled "My support plan".
    pub fn from_template(template: &Template, lang: Lang) -> PlanState {
        let mut state = PlanState::new(lang);
        let blocks = template.blocks(lang, &mut |prefix| fresh_id(&mut state.plan, prefix, None));
        state.plan.blocks = blocks;
        // Template blocks have fresh ids and a depth the template check allowed.
        state.index = Index::build(&state.plan.blocks).unwrap_or_default();
        state
    }

    fn from_checked(plan: Plan) -> PlanState {
        // `check_plan` built an index already; building again is simpler than threading it.
        let index = Index::build(&plan.blocks).unwrap_or_default();
        PlanState {
            plan,
            index,
            history: History::default(),
            generation: 0,
            site: None,
            author: None,
            limits: Limits::default(),
        }
    }

    /// The plan as it stands.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// A number that changes whenever the plan changes (never for an operation that changed
    /// nothing, such as typing the same text again or a move with nowhere to go).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The block with this id.
    pub fn block(&self, id: &str) -> Option<&Block> {
        tree::find(&self.plan.blocks, &self.index, id).map(|(b, _)| b)
    }

    /// Where the block with this id sits.
    pub fn place(&self, id: &str) -> Result<Place, Error> {
        let parent = self.index.parent(id).ok_or_else(|| no_such(id))?;
        let (_, index) =
            tree::find(&self.plan.blocks, &self.index, id).ok_or_else(|| no_such(id))?;
        Ok(Place {
            parent: parent.map(str::to_owned),
            index,
        })
    }

    /// Adds an empty block of `kind` at `index` in `parent` (the top of the plan, or a section);
    /// an index past the end adds at the end. Focus goes to the new block.
    pub fn add_block(
        &mut self,
        kind: Kind,
        parent: Option<&str>,
        index: usize,
    ) -> Result<Feedback, Error> {
        // Refused before an id is spent on it: a refused add changes nothing at all.
        let found = count_blocks(&self.plan.blocks) + 1;
        over(Limit::PlanBlocks, found, self.limits.plan_blocks)?;
        let block = self.new_block(kind);
        self.check_fits(parent, &block)?;
        let id = block.id.clone();
        let what = Message::new("plan.announce.added").arg("kind", Arg::Key(kind.label()));
        self.commit(
            Change::Insert {
                parent: parent.map(str::to_owned),
                index,
                blocks: vec![block],
            },
            what.clone(),
            None,
        )?;
        Ok(Feedback::say(what, Some(Focus::Block(id))))
    }

    /// Adds a starter template's blocks at `index` in `parent`, in `lang`, as one step.
    pub fn insert_template(
        &mut self,
        template: &Template,
        parent: Option<&str>,
        index: usize,
        lang: Lang,
    ) -> Result<Feedback, Error> {
        self.check_container(parent)?;
        let plan = &mut self.plan;
        let site = self.site.as_deref();
        let blocks = template.blocks(lang, &mut |prefix| fresh_id(plan, prefix, site));
        for block in &blocks {
            self.check_fits(parent, block)?;
        }
        let count = blocks.len() as u64;
        let what = Message::counted("plan.announce.template_added", count)
            .text("template", template.title.get(lang));
        let inverse = self.commit(
            Change::Insert {
                parent: parent.map(str::to_owned),
                index,
                blocks,
            },
            what.clone(),
            None,
        )?;
        let focus = focus_after(&self.plan, &self.index, &inverse);
        Ok(Feedback::say(what, focus))
    }

    /// Sets a block's field to `value` (see [`Kind::fields`] for names and types). Typing says
    /// nothing and keeps focus; a run of edits to one field is one step of undo.
    pub fn set_field(&mut self, id: &str, field: &str, value: Value) -> Result<Feedback, Error> {
        let block = self.block(id).ok_or_else(|| no_such(id))?;
        if field == HEADING_PICTURE {
            let Value::String(key) = value else {
                return Err(ErrorKind::WrongValue {
                    field: HEADING_PICTURE,
                    expected: "the key of a picture in the plan's pictures, or empty",
                }
                .into());
            };
            if block.heading_picture() == key {
                return Ok(Feedback::none());
            }
            let what = changed(block);
            self.commit(
                Change::Field {
                    id: id.to_owned(),
                    field: HEADING_PICTURE,
                    value: Value::String(key),
                },
                what,
                Some(format!("field:{id}:{field}")),
            )?;
            return Ok(Feedback::none());
        }
        let kind = block.kind();
        let spec = kind.field(field).ok_or_else(|| ErrorKind::NoSuchField {
            kind: kind.as_str(),
            field: field.to_owned(),
        })?;
        if let Value::String(target) = &value {
            if spec.name == "outcomeId"
                && self.block(target).map(Block::kind) != Some(Kind::Outcome)
            {
                return Err(ErrorKind::NotAnOutcome { id: target.clone() }.into());
            }
        }
        if block.body.get(field).as_ref() == Some(&value) {
            return Ok(Feedback::none());
        }
        let what = changed(block);
        self.commit(
            Change::Field {
                id: id.to_owned(),
                field: spec.name,
                value,
            },
            what,
            Some(format!("field:{id}:{field}")),
        )?;
        Ok(Feedback::none())
    }

    /// Renames a section (its `title`).
    pub fn rename(&mut self, id: &str, title: &str) -> Result<Feedback, Error> {
        self.set_field(id, "title", Value::String(title.to_owned()))
    }

    /// Retitles the plan.
    pub fn set_title(&mut self, title: &str) -> Feedback {
        if self.plan.title == title {
            return Feedback::none();
        }
        let change = Change::Top(super::history::Top::Title(title.to_owned()));
        let what = Message::new("plan.announce.changed_title");
        // A title change cannot fail.
        let _ = self.commit(change, what, Some("top:title".to_owned()));
        Feedback::none()
    }

    /// Removes a block (and everything in it, for a section). Undo brings it back. Focus goes to
    /// the block now in its place, else the one before, else its section.
    pub fn remove(&mut self, id: &str) -> Result<Feedback, Error> {
        let place = self.place(id)?;
        let name = self.block(id).ok_or_else(|| no_such(id))?.name_arg();
        let what = Message::new("plan.announce.removed").arg("name", name);
        let inverse = self.commit(
            Change::Remove {
                parent: place.parent.clone(),
                index: place.index,
                count: 1,
            },
            what.clone(),
            None,
        )?;
        let focus = focus_after(&self.plan, &self.index, &inverse);
        Ok(Feedback::say(what, focus))
    }

    /// Replaces the whole plan with `plan` (opening a file), as one step that undo reverses.
    pub fn replace(&mut self, plan: Plan) -> Result<Feedback, Error> {
        let what = Message::new("plan.announce.opened").arg(
            "title",
            super::fields::short_name(&plan.title, "plan.title_default"),
        );
        self.replace_as(plan, what, Focus::Title)
    }

    /// Replaces the whole plan, as one step that undo reverses, saying `what` (combining copies,
    /// settling a conflict) and moving focus to `focus`.
    pub fn replace_as(
        &mut self,
        plan: Plan,
        what: Message,
        focus: Focus,
    ) -> Result<Feedback, Error> {
        let plan = check_plan(plan)?;
        self.commit(Change::Whole(Box::new(plan)), what.clone(), None)?;
        Ok(Feedback::say(what, Some(focus)))
    }

    /// Marks the plan's present state as a revision other copies may share (see
    /// [`super::merge::checkpoint`]). Only the merge history changes; it is not a step of undo.
    pub fn checkpoint(&mut self) {
        super::merge::checkpoint(&mut self.plan);
    }

    /// Records `author` on blocks added from now on (`addedBy`); `None` for nobody.
    pub fn set_author(&mut self, author: Option<&str>) {
        self.author = author.map(str::to_owned);
    }

    /// Opens a plan file in place of this plan. A bad or foreign file is refused with an error
    /// saying why, and this plan is left exactly as it was.
    pub fn replace_from_json(&mut self, text: &str) -> Result<Feedback, Error> {
        self.replace(import_json_within(text, &self.limits)?)
    }

    /// Undoes the last step. With nothing to undo, it says so.
    pub fn undo(&mut self) -> Feedback {
        let Some(entry) = self.history.pop_undo() else {
            return Feedback::say(Message::new("plan.announce.nothing_to_undo"), None);
        };
        let what = self.describe(&entry);
        match apply(&mut self.plan, &mut self.index, entry.change) {
            Ok(inverse) => {
                self.generation += 1;
                let focus = focus_after(&self.plan, &self.index, &inverse);
                self.history.push_redo(Entry {
                    change: inverse,
                    what: entry.what,
                    key: None,
                });
                let said =
                    Message::new("plan.announce.undone").arg("what", Arg::Message(what.into()));
                Feedback::say(said, focus)
            }
            // History out of step with the plan would be a bug; the step is dropped, not retried.
            Err(_) => Feedback::say(Message::new("plan.announce.nothing_to_undo"), None),
        }
    }

    /// Redoes the last undone step. With nothing to redo, it says so.
    pub fn redo(&mut self) -> Feedback {
        let Some(entry) = self.history.pop_redo() else {
            return Feedback::say(Message::new("plan.announce.nothing_to_redo"), None);
        };
        let what = self.describe(&entry);
        match apply(&mut self.plan, &mut self.index, entry.change) {
            Ok(inverse) => {
                self.generation += 1;
                let focus = focus_after(&self.plan, &self.index, &inverse);
                self.history.push_undo(Entry {
                    change: inverse,
                    what: entry.what,
                    key: None,
                });
                let said =
                    Message::new("plan.announce.redone").arg("what", Arg::Message(what.into()));
                Feedback::say(said, focus)
            }
            Err(_) => Feedback::say(Message::new("plan.announce.nothing_to_redo"), None),
        }
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Ends the current step of typing, so the next edit of the same field is a step of its own.
    /// A screen calls this when a field loses focus.
    pub fn seal(&mut self) {
        self.history.seal();
    }

    // Helpers shared with items.rs.

    /// Applies a change and records its inverse; returns the inverse (for focus).
    pub(super) fn commit(
        &mut self,
        change: Change,
        what: Message,
        key: Option<String>,
    ) -> Result<Change, Error> {
        // New blocks past `planBlocks` are refused (a merge, which loses nothing, may pass it).
        if let Change::Insert { blocks, .. } = &change {
            let found = count_blocks(&self.plan.blocks) + count_blocks(blocks);
            over(Limit::PlanBlocks, found, self.limits.plan_blocks)?;
        }
        let inverse = apply(&mut self.plan, &mut self.index, change)?;
        self.generation += 1;
        self.history.record(inverse.clone(), what, key);
        Ok(inverse)
    }

    pub(super) fn fresh(&mut self, prefix: &str) -> String {
        fresh_id(&mut self.plan, prefix, self.site.as_deref())
    }

    /// Names this copy: ids made from now on end in `_` and `site` (letters and digits only), so
    /// copies edited apart can be combined without two blocks sharing an id. A screen sets a
    /// random one when it starts; without it ids stay as short as before.
    pub fn set_site(&mut self, site: &str) {
        let clean: String = site
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(12)
            .collect();
        self.site = (!clean.is_empty()).then_some(clean);
    }

    /// An empty block of `kind` with a fresh id, ready to type into: lists start with one item,
    /// and a budget line is paid the way the budget is managed, when that is said.
    fn new_block(&mut self, kind: Kind) -> Block {
        let id = self.fresh("b");
        let mut body = Body::empty(kind);
        let checklist = kind == Kind::Checklist;
        let lists: Vec<&'static str> = body.item_lists().into_iter().map(|(f, _)| f).collect();
        for field in lists {
            let item = Item {
                id: self.fresh("i"),
                text: String::new(),
                done: checklist.then_some(false),
                extra: Default::default(),
            };
            if let Some(items) = body.items_mut(field) {
                items.push(item);
            }
        }
        if let Body::BudgetLine { paid_from, .. } = &mut body {
            *paid_from = match self.plan.budget.managed_as {
                ManagedAs::CouncilManaged => PaidFrom::CouncilManaged,
                ManagedAs::IndividualServiceFund => PaidFrom::IndividualServiceFund,
                _ => PaidFrom::DirectPayment,
            };
        }
        let mut extra = serde_json::Map::new();
        if let Some(author) = &self.author {
            extra.insert("addedBy".to_owned(), Value::String(author.clone()));
        }
        Block { id, body, extra }
    }

    pub(super) fn siblings(&self, place: &Place) -> &[Block] {
        tree::container(&self.plan.blocks, &self.index, place.parent.as_deref()).unwrap_or(&[])
    }

    fn check_container(&self, parent: Option<&str>) -> Result<(), Error> {
        if let Some(p) = parent {
            let block = self.block(p).ok_or_else(|| no_such(p))?;
            if block.kind() != Kind::Section {
                return Err(ErrorKind::NotASection { id: p.to_owned() }.into());
            }
        }
        Ok(())
    }

    /// Whether `block` (with everything in it) can go inside `section` within [`MAX_DEPTH`].
    pub(super) fn fits_in(&self, section: &str, block: &Block) -> bool {
        self.index
            .depth(section)
            .is_some_and(|d| d + 1 + tree::height(block) <= MAX_DEPTH)
    }

    pub(super) fn check_fits(&self, parent: Option<&str>, block: &Block) -> Result<(), Error> {
        self.check_container(parent)?;
        match parent {
            Some(p) if !self.fits_in(p, block) => Err(ErrorKind::TooDeep {
                id: block.id.clone(),
            }
            .into()),
            None if tree::height(block) > MAX_DEPTH => Err(ErrorKind::TooDeep {
                id: block.id.clone(),
            }
            .into()),
            _ => Ok(()),
        }
    }

    /// What a step was, in words. Edits to a block are named by the block's words as they are
    /// now, so undoing a run of typing names what was typed, not its first letter.
    fn describe(&self, entry: &Entry) -> Message {
        match &entry.change {
            Change::Field { id, .. } | Change::Items { id, .. } => self
                .block(id)
                .map(changed)
                .unwrap_or_else(|| entry.what.clone()),
            _ => entry.what.clone(),
        }
    }
}

/// "Changed ‘…’" for an edit inside a block.
pub(super) fn changed(block: &Block) -> Message {
    Message::new("plan.announce.changed").arg("name", block.name_arg())
}

pub(super) fn no_such(id: &str) -> Error {
    ErrorKind::NoSuchId { id: id.to_owned() }.into()
}

/// A new id: `prefix` and the plan's counter, which then goes up.
fn fresh_id(plan: &mut Plan, prefix: &str, site: Option<&str>) -> String {
    let id = match site {
        Some(site) => format!("{prefix}{}_{site}", plan.next_id),
        None => format!("{prefix}{}", plan.next_id),
    };
    plan.next_id = plan.next_id.saturating_add(1);
    id
}
