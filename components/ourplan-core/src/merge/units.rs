//! Units: what a merge compares. A unit is one value compared on its own (in a plan a block's
//! text or a budget line's cost; in a record, one top-level answer), grouped by entity. A unit
//! holds one value, or several while a conflict between copies is open: the alternatives, sorted,
//! so that two copies holding the same alternatives hold the same unit.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The alternatives of one unit (one value unless a conflict is open), sorted and distinct.
pub(crate) type Alts = Vec<Value>;
/// The units of one entity, by field name.
pub(crate) type Entity = BTreeMap<String, Alts>;

/// A document as units, by entity.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Units(pub BTreeMap<String, Entity>);

/// A value with object keys sorted at every level, so equal values print alike.
pub(crate) fn norm(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut sorted: BTreeMap<String, Value> = BTreeMap::new();
            for (k, v) in map {
                sorted.insert(k, norm(v));
            }
            Value::Object(sorted.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(norm).collect()),
        other => other,
    }
}

/// One value as a unit.
pub(crate) fn one(value: Value) -> Alts {
    vec![norm(value)]
}

/// The alternatives of both, sorted and distinct.
pub(crate) fn union(a: &Alts, b: &Alts) -> Alts {
    let mut all: BTreeMap<String, Value> = BTreeMap::new();
    for v in a.iter().chain(b.iter()) {
        all.insert(v.to_string(), v.clone());
    }
    all.into_values().collect()
}

/// A set built by inserting (a `collect` sorts first, and each type sorted is more code in the
/// module).
pub(crate) fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut out = BTreeSet::new();
    for item in items {
        out.insert(item);
    }
    out
}

/// The members of one container in order: each after the member it names as previous. Members
/// naming the same previous one come new first (ids in `new`), then by id; a member whose
/// previous one is not in the container starts it; members in a loop are placed after the rest,
/// by id. Every member is placed exactly once.
pub(crate) fn order(members: Vec<(String, Option<String>)>, new: &BTreeSet<String>) -> Vec<String> {
    let ids: BTreeSet<&str> = set(members.iter().map(|(id, _)| id.as_str()));
    let mut after: BTreeMap<Option<&str>, Vec<&str>> = BTreeMap::new();
    for (id, previous) in &members {
        let anchor = previous.as_deref().filter(|p| ids.contains(p) && *p != id);
        after.entry(anchor).or_default().push(id);
    }
    for list in after.values_mut() {
        list.sort_by_key(|id| (!new.contains(*id), *id));
    }
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::with_capacity(members.len());
    let mut leftovers: Vec<&str> = ids.iter().copied().collect();
    leftovers.reverse();
    let mut stack: Vec<Option<&str>> = vec![None];
    loop {
        // Depth first: a member, then everything after it, then its next sibling.
        while let Some(start) = stack.pop() {
            if let Some(id) = start {
                if !placed.insert(id) {
                    continue;
                }
                out.push(id.to_owned());
            }
            if let Some(list) = after.get(&start) {
                stack.extend(list.iter().rev().map(|id| Some(*id)));
            }
        }
        // Members in a loop of "previous" links: start again from the smallest id left.
        match std::iter::from_fn(|| leftovers.pop()).find(|id| !placed.contains(id)) {
            Some(next) => stack.push(Some(next)),
            None => break,
        }
    }
    out
}
