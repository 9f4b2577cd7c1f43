//! Where the person is in a record, kept with a draft: the field they last changed, the fields
//! they opened with "Add more" and the recursive parts they opened; and restoring a draft with it.

use super::{Focus, RecordState};
use serde_json::{Value, json};

impl RecordState {
    /// Where the person is, as JSON: `{"focus": pointer or null, "revealed": [...], "opened":
    /// [...]}` (sorted, so the same place writes the same text).
    pub fn place(&self) -> Value {
        let sorted = |set: &std::collections::HashSet<String>| {
            let mut list: Vec<&String> = set.iter().collect();
            list.sort();
            json!(list)
        };
        json!({
            "focus": self.last_edited,
            "revealed": sorted(&self.revealed),
            "opened": sorted(&self.opened),
        })
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
}
