//! Lowering: a JSON Schema becomes a form model (a tree of fields) plus diagnostics.
//!
//! Lowering never fails. A keyword the renderer cannot draw yet becomes a [`Diagnostic`] and a
//! safe fallback, a raw-JSON field that the validator still checks, so a host's schema never
//! gives a blank element. Validation does not depend on the model: the compiled schema is the
//! judge, the model only decides what to draw.
//!
//! This file holds the model's types and the entry points. `lower.rs` turns a schema into the
//! model (a template), `expand.rs` instantiates the template for a value, and `vocabulary.rs`
//! reads and checks the `x-ourplan` annotations.

mod expand;
mod lower;
#[cfg(test)]
mod tests;
mod vocabulary;

pub use expand::expand;
pub use vocabulary::Annotations;

use crate::i18n::Lang;
use crate::pointer;
use lower::Lowerer;
use serde_json::Value;
use std::collections::HashMap;

/// How deep lowering follows nested objects and references before it falls back to raw JSON.
pub const MAX_DEPTH: usize = 64;

/// The formats the validator checks (draft 2020-12's, less the IDN ones, which need the
/// `idna` feature the kit leaves out for size). Any other format is reported and not checked.
pub const KNOWN_FORMATS: &[&str] = &[
    "date",
    "time",
    "date-time",
    "duration",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uri-template",
    "uuid",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// Radios for this many options or fewer; a select for more.
pub const MAX_RADIOS: usize = 5;

/// A schema lowered for drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct FormModel {
    /// The root field (an object for an ordinary form).
    pub root: Node,
    /// Subschemas that decide what shows (an `if`, a `oneOf` branch), each standalone (with the
    /// root's `$defs`) so it can be compiled and tested against a value. [`Test::Schema`] indexes it.
    pub tests: Vec<Value>,
    /// Where each field sits, by pointer, built on first use.
    paths: Paths,
}

/// What decides whether conditional fields show.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// The object is valid against `tests[n]` (an `if`).
    Schema(usize),
    /// The object has this property (`dependentSchemas`, `dependentRequired`).
    Present(String),
}

/// Fields that appear when a test passes (`then`) or fails (`else`).
#[derive(Debug, Clone, PartialEq)]
pub struct Conditional {
    /// The test, against the object's value.
    pub test: Test,
    /// Fields added while the test passes.
    pub then: Vec<Node>,
    /// Property names required while the test passes.
    pub then_required: Vec<String>,
    /// Fields added while the test fails.
    pub otherwise: Vec<Node>,
    /// Property names required while the test fails.
    pub otherwise_required: Vec<String>,
    /// The properties the test looks at: the fields it adds are drawn straight after the last of
    /// these in the form (a follow-up question under the answer that brought it), or at the end
    /// when none is drawn.
    pub triggers: Vec<String>,
}

/// One shape of a `oneOf`/`anyOf`.
#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    /// The branch's title (empty when it has none: the view numbers it).
    pub label: String,
    /// What to draw when this branch is chosen (at the same pointer as the choice).
    pub node: Node,
    /// Index into [`FormModel::tests`]: whether a value fits this branch.
    pub test: usize,
    /// The properties whose single allowed value (a `const`, or an `enum` of one) tells this
    /// shape from the others, with that value: `kind: "care"`. Choosing the shape sets them; they
    /// are not asked, nor shown, so they are not among `node`'s fields.
    pub fixed: Vec<(String, Value)>,
}

impl Branch {
    /// Whether `value` names this shape by its fixed properties (every one of them present with
    /// its value). A shape with none is never named this way.
    pub fn named_by(&self, value: &Value) -> bool {
        !self.fixed.is_empty() && self.fixed.iter().all(|(k, v)| value.get(k) == Some(v))
    }

    /// Whether `value` gives one of this shape's fixed properties another value.
    pub fn contradicted_by(&self, value: &Value) -> bool {
        self.fixed
            .iter()
            .any(|(k, v)| value.get(k).is_some_and(|have| have != v))
    }
}

/// How [`expand`](fn@expand) decides what shows: the tests, and the person's own choices of branch.
pub struct ExpandContext<'a> {
    /// Whether `test` passes for an object's value.
    pub test: &'a dyn Fn(&Test, &Value) -> bool,
    /// Whether a value fits the branch schema `tests[n]`.
    pub fits: &'a dyn Fn(usize, &Value) -> bool,
    /// The branch the person chose at a pointer, if they did.
    pub choice: &'a dyn Fn(&str) -> Option<usize>,
    /// Filled in by `expand`: pointers of conditional fields that show now, and that do not.
    pub shown_conditional: std::cell::RefCell<Vec<String>>,
    /// See `shown_conditional`.
    pub hidden_conditional: std::cell::RefCell<Vec<String>>,
    /// Whether the person opened the recursive part at a pointer.
    pub opened: &'a dyn Fn(&str) -> bool,
    /// Lowers a recursive part (see [`lower_reference`]).
    pub lower_reference: &'a dyn Fn(&str, String) -> Option<Node>,
}

/// One field, or one group of fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// JSON Pointer of this field's value in the form's value.
    pub pointer: String,
    /// The label: the schema's `title`, or a readable form of the property name.
    pub label: String,
    /// The hint: the schema's `description` (or the annotation's hint).
    pub hint: Option<String>,
    /// Whether the parent lists this property in `required`.
    pub required: bool,
    /// `readOnly` in the schema.
    pub read_only: bool,
    /// The proportion level the schema gives it (`x-ourplan.level`), if any.
    pub level: Option<Level>,
    /// Whose words the field holds (`x-ourplan.voice`), if the schema says.
    pub voice: Option<Voice>,
    /// Placeholder text (`x-ourplan.placeholder`).
    pub placeholder: Option<String>,
    /// Error messages from the schema by keyword (`x-ourplan.messages`), in the model's language.
    pub messages: HashMap<String, String>,
    /// A named entry of a map (`additionalProperties`): its name is the person's to choose.
    pub entry: bool,
    /// The schema's `default`: the answer a fresh record starts with.
    pub default: Option<Value>,
    /// What to draw.
    pub kind: Kind,
}

/// Whose words a field holds: kept visibly apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    /// The person's own words.
    Person,
    /// The practitioner's view.
    Practitioner,
}

/// How much of a record shows: brief by default, more only when it matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Level {
    /// The handful of fields a short conversation needs.
    #[default]
    Brief,
    /// The usual record.
    Standard,
    /// Everything the schema offers.
    Full,
}

impl Level {
    /// Reads `brief`, `standard` or `full`; anything else is brief.
    pub fn from_name(name: &str) -> Level {
        match name.trim().to_ascii_lowercase().as_str() {
            "full" => Level::Full,
            "standard" => Level::Standard,
            _ => Level::Brief,
        }
    }
}

impl Node {
    /// A raw-JSON field (the safe fallback) at `pointer`.
    pub fn raw(pointer: String, label: String) -> Node {
        Node {
            pointer,
            label,
            hint: None,
            required: false,
            read_only: false,
            level: None,
            voice: None,
            placeholder: None,
            messages: HashMap::new(),
            entry: false,
            default: None,
            kind: Kind::Raw,
        }
    }

    /// The fields drawn inside this one: an object's properties, or an array's items.
    pub fn children(&self) -> &[Node] {
        match &self.kind {
            Kind::Object { children, .. } => children,
            Kind::Array { items, .. } => items,
            Kind::Alternatives {
                chosen: Some((_, node)),
                ..
            } => node.children(),
            _ => &[],
        }
    }
}

/// What kind of input a field gets.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Kind {
    /// A text input or a multi-line text area.
    Text {
        /// Draw a text area.
        multiline: bool,
        /// Which kind of single-line input.
        input: InputKind,
        /// `maxLength`, for a character count.
        max_length: Option<u64>,
        /// Rows for a text area.
        rows: Option<u32>,
    },
    /// A number; the text typed is kept as typed, and a number is stored when it parses.
    Number {
        /// `type: integer`.
        integer: bool,
    },
    /// A yes/no checkbox.
    Boolean,
    /// One of a fixed set of values (`enum`, or `oneOf` of `const`s with titles).
    Choice {
        /// The options, in schema order.
        options: Vec<ChoiceOption>,
        /// Radios or a select.
        widget: ChoiceWidget,
    },
    /// A group of fields (a fieldset).
    Object {
        /// The fields, in schema order (after [`expand`](fn@expand): with the conditional fields
        /// that show).
        children: Vec<Node>,
        /// Fields that come and go with the answers (`if`/`then`/`else`, `dependentSchemas`,
        /// `dependentRequired`).
        conditionals: Vec<Conditional>,
        /// The template of named entries the person adds (`additionalProperties` or
        /// `patternProperties`): after [`expand`](fn@expand), each entry is a child with `entry`
        /// set.
        extra: Option<Box<Node>>,
    },
    /// A choice of which shape applies (`oneOf`/`anyOf` of schemas), then that shape's fields.
    Alternatives {
        /// The shapes.
        branches: Vec<Branch>,
        /// After [`expand`](fn@expand): the shape chosen, and its fields at this pointer.
        chosen: Option<(usize, Box<Node>)>,
    },
    /// A list the person adds to, removes from and reorders with buttons.
    Array {
        /// The template of each item (`items`), if items beyond `prefix` are allowed.
        item: Option<Box<Node>>,
        /// Templates of the first items (`prefixItems`, a tuple).
        prefix: Vec<Node>,
        /// `minItems`.
        min_items: Option<u64>,
        /// `maxItems`.
        max_items: Option<u64>,
        /// The items the value holds now, instantiated from the templates by [`expand`](fn@expand).
        items: Vec<Node>,
    },
    /// Several of a fixed set of values (an array of `enum`): checkboxes.
    MultiChoice {
        /// The options, in schema order.
        options: Vec<ChoiceOption>,
    },
    /// A reference back to a schema above it (a recursive `$ref`), drawn only when the person
    /// opens it or it holds a value, one level at a time.
    Recursive {
        /// The reference (`#/$defs/person`, `#`).
        reference: String,
    },
    /// Any JSON, edited as text and checked by the validator: the fallback for what the renderer
    /// cannot draw yet.
    Raw,
}

impl Kind {
    /// Whether the field holds one answer the person gives (text, a number, a tick, a choice or
    /// raw JSON), rather than holding fields of its own.
    pub fn is_answer(&self) -> bool {
        matches!(
            self,
            Kind::Text { .. }
                | Kind::Number { .. }
                | Kind::Boolean
                | Kind::Choice { .. }
                | Kind::MultiChoice { .. }
                | Kind::Raw
        )
    }
}

/// A single-line input's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Plain text.
    Text,
    /// `format: email`.
    Email,
    /// `format: uri`.
    Url,
    /// `format: date` with the widget `date-picker`: the browser's own date picker.
    Date,
    /// `format: time`.
    Time,
    /// `format: date-time`.
    DateTime,
    /// A phone number (annotation widget `tel`; not a JSON Schema format).
    Tel,
    /// A date as GOV.UK asks for one: day, month and year boxes (the default for `format: date`).
    MemorableDate,
}

/// One option of a choice.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    /// The value stored when it is chosen.
    pub value: Value,
    /// What the person reads.
    pub label: String,
    /// More words under the label (a `oneOf` option's `description`), if any.
    pub hint: Option<String>,
}

/// How a choice is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceWidget {
    /// Radio buttons in a fieldset.
    Radios,
    /// A select box.
    Select,
}

/// Something lowering could not draw as asked, and what it did instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// JSON Pointer into the schema.
    pub schema_pointer: String,
    /// What happened, in English, for the host's developers (the console).
    pub message: String,
}

impl FormModel {
    /// The field whose value lives at `pointer`, if the model draws one.
    pub fn find(&self, pointer: &str) -> Option<&Node> {
        self.paths.get(&self.root, pointer)
    }

    /// The nearest field at or above `pointer` (problems about an undrawn value go to its parent).
    pub fn nearest(&self, pointer: &str) -> &Node {
        let mut at = pointer;
        loop {
            if let Some(node) = self.find(at) {
                return node;
            }
            match at.rsplit_once('/') {
                Some((up, _)) => at = up,
                None => return &self.root,
            }
        }
    }

    /// Every field in document order (depth first).
    pub fn walk(&self) -> Vec<&Node> {
        fn go<'a>(n: &'a Node, out: &mut Vec<&'a Node>) {
            out.push(n);
            for c in n.children() {
                go(c, out);
            }
        }
        let mut out = Vec::new();
        go(&self.root, &mut out);
        out
    }

    /// This model with array items instantiated for `value`: one node per item the value holds,
    /// each with its own pointer. Called whenever the shape of the value changes.
    pub fn expand(&self, value: &Value, ctx: &ExpandContext<'_>) -> FormModel {
        FormModel {
            root: expand(&self.root, Some(value), String::new(), None, ctx),
            tests: self.tests.clone(),
            paths: Paths::default(),
        }
    }

    /// Whether anything in the model changes with the answers (so expand after every edit).
    pub fn is_dynamic(&self) -> bool {
        fn go(n: &Node) -> bool {
            match &n.kind {
                Kind::Object {
                    children,
                    conditionals,
                    extra,
                } => !conditionals.is_empty() || extra.is_some() || children.iter().any(go),
                Kind::Alternatives { .. } => true,
                Kind::Array { item, prefix, .. } => {
                    item.as_deref().is_some_and(go) || prefix.iter().any(go)
                }
                _ => false,
            }
        }
        go(&self.root)
    }
}

/// Lowers `schema` into a form model and the diagnostics of what it could not draw.
pub fn lower(schema: &Value) -> (FormModel, Vec<Diagnostic>) {
    lower_in(schema, Lang::En)
}

/// Lowers `schema` with its text (titles, hints, option labels, messages) in `lang`, where the
/// schema's `x-ourplan` annotations give that language; otherwise its own words.
pub fn lower_in(schema: &Value, lang: Lang) -> (FormModel, Vec<Diagnostic>) {
    let (model, mut diagnostics, annotations) = lower_unchecked(schema, lang);
    diagnostics.extend(annotations.check());
    (model, diagnostics)
}

/// Like [`lower_in`], leaving the `x-ourplan` annotations to be checked against the vocabulary
/// later ([`Annotations::check`]): the first check compiles the vocabulary's schema, on the web
/// as long as drawing a short form, and its findings are only for the console.
pub fn lower_unchecked(schema: &Value, lang: Lang) -> (FormModel, Vec<Diagnostic>, Annotations) {
    // The root is "#": a reference back to it is a cycle like any other.
    let mut l = Lowerer::new(schema, "#", lang, None);
    let root = l.node(schema, "", String::new(), None, false, 0);
    let (tests, diagnostics, annotations) = l.finish();
    (
        FormModel {
            root,
            tests,
            paths: Paths::default(),
        },
        diagnostics,
        annotations,
    )
}

/// Lowers what `reference` (a local `#...` reference) points at, as the field at `pointer`: how a
/// recursive part of a form is drawn one level at a time when the person opens it. A reference
/// back to it inside becomes another closed [`Kind::Recursive`]. `tests` are the whole form's
/// ([`FormModel::tests`]): the part was lowered once with the form, so each of its conditions is
/// one of them, found by its schema.
pub fn lower_reference(
    root: &Value,
    reference: &str,
    pointer: String,
    lang: Lang,
    tests: &[Value],
) -> Option<Node> {
    let target = root.pointer(reference.strip_prefix('#')?)?;
    let mut l = Lowerer::new(root, reference, lang, Some(tests));
    let node = l.node(
        target,
        reference.trim_start_matches('#'),
        pointer,
        None,
        false,
        0,
    );
    Some(node)
}

/// Makes a property name readable as a label: `what_matters` becomes "What matters".
pub fn humanise(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut prev_lower = false;
    for (i, c) in key.chars().enumerate() {
        if c == '_' || c == '-' {
            out.push(' ');
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_lower = c.is_lowercase();
    }
    out.trim().to_owned()
}

/// Each field's path from the root (child positions), by pointer, so finding a field in a form
/// of 1,000 fields is a lookup rather than a scan of its siblings at every level.
#[derive(Debug, Clone, Default)]
struct Paths(std::sync::OnceLock<HashMap<String, Vec<u32>>>);

impl PartialEq for Paths {
    /// Derived data: two models are equal when their fields are.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Paths {
    fn get<'a>(&self, root: &'a Node, pointer: &str) -> Option<&'a Node> {
        let map = self.0.get_or_init(|| {
            fn go(n: &Node, path: &mut Vec<u32>, out: &mut HashMap<String, Vec<u32>>) {
                // The first field at a pointer wins, as a walk from the root would find it.
                out.entry(n.pointer.clone()).or_insert_with(|| path.clone());
                for (i, c) in n.children().iter().enumerate() {
                    path.push(i as u32);
                    go(c, path, out);
                    path.pop();
                }
            }
            let mut out = HashMap::new();
            go(root, &mut Vec::new(), &mut out);
            out
        });
        let mut node = root;
        for &i in map.get(pointer)? {
            node = node.children().get(i as usize)?;
        }
        Some(node)
    }
}

fn last_token(ptr: &str) -> String {
    pointer::last(ptr)
}
