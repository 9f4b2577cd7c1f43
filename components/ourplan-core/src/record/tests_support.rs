//! The records the record tests share: one with a field of each simple kind, one with lists.

use super::{Action, Input, RecordState};
use crate::i18n::Lang;
use serde_json::json;

/// A record with a field of each simple kind (text with a limit, number, group, yes/no, choice,
/// and one the form cannot draw).
pub(super) fn record() -> RecordState {
    let mut r = RecordState::new(Lang::En);
    r.set_schema(&json!({
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "title": "Full name", "maxLength": 10},
            "age": {"type": "integer", "title": "Age", "minimum": 0},
            "about": {"type": "object", "title": "About", "properties": {"likes": {"type": "string"}}},
            "consent": {"type": "boolean", "title": "Consent"},
            "pick": {"enum": ["a", "b"], "title": "Pick"},
            "extra": {"type": ["array", "object"], "title": "Extra"}
        }
    }))
    .unwrap();
    r
}

/// A record with a list of groups and a list of options.
pub(super) fn list_record() -> RecordState {
    let mut r = RecordState::new(Lang::En);
    r.set_schema(&json!({"properties": {
        "steps": {"type": "array", "title": "Next steps", "maxItems": 3, "items": {"type": "object", "title": "Step", "properties": {
            "what": {"type": "string", "title": "What"}, "weeks": {"type": "integer", "title": "Weeks"}}}},
        "ways": {"type": "array", "title": "Ways", "items": {"enum": ["phone", "email", "letter"]}}
    }})).unwrap();
    r
}

/// Types `text` into the field at `pointer`, as the person would.
pub(super) fn type_in(s: &mut RecordState, pointer: &str, text: &str) {
    s.apply(Action::Edit {
        pointer: pointer.to_owned(),
        input: Input::Text(text.to_owned()),
    });
}
