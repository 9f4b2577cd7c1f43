//! `PlanElement`: the Rust half of `<ourplan-plan>`, the support plan builder. It owns the screen
//! (the plan, its history and the host's settings), renders the Yew view into the shadow root,
//! applies the person's actions, and tells the JS half which host events to fire.

use crate::drafts::{Drafted, DraftsHandle, DraftsPart};
use crate::host::Host;
use crate::pool::Slot;
use crate::wire;
use ourplan_core::Lang;
use ourplan_core::draft::Envelope;
use ourplan_core::plan::{Focus, PlanAction, PlanScreen};
use ourplan_core::plan::{
    Indicative, Law, Period, Practitioner, Rules, parse_pounds, parse_template, to_compact_json,
};
use ourplan_ui::{PlanView, PlanViewProps, focus_id};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use yew::Callback;

struct Inner {
    /// "sync" after an action that changed nothing the host hears of: the JS half updates the
    /// form's validity, which can change without the plan changing (a cost box holding what is
    /// not an amount yet).
    host: Host<PlanView>,
    screen: Rc<RefCell<PlanScreen>>,
    /// The page is being printed (see `PlanViewProps::printing`).
    printing: Cell<bool>,
    on_action: RefCell<Option<Callback<PlanAction>>>,
    /// The drafts part, once the element has a `storage-key`.
    drafts: RefCell<Option<Rc<DraftsPart>>>,
}

thread_local! {
    /// Apps of removed elements, for the next one (see `pool`).
    static FREE: RefCell<Vec<Slot<PlanView>>> = const { RefCell::new(Vec::new()) };
}

/// The Rust half of one `<ourplan-plan>`.
#[wasm_bindgen]
pub struct PlanElement {
    inner: Rc<Inner>,
}

/// A random name for this copy: eight letters and digits (about 2.8 × 10^12 names).
fn site_name() -> String {
    const DIGITS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..8)
        .map(|_| {
            let n = (js_sys::Math::random() * DIGITS.len() as f64) as usize;
            DIGITS[n.min(DIGITS.len() - 1)] as char
        })
        .collect()
}

/// The page's date and time now, RFC 3339 in UTC.
fn now() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

#[wasm_bindgen]
impl PlanElement {
    /// Mounts the builder into `mount` (an element inside the shadow root). `emit(type)` is
    /// called with `"input"`, `"change"` or `"ourplan-signoff"` after the person changes something,
    /// and with `"sync"` after an action that changed nothing the host hears of.
    #[wasm_bindgen(constructor)]
    pub fn new(mount: web_sys::Element, emit: js_sys::Function, lang: &str) -> PlanElement {
        let inner = Rc::new(Inner {
            host: Host::new(emit, true),
            screen: Rc::new(RefCell::new(PlanScreen::new(Lang::from_tag(lang)))),
            printing: Cell::new(false),
            on_action: RefCell::new(None),
            drafts: RefCell::new(None),
        });
        // A name for this copy, so blocks added here never share an id with blocks added in
        // another copy of the same plan (see `PlanState::set_site`).
        inner.screen.borrow_mut().set_site(&site_name());
        *inner.on_action.borrow_mut() = Some(crate::host::actions(&inner, Inner::apply));
        inner.host.mount(&FREE, &mount, inner.props());
        PlanElement { inner }
    }

    /// The kit's limits, as JSON (`{"planBlocks": 500}`; the host's `limits` property). Returns
    /// an empty string, or what is wrong with them (the limits are then left as they were).
    pub fn set_limits(&self, json: &str) -> String {
        crate::wire::with_limits(json, |limits| {
            self.inner.screen.borrow_mut().set_limits(limits)
        })
    }

    /// Sets the plan from JSON text (the host's `value` property). Fires no event. Returns an
    /// empty string, or what is wrong with the text (the current plan is then kept).
    pub fn set_value(&self, text: &str) -> String {
        let result = self.inner.screen.borrow_mut().set_plan_json(text);
        self.inner.refresh();
        result.err().map(|e| e.to_string()).unwrap_or_default()
    }

    /// The plan as (compact) JSON text.
    pub fn value(&self) -> String {
        to_compact_json(self.inner.screen.borrow().state.plan())
    }

    /// The plan as a draft saves it after each change: its pictures named, without their data
    /// (the store keeps each picture once, apart: see [`PlanElement::picture`]).
    pub fn draft_value(&self) -> String {
        ourplan_core::plan::pictures::by_reference(|| self.value())
    }

    /// The plan as (compact) JSON text, its pictures object written as one marker string
    /// (`prefix`: a random word the JS half makes once): the JS half puts the pictures' text,
    /// kept from the last time the marker was the same, in its place. See
    /// `ourplan_core::plan::pictures::marked`.
    pub fn value_marked(&self, prefix: &str) -> String {
        ourplan_core::plan::pictures::marked(prefix, || self.value())
    }

    /// The marker [`PlanElement::value_marked`] writes now, as JSON text with its quotes; empty
    /// when the plan writes no pictures.
    pub fn pictures_marker(&self, prefix: &str) -> String {
        ourplan_core::plan::pictures::marker_json(self.inner.screen.borrow().state.plan(), prefix)
    }

    /// The pictures object the plan writes, as JSON text: what takes the marker's place.
    pub fn pictures_json(&self) -> String {
        ourplan_core::plan::pictures::written_json(self.inner.screen.borrow().state.plan())
    }

    /// The keys of the pictures the plan shows, as a JSON array.
    pub fn picture_keys(&self) -> String {
        let screen = self.inner.screen.borrow();
        let keys = ourplan_core::plan::pictures::kept_keys(screen.state.plan());
        serde_json::to_string(&keys).unwrap_or_else(|_| "[]".to_owned())
    }

    /// The picture under `key` as JSON (`type`, `width`, `height`, `data`), or an empty string.
    pub fn picture(&self, key: &str) -> String {
        let screen = self.inner.screen.borrow();
        screen
            .state
            .plan()
            .pictures
            .get(key)
            .and_then(|p| serde_json::to_string(p).ok())
            .unwrap_or_default()
    }

    /// Switches the language at once; nothing typed changes.
    pub fn set_lang(&self, lang: &str) {
        let easy = self.inner.screen.borrow().lang.is_easy();
        self.inner
            .screen
            .borrow_mut()
            .set_lang(Lang::from_tag(lang).easy(easy));
        self.inner.refresh();
        if let Some(drafts) = self.inner.drafts.borrow().as_ref() {
            drafts.redraw();
        }
    }

    /// Easy read on or off (the `easy-read` attribute): the kit's own words from the easy-read
    /// catalogue, larger text, and a picture beside the kit's own headings and buttons.
    pub fn set_easy_read(&self, on: bool) {
        let lang = self.inner.screen.borrow().lang;
        if lang.is_easy() == on {
            return;
        }
        self.inner.screen.borrow_mut().set_lang(lang.easy(on));
        self.inner.refresh();
        if let Some(drafts) = self.inner.drafts.borrow().as_ref() {
            drafts.redraw();
        }
    }

    /// Sets the indicative budget from the host: an amount in pounds as text and `week`, `month`
    /// or `year`. Empty text clears the host's budget (the plan keeps its own). Returns an empty
    /// string, or what is wrong.
    pub fn set_indicative(&self, amount: &str, period: &str) -> String {
        let period = match period.trim() {
            "" | "week" => Period::Week,
            "month" => Period::Month,
            "year" => Period::Year,
            other => return format!("budget-period \"{other}\" is not week, month or year"),
        };
        let indicative = if amount.trim().is_empty() {
            None
        } else {
            match parse_pounds(amount) {
                Ok(amount_pence) => Some(Indicative {
                    amount_pence,
                    period,
                }),
                Err(e) => return format!("indicative-budget \"{amount}\": {e}"),
            }
        };
        self.inner
            .screen
            .borrow_mut()
            .set_host_indicative(indicative);
        self.inner.refresh();
        String::new()
    }

    /// Sets the sign-off rules (JSON text; empty for none). Returns an empty string, or what is
    /// wrong (the rules are then cleared, so nobody can sign off against rules nobody set).
    pub fn set_signoff_rules(&self, text: &str) -> String {
        let (rules, problem) = if text.trim().is_empty() || text.trim() == "null" {
            (None, String::new())
        } else {
            match Rules::from_json(text) {
                Ok(r) => (Some(r), String::new()),
                Err(e) => (None, e.to_string()),
            }
        };
        self.inner.screen.borrow_mut().rules = rules;
        self.inner.refresh();
        problem
    }

    /// Sets the practitioner, `{"name", "role"}` (JSON text; empty for none).
    pub fn set_practitioner(&self, text: &str) -> String {
        let (who, problem) = if text.trim().is_empty() || text.trim() == "null" {
            (None, String::new())
        } else {
            match Practitioner::from_json(text) {
                Ok(p) if !p.name.trim().is_empty() => (Some(p), String::new()),
                Ok(_) => (None, "the practitioner has no name".to_owned()),
                Err(e) => (None, e.to_string()),
            }
        };
        self.inner.screen.borrow_mut().practitioner = who;
        self.inner.refresh();
        problem
    }

    /// Which gentle legal checks to show: `england`, `wales`, or anything else for none.
    pub fn set_checks(&self, name: &str) {
        self.inner.screen.borrow_mut().law = Law::from_name(name);
        self.inner.refresh();
    }

    /// Makes the plan read-only.
    pub fn set_readonly(&self, on: bool) {
        self.inner.host.readonly.set(on);
        self.inner.refresh();
    }

    /// Disables the builder.
    pub fn set_disabled(&self, on: bool) {
        self.inner.host.disabled.set(on);
        self.inner.refresh();
    }

    /// The page is about to be printed (`true`), or has been (`false`): the printed copy is the
    /// plan drawn as a document. The view draws it before the browser lays out the page for print
    /// (Yew renders in a microtask, which runs as `beforeprint`'s listener returns).
    pub fn set_printing(&self, on: bool) {
        if self.inner.printing.replace(on) != on {
            self.inner.refresh();
        }
    }

    /// Sets the host's starters (a JSON array of template objects, replacing earlier ones).
    /// Returns an empty string, or what was wrong with the ones left out.
    pub fn add_templates(&self, text: &str) -> String {
        let list = match serde_json::from_str::<Value>(text) {
            Ok(Value::Array(list)) => list,
            Ok(Value::Null) => Vec::new(),
            Ok(one @ Value::Object(_)) => vec![one],
            Ok(_) => return "templates are a JSON array of template objects".to_owned(),
            Err(e) => return e.to_string(),
        };
        let mut problems = Vec::new();
        let mut templates = Vec::new();
        for item in list {
            match parse_template(&item.to_string()) {
                Ok(t) => templates.push(t),
                Err(e) => problems.push(e.to_string()),
            }
        }
        self.inner.screen.borrow_mut().host_templates = templates;
        self.inner.refresh();
        problems.join("; ")
    }

    /// Whether the plan can be saved as it stands: `{"valid", "errors": [{"id", "message"}]}`.
    /// Plans never block anyone; only a cost box holding something that is not an amount counts.
    pub fn validate(&self) -> String {
        let problems: Vec<(String, String)> = self
            .inner
            .screen
            .borrow()
            .problems()
            .into_iter()
            .map(|(block, message)| {
                let id = focus_id(&Focus::Field {
                    block,
                    field: "costPence",
                });
                (id, message)
            })
            .collect();
        wire::verdict(problems.is_empty(), "id", &problems)
    }

    /// Whether the plan can be submitted as it stands: false only while a cost box holds
    /// something that is not an amount (what was typed would otherwise be lost).
    pub fn is_valid(&self) -> bool {
        self.inner.screen.borrow().problems().is_empty()
    }

    /// The first problem's message, for the form's validity message; empty when valid.
    pub fn first_problem(&self) -> String {
        let screen = self.inner.screen.borrow();
        screen
            .problems()
            .into_iter()
            .next()
            .map(|(_, message)| message)
            .unwrap_or_default()
    }

    /// Who is editing (the host's `author`): recorded on blocks they add. Empty for nobody.
    pub fn set_author(&self, author: &str) {
        self.inner.screen.borrow_mut().set_author(author);
    }

    /// Combines another copy of the plan (JSON text) into this one, as one step of undo, and
    /// fires `ourplan-merge`, `input` and `change` when anything changed. Returns
    /// `{"summary": {...}}`, or `{"error": "other-document" | "unreadable", "message"}`.
    pub fn merge(&self, text: &str, other_document: bool) -> String {
        let lang = self.inner.screen.borrow().lang;
        let theirs = match ourplan_core::plan::import_json(text) {
            Ok(plan) => plan,
            Err(e) => return crate::wire::unreadable_copy(&e.person_message(lang)),
        };
        let result = self
            .inner
            .screen
            .borrow_mut()
            .merge_now(&theirs, other_document);
        if let Ok(summary) = &result {
            self.inner.refresh();
            if !summary.nothing_new || summary.conflicts + summary.kept > 0 {
                self.inner.host.fire(ourplan_core::Emit::Merge);
            }
        }
        crate::wire::merged(&result, lang, "plan.error.other_document")
    }

    /// The open conflicts, as JSON: `[{"part", "id", "field", "values"}]`.
    pub fn conflicts(&self) -> String {
        let screen = self.inner.screen.borrow();
        let list: Vec<Value> = ourplan_core::plan::merge::conflicts(screen.state.plan())
            .into_iter()
            .map(|c| {
                let (part, id) = match c.at.split_once(':') {
                    Some(("b", id)) => ("block", id.to_owned()),
                    Some(("i", id)) => ("item", id.to_owned()),
                    Some(("r", id)) => ("review", id.to_owned()),
                    _ => ("plan", String::new()),
                };
                serde_json::json!({ "part": part, "id": id, "field": c.field, "values": c.values })
            })
            .collect();
        Value::Array(list).to_string()
    }

    /// What the last combination did, as JSON (`null` before any).
    pub fn last_merge(&self) -> String {
        serde_json::to_string(&self.inner.screen.borrow().last_merge).unwrap_or_default()
    }

    /// The plan's figures and state with the element's settings, as JSON: exactly what
    /// `ourplan check-plan --format json` prints for the same plan and settings (see
    /// `ourplan_core::plan::report`).
    pub fn check(&self) -> String {
        let screen = self.inner.screen.borrow();
        let settings = ourplan_core::plan::report::Settings {
            lang: screen.lang,
            rules: screen.rules.clone(),
            law: screen.law,
            indicative: screen.host_indicative.clone(),
        };
        ourplan_core::plan::report::report(screen.state.plan(), &settings)
    }

    /// The plan's sign-off as JSON (`null` when not signed off).
    pub fn signoff(&self) -> String {
        let screen = self.inner.screen.borrow();
        serde_json::to_string(&screen.state.plan().signoff).unwrap_or_else(|_| "null".to_owned())
    }

    /// Unmounts the view. The handle must not be used afterwards.
    pub fn destroy(self) {
        let idle = PlanViewProps {
            screen: Rc::new(RefCell::new(PlanScreen::new(Lang::En))).into(),
            revision: 0,
            readonly: false,
            disabled: false,
            printing: false,
            on_action: Callback::noop(),
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
        serde_json::to_value(self.screen.borrow().state.plan()).unwrap_or(Value::Null)
    }

    fn restore(&self, draft: &Envelope, when: String) -> Option<Value> {
        let result = self
            .screen
            .borrow_mut()
            .restore(&draft.value, &when, &draft.place);
        if let Err(e) = result {
            web_sys::console::warn_1(&format!("ourplan: a draft could not be opened: {e}").into());
        }
        self.refresh();
        self.host.fire(ourplan_core::Emit::Both);
        None
    }

    fn is_plan(&self) -> bool {
        true
    }

    fn place(&self) -> Value {
        self.screen.borrow().place()
    }

    fn schema(&self) -> Option<String> {
        None
    }

    fn lang(&self) -> Lang {
        self.screen.borrow().lang
    }

    fn fire(&self, name: &str) {
        self.host.fire_named(name);
    }
}

impl Inner {
    fn props(&self) -> PlanViewProps {
        PlanViewProps {
            screen: self.screen.clone().into(),
            revision: self.host.revision(),
            readonly: self.host.readonly.get(),
            disabled: self.host.disabled.get(),
            printing: self.printing.get(),
            on_action: self.on_action.borrow().clone().unwrap_or_default(),
        }
    }

    fn refresh(&self) {
        self.host.bump();
        self.host.draw(self.props());
    }

    fn apply(&self, action: PlanAction) {
        if self.host.readonly.get() || self.host.disabled.get() {
            return;
        }
        let emit = self.screen.borrow_mut().apply(action, &now());
        self.refresh();
        self.host.fire(emit);
    }
}
