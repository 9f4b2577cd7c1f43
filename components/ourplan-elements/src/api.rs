//! The module-level functions `ourplan.js` exports to hosts (`validate`, `compile`) and the
//! stylesheet text. Each takes and returns JSON strings.

// The size experiment (issue #7) builds modules with only some of these.
#![cfg_attr(not(feature = "validator"), allow(unused_imports))]

use crate::wire;
use ourplan_core::record::Checker;
use ourplan_core::schema::{parse_schema_within, parse_value_within};
use ourplan_core::{Error, Lang};
use ourplan_core::{ErrorKind, Limits};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[cfg(feature = "validator")]
/// How many compiled schemas `validate_json` keeps: a host checking values against one or two
/// schemas compiles each once, however many values it checks.
const KEPT: usize = 4;

#[cfg(feature = "validator")]
thread_local! {
    /// Compiled schemas by (language, remotes, schema text), most recently used first.
    static CHECKERS: RefCell<Vec<(String, Rc<Checker>)>> = const { RefCell::new(Vec::new()) };
}

#[cfg(feature = "validator")]
/// The compiled checker for this schema text, compiling it on first use.
fn checker(schema: &str, lang: Lang, remotes: &str, limits: &str) -> Result<Rc<Checker>, Error> {
    let key = format!("{}\u{0}{limits}\u{0}{remotes}\u{0}{schema}", lang.tag());
    let found = CHECKERS.with_borrow_mut(|list| {
        let i = list.iter().position(|(k, _)| *k == key)?;
        let hit = list.remove(i);
        let checker = hit.1.clone();
        list.insert(0, hit);
        Some(checker)
    });
    if let Some(c) = found {
        return Ok(c);
    }
    let limits =
        Limits::from_json(limits).map_err(|detail| Error::new(ErrorKind::Setup { detail }))?;
    let parsed = parse_schema_within(schema, &limits)?;
    let checker = Rc::new(Checker::within(
        &parsed,
        lang,
        &wire::remotes(remotes),
        &limits,
    )?);
    CHECKERS.with_borrow_mut(|list| {
        list.insert(0, (key, checker.clone()));
        list.truncate(KEPT);
    });
    Ok(checker)
}

#[cfg(feature = "validator")]
/// The problems of `value` (JSON text) as `{"valid": bool, "errors": [{"pointer", "message"}]}`,
/// or `{"error": {"message", "detail"}}` when the value cannot be read.
fn check_text(checker: &Checker, value: &str, lang: Lang) -> String {
    let value = match parse_value_within(value, checker.limits()) {
        Ok(v) => v,
        Err(e) => return wire::unreadable(&e, lang),
    };
    let problems = checker.check(&value);
    wire::verdict(problems.is_empty(), "pointer", &problems)
}

#[cfg(feature = "validator")]
/// Validates `value` against `schema` (both JSON text). Returns
/// `{"valid": bool, "errors": [{"pointer", "message"}]}`, or `{"error": {"message", "detail"}}`
/// when the schema or the value cannot be read. The compiled schema is kept for the next call.
#[wasm_bindgen]
pub fn validate_json(schema: &str, value: &str, lang: &str, remotes: &str, limits: &str) -> String {
    let lang = Lang::from_tag(lang);
    match checker(schema, lang, remotes, limits) {
        Ok(c) => check_text(&c, value, lang),
        Err(e) => wire::unreadable(&e, lang),
    }
}

#[cfg(feature = "validator")]
/// A compiled schema held for `compile(schema).validate(value)`: each call hands over only the
/// value, not the schema text again.
#[wasm_bindgen]
pub struct CompiledSchema {
    checker: Rc<Checker>,
    lang: Lang,
}

#[cfg(feature = "validator")]
#[wasm_bindgen]
impl CompiledSchema {
    /// As `validate_json`, against this schema.
    pub fn check(&self, value: &str) -> String {
        check_text(&self.checker, value, self.lang)
    }
}

#[cfg(feature = "validator")]
/// The compiled schema `compile_json` kept for this text, or none when it does not compile.
#[wasm_bindgen]
pub fn compiled_schema(
    schema: &str,
    lang: &str,
    remotes: &str,
    limits: &str,
) -> Option<CompiledSchema> {
    let lang = Lang::from_tag(lang);
    let checker = checker(schema, lang, remotes, limits).ok()?;
    Some(CompiledSchema { checker, lang })
}

#[cfg(feature = "validator")]
/// Compiles `schema` (JSON text) to check it. Returns `{"valid": bool, "errors": [{"pointer",
/// "message", "detail"}]}` where errors describe the schema itself.
#[wasm_bindgen]
pub fn compile_json(schema: &str, lang: &str, remotes: &str, limits: &str) -> String {
    let lang = Lang::from_tag(lang);
    // Compiling also keeps the schema for `validate_json`.
    wire::schema_verdict(checker(schema, lang, remotes, limits).map(|_| ()), lang)
}
