//! Named entries of a map (`additionalProperties`): each a name box, its answer, and Remove, then
//! "Add another".

use super::common::{button_kind, click_cb};
use super::field;
use crate::record::{Ctx, field_id};
use ourplan_core::i18n::t;
use ourplan_core::model::Node;
use ourplan_core::record::Action;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The entries of the map `parent`, then "Add another". A name takes effect when the person
/// leaves its box, so the box keeps focus while they type.
pub(super) fn entries(ctx: &Ctx<'_>, parent: &Node, entries: &[&Node]) -> Html {
    let editable = !(ctx.readonly || ctx.disabled || parent.read_only);
    let add = click_cb(ctx, &parent.pointer, |pointer| Action::AddEntry { pointer });
    let (add_type, add_name, add_value) = button_kind(ctx, "add-entry", &parent.pointer);
    html! {
        <div class="op-map" part="map">
            // One keyed list of their own (see `group`).
            { entries.iter().enumerate().map(|(index, entry)| entry_view(ctx, parent, entry, index, editable)).collect::<Html>() }
            if editable {
                <button type={add_type} name={add_name} value={add_value} class="op-button op-button--secondary" id={format!("{}-add", field_id(&parent.pointer))} onclick={add}>
                    { t(ctx.lang, "map.add", &[]) }<span class="op-visually-hidden">{" "}{ parent.label.clone() }</span>
                </button>
            }
        </div>
    }
}

/// One entry, the `index`th of `parent`: its name box, its answer, and Remove.
fn entry_view(ctx: &Ctx<'_>, parent: &Node, entry: &Node, index: usize, editable: bool) -> Html {
    let id = field_id(&entry.pointer);
    let name_id = format!("{id}-name");
    let problem = ctx.state.entry_name_problem(&entry.pointer);
    let rename = {
        let on_action = ctx.on_action.clone();
        let pointer = entry.pointer.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                on_action.emit(Action::RenameEntry {
                    pointer: pointer.clone(),
                    name: el.value(),
                });
            }
        })
    };
    let remove = click_cb(ctx, &entry.pointer, |pointer| Action::RemoveEntry {
        pointer,
    });
    let (remove_type, remove_name, remove_value) = button_kind(ctx, "remove-entry", &entry.pointer);
    let value_node = Node {
        label: t(ctx.lang, "map.value", &[]),
        ..entry.clone()
    };
    let shown_name = ctx.state.entry_name(&entry.pointer);
    // Keyed by place, not by name: naming an entry changes its pointer, and an entry
    // drawn afresh would take the focus from the answer the person just tabbed to.
    let answer = unkeyed(field(ctx, &value_node));
    html! {
        <div class="op-list-item" key={format!("{}#{index}", parent.pointer)} part="map-entry">
            <div class={classes!("op-form-group", problem.as_ref().map(|_| "op-form-group--error"))}>
                <label class="op-label" for={name_id.clone()}>{ t(ctx.lang, "map.name", &[]) }</label>
                if let Some(p) = &problem {
                    <p class="op-error-message" id={format!("{name_id}-error")}>
                        <span class="op-visually-hidden">{ t(ctx.lang, "form.error_prefix", &[]) }{" "}</span>{ p.clone() }
                    </p>
                }
                <input class={classes!("op-input", problem.as_ref().map(|_| "op-input--error"))} id={name_id.clone()} type="text"
                    name={format!("{}~name", entry.pointer)} spellcheck="false" value={shown_name.clone()}
                    aria-describedby={problem.as_ref().map(|_| format!("{name_id}-error"))}
                    aria-invalid={problem.as_ref().map(|_| "true")}
                    readonly={!editable} onchange={rename} part="input" />
            </div>
            { answer }
            if editable {
                <button type={remove_type} name={remove_name} value={remove_value} class="op-button op-button--warning" onclick={remove}>
                    { t(ctx.lang, "map.remove", &[]) }<span class="op-visually-hidden">{" "}{ shown_name }</span>
                </button>
            }
        </div>
    }
}

/// `html` without its key, so it is patched in place when what it draws moves to a new pointer.
fn unkeyed(mut html: Html) -> Html {
    if let yew::virtual_dom::VNode::VTag(tag) = &mut html {
        std::rc::Rc::make_mut(tag).key = None;
    }
    html
}
