//! One of a fixed set of values: radios, or a select for a long list.

use super::common::{
    Legend, choose_cb, described_by, edit_cb, error_message, field_group, group_class, hint,
    label_text, leave_cb, option_text, then_commit,
};
use crate::record::{Ctx, field_id};
use ourplan_core::Input;
use ourplan_core::i18n::t;
use ourplan_core::model::{ChoiceOption, Node};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The index of the option the value holds, if any.
fn selected(ctx: &Ctx<'_>, node: &Node, options: &[ChoiceOption]) -> Option<usize> {
    let current = ctx.state.value_at(&node.pointer);
    options.iter().position(|o| Some(&o.value) == current)
}

/// A radio per option in a fieldset; the first radio carries the field's id.
pub(super) fn radios(ctx: &Ctx<'_>, node: &Node, options: &[ChoiceOption]) -> Html {
    let id = field_id(&node.pointer);
    let read_only = ctx.readonly || node.read_only;
    let selected = selected(ctx, node, options);
    html! {
        { field_group(ctx, node, Legend::Small, None, html! {
            <>
                <div class="op-radios">
                    { for options.iter().enumerate().map(|(i, o)| {
                        let radio_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
                        let onchange = choose_cb(ctx, &node.pointer, Input::Choice(Some(i)));
                        let hint_id = o.hint.as_ref().map(|_| format!("{radio_id}-hint"));
                        html! {
                            <div class="op-radios__item" key={i}>
                                <input class="op-radios__input" id={radio_id.clone()} name={node.pointer.clone()} type="radio"
                                    value={i.to_string()} checked={selected == Some(i)}
                                    disabled={ctx.disabled || read_only} aria-describedby={hint_id.clone()}
                                    {onchange} onfocusout={leave_cb(ctx, &node.pointer)} part="radio" />
                                { option_text("op-radios", &radio_id, &o.label, o.hint.as_deref()) }
                            </div>
                        }
                    }) }
                </div>
            </>
        }) }
    }
}

/// A select, with "Select an option" first for no answer.
pub(super) fn select(ctx: &Ctx<'_>, node: &Node, options: &[ChoiceOption]) -> Html {
    let id = field_id(&node.pointer);
    let has_error = ctx.state.visible_problem(&node.pointer).is_some();
    let read_only = ctx.readonly || node.read_only;
    let selected = selected(ctx, node, options);
    let opts = options.len();
    let edit = edit_cb::<HtmlSelectElement>(ctx, &node.pointer, move |el| {
        let raw = el.value();
        Input::Choice(raw.parse::<usize>().ok().filter(|i| *i < opts))
    });
    let onchange = then_commit(ctx, &node.pointer, edit);
    html! {
        <div class={group_class(ctx, node)} key={node.pointer.clone()}>
            <label class="op-label" for={id.clone()}>{ label_text(ctx, node) }</label>
            { hint(node) }
            { error_message(ctx, node) }
            <select class={classes!("op-select", has_error.then_some("op-select--error"))} id={id} name={node.pointer.clone()}
                aria-describedby={described_by(ctx, node)}
                aria-invalid={has_error.then_some("true")}
                disabled={ctx.disabled || read_only}
                {onchange} onfocusout={leave_cb(ctx, &node.pointer)} part="select">
                <option value="" selected={selected.is_none()}>{ t(ctx.lang, "form.select_placeholder", &[]) }</option>
                { for options.iter().enumerate().map(|(i, o)| html! {
                    <option key={i} value={i.to_string()} selected={selected == Some(i)}>{ o.label.clone() }</option>
                }) }
            </select>
        </div>
    }
}
