//! The GOV.UK memorable date: day, month and year boxes, for dates a person knows rather than
//! picks (a date of birth).

use super::common::{
    commit_cb, described_by, error_message, group_class, hint, label_text, leave_cb,
};
use crate::record::{Ctx, field_id};
use ourplan_core::Input;
use ourplan_core::i18n::t;
use ourplan_core::model::Node;
use ourplan_core::record::Action;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

/// The three boxes: the suffix of each box's id, its label's key, its class and its width.
const BOXES: [(&str, &str, &str, u8); 3] = [
    ("", "date.day", "op-date-input__day", 2),
    ("-month", "date.month", "op-date-input__month", 2),
    ("-year", "date.year", "op-date-input__year", 4),
];

/// The value is `YYYY-MM-DD` once all three boxes make a date; until then what was typed is kept
/// (as `day|month|year`), and the validator asks for a real date.
pub(super) fn memorable_date(ctx: &Ctx<'_>, node: &Node) -> Html {
    let id = field_id(&node.pointer);
    let parts = shown_parts(&ctx.state.display_text(&node.pointer));
    let part = |i: usize| parts.get(i).cloned().unwrap_or_default();
    let has_error = ctx.state.visible_problem(&node.pointer).is_some();
    let read_boxes = read_boxes(ctx, node, &id);
    let oninput = read_boxes.reform(InputEvent::into);
    // A change with no input before it is an edit too (see `change_cb`).
    let onchange = {
        let commit = commit_cb(ctx, &node.pointer);
        Callback::from(move |e: Event| {
            read_boxes.emit(e.clone());
            commit.emit(e);
        })
    };
    html! {
        <div class={group_class(ctx, node)} key={node.pointer.clone()}>
            <fieldset class="op-fieldset" role="group" aria-describedby={described_by(ctx, node)} part="fieldset">
                <legend class="op-fieldset__legend op-fieldset__legend--s">{ label_text(ctx, node) }</legend>
                { hint(node) }
                { error_message(ctx, node) }
                <div class="op-date-input">
                    { for BOXES.iter().enumerate().map(|(i, (suffix, key, class, width))| html! {
                        <div class="op-date-input__item" key={*suffix}>
                            <label class="op-label op-date-input__label" for={format!("{id}{suffix}")}>{ t(ctx.lang, key, &[]) }</label>
                            <input class={classes!("op-input", *class, has_error.then_some("op-input--error"))}
                                id={format!("{id}{suffix}")} name={format!("{}~{}", node.pointer, ["day", "month", "year"][i])}
                                type="text" inputmode="numeric" spellcheck="false"
                                aria-invalid={has_error.then_some("true")}
                                size={width.to_string()} maxlength={if *width == 4 { "4" } else { "2" }}
                                autocomplete={if node.pointer.contains("birth") { ["bday-day", "bday-month", "bday-year"][i] } else { "off" }}
                                value={part(i)} readonly={ctx.readonly || node.read_only} disabled={ctx.disabled}
                                oninput={oninput.clone()}
                                onchange={onchange.clone()}
                                onfocusout={leave_cb(ctx, &node.pointer)} part="input" />
                        </div>
                    }) }
                </div>
            </fieldset>
        </div>
    }
}

/// What each box shows, day, month and year: the parts typed, or the stored date's.
fn shown_parts(shown: &str) -> Vec<String> {
    if shown.contains('|') {
        shown.split('|').map(str::to_owned).collect()
    } else if shown.len() == 10 && shown.as_bytes().get(4) == Some(&b'-') {
        let (y, m, d) = (&shown[0..4], &shown[5..7], &shown[8..10]);
        vec![
            d.trim_start_matches('0').to_owned(),
            m.trim_start_matches('0').to_owned(),
            y.to_owned(),
        ]
    } else {
        vec![String::new(), String::new(), String::new()]
    }
}

/// An event in any of the boxes: reads all three (ids `base`, `base-month`, `base-year`) and
/// edits the field with the date they make, or with what was typed.
fn read_boxes(ctx: &Ctx<'_>, node: &Node, base: &str) -> Callback<Event> {
    let on_action = ctx.on_action.clone();
    let pointer = node.pointer.clone();
    let base = base.to_owned();
    Callback::from(move |e: Event| {
        let Some(root) = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.closest(".op-date-input").ok().flatten())
        else {
            return;
        };
        let read = |suffix: &str| -> String {
            root.query_selector(&format!("#{base}{suffix}"))
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
                .map(|el| el.value().trim().to_owned())
                .unwrap_or_default()
        };
        // The same reading as a form sent without script (`posted`).
        let text = ourplan_core::record::posted::memorable_date(
            &read(""),
            &read("-month"),
            &read("-year"),
        );
        on_action.emit(Action::Edit {
            pointer: pointer.clone(),
            input: Input::Text(text),
        });
    })
}
