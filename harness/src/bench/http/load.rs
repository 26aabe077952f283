//! dyno's HTTP/1.1 load generator: a lean hand-written client on tokio, one current-thread
//! runtime per generator thread (each pinned to a client CPU, like wrk's threads), each
//! running its share of keep-alive connections.
//!
//! - Closed loop (default): every connection sends its next request when the previous
//!   answered.
//! - Open loop (`rate`): requests are scheduled at fixed intervals per connection and
//!   latency is measured from the intended send time, so a stalled server is charged for
//!   the requests it delayed (coordinated omission corrected, as wrk2 does).
//!
//! Only responses completed inside the measured window count (warm-up excluded).
//! Latencies go into one HDR histogram per thread (nanoseconds), merged at the end.
//! Every response is checked: status 2xx, body equal to the expected one.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use hdrhistogram::Histogram;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Largest latency the histogram records (longer ones are clamped), nanoseconds.
const MAX_LATENCY_NS: u64 = 120_000_000_000;

/// What every response body must be.
#[derive(Debug, Clone)]
pub enum Expect {
    /// Exactly these bytes.
    Exact(Vec<u8>),
    /// Whatever the first response of the run was (deterministic handlers).
    SameAsFirst,
}

#[derive(Debug, Clone)]
pub struct LoadSpec {
    pub addr: SocketAddr,
    /// The exact bytes of one request.
    pub request: Vec<u8>,
    pub expect: Expect,
    pub connections: usize,
    pub threads: usize,
    /// CPUs the generator threads are pinned to (round-robin); empty: not pinned.
    pub cpus: Vec<usize>,
    pub warmup: Duration,
    pub duration: Duration,
    /// Stop after this many measured responses instead of after `duration`.
    pub requests: Option<u64>,
    /// Open-loop total rate, requests per second.
    pub rate: Option<f64>,
    /// A response slower than this counts as a timeout error.
    pub timeout: Duration,
}

/// Errors by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Errors {
    pub connect: u64,
    pub timeout: u64,
    /// Connection closed or reset mid-response, or a response dyno could not parse.
    pub reset: u64,
    pub non_2xx: u64,
    pub body_mismatch: u64,
}

impl Errors {
    pub fn total(&self) -> u64 {
        self.connect + self.timeout + self.reset + self.non_2xx + self.body_mismatch
    }

    /// Adds `o`'s counts to these.
    pub fn add(&mut self, o: &Errors) {
        self.connect += o.connect;
        self.timeout += o.timeout;
        self.reset += o.reset;
        self.non_2xx += o.non_2xx;
        self.body_mismatch += o.body_mismatch;
    }
}

#[derive(Debug)]
pub struct LoadResult {
    /// Responses completed in the measured window (errors included in `errors` only).
    pub responses: u64,
    /// Bytes read in the measured window (heads and bodies).
    pub bytes_read: u64,
    /// Length of the measured window actually used.
    pub window: Duration,
    /// Latencies of the good responses, nanoseconds.
    pub histogram: Histogram<u64>,
    pub errors: Errors,
    /// CPU time (user + system) of the generator threads during the window.
    pub generator_cpu: Duration,
    pub threads: usize,
    /// Size of one response (head + body) as first seen.
    pub response_bytes: usize,
}

impl LoadResult {
    pub fn requests_per_second(&self) -> f64 {
        self.responses as f64 / self.window.as_secs_f64().max(1e-9)
    }

    /// Generator CPU per response, microseconds.
    pub fn generator_us_per_request(&self) -> f64 {
        self.generator_cpu.as_secs_f64() * 1e6 / self.responses.max(1) as f64
    }

    /// Share of the generator threads' capacity used in the window (1.0 = saturated).
    pub fn generator_utilization(&self) -> f64 {
        self.generator_cpu.as_secs_f64() / (self.window.as_secs_f64() * self.threads as f64)
    }
}

/// Shared state of one load run.
struct Shared {
    spec: LoadSpec,
    measure_from: Instant,
    measure_until: Instant,
    /// Set when `requests` is reached or the window ends.
    stop: AtomicBool,
    measured: AtomicU64,
    /// When the `requests` target was hit, nanoseconds after `measure_from`.
    finished_at_ns: AtomicU64,
    reference: std::sync::OnceLock<Vec<u8>>,
    response_bytes: AtomicU64,
}

struct ThreadResult {
    responses: u64,
    bytes_read: u64,
    histogram: Histogram<u64>,
    errors: Errors,
    cpu: Duration,
}

impl ThreadResult {
    fn empty() -> Self {
        ThreadResult {
            responses: 0,
            bytes_read: 0,
            histogram: new_histogram(),
            errors: Errors::default(),
            cpu: Duration::ZERO,
        }
    }

    fn add(&mut self, other: &ThreadResult) {
        self.responses += other.responses;
        self.bytes_read += other.bytes_read;
        self.histogram.add(&other.histogram).ok();
        self.errors.add(&other.errors);
    }
}

/// Runs the load described by `spec` and blocks until it is done.
pub fn run(spec: &LoadSpec) -> Result<LoadResult> {
    let threads = spec.threads.clamp(1, spec.connections.max(1));
    let start = Instant::now() + Duration::from_millis(20);
    let measure_from = start + spec.warmup;
    let shared = Arc::new(Shared {
        spec: spec.clone(),
        measure_from,
        measure_until: measure_from + spec.duration,
        stop: AtomicBool::new(false),
        measured: AtomicU64::new(0),
        finished_at_ns: AtomicU64::new(0),
        reference: std::sync::OnceLock::new(),
        response_bytes: AtomicU64::new(0),
    });
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name(format!("dyno-load-{t}"))
                .spawn(move || thread_main(shared, t, threads, start))
                .context("starting a load generator thread")
        })
        .collect::<Result<_>>()?;
    let mut histogram = new_histogram();
    let mut errors = Errors::default();
    let (mut responses, mut bytes_read, mut cpu) = (0, 0, Duration::ZERO);
    for h in handles {
        let r = h
            .join()
            .map_err(|_| anyhow::anyhow!("a load generator thread panicked"))??;
        histogram.add(&r.histogram).ok();
        errors.add(&r.errors);
        responses += r.responses;
        bytes_read += r.bytes_read;
        cpu += r.cpu;
    }
    let finished = shared.finished_at_ns.load(Ordering::Relaxed);
    let window = if spec.requests.is_some() && finished > 0 {
        Duration::from_nanos(finished)
    } else {
        spec.duration
    };
    Ok(LoadResult {
        responses,
        bytes_read,
        window,
        histogram,
        errors,
        generator_cpu: cpu,
        threads,
        response_bytes: shared.response_bytes.load(Ordering::Relaxed) as usize,
    })
}

fn new_histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, MAX_LATENCY_NS, 3).expect("valid histogram bounds")
}

fn thread_main(
    shared: Arc<Shared>,
    index: usize,
    threads: usize,
    start: Instant,
) -> Result<ThreadResult> {
    let spec = &shared.spec;
    if !spec.cpus.is_empty() {
        crate::proc::pin_current_thread(&[spec.cpus[index % spec.cpus.len()]])
            .context("pinning a load generator thread")?;
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .context("starting a tokio runtime for the load generator")?;
    let mine: Vec<usize> = (index..spec.connections).step_by(threads).collect();
    rt.block_on(async {
        let cpu_at_start = Arc::new(std::sync::Mutex::new(None));
        {
            let cpu_at_start = cpu_at_start.clone();
            let from = shared.measure_from;
            tokio::spawn(async move {
                tokio::time::sleep_until(from.into()).await;
                *cpu_at_start.lock().unwrap_or_else(|p| p.into_inner()) = Some(thread_cpu());
            });
        }
        let tasks: Vec<_> = mine
            .into_iter()
            .map(|c| tokio::spawn(connection(shared.clone(), c, start)))
            .collect();
        let mut out = ThreadResult::empty();
        for t in tasks {
            if let Ok(r) = t.await {
                out.add(&r);
            }
        }
        let began = cpu_at_start
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .unwrap_or(Duration::ZERO);
        out.cpu = thread_cpu().saturating_sub(began);
        Ok(out)
    })
}

/// One connection's loop until the window ends (or the request target is reached).
async fn connection(shared: Arc<Shared>, index: usize, start: Instant) -> ThreadResult {
    let spec = &shared.spec;
    let mut out = ThreadResult::empty();
    // Open loop: this connection's share of the rate, staggered across connections.
    let interval = spec
        .rate
        .map(|r| Duration::from_secs_f64(spec.connections as f64 / r.max(1e-9)));
    let stagger = spec
        .rate
        .map(|r| Duration::from_secs_f64(index as f64 / r.max(1e-9)))
        .unwrap_or_default();
    let mut next_send = start + stagger;
    tokio::time::sleep_until(start.into()).await;
    let deadline = shared.measure_until;
    let mut conn: Option<Conn> = None;
    let mut body_scratch = Vec::new();
    // One timer for the whole connection (not one per request): a response still missing
    // when the window has closed and the timeout passed ends the connection.
    let hard_stop = tokio::time::sleep_until((deadline + spec.timeout).into());
    tokio::pin!(hard_stop);
    let mut now = Instant::now();
    while !shared.stop.load(Ordering::Relaxed) {
        if now >= deadline {
            break;
        }
        if conn.is_none() {
            match TcpStream::connect(spec.addr).await {
                Ok(s) => {
                    let _ = s.set_nodelay(true);
                    conn = Some(Conn::new(s));
                }
                Err(_) => {
                    if now >= shared.measure_from {
                        out.errors.connect += 1;
                    }
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    now = Instant::now();
                    continue;
                }
            }
        }
        let intended = if let Some(step) = interval {
            let at = next_send;
            next_send += step;
            if at > now {
                tokio::time::sleep_until(at.into()).await;
            }
            at
        } else {
            now
        };
        let c = conn.as_mut().expect("connected above");
        let outcome = tokio::select! {
            biased;
            r = c.exchange(&spec.request, &mut body_scratch) => Ok(r),
            () = &mut hard_stop => Err(()),
        };
        let done = Instant::now();
        now = done;
        let in_window = done >= shared.measure_from && done <= deadline;
        match outcome {
            Err(_) => {
                // Still no answer when the window closed plus the timeout.
                if done.duration_since(intended) >= spec.timeout {
                    out.errors.timeout += 1;
                }
                break;
            }
            Ok(Err(_)) => {
                if in_window {
                    out.errors.reset += 1;
                }
                conn = None;
            }
            Ok(Ok(resp)) => {
                if !in_window {
                    if resp.close {
                        conn = None;
                    }
                    continue;
                }
                out.bytes_read += resp.total_bytes as u64;
                let latency = done.duration_since(intended);
                if !(200..300).contains(&resp.status) {
                    out.errors.non_2xx += 1;
                } else if latency >= spec.timeout {
                    out.errors.timeout += 1;
                } else if !body_ok(&shared, resp.body(c, &body_scratch), resp.total_bytes) {
                    out.errors.body_mismatch += 1;
                } else {
                    out.responses += 1;
                    let ns = (latency.as_nanos() as u64).clamp(1, MAX_LATENCY_NS);
                    let _ = out.histogram.record(ns);
                    if let Some(target) = spec.requests {
                        let n = shared.measured.fetch_add(1, Ordering::Relaxed) + 1;
                        if n >= target {
                            if n == target {
                                let at = done.duration_since(shared.measure_from);
                                shared
                                    .finished_at_ns
                                    .store(at.as_nanos() as u64, Ordering::Relaxed);
                            }
                            shared.stop.store(true, Ordering::Relaxed);
                        }
                    }
                }
                if resp.close {
                    conn = None;
                }
            }
        }
    }
    out
}

fn body_ok(shared: &Shared, body: &[u8], total: usize) -> bool {
    // Read before writing: a compare-exchange per response would bounce the cache line
    // between generator threads for a value set once.
    if shared.response_bytes.load(Ordering::Relaxed) == 0 {
        let _ = shared.response_bytes.compare_exchange(
            0,
            total as u64,
            Ordering::Relaxed,
            Ordering::Relaxed,
        );
    }
    match &shared.spec.expect {
        Expect::Exact(bytes) => body == bytes.as_slice(),
        Expect::SameAsFirst => body == shared.reference.get_or_init(|| body.to_vec()).as_slice(),
    }
}

/// CPU time of the calling thread.
fn thread_cpu() -> Duration {
    // SAFETY: getrusage fills a struct we own.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut ru) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// A keep-alive connection with its read buffer.
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    /// Unconsumed bytes are `buf[start..end]`.
    start: usize,
    end: usize,
}

/// A parsed response; its body is in the connection buffer or in the chunk scratch.
struct Response {
    status: u16,
    close: bool,
    total_bytes: usize,
    body: BodyAt,
}

enum BodyAt {
    /// `conn.buf[from..to]` until the next exchange.
    Buffer(usize, usize),
    /// The de-chunked body in the scratch vector.
    Scratch,
}

impl Response {
    fn body<'a>(&self, conn: &'a Conn, scratch: &'a [u8]) -> &'a [u8] {
        match self.body {
            BodyAt::Buffer(from, to) => &conn.buf[from..to],
            BodyAt::Scratch => scratch,
        }
    }
}

/// A response head dyno cannot read.
#[derive(Debug)]
pub struct Malformed;

impl Conn {
    fn new(stream: TcpStream) -> Self {
        Conn {
            stream,
            buf: vec![0; 16 * 1024],
            start: 0,
            end: 0,
        }
    }

    /// Sends `request` and reads one full response.
    async fn exchange(
        &mut self,
        request: &[u8],
        scratch: &mut Vec<u8>,
    ) -> std::io::Result<Response> {
        // The previous response was read to its end and HTTP/1.1 without pipelining sends
        // nothing unasked: forget the stale "readable" state without a syscall, so the
        // next read waits for epoll instead of first failing with EAGAIN (one read
        // syscall saved per request, as wrk does).
        if self.start == self.end {
            let _ = self.stream.try_io(tokio::io::Interest::READABLE, || {
                Err::<(), _>(std::io::ErrorKind::WouldBlock.into())
            });
        }
        self.stream.write_all(request).await?;
        // Head.
        let head_len = loop {
            if let Some(n) = find_head_end(&self.buf[self.start..self.end]) {
                break n;
            }
            self.fill().await?;
        };
        let head = parse_head(&self.buf[self.start..self.start + head_len]).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, "malformed response head")
        })?;
        match head.length {
            Length::Fixed(len) => {
                // fill() may compact the buffer, moving `start`: offsets are relative to it.
                while self.end - self.start < head_len + len {
                    self.fill().await?;
                }
                let body_start = self.start + head_len;
                let to = body_start + len;
                self.start = to;
                Ok(Response {
                    status: head.status,
                    close: head.close,
                    total_bytes: head_len + len,
                    body: BodyAt::Buffer(body_start, to),
                })
            }
            Length::Chunked => {
                self.start += head_len;
                scratch.clear();
                let mut total = head_len;
                loop {
                    let line_len = loop {
                        if let Some(i) = find(&self.buf[self.start..self.end], b"\r\n") {
                            break i;
                        }
                        self.fill().await?;
                    };
                    let size_text =
                        std::str::from_utf8(&self.buf[self.start..self.start + line_len])
                            .ok()
                            .and_then(|s| s.split(';').next())
                            .map(str::trim);
                    let size = size_text
                        .and_then(|s| usize::from_str_radix(s, 16).ok())
                        .ok_or_else(|| {
                            std::io::Error::new(std::io::ErrorKind::InvalidData, "bad chunk size")
                        })?;
                    self.start += line_len + 2;
                    total += line_len + 2;
                    while self.end - self.start < size + 2 {
                        self.fill().await?;
                    }
                    scratch.extend_from_slice(&self.buf[self.start..self.start + size]);
                    self.start += size + 2;
                    total += size + 2;
                    if size == 0 {
                        return Ok(Response {
                            status: head.status,
                            close: head.close,
                            total_bytes: total,
                            body: BodyAt::Scratch,
                        });
                    }
                }
            }
            Length::UntilClose => {
                loop {
                    match self.fill().await {
                        Ok(()) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
                        Err(e) => return Err(e),
                    }
                }
                let to = self.end;
                let from = self.end.min(self.start + head_len);
                self.start = to;
                Ok(Response {
                    status: head.status,
                    close: true,
                    total_bytes: to - from + head_len,
                    body: BodyAt::Buffer(from, to),
                })
            }
        }
    }

    /// Reads more bytes, compacting or growing the buffer first when it is full.
    async fn fill(&mut self) -> std::io::Result<()> {
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
        if self.end == self.buf.len() {
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            } else {
                let len = self.buf.len() * 2;
                self.buf.resize(len, 0);
            }
        }
        let n = self.stream.read(&mut self.buf[self.end..]).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        self.end += n;
        Ok(())
    }
}

/// How a response's body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    Fixed(usize),
    Chunked,
    UntilClose,
}

/// A parsed response head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub status: u16,
    /// The server closes the connection after this response.
    pub close: bool,
    pub length: Length,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Length of the head including its blank line, if complete.
pub fn find_head_end(buf: &[u8]) -> Option<usize> {
    find(buf, b"\r\n\r\n").map(|i| i + 4)
}

/// Parses a response head (status line and headers, up to and including the blank line).
pub fn parse_head(head: &[u8]) -> Result<Head, Malformed> {
    let text = std::str::from_utf8(head).map_err(|_| Malformed)?;
    let mut lines = text.split("\r\n");
    let status_line = lines.next().ok_or(Malformed)?;
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next().ok_or(Malformed)?;
    if !version.starts_with("HTTP/1.") {
        return Err(Malformed);
    }
    let status: u16 = parts.next().and_then(|s| s.parse().ok()).ok_or(Malformed)?;
    let mut close = version == "HTTP/1.0";
    let mut length = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(Length::Fixed(value.parse().map_err(|_| Malformed)?));
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            if value.to_ascii_lowercase().contains("chunked") {
                length = Some(Length::Chunked);
            }
        } else if name.eq_ignore_ascii_case("connection") {
            let v = value.to_ascii_lowercase();
            if v.contains("close") {
                close = true;
            } else if v.contains("keep-alive") {
                close = false;
            }
        }
    }
    let length = match length {
        Some(l) => l,
        // 1xx, 204 and 304 have no body.
        None if status < 200 || status == 204 || status == 304 => Length::Fixed(0),
        None => {
            close = true;
            Length::UntilClose
        }
    };
    Ok(Head {
        status,
        close,
        length,
    })
}

/// The request dyno sends: as small as wrk's (`GET / HTTP/1.1` + Host), plus a body with
/// its Content-Length when there is one.
pub fn request_bytes(method: &str, path: &str, host: &str, body: Option<&[u8]>) -> Vec<u8> {
    let mut out = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\n").into_bytes();
    if let Some(body) = body {
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        out.extend_from_slice(body);
    } else {
        out.extend_from_slice(b"\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads() {
        let h = parse_head(b"HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n").unwrap();
        assert_eq!(h.status, 200);
        assert!(!h.close);
        assert!(matches!(h.length, Length::Fixed(13)));
        let h = parse_head(
            b"HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n",
        )
        .unwrap();
        assert_eq!(h.status, 404);
        assert!(h.close);
        assert!(matches!(h.length, Length::Chunked));
        let h = parse_head(b"HTTP/1.0 200 OK\r\n\r\n").unwrap();
        assert!(h.close);
        assert!(matches!(h.length, Length::UntilClose));
        assert!(parse_head(b"SSH-2.0\r\n\r\n").is_err());
        assert!(parse_head(b"HTTP/1.1 abc\r\n\r\n").is_err());
        assert_eq!(find_head_end(b"HTTP/1.1 200 OK\r\n\r\nbody"), Some(19));
    }

    #[test]
    fn requests_are_as_small_as_wrks() {
        let r = request_bytes("GET", "/", "127.0.0.1:8080", None);
        assert_eq!(r, b"GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n");
        assert_eq!(r.len(), 40);
        let p = request_bytes("POST", "/echo", "h", Some(b"abc"));
        assert!(p.ends_with(b"Content-Length: 3\r\n\r\nabc"));
    }
}
