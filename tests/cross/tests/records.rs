//! The shipped record schemas (`schemas/records/*.schema.json`) through the core.
//!
//! For each schema: it compiles; it lowers in English and in Welsh with no diagnostics (so every
//! `x-ourplan` annotation fits the vocabulary and everything is drawn as questions); every field
//! and option has words in both languages, and the Welsh is not the English left untranslated;
//! free text has a `maxLength`; and the examples beside it (`<name>.examples.json`) behave: valid
//! values have no problems, invalid ones have problems at exactly the pointers listed. It also
//! prints how many fields the brief record shows, out of all the schema offers.

use ourplan_core::model::{Conditional, InputKind, Level, Node, lower_in};
use ourplan_core::schema::Compiled;
use ourplan_core::{Kind, Lang};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Where every record schema's `$id` lives.
const ID_BASE: &str = "https://ourplan.example/schemas/records/";

/// The one `$schema` the records use.
const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Text the kit shows in English even where the schema gives Welsh, as (schema name, pointer,
/// what, why). An entry that matches nothing untranslated fails the run, so it comes off the list
/// once the kit is fixed.
#[rustfmt::skip]
const KNOWN_UNTRANSLATED: &[(&str, &str, &str, &str)] = &[];

/// One record schema and its examples.
struct Record {
    name: String,
    schema: Value,
    examples: Value,
}

fn records_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/records")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Every `*.schema.json` in schemas/records, by name, with its examples file.
fn records() -> Vec<Record> {
    let dir = records_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| {
            let file = entry.ok()?.file_name().into_string().ok()?;
            file.strip_suffix(".schema.json").map(str::to_owned)
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| Record {
            schema: read_json(&dir.join(format!("{name}.schema.json"))),
            examples: read_json(&dir.join(format!("{name}.examples.json"))),
            name,
        })
        .collect()
}

/// Every node of a lowered model, in document order, including what only shows with the
/// answers: array item templates, conditional fields and the fields of each shape of a choice.
fn all_nodes(node: &Node) -> Vec<&Node> {
    fn go<'a>(n: &'a Node, out: &mut Vec<&'a Node>) {
        out.push(n);
        match &n.kind {
            Kind::Object {
                children,
                conditionals,
                ..
            } => {
                children.iter().for_each(|c| go(c, out));
                conditional_nodes(conditionals).for_each(|c| go(c, out));
            }
            Kind::Array { item, prefix, .. } => {
                prefix
                    .iter()
                    .chain(item.as_deref())
                    .for_each(|c| go(c, out));
            }
            Kind::Alternatives { branches, .. } => {
                branches.iter().for_each(|b| go(&b.node, out));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    go(node, &mut out);
    out
}

fn conditional_nodes(conditionals: &[Conditional]) -> impl Iterator<Item = &Node> {
    conditionals
        .iter()
        .flat_map(|c| c.then.iter().chain(&c.otherwise))
}

/// Whether a node is a question a person answers (groups and lists only hold questions).
fn is_question(node: &Node) -> bool {
    !matches!(node.kind, Kind::Object { .. } | Kind::Array { .. })
}

/// Option labels of a choice, if the node is one.
fn option_labels(node: &Node) -> Vec<&str> {
    match &node.kind {
        Kind::Choice { options, .. } | Kind::MultiChoice { options } => {
            options.iter().map(|o| o.label.as_str()).collect()
        }
        _ => Vec::new(),
    }
}

/// Questions in the schema, and how many of them the brief record shows.
#[derive(Default)]
struct Count {
    total: usize,
    /// Shown by the brief record as it opens.
    brief: usize,
    /// Shown at brief level once an answer calls for them (conditional fields, a shape's fields).
    brief_later: usize,
}

/// Counts as `RecordState::is_shown` decides at level brief: a field shows when it is required,
/// its level is brief, or it has no level and its group shows (the record's own top level does
/// not count as a shown group at brief). Array items show once added.
fn count(node: &Node, parent_shown: bool, inherited: bool, later: bool, c: &mut Count) {
    let shown = parent_shown
        && (node.required
            || match node.level {
                Some(level) => level <= Level::Brief,
                None => inherited,
            });
    if is_question(node) {
        c.total += 1;
        match (shown, later) {
            (true, false) => c.brief += 1,
            (true, true) => c.brief_later += 1,
            _ => {}
        }
    }
    match &node.kind {
        Kind::Object {
            children,
            conditionals,
            ..
        } => {
            for child in children {
                count(child, shown, true, later, c);
            }
            for extra in conditional_nodes(conditionals) {
                count(extra, shown, true, true, c);
            }
        }
        Kind::Array { item, prefix, .. } => {
            for template in prefix.iter().chain(item.as_deref()) {
                // An added item is required (the person added it), so it shows.
                let item_node = Node {
                    required: true,
                    ..template.clone()
                };
                count(&item_node, shown, true, later, c);
            }
        }
        Kind::Alternatives { branches, .. } => {
            for branch in branches {
                count(&branch.node, shown, true, true, c);
            }
        }
        _ => {}
    }
}

/// The root's fields at brief: the top level is not a shown group.
fn brief_count(root: &Node) -> Count {
    let mut c = Count::default();
    match &root.kind {
        Kind::Object {
            children,
            conditionals,
            ..
        } => {
            for child in children {
                count(child, true, false, false, &mut c);
            }
            for extra in conditional_nodes(conditionals) {
                count(extra, true, false, true, &mut c);
            }
        }
        _ => count(root, true, true, false, &mut c),
    }
    c
}

/// Checks one record, returning what is wrong (empty when all is well) and its brief count.
fn check(
    record: &Record,
    untranslated_seen: &mut BTreeSet<(String, String, String)>,
) -> (Vec<String>, Count) {
    let mut wrong = Vec::new();
    let name = record.name.as_str();
    let schema = &record.schema;

    if schema.get("$schema").and_then(Value::as_str) != Some(DRAFT) {
        wrong.push(format!("$schema is not {DRAFT}"));
    }
    let id = format!("{ID_BASE}{name}.schema.json");
    if schema.get("$id").and_then(Value::as_str) != Some(id.as_str()) {
        wrong.push(format!("$id is not {id}"));
    }

    let compiled = match Compiled::new(schema, &HashMap::new()) {
        Ok(c) => Some(c),
        Err(e) => {
            wrong.push(format!("does not compile: {e:?}"));
            None
        }
    };

    // Lowering, in both languages.
    let (en, en_diags) = lower_in(schema, Lang::En);
    let (cy, cy_diags) = lower_in(schema, Lang::Cy);
    for (lang, diags) in [("en", &en_diags), ("cy", &cy_diags)] {
        for d in diags.iter() {
            wrong.push(format!(
                "diagnostic ({lang}) at {}: {}",
                d.schema_pointer, d.message
            ));
        }
    }
    let en_nodes = all_nodes(&en.root);
    let cy_nodes = all_nodes(&cy.root);
    assert_eq!(
        en_nodes.len(),
        cy_nodes.len(),
        "{name}: the two languages lower to different shapes"
    );

    for (e, c) in en_nodes.iter().zip(&cy_nodes) {
        let at = if e.pointer.is_empty() {
            "(the record)"
        } else {
            e.pointer.as_str()
        };
        // Labels and option labels: present in both languages.
        for (lang, n) in [("en", e), ("cy", c)] {
            if n.label.trim().is_empty() {
                wrong.push(format!("{at}: no label in {lang}"));
            }
            if option_labels(n).iter().any(|l| l.trim().is_empty()) {
                wrong.push(format!("{at}: an option with no label in {lang}"));
            }
        }
        // Welsh that is the English left as it is.
        let mut same = Vec::new();
        if e.label == c.label {
            same.push(("label", e.label.clone()));
        }
        if e.hint.is_some() && e.hint == c.hint {
            same.push(("hint", e.hint.clone().unwrap_or_default()));
        }
        let (eo, co) = (option_labels(e), option_labels(c));
        if !eo.is_empty() && eo == co {
            same.push(("options", eo.join(" | ")));
        }
        for (key, en_text) in &e.messages {
            if c.messages.get(key) == Some(en_text) {
                same.push(("messages", en_text.clone()));
            }
        }
        for (what, text) in same {
            let known = KNOWN_UNTRANSLATED
                .iter()
                .any(|(n, p, w, _)| *n == name && *p == e.pointer && *w == what);
            if known {
                untranslated_seen.insert((name.to_owned(), e.pointer.clone(), what.to_owned()));
            } else {
                wrong.push(format!(
                    "{at}: the Welsh {what} is the English one: {text:?}"
                ));
            }
        }
        // Free text has a limit.
        if let Kind::Text {
            input: InputKind::Text | InputKind::Email | InputKind::Url | InputKind::Tel,
            max_length: None,
            ..
        } = e.kind
        {
            wrong.push(format!("{at}: free text with no maxLength"));
        }
    }

    // Examples.
    let list = |key: &str| record.examples[key].as_array().cloned().unwrap_or_default();
    let (valid, invalid) = (list("valid"), list("invalid"));
    if valid.len() < 2 || invalid.len() < 2 {
        wrong.push(format!(
            "examples: {} valid and {} invalid; at least 2 of each",
            valid.len(),
            invalid.len()
        ));
    }
    if let Some(compiled) = &compiled {
        for example in &valid {
            let problems = compiled.problems(&example["value"]);
            if !problems.is_empty() {
                let at: Vec<&str> = problems.iter().map(|p| p.pointer.as_str()).collect();
                wrong.push(format!(
                    "valid example {}: problems at {at:?}",
                    example["description"]
                ));
            }
        }
        for example in &invalid {
            let got: BTreeSet<String> = compiled
                .problems(&example["value"])
                .into_iter()
                .map(|p| p.pointer)
                .collect();
            let expected: BTreeSet<String> = example["pointers"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            if expected.is_empty() || got != expected {
                wrong.push(format!(
                    "invalid example {}: problems at {got:?}, expected {expected:?}",
                    example["description"]
                ));
            }
        }
    }

    (wrong, brief_count(&en.root))
}

#[test]
fn every_record_schema_compiles_speaks_both_languages_and_keeps_to_its_examples() {
    let records = records();
    assert!(
        records.len() >= 4,
        "expected the four shipped records in {}, found {}",
        records_dir().display(),
        records.len()
    );
    let mut report = String::new();
    let mut untranslated_seen = BTreeSet::new();
    for record in &records {
        let (wrong, c) = check(record, &mut untranslated_seen);
        let later = if c.brief_later > 0 {
            format!(" ({} more once the answers call for them)", c.brief_later)
        } else {
            String::new()
        };
        println!(
            "{}: brief shows {} of {} fields{later}",
            record.name, c.brief, c.total
        );
        for w in wrong {
            let _ = writeln!(report, "{}: {w}", record.name);
        }
    }
    for (name, pointer, what, why) in KNOWN_UNTRANSLATED {
        let key = (name.to_string(), pointer.to_string(), what.to_string());
        if !untranslated_seen.contains(&key) {
            let _ = writeln!(
                report,
                "{name}: {pointer} {what} are translated now ({why}): take it off KNOWN_UNTRANSLATED"
            );
        }
    }
    assert!(report.is_empty(), "\n{report}");
}
