//! Tests of lowering and expanding: a schema's outline, one line per field.

use super::*;
use serde_json::json;

/// Renders a model as one line per field: `pointer kind label [*]`.
fn outline(schema: Value) -> (Vec<String>, usize) {
    let (model, diags) = lower(&schema);
    let lines = model
        .walk()
        .into_iter()
        .map(|n| {
            let kind = match &n.kind {
                Kind::Recursive { .. } => "recursive".to_owned(),
                Kind::Text {
                    multiline: true, ..
                } => "textarea".to_owned(),
                Kind::Text { input, .. } => format!("{input:?}").to_lowercase(),
                Kind::Number { integer } => if *integer { "integer" } else { "number" }.to_owned(),
                Kind::Boolean => "boolean".to_owned(),
                Kind::Choice { widget, options } => {
                    format!("{widget:?}({})", options.len()).to_lowercase()
                }
                Kind::Object { .. } => "object".to_owned(),
                Kind::Alternatives { branches, .. } => {
                    format!("alternatives({})", branches.len())
                }
                Kind::Raw => "raw".to_owned(),
                Kind::Array { items, .. } => format!("array[{}]", items.len()),
                Kind::MultiChoice { options } => format!("checkboxes({})", options.len()),
            };
            format!(
                "{} {} {}{}",
                n.pointer,
                kind,
                n.label,
                if n.required { " *" } else { "" }
            )
        })
        .collect();
    (lines, diags.len())
}

fn check(schema: Value, expected: &[&str], diagnostics: usize) {
    let (lines, diags) = outline(schema);
    assert_eq!(lines, expected);
    assert_eq!(diags, diagnostics, "diagnostics");
}

#[test]
fn properties_in_schema_order() {
    check(
        json!({"title": "Record", "type": "object", "required": ["z_name"], "properties": {
            "z_name": {"type": "string", "title": "Name"},
            "age": {"type": "integer"},
            "weight": {"type": ["number", "null"]},
            "consent": {"type": "boolean"},
            "notes": {"type": "string", "maxLength": 2000},
            "when": {"type": "string", "format": "date"},
            "colour": {"enum": ["red", "green"]},
            "old": {"type": "string", "deprecated": true},
            "address": {"type": "object", "properties": {"lineOne": {"type": "string"}}}
        }}),
        &[
            " object Record",
            "/z_name text Name *",
            "/age integer Age",
            "/weight number Weight",
            "/consent boolean Consent",
            "/notes textarea Notes",
            "/when memorabledate When",
            "/colour radios(2) Colour",
            "/address object Address",
            "/address/lineOne text Line one",
        ],
        0,
    );
}

#[test]
fn refs_and_all_of() {
    check(
        json!({"$defs": {"name": {"type": "string", "title": "Name"}},
               "properties": {"a": {"$ref": "#/$defs/name", "title": "Your name"}, "b": {"$ref": "#/$defs/name"},
                              "c": {"allOf": [{"properties": {"x": {"type": "string"}}}, {"properties": {"y": {"type": "integer"}}, "required": ["y"]}]}}}),
        &[
            " object ",
            "/a text Your name",
            "/b text Name",
            "/c object C",
            "/c/x text X",
            "/c/y integer Y *",
        ],
        0,
    );
}

#[test]
fn what_cannot_be_drawn_becomes_raw_with_a_diagnostic() {
    check(
        json!({"properties": {"r": {"$ref": "#"}}}),
        &[" object ", "/r recursive R"],
        0,
    );
    check(
        json!({"properties": {"m": {"$ref": "#/$defs/missing"}}}),
        &[" object ", "/m raw M"],
        1,
    );
    check(
        json!({"properties": {"l": {"type": ["object", "array"]}}}),
        &[" object ", "/l raw L"],
        1,
    );
    check(
        json!({"properties": {"o": {"oneOf": [{"type": "string"}, {"type": "integer"}]}}}),
        &[" object ", "/o alternatives(2) O"],
        0,
    );
    check(json!(true), &[" raw "], 0);
    check(json!(false), &[" raw "], 0);
    check(json!(42), &[" raw "], 0);
}

#[test]
fn labelled_constants_are_a_choice() {
    check(
        json!({"properties": {"c": {"oneOf": [{"const": 1, "title": "Listen"}, {"const": 2, "title": "Crisis"}]}}}),
        &[" object ", "/c radios(2) C"],
        0,
    );
    let many: Vec<Value> = (0..9).map(|i| json!(i)).collect();
    check(
        json!({"properties": {"n": {"enum": many}}}),
        &[" object ", "/n select(9) N"],
        0,
    );
}

#[test]
fn checkbox_labels_come_from_the_list_or_its_items() {
    let labels = |schema: Value, lang: Lang| -> Vec<String> {
        let (model, diagnostics) = lower_in(&schema, lang);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        match &model.find("/ways").unwrap().kind {
            Kind::MultiChoice { options } => options.iter().map(|o| o.label.clone()).collect(),
            other => panic!("not checkboxes: {other:?}"),
        }
    };
    let on_items = json!({"properties": {"ways": {"type": "array", "items": {
        "enum": ["phone", "post"],
        "x-ourplan": {"enumLabels": {"phone": "By phone"}}}}}});
    assert_eq!(labels(on_items, Lang::En), ["By phone", "post"]);
    let on_list = json!({"properties": {"ways": {"type": "array",
        "items": {"enum": ["phone", "post"], "x-ourplan": {"enumLabels": {"phone": "By phone"}}},
        "x-ourplan": {"enumLabels": {
            "phone": {"en": "Phone call", "cy": "Galwad ffôn"}, "post": "By post"}}}}});
    assert_eq!(labels(on_list.clone(), Lang::En), ["Phone call", "By post"]);
    assert_eq!(labels(on_list, Lang::Cy), ["Galwad ffôn", "By post"]);
}

#[test]
fn easy_read_takes_the_schemas_easy_words_where_it_has_them() {
    let schema = json!({"properties": {
        "name": {"type": "string", "title": "Your full name", "description": "As on your letters",
                 "x-ourplan": {"easy": {"en": "What is your name?", "cy": "Beth yw eich enw?"},
                               "easyHint": "Your first name is fine."}},
        "town": {"type": "string", "title": "Town"}
    }});
    let words = |lang: Lang| -> Vec<(String, Option<String>)> {
        let (model, _) = lower_in(&schema, lang);
        ["/name", "/town"]
            .iter()
            .map(|p| {
                let n = model.find(p).unwrap();
                (n.label.clone(), n.hint.clone())
            })
            .collect()
    };
    let own = |l: &str, h: Option<&str>| (l.to_owned(), h.map(str::to_owned));
    assert_eq!(
        words(Lang::En),
        [
            own("Your full name", Some("As on your letters")),
            own("Town", None)
        ]
    );
    assert_eq!(
        words(Lang::EasyEn),
        [
            own("What is your name?", Some("Your first name is fine.")),
            own("Town", None)
        ]
    );
    assert_eq!(words(Lang::EasyCy)[0].0, "Beth yw eich enw?");
}

#[test]
fn options_of_a_one_of_have_their_own_words_in_each_language() {
    let schema = json!({"properties": {"often": {"oneOf": [
        {"const": "often", "title": "Often", "description": "Most days",
         "x-ourplan": {"title": {"cy": "Yn aml"}, "hint": {"cy": "Y rhan fwyaf o ddyddiau"}}},
        {"const": "rarely", "title": "Rarely"}
    ]}}});
    let words = |lang: Lang| -> Vec<(String, Option<String>)> {
        let (model, _) = lower_in(&schema, lang);
        match &model.find("/often").unwrap().kind {
            Kind::Choice { options, .. } => options
                .iter()
                .map(|o| (o.label.clone(), o.hint.clone()))
                .collect(),
            other => panic!("not a choice: {other:?}"),
        }
    };
    assert_eq!(
        words(Lang::En),
        [
            ("Often".to_owned(), Some("Most days".to_owned())),
            ("Rarely".to_owned(), None)
        ]
    );
    assert_eq!(
        words(Lang::Cy),
        [
            (
                "Yn aml".to_owned(),
                Some("Y rhan fwyaf o ddyddiau".to_owned())
            ),
            ("Rarely".to_owned(), None)
        ]
    );
}

#[test]
fn arrays_expand_to_one_node_per_item() {
    let schema = json!({"properties": {
        "people": {"type": "array", "title": "People", "items": {"type": "object", "properties": {"name": {"type": "string"}}}},
        "tags": {"type": "array", "items": {"enum": ["a", "b", "c"]}, "uniqueItems": true},
        "pair": {"type": "array", "prefixItems": [{"type": "string", "title": "First"}, {"type": "integer"}], "items": false}
    }});
    let (model, diags) = lower(&schema);
    assert!(diags.is_empty(), "{diags:?}");
    let value = json!({"people": [{"name": "Ann"}, {}], "pair": ["x", 1, 2]});
    let (no, no_fit, none) = (
        |_: &Test, _: &Value| false,
        |_: usize, _: &Value| false,
        |_: &str| None,
    );
    let ctx = ExpandContext {
        test: &no,
        fits: &no_fit,
        choice: &none,
        shown_conditional: Default::default(),
        hidden_conditional: Default::default(),
        opened: &|_: &str| false,
        lower_reference: &|_: &str, _: String| None,
    };
    let expanded = model.expand(&value, &ctx);
    let lines: Vec<String> = expanded
        .walk()
        .iter()
        .map(|n| format!("{} {}", n.pointer, n.label))
        .collect();
    assert_eq!(
        lines,
        [
            " ",
            "/people People",
            "/people/0 People 1",
            "/people/0/name Name",
            "/people/1 People 2",
            "/people/1/name Name",
            "/tags Tags",
            "/pair Pair",
            "/pair/0 First 1",
            "/pair/1 Pair 2",
            "/pair/2 Pair 3",
        ]
    );
    assert!(
        matches!(expanded.find("/pair/2").unwrap().kind, Kind::Raw),
        "items: false still shows, as code"
    );
    assert!(matches!(
        expanded.find("/tags").unwrap().kind,
        Kind::MultiChoice { .. }
    ));
    assert_eq!(
        expanded.find("/people/1/name").unwrap().pointer,
        "/people/1/name"
    );
}

#[test]
fn deep_nesting_stops_safely() {
    let mut schema = json!({"type": "string"});
    for _ in 0..200 {
        schema = json!({"type": "object", "properties": {"a": schema}});
    }
    let (model, diags) = lower(&schema);
    assert!(!diags.is_empty());
    assert!(model.walk().len() > 60);
}

#[test]
fn humanise_keys() {
    assert_eq!(humanise("what_matters"), "What matters");
    assert_eq!(humanise("nextSteps"), "Next steps");
    assert_eq!(humanise("NHS"), "NHS");
}
