//! Combining copies of one plan: a three-way merge over the plan's stable ids, against the
//! copies' common ancestor, with conflicts kept for the person to settle.
//!
//! Every plan that has been opened, shared or merged carries its merge history (`merge` in the
//! file): the document's id, the revision it was last checkpointed at, the graph of revisions
//! (each with its parents), the checkpoint's snapshot, snapshots of other recent revisions (stored
//! as differences from the checkpoint's, so each costs what changed since), open conflicts, and
//! notes of blocks kept
//! because one copy changed what another deleted. Revision ids are hashes of their parents and
//! content, so the same state reached in two places has the same id, and merging is the same
//! whichever copy does it. See `docs/decisions/2026-12-06-merging-copies.md`.

mod three;
mod units;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_props;

use super::document::Plan;
use crate::merge::units::{Entity, Units};
use crate::merge::{Combined, Written, checkpoint_units, combine};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::Arc;
use units::{flatten, unflatten};

pub use crate::merge::{Conflict, History, KEPT_SNAPSHOTS, MergeError, Piece, Summary, word_diff};

/// The merged plan and what changed.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The plan with both copies' work, and its history.
    pub plan: Plan,
    /// What changed, compared with the plan merged into.
    pub summary: Summary,
}

/// Marks the plan's present state as a revision others may later share: when a plan is opened
/// (set as a value, read from a file, restored from a draft), shared, or merged. A plan without
/// history starts one, its document id the hash of this first state. Nothing changes if the
/// plan is already at its checkpoint.
pub fn checkpoint(plan: &mut Plan) {
    tidy(plan);
    let units = flatten(plan);
    checkpoint_units(&mut plan.merge, units);
}

/// Combines `theirs` into `ours`. Both keep every word: what changed on one side is taken,
/// what changed on both sides differently stays as a conflict. The result is the same whichever
/// is `ours` (apart from the summary, which is about `ours`). `other_document` allows copies of
/// different plans (the person confirmed); otherwise they are refused.
pub fn merge(ours: &Plan, theirs: &Plan, other_document: bool) -> Result<Merged, MergeError> {
    let ua = Arc::new(flatten(ours));
    let ub = Arc::new(flatten(theirs));
    let combined = combine(
        (ours.merge.as_ref(), ua.clone()),
        (theirs.merge.as_ref(), ub),
        other_document,
        three::merge3,
    )?;
    let Combined::Content { units, mut history } = combined else {
        let mut plan = ours.clone();
        plan.pictures = super::pictures::union(&ours.pictures, &theirs.pictures);
        tidy(&mut plan);
        let summary = Summary {
            nothing_new: true,
            conflicts: conflicts(&plan).len(),
            kept: plan.merge.as_ref().map_or(0, |h| h.kept.len()),
            ..Summary::default()
        };
        return Ok(Merged { plan, summary });
    };
    let rebuilt = unflatten(&units, ours).map_err(MergeError::Broken)?;
    let mut plan = rebuilt.plan;
    // Pictures are kept by a hash of their data: both copies' pictures, each once.
    plan.pictures = super::pictures::union(&ours.pictures, &theirs.pictures);
    let summary = summarise(&ua, &units);
    history.conflicts = rebuilt
        .conflicts
        .into_iter()
        .map(|(at, field, values)| Conflict { at, field, values })
        .collect();
    history.kept = rebuilt.kept;
    plan.merge = Some(*history);
    Ok(Merged { plan, summary })
}

/// What changed from `before` to `after`, counted by block, item and review.
fn summarise(before: &Units, after: &Units) -> Summary {
    let mut summary = Summary::default();
    let counted = |k: &String| k.starts_with("b:") || k.starts_with("i:") || k.starts_with("r:");
    for (key, entity) in &after.0 {
        match before.0.get(key) {
            None if counted(key) => summary.added += 1,
            Some(old) if old != entity && (counted(key) || key == units::PLAN) => {
                // The id counter is bookkeeping, not a change anyone made to the plan.
                let content = |e: &Entity| {
                    e.iter()
                        .filter(|(k, _)| {
                            *k != "nextId" && (*k != units::POS || key.starts_with("b:"))
                        })
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect::<Vec<_>>()
                };
                if content(old) != content(entity) {
                    summary.changed += 1;
                }
            }
            _ => {}
        }
    }
    summary.removed = before
        .0
        .keys()
        .filter(|k| counted(k) && !after.0.contains_key(*k))
        .count();
    if let Some(history) = after_history(after) {
        summary.conflicts = history.0;
        summary.kept = history.1;
    }
    summary.nothing_new = summary.added + summary.changed + summary.removed == 0;
    summary
}

fn after_history(after: &Units) -> Option<(usize, usize)> {
    let mut conflicts = 0;
    let mut kept = 0;
    for (key, entity) in &after.0 {
        if key.starts_with("n:") {
            kept += 1;
        }
        conflicts += entity.values().filter(|a| a.len() > 1).count();
    }
    Some((conflicts, kept))
}

/// The open conflicts of a plan (those whose block, item or review is still there).
pub fn conflicts(plan: &Plan) -> Vec<Conflict> {
    let Some(history) = plan.merge.as_ref() else {
        return Vec::new();
    };
    if history.conflicts.is_empty() {
        return Vec::new();
    }
    let present = present(plan);
    history
        .conflicts
        .iter()
        .filter(|c| present.contains(&c.at))
        .cloned()
        .collect()
}

/// Forgets conflicts and notes about things no longer in the plan (removed since).
pub fn tidy(plan: &mut Plan) {
    let Some(history) = plan.merge.as_ref() else {
        return;
    };
    if history.conflicts.is_empty() && history.kept.is_empty() {
        return;
    }
    let present = present(plan);
    if let Some(history) = plan.merge.as_mut() {
        history.conflicts.retain(|c| present.contains(&c.at));
        history.kept.retain(|k| present.contains(k));
        history.written = Default::default();
    }
}

/// The entity keys of everything in the plan.
fn present(plan: &Plan) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.insert(units::PLAN.to_owned());
    super::tree::walk(&plan.blocks, &mut |b| {
        out.insert(units::block_key(&b.id));
        for (_, list) in b.body.item_lists() {
            for item in list {
                out.insert(units::item_key(&item.id));
            }
        }
    });
    for r in &plan.reviews {
        out.insert(format!("r:{}", r.id));
    }
    out
}

/// Settles a conflict with `value` (one of the alternatives, or a blend the person wrote): the
/// plan holds it, and the conflict closes. Returns false when there is no such conflict.
pub fn resolve(plan: &mut Plan, at: &str, field: &str, value: Value) -> Result<bool, MergeError> {
    let Some(history) = plan.merge.as_ref() else {
        return Ok(false);
    };
    if !history
        .conflicts
        .iter()
        .any(|c| c.at == at && c.field == field)
    {
        return Ok(false);
    }
    let mut units = flatten(plan);
    if let Some(slot) = units.0.get_mut(at).and_then(|e| e.get_mut(field)) {
        *slot = crate::merge::units::one(value);
    }
    rebuild(plan, &units)?;
    Ok(true)
}

/// Closes a note that a merge kept something: `keep` keeps it, otherwise it is removed (with
/// everything inside it).
pub fn settle_kept(plan: &mut Plan, at: &str, keep: bool) -> Result<bool, MergeError> {
    let Some(history) = plan.merge.as_ref() else {
        return Ok(false);
    };
    if !history.kept.iter().any(|k| k == at) {
        return Ok(false);
    }
    let mut units = flatten(plan);
    units.0.remove(&format!("n:{at}"));
    if !keep {
        remove_with_contents(&mut units, at);
    }
    rebuild(plan, &units)?;
    Ok(true)
}

fn remove_with_contents(units: &mut Units, at: &str) {
    let mut gone = vec![at.to_owned()];
    while let Some(key) = gone.pop() {
        units.0.remove(&key);
        let Some(id) = key.strip_prefix("b:") else {
            continue;
        };
        let inside: Vec<String> = units
            .0
            .iter()
            .filter(|(k, e)| {
                (k.starts_with("b:") || k.starts_with("i:"))
                    && e.get(units::POS)
                        .and_then(|a| a.first())
                        .and_then(|p| p.get(0))
                        .and_then(Value::as_str)
                        == Some(id)
            })
            .map(|(k, _)| k.clone())
            .collect();
        gone.extend(inside);
    }
}

fn rebuild(plan: &mut Plan, units: &Units) -> Result<(), MergeError> {
    let rebuilt = unflatten(units, plan).map_err(MergeError::Broken)?;
    let mut history = plan.merge.take().unwrap_or_default();
    history.conflicts = rebuilt
        .conflicts
        .into_iter()
        .map(|(at, field, values)| Conflict { at, field, values })
        .collect();
    history.kept = rebuilt.kept;
    history.written = Default::default();
    *plan = rebuilt.plan;
    plan.merge = Some(history);
    Ok(())
}

/// The history of `plan` as its file writes it (`merge`), written once per state of the history.
pub(crate) fn written(plan: &Plan) -> Option<Written<'_>> {
    let history = plan.merge.as_ref()?;
    let present = if history.conflicts.is_empty() && history.kept.is_empty() {
        BTreeSet::new()
    } else {
        present(plan)
    };
    let conflicts: Vec<Conflict> = history
        .conflicts
        .iter()
        .filter(|c| present.contains(&c.at))
        .cloned()
        .collect();
    let kept: Vec<String> = history
        .kept
        .iter()
        .filter(|k| present.contains(*k))
        .cloned()
        .collect();
    history.written(conflicts, kept)
}
