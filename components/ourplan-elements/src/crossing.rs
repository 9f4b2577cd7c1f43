//! Timing hooks for the module-crossing experiment of issue #7 (`tests/bench/crossing.mjs`,
//! ARCHITECTURE.md "Loading"). Built only with the `crossing-bench` feature, never shipped.
//!
//! One handle plays both modules: the "form" side holds the value (as `RecordState` does) and
//! the "validator" side holds the compiled schema. A keystroke validated across a module
//! boundary costs: form side serialises the value to JSON text and hands it to JS
//! (`send`), the validator side parses it, validates and writes problems as JSON text
//! (`validate_text`), and the form side reads the problems back (`receive`). In-module
//! validation is `validate_held`: the same problems from the value already in Rust.

use ourplan_core::schema::{Compiled, Problem, parse_schema, parse_value};
use serde_json::{Value, json};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct CrossingBench {
    compiled: Compiled,
    value: Value,
}

fn problems_json(problems: &[Problem]) -> String {
    let list: Vec<Value> = problems
        .iter()
        .map(|p| {
            json!({
                "pointer": p.pointer,
                "schemaPath": p.schema_path,
                "keyword": p.keyword,
                "key": p.message.key,
                "count": p.message.count,
                "args": p.message.args.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
            })
        })
        .collect();
    Value::Array(list).to_string()
}

#[wasm_bindgen]
impl CrossingBench {
    /// Compiles `schema` and holds `value` (both JSON text).
    #[wasm_bindgen(constructor)]
    pub fn new(schema: &str, value: &str) -> Result<CrossingBench, String> {
        let schema = parse_schema(schema).map_err(|e| e.to_string())?;
        let compiled = Compiled::new(&schema, &HashMap::new()).map_err(|e| e.to_string())?;
        let value = parse_value(value).map_err(|e| e.to_string())?;
        Ok(CrossingBench { compiled, value })
    }

    /// In-module validation, `n` times: the problems of the value already held. Returns how many.
    pub fn validate_held(&self, n: u32) -> usize {
        let mut count = 0;
        for _ in 0..n {
            count = self.compiled.problems(&self.value).len();
        }
        count
    }

    /// Form side, outgoing: the held value as JSON text, into a JS string.
    pub fn send(&self) -> String {
        self.value.to_string()
    }

    /// Validator side: parse the value text, validate, write problems as JSON text.
    pub fn validate_text(&self, value: &str) -> String {
        match serde_json::from_str::<Value>(value) {
            Ok(v) => problems_json(&self.compiled.problems(&v)),
            Err(_) => "[]".to_owned(),
        }
    }

    /// Form side, incoming: read the problems text back. Returns how many.
    pub fn receive(&self, problems: &str) -> usize {
        serde_json::from_str::<Vec<Value>>(problems).map_or(0, |v| v.len())
    }

    /// `is_valid` for a conditional's test (`if`, a `oneOf` branch) held in Rust, `n` times.
    pub fn is_valid_held(&self, n: u32) -> bool {
        let mut ok = false;
        for _ in 0..n {
            ok = self.compiled.is_valid(&self.value);
        }
        ok
    }
}
