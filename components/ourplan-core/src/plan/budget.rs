//! Budget totals and the comparison with the indicative budget, in exact pence.
//!
//! Every regular line becomes a yearly figure (weekly × 52, monthly × 12, yearly × 1), because a
//! year is the one period every frequency divides into without rounding. Weekly and monthly
//! figures are then the yearly figure divided and rounded half-up to the penny. One-off lines are
//! totalled apart, and lines paid from the person's own money are shown in their own total but
//! never counted against the council's budget. Nothing here blocks anything: it informs.

use super::Message;
use super::document::{Block, Body, Frequency, PaidFrom, Period, Plan};
use super::error::{Error, ErrorKind};
use super::money::format_pence;

/// The plan's spending, added up. All figures are pence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Regular spending counted against the council's budget, per year.
    pub yearly: i128,
    /// The same per week (yearly / 52, rounded half-up).
    pub weekly: i128,
    /// The same per month (yearly / 12, rounded half-up).
    pub monthly: i128,
    /// One-off spending counted against the council's budget.
    pub one_off: i128,
    /// Regular spending from the person's own money, per year (not counted).
    pub own_yearly: i128,
    /// The same per week.
    pub own_weekly: i128,
    /// One-off spending from the person's own money (not counted).
    pub own_one_off: i128,
    /// How many budget lines there are.
    pub lines: usize,
}

/// How the plan's regular spending compares with the indicative budget, in the budget's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Balance {
    /// This much is left each period.
    Left {
        /// Pence per period.
        pence: i128,
        /// The indicative budget's period.
        period: Period,
    },
    /// The spending is this much over each period.
    Over {
        /// Pence per period.
        pence: i128,
        /// The indicative budget's period.
        period: Period,
    },
    /// Spending and budget match (to within half a penny per period).
    Even,
}

/// A line's cost per year in pence, or `None` for a one-off line.
pub fn yearly_pence(cost_pence: u64, frequency: Frequency) -> Option<i128> {
    let times = match frequency {
        Frequency::Weekly => 52,
        Frequency::Monthly => 12,
        Frequency::Yearly => 1,
        Frequency::OneOff => return None,
    };
    // A u64 times 52 always fits an i128; no overflow is possible here.
    Some(i128::from(cost_pence) * times)
}

/// A yearly figure per `period`, rounded half-up to the penny (half a penny away from zero, so
/// "over" and "left" round alike).
pub fn per_period(yearly: i128, period: Period) -> i128 {
    let parts = match period {
        Period::Week => 52,
        Period::Month => 12,
        Period::Year => return yearly,
    };
    let abs = yearly.unsigned_abs();
    let rounded = ((abs + parts / 2) / parts) as i128;
    if yearly < 0 { -rounded } else { rounded }
}

/// A per-period amount as a yearly figure (per week × 52, per month × 12).
pub(crate) fn to_yearly(pence: u64, period: Period) -> i128 {
    let times = match period {
        Period::Week => 52,
        Period::Month => 12,
        Period::Year => 1,
    };
    i128::from(pence) * times
}

/// Adds up every budget line in the plan, wherever it sits in sections.
///
/// Amounts are each at most [`crate::plan::MAX_PENCE`], so a total could only overflow with an
/// absurd number of lines; it is still checked, and gives [`ErrorKind::TooLarge`] rather than a
/// wrong answer.
pub fn totals(plan: &Plan) -> Result<Totals, Error> {
    let mut totals = Totals::default();
    add_lines(&plan.blocks, &mut totals)?;
    totals.weekly = per_period(totals.yearly, Period::Week);
    totals.monthly = per_period(totals.yearly, Period::Month);
    totals.own_weekly = per_period(totals.own_yearly, Period::Week);
    Ok(totals)
}

fn add_lines(blocks: &[Block], totals: &mut Totals) -> Result<(), Error> {
    let too_large = || Error::new(ErrorKind::TooLarge);
    for block in blocks {
        match &block.body {
            Body::Section { children, .. } => add_lines(children, totals)?,
            Body::BudgetLine {
                cost_pence,
                frequency,
                paid_from,
                ..
            } => {
                totals.lines += 1;
                let own = *paid_from == PaidFrom::OwnMoney;
                let (sum, amount) = match (yearly_pence(*cost_pence, *frequency), own) {
                    (Some(y), false) => (&mut totals.yearly, y),
                    (Some(y), true) => (&mut totals.own_yearly, y),
                    (None, false) => (&mut totals.one_off, i128::from(*cost_pence)),
                    (None, true) => (&mut totals.own_one_off, i128::from(*cost_pence)),
                };
                *sum = sum.checked_add(amount).ok_or_else(too_large)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Compares the plan's regular council-funded spending with its indicative budget. `None` when
/// there is no indicative budget yet. One-off spending is left out: the indicative budget is a
/// regular amount, and one-off costs are shown beside it instead.
pub fn balance(plan: &Plan) -> Result<Option<Balance>, Error> {
    let Some(indicative) = &plan.budget.indicative else {
        return Ok(None);
    };
    let totals = totals(plan)?;
    let budget = to_yearly(indicative.amount_pence, indicative.period);
    let difference = budget
        .checked_sub(totals.yearly)
        .ok_or_else(|| Error::new(ErrorKind::TooLarge))?;
    let pence = per_period(difference, indicative.period);
    let period = indicative.period;
    Ok(Some(match pence {
        0 => Balance::Even,
        p if p > 0 => Balance::Left { pence: p, period },
        p => Balance::Over { pence: -p, period },
    }))
}

impl Balance {
    /// In plain words: "£12.00 a week left", "£3.50 a week over".
    pub fn message(&self) -> Message {
        let (key, pence) = match *self {
            Balance::Even => return Message::new("plan.budget.even"),
            Balance::Left { pence, period } => (period_key(period, "left"), pence),
            Balance::Over { pence, period } => (period_key(period, "over"), pence),
        };
        Message::new(key).text("amount", format_pence(pence))
    }
}

/// The catalogue key for an amount per `period`: `which` is `left`, `over`, `cost` or `amount`.
pub(crate) fn period_key(period: Period, which: &str) -> &'static str {
    match (which, period) {
        ("left", Period::Week) => "plan.budget.left.week",
        ("left", Period::Month) => "plan.budget.left.month",
        ("left", Period::Year) => "plan.budget.left.year",
        ("over", Period::Week) => "plan.budget.over.week",
        ("over", Period::Month) => "plan.budget.over.month",
        ("over", Period::Year) => "plan.budget.over.year",
        ("cost", Period::Week) => "plan.signoff.over_limit.week",
        ("cost", Period::Month) => "plan.signoff.over_limit.month",
        ("cost", Period::Year) => "plan.signoff.over_limit.year",
        ("indicative", Period::Week) => "plan.signoff.over_indicative.week",
        ("indicative", Period::Month) => "plan.signoff.over_indicative.month",
        ("indicative", Period::Year) => "plan.signoff.over_indicative.year",
        (_, Period::Week) => "plan.budget.amount.week",
        (_, Period::Month) => "plan.budget.amount.month",
        (_, Period::Year) => "plan.budget.amount.year",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::plan::document::Indicative;
    use serde_json::json;

    /// A budget line for the tests: pence, frequency, paid from.
    type Line<'a> = (u64, &'a str, &'a str);
    /// An indicative budget for the tests: pence per period.
    type Budgeted = Option<(u64, Period)>;

    /// A plan whose blocks are budget lines `(pence, frequency, paidFrom)`, the last one inside a
    /// section (totals look inside sections).
    fn plan(lines: &[Line], indicative: Budgeted) -> Plan {
        let mut blocks: Vec<serde_json::Value> = lines
            .iter()
            .enumerate()
            .map(|(i, (p, f, from))| {
                json!({"id": format!("b{i}"), "kind": "budgetLine", "what": format!("line {i}"),
                       "costPence": p, "frequency": f, "paidFrom": from})
            })
            .collect();
        if let Some(last) = blocks.pop() {
            blocks.push(json!({"id": "s", "kind": "section", "title": "More", "children": [last]}));
        }
        let mut plan: Plan = serde_json::from_value(
            json!({"format": "ourplan-plan", "version": 1, "blocks": blocks}),
        )
        .unwrap();
        plan.budget.indicative = indicative.map(|(amount_pence, period)| Indicative {
            amount_pence,
            period,
        });
        plan
    }

    #[test]
    fn totals_of_mixed_lines() {
        let dp = "direct-payment";
        let own = "own-money";
        let cases: Vec<(Vec<Line>, [i128; 6])> = vec![
            // [yearly, weekly, monthly, one_off, own_yearly, own_one_off]
            (vec![], [0, 0, 0, 0, 0, 0]),
            (vec![(1000, "weekly", dp)], [52_000, 1000, 4333, 0, 0, 0]),
            // £1,000 a month: £12,000 a year, £230.769… a week rounds up to £230.77.
            (
                vec![(100_000, "monthly", dp)],
                [1_200_000, 23_077, 100_000, 0, 0, 0],
            ),
            // £10 a month: 12,000p a year, 230.77p a week rounds to 231p.
            (vec![(1000, "monthly", dp)], [12_000, 231, 1000, 0, 0, 0]),
            // 26p a year is exactly half a penny a week: half-up gives 1p.
            (vec![(26, "yearly", dp)], [26, 1, 2, 0, 0, 0]),
            (vec![(25, "yearly", dp)], [25, 0, 2, 0, 0, 0]),
            (
                vec![
                    (15_000, "weekly", dp),
                    (20_000, "monthly", "council-managed"),
                    (52_000, "yearly", "individual-service-fund"),
                    (30_000, "one-off", "other"),
                    (2_000, "weekly", own),
                    (5_000, "one-off", own),
                ],
                [1_072_000, 20_615, 89_333, 30_000, 104_000, 5_000],
            ),
        ];
        for (lines, [yearly, weekly, monthly, one_off, own_yearly, own_one_off]) in cases {
            let t = totals(&plan(&lines, None)).unwrap();
            let got = [
                t.yearly,
                t.weekly,
                t.monthly,
                t.one_off,
                t.own_yearly,
                t.own_one_off,
            ];
            assert_eq!(
                got,
                [yearly, weekly, monthly, one_off, own_yearly, own_one_off],
                "{lines:?}"
            );
            assert_eq!(t.lines, lines.len());
        }
    }

    #[test]
    fn huge_lines_are_exact() {
        let max = crate::plan::MAX_PENCE;
        let t = totals(&plan(&[(max, "weekly", "other"); 3], None)).unwrap();
        assert_eq!(t.yearly, i128::from(max) * 52 * 3);
        assert_eq!(t.weekly, i128::from(max) * 3);
    }

    #[test]
    fn rounding_half_up() {
        let cases: [(i128, Period, i128); 9] = [
            (12_000, Period::Week, 231),
            (1_200_000, Period::Week, 23_077),
            (26, Period::Week, 1),
            (25, Period::Week, 0),
            (-26, Period::Week, -1),
            (-25, Period::Week, 0),
            (6, Period::Month, 1),
            (5, Period::Month, 0),
            (7, Period::Year, 7),
        ];
        for (yearly, period, expected) in cases {
            assert_eq!(per_period(yearly, period), expected, "{yearly} {period:?}");
        }
    }

    fn words(b: Option<Balance>) -> String {
        b.map(|b| b.message().render(Lang::En)).unwrap_or_default()
    }

    #[test]
    fn balance_in_plain_words() {
        let dp = "direct-payment";
        let cases: Vec<(Vec<Line>, Budgeted, &str)> = vec![
            (vec![(13_800, "weekly", dp)], None, ""),
            (
                vec![(13_800, "weekly", dp)],
                Some((15_000, Period::Week)),
                "£12.00 a week left",
            ),
            (
                vec![(15_350, "weekly", dp)],
                Some((15_000, Period::Week)),
                "£3.50 a week over",
            ),
            (
                vec![(15_000, "weekly", dp)],
                Some((15_000, Period::Week)),
                "Your spending matches the budget",
            ),
            // Own money and one-off lines are not counted against the council's budget.
            (
                vec![
                    (10_000, "weekly", dp),
                    (99_999, "weekly", "own-money"),
                    (99_999, "one-off", dp),
                ],
                Some((15_000, Period::Week)),
                "£50.00 a week left",
            ),
            // A monthly budget, weekly lines: compared per year, told per month.
            (
                vec![(10_000, "weekly", dp)],
                Some((50_000, Period::Month)),
                "£66.67 a month left",
            ),
            (
                vec![(100_000, "monthly", dp)],
                Some((1_300_000, Period::Year)),
                "£1,000.00 a year left",
            ),
        ];
        for (lines, indicative, expected) in cases {
            let got = words(balance(&plan(&lines, indicative)).unwrap());
            assert_eq!(got, expected, "{lines:?} {indicative:?}");
        }
    }
}
