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
#[cfg(any(feature = "record", feature = "plan"))]
mod drafts;
#[cfg(any(feature = "record", feature = "plan"))]
mod host;
#[cfg(feature = "plan")]
mod plan;
#[cfg(any(feature = "record", feature = "plan"))]
mod pool;
#[cfg(feature = "record")]
mod record;
mod wire;

#[cfg(feature = "validator")]
pub use api::{CompiledSchema, compile_json, compiled_schema, validate_json};
#[cfg(any(feature = "record", feature = "plan"))]
pub use drafts::DraftsHandle;
#[cfg(feature = "plan")]
pub use plan::PlanElement;
#[cfg(feature = "record")]
pub use record::RecordElement;

use wasm_bindgen::prelude::*;

/// Runs once when the module is instantiated: a panic is the kit's own bug, so it is reported with
/// `console.error` (the host's problems use `console.warn`) before the module traps.
/// Set through Yew: its renderer installs its own hook on first render unless one was set this way
/// (with `std::panic::set_hook` the kit's hook was silently replaced).
#[wasm_bindgen(start)]
pub fn start() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(
            &format!("ourplan: internal error (please report it): {info}").into(),
        );
    }));
}

/// Asks for the wasm memory that drawing a schema of `schema_bytes` will need, in one step.
///
/// The allocator grows memory 64 KiB at a time as it is asked, and each grow costs the page a
/// little (new views of the memory on the JS side too): a 1,000-field schema (93 KB of text)
/// draws into about 6 MB, some 70 grows and 13 ms of a first render. Taking and freeing one
/// block of about that size first leaves it in the allocator's free space for the drawing to
/// use. It is a no-op where the space is already free; memory never shrinks, so a page holds
/// what its largest form needed, as it would anyway.
pub(crate) fn reserve_memory(schema_bytes: usize) {
    /// Bytes of memory per byte of schema text (measured: about 64).
    const PER_SCHEMA_BYTE: usize = 48;
    /// Small schemas need no help; huge ones grow as they go beyond this.
    const FROM: usize = 16 * 1024;
    const CAP: usize = 64 << 20;
    if schema_bytes >= FROM {
        // `try_reserve`, not `with_capacity`: when the page cannot have that much memory this
        // is skipped, where an allocation failure would stop the module (panic = abort).
        let mut block = Vec::<u8>::new();
        let _ = block.try_reserve_exact(schema_bytes.saturating_mul(PER_SCHEMA_BYTE).min(CAP));
        // black_box: an allocation nothing uses may otherwise be optimised away.
        drop(std::hint::black_box(block));
    }
}

/// Stops the module the way a bug in the kit would: a panic, which traps. The failure-isolation
/// spec (tests/e2e/embed.spec.mjs) calls it from `ourplan_wasm.js` to check that every element
/// then keeps the person's value and offers it as a download. Harmless: only a script already
/// running in the page can call it, and it stops nothing but that page's kit.
#[wasm_bindgen(js_name = debugTrap)]
pub fn debug_trap() {
    panic!("debugTrap() was called: the kit stops here, as it would after a bug");
}
