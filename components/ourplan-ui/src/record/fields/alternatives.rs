//! A choice of which shape applies (`oneOf`/`anyOf` of schemas): a radio per shape, then the
//! chosen shape's fields under it.

use super::common::{Legend, field_group, option_text};
use crate::record::{Ctx, field_id};
use ourplan_core::i18n::t;
use ourplan_core::model::{Branch, Kind, Node};
use ourplan_core::record::Action;
use yew::prelude::*;

/// The shapes as radios, and the chosen one's fields (or its single field) below them.
pub(super) fn shapes(
    ctx: &Ctx<'_>,
    node: &Node,
    branches: &[Branch],
    chosen: Option<&(usize, Box<Node>)>,
) -> Html {
    let current = chosen.map(|(i, _)| *i);
    // The first radio carries the field's id (for the error summary) unless the chosen
    // shape is a single field, which then carries it.
    let scalar = chosen.is_some_and(|(_, n)| !matches!(n.kind, Kind::Object { .. }));
    html! {
        { field_group(ctx, node, Legend::Medium, None, html! {
            <>
                <div class="op-radios">
                    { for branches.iter().enumerate().map(|(i, b)| shape_radio(ctx, node, b, i, current, scalar)) }
                </div>
                if let Some((_, inner)) = chosen {
                    <div class="op-conditional" part="conditional">
                        if let Kind::Object { children, .. } = &inner.kind {
                            { super::object::group(ctx, node, children, true) }
                        } else {
                            // Its description is already under its radio.
                            { super::field(ctx, &Node { label: t(ctx.lang, "choice.answer", &[]), hint: None, ..(**inner).clone() }) }
                        }
                    </div>
                }
            </>
        }) }
    }
}

/// The radio of shape `i`, with its title (or "Option 2") and description.
fn shape_radio(
    ctx: &Ctx<'_>,
    node: &Node,
    b: &Branch,
    i: usize,
    current: Option<usize>,
    scalar: bool,
) -> Html {
    let id = field_id(&node.pointer);
    let read_only = ctx.readonly || node.read_only;
    let radio_id = if i == 0 && !scalar {
        id.clone()
    } else {
        format!("{id}-choice-{i}")
    };
    let on_action = ctx.on_action.clone();
    let pointer = node.pointer.clone();
    let onchange = Callback::from(move |_: Event| {
        on_action.emit(Action::Choose {
            pointer: pointer.clone(),
            branch: i,
        });
    });
    let label = if b.label.is_empty() {
        t(
            ctx.lang,
            "choice.option",
            &[("number", &(i + 1).to_string())],
        )
    } else {
        b.label.clone()
    };
    // A shape's description says what choosing it means: under its radio.
    let hint = b.node.hint.as_deref();
    let hint_id = hint.map(|_| format!("{radio_id}-hint"));
    html! {
        <div class="op-radios__item" key={i}>
            <input class="op-radios__input" id={radio_id.clone()} name={format!("{}~shape", node.pointer)} value={i.to_string()} type="radio"
                checked={current == Some(i)} disabled={ctx.disabled || read_only}
                aria-describedby={hint_id} {onchange} part="radio" />
            { option_text("op-radios", &radio_id, &label, hint) }
        </div>
    }
}
