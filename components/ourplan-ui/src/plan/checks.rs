//! The gentle checks panel: suggestions from the law the host names (England or Wales), each
//! with where it comes from.

use super::Cx;
use crate::icons::{Icon, icon};
use ourplan_core::plan::suggestions;
use yew::prelude::*;

/// The checks panel, when the host names a law.
pub(super) fn checks_panel(cx: &Cx<'_>) -> Html {
    let Some(law) = cx.screen.law else {
        return html! {};
    };
    let list = suggestions(cx.screen.state.plan(), law);
    html! {
        <section class="op-plan-panel op-plan-checks" aria-labelledby="op-checks-title" part="checks">
            <h2 class="op-heading-m" id="op-checks-title">{ icon(cx.lang, Icon::Idea) }{ cx.t("plan.ui.checks.title") }</h2>
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
