//! What both elements' Rust halves share: the Yew app drawn into the shadow root (taken from and
//! given back to the pool), the revision that makes it draw again, `readonly` and `disabled`, and
//! the JS half's `emit` that turns what an action did into host events. Each element composes a
//! `Host` with its own state and says how to build its view's properties.

use crate::pool::{self, Free, Slot};
use crate::wire;
use ourplan_core::Emit;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::{BaseComponent, Callback};

/// One element's app and the settings every element has.
pub(crate) struct Host<C: BaseComponent> {
    app: RefCell<Option<Slot<C>>>,
    revision: Cell<u64>,
    /// The element's `readonly` attribute.
    pub readonly: Cell<bool>,
    /// Its `disabled` attribute (or a disabled fieldset around it).
    pub disabled: Cell<bool>,
    /// `emit(type)`: the JS half fires the host event `type` and updates the form value.
    emit: js_sys::Function,
    /// Whether an action that changed nothing still hands back `"sync"` (see `wire::events`).
    sync_when_nothing: bool,
}

impl<C: BaseComponent> Host<C> {
    /// A host that will call `emit` with event names.
    pub(crate) fn new(emit: js_sys::Function, sync_when_nothing: bool) -> Host<C> {
        Host {
            app: RefCell::new(None),
            revision: Cell::new(0),
            readonly: Cell::new(false),
            disabled: Cell::new(false),
            emit,
            sync_when_nothing,
        }
    }

    /// Draws `props` inside `mount`, with an app from `free` when one is waiting there.
    pub(crate) fn mount(
        &self,
        free: &'static Free<C>,
        mount: &web_sys::Element,
        props: C::Properties,
    ) {
        *self.app.borrow_mut() = Some(pool::take(free, mount, props));
    }

    /// The revision the next properties carry: it changes each time anything may have changed.
    pub(crate) fn revision(&self) -> u64 {
        self.revision.get()
    }

    /// Draws again with `props` (made after [`Host::bump`]).
    pub(crate) fn draw(&self, props: C::Properties) {
        if let Some(app) = self.app.borrow_mut().as_mut() {
            app.update(props);
        }
    }

    /// Moves the revision on, before the properties to draw are made.
    pub(crate) fn bump(&self) {
        self.revision.set(self.revision.get() + 1);
    }

    /// Tells the JS half what an action did: it fires the events and updates the form value.
    pub(crate) fn fire(&self, emit: Emit) {
        for name in wire::events(emit, self.sync_when_nothing) {
            self.fire_named(name);
        }
    }

    /// Fires one named event through the JS half.
    pub(crate) fn fire_named(&self, name: &str) {
        let _ = self.emit.call1(&JsValue::NULL, &JsValue::from_str(name));
    }

    /// Gives the app back to `free`, drawing `idle` (nothing of the person's) until it is reused.
    pub(crate) fn unmount(&self, free: &'static Free<C>, idle: C::Properties) {
        if let Some(app) = self.app.borrow_mut().take() {
            pool::give_back(free, app, idle);
        }
    }
}

/// The view's callback for actions: each goes to `apply` on the element's inner state, held
/// weakly (the app holds the callback and the element holds the app, so a strong hold would keep
/// both alive for ever).
pub(crate) fn actions<T: 'static, A: 'static>(inner: &Rc<T>, apply: fn(&T, A)) -> Callback<A> {
    let weak = Rc::downgrade(inner);
    Callback::from(move |action: A| {
        if let Some(inner) = weak.upgrade() {
            apply(&inner, action);
        }
    })
}
