//! The GOV.UK error summary above the form: every problem, each a link that moves focus to its
//! field (inside the shadow root, where a fragment link cannot reach by itself).

use super::{Ctx, field_id};
use crate::icons::{Icon, icon};
use ourplan_core::i18n::t;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The error summary, when the state shows it (after a submit or validate that found problems).
pub(super) fn summary(ctx: &Ctx<'_>, node_ref: &NodeRef) -> Html {
    if !ctx.state.summary_shown() {
        return html! {};
    }
    let problems = ctx.state.all_problems();
    html! {
        <div class="op-error-summary" ref={node_ref.clone()} tabindex="-1" role="alert" aria-labelledby="op-error-summary-title" part="error-summary">
            <h2 class="op-error-summary__title" id="op-error-summary-title">{ icon(ctx.lang, Icon::Problem) }{ t(ctx.lang, "summary.title", &[]) }</h2>
            <ul class="op-error-summary__list">
                { for problems.into_iter().map(|p| {
                    let id = field_id(&p.pointer);
                    let target = id.clone();
                    let onclick = Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        focus_in_root(&e, &target);
                    });
                    html! { <li key={id.clone()}><a href={format!("#{id}")} {onclick}>{ p.message }</a></li> }
                }) }
            </ul>
        </div>
    }
}

/// Focuses the element with `id` in the same root (shadow root or document) as the event target:
/// a fragment link cannot reach into a shadow root by itself.
fn focus_in_root(e: &MouseEvent, id: &str) {
    let Some(target) = e.target_dyn_into::<Element>() else {
        return;
    };
    let root = target.get_root_node();
    let found = if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
        shadow.get_element_by_id(id)
    } else if let Some(doc) = root.dyn_ref::<web_sys::Document>() {
        doc.get_element_by_id(id)
    } else {
        None
    };
    if let Some(el) = found.and_then(|f| f.dyn_into::<HtmlElement>().ok()) {
        el.scroll_into_view();
        let _ = el.focus();
    }
}
