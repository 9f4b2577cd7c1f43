//! Lowering: a JSON Schema becomes a form model (a tree of fields) plus diagnostics.
//!
//! Lowering never fails. A keyword the renderer cannot draw yet becomes a [`Diagnostic`] and a
//! safe fallback, a raw-JSON field that the validator still checks, so a host's schema never
//! gives a blank element. Validation does not depend on the model: the compiled schema is the
//! judge, the model only decides what to draw.

use crate::i18n::Lang;
use crate::pointer;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

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

/// Where `merge` keeps the if/then/else of each `allOf` part (a key no schema uses).
const MERGED_CONDITIONALS: &str = "\u{0}ourplan-conditionals";

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

/// How [`expand`] decides what shows: the tests, and the person's own choices of branch.
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
        /// The fields, in schema order (after [`expand`]: with the conditional fields that show).
        children: Vec<Node>,
        /// Fields that come and go with the answers (`if`/`then`/`else`, `dependentSchemas`,
        /// `dependentRequired`).
        conditionals: Vec<Conditional>,
        /// The template of named entries the person adds (`additionalProperties` or
        /// `patternProperties`): after [`expand`], each entry is a child with `entry` set.
        extra: Option<Box<Node>>,
    },
    /// A choice of which shape applies (`oneOf`/`anyOf` of schemas), then that shape's fields.
    Alternatives {
        /// The shapes.
        branches: Vec<Branch>,
        /// After [`expand`]: the shape chosen, and its fields at this pointer.
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
        /// The items the value holds now, instantiated from the templates by [`expand`].
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

/// The branch an incomplete object value has most in common with: the most of its keys among
/// the branch's fields, and no fixed property (a `const`) it contradicts.
fn best_partial_fit(branches: &[Branch], v: &Value) -> Option<usize> {
    let map = v.as_object()?;
    branches
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            if b.contradicted_by(v) {
                return None;
            }
            let fields = b.node.children();
            let mut score = 0;
            for key in map.keys() {
                if fields.iter().any(|f| last_token(&f.pointer) == *key)
                    || b.fixed.iter().any(|(k, _)| k == key)
                {
                    score += 1;
                }
            }
            (score > 0).then_some((score, i))
        })
        .max_by_key(|(score, i)| (*score, std::cmp::Reverse(*i)))
        .map(|(_, i)| i)
}

fn last_token(ptr: &str) -> String {
    pointer::last(ptr)
}

/// Instantiates `template` at `pointer` for `value` (see [`FormModel::expand`]). `item_of` names
/// the list and position when the node is an array item, for a label like "Contact 2".
pub fn expand(
    template: &Node,
    value: Option<&Value>,
    pointer: String,
    item_of: Option<(&str, usize)>,
    ctx: &ExpandContext<'_>,
) -> Node {
    let mut node = Node {
        pointer,
        ..template.clone()
    };
    if let Some((list_label, index)) = item_of {
        let base = if template.label.is_empty() {
            list_label
        } else {
            &template.label
        };
        node.label = format!("{base} {}", index + 1);
        // An item is there because the person added it: it is not an optional question.
        node.required = true;
    }
    if let Kind::Recursive { reference } = &node.kind {
        if value.is_some() || (ctx.opened)(&node.pointer) {
            if let Some(mut inner) = (ctx.lower_reference)(reference, node.pointer.clone()) {
                inner.label = node.label.clone();
                inner.required = node.required;
                return expand(&inner, value, node.pointer.clone(), None, ctx);
            }
        }
        return node;
    }
    // A value of the wrong shape (a number where a group of questions is expected, say) shows as
    // code so it can be seen and fixed, rather than as questions that would hide it.
    let wrong_shape = match (&node.kind, value) {
        (Kind::Object { .. }, Some(v)) => !v.is_object(),
        (Kind::Array { .. }, Some(v)) => !v.is_array(),
        _ => false,
    };
    if wrong_shape {
        node.kind = Kind::Raw;
    }
    let parent = node.pointer.clone();
    let label = node.label.clone();
    match &mut node.kind {
        Kind::Object {
            children,
            conditionals,
            extra,
        } => {
            for child in children.iter_mut() {
                let key = last_token(&child.pointer);
                let at = pointer::join(&parent, &key);
                *child = expand(child, value.and_then(|v| v.get(&key)), at, None, ctx);
            }
            let empty = Value::Object(Map::new());
            let object = value.filter(|v| v.is_object()).unwrap_or(&empty);
            for cond in conditionals.iter() {
                let passes = (ctx.test)(&cond.test, object);
                let (shown, hidden, required) = if passes {
                    (&cond.then, &cond.otherwise, &cond.then_required)
                } else {
                    (&cond.otherwise, &cond.then, &cond.otherwise_required)
                };
                // Straight after the question that brings them, in their own order.
                let mut place = children
                    .iter()
                    .rposition(|c| cond.triggers.contains(&last_token(&c.pointer)))
                    .map(|i| i + 1);
                for extra in shown {
                    let key = last_token(&extra.pointer);
                    if children.iter().any(|c| last_token(&c.pointer) == key) {
                        continue;
                    }
                    let at = pointer::join(&parent, &key);
                    ctx.shown_conditional.borrow_mut().push(at.clone());
                    let node = expand(extra, object.get(&key), at, None, ctx);
                    match place.as_mut() {
                        Some(i) => {
                            children.insert(*i, node);
                            *i += 1;
                        }
                        None => children.push(node),
                    }
                }
                for extra in hidden {
                    let key = last_token(&extra.pointer);
                    if !children.iter().any(|c| last_token(&c.pointer) == key) {
                        ctx.hidden_conditional
                            .borrow_mut()
                            .push(pointer::join(&parent, &key));
                    }
                }
                for child in children.iter_mut() {
                    if required.contains(&last_token(&child.pointer)) {
                        child.required = true;
                    }
                }
            }
            if let Some(template) = extra {
                // Entries the person named: every key of the value the listed fields do not take.
                let taken: Vec<String> = children.iter().map(|c| last_token(&c.pointer)).collect();
                if let Some(map) = object.as_object() {
                    for (key, v) in map {
                        if taken.contains(key) {
                            continue;
                        }
                        let at = pointer::join(&parent, key);
                        let mut entry = expand(template, Some(v), at, None, ctx);
                        entry.label = key.clone();
                        entry.entry = true;
                        entry.required = true;
                        children.push(entry);
                    }
                }
            }
        }
        Kind::Alternatives { branches, chosen } => {
            // The shape the value names by its fixed properties (`kind: "care"`), which choosing a
            // shape sets; else the person's choice; else the first shape the value fits; else, for
            // an answer still being filled in, the shape it has most in common with (never one it
            // contradicts).
            let named = value.and_then(|v| branches.iter().position(|b| b.named_by(v)));
            let pick = named
                .or_else(|| (ctx.choice)(&parent).filter(|i| *i < branches.len()))
                .or_else(|| {
                    let v = value?;
                    branches
                        .iter()
                        .position(|b| (ctx.fits)(b.test, v))
                        .or_else(|| best_partial_fit(branches, v))
                });
            *chosen = pick.map(|i| {
                let branch = &branches[i].node;
                let mut inner = expand(branch, value, parent.clone(), None, ctx);
                // The choice's own label and required mark stand for the fields inside.
                inner.label = label.clone();
                (i, Box::new(inner))
            });
        }
        Kind::Array {
            item,
            prefix,
            items,
            ..
        } => {
            let values = value
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            *items = values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let at = pointer::join(&parent, &i.to_string());
                    match prefix.get(i).or(item.as_deref()) {
                        Some(t) => expand(t, Some(v), at, Some((&label, i)), ctx),
                        // An item the schema does not allow still shows, as code, so it can be fixed.
                        None => Node::raw(at, format!("{label} {}", i + 1)),
                    }
                })
                .collect();
        }
        _ => {}
    }
    node
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
    let mut l = Lowerer {
        root: schema,
        diagnostics: Vec::new(),
        refs: vec!["#".to_owned()],
        tests: Vec::new(),
        lang,
        cycle: None,
        annotations: Annotations::default(),
        known_tests: None,
    };
    let root = l.node(schema, "", String::new(), None, false, 0);
    (
        FormModel {
            root,
            tests: l.tests,
            paths: Paths::default(),
        },
        l.diagnostics,
        l.annotations,
    )
}

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
    let mut l = Lowerer {
        root,
        diagnostics: Vec::new(),
        refs: vec![reference.to_owned()],
        tests: Vec::new(),
        lang,
        cycle: None,
        annotations: Annotations::default(),
        known_tests: Some(tests),
    };
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

/// The annotation vocabulary's meta-schema (`schemas/x-ourplan.schema.json`), compiled once.
#[cfg(feature = "validator")]
fn vocabulary() -> Option<&'static jsonschema::Validator> {
    static V: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(include_str!("../../../schemas/x-ourplan.schema.json")).ok()?;
        jsonschema::validator_for(&schema).ok()
    })
    .as_ref()
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

struct Lowerer<'a> {
    root: &'a Value,
    diagnostics: Vec<Diagnostic>,
    /// References being followed by the fields above the one being lowered, to stop at a cycle.
    refs: Vec<String>,
    /// See [`FormModel::tests`].
    tests: Vec<Value>,
    /// The language of the text drawn.
    lang: Lang,
    /// The reference `flatten` stopped at because it was already being followed.
    cycle: Option<String>,
    /// Annotations to check against the vocabulary (see [`lower_unchecked`]).
    annotations: Annotations,
    /// The form's tests, when lowering a recursive part of it again (see [`lower_reference`]).
    known_tests: Option<&'a [Value]>,
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

fn annotation<'v>(schema: &'v Value, name: &str) -> Option<&'v Value> {
    schema.get("x-ourplan").and_then(|a| a.get(name))
}

impl<'a> Lowerer<'a> {
    fn diag(&mut self, schema_pointer: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            schema_pointer: schema_pointer.to_owned(),
            message: message.into(),
        });
    }

    /// Follows local `$ref`s and merges `allOf`, giving one schema object to draw from.
    /// Returns `None` (after a diagnostic) where that cannot be done safely.
    /// Like [`Lowerer::flatten`], borrowing a schema with nothing to follow or merge (most
    /// fields): copying every field's schema showed up as a fifth of lowering a long form.
    fn flatten_borrowed<'s>(
        &mut self,
        schema: &'s Value,
        at: &str,
        depth: usize,
    ) -> Option<std::borrow::Cow<'s, Map<String, Value>>> {
        match schema {
            Value::Object(o)
                if depth <= MAX_DEPTH && !o.contains_key("$ref") && !o.contains_key("allOf") =>
            {
                Some(std::borrow::Cow::Borrowed(o))
            }
            _ => self.flatten(schema, at, depth).map(std::borrow::Cow::Owned),
        }
    }

    fn flatten(&mut self, schema: &Value, at: &str, depth: usize) -> Option<Map<String, Value>> {
        if depth > MAX_DEPTH {
            self.diag(
                at,
                "references or nesting go deeper than the form draws; shown as code",
            );
            return None;
        }
        let obj = match schema {
            Value::Object(o) => o,
            Value::Bool(true) => return Some(Map::new()),
            _ => return None,
        };
        let mut out = Map::new();
        if let Some(Value::String(r)) = obj.get("$ref") {
            let Some(fragment) = r.strip_prefix('#') else {
                self.diag(
                    at,
                    format!("the reference '{r}' points outside this schema; shown as code"),
                );
                return None;
            };
            if self.refs.iter().any(|seen| seen == r) {
                // Drawn lazily (see `Kind::Recursive`): no diagnostic, it is supported.
                self.cycle = Some(r.clone());
                return None;
            }
            let Some(target) = self.root.pointer(fragment) else {
                self.diag(
                    at,
                    format!("the reference '{r}' cannot be found; shown as code"),
                );
                return None;
            };
            // Stays on the stack while this field's children are lowered; `node` pops it.
            self.refs.push(r.clone());
            out = self.flatten(target, r, depth + 1)?;
        }
        if let Some(Value::Array(parts)) = obj.get("allOf") {
            for (i, part) in parts.iter().enumerate() {
                let part = self.flatten(part, &format!("{at}/allOf/{i}"), depth + 1)?;
                merge(&mut out, part);
            }
        }
        // The schema's own keywords win over what it refers to (a title beside a $ref, say).
        for (k, v) in obj {
            if k == "$ref" || k == "allOf" {
                continue;
            }
            match (k.as_str(), out.get_mut(k)) {
                ("properties", Some(Value::Object(existing))) => {
                    if let Value::Object(more) = v {
                        for (pk, pv) in more {
                            existing.insert(pk.clone(), pv.clone());
                        }
                    }
                }
                ("required", Some(Value::Array(existing))) => {
                    if let Value::Array(more) = v {
                        existing.extend(more.iter().cloned());
                    }
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        Some(out)
    }

    fn node(
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
        let x = s.get("x-ourplan");
        if let Some(x) = x {
            self.annotations.0.push((x.clone(), at.to_owned()));
        }
        let lang = self.lang;
        let said = |name: &str| x.and_then(|a| a.get(name)).and_then(|v| text_in(v, lang));
        let label = said("title")
            .or_else(|| s.get("title").and_then(Value::as_str).map(str::to_owned))
            .or_else(|| {
                schema
                    .get("title")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .or_else(|| key.map(humanise))
            .unwrap_or_default();
        let hint = said("hint").or_else(|| said("description")).or_else(|| {
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
        let hint = match (hint, example) {
            (h, Some(ex)) => {
                let ex = crate::i18n::t(lang, "form.example", &[("example", &ex)]);
                Some(match h {
                    Some(h) => format!("{h} {ex}"),
                    None => ex,
                })
            }
            (h, None) => h,
        };
        let read_only = s.get("readOnly").and_then(Value::as_bool).unwrap_or(false);
        let level = x
            .and_then(|a| a.get("level"))
            .and_then(Value::as_str)
            .map(Level::from_name);
        let voice = match x.and_then(|a| a.get("voice")).and_then(Value::as_str) {
            Some("person") => Some(Voice::Person),
            Some("practitioner") => Some(Voice::Practitioner),
            _ => None,
        };
        let placeholder = said("placeholder");
        let messages = x
            .and_then(|a| a.get("messages"))
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.clone(), text_in(v, lang)?)))
                    .collect()
            })
            .unwrap_or_default();
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
            level,
            voice,
            placeholder,
            messages,
            entry: false,
            default: s.get("default").cloned(),
            kind,
        }
    }

    /// Checks an `x-ourplan` object against the vocabulary; mistakes become diagnostics (the
    /// form still shows, using what it can).
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

    /// The fields and required names a `then`/`else`/dependent schema adds.
    fn extra_fields(
        &mut self,
        schema: &Value,
        at: &str,
        pointer: &str,
        depth: usize,
    ) -> (Vec<Node>, Vec<String>) {
        let Some(flat) = self.flatten(schema, at, depth + 1) else {
            return (Vec::new(), Vec::new());
        };
        let required: Vec<String> = flat
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let mut nodes = Vec::new();
        if let Some(Value::Object(props)) = flat.get("properties") {
            for (name, sub) in props {
                let child_at = pointer::join(&format!("{at}/properties"), name);
                let child_ptr = pointer::join(pointer, name);
                let is_required = required.contains(name);
                nodes.push(self.node(
                    sub,
                    &child_at,
                    child_ptr,
                    Some(name),
                    is_required,
                    depth + 1,
                ));
            }
        }
        (nodes, required)
    }

    fn conditionals(
        &mut self,
        s: &Map<String, Value>,
        at: &str,
        pointer: &str,
        depth: usize,
    ) -> Vec<Conditional> {
        let mut out = Vec::new();
        let own = s.get("if").map(|_| Value::Object(s.clone()));
        let merged = s
            .get(MERGED_CONDITIONALS)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (n, c) in own.into_iter().chain(merged).enumerate() {
            let at = if n == 0 && s.contains_key("if") {
                at.to_owned()
            } else {
                format!("{at}/allOf")
            };
            let at = at.as_str();
            let Some(test) = c.get("if") else { continue };
            let mut triggers: Vec<String> = test
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            for name in test
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !triggers.iter().any(|t| t == name) {
                    triggers.push(name.to_owned());
                }
            }
            let test = Test::Schema(self.test_schema(test));
            let (then, then_required) = match c.get("then") {
                Some(t) => self.extra_fields(t, &format!("{at}/then"), pointer, depth),
                None => (Vec::new(), Vec::new()),
            };
            let (otherwise, otherwise_required) = match c.get("else") {
                Some(e) => self.extra_fields(e, &format!("{at}/else"), pointer, depth),
                None => (Vec::new(), Vec::new()),
            };
            out.push(Conditional {
                test,
                then,
                then_required,
                otherwise,
                otherwise_required,
                triggers,
            });
        }
        if let Some(Value::Object(deps)) = s.get("dependentSchemas") {
            for (name, dep) in deps {
                let dep_at = pointer::join(&format!("{at}/dependentSchemas"), name);
                let (then, then_required) = self.extra_fields(dep, &dep_at, pointer, depth);
                out.push(Conditional {
                    test: Test::Present(name.clone()),
                    then,
                    then_required,
                    otherwise: Vec::new(),
                    otherwise_required: Vec::new(),
                    triggers: vec![name.clone()],
                });
            }
        }
        if let Some(Value::Object(deps)) = s.get("dependentRequired") {
            for (name, names) in deps {
                let then_required = names
                    .as_array()
                    .map(|r| {
                        r.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                out.push(Conditional {
                    test: Test::Present(name.clone()),
                    then: Vec::new(),
                    then_required,
                    otherwise: Vec::new(),
                    otherwise_required: Vec::new(),
                    triggers: vec![name.clone()],
                });
            }
        }
        out
    }

    fn alternatives(
        &mut self,
        branches: &[Value],
        key: &str,
        at: &str,
        pointer: &str,
        depth: usize,
    ) -> Kind {
        let branches = branches
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let branch_at = format!("{at}/{key}/{i}");
                let mut node = self.node(b, &branch_at, pointer.to_owned(), None, false, depth + 1);
                let label = node.label.clone();
                let test = self.test_schema(b);
                let fixed = take_fixed(&mut node);
                Branch {
                    label,
                    node,
                    test,
                    fixed,
                }
            })
            .collect();
        Kind::Alternatives {
            branches,
            chosen: None,
        }
    }

    fn array(&mut self, s: &Map<String, Value>, at: &str, pointer: &str, depth: usize) -> Kind {
        if depth >= MAX_DEPTH {
            self.diag(at, "nesting goes deeper than the form draws; shown as code");
            return Kind::Raw;
        }
        let prefix: Vec<Node> = match s.get("prefixItems") {
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
        };
        let items_schema = s.get("items");
        if prefix.is_empty() {
            if let Some(items) = items_schema {
                let options = self
                    .flatten(items, &format!("{at}/items"), depth + 1)
                    .and_then(|flat| choice_options(&flat, self.lang));
                if let Some(mut options) = options {
                    // Labels may sit on the list itself, where the checkboxes are drawn, as
                    // well as on its items; the list's win.
                    let own = s
                        .get("x-ourplan")
                        .and_then(|a| a.get("enumLabels"))
                        .and_then(Value::as_object);
                    if let Some(labels) = own {
                        for o in &mut options {
                            if let Some(t) = labels.get(&value_label(&o.value)) {
                                if let Some(text) = text_in(t, self.lang) {
                                    o.label = text;
                                }
                            }
                        }
                    }
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

    fn kind(&mut self, s: &Map<String, Value>, at: &str, pointer: &str, depth: usize) -> Kind {
        let widget = s
            .get("x-ourplan")
            .and_then(|a| a.get("widget"))
            .and_then(Value::as_str);
        if let Some(options) = choice_options(s, self.lang) {
            let style = match widget {
                Some("select") => ChoiceWidget::Select,
                Some("radios") => ChoiceWidget::Radios,
                _ if options.len() <= MAX_RADIOS => ChoiceWidget::Radios,
                _ => ChoiceWidget::Select,
            };
            return Kind::Choice {
                options,
                widget: style,
            };
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(branches)) = s.get(key) {
                if s.contains_key("properties") {
                    // Shared questions plus a choice of shapes: the shared questions are drawn;
                    // the validator still applies the choice.
                    self.diag(at, format!("'{key}' beside 'properties' is not drawn as a choice yet; the shared questions are"));
                    break;
                }
                return self.alternatives(branches, key, at, pointer, depth);
            }
        }
        let types: Vec<&str> = match s.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect(),
            _ if s.contains_key("properties") => vec!["object"],
            _ => vec![],
        };
        match types.as_slice() {
            ["string"] => {
                let format = s.get("format").and_then(Value::as_str);
                let input = match (widget, format) {
                    (Some("tel"), _) => InputKind::Tel,
                    (Some("memorable-date"), _) => InputKind::MemorableDate,
                    // GOV.UK's day, month and year boxes are the default for a date: a native
                    // picker is opt-in (it varies by browser and locale, and traps Tab in
                    // Chromium's segments).
                    (Some("date-picker"), Some("date")) => InputKind::Date,
                    (_, Some("date")) => InputKind::MemorableDate,
                    (_, Some("email")) => InputKind::Email,
                    (_, Some("uri")) => InputKind::Url,
                    (_, Some("time")) => InputKind::Time,
                    (_, Some("date-time")) => InputKind::DateTime,
                    _ => InputKind::Text,
                };
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
                let rows = annotation(&Value::Object(s.clone()), "rows")
                    .and_then(Value::as_u64)
                    .map(|r| r.min(50) as u32);
                Kind::Text {
                    multiline,
                    input,
                    max_length,
                    rows,
                }
            }
            ["integer"] => Kind::Number { integer: true },
            ["number"] => Kind::Number { integer: false },
            ["boolean"] => Kind::Boolean,
            ["array"] => self.array(s, at, pointer, depth),
            ["object"] => {
                // Named entries: additionalProperties as a schema, or the first patternProperties
                // schema (the validator checks names against the patterns).
                let extra_schema = match (s.get("additionalProperties"), s.get("patternProperties"))
                {
                    (Some(a @ Value::Object(_)), _) => {
                        Some((a.clone(), format!("{at}/additionalProperties")))
                    }
                    (_, Some(Value::Object(pp))) => pp.iter().next().map(|(pat, sub)| {
                        (
                            sub.clone(),
                            pointer::join(&format!("{at}/patternProperties"), pat),
                        )
                    }),
                    (Some(Value::Bool(true)), _) => {
                        Some((Value::Bool(true), format!("{at}/additionalProperties")))
                    }
                    // An object with no listed properties takes any named answers (the default
                    // `additionalProperties` is true): draw them, or the element would be blank.
                    (None, None) if !s.contains_key("properties") && !s.contains_key("if") => {
                        Some((Value::Bool(true), format!("{at}/additionalProperties")))
                    }
                    _ => None,
                };
                let extra = extra_schema.map(|(sub, sub_at)| {
                    Box::new(self.node(
                        &sub,
                        &sub_at,
                        pointer::join(pointer, "*"),
                        None,
                        true,
                        depth + 1,
                    ))
                });
                if depth >= MAX_DEPTH {
                    self.diag(at, "nesting goes deeper than the form draws; shown as code");
                    return Kind::Raw;
                }
                let required: std::collections::HashSet<&str> = s
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let mut children = Vec::new();
                if let Some(Value::Object(props)) = s.get("properties") {
                    for (name, sub) in props {
                        if sub.get("deprecated").and_then(Value::as_bool) == Some(true) {
                            continue;
                        }
                        if *sub == Value::Bool(false) {
                            continue;
                        }
                        let child_at = pointer::join(&format!("{at}/properties"), name);
                        let child_ptr = pointer::join(pointer, name);
                        let child = self.node(
                            sub,
                            &child_at,
                            child_ptr,
                            Some(name),
                            required.contains(&name.as_str()),
                            depth + 1,
                        );
                        children.push(child);
                    }
                }
                // `x-ourplan.order` sorts fields; one without keeps its schema position as its order.
                let mut ordered: Vec<(f64, Node)> = children
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| {
                        (
                            props_order(s, &last_token(&c.pointer)).unwrap_or(i as f64),
                            c,
                        )
                    })
                    .collect();
                ordered.sort_by(|a, b| a.0.total_cmp(&b.0));
                let children = ordered.into_iter().map(|(_, c)| c).collect();
                let conditionals = self.conditionals(s, at, pointer, depth);
                Kind::Object {
                    children,
                    conditionals,
                    extra,
                }
            }
            [] => {
                if !s.is_empty() {
                    self.diag(at, "no single type is given; shown as code");
                }
                Kind::Raw
            }
            other => {
                self.diag(
                    at,
                    format!("type {other:?} is not drawn yet; shown as code"),
                );
                Kind::Raw
            }
        }
    }
}

/// Takes the fields of a shape that allow a single value (a `const`, or an `enum` of one) out of
/// its fields, returning their names and values: they say which shape it is, so choosing the
/// shape sets them and the person is not asked. A shape that is not a group keeps its field.
fn take_fixed(node: &mut Node) -> Vec<(String, Value)> {
    let Kind::Object { children, .. } = &mut node.kind else {
        return Vec::new();
    };
    let mut fixed = Vec::new();
    children.retain(|c| match &c.kind {
        Kind::Choice { options, .. } if options.len() == 1 => {
            fixed.push((last_token(&c.pointer), options[0].value.clone()));
            false
        }
        _ => true,
    });
    fixed
}

/// Options of an `enum`, a `const`, or a `oneOf`/`anyOf` whose branches are all `const`s.
fn choice_options(s: &Map<String, Value>, lang: Lang) -> Option<Vec<ChoiceOption>> {
    // A lone `const`: one option to choose (the answer the form expects).
    if let (Some(c), None) = (s.get("const"), s.get("enum")) {
        return Some(vec![ChoiceOption {
            value: c.clone(),
            label: value_label(c),
            hint: None,
        }]);
    }
    if let Some(Value::Array(values)) = s.get("enum") {
        let labels = s
            .get("x-ourplan")
            .and_then(|a| a.get("enumLabels"))
            .and_then(Value::as_object);
        return Some(
            values
                .iter()
                .map(|v| ChoiceOption {
                    label: labels
                        .and_then(|l| l.get(&value_label(v)))
                        .and_then(|t| text_in(t, lang))
                        .unwrap_or_else(|| value_label(v)),
                    value: v.clone(),
                    hint: None,
                })
                .collect(),
        );
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(branches)) = s.get(key) {
            let options: Option<Vec<ChoiceOption>> = branches
                .iter()
                .map(|b| {
                    let value = b.get("const")?.clone();
                    // An option's own words, in the person's language where `x-ourplan` gives it.
                    let said = |name: &str, keyword: &str| {
                        b.get("x-ourplan")
                            .and_then(|x| x.get(name))
                            .and_then(|v| text_in(v, lang))
                            .or_else(|| b.get(keyword).and_then(Value::as_str).map(str::to_owned))
                            .filter(|t| !t.trim().is_empty())
                    };
                    let label = said("title", "title").unwrap_or_else(|| value_label(&value));
                    let hint = said("hint", "description");
                    Some(ChoiceOption { value, label, hint })
                })
                .collect();
            if let Some(options) = options.filter(|o| !o.is_empty()) {
                return Some(options);
            }
        }
    }
    None
}

/// The `x-ourplan.order` of property `key` of object schema `s`, if given.
fn props_order(s: &Map<String, Value>, key: &str) -> Option<f64> {
    s.get("properties")?
        .get(key)?
        .get("x-ourplan")?
        .get("order")?
        .as_f64()
}

fn value_label(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Merges `part` into `out`: properties and required lists unite; otherwise the first word stands.
fn merge(out: &mut Map<String, Value>, mut part: Map<String, Value>) {
    // Each part's if/then/else stays a conditional of its own (several are common in allOf).
    if let Some(test) = part.remove("if") {
        let mut c = Map::new();
        c.insert("if".to_owned(), test);
        for k in ["then", "else"] {
            if let Some(v) = part.remove(k) {
                c.insert(k.to_owned(), v);
            }
        }
        if let Value::Array(list) = out
            .entry(MERGED_CONDITIONALS)
            .or_insert_with(|| Value::Array(Vec::new()))
        {
            list.push(Value::Object(c));
        }
    }
    for (k, v) in part {
        match (k.as_str(), out.get_mut(&k), v) {
            ("properties", Some(Value::Object(existing)), Value::Object(more)) => {
                for (pk, pv) in more {
                    existing.entry(pk).or_insert(pv);
                }
            }
            ("required", Some(Value::Array(existing)), Value::Array(more)) => existing.extend(more),
            (_, Some(_), _) => {}
            (_, None, v) => {
                out.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Renders a model as one line per field: `pointer kind label [*]`.
    fn outline(schema: Value) -> (Vec<String>, usize) {
        let (model, diags) = lower(&schema);
        let lines = model
            .walk()
            .into_iter()
            .map(|n| {
                let kind = match &n.kind {
                    Kind::Recursive { .. } => "recursive".to_owned(),
                    Kind::Text {
                        multiline: true, ..
                    } => "textarea".to_owned(),
                    Kind::Text { input, .. } => format!("{input:?}").to_lowercase(),
                    Kind::Number { integer } => {
                        if *integer { "integer" } else { "number" }.to_owned()
                    }
                    Kind::Boolean => "boolean".to_owned(),
                    Kind::Choice { widget, options } => {
                        format!("{widget:?}({})", options.len()).to_lowercase()
                    }
                    Kind::Object { .. } => "object".to_owned(),
                    Kind::Alternatives { branches, .. } => {
                        format!("alternatives({})", branches.len())
                    }
                    Kind::Raw => "raw".to_owned(),
                    Kind::Array { items, .. } => format!("array[{}]", items.len()),
                    Kind::MultiChoice { options } => format!("checkboxes({})", options.len()),
                };
                format!(
                    "{} {} {}{}",
                    n.pointer,
                    kind,
                    n.label,
                    if n.required { " *" } else { "" }
                )
            })
            .collect();
        (lines, diags.len())
    }

    fn check(schema: Value, expected: &[&str], diagnostics: usize) {
        let (lines, diags) = outline(schema);
        assert_eq!(lines, expected);
        assert_eq!(diags, diagnostics, "diagnostics");
    }

    #[test]
    fn properties_in_schema_order() {
        check(
            json!({"title": "Record", "type": "object", "required": ["z_name"], "properties": {
                "z_name": {"type": "string", "title": "Name"},
                "age": {"type": "integer"},
                "weight": {"type": ["number", "null"]},
                "consent": {"type": "boolean"},
                "notes": {"type": "string", "maxLength": 2000},
                "when": {"type": "string", "format": "date"},
                "colour": {"enum": ["red", "green"]},
                "old": {"type": "string", "deprecated": true},
                "address": {"type": "object", "properties": {"lineOne": {"type": "string"}}}
            }}),
            &[
                " object Record",
                "/z_name text Name *",
                "/age integer Age",
                "/weight number Weight",
                "/consent boolean Consent",
                "/notes textarea Notes",
                "/when memorabledate When",
                "/colour radios(2) Colour",
                "/address object Address",
                "/address/lineOne text Line one",
            ],
            0,
        );
    }

    #[test]
    fn refs_and_all_of() {
        check(
            json!({"$defs": {"name": {"type": "string", "title": "Name"}},
                   "properties": {"a": {"$ref": "#/$defs/name", "title": "Your name"}, "b": {"$ref": "#/$defs/name"},
                                  "c": {"allOf": [{"properties": {"x": {"type": "string"}}}, {"properties": {"y": {"type": "integer"}}, "required": ["y"]}]}}}),
            &[
                " object ",
                "/a text Your name",
                "/b text Name",
                "/c object C",
                "/c/x text X",
                "/c/y integer Y *",
            ],
            0,
        );
    }

    #[test]
    fn what_cannot_be_drawn_becomes_raw_with_a_diagnostic() {
        check(
            json!({"properties": {"r": {"$ref": "#"}}}),
            &[" object ", "/r recursive R"],
            0,
        );
        check(
            json!({"properties": {"m": {"$ref": "#/$defs/missing"}}}),
            &[" object ", "/m raw M"],
            1,
        );
        check(
            json!({"properties": {"l": {"type": ["object", "array"]}}}),
            &[" object ", "/l raw L"],
            1,
        );
        check(
            json!({"properties": {"o": {"oneOf": [{"type": "string"}, {"type": "integer"}]}}}),
            &[" object ", "/o alternatives(2) O"],
            0,
        );
        check(json!(true), &[" raw "], 0);
        check(json!(false), &[" raw "], 0);
        check(json!(42), &[" raw "], 0);
    }

    #[test]
    fn labelled_constants_are_a_choice() {
        check(
            json!({"properties": {"c": {"oneOf": [{"const": 1, "title": "Listen"}, {"const": 2, "title": "Crisis"}]}}}),
            &[" object ", "/c radios(2) C"],
            0,
        );
        let many: Vec<Value> = (0..9).map(|i| json!(i)).collect();
        check(
            json!({"properties": {"n": {"enum": many}}}),
            &[" object ", "/n select(9) N"],
            0,
        );
    }

    #[test]
    fn checkbox_labels_come_from_the_list_or_its_items() {
        let labels = |schema: Value, lang: Lang| -> Vec<String> {
            let (model, diagnostics) = lower_in(&schema, lang);
            assert!(diagnostics.is_empty(), "{diagnostics:?}");
            match &model.find("/ways").unwrap().kind {
                Kind::MultiChoice { options } => options.iter().map(|o| o.label.clone()).collect(),
                other => panic!("not checkboxes: {other:?}"),
            }
        };
        let on_items = json!({"properties": {"ways": {"type": "array", "items": {
            "enum": ["phone", "post"],
            "x-ourplan": {"enumLabels": {"phone": "By phone"}}}}}});
        assert_eq!(labels(on_items, Lang::En), ["By phone", "post"]);
        let on_list = json!({"properties": {"ways": {"type": "array",
            "items": {"enum": ["phone", "post"], "x-ourplan": {"enumLabels": {"phone": "By phone"}}},
            "x-ourplan": {"enumLabels": {
                "phone": {"en": "Phone call", "cy": "Galwad ffôn"}, "post": "By post"}}}}});
        assert_eq!(labels(on_list.clone(), Lang::En), ["Phone call", "By post"]);
        assert_eq!(labels(on_list, Lang::Cy), ["Galwad ffôn", "By post"]);
    }

    #[test]
    fn options_of_a_one_of_have_their_own_words_in_each_language() {
        let schema = json!({"properties": {"often": {"oneOf": [
            {"const": "often", "title": "Often", "description": "Most days",
             "x-ourplan": {"title": {"cy": "Yn aml"}, "hint": {"cy": "Y rhan fwyaf o ddyddiau"}}},
            {"const": "rarely", "title": "Rarely"}
        ]}}});
        let words = |lang: Lang| -> Vec<(String, Option<String>)> {
            let (model, _) = lower_in(&schema, lang);
            match &model.find("/often").unwrap().kind {
                Kind::Choice { options, .. } => options
                    .iter()
                    .map(|o| (o.label.clone(), o.hint.clone()))
                    .collect(),
                other => panic!("not a choice: {other:?}"),
            }
        };
        assert_eq!(
            words(Lang::En),
            [
                ("Often".to_owned(), Some("Most days".to_owned())),
                ("Rarely".to_owned(), None)
            ]
        );
        assert_eq!(
            words(Lang::Cy),
            [
                (
                    "Yn aml".to_owned(),
                    Some("Y rhan fwyaf o ddyddiau".to_owned())
                ),
                ("Rarely".to_owned(), None)
            ]
        );
    }

    #[test]
    fn arrays_expand_to_one_node_per_item() {
        let schema = json!({"properties": {
            "people": {"type": "array", "title": "People", "items": {"type": "object", "properties": {"name": {"type": "string"}}}},
            "tags": {"type": "array", "items": {"enum": ["a", "b", "c"]}, "uniqueItems": true},
            "pair": {"type": "array", "prefixItems": [{"type": "string", "title": "First"}, {"type": "integer"}], "items": false}
        }});
        let (model, diags) = lower(&schema);
        assert!(diags.is_empty(), "{diags:?}");
        let value = json!({"people": [{"name": "Ann"}, {}], "pair": ["x", 1, 2]});
        let (no, no_fit, none) = (
            |_: &Test, _: &Value| false,
            |_: usize, _: &Value| false,
            |_: &str| None,
        );
        let ctx = ExpandContext {
            test: &no,
            fits: &no_fit,
            choice: &none,
            shown_conditional: Default::default(),
            hidden_conditional: Default::default(),
            opened: &|_: &str| false,
            lower_reference: &|_: &str, _: String| None,
        };
        let expanded = model.expand(&value, &ctx);
        let lines: Vec<String> = expanded
            .walk()
            .iter()
            .map(|n| format!("{} {}", n.pointer, n.label))
            .collect();
        assert_eq!(
            lines,
            [
                " ",
                "/people People",
                "/people/0 People 1",
                "/people/0/name Name",
                "/people/1 People 2",
                "/people/1/name Name",
                "/tags Tags",
                "/pair Pair",
                "/pair/0 First 1",
                "/pair/1 Pair 2",
                "/pair/2 Pair 3",
            ]
        );
        assert!(
            matches!(expanded.find("/pair/2").unwrap().kind, Kind::Raw),
            "items: false still shows, as code"
        );
        assert!(matches!(
            expanded.find("/tags").unwrap().kind,
            Kind::MultiChoice { .. }
        ));
        assert_eq!(
            expanded.find("/people/1/name").unwrap().pointer,
            "/people/1/name"
        );
    }

    #[test]
    fn deep_nesting_stops_safely() {
        let mut schema = json!({"type": "string"});
        for _ in 0..200 {
            schema = json!({"type": "object", "properties": {"a": schema}});
        }
        let (model, diags) = lower(&schema);
        assert!(!diags.is_empty());
        assert!(model.walk().len() > 60);
    }

    #[test]
    fn humanise_keys() {
        assert_eq!(humanise("what_matters"), "What matters");
        assert_eq!(humanise("nextSteps"), "Next steps");
        assert_eq!(humanise("NHS"), "NHS");
    }
}
