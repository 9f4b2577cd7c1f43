//! Where the person is in a record, kept with a draft: the field they last changed, the fields
//! they opened with "Add more" and the recursive parts they opened; and restoring a draft with it.

use super::{Focus, RecordState};
use crate::model::{FormModel, Kind, Node};
use crate::pointer;
use serde_json::{Map, Value, json};

impl RecordState {
    /// Where the person is, as JSON: `{"focus": pointer or null, "revealed": [...], "opened":
    /// [...]}` (sorted, so the same place writes the same text).
    pub fn place(&self) -> Value {
        let sorted = |set: &std::collections::HashSet<String>| {
            let mut list: Vec<&String> = set.iter().collect();
            list.sort();
            json!(list)
        };
        let mut place = json!({
            "focus": self.last_edited,
            "revealed": sorted(&self.revealed),
            "opened": sorted(&self.opened),
        });
        if let Some(authors) = self.authors_written() {
            place["authors"] = authors;
        }
        place
    }

    /// Restores a draft: its value (as the host's `value` would set it), then the fields opened
    /// and focus on the field last changed, when the form still has it; `said` is announced (the
    /// draft's time, in words). Whatever in `place` is not understood is left alone.
    pub fn restore(&mut self, value: Value, place: &Value, said: String) {
        self.set_value(value);
        let list = |name: &str| -> Vec<String> {
            place
                .get(name)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        self.take_authors(place.get("authors"));
        self.revealed.extend(list("revealed"));
        let opened = list("opened");
        if !opened.is_empty() {
            self.opened.extend(opened);
            self.reshape();
        }
        self.changed_all();
        self.announce(said);
        let focus = place.get("focus").and_then(Value::as_str);
        if let Some(pointer) =
            focus.filter(|p| self.schema.model().is_some_and(|m| m.find(p).is_some()))
        {
            self.last_edited = Some(pointer.to_owned());
            self.request_focus(Focus::Field(pointer.to_owned()));
        }
    }

    /// Takes out of the value the answers to questions the form does not ask (a draft written
    /// against a schema since changed), and returns them by pointer, as a JSON object, for the
    /// person to see and download. Answers the form still asks stay, fitting or not (the form
    /// shows what is wrong with them); answers to conditional questions that are only hidden are
    /// put aside as always, and come back with their question. `None` when everything is asked.
    pub fn take_unasked(&mut self) -> Option<Value> {
        let model = self.schema.model()?;
        let mut aside = Map::new();
        unasked(model, &model.root, "", &self.value, &mut aside);
        if aside.is_empty() {
            return None;
        }
        let mut value = self.value.clone();
        for at in aside.keys() {
            pointer::remove(&mut value, at, &|_| true);
        }
        // As the host's `value` would be set, so the form redraws whole and checks again.
        let (revealed, opened) = (self.revealed.clone(), self.opened.clone());
        self.set_value(value);
        self.revealed = revealed;
        self.opened = opened;
        Some(Value::Object(aside))
    }
}

/// Collects, under `at`, the answers in `value` that `node` does not draw.
fn unasked(model: &FormModel, node: &Node, at: &str, value: &Value, out: &mut Map<String, Value>) {
    let Value::Object(map) = value else {
        return;
    };
    let draws_children = match &node.kind {
        Kind::Object { .. } => true,
        Kind::Alternatives {
            chosen: Some((_, inner)),
            ..
        } => matches!(inner.kind, Kind::Object { .. }),
        // A field that takes any JSON, a list, a choice: what it holds is its own answer.
        _ => false,
    };
    if !draws_children {
        return;
    }
    for (key, child) in map {
        let child_at = pointer::join(at, key);
        match model.find(&child_at) {
            Some(child_node) => unasked(model, child_node, &child_at, child, out),
            None => {
                out.insert(child_at, child.clone());
            }
        }
    }
}
