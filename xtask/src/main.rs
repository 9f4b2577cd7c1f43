//! `cargo xtask`: the project's build, demo, test and packaging commands (argument parsing,
//! the ordered test steps and their timings). See `USAGE`.

mod bench;
mod pkg;
mod serve;
mod tools;
mod util;

use pkg::Profile;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};
use util::{Result, cargo, command, run};

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  demo [--port N] [--dev]  build pkg/ and serve the demo on http://127.0.0.1:8080 (or N)
  build [--dev]            build pkg/ (release: LTO + wasm-opt; --dev: quick, unoptimised)
  test                     every check, in CI order: fmt, clippy, native tests,
                           wasm tests in headless Chromium, release build, the ourplan
                           command, e2e tests
  dist                     release build, packed as target/dist/ourplan-<version>.tar.gz
  bench                    release build, then the kit beside its peers (RJSF, JSON Forms,
                           SurveyJS, Form.io, ajv) in headless Chromium: sizes, first render,
                           keystrokes, validation, memory, and the plan builder; prints tables
                           with ratios and writes target/bench/latest.json (OURPLAN_BENCH_*
                           variables for a quicker run: see tests/bench/run.mjs)
  help                     this text

Missing tools (wasm target, wasm-bindgen-cli, npm packages, Chromium for `test`)
are installed on first use.";

fn main() -> ExitCode {
    // Every path below is relative to the repository root, whatever the caller's folder.
    let root = repo_root();
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("xtask: cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

struct Options {
    dev: bool,
    port: u16,
}

/// Accepts only the flags `allowed` names, so a typo is an error, not a silent default.
fn parse_options(args: &[String], allowed: &[&str]) -> Result<Options> {
    let mut opts = Options {
        dev: false,
        port: 8080,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dev" if allowed.contains(&"--dev") => opts.dev = true,
            "--port" if allowed.contains(&"--port") => {
                let value = args.next().ok_or("--port needs a number")?;
                opts.port = value.parse().map_err(|_| format!("bad port `{value}`"))?;
            }
            other => return Err(format!("unexpected argument `{other}`\n\n{USAGE}")),
        }
    }
    Ok(opts)
}

fn profile(opts: &Options) -> Profile {
    if opts.dev {
        Profile::Dev
    } else {
        Profile::Release
    }
}

fn dispatch(args: &[String]) -> Result {
    let (command, rest) = args
        .split_first()
        .map_or(("help", &[][..]), |(c, r)| (c.as_str(), r));
    match command {
        "demo" => {
            let opts = parse_options(rest, &["--dev", "--port"])?;
            tools::ensure_build_tools()?;
            pkg::build(profile(&opts))?;
            // The first-paint page's form is drawn by the command (demo/first-paint.html).
            run(cargo().args(["build", "-p", "ourplan-cli", "--bin", "ourplan"]))?;
            demo(opts.port)
        }
        "build" => {
            let opts = parse_options(rest, &["--dev"])?;
            tools::ensure_build_tools()?;
            pkg::build(profile(&opts))
        }
        "test" => {
            parse_options(rest, &[])?;
            test()
        }
        "dist" => {
            parse_options(rest, &[])?;
            tools::ensure_build_tools()?;
            pkg::dist()
        }
        "bench" => {
            parse_options(rest, &[])?;
            bench::bench()
        }
        "help" | "-h" | "--help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
}

fn demo(port: u16) -> Result {
    let (port, server) = serve::start(Path::new("."), port)
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!("\nServing the demo on http://127.0.0.1:{port}/  (Ctrl-C to stop)");
    server
        .join()
        .map_err(|_| "the server thread panicked".to_string())
}

/// Runs the test steps in order, timing each, stopping at the first failure.
struct Steps {
    done: Vec<(&'static str, Duration)>,
}

impl Steps {
    fn step(&mut self, name: &'static str, f: impl FnOnce() -> Result) -> Result {
        println!("\n==> {name}");
        let start = Instant::now();
        let result = f();
        let took = start.elapsed();
        match result {
            Ok(()) => {
                println!("<== {name}: ok in {}", util::secs(took));
                self.done.push((name, took));
                Ok(())
            }
            Err(e) => Err(format!(
                "step `{name}` failed after {}: {e}{}",
                util::secs(took),
                disk_report()
            )),
        }
    }
}

/// Roughly what `cargo xtask test` writes to disk from a clean clone on a fresh machine, with some
/// room: target/ at its largest, the npm packages, the browsers and WordPress (about 4.9 GB,
/// docs/decisions/2026-12-06-ci-disk.md).
const DISK_NEEDED: u64 = 6 * 1024 * 1024 * 1024;

/// A line for a failed step: how much disk is left. A full disk shows up as anything from
/// "No space left on device" to a linker killed by a bus error (signal 7), never as itself.
fn disk_report() -> String {
    match util::disk_free(Path::new(".")) {
        Some(free) if free < DISK_NEEDED / 4 => format!(
            "\nxtask: only {} is free on this disk: the failure above is most likely the disk \
             filling up, not the code (a whole run needs about {}).",
            util::human_size(free),
            util::human_size(DISK_NEEDED)
        ),
        Some(free) => format!("\n({} free on this disk)", util::human_size(free)),
        None => String::new(),
    }
}

fn test() -> Result {
    // A run that will fill the disk says so first, rather than failing at a random step.
    if let Some(free) = util::disk_free(Path::new(".")) {
        println!("{} free on this disk", util::human_size(free));
        if free < DISK_NEEDED {
            println!(
                "xtask: warning: a whole run from a clean clone needs about {}, and only {} is free",
                util::human_size(DISK_NEEDED),
                util::human_size(free)
            );
        }
    }
    let mut steps = Steps { done: Vec::new() };
    steps.step("ensure tools", tools::ensure_test_tools)?;
    steps.step("fmt", || run(cargo().args(["fmt", "--all", "--check"])))?;
    steps.step("clippy", || {
        run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        run(cargo()
            .args(["clippy", "-p", "ourplan-elements", "-p", "ourplan-ui"])
            .args(["--target", "wasm32-unknown-unknown", "--", "-D", "warnings"]))
    })?;
    steps.step(
        "native tests",
        || run(cargo().args(["test", "--workspace"])),
    )?;
    steps.step("wasm tests (headless Chromium)", || {
        // wasm-bindgen-test-runner picks the browser from CHROMEDRIVER, and itself adds
        // --headless and --no-sandbox (needed as root) to Chromium's arguments.
        run(cargo()
            .args(["test", "--target", "wasm32-unknown-unknown"])
            .args(["-p", "ourplan-ui", "-p", "ourplan-elements"])
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))
    })?;
    steps.step("release build", || pkg::build(Profile::Release))?;
    // The `ourplan` command, for the parity test (tests/e2e/parity.spec.mjs) against the browser
    // and the first paint it draws (first-paint.spec.mjs, demo/first-paint.html).
    steps.step("command-line tool", || {
        run(cargo().args(["build", "-p", "ourplan-cli", "--bin", "ourplan"]))
    })?;

    let specs = spec_files(Path::new(tools::E2E));
    if specs.is_empty() {
        return Err(format!("no *.spec.mjs files in {}", tools::E2E));
    }
    let (port, _server) =
        serve::start(Path::new("."), 0).map_err(|e| format!("cannot start the server: {e}"))?;

    // Timings go first: CI reads the node test runner's closing lines, so they must be last.
    let total: Duration = steps.done.iter().map(|(_, d)| *d).sum();
    println!("\nTimings so far:");
    for (name, took) in &steps.done {
        println!("  {name:<32} {:>8}", util::secs(*took));
    }
    println!("  {:<32} {:>8}", "total", util::secs(total));
    println!("\n==> e2e tests (node --test, server on http://127.0.0.1:{port})");
    // Node 20's `node --test <dir>` ignores *.spec.mjs and globs need Node 21, so list them.
    run(command("node")
        .args(["--test", "--test-concurrency=1"])
        .args(&specs)
        .env("OURPLAN_BASE_URL", format!("http://127.0.0.1:{port}"))
        .env("CHROMIUM", tools::CHROMIUM))
}

/// `*.spec.mjs` under `dir` (node_modules excluded), sorted for a stable order.
fn spec_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            if !path.ends_with("node_modules") {
                found.extend(spec_files(&path));
            }
        } else if path.to_string_lossy().ends_with(".spec.mjs") {
            found.push(path);
        }
    }
    found.sort();
    found
}
