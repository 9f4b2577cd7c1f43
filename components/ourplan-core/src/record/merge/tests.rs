//! A record's copies combined: a case for each rule, then random edits on two and three copies
//! (`OURPLAN_MERGE_CASES` cases each, 10,000 by default).

use super::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn start(value: Value) -> (Value, History) {
    let mut history = None;
    checkpoint(&value, &mut history);
    (value, history.expect("a history"))
}

fn merged(a: &(Value, History), b: &(Value, History)) -> MergedRecord {
    merge((&a.0, Some(&a.1)), (&b.0, Some(&b.1)), false).expect("merges")
}

fn with(base: &(Value, History), value: Value) -> (Value, History) {
    (value, base.1.clone())
}

fn of(m: MergedRecord) -> (Value, History) {
    (m.value, m.history)
}

#[test]
fn a_change_on_one_side_is_taken() {
    let base = start(json!({"name": "Sian", "lives": "Bangor"}));
    let a = with(&base, json!({"name": "Siân", "lives": "Bangor"}));
    let b = with(&base, json!({"name": "Sian", "lives": "Caernarfon"}));
    let m = merged(&a, &b);
    assert_eq!(m.value, json!({"name": "Siân", "lives": "Caernarfon"}));
    assert!(m.history.conflicts.is_empty());
    assert_eq!(m.summary.changed, 1, "{:?}", m.summary);
}

#[test]
fn the_same_answer_changed_on_both_sides_keeps_both_whichever_merges() {
    let base = start(json!({"matters": "Walking the dog"}));
    let a = with(&base, json!({"matters": "Walking the dog on Tuesdays"}));
    let b = with(&base, json!({"matters": "Walking the dog with my son"}));
    let ab = merged(&a, &b);
    let ba = merged(&b, &a);
    assert_eq!(ab.value, ba.value);
    assert_eq!(ab.history.conflicts, ba.history.conflicts);
    assert_eq!(ab.history.conflicts.len(), 1);
    let c = &ab.history.conflicts[0];
    assert_eq!(c.at, "/matters");
    assert!(c.values.contains(&json!("Walking the dog on Tuesdays")));
    assert!(c.values.contains(&json!("Walking the dog with my son")));
    assert_eq!(ab.summary.conflicts, 1);
}

#[test]
fn removed_on_one_side_and_changed_on_the_other_is_kept() {
    let base = start(json!({"carer": {"name": "Ann", "phone": "01248"}}));
    let a = with(&base, json!({}));
    let b = with(
        &base,
        json!({"carer": {"name": "Ann", "phone": "01248 123456"}}),
    );
    let m = merged(&a, &b);
    assert_eq!(
        m.value,
        json!({"carer": {"name": "Ann", "phone": "01248 123456"}})
    );
    // Removed on one side and unchanged on the other: removed.
    let c = with(
        &base,
        json!({"carer": {"name": "Ann", "phone": "01248"}, "pets": 1}),
    );
    assert_eq!(merged(&a, &c).value, json!({"pets": 1}));
}

#[test]
fn items_with_ids_merge_by_id_and_keep_their_places() {
    let base = start(json!({"people": [{"id": "p1", "name": "Ann"}, {"id": "p2", "name": "Bob"}]}));
    let a = with(
        &base,
        json!({"people": [{"id": "p1", "name": "Ann"}, {"id": "a1", "name": "Cat"}, {"id": "p2", "name": "Bob"}]}),
    );
    let b = with(
        &base,
        json!({"people": [{"id": "p1", "name": "Ann H"}, {"id": "p2", "name": "Bob"}, {"id": "b1", "name": "Dai"}]}),
    );
    let m = merged(&a, &b);
    let names: Vec<&str> = m.value["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ann H", "Cat", "Bob", "Dai"]);
    assert_eq!(merged(&b, &a).value, m.value);
    // One side moved Bob first: the move is taken, the other side's addition kept.
    let moved = with(
        &base,
        json!({"people": [{"id": "p2", "name": "Bob"}, {"id": "p1", "name": "Ann"}]}),
    );
    let m = merged(&moved, &b);
    let names: Vec<&str> = m.value["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Bob", "Dai", "Ann H"]);
}

#[test]
fn items_without_ids_merge_by_position_and_additions_on_both_sides_stay() {
    let base = start(json!({"tags": ["garden"]}));
    let a = with(&base, json!({"tags": ["garden", "choir"]}));
    let b = with(&base, json!({"tags": ["gardening", "swimming"]}));
    let m = merged(&a, &b);
    assert_eq!(m.value, json!({"tags": ["gardening", "choir", "swimming"]}));
    assert_eq!(merged(&b, &a).value, m.value);
}

#[test]
fn merging_the_same_copy_twice_changes_nothing() {
    let base = start(json!({"name": "Sian"}));
    let a = with(&base, json!({"name": "Sian", "likes": "tea"}));
    let b = with(&base, json!({"name": "Sian Jones"}));
    let once = of(merged(&a, &b));
    let twice = merged(&once, &b);
    assert!(twice.summary.nothing_new);
    assert_eq!(twice.value, once.0);
}

#[test]
fn a_copy_combined_from_two_merges_correctly_with_a_third() {
    let base = start(json!({"a": "1", "b": "1", "c": "1"}));
    let x = with(&base, json!({"a": "2", "b": "1", "c": "1"}));
    let y = with(&base, json!({"a": "1", "b": "2", "c": "1"}));
    let z = with(&base, json!({"a": "1", "b": "1", "c": "2"}));
    let xy = of(merged(&x, &y));
    // z has since seen x.
    let zx = of(merged(&z, &x));
    let m = merged(&xy, &zx);
    assert_eq!(m.value, json!({"a": "2", "b": "2", "c": "2"}));
    assert!(m.history.conflicts.is_empty(), "{:?}", m.history.conflicts);
}

#[test]
fn a_value_without_history_keeps_every_difference_as_a_conflict() {
    let (ours, history) = start(json!({"name": "Sian", "town": "Bangor"}));
    let theirs = json!({"name": "Sian", "town": "Conwy", "pets": "cat"});
    let m = merge((&ours, Some(&history)), (&theirs, None), false).unwrap();
    assert_eq!(m.value["pets"], json!("cat"));
    assert_eq!(m.history.conflicts.len(), 1);
    assert_eq!(m.history.conflicts[0].at, "/town");
}

#[test]
fn a_copy_of_another_record_is_refused_unless_confirmed() {
    let a = start(json!({"name": "Sian"}));
    let b = start(json!({"name": "Huw"}));
    let err = merge((&a.0, Some(&a.1)), (&b.0, Some(&b.1)), false).unwrap_err();
    assert_eq!(err, MergeError::OtherDocument);
    assert!(merge((&a.0, Some(&a.1)), (&b.0, Some(&b.1)), true).is_ok());
}

#[test]
fn a_copy_round_trips_through_its_file_and_a_conflict_is_settled() {
    let mut state = RecordState::new(crate::Lang::En);
    state.set_value(json!({"matters": "Walking"}));
    state.checkpoint();
    let file = state.copy();
    assert_eq!(file["ourplan"], json!(COPY_TAG));
    let (value, history) = read_copy(&serde_json::from_str(&file.to_string()).unwrap());
    assert_eq!(value, json!({"matters": "Walking"}));
    let mut theirs = value.clone();
    theirs["matters"] = json!("Walking the dog");
    let history = history.expect("history kept");
    let their_copy =
        json!({"ourplan": COPY_TAG, "value": theirs, "merge": written(&theirs, &history)});
    state.set_value(json!({"matters": "Walking to town"}));
    let summary = state.merge_copy(&their_copy, false).unwrap();
    assert_eq!(summary.conflicts, 1);
    assert_eq!(state.conflicts().len(), 1);
    // The conflict survives a copy of this copy.
    let again = state.copy();
    let (_, h) = read_copy(&again);
    assert_eq!(h.unwrap().conflicts.len(), 1);
    let emit = state.apply(super::super::Action::KeepVersion {
        pointer: "/matters".into(),
        value: json!("Walking the dog to town"),
    });
    assert_eq!(emit, Emit::Both);
    assert!(state.conflicts().is_empty());
    assert_eq!(state.value()["matters"], json!("Walking the dog to town"));
}

#[test]
fn a_draft_without_history_keeps_the_records_own() {
    let mut state = RecordState::new(crate::Lang::En);
    state.set_value(json!({"matters": "Walking"}));
    state.checkpoint();
    let doc = state.history().unwrap().doc.clone();
    // A draft from before records kept a history: its value, no `merge`.
    state.set_value(json!({"matters": "Walking the dog"}));
    state.restore_history(None);
    assert_eq!(state.history().unwrap().doc, doc);
    // Its own history, when it has one, wins.
    let mut other = RecordState::new(crate::Lang::En);
    other.set_value(json!({"x": 1}));
    let theirs = other.copy();
    state.restore_history(theirs.get("merge"));
    assert_ne!(state.history().unwrap().doc, doc);
}

// Random edits on copies of one record.

#[derive(Debug, Clone)]
enum Edit {
    Name,
    Notes,
    DropNotes,
    AddPerson(usize),
    DropPerson(usize),
    RenamePerson(usize),
    MovePerson(usize),
    AddTag,
    DropTag(usize),
    SetTag(usize),
    Nested,
    DropNested,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        Just(Edit::Name),
        Just(Edit::Notes),
        Just(Edit::DropNotes),
        (0..6usize).prop_map(Edit::AddPerson),
        (0..6usize).prop_map(Edit::DropPerson),
        (0..6usize).prop_map(Edit::RenamePerson),
        (0..6usize).prop_map(Edit::MovePerson),
        Just(Edit::AddTag),
        (0..6usize).prop_map(Edit::DropTag),
        (0..6usize).prop_map(Edit::SetTag),
        Just(Edit::Nested),
        Just(Edit::DropNested),
    ]
}

fn base_value() -> Value {
    json!({
        "name": "base name",
        "notes": "base notes",
        "people": [{"id": "p1", "name": "Ann"}, {"id": "p2", "name": "Bob"}, {"id": "p3", "name": "Cai"}],
        "tags": ["t1", "t2", "t3"],
        "nested": {"a": "deep", "b": 1}
    })
}

/// Applies `edits` as copy `who`; every piece of text it writes is new and distinct.
fn apply(value: &mut Value, who: &str, edits: &[Edit]) {
    for (n, e) in edits.iter().enumerate() {
        let word = format!("{who}{n}");
        let people =
            |v: &mut Value| -> Vec<Value> { v["people"].as_array().cloned().unwrap_or_default() };
        match e {
            Edit::Name => value["name"] = json!(word),
            Edit::Notes => value["notes"] = json!(word),
            Edit::DropNotes => {
                value.as_object_mut().unwrap().remove("notes");
            }
            Edit::AddPerson(i) => {
                let mut list = people(value);
                let at = (*i).min(list.len());
                list.insert(at, json!({"id": word, "name": word}));
                value["people"] = Value::Array(list);
            }
            Edit::DropPerson(i) => {
                let mut list = people(value);
                if *i < list.len() {
                    list.remove(*i);
                }
                value["people"] = Value::Array(list);
            }
            Edit::RenamePerson(i) => {
                let mut list = people(value);
                if let Some(p) = list.get_mut(*i) {
                    p["name"] = json!(word);
                }
                value["people"] = Value::Array(list);
            }
            Edit::MovePerson(i) => {
                let mut list = people(value);
                if *i + 1 < list.len() {
                    list.swap(*i, *i + 1);
                }
                value["people"] = Value::Array(list);
            }
            Edit::AddTag => {
                let mut list = value["tags"].as_array().cloned().unwrap_or_default();
                list.push(json!(word));
                value["tags"] = Value::Array(list);
            }
            Edit::DropTag(i) => {
                let mut list = value["tags"].as_array().cloned().unwrap_or_default();
                if *i < list.len() {
                    list.remove(*i);
                }
                value["tags"] = Value::Array(list);
            }
            Edit::SetTag(i) => {
                let mut list = value["tags"].as_array().cloned().unwrap_or_default();
                if let Some(t) = list.get_mut(*i) {
                    *t = json!(word);
                }
                value["tags"] = Value::Array(list);
            }
            Edit::Nested => value["nested"]["a"] = json!(word),
            Edit::DropNested => {
                value.as_object_mut().unwrap().remove("nested");
            }
        }
    }
}

fn texts(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::String(s) => {
            out.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| texts(v, out)),
        Value::Object(map) => map.values().for_each(|v| texts(v, out)),
        _ => {}
    }
}

/// Every text in the value or a kept version.
fn all_texts(m: &(Value, History)) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    texts(&m.0, &mut out);
    for c in &m.1.conflicts {
        c.values.iter().for_each(|v| texts(v, &mut out));
    }
    out
}

fn cases() -> u32 {
    std::env::var("OURPLAN_MERGE_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000)
}

/// What a copy holds, for comparing copies: the value and the conflicts' versions as sets.
fn content(m: &(Value, History)) -> (Value, BTreeSet<(String, BTreeSet<String>)>) {
    let conflicts =
        m.1.conflicts
            .iter()
            .map(|c| {
                (
                    c.at.clone(),
                    c.values.iter().map(Value::to_string).collect(),
                )
            })
            .collect();
    (m.0.clone(), conflicts)
}

fn check_added_kept(base: &Value, copy: &Value, result: &(Value, History)) -> Result<(), String> {
    let mut before = BTreeSet::new();
    texts(base, &mut before);
    let mut now = BTreeSet::new();
    texts(copy, &mut now);
    let kept = all_texts(result);
    for t in now.difference(&before) {
        if !kept.contains(t) {
            return Err(format!("lost {t:?}: {}", result.0));
        }
    }
    Ok(())
}

#[test]
fn random_edits_on_two_copies_converge_and_lose_nothing() {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let edits = (
        prop::collection::vec(edit(), 0..8),
        prop::collection::vec(edit(), 0..8),
    );
    runner
        .run(&edits, |(ea, eb)| {
            let base = start(base_value());
            let mut va = base_value();
            apply(&mut va, "a", &ea);
            let mut vb = base_value();
            apply(&mut vb, "b", &eb);
            let (a, b) = (with(&base, va.clone()), with(&base, vb.clone()));
            let ab = of(merged(&a, &b));
            let ba = of(merged(&b, &a));
            prop_assert_eq!(content(&ab), content(&ba));
            check_added_kept(&base.0, &va, &ab).map_err(TestCaseError::fail)?;
            check_added_kept(&base.0, &vb, &ab).map_err(TestCaseError::fail)?;
            // Idempotent.
            let again = merged(&ab, &b);
            prop_assert!(again.summary.nothing_new);
            prop_assert_eq!(&again.value, &ab.0);
            Ok(())
        })
        .unwrap();
}

#[test]
fn random_edits_on_three_copies_keep_every_word_in_every_order() {
    let mut runner = TestRunner::new(Config {
        cases: cases() / 4,
        failure_persistence: None,
        ..Config::default()
    });
    let edits = (
        prop::collection::vec(edit(), 0..6),
        prop::collection::vec(edit(), 0..6),
        prop::collection::vec(edit(), 0..6),
    );
    runner
        .run(&edits, |(ea, eb, ec)| {
            let base = start(base_value());
            let mut values = Vec::new();
            for (who, e) in [("a", &ea), ("b", &eb), ("c", &ec)] {
                let mut v = base_value();
                apply(&mut v, who, e);
                values.push(v);
            }
            let copies: Vec<(Value, History)> =
                values.iter().map(|v| with(&base, v.clone())).collect();
            let orders = [[0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 2, 1]];
            let mut results = Vec::new();
            for [x, y, z] in orders {
                let first = of(merged(&copies[x], &copies[y]));
                let all = of(merged(&first, &copies[z]));
                for v in &values {
                    check_added_kept(&base.0, v, &all).map_err(TestCaseError::fail)?;
                }
                results.push(all);
            }
            // The same texts, in every order (a list's order may differ).
            let first = all_texts(&results[0]);
            for r in &results[1..] {
                prop_assert_eq!(&all_texts(r), &first);
            }
            Ok(())
        })
        .unwrap();
}
