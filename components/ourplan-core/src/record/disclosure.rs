//! How much of a record shows: the level (`brief`, `standard`, `full`), fields opened with "Add
//! more", recursive parts opened one level at a time, and long lists drawn a page at a time.

use super::{Focus, RecordState};
use crate::model::{Level, Node};
use crate::pointer;

/// How many list items are drawn at first, and added by each "Show more".
pub const LIST_PAGE: usize = 50;

impl RecordState {
    /// How much of the record shows (`brief`, `standard`, `full`).
    pub fn level(&self) -> Level {
        self.level
    }

    /// Sets how much shows. Nothing typed changes; a field with a value shows at every level.
    pub fn set_level(&mut self, level: Level) {
        self.changed_all();
        self.level = level;
    }

    /// Whether the field shows: it is required, holds a value, was opened with "Add more", or
    /// its level is within the record's level. `inherited` is whether its parent group was
    /// opened (fields without a level of their own follow their group).
    pub fn is_shown(&self, node: &Node, inherited: bool) -> bool {
        node.required
            || self.revealed.contains(&node.pointer)
            || pointer::get(&self.value, &node.pointer).is_some()
            || self.raw.get(&node.pointer).is_some_and(|t| !t.is_empty())
            || match node.level {
                Some(level) => level <= self.level,
                None => inherited,
            }
    }

    /// Whether fields without a level of their own show at the top of the record.
    pub fn top_level_default(&self) -> bool {
        self.level >= Level::Standard
    }

    /// Opens a field hidden by the level ("Add more"), and asks for focus on it.
    pub fn reveal(&mut self, pointer: &str) {
        self.changed_at(pointer);
        self.revealed.insert(pointer.to_owned());
        self.request_focus(Focus::Field(pointer.to_owned()));
    }

    /// Opens the recursive part at `ptr` (drawn one level at a time), focusing its first field.
    pub fn open(&mut self, ptr: &str) -> bool {
        self.changed_below(ptr);
        if !self.opened.insert(ptr.to_owned()) {
            return false;
        }
        self.reshape();
        self.request_focus(self.first_input(ptr));
        true
    }

    /// How many items of the list at `list` to draw: long lists are drawn a page at a time so a
    /// huge value stays usable; the items not drawn are kept in the value untouched.
    pub fn list_limit(&self, list: &str) -> usize {
        self.list_limits.get(list).copied().unwrap_or(LIST_PAGE)
    }

    /// Draws another page of the list at `list`, moving focus to the first newly shown item.
    pub fn show_more(&mut self, list: &str) {
        self.changed_below(list);
        let before = self.list_limit(list);
        self.list_limits.insert(list.to_owned(), before + LIST_PAGE);
        self.request_focus(self.first_input(&pointer::join(list, &before.to_string())));
    }
}
