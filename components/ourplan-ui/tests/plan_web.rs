//! `PlanView` in a real browser (wasm-bindgen-test, headless Chromium): a person starts a blank
//! plan, adds a block and types into it; the view sends actions, an owner applies them to the
//! `PlanScreen` as the element does, and the view draws what changed.

#![cfg(target_arch = "wasm32")]

use ourplan_core::Lang;
use ourplan_core::plan::{Kind, PlanAction, PlanScreen};
use ourplan_ui::{PlanView, PlanViewProps};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::{AppHandle, Callback, Renderer};

wasm_bindgen_test_configure!(run_in_browser);

const NOW: &str = "2026-11-23T10:00:00Z";

fn host() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

/// What `ourplan-elements`' `PlanElement` does, without the wire: owns the screen, applies each
/// action to it, moves the revision and draws again.
struct Owner {
    screen: Rc<RefCell<PlanScreen>>,
    revision: Cell<u64>,
    app: RefCell<Option<AppHandle<PlanView>>>,
    actions: RefCell<Vec<PlanAction>>,
    me: Weak<Owner>,
}

impl Owner {
    fn mount(root: &Element) -> Rc<Owner> {
        let owner = Rc::new_cyclic(|me| Owner {
            screen: Rc::new(RefCell::new(PlanScreen::new(Lang::En))),
            revision: Cell::new(0),
            app: RefCell::new(None),
            actions: RefCell::new(Vec::new()),
            me: me.clone(),
        });
        let app = Renderer::<PlanView>::with_root_and_props(root.clone(), owner.props()).render();
        *owner.app.borrow_mut() = Some(app);
        owner
    }

    fn props(&self) -> PlanViewProps {
        let me = self.me.clone();
        PlanViewProps {
            screen: self.screen.clone().into(),
            revision: self.revision.get(),
            readonly: false,
            disabled: false,
            printing: false,
            on_action: Callback::from(move |action| {
                if let Some(owner) = me.upgrade() {
                    owner.apply(action);
                }
            }),
        }
    }

    fn apply(&self, action: PlanAction) {
        self.actions.borrow_mut().push(action.clone());
        self.screen.borrow_mut().apply(action, NOW);
        self.revision.set(self.revision.get() + 1);
        let props = self.props();
        if let Some(app) = self.app.borrow_mut().as_mut() {
            app.update(props);
        }
    }

    fn destroy(&self) {
        if let Some(app) = self.app.borrow_mut().take() {
            app.destroy();
        }
    }
}

fn find<T: JsCast>(root: &Element, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is drawn"))
        .dyn_into()
        .unwrap()
}

/// A bubbling event of `kind`, as the browser sends (Yew listens at the app's root).
fn dispatch(target: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event: web_sys::Event = if kind == "input" {
        web_sys::InputEvent::new_with_event_init_dict(
            kind,
            &web_sys::InputEventInit::from(wasm_bindgen::JsValue::from(init)),
        )
        .unwrap()
        .into()
    } else {
        web_sys::Event::new_with_event_init_dict(kind, &init).unwrap()
    };
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn start_blank_add_a_block_and_type_into_it() {
    let root = host();
    let owner = Owner::mount(&root);
    yew::scheduler::flush().await;

    // Before starting: the starters, and no builder.
    assert!(root.query_selector("[part=starters]").unwrap().is_some());
    assert!(root.query_selector("#op-title").unwrap().is_none());
    let blank: HtmlElement = find(&root, "#op-start-blank");
    assert_eq!(
        blank.text_content().unwrap().trim(),
        "Start with a blank page"
    );
    blank.click();
    yew::scheduler::flush().await;
    assert!(owner.screen.borrow().started);
    assert!(root.query_selector("[part=starters]").unwrap().is_none());
    assert!(root.query_selector("#op-title").unwrap().is_some());
    assert!(owner.screen.borrow().state.plan().blocks.is_empty());

    // Add a block of the kind the add control offers first (words).
    let add: HtmlElement = find(&root, "#op-add-top");
    add.click();
    yew::scheduler::flush().await;
    let id = {
        let screen = owner.screen.borrow();
        let blocks = &screen.state.plan().blocks;
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].kind(), Kind::Text);
        blocks[0].id.clone()
    };
    let block: Element = find(&root, &format!("#op-b-{id}"));
    assert_eq!(block.get_attribute("data-kind").as_deref(), Some("text"));
    assert_eq!(block.get_attribute("part").as_deref(), Some("block"));
    assert!(
        root.query_selector(&format!("#op-b-{id}-remove"))
            .unwrap()
            .is_some()
    );

    // Type into its text area through real `input` and `change` events.
    let text: HtmlTextAreaElement = find(&root, &format!("#op-f-{id}-text"));
    text.set_value("Walks by the river\nevery Sunday");
    dispatch(&text, "input");
    yew::scheduler::flush().await;
    assert_eq!(
        owner.screen.borrow().state.plan().blocks[0]
            .body
            .text("text"),
        Some("Walks by the river\nevery Sunday")
    );
    dispatch(&text, "change");
    yew::scheduler::flush().await;
    assert_eq!(
        owner.actions.borrow().as_slice(),
        &[
            PlanAction::Start(None),
            PlanAction::Add {
                kind: Kind::Text,
                parent: None
            },
            PlanAction::SetText {
                id: id.clone(),
                field: "text",
                text: "Walks by the river\nevery Sunday".into()
            },
            PlanAction::SetText {
                id: id.clone(),
                field: "text",
                text: "Walks by the river\nevery Sunday".into()
            },
            PlanAction::Commit,
        ]
    );

    // The block was drawn again from the plan: its fields are named by its first line, and its
    // move and remove buttons say which block they act on.
    let group: Element = find(&block, "[role=group]");
    assert_eq!(
        group.get_attribute("aria-label").as_deref(),
        Some("Walks by the river")
    );
    let remove: Element = find(&root, &format!("#op-b-{id}-remove"));
    assert!(
        remove
            .text_content()
            .unwrap()
            .ends_with(" Walks by the river"),
        "{:?}",
        remove.text_content()
    );
    let text: HtmlTextAreaElement = find(&root, &format!("#op-f-{id}-text"));
    assert_eq!(text.value(), "Walks by the river\nevery Sunday");

    // The title is typed the same way.
    let title: HtmlInputElement = find(&root, "#op-title");
    title.set_value("Sam's plan");
    dispatch(&title, "input");
    yew::scheduler::flush().await;
    assert_eq!(owner.screen.borrow().state.plan().title, "Sam's plan");
    owner.destroy();
}

#[wasm_bindgen_test]
async fn blocks_in_a_section_are_drawn_inside_it() {
    let root = host();
    let owner = Owner::mount(&root);
    owner.apply(PlanAction::Start(None));
    owner.apply(PlanAction::Add {
        kind: Kind::Section,
        parent: None,
    });
    let section = owner.screen.borrow().state.plan().blocks[0].id.clone();
    owner.apply(PlanAction::Add {
        kind: Kind::BudgetLine,
        parent: Some(section.clone()),
    });
    yew::scheduler::flush().await;
    let line = owner.screen.borrow().state.plan().blocks[0].body.children()[0]
        .id
        .clone();
    let outer: Element = find(&root, &format!("#op-b-{section}"));
    assert!(
        outer
            .query_selector(&format!("#op-b-{line}"))
            .unwrap()
            .is_some(),
        "the budget line is inside its section"
    );
    assert!(
        root.query_selector(&format!("#op-add-{section}"))
            .unwrap()
            .is_some()
    );

    // A cost that is not an amount stays in its box, with what is wrong, beside the line.
    let cost: HtmlInputElement = find(&root, &format!("#op-f-{line}-costPence"));
    cost.set_value("12.3.4");
    dispatch(&cost, "input");
    yew::scheduler::flush().await;
    let cost: HtmlInputElement = find(&root, &format!("#op-f-{line}-costPence"));
    assert_eq!(cost.value(), "12.3.4");
    assert!(
        root.query_selector(&format!("#op-f-{line}-costPence-error"))
            .unwrap()
            .is_some()
    );
    assert_eq!(cost.get_attribute("aria-invalid"), None);
    assert_eq!(
        cost.get_attribute("aria-describedby").as_deref(),
        Some(format!("op-f-{line}-costPence-hint op-f-{line}-costPence-error").as_str())
    );
    owner.destroy();
}
