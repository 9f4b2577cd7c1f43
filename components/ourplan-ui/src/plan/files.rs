//! Files: download the plan as JSON or Markdown, and open a plan file (with what was wrong with
//! it, or what this version cannot show of it).

use super::Cx;
use super::dom::by_id;
use crate::icons::{Icon, icon};
use ourplan_core::plan::{PlanAction, PlanScreen, to_json, to_markdown};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The files section: the download links, and (when the plan can be changed) opening a file.
pub(super) fn files(cx: &Cx<'_>, screen: &Rc<RefCell<PlanScreen>>) -> Html {
    let (json_fill, md_fill) = (fill(screen, false), fill(screen, true));
    html! {
        <section class="op-plan-files" aria-labelledby="op-files-title" part="files">
            <h2 class="op-heading-m" id="op-files-title">{ icon(cx.lang, Icon::Save) }{ cx.t("plan.ui.files.title") }</h2>
            <ul class="op-plan-files__links">
                <li><a class="op-link" id="op-export-json" href="data:application/json;charset=utf-8," download="support-plan.json"
                    onclick={json_fill.reform(Event::from)} onfocus={json_fill.reform(Event::from)}
                    onmouseover={json_fill.reform(Event::from)} oncontextmenu={json_fill.reform(Event::from)}>{ cx.t("plan.ui.files.json") }</a></li>
                <li><a class="op-link" id="op-export-md" href="data:text/markdown;charset=utf-8," download="support-plan.md"
                    onclick={md_fill.reform(Event::from)} onfocus={md_fill.reform(Event::from)}
                    onmouseover={md_fill.reform(Event::from)} oncontextmenu={md_fill.reform(Event::from)}>{ cx.t("plan.ui.files.markdown") }</a></li>
            </ul>
            <p class="op-hint" id="op-print-hint">{ cx.t("plan.ui.print_hint") }</p>
            <button type="button" class="op-button op-button--secondary" id="op-print"
                aria-describedby="op-print-hint" onclick={print_host()}>{ icon(cx.lang, Icon::Print) }{ cx.t("plan.ui.print") }</button>
            if cx.editable {
                { open(cx) }
            }
            { super::merge::share(cx, screen) }
        </section>
    }
}

/// The Print button: asks the element itself to print (its `print()`, in the JS half), which
/// prints the plan as a document, not the page around it.
fn print_host() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| {
        let host = e
            .target_dyn_into::<Element>()
            .map(|b| b.get_root_node())
            .and_then(|root| root.dyn_into::<web_sys::ShadowRoot>().ok())
            .map(|shadow| shadow.host());
        let Some(host) = host else { return };
        if let Ok(print) = js_sys::Reflect::get(&host, &JsValue::from_str("print")) {
            if let Some(print) = print.dyn_ref::<js_sys::Function>() {
                let _ = print.call0(&host);
            }
        }
    })
}

/// Writes a download link's address when the person reaches for it (pointer over it, focus on
/// it, a click or the context menu), not on every change: at 500 blocks writing both files and
/// encoding them as addresses cost more than drawing the change itself.
fn fill(screen: &Rc<RefCell<PlanScreen>>, markdown: bool) -> Callback<Event> {
    let screen = Rc::downgrade(screen);
    Callback::from(move |e: Event| {
        let (Some(screen), Some(link)) = (screen.upgrade(), e.target_dyn_into::<Element>()) else {
            return;
        };
        let Ok(screen) = screen.try_borrow() else {
            return;
        };
        let href = if markdown {
            format!(
                "data:text/markdown;charset=utf-8,{}",
                js_sys::encode_uri_component(&to_markdown(screen.state.plan(), screen.lang))
            )
        } else {
            format!(
                "data:application/json;charset=utf-8,{}",
                js_sys::encode_uri_component(&to_json(screen.state.plan()))
            )
        };
        let _ = link.set_attribute("href", &href);
    })
}

/// Opening a plan file: a button in the plan's language that opens the browser's file box,
/// what was wrong with the last file, and notes on what this version cannot show of it.
fn open(cx: &Cx<'_>) -> Html {
    let open_file = open_box("op-import");
    let error = cx.screen.import_error.as_ref();
    let notes = &cx.screen.import_notes;
    html! {
        <div class={classes!("op-form-group", error.map(|_| "op-form-group--error"))}>
            <h3 class="op-heading-s" id="op-import-title">{ cx.t("plan.ui.files.open") }</h3>
            <p class="op-hint" id="op-import-hint">{ cx.t("plan.ui.files.hint") }</p>
            if let Some(e) = error {
                <p class="op-error-message" id="op-import-error" tabindex="-1" role="alert">
                    <span class="op-visually-hidden">{ cx.t("plan.ui.error_prefix") }{" "}</span>{ e.person_message(cx.lang) }
                </p>
            }
            if !notes.is_empty() {
                <div class="op-plan-files__notes" id="op-import-notes" role="status">
                    <ul class="op-plan-list">
                        { for notes.iter().map(|m| html! { <li>{ m.render(cx.lang) }</li> }) }
                    </ul>
                </div>
            }
            // The browser's own file box speaks the browser's language and is wider than
            // a phone: a button in the plan's language opens it instead.
            <button type="button" class="op-button op-button--secondary" id="op-import-button"
                aria-describedby={if error.is_some() { "op-import-hint op-import-error" } else { "op-import-hint" }}
                onclick={open_file}>{ icon(cx.lang, Icon::Open) }{ cx.t("plan.ui.files.choose") }</button>
            <input class="op-file-upload" id="op-import" type="file" accept=".json,application/json"
                hidden=true tabindex="-1" aria-labelledby="op-import-title" onchange={import(cx)} />
        </div>
    }
}

/// A button's click that opens the hidden file box `id` beside it.
pub(super) fn open_box(id: impl Into<String>) -> Callback<MouseEvent> {
    let id = id.into();
    Callback::from(move |e: MouseEvent| {
        let input = e
            .target_dyn_into::<Element>()
            .and_then(|b| by_id(&b, &id))
            .and_then(|i| i.dyn_into::<HtmlElement>().ok());
        if let Some(input) = input {
            input.click();
        }
    })
}

/// The file box's `change`: reads the chosen file and sends its text to be opened.
fn import(cx: &Cx<'_>) -> Callback<Event> {
    read_file(cx, PlanAction::Import)
}

/// A file box's `change`: reads the chosen file and sends `make(text)` (see
/// [`super::dom::read_chosen`]: a file over the `valueBytes` limit is refused unread).
pub(super) fn read_file(cx: &Cx<'_>, make: fn(String) -> PlanAction) -> Callback<Event> {
    super::dom::read_chosen(
        cx.on.clone(),
        *cx.screen.limits(),
        make,
        PlanAction::FileTooLarge,
    )
}
