//! The state of one conversation record: schema, model, value, what the person typed, and which
//! problems are shown where. Pure logic, driven by the UI and the host, tested natively.
//!
//! What a person typed is never thrown away: text that does not parse as the field's type stays in
//! the field (and in the value, as text, so the validator explains it), and raw-JSON fields keep
//! their text even while it is not yet complete JSON.

use crate::Emit;
use crate::error::Error;
use crate::i18n::{Lang, t};
use crate::model::{
    Annotations, Diagnostic, ExpandContext, FormModel, Kind, Level, Node, Test, lower_reference,
    lower_unchecked,
};
use crate::pointer;
use crate::schema::{Compiled, Message, Problem, parse_schema};
use serde_json::{Number, Value};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

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
    /// The schema as given, kept to lower it again in another language.
    schema: Option<Value>,
    level: Level,
    /// The model as lowered from the schema (array items as templates).
    template: Option<FormModel>,
    /// The template expanded for the current value (one node per array item).
    model: Option<FormModel>,
    /// Fields the person opened with "Add more", shown whatever the level.
    revealed: HashSet<String>,
    /// How many items each long list shows (more on "Show more"); the rest stay in the value.
    list_limits: HashMap<String, usize>,
    /// Names typed for map entries that could not be used (taken, or empty), by entry pointer.
    entry_names: HashMap<String, String>,
    /// Recursive parts the person opened.
    opened: HashSet<String>,
    /// What a screen reader should hear next (adds, removes, moves), and its sequence number.
    announcement: (u64, String),
    /// Where focus should go next, and its sequence number.
    focus: (u64, Option<Focus>),
    /// The model's tests (`if`s, `oneOf` branches), compiled; `None` where one cannot compile.
    tests: Vec<Option<Compiled>>,
    /// The branch the person chose, by pointer.
    choices: HashMap<String, usize>,
    /// Answers put aside while their question is hidden (a condition turned false, another shape
    /// chosen), to come back when it returns. Keys: a pointer, or `pointer#branch`.
    stash: HashMap<String, Value>,
    diagnostics: Vec<Diagnostic>,
    compiled: Option<Compiled>,
    /// The schema is drawn but not compiled yet (see [`RecordState::set_schema_later`]).
    pending: bool,
    /// Its `x-ourplan` annotations, to check against the vocabulary when it is compiled.
    unchecked: Annotations,
    load_error: Option<Error>,
    value: Value,
    raw: HashMap<String, String>,
    json_errors: HashMap<String, (usize, usize)>,
    touched: HashSet<String>,
    show_all: bool,
    problems: Vec<Problem>,
    remotes: HashMap<String, Value>,
    /// The problems as placed at fields, worked out once after each change: a form draws every
    /// field, and each asks for its own problem.
    shown: RefCell<Option<Rc<Shown>>>,
    /// Which parts of the form changed, and when (see [`RecordState::revision`]).
    revisions: Revisions,
}

/// Change counters by pointer, so a screen can redraw only the fields that changed.
#[derive(Debug, Default)]
struct Revisions {
    /// Goes up with every change.
    counter: u64,
    /// The last change that touched the whole form (language, schema, value, level).
    all: u64,
    /// The last change at or below each pointer (set on the pointer and each of its parents).
    at: HashMap<String, u64>,
    /// The last change that reshaped everything below a pointer (items added, removed or
    /// moved, a shape chosen): every field below it counts as changed.
    deep: HashMap<String, u64>,
    /// The problems on show, by field pointer, as last drawn.
    visible: HashMap<String, String>,
}

/// `pointer` and every pointer above it, up to the root (`""`).
fn self_and_parents(pointer: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(pointer);
    std::iter::from_fn(move || {
        let here = next?;
        next = here.rsplit_once('/').map(|(up, _)| up);
        Some(here)
    })
}

/// The pointer of the list or object holding `pointer` (`""` at the top).
fn parent_pointer(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(up, _)| up)
}

/// Problems placed at the fields that show them, in form order, with an index by field pointer.
#[derive(Debug, Default)]
struct Shown {
    list: Vec<ShownProblem>,
    at: HashMap<String, usize>,
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
            schema: None,
            level: Level::Brief,
            template: None,
            model: None,
            revealed: HashSet::new(),
            list_limits: HashMap::new(),
            entry_names: HashMap::new(),
            opened: HashSet::new(),
            announcement: (0, String::new()),
            focus: (0, None),
            tests: Vec::new(),
            choices: HashMap::new(),
            stash: HashMap::new(),
            diagnostics: Vec::new(),
            compiled: None,
            pending: false,
            unchecked: Annotations::default(),
            load_error: None,
            value: Value::Object(Default::default()),
            raw: HashMap::new(),
            json_errors: HashMap::new(),
            touched: HashSet::new(),
            show_all: false,
            problems: Vec::new(),
            remotes: HashMap::new(),
            shown: RefCell::new(None),
            revisions: Revisions::default(),
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
        if let Some(schema) = &self.schema {
            let (template, mut diagnostics, annotations) = lower_unchecked(schema, lang);
            // Annotations wait for a compile still to come, as when the schema was set.
            if self.pending {
                self.unchecked = annotations;
            } else {
                diagnostics.extend(annotations.check());
            }
            self.template = Some(template);
            self.diagnostics = diagnostics;
            self.reshape();
        }
    }

    /// Schemas by URI that `$ref`s may name, handed over by the host (no network is used).
    pub fn set_remotes(&mut self, remotes: HashMap<String, Value>) {
        self.remotes = remotes;
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

    /// The schema in `text`, or the load error when it is not JSON.
    fn parse_or_fail(&mut self, text: &str) -> Result<Value, Error> {
        parse_schema(text).inspect_err(|e| self.fail(e.clone()))
    }

    /// Sets the schema. The value is kept: a host may set the value before the schema arrives.
    pub fn set_schema(&mut self, schema: &Value) -> Result<(), Error> {
        match Compiled::new(schema, &self.remotes) {
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
        self.pending = true;
    }

    /// Whether the schema waits to be compiled.
    pub fn is_pending(&self) -> bool {
        self.pending
    }

    /// Compiles a schema set by [`RecordState::set_schema_later`] (nothing otherwise) and checks
    /// the value. A schema that breaks the rules becomes the load error, as with `set_schema`;
    /// the value is kept.
    pub fn compile_pending(&mut self) -> Result<(), Error> {
        if !self.pending {
            return Ok(());
        }
        self.pending = false;
        let Some(schema) = self.schema.take() else {
            return Ok(());
        };
        let result = Compiled::new(&schema, &self.remotes);
        self.schema = Some(schema);
        match result {
            Ok(compiled) => {
                self.compiled = Some(compiled);
                let annotations = std::mem::take(&mut self.unchecked);
                self.diagnostics.extend(annotations.check());
                self.revalidate();
                Ok(())
            }
            Err(e) => {
                self.fail(e.clone());
                Err(e)
            }
        }
    }

    /// Takes `schema` in: lowers it, applies defaults and checks the value with `compiled`.
    fn install(&mut self, schema: &Value, compiled: Option<Compiled>) {
        self.changed_all();
        self.pending = false;
        // Annotations are checked when the schema is: now, or by `compile_pending`.
        let (template, mut diagnostics, annotations) = lower_unchecked(schema, self.lang);
        if compiled.is_some() {
            diagnostics.extend(annotations.check());
            self.unchecked = Annotations::default();
        } else {
            self.unchecked = annotations;
        }
        self.schema = Some(schema.clone());
        self.tests = Compiled::each(&template.tests, &self.remotes);
        self.template = Some(template);
        self.revealed.clear();
        self.choices.clear();
        self.stash.clear();
        // A fresh record starts with the schema's defaults; a value the host set is left as it
        // was given.
        if self.value.as_object().is_some_and(|m| m.is_empty()) {
            if let Some(t) = &self.template {
                apply_defaults(&t.root, &mut self.value);
            }
        }
        self.reshape();
        self.diagnostics = diagnostics;
        self.compiled = compiled;
        self.load_error = None;
        self.raw.clear();
        self.json_errors.clear();
        self.revalidate();
    }

    /// Shows `error` instead of the form (a schema that failed to fetch, say). The value is kept.
    pub fn fail(&mut self, error: Error) {
        self.changed_all();
        self.schema = None;
        self.model = None;
        self.shown.replace(None);
        self.template = None;
        self.compiled = None;
        self.pending = false;
        self.diagnostics.clear();
        self.problems.clear();
        self.load_error = Some(error);
    }

    /// The error that stops the form from showing, if any.
    pub fn load_error(&self) -> Option<&Error> {
        self.load_error.as_ref()
    }

    /// The form model, once a schema has loaded.
    pub fn model(&self) -> Option<&FormModel> {
        self.model.as_ref()
    }

    /// What lowering could not draw as asked.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The current value.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// Replaces the value (from the host). Problems are hidden again until the person leaves a
    /// field or the host calls validate.
    pub fn set_value(&mut self, value: Value) {
        self.changed_all();
        self.value = value;
        self.raw.clear();
        self.json_errors.clear();
        self.touched.clear();
        self.show_all = false;
        // Choices and put-aside answers belonged to the previous value.
        self.choices.clear();
        self.stash.clear();
        self.entry_names.clear();
        self.reshape();
        self.revalidate();
    }

    /// How much of the record shows (`brief`, `standard`, `full`).
    pub fn level(&self) -> Level {
        self.level
    }

    /// Sets how much shows. Nothing typed changes; a field with a value shows at every level.
    pub fn set_level(&mut self, level: Level) {
        self.changed_all();
        self.level = level;
    }

    /// Whether the field shows: it is required, holds a value, was opened with "Add more", or
    /// its level is within the record's level. `inherited` is whether its parent group was
    /// opened (fields without a level of their own follow their group).
    pub fn is_shown(&self, node: &Node, inherited: bool) -> bool {
        node.required
            || self.revealed.contains(&node.pointer)
            || pointer::get(&self.value, &node.pointer).is_some()
            || self.raw.get(&node.pointer).is_some_and(|t| !t.is_empty())
            || match node.level {
                Some(level) => level <= self.level,
                None => inherited,
            }
    }

    /// Whether fields without a level of their own show at the top of the record.
    pub fn top_level_default(&self) -> bool {
        self.level >= Level::Standard
    }

    /// Opens a field hidden by the level ("Add more"), and asks for focus on it.
    pub fn reveal(&mut self, pointer: &str) {
        self.changed_at(pointer);
        self.revealed.insert(pointer.to_owned());
        self.request_focus(Focus::Field(pointer.to_owned()));
    }

    /// What a view must know to tell whether a change stayed inside top-level fields: the
    /// change counter, the last whole-form change, the focus and announcement sequences, whether
    /// every problem shows, and which of the top-level fields show.
    pub fn outline(&self) -> Outline {
        let top = match self.model.as_ref().map(|m| &m.root.kind) {
            Some(Kind::Object { children, .. }) => {
                let inherited = self.top_level_default();
                children
                    .iter()
                    .map(|c| c.entry || self.is_shown(c, inherited))
                    .collect()
            }
            _ => Vec::new(),
        };
        Outline {
            counter: self.revisions.counter,
            all: self.revisions.all,
            focus: self.focus.0,
            announcement: self.announcement.0,
            show_all: self.show_all,
            top,
        }
    }

    /// The top-level fields (pointers one step below the root) where something changed after
    /// change `counter`, when nothing else did: `None` when the whole form or the root changed
    /// in any other way than through those fields.
    pub fn changed_top_fields(&self, before: &Outline) -> Option<Vec<String>> {
        let now = self.outline();
        if now.all != before.all
            || now.focus != before.focus
            || now.announcement != before.announcement
            || now.show_all
            || before.show_all
            || now.top != before.top
        {
            return None;
        }
        let r = &self.revisions;
        let mut out: Vec<String> = Vec::new();
        for (pointer, &at) in r.at.iter().chain(r.deep.iter()) {
            if at <= before.counter || pointer.is_empty() {
                continue;
            }
            let top = match pointer[1..].find('/') {
                Some(i) => &pointer[..i + 1],
                None => pointer.as_str(),
            };
            if !out.iter().any(|p| p == top) {
                out.push(top.to_owned());
            }
        }
        Some(out)
    }

    /// What a screen reader should hear, with a sequence number that changes each time.
    pub fn announcement(&self) -> (u64, &str) {
        (self.announcement.0, &self.announcement.1)
    }

    /// Where focus should go, with a sequence number that changes each time.
    pub fn focus_request(&self) -> (u64, Option<&Focus>) {
        (self.focus.0, self.focus.1.as_ref())
    }

    fn announce(&mut self, text: String) {
        self.announcement = (self.announcement.0 + 1, text);
    }

    fn request_focus(&mut self, target: Focus) {
        self.focus = (self.focus.0 + 1, Some(target));
    }

    /// Adds an empty item to the list at `list`, focusing it. Returns whether anything changed.
    pub fn add_item(&mut self, list: &str) -> bool {
        self.changed_below(list);
        let Some(node) = self.model.as_ref().and_then(|m| m.find(list)).cloned() else {
            return false;
        };
        let Kind::Array {
            item,
            prefix,
            items,
            ..
        } = &node.kind
        else {
            return false;
        };
        let index = items.len();
        let Some(template) = prefix.get(index).or(item.as_deref()) else {
            return false;
        };
        let empty = empty_value(template);
        let mut list_value = pointer::get(&self.value, list)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        list_value.push(empty);
        let len = list_value.len();
        pointer::set(&mut self.value, list, Value::Array(list_value));
        if len > self.list_limit(list) {
            self.list_limits.insert(list.to_owned(), len);
        }
        self.reshape();
        self.revalidate();
        let item_ptr = pointer::join(list, &index.to_string());
        let label = self.label_of(&item_ptr);
        self.announce(t(self.lang, "list.added", &[("item", &label)]));
        self.request_focus(self.first_input(&item_ptr));
        true
    }

    /// Removes the item at `item` (a pointer into a list), focusing its neighbour.
    pub fn remove_item(&mut self, item: &str) -> bool {
        self.changed_below(parent_pointer(item));
        let Some((list, index)) = split_item(item) else {
            return false;
        };
        let label = self.label_of(item);
        let Some(Value::Array(values)) = self.value.pointer_mut(&list) else {
            return false;
        };
        if index >= values.len() {
            return false;
        }
        values.remove(index);
        let remaining = values.len();
        self.reindex(&list, |i| match i.cmp(&index) {
            std::cmp::Ordering::Less => Some(i),
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some(i - 1),
        });
        self.reshape();
        self.revalidate();
        self.announce(t(self.lang, "list.removed", &[("item", &label)]));
        let focus = if remaining == 0 {
            Focus::AddButton(list.clone())
        } else {
            self.first_input(&pointer::join(&list, &index.min(remaining - 1).to_string()))
        };
        self.request_focus(focus);
        true
    }

    /// Moves the item at `item` up (`-1`) or down (`+1`), keeping focus on its button.
    pub fn move_item(&mut self, item: &str, delta: isize) -> bool {
        self.changed_below(parent_pointer(item));
        let Some((list, index)) = split_item(item) else {
            return false;
        };
        let Some(Value::Array(values)) = self.value.pointer_mut(&list) else {
            return false;
        };
        let Some(target) = index
            .checked_add_signed(delta)
            .filter(|t| *t < values.len())
        else {
            return false;
        };
        let label = self.label_of(item);
        let Some(Value::Array(values)) = self.value.pointer_mut(&list) else {
            return false;
        };
        values.swap(index, target);
        self.reindex(&list, |i| {
            Some(if i == index {
                target
            } else if i == target {
                index
            } else {
                i
            })
        });
        self.reshape();
        self.revalidate();
        let moved = pointer::join(&list, &target.to_string());
        let key = if delta < 0 {
            "list.moved_up"
        } else {
            "list.moved_down"
        };
        let position = (target + 1).to_string();
        self.announce(t(
            self.lang,
            key,
            &[("item", &label), ("position", &position)],
        ));
        // Focus stays on the same button of the moved item, unless the move disabled it (the
        // item reached an end): then its other move button.
        let last = pointer::get(&self.value, &list)
            .and_then(Value::as_array)
            .map_or(0, |v| v.len().saturating_sub(1));
        let button = match (delta < 0, target) {
            (true, 0) => "down",
            (true, _) => "up",
            (false, t) if t == last => "up",
            (false, _) => "down",
        };
        self.request_focus(Focus::ItemButton {
            item: moved,
            up: button == "up",
        });
        true
    }

    /// Opens the recursive part at `ptr` (drawn one level at a time), focusing its first field.
    pub fn open(&mut self, ptr: &str) -> bool {
        self.changed_below(ptr);
        if !self.opened.insert(ptr.to_owned()) {
            return false;
        }
        self.reshape();
        self.request_focus(self.first_input(ptr));
        true
    }

    /// How many items of the list at `list` to draw: long lists are drawn a page at a time so a
    /// huge value stays usable; the items not drawn are kept in the value untouched.
    pub fn list_limit(&self, list: &str) -> usize {
        self.list_limits.get(list).copied().unwrap_or(LIST_PAGE)
    }

    /// Draws another page of the list at `list`, moving focus to the first newly shown item.
    pub fn show_more(&mut self, list: &str) {
        self.changed_below(list);
        let before = self.list_limit(list);
        self.list_limits.insert(list.to_owned(), before + LIST_PAGE);
        self.request_focus(self.first_input(&pointer::join(list, &before.to_string())));
    }

    /// Adds a named entry to the map at `object` (an `additionalProperties` object), with an
    /// empty name for the person to fill in, and focuses its name.
    pub fn add_entry(&mut self, object: &str) -> bool {
        self.changed_below(object);
        let Some(node) = self.model.as_ref().and_then(|m| m.find(object)).cloned() else {
            return false;
        };
        let Kind::Object {
            extra: Some(template),
            ..
        } = &node.kind
        else {
            return false;
        };
        let entry = pointer::join(object, "");
        if pointer::get(&self.value, &entry).is_none() {
            pointer::set(&mut self.value, &entry, empty_value(template));
            self.reshape();
            self.revalidate();
            self.announce(t(self.lang, "map.added", &[]));
        }
        self.request_focus(Focus::EntryName(entry));
        true
    }

    /// The name shown for the entry at `entry`: what was typed, or its key.
    pub fn entry_name(&self, entry: &str) -> String {
        self.entry_names
            .get(entry)
            .cloned()
            .unwrap_or_else(|| pointer::last(entry))
    }

    /// A problem with the name typed for `entry`, if any (a name already used).
    pub fn entry_name_problem(&self, entry: &str) -> Option<String> {
        let typed = self.entry_names.get(entry)?;
        Some(t(self.lang, "map.name_taken", &[("name", typed)]))
    }

    /// Renames the entry at `entry` to `name`, keeping its place and its answer. A name already
    /// used is refused (the typed name stays in the box with a message); nothing is lost.
    pub fn rename_entry(&mut self, entry: &str, name: &str) -> bool {
        self.changed_below(parent_pointer(entry));
        let Some((object, old)) = entry
            .rsplit_once('/')
            .map(|(o, k)| (o.to_owned(), pointer::unescape(k)))
        else {
            return false;
        };
        if name == old {
            self.entry_names.remove(entry);
            return false;
        }
        let Some(Value::Object(map)) = self.value.pointer_mut(&object) else {
            return false;
        };
        if map.contains_key(name) {
            self.entry_names.insert(entry.to_owned(), name.to_owned());
            return false;
        }
        let renamed: serde_json::Map<String, Value> = std::mem::take(map)
            .into_iter()
            .map(|(k, v)| {
                if k == old {
                    (name.to_owned(), v)
                } else {
                    (k, v)
                }
            })
            .collect();
        *map = renamed;
        self.entry_names.remove(entry);
        let new_ptr = pointer::join(&object, name);
        self.rekey(entry, &new_ptr);
        self.reshape();
        self.revalidate();
        // Focus stays where the person put it: a name takes effect as they leave its box, most
        // often with Tab to the answer.
        true
    }

    /// Removes the entry at `entry`, focusing the map's add button.
    pub fn remove_entry(&mut self, entry: &str) -> bool {
        self.changed_below(parent_pointer(entry));
        let Some((object, key)) = entry
            .rsplit_once('/')
            .map(|(o, k)| (o.to_owned(), pointer::unescape(k)))
        else {
            return false;
        };
        let Some(Value::Object(map)) = self.value.pointer_mut(&object) else {
            return false;
        };
        if map.shift_remove(&key).is_none() {
            return false;
        }
        self.entry_names.remove(entry);
        self.reshape();
        self.revalidate();
        self.announce(t(self.lang, "map.removed", &[("name", &key)]));
        self.request_focus(Focus::AddButton(object));
        true
    }

    /// Moves what is held per pointer (typed text, touched fields) from `from` to `to`.
    fn rekey(&mut self, from: &str, to: &str) {
        let moved = |k: &str| -> Option<String> {
            if k == from {
                Some(to.to_owned())
            } else {
                k.strip_prefix(&format!("{from}/"))
                    .map(|rest| format!("{to}/{rest}"))
            }
        };
        fn apply<V>(m: &mut HashMap<String, V>, moved: &dyn Fn(&str) -> Option<String>) {
            let keys: Vec<String> = m.keys().filter(|k| moved(k).is_some()).cloned().collect();
            for k in keys {
                if let (Some(v), Some(n)) = (m.remove(&k), moved(&k)) {
                    m.insert(n, v);
                }
            }
        }
        apply(&mut self.raw, &moved);
        apply(&mut self.json_errors, &moved);
        self.touched = self
            .touched
            .iter()
            .map(|k| moved(k).unwrap_or_else(|| k.clone()))
            .collect();
    }

    fn label_of(&self, ptr: &str) -> String {
        self.model
            .as_ref()
            .and_then(|m| m.find(ptr))
            .map(|n| n.label.clone())
            .unwrap_or_default()
    }

    /// The first input inside the field at `ptr` (the field itself for a simple one).
    fn first_input(&self, ptr: &str) -> Focus {
        let mut node = self.model.as_ref().and_then(|m| m.find(ptr));
        while let Some(n) = node {
            match &n.kind {
                Kind::Object { children, .. } if !children.is_empty() => node = children.first(),
                _ => return Focus::Field(n.pointer.clone()),
            }
        }
        Focus::Field(ptr.to_owned())
    }

    /// Re-keys what is held per pointer (typed text, touched fields) after a list's items moved:
    /// `map(old index)` gives the new index, or `None` for a removed item.
    fn reindex(&mut self, list: &str, map: impl Fn(usize) -> Option<usize>) {
        let prefix = format!("{list}/");
        let rekey = |key: &str| -> Option<Option<String>> {
            let rest = key.strip_prefix(&prefix)?;
            let (first, tail) = rest.split_once('/').map_or((rest, ""), |(a, b)| (a, b));
            let i: usize = first.parse().ok()?;
            Some(map(i).map(|n| {
                if tail.is_empty() {
                    format!("{prefix}{n}")
                } else {
                    format!("{prefix}{n}/{tail}")
                }
            }))
        };
        fn apply<V>(m: &mut HashMap<String, V>, rekey: &dyn Fn(&str) -> Option<Option<String>>) {
            let keys: Vec<String> = m.keys().filter(|k| rekey(k).is_some()).cloned().collect();
            let moved: Vec<(Option<String>, V)> = keys
                .iter()
                .map(|k| (rekey(k).flatten(), m.remove(k).expect("listed above")))
                .collect();
            for (k, v) in moved.into_iter() {
                if let Some(k) = k {
                    m.insert(k, v);
                }
            }
        }
        apply(&mut self.raw, &rekey);
        apply(&mut self.json_errors, &rekey);
        let touched: Vec<String> = self.touched.iter().cloned().collect();
        self.touched = touched
            .into_iter()
            .filter_map(|k| match rekey(&k) {
                Some(new) => new,
                None => Some(k),
            })
            .collect();
    }

    /// Re-expands the model for the value: list items, conditional fields, chosen shapes. Answers
    /// to conditional fields that are hidden now are put aside, and put back when they return; as
    /// that can change other conditions, it repeats until nothing moves (a few rounds at most).
    fn reshape(&mut self) {
        let Some(template) = self.template.take() else {
            return;
        };
        if template.is_dynamic() {
            // Conditions and shapes can change any part of the form.
            self.changed_all();
        }
        for _round in 0..4 {
            let tests = &self.tests;
            let test = |t: &Test, v: &Value| match t {
                Test::Schema(i) => tests
                    .get(*i)
                    .and_then(Option::as_ref)
                    .is_some_and(|c| c.is_valid(v)),
                Test::Present(name) => v.get(name).is_some(),
            };
            let fits = |i: usize, v: &Value| {
                tests
                    .get(i)
                    .and_then(Option::as_ref)
                    .is_some_and(|c| c.is_valid(v))
            };
            let choices = &self.choices;
            let choice = |p: &str| choices.get(p).copied();
            let opened_set = &self.opened;
            let opened = |p: &str| opened_set.contains(p);
            let (schema, lang) = (&self.schema, self.lang);
            let known_tests = &template.tests;
            let lower_ref = |r: &str, at: String| {
                schema
                    .as_ref()
                    .and_then(|s| lower_reference(s, r, at, lang, known_tests))
            };
            let ctx = ExpandContext {
                test: &test,
                fits: &fits,
                choice: &choice,
                shown_conditional: Default::default(),
                hidden_conditional: Default::default(),
                opened: &opened,
                lower_reference: &lower_ref,
            };
            let model = template.expand(&self.value, &ctx);
            let mut moved = false;
            for hidden in ctx.hidden_conditional.into_inner() {
                if let Some(v) = pointer::get(&self.value, &hidden).cloned() {
                    self.stash.insert(hidden.clone(), v);
                    pointer::remove(&mut self.value, &hidden, &|_| false);
                    moved = true;
                }
            }
            for shown in ctx.shown_conditional.into_inner() {
                if pointer::get(&self.value, &shown).is_none() {
                    if let Some(v) = self.stash.remove(&shown) {
                        pointer::set(&mut self.value, &shown, v);
                        moved = true;
                    }
                }
            }
            self.model = Some(model);
            self.shown.replace(None);
            if !moved {
                break;
            }
        }
        self.template = Some(template);
    }

    /// The person chose shape `branch` for the choice at `ptr`. What still fits the new shape is
    /// kept; the rest is put aside, so choosing the old shape again brings it back.
    pub fn choose(&mut self, ptr: &str, branch: usize) -> bool {
        self.changed_below(ptr);
        let Some(node) = self.model.as_ref().and_then(|m| m.find(ptr)).cloned() else {
            return false;
        };
        let Kind::Alternatives { branches, chosen } = &node.kind else {
            return false;
        };
        let Some(target) = branches.get(branch) else {
            return false;
        };
        let old = chosen.as_ref().map(|(i, _)| *i);
        if old == Some(branch) {
            return false;
        }
        let current = pointer::get(&self.value, ptr).cloned();
        if let (Some(old), Some(v)) = (old, &current) {
            self.stash.insert(format!("{ptr}#{old}"), v.clone());
        }
        let restored = self.stash.get(&format!("{ptr}#{branch}")).cloned();
        let fits = |v: &Value| {
            self.tests
                .get(target.test)
                .and_then(Option::as_ref)
                .is_some_and(|c| c.is_valid(v))
        };
        let new = match (&target.node.kind, current) {
            (Kind::Object { children, .. }, now) => {
                let mut out = restored
                    .and_then(|r| r.as_object().cloned())
                    .unwrap_or_default();
                if let Some(Value::Object(now)) = now {
                    for (k, v) in now {
                        if children.iter().any(|c| pointer::last(&c.pointer) == k) {
                            out.insert(k, v);
                        }
                    }
                }
                // What tells this shape from the others (`kind: "care"`) is part of choosing it.
                for (k, v) in &target.fixed {
                    out.insert(k.clone(), v.clone());
                }
                (!out.is_empty()).then_some(Value::Object(out))
            }
            (_, Some(v)) if fits(&v) => Some(v),
            _ => restored,
        };
        match new {
            Some(v) => pointer::set(&mut self.value, ptr, v),
            None => pointer::remove(&mut self.value, ptr, &|_| false),
        }
        self.choices.insert(ptr.to_owned(), branch);
        self.reshape();
        self.revalidate();
        true
    }

    /// The text a text-like field shows: what the person typed, or the value's text.
    pub fn display_text(&self, pointer: &str) -> String {
        if let Some(raw) = self.raw.get(pointer) {
            return raw.clone();
        }
        let raw_kind = self
            .model
            .as_ref()
            .and_then(|m| m.find(pointer))
            .is_some_and(|n| n.kind == Kind::Raw);
        match pointer::get(&self.value, pointer) {
            None => String::new(),
            Some(Value::String(s)) if !raw_kind => s.clone(),
            Some(Value::Number(n)) if !raw_kind => n.to_string(),
            Some(other) => serde_json::to_string_pretty(other).unwrap_or_default(),
        }
    }

    /// The value at `pointer`.
    pub fn value_at(&self, pointer: &str) -> Option<&Value> {
        pointer::get(&self.value, pointer)
    }

    /// Applies what the person did to the field at `pointer`. Returns whether the value changed.
    pub fn edit(&mut self, pointer: &str, input: Input) -> bool {
        self.changed_at(pointer);
        let Some(mut node) = self.model.as_ref().and_then(|m| m.find(pointer)).cloned() else {
            return false;
        };
        // A choice of shapes whose chosen shape is a single field: edit that field.
        if let Kind::Alternatives {
            chosen: Some((_, inner)),
            ..
        } = &node.kind
        {
            node = (**inner).clone();
        }
        let before = pointer::get(&self.value, pointer).cloned();
        if self.json_errors.remove(pointer).is_some() {
            self.shown.replace(None);
        }
        let new = match (&node.kind, input) {
            (Kind::Text { .. }, Input::Text(text)) => {
                let v = (!text.is_empty()).then(|| Value::String(text.clone()));
                self.raw.insert(pointer.to_owned(), text);
                v
            }
            (Kind::Number { integer }, Input::Text(text)) => {
                let v = parse_number(&text, *integer);
                self.raw.insert(pointer.to_owned(), text);
                v
            }
            (Kind::Raw, Input::Text(text)) => {
                let v = if text.trim().is_empty() {
                    None
                } else {
                    match serde_json::from_str::<Value>(&text) {
                        Ok(v) => Some(v),
                        Err(e) => {
                            self.json_errors
                                .insert(pointer.to_owned(), (e.line(), e.column()));
                            None
                        }
                    }
                };
                self.raw.insert(pointer.to_owned(), text);
                v
            }
            (Kind::Boolean, Input::Bool(b)) => Some(Value::Bool(b)),
            (Kind::MultiChoice { options }, Input::Toggle(i, on)) => {
                let current = pointer::get(&self.value, pointer)
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let Some(option) = options.get(i) else {
                    return false;
                };
                // Kept in the options' order, so the value reads the same however it was ticked.
                let chosen: Vec<Value> = options
                    .iter()
                    .filter(|o| {
                        if o.value == option.value {
                            on
                        } else {
                            current.contains(&o.value)
                        }
                    })
                    .map(|o| o.value.clone())
                    .collect();
                (!chosen.is_empty()).then_some(Value::Array(chosen))
            }
            (Kind::Choice { options, .. }, Input::Choice(i)) => {
                i.and_then(|i| options.get(i)).map(|o| o.value.clone())
            }
            _ => return false,
        };
        // An emptied list item stays in the list (as empty text): removing it is its own action.
        let new = match new {
            None if split_item(pointer).is_some_and(|(list, _)| {
                matches!(
                    self.model
                        .as_ref()
                        .and_then(|m| m.find(&list))
                        .map(|n| &n.kind),
                    Some(Kind::Array { .. })
                )
            }) =>
            {
                Some(match node.kind {
                    Kind::Text { .. } => Value::String(String::new()),
                    _ => Value::Null,
                })
            }
            other => other,
        };
        match new {
            Some(v) => pointer::set(&mut self.value, pointer, v),
            None => {
                let model = self.model.as_ref();
                pointer::remove(&mut self.value, pointer, &|parent| {
                    !model
                        .and_then(|m| m.find(parent))
                        .is_some_and(|n| n.required)
                });
            }
        }
        if self.template.as_ref().is_some_and(FormModel::is_dynamic) {
            self.reshape();
        }
        self.revalidate();
        pointer::get(&self.value, pointer).cloned() != before
    }

    /// Applies what the person did and says what the host hears: the one way in for a view.
    /// What a screen reader hears and where focus goes are kept for the view
    /// ([`RecordState::announcement`], [`RecordState::focus_request`]).
    pub fn apply(&mut self, action: Action) -> Emit {
        // A list, map or shape change is one deliberate act: the host hears input and change.
        let both = |done: bool| if done { Emit::Both } else { Emit::Nothing };
        match action {
            Action::Edit { pointer, input } => {
                if self.edit(&pointer, input) {
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
        }
    }

    /// The person left the field at `pointer`: its problem may show from now on.
    pub fn leave(&mut self, pointer: &str) {
        if self.touched.insert(pointer.to_owned()) {
            self.settle();
        }
    }

    /// Shows every problem (the host called validate, or the form was submitted). Returns whether
    /// the value is valid.
    pub fn validate_all(&mut self) -> bool {
        // Checking needs the validator; a schema that fails to compile becomes the load error.
        let _ = self.compile_pending();
        self.show_all = true;
        self.settle();
        self.is_valid()
    }

    /// Whether the value is valid (and nothing typed is unparsed).
    pub fn is_valid(&self) -> bool {
        self.compiled.is_some() && self.problems.is_empty() && self.json_errors.is_empty()
    }

    /// Whether the error summary shows.
    pub fn summary_shown(&self) -> bool {
        self.show_all && !self.all_problems().is_empty()
    }

    /// The problem shown beside the field at `pointer`, if any: only once the person has left the
    /// field (or validate was called), and gone as soon as it is fixed.
    pub fn visible_problem(&self, pointer: &str) -> Option<ShownProblem> {
        if !self.show_all && !self.touched.contains(pointer) {
            return None;
        }
        // Every field shows its problem after validate: place them all once (cached). Before
        // that only the fields the person has left show one, so only this field's is written.
        if self.show_all || self.shown.borrow().is_some() {
            let shown = self.shown();
            return shown.at.get(pointer).map(|&i| shown.list[i].clone());
        }
        self.placed(|p| p == pointer).remove(pointer)
    }

    /// The first problem in form order (what the form's validity message says), written alone.
    pub fn first_problem(&self) -> Option<ShownProblem> {
        if let Some(shown) = self.shown.borrow().as_ref() {
            return shown.list.first().cloned();
        }
        let model = self.model.as_ref()?;
        let at: HashSet<&str> = self
            .json_errors
            .keys()
            .map(|p| model.nearest(p).pointer.as_str())
            .chain(
                self.problems
                    .iter()
                    .map(|p| model.nearest(&p.pointer).pointer.as_str()),
            )
            .collect();
        let first = model
            .walk()
            .into_iter()
            .find(|n| at.contains(n.pointer.as_str()))?;
        self.placed(|p| p == first.pointer).remove(&first.pointer)
    }

    /// Every current problem, each placed at the nearest field the form draws, one per field, in
    /// form order.
    pub fn all_problems(&self) -> Vec<ShownProblem> {
        self.shown().list.clone()
    }

    fn shown(&self) -> Rc<Shown> {
        if let Some(shown) = self.shown.borrow().as_ref() {
            return shown.clone();
        }
        let list = self.place_problems();
        let at = list
            .iter()
            .enumerate()
            .map(|(i, p)| (p.pointer.clone(), i))
            .collect();
        let shown = Rc::new(Shown { list, at });
        self.shown.replace(Some(shown.clone()));
        shown
    }

    fn place_problems(&self) -> Vec<ShownProblem> {
        let Some(model) = &self.model else {
            return Vec::new();
        };
        let mut by_field = self.placed(|_| true);
        model
            .walk()
            .into_iter()
            .filter_map(|n| by_field.remove(&n.pointer))
            .collect()
    }

    /// Each problem placed at the field that shows it (the first problem of a field wins), for
    /// the fields `keep` accepts; only their messages are written, so a keystroke in a form with
    /// hundreds of problems nobody has been shown yet writes none of them.
    fn placed(&self, keep: impl Fn(&str) -> bool) -> HashMap<String, ShownProblem> {
        let Some(model) = &self.model else {
            return HashMap::new();
        };
        let mut by_field: HashMap<String, ShownProblem> = HashMap::new();
        for (ptr, (line, column)) in &self.json_errors {
            let node = model.nearest(ptr);
            if !keep(&node.pointer) {
                continue;
            }
            let message = t(
                self.lang,
                "error.json",
                &[
                    ("label", &label_for(node, self.lang)),
                    ("line", &line.to_string()),
                    ("column", &column.to_string()),
                ],
            );
            by_field.insert(node.pointer.clone(), shown(node, message));
        }
        for p in &self.problems {
            let node = model.nearest(&p.pointer);
            if !keep(&node.pointer) || by_field.contains_key(&node.pointer) {
                continue;
            }
            by_field.insert(
                node.pointer.clone(),
                shown(node, message_at(&p.keyword, &p.message, node, self.lang)),
            );
        }
        by_field
    }

    fn revalidate(&mut self) {
        let problems = match &self.compiled {
            Some(c) => c.problems(&self.value),
            None => Vec::new(),
        };
        self.problems = self.within_chosen_shapes(problems);
        self.shown.replace(None);
        self.settle();
    }

    /// A number that changes whenever anything the field at `pointer` (or anything inside it)
    /// draws has changed: its value, a problem shown at it or below it, its items, its shape, or
    /// the form as a whole. Screens redraw a field only when this moves.
    pub fn revision(&self, pointer: &str) -> u64 {
        let r = &self.revisions;
        let deep = self_and_parents(pointer)
            .filter_map(|p| r.deep.get(p))
            .max()
            .copied()
            .unwrap_or(0);
        r.all.max(r.at.get(pointer).copied().unwrap_or(0)).max(deep)
    }

    fn changed_all(&mut self) {
        self.revisions.counter += 1;
        self.revisions.all = self.revisions.counter;
    }

    fn changed_at(&mut self, pointer: &str) {
        let r = &mut self.revisions;
        r.counter += 1;
        for p in self_and_parents(pointer) {
            r.at.insert(p.to_owned(), r.counter);
        }
    }

    fn changed_below(&mut self, pointer: &str) {
        self.changed_at(pointer);
        let r = &mut self.revisions;
        r.deep.insert(pointer.to_owned(), r.counter);
    }

    /// Marks the fields whose shown problem appeared, changed or went away.
    fn settle(&mut self) {
        let showing = |pointer: &str| self.show_all || self.touched.contains(pointer);
        let visible: HashMap<String, String> = match self.shown.borrow().as_ref() {
            Some(shown) => shown
                .list
                .iter()
                .filter(|p| showing(&p.pointer))
                .map(|p| (p.pointer.clone(), p.message.clone()))
                .collect(),
            // Only the problems someone can see: the full list waits until it is asked for.
            None => self
                .placed(showing)
                .into_iter()
                .map(|(pointer, p)| (pointer, p.message))
                .collect(),
        };
        let old = std::mem::take(&mut self.revisions.visible);
        let mut changed: Vec<String> = visible
            .iter()
            .filter(|(p, m)| old.get(*p) != Some(*m))
            .map(|(p, _)| p.clone())
            .collect();
        changed.extend(old.keys().filter(|p| !visible.contains_key(*p)).cloned());
        for p in changed {
            self.changed_at(&p);
        }
        self.revisions.visible = visible;
    }

    /// A value that fits none of a `oneOf`'s shapes fails at the choice itself ("choose which
    /// kind of answer fits"). Once a shape is chosen, the person needs to hear what is missing
    /// from *that* shape, beside its fields: so such a problem is replaced by the chosen shape's
    /// own problems.
    fn within_chosen_shapes(&self, problems: Vec<Problem>) -> Vec<Problem> {
        let Some(model) = &self.model else {
            return problems;
        };
        let mut out = Vec::with_capacity(problems.len());
        for p in problems {
            let replaced = match (p.keyword.as_str(), model.find(&p.pointer).map(|n| &n.kind)) {
                (
                    "oneOf" | "anyOf",
                    Some(Kind::Alternatives {
                        branches,
                        chosen: Some((i, _)),
                    }),
                ) => {
                    let test = branches
                        .get(*i)
                        .and_then(|b| self.tests.get(b.test))
                        .and_then(Option::as_ref);
                    let value = pointer::get(&self.value, &p.pointer);
                    match (test, value) {
                        (Some(c), Some(v)) => {
                            let inner: Vec<Problem> = c
                                .problems(v)
                                .into_iter()
                                .map(|mut q| {
                                    q.pointer = format!("{}{}", p.pointer, q.pointer);
                                    q
                                })
                                .collect();
                            (!inner.is_empty()).then_some(inner)
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            match replaced {
                Some(inner) => out.extend(inner),
                None => out.push(p),
            }
        }
        out
    }
}

/// Validates `value` against `schema` and returns every problem as (exact value pointer, message),
/// with each message naming the nearest field the form would draw. For hosts that validate
/// without rendering (the module's `validate`).
pub fn check(
    schema: &Value,
    value: &Value,
    lang: Lang,
    remotes: &HashMap<String, Value>,
) -> Result<Vec<(String, String)>, Error> {
    Ok(Checker::new(schema, lang, remotes)?.check(value))
}

/// A schema compiled once for checking many values (the module's `compile(schema).validate`),
/// with the same messages as the form. The form model that names fields in messages is lowered
/// only when a value first has a problem.
pub struct Checker {
    schema: Value,
    compiled: Compiled,
    lang: Lang,
    model: std::sync::OnceLock<FormModel>,
}

impl Checker {
    /// Compiles `schema` for checking values, with messages in `lang`.
    pub fn new(
        schema: &Value,
        lang: Lang,
        remotes: &HashMap<String, Value>,
    ) -> Result<Checker, Error> {
        Ok(Checker {
            compiled: Compiled::new(schema, remotes)?,
            schema: schema.clone(),
            lang,
            model: std::sync::OnceLock::new(),
        })
    }

    /// Every problem with `value`, as (exact value pointer, message).
    pub fn check(&self, value: &Value) -> Vec<(String, String)> {
        // A valid value is the common case, and `is_valid` stops early without building errors.
        if self.compiled.is_valid(value) {
            return Vec::new();
        }
        let problems = self.compiled.problems(value);
        if problems.is_empty() {
            return Vec::new();
        }
        let model = self
            .model
            .get_or_init(|| lower_unchecked(&self.schema, self.lang).0);
        problems
            .into_iter()
            .map(|p| {
                let text = message_at(&p.keyword, &p.message, model.nearest(&p.pointer), self.lang);
                (p.pointer, text)
            })
            .collect()
    }
}

/// The words of `message` about `node`: "Choose" rather than "Enter" for a missing choice.
fn message_at(keyword: &str, message: &Message, node: &Node, lang: Lang) -> String {
    // The schema's own words for this keyword win (`x-ourplan.messages`).
    if let Some(own) = node
        .messages
        .get(keyword)
        .or_else(|| node.messages.get("*"))
    {
        return own.clone();
    }
    let mut message = message.clone();
    if message.key == "error.required" {
        match node.kind {
            Kind::Choice { .. } | Kind::MultiChoice { .. } | Kind::Alternatives { .. } => {
                message.key = "error.required_choice";
            }
            // A checkbox's label is often a statement ("I agree"): "Answer ‘I agree’".
            Kind::Boolean => message.key = "error.required_boolean",
            _ => {}
        }
    }
    message.render_about(lang, &label_for(node, lang))
}

fn shown(node: &Node, message: String) -> ShownProblem {
    ShownProblem {
        pointer: node.pointer.clone(),
        message,
    }
}

/// The label as it reads inside a sentence: quoted as the schema wrote it ("Enter ‘Full name’").
/// A title may be a noun phrase, a question ("Follow up in how many weeks?") or a statement ("I
/// agree", "Happy for us to email them"); only quoting reads naturally for every one. The Welsh
/// catalogue puts the quotes in its own sentences.
fn label_for(node: &Node, lang: Lang) -> String {
    if node.label.is_empty() {
        return t(lang, "label.this_answer", &[]);
    }
    if lang == Lang::Cy {
        node.label.clone()
    } else {
        format!("‘{}’", node.label)
    }
}

/// Fills in `default`s for the fields of `node` (and of groups that exist) that have no answer.
fn apply_defaults(node: &Node, value: &mut Value) {
    for child in node.children() {
        let key = pointer::last(&child.pointer);
        let Some(map) = value.as_object_mut() else {
            return;
        };
        match (map.get_mut(&key), &child.default) {
            (None, Some(d)) => {
                map.insert(key, d.clone());
            }
            (Some(inner), _) if matches!(child.kind, Kind::Object { .. }) => {
                apply_defaults(child, inner)
            }
            _ => {}
        }
    }
}

/// How many list items are drawn at first, and added by each "Show more".
pub const LIST_PAGE: usize = 50;

/// The value a new list item starts with: nothing typed yet, in the item's shape.
fn empty_value(template: &Node) -> Value {
    match &template.kind {
        Kind::Object { .. } => Value::Object(Default::default()),
        Kind::Array { .. } | Kind::MultiChoice { .. } => Value::Array(Vec::new()),
        Kind::Text { .. } => Value::String(String::new()),
        Kind::Boolean => Value::Bool(false),
        _ => Value::Null,
    }
}

/// Splits `/list/3` into (`/list`, 3); `None` when the last token is not an index.
fn split_item(item: &str) -> Option<(String, usize)> {
    let (list, last) = item.rsplit_once('/')?;
    Some((list.to_owned(), last.parse().ok()?))
}

/// Parses a number as typed. Commas and spaces between digits are allowed ("1,000"). Text that is
/// not a number is kept as text so the validator can say what is wrong and nothing is lost.
fn parse_number(text: &str, integer: bool) -> Option<Value> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let cleaned: String = trimmed.chars().filter(|c| *c != ',' && *c != ' ').collect();
    if let Ok(i) = cleaned.parse::<i64>() {
        return Some(Value::Number(i.into()));
    }
    if !integer {
        if let Some(n) = cleaned
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .and_then(Number::from_f64)
        {
            return Some(Value::Number(n));
        }
    }
    Some(Value::String(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record() -> RecordState {
        let mut r = RecordState::new(Lang::En);
        r.set_schema(&json!({
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "title": "Full name", "maxLength": 10},
                "age": {"type": "integer", "title": "Age", "minimum": 0},
                "about": {"type": "object", "title": "About", "properties": {"likes": {"type": "string"}}},
                "consent": {"type": "boolean", "title": "Consent"},
                "pick": {"enum": ["a", "b"], "title": "Pick"},
                "extra": {"type": ["array", "object"], "title": "Extra"}
            }
        }))
        .unwrap();
        r
    }

    #[test]
    fn a_problem_shows_after_leaving_and_goes_when_fixed() {
        let mut r = record();
        assert!(r.visible_problem("/name").is_none());
        r.edit("/name", Input::Text("much too long a name".into()));
        assert!(
            r.visible_problem("/name").is_none(),
            "not while typing the first time"
        );
        r.leave("/name");
        assert_eq!(
            r.visible_problem("/name").unwrap().message,
            "Shorten ‘Full name’ to 10 characters or fewer"
        );
        r.edit("/name", Input::Text("Ann".into()));
        assert!(r.visible_problem("/name").is_none());
        assert!(r.is_valid());
    }

    #[test]
    fn a_keystroke_changes_only_its_top_level_field() {
        let mut r = record();
        let before = r.outline();
        r.edit("/name", Input::Text("Ann".into()));
        assert_eq!(
            r.changed_top_fields(&before),
            Some(vec!["/name".to_owned()])
        );
        // The first answer in an optional group makes it show at the top: the top changes.
        let before = r.outline();
        r.edit("/about/likes", Input::Text("tea".into()));
        assert_eq!(r.changed_top_fields(&before), None);
        let before = r.outline();
        r.edit("/about/likes", Input::Text("tea and toast".into()));
        assert_eq!(
            r.changed_top_fields(&before),
            Some(vec!["/about".to_owned()])
        );
        // Once every problem shows (the summary lists them), the whole view redraws.
        r.validate_all();
        let before = r.outline();
        r.edit("/name", Input::Text("Bea".into()));
        assert_eq!(r.changed_top_fields(&before), None);
    }

    #[test]
    fn problems_written_one_at_a_time_match_the_full_list() {
        let mut r = record();
        r.edit("/name", Input::Text("much too long a name".into()));
        r.edit("/age", Input::Text("-3".into()));
        r.leave("/age");
        // Nothing has asked for the full list yet: these are written field by field.
        let first = r.first_problem().expect("a first problem");
        let age = r.visible_problem("/age").expect("age was left");
        assert!(r.visible_problem("/name").is_none(), "name was not left");
        let all = r.all_problems();
        assert!(all.len() >= 2);
        assert_eq!(first, all[0], "the first in form order");
        assert_eq!(Some(&age), all.iter().find(|p| p.pointer == "/age"));
        // And the same once the full list is cached.
        assert_eq!(r.first_problem(), Some(all[0].clone()));
        assert_eq!(r.visible_problem("/age"), Some(age));
    }

    #[test]
    fn validate_all_shows_required_beside_the_field() {
        let mut r = record();
        assert!(!r.validate_all());
        let all = r.all_problems();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].message, "Enter ‘Full name’");
        assert_eq!(all[0].pointer, "/name");
        assert!(r.summary_shown());
    }

    #[test]
    fn revisions_move_only_where_something_changed() {
        let mut r = record();
        let rev = |r: &RecordState| {
            ["", "/name", "/age", "/about", "/about/likes"].map(|p| r.revision(p))
        };
        let before = rev(&r);
        r.edit("/about/likes", Input::Text("tea".into()));
        let after = rev(&r);
        assert!(after[0] > before[0], "the root holds the change");
        assert_eq!(after[1], before[1], "name did not change");
        assert_eq!(after[2], before[2], "age did not change");
        assert!(after[3] > before[3] && after[4] > before[4]);

        // A problem that shows on leaving moves that field only.
        r.edit("/age", Input::Text("x".into()));
        let typed = rev(&r);
        r.leave("/age");
        let left = rev(&r);
        assert!(left[2] > typed[2], "age's problem now shows");
        assert_eq!(left[1], typed[1]);
        // Leaving again shows nothing new.
        r.leave("/age");
        assert_eq!(rev(&r), left);

        // Showing every problem moves the field whose problem appears (name is required).
        r.validate_all();
        let all = rev(&r);
        assert!(all[1] > left[1]);
        assert_eq!(all[4], left[4]);

        // The language changes every field.
        r.set_lang(Lang::Cy);
        let cy = rev(&r);
        assert!(cy.iter().zip(all.iter()).all(|(a, b)| a > b));
    }

    #[test]
    fn removing_an_item_moves_every_field_inside_the_list() {
        let mut r = list_record();
        r.add_item("/steps");
        r.add_item("/steps");
        let before = r.revision("/steps/1/what");
        r.remove_item("/steps/0");
        assert!(
            r.revision("/steps/0/what") > before,
            "item 1 is now item 0: it is drawn again"
        );
    }

    #[test]
    fn numbers_keep_what_was_typed() {
        let mut r = record();
        r.edit("/age", Input::Text("12a".into()));
        assert_eq!(r.value()["age"], json!("12a"));
        assert_eq!(r.display_text("/age"), "12a");
        r.leave("/age");
        assert_eq!(
            r.visible_problem("/age").unwrap().message,
            "Enter ‘Age’ as a whole number, like 12"
        );
        r.edit("/age", Input::Text("1,200".into()));
        assert!(r.visible_problem("/age").is_none());
        assert_eq!(r.value()["age"], json!(1200));
        assert_eq!(r.display_text("/age"), "1,200");
    }

    #[test]
    fn empty_optional_sections_leave_the_value() {
        let mut r = record();
        r.edit("/about/likes", Input::Text("tea".into()));
        assert_eq!(r.value(), &json!({"about": {"likes": "tea"}}));
        r.edit("/about/likes", Input::Text(String::new()));
        assert_eq!(r.value(), &json!({}));
    }

    #[test]
    fn raw_json_keeps_incomplete_text() {
        let mut r = record();
        r.edit("/extra", Input::Text("[1, 2".into()));
        assert_eq!(r.display_text("/extra"), "[1, 2");
        assert!(!r.is_valid());
        assert!(!r.validate_all());
        assert!(
            r.all_problems()
                .iter()
                .any(|p| p.pointer == "/extra" && p.message.contains("line 1"))
        );
        r.edit("/extra", Input::Text("[1, 2]".into()));
        assert_eq!(r.value()["extra"], json!([1, 2]));
    }

    #[test]
    fn choices_and_booleans() {
        let mut r = record();
        r.edit("/pick", Input::Choice(Some(1)));
        r.edit("/consent", Input::Bool(true));
        assert_eq!(r.value()["pick"], json!("b"));
        assert_eq!(r.value()["consent"], json!(true));
        r.edit("/pick", Input::Choice(None));
        assert!(r.value().get("pick").is_none());
    }

    #[test]
    fn a_schema_set_later_draws_at_once_and_checks_once_compiled() {
        let mut r = RecordState::new(Lang::En);
        r.set_value(json!({"name": "Jo"}));
        r.set_schema_later(&json!({"required": ["name", "age"], "properties": {
            "name": {"type": "string", "minLength": 3},
            "age": {"type": "integer"}
        }}));
        // Drawn, but not checked yet: not valid, no problems.
        assert!(r.is_pending());
        assert!(r.model().is_some_and(|m| m.find("/name").is_some()));
        assert!(!r.is_valid());
        assert!(r.all_problems().is_empty());
        r.compile_pending().unwrap();
        assert!(!r.is_pending());
        let pointers: Vec<String> = r.all_problems().into_iter().map(|p| p.pointer).collect();
        assert_eq!(pointers, ["/name", "/age"]);
        r.edit("/name", Input::Text("Joan".into()));
        r.edit("/age", Input::Text("40".into()));
        assert!(r.is_valid());
        assert_eq!(r.value(), &json!({"name": "Joan", "age": 40}));
    }

    #[test]
    fn a_schema_set_later_that_breaks_the_rules_keeps_the_value() {
        let mut r = RecordState::new(Lang::En);
        r.set_value(json!({"name": "Ann"}));
        r.set_schema_later(
            &json!({"properties": {"name": {"type": "string", "minLength": "three"}}}),
        );
        let e = r.compile_pending().unwrap_err();
        assert!(
            matches!(e.kind(), crate::ErrorKind::SchemaRules { .. }),
            "{e}"
        );
        assert!(r.load_error().is_some() && r.model().is_none() && !r.is_pending());
        assert_eq!(r.value(), &json!({"name": "Ann"}));
        // Nothing left to compile.
        assert!(r.compile_pending().is_ok());
        // Text that is not JSON fails at once, before any drawing.
        assert!(r.set_schema_text_later("{ not json").is_err());
        assert!(r.load_error().is_some() && !r.is_pending());
        assert_eq!(r.value(), &json!({"name": "Ann"}));
    }

    #[test]
    fn annotations_of_a_schema_set_later_are_checked_when_it_compiles() {
        let schema =
            json!({"properties": {"a": {"type": "string", "x-ourplan": {"level": "sometimes"}}}});
        let mut now = RecordState::new(Lang::En);
        now.set_schema(&schema).unwrap();
        let found = now.diagnostics().to_vec();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.starts_with("x-ourplan/level"), "{found:?}");
        let mut later = RecordState::new(Lang::En);
        later.set_schema_later(&schema);
        assert!(later.diagnostics().is_empty());
        later.compile_pending().unwrap();
        assert_eq!(later.diagnostics(), found.as_slice());
        // A language switch before the compile does not report them twice.
        let mut switched = RecordState::new(Lang::En);
        switched.set_schema_later(&schema);
        switched.set_lang(Lang::Cy);
        switched.compile_pending().unwrap();
        assert_eq!(switched.diagnostics(), found.as_slice());
    }

    #[test]
    fn validate_all_compiles_a_schema_set_later() {
        let mut r = RecordState::new(Lang::En);
        r.set_schema_later(&json!({"required": ["a"], "properties": {"a": {"type": "string"}}}));
        assert!(!r.validate_all());
        assert!(!r.is_pending());
        assert_eq!(r.all_problems().len(), 1);
    }

    #[test]
    fn a_broken_schema_keeps_the_value() {
        let mut r = record();
        r.edit("/name", Input::Text("Ann".into()));
        assert!(r.set_schema_text("{ not json").is_err());
        assert!(r.load_error().is_some());
        assert!(r.model().is_none());
        assert_eq!(r.value(), &json!({"name": "Ann"}));
        assert!(r.set_schema(&json!({"type": 7})).is_err());
        assert_eq!(r.value(), &json!({"name": "Ann"}));
    }

    fn list_record() -> RecordState {
        let mut r = RecordState::new(Lang::En);
        r.set_schema(&json!({"properties": {
            "steps": {"type": "array", "title": "Next steps", "maxItems": 3, "items": {"type": "object", "title": "Step", "properties": {
                "what": {"type": "string", "title": "What"}, "weeks": {"type": "integer", "title": "Weeks"}}}},
            "ways": {"type": "array", "title": "Ways", "items": {"enum": ["phone", "email", "letter"]}}
        }})).unwrap();
        r
    }

    #[test]
    fn list_items_are_added_moved_and_removed_keeping_what_was_typed() {
        let mut r = list_record();
        assert!(r.add_item("/steps"));
        assert!(r.add_item("/steps"));
        assert_eq!(r.value(), &json!({"steps": [{}, {}]}));
        assert_eq!(
            r.focus_request().1,
            Some(&Focus::Field("/steps/1/what".into()))
        );
        r.edit("/steps/0/what", Input::Text("Call Sam".into()));
        r.edit("/steps/1/weeks", Input::Text("2 weeks".into()));
        r.leave("/steps/1/weeks");
        assert!(r.visible_problem("/steps/1/weeks").is_some());
        assert!(r.move_item("/steps/1", -1));
        assert_eq!(
            r.value(),
            &json!({"steps": [{"weeks": "2 weeks"}, {"what": "Call Sam"}]})
        );
        assert_eq!(r.display_text("/steps/0/weeks"), "2 weeks");
        assert!(
            r.visible_problem("/steps/0/weeks").is_some(),
            "touched follows the item"
        );
        assert_eq!(r.announcement().1, "Step 2 moved up: it is now number 1");
        assert!(
            !r.move_item("/steps/0", -1),
            "the first item cannot move up"
        );
        assert!(r.remove_item("/steps/0"));
        assert_eq!(r.value(), &json!({"steps": [{"what": "Call Sam"}]}));
        assert_eq!(r.display_text("/steps/0/what"), "Call Sam");
        assert_eq!(
            r.focus_request().1,
            Some(&Focus::Field("/steps/0/what".into()))
        );
        assert!(r.remove_item("/steps/0"));
        assert_eq!(
            r.focus_request().1,
            Some(&Focus::AddButton("/steps".into()))
        );
    }

    #[test]
    fn emptying_a_list_item_keeps_the_item() {
        let mut r = RecordState::new(Lang::En);
        r.set_schema(
            &json!({"properties": {"names": {"type": "array", "items": {"type": "string"}}}}),
        )
        .unwrap();
        r.add_item("/names");
        r.edit("/names/0", Input::Text("Jo".into()));
        r.edit("/names/0", Input::Text(String::new()));
        assert_eq!(r.value(), &json!({"names": [""]}));
    }

    #[test]
    fn checkboxes_keep_the_options_order() {
        let mut r = list_record();
        r.edit("/ways", Input::Toggle(2, true));
        r.edit("/ways", Input::Toggle(0, true));
        assert_eq!(r.value()["ways"], json!(["phone", "letter"]));
        r.edit("/ways", Input::Toggle(0, false));
        r.edit("/ways", Input::Toggle(2, false));
        assert!(
            r.value().get("ways").is_none(),
            "nothing ticked: not in the value"
        );
    }

    #[test]
    fn levels_show_required_valued_and_revealed_fields() {
        let mut r = RecordState::new(Lang::En);
        r.set_schema(&json!({"required": ["a"], "properties": {
            "a": {"type": "string"},
            "b": {"type": "string", "x-ourplan": {"level": "brief"}},
            "c": {"type": "string"},
            "d": {"type": "object", "x-ourplan": {"level": "full"}, "properties": {"e": {"type": "string"}}}
        }})).unwrap();
        let shown = |r: &RecordState| -> Vec<String> {
            let model = r.model().unwrap();
            model
                .root
                .children()
                .iter()
                .filter(|n| r.is_shown(n, r.top_level_default()))
                .map(|n| n.pointer.clone())
                .collect()
        };
        assert_eq!(shown(&r), ["/a", "/b"]);
        r.set_level(Level::Standard);
        assert_eq!(shown(&r), ["/a", "/b", "/c"]);
        r.set_level(Level::Brief);
        r.set_value(json!({"c": "kept"}));
        assert_eq!(
            shown(&r),
            ["/a", "/b", "/c"],
            "a field with a value shows at every level"
        );
        r.reveal("/d");
        assert_eq!(shown(&r), ["/a", "/b", "/c", "/d"]);
        assert_eq!(r.focus_request().1, Some(&Focus::Field("/d".into())));
    }

    #[test]
    fn switching_shapes_keeps_what_fits_and_brings_the_rest_back() {
        let mut r = RecordState::new(Lang::En);
        r.set_schema(&json!({"properties": {"contact": {"title": "Contact", "oneOf": [
            {"title": "By phone", "type": "object", "required": ["phone"], "properties": {"name": {"type": "string"}, "phone": {"type": "string"}}},
            {"title": "By post", "type": "object", "required": ["address"], "properties": {"name": {"type": "string"}, "address": {"type": "string"}}}
        ]}}})).unwrap();
        assert!(r.choose("/contact", 0));
        r.edit("/contact/name", Input::Text("Ann".into()));
        r.edit("/contact/phone", Input::Text("01234".into()));
        assert!(r.choose("/contact", 1));
        assert_eq!(
            r.value(),
            &json!({"contact": {"name": "Ann"}}),
            "the name fits both shapes"
        );
        r.edit("/contact/address", Input::Text("1 High St".into()));
        assert!(r.choose("/contact", 0));
        assert_eq!(
            r.value(),
            &json!({"contact": {"phone": "01234", "name": "Ann"}}),
            "the phone comes back"
        );
        assert!(r.choose("/contact", 1));
        assert_eq!(r.value()["contact"]["address"], json!("1 High St"));
        // Once a shape is chosen, what is missing is reported beside that shape's own field.
        r.set_value(json!({"contact": {"name": "Cy"}}));
        r.choose("/contact", 0);
        r.validate_all();
        assert_eq!(
            r.all_problems()
                .iter()
                .map(|p| p.pointer.as_str())
                .collect::<Vec<_>>(),
            ["/contact/phone"]
        );
        // A value still being filled in shows the shape it has most in common with.
        r.set_value(json!({"contact": {"address": "3 Mid St"}}));
        assert!(matches!(
            &r.model().unwrap().find("/contact").unwrap().kind,
            Kind::Alternatives {
                chosen: Some((1, _)),
                ..
            }
        ));
        // A value set by the host picks the shape it fits.
        r.set_value(json!({"contact": {"address": "2 Low St"}}));
        let model = r.model().unwrap();
        assert!(matches!(
            &model.find("/contact").unwrap().kind,
            Kind::Alternatives {
                chosen: Some((1, _)),
                ..
            }
        ));
        assert!(model.find("/contact/address").is_some());
    }

    // Regression: labels were lower-cased into sentences: "Choose happy for us to email them",
    // "…for i agree". A title may be a question, a statement or a phrase: it is quoted.
    #[test]
    fn messages_quote_a_title_whatever_its_form() {
        let mut r = RecordState::new(Lang::En);
        r.set_schema(&json!({"type": "object",
        "required": ["happy", "agree", "tell", "weeks"],
        "properties": {
            "happy": {"type": "boolean", "title": "Happy for us to email them"},
            "agree": {"const": "yes", "title": "I agree"},
            "tell": {"type": "string", "title": "tell us what matters"},
            "weeks": {"type": "integer", "title": "Follow up in how many weeks?"}
        }}))
        .unwrap();
        r.validate_all();
        let words = |r: &RecordState| -> Vec<String> {
            r.all_problems().into_iter().map(|p| p.message).collect()
        };
        assert_eq!(
            words(&r),
            [
                "Answer ‘Happy for us to email them’",
                "Choose an answer for ‘I agree’",
                "Enter ‘tell us what matters’",
                "Enter ‘Follow up in how many weeks?’",
            ]
        );
        r.set_lang(Lang::Cy);
        assert_eq!(words(&r)[0], "Atebwch ‘Happy for us to email them’");
        assert_eq!(words(&r)[1], "Dewiswch ateb ar gyfer ‘I agree’");
    }

    /// Which kind of home, told apart by a `const` in each shape.
    fn home_record(lang: Lang) -> RecordState {
        let mut r = RecordState::new(lang);
        r.set_schema(&json!({"type": "object", "properties": {"home": {"title": "Where you live", "oneOf": [
            {"title": "Own home", "type": "object", "required": ["kind"],
             "properties": {"kind": {"const": "own"}, "address": {"type": "string", "title": "Address"}}},
            {"title": "Care home", "type": "object", "required": ["kind", "name"],
             "properties": {"kind": {"const": "care"}, "name": {"type": "string", "title": "Name of the care home"}}}
        ]}}}))
        .unwrap();
        r
    }

    // Regression: choosing the second shape kept the first shape's `kind: "own"`, asked for
    // `kind` again as a one-option radio, and the record validated as the first shape.
    #[test]
    fn a_const_that_tells_shapes_apart_is_set_by_choosing_not_asked() {
        let mut r = home_record(Lang::En);
        assert!(r.choose("/home", 0));
        assert_eq!(r.value(), &json!({"home": {"kind": "own"}}));
        r.edit("/home/address", Input::Text("1 High St".into()));
        assert!(r.choose("/home", 1));
        assert_eq!(r.value(), &json!({"home": {"kind": "care"}}));
        r.edit("/home/name", Input::Text("Ty Gwyn".into()));
        assert_eq!(
            r.value(),
            &json!({"home": {"kind": "care", "name": "Ty Gwyn"}})
        );
        assert!(r.is_valid(), "{:?}", r.all_problems());
        // Not asked, and not drawn: the shape's own fields only.
        assert!(r.model().unwrap().find("/home/kind").is_none());
        let Kind::Alternatives {
            chosen: Some((1, inner)),
            ..
        } = &r.model().unwrap().find("/home").unwrap().kind
        else {
            panic!("the care home shape is chosen");
        };
        let fields: Vec<&str> = inner
            .children()
            .iter()
            .map(|c| c.pointer.as_str())
            .collect();
        assert_eq!(fields, ["/home/name"]);
        // A language switch keeps the shape the value names.
        r.set_lang(Lang::Cy);
        assert!(matches!(
            &r.model().unwrap().find("/home").unwrap().kind,
            Kind::Alternatives {
                chosen: Some((1, _)),
                ..
            }
        ));
        // Back to the first shape: its answers come back, and its own `kind`.
        assert!(r.choose("/home", 0));
        assert_eq!(
            r.value(),
            &json!({"home": {"kind": "own", "address": "1 High St"}})
        );
    }

    #[test]
    fn a_value_naming_its_shape_by_a_const_opens_that_shape() {
        let mut r = home_record(Lang::En);
        // Still being filled in (the care home's name is missing): named by its kind.
        r.set_value(json!({"home": {"kind": "care"}}));
        assert!(matches!(
            &r.model().unwrap().find("/home").unwrap().kind,
            Kind::Alternatives {
                chosen: Some((1, _)),
                ..
            }
        ));
        r.validate_all();
        let at: Vec<String> = r.all_problems().into_iter().map(|p| p.pointer).collect();
        assert_eq!(at, ["/home/name"]);
    }

    #[test]
    fn conditional_fields_come_and_go_with_their_answers() {
        let mut r = RecordState::new(Lang::En);
        r.set_schema(&json!({
            "properties": {"has_carer": {"type": "boolean"}, "email": {"type": "string"}},
            "if": {"properties": {"has_carer": {"const": true}}, "required": ["has_carer"]},
            "then": {"properties": {"carer_name": {"type": "string"}}, "required": ["carer_name"]},
            "dependentRequired": {"email": ["email_consent"]},
            "dependentSchemas": {"email": {"properties": {"email_consent": {"type": "boolean"}}}}
        }))
        .unwrap();
        let shown = |r: &RecordState| -> Vec<String> {
            r.model()
                .unwrap()
                .root
                .children()
                .iter()
                .map(|n| n.pointer.clone())
                .collect()
        };
        assert_eq!(shown(&r), ["/has_carer", "/email"]);
        r.edit("/has_carer", Input::Bool(true));
        // A follow-up comes straight after the answer that brings it.
        assert_eq!(shown(&r), ["/has_carer", "/carer_name", "/email"]);
        assert!(r.model().unwrap().find("/carer_name").unwrap().required);
        r.edit("/carer_name", Input::Text("Bea".into()));
        r.edit("/has_carer", Input::Bool(false));
        assert_eq!(shown(&r), ["/has_carer", "/email"]);
        assert_eq!(
            r.value(),
            &json!({"has_carer": false}),
            "the hidden answer is put aside"
        );
        r.edit("/has_carer", Input::Bool(true));
        assert_eq!(
            r.value(),
            &json!({"has_carer": true, "carer_name": "Bea"}),
            "and comes back"
        );
        r.edit("/email", Input::Text("a@b.org".into()));
        assert_eq!(
            shown(&r),
            ["/has_carer", "/carer_name", "/email", "/email_consent"]
        );
        assert!(r.model().unwrap().find("/email_consent").unwrap().required);
    }

    #[test]
    fn the_schema_speaks_both_languages_and_its_own_messages() {
        let schema = json!({"required": ["name"], "properties": {
            "name": {"type": "string", "title": "Name", "maxLength": 3, "x-ourplan": {
                "title": {"en": "Your name", "cy": "Eich enw"},
                "messages": {"required": {"en": "Tell us your name", "cy": "Dywedwch eich enw wrthym"}, "*": "Check your name"}}},
            "pick": {"enum": ["a"], "x-ourplan": {"enumLabels": {"a": {"en": "Apple", "cy": "Afal"}}, "widget": "radio"}}
        }});
        let mut r = RecordState::new(Lang::En);
        r.set_schema(&schema).unwrap();
        assert_eq!(r.model().unwrap().find("/name").unwrap().label, "Your name");
        r.validate_all();
        assert_eq!(r.all_problems()[0].message, "Tell us your name");
        r.edit("/name", Input::Text("Annabel".into()));
        assert_eq!(r.all_problems()[0].message, "Check your name");
        r.set_lang(Lang::Cy);
        assert_eq!(r.model().unwrap().find("/name").unwrap().label, "Eich enw");
        assert_eq!(r.display_text("/name"), "Annabel", "nothing typed changes");
        let Kind::Choice { options, .. } = &r.model().unwrap().find("/pick").unwrap().kind else {
            panic!()
        };
        assert_eq!(options[0].label, "Afal");
        r.edit("/name", Input::Text(String::new()));
        assert_eq!(r.all_problems()[0].message, "Dywedwch eich enw wrthym");
        // "radio" is not a widget of the vocabulary: a diagnostic, and the form still shows.
        assert!(
            r.diagnostics()
                .iter()
                .any(|d| d.schema_pointer == "/properties/pick"
                    && d.message.contains("x-ourplan/widget")),
            "{:?}",
            r.diagnostics()
        );
    }

    #[test]
    fn map_entries_are_added_renamed_and_removed() {
        let mut r = RecordState::new(Lang::En);
        r.set_schema(&json!({"properties": {
            "contacts": {"type": "object", "title": "Other contacts", "properties": {"gp": {"type": "string"}},
                "additionalProperties": {"type": "string", "format": "email"}}
        }})).unwrap();
        assert!(r.add_entry("/contacts"));
        assert_eq!(
            r.focus_request().1,
            Some(&Focus::EntryName("/contacts/".into()))
        );
        r.edit("/contacts/", Input::Text("sam@example.org".into()));
        assert!(r.rename_entry("/contacts/", "Sam"));
        assert_eq!(r.value(), &json!({"contacts": {"Sam": "sam@example.org"}}));
        assert_eq!(r.display_text("/contacts/Sam"), "sam@example.org");
        r.add_entry("/contacts");
        assert!(
            !r.rename_entry("/contacts/", "Sam"),
            "a name in use is refused"
        );
        assert_eq!(r.entry_name("/contacts/"), "Sam");
        assert!(r.entry_name_problem("/contacts/").is_some());
        assert!(r.rename_entry("/contacts/", "gp2"));
        r.edit("/contacts/gp2", Input::Text("not an email".into()));
        r.validate_all();
        assert!(
            r.all_problems()
                .iter()
                .any(|p| p.pointer == "/contacts/gp2"),
            "{:?}",
            r.all_problems()
        );
        assert!(r.remove_entry("/contacts/Sam"));
        assert_eq!(r.value(), &json!({"contacts": {"gp2": "not an email"}}));
    }

    #[test]
    fn recursive_parts_open_one_level_at_a_time() {
        let mut r = RecordState::new(Lang::En);
        r.set_schema(
            &json!({"$defs": {"person": {"type": "object", "title": "Person", "properties": {
            "name": {"type": "string", "title": "Name"},
            "helper": {"$ref": "#/$defs/person", "title": "Who helps them"}}}},
            "$ref": "#/$defs/person"}),
        )
        .unwrap();
        assert!(r.diagnostics().is_empty(), "{:?}", r.diagnostics());
        let kind = |r: &RecordState, p: &str| {
            r.model()
                .unwrap()
                .find(p)
                .map(|n| std::mem::discriminant(&n.kind))
        };
        let recursive = std::mem::discriminant(&Kind::Recursive {
            reference: String::new(),
        });
        assert_eq!(kind(&r, "/helper"), Some(recursive));
        assert!(r.open("/helper"));
        assert_eq!(
            r.focus_request().1,
            Some(&Focus::Field("/helper/name".into()))
        );
        r.edit("/helper/name", Input::Text("Bea".into()));
        assert_eq!(
            kind(&r, "/helper/helper"),
            Some(recursive),
            "the next level stays closed"
        );
        // A value already there is drawn without opening.
        r.set_value(json!({"helper": {"helper": {"name": "Cy"}}}));
        assert!(r.model().unwrap().find("/helper/helper/name").is_some());
        assert_eq!(
            r.model().unwrap().find("/helper").unwrap().label,
            "Who helps them"
        );
    }

    #[test]
    fn conditions_inside_a_recursive_part_use_their_own_tests() {
        let mut r = RecordState::new(Lang::En);
        r.set_level(Level::Full);
        r.set_schema(&json!({
            "type": "object",
            "properties": {
                "pet": {"type": "string"},
                "home": {"type": "object", "properties": {"kind": {"type": "string"}},
                  "if": {"properties": {"kind": {"const": "flat"}}, "required": ["kind"]},
                  "then": {"properties": {"floor": {"type": "integer"}}}},
                "person": {"$ref": "#/$defs/person"}},
            "if": {"properties": {"pet": {"const": "dog"}}, "required": ["pet"]},
            "then": {"properties": {"vet": {"type": "string", "title": "Vet"}}},
            "$defs": {"person": {"type": "object", "properties": {
                "carer": {"enum": ["yes", "no"]},
                "helper": {"$ref": "#/$defs/person"}},
              "if": {"properties": {"carer": {"const": "yes"}}, "required": ["carer"]},
              "then": {"properties": {"hours": {"type": "integer", "title": "Hours"}}}}}
        }))
        .unwrap();
        let shows = |r: &RecordState, p: &str| r.model().unwrap().find(p).is_some();
        r.set_value(json!({"person": {"carer": "yes", "helper": {"carer": "yes"}}}));
        assert!(!shows(&r, "/vet"));
        assert!(shows(&r, "/person/hours"));
        assert!(
            shows(&r, "/person/helper/hours"),
            "the helper's own condition holds"
        );
        r.set_value(json!({"pet": "dog", "person": {"carer": "no", "helper": {"carer": "no"}}}));
        assert!(shows(&r, "/vet"));
        assert!(!shows(&r, "/person/hours"));
        assert!(
            !shows(&r, "/person/helper/hours"),
            "not the root's condition about the pet"
        );
    }

    #[test]
    fn defaults_fill_a_fresh_record_and_examples_are_hints() {
        let schema = json!({"properties": {
            "visits": {"type": "integer", "default": 2, "title": "Visits"},
            "town": {"type": "string", "examples": ["Cardiff"], "description": "Where you live."}
        }});
        let mut r = RecordState::new(Lang::En);
        r.set_schema(&schema).unwrap();
        assert_eq!(r.value(), &json!({"visits": 2}));
        assert_eq!(r.display_text("/visits"), "2");
        assert_eq!(
            r.model().unwrap().find("/town").unwrap().hint.as_deref(),
            Some("Where you live. For example, Cardiff")
        );
        let mut given = RecordState::new(Lang::En);
        given.set_value(json!({"town": "Bangor"}));
        given.set_schema(&schema).unwrap();
        assert_eq!(
            given.value(),
            &json!({"town": "Bangor"}),
            "a host's value is left as given"
        );
    }

    #[test]
    fn welsh_messages() {
        let mut r = record();
        r.set_lang(Lang::Cy);
        r.validate_all();
        assert_eq!(
            r.all_problems()[0].message,
            "Rhowch ateb ar gyfer ‘Full name’"
        );
    }
}
