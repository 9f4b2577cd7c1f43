//! Small shared helpers: running commands, copying trees, hashing, formatting sizes and durations.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Errors are plain messages: xtask only ever prints them and exits.
pub type Result<T = ()> = std::result::Result<T, String>;

/// Where `cargo install` puts binaries (wasm-bindgen, wasm-bindgen-test-runner).
pub fn cargo_bin_dir() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
        });
    home.join("bin")
}

/// A command whose PATH starts with cargo's bin folder, so a freshly installed
/// wasm-bindgen is found (and used as the test runner) even if the caller's PATH lacks it.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut cmd = Command::new(program);
    let mut paths = vec![cargo_bin_dir()];
    if let Some(old) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&old));
    }
    if let Ok(joined) = std::env::join_paths(paths) {
        cmd.env("PATH", joined);
    }
    cmd
}

/// The cargo that runs us (so nested builds use the same toolchain), else `cargo`.
pub fn cargo() -> Command {
    command(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn describe(cmd: &Command) -> String {
    // `cargo`, not rustup's long toolchain path that $CARGO holds.
    let program = cmd.get_program();
    let mut s = if std::env::var_os("CARGO").is_some_and(|c| c == program) {
        "cargo".to_string()
    } else {
        program.to_string_lossy().into_owned()
    };
    for arg in cmd.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}

/// Runs a command with inherited stdio, echoing it first; fails on a non-zero exit.
pub fn run(cmd: &mut Command) -> Result {
    let line = describe(cmd);
    println!("$ {line}");
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// Runs a command quietly and returns its stdout; `None` if it cannot start or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Like [`output`] but returns the raw byte count of stdout (for compressed sizes).
pub fn output_len(cmd: &mut Command) -> Option<u64> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status.success().then_some(out.stdout.len() as u64)
}

/// Bytes free on the filesystem that holds `path`, from POSIX `df -Pk` (no crate needed);
/// `None` where `df` is missing or answers in a way we do not read.
pub fn disk_free(path: &Path) -> Option<u64> {
    df_available(&output(Command::new("df").arg("-Pk").arg(path))?)
}

/// The bytes available in `df -Pk`'s answer: a header, then
/// `filesystem 1024-blocks used available capacity mount`.
fn df_available(text: &str) -> Option<u64> {
    let available: u64 = text
        .lines()
        .nth(1)?
        .split_whitespace()
        .nth(3)?
        .parse()
        .ok()?;
    Some(available * 1024)
}

/// FNV-1a, 64 bit: enough to notice that a wasm file changed, and needs no crate.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Copies a directory tree into `dst` (merging), skipping names `skip` rejects. Returns files copied.
pub fn copy_tree(src: &Path, dst: &Path, skip: &dyn Fn(&Path) -> bool) -> io::Result<u64> {
    fs::create_dir_all(dst)?;
    let mut count = 0;
    for entry in fs::read_dir(src)? {
        let entry = entry?;
        let from = entry.path();
        if skip(&from) {
            continue;
        }
        let to = dst.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            count += copy_tree(&from, &to, skip)?;
        } else {
            fs::copy(&from, &to)?;
            count += 1;
        }
    }
    Ok(count)
}

/// Removes a file or a directory tree; a missing path is fine.
pub fn remove_any(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

pub fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 * 1024 {
        format!("{:.2} GiB", bytes as f64 / (1024.0 * 1024.0 * 1024.0))
    } else if bytes >= 1024 * 1024 {
        format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

pub fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

/// Reads `"key": "value"` from a small JSON file we write ourselves (no JSON crate needed).
pub fn json_string_field(text: &str, key: &str) -> Option<String> {
    let needle = format!("\"{key}\"");
    let after = &text[text.find(&needle)? + needle.len()..];
    let after = after
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    Some(after[..after.find('"')?].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_free_space_df_reports() {
        let df = "Filesystem     1024-blocks     Used Available Capacity Mounted on\n\
                  /dev/vda         264069732 12345678 293888 98% /\n";
        assert_eq!(df_available(df), Some(293_888 * 1024));
        assert_eq!(
            df_available("df: /nowhere: No such file or directory\n"),
            None
        );
    }

    #[test]
    fn fnv_known_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn reads_json_field() {
        let json = "{\n  \"name\": \"ourplan\",\n  \"version\" : \"0.1.0\"\n}";
        assert_eq!(json_string_field(json, "version").as_deref(), Some("0.1.0"));
        assert_eq!(json_string_field(json, "missing"), None);
    }
}
