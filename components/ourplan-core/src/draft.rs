//! Drafts kept on the device: the versioned envelope a draft is stored in, reading envelopes of
//! every format version (and saying plainly what cannot be read), and the one-line summary a
//! list of earlier drafts shows.
//!
//! The envelope is *written* by the element's JavaScript (`js/drafts.js`), so that the last value
//! is saved even after a trap has stopped the wasm module; it is *read* here, where migrations,
//! checks and the person's words live. `tests/e2e/drafts.spec.mjs` reads what the JavaScript
//! wrote, so the two cannot drift apart unnoticed.

use crate::message::Message;
use serde_json::{Map, Value};

/// The `format` every envelope carries.
pub const FORMAT: &str = "ourplan-draft";
/// The newest envelope version this kit reads and writes.
pub const VERSION: u64 = 1;

/// Which element a draft belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    /// `<ourplan-record>`.
    Record,
    /// `<ourplan-plan>`.
    Plan,
}

impl DraftKind {
    /// The name stored in the envelope.
    pub fn as_str(self) -> &'static str {
        match self {
            DraftKind::Record => "record",
            DraftKind::Plan => "plan",
        }
    }

    /// The kind with this stored name.
    pub fn from_name(name: &str) -> Option<DraftKind> {
        match name {
            "record" => Some(DraftKind::Record),
            "plan" => Some(DraftKind::Plan),
            _ => None,
        }
    }
}

/// A draft as stored, at the newest version.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// Which element wrote it.
    pub kind: DraftKind,
    /// The host's `storage-key`.
    pub key: String,
    /// The value (a record's answers, or a plan document).
    pub value: Value,
    /// When it was saved: RFC 3339, in UTC, from the page's clock.
    pub saved_at: String,
    /// For a record, the fingerprint of the schema it was written against (see
    /// [`schema_fingerprint`]); `None` for a plan or when the schema was not known yet.
    pub schema: Option<String>,
    /// The kit's version that wrote it.
    pub kit: String,
    /// Where the person was: the pointer or id of the last field edited, the fields opened with
    /// "Add more", the level (as the element gives them; kept as JSON, never required).
    pub place: Value,
}

/// What reading a stored entry gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    /// A draft this kit can open (migrated to the newest version if it was older).
    Draft(Box<Envelope>),
    /// A draft written by a newer kit: kept untouched; the person is told this copy of the kit
    /// is too old to open it.
    Newer {
        /// The version it was written with.
        version: u64,
    },
    /// Not a draft this kit can read (truncated, another app's data, the wrong shape): kept
    /// aside, offered as a download, never opened.
    Unreadable {
        /// What is wrong, for the developer's console.
        reason: String,
    },
}

/// Reads a stored entry (the envelope as JSON). Never fails: anything that is not a draft of a
/// version this kit knows is [`Read::Newer`] or [`Read::Unreadable`].
pub fn read(entry: &Value) -> Read {
    let Some(map) = entry.as_object() else {
        return unreadable("not a JSON object");
    };
    if map.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return unreadable("no \"format\": \"ourplan-draft\"");
    }
    let version = match map.get("version").and_then(Value::as_u64) {
        Some(v) if v >= 1 => v,
        _ => return unreadable("no \"version\" that is a whole number from 1"),
    };
    if version > VERSION {
        return Read::Newer { version };
    }
    let mut map = map.clone();
    for step in version..VERSION {
        // One migration per older version, from `step` to `step + 1`; each has a test.
        map = migrate(step, map);
    }
    match envelope(&map) {
        Ok(e) => Read::Draft(Box::new(e)),
        Err(reason) => unreadable(reason),
    }
}

/// Migrates an envelope of version `from` to `from + 1`. Version 1 is the first format: there is
/// nothing to migrate yet, and the next version adds its step here.
fn migrate(from: u64, map: Map<String, Value>) -> Map<String, Value> {
    debug_assert!(from < VERSION, "no migration from version {from}");
    map
}

fn unreadable(reason: &str) -> Read {
    Read::Unreadable {
        reason: reason.to_owned(),
    }
}

/// The envelope in `map`, at the newest version.
fn envelope(map: &Map<String, Value>) -> Result<Envelope, &'static str> {
    let text = |name: &str| map.get(name).and_then(Value::as_str).map(str::to_owned);
    let kind = text("kind")
        .as_deref()
        .and_then(DraftKind::from_name)
        .ok_or("no \"kind\" that is \"record\" or \"plan\"")?;
    let key = text("key").ok_or("no \"key\"")?;
    let saved_at = text("savedAt").ok_or("no \"savedAt\"")?;
    if !crate::plan::is_date_time(&saved_at) {
        return Err("\"savedAt\" is not an RFC 3339 date and time");
    }
    let value = map.get("value").cloned().ok_or("no \"value\"")?;
    Ok(Envelope {
        kind,
        key,
        value,
        saved_at,
        schema: text("schema"),
        kit: text("kit").unwrap_or_default(),
        place: map.get("place").cloned().unwrap_or(Value::Null),
    })
}

impl Envelope {
    /// The envelope as JSON, at the newest version (what the JavaScript writes too).
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("format".into(), FORMAT.into());
        map.insert("version".into(), VERSION.into());
        map.insert("kind".into(), self.kind.as_str().into());
        map.insert("key".into(), self.key.clone().into());
        map.insert("savedAt".into(), self.saved_at.clone().into());
        if let Some(s) = &self.schema {
            map.insert("schema".into(), s.clone().into());
        }
        map.insert("kit".into(), self.kit.clone().into());
        map.insert("place".into(), self.place.clone());
        map.insert("value".into(), self.value.clone());
        Value::Object(map)
    }
}

/// The fingerprint of a record's schema, kept with its drafts: a draft whose schema has changed
/// since is split into what still fits and what is put aside.
pub fn schema_fingerprint(schema: &Value) -> String {
    crate::plan::fingerprint_of(schema)
}

/// One line saying what a draft holds, for the list of earlier drafts: a plan's title (or its
/// first words), a record's first answer in words; at most 60 characters. Empty when there are
/// no words (the list then says "no answers yet").
pub fn summary(kind: DraftKind, value: &Value) -> String {
    let words = match kind {
        DraftKind::Plan => value
            .get("title")
            .and_then(Value::as_str)
            .filter(|t| !t.trim().is_empty())
            .map(str::to_owned)
            .or_else(|| first_words(value.get("blocks").unwrap_or(&Value::Null))),
        DraftKind::Record => first_words(value),
    };
    let line = words.unwrap_or_default();
    let line = line
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    match line.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line.to_owned(),
    }
}

/// The first non-empty string in `value`, depth first in document order (ids and kinds of plan
/// blocks are skipped: they are not anyone's words).
fn first_words(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Array(items) => items.iter().find_map(first_words),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "id" | "kind" | "format"))
            .find_map(|(_, v)| first_words(v)),
        _ => None,
    }
}

/// The words for a stored entry this kit cannot open, for the person.
pub fn unreadable_message(read: &Read) -> Option<Message> {
    match read {
        Read::Draft(_) => None,
        Read::Newer { .. } => Some(Message::new("draft.newer")),
        Read::Unreadable { .. } => Some(Message::new("draft.unreadable")),
    }
}

/// One stored draft as the list of earlier drafts shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The store's id for it (the JavaScript's; opaque here).
    pub id: String,
    /// What reading it gave.
    pub read: Read,
    /// Its stored text, for "Download" (a draft this kit cannot open is offered that way too).
    pub text: String,
}

impl Entry {
    /// Reads a stored entry: its id, and its text as stored (the envelope's JSON).
    pub fn from_text(id: &str, text: &str) -> Entry {
        let read = match serde_json::from_str::<Value>(text) {
            Ok(v) => read(&v),
            Err(e) => Read::Unreadable {
                reason: format!("not JSON: {e}"),
            },
        };
        Entry {
            id: id.to_owned(),
            read,
            text: text.to_owned(),
        }
    }

    /// The envelope, when this kit can open it.
    pub fn draft(&self) -> Option<&Envelope> {
        match &self.read {
            Read::Draft(e) => Some(e),
            _ => None,
        }
    }

    /// When it was saved, when known (the list sorts by it; unreadable entries sort last).
    pub fn saved_at(&self) -> &str {
        self.draft().map_or("", |e| e.saved_at.as_str())
    }
}

/// Whether saving on the device works.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Storage {
    /// Nothing to say (saving works, or nothing has been saved yet).
    #[default]
    Fine,
    /// The last save failed (full, blocked, private browsing): the person is told, with a
    /// download; the element keeps trying.
    Failed {
        /// Why, for the developer (`quota`, `unavailable`, or the browser's error name).
        reason: String,
    },
    /// Saving failed before and works again: the person is told so once.
    Recovered,
}

/// The drafts of one element's `storage-key`, as its screen shows them: the offer to continue,
/// the list of earlier drafts, a delete awaiting confirmation, and whether saving works.
#[derive(Debug, Clone, Default)]
pub struct Drafts {
    /// The stored drafts, newest first; unreadable ones last.
    pub entries: Vec<Entry>,
    /// The draft offered ("You have a draft from …. Continue with it, or start again?").
    pub offer: Option<String>,
    /// The draft this page writes to now (its own, or the one the person continued).
    pub current: Option<String>,
    /// The draft whose delete awaits the person's confirmation.
    pub confirming: Option<String>,
    /// Whether saving works.
    pub storage: Storage,
    /// Answers of a draft that the form no longer asks (its schema changed since), by pointer:
    /// kept here, shown and downloadable, never dropped.
    pub aside: Option<Value>,
    /// How many other tabs of this browser have the same element and key open.
    pub other_tabs: usize,
    /// Whether this is a shared computer (the host said so, or the person did): nothing is kept.
    pub shared_device: bool,
    /// Whether the person asked to clear their data, and it awaits their confirmation.
    pub confirming_clear: bool,
    /// Changes whenever anything here changes (the view compares it).
    pub revision: u64,
}

/// What the person did with their drafts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftAction {
    /// "Continue with it": the offered draft becomes the work, and this page writes to it.
    Continue,
    /// "Start again": the offered draft is kept under earlier drafts.
    StartAgain,
    /// Opened an earlier draft: it becomes the work (the one open before stays a draft).
    Open(String),
    /// Asked to delete a draft (confirmation follows).
    Delete(String),
    /// Confirmed the delete.
    ConfirmDelete,
    /// Kept the draft after all.
    CancelDelete,
    /// Ticked (or unticked) "This is a shared computer: do not keep a copy here".
    SharedDevice(bool),
    /// Asked to clear their data on this device (confirmation follows).
    Clear,
    /// Confirmed clearing.
    ConfirmClear,
    /// Kept their data after all.
    CancelClear,
    /// Asked to combine this plan with the copy open in another tab.
    CombineOtherTab,
}

/// What the JavaScript half must do with the store after a draft action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Write to this draft from now on.
    WriteTo(String),
    /// Write to a new draft from now on (the next save makes it).
    WriteNew,
    /// Delete this draft from the store.
    Delete(String),
    /// Keep nothing on this device from now on (`true`), or keep drafts again.
    SharedDevice(bool),
    /// Delete every draft of this element's key.
    Clear,
    /// Ask the other tabs with this key for their plan, and combine it in.
    AskOtherTab,
}

/// What a draft action asks of the element.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    /// A draft to restore (its value and place), when the person continued or opened one.
    pub restore: Option<Envelope>,
    /// What the store must do.
    pub commands: Vec<Command>,
}

impl Drafts {
    /// Takes the stored entries (any order), keeps them newest first. Nothing is offered yet:
    /// the element asks for the [`Drafts::candidate`], lets its host decide
    /// (`ourplan-draft-found`), then [`Drafts::offer`]s it.
    pub fn load(&mut self, mut entries: Vec<Entry>) {
        entries.sort_by(|a, b| b.saved_at().cmp(a.saved_at()));
        self.entries = entries;
        self.offer = None;
        self.changed();
    }

    /// The draft to offer against `current_value` (what the element holds now): the newest
    /// draft this kit can open whose value differs from it, other than the one this page writes
    /// to. `None` when there is none (or when an offer already shows).
    pub fn candidate(&self, current_value: &Value) -> Option<&Entry> {
        if self.offer.is_some() {
            return None;
        }
        self.entries
            .iter()
            .filter(|e| self.current.as_deref() != Some(e.id.as_str()))
            .find_map(|e| e.draft().map(|d| (e, d)))
            .filter(|(_, d)| d.value != *current_value)
            .map(|(e, _)| e)
    }

    /// Offers the draft `id` ("You have a draft from …"), when it is one this kit can open.
    pub fn offer(&mut self, id: &str) {
        if self.find(id).is_some_and(|e| e.draft().is_some()) {
            self.offer = Some(id.to_owned());
            self.changed();
        }
    }

    /// How many other tabs have the same element and key open (the view says so).
    pub fn set_other_tabs(&mut self, n: usize) {
        if self.other_tabs != n {
            self.other_tabs = n;
            self.changed();
        }
    }

    /// The answers of the draft just restored that the form no longer asks, or none.
    pub fn set_aside(&mut self, aside: Option<Value>) {
        self.aside = aside;
        self.changed();
    }

    /// The host says whether this is a shared computer (`shared-device`).
    pub fn set_shared_device(&mut self, on: bool) {
        if self.shared_device != on {
            self.shared_device = on;
            self.changed();
        }
    }

    /// Applies what the person did.
    pub fn apply(&mut self, action: DraftAction) -> Outcome {
        let mut out = Outcome::default();
        match action {
            DraftAction::Continue => {
                if let Some(id) = self.offer.take() {
                    out.restore = self.find(&id).and_then(Entry::draft).cloned();
                    self.current = Some(id.clone());
                    out.commands.push(Command::WriteTo(id));
                }
            }
            DraftAction::StartAgain => {
                self.offer = None;
                self.current = None;
                out.commands.push(Command::WriteNew);
            }
            DraftAction::Open(id) => {
                if let Some(e) = self.find(&id).and_then(Entry::draft).cloned() {
                    self.offer = None;
                    self.current = Some(id.clone());
                    out.restore = Some(e);
                    out.commands.push(Command::WriteTo(id));
                }
            }
            DraftAction::Delete(id) => self.confirming = Some(id),
            DraftAction::ConfirmDelete => {
                if let Some(id) = self.confirming.take() {
                    self.entries.retain(|e| e.id != id);
                    if self.offer.as_deref() == Some(id.as_str()) {
                        self.offer = None;
                    }
                    if self.current.as_deref() == Some(id.as_str()) {
                        self.current = None;
                        out.commands.push(Command::WriteNew);
                    }
                    out.commands.push(Command::Delete(id));
                }
            }
            DraftAction::CancelDelete => self.confirming = None,
            DraftAction::SharedDevice(on) => {
                self.shared_device = on;
                out.commands.push(Command::SharedDevice(on));
            }
            DraftAction::Clear => self.confirming_clear = true,
            DraftAction::CombineOtherTab => out.commands.push(Command::AskOtherTab),
            DraftAction::ConfirmClear => {
                self.confirming_clear = false;
                self.entries.clear();
                self.offer = None;
                self.current = None;
                out.commands.push(Command::Clear);
            }
            DraftAction::CancelClear => self.confirming_clear = false,
        }
        self.changed();
        out
    }

    /// Saving worked (`None`) or failed (why). A failure after a failure changes nothing; a
    /// success after one is said once.
    pub fn saved(&mut self, failure: Option<String>) {
        self.storage = match (failure, &self.storage) {
            (Some(reason), _) => Storage::Failed { reason },
            (None, Storage::Failed { .. }) => Storage::Recovered,
            (None, Storage::Recovered) => Storage::Recovered,
            (None, Storage::Fine) => return,
        };
        self.changed();
    }

    /// The draft this page writes to was saved: it joins the list (or takes its old place) as
    /// the one being worked on. Its stored text is not kept here (a download writes the value
    /// the element holds), so a save copies nothing large.
    pub fn current_saved(&mut self, id: &str, draft: Envelope) {
        let entry = Entry {
            id: id.to_owned(),
            read: Read::Draft(Box::new(draft)),
            text: String::new(),
        };
        self.entries.retain(|e| e.id != id);
        self.entries.insert(0, entry);
        self.current = Some(id.to_owned());
        if self.offer.as_deref() == Some(id) {
            self.offer = None;
        }
        self.changed();
    }

    /// The entry with this id.
    pub fn find(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    fn changed(&mut self) {
        self.revision += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stored() -> Value {
        json!({"format": "ourplan-draft", "version": 1, "kind": "record", "key": "case-42",
               "savedAt": "2026-10-14T18:05:00.000Z", "kit": "0.1.0",
               "schema": "sha256:00", "place": {"focus": "/name"},
               "value": {"name": "Ann", "notes": "Likes tea"}})
    }

    #[test]
    fn a_draft_reads_back_and_writes_the_same() {
        let Read::Draft(e) = read(&stored()) else {
            panic!("reads")
        };
        assert_eq!(e.kind, DraftKind::Record);
        assert_eq!(e.key, "case-42");
        assert_eq!(e.value["name"], "Ann");
        assert_eq!(e.to_json(), stored());
    }

    #[test]
    fn a_newer_draft_is_kept_for_a_newer_kit() {
        let mut v = stored();
        v["version"] = json!(VERSION + 1);
        v["value"] = json!("a shape this kit has never seen");
        assert_eq!(
            read(&v),
            Read::Newer {
                version: VERSION + 1
            }
        );
    }

    #[test]
    fn what_is_not_a_draft_is_unreadable_never_a_panic() {
        let broken = [
            json!(null),
            json!("{\"format\": \"ourplan-dr"),
            json!([1, 2]),
            json!({"format": "another-app", "version": 1}),
            json!({"format": "ourplan-draft"}),
            json!({"format": "ourplan-draft", "version": 0}),
            json!({"format": "ourplan-draft", "version": 1, "kind": "poem", "key": "k",
                   "savedAt": "2026-10-14T18:05:00Z", "value": {}}),
            json!({"format": "ourplan-draft", "version": 1, "kind": "plan", "key": "k",
                   "savedAt": "yesterday", "value": {}}),
            json!({"format": "ourplan-draft", "version": 1, "kind": "plan", "key": "k",
                   "savedAt": "2026-10-14T18:05:00Z"}),
        ];
        for entry in broken {
            assert!(matches!(read(&entry), Read::Unreadable { .. }), "{entry}");
        }
    }

    #[test]
    fn a_summary_is_the_first_words() {
        assert_eq!(
            summary(
                DraftKind::Record,
                &json!({"n": 3, "a": {"b": "  ", "c": "Ann\nJones"}})
            ),
            "Ann"
        );
        assert_eq!(
            summary(
                DraftKind::Plan,
                &json!({"title": "", "blocks": [{"id": "b1", "kind": "text", "text": "My mornings"}]})
            ),
            "My mornings"
        );
        assert_eq!(
            summary(DraftKind::Plan, &json!({"title": "Megan’s plan"})),
            "Megan’s plan"
        );
        let long = "x".repeat(80);
        assert_eq!(
            summary(DraftKind::Record, &json!({"a": long}))
                .chars()
                .count(),
            61
        );
        assert_eq!(summary(DraftKind::Record, &json!({})), "");
    }

    #[test]
    fn a_schema_fingerprint_ignores_key_order() {
        assert_eq!(
            schema_fingerprint(&json!({"a": 1, "b": {"c": 2, "d": 3}})),
            schema_fingerprint(&json!({"b": {"d": 3, "c": 2}, "a": 1}))
        );
        assert_ne!(
            schema_fingerprint(&json!({"a": 1})),
            schema_fingerprint(&json!({"a": 2}))
        );
    }

    fn entry(id: &str, at: &str, value: Value) -> Entry {
        let mut v = stored();
        v["savedAt"] = json!(at);
        v["value"] = value;
        Entry::from_text(id, &v.to_string())
    }

    #[test]
    fn the_newest_draft_that_differs_is_offered_and_continued() {
        let mut d = Drafts::default();
        d.load(vec![
            entry("a", "2026-10-13T19:05:00+01:00", json!({"name": "Old"})),
            Entry::from_text("x", "{\"trunc"),
            entry("b", "2026-10-14T19:05:00+01:00", json!({"name": "New"})),
        ]);
        let ids: Vec<&str> = d.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["b", "a", "x"], "newest first, unreadable last");
        assert_eq!(d.candidate(&json!({})).map(|e| e.id.as_str()), Some("b"));
        d.offer("b");
        assert_eq!(d.offer.as_deref(), Some("b"));
        assert_eq!(d.candidate(&json!({})), None, "one offer at a time");
        let out = d.apply(DraftAction::Continue);
        assert_eq!(out.restore.unwrap().value, json!({"name": "New"}));
        assert_eq!(out.commands, [Command::WriteTo("b".into())]);
        assert_eq!(d.current.as_deref(), Some("b"));
        // The draft this page writes to is never offered to it.
        assert_eq!(
            d.candidate(&json!({"name": "Changed"}))
                .map(|e| e.id.as_str()),
            Some("a")
        );
    }

    #[test]
    fn starting_again_keeps_the_draft_and_a_delete_is_confirmed() {
        let mut d = Drafts::default();
        d.load(vec![entry("a", "2026-10-13T19:05:00Z", json!({"n": 1}))]);
        d.offer("a");
        assert_eq!(
            d.apply(DraftAction::StartAgain).commands,
            [Command::WriteNew]
        );
        assert_eq!(d.entries.len(), 1, "kept under earlier drafts");
        assert_eq!(d.offer, None);
        // A draft equal to what the element holds is not offered.
        let mut same = Drafts::default();
        same.load(vec![entry("a", "2026-10-13T19:05:00Z", json!({"n": 1}))]);
        assert!(same.candidate(&json!({"n": 1})).is_none());
        // Delete asks first; keeping it changes nothing.
        assert!(d.apply(DraftAction::Delete("a".into())).commands.is_empty());
        assert_eq!(d.confirming.as_deref(), Some("a"));
        d.apply(DraftAction::CancelDelete);
        assert_eq!(d.entries.len(), 1);
        d.apply(DraftAction::Delete("a".into()));
        assert_eq!(
            d.apply(DraftAction::ConfirmDelete).commands,
            [Command::Delete("a".into())]
        );
        assert!(d.entries.is_empty());
    }

    #[test]
    fn a_shared_computer_keeps_nothing_and_clearing_is_confirmed() {
        let mut d = Drafts::default();
        d.load(vec![entry("a", "2026-10-13T19:05:00Z", json!({"n": 1}))]);
        assert_eq!(
            d.apply(DraftAction::SharedDevice(true)).commands,
            [Command::SharedDevice(true)]
        );
        assert!(d.shared_device);
        assert!(d.apply(DraftAction::Clear).commands.is_empty());
        assert!(d.confirming_clear);
        d.apply(DraftAction::CancelClear);
        assert_eq!(d.entries.len(), 1);
        d.apply(DraftAction::Clear);
        assert_eq!(
            d.apply(DraftAction::ConfirmClear).commands,
            [Command::Clear]
        );
        assert!(d.entries.is_empty());
    }

    #[test]
    fn storage_failures_are_said_and_so_is_recovery() {
        let mut d = Drafts::default();
        d.saved(None);
        assert_eq!(d.storage, Storage::Fine);
        d.saved(Some("quota".into()));
        assert_eq!(
            d.storage,
            Storage::Failed {
                reason: "quota".into()
            }
        );
        d.saved(None);
        assert_eq!(d.storage, Storage::Recovered);
    }
}
