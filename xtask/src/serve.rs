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
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Forms in the tests are small; this only stops a runaway upload from eating memory.
const MAX_BODY: usize = 1 << 20;

/// Binds 127.0.0.1:`port` (0 picks a free port) and serves `root` (the repo root) on a
/// background thread. Returns the port actually bound.
pub fn start(root: &Path, port: u16) -> io::Result<(u16, JoinHandle<()>)> {
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
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => content_length = value.trim().parse().unwrap_or(0),
                "content-type" => content_type = value.trim().to_string(),
                _ => {}
            }
        }
    }

    let path = target.split(['?', '#']).next().unwrap_or("/");
    let response = match method {
        "GET" | "HEAD" => serve_file(root, path, target),
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
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
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
    let Ok(body) = fs::read(&file) else {
        return Response::text("404 Not Found", "not found\n");
    };
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mut headers = Vec::new();
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

/// An HTML page listing what a form posted, so e2e tests can check native form submission.
fn echo(content_type: &str, body: &[u8]) -> Response {
    let mut html = String::from(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Echo</title></head>\n<body><main>\n<h1>Received</h1>\n",
    );
    html.push_str(&format!(
        "<p>Content-Type: <code id=\"content-type\">{}</code></p>\n",
        escape(content_type)
    ));
    if content_type.starts_with("application/x-www-form-urlencoded") {
        html.push_str("<h2>Fields</h2>\n<dl id=\"fields\">\n");
        for pair in String::from_utf8_lossy(body)
            .split('&')
            .filter(|p| !p.is_empty())
        {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| String::from_utf8_lossy(&percent_decode(s, true)).into_owned();
            html.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>\n",
                escape(&decode(name)),
                escape(&decode(value))
            ));
        }
        html.push_str("</dl>\n");
    }
    let raw = escape(&String::from_utf8_lossy(body));
    html.push_str(&format!(
        "<h2>Raw body</h2>\n<pre id=\"raw\">{raw}</pre>\n</main></body></html>\n"
    ));
    let headers = Vec::new();
    Response {
        status: "200 OK",
        content_type: "text/html; charset=utf-8",
        headers,
        body: html.into(),
    }
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
