//! Named cases, one per rule of the merge.

use super::*;
use crate::plan::{Block, Body, Plan};

pub(super) fn text(id: &str, words: &str) -> Block {
    Block {
        id: id.into(),
        body: Body::Text { text: words.into() },
        extra: Default::default(),
    }
}

pub(super) fn plan_of(blocks: Vec<Block>) -> Plan {
    let mut plan = Plan::new("Megan’s plan");
    plan.blocks = blocks;
    plan
}

pub(super) fn texts(plan: &Plan) -> Vec<(String, String)> {
    let mut out = Vec::new();
    crate::plan::tree_walk(&plan.blocks, &mut |b: &Block| {
        if let Body::Text { text } = &b.body {
            out.push((b.id.clone(), text.clone()));
        }
    });
    out
}

fn shared(blocks: Vec<Block>) -> Plan {
    let mut plan = plan_of(blocks);
    checkpoint(&mut plan);
    plan
}

fn set_text(plan: &mut Plan, id: &str, words: &str) {
    for b in &mut plan.blocks {
        if b.id == id {
            b.body = Body::Text { text: words.into() };
        }
    }
}

#[test]
fn changed_on_one_side_only_is_taken() {
    let base = shared(vec![text("b1", "Tea first"), text("b2", "Bus on Tuesdays")]);
    let mut a = base.clone();
    set_text(&mut a, "b1", "Tea first, then the radio");
    let mut b = base.clone();
    set_text(&mut b, "b2", "Bus on Wednesdays");
    let m = merge(&a, &b, false).unwrap();
    assert_eq!(
        texts(&m.plan),
        vec![
            ("b1".into(), "Tea first, then the radio".into()),
            ("b2".into(), "Bus on Wednesdays".into())
        ]
    );
    assert!(conflicts(&m.plan).is_empty());
    assert_eq!(m.summary.changed, 1);
}

#[test]
fn the_same_text_changed_on_both_sides_keeps_both() {
    let base = shared(vec![text("b1", "Swimming on Tuesdays")]);
    let mut a = base.clone();
    set_text(&mut a, "b1", "Swimming on Wednesdays");
    let mut b = base.clone();
    set_text(&mut b, "b1", "Swimming in town on Tuesdays");
    let ab = merge(&a, &b, false).unwrap();
    let ba = merge(&b, &a, false).unwrap();
    let open = conflicts(&ab.plan);
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].at, "b:b1");
    assert_eq!(open[0].field, "text");
    let values: Vec<&str> = open[0].values.iter().filter_map(|v| v.as_str()).collect();
    assert!(values.contains(&"Swimming on Wednesdays"));
    assert!(values.contains(&"Swimming in town on Tuesdays"));
    assert_eq!(ab.plan, ba.plan);
    // The file keeps both, and reads back the same.
    let json = crate::plan::to_json(&ab.plan);
    let back: Plan = serde_json::from_str(&json).unwrap();
    assert_eq!(back, ab.plan);
    // Choosing settles it.
    let mut settled = ab.plan.clone();
    assert!(
        resolve(
            &mut settled,
            "b:b1",
            "text",
            "Swimming on Wednesdays in town".into()
        )
        .unwrap()
    );
    assert!(conflicts(&settled).is_empty());
    assert_eq!(texts(&settled)[0].1, "Swimming on Wednesdays in town");
}

#[test]
fn merging_the_same_copy_twice_changes_nothing() {
    let base = shared(vec![text("b1", "One")]);
    let mut a = base.clone();
    set_text(&mut a, "b1", "Two");
    let mut b = base.clone();
    b.blocks.push(text("b9_x", "Three"));
    let once = merge(&a, &b, false).unwrap().plan;
    let twice = merge(&once, &b, false).unwrap();
    assert_eq!(twice.plan, once);
    assert!(twice.summary.nothing_new);
    let itself = merge(&once, &once, false).unwrap();
    assert_eq!(itself.plan, once);
}

#[test]
fn blocks_added_on_both_sides_at_one_place_are_all_kept_there() {
    let base = shared(vec![text("b1", "Start"), text("b2", "End")]);
    let mut a = base.clone();
    a.blocks.insert(1, text("b3_a", "From Mum"));
    a.blocks.insert(2, text("b4_a", "Mum again"));
    let mut b = base.clone();
    b.blocks.insert(1, text("b3_b", "From Sian"));
    let m = merge(&a, &b, false).unwrap().plan;
    let ids: Vec<String> = texts(&m).into_iter().map(|t| t.0).collect();
    assert_eq!(ids, ["b1", "b3_a", "b4_a", "b3_b", "b2"]);
    assert_eq!(merge(&b, &a, false).unwrap().plan, m);
}

#[test]
fn deleted_on_one_side_and_edited_on_the_other_keeps_the_edit_and_asks() {
    let base = shared(vec![text("b1", "Keep"), text("b2", "Cinema on Fridays")]);
    let mut a = base.clone();
    a.blocks.remove(1);
    let mut b = base.clone();
    set_text(&mut b, "b2", "Cinema on Fridays with Jo");
    let m = merge(&a, &b, false).unwrap();
    assert_eq!(texts(&m.plan)[1].1, "Cinema on Fridays with Jo");
    assert_eq!(m.plan.merge.as_ref().unwrap().kept, vec!["b:b2".to_owned()]);
    assert_eq!(m.summary.kept, 1);
    // Deleted and unchanged goes.
    let mut c = base.clone();
    c.blocks.remove(1);
    let gone = merge(&c, &base, false).unwrap().plan;
    assert_eq!(texts(&gone).len(), 1);
    // The person decides.
    let mut removed = m.plan.clone();
    assert!(settle_kept(&mut removed, "b:b2", false).unwrap());
    assert_eq!(texts(&removed).len(), 1);
    let mut kept = m.plan.clone();
    assert!(settle_kept(&mut kept, "b:b2", true).unwrap());
    assert_eq!(texts(&kept).len(), 2);
    assert!(kept.merge.as_ref().unwrap().kept.is_empty());
}

#[test]
fn a_copy_of_another_plan_is_refused_unless_confirmed() {
    let a = shared(vec![text("b1", "Mine")]);
    let b = shared(vec![text("b1", "Someone else’s")]);
    assert_eq!(merge(&a, &b, false).unwrap_err(), MergeError::OtherDocument);
    assert!(merge(&a, &b, true).is_ok());
}

#[test]
fn three_copies_through_a_middle_one_find_the_true_ancestor() {
    // A shares with B; B shares with C; A and B merge; then C's later edit merges into A's.
    let base = shared(vec![text("b1", "One"), text("b2", "Two")]);
    let mut a = base.clone();
    set_text(&mut a, "b1", "One, by Mum");
    let mut b = base.clone();
    checkpoint(&mut b);
    let mut c = b.clone();
    set_text(&mut b, "b2", "Two, by Sian");
    let ab = merge(&a, &b, false).unwrap().plan;
    set_text(&mut c, "b2", "Two, by Sian");
    checkpoint(&mut c);
    set_text(&mut c, "b1", "One, by Mum");
    c.blocks.push(text("b3_c", "Three, by Jo"));
    let all = merge(&ab, &c, false).unwrap();
    assert!(
        conflicts(&all.plan).is_empty(),
        "{:?}",
        conflicts(&all.plan)
    );
    assert_eq!(texts(&all.plan).len(), 3);
}

#[test]
fn the_history_reads_back_from_its_file() {
    let base = shared(vec![text("b1", "One")]);
    let mut a = base.clone();
    set_text(&mut a, "b1", "Two");
    checkpoint(&mut a);
    set_text(&mut a, "b1", "Three");
    let json = crate::plan::to_json(&a);
    let back: Plan = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    assert!(json.contains("\"merge\""));
}

#[test]
fn word_diff_marks_only_the_words_that_differ() {
    let (left, right) = word_diff("Swimming on Tuesdays", "Swimming on Wednesdays");
    assert_eq!(
        left.iter().map(|p| p.text.as_str()).collect::<String>(),
        "Swimming on Tuesdays"
    );
    assert_eq!(
        right.iter().map(|p| p.text.as_str()).collect::<String>(),
        "Swimming on Wednesdays"
    );
    assert_eq!(
        left.iter()
            .filter(|p| p.differs)
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>(),
        ["Tuesdays"]
    );
    assert_eq!(
        right
            .iter()
            .filter(|p| p.differs)
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>(),
        ["Wednesdays"]
    );
}

#[test]
fn a_merged_file_opens_like_any_plan_file() {
    let base = shared(vec![text("b1", "Tea")]);
    let mut a = base.clone();
    set_text(&mut a, "b1", "Coffee");
    let mut b = base.clone();
    set_text(&mut b, "b1", "Juice");
    let m = merge(&a, &b, false).unwrap().plan;
    let mut opened = crate::plan::import_json(&crate::plan::to_json(&m)).unwrap();
    opened.next_id = m.next_id;
    assert_eq!(opened, m);
    assert_eq!(conflicts(&opened).len(), 1);
}

#[test]
fn the_screen_shows_a_combination_first_applies_it_as_one_step_and_settles_choices() {
    use crate::i18n::Lang;
    use crate::plan::{PlanAction, PlanScreen};
    let mut mum = PlanScreen::new(Lang::En);
    mum.set_site("mum");
    mum.set_author("Mum");
    mum.apply(PlanAction::Start(None), "2026-12-06T10:00:00Z");
    mum.apply(
        PlanAction::Add {
            kind: crate::plan::Kind::Text,
            parent: None,
        },
        "2026-12-06T10:00:00Z",
    );
    let id = mum.state.plan().blocks[0].id.clone();
    assert!(id.ends_with("_mum"), "{id}");
    assert_eq!(mum.state.plan().blocks[0].extra["addedBy"], "Mum");
    let copy = mum.share();
    // Sian opens the copy and changes the words; Mum changes them too.
    let mut sian = PlanScreen::new(Lang::Cy);
    sian.set_site("sian");
    sian.set_plan_json(&copy).unwrap();
    sian.state
        .set_field(&id, "text", "Swimming on Tuesdays".into())
        .unwrap();
    mum.state
        .set_field(&id, "text", "Swimming on Wednesdays".into())
        .unwrap();
    let theirs = crate::plan::to_json(sian.state.plan());
    mum.apply(PlanAction::Combine(theirs), "2026-12-06T11:00:00Z");
    let shown = mum.combining.as_ref().unwrap();
    assert!(!shown.other_document);
    assert_eq!(shown.summary.conflicts, 1);
    // Nothing changed yet.
    assert!(mum.open_conflicts().is_empty());
    assert_eq!(mum.apply(PlanAction::CombineApply, "t"), crate::Emit::Merge);
    let open = mum.open_conflicts();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].values.len(), 2);
    // One step of undo takes it away; redo brings it back.
    mum.apply(PlanAction::Undo, "t");
    assert!(mum.open_conflicts().is_empty());
    mum.apply(PlanAction::Redo, "t");
    assert_eq!(mum.open_conflicts().len(), 1);
    mum.apply(
        PlanAction::Choose {
            at: open[0].at.clone(),
            field: open[0].field.clone(),
            value: "Swimming on Tuesdays and Wednesdays".into(),
        },
        "t",
    );
    assert!(mum.open_conflicts().is_empty());
    assert_eq!(
        texts(mum.state.plan())[0].1,
        "Swimming on Tuesdays and Wednesdays"
    );
}

#[test]
fn a_sign_off_the_merge_changed_shows_as_changed_and_reviews_are_all_kept_in_date_order() {
    use crate::plan::{PlanState, Practitioner, Rules};
    let mut s = PlanState::from_plan(shared(vec![text("b1", "Tea")])).unwrap();
    let rules = Rules::from_json(r#"{"limit": {"amount": "500.00", "period": "week"}}"#).unwrap();
    let who = Practitioner {
        name: "Sam Patel".into(),
        role: "Social worker".into(),
    };
    s.sign_off(&rules, &who, "2026-12-01T10:00:00Z").unwrap();
    let signed = s.plan().clone();
    let mut a = PlanState::from_plan(signed.clone()).unwrap();
    a.add_review("2026-12-03").unwrap();
    let mut b = PlanState::from_plan(signed.clone()).unwrap();
    b.set_site("b");
    b.set_field("b1", "text", "Coffee".into()).unwrap();
    b.add_review("2026-12-02").unwrap();
    let m = merge(a.plan(), b.plan(), false).unwrap().plan;
    assert!(
        m.signoff.is_some(),
        "the sign-off is kept, and shown as changed since"
    );
    let merged = PlanState::from_plan(m.clone()).unwrap();
    assert_eq!(merged.changed_since_signoff(), Some(true));
    let dates: Vec<&str> = m.reviews.iter().map(|r| r.date.as_str()).collect();
    assert_eq!(dates, ["2026-12-02", "2026-12-03"]);
}

#[test]
fn the_longest_increasing_run_and_the_word_diff_keep_everything() {
    use super::three::longest_increasing;
    assert_eq!(longest_increasing(&[0, 2, 1, 3]), vec![0, 2, 3]);
    assert_eq!(longest_increasing(&[3, 2, 1]).len(), 1);
    assert!(longest_increasing(&[]).is_empty());
    for (one, other) in [
        ("", "Something"),
        ("Tea  then\nthe radio", "Tea then the radio, loud"),
        ("Dydd Mawrth", "Dydd Mercher"),
    ] {
        let (l, r) = word_diff(one, other);
        assert_eq!(l.iter().map(|p| p.text.as_str()).collect::<String>(), one);
        assert_eq!(r.iter().map(|p| p.text.as_str()).collect::<String>(), other);
    }
}

#[test]
fn the_history_is_written_once_and_read_back_through_any_serializer() {
    let mut a = shared(vec![text("b1", "One")]);
    set_text(&mut a, "b1", "Two");
    let first = crate::plan::to_compact_json(&a);
    // Typing changes the content, not the history: the same history text comes out.
    set_text(&mut a, "b1", "Three");
    let second = crate::plan::to_compact_json(&a);
    let history = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap()["merge"].clone();
    assert_eq!(history(&first), history(&second));
    let value = serde_json::to_value(&a).unwrap();
    assert_eq!(value["merge"], history(&second));
    let back: Plan = serde_json::from_value(value).unwrap();
    assert_eq!(back, a);
    // The fingerprint covers the content only.
    let mut without = a.clone();
    without.merge = None;
    assert_eq!(
        crate::plan::fingerprint(&a),
        crate::plan::fingerprint(&without)
    );
}

#[test]
fn a_damaged_history_never_stops_the_plan_opening() {
    for merge in [
        r#"{"doc": 1}"#,
        r#""not an object""#,
        r#"{"doc": "d1", "rev": "r1", "base": {"b:b1": {"text": "not a list"}}}"#,
    ] {
        let text = format!(
            r#"{{"format": "ourplan-plan", "version": 1, "title": "Mine", "blocks": [{{"id": "b1", "kind": "text", "text": "Tea"}}], "merge": {merge}}}"#
        );
        let plan = crate::plan::import_json(&text).unwrap_or_else(|e| panic!("{merge}: {e}"));
        assert_eq!(texts(&plan), vec![("b1".to_owned(), "Tea".to_owned())]);
        assert!(
            plan.merge.is_none(),
            "a history that cannot be read is dropped, the plan kept"
        );
    }
}
