//! The `x-ourplan` vocabulary: reading a schema's annotations in the form's language, and
//! checking them against `schemas/x-ourplan.schema.json`.

use super::{Diagnostic, Level, Voice};
use crate::i18n::Lang;
use serde_json::{Map, Value};
use std::collections::HashMap;
#[cfg(feature = "validator")]
use std::sync::OnceLock;

/// `x-ourplan` annotations met while lowering, with the schema pointer of each, to check.
#[derive(Debug, Default, Clone)]
pub struct Annotations(Vec<(Value, String)>);

impl Annotations {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Checks each annotation against the vocabulary: mistakes become diagnostics (the form
    /// still shows, using what it can).
    #[cfg(feature = "validator")]
    pub fn check(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if self.0.is_empty() {
            return out;
        }
        let Some(meta) = vocabulary() else {
            return out;
        };
        for (x, at) in &self.0 {
            for e in meta.iter_errors(x) {
                let where_ = e.instance_path().as_str().to_owned();
                out.push(Diagnostic {
                    schema_pointer: at.clone(),
                    message: format!("x-ourplan{where_}: {e} (see schemas/x-ourplan.schema.json)"),
                });
            }
        }
        out
    }

    /// Without the validator (the size experiment only): nothing to check with.
    #[cfg(not(feature = "validator"))]
    pub fn check(&self) -> Vec<Diagnostic> {
        Vec::new()
    }

    /// Keeps the schema at `at`'s annotation, if it has one, for [`Annotations::check`].
    pub(super) fn note(&mut self, annotation: Annotation<'_>, at: &str) {
        if let Some(x) = annotation.x {
            self.0.push((x.clone(), at.to_owned()));
        }
    }
}

/// One schema's `x-ourplan` object (or its absence), read in the form's language.
#[derive(Clone, Copy)]
pub(super) struct Annotation<'v> {
    x: Option<&'v Value>,
    lang: Lang,
}

impl<'v> Annotation<'v> {
    /// The annotation of a flattened schema.
    pub(super) fn of(s: &'v Map<String, Value>, lang: Lang) -> Self {
        Annotation {
            x: s.get("x-ourplan"),
            lang,
        }
    }

    /// The annotation of a schema as written (a `oneOf` option, which is not flattened).
    pub(super) fn of_value(schema: &'v Value, lang: Lang) -> Self {
        Annotation {
            x: schema.get("x-ourplan"),
            lang,
        }
    }

    fn get(&self, name: &str) -> Option<&'v Value> {
        self.x.and_then(|a| a.get(name))
    }

    /// The text annotation `name` (`title`, `hint`, `placeholder`...) in the form's language.
    /// In easy read, `easy` gives the label and `easyHint` the hint, where the schema has them.
    pub(super) fn text(&self, name: &str) -> Option<String> {
        let easy = match name {
            "title" if self.lang.is_easy() => self.get("easy"),
            "hint" if self.lang.is_easy() => self.get("easyHint"),
            _ => None,
        };
        easy.or_else(|| self.get(name))
            .and_then(|v| text_in(v, self.lang))
    }

    /// `level`: how much of a record must show for this field to show.
    pub(super) fn level(&self) -> Option<Level> {
        self.get("level")
            .and_then(Value::as_str)
            .map(Level::from_name)
    }

    /// `voice`: whose words the field holds.
    pub(super) fn voice(&self) -> Option<Voice> {
        match self.get("voice").and_then(Value::as_str) {
            Some("person") => Some(Voice::Person),
            Some("practitioner") => Some(Voice::Practitioner),
            _ => None,
        }
    }

    /// `messages`: the schema's own error messages by keyword.
    pub(super) fn messages(&self) -> HashMap<String, String> {
        self.get("messages")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.clone(), text_in(v, self.lang)?)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `widget`: the input the schema asks for, where the type allows a choice.
    pub(super) fn widget(&self) -> Option<&'v str> {
        self.get("widget").and_then(Value::as_str)
    }

    /// `rows`: a text area's height, at most 50.
    pub(super) fn rows(&self) -> Option<u32> {
        self.get("rows")
            .and_then(Value::as_u64)
            .map(|r| r.min(50) as u32)
    }

    /// `enumLabels`: the words for an `enum`'s values, by [`value_label`].
    pub(super) fn enum_labels(&self) -> Option<&'v Map<String, Value>> {
        self.get("enumLabels").and_then(Value::as_object)
    }
}

/// The label `enumLabels` gives `value`, in `lang`, if it gives one.
pub(super) fn enum_label(labels: &Map<String, Value>, value: &Value, lang: Lang) -> Option<String> {
    labels
        .get(&value_label(value))
        .and_then(|t| text_in(t, lang))
}

/// The `x-ourplan.order` of property `key` of object schema `s`, if given.
pub(super) fn props_order(s: &Map<String, Value>, key: &str) -> Option<f64> {
    s.get("properties")?
        .get(key)?
        .get("x-ourplan")?
        .get("order")?
        .as_f64()
}

/// How a value reads as an option's label, and the key `enumLabels` gives its words under.
pub(super) fn value_label(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Reads annotation text: a string, or `{"en": ..., "cy": ...}` (English is the fallback).
fn text_in(v: &Value, lang: Lang) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o
            .get(lang.tag())
            .or_else(|| o.get("en"))
            .and_then(Value::as_str)
            .map(str::to_owned),
        _ => None,
    }
}

/// The annotation vocabulary's meta-schema (`schemas/x-ourplan.schema.json`), compiled once.
#[cfg(feature = "validator")]
fn vocabulary() -> Option<&'static jsonschema::Validator> {
    static V: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(include_str!("../../../../schemas/x-ourplan.schema.json")).ok()?;
        jsonschema::validator_for(&schema).ok()
    })
    .as_ref()
}
