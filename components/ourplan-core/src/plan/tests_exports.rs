//! Tests of the exports other systems read: FHIR R4 ([`to_fhir`]) and PRSB About Me
//! ([`to_about_me`]), on plans made from the real starters with words typed in. (The bundle is
//! also checked by an independent R4 library: `tests/fhir/check_r4.py`, run by
//! `tests/e2e/fhir.spec.mjs`.)

use super::*;
use crate::i18n::Lang;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};

/// A plan from the built-in starter `id` in `lang`, every empty field filled with words of its
/// own (`typed 1 ŵ`, `typed 2 ŵ`, …), as a person would.
fn from_starter(id: &str, lang: Lang) -> Plan {
    let template = builtin_templates()
        .iter()
        .find(|t| t.id == id)
        .expect("a built-in starter");
    let mut n = 0;
    let blocks = template.blocks(lang, &mut |prefix| {
        n += 1;
        format!("{prefix}{n}")
    });
    let mut blocks = serde_json::to_value(blocks).unwrap();
    let mut count = 0;
    fill(&mut blocks, &mut count);
    let mut plan = json!({ "format": "ourplan-plan", "version": 1, "title": "Sam’s plan" });
    plan["blocks"] = blocks;
    serde_json::from_value(plan).unwrap()
}

/// Fills every empty string (but ids and kinds) with `typed N ŵ`.
fn fill(value: &mut Value, count: &mut usize) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if s.is_empty() && key != "id" && key != "kind" => {
                        *count += 1;
                        *s = format!("typed {count} ŵ");
                    }
                    _ => fill(v, count),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| fill(v, count)),
        _ => {}
    }
}

/// Every string a person typed into the blocks (texts, items, labels, people), but ids, kinds
/// and choices.
fn typed(plan: &Plan) -> Vec<String> {
    fn walk(value: &Value, key: &str, out: &mut Vec<String>) {
        match value {
            Value::String(s) => {
                let choice = matches!(key, "id" | "kind" | "frequency" | "paidFrom" | "outcomeId");
                if !choice && !s.trim().is_empty() {
                    out.push(s.clone());
                }
            }
            Value::Object(map) => map.iter().for_each(|(k, v)| walk(v, k, out)),
            Value::Array(items) => items.iter().for_each(|v| walk(v, key, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(&plan.blocks).unwrap(), "", &mut out);
    out
}

fn about(plan: &Plan, lang: Lang) -> Value {
    to_about_me(plan, lang)
}

/// The texts of a section's entries.
fn entries(about: &Value, key: &str) -> Vec<String> {
    about["sections"][key]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap().to_owned())
        .collect()
}

/// The text of the first block of `kind` inside the section titled `title`.
fn text_in(plan: &Plan, title: &str, field: &str) -> String {
    for block in &plan.blocks {
        if let Body::Section { title: t, children } = &block.body {
            if t == title {
                return children[0].body.text(field).unwrap().to_owned();
            }
        }
    }
    panic!("no section {title}");
}

fn items_in(plan: &Plan, title: &str) -> Vec<String> {
    for block in &plan.blocks {
        if let Body::Section { title: t, children } = &block.body {
            if t == title {
                return children[0]
                    .body
                    .items("items")
                    .unwrap()
                    .iter()
                    .map(|i| i.text.clone())
                    .collect();
            }
        }
    }
    panic!("no section {title}");
}

fn label_value(plan: &Plan, label: &str) -> String {
    plan.blocks
        .iter()
        .find_map(|b| match &b.body {
            Body::LabelValue { label: l, value } if l == label => Some(value.clone()),
            _ => None,
        })
        .unwrap()
}

const SECTION_KEYS: [&str; 9] = [
    "whatIsMostImportantToMe",
    "peopleWhoAreImportantToMe",
    "howICommunicateAndHowToCommunicateWithMe",
    "myWellness",
    "pleaseDoAndPleaseDont",
    "howAndWhenToSupportMe",
    "alsoWorthKnowingAboutMe",
    "supportedToWriteThisBy",
    "dateLastUpdated",
];

#[test]
fn about_me_has_every_section_in_order_with_its_heading_in_either_language() {
    let plan = from_starter("about-me", Lang::En);
    for lang in [Lang::En, Lang::Cy] {
        let a = about(&plan, lang);
        let keys: Vec<&String> = a["sections"].as_object().unwrap().keys().collect();
        assert_eq!(keys, SECTION_KEYS);
    }
    assert_eq!(
        about(&plan, Lang::Cy)["sections"]["myWellness"]["heading"],
        "Fy llesiant"
    );
    assert_eq!(about(&plan, Lang::En)["standard"], "PRSB About Me");
}

#[test]
fn about_me_what_is_most_important_to_me() {
    let plan = from_starter("about-me", Lang::En);
    let a = about(&plan, Lang::En);
    let typed = text_in(&plan, "What is most important to me", "text");
    assert_eq!(entries(&a, "whatIsMostImportantToMe"), [typed]);
    // The one-page profile's "What’s important to me" goes to the same section.
    let profile = from_starter("one-page-profile", Lang::En);
    let a = about(&profile, Lang::En);
    assert_eq!(
        entries(&a, "whatIsMostImportantToMe"),
        items_in(&profile, "What’s important to me")
    );
}

#[test]
fn about_me_people_who_are_important_to_me() {
    let plan = from_starter("about-me", Lang::En);
    let a = about(&plan, Lang::En);
    let people = a["sections"]["peopleWhoAreImportantToMe"]["people"]
        .as_array()
        .unwrap();
    assert_eq!(people.len(), 1);
    let person = &plan.blocks[1].body;
    for (key, field) in [
        ("name", "name"),
        ("relationship", "relationship"),
        ("howTheyHelp", "howTheyHelp"),
        ("contact", "contact"),
    ] {
        let Body::Section { children, .. } = person else {
            panic!()
        };
        assert_eq!(people[0][key], children[0].body.text(field).unwrap());
    }
}

#[test]
fn about_me_how_i_communicate_and_how_to_communicate_with_me() {
    let plan = from_starter("about-me", Lang::En);
    let typed = text_in(
        &plan,
        "How I communicate and how to communicate with me",
        "text",
    );
    assert_eq!(
        entries(
            &about(&plan, Lang::En),
            "howICommunicateAndHowToCommunicateWithMe"
        ),
        [typed]
    );
}

#[test]
fn about_me_my_wellness() {
    let plan = from_starter("about-me", Lang::En);
    let typed = text_in(&plan, "My wellness", "text");
    assert_eq!(entries(&about(&plan, Lang::En), "myWellness"), [typed]);
}

#[test]
fn about_me_please_do_and_please_dont() {
    let plan = from_starter("about-me", Lang::En);
    let a = about(&plan, Lang::En);
    let section = &a["sections"]["pleaseDoAndPleaseDont"];
    let Body::Section { children, .. } = &plan.blocks[4].body else {
        panic!()
    };
    let Body::DoDont {
        please_do,
        please_dont,
    } = &children[0].body
    else {
        panic!()
    };
    assert_eq!(section["pleaseDo"][0]["text"], please_do[0].text.as_str());
    assert_eq!(
        section["pleaseDont"][0]["text"],
        please_dont[0].text.as_str()
    );
}

#[test]
fn about_me_how_and_when_to_support_me() {
    let plan = from_starter("about-me", Lang::En);
    let typed = text_in(&plan, "How and when to support me", "text");
    assert_eq!(
        entries(&about(&plan, Lang::En), "howAndWhenToSupportMe"),
        [typed]
    );
    let profile = from_starter("one-page-profile", Lang::En);
    assert_eq!(
        entries(&about(&profile, Lang::En), "howAndWhenToSupportMe"),
        items_in(&profile, "How best to support me")
    );
}

#[test]
fn about_me_also_worth_knowing_about_me_takes_what_maps_nowhere_with_its_title() {
    let plan = from_starter("about-me", Lang::En);
    let typed = text_in(&plan, "Also worth knowing about me", "text");
    assert_eq!(
        entries(&about(&plan, Lang::En), "alsoWorthKnowingAboutMe"),
        [typed]
    );
    // The one-page profile's "What people like and admire about me" keeps its title.
    let profile = from_starter("one-page-profile", Lang::En);
    let a = about(&profile, Lang::En);
    let also = a["sections"]["alsoWorthKnowingAboutMe"]["entries"]
        .as_array()
        .unwrap();
    let admired = items_in(&profile, "What people like and admire about me");
    assert_eq!(also.len(), admired.len());
    assert_eq!(also[0]["text"], admired[0].as_str());
    assert_eq!(also[0]["label"], "What people like and admire about me");
    // A section of the person's own, with a label and answer and an outcome.
    let plan: Plan = serde_json::from_value(json!({
        "format": "ourplan-plan", "version": 1,
        "blocks": [{"id": "b1", "kind": "section", "title": "My garden", "children": [
            {"id": "b2", "kind": "labelValue", "label": "Favourite plant", "value": "Foxgloves"},
            {"id": "b3", "kind": "outcome", "what": "Grow tomatoes", "byWhen": "", "howIWillKnow": ""},
            {"id": "b4", "kind": "labelValue", "label": "Shoe size", "value": ""}
        ]}]
    }))
    .unwrap();
    let a = about(&plan, Lang::En);
    let also = &a["sections"]["alsoWorthKnowingAboutMe"]["entries"];
    assert_eq!(
        also[0],
        json!({"label": "My garden: Favourite plant", "text": "Foxgloves", "block": "b2"})
    );
    assert_eq!(also[1]["text"], "Grow tomatoes");
    assert_eq!(also[1]["label"], "My garden: What I want to achieve");
    // A label not yet answered is kept, under its section's title.
    assert_eq!(
        also[2],
        json!({"label": "My garden", "text": "Shoe size", "block": "b4"})
    );
}

#[test]
fn about_me_supported_to_write_this_by() {
    let plan = from_starter("about-me", Lang::En);
    let typed = label_value(&plan, "Supported to write this by");
    assert_eq!(
        entries(&about(&plan, Lang::En), "supportedToWriteThisBy"),
        [typed]
    );
}

#[test]
fn about_me_date_last_updated() {
    let plan = from_starter("about-me", Lang::En);
    let typed = label_value(&plan, "Date last updated");
    assert_eq!(entries(&about(&plan, Lang::En), "dateLastUpdated"), [typed]);
}

#[test]
fn about_me_maps_the_welsh_starters_the_same_way() {
    for id in ["about-me", "one-page-profile"] {
        let en = about(&from_starter(id, Lang::En), Lang::En);
        let cy = about(&from_starter(id, Lang::Cy), Lang::Cy);
        for key in SECTION_KEYS {
            let count = |a: &Value| {
                let s = &a["sections"][key];
                ["entries", "people", "pleaseDo", "pleaseDont"]
                    .iter()
                    .map(|k| s[k].as_array().map_or(0, Vec::len))
                    .sum::<usize>()
            };
            assert_eq!(count(&en), count(&cy), "{id}: {key}");
        }
    }
}

#[test]
fn about_me_loses_nothing_typed_in_either_starter() {
    for id in ["about-me", "one-page-profile"] {
        for lang in [Lang::En, Lang::Cy] {
            let plan = from_starter(id, lang);
            let out = about(&plan, lang).to_string();
            for text in typed(&plan) {
                let quoted = Value::String(text.clone()).to_string();
                assert!(out.contains(&quoted), "{id} {lang:?}: {text} is missing");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// FHIR R4

/// A plan with every kind of block, hostile words, outcomes with and without dates, and budget
/// lines with awkward amounts.
fn hostile() -> Plan {
    let evil = "<script>alert(1)</script> & \"quoted\" 'single' ŵ ŷ";
    serde_json::from_value(json!({
        "format": "ourplan-plan", "version": 1,
        "title": format!("Plan {evil}"),
        "blocks": [
            {"id": "b1", "kind": "section", "title": "Section </div><b>", "children": [
                {"id": "b2", "kind": "heading", "text": "Heading & more"},
                {"id": "b3", "kind": "text", "text": "Line one <i>\nLine two ŷ\n\nNew paragraph ]]>"},
                {"id": "b4", "kind": "list", "items": [{"id": "i1", "text": "Item <img src=x onerror=alert(1)>"}]}
            ]},
            {"id": "b5", "kind": "checklist", "items": [{"id": "i2", "text": "Ring Jo & Di", "done": true}]},
            {"id": "b6", "kind": "whatMatters", "text": evil},
            {"id": "b7", "kind": "person", "name": "Siôn \"Jo\"", "relationship": "Brawd",
             "howTheyHelp": "Siopa", "contact": "07700 900000"},
            {"id": "b8", "kind": "outcome", "what": "Mynd allan <more>", "howIWillKnow": "Twice a week",
             "byWhen": "2027-02-28"},
            {"id": "b9", "kind": "outcome", "what": "Learn to swim", "howIWillKnow": "",
             "byWhen": "next summer"},
            {"id": "b10", "kind": "outcome", "what": "", "howIWillKnow": "", "byWhen": ""},
            {"id": "b11", "kind": "action", "who": "Council", "what": "Arrange a PA", "byWhen": "May"},
            {"id": "b12", "kind": "budgetLine", "what": "Stamps", "costPence": 1,
             "frequency": "one-off", "paidFrom": "own-money", "outcomeId": null},
            {"id": "b13", "kind": "budgetLine", "what": "Bus & tram", "costPence": 99,
             "frequency": "weekly", "paidFrom": "direct-payment", "outcomeId": "b8"},
            {"id": "b14", "kind": "budgetLine", "what": "Personal assistant", "costPence": 123456789u64,
             "frequency": "monthly", "paidFrom": "council-managed", "outcomeId": "b9"},
            {"id": "b15", "kind": "budgetLine", "what": "Gym", "costPence": 2500,
             "frequency": "yearly", "paidFrom": "individual-service-fund"},
            {"id": "b16", "kind": "budgetLine", "what": "", "costPence": 0,
             "frequency": "weekly", "paidFrom": "other"},
            {"id": "b17", "kind": "doDont", "pleaseDo": [{"id": "i3", "text": "Knock <first>"}],
             "pleaseDont": [{"id": "i4", "text": "Shout & rush"}]},
            {"id": "b18", "kind": "labelValue", "label": "Supported to write this by", "value": "Ann <Advocate>"},
            {"id": "b19", "kind": "newKind", "words": "Kept words from a newer kit"}
        ],
        "budget": {"indicative": {"amountPence": 20000, "period": "week"},
                   "howWorkedOut": "RAS <score>", "managedAs": "mixed"},
        "reviews": [{"id": "r1", "date": "2027-01-05", "by": "Sam & Jo", "working": "PA *great*",
                     "notWorking": "Bus <late>", "changes": "More hours"}]
    }))
    .unwrap()
}

fn bundle(plan: &Plan, lang: Lang) -> Value {
    serde_json::from_str(&to_fhir(plan, lang, None)).unwrap()
}

fn care_plan(bundle: &Value) -> &Value {
    let entry = &bundle["entry"][0]["resource"];
    assert_eq!(entry["resourceType"], "CarePlan");
    entry
}

/// The narrative's text content: tags dropped, entities read, spaces collapsed. Also checks
/// that the only elements are those FHIR allows, with no attributes but the root's namespace.
fn narrative_text(div: &str) -> String {
    const ALLOWED: [&str; 15] = [
        "div", "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "ul", "li", "dl", "dt", "dd", "b",
    ];
    assert!(
        div.starts_with("<div xmlns=\"http://www.w3.org/1999/xhtml\">"),
        "{div}"
    );
    let mut text = String::new();
    let mut rest = div;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').expect("a tag ends") + open;
        let tag = &rest[open + 1..close];
        let name = tag
            .trim_start_matches('/')
            .trim_end_matches('/')
            .split(' ')
            .next()
            .unwrap();
        assert!(ALLOWED.contains(&name), "element <{name}> in {div}");
        assert!(
            !tag.contains(' ') || tag.starts_with("div xmlns="),
            "attribute in <{tag}>"
        );
        text.push(' ');
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    assert!(!text.contains('>'), "a bare > in the text: {text}");
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    normal(&text)
}

fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn fhir_narrative_holds_every_blocks_text() {
    for plan in [
        hostile(),
        from_starter("about-me", Lang::En),
        from_starter("one-page-profile", Lang::Cy),
    ] {
        let b = bundle(&plan, Lang::En);
        let cp = care_plan(&b);
        assert_eq!(cp["text"]["status"], "generated");
        let text = narrative_text(cp["text"]["div"].as_str().unwrap());
        let mut expected = typed(&plan);
        expected.push(plan.title.clone());
        for words in expected {
            assert!(
                text.contains(&normal(&words)),
                "{words:?} is not in the narrative: {text}"
            );
        }
    }
    // The budget and the review are there too.
    let b = bundle(&hostile(), Lang::En);
    let text = narrative_text(care_plan(&b)["text"]["div"].as_str().unwrap());
    for words in [
        "RAS <score>",
        "£200.00 a week",
        "Bus <late>",
        "Sam & Jo",
        "£0.01 once",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
}

#[test]
fn fhir_hostile_strings_are_escaped_in_the_xhtml() {
    let b = bundle(&hostile(), Lang::Cy);
    let div = care_plan(&b)["text"]["div"].as_str().unwrap();
    assert!(!div.contains("<script"), "{div}");
    assert!(!div.contains("<img"), "{div}");
    assert!(!div.contains("<i>"), "{div}");
    assert!(div.contains(
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39; ŵ ŷ"
    ));
    assert!(div.contains("Section &lt;/div&gt;&lt;b&gt;"));
    assert!(div.contains("]]&gt;"));
    // Every `&` starts an entity this code writes.
    for (i, _) in div.match_indices('&') {
        let rest = &div[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| rest.starts_with(e)),
            "a bare & at {}",
            &rest[..rest.len().min(20)]
        );
    }
    // Every Goal's narrative too.
    for entry in b["entry"].as_array().unwrap().iter().skip(1) {
        let div = entry["resource"]["text"]["div"].as_str().unwrap();
        narrative_text(div);
        assert!(!div.contains("<more>"));
    }
    // Characters XML cannot hold are left out of the narrative (kept in the plan).
    let plan: Plan = serde_json::from_value(json!({"format": "ourplan-plan", "version": 1,
        "blocks": [{"id": "b1", "kind": "text", "text": "bell\u{7} here\u{0}"}]}))
    .unwrap();
    let b = bundle(&plan, Lang::En);
    let div = care_plan(&b)["text"]["div"].as_str().unwrap();
    assert!(div.contains("bell here"), "{div}");
}

#[test]
fn fhir_every_outcome_is_a_goal_referenced_from_the_care_plan() {
    let b = bundle(&hostile(), Lang::En);
    let cp = care_plan(&b);
    let entries = b["entry"].as_array().unwrap();
    let goals: Vec<&Value> = entries
        .iter()
        .filter(|e| e["resource"]["resourceType"] == "Goal")
        .collect();
    // Two outcomes have words; the empty one is no goal.
    assert_eq!(goals.len(), 2);
    let refs: Vec<&str> = cp["goal"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reference"].as_str().unwrap())
        .collect();
    for goal in &goals {
        let url = goal["fullUrl"].as_str().unwrap();
        assert!(refs.contains(&url), "{url} not in {refs:?}");
        assert_eq!(goal["resource"]["lifecycleStatus"], "proposed");
        assert_eq!(goal["resource"]["subject"], cp["subject"]);
    }
    let first = &goals[0]["resource"];
    assert_eq!(first["description"]["text"], "Mynd allan <more>");
    assert_eq!(first["target"][0]["dueDate"], "2027-02-28");
    assert_eq!(first["identifier"][0]["value"], "b8");
    let second = &goals[1]["resource"];
    assert_eq!(second["description"]["text"], "Learn to swim");
    assert!(second.get("target").is_none());
    assert_eq!(second["note"][0]["text"], "By when: next summer");
    // A budget line for an outcome points at its goal.
    let bus = &cp["activity"][2]["detail"];
    assert_eq!(bus["goal"][0]["reference"], goals[0]["fullUrl"]);
}

/// The bundle's money lines with their amounts as written (not through a float).
#[derive(Deserialize)]
struct Raw {
    entry: Vec<RawEntry>,
}
#[derive(Deserialize)]
struct RawEntry {
    resource: RawResource,
}
#[derive(Deserialize)]
struct RawResource {
    #[serde(default)]
    activity: Vec<RawActivity>,
}
#[derive(Deserialize)]
struct RawActivity {
    detail: RawDetail,
}
#[derive(Deserialize)]
struct RawDetail {
    #[serde(default)]
    description: String,
    #[serde(default)]
    extension: Vec<RawExtension>,
}
#[derive(Deserialize)]
struct RawExtension {
    url: String,
    #[serde(rename = "valueMoney")]
    value_money: Option<RawMoney>,
}
#[derive(Deserialize)]
struct RawMoney {
    value: Box<RawValue>,
    currency: String,
}

#[test]
fn fhir_every_budget_line_is_an_activity_with_its_exact_amount() {
    let text = to_fhir(&hostile(), Lang::En, None);
    let raw: Raw = serde_json::from_str(&text).unwrap();
    let money: Vec<(String, String, String)> = raw.entry[0]
        .resource
        .activity
        .iter()
        .filter_map(|a| {
            let m = a.detail.extension.iter().find(|x| x.url == COST_URL)?;
            let m = m.value_money.as_ref()?;
            Some((
                a.detail.description.clone(),
                m.value.get().to_owned(),
                m.currency.clone(),
            ))
        })
        .collect();
    let expected = [
        ("Stamps", "0.01"),
        ("Bus & tram", "0.99"),
        ("Personal assistant", "1234567.89"),
        ("Gym", "25.00"),
        ("", "0.00"),
    ];
    assert_eq!(money.len(), expected.len(), "{money:?}");
    for ((description, value, currency), (what, amount)) in money.iter().zip(expected) {
        assert_eq!(value, amount);
        assert_eq!(currency, "GBP");
        assert!(description.starts_with(what), "{description}");
    }
    assert!(
        money[2].0.contains("£1,234,567.89 a month"),
        "{}",
        money[2].0
    );
    // The action is an activity too, without money.
    let b: Value = serde_json::from_str(&text).unwrap();
    let action = &care_plan(&b)["activity"][0]["detail"];
    assert_eq!(action["description"], "Arrange a PA");
    assert_eq!(action["performer"][0]["display"], "Council");
    assert_eq!(action["scheduledString"], "May");
    // How often, and where the money comes from.
    let pa = &care_plan(&b)["activity"][3]["detail"];
    assert_eq!(pa["scheduledTiming"]["repeat"]["periodUnit"], "mo");
    assert_eq!(pa["extension"][1]["url"], PAID_FROM_URL);
    assert_eq!(pa["extension"][1]["valueCode"], "council-managed");
}

#[test]
fn fhir_amounts_are_exact_decimals_from_whole_pence() {
    for (pence, pounds_text) in [
        (0, "0.00"),
        (1, "0.01"),
        (99, "0.99"),
        (100, "1.00"),
        (12345, "123.45"),
        (123_456_789, "1234567.89"),
        (MAX_PENCE, "90071992547409.91"),
        (u64::MAX, "184467440737095516.15"),
    ] {
        assert_eq!(pounds(pence), pounds_text);
    }
    // The largest amount a plan holds survives the JSON text as written.
    let plan: Plan = serde_json::from_value(json!({"format": "ourplan-plan", "version": 1,
        "blocks": [{"id": "b1", "kind": "budgetLine", "what": "Big", "costPence": MAX_PENCE,
                    "frequency": "yearly", "paidFrom": "other"}]}))
    .unwrap();
    let text = to_fhir(&plan, Lang::En, None);
    assert!(text.contains("\"value\": 90071992547409.91"), "{text}");
}

#[test]
fn fhir_ids_are_deterministic_uuids_and_references_resolve_inside_the_bundle() {
    let plan = hostile();
    assert_eq!(
        to_fhir(&plan, Lang::En, None),
        to_fhir(&plan, Lang::En, None)
    );
    let b = bundle(&plan, Lang::En);
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(b["type"], "collection");
    let mut urls = Vec::new();
    for entry in b["entry"].as_array().unwrap() {
        let url = entry["fullUrl"].as_str().unwrap();
        let id = url.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(entry["resource"]["id"], id);
        let parts: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12], "{id}");
        assert_eq!(&id[14..15], "8", "version 8: {id}");
        assert!(
            matches!(&id[19..20], "8" | "9" | "a" | "b"),
            "variant: {id}"
        );
        assert!(!urls.contains(&url.to_owned()));
        urls.push(url.to_owned());
    }
    // Another plan with the same block ids gets other ids.
    let mut other = plan.clone();
    other.title = "Another".into();
    let o = bundle(&other, Lang::En);
    assert_ne!(o["entry"][1]["fullUrl"], b["entry"][1]["fullUrl"]);
}

#[test]
fn fhir_care_plan_fields_status_subject_author_contributor_and_notes() {
    let mut plan = hostile();
    let b = bundle(&plan, Lang::En);
    let cp = care_plan(&b);
    assert_eq!(cp["status"], "draft");
    assert_eq!(cp["intent"], "plan");
    assert_eq!(cp["title"], plan.title.as_str());
    assert_eq!(
        cp["description"],
        "<script>alert(1)</script> & \"quoted\" 'single' ŵ ŷ"
    );
    assert_eq!(cp["subject"]["display"], "The person this plan belongs to");
    assert_eq!(cp["contributor"][0]["display"], "Ann <Advocate>");
    assert!(cp.get("author").is_none());
    let review = &cp["note"][0];
    assert_eq!(review["time"], "2027-01-05");
    assert_eq!(review["authorString"], "Sam & Jo");
    let text = review["text"].as_str().unwrap();
    assert!(
        text.contains("What is not working: Bus \\<late\\>"),
        "{text}"
    );
    assert!(text.contains("PA \\*great\\*"), "{text}");

    // Signed off and unchanged since: active, with the practitioner as author and a period.
    plan.signoff = Some(Signoff {
        name: "Pat Jones".into(),
        role: "Social worker".into(),
        at: "2027-01-10T09:30:00Z".into(),
        fingerprint: fingerprint(&plan),
        extra: Default::default(),
    });
    let b: Value = serde_json::from_str(&to_fhir(&plan, Lang::En, Some("Patient/123"))).unwrap();
    let cp = care_plan(&b);
    assert_eq!(cp["status"], "active");
    assert_eq!(cp["subject"], json!({"reference": "Patient/123"}));
    assert_eq!(cp["author"]["display"], "Pat Jones (Social worker)");
    assert_eq!(cp["period"]["start"], "2027-01-10");
    let signed = cp["note"].as_array().unwrap().last().unwrap();
    assert_eq!(signed["time"], "2027-01-10T09:30:00Z");
    assert_eq!(b["entry"][1]["resource"]["lifecycleStatus"], "active");
    assert_eq!(
        b["entry"][1]["resource"]["subject"]["reference"],
        "Patient/123"
    );
}

#[test]
fn fhir_dates_are_only_real_days() {
    use super::fhir::is_fhir_date;
    assert!(is_fhir_date("2027-02-28"));
    assert!(is_fhir_date("2028-02-29"));
    assert!(!is_fhir_date("2027-02-29"));
    assert!(!is_fhir_date("2100-02-29"));
    assert!(!is_fhir_date("2027-13-01"));
    assert!(!is_fhir_date("0000-01-01"));
    assert!(!is_fhir_date("next May"));
    assert!(!is_fhir_date("2027-1-01"));
    assert!(!is_fhir_date("２０２７-01-01"));
}

#[test]
fn fhir_an_empty_plan_is_still_a_valid_shape() {
    let plan = Plan::new("");
    let b = bundle(&plan, Lang::Cy);
    let cp = care_plan(&b);
    assert!(cp.get("title").is_none());
    assert!(cp.get("goal").is_none());
    assert!(cp.get("activity").is_none());
    assert_eq!(b["entry"].as_array().unwrap().len(), 1);
    assert!(cp["text"]["div"].as_str().unwrap().contains("<h1>"));
}
