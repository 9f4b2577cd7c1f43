//! Who answered what in a record (issue #19's authorship, for records): optional, never
//! required. While the host's `author` is set, each answer the person changes is noted with
//! their name and a fingerprint of the words they left; the form shows "Answered by Sian" under
//! an answer only while it still holds exactly those words. So a later change by someone else
//! (or by nobody named) quietly stops the note, a list item that moves takes its notes along,
//! and a note can never name someone beside words they did not write.
//!
//! A record's `value` is the host's data in the schema's shape, so the notes live beside it: in a
//! record copy (`authors`, next to `merge`) and in a draft's place. Combining copies takes both
//! copies' notes; those matching neither the combined answer nor one of its kept versions are
//! dropped when written.

use super::RecordState;
use crate::pointer;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// Names longer than this are cut (a copy is untrusted input).
const NAME_CHARS: usize = 120;
/// Notes kept per answer: its author, and those of versions kept by a conflict.
const PER_ANSWER: usize = 8;

/// One note: who left the answer's words, and a fingerprint of those words.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Note {
    by: String,
    print: u64,
}

/// The notes, by the answer's pointer.
pub(super) type Notes = HashMap<String, Vec<Note>>;

/// A fingerprint of an answer's words: FNV-1a over its JSON text (the same on every device and
/// in every build; not a secret, only a check that the words are still the ones noted).
fn print(value: &Value) -> u64 {
    let text = value.to_string();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

impl RecordState {
    /// Who is editing (the host's `author`): noted on answers they change. Empty for nobody.
    pub fn set_author(&mut self, author: &str) {
        let author: String = author.trim().chars().take(NAME_CHARS).collect();
        self.author = (!author.is_empty()).then_some(author);
    }

    /// Who is editing, if the host said.
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }

    /// Who left the words the answer at `pointer` holds now, if anyone named did.
    pub fn answered_by(&self, pointer: &str) -> Option<&str> {
        let notes = self.authors.get(pointer)?;
        let now = print(pointer::get(&self.value, pointer)?);
        notes.iter().find(|n| n.print == now).map(|n| n.by.as_str())
    }

    /// Who left `version` (one of a conflict's versions) of the answer at `pointer`, if anyone
    /// named did.
    pub fn version_by(&self, pointer: &str, version: &Value) -> Option<&str> {
        let print = print(version);
        let notes = self.authors.get(pointer)?;
        notes
            .iter()
            .find(|n| n.print == print)
            .map(|n| n.by.as_str())
    }

    /// Notes the author (if any) against the answer at `pointer`, after the person changed it.
    pub(super) fn note_answer(&mut self, pointer: &str) {
        let Some(by) = self.author.clone() else {
            return;
        };
        let Some(value) = pointer::get(&self.value, pointer) else {
            // No answer left: nothing to note; others' notes no longer match and are dropped
            // when written.
            return;
        };
        let note = Note {
            by,
            print: print(value),
        };
        let notes = self.authors.entry(pointer.to_owned()).or_default();
        // Their earlier words here are replaced; others' stay for versions a conflict keeps.
        notes.retain(|n| n.by != note.by);
        notes.push(note);
        notes.sort();
    }

    /// The notes worth keeping, as JSON (`{pointer: [{"by", "print"}]}`, sorted): those matching
    /// the answer there now, or a version a conflict keeps. `None` when there are none.
    pub fn authors_written(&self) -> Option<Value> {
        let conflicts = self.conflicts();
        let mut pointers: Vec<&String> = self.authors.keys().collect();
        pointers.sort();
        let mut out = Map::new();
        for at in pointers {
            let mut prints: Vec<u64> = conflicts
                .iter()
                .filter(|c| &c.at == at)
                .flat_map(|c| c.values.iter().map(print))
                .collect();
            if let Some(now) = pointer::get(&self.value, at) {
                prints.push(print(now));
            }
            let kept: Vec<Value> = self.authors[at]
                .iter()
                .filter(|n| prints.contains(&n.print))
                .map(|n| json!({ "by": n.by, "print": format!("{:016x}", n.print) }))
                .collect();
            if !kept.is_empty() {
                out.insert(at.clone(), Value::Array(kept));
            }
        }
        (!out.is_empty()).then_some(Value::Object(out))
    }

    /// Takes notes written by [`RecordState::authors_written`] (from a draft or another copy)
    /// into this record's, keeping both where they differ. Whatever is not understood is left
    /// out. Returns whether anything was added.
    pub(super) fn take_authors(&mut self, written: Option<&Value>) -> bool {
        let Some(map) = written.and_then(Value::as_object) else {
            return false;
        };
        let mut added = false;
        for (at, list) in map {
            if !at.is_empty() && !at.starts_with('/') {
                continue;
            }
            for note in list.as_array().into_iter().flatten() {
                let by = note.get("by").and_then(Value::as_str).unwrap_or("").trim();
                let print = note
                    .get("print")
                    .and_then(Value::as_str)
                    .and_then(|p| u64::from_str_radix(p, 16).ok());
                let (false, Some(print)) = (by.is_empty(), print) else {
                    continue;
                };
                let note = Note {
                    by: by.chars().take(NAME_CHARS).collect(),
                    print,
                };
                let notes = self.authors.entry(at.clone()).or_default();
                if !notes.contains(&note) && notes.len() < PER_ANSWER {
                    notes.push(note);
                    notes.sort();
                    added = true;
                }
            }
        }
        added
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::record::Action;
    use crate::record::tests_support::type_in;

    fn record() -> RecordState {
        let mut s = RecordState::new(Lang::En);
        s.set_schema(&json!({
            "type": "object",
            "properties": {
                "matters": { "type": "string", "title": "What matters to you" },
                "lives": { "type": "string" },
                "people": { "type": "array", "items": { "type": "string" } }
            }
        }))
        .unwrap();
        s.set_value(json!({ "matters": "", "people": ["Ann", "Bryn", "Ceri"] }));
        s
    }

    #[test]
    fn an_answer_is_noted_only_while_an_author_is_set_and_only_while_it_holds_their_words() {
        let mut s = record();
        type_in(&mut s, "/matters", "Gardening");
        assert_eq!(
            s.answered_by("/matters"),
            None,
            "nobody named, nothing noted"
        );
        s.set_author("  Sian ");
        assert_eq!(s.author(), Some("Sian"));
        type_in(&mut s, "/matters", "Gardening with my son");
        assert_eq!(s.answered_by("/matters"), Some("Sian"));
        // Someone unnamed changes it: the note no longer matches, so it is not shown.
        s.set_author("");
        type_in(&mut s, "/matters", "Gardening with my daughter");
        assert_eq!(s.answered_by("/matters"), None);
        assert_eq!(
            s.authors_written(),
            None,
            "a note that matches nothing is not written"
        );
        // Another named person: theirs.
        s.set_author("Alun");
        type_in(&mut s, "/matters", "Gardening, and my daughter");
        assert_eq!(s.answered_by("/matters"), Some("Alun"));
    }

    #[test]
    fn a_list_item_that_moves_or_goes_takes_its_note_with_it() {
        let mut s = record();
        s.set_author("Sian");
        type_in(&mut s, "/people/2", "Ceri Jones");
        assert_eq!(s.answered_by("/people/2"), Some("Sian"));
        s.apply(Action::MoveItem {
            pointer: "/people/2".into(),
            delta: -1,
        });
        assert_eq!(s.answered_by("/people/1"), Some("Sian"));
        assert_eq!(s.answered_by("/people/2"), None);
        s.apply(Action::RemoveItem {
            pointer: "/people/0".into(),
        });
        assert_eq!(s.answered_by("/people/0"), Some("Sian"));
        s.apply(Action::RemoveItem {
            pointer: "/people/0".into(),
        });
        assert_eq!(s.answered_by("/people/0"), None);
        assert_eq!(s.authors_written(), None);
    }

    #[test]
    fn notes_go_with_a_draft_and_a_copy_and_hostile_ones_are_left_out() {
        let mut s = record();
        s.set_author("Sian <script>alert(1)</script>");
        type_in(&mut s, "/lives", "Bangor");
        let place = s.place();
        let mut back = record();
        back.restore(s.value().clone(), &place, String::new());
        assert_eq!(
            back.answered_by("/lives"),
            Some("Sian <script>alert(1)</script>"),
            "a name is text, shown as text"
        );
        let copy = s.copy();
        assert!(copy["authors"]["/lives"].is_array());
        // Nonsense in a copy is left out, not trusted.
        let mut other = record();
        assert!(!other.take_authors(Some(&json!({
            "lives": [{ "by": "X", "print": "00" }],
            "/lives": [{ "by": "", "print": "00" }, { "by": "Y", "print": "zz" }, 7],
            "/matters": "not a list"
        }))));
        let long = "n".repeat(1000);
        assert!(other.take_authors(Some(&json!({ "/lives": [{ "by": long, "print": "01" }] }))));
        assert_eq!(other.authors["/lives"][0].by.chars().count(), NAME_CHARS);
    }

    #[test]
    fn combining_copies_keeps_each_copys_notes_for_the_answers_it_gave() {
        let start = json!({ "matters": "Seeing my family", "lives": "Bangor" });
        let mut worker = record();
        worker.set_value(start.clone());
        worker.checkpoint();
        let mut citizen = record();
        citizen.set_value(start);
        citizen.checkpoint();
        worker.set_author("Alun");
        citizen.set_author("Sian");
        type_in(&mut worker, "/lives", "Bangor, by the pier");
        type_in(&mut citizen, "/matters", "Seeing my family on Sundays");
        type_in(&mut worker, "/matters", "Seeing my family and friends");
        let (w, c) = (worker.copy(), citizen.copy());
        worker.merge_copy(&c, false).unwrap();
        citizen.merge_copy(&w, false).unwrap();
        for s in [&worker, &citizen] {
            assert_eq!(s.answered_by("/lives"), Some("Alun"));
            // Both changed "matters": each version keeps its author's note until one is chosen.
            let written = s.authors_written().unwrap();
            let names: Vec<&str> = written["/matters"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["by"].as_str().unwrap())
                .collect();
            assert_eq!(names.len(), 2, "{written}");
        }
        assert_eq!(worker.authors_written(), citizen.authors_written());
        let [a, b] = &worker.conflicts()[0].values[..] else {
            panic!("two versions")
        };
        let mut by = [
            worker.version_by("/matters", a),
            worker.version_by("/matters", b),
        ];
        by.sort();
        assert_eq!(
            by,
            [Some("Alun"), Some("Sian")],
            "each version says whose it is"
        );
        // Choosing the person's version shows her name beside it.
        let theirs = json!("Seeing my family on Sundays");
        worker.apply(Action::KeepVersion {
            pointer: "/matters".into(),
            value: theirs,
        });
        assert_eq!(worker.answered_by("/matters"), Some("Sian"));
    }
}
