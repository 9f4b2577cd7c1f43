//! The drafts part of an element with a `storage-key`: the drafts' state, their view (an app of
//! its own, drawn above the form or the plan), and the commands the JS half's store carries out.
//! Both elements compose it through [`Drafted`], which says what differs: how a draft is
//! restored, where the person is, and the schema a record's draft was written against.
//!
//! The store itself (IndexedDB) is the JS half's (`js/drafts.js`): saving must go on after a trap,
//! when no Rust runs. What comes back from the store is read here (`ourplan_core::draft`).

use crate::pool::{self, Slot};
use ourplan_core::Lang;
use ourplan_core::draft::{
    Command, DraftAction, DraftKind, Drafts, Entry, Envelope, Read, summary,
};
use ourplan_ui::{DraftsView, DraftsViewProps, Shared};
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use yew::Callback;

thread_local! {
    /// Apps of removed elements' drafts, for the next (see `pool`).
    static FREE: RefCell<Vec<Slot<DraftsView>>> = const { RefCell::new(Vec::new()) };
}

/// What an element tells its drafts part.
pub(crate) trait Drafted {
    /// The element's value now.
    fn value(&self) -> Value;
    /// Makes `draft` the work: its value, and where the person was; the element redraws and
    /// tells the host (the value changed because the person chose to). `when` is the draft's
    /// time in words, for what a screen reader hears. Returns the draft's answers that the form
    /// no longer asks (a record whose schema changed since), by pointer, when there are any.
    fn restore(&self, draft: &Envelope, when: String) -> Option<Value>;
    /// Whether the element is a plan.
    fn is_plan(&self) -> bool;
    /// Where the person is (kept with each save).
    fn place(&self) -> Value;
    /// For a record, the fingerprint of its schema (kept with each save).
    fn schema(&self) -> Option<String>;
    /// The element's language.
    fn lang(&self) -> Lang;
    /// Fires one named event through the JS half ("draft": the store has commands to take).
    fn fire(&self, name: &str);
}

/// An element's drafts: handed to the JS half as a handle of its own.
#[wasm_bindgen]
pub struct DraftsHandle {
    part: Rc<DraftsPart>,
}

pub(crate) struct DraftsPart {
    drafts: Shared<RefCell<Drafts>>,
    app: RefCell<Option<Slot<DraftsView>>>,
    commands: RefCell<Vec<Command>>,
    element: Weak<dyn Drafted>,
    on_action: RefCell<Option<Callback<DraftAction>>>,
}

impl DraftsPart {
    /// The drafts part of `element`, drawn at the top of `mount` once drafts are loaded.
    pub(crate) fn new(element: Weak<dyn Drafted>) -> Rc<DraftsPart> {
        let part = Rc::new(DraftsPart {
            drafts: Shared::default(),
            app: RefCell::new(None),
            commands: RefCell::new(Vec::new()),
            element,
            on_action: RefCell::new(None),
        });
        *part.on_action.borrow_mut() = Some(crate::host::actions(&part, DraftsPart::apply));
        part
    }

    /// The handle the JS half keeps.
    pub(crate) fn handle(self: &Rc<Self>) -> DraftsHandle {
        DraftsHandle { part: self.clone() }
    }

    fn props(&self) -> Option<DraftsViewProps> {
        let element = self.element.upgrade()?;
        let value = self.element.clone();
        Some(DraftsViewProps {
            drafts: self.drafts.clone(),
            revision: self.drafts.borrow().revision,
            lang: element.lang(),
            this_year: this_year(),
            plan: element.is_plan(),
            value_text: Callback::from(move |()| {
                value
                    .upgrade()
                    .map(|e| e.value().to_string())
                    .unwrap_or_default()
            }),
            on_action: self.on_action.borrow().clone().unwrap_or_default(),
        })
    }

    /// Draws the part again (after a change, or the element's language changed).
    pub(crate) fn redraw(&self) {
        let Some(props) = self.props() else {
            return;
        };
        if let Some(app) = self.app.borrow_mut().as_mut() {
            app.update(props);
        }
    }

    /// Draws the part inside `mount`, above what is there.
    fn show(&self, mount: &web_sys::Element) {
        if self.app.borrow().is_some() {
            return self.redraw();
        }
        let Some(props) = self.props() else {
            return;
        };
        let slot = pool::take(&FREE, mount, props);
        let _ = mount.insert_before(slot.host(), mount.first_child().as_ref());
        *self.app.borrow_mut() = Some(slot);
    }

    fn apply(&self, action: DraftAction) {
        let mut outcome = self.drafts.borrow_mut().apply(action);
        if let (Some(draft), Some(element)) = (&outcome.restore, self.element.upgrade()) {
            let when = ourplan_core::format::moment(element.lang(), &draft.saved_at, this_year())
                .unwrap_or_default();
            let aside = element.restore(draft, when);
            if aside.is_some() {
                // The draft keeps every answer as it was saved: this page writes a new one, so
                // the answers the form no longer asks stay in the old one too.
                outcome.commands = outcome
                    .commands
                    .into_iter()
                    .map(|c| match c {
                        Command::WriteTo(_) => Command::WriteNew,
                        other => other,
                    })
                    .collect();
                self.drafts.borrow_mut().current = None;
            }
            self.drafts.borrow_mut().set_aside(aside);
        }
        let commands = !outcome.commands.is_empty();
        self.commands.borrow_mut().extend(outcome.commands);
        self.redraw();
        if commands {
            if let Some(element) = self.element.upgrade() {
                element.fire("draft");
            }
        }
    }

    /// Gives the app back to the pool.
    pub(crate) fn destroy(&self) {
        if let Some(app) = self.app.borrow_mut().take() {
            let idle = DraftsViewProps {
                drafts: Shared::default(),
                revision: 0,
                lang: Lang::En,
                this_year: None,
                plan: false,
                value_text: Callback::from(|()| String::new()),
                on_action: Callback::noop(),
            };
            pool::give_back(&FREE, app, idle);
        }
        self.on_action.borrow_mut().take();
    }
}

#[wasm_bindgen]
impl DraftsHandle {
    /// Takes what the store holds for this element's key, as JSON `[{"id", "text"}]` (the text
    /// of each stored entry, whatever it is), and draws the list (the offer follows from
    /// `candidate` and `offer`). `mount` is the element's mount point.
    pub fn load(&self, list: &str, mount: &web_sys::Element) {
        let entries: Vec<Entry> = match serde_json::from_str::<Value>(list) {
            Ok(Value::Array(items)) => items
                .iter()
                .map(|item| {
                    let id = item.get("id").and_then(Value::as_str).unwrap_or_default();
                    let text = item.get("text").and_then(Value::as_str).unwrap_or_default();
                    Entry::from_text(id, text)
                })
                .collect(),
            _ => Vec::new(),
        };
        self.part.drafts.borrow_mut().load(entries);
        self.part.show(mount);
    }

    /// The draft to offer against what the element holds now, as JSON `{"id", "savedAt",
    /// "summary"}`, or `null`: the JS half asks its host first (`ourplan-draft-found`).
    pub fn candidate(&self) -> String {
        let Some(element) = self.part.element.upgrade() else {
            return "null".to_owned();
        };
        let current = element.value();
        let drafts = self.part.drafts.borrow();
        match drafts
            .candidate(&current)
            .and_then(|e| e.draft().map(|d| (e, d)))
        {
            Some((e, d)) => {
                json!({ "id": e.id, "savedAt": d.saved_at, "summary": summary(d.kind, &d.value) })
                    .to_string()
            }
            None => "null".to_owned(),
        }
    }

    /// Offers the draft `id` to the person.
    pub fn offer(&self, id: &str) {
        self.part.drafts.borrow_mut().offer(id);
        self.part.redraw();
    }

    /// How many other tabs have the same element and key open.
    pub fn set_other_tabs(&self, n: usize) {
        self.part.drafts.borrow_mut().set_other_tabs(n);
        self.part.redraw();
    }

    /// The host says this is a shared computer (`shared-device`), or no longer.
    pub fn set_shared_device(&self, on: bool) {
        self.part.drafts.borrow_mut().set_shared_device(on);
        self.part.redraw();
    }

    /// Saving failed (why), or worked (empty `failure`): the draft `id` of `key`, of `kind`
    /// (`record` or `plan`), saved at `saved_at`, then joins the list as the one being worked on.
    pub fn saved(&self, failure: &str, id: &str, kind: &str, key: &str, saved_at: &str) {
        let failure = (!failure.is_empty()).then(|| failure.to_owned());
        let ok = failure.is_none();
        self.part.drafts.borrow_mut().saved(failure);
        if let (true, Some(element), Some(kind)) =
            (ok, self.part.element.upgrade(), DraftKind::from_name(kind))
        {
            let draft = Envelope {
                kind,
                key: key.to_owned(),
                value: element.value(),
                saved_at: saved_at.to_owned(),
                schema: element.schema(),
                kit: String::new(),
                place: Value::Null,
            };
            self.part.drafts.borrow_mut().current_saved(id, draft);
        }
        self.part.redraw();
    }

    /// The store's commands since the last call: `[{"op": "write-to" | "write-new" | "delete",
    /// "id"}]`.
    pub fn take_commands(&self) -> String {
        let list: Vec<Value> = self
            .part
            .commands
            .take()
            .into_iter()
            .map(|c| match c {
                Command::WriteTo(id) => json!({ "op": "write-to", "id": id }),
                Command::WriteNew => json!({ "op": "write-new" }),
                Command::Delete(id) => json!({ "op": "delete", "id": id }),
                Command::SharedDevice(on) => json!({ "op": "shared-device", "on": on }),
                Command::Clear => json!({ "op": "clear" }),
                Command::AskOtherTab => json!({ "op": "ask-other-tab" }),
            })
            .collect();
        Value::Array(list).to_string()
    }

    /// Where the person is, for the next save (JSON).
    pub fn place(&self) -> String {
        self.part
            .element
            .upgrade()
            .map(|e| e.place().to_string())
            .unwrap_or_else(|| "null".to_owned())
    }

    /// The schema's fingerprint, for a record's next save; empty for a plan.
    pub fn schema(&self) -> String {
        self.part
            .element
            .upgrade()
            .and_then(|e| e.schema())
            .unwrap_or_default()
    }

    /// The drafts as the host's `drafts()` lists them: `[{"id", "savedAt", "summary", "state":
    /// "draft" | "newer" | "unreadable", "current"}]`, newest first.
    pub fn list(&self) -> String {
        let drafts = self.part.drafts.borrow();
        let list: Vec<Value> = drafts
            .entries
            .iter()
            .map(|e| {
                let (state, saved_at, words) = match &e.read {
                    Read::Draft(d) => ("draft", d.saved_at.clone(), summary(d.kind, &d.value)),
                    Read::Newer { .. } => ("newer", String::new(), String::new()),
                    Read::Unreadable { .. } => ("unreadable", String::new(), String::new()),
                };
                json!({ "id": e.id, "savedAt": saved_at, "summary": words, "state": state,
                        "current": drafts.current.as_deref() == Some(e.id.as_str()) })
            })
            .collect();
        Value::Array(list).to_string()
    }

    /// Opens the stored draft `id` as the person's "Open" would (`restoreDraft(id)`); false when
    /// there is no draft this kit can open by that id.
    pub fn open(&self, id: &str) -> bool {
        let known = self
            .part
            .drafts
            .borrow()
            .find(id)
            .is_some_and(|e| e.draft().is_some());
        if known {
            self.part.apply(DraftAction::Open(id.to_owned()));
        }
        known
    }

    /// What could not be read, for the developer's `console.warn`: `[{"id", "reason"}]`.
    pub fn problems(&self) -> String {
        let drafts = self.part.drafts.borrow();
        let list: Vec<Value> = drafts
            .entries
            .iter()
            .filter_map(|e| match &e.read {
                Read::Unreadable { reason } => Some(json!({ "id": e.id, "reason": reason })),
                Read::Newer { version } => {
                    Some(json!({ "id": e.id, "reason": format!("written by a newer kit (envelope version {version})") }))
                }
                Read::Draft(_) => None,
            })
            .collect();
        Value::Array(list).to_string()
    }
}

/// The year now, on the page's clock.
fn this_year() -> Option<u32> {
    Some(js_sys::Date::new_0().get_full_year())
}
