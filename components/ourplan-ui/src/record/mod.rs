//! `RecordView`: draws a conversation record from a `RecordState`: labelled fields, hints, errors
//! beside their fields, and the GOV.UK-style error summary. All text reaches the DOM as text nodes.
//!
//! This module owns the view, its properties, the focus it moves (to the error summary, to what
//! the state asks for) and the DOM ids of fields. The error summary is in `summary`, the record
//! read back in `read_back`, each kind of field in `fields`, answers changed in two copies in
//! `conflicts`, and the copies panel in `copies`.

mod conflicts;
mod copies;
mod fields;
mod read_back;
mod summary;

use crate::Shared;
use ourplan_core::i18n::t;
use ourplan_core::record::{Action, Focus};
use ourplan_core::{Lang, RecordState};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The id of the element that holds a field (inputs, or the fieldset of a group): stable, unique
/// per pointer, and safe in an id attribute and a CSS selector whatever the property names are.
pub fn field_id(pointer: &str) -> String {
    let mut id = String::from("op-f");
    for b in pointer.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => id.push(b as char),
            b'/' => id.push('-'),
            // `_` starts an escape, so a literal one is doubled: ids stay unique per pointer.
            b'_' => id.push_str("__"),
            _ => id.push_str(&format!("_{b:02x}")),
        }
    }
    id
}

/// The DOM id of the element a focus target names.
fn focus_id(target: &Focus) -> String {
    match target {
        Focus::Field(pointer) => field_id(pointer),
        Focus::ItemButton { item, up } => {
            format!("{}-{}", field_id(item), if *up { "up" } else { "down" })
        }
        Focus::EntryName(entry) => format!("{}-name", field_id(entry)),
        Focus::AddButton(list) => format!("{}-add", field_id(list)),
        Focus::Element(id) => id.clone(),
    }
}

/// Properties of [`RecordView`].
#[derive(Properties, Clone, PartialEq)]
pub struct RecordViewProps {
    /// The record's state. The owner mutates it in response to actions, then bumps `revision`
    /// (compared by pointer: see [`Shared`]).
    pub state: Shared<RefCell<RecordState>>,
    /// Changes whenever `state` has changed, so the view redraws.
    pub revision: u64,
    /// Changes when focus should move to the error summary (after a failed validate).
    #[prop_or_default]
    pub focus_summary: u64,
    /// Fields can be read but not changed.
    #[prop_or_default]
    pub readonly: bool,
    /// Fields are disabled.
    #[prop_or_default]
    pub disabled: bool,
    /// The element is making its printed copy (`print()`): the record read back is drawn beside
    /// the form, hidden on screen, for the element to print alone.
    #[prop_or_default]
    pub printing: bool,
    /// The copies panel shows under the form (the element's `copies`): share a copy, combine
    /// with one.
    #[prop_or_default]
    pub copies: bool,
    /// Receives every action.
    pub on_action: Callback<Action>,
    /// Where each top-level field registers a callback that redraws it alone (see [`Redraws`]).
    #[prop_or_default]
    pub redraws: Redraws,
    /// Drawn for a page without script (`ourplan render --light`): buttons send the form
    /// (`op-action`), and each group of boxes says it was shown (see `ourplan_core::record::posted`).
    #[prop_or_default]
    pub no_script: bool,
}

/// Callbacks that redraw one top-level field, by pointer. A keystroke that changed nothing but
/// its own field (`RecordState::changed_top_fields`) redraws that field through this, without
/// the record building and comparing the components of the other 999.
pub type Redraws = Shared<RefCell<HashMap<String, Callback<()>>>>;

/// What drawing a record, or one of its fields, reads: the state, and what the fields' own
/// components are given.
struct Ctx<'a> {
    state: &'a RecordState,
    /// The same state, shared, for the field components drawn inside.
    rc: &'a Shared<RefCell<RecordState>>,
    redraws: &'a Redraws,
    on_action: &'a Callback<Action>,
    readonly: bool,
    disabled: bool,
    lang: Lang,
    /// Drawn for a page without script (see [`RecordViewProps::no_script`]).
    no_script: bool,
}

/// Draws a record.
#[function_component(RecordView)]
pub fn record_view(props: &RecordViewProps) -> Html {
    let summary_ref = use_summary_focus(props.focus_summary);
    let record_ref = use_requested_focus(&props.state.borrow());
    let rc = props.state.clone();
    let redraws = props.redraws.clone();
    let state = props.state.borrow();
    let lang = state.lang();
    let ctx = Ctx {
        state: &state,
        rc: &rc,
        redraws: &redraws,
        on_action: &props.on_action,
        readonly: props.readonly,
        disabled: props.disabled,
        lang,
        no_script: props.no_script,
    };
    // Neither a form nor an error yet: the schema is on its way.
    let loading = state.load_error().is_none() && state.model().is_none();
    let (_, announcement) = state.announcement();
    html! {
        <div class={classes!("op-record", loading.then_some("op-record--loading"))} lang={lang.tag()} part="form" ref={record_ref}>
            { crate::icons::welsh_note(lang) }
            { body(&ctx, &summary_ref, props.copies) }
            if props.printing {
                if let Some(model) = ctx.state.model() {
                    <div class="op-record-print">{ read_back::read_back(&ctx, &model.root) }</div>
                }
            }
            <div class="op-visually-hidden" role="status" aria-live="polite">{ announcement.to_owned() }</div>
        </div>
    }
}

/// What the record shows: why it could not load, the record read back (readonly), the form
/// under its error summary, or a word that it is loading.
fn body(ctx: &Ctx<'_>, summary_ref: &NodeRef, copies: bool) -> Html {
    let lang = ctx.lang;
    if let Some(error) = ctx.state.load_error() {
        html! {
            <div class="op-load-error" role="alert" part="load-error">
                <h2 class="op-heading-m">{ t(lang, "load.title", &[]) }</h2>
                <p class="op-body">{ error.person_message(lang) }</p>
            </div>
        }
    } else if let Some(model) = ctx.state.model() {
        if ctx.readonly {
            read_back::read_back(ctx, &model.root)
        } else {
            html! {
                <>
                    { summary::summary(ctx, summary_ref) }
                    { conflicts::conflicts(ctx) }
                    { fields::root(ctx, &model.root) }
                    if copies && !ctx.no_script {
                        { copies::panel(ctx) }
                    }
                </>
            }
        }
    } else {
        html! { <p class="op-body op-hint">{ t(lang, "form.loading", &[]) }</p> }
    }
}

/// The error summary's node, focused (and scrolled to) each time `request` moves above 0: the
/// owner moves it after a validate that found problems.
#[hook]
fn use_summary_focus(request: u64) -> NodeRef {
    let summary_ref = use_node_ref();
    {
        let summary_ref = summary_ref.clone();
        use_effect_with(request, move |request| {
            if *request > 0 {
                if let Some(el) = summary_ref.cast::<HtmlElement>() {
                    let _ = el.focus();
                    el.scroll_into_view();
                }
            }
        });
    }
    summary_ref
}

/// The record's node; focus moves inside it to what `state` asks for, each time it asks.
#[hook]
fn use_requested_focus(state: &RecordState) -> NodeRef {
    let record_ref = use_node_ref();
    let (focus_seq, focus_id) = {
        let (seq, target) = state.focus_request();
        (seq, target.map(focus_id))
    };
    {
        let record_ref = record_ref.clone();
        use_effect_with(focus_seq, move |_| {
            if let (Some(id), Some(root)) = (focus_id, record_ref.cast::<Element>()) {
                let selector = format!("#{id}");
                if let Ok(Some(el)) = root.query_selector(&selector) {
                    if let Ok(el) = el.dyn_into::<HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
        });
    }
    record_ref
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe() {
        assert_eq!(field_id(""), "op-f");
        assert_eq!(field_id("/a b/c\"<"), "op-f-a_20b-c_22_3c");
        assert_eq!(field_id("/what_matters"), "op-f-what__matters");
        assert_ne!(field_id("/a_20b"), field_id("/a b"));
    }
}
