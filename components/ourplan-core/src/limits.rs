//! The kit's limits on what it reads: each a documented default a host may change (the
//! elements' `limits` property, `validate()` and `compile()`'s `limits` option, the command's
//! `--limit NAME=N`). They keep a hostile or mistaken schema, value or plan file from freezing a
//! phone or a server, and each has its own message.
//!
//! Two kinds of limit behave differently, so that nothing a person typed is ever lost:
//! - what a host hands over (a schema, a value, a plan file) over a limit is **refused** with a
//!   message, and what the element held is kept;
//! - what a person types over a limit (a very long answer, a very long list) is **kept** and
//!   shown as a problem at its field, so the record is not valid until it is shortened.

use crate::error::{Error, ErrorKind};
use crate::i18n::Lang;
use crate::message::Message;
use crate::pointer;
use crate::schema::Problem;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// What the kit accepts. `Limits::default()` is what every element, `validate()` and the command
/// use unless the host says otherwise; the README lists the defaults and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Limits {
    /// Largest schema text, in bytes (each schema a host hands over, including `remotes`).
    pub schema_bytes: usize,
    /// Largest value or plan file handed over, in bytes (JSON text).
    pub value_bytes: usize,
    /// How deeply a schema, a value or a plan file may nest. At most [`MAX_DEPTH`]: the JSON
    /// reader's own limit, which keeps the stack safe.
    pub depth: usize,
    /// How many local `$ref`s may be followed one after another without moving into the value
    /// (through `$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`). At most
    /// [`MAX_REF_CHAIN`]: the validator follows such a chain on the stack.
    pub ref_chain: usize,
    /// Most items in any one list (JSON array) of a record.
    pub list_items: usize,
    /// Most blocks in a plan (sections and the blocks inside them all count).
    pub plan_blocks: usize,
    /// Longest single answer or plan text, in characters (Unicode code points, as `maxLength`).
    pub text_chars: usize,
    /// How much backtracking a schema's `pattern` may do on one answer before the answer is
    /// reported as "could not be checked" (the regular-expression engine's backtrack limit).
    pub pattern_steps: usize,
}

/// The deepest nesting the JSON reader allows (serde_json's recursion limit); `depth` may be
/// lowered, never raised past it.
pub const MAX_DEPTH: usize = 128;

/// The longest `$ref` chain a host may allow. Measured in Chromium (December 2026): a chain of
/// 3,000 compiles and validates; one of 10,000 overflows the wasm stack.
pub const MAX_REF_CHAIN: usize = 1_000;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            schema_bytes: 2_000_000,
            value_bytes: 20_000_000,
            depth: MAX_DEPTH,
            ref_chain: 100,
            list_items: 100_000,
            plan_blocks: 2_000,
            text_chars: 1_000_000,
            pattern_steps: 100_000,
        }
    }
}

/// Which limit was passed, for the error that refuses an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// The schema text is larger than `schema_bytes`.
    SchemaBytes,
    /// A value or plan file is larger than `value_bytes`.
    ValueBytes,
    /// A file a person chose (to open or combine) is larger than `value_bytes`: told apart from
    /// [`Limit::ValueBytes`] because the person, not the host, can do something about it.
    FileBytes,
    /// A schema nests deeper than `depth`.
    SchemaDepth,
    /// A value or plan file nests deeper than `depth`.
    ValueDepth,
    /// The schema's `$ref`s chain further than `ref_chain`.
    RefChain,
    /// A plan has more blocks than `plan_blocks`.
    PlanBlocks,
}

impl Limit {
    /// The name a host uses for this limit (the `limits` property's key, the command's flag).
    pub fn name(self) -> &'static str {
        match self {
            Limit::SchemaBytes => "schemaBytes",
            Limit::ValueBytes | Limit::FileBytes => "valueBytes",
            Limit::SchemaDepth | Limit::ValueDepth => "depth",
            Limit::RefChain => "refChain",
            Limit::PlanBlocks => "planBlocks",
        }
    }

    /// The catalogue key of what a person is told.
    pub(crate) fn message_key(self) -> &'static str {
        match self {
            Limit::SchemaBytes => "load.schema_too_large",
            Limit::ValueBytes => "load.value_too_large",
            Limit::FileBytes => "load.file_too_large",
            Limit::SchemaDepth => "load.schema_too_deep",
            Limit::ValueDepth => "load.value_too_deep",
            Limit::RefChain => "load.schema_ref_chain",
            Limit::PlanBlocks => "plan.error.too_many_blocks",
        }
    }

    /// Whether the limit counts bytes (its figures are written as sizes).
    pub fn is_size(self) -> bool {
        matches!(
            self,
            Limit::SchemaBytes | Limit::ValueBytes | Limit::FileBytes
        )
    }
}

/// A size in bytes as people read it: "2 MB", "1.5 MB", "800 KB" (decimal units, as file
/// managers on phones show them).
pub fn size_words(bytes: usize, lang: Lang) -> String {
    let (amount, unit) = if bytes >= 1_000_000_000 {
        (bytes as f64 / 1_000_000_000.0, "GB")
    } else if bytes >= 1_000_000 {
        (bytes as f64 / 1_000_000.0, "MB")
    } else {
        (bytes.max(1) as f64 / 1_000.0, "KB")
    };
    let rounded = (amount * 10.0).round() / 10.0;
    let text = if rounded.fract() == 0.0 {
        format!("{}", rounded as u64)
    } else {
        format!("{rounded:.1}")
    };
    let _ = lang; // The same in Welsh: "2 MB".
    format!("{text} {unit}")
}

/// A file's size as the browser reports it (a number), in bytes. Past `usize` (a film of more
/// than 4 GB, in 32-bit wasm) or not a size at all, it is as large as can be, so over any limit.
pub fn file_bytes(size: f64) -> usize {
    if size.is_finite() && size >= 0.0 && size < usize::MAX as f64 {
        size as usize
    } else {
        usize::MAX
    }
}

impl Limits {
    /// Refuses a file a person chose whose size (in bytes, as the browser reports it before
    /// reading) is over `valueBytes`, so that a wrong file (a film, a phone's backup) is turned
    /// away without the page holding all of it in memory first. Its text would be refused anyway.
    pub fn check_file_size(&self, bytes: f64) -> Result<(), Error> {
        over(Limit::FileBytes, file_bytes(bytes), self.value_bytes)
    }

    /// These limits with no per-answer limits (`textChars`, `listItems`), for a reader that
    /// applies them itself.
    pub fn answers_unbounded(self) -> Limits {
        Limits {
            text_chars: usize::MAX,
            list_items: usize::MAX,
            ..self
        }
    }

    /// Reads limits a host wrote as JSON (`{"textChars": 5000}`; missing names keep their
    /// defaults). Unknown names, and values past a ceiling, are refused with the reason.
    pub fn from_json(text: &str) -> Result<Limits, String> {
        let text = text.trim();
        if text.is_empty() || text == "null" {
            return Ok(Limits::default());
        }
        let limits: Limits = serde_json::from_str(text).map_err(|e| format!("limits: {e}"))?;
        limits.checked()
    }

    /// Sets one limit by its host-facing name (`--limit textChars=5000`).
    pub fn set(&mut self, name: &str, value: usize) -> Result<(), String> {
        let mut map = serde_json::to_value(*self).map_err(|e| e.to_string())?;
        let Some(slot) = map.get_mut(name) else {
            return Err(format!(
                "no limit is called '{name}' (the limits are {})",
                Limits::NAMES.join(", ")
            ));
        };
        *slot = Value::from(value);
        *self = serde_json::from_value::<Limits>(map)
            .map_err(|e| e.to_string())?
            .checked()?;
        Ok(())
    }

    /// Every limit's name, as hosts write it.
    pub const NAMES: [&'static str; 8] = [
        "schemaBytes",
        "valueBytes",
        "depth",
        "refChain",
        "listItems",
        "planBlocks",
        "textChars",
        "patternSteps",
    ];

    fn checked(self) -> Result<Limits, String> {
        if self.depth > MAX_DEPTH {
            return Err(format!(
                "limits: depth can be at most {MAX_DEPTH} (the JSON reader's own limit)"
            ));
        }
        if self.ref_chain > MAX_REF_CHAIN {
            return Err(format!(
                "limits: refChain can be at most {MAX_REF_CHAIN} (longer chains overflow the browser's stack)"
            ));
        }
        Ok(self)
    }

    /// Refuses schema text larger than `schema_bytes`.
    pub fn schema_text(&self, text: &str) -> Result<(), Error> {
        over(Limit::SchemaBytes, text.len(), self.schema_bytes)
    }

    /// Refuses value (or plan file) text larger than `value_bytes`.
    pub fn value_text(&self, text: &str) -> Result<(), Error> {
        over(Limit::ValueBytes, text.len(), self.value_bytes)
    }

    /// Refuses a parsed schema or value nested deeper than `depth` (the reader itself refuses
    /// anything past [`MAX_DEPTH`]).
    pub fn nesting(&self, value: &Value, limit: Limit) -> Result<(), Error> {
        if self.depth >= MAX_DEPTH {
            return Ok(());
        }
        let deepest = depth_of(value);
        over(limit, deepest, self.depth)
    }

    /// Refuses a schema whose local `$ref`s chain further than `ref_chain` (see the field).
    pub fn references(&self, schema: &Value) -> Result<(), Error> {
        let longest = longest_ref_chain(schema, self.ref_chain);
        over(Limit::RefChain, longest, self.ref_chain)
    }

    /// What a person typed past the per-answer limits: each answer longer than `text_chars` and
    /// each list longer than `list_items`, as problems at their fields (worded as the schema's own
    /// `maxLength` and `maxItems` are). The value itself is left alone.
    pub fn problems(&self, value: &Value) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.fits(value) {
            return out;
        }
        let mut path = Vec::new();
        self.walk(value, &mut path, &mut out);
        out
    }

    /// Whether nothing in `value` is past the per-answer limits (no allocation).
    pub fn fits(&self, value: &Value) -> bool {
        match value {
            Value::String(s) => s.len() <= self.text_chars || s.chars().count() <= self.text_chars,
            Value::Array(items) => {
                items.len() <= self.list_items && items.iter().all(|v| self.fits(v))
            }
            Value::Object(map) => map.values().all(|v| self.fits(v)),
            _ => true,
        }
    }

    fn walk<'v>(&self, value: &'v Value, path: &mut Vec<Token<'v>>, out: &mut Vec<Problem>) {
        match value {
            Value::String(_) if !self.fits(value) => {
                out.push(problem(
                    path,
                    "maxLength",
                    "error.max_length",
                    self.text_chars,
                ));
            }
            Value::Array(items) => {
                if items.len() > self.list_items {
                    out.push(problem(
                        path,
                        "maxItems",
                        "error.max_items",
                        self.list_items,
                    ));
                }
                for (i, v) in items.iter().enumerate() {
                    if !self.fits(v) {
                        path.push(Token::Index(i));
                        self.walk(v, path, out);
                        path.pop();
                    }
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    if !self.fits(v) {
                        path.push(Token::Key(k));
                        self.walk(v, path, out);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }
}

enum Token<'v> {
    Key(&'v str),
    Index(usize),
}

fn problem(path: &[Token<'_>], keyword: &str, key: &'static str, limit: usize) -> Problem {
    let mut at = String::new();
    for t in path {
        at = match t {
            Token::Key(k) => pointer::join(&at, k),
            Token::Index(i) => pointer::join(&at, &i.to_string()),
        };
    }
    Problem {
        pointer: at,
        schema_path: format!("/x-ourplan-limits/{keyword}"),
        keyword: keyword.to_owned(),
        message: Message::counted(key, limit as u64),
    }
}

fn over(limit: Limit, found: usize, allowed: usize) -> Result<(), Error> {
    if found <= allowed {
        return Ok(());
    }
    Err(Error::new(ErrorKind::OverLimit {
        limit,
        allowed,
        found,
    }))
}

/// How deeply `value` nests (a scalar is 0, `[]` is 1), without recursion.
fn depth_of(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 0usize)];
    while let Some((v, d)) = stack.pop() {
        match v {
            Value::Array(items) => {
                deepest = deepest.max(d + 1);
                stack.extend(items.iter().map(|i| (i, d + 1)));
            }
            Value::Object(map) => {
                deepest = deepest.max(d + 1);
                stack.extend(map.values().map(|i| (i, d + 1)));
            }
            _ => {}
        }
    }
    deepest
}

/// The keywords whose schemas apply to the same place in the value as the schema holding them.
const IN_PLACE: [&str; 7] = ["allOf", "anyOf", "oneOf", "not", "if", "then", "else"];

/// The local references (`#` or `#/...`) made from `schema`'s in-place region: the schema itself
/// and what its in-place keywords hold, not following references. Iterative: the region is
/// bounded by the text's depth, but the walk needs no stack for it either way.
fn refs_in_place(schema: &Value) -> Vec<&str> {
    let mut out = Vec::new();
    let mut todo = vec![schema];
    while let Some(s) = todo.pop() {
        let Value::Object(o) = s else { continue };
        for key in ["$ref", "$dynamicRef"] {
            if let Some(Value::String(r)) = o.get(key) {
                if r == "#" || r.starts_with("#/") {
                    out.push(r.as_str());
                }
            }
        }
        for key in IN_PLACE {
            match o.get(key) {
                Some(Value::Array(parts)) => todo.extend(parts),
                Some(part @ Value::Object(_)) => todo.push(part),
                _ => {}
            }
        }
    }
    out
}

/// The schema a local reference points at, if it points anywhere.
fn target<'s>(root: &'s Value, reference: &str) -> Option<&'s Value> {
    let fragment = reference.strip_prefix('#')?;
    let decoded = percent_decode(fragment);
    root.pointer(&decoded)
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The most local `$ref`s followed one after another from any schema in `root` without moving
/// into the value, counted up to `cap + 1` (enough to know the limit is passed). A cycle of
/// references counts once round (the validator detects cycles itself). Iterative, so a hostile
/// chain of any length cannot overflow the stack here.
fn longest_ref_chain(root: &Value, cap: usize) -> usize {
    // Each reference target's longest chain onwards; None while it is being worked out.
    let mut memo: HashMap<&str, Option<usize>> = HashMap::new();
    let mut longest = 0;
    // Every reference anywhere in the document starts a chain.
    let mut starts = Vec::new();
    let mut todo = vec![root];
    while let Some(v) = todo.pop() {
        match v {
            Value::Object(o) => {
                for key in ["$ref", "$dynamicRef"] {
                    if let Some(Value::String(r)) = o.get(key) {
                        if r == "#" || r.starts_with("#/") {
                            starts.push(r.as_str());
                        }
                    }
                }
                todo.extend(o.values());
            }
            Value::Array(items) => todo.extend(items),
            _ => {}
        }
    }
    for start in starts {
        // Frames: (reference, the references its target makes in place, next to look at, best).
        let mut stack: Vec<(&str, Vec<&str>, usize, usize)> = Vec::new();
        if memo.contains_key(start) {
            longest = longest.max(memo[start].unwrap_or(1));
            continue;
        }
        let next = target(root, start).map(refs_in_place).unwrap_or_default();
        memo.insert(start, None);
        stack.push((start, next, 0, 1));
        loop {
            let depth = stack.len();
            let Some(frame) = stack.last_mut() else { break };
            if frame.2 < frame.1.len() && depth <= cap + 1 {
                let r = frame.1[frame.2];
                frame.2 += 1;
                match memo.get(r) {
                    // Worked out already, or in progress (a cycle: counted once round).
                    Some(Some(n)) => {
                        let n = *n;
                        let frame = stack.last_mut().expect("a frame");
                        frame.3 = frame.3.max(1 + n);
                    }
                    Some(None) => {}
                    None => {
                        let next = target(root, r).map(refs_in_place).unwrap_or_default();
                        memo.insert(r, None);
                        stack.push((r, next, 0, 1));
                    }
                }
            } else {
                let (r, _, _, best) = stack.pop().expect("a frame");
                memo.insert(r, Some(best));
                if let Some(parent) = stack.last_mut() {
                    parent.3 = parent.3.max(1 + best);
                }
            }
        }
        longest = longest.max(memo[start].unwrap_or(1));
        if longest > cap {
            break;
        }
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn chain(n: usize) -> Value {
        let mut defs = serde_json::Map::new();
        for i in 0..n {
            defs.insert(
                format!("d{i}"),
                json!({"$ref": format!("#/$defs/d{}", i + 1)}),
            );
        }
        defs.insert(format!("d{n}"), json!({"type": "string"}));
        json!({"$ref": "#/$defs/d0", "$defs": defs})
    }

    #[test]
    fn a_reference_chain_is_counted_without_recursion() {
        assert_eq!(longest_ref_chain(&chain(10), 1_000), 11);
        // 100,000 references one after another: counted up to the cap, no stack overflow.
        assert!(longest_ref_chain(&chain(100_000), 100) > 100);
        assert!(Limits::default().references(&chain(99)).is_ok());
        let e = Limits::default().references(&chain(150)).unwrap_err();
        assert!(matches!(
            e.kind(),
            ErrorKind::OverLimit {
                limit: Limit::RefChain,
                allowed: 100,
                ..
            }
        ));
        assert_eq!(
            e.person_message(Lang::En),
            "The form’s design has references that lead through more than 100 others, so it cannot be shown. Tell whoever runs this page. Nothing you typed has been lost."
        );
    }

    #[test]
    fn chains_through_all_of_count_and_cycles_end() {
        let mut defs = serde_json::Map::new();
        for i in 0..300 {
            defs.insert(
                format!("d{i}"),
                json!({"allOf": [{"$ref": format!("#/$defs/d{}", i + 1)}]}),
            );
        }
        let schema = json!({"$ref": "#/$defs/d0", "$defs": defs});
        assert!(Limits::default().references(&schema).is_err());
        let cycle = json!({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"anyOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"});
        assert_eq!(longest_ref_chain(&cycle, 100), 2);
        // Moving into the value ends a chain: a recursive tree is fine.
        let tree = json!({"$defs": {"node": {"properties": {"children": {"items": {"$ref": "#/$defs/node"}}}}}, "$ref": "#/$defs/node"});
        assert!(Limits::default().references(&tree).is_ok());
    }

    #[test]
    fn long_answers_and_lists_are_problems_at_their_fields() {
        let limits = Limits {
            text_chars: 5,
            list_items: 2,
            ..Limits::default()
        };
        let value = json!({"name": "Ann", "story": "ŵyŵyŵy", "notes": ["a", "b", "toolong"], "ok": "ŵŵŵŵŵ"});
        assert!(!limits.fits(&value));
        let problems = limits.problems(&value);
        let at: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.pointer.as_str(), p.keyword.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                ("/story", "maxLength"),
                ("/notes", "maxItems"),
                ("/notes/2", "maxLength")
            ]
        );
        assert!(limits.fits(&json!({"ok": "ŵŵŵŵŵ", "list": [1, 2]})));
    }

    #[test]
    fn hosts_name_limits_and_ceilings_hold() {
        let mut limits = Limits::from_json(r#"{"textChars": 10}"#).unwrap();
        assert_eq!(limits.text_chars, 10);
        assert_eq!(limits.list_items, Limits::default().list_items);
        limits.set("planBlocks", 5).unwrap();
        assert_eq!(limits.plan_blocks, 5);
        assert!(limits.set("nope", 5).unwrap_err().contains("textChars"));
        assert!(Limits::from_json(r#"{"depth": 500}"#).is_err());
        assert!(Limits::from_json(r#"{"refChain": 5000}"#).is_err());
        assert!(Limits::from_json(r#"{"nope": 1}"#).is_err());
        assert_eq!(Limits::from_json("").unwrap(), Limits::default());
        for name in Limits::NAMES {
            assert!(Limits::default().set(name, 1).is_ok(), "{name}");
        }
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_words(2_000_000, Lang::En), "2 MB");
        assert_eq!(size_words(1_500_000, Lang::En), "1.5 MB");
        assert_eq!(size_words(800_000, Lang::Cy), "800 KB");
        assert_eq!(size_words(3_000_000_000, Lang::En), "3 GB");
    }

    #[test]
    fn a_lowered_depth_is_kept() {
        let limits = Limits {
            depth: 3,
            ..Limits::default()
        };
        assert!(
            limits
                .nesting(&json!({"a": [1]}), Limit::ValueDepth)
                .is_ok()
        );
        assert!(
            limits
                .nesting(&json!({"a": [[{"b": 1}]]}), Limit::ValueDepth)
                .is_err()
        );
    }

    #[test]
    fn a_pattern_that_backtracks_without_end_is_reported_as_unchecked_in_bounded_time() {
        use crate::schema::Compiled;
        let schema = json!({"type": "string", "pattern": r"^(?:(a|aa)+)\1c$"});
        let compiled = Compiled::new(&schema, &HashMap::new()).unwrap();
        let started = std::time::Instant::now();
        let problems = compiled.problems(&json!(format!("{}!", "a".repeat(40))));
        // About 5 ms natively at the default (45 ms at the engine's own default of 1,000,000).
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message.key, "error.pattern_unchecked");
        assert_eq!(
            problems[0].message.render_about(Lang::En, "‘Code’"),
            "We could not check ‘Code’ against the format it needs. Try a shorter answer, or tell whoever runs this page."
        );
        assert!(!compiled.is_valid(&json!(format!("{}!", "a".repeat(40)))));
        // An ordinary answer is checked as before.
        assert!(compiled.is_valid(&json!("aac")));
    }

    #[test]
    fn a_schema_or_a_value_too_large_is_refused_in_plain_words() {
        use crate::schema::{parse_schema_within, parse_value_within};
        let limits = Limits {
            schema_bytes: 1_000,
            value_bytes: 2_500_000,
            ..Limits::default()
        };
        let big = format!(r#"{{"title": "{}"}}"#, "x".repeat(2_000));
        let e = parse_schema_within(&big, &limits).unwrap_err();
        assert_eq!(
            e.person_message(Lang::En),
            "The form’s design is larger than 1 KB (it is 2 KB), so it cannot be shown. Tell whoever runs this page. Nothing you typed has been lost."
        );
        assert!(
            e.person_message(Lang::Cy)
                .starts_with("Mae cynllun y ffurflen yn fwy na 1 KB")
        );
        assert!(e.to_string().contains("schemaBytes"));
        let value = format!(r#""{}""#, "x".repeat(3_000_000));
        let e = parse_value_within(&value, &limits).unwrap_err();
        assert_eq!(
            e.person_message(Lang::En),
            "The answers given to this form are larger than 2.5 MB (they are 3 MB), so they cannot be read. Tell whoever runs this page."
        );
        assert!(parse_value_within("[1]", &limits).is_ok());
    }

    #[test]
    fn a_plan_file_past_the_limits_is_refused_and_adding_stops_at_the_limit() {
        use crate::plan::{Kind, PlanState, import_json_within};
        let limits = Limits {
            plan_blocks: 3,
            ..Limits::default()
        };
        let blocks: Vec<Value> = (0..4)
            .map(|i| json!({"id": format!("b{i}"), "kind": "text", "text": "hello"}))
            .collect();
        let file =
            json!({"format": "ourplan-plan", "version": 1, "title": "Mine", "blocks": blocks})
                .to_string();
        let e = import_json_within(&file, &limits).unwrap_err();
        assert_eq!(
            e.person_message(Lang::En),
            "A plan can have up to 3 parts, and this would make 4. Remove some parts first. Nothing has changed."
        );
        assert!(import_json_within(&file, &Limits::default()).is_ok());
        let one = Limits {
            plan_blocks: 1,
            ..Limits::default()
        };
        let e = import_json_within(&file, &one).unwrap_err();
        assert!(
            e.person_message(Lang::En)
                .starts_with("A plan can have up to 1 part, and this would make 4.")
        );
        let small = Limits {
            value_bytes: 100,
            ..Limits::default()
        };
        let e = import_json_within(&file, &small).unwrap_err();
        assert!(
            e.person_message(Lang::En)
                .starts_with("This file could not be opened because it is larger than 0.1 KB"),
            "{}",
            e.person_message(Lang::En)
        );
        // Adding: the fourth block is refused, and the plan is as it was.
        let mut state = PlanState::new(Lang::En);
        state.set_limits(limits);
        for _ in 0..3 {
            state.add_block(Kind::Text, None, usize::MAX).unwrap();
        }
        let before = state.plan().clone();
        let e = state.add_block(Kind::Text, None, usize::MAX).unwrap_err();
        assert!(
            e.person_message(Lang::Cy)
                .starts_with("Gall cynllun gael hyd at 3 rhan")
        );
        assert_eq!(state.plan(), &before);
    }

    #[test]
    fn the_builder_screen_keeps_its_limits_from_the_blank_page_on() {
        use crate::plan::{Kind, PlanAction, PlanScreen};
        let mut screen = PlanScreen::new(Lang::En);
        screen.set_limits(Limits {
            plan_blocks: 2,
            ..Limits::default()
        });
        screen.apply(PlanAction::Start(None), "2026-12-06");
        for _ in 0..3 {
            screen.apply(
                PlanAction::Add {
                    kind: Kind::Text,
                    parent: None,
                },
                "2026-12-06",
            );
        }
        assert_eq!(screen.state.plan().blocks.len(), 2);
        assert_eq!(screen.state.full(), Some(2));
    }

    #[test]
    fn a_schema_handed_over_for_references_is_held_to_the_same_limits() {
        use crate::schema::Compiled;
        let schema = json!({"$ref": "https://example.org/other.json"});
        let big = json!({"type": "string", "title": "x".repeat(3_000)});
        let remotes = HashMap::from([("https://example.org/other.json".to_owned(), big)]);
        let small = Limits {
            schema_bytes: 1_000,
            ..Limits::default()
        };
        let e = Compiled::within(&schema, &remotes, &small)
            .err()
            .expect("refused");
        assert!(
            e.person_message(Lang::En)
                .starts_with("The form’s design is larger than 1 KB (it is 3 KB)")
        );
        assert!(Compiled::within(&schema, &remotes, &Limits::default()).is_ok());
    }
}
