//! The budget panel: the indicative budget, what the plan spends regularly and once, the
//! person's own money, and how the spending stands against the budget.

use super::Cx;
use crate::icons::{Icon, icon};
use ourplan_core::plan::{Balance, Message, Period, balance, format_pence, totals};
use yew::prelude::*;

/// An amount per week, month or year, in words ("£120.00 a week").
fn amount_per(pence: i128, period: Period) -> Message {
    let key = match period {
        Period::Week => "plan.budget.amount.week",
        Period::Month => "plan.budget.amount.month",
        Period::Year => "plan.budget.amount.year",
    };
    Message::new(key).text("amount", format_pence(pence))
}

/// The budget panel (see the module's description). Amounts too large to add up are said so.
pub(super) fn budget_panel(cx: &Cx<'_>) -> Html {
    let plan = cx.screen.state.plan();
    let Ok(totals) = totals(plan) else {
        return html! {
            <section class="op-plan-panel" aria-labelledby="op-budget-title" part="budget">
                <h2 class="op-heading-m" id="op-budget-title">{ icon(cx.lang, Icon::Money) }{ cx.t("plan.ui.budget.title") }</h2>
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
            <h2 class="op-heading-m" id="op-budget-title">{ icon(cx.lang, Icon::Money) }{ cx.t("plan.ui.budget.title") }</h2>
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
