//! Tests of the words a person reads: the Markdown export, the gentle legal checks, and messages
//! in English and Welsh.

use super::document::Kind;
use super::tests_files::rich;
use super::*;
use crate::i18n::Lang;
use serde_json::{Value, json};

#[test]
fn markdown_in_the_persons_order() {
    let plan = import_json(&rich().to_string()).unwrap();
    let expected = "\
# Sam’s plan

## My week

### Mornings

I get up at 8.

\\# Not a heading

- Tea

- [x] Ring Jo
- [ ] Book bus

**What matters to me**

My cat, Biscuit

**Person**

- Name: Jo
- Who they are to me: Sister
- How they help: Shopping
- How to contact them: 07700 900000

**Outcome**

- What I want to achieve: Get out more
- How I will know it is working: Twice a week
- By when: Summer

**Action**

- Who: Council
- What they will do: Arrange a PA
- By when: May

- Personal assistant: £150.00 a week (Direct payment)

- Gym: £25.00 a month (My own money)

**Please do**

- Knock

**Please don’t**

- Rush me

**Date last updated:** 1 March

## Budget

- Indicative budget: £200.00 a week
- How it was worked out: Resource allocation
- How it is managed: Direct payment
- Regular spending: £150.00 a week
- From my own money: £5.77 a week

£50.00 a week left

## Reviews

### Review on 1 September 2025

- Who took part: Sam and Ali
- What is working: Mornings
- What will change: More gym
";
    assert_eq!(to_markdown(&plan, Lang::En), expected);
    let welsh = to_markdown(&plan, Lang::Cy);
    assert!(welsh.contains("£50.00 yr wythnos ar ôl"), "{welsh}");
    assert!(welsh.contains("## Cyllideb"));
    assert!(welsh.contains("1 Medi 2025"), "{welsh}");
}

fn rules_suggested(plan: &Plan, law: Law) -> Vec<&'static str> {
    suggestions(plan, law).iter().map(|s| s.rule).collect()
}

#[test]
fn gentle_checks() {
    let blank = Plan::new("x");
    assert_eq!(
        rules_suggested(&blank, Law::England),
        [
            "england-s25-1a",
            "england-s25-1b",
            "england-s25-1c",
            "england-s25-1d",
            "england-s25-1e",
            "england-s25-1f"
        ]
    );
    assert_eq!(
        rules_suggested(&blank, Law::Wales),
        [
            "wales-reg3-needs",
            "wales-reg3-outcomes",
            "wales-reg3-actions",
            "wales-reg3-progress",
            "wales-reg3-review"
        ]
    );
    // The rich plan covers most; it lacks eligibility and advice (England).
    let mut plan = import_json(&rich().to_string()).unwrap();
    assert_eq!(
        rules_suggested(&plan, Law::England),
        ["england-s25-1b", "england-s25-1f"]
    );
    assert_eq!(rules_suggested(&plan, Law::Wales), Vec::<&str>::new());
    // A direct-payment line with no outcome: suggested, pointing at the line.
    let mut state = PlanState::from_plan(plan.clone()).unwrap();
    state.set_field("b13", "outcomeId", Value::Null).unwrap();
    let found = suggestions(state.plan(), Law::England);
    let dp = found.iter().find(|s| s.rule == "england-s25-2").unwrap();
    assert_eq!(dp.focus, Some(Focus::Block("b13".into())));
    assert_eq!(
        dp.message.render(Lang::En),
        "You might want to say which needs your direct payment is for, how much it is and how often"
    );
    assert_eq!(dp.cite.render(Lang::Cy), "Deddf Gofal 2014, adran 25(2)");
    // A budget with no lines of spending: say how it will be spent (s26).
    plan.blocks.retain(|b| b.kind() != Kind::BudgetLine);
    let found = suggestions(&plan, Law::England);
    let s26 = found.iter().find(|s| s.rule == "england-s26").unwrap();
    assert_eq!(
        s26.message.render(Lang::En),
        "You might want to say how the budget will be spent"
    );
    assert_eq!(Law::from_name(" Wales "), Some(Law::Wales));
    assert_eq!(Law::from_name("scotland"), None);
}

#[test]
fn messages_render_in_both_languages() {
    let m = Message::counted("plan.announce.template_added", 2).text("template", "PATH");
    assert_eq!(m.render(Lang::En), "Added 2 blocks from ‘PATH’");
    assert_eq!(m.render(Lang::Cy), "Wedi ychwanegu 2 bloc o ‘PATH’");
    let nested = Message::new("plan.announce.undone").arg(
        "what",
        Arg::Message(Box::new(
            Message::new("plan.announce.added").arg("kind", Arg::Key(Kind::Outcome.label())),
        )),
    );
    assert_eq!(
        nested.render(Lang::Cy),
        "Wedi dadwneud: Canlyniad wedi’i ychwanegu"
    );
    let err = parse_pounds("12.345").unwrap_err();
    assert_eq!(
        err.person_message(Lang::En),
        "Enter the amount with no more than 2 numbers after the decimal point, like 150.50"
    );
    // Every key the code names is in the catalogue (a missing one would show its key), and the
    // choices' JSON values agree with serde's.
    let choices: Vec<(&str, String, &str)> = [
        Frequency::ALL
            .iter()
            .map(|c| (c.as_str(), json!(c), c.label()))
            .collect::<Vec<_>>(),
        PaidFrom::ALL
            .iter()
            .map(|c| (c.as_str(), json!(c), c.label()))
            .collect(),
        ManagedAs::ALL
            .iter()
            .map(|c| (c.as_str(), json!(c), c.label()))
            .collect(),
        Period::ALL
            .iter()
            .map(|c| (c.as_str(), json!(c), c.label()))
            .collect(),
    ]
    .into_iter()
    .flatten()
    .map(|(name, value, label)| (name, value.as_str().unwrap().to_owned(), label))
    .collect();
    assert_eq!(choices.len(), 17);
    for (name, value, label) in choices {
        assert_eq!(name, value);
        assert_ne!(crate::i18n::t(Lang::Cy, label, &[]), label);
    }
    for kind in Kind::ALL {
        assert_ne!(crate::i18n::t(Lang::Cy, kind.label(), &[]), kind.label());
        for field in kind.fields() {
            assert_ne!(crate::i18n::t(Lang::Cy, field.label, &[]), field.label);
        }
    }
}

#[test]
fn markdown_dates_read_as_dates_in_both_languages() {
    let mut v = rich();
    let fingerprint = format!("sha256:{}", "0".repeat(64));
    v["signoff"] = json!({"name": "Ali Khan", "role": "Social worker", "at": "2026-03-01T10:30:00.000Z", "fingerprint": fingerprint});
    let plan = import_json(&v.to_string()).unwrap();
    let en = to_markdown(&plan, Lang::En);
    assert!(
        en.contains("Signed off by Ali Khan (Social worker) on 1 March 2026."),
        "{en}"
    );
    let cy = to_markdown(&plan, Lang::Cy);
    assert!(cy.contains("ar 1 Mawrth 2026."), "{cy}");
    assert!(cy.contains("### Adolygiad ar 1 Medi 2025"), "{cy}");
}

#[test]
fn markdown_escapes_what_a_renderer_would_turn_into_html_or_links() {
    let plan = import_json(
        &json!({
            "format": "ourplan-plan", "version": 1, "title": "<script>alert(1)</script>",
            "blocks": [
                { "id": "b1", "kind": "text", "text": "<img src=x onerror=alert(1)> [click](javascript:alert(1)) &lt;b&gt; `code` C:\\temp ![i](x)" },
                { "id": "b2", "kind": "budgetLine", "what": "<a href=\"javascript:alert(1)\">PA</a>", "costPence": 100, "frequency": "weekly", "paidFrom": "direct-payment" }
            ],
            "nextId": 3,
            "signoff": { "name": "<b>Sam</b>", "role": "[x](javascript:y)", "at": "2026-12-01T10:00:00Z", "fingerprint": format!("sha256:{}", "0".repeat(64)) }
        })
        .to_string(),
    )
    .unwrap();
    let md = to_markdown(&plan, Lang::En);
    assert!(
        md.contains("\\<b\\>Sam\\</b\\> (\\[x\\](javascript:y))"),
        "{md}"
    );
    assert!(
        md.starts_with("# \\<script\\>alert(1)\\</script\\>\n"),
        "{md}"
    );
    assert!(md.contains("\\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1)) \\&lt;b\\&gt; \\`code\\` C:\\\\temp !\\[i\\](x)"), "{md}");
    assert!(
        md.contains("\\<a href=\"javascript:alert(1)\"\\>PA\\</a\\>"),
        "{md}"
    );
    // No unescaped `<` or `[` from the person's words is left.
    for line in md.lines() {
        let bytes = line.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'<' {
                assert!(i > 0 && bytes[i - 1] == b'\\', "unescaped < in {line}");
            }
        }
    }
}
