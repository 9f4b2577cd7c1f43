//! The record's value and what the person typed into it: edits, the text a field shows, raw JSON
//! kept while incomplete, numbers as typed, and the schema's defaults.

use super::lists::split_item;
use super::{Input, RecordState};
use crate::model::{Kind, Node};
use crate::pointer;
use serde_json::{Number, Value};

impl RecordState {
    /// The current value.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The value at `pointer`.
    pub fn value_at(&self, pointer: &str) -> Option<&Value> {
        pointer::get(&self.value, pointer)
    }

    /// Replaces the value (from the host). Problems are hidden again until the person leaves a
    /// field or the host calls validate.
    pub fn set_value(&mut self, value: Value) {
        self.changed_all();
        self.value = value;
        self.raw.clear();
        self.json_errors.clear();
        self.touched.clear();
        self.show_all = false;
        // Choices and put-aside answers belonged to the previous value.
        self.choices.clear();
        self.stash.clear();
        self.entry_names.clear();
        self.reshape();
        self.revalidate();
    }

    /// The text a text-like field shows: what the person typed, or the value's text.
    pub fn display_text(&self, pointer: &str) -> String {
        if let Some(raw) = self.raw.get(pointer) {
            return raw.clone();
        }
        let raw_kind = self
            .schema
            .model()
            .and_then(|m| m.find(pointer))
            .is_some_and(|n| n.kind == Kind::Raw);
        match pointer::get(&self.value, pointer) {
            None => String::new(),
            Some(Value::String(s)) if !raw_kind => s.clone(),
            Some(Value::Number(n)) if !raw_kind => n.to_string(),
            Some(other) => serde_json::to_string_pretty(other).unwrap_or_default(),
        }
    }

    /// Applies what the person did to the field at `pointer`. Returns whether the value changed.
    pub fn edit(&mut self, pointer: &str, input: Input) -> bool {
        self.changed_at(pointer);
        if self.last_edited.as_deref() != Some(pointer) {
            self.last_edited = Some(pointer.to_owned());
        }
        let Some(mut node) = self.schema.model().and_then(|m| m.find(pointer)).cloned() else {
            return false;
        };
        // A choice of shapes whose chosen shape is a single field: edit that field.
        if let Kind::Alternatives {
            chosen: Some((_, inner)),
            ..
        } = &node.kind
        {
            node = (**inner).clone();
        }
        let before = pointer::get(&self.value, pointer).cloned();
        if self.json_errors.remove(pointer).is_some() {
            self.shown.replace(None);
        }
        let Some(new) = self.read(pointer, &node.kind, input) else {
            return false;
        };
        // An emptied list item stays in the list (as empty text): removing it is its own action.
        let new = match new {
            None if split_item(pointer).is_some_and(|(list, _)| {
                matches!(
                    self.schema
                        .model()
                        .and_then(|m| m.find(&list))
                        .map(|n| &n.kind),
                    Some(Kind::Array { .. })
                )
            }) =>
            {
                Some(match node.kind {
                    Kind::Text { .. } => Value::String(String::new()),
                    _ => Value::Null,
                })
            }
            other => other,
        };
        match new {
            Some(v) => pointer::set(&mut self.value, pointer, v),
            None => {
                let model = self.schema.model();
                pointer::remove(&mut self.value, pointer, &|parent| {
                    !model
                        .and_then(|m| m.find(parent))
                        .is_some_and(|n| n.required)
                });
            }
        }
        if self.schema.is_dynamic() {
            self.reshape();
        }
        self.revalidate();
        pointer::get(&self.value, pointer).cloned() != before
    }

    /// What `input` makes of the field of `kind` at `pointer`: its new value, `Some(None)` when
    /// it leaves no answer, and `None` when the input does not fit the field. Text is kept as
    /// typed, and where raw JSON does not parse.
    fn read(&mut self, pointer: &str, kind: &Kind, input: Input) -> Option<Option<Value>> {
        Some(match (kind, input) {
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
            (Kind::MultiChoice { options }, Input::Toggle(i, on)) => {
                let current = pointer::get(&self.value, pointer)
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let option = options.get(i)?;
                // Kept in the options' order, so the value reads the same however it was ticked.
                let chosen: Vec<Value> = options
                    .iter()
                    .filter(|o| {
                        if o.value == option.value {
                            on
                        } else {
                            current.contains(&o.value)
                        }
                    })
                    .map(|o| o.value.clone())
                    .collect();
                (!chosen.is_empty()).then_some(Value::Array(chosen))
            }
            (Kind::Choice { options, .. }, Input::Choice(i)) => {
                i.and_then(|i| options.get(i)).map(|o| o.value.clone())
            }
            _ => return None,
        })
    }
}

/// Fills in `default`s for the fields of `node` (and of groups that exist) that have no answer.
pub(super) fn apply_defaults(node: &Node, value: &mut Value) {
    for child in node.children() {
        let key = pointer::last(&child.pointer);
        let Some(map) = value.as_object_mut() else {
            return;
        };
        match (map.get_mut(&key), &child.default) {
            (None, Some(d)) => {
                map.insert(key, d.clone());
            }
            (Some(inner), _) if matches!(child.kind, Kind::Object { .. }) => {
                apply_defaults(child, inner)
            }
            _ => {}
        }
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
