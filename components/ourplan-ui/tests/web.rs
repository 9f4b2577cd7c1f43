//! `RecordView` in a real browser (wasm-bindgen-test, headless Chromium): what it draws from a
//! state, and the actions it sends back when the person types.

#![cfg(target_arch = "wasm32")]

use ourplan_core::model::Level;
use ourplan_core::record::Action;
use ourplan_core::{Input, Lang, RecordState};
use ourplan_ui::{RecordView, RecordViewProps};
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};
use yew::{Callback, Renderer};

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

fn state(schema: serde_json::Value) -> Rc<RefCell<RecordState>> {
    let mut s = RecordState::new(Lang::En);
    // Every field shows at the full level (brief would keep optional ones one action away).
    s.set_level(Level::Full);
    s.set_schema(&schema).unwrap();
    Rc::new(RefCell::new(s))
}

#[wasm_bindgen_test]
async fn draws_labels_hints_and_optional_marks() {
    let root = host();
    let st = state(json!({
        "title": "Form <b>",
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "title": "Name", "description": "As you like to be called"},
            "age": {"type": "integer"}
        }
    }));
    let props = RecordViewProps {
        state: st.into(),
        revision: 0,
        focus_summary: 0,
        readonly: false,
        disabled: false,
        printing: false,
        copies: false,
        on_action: Callback::noop(),
        redraws: Default::default(),
        no_script: false,
    };
    let app = Renderer::<RecordView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("Form <b>"), "{text}");
    assert!(text.contains("As you like to be called"));
    assert!(text.contains("Age (optional)"));
    assert!(!text.contains("Name (optional)"));
    assert!(
        root.query_selector("b").unwrap().is_none(),
        "titles are text, not HTML"
    );
    let input = root.query_selector("#op-f-name").unwrap().unwrap();
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("op-f-name-hint")
    );
    assert_eq!(
        input.get_attribute("aria-required").as_deref(),
        Some("true")
    );
    app.destroy();
}

#[wasm_bindgen_test]
async fn typing_sends_an_edit_action() {
    let root = host();
    let st = state(json!({"properties": {"name": {"type": "string"}}}));
    let seen: Rc<RefCell<Vec<Action>>> = Rc::default();
    let sink = seen.clone();
    let props = RecordViewProps {
        state: st.into(),
        revision: 0,
        focus_summary: 0,
        readonly: false,
        disabled: false,
        printing: false,
        copies: false,
        on_action: Callback::from(move |a| sink.borrow_mut().push(a)),
        redraws: Default::default(),
        no_script: false,
    };
    let app = Renderer::<RecordView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let input: HtmlInputElement = root
        .query_selector("#op-f-name")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value("Ann");
    // Yew listens at the app root, so the synthetic event must bubble.
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict(
        "input",
        &web_sys::InputEventInit::from(wasm_bindgen::JsValue::from(init)),
    )
    .unwrap();
    input.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(
        seen.borrow().as_slice(),
        &[Action::Edit {
            pointer: "/name".into(),
            input: Input::Text("Ann".into())
        }]
    );
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_brief_level_keeps_optional_fields_one_button_away() {
    let root = host();
    let mut s = RecordState::new(Lang::En);
    s.set_schema(&json!({"required": ["a"], "properties": {"a": {"type": "string"}, "b": {"type": "string", "title": "Bee"}}}))
        .unwrap();
    let props = RecordViewProps {
        state: Rc::new(RefCell::new(s)).into(),
        revision: 0,
        focus_summary: 0,
        readonly: false,
        disabled: false,
        printing: false,
        copies: false,
        on_action: Callback::noop(),
        redraws: Default::default(),
        no_script: false,
    };
    let app = Renderer::<RecordView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert!(root.query_selector("#op-f-a").unwrap().is_some());
    assert!(root.query_selector("#op-f-b").unwrap().is_none());
    let more = root
        .query_selector(".op-add-more button")
        .unwrap()
        .expect("an Add more button");
    assert_eq!(more.text_content().unwrap(), "Bee");
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_load_error_is_shown_not_a_blank() {
    let root = host();
    let mut s = RecordState::new(Lang::Cy);
    let _ = s.set_schema_text("{ oops");
    let props = RecordViewProps {
        state: Rc::new(RefCell::new(s)).into(),
        revision: 0,
        focus_summary: 0,
        readonly: false,
        disabled: false,
        printing: false,
        copies: false,
        on_action: Callback::noop(),
        redraws: Default::default(),
        no_script: false,
    };
    let app = Renderer::<RecordView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    assert!(
        alert
            .text_content()
            .unwrap()
            .contains("Does dim modd dangos y ffurflen hon")
    );
    app.destroy();
}
