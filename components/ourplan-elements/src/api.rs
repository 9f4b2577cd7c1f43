//! The module-level functions `ourplan.js` exports to hosts (`validate`, `compile`) and the
//! stylesheet text. Each takes and returns JSON strings.

// The size experiment (issue #7) builds modules with only some of these.
#![cfg_attr(not(feature = "validator"), allow(unused_imports))]

use ourplan_core::record::check;
use ourplan_core::schema::{Compiled, parse_schema, parse_value};
use ourplan_core::{Error, Lang};
use serde_json::{Value, json};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

/// The stylesheet every element adopts.
#[cfg(any(feature = "record", feature = "plan"))]
#[wasm_bindgen]
pub fn stylesheet() -> String {
    ourplan_ui::STYLESHEET.to_owned()
}

#[cfg(feature = "validator")]
fn remotes_from(json: &str) -> HashMap<String, Value> {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(map)) => map.into_iter().collect(),
        _ => HashMap::new(),
    }
}

#[cfg(feature = "validator")]
fn schema_error(e: &Error, lang: Lang) -> String {
    json!({ "error": { "message": e.person_message(lang), "detail": e.to_string() } }).to_string()
}

/// Validates `value` against `schema` (both JSON text). Returns
/// `{"valid": bool, "errors": [{"pointer", "message"}]}`, or `{"error": {"message", "detail"}}`
/// when the schema or the value cannot be read.
#[cfg(feature = "validator")]
#[wasm_bindgen]
pub fn validate_json(schema: &str, value: &str, lang: &str, remotes: &str) -> String {
    let lang = Lang::from_tag(lang);
    let schema = match parse_schema(schema) {
        Ok(s) => s,
        Err(e) => return schema_error(&e, lang),
    };
    let value = match parse_value(value) {
        Ok(v) => v,
        Err(e) => return schema_error(&e, lang),
    };
    match check(&schema, &value, lang, &remotes_from(remotes)) {
        Ok(errors) => {
            let errors: Vec<Value> = errors
                .into_iter()
                .map(|(pointer, message)| json!({ "pointer": pointer, "message": message }))
                .collect();
            json!({ "valid": errors.is_empty(), "errors": errors }).to_string()
        }
        Err(e) => schema_error(&e, lang),
    }
}

/// Compiles `schema` (JSON text) to check it. Returns `{"valid": bool, "errors": [{"pointer",
/// "message", "detail"}]}` where errors describe the schema itself.
#[cfg(feature = "validator")]
#[wasm_bindgen]
pub fn compile_json(schema: &str, lang: &str, remotes: &str) -> String {
    let lang = Lang::from_tag(lang);
    let result =
        parse_schema(schema).and_then(|s| Compiled::new(&s, &remotes_from(remotes)).map(|_| ()));
    match result {
        Ok(()) => json!({ "valid": true, "errors": [] }).to_string(),
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
