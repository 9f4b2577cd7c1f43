//! Tests of the document and its files: the field table against the types and the schema, round
//! trips with unknown fields, import refusals, and templates. Words are in `tests_words.rs`.

use super::document::{Body, Kind};
use super::read::compiled_schema;
use super::*;
use crate::i18n::Lang;
use serde_json::{Value, json};

/// A plan with every kind of block, unknown fields at every level, a budget, a review and a
/// sign-off.
pub(super) fn rich() -> Value {
    json!({
        "format": "ourplan-plan",
        "version": 1,
        "title": "Sam’s plan",
        "savedBy": {"tool": "another tool", "n": 1.5},
        "blocks": [
            {"id": "b1", "kind": "section", "title": "My week", "colour": "green", "children": [
                {"id": "b2", "kind": "heading", "text": "Mornings"},
                {"id": "b3", "kind": "text", "text": "I get up at 8.\n\n# Not a heading",
                 "x-note": [1, 2]},
                {"id": "b4", "kind": "list",
                 "items": [{"id": "i5", "text": "Tea", "mood": "good"}]}
            ]},
            {"id": "b6", "kind": "checklist", "items": [
                {"id": "i7", "text": "Ring Jo", "done": true},
                {"id": "i8", "text": "Book bus", "done": false}]},
            {"id": "b9", "kind": "whatMatters", "text": "My cat, Biscuit"},
            {"id": "b10", "kind": "person", "name": "Jo", "relationship": "Sister",
             "howTheyHelp": "Shopping", "contact": "07700 900000"},
            {"id": "b11", "kind": "outcome", "what": "Get out more", "howIWillKnow": "Twice a week",
             "byWhen": "Summer"},
            {"id": "b12", "kind": "action", "who": "Council", "what": "Arrange a PA",
             "byWhen": "May"},
            {"id": "b13", "kind": "budgetLine", "what": "Personal assistant", "costPence": 15000,
             "frequency": "weekly", "paidFrom": "direct-payment", "outcomeId": "b11",
             "secondLook": false},
            {"id": "b14", "kind": "budgetLine", "what": "Gym", "costPence": 2500,
             "frequency": "monthly", "paidFrom": "own-money", "outcomeId": null,
             "secondLook": false},
            {"id": "b15", "kind": "doDont", "pleaseDo": [{"id": "i16", "text": "Knock"}],
             "pleaseDont": [{"id": "i17", "text": "Rush me"}]},
            {"id": "b18", "kind": "labelValue", "label": "Date last updated", "value": "1 March"}
        ],
        "budget": {"indicative": {"amountPence": 20000, "period": "week"},
                   "howWorkedOut": "Resource allocation", "managedAs": "direct-payment",
                   "rag": "amber"},
        "complex": false,
        "signoff": null,
        "reviews": [{"id": "r19", "date": "2025-09-01", "by": "Sam and Ali",
                     "working": "Mornings", "notWorking": "", "changes": "More gym",
                     "score": 4}],
        "nextId": 20
    })
}

#[test]
fn field_tables_match_the_types_and_the_schema() {
    let schema = plan_schema();
    for kind in Kind::ALL {
        let body = Body::empty(kind);
        assert_eq!(body.kind(), kind);
        assert_eq!(Kind::from_name(kind.as_str()), Some(kind));
        // The table names exactly the keys the type writes.
        let written = serde_json::to_value(&body).unwrap();
        let mut keys: Vec<&str> = written
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "kind")
            .collect();
        let mut names: Vec<&str> = kind.fields().iter().map(|f| f.name).collect();
        keys.sort();
        names.sort();
        assert_eq!(keys, names, "{kind:?}");
        // Every text field reads and writes through the same name.
        for field in kind.fields() {
            let mut b = body.clone();
            match field.ty {
                FieldType::Text => {
                    b.set(field.name, json!("words")).unwrap();
                    assert_eq!(b.text(field.name), Some("words"), "{kind:?} {}", field.name);
                }
                FieldType::Items => assert!(b.items(field.name).is_some()),
                FieldType::Children => assert!(b.children_mut().is_some()),
                _ => assert!(b.get(field.name).is_some(), "{}", field.name),
            }
        }
        // The schema names each field for this kind (somewhere in its if/then branches).
        let text = schema.to_string();
        for field in kind.fields() {
            assert!(
                text.contains(&format!("\"{}\"", field.name)),
                "{}",
                field.name
            );
        }
    }
}

#[test]
fn the_schema_compiles_and_accepts_the_rich_plan() {
    let compiled = compiled_schema().expect("plan.schema.json compiles");
    assert_eq!(compiled.problems(&rich()), vec![]);
}

#[test]
fn round_trips_keep_everything_including_unknown_fields() {
    let text = serde_json::to_string(&rich()).unwrap();
    let plan = import_json(&text).unwrap();
    assert_eq!(
        plan.extra["savedBy"],
        json!({"tool": "another tool", "n": 1.5})
    );
    assert_eq!(plan.blocks[0].extra["colour"], json!("green"));
    let exported = to_json(&plan);
    // The same JSON comes back, key for key (serde_json's map keeps order).
    assert_eq!(serde_json::from_str::<Value>(&exported).unwrap(), rich());
    assert_eq!(import_json(&exported).unwrap(), plan);
    assert_eq!(to_json(&import_json(&exported).unwrap()), exported);
    // The compact text the element hands its form reads back to the same plan.
    let compact = to_compact_json(&plan);
    assert!(!compact.contains('\n'));
    assert_eq!(import_json(&compact).unwrap(), plan);
    // Unknown fields survive editing too.
    let mut state = PlanState::from_plan(plan).unwrap();
    state.set_field("b3", "text", json!("Changed")).unwrap();
    state.move_up("b13").unwrap();
    let after: Value = serde_json::from_str(&to_json(state.plan())).unwrap();
    assert_eq!(after["blocks"][0]["children"][1]["x-note"], json!([1, 2]));
    assert_eq!(
        after["blocks"][0]["children"][2]["items"][0]["mood"],
        json!("good")
    );
    assert_eq!(after["reviews"][0]["score"], json!(4));
    assert_eq!(after["budget"]["rag"], json!("amber"));
}

#[test]
fn a_small_file_gets_defaults() {
    let plan = import_json(r#"{"format": "ourplan-plan", "version": 1}"#).unwrap();
    assert_eq!(plan.title, "");
    assert!(plan.blocks.is_empty() && plan.signoff.is_none());
    assert_eq!(plan.next_id, 1);
}

fn refused(text: &str) -> ErrorKind {
    let err = import_json(text).unwrap_err();
    // Every refusal has words for the person, in both languages.
    for lang in [Lang::En, Lang::Cy] {
        let words = err.person_message(lang);
        assert!(!words.starts_with("plan."), "{words}");
    }
    err.kind().clone()
}

#[test]
fn bad_and_foreign_files_are_refused() {
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut v = rich();
        edit(&mut v);
        v.to_string()
    };
    assert!(matches!(
        refused("not json"),
        ErrorKind::NotJson { line: 1, .. }
    ));
    assert!(matches!(refused(""), ErrorKind::NotJson { .. }));
    assert!(matches!(
        refused("[1, 2]"),
        ErrorKind::NotAPlan { found: None }
    ));
    assert!(matches!(
        refused(r#"{"title": "x"}"#),
        ErrorKind::NotAPlan { found: None }
    ));
    assert_eq!(
        refused(r#"{"format": "fhir-careplan", "version": 1}"#),
        ErrorKind::NotAPlan {
            found: Some("fhir-careplan".into())
        }
    );
    assert_eq!(
        refused(r#"{"format": "ourplan-plan", "version": 2, "blocks": "new shape"}"#),
        ErrorKind::NewerVersion {
            found: 2,
            newest: 1
        }
    );
    // Shapes that do not fit the schema: (the edit, the pointer of the first problem).
    type Edit = fn(&mut Value);
    let cases: [(Edit, &str); 12] = [
        (|v| v["version"] = json!("1"), "/version"),
        (|v| v["version"] = json!(0), "/version"),
        (|v| v["blocks"][1]["kind"] = json!(""), "/blocks/1/kind"),
        (
            |v| v["blocks"][6]["costPence"] = json!(1.5),
            "/blocks/6/costPence",
        ),
        (
            |v| v["blocks"][6]["costPence"] = json!(-1),
            "/blocks/6/costPence",
        ),
        (
            |v| v["blocks"][6]["frequency"] = json!("daily"),
            "/blocks/6/frequency",
        ),
        (
            |v| v["blocks"][0]["children"][0]["text"] = json!(7),
            "/blocks/0/children/0/text",
        ),
        (|v| v["blocks"][2]["id"] = json!(""), "/blocks/2/id"),
        (
            |v| v["reviews"][0]["date"] = json!("1 Sept"),
            "/reviews/0/date",
        ),
        (
            |v| v["budget"]["indicative"] = json!({"amountPence": 100}),
            "/budget/indicative",
        ),
        (
            |v| v["signoff"] = json!({"name": "Ali", "at": "now", "fingerprint": "sha256:00"}),
            "/signoff",
        ),
        (
            |v| v["blocks"][1]["items"] = json!([{"text": "no id"}]),
            "/blocks/1/items/0/id",
        ),
    ];
    for (edit, pointer) in cases {
        let text = with(&edit);
        match refused(&text) {
            ErrorKind::DoesNotFit { problems, .. } => {
                assert!(
                    problems.iter().any(|p| p.pointer.starts_with(pointer)),
                    "{pointer}: {problems:?}"
                );
            }
            other => panic!("{pointer}: {other:?}"),
        }
    }
    assert_eq!(
        refused(&with(&|v| v["blocks"][1]["id"] = json!("b1"))),
        ErrorKind::DuplicateId { id: "b1".into() }
    );
    assert_eq!(
        refused(&with(&|v| v["blocks"][1]["items"][0]["id"] = json!("b9"))),
        ErrorKind::DuplicateId { id: "b9".into() }
    );
    // Thirteen sections deep is past the limit.
    let mut deep = json!({"id": "leaf", "kind": "text"});
    for n in 0..=MAX_DEPTH {
        deep = json!({"id": format!("s{n}"), "kind": "section", "children": [deep]});
    }
    let text = json!({"format": "ourplan-plan", "version": 1, "blocks": [deep]}).to_string();
    assert!(matches!(refused(&text), ErrorKind::TooDeep { .. }));
}

#[test]
fn every_template_parses_applies_and_fits_the_schema() {
    let builtin = builtin_templates();
    assert_eq!(builtin.len(), templates::BUILTIN_FILES.len());
    let ids: Vec<&str> = builtin.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "blank",
            "one-page-profile",
            "easy-read-profile",
            "about-me",
            "path",
            "budget-plan",
            "my-week"
        ]
    );
    for (file, text) in templates::BUILTIN_FILES {
        let t = parse_template(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(format!("{}.json", t.id), file);
        for lang in [Lang::En, Lang::Cy] {
            assert!(!t.title.get(lang).is_empty() && !t.description.get(lang).is_empty());
            let state = PlanState::from_template(&t, lang);
            assert_eq!(state.plan().blocks.len(), t.len());
            let json = to_json(state.plan());
            // Applied, it is an ordinary plan: it fits the schema and opens again.
            let again = PlanState::from_json(&json).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(again.plan(), state.plan());
            assert!(!json.contains("\"en\""), "{file} left words unresolved");
        }
    }
    let week = builtin.iter().find(|t| t.id == "my-week").unwrap();
    let state = PlanState::from_template(week, Lang::Cy);
    let days = &state.plan().blocks;
    assert_eq!(days.len(), 7);
    assert_eq!(days[0].body.name(), "Dydd Llun");
    assert_eq!(days[6].body.children().len(), 4);
    assert_eq!(days[6].body.children()[3].body.name(), "Nos");
}

#[test]
fn applying_a_template_gives_fresh_ids_and_follows_outcome_links() {
    let budget = builtin_templates()
        .iter()
        .find(|t| t.id == "budget-plan")
        .unwrap();
    let mut state = PlanState::new(Lang::En);
    for _ in 0..2 {
        state.insert_template(budget, None, 0, Lang::En).unwrap();
    }
    let mut ids = Vec::new();
    let mut links = Vec::new();
    tree::walk(&state.plan().blocks, &mut |b| {
        ids.push(b.id.clone());
        if let Body::BudgetLine { outcome_id, .. } = &b.body {
            links.push(outcome_id.clone().unwrap());
        }
    });
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
    // Each copy's budget line points at its own copy's outcome.
    for link in &links {
        assert_eq!(state.block(link).unwrap().kind(), Kind::Outcome);
    }
    assert_ne!(links[0], links[1]);
    // Template blocks are ordinary blocks: rename, move, remove, and undo the lot.
    let first = ids[0].clone();
    state.rename(&first, "What I am aiming for").unwrap();
    state.move_down(&first).unwrap();
    state.remove(&first).unwrap();
    while state.can_undo() {
        state.undo();
    }
    assert!(state.plan().blocks.is_empty());
}

#[test]
fn host_templates_are_checked() {
    let ok = r#"{"id": "council-x", "title": "Our plan", "description": {"en": "Ours"},
        "blocks": [{"kind": "checklist",
                    "items": [{"en": "Ring the GP", "cy": "Ffonio’r meddyg"}]}]}"#;
    let t = parse_template(ok).unwrap();
    assert_eq!(t.description.cy, "Ours", "Welsh falls back to English");
    let state = PlanState::from_template(&t, Lang::Cy);
    let items = state.plan().blocks[0].body.items("items").unwrap();
    assert_eq!(
        (items[0].text.as_str(), items[0].done),
        ("Ffonio’r meddyg", Some(false))
    );
    let bad = [
        "nope",
        "[]",
        r#"{"title": "x", "description": "x", "blocks": []}"#,
        r#"{"id": "Bad Id", "title": "x", "description": "x", "blocks": []}"#,
        r#"{"id": "x", "title": 3, "description": "x", "blocks": []}"#,
        r#"{"id": "x", "title": {"cy": "dim Saesneg"}, "description": "x", "blocks": []}"#,
        r#"{"id": "x", "title": "x", "description": "x"}"#,
    ]
    .map(str::to_owned);
    let bad_blocks = [
        r#"[{"kind": "poem"}]"#,
        r#"[{"kind": "text", "text": 5}]"#,
        r#"[{"kind": "budgetLine", "costPence": 1.5}]"#,
        r#"[{"kind": "section", "children": [{"kind": "list", "items": [7]}]}]"#,
    ]
    .map(|blocks| {
        format!(r#"{{"id": "x", "title": "x", "description": "x", "blocks": {blocks}}}"#)
    });
    for text in bad.iter().chain(&bad_blocks) {
        let err = parse_template(text).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Template { .. }), "{text}");
        assert!(!err.person_message(Lang::Cy).is_empty());
    }
}

// Regression: one block of a kind this version does not know refused the whole file, without
// saying which part.
#[test]
fn a_block_of_an_unknown_kind_opens_and_is_kept_as_it_came() {
    let mut v = rich();
    let photo = json!({"id": "b30", "kind": "photo", "src": "data:image/png;base64,AAAA",
                       "alt": "Me at the beach", "layout": {"w": 2}});
    v["blocks"].as_array_mut().unwrap().insert(1, photo.clone());
    v["blocks"][0]["children"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "b31", "kind": "timeline", "events": []}));
    let text = v.to_string();
    let plan = import_json(&text).expect("the file opens");
    assert!(matches!(&plan.blocks[1].body, Body::Unknown { kind } if kind == "photo"));
    // Written back exactly as it came, with the rest of the plan.
    let back: Value = serde_json::from_str(&to_json(&plan)).unwrap();
    assert_eq!(back["blocks"][1], photo);
    // New ids start after the ones the file uses, so none is ever reused.
    v["nextId"] = json!(32);
    assert_eq!(back, v);
    // The person hears which parts, and that they are kept.
    let said: Vec<String> = unknown_parts(&plan)
        .iter()
        .map(|m| m.render(Lang::En))
        .collect();
    assert_eq!(
        said,
        [
            "Part 1.4 is a kind of part this version of the page cannot show (‘timeline’). It is kept just as it was, and saved with your plan.",
            "Part 2 is a kind of part this version of the page cannot show (‘photo’). It is kept just as it was, and saved with your plan.",
        ]
    );
    assert!(
        !unknown_parts(&plan)[0]
            .render(Lang::Cy)
            .starts_with("plan.")
    );
    // Editing around it leaves it alone; it cannot be edited itself.
    let mut state = PlanState::new(Lang::En);
    state.replace(plan).unwrap();
    assert!(state.set_field("b30", "alt", json!("x")).is_err());
    state.move_up("b30").unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&to_json(state.plan())).unwrap()["blocks"][0],
        photo
    );
    // In the Markdown, it is said to be there.
    assert!(to_markdown(state.plan(), Lang::En).contains("*A part this version cannot show*"));
}

// Regression: a file that does not fit was refused without saying which part.
#[test]
fn a_refused_file_says_which_part_and_which_field() {
    let mut v = rich();
    v["blocks"][1]["items"][0]["done"] = json!("yes");
    let err = import_json(&v.to_string()).unwrap_err();
    assert_eq!(
        err.person_message(Lang::En),
        "This plan file was not opened: ‘Things to do’ in part 2 (‘Ring Jo’) has something this page cannot read. Your current plan has not changed."
    );
    let mut v = rich();
    v["blocks"][6]["costPence"] = json!(1.5);
    let err = import_json(&v.to_string()).unwrap_err();
    assert_eq!(
        err.person_message(Lang::En),
        "This plan file was not opened: ‘Cost’ in part 7 (‘Personal assistant’) has something this page cannot read. Your current plan has not changed."
    );
    assert!(err.person_message(Lang::Cy).contains("rhan 7"));
}

// Regression: sign-off was offered on an empty plan.
#[test]
fn an_empty_plan_has_nothing_to_sign_off() {
    let rules = Rules::from_json(r#"{"limit": {"amount": "250.00", "period": "week"}}"#).unwrap();
    let who = Practitioner::from_json(r#"{"name": "Ali Khan"}"#).unwrap();
    let mut s = PlanState::new(Lang::En);
    let err = evaluate(s.plan(), &rules).unwrap_err();
    assert_eq!(
        err.person_message(Lang::En),
        "There is nothing to sign off yet. Once the plan has something written in it, it can be signed off."
    );
    // An empty block added is still nothing written.
    s.add_block(Kind::Text, None, 0).unwrap();
    assert!(evaluate(s.plan(), &rules).is_err());
    assert!(s.sign_off(&rules, &who, "2026-03-01T10:30:00Z").is_err());
    let id = s.plan().blocks[0].id.clone();
    s.set_field(&id, "text", json!("I like mornings")).unwrap();
    assert!(matches!(evaluate(s.plan(), &rules), Ok(Verdict::Within)));
}
