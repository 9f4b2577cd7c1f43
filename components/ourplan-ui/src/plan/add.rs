//! Adding blocks: the add control at the end of the plan and of each section, the "add a block
//! here" control that opens below a block, and the choice of kinds in both.

use super::Env;
use super::dom::by_id;
use crate::icons::{Icon, icon};
use ourplan_core::plan::{Kind, PlanAction};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

/// The add control at the end of the plan (`parent` `None`) or of the section `parent`, named
/// `section_name`.
pub(super) fn add_control(cx: &Env, parent: Option<&str>, section_name: &str) -> Html {
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
                <button type="button" class="op-button" id={base.clone()} aria-label={label.clone()} {onclick}>
                    { icon(cx.lang, Icon::Add) }{ cx.t("plan.ui.add.button") }
                </button>
            </div>
            { full_hint(cx, &base) }
        </div>
    }
}

/// The "add a block here" control that opens below the block `after`, named `name`. Escape
/// closes it.
pub(super) fn add_here(env: &Env, after: &str, name: &str) -> Html {
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
                    { icon(env.lang, Icon::Add) }{ env.t("plan.ui.add.button") }
                </button>
                <button type="button" class="op-button op-button--secondary" id={format!("{base}-cancel")}
                    onclick={env.click(PlanAction::CloseAdd)}>{ env.t("plan.ui.add.cancel") }</button>
            </div>
            { full_hint(env, &base) }
        </div>
    }
}

/// Under an add control when the plan holds as many blocks as its limit allows: what adding
/// will say, shown before anyone tries.
fn full_hint(env: &Env, base: &str) -> Html {
    let Some(limit) = env.full else {
        return Html::default();
    };
    html! {
        <p class="op-hint" id={format!("{base}-full")}>
            { ourplan_core::i18n::tn(env.lang, "plan.ui.add.full", limit as u64, &[]) }
        </p>
    }
}

/// The choice of block kinds in an add control (words first).
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
