//! The `ourplan` command's work, apart from reading its arguments: checking records against a
//! schema and checking schemas, natively, with the same verdicts and the same words as the kit in
//! the browser (both write through `ourplan_core::verdict`).
//!
//! Every input gives one result: a line of text (plain words, in English or Welsh) or, with
//! `--format json`, one JSON object per line (JSON Lines) holding exactly the verdict the module's
//! `validate()` or `compile()` resolves to, with `file` (and `line`) added.

use ourplan_core::i18n::{t, tn};
use ourplan_core::model::lower_in;
use ourplan_core::plan::import_json_within;
use ourplan_core::plan::report::{Settings, refused, report};
use ourplan_core::record::Checker;
use ourplan_core::schema::{parse_schema_within, parse_value, parse_value_within};
use ourplan_core::{Error, Lang, Limits, verdict};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Read, Write};

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain words, for people.
    Text,
    /// One JSON object per input (JSON Lines), for programs.
    Json,
}

/// How a run ended, and its exit code: every input valid (0), something invalid (1), something
/// could not be read (2). The worst wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Everything checked was valid.
    Valid = 0,
    /// Something checked had problems.
    Invalid = 1,
    /// Something could not be read (a missing file, text that is not JSON).
    Unreadable = 2,
}

/// One input: its name as given (`-` for standard input) and its text, or why it could not be
/// read.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path as given, or `-`.
    pub name: String,
    /// The text, or what went wrong reading it.
    pub text: Result<String, String>,
}

impl Input {
    /// Reads `path` (`-`: standard input, read once, whole).
    pub fn read(path: &str, stdin: &mut Option<String>) -> Input {
        let text = if path == "-" {
            match stdin {
                Some(text) => Ok(text.clone()),
                None => {
                    let mut text = String::new();
                    let read = io::stdin().read_to_string(&mut text).map(|_| text);
                    if let Ok(text) = &read {
                        *stdin = Some(text.clone());
                    }
                    read.map_err(|e| e.to_string())
                }
            }
        } else {
            std::fs::read_to_string(path).map_err(|e| e.to_string())
        };
        Input {
            name: path.to_owned(),
            text,
        }
    }
}

/// What `validate` needs.
pub struct Validate {
    /// The record schema.
    pub schema: Input,
    /// Schemas that `$ref`s to other files name, by URI (no network is used).
    pub remotes: HashMap<String, Value>,
    /// The records.
    pub inputs: Vec<Input>,
    /// Each input holds one record per line (JSON Lines) rather than one record.
    pub lines: bool,
    /// The language of the messages.
    pub lang: Lang,
    /// How results are written.
    pub format: Format,
    /// The kit's limits (`--limit`).
    pub limits: Limits,
}

/// A JSON string.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// `{"file": …, ("line": …,) <the verdict's own fields>}`.
fn located(file: &str, line: Option<usize>, verdict: &str) -> String {
    let mut out = String::with_capacity(verdict.len() + file.len() + 24);
    out.push_str("{\"file\":");
    out.push_str(&quoted(file));
    if let Some(line) = line {
        out.push_str(",\"line\":");
        out.push_str(&line.to_string());
    }
    let rest = verdict.strip_prefix('{').unwrap_or(verdict);
    if rest != "}" {
        out.push(',');
    }
    out.push_str(rest);
    out
}

/// The file's name with its line, for text output.
fn place(file: &str, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{file}:{line}"),
        None => file.to_owned(),
    }
}

/// An input that could not be read, written in `format`.
fn unreadable_input(
    out: &mut dyn Write,
    format: Format,
    lang: Lang,
    file: &str,
    line: Option<usize>,
    message: &str,
    detail: &str,
) -> io::Result<()> {
    match format {
        Format::Json => {
            let v = json!({ "error": { "message": message, "detail": detail } }).to_string();
            writeln!(out, "{}", located(file, line, &v))
        }
        Format::Text => writeln!(
            out,
            "{}",
            t(
                lang,
                "cli.unreadable",
                &[("file", &place(file, line)), ("message", message)]
            )
        ),
    }
}

/// The text of an input, or `None` after saying it could not be read.
fn opened<'a>(
    input: &'a Input,
    out: &mut dyn Write,
    format: Format,
    lang: Lang,
) -> io::Result<Option<&'a str>> {
    match &input.text {
        Ok(text) => Ok(Some(text)),
        Err(why) => {
            let message = t(lang, "cli.no_file", &[]);
            unreadable_input(out, format, lang, &input.name, None, &message, why)?;
            Ok(None)
        }
    }
}

/// Checks each record against the schema and writes one result per record.
pub fn validate(job: &Validate, out: &mut dyn Write) -> io::Result<Outcome> {
    let lang = job.lang;
    let schema_text = match &job.schema.text {
        Ok(text) => text,
        Err(why) => {
            let message = t(lang, "cli.no_file", &[]);
            unreadable_input(out, job.format, lang, &job.schema.name, None, &message, why)?;
            return Ok(Outcome::Unreadable);
        }
    };
    let checker = match parse_schema_within(schema_text, &job.limits)
        .and_then(|schema| Checker::within(&schema, lang, &job.remotes, &job.limits))
    {
        Ok(c) => c,
        Err(e) => {
            let (message, detail) = (e.person_message(lang), e.to_string());
            unreadable_input(
                out,
                job.format,
                lang,
                &job.schema.name,
                None,
                &message,
                &detail,
            )?;
            return Ok(Outcome::Unreadable);
        }
    };
    let mut outcome = Outcome::Valid;
    for input in &job.inputs {
        let Some(text) = opened(input, out, job.format, lang)? else {
            outcome = outcome.max(Outcome::Unreadable);
            continue;
        };
        if job.lines {
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let o = check_one(&checker, line, &input.name, Some(i + 1), job, out)?;
                outcome = outcome.max(o);
            }
        } else {
            let o = check_one(&checker, text, &input.name, None, job, out)?;
            outcome = outcome.max(o);
        }
    }
    Ok(outcome)
}

fn check_one(
    checker: &Checker,
    text: &str,
    file: &str,
    line: Option<usize>,
    job: &Validate,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let lang = job.lang;
    let value = match parse_value_within(text, &job.limits) {
        Ok(v) => v,
        Err(e) => {
            let (message, detail) = (e.person_message(lang), e.to_string());
            unreadable_input(out, job.format, lang, file, line, &message, &detail)?;
            return Ok(Outcome::Unreadable);
        }
    };
    let problems = checker.check(&value);
    match job.format {
        Format::Json => {
            let v = verdict::verdict(problems.is_empty(), "pointer", &problems);
            writeln!(out, "{}", located(file, line, &v))?;
        }
        Format::Text => write_problems(out, lang, &place(file, line), &problems)?,
    }
    Ok(if problems.is_empty() {
        Outcome::Valid
    } else {
        Outcome::Invalid
    })
}

fn write_problems(
    out: &mut dyn Write,
    lang: Lang,
    file: &str,
    problems: &[(String, String)],
) -> io::Result<()> {
    if problems.is_empty() {
        return writeln!(out, "{}", t(lang, "cli.valid", &[("file", file)]));
    }
    let count = problems.len() as u64;
    writeln!(
        out,
        "{}",
        tn(lang, "cli.problems", count, &[("file", file)])
    )?;
    for (pointer, message) in problems {
        let at = if pointer.is_empty() { "/" } else { pointer };
        writeln!(out, "  {at}: {message}")?;
    }
    Ok(())
}

/// What `check-schema` needs.
pub struct CheckSchema {
    /// The schemas.
    pub inputs: Vec<Input>,
    /// Schemas that `$ref`s to other files name, by URI.
    pub remotes: HashMap<String, Value>,
    /// The language of the messages.
    pub lang: Lang,
    /// How results are written.
    pub format: Format,
    /// Notes (what the form cannot draw, `x-ourplan` mistakes) count as problems.
    pub strict: bool,
    /// The kit's limits (`--limit`).
    pub limits: Limits,
}

/// Checks each schema as the element does: whether it can be read (JSON mistakes with line and
/// column), whether it follows the rules (and compiles), and the notes the element writes to the
/// console (what it cannot draw as questions, mistakes in `x-ourplan` annotations).
pub fn check_schema(job: &CheckSchema, out: &mut dyn Write) -> io::Result<Outcome> {
    let lang = job.lang;
    let mut outcome = Outcome::Valid;
    for input in &job.inputs {
        let Some(text) = opened(input, out, job.format, lang)? else {
            outcome = outcome.max(Outcome::Unreadable);
            continue;
        };
        let (compiled, notes): (Result<(), Error>, Vec<ourplan_core::model::Diagnostic>) =
            match parse_schema_within(text, &job.limits) {
                Err(e) => (Err(e), Vec::new()),
                Ok(schema) => {
                    let compiled =
                        Checker::within(&schema, lang, &job.remotes, &job.limits).map(|_| ());
                    let notes = if compiled.is_ok() {
                        lower_in(&schema, lang).1
                    } else {
                        Vec::new()
                    };
                    (compiled, notes)
                }
            };
        let valid = compiled.is_ok() && (!job.strict || notes.is_empty());
        outcome = outcome.max(if valid {
            Outcome::Valid
        } else {
            Outcome::Invalid
        });
        match job.format {
            Format::Json => {
                let verdict = verdict::schema_verdict(compiled, lang);
                let mut v: Value = serde_json::from_str(&verdict).unwrap_or(Value::Null);
                let notes: Value =
                    serde_json::from_str(&verdict::diagnostics(&notes)).unwrap_or(Value::Null);
                if let Some(map) = v.as_object_mut() {
                    map.insert("diagnostics".to_owned(), notes);
                }
                writeln!(out, "{}", located(&input.name, None, &v.to_string()))?;
            }
            Format::Text => {
                let problems: Vec<(String, String)> = match &compiled {
                    Ok(()) => Vec::new(),
                    Err(e) => vec![(schema_pointer(e), e.person_message(lang))],
                };
                write_problems(out, lang, &input.name, &problems)?;
                for note in &notes {
                    let pointer = if note.schema_pointer.is_empty() {
                        "/"
                    } else {
                        &note.schema_pointer
                    };
                    writeln!(
                        out,
                        "{}",
                        t(
                            lang,
                            "cli.note",
                            &[("pointer", pointer), ("message", &note.message)]
                        )
                    )?;
                }
            }
        }
    }
    Ok(outcome)
}

fn schema_pointer(e: &Error) -> String {
    match e.kind() {
        ourplan_core::ErrorKind::SchemaRules { pointer, .. } => pointer.clone(),
        _ => String::new(),
    }
}

/// What `check-plan` needs.
pub struct CheckPlan {
    /// The plans.
    pub inputs: Vec<Input>,
    /// The element's settings: language, sign-off rules, law, the host's indicative budget.
    pub settings: Settings,
    /// How results are written.
    pub format: Format,
    /// The kit's limits (`--limit`).
    pub limits: Limits,
}

/// Checks each plan as `<ourplan-plan>`'s `check()` does: whether it is a plan the kit opens,
/// its budget in exact pence, its sign-off, the rules and the law's suggestions.
pub fn check_plan(job: &CheckPlan, out: &mut dyn Write) -> io::Result<Outcome> {
    let lang = job.settings.lang;
    let mut outcome = Outcome::Valid;
    for input in &job.inputs {
        let Some(text) = opened(input, out, job.format, lang)? else {
            outcome = outcome.max(Outcome::Unreadable);
            continue;
        };
        let report = match import_json_within(text, &job.limits) {
            Ok(plan) => report(&plan, &job.settings),
            Err(e) => match refused(&e, lang) {
                Some(r) => r,
                None => {
                    let (message, detail) = (e.person_message(lang), e.to_string());
                    unreadable_input(out, job.format, lang, &input.name, None, &message, &detail)?;
                    outcome = outcome.max(Outcome::Unreadable);
                    continue;
                }
            },
        };
        let v: Value = serde_json::from_str(&report).unwrap_or(Value::Null);
        let valid = v["valid"] == Value::Bool(true);
        outcome = outcome.max(if valid {
            Outcome::Valid
        } else {
            Outcome::Invalid
        });
        match job.format {
            Format::Json => writeln!(out, "{}", located(&input.name, None, &report))?,
            Format::Text => write_plan(out, lang, &input.name, &v)?,
        }
    }
    Ok(outcome)
}

/// A plan's report in words.
fn write_plan(out: &mut dyn Write, lang: Lang, file: &str, v: &Value) -> io::Result<()> {
    if v["valid"] != Value::Bool(true) {
        let problems: Vec<(String, String)> = v["errors"]
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|e| {
                        (
                            String::new(),
                            e["message"].as_str().unwrap_or("").to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        return write_problems(out, lang, file, &problems);
    }
    writeln!(out, "{}", t(lang, "cli.plan.accepted", &[("file", file)]))?;
    let budget = &v["budget"];
    if let Some(week) = budget["weekPence"].as_i64() {
        let lines = budget["lines"].as_u64().unwrap_or(0);
        writeln!(
            out,
            "  {}",
            tn(
                lang,
                "cli.plan.spending",
                lines,
                &[("week", &ourplan_core::plan::format_pence(week.into()))]
            )
        )?;
    }
    let said = |v: &Value| v.as_str().map(str::to_owned);
    for line in [
        said(&budget["summary"]),
        said(&budget["error"]),
        said(&v["signoff"]["summary"]),
        said(&v["signoff"]["changed"]),
        said(&v["rules"]["summary"]),
    ]
    .into_iter()
    .flatten()
    {
        writeln!(out, "  {line}")?;
    }
    for reason in v["rules"]["reasons"].as_array().into_iter().flatten() {
        writeln!(out, "    - {}", reason.as_str().unwrap_or(""))?;
    }
    for s in v["suggestions"].as_array().into_iter().flatten() {
        writeln!(
            out,
            "  {} ({})",
            s["message"].as_str().unwrap_or(""),
            s["cite"].as_str().unwrap_or("")
        )?;
    }
    Ok(())
}

/// Reads `NAME=N` pairs (`--limit textChars=5000`) into the kit's limits.
pub fn read_limits(pairs: &[String]) -> Result<Limits, String> {
    let mut limits = Limits::default();
    for pair in pairs {
        let (name, number) = pair
            .split_once('=')
            .ok_or_else(|| format!("--limit {pair}: expected NAME=N"))?;
        let n: usize = number
            .trim()
            .replace(['_', ','], "")
            .parse()
            .map_err(|_| format!("--limit {pair}: {number} is not a whole number"))?;
        limits
            .set(name.trim(), n)
            .map_err(|e| format!("--limit {pair}: {e}"))?;
    }
    Ok(limits)
}

/// Reads `URI=FILE` pairs into a remotes map.
pub fn read_remotes(pairs: &[String]) -> Result<HashMap<String, Value>, String> {
    let mut out = HashMap::new();
    for pair in pairs {
        let Some((uri, file)) = pair.split_once('=') else {
            return Err(format!("--remote {pair}: expected URI=FILE"));
        };
        let text = std::fs::read_to_string(file).map_err(|e| format!("--remote {file}: {e}"))?;
        let value = parse_value(&text).map_err(|e| format!("--remote {file}: {e}"))?;
        out.insert(uri.to_owned(), value);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;

/// What `render` needs.
pub struct Render {
    /// The record schema.
    pub schema: Input,
    /// Schemas that `$ref`s name, by URI.
    pub remotes: HashMap<String, Value>,
    /// The value to show, if any.
    pub value: Option<Input>,
    /// The language.
    pub lang: Lang,
    /// `brief`, `standard` or `full`.
    pub level: ourplan_core::model::Level,
    /// Show the value's problems with the error summary.
    pub problems: bool,
    /// The stylesheet's address as the page asks for it.
    pub stylesheet: String,
    /// The form in the page itself, for a page without script (see `RecordPage::light`).
    pub light: bool,
    /// The kit's limits (`--limit`).
    pub limits: Limits,
}

impl Render {
    /// The page to draw, with the schema and value as read (or the reason they were not, on
    /// `err`; `None` when the value cannot be read).
    fn page<'a>(
        &'a self,
        err: &mut dyn Write,
    ) -> io::Result<Option<ourplan_ui::prerender::RecordPage<'a>>> {
        let schema = match &self.schema.text {
            Ok(text) => text.as_str(),
            Err(e) => {
                writeln!(err, "ourplan: {}: {e}", self.schema.name)?;
                // Drawn as a schema the kit cannot read: the person sees the kit's message.
                ""
            }
        };
        let value = match &self.value {
            Some(Input { text: Ok(text), .. }) => Some(text.as_str()),
            Some(Input { name, text: Err(e) }) => {
                writeln!(err, "ourplan: {name}: {e}")?;
                return Ok(None);
            }
            None => None,
        };
        Ok(Some(ourplan_ui::prerender::RecordPage {
            schema,
            remotes: self.remotes.clone(),
            value,
            lang: self.lang,
            level: self.level,
            problems: self.problems,
            stylesheet: &self.stylesheet,
            limits: self.limits,
            light: self.light,
        }))
    }
}

/// Writes a record's first paint (a declarative shadow root for `<ourplan-record>`). A schema or
/// value that cannot be read or used is still drawn, as the element draws it (its message in
/// place of the form); the outcome is then `Unreadable` and the reason goes to `err`.
pub fn render(job: &Render, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let Some(page) = job.page(err)? else {
        return Ok(Outcome::Unreadable);
    };
    let (html, error) = ourplan_ui::prerender::record(&page);
    writeln!(out, "{html}")?;
    match error {
        Some(e) => {
            writeln!(err, "ourplan: {e}")?;
            Ok(Outcome::Unreadable)
        }
        None if job.schema.text.is_err() => Ok(Outcome::Unreadable),
        None => Ok(Outcome::Valid),
    }
}

/// Writes `{ error: { message, detail } }` for `name`, which could not be used.
fn cannot_use(
    out: &mut dyn Write,
    lang: Lang,
    name: &str,
    e: &ourplan_core::error::Error,
) -> io::Result<Outcome> {
    let (message, detail) = (e.person_message(lang), e.to_string());
    unreadable_input(out, Format::Json, lang, name, None, &message, &detail)?;
    Ok(Outcome::Unreadable)
}

/// What `assemble` needs: the page as `render` draws it (`light`), and the form as posted.
pub struct Assemble {
    /// The page the form was drawn for (its schema, level, language, and the value it was
    /// drawn from, if the server keeps one).
    pub page: Render,
    /// The posted body (`application/x-www-form-urlencoded`).
    pub posted: Input,
    /// The element's `name`: when the kit was there, it sent the record as JSON under it, and
    /// that is the record (the no-script fields are gone).
    pub json_field: Option<String>,
    /// Where to write the form drawn again (problems showing, or what a button asked for).
    pub page_out: Option<String>,
}

/// Turns a form posted without script back into the record, with the kit's own edits, checks it
/// and prints one line of JSON: `{ valid, errors, value, action, unplaced }` (`action`: the
/// button pressed, `NAME:POINTER`, when the person asked for something other than sending;
/// `unplaced`: fields this form does not have). Writes the form drawn again to `page_out`.
/// Outcome: `Valid` only when the record is valid and no button asked for more.
pub fn assemble(job: &Assemble, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let lang = job.page.lang;
    let body = match &job.posted.text {
        Ok(text) => text,
        Err(why) => {
            let message = t(lang, "cli.no_file", &[]);
            unreadable_input(
                out,
                Format::Json,
                lang,
                &job.posted.name,
                None,
                &message,
                why,
            )?;
            return Ok(Outcome::Unreadable);
        }
    };
    // A body past `valueBytes` is refused unread, as a value handed over would be.
    if let Err(e) = job.page.limits.value_text(body) {
        return cannot_use(out, lang, &job.posted.name, &e);
    }
    let Some(page) = job.page.page(err)? else {
        return Ok(Outcome::Unreadable);
    };
    let (mut state, error) = ourplan_ui::prerender::prepare(&page);
    if let Some(e) = error {
        return cannot_use(out, lang, &job.page.schema.name, &e);
    }
    let fields: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let from_kit = job
        .json_field
        .as_ref()
        .and_then(|name| fields.iter().find(|(k, _)| k == name))
        .map(|(_, v)| v.clone());
    let mut posted = ourplan_core::record::posted::Posted::default();
    if let Some(text) = from_kit {
        match parse_value_within(&text, &job.page.limits) {
            Ok(value) => state.set_value(value),
            Err(e) => return cannot_use(out, lang, &job.posted.name, &e),
        }
    } else {
        // The record's own fields; whatever else the page sent (a token, a button) is the host's.
        let ours: Vec<(String, String)> = fields
            .into_iter()
            .filter(|(k, _)| k.starts_with('/') || k == ourplan_core::record::posted::ACTION_FIELD)
            .collect();
        posted = state.apply_posted(&ours);
    }
    for (name, value) in &posted.unplaced {
        writeln!(
            err,
            "ourplan: {name}: not a field of this form ({value:?} kept aside)"
        )?;
    }
    let action = posted.action.clone();
    match &action {
        Some(a) => {
            state.apply(a.clone());
        }
        None => {
            state.validate_all();
        }
    }
    let valid = state.is_valid();
    let problems: Vec<(String, String)> = state
        .all_problems()
        .into_iter()
        .map(|p| (p.pointer, p.message))
        .collect();
    let mut line: Value =
        serde_json::from_str(&verdict::verdict(valid, "pointer", &problems)).unwrap_or_default();
    line["value"] = state.value().clone();
    line["action"] = posted.pressed.clone().map_or(Value::Null, Value::String);
    line["unplaced"] = Value::Array(
        posted
            .unplaced
            .iter()
            .map(|(k, v)| serde_json::json!({ "name": k, "value": v }))
            .collect(),
    );
    if let Some(path) = &job.page_out {
        let html = ourplan_ui::prerender::draw(state, &page, true);
        std::fs::write(path, html).map_err(|e| io::Error::new(e.kind(), format!("{path}: {e}")))?;
    }
    writeln!(out, "{line}")?;
    Ok(if valid && action.is_none() {
        Outcome::Valid
    } else {
        Outcome::Invalid
    })
}

/// Writes a plan's first paint (a declarative shadow root for `<ourplan-plan>`): the plan read
/// back, with "Loading the tools to change your plan…". A plan the kit cannot open is drawn
/// empty; the outcome is then `Unreadable` and the reason goes to `err`.
pub fn render_plan(
    plan: &Input,
    lang: Lang,
    stylesheet: &str,
    limits: &Limits,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let text = match &plan.text {
        Ok(text) => text.as_str(),
        Err(e) => {
            writeln!(err, "ourplan: {}: {e}", plan.name)?;
            ""
        }
    };
    let (html, error) = ourplan_ui::prerender::plan(text, lang, stylesheet, limits);
    writeln!(out, "{html}")?;
    match error {
        Some(why) => {
            writeln!(err, "ourplan: {}: {why}", plan.name)?;
            Ok(Outcome::Unreadable)
        }
        None => Ok(Outcome::Valid),
    }
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportAs {
    /// A FHIR R4 `Bundle` with the `CarePlan` and its `Goal`s (`ourplan_core::plan::to_fhir`).
    Fhir,
    /// The PRSB About Me sections as JSON (`ourplan_core::plan::to_about_me`).
    AboutMe,
    /// The plan as Markdown, as the element's "Save as text" writes it.
    Markdown,
    /// The plan file itself, as the element saves it.
    Json,
}

/// What `export` needs.
pub struct Export {
    /// The plan.
    pub plan: Input,
    /// What to write.
    pub format: ExportAs,
    /// The language of the export's own words (the person's words are as typed).
    pub lang: Lang,
    /// A FHIR reference to the person (`Patient/123`), for `--fhir`.
    pub subject: Option<String>,
    /// The kit's limits (`--limit`).
    pub limits: Limits,
}

/// Writes the plan in another form to `out`. A plan the kit cannot open writes nothing there:
/// the reason goes to `err`, in the person's words and the reader's, and the outcome is
/// `Unreadable`.
pub fn export(job: &Export, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let text = match &job.plan.text {
        Ok(text) => text,
        Err(e) => {
            writeln!(err, "ourplan: {}: {e}", job.plan.name)?;
            return Ok(Outcome::Unreadable);
        }
    };
    let plan = match import_json_within(text, &job.limits) {
        Ok(plan) => plan,
        Err(e) => {
            writeln!(
                err,
                "ourplan: {}: {} ({e})",
                job.plan.name,
                e.person_message(job.lang)
            )?;
            return Ok(Outcome::Unreadable);
        }
    };
    use ourplan_core::plan::{to_about_me, to_fhir, to_json, to_markdown};
    let written = match job.format {
        ExportAs::Fhir => to_fhir(&plan, job.lang, job.subject.as_deref()),
        ExportAs::AboutMe => {
            let mut text =
                serde_json::to_string_pretty(&to_about_me(&plan, job.lang)).unwrap_or_default();
            text.push('\n');
            text
        }
        ExportAs::Markdown => to_markdown(&plan, job.lang),
        ExportAs::Json => to_json(&plan),
    };
    out.write_all(written.as_bytes())?;
    Ok(Outcome::Valid)
}
