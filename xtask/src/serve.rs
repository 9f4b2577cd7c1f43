//! A small static HTTP server for the demo and the e2e tests (std only: one thread per
//! connection, `Connection: close`), plus `POST /echo` for form tests.
//!
//! Routes: `/pkg/…` → pkg/, `/schemas/…` → schemas/, `/bench-peers/…` → target/bench/peers/
//! (the peer libraries `cargo xtask bench` bundles), anything else → demo/.
//! `demo/<name>.headers` adds its `Header: value` lines to the response for `demo/<name>.html`.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Forms in the tests are small; this only stops a runaway upload from eating memory.
const MAX_BODY: usize = 1 << 20;

/// Binds 127.0.0.1:`port` (0 picks a free port) and serves `root` (the repo root) on a
/// background thread. Returns the port actually bound.
pub fn start(root: &Path, port: u16) -> io::Result<(u16, JoinHandle<()>)> {
    // For timing second visits by hand against `cargo xtask demo` (tests/bench/slow.mjs).
    if std::env::var_os("OURPLAN_SERVE_CACHE").is_some() {
        allow_caching();
    }
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let port = listener.local_addr()?.port();
    let root = root.to_path_buf();
    let handle = thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            // Errors are the client's (it hung up, sent garbage): nothing to do but drop it.
            thread::spawn(move || drop(handle(stream, &root)));
        }
    });
    Ok((port, handle))
}

struct Response {
    status: &'static str,
    content_type: &'static str,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn text(status: &'static str, body: &str) -> Self {
        let headers = Vec::new();
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            headers,
            body: body.into(),
        }
    }
}

fn handle(stream: TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));

    let (mut content_length, mut content_type) = (0usize, String::new());
    let mut brotli = false;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => content_length = value.trim().parse().unwrap_or(0),
                "content-type" => content_type = value.trim().to_string(),
                "accept-encoding" => brotli = value.split(',').any(|e| e.trim().starts_with("br")),
                _ => {}
            }
        }
    }

    let path = target.split(['?', '#']).next().unwrap_or("/");
    let response = match method {
        "GET" | "HEAD" => {
            let mut response = serve_file(root, path, target);
            if brotli {
                precompressed(root, path, &mut response);
            }
            response
        }
        "POST" if path.ends_with(".html") => {
            if content_length > MAX_BODY {
                Response::text("413 Payload Too Large", "body too large\n")
            } else {
                let mut body = vec![0; content_length];
                reader.read_exact(&mut body)?;
                posted_page(root, path, &body)
            }
        }
        "POST" if path == "/echo" => {
            if content_length > MAX_BODY {
                Response::text("413 Payload Too Large", "body too large\n")
            } else {
                let mut body = vec![0; content_length];
                reader.read_exact(&mut body)?;
                echo(&content_type, &body)
            }
        }
        _ => Response::text("405 Method Not Allowed", "method not allowed\n"),
    };
    write_response(stream, &response, method == "HEAD")
}

fn write_response(mut stream: TcpStream, r: &Response, head_only: bool) -> io::Result<()> {
    let caching = if CACHING.load(Ordering::Relaxed) {
        "max-age=3600"
    } else {
        "no-store"
    };
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: {caching}\r\nConnection: close\r\n",
        r.status,
        r.content_type,
        r.body.len()
    );
    for (name, value) in &r.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&r.body)?;
    }
    stream.flush()
}

/// Whether responses may be cached (`cargo xtask bench`'s second visits); otherwise, and by
/// default, nothing is (`no-store`), so a rebuilt package is always what a test gets.
static CACHING: AtomicBool = AtomicBool::new(false);

/// Lets browsers cache what this process's servers send, for an hour.
pub fn allow_caching() {
    CACHING.store(true, Ordering::Relaxed);
}

/// A file's brotli twin (`<file>.br`, written by `cargo xtask bench`), sent in its place to a
/// browser that accepts brotli, as a well-set host sends its pre-compressed files. A twin older
/// than its file is stale and ignored.
fn precompressed(root: &Path, path: &str, response: &mut Response) {
    if !response.status.starts_with("200") {
        return;
    }
    let Some(file) = resolve(root, path) else {
        return;
    };
    let mut twin = file.clone().into_os_string();
    twin.push(".br");
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh =
        matches!((modified(Path::new(&twin)), modified(&file)), (Some(t), Some(f)) if t >= f);
    if !fresh {
        return;
    }
    if let Ok(body) = fs::read(&twin) {
        response.body = body;
        response
            .headers
            .push(("Content-Encoding".into(), "br".into()));
        response
            .headers
            .push(("Vary".into(), "Accept-Encoding".into()));
    }
}

/// Maps a URL path to a file, refusing anything that could leave the served folders.
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let decoded = String::from_utf8(percent_decode(path, false)).ok()?;
    let segments: Vec<&str> = decoded
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    if segments
        .iter()
        .any(|s| *s == ".." || s.contains(['\\', '\0']))
    {
        return None;
    }
    let (mut file, rest) = match segments.first() {
        Some(&"pkg") => (root.join("pkg"), &segments[1..]),
        Some(&"schemas") => (root.join("schemas"), &segments[1..]),
        Some(&"bench-peers") => (root.join("target/bench/peers"), &segments[1..]),
        // The engine journeys' logger (see `with_logger`).
        Some(&"_engines") => (root.join("tests/e2e/engines"), &segments[1..]),
        _ => (root.join("demo"), &segments[..]),
    };
    file.extend(rest);
    Some(file)
}

fn serve_file(root: &Path, path: &str, target: &str) -> Response {
    let Some(mut file) = resolve(root, path) else {
        return Response::text("400 Bad Request", "bad path\n");
    };
    if file.is_dir() {
        if !path.ends_with('/') {
            // So the page's relative links resolve inside the folder.
            let location = target.replacen(path, &format!("{path}/"), 1);
            let mut r = Response::text("301 Moved Permanently", "moved\n");
            r.headers.push(("Location".into(), location));
            return r;
        }
        file.push("index.html");
    }
    let Ok(mut body) = fs::read(&file) else {
        return Response::text("404 Not Found", "not found\n");
    };
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mut headers = Vec::new();
    if ext == "html" && target.contains("ourplan-log") {
        body = with_logger(&body);
    }
    if ext == "html" {
        body = with_rendered(root, &body);
    }
    if ext == "html" {
        // e.g. a strict Content-Security-Policy for one demo page.
        if let Ok(extra) = fs::read_to_string(file.with_extension("headers")) {
            headers.extend(extra.lines().filter_map(|l| {
                let (name, value) = l.split_once(':')?;
                let name = name.trim();
                (!name.is_empty() && !name.starts_with('#'))
                    .then(|| (name.into(), value.trim().into()))
            }));
        }
    }
    Response {
        status: "200 OK",
        content_type: content_type(ext),
        headers,
        body,
    }
}

/// `page` with the engine journeys' logger (`tests/e2e/engines/log.js`) as its first script: a
/// same-origin classic script, so a strict CSP allows it and it runs before any module. It records
/// console errors, uncaught errors and CSP violations for drivers that cannot listen to the page
/// (WebKitGTK's WebDriver has no BiDi). Only pages asked for with `?ourplan-log` get it.
fn with_logger(page: &[u8]) -> Vec<u8> {
    const TAG: &[u8] = b"<script src=\"/_engines/log.js\"></script>";
    let at = page
        .windows(6)
        .position(|w| w.eq_ignore_ascii_case(b"<head>"))
        .map_or(0, |i| i + 6);
    [&page[..at], TAG, &page[at..]].concat()
}

/// The marker of a server-drawn part in a demo page: `<!--#ourplan ARGS-->` is replaced with
/// what `ourplan ARGS` prints (run in the repository's root), as a council's own server would
/// call the command. Only demo pages, which are ours, have markers.
const RENDER_MARK: &[u8] = b"<!--#ourplan ";

/// `page` with each `<!--#ourplan ARGS-->` replaced by the command's output. Without the command
/// (not built yet), the marker stays and the kit draws the form itself when it arrives.
fn with_rendered(root: &Path, page: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(page.len());
    let mut rest = page;
    while let Some(at) = rest
        .windows(RENDER_MARK.len())
        .position(|w| w == RENDER_MARK)
    {
        let Some(len) = rest[at..].windows(3).position(|w| w == b"-->") else {
            break;
        };
        out.extend_from_slice(&rest[..at]);
        let args = String::from_utf8_lossy(&rest[at + RENDER_MARK.len()..at + len]).into_owned();
        match std::process::Command::new(cli(root))
            .args(args.split_whitespace())
            .current_dir(root)
            .output()
        {
            // Exit code 2 still draws the kit's message in place of the form.
            Ok(run) if !run.stdout.is_empty() => out.extend_from_slice(&run.stdout),
            _ => out.extend_from_slice(&rest[at..at + len + 3]),
        }
        rest = &rest[at + len + 3..];
    }
    out.extend_from_slice(rest);
    out
}

/// How a demo page takes a form sent to it: `<!--#ourplan-post ARGS-->` (`assemble …`), run with
/// the body on standard input, as a council's server would run it.
const POST_MARK: &[u8] = b"<!--#ourplan-post ";

/// The command (`OURPLAN_CLI`, else the debug build).
fn cli(root: &Path) -> PathBuf {
    std::env::var_os("OURPLAN_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/debug/ourplan"))
}

/// `mark`'s arguments in `page` and where the whole comment is.
fn marker(page: &[u8], mark: &[u8]) -> Option<(String, std::ops::Range<usize>)> {
    let at = page.windows(mark.len()).position(|w| w == mark)?;
    let len = page[at..].windows(3).position(|w| w == b"-->")?;
    let args = String::from_utf8_lossy(&page[at + mark.len()..at + len]).into_owned();
    Some((args, at..at + len + 3))
}

/// A form sent to a demo page without JavaScript (or by the kit): `ourplan assemble` turns it
/// into the record and checks it. A record accepted is shown back; otherwise the page comes back
/// with the form drawn again (problems showing, or what a button asked for).
fn posted_page(root: &Path, path: &str, body: &[u8]) -> Response {
    let Some(file) = resolve(root, path) else {
        return Response::text("400 Bad Request", "bad path\n");
    };
    let Ok(page) = fs::read(&file) else {
        return Response::text("404 Not Found", "not found\n");
    };
    let Some((args, _)) = marker(&page, POST_MARK) else {
        return Response::text("405 Method Not Allowed", "this page takes no form\n");
    };
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let drawn = std::env::temp_dir().join(format!(
        "ourplan-demo-{}-{}.html",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let run = std::process::Command::new(cli(root))
        .args(args.split_whitespace())
        .arg("--page")
        .arg(&drawn)
        .arg("-")
        .current_dir(root)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            if let Some(mut stdin) = child.stdin.take() {
                stdin.write_all(body)?;
            }
            child.wait_with_output()
        });
    let again = fs::read(&drawn).ok();
    let _ = fs::remove_file(&drawn);
    let Ok(run) = run else {
        return Response::text(
            "500 Internal Server Error",
            "the ourplan command could not run\n",
        );
    };
    let verdict = String::from_utf8_lossy(&run.stdout).into_owned();
    match (run.status.code(), again) {
        (Some(0), _) => received(&verdict),
        (Some(1), Some(again)) => {
            let mut page = page;
            if let Some((_, at)) = marker(&page, RENDER_MARK) {
                page.splice(at, again);
            }
            Response {
                status: "200 OK",
                content_type: content_type("html"),
                headers: Vec::new(),
                body: with_rendered(root, &page),
            }
        }
        _ => Response::text(
            "400 Bad Request",
            &format!("{}\n", String::from_utf8_lossy(&run.stderr).trim()),
        ),
    }
}

/// The page a council shows once it has the record: what arrived, checked.
fn received(verdict: &str) -> Response {
    let shown = indent_json(verdict.trim()).unwrap_or_else(|| verdict.to_owned());
    let html = format!(
        concat!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>We have the record – Example County Council</title>",
            "<link rel=\"stylesheet\" href=\"/demo.css\"></head>\n",
            "<body><main class=\"page\">\n<h1>We have the record</h1>\n",
            "<p>This is what the council’s server received, checked with the kit’s own rules ",
            "(<code>ourplan assemble</code>). The demo server keeps nothing.</p>\n",
            "<pre id=\"received\">{}</pre>\n<p><a href=\"/\">Back to the demo pages</a></p>\n",
            "</main></body></html>\n"
        ),
        escape(&shown)
    );
    Response {
        status: "200 OK",
        content_type: content_type("html"),
        headers: Vec::new(),
        body: html.into_bytes(),
    }
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        // TypeScript sources are served as text; `video/mp2t` (the registered type) would
        // make a browser try to play them.
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// An HTML page listing what a form posted, so people trying the demo and e2e tests can check
/// native form submission. Everything received is escaped; a field holding JSON (as the kit's
/// elements submit) is shown indented. The page runs no script at all.
fn echo(content_type: &str, body: &[u8]) -> Response {
    let mut html = String::from(concat!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<title>What the demo server received</title>",
        "<link rel=\"stylesheet\" href=\"/demo.css\"></head>\n",
        "<body><main class=\"page\">\n<p><a href=\"/\">Back to the demo pages</a></p>\n",
        "<h1>What the demo server received</h1>\n",
        "<p>The demo server keeps nothing: it only shows you what the form sent.</p>\n",
    ));
    html.push_str(&format!(
        "<p>Sent as <code id=\"content-type\">{}</code></p>\n",
        escape(content_type)
    ));
    if content_type.starts_with("application/x-www-form-urlencoded") {
        html.push_str("<h2>Fields</h2>\n<dl id=\"fields\" class=\"received\">\n");
        for pair in String::from_utf8_lossy(body)
            .split('&')
            .filter(|p| !p.is_empty())
        {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| String::from_utf8_lossy(&percent_decode(s, true)).into_owned();
            let value = decode(value);
            let shown = match indent_json(&value) {
                Some(json) => format!("<pre>{}</pre>", escape(&json)),
                None => escape(&value),
            };
            html.push_str(&format!(
                "<dt>{}</dt><dd>{shown}</dd>\n",
                escape(&decode(name))
            ));
        }
        html.push_str("</dl>\n");
    }
    let raw = escape(&String::from_utf8_lossy(body));
    html.push_str(&format!(
        "<h2>Exactly as it arrived</h2>\n<pre id=\"raw\">{raw}</pre>\n</main></body></html>\n"
    ));
    Response {
        status: "200 OK",
        content_type: "text/html; charset=utf-8",
        // What was posted is shown as text, and the page may run no script whatever it holds.
        headers: vec![(
            "Content-Security-Policy".into(),
            "default-src 'self'; script-src 'none'; style-src 'self'".into(),
        )],
        body: html.into(),
    }
}

/// Re-indents JSON text (an object or an array) two spaces a level, for people to read, or
/// `None` when it does not look like one. It only moves whitespace outside strings, so the
/// text still parses to the same value; it does not check the JSON (xtask has no parser).
fn indent_json(text: &str) -> Option<String> {
    let text = text.trim();
    if !(text.starts_with('{') || text.starts_with('[')) {
        return None;
    }
    let mut out = String::with_capacity(text.len() * 2);
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                // An empty object or array stays on one line.
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.push(chars.next()?);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.checked_sub(1)?;
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    (depth == 0 && !in_string).then_some(out)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `%XX` decoding (and `+` as space for form bodies); malformed escapes are kept as they are.
fn percent_decode(s: &str, plus_as_space: bool) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b'+', ..) if plus_as_space => {
                out.push(b' ');
                i += 1;
            }
            (b, ..) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_and_traversal() {
        let root = Path::new("/r");
        assert_eq!(resolve(root, "/"), Some(PathBuf::from("/r/demo")));
        assert_eq!(
            resolve(root, "/a/b.html"),
            Some(PathBuf::from("/r/demo/a/b.html"))
        );
        assert_eq!(
            resolve(root, "/pkg/ourplan.js"),
            Some(PathBuf::from("/r/pkg/ourplan.js"))
        );
        assert_eq!(
            resolve(root, "/schemas/x.json"),
            Some(PathBuf::from("/r/schemas/x.json"))
        );
        assert_eq!(
            resolve(root, "/bench-peers/rjsf.js"),
            Some(PathBuf::from("/r/target/bench/peers/rjsf.js"))
        );
        assert_eq!(resolve(root, "/bench-peers/../../Cargo.toml"), None);
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/pkg/%2e%2e/Cargo.toml"), None);
        assert_eq!(resolve(root, "/a%5c..%5cb"), None);
    }

    /// A fresh folder with `demo/` in it, for tests that read files.
    fn site(name: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("ourplan-serve-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("demo")).unwrap();
        root
    }

    #[test]
    fn a_fresh_brotli_twin_is_sent_in_place_of_its_file_and_a_stale_one_is_not() {
        let root = site("br");
        fs::write(root.join("demo/a.js"), "let a = 1;").unwrap();
        fs::write(root.join("demo/a.js.br"), b"\x0b\x04\x80").unwrap();
        let mut r = serve_file(&root, "/a.js", "/a.js");
        precompressed(&root, "/a.js", &mut r);
        assert_eq!(r.body, b"\x0b\x04\x80");
        assert!(
            r.headers
                .contains(&("Content-Encoding".into(), "br".into()))
        );
        // The file changed after its twin was written: the twin is stale, the file is sent.
        let later = std::time::SystemTime::now() + Duration::from_secs(60);
        fs::File::options()
            .write(true)
            .open(root.join("demo/a.js"))
            .unwrap()
            .set_modified(later)
            .unwrap();
        let mut r = serve_file(&root, "/a.js", "/a.js");
        precompressed(&root, "/a.js", &mut r);
        assert_eq!(r.body, b"let a = 1;");
        assert!(r.headers.is_empty());
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_render_marker_stays_when_the_command_cannot_run_and_a_page_without_a_post_mark_takes_no_form()
     {
        let root = site("marks");
        let page = b"<p>before</p><!--#ourplan render --schema s.json--><p>after</p>";
        if std::env::var_os("OURPLAN_CLI").is_none() {
            // No target/debug/ourplan under this root: the page is served as it is.
            assert_eq!(with_rendered(&root, page), page.to_vec());
        }
        fs::write(root.join("demo/p.html"), page).unwrap();
        let r = posted_page(&root, "/p.html", b"a=1");
        assert_eq!(r.status, "405 Method Not Allowed");
        assert_eq!(
            marker(page, RENDER_MARK).map(|(args, at)| (args, at.start)),
            Some(("render --schema s.json".into(), 13))
        );
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn indents_json_without_changing_it() {
        assert_eq!(indent_json("plain text"), None);
        assert_eq!(
            indent_json("{\"a\":[1,{}],\"b\":[]}").unwrap(),
            "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}"
        );
        // Brackets, commas, colons, escaped quotes and spaces inside strings are left alone.
        assert_eq!(
            indent_json(r#"["a, b: {c}", "say \"hi\" [x]", "back\\"]"#).unwrap(),
            "[\n  \"a, b: {c}\",\n  \"say \\\"hi\\\" [x]\",\n  \"back\\\\\"\n]"
        );
        // Unbalanced or unfinished text is shown as it came.
        assert_eq!(indent_json("{\"a\": 1"), None);
        assert_eq!(indent_json("[1]]"), None);
        assert_eq!(indent_json("[\"open"), None);
    }

    #[test]
    fn the_logger_goes_first_in_the_head_only_when_asked_for() {
        let page = b"<!doctype html><HTML><Head><script type=module src=x.js></script>";
        let with = with_logger(page);
        assert_eq!(
            String::from_utf8(with).unwrap(),
            "<!doctype html><HTML><Head><script src=\"/_engines/log.js\"></script><script type=module src=x.js></script>"
        );
        let root = std::env::temp_dir().join("ourplan-serve-logger");
        fs::create_dir_all(root.join("demo")).unwrap();
        fs::write(root.join("demo/p.html"), "<head></head>").unwrap();
        let plain = serve_file(&root, "/p.html", "/p.html");
        assert_eq!(plain.body, b"<head></head>");
        let logged = serve_file(&root, "/p.html", "/p.html?ourplan-log");
        assert!(
            String::from_utf8(logged.body)
                .unwrap()
                .contains("/_engines/log.js")
        );
    }

    #[test]
    fn echo_escapes_what_it_received() {
        let r = echo(
            "application/x-www-form-urlencoded",
            b"%3Cb%3E=%3Cscript%3Ex%3C%2Fscript%3E&plan=%7B%22t%22%3A%22%3Ci%3E%22%7D",
        );
        let page = String::from_utf8(r.body).unwrap();
        assert!(!page.contains("<script>") && !page.contains("<b>") && !page.contains("<i>"));
        assert!(page.contains("<dt>&lt;b&gt;</dt><dd>&lt;script&gt;x&lt;/script&gt;</dd>"));
        assert!(page.contains("<pre>{\n  &quot;t&quot;: &quot;&lt;i&gt;&quot;\n}</pre>"));
        assert!(
            r.headers
                .iter()
                .any(|(n, v)| n == "Content-Security-Policy" && v.contains("script-src 'none'"))
        );
    }

    #[test]
    fn decodes_forms_and_escapes() {
        assert_eq!(percent_decode("a+b%20c%zz%4", true), b"a b c%zz%4");
        assert_eq!(percent_decode("a+b", false), b"a+b");
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
