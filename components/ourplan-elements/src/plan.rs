//! `PlanElement`: the Rust half of `<ourplan-plan>`, the support plan builder. It owns the screen
//! (the plan, its history and the host's settings), renders the Yew view into the shadow root,
//! applies the person's actions, and tells the JS half which host events to fire.

use crate::pool::{self, Slot};
use ourplan_core::Emit;
use ourplan_core::Lang;
use ourplan_core::plan::{Focus, PlanAction, PlanScreen};
use ourplan_core::plan::{
    Indicative, Law, Period, Practitioner, Rules, parse_pounds, parse_template, to_compact_json,
};
use ourplan_ui::{PlanView, PlanViewProps, focus_id};
use serde_json::{Value, json};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use yew::Callback;

struct Inner {
    screen: Rc<RefCell<PlanScreen>>,
    app: RefCell<Option<Slot<PlanView>>>,
    revision: Cell<u64>,
    readonly: Cell<bool>,
    disabled: Cell<bool>,
    /// The page is being printed (see `PlanViewProps::printing`).
    printing: Cell<bool>,
    /// `emit(type)`: the JS half fires the host event `type` and updates the form value.
    emit: js_sys::Function,
    on_action: RefCell<Option<Callback<PlanAction>>>,
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
            screen: Rc::new(RefCell::new(PlanScreen::new(Lang::from_tag(lang)))),
            app: RefCell::new(None),
            revision: Cell::new(0),
            readonly: Cell::new(false),
            disabled: Cell::new(false),
            printing: Cell::new(false),
            emit,
            on_action: RefCell::new(None),
        });
        let weak: Weak<Inner> = Rc::downgrade(&inner);
        *inner.on_action.borrow_mut() = Some(Callback::from(move |action: PlanAction| {
            if let Some(inner) = weak.upgrade() {
                inner.apply(action);
            }
        }));
        let app = pool::take(&FREE, &mount, inner.props());
        *inner.app.borrow_mut() = Some(app);
        PlanElement { inner }
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

    /// Switches the language at once; nothing typed changes.
    pub fn set_lang(&self, lang: &str) {
        self.inner
            .screen
            .borrow_mut()
            .set_lang(Lang::from_tag(lang));
        self.inner.refresh();
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
        self.inner.readonly.set(on);
        self.inner.refresh();
    }

    /// Disables the builder.
    pub fn set_disabled(&self, on: bool) {
        self.inner.disabled.set(on);
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
        let screen = self.inner.screen.borrow();
        let errors: Vec<Value> = screen
            .problems()
            .into_iter()
            .map(|(block, message)| {
                let id = focus_id(&Focus::Field {
                    block,
                    field: "costPence",
                });
                json!({ "id": id, "message": message })
            })
            .collect();
        json!({ "valid": errors.is_empty(), "errors": errors }).to_string()
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

    /// The plan's sign-off as JSON (`null` when not signed off).
    pub fn signoff(&self) -> String {
        let screen = self.inner.screen.borrow();
        serde_json::to_string(&screen.state.plan().signoff).unwrap_or_else(|_| "null".to_owned())
    }

    /// Unmounts the view. The handle must not be used afterwards.
    pub fn destroy(self) {
        if let Some(app) = self.inner.app.borrow_mut().take() {
            let idle = PlanViewProps {
                screen: Rc::new(RefCell::new(PlanScreen::new(Lang::En))),
                revision: 0,
                readonly: false,
                disabled: false,
                printing: false,
                on_action: Callback::noop(),
            };
            pool::give_back(&FREE, app, idle);
        }
        self.inner.on_action.borrow_mut().take();
    }
}

impl Inner {
    fn props(&self) -> PlanViewProps {
        PlanViewProps {
            screen: self.screen.clone(),
            revision: self.revision.get(),
            readonly: self.readonly.get(),
            disabled: self.disabled.get(),
            printing: self.printing.get(),
            on_action: self.on_action.borrow().clone().unwrap_or_default(),
        }
    }

    fn refresh(&self) {
        self.revision.set(self.revision.get() + 1);
        let props = self.props();
        if let Some(app) = self.app.borrow_mut().as_mut() {
            app.update(props);
        }
    }

    fn apply(&self, action: PlanAction) {
        if self.readonly.get() || self.disabled.get() {
            return;
        }
        let emit = self.screen.borrow_mut().apply(action, &now());
        self.refresh();
        // "sync" fires no host event: it lets the JS half update the form's validity, which
        // can change without the plan changing (a cost box holding what is not an amount yet).
        let names: &[&str] = match emit {
            Emit::Nothing => &["sync"],
            Emit::Input => &["input"],
            Emit::Change => &["change"],
            Emit::Both => &["input", "change"],
            Emit::Signoff => &["ourplan-signoff", "change"],
        };
        for name in names {
            let _ = self.emit.call1(&JsValue::NULL, &JsValue::from_str(name));
        }
    }
}
