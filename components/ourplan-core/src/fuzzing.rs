//! The core's entry points as fuzz targets: each takes any bytes and must not panic, hang or
//! grow memory without bound. `fuzz/` (cargo-fuzz, libFuzzer) drives them for the long runs;
//! `tests/fuzz_corpus.rs` replays the saved corpus through them under plain `cargo test`, so CI
//! needs no nightly toolchain and no instrumented build. Not part of the kit's API.

use crate::i18n::Lang;
use crate::plan::{self, PlanAction, PlanScreen};
use crate::record::{Action, Input, RecordState};
use crate::schema::{parse_schema, parse_value};
use serde_json::{Value, json};
use std::collections::HashMap;

/// A shipped record schema, for the targets that fuzz values against a real form.
const SCHEMA: &str = include_str!("../../../schemas/records/what-matters.schema.json");

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

fn lang(data: &[u8]) -> Lang {
    if data.first().is_some_and(|b| b & 1 == 1) {
        Lang::Cy
    } else {
        Lang::En
    }
}

/// Schema text: read, lowered to a form (with its annotations checked), compiled, drawn by a
/// record, with an empty value checked against it.
pub fn schema(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Ok(schema) = parse_schema(text) else {
        return;
    };
    let lang = lang(data);
    let _ = crate::model::lower_in(&schema, lang);
    let mut state = RecordState::new(lang);
    if state.set_schema_text(text).is_ok() {
        let _ = state.validate_all();
        let _ = state.all_problems();
        let _ = state.outline();
    }
    if let Ok(checker) = crate::record::Checker::new(&schema, lang, &HashMap::new()) {
        let _ = checker.check(&json!({}));
    }
}

/// Value text against a shipped form: set, edited field by field, checked, its messages drawn,
/// copied and merged with itself.
pub fn record(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Ok(value) = parse_value(text) else { return };
    let mut state = RecordState::new(lang(data));
    if state.set_schema_text(SCHEMA).is_err() {
        return;
    }
    state.set_value(value.clone());
    let _ = state.validate_all();
    let _ = state.all_problems();
    // Every answer typed again as text: the same words into each top-level field.
    let typed: String = text.chars().take(200).collect();
    if let Some(map) = value.as_object() {
        for key in map.keys().take(20) {
            let pointer = crate::pointer::join("", key);
            let _ = state.apply(Action::Edit {
                pointer: pointer.clone(),
                input: Input::Text(typed.clone()),
            });
            let _ = state.apply(Action::Leave { pointer });
        }
    }
    let _ = state.validate_all();
    let copy = state.copy();
    let _ = state.merge_copy(&copy, false);
    let _ = state.merge_copy(&value, true);
}

/// A schema and a value (split at the first NUL): every problem, with the form's words.
pub fn messages(data: &[u8]) {
    let Some(at) = data.iter().position(|b| *b == 0) else {
        return;
    };
    let (Some(schema), Some(value)) = (text(&data[..at]), text(&data[at + 1..])) else {
        return;
    };
    let (Ok(schema), Ok(value)) = (parse_schema(schema), parse_value(value)) else {
        return;
    };
    for lang in [Lang::En, Lang::Cy] {
        if let Ok(checker) = crate::record::Checker::new(&schema, lang, &HashMap::new()) {
            let _ = checker.check(&value);
        }
    }
}

/// A plan file: opened, reported, edited, exported, merged with itself.
pub fn plan(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Ok(plan) = plan::import_json(text) else {
        return;
    };
    let lang = lang(data);
    let _ = plan::to_markdown(&plan, lang);
    let _ = plan::to_json(&plan);
    let _ = plan::report::report(&plan, &plan::report::Settings::default());
    let _ = plan::merge::merge(&plan, &plan, false);
    let mut screen = PlanScreen::new(lang);
    if screen.set_plan_json(text).is_err() {
        return;
    }
    let now = "2026-12-06T10:00:00Z";
    let ids: Vec<String> = plan.blocks.iter().take(5).map(|b| b.id.clone()).collect();
    for id in &ids {
        let _ = screen.apply(
            PlanAction::SetText {
                id: id.clone(),
                field: "text",
                text: text.chars().take(100).collect(),
            },
            now,
        );
        let _ = screen.apply(
            PlanAction::SetCost {
                id: id.clone(),
                text: "12.50".into(),
            },
            now,
        );
    }
    if let Some(id) = ids.first() {
        let _ = screen.apply(PlanAction::Remove(id.clone()), now);
    }
    let _ = screen.apply(PlanAction::Undo, now);
    let _ = screen.apply(PlanAction::Redo, now);
    let _ = screen.apply(PlanAction::AddReview, now);
    let _ = plan::to_markdown(screen.state.plan(), lang);
    let _ = plan::to_json(screen.state.plan());
}

/// A stored draft's envelope.
pub fn draft(data: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<Value>(data) {
        let _ = crate::draft::read(&value);
    }
}

/// A JSON Pointer, read against a value and used to change it.
pub fn pointer(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let mut value = json!({"a": [1, {"b": "c"}], "": {"~": 2}, "x": {"y": {"z": []}}});
    let _ = crate::pointer::tokens(text);
    let _ = crate::pointer::get(&value, text);
    let _ = crate::pointer::last(text);
    crate::pointer::set(&mut value, text, json!("new"));
    crate::pointer::remove(&mut value, text, &|_| true);
}
