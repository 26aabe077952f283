//! The event loop: Node's phases on a tokio current-thread runtime.
//!
//! ```text
//!   ┌─► timers ──── run every timer whose deadline ≤ now (deadline order, then insertion)
//!   │     │
//!   │   pending ─── (deferred I/O callbacks; none yet)
//!   │     │
//!   │    poll ───── run ready I/O completions (src/io.rs), blocking only when nothing
//!   │     │         else is runnable: until the next timer, or until a completion
//!   │     │         arrives if only I/O is ref'ed
//!   │     │
//!   │   check ───── setImmediate callbacks queued before this phase began
//!   │     │
//!   │   close ───── (close callbacks; none yet)
//!   │     │
//!   └── alive? ──── ref'ed timers, immediates or I/O; if not: 'beforeExit', then again
//! ```
//!
//! Every JS callback runs through the bootstrap's hooks, which after each single
//! callback drain the nextTick queue, then the microtask queue, until both are empty,
//! then report unhandled rejections (Node's processTicksAndRejections). So the Rust side
//! only decides *when* each phase runs and how long poll may block.

use std::time::Duration;

use rquickjs::CatchResultExt;

use crate::binding;
use crate::io::{Completion, Payload};
use crate::vm::Vm;

/// Bits of the bootstrap's `loopState()`.
const ALIVE: i32 = 1;
const IMMEDIATES: i32 = 2;

/// Runs the loop until nothing ref'ed remains; returns the exit code.
pub fn run(vm: &Vm) -> i32 {
    loop {
        let now = vm.clock.now_ms();
        let next_timer: f64 = vm.call_hook("runTimers", (now,)).unwrap_or(-1.0);
        let state: i32 = vm.call_hook("loopState", ()).unwrap_or(0);
        let io_pending = vm.io.pending() > 0;
        // Poll: block only when nothing else can run now; until the next timer, or
        // for as long as it takes when only I/O keeps the loop alive.
        let wait = if state & IMMEDIATES != 0 || (state & ALIVE == 0 && !io_pending) {
            Some(Duration::ZERO)
        } else if next_timer >= 0.0 && state & ALIVE != 0 {
            Some(Duration::from_secs_f64(
                (next_timer - vm.clock.now_ms()).max(0.0) / 1e3,
            ))
        } else if io_pending {
            None
        } else {
            Some(Duration::ZERO)
        };
        poll(vm, wait);
        let now = vm.clock.now_ms();
        vm.call_hook::<_, ()>("runImmediates", (now,));
        if !alive(vm) {
            vm.call_hook::<_, ()>("emitBeforeExit", ());
            if !alive(vm) {
                break;
            }
        }
    }
    if vm.unsettled_top_level_await() {
        binding::write(
            2,
            &format!(
                "Warning: Detected unsettled top-level await at {}\n",
                vm.main_name()
            ),
        );
        return 13;
    }
    vm.call_hook::<_, i32>("emitExit", ()).unwrap_or(1)
}

fn alive(vm: &Vm) -> bool {
    let state: i32 = vm.call_hook("loopState", ()).unwrap_or(0);
    state & ALIVE != 0 || vm.io.pending() > 0
}

/// The poll phase: waits up to `wait` (forever for `None`) for the first completion,
/// then dispatches every completion that is ready.
///
/// With servers open, tasks on the runtime (accepting, reading requests, writing
/// responses) get a turn every iteration — even one that must not block — and after the
/// first completion arrives the other ready connections get one more turn, so one poll
/// phase takes a batch of requests instead of one (the per-iteration cost of the phases
/// is then shared by the batch).
fn poll(vm: &Vm, wait: Option<Duration>) {
    let mut rx = vm.io.rx.borrow_mut();
    let mut ready = Vec::new();
    if vm.io.has_tasks() {
        // The completions are dispatched inside the runtime too: a task JS wakes (a
        // response handed to its connection, a write) is then queued locally, instead of
        // through the injection queue and an eventfd write to unpark the driver.
        vm.tokio.block_on(async {
            tokio::task::yield_now().await;
            while let Ok(c) = rx.try_recv() {
                ready.push(c);
            }
            if ready.is_empty() && wait != Some(Duration::ZERO) {
                binding::flush_stdout();
                let first = match wait {
                    Some(d) => tokio::time::timeout(d, rx.recv()).await.ok().flatten(),
                    None => rx.recv().await,
                };
                ready.extend(first);
                tokio::task::yield_now().await;
                while let Ok(c) = rx.try_recv() {
                    ready.push(c);
                }
            }
            drop(rx);
            dispatch_all(vm, ready);
        });
        return;
    }
    match rx.try_recv() {
        Ok(c) => ready.push(c),
        Err(_) if wait != Some(Duration::ZERO) => {
            binding::flush_stdout();
            let first = vm.tokio.block_on(async {
                match wait {
                    Some(d) => tokio::time::timeout(d, rx.recv()).await.ok().flatten(),
                    None => rx.recv().await,
                }
            });
            ready.extend(first);
        }
        Err(_) => {}
    }
    while let Ok(c) = rx.try_recv() {
        ready.push(c);
    }
    drop(rx);
    dispatch_all(vm, ready);
}

/// Dispatches a batch of completions in one entry into the engine (one lock, one look-up
/// of the hooks for the whole batch: under HTTP load a batch holds tens of requests).
fn dispatch_all(vm: &Vm, ready: Vec<Completion>) {
    if ready.is_empty() {
        return;
    }
    vm.context.with(|ctx| {
        let hooks = match crate::vm::hooks(&ctx).catch(&ctx) {
            Ok(h) => h,
            Err(e) => return crate::vm::report_caught(&ctx, e),
        };
        let mut dispatch_http = None;
        let mut servers = None;
        for completion in ready {
            if completion.counted {
                vm.io.finished();
            }
            if completion.task {
                vm.io.task_gone();
                crate::fetch::done(completion.id as u64);
            }
            let routed = dispatch(&ctx, &hooks, &mut dispatch_http, &mut servers, completion);
            if let Err(e) = routed.catch(&ctx) {
                crate::vm::report_caught(&ctx, e);
            }
        }
    });
}

fn dispatch<'js>(
    ctx: &rquickjs::Ctx<'js>,
    hooks: &rquickjs::Object<'js>,
    dispatch_http: &mut Option<rquickjs::Function<'js>>,
    servers: &mut Option<crate::serve::Servers<'js>>,
    completion: Completion,
) -> rquickjs::Result<()> {
    if let Ok(Payload::Request(request)) = completion.result {
        let servers = match servers {
            Some(s) => s,
            None => servers.insert(crate::serve::Servers::new(ctx, hooks)?),
        };
        let server = completion.id as u64;
        let Some(request) = crate::serve::dispatch(ctx, servers, server, request)? else {
            return Ok(());
        };
        let f = match dispatch_http {
            Some(f) => f,
            None => dispatch_http.insert(hooks.get("dispatchHttp")?),
        };
        return f.call_arg::<()>(request_args(ctx, completion.id, *request)?);
    }
    if let Ok(Payload::Event(body, bytes)) = completion.result {
        let f: rquickjs::Function = hooks.get("dispatchHandle")?;
        let body = json_value(ctx, &body)?;
        let bytes = match bytes {
            Some(b) => rquickjs::TypedArray::<u8>::new(ctx.clone(), b)?.into_value(),
            None => rquickjs::Value::new_undefined(ctx.clone()),
        };
        return f.call::<_, ()>((completion.id, body, bytes));
    }
    let f: rquickjs::Function = hooks.get("dispatchIo")?;
    match completion.result {
        Ok(payload) => {
            let value = payload_value(ctx, payload)?;
            f.call::<_, ()>((completion.id, rquickjs::Value::new_null(ctx.clone()), value))
        }
        Err(e) => {
            let err = rquickjs::Object::new(ctx.clone())?;
            err.set("code", e.code)?;
            err.set("errno", e.errno)?;
            err.set("syscall", e.syscall)?;
            if !e.path.is_empty() {
                err.set("path", e.path)?;
            }
            if let Some(dest) = e.dest {
                err.set("dest", dest)?;
            }
            err.set("message", e.message)?;
            f.call::<_, ()>((completion.id, err))
        }
    }
}

/// The JS value of a completed operation's result.
pub fn payload_value<'js>(
    ctx: &rquickjs::Ctx<'js>,
    payload: Payload,
) -> rquickjs::Result<rquickjs::Value<'js>> {
    Ok(match payload {
        Payload::Bytes(bytes) => rquickjs::TypedArray::<u8>::new(ctx.clone(), bytes)?.into_value(),
        Payload::Text(text) => rquickjs::String::from_str(ctx.clone(), &text)?.into_value(),
        Payload::Unit => rquickjs::Value::new_undefined(ctx.clone()),
        Payload::Bool(b) => rquickjs::Value::new_bool(ctx.clone(), b),
        Payload::Json(json) => json_value(ctx, &json)?,
        Payload::Request(_) => rquickjs::Value::new_undefined(ctx.clone()),
        Payload::Event(body, _) => json_value(ctx, &body)?,
        Payload::Response(r) => response_object(ctx, *r)?.into_value(),
    })
}

pub fn json_value<'js>(
    ctx: &rquickjs::Ctx<'js>,
    json: &serde_json::Value,
) -> rquickjs::Result<rquickjs::Value<'js>> {
    use serde_json::Value as J;
    Ok(match json {
        J::Null => rquickjs::Value::new_null(ctx.clone()),
        J::Bool(b) => rquickjs::Value::new_bool(ctx.clone(), *b),
        J::Number(n) => rquickjs::Value::new_number(ctx.clone(), n.as_f64().unwrap_or(f64::NAN)),
        J::String(s) => rquickjs::String::from_str(ctx.clone(), s)?.into_value(),
        J::Array(items) => {
            let a = rquickjs::Array::new(ctx.clone())?;
            for (i, item) in items.iter().enumerate() {
                a.set(i, json_value(ctx, item)?)?;
            }
            a.into_value()
        }
        J::Object(map) => {
            let o = rquickjs::Object::new(ctx.clone())?;
            for (k, v) in map {
                o.set(k.as_str(), json_value(ctx, v)?)?;
            }
            o.into_value()
        }
    })
}

/// The JS view of a client response: `{status, statusText, headers: [name, value, ...],
/// body, url, redirected, httpVersion}`.
fn response_object<'js>(
    ctx: &rquickjs::Ctx<'js>,
    r: crate::fetch::Incoming,
) -> rquickjs::Result<rquickjs::Object<'js>> {
    let o = rquickjs::Object::new(ctx.clone())?;
    o.set("status", r.status)?;
    o.set("statusText", r.reason)?;
    let flat: Vec<String> = r.headers.into_iter().flat_map(|(n, v)| [n, v]).collect();
    o.set("headers", flat)?;
    o.set(
        "body",
        rquickjs::TypedArray::<u8>::new(ctx.clone(), r.body)?,
    )?;
    o.set("url", r.url)?;
    o.set("redirected", r.redirected)?;
    o.set("httpVersion", r.version)?;
    Ok(o)
}

/// The arguments of `dispatchHttp(serverId, id, method, url, httpVersion, rawHeaders,
/// body, bodyStream, remoteAddress, remotePort)` for a request (plain arguments,
/// no object: a handler builds only what it uses); its response sender is filed under
/// `id`.
fn request_args<'js>(
    ctx: &rquickjs::Ctx<'js>,
    server: f64,
    request: crate::http::HttpRequest,
) -> rquickjs::Result<rquickjs::function::Args<'js>> {
    let mut args = rquickjs::function::Args::new(ctx.clone(), 10);
    args.push_arg(server)?;
    args.push_arg(request.id as f64)?;
    let head = &request.head;
    args.push_arg(head.method.as_str())?;
    match head.uri.path_and_query() {
        Some(target) => args.push_arg(target.as_str())?,
        None => args.push_arg(head.uri.to_string())?,
    }
    args.push_arg(if head.version == hyper::Version::HTTP_10 {
        "1.0"
    } else {
        "1.1"
    })?;
    args.push_arg(crate::serve::flat_headers(ctx, &head.headers)?)?;
    if request.body.is_empty() {
        args.push_arg(rquickjs::Undefined)?;
    } else {
        args.push_arg(rquickjs::TypedArray::<u8>::new(
            ctx.clone(),
            request.body.to_vec(),
        )?)?;
    }
    args.push_arg(request.body_stream.map(|s| s as f64))?;
    match &request.remote {
        Some((peer, port)) => {
            args.push_arg(peer.as_ref())?;
            args.push_arg(*port)?;
        }
        None => {
            args.push_arg(rquickjs::Undefined)?;
            args.push_arg(rquickjs::Undefined)?;
        }
    }
    crate::http::file(request.id, request.respond);
    Ok(args)
}
