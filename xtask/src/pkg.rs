//! Builds the npm package in pkg/ (the element contract → cargo → wasm-bindgen → wasm-opt →
//! copies), with a stamp cache so an unchanged build takes seconds, and packs it for `dist`.

use crate::tools;
use crate::util::{self, Result, cargo, command, human_size, remove_any, run};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

const PKG: &str = "pkg";
const STAMP: &str = "pkg/.build-stamp";
const JS_DIR: &str = "components/ourplan-elements/js";
/// Writes custom-elements.json, ourplan.d.ts and the README's element tables from the JSDoc in
/// `JS_DIR` (with @custom-elements-manifest/analyzer, from `tools::NODE_TOOLS`).
const CONTRACT: &str = "xtask/node/contract.mjs";
/// Writes pkg/ourplan.js from the element modules, as one file.
const BUNDLE: &str = "xtask/node/bundle.mjs";
const CSS: &str = "components/ourplan-ui/src/style.css";
const SCHEMAS: &str = "schemas";
/// Hand-written files kept in git; everything else in pkg/ is build output.
const KEEP: [&str; 2] = ["package.json", "README.md"];

/// The post-MVP features Rust 1.95 enables by default for wasm32-unknown-unknown (its
/// `target_features` section lists exactly these). Binaryen 132 also reads that section, but
/// naming them keeps wasm-opt from rejecting or lowering the module if a tool drops it.
const WASM_OPT_FEATURES: [&str; 8] = [
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-call-indirect-overlong",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

/// Inline functions of up to 6 instructions (`-Oz` alone inlines up to 2). V8 compiles each
/// wasm function on the main thread at its first call, and a tiny function costs about as much
/// to compile as a small one: a 1,000-field record's first render compiled 657 functions
/// instead of 699, and the module is 1.6 KiB smaller in brotli (ARCHITECTURE, "Drawing before
/// compiling"). A limit of 8 compiled 634-678 for 1.8 KiB more; 12 grew the module by 6.8 KiB.
const WASM_OPT_INLINE: [&str; 2] = ["--always-inline-max-function-size", "6"];

#[derive(Clone, Copy, PartialEq)]
pub enum Profile {
    /// LTO, opt-level z, then wasm-opt -Oz: what ships.
    Release,
    /// `wasm-dev`: no LTO, no wasm-opt, for quick iteration.
    Dev,
}

impl Profile {
    fn dir(self) -> &'static str {
        match self {
            Profile::Release => "release",
            Profile::Dev => "wasm-dev",
        }
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target"))
}

/// The wasm modules in pkg/: the elements crate's features, and wasm-bindgen's name for the
/// files (`<name>.js`, `<name>_bg.wasm`). The whole kit, which ourplan.js loads; and the
/// record's own, without the plan builder, for pages that import ourplan-record.js (issue #24;
/// docs/decisions/2026-12-06-lighter-module-record-pages.md).
const MODULES: [(&str, &str); 2] = [
    ("record,plan,validator", "ourplan_wasm"),
    ("record,validator", "ourplan_record"),
];

/// Builds pkg/. Assumes `tools::ensure_build_tools` ran.
pub fn build(profile: Profile) -> Result {
    let start = Instant::now();
    write_contract()?;
    let out_dir = target_dir()
        .join("wasm32-unknown-unknown")
        .join(profile.dir());
    let mut stamp = format!(
        "profile={}\nwasm-bindgen={}\nwasm-opt={} {} {}\nglue={}\n",
        profile.dir(),
        tools::installed_wasm_bindgen().unwrap_or_default(),
        tools::wasm_opt_version().unwrap_or_default(),
        WASM_OPT_FEATURES.join(" "),
        WASM_OPT_INLINE.join(" "),
        GLUE_PATCH,
    );
    let mut built = Vec::new();
    for (features, name) in MODULES {
        // `--crate-type cdylib` overrides the crate's ["cdylib", "rlib"]: with both, cargo
        // silently skips LTO (cargo#9672) and the wasm grows about 7%.
        let mut cmd = cargo();
        cmd.args(["rustc", "-p", "ourplan-elements", "--lib"]);
        match profile {
            Profile::Release => cmd.arg("--release"),
            Profile::Dev => cmd.args(["--profile", "wasm-dev"]),
        };
        run(cmd.args([
            "--target",
            "wasm32-unknown-unknown",
            "--crate-type",
            "cdylib",
            "--no-default-features",
            "--features",
            features,
        ]))?;
        // Each build writes the same file: keep this one under its own name.
        let wasm = out_dir.join(format!("{name}.wasm"));
        fs::copy(out_dir.join("ourplan_elements.wasm"), &wasm)
            .map_err(|e| format!("cannot copy the wasm to {}: {e}", wasm.display()))?;
        let bytes = fs::read(&wasm).map_err(|e| format!("cannot read {}: {e}", wasm.display()))?;
        stamp.push_str(&format!(
            "{name}: features={features} bytes={} fnv1a64={:016x}\n",
            bytes.len(),
            util::fnv1a64(&bytes)
        ));
        built.push((wasm, name));
    }

    let outputs_exist = MODULES.iter().all(|(_, name)| {
        [format!("{name}.js"), format!("{name}_bg.wasm")]
            .iter()
            .all(|f| Path::new(PKG).join(f).exists())
    });
    if outputs_exist && fs::read_to_string(STAMP).ok().as_deref() == Some(stamp.as_str()) {
        println!(
            "wasm unchanged since the last {} build: skipping wasm-bindgen and wasm-opt",
            profile.dir()
        );
    } else {
        clean_pkg()?;
        for (wasm, name) in &built {
            bindgen_and_opt(wasm, name, profile)?;
        }
        // Written last, so an interrupted build is redone next time.
        fs::write(STAMP, stamp).map_err(|e| format!("cannot write {STAMP}: {e}"))?;
    }
    copy_assets()?;
    for (_, name) in MODULES {
        print_sizes(name);
    }
    println!(
        "pkg/ built ({}) in {}",
        profile.dir(),
        util::secs(start.elapsed())
    );
    Ok(())
}

/// Brings the files written from the element contract up to date (about 0.6 s). Under CI (`CI`
/// set, as CI runners set it) it only checks them, as insta does its snapshots: a build that
/// wrote them there would make the contract spec's own check pass whatever was committed.
fn write_contract() -> Result {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    let mut cmd = command("node");
    cmd.arg(CONTRACT);
    if ci {
        cmd.arg("--check");
    }
    run(&mut cmd)
}

/// Removes old build output (stale snippets, renamed files) but keeps the git-tracked files.
fn clean_pkg() -> Result {
    let err = |e: std::io::Error| format!("cleaning {PKG}/: {e}");
    fs::create_dir_all(PKG).map_err(err)?;
    for entry in fs::read_dir(PKG).map_err(err)? {
        let entry = entry.map_err(err)?;
        if !KEEP.iter().any(|k| entry.file_name() == *k) {
            remove_any(&entry.path()).map_err(err)?;
        }
    }
    Ok(())
}

fn bindgen_and_opt(wasm: &Path, name: &str, profile: Profile) -> Result {
    run(command("wasm-bindgen")
        .args(["--target", "web", "--out-dir", PKG, "--out-name", name])
        .arg(wasm))?;
    let glue = format!("{PKG}/{name}.js");
    let text = fs::read_to_string(&glue).map_err(|e| format!("cannot read {glue}: {e}"))?;
    fs::write(&glue, patch_glue(&text)?).map_err(|e| format!("cannot write {glue}: {e}"))?;
    if profile == Profile::Release {
        let out = format!("{PKG}/{name}_bg.wasm");
        let wasm_opt = Path::new(tools::NODE_TOOLS).join("node_modules/.bin/wasm-opt");
        run(command(wasm_opt)
            .arg("-Oz")
            .args(WASM_OPT_FEATURES)
            .args(WASM_OPT_INLINE)
            .args([out.as_str(), "-o", out.as_str()]))?;
    }
    Ok(())
}

/// Which `patch_glue` the build stamp records (a new patch redoes wasm-bindgen's output).
const GLUE_PATCH: u32 = 2;

/// How wasm-bindgen's glue reads a string out of wasm memory (0.2.130): every string through
/// `TextDecoder.decode`.
const STRING_READ: &str = "function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}";

/// The same, reading a short ASCII string byte by byte. Drawing a form hands JS tens of thousands
/// of short strings (tag and attribute names, ids, classes, labels), and `TextDecoder.decode` costs
/// about a microsecond each however short: first render at 1,000 fields 548 -> 511 ms to the last
/// input (median of 12 loads each, alternating builds). Anything else, Welsh letters included,
/// still goes through `TextDecoder`.
const STRING_READ_FAST: &str = "function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    if (len < 64) {
        const mem = getUint8ArrayMemory0();
        let out = '';
        for (let i = ptr, end = ptr + len; i < end; i++) {
            const c = mem[i];
            if (c > 127) return decodeText(mem.subarray(ptr, ptr + len));
            out += String.fromCharCode(c);
        }
        return out;
    }
    return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}";

/// How the glue hands JS's `element.namespaceURI` to Rust (0.2.130): as a new string in wasm
/// memory every time.
const NAMESPACE_READ: &str = "            const ret = arg1.namespaceURI;
            var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(";

/// The same, answering "none" for the HTML namespace. Yew asks for a parent's namespace twice for
/// every element it creates (is it inside SVG? inside MathML?): 13,000 strings copied into wasm
/// memory, allocated and freed for a 1,000-field form. Every caller in the dependency tree
/// (yew 0.23 `dom_bundle/btag` and `dom_bundle/braw`; nothing in ours) compares the answer with
/// the SVG or MathML namespace only, so "none" means the same to them as the HTML namespace.
/// First render at 1,000 fields: about 45 ms less to the last input (median of 11 loads each,
/// alternating builds). If a dependency ever needs the HTML namespace itself, drop this patch.
const NAMESPACE_READ_FAST: &str = "            const ret = arg1.namespaceURI;
            var ptr1 = isLikeNone(ret) || ret === 'http://www.w3.org/1999/xhtml' ? 0 : passStringToWasm0(";

/// The patches `patch_glue` makes: (what it looks for, what it puts there, what it is).
const GLUE_PATCHES: [(&str, &str, &str); 2] = [
    (STRING_READ, STRING_READ_FAST, "getStringFromWasm0"),
    (
        NAMESPACE_READ,
        NAMESPACE_READ_FAST,
        "the namespaceURI import",
    ),
];

/// Patches wasm-bindgen's glue (see `STRING_READ_FAST`, `NAMESPACE_READ_FAST`). Fails when the
/// glue no longer has what a patch expects, exactly once (a new wasm-bindgen): look at the new
/// glue before patching it again.
fn patch_glue(glue: &str) -> Result<String> {
    let mut out = glue.to_string();
    for (from, to, what) in GLUE_PATCHES {
        match out.matches(from).count() {
            1 => out = out.replacen(from, to, 1),
            n => {
                return Err(format!(
                    "the wasm glue has {n} copies of {what} as xtask/src/pkg.rs expects it \
                     (wasm-bindgen changed?): update patch_glue for the new glue"
                ));
            }
        }
    }
    Ok(out)
}

/// The cheap part, always redone: the JS modules as one file, the contract files written from
/// them, the stylesheet, the schemas.
fn copy_assets() -> Result {
    let pkg = Path::new(PKG);
    let js_dir = Path::new(JS_DIR);
    if !js_dir.join("ourplan.js").is_file() {
        return Err(format!(
            "{JS_DIR}/ourplan.js is missing: it is the package's entry point"
        ));
    }
    let copy_err = |what: &str, e: std::io::Error| format!("copying {what}: {e}");
    // The modules ship as one file (see xtask/node/bundle.mjs); the contract's files beside it.
    run(command("node").args([
        BUNDLE,
        &format!("{JS_DIR}/ourplan.js"),
        &format!("{PKG}/ourplan.js"),
    ]))?;
    // The record pages' entry point: ourplan.js after a flag that picks the record's module.
    for file in [
        "ourplan.d.ts",
        "custom-elements.json",
        "ourplan-record.js",
        "record-only.js",
        "ourplan-record.d.ts",
    ] {
        fs::copy(js_dir.join(file), pkg.join(file)).map_err(|e| copy_err(file, e))?;
    }
    fs::copy(CSS, pkg.join("ourplan.css")).map_err(|e| copy_err(CSS, e))?;
    // Replaced, not merged, so a deleted schema does not linger in the package.
    remove_any(&pkg.join("schemas")).map_err(|e| copy_err(SCHEMAS, e))?;
    if Path::new(SCHEMAS).is_dir() {
        util::copy_tree(Path::new(SCHEMAS), &pkg.join("schemas"), &|_| false)
            .map_err(|e| copy_err(SCHEMAS, e))?;
    }
    Ok(())
}

/// Raw, gzip and brotli sizes of the wasm: the number users pay for.
fn print_sizes(name: &str) {
    let wasm = format!("{PKG}/{name}_bg.wasm");
    let raw = fs::metadata(&wasm).map(|m| m.len()).unwrap_or(0);
    let gzip = util::output_len(command("gzip").args(["-9", "-c", &wasm]));
    // A brotli binary is rarely installed; Node's zlib always has brotli.
    let brotli = util::output_len(command("brotli").args(["-c", "-q", "11", &wasm])).or_else(|| {
        let script = "const z=require('zlib');process.stdout.write(String(z.brotliCompressSync(\
            require('fs').readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))";
        util::output(command("node").args(["-e", script, &wasm]))?.trim().parse().ok()
    });
    let show = |n: Option<u64>| n.map_or_else(|| "?".to_string(), human_size);
    println!(
        "{wasm}: {} raw, {} gzip -9, {} brotli -q 11",
        human_size(raw),
        show(gzip),
        show(brotli)
    );
}

/// `target/dist/ourplan-<version>.tar.gz` with a top folder `ourplan-<version>/`.
/// Builds the `ourplan` command natively with the `cli` profile; returns where it is.
pub fn build_cli() -> Result<PathBuf> {
    run(cargo().args([
        "build",
        "--profile",
        "cli",
        "-p",
        "ourplan-cli",
        "--bin",
        "ourplan",
    ]))?;
    Ok(target_dir().join("cli").join("ourplan"))
}

pub fn dist() -> Result {
    build(Profile::Release)?;
    let manifest =
        fs::read_to_string("pkg/package.json").map_err(|e| format!("pkg/package.json: {e}"))?;
    let version =
        util::json_string_field(&manifest, "version").ok_or("pkg/package.json has no version")?;
    let name = format!("ourplan-{version}");
    let dist = target_dir().join("dist");
    let staging = dist.join(&name);
    let err = |e: std::io::Error| format!("staging {}: {e}", staging.display());
    remove_any(&staging).map_err(err)?;
    let is_stamp = |p: &Path| p.file_name().is_some_and(|n| n == ".build-stamp");
    util::copy_tree(Path::new(PKG), &staging, &is_stamp).map_err(err)?;
    // The `ourplan` command for a council's server (Linux x86-64, as this machine builds it),
    // beside the package: `bin/ourplan`.
    let built = build_cli()?;
    let bin = staging.join("bin");
    fs::create_dir_all(&bin).map_err(err)?;
    fs::copy(built, bin.join("ourplan")).map_err(err)?;
    // The WordPress plugin (hosts/wordpress/ourplan) with the package and the record schemas
    // inside it, as a folder and as the zip that WordPress's "Upload Plugin" takes.
    let wordpress = staging.join("wordpress");
    let plugin = wordpress.join("ourplan");
    let none = |_: &Path| false;
    util::copy_tree(Path::new("hosts/wordpress/ourplan"), &plugin, &none).map_err(err)?;
    // The package's own copy of the schemas is left out: the plugin keeps the record schemas
    // in schemas/records (below), the one place it looks.
    let pkg_schemas = Path::new(PKG).join("schemas");
    let code_only = |p: &Path| is_stamp(p) || p == pkg_schemas;
    util::copy_tree(Path::new(PKG), &plugin.join("pkg"), &code_only).map_err(err)?;
    util::copy_tree(
        Path::new("schemas/records"),
        &plugin.join("schemas/records"),
        &none,
    )
    .map_err(err)?;
    run(command("zip")
        .args(["-q", "-r", "-X", "ourplan.zip", "ourplan"])
        .current_dir(&wordpress))
    .map_err(|e| format!("{e} (the plugin's zip needs zip: apt-get install zip)"))?;

    let archive = dist.join(format!("{name}.tar.gz"));
    // Fixed owner and order so two packs of the same files list the same way.
    run(command("tar")
        .args(["--sort=name", "--owner=0", "--group=0", "--numeric-owner"])
        .arg("-czf")
        .arg(&archive)
        .arg("-C") // GNU tar applies -C to the names after it, not to -f
        .arg(&dist)
        .arg(&name))?;
    remove_any(&staging).map_err(err)?;
    let size = fs::metadata(&archive)
        .map_err(|e| format!("{}: {e}", archive.display()))?
        .len();
    println!("{} ({})", archive.display(), human_size(size));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glue_is_patched_once_or_the_build_stops() {
        let glue = format!("a\n{STRING_READ}\nb\n{NAMESPACE_READ}wasm.x);\n");
        let patched = patch_glue(&glue).unwrap();
        assert!(patched.contains(STRING_READ_FAST) && !patched.contains(STRING_READ));
        assert!(patched.contains(NAMESPACE_READ_FAST) && !patched.contains(NAMESPACE_READ));
        assert!(patch_glue(&patched).is_err(), "patching twice");
        assert!(
            patch_glue(&format!("{STRING_READ}\n")).is_err(),
            "one patch missing"
        );
        assert!(patch_glue("function getStringFromWasm0(p, l) {}").is_err());
    }
}
