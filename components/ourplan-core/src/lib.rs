//! ourplan-core: the pure-Rust heart of ourplan. Schema loading and lowering to a form model,
//! values, validation and the messages people read, in English and Welsh. No DOM: everything here
//! is tested natively with `cargo test`.
//!
//! Feature `validator` (on by default) is the `jsonschema` crate. Turned off only to measure what
//! the rest weighs (issue #7, `tests/bench/variants.sh`): then every schema accepts everything.

// Without the validator, the message mapping and a few helpers have no caller.
#![cfg_attr(not(feature = "validator"), allow(dead_code, unused_imports))]

pub mod draft;
pub mod emit;
pub mod error;
pub mod format;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod limits;
pub mod merge;
pub mod message;
pub mod model;
pub mod plan;
pub mod pointer;
pub mod record;
pub mod schema;
pub mod verdict;

pub use emit::Emit;
pub use error::{Error, ErrorKind};
pub use i18n::Lang;
pub use limits::Limits;
pub use message::{Arg, Message};
pub use model::{FormModel, Kind, Node, lower};
pub use record::{Input, Outline, RecordState, ShownProblem};
pub use schema::{
    Compiled, Problem, parse_schema, parse_schema_within, parse_value, parse_value_within,
};
