//! ourplan-elements: the embeddable build. The only crate that knows the wire: what the custom
//! elements' JavaScript (`js/ourplan.js`) calls, the JSON shapes handed to the host, and event
//! names. The elements themselves are defined in `js/ourplan.js`, because wasm-bindgen cannot
//! subclass `HTMLElement`; it calls into the handles here from `connectedCallback`.
//!
//! Data crosses the boundary as JSON strings, not JS objects: converting objects on every call
//! was measured 7x slower (shared/TOOLCHAIN.md), and it keeps the value owned by Rust.

mod api;
#[cfg(feature = "crossing-bench")]
mod crossing;
#[cfg(feature = "plan")]
mod plan;
#[cfg(feature = "record")]
mod record;

#[cfg(any(feature = "record", feature = "plan"))]
pub use api::stylesheet;
#[cfg(feature = "validator")]
pub use api::{compile_json, validate_json};
#[cfg(feature = "plan")]
pub use plan::PlanElement;
#[cfg(feature = "record")]
pub use record::RecordElement;

use wasm_bindgen::prelude::*;

/// Runs once when the module is instantiated: a panic is the kit's own bug, so it is reported with
/// `console.error` (the host's problems use `console.warn`) before the module traps.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(
            &format!("ourplan: internal error (please report it): {info}").into(),
        );
    }));
}
