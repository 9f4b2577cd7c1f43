//! Combining copies of a record's value: a practitioner's and a person's copies of one
//! conversation record, each with its history, merged against their common ancestor the way a
//! plan's copies are (`crate::merge` finds the ancestor).
//!
//! The value merges as JSON: object properties one by one; lists of objects that all carry an
//! `id` by id (items added on either side kept, in place; removed on one side and unchanged on
//! the other, removed); other lists by position, with items added on both sides all kept. Changed
//! on one side only: taken. Removed on one side and changed on the other: kept. Changed on both
//! sides differently: both versions kept as a conflict, the record showing one until the person
//! chooses. The result is the same whichever copy merges the other.
//!
//! A record's value is the host's data and must stay the schema's shape, so its history is not
//! inside it: a copy is `{"ourplan": "record-copy", "value", "merge"}`, and a draft keeps the
//! history with where the person was.

use super::RecordState;
use crate::emit::Emit;
use crate::merge::units::{Entity, Units, norm, one, order};
use crate::merge::{
    Combined, Conflict, History, MergeError, Stored, Summary, checkpoint_units, combine,
};
use crate::pointer;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The key of the object that stands for a conflict's versions inside a merged value. No form
/// can make it (it starts with a NUL).
const VERSIONS: &str = "\u{0}versions";

/// What `copy` says a record copy is.
pub const COPY_TAG: &str = "record-copy";

/// The merged value, its history and what changed.
#[derive(Debug, Clone)]
pub struct MergedRecord {
    /// The value with both copies' answers (a conflict shows one version).
    pub value: Value,
    /// The history, with the conflicts still open.
    pub history: History,
    /// What changed, compared with the value merged into.
    pub summary: Summary,
}

/// The versions a value stands for: its own, or a conflict's.
fn versions_of(value: &Value) -> Option<&Vec<Value>> {
    match value {
        Value::Object(map) if map.len() == 1 => map.get(VERSIONS)?.as_array(),
        _ => None,
    }
}

/// Versions as one value: a conflict's stand-in, or the value itself if they agree.
fn versions(values: impl IntoIterator<Item = Value>) -> Value {
    let mut all: BTreeMap<String, Value> = BTreeMap::new();
    for value in values {
        let list = match versions_of(&value) {
            Some(list) => list.clone(),
            None => vec![value],
        };
        for v in list {
            let v = norm(v);
            all.insert(v.to_string(), v);
        }
    }
    if all.len() == 1 {
        return all.into_values().next().unwrap_or(Value::Null);
    }
    json!({ VERSIONS: all.into_values().collect::<Vec<_>>() })
}

/// The value with each open conflict's versions in place (and what is shown now among them).
fn annotate(value: &Value, conflicts: &[Conflict]) -> Value {
    let mut out = value.clone();
    for c in conflicts {
        if let Some(slot) = out.pointer_mut(&c.at) {
            let mut all = vec![slot.clone()];
            all.extend(c.values.iter().cloned());
            *slot = versions(all);
        }
    }
    out
}

/// The shown value and the open conflicts of an annotated one: each conflict shows its first
/// version (the same in every copy).
fn strip(value: Value, at: &mut String, out: &mut Vec<Conflict>) -> Value {
    if let Some(list) = versions_of(&value) {
        let list = list.clone();
        let shown = list.first().cloned().unwrap_or(Value::Null);
        out.push(Conflict {
            at: at.clone(),
            field: String::new(),
            values: list,
        });
        return shown;
    }
    let len = at.len();
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    at.push('/');
                    at.push_str(&pointer::escape(&k));
                    let v = strip(v, at, out);
                    at.truncate(len);
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    at.push('/');
                    at.push_str(&i.to_string());
                    let v = strip(v, at, out);
                    at.truncate(len);
                    v
                })
                .collect(),
        ),
        other => other,
    }
}

/// An annotated value as units: an object's top-level answers one by one (so a snapshot in the
/// history costs what changed), anything else as one.
fn to_units(value: &Value) -> Units {
    let mut units = BTreeMap::new();
    match value {
        Value::Object(map) if versions_of(value).is_none() => {
            let mut entity = Entity::new();
            for (k, v) in map {
                entity.insert(k.clone(), one(v.clone()));
            }
            units.insert("o".to_owned(), entity);
        }
        other => {
            let mut entity = Entity::new();
            entity.insert("=".to_owned(), one(other.clone()));
            units.insert("v".to_owned(), entity);
        }
    }
    Units(units)
}

/// The annotated value of units; `None` for none (no common ancestor).
fn from_units(units: &Units) -> Option<Value> {
    if let Some(entity) = units.0.get("o") {
        let map: Map<String, Value> = entity
            .iter()
            .filter_map(|(k, a)| Some((k.clone(), a.first()?.clone())))
            .collect();
        return Some(Value::Object(map));
    }
    units.0.get("v")?.get("=")?.first().cloned()
}

fn merge3(o: &Units, a: &Units, b: &Units) -> Units {
    let (o, a, b) = (from_units(o), from_units(a), from_units(b));
    let merged = merge_value(o.as_ref(), a.as_ref(), b.as_ref(), &mut 0);
    to_units(&merged.unwrap_or(Value::Null))
}

/// The three-way merge of one value (`None`: not there). `kept` counts what one side removed
/// and the other changed (kept).
fn merge_value(
    o: Option<&Value>,
    a: Option<&Value>,
    b: Option<&Value>,
    kept: &mut usize,
) -> Option<Value> {
    if a == b {
        return a.cloned();
    }
    if a == o {
        return b.cloned();
    }
    if b == o {
        return a.cloned();
    }
    let plain = |v: &Value| versions_of(v).is_none();
    match (a, b) {
        (None, Some(x)) | (Some(x), None) => {
            *kept += 1;
            Some(x.clone())
        }
        (Some(Value::Object(ma)), Some(Value::Object(mb)))
            if plain(a.unwrap_or(&Value::Null)) && plain(b.unwrap_or(&Value::Null)) =>
        {
            let mo = o.filter(|v| plain(v)).and_then(Value::as_object);
            let keys: BTreeSet<&String> = ma.keys().chain(mb.keys()).collect();
            let mut out = Map::new();
            for k in keys {
                let v = merge_value(mo.and_then(|m| m.get(k)), ma.get(k), mb.get(k), kept);
                if let Some(v) = v {
                    out.insert(k.clone(), v);
                }
            }
            Some(Value::Object(out))
        }
        (Some(Value::Array(la)), Some(Value::Array(lb))) => {
            let empty = Vec::new();
            let lo = o.and_then(Value::as_array).unwrap_or(&empty);
            Some(Value::Array(match (ids(lo), ids(la), ids(lb)) {
                (Some(io), Some(ia), Some(ib)) => by_id(lo, la, lb, (&io, &ia, &ib), kept),
                _ => by_position(lo, la, lb, kept),
            }))
        }
        (Some(x), Some(y)) => Some(versions([x.clone(), y.clone()])),
        (None, None) => None,
    }
}

/// The ids of a list whose every item is an object with a distinct `id` (text or number).
fn ids(list: &[Value]) -> Option<Vec<String>> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(list.len());
    for item in list {
        let id = match item.as_object()?.get("id")? {
            Value::String(s) => format!("s{s}"),
            Value::Number(n) => format!("n{n}"),
            _ => return None,
        };
        if !seen.insert(id.clone()) {
            return None;
        }
        out.push(id);
    }
    Some(out)
}

/// Lists of items with ids: each item merged by id; old items keep the order the copy that
/// reordered them gave (the ancestor's if both did, differently); new items follow the item
/// they followed in their copy.
fn by_id(
    lo: &[Value],
    la: &[Value],
    lb: &[Value],
    (io, ia, ib): (&[String], &[String], &[String]),
    kept: &mut usize,
) -> Vec<Value> {
    let index = |ids: &[String], list: &[Value]| -> BTreeMap<String, Value> {
        ids.iter().cloned().zip(list.iter().cloned()).collect()
    };
    let (mo, ma, mb) = (index(io, lo), index(ia, la), index(ib, lb));
    let all: BTreeSet<&String> = io.iter().chain(ia).chain(ib).collect();
    let mut merged: BTreeMap<String, Value> = BTreeMap::new();
    for id in all {
        if let Some(v) = merge_value(mo.get(id), ma.get(id), mb.get(id), kept) {
            merged.insert(id.clone(), v);
        }
    }
    let old: BTreeSet<&String> = io.iter().collect();
    let of_old = |ids: &[String]| -> Vec<String> {
        ids.iter().filter(|i| old.contains(i)).cloned().collect()
    };
    let (oa, ob) = (of_old(ia), of_old(ib));
    let in_o = |side: &[String]| -> Vec<String> {
        let here: BTreeSet<&String> = side.iter().collect();
        io.iter().filter(|i| here.contains(i)).cloned().collect()
    };
    let (moved_a, moved_b) = (oa != in_o(ia), ob != in_o(ib));
    let reference: &[String] = match (moved_a, moved_b) {
        (true, false) => ia,
        (false, true) => ib,
        (true, true) if oa == ob => ia,
        _ => io,
    };
    // Each item follows the nearest earlier item, in the list that places it, that survived (an
    // old item, the nearest old one: the new ones place themselves, whichever copy merges).
    let previous = |list: &[String], id: &String, only_old: bool| -> Option<String> {
        let at = list.iter().position(|i| i == id)?;
        list[..at]
            .iter()
            .rev()
            .find(|i| merged.contains_key(*i) && (!only_old || old.contains(i)))
            .cloned()
    };
    let mut members = Vec::with_capacity(merged.len());
    let mut new = BTreeSet::new();
    for id in merged.keys() {
        let is_old = old.contains(id);
        let list: &[String] = if is_old {
            if reference.contains(id) {
                reference
            } else {
                io
            }
        } else {
            new.insert(id.clone());
            if ia.contains(id) { ia } else { ib }
        };
        members.push((id.clone(), previous(list, id, is_old)));
    }
    order(members, &new)
        .into_iter()
        .filter_map(|id| merged.remove(&id))
        .collect()
}

/// Lists without ids: item by item where the ancestor had one; items added past its end on
/// both sides all kept (the two runs in a fixed order).
fn by_position(lo: &[Value], la: &[Value], lb: &[Value], kept: &mut usize) -> Vec<Value> {
    let mut out = Vec::new();
    for (i, o) in lo.iter().enumerate() {
        if let Some(v) = merge_value(Some(o), la.get(i), lb.get(i), kept) {
            out.push(v);
        }
    }
    let tail = |l: &[Value]| l.get(lo.len()..).unwrap_or(&[]).to_vec();
    let (ta, tb) = (tail(la), tail(lb));
    if ta == tb {
        out.extend(ta);
    } else {
        let mut runs = [ta, tb];
        runs.sort_by_key(|r| Value::Array(r.clone()).to_string());
        out.extend(runs.into_iter().flatten());
    }
    out
}

/// The open conflicts still about something in `value`.
fn present(value: &Value, conflicts: &[Conflict]) -> Vec<Conflict> {
    conflicts
        .iter()
        .filter(|c| value.pointer(&c.at).is_some())
        .cloned()
        .collect()
}

/// Marks `value` as a revision others may share (when it is set by the host, restored, shared
/// or merged).
pub fn checkpoint(value: &Value, history: &mut Option<History>) {
    let conflicts = history
        .as_ref()
        .map(|h| present(value, &h.conflicts))
        .unwrap_or_default();
    if let Some(h) = history.as_mut() {
        if h.conflicts != conflicts {
            h.conflicts = conflicts.clone();
            h.written = Default::default();
        }
    }
    checkpoint_units(history, to_units(&annotate(value, &conflicts)));
}

/// Combines `theirs` into `ours` (each a value and its history, if it has one). A value without
/// history has no ancestor in common with any copy: whatever differs is kept as a conflict.
pub fn merge(
    ours: (&Value, Option<&History>),
    theirs: (&Value, Option<&History>),
    other_document: bool,
) -> Result<MergedRecord, MergeError> {
    let open = |(v, h): (&Value, Option<&History>)| {
        let conflicts = h.map(|h| present(v, &h.conflicts)).unwrap_or_default();
        to_units(&annotate(v, &conflicts))
    };
    let (ua, ub) = (Arc::new(open(ours)), Arc::new(open(theirs)));
    let other_document = other_document || theirs.1.is_none();
    let mut history = ours.1.cloned();
    let combined = combine((ours.1, ua.clone()), (theirs.1, ub), other_document, merge3)?;
    let (units, summary) = match combined {
        Combined::Nothing => {
            let mut history = history.take();
            checkpoint(ours.0, &mut history);
            let history = history.unwrap_or_default();
            let summary = Summary {
                nothing_new: true,
                conflicts: history.conflicts.len(),
                ..Summary::default()
            };
            return Ok(MergedRecord {
                value: ours.0.clone(),
                history,
                summary,
            });
        }
        Combined::Content { units, history: h } => {
            history = Some(*h);
            let summary = summarise(&ua, &units);
            (units, summary)
        }
    };
    let merged = from_units(&units).unwrap_or(Value::Null);
    let mut conflicts = Vec::new();
    let value = strip(merged, &mut String::new(), &mut conflicts);
    let mut history = history.unwrap_or_default();
    history.conflicts = conflicts;
    history.written = Default::default();
    let summary = Summary {
        conflicts: history.conflicts.len(),
        ..summary
    };
    Ok(MergedRecord {
        value,
        history,
        summary,
    })
}

/// Answers (values that are not objects or lists, and empty ones) by pointer.
fn answers(value: &Value, at: &mut String, out: &mut BTreeMap<String, Value>) {
    let len = at.len();
    match value {
        Value::Object(map) if !map.is_empty() && versions_of(value).is_none() => {
            for (k, v) in map {
                at.push('/');
                at.push_str(&pointer::escape(k));
                answers(v, at, out);
                at.truncate(len);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                at.push('/');
                at.push_str(&i.to_string());
                answers(v, at, out);
                at.truncate(len);
            }
        }
        other => {
            out.insert(at.clone(), other.clone());
        }
    }
}

/// What changed from `before` to `after`, counted by answer.
fn summarise(before: &Units, after: &Units) -> Summary {
    let (mut b, mut a) = (BTreeMap::new(), BTreeMap::new());
    answers(
        &from_units(before).unwrap_or(Value::Null),
        &mut String::new(),
        &mut b,
    );
    answers(
        &from_units(after).unwrap_or(Value::Null),
        &mut String::new(),
        &mut a,
    );
    let mut summary = Summary::default();
    for (at, v) in &a {
        match b.get(at) {
            None => summary.added += 1,
            Some(old) if old != v => summary.changed += 1,
            _ => {}
        }
    }
    summary.removed = b.keys().filter(|k| !a.contains_key(*k)).count();
    summary.nothing_new = summary.added + summary.changed + summary.removed == 0;
    summary
}

/// A record copy (`{"ourplan": "record-copy", "value", "merge"}`) as its value and history;
/// anything else is a value without history.
pub fn read_copy(copy: &Value) -> (Value, Option<History>) {
    if copy.get("ourplan").and_then(Value::as_str) == Some(COPY_TAG) {
        if let Some(value) = copy.get("value") {
            let history = copy
                .get("merge")
                .and_then(|m| Stored::deserialize(m).ok())
                .map(Stored::into_history);
            return (value.clone(), history);
        }
    }
    (copy.clone(), None)
}

/// The history as a copy or a draft keeps it (`merge`).
pub fn written(value: &Value, history: &History) -> Value {
    let conflicts = present(value, &history.conflicts);
    history
        .written(conflicts, Vec::new())
        .and_then(|w| serde_json::to_value(w).ok())
        .unwrap_or(Value::Null)
}

impl RecordState {
    /// The record's merge history (`None` until its value is first set, restored or merged).
    pub fn history(&self) -> Option<&History> {
        self.copy.as_ref()
    }

    /// Marks the value as a revision others may share (see [`checkpoint`]).
    pub fn checkpoint(&mut self) {
        checkpoint(&self.value, &mut self.copy);
    }

    /// Puts back a history kept with a draft (`merge` in the draft's place). A draft without
    /// one (saved before records kept a history, or unreadable) keeps the history the record
    /// has, so copies made from the host's value still combine with it.
    pub fn restore_history(&mut self, stored: Option<&Value>) {
        if let Some(history) = stored
            .and_then(|m| Stored::deserialize(m).ok())
            .map(Stored::into_history)
        {
            self.copy = Some(history);
        }
        self.checkpoint();
    }

    /// The record as a copy to share: its value and its history.
    pub fn copy(&mut self) -> Value {
        self.checkpoint();
        let merge = self
            .copy
            .as_ref()
            .map(|h| written(&self.value, h))
            .unwrap_or(Value::Null);
        let mut copy = json!({ "ourplan": COPY_TAG, "value": self.value, "merge": merge });
        if let Some(authors) = self.authors_written() {
            copy["authors"] = authors;
        }
        copy
    }

    /// The question an answer belongs to, in words (empty if the form has none there).
    pub fn label_at(&self, pointer: &str) -> String {
        self.label_of(pointer)
    }

    /// The open conflicts.
    pub fn conflicts(&self) -> Vec<Conflict> {
        self.copy
            .as_ref()
            .map(|h| present(&self.value, &h.conflicts))
            .unwrap_or_default()
    }

    /// Combines another copy (a record copy, or a value) into this record.
    pub fn merge_copy(
        &mut self,
        other: &Value,
        other_document: bool,
    ) -> Result<Summary, MergeError> {
        let merged = self.merged_with(other, other_document)?;
        Ok(self.apply_merged(merged, other))
    }

    /// What combining `other` into this record makes, without applying it.
    pub(super) fn merged_with(
        &self,
        other: &Value,
        other_document: bool,
    ) -> Result<MergedRecord, MergeError> {
        let (value, history) = read_copy(other);
        merge(
            (&self.value, self.copy.as_ref()),
            (&value, history.as_ref()),
            other_document,
        )
    }

    /// Takes what [`RecordState::merged_with`] made from `other`: the value, the history, and
    /// who answered what from both copies (each note shows only beside its own words).
    pub(super) fn apply_merged(&mut self, merged: MergedRecord, other: &Value) -> Summary {
        if merged.value != self.value {
            self.set_value(merged.value);
        }
        self.copy = Some(merged.history);
        if other.get("ourplan").and_then(Value::as_str) == Some(COPY_TAG)
            && self.take_authors(other.get("authors"))
        {
            self.changed_all();
        }
        let summary = merged.summary;
        self.announce_merge(&summary);
        self.last_merge = Some(summary.clone());
        summary
    }

    /// What the last combination did (`None` before any).
    pub fn last_merge(&self) -> Option<&Summary> {
        self.last_merge.as_ref()
    }

    /// The person chose a version (or wrote a blend) for the conflict at `at`.
    pub(super) fn choose_version(&mut self, at: &str, value: Value) -> Emit {
        let Some(history) = self.copy.as_mut() else {
            return Emit::Nothing;
        };
        let before = history.conflicts.len();
        history.conflicts.retain(|c| c.at != at);
        if history.conflicts.len() == before {
            return Emit::Nothing;
        }
        history.written = Default::default();
        let mut next = self.value.clone();
        if let Some(slot) = next.pointer_mut(at) {
            *slot = value;
        }
        self.set_value(next);
        // A blend the person wrote is theirs; a version someone named wrote keeps its note.
        if self.answered_by(at).is_none() {
            self.note_answer(at);
        }
        let said = crate::i18n::t(self.lang, "form.conflict.chosen", &[]);
        self.announce(said);
        let target = self.first_input(at);
        self.request_focus(target);
        Emit::Both
    }

    fn announce_merge(&mut self, summary: &Summary) {
        let said = if summary.conflicts == 0 {
            crate::i18n::t(self.lang, "form.merge.done", &[])
        } else {
            crate::i18n::tn(
                self.lang,
                "form.merge.conflicts",
                summary.conflicts as u64,
                &[],
            )
        };
        self.announce(said);
    }
}

#[cfg(test)]
mod tests;
