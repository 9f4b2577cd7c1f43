//! Every shape the host sees, in one place: the names of the events an action fires, the JSON of
//! a verdict (`{valid, errors}`), of a problem that stops a schema or a value being read
//! (`{error: {message, detail}}`), and how the `remotes` map is read. The elements, `validate`
//! and `compile` all write through here, so the three verdicts cannot drift apart.

use ourplan_core::{Emit, Error, Lang};
use serde_json::{Value, json};
use std::collections::HashMap;

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

/// A verdict, `{"valid": bool, "errors": [{<key>: …, "message": …}]}`, written straight to text:
/// a value with hundreds of problems would otherwise build a JSON tree first only to print it.
/// `key` names what locates each problem: `pointer` for a record, `id` for a plan. Valid means no
/// problems; a record whose schema could not be loaded is not valid and lists none.
pub(crate) fn verdict(valid: bool, key: &str, problems: &[(String, String)]) -> String {
    let text = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned());
    let mut out = String::with_capacity(32 + problems.len() * 96);
    out.push_str(if valid && problems.is_empty() {
        r#"{"valid":true,"errors":["#
    } else {
        r#"{"valid":false,"errors":["#
    });
    for (i, (at, message)) in problems.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"");
        out.push_str(key);
        out.push_str("\":");
        out.push_str(&text(at));
        out.push_str(r#","message":"#);
        out.push_str(&text(message));
        out.push('}');
    }
    out.push_str("]}");
    out
}

/// A verdict about a schema itself: `{"valid": false, "errors": [{"pointer", "message",
/// "detail"}]}` for the schema's first problem, or `{"valid": true, "errors": []}`.
pub(crate) fn schema_verdict(result: Result<(), Error>, lang: Lang) -> String {
    match result {
        Ok(()) => verdict(true, "pointer", &[]),
        Err(e) => {
            let pointer = match e.kind() {
                ourplan_core::ErrorKind::SchemaRules { pointer, .. } => pointer.clone(),
                _ => String::new(),
            };
            json!({ "valid": false, "errors": [{ "pointer": pointer, "message": e.person_message(lang), "detail": e.to_string() }] })
                .to_string()
        }
    }
}

/// What stops a schema or a value being read: `{"error": {"message", "detail"}}`, the message in
/// the person's language and the detail for the developer.
pub(crate) fn unreadable(e: &Error, lang: Lang) -> String {
    json!({ "error": { "message": e.person_message(lang), "detail": e.to_string() } }).to_string()
}

/// What lowering could not draw and mistakes in `x-ourplan` annotations, for `console.warn`:
/// `[{"schemaPointer", "message"}]`.
pub(crate) fn diagnostics(list: &[ourplan_core::model::Diagnostic]) -> String {
    let list: Vec<Value> = list
        .iter()
        .map(|d| json!({ "schemaPointer": d.schema_pointer, "message": d.message }))
        .collect();
    Value::Array(list).to_string()
}

/// The `remotes` a host hands over: a JSON object of URI to schema. Anything else is no remotes
/// (a `$ref` to another file then says it cannot be resolved).
pub(crate) fn remotes(json: &str) -> HashMap<String, Value> {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(map)) => map.into_iter().collect(),
        _ => HashMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_are_written_as_json_text() {
        assert_eq!(
            verdict(true, "pointer", &[]),
            r#"{"valid":true,"errors":[]}"#
        );
        let problems = [
            ("/name".to_owned(), "Enter \"your\" name\n".to_owned()),
            ("/g1/f~1x".to_owned(), "Rhowch eich enw – ŵ".to_owned()),
        ];
        let parsed: Value = serde_json::from_str(&verdict(false, "pointer", &problems)).unwrap();
        assert_eq!(
            parsed,
            json!({ "valid": false, "errors": [
                { "pointer": "/name", "message": "Enter \"your\" name\n" },
                { "pointer": "/g1/f~1x", "message": "Rhowch eich enw – ŵ" },
            ] })
        );
        let plan: Value = serde_json::from_str(&verdict(false, "id", &problems[..1])).unwrap();
        assert_eq!(plan["errors"][0]["id"], "/name");
        assert_eq!(
            verdict(false, "pointer", &[]),
            r#"{"valid":false,"errors":[]}"#
        );
    }

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

    #[test]
    fn remotes_are_an_object_or_nothing() {
        assert_eq!(remotes(r#"{"a": {"type": "string"}}"#).len(), 1);
        assert!(remotes("[1]").is_empty());
        assert!(remotes("not json").is_empty());
    }
}
