//! `cargo xtask bench`: the release package's transfer sizes, then in headless Chromium
//! (tests/bench/run.mjs) the kit beside its peers (react-jsonschema-form, JSON Forms, SurveyJS,
//! Form.io, ajv) on the same generated forms, and the plan builder with a large plan. The peers
//! are installed from tests/bench/peers/package-lock.json and bundled with esbuild into
//! target/bench/peers/ (in the repository's own target/, where the server maps `/bench-peers/`).
//! Then memory over 1,000 mount/remove cycles (tests/bench/mount-cycles.mjs), and the slow phone
//! (tests/bench/slow.mjs: Lighthouse's mobile profile, files served brotli, the first paint drawn
//! by `ourplan render`).
//! Prints tables and writes `target/bench/results-<unix time>.json` and `target/bench/latest.json`.

use crate::pkg::{self, Profile};
use crate::util::{self, Result, cargo, command, run};
use crate::{serve, tools};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

const PKG: &str = "pkg";
const RUNNER: &str = "tests/bench/run.mjs";
/// 1,000 mount/remove cycles: JS heap and wasm memory after 100 and after 1,000.
const MOUNT_CYCLES: &str = "tests/bench/mount-cycles.mjs";
/// The peers' npm project (committed lockfile) and where their bundles go.
const PEERS: &str = "tests/bench/peers";
const PEERS_OUT: &str = "target/bench/peers";
const FLOOR_DATA: &str = "tests/bench/floor.mjs";
/// The slow phone: first paint, first key and a working form on Lighthouse's mobile profile.
const SLOW: &str = "tests/bench/slow.mjs";
/// Issue #24's targets (size, validate() against the floor, the slow phone), from the results.
const TARGETS: &str = "tests/bench/targets.mjs";
/// The `ourplan` command's throughput on 10,000 records.
const CLI_BENCH: &str = "tests/bench/cli.mjs";
/// The native validation floor (components/ourplan-core/examples/validation_floor.rs).
const FLOOR: [&str; 6] = [
    "-p",
    "ourplan-core",
    "--release",
    "-q",
    "--example",
    "validation_floor",
];

/// One file a host's page may fetch, in bytes.
struct Size {
    name: String,
    raw: u64,
    gzip: Option<u64>,
    brotli: Option<u64>,
}

pub fn bench() -> Result {
    let start = Instant::now();
    tools::ensure_build_tools()?;
    tools::ensure_npm(tools::E2E)?; // run.mjs drives Chromium through tests/e2e/harness.mjs
    if !Path::new(tools::CHROMIUM).exists() {
        return Err(format!(
            "{} is needed; as root run: apt-get update && apt-get install -y chromium \
             chromium-driver (or `cargo xtask test` once, which installs it)",
            tools::CHROMIUM
        ));
    }
    tools::ensure_npm(PEERS)?;
    pkg::build(Profile::Release)?;
    println!("\n==> bundling the peers with esbuild into {PEERS_OUT}/");
    run(command("node")
        .arg(Path::new(PEERS).join("build.mjs"))
        .arg(PEERS_OUT))?;

    let sizes = measure_sizes()?;
    print_sizes(&sizes);

    let out_dir = target_dir().join("bench");
    fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let browser_json = out_dir.join("browser.tmp.json");
    // The kit's sizes, for run.mjs's table of the kit beside the peers.
    let sizes_json = out_dir.join("sizes.tmp.json");
    fs::write(&sizes_json, sizes_object(&sizes, "  "))
        .map_err(|e| format!("cannot write {}: {e}", sizes_json.display()))?;
    let load_before = loadavg();
    let (port, _server) =
        serve::start(Path::new("."), 0).map_err(|e| format!("cannot start the server: {e}"))?;
    println!("\n==> browser benchmark (server on http://127.0.0.1:{port})");
    run(command("node")
        .arg(RUNNER)
        .arg(format!("http://127.0.0.1:{port}"))
        .arg(&browser_json)
        .arg(&sizes_json)
        .env("CHROMIUM", tools::CHROMIUM))?;
    util::remove_any(&sizes_json).map_err(|e| format!("{}: {e}", sizes_json.display()))?;
    let cycles_json = out_dir.join("mount-cycles.tmp.json");
    run(command("node")
        .arg(MOUNT_CYCLES)
        .arg(format!("http://127.0.0.1:{port}"))
        .arg(&cycles_json)
        .env("CHROMIUM", tools::CHROMIUM))?;
    println!(
        "\n==> the slow phone (Lighthouse's mobile profile; the first paint by `ourplan render`)"
    );
    let cli_bin = pkg::build_cli()?;
    // Second visits need what the first one fetched to be kept.
    serve::allow_caching();
    let slow_json = out_dir.join("slow.tmp.json");
    run(command("node")
        .arg(SLOW)
        .arg(format!("http://127.0.0.1:{port}"))
        .arg(&slow_json)
        .arg(&cli_bin)
        .env("CHROMIUM", tools::CHROMIUM))?;
    let load_after = loadavg();
    println!("\n==> validation floor (native; the kit's validator with nothing crossing from JS)");
    let floor_dir = out_dir.join("floor");
    // Built only now: compiling earlier would load the machine while the browser measures.
    run(cargo().arg("build").args(FLOOR))?;
    run(command("node").arg(FLOOR_DATA).arg(&floor_dir))?;
    run(cargo().arg("run").args(FLOOR).arg("--").arg(&floor_dir))?;
    let floor_json = floor_dir.join("floor.json");
    let floor =
        fs::read_to_string(&floor_json).map_err(|e| format!("{}: {e}", floor_json.display()))?;
    println!("\n==> the ourplan command (a council's server: a batch of records, one core)");
    let cli_json = out_dir.join("cli.tmp.json");
    run(command("node").arg(CLI_BENCH).arg(cli_bin).arg(&cli_json))?;
    let cli = fs::read_to_string(&cli_json).map_err(|e| format!("{}: {e}", cli_json.display()))?;
    util::remove_any(&cli_json).map_err(|e| format!("{}: {e}", cli_json.display()))?;
    let browser = fs::read_to_string(&browser_json)
        .map_err(|e| format!("{}: {e}", browser_json.display()))?;
    util::remove_any(&browser_json).map_err(|e| format!("{}: {e}", browser_json.display()))?;
    let cycles =
        fs::read_to_string(&cycles_json).map_err(|e| format!("{}: {e}", cycles_json.display()))?;
    util::remove_any(&cycles_json).map_err(|e| format!("{}: {e}", cycles_json.display()))?;
    let slow =
        fs::read_to_string(&slow_json).map_err(|e| format!("{}: {e}", slow_json.display()))?;
    util::remove_any(&slow_json).map_err(|e| format!("{}: {e}", slow_json.display()))?;

    let unix = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let date = util::output(command("date").args(["-u", "+%Y-%m-%dT%H:%M:%SZ"]))
        .map(|d| d.trim().to_string())
        .unwrap_or_default();
    let json = results_json(
        unix,
        &date,
        &load_before,
        &load_after,
        &sizes,
        &[
            ("browser", &browser),
            ("mountCycles", &cycles),
            ("slowPhone", &slow),
            ("cli", &cli),
            ("floor", &floor),
        ],
    );
    let results = out_dir.join(format!("results-{unix}.json"));
    let latest = out_dir.join("latest.json");
    for path in [&results, &latest] {
        fs::write(path, &json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    // Issue #24's targets, read back from the results just written.
    run(command("node").arg(TARGETS).arg(&results))?;
    println!(
        "\nload average: {load_before} (before the browser runs), {load_after} (after)\n\
         wrote {} and {}\nbench done in {}",
        results.display(),
        latest.display(),
        util::secs(start.elapsed())
    );
    Ok(())
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target"))
}

fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// What a host serves: every .js, .wasm and .css under pkg/ (type declarations excluded).
fn shipped_files(dir: &Path, found: &mut Vec<PathBuf>) -> Result {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for path in entries.flatten().map(|e| e.path()) {
        let name = path.to_string_lossy();
        if path.is_dir() {
            shipped_files(&path, found)?;
        } else if [".js", ".wasm", ".css"]
            .iter()
            .any(|ext| name.ends_with(ext))
            && !name.ends_with(".d.ts")
        {
            found.push(path);
        }
    }
    Ok(())
}

fn measure_sizes() -> Result<Vec<Size>> {
    let mut files = Vec::new();
    shipped_files(Path::new(PKG), &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(format!("no .js, .wasm or .css files in {PKG}/"));
    }
    // A brotli binary is rarely installed; Node's zlib always has brotli. One run for all files.
    let script = "const z=require('zlib'),fs=require('fs');for(const f of process.argv.slice(1))\
        console.log(z.brotliCompressSync(fs.readFileSync(f),{params:{\
        [z.constants.BROTLI_PARAM_QUALITY]:11,[z.constants.BROTLI_PARAM_SIZE_HINT]:fs.statSync(f).size}}).length)";
    let brotli: Vec<Option<u64>> = util::output(command("node").args(["-e", script]).args(&files))
        .map(|out| out.lines().map(|l| l.trim().parse().ok()).collect())
        .unwrap_or_default();
    let mut sizes = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let raw = fs::metadata(file)
            .map_err(|e| format!("{}: {e}", file.display()))?
            .len();
        let name = file
            .strip_prefix(PKG)
            .unwrap_or(file)
            .to_string_lossy()
            .into_owned();
        sizes.push(Size {
            name,
            raw,
            gzip: util::output_len(command("gzip").arg("-9").arg("-c").arg(file)),
            brotli: brotli.get(i).copied().flatten(),
        });
    }
    Ok(sizes)
}

/// The files only a page of records fetches (`ourplan-record.js`, issue #24): its entry point,
/// the flag it sets, and the record's own module.
const RECORD_PAGE_ONLY: [&str; 4] = [
    "ourplan-record.js",
    "record-only.js",
    "ourplan_record.js",
    "ourplan_record_bg.wasm",
];

/// What a page that imports ourplan.js fetches before the kit's first form renders: every file
/// but the record page's own. ourplan.js asks for the wasm, its glue and ourplan.css at once (the
/// stylesheet ships once, outside the wasm: issue #24). This is "the whole kit" of #24's target.
fn needed_for_first_render(name: &str) -> bool {
    !RECORD_PAGE_ONLY.contains(&name)
}

/// What a page that imports ourplan-record.js fetches: the same, with the record's module in
/// place of the whole kit's.
fn needed_for_record_page(name: &str) -> bool {
    RECORD_PAGE_ONLY.contains(&name) || !name.starts_with("ourplan_wasm")
}

fn total<'a>(sizes: impl Iterator<Item = &'a Size> + Clone) -> Size {
    let sum = |f: fn(&Size) -> Option<u64>| sizes.clone().map(f).sum::<Option<u64>>();
    Size {
        name: String::new(),
        raw: sizes.clone().map(|s| s.raw).sum(),
        gzip: sum(|s| s.gzip),
        brotli: sum(|s| s.brotli),
    }
}

fn print_sizes(sizes: &[Size]) {
    let kib = |n: Option<u64>| n.map_or_else(|| "?".to_string(), |n| format!("{:.1}", kib(n)));
    println!("\nBytes a host transfers (KiB; gzip -9, brotli quality 11)");
    println!(
        "  {:<40} {:>9} {:>9} {:>9}",
        "file", "raw", "gzip", "brotli"
    );
    let row = |name: &str, s: &Size| {
        println!(
            "  {name:<40} {:>9} {:>9} {:>9}",
            kib(Some(s.raw)),
            kib(s.gzip),
            kib(s.brotli)
        );
    };
    for s in sizes {
        row(&s.name, s);
    }
    row("total", &total(sizes.iter()));
    let first = sizes.iter().filter(|s| needed_for_first_render(&s.name));
    row("a page of ourplan.js, before its first form", &total(first));
    let record_page = sizes.iter().filter(|s| needed_for_record_page(&s.name));
    row("a page of ourplan-record.js, the same", &total(record_page));
    println!(
        "  (a page fetches all its files before its first form: the entry point asks for them at once)"
    );
}

fn kib(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_number(n: Option<u64>) -> String {
    n.map_or_else(|| "null".to_string(), |n| n.to_string())
}

fn size_json(s: &Size) -> String {
    format!(
        "{{\"raw\": {}, \"gzip\": {}, \"brotli\": {}}}",
        s.raw,
        json_number(s.gzip),
        json_number(s.brotli)
    )
}

/// The kit's sizes as a JSON object, each line after the first indented by `indent`.
fn sizes_object(sizes: &[Size], indent: &str) -> String {
    let files: Vec<String> = sizes
        .iter()
        .map(|s| format!("{indent}    {}: {}", json_string(&s.name), size_json(s)))
        .collect();
    let first: Vec<&Size> = sizes
        .iter()
        .filter(|s| needed_for_first_render(&s.name))
        .collect();
    let first_names: Vec<String> = first.iter().map(|s| json_string(&s.name)).collect();
    let record_page = sizes.iter().filter(|s| needed_for_record_page(&s.name));
    format!(
        "{{\n{indent}  \"units\": \"bytes\",\n{indent}  \"files\": {{\n{}\n{indent}  }},\n{indent}  \
         \"total\": {},\n{indent}  \"beforeFirstRender\": {},\n{indent}  \"beforeFirstRenderFiles\": [{}],\n{indent}  \
         \"recordPage\": {},\n{indent}  \
         \"note\": \"ourplan.js asks for the wasm, its glue and ourplan.css at once\"\n{indent}}}",
        files.join(",\n"),
        size_json(&total(sizes.iter())),
        size_json(&total(first.iter().copied())),
        first_names.join(", "),
        size_json(&total(record_page)),
    )
}

/// The results file: written by hand (xtask has no JSON crate); `browser` is run.mjs's JSON and
/// `mount_cycles` mount-cycles.mjs's.
fn results_json(
    unix: u64,
    date: &str,
    load_before: &str,
    load_after: &str,
    sizes: &[Size],
    parts: &[(&str, &str)],
) -> String {
    let mut out = format!(
        "{{\n  \"unixTime\": {unix},\n  \"date\": {},\n  \"loadavg\": {{\"before\": {}, \"after\": {}}},\n  \
         \"sizes\": {}",
        json_string(date),
        json_string(load_before),
        json_string(load_after),
        sizes_object(sizes, "  "),
    );
    for (name, json) in parts {
        out.push_str(&format!(",\n  \"{name}\": {}", json.trim()));
    }
    out.push_str("\n}\n");
    out
}
