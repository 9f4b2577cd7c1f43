//! The commands' work, without a process: what each writes and how each run ends.

use super::*;
use ourplan_core::plan::report::Settings;

const SCHEMA: &str = r#"{
  "type": "object",
  "required": ["name"],
  "properties": {
    "name": { "type": "string", "title": "Your name", "x-ourplan": { "title": { "en": "Your name", "cy": "Eich enw" } } },
    "age": { "type": "integer", "minimum": 0, "title": "Age" }
  }
}"#;

fn input(name: &str, text: &str) -> Input {
    Input {
        name: name.to_owned(),
        text: Ok(text.to_owned()),
    }
}

fn run_validate(inputs: Vec<Input>, lang: Lang, format: Format, lines: bool) -> (String, Outcome) {
    let job = Validate {
        schema: input("schema.json", SCHEMA),
        remotes: HashMap::new(),
        inputs,
        lines,
        lang,
        format,
        limits: Limits::default(),
    };
    let mut out = Vec::new();
    let outcome = validate(&job, &mut out).unwrap();
    (String::from_utf8(out).unwrap(), outcome)
}

#[test]
fn a_valid_record_says_so_and_exits_0() {
    let (out, outcome) = run_validate(
        vec![input("a.json", r#"{"name": "Ann"}"#)],
        Lang::En,
        Format::Text,
        false,
    );
    assert_eq!(out, "a.json: no problems\n");
    assert_eq!(outcome, Outcome::Valid);
}

#[test]
fn problems_are_listed_in_plain_words_in_welsh_and_exit_1() {
    let (out, outcome) = run_validate(
        vec![input("a.json", r#"{"age": -1}"#)],
        Lang::Cy,
        Format::Text,
        false,
    );
    assert_eq!(outcome, Outcome::Invalid);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "a.json: 2 broblem");
    assert!(lines[2].starts_with("  /age: "), "{out}");
    assert!(out.contains("Eich enw"), "{out}");
}

#[test]
fn json_output_is_the_browsers_verdict_with_the_file_one_line_each() {
    let (out, outcome) = run_validate(
        vec![
            input("a.json", r#"{"name": "Ann"}"#),
            input("b.json", r#"{"name": 3}"#),
        ],
        Lang::En,
        Format::Json,
        false,
    );
    assert_eq!(outcome, Outcome::Invalid);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines[0],
        json!({"file": "a.json", "valid": true, "errors": []})
    );
    assert_eq!(lines[1]["valid"], json!(false));
    assert_eq!(lines[1]["errors"][0]["pointer"], json!("/name"));
}

#[test]
fn json_lines_input_gives_a_result_per_line_and_unreadable_lines_exit_2() {
    let text = "{\"name\": \"Ann\"}\n\n{\"name\": \"Huw\", \"age\": 3}\n{not json\n";
    let (out, outcome) = run_validate(
        vec![input("batch.jsonl", text)],
        Lang::En,
        Format::Json,
        true,
    );
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["line"], json!(3));
    assert_eq!(lines[2]["line"], json!(4));
    assert!(
        lines[2]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("line 1")
    );
    assert_eq!(outcome, Outcome::Unreadable);
}

#[test]
fn a_missing_file_and_an_unreadable_schema_exit_2() {
    let missing = Input {
        name: "gone.json".into(),
        text: Err("No such file or directory".into()),
    };
    let (out, outcome) = run_validate(vec![missing], Lang::En, Format::Text, false);
    assert_eq!(outcome, Outcome::Unreadable);
    assert!(out.starts_with("gone.json: could not be read."), "{out}");
    let job = Validate {
        schema: input("schema.json", "{\"type\": "),
        remotes: HashMap::new(),
        inputs: vec![input("a.json", "{}")],
        lines: false,
        lang: Lang::En,
        format: Format::Json,
        limits: Limits::default(),
    };
    let mut out = Vec::new();
    assert_eq!(validate(&job, &mut out).unwrap(), Outcome::Unreadable);
    let line: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(line["file"], json!("schema.json"));
    assert!(line["error"]["detail"].is_string());
}

#[test]
fn check_schema_reports_json_mistakes_rule_breaks_and_notes() {
    let job = CheckSchema {
        inputs: vec![
            input("ok.json", SCHEMA),
            input("syntax.json", "{\n  \"type\": \"object\",\n}"),
            input("rules.json", r#"{"type": "strin"}"#),
            input(
                "notes.json",
                r#"{"type": "object", "x-ourplan": {"nonsense": true}}"#,
            ),
        ],
        remotes: HashMap::new(),
        lang: Lang::En,
        format: Format::Json,
        strict: false,
        limits: Limits::default(),
    };
    let mut out = Vec::new();
    assert_eq!(check_schema(&job, &mut out).unwrap(), Outcome::Invalid);
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["valid"], json!(true));
    assert!(
        lines[1]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("line 3"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2]["errors"][0]["pointer"], json!("/type"));
    assert_eq!(lines[3]["valid"], json!(true));
    assert!(
        !lines[3]["diagnostics"].as_array().unwrap().is_empty(),
        "{}",
        lines[3]
    );
    // Strict: notes count.
    let strict = CheckSchema {
        inputs: vec![input(
            "notes.json",
            r#"{"type": "object", "x-ourplan": {"nonsense": true}}"#,
        )],
        strict: true,
        format: Format::Text,
        ..job
    };
    let mut out = Vec::new();
    assert_eq!(check_schema(&strict, &mut out).unwrap(), Outcome::Invalid);
    assert!(String::from_utf8(out).unwrap().contains("note at"));
}

#[test]
fn remotes_are_uri_equals_file() {
    assert!(read_remotes(&["no-equals".into()]).is_err());
    assert!(read_remotes(&["http://x/a.json=/nonexistent/file".into()]).is_err());
    assert!(read_remotes(&[]).unwrap().is_empty());
}

#[test]
fn check_plan_reports_the_budget_in_pence_and_refuses_what_is_not_a_plan() {
    let plan = r#"{"format": "ourplan-plan", "version": 1, "blocks": [
        {"id": "m1", "kind": "budgetLine", "what": "PA", "costPence": 12050, "frequency": "weekly", "paidFrom": "direct-payment"}
    ], "nextId": 2}"#;
    let job = CheckPlan {
        inputs: vec![
            input("plan.json", plan),
            input("other.json", r#"{"hello": 1}"#),
            input("broken.json", "{\"format\": "),
        ],
        settings: Settings {
            lang: Lang::En,
            indicative: Some(ourplan_core::plan::Indicative {
                amount_pence: 15000,
                period: ourplan_core::plan::Period::Week,
            }),
            ..Settings::default()
        },
        format: Format::Json,
        limits: Limits::default(),
    };
    let mut out = Vec::new();
    assert_eq!(check_plan(&job, &mut out).unwrap(), Outcome::Unreadable);
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["budget"]["weekPence"], json!(12050));
    assert_eq!(lines[0]["budget"]["balance"]["state"], json!("left"));
    assert_eq!(lines[0]["budget"]["balance"]["pence"], json!(2950));
    assert_eq!(lines[0]["budget"]["summary"], json!("£29.50 a week left"));
    assert_eq!(lines[1]["valid"], json!(false));
    assert!(lines[2]["error"]["message"].is_string());
    // In words, in Welsh.
    let job = CheckPlan {
        inputs: vec![input("plan.json", plan)],
        settings: Settings {
            lang: Lang::Cy,
            ..Settings::default()
        },
        format: Format::Text,
        limits: Limits::default(),
    };
    let mut out = Vec::new();
    assert_eq!(check_plan(&job, &mut out).unwrap(), Outcome::Valid);
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("£120.50 yr wythnos"), "{text}");
}

#[test]
fn ten_thousand_levels_deep_is_refused_in_plain_words_without_overflowing() {
    let deep_value = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    let (out, outcome) = run_validate(
        vec![input("deep.json", &deep_value)],
        Lang::En,
        Format::Text,
        false,
    );
    assert_eq!(outcome, Outcome::Unreadable);
    assert!(out.contains("nested more than 128 levels deep"), "{out}");
    let deep_schema = format!("{}true{}", "{\"items\":".repeat(10_000), "}".repeat(10_000));
    let job = CheckSchema {
        inputs: vec![input("deep.schema.json", &deep_schema)],
        remotes: HashMap::new(),
        lang: Lang::Cy,
        format: Format::Text,
        strict: false,
        limits: Limits::default(),
    };
    let mut out = Vec::new();
    assert_eq!(check_schema(&job, &mut out).unwrap(), Outcome::Invalid);
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("fwy na 128 lefel"), "{out}");
}

#[test]
fn limits_are_named_on_the_command_line_and_each_says_what_happened() {
    let limits = read_limits(&["textChars=4".into(), "valueBytes=1_000".into()]).unwrap();
    assert_eq!(limits.text_chars, 4);
    assert_eq!(limits.value_bytes, 1_000);
    assert!(
        read_limits(&["textChars".into()])
            .unwrap_err()
            .contains("NAME=N")
    );
    assert!(
        read_limits(&["textChars=many".into()])
            .unwrap_err()
            .contains("not a whole number")
    );
    assert!(
        read_limits(&["colour=4".into()])
            .unwrap_err()
            .contains("schemaBytes")
    );
    let run = |text: &str, format: Format| {
        let job = Validate {
            schema: input("schema.json", SCHEMA),
            remotes: HashMap::new(),
            inputs: vec![input("a.json", text)],
            lines: false,
            lang: Lang::En,
            format,
            limits,
        };
        let mut out = Vec::new();
        let outcome = validate(&job, &mut out).unwrap();
        (String::from_utf8(out).unwrap(), outcome)
    };
    // An answer past textChars: a problem at its field, as the browser shows it.
    let (out, outcome) = run(r#"{"name": "Bethan"}"#, Format::Text);
    assert_eq!(outcome, Outcome::Invalid);
    assert!(
        out.contains("/name: Shorten ‘Your name’ to 4 characters or fewer"),
        "{out}"
    );
    // A record past valueBytes: refused unread, exit 2.
    let big = format!(r#"{{"name": "{}"}}"#, "x".repeat(2_000));
    let (out, outcome) = run(&big, Format::Json);
    assert_eq!(outcome, Outcome::Unreadable);
    assert!(out.contains("larger than 1 KB (they are 2 KB)"), "{out}");
    assert!(out.contains("valueBytes"), "{out}");
}

fn run_render(
    schema: Input,
    value: Option<Input>,
    lang: Lang,
    problems: bool,
) -> (String, String, Outcome) {
    let job = Render {
        schema,
        remotes: HashMap::new(),
        value,
        lang,
        level: ourplan_core::model::Level::Full,
        problems,
        stylesheet: "/pkg/ourplan.css".into(),
        light: false,
        limits: Limits::default(),
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let outcome = render(&job, &mut out, &mut err).unwrap();
    (
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
        outcome,
    )
}

#[test]
fn render_draws_the_form_in_a_declarative_shadow_root_in_either_language() {
    let (out, err, outcome) = run_render(input("s.json", SCHEMA), None, Lang::Cy, false);
    assert_eq!(outcome, Outcome::Valid, "{err}");
    assert!(out.starts_with("<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"/pkg/ourplan.css\"><div data-ourplan-prerendered=\"\">"), "{out}");
    assert!(out.contains("Eich enw"), "{out}");
    assert!(out.contains("lang=\"cy\""), "{out}");
    // No value given: nothing for the element to start from.
    assert!(!out.contains("data-ourplan-value"), "{out}");
}

#[test]
fn render_with_a_value_and_problems_marks_both_for_the_element() {
    let (out, _, outcome) = run_render(
        input("s.json", SCHEMA),
        Some(input("v.json", r#"{"age": -1, "note": "\"<b>"}"#)),
        Lang::En,
        true,
    );
    assert_eq!(outcome, Outcome::Valid);
    assert!(out.contains("data-ourplan-problems"), "{out}");
    assert!(out.contains("data-ourplan-value=\"{&quot;age&quot;:-1,&quot;note&quot;:&quot;\\&quot;&lt;b&gt;&quot;}\""), "{out}");
    // The GOV.UK error summary, with a link to each problem.
    assert!(out.contains("There is a problem"), "{out}");
    assert!(out.contains("href=\"#op-f-age\""), "{out}");
}

#[test]
fn render_of_a_schema_it_cannot_use_draws_the_kits_message_and_exits_2() {
    let (out, err, outcome) = run_render(input("s.json", "{\"type\": "), None, Lang::En, false);
    assert_eq!(outcome, Outcome::Unreadable);
    assert!(out.contains("part=\"load-error\""), "{out}");
    assert!(err.contains("line 1"), "{err}");
    let missing = Input {
        name: "gone.json".into(),
        text: Err("No such file".into()),
    };
    let (out, err, outcome) = run_render(missing, None, Lang::En, false);
    assert_eq!(outcome, Outcome::Unreadable);
    assert!(out.contains("part=\"load-error\""), "{out}");
    assert!(err.starts_with("ourplan: gone.json: No such file"), "{err}");
    // A value that is not JSON: the empty form is drawn, as the element draws it when a host
    // sets such a value, and the server hears why.
    let (out, err, outcome) = run_render(
        input("s.json", SCHEMA),
        Some(input("v.json", "{")),
        Lang::En,
        false,
    );
    assert_eq!(outcome, Outcome::Unreadable);
    assert!(
        out.contains("Your name") && !out.contains("data-ourplan-value"),
        "{out}"
    );
    assert!(err.contains("line 1"), "{err}");
}

fn run_assemble(
    body: &str,
    json_field: Option<&str>,
    page_out: Option<String>,
) -> (Value, String, Outcome) {
    run_assemble_within(body, json_field, page_out, Limits::default())
}

fn run_assemble_within(
    body: &str,
    json_field: Option<&str>,
    page_out: Option<String>,
    limits: Limits,
) -> (Value, String, Outcome) {
    let job = Assemble {
        page: Render {
            schema: input("s.json", SCHEMA),
            remotes: HashMap::new(),
            value: None,
            lang: Lang::Cy,
            level: ourplan_core::model::Level::Full,
            problems: false,
            stylesheet: String::new(),
            light: true,
            limits,
        },
        posted: input("-", body),
        json_field: json_field.map(str::to_owned),
        page_out,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let outcome = assemble(&job, &mut out, &mut err).unwrap();
    let line = String::from_utf8(out).unwrap();
    assert_eq!(line.lines().count(), 1, "{line}");
    (
        serde_json::from_str(&line).unwrap(),
        String::from_utf8(err).unwrap(),
        outcome,
    )
}

#[test]
fn assemble_reads_a_posted_form_with_the_kits_edits_and_words() {
    let (line, err, outcome) = run_assemble("%2Fname=Ann+Jones&%2Fage=42&csrf=abc", None, None);
    assert_eq!(outcome, Outcome::Valid, "{err}");
    assert_eq!(
        line["value"],
        serde_json::json!({"name": "Ann Jones", "age": 42})
    );
    assert_eq!(line["valid"], true);
    assert_eq!(line["action"], Value::Null);
    // The page's own fields (a token) are the host's, not unplaced.
    assert_eq!(line["unplaced"], serde_json::json!([]));
    let (line, _, outcome) = run_assemble("%2Fage=minus+one&%2Fnowhere=x", None, None);
    assert_eq!(outcome, Outcome::Invalid);
    assert_eq!(line["valid"], false);
    // Welsh, the kit's words, and the typed text kept.
    assert_eq!(line["errors"][0]["pointer"], "/name");
    assert!(
        line["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Rhowch"),
        "{line}"
    );
    assert_eq!(line["value"]["age"], "minus one");
    assert_eq!(
        line["unplaced"],
        serde_json::json!([{"name": "/nowhere", "value": "x"}])
    );
}

#[test]
fn assemble_takes_the_kits_json_when_the_kit_sent_it_and_draws_the_form_again() {
    let (line, _, outcome) = run_assemble(
        "record=%7B%22name%22%3A%22Sian%22%7D&%2Fname=ignored",
        Some("record"),
        None,
    );
    assert_eq!(outcome, Outcome::Valid);
    assert_eq!(line["value"], serde_json::json!({"name": "Sian"}));
    let dir = std::env::temp_dir().join(format!("ourplan-assemble-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("page.html");
    let (_, _, outcome) = run_assemble("%2Fage=-1", None, Some(page.display().to_string()));
    assert_eq!(outcome, Outcome::Invalid);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.starts_with(
            "<div class=\"op-light\" data-ourplan-prerendered=\"\" data-ourplan-value="
        ),
        "{html}"
    );
    assert!(
        html.contains("<button type=\"submit\" hidden tabindex=\"-1\"></button>"),
        "{html}"
    );
    assert!(html.contains("data-ourplan-problems"), "{html}");
    assert!(html.contains("name=\"/age\""), "{html}");
    assert!(html.contains("Mae problem"), "{html}");
    // A button pressed is not a record sent: exit 1, no error summary.
    let (line, _, outcome) = run_assemble(
        "%2Fname=Ann&op-action=reveal%3A%2Fage",
        None,
        Some(page.display().to_string()),
    );
    assert_eq!(outcome, Outcome::Invalid);
    assert_eq!(line["action"], "reveal:/age");
    assert!(
        !std::fs::read_to_string(&page)
            .unwrap()
            .contains("Mae problem")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn render_plan_reads_the_plan_back_with_the_tools_on_their_way_and_an_unreadable_plan_exits_2() {
    let plan = input(
        "plan.json",
        r#"{"format":"ourplan-plan","version":1,"title":"Fy nghynllun","nextId":2,
            "blocks":[{"id":"b1","kind":"text","label":"Beth sy'n bwysig","text":"Yr ardd <b>"}]}"#,
    );
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let outcome = render_plan(
        &plan,
        Lang::Cy,
        "/pkg/ourplan.css",
        &Limits::default(),
        &mut out,
        &mut err,
    )
    .unwrap();
    let html = String::from_utf8(out).unwrap();
    assert_eq!(outcome, Outcome::Valid, "{}", String::from_utf8_lossy(&err));
    assert!(html.starts_with("<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"/pkg/ourplan.css\"><div data-ourplan-prerendered=\"\" data-ourplan-value="), "{html}");
    assert!(
        html.contains("Fy nghynllun") && html.contains("Yr ardd &lt;b&gt;"),
        "{html}"
    );
    assert!(
        html.contains("Wrthi’n llwytho’r offer i newid eich cynllun…"),
        "{html}"
    );
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let outcome = render_plan(
        &input("bad.json", "[1, 2"),
        Lang::En,
        "x.css",
        &Limits::default(),
        &mut out,
        &mut err,
    )
    .unwrap();
    assert_eq!(outcome, Outcome::Unreadable);
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("Loading the tools to change your plan…")
    );
    assert!(
        String::from_utf8(err)
            .unwrap()
            .starts_with("ourplan: bad.json: ")
    );
}

#[test]
fn assemble_refuses_a_body_past_the_value_limit_unread_and_a_schema_it_cannot_use() {
    let limits = read_limits(&["valueBytes=100".to_owned()]).unwrap();
    let body = format!("%2Fname={}", "a".repeat(200));
    let (line, _, outcome) = run_assemble_within(&body, None, None, limits);
    assert_eq!(outcome, Outcome::Unreadable);
    assert!(
        line["error"]["detail"]
            .as_str()
            .unwrap()
            .contains("valueBytes"),
        "{line}"
    );
    let job = Assemble {
        page: Render {
            schema: input("s.json", "{\"type\": "),
            remotes: HashMap::new(),
            value: None,
            lang: Lang::En,
            level: ourplan_core::model::Level::Full,
            problems: false,
            stylesheet: String::new(),
            light: true,
            limits: Limits::default(),
        },
        posted: input("-", "%2Fname=Ann"),
        json_field: None,
        page_out: None,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(
        assemble(&job, &mut out, &mut err).unwrap(),
        Outcome::Unreadable
    );
    let line: Value = serde_json::from_slice(&out).unwrap();
    assert!(
        line["error"]["detail"].as_str().unwrap().contains("line 1"),
        "{line}"
    );
}

const PLAN: &str = r#"{"format": "ourplan-plan", "version": 1, "title": "Sam <plan>",
  "blocks": [
    {"id": "b1", "kind": "whatMatters", "text": "My cat & garden"},
    {"id": "b2", "kind": "outcome", "what": "Get out more", "howIWillKnow": "", "byWhen": "2027-05-01"},
    {"id": "b3", "kind": "budgetLine", "what": "PA", "costPence": 123456789, "frequency": "weekly",
     "paidFrom": "direct-payment", "outcomeId": "b2"}
  ]}"#;

fn run_export(plan: Input, format: ExportAs, lang: Lang) -> (String, String, Outcome) {
    let job = Export {
        plan,
        format,
        lang,
        subject: None,
        limits: Limits::default(),
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let outcome = export(&job, &mut out, &mut err).unwrap();
    (
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
        outcome,
    )
}

#[test]
fn export_fhir_writes_a_bundle_with_the_exact_amount_and_exits_0() {
    let (out, err, outcome) = run_export(input("plan.json", PLAN), ExportAs::Fhir, Lang::En);
    assert_eq!(outcome, Outcome::Valid);
    assert_eq!(err, "");
    let bundle: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["entry"][0]["resource"]["resourceType"], "CarePlan");
    assert_eq!(bundle["entry"][1]["resource"]["resourceType"], "Goal");
    assert!(out.contains("\"value\": 1234567.89"), "{out}");
    assert!(out.contains("Sam &lt;plan&gt;"), "{out}");
}

#[test]
fn export_about_me_markdown_and_json_write_their_forms() {
    let (out, _, outcome) = run_export(input("plan.json", PLAN), ExportAs::AboutMe, Lang::Cy);
    assert_eq!(outcome, Outcome::Valid);
    let about: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        about["sections"]["whatIsMostImportantToMe"]["entries"][0]["text"],
        "My cat & garden"
    );
    assert_eq!(
        about["sections"]["whatIsMostImportantToMe"]["heading"],
        "Beth sydd bwysicaf i mi"
    );
    let (out, _, _) = run_export(input("plan.json", PLAN), ExportAs::Markdown, Lang::En);
    assert!(out.starts_with("# Sam \\<plan\\>\n"), "{out}");
    let (out, _, _) = run_export(input("plan.json", PLAN), ExportAs::Json, Lang::En);
    let again: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(again["blocks"][2]["costPence"], 123456789);
}

#[test]
fn export_of_an_unreadable_plan_says_why_writes_nothing_and_exits_2() {
    let missing = Input {
        name: "gone.json".into(),
        text: Err("No such file or directory (os error 2)".into()),
    };
    let (out, err, outcome) = run_export(missing, ExportAs::Fhir, Lang::En);
    assert_eq!(outcome, Outcome::Unreadable);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "ourplan: gone.json: No such file or directory (os error 2)\n"
    );
    for text in ["{not json", r#"{"format": "something-else", "version": 1}"#] {
        let (out, err, outcome) = run_export(input("bad.json", text), ExportAs::AboutMe, Lang::En);
        assert_eq!(outcome, Outcome::Unreadable);
        assert_eq!(out, "");
        assert!(err.starts_with("ourplan: bad.json: "), "{err}");
    }
}
