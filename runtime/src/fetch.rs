//! The HTTP client behind `fetch` and `http.request`: hyper's pooled HTTP/1 client on
//! the loop's runtime. A request runs as a task; its response (status, headers, the whole
//! body) comes back as a completion in the poll phase. Redirects are followed here
//! (`follow`), returned (`manual`) or refused (`error`). `https:` is not supported yet and
//! says so.

use std::cell::RefCell;
use std::collections::HashMap;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use crate::io::{IoError, Payload};

/// What a request looks like when it leaves JS.
pub struct Outgoing {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    /// `follow`, `manual` or `error`.
    pub redirect: String,
}

/// A response on its way to JS.
#[derive(Debug)]
pub struct Incoming {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub url: String,
    pub redirected: bool,
    pub version: &'static str,
}

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

thread_local! {
    static CLIENT: RefCell<Option<HttpClient>> = const { RefCell::new(None) };
    /// Requests in flight, so `fetchAbort` can stop one.
    static INFLIGHT: RefCell<HashMap<u64, tokio::task::AbortHandle>> = RefCell::new(HashMap::new());
}

fn client() -> HttpClient {
    CLIENT.with(|c| {
        c.borrow_mut()
            .get_or_insert_with(|| {
                let mut connector = hyper_util::client::legacy::connect::HttpConnector::new();
                connector.set_nodelay(true);
                Client::builder(TokioExecutor::new()).build(connector)
            })
            .clone()
    })
}

fn failure(code: &'static str, message: String) -> IoError {
    IoError {
        code,
        errno: 0,
        syscall: "fetch",
        path: String::new(),
        dest: None,
        message,
    }
}

fn connect_error(e: &hyper_util::client::legacy::Error, url: &str) -> IoError {
    // The io::Error at the bottom of the chain says what happened (ECONNREFUSED, ...).
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            let code = match io.raw_os_error() {
                Some(libc::ECONNREFUSED) => "ECONNREFUSED",
                Some(libc::ECONNRESET) => "ECONNRESET",
                Some(libc::EHOSTUNREACH) => "EHOSTUNREACH",
                Some(libc::ETIMEDOUT) => "ETIMEDOUT",
                _ if io.kind() == std::io::ErrorKind::UnexpectedEof => "UND_ERR_SOCKET",
                _ => "ENOTFOUND",
            };
            return failure(code, format!("{code}: {io} ({url})"));
        }
        source = s.source();
    }
    let code = if e.is_connect() {
        "ENOTFOUND"
    } else {
        "UND_ERR_SOCKET"
    };
    failure(code, format!("{code}: {e} ({url})"))
}

/// Starts request `id`; the completion carries [`Payload::Response`].
pub fn start(io: &crate::io::Io, id: u64, req: Outgoing) {
    let task = io.spawn_task(id as f64, async move { send(req).await });
    INFLIGHT.with(|m| m.borrow_mut().insert(id, task));
}

/// Called when the completion of `id` is taken off the channel.
pub fn done(id: u64) {
    INFLIGHT.with(|m| m.borrow_mut().remove(&id));
}

/// Aborts request `id`; false when it already finished.
pub fn abort(io: &crate::io::Io, id: u64) -> bool {
    let Some(task) = INFLIGHT.with(|m| m.borrow_mut().remove(&id)) else {
        return false;
    };
    task.abort();
    io.task_gone();
    true
}

async fn send(mut req: Outgoing) -> Result<Payload, IoError> {
    let client = client();
    let mut redirected = false;
    for _ in 0..=20 {
        let uri: hyper::Uri = req
            .url
            .parse()
            .map_err(|e| failure("ERR_INVALID_URL", format!("Invalid URL {}: {e}", req.url)))?;
        match uri.scheme_str() {
            Some("http") => {}
            Some("https") => {
                return Err(failure(
                    "ERR_NOT_IMPLEMENTED",
                    format!("https is not supported by dynojs yet ({})", req.url),
                ))
            }
            other => {
                return Err(failure(
                    "ERR_INVALID_PROTOCOL",
                    format!("fetch: unsupported scheme {:?}", other.unwrap_or("")),
                ))
            }
        }
        let mut builder = hyper::Request::builder()
            .method(req.method.as_str())
            .uri(uri.clone());
        for (name, value) in &req.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let body = Full::new(Bytes::from(req.body.clone().unwrap_or_default()));
        let request = builder
            .body(body)
            .map_err(|e| failure("ERR_INVALID_HTTP_TOKEN", e.to_string()))?;
        let response = client
            .request(request)
            .await
            .map_err(|e| connect_error(&e, &req.url))?;
        let status = response.status();
        if status.is_redirection() && req.redirect != "manual" {
            if let Some(location) = response.headers().get(hyper::header::LOCATION) {
                if req.redirect == "error" {
                    return Err(failure(
                        "ERR_REDIRECT",
                        format!("redirect mode is set to error ({})", req.url),
                    ));
                }
                let base = url::Url::parse(&req.url)
                    .map_err(|e| failure("ERR_INVALID_URL", e.to_string()))?;
                let next = base
                    .join(&String::from_utf8_lossy(location.as_bytes()))
                    .map_err(|e| failure("ERR_INVALID_URL", e.to_string()))?;
                let code = status.as_u16();
                if code == 303 || ((code == 301 || code == 302) && req.method == "POST") {
                    req.method = "GET".into();
                    req.body = None;
                    req.headers.retain(|(n, _)| {
                        !n.eq_ignore_ascii_case("content-type")
                            && !n.eq_ignore_ascii_case("content-length")
                    });
                }
                req.url = next.to_string();
                redirected = true;
                // Drain the body so the connection goes back to the pool.
                let _ = response.into_body().collect().await;
                continue;
            }
        }
        let version = if response.version() == hyper::Version::HTTP_10 {
            "1.0"
        } else {
            "1.1"
        };
        let reason = response
            .extensions()
            .get::<hyper::ext::ReasonPhrase>()
            .map(|r| String::from_utf8_lossy(r.as_bytes()).into_owned())
            .unwrap_or_else(|| status.canonical_reason().unwrap_or("").to_owned());
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| failure("UND_ERR_SOCKET", format!("reading the body: {e}")))?
            .to_bytes()
            .to_vec();
        return Ok(Payload::Response(Box::new(Incoming {
            status: status.as_u16(),
            reason,
            headers,
            body,
            url: req.url,
            redirected,
            version,
        })));
    }
    Err(failure(
        "ERR_TOO_MANY_REDIRECTS",
        format!("too many redirects ({})", req.url),
    ))
}
