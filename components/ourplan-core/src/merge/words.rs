//! The words that differ between two versions of a text, for showing a conflict side by side.
//!
//! Texts are split into words and the spaces between them; the longest common subsequence of the
//! two word lists (dynamic programming, after the common start and end are set aside) is what is
//! the same. A person's block is a few hundred words at most; past a million word pairs the middle
//! is simply marked as different. Joining either side's pieces gives that version back exactly.
//! (The `similar` crate did this first; it added about 140 KB to the module before optimisation,
//! more than the whole merge, so this is ours: see the decision record.)

use serde::Serialize;

/// A run of one version's text: the same in the other version, or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// The text, exactly as written.
    pub text: String,
    /// Whether the other version differs here.
    pub differs: bool,
}

/// The most word pairs compared one by one; beyond this the middle is marked as different.
const MAX_PAIRS: usize = 1_000_000;

/// Words and the runs of space between them, in order.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut space: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let is_space = c.is_whitespace();
        if space.is_some_and(|s| s != is_space) {
            out.push(&text[start..i]);
            start = i;
        }
        space = Some(is_space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
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

/// Each version as pieces, with the words only it has marked.
pub fn word_diff(one: &str, other: &str) -> (Vec<Piece>, Vec<Piece>) {
    let (a, b) = (tokens(one), tokens(other));
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let (same_a, same_b) = common(ma, mb);
    let mut left = Vec::new();
    let mut right = Vec::new();
    for t in &a[..head] {
        push(&mut left, t, false);
        push(&mut right, t, false);
    }
    for (t, same) in ma.iter().zip(same_a) {
        push(&mut left, t, !same);
    }
    for (t, same) in mb.iter().zip(same_b) {
        push(&mut right, t, !same);
    }
    for t in &a[a.len() - tail..] {
        push(&mut left, t, false);
        push(&mut right, t, false);
    }
    (left, right)
}

/// Which tokens of each side are in a longest common subsequence of the two.
fn common(a: &[&str], b: &[&str]) -> (Vec<bool>, Vec<bool>) {
    let (n, m) = (a.len(), b.len());
    let mut same_a = vec![false; n];
    let mut same_b = vec![false; m];
    if n == 0 || m == 0 || n.saturating_mul(m) > MAX_PAIRS {
        return (same_a, same_b);
    }
    // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
    let width = m + 1;
    let mut lengths = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[i * width + j] = if a[i] == b[j] {
                lengths[(i + 1) * width + j + 1] + 1
            } else {
                lengths[(i + 1) * width + j].max(lengths[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            same_a[i] = true;
            same_b[j] = true;
            i += 1;
            j += 1;
        } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (same_a, same_b)
}
