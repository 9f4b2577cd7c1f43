//! The state of one conversation record: schema, model, value, what the person typed, and which
//! problems are shown where. Pure logic, driven by the UI and the host, tested natively.
//!
//! What a person typed is never thrown away: text that does not parse as the field's type stays in
//! the field (and in the value, as text, so the validator explains it), and raw-JSON fields keep
//! their text even while it is not yet complete JSON.

use crate::error::Error;
use crate::i18n::{Lang, t};
use crate::model::{Diagnostic, FormModel, Kind, Node, field_id, lower};
use crate::pointer;
use crate::schema::{Compiled, Message, Problem, parse_schema};
use serde_json::{Number, Value};
use std::collections::{HashMap, HashSet};

/// What the person did to a field.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Typed text into a text, number or raw-JSON field.
    Text(String),
    /// Ticked or unticked a checkbox.
    Bool(bool),
    /// Chose option `n` of a choice, or none.
    Choice(Option<usize>),
}

/// A problem as shown: where, and the words.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownProblem {
    /// Pointer of the field the message sits beside.
    pub pointer: String,
    /// The id of that field's element, for links from the error summary.
    pub field_id: String,
    /// The message, in the record's language.
    pub message: String,
}

/// One record's state.
pub struct RecordState {
    lang: Lang,
    model: Option<FormModel>,
    diagnostics: Vec<Diagnostic>,
    compiled: Option<Compiled>,
    load_error: Option<Error>,
    value: Value,
    raw: HashMap<String, String>,
    json_errors: HashMap<String, (usize, usize)>,
    touched: HashSet<String>,
    show_all: bool,
    problems: Vec<Problem>,
    remotes: HashMap<String, Value>,
}

impl Default for RecordState {
    fn default() -> Self {
        RecordState::new(Lang::En)
    }
}

impl RecordState {
    /// An empty record with no schema yet.
    pub fn new(lang: Lang) -> RecordState {
        RecordState {
            lang,
            model: None,
            diagnostics: Vec::new(),
            compiled: None,
            load_error: None,
            value: Value::Object(Default::default()),
            raw: HashMap::new(),
            json_errors: HashMap::new(),
            touched: HashSet::new(),
            show_all: false,
            problems: Vec::new(),
            remotes: HashMap::new(),
        }
    }

    /// The language messages are shown in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Switches language; nothing typed changes.
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// Schemas by URI that `$ref`s may name, handed over by the host (no network is used).
    pub fn set_remotes(&mut self, remotes: HashMap<String, Value>) {
        self.remotes = remotes;
    }

    /// Sets the schema from text. A schema that is not JSON, or breaks the rules, becomes the load
    /// error; the value is kept either way.
    pub fn set_schema_text(&mut self, text: &str) -> Result<(), Error> {
        match parse_schema(text) {
            Ok(schema) => self.set_schema(&schema),
            Err(e) => {
                self.fail(e.clone());
                Err(e)
            }
        }
    }

    /// Sets the schema. The value is kept: a host may set the value before the schema arrives.
    pub fn set_schema(&mut self, schema: &Value) -> Result<(), Error> {
        match Compiled::new(schema, &self.remotes) {
            Ok(compiled) => {
                let (model, diagnostics) = lower(schema);
                self.model = Some(model);
                self.diagnostics = diagnostics;
                self.compiled = Some(compiled);
                self.load_error = None;
                self.raw.clear();
                self.json_errors.clear();
                self.revalidate();
                Ok(())
            }
            Err(e) => {
                self.fail(e.clone());
                Err(e)
            }
        }
    }

    /// Shows `error` instead of the form (a schema that failed to fetch, say). The value is kept.
    pub fn fail(&mut self, error: Error) {
        self.model = None;
        self.compiled = None;
        self.diagnostics.clear();
        self.problems.clear();
        self.load_error = Some(error);
    }

    /// The error that stops the form from showing, if any.
    pub fn load_error(&self) -> Option<&Error> {
        self.load_error.as_ref()
    }

    /// The form model, once a schema has loaded.
    pub fn model(&self) -> Option<&FormModel> {
        self.model.as_ref()
    }

    /// What lowering could not draw as asked.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The current value.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// Replaces the value (from the host). Problems are hidden again until the person leaves a
    /// field or the host calls validate.
    pub fn set_value(&mut self, value: Value) {
        self.value = value;
        self.raw.clear();
        self.json_errors.clear();
        self.touched.clear();
        self.show_all = false;
        self.revalidate();
    }

    /// The text a text-like field shows: what the person typed, or the value's text.
    pub fn display_text(&self, pointer: &str) -> String {
        if let Some(raw) = self.raw.get(pointer) {
            return raw.clone();
        }
        let raw_kind = self
            .model
            .as_ref()
            .and_then(|m| m.find(pointer))
            .is_some_and(|n| n.kind == Kind::Raw);
        match pointer::get(&self.value, pointer) {
            None => String::new(),
            Some(Value::String(s)) if !raw_kind => s.clone(),
            Some(Value::Number(n)) if !raw_kind => n.to_string(),
            Some(other) => serde_json::to_string_pretty(other).unwrap_or_default(),
        }
    }

    /// The value at `pointer`.
    pub fn value_at(&self, pointer: &str) -> Option<&Value> {
        pointer::get(&self.value, pointer)
    }

    /// Applies what the person did to the field at `pointer`. Returns whether the value changed.
    pub fn edit(&mut self, pointer: &str, input: Input) -> bool {
        let Some(node) = self.model.as_ref().and_then(|m| m.find(pointer)).cloned() else {
            return false;
        };
        let before = pointer::get(&self.value, pointer).cloned();
        self.json_errors.remove(pointer);
        let new = match (&node.kind, input) {
            (Kind::Text { .. }, Input::Text(text)) => {
                let v = (!text.is_empty()).then(|| Value::String(text.clone()));
                self.raw.insert(pointer.to_owned(), text);
                v
            }
            (Kind::Number { integer }, Input::Text(text)) => {
                let v = parse_number(&text, *integer);
                self.raw.insert(pointer.to_owned(), text);
                v
            }
            (Kind::Raw, Input::Text(text)) => {
                let v = if text.trim().is_empty() {
                    None
                } else {
                    match serde_json::from_str::<Value>(&text) {
                        Ok(v) => Some(v),
                        Err(e) => {
                            self.json_errors
                                .insert(pointer.to_owned(), (e.line(), e.column()));
                            None
                        }
                    }
                };
                self.raw.insert(pointer.to_owned(), text);
                v
            }
            (Kind::Boolean, Input::Bool(b)) => Some(Value::Bool(b)),
            (Kind::Choice { options, .. }, Input::Choice(i)) => {
                i.and_then(|i| options.get(i)).map(|o| o.value.clone())
            }
            _ => return false,
        };
        match new {
            Some(v) => pointer::set(&mut self.value, pointer, v),
            None => {
                let model = self.model.as_ref();
                pointer::remove(&mut self.value, pointer, &|parent| {
                    !model
                        .and_then(|m| m.find(parent))
                        .is_some_and(|n| n.required)
                });
            }
        }
        self.revalidate();
        pointer::get(&self.value, pointer).cloned() != before
    }

    /// The person left the field at `pointer`: its problem may show from now on.
    pub fn leave(&mut self, pointer: &str) {
        self.touched.insert(pointer.to_owned());
    }

    /// Shows every problem (the host called validate, or the form was submitted). Returns whether
    /// the value is valid.
    pub fn validate_all(&mut self) -> bool {
        self.show_all = true;
        self.is_valid()
    }

    /// Whether the value is valid (and nothing typed is unparsed).
    pub fn is_valid(&self) -> bool {
        self.compiled.is_some() && self.problems.is_empty() && self.json_errors.is_empty()
    }

    /// Whether the error summary shows.
    pub fn summary_shown(&self) -> bool {
        self.show_all && !self.all_problems().is_empty()
    }

    /// The problem shown beside the field at `pointer`, if any: only once the person has left the
    /// field (or validate was called), and gone as soon as it is fixed.
    pub fn visible_problem(&self, pointer: &str) -> Option<ShownProblem> {
        if !self.show_all && !self.touched.contains(pointer) {
            return None;
        }
        self.all_problems()
            .into_iter()
            .find(|p| p.pointer == pointer)
    }

    /// Every current problem, each placed at the nearest field the form draws, one per field, in
    /// form order.
    pub fn all_problems(&self) -> Vec<ShownProblem> {
        let Some(model) = &self.model else {
            return Vec::new();
        };
        let mut by_field: HashMap<String, ShownProblem> = HashMap::new();
        for (ptr, (line, column)) in &self.json_errors {
            let node = model.nearest(ptr);
            let message = t(
                self.lang,
                "error.json",
                &[
                    ("label", &label_for(node, self.lang)),
                    ("line", &line.to_string()),
                    ("column", &column.to_string()),
                ],
            );
            by_field.insert(node.pointer.clone(), shown(node, message));
        }
        for p in &self.problems {
            let node = model.nearest(&p.pointer);
            if by_field.contains_key(&node.pointer) {
                continue;
            }
            by_field.insert(
                node.pointer.clone(),
                shown(node, message_at(&p.message, node, self.lang)),
            );
        }
        model
            .walk()
            .into_iter()
            .filter_map(|n| by_field.remove(&n.pointer))
            .collect()
    }

    fn revalidate(&mut self) {
        self.problems = match &self.compiled {
            Some(c) => c.problems(&self.value),
            None => Vec::new(),
        };
    }
}

/// Validates `value` against `schema` and returns every problem as (exact value pointer, message),
/// with each message naming the nearest field the form would draw. For hosts that validate
/// without rendering (the module's `validate`).
pub fn check(
    schema: &Value,
    value: &Value,
    lang: Lang,
    remotes: &HashMap<String, Value>,
) -> Result<Vec<(String, String)>, Error> {
    let compiled = Compiled::new(schema, remotes)?;
    let (model, _) = lower(schema);
    Ok(compiled
        .problems(value)
        .into_iter()
        .map(|p| {
            let text = message_at(&p.message, model.nearest(&p.pointer), lang);
            (p.pointer, text)
        })
        .collect())
}

/// The words of `message` about `node`: "Choose" rather than "Enter" for a missing choice.
fn message_at(message: &Message, node: &Node, lang: Lang) -> String {
    let mut message = message.clone();
    if message.key == "error.required" && matches!(node.kind, Kind::Choice { .. } | Kind::Boolean) {
        message.key = "error.required_choice";
    }
    message.render(lang, &label_for(node, lang))
}

fn shown(node: &Node, message: String) -> ShownProblem {
    ShownProblem {
        pointer: node.pointer.clone(),
        field_id: field_id(&node.pointer),
        message,
    }
}

/// The label as it reads inside a sentence ("Enter full name"): lower-case first letter unless
/// the word looks like an acronym.
fn label_for(node: &Node, lang: Lang) -> String {
    if node.label.is_empty() {
        return t(lang, "label.this_answer", &[]);
    }
    // A question ("Follow up in how many weeks?") does not read inside a sentence: quote it, as
    // the Welsh messages always do.
    if lang == Lang::Cy || node.label.ends_with('?') {
        return if lang == Lang::Cy {
            node.label.clone()
        } else {
            format!("‘{}’", node.label)
        };
    }
    let mut chars = node.label.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(node.label.chars().skip(1)).collect()
        }
        _ => node.label.clone(),
    }
}

/// Parses a number as typed. Commas and spaces between digits are allowed ("1,000"). Text that is
/// not a number is kept as text so the validator can say what is wrong and nothing is lost.
fn parse_number(text: &str, integer: bool) -> Option<Value> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let cleaned: String = trimmed.chars().filter(|c| *c != ',' && *c != ' ').collect();
    if let Ok(i) = cleaned.parse::<i64>() {
        return Some(Value::Number(i.into()));
    }
    if !integer {
        if let Some(n) = cleaned
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .and_then(Number::from_f64)
        {
            return Some(Value::Number(n));
        }
    }
    Some(Value::String(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record() -> RecordState {
        let mut r = RecordState::new(Lang::En);
        r.set_schema(&json!({
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "title": "Full name", "maxLength": 10},
                "age": {"type": "integer", "title": "Age", "minimum": 0},
                "about": {"type": "object", "title": "About", "properties": {"likes": {"type": "string"}}},
                "consent": {"type": "boolean", "title": "Consent"},
                "pick": {"enum": ["a", "b"], "title": "Pick"},
                "extra": {"type": "array", "title": "Extra"}
            }
        }))
        .unwrap();
        r
    }

    #[test]
    fn a_problem_shows_after_leaving_and_goes_when_fixed() {
        let mut r = record();
        assert!(r.visible_problem("/name").is_none());
        r.edit("/name", Input::Text("much too long a name".into()));
        assert!(
            r.visible_problem("/name").is_none(),
            "not while typing the first time"
        );
        r.leave("/name");
        assert_eq!(
            r.visible_problem("/name").unwrap().message,
            "Shorten full name to 10 characters or fewer"
        );
        r.edit("/name", Input::Text("Ann".into()));
        assert!(r.visible_problem("/name").is_none());
        assert!(r.is_valid());
    }

    #[test]
    fn validate_all_shows_required_beside_the_field() {
        let mut r = record();
        assert!(!r.validate_all());
        let all = r.all_problems();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].message, "Enter full name");
        assert_eq!(all[0].field_id, "op-f-name");
        assert!(r.summary_shown());
    }

    #[test]
    fn numbers_keep_what_was_typed() {
        let mut r = record();
        r.edit("/age", Input::Text("12a".into()));
        assert_eq!(r.value()["age"], json!("12a"));
        assert_eq!(r.display_text("/age"), "12a");
        r.leave("/age");
        assert_eq!(
            r.visible_problem("/age").unwrap().message,
            "Enter age as a whole number, like 12"
        );
        r.edit("/age", Input::Text("1,200".into()));
        assert!(r.visible_problem("/age").is_none());
        assert_eq!(r.value()["age"], json!(1200));
        assert_eq!(r.display_text("/age"), "1,200");
    }

    #[test]
    fn empty_optional_sections_leave_the_value() {
        let mut r = record();
        r.edit("/about/likes", Input::Text("tea".into()));
        assert_eq!(r.value(), &json!({"about": {"likes": "tea"}}));
        r.edit("/about/likes", Input::Text(String::new()));
        assert_eq!(r.value(), &json!({}));
    }

    #[test]
    fn raw_json_keeps_incomplete_text() {
        let mut r = record();
        r.edit("/extra", Input::Text("[1, 2".into()));
        assert_eq!(r.display_text("/extra"), "[1, 2");
        assert!(!r.is_valid());
        assert!(!r.validate_all());
        assert!(
            r.all_problems()
                .iter()
                .any(|p| p.pointer == "/extra" && p.message.contains("line 1"))
        );
        r.edit("/extra", Input::Text("[1, 2]".into()));
        assert_eq!(r.value()["extra"], json!([1, 2]));
    }

    #[test]
    fn choices_and_booleans() {
        let mut r = record();
        r.edit("/pick", Input::Choice(Some(1)));
        r.edit("/consent", Input::Bool(true));
        assert_eq!(r.value()["pick"], json!("b"));
        assert_eq!(r.value()["consent"], json!(true));
        r.edit("/pick", Input::Choice(None));
        assert!(r.value().get("pick").is_none());
    }

    #[test]
    fn a_broken_schema_keeps_the_value() {
        let mut r = record();
        r.edit("/name", Input::Text("Ann".into()));
        assert!(r.set_schema_text("{ not json").is_err());
        assert!(r.load_error().is_some());
        assert!(r.model().is_none());
        assert_eq!(r.value(), &json!({"name": "Ann"}));
        assert!(r.set_schema(&json!({"type": 7})).is_err());
        assert_eq!(r.value(), &json!({"name": "Ann"}));
    }

    #[test]
    fn welsh_messages() {
        let mut r = record();
        r.set_lang(Lang::Cy);
        r.validate_all();
        assert_eq!(
            r.all_problems()[0].message,
            "Rhowch ateb ar gyfer ‘Full name’"
        );
    }
}
