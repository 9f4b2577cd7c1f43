//! A plan's figures and state, as JSON, for a council's server (`ourplan check-plan`) and for
//! `<ourplan-plan>`'s `check()`: both write through here, so they say exactly the same.
//!
//! `{"valid": true, "errors": [], "budget": {…}, "signoff": …, "rules": …, "suggestions": […]}`;
//! money in whole pence (numbers), words in the plan's language. A text that is not a plan the
//! kit accepts is `{"valid": false, "errors": [{"message", "detail"}]}`.

use super::budget::{Balance, balance, totals};
use super::checks::{Law, suggestions};
use super::document::{Indicative, Plan};
use super::error::{Error, ErrorKind};
use super::fingerprint::fingerprint;
use super::signoff::{Rules, Verdict, evaluate};
use crate::format;
use crate::i18n::{Lang, t, tn};
use serde_json::{Value, json};

/// What the check is asked to consider besides the plan: the host's settings, as the element has
/// them from its attributes.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The language of the words.
    pub lang: Lang,
    /// The sign-off rules (`signoff-rules`), if any.
    pub rules: Option<Rules>,
    /// Which law's gentle checks (`checks`), if any.
    pub law: Option<Law>,
    /// The host's indicative budget (`indicative-budget`, `budget-period`): used when the plan
    /// has none of its own, as the element does.
    pub indicative: Option<Indicative>,
}

fn period_name(period: super::Period) -> &'static str {
    match period {
        super::Period::Week => "week",
        super::Period::Month => "month",
        super::Period::Year => "year",
    }
}

/// Pence as a JSON number (every figure is far below 2^53).
fn pence(p: i128) -> Value {
    Value::from(i64::try_from(p).unwrap_or(i64::MAX))
}

/// The report on `plan` (already accepted), as JSON text.
pub fn report(plan: &Plan, settings: &Settings) -> String {
    let lang = settings.lang;
    let mut plan = plan.clone();
    if plan.budget.indicative.is_none() {
        plan.budget.indicative = settings.indicative.clone();
    }
    let budget = match totals(&plan) {
        Ok(s) => {
            let balance = balance(&plan).ok().flatten();
            let balance_json = balance.map(|b| match b {
                Balance::Left { pence: p, period } => {
                    json!({ "state": "left", "pence": pence(p), "period": period_name(period) })
                }
                Balance::Over { pence: p, period } => {
                    json!({ "state": "over", "pence": pence(p), "period": period_name(period) })
                }
                Balance::Even => json!({ "state": "even", "pence": 0, "period": Value::Null }),
            });
            json!({
                "lines": s.lines,
                "weekPence": pence(s.weekly),
                "monthPence": pence(s.monthly),
                "yearPence": pence(s.yearly),
                "oneOffPence": pence(s.one_off),
                "ownWeekPence": pence(s.own_weekly),
                "ownYearPence": pence(s.own_yearly),
                "ownOneOffPence": pence(s.own_one_off),
                "indicative": plan.budget.indicative.as_ref().map(|i| json!({
                    "amountPence": i.amount_pence,
                    "period": period_name(i.period),
                })),
                "balance": balance_json,
                "summary": balance.map(|b| b.message().render(lang)),
            })
        }
        Err(e) => json!({ "error": e.person_message(lang) }),
    };
    let signoff = plan.signoff.as_ref().map(|s| {
        let day = s.at.get(..10).unwrap_or(&s.at);
        let when = format::date(lang, day).unwrap_or_else(|| day.to_owned());
        let summary = if s.role.is_empty() {
            t(lang, "plan.ui.signoff.done", &[("name", &s.name), ("at", &when)])
        } else {
            t(
                lang,
                "plan.ui.signoff.done_role",
                &[("name", &s.name), ("role", &s.role), ("at", &when)],
            )
        };
        let current = s.fingerprint == fingerprint(&plan);
        json!({
            "name": s.name,
            "role": s.role,
            "at": s.at,
            "current": current,
            "summary": summary,
            "changed": if current { Value::Null } else { Value::String(t(lang, "plan.ui.signoff.changed", &[])) },
        })
    });
    let rules = settings.rules.as_ref().map(|rules| match evaluate(&plan, rules) {
        Ok(Verdict::Within) => {
            json!({ "within": true, "summary": t(lang, "plan.ui.signoff.can", &[]), "reasons": [] })
        }
        Ok(Verdict::NeedsSecondLook(reasons)) => json!({
            "within": false,
            "summary": tn(lang, "plan.signoff.needs_second_look", reasons.len() as u64, &[("count", &reasons.len().to_string())]),
            "reasons": reasons.iter().map(|m| m.render(lang)).collect::<Vec<_>>(),
        }),
        Err(e) => json!({ "within": false, "summary": e.person_message(lang), "reasons": [] }),
    });
    let suggestions: Vec<Value> = settings
        .law
        .map(|law| suggestions(&plan, law))
        .unwrap_or_default()
        .into_iter()
        .map(|s| {
            json!({
                "rule": s.rule,
                "cite": s.cite.render(lang),
                "message": s.message.render(lang),
            })
        })
        .collect();
    json!({
        "valid": true,
        "errors": [],
        "budget": budget,
        "signoff": signoff,
        "rules": rules,
        "suggestions": suggestions,
    })
    .to_string()
}

/// Why a text is not a plan the kit accepts: `{"valid": false, "errors": [{"message", "detail"}]}`;
/// or, for text that is not JSON at all, `None` (it could not be read).
pub fn refused(e: &Error, lang: Lang) -> Option<String> {
    if matches!(e.kind(), ErrorKind::NotJson { .. }) {
        return None;
    }
    Some(
        json!({ "valid": false, "errors": [{ "message": e.person_message(lang), "detail": e.to_string() }] })
            .to_string(),
    )
}
