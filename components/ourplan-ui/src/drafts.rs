//! `DraftsView`: what an element says about the drafts it keeps on the device, above the form or
//! the plan: the offer to continue a draft, the calm message when saving fails (with a
//! download), and the list of earlier drafts (open, download, delete with a confirmation). The
//! same for both elements; the element draws it as an app of its own.

use crate::shared::Shared;
use ourplan_core::Lang;
use ourplan_core::draft::{DraftAction, Drafts, Entry, Read, Storage, summary};
use ourplan_core::format;
use ourplan_core::i18n::t;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

/// Properties of [`DraftsView`].
#[derive(Properties, Clone, PartialEq)]
pub struct DraftsViewProps {
    /// The drafts; the owner changes them in place and moves `revision`.
    pub drafts: Shared<RefCell<Drafts>>,
    /// [`Drafts::revision`] when drawn.
    pub revision: u64,
    /// The element's language.
    pub lang: Lang,
    /// The year now, so a draft from this year reads "Tuesday 14 October at 19:05".
    pub this_year: Option<u32>,
    /// Whether the element is a plan (the words say "this plan", else "this form").
    pub plan: bool,
    /// The element's value now, as JSON text, for "Download a copy" when saving fails.
    pub value_text: Callback<(), String>,
    /// Receives what the person does.
    pub on_action: Callback<DraftAction>,
}

/// Draws the drafts part of an element (nothing when there is nothing to say).
#[function_component(DraftsView)]
pub fn drafts_view(props: &DraftsViewProps) -> Html {
    let root = use_node_ref();
    use_keep_focus(&root, &props.drafts);
    let drafts = props.drafts.borrow();
    let lang = props.lang;
    let when = |e: &Entry| {
        e.draft()
            .and_then(|d| format::moment(lang, &d.saved_at, props.this_year))
            .unwrap_or_default()
    };
    let offer = drafts.offer.as_deref().and_then(|id| drafts.find(id));
    let other_tab = if props.plan {
        "draft.other_tab.plan"
    } else {
        "draft.other_tab.record"
    };
    html! {
        <div class="op-drafts" lang={lang.tag()} part="drafts" ref={root}>
            { storage(props, &drafts.storage) }
            if drafts.other_tabs > 0 {
                <p class="op-body op-drafts__tabs" role="status" id="op-draft-other-tab">{ t(lang, other_tab, &[]) }</p>
                // Two tabs of one plan or record can be combined, as copies are: nothing either
                // has is lost.
                <button type="button" class="op-button op-button--secondary" id="op-draft-combine-tab"
                    aria-describedby="op-draft-other-tab"
                    onclick={click(&props.on_action, DraftAction::CombineOtherTab)}>{ t(lang, "draft.other_tab.combine", &[]) }</button>
            }
            if let Some(entry) = offer {
                { offer_view(props, &when(entry)) }
            }
            if let Some(aside) = &drafts.aside {
                { aside_view(props, aside) }
            }
            { earlier(props, &drafts, &when) }
        </div>
    }
}

/// Keeps a keyboard user's place as the drafts change under the button they pressed: asked to
/// confirm a delete, focus goes to "No, keep it"; once the question is answered, to the list's
/// heading; once the person starts again, to the first control of the form or plan below (a
/// draft continued puts focus where the person was, through the form's own focus).
#[hook]
fn use_keep_focus(root: &NodeRef, drafts: &Shared<RefCell<Drafts>>) {
    let (confirming, offer, continued) = {
        let d = drafts.borrow();
        let asking = d
            .confirming
            .clone()
            .or_else(|| d.confirming_clear.then(|| "clear".to_owned()));
        (asking, d.offer.is_some(), d.current.is_some())
    };
    let before = use_mut_ref(|| (None::<String>, offer));
    let root = root.clone();
    use_effect_with(
        (confirming.clone(), offer, continued),
        move |(confirming, offer, continued)| {
            let (was_confirming, had_offer) = before.replace((confirming.clone(), *offer));
            let Some(host) = root.cast::<Element>() else {
                return;
            };
            let focus_in = |container: &Element, selector: &str| {
                if let Ok(Some(el)) = container.query_selector(selector) {
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            };
            let holds_focus = host
                .get_root_node()
                .dyn_into::<web_sys::ShadowRoot>()
                .ok()
                .and_then(|r| r.active_element())
                .is_none_or(|el| host.contains(Some(&el)));
            if !holds_focus {
                return;
            }
            if confirming.as_deref() == Some("clear") {
                focus_in(&host, "#op-draft-clear-no");
            } else if confirming.is_some() {
                focus_in(&host, "[id$='-delete-no']");
            } else if was_confirming.is_some() {
                focus_in(&host, ".op-drafts__summary");
            } else if had_offer && !*offer && !*continued {
                // The form or plan is drawn after the drafts, in the same root.
                if let Some(parent) = host.parent_element().and_then(|p| p.parent_element()) {
                    focus_in(
                        &parent,
                        ":scope > :not(:first-child) :is(input, select, textarea, button):not([disabled])",
                    );
                }
            }
        },
    );
}

fn click(on: &Callback<DraftAction>, action: DraftAction) -> Callback<MouseEvent> {
    let on = on.clone();
    Callback::from(move |_: MouseEvent| on.emit(action.clone()))
}

fn storage(props: &DraftsViewProps, storage: &Storage) -> Html {
    let lang = props.lang;
    match storage {
        Storage::Fine => html! {},
        Storage::Recovered => html! {
            <p class="op-body op-drafts__recovered" role="status">{ t(lang, "draft.storage.recovered", &[]) }</p>
        },
        Storage::Failed { .. } => {
            let value = props.value_text.clone();
            let fill = Callback::from(move |e: Event| fill_link(&e, &value.emit(())));
            html! {
                <div class="op-drafts__failed" role="alert" id="op-draft-storage-failed">
                    <p class="op-body">{ t(lang, "draft.storage.failed", &[]) }</p>
                    <a class="op-link" id="op-draft-storage-download" href="data:application/json;charset=utf-8," download="my-work.json"
                        onclick={fill.reform(Event::from)} onfocus={fill.reform(Event::from)}
                        onmouseover={fill.reform(Event::from)} oncontextmenu={fill.reform(Event::from)}>
                        { t(lang, "draft.storage.download", &[]) }
                    </a>
                </div>
            }
        }
    }
}

fn offer_view(props: &DraftsViewProps, when: &str) -> Html {
    let lang = props.lang;
    html! {
        <section class="op-drafts__offer" aria-labelledby="op-draft-offer-title">
            <h2 class="op-heading-m" id="op-draft-offer-title">{ t(lang, "draft.offer.title", &[]) }</h2>
            <p class="op-body">{ t(lang, "draft.offer.body", &[("when", when)]) }</p>
            <div class="op-drafts__buttons">
                <button type="button" class="op-button op-button--start" id="op-draft-continue"
                    onclick={click(&props.on_action, DraftAction::Continue)}>{ t(lang, "draft.continue", &[]) }</button>
                <button type="button" class="op-button op-button--secondary" id="op-draft-start-again"
                    aria-describedby="op-draft-start-again-hint"
                    onclick={click(&props.on_action, DraftAction::StartAgain)}>{ t(lang, "draft.start_again", &[]) }</button>
            </div>
            <p class="op-hint" id="op-draft-start-again-hint">{ t(lang, "draft.start_again.hint", &[]) }</p>
        </section>
    }
}

fn earlier(props: &DraftsViewProps, drafts: &Drafts, when: &dyn Fn(&Entry) -> String) -> Html {
    let lang = props.lang;
    let title = if drafts.entries.is_empty() {
        t(lang, "draft.device.title", &[])
    } else {
        format!(
            "{} ({})",
            t(lang, "draft.earlier.title", &[]),
            drafts.entries.len()
        )
    };
    html! {
        <details class="op-drafts__earlier" part="earlier-drafts">
            <summary class="op-drafts__summary">{ title }</summary>
            if drafts.entries.is_empty() {
                <p class="op-hint">{ t(lang, if drafts.shared_device { "draft.shared.on" } else { "draft.none" }, &[]) }</p>
            } else {
                <p class="op-hint">{ t(lang, "draft.earlier.hint", &[]) }</p>
                <ul class="op-drafts__list">
                    { for drafts.entries.iter().enumerate().map(|(i, e)| entry(props, drafts, e, i, &when(e))) }
                </ul>
            }
            { device(props, drafts) }
        </details>
    }
}

/// The shared computer choice and clearing the person's data on this device.
fn device(props: &DraftsViewProps, drafts: &Drafts) -> Html {
    let lang = props.lang;
    let on = props.on_action.clone();
    let onchange = Callback::from(move |e: Event| {
        let checked = e
            .target_dyn_into::<web_sys::HtmlInputElement>()
            .is_some_and(|i| i.checked());
        on.emit(DraftAction::SharedDevice(checked));
    });
    html! {
        <div class="op-drafts__device">
            <div class="op-checkboxes__item">
                <input class="op-checkboxes__input" type="checkbox" id="op-draft-shared" checked={drafts.shared_device}
                    aria-describedby="op-draft-shared-hint" {onchange} />
                <label class="op-label op-checkboxes__label" for="op-draft-shared">{ t(lang, "draft.shared.label", &[]) }</label>
            </div>
            <p class="op-hint" id="op-draft-shared-hint">{ t(lang, "draft.shared.hint", &[]) }</p>
            if drafts.confirming_clear {
                <div class="op-drafts__confirm" role="group" aria-labelledby="op-draft-clear-confirm">
                    <p class="op-body" id="op-draft-clear-confirm">{ t(lang, "draft.clear.confirm", &[]) }</p>
                    <button type="button" class="op-button op-button--warning op-button--small" id="op-draft-clear-yes"
                        onclick={click(&props.on_action, DraftAction::ConfirmClear)}>{ t(lang, "draft.clear.yes", &[]) }</button>
                    <button type="button" class="op-button op-button--secondary op-button--small" id="op-draft-clear-no"
                        onclick={click(&props.on_action, DraftAction::CancelClear)}>{ t(lang, "draft.clear.no", &[]) }</button>
                </div>
            } else if !drafts.entries.is_empty() {
                <button type="button" class="op-button op-button--warning op-button--small" id="op-draft-clear"
                    onclick={click(&props.on_action, DraftAction::Clear)}>{ t(lang, "draft.clear", &[]) }</button>
            }
        </div>
    }
}

/// Answers of a restored draft that the form no longer asks: shown, with a download.
fn aside_view(props: &DraftsViewProps, aside: &serde_json::Value) -> Html {
    let lang = props.lang;
    let text = serde_json::to_string_pretty(aside).unwrap_or_default();
    let fill = Callback::from(move |e: Event| fill_link(&e, &text));
    let rows: Vec<(String, String)> = aside
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(at, v)| {
                    let shown = match v {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (
                        ourplan_core::model::humanise(&ourplan_core::pointer::last(at)),
                        shown,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    html! {
        <section class="op-drafts__aside" aria-labelledby="op-draft-aside-title" id="op-draft-aside">
            <h2 class="op-heading-m" id="op-draft-aside-title">{ t(lang, "draft.aside.title", &[]) }</h2>
            <p class="op-body">{ t(lang, "draft.aside.body", &[]) }</p>
            <dl class="op-summary-list">
                { for rows.into_iter().map(|(k, v)| html! {
                    <div class="op-summary-list__row">
                        <dt class="op-summary-list__key">{ k }</dt>
                        <dd class="op-summary-list__value op-pre-wrap">{ v }</dd>
                    </div>
                }) }
            </dl>
            <a class="op-link" id="op-draft-aside-download" href="data:application/json;charset=utf-8," download="answers-put-aside.json"
                onclick={fill.reform(Event::from)} onfocus={fill.reform(Event::from)}
                onmouseover={fill.reform(Event::from)} oncontextmenu={fill.reform(Event::from)}>
                { t(lang, "draft.aside.download", &[]) }
            </a>
        </section>
    }
}

fn entry(props: &DraftsViewProps, drafts: &Drafts, e: &Entry, i: usize, when: &str) -> Html {
    let lang = props.lang;
    let id = format!("op-draft-{i}");
    let current = drafts.current.as_deref() == Some(e.id.as_str());
    let what = match &e.read {
        Read::Draft(d) => {
            let words = summary(d.kind, &d.value);
            let words = if words.is_empty() {
                t(lang, "draft.earlier.no_words", &[])
            } else {
                words
            };
            html! { <><strong>{ when.to_owned() }</strong>{ ": " }{ words }</> }
        }
        Read::Newer { .. } => html! { { t(lang, "draft.newer", &[]) } },
        Read::Unreadable { .. } => html! { { t(lang, "draft.unreadable", &[]) } },
    };
    // Buttons name their draft for a screen reader ("Open the draft from Tuesday…").
    let named = if when.is_empty() {
        html! {}
    } else {
        html! { <span class="op-visually-hidden">{ " " }{ when.to_owned() }</span> }
    };
    // The draft being worked on downloads what the element holds now (its stored text is not
    // kept in memory twice).
    let text = e.text.clone();
    let value = props.value_text.clone();
    let fill = Callback::from(move |ev: Event| {
        let text = if text.is_empty() {
            value.emit(())
        } else {
            text.clone()
        };
        fill_link(&ev, &text);
    });
    let confirming = drafts.confirming.as_deref() == Some(e.id.as_str());
    html! {
        <li class="op-drafts__item" key={e.id.clone()}>
            <p class="op-body op-drafts__what" id={format!("{id}-what")}>
                { what }
                if current {
                    { " (" }{ t(lang, "draft.earlier.current", &[]) }{ ")" }
                }
            </p>
            if confirming {
                <div class="op-drafts__confirm" role="group" aria-labelledby={format!("{id}-confirm")}>
                    <p class="op-body" id={format!("{id}-confirm")}>{ t(lang, "draft.delete.confirm", &[("when", when)]) }</p>
                    <button type="button" class="op-button op-button--warning op-button--small" id={format!("{id}-delete-yes")}
                        onclick={click(&props.on_action, DraftAction::ConfirmDelete)}>{ t(lang, "draft.delete.yes", &[]) }</button>
                    <button type="button" class="op-button op-button--secondary op-button--small" id={format!("{id}-delete-no")}
                        onclick={click(&props.on_action, DraftAction::CancelDelete)}>{ t(lang, "draft.delete.no", &[]) }</button>
                </div>
            } else {
                <div class="op-drafts__tools">
                    if e.draft().is_some() && !current {
                        <button type="button" class="op-button op-button--secondary op-button--small" id={format!("{id}-open")}
                            onclick={click(&props.on_action, DraftAction::Open(e.id.clone()))}>
                            { t(lang, "draft.open", &[]) }{ named.clone() }
                        </button>
                    }
                    <a class="op-link op-drafts__download" id={format!("{id}-download")} href="data:application/json;charset=utf-8,"
                        download={format!("draft-{}.json", i + 1)}
                        onclick={fill.reform(Event::from)} onfocus={fill.reform(Event::from)}
                        onmouseover={fill.reform(Event::from)} oncontextmenu={fill.reform(Event::from)}>
                        { t(lang, "draft.download", &[]) }{ named.clone() }
                    </a>
                    if !current {
                        <button type="button" class="op-button op-button--warning op-button--small" id={format!("{id}-delete")}
                            onclick={click(&props.on_action, DraftAction::Delete(e.id.clone()))}>
                            { t(lang, "draft.delete", &[]) }{ named }
                        </button>
                    }
                </div>
            }
        </li>
    }
}

/// Writes `text` into the download link the event came from, when the person reaches for it
/// (not on every change: a draft's text can be large).
fn fill_link(e: &Event, text: &str) {
    if let Some(link) = e.target_dyn_into::<Element>() {
        let href = format!(
            "data:application/json;charset=utf-8,{}",
            js_sys::encode_uri_component(text)
        );
        let _ = link.set_attribute("href", &href);
    }
}
