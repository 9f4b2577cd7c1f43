//! A record from a form sent without JavaScript (issue #21): a first paint drawn for no script
//! (`ourplan render --light`) names each control by its field's JSON Pointer, and this turns the
//! posted fields back into the record by the same edits typing makes, so a value reads the same
//! whether a browser's kit or a server assembled it.
//!
//! The names (see the views in `ourplan-ui`): a text, number, text area or select is named by
//! its pointer; radios too, with the option's place as the value; a yes/no box by its pointer
//! (value `true`), and a box of a multiple choice by its pointer with the option's place; the
//! three boxes of a memorable date `P~day`, `P~month`, `P~year`; the shape chosen `P~shape`; a
//! named entry's name `P~name`. A box that is not ticked is not sent at all, so each group of
//! boxes also sends `P~shown`: a box shown and not sent is unticked. `~` is never followed by
//! anything but `0` or `1` in a pointer, so these names cannot be a field's. A button pressed
//! (a list's "Add", "Add more") is sent as `op-action` = `NAME:POINTER`.

use super::{Action, Input, RecordState};
use crate::model::{InputKind, Kind};

/// The name a no-script button is sent under.
pub const ACTION_FIELD: &str = "op-action";

/// What a posted form held besides the answers.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Posted {
    /// The button pressed, applied after the answers (the person asked for something other
    /// than sending the form: another list item, a field "Add more" hides), if any.
    pub action: Option<Action>,
    /// That button as the form sent it (`add:/outcomes`).
    pub pressed: Option<String>,
    /// Names that are not a field of this form (another form's, or a field that no longer
    /// shows), with what was sent, kept for the caller to say so: never dropped silently.
    pub unplaced: Vec<(String, String)>,
}

/// The value three memorable-date boxes make: `YYYY-MM-DD` once they make a date, nothing when
/// all three are empty, and otherwise what was typed (`day|month|year`), kept for the person to
/// finish, with the validator asking for a real date.
pub fn memorable_date(day: &str, month: &str, year: &str) -> String {
    let (d, m, y) = (day.trim(), month.trim(), year.trim());
    match (d.parse::<u32>(), m.parse::<u32>(), y.parse::<u32>()) {
        _ if d.is_empty() && m.is_empty() && y.is_empty() => String::new(),
        (Ok(d), Ok(m), Ok(y)) if y >= 1000 => format!("{y:04}-{m:02}-{d:02}"),
        _ => format!("{d}|{m}|{y}"),
    }
}

/// The action a no-script button names (`add:/list`), or `None` for a name this kit does not
/// have.
pub fn button_action(text: &str) -> Option<Action> {
    let (name, pointer) = text.split_once(':')?;
    let pointer = pointer.to_owned();
    Some(match name {
        "reveal" => Action::Reveal { pointer },
        "add" => Action::AddItem { pointer },
        "remove" => Action::RemoveItem { pointer },
        "up" => Action::MoveItem { pointer, delta: -1 },
        "down" => Action::MoveItem { pointer, delta: 1 },
        "add-entry" => Action::AddEntry { pointer },
        "remove-entry" => Action::RemoveEntry { pointer },
        "open" => Action::Open { pointer },
        "more" => Action::ShowMore { pointer },
        _ => return None,
    })
}

impl RecordState {
    /// Applies a form's posted fields (`name`, `value`, in the order sent) as the person's
    /// edits, then the button pressed. The record should hold the schema and level the page was
    /// drawn with, and the value it was drawn from, if any.
    pub fn apply_posted(&mut self, fields: &[(String, String)]) -> Posted {
        let mut posted = Posted::default();
        let value_of = |name: &str| {
            fields
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        // Shapes first: the fields of the shape chosen only exist once it is.
        for (name, value) in fields {
            if let Some(pointer) = name.strip_suffix("~shape") {
                match value.parse::<usize>() {
                    Ok(branch) => {
                        self.apply(Action::Choose {
                            pointer: pointer.to_owned(),
                            branch,
                        });
                    }
                    Err(_) => posted.unplaced.push((name.clone(), value.clone())),
                }
            }
        }
        let mut done: Vec<&str> = Vec::new();
        for (name, value) in fields {
            if name == ACTION_FIELD {
                match button_action(value) {
                    Some(action) => {
                        posted.action = Some(action);
                        posted.pressed = Some(value.clone());
                    }
                    None => posted.unplaced.push((name.clone(), value.clone())),
                }
                continue;
            }
            if name.ends_with("~shape") {
                continue;
            }
            let (pointer, part) = match name.split_once('~') {
                Some((p, part)) => (p, Some(part)),
                None => (name.as_str(), None),
            };
            let Some(kind) = self.reach(pointer) else {
                posted.unplaced.push((name.clone(), value.clone()));
                continue;
            };
            let edit = |input| Action::Edit {
                pointer: pointer.to_owned(),
                input,
            };
            let action = match (&kind, part) {
                (_, Some("name")) => Some(Action::RenameEntry {
                    pointer: pointer.to_owned(),
                    name: value.clone(),
                }),
                (Kind::Text { input, .. }, Some("day" | "month" | "year"))
                    if *input == InputKind::MemorableDate =>
                {
                    if done.contains(&pointer) {
                        None
                    } else {
                        done.push(pointer);
                        let part = |p: &str| value_of(&format!("{pointer}~{p}")).unwrap_or("");
                        Some(edit(Input::Text(memorable_date(
                            part("day"),
                            part("month"),
                            part("year"),
                        ))))
                    }
                }
                (Kind::Boolean | Kind::MultiChoice { .. }, Some("shown") | None) => {
                    if done.contains(&pointer) {
                        None
                    } else {
                        done.push(pointer);
                        self.apply_boxes(pointer, &kind, fields);
                        None
                    }
                }
                (Kind::Choice { options, .. }, None) => match value.parse::<usize>() {
                    Ok(i) if i < options.len() => Some(edit(Input::Choice(Some(i)))),
                    _ if value.is_empty() => Some(edit(Input::Choice(None))),
                    _ => {
                        posted.unplaced.push((name.clone(), value.clone()));
                        None
                    }
                },
                (Kind::Text { input, .. }, None) => {
                    Some(edit(Input::Text(with_utc_offset(*input, value))))
                }
                (_, None) => Some(edit(Input::Text(value.clone()))),
                (_, Some(_)) => {
                    posted.unplaced.push((name.clone(), value.clone()));
                    None
                }
            };
            if let Some(action) = action {
                let commit = matches!(action, Action::Edit { .. });
                self.apply(action);
                if commit {
                    self.apply(Action::Commit {
                        pointer: pointer.to_owned(),
                    });
                }
            }
        }
        posted
    }

    /// The kind of the field at `pointer`, adding the list items on the way to it that the
    /// page had and the record does not yet (the form drawn after "Add", sent back to a server
    /// that starts afresh): items come in order, so each is the next of its list.
    fn reach(&mut self, pointer: &str) -> Option<Kind> {
        if let Some(node) = self.model().and_then(|m| m.find(pointer)) {
            return Some(node.kind.clone());
        }
        let (parent, last) = pointer.rsplit_once('/')?;
        if let (Kind::Array { items, .. }, Ok(index)) = (self.reach(parent)?, last.parse::<usize>())
            && items.len() == index
        {
            self.apply(Action::AddItem {
                pointer: parent.to_owned(),
            });
        }
        self.model()
            .and_then(|m| m.find(pointer))
            .map(|n| n.kind.clone())
    }

    /// A yes/no box or a multiple choice's boxes, from which were sent.
    fn apply_boxes(&mut self, pointer: &str, kind: &Kind, fields: &[(String, String)]) {
        let sent: Vec<&str> = fields
            .iter()
            .filter(|(n, _)| n == pointer)
            .map(|(_, v)| v.as_str())
            .collect();
        // As typing would leave it: a box never ticked stays unanswered; one ticked before
        // (the value the page was drawn from) and not sent now was unticked.
        let before = self.value_at(pointer).cloned();
        match kind {
            Kind::Boolean => {
                let on = !sent.is_empty();
                if on || before == Some(serde_json::Value::Bool(true)) {
                    self.apply(Action::Edit {
                        pointer: pointer.to_owned(),
                        input: Input::Bool(on),
                    });
                }
            }
            Kind::MultiChoice { options, .. } => {
                let had = |i: usize| {
                    before
                        .as_ref()
                        .and_then(|v| v.as_array())
                        .is_some_and(|list| list.contains(&options[i].value))
                };
                for i in 0..options.len() {
                    let on = sent.contains(&i.to_string().as_str());
                    if on != had(i) {
                        self.apply(Action::Edit {
                            pointer: pointer.to_owned(),
                            input: Input::Toggle(i, on),
                        });
                    }
                }
            }
            _ => {}
        }
        self.apply(Action::Commit {
            pointer: pointer.to_owned(),
        });
    }
}

/// A time or date-time from a browser's native input has no seconds and no offset, and a server
/// cannot know the person's: taken as UTC (in the browser the kit adds the person's own offset).
fn with_utc_offset(input: InputKind, typed: &str) -> String {
    match input {
        InputKind::DateTime if typed.len() == 16 => format!("{typed}:00+00:00"),
        InputKind::Time if typed.len() == 5 => format!("{typed}:00+00:00"),
        _ => typed.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::record::tests_support::{list_record, record};
    use serde_json::json;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn each_kind_of_field_reads_as_typing_would() {
        let mut r = record();
        let posted = r.apply_posted(&pairs(&[
            ("/name", "Ann"),
            ("/age", "42"),
            ("/about/likes", "Gardening"),
            ("/consent~shown", ""),
            ("/consent", "true"),
            ("/pick", "1"),
        ]));
        assert_eq!(posted, Posted::default());
        assert_eq!(
            r.value(),
            &json!({"name": "Ann", "age": 42, "about": {"likes": "Gardening"}, "consent": true, "pick": "b"})
        );
        assert!(r.is_valid());
    }

    #[test]
    fn a_box_shown_and_not_sent_is_unticked_and_text_that_is_not_a_number_is_kept() {
        let mut r = record();
        r.set_value(json!({"consent": true}));
        r.apply_posted(&pairs(&[("/consent~shown", ""), ("/age", "forty")]));
        assert_eq!(r.value()["consent"], json!(false));
        // Kept as typed, with the validator's word on it, never dropped.
        assert_eq!(r.display_text("/age"), "forty");
        r.validate_all();
        assert!(!r.is_valid());
    }

    #[test]
    fn a_memorable_date_is_read_from_its_three_boxes_and_kept_when_unfinished() {
        assert_eq!(memorable_date("5", "3", "2026"), "2026-03-05");
        assert_eq!(memorable_date(" ", "", ""), "");
        assert_eq!(memorable_date("31", "", "20"), "31||20");
        let mut r = RecordState::new(Lang::En);
        r.set_schema(
            &json!({"properties": {"when": {"type": "string", "format": "date", "title": "When"}}}),
        )
        .unwrap();
        assert!(matches!(
            r.model().unwrap().find("/when").unwrap().kind,
            Kind::Text {
                input: InputKind::MemorableDate,
                ..
            }
        ));
        r.apply_posted(&pairs(&[
            ("/when~day", "5"),
            ("/when~month", "3"),
            ("/when~year", "2026"),
        ]));
        assert_eq!(r.value()["when"], json!("2026-03-05"));
    }

    #[test]
    fn a_button_is_an_action_applied_after_the_answers_and_unknown_names_are_kept_aside() {
        let mut r = list_record();
        let posted = r.apply_posted(&pairs(&[
            ("/nowhere", "typed"),
            ("/ways~shown", ""),
            ("/ways", "0"),
            ("/ways", "2"),
            (ACTION_FIELD, "add:/steps"),
        ]));
        assert_eq!(
            posted.action,
            Some(Action::AddItem {
                pointer: "/steps".into()
            })
        );
        assert_eq!(posted.pressed.as_deref(), Some("add:/steps"));
        assert_eq!(posted.unplaced, pairs(&[("/nowhere", "typed")]));
        assert_eq!(r.value()["ways"], json!(["phone", "letter"]));
        let mut r = list_record();
        let posted = r.apply_posted(&pairs(&[(ACTION_FIELD, "launch:/steps")]));
        assert_eq!(posted.action, None);
        assert_eq!(posted.unplaced, pairs(&[(ACTION_FIELD, "launch:/steps")]));
    }

    #[test]
    fn list_items_the_page_had_are_made_again_in_order() {
        let mut r = list_record();
        let posted = r.apply_posted(&pairs(&[
            ("/steps/0/what", "Phone Sian"),
            ("/steps/1/what", "Book the taxi"),
            ("/steps/1/weeks", "2"),
            ("/steps/5/what", "Too far"),
        ]));
        assert_eq!(
            r.value()["steps"],
            json!([{"what": "Phone Sian"}, {"what": "Book the taxi", "weeks": 2}])
        );
        // An item that is not the next one is not made up: kept aside, and said.
        assert_eq!(posted.unplaced, pairs(&[("/steps/5/what", "Too far")]));
    }

    #[test]
    fn every_button_name_reads_back() {
        for (text, action) in [
            (
                "reveal:/a",
                Action::Reveal {
                    pointer: "/a".into(),
                },
            ),
            (
                "add:/a",
                Action::AddItem {
                    pointer: "/a".into(),
                },
            ),
            (
                "remove:/a/0",
                Action::RemoveItem {
                    pointer: "/a/0".into(),
                },
            ),
            (
                "up:/a/1",
                Action::MoveItem {
                    pointer: "/a/1".into(),
                    delta: -1,
                },
            ),
            (
                "down:/a/0",
                Action::MoveItem {
                    pointer: "/a/0".into(),
                    delta: 1,
                },
            ),
            (
                "add-entry:/m",
                Action::AddEntry {
                    pointer: "/m".into(),
                },
            ),
            (
                "remove-entry:/m/x",
                Action::RemoveEntry {
                    pointer: "/m/x".into(),
                },
            ),
            (
                "open:/r",
                Action::Open {
                    pointer: "/r".into(),
                },
            ),
            (
                "more:/a",
                Action::ShowMore {
                    pointer: "/a".into(),
                },
            ),
        ] {
            assert_eq!(button_action(text), Some(action), "{text}");
        }
        assert_eq!(button_action("nothing"), None);
    }
}
