//! Lists and maps in a record: adding, moving and removing list items, adding, renaming and
//! removing named map entries, and carrying what is held per pointer (typed text, touched fields)
//! along when items move or entries are renamed.

use super::{Focus, RecordState};
use crate::i18n::t;
use crate::model::{Kind, Node};
use crate::pointer;
use serde_json::Value;
use std::collections::HashMap;

impl RecordState {
    /// Adds an empty item to the list at `list`, focusing it. Returns whether anything changed.
    pub fn add_item(&mut self, list: &str) -> bool {
        self.changed_below(list);
        let Some(node) = self.schema.model().and_then(|m| m.find(list)).cloned() else {
            return false;
        };
        let Kind::Array {
            item,
            prefix,
            items,
            ..
        } = &node.kind
        else {
            return false;
        };
        let index = items.len();
        let Some(template) = prefix.get(index).or(item.as_deref()) else {
            return false;
        };
        let empty = empty_value(template);
        let mut list_value = pointer::get(&self.value, list)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        list_value.push(empty);
        let len = list_value.len();
        pointer::set(&mut self.value, list, Value::Array(list_value));
        if len > self.list_limit(list) {
            self.list_limits.insert(list.to_owned(), len);
        }
        self.reshape();
        self.revalidate();
        let item_ptr = pointer::join(list, &index.to_string());
        let label = self.label_of(&item_ptr);
        self.announce(t(self.lang, "list.added", &[("item", &label)]));
        self.request_focus(self.first_input(&item_ptr));
        true
    }

    /// Removes the item at `item` (a pointer into a list), focusing its neighbour.
    pub fn remove_item(&mut self, item: &str) -> bool {
        self.changed_below(parent_pointer(item));
        let Some((list, index)) = split_item(item) else {
            return false;
        };
        let label = self.label_of(item);
        let Some(Value::Array(values)) = self.value.pointer_mut(&list) else {
            return false;
        };
        if index >= values.len() {
            return false;
        }
        values.remove(index);
        let remaining = values.len();
        self.reindex(&list, |i| match i.cmp(&index) {
            std::cmp::Ordering::Less => Some(i),
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some(i - 1),
        });
        self.reshape();
        self.revalidate();
        self.announce(t(self.lang, "list.removed", &[("item", &label)]));
        let focus = if remaining == 0 {
            Focus::AddButton(list.clone())
        } else {
            self.first_input(&pointer::join(&list, &index.min(remaining - 1).to_string()))
        };
        self.request_focus(focus);
        true
    }

    /// Moves the item at `item` up (`-1`) or down (`+1`), keeping focus on its button.
    pub fn move_item(&mut self, item: &str, delta: isize) -> bool {
        self.changed_below(parent_pointer(item));
        let Some((list, index)) = split_item(item) else {
            return false;
        };
        let Some(Value::Array(values)) = self.value.pointer_mut(&list) else {
            return false;
        };
        let Some(target) = index
            .checked_add_signed(delta)
            .filter(|t| *t < values.len())
        else {
            return false;
        };
        let label = self.label_of(item);
        let Some(Value::Array(values)) = self.value.pointer_mut(&list) else {
            return false;
        };
        values.swap(index, target);
        self.reindex(&list, |i| {
            Some(if i == index {
                target
            } else if i == target {
                index
            } else {
                i
            })
        });
        self.reshape();
        self.revalidate();
        let moved = pointer::join(&list, &target.to_string());
        let key = if delta < 0 {
            "list.moved_up"
        } else {
            "list.moved_down"
        };
        let position = (target + 1).to_string();
        self.announce(t(
            self.lang,
            key,
            &[("item", &label), ("position", &position)],
        ));
        // Focus stays on the same button of the moved item, unless the move disabled it (the
        // item reached an end): then its other move button.
        let last = pointer::get(&self.value, &list)
            .and_then(Value::as_array)
            .map_or(0, |v| v.len().saturating_sub(1));
        let button = match (delta < 0, target) {
            (true, 0) => "down",
            (true, _) => "up",
            (false, t) if t == last => "up",
            (false, _) => "down",
        };
        self.request_focus(Focus::ItemButton {
            item: moved,
            up: button == "up",
        });
        true
    }

    /// Adds a named entry to the map at `object` (an `additionalProperties` object), with an
    /// empty name for the person to fill in, and focuses its name.
    pub fn add_entry(&mut self, object: &str) -> bool {
        self.changed_below(object);
        let Some(node) = self.schema.model().and_then(|m| m.find(object)).cloned() else {
            return false;
        };
        let Kind::Object {
            extra: Some(template),
            ..
        } = &node.kind
        else {
            return false;
        };
        let entry = pointer::join(object, "");
        if pointer::get(&self.value, &entry).is_none() {
            pointer::set(&mut self.value, &entry, empty_value(template));
            self.reshape();
            self.revalidate();
            self.announce(t(self.lang, "map.added", &[]));
        }
        self.request_focus(Focus::EntryName(entry));
        true
    }

    /// The name shown for the entry at `entry`: what was typed, or its key.
    pub fn entry_name(&self, entry: &str) -> String {
        self.entry_names
            .get(entry)
            .cloned()
            .unwrap_or_else(|| pointer::last(entry))
    }

    /// A problem with the name typed for `entry`, if any (a name already used).
    pub fn entry_name_problem(&self, entry: &str) -> Option<String> {
        let typed = self.entry_names.get(entry)?;
        Some(t(self.lang, "map.name_taken", &[("name", typed)]))
    }

    /// Renames the entry at `entry` to `name`, keeping its place and its answer. A name already
    /// used is refused (the typed name stays in the box with a message); nothing is lost.
    pub fn rename_entry(&mut self, entry: &str, name: &str) -> bool {
        self.changed_below(parent_pointer(entry));
        let Some((object, old)) = entry
            .rsplit_once('/')
            .map(|(o, k)| (o.to_owned(), pointer::unescape(k)))
        else {
            return false;
        };
        if name == old {
            self.entry_names.remove(entry);
            return false;
        }
        let Some(Value::Object(map)) = self.value.pointer_mut(&object) else {
            return false;
        };
        if map.contains_key(name) {
            self.entry_names.insert(entry.to_owned(), name.to_owned());
            return false;
        }
        let renamed: serde_json::Map<String, Value> = std::mem::take(map)
            .into_iter()
            .map(|(k, v)| {
                if k == old {
                    (name.to_owned(), v)
                } else {
                    (k, v)
                }
            })
            .collect();
        *map = renamed;
        self.entry_names.remove(entry);
        let new_ptr = pointer::join(&object, name);
        self.rekey(entry, &new_ptr);
        self.reshape();
        self.revalidate();
        // Focus stays where the person put it: a name takes effect as they leave its box, most
        // often with Tab to the answer.
        true
    }

    /// Removes the entry at `entry`, focusing the map's add button.
    pub fn remove_entry(&mut self, entry: &str) -> bool {
        self.changed_below(parent_pointer(entry));
        let Some((object, key)) = entry
            .rsplit_once('/')
            .map(|(o, k)| (o.to_owned(), pointer::unescape(k)))
        else {
            return false;
        };
        let Some(Value::Object(map)) = self.value.pointer_mut(&object) else {
            return false;
        };
        if map.shift_remove(&key).is_none() {
            return false;
        }
        self.entry_names.remove(entry);
        self.reshape();
        self.revalidate();
        self.announce(t(self.lang, "map.removed", &[("name", &key)]));
        self.request_focus(Focus::AddButton(object));
        true
    }

    /// Moves what is held per pointer (typed text, touched fields) from `from` to `to`.
    fn rekey(&mut self, from: &str, to: &str) {
        let moved = |k: &str| -> Option<String> {
            if k == from {
                Some(to.to_owned())
            } else {
                k.strip_prefix(&format!("{from}/"))
                    .map(|rest| format!("{to}/{rest}"))
            }
        };
        fn apply<V>(m: &mut HashMap<String, V>, moved: &dyn Fn(&str) -> Option<String>) {
            let keys: Vec<String> = m.keys().filter(|k| moved(k).is_some()).cloned().collect();
            for k in keys {
                if let (Some(v), Some(n)) = (m.remove(&k), moved(&k)) {
                    m.insert(n, v);
                }
            }
        }
        apply(&mut self.raw, &moved);
        apply(&mut self.json_errors, &moved);
        apply(&mut self.authors, &moved);
        self.touched = self
            .touched
            .iter()
            .map(|k| moved(k).unwrap_or_else(|| k.clone()))
            .collect();
    }

    /// Re-keys what is held per pointer (typed text, touched fields) after a list's items moved:
    /// `map(old index)` gives the new index, or `None` for a removed item.
    fn reindex(&mut self, list: &str, map: impl Fn(usize) -> Option<usize>) {
        let prefix = format!("{list}/");
        let rekey = |key: &str| -> Option<Option<String>> {
            let rest = key.strip_prefix(&prefix)?;
            let (first, tail) = rest.split_once('/').map_or((rest, ""), |(a, b)| (a, b));
            let i: usize = first.parse().ok()?;
            Some(map(i).map(|n| {
                if tail.is_empty() {
                    format!("{prefix}{n}")
                } else {
                    format!("{prefix}{n}/{tail}")
                }
            }))
        };
        fn apply<V>(m: &mut HashMap<String, V>, rekey: &dyn Fn(&str) -> Option<Option<String>>) {
            let keys: Vec<String> = m.keys().filter(|k| rekey(k).is_some()).cloned().collect();
            let moved: Vec<(Option<String>, V)> = keys
                .iter()
                .map(|k| (rekey(k).flatten(), m.remove(k).expect("listed above")))
                .collect();
            for (k, v) in moved.into_iter() {
                if let Some(k) = k {
                    m.insert(k, v);
                }
            }
        }
        apply(&mut self.raw, &rekey);
        apply(&mut self.json_errors, &rekey);
        apply(&mut self.authors, &rekey);
        let touched: Vec<String> = self.touched.iter().cloned().collect();
        self.touched = touched
            .into_iter()
            .filter_map(|k| match rekey(&k) {
                Some(new) => new,
                None => Some(k),
            })
            .collect();
    }
}

/// Splits `/list/3` into (`/list`, 3); `None` when the last token is not an index.
pub(super) fn split_item(item: &str) -> Option<(String, usize)> {
    let (list, last) = item.rsplit_once('/')?;
    Some((list.to_owned(), last.parse().ok()?))
}

/// The pointer of the list or object holding `pointer` (`""` at the top).
fn parent_pointer(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(up, _)| up)
}

/// The value a new list item starts with: nothing typed yet, in the item's shape.
fn empty_value(template: &Node) -> Value {
    match &template.kind {
        Kind::Object { .. } => Value::Object(Default::default()),
        Kind::Array { .. } | Kind::MultiChoice { .. } => Value::Array(Vec::new()),
        Kind::Text { .. } => Value::String(String::new()),
        Kind::Boolean => Value::Bool(false),
        _ => Value::Null,
    }
}
