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
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::{Request, Response};
use tokio::sync::{oneshot, watch};

use crate::io::{Completion, IoError, Payload};

/// A request on its way to JS.
#[derive(Debug)]
pub struct HttpRequest {
    pub id: u64,
    /// Method, target, version and headers, as hyper parsed them (moved, not copied).
    pub head: hyper::http::request::Parts,
    pub body: Bytes,
    /// Set when the body streams in (large or of unknown size): its events arrive on this
    /// id as `data`/`end`/`error`, paced by `httpBodyPause`.
    pub body_stream: Option<u64>,
    /// The peer's address (formatted once per connection) and port.
    pub remote: Option<(std::sync::Arc<str>, u16)>,
    pub respond: oneshot::Sender<Response<Body>>,
}

/// A response body: whole (`res.end(body)` without writes before), or streamed chunk by
/// chunk from `res.write` (sent chunked); each chunk taken by the connection is reported
/// back to JS as `written`, which is how `write()`'s return value and 'drain' work.
#[derive(Debug)]
pub enum Body {
    Full(Option<Bytes>),
    Stream {
        rx: tokio::sync::mpsc::UnboundedReceiver<Bytes>,
        events: tokio::sync::mpsc::UnboundedSender<Completion>,
        id: u64,
    },
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Bytes>, Infallible>>> {
        use std::task::Poll;
        match self.get_mut() {
            Body::Full(bytes) => Poll::Ready(
                bytes
                    .take()
                    .filter(|b| !b.is_empty())
                    .map(|b| Ok(hyper::body::Frame::data(b))),
            ),
            Body::Stream { rx, events, id } => match rx.poll_recv(cx) {
                Poll::Ready(Some(chunk)) => {
                    let _ = events.send(Completion {
                        id: *id as f64,
                        result: Ok(Payload::Event(
                            serde_json::json!({"type": "written", "bytes": chunk.len()}),
                            None,
                        )),
                        counted: false,
                        task: false,
                    });
                    Poll::Ready(Some(Ok(hyper::body::Frame::data(chunk))))
                }
                Poll::Ready(None) => Poll::Ready(None),
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(b) if b.as_ref().is_none_or(Bytes::is_empty))
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        match self {
            Body::Full(b) => {
                hyper::body::SizeHint::with_exact(b.as_ref().map_or(0, |b| b.len() as u64))
            }
            Body::Stream { .. } => hyper::body::SizeHint::default(),
        }
    }
}

static NEXT_STREAM: AtomicU64 = AtomicU64::new(1 << 48);

thread_local! {
    /// Streamed response bodies JS is still writing, by stream id.
    static STREAMS: RefCell<HashMap<u64, tokio::sync::mpsc::UnboundedSender<Bytes>>> =
        RefCell::new(HashMap::new());
}

/// Answers request `id` with headers now and a body JS writes later: the stream id (0
/// when the request is gone). The stream's `written` events go to the poll phase.
pub fn respond_stream(
    io: &crate::io::Io,
    id: u64,
    status: u16,
    reason: Option<String>,
    headers: Vec<(String, String)>,
) -> Result<u64, String> {
    let Some(sender) = PENDING.with(|p| p.borrow_mut().remove(&id)) else {
        return Ok(0);
    };
    let stream = NEXT_STREAM.fetch_add(1, Ordering::Relaxed);
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let body = Body::Stream {
        rx,
        events: io.sender(),
        id: stream,
    };
    let response = build_response(status, reason, &headers, body)?;
    if sender.send(response).is_err() {
        return Ok(0);
    }
    STREAMS.with(|s| s.borrow_mut().insert(stream, tx));
    Ok(stream)
}

/// Queues a chunk of a streamed body; false when the client is gone.
pub fn write_chunk(stream: u64, bytes: Vec<u8>) -> bool {
    STREAMS.with(|s| {
        s.borrow()
            .get(&stream)
            .is_some_and(|tx| tx.send(Bytes::from(bytes)).is_ok())
    })
}

/// Ends a streamed body.
pub fn end_stream(stream: u64) {
    STREAMS.with(|s| s.borrow_mut().remove(&stream));
}

struct Server {
    shutdown: watch::Sender<bool>,
}

thread_local! {
    /// Senders of requests JS has not answered yet, by request id.
    static PENDING: RefCell<HashMap<u64, oneshot::Sender<Response<Body>>>> =
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
            let peer: std::sync::Arc<str> = remote.ip().to_string().into();
            let port = remote.port();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let tx = tx.clone();
                    let peer = peer.clone();
                    async move { Ok::<_, Infallible>(handle(req, tx, server, (peer, port)).await) }
                });
                // Half-closed clients are allowed: otherwise hyper tries a read on
                // every request while JS works on it (to see an EOF), a failed recv(2)
                // per request.
                let conn = hyper::server::conn::http1::Builder::new()
                    .keep_alive(true)
                    .half_close(true)
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
pub fn file(id: u64, respond: oneshot::Sender<Response<Body>>) {
    PENDING.with(|p| p.borrow_mut().insert(id, respond));
}

/// Sends JS's answer to request `id`; false when the request is gone (answered twice,
/// or the client left).
pub fn respond_map(
    id: u64,
    status: u16,
    reason: Option<String>,
    headers: hyper::HeaderMap,
    body: Bytes,
) -> Result<bool, String> {
    let Some(sender) = PENDING.with(|p| p.borrow_mut().remove(&id)) else {
        return Ok(false);
    };
    let response = finish_response(status, reason, headers, Body::Full(Some(body)))?;
    Ok(sender.send(response).is_ok())
}

/// A response from a status, a reason phrase (one the wire cannot carry is left out)
/// and validated headers.
pub(crate) fn finish_response(
    status: u16,
    reason: Option<String>,
    headers: hyper::HeaderMap,
    body: Body,
) -> Result<Response<Body>, String> {
    let mut response = Response::new(body);
    *response.status_mut() = hyper::StatusCode::from_u16(status).map_err(|e| e.to_string())?;
    *response.headers_mut() = headers;
    if let Some(reason) = reason {
        if let Ok(r) = hyper::ext::ReasonPhrase::try_from(reason.into_bytes()) {
            response.extensions_mut().insert(r);
        }
    }
    Ok(response)
}

/// A response from JS's status, reason phrase and `[(name, value)]` headers.
fn build_response(
    status: u16,
    reason: Option<String>,
    headers: &[(String, String)],
    body: Body,
) -> Result<Response<Body>, String> {
    finish_response(status, reason, header_map(headers)?, body)
}

/// Headers from `(name, value)` pairs, each a line of its own; hyper validates them.
pub fn header_map(headers: &[(String, String)]) -> Result<hyper::HeaderMap, String> {
    let mut map = hyper::HeaderMap::with_capacity(headers.len());
    for (name, value) in headers {
        let name =
            hyper::header::HeaderName::from_bytes(name.as_bytes()).map_err(|e| e.to_string())?;
        let value = hyper::header::HeaderValue::from_str(value).map_err(|e| e.to_string())?;
        map.append(name, value);
    }
    Ok(map)
}

async fn handle(
    req: Request<Incoming>,
    tx: tokio::sync::mpsc::UnboundedSender<Completion>,
    server: u64,
    remote: (std::sync::Arc<str>, u16),
) -> Response<Body> {
    let (parts, body) = req.into_parts();
    // Small bodies (most requests) arrive whole with the request; large or unknown-size
    // ones stream in chunk by chunk, with backpressure from JS.
    use hyper::body::Body as _;
    let whole = body.size_hint().exact().is_some_and(|n| n <= WHOLE_BODY);
    let (body, body_stream) = if body.is_end_stream() {
        (Bytes::new(), None)
    } else if whole {
        match body.collect().await {
            Ok(b) => (b.to_bytes(), None),
            Err(_) => return plain(400, "Bad Request"),
        }
    } else {
        (Bytes::new(), Some(stream_body(body, tx.clone())))
    };
    let (respond, answer) = oneshot::channel();
    let request = HttpRequest {
        id: NEXT_REQUEST.fetch_add(1, Ordering::Relaxed),
        head: parts,
        body,
        body_stream,
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

/// Bodies up to this size (by content-length) reach JS whole, with the request.
const WHOLE_BODY: u64 = 64 * 1024;

thread_local! {
    /// Pause switches of request bodies that stream in, by stream id.
    static BODY_PAUSE: RefCell<HashMap<u64, watch::Sender<bool>>> = RefCell::new(HashMap::new());
}

/// Reads a request body in a task of its own, sending each chunk to JS as an event.
fn stream_body(mut body: Incoming, tx: tokio::sync::mpsc::UnboundedSender<Completion>) -> u64 {
    let id = NEXT_STREAM.fetch_add(1, Ordering::Relaxed);
    let (pause, mut paused) = watch::channel(false);
    BODY_PAUSE.with(|m| m.borrow_mut().insert(id, pause));
    let send = move |body: serde_json::Value, bytes: Option<Vec<u8>>| {
        let _ = tx.send(Completion {
            id: id as f64,
            result: Ok(Payload::Event(body, bytes)),
            counted: false,
            task: false,
        });
    };
    tokio::spawn(async move {
        loop {
            while *paused.borrow() {
                if paused.changed().await.is_err() {
                    return;
                }
            }
            match body.frame().await {
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        if !data.is_empty() {
                            send(serde_json::json!({"type": "data"}), Some(data.to_vec()));
                        }
                    }
                }
                Some(Err(e)) => {
                    send(
                        serde_json::json!({"type": "error", "message": e.to_string()}),
                        None,
                    );
                    break;
                }
                None => {
                    send(serde_json::json!({"type": "end"}), None);
                    break;
                }
            }
        }
        BODY_PAUSE.with(|m| m.borrow_mut().remove(&id));
    });
    id
}

/// Pauses (or resumes) reading a streamed request body.
pub fn pause_body(id: u64, paused: bool) {
    BODY_PAUSE.with(|m| {
        if let Some(p) = m.borrow().get(&id) {
            let _ = p.send(paused);
        }
    });
}

fn plain(status: u16, text: &'static str) -> Response<Body> {
    let mut r = Response::new(Body::Full(Some(Bytes::from_static(text.as_bytes()))));
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
