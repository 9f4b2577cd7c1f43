//! `PlanView`: the support plan builder. The person writes their plan in whatever shape suits
//! them: any block anywhere, edited in place, moved with buttons (so with the keyboard too, and
//! never by dragging), deleted with undo. Beside it: the budget panel, sign-off (only when the host
//! gives rules and a practitioner), the review log, gentle legal checks, and files.
//!
//! It draws a [`PlanScreen`] (the DOM-free screen in `ourplan-core`) and sends [`PlanAction`]s to
//! its owner, which applies them there. The screen names focus targets abstractly ([`Focus`]);
//! [`focus_id`] maps them to this view's elements.

use ourplan_core::Lang;
use ourplan_core::format;
use ourplan_core::i18n::{t, tn};
use ourplan_core::plan::{
    Balance, Block, Error, Field, FieldType, Focus, Frequency, Kind, Message, Move, Moves,
    PaidFrom, Period, PlanAction, PlanScreen, Verdict, balance, format_pence, suggestions, to_json,
    to_markdown, totals,
};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The part of a move button's id that names its move.
fn move_suffix(how: Move) -> &'static str {
    match how {
        Move::Up => "up",
        Move::Down => "down",
        Move::Into => "into",
        Move::Out => "out",
    }
}

/// The DOM id of the element the screen's focus target names.
pub fn focus_id(focus: &Focus) -> String {
    match focus {
        Focus::Block(id) => format!("op-b-{id}"),
        Focus::Item { block, item } => format!("op-i-{block}-{item}"),
        Focus::AddTo(None) => "op-add-top".to_owned(),
        Focus::AddTo(Some(s)) => format!("op-add-{s}"),
        Focus::AddItem { block, field } => format!("op-b-{block}-add-{field}"),
        Focus::Title => "op-title".to_owned(),
        Focus::Review(id) => format!("op-r-{id}-date"),
        Focus::AddReview => "op-add-review".to_owned(),
        Focus::Field { block, field } => format!("op-f-{block}-{field}"),
        Focus::MoveButton { block, how } => format!("op-b-{block}-{}", move_suffix(*how)),
        Focus::ItemMove { block, item, up } => {
            format!("op-i-{block}-{item}-{}", if *up { "up" } else { "down" })
        }
        Focus::AddAfterKind(id) => format!("op-add-after-{id}-kind"),
        Focus::AddBelow(id) => format!("op-b-{id}-add-below"),
        Focus::SignoffStatus => "op-signoff-status".to_owned(),
        Focus::ImportError => "op-import-error".to_owned(),
        Focus::Element(id) => id.clone(),
    }
}

/// Properties of [`PlanView`].
#[derive(Properties, Clone)]
pub struct PlanViewProps {
    /// The screen. The owner changes it in response to actions, then bumps `revision`.
    pub screen: Rc<RefCell<PlanScreen>>,
    /// Changes whenever `screen` has changed.
    pub revision: u64,
    /// The plan can be read but not changed.
    #[prop_or_default]
    pub readonly: bool,
    /// Everything is disabled.
    #[prop_or_default]
    pub disabled: bool,
    /// The page is being printed: the plan is drawn as a document beside the builder, for the
    /// printed copy only (see `plan_read`).
    #[prop_or_default]
    pub printing: bool,
    /// Receives every action.
    pub on_action: Callback<PlanAction>,
}

impl PartialEq for PlanViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.screen, &other.screen)
            && self.revision == other.revision
            && self.readonly == other.readonly
            && self.disabled == other.disabled
            && self.printing == other.printing
            && self.on_action == other.on_action
    }
}

/// What every part of the view needs: the language, whether it can be changed, and where
/// actions go. Cheap to compare, so block components can skip drawing when nothing changed.
#[derive(Clone, PartialEq)]
struct Env {
    lang: Lang,
    editable: bool,
    disabled: bool,
    on: Callback<PlanAction>,
}

impl Env {
    fn t(&self, key: &str) -> String {
        t(self.lang, key, &[])
    }
    fn ta(&self, key: &str, args: &[(&str, &str)]) -> String {
        t(self.lang, key, args)
    }
    fn click(&self, action: PlanAction) -> Callback<MouseEvent> {
        let on = self.on.clone();
        Callback::from(move |_: MouseEvent| on.emit(action.clone()))
    }
    /// A text box's `input` and `change` handlers: each keystroke is `make(text)`; a `change`
    /// is `make(text)` again, then the commit. A change may come with no input before it
    /// (autofill, password managers, assistive tools, WebDriver's `clear()`): it is the person's
    /// edit all the same, so the box and the plan never disagree.
    fn typed(
        &self,
        make: impl Fn(String) -> PlanAction + 'static,
    ) -> (Callback<InputEvent>, Callback<Event>) {
        let make = Rc::new(make);
        let on = self.on.clone();
        let each = make.clone();
        let oninput = Callback::from(move |e: InputEvent| on.emit(each(target_value(&e))));
        let on = self.on.clone();
        let onchange = Callback::from(move |e: Event| {
            on.emit(make(target_value(&e)));
            on.emit(PlanAction::Commit);
        });
        (oninput, onchange)
    }
}

/// The whole screen, for the parts outside the blocks (title, panels, reviews, files).
struct Cx<'a> {
    screen: &'a PlanScreen,
    env: Env,
}

impl std::ops::Deref for Cx<'_> {
    type Target = Env;
    fn deref(&self) -> &Env {
        &self.env
    }
}

/// What blocks need from the screen beyond their own content, worked out once per change of the
/// screen: which moves each block offers, cost boxes holding text that is not (yet) an amount,
/// the outcomes a budget line can link to, and where an "add here" control is open.
#[derive(Default)]
struct Shared {
    moves: HashMap<String, Moves>,
    cost: HashMap<String, (String, Option<Error>)>,
    outcomes: Vec<(String, String)>,
    adding_after: Option<String>,
}

impl Shared {
    fn new(screen: &PlanScreen, env: &Env) -> Shared {
        let state = &screen.state;
        let mut moves = HashMap::new();
        let mut outcome_list = Vec::new();
        walk(&state.plan().blocks, &mut |b| {
            moves.insert(b.id.clone(), state.moves(&b.id).unwrap_or_default());
            if b.kind() == Kind::Outcome {
                outcome_list.push((b.id.clone(), display_name(env, b)));
            }
        });
        Shared {
            moves,
            cost: screen.cost_typed.clone(),
            outcomes: outcome_list,
            adding_after: screen.adding_after.clone(),
        }
    }

    /// Whether `self` and `other` say the same about `id`.
    fn same_for(&self, other: &Shared, id: &str) -> bool {
        self.moves.get(id) == other.moves.get(id)
            && self.cost.get(id) == other.cost.get(id)
            && (self.adding_after.as_deref() == Some(id))
                == (other.adding_after.as_deref() == Some(id))
    }
}

/// Visits every block, sections' blocks included, in document order.
fn walk<'a>(blocks: &'a [Block], visit: &mut impl FnMut(&'a Block)) {
    for b in blocks {
        visit(b);
        walk(b.body.children(), visit);
    }
}

/// Properties of one block's component.
#[derive(Properties)]
struct BlockProps {
    block: Block,
    env: Env,
    shared: Rc<Shared>,
}

impl PartialEq for BlockProps {
    /// Equal when nothing this block (and, for a section, anything inside it) draws has changed,
    /// so typing in one block of 500 redraws one block.
    fn eq(&self, other: &Self) -> bool {
        if self.block != other.block || self.env != other.env {
            return false;
        }
        if Rc::ptr_eq(&self.shared, &other.shared) {
            return true;
        }
        let mut same = self.shared.same_for(&other.shared, &self.block.id);
        let mut links = false;
        walk(self.block.body.children(), &mut |b| {
            same = same && self.shared.same_for(&other.shared, &b.id);
            links = links || b.kind() == Kind::BudgetLine;
        });
        if links || self.block.kind() == Kind::BudgetLine {
            same = same && self.shared.outcomes == other.shared.outcomes;
        }
        same
    }
}

/// A block inside a component's drawing: its environment and the shared facts.
struct Bx<'a> {
    env: &'a Env,
    shared: &'a Rc<Shared>,
}

impl std::ops::Deref for Bx<'_> {
    type Target = Env;
    fn deref(&self) -> &Env {
        self.env
    }
}

/// The value of the input, textarea or select an event came from.
fn target_value(e: &Event) -> String {
    let Some(target) = e.target() else {
        return String::new();
    };
    if let Some(el) = target.dyn_ref::<HtmlInputElement>() {
        el.value()
    } else if let Some(el) = target.dyn_ref::<HtmlTextAreaElement>() {
        el.value()
    } else if let Some(el) = target.dyn_ref::<HtmlSelectElement>() {
        el.value()
    } else {
        String::new()
    }
}

fn target_checked(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// The element with `id` in the same root (shadow root or document) as `near`.
fn by_id(near: &Element, id: &str) -> Option<Element> {
    let root = near.get_root_node();
    if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
        shadow.get_element_by_id(id)
    } else if let Some(doc) = root.dyn_ref::<web_sys::Document>() {
        doc.get_element_by_id(id)
    } else {
        None
    }
}

/// Moves focus to `el` without the browser laying out the page there and then to scroll to it
/// (at 500 blocks that forced layout cost more than the change itself); the element is brought
/// into view just before the next frame, when the page is laid out anyway.
///
/// An element that still has focus is not focused again: the element's JS half moves blocks
/// with `moveBefore` where the browser has it, so the pressed button keeps focus through a move,
/// and focusing it again would only force a layout of the changed list.
fn focus_calmly(el: &HtmlElement) {
    let focused = el
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
        .and_then(|r| r.active_element())
        .or_else(|| el.owner_document().and_then(|d| d.active_element()));
    if focused.as_ref() != Some(el.as_ref()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let el = el.clone();
    let scroll = Closure::once_into_js(move || {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    });
    let _ = window.request_animation_frame(scroll.unchecked_ref());
}

/// Undo and redo from the keyboard, anywhere in the builder: Ctrl+Z (Cmd+Z), and Ctrl+Y or
/// Ctrl+Shift+Z. The plan's own history is used in text boxes too, so one undo takes back a run
/// of typing, as the Undo button does.
fn undo_keys(on: Callback<PlanAction>, editable: bool) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if !editable || !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
            return;
        }
        let action = match (e.key().to_lowercase().as_str(), e.shift_key()) {
            ("z", false) => PlanAction::Undo,
            ("z", true) | ("y", false) => PlanAction::Redo,
            _ => return,
        };
        e.prevent_default();
        on.emit(action);
    })
}

/// Draws the plan builder.
#[function_component(PlanView)]
pub fn plan_view(props: &PlanViewProps) -> Html {
    let root_ref = use_node_ref();
    let (focus_seq, focus_target) = {
        let s = props.screen.borrow();
        (s.focus_seq, s.focus.as_ref().map(focus_id))
    };
    {
        let root_ref = root_ref.clone();
        use_effect_with(focus_seq, move |_| {
            if let (Some(id), Some(root)) = (focus_target, root_ref.cast::<Element>()) {
                let find = move || by_id(&root, &id).and_then(|e| e.dyn_into::<HtmlElement>().ok());
                match find() {
                    Some(el) => focus_calmly(&el),
                    // Not drawn yet (a part of the builder that renders on its own): once more
                    // in the next frame, so focus is not silently left behind.
                    None => {
                        if let Some(window) = web_sys::window() {
                            let again = Closure::once_into_js(move || {
                                if let Some(el) = find() {
                                    focus_calmly(&el);
                                }
                            });
                            let _ = window.request_animation_frame(again.unchecked_ref());
                        }
                    }
                }
            }
        });
    }
    let screen = props.screen.borrow();
    let lang = screen.lang;
    let env = Env {
        lang,
        editable: !(props.readonly || props.disabled),
        disabled: props.disabled,
        on: props.on_action.clone(),
    };
    let shared = Rc::new(Shared::new(&screen, &env));
    let cx = Cx {
        screen: &screen,
        env: env.clone(),
    };
    let plan = screen.state.plan();
    let choosing = !screen.started && plan.blocks.is_empty() && cx.editable;
    let announcement = screen
        .announce
        .as_ref()
        .map(|m| m.render(lang))
        .unwrap_or_default();
    // The same words twice in a row are announced again when they differ by a trailing space.
    let announcement = if screen.announce_seq % 2 == 1 {
        format!("{announcement}\u{a0}")
    } else {
        announcement
    };
    // Read-only: the person's document, not a greyed-out form (and the same when printed).
    if props.readonly && !props.disabled {
        return html! {
            <div class="op-plan op-plan--read" lang={lang.tag()} part="plan" ref={root_ref}>
                { crate::plan_read::read_back(&screen.state, lang, "") }
                { files(&cx, &props.screen) }
            </div>
        };
    }
    let onkeydown = undo_keys(env.on.clone(), env.editable);
    html! {
        <div class="op-plan" lang={lang.tag()} part="plan" ref={root_ref} {onkeydown}>
            // While printing, the printed copy is the plan as a document; the builder stays as it
            // was on screen, focus and all.
            if props.printing {
                <div class="op-plan-print">{ crate::plan_read::read_back(&screen.state, lang, "op-print-") }</div>
            }
            if choosing {
                { starters(&cx) }
            } else {
                { toolbar(&cx) }
                <div class="op-plan__layout">
                    <div class="op-plan__main">
                        { title(&cx) }
                        <ol class="op-plan__blocks" part="blocks">
                            { for plan.blocks.iter().map(|b| html! {
                                <BlockView key={b.id.clone()} block={b.clone()} env={env.clone()} shared={shared.clone()} />
                            }) }
                        </ol>
                        if plan.blocks.is_empty() {
                            <p class="op-body op-hint">{ cx.t("plan.ui.empty") }</p>
                        }
                        if cx.editable { { add_control(&env, None, "") } }
                    </div>
                    <div class="op-plan__side">
                        { budget_panel(&cx) }
                        { signoff_panel(&cx) }
                        { checks_panel(&cx) }
                    </div>
                </div>
                { reviews(&cx) }
            }
            { files(&cx, &props.screen) }
            <div class="op-visually-hidden" role="status" aria-live="polite">{ announcement }</div>
        </div>
    }
}

fn starters(cx: &Cx<'_>) -> Html {
    html! {
        <section class="op-plan-start" aria-labelledby="op-start-title" part="starters">
            <h2 class="op-heading-l" id="op-start-title">{ cx.t("plan.ui.start.title") }</h2>
            <p class="op-body">{ cx.t("plan.ui.start.hint") }</p>
            <button type="button" class="op-button op-button--start" id="op-start-blank" onclick={cx.click(PlanAction::Start(None))}>
                { cx.t("plan.ui.start.blank") }
            </button>
            <h3 class="op-heading-m">{ cx.t("plan.ui.start.or") }</h3>
            <ul class="op-plan-start__list">
                { for cx.screen.templates().into_iter().enumerate().map(|(i, tpl)| {
                    let title = tpl.title.get(cx.lang).to_owned();
                    html! {
                        <li class="op-plan-start__item" key={tpl.id.clone()}>
                            <h4 class="op-heading-s">{ title.clone() }</h4>
                            <p class="op-body">{ tpl.description.get(cx.lang).to_owned() }</p>
                            <button type="button" class="op-button op-button--secondary" id={format!("op-start-{}", tpl.id)}
                                onclick={cx.click(PlanAction::Start(Some(i)))}>
                                { cx.ta("plan.ui.start.template", &[("template", &title)]) }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

fn toolbar(cx: &Cx<'_>) -> Html {
    if !cx.editable {
        return html! {};
    }
    html! {
        <div class="op-plan-toolbar" part="toolbar">
            <button type="button" class="op-button op-button--secondary" id="op-undo" onclick={cx.click(PlanAction::Undo)}
                aria-keyshortcuts="Control+Z Meta+Z">{ cx.t("plan.ui.undo") }</button>
            <button type="button" class="op-button op-button--secondary" id="op-redo" onclick={cx.click(PlanAction::Redo)}
                aria-keyshortcuts="Control+Y Control+Shift+Z Meta+Shift+Z">{ cx.t("plan.ui.redo") }</button>
            <p class="op-hint op-plan-toolbar__keys">{ cx.t("plan.ui.keys") }</p>
        </div>
    }
}

fn title(cx: &Cx<'_>) -> Html {
    let (oninput, onchange) = cx.typed(PlanAction::SetTitle);
    html! {
        <div class="op-form-group">
            <label class="op-label op-plan__title-label" for="op-title">{ cx.t("plan.ui.title") }</label>
            <input class="op-input op-plan__title" id="op-title" type="text" part="input"
                value={cx.screen.state.plan().title.clone()} {oninput} {onchange}
                readonly={!cx.editable && !cx.disabled} disabled={cx.disabled} />
        </div>
    }
}

fn display_name(env: &Env, block: &Block) -> String {
    let name = block.body.name();
    let name: String = name.lines().next().unwrap_or("").chars().take(40).collect();
    if name.is_empty() {
        env.t(block.kind().label())
    } else {
        name
    }
}

/// One block, drawn again only when its props change (see [`BlockProps`]'s equality).
#[function_component(BlockView)]
fn block_view(props: &BlockProps) -> Html {
    let bx = Bx {
        env: &props.env,
        shared: &props.shared,
    };
    let block = &props.block;
    let id = block.id.clone();
    let kind = block.kind();
    let moves = bx.shared.moves.get(&id).copied().unwrap_or_default();
    let name = display_name(bx.env, block);
    let hidden = |text: String| {
        html! { <span class="op-visually-hidden">{" "}{ text }</span> }
    };
    let tool = |how: Move, key: &str| {
        html! {
            <button type="button" class="op-button op-button--secondary op-button--small" id={format!("op-b-{id}-{}", move_suffix(how))}
                onclick={bx.click(PlanAction::Move { id: id.clone(), how })}>
                { bx.t(key) }{ hidden(name.clone()) }
            </button>
        }
    };
    let heading_id = format!("op-b-{id}-h");
    let onkeydown = {
        let on = bx.on.clone();
        let id = id.clone();
        let editable = bx.editable;
        Callback::from(move |e: KeyboardEvent| {
            let up = match e.key().as_str() {
                "ArrowUp" => true,
                "ArrowDown" => false,
                _ => return,
            };
            if !editable || !e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            // The innermost block moves; the sections around it leave the key alone.
            e.prevent_default();
            e.stop_propagation();
            let focus = e
                .target_dyn_into::<Element>()
                .map(|t| t.id())
                .unwrap_or_default();
            on.emit(PlanAction::MoveByKey {
                id: id.clone(),
                up,
                focus,
            });
        })
    };
    let adding_here = bx.shared.adding_after.as_deref() == Some(id.as_str());
    // The block's own fields are one group in a form, named by the block; a section's blocks
    // follow, outside it (forms do not nest).
    let (inner, own): (Vec<&Field>, Vec<&Field>) = kind
        .fields()
        .iter()
        .partition(|f| f.ty == FieldType::Children);
    html! {
        <>
        <li class={classes!("op-plan-block", (kind == Kind::Section).then_some("op-plan-block--section"))}
            id={format!("op-b-{id}")} tabindex="-1" part="block" data-kind={kind.as_str()} {onkeydown}>
            <h3 class="op-plan-block__kind" id={heading_id}>{ bx.t(kind.label()) }</h3>
            if kind == Kind::Unknown {
                <p class="op-hint">{ bx.t("plan.ui.unknown.hint") }</p>
            }
            <form class="op-plan-block__fields" onsubmit={no_submit()}>
                // Named by the block, so "Item 1" or "What I want" in one block is told apart
                // from the same field in the next when a screen reader enters the group.
                <div role="group" aria-label={name.clone()}>
                    { for own.iter().map(|f| field_view(&bx, block, f.name, f.ty, f.label)) }
                </div>
            </form>
            { for inner.iter().map(|f| field_view(&bx, block, f.name, f.ty, f.label)) }
            if bx.editable {
                <div class="op-plan-block__tools" part="block-tools">
                    if moves.up { { tool(Move::Up, "plan.ui.move.up") } }
                    if moves.down { { tool(Move::Down, "plan.ui.move.down") } }
                    if moves.into { { tool(Move::Into, "plan.ui.move.into") } }
                    if moves.out { { tool(Move::Out, "plan.ui.move.out") } }
                    if !adding_here {
                        <button type="button" class="op-button op-button--secondary op-button--small" id={format!("op-b-{id}-add-below")}
                            aria-expanded="false" onclick={bx.click(PlanAction::OpenAddAfter(id.clone()))}>
                            { bx.t("plan.ui.add.below") }{ hidden(name.clone()) }
                        </button>
                    }
                    <button type="button" class="op-button op-button--warning op-button--small" id={format!("op-b-{id}-remove")}
                        onclick={bx.click(PlanAction::Remove(id.clone()))}>
                        { bx.t("plan.ui.remove") }{ hidden(name.clone()) }
                    </button>
                </div>
            }
        </li>
        if adding_here && bx.editable {
            <li class="op-plan-add-here" part="add-here">
                { add_here(bx.env, &id, &name) }
            </li>
        }
        </>
    }
}

/// The submit handler of each block's small form of fields. Chromium's form filling reads every
/// control outside a form on the page each time a field gets focus (13-24 ms at 500 blocks),
/// but only the focused field's form when it has one: 3.3 ms with the fields of each block in a
/// form. Only the fields: every form costs when the page is drawn (forms around the tools and
/// add controls too made a 500-block plan take 1.1 s to draw instead of 0.68). No submit
/// button; Enter in a lone text box would submit the form and reload the page: never.
fn no_submit() -> Callback<SubmitEvent> {
    Callback::from(|e: SubmitEvent| e.prevent_default())
}

/// Past this many options a select draws only its chosen one until someone reaches for it.
const LAZY_OPTIONS: usize = 8;

#[derive(Properties, PartialEq)]
struct ChoiceProps {
    id: String,
    options: Rc<Vec<(String, String)>>,
    current: String,
    onchange: Callback<Event>,
    disabled: bool,
}

/// A select of a block's field. A long one (a budget line's linked outcome, with one option per
/// outcome in the plan) draws only the chosen option until the pointer comes near it or it gets
/// focus: Chromium restyles every option of every select whenever a block moves, so 250 budget
/// lines with 60 outcomes each made a move cost 9 ms more. The full list is drawn in the
/// microtask after the first pointer, focus or key event, before the browser opens the list or
/// acts on a key, so people and assistive technology always meet the whole list.
#[function_component(Choice)]
fn choice(props: &ChoiceProps) -> Html {
    let full = use_state_eq(|| props.options.len() <= LAZY_OPTIONS);
    // Any of these events draws the full list (`set` is a no-op once it is drawn).
    let reach = |full: &UseStateHandle<bool>| {
        let full = full.clone();
        Callback::from(move |_: web_sys::Event| full.set(true))
    };
    let shown: Vec<&(String, String)> = if *full {
        props.options.iter().collect()
    } else {
        // The chosen option only (or the first, "none", when the choice is not in the list).
        let chosen = props.options.iter().find(|(v, _)| *v == props.current);
        chosen.or(props.options.first()).into_iter().collect()
    };
    let onfocusin = reach(&full).reform(|e: FocusEvent| e.into());
    let onpointerenter = reach(&full).reform(|e: PointerEvent| e.into());
    let onpointerdown = reach(&full).reform(|e: PointerEvent| e.into());
    let onkeydown = reach(&full).reform(|e: KeyboardEvent| e.into());
    html! {
        <select class="op-select" id={props.id.clone()} part="select" onchange={props.onchange.clone()}
            disabled={props.disabled} {onfocusin} {onpointerenter} {onpointerdown} {onkeydown}>
            { for shown.into_iter().map(|(value, text)| html! {
                <option value={value.clone()} selected={*value == props.current}>{ text.clone() }</option>
            }) }
        </select>
    }
}

/// The choice of block kinds in an add control.
fn kind_select(env: &Env, id: String) -> Html {
    html! {
        <select class="op-select" {id}>
            { for Kind::ALL.iter().map(|k| html! { <option value={k.as_str()} selected={*k == Kind::Text}>{ env.t(k.label()) }</option> }) }
        </select>
    }
}

/// An add button's click: the kind chosen in the select `select_id`, made into an action.
fn add_chosen(
    env: &Env,
    select_id: &str,
    action: impl Fn(Kind) -> PlanAction + 'static,
) -> Callback<MouseEvent> {
    let on = env.on.clone();
    let select_id = select_id.to_owned();
    Callback::from(move |e: MouseEvent| {
        let kind = e
            .target_dyn_into::<Element>()
            .and_then(|target| by_id(&target, &select_id))
            .and_then(|s| s.dyn_into::<HtmlSelectElement>().ok())
            .and_then(|s| Kind::from_name(&s.value()));
        if let Some(kind) = kind {
            on.emit(action(kind));
        }
    })
}

/// The "add a block here" control that opens below a block.
fn add_here(env: &Env, after: &str, name: &str) -> Html {
    let base = format!("op-add-after-{after}");
    let select_id = format!("{base}-kind");
    let after_owned = after.to_owned();
    let onclick = add_chosen(env, &select_id, move |kind| PlanAction::AddAfter {
        kind,
        after: after_owned.clone(),
    });
    let onkeydown = {
        let on = env.on.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                on.emit(PlanAction::CloseAdd);
            }
        })
    };
    html! {
        <div class="op-plan-add op-plan-add--here" {onkeydown}>
            <label class="op-label" for={select_id.clone()}>{ env.ta("plan.ui.add.label_after", &[("name", name)]) }</label>
            <div class="op-plan-add__row">
                { kind_select(env, select_id) }
                <button type="button" class="op-button" id={base.clone()} aria-label={env.ta("plan.ui.add.label_after", &[("name", name)])} {onclick}>
                    { env.t("plan.ui.add.button") }
                </button>
                <button type="button" class="op-button op-button--secondary" id={format!("{base}-cancel")}
                    onclick={env.click(PlanAction::CloseAdd)}>{ env.t("plan.ui.add.cancel") }</button>
            </div>
        </div>
    }
}

fn long_text(kind: Kind, field: &str) -> bool {
    matches!(kind, Kind::Text | Kind::WhatMatters)
        || matches!(field, "howTheyHelp" | "howIWillKnow" | "value")
}

fn field_view(cx: &Bx<'_>, block: &Block, field: &'static str, ty: FieldType, label: &str) -> Html {
    let id = block.id.clone();
    let kind = block.kind();
    let control_id = format!("op-f-{id}-{field}");
    let label_text = cx.t(label);
    let ro = !cx.editable && !cx.disabled;
    match ty {
        FieldType::Text => {
            let value = block.body.text(field).unwrap_or("").to_owned();
            let bid = id.clone();
            let (oninput, onchange) = cx.typed(move |text| PlanAction::SetText {
                id: bid.clone(),
                field,
                text,
            });
            html! {
                <div class="op-form-group">
                    <label class="op-label" for={control_id.clone()}>{ label_text }</label>
                    if long_text(kind, field) {
                        <textarea class="op-textarea" id={control_id} rows="3" part="textarea" value={value}
                            {oninput} {onchange} readonly={ro} disabled={cx.disabled} />
                    } else {
                        <input class="op-input" id={control_id} type="text" part="input" value={value}
                            {oninput} {onchange} readonly={ro} disabled={cx.disabled} />
                    }
                </div>
            }
        }
        FieldType::Pence => {
            let stored = block.body.get(field).and_then(|v| v.as_u64()).unwrap_or(0);
            let (text, problem) = match cx.shared.cost.get(&id) {
                Some((text, problem)) => (text.clone(), problem.as_ref()),
                None => (
                    format_pence(i128::from(stored))
                        .trim_start_matches('£')
                        .to_owned(),
                    None,
                ),
            };
            let bid = id.clone();
            let (oninput, onchange) = cx.typed(move |text| PlanAction::SetCost {
                id: bid.clone(),
                text,
            });
            let hint_id = format!("{control_id}-hint");
            let error_id = format!("{control_id}-error");
            let described = match problem {
                Some(_) => format!("{hint_id} {error_id}"),
                None => hint_id.clone(),
            };
            html! {
                <div class={classes!("op-form-group", problem.map(|_| "op-form-group--error"))}>
                    <label class="op-label" for={control_id.clone()}>{ label_text }</label>
                    <p class="op-hint" id={hint_id}>{ cx.t("plan.ui.cost.hint") }</p>
                    if let Some(p) = problem {
                        <p class="op-error-message" id={error_id}>
                            <span class="op-visually-hidden">{ cx.t("plan.ui.error_prefix") }{" "}</span>{ p.person_message(cx.lang) }
                        </p>
                    }
                    <div class="op-plan-money">
                        <span class="op-plan-money__prefix" aria-hidden="true">{ "£" }</span>
                        <input class={classes!("op-input", "op-plan-money__input", problem.map(|_| "op-input--error"))}
                            id={control_id} type="text" inputmode="decimal" spellcheck="false" part="input"
                            value={text} aria-describedby={described} {oninput} {onchange}
                            readonly={ro} disabled={cx.disabled} />
                    </div>
                </div>
            }
        }
        FieldType::Frequency | FieldType::PaidFrom | FieldType::BlockRef => {
            let current = match block.body.get(field) {
                Some(Value::String(s)) => s,
                _ => String::new(),
            };
            let options: Vec<(String, String)> = match ty {
                FieldType::Frequency => Frequency::ALL
                    .iter()
                    .map(|f| (f.as_str().to_owned(), cx.t(f.label())))
                    .collect(),
                FieldType::PaidFrom => PaidFrom::ALL
                    .iter()
                    .map(|f| (f.as_str().to_owned(), cx.t(f.label())))
                    .collect(),
                _ => {
                    let mut list = vec![(String::new(), cx.t("plan.ui.outcome.none"))];
                    list.extend(cx.shared.outcomes.iter().cloned());
                    list
                }
            };
            let on = cx.on.clone();
            let bid = id.clone();
            let onchange = Callback::from(move |e: Event| {
                on.emit(PlanAction::SetChoice {
                    id: bid.clone(),
                    field,
                    value: target_value(&e),
                })
            });
            html! {
                <div class="op-form-group">
                    <label class="op-label" for={control_id.clone()}>{ label_text }</label>
                    <Choice id={control_id} options={Rc::new(options)} {current} {onchange} disabled={!cx.editable} />
                </div>
            }
        }
        FieldType::Bool => {
            let on_now = matches!(block.body.get(field), Some(Value::Bool(true)));
            let on = cx.on.clone();
            let bid = id.clone();
            let onchange = Callback::from(move |e: Event| {
                on.emit(PlanAction::SetBool {
                    id: bid.clone(),
                    field,
                    on: target_checked(&e),
                })
            });
            html! {
                <div class="op-form-group op-checkboxes__item">
                    <input class="op-checkboxes__input" id={control_id.clone()} type="checkbox" part="checkbox"
                        checked={on_now} {onchange} disabled={!cx.editable} />
                    <label class="op-checkboxes__label" for={control_id}>{ label_text }</label>
                </div>
            }
        }
        FieldType::Items => items_view(cx, block, field, &label_text),
        FieldType::Children => {
            let children = block.body.children();
            let name = display_name(cx.env, block);
            html! {
                <div class="op-plan-section__body">
                    <p class="op-visually-hidden">{ label_text }</p>
                    <ol class="op-plan__blocks">
                        { for children.iter().map(|b| html! {
                            <BlockView key={b.id.clone()} block={b.clone()} env={cx.env.clone()} shared={cx.shared.clone()} />
                        }) }
                    </ol>
                    if cx.editable { { add_control(cx.env, Some(&id), &name) } }
                </div>
            }
        }
    }
}

fn items_view(cx: &Bx<'_>, block: &Block, field: &'static str, label: &str) -> Html {
    let bid = block.id.clone();
    let items = block.body.items(field).unwrap_or(&[]);
    let checklist = block.kind() == Kind::Checklist;
    let count = items.len();
    html! {
        <fieldset class="op-fieldset op-plan-items">
            <legend class="op-fieldset__legend op-fieldset__legend--s">{ label.to_owned() }</legend>
            <ul class="op-plan-items__list">
                { for items.iter().enumerate().map(|(n, item)| {
                    let iid = format!("op-i-{bid}-{}", item.id);
                    let number = (n + 1).to_string();
                    let item_label = cx.ta("plan.ui.item.label", &[("number", &number)]);
                    let (b, i) = (bid.clone(), item.id.clone());
                    let (oninput, onchange) = cx.typed(move |text| PlanAction::SetItem { block: b.clone(), item: i.clone(), text });
                    let on = cx.on.clone();
                    let (b, i) = (bid.clone(), item.id.clone());
                    let ondone = Callback::from(move |e: Event| on.emit(PlanAction::ItemDone { block: b.clone(), item: i.clone(), done: target_checked(&e) }));
                    let hidden = html! { <span class="op-visually-hidden">{" "}{ item_label.clone() }</span> };
                    html! {
                        <li class="op-plan-items__item" key={item.id.clone()}>
                            if checklist {
                                <span class="op-plan-items__done">
                                    <input class="op-checkboxes__input" type="checkbox" id={format!("{iid}-done")} checked={item.done == Some(true)}
                                        onchange={ondone} disabled={!cx.editable} />
                                    <label class="op-checkboxes__label" for={format!("{iid}-done")}>
                                        <span class="op-visually-hidden">{ cx.t("plan.ui.item.done") }{" "}{ item_label.clone() }</span>
                                    </label>
                                </span>
                            }
                            <label class="op-visually-hidden" for={iid.clone()}>{ item_label.clone() }</label>
                            <input class="op-input op-plan-items__text" id={iid.clone()} type="text" value={item.text.clone()}
                                {oninput} {onchange} readonly={!cx.editable && !cx.disabled} disabled={cx.disabled} />
                            if cx.editable {
                                if n > 0 {
                                    <button type="button" class="op-button op-button--secondary op-button--small" id={format!("{iid}-up")}
                                        onclick={cx.click(PlanAction::MoveItem { block: bid.clone(), item: item.id.clone(), up: true })}>
                                        { cx.t("plan.ui.item.up") }{ hidden.clone() }</button>
                                }
                                if n + 1 < count {
                                    <button type="button" class="op-button op-button--secondary op-button--small" id={format!("{iid}-down")}
                                        onclick={cx.click(PlanAction::MoveItem { block: bid.clone(), item: item.id.clone(), up: false })}>
                                        { cx.t("plan.ui.item.down") }{ hidden.clone() }</button>
                                }
                                <button type="button" class="op-button op-button--secondary op-button--small"
                                    onclick={cx.click(PlanAction::RemoveItem { block: bid.clone(), item: item.id.clone() })}>
                                    { cx.t("plan.ui.item.remove") }{ hidden }</button>
                            }
                        </li>
                    }
                }) }
            </ul>
            if cx.editable {
                <button type="button" class="op-button op-button--secondary op-button--small" id={format!("op-b-{bid}-add-{field}")}
                    onclick={cx.click(PlanAction::AddItem { block: bid.clone(), field })}>
                    { cx.t("plan.ui.item.add") }<span class="op-visually-hidden">{" "}{ label.to_owned() }</span>
                </button>
            }
        </fieldset>
    }
}

fn add_control(cx: &Env, parent: Option<&str>, section_name: &str) -> Html {
    let base = match parent {
        Some(id) => format!("op-add-{id}"),
        None => "op-add-top".to_owned(),
    };
    let select_id = format!("{base}-kind");
    let parent_owned = parent.map(str::to_owned);
    let onclick = add_chosen(cx, &select_id, move |kind| PlanAction::Add {
        kind,
        parent: parent_owned.clone(),
    });
    let label = match parent {
        Some(_) => cx.ta("plan.ui.add.label_in", &[("section", section_name)]),
        None => cx.t("plan.ui.add.label"),
    };
    html! {
        <div class={classes!("op-plan-add", parent.map(|_| "op-plan-add--section"))} part="add">
            <label class="op-label" for={select_id.clone()}>{ label.clone() }</label>
            <div class="op-plan-add__row">
                { kind_select(cx, select_id) }
                // Every add button says where it adds: "Add to ‘Mornings’", not just "Add".
                <button type="button" class="op-button" id={base} aria-label={label.clone()} {onclick}>
                    { cx.t("plan.ui.add.button") }
                </button>
            </div>
        </div>
    }
}

fn amount_per(pence: i128, period: Period) -> Message {
    let key = match period {
        Period::Week => "plan.budget.amount.week",
        Period::Month => "plan.budget.amount.month",
        Period::Year => "plan.budget.amount.year",
    };
    Message::new(key).text("amount", format_pence(pence))
}

fn budget_panel(cx: &Cx<'_>) -> Html {
    let plan = cx.screen.state.plan();
    let Ok(totals) = totals(plan) else {
        return html! {
            <section class="op-plan-panel" aria-labelledby="op-budget-title" part="budget">
                <h2 class="op-heading-m" id="op-budget-title">{ cx.t("plan.ui.budget.title") }</h2>
                <p class="op-body">{ cx.t("plan.money.too_large") }</p>
            </section>
        };
    };
    let indicative = plan.budget.indicative.as_ref();
    let period = indicative.map_or(Period::Week, |i| i.period);
    let spending = match period {
        Period::Week => totals.weekly,
        Period::Month => totals.monthly,
        Period::Year => totals.yearly,
    };
    let r = |m: Message| m.render(cx.lang);
    let balance = balance(plan).ok().flatten();
    let over = matches!(balance, Some(Balance::Over { .. }));
    html! {
        <section class="op-plan-panel op-plan-budget" aria-labelledby="op-budget-title" part="budget">
            <h2 class="op-heading-m" id="op-budget-title">{ cx.t("plan.ui.budget.title") }</h2>
            <dl class="op-plan-budget__figures">
                <div class="op-plan-budget__row">
                    <dt>{ cx.t("plan.export.indicative") }</dt>
                    <dd id="op-budget-indicative">{ match indicative {
                        Some(i) => r(amount_per(i128::from(i.amount_pence), i.period)),
                        None => cx.t("plan.ui.budget.none"),
                    } }</dd>
                </div>
                <div class="op-plan-budget__row">
                    <dt>{ cx.t("plan.export.regular") }</dt>
                    <dd id="op-budget-spending">{ r(amount_per(spending, period)) }</dd>
                </div>
                if totals.one_off > 0 {
                    <div class="op-plan-budget__row">
                        <dt>{ cx.t("plan.export.one_off") }</dt>
                        <dd>{ format_pence(totals.one_off) }</dd>
                    </div>
                }
                if totals.own_yearly > 0 || totals.own_one_off > 0 {
                    <div class="op-plan-budget__row">
                        <dt>{ cx.t("plan.export.own_money") }</dt>
                        <dd>{ r(amount_per(totals.own_weekly, Period::Week)) }</dd>
                    </div>
                }
            </dl>
            if let Some(b) = balance {
                <p class={classes!("op-plan-budget__balance", over.then_some("op-plan-budget__balance--over"))} id="op-budget-balance">
                    { r(b.message()) }
                </p>
                if over {
                    <p class="op-hint">{ cx.t("plan.ui.budget.over_hint") }</p>
                }
            }
        </section>
    }
}

fn signoff_panel(cx: &Cx<'_>) -> Html {
    let state = &cx.screen.state;
    let plan = state.plan();
    let signed = plan.signoff.as_ref().map(|s| {
        let day = s.at.get(..10).unwrap_or(&s.at);
        let when = format::date(cx.lang, day).unwrap_or_else(|| day.to_owned());
        let text = if s.role.is_empty() {
            cx.ta("plan.ui.signoff.done", &[("name", &s.name), ("at", &when)])
        } else {
            cx.ta(
                "plan.ui.signoff.done_role",
                &[("name", &s.name), ("role", &s.role), ("at", &when)],
            )
        };
        let changed = state.changed_since_signoff() == Some(true);
        html! {
            <div class="op-plan-signoff__status" id="op-signoff-status" tabindex="-1">
                <p class="op-body op-plan-signoff__done">{ text }</p>
                if changed {
                    <p class="op-body op-plan-signoff__changed">{ cx.t("plan.ui.signoff.changed") }</p>
                }
            </div>
        }
    });
    let (Some(rules), Some(who)) = (&cx.screen.rules, &cx.screen.practitioner) else {
        return match signed {
            Some(s) => html! {
                <section class="op-plan-panel" aria-labelledby="op-signoff-title" part="signoff">
                    <h2 class="op-heading-m" id="op-signoff-title">{ cx.t("plan.ui.signoff.title") }</h2>
                    { s }
                </section>
            },
            None => html! {},
        };
    };
    // Signed off and unchanged since: the record of it, and no verdict or button. After a change
    // (marking the plan complex included) they come back, to sign the plan as it now stands.
    let current = plan.signoff.is_some() && state.changed_since_signoff() == Some(false);
    let verdict = state.evaluate(rules);
    let on = cx.on.clone();
    let oncomplex =
        Callback::from(move |e: Event| on.emit(PlanAction::SetComplex(target_checked(&e))));
    html! {
        <section class="op-plan-panel op-plan-signoff" aria-labelledby="op-signoff-title" part="signoff">
            <h2 class="op-heading-m" id="op-signoff-title">{ cx.t("plan.ui.signoff.title") }</h2>
            { signed.unwrap_or_default() }
            <div class="op-form-group op-checkboxes__item">
                <input class="op-checkboxes__input" id="op-complex" type="checkbox" checked={plan.complex}
                    onchange={oncomplex} disabled={cx.disabled} />
                <label class="op-checkboxes__label" for="op-complex">{ cx.t("plan.ui.signoff.complex") }</label>
            </div>
            if !current {
            { match verdict {
                Ok(Verdict::Within) => html! {
                    <>
                        <p class="op-body op-plan-signoff__can" id="op-signoff-verdict">{ cx.t("plan.ui.signoff.can") }</p>
                        <button type="button" class="op-button op-button--start" id="op-signoff" disabled={cx.disabled}
                            onclick={cx.click(PlanAction::SignOff)}>
                            { cx.ta("plan.ui.signoff.button", &[("name", &who.name)]) }
                        </button>
                    </>
                },
                Ok(Verdict::NeedsSecondLook(reasons)) => html! {
                    <div class="op-plan-signoff__second" id="op-signoff-verdict">
                        <p class="op-body op-plan-signoff__title">{ cx.t("plan.ui.signoff.second_look") }</p>
                        <p class="op-body">{ tn(cx.lang, "plan.signoff.needs_second_look", reasons.len() as u64, &[("count", &reasons.len().to_string())]) }</p>
                        <ul class="op-plan-list" id="op-signoff-reasons">
                            { for reasons.iter().map(|m| html! { <li>{ m.render(cx.lang) }</li> }) }
                        </ul>
                    </div>
                },
                Err(e) => html! { <p class="op-body">{ e.person_message(cx.lang) }</p> },
            } }
            }
        </section>
    }
}

fn checks_panel(cx: &Cx<'_>) -> Html {
    let Some(law) = cx.screen.law else {
        return html! {};
    };
    let list = suggestions(cx.screen.state.plan(), law);
    html! {
        <section class="op-plan-panel op-plan-checks" aria-labelledby="op-checks-title" part="checks">
            <h2 class="op-heading-m" id="op-checks-title">{ cx.t("plan.ui.checks.title") }</h2>
            if list.is_empty() {
                <p class="op-body">{ cx.t("plan.ui.checks.none") }</p>
            } else {
                <p class="op-hint">{ cx.t("plan.ui.checks.hint") }</p>
                <ul class="op-plan-list" id="op-checks-list">
                    { for list.iter().map(|s| html! {
                        <li key={s.rule}>
                            { s.message.render(cx.lang) }
                            <span class="op-plan-checks__cite">{ s.cite.render(cx.lang) }</span>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}

fn reviews(cx: &Cx<'_>) -> Html {
    let plan = cx.screen.state.plan();
    let last = plan
        .reviews
        .iter()
        .map(|r| r.date.as_str())
        .filter(|d| !d.is_empty())
        .max();
    let review_field = |rid: &str, field: &'static str, value: &str, long: bool| {
        let control_id = format!("op-r-{rid}-{field}");
        let id = rid.to_owned();
        let (oninput, onchange) = cx.typed(move |text| PlanAction::SetReview {
            id: id.clone(),
            field,
            text,
        });
        let on = cx.on.clone();
        let id = rid.to_owned();
        // A date box reports its value on change (part-typed dates are empty).
        let ondate = Callback::from(move |e: Event| {
            on.emit(PlanAction::SetReview {
                id: id.clone(),
                field,
                text: target_value(&e),
            })
        });
        let label = cx.t(&format!("plan.review.{field}"));
        let ro = !cx.editable && !cx.disabled;
        html! {
            <div class="op-form-group">
                <label class="op-label" for={control_id.clone()}>{ label }</label>
                if field == "date" {
                    <input class="op-input op-plan-review__date" id={control_id} type="date" value={value.to_owned()}
                        onchange={ondate} readonly={ro} disabled={cx.disabled} />
                } else if long {
                    <textarea class="op-textarea" id={control_id} rows="2" value={value.to_owned()}
                        {oninput} onchange={onchange.clone()} readonly={ro} disabled={cx.disabled} />
                } else {
                    <input class="op-input" id={control_id} type="text" value={value.to_owned()}
                        {oninput} onchange={onchange.clone()} readonly={ro} disabled={cx.disabled} />
                }
            </div>
        }
    };
    html! {
        <section class="op-plan-reviews" aria-labelledby="op-reviews-title" part="reviews">
            <h2 class="op-heading-m" id="op-reviews-title">{ cx.t("plan.ui.reviews.title") }</h2>
            <p class="op-body" id="op-last-reviewed">{ match last {
                Some(d) => cx.ta("plan.ui.reviews.last", &[("date", &format::date(cx.lang, d).unwrap_or_else(|| d.to_owned()))]),
                None => cx.t("plan.ui.reviews.never"),
            } }</p>
            <p class="op-hint">{ cx.t("plan.ui.reviews.hint") }</p>
            <ol class="op-plan-reviews__list">
                { for plan.reviews.iter().map(|r| html! {
                    <li class="op-plan-review" key={r.id.clone()}>
                        { review_field(&r.id, "date", &r.date, false) }
                        { review_field(&r.id, "by", &r.by, false) }
                        { review_field(&r.id, "working", &r.working, true) }
                        { review_field(&r.id, "notWorking", &r.not_working, true) }
                        { review_field(&r.id, "changes", &r.changes, true) }
                        if cx.editable {
                            <button type="button" class="op-button op-button--warning op-button--small"
                                onclick={cx.click(PlanAction::RemoveReview(r.id.clone()))}>{ cx.t("plan.ui.reviews.remove") }</button>
                        }
                    </li>
                }) }
            </ol>
            if cx.editable {
                <button type="button" class="op-button op-button--secondary" id="op-add-review"
                    onclick={cx.click(PlanAction::AddReview)}>{ cx.t("plan.ui.reviews.add") }</button>
            }
        </section>
    }
}

fn files(cx: &Cx<'_>, screen: &Rc<RefCell<PlanScreen>>) -> Html {
    // The files are written when the person reaches for a link (pointer over it, focus on it, a
    // click or the context menu), not on every change: at 500 blocks writing both files and
    // encoding them as addresses cost more than drawing the change itself.
    let fill = |markdown: bool| {
        let screen = Rc::downgrade(screen);
        Callback::from(move |e: Event| {
            let (Some(screen), Some(link)) = (screen.upgrade(), e.target_dyn_into::<Element>())
            else {
                return;
            };
            let Ok(screen) = screen.try_borrow() else {
                return;
            };
            let href = if markdown {
                format!(
                    "data:text/markdown;charset=utf-8,{}",
                    js_sys::encode_uri_component(&to_markdown(screen.state.plan(), screen.lang))
                )
            } else {
                format!(
                    "data:application/json;charset=utf-8,{}",
                    js_sys::encode_uri_component(&to_json(screen.state.plan()))
                )
            };
            let _ = link.set_attribute("href", &href);
        })
    };
    let (json_fill, md_fill) = (fill(false), fill(true));
    let on = cx.on.clone();
    let onchange = Callback::from(move |e: Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let on = on.clone();
        let read = Closure::once(move |text: JsValue| {
            on.emit(PlanAction::Import(text.as_string().unwrap_or_default()));
        });
        let _ = file.text().then(&read);
        read.forget();
        // Choosing the same file again opens it again.
        input.set_value("");
    });
    let open_file = Callback::from(|e: MouseEvent| {
        let input = e
            .target_dyn_into::<Element>()
            .and_then(|b| by_id(&b, "op-import"))
            .and_then(|i| i.dyn_into::<HtmlElement>().ok());
        if let Some(input) = input {
            input.click();
        }
    });
    let error = cx.screen.import_error.as_ref();
    let notes = &cx.screen.import_notes;
    html! {
        <section class="op-plan-files" aria-labelledby="op-files-title" part="files">
            <h2 class="op-heading-m" id="op-files-title">{ cx.t("plan.ui.files.title") }</h2>
            <ul class="op-plan-files__links">
                <li><a class="op-link" id="op-export-json" href="data:application/json;charset=utf-8," download="support-plan.json"
                    onclick={json_fill.reform(Event::from)} onfocus={json_fill.reform(Event::from)}
                    onmouseover={json_fill.reform(Event::from)} oncontextmenu={json_fill.reform(Event::from)}>{ cx.t("plan.ui.files.json") }</a></li>
                <li><a class="op-link" id="op-export-md" href="data:text/markdown;charset=utf-8," download="support-plan.md"
                    onclick={md_fill.reform(Event::from)} onfocus={md_fill.reform(Event::from)}
                    onmouseover={md_fill.reform(Event::from)} oncontextmenu={md_fill.reform(Event::from)}>{ cx.t("plan.ui.files.markdown") }</a></li>
            </ul>
            if cx.editable {
                <div class={classes!("op-form-group", error.map(|_| "op-form-group--error"))}>
                    <h3 class="op-heading-s" id="op-import-title">{ cx.t("plan.ui.files.open") }</h3>
                    <p class="op-hint" id="op-import-hint">{ cx.t("plan.ui.files.hint") }</p>
                    if let Some(e) = error {
                        <p class="op-error-message" id="op-import-error" tabindex="-1" role="alert">
                            <span class="op-visually-hidden">{ cx.t("plan.ui.error_prefix") }{" "}</span>{ e.person_message(cx.lang) }
                        </p>
                    }
                    if !notes.is_empty() {
                        <div class="op-plan-files__notes" id="op-import-notes" role="status">
                            <ul class="op-plan-list">
                                { for notes.iter().map(|m| html! { <li>{ m.render(cx.lang) }</li> }) }
                            </ul>
                        </div>
                    }
                    // The browser's own file box speaks the browser's language and is wider than
                    // a phone: a button in the plan's language opens it instead.
                    <button type="button" class="op-button op-button--secondary" id="op-import-button"
                        aria-describedby={if error.is_some() { "op-import-hint op-import-error" } else { "op-import-hint" }}
                        onclick={open_file}>{ cx.t("plan.ui.files.choose") }</button>
                    <input class="op-file-upload" id="op-import" type="file" accept=".json,application/json"
                        hidden=true tabindex="-1" aria-labelledby="op-import-title" {onchange} />
                </div>
            }
        </section>
    }
}
