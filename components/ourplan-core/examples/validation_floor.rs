//! Issue #7: the floor under the kit's validation, natively. Times the `jsonschema` crate itself
//! (through `Compiled`, as the kit uses it) on a value that is already parsed, with nothing
//! crossing from JavaScript: what no wasm build can beat. Reads the benchmark's schema and values
//! as JSON files written from demo/bench-schema.js by tests/bench/floor.mjs:
//!
//!   node tests/bench/floor.mjs && cargo run --release -p ourplan-core --example validation_floor
//!
//! Prints milliseconds per call (the median of 9 rounds of at least 200 ms each) for a valid
//! value, for the invalid one with its problems (as `Compiled::problems` returns them, before
//! any message is written), and for parsing the value's JSON text; and writes the same figures
//! to `floor.json` in that folder, for the benchmark's targets (tests/bench/targets.mjs).
use ourplan_core::{Compiled, parse_schema, parse_value};
use std::collections::HashMap;
use std::fs;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn per_call(mut f: impl FnMut()) -> f64 {
    let mut rounds = Vec::new();
    for _ in 0..9 {
        let start = Instant::now();
        let mut calls = 0u32;
        while calls < 3 || start.elapsed() < Duration::from_millis(200) {
            f();
            calls += 1;
        }
        rounds.push(start.elapsed().as_secs_f64() * 1000.0 / f64::from(calls));
    }
    rounds.sort_by(f64::total_cmp);
    rounds[rounds.len() / 2]
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench/floor".to_string());
    let read = |name: &str| {
        let path = format!("{dir}/{name}");
        fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("cannot read {path} ({e}): run `node tests/bench/floor.mjs` first")
        })
    };
    println!("jsonschema natively, value already parsed (ms per call, median of 9 rounds)");
    println!(
        "{:>8} {:>10} {:>12} {:>9} {:>12}",
        "fields", "valid", "invalid", "problems", "parse value"
    );
    let mut rows = Vec::new();
    for n in [50, 200, 1000, 2000] {
        let schema = parse_schema(&read(&format!("schema-{n}.json"))).expect("the schema parses");
        let compiled = Compiled::new(&schema, &HashMap::new()).expect("the schema compiles");
        let valid_text = read(&format!("valid-{n}.json"));
        let valid = parse_value(&valid_text).expect("the valid value parses");
        let invalid = parse_value(&read(&format!("invalid-{n}.json"))).expect("the value parses");
        let problems = compiled.problems(&invalid).len();
        let ok = per_call(|| assert!(compiled.is_valid(black_box(&valid))));
        let bad = per_call(|| {
            black_box(compiled.problems(black_box(&invalid)));
        });
        let parse = per_call(|| {
            black_box(parse_value(black_box(&valid_text)).ok());
        });
        println!("{n:>8} {ok:>10.4} {bad:>12.4} {problems:>9} {parse:>12.4}");
        rows.push(format!(
            "\"{n}\": {{\"valid\": {ok}, \"invalid\": {bad}, \"problems\": {problems}, \"parse\": {parse}}}"
        ));
    }
    let out = format!("{dir}/floor.json");
    fs::write(&out, format!("{{{}}}\n", rows.join(", ")))
        .unwrap_or_else(|e| panic!("cannot write {out}: {e}"));
}
