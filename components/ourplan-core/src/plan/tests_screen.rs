//! Tests of the plan builder's screen: what each action changes, what the host hears, and where
//! focus goes.

use super::{
    Focus, Indicative, Kind, Move, Period, PlanAction, PlanScreen, Practitioner, Rules, to_json,
};
use crate::Emit;
use crate::i18n::Lang;
use crate::limits::Limits;

const NOW: &str = "2026-03-01T10:30:00.000Z";

fn screen() -> PlanScreen {
    let mut s = PlanScreen::new(Lang::En);
    s.set_host_indicative(Some(Indicative {
        amount_pence: 15000,
        period: Period::Week,
    }));
    s
}

fn add(s: &mut PlanScreen, kind: Kind) -> String {
    assert_eq!(
        s.apply(PlanAction::Add { kind, parent: None }, NOW),
        Emit::Both
    );
    s.state.plan().blocks.last().unwrap().id.clone()
}

#[test]
fn starters_follow_the_blank_page_and_keep_the_host_budget() {
    let mut s = screen();
    assert!(!s.state.can_undo(), "the host's budget is no step of undo");
    assert!(s.templates().iter().all(|t| t.id != "blank"));
    s.apply(PlanAction::Start(Some(0)), NOW);
    assert!(s.started);
    assert!(!s.state.plan().blocks.is_empty());
    assert_eq!(
        s.state
            .plan()
            .budget
            .indicative
            .as_ref()
            .unwrap()
            .amount_pence,
        15000
    );
    assert_eq!(s.focus, Some(Focus::Title));
}

#[test]
fn a_cost_that_is_not_an_amount_is_kept_as_typed_and_explained() {
    let mut s = screen();
    let id = add(&mut s, Kind::BudgetLine);
    assert_eq!(
        s.focus,
        Some(Focus::Field {
            block: id.clone(),
            field: "what"
        })
    );
    s.apply(
        PlanAction::SetCost {
            id: id.clone(),
            text: "12.50".into(),
        },
        NOW,
    );
    assert_eq!(
        s.state.plan().blocks[0].body.get("costPence"),
        Some(12_50.into())
    );
    assert!(s.problems().is_empty());
    let emit = s.apply(
        PlanAction::SetCost {
            id: id.clone(),
            text: "12.5p".into(),
        },
        NOW,
    );
    assert_eq!(emit, Emit::Nothing);
    assert_eq!(
        s.state.plan().blocks[0].body.get("costPence"),
        Some(12_50.into())
    );
    assert_eq!(s.problems().len(), 1);
}

#[test]
fn moving_keeps_focus_on_the_button_while_it_can_move_again() {
    let mut s = screen();
    let a = add(&mut s, Kind::Text);
    let b = add(&mut s, Kind::Text);
    let c = add(&mut s, Kind::Text);
    s.apply(
        PlanAction::Move {
            id: c.clone(),
            how: Move::Up,
        },
        NOW,
    );
    assert_eq!(
        s.focus,
        Some(Focus::MoveButton {
            block: c.clone(),
            how: Move::Up
        })
    );
    s.apply(
        PlanAction::Move {
            id: c.clone(),
            how: Move::Up,
        },
        NOW,
    );
    assert_eq!(s.focus, Some(Focus::Block(c.clone())));
    let ids: Vec<&str> = s
        .state
        .plan()
        .blocks
        .iter()
        .map(|b| b.id.as_str())
        .collect();
    assert_eq!(ids, [c.as_str(), a.as_str(), b.as_str()]);
}

#[test]
fn a_bad_file_is_refused_and_the_plan_kept() {
    let mut s = screen();
    add(&mut s, Kind::Heading);
    let before = to_json(s.state.plan());
    assert_eq!(
        s.apply(PlanAction::Import("{\"format\":".into()), NOW),
        Emit::Nothing
    );
    assert_eq!(to_json(s.state.plan()), before);
    assert!(s.import_error.is_some());
    assert_eq!(s.focus, Some(Focus::ImportError));
    add(&mut s, Kind::Text);
    assert_eq!(s.apply(PlanAction::Import(before.clone()), NOW), Emit::Both);
    // The file opens as it was, with a merge history starting at it.
    let mut opened = s.state.plan().clone();
    assert!(opened.merge.take().is_some());
    assert_eq!(to_json(&opened), before);
    assert!(s.import_error.is_none());
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread_and_a_copy_is_held_to_the_limits() {
    let mut s = screen();
    add(&mut s, Kind::Text);
    let before = to_json(s.state.plan());
    // Within the limit: nothing is said (the file is then read and opened as usual).
    let within = s.limits().value_bytes as f64;
    assert_eq!(
        s.apply(PlanAction::FileTooLarge(within), NOW),
        Emit::Nothing
    );
    assert!(s.import_error.is_none());
    // A film chosen by mistake: refused by its size, with the limit and its size in words.
    let film = 700_000_000.0;
    assert_eq!(s.apply(PlanAction::FileTooLarge(film), NOW), Emit::Nothing);
    let said = s
        .import_error
        .as_ref()
        .expect("refused")
        .message()
        .render(Lang::En);
    assert!(said.contains("700 MB") && said.contains("20 MB"), "{said}");
    assert_eq!(s.focus, Some(Focus::ImportError));
    assert_eq!(to_json(s.state.plan()), before);
    // Combining a copy keeps to the element's limits, as opening a file does.
    let mut small = screen();
    small.set_limits(Limits {
        value_bytes: 100,
        ..Limits::default()
    });
    small.apply(PlanAction::Combine(before.clone()), NOW);
    assert!(small.combining.is_none());
    let said = small
        .import_error
        .as_ref()
        .expect("refused")
        .message()
        .render(Lang::En);
    assert!(said.contains("0.1 KB"), "{said}");
}

#[test]
fn sign_off_needs_rules_and_a_practitioner() {
    let mut s = screen();
    let id = add(&mut s, Kind::Text);
    s.apply(
        PlanAction::SetText {
            id,
            field: "text",
            text: "I like mornings".into(),
        },
        NOW,
    );
    assert_eq!(s.apply(PlanAction::SignOff, NOW), Emit::Nothing);
    s.rules = Some(Rules::from_json(r#"{"notComplex": true}"#).unwrap());
    s.practitioner = Some(Practitioner::from_json(r#"{"name": "Sam Patel"}"#).unwrap());
    assert_eq!(s.apply(PlanAction::SignOff, NOW), Emit::Signoff);
    assert_eq!(s.state.plan().signoff.as_ref().unwrap().at, NOW);
    s.apply(PlanAction::SetComplex(true), NOW);
    assert_eq!(s.apply(PlanAction::SignOff, NOW), Emit::Nothing);
    assert_eq!(s.state.changed_since_signoff(), Some(true));
}

#[test]
fn an_untouched_title_follows_the_language() {
    let mut s = screen();
    s.set_lang(Lang::Cy);
    assert_eq!(s.state.plan().title, "Fy nghynllun cymorth");
    s.apply(PlanAction::SetTitle("Fy mywyd".into()), NOW);
    s.set_lang(Lang::En);
    assert_eq!(s.state.plan().title, "Fy mywyd");
}

#[test]
fn a_block_added_here_goes_just_below_in_the_same_section() {
    let mut s = screen();
    let section = add(&mut s, Kind::Section);
    let after = add(&mut s, Kind::Text);
    s.apply(
        PlanAction::Move {
            id: after.clone(),
            how: Move::Into,
        },
        NOW,
    );
    let last = add(&mut s, Kind::Heading);
    assert_eq!(
        s.apply(PlanAction::OpenAddAfter(after.clone()), NOW),
        Emit::Nothing
    );
    assert_eq!(s.adding_after.as_deref(), Some(after.as_str()));
    assert_eq!(s.focus, Some(Focus::AddAfterKind(after.clone())));
    let emit = s.apply(
        PlanAction::AddAfter {
            kind: Kind::Person,
            after: after.clone(),
        },
        NOW,
    );
    assert_eq!(emit, Emit::Both);
    assert!(s.adding_after.is_none());
    let plan = s.state.plan();
    assert_eq!(
        plan.blocks.len(),
        2,
        "top level keeps the section and the heading"
    );
    assert_eq!(plan.blocks[1].id, last);
    let inside = plan.blocks[0].body.children();
    assert_eq!(plan.blocks[0].id, section);
    assert_eq!(inside.len(), 2);
    assert_eq!(inside[0].id, after);
    assert_eq!(inside[1].kind(), Kind::Person);
    assert_eq!(
        s.focus,
        Some(Focus::Field {
            block: inside[1].id.clone(),
            field: "name"
        })
    );
}

#[test]
fn closing_add_here_returns_focus_and_changes_nothing() {
    let mut s = screen();
    let a = add(&mut s, Kind::Text);
    s.apply(PlanAction::OpenAddAfter(a.clone()), NOW);
    assert_eq!(s.apply(PlanAction::CloseAdd, NOW), Emit::Nothing);
    assert!(s.adding_after.is_none());
    assert_eq!(s.focus, Some(Focus::AddBelow(a.clone())));
}

#[test]
fn only_real_changes_are_told_to_the_host() {
    let mut s = screen();
    let a = add(&mut s, Kind::Text);
    let set = |s: &mut PlanScreen, text: &str| {
        s.apply(
            PlanAction::SetText {
                id: a.clone(),
                field: "text",
                text: text.into(),
            },
            NOW,
        )
    };
    assert_eq!(set(&mut s, "Walks"), Emit::Input);
    assert_eq!(set(&mut s, "Walks"), Emit::Nothing);
    assert_eq!(
        s.apply(
            PlanAction::Move {
                id: a.clone(),
                how: Move::Up
            },
            NOW
        ),
        Emit::Nothing,
        "a move with nowhere to go changes nothing"
    );
    assert_eq!(s.apply(PlanAction::Undo, NOW), Emit::Both);
    assert_eq!(s.apply(PlanAction::Start(None), NOW), Emit::Both);
    assert_eq!(s.apply(PlanAction::Start(None), NOW), Emit::Nothing);
}

#[test]
fn a_review_is_dated_today() {
    let mut s = screen();
    s.apply(PlanAction::AddReview, NOW);
    assert_eq!(s.state.plan().reviews[0].date, "2026-03-01");
}

#[test]
fn a_draft_puts_focus_back_where_the_person_typed() {
    let mut s = screen();
    let id = add(&mut s, Kind::Text);
    s.apply(
        PlanAction::SetText {
            id: id.clone(),
            field: "text",
            text: "Mornings".into(),
        },
        NOW,
    );
    let place = s.place();
    assert_eq!(place["focus"]["block"], id.as_str());
    let document = serde_json::to_value(s.state.plan()).unwrap();
    let mut fresh = screen();
    fresh.restore(&document, "Tuesday", &place).unwrap();
    assert_eq!(
        fresh.focus,
        Some(Focus::Field {
            block: id,
            field: "text"
        })
    );
    // A place the plan no longer has: the title.
    let mut other = screen();
    other
        .restore(
            &document,
            "Tuesday",
            &serde_json::json!({"focus": {"block": "gone"}}),
        )
        .unwrap();
    assert_eq!(other.focus, Some(Focus::Title));
}
