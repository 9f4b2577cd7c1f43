//! Copies: share a copy as a file, combine with a copy (what it will do, in plain words, before
//! anything changes), and choose between versions changed in two copies. Each conflict shows the
//! versions side by side with the words that differ marked; the person keeps one, or writes their
//! own from both. Until they choose, both are kept and the plan saves as usual.

use super::Cx;
use crate::icons::{Icon, icon};
use ourplan_core::plan::pictures::HEADING_PICTURE;
use ourplan_core::plan::{
    ConflictView, PlanAction, PlanScreen, format_pence, merge::word_diff, summary_words, to_json,
};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

/// Sharing and combining, in the files section.
pub(super) fn share(cx: &Cx<'_>, screen: &Rc<RefCell<PlanScreen>>) -> Html {
    let fill = share_fill(cx, screen);
    let choose = super::files::open_box("op-combine-file");
    html! {
        <div class="op-plan-share" id="op-share-group">
            <h3 class="op-heading-s" id="op-share-title">{ icon(cx.lang, Icon::Share) }{ cx.t("plan.ui.share.title") }</h3>
            <p class="op-hint" id="op-share-hint">{ cx.t("plan.ui.share.hint") }</p>
            <p><a class="op-link" id="op-share" href="data:application/json;charset=utf-8," download="support-plan-copy.json"
                onclick={fill}>{ cx.t("plan.ui.share.download") }</a></p>
            if cx.editable {
                <div class="op-form-group">
                    <label class="op-label" for="op-author">{ cx.t("plan.ui.share.author") }</label>
                    <p class="op-hint" id="op-author-hint">{ cx.t("plan.ui.share.author_hint") }</p>
                    <input class="op-input" id="op-author" type="text" autocomplete="name" part="input"
                        aria-describedby="op-author-hint" value={cx.screen.author.clone().unwrap_or_default()}
                        onchange={author(cx)} />
                </div>
                <p class="op-hint" id="op-combine-hint">{ cx.t("plan.ui.share.combine_hint") }</p>
                <button type="button" class="op-button op-button--secondary" id="op-combine-button"
                    aria-describedby="op-combine-hint" onclick={choose}>{ cx.t("plan.ui.share.combine") }</button>
                <input class="op-file-upload" id="op-combine-file" type="file" accept=".json,application/json"
                    hidden=true tabindex="-1" aria-labelledby="op-combine-button" onchange={super::files::read_file(cx, PlanAction::Combine)} />
                { preview(cx) }
            }
        </div>
    }
}

/// The name box's `change`: who is adding blocks from now on.
fn author(cx: &Cx<'_>) -> Callback<Event> {
    let on = cx.on.clone();
    Callback::from(move |e: Event| on.emit(PlanAction::SetAuthor(super::dom::target_value(&e))))
}

/// The share link's click: the plan is checkpointed (so the copy and this plan share an
/// ancestor), then the link is given the file.
fn share_fill(cx: &Cx<'_>, screen: &Rc<RefCell<PlanScreen>>) -> Callback<MouseEvent> {
    let screen = Rc::downgrade(screen);
    let on = cx.on.clone();
    Callback::from(move |e: MouseEvent| {
        on.emit(PlanAction::Share);
        let (Some(screen), Some(link)) = (screen.upgrade(), e.target_dyn_into::<Element>()) else {
            return;
        };
        let Ok(screen) = screen.try_borrow() else {
            return;
        };
        let href = format!(
            "data:application/json;charset=utf-8,{}",
            js_sys::encode_uri_component(&to_json(screen.state.plan()))
        );
        let _ = link.set_attribute("href", &href);
    })
}

/// What combining the chosen copy will do, with Combine and Cancel.
fn preview(cx: &Cx<'_>) -> Html {
    let Some(c) = cx.screen.combining.as_ref() else {
        return html! {};
    };
    let title = c.theirs.title.clone();
    html! {
        <div class="op-plan-combine" id="op-combine" tabindex="-1" role="region" aria-labelledby="op-combine-title">
            <h4 class="op-heading-s" id="op-combine-title">{ cx.ta("plan.ui.share.preview_title", &[("title", &title)]) }</h4>
            if c.other_document {
                <p class="op-body">{ cx.ta("plan.ui.share.other_document", &[("title", &title)]) }</p>
                <div class="op-button-group">
                    <button type="button" class="op-button op-button--start" id="op-combine-anyway" onclick={cx.click(PlanAction::CombineAnyway)}>{ cx.t("plan.ui.share.anyway") }</button>
                    <button type="button" class="op-button op-button--secondary" id="op-combine-cancel" onclick={cx.click(PlanAction::CombineCancel)}>{ cx.t("plan.ui.share.cancel") }</button>
                </div>
            } else {
                <p class="op-body" id="op-combine-summary">{ summary_words(&c.summary).render(cx.lang) }</p>
                <div class="op-button-group">
                    <button type="button" class="op-button op-button--start" id="op-combine-apply" onclick={cx.click(PlanAction::CombineApply)}>{ cx.t("plan.ui.share.apply") }</button>
                    <button type="button" class="op-button op-button--secondary" id="op-combine-cancel" onclick={cx.click(PlanAction::CombineCancel)}>{ cx.t("plan.ui.share.cancel") }</button>
                </div>
            }
        </div>
    }
}

/// The open conflicts and kept parts, above the plan, until the person has settled them.
pub(super) fn conflicts(cx: &Cx<'_>) -> Html {
    let open = cx.screen.open_conflicts();
    let kept = cx.screen.kept_parts();
    if open.is_empty() && kept.is_empty() {
        return html! {};
    }
    html! {
        <section class="op-plan-conflicts" id="op-conflicts" tabindex="-1" aria-labelledby="op-conflicts-title" part="conflicts">
            <h2 class="op-heading-m" id="op-conflicts-title">{ cx.t("plan.ui.conflict.title") }</h2>
            <p class="op-hint">{ cx.t("plan.ui.conflict.hint") }</p>
            { for open.iter().enumerate().map(|(i, c)| conflict(cx, i, c)) }
            { for kept.iter().enumerate().map(|(i, (at, name))| kept_part(cx, i, at, name)) }
        </section>
    }
}

fn shown(cx: &Cx<'_>, field: &str, value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) if field == "costPence" => format_pence(n.as_i64().unwrap_or(0).into()),
        Value::Bool(true) => cx.t("plan.ui.yes"),
        Value::Bool(false) => cx.t("plan.ui.no"),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn conflict(cx: &Cx<'_>, i: usize, c: &ConflictView) -> Html {
    let texts: Vec<String> = c.values.iter().map(|v| shown(cx, &c.field, v)).collect();
    let first = texts.first().cloned().unwrap_or_default();
    // Two pictures: each shown, never its key; there are no words to blend.
    let pictures = c.field == "picture" || c.field == HEADING_PICTURE;
    let words = !pictures && c.values.iter().all(Value::is_string);
    let label = c.label.render(cx.lang);
    let versions = texts.iter().enumerate().map(|(n, text)| {
        let number = (n + 1).to_string();
        // Each version beside the first is diffed with it; the first, with the second.
        let other = if n == 0 { texts.get(1).cloned().unwrap_or_default() } else { first.clone() };
        let pieces = if words { word_diff(text, &other).0 } else { Vec::new() };
        let choose = PlanAction::Choose { at: c.at.clone(), field: c.field.clone(), value: c.values[n].clone() };
        html! {
            <div class="op-plan-conflict__version">
                <h4 class="op-heading-s" id={format!("op-c-{i}-v{number}")}>{ cx.ta("plan.ui.conflict.version", &[("n", &number)]) }</h4>
                if pictures {
                    { conflict_picture(cx, text, &number) }
                } else {
                    <p class="op-body op-plan-conflict__text">
                        if words {
                            { crate::shared::marked(&pieces, &cx.t("plan.ui.conflict.differs")) }
                        } else {
                            { text }
                        }
                    </p>
                }
                <button type="button" class="op-button op-button--secondary" id={format!("op-c-{i}-use-{number}")}
                    aria-describedby={format!("op-c-{i}-label op-c-{i}-v{number}")} onclick={cx.click(choose)}>
                    { cx.ta("plan.ui.conflict.use", &[("n", &number)]) }
                </button>
            </div>
        }
    });
    let blend_id = format!("op-c-{i}-blend");
    let on = cx.on.clone();
    let (at, field) = (c.at.clone(), c.field.clone());
    let id = blend_id.clone();
    let use_blend = Callback::from(move |e: MouseEvent| {
        if let Some(text) = super::dom::textarea_near(&e, &id) {
            on.emit(PlanAction::Choose {
                at: at.clone(),
                field: field.clone(),
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
                    <label class="op-label" for={blend_id.clone()}>{ cx.t("plan.ui.conflict.blend") }</label>
                    <textarea class="op-textarea" id={blend_id.clone()} rows="3" defaultvalue={first} />
                    <button type="button" class="op-button op-button--secondary" id={format!("op-c-{i}-use-blend")} onclick={use_blend}>
                        { cx.t("plan.ui.conflict.use_blend") }
                    </button>
                </div>
            }
        </div>
    }
}

/// One copy's picture in a conflict: shown small, named by its version.
fn conflict_picture(cx: &Cx<'_>, key: &str, number: &str) -> Html {
    let alt = cx.ta("plan.ui.conflict.picture", &[("n", number)]);
    match cx
        .screen
        .state
        .plan()
        .pictures
        .get(key)
        .filter(|p| p.shows())
    {
        Some(p) => html! {
            <img class="op-plan-conflict__picture" src={AttrValue::from(p.data_url())} alt={alt}
                width={p.width.to_string()} height={p.height.to_string()} />
        },
        None if key.is_empty() => html! { <p class="op-body">{ cx.t("plan.ui.picture.none") }</p> },
        None => html! { <p class="op-body op-hint">{ cx.t("plan.picture.cannot_show") }</p> },
    }
}

fn kept_part(cx: &Cx<'_>, i: usize, at: &str, name: &ourplan_core::plan::Message) -> Html {
    let keep = PlanAction::Settle {
        at: at.to_owned(),
        keep: true,
    };
    let remove = PlanAction::Settle {
        at: at.to_owned(),
        keep: false,
    };
    html! {
        <div class="op-plan-conflict" role="group" aria-labelledby={format!("op-k-{i}-label")}>
            <h3 class="op-heading-s" id={format!("op-k-{i}-label")}>{ name.render(cx.lang) }</h3>
            <p class="op-body" id={format!("op-k-{i}-text")}>{ cx.t("plan.ui.kept.text") }</p>
            <div class="op-button-group">
                <button type="button" class="op-button op-button--secondary" id={format!("op-k-{i}-keep")}
                    aria-describedby={format!("op-k-{i}-label op-k-{i}-text")} onclick={cx.click(keep)}>{ cx.t("plan.ui.kept.keep") }</button>
                <button type="button" class="op-button op-button--warning" id={format!("op-k-{i}-remove")}
                    aria-describedby={format!("op-k-{i}-label op-k-{i}-text")} onclick={cx.click(remove)}>{ cx.t("plan.ui.kept.remove") }</button>
            </div>
        </div>
    }
}
