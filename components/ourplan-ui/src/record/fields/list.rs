//! A list (GOV.UK "add another"): each item in a box with move and remove buttons, then an add
//! button. Nothing needs dragging; a long list shows 50 items at a time.

use super::common::{Legend, button_kind, click_cb, field_group};
use super::field_component;
use crate::icons::{Icon, icon};
use crate::record::{Ctx, field_id, focus_id};
use ourplan_core::i18n::{t, tn};
use ourplan_core::model::{Kind, Node};
use ourplan_core::record::{Action, Focus};
use yew::prelude::*;

/// The list `node` with its `items`; `item` is the template of an item, whose title names the
/// add button ("Add another step"), else the list's own does.
pub(super) fn list(
    ctx: &Ctx<'_>,
    node: &Node,
    items: &[Node],
    max_items: Option<u64>,
    item: Option<&Node>,
) -> Html {
    let item_name = item
        .map(|i| i.label.as_str())
        .filter(|l| !l.is_empty())
        .unwrap_or(&node.label)
        .to_lowercase();
    let id = field_id(&node.pointer);
    let editable = !(ctx.readonly || ctx.disabled || node.read_only);
    let count = items.len();
    let limit = ctx.state.list_limit(&node.pointer);
    let show_more = click_cb(ctx, &node.pointer, |pointer| Action::ShowMore { pointer });
    let (more_type, more_name, more_value) = button_kind(ctx, "more", &node.pointer);
    html! {
        { field_group(ctx, node, Legend::Medium, Some(id), html! {
            <>
                if items.is_empty() {
                    <p class="op-hint">{ t(ctx.lang, "list.empty", &[]) }</p>
                }
                // One keyed list of their own (see `group`).
                { items.iter().take(limit).enumerate().map(|(i, item)| item_view(ctx, item, i, count, editable)).collect::<Html>() }
                if count > limit {
                    <p class="op-hint">{ t(ctx.lang, "list.showing", &[("shown", &limit.to_string()), ("total", &count.to_string())]) }</p>
                    <button type={more_type} name={more_name} value={more_value} class="op-button op-button--secondary" onclick={show_more}>
                        { t(ctx.lang, "list.show_more", &[]) }
                    </button>
                }
                if editable {
                    { add_button(ctx, node, items, max_items, &item_name) }
                }
            </>
        }) }
    }
}

/// Item `i` of `count`: its field, then Move up, Move down and Remove.
fn item_view(ctx: &Ctx<'_>, item: &Node, i: usize, count: usize, editable: bool) -> Html {
    let item_id = field_id(&item.pointer);
    let button = |delta: isize| {
        click_cb(ctx, &item.pointer, move |pointer| Action::MoveItem {
            pointer,
            delta,
        })
    };
    let remove = click_cb(ctx, &item.pointer, |pointer| Action::RemoveItem { pointer });
    let kind = |action: &str| button_kind(ctx, action, &item.pointer);
    let (
        (up_type, up_name, up_value),
        (down_type, down_name, down_value),
        (remove_type, remove_name, remove_value),
    ) = (kind("up"), kind("down"), kind("remove"));
    html! {
        <div class="op-list-item" key={item.pointer.clone()} part="list-item">
            { field_component(ctx, item) }
            if editable {
                <div class="op-list-item__actions">
                    <button type={up_type} name={up_name} value={up_value} class="op-button op-button--secondary" id={format!("{item_id}-up")}
                        disabled={i == 0} onclick={button(-1)}>
                        { t(ctx.lang, "list.move_up", &[]) }<span class="op-visually-hidden">{" "}{ item.label.clone() }</span>
                    </button>
                    <button type={down_type} name={down_name} value={down_value} class="op-button op-button--secondary" id={format!("{item_id}-down")}
                        disabled={i + 1 == count} onclick={button(1)}>
                        { t(ctx.lang, "list.move_down", &[]) }<span class="op-visually-hidden">{" "}{ item.label.clone() }</span>
                    </button>
                    <button type={remove_type} name={remove_name} value={remove_value} class="op-button op-button--warning" id={format!("{item_id}-remove")} onclick={remove}>
                        { icon(ctx.lang, Icon::Remove) }{ t(ctx.lang, "list.remove", &[]) }<span class="op-visually-hidden">{" "}{ item.label.clone() }</span>
                    </button>
                </div>
            }
        </div>
    }
}

/// The add button, or a word that the list is full: at `maxItems`, and when a tuple
/// (`prefixItems` with `items: false`) has every position (then without a word: there is
/// nothing more to say).
fn add_button(
    ctx: &Ctx<'_>,
    node: &Node,
    items: &[Node],
    max_items: Option<u64>,
    item_name: &str,
) -> Html {
    let no_more_shapes = match &node.kind {
        Kind::Array {
            item: None, prefix, ..
        } => items.len() >= prefix.len(),
        _ => false,
    };
    let full = no_more_shapes || max_items.is_some_and(|m| items.len() as u64 >= m);
    let count = items.len();
    let add = click_cb(ctx, &node.pointer, |pointer| Action::AddItem { pointer });
    let (add_type, add_name, add_value) = button_kind(ctx, "add", &node.pointer);
    html! {
        if full {
            if !no_more_shapes {
                <p class="op-hint">{ tn(ctx.lang, "list.full", max_items.unwrap_or(0), &[]) }</p>
            }
        } else {
            <button type={add_type} name={add_name} value={add_value} class="op-button op-button--secondary" id={focus_id(&Focus::AddButton(node.pointer.clone()))} onclick={add}>
                { icon(ctx.lang, Icon::Add) }{ if count == 0 { t(ctx.lang, "list.add_first", &[("item", item_name)]) } else { t(ctx.lang, "list.add", &[("item", item_name)]) } }
            </button>
        }
    }
}
