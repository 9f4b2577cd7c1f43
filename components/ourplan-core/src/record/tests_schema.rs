//! Tests of a record's schema lifecycle: drawn before compiled, broken schemas, languages and
//! defaults.

use super::tests_support::record;
use super::{Input, RecordState};
use crate::i18n::Lang;
use crate::model::Kind;
use serde_json::json;

#[test]
fn a_schema_set_later_draws_at_once_and_checks_once_compiled() {
    let mut r = RecordState::new(Lang::En);
    r.set_value(json!({"name": "Jo"}));
    r.set_schema_later(&json!({"required": ["name", "age"], "properties": {
        "name": {"type": "string", "minLength": 3},
        "age": {"type": "integer"}
    }}));
    // Drawn, but not checked yet: not valid, no problems.
    assert!(r.is_pending());
    assert!(r.model().is_some_and(|m| m.find("/name").is_some()));
    assert!(!r.is_valid());
    assert!(r.all_problems().is_empty());
    r.compile_pending().unwrap();
    assert!(!r.is_pending());
    let pointers: Vec<String> = r.all_problems().into_iter().map(|p| p.pointer).collect();
    assert_eq!(pointers, ["/name", "/age"]);
    r.edit("/name", Input::Text("Joan".into()));
    r.edit("/age", Input::Text("40".into()));
    assert!(r.is_valid());
    assert_eq!(r.value(), &json!({"name": "Joan", "age": 40}));
}

#[test]
fn a_schema_set_later_that_breaks_the_rules_keeps_the_value() {
    let mut r = RecordState::new(Lang::En);
    r.set_value(json!({"name": "Ann"}));
    r.set_schema_later(&json!({"properties": {"name": {"type": "string", "minLength": "three"}}}));
    let e = r.compile_pending().unwrap_err();
    assert!(
        matches!(e.kind(), crate::ErrorKind::SchemaRules { .. }),
        "{e}"
    );
    assert!(r.load_error().is_some() && r.model().is_none() && !r.is_pending());
    assert_eq!(r.value(), &json!({"name": "Ann"}));
    // Nothing left to compile.
    assert!(r.compile_pending().is_ok());
    // Text that is not JSON fails at once, before any drawing.
    assert!(r.set_schema_text_later("{ not json").is_err());
    assert!(r.load_error().is_some() && !r.is_pending());
    assert_eq!(r.value(), &json!({"name": "Ann"}));
}

#[test]
fn annotations_of_a_schema_set_later_are_checked_when_it_compiles() {
    let schema =
        json!({"properties": {"a": {"type": "string", "x-ourplan": {"level": "sometimes"}}}});
    let mut now = RecordState::new(Lang::En);
    now.set_schema(&schema).unwrap();
    let found = now.diagnostics().to_vec();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.starts_with("x-ourplan/level"), "{found:?}");
    let mut later = RecordState::new(Lang::En);
    later.set_schema_later(&schema);
    assert!(later.diagnostics().is_empty());
    later.compile_pending().unwrap();
    assert_eq!(later.diagnostics(), found.as_slice());
    // A language switch before the compile does not report them twice.
    let mut switched = RecordState::new(Lang::En);
    switched.set_schema_later(&schema);
    switched.set_lang(Lang::Cy);
    switched.compile_pending().unwrap();
    assert_eq!(switched.diagnostics(), found.as_slice());
}

#[test]
fn validate_all_compiles_a_schema_set_later() {
    let mut r = RecordState::new(Lang::En);
    r.set_schema_later(&json!({"required": ["a"], "properties": {"a": {"type": "string"}}}));
    assert!(!r.validate_all());
    assert!(!r.is_pending());
    assert_eq!(r.all_problems().len(), 1);
}

#[test]
fn a_broken_schema_keeps_the_value() {
    let mut r = record();
    r.edit("/name", Input::Text("Ann".into()));
    assert!(r.set_schema_text("{ not json").is_err());
    assert!(r.load_error().is_some());
    assert!(r.model().is_none());
    assert_eq!(r.value(), &json!({"name": "Ann"}));
    assert!(r.set_schema(&json!({"type": 7})).is_err());
    assert_eq!(r.value(), &json!({"name": "Ann"}));
}

#[test]
fn the_schema_speaks_both_languages_and_its_own_messages() {
    let schema = json!({"required": ["name"], "properties": {
        "name": {"type": "string", "title": "Name", "maxLength": 3, "x-ourplan": {
            "title": {"en": "Your name", "cy": "Eich enw"},
            "messages": {"required": {"en": "Tell us your name", "cy": "Dywedwch eich enw wrthym"}, "*": "Check your name"}}},
        "pick": {"enum": ["a"], "x-ourplan": {"enumLabels": {"a": {"en": "Apple", "cy": "Afal"}}, "widget": "radio"}}
    }});
    let mut r = RecordState::new(Lang::En);
    r.set_schema(&schema).unwrap();
    assert_eq!(r.model().unwrap().find("/name").unwrap().label, "Your name");
    r.validate_all();
    assert_eq!(r.all_problems()[0].message, "Tell us your name");
    r.edit("/name", Input::Text("Annabel".into()));
    assert_eq!(r.all_problems()[0].message, "Check your name");
    r.set_lang(Lang::Cy);
    assert_eq!(r.model().unwrap().find("/name").unwrap().label, "Eich enw");
    assert_eq!(r.display_text("/name"), "Annabel", "nothing typed changes");
    let Kind::Choice { options, .. } = &r.model().unwrap().find("/pick").unwrap().kind else {
        panic!()
    };
    assert_eq!(options[0].label, "Afal");
    r.edit("/name", Input::Text(String::new()));
    assert_eq!(r.all_problems()[0].message, "Dywedwch eich enw wrthym");
    // "radio" is not a widget of the vocabulary: a diagnostic, and the form still shows.
    assert!(
        r.diagnostics()
            .iter()
            .any(|d| d.schema_pointer == "/properties/pick"
                && d.message.contains("x-ourplan/widget")),
        "{:?}",
        r.diagnostics()
    );
}

#[test]
fn defaults_fill_a_fresh_record_and_examples_are_hints() {
    let schema = json!({"properties": {
        "visits": {"type": "integer", "default": 2, "title": "Visits"},
        "town": {"type": "string", "examples": ["Cardiff"], "description": "Where you live."}
    }});
    let mut r = RecordState::new(Lang::En);
    r.set_schema(&schema).unwrap();
    assert_eq!(r.value(), &json!({"visits": 2}));
    assert_eq!(r.display_text("/visits"), "2");
    assert_eq!(
        r.model().unwrap().find("/town").unwrap().hint.as_deref(),
        Some("Where you live. For example, Cardiff")
    );
    let mut given = RecordState::new(Lang::En);
    given.set_value(json!({"town": "Bangor"}));
    given.set_schema(&schema).unwrap();
    assert_eq!(
        given.value(),
        &json!({"town": "Bangor"}),
        "a host's value is left as given"
    );
}
