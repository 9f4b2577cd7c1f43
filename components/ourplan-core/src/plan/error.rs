//! The plan's library error: an operation that could not be done, a file that was refused, money
//! text that does not read as money, rules that do not parse.
//!
//! `Display` is for developers (console, logs): lower-case, with the detail. What a person sees is
//! [`Error::person_message`], in plain words from the catalogue, saying what to do next.

use super::{Arg, Message};
use crate::i18n::Lang;
use crate::schema::Problem;
use std::fmt;

/// An error from the plan core.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    kind: ErrorKind,
}

/// What kind of error it is.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file handed over to import is not JSON.
    NotJson {
        /// 1-based line of the mistake.
        line: usize,
        /// 1-based column of the mistake.
        column: usize,
        /// The parser's description.
        detail: String,
    },
    /// The file is JSON but not an ourplan plan (its `format` is missing or different).
    NotAPlan {
        /// The `format` it has, if any.
        found: Option<String>,
    },
    /// The plan was written by a newer version of the kit.
    NewerVersion {
        /// The file's version.
        found: u64,
        /// The newest version this kit reads.
        newest: u64,
    },
    /// The plan does not fit `plan.schema.json`.
    DoesNotFit {
        /// Each problem, with the JSON Pointer of the value.
        problems: Vec<Problem>,
        /// Where the first problem is, in the person's words: the part of the plan, and the
        /// field when it is one they know ("Part 3 (‘Mornings’): ‘Cost’").
        place: Option<Message>,
    },
    /// Two blocks, items or reviews share an id.
    DuplicateId {
        /// The repeated id.
        id: String,
    },
    /// Sections are nested deeper than [`crate::plan::MAX_DEPTH`].
    TooDeep {
        /// The id of a block that is too deep.
        id: String,
    },
    /// No block, item or review has this id.
    NoSuchId {
        /// The id asked for.
        id: String,
    },
    /// A block was asked to hold others but is not a section.
    NotASection {
        /// The block's id.
        id: String,
    },
    /// A section cannot be moved inside itself.
    IntoItself {
        /// The section's id.
        id: String,
    },
    /// This kind of block has no field of that name.
    NoSuchField {
        /// The block's kind.
        kind: &'static str,
        /// The field asked for.
        field: String,
    },
    /// A field was given a value of the wrong type.
    WrongValue {
        /// The field.
        field: &'static str,
        /// What it takes.
        expected: &'static str,
    },
    /// An `outcomeId` that does not name an outcome block.
    NotAnOutcome {
        /// The id given.
        id: String,
    },
    /// A date or time that is not in the expected form.
    BadDate {
        /// The text given.
        value: String,
        /// What form it takes (`YYYY-MM-DD`, RFC 3339).
        expected: &'static str,
    },
    /// Money text that does not read as an amount of money.
    Money(MoneyProblem),
    /// An amount too large to work with (over [`crate::plan::MAX_PENCE`], or a total that
    /// overflows).
    TooLarge,
    /// Sign-off rules the host supplied could not be read.
    Rules {
        /// What is wrong with them.
        detail: String,
    },
    /// A sign-off was asked for without the practitioner's name.
    NoPractitioner,
    /// A sign-off was asked for while the plan has nothing written in it yet.
    NothingToSignOff,
    /// The plan is outside the sign-off rules: someone else takes a second look.
    NeedsSecondLook {
        /// Why, in words a person can read.
        reasons: Vec<Message>,
    },
    /// A file or an edit is past one of the kit's limits ([`crate::limits::Limits`]): a plan
    /// file over `valueBytes`, or more blocks than `planBlocks`.
    OverLimit {
        /// Which limit.
        limit: crate::limits::Limit,
        /// What the limit allows.
        allowed: usize,
        /// What the file or the edit would have.
        found: usize,
    },
    /// A template could not be read.
    Template {
        /// The template's id, if it got that far.
        id: Option<String>,
        /// What is wrong with it.
        detail: String,
    },
}

/// Why money text does not read as money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyProblem {
    /// Nothing was typed.
    Empty,
    /// The text is not a number of pounds.
    NotANumber,
    /// The amount is below zero.
    Negative,
    /// More than two digits after the decimal point.
    TooManyDecimals,
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

    /// What a person reads: plain words, saying what to do next.
    pub fn message(&self) -> Message {
        use ErrorKind as K;
        match &self.kind {
            K::NotJson { .. } => Message::new("plan.error.not_json"),
            K::NotAPlan { .. } => Message::new("plan.error.not_a_plan"),
            K::NewerVersion { .. } => Message::new("plan.error.newer"),
            K::DoesNotFit {
                problems,
                place: Some(place),
            } => Message::counted("plan.error.does_not_fit_at", problems.len() as u64)
                .arg("place", Arg::Message(Box::new(place.clone()))),
            K::DoesNotFit { problems, .. } => {
                Message::counted("plan.error.does_not_fit", problems.len() as u64)
            }
            K::DuplicateId { .. } | K::TooDeep { .. } => Message::new("plan.error.damaged"),
            K::NoSuchId { .. }
            | K::NotASection { .. }
            | K::IntoItself { .. }
            | K::NoSuchField { .. }
            | K::WrongValue { .. } => Message::new("plan.error.edit"),
            K::NotAnOutcome { .. } => Message::new("plan.error.not_an_outcome"),
            K::BadDate { .. } => Message::new("plan.error.date"),
            K::Money(problem) => Message::new(match problem {
                MoneyProblem::Empty => "plan.money.empty",
                MoneyProblem::NotANumber => "plan.money.not_a_number",
                MoneyProblem::Negative => "plan.money.negative",
                MoneyProblem::TooManyDecimals => "plan.money.decimals",
            }),
            K::TooLarge => Message::new("plan.money.too_large"),
            K::Rules { .. } => Message::new("plan.error.rules"),
            K::NoPractitioner => Message::new("plan.error.no_practitioner"),
            K::NothingToSignOff => Message::new("plan.signoff.nothing"),
            K::NeedsSecondLook { reasons } => {
                Message::counted("plan.signoff.needs_second_look", reasons.len() as u64)
            }
            K::Template { .. } => Message::new("plan.error.template"),
            K::OverLimit {
                limit,
                allowed,
                found,
            } => {
                let words = |n: usize| {
                    if limit.is_size() {
                        // The same in both languages ("2 MB").
                        crate::limits::size_words(n, Lang::En)
                    } else {
                        n.to_string()
                    }
                };
                match limit {
                    crate::limits::Limit::PlanBlocks => {
                        Message::counted("plan.error.too_many_blocks", *allowed as u64)
                            .text("found", words(*found))
                    }
                    _ => Message::new("plan.error.file_too_large")
                        .text("limit", words(*allowed))
                        .text("found", words(*found)),
                }
            }
        }
    }

    /// [`Error::message`] in `lang`.
    pub fn person_message(&self, lang: Lang) -> String {
        self.message().render(lang)
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error::new(kind)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorKind as K;
        match &self.kind {
            K::NotJson {
                line,
                column,
                detail,
            } => write!(
                f,
                "plan is not JSON (line {line}, column {column}): {detail}"
            ),
            K::NotAPlan { found: Some(found) } => {
                write!(f, "not an ourplan plan: format is \"{found}\"")
            }
            K::NotAPlan { found: None } => write!(f, "not an ourplan plan: no \"format\""),
            K::NewerVersion { found, newest } => write!(
                f,
                "plan version {found} is newer than this kit reads (up to {newest})"
            ),
            K::DoesNotFit { problems, .. } => {
                write!(f, "plan does not fit plan.schema.json:")?;
                for p in problems {
                    let at = if p.pointer.is_empty() {
                        "/"
                    } else {
                        &p.pointer
                    };
                    write!(f, " {at} ({})", p.keyword)?;
                }
                Ok(())
            }
            K::DuplicateId { id } => write!(f, "id \"{id}\" is used more than once"),
            K::TooDeep { id } => write!(f, "block \"{id}\" is nested deeper than the limit"),
            K::NoSuchId { id } => write!(f, "no block, item or review has id \"{id}\""),
            K::NotASection { id } => write!(f, "block \"{id}\" is not a section"),
            K::IntoItself { id } => write!(f, "section \"{id}\" cannot go inside itself"),
            K::NoSuchField { kind, field } => {
                write!(f, "a {kind} block has no field \"{field}\"")
            }
            K::WrongValue { field, expected } => {
                write!(f, "field \"{field}\" takes {expected}")
            }
            K::NotAnOutcome { id } => write!(f, "\"{id}\" is not the id of an outcome block"),
            K::BadDate { value, expected } => {
                write!(f, "\"{value}\" is not a date in the form {expected}")
            }
            K::Money(problem) => f.write_str(match problem {
                MoneyProblem::Empty => "no amount of money was given",
                MoneyProblem::NotANumber => "text is not an amount of money",
                MoneyProblem::Negative => "amount of money is below zero",
                MoneyProblem::TooManyDecimals => "amount has more than two decimal places",
            }),
            K::TooLarge => write!(f, "amount is too large to work with"),
            K::Rules { detail } => write!(f, "sign-off rules could not be read: {detail}"),
            K::NoPractitioner => write!(f, "sign-off needs the practitioner's name"),
            K::NothingToSignOff => write!(f, "the plan has nothing written in it to sign off"),
            K::NeedsSecondLook { reasons } => {
                let keys: Vec<&str> = reasons.iter().map(|m| m.key).collect();
                write!(f, "plan needs a second look: {}", keys.join(", "))
            }
            K::Template { id, detail } => match id {
                Some(id) => write!(f, "template \"{id}\" could not be read: {detail}"),
                None => write!(f, "template could not be read: {detail}"),
            },
            K::OverLimit {
                limit,
                allowed,
                found,
            } => write!(
                f,
                "over the kit's {} limit: {found}, where {allowed} is allowed",
                limit.name()
            ),
        }
    }
}

impl std::error::Error for Error {}
