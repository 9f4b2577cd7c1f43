//! Sign-off rules: data the host supplies (each council sets its own), never constants here.
//!
//! A plan is either within the rules, and the practitioner can sign it off, or it needs a second
//! look, with every reason in plain words: the person is always told why.
//!
//! Rules JSON (every key optional; an unknown key is refused, so a misspelt rule is caught
//! rather than silently ignored):
//! ```json
//! { "limit": { "amount": "250.00", "period": "week" },
//!   "oneOffLimit": "1000.00",
//!   "noSecondLook": true,
//!   "notComplex": true,
//!   "withinIndicative": true }
//! ```
//! Amounts are text in pounds, read exactly like a person's typing, never a float.

use super::Message;
use super::budget::{per_period, period_key, to_yearly, totals};
use super::document::{Block, Body, FieldType, Period, Plan};
use super::error::{Error, ErrorKind};
use super::money::{format_pence, parse_pounds};
use super::tree::walk;
use crate::schema::Compiled;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The sign-off rules a host supplies.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rules {
    /// The most the practitioner can sign off for regular spending: pence per period.
    pub limit: Option<(u64, Period)>,
    /// The most for one-off spending, in pence.
    pub one_off_limit: Option<u64>,
    /// No budget line may be marked as needing a second look.
    pub no_second_look: bool,
    /// The plan may not be marked as complex.
    pub not_complex: bool,
    /// Regular spending may not be more than the indicative budget.
    pub within_indicative: bool,
}

/// The practitioner signing off.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct Practitioner {
    /// Their name.
    pub name: String,
    /// Their role ("Social worker").
    #[serde(default)]
    pub role: String,
}

/// Whether a plan is within the rules.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The practitioner can sign it off.
    Within,
    /// Someone else takes a second look, for these reasons.
    NeedsSecondLook(Vec<Message>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RulesJson {
    #[serde(default)]
    limit: Option<LimitJson>,
    #[serde(default)]
    one_off_limit: Option<String>,
    #[serde(default)]
    no_second_look: bool,
    #[serde(default)]
    not_complex: bool,
    #[serde(default)]
    within_indicative: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LimitJson {
    amount: String,
    period: Period,
}

impl Rules {
    /// Reads rules from JSON text. Anything wrong is an [`ErrorKind::Rules`] naming the problem.
    pub fn from_json(text: &str) -> Result<Rules, Error> {
        let value: Value = serde_json::from_str(text).map_err(rules_error)?;
        Rules::from_value(&value)
    }

    /// Reads rules from a JSON value.
    pub fn from_value(value: &Value) -> Result<Rules, Error> {
        // serde would also read a struct from an array; rules are only ever an object.
        if !value.is_object() {
            return Err(Error::new(ErrorKind::Rules {
                detail: "rules are a JSON object".to_owned(),
            }));
        }
        let raw = RulesJson::deserialize(value).map_err(rules_error)?;
        let amount = |text: &str, what: &str| {
            parse_pounds(text).map_err(|e| {
                Error::new(ErrorKind::Rules {
                    detail: format!("{what} \"{text}\" is not an amount of money: {e}"),
                })
            })
        };
        Ok(Rules {
            limit: match raw.limit {
                Some(l) => Some((amount(&l.amount, "limit.amount")?, l.period)),
                None => None,
            },
            one_off_limit: match raw.one_off_limit {
                Some(text) => Some(amount(&text, "oneOffLimit")?),
                None => None,
            },
            no_second_look: raw.no_second_look,
            not_complex: raw.not_complex,
            within_indicative: raw.within_indicative,
        })
    }
}

impl Practitioner {
    /// Reads `{ "name", "role" }`.
    pub fn from_json(text: &str) -> Result<Practitioner, Error> {
        serde_json::from_str(text).map_err(rules_error)
    }
}

fn rules_error(e: serde_json::Error) -> Error {
    Error::new(ErrorKind::Rules {
        detail: e.to_string(),
    })
}

/// Judges `plan` against `rules`. Every rule is checked, so the person hears every reason at once.
pub fn evaluate(plan: &Plan, rules: &Rules) -> Result<Verdict, Error> {
    if !has_content(&plan.blocks) {
        return Err(ErrorKind::NothingToSignOff.into());
    }
    let totals = totals(plan)?;
    let mut reasons = Vec::new();
    if let Some((limit, period)) = rules.limit {
        // Compared per year, exactly; told per the limit's period.
        if totals.yearly > to_yearly(limit, period) {
            reasons.push(
                Message::new(period_key(period, "cost"))
                    .text("cost", format_pence(per_period(totals.yearly, period)))
                    .text("limit", format_pence(limit.into())),
            );
        }
    }
    if let Some(limit) = rules.one_off_limit {
        if totals.one_off > i128::from(limit) {
            reasons.push(
                Message::new("plan.signoff.over_one_off_limit")
                    .text("cost", format_pence(totals.one_off))
                    .text("limit", format_pence(limit.into())),
            );
        }
    }
    if rules.within_indicative {
        if let Some(indicative) = &plan.budget.indicative {
            let period = indicative.period;
            if totals.yearly > to_yearly(indicative.amount_pence, period) {
                reasons.push(
                    Message::new(period_key(period, "indicative"))
                        .text("cost", format_pence(per_period(totals.yearly, period)))
                        .text("budget", format_pence(indicative.amount_pence.into())),
                );
            }
        }
    }
    if rules.no_second_look {
        walk(&plan.blocks, &mut |block: &Block| {
            if let Body::BudgetLine {
                second_look: true, ..
            } = block.body
            {
                reasons.push(
                    Message::new("plan.signoff.second_look_line").arg("name", block.name_arg()),
                );
            }
        });
    }
    if rules.not_complex && plan.complex {
        reasons.push(Message::new("plan.signoff.complex"));
    }
    Ok(if reasons.is_empty() {
        Verdict::Within
    } else {
        Verdict::NeedsSecondLook(reasons)
    })
}

/// Whether any block holds something the person wrote: words, an item, or an amount. Empty
/// blocks added and never filled in do not count: there is nothing yet to sign off.
pub fn has_content(blocks: &[Block]) -> bool {
    blocks.iter().any(|block| {
        block.body.kind().fields().iter().any(|f| match f.ty {
            FieldType::Text => block
                .body
                .text(f.name)
                .is_some_and(|t| !t.trim().is_empty()),
            FieldType::Items => block
                .body
                .items(f.name)
                .is_some_and(|items| items.iter().any(|i| !i.text.trim().is_empty())),
            FieldType::Pence => block
                .body
                .get(f.name)
                .and_then(|v| v.as_u64())
                .is_some_and(|p| p > 0),
            FieldType::Children => has_content(block.body.children()),
            FieldType::Picture => block.body.text(f.name).is_some_and(|k| !k.is_empty()),
            _ => false,
        }) || matches!(block.body, Body::Unknown { .. })
    })
}

/// Whether `text` is a real date, `YYYY-MM-DD`, judged by the same validator as the schema.
pub(crate) fn is_date(text: &str) -> bool {
    format_check(0, text)
}

/// Whether `text` is an RFC 3339 date and time, judged by the same validator as the schema.
pub(crate) fn is_date_time(text: &str) -> bool {
    format_check(1, text)
}

fn format_check(which: usize, text: &str) -> bool {
    static CHECKS: OnceLock<Vec<Option<Compiled>>> = OnceLock::new();
    let checks = CHECKS.get_or_init(|| {
        ["date", "date-time"]
            .iter()
            .map(|f| Compiled::new(&json!({"type": "string", "format": f}), &HashMap::new()).ok())
            .collect()
    });
    checks[which]
        .as_ref()
        .is_some_and(|c| c.is_valid(&Value::String(text.to_owned())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn plan(value: Value) -> Plan {
        let mut v = json!({"format": "ourplan-plan", "version": 1});
        v.as_object_mut()
            .unwrap()
            .extend(value.as_object().unwrap().clone());
        serde_json::from_value(v).unwrap()
    }

    fn line(id: &str, what: &str, pence: u64, freq: &str, second_look: bool) -> Value {
        json!({"id": id, "kind": "budgetLine", "what": what, "costPence": pence,
               "frequency": freq, "paidFrom": "direct-payment", "secondLook": second_look})
    }

    fn reasons(plan: &Plan, rules: &str) -> Vec<String> {
        let rules = Rules::from_json(rules).unwrap();
        match evaluate(plan, &rules).unwrap() {
            Verdict::Within => Vec::new(),
            Verdict::NeedsSecondLook(r) => r.iter().map(|m| m.render(Lang::En)).collect(),
        }
    }

    const RULES: &str = r#"{ "limit": { "amount": "250.00", "period": "week" },
        "noSecondLook": true, "notComplex": true }"#;

    #[test]
    fn within_and_outside_the_rules() {
        let within =
            plan(json!({"blocks": [line("b1", "Personal care", 25_000, "weekly", false)]}));
        assert!(reasons(&within, RULES).is_empty());
        let over = plan(json!({"complex": true, "blocks": [
            line("b1", "Personal care", 20_000, "weekly", false),
            {"id": "s", "kind": "section", "title": "Nights", "children": [
                line("b2", "Overnight support", 8_000, "weekly", true)]}
        ]}));
        assert_eq!(
            reasons(&over, RULES),
            [
                "The weekly cost, £280.00, is over your limit of £250.00",
                "‘Overnight support’ is marked as needing a second look",
                "The plan is marked as complex",
            ]
        );
        // With no rules, everything is within.
        assert!(reasons(&over, "{}").is_empty());
    }

    #[test]
    fn limits_per_month_and_one_off() {
        let p = plan(json!({"blocks": [
            line("b1", "Support", 30_000, "weekly", false),
            line("b2", "Equipment", 150_000, "one-off", false)
        ], "budget": {"indicative": {"amountPence": 100_000, "period": "month"}}}));
        assert_eq!(
            reasons(
                &p,
                r#"{"limit": {"amount": "1,200", "period": "month"}, "oneOffLimit": "1000",
                   "withinIndicative": true}"#
            ),
            [
                "The monthly cost, £1,300.00, is over your limit of £1,200.00",
                "The one-off costs, £1,500.00, are over your limit of £1,000.00",
                "The monthly cost, £1,300.00, is more than the indicative budget of £1,000.00",
            ]
        );
        // £300 a week is £15,600 a year, exactly £1,300 a month: a limit equal to the cost is
        // not passed (compared per year, so rounding never decides).
        assert_eq!(
            reasons(&p, r#"{"limit": {"amount": "1300.00", "period": "month"}}"#),
            Vec::<String>::new()
        );
    }

    #[test]
    fn bad_rules_are_refused_clearly() {
        let cases = [
            "not json",
            "[]",
            r#"{"limit": {"amount": 250, "period": "week"}}"#,
            r#"{"limit": {"amount": "250.001", "period": "week"}}"#,
            r#"{"limit": {"amount": "250", "period": "fortnight"}}"#,
            r#"{"limit": {"amount": "250"}}"#,
            r#"{"notComplx": true}"#,
            r#"{"oneOffLimit": "-5"}"#,
            r#"{"noSecondLook": "yes"}"#,
        ];
        for text in cases {
            let err = Rules::from_json(text).unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::Rules { .. }),
                "{text}: {err}"
            );
            assert!(!err.person_message(Lang::En).is_empty());
        }
    }

    #[test]
    fn dates() {
        assert!(is_date("2025-02-28"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2025-02-29"));
        assert!(!is_date("1/3/2025"));
        assert!(is_date_time("2025-03-01T10:30:00Z"));
        assert!(is_date_time("2025-03-01T10:30:00+01:00"));
        assert!(!is_date_time("2025-03-01"));
        assert!(!is_date_time("yesterday"));
    }
}
