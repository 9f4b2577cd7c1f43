//! Several of a fixed set of values (an array of `enum`): a checkbox per option.

use super::common::{Legend, field_group, leave_cb, option_text, shown_marker};
use crate::record::{Ctx, field_id};
use ourplan_core::Input;
use ourplan_core::model::{ChoiceOption, Node};
use ourplan_core::record::Action;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The checkboxes in a fieldset, ticked for the values the array holds; the first carries the
/// field's id.
pub(super) fn checkboxes(ctx: &Ctx<'_>, node: &Node, options: &[ChoiceOption]) -> Html {
    let id = field_id(&node.pointer);
    let read_only = ctx.readonly || node.read_only;
    let current: Vec<serde_json::Value> = ctx
        .state
        .value_at(&node.pointer)
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    html! {
        { field_group(ctx, node, Legend::Small, None, html! {
            <>
                { shown_marker(ctx, node) }
                <div class="op-checkboxes">
                    { for options.iter().enumerate().map(|(i, o)| {
                        let box_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
                        let on_action = ctx.on_action.clone();
                        let pointer = node.pointer.clone();
                        let onchange = Callback::from(move |e: Event| {
                            let on = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).is_some_and(|el| el.checked());
                            on_action.emit(Action::Edit { pointer: pointer.clone(), input: Input::Toggle(i, on) });
                            on_action.emit(Action::Commit { pointer: pointer.clone() });
                        });
                        let hint_id = o.hint.as_ref().map(|_| format!("{box_id}-hint"));
                        html! {
                            <div class="op-checkboxes__item" key={i}>
                                <input class="op-checkboxes__input" id={box_id.clone()} name={node.pointer.clone()} value={i.to_string()} type="checkbox"
                                    checked={current.contains(&o.value)}
                                    disabled={ctx.disabled || read_only} aria-describedby={hint_id.clone()}
                                    {onchange} onfocusout={leave_cb(ctx, &node.pointer)} part="checkbox" />
                                { option_text("op-checkboxes", &box_id, &o.label, o.hint.as_deref()) }
                            </div>
                        }
                    }) }
                </div>
            </>
        }) }
    }
}
