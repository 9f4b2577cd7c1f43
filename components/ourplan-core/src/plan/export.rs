//! Plan files: JSON export that round-trips exactly, a plain-text (Markdown) export in the
//! person's own order and headings, and JSON import that refuses a bad or foreign file with a
//! clear reason before anything changes.

use super::budget::{balance, period_key, totals};
use super::document::{Block, Body, FORMAT, Frequency, Kind, ManagedAs, Plan, VERSION};
use super::edit::check_plan;
use super::error::{Error, ErrorKind};
use super::fingerprint::fingerprint;
use super::money::format_pence;
use super::{Arg, Message};
use crate::i18n::{Lang, t};
use crate::schema::{Compiled, Problem};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

/// The plan document schema, `schemas/plan.schema.json`.
pub fn plan_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::from_str(include_str!("../../../../schemas/plan.schema.json"))
            .unwrap_or(Value::Bool(true))
    })
}

/// The schema, compiled once. The shipped schema is checked by tests; were it ever broken,
/// import would still refuse what serde cannot read.
pub(crate) fn compiled_schema() -> Option<&'static Compiled> {
    static COMPILED: OnceLock<Option<Compiled>> = OnceLock::new();
    COMPILED
        .get_or_init(|| Compiled::new(plan_schema(), &HashMap::new()).ok())
        .as_ref()
}

/// The plan as pretty-printed JSON. `import_json(&to_json(plan))` gives the same plan back,
/// unknown fields included.
pub fn to_json(plan: &Plan) -> String {
    // A plan is strings, numbers and maps with string keys: serialising it cannot fail.
    let mut text = serde_json::to_string_pretty(plan).unwrap_or_default();
    text.push('\n');
    text
}

/// The plan as compact JSON: what the element hands its form and its host after every change
/// (it is written on every keystroke, so it skips the indentation a person reading the file
/// would want). Reads back exactly as [`to_json`]'s text does.
pub fn to_compact_json(plan: &Plan) -> String {
    serde_json::to_string(plan).unwrap_or_default()
}

/// Reads a plan file. Refused, with an error kind and a message for the person:
/// text that is not JSON; JSON that is not an ourplan plan (`format`); a plan from a newer kit
/// (`version`); a plan that does not fit `plan.schema.json`; repeated ids or sections nested too
/// deep. The caller's current plan is never touched: this returns a new one.
pub fn import_json(text: &str) -> Result<Plan, Error> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Error::new(ErrorKind::NotJson {
            line: e.line(),
            column: e.column(),
            detail: e.to_string(),
        })
    })?;
    match value.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => {
            return Err(ErrorKind::NotAPlan {
                found: Some(f.clone()),
            }
            .into());
        }
        Some(other) => {
            return Err(ErrorKind::NotAPlan {
                found: Some(other.to_string()),
            }
            .into());
        }
        None => return Err(ErrorKind::NotAPlan { found: None }.into()),
    }
    // Checked before the schema: a newer plan may use shapes this schema does not know, and
    // "made with a newer version" is the helpful thing to say.
    if let Some(found) = value.get("version").and_then(Value::as_u64) {
        if found > VERSION {
            return Err(ErrorKind::NewerVersion {
                found,
                newest: VERSION,
            }
            .into());
        }
    }
    if let Some(schema) = compiled_schema() {
        let problems = schema.problems(&value);
        if !problems.is_empty() {
            let place = problems.first().and_then(|p| place_in(&value, &p.pointer));
            return Err(ErrorKind::DoesNotFit { problems, place }.into());
        }
    }
    let plan: Plan = serde_json::from_value(value).map_err(|e| {
        Error::new(ErrorKind::DoesNotFit {
            place: None,
            problems: vec![Problem {
                pointer: String::new(),
                schema_path: String::new(),
                keyword: e.to_string(),
                message: Message::new("error.type_other"),
            }],
        })
    })?;
    check_plan(plan)
}

/// Where `pointer` is in a plan file, in the person's words: the innermost part (block) it is
/// in, numbered as the screen shows them ("3", or "3.1" for the first part inside part 3) with
/// its words or its kind, and the field's name when the kit knows it. `None` outside the blocks.
pub fn place_in(plan: &Value, pointer: &str) -> Option<Message> {
    let tokens = crate::pointer::tokens(pointer);
    let mut numbers = Vec::new();
    let mut block = None;
    let mut rest: &[String] = &[];
    let mut at = plan;
    let mut i = 0;
    while i + 1 < tokens.len() && matches!(tokens[i].as_str(), "blocks" | "children") {
        let index: usize = tokens[i + 1].parse().ok()?;
        at = at.get(&tokens[i])?.get(index)?;
        numbers.push((index + 1).to_string());
        block = Some(at);
        rest = &tokens[i + 2..];
        i += 2;
    }
    let block = block?;
    let kind = block
        .get("kind")
        .and_then(Value::as_str)
        .and_then(Kind::from_name);
    let first_item = |k: &str| {
        block
            .get(k)
            .and_then(Value::as_array)
            .and_then(|items| items.first())
            .and_then(|i| i.get("text"))
    };
    let words = ["title", "text", "what", "name", "label"]
        .iter()
        .filter_map(|k| block.get(*k))
        .chain(["items", "pleaseDo"].iter().filter_map(|k| first_item(k)))
        .filter_map(Value::as_str)
        .map(str::trim)
        .find(|w| !w.is_empty());
    let name = match (words, kind) {
        (Some(w), _) => Arg::Text(w.lines().next().unwrap_or(w).chars().take(40).collect()),
        (None, Some(k)) => Arg::Key(k.label()),
        (None, None) => Arg::Key("plan.kind.unknown"),
    };
    let field = rest
        .first()
        .and_then(|f| kind.and_then(|k| k.field(f)))
        .map(|f| Arg::Key(f.label));
    let mut place = Message::new(if field.is_some() {
        "plan.error.place_field"
    } else {
        "plan.error.place"
    })
    .text("number", numbers.join("."))
    .arg("name", name);
    if let Some(field) = field {
        place = place.arg("field", field);
    }
    Some(place)
}

/// The parts of `plan` this version cannot show (kinds it does not know), each in the person's
/// words, to tell them after opening a file: what it is, and that it is kept as it came.
pub fn unknown_parts(plan: &Plan) -> Vec<Message> {
    fn go(blocks: &[Block], prefix: &str, out: &mut Vec<Message>) {
        for (i, block) in blocks.iter().enumerate() {
            let number = format!("{prefix}{}", i + 1);
            if let Body::Unknown { kind } = &block.body {
                out.push(
                    Message::new("plan.import.unknown_part")
                        .text("number", number.clone())
                        .text("kind", kind.clone()),
                );
            }
            go(block.body.children(), &format!("{number}."), out);
        }
    }
    let mut out = Vec::new();
    go(&plan.blocks, "", &mut out);
    out
}

/// The plan as Markdown that reads well as plain text: the person's blocks in their order, with
/// their headings, then the budget, the reviews and the sign-off. Words are the person's own;
/// only the labels come from the catalogue, in `lang`.
pub fn to_markdown(plan: &Plan, lang: Lang) -> String {
    let mut out = String::new();
    let title = if plan.title.trim().is_empty() {
        t(lang, "plan.title_default", &[])
    } else {
        plan.title.trim().to_owned()
    };
    let _ = writeln!(out, "# {}\n", one_line(&title));
    blocks(&mut out, &plan.blocks, 2, lang);
    budget(&mut out, plan, lang);
    reviews(&mut out, plan, lang);
    if let Some(s) = &plan.signoff {
        let role = if s.role.is_empty() {
            String::new()
        } else {
            format!(" ({})", s.role)
        };
        let who = format!("{}{role}", s.name);
        let at = readable_date(lang, s.at.get(..10).unwrap_or(&s.at));
        let _ = writeln!(
            out,
            "{}\n",
            t(
                lang,
                "plan.export.signed_off",
                &[("who", &who), ("at", &at)]
            )
        );
        if s.fingerprint != fingerprint(plan) {
            let _ = writeln!(out, "{}\n", t(lang, "plan.export.changed_since", &[]));
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

fn blocks(out: &mut String, list: &[Block], level: usize, lang: Lang) {
    for block in list {
        block_text(out, block, level, lang);
    }
}

fn block_text(out: &mut String, block: &Block, level: usize, lang: Lang) {
    let hashes = "#".repeat(level.min(6));
    let label = |key: &str| t(lang, key, &[]);
    let field = |name: &str| {
        block
            .kind()
            .field(name)
            .map(|f| label(f.label))
            .unwrap_or_default()
    };
    match &block.body {
        Body::Section { title, children } => {
            let title = if title.trim().is_empty() {
                label("plan.kind.section")
            } else {
                one_line(title)
            };
            let _ = writeln!(out, "{hashes} {title}\n");
            blocks(out, children, level + 1, lang);
        }
        Body::Heading { text } if !text.trim().is_empty() => {
            let _ = writeln!(out, "{hashes} {}\n", one_line(text));
        }
        Body::Text { text } => paragraphs(out, text),
        Body::WhatMatters { text } if !text.trim().is_empty() => {
            let _ = writeln!(out, "**{}**\n", label("plan.kind.whatMatters"));
            paragraphs(out, text);
        }
        Body::List { items } | Body::Checklist { items } => {
            let checklist = block.kind() == super::Kind::Checklist;
            for item in items.iter().filter(|i| !i.text.trim().is_empty()) {
                let tick = match (checklist, item.done) {
                    (false, _) => "",
                    (true, Some(true)) => "[x] ",
                    (true, _) => "[ ] ",
                };
                let _ = writeln!(out, "- {tick}{}", one_line(&item.text));
            }
            out.push('\n');
        }
        Body::DoDont {
            please_do,
            please_dont,
        } => {
            for (name, items) in [("pleaseDo", please_do), ("pleaseDont", please_dont)] {
                if items.iter().all(|i| i.text.trim().is_empty()) {
                    continue;
                }
                let _ = writeln!(out, "**{}**\n", field(name));
                for item in items.iter().filter(|i| !i.text.trim().is_empty()) {
                    let _ = writeln!(out, "- {}", one_line(&item.text));
                }
                out.push('\n');
            }
        }
        Body::LabelValue { label: l, value } => {
            if !l.trim().is_empty() || !value.trim().is_empty() {
                let _ = writeln!(out, "**{}:** {}\n", one_line(l), one_line(value));
            }
        }
        Body::BudgetLine {
            what,
            cost_pence,
            frequency,
            paid_from,
            ..
        } => {
            let cost = cost_words(*cost_pence, *frequency, lang);
            let from = label(paid_from.label());
            let _ = writeln!(out, "- {}: {cost} ({from})\n", one_line(what));
        }
        // Kept in the JSON file as it came; in Markdown, said to be there and not shown.
        Body::Unknown { .. } => {
            let _ = writeln!(out, "*{}*\n", label("plan.kind.unknown"));
        }
        Body::Person { .. } | Body::Outcome { .. } | Body::Action { .. } => {
            let names: Vec<&str> = block.kind().fields().iter().map(|f| f.name).collect();
            let filled: Vec<(String, &str)> = names
                .iter()
                .filter_map(|n| Some((field(n), block.body.text(n)?.trim())))
                .filter(|(_, v)| !v.is_empty())
                .collect();
            if filled.is_empty() {
                return;
            }
            let _ = writeln!(out, "**{}**\n", label(block.kind().label()));
            for (name, value) in filled {
                let _ = writeln!(out, "- {name}: {}", one_line(value));
            }
            out.push('\n');
        }
        // Empty headings and "what matters" blocks say nothing.
        Body::Heading { .. } | Body::WhatMatters { .. } => {}
    }
}

fn budget(out: &mut String, plan: &Plan, lang: Lang) {
    let b = &plan.budget;
    let Ok(totals) = totals(plan) else {
        return;
    };
    if b.indicative.is_none() && totals.lines == 0 && b.how_worked_out.trim().is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", t(lang, "plan.export.budget", &[]));
    let mut line = |key: &str, value: String| {
        let _ = writeln!(out, "- {}: {value}", t(lang, key, &[]));
    };
    if let Some(i) = &b.indicative {
        let amount = format_pence(i.amount_pence.into());
        line(
            "plan.export.indicative",
            t(lang, period_key(i.period, "amount"), &[("amount", &amount)]),
        );
    }
    if !b.how_worked_out.trim().is_empty() {
        line("plan.export.how_worked_out", one_line(&b.how_worked_out));
    }
    if b.managed_as != ManagedAs::NotSaid {
        line("plan.export.managed_as", t(lang, b.managed_as.label(), &[]));
    }
    if totals.lines > 0 {
        let week = |p: i128| {
            let amount = format_pence(p);
            t(lang, "plan.budget.amount.week", &[("amount", &amount)])
        };
        line("plan.export.regular", week(totals.weekly));
        if totals.one_off > 0 {
            line("plan.export.one_off", format_pence(totals.one_off));
        }
        if totals.own_yearly > 0 || totals.own_one_off > 0 {
            line("plan.export.own_money", week(totals.own_weekly));
        }
    }
    if let Ok(Some(balance)) = balance(plan) {
        let _ = writeln!(out, "\n{}", balance.message().render(lang));
    }
    out.push('\n');
}

/// "23 November 2026" for an ISO date; anything else as it was written.
fn readable_date(lang: Lang, iso: &str) -> String {
    crate::format::date(lang, iso).unwrap_or_else(|| iso.to_owned())
}

fn reviews(out: &mut String, plan: &Plan, lang: Lang) {
    if plan.reviews.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", t(lang, "plan.export.reviews", &[]));
    for r in &plan.reviews {
        let heading = if r.date.is_empty() {
            t(lang, "plan.export.review", &[])
        } else {
            t(
                lang,
                "plan.export.review_on",
                &[("date", &readable_date(lang, &r.date))],
            )
        };
        let _ = writeln!(out, "### {heading}\n");
        for (key, value) in [
            ("plan.review.by", &r.by),
            ("plan.review.working", &r.working),
            ("plan.review.notWorking", &r.not_working),
            ("plan.review.changes", &r.changes),
        ] {
            if !value.trim().is_empty() {
                let _ = writeln!(out, "- {}: {}", t(lang, key, &[]), one_line(value));
            }
        }
        out.push('\n');
    }
}

/// "£150.00 a week", "£300.00 once".
pub fn cost_words(pence: u64, frequency: Frequency, lang: Lang) -> String {
    let amount = format_pence(pence.into());
    let key = match frequency {
        Frequency::Weekly => "plan.budget.amount.week",
        Frequency::Monthly => "plan.budget.amount.month",
        Frequency::Yearly => "plan.budget.amount.year",
        Frequency::OneOff => "plan.budget.amount.one_off",
    };
    t(lang, key, &[("amount", &amount)])
}

/// Paragraphs as they were typed, one blank line apart, each line made safe to read as text.
fn paragraphs(out: &mut String, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    for line in text.lines() {
        let _ = writeln!(out, "{}", escape_line(line.trim_end()));
    }
    out.push('\n');
}

/// One line of the person's words for a heading or a list item: line breaks become spaces.
fn one_line(text: &str) -> String {
    let joined: Vec<&str> = text.split_whitespace().collect();
    escape_line(&joined.join(" "))
}

/// Stops a line of the person's words from being read as Markdown structure (a heading, a
/// quote, a list) by a Markdown reader, without changing how it reads as plain text.
fn escape_line(line: &str) -> String {
    let start = line.trim_start();
    let digits = start.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = digits > 0 && matches!(start.as_bytes().get(digits), Some(b'.' | b')'));
    if numbered {
        return format!("{}\\{}", &start[..digits], &start[digits..]);
    }
    let marker = start.starts_with(['#', '>', '=', '|'])
        || ["- ", "+ ", "* ", "--", "***", "___"]
            .iter()
            .any(|m| start.starts_with(m));
    if marker {
        format!("\\{start}")
    } else {
        line.to_owned()
    }
}
