//! ourplan-core against the JSON-Schema-Test-Suite (draft 2020-12): conformance, and no panics.
//!
//! The suite is read where it lies (never copied into the project): beside the workspace at
//! `../shared/json-schema-test-suite`, or wherever `OURPLAN_JSON_SCHEMA_TEST_SUITE` points. Only
//! `tests/draft2020-12/*.json` runs; the `optional/` folder (bignum, ecmascript-regex, the format
//! details and more) is left out on purpose, since the specification does not require it.

use ourplan_core::schema::Compiled;
use ourplan_core::{Lang, RecordState, lower};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The environment variable that points at a checkout of the suite, overriding the default place.
const SUITE_ENV: &str = "OURPLAN_JSON_SCHEMA_TEST_SUITE";

/// Where the suite expects its `remotes/` folder to be served.
const REMOTES_BASE: &str = "http://localhost:1234/";

/// Fewer than this many tests means the suite was found but not read properly (a moved folder,
/// a changed file shape), which must fail rather than pass with nothing checked. The suite at the
/// time of writing holds 1,299 tests in 46 files.
const MIN_FILES: usize = 40;
const MIN_TESTS: usize = 1_000;

/// Tests the kit is known to disagree with, as (file stem, case description, test description or
/// `*` for every test in the case, why). An entry that matches nothing, or a test on it that now
/// passes, fails the run, so the list cannot rot. One entry a line, so it reads as a table.
#[rustfmt::skip]
const EXPECTED_FAILURES: &[(&str, &str, &str, &str)] = &[
    ("format", "email format", "invalid email string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "regex format", "invalid regex string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "ipv4 format", "invalid ipv4 string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "ipv6 format", "invalid ipv6 string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "hostname format", "invalid hostname string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "date format", "invalid date string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "date-time format", "invalid date-time string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "time format", "invalid time string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "json-pointer format", "invalid json-pointer string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "relative-json-pointer format", "invalid relative-json-pointer string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "iri format", "invalid iri string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "iri-reference format", "invalid iri-reference string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "uri format", "invalid uri string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "uri-reference format", "invalid uri-reference string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "uri-template format", "invalid uri-template string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "uuid format", "invalid uuid string is only an annotation by default", FORMATS_ASSERTED),
    ("format", "duration format", "invalid duration string is only an annotation by default", FORMATS_ASSERTED),
];

/// Why the format.json annotation tests fail: the kit turns format assertion on (schema.rs), so a
/// malformed date is an error a person sees rather than a note nobody reads.
const FORMATS_ASSERTED: &str = "the kit asserts formats on purpose, where the suite expects format to be only an annotation by default";

/// Schemas that make lowering or a record panic: bugs in ourplan-core waiting for a fix, as (file
/// stem, case description, what goes wrong). A panic listed here does not fail
/// `lowering_never_panics`, but an entry that no longer panics, or names no case, does, so it is
/// taken off the list once fixed. Empty: no schema in the suite panics today.
const KNOWN_PANICS: &[(&str, &str, &str)] = &[];

/// One test file: its stem (`format` for format.json) and its cases.
struct File {
    name: String,
    cases: Vec<Case>,
}

/// One schema and the instances checked against it.
struct Case {
    description: String,
    schema: Value,
    tests: Vec<Test>,
}

/// One instance and whether it is valid.
struct Test {
    description: String,
    data: Value,
    valid: bool,
}

/// The suite as read from disk: its required test files and every remote document by URI.
struct Suite {
    files: Vec<File>,
    remotes: HashMap<String, Value>,
}

/// Every required test agrees with the validator, or is on `EXPECTED_FAILURES` with a reason.
#[test]
fn conformance() {
    let Some(suite) = load_suite("conformance") else {
        return;
    };
    let mut used = vec![false; EXPECTED_FAILURES.len()];
    let mut unexpected = Vec::new();
    let mut now_passing = Vec::new();
    let mut cases = 0;
    let mut tests = 0;
    let mut passed = 0;
    let mut expected_by_file: BTreeMap<&str, usize> = BTreeMap::new();
    for file in &suite.files {
        for case in &file.cases {
            cases += 1;
            let outcomes = check(&case.schema, &suite.remotes, &case.tests);
            for (test, outcome) in case.tests.iter().zip(outcomes) {
                tests += 1;
                let expected = expected_failure(&file.name, &case.description, &test.description);
                if let Some(i) = expected {
                    used[i] = true;
                }
                let place = format!(
                    "{} / {} / {}",
                    file.name, case.description, test.description
                );
                match (outcome, expected) {
                    (Ok(()), None) => passed += 1,
                    (Ok(()), Some(i)) => now_passing.push(format!(
                        "{place}: passes now; take it off EXPECTED_FAILURES ({})",
                        EXPECTED_FAILURES[i].3
                    )),
                    (Err(why), None) => unexpected.push(format!("{place}: {why}")),
                    (Err(_), Some(i)) => {
                        *expected_by_file.entry(EXPECTED_FAILURES[i].0).or_default() += 1;
                    }
                }
            }
        }
    }
    let stale: Vec<String> = EXPECTED_FAILURES
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|((file, case, test, _), _)| {
            format!("{file} / {case} / {test}: matches no test in the suite; take it off EXPECTED_FAILURES")
        })
        .collect();
    let expected_total: usize = expected_by_file.values().sum();
    let breakdown: Vec<String> = expected_by_file
        .iter()
        .map(|(file, n)| format!("{file}: {n}"))
        .collect();
    println!(
        "conformance: {tests} tests in {} cases in {} files: {passed} passed, {expected_total} expected failures ({})",
        cases,
        suite.files.len(),
        breakdown.join(", ")
    );
    assert_enough(suite.files.len(), tests);
    let mut wrong = unexpected;
    wrong.extend(now_passing);
    wrong.extend(stale);
    assert!(
        wrong.is_empty(),
        "{} disagreements with the suite:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Lowering and a record survive every schema and instance in the suite (ARCHITECTURE.md's
/// "lowering a schema never fails").
#[test]
fn lowering_never_panics() {
    let Some(suite) = load_suite("lowering") else {
        return;
    };
    let mut schemas = 0;
    let mut diagnostics = 0;
    let mut panics = Vec::new();
    // Per entry: whether it named a case, and whether that case still panicked.
    let mut seen = vec![false; KNOWN_PANICS.len()];
    let mut known = vec![false; KNOWN_PANICS.len()];
    let mut tests = 0;
    for file in &suite.files {
        for case in &file.cases {
            schemas += 1;
            tests += case.tests.len();
            let known_panic = KNOWN_PANICS
                .iter()
                .position(|(f, c, _)| *f == file.name && *c == case.description);
            if let Some(i) = known_panic {
                seen[i] = true;
            }
            match (lower_safely(case, &suite.remotes), known_panic) {
                (Ok(n), None) => diagnostics += n,
                (Err(why), None) => {
                    panics.push(format!("{} / {}: {why}", file.name, case.description))
                }
                (Err(_), Some(i)) => known[i] = true,
                (Ok(_), Some(i)) => panics.push(format!(
                    "{} / {}: no longer panics; take it off KNOWN_PANICS ({})",
                    file.name, case.description, KNOWN_PANICS[i].2
                )),
            }
        }
    }
    panics.extend(
        KNOWN_PANICS
            .iter()
            .zip(&seen)
            .filter(|(_, seen)| !**seen)
            .map(|((file, case, _), _)| {
                format!("{file} / {case}: names no case in the suite; take it off KNOWN_PANICS")
            }),
    );
    let known_panics = known.iter().filter(|k| **k).count();
    println!(
        "lowering: {schemas} schemas lowered, {diagnostics} diagnostics, {} panics ({known_panics} known)",
        panics.len()
    );
    assert_enough(suite.files.len(), tests);
    assert!(
        panics.is_empty(),
        "{} schemas broke the never-panic promise:\n{}",
        panics.len(),
        panics.join("\n")
    );
}

/// The record compiles its tests (`if`s, `oneOf` branches) together, as `$defs` of one
/// document, each with an `$id` of its own (`Compiled::each`). Every suite schema, compiled that
/// way beside another, gives the same verdicts as compiled alone.
#[test]
fn schemas_compiled_together_agree_with_alone() {
    let Some(suite) = load_suite("compiled together") else {
        return;
    };
    let (mut compared, mut disagreements) = (0, Vec::new());
    for file in &suite.files {
        for case in &file.cases {
            let Ok(alone) = Compiled::new(&case.schema, &suite.remotes) else {
                continue;
            };
            let pair = [case.schema.clone(), json!({"required": ["a"]})];
            let Some(Some(together)) = Compiled::each(&pair, &suite.remotes).into_iter().next()
            else {
                disagreements.push(format!(
                    "{} / {}: did not compile together",
                    file.name, case.description
                ));
                continue;
            };
            for test in &case.tests {
                compared += 1;
                if together.is_valid(&test.data) != alone.is_valid(&test.data) {
                    disagreements.push(format!(
                        "{} / {} / {}",
                        file.name, case.description, test.description
                    ));
                }
            }
        }
    }
    println!(
        "compiled together: {compared} verdicts compared, {} differ",
        disagreements.len()
    );
    assert!(compared > 1000, "only {compared} verdicts compared");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// A record draws a schema before compiling it (`RecordState::set_schema_later`), so lowering
/// meets schemas that break the rules before the validator refuses them. Every suite schema with
/// each keyword's value (at the top and one level into `properties`) swapped for a value of the
/// wrong kind is drawn, compiled and given a value: no panic, and a schema the validator refuses
/// ends as the load error with the value kept.
#[test]
fn rule_breaking_schemas_drawn_before_compiling_never_panic() {
    let Some(suite) = load_suite("rule-breaking") else {
        return;
    };
    let wrong = [
        json!(5),
        json!("x"),
        json!(null),
        json!([1]),
        json!({"a": 1}),
        json!(true),
    ];
    let mut variants = Vec::new();
    for file in &suite.files {
        for case in &file.cases {
            let Value::Object(top) = &case.schema else {
                continue;
            };
            let mut places: Vec<Vec<String>> = top.keys().map(|k| vec![k.clone()]).collect();
            if let Some(Value::Object(props)) = top.get("properties") {
                for (name, sub) in props {
                    if let Value::Object(sub) = sub {
                        places.extend(
                            sub.keys()
                                .map(|k| vec!["properties".into(), name.clone(), k.clone()]),
                        );
                    }
                }
            }
            for place in places {
                for w in &wrong {
                    let mut schema = case.schema.clone();
                    let mut at = &mut schema;
                    for key in &place[..place.len() - 1] {
                        at = &mut at[key.as_str()];
                    }
                    at[place[place.len() - 1].as_str()] = w.clone();
                    variants.push((
                        format!("{} / {} / {}", file.name, case.description, place.join("/")),
                        schema,
                    ));
                }
            }
        }
    }
    let mut panics = Vec::new();
    let mut refused = 0;
    let value = json!({"kept": "typed"});
    for (place, schema) in &variants {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let mut record = RecordState::new(Lang::En);
            record.set_remotes(suite.remotes.clone());
            record.set_value(value.clone());
            record.set_schema_later(schema);
            let compiled = record.compile_pending();
            record.all_problems();
            (
                compiled.is_err(),
                record.load_error().is_some(),
                record.value().get("kept").cloned(),
            )
        }));
        match outcome {
            Err(p) => panics.push(format!("{place}: {}", panic_text(&*p))),
            Ok((failed, shows_error, kept)) => {
                if failed {
                    refused += 1;
                    assert!(shows_error, "{place}: refused but no load error");
                }
                assert_eq!(
                    kept,
                    Some(json!("typed")),
                    "{place}: the value was not kept"
                );
            }
        }
    }
    println!(
        "rule-breaking: {} schemas drawn before compiling, {refused} refused, {} panics",
        variants.len(),
        panics.len()
    );
    assert!(
        variants.len() > 5000 && refused > 1000,
        "{} variants, {refused} refused",
        variants.len()
    );
    assert!(panics.is_empty(), "{}", panics.join("\n"));
}

/// Checks every test of one case against the compiled schema: `Ok` where the validator agrees
/// with the suite, `Err(why)` where it does not. A schema that fails to compile (or panics while
/// compiling) fails every test of its case, with the reason.
fn check(
    schema: &Value,
    remotes: &HashMap<String, Value>,
    tests: &[Test],
) -> Vec<Result<(), String>> {
    let compiled = match catch_unwind(|| Compiled::new(schema, remotes)) {
        Ok(Ok(compiled)) => compiled,
        Ok(Err(e)) => return vec![Err(format!("the schema does not compile: {e}")); tests.len()],
        Err(panic) => {
            let why = format!("compiling panicked: {}", panic_text(&*panic));
            return vec![Err(why); tests.len()];
        }
    };
    tests
        .iter()
        .map(
            |test| match catch_unwind(AssertUnwindSafe(|| compiled.is_valid(&test.data))) {
                Ok(valid) if valid == test.valid => Ok(()),
                Ok(valid) => Err(format!("expected valid={}, got valid={valid}", test.valid)),
                Err(panic) => Err(format!("validating panicked: {}", panic_text(&*panic))),
            },
        )
        .collect()
}

/// Lowers one case's schema and runs a record over each of its instances, catching any panic:
/// `Ok(diagnostics)` or `Err(what panicked)`. A schema the validator refuses is fine here (the
/// record shows a load error); only a panic breaks the promise.
fn lower_safely(case: &Case, remotes: &HashMap<String, Value>) -> Result<usize, String> {
    let diagnostics = catch_unwind(|| lower(&case.schema).1.len())
        .map_err(|p| format!("lower panicked: {}", panic_text(&*p)))?;
    catch_unwind(|| {
        let mut record = RecordState::new(Lang::En);
        record.set_remotes(remotes.clone());
        let _ = record.set_schema(&case.schema);
        for test in &case.tests {
            record.set_value(test.data.clone());
            record.all_problems();
        }
        // As an element does it: drawn first, compiled after.
        let mut later = RecordState::new(Lang::En);
        later.set_remotes(remotes.clone());
        later.set_schema_later(&case.schema);
        if let Some(test) = case.tests.first() {
            later.set_value(test.data.clone());
        }
        let _ = later.compile_pending();
        later.all_problems();
    })
    .map_err(|p| format!("the record panicked: {}", panic_text(&*p)))?;
    Ok(diagnostics)
}

/// The index of the expected-failure entry that covers this test, if any.
fn expected_failure(file: &str, case: &str, test: &str) -> Option<usize> {
    EXPECTED_FAILURES
        .iter()
        .position(|(f, c, t, _)| *f == file && *c == case && (*t == "*" || *t == test))
}

/// Fails when the suite was found but too little of it was read.
fn assert_enough(files: usize, tests: usize) {
    assert!(
        files >= MIN_FILES && tests >= MIN_TESTS,
        "only {tests} tests in {files} files were read from the suite; expected at least {MIN_TESTS} in {MIN_FILES}"
    );
}

/// The suite, or `None` (after saying why) where it is not on this machine. A path given in the
/// environment that holds no suite is a mistake, not a reason to skip; so is no suite in CI (`CI`
/// set), where a skip would pass a run that checked nothing.
fn load_suite(test: &str) -> Option<Suite> {
    let (root, from_env) = match std::env::var_os(SUITE_ENV) {
        Some(path) => (PathBuf::from(path), true),
        None => (
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/json-schema-test-suite"),
            false,
        ),
    };
    let tests_dir = root.join("tests/draft2020-12");
    if !tests_dir.is_dir() {
        assert!(
            !from_env,
            "{SUITE_ENV} is set to {}, which holds no tests/draft2020-12",
            root.display()
        );
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but there is no JSON-Schema-Test-Suite at {} (set {SUITE_ENV} to a checkout)",
            root.display()
        );
        println!(
            "{test}: skipped, no JSON-Schema-Test-Suite at {} (set {SUITE_ENV} to a checkout to run it)",
            root.display()
        );
        return None;
    }
    let mut files = Vec::new();
    for path in json_files(&tests_dir, false) {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        files.push(File {
            name,
            cases: cases(&read_json(&path), &path),
        });
    }
    let remotes_dir = root.join("remotes");
    let remotes = json_files(&remotes_dir, true)
        .into_iter()
        .map(|path| {
            let relative = path
                .strip_prefix(&remotes_dir)
                .expect("a remote lies under remotes/")
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (format!("{REMOTES_BASE}{relative}"), read_json(&path))
        })
        .collect();
    Some(Suite { files, remotes })
}

/// The `.json` files in `dir`, sorted so figures and failures come out in the same order every run;
/// with `deep`, those in every folder below it too.
fn json_files(dir: &Path, deep: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            if deep {
                out.extend(json_files(&path, true));
            }
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The cases of one test file. The suite's shape is fixed, so anything else is a broken file and
/// fails loudly rather than being skipped.
fn cases(file: &Value, path: &Path) -> Vec<Case> {
    let broken = |what: &str| -> ! { panic!("{}: {what}", path.display()) };
    let Some(cases) = file.as_array() else {
        broken("not an array of cases")
    };
    cases
        .iter()
        .map(|case| Case {
            description: text(case, "description")
                .unwrap_or_else(|| broken("a case has no description")),
            schema: case
                .get("schema")
                .cloned()
                .unwrap_or_else(|| broken("a case has no schema")),
            tests: case
                .get("tests")
                .and_then(Value::as_array)
                .unwrap_or_else(|| broken("a case has no tests"))
                .iter()
                .map(|test| Test {
                    description: text(test, "description")
                        .unwrap_or_else(|| broken("a test has no description")),
                    data: test
                        .get("data")
                        .cloned()
                        .unwrap_or_else(|| broken("a test has no data")),
                    valid: test
                        .get("valid")
                        .and_then(Value::as_bool)
                        .unwrap_or_else(|| broken("a test has no valid")),
                })
                .collect(),
        })
        .collect()
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// The message a panic carried, for the report.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with no message".to_owned())
}
