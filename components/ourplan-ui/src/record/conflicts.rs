//! Answers changed differently in two copies of the record: above the form, each with its
//! versions side by side (the words that differ marked), for the person to keep one or write
//! their own. Until they choose, the record shows one version and keeps them all.

use super::Ctx;
use crate::plan::dom::textarea_near;
use ourplan_core::i18n::t;
use ourplan_core::merge::word_diff;
use ourplan_core::record::Action;
use serde_json::Value;
use yew::prelude::*;

/// The open conflicts, when there are any.
pub(super) fn conflicts(ctx: &Ctx<'_>) -> Html {
    let open = ctx.state.conflicts();
    if open.is_empty() || ctx.readonly {
        return html! {};
    }
    html! {
        <section class="op-plan-conflicts" id="op-conflicts" tabindex="-1" aria-labelledby="op-conflicts-title" part="conflicts">
            <h2 class="op-heading-m" id="op-conflicts-title">{ t(ctx.lang, "form.conflict.title", &[]) }</h2>
            <p class="op-hint">{ t(ctx.lang, "form.conflict.hint", &[]) }</p>
            { for open.iter().enumerate().map(|(i, c)| conflict(ctx, i, &c.at, &c.values)) }
        </section>
    }
}

fn shown(ctx: &Ctx<'_>, value: &Value) -> String {
    match value {
        Value::String(s) if !s.is_empty() => s.clone(),
        Value::String(_) | Value::Null => t(ctx.lang, "form.conflict.empty", &[]),
        Value::Bool(true) => t(ctx.lang, "form.yes", &[]),
        Value::Bool(false) => t(ctx.lang, "form.no", &[]),
        other => other.to_string(),
    }
}

fn conflict(ctx: &Ctx<'_>, i: usize, at: &str, values: &[Value]) -> Html {
    let label = ctx.state.label_at(at);
    let label = if label.is_empty() {
        t(ctx.lang, "label.this_answer", &[])
    } else {
        label
    };
    let texts: Vec<String> = values.iter().map(|v| shown(ctx, v)).collect();
    let words = values.iter().all(Value::is_string);
    let first = values
        .first()
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let disabled = ctx.disabled;
    let versions = texts.iter().enumerate().map(|(n, text)| {
        let number = (n + 1).to_string();
        // Each version beside the first is diffed with it; the first, with the second.
        let other = if n == 0 { texts.get(1).cloned().unwrap_or_default() } else { texts[0].clone() };
        let pieces = if words { word_diff(text, &other).0 } else { Vec::new() };
        let on = ctx.on_action.clone();
        let action = Action::KeepVersion { pointer: at.to_owned(), value: values[n].clone() };
        let onclick = Callback::from(move |_: MouseEvent| on.emit(action.clone()));
        html! {
            <div class="op-plan-conflict__version">
                <h4 class="op-heading-s" id={format!("op-c-{i}-v{number}")}>{ t(ctx.lang, "form.conflict.version", &[("n", &number)]) }</h4>
                if let Some(who) = ctx.state.version_by(at, &values[n]) {
                    <p class="op-answered-by op-answered-by--version">{ t(ctx.lang, "form.answered_by", &[("name", who)]) }</p>
                }
                <p class="op-body op-plan-conflict__text">
                    if words {
                        { crate::shared::marked(&pieces, &t(ctx.lang, "form.conflict.differs", &[])) }
                    } else {
                        { text }
                    }
                </p>
                <button type="button" class="op-button op-button--secondary" id={format!("op-c-{i}-use-{number}")} {disabled}
                    aria-describedby={format!("op-c-{i}-label op-c-{i}-v{number}")} {onclick}>
                    { t(ctx.lang, "form.conflict.use", &[("n", &number)]) }
                </button>
            </div>
        }
    });
    let blend_id = format!("op-c-{i}-blend");
    let on = ctx.on_action.clone();
    let (pointer, id) = (at.to_owned(), blend_id.clone());
    let use_blend = Callback::from(move |e: MouseEvent| {
        if let Some(text) = textarea_near(&e, &id) {
            on.emit(Action::KeepVersion {
                pointer: pointer.clone(),
                value: Value::String(text),
            });
        }
    });
    html! {
        <div class="op-plan-conflict" role="group" aria-labelledby={format!("op-c-{i}-label")}>
            <h3 class="op-heading-s" id={format!("op-c-{i}-label")}>{ label }</h3>
            <div class="op-plan-conflict__versions">{ for versions }</div>
            if words {
                <div class="op-form-group">
                    <label class="op-label" for={blend_id.clone()}>{ t(ctx.lang, "form.conflict.blend", &[]) }</label>
                    <textarea class="op-textarea" id={blend_id.clone()} rows="3" defaultvalue={first} {disabled} />
                    <button type="button" class="op-button op-button--secondary" id={format!("op-c-{i}-use-blend")} {disabled} onclick={use_blend}>
                        { t(ctx.lang, "form.conflict.use_blend", &[]) }
                    </button>
                </div>
            }
        </div>
    }
}
