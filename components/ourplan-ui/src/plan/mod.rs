//! `PlanView`: the support plan builder. The person writes their plan in whatever shape suits
//! them: any block anywhere, edited in place, moved with buttons (so with the keyboard too, and
//! never by dragging), deleted with undo. Beside it: the budget panel, sign-off (only when the host
//! gives rules and a practitioner), the review log, gentle legal checks, and files.
//!
//! It draws a [`PlanScreen`] (the DOM-free screen in `ourplan-core`) and sends [`PlanAction`]s to
//! its owner, which applies them there. The screen names focus targets abstractly ([`Focus`]);
//! [`focus_id`] maps them to this view's elements.
//!
//! This module owns the view, its properties, what every part of it is drawn with (`Env`, `Cx`,
//! `Bx`), focus, the toolbar and the title. Blocks are in `block`, the add controls in `add`, each
//! panel in its own module, and the plan read back (read-only, and for print) in `read`.

mod add;
mod block;
mod budget;
mod checks;
pub(crate) mod dom;
mod files;
mod merge;
mod read;
mod reviews;
mod signoff;
mod starters;

use crate::Shared;
use crate::icons::{Icon, icon};
use block::Around;
use dom::{by_id, focus_calmly, target_value};
use ourplan_core::Lang;
use ourplan_core::i18n::t;
use ourplan_core::plan::{Focus, Move, PlanAction, PlanScreen};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};
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
#[derive(Properties, Clone, PartialEq)]
pub struct PlanViewProps {
    /// The screen. The owner changes it in response to actions, then bumps `revision`.
    pub screen: Shared<RefCell<PlanScreen>>,
    /// Changes whenever `screen` has changed.
    pub revision: u64,
    /// The plan can be read but not changed.
    #[prop_or_default]
    pub readonly: bool,
    /// Everything is disabled.
    #[prop_or_default]
    pub disabled: bool,
    /// The page is being printed: the plan is drawn as a document beside the builder, for the
    /// printed copy only (see `read`).
    #[prop_or_default]
    pub printing: bool,
    /// Receives every action.
    pub on_action: Callback<PlanAction>,
}

/// What every part of the view needs: the language, whether it can be changed, and where
/// actions go. Cheap to compare, so block components can skip drawing when nothing changed.
#[derive(Clone, PartialEq)]
struct Env {
    lang: Lang,
    editable: bool,
    disabled: bool,
    on: Callback<PlanAction>,
    /// The plan holds as many blocks as its limit allows (that limit): the add controls say so.
    full: Option<usize>,
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

/// A block inside a component's drawing: its environment, and what it draws from the screen.
struct Bx<'a> {
    env: &'a Env,
    around: &'a Around,
}

impl std::ops::Deref for Bx<'_> {
    type Target = Env;
    fn deref(&self) -> &Env {
        self.env
    }
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

/// A plan's first paint, drawn on a server before the builder arrives (see `prerender`): the
/// plan read back as a document, and a line saying the tools to change it are on their way.
#[cfg(feature = "ssr")]
pub(crate) fn first_paint(state: &ourplan_core::plan::PlanState, lang: Lang) -> Html {
    html! {
        <div class="op-plan op-plan--read" lang={lang.tag()} part="plan">
            { read::read_back(state, lang, "") }
            <p class="op-body op-hint" role="status">{ t(lang, "plan.ui.loading_tools", &[]) }</p>
        </div>
    }
}

/// Draws the plan builder.
#[function_component(PlanView)]
pub fn plan_view(props: &PlanViewProps) -> Html {
    let root_ref = use_requested_focus(&props.screen.borrow());
    let screen = props.screen.borrow();
    let lang = screen.lang;
    let env = Env {
        lang,
        editable: !(props.readonly || props.disabled),
        disabled: props.disabled,
        on: props.on_action.clone(),
        full: screen.state.full(),
    };
    let cx = Cx {
        screen: &screen,
        env: env.clone(),
    };
    // Read-only: the person's document, not a greyed-out form (and the same when printed).
    if props.readonly && !props.disabled {
        return html! {
            <div class="op-plan op-plan--read" lang={lang.tag()} part="plan" ref={root_ref}>
                { read::read_back(&screen.state, lang, "") }
                { files::files(&cx, props.screen.rc()) }
            </div>
        };
    }
    let plan = screen.state.plan();
    let choosing = !screen.started && plan.blocks.is_empty() && cx.editable;
    let onkeydown = undo_keys(env.on.clone(), env.editable);
    html! {
        <div class="op-plan" lang={lang.tag()} part="plan" ref={root_ref} {onkeydown}>
            { crate::icons::welsh_note(lang) }
            // While printing, the printed copy is the plan as a document; the builder stays as it
            // was on screen, focus and all.
            if props.printing {
                <div class="op-plan-print">{ read::read_back(&screen.state, lang, "op-print-") }</div>
            }
            if choosing {
                { starters::starters(&cx) }
            } else {
                { builder(&cx) }
            }
            { files::files(&cx, props.screen.rc()) }
            <div class="op-visually-hidden" role="status" aria-live="polite">{ announcement(&screen) }</div>
        </div>
    }
}

/// The builder once the person has started: the toolbar, the title and blocks with the panels
/// beside them, then the reviews.
fn builder(cx: &Cx<'_>) -> Html {
    let plan = cx.screen.state.plan();
    let around = Around::of_plan(cx.screen, &cx.env);
    html! {
        <>
            { toolbar(cx) }
            if cx.editable { { merge::conflicts(cx) } }
            <div class="op-plan__layout">
                <div class="op-plan__main">
                    { title(cx) }
                    <ol class="op-plan__blocks" part="blocks">
                        { for plan.blocks.iter().zip(around.iter()).map(|(b, a)| block::view(b, &cx.env, a)) }
                    </ol>
                    if plan.blocks.is_empty() {
                        <p class="op-body op-hint">{ cx.t("plan.ui.empty") }</p>
                    }
                    if cx.editable { { add::add_control(&cx.env, None, "") } }
                </div>
                <div class="op-plan__side">
                    { budget::budget_panel(cx) }
                    { signoff::signoff_panel(cx) }
                    { checks::checks_panel(cx) }
                </div>
            </div>
            { reviews::reviews(cx) }
        </>
    }
}

/// What a screen reader hears after the last action. The same words twice in a row are
/// announced again: they differ by a trailing space.
fn announcement(screen: &PlanScreen) -> String {
    let announcement = screen
        .announce
        .as_ref()
        .map(|m| m.render(screen.lang))
        .unwrap_or_default();
    if screen.announce_seq % 2 == 1 {
        format!("{announcement}\u{a0}")
    } else {
        announcement
    }
}

/// The builder's node; focus moves inside it to what `screen` asks for, each time it asks.
#[hook]
fn use_requested_focus(screen: &PlanScreen) -> NodeRef {
    let root_ref = use_node_ref();
    let (focus_seq, focus_target) = (screen.focus_seq, screen.focus.as_ref().map(focus_id));
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
    root_ref
}

fn toolbar(cx: &Cx<'_>) -> Html {
    if !cx.editable {
        return html! {};
    }
    html! {
        <div class="op-plan-toolbar" part="toolbar">
            <button type="button" class="op-button op-button--secondary" id="op-undo" onclick={cx.click(PlanAction::Undo)}
                aria-keyshortcuts="Control+Z Meta+Z">{ icon(cx.lang, Icon::Undo) }{ cx.t("plan.ui.undo") }</button>
            <button type="button" class="op-button op-button--secondary" id="op-redo" onclick={cx.click(PlanAction::Redo)}
                aria-keyshortcuts="Control+Y Control+Shift+Z Meta+Shift+Z">{ icon(cx.lang, Icon::Redo) }{ cx.t("plan.ui.redo") }</button>
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
