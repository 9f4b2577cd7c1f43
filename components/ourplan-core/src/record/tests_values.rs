//! Tests of a record's value and problems: typed text, numbers, raw JSON, choices, and the
//! problems shown and their words.

use super::tests_support::{list_record, record};
use super::{Input, RecordState};
use crate::i18n::Lang;
use serde_json::json;

#[test]
fn a_problem_shows_after_leaving_and_goes_when_fixed() {
    let mut r = record();
    assert!(r.visible_problem("/name").is_none());
    r.edit("/name", Input::Text("much too long a name".into()));
    assert!(
        r.visible_problem("/name").is_none(),
        "not while typing the first time"
    );
    r.leave("/name");
    assert_eq!(
        r.visible_problem("/name").unwrap().message,
        "Shorten ‘Full name’ to 10 characters or fewer"
    );
    r.edit("/name", Input::Text("Ann".into()));
    assert!(r.visible_problem("/name").is_none());
    assert!(r.is_valid());
}

#[test]
fn problems_written_one_at_a_time_match_the_full_list() {
    let mut r = record();
    r.edit("/name", Input::Text("much too long a name".into()));
    r.edit("/age", Input::Text("-3".into()));
    r.leave("/age");
    // Nothing has asked for the full list yet: these are written field by field.
    let first = r.first_problem().expect("a first problem");
    let age = r.visible_problem("/age").expect("age was left");
    assert!(r.visible_problem("/name").is_none(), "name was not left");
    let all = r.all_problems();
    assert!(all.len() >= 2);
    assert_eq!(first, all[0], "the first in form order");
    assert_eq!(Some(&age), all.iter().find(|p| p.pointer == "/age"));
    // And the same once the full list is cached.
    assert_eq!(r.first_problem(), Some(all[0].clone()));
    assert_eq!(r.visible_problem("/age"), Some(age));
}

#[test]
fn validate_all_shows_required_beside_the_field() {
    let mut r = record();
    assert!(!r.validate_all());
    let all = r.all_problems();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].message, "Enter ‘Full name’");
    assert_eq!(all[0].pointer, "/name");
    assert!(r.summary_shown());
}

#[test]
fn numbers_keep_what_was_typed() {
    let mut r = record();
    r.edit("/age", Input::Text("12a".into()));
    assert_eq!(r.value()["age"], json!("12a"));
    assert_eq!(r.display_text("/age"), "12a");
    r.leave("/age");
    assert_eq!(
        r.visible_problem("/age").unwrap().message,
        "Enter ‘Age’ as a whole number, like 12"
    );
    r.edit("/age", Input::Text("1,200".into()));
    assert!(r.visible_problem("/age").is_none());
    assert_eq!(r.value()["age"], json!(1200));
    assert_eq!(r.display_text("/age"), "1,200");
}

#[test]
fn empty_optional_sections_leave_the_value() {
    let mut r = record();
    r.edit("/about/likes", Input::Text("tea".into()));
    assert_eq!(r.value(), &json!({"about": {"likes": "tea"}}));
    r.edit("/about/likes", Input::Text(String::new()));
    assert_eq!(r.value(), &json!({}));
}

#[test]
fn raw_json_keeps_incomplete_text() {
    let mut r = record();
    r.edit("/extra", Input::Text("[1, 2".into()));
    assert_eq!(r.display_text("/extra"), "[1, 2");
    assert!(!r.is_valid());
    assert!(!r.validate_all());
    assert!(
        r.all_problems()
            .iter()
            .any(|p| p.pointer == "/extra" && p.message.contains("line 1"))
    );
    r.edit("/extra", Input::Text("[1, 2]".into()));
    assert_eq!(r.value()["extra"], json!([1, 2]));
}

#[test]
fn choices_and_booleans() {
    let mut r = record();
    r.edit("/pick", Input::Choice(Some(1)));
    r.edit("/consent", Input::Bool(true));
    assert_eq!(r.value()["pick"], json!("b"));
    assert_eq!(r.value()["consent"], json!(true));
    r.edit("/pick", Input::Choice(None));
    assert!(r.value().get("pick").is_none());
}

#[test]
fn checkboxes_keep_the_options_order() {
    let mut r = list_record();
    r.edit("/ways", Input::Toggle(2, true));
    r.edit("/ways", Input::Toggle(0, true));
    assert_eq!(r.value()["ways"], json!(["phone", "letter"]));
    r.edit("/ways", Input::Toggle(0, false));
    r.edit("/ways", Input::Toggle(2, false));
    assert!(
        r.value().get("ways").is_none(),
        "nothing ticked: not in the value"
    );
}

// Regression: labels were lower-cased into sentences: "Choose happy for us to email them",
// "…for i agree". A title may be a question, a statement or a phrase: it is quoted.
#[test]
fn messages_quote_a_title_whatever_its_form() {
    let mut r = RecordState::new(Lang::En);
    r.set_schema(&json!({"type": "object",
    "required": ["happy", "agree", "tell", "weeks"],
    "properties": {
        "happy": {"type": "boolean", "title": "Happy for us to email them"},
        "agree": {"const": "yes", "title": "I agree"},
        "tell": {"type": "string", "title": "tell us what matters"},
        "weeks": {"type": "integer", "title": "Follow up in how many weeks?"}
    }}))
    .unwrap();
    r.validate_all();
    let words = |r: &RecordState| -> Vec<String> {
        r.all_problems().into_iter().map(|p| p.message).collect()
    };
    assert_eq!(
        words(&r),
        [
            "Answer ‘Happy for us to email them’",
            "Choose an answer for ‘I agree’",
            "Enter ‘tell us what matters’",
            "Enter ‘Follow up in how many weeks?’",
        ]
    );
    r.set_lang(Lang::Cy);
    assert_eq!(words(&r)[0], "Atebwch ‘Happy for us to email them’");
    assert_eq!(words(&r)[1], "Dewiswch ateb ar gyfer ‘I agree’");
}

#[test]
fn welsh_messages() {
    let mut r = record();
    r.set_lang(Lang::Cy);
    r.validate_all();
    assert_eq!(
        r.all_problems()[0].message,
        "Rhowch ateb ar gyfer ‘Full name’"
    );
}
