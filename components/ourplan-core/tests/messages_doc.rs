//! docs/messages.md: every message the kit shows, in English and Welsh, generated from the
//! catalogue. This test fails when the document is out of date; to bring it up to date, run
//! `OURPLAN_BLESS=1 cargo test -p ourplan-core --test messages_doc`.

use serde_json::{Map, Value};
use std::fmt::Write as _;
use std::path::PathBuf;

/// The catalogue's areas, each an English and a Welsh file, in the order the document shows them.
const AREAS: [(&str, &str, &str); 2] = [
    ("The record (`<ourplan-record>`)", "en.json", "cy.json"),
    (
        "The plan builder (`<ourplan-plan>`)",
        "plan.en.json",
        "plan.cy.json",
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(file: &str) -> Value {
    let path = root().join("components/ourplan-core/messages").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A table cell: plural forms one to a line, and nothing that breaks a Markdown table.
fn cell(value: Option<&Value>) -> String {
    let escape = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('|', "\\|")
            .replace('*', "\\*")
            .replace('<', "&lt;")
            .replace('\n', "<br>")
    };
    match value {
        Some(Value::String(s)) => escape(s),
        Some(Value::Object(forms)) => forms
            .iter()
            .map(|(form, text)| format!("*{form}:* {}", escape(text.as_str().unwrap_or(""))))
            .collect::<Vec<_>>()
            .join("<br>"),
        _ => "(missing)".to_owned(),
    }
}

fn messages(v: &Value) -> Map<String, Value> {
    v["messages"].as_object().cloned().unwrap_or_default()
}

fn render() -> String {
    let mut out = String::new();
    let cy_meta = &read("cy.json")["_meta"];
    let status = cy_meta["status"].as_str().unwrap_or("");
    let _ = write!(
        out,
        "# Every message, in English and Welsh\n\n\
         Generated from `components/ourplan-core/messages/*.json` by \
         `components/ourplan-core/tests/messages_doc.rs`: do not edit by hand. After changing the \
         catalogue, run `OURPLAN_BLESS=1 cargo test -p ourplan-core --test messages_doc`.\n\n\
         Welsh status: {status}.\n\n\
         `{{name}}` marks a word the kit fills in. Plural messages list each form the language \
         has (English: one, other; Welsh: zero, one, two, few, many, other).\n"
    );
    for (title, en_file, cy_file) in AREAS {
        let en = messages(&read(en_file));
        let cy = messages(&read(cy_file));
        let _ = write!(
            out,
            "\n## {title}\n\n{} messages.\n\n| Key | English | Welsh |\n|---|---|---|\n",
            en.len()
        );
        for (key, text) in &en {
            let _ = writeln!(
                out,
                "| `{key}` | {} | {} |",
                cell(Some(text)),
                cell(cy.get(key))
            );
        }
        for key in cy.keys().filter(|k| !en.contains_key(*k)) {
            let _ = writeln!(out, "| `{key}` | (missing) | {} |", cell(cy.get(key)));
        }
    }
    out
}

#[test]
fn docs_messages_md_is_up_to_date() {
    let path = root().join("docs/messages.md");
    let want = render();
    if std::env::var_os("OURPLAN_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/messages.md is out of date with the message catalogue: run \
         `OURPLAN_BLESS=1 cargo test -p ourplan-core --test messages_doc` and commit it"
    );
}

#[test]
fn the_document_lists_every_key_in_both_languages() {
    let doc = render();
    for (_, en_file, cy_file) in AREAS {
        for file in [en_file, cy_file] {
            for key in messages(&read(file)).keys() {
                assert!(doc.contains(&format!("| `{key}` |")), "{key}");
            }
        }
    }
    assert!(
        !doc.contains("(missing)"),
        "a key is missing in one language"
    );
}
