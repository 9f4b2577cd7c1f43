//! The record's own copies panel (the element's `copies` attribute), for pages with no server of
//! their own (a user-led organisation's site, a person at home): share a copy as a file, and
//! combine with a copy someone sends back: first what it will do, in plain words, then combined
//! when the person says so, and undone in one step until they change anything after. The host
//! can do the same with `copy()` and `merge()`.

use super::{Action, Focus, RecordState, authors::Notes};
use crate::Emit;
use crate::i18n::t;
use crate::merge::{History, MergeError, Summary};
use crate::record::merge::MergedRecord;
use serde_json::Value;

/// A copy chosen in the panel, and what combining it will do.
#[derive(Debug, Clone)]
pub struct Combining {
    /// The copy, as read.
    copy: Value,
    /// The combined record; `None` while the copy is of another record and not yet confirmed.
    merged: Option<MergedRecord>,
    /// What combining does.
    pub summary: Summary,
    /// The copy is of a different record (its history started elsewhere).
    pub other_document: bool,
}

/// The record before the panel combined a copy: enough to put it back.
#[derive(Debug, Clone)]
pub(super) struct Before {
    value: Value,
    copy: Option<History>,
    authors: Notes,
}

impl Action {
    /// Whether the action can change the answers (after which a combination is not undone).
    pub(super) fn changes_answers(&self) -> bool {
        !matches!(
            self,
            Action::Commit { .. }
                | Action::Leave { .. }
                | Action::Open { .. }
                | Action::ShowMore { .. }
                | Action::Reveal { .. }
                | Action::UndoCombine
                | Action::SetAuthor(_)
                | Action::Combine(_)
                | Action::CombineTooLarge(_)
                | Action::CombineAnyway
                | Action::CombineCancel
        )
    }
}

impl RecordState {
    /// The copy chosen in the panel, waiting for the person to combine it or not.
    pub fn combining(&self) -> Option<&Combining> {
        self.combining.as_deref()
    }

    /// Why the copy chosen in the panel could not be read.
    pub fn copies_error(&self) -> Option<&str> {
        self.copies_error.as_deref()
    }

    /// Whether the panel's last combination can still be undone.
    pub fn can_undo_combine(&self) -> bool {
        self.before_combining.is_some()
    }

    /// Reads a chosen copy (the file's text) and shows what combining it would do.
    pub(super) fn combine_preview(&mut self, text: &str) -> Emit {
        self.copies_error = None;
        self.combining = None;
        self.changed_top();
        let copy = match crate::schema::parse_value_within(text, &self.limits) {
            Ok(copy) => copy,
            Err(e) => {
                let reason = e.person_message(self.lang);
                self.refuse_copy(reason);
                return Emit::Nothing;
            }
        };
        let (merged, other_document) = match self.merged_with(&copy, false) {
            Ok(m) => (Some(m), false),
            Err(MergeError::OtherDocument) => (None, true),
            Err(MergeError::Broken(why)) => {
                self.refuse_copy(why);
                return Emit::Nothing;
            }
        };
        let summary = merged
            .as_ref()
            .map(|m| m.summary.clone())
            .unwrap_or_default();
        self.combining = Some(Box::new(Combining {
            copy,
            merged,
            summary,
            other_document,
        }));
        self.announce(t(self.lang, "form.copies.preview_title", &[]));
        self.request_focus(Focus::Element("op-combine".to_owned()));
        Emit::Nothing
    }

    /// A copy chosen in the panel is over the `valueBytes` limit: refused before it is read.
    pub(super) fn combine_too_large(&mut self, bytes: f64) -> Emit {
        if let Err(e) = self.limits.check_file_size(bytes) {
            self.combining = None;
            self.changed_top();
            // Said as it is: the file was never read, so not "could not be read as a copy".
            self.copies_error = Some(e.person_message(self.lang));
            self.request_focus(Focus::Element("op-combine-button".to_owned()));
        }
        Emit::Nothing
    }

    fn refuse_copy(&mut self, reason: String) {
        let said = t(self.lang, "form.copies.unreadable", &[("reason", &reason)]);
        self.copies_error = Some(said);
        self.request_focus(Focus::Element("op-combine-button".to_owned()));
    }

    /// The person confirmed combining a copy of a different record.
    pub(super) fn combine_anyway(&mut self) -> Emit {
        let Some(c) = self.combining.as_deref() else {
            return Emit::Nothing;
        };
        let merged = self.merged_with(&c.copy, true);
        if let (Ok(m), Some(c)) = (merged, self.combining.as_deref_mut()) {
            c.summary = m.summary.clone();
            c.merged = Some(m);
            c.other_document = false;
        }
        self.changed_top();
        self.request_focus(Focus::Element("op-combine".to_owned()));
        Emit::Nothing
    }

    /// Combines the copy shown, keeping the record as it was for one undo. The host hears
    /// `ourplan-merge`, then `input` and `change`.
    pub(super) fn combine_apply(&mut self) -> Emit {
        let Some(c) = self.combining.take() else {
            return Emit::Nothing;
        };
        let Combining { copy, merged, .. } = *c;
        let Some(merged) = merged else {
            return Emit::Nothing;
        };
        self.before_combining = Some(Box::new(Before {
            value: self.value.clone(),
            copy: self.copy.clone(),
            authors: self.authors.clone(),
        }));
        let summary = self.apply_merged(merged, &copy);
        self.changed_top();
        let focus = if summary.conflicts > 0 {
            "op-conflicts"
        } else {
            "op-combine-undo"
        };
        self.request_focus(Focus::Element(focus.to_owned()));
        Emit::Merge
    }

    /// Closes the copy shown without combining it.
    pub(super) fn combine_cancel(&mut self) -> Emit {
        if self.combining.take().is_some() || self.copies_error.take().is_some() {
            self.changed_top();
            self.announce(t(self.lang, "form.copies.cancelled", &[]));
            self.request_focus(Focus::Element("op-combine-button".to_owned()));
        }
        Emit::Nothing
    }

    /// Puts the record back as it was before the panel's last combination.
    pub(super) fn undo_combine(&mut self) -> Emit {
        let Some(before) = self.before_combining.take() else {
            return Emit::Nothing;
        };
        let Before {
            value,
            copy,
            authors,
        } = *before;
        self.set_value(value);
        self.copy = copy;
        self.authors = authors;
        self.announce(t(self.lang, "form.copies.undone", &[]));
        self.request_focus(Focus::Element("op-combine-button".to_owned()));
        Emit::Both
    }

    /// The panel and the conflicts above the form are drawn again.
    fn changed_top(&mut self) {
        self.changed_at("");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::record::tests_support::type_in;
    use serde_json::json;

    fn record(value: Value) -> RecordState {
        let mut s = RecordState::new(Lang::En);
        s.set_schema(&json!({
            "type": "object",
            "properties": {
                "matters": { "type": "string" },
                "lives": { "type": "string" }
            }
        }))
        .unwrap();
        s.set_value(value);
        s.checkpoint();
        s
    }

    #[test]
    fn a_copy_is_shown_first_then_combined_then_undone_in_one_step() {
        let start = json!({ "matters": "Family", "lives": "Bangor" });
        let mut ours = record(start.clone());
        let mut theirs = record(start.clone());
        type_in(&mut theirs, "/lives", "Bangor, by the pier");
        type_in(&mut theirs, "/matters", "Family and friends");
        type_in(&mut ours, "/matters", "Family on Sundays");
        let copy = theirs.copy().to_string();
        let before = ours.value().clone();

        assert_eq!(ours.apply(Action::Combine(copy)), Emit::Nothing);
        let shown = ours.combining().expect("shown first");
        assert_eq!(shown.summary.conflicts, 1);
        assert!(shown.summary.changed >= 1, "{:?}", shown.summary);
        assert_eq!(
            ours.value(),
            &before,
            "nothing changes before the person says so"
        );

        assert_eq!(ours.apply(Action::CombineApply), Emit::Merge);
        assert_eq!(ours.value()["lives"], "Bangor, by the pier");
        assert_eq!(ours.conflicts().len(), 1);
        assert!(ours.can_undo_combine());
        assert_eq!(ours.last_merge().map(|s| s.conflicts), Some(1));

        assert_eq!(ours.apply(Action::UndoCombine), Emit::Both);
        assert_eq!(ours.value(), &before);
        assert!(ours.conflicts().is_empty(), "the history is put back too");
        assert!(!ours.can_undo_combine());
    }

    #[test]
    fn a_change_after_combining_ends_the_undo_and_cancel_changes_nothing() {
        let start = json!({ "matters": "Family" });
        let mut ours = record(start.clone());
        let mut theirs = record(start);
        type_in(&mut theirs, "/lives", "Conwy");
        let copy = theirs.copy().to_string();
        ours.apply(Action::Combine(copy.clone()));
        ours.apply(Action::CombineCancel);
        assert!(ours.combining().is_none());
        assert_eq!(ours.value().get("lives"), None);
        ours.apply(Action::Combine(copy));
        ours.apply(Action::CombineApply);
        assert!(ours.can_undo_combine());
        // Leaving a field or opening a part keeps the undo; typing ends it.
        ours.apply(Action::Leave {
            pointer: "/lives".into(),
        });
        assert!(ours.can_undo_combine());
        type_in(&mut ours, "/lives", "Conwy, by the castle");
        assert!(!ours.can_undo_combine());
        assert_eq!(ours.apply(Action::UndoCombine), Emit::Nothing);
        assert_eq!(ours.value()["lives"], "Conwy, by the castle");
    }

    #[test]
    fn another_records_copy_waits_for_a_yes_and_a_file_that_is_not_json_is_said_plainly() {
        let mut ours = record(json!({ "matters": "Family" }));
        let mut other = record(json!({ "matters": "Something else" }));
        ours.apply(Action::Combine(other.copy().to_string()));
        let shown = ours.combining().unwrap();
        assert!(shown.other_document);
        assert_eq!(ours.apply(Action::CombineApply), Emit::Nothing);
        assert_eq!(ours.value()["matters"], "Family");
        ours.apply(Action::Combine(other.copy().to_string()));
        ours.apply(Action::CombineAnyway);
        assert!(!ours.combining().unwrap().other_document);
        assert_eq!(ours.apply(Action::CombineApply), Emit::Merge);
        assert_eq!(ours.conflicts().len(), 1, "both answers kept");

        // A file over the size limit is refused by its size, before anything reads it.
        ours.apply(Action::CombineTooLarge(3e9));
        let said = ours.copies_error().expect("said plainly");
        assert!(said.starts_with("That file is larger than 20 MB"), "{said}");
        assert!(ours.combining().is_none());

        ours.apply(Action::Combine("<script>alert(1)</script>".into()));
        let said = ours.copies_error().expect("said plainly");
        assert!(said.starts_with("That file could not be read"), "{said}");
        assert!(ours.combining().is_none());
    }
}
