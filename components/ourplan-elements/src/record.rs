//! `RecordElement`: the Rust half of `<ourplan-record>`. It owns the record's state, renders the
//! Yew view into the shadow root, applies the person's actions, and tells the JS half which host
//! events to fire. The JS half (js/ourplan.js) owns attributes, properties and ElementInternals.

use crate::drafts::{Drafted, DraftsHandle, DraftsPart};
use crate::host::Host;
use crate::pool::Slot;
use crate::wire;
use ourplan_core::draft::{Envelope, schema_fingerprint};
use ourplan_core::error::{Error, ErrorKind};
use ourplan_core::record::Action;
use ourplan_core::schema::parse_value_within;
use ourplan_core::{Lang, RecordState};
use ourplan_ui::{RecordView, RecordViewProps, Redraws};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use yew::Callback;

struct Inner {
    host: Host<RecordView>,
    state: Rc<RefCell<RecordState>>,
    focus_summary: Cell<u64>,
    on_action: RefCell<Option<Callback<Action>>>,
    /// Redraws one top-level field alone (see `ourplan_ui::Redraws`).
    redraws: Redraws,
    /// Why a schema compiled after it was drawn was refused, until `compile_schema` reports it.
    unreported: RefCell<String>,
    /// How many of the schema's diagnostics `diagnostics` has handed over.
    diagnostics_reported: Cell<usize>,
    /// The drafts part, once the element has a `storage-key`.
    drafts: RefCell<Option<Rc<DraftsPart>>>,
    /// The schema's fingerprint for drafts, worked out once per schema.
    schema_print: RefCell<Option<String>>,
    /// The element is making its printed copy (see `RecordViewProps::printing`).
    printing: Cell<bool>,
    /// What the last combination of copies did (for `ourplan-merge`).
    /// The copies panel shows (the `copies` attribute).
    copies: Cell<bool>,
}

thread_local! {
    /// Apps of removed elements, for the next one (see `pool`).
    static FREE: RefCell<Vec<Slot<RecordView>>> = const { RefCell::new(Vec::new()) };
}

/// The Rust half of one `<ourplan-record>`.
#[wasm_bindgen]
pub struct RecordElement {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl RecordElement {
    /// Mounts a record view into `mount` (an element inside the shadow root). `emit(type)` is
    /// called with `"input"` or `"change"` after the person changes something.
    #[wasm_bindgen(constructor)]
    pub fn new(mount: web_sys::Element, emit: js_sys::Function, lang: &str) -> RecordElement {
        let inner = Rc::new(Inner {
            host: Host::new(emit, false),
            state: Rc::new(RefCell::new(RecordState::new(Lang::from_tag(lang)))),
            focus_summary: Cell::new(0),
            on_action: RefCell::new(None),
            redraws: Redraws::default(),
            unreported: RefCell::new(String::new()),
            diagnostics_reported: Cell::new(0),
            drafts: RefCell::new(None),
            schema_print: RefCell::new(None),
            printing: Cell::new(false),
            copies: Cell::new(false),
        });
        *inner.on_action.borrow_mut() = Some(crate::host::actions(&inner, Inner::apply));
        inner.host.mount(&FREE, &mount, inner.props());
        RecordElement { inner }
    }

    /// Sets the schema from JSON text and draws the form; the schema is compiled by
    /// `compile_schema` (the JS half calls it after the next paint), or sooner when something
    /// needs the validator. Returns an empty string, or the developer's description of what is
    /// wrong (for `console.warn`); the person sees a translated message either way.
    pub fn set_schema(&self, text: &str) -> String {
        crate::reserve_memory(text.len());
        let result = self.inner.state.borrow_mut().set_schema_text_later(text);
        self.inner.unreported.borrow_mut().clear();
        self.inner.diagnostics_reported.set(0);
        self.inner.schema_print.take();
        self.inner.refresh();
        result.err().map(|e| e.to_string()).unwrap_or_default()
    }

    /// Whether the schema is drawn but not compiled yet (the form is not valid until it is).
    pub fn pending(&self) -> bool {
        self.inner.state.borrow().is_pending()
    }

    /// What the form's validity message says while the schema waits to be compiled ("Loading the
    /// form…"); empty once it is compiled.
    pub fn pending_message(&self) -> String {
        let state = self.inner.state.borrow();
        if state.is_pending() {
            ourplan_core::i18n::t(state.lang(), "form.loading", &[])
        } else {
            String::new()
        }
    }

    /// Compiles a schema `set_schema` drew, if that has not happened yet, and checks the value.
    /// Returns an empty string, or why the schema was refused (once, for `console.warn`); the
    /// person then sees the translated message in place of the form, with nothing typed lost.
    pub fn compile_schema(&self) -> String {
        self.inner.compile_pending();
        std::mem::take(&mut *self.inner.unreported.borrow_mut())
    }

    /// Shows that the schema could not be fetched; `detail` is for the console only.
    pub fn set_fetch_error(&self, detail: &str) {
        self.inner
            .state
            .borrow_mut()
            .fail(Error::new(ErrorKind::SchemaFetch {
                detail: detail.to_owned(),
            }));
        self.inner.refresh();
    }

    /// Referenced schemas, as a JSON object of URI to schema, used by `$ref`s (no network).
    pub fn set_remotes(&self, json: &str) {
        self.inner
            .state
            .borrow_mut()
            .set_remotes(wire::remotes(json));
    }

    /// The kit's limits, as JSON (`{"textChars": 5000}`; the host's `limits` property). Returns an
    /// empty string, or what is wrong with them (the limits are then left as they were). They
    /// apply to the schema and values set from now on.
    pub fn set_limits(&self, json: &str) -> String {
        wire::with_limits(json, |limits| {
            self.inner.state.borrow_mut().set_limits(limits)
        })
    }

    /// Sets the value from JSON text (the host's `value` property). Fires no event. Returns an
    /// empty string, or what is wrong with the text (the current value is then kept).
    pub fn set_value(&self, text: &str) -> String {
        let limits = *self.inner.state.borrow().limits();
        match parse_value_within(text, &limits) {
            Ok(v) => {
                let mut state = self.inner.state.borrow_mut();
                state.set_value(v);
                // A value the host sets is a revision its copies may later share.
                state.checkpoint();
                drop(state);
                self.inner.refresh();
                String::new()
            }
            Err(e) => e.to_string(),
        }
    }

    /// The current value as JSON text.
    pub fn value(&self) -> String {
        self.inner.state.borrow().value().to_string()
    }

    /// Whether the value is valid right now (without showing anything).
    pub fn is_valid(&self) -> bool {
        self.inner.compile_pending();
        self.inner.state.borrow().is_valid()
    }

    /// The first problem's message, for the form's validity message; empty when valid.
    pub fn first_problem(&self) -> String {
        self.inner.compile_pending();
        let state = self.inner.state.borrow();
        if state.load_error().is_some() {
            return state
                .load_error()
                .map(|e| e.person_message(state.lang()))
                .unwrap_or_default();
        }
        state.first_problem().map(|p| p.message).unwrap_or_default()
    }

    /// Shows every problem with the error summary, and moves focus to the summary when there are
    /// any. Returns `{"valid", "errors": [{"pointer", "message"}]}` as JSON.
    pub fn validate(&self, focus: bool) -> String {
        self.inner.compile_pending();
        let valid = self.inner.state.borrow_mut().validate_all();
        if !valid && focus {
            self.inner
                .focus_summary
                .set(self.inner.focus_summary.get() + 1);
        }
        self.inner.refresh();
        let problems: Vec<(String, String)> = self
            .inner
            .state
            .borrow()
            .all_problems()
            .into_iter()
            .map(|p| (p.pointer, p.message))
            .collect();
        wire::verdict(valid, "pointer", &problems)
    }

    /// Switches the language at once; nothing typed changes.
    pub fn set_lang(&self, lang: &str) {
        let easy = self.inner.state.borrow().lang().is_easy();
        self.inner
            .state
            .borrow_mut()
            .set_lang(Lang::from_tag(lang).easy(easy));
        self.inner.refresh();
        if let Some(drafts) = self.inner.drafts.borrow().as_ref() {
            drafts.redraw();
        }
    }

    /// Easy read on or off (the `easy-read` attribute): the kit's own words from the easy-read
    /// catalogue, and the schema's `x-ourplan` `easy` words where it has them.
    pub fn set_easy_read(&self, on: bool) {
        let lang = self.inner.state.borrow().lang();
        if lang.is_easy() == on {
            return;
        }
        self.inner.state.borrow_mut().set_lang(lang.easy(on));
        self.inner.refresh();
        if let Some(drafts) = self.inner.drafts.borrow().as_ref() {
            drafts.redraw();
        }
    }

    /// Sets how much of the record shows: `brief` (the default), `standard` or `full`.
    pub fn set_level(&self, level: &str) {
        self.inner
            .state
            .borrow_mut()
            .set_level(ourplan_core::model::Level::from_name(level));
        self.inner.refresh();
    }

    /// The element is making its printed copy (`true`: the record read back is drawn beside the
    /// form, hidden on screen), or has made it (`false`).
    pub fn set_printing(&self, on: bool) {
        if self.inner.printing.replace(on) != on {
            self.inner.refresh();
        }
    }

    /// Makes the fields read-only.
    pub fn set_readonly(&self, on: bool) {
        self.inner.host.readonly.set(on);
        self.inner.refresh();
    }

    /// Shows the copies panel under the form (share a copy, combine with one), or hides it.
    pub fn set_copies(&self, on: bool) {
        self.inner.copies.set(on);
        self.inner.refresh();
    }

    /// Disables the fields.
    pub fn set_disabled(&self, on: bool) {
        self.inner.host.disabled.set(on);
        self.inner.refresh();
    }

    /// What lowering could not draw, and mistakes in `x-ourplan` annotations (found when the
    /// schema compiles), as JSON `[{"schemaPointer", "message"}]`, for `console.warn`: each once
    /// per schema.
    pub fn diagnostics(&self) -> String {
        let state = self.inner.state.borrow();
        let all = state.diagnostics();
        let from = self.inner.diagnostics_reported.get().min(all.len());
        self.inner.diagnostics_reported.set(all.len());
        wire::diagnostics(&all[from..])
    }

    /// Who is filling in the record (the host's `author`): noted on answers they change.
    pub fn set_author(&self, author: &str) {
        self.inner.state.borrow_mut().set_author(author);
    }

    /// The record as a copy to share (its value and merge history), as JSON text:
    /// `{"ourplan": "record-copy", "value", "merge"}`.
    pub fn copy(&self) -> String {
        self.inner.state.borrow_mut().copy().to_string()
    }

    /// Combines another copy (a record copy from `copy()`, or a value) into this record and fires
    /// `ourplan-merge`, `input` and `change` when anything changed. Returns `{"summary": {...}}`,
    /// or `{"error": "other-document" | "unreadable", "message"}`.
    pub fn merge(&self, text: &str, other_document: bool) -> String {
        self.inner.compile_pending();
        let lang = self.inner.state.borrow().lang();
        let limits = *self.inner.state.borrow().limits();
        let theirs = match parse_value_within(text, &limits) {
            Ok(v) => v,
            Err(e) => return crate::wire::unreadable_copy(&e.person_message(lang)),
        };
        let result = self
            .inner
            .state
            .borrow_mut()
            .merge_copy(&theirs, other_document);
        if let Ok(summary) = &result {
            self.inner.refresh();
            if !summary.nothing_new || summary.conflicts > 0 {
                self.inner.host.fire(ourplan_core::Emit::Merge);
            }
        }
        wire::merged(&result, lang, "form.merge.other_document")
    }

    /// The open conflicts, as JSON: `[{"pointer", "values"}]`.
    pub fn conflicts(&self) -> String {
        let list: Vec<Value> = self
            .inner
            .state
            .borrow()
            .conflicts()
            .into_iter()
            .map(|c| serde_json::json!({ "pointer": c.at, "values": c.values }))
            .collect();
        Value::Array(list).to_string()
    }

    /// What the last combination did, as JSON (`null` before any).
    pub fn last_merge(&self) -> String {
        serde_json::to_string(&self.inner.state.borrow().last_merge()).unwrap_or_default()
    }

    /// Unmounts the view. The handle must not be used afterwards.
    pub fn destroy(self) {
        let idle = RecordViewProps {
            state: Rc::new(RefCell::new(RecordState::new(Lang::En))).into(),
            revision: 0,
            focus_summary: 0,
            readonly: false,
            disabled: false,
            printing: false,
            copies: false,
            on_action: Callback::noop(),
            redraws: Redraws::default(),
            no_script: false,
        };
        self.inner.host.unmount(&FREE, idle);
        self.inner.on_action.borrow_mut().take();
        if let Some(drafts) = self.inner.drafts.take() {
            drafts.destroy();
        }
    }

    /// The element's drafts (made on first use: the JS half asks once the element has a
    /// `storage-key`).
    pub fn drafts(&self) -> DraftsHandle {
        let mut slot = self.inner.drafts.borrow_mut();
        let part = slot.get_or_insert_with(|| {
            let weak: Weak<dyn Drafted> = Rc::downgrade(&self.inner) as Weak<dyn Drafted>;
            DraftsPart::new(weak)
        });
        part.handle()
    }
}

impl Drafted for Inner {
    fn value(&self) -> Value {
        self.state.borrow().value().clone()
    }

    fn restore(&self, draft: &Envelope, when: String) -> Option<Value> {
        let said = ourplan_core::i18n::t(
            self.state.borrow().lang(),
            "draft.restored",
            &[("when", &when)],
        );
        self.compile_pending();
        let mut state = self.state.borrow_mut();
        state.restore(draft.value.clone(), &draft.place, said);
        state.restore_history(draft.place.get("merge"));
        drop(state);
        // Written against another schema: what the form no longer asks is put aside, not dropped.
        let changed = draft.schema.is_some() && draft.schema != Drafted::schema(self);
        let aside = if changed {
            self.state.borrow_mut().take_unasked()
        } else {
            None
        };
        self.refresh();
        self.host.fire(ourplan_core::Emit::Both);
        aside
    }

    fn is_plan(&self) -> bool {
        false
    }

    fn place(&self) -> Value {
        let state = self.state.borrow();
        let mut place = state.place();
        if let (Some(history), Some(map)) = (state.history(), place.as_object_mut()) {
            map.insert(
                "merge".to_owned(),
                ourplan_core::record::merge::written(state.value(), history),
            );
        }
        place
    }

    fn schema(&self) -> Option<String> {
        if let Some(print) = self.schema_print.borrow().as_ref() {
            return Some(print.clone());
        }
        let print = self.state.borrow().schema().map(schema_fingerprint)?;
        *self.schema_print.borrow_mut() = Some(print.clone());
        Some(print)
    }

    fn lang(&self) -> Lang {
        self.state.borrow().lang()
    }

    fn fire(&self, name: &str) {
        self.host.fire_named(name);
    }
}

impl Inner {
    /// Compiles the schema if it waits (see `RecordElement::set_schema`), and redraws: a schema
    /// that breaks the rules replaces the form with its message.
    fn compile_pending(&self) {
        if !self.state.borrow().is_pending() {
            return;
        }
        let result = self.state.borrow_mut().compile_pending();
        if let Err(e) = result {
            *self.unreported.borrow_mut() = e.to_string();
        }
        self.refresh();
    }

    fn props(&self) -> RecordViewProps {
        RecordViewProps {
            state: self.state.clone().into(),
            revision: self.host.revision(),
            focus_summary: self.focus_summary.get(),
            readonly: self.host.readonly.get(),
            disabled: self.host.disabled.get(),
            printing: self.printing.get(),
            copies: self.copies.get(),
            on_action: self.on_action.borrow().clone().unwrap_or_default(),
            redraws: self.redraws.clone(),
            no_script: false,
        }
    }

    /// Redraws only the top-level fields that changed since `before`, when nothing else did
    /// and each has a component to redraw; false when the whole view must be drawn.
    fn redraw_alone(&self, before: &ourplan_core::Outline) -> bool {
        let Some(fields) = self.state.borrow().changed_top_fields(before) else {
            return false;
        };
        let callbacks: Option<Vec<Callback<()>>> = {
            let map = self.redraws.borrow();
            fields.iter().map(|p| map.get(p).cloned()).collect()
        };
        let Some(callbacks) = callbacks else {
            return false;
        };
        for redraw in callbacks {
            redraw.emit(());
        }
        true
    }

    fn refresh(&self) {
        self.host.bump();
        self.host.draw(self.props());
    }

    fn apply(&self, action: Action) {
        // What the person does is checked, so the schema must be compiled first.
        self.compile_pending();
        let keystroke = matches!(action, Action::Edit { .. });
        let before = self.state.borrow().outline();
        let emit = self.state.borrow_mut().apply(action);
        // A keystroke that changed only its own top-level field redraws that field alone.
        if !(keystroke && self.redraw_alone(&before)) {
            self.refresh();
        }
        self.host.fire(emit);
    }
}
