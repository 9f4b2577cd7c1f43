//! Every shape the host sees, in one place: the names of the events an action fires, the JSON of
//! a verdict (`{valid, errors}`), of a problem that stops a schema or a value being read
//! (`{error: {message, detail}}`), and how the `remotes` map is read. The elements, `validate`
//! and `compile` all write through here, so the three verdicts cannot drift apart.

use ourplan_core::Emit;

/// The events `<ourplan-record>`'s Rust half has the JS half fire (besides the JS's own).
/// `tests/e2e/contract.spec.mjs` reads these two lists against the manifest (and the test below
/// checks `events` against them), so nothing else in the build reads them.
#[allow(dead_code)]
pub(crate) const RECORD_EVENTS: [&str; 3] = ["input", "change", "ourplan-merge"];
/// The events `<ourplan-plan>`'s Rust half has the JS half fire.
#[allow(dead_code)]
pub(crate) const PLAN_EVENTS: [&str; 4] = ["input", "change", "ourplan-signoff", "ourplan-merge"];

/// The host events for what an action did, in the order they fire. The plan also hands back
/// `"sync"` when nothing the host hears of changed (the JS half refreshes the form's value and
/// validity, and fires nothing); a record has nothing to sync then.
pub(crate) fn events(emit: Emit, sync_when_nothing: bool) -> &'static [&'static str] {
    match emit {
        Emit::Nothing if sync_when_nothing => &["sync"],
        Emit::Nothing => &[],
        Emit::Input => &["input"],
        Emit::Change => &["change"],
        Emit::Both => &["input", "change"],
        Emit::Signoff => &["ourplan-signoff", "change"],
        Emit::Merge => &["ourplan-merge", "input", "change"],
    }
}

pub(crate) use ourplan_core::verdict::{diagnostics, remotes, schema_verdict, unreadable, verdict};

/// What `merge()` hands back when the other copy cannot be read at all.
pub(crate) fn unreadable_copy(message: &str) -> String {
    serde_json::json!({ "error": "unreadable", "message": message }).to_string()
}

/// What `merge()` hands back, for either element: `{"summary": {...}}`, or
/// `{"error": "other-document" | "unreadable", "message"}` (`other_document` names the message
/// for a copy of something else).
pub(crate) fn merged(
    result: &Result<ourplan_core::merge::Summary, ourplan_core::merge::MergeError>,
    lang: ourplan_core::Lang,
    other_document: &str,
) -> String {
    use ourplan_core::merge::MergeError;
    match result {
        Ok(summary) => serde_json::json!({ "summary": summary }).to_string(),
        Err(MergeError::OtherDocument) => {
            let message = ourplan_core::i18n::t(lang, other_document, &[]);
            serde_json::json!({ "error": "other-document", "message": message }).to_string()
        }
        Err(MergeError::Broken(why)) => unreadable_copy(why),
    }
}

/// Reads the host's `limits` property (JSON) and hands them to `apply`. Returns an empty string,
/// or what is wrong with them (then nothing is applied), for the element to tell the developer.
pub(crate) fn with_limits(json: &str, apply: impl FnOnce(ourplan_core::Limits)) -> String {
    match ourplan_core::Limits::from_json(json) {
        Ok(limits) => {
            apply(limits);
            String::new()
        }
        Err(e) => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_follow_what_changed() {
        assert_eq!(events(Emit::Both, false), ["input", "change"]);
        assert!(events(Emit::Nothing, false).is_empty());
        assert_eq!(events(Emit::Nothing, true), ["sync"]);
        assert_eq!(events(Emit::Signoff, true), ["ourplan-signoff", "change"]);
    }

    #[test]
    fn the_lists_of_events_name_every_event_fired() {
        // A record's actions never sign off; a plan's may do anything.
        for emit in [
            Emit::Nothing,
            Emit::Input,
            Emit::Change,
            Emit::Both,
            Emit::Merge,
        ] {
            for name in events(emit, false) {
                assert!(RECORD_EVENTS.contains(name), "{name}");
            }
        }
        for emit in [
            Emit::Nothing,
            Emit::Input,
            Emit::Change,
            Emit::Both,
            Emit::Signoff,
            Emit::Merge,
        ] {
            for name in events(emit, true) {
                assert!(PLAN_EVENTS.contains(name) || *name == "sync", "{name}");
            }
        }
    }
}
