//! The core's library error: what went wrong loading a schema or a value, with context.
//!
//! `Display` is for developers (console, logs): lower-case, with the detail. What a person sees is
//! the translated [`Error::person_message`], which says what to do next.

use crate::i18n::{Lang, t};
use crate::limits::{Limit, size_words};
use std::fmt;

/// An error from loading a schema or a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    kind: ErrorKind,
}

/// What kind of error it is.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The schema text is not JSON.
    SchemaSyntax {
        /// 1-based line of the mistake.
        line: usize,
        /// 1-based column of the mistake.
        column: usize,
        /// The parser's description.
        detail: String,
    },
    /// The schema is JSON but not a schema the validator accepts (a keyword of the wrong type, a
    /// pattern that does not compile, a reference that cannot be resolved).
    SchemaRules {
        /// JSON Pointer into the schema where the problem is.
        pointer: String,
        /// The validator's description.
        detail: String,
    },
    /// The schema refers (`$ref`) to another document that was not handed over.
    SchemaReference {
        /// The validator's description, naming the reference.
        detail: String,
    },
    /// The schema could not be fetched (reported by the host side, which does the fetching).
    SchemaFetch {
        /// What the fetch reported.
        detail: String,
    },
    /// A value handed over by the host is not JSON.
    ValueSyntax {
        /// 1-based line of the mistake.
        line: usize,
        /// 1-based column of the mistake.
        column: usize,
        /// The parser's description.
        detail: String,
    },
    /// The host set the kit up wrongly (limits that cannot be read, say): a developer's mistake,
    /// reported as such.
    Setup {
        /// What is wrong.
        detail: String,
    },
    /// An input is past one of the kit's limits ([`crate::limits::Limits`]).
    OverLimit {
        /// Which limit.
        limit: Limit,
        /// What the limit allows.
        allowed: usize,
        /// What was found (bytes, levels, references or blocks), or more than `allowed` where
        /// counting stopped early.
        found: usize,
    },
}

/// How deeply a schema or a value may nest: the JSON reader's own limit (serde_json's), which
/// keeps a hostile 10,000-level document from overflowing the stack, in the browser or on a
/// server. Deeper text is refused with its own message.
pub const NESTING_LIMIT: usize = crate::limits::MAX_DEPTH;

/// Whether the JSON reader stopped because the text nests deeper than [`NESTING_LIMIT`].
fn too_deep(detail: &str) -> bool {
    detail.starts_with("recursion limit exceeded")
}

impl Error {
    /// Makes an error of `kind`.
    pub fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The message a person sees: plain words, saying what to do next.
    pub fn person_message(&self, lang: Lang) -> String {
        let limit = NESTING_LIMIT.to_string();
        match &self.kind {
            ErrorKind::SchemaSyntax { detail, .. } if too_deep(detail) => {
                t(lang, "load.schema_too_deep", &[("limit", &limit)])
            }
            ErrorKind::ValueSyntax { detail, .. } if too_deep(detail) => {
                t(lang, "load.value_too_deep", &[("limit", &limit)])
            }
            ErrorKind::SchemaSyntax { line, column, .. } => t(
                lang,
                "load.syntax",
                &[("line", &line.to_string()), ("column", &column.to_string())],
            ),
            ErrorKind::SchemaRules { pointer, .. } => {
                let pointer = if pointer.is_empty() { "/" } else { pointer };
                t(lang, "load.schema", &[("pointer", pointer)])
            }
            ErrorKind::SchemaFetch { .. } => t(lang, "load.fetch", &[]),
            ErrorKind::SchemaReference { .. } => t(lang, "load.reference", &[]),
            ErrorKind::ValueSyntax { line, column, .. } => t(
                lang,
                "load.value",
                &[("line", &line.to_string()), ("column", &column.to_string())],
            ),
            ErrorKind::Setup { .. } => t(lang, "load.setup", &[]),
            ErrorKind::OverLimit {
                limit,
                allowed,
                found,
            } => {
                let count = *allowed as u64;
                let (allowed, found) = if limit.is_size() {
                    (size_words(*allowed, lang), size_words(*found, lang))
                } else {
                    (allowed.to_string(), found.to_string())
                };
                crate::i18n::tn(
                    lang,
                    limit.message_key(),
                    count,
                    &[("limit", &allowed), ("found", &found)],
                )
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::SchemaSyntax {
                line,
                column,
                detail,
            } => {
                write!(
                    f,
                    "schema is not JSON (line {line}, column {column}): {detail}"
                )
            }
            ErrorKind::SchemaRules { pointer, detail } => {
                write!(
                    f,
                    "schema breaks the JSON Schema rules at '{pointer}': {detail}"
                )
            }
            ErrorKind::SchemaFetch { detail } => write!(f, "schema could not be fetched: {detail}"),
            ErrorKind::SchemaReference { detail } => write!(
                f,
                "schema refers to a document that was not handed over (set the element's remotes property): {detail}"
            ),
            ErrorKind::ValueSyntax {
                line,
                column,
                detail,
            } => {
                write!(
                    f,
                    "value is not JSON (line {line}, column {column}): {detail}"
                )
            }
            ErrorKind::Setup { detail } => write!(f, "the kit is set up wrongly: {detail}"),
            ErrorKind::OverLimit {
                limit,
                allowed,
                found,
            } => write!(
                f,
                "over the kit's {} limit: {found}, where {allowed} is allowed (a host may change it: the limits property, or --limit {}=N)",
                limit.name(),
                limit.name()
            ),
        }
    }
}

impl std::error::Error for Error {}
