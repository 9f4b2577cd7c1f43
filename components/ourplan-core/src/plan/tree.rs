//! Finding blocks by id in the nested block tree: an index from each block id to its parent, kept
//! up to date by every structural change.
//!
//! Why a parent map and not a map to full paths: a path holds sibling positions, which shift for
//! every block after an insert, so keeping paths would cost O(n) per change, and O(n²) over a
//! session. A parent map changes only for the blocks that moved. Finding a block walks up its
//! ancestors (at most [`MAX_DEPTH`]) and then scans one sibling list per level: linear at worst,
//! and in practice a handful of comparisons.

use super::document::{Block, Body, MAX_DEPTH};
use super::error::ErrorKind;
use std::collections::{HashMap, HashSet};

/// Every block's parent: `None` for blocks at the top of the plan, or the id of their section.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Index {
    parent: HashMap<String, Option<String>>,
}

impl Index {
    /// Indexes `blocks`, checking that block ids are unique and that nesting stays within
    /// [`MAX_DEPTH`].
    pub fn build(blocks: &[Block]) -> Result<Index, ErrorKind> {
        let mut index = Index::default();
        index.add_all(blocks, None, 0)?;
        Ok(index)
    }

    fn add_all(
        &mut self,
        blocks: &[Block],
        parent: Option<&str>,
        depth: usize,
    ) -> Result<(), ErrorKind> {
        for block in blocks {
            if depth > MAX_DEPTH {
                return Err(ErrorKind::TooDeep {
                    id: block.id.clone(),
                });
            }
            let previous = self
                .parent
                .insert(block.id.clone(), parent.map(str::to_owned));
            if previous.is_some() {
                return Err(ErrorKind::DuplicateId {
                    id: block.id.clone(),
                });
            }
            self.add_all(block.body.children(), Some(&block.id), depth + 1)?;
        }
        Ok(())
    }

    /// Adds a block and everything inside it under `parent`. The caller has checked the ids are
    /// new (they come from the document's counter, or from an undo of their removal).
    pub fn add(&mut self, block: &Block, parent: Option<&str>) {
        self.parent
            .insert(block.id.clone(), parent.map(str::to_owned));
        for child in block.body.children() {
            self.add(child, Some(&block.id));
        }
    }

    /// Forgets a block and everything inside it.
    pub fn remove(&mut self, block: &Block) {
        self.parent.remove(&block.id);
        for child in block.body.children() {
            self.remove(child);
        }
    }

    /// Records that `id` now sits in `parent` (its children keep it as their parent).
    pub fn set_parent(&mut self, id: &str, parent: Option<&str>) {
        if let Some(slot) = self.parent.get_mut(id) {
            *slot = parent.map(str::to_owned);
        }
    }

    /// The block's parent: `Some(None)` at the top of the plan, `None` for an unknown id.
    pub fn parent(&self, id: &str) -> Option<Option<&str>> {
        self.parent.get(id).map(Option::as_deref)
    }

    /// The ids from the top of the plan down to `id` itself, or `None` for an unknown id.
    pub fn chain(&self, id: &str) -> Option<Vec<&str>> {
        let mut chain = Vec::new();
        let (mut current, _) = self.parent.get_key_value(id)?;
        loop {
            chain.push(current.as_str());
            match self.parent.get(current.as_str())? {
                Some(parent) => current = self.parent.get_key_value(parent.as_str())?.0,
                None => break,
            }
            // A damaged index could loop; the depth limit makes that impossible to miss.
            if chain.len() > MAX_DEPTH + 1 {
                return None;
            }
        }
        chain.reverse();
        Some(chain)
    }

    /// How many sections `id` sits inside.
    pub fn depth(&self, id: &str) -> Option<usize> {
        self.chain(id).map(|c| c.len() - 1)
    }
}

/// The sibling list of a container: the plan's top level (`None`) or a section's children.
pub(crate) fn container<'a>(
    blocks: &'a [Block],
    index: &Index,
    parent: Option<&str>,
) -> Option<&'a [Block]> {
    let Some(parent) = parent else {
        return Some(blocks);
    };
    let mut current = blocks;
    for id in index.chain(parent)? {
        let block = current.iter().find(|b| b.id == id)?;
        match &block.body {
            Body::Section { children, .. } => current = children,
            _ => return None,
        }
    }
    Some(current)
}

/// The mutable sibling list of a container.
pub(crate) fn container_mut<'a>(
    blocks: &'a mut Vec<Block>,
    index: &Index,
    parent: Option<&str>,
) -> Option<&'a mut Vec<Block>> {
    let Some(parent) = parent else {
        return Some(blocks);
    };
    let mut current = blocks;
    for id in index.chain(parent)? {
        let list = current;
        let block = list.iter_mut().find(|b| b.id == id)?;
        current = block.body.children_mut()?;
    }
    Some(current)
}

/// A block found by id, with its parent and position.
pub(crate) fn find<'a>(blocks: &'a [Block], index: &Index, id: &str) -> Option<(&'a Block, usize)> {
    let parent = index.parent(id)?;
    let list = container(blocks, index, parent)?;
    let position = list.iter().position(|b| b.id == id)?;
    Some((&list[position], position))
}

/// A block found by id, mutable.
pub(crate) fn find_mut<'a>(
    blocks: &'a mut Vec<Block>,
    index: &Index,
    id: &str,
) -> Option<&'a mut Block> {
    let parent = index.parent(id)?;
    container_mut(blocks, index, parent)?
        .iter_mut()
        .find(|b| b.id == id)
}

/// How many levels of sections a block holds inside itself (0 for anything but a section with
/// sections in it): used to keep a move within [`MAX_DEPTH`].
pub(crate) fn height(block: &Block) -> usize {
    block
        .body
        .children()
        .iter()
        .map(|c| 1 + height(c))
        .max()
        .unwrap_or(0)
}

/// Every id in the blocks (blocks and their items), for the uniqueness check on load.
pub(crate) fn collect_ids<'a>(
    blocks: &'a [Block],
    seen: &mut HashSet<&'a str>,
) -> Result<(), ErrorKind> {
    for block in blocks {
        if !seen.insert(&block.id) {
            return Err(ErrorKind::DuplicateId {
                id: block.id.clone(),
            });
        }
        for (_, items) in block.body.item_lists() {
            for item in items {
                if !seen.insert(&item.id) {
                    return Err(ErrorKind::DuplicateId {
                        id: item.id.clone(),
                    });
                }
            }
        }
        collect_ids(block.body.children(), seen)?;
    }
    Ok(())
}

/// Calls `visit` on every block, depth first, in the person's order.
pub(crate) fn walk<'a>(blocks: &'a [Block], visit: &mut impl FnMut(&'a Block)) {
    for block in blocks {
        visit(block);
        walk(block.body.children(), visit);
    }
}
