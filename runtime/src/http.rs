//! HTTP/1.1 servers on hyper, on the loop's current-thread tokio runtime.
//!
//! Data flow: `httpListen` binds synchronously (so EADDRINUSE surfaces at `listen`) and
//! spawns an accept task; each connection is served by hyper (keep-alive, chunked
//! bodies). A request's body is collected, then the request travels to the poll phase as
//! a [`Completion`] carrying a oneshot sender; the poll phase files the sender under the
//! request id and calls the bootstrap's `dispatchHttp`; JS answers with `httpRespond`,
//! which sends the response back to the connection task, which writes it during the next
//! poll. So handlers only ever run in the poll phase, and a listening server keeps the
//! loop alive (it holds a ref) until `httpClose`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use tokio::sync::{oneshot, watch};

use crate::io::{Completion, IoError, Payload};

/// A request on its way to JS.
#[derive(Debug)]
pub struct HttpRequest {
    pub id: u64,
    pub method: String,
    /// Path and query, as sent.
    pub url: String,
    /// `1.1` or `1.0`.
    pub version: &'static str,
    /// Header names as sent (case kept) and values.
    pub headers: Vec<(String, Bytes)>,
    pub body: Bytes,
    pub remote: Option<SocketAddr>,
    pub respond: oneshot::Sender<Response<Full<Bytes>>>,
}

/// What JS answers.
pub struct Answer {
    pub status: u16,
    pub reason: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

struct Server {
    shutdown: watch::Sender<bool>,
}

thread_local! {
    /// Senders of requests JS has not answered yet, by request id.
    static PENDING: RefCell<HashMap<u64, oneshot::Sender<Response<Full<Bytes>>>>> =
        RefCell::new(HashMap::new());
    /// Listening servers by id.
    static SERVERS: RefCell<HashMap<u64, Server>> = RefCell::new(HashMap::new());
}

static NEXT_REQUEST: AtomicU64 = AtomicU64::new(1);

/// Binds `host:port` and starts accepting; returns the bound port. Requests arrive as
/// completions with id `server`.
pub fn listen(io: &crate::io::Io, server: u64, host: &str, port: u16) -> Result<u16, IoError> {
    let addr = format!("{host}:{port}");
    let std_listener = std::net::TcpListener::bind(&addr).map_err(|e| listen_error(&e, &addr))?;
    std_listener
        .set_nonblocking(true)
        .map_err(|e| listen_error(&e, &addr))?;
    let bound = std_listener
        .local_addr()
        .map_err(|e| listen_error(&e, &addr))?
        .port();
    let (shutdown, mut stopped) = watch::channel(false);
    let tx = io.sender();
    let _guard = io.handle.enter();
    let listener =
        tokio::net::TcpListener::from_std(std_listener).map_err(|e| listen_error(&e, &addr))?;
    io.handle.spawn(async move {
        loop {
            let accepted = tokio::select! {
                a = listener.accept() => a,
                _ = stopped.changed() => break,
            };
            let Ok((stream, remote)) = accepted else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let tx = tx.clone();
            let mut stop = stopped.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let tx = tx.clone();
                    async move { Ok::<_, Infallible>(handle(req, tx, server, remote).await) }
                });
                let conn = hyper::server::conn::http1::Builder::new()
                    .keep_alive(true)
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
                tokio::pin!(conn);
                tokio::select! {
                    _ = conn.as_mut() => {}
                    _ = stop.changed() => {
                        conn.as_mut().graceful_shutdown();
                        let _ = conn.await;
                    }
                }
            });
        }
    });
    SERVERS.with(|s| s.borrow_mut().insert(server, Server { shutdown }));
    io.hold();
    Ok(bound)
}

/// Stops accepting and ends idle keep-alive connections; in-flight requests finish.
pub fn close(io: &crate::io::Io, server: u64) -> bool {
    let Some(s) = SERVERS.with(|s| s.borrow_mut().remove(&server)) else {
        return false;
    };
    let _ = s.shutdown.send(true);
    io.release();
    true
}

/// Files the response sender of a request that reached the poll phase.
pub fn file(id: u64, respond: oneshot::Sender<Response<Full<Bytes>>>) {
    PENDING.with(|p| p.borrow_mut().insert(id, respond));
}

/// Sends JS's answer to request `id`; false when the request is gone (answered twice,
/// or the client left).
pub fn respond(id: u64, answer: Answer) -> Result<bool, String> {
    let Some(sender) = PENDING.with(|p| p.borrow_mut().remove(&id)) else {
        return Ok(false);
    };
    let mut builder = Response::builder().status(answer.status);
    for (name, value) in &answer.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let mut response = builder
        .body(Full::new(Bytes::from(answer.body)))
        .map_err(|e| e.to_string())?;
    if let Some(reason) = answer.reason {
        if let Ok(r) = hyper::ext::ReasonPhrase::try_from(reason.into_bytes()) {
            response.extensions_mut().insert(r);
        }
    }
    Ok(sender.send(response).is_ok())
}

async fn handle(
    req: Request<Incoming>,
    tx: tokio::sync::mpsc::UnboundedSender<Completion>,
    server: u64,
    remote: SocketAddr,
) -> Response<Full<Bytes>> {
    let (parts, body) = req.into_parts();
    let body = match body.collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return plain(400, "Bad Request"),
    };
    let (respond, answer) = oneshot::channel();
    let version = if parts.version == hyper::Version::HTTP_10 {
        "1.0"
    } else {
        "1.1"
    };
    let headers = parts
        .headers
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), Bytes::copy_from_slice(v.as_bytes())))
        .collect();
    let request = HttpRequest {
        id: NEXT_REQUEST.fetch_add(1, Ordering::Relaxed),
        method: parts.method.as_str().to_owned(),
        url: parts
            .uri
            .path_and_query()
            .map_or_else(|| parts.uri.to_string(), |p| p.as_str().to_owned()),
        version,
        headers,
        body,
        remote: Some(remote),
        respond,
    };
    let completion = Completion {
        id: server as f64,
        result: Ok(Payload::Request(Box::new(request))),
        counted: false,
        task: false,
    };
    if tx.send(completion).is_err() {
        return plain(503, "Service Unavailable");
    }
    // JS dropping the request unanswered (the process exiting) ends it with a 500.
    answer
        .await
        .unwrap_or_else(|_| plain(500, "Internal Server Error"))
}

fn plain(status: u16, text: &'static str) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *r.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or_default();
    r
}

fn listen_error(e: &std::io::Error, addr: &str) -> IoError {
    let errno = e.raw_os_error().unwrap_or(0);
    let code = match errno {
        libc::EADDRINUSE => "EADDRINUSE",
        libc::EACCES => "EACCES",
        libc::EADDRNOTAVAIL => "EADDRNOTAVAIL",
        _ => "EINVAL",
    };
    IoError {
        code,
        errno: -errno,
        syscall: "listen",
        path: String::new(),
        dest: None,
        message: format!("listen {code}: {}", address_in_message(addr, e)),
    }
}

/// Node's `listen EADDRINUSE: address already in use 127.0.0.1:8080`.
fn address_in_message(addr: &str, e: &std::io::Error) -> String {
    let what = match e.raw_os_error() {
        Some(libc::EADDRINUSE) => "address already in use".to_owned(),
        _ => e.to_string(),
    };
    format!("{what} {addr}")
}
