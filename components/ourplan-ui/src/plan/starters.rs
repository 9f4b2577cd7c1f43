//! The choice of starters before the person begins: a blank page, or one of the templates.

use super::Cx;
use crate::icons::{Icon, icon};
use ourplan_core::plan::PlanAction;
use yew::prelude::*;

/// The starters, shown until the person starts (or the plan has blocks).
pub(super) fn starters(cx: &Cx<'_>) -> Html {
    html! {
        <section class="op-plan-start" aria-labelledby="op-start-title" part="starters">
            <h2 class="op-heading-l" id="op-start-title">{ icon(cx.lang, Icon::Start) }{ cx.t("plan.ui.start.title") }</h2>
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
