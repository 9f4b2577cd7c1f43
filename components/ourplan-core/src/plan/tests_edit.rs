//! Tests of editing: adding, changing and removing blocks and items, undo and redo, ids, focus
//! and announcements, sign-off on the state, and a 500-block plan. Moves are in `tests_moves.rs`.

use super::document::{Body, Indicative, Kind, Period};
use super::tree::Index;
use super::*;
use crate::i18n::Lang;
use serde_json::{Value, json};

/// The plan's shape as text: ids in order, a section's children in brackets.
pub(super) fn outline(state: &PlanState) -> String {
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for b in blocks {
            match &b.body {
                Body::Section { children, .. } => {
                    let mut inner = Vec::new();
                    walk(children, &mut inner);
                    out.push(format!("{}[{}]", b.id, inner.join(" ")));
                }
                _ => out.push(b.id.clone()),
            }
        }
    }
    let mut out = Vec::new();
    walk(&state.plan().blocks, &mut out);
    out.join(" ")
}

/// The index kept by the edits matches one built from scratch.
pub(super) fn index_agrees(state: &PlanState) {
    assert_eq!(state.index, Index::build(&state.plan.blocks).unwrap());
}

pub(super) fn said(f: &Feedback) -> String {
    f.announce
        .as_ref()
        .map(|m| m.render(Lang::En))
        .unwrap_or_default()
}

pub(super) fn focus(id: &str) -> Option<Focus> {
    Some(Focus::Block(id.to_owned()))
}

pub(super) fn add(state: &mut PlanState, kind: Kind, parent: Option<&str>) -> String {
    match state.add_block(kind, parent, usize::MAX).unwrap().focus {
        Some(Focus::Block(id)) => id,
        other => panic!("focus {other:?}"),
    }
}

/// b1[b2 b3] b4 b5[], with titles "My week" (b1), "Morning" (b2), "Evening" (b5).
pub(super) fn sample() -> PlanState {
    let mut s = PlanState::new(Lang::En);
    let week = add(&mut s, Kind::Section, None);
    s.rename(&week, "My week").unwrap();
    let morning = add(&mut s, Kind::Text, Some(&week));
    s.set_field(&morning, "text", json!("Morning")).unwrap();
    add(&mut s, Kind::Heading, Some(&week));
    add(&mut s, Kind::WhatMatters, None);
    let evening = add(&mut s, Kind::Section, None);
    s.rename(&evening, "Evening").unwrap();
    s
}

#[test]
fn adding_gives_fresh_ids_focus_and_words() {
    let mut s = PlanState::new(Lang::En);
    assert_eq!(s.plan().title, "My support plan");
    let f = s.add_block(Kind::Outcome, None, 0).unwrap();
    assert_eq!(said(&f), "Outcome added");
    assert_eq!(f.focus, focus("b1"));
    let f = s.add_block(Kind::Text, None, 0).unwrap();
    assert_eq!(f.focus, focus("b2"));
    assert_eq!(outline(&s), "b2 b1");
    // Lists start with one item to type into; checklist items start unticked.
    let list = add(&mut s, Kind::Checklist, None);
    let items = s
        .block(&list)
        .unwrap()
        .body
        .items("items")
        .unwrap()
        .to_vec();
    assert_eq!((items.len(), items[0].done), (1, Some(false)));
    // Adding inside something that is not a section, or inside nothing, is an error.
    let err = s.add_block(Kind::Text, Some("b1"), 0).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NotASection { .. }));
    let err = s.add_block(Kind::Text, Some("nope"), 0).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NoSuchId { .. }));
    index_agrees(&s);
}

#[test]
fn removing_focuses_a_neighbour_and_undo_brings_it_back() {
    // (block removed, focus after)
    let cases = [
        ("b2", Some(Focus::Block("b3".into()))),
        ("b3", Some(Focus::Block("b2".into()))),
        ("b4", Some(Focus::Block("b5".into()))),
        ("b5", Some(Focus::Block("b4".into()))),
    ];
    for (id, expected) in cases {
        let mut s = sample();
        let before = s.plan().clone();
        let f = s.remove(id).unwrap();
        assert_eq!(f.focus, expected, "{id}");
        assert!(said(&f).starts_with("Removed ‘"));
        index_agrees(&s);
        let f = s.undo();
        assert_eq!(s.plan(), &before);
        assert_eq!(f.focus, focus(id));
        index_agrees(&s);
    }
    // The last block of a section: focus the section. The last block of all: the add control.
    let mut s = sample();
    s.remove("b2").unwrap();
    assert_eq!(s.remove("b3").unwrap().focus, focus("b1"));
    for id in ["b1", "b4"] {
        s.remove(id).unwrap();
    }
    assert_eq!(s.remove("b5").unwrap().focus, Some(Focus::AddTo(None)));
    assert_eq!(outline(&s), "");
    // Removing a section removes what is in it, and undo restores all of it.
    let mut s = sample();
    s.remove("b1").unwrap();
    assert!(s.block("b2").is_none());
    s.undo();
    assert_eq!(outline(&s), "b1[b2 b3] b4 b5[]");
}

#[test]
fn ids_are_never_reused() {
    let mut s = sample();
    let mut seen: Vec<String> = (1..=5).map(|n| format!("b{n}")).collect();
    for _ in 0..3 {
        let last = add(&mut s, Kind::Text, None);
        s.remove(&last).unwrap();
        s.undo();
        s.undo();
        let id = add(&mut s, Kind::Text, None);
        assert!(!seen.contains(&id), "{id} reused");
        seen.push(id);
    }
    // Items and reviews draw from the same counter.
    let list = add(&mut s, Kind::List, None);
    let f = s.add_item(&list, "items", 0, "x").unwrap();
    let Some(Focus::Item { item, .. }) = f.focus else {
        panic!()
    };
    assert!(!seen.contains(&item));
    // A plan opened with ids beyond its counter moves the counter past them.
    let s = PlanState::from_json(
        r#"{"format": "ourplan-plan", "version": 1, "nextId": 2,
            "blocks": [{"id": "b40", "kind": "text"}], "reviews": [{"id": "r77"}]}"#,
    )
    .unwrap();
    assert_eq!(s.plan().next_id, 78);
}

#[test]
fn field_edits_are_checked_and_typing_is_one_step() {
    let mut s = sample();
    let line = add(&mut s, Kind::BudgetLine, None);
    let outcome = add(&mut s, Kind::Outcome, None);
    let (line, outcome) = (line.as_str(), outcome.as_str());
    let ok = [
        (line, "costPence", json!(15_000)),
        (line, "frequency", json!("one-off")),
        (line, "paidFrom", json!("own-money")),
        (line, "outcomeId", json!(outcome)),
        (line, "outcomeId", Value::Null),
        (line, "secondLook", json!(true)),
        (outcome, "howIWillKnow", json!("I sleep well")),
    ];
    for (id, field, value) in ok {
        s.set_field(id, field, value.clone()).unwrap();
        assert_eq!(s.block(id).unwrap().body.get(field), Some(value));
    }
    let before = s.plan().clone();
    let bad = [
        (line, "costPence", json!(-1)),
        (line, "costPence", json!(1.5)),
        (line, "costPence", json!("150")),
        (line, "costPence", json!(9_007_199_254_740_992u64)),
        (line, "frequency", json!("fortnightly")),
        (line, "outcomeId", json!("b1")),
        (line, "outcomeId", json!("nope")),
        (line, "secondLook", json!("yes")),
        (line, "children", json!([])),
        (line, "colour", json!("red")),
        ("b1", "children", json!([])),
        ("b1", "title", json!(7)),
        ("b4", "items", json!([])),
        ("nope", "text", json!("x")),
    ];
    for (id, field, value) in bad {
        assert!(
            s.set_field(id, field, value.clone()).is_err(),
            "{field} {value}"
        );
    }
    assert_eq!(s.plan(), &before, "refused edits change nothing");
    // Typing into one field is one step; another field, or a seal, starts a new step. (A screen
    // seals when a field loses focus: here, after `sample` renamed b5.)
    let mut s = sample();
    s.seal();
    for text in ["M", "My", "My d", "My day"] {
        assert_eq!(s.rename("b5", text).unwrap(), Feedback::none());
    }
    s.seal();
    s.rename("b5", "My days").unwrap();
    s.set_field("b2", "text", json!("Mornings")).unwrap();
    // Undo names the block by the words it has when undone: what was typed.
    assert_eq!(said(&s.undo()), "Undone: Changed ‘Mornings’");
    assert_eq!(said(&s.undo()), "Undone: Changed ‘My days’");
    assert_eq!(s.block("b5").unwrap().body.name(), "My day");
    s.undo();
    assert_eq!(s.block("b5").unwrap().body.name(), "Evening");
    assert_eq!(said(&s.redo()), "Redone: Changed ‘Evening’");
    assert_eq!(s.block("b5").unwrap().body.name(), "My day");
}

#[test]
fn undo_and_redo_walk_the_whole_history() {
    let mut s = PlanState::new(Lang::En);
    assert_eq!(said(&s.undo()), "Nothing to undo");
    assert_eq!(said(&s.redo()), "Nothing to redo");
    let mut snapshots = vec![s.plan().clone()];
    let mut rng = 7u64;
    let mut next = |n: usize| {
        rng = rng
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((rng >> 33) as usize) % n.max(1)
    };
    for step in 0..150 {
        let ids: Vec<String> = {
            let mut ids = Vec::new();
            tree::walk(&s.plan().blocks, &mut |b| ids.push(b.id.clone()));
            ids
        };
        let pick = |n: usize| ids.get(n).cloned().unwrap_or_default();
        let id = pick(next(ids.len()));
        let section = ids
            .iter()
            .find(|i| s.block(i).is_some_and(|b| b.kind() == Kind::Section))
            .cloned();
        let changed = match next(8) {
            0 | 1 => s
                .add_block(Kind::ALL[next(12)], None, next(ids.len() + 1))
                .is_ok(),
            2 => section.is_some_and(|p| s.add_block(Kind::Text, Some(&p), 0).is_ok()),
            3 => s.move_up(&id).is_ok(),
            4 => s.move_into_previous(&id).is_ok(),
            5 => s.move_out(&id).is_ok(),
            6 => s.remove(&id).is_ok(),
            _ => {
                s.seal();
                s.set_field(&id, "text", json!(format!("step {step}")))
                    .is_ok()
            }
        };
        index_agrees(&s);
        if changed && s.plan() != snapshots.last().unwrap() {
            snapshots.push(s.plan().clone());
        }
    }
    // Each step back matches the plan as it was (the id counter only ever goes up).
    let last = s.plan().next_id;
    let strip = |p: &Plan| Plan {
        next_id: 0,
        ..p.clone()
    };
    assert!(
        snapshots.len() > 60,
        "the walk made {} changes",
        snapshots.len()
    );
    for expected in snapshots.iter().rev().skip(1) {
        assert!(s.can_undo());
        s.undo();
        index_agrees(&s);
        assert_eq!(strip(s.plan()), strip(expected));
    }
    assert!(!s.can_undo());
    assert_eq!(s.plan().next_id, last);
    for expected in snapshots.iter().skip(1) {
        s.redo();
        index_agrees(&s);
        assert_eq!(strip(s.plan()), strip(expected));
    }
    assert!(!s.can_redo());
}

#[test]
fn history_is_bounded() {
    let mut s = PlanState::new(Lang::En);
    for _ in 0..250 {
        s.add_block(Kind::Text, None, 0).unwrap();
    }
    assert_eq!(s.history.undo_len(), history::LIMIT);
    while s.can_undo() {
        s.undo();
    }
    assert_eq!(s.plan().blocks.len(), 50);
}

#[test]
fn items_edit_move_and_undo() {
    let mut s = PlanState::new(Lang::En);
    let list = add(&mut s, Kind::DoDont, None);
    let first = s.block(&list).unwrap().body.items("pleaseDo").unwrap()[0]
        .id
        .clone();
    s.set_item_text(&list, &first, "Knock first").unwrap();
    let f = s.add_item(&list, "pleaseDo", 9, "Ask me").unwrap();
    let Some(Focus::Item { item: second, .. }) = f.focus.clone() else {
        panic!("{f:?}")
    };
    assert_eq!(said(&f), "Added an item to ‘Knock first’");
    let f = s.move_item(&list, &second, true).unwrap();
    assert_eq!(said(&f), "Moved ‘Ask me’ up, now 1 of 2");
    let f = s.move_item(&list, &second, true).unwrap();
    assert_eq!(said(&f), "‘Ask me’ is already at the top");
    let texts = |s: &PlanState| -> Vec<String> {
        let b = s.block(&list).unwrap();
        b.body
            .items("pleaseDo")
            .unwrap()
            .iter()
            .map(|i| i.text.clone())
            .collect()
    };
    assert_eq!(texts(&s), ["Ask me", "Knock first"]);
    let f = s.remove_item(&list, &second).unwrap();
    assert_eq!(
        f.focus,
        Some(Focus::Item {
            block: list.clone(),
            item: first.clone()
        })
    );
    let f = s.remove_item(&list, &first).unwrap();
    assert_eq!(
        f.focus,
        Some(Focus::AddItem {
            block: list.clone(),
            field: "pleaseDo"
        })
    );
    s.undo();
    s.undo();
    assert_eq!(texts(&s), ["Ask me", "Knock first"]);
    assert!(
        s.add_item(&list, "items", 0, "").is_err(),
        "doDont has no items"
    );
    assert!(s.set_item_done(&list, "nope", true).is_err());
    // Ticking a checklist item.
    let check = add(&mut s, Kind::Checklist, None);
    let item = s.block(&check).unwrap().body.items("items").unwrap()[0]
        .id
        .clone();
    s.set_item_done(&check, &item, true).unwrap();
    assert_eq!(
        s.block(&check).unwrap().body.items("items").unwrap()[0].done,
        Some(true)
    );
}

#[test]
fn reviews_budget_and_title() {
    let mut s = PlanState::new(Lang::En);
    assert!(s.add_review("31/12/2025").is_err());
    let f = s.add_review("2025-06-01").unwrap();
    let Some(Focus::Review(id)) = f.focus else {
        panic!()
    };
    s.set_review_field(&id, "working", "The mornings").unwrap();
    assert!(s.set_review_field(&id, "date", "2025-02-30").is_err());
    assert!(s.set_review_field(&id, "mood", "x").is_err());
    assert_eq!(s.remove_review(&id).unwrap().focus, Some(Focus::AddReview));
    s.undo();
    assert_eq!(s.plan().reviews[0].working, "The mornings");
    s.set_title("Sam’s plan");
    s.set_indicative(Some(Indicative {
        amount_pence: 15_000,
        period: Period::Week,
    }))
    .unwrap();
    s.set_managed_as(ManagedAs::CouncilManaged);
    s.set_complex(true);
    // A new budget line is paid the way the budget is managed.
    let line = add(&mut s, Kind::BudgetLine, None);
    assert_eq!(
        s.block(&line).unwrap().body.get("paidFrom"),
        Some(json!("council-managed"))
    );
    for _ in 0..5 {
        s.undo();
    }
    assert_eq!(s.plan().budget, Budget::default());
    assert!(!s.plan().complex);
    assert_eq!(s.plan().title, "My support plan");
    assert_eq!(s.undo().focus, None);
}

#[test]
fn sign_off_within_the_rules_and_changes_after() {
    let rules = Rules::from_json(
        r#"{"limit": {"amount": "250.00", "period": "week"}, "noSecondLook": true}"#,
    )
    .unwrap();
    let who = Practitioner::from_json(r#"{"name": "Ali Khan", "role": "Social worker"}"#).unwrap();
    let mut s = PlanState::new(Lang::En);
    let line = add(&mut s, Kind::BudgetLine, None);
    s.set_field(&line, "what", json!("Overnight support"))
        .unwrap();
    s.set_field(&line, "costPence", json!(28_000)).unwrap();
    assert_eq!(s.changed_since_signoff(), None);
    let err = s
        .sign_off(&rules, &who, "2025-03-01T10:00:00Z")
        .unwrap_err();
    let ErrorKind::NeedsSecondLook { reasons } = err.kind() else {
        panic!("{err}")
    };
    assert_eq!(
        reasons[0].render(Lang::En),
        "The weekly cost, £280.00, is over your limit of £250.00"
    );
    assert!(s.plan().signoff.is_none());
    s.set_field(&line, "costPence", json!(25_000)).unwrap();
    let nobody = Practitioner::default();
    assert!(matches!(
        s.sign_off(&rules, &nobody, "2025-03-01T10:00:00Z")
            .unwrap_err()
            .kind(),
        ErrorKind::NoPractitioner
    ));
    assert!(s.sign_off(&rules, &who, "1 March").is_err());
    let f = s.sign_off(&rules, &who, "2025-03-01T10:00:00Z").unwrap();
    assert_eq!(said(&f), "Signed off by Ali Khan");
    assert_eq!(s.changed_since_signoff(), Some(false));
    // A review does not change the plan; an edit does; undoing the edit puts it back.
    s.add_review("2025-09-01").unwrap();
    assert_eq!(s.changed_since_signoff(), Some(false));
    s.set_field(&line, "costPence", json!(24_000)).unwrap();
    assert_eq!(s.changed_since_signoff(), Some(true));
    s.undo();
    assert_eq!(s.changed_since_signoff(), Some(false));
    // The sign-off survives export and import, and still matches.
    let again = PlanState::from_json(&to_json(s.plan())).unwrap();
    assert_eq!(again.changed_since_signoff(), Some(false));
}

#[test]
fn opening_a_file_in_place_is_undoable_and_a_bad_file_changes_nothing() {
    let mut s = sample();
    let before = s.plan().clone();
    for bad in [
        "nope",
        r#"{"format": "other"}"#,
        r#"{"format": "ourplan-plan", "version": 9}"#,
    ] {
        assert!(s.replace_from_json(bad).is_err());
        assert_eq!(s.plan(), &before);
    }
    let f = s
        .replace_from_json(r#"{"format": "ourplan-plan", "version": 1, "title": "Other"}"#)
        .unwrap();
    assert_eq!(said(&f), "Opened ‘Other’");
    assert_eq!(s.plan().title, "Other");
    s.undo();
    assert_eq!(s.plan(), &before);
    index_agrees(&s);
}

/// 500 blocks: every operation touches one block, one sibling list and one chain of parents,
/// so each stays linear at worst (no operation walks the tree for each block).
#[test]
fn five_hundred_blocks() {
    let mut s = PlanState::new(Lang::En);
    let mut sections = Vec::new();
    for n in 0..50 {
        let section = add(&mut s, Kind::Section, None);
        s.rename(&section, &format!("Part {n}")).unwrap();
        for _ in 0..9 {
            add(&mut s, Kind::Text, Some(&section));
        }
        sections.push(section);
    }
    let count = |s: &PlanState| {
        let mut n = 0;
        tree::walk(&s.plan().blocks, &mut |_| n += 1);
        n
    };
    assert_eq!(count(&s), 500);
    let start = std::time::Instant::now();
    let mid = sections[25].clone();
    let new = s
        .add_block(Kind::Text, Some(&mid), 4)
        .unwrap()
        .focus
        .unwrap();
    let Focus::Block(new) = new else { panic!() };
    s.set_field(&new, "text", json!("Right here")).unwrap();
    s.move_up(&new).unwrap();
    s.move_out(&new).unwrap();
    s.move_into_previous(&new).unwrap();
    s.move_to(&new, Some(&sections[49]), 0).unwrap();
    assert_eq!(
        s.place(&new).unwrap().parent.as_deref(),
        Some(sections[49].as_str())
    );
    s.remove(&sections[0]).unwrap();
    assert_eq!(s.plan().blocks.len(), 49);
    for _ in 0..7 {
        s.undo();
    }
    assert!(s.block(&new).is_none());
    assert_eq!(count(&s), 500);
    index_agrees(&s);
    // Not an assertion on time (machines differ), but a record of it when run with --nocapture.
    println!("500 blocks: 14 operations in {:?}", start.elapsed());
}
