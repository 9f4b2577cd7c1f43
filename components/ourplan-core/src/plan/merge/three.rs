//! The three-way merge of two copies' units against their common ancestor's.
//!
//! Per unit: the same on both sides, or changed on one side only, is taken; changed on both
//! sides to different values keeps both as alternatives (a conflict the person settles). Per
//! entity: added on either side is kept; deleted on one side and unchanged on the other goes;
//! deleted on one side and changed on the other is kept, with a note asking the person. Where
//! things sit is merged as "which block comes before me", measured against the ancestor, so
//! blocks added on both sides at one place all stay there; a block moved on both sides lands in
//! one place chosen the same way whichever copy merges. Nothing is ever placed twice or lost.

use super::super::document::{Kind, MAX_DEPTH};
use super::super::kinds::FieldType;
use super::units::{PLAN, POS, block_key};
use crate::merge::units::{Alts, Entity, Units, one, order, set, union};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// A container: `"b:"` with `[parent]`, or `"i:"` with `[block, field]` (as JSON text, to sort).
type Container = (&'static str, String);
/// A container's members: id and previous sibling.
type Members = Vec<(String, Option<String>)>;

/// Merges `a` and `b`, whose common ancestor is `o`.
pub(crate) fn merge3(o: &Units, a: &Units, b: &Units) -> Units {
    let in_o = sequences(o);
    let a = against(o, &in_o, a);
    let b = against(o, &in_o, b);
    let mut out: BTreeMap<String, Entity> = BTreeMap::new();
    let mut notes: BTreeSet<String> = BTreeSet::new();
    let keys: BTreeSet<&String> = set(o.0.keys().chain(a.units.0.keys()).chain(b.units.0.keys()));
    for key in keys {
        let (eo, ea, eb) = (o.0.get(key), a.get(key), b.get(key));
        match (eo, ea, eb) {
            (_, Some(ea), Some(eb)) => {
                out.insert(key.clone(), entity3(eo, &ea, &eb));
            }
            (None, Some(e), None) | (None, None, Some(e)) => {
                out.insert(key.clone(), e.into_owned());
            }
            (Some(eo), Some(e), None) | (Some(eo), None, Some(e))
                if changed(eo, &e) && !key.starts_with("n:") =>
            {
                notes.insert(noted(key, &e));
                out.insert(key.clone(), e.into_owned());
            }
            _ => {}
        }
    }
    // An item kept inside a block that one side deleted brings the block back, as the other
    // side had it (items are the block's content, and never move between blocks). A block kept
    // inside a section that one side deleted takes the section's place instead, so whether a
    // section survives never depends on which copy's move a merge saw first.
    loop {
        let mut missing: Vec<(String, Entity)> = Vec::new();
        for (key, entity) in &out {
            if !key.starts_with("i:") {
                continue;
            }
            let Some(parent) = container_of(key, entity) else {
                continue;
            };
            if out.contains_key(&parent) {
                continue;
            }
            if let Some(e) = a.get(&parent).or_else(|| b.get(&parent)) {
                missing.push((parent, e.into_owned()));
            }
        }
        if missing.is_empty() {
            break;
        }
        for (key, entity) in missing {
            notes.insert(noted(&key, &entity));
            out.insert(key, entity);
        }
    }
    let orphans: Vec<String> = out
        .iter()
        .filter(|(key, entity)| {
            key.starts_with("b:")
                && container_of(key, entity).is_some_and(|p| !out.contains_key(&p))
        })
        .map(|(key, _)| key.clone())
        .collect();
    for key in orphans {
        let mut pos = out.get(&key).map(pos_of).unwrap_or_default();
        let mut steps = 0;
        while let Some(parent) = pos.first().and_then(Value::as_str).map(block_key) {
            if out.contains_key(&parent) || steps > MAX_DEPTH + 1 {
                break;
            }
            steps += 1;
            // The deleted section's own place, as the ancestor knew it.
            pos =
                o.0.get(&parent)
                    .map(pos_of)
                    .or_else(|| a.get(&parent).map(|e| pos_of(&e)))
                    .or_else(|| b.get(&parent).map(|e| pos_of(&e)))
                    .unwrap_or_else(|| vec![Value::Null, Value::Null]);
        }
        if let Some(e) = out.get_mut(&key) {
            e.insert(POS.into(), one(Value::Array(pos)));
        }
    }
    // Notes about something now gone (deleted after a merge had kept it) go with it.
    let gone: Vec<String> = out
        .keys()
        .filter(|k| k.strip_prefix("n:").is_some_and(|at| !out.contains_key(at)))
        .cloned()
        .collect();
    for key in gone {
        out.remove(&key);
    }
    for note in notes {
        let mut entity = Entity::new();
        entity.insert(POS.into(), one(Value::Bool(true)));
        out.insert(format!("n:{note}"), entity);
    }
    settle_auto(&mut out);
    let mut units = Units(out);
    place(&mut units, o, &in_o);
    units
}

/// Whether a side changed an entity's content. Where it sits does not count: a block one copy
/// moved and another deleted goes (no words are lost by that). Whether something survives then
/// depends only on what was written, which every order of merging sees alike.
fn changed(o: &Entity, side: &Entity) -> bool {
    o.len() != side.len() || o.iter().any(|(k, v)| k != POS && side.get(k) != Some(v))
}

/// The merge of one entity present on both sides.
fn entity3(o: Option<&Entity>, a: &Entity, b: &Entity) -> Entity {
    let mut out = Entity::new();
    let fields: BTreeSet<&String> = set(a.keys().chain(b.keys()));
    for field in fields {
        let fo = o.and_then(|e| e.get(field));
        let (fa, fb) = (a.get(field), b.get(field));
        let value = if fa == fb {
            fa.cloned()
        } else if fa == fo {
            fb.cloned()
        } else if fb == fo {
            fa.cloned()
        } else {
            Some(union(fa.unwrap_or(&Vec::new()), fb.unwrap_or(&Vec::new())))
        };
        if let Some(value) = value {
            out.insert(field.clone(), value);
        }
    }
    out
}

/// Which entity a note names: a block or review itself; for an item, its block.
fn noted(key: &str, entity: &Entity) -> String {
    if key.starts_with("i:") {
        if let Some(block) = container_of(key, entity) {
            return block;
        }
    }
    key.to_owned()
}

/// The entity holding this one: a block's section, an item's block.
fn container_of(key: &str, entity: &Entity) -> Option<String> {
    let pos = entity.get(POS)?.first()?.as_array()?;
    let parent = pos.first()?.as_str()?;
    if key.starts_with("b:") || key.starts_with("i:") {
        Some(block_key(parent))
    } else {
        None
    }
}

/// Whether a field's conflict is shown to the person (their words, money, ticks), rather than
/// settled the same way by every copy (places, kinds, the id counter, sign-off, unknown fields).
pub(crate) fn shown(key: &str, field: &str, entity: &Entity) -> bool {
    if field == POS {
        return false;
    }
    if key == PLAN {
        return field == "title" || field == "complex" || field.starts_with("budget.");
    }
    if key.starts_with("i:") {
        return field == "text" || field == "done";
    }
    if key.starts_with("r:") {
        return matches!(field, "date" | "by" | "working" | "notWorking" | "changes");
    }
    if key.starts_with("b:") {
        let kind = entity
            .get("kind")
            .and_then(|a| a.first())
            .and_then(Value::as_str)
            .and_then(Kind::from_name);
        return kind
            .and_then(|k| k.field(field))
            .is_some_and(|f| !matches!(f.ty, FieldType::Items | FieldType::Children));
    }
    false
}

/// Settles every conflict the person is not shown: the highest id counter, otherwise the
/// greatest value in JSON's text order (the same choice in every copy).
fn settle_auto(out: &mut BTreeMap<String, Entity>) {
    for (key, entity) in out.iter_mut() {
        if entity.values().all(|a| a.len() < 2) {
            continue;
        }
        let snapshot = entity.clone();
        for (field, alts) in entity.iter_mut() {
            if alts.len() < 2 || shown(key, field, &snapshot) {
                continue;
            }
            let chosen = if key == PLAN && field == "nextId" {
                alts.iter().max_by_key(|v| v.as_u64().unwrap_or(0)).cloned()
            } else {
                alts.iter().max_by_key(|v| v.to_string()).cloned()
            };
            *alts = chosen.into_iter().collect();
        }
    }
}

/// `side`'s units with each block's and item's place measured against `o`. Per container, the
/// longest run of siblings the side kept in the ancestor's order did not move (one block moved
/// down past another is one move, not two); those keep the ancestor's place exactly. The rest,
/// and anything that changed container, moved: they keep their place in the side, named by
/// the sibling just before them.
/// A side's units as [`against`] measures them: the side's own, with the places it changes.
struct Side<'a> {
    units: &'a Units,
    /// The ancestor's place, for entities that did not move but whose place reads differently.
    pos: BTreeMap<String, Alts>,
}

impl<'a> Side<'a> {
    /// The entity under `key`, with its place as measured (copied only where that differs).
    fn get(&self, key: &str) -> Option<Cow<'a, Entity>> {
        let entity = self.units.0.get(key)?;
        Some(match self.pos.get(key) {
            Some(pos) => {
                let mut e = entity.clone();
                e.insert(POS.into(), pos.clone());
                Cow::Owned(e)
            }
            None => Cow::Borrowed(entity),
        })
    }
}

fn against<'a>(o: &Units, in_o: &BTreeMap<Container, Vec<String>>, side: &'a Units) -> Side<'a> {
    let in_side = sequences(side);
    let mut out = Side {
        units: side,
        pos: BTreeMap::new(),
    };
    for (container, members) in &in_side {
        let Some(before) = in_o.get(container) else {
            continue;
        };
        let here: BTreeSet<&String> = set(members.iter());
        let there: BTreeSet<&String> = set(before.iter());
        let old: Vec<&String> = before.iter().filter(|id| here.contains(id)).collect();
        let now: Vec<&String> = members.iter().filter(|id| there.contains(id)).collect();
        // Ids are unique, so the longest common subsequence of the two orders is the longest
        // increasing run of ancestor positions, in the side's order (n log n).
        let mut at: BTreeMap<&String, usize> = BTreeMap::new();
        for (i, id) in old.iter().enumerate() {
            at.insert(*id, i);
        }
        let positions: Vec<usize> = now.iter().filter_map(|id| at.get(id).copied()).collect();
        let unmoved: BTreeSet<&String> =
            set(longest_increasing(&positions).into_iter().map(|i| now[i]));
        for id in unmoved {
            let key = format!("{}{id}", container.0);
            let was = o.0.get(&key).and_then(|e| e.get(POS));
            let now = side.0.get(&key).map(|e| e.get(POS));
            if let (Some(was), Some(now)) = (was, now) {
                if now != Some(was) {
                    out.pos.insert(key, was.clone());
                }
            }
        }
    }
    out
}

/// The indices of a longest strictly increasing subsequence of `seq` (patience sorting, with
/// links back; among equally long ones, the one ending earliest).
pub(crate) fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    // tails[k]: the index in `seq` ending the best run of length k + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &v) in seq.iter().enumerate() {
        let k = tails.partition_point(|&t| seq[t] < v);
        back[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut current = tails.last().copied();
    while let Some(i) = current {
        out.push(i);
        current = back[i];
    }
    out.reverse();
    out
}

/// A block's or item's key split into its prefix and id; `None` for anything that has no place.
fn placed(key: &str) -> Option<(&'static str, &str)> {
    if let Some(id) = key.strip_prefix("b:") {
        Some(("b:", id))
    } else {
        key.strip_prefix("i:").map(|id| ("i:", id))
    }
}

/// Each container's members in order: `("b:", parent)` for blocks, `("i:", [block, field])`
/// for items.
fn sequences(units: &Units) -> BTreeMap<Container, Vec<String>> {
    let mut members: BTreeMap<Container, Members> = BTreeMap::new();
    for (key, entity) in &units.0 {
        let Some((prefix, id)) = placed(key) else {
            continue;
        };
        let mut pos = pos_of(entity);
        let Some(previous) = pos.pop() else { continue };
        members
            .entry((prefix, container_key(&pos)))
            .or_default()
            .push((id.to_owned(), previous.as_str().map(str::to_owned)));
    }
    members
        .into_iter()
        .map(|(k, v)| (k, order(v, &BTreeSet::new())))
        .collect()
}

/// A container's key: its parent (and field) ids, joined by a character no id has.
fn container_key(pos: &[Value]) -> String {
    let mut key = String::new();
    for part in pos {
        key.push_str(part.as_str().unwrap_or("\u{1}"));
        key.push('\u{0}');
    }
    key
}

fn pos_of(entity: &Entity) -> Vec<Value> {
    entity
        .get(POS)
        .and_then(|a| a.first())
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn text_at(pos: &[Value], i: usize) -> Option<String> {
    pos.get(i).and_then(Value::as_str).map(str::to_owned)
}

/// Puts every block and item in one place: sections hold blocks (never in a loop, never deeper
/// than [`MAX_DEPTH`]), each container in order, and writes each one's actual previous sibling.
///
/// Order: what neither side moved keeps the ancestor's order (each after the last such sibling
/// before it there); what was added or moved goes after the sibling it followed in its copy,
/// before the unmoved one that follows that sibling.
fn place(units: &mut Units, o: &Units, in_o: &BTreeMap<Container, Vec<String>>) {
    let kind_of = |units: &Units, id: &str| {
        units
            .0
            .get(&block_key(id))
            .and_then(|e| e.get("kind"))
            .and_then(|a| a.first())
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    // Blocks: parents first.
    let mut parent: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (key, entity) in &units.0 {
        if let Some(id) = key.strip_prefix("b:") {
            let pos = pos_of(entity);
            let p = text_at(&pos, 0)
                .filter(|p| kind_of(units, p).as_deref() == Some("section") && p != id);
            parent.insert(id.to_owned(), p);
        }
    }
    // Loops of sections: the smallest id in a loop goes to the top.
    let ids: Vec<String> = parent.keys().cloned().collect();
    for id in &ids {
        let mut seen = vec![id.clone()];
        let mut current = parent.get(id).cloned().flatten();
        while let Some(p) = current {
            if let Some(at) = seen.iter().position(|s| *s == p) {
                let smallest = seen[at..].iter().min().cloned().unwrap_or(p);
                parent.insert(smallest, None);
                break;
            }
            seen.push(p.clone());
            current = parent.get(&p).cloned().flatten();
        }
    }
    // Too deep: to the top.
    for id in &ids {
        let mut depth = 0;
        let mut current = parent.get(id).cloned().flatten();
        while let Some(p) = current {
            depth += 1;
            current = parent.get(&p).cloned().flatten();
        }
        if depth > MAX_DEPTH {
            parent.insert(id.clone(), None);
        }
    }
    for (key, entity) in units.0.iter_mut() {
        if let Some(id) = key.strip_prefix("b:") {
            let mut pos = pos_of(entity);
            if pos.len() == 2 {
                pos[0] = parent
                    .get(id)
                    .cloned()
                    .flatten()
                    .map_or(Value::Null, Value::String);
                entity.insert(POS.into(), one(Value::Array(pos)));
            }
        }
    }

    let settled = sequences_with(units, o, in_o);
    for ((prefix, container), ordered) in settled {
        let mut before: Option<String> = None;
        for id in ordered {
            if let Some(e) = units.0.get_mut(&format!("{prefix}{id}")) {
                let mut pos = container.clone();
                pos.push(before.clone().map_or(Value::Null, Value::String));
                e.insert(POS.into(), one(Value::Array(pos)));
            }
            before = Some(id);
        }
    }
}

/// The merged containers in order (see [`place`]).
#[allow(clippy::type_complexity)]
fn sequences_with(
    units: &Units,
    o: &Units,
    in_o: &BTreeMap<Container, Vec<String>>,
) -> Vec<((&'static str, Vec<Value>), Vec<String>)> {
    let mut members: BTreeMap<Container, Vec<(String, Option<String>, bool)>> = BTreeMap::new();
    let mut containers: BTreeMap<Container, Vec<Value>> = BTreeMap::new();
    for (key, entity) in &units.0 {
        let Some((prefix, id)) = placed(key) else {
            continue;
        };
        let mut pos = pos_of(entity);
        let unmoved = o.0.get(key).map(pos_of).as_ref() == Some(&pos);
        let Some(previous) = pos.pop() else { continue };
        let key = (prefix, container_key(&pos));
        containers.insert(key.clone(), pos);
        members.entry(key).or_default().push((
            id.to_owned(),
            previous.as_str().map(str::to_owned),
            unmoved,
        ));
    }
    let mut out = Vec::new();
    for (container, list) in members {
        let skeleton: BTreeSet<&String> = set(list.iter().filter(|m| m.2).map(|m| &m.0));
        // Unmoved members follow the last unmoved sibling before them in the ancestor.
        let mut skeleton_previous: BTreeMap<&String, Option<String>> = BTreeMap::new();
        if let Some(seq) = in_o.get(&container) {
            let mut last: Option<String> = None;
            for id in seq {
                if skeleton.contains(id) {
                    skeleton_previous.insert(id, last.clone());
                    last = Some(id.clone());
                }
            }
        }
        let moved: BTreeSet<String> = set(list.iter().filter(|m| !m.2).map(|m| m.0.clone()));
        let anchored: Vec<(String, Option<String>)> = list
            .iter()
            .map(|(id, previous, unmoved)| {
                let anchor = if *unmoved {
                    skeleton_previous.get(id).cloned().flatten()
                } else {
                    previous.clone()
                };
                (id.clone(), anchor)
            })
            .collect();
        let anchored = reanchor(anchored, o, container.0);
        let ordered = order(anchored, &moved);
        let value = containers.get(&container).cloned().unwrap_or_default();
        out.push(((container.0, value), ordered));
    }
    out
}

/// A member whose previous sibling is not in this container follows, instead, the nearest
/// earlier sibling that previous one had in the ancestor and that is here.
fn reanchor(
    members: Vec<(String, Option<String>)>,
    o: &Units,
    prefix: &str,
) -> Vec<(String, Option<String>)> {
    let here: BTreeSet<String> = set(members.iter().map(|(id, _)| id.clone()));
    members
        .into_iter()
        .map(|(id, anchor)| {
            let mut anchor = anchor;
            let mut steps = 0;
            while let Some(a) = anchor.clone() {
                if here.contains(&a) || steps > o.0.len() {
                    break;
                }
                steps += 1;
                anchor =
                    o.0.get(&format!("{prefix}{a}"))
                        .map(pos_of)
                        .and_then(|p| p.last().and_then(Value::as_str).map(str::to_owned));
            }
            (id, anchor)
        })
        .collect()
}
