//! Replays the fuzzers' saved inputs through the core's entry points (issue #20), under plain
//! `cargo test`: the seeds (`fuzz/seeds/<target>/`), the corpus the long runs kept
//! (`fuzz/corpus/<target>.b64`: minimised, the smallest inputs up to 300 KB, one per line in
//! base64) and every input that once crashed (`fuzz/regressions/<target>/`, each named for what
//! it found). No nightly toolchain, no instrumented build. The long runs, and their counts, are
//! in `fuzz/README.md`.

use std::fs;
use std::path::Path;

/// Every file under `fuzz/<kind>/<target>/`, for each kind; at least `min` of them.
fn replay(target: &str, run: fn(&[u8]), min: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    if let Ok(packed) = fs::read_to_string(root.join("corpus").join(format!("{target}.b64"))) {
        for line in packed.lines().filter(|l| !l.is_empty()) {
            run(&base64(line));
            count += 1;
        }
    }
    for kind in ["seeds", "regressions"] {
        let dir = root.join(kind).join(target);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let data = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            run(&data);
            count += 1;
        }
    }
    assert!(
        count >= min,
        "only {count} inputs for {target} (expected at least {min})"
    );
}

/// Standard base64 (the corpus files' encoding), decoded; enough for this test, not a general
/// decoder (it assumes well-formed input, which the files are).
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|c| *c != b'=').map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, d)| n | (u32::from(*d) << (18 - 6 * i)));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}

#[test]
fn base64_decodes_the_corpus_encoding() {
    assert_eq!(base64("aGVsbG8="), b"hello");
    assert_eq!(base64("aGk="), b"hi");
    assert_eq!(base64("YWJj"), b"abc");
    assert_eq!(base64("AP8="), [0u8, 255]);
}

#[test]
fn schema() {
    replay("schema", ourplan_core::fuzzing::schema, 1000);
}

#[test]
fn record() {
    replay("record", ourplan_core::fuzzing::record, 1000);
}

#[test]
fn messages() {
    replay("messages", ourplan_core::fuzzing::messages, 1000);
}

#[test]
fn plan() {
    replay("plan", ourplan_core::fuzzing::plan, 500);
}

#[test]
fn draft() {
    replay("draft", ourplan_core::fuzzing::draft, 500);
}

#[test]
fn pointer() {
    replay("pointer", ourplan_core::fuzzing::pointer, 10);
}
