//! Checking values without a form (the module's `validate` and `compile(schema).validate`), with
//! the same messages a record shows.

use super::problems::message_at;
use crate::error::Error;
use crate::i18n::Lang;
use crate::limits::Limits;
use crate::model::{FormModel, lower_unchecked};
use crate::schema::Compiled;
use serde_json::Value;
use std::collections::HashMap;

/// Validates `value` against `schema` and returns every problem as (exact value pointer, message),
/// with each message naming the nearest field the form would draw. For hosts that validate
/// without rendering (the module's `validate`).
pub fn check(
    schema: &Value,
    value: &Value,
    lang: Lang,
    remotes: &HashMap<String, Value>,
) -> Result<Vec<(String, String)>, Error> {
    Ok(Checker::new(schema, lang, remotes)?.check(value))
}

/// A schema compiled once for checking many values (the module's `compile(schema).validate`),
/// with the same messages as the form. The form model that names fields in messages is lowered
/// only when a value first has a problem.
pub struct Checker {
    schema: Value,
    compiled: Compiled,
    lang: Lang,
    limits: Limits,
    model: std::sync::OnceLock<FormModel>,
}

impl Checker {
    /// Compiles `schema` for checking values, with messages in `lang`.
    pub fn new(
        schema: &Value,
        lang: Lang,
        remotes: &HashMap<String, Value>,
    ) -> Result<Checker, Error> {
        Checker::within(schema, lang, remotes, &Limits::default())
    }

    /// [`Checker::new`] within `limits` (see [`Compiled::within`]).
    pub fn within(
        schema: &Value,
        lang: Lang,
        remotes: &HashMap<String, Value>,
        limits: &Limits,
    ) -> Result<Checker, Error> {
        Ok(Checker {
            compiled: Compiled::within(schema, remotes, limits)?,
            schema: schema.clone(),
            lang,
            limits: *limits,
            model: std::sync::OnceLock::new(),
        })
    }

    /// The limits values are read and checked within.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Every problem with `value`, as (exact value pointer, message).
    pub fn check(&self, value: &Value) -> Vec<(String, String)> {
        // A valid value is the common case, and `is_valid` stops early without building errors.
        if self.compiled.is_valid(value) {
            return Vec::new();
        }
        let problems = self.compiled.problems(value);
        if problems.is_empty() {
            return Vec::new();
        }
        let model = self
            .model
            .get_or_init(|| lower_unchecked(&self.schema, self.lang).0);
        problems
            .into_iter()
            .map(|p| {
                let text = message_at(&p.keyword, &p.message, model.nearest(&p.pointer), self.lang);
                (p.pointer, text)
            })
            .collect()
    }
}
