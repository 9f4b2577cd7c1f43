//! The words that differ between two versions of a text, for showing a conflict side by side.
//!
//! The diff is the `similar` crate's (Myers's algorithm over words, the crate `insta` and many
//! others use): small, well kept, and it hands back slices of the texts, so every character of
//! each version is shown exactly as its copy had it.

use serde::Serialize;
use similar::utils::diff_words;
use similar::{Algorithm, ChangeTag};

/// A run of one version's text: the same in the other version, or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// The text, exactly as written.
    pub text: String,
    /// Whether the other version differs here.
    pub differs: bool,
}

fn push(out: &mut Vec<Piece>, text: &str, differs: bool) {
    match out.last_mut() {
        Some(last) if last.differs == differs => last.text.push_str(text),
        _ => out.push(Piece {
            text: text.to_owned(),
            differs,
        }),
    }
}

/// Each version as pieces, with the words only it has marked. Joining either side's pieces gives
/// that version back exactly.
pub fn word_diff(one: &str, other: &str) -> (Vec<Piece>, Vec<Piece>) {
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (tag, text) in diff_words(Algorithm::Myers, one, other) {
        match tag {
            ChangeTag::Equal => {
                push(&mut left, text, false);
                push(&mut right, text, false);
            }
            ChangeTag::Delete => push(&mut left, text, true),
            ChangeTag::Insert => push(&mut right, text, true),
        }
    }
    (left, right)
}
