//! A block's fields: words (a box or a text area), a cost in pounds, a choice (how often, paid
//! from, the outcome a budget line serves), a yes/no, a list of items, and a section's blocks.

use super::choice::Choice;
use super::{display_name, items::items_view, view};
use crate::plan::Bx;
use crate::plan::add::add_control;
use crate::plan::dom::{target_checked, target_value};
use ourplan_core::plan::{Block, FieldType, Frequency, Kind, PaidFrom, PlanAction, format_pence};
use serde_json::Value;
use std::rc::Rc;
use yew::prelude::*;

/// The field `field` of `block`, of type `ty`, labelled with the catalogue's `label`.
pub(super) fn field_view(
    bx: &Bx<'_>,
    block: &Block,
    field: &'static str,
    ty: FieldType,
    label: &str,
) -> Html {
    let label_text = bx.t(label);
    match ty {
        FieldType::Text => text_field(bx, block, field, label_text),
        FieldType::Pence => cost_field(bx, block, field, label_text),
        FieldType::Frequency | FieldType::PaidFrom | FieldType::BlockRef => {
            choice_field(bx, block, field, ty, label_text)
        }
        FieldType::Bool => bool_field(bx, block, field, label_text),
        FieldType::Items => items_view(bx, block, field, &label_text),
        FieldType::Children => children_field(bx, block, label_text),
        FieldType::Picture => super::picture::picture_field(bx, block, field, label_text),
    }
}

/// The id of the control of `field` in `block`.
fn control_id(block: &Block, field: &str) -> String {
    format!("op-f-{}-{field}", block.id)
}

/// Whether a text field takes a text area rather than a one-line box.
fn long_text(kind: Kind, field: &str) -> bool {
    matches!(kind, Kind::Text | Kind::WhatMatters)
        || matches!(
            field,
            "howTheyHelp" | "howIWillKnow" | "value" | "description"
        )
}

fn text_field(bx: &Bx<'_>, block: &Block, field: &'static str, label_text: String) -> Html {
    let control_id = control_id(block, field);
    let ro = !bx.editable && !bx.disabled;
    let value = block.body.text(field).unwrap_or("").to_owned();
    let bid = block.id.clone();
    let (oninput, onchange) = bx.typed(move |text| PlanAction::SetText {
        id: bid.clone(),
        field,
        text,
    });
    html! {
        <div class="op-form-group">
            <label class="op-label" for={control_id.clone()}>{ label_text }</label>
            if long_text(block.kind(), field) {
                <textarea class="op-textarea" id={control_id} rows="3" part="textarea" value={value}
                    {oninput} {onchange} readonly={ro} disabled={bx.disabled} />
            } else {
                <input class="op-input" id={control_id} type="text" part="input" value={value}
                    {oninput} {onchange} readonly={ro} disabled={bx.disabled} />
            }
        </div>
    }
}

/// A cost in pounds: the amount stored, or the text typed while it is not (yet) an amount, with
/// what is wrong with it.
fn cost_field(bx: &Bx<'_>, block: &Block, field: &'static str, label_text: String) -> Html {
    let control_id = control_id(block, field);
    let ro = !bx.editable && !bx.disabled;
    let stored = block.body.get(field).and_then(|v| v.as_u64()).unwrap_or(0);
    let (text, problem) = match &bx.around.cost {
        Some((text, problem)) => (text.clone(), problem.as_ref()),
        None => (
            format_pence(i128::from(stored))
                .trim_start_matches('£')
                .to_owned(),
            None,
        ),
    };
    let bid = block.id.clone();
    let (oninput, onchange) = bx.typed(move |text| PlanAction::SetCost {
        id: bid.clone(),
        text,
    });
    let hint_id = format!("{control_id}-hint");
    let error_id = format!("{control_id}-error");
    let described = match problem {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    html! {
        <div class={classes!("op-form-group", problem.map(|_| "op-form-group--error"))}>
            <label class="op-label" for={control_id.clone()}>{ label_text }</label>
            <p class="op-hint" id={hint_id}>{ bx.t("plan.ui.cost.hint") }</p>
            if let Some(p) = problem {
                <p class="op-error-message" id={error_id}>
                    <span class="op-visually-hidden">{ bx.t("plan.ui.error_prefix") }{" "}</span>{ p.person_message(bx.lang) }
                </p>
            }
            <div class="op-plan-money">
                <span class="op-plan-money__prefix" aria-hidden="true">{ "£" }</span>
                <input class={classes!("op-input", "op-plan-money__input", problem.map(|_| "op-input--error"))}
                    id={control_id} type="text" inputmode="decimal" spellcheck="false" part="input"
                    value={text} aria-describedby={described} {oninput} {onchange}
                    readonly={ro} disabled={bx.disabled} />
            </div>
        </div>
    }
}

/// How often, where the money comes from, or the outcome a budget line serves: a select.
fn choice_field(
    bx: &Bx<'_>,
    block: &Block,
    field: &'static str,
    ty: FieldType,
    label_text: String,
) -> Html {
    let control_id = control_id(block, field);
    let current = match block.body.get(field) {
        Some(Value::String(s)) => s,
        _ => String::new(),
    };
    let options: Vec<(String, String)> = match ty {
        FieldType::Frequency => Frequency::ALL
            .iter()
            .map(|f| (f.as_str().to_owned(), bx.t(f.label())))
            .collect(),
        FieldType::PaidFrom => PaidFrom::ALL
            .iter()
            .map(|f| (f.as_str().to_owned(), bx.t(f.label())))
            .collect(),
        _ => {
            let mut list = vec![(String::new(), bx.t("plan.ui.outcome.none"))];
            list.extend(bx.around.outcomes.iter().flat_map(|o| o.iter()).cloned());
            list
        }
    };
    let on = bx.on.clone();
    let bid = block.id.clone();
    let onchange = Callback::from(move |e: Event| {
        on.emit(PlanAction::SetChoice {
            id: bid.clone(),
            field,
            value: target_value(&e),
        })
    });
    html! {
        <div class="op-form-group">
            <label class="op-label" for={control_id.clone()}>{ label_text }</label>
            <Choice id={control_id} options={Rc::new(options)} {current} {onchange} disabled={!bx.editable} />
        </div>
    }
}

fn bool_field(bx: &Bx<'_>, block: &Block, field: &'static str, label_text: String) -> Html {
    let control_id = control_id(block, field);
    let on_now = matches!(block.body.get(field), Some(Value::Bool(true)));
    let on = bx.on.clone();
    let bid = block.id.clone();
    let onchange = Callback::from(move |e: Event| {
        on.emit(PlanAction::SetBool {
            id: bid.clone(),
            field,
            on: target_checked(&e),
        })
    });
    html! {
        <div class="op-form-group op-checkboxes__item">
            <input class="op-checkboxes__input" id={control_id.clone()} type="checkbox" part="checkbox"
                checked={on_now} {onchange} disabled={!bx.editable} />
            <label class="op-checkboxes__label" for={control_id}>{ label_text }</label>
        </div>
    }
}

/// A section's blocks, each its own component, then the control that adds to the section.
fn children_field(bx: &Bx<'_>, block: &Block, label_text: String) -> Html {
    let children = block.body.children();
    let name = display_name(bx.env, block);
    debug_assert_eq!(children.len(), bx.around.inside.len());
    html! {
        <div class="op-plan-section__body">
            <p class="op-visually-hidden">{ label_text }</p>
            <ol class="op-plan__blocks">
                { for children.iter().zip(bx.around.inside.iter()).map(|(b, a)| view(b, bx.env, a)) }
            </ol>
            if bx.editable { { add_control(bx.env, Some(&block.id), &name) } }
        </div>
    }
}
