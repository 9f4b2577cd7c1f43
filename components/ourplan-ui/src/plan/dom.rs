//! The few things the builder asks of the DOM itself: the value of the control an event came
//! from, an element by id in the same (shadow) root, and moving focus without forcing layout.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The value of the input, textarea or select an event came from.
pub(crate) fn target_value(e: &Event) -> String {
    let Some(target) = e.target() else {
        return String::new();
    };
    if let Some(el) = target.dyn_ref::<HtmlInputElement>() {
        el.value()
    } else if let Some(el) = target.dyn_ref::<HtmlTextAreaElement>() {
        el.value()
    } else if let Some(el) = target.dyn_ref::<HtmlSelectElement>() {
        el.value()
    } else {
        String::new()
    }
}

/// The file chosen in the file box a `change` came from, taken out of the box so that choosing
/// the same file again is a change again. `None` when nothing was chosen.
pub(crate) fn chosen_file(e: &Event) -> Option<web_sys::File> {
    let input = e.target()?.dyn_into::<HtmlInputElement>().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    Some(file)
}

/// A file box's `change`, for a file of the person's to open or combine: the chosen file's text
/// goes to `on` as `read(text)`. A file larger than `limits` allows is not read at all: its size
/// goes as `too_large(bytes)`, so a film chosen by mistake never sits whole in the tab's memory.
/// Choosing the same file again reads it again.
pub(crate) fn read_chosen<A: 'static>(
    on: Callback<A>,
    limits: ourplan_core::Limits,
    read: fn(String) -> A,
    too_large: fn(f64) -> A,
) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let Some(file) = chosen_file(&e) else {
            return;
        };
        if limits.check_file_size(file.size()).is_err() {
            on.emit(too_large(file.size()));
            return;
        }
        let on = on.clone();
        let done = Closure::once(move |text: JsValue| {
            on.emit(read(text.as_string().unwrap_or_default()));
        });
        let _ = file.text().then(&done);
        done.forget();
    })
}

/// Whether the checkbox an event came from is ticked.
pub(super) fn target_checked(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// The element with `id` in the same root (shadow root or document) as `near`.
pub(crate) fn by_id(near: &Element, id: &str) -> Option<Element> {
    let root = near.get_root_node();
    if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
        shadow.get_element_by_id(id)
    } else if let Some(doc) = root.dyn_ref::<web_sys::Document>() {
        doc.get_element_by_id(id)
    } else {
        None
    }
}

/// Moves focus to `el` without the browser laying out the page there and then to scroll to it
/// (at 500 blocks that forced layout cost more than the change itself); the element is brought
/// into view just before the next frame, when the page is laid out anyway.
///
/// An element that still has focus is not focused again: the element's JS half moves blocks
/// with `moveBefore` where the browser has it, so the pressed button keeps focus through a move,
/// and focusing it again would only force a layout of the changed list.
pub(super) fn focus_calmly(el: &HtmlElement) {
    let focused = el
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
        .and_then(|r| r.active_element())
        .or_else(|| el.owner_document().and_then(|d| d.active_element()));
    if focused.as_ref() != Some(el.as_ref()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let el = el.clone();
    let scroll = Closure::once_into_js(move || {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    });
    let _ = window.request_animation_frame(scroll.unchecked_ref());
}

/// What the text box `id` (near the clicked button) holds: a conflict's "write your own".
pub(crate) fn textarea_near(e: &MouseEvent, id: &str) -> Option<String> {
    e.target_dyn_into::<Element>()
        .and_then(|b| by_id(&b, id))
        .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
        .map(|t| t.value())
}
