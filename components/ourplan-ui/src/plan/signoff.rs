//! The sign-off panel: who signed the plan off and when (and whether it has changed since), and,
//! when the host gives rules and a practitioner, whether they can sign it off now and the button
//! that does.

use super::Cx;
use super::dom::target_checked;
use crate::icons::{Icon, icon};
use ourplan_core::format;
use ourplan_core::i18n::tn;
use ourplan_core::plan::{PlanAction, Practitioner, Rules, Verdict};
use yew::prelude::*;

/// The panel: the sign-off so far, then (with rules and a practitioner from the host) "complex"
/// and the verdict, with the button when the practitioner can sign off.
pub(super) fn signoff_panel(cx: &Cx<'_>) -> Html {
    let signed = signed(cx);
    let (Some(rules), Some(who)) = (&cx.screen.rules, &cx.screen.practitioner) else {
        return match signed {
            Some(s) => html! {
                <section class="op-plan-panel" aria-labelledby="op-signoff-title" part="signoff">
                    <h2 class="op-heading-m" id="op-signoff-title">{ icon(cx.lang, Icon::Agreed) }{ cx.t("plan.ui.signoff.title") }</h2>
                    { s }
                </section>
            },
            None => html! {},
        };
    };
    let state = &cx.screen.state;
    let plan = state.plan();
    // Signed off and unchanged since: the record of it, and no verdict or button. After a change
    // (marking the plan complex included) they come back, to sign the plan as it now stands.
    let current = plan.signoff.is_some() && state.changed_since_signoff() == Some(false);
    let on = cx.on.clone();
    let oncomplex =
        Callback::from(move |e: Event| on.emit(PlanAction::SetComplex(target_checked(&e))));
    html! {
        <section class="op-plan-panel op-plan-signoff" aria-labelledby="op-signoff-title" part="signoff">
            <h2 class="op-heading-m" id="op-signoff-title">{ icon(cx.lang, Icon::Agreed) }{ cx.t("plan.ui.signoff.title") }</h2>
            { signed.unwrap_or_default() }
            <div class="op-form-group op-checkboxes__item">
                <input class="op-checkboxes__input" id="op-complex" type="checkbox" checked={plan.complex}
                    onchange={oncomplex} disabled={cx.disabled} />
                <label class="op-checkboxes__label" for="op-complex">{ cx.t("plan.ui.signoff.complex") }</label>
            </div>
            if !current {
                { verdict(cx, rules, who) }
            }
        </section>
    }
}

/// Who signed the plan off and when, and a word when it has changed since; `None` when it has
/// not been signed off.
fn signed(cx: &Cx<'_>) -> Option<Html> {
    let state = &cx.screen.state;
    let s = state.plan().signoff.as_ref()?;
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
    Some(html! {
        <div class="op-plan-signoff__status" id="op-signoff-status" tabindex="-1">
            <p class="op-body op-plan-signoff__done">{ text }</p>
            if changed {
                <p class="op-body op-plan-signoff__changed">{ cx.t("plan.ui.signoff.changed") }</p>
            }
        </div>
    })
}

/// Whether `who` can sign the plan off under `rules`: the button, or why it needs a second look.
fn verdict(cx: &Cx<'_>, rules: &Rules, who: &Practitioner) -> Html {
    match cx.screen.state.evaluate(rules) {
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
    }
}
