//! Byte-stream handles for node:net and node:child_process: TCP servers and sockets,
//! child processes and their stdio pipes, on the loop's current-thread runtime.
//!
//! Every handle has an id; its events (`connection`, `connect`, `data`, `end`, `error`,
//! `written`, `close`, `exit`) travel to the poll phase as completions and reach JS
//! through the bootstrap's `dispatchHandle`. A handle holds the loop open while it is
//! ref'ed (servers while listening, sockets and children while open).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::json;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, watch};

use crate::io::{Completion, IoError, Payload};

static NEXT_HANDLE: AtomicU64 = AtomicU64::new(1 << 32);

fn next_id() -> u64 {
    NEXT_HANDLE.fetch_add(1, Ordering::Relaxed)
}

enum WriteCmd {
    Data(Vec<u8>, u64),
    Shutdown,
}

/// What JS can do to a handle.
struct Handle {
    writer: Option<mpsc::UnboundedSender<WriteCmd>>,
    /// Paused (true) / flowing (false) reading.
    paused: Option<watch::Sender<bool>>,
    /// Stops a server, a socket's tasks or kills a child.
    stop: Option<watch::Sender<bool>>,
    refed: bool,
}

thread_local! {
    static HANDLES: RefCell<HashMap<u64, Handle>> = RefCell::new(HashMap::new());
}

fn event(
    tx: &mpsc::UnboundedSender<Completion>,
    id: u64,
    body: serde_json::Value,
    bytes: Option<Vec<u8>>,
) {
    let _ = tx.send(Completion {
        id: id as f64,
        result: Ok(Payload::Event(body, bytes)),
        counted: false,
        task: false,
    });
}

fn io_error(e: &std::io::Error, syscall: &'static str, addr: &str) -> IoError {
    let mut err = IoError::from_io(e, syscall, "");
    let errno = e.raw_os_error().unwrap_or(0);
    let code = match errno {
        libc::ECONNREFUSED => "ECONNREFUSED",
        libc::ECONNRESET => "ECONNRESET",
        libc::EADDRINUSE => "EADDRINUSE",
        libc::EADDRNOTAVAIL => "EADDRNOTAVAIL",
        libc::ETIMEDOUT => "ETIMEDOUT",
        libc::EHOSTUNREACH => "EHOSTUNREACH",
        libc::EPIPE => "EPIPE",
        _ => err.code,
    };
    err.code = code;
    err.message = if addr.is_empty() {
        format!("{syscall} {code}")
    } else {
        format!("{syscall} {code} {addr}")
    };
    err
}

fn error_json(e: &IoError) -> serde_json::Value {
    json!({"type": "error", "code": e.code, "errno": e.errno, "syscall": e.syscall, "message": e.message})
}

/// Starts the reader and writer tasks of a byte stream and files its handle.
fn start_stream<R, W>(io: &crate::io::Io, id: u64, reader: Option<R>, writer: Option<W>) -> Handle
where
    R: AsyncRead + Unpin + Send + 'static,
    W: AsyncWrite + Unpin + Send + 'static,
{
    let tx = io.sender();
    let (stop_tx, stop) = watch::channel(false);
    let (paused_tx, mut paused) = watch::channel(false);
    if let Some(mut reader) = reader {
        let tx = tx.clone();
        let mut stop = stop.clone();
        io.handle.spawn(async move {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                while *paused.borrow() {
                    if paused.changed().await.is_err() {
                        return;
                    }
                }
                let n = tokio::select! {
                    r = reader.read(&mut buf) => r,
                    _ = stop.changed() => return,
                    _ = paused.changed() => continue,
                };
                match n {
                    Ok(0) => {
                        event(&tx, id, json!({"type": "end"}), None);
                        return;
                    }
                    Ok(n) => event(&tx, id, json!({"type": "data"}), Some(buf[..n].to_vec())),
                    Err(e) => {
                        event(&tx, id, error_json(&io_error(&e, "read", "")), None);
                        return;
                    }
                }
            }
        });
    }
    let writer_tx = writer.map(|mut writer| {
        let (wtx, mut wrx) = mpsc::unbounded_channel::<WriteCmd>();
        let tx = tx.clone();
        io.handle.spawn(async move {
            while let Some(cmd) = wrx.recv().await {
                match cmd {
                    WriteCmd::Data(bytes, req) => {
                        let r = writer.write_all(&bytes).await;
                        let r = match r {
                            Ok(()) => writer.flush().await,
                            Err(e) => Err(e),
                        };
                        match r {
                            Ok(()) => event(
                                &tx,
                                id,
                                json!({"type": "written", "req": req, "bytes": bytes.len()}),
                                None,
                            ),
                            Err(e) => {
                                let mut body = error_json(&io_error(&e, "write", ""));
                                body["req"] = json!(req);
                                event(&tx, id, body, None);
                                return;
                            }
                        }
                    }
                    WriteCmd::Shutdown => {
                        let _ = writer.shutdown().await;
                        event(&tx, id, json!({"type": "finish"}), None);
                        return;
                    }
                }
            }
        });
        wtx
    });
    Handle {
        writer: writer_tx,
        paused: Some(paused_tx),
        stop: Some(stop_tx),
        refed: false,
    }
}

fn file(io: &crate::io::Io, id: u64, mut handle: Handle) {
    io.hold();
    handle.refed = true;
    HANDLES.with(|h| h.borrow_mut().insert(id, handle));
}

fn addr_json(a: Option<std::net::SocketAddr>) -> serde_json::Value {
    match a {
        Some(a) => json!({
            "address": a.ip().to_string(),
            "port": a.port(),
            "family": if a.is_ipv4() { "IPv4" } else { "IPv6" },
        }),
        None => serde_json::Value::Null,
    }
}

fn adopt_tcp(io: &crate::io::Io, stream: tokio::net::TcpStream) -> (u64, serde_json::Value) {
    let _ = stream.set_nodelay(true);
    let local = stream.local_addr().ok();
    let remote = stream.peer_addr().ok();
    let id = next_id();
    let (r, w) = stream.into_split();
    let handle = start_stream(io, id, Some(r), Some(w));
    file(io, id, handle);
    (
        id,
        json!({"socket": id, "local": addr_json(local), "remote": addr_json(remote)}),
    )
}

/// `tcpListen(host, port)`: `[serverId, port]`; throws EADDRINUSE and friends.
pub fn listen(io: &crate::io::Io, host: &str, port: u16) -> Result<(u64, u16), IoError> {
    let addr = format!("{host}:{port}");
    let shown = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        addr.clone()
    };
    let std_listener =
        std::net::TcpListener::bind(&addr).map_err(|e| io_error(&e, "listen", &shown))?;
    std_listener
        .set_nonblocking(true)
        .map_err(|e| io_error(&e, "listen", &shown))?;
    let bound = std_listener
        .local_addr()
        .map_err(|e| io_error(&e, "listen", &shown))?
        .port();
    let _guard = io.handle.enter();
    let listener = tokio::net::TcpListener::from_std(std_listener)
        .map_err(|e| io_error(&e, "listen", &shown))?;
    let id = next_id();
    let (stop_tx, mut stop) = watch::channel(false);
    let tx = io.sender();
    io.handle.spawn(async move {
        loop {
            let accepted = tokio::select! {
                a = listener.accept() => a,
                _ = stop.changed() => return,
            };
            if let Ok((stream, _)) = accepted {
                // Sockets are adopted on the JS thread (they need the Io); hand over the
                // std stream.
                if let Ok(std) = stream.into_std() {
                    PENDING_ACCEPT.with(|p| p.borrow_mut().push((id, std)));
                    event(&tx, id, json!({"type": "accept"}), None);
                }
            }
        }
    });
    file(
        io,
        id,
        Handle {
            writer: None,
            paused: None,
            stop: Some(stop_tx),
            refed: false,
        },
    );
    Ok((id, bound))
}

thread_local! {
    static PENDING_ACCEPT: RefCell<Vec<(u64, std::net::TcpStream)>> = const { RefCell::new(Vec::new()) };
}

/// `tcpAccept(serverId)`: adopts the oldest accepted connection of the server:
/// `{socket, local, remote}` or undefined.
pub fn accept(io: &crate::io::Io, server: u64) -> Option<serde_json::Value> {
    let std = PENDING_ACCEPT.with(|p| {
        let mut p = p.borrow_mut();
        let at = p.iter().position(|(s, _)| *s == server)?;
        Some(p.remove(at).1)
    })?;
    let _guard = io.handle.enter();
    let stream = tokio::net::TcpStream::from_std(std).ok()?;
    Some(adopt_tcp(io, stream).1)
}

/// `tcpConnect(host, port)`: a socket id now; `connect` or `error` follows.
pub fn connect(io: &crate::io::Io, host: String, port: u16) -> u64 {
    let id = next_id();
    let tx = io.sender();
    let shown = format!("{host}:{port}");
    // The handle exists (and holds the loop) from now; the stream is attached when the
    // connection is up.
    file(
        io,
        id,
        Handle {
            writer: None,
            paused: None,
            stop: None,
            refed: false,
        },
    );
    io.handle.spawn(async move {
        match tokio::net::TcpStream::connect((host.as_str(), port)).await {
            Ok(stream) => match stream.into_std() {
                Ok(std) => {
                    PENDING_CONNECT.with(|p| p.borrow_mut().insert(id, std));
                    event(&tx, id, json!({"type": "connected"}), None);
                }
                Err(e) => event(&tx, id, error_json(&io_error(&e, "connect", &shown)), None),
            },
            Err(e) => event(&tx, id, error_json(&io_error(&e, "connect", &shown)), None),
        }
    });
    id
}

thread_local! {
    static PENDING_CONNECT: RefCell<HashMap<u64, std::net::TcpStream>> = RefCell::new(HashMap::new());
}

/// `tcpAttach(socketId)`: after `connected`, starts the socket's I/O:
/// `{local, remote}`.
pub fn attach(io: &crate::io::Io, id: u64) -> Option<serde_json::Value> {
    let std = PENDING_CONNECT.with(|p| p.borrow_mut().remove(&id))?;
    let _guard = io.handle.enter();
    let stream = tokio::net::TcpStream::from_std(std).ok()?;
    let _ = stream.set_nodelay(true);
    let local = stream.local_addr().ok();
    let remote = stream.peer_addr().ok();
    let (r, w) = stream.into_split();
    let mut handle = start_stream(io, id, Some(r), Some(w));
    HANDLES.with(|h| {
        let mut h = h.borrow_mut();
        let refed = h.get(&id).is_some_and(|old| old.refed);
        handle.refed = refed;
        h.insert(id, handle);
    });
    Some(json!({"local": addr_json(local), "remote": addr_json(remote)}))
}

/// `streamWrite(id, bytes, req)`: false when the handle cannot write.
pub fn write(id: u64, bytes: Vec<u8>, req: u64) -> bool {
    HANDLES.with(|h| {
        h.borrow()
            .get(&id)
            .and_then(|h| h.writer.as_ref())
            .is_some_and(|w| w.send(WriteCmd::Data(bytes, req)).is_ok())
    })
}

/// `streamShutdown(id)`: ends the writing side after queued writes.
pub fn shutdown(id: u64) -> bool {
    HANDLES.with(|h| {
        h.borrow_mut()
            .get_mut(&id)
            .and_then(|h| h.writer.take())
            .is_some_and(|w| w.send(WriteCmd::Shutdown).is_ok())
    })
}

/// `streamPause(id, paused)`.
pub fn pause(id: u64, paused: bool) {
    HANDLES.with(|h| {
        if let Some(p) = h.borrow().get(&id).and_then(|h| h.paused.as_ref()) {
            let _ = p.send(paused);
        }
    });
}

/// `handleRef(id, refed)`: whether the handle keeps the loop alive.
pub fn set_ref(io: &crate::io::Io, id: u64, refed: bool) {
    HANDLES.with(|h| {
        if let Some(handle) = h.borrow_mut().get_mut(&id) {
            if handle.refed != refed {
                handle.refed = refed;
                if refed {
                    io.hold();
                } else {
                    io.release();
                }
            }
        }
    });
}

/// `handleClose(id)`: stops the handle's tasks and forgets it (a child is not killed).
pub fn close(io: &crate::io::Io, id: u64) -> bool {
    let Some(handle) = HANDLES.with(|h| h.borrow_mut().remove(&id)) else {
        return false;
    };
    if let Some(stop) = &handle.stop {
        let _ = stop.send(true);
    }
    if handle.refed {
        io.release();
    }
    PENDING_CONNECT.with(|p| p.borrow_mut().remove(&id));
    // Connections a closed server accepted but JS never adopted are closed with it.
    PENDING_ACCEPT.with(|p| p.borrow_mut().retain(|(server, _)| *server != id));
    true
}

// ---- child processes ---------------------------------------------------------------

/// How one of a child's stdio slots is set up.
pub enum Stdio {
    Pipe,
    Inherit,
    Ignore,
}

pub struct SpawnRequest {
    pub file: String,
    pub args: Vec<String>,
    pub cwd: Option<String>,
    pub env: Option<Vec<(String, String)>>,
    pub stdio: [Stdio; 3],
    pub argv0: Option<String>,
}

/// `spawn(...)`: `{pid, child, stdin, stdout, stderr}` (ids; 0 for no pipe); `exit`
/// arrives on the child id with `{code, signal}`.
pub fn spawn(io: &crate::io::Io, req: SpawnRequest) -> Result<serde_json::Value, IoError> {
    use std::process::Stdio as S;
    let mut cmd = tokio::process::Command::new(&req.file);
    cmd.args(&req.args);
    if let Some(argv0) = &req.argv0 {
        use std::os::unix::process::CommandExt;
        cmd.as_std_mut().arg0(argv0);
    }
    if let Some(cwd) = &req.cwd {
        cmd.current_dir(cwd);
    }
    if let Some(env) = &req.env {
        cmd.env_clear();
        cmd.envs(env.iter().map(|(k, v)| (k, v)));
    }
    let slot = |s: &Stdio| match s {
        Stdio::Pipe => S::piped(),
        Stdio::Inherit => S::inherit(),
        Stdio::Ignore => S::null(),
    };
    cmd.stdin(slot(&req.stdio[0]));
    cmd.stdout(slot(&req.stdio[1]));
    cmd.stderr(slot(&req.stdio[2]));
    cmd.kill_on_drop(false);
    crate::binding::flush_stdout();
    let _guard = io.handle.enter();
    let mut child = cmd.spawn().map_err(|e| {
        let mut err = IoError::from_io(&e, "spawn", &req.file);
        err.syscall = "spawn";
        err.message = format!("spawn {} {}", req.file, err.code);
        err
    })?;
    let pid = child.id().unwrap_or(0);
    let none_r: Option<tokio::process::ChildStdout> = None;
    let none_w: Option<tokio::process::ChildStdin> = None;
    let stdin = child.stdin.take().map(|w| {
        let id = next_id();
        file(io, id, start_stream(io, id, none_r, Some(w)));
        id
    });
    let stdout = child.stdout.take().map(|r| {
        let id = next_id();
        file(io, id, start_stream(io, id, Some(r), none_w));
        id
    });
    let stderr = child.stderr.take().map(|r| {
        let id = next_id();
        let none_w: Option<tokio::process::ChildStdin> = None;
        file(io, id, start_stream(io, id, Some(r), none_w));
        id
    });
    let id = next_id();
    let tx = io.sender();
    io.handle.spawn(async move {
        let status = child.wait().await;
        let body = match status {
            Ok(s) => {
                use std::os::unix::process::ExitStatusExt;
                json!({"type": "exit", "code": s.code(), "signal": s.signal()})
            }
            Err(e) => error_json(&io_error(&e, "waitpid", "")),
        };
        event(&tx, id, body, None);
    });
    file(
        io,
        id,
        Handle {
            writer: None,
            paused: None,
            stop: None,
            refed: false,
        },
    );
    Ok(json!({"pid": pid, "child": id, "stdin": stdin, "stdout": stdout, "stderr": stderr}))
}

/// `kill(pid, signal)`: errno on failure (0 on success).
pub fn kill(pid: i32, signal: i32) -> i32 {
    // SAFETY: kill only sends a signal.
    if unsafe { libc::kill(pid, signal) } == 0 {
        0
    } else {
        std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
    }
}

// ---- the JS bindings ------------------------------------------------------------------

fn need_io(ctx: &rquickjs::Ctx<'_>) -> rquickjs::Result<std::rc::Rc<crate::io::Io>> {
    match crate::io::current() {
        Some(io) => Ok(io),
        None => crate::binding::throw_coded(ctx, "ERR_INTERNAL", "no event loop"),
    }
}

fn js<'js>(
    ctx: &rquickjs::Ctx<'js>,
    v: Option<serde_json::Value>,
) -> rquickjs::Result<rquickjs::Value<'js>> {
    match v {
        Some(v) => crate::event_loop::json_value(ctx, &v),
        None => Ok(rquickjs::Value::new_undefined(ctx.clone())),
    }
}

/// `spawnSync(file, args, {cwd, env: [k, v, ...], input, timeout, inherit: [bool; 3]})`:
/// `{pid, status, signal, stdout, stderr}` or throws a spawn error.
fn spawn_sync<'js>(
    ctx: rquickjs::Ctx<'js>,
    file: String,
    args: Vec<String>,
    opts: rquickjs::Object<'js>,
) -> rquickjs::Result<rquickjs::Object<'js>> {
    use std::io::Write;
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio as S};
    let mut cmd = Command::new(&file);
    cmd.args(&args);
    if let Some(cwd) = opts.get::<_, Option<String>>("cwd")? {
        cmd.current_dir(cwd);
    }
    if let Some(env) = opts.get::<_, Option<Vec<String>>>("env")? {
        cmd.env_clear();
        cmd.envs(crate::binding::pairs(env));
    }
    let inherit: Vec<bool> = opts
        .get::<_, Option<Vec<bool>>>("inherit")?
        .unwrap_or_default();
    let slot = |i: usize| {
        if inherit.get(i).copied().unwrap_or(false) {
            S::inherit()
        } else {
            S::piped()
        }
    };
    cmd.stdin(slot(0)).stdout(slot(1)).stderr(slot(2));
    let input: Option<rquickjs::Value> = opts.get("input")?;
    let input = match input {
        Some(v) if !v.is_undefined() && !v.is_null() => Some(crate::binding::bytes_of(&v)?),
        _ => None,
    };
    let timeout_ms: Option<f64> = opts.get("timeout")?;
    crate::binding::flush_stdout();
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            let mut err = IoError::from_io(&e, "spawnSync", &file);
            err.message = format!("spawnSync {file} {}", err.code);
            return crate::binding::throw_io(&ctx, err);
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        if let Some(input) = input {
            let _ = stdin.write_all(&input);
        }
    }
    let pid = child.id();
    // A watchdog kills the child when the timeout passes.
    let timed_out = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    if let Some(ms) = timeout_ms.filter(|ms| *ms > 0.0) {
        let timed_out = timed_out.clone();
        let done = done.clone();
        std::thread::spawn(move || {
            let until = std::time::Instant::now() + std::time::Duration::from_secs_f64(ms / 1e3);
            while std::time::Instant::now() < until {
                if done.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            if !done.load(Ordering::Relaxed) {
                timed_out.store(true, Ordering::Relaxed);
                kill(pid as i32, libc::SIGTERM);
            }
        });
    }
    let out = child.wait_with_output();
    done.store(true, Ordering::Relaxed);
    let out = match out {
        Ok(o) => o,
        Err(e) => return crate::binding::throw_io(&ctx, IoError::from_io(&e, "spawnSync", &file)),
    };
    let o = rquickjs::Object::new(ctx.clone())?;
    o.set("pid", pid)?;
    o.set("status", out.status.code())?;
    o.set("signal", out.status.signal())?;
    o.set(
        "stdout",
        rquickjs::TypedArray::<u8>::new(ctx.clone(), out.stdout)?,
    )?;
    o.set(
        "stderr",
        rquickjs::TypedArray::<u8>::new(ctx.clone(), out.stderr)?,
    )?;
    o.set("timedOut", timed_out.load(Ordering::Relaxed))?;
    Ok(o)
}

/// Registers the natives on the binding object.
pub fn register<'js>(ctx: &rquickjs::Ctx<'js>, b: &rquickjs::Object<'js>) -> rquickjs::Result<()> {
    use rquickjs::{Ctx, Function, Object, Value};
    b.set(
        "tcpListen",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, host: String, port: f64| -> rquickjs::Result<Vec<f64>> {
                let io = need_io(&ctx)?;
                if !(0.0..=65535.0).contains(&port) || port.fract() != 0.0 {
                    return crate::binding::throw_coded(
                        &ctx,
                        "ERR_SOCKET_BAD_PORT",
                        &format!("options.port should be >= 0 and < 65536. Received {port}."),
                    );
                }
                match listen(&io, &host, port as u16) {
                    Ok((id, port)) => Ok(vec![id as f64, f64::from(port)]),
                    Err(e) => crate::binding::throw_io(&ctx, e),
                }
            },
        )?,
    )?;
    b.set(
        "tcpAccept",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, server: f64| -> rquickjs::Result<Value<'js>> {
                let io = need_io(&ctx)?;
                js(&ctx, accept(&io, server as u64))
            },
        )?,
    )?;
    b.set(
        "tcpConnect",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, host: String, port: f64| -> rquickjs::Result<f64> {
                let io = need_io(&ctx)?;
                Ok(connect(&io, host, port as u16) as f64)
            },
        )?,
    )?;
    b.set(
        "tcpAttach",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, id: f64| -> rquickjs::Result<Value<'js>> {
                let io = need_io(&ctx)?;
                js(&ctx, attach(&io, id as u64))
            },
        )?,
    )?;
    b.set(
        "streamWrite",
        Function::new(
            ctx.clone(),
            |id: f64, data: Value<'js>, req: f64| -> rquickjs::Result<bool> {
                Ok(write(
                    id as u64,
                    crate::binding::bytes_of(&data)?,
                    req as u64,
                ))
            },
        )?,
    )?;
    b.set(
        "streamShutdown",
        Function::new(ctx.clone(), |id: f64| shutdown(id as u64))?,
    )?;
    b.set(
        "streamPause",
        Function::new(ctx.clone(), |id: f64, p: bool| pause(id as u64, p))?,
    )?;
    b.set(
        "handleRef",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, id: f64, r: bool| -> rquickjs::Result<()> {
                let io = need_io(&ctx)?;
                set_ref(&io, id as u64, r);
                Ok(())
            },
        )?,
    )?;
    b.set(
        "handleClose",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, id: f64| -> rquickjs::Result<bool> {
                let io = need_io(&ctx)?;
                Ok(close(&io, id as u64))
            },
        )?,
    )?;
    b.set(
        "spawn",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>,
             file: String,
             args: Vec<String>,
             o: Object<'js>|
             -> rquickjs::Result<Value<'js>> {
                let io = need_io(&ctx)?;
                let stdio_of = |s: Option<String>| match s.as_deref() {
                    Some("inherit") => Stdio::Inherit,
                    Some("ignore") => Stdio::Ignore,
                    _ => Stdio::Pipe,
                };
                let stdio: Vec<Option<String>> = o
                    .get::<_, Option<Vec<Option<String>>>>("stdio")?
                    .unwrap_or_default();
                let env = o
                    .get::<_, Option<Vec<String>>>("env")?
                    .map(crate::binding::pairs);
                let req = SpawnRequest {
                    file,
                    args,
                    cwd: o.get("cwd")?,
                    env,
                    stdio: [
                        stdio_of(stdio.first().cloned().flatten()),
                        stdio_of(stdio.get(1).cloned().flatten()),
                        stdio_of(stdio.get(2).cloned().flatten()),
                    ],
                    argv0: o.get("argv0")?,
                };
                match spawn(&io, req) {
                    Ok(v) => crate::event_loop::json_value(&ctx, &v),
                    Err(e) => crate::binding::throw_io(&ctx, e),
                }
            },
        )?,
    )?;
    b.set("spawnSync", Function::new(ctx.clone(), spawn_sync)?)?;
    b.set(
        "kill",
        Function::new(ctx.clone(), |pid: f64, sig: f64| {
            kill(pid as i32, sig as i32)
        })?,
    )?;
    Ok(())
}
