//! Tests of where the person is, and of restoring a draft with it.

use super::tests_support::list_record;
use super::{Focus, Input};
use serde_json::json;

#[test]
fn a_draft_restores_the_value_the_opened_fields_and_the_focus() {
    let mut r = list_record();
    r.add_item("/steps");
    r.edit("/steps/0/what", Input::Text("Ring Sam".into()));
    r.reveal("/ways");
    let place = r.place();
    assert_eq!(place["focus"], "/steps/0/what");
    assert_eq!(place["revealed"], json!(["/ways"]));
    let value = r.value().clone();

    let mut fresh = list_record();
    fresh.restore(value.clone(), &place, "Opened your draft".into());
    assert_eq!(fresh.value(), &value);
    assert_eq!(fresh.announcement().1, "Opened your draft");
    assert_eq!(
        fresh.focus_request().1,
        Some(&Focus::Field("/steps/0/what".into()))
    );
    assert_eq!(fresh.place(), place);
    // A place from another form, or nonsense, is left alone.
    let mut other = list_record();
    other.restore(
        json!({}),
        &json!({"focus": "/gone", "revealed": 3}),
        String::new(),
    );
    assert_eq!(other.focus_request().1, None);
}

#[test]
fn answers_to_questions_the_form_no_longer_asks_are_put_aside_not_dropped() {
    use super::RecordState;
    use crate::i18n::Lang;
    let mut r = RecordState::new(Lang::En);
    r.set_schema(&json!({"type": "object", "properties": {
        "name": {"type": "string"},
        "about": {"type": "object", "properties": {"likes": {"type": "string"}}},
        "age": {"type": "integer"}
    }}))
    .unwrap();
    // A draft written when the form also asked "pets" and "about/dislikes", and "age" as text.
    r.restore(
        json!({"name": "Ann", "pets": "A cat", "about": {"likes": "Tea", "dislikes": "Rain"}, "age": "ten"}),
        &json!(null),
        String::new(),
    );
    let aside = r.take_unasked().expect("answers put aside");
    assert_eq!(aside, json!({"/pets": "A cat", "/about/dislikes": "Rain"}));
    // What still fits the questions stays, mistakes and all (the form says what is wrong).
    assert_eq!(
        r.value(),
        &json!({"name": "Ann", "about": {"likes": "Tea"}, "age": "ten"})
    );
    assert_eq!(r.take_unasked(), None, "nothing more to put aside");
}
