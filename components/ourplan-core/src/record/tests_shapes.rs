//! Tests of a record's shapes and conditions: choosing a shape, answers put aside and brought
//! back.

use super::{Input, RecordState};
use crate::i18n::Lang;
use crate::model::{Kind, Level};
use serde_json::json;

/// Which kind of home, told apart by a `const` in each shape.
fn home_record(lang: Lang) -> RecordState {
    let mut r = RecordState::new(lang);
    r.set_schema(&json!({"type": "object", "properties": {"home": {"title": "Where you live", "oneOf": [
        {"title": "Own home", "type": "object", "required": ["kind"],
         "properties": {"kind": {"const": "own"}, "address": {"type": "string", "title": "Address"}}},
        {"title": "Care home", "type": "object", "required": ["kind", "name"],
         "properties": {"kind": {"const": "care"}, "name": {"type": "string", "title": "Name of the care home"}}}
    ]}}}))
    .unwrap();
    r
}

#[test]
fn switching_shapes_keeps_what_fits_and_brings_the_rest_back() {
    let mut r = RecordState::new(Lang::En);
    r.set_schema(&json!({"properties": {"contact": {"title": "Contact", "oneOf": [
        {"title": "By phone", "type": "object", "required": ["phone"], "properties": {"name": {"type": "string"}, "phone": {"type": "string"}}},
        {"title": "By post", "type": "object", "required": ["address"], "properties": {"name": {"type": "string"}, "address": {"type": "string"}}}
    ]}}})).unwrap();
    assert!(r.choose("/contact", 0));
    r.edit("/contact/name", Input::Text("Ann".into()));
    r.edit("/contact/phone", Input::Text("01234".into()));
    assert!(r.choose("/contact", 1));
    assert_eq!(
        r.value(),
        &json!({"contact": {"name": "Ann"}}),
        "the name fits both shapes"
    );
    r.edit("/contact/address", Input::Text("1 High St".into()));
    assert!(r.choose("/contact", 0));
    assert_eq!(
        r.value(),
        &json!({"contact": {"phone": "01234", "name": "Ann"}}),
        "the phone comes back"
    );
    assert!(r.choose("/contact", 1));
    assert_eq!(r.value()["contact"]["address"], json!("1 High St"));
    // Once a shape is chosen, what is missing is reported beside that shape's own field.
    r.set_value(json!({"contact": {"name": "Cy"}}));
    r.choose("/contact", 0);
    r.validate_all();
    assert_eq!(
        r.all_problems()
            .iter()
            .map(|p| p.pointer.as_str())
            .collect::<Vec<_>>(),
        ["/contact/phone"]
    );
    // A value still being filled in shows the shape it has most in common with.
    r.set_value(json!({"contact": {"address": "3 Mid St"}}));
    assert!(matches!(
        &r.model().unwrap().find("/contact").unwrap().kind,
        Kind::Alternatives {
            chosen: Some((1, _)),
            ..
        }
    ));
    // A value set by the host picks the shape it fits.
    r.set_value(json!({"contact": {"address": "2 Low St"}}));
    let model = r.model().unwrap();
    assert!(matches!(
        &model.find("/contact").unwrap().kind,
        Kind::Alternatives {
            chosen: Some((1, _)),
            ..
        }
    ));
    assert!(model.find("/contact/address").is_some());
}

// Regression: choosing the second shape kept the first shape's `kind: "own"`, asked for
// `kind` again as a one-option radio, and the record validated as the first shape.
#[test]
fn a_const_that_tells_shapes_apart_is_set_by_choosing_not_asked() {
    let mut r = home_record(Lang::En);
    assert!(r.choose("/home", 0));
    assert_eq!(r.value(), &json!({"home": {"kind": "own"}}));
    r.edit("/home/address", Input::Text("1 High St".into()));
    assert!(r.choose("/home", 1));
    assert_eq!(r.value(), &json!({"home": {"kind": "care"}}));
    r.edit("/home/name", Input::Text("Ty Gwyn".into()));
    assert_eq!(
        r.value(),
        &json!({"home": {"kind": "care", "name": "Ty Gwyn"}})
    );
    assert!(r.is_valid(), "{:?}", r.all_problems());
    // Not asked, and not drawn: the shape's own fields only.
    assert!(r.model().unwrap().find("/home/kind").is_none());
    let Kind::Alternatives {
        chosen: Some((1, inner)),
        ..
    } = &r.model().unwrap().find("/home").unwrap().kind
    else {
        panic!("the care home shape is chosen");
    };
    let fields: Vec<&str> = inner
        .children()
        .iter()
        .map(|c| c.pointer.as_str())
        .collect();
    assert_eq!(fields, ["/home/name"]);
    // A language switch keeps the shape the value names.
    r.set_lang(Lang::Cy);
    assert!(matches!(
        &r.model().unwrap().find("/home").unwrap().kind,
        Kind::Alternatives {
            chosen: Some((1, _)),
            ..
        }
    ));
    // Back to the first shape: its answers come back, and its own `kind`.
    assert!(r.choose("/home", 0));
    assert_eq!(
        r.value(),
        &json!({"home": {"kind": "own", "address": "1 High St"}})
    );
}

#[test]
fn a_value_naming_its_shape_by_a_const_opens_that_shape() {
    let mut r = home_record(Lang::En);
    // Still being filled in (the care home's name is missing): named by its kind.
    r.set_value(json!({"home": {"kind": "care"}}));
    assert!(matches!(
        &r.model().unwrap().find("/home").unwrap().kind,
        Kind::Alternatives {
            chosen: Some((1, _)),
            ..
        }
    ));
    r.validate_all();
    let at: Vec<String> = r.all_problems().into_iter().map(|p| p.pointer).collect();
    assert_eq!(at, ["/home/name"]);
}

#[test]
fn conditional_fields_come_and_go_with_their_answers() {
    let mut r = RecordState::new(Lang::En);
    r.set_schema(&json!({
        "properties": {"has_carer": {"type": "boolean"}, "email": {"type": "string"}},
        "if": {"properties": {"has_carer": {"const": true}}, "required": ["has_carer"]},
        "then": {"properties": {"carer_name": {"type": "string"}}, "required": ["carer_name"]},
        "dependentRequired": {"email": ["email_consent"]},
        "dependentSchemas": {"email": {"properties": {"email_consent": {"type": "boolean"}}}}
    }))
    .unwrap();
    let shown = |r: &RecordState| -> Vec<String> {
        r.model()
            .unwrap()
            .root
            .children()
            .iter()
            .map(|n| n.pointer.clone())
            .collect()
    };
    assert_eq!(shown(&r), ["/has_carer", "/email"]);
    r.edit("/has_carer", Input::Bool(true));
    // A follow-up comes straight after the answer that brings it.
    assert_eq!(shown(&r), ["/has_carer", "/carer_name", "/email"]);
    assert!(r.model().unwrap().find("/carer_name").unwrap().required);
    r.edit("/carer_name", Input::Text("Bea".into()));
    r.edit("/has_carer", Input::Bool(false));
    assert_eq!(shown(&r), ["/has_carer", "/email"]);
    assert_eq!(
        r.value(),
        &json!({"has_carer": false}),
        "the hidden answer is put aside"
    );
    r.edit("/has_carer", Input::Bool(true));
    assert_eq!(
        r.value(),
        &json!({"has_carer": true, "carer_name": "Bea"}),
        "and comes back"
    );
    r.edit("/email", Input::Text("a@b.org".into()));
    assert_eq!(
        shown(&r),
        ["/has_carer", "/carer_name", "/email", "/email_consent"]
    );
    assert!(r.model().unwrap().find("/email_consent").unwrap().required);
}

#[test]
fn conditions_inside_a_recursive_part_use_their_own_tests() {
    let mut r = RecordState::new(Lang::En);
    r.set_level(Level::Full);
    r.set_schema(&json!({
        "type": "object",
        "properties": {
            "pet": {"type": "string"},
            "home": {"type": "object", "properties": {"kind": {"type": "string"}},
              "if": {"properties": {"kind": {"const": "flat"}}, "required": ["kind"]},
              "then": {"properties": {"floor": {"type": "integer"}}}},
            "person": {"$ref": "#/$defs/person"}},
        "if": {"properties": {"pet": {"const": "dog"}}, "required": ["pet"]},
        "then": {"properties": {"vet": {"type": "string", "title": "Vet"}}},
        "$defs": {"person": {"type": "object", "properties": {
            "carer": {"enum": ["yes", "no"]},
            "helper": {"$ref": "#/$defs/person"}},
          "if": {"properties": {"carer": {"const": "yes"}}, "required": ["carer"]},
          "then": {"properties": {"hours": {"type": "integer", "title": "Hours"}}}}}
    }))
    .unwrap();
    let shows = |r: &RecordState, p: &str| r.model().unwrap().find(p).is_some();
    r.set_value(json!({"person": {"carer": "yes", "helper": {"carer": "yes"}}}));
    assert!(!shows(&r, "/vet"));
    assert!(shows(&r, "/person/hours"));
    assert!(
        shows(&r, "/person/helper/hours"),
        "the helper's own condition holds"
    );
    r.set_value(json!({"pet": "dog", "person": {"carer": "no", "helper": {"carer": "no"}}}));
    assert!(shows(&r, "/vet"));
    assert!(!shows(&r, "/person/hours"));
    assert!(
        !shows(&r, "/person/helper/hours"),
        "not the root's condition about the pet"
    );
}
