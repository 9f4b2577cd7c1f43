//! The record's copies panel (the element's `copies` attribute), under the form: share a copy
//! as a file, give your name, and combine with a copy someone sent back: what it will do first,
//! in plain words, then combined when the person says so, with one step to undo it.

use super::Ctx;
use crate::icons::{Icon, icon};
use crate::plan::dom::{by_id, target_value};
use ourplan_core::i18n::t;
use ourplan_core::merge::Summary;
use ourplan_core::record::{Action, Combining};
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The panel.
pub(super) fn panel(ctx: &Ctx<'_>) -> Html {
    let lang = ctx.lang;
    let disabled = ctx.disabled;
    let error = ctx.state.copies_error();
    html! {
        <section class="op-record-copies" id="op-copies" aria-labelledby="op-copies-title" part="copies">
            <h2 class="op-heading-m" id="op-copies-title">{ icon(lang, Icon::Share) }{ t(lang, "form.copies.title", &[]) }</h2>
            <p class="op-hint" id="op-copies-hint">{ t(lang, "form.copies.hint", &[]) }</p>
            <p><a class="op-link" id="op-share" href="data:application/json;charset=utf-8,"
                download={t(lang, "form.copies.file", &[])} onclick={share(ctx)}>{ t(lang, "form.copies.download", &[]) }</a></p>
            <div class="op-form-group">
                <label class="op-label" for="op-author">{ t(lang, "form.copies.author", &[]) }</label>
                <p class="op-hint" id="op-author-hint">{ t(lang, "form.copies.author_hint", &[]) }</p>
                <input class="op-input" id="op-author" type="text" autocomplete="name" part="input" {disabled}
                    aria-describedby="op-author-hint" value={ctx.state.author().unwrap_or_default().to_owned()}
                    onchange={send(ctx, |e| Action::SetAuthor(target_value(&e)))} />
            </div>
            <p class="op-hint" id="op-combine-hint">{ t(lang, "form.copies.combine_hint", &[]) }</p>
            if let Some(error) = error {
                <p class="op-error-message" id="op-combine-error" role="alert">{ error.to_owned() }</p>
            }
            <div class="op-button-group">
                <button type="button" class="op-button op-button--secondary" id="op-combine-button" {disabled}
                    aria-describedby={if error.is_some() { "op-combine-hint op-combine-error" } else { "op-combine-hint" }}
                    onclick={open_box}>{ icon(lang, Icon::Open) }{ t(lang, "form.copies.combine", &[]) }</button>
                if ctx.state.can_undo_combine() {
                    <button type="button" class="op-button op-button--secondary" id="op-combine-undo" {disabled}
                        onclick={click(ctx, Action::UndoCombine)}>{ icon(lang, Icon::Undo) }{ t(lang, "form.copies.undo", &[]) }</button>
                }
            </div>
            <input class="op-file-upload" id="op-combine-file" type="file" accept=".json,application/json"
                hidden=true tabindex="-1" aria-labelledby="op-combine-button" onchange={read_file(ctx)} />
            if let Some(c) = ctx.state.combining() {
                { preview(ctx, c) }
            }
        </section>
    }
}

/// What combining the chosen copy will do, with Combine and Cancel.
fn preview(ctx: &Ctx<'_>, c: &Combining) -> Html {
    let lang = ctx.lang;
    let disabled = ctx.disabled;
    let (words, yes, yes_action) = if c.other_document {
        (
            t(lang, "form.copies.other_document", &[]),
            t(lang, "form.copies.anyway", &[]),
            Action::CombineAnyway,
        )
    } else {
        (
            summary_words(lang, &c.summary),
            t(lang, "form.copies.apply", &[]),
            Action::CombineApply,
        )
    };
    html! {
        <div class="op-plan-combine" id="op-combine" tabindex="-1" role="region" aria-labelledby="op-combine-title">
            <h3 class="op-heading-s" id="op-combine-title">{ t(lang, "form.copies.preview_title", &[]) }</h3>
            <p class="op-body" id="op-combine-summary">{ words }</p>
            <div class="op-button-group">
                <button type="button" class="op-button op-button--start" id={if c.other_document { "op-combine-anyway" } else { "op-combine-apply" }}
                    {disabled} onclick={click(ctx, yes_action)}>{ yes }</button>
                <button type="button" class="op-button op-button--secondary" id="op-combine-cancel"
                    onclick={click(ctx, Action::CombineCancel)}>{ t(lang, "form.copies.cancel", &[]) }</button>
            </div>
        </div>
    }
}

/// A combination's summary in the person's words.
fn summary_words(lang: ourplan_core::Lang, s: &Summary) -> String {
    if s.nothing_new && s.conflicts == 0 {
        return t(lang, "form.copies.nothing_new", &[]);
    }
    t(
        lang,
        "form.copies.summary",
        &[
            ("added", &s.added.to_string()),
            ("changed", &s.changed.to_string()),
            ("removed", &s.removed.to_string()),
            ("conflicts", &s.conflicts.to_string()),
        ],
    )
}

fn click(ctx: &Ctx<'_>, action: Action) -> Callback<MouseEvent> {
    let on = ctx.on_action.clone();
    Callback::from(move |_: MouseEvent| on.emit(action.clone()))
}

fn send(ctx: &Ctx<'_>, make: fn(Event) -> Action) -> Callback<Event> {
    let on = ctx.on_action.clone();
    Callback::from(move |e: Event| on.emit(make(e)))
}

/// The share link's click: the record is checkpointed (so the copy and this record share an
/// ancestor) and the link is given the copy.
fn share(ctx: &Ctx<'_>) -> Callback<MouseEvent> {
    let state = ctx.rc.clone();
    Callback::from(move |e: MouseEvent| {
        let Some(link) = e.target_dyn_into::<Element>() else {
            return;
        };
        let Ok(mut state) = state.try_borrow_mut() else {
            return;
        };
        let href = format!(
            "data:application/json;charset=utf-8,{}",
            js_sys::encode_uri_component(&state.copy().to_string())
        );
        let _ = link.set_attribute("href", &href);
    })
}

/// The Combine button's click: opens the hidden file box beside it.
fn open_box(e: MouseEvent) {
    let input = e
        .target_dyn_into::<Element>()
        .and_then(|b| by_id(&b, "op-combine-file"))
        .and_then(|i| i.dyn_into::<HtmlElement>().ok());
    if let Some(input) = input {
        input.click();
    }
}

/// The file box's `change`: reads the chosen file and shows what combining it would do (a file
/// over the `valueBytes` limit is refused unread).
fn read_file(ctx: &Ctx<'_>) -> Callback<Event> {
    crate::plan::dom::read_chosen(
        ctx.on_action.clone(),
        *ctx.state.limits(),
        Action::Combine,
        Action::CombineTooLarge,
    )
}
