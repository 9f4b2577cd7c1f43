//! The state of one conversation record: schema, model, value, what the person typed, and which
//! problems are shown where. Pure logic, driven by the UI and the host, tested natively.
//!
//! What a person typed is never thrown away: text that does not parse as the field's type stays in
//! the field (and in the value, as text, so the validator explains it), and raw-JSON fields keep
//! their text even while it is not yet complete JSON.
//!
//! This module owns [`RecordState`] itself, the schema's life (absent, drawn, ready or failed),
//! the language, and [`RecordState::apply`], the one way in for a view. Each other concern has its
//! own file: `value` (the value and typed text), `shapes` (chosen shapes and answers put aside),
//! `lists` (list items and map entries), `disclosure` (levels, "Add more", recursive parts, long
//! lists), `problems` (which problems show where, in people's words), `revisions` (what changed
//! where, for redrawing), `authors` (who answered what) and `check` (the module API's checks without a form).

use crate::Emit;
use crate::error::Error;
use crate::i18n::Lang;
use crate::limits::Limits;
use crate::model::{Annotations, Diagnostic, FormModel, Kind, Level, lower_unchecked};
use crate::schema::{Compiled, Problem, parse_schema_within};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

mod authors;
mod check;
mod copies;
mod disclosure;
mod lists;
pub mod merge;
mod place;
pub mod posted;
mod problems;
mod revisions;
mod shapes;
mod value;

#[cfg(test)]
mod tests_lists;
#[cfg(test)]
mod tests_place;
#[cfg(test)]
mod tests_schema;
#[cfg(test)]
mod tests_shapes;
#[cfg(test)]
mod tests_support;
#[cfg(test)]
mod tests_values;

pub use check::{Checker, check};
pub use copies::Combining;
pub use disclosure::LIST_PAGE;

use problems::Shown;
use revisions::Revisions;
use value::apply_defaults;

/// What the person did to a field.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Typed text into a text, number or raw-JSON field.
    Text(String),
    /// Ticked or unticked a checkbox.
    Bool(bool),
    /// Chose option `n` of a choice, or none.
    Choice(Option<usize>),
    /// Ticked (`true`) or unticked option `n` of a multiple choice.
    Toggle(usize, bool),
}

/// What the person did, for [`RecordState::apply`].
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Changed a field (each keystroke, tick or choice).
    Edit {
        /// The field's value pointer.
        pointer: String,
        /// What they did.
        input: Input,
    },
    /// Committed a change (the native `change` moment: leaving a changed text field, a tick).
    Commit {
        /// The field's value pointer.
        pointer: String,
    },
    /// Left a field (focus moved out).
    Leave {
        /// The field's value pointer.
        pointer: String,
    },
    /// Added an item to the list at `pointer`.
    AddItem {
        /// The list's pointer.
        pointer: String,
    },
    /// Removed the list item at `pointer`.
    RemoveItem {
        /// The item's pointer.
        pointer: String,
    },
    /// Moved the list item at `pointer` up (-1) or down (+1).
    MoveItem {
        /// The item's pointer.
        pointer: String,
        /// -1 or +1.
        delta: isize,
    },
    /// Chose which shape applies (`oneOf`/`anyOf`).
    Choose {
        /// The choice's pointer.
        pointer: String,
        /// The shape's index.
        branch: usize,
    },
    /// Added a named entry to the map at `pointer`.
    AddEntry {
        /// The map's pointer.
        pointer: String,
    },
    /// Renamed the entry at `pointer`.
    RenameEntry {
        /// The entry's pointer.
        pointer: String,
        /// The new name.
        name: String,
    },
    /// Removed the entry at `pointer`.
    RemoveEntry {
        /// The entry's pointer.
        pointer: String,
    },
    /// Opened a recursive part of the form (drawn one level at a time).
    Open {
        /// The part's pointer.
        pointer: String,
    },
    /// Asked to see more items of a long list.
    ShowMore {
        /// The list's pointer.
        pointer: String,
    },
    /// Opened a field the level had hidden ("Add more").
    Reveal {
        /// The field's pointer.
        pointer: String,
    },
    /// Kept one version of an answer changed in two copies (or an answer the person wrote).
    KeepVersion {
        /// The answer's pointer.
        pointer: String,
        /// The version kept.
        value: Value,
    },
    /// Chose a copy to combine with (the file's text): shown first, then combined on
    /// [`Action::CombineApply`].
    Combine(String),
    /// Chose a copy of this many bytes, over the `valueBytes` limit: refused before it is read.
    CombineTooLarge(f64),
    /// Combine the copy shown although it is a copy of a different record.
    CombineAnyway,
    /// Combine the copy shown.
    CombineApply,
    /// Do not combine the copy shown.
    CombineCancel,
    /// Put the record back as it was before the copy was combined.
    UndoCombine,
    /// The person typed their name in the copies panel (see [`RecordState::set_author`]).
    SetAuthor(String),
}

/// A problem as shown: where, and the words.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownProblem {
    /// Pointer of the field the message sits beside (and the error summary links to).
    pub pointer: String,
    /// The message, in the record's language.
    pub message: String,
}

/// Where focus should go after an action, as a view's element for a field: the view maps it to
/// its own element ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Focus {
    /// The field at this pointer (its input, or the first of its group's).
    Field(String),
    /// A list item's "Move up" (`up`) or "Move down" button.
    ItemButton {
        /// The item's pointer.
        item: String,
        /// The up button (else down).
        up: bool,
    },
    /// The name box of a map's entry.
    EntryName(String),
    /// The "Add another" button of a list or a map.
    AddButton(String),
    /// An element of the record's own, by id (the copies panel and its buttons, the conflicts).
    Element(String),
}

/// See [`RecordState::outline`].
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    counter: u64,
    all: u64,
    focus: u64,
    announcement: u64,
    show_all: bool,
    top: Vec<bool>,
}

/// One record's state.
pub struct RecordState {
    lang: Lang,
    /// The schema, and what it became: drawn, compiled, or the error shown instead.
    schema: Schema,
    level: Level,
    /// Fields the person opened with "Add more", shown whatever the level.
    revealed: HashSet<String>,
    /// How many items each long list shows (more on "Show more"); the rest stay in the value.
    list_limits: HashMap<String, usize>,
    /// Names typed for map entries that could not be used (taken, or empty), by entry pointer.
    entry_names: HashMap<String, String>,
    /// Recursive parts the person opened.
    opened: HashSet<String>,
    /// The field the person last changed (kept with a draft, so focus returns to it).
    last_edited: Option<String>,
    /// What a screen reader should hear next (adds, removes, moves), and its sequence number.
    announcement: (u64, String),
    /// Where focus should go next, and its sequence number.
    focus: (u64, Option<Focus>),
    /// The branch the person chose, by pointer.
    choices: HashMap<String, usize>,
    /// Answers put aside while their question is hidden (a condition turned false, another shape
    /// chosen), to come back when it returns. Keys: a pointer, or `pointer#branch`.
    stash: HashMap<String, Value>,
    value: Value,
    raw: HashMap<String, String>,
    json_errors: HashMap<String, (usize, usize)>,
    touched: HashSet<String>,
    show_all: bool,
    remotes: HashMap<String, Value>,
    /// What this record reads and accepts (the element's `limits` property).
    limits: Limits,
    /// The problems as placed at fields, worked out once after each change: a form draws every
    /// field, and each asks for its own problem.
    shown: RefCell<Option<Rc<Shown>>>,
    /// Which parts of the form changed, and when (see [`RecordState::revision`]).
    revisions: Revisions,
    /// The merge history of this copy of the record (see [`merge`]).
    copy: Option<crate::merge::History>,
    /// Who is editing (the host's `author`), noted on answers they change.
    author: Option<String>,
    /// Who left which answer's words (see `authors`).
    authors: authors::Notes,
    /// What the last combination did.
    last_merge: Option<crate::merge::Summary>,
    /// The copies panel: a copy chosen, shown before it is combined (see `copies`).
    combining: Option<Box<Combining>>,
    /// Why the copy chosen could not be read.
    copies_error: Option<String>,
    /// The record as it was before the panel last combined a copy, until the next change.
    before_combining: Option<Box<copies::Before>>,
}

impl Default for RecordState {
    fn default() -> Self {
        RecordState::new(Lang::En)
    }
}

impl RecordState {
    /// An empty record with no schema yet.
    pub fn new(lang: Lang) -> RecordState {
        RecordState {
            lang,
            schema: Schema::Absent,
            level: Level::Brief,
            revealed: HashSet::new(),
            list_limits: HashMap::new(),
            entry_names: HashMap::new(),
            opened: HashSet::new(),
            last_edited: None,
            announcement: (0, String::new()),
            focus: (0, None),
            choices: HashMap::new(),
            stash: HashMap::new(),
            value: Value::Object(Default::default()),
            raw: HashMap::new(),
            json_errors: HashMap::new(),
            touched: HashSet::new(),
            show_all: false,
            remotes: HashMap::new(),
            limits: Limits::default(),
            shown: RefCell::new(None),
            revisions: Revisions::default(),
            copy: None,
            author: None,
            authors: HashMap::new(),
            last_merge: None,
            combining: None,
            copies_error: None,
            before_combining: None,
        }
    }

    /// The language messages are shown in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Switches language; nothing typed changes. The schema is lowered again so its own text
    /// (titles, hints, options, messages) follows where it gives that language.
    pub fn set_lang(&mut self, lang: Lang) {
        if lang == self.lang {
            return;
        }
        self.lang = lang;
        self.shown.replace(None);
        self.changed_all();
        let (form, unchecked) = match &mut self.schema {
            Schema::Drawn { form, unchecked } => (form, Some(unchecked)),
            Schema::Ready { form, .. } => (form, None),
            Schema::Absent | Schema::Failed(_) => return,
        };
        let lowered = &mut form.lowered;
        let (template, mut diagnostics, annotations) = lower_unchecked(&lowered.schema, lang);
        // Annotations wait for a compile still to come, as when the schema was set.
        match unchecked {
            Some(unchecked) => *unchecked = annotations,
            None => diagnostics.extend(annotations.check()),
        }
        lowered.template = template;
        lowered.diagnostics = diagnostics;
        self.reshape();
    }

    /// Schemas by URI that `$ref`s may name, handed over by the host (no network is used).
    pub fn set_remotes(&mut self, remotes: HashMap<String, Value>) {
        self.remotes = remotes;
    }

    /// The limits schemas and values set from now on are held to (the element's `limits`
    /// property; set the schema again for it to apply to the current one).
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// The limits this record holds schemas and values to.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Sets the schema from text. A schema that is not JSON, or breaks the rules, becomes the load
    /// error; the value is kept either way.
    pub fn set_schema_text(&mut self, text: &str) -> Result<(), Error> {
        let schema = self.parse_or_fail(text)?;
        self.set_schema(&schema)
    }

    /// Like [`RecordState::set_schema_text`], leaving the compile for
    /// [`RecordState::compile_pending`] (see [`RecordState::set_schema_later`]): only text that is
    /// not JSON fails here.
    pub fn set_schema_text_later(&mut self, text: &str) -> Result<(), Error> {
        let schema = self.parse_or_fail(text)?;
        self.set_schema_later(&schema);
        Ok(())
    }

    /// Sets the schema. The value is kept: a host may set the value before the schema arrives.
    pub fn set_schema(&mut self, schema: &Value) -> Result<(), Error> {
        match Compiled::within(schema, &self.remotes, &self.limits) {
            Ok(compiled) => {
                self.install(schema, Some(compiled));
                Ok(())
            }
            Err(e) => {
                self.fail(e.clone());
                Err(e)
            }
        }
    }

    /// Sets the schema and lowers it so the form can be drawn at once, leaving the compile (the
    /// validator, and checking the schema against the JSON Schema rules) for
    /// [`RecordState::compile_pending`]. Until then the record is not valid and shows no
    /// problems. An element draws the form first and compiles after the next paint: on the web
    /// the compile is a large share of the time before a long form appears.
    pub fn set_schema_later(&mut self, schema: &Value) {
        self.install(schema, None);
    }

    /// Whether the schema waits to be compiled.
    pub fn is_pending(&self) -> bool {
        matches!(self.schema, Schema::Drawn { .. })
    }

    /// Compiles a schema set by [`RecordState::set_schema_later`] (nothing otherwise) and checks
    /// the value. A schema that breaks the rules becomes the load error, as with `set_schema`;
    /// the value is kept.
    pub fn compile_pending(&mut self) -> Result<(), Error> {
        let Schema::Drawn { form, .. } = &self.schema else {
            return Ok(());
        };
        match Compiled::within(&form.lowered.schema, &self.remotes, &self.limits) {
            Ok(compiled) => {
                let Schema::Drawn {
                    mut form,
                    unchecked,
                } = std::mem::replace(&mut self.schema, Schema::Absent)
                else {
                    unreachable!("matched above");
                };
                form.lowered.diagnostics.extend(unchecked.check());
                self.schema = Schema::Ready {
                    form,
                    compiled,
                    problems: Vec::new(),
                };
                self.revalidate();
                Ok(())
            }
            Err(e) => {
                self.fail(e.clone());
                Err(e)
            }
        }
    }

    /// Shows `error` instead of the form (a schema that failed to fetch, say). The value is kept.
    pub fn fail(&mut self, error: Error) {
        self.changed_all();
        self.shown.replace(None);
        self.schema = Schema::Failed(error);
    }

    /// The error that stops the form from showing, if any.
    pub fn load_error(&self) -> Option<&Error> {
        match &self.schema {
            Schema::Failed(error) => Some(error),
            _ => None,
        }
    }

    /// The form model, once a schema has loaded.
    pub fn model(&self) -> Option<&FormModel> {
        self.schema.model()
    }

    /// The schema as given, once one is drawn (a draft keeps its fingerprint).
    pub fn schema(&self) -> Option<&Value> {
        self.schema.form().map(|f| &f.lowered.schema)
    }

    /// What lowering could not draw as asked.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.schema
            .form()
            .map_or(&[], |f| f.lowered.diagnostics.as_slice())
    }

    /// Applies what the person did and says what the host hears: the one way in for a view.
    /// What a screen reader hears and where focus goes are kept for the view
    /// ([`RecordState::announcement`], [`RecordState::focus_request`]).
    pub fn apply(&mut self, action: Action) -> Emit {
        // A list, map or shape change is one deliberate act: the host hears input and change.
        let both = |done: bool| if done { Emit::Both } else { Emit::Nothing };
        if action.changes_answers() {
            // A change after combining: undoing the combination would lose it.
            self.before_combining = None;
        }
        match action {
            Action::Edit { pointer, input } => {
                if self.edit(&pointer, input) {
                    self.note_answer(&pointer);
                    Emit::Input
                } else {
                    Emit::Nothing
                }
            }
            Action::Commit { .. } => Emit::Change,
            Action::Leave { pointer } => {
                self.leave(&pointer);
                Emit::Nothing
            }
            Action::AddItem { pointer } => both(self.add_item(&pointer)),
            Action::RemoveItem { pointer } => both(self.remove_item(&pointer)),
            Action::MoveItem { pointer, delta } => both(self.move_item(&pointer, delta)),
            Action::Choose { pointer, branch } => both(self.choose(&pointer, branch)),
            Action::AddEntry { pointer } => both(self.add_entry(&pointer)),
            Action::RenameEntry { pointer, name } => both(self.rename_entry(&pointer, &name)),
            Action::RemoveEntry { pointer } => both(self.remove_entry(&pointer)),
            Action::Open { pointer } => {
                self.open(&pointer);
                Emit::Nothing
            }
            Action::ShowMore { pointer } => {
                self.show_more(&pointer);
                Emit::Nothing
            }
            Action::Reveal { pointer } => {
                self.reveal(&pointer);
                Emit::Nothing
            }
            Action::KeepVersion { pointer, value } => self.choose_version(&pointer, value),
            Action::Combine(text) => self.combine_preview(&text),
            Action::CombineTooLarge(bytes) => self.combine_too_large(bytes),
            Action::CombineAnyway => self.combine_anyway(),
            Action::CombineApply => self.combine_apply(),
            Action::CombineCancel => self.combine_cancel(),
            Action::UndoCombine => self.undo_combine(),
            Action::SetAuthor(name) => {
                self.set_author(&name);
                Emit::Nothing
            }
        }
    }

    /// What a screen reader should hear, with a sequence number that changes each time.
    pub fn announcement(&self) -> (u64, &str) {
        (self.announcement.0, &self.announcement.1)
    }

    /// Where focus should go, with a sequence number that changes each time.
    pub fn focus_request(&self) -> (u64, Option<&Focus>) {
        (self.focus.0, self.focus.1.as_ref())
    }

    /// The schema in `text`, or the load error when it is not JSON.
    fn parse_or_fail(&mut self, text: &str) -> Result<Value, Error> {
        parse_schema_within(text, &self.limits).inspect_err(|e| self.fail(e.clone()))
    }

    /// Takes `schema` in: lowers it, applies defaults and checks the value with `compiled`; with
    /// no `compiled` the schema is drawn and waits for [`RecordState::compile_pending`].
    fn install(&mut self, schema: &Value, compiled: Option<Compiled>) {
        self.changed_all();
        // Annotations are checked when the schema is: now, or by `compile_pending`.
        let (template, mut diagnostics, annotations) = lower_unchecked(schema, self.lang);
        if compiled.is_some() {
            diagnostics.extend(annotations.check());
        }
        let tests = Compiled::each(&template.tests, &self.remotes);
        self.revealed.clear();
        self.choices.clear();
        self.stash.clear();
        // A fresh record starts with the schema's defaults; a value the host set is left as it
        // was given.
        if self.value.as_object().is_some_and(|m| m.is_empty()) {
            apply_defaults(&template.root, &mut self.value);
        }
        let lowered = Lowered {
            schema: schema.clone(),
            template,
            tests,
            diagnostics,
        };
        // What `reshape` does for a schema in place: this one has no model to reshape yet.
        if lowered.template.is_dynamic() {
            self.changed_all();
        }
        let model = lowered.expand(
            &mut self.value,
            &mut self.stash,
            &self.choices,
            &self.opened,
            self.lang,
        );
        let form = Form { lowered, model };
        self.schema = match compiled {
            Some(compiled) => Schema::Ready {
                form,
                compiled,
                problems: Vec::new(),
            },
            None => Schema::Drawn {
                form,
                unchecked: annotations,
            },
        };
        self.raw.clear();
        self.json_errors.clear();
        self.revalidate();
    }

    fn announce(&mut self, text: String) {
        self.announcement = (self.announcement.0 + 1, text);
    }

    fn request_focus(&mut self, target: Focus) {
        self.focus = (self.focus.0 + 1, Some(target));
    }

    fn label_of(&self, ptr: &str) -> String {
        self.schema
            .model()
            .and_then(|m| m.find(ptr))
            .map(|n| n.label.clone())
            .unwrap_or_default()
    }

    /// The first input inside the field at `ptr` (the field itself for a simple one).
    fn first_input(&self, ptr: &str) -> Focus {
        let mut node = self.schema.model().and_then(|m| m.find(ptr));
        while let Some(n) = node {
            match &n.kind {
                Kind::Object { children, .. } if !children.is_empty() => node = children.first(),
                _ => return Focus::Field(n.pointer.clone()),
            }
        }
        Focus::Field(ptr.to_owned())
    }
}

/// Where the record's schema is in its life. Each state holds what exists in it and nothing
/// more: a model without a schema, a validator beside a load error, or problems before the
/// schema is compiled cannot be written down.
enum Schema {
    /// No schema yet.
    Absent,
    /// Lowered and drawn, not compiled yet (see [`RecordState::set_schema_later`]): the record is
    /// not valid and shows no problems.
    Drawn {
        form: Form,
        /// Its `x-ourplan` annotations, to check against the vocabulary when it is compiled.
        unchecked: Annotations,
    },
    /// Lowered, drawn and compiled: the validator judges the value.
    Ready {
        form: Form,
        compiled: Compiled,
        /// What the validator finds wrong with the value, within the shapes chosen.
        problems: Vec<Problem>,
    },
    /// The schema could not be used (not JSON, against the rules, not fetched): the error shows
    /// instead of the form, and the value is kept.
    Failed(Error),
}

/// A schema drawn as a form: as lowered, and expanded for the current value.
struct Form {
    lowered: Lowered,
    /// The template expanded for the current value (one node per array item).
    model: FormModel,
}

/// What a schema lowers to, kept while the schema stays.
struct Lowered {
    /// The schema as given, kept to lower it again in another language.
    schema: Value,
    /// The model as lowered from the schema (array items as templates).
    template: FormModel,
    /// The template's tests (`if`s, `oneOf` branches), compiled; `None` where one cannot compile.
    tests: Vec<Option<Compiled>>,
    /// What lowering could not draw as asked.
    diagnostics: Vec<Diagnostic>,
}

impl Schema {
    /// The form, in the states that draw one.
    fn form(&self) -> Option<&Form> {
        match self {
            Schema::Drawn { form, .. } | Schema::Ready { form, .. } => Some(form),
            Schema::Absent | Schema::Failed(_) => None,
        }
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        match self {
            Schema::Drawn { form, .. } | Schema::Ready { form, .. } => Some(form),
            Schema::Absent | Schema::Failed(_) => None,
        }
    }

    /// The expanded model, in the states that draw one.
    fn model(&self) -> Option<&FormModel> {
        self.form().map(|f| &f.model)
    }

    /// Whether anything in the form changes with the answers.
    fn is_dynamic(&self) -> bool {
        self.form().is_some_and(|f| f.lowered.template.is_dynamic())
    }

    /// The validator's problems with the value: none until the schema is compiled.
    fn problems(&self) -> &[Problem] {
        match self {
            Schema::Ready { problems, .. } => problems,
            _ => &[],
        }
    }
}
