//! HTTP servers with a real client over loopback: the node:http fixture on dynojs and on
//! node (answers must agree), and Dynojs.serve. The client is a small HTTP/1.1 reader
//! on std's TcpStream, so keep-alive, chunked uploads and raw status lines are visible.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;

/// A server process that prints `DYNO_READY port=N`; killed on drop.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(mut cmd: Command) -> Server {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawning the server");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let port = line
            .trim()
            .strip_prefix("DYNO_READY port=")
            .unwrap_or_else(|| panic!("no readiness line, got {line:?}"))
            .parse()
            .unwrap();
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut out, &mut std::io::sink());
        });
        Server { child, port }
    }

    fn connect(&self) -> Conn {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        Conn {
            reader: BufReader::new(stream.try_clone().unwrap()),
            stream,
        }
    }

    /// Kills the server and returns its stderr.
    fn stderr(mut self) -> String {
        let _ = self.child.kill();
        let mut text = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut text);
        }
        text
    }
}

/// One keep-alive connection.
struct Conn {
    stream: TcpStream,
    reader: BufReader<TcpStream>,
}

#[derive(Debug)]
struct Reply {
    status: u16,
    reason: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Conn {
    fn send(&mut self, raw: &[u8]) {
        self.stream.write_all(raw).unwrap();
    }

    fn get(&mut self, path: &str) -> Reply {
        self.send(format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes());
        self.read()
    }

    fn read(&mut self) -> Reply {
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let mut parts = line.trim_end().splitn(3, ' ');
        let _version = parts.next().unwrap();
        let status: u16 = parts.next().unwrap_or("0").parse().unwrap();
        let reason = parts.next().unwrap_or("").to_owned();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            self.reader.read_line(&mut h).unwrap();
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (n, v) = h.split_once(':').unwrap();
            headers.push((n.to_owned(), v.trim().to_owned()));
        }
        let mut reply = Reply {
            status,
            reason,
            headers,
            body: Vec::new(),
        };
        if let Some(len) = reply.header("content-length") {
            let mut body = vec![0; len.parse().unwrap()];
            self.reader.read_exact(&mut body).unwrap();
            reply.body = body;
        } else if reply
            .header("transfer-encoding")
            .is_some_and(|t| t.contains("chunked"))
        {
            loop {
                let mut size = String::new();
                self.reader.read_line(&mut size).unwrap();
                let n = usize::from_str_radix(size.trim(), 16).unwrap();
                let mut chunk = vec![0; n + 2];
                self.reader.read_exact(&mut chunk).unwrap();
                if n == 0 {
                    break;
                }
                reply.body.extend_from_slice(&chunk[..n]);
            }
        }
        reply
    }
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/js/servers")
        .join(name)
}

fn dynojs(program: &str) -> Server {
    let mut cmd = Command::cargo_bin("dynojs").unwrap();
    cmd.arg(fixture(program));
    Server::start(cmd)
}

fn node(program: &str) -> Option<Server> {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("node not installed: the node side of the comparison is skipped");
        return None;
    }
    let mut cmd = Command::new("node");
    cmd.arg(fixture(program));
    Some(Server::start(cmd))
}

/// Everything the node:http fixture answers, in a form both runtimes must agree on.
fn node_http_answers(server: &Server) -> Vec<String> {
    let mut out = Vec::new();
    let mut c = server.connect();
    // Keep-alive: several requests on one connection.
    for path in ["/", "/missing", "/headers", "/chunks"] {
        if path == "/headers" {
            c.send(
                b"GET /headers HTTP/1.1\r\nHost: x\r\nX-Mixed-Case: Value\r\nx-other: 1\r\n\r\n",
            );
        } else {
            c.send(format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes());
        }
        let r = c.read();
        out.push(format!(
            "{path}: {} {} type={:?} custom={:?} body={}",
            r.status,
            r.reason,
            r.header("content-type"),
            r.header("x-custom"),
            r.text()
        ));
    }
    // A chunked upload, echoed back.
    c.send(
        b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
    );
    let r = c.read();
    out.push(format!("/echo chunked: {} {}", r.status, r.text()));
    // A body with content-length.
    let body = vec![b'z'; 70_000];
    c.send(
        format!(
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    c.send(&body);
    let r = c.read();
    out.push(format!(
        "/echo 70000: {} len={} all-z={}",
        r.status,
        r.body.len(),
        r.body.iter().all(|&b| b == b'z')
    ));
    out
}

#[test]
fn node_http_answers_like_node() {
    let ours = dynojs("node_http_app.mjs");
    let got = node_http_answers(&ours);
    assert_eq!(
        got[0],
        "/: 200 OK type=Some(\"text/plain\") custom=Some(\"yes\") body=hello GET /"
    );
    assert!(got[1].starts_with("/missing: 404 Not Found"), "{got:?}");
    assert!(
        got[2].ends_with("body={\"mixed\":\"Value\",\"names\":[\"x-mixed-case\",\"x-other\"]}"),
        "{got:?}"
    );
    assert_eq!(
        got[3],
        "/chunks: 201 Made type=None custom=None body=part1,part2,part3"
    );
    assert_eq!(got[4], "/echo chunked: 200 hello world");
    assert_eq!(got[5], "/echo 70000: 200 len=70000 all-z=true");
    if let Some(theirs) = node("node_http_app.mjs") {
        assert_eq!(
            got,
            node_http_answers(&theirs),
            "dynojs and node answer differently"
        );
    }
}

#[test]
fn many_sequential_and_concurrent_requests_without_leaking() {
    let server = dynojs("node_http_app.mjs");
    let stats = |server: &Server| -> serde_json::Value {
        serde_json::from_slice(&server.connect().get("/stats").body).unwrap()
    };
    let mut c = server.connect();
    for i in 0..1000 {
        let r = c.get("/");
        assert_eq!(r.status, 200, "request {i}");
    }
    let after_first = stats(&server);
    // 100 concurrent connections, 10 requests each.
    std::thread::scope(|s| {
        for _ in 0..100 {
            s.spawn(|| {
                let mut c = server.connect();
                for _ in 0..10 {
                    assert_eq!(c.get("/").text(), "hello GET /");
                }
            });
        }
    });
    for _ in 0..1000 {
        assert_eq!(c.get("/").status, 200);
    }
    let after = stats(&server);
    assert_eq!(
        after["served"].as_u64().unwrap(),
        1000 + 1 + 1000 + 1000 + 1
    );
    // Another 2000 requests must not grow the heap by more than a few MiB.
    let grew = after["rss"].as_f64().unwrap() - after_first["rss"].as_f64().unwrap();
    assert!(
        grew < 4.0 * 1048576.0,
        "rss grew {:.1} MiB",
        grew / 1048576.0
    );
}

#[test]
fn dynojs_serve_answers_and_turns_errors_into_500() {
    let server = dynojs("dynojs_serve_app.js");
    let mut c = server.connect();
    let r = c.get("/");
    assert_eq!((r.status, r.text().as_str()), (200, "Hello, World!"));
    assert_eq!(r.header("content-type"), Some("text/plain"));
    let body = r#"{"value":42}"#;
    c.send(
        format!(
            "POST /json HTTP/1.1\r\nHost: x\r\nX-Agent: tester\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
    let r = c.read();
    assert_eq!(r.status, 201);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.text(), r#"{"got":42,"agent":"tester"}"#);
    let r = c.get("/throw");
    assert_eq!(
        (r.status, r.text().as_str()),
        (500, "Internal Server Error")
    );
    let r = c.get("/wrong");
    assert_eq!(r.status, 500);
    assert_eq!(c.get("/wrong-later").status, 500);
    let r = c.get("/headers");
    assert_eq!(r.header("x-num"), Some("7"));
    assert_eq!(r.header("x-dup"), Some("a, b"));
    assert_eq!(r.header("content-type"), Some("text/plain;charset=UTF-8"));
    let r = c.get("/bad-header");
    assert_eq!(r.status, 500);
    // Twice: the second time the header names come from the validated-name cache.
    for _ in 0..2 {
        let r = c.get("/cookies");
        let cookies: Vec<&str> = r
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(cookies, ["a=1", "b=2"]);
        assert_eq!(r.header("x-tab"), Some("x\ty"));
        assert_eq!(c.get("/headers").header("x-dup"), Some("a, b"));
    }
    assert_eq!(c.get("/bad-value").status, 500);
    let r = c.get("/bytes");
    assert_eq!((r.text().as_str(), r.header("content-type")), ("hi", None));
    assert_eq!(c.get("/peer").text(), "127.0.0.1 number");
    c.send(b"GET /request HTTP/1.1\r\nHost: x\r\nX-Agent: tester\r\n\r\n");
    let r = c.read();
    assert_eq!((r.status, r.reason.as_str()), (299, "Fine"));
    assert_eq!(
        r.text(),
        "true [object Request] GET tester true tester false "
    );
    assert_eq!(c.get("/tick").text(), "queued");
    assert_eq!(c.get("/ticked").text(), "1");
    assert_eq!(c.get("/micro").text(), "queued");
    assert_eq!(c.get("/ticked").text(), "2");
    let r = c.get("/headers-init");
    assert_eq!(r.header("x-a"), Some("1"));
    assert_eq!(r.header("content-type"), Some("text/plain;charset=UTF-8"));
    let r = c.get("/no-type");
    assert_eq!((r.text().as_str(), r.header("content-type")), ("z", None));
    // The connection is still good after errors, and the server keeps serving.
    assert_eq!(c.get("/nothing").status, 404);
    // A 1 MiB chunked upload streams into `req.body` on the same connection.
    c.send(b"POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    let chunk = vec![b'u'; 64 * 1024];
    for _ in 0..16 {
        c.send(format!("{:x}\r\n", chunk.len()).as_bytes());
        c.send(&chunk);
        c.send(b"\r\n");
    }
    c.send(b"0\r\n\r\n");
    let r = c.read();
    assert_eq!(
        (r.status, r.text().as_str()),
        (200, "1048576 bytes in several chunks")
    );
    let stderr = server.stderr();
    assert!(stderr.contains("handler failed on purpose"), "{stderr}");
    assert!(stderr.contains("must be a response"), "{stderr}");
    assert!(
        stderr.contains("Header name is not valid: \"bad name\""),
        "{stderr}"
    );
    assert!(stderr.contains("ERR_HTTP_INVALID_HEADER_VALUE"), "{stderr}");
}

/// The Express app of the HTTP benchmarks (`suites/bench/http/express`, installed with
/// `npm ci` into a temp dir): every answer on dynojs equals node's — status, reason,
/// body and headers, compared by name case-insensitively (hyper writes names in lower
/// case) and without `date` and node's `connection`/`keep-alive` hop-by-hop headers.
#[test]
fn express_app_answers_like_node() {
    let Some(node_ok) = Command::new("npm")
        .arg("--version")
        .output()
        .ok()
        .map(|o| o.status.success())
    else {
        eprintln!("npm not installed: the Express test is skipped");
        return;
    };
    assert!(node_ok, "npm --version failed");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../suites/bench/http/express");
    let dir = tempfile::tempdir().unwrap();
    for f in ["app.js", "package.json", "package-lock.json"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let out = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "npm ci: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let app = dir.path().join("app.js");
    let mut d = Command::cargo_bin("dynojs").unwrap();
    d.arg(&app).current_dir(dir.path());
    let mut n = Command::new("node");
    n.arg(&app).current_dir(dir.path());
    let answers = |server: &Server| {
        let mut c = server.connect();
        let requests: [&[u8]; 6] = [
            b"GET /api/users/42 HTTP/1.1\r\nHost: x\r\n\r\n",
            b"POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 22\r\n\r\n{\"a\":[1,2,{\"b\":\"c\"}]}\n",
            b"POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"k\":\r\n4\r\n\"v\"}\r\n0\r\n\r\n",
            b"POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{bad json",
            b"GET /nope HTTP/1.1\r\nHost: x\r\n\r\n",
            b"GET /api/users/7 HTTP/1.1\r\nHost: x\r\nIf-None-Match: W/\"34-+HJb0ugPWCkhZBqUK/bzXuQNf9w\"\r\n\r\n",
        ];
        let mut out = Vec::new();
        for raw in requests {
            c.send(raw);
            let r = c.read();
            let mut headers: Vec<String> = r
                .headers
                .iter()
                .map(|(k, v)| format!("{}: {v}", k.to_ascii_lowercase()))
                .filter(|h| {
                    !h.starts_with("date:")
                        && !h.starts_with("connection:")
                        && !h.starts_with("keep-alive:")
                })
                .collect();
            headers.sort();
            // Error pages carry the engine's message and a stack trace whose frames
            // name the runtime's internals: compared up to there, without their length.
            let body = if r.status >= 400 && r.text().contains("<pre>") {
                headers.retain(|h| !h.starts_with("content-length:"));
                r.text().split("<pre>").next().unwrap_or("").to_owned()
            } else {
                r.text()
            };
            out.push(format!(
                "{} {}\n{}\n{body}",
                r.status,
                r.reason,
                headers.join("\n")
            ));
        }
        out
    };
    let dyno = Server::start(d);
    let got = answers(&dyno);
    drop(dyno);
    let node = Server::start(n);
    let want = answers(&node);
    drop(node);
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w, "dynojs (left) and node (right) answer differently");
    }
    assert!(
        got[0].starts_with("200 OK") && got[0].contains("user-42"),
        "{}",
        got[0]
    );
    assert!(got[3].starts_with("400 "), "{}", got[3]);
}
