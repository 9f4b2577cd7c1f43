//! Flattening: a schema's local `$ref`s followed and its `allOf` parts merged, giving one
//! schema object to draw from.

use super::Lowerer;
use crate::model::MAX_DEPTH;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Where `merge` keeps the if/then/else of each `allOf` part (a key no schema uses).
pub(super) const MERGED_CONDITIONALS: &str = "\u{0}ourplan-conditionals";

impl Lowerer<'_> {
    /// Like [`Lowerer::flatten`], borrowing a schema with nothing to follow or merge (most
    /// fields): copying every field's schema showed up as a fifth of lowering a long form.
    pub(super) fn flatten_borrowed<'s>(
        &mut self,
        schema: &'s Value,
        at: &str,
        depth: usize,
    ) -> Option<Cow<'s, Map<String, Value>>> {
        match schema {
            Value::Object(o)
                if depth <= MAX_DEPTH && !o.contains_key("$ref") && !o.contains_key("allOf") =>
            {
                Some(Cow::Borrowed(o))
            }
            _ => self.flatten(schema, at, depth).map(Cow::Owned),
        }
    }

    /// Follows local `$ref`s and merges `allOf`, giving one schema object to draw from.
    /// Returns `None` (after a diagnostic) where that cannot be done safely.
    pub(super) fn flatten(
        &mut self,
        schema: &Value,
        at: &str,
        depth: usize,
    ) -> Option<Map<String, Value>> {
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
            out = self.follow(r, at, depth)?;
        }
        if let Some(Value::Array(parts)) = obj.get("allOf") {
            for (i, part) in parts.iter().enumerate() {
                let part = self.flatten(part, &format!("{at}/allOf/{i}"), depth + 1)?;
                merge(&mut out, part);
            }
        }
        overlay(&mut out, obj);
        Some(out)
    }

    /// What the local reference `r` points at, flattened.
    fn follow(&mut self, r: &str, at: &str, depth: usize) -> Option<Map<String, Value>> {
        let Some(fragment) = r.strip_prefix('#') else {
            self.diag(
                at,
                format!("the reference '{r}' points outside this schema; shown as code"),
            );
            return None;
        };
        if self.refs.iter().any(|seen| seen == r) {
            // Drawn lazily (see `Kind::Recursive`): no diagnostic, it is supported.
            self.cycle = Some(r.to_owned());
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
        self.refs.push(r.to_owned());
        self.flatten(target, r, depth + 1)
    }
}

/// The schema's own keywords win over what it refers to (a title beside a `$ref`, say), except
/// that properties and required lists add to those it refers to.
fn overlay(out: &mut Map<String, Value>, obj: &Map<String, Value>) {
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
