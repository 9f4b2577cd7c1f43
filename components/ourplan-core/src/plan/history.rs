//! Undo and redo: every edit is a [`Change`], and applying a change returns the change that
//! undoes it, computed from the document as it actually was. Undo applies the stored inverse and
//! keeps the inverse of that for redo, so both directions are the same code.
//!
//! Changes are small (one block, one field, one item list), never snapshots of the whole plan, so
//! an edit costs the same with 5 blocks or 500, and 200 steps of history stay cheap.

use super::document::{Block, Budget, Item, Plan, Review};
use super::error::ErrorKind;
use super::pictures::HEADING_PICTURE;
use super::tree::{Index, container_mut, find_mut};
use super::{Focus, Message};
use serde_json::Value;
use std::collections::VecDeque;

/// How many steps undo can go back.
pub(crate) const LIMIT: usize = 200;

/// Where a block sits: its container (the plan's top level, or a section) and its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The section holding the block, or `None` at the top of the plan.
    pub parent: Option<String>,
    /// The block's position among its siblings, from 0.
    pub index: usize,
}

/// One reversible edit.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Change {
    /// Put these blocks at `index` in `parent`, in order.
    Insert {
        parent: Option<String>,
        index: usize,
        blocks: Vec<Block>,
    },
    /// Take `count` blocks out from `index` in `parent`.
    Remove {
        parent: Option<String>,
        index: usize,
        count: usize,
    },
    /// Move block `id` from `from` to `to` (`to.index` counts after it has left `from`).
    Move { id: String, from: Place, to: Place },
    /// Set a block's field.
    Field {
        id: String,
        field: &'static str,
        value: Value,
    },
    /// Replace one item list of a block.
    Items {
        id: String,
        field: &'static str,
        items: Vec<Item>,
    },
    /// Replace a part of the plan outside the blocks.
    Top(Top),
    /// Replace the whole plan (opening a file).
    Whole(Box<Plan>),
}

/// A part of the plan outside the blocks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Top {
    Title(String),
    Budget(Budget),
    Complex(bool),
    Reviews(Vec<Review>),
}

/// Applies `change` and returns the change that undoes it. On error nothing has changed.
pub(crate) fn apply(
    plan: &mut Plan,
    index: &mut Index,
    change: Change,
) -> Result<Change, ErrorKind> {
    let no_such = |id: &str| ErrorKind::NoSuchId { id: id.to_owned() };
    match change {
        Change::Insert {
            parent,
            index: at,
            blocks,
        } => {
            let list = container_mut(&mut plan.blocks, index, parent.as_deref())
                .ok_or_else(|| no_such(parent.as_deref().unwrap_or("")))?;
            let at = at.min(list.len());
            let count = blocks.len();
            for block in &blocks {
                index.add(block, parent.as_deref());
            }
            list.splice(at..at, blocks);
            Ok(Change::Remove {
                parent,
                index: at,
                count,
            })
        }
        Change::Remove {
            parent,
            index: at,
            count,
        } => {
            let list = container_mut(&mut plan.blocks, index, parent.as_deref())
                .ok_or_else(|| no_such(parent.as_deref().unwrap_or("")))?;
            if at + count > list.len() {
                return Err(no_such(""));
            }
            let blocks: Vec<Block> = list.drain(at..at + count).collect();
            for block in &blocks {
                index.remove(block);
            }
            Ok(Change::Insert {
                parent,
                index: at,
                blocks,
            })
        }
        Change::Move { id, from, to } => {
            let list = container_mut(&mut plan.blocks, index, from.parent.as_deref())
                .ok_or_else(|| no_such(&id))?;
            // The stored position is checked, and the id is searched for if it is stale.
            let position = match list.get(from.index) {
                Some(b) if b.id == id => from.index,
                _ => list
                    .iter()
                    .position(|b| b.id == id)
                    .ok_or_else(|| no_such(&id))?,
            };
            let block = list.remove(position);
            let Some(target) = container_mut(&mut plan.blocks, index, to.parent.as_deref()) else {
                // The target was inside the block itself, or is gone: put the block back.
                let list = container_mut(&mut plan.blocks, index, from.parent.as_deref())
                    .ok_or_else(|| no_such(&id))?;
                list.insert(position, block);
                return Err(ErrorKind::IntoItself { id });
            };
            let at = to.index.min(target.len());
            target.insert(at, block);
            index.set_parent(&id, to.parent.as_deref());
            Ok(Change::Move {
                id,
                from: Place {
                    parent: to.parent,
                    index: at,
                },
                to: Place {
                    parent: from.parent,
                    index: position,
                },
            })
        }
        Change::Field { id, field, value } if field == HEADING_PICTURE => {
            let block = find_mut(&mut plan.blocks, index, &id).ok_or_else(|| no_such(&id))?;
            let old = match value {
                Value::String(key) if !key.is_empty() => {
                    block.extra.insert(field.to_owned(), Value::String(key))
                }
                _ => block.extra.shift_remove(field),
            };
            Ok(Change::Field {
                id,
                field,
                value: old.unwrap_or(Value::String(String::new())),
            })
        }
        Change::Field { id, field, value } => {
            let block = find_mut(&mut plan.blocks, index, &id).ok_or_else(|| no_such(&id))?;
            let old = block
                .body
                .get(field)
                .ok_or_else(|| ErrorKind::NoSuchField {
                    kind: block.kind().as_str(),
                    field: field.to_owned(),
                })?;
            block.body.set(field, value)?;
            Ok(Change::Field {
                id,
                field,
                value: old,
            })
        }
        Change::Items { id, field, items } => {
            let block = find_mut(&mut plan.blocks, index, &id).ok_or_else(|| no_such(&id))?;
            let kind = block.kind().as_str();
            let list = block
                .body
                .items_mut(field)
                .ok_or_else(|| ErrorKind::NoSuchField {
                    kind,
                    field: field.to_owned(),
                })?;
            let old = std::mem::replace(list, items);
            Ok(Change::Items {
                id,
                field,
                items: old,
            })
        }
        Change::Top(top) => Ok(Change::Top(match top {
            Top::Title(t) => Top::Title(std::mem::replace(&mut plan.title, t)),
            Top::Budget(b) => Top::Budget(std::mem::replace(&mut plan.budget, b)),
            Top::Complex(c) => Top::Complex(std::mem::replace(&mut plan.complex, c)),
            Top::Reviews(r) => Top::Reviews(std::mem::replace(&mut plan.reviews, r)),
        })),
        Change::Whole(new) => {
            let new_index = Index::build(&new.blocks)?;
            *index = new_index;
            Ok(Change::Whole(Box::new(std::mem::replace(plan, *new))))
        }
    }
}

/// One step of history: the change that reverses it, and what it was, in words.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub change: Change,
    pub what: Message,
    /// Edits with the same key in a row (typing into one field) merge into one step.
    pub key: Option<String>,
}

/// The undo and redo stacks.
#[derive(Debug, Clone, Default)]
pub(crate) struct History {
    undo: VecDeque<Entry>,
    redo: Vec<Entry>,
    /// When set, the next edit starts a new step even if its key matches the last one.
    sealed: bool,
}

impl History {
    /// Records an edit by the change that undoes it.
    pub fn record(&mut self, undo: Change, what: Message, key: Option<String>) {
        self.redo.clear();
        let merges =
            !self.sealed && key.is_some() && self.undo.back().is_some_and(|last| last.key == key);
        self.sealed = false;
        if merges {
            // The older step already restores the value from before the typing began.
            return;
        }
        self.undo.push_back(Entry {
            change: undo,
            what,
            key,
        });
        if self.undo.len() > LIMIT {
            self.undo.pop_front();
        }
    }

    /// Ends the current step: the next edit starts a new one (call when a field loses focus).
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    pub fn pop_undo(&mut self) -> Option<Entry> {
        self.sealed = true;
        self.undo.pop_back()
    }

    pub fn pop_redo(&mut self) -> Option<Entry> {
        self.sealed = true;
        self.redo.pop()
    }

    pub fn push_redo(&mut self, entry: Entry) {
        self.redo.push(entry);
    }

    /// Puts an undone-then-redone step back without clearing the redo stack.
    pub fn push_undo(&mut self, entry: Entry) {
        self.undo.push_back(entry);
        if self.undo.len() > LIMIT {
            self.undo.pop_front();
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    #[cfg(test)]
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}

/// Where focus goes once a change has been applied, judged from `inverse`, the change
/// [`apply`] returned (it holds the positions as they really were: an insert clamped to the end
/// of a list says where it landed).
pub(crate) fn focus_after(plan: &Plan, index: &Index, inverse: &Change) -> Option<Focus> {
    match inverse {
        // Blocks were taken out from here: focus their neighbour.
        Change::Insert {
            parent, index: at, ..
        } => neighbour(plan, index, parent.as_deref(), *at),
        // Blocks were put in here: focus the first.
        Change::Remove {
            parent, index: at, ..
        } => {
            let list = super::tree::container(&plan.blocks, index, parent.as_deref())?;
            list.get(*at).map(|b| Focus::Block(b.id.clone()))
        }
        Change::Move { id, .. } | Change::Field { id, .. } | Change::Items { id, .. } => {
            Some(Focus::Block(id.clone()))
        }
        Change::Top(Top::Title(_)) => Some(Focus::Title),
        Change::Top(_) | Change::Whole(_) => None,
    }
}

/// Focus for a place a block has just left: the block now at `at`, else the one before, else the
/// section that held it, else the plan's "add" control.
pub(crate) fn neighbour(
    plan: &Plan,
    index: &Index,
    parent: Option<&str>,
    at: usize,
) -> Option<Focus> {
    let list = super::tree::container(&plan.blocks, index, parent)?;
    if let Some(block) = list
        .get(at)
        .or_else(|| at.checked_sub(1).and_then(|i| list.get(i)))
    {
        return Some(Focus::Block(block.id.clone()));
    }
    Some(match parent {
        Some(section) => Focus::Block(section.to_owned()),
        None => Focus::AddTo(None),
    })
}
