//! Yew apps kept for reuse. Yew registers its event listeners on an app's host element and never
//! removes them (yew 0.23, `dom_bundle/subtree_root.rs`: "The registry is never dropped in
//! production"), so destroying an app leaks its listeners and what they hold: about 1.7 KB of
//! wasm memory and 0.9 KB of JS heap per element, without end on a page that mounts and removes
//! elements (measured by tests/bench/mount-cycles.mjs). Instead, a removed element's app is
//! given empty properties (letting go of the person's data), its host element is taken out of
//! the page, and both wait here for the next element of the same kind. Memory then follows the
//! most elements a page has had at once, not how many it has ever made.

use std::cell::RefCell;
use std::thread::LocalKey;
use wasm_bindgen::JsCast;
use yew::{AppHandle, BaseComponent, Renderer};

/// One app and the element it draws into.
pub(crate) struct Slot<C: BaseComponent> {
    host: web_sys::Element,
    app: AppHandle<C>,
}

impl<C: BaseComponent> Slot<C> {
    /// Draws again with `props`.
    pub(crate) fn update(&mut self, props: C::Properties) {
        self.app.update(props);
    }

    /// The element the app draws into.
    pub(crate) fn host(&self) -> &web_sys::Element {
        &self.host
    }
}

/// The free apps of one kind.
pub(crate) type Free<C> = LocalKey<RefCell<Vec<Slot<C>>>>;

/// An app drawing `props` inside `container`: a free one if there is one, else a new one.
pub(crate) fn take<C: BaseComponent>(
    free: &'static Free<C>,
    container: &web_sys::Element,
    props: C::Properties,
) -> Slot<C> {
    if let Some(mut slot) = free.with_borrow_mut(Vec::pop) {
        let _ = container.append_child(&slot.host);
        slot.app.update(props);
        return slot;
    }
    let host = container
        .owner_document()
        .and_then(|d| d.create_element("div").ok())
        .unwrap_or_else(|| container.clone().unchecked_into());
    if !host.is_same_node(Some(container)) {
        let _ = container.append_child(&host);
    }
    let app = Renderer::<C>::with_root_and_props(host.clone(), props).render();
    Slot { host, app }
}

/// Gives `slot` back: it draws `idle` (nothing of the person's) out of the page until reused.
pub(crate) fn give_back<C: BaseComponent>(
    free: &'static Free<C>,
    mut slot: Slot<C>,
    idle: C::Properties,
) {
    slot.app.update(idle);
    slot.host.remove();
    free.with_borrow_mut(|list| list.push(slot));
}
