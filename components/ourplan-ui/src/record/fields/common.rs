//! What every kind of field draws the same way: its label (with "optional" and whose words it
//! holds), hint, error message, `aria-describedby`, form-group class, and the callbacks that turn
//! the person's input into actions.

use crate::record::{Ctx, field_id};
use ourplan_core::Input;
use ourplan_core::i18n::t;
use ourplan_core::model::{Kind, Node, Voice};
use ourplan_core::record::Action;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The field's error message, when it shows one.
pub(super) fn error_message(ctx: &Ctx<'_>, node: &Node) -> Html {
    match ctx.state.visible_problem(&node.pointer) {
        Some(p) => html! {
            <p class="op-error-message" id={format!("{}-error", field_id(&node.pointer))} part="error-message">
                <span class="op-visually-hidden">{ t(ctx.lang, "form.error_prefix", &[]) }{" "}</span>{ p.message }
            </p>
        },
        None => html! {},
    }
}

/// The ids of what describes the field: its hint, its error message and its character count,
/// those it shows.
pub(super) fn described_by(ctx: &Ctx<'_>, node: &Node) -> Option<AttrValue> {
    let id = field_id(&node.pointer);
    let mut parts = Vec::new();
    if node.hint.is_some() {
        parts.push(format!("{id}-hint"));
    }
    if ctx.state.visible_problem(&node.pointer).is_some() {
        parts.push(format!("{id}-error"));
    }
    if count_shown(ctx, node).is_some() {
        parts.push(format!("{id}-count"));
    }
    (!parts.is_empty()).then(|| parts.join(" ").into())
}

/// The character count's number, when it shows: for text areas, and for other text fields once
/// three quarters of the limit is used (a count on every short field is noise).
pub(super) fn count_shown(ctx: &Ctx<'_>, node: &Node) -> Option<(u64, i64)> {
    let Kind::Text {
        max_length: Some(max),
        multiline,
        ..
    } = &node.kind
    else {
        return None;
    };
    let used = ctx.state.display_text(&node.pointer).chars().count() as u64;
    (*multiline || used * 4 >= max * 3).then(|| (*max, *max as i64 - used as i64))
}

/// The field's hint, when it has one.
pub(super) fn hint(node: &Node) -> Html {
    match &node.hint {
        Some(h) => {
            html! { <div class="op-hint" id={format!("{}-hint", field_id(&node.pointer))}>{ h.clone() }</div> }
        }
        None => html! {},
    }
}

/// What a label or legend says: the field's name, "(optional)" when it is, and whose words it
/// holds.
pub(super) fn label_text(ctx: &Ctx<'_>, node: &Node) -> Html {
    // Whose words a field holds is part of its name, so a screen reader hears it too.
    let voice = node.voice.map(|v| match v {
        Voice::Person => ("voice.person", "op-tag op-tag--person"),
        Voice::Practitioner => ("voice.practitioner", "op-tag op-tag--practitioner"),
    });
    html! {
        <>
            { node.label.clone() }
            if !node.required {
                <span class="op-optional">{" "}{ t(ctx.lang, "form.optional", &[]) }</span>
            }
            if let Some((key, class)) = voice {
                {" "}<span class={class}>{ t(ctx.lang, key, &[]) }</span>
            }
        </>
    }
}

/// The class of the box around a field, marked when it shows an error.
pub(super) fn group_class(ctx: &Ctx<'_>, node: &Node) -> Classes {
    classes!(
        "op-form-group",
        ctx.state
            .visible_problem(&node.pointer)
            .map(|_| "op-form-group--error")
    )
}

/// A radio's or checkbox's label (block `op-radios` or `op-checkboxes`), with its hint under it
/// when the option has one (the input names it with `aria-describedby`, id `{input_id}-hint`).
pub(super) fn option_text(block: &str, input_id: &str, label: &str, hint: Option<&str>) -> Html {
    let label = html! {
        <label class={format!("op-label {block}__label")} for={input_id.to_owned()}>{ label.to_owned() }</label>
    };
    match hint {
        None => label,
        Some(hint) => html! {
            <div class={format!("{block}__text")}>
                { label }
                <div id={format!("{input_id}-hint")} class={format!("op-hint {block}__hint")}>{ hint.to_owned() }</div>
            </div>
        },
    }
}

/// A click that sends the action `make` builds for `pointer`.
pub(super) fn click_cb(
    ctx: &Ctx<'_>,
    pointer: &str,
    make: impl Fn(String) -> Action + 'static,
) -> Callback<MouseEvent> {
    let on_action = ctx.on_action.clone();
    let pointer = pointer.to_owned();
    Callback::from(move |_: MouseEvent| on_action.emit(make(pointer.clone())))
}

/// An event that edits `pointer` with what `read` reads from the element it came from.
pub(super) fn edit_cb<E: JsCast + 'static>(
    ctx: &Ctx<'_>,
    pointer: &str,
    read: impl Fn(&E) -> Input + 'static,
) -> Callback<Event> {
    let on_action = ctx.on_action.clone();
    let pointer = pointer.to_owned();
    Callback::from(move |e: Event| {
        if let Some(el) = e.target().and_then(|t| t.dyn_into::<E>().ok()) {
            on_action.emit(Action::Edit {
                pointer: pointer.clone(),
                input: read(&el),
            });
        }
    })
}

/// A text-like field's `input`: the edit it carries (see [`edit_cb`]).
pub(super) fn input_cb<E: JsCast + 'static>(
    ctx: &Ctx<'_>,
    pointer: &str,
    read: impl Fn(&E) -> Input + 'static,
) -> Callback<InputEvent> {
    let cb = edit_cb(ctx, pointer, read);
    Callback::from(move |e: InputEvent| cb.emit(e.into()))
}

/// The person is done changing `pointer` (the native `change` moment).
pub(super) fn commit_cb(ctx: &Ctx<'_>, pointer: &str) -> Callback<Event> {
    let on_action = ctx.on_action.clone();
    let pointer = pointer.to_owned();
    Callback::from(move |_| {
        on_action.emit(Action::Commit {
            pointer: pointer.clone(),
        })
    })
}

/// `edit`, then the commit: a `change` that carries its edit.
pub(super) fn then_commit(ctx: &Ctx<'_>, pointer: &str, edit: Callback<Event>) -> Callback<Event> {
    let commit = commit_cb(ctx, pointer);
    Callback::from(move |e: Event| {
        edit.emit(e.clone());
        commit.emit(e);
    })
}

/// A text-like field's `change`: the edit it carries, then the commit. A `change` may come with
/// no `input` before it (autofill, password managers, assistive tools, WebDriver's `clear()`), and
/// it is the person's edit all the same: without this the box would show new text while the
/// value kept the old.
pub(super) fn change_cb<E: JsCast + 'static>(
    ctx: &Ctx<'_>,
    pointer: &str,
    read: impl Fn(&E) -> Input + 'static,
) -> Callback<Event> {
    then_commit(ctx, pointer, edit_cb(ctx, pointer, read))
}

/// A choice's `change` (a radio or checkbox): the edit `input` at once, then the commit.
pub(super) fn choose_cb(ctx: &Ctx<'_>, pointer: &str, input: Input) -> Callback<Event> {
    let on_action = ctx.on_action.clone();
    let pointer = pointer.to_owned();
    Callback::from(move |_: Event| {
        on_action.emit(Action::Edit {
            pointer: pointer.clone(),
            input: input.clone(),
        });
        on_action.emit(Action::Commit {
            pointer: pointer.clone(),
        });
    })
}

/// The person left the field (its problem may show from now on).
pub(super) fn leave_cb(ctx: &Ctx<'_>, pointer: &str) -> Callback<FocusEvent> {
    let on_action = ctx.on_action.clone();
    let pointer = pointer.to_owned();
    Callback::from(move |_| {
        on_action.emit(Action::Leave {
            pointer: pointer.clone(),
        })
    })
}

/// How large a group's legend is: a question's own (`Small`), or a group of questions' (`Medium`).
#[derive(Clone, Copy)]
pub(super) enum Legend {
    /// A question answered by the group's options (radios, checkboxes).
    Small,
    /// A group of questions, a list, or a choice of shapes.
    Medium,
}

/// A field drawn as a group: its form group, a fieldset named by its legend, its hint and its
/// problem, then `body`. `id` goes on the fieldset (focusable from the error summary) when the
/// group itself is what the summary links to; otherwise the first control inside carries it.
pub(super) fn field_group(
    ctx: &Ctx<'_>,
    node: &Node,
    legend: Legend,
    id: Option<String>,
    body: Html,
) -> Html {
    let legend_class = match legend {
        Legend::Small => "op-fieldset__legend op-fieldset__legend--s",
        Legend::Medium => "op-fieldset__legend op-fieldset__legend--m",
    };
    let tabindex = id.as_ref().map(|_| "-1");
    html! {
        <div class={group_class(ctx, node)} key={node.pointer.clone()}>
            <fieldset class="op-fieldset" {id} {tabindex} aria-describedby={described_by(ctx, node)} part="fieldset">
                <legend class={legend_class}>{ label_text(ctx, node) }</legend>
                { hint(node) }
                { error_message(ctx, node) }
                { body }
            </fieldset>
        </div>
    }
}

/// A hidden `P~shown` beside a group of boxes drawn for no script: a box left unticked sends
/// nothing, so this tells the server the boxes were there (`ourplan_core::record::posted`).
pub(super) fn shown_marker(ctx: &Ctx<'_>, node: &Node) -> Html {
    if ctx.no_script {
        html! { <input type="hidden" name={format!("{}~shown", node.pointer)} value="" /> }
    } else {
        html! {}
    }
}

/// A button's `type`, `name` and `value`. With script it is a plain button whose click is the
/// action; drawn for no script, it sends the form with `op-action` = `NAME:POINTER`, for the
/// server to do and draw the form again (`ourplan_core::record::posted::button_action`).
pub(super) fn button_kind(
    ctx: &Ctx<'_>,
    action: &str,
    pointer: &str,
) -> (&'static str, Option<&'static str>, Option<String>) {
    if ctx.no_script {
        (
            "submit",
            Some(ourplan_core::record::posted::ACTION_FIELD),
            Some(format!("{action}:{pointer}")),
        )
    } else {
        ("button", None, None)
    }
}
