//! Combining copies of a document, whatever the document: the history each copy carries
//! (`history`), the units a merge compares (`units`) and the word diff shown for a conflict
//! (`words`). How a plan or a record is taken apart into units, and how three of them merge, is
//! in `plan::merge` and `record::merge`. See `docs/decisions/2026-12-06-merging-copies.md`.

mod history;
pub(crate) mod units;
mod words;

pub(crate) use history::{Combined, Stored, Written, checkpoint_units, combine};
pub use history::{Conflict, History, KEPT_SNAPSHOTS, MergeError, Summary};
pub use words::{Piece, word_diff};
