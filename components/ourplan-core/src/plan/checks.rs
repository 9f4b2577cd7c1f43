//! Gentle legal checks: each element the law expects of a plan is a rule with an id, a simple
//! test over the document, and a suggestion in kind words. Never an error, never a block: the
//! format stays free, and a plan without a rule's element is still a plan.
//!
//! The tests are deliberately simple, and documented on each rule, because a plan in the person's
//! own format cannot be parsed for meaning. They look at which kinds of block are there, at
//! budget lines and reviews, and at words in section titles, headings and labels (English and
//! Welsh, whatever the page's language, since a person may write in either).
//!
//! England: Care Act 2014 s25(1)(a)–(f), s25(2) and s26. Wales: the Care and Support (Care
//! Planning) (Wales) Regulations 2015, reg 3 (the conclusions of adult-at-risk enquiries are left
//! out: they belong to a practitioner's record, not a person's plan).

use super::document::{Block, Body, ManagedAs, PaidFrom, Plan};
use super::tree::walk;
use super::{Focus, Message};

/// Which law's checks to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Law {
    /// England: the Care Act 2014.
    England,
    /// Wales: the Social Services and Well-being (Wales) Act 2014 and its care planning
    /// regulations.
    Wales,
}

impl Law {
    /// Reads a host's setting: `england` or `wales` (any case). Anything else runs no checks.
    pub fn from_name(name: &str) -> Option<Law> {
        match name.trim().to_ascii_lowercase().as_str() {
            "england" => Some(Law::England),
            "wales" => Some(Law::Wales),
            _ => None,
        }
    }
}

/// A gentle suggestion: something the law expects that the plan may not say yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The rule's id, stable for hosts and tests (`england-s26`).
    pub rule: &'static str,
    /// Where the expectation comes from ("Care Act 2014, section 26").
    pub cite: Message,
    /// The suggestion ("You might want to say how the budget will be spent").
    pub message: Message,
    /// A block the suggestion is about, if there is one.
    pub focus: Option<Focus>,
}

/// What the checks look at, gathered in one pass over the blocks.
#[derive(Default)]
struct Facts {
    what_matters: bool,
    outcomes: Vec<String>,
    outcomes_with_measure: usize,
    actions: usize,
    lines: usize,
    lines_with_cost: usize,
    council_lines: usize,
    /// Direct-payment lines: id, and whether it names an outcome that exists.
    direct_payment: Vec<(String, bool)>,
    /// Section titles, headings and labels, lower-cased.
    titles: Vec<String>,
}

impl Facts {
    fn of(plan: &Plan) -> Facts {
        let mut facts = Facts::default();
        walk(&plan.blocks, &mut |block: &Block| match &block.body {
            Body::Section { title: t, .. }
            | Body::Heading { text: t }
            | Body::LabelValue { label: t, .. } => facts.titles.push(t.to_lowercase()),
            Body::WhatMatters { text } => facts.what_matters |= !text.trim().is_empty(),
            Body::Outcome {
                what,
                how_i_will_know,
                ..
            } => {
                if !what.trim().is_empty() {
                    facts.outcomes.push(block.id.clone());
                }
                if !how_i_will_know.trim().is_empty() {
                    facts.outcomes_with_measure += 1;
                }
            }
            Body::Action { what, .. } if !what.trim().is_empty() => facts.actions += 1,
            Body::BudgetLine {
                cost_pence,
                paid_from,
                ..
            } => {
                facts.lines += 1;
                facts.lines_with_cost += usize::from(*cost_pence > 0);
                facts.council_lines += usize::from(*paid_from != PaidFrom::OwnMoney);
            }
            _ => {}
        });
        // Outcome links are judged once every outcome is known (a line may come first).
        walk(&plan.blocks, &mut |block: &Block| {
            if let Body::BudgetLine {
                paid_from: PaidFrom::DirectPayment,
                outcome_id,
                ..
            } = &block.body
            {
                let linked = outcome_id
                    .as_ref()
                    .is_some_and(|o| facts.outcomes.contains(o));
                facts.direct_payment.push((block.id.clone(), linked));
            }
        });
        facts
    }

    /// Whether a title, heading or label mentions any of `words`.
    fn mentions(&self, words: &[&str]) -> bool {
        self.titles
            .iter()
            .any(|t| words.iter().any(|w| t.contains(w)))
    }
}

const NEEDS: &[&str] = &["need", "angen", "anghenion"];
const ELIGIBLE: &[&str] = &["eligib", "cymhwys", "cymwys"];
const ADVICE: &[&str] = &[
    "advice",
    "information",
    "prevent",
    "cyngor",
    "gwybodaeth",
    "atal",
];
const REVIEW: &[&str] = &["review", "adolyg"];

/// The suggestions for `plan` under `law`, in the order the law lists its elements.
pub fn suggestions(plan: &Plan, law: Law) -> Vec<Suggestion> {
    let facts = Facts::of(plan);
    let has_budget = plan.budget.indicative.is_some() || facts.lines > 0;
    let mut out = Vec::new();
    let mut suggest = |rule: &'static str, cite: &'static str, say: &'static str, ok: bool| {
        if !ok {
            out.push(Suggestion {
                rule,
                cite: Message::new(cite),
                message: Message::new(say),
                focus: None,
            });
        }
    };
    match law {
        Law::England => {
            // (a) The needs: a "what matters" block, or a part of the plan about needs.
            suggest(
                "england-s25-1a",
                "plan.cite.england_s25_1a",
                "plan.check.needs",
                facts.what_matters || facts.mentions(NEEDS),
            );
            // (b) Eligibility: a part of the plan that mentions it (often the practitioner's).
            suggest(
                "england-s25-1b",
                "plan.cite.england_s25_1b",
                "plan.check.eligibility",
                facts.mentions(ELIGIBLE),
            );
            // (c) Which needs the council meets, and how: an action, or council-funded spending.
            suggest(
                "england-s25-1c",
                "plan.cite.england_s25_1c",
                "plan.check.council_meets",
                facts.actions > 0 || facts.council_lines > 0,
            );
            // (d) The outcomes the support is for: an outcome block with words in it.
            suggest(
                "england-s25-1d",
                "plan.cite.england_s25_1d",
                "plan.check.outcomes",
                !facts.outcomes.is_empty(),
            );
            // (e) The personal budget: an indicative budget or a line of spending.
            suggest(
                "england-s25-1e",
                "plan.cite.england_s25_1e",
                "plan.check.personal_budget",
                has_budget,
            );
            // (f) Advice and information on reducing or preventing needs: a part about it.
            suggest(
                "england-s25-1f",
                "plan.cite.england_s25_1f",
                "plan.check.advice",
                facts.mentions(ADVICE),
            );
        }
        Law::Wales => {
            suggest(
                "wales-reg3-needs",
                "plan.cite.wales_reg3",
                "plan.check.wales_needs",
                facts.what_matters || facts.mentions(NEEDS) || facts.mentions(ELIGIBLE),
            );
            suggest(
                "wales-reg3-outcomes",
                "plan.cite.wales_reg3",
                "plan.check.wales_outcomes",
                !facts.outcomes.is_empty(),
            );
            suggest(
                "wales-reg3-actions",
                "plan.cite.wales_reg3",
                "plan.check.wales_actions",
                facts.actions > 0,
            );
            // How progress is monitored: an outcome that says how the person will know.
            suggest(
                "wales-reg3-progress",
                "plan.cite.wales_reg3",
                "plan.check.wales_progress",
                facts.outcomes_with_measure > 0,
            );
            suggest(
                "wales-reg3-review",
                "plan.cite.wales_reg3",
                "plan.check.wales_review",
                !plan.reviews.is_empty() || facts.mentions(REVIEW),
            );
        }
    }
    direct_payment(plan, law, &facts, &mut out);
    if law == Law::England {
        // s26: the budget broken down (the ombudsman has found fault where it was not).
        if has_budget && facts.lines_with_cost == 0 {
            out.push(Suggestion {
                rule: "england-s26",
                cite: Message::new("plan.cite.england_s26"),
                message: Message::new("plan.check.breakdown"),
                focus: None,
            });
        }
    }
    out
}

/// With a direct payment (managed as one, or a line paid from one): which needs it meets, and
/// its amount and frequency. A direct-payment line with a cost says amount and frequency; one
/// linked to an outcome says what it is for. Suggested once, pointing at the first line that
/// lacks a link.
fn direct_payment(plan: &Plan, law: Law, facts: &Facts, out: &mut Vec<Suggestion>) {
    let managed = matches!(
        plan.budget.managed_as,
        ManagedAs::DirectPayment | ManagedAs::Mixed
    );
    if !managed && facts.direct_payment.is_empty() {
        return;
    }
    let unlinked = facts.direct_payment.iter().find(|(_, linked)| !linked);
    if !facts.direct_payment.is_empty() && unlinked.is_none() {
        return;
    }
    let (rule, cite) = match law {
        Law::England => ("england-s25-2", "plan.cite.england_s25_2"),
        Law::Wales => ("wales-reg3-direct-payment", "plan.cite.wales_reg3"),
    };
    out.push(Suggestion {
        rule,
        cite: Message::new(cite),
        message: Message::new("plan.check.direct_payment"),
        focus: unlinked.map(|(id, _)| Focus::Block(id.clone())),
    });
}
