//! Choices: of values (an `enum`, a `const`, a `oneOf` of `const`s), drawn as radios or a
//! select, and of shapes (a `oneOf`/`anyOf` of schemas), each shape drawn as its own fields.

use super::Lowerer;
use crate::i18n::Lang;
use crate::model::vocabulary::{Annotation, enum_label, value_label};
use crate::model::{Branch, ChoiceOption, ChoiceWidget, Kind, MAX_RADIOS, Node, last_token};
use serde_json::{Map, Value};

/// A choice of values: radios for a few options, a select for many, unless the schema's
/// `widget` says which.
pub(super) fn choice(options: Vec<ChoiceOption>, widget: Option<&str>) -> Kind {
    let style = match widget {
        Some("select") => ChoiceWidget::Select,
        Some("radios") => ChoiceWidget::Radios,
        _ if options.len() <= MAX_RADIOS => ChoiceWidget::Radios,
        _ => ChoiceWidget::Select,
    };
    Kind::Choice {
        options,
        widget: style,
    }
}

/// Options of an `enum`, a `const`, or a `oneOf`/`anyOf` whose branches are all `const`s.
pub(super) fn choice_options(s: &Map<String, Value>, lang: Lang) -> Option<Vec<ChoiceOption>> {
    // A lone `const`: one option to choose (the answer the form expects).
    if let (Some(c), None) = (s.get("const"), s.get("enum")) {
        return Some(vec![ChoiceOption {
            value: c.clone(),
            label: value_label(c),
            hint: None,
        }]);
    }
    if let Some(Value::Array(values)) = s.get("enum") {
        let labels = Annotation::of(s, lang).enum_labels();
        return Some(
            values
                .iter()
                .map(|v| ChoiceOption {
                    label: labels
                        .and_then(|l| enum_label(l, v, lang))
                        .unwrap_or_else(|| value_label(v)),
                    value: v.clone(),
                    hint: None,
                })
                .collect(),
        );
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(branches)) = s.get(key) {
            if let Some(options) = labelled_constants(branches, lang) {
                return Some(options);
            }
        }
    }
    None
}

impl Lowerer<'_> {
    /// A choice of shapes (`oneOf`/`anyOf` of schemas), where one can be drawn.
    pub(super) fn shapes(
        &mut self,
        s: &Map<String, Value>,
        at: &str,
        pointer: &str,
        depth: usize,
    ) -> Option<Kind> {
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(branches)) = s.get(key) {
                if s.contains_key("properties") {
                    // Shared questions plus a choice of shapes: the shared questions are drawn;
                    // the validator still applies the choice.
                    self.diag(at, format!("'{key}' beside 'properties' is not drawn as a choice yet; the shared questions are"));
                    return None;
                }
                return Some(self.alternatives(branches, key, at, pointer, depth));
            }
        }
        None
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
}

/// The options of a `oneOf`/`anyOf` whose branches are all `const`s, if they are.
fn labelled_constants(branches: &[Value], lang: Lang) -> Option<Vec<ChoiceOption>> {
    let options: Option<Vec<ChoiceOption>> = branches
        .iter()
        .map(|b| {
            let value = b.get("const")?.clone();
            // An option's own words, in the person's language where `x-ourplan` gives it.
            let own = Annotation::of_value(b, lang);
            let said = |name: &str, keyword: &str| {
                own.text(name)
                    .or_else(|| b.get(keyword).and_then(Value::as_str).map(str::to_owned))
                    .filter(|t| !t.trim().is_empty())
            };
            let label = said("title", "title").unwrap_or_else(|| value_label(&value));
            let hint = said("hint", "description");
            Some(ChoiceOption { value, label, hint })
        })
        .collect();
    options.filter(|o| !o.is_empty())
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
