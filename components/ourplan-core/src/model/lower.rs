//! The lowerer: walks a schema and draws each construct as a field. This file holds its state,
//! what every field has (label, hint, the `x-ourplan` words), the choice of construct, and the
//! simple ones (text, number, yes/no, lists, the raw fallback); `lower/` holds flattening
//! (`$ref`, `allOf`), choices and groups of questions.

mod choice;
mod flatten;
mod object;

use super::vocabulary::{Annotation, Annotations, enum_label};
use super::{ChoiceOption, Diagnostic, InputKind, KNOWN_FORMATS, Kind, MAX_DEPTH, Node, humanise};
use crate::i18n::Lang;
use crate::pointer;
use choice::{choice, choice_options};
use serde_json::{Map, Value};

/// Lowering's state while it walks one schema.
pub(super) struct Lowerer<'a> {
    root: &'a Value,
    diagnostics: Vec<Diagnostic>,
    /// References being followed by the fields above the one being lowered, to stop at a cycle.
    refs: Vec<String>,
    /// See [`FormModel::tests`](super::FormModel::tests).
    tests: Vec<Value>,
    /// The language of the text drawn.
    lang: Lang,
    /// The reference `flatten` stopped at because it was already being followed.
    cycle: Option<String>,
    /// Annotations to check against the vocabulary (see
    /// [`lower_unchecked`](super::lower_unchecked)).
    annotations: Annotations,
    /// The form's tests, when lowering a recursive part of it again (see
    /// [`lower_reference`](super::lower_reference)).
    known_tests: Option<&'a [Value]>,
}

impl<'a> Lowerer<'a> {
    /// Lowers parts of `root`, starting inside `reference` (`#` for the whole schema): it counts
    /// as followed already, so a reference back to it is a cycle like any other.
    pub(super) fn new(
        root: &'a Value,
        reference: &str,
        lang: Lang,
        known_tests: Option<&'a [Value]>,
    ) -> Self {
        Lowerer {
            root,
            diagnostics: Vec::new(),
            refs: vec![reference.to_owned()],
            tests: Vec::new(),
            lang,
            cycle: None,
            annotations: Annotations::default(),
            known_tests,
        }
    }

    /// What lowering gathered besides the fields: the tests, the diagnostics and the annotations.
    pub(super) fn finish(self) -> (Vec<Value>, Vec<Diagnostic>, Annotations) {
        (self.tests, self.diagnostics, self.annotations)
    }

    /// Lowers `schema` (at `at` in the schema) as the field at `pointer`; `key` is its property
    /// name, for a label when it has no title.
    pub(super) fn node(
        &mut self,
        schema: &Value,
        at: &str,
        pointer: String,
        key: Option<&str>,
        required: bool,
        depth: usize,
    ) -> Node {
        let refs_before = self.refs.len();
        let flat = self.flatten_borrowed(schema, at, depth);
        let empty = Map::new();
        let s = flat.as_deref().unwrap_or(&empty);
        let said = Annotation::of(s, self.lang);
        self.annotations.note(said, at);
        let label = label(s, schema, key, said);
        let hint = hint(s, said, self.lang);
        let read_only = s.get("readOnly").and_then(Value::as_bool).unwrap_or(false);
        let kind = if flat.is_none() {
            match self.cycle.take() {
                Some(reference) => Kind::Recursive { reference },
                None => Kind::Raw,
            }
        } else {
            self.kind(s, at, &pointer, depth)
        };
        self.refs.truncate(refs_before);
        Node {
            pointer,
            label,
            hint,
            required,
            read_only,
            level: said.level(),
            voice: said.voice(),
            placeholder: said.text("placeholder"),
            messages: said.messages(),
            entry: false,
            default: s.get("default").cloned(),
            kind,
        }
    }

    fn diag(&mut self, schema_pointer: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            schema_pointer: schema_pointer.to_owned(),
            message: message.into(),
        });
    }

    /// Registers `schema` as a test, standalone: the root's `$defs` come along so its local
    /// references still resolve.
    fn test_schema(&mut self, schema: &Value) -> usize {
        let mut standalone = match schema {
            Value::Object(o) => o.clone(),
            Value::Bool(b) => return self.push_test(Value::Bool(*b)),
            _ => Map::new(),
        };
        for defs in ["$defs", "definitions"] {
            if let Some(d) = self.root.get(defs) {
                standalone
                    .entry(defs.to_owned())
                    .or_insert_with(|| d.clone());
            }
        }
        self.push_test(Value::Object(standalone))
    }

    fn push_test(&mut self, schema: Value) -> usize {
        if let Some(known) = self.known_tests {
            // Not found cannot happen for a part lowered with the form; an index past the end
            // is a test that never holds.
            return known
                .iter()
                .position(|t| *t == schema)
                .unwrap_or(usize::MAX);
        }
        self.tests.push(schema);
        self.tests.len() - 1
    }

    /// What to draw for the flattened schema `s`: a choice of values, else a choice of shapes,
    /// else what its type asks for.
    fn kind(&mut self, s: &Map<String, Value>, at: &str, pointer: &str, depth: usize) -> Kind {
        let said = Annotation::of(s, self.lang);
        if let Some(options) = choice_options(s, self.lang) {
            return choice(options, said.widget());
        }
        if let Some(shapes) = self.shapes(s, at, pointer, depth) {
            return shapes;
        }
        match types(s).as_slice() {
            ["string"] => self.text(s, said, at),
            ["integer"] => Kind::Number { integer: true },
            ["number"] => Kind::Number { integer: false },
            ["boolean"] => Kind::Boolean,
            ["array"] => self.array(s, at, pointer, depth),
            ["object"] => self.object(s, at, pointer, depth),
            other => self.raw(s, other, at),
        }
    }

    fn text(&mut self, s: &Map<String, Value>, said: Annotation<'_>, at: &str) -> Kind {
        let widget = said.widget();
        let format = s.get("format").and_then(Value::as_str);
        let input = input_kind(widget, format);
        if let Some(f) = format {
            if !KNOWN_FORMATS.contains(&f) {
                self.diag(
                    at,
                    format!("format '{f}' is not one the kit knows, so it is not checked"),
                );
            }
        }
        let max_length = s.get("maxLength").and_then(Value::as_u64);
        let multiline = match widget {
            Some("textarea") => true,
            Some(_) => false,
            None => input == InputKind::Text && max_length.is_some_and(|m| m > 200),
        };
        Kind::Text {
            multiline,
            input,
            max_length,
            rows: said.rows(),
        }
    }

    fn array(&mut self, s: &Map<String, Value>, at: &str, pointer: &str, depth: usize) -> Kind {
        if depth >= MAX_DEPTH {
            self.diag(at, "nesting goes deeper than the form draws; shown as code");
            return Kind::Raw;
        }
        let prefix = self.prefix_items(s, at, pointer, depth);
        let items_schema = s.get("items");
        if prefix.is_empty() {
            if let Some(items) = items_schema {
                if let Some(options) = self.checkboxes(s, items, at, depth) {
                    return Kind::MultiChoice { options };
                }
            }
        }
        let item = match items_schema {
            Some(Value::Bool(false)) => None,
            Some(items) => Some(Box::new(self.node(
                items,
                &format!("{at}/items"),
                pointer::join(pointer, "-"),
                None,
                false,
                depth + 1,
            ))),
            // No `items`: anything goes after the tuple, drawn as code.
            None => Some(Box::new(Node::raw(
                pointer::join(pointer, "-"),
                String::new(),
            ))),
        };
        Kind::Array {
            item,
            prefix,
            min_items: s.get("minItems").and_then(Value::as_u64),
            max_items: s.get("maxItems").and_then(Value::as_u64),
            items: Vec::new(),
        }
    }

    /// The templates of a tuple's first items (`prefixItems`).
    fn prefix_items(
        &mut self,
        s: &Map<String, Value>,
        at: &str,
        pointer: &str,
        depth: usize,
    ) -> Vec<Node> {
        match s.get("prefixItems") {
            Some(Value::Array(parts)) => parts
                .iter()
                .enumerate()
                .map(|(i, part)| {
                    let part_at = format!("{at}/prefixItems/{i}");
                    self.node(
                        part,
                        &part_at,
                        pointer::join(pointer, &i.to_string()),
                        None,
                        false,
                        depth + 1,
                    )
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The options of a list whose `items` are a choice of values, drawn as checkboxes.
    fn checkboxes(
        &mut self,
        s: &Map<String, Value>,
        items: &Value,
        at: &str,
        depth: usize,
    ) -> Option<Vec<ChoiceOption>> {
        let lang = self.lang;
        let mut options = self
            .flatten(items, &format!("{at}/items"), depth + 1)
            .and_then(|flat| choice_options(&flat, lang))?;
        // Labels may sit on the list itself, where the checkboxes are drawn, as well as on its
        // items; the list's win.
        if let Some(labels) = Annotation::of(s, lang).enum_labels() {
            for o in &mut options {
                if let Some(text) = enum_label(labels, &o.value, lang) {
                    o.label = text;
                }
            }
        }
        Some(options)
    }

    /// The safe fallback, with a diagnostic unless the schema is empty (any JSON, as it asks).
    fn raw(&mut self, s: &Map<String, Value>, types: &[&str], at: &str) -> Kind {
        match types {
            [] => {
                if !s.is_empty() {
                    self.diag(at, "no single type is given; shown as code");
                }
            }
            other => {
                self.diag(
                    at,
                    format!("type {other:?} is not drawn yet; shown as code"),
                );
            }
        }
        Kind::Raw
    }
}

/// The label: the annotation's title, else the schema's. The schema as written still names a
/// field whose schema cannot be followed (a cycle, a missing reference).
fn label(
    s: &Map<String, Value>,
    schema: &Value,
    key: Option<&str>,
    said: Annotation<'_>,
) -> String {
    said.text("title")
        .or_else(|| s.get("title").and_then(Value::as_str).map(str::to_owned))
        .or_else(|| {
            schema
                .get("title")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .or_else(|| key.map(humanise))
        .unwrap_or_default()
}

fn hint(s: &Map<String, Value>, said: Annotation<'_>, lang: Lang) -> Option<String> {
    let hint = said
        .text("hint")
        .or_else(|| said.text("description"))
        .or_else(|| {
            s.get("description")
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
    // `examples` become part of the hint: "For example, 12 High Street".
    let example = s
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
        .and_then(|e| match e {
            Value::String(t) => Some(t.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
    match (hint, example) {
        (h, Some(ex)) => {
            let ex = crate::i18n::t(lang, "form.example", &[("example", &ex)]);
            Some(match h {
                Some(h) => format!("{h} {ex}"),
                None => ex,
            })
        }
        (h, None) => h,
    }
}

/// The types a schema allows, less `null`; an untyped schema with properties is an object.
fn types(s: &Map<String, Value>) -> Vec<&str> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect(),
        _ if s.contains_key("properties") => vec!["object"],
        _ => vec![],
    }
}

fn input_kind(widget: Option<&str>, format: Option<&str>) -> InputKind {
    match (widget, format) {
        (Some("tel"), _) => InputKind::Tel,
        (Some("memorable-date"), _) => InputKind::MemorableDate,
        // GOV.UK's day, month and year boxes are the default for a date: a native picker is
        // opt-in (it varies by browser and locale, and traps Tab in Chromium's segments).
        (Some("date-picker"), Some("date")) => InputKind::Date,
        (_, Some("date")) => InputKind::MemorableDate,
        (_, Some("email")) => InputKind::Email,
        (_, Some("uri")) => InputKind::Url,
        (_, Some("time")) => InputKind::Time,
        (_, Some("date-time")) => InputKind::DateTime,
        _ => InputKind::Text,
    }
}
