//! The verdicts the module API (`validate`, `compile`), the elements and the `ourplan` command
//! write, as JSON text: `{valid, errors}`, a problem that stops a schema or a value being read
//! (`{error: {message, detail}}`), the schema's diagnostics, and how a `remotes` map is read.
//! Written once, here, so the browser and a council's server say exactly the same.

use crate::{Error, Lang};
use serde_json::{Value, json};
use std::collections::HashMap;

/// A verdict, `{"valid": bool, "errors": [{<key>: …, "message": …}]}`, written straight to text:
/// a value with hundreds of problems would otherwise build a JSON tree first only to print it.
/// `key` names what locates each problem: `pointer` for a record, `id` for a plan. Valid means no
/// problems; a record whose schema could not be loaded is not valid and lists none.
pub fn verdict(valid: bool, key: &str, problems: &[(String, String)]) -> String {
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
pub fn schema_verdict(result: Result<(), Error>, lang: Lang) -> String {
    match result {
        Ok(()) => verdict(true, "pointer", &[]),
        Err(e) => {
            let pointer = match e.kind() {
                crate::ErrorKind::SchemaRules { pointer, .. } => pointer.clone(),
                _ => String::new(),
            };
            json!({ "valid": false, "errors": [{ "pointer": pointer, "message": e.person_message(lang), "detail": e.to_string() }] })
                .to_string()
        }
    }
}

/// What stops a schema or a value being read: `{"error": {"message", "detail"}}`, the message in
/// the person's language and the detail for the developer.
pub fn unreadable(e: &Error, lang: Lang) -> String {
    json!({ "error": { "message": e.person_message(lang), "detail": e.to_string() } }).to_string()
}

/// What lowering could not draw and mistakes in `x-ourplan` annotations, for `console.warn`:
/// `[{"schemaPointer", "message"}]`.
pub fn diagnostics(list: &[crate::model::Diagnostic]) -> String {
    let list: Vec<Value> = list
        .iter()
        .map(|d| json!({ "schemaPointer": d.schema_pointer, "message": d.message }))
        .collect();
    Value::Array(list).to_string()
}

/// The `remotes` a host hands over: a JSON object of URI to schema. Anything else is no remotes
/// (a `$ref` to another file then says it cannot be resolved).
pub fn remotes(json: &str) -> HashMap<String, Value> {
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
    fn remotes_are_an_object_or_nothing() {
        assert_eq!(remotes(r#"{"a": {"type": "string"}}"#).len(), 1);
        assert!(remotes("[1]").is_empty());
        assert!(remotes("not json").is_empty());
    }
}
