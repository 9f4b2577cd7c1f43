//! Reading plan files, the one way in for every plan: the document schema
//! (`schemas/plan.schema.json`), `import_json` (refusing a bad or foreign file with a reason the
//! person can act on, and saying where), the checks a plan passes before it is edited
//! (`check_plan`), and what to tell the person about parts this version cannot show. Editing,
//! starters and export depend on this module; it depends on none of them.

use super::document::{Block, Body, FORMAT, Kind, Plan, VERSION};
use super::error::{Error, ErrorKind};
use super::tree::{self, Index};
use super::{Arg, Message};
use crate::limits::{Limit, Limits};
use crate::schema::{Compiled, Problem};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
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
        // Answer lengths are the reader's to check, against the limits it is given.
        .get_or_init(|| {
            Compiled::within(
                plan_schema(),
                &HashMap::new(),
                &Limits::default().answers_unbounded(),
            )
            .ok()
        })
        .as_ref()
}

/// Reads a plan file. Refused, with an error kind and a message for the person:
/// text that is not JSON; JSON that is not an ourplan plan (`format`); a plan from a newer kit
/// (`version`); a plan that does not fit `plan.schema.json`; repeated ids or sections nested too
/// deep. The caller's current plan is never touched: this returns a new one.
pub fn import_json(text: &str) -> Result<Plan, Error> {
    import_json_within(text, &Limits::default())
}

/// [`import_json`] within `limits`: a file larger than `valueBytes` is refused before it is
/// read, one with more than `planBlocks` blocks after. (Answers longer than `textChars` are kept:
/// a person may have typed them, and the file is theirs.)
pub fn import_json_within(text: &str, limits: &Limits) -> Result<Plan, Error> {
    over(Limit::ValueBytes, text.len(), limits.value_bytes)?;
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
    let plan = check_plan(plan)?;
    over(
        Limit::PlanBlocks,
        count_blocks(&plan.blocks),
        limits.plan_blocks,
    )?;
    Ok(plan)
}

/// Refuses `found` past `allowed`.
pub(super) fn over(limit: Limit, found: usize, allowed: usize) -> Result<(), Error> {
    if found <= allowed {
        return Ok(());
    }
    Err(ErrorKind::OverLimit {
        limit,
        allowed,
        found,
    }
    .into())
}

/// How many blocks `blocks` hold, sections' contents included (no recursion).
pub(super) fn count_blocks(blocks: &[Block]) -> usize {
    let mut count = 0;
    let mut todo: Vec<&[Block]> = vec![blocks];
    while let Some(level) = todo.pop() {
        count += level.len();
        for b in level {
            if let Body::Section { children, .. } = &b.body {
                todo.push(children);
            }
        }
    }
    count
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

/// Checks a plan handed over for editing: ids unique across blocks, items and reviews, nesting
/// within [`MAX_DEPTH`]; and moves the id counter past every id that looks like one of ours
/// (letters then digits), so a file edited by hand cannot make the kit reuse an id.
pub(super) fn check_plan(mut plan: Plan) -> Result<Plan, Error> {
    Index::build(&plan.blocks)?;
    let mut seen = HashSet::new();
    tree::collect_ids(&plan.blocks, &mut seen)?;
    for review in &plan.reviews {
        if !seen.insert(&review.id) {
            return Err(ErrorKind::DuplicateId {
                id: review.id.clone(),
            }
            .into());
        }
    }
    let highest = seen
        .iter()
        .filter_map(|id| {
            let digits = id.trim_start_matches(|c: char| c.is_ascii_lowercase());
            let numbered = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
            numbered.then(|| digits.parse::<u64>().ok()).flatten()
        })
        .max();
    let floor = highest.map_or(1, |h| h.saturating_add(1));
    plan.next_id = plan.next_id.max(floor);
    Ok(plan)
}
