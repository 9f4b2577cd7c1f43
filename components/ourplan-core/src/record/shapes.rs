//! Which shape and which conditional questions a record shows for its value: the shape a person
//! chooses (`oneOf`/`anyOf`), and the answers put aside while their question is hidden, to come
//! back when it returns.

use super::{Lowered, RecordState};
use crate::i18n::Lang;
use crate::model::{ExpandContext, FormModel, Kind, Test, lower_reference};
use crate::pointer;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

impl RecordState {
    /// The person chose shape `branch` for the choice at `ptr`. What still fits the new shape is
    /// kept; the rest is put aside, so choosing the old shape again brings it back.
    pub fn choose(&mut self, ptr: &str, branch: usize) -> bool {
        self.changed_below(ptr);
        let Some(node) = self.schema.model().and_then(|m| m.find(ptr)).cloned() else {
            return false;
        };
        let Kind::Alternatives { branches, chosen } = &node.kind else {
            return false;
        };
        let Some(target) = branches.get(branch) else {
            return false;
        };
        let old = chosen.as_ref().map(|(i, _)| *i);
        if old == Some(branch) {
            return false;
        }
        let current = pointer::get(&self.value, ptr).cloned();
        if let (Some(old), Some(v)) = (old, &current) {
            self.stash.insert(format!("{ptr}#{old}"), v.clone());
        }
        let restored = self.stash.get(&format!("{ptr}#{branch}")).cloned();
        let tests = self
            .schema
            .form()
            .map_or(&[][..], |f| f.lowered.tests.as_slice());
        let fits = |v: &Value| {
            tests
                .get(target.test)
                .and_then(Option::as_ref)
                .is_some_and(|c| c.is_valid(v))
        };
        let new = match (&target.node.kind, current) {
            (Kind::Object { children, .. }, now) => {
                let mut out = restored
                    .and_then(|r| r.as_object().cloned())
                    .unwrap_or_default();
                if let Some(Value::Object(now)) = now {
                    for (k, v) in now {
                        if children.iter().any(|c| pointer::last(&c.pointer) == k) {
                            out.insert(k, v);
                        }
                    }
                }
                // What tells this shape from the others (`kind: "care"`) is part of choosing it.
                for (k, v) in &target.fixed {
                    out.insert(k.clone(), v.clone());
                }
                (!out.is_empty()).then_some(Value::Object(out))
            }
            (_, Some(v)) if fits(&v) => Some(v),
            _ => restored,
        };
        match new {
            Some(v) => pointer::set(&mut self.value, ptr, v),
            None => pointer::remove(&mut self.value, ptr, &|_| false),
        }
        self.choices.insert(ptr.to_owned(), branch);
        self.reshape();
        self.revalidate();
        true
    }

    /// Re-expands the model for the value: list items, conditional fields, chosen shapes (see
    /// [`Lowered::expand`]).
    pub(super) fn reshape(&mut self) {
        let Some(form) = self.schema.form_mut() else {
            return;
        };
        if form.lowered.template.is_dynamic() {
            // Conditions and shapes can change any part of the form.
            self.revisions.changed_all();
        }
        form.model = form.lowered.expand(
            &mut self.value,
            &mut self.stash,
            &self.choices,
            &self.opened,
            self.lang,
        );
        self.shown.replace(None);
    }
}

impl Lowered {
    /// The template expanded for `value`: list items, conditional fields, the shapes in
    /// `choices`, the recursive parts `opened`. Answers to conditional fields that are hidden now
    /// are put aside in `stash`, and put back when they return; as that can change other
    /// conditions, it repeats until nothing moves (a few rounds at most).
    pub(super) fn expand(
        &self,
        value: &mut Value,
        stash: &mut HashMap<String, Value>,
        choices: &HashMap<String, usize>,
        opened: &HashSet<String>,
        lang: Lang,
    ) -> FormModel {
        let tests = &self.tests;
        let test = |t: &Test, v: &Value| match t {
            Test::Schema(i) => tests
                .get(*i)
                .and_then(Option::as_ref)
                .is_some_and(|c| c.is_valid(v)),
            Test::Present(name) => v.get(name).is_some(),
        };
        let fits = |i: usize, v: &Value| {
            tests
                .get(i)
                .and_then(Option::as_ref)
                .is_some_and(|c| c.is_valid(v))
        };
        let choice = |p: &str| choices.get(p).copied();
        let opened = |p: &str| opened.contains(p);
        let known_tests = &self.template.tests;
        let lower_ref =
            |r: &str, at: String| lower_reference(&self.schema, r, at, lang, known_tests);
        let mut round = 0;
        loop {
            let ctx = ExpandContext {
                test: &test,
                fits: &fits,
                choice: &choice,
                shown_conditional: Default::default(),
                hidden_conditional: Default::default(),
                opened: &opened,
                lower_reference: &lower_ref,
            };
            let model = self.template.expand(value, &ctx);
            let mut moved = false;
            for hidden in ctx.hidden_conditional.into_inner() {
                if let Some(v) = pointer::get(value, &hidden).cloned() {
                    stash.insert(hidden.clone(), v);
                    pointer::remove(value, &hidden, &|_| false);
                    moved = true;
                }
            }
            for shown in ctx.shown_conditional.into_inner() {
                if pointer::get(value, &shown).is_none() {
                    if let Some(v) = stash.remove(&shown) {
                        pointer::set(value, &shown, v);
                        moved = true;
                    }
                }
            }
            round += 1;
            if !moved || round == 4 {
                return model;
            }
        }
    }
}
