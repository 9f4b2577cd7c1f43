//! A plan taken apart into units, and put back together.
//!
//! A unit is one value the merge compares on its own: a block's text, a budget line's cost, an
//! item's tick, a review's date, the plan's title, and where each block and item sits. Units are
//! grouped by entity (`p` for the plan itself, `b:<id>` for a block, `i:<id>` for an item,
//! `r:<id>` for a review, `n:<entity>` for a note that a merge kept something one copy deleted).
//!
//! A unit holds one value, or several while a conflict between copies is open: the
//! alternatives, sorted, so that two copies holding the same alternatives hold the same unit.

use super::super::document::{Block, Kind, MAX_DEPTH, Plan};
use super::super::kinds::FieldType;
use crate::merge::units::{Alts, Entity, Units, norm, one, order, union};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Where an entity sits: `[parent, previous]` for a block, `[block, field, previous]` for an
/// item, `[true]` for a review or a note.
pub(crate) const POS: &str = "@";
/// The plan itself.
pub(crate) const PLAN: &str = "p";

/// The entity key of a block.
pub(crate) fn block_key(id: &str) -> String {
    format!("b:{id}")
}

/// The entity key of an item.
pub(crate) fn item_key(id: &str) -> String {
    format!("i:{id}")
}

/// The plan as units, with its open conflicts as alternatives and its notes as entities.
pub(crate) fn flatten(plan: &Plan) -> Units {
    let mut units = BTreeMap::new();
    let mut top = Entity::new();
    top.insert("title".into(), one(Value::String(plan.title.clone())));
    top.insert("complex".into(), one(Value::Bool(plan.complex)));
    top.insert(
        "signoff".into(),
        one(serde_json::to_value(&plan.signoff).unwrap_or(Value::Null)),
    );
    top.insert("nextId".into(), one(Value::from(plan.next_id)));
    if let Ok(Value::Object(budget)) = serde_json::to_value(&plan.budget) {
        for (key, value) in budget {
            top.insert(format!("budget.{key}"), one(value));
        }
    }
    for (key, value) in &plan.extra {
        top.insert(format!("x.{key}"), one(value.clone()));
    }
    units.insert(PLAN.to_owned(), top);
    flatten_blocks(&plan.blocks, None, &mut units);
    for review in &plan.reviews {
        let mut entity = Entity::new();
        entity.insert(POS.into(), one(Value::Bool(true)));
        if let Ok(Value::Object(map)) = serde_json::to_value(review) {
            for (key, value) in map {
                if key != "id" {
                    entity.insert(key, one(value));
                }
            }
        }
        units.insert(format!("r:{}", review.id), entity);
    }
    if let Some(history) = &plan.merge {
        for conflict in &super::conflicts(plan) {
            if let Some(slot) = units
                .get_mut(&conflict.at)
                .and_then(|e| e.get_mut(&conflict.field))
            {
                let values: Alts = conflict.values.iter().cloned().map(norm).collect();
                *slot = union(slot, &union(&values, &Vec::new()));
            }
        }
        let kept: Vec<&String> = history
            .kept
            .iter()
            .filter(|k| units.contains_key(*k))
            .collect();
        for kept in kept {
            let mut note = Entity::new();
            note.insert(POS.into(), one(Value::Bool(true)));
            units.insert(format!("n:{kept}"), note);
        }
    }
    Units(units)
}

fn flatten_blocks(blocks: &[Block], parent: Option<&str>, units: &mut BTreeMap<String, Entity>) {
    let mut previous: Option<&str> = None;
    for block in blocks {
        let mut entity = Entity::new();
        entity.insert(POS.into(), one(serde_json::json!([parent, previous])));
        let kind = block.kind();
        if let Ok(Value::Object(map)) = serde_json::to_value(block) {
            for (key, value) in map {
                match kind.field(&key).map(|f| f.ty) {
                    _ if key == "id" => {}
                    Some(FieldType::Children) if kind != Kind::Unknown => {}
                    Some(FieldType::Items) if kind != Kind::Unknown => {
                        flatten_items(&block.id, &key, value, units);
                    }
                    _ => {
                        entity.insert(key, one(value));
                    }
                }
            }
        }
        units.insert(block_key(&block.id), entity);
        flatten_blocks(block.body.children(), Some(&block.id), units);
        previous = Some(&block.id);
    }
}

fn flatten_items(block: &str, field: &str, list: Value, units: &mut BTreeMap<String, Entity>) {
    let Value::Array(items) = list else { return };
    let mut previous: Option<String> = None;
    for item in items {
        let Value::Object(map) = item else { continue };
        let Some(Value::String(id)) = map.get("id").cloned() else {
            continue;
        };
        let mut entity = Entity::new();
        entity.insert(POS.into(), one(serde_json::json!([block, field, previous])));
        for (key, value) in map {
            if key != "id" {
                entity.insert(key, one(value));
            }
        }
        units.insert(item_key(&id), entity);
        previous = Some(id);
    }
}

/// What [`unflatten`] gives back: the plan's content, and what stays open.
pub(crate) struct Rebuilt {
    /// The plan, without merge history.
    pub plan: Plan,
    /// Units with more than one alternative: (entity, field, alternatives).
    pub conflicts: Vec<(String, String, Alts)>,
    /// Entities a merge kept although one copy had deleted them.
    pub kept: Vec<String>,
}

/// The plan these units describe. `like` gives the format and version. Positions are followed
/// as they are: a block whose place cannot be followed goes to the end of the plan, never away.
pub(crate) fn unflatten(units: &Units, like: &Plan) -> Result<Rebuilt, String> {
    let mut conflicts = Vec::new();
    let mut kept = Vec::new();
    let first = |alts: &Alts| alts.first().cloned().unwrap_or(Value::Null);
    for (key, entity) in &units.0 {
        if let Some(rest) = key.strip_prefix("n:") {
            kept.push(rest.to_owned());
            continue;
        }
        for (field, alts) in entity {
            if alts.len() > 1 {
                conflicts.push((key.clone(), field.clone(), alts.clone()));
            }
        }
    }

    // The plan's own fields.
    let mut out = Map::new();
    out.insert("format".into(), Value::String(like.format.clone()));
    out.insert("version".into(), Value::from(like.version));
    let mut budget = Map::new();
    if let Some(top) = units.0.get(PLAN) {
        for (field, alts) in top {
            if let Some(key) = field.strip_prefix("budget.") {
                budget.insert(key.to_owned(), first(alts));
            } else if let Some(key) = field.strip_prefix("x.") {
                out.insert(key.to_owned(), first(alts));
            } else {
                out.insert(field.clone(), first(alts));
            }
        }
    }
    out.insert("budget".into(), Value::Object(budget));

    // Blocks, by container, each container in the order its positions give.
    let tree = Tree::of(units);
    out.insert("blocks".into(), Value::Array(tree.blocks(None, units)));

    // Reviews: by date, then id.
    let mut reviews: BTreeMap<(String, String), Map<String, Value>> = BTreeMap::new();
    for (key, entity) in &units.0 {
        let Some(id) = key.strip_prefix("r:") else {
            continue;
        };
        let mut map = Map::new();
        map.insert("id".into(), Value::String(id.to_owned()));
        for (field, alts) in entity {
            if field != POS {
                map.insert(field.clone(), first(alts));
            }
        }
        let date = map
            .get("date")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        reviews.insert((date, id.to_owned()), map);
    }
    out.insert(
        "reviews".into(),
        Value::Array(reviews.into_values().map(Value::Object).collect()),
    );

    let mut plan: Plan = serde_json::from_value(Value::Object(out)).map_err(|e| e.to_string())?;
    // Pictures are not units (blocks name them by key): they come over whole, shared not copied.
    plan.pictures = like.pictures.clone();
    Ok(Rebuilt {
        plan,
        conflicts,
        kept,
    })
}

/// The blocks and items of some units, by container, in order.
struct Tree {
    /// Block ids by parent (`None` for the top of the plan).
    blocks: BTreeMap<Option<String>, Vec<String>>,
    /// Item ids by (block, field).
    items: BTreeMap<(String, String), Vec<String>>,
}

impl Tree {
    fn of(units: &Units) -> Tree {
        let mut blocks: BTreeMap<Option<String>, Vec<(String, Option<String>)>> = BTreeMap::new();
        #[allow(clippy::type_complexity)]
        let mut items: BTreeMap<(String, String), Vec<(String, Option<String>)>> = BTreeMap::new();
        for (key, entity) in &units.0 {
            let pos = entity.get(POS).and_then(|a| a.first());
            let Some(Value::Array(pos)) = pos else {
                continue;
            };
            let text = |i: usize| pos.get(i).and_then(Value::as_str).map(str::to_owned);
            if let Some(id) = key.strip_prefix("b:") {
                blocks
                    .entry(text(0))
                    .or_default()
                    .push((id.to_owned(), text(1)));
            } else if let Some(id) = key.strip_prefix("i:") {
                if let (Some(block), Some(field)) = (text(0), text(1)) {
                    items
                        .entry((block, field))
                        .or_default()
                        .push((id.to_owned(), text(2)));
                }
            }
        }
        settle(&mut blocks, units);
        Tree {
            blocks: blocks
                .into_iter()
                .map(|(k, v)| (k, order(v, &BTreeSet::new())))
                .collect(),
            items: items
                .into_iter()
                .map(|(k, v)| (k, order(v, &BTreeSet::new())))
                .collect(),
        }
    }

    /// The JSON of the blocks in `parent`, with their children and items.
    fn blocks(&self, parent: Option<&str>, units: &Units) -> Vec<Value> {
        let Some(ids) = self.blocks.get(&parent.map(str::to_owned)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for id in ids {
            let Some(entity) = units.0.get(&block_key(id)) else {
                continue;
            };
            let mut map = Map::new();
            map.insert("id".into(), Value::String(id.clone()));
            for (field, alts) in entity {
                if field != POS {
                    map.insert(field.clone(), alts.first().cloned().unwrap_or(Value::Null));
                }
            }
            let kind = map
                .get("kind")
                .and_then(Value::as_str)
                .and_then(Kind::from_name);
            if let Some(kind) = kind {
                for field in kind.fields() {
                    match field.ty {
                        FieldType::Children => {
                            let children = self.blocks(Some(id), units);
                            map.insert(field.name.into(), Value::Array(children));
                        }
                        FieldType::Items => {
                            let list = self.items(id, field.name, units);
                            map.insert(field.name.into(), Value::Array(list));
                        }
                        _ => {}
                    }
                }
            }
            out.push(Value::Object(map));
        }
        out
    }

    fn items(&self, block: &str, field: &str, units: &Units) -> Vec<Value> {
        let Some(ids) = self.items.get(&(block.to_owned(), field.to_owned())) else {
            return Vec::new();
        };
        ids.iter()
            .filter_map(|id| {
                let entity = units.0.get(&item_key(id))?;
                let mut map = Map::new();
                map.insert("id".into(), Value::String(id.clone()));
                for (field, alts) in entity {
                    if field != POS {
                        map.insert(field.clone(), alts.first().cloned().unwrap_or(Value::Null));
                    }
                }
                Some(Value::Object(map))
            })
            .collect()
    }
}

/// Moves to the top of the plan every block that could not be reached from it: inside something
/// that is not a section, inside a block that is not there, in a loop of sections, or deeper
/// than [`MAX_DEPTH`]. Their place among the top blocks is kept where it can be.
fn settle(blocks: &mut BTreeMap<Option<String>, Vec<(String, Option<String>)>>, units: &Units) {
    let is_section = |id: &str| {
        units
            .0
            .get(&block_key(id))
            .and_then(|e| e.get("kind"))
            .and_then(|a| a.first())
            .and_then(Value::as_str)
            == Some("section")
    };
    let mut reached: BTreeSet<String> = BTreeSet::new();
    let mut level: Vec<(String, usize)> = Vec::new();
    if let Some(top) = blocks.get(&None) {
        level.extend(top.iter().map(|(id, _)| (id.clone(), 0)));
    }
    while let Some((id, depth)) = level.pop() {
        if !reached.insert(id.clone()) {
            continue;
        }
        if depth < MAX_DEPTH && is_section(&id) {
            if let Some(children) = blocks.get(&Some(id.clone())) {
                level.extend(children.iter().map(|(c, _)| (c.clone(), depth + 1)));
            }
        }
    }
    let mut lost = Vec::new();
    for (parent, members) in blocks.iter_mut() {
        if parent.is_none() {
            continue;
        }
        let fits = parent
            .as_deref()
            .is_some_and(|p| reached.contains(p) && is_section(p));
        members.retain(|(id, previous)| {
            let keep = fits && reached.contains(id);
            if !keep {
                lost.push((id.clone(), previous.clone()));
            }
            keep
        });
    }
    blocks.entry(None).or_default().extend(lost);
}
