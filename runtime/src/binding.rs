//! The native binding object handed to `js/bootstrap.js`: everything the JS side of the
//! runtime needs from Rust (output, clocks, the microtask queue, files, compilation,
//! process facts). Never exposed as a global.

use std::cell::RefCell;
use std::io::Write;
use std::time::Instant;

use rquickjs::{qjs, Array, Ctx, Function, Object, Result, Value};

use crate::modules;
use crate::resolver::{self, Kind, Resolved};

thread_local! {
    /// stdout is buffered and flushed before blocking, before writing to stderr (to keep
    /// the relative order a terminal shows) and at exit.
    static STDOUT: RefCell<std::io::BufWriter<std::io::Stdout>> =
        RefCell::new(std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout()));
    static STDOUT_IS_TTY: bool = unsafe { libc::isatty(1) == 1 };
    /// Set when the nextTick queue goes from empty to non-empty or a promise is rejected
    /// unhandled: the natively dispatched callbacks (src/serve.rs) drain the queues only
    /// then. Cleared by whoever drains next; a stale `true` costs one needless drain.
    static TICKS_QUEUED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Marks the tick queue (or the unhandled-rejection list) as possibly non-empty.
pub fn mark_ticks_queued() {
    TICKS_QUEUED.with(|t| t.set(true));
}

/// Whether ticks may be queued since the last call (and clears the mark).
pub fn take_ticks_queued() -> bool {
    TICKS_QUEUED.with(|t| t.replace(false))
}

/// Monotonic origin of `performance.now()` and the loop clock.
pub struct Clock {
    pub origin: Instant,
    /// Wall-clock time at `origin`, ms since the epoch (`performance.timeOrigin`).
    pub time_origin_ms: f64,
}

impl Clock {
    pub fn new() -> Self {
        let wall = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1e3);
        Clock {
            origin: Instant::now(),
            time_origin_ms: wall,
        }
    }

    pub fn now_ms(&self) -> f64 {
        self.origin.elapsed().as_secs_f64() * 1e3
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::new()
    }
}

pub fn flush_stdout() {
    STDOUT.with(|out| {
        let _ = out.borrow_mut().flush();
    });
}

/// Writes to fd 1 or 2. A closed pipe is ignored, as Node ignores EPIPE on stdout.
pub fn write(fd: i32, text: &str) {
    if fd == 2 {
        flush_stdout();
        let _ = std::io::stderr().write_all(text.as_bytes());
    } else {
        STDOUT.with(|out| {
            let mut out = out.borrow_mut();
            let _ = out.write_all(text.as_bytes());
            if STDOUT_IS_TTY.with(|t| *t) {
                let _ = out.flush();
            }
        });
    }
}

/// Flushes and ends the process without tearing the engine down (as Node does).
pub fn exit(code: i32) -> ! {
    flush_stdout();
    std::process::exit(code)
}

/// Runs every pending job (promise reactions, queueMicrotask callbacks). A job that
/// throws leaves its exception pending on `ctx` and returns `Err(Exception)`.
pub fn run_microtasks(ctx: &Ctx<'_>) -> Result<()> {
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: raw is this context's pointer; QuickJS owns the job queue of its runtime.
    let rt = unsafe { qjs::JS_GetRuntime(raw) };
    loop {
        let mut job_ctx: *mut qjs::JSContext = std::ptr::null_mut();
        let r = unsafe { qjs::JS_ExecutePendingJob(rt, &mut job_ctx) };
        if r == 0 {
            return Ok(());
        }
        if r < 0 {
            if !job_ctx.is_null() && job_ctx != raw {
                // The job belonged to another realm: move its exception here.
                unsafe {
                    let exc = qjs::JS_GetException(job_ctx);
                    qjs::JS_Throw(raw, exc);
                }
            }
            return Err(rquickjs::Error::Exception);
        }
    }
}

/// Throws a JS `Error` with a `code` property.
pub fn throw_coded<T>(ctx: &Ctx<'_>, code: &str, message: &str) -> Result<T> {
    // Through the JS constructor, so the error has a stack and a non-enumerable message.
    let ctor: rquickjs::function::Constructor = ctx.globals().get("Error")?;
    let err: Object = ctor.construct((message,))?;
    err.set("code", code)?;
    Err(ctx.throw(err.into_value()))
}

/// `[name, value, name, value, ...]` from JS as pairs.
pub(crate) fn pairs(flat: Vec<String>) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(flat.len() / 2);
    let mut it = flat.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        out.push((k, v));
    }
    out
}

/// Builds the binding object.
pub fn create<'js>(
    ctx: &Ctx<'js>,
    clock: std::rc::Rc<Clock>,
    argv: Vec<String>,
) -> Result<Object<'js>> {
    let b = Object::new(ctx.clone())?;
    b.set("version", crate::VERSION)?;
    b.set("engineVersion", crate::engine_version())?;
    b.set(
        "arch",
        match std::env::consts::ARCH {
            "x86_64" => "x64",
            "aarch64" => "arm64",
            other => other,
        },
    )?;
    b.set("platform", std::env::consts::OS)?;
    b.set("builtinModules", resolver::BUILTINS.to_vec())?;
    b.set("pid", std::process::id())?;
    b.set("ppid", unsafe { libc::getppid() })?;
    b.set(
        "cpus",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    )?;
    b.set(
        "execPath",
        std::env::current_exe()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "dynojs".into()),
    )?;
    let argv_arr = Array::new(ctx.clone())?;
    for (i, a) in argv.iter().enumerate() {
        argv_arr.set(i, a.as_str())?;
    }
    b.set("argv", argv_arr)?;
    let env = Object::new(ctx.clone())?;
    for (k, v) in std::env::vars_os() {
        env.set(k.to_string_lossy().as_ref(), v.to_string_lossy().as_ref())?;
    }
    b.set("env", env)?;
    b.set("timeOrigin", clock.time_origin_ms)?;

    b.set(
        "write",
        Function::new(ctx.clone(), |fd: i32, text: String| write(fd, &text))?,
    )?;
    let c = clock.clone();
    b.set("now", Function::new(ctx.clone(), move || c.now_ms())?)?;
    b.set(
        "hrtime",
        Function::new(ctx.clone(), || {
            let mut ts = libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            // SAFETY: clock_gettime fills the struct.
            unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
            vec![ts.tv_sec as f64, ts.tv_nsec as f64]
        })?,
    )?;
    b.set(
        "runMicrotasks",
        Function::new(ctx.clone(), |ctx: Ctx<'_>| run_microtasks(&ctx))?,
    )?;
    b.set(
        "jobPending",
        Function::new(ctx.clone(), |ctx: Ctx<'_>| {
            // SAFETY: the runtime of this context, whose lock the caller holds.
            unsafe { qjs::JS_IsJobPending(qjs::JS_GetRuntime(ctx.as_raw().as_ptr())) }
        })?,
    )?;
    b.set(
        "enqueueJob",
        Function::new(ctx.clone(), |f: Function<'_>| f.defer(()))?,
    )?;
    b.set(
        "exit",
        Function::new(ctx.clone(), |code: i32| -> () { exit(code) })?,
    )?;
    b.set(
        "cwd",
        Function::new(ctx.clone(), || {
            std::env::current_dir()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default()
        })?,
    )?;
    b.set(
        "chdir",
        Function::new(ctx.clone(), |ctx: Ctx<'_>, dir: String| -> Result<()> {
            std::env::set_current_dir(&dir)
                .or_else(|e| throw_coded(&ctx, "ENOENT", &format!("ENOENT: {e}, chdir '{dir}'")))
        })?,
    )?;
    b.set(
        "kill",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'_>, pid: i32, sig: Value<'_>| -> Result<bool> {
                let signal = match sig.as_string().map(|s| s.to_string()).transpose()? {
                    Some(name) => match name.as_str() {
                        "SIGTERM" => libc::SIGTERM,
                        "SIGKILL" => libc::SIGKILL,
                        "SIGINT" => libc::SIGINT,
                        "SIGHUP" => libc::SIGHUP,
                        "SIGUSR1" => libc::SIGUSR1,
                        "SIGUSR2" => libc::SIGUSR2,
                        _ => {
                            return throw_coded(
                                &ctx,
                                "ERR_UNKNOWN_SIGNAL",
                                &format!("Unknown signal: {name}"),
                            )
                        }
                    },
                    None => sig.as_int().unwrap_or(libc::SIGTERM),
                };
                flush_stdout();
                // SAFETY: kill(2) with any pid/signal is safe to call.
                if unsafe { libc::kill(pid, signal) } != 0 {
                    return throw_coded(&ctx, "ESRCH", "kill ESRCH");
                }
                Ok(true)
            },
        )?,
    )?;
    b.set("memoryUsage", Function::new(ctx.clone(), memory_usage)?)?;
    b.set(
        "gc",
        Function::new(ctx.clone(), |ctx: Ctx<'_>| unsafe {
            qjs::JS_RunGC(qjs::JS_GetRuntime(ctx.as_raw().as_ptr()))
        })?,
    )?;
    b.set(
        "readFile",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'_>, path: String| -> Result<String> {
                std::fs::read_to_string(&path).or_else(|e| {
                    let code = match e.kind() {
                        std::io::ErrorKind::NotFound => "ENOENT",
                        std::io::ErrorKind::PermissionDenied => "EACCES",
                        _ => "EIO",
                    };
                    throw_coded(&ctx, code, &format!("{code}: {e}, open '{path}'"))
                })
            },
        )?,
    )?;
    b.set(
        "resolve",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'_>, specifier: String, referrer: String, require: bool| -> Result<String> {
                let kind = if require { Kind::Require } else { Kind::Import };
                match resolver::resolve(&specifier, &referrer, kind) {
                    Ok(r) => Ok(r.key()),
                    Err(e) => throw_coded(&ctx, e.code, &e.message),
                }
            },
        )?,
    )?;
    b.set(
        "isEsm",
        Function::new(ctx.clone(), |path: String| {
            resolver::is_esm(std::path::Path::new(&path))
        })?,
    )?;
    b.set(
        "isBuiltin",
        Function::new(ctx.clone(), |name: String| {
            matches!(
                resolver::resolve(&name, "", Kind::Require),
                Ok(Resolved::Builtin(_))
            )
        })?,
    )?;
    b.set("loadBuiltin", Function::new(ctx.clone(), load_builtin)?)?;
    b.set("httpListen", Function::new(ctx.clone(), http_listen)?)?;
    b.set("httpClose", Function::new(ctx.clone(), http_close)?)?;
    b.set("osInfo", Function::new(ctx.clone(), crate::os::os_info)?)?;
    b.set(
        "interfaces",
        Function::new(ctx.clone(), crate::os::interfaces_js)?,
    )?;
    b.set("isatty", Function::new(ctx.clone(), crate::os::isatty)?)?;
    b.set(
        "windowSize",
        Function::new(ctx.clone(), crate::os::window_size)?,
    )?;
    b.set("fsCall", Function::new(ctx.clone(), crate::fs::fs_call)?)?;
    b.set("fetchStart", Function::new(ctx.clone(), fetch_start)?)?;
    b.set("fetchAbort", Function::new(ctx.clone(), fetch_abort)?)?;
    b.set("httpRespond", Function::new(ctx.clone(), http_respond)?)?;
    b.set("httpEnd", Function::new(ctx.clone(), http_end)?)?;
    // The natives of the servers' fast paths (src/serve.rs).
    macro_rules! natives {
        ($($name:literal => $f:expr),* $(,)?) => {
            $(b.set($name, Function::new(ctx.clone(), $f)?)?;)*
        };
    }
    natives! {
        "nodeHeaders" => crate::serve::node_headers,
        "wireRequest" => crate::serve::wire_request,
        "wireRemote" => crate::serve::wire_remote,
        "ticksQueued" => mark_ticks_queued,
        "serveChanged" => crate::serve::serve_changed,
    }
    b.set(
        "httpRespondStart",
        Function::new(ctx.clone(), http_respond_start)?,
    )?;
    b.set(
        "httpWriteChunk",
        Function::new(
            ctx.clone(),
            |stream: f64, data: Value<'_>| -> Result<bool> {
                Ok(crate::http::write_chunk(stream as u64, bytes_of(&data)?))
            },
        )?,
    )?;
    b.set(
        "httpBodyPause",
        Function::new(ctx.clone(), |id: f64, paused: bool| {
            crate::http::pause_body(id as u64, paused)
        })?,
    )?;
    b.set(
        "httpEndStream",
        Function::new(ctx.clone(), |stream: f64| {
            crate::http::end_stream(stream as u64)
        })?,
    )?;
    b.set("utf8Encode", Function::new(ctx.clone(), utf8_encode)?)?;
    b.set("utf8Decode", Function::new(ctx.clone(), utf8_decode)?)?;
    crate::web::register(ctx, &b)?;
    crate::net::register(ctx, &b)?;
    crate::wasm::register(ctx, &b)?;
    b.set("compileScript", Function::new(ctx.clone(), compile_script)?)?;
    b.set(
        "btoa",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'_>, input: String| -> Result<String> {
                crate::modules::base64::btoa(&input).or_else(|_| {
                    crate::vm::throw_dom_exception(
                        &ctx,
                        "Invalid character",
                        "InvalidCharacterError",
                    )
                })
            },
        )?,
    )?;
    b.set(
        "atob",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'_>, input: String| -> Result<String> {
                crate::modules::base64::atob(&input).or_else(|_| {
                    crate::vm::throw_dom_exception(
                        &ctx,
                        "The string to be decoded is not correctly encoded.",
                        "InvalidCharacterError",
                    )
                })
            },
        )?,
    )?;
    b.set("promiseState", Function::new(ctx.clone(), promise_state)?)?;
    Ok(b)
}

fn compile_script<'js>(
    ctx: Ctx<'js>,
    source: String,
    filename: String,
    first_line: rquickjs::function::Opt<i32>,
) -> Result<Value<'js>> {
    crate::vm::eval_at(&ctx, &source, &filename, first_line.0.unwrap_or(1), false)
}

fn memory_usage<'js>(ctx: Ctx<'js>) -> Result<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(4096) as f64;
    let rss = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(0.0, |p| p * page);
    let mut usage = std::mem::MaybeUninit::<qjs::JSMemoryUsage>::zeroed();
    // SAFETY: JS_ComputeMemoryUsage fills the struct for this runtime.
    let usage = unsafe {
        qjs::JS_ComputeMemoryUsage(
            qjs::JS_GetRuntime(ctx.as_raw().as_ptr()),
            usage.as_mut_ptr(),
        );
        usage.assume_init()
    };
    o.set("rss", rss)?;
    o.set("heapTotal", usage.malloc_size as f64)?;
    o.set("heapUsed", usage.memory_used_size as f64)?;
    o.set("external", 0)?;
    o.set("arrayBuffers", 0)?;
    Ok(o)
}

/// `[state, result]` of a promise (0 pending, 1 fulfilled, 2 rejected), `[]` otherwise.
fn promise_state<'js>(v: Value<'js>) -> Vec<Value<'js>> {
    let Some(p) = v.as_promise() else {
        return vec![];
    };
    let ctx = v.ctx().clone();
    let state = match p.state() {
        rquickjs::promise::PromiseState::Pending => 0,
        rquickjs::promise::PromiseState::Resolved => 1,
        rquickjs::promise::PromiseState::Rejected => 2,
    };
    let result = if state == 0 {
        Value::new_undefined(ctx.clone())
    } else {
        // SAFETY: the promise is settled; JS_PromiseResult returns a new reference.
        unsafe {
            Value::from_raw(
                ctx.clone(),
                qjs::JS_PromiseResult(ctx.as_raw().as_ptr(), v.as_raw()),
            )
        }
    };
    vec![Value::new_int(ctx, state), result]
}

fn load_builtin<'js>(ctx: Ctx<'js>, name: String) -> Result<Value<'js>> {
    match modules::load(&ctx, &name)? {
        Some(v) => Ok(v),
        None => throw_coded(
            &ctx,
            "ERR_UNKNOWN_BUILTIN_MODULE",
            &format!("No such built-in module: node:{name}"),
        ),
    }
}

/// Bytes of a string or an ArrayBuffer view passed from JS.
pub(crate) fn bytes_of(data: &Value<'_>) -> Result<Vec<u8>> {
    if let Some(s) = data.as_string() {
        return Ok(s.to_string()?.into_bytes());
    }
    if let Ok(view) = rquickjs::TypedArray::<u8>::from_value(data.clone()) {
        // SAFETY: the bytes are copied at once, before any JS can detach the buffer.
        return Ok(unsafe { view.as_bytes() }
            .map(<[u8]>::to_vec)
            .unwrap_or_default());
    }
    Ok(data
        .as_string()
        .map(|s| s.to_string())
        .transpose()?
        .unwrap_or_default()
        .into_bytes())
}

pub(crate) fn throw_io<T>(ctx: &Ctx<'_>, e: crate::io::IoError) -> Result<T> {
    let ctor: rquickjs::function::Constructor = ctx.globals().get("Error")?;
    let err: Object = ctor.construct((e.message.as_str(),))?;
    err.set("errno", e.errno)?;
    err.set("code", e.code)?;
    err.set("syscall", e.syscall)?;
    if !e.path.is_empty() {
        err.set("path", e.path)?;
    }
    if let Some(dest) = e.dest {
        err.set("dest", dest)?;
    }
    Err(ctx.throw(err.into_value()))
}

/// `httpListen(server, host, port)`: the bound port; throws a Node-style system error.
fn http_listen(ctx: Ctx<'_>, server: f64, host: String, port: f64) -> Result<f64> {
    let Some(io) = crate::io::current() else {
        return throw_coded(&ctx, "ERR_INTERNAL", "no event loop");
    };
    if !(0.0..=65535.0).contains(&port) || port.fract() != 0.0 {
        return throw_coded(
            &ctx,
            "ERR_SOCKET_BAD_PORT",
            &format!("options.port should be >= 0 and < 65536. Received {port}."),
        );
    }
    match crate::http::listen(&io, server as u64, &host, port as u16) {
        Ok(bound) => Ok(f64::from(bound)),
        Err(e) => throw_io(&ctx, e),
    }
}

/// `fetchStart(id, method, url, [name, value, ...], body, redirect)`.
fn fetch_start(
    ctx: Ctx<'_>,
    id: f64,
    method: String,
    url: String,
    headers: Vec<String>,
    body: Value<'_>,
    redirect: String,
) -> Result<()> {
    let Some(io) = crate::io::current() else {
        return throw_coded(&ctx, "ERR_INTERNAL", "no event loop");
    };
    let body = if body.is_undefined() || body.is_null() {
        None
    } else {
        Some(bytes_of(&body)?)
    };
    let headers = pairs(headers);
    let req = crate::fetch::Outgoing {
        method,
        url,
        headers,
        body,
        redirect,
    };
    crate::fetch::start(&io, id as u64, req);
    Ok(())
}

fn fetch_abort(id: f64) -> bool {
    crate::io::current().is_some_and(|io| crate::fetch::abort(&io, id as u64))
}

fn http_close(server: f64) -> bool {
    crate::io::current().is_some_and(|io| crate::http::close(&io, server as u64))
}

/// A response body's bytes: none for undefined or null.
fn body_bytes(body: &Value<'_>) -> Result<Vec<u8>> {
    if body.is_undefined() || body.is_null() {
        Ok(Vec::new())
    } else {
        bytes_of(body)
    }
}

/// `httpRespond(id, status, reason, headers, body[, defaultType])`: false when the
/// request is gone. `headers` is `[name, value, ...]` or a plain object of them (a
/// Response's init, validated and lower-cased here as `new Headers(init)` would);
/// `defaultType` is the body's content type, added when the headers have none.
fn http_respond<'js>(
    ctx: Ctx<'js>,
    id: f64,
    status: u16,
    reason: Option<String>,
    headers: Value<'js>,
    body: Value<'js>,
    default_type: rquickjs::function::Opt<Value<'js>>,
) -> Result<bool> {
    let body = bytes::Bytes::from(body_bytes(&body)?);
    let invalid = |e: String| {
        throw_coded::<()>(&ctx, "ERR_HTTP_INVALID_HEADER_VALUE", &e)
            .err()
            .unwrap_or(rquickjs::Error::Exception)
    };
    let mut map = if let Some(flat) = headers.as_array() {
        let flat = pairs(flat.iter::<String>().collect::<Result<_>>()?);
        crate::http::header_map(&flat).map_err(invalid)?
    } else if let Some(init) = headers.as_object() {
        let mut map = hyper::HeaderMap::new();
        crate::serve::init_headers(&ctx, init, &mut map)?;
        map
    } else {
        hyper::HeaderMap::new()
    };
    if let Some(ty) = default_type.0.filter(Value::is_string) {
        if !map.contains_key(hyper::header::CONTENT_TYPE) {
            let ty = hyper::header::HeaderValue::try_from(ty.get::<String>()?)
                .map_err(|e| invalid(e.to_string()))?;
            map.insert(hyper::header::CONTENT_TYPE, ty);
        }
    }
    crate::http::respond_map(id as u64, status, reason, map, body).map_err(invalid)
}

/// `httpEnd(id, status, reason, headers, body)`: node:http's `res.end()` — `headers` is
/// the response's `[lower-case name, name, value, ...]` (names checked by JS; a value is
/// a string, a number or an array of them, one header each), or null. False when the
/// request is gone.
fn http_end<'js>(
    ctx: Ctx<'js>,
    id: f64,
    status: u16,
    reason: Option<String>,
    headers: Value<'js>,
    body: Value<'js>,
) -> Result<bool> {
    let body = bytes::Bytes::from(body_bytes(&body)?);
    let mut map = hyper::HeaderMap::new();
    if let Some(flat) = headers.as_array() {
        let invalid = |name: &str, value: &str| {
            throw_coded::<()>(
                &ctx,
                "ERR_HTTP_INVALID_HEADER_VALUE",
                &format!("Invalid value \"{value}\" for header \"{name}\""),
            )
            .err()
            .unwrap_or(rquickjs::Error::Exception)
        };
        for i in (0..flat.len()).step_by(3) {
            let lower: String = flat.get(i)?;
            let name = hyper::header::HeaderName::from_bytes(lower.as_bytes())
                .map_err(|_| invalid(&lower, ""))?;
            let value: Value = flat.get(i + 2)?;
            let values: Vec<rquickjs::Coerced<String>> = match value.as_array() {
                Some(list) => list.iter().collect::<Result<_>>()?,
                None => vec![rquickjs::FromJs::from_js(&ctx, value)?],
            };
            for rquickjs::Coerced(v) in values {
                let v = hyper::header::HeaderValue::try_from(v.as_str())
                    .map_err(|_| invalid(&lower, &v))?;
                map.append(name.clone(), v);
            }
        }
    }
    crate::http::respond_map(id as u64, status, reason, map, body)
        .or_else(|e| throw_coded(&ctx, "ERR_HTTP_INVALID_STATUS_CODE", &e))
}

/// `httpRespondStart(id, status, reason, [name, value, ...])`: a stream id for
/// `httpWriteChunk`/`httpEndStream`, 0 when the request is gone.
fn http_respond_start(
    ctx: Ctx<'_>,
    id: f64,
    status: u16,
    reason: Option<String>,
    headers: Vec<String>,
) -> Result<f64> {
    let Some(io) = crate::io::current() else {
        return throw_coded(&ctx, "ERR_INTERNAL", "no event loop");
    };
    let headers = pairs(headers);
    match crate::http::respond_stream(&io, id as u64, status, reason, headers) {
        Ok(stream) => Ok(stream as f64),
        Err(e) => throw_coded(&ctx, "ERR_HTTP_INVALID_HEADER_VALUE", &e),
    }
}

fn utf8_encode<'js>(ctx: Ctx<'js>, text: String) -> Result<rquickjs::TypedArray<'js, u8>> {
    rquickjs::TypedArray::<u8>::new(ctx, text.into_bytes())
}

/// `utf8Decode(bytes, fatal)`: invalid sequences become U+FFFD, or throw when fatal.
fn utf8_decode(ctx: Ctx<'_>, bytes: Value<'_>, fatal: bool) -> Result<String> {
    let bytes = bytes_of(&bytes)?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if fatal => {
            let _ = e;
            throw_coded(
                &ctx,
                "ERR_ENCODING_INVALID_ENCODED_DATA",
                "The encoded data was not valid for encoding utf-8",
            )
        }
        Err(e) => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
    }
}
