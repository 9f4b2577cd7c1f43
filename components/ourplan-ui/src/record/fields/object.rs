//! Groups of fields: the record's top, a group in a fieldset, and the fields of a group that
//! show at this level, then "Add more" buttons for the others.

use super::common::{Legend, error_message, field_group};
use super::{field, field_component, map};
use crate::record::{Ctx, field_id};
use ourplan_core::i18n::t;
use ourplan_core::model::{Kind, Node};
use ourplan_core::record::Action;
use yew::prelude::*;

/// The record's root: its title, description and problem, then its fields. A root that is not
/// a group is drawn as the field it is.
pub(in crate::record) fn root(ctx: &Ctx<'_>, node: &Node) -> Html {
    match &node.kind {
        Kind::Object { children, .. } => html! {
            <>
                if !node.label.is_empty() {
                    <h2 class="op-heading-l" part="title">{ node.label.clone() }</h2>
                }
                if let Some(hint) = &node.hint {
                    <p class="op-body op-lede">{ hint.clone() }</p>
                }
                { error_message(ctx, node) }
                { group(ctx, node, children, ctx.state.top_level_default()) }
            </>
        },
        _ => field(ctx, node),
    }
}

/// A group inside the record: a fieldset with its legend, hint and problem, then its fields.
pub(super) fn fieldset(ctx: &Ctx<'_>, node: &Node, children: &[Node]) -> Html {
    let id = field_id(&node.pointer);
    html! {
        { field_group(ctx, node, Legend::Medium, Some(id), html! {
            <>
                { group(ctx, node, children, true) }
            </>
        }) }
    }
}

/// The fields of a group that show at this level, its named entries (a map), then "Add more"
/// buttons for the others. `inherited`: whether the group's fields show by default.
pub(super) fn group(ctx: &Ctx<'_>, parent: &Node, children: &[Node], inherited: bool) -> Html {
    let (entries, fields): (Vec<&Node>, Vec<&Node>) = children.iter().partition(|c| c.entry);
    let (shown, hidden): (Vec<&Node>, Vec<&Node>) = fields
        .into_iter()
        .partition(|c| ctx.state.is_shown(c, inherited));
    let map = match &parent.kind {
        Kind::Object { extra: Some(_), .. } => map::entries(ctx, parent, &entries),
        _ => html! {},
    };
    let more = if hidden.is_empty() || ctx.readonly || ctx.disabled {
        html! {}
    } else {
        add_more(ctx, &hidden)
    };
    // The fields as one keyed list of their own. Spread among the unkeyed parts after them,
    // they would be matched by place from the end: a follow-up question appearing mid-group
    // would make every field above it be drawn afresh, taking focus from the answer just given.
    let fields: Html = shown.into_iter().map(|c| field_component(ctx, c)).collect();
    html! {
        <>
            { fields }
            { map }
            { more }
        </>
    }
}

/// "Add more": a button per field that does not show at this level, which reveals it.
fn add_more(ctx: &Ctx<'_>, hidden: &[&Node]) -> Html {
    html! {
        <div class="op-add-more" part="add-more">
            <h3 class="op-add-more__title">{ t(ctx.lang, "more.title", &[]) }</h3>
            <p class="op-hint">{ t(ctx.lang, "more.hint", &[]) }</p>
            <ul class="op-add-more__list">
                { for hidden.iter().map(|n| {
                    let onclick = super::common::click_cb(ctx, &n.pointer, |pointer| Action::Reveal { pointer });
                    let (ty, name, value) = super::common::button_kind(ctx, "reveal", &n.pointer);
                    html! {
                        <li key={n.pointer.clone()}>
                            <button type={ty} {name} {value} class="op-button op-button--secondary" {onclick}>{ n.label.clone() }</button>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
