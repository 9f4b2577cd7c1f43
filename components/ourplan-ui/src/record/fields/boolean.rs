//! A yes/no field: one checkbox, its label beside it.

use super::common::{
    described_by, error_message, group_class, hint, label_text, leave_cb, shown_marker,
};
use crate::record::{Ctx, field_id};
use ourplan_core::Input;
use ourplan_core::model::Node;
use ourplan_core::record::Action;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The checkbox, ticked when the value is `true`.
pub(super) fn checkbox(ctx: &Ctx<'_>, node: &Node) -> Html {
    let id = field_id(&node.pointer);
    let read_only = ctx.readonly || node.read_only;
    let checked = ctx
        .state
        .value_at(&node.pointer)
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let on_action = ctx.on_action.clone();
    let pointer = node.pointer.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(el) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        {
            on_action.emit(Action::Edit {
                pointer: pointer.clone(),
                input: Input::Bool(el.checked()),
            });
            on_action.emit(Action::Commit {
                pointer: pointer.clone(),
            });
        }
    });
    html! {
        <div class={group_class(ctx, node)} key={node.pointer.clone()}>
            { error_message(ctx, node) }
            <div class="op-checkboxes__item">
                { shown_marker(ctx, node) }
                <input class="op-checkboxes__input" id={id.clone()} name={node.pointer.clone()} value="true" type="checkbox" checked={checked}
                    aria-describedby={described_by(ctx, node)}
                    disabled={ctx.disabled || read_only}
                    {onchange} onfocusout={leave_cb(ctx, &node.pointer)} part="checkbox" />
                <label class="op-label op-checkboxes__label" for={id}>{ label_text(ctx, node) }</label>
            </div>
            { hint(node) }
        </div>
    }
}
