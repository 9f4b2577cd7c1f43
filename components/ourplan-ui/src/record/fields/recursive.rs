//! A reference back to a schema above it (a recursive `$ref`): closed until the person opens it,
//! one level at a time.

use super::common::{Legend, field_group};
use crate::record::{Ctx, field_id};
use ourplan_core::i18n::t;
use ourplan_core::model::Node;
use ourplan_core::record::Action;
use yew::prelude::*;

/// The closed field: its legend and a button that opens it.
pub(super) fn open_button(ctx: &Ctx<'_>, node: &Node) -> Html {
    let id = field_id(&node.pointer);
    let read_only = ctx.readonly || node.read_only;
    let onclick = super::common::click_cb(ctx, &node.pointer, |pointer| Action::Open { pointer });
    let (ty, name, value) = super::common::button_kind(ctx, "open", &node.pointer);
    html! {
        { field_group(ctx, node, Legend::Medium, None, html! {
            <>
                if !(ctx.disabled || read_only) {
                    <button type={ty} {name} {value} class="op-button op-button--secondary" id={id.clone()} {onclick}>
                        { t(ctx.lang, "list.add_first", &[("item", &node.label.to_lowercase())]) }
                    </button>
                }
            </>
        }) }
    }
}
