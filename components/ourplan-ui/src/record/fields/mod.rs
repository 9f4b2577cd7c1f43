//! The fields of a record: [`FieldView`], the component each field is drawn in (again only when
//! its revision moves), and [`field`], which hands a field to the module that draws its kind.
//! What every kind shares (labels, hints, error messages, `aria-describedby`, callbacks) is in
//! `common`.

mod alternatives;
mod boolean;
mod choice;
mod common;
mod date;
mod list;
mod map;
mod multi;
mod object;
mod recursive;
mod text;

pub(super) use object::root;

use super::{Ctx, Redraws};
use crate::Shared;
use ourplan_core::i18n::t;
use ourplan_core::model::{ChoiceWidget, InputKind, Kind, Node};
use ourplan_core::record::Action;
use ourplan_core::{Lang, RecordState};
use std::cell::RefCell;
use yew::prelude::*;

/// Properties of one field's component: which field, and its revision in the state
/// ([`RecordState::revision`]), so a keystroke in one field of 1,000 redraws that field (and
/// the groups around it, which compare their fields' revisions and go no deeper). The state and
/// the redraw map compare by pointer ([`Shared`]): the state changes in place, and the revision
/// says when this field's part of it did.
#[derive(Properties, PartialEq)]
struct FieldProps {
    /// The record's state.
    state: Shared<RefCell<RecordState>>,
    /// Where a top-level field registers its redraw (see `Redraws`).
    redraws: Redraws,
    /// The field's pointer.
    pointer: AttrValue,
    /// The field's revision: moves when anything it draws changes.
    revision: u64,
    /// Receives every action.
    on_action: Callback<Action>,
    /// Read but not changed.
    readonly: bool,
    /// Disabled.
    disabled: bool,
    /// The record's language.
    lang: Lang,
    /// Drawn for a page without script.
    no_script: bool,
}

/// One field (with everything inside it), drawn again only when its revision moves.
#[function_component(FieldView)]
fn field_view(props: &FieldProps) -> Html {
    let redraw = use_force_update();
    {
        // A top-level field can be redrawn alone (see `Redraws`).
        let redraws = props.redraws.clone();
        use_effect_with(props.pointer.clone(), move |pointer| {
            let pointer = pointer.to_string();
            let top = pointer.matches('/').count() == 1;
            let mine = Callback::from(move |()| redraw.force_update());
            if top {
                redraws.borrow_mut().insert(pointer.clone(), mine.clone());
            }
            move || {
                let mut map = redraws.borrow_mut();
                if top && map.get(&pointer) == Some(&mine) {
                    map.remove(&pointer);
                }
            }
        });
    }
    let state = props.state.borrow();
    let Some(node) = state.model().and_then(|m| m.find(&props.pointer)) else {
        return html! {};
    };
    let ctx = Ctx {
        state: &state,
        rc: &props.state,
        redraws: &props.redraws,
        on_action: &props.on_action,
        readonly: props.readonly,
        disabled: props.disabled,
        lang: props.lang,
        no_script: props.no_script,
    };
    field(&ctx, node)
}

/// The component for the field `node` (see [`FieldView`]).
fn field_component(ctx: &Ctx<'_>, node: &Node) -> Html {
    html! {
        <FieldView key={node.pointer.clone()} state={ctx.rc.clone()} redraws={ctx.redraws.clone()} pointer={AttrValue::from(node.pointer.clone())}
            revision={ctx.state.revision(&node.pointer)} on_action={ctx.on_action.clone()}
            readonly={ctx.readonly} disabled={ctx.disabled} lang={ctx.lang} no_script={ctx.no_script} />
    }
}

/// The field `node`, drawn by the module for its kind; an answer someone named left says so
/// under it ("Answered by Sian").
fn field(ctx: &Ctx<'_>, node: &Node) -> Html {
    let drawn = drawn(ctx, node);
    match ctx.state.answered_by(&node.pointer) {
        Some(who) if node.kind.is_answer() => html! {
            <>
                { drawn }
                <p class="op-answered-by" part="answered-by">{ t(ctx.lang, "form.answered_by", &[("name", who)]) }</p>
            </>
        },
        _ => drawn,
    }
}

fn drawn(ctx: &Ctx<'_>, node: &Node) -> Html {
    match &node.kind {
        Kind::Object { children, .. } => object::fieldset(ctx, node, children),
        Kind::Text {
            multiline: true, ..
        }
        | Kind::Raw => text::textarea(ctx, node),
        Kind::Text { .. } if text::input_kind(node) == InputKind::MemorableDate => {
            date::memorable_date(ctx, node)
        }
        Kind::Text { .. } | Kind::Number { .. } => text::input(ctx, node),
        Kind::Boolean => boolean::checkbox(ctx, node),
        Kind::Choice { options, widget } => match widget {
            ChoiceWidget::Radios => choice::radios(ctx, node, options),
            ChoiceWidget::Select => choice::select(ctx, node, options),
        },
        Kind::Recursive { .. } => recursive::open_button(ctx, node),
        Kind::Alternatives { branches, chosen } => {
            alternatives::shapes(ctx, node, branches, chosen.as_ref())
        }
        Kind::Array {
            items,
            max_items,
            item,
            ..
        } => list::list(ctx, node, items, *max_items, item.as_deref()),
        Kind::MultiChoice { options } => multi::checkboxes(ctx, node, options),
        _ => html! {},
    }
}
