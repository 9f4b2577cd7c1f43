//! Plan starters as data (`schemas/templates/*.json`): a template is blocks in the plan's own
//! shape, whose words may be given per language. Applying one gives ordinary blocks with fresh
//! ids, which the person can rename, move or remove like any other.
//!
//! A template file:
//! ```json
//! { "id": "one-page-profile",
//!   "title": { "en": "One-page profile", "cy": "Proffil un dudalen" },
//!   "description": { "en": "…", "cy": "…" },
//!   "blocks": [ { "kind": "section", "title": { "en": "…", "cy": "…" }, "children": [] } ] }
//! ```
//! Anywhere in `blocks`, a string may instead be `{ "en": "…", "cy": "…" }` (English is used
//! where Welsh is missing). Ids in a template are optional and only local: they are replaced by
//! fresh ids, and an `outcomeId` naming a template-local outcome follows it. List items may be
//! written as plain text. Hosts add their own templates in the same format with
//! [`parse_template`].

use super::document::{Block, Body, Plan};
use super::error::{Error, ErrorKind};
use super::read::compiled_schema;
use super::tree::Index;
use crate::i18n::Lang;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Words in English and Welsh.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// English.
    pub en: String,
    /// Welsh (the English when a template gives none).
    pub cy: String,
}

impl Text {
    /// The words in `lang` (easy read is its language's: a starter for easy read is written so).
    pub fn get(&self, lang: Lang) -> &str {
        if lang.base() == Lang::Cy {
            &self.cy
        } else {
            &self.en
        }
    }
}

/// A plan starter.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// Stable id (`one-page-profile`).
    pub id: String,
    /// Its name, for the list of starters.
    pub title: Text,
    /// A sentence on what it is for.
    pub description: Text,
    /// The blocks, with words in both languages; checked by [`parse_template`].
    blocks: Vec<Value>,
}

/// The starters that come with the kit, blank page first.
pub fn builtin_templates() -> &'static [Template] {
    static BUILTIN: OnceLock<Vec<Template>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        // Each file is checked by a test; one that failed to parse would be left out, not panic.
        BUILTIN_FILES
            .iter()
            .filter_map(|(_, text)| parse_template(text).ok())
            .collect()
    })
}

/// The shipped template files, by name.
pub(crate) const BUILTIN_FILES: [(&str, &str); 7] = [
    (
        "blank.json",
        include_str!("../../../../schemas/templates/blank.json"),
    ),
    (
        "one-page-profile.json",
        include_str!("../../../../schemas/templates/one-page-profile.json"),
    ),
    (
        "easy-read-profile.json",
        include_str!("../../../../schemas/templates/easy-read-profile.json"),
    ),
    (
        "about-me.json",
        include_str!("../../../../schemas/templates/about-me.json"),
    ),
    (
        "path.json",
        include_str!("../../../../schemas/templates/path.json"),
    ),
    (
        "budget-plan.json",
        include_str!("../../../../schemas/templates/budget-plan.json"),
    ),
    (
        "my-week.json",
        include_str!("../../../../schemas/templates/my-week.json"),
    ),
];

/// Reads and checks a template: its id, title and description, and that its blocks, in both
/// languages, make a plan that fits `plan.schema.json`. Anything wrong is an
/// [`ErrorKind::Template`] saying what and where.
pub fn parse_template(text: &str) -> Result<Template, Error> {
    let fail = |id: Option<&str>, detail: String| {
        Error::new(ErrorKind::Template {
            id: id.map(str::to_owned),
            detail,
        })
    };
    let value: Value = serde_json::from_str(text).map_err(|e| fail(None, e.to_string()))?;
    let Value::Object(map) = value else {
        return Err(fail(None, "a template is a JSON object".to_owned()));
    };
    let id = match map.get("id") {
        Some(Value::String(id))
            if !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
        {
            id.clone()
        }
        _ => {
            return Err(fail(
                None,
                "\"id\" is lower-case letters, digits and hyphens".to_owned(),
            ));
        }
    };
    let text_of = |key: &str| {
        map.get(key).and_then(words).ok_or_else(|| {
            fail(
                Some(&id),
                format!("\"{key}\" is text, or {{\"en\", \"cy\"}}"),
            )
        })
    };
    let title = text_of("title")?;
    let description = text_of("description")?;
    let Some(Value::Array(blocks)) = map.get("blocks") else {
        return Err(fail(Some(&id), "\"blocks\" is a list of blocks".to_owned()));
    };
    let template = Template {
        id: id.clone(),
        title,
        description,
        blocks: blocks.clone(),
    };
    for lang in [Lang::En, Lang::Cy] {
        let mut counter = 0u64;
        let values = template.resolve(lang, &mut |prefix| {
            counter += 1;
            format!("{prefix}{counter}")
        });
        let mut plan = serde_json::to_value(Plan::new("")).unwrap_or(Value::Null);
        plan["blocks"] = Value::Array(values);
        if let Some(schema) = compiled_schema() {
            if let Some(p) = schema.problems(&plan).first() {
                return Err(fail(
                    Some(&id),
                    format!("{} ({}) does not fit the plan schema", p.pointer, p.keyword),
                ));
            }
        }
        let plan: Plan =
            serde_json::from_value(plan).map_err(|e| fail(Some(&id), e.to_string()))?;
        Index::build(&plan.blocks).map_err(|e| fail(Some(&id), Error::new(e).to_string()))?;
        // A plan file may hold kinds this version cannot draw (kept as they came); a starter is
        // the host's own, offered to people to write in, so it uses only kinds drawn here.
        let mut unknown = None;
        super::tree::walk(&plan.blocks, &mut |b: &Block| {
            if let Body::Unknown { kind } = &b.body {
                unknown.get_or_insert_with(|| kind.clone());
            }
        });
        if let Some(kind) = unknown {
            return Err(fail(
                Some(&id),
                format!("block kind \"{kind}\" is not one this version draws"),
            ));
        }
    }
    Ok(template)
}

impl Template {
    /// How many blocks the template adds at the top level.
    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    /// Whether the template adds nothing (the blank page).
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The template's blocks in `lang`, with ids from `fresh` (given a prefix: `b` for blocks,
    /// `i` for items).
    pub(crate) fn blocks(&self, lang: Lang, fresh: &mut dyn FnMut(&str) -> String) -> Vec<Block> {
        self.resolve(lang, fresh)
            .into_iter()
            // `parse_template` checked every block; none is dropped here in practice.
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect()
    }

    /// The blocks as JSON in `lang`, with fresh ids and outcome links following them.
    fn resolve(&self, lang: Lang, fresh: &mut dyn FnMut(&str) -> String) -> Vec<Value> {
        let mut renamed = HashMap::new();
        let mut values: Vec<Value> = self
            .blocks
            .iter()
            .map(|b| {
                let mut v = localise(b, lang);
                assign_ids(&mut v, fresh, &mut renamed);
                v
            })
            .collect();
        for v in &mut values {
            relink(v, &renamed);
        }
        values
    }
}

/// Text given as a string, or as `{"en", "cy"}` with English required.
fn words(value: &Value) -> Option<Text> {
    match value {
        Value::String(s) => Some(Text {
            en: s.clone(),
            cy: s.clone(),
        }),
        Value::Object(map) if is_words(map) => {
            let en = map.get("en")?.as_str()?.to_owned();
            let cy = map
                .get("cy")
                .and_then(Value::as_str)
                .unwrap_or(&en)
                .to_owned();
            Some(Text { en, cy })
        }
        _ => None,
    }
}

fn is_words(map: &Map<String, Value>) -> bool {
    map.contains_key("en")
        && map
            .iter()
            .all(|(k, v)| (k == "en" || k == "cy") && v.is_string())
}

/// Replaces every `{"en", "cy"}` object with the words in `lang`.
fn localise(value: &Value, lang: Lang) -> Value {
    match value {
        Value::Object(map) if is_words(map) => Value::String(
            words(value)
                .map(|w| w.get(lang).to_owned())
                .unwrap_or_default(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), localise(v, lang)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| localise(v, lang)).collect()),
        other => other.clone(),
    }
}

/// Gives a block (and its items and children) fresh ids, noting template-local ids.
fn assign_ids(
    block: &mut Value,
    fresh: &mut dyn FnMut(&str) -> String,
    renamed: &mut HashMap<String, String>,
) {
    let Value::Object(map) = block else {
        return;
    };
    let id = fresh("b");
    if let Some(Value::String(old)) = map.get("id") {
        renamed.insert(old.clone(), id.clone());
    }
    map.insert("id".to_owned(), Value::String(id));
    let checklist = map.get("kind").and_then(Value::as_str) == Some("checklist");
    for field in ["items", "pleaseDo", "pleaseDont"] {
        let Some(Value::Array(items)) = map.get_mut(field) else {
            continue;
        };
        for item in items.iter_mut() {
            if let Value::String(text) = item {
                *item = serde_json::json!({ "text": text });
            }
            if let Value::Object(item) = item {
                item.insert("id".to_owned(), Value::String(fresh("i")));
                if checklist {
                    item.entry("done").or_insert(Value::Bool(false));
                }
            }
        }
    }
    if let Some(Value::Array(children)) = map.get_mut("children") {
        for child in children {
            assign_ids(child, fresh, renamed);
        }
    }
}

/// Points `outcomeId`s at the fresh ids; a link to nothing in the template is dropped.
fn relink(block: &mut Value, renamed: &HashMap<String, String>) {
    let Value::Object(map) = block else {
        return;
    };
    if let Some(link) = map.get_mut("outcomeId") {
        *link = match link.as_str().and_then(|old| renamed.get(old)) {
            Some(new) => Value::String(new.clone()),
            None => Value::Null,
        };
    }
    if let Some(Value::Array(children)) = map.get_mut("children") {
        for child in children {
            relink(child, renamed);
        }
    }
}
