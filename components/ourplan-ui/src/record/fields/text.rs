//! Text fields: a text area (and raw JSON, edited as text), a one-line input for text, email, web
//! addresses, phone numbers, dates, times and numbers, and the character count under them.

use super::common::{
    change_cb, described_by, error_message, group_class, hint, input_cb, label_text, leave_cb,
};
use crate::record::{Ctx, field_id};
use ourplan_core::Input;
use ourplan_core::i18n::{t, tn};
use ourplan_core::model::{InputKind, Kind, Node};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// A text area: many lines of text, or any JSON (`Kind::Raw`), as code.
pub(super) fn textarea(ctx: &Ctx<'_>, node: &Node) -> Html {
    let id = field_id(&node.pointer);
    let has_error = ctx.state.visible_problem(&node.pointer).is_some();
    let read_only = ctx.readonly || node.read_only;
    let (rows, code) = match &node.kind {
        Kind::Text { rows, .. } => (rows.unwrap_or(5), false),
        _ => (6, true),
    };
    html! {
        <div class={group_class(ctx, node)} key={node.pointer.clone()}>
            <label class="op-label" for={id.clone()}>{ label_text(ctx, node) }</label>
            { hint(node) }
            if code {
                <p class="op-hint op-raw-note">{ t(ctx.lang, "form.raw_note", &[]) }</p>
            }
            { error_message(ctx, node) }
            <textarea
                class={classes!("op-textarea", has_error.then_some("op-textarea--error"), code.then_some("op-textarea--code"))}
                id={id} name={node.pointer.clone()} rows={rows.to_string()}
                spellcheck={if code { "false" } else { "true" }}
                aria-describedby={described_by(ctx, node)}
                aria-invalid={has_error.then_some("true")}
                aria-required={node.required.then_some("true")}
                readonly={read_only} disabled={ctx.disabled}
                value={ctx.state.display_text(&node.pointer)}
                placeholder={node.placeholder.clone()}
                oninput={input_cb::<HtmlTextAreaElement>(ctx, &node.pointer, |el| Input::Text(el.value()))}
                onchange={change_cb::<HtmlTextAreaElement>(ctx, &node.pointer, |el| Input::Text(el.value()))}
                onfocusout={leave_cb(ctx, &node.pointer)}
                part="textarea" />
            { character_count(ctx, node) }
        </div>
    }
}

/// A one-line input: text, or a number, date, time, email address, web address or phone number
/// in the input the browser has for it.
pub(super) fn input(ctx: &Ctx<'_>, node: &Node) -> Html {
    let id = field_id(&node.pointer);
    let has_error = ctx.state.visible_problem(&node.pointer).is_some();
    let read_only = ctx.readonly || node.read_only;
    let kind_of_input = input_kind(node);
    let (ty, mode, spell) = match (&node.kind, kind_of_input) {
        (Kind::Number { integer: true }, _) => ("text", Some("numeric"), false),
        (Kind::Number { integer: false }, _) => ("text", Some("decimal"), false),
        (_, InputKind::Email) => ("email", None, false),
        (_, InputKind::Url) => ("url", None, false),
        (_, InputKind::Date) => ("date", None, false),
        (_, InputKind::Time) => ("time", None, false),
        (_, InputKind::DateTime) => ("datetime-local", None, false),
        (_, InputKind::Tel) => ("tel", None, false),
        _ => ("text", None, true),
    };
    html! {
        <div class={group_class(ctx, node)} key={node.pointer.clone()}>
            <label class="op-label" for={id.clone()}>{ label_text(ctx, node) }</label>
            { hint(node) }
            { error_message(ctx, node) }
            <input
                class={classes!("op-input", has_error.then_some("op-input--error"))}
                id={id} name={node.pointer.clone()} type={ty} inputmode={mode}
                spellcheck={if spell { "true" } else { "false" }}
                aria-describedby={described_by(ctx, node)}
                aria-invalid={has_error.then_some("true")}
                aria-required={node.required.then_some("true")}
                readonly={read_only} disabled={ctx.disabled}
                value={local_form(kind_of_input, &ctx.state.display_text(&node.pointer))}
                placeholder={node.placeholder.clone()}
                oninput={input_cb::<HtmlInputElement>(ctx, &node.pointer, move |el| Input::Text(with_offset(kind_of_input, el.value())))}
                onchange={change_cb::<HtmlInputElement>(ctx, &node.pointer, move |el| Input::Text(with_offset(kind_of_input, el.value())))}
                onfocusout={leave_cb(ctx, &node.pointer)}
                part="input" />
            { character_count(ctx, node) }
        </div>
    }
}

/// Which kind of one-line input a text field takes (plain text for anything else).
pub(super) fn input_kind(node: &Node) -> InputKind {
    match &node.kind {
        Kind::Text { input, .. } => *input,
        _ => InputKind::Text,
    }
}

/// The characters left (or too many), under a field with a length limit, when it shows (see
/// `count_shown`).
fn character_count(ctx: &Ctx<'_>, node: &Node) -> Html {
    let Some((_, left)) = super::common::count_shown(ctx, node) else {
        return html! {};
    };
    let (key, n, over) = if left >= 0 {
        ("count.remaining", left as u64, false)
    } else {
        ("count.too_many", left.unsigned_abs(), true)
    };
    html! {
        <div class={classes!("op-hint", "op-character-count", over.then_some("op-character-count--over"))}
            id={format!("{}-count", field_id(&node.pointer))}>
            { tn(ctx.lang, key, n, &[]) }
        </div>
    }
}

/// A native time or date-time input gives local time without seconds or offset; JSON Schema's
/// `time` and `date-time` need both. Adds them, with the person's UTC offset at that moment.
fn with_offset(kind: InputKind, typed: String) -> String {
    if typed.is_empty() {
        return typed;
    }
    let offset_at = |iso_local: &str| -> String {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso_local));
        let minutes = -(date.get_timezone_offset() as i64);
        let (sign, m) = if minutes < 0 {
            ('-', -minutes)
        } else {
            ('+', minutes)
        };
        format!("{sign}{:02}:{:02}", m / 60, m % 60)
    };
    match kind {
        InputKind::DateTime if typed.len() == 16 => {
            let offset = offset_at(&typed);
            format!("{typed}:00{offset}")
        }
        InputKind::Time if typed.len() == 5 => {
            // A time alone takes today's offset (summer time or not).
            let today = js_sys::Date::new_0();
            let local = format!(
                "{:04}-{:02}-{:02}T{typed}",
                today.get_full_year(),
                today.get_month() + 1,
                today.get_date()
            );
            let offset = offset_at(&local);
            format!("{typed}:00{offset}")
        }
        _ => typed,
    }
}

/// The inverse of [`with_offset`] for showing a stored value in a native input.
fn local_form(kind: InputKind, stored: &str) -> String {
    match kind {
        InputKind::DateTime if stored.len() > 16 => stored[..16].to_owned(),
        InputKind::Time if stored.len() > 5 => stored[..5].to_owned(),
        _ => stored.to_owned(),
    }
}
