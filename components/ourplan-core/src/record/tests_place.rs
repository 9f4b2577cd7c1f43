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
