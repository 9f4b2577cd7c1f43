//! Makes sure the external tools exist (wasm target, wasm-bindgen-cli, npm packages, Chromium),
//! installing what is missing so a fresh machine works unattended.

use crate::util::{self, Result, cargo, command, output, run};
use std::fs;
use std::path::Path;
use std::time::SystemTime;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// npm projects with a committed package-lock.json.
pub const NODE_TOOLS: &str = "xtask/node";
pub const E2E: &str = "tests/e2e";

/// What `build` and `demo` need.
pub fn ensure_build_tools() -> Result {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_npm(NODE_TOOLS)
}

/// What `test` needs: the build tools, fmt/clippy, the e2e packages, the FHIR check's Python
/// and Chromium.
pub fn ensure_test_tools() -> Result {
    ensure_build_tools()?;
    ensure_components()?;
    ensure_npm(E2E)?;
    ensure_fhir_checker()?;
    ensure_chromium()
}

/// Checks the active toolchain's sysroot rather than asking rustup, because that is
/// what rustc will actually use (rust-toolchain overrides included).
fn ensure_wasm_target() -> Result {
    let sysroot = output(command("rustc").args(["--print", "sysroot"]))
        .ok_or("cannot run `rustc --print sysroot`")?;
    let lib = Path::new(sysroot.trim()).join("lib/rustlib/wasm32-unknown-unknown");
    if lib.is_dir() {
        return Ok(());
    }
    run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// rustfmt and clippy are rustup components that minimal profiles leave out.
fn ensure_components() -> Result {
    let have = |sub: &str| output(cargo().args([sub, "--version"])).is_some();
    if have("fmt") && have("clippy") {
        return Ok(());
    }
    run(command("rustup").args(["component", "add", "rustfmt", "clippy"]))
}

/// The `wasm-bindgen` version in Cargo.lock: the CLI must match the crate exactly.
pub fn wasm_bindgen_version_in_lock() -> Result<String> {
    let lock = fs::read_to_string("Cargo.lock")
        .map_err(|e| format!("cannot read Cargo.lock ({e}); run `cargo generate-lockfile`"))?;
    let mut in_wasm_bindgen = false;
    for line in lock.lines().map(str::trim) {
        if line == "[[package]]" {
            in_wasm_bindgen = false;
        } else if line == "name = \"wasm-bindgen\"" {
            in_wasm_bindgen = true;
        } else if let Some(v) = line.strip_prefix("version = ").filter(|_| in_wasm_bindgen) {
            return Ok(v.trim_matches('"').to_string());
        }
    }
    Err("Cargo.lock has no `wasm-bindgen` package: does ourplan-elements depend on it?".into())
}

/// `wasm-bindgen --version` prints `wasm-bindgen 0.2.130`; None if it is not installed.
pub fn installed_wasm_bindgen() -> Option<String> {
    let out = output(command("wasm-bindgen").arg("--version"))?;
    out.split_whitespace().nth(1).map(str::to_string)
}

fn ensure_wasm_bindgen() -> Result {
    let wanted = wasm_bindgen_version_in_lock()?;
    let have = installed_wasm_bindgen();
    if have.as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    println!(
        "wasm-bindgen-cli {wanted} needed (found {}); installing (takes minutes)",
        have.as_deref().unwrap_or("none")
    );
    // No `--locked`: one of the CLI's locked dependencies is no longer on crates.io.
    // `--force`: reinstall even if cargo's records say this version is there (a binary may
    // have been deleted); we only get here when `wasm-bindgen` is missing or wrong anyway.
    run(cargo()
        .args(["install", "--force", "wasm-bindgen-cli"])
        .args(["--version", &wanted]))?;
    match installed_wasm_bindgen() {
        Some(v) if v == wanted => Ok(()),
        other => Err(format!(
            "installed wasm-bindgen-cli {wanted}, but `wasm-bindgen --version` says {other:?}: \
             is another wasm-bindgen earlier on PATH?"
        )),
    }
}

/// `npm ci` when node_modules is missing or older than the lock file. npm writes
/// node_modules/.package-lock.json at the end of every install, so its age is the install's.
pub fn ensure_npm(dir: &str) -> Result {
    let dir = Path::new(dir);
    let lock = modified(&dir.join("package-lock.json"))
        .ok_or_else(|| format!("{}/package-lock.json is missing", dir.display()))?;
    match modified(&dir.join("node_modules/.package-lock.json")) {
        Some(installed) if installed >= lock => return Ok(()),
        _ => {}
    }
    if output(command("npm").arg("--version")).is_none() {
        return Err("npm not found: install Node.js 20 or newer".into());
    }
    run(command("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir))
}

/// The Python environment of the independent FHIR R4 check (tests/fhir/check_r4.py, run by
/// tests/e2e/fhir.spec.mjs).
pub const FHIR_VENV: &str = "target/fhir-venv";
/// Its packages, every one pinned (dependencies too, installed with `--no-deps`).
const FHIR_REQUIREMENTS: &str = "tests/fhir/requirements.txt";

/// Makes the FHIR check's venv when it is missing or its requirements changed (a copy of the
/// requirements file inside the venv says what it holds), so a second run costs nothing.
fn ensure_fhir_checker() -> Result {
    let wanted = fs::read_to_string(FHIR_REQUIREMENTS)
        .map_err(|e| format!("cannot read {FHIR_REQUIREMENTS}: {e}"))?;
    let venv = Path::new(FHIR_VENV);
    let python = venv.join("bin/python");
    let stamp = venv.join("installed-requirements.txt");
    if python.exists() && fs::read_to_string(&stamp).is_ok_and(|had| had == wanted) {
        return Ok(());
    }
    if output(command("python3").arg("--version")).is_none() {
        return Err("python3 not found: the FHIR R4 check needs Python 3.8 or newer".into());
    }
    // A venv half made (or made for other requirements) is made again from nothing.
    let _ = fs::remove_dir_all(venv);
    run(command("python3").args(["-m", "venv", FHIR_VENV]))?;
    run(command(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(["--no-deps", "--requirement", FHIR_REQUIREMENTS]))?;
    fs::write(&stamp, wanted).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).ok()?.modified().ok()
}

/// Debian packages the tests use, each with a file that shows it is installed: Chromium and its
/// driver for the browser tests, and poppler's `pdftotext`/`pdftoppm` to read what Chromium
/// prints to PDF.
const DEBIAN_PACKAGES: &[(&str, &str)] = &[
    ("chromium", CHROMIUM),
    ("chromium-driver", CHROMEDRIVER),
    ("poppler-utils", "/usr/bin/pdftotext"),
    // The other engines (tests/e2e/engines.spec.mjs): Firefox ESR, and WebKitGTK's WebDriver,
    // which needs a display (Xvfb).
    ("firefox-esr", "/usr/bin/firefox-esr"),
    ("webkit2gtk-driver", "/usr/bin/WebKitWebDriver"),
    ("xvfb", "/usr/bin/xvfb-run"),
    ("xauth", "/usr/bin/xauth"),
];

/// A real WordPress for the plugin's test (tests/e2e/wordpress.spec.mjs): Debian's wordpress
/// (6.1), MariaDB and PHP's command line, installed without their recommends (no Apache).
const WORDPRESS_PACKAGES: &[(&str, &str)] = &[
    ("wordpress", "/usr/share/wordpress/wp-settings.php"),
    ("mariadb-server", "/usr/sbin/mariadbd"),
    ("php-cli", "/usr/bin/php"),
    ("php-mysql", "/usr/share/php8.2-mysql/mysql/mysqli.ini"),
];

fn ensure_chromium() -> Result {
    ensure_debian(DEBIAN_PACKAGES, &[])?;
    ensure_debian(WORDPRESS_PACKAGES, &["--no-install-recommends"])
}

/// Installs those of `packages` whose file is missing (as root; otherwise says how).
fn ensure_debian(packages: &[(&str, &str)], flags: &[&str]) -> Result {
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(_, file)| !Path::new(file).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let install = format!(
        "apt-get update && apt-get install -y {} {}",
        flags.join(" "),
        missing.join(" ")
    );
    if !is_root() {
        return Err(format!(
            "these Debian packages are needed; as root run:\n    {install}"
        ));
    }
    run(command("apt-get").arg("update"))?;
    run(command("apt-get")
        .args(["install", "-y"])
        .args(flags)
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    match packages.iter().find(|(_, file)| !Path::new(file).exists()) {
        None => Ok(()),
        Some((package, file)) => Err(format!(
            "apt-get ran but {file} (from {package}) is still missing"
        )),
    }
}

fn is_root() -> bool {
    output(command("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// The binaryen (wasm-opt) version npm installed, read from its package.json (cheap:
/// starting the 11 MB wasm-opt script just to ask its version takes a second).
pub fn wasm_opt_version() -> Option<String> {
    let text = fs::read_to_string(Path::new(NODE_TOOLS).join("node_modules/binaryen/package.json"));
    util::json_string_field(&text.ok()?, "version")
}
