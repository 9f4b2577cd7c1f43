//! Groups of questions: an object's properties in order, the fields that come and go with the
//! answers (`if`/`then`/`else`, `dependentSchemas`, `dependentRequired`), and the template of
//! the entries the person names (`additionalProperties`, `patternProperties`).

use super::Lowerer;
use super::flatten::MERGED_CONDITIONALS;
use crate::model::vocabulary::props_order;
use crate::model::{Conditional, Kind, MAX_DEPTH, Node, Test, last_token};
use crate::pointer;
use serde_json::{Map, Value};
use std::collections::HashSet;

impl Lowerer<'_> {
    pub(super) fn object(
        &mut self,
        s: &Map<String, Value>,
        at: &str,
        pointer: &str,
        depth: usize,
    ) -> Kind {
        let extra = self.named_entries(s, at, pointer, depth);
        if depth >= MAX_DEPTH {
            self.diag(at, "nesting goes deeper than the form draws; shown as code");
            return Kind::Raw;
        }
        let children = self.properties(s, at, pointer, depth);
        let children = in_order(s, children);
        let conditionals = self.conditionals(s, at, pointer, depth);
        Kind::Object {
            children,
            conditionals,
            extra,
        }
    }

    /// The template of the entries the person names (see [`Kind::Object`]'s `extra`).
    fn named_entries(
        &mut self,
        s: &Map<String, Value>,
        at: &str,
        pointer: &str,
        depth: usize,
    ) -> Option<Box<Node>> {
        let (sub, sub_at) = named_entries_schema(s, at)?;
        Some(Box::new(self.node(
            &sub,
            &sub_at,
            pointer::join(pointer, "*"),
            None,
            true,
            depth + 1,
        )))
    }

    /// The listed properties in schema order, less deprecated ones and those allowed no value.
    fn properties(
        &mut self,
        s: &Map<String, Value>,
        at: &str,
        pointer: &str,
        depth: usize,
    ) -> Vec<Node> {
        let required: HashSet<&str> = s
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
        children
    }

    /// Fields that come and go with the answers: the object's own `if` and those its `allOf`
    /// parts brought, then `dependentSchemas`, then `dependentRequired`.
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
            out.extend(self.if_then_else(&c, &at, pointer, depth));
        }
        self.dependent_schemas(s, at, pointer, depth, &mut out);
        dependent_required(s, &mut out);
        out
    }

    fn if_then_else(
        &mut self,
        c: &Value,
        at: &str,
        pointer: &str,
        depth: usize,
    ) -> Option<Conditional> {
        let test = c.get("if")?;
        let triggers = triggers(test);
        let test = Test::Schema(self.test_schema(test));
        let (then, then_required) = match c.get("then") {
            Some(t) => self.extra_fields(t, &format!("{at}/then"), pointer, depth),
            None => (Vec::new(), Vec::new()),
        };
        let (otherwise, otherwise_required) = match c.get("else") {
            Some(e) => self.extra_fields(e, &format!("{at}/else"), pointer, depth),
            None => (Vec::new(), Vec::new()),
        };
        Some(Conditional {
            test,
            then,
            then_required,
            otherwise,
            otherwise_required,
            triggers,
        })
    }

    fn dependent_schemas(
        &mut self,
        s: &Map<String, Value>,
        at: &str,
        pointer: &str,
        depth: usize,
        out: &mut Vec<Conditional>,
    ) {
        let Some(Value::Object(deps)) = s.get("dependentSchemas") else {
            return;
        };
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
        let required = flat.get("required").map(names).unwrap_or_default();
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
}

/// The schema of an object's named entries, and where it sits: `additionalProperties` as a
/// schema, or the first `patternProperties` schema (the validator checks names against the
/// patterns).
fn named_entries_schema(s: &Map<String, Value>, at: &str) -> Option<(Value, String)> {
    match (s.get("additionalProperties"), s.get("patternProperties")) {
        (Some(a @ Value::Object(_)), _) => Some((a.clone(), format!("{at}/additionalProperties"))),
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
    }
}

/// `x-ourplan.order` sorts fields; one without keeps its schema position as its order.
fn in_order(s: &Map<String, Value>, children: Vec<Node>) -> Vec<Node> {
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
    ordered.into_iter().map(|(_, c)| c).collect()
}

/// The properties an `if` looks at: the fields it adds are drawn after the last of these.
fn triggers(test: &Value) -> Vec<String> {
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
    triggers
}

fn dependent_required(s: &Map<String, Value>, out: &mut Vec<Conditional>) {
    let Some(Value::Object(deps)) = s.get("dependentRequired") else {
        return;
    };
    for (name, list) in deps {
        out.push(Conditional {
            test: Test::Present(name.clone()),
            then: Vec::new(),
            then_required: names(list),
            otherwise: Vec::new(),
            otherwise_required: Vec::new(),
            triggers: vec![name.clone()],
        });
    }
}

/// The strings of a list of property names (`required`, `dependentRequired`).
fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}
