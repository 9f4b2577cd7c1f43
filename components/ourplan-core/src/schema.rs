//! Loading and compiling schemas, and turning validator errors into problems a person can act on.
//!
//! Formats are asserted on purpose (a form that accepts "31 February" as a date helps nobody), so
//! the kit is stricter than the specification's default, which treats `format` as an annotation.

use crate::error::{Error, ErrorKind};
use crate::limits::{Limit, Limits};
pub use crate::message::Message;
use crate::pointer;
#[cfg(feature = "validator")]
use jsonschema::error::{TypeKind, ValidationErrorKind};
#[cfg(feature = "validator")]
use jsonschema::{JsonType, ValidationError};
use serde_json::Value;
use std::collections::HashMap;

/// A compiled schema, ready to validate values.
#[cfg(feature = "validator")]
pub struct Compiled {
    validator: jsonschema::Validator,
    /// The per-answer limits (`textChars`, `listItems`) every check also applies.
    limits: Limits,
}

/// Without the `validator` feature (the size experiment only): a schema that accepts everything.
#[cfg(not(feature = "validator"))]
pub struct Compiled;

#[cfg(not(feature = "validator"))]
impl Compiled {
    /// Accepts any schema.
    pub fn new(_schema: &Value, _remotes: &HashMap<String, Value>) -> Result<Compiled, Error> {
        Ok(Compiled)
    }
    /// Accepts any schema.
    pub fn within(
        _schema: &Value,
        _remotes: &HashMap<String, Value>,
        _limits: &Limits,
    ) -> Result<Compiled, Error> {
        Ok(Compiled)
    }
    /// Accepts each.
    pub fn each(schemas: &[Value], _remotes: &HashMap<String, Value>) -> Vec<Option<Compiled>> {
        schemas.iter().map(|_| Some(Compiled)).collect()
    }
    /// Always true.
    pub fn is_valid(&self, _value: &Value) -> bool {
        true
    }
    /// Always none.
    pub fn problems(&self, _value: &Value) -> Vec<Problem> {
        Vec::new()
    }
}

/// One thing wrong with a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// JSON Pointer of the value the problem belongs to. For a missing required property this is
    /// the missing property's own pointer, so the message sits beside its field.
    pub pointer: String,
    /// JSON Pointer of the schema keyword that failed.
    pub schema_path: String,
    /// The keyword that failed (`required`, `maxLength`, ...).
    pub keyword: String,
    /// What to tell the person.
    pub message: Message,
}

/// Parses schema text. A schema may be any JSON value (objects and booleans are schemas; the
/// validator reports anything else).
pub fn parse_schema(text: &str) -> Result<Value, Error> {
    parse_schema_within(text, &Limits::default())
}

/// [`parse_schema`] within `limits`: text larger than `schemaBytes` is refused unread, and a
/// schema nested deeper than `depth`.
pub fn parse_schema_within(text: &str, limits: &Limits) -> Result<Value, Error> {
    limits.schema_text(text)?;
    let schema = read_schema(text)?;
    limits.nesting(&schema, Limit::SchemaDepth)?;
    Ok(schema)
}

fn read_schema(text: &str) -> Result<Value, Error> {
    read(text, |line, column, detail| ErrorKind::SchemaSyntax {
        line,
        column,
        detail,
    })
}

/// JSON text read, or the reader's complaint as the error `kind` makes of it.
fn read(text: &str, kind: fn(usize, usize, String) -> ErrorKind) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| Error::new(kind(e.line(), e.column(), e.to_string())))
}

/// Parses value text handed over by a host.
pub fn parse_value(text: &str) -> Result<Value, Error> {
    parse_value_within(text, &Limits::default())
}

/// [`parse_value`] within `limits`: text larger than `valueBytes` is refused unread, and a value
/// nested deeper than `depth`.
pub fn parse_value_within(text: &str, limits: &Limits) -> Result<Value, Error> {
    limits.value_text(text)?;
    let value = read_value(text)?;
    limits.nesting(&value, Limit::ValueDepth)?;
    Ok(value)
}

fn read_value(text: &str) -> Result<Value, Error> {
    read(text, |line, column, detail| ErrorKind::ValueSyntax {
        line,
        column,
        detail,
    })
}

#[cfg(feature = "validator")]
impl Compiled {
    /// Compiles `schema` with formats asserted. `remotes` maps URIs to schemas the host handed over,
    /// so a schema split across files resolves with no network.
    pub fn new(schema: &Value, remotes: &HashMap<String, Value>) -> Result<Compiled, Error> {
        Compiled::within(schema, remotes, &Limits::default())
    }

    /// [`Compiled::new`] within `limits`: a schema whose `$ref`s chain past `refChain` is
    /// refused before the validator sees it (it would follow the chain on the stack); a
    /// `pattern` may backtrack `patternSteps` times on one answer; and every check also reports
    /// answers past `textChars` and lists past `listItems`.
    pub fn within(
        schema: &Value,
        remotes: &HashMap<String, Value>,
        limits: &Limits,
    ) -> Result<Compiled, Error> {
        limits.references(schema)?;
        // Each schema handed over for `$ref`s is a schema too: held to the same size and chains.
        for remote in remotes.values() {
            limits.schema_text(&remote.to_string())?;
            limits.references(remote)?;
        }
        let mut options = jsonschema::options()
            .should_validate_formats(true)
            .with_pattern_options(
                jsonschema::PatternOptions::fancy_regex().backtrack_limit(limits.pattern_steps),
            );
        // Draft 2020-12 unless the schema names its own meta-schema: forcing the draft would
        // ignore a custom meta-schema's `$vocabulary`.
        if schema.get("$schema").is_none() {
            options = options.with_draft(jsonschema::Draft::Draft202012);
        }
        if !remotes.is_empty() {
            options = options.with_retriever(MapRetriever(remotes.clone()));
        }
        options
            .build(schema)
            .map(|validator| Compiled {
                validator,
                limits: *limits,
            })
            .map_err(|e| {
                // Another document that was not handed over (a local pointer to nowhere is a
                // mistake in the schema itself, reported as such below).
                if matches!(
                    e.kind(),
                    ValidationErrorKind::Referencing(
                        jsonschema::ReferencingError::Unretrievable { .. }
                    )
                ) {
                    return Error::new(ErrorKind::SchemaReference {
                        detail: e.to_string(),
                    });
                }
                Error::new(ErrorKind::SchemaRules {
                    pointer: e.instance_path().as_str().to_owned(),
                    detail: e.to_string(),
                })
            })
    }

    /// Compiles each of `schemas` (standalone schemas: an `if`, a branch of a `oneOf`), `None`
    /// where one does not compile.
    ///
    /// On the web every compile builds jsonschema's meta-schema validator afresh (it keeps none
    /// on wasm targets), the largest part of compiling a small schema: 5-10 ms each, several
    /// times that before the browser has optimised the code. So they are compiled together, as
    /// `$defs` of one document with one meta-schema check, each entry its own resource (an
    /// `$id`) so its local references resolve as they did standalone. When that document does not
    /// compile (one schema is broken, or names its own meta-schema), each is compiled alone.
    pub fn each(schemas: &[Value], remotes: &HashMap<String, Value>) -> Vec<Option<Compiled>> {
        Compiled::together(schemas, remotes).unwrap_or_else(|| {
            schemas
                .iter()
                .map(|t| Compiled::new(t, remotes).ok())
                .collect()
        })
    }

    /// `schemas` compiled as one document (see [`Compiled::each`]), or `None` when they cannot be.
    fn together(
        schemas: &[Value],
        remotes: &HashMap<String, Value>,
    ) -> Option<Vec<Option<Compiled>>> {
        let fits = schemas
            .iter()
            .all(|t| t.get("$schema").is_none() && t.get("$id").is_none());
        if schemas.len() < 2 || !fits {
            return None;
        }
        let name = |i: usize| format!("ourplan-test-{i}");
        let mut defs = serde_json::Map::new();
        for (i, t) in schemas.iter().enumerate() {
            let entry = match t {
                Value::Object(o) => {
                    let mut o = o.clone();
                    o.insert("$id".into(), Value::String(format!("urn:ourplan:test:{i}")));
                    Value::Object(o)
                }
                other => other.clone(),
            };
            defs.insert(name(i), entry);
        }
        let document = serde_json::json!({ "$defs": defs });
        let limits = Limits::default();
        if schemas.iter().any(|t| limits.references(t).is_err()) {
            return None;
        }
        let mut options = jsonschema::options()
            .should_validate_formats(true)
            .with_pattern_options(
                jsonschema::PatternOptions::fancy_regex().backtrack_limit(limits.pattern_steps),
            )
            .with_draft(jsonschema::Draft::Draft202012);
        if !remotes.is_empty() {
            options = options.with_retriever(MapRetriever(remotes.clone()));
        }
        let map = options.build_map(&document).ok()?;
        (0..schemas.len())
            .map(|i| {
                let validator = map.get(&format!("#/$defs/{}", name(i)))?.clone();
                Some(Some(Compiled { validator, limits }))
            })
            .collect()
    }

    /// True when `value` is valid.
    pub fn is_valid(&self, value: &Value) -> bool {
        self.validator.is_valid(value) && self.limits.fits(value)
    }

    /// Every problem with `value`, in the validator's order.
    pub fn problems(&self, value: &Value) -> Vec<Problem> {
        let mut problems: Vec<Problem> = self
            .validator
            .iter_errors(value)
            .map(|e| problem_from(&e))
            .collect();
        problems.extend(self.limits.problems(value));
        problems
    }
}

#[cfg(feature = "validator")]
/// Resolves references from the map the host handed over; anything else is refused, never fetched.
struct MapRetriever(HashMap<String, Value>);

#[cfg(feature = "validator")]
impl jsonschema::Retrieve for MapRetriever {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let key = uri.as_str();
        let trimmed = key.trim_end_matches('#');
        self.0
            .get(key)
            .or_else(|| self.0.get(trimmed))
            .cloned()
            .ok_or_else(|| format!("no schema was handed over for '{key}'").into())
    }
}

#[cfg(feature = "validator")]
fn number_text(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

#[cfg(feature = "validator")]
fn type_key(kind: &TypeKind) -> &'static str {
    let first = match kind {
        TypeKind::Single(t) => Some(*t),
        TypeKind::Multiple(set) => set.iter().find(|t| *t != JsonType::Null),
    };
    match first {
        Some(JsonType::Integer) => "error.type_integer",
        Some(JsonType::Number) => "error.type_number",
        Some(JsonType::String) => "error.type_string",
        Some(JsonType::Boolean) => "error.type_boolean",
        Some(JsonType::Object) => "error.type_object",
        Some(JsonType::Array) => "error.type_array",
        _ => "error.type_other",
    }
}

#[cfg(feature = "validator")]
fn format_key(format: &str) -> &'static str {
    match format {
        "date" => "error.format_date",
        "time" => "error.format_time",
        "date-time" => "error.format_date_time",
        "email" | "idn-email" => "error.format_email",
        "uri" | "iri" | "uri-reference" | "iri-reference" => "error.format_uri",
        _ => "error.format_other",
    }
}

#[cfg(feature = "validator")]
fn problem_from(e: &ValidationError<'_>) -> Problem {
    let mut pointer = e.instance_path().as_str().to_owned();
    let message = match e.kind() {
        ValidationErrorKind::Required { property } => {
            pointer = pointer::join(&pointer, property.as_str().unwrap_or_default());
            Message::new("error.required")
        }
        ValidationErrorKind::Type { kind } => Message::new(type_key(kind)),
        ValidationErrorKind::MinLength { limit } => Message::counted("error.min_length", *limit),
        ValidationErrorKind::MaxLength { limit } => Message::counted("error.max_length", *limit),
        ValidationErrorKind::Minimum { limit } => {
            Message::new("error.minimum").text("limit", number_text(limit))
        }
        ValidationErrorKind::Maximum { limit } => {
            Message::new("error.maximum").text("limit", number_text(limit))
        }
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            Message::new("error.exclusive_minimum").text("limit", number_text(limit))
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            Message::new("error.exclusive_maximum").text("limit", number_text(limit))
        }
        ValidationErrorKind::MultipleOf { multiple_of } => {
            Message::new("error.multiple_of").text("limit", multiple_of.to_string())
        }
        ValidationErrorKind::Pattern { .. } => Message::new("error.pattern"),
        // The pattern gave up (`patternSteps`): the answer is neither right nor wrong, and the
        // person hears that it could not be checked.
        ValidationErrorKind::BacktrackLimitExceeded { .. }
        | ValidationErrorKind::RegexEngineFailure { .. } => Message::new("error.pattern_unchecked"),
        ValidationErrorKind::Format { format } => Message::new(format_key(format)),
        ValidationErrorKind::Enum { .. } => Message::new("error.enum"),
        ValidationErrorKind::Constant { .. } => Message::new("error.const"),
        ValidationErrorKind::MinItems { limit } => Message::counted("error.min_items", *limit),
        ValidationErrorKind::MaxItems { limit } => Message::counted("error.max_items", *limit),
        ValidationErrorKind::UniqueItems => Message::new("error.unique_items"),
        ValidationErrorKind::MinProperties { limit } => {
            Message::counted("error.min_properties", *limit)
        }
        ValidationErrorKind::MaxProperties { limit } => {
            Message::counted("error.max_properties", *limit)
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            Message::new("error.additional").text("names", unexpected.join(", "))
        }
        ValidationErrorKind::FalseSchema => Message::new("error.false"),
        ValidationErrorKind::AnyOf { .. }
        | ValidationErrorKind::OneOfNotValid { .. }
        | ValidationErrorKind::OneOfMultipleValid { .. } => Message::new("error.choice"),
        ValidationErrorKind::Not { .. } => Message::new("error.not"),
        ValidationErrorKind::Contains => Message::new("error.contains"),
        _ => Message::new("error.other"),
    };
    Problem {
        pointer,
        schema_path: e.schema_path().as_str().to_owned(),
        keyword: e.kind().keyword().to_owned(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn schemas_compiled_together_check_as_they_do_alone() {
        let defs = json!({"yes": {"const": "yes"}});
        let tests = vec![
            json!({"properties": {"help": {"$ref": "#/$defs/yes"}}, "required": ["help"], "$defs": defs}),
            json!({"properties": {"age": {"minimum": 18}}}),
            json!(false),
            json!({"properties": {"when": {"format": "date"}}}),
        ];
        let values = [
            json!({"help": "yes", "age": 20, "when": "2026-11-23"}),
            json!({"help": "no", "age": 12, "when": "23/11/2026"}),
            json!({}),
        ];
        let together = Compiled::together(&tests, &HashMap::new()).expect("one document");
        assert_eq!(together.len(), tests.len());
        for (t, c) in tests.iter().zip(&together) {
            let alone = Compiled::new(t, &HashMap::new()).unwrap();
            let c = c.as_ref().expect("compiled");
            for v in &values {
                assert_eq!(c.is_valid(v), alone.is_valid(v), "{t} with {v}");
            }
        }
        // One that does not compile spoils nothing for the others.
        let broken = vec![json!({"minimum": "ten"}), json!({"required": ["a"]})];
        let each = Compiled::each(&broken, &HashMap::new());
        assert!(each[0].is_none());
        assert!(each[1].as_ref().is_some_and(|c| !c.is_valid(&json!({}))));
    }

    fn problems(schema: Value, value: Value) -> Vec<(String, String, String)> {
        let compiled = Compiled::new(&schema, &HashMap::new()).unwrap();
        compiled
            .problems(&value)
            .into_iter()
            .map(|p| {
                (
                    p.pointer,
                    p.keyword,
                    p.message.render_about(crate::i18n::Lang::En, "it"),
                )
            })
            .collect()
    }

    fn check(schema: Value, value: Value, expected: &[(&str, &str, &str)]) {
        let got = problems(schema, value);
        let expected: Vec<(String, String, String)> = expected
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn required_points_at_the_missing_field() {
        check(
            json!({"properties": {"a": {"properties": {"b": {}}, "required": ["b"]}}}),
            json!({"a": {}}),
            &[("/a/b", "required", "Enter it")],
        );
    }

    #[test]
    fn keyword_messages() {
        check(
            json!({"type": "integer"}),
            json!("x"),
            &[("", "type", "Enter it as a whole number, like 12")],
        );
        check(
            json!({"maxLength": 3}),
            json!("abcd"),
            &[("", "maxLength", "Shorten it to 3 characters or fewer")],
        );
        check(
            json!({"minLength": 1}),
            json!(""),
            &[("", "minLength", "Enter at least 1 character for it")],
        );
        check(
            json!({"minimum": 5}),
            json!(4),
            &[("", "minimum", "Enter a number for it that is 5 or more")],
        );
        check(
            json!({"format": "date"}),
            json!("2025-02-31"),
            &[("", "format", "Enter it as a real date")],
        );
        check(
            json!({"format": "email"}),
            json!("nope"),
            &[(
                "",
                "format",
                "Enter it as an email address, like name@example.com",
            )],
        );
        check(
            json!({"minItems": 2}),
            json!([1]),
            &[("", "minItems", "Add at least 2 items to it")],
        );
        check(
            json!({"enum": ["a"]}),
            json!("b"),
            &[("", "enum", "Choose one of the options for it")],
        );
        check(
            json!({"properties": {"x": {}}, "additionalProperties": false}),
            json!({"y": 1}),
            &[(
                "",
                "additionalProperties",
                "Remove the answers this form does not ask for: y",
            )],
        );
        check(json!({"type": ["string", "null"]}), json!(null), &[]);
        check(
            json!({"type": ["integer", "null"]}),
            json!("1"),
            &[("", "type", "Enter it as a whole number, like 12")],
        );
    }

    #[test]
    fn bad_schemas_are_errors_not_panics() {
        let e = parse_schema("{\n  \"type\": }").unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::SchemaSyntax { line: 2, .. }),
            "{e}"
        );
        let e = Compiled::new(&json!({"type": 12}), &HashMap::new())
            .err()
            .unwrap();
        assert!(matches!(e.kind(), ErrorKind::SchemaRules { .. }), "{e}");
        let e = Compiled::new(&json!({"pattern": "("}), &HashMap::new())
            .err()
            .unwrap();
        assert!(matches!(e.kind(), ErrorKind::SchemaRules { .. }), "{e}");
        let e = Compiled::new(&json!({"$ref": "#/$defs/missing"}), &HashMap::new())
            .err()
            .unwrap();
        assert!(matches!(e.kind(), ErrorKind::SchemaRules { .. }), "{e}");
        let e = Compiled::new(
            &json!({"$ref": "https://example.org/s.json"}),
            &HashMap::new(),
        )
        .err()
        .unwrap();
        assert!(matches!(e.kind(), ErrorKind::SchemaReference { .. }), "{e}");
        assert!(Compiled::new(&json!(true), &HashMap::new()).is_ok());
    }

    #[test]
    fn remotes_come_from_the_map() {
        let mut remotes = HashMap::new();
        remotes.insert(
            "https://example.org/name.json".to_owned(),
            json!({"type": "string"}),
        );
        let c = Compiled::new(&json!({"$ref": "https://example.org/name.json"}), &remotes).unwrap();
        assert!(c.is_valid(&json!("x")));
        assert!(!c.is_valid(&json!(1)));
    }
}
