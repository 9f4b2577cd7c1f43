//! A record's first paint, drawn on a server (issue #21): the same `RecordView` the element
//! draws, rendered to HTML by Yew's server renderer, inside a declarative shadow root. A page
//! that puts it inside its `<ourplan-record>` shows the real form before the kit's module has
//! arrived, and a person can type into its native inputs; the element adopts it when the kit
//! loads (element.js, `#adopt`), keeping what was typed, the focus and the caret.
//!
//! The markup has the element's own shape (shadow root > mount point > app host > the view), so
//! nothing moves when the kit takes over; the mount point carries `data-ourplan-prerendered`.
//! The stylesheet is linked, not inlined, so a strict Content Security Policy (`style-src
//! 'self'`) still holds.

use crate::{RecordView, RecordViewProps, Shared};
use ourplan_core::error::Error;
use ourplan_core::limits::Limits;
use ourplan_core::model::Level;
use ourplan_core::plan::{PlanState, import_json_within, to_json};
use ourplan_core::schema::parse_value_within;
use ourplan_core::{Lang, RecordState};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use yew::LocalServerRenderer;
use yew::prelude::*;

/// What to draw.
pub struct RecordPage<'a> {
    /// The record schema's text (JSON Schema, draft 2020-12).
    pub schema: &'a str,
    /// Schemas by URI that `$ref`s name (no network).
    pub remotes: HashMap<String, Value>,
    /// The value to show, as JSON text, or none.
    pub value: Option<&'a str>,
    /// The language of the kit's words and of the schema's own where it has them.
    pub lang: Lang,
    /// How much of the form shows (`brief`, `standard`, `full`), as the element's `level`.
    pub level: Level,
    /// Show every problem of the value, with the error summary (as after `validate()`).
    pub problems: bool,
    /// The address of the kit's stylesheet (`ourplan.css`) as the page will ask for it.
    pub stylesheet: &'a str,
    /// The limits the schema and value are held to.
    pub limits: Limits,
    /// For a page that must work without JavaScript: the form in the page itself (no shadow
    /// root), so its fields, named by JSON Pointer, are sent with the page's `<form>`; buttons
    /// send the form too (`op-action`). The page links the stylesheet itself.
    pub light: bool,
}

/// The record's first paint: a `<template shadowrootmode="open">` to put inside the page's
/// `<ourplan-record>` (or, `light`, the form itself). A schema or value the kit cannot use is
/// drawn as the element would draw it (the message in place of the form), and also returned as
/// the error, for the server.
pub fn record(page: &RecordPage<'_>) -> (String, Option<Error>) {
    let (mut state, error) = prepare(page);
    if page.problems && error.is_none() {
        state.validate_all();
    }
    let with_value = page.value.is_some() && error.is_none();
    (draw(state, page, with_value), error)
}

/// The record a page draws: its schema, limits, level and value (a value that cannot be read is
/// left out and returned as the error, as is a schema the kit cannot use).
pub fn prepare(page: &RecordPage<'_>) -> (RecordState, Option<Error>) {
    let mut state = RecordState::new(page.lang);
    state.set_limits(page.limits);
    state.set_remotes(page.remotes.clone());
    state.set_level(page.level);
    let mut error = None;
    if let Some(text) = page.value {
        match parse_value_within(text, &page.limits) {
            Ok(value) => state.set_value(value),
            Err(e) => error = Some(e),
        }
    }
    if let Err(e) = state.set_schema_text(page.schema) {
        error = Some(e);
    }
    (state, error)
}

/// Draws `state` as `page` says (a declarative shadow root, or the light form). `with_value`
/// marks the value drawn, for the element to start from when the page sets none; problems
/// showing are marked for the element to keep showing.
pub fn draw(state: RecordState, page: &RecordPage<'_>, with_value: bool) -> String {
    let value = state.value().to_string();
    let problems = state.summary_shown();
    let props = RecordViewProps {
        state: Shared::from(std::rc::Rc::new(RefCell::new(state))),
        revision: 0,
        focus_summary: 0,
        readonly: false,
        disabled: false,
        printing: false,
        copies: false,
        on_action: Default::default(),
        redraws: Default::default(),
        no_script: page.light,
    };
    let view = render::<RecordView>(props);
    let mut marks = String::new();
    if with_value {
        marks.push_str(&format!(" data-ourplan-value=\"{}\"", attribute(&value)));
    }
    if problems {
        marks.push_str(" data-ourplan-problems=\"\"");
    }
    if page.light {
        // Enter in a field sends a form with its first submit button: without this one, that
        // would be the form's own first button ("Add outcome"), not the page's "Send".
        format!(
            "<div class=\"op-light\" data-ourplan-prerendered=\"\"{marks}><button type=\"submit\" hidden tabindex=\"-1\"></button><div>{view}</div></div>"
        )
    } else {
        format!(
            "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"{}\"><div data-ourplan-prerendered=\"\"{marks}><div>{view}</div></div></template>",
            attribute(page.stylesheet)
        )
    }
}

/// What a plan's first paint draws: the person's plan read back as a document.
#[derive(Properties, PartialEq)]
struct PlanPaintProps {
    state: Shared<PlanState>,
    lang: Lang,
}

#[function_component(PlanPaint)]
fn plan_paint(props: &PlanPaintProps) -> Html {
    crate::plan::first_paint(&props.state, props.lang)
}

/// A plan's first paint, for the page to put inside its `<ourplan-plan>`: the plan read back
/// (the person's headings and words, the budget, the sign-off and reviews), with "Loading the
/// tools to change your plan…", in a declarative shadow root. The element starts from the plan
/// drawn when the page sets no `value`. A plan the kit cannot open is drawn as an empty plan,
/// and why is returned (for the server's log).
pub fn plan(text: &str, lang: Lang, stylesheet: &str, limits: &Limits) -> (String, Option<String>) {
    let (state, error) = match import_json_within(text, limits).and_then(PlanState::from_plan) {
        Ok(state) => (state, None),
        Err(e) => (PlanState::new(lang), Some(e.to_string())),
    };
    let value = error.is_none().then(|| to_json(state.plan()));
    let view = render::<PlanPaint>(PlanPaintProps {
        state: Shared::new(state),
        lang,
    });
    let marks = value
        .map(|v| format!(" data-ourplan-value=\"{}\"", attribute(&v)))
        .unwrap_or_default();
    let html = format!(
        "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"{}\"><div data-ourplan-prerendered=\"\"{marks}><div>{view}</div></div></template>",
        attribute(stylesheet)
    );
    (html, error)
}

/// Yew's server renderer on a runtime of one thread (the views are not `Send`).
fn render<C>(props: C::Properties) -> String
where
    C: yew::BaseComponent,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a one-thread runtime needs no resources that can be missing");
    runtime.block_on(
        LocalServerRenderer::<C>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// Text made safe inside a double-quoted attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(schema: &str) -> RecordPage<'_> {
        RecordPage {
            schema,
            remotes: HashMap::new(),
            value: None,
            lang: Lang::En,
            level: Level::Full,
            problems: false,
            stylesheet: "/pkg/ourplan.css",
            limits: Limits::default(),
            light: false,
        }
    }

    #[test]
    fn a_record_is_drawn_with_its_labels_and_values() {
        let schema =
            r#"{"type":"object","properties":{"name":{"type":"string","title":"Your name"}}}"#;
        let mut p = page(schema);
        p.value = Some(r#"{"name":"Sian <b>"}"#);
        let (html, error) = record(&p);
        assert!(error.is_none());
        assert!(html.starts_with("<template shadowrootmode=\"open\">"));
        assert!(html.contains("Your name"), "{html}");
        assert!(html.contains("value=\"Sian &lt;b&gt;\""), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn a_broken_schema_is_drawn_as_its_message() {
        let (html, error) = record(&page("{\"type\": "));
        assert!(error.is_some());
        assert!(html.contains("part=\"load-error\""), "{html}");
    }
}
