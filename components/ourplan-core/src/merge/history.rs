//! The history every copy carries, and finding the content to merge against.
//!
//! A history is the document's id, the revision it was last checkpointed at, the graph of
//! revisions (each with its parents), the checkpoint's snapshot, snapshots of other recent
//! revisions, open conflicts and notes of things kept. Revision ids are hashes of their parents
//! and content, so the same state reached in two places has the same id, and merging is the same
//! whichever copy does it. What a snapshot holds (`Units`) and how three of them merge is the
//! document's own: a plan's in `plan::merge`, a record's in `record::merge`.

use super::units::{Alts, Entity, Units, norm};
use crate::plan::fingerprint::sha256_hex;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// How a document's three snapshots (ancestor, ours, theirs) merge.
pub(crate) type Merge3 = fn(&Units, &Units, &Units) -> Units;

/// How many snapshots of earlier revisions a copy keeps besides its latest checkpoint: enough
/// for copies passed round a family for months; an older common ancestor falls back to the
/// nearest kept one (more conflicts to settle, nothing lost).
pub const KEPT_SNAPSHOTS: usize = 8;

/// A document's merge history, in memory: in a plan file it is `merge`; a record's copy keeps it
/// beside the value.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// The document's id: copies of one plan (or record) share it.
    pub doc: String,
    /// The revision this copy was last checkpointed at (opened, shared or merged).
    pub rev: String,
    /// Every revision this copy knows, with its parents.
    pub revs: BTreeMap<String, Vec<String>>,
    /// Snapshots of recent revisions.
    pub(crate) bases: BTreeMap<String, Arc<Units>>,
    /// Conflicts the person has not settled yet.
    pub conflicts: Vec<Conflict>,
    /// Blocks and reviews a merge kept although one copy had deleted them (another changed
    /// them): `b:<id>` or `r:<id>`, until the person says keep or remove.
    pub kept: Vec<String>,
    /// The history as the file writes it, kept once written: it changes only when the plan is
    /// checkpointed, merged or settled, not as the person types, so writing the value after a
    /// keystroke does not write the snapshots again. Keyed by what it was written from.
    pub(crate) written: std::sync::OnceLock<(Key, Box<serde_json::value::RawValue>)>,
}

/// What a written history depends on, besides the snapshots (which change only with `rev`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Key {
    rev: String,
    revs: usize,
    bases: usize,
    conflicts: Vec<Conflict>,
    kept: Vec<String>,
}

impl PartialEq for History {
    fn eq(&self, other: &History) -> bool {
        self.doc == other.doc
            && self.rev == other.rev
            && self.revs == other.revs
            && self.bases == other.bases
            && self.conflicts == other.conflicts
            && self.kept == other.kept
    }
}

impl History {
    /// The history as a file writes it, with these conflicts and notes (those still about
    /// something there): written once per state of the history, then kept.
    pub(crate) fn written(
        &self,
        conflicts: Vec<Conflict>,
        kept: Vec<String>,
    ) -> Option<Written<'_>> {
        let key = self.key(&conflicts, &kept);
        if let Some((k, raw)) = self.written.get() {
            if *k == key {
                return Some(Written::Kept(raw));
            }
        }
        let stored = Stored::of(self, conflicts, kept);
        let raw = serde_json::value::to_raw_value(&stored).ok()?;
        // `checkpoint`, `merge` and settling start the cache afresh; a history changed some
        // other way is written fresh each time.
        match self.written.get() {
            None => {
                let _ = self.written.set((key, raw));
                self.written.get().map(|(_, r)| Written::Kept(r))
            }
            Some(_) => Some(Written::Fresh(raw)),
        }
    }

    pub(crate) fn key(&self, conflicts: &[Conflict], kept: &[String]) -> Key {
        Key {
            rev: self.rev.clone(),
            revs: self.revs.len(),
            bases: self.bases.len(),
            conflicts: conflicts.to_vec(),
            kept: kept.to_vec(),
        }
    }
}

/// One open conflict: a value changed differently in two copies. The plan shows the first
/// value until the person chooses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// Where: in a plan the entity (`p` the plan, `b:<id>` a block, `i:<id>` an item, `r:<id>`
    /// a review); in a record, the JSON Pointer of the value.
    pub at: String,
    /// In a plan, the field's JSON name (for the plan's budget, `budget.<name>`); in a record,
    /// empty.
    pub field: String,
    /// The values, each kept exactly as its copy had it.
    pub values: Vec<Value>,
}

/// What a merge did, for a summary in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Blocks, items and reviews the other copy added.
    pub added: usize,
    /// Blocks, items and reviews the other copy changed (and the plan's own details).
    pub changed: usize,
    /// Blocks, items and reviews the other copy removed.
    pub removed: usize,
    /// Conflicts now open (new ones, and any still open from before).
    pub conflicts: usize,
    /// Things kept although one copy deleted them.
    pub kept: usize,
    /// The other copy held nothing this one did not.
    pub nothing_new: bool,
}

/// Why two plans were not merged.
#[derive(Debug, Clone, PartialEq)]
pub enum MergeError {
    /// The other file is a copy of a different plan (its document id differs).
    OtherDocument,
    /// The merged units did not make a plan (a fault in the kit, reported, never applied).
    Broken(String),
}

fn revision(parents: &[String], units: &Units) -> String {
    let text = serde_json::to_string(&units.0).unwrap_or_default();
    let input = format!("{}\n{text}", parents.join(","));
    sha256_hex(input.as_bytes())[..16].to_owned()
}

/// This copy's head: its checkpoint if unchanged since, otherwise a working revision whose
/// parent is the checkpoint (the same id a checkpoint of this state would get).
fn head(history: &History, units: &Units) -> (String, Option<Vec<String>>) {
    if history.bases.get(&history.rev).map(|b| **b == *units) == Some(true) {
        return (history.rev.clone(), None);
    }
    let parents = if history.rev.is_empty() {
        Vec::new()
    } else {
        vec![history.rev.clone()]
    };
    (revision(&parents, units), Some(parents))
}

fn ancestors(revs: &BTreeMap<String, Vec<String>>, from: &[&String]) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = from.iter().map(|s| (*s).clone()).collect();
    while let Some(id) = stack.pop() {
        if seen.insert(id.clone()) {
            if let Some(parents) = revs.get(&id) {
                stack.extend(parents.iter().cloned());
            }
        }
    }
    seen
}

/// The best common ancestors of `a` and `b`: common ancestors no other common one descends from.
fn best_common(revs: &BTreeMap<String, Vec<String>>, a: &String, b: &String) -> Vec<String> {
    let of_a = ancestors(revs, &[a]);
    let of_b = ancestors(revs, &[b]);
    let common: Vec<&String> = of_a.intersection(&of_b).collect();
    let parents: Vec<&String> = common
        .iter()
        .filter_map(|c| revs.get(*c))
        .flatten()
        .collect();
    let below = ancestors(revs, &parents);
    common
        .into_iter()
        .filter(|c| !below.contains(*c))
        .cloned()
        .collect()
}

/// The content of the ancestor to merge against. Several best common ancestors (copies that
/// crossed) are merged into one first, as git's recursive merge does; an ancestor whose
/// snapshot was not kept is replaced by its nearest kept ancestors; none at all is an empty plan.
fn base_of(
    revs: &BTreeMap<String, Vec<String>>,
    bases: &BTreeMap<String, Arc<Units>>,
    mut ids: Vec<String>,
    depth: usize,
    merge3: Merge3,
) -> Arc<Units> {
    // Replace unkept snapshots by their nearest kept ancestors.
    let mut kept = BTreeSet::new();
    let mut stack = ids.clone();
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if bases.contains_key(&id) {
            kept.insert(id);
        } else if let Some(parents) = revs.get(&id) {
            stack.extend(parents.iter().cloned());
        }
    }
    ids = kept.into_iter().collect();
    // Drop any that is an ancestor of another.
    let all: Vec<&String> = ids.iter().collect();
    let mut below = BTreeSet::new();
    for id in &all {
        let parents: Vec<&String> = revs
            .get(*id)
            .map(|p| p.iter().collect())
            .unwrap_or_default();
        below.extend(ancestors(revs, &parents));
    }
    ids.retain(|id| !below.contains(id));
    ids.sort();
    let mut iter = ids.into_iter();
    let Some(first) = iter.next() else {
        return Arc::default();
    };
    let mut acc_id = first.clone();
    // Snapshots are shared, never copied: a merge reads them and makes a new one.
    let mut acc: Arc<Units> = bases.get(&first).cloned().unwrap_or_default();
    for next in iter {
        let other = bases.get(&next).cloned().unwrap_or_default();
        let o = if depth >= 4 {
            Arc::default()
        } else {
            let common = best_common(revs, &acc_id, &next);
            base_of(revs, bases, common, depth + 1, merge3)
        };
        acc = Arc::new(merge3(&o, &acc, &other));
        acc_id = next;
    }
    acc
}

/// Keeps the checkpoint's snapshot, those of `also`, and the newest others up to
/// [`KEPT_SNAPSHOTS`] (newest by their distance from the first revision).
fn prune(history: &mut History, also: &[String]) {
    if history.bases.len() <= KEPT_SNAPSHOTS + 1 {
        return;
    }
    let mut generation: BTreeMap<String, usize> = BTreeMap::new();
    fn gen_of(
        id: &str,
        revs: &BTreeMap<String, Vec<String>>,
        memo: &mut BTreeMap<String, usize>,
    ) -> usize {
        // Iterative, so a long history cannot overflow the stack.
        let mut stack = vec![id.to_owned()];
        while let Some(top) = stack.last().cloned() {
            if memo.contains_key(&top) {
                stack.pop();
                continue;
            }
            let parents = revs.get(&top).cloned().unwrap_or_default();
            let missing: Vec<String> = parents
                .iter()
                .filter(|p| !memo.contains_key(*p) && revs.contains_key(*p))
                .cloned()
                .collect();
            if missing.is_empty() {
                let g = parents
                    .iter()
                    .filter_map(|p| memo.get(p))
                    .max()
                    .map_or(0, |g| g + 1);
                memo.insert(top, g);
                stack.pop();
            } else if stack.len() > revs.len() + 1 {
                memo.insert(top, 0);
                stack.pop();
            } else {
                stack.extend(missing);
            }
        }
        memo.get(id).copied().unwrap_or(0)
    }
    let mut ranked: Vec<(usize, String)> = history
        .bases
        .keys()
        .filter(|id| **id != history.rev && !also.contains(id))
        .map(|id| (gen_of(id, &history.revs, &mut generation), id.clone()))
        .collect();
    ranked.sort_by(|a, b| b.cmp(a));
    let room = KEPT_SNAPSHOTS.saturating_sub(also.len());
    for (_, id) in ranked.into_iter().skip(room) {
        history.bases.remove(&id);
    }
}

/// The merge history as the file keeps it: the checkpoint's snapshot in full (`base`), the other
/// snapshots as differences from it, so a host that edits the plan's fields and keeps `merge`
/// cannot change what the snapshots say.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Stored {
    doc: String,
    rev: String,
    #[serde(default)]
    revs: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    base: Option<BTreeMap<String, Entity>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    bases: BTreeMap<String, Delta>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    conflicts: Vec<Conflict>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    kept: Vec<String>,
}

/// A written history: the one kept, or one written just now.
pub(crate) enum Written<'a> {
    Kept(&'a serde_json::value::RawValue),
    Fresh(Box<serde_json::value::RawValue>),
}

impl Serialize for Written<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Written::Kept(raw) => raw.serialize(serializer),
            Written::Fresh(raw) => raw.serialize(serializer),
        }
    }
}

impl Stored {
    /// The history for the file.
    pub(crate) fn of(history: &History, conflicts: Vec<Conflict>, kept: Vec<String>) -> Stored {
        let empty = Units::default();
        let anchor = history.bases.get(&history.rev).map_or(&empty, |b| &**b);
        let bases = history
            .bases
            .iter()
            .filter(|(id, _)| **id != history.rev)
            .map(|(id, base)| (id.clone(), delta(anchor, base)))
            .collect();
        Stored {
            doc: history.doc.clone(),
            rev: history.rev.clone(),
            revs: history.revs.clone(),
            base: history.bases.get(&history.rev).map(|b| b.0.clone()),
            bases,
            conflicts,
            kept,
        }
    }

    /// The history in memory.
    pub(crate) fn into_history(self) -> History {
        let mut bases: BTreeMap<String, Arc<Units>> = BTreeMap::new();
        let anchor = self.base.map(|b| {
            Units(
                b.into_iter()
                    .map(|(k, e)| {
                        (
                            k,
                            e.into_iter()
                                .map(|(f, a)| (f, a.into_iter().map(norm).collect()))
                                .collect(),
                        )
                    })
                    .collect(),
            )
        });
        let empty = Units::default();
        for (id, d) in self.bases {
            bases.insert(id, Arc::new(apply(anchor.as_ref().unwrap_or(&empty), d)));
        }
        if let Some(anchor) = anchor {
            bases.insert(self.rev.clone(), Arc::new(anchor));
        }
        History {
            doc: self.doc,
            rev: self.rev,
            revs: self.revs,
            bases,
            conflicts: self.conflicts,
            kept: self.kept,
            written: Default::default(),
        }
    }
}

type Delta = BTreeMap<String, Option<BTreeMap<String, Option<Alts>>>>;

/// How `base` differs from `content` (here, the checkpoint's snapshot): per entity, `null` if the base lacks it, otherwise the
/// fields that differ (`null` for a field the base lacks).
fn delta(content: &Units, base: &Units) -> Delta {
    let mut out = Delta::new();
    for (key, entity) in &base.0 {
        match content.0.get(key) {
            Some(now) if now == entity => {}
            Some(now) => {
                let mut fields: BTreeMap<String, Option<Alts>> = BTreeMap::new();
                for (field, alts) in entity {
                    if now.get(field) != Some(alts) {
                        fields.insert(field.clone(), Some(alts.clone()));
                    }
                }
                for field in now.keys() {
                    if !entity.contains_key(field) {
                        fields.insert(field.clone(), None);
                    }
                }
                out.insert(key.clone(), Some(fields));
            }
            None => {
                out.insert(
                    key.clone(),
                    Some(
                        entity
                            .iter()
                            .map(|(f, a)| (f.clone(), Some(a.clone())))
                            .collect(),
                    ),
                );
            }
        }
    }
    for key in content.0.keys() {
        if !base.0.contains_key(key) {
            out.insert(key.clone(), None);
        }
    }
    out
}

fn apply(content: &Units, delta: Delta) -> Units {
    let mut out = content.clone();
    for (key, change) in delta {
        match change {
            None => {
                out.0.remove(&key);
            }
            Some(fields) => {
                let entity: &mut Entity = out.0.entry(key).or_default();
                for (field, value) in fields {
                    match value {
                        Some(alts) => {
                            entity.insert(field, alts.into_iter().map(norm).collect());
                        }
                        None => {
                            entity.remove(&field);
                        }
                    }
                }
            }
        }
    }
    out
}

/// A new history whose first revision is `units`, its document id the hash of it.
fn start(units: Arc<Units>) -> History {
    let id = revision(&[], &units);
    let mut history = History {
        doc: format!("d{id}"),
        rev: id.clone(),
        ..History::default()
    };
    history.revs.insert(id.clone(), Vec::new());
    history.bases.insert(id, units);
    history
}

/// Marks `units` as a revision others may later share (see the plan's and record's
/// `checkpoint`). Nothing changes if the history is already at this state.
pub(crate) fn checkpoint_units(history: &mut Option<History>, units: Units) {
    let Some(history) = history.as_mut() else {
        *history = Some(start(Arc::new(units)));
        return;
    };
    if history.bases.get(&history.rev).map(|b| **b == units) == Some(true) {
        return;
    }
    let parents = vec![history.rev.clone()];
    let id = revision(&parents, &units);
    history.written = Default::default();
    history.revs.insert(id.clone(), parents);
    history.bases.insert(id.clone(), Arc::new(units));
    history.rev = id;
    prune(history, &[]);
}

/// What [`combine`] found.
pub(crate) enum Combined {
    /// Theirs holds nothing ours does not.
    Nothing,
    /// The merged content, and its history (the caller fills in conflicts and kept notes).
    Content {
        units: Arc<Units>,
        history: Box<History>,
    },
}

/// Combines two copies' contents against their common ancestor, found from both histories (a
/// copy without one starts one). The result is the same whichever copy is `ours`.
/// `other_document` allows copies of different documents; otherwise they are refused. Contents
/// are shared, never copied: a 500-block plan's are tens of thousands of values.
pub(crate) fn combine(
    ours: (Option<&History>, Arc<Units>),
    theirs: (Option<&History>, Arc<Units>),
    other_document: bool,
    merge3: Merge3,
) -> Result<Combined, MergeError> {
    let (started_a, started_b);
    let ha = match ours.0 {
        Some(h) => h,
        None => {
            started_a = start(ours.1.clone());
            &started_a
        }
    };
    let hb = match theirs.0 {
        Some(h) => h,
        None => {
            started_b = start(theirs.1.clone());
            &started_b
        }
    };
    if ha.doc != hb.doc && !other_document {
        return Err(MergeError::OtherDocument);
    }
    let (ua, ub) = (ours.1, theirs.1);
    let (head_a, working_a) = head(ha, &ua);
    let (head_b, working_b) = head(hb, &ub);
    let mut revs = ha.revs.clone();
    revs.extend(hb.revs.clone());
    let mut bases = ha.bases.clone();
    bases.extend(hb.bases.clone());
    if let Some(parents) = working_a {
        revs.insert(head_a.clone(), parents);
    }
    if let Some(parents) = working_b {
        revs.insert(head_b.clone(), parents);
    }
    bases.insert(head_a.clone(), ua.clone());
    bases.insert(head_b.clone(), ub.clone());
    let doc = std::cmp::min(ha.doc.clone(), hb.doc.clone());

    let of_a = ancestors(&revs, &[&head_a]);
    let of_b = ancestors(&revs, &[&head_b]);
    let (units, rev) = if of_a.contains(&head_b) {
        return Ok(Combined::Nothing);
    } else if of_b.contains(&head_a) {
        (ub, head_b.clone())
    } else {
        let common = best_common(&revs, &head_a, &head_b);
        let o = base_of(&revs, &bases, common, 0, merge3);
        let merged = merge3(&o, &ua, &ub);
        let mut parents = vec![head_a.clone(), head_b.clone()];
        parents.sort();
        let id = revision(&parents, &merged);
        revs.insert(id.clone(), parents);
        (Arc::new(merged), id)
    };
    bases.insert(rev.clone(), units.clone());
    let mut history = History {
        doc,
        rev,
        revs,
        bases,
        ..History::default()
    };
    prune(&mut history, &[head_a, head_b]);
    Ok(Combined::Content {
        units,
        history: Box::new(history),
    })
}
