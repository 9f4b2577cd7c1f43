//! A reference back to a schema above it (a recursive `$ref`): closed until the person opens it,
//! one level at a time.

use super::common::{described_by, error_message, group_class, hint, label_text};
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
    html! {
        <div class={group_class(ctx, node)} key={node.pointer.clone()}>
            <fieldset class="op-fieldset" aria-describedby={described_by(ctx, node)} part="fieldset">
                <legend class="op-fieldset__legend op-fieldset__legend--m">{ label_text(ctx, node) }</legend>
                { hint(node) }
                { error_message(ctx, node) }
                if !(ctx.disabled || read_only) {
                    <button type="button" class="op-button op-button--secondary" id={id.clone()} {onclick}>
                        { t(ctx.lang, "list.add_first", &[("item", &node.label.to_lowercase())]) }
                    </button>
                }
            </fieldset>
        </div>
    }
}
