//! What changed where in a record, so a screen redraws only the fields that changed: change
//! counters by pointer, and the outline that tells a keystroke inside one top-level field from a
//! change to the form around it.

use super::{Outline, RecordState};
use crate::model::Kind;
use std::collections::HashMap;

impl RecordState {
    /// A number that changes whenever anything the field at `pointer` (or anything inside it)
    /// draws has changed: its value, a problem shown at it or below it, its items, its shape, or
    /// the form as a whole. Screens redraw a field only when this moves.
    pub fn revision(&self, pointer: &str) -> u64 {
        let r = &self.revisions;
        let deep = self_and_parents(pointer)
            .filter_map(|p| r.deep.get(p))
            .max()
            .copied()
            .unwrap_or(0);
        r.all.max(r.at.get(pointer).copied().unwrap_or(0)).max(deep)
    }

    /// What a view must know to tell whether a change stayed inside top-level fields: the
    /// change counter, the last whole-form change, the focus and announcement sequences, whether
    /// every problem shows, and which of the top-level fields show.
    pub fn outline(&self) -> Outline {
        let top = match self.schema.model().map(|m| &m.root.kind) {
            Some(Kind::Object { children, .. }) => {
                let inherited = self.top_level_default();
                children
                    .iter()
                    .map(|c| c.entry || self.is_shown(c, inherited))
                    .collect()
            }
            _ => Vec::new(),
        };
        Outline {
            counter: self.revisions.counter,
            all: self.revisions.all,
            focus: self.focus.0,
            announcement: self.announcement.0,
            show_all: self.show_all,
            top,
        }
    }

    /// The top-level fields (pointers one step below the root) where something changed after
    /// change `counter`, when nothing else did: `None` when the whole form or the root changed
    /// in any other way than through those fields.
    pub fn changed_top_fields(&self, before: &Outline) -> Option<Vec<String>> {
        let now = self.outline();
        if now.all != before.all
            || now.focus != before.focus
            || now.announcement != before.announcement
            || now.show_all
            || before.show_all
            || now.top != before.top
        {
            return None;
        }
        let r = &self.revisions;
        let mut out: Vec<String> = Vec::new();
        for (pointer, &at) in r.at.iter().chain(r.deep.iter()) {
            if at <= before.counter || pointer.is_empty() {
                continue;
            }
            let top = match pointer[1..].find('/') {
                Some(i) => &pointer[..i + 1],
                None => pointer.as_str(),
            };
            if !out.iter().any(|p| p == top) {
                out.push(top.to_owned());
            }
        }
        Some(out)
    }

    /// Marks the whole form changed (language, schema, value, level).
    pub(super) fn changed_all(&mut self) {
        self.revisions.changed_all();
    }

    /// Marks the field at `pointer` changed, and each group holding it.
    pub(super) fn changed_at(&mut self, pointer: &str) {
        let r = &mut self.revisions;
        r.counter += 1;
        for p in self_and_parents(pointer) {
            r.at.insert(p.to_owned(), r.counter);
        }
    }

    /// Marks everything below `pointer` changed: its items were added, removed or moved, or its
    /// shape chosen.
    pub(super) fn changed_below(&mut self, pointer: &str) {
        self.changed_at(pointer);
        let r = &mut self.revisions;
        r.deep.insert(pointer.to_owned(), r.counter);
    }
}

/// Change counters by pointer, so a screen can redraw only the fields that changed.
#[derive(Debug, Default)]
pub(super) struct Revisions {
    /// Goes up with every change.
    counter: u64,
    /// The last change that touched the whole form (language, schema, value, level).
    all: u64,
    /// The last change at or below each pointer (set on the pointer and each of its parents).
    at: HashMap<String, u64>,
    /// The last change that reshaped everything below a pointer (items added, removed or
    /// moved, a shape chosen): every field below it counts as changed.
    deep: HashMap<String, u64>,
    /// The problems on show, by field pointer, as last drawn.
    pub(super) visible: HashMap<String, String>,
}

impl Revisions {
    /// See [`RecordState::changed_all`]; here so it can be called while the schema is borrowed.
    pub(super) fn changed_all(&mut self) {
        self.counter += 1;
        self.all = self.counter;
    }
}

/// `pointer` and every pointer above it, up to the root (`""`).
fn self_and_parents(pointer: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(pointer);
    std::iter::from_fn(move || {
        let here = next?;
        next = here.rsplit_once('/').map(|(up, _)| up);
        Some(here)
    })
}
