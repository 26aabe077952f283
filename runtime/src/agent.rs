//! `$262.agent`: test262's concurrent agents, as threads with their own QuickJS runtimes
//! that share SharedArrayBuffer memory with the main runtime.
//!
//! Memory of every SharedArrayBuffer comes from [`sab_alloc`] with a reference count in
//! front of the data, so a buffer written with `JS_WRITE_OBJ_SAB` in one runtime and read
//! in another points at the same bytes (the scheme quickjs-libc uses). `broadcast` sends
//! the serialized buffer to every agent and blocks until each has received it; agents
//! `report` strings into a process-wide queue that `getReport` drains.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use rquickjs::{qjs, Context, Ctx, Function, Object, Persistent, Runtime, Value};

struct Message {
    sab: Vec<u8>,
    number: f64,
    bigint: Option<i64>,
}

struct Agent {
    to_agent: Sender<Message>,
    received: Receiver<()>,
    thread: std::thread::JoinHandle<()>,
}

static AGENTS: Mutex<Vec<Agent>> = Mutex::new(Vec::new());
static REPORTS: Mutex<VecDeque<String>> = Mutex::new(VecDeque::new());
static EPOCH: OnceLock<Instant> = OnceLock::new();

fn monotonic_now() -> f64 {
    EPOCH.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
}

/// Header in front of shared memory: the reference count.
const HEADER: usize = 16;

unsafe extern "C" fn sab_alloc(
    _opaque: *mut std::ffi::c_void,
    size: qjs::size_t,
) -> *mut std::ffi::c_void {
    let total = HEADER + size as usize;
    // SAFETY: calloc zeroes memory, as a new SharedArrayBuffer requires.
    let base = unsafe { libc::calloc(1, total) } as *mut u8;
    if base.is_null() {
        return std::ptr::null_mut();
    }
    unsafe {
        (base as *mut AtomicUsize).write(AtomicUsize::new(1));
        base.add(HEADER).cast()
    }
}

unsafe fn refcount<'a>(ptr: *mut std::ffi::c_void) -> &'a AtomicUsize {
    unsafe { &*((ptr as *mut u8).sub(HEADER) as *const AtomicUsize) }
}

unsafe extern "C" fn sab_free(_opaque: *mut std::ffi::c_void, ptr: *mut std::ffi::c_void) {
    // SAFETY: ptr came from sab_alloc.
    if unsafe { refcount(ptr) }.fetch_sub(1, Ordering::AcqRel) == 1 {
        unsafe { libc::free((ptr as *mut u8).sub(HEADER).cast()) };
    }
}

unsafe extern "C" fn sab_dup(_opaque: *mut std::ffi::c_void, ptr: *mut std::ffi::c_void) {
    unsafe { refcount(ptr) }.fetch_add(1, Ordering::AcqRel);
}

/// Makes `rt` allocate SharedArrayBuffers from shared memory and lets Atomics.wait block.
pub fn prepare_runtime(rt: &Runtime) {
    let funcs = qjs::JSSharedArrayBufferFunctions {
        sab_alloc: Some(sab_alloc),
        sab_free: Some(sab_free),
        sab_dup: Some(sab_dup),
        sab_opaque: std::ptr::null_mut(),
    };
    // SAFETY: the runtime pointer is valid; QuickJS copies the struct.
    unsafe {
        let raw = raw_runtime(rt);
        qjs::JS_SetSharedArrayBufferFunctions(raw, &funcs);
        qjs::JS_SetCanBlock(raw, true);
    }
}

fn raw_runtime(rt: &Runtime) -> *mut qjs::JSRuntime {
    let ctx = Context::base(rt).expect("context for runtime pointer");
    ctx.with(|ctx| unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) })
}

/// The main thread's `$262.agent`.
pub fn host_agent<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let agent = Object::new(ctx.clone())?;
    agent.set("start", Function::new(ctx.clone(), start)?)?;
    agent.set("broadcast", Function::new(ctx.clone(), broadcast)?)?;
    agent.set("getReport", Function::new(ctx.clone(), get_report)?)?;
    add_clock(ctx, &agent)?;
    Ok(agent)
}

/// `sleep(ms)` and `monotonicNow()`, which both sides of `$262.agent` have.
fn add_clock<'js>(ctx: &Ctx<'js>, agent: &Object<'js>) -> rquickjs::Result<()> {
    agent.set(
        "sleep",
        Function::new(ctx.clone(), |ms: f64| {
            std::thread::sleep(Duration::from_secs_f64(ms.max(0.0) / 1e3))
        })?,
    )?;
    agent.set("monotonicNow", Function::new(ctx.clone(), monotonic_now)?)
}

/// The oldest report as a string, or `null` (not undefined: harnesses compare to null).
fn get_report<'js>(ctx: Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    match REPORTS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .pop_front()
    {
        Some(r) => Ok(rquickjs::String::from_str(ctx, &r)?.into_value()),
        None => Ok(Value::new_null(ctx)),
    }
}

fn start(source: String) {
    let (to_agent, from_main) = channel::<Message>();
    let (ack, received) = channel::<()>();
    let thread = std::thread::spawn(move || agent_main(source, from_main, ack));
    AGENTS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(Agent {
            to_agent,
            received,
            thread,
        });
}

fn broadcast<'js>(
    ctx: Ctx<'js>,
    sab: Value<'js>,
    number: rquickjs::function::Opt<Value<'js>>,
) -> rquickjs::Result<()> {
    let number = number
        .0
        .unwrap_or_else(|| Value::new_undefined(ctx.clone()));
    let raw = ctx.as_raw().as_ptr();
    let mut len: qjs::size_t = 0;
    // SAFETY: writes the SAB by reference (sab_dup keeps the memory alive).
    let buf = unsafe {
        qjs::JS_WriteObject(
            raw,
            &mut len,
            sab.as_raw(),
            (qjs::JS_WRITE_OBJ_SAB | qjs::JS_WRITE_OBJ_REFERENCE) as i32,
        )
    };
    if buf.is_null() {
        return Err(rquickjs::Error::Exception);
    }
    let bytes = unsafe { std::slice::from_raw_parts(buf, len as usize) }.to_vec();
    unsafe { qjs::js_free(raw, buf.cast()) };
    let bigint = number.as_big_int().and_then(|b| b.clone().to_i64().ok());
    let num = number.as_number().unwrap_or(0.0);
    let agents = AGENTS.lock().unwrap_or_else(|p| p.into_inner());
    for a in agents.iter() {
        let _ = a.to_agent.send(Message {
            sab: bytes.clone(),
            number: num,
            bigint,
        });
    }
    for a in agents.iter() {
        // An agent that ended without receiving counts as received.
        let _ = a.received.recv();
    }
    Ok(())
}

/// Joins agent threads and clears the report queue (end of a test).
pub fn shutdown() {
    let agents: Vec<Agent> = std::mem::take(&mut *AGENTS.lock().unwrap_or_else(|p| p.into_inner()));
    for a in agents {
        drop(a.to_agent);
        let _ = a.thread.join();
    }
    REPORTS.lock().unwrap_or_else(|p| p.into_inner()).clear();
}

thread_local! {
    static RECEIVER: std::cell::RefCell<Option<Persistent<Function<'static>>>> = const { std::cell::RefCell::new(None) };
}

fn agent_main(source: String, from_main: Receiver<Message>, ack: Sender<()>) {
    let Ok(rt) = Runtime::new() else { return };
    rt.set_max_stack_size(1 << 20);
    prepare_runtime(&rt);
    let Ok(context) = Context::full(&rt) else {
        return;
    };
    context.with(|ctx| {
        let setup = || -> rquickjs::Result<()> {
            let agent = Object::new(ctx.clone())?;
            agent.set(
                "receiveBroadcast",
                Function::new(ctx.clone(), receive_broadcast)?,
            )?;
            agent.set(
                "report",
                Function::new(ctx.clone(), |v: rquickjs::Coerced<String>| {
                    REPORTS
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push_back(v.0);
                })?,
            )?;
            agent.set("leaving", Function::new(ctx.clone(), || {})?)?;
            add_clock(&ctx, &agent)?;
            let host = Object::new(ctx.clone())?;
            host.set("agent", agent)?;
            ctx.globals().set("$262", host)?;
            ctx.globals().set(
                "print",
                Function::new(ctx.clone(), |v: rquickjs::Coerced<String>| {
                    println!("{}", v.0);
                })?,
            )?;
            crate::vm::eval_script(&ctx, &source, "agent", false)?;
            Ok(())
        };
        if setup().is_err() {
            let _ = ctx.catch();
            return;
        }
        run_jobs(&ctx);
        let receiver = RECEIVER.with(|r| r.borrow_mut().take());
        let Some(receiver) = receiver else { return };
        let Ok(message) = from_main.recv() else {
            return;
        };
        let _ = ack.send(());
        let raw = ctx.as_raw().as_ptr();
        // SAFETY: bytes were written by JS_WriteObject with JS_WRITE_OBJ_SAB in a runtime
        // using the same shared allocator.
        let sab = unsafe {
            let v = qjs::JS_ReadObject(
                raw,
                message.sab.as_ptr(),
                message.sab.len() as _,
                (qjs::JS_READ_OBJ_SAB | qjs::JS_READ_OBJ_REFERENCE) as i32,
            );
            if qjs::JS_IsException(v) {
                let _ = ctx.catch();
                return;
            }
            Value::from_raw(ctx.clone(), v)
        };
        let number: Value = match message.bigint {
            Some(b) => rquickjs::BigInt::from_i64(ctx.clone(), b)
                .map(|b| b.into_value())
                .unwrap_or_else(|_| Value::new_undefined(ctx.clone())),
            None => Value::new_number(ctx.clone(), message.number),
        };
        if let Ok(f) = receiver.restore(&ctx) {
            if f.call::<_, ()>((sab, number)).is_err() {
                let _ = ctx.catch();
            }
        }
        run_jobs(&ctx);
    });
    // Agents' runtimes end with their threads; freeing them is not worth the time.
    std::mem::forget(context);
    std::mem::forget(rt);
}

fn receive_broadcast<'js>(ctx: Ctx<'js>, f: Function<'js>) {
    RECEIVER.with(|r| *r.borrow_mut() = Some(Persistent::save(&ctx, f)));
}

/// Runs every pending job; exceptions in jobs are dropped (test262 reports failures of
/// async code through `print`).
pub fn run_jobs(ctx: &Ctx<'_>) {
    let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
    loop {
        let mut job_ctx: *mut qjs::JSContext = std::ptr::null_mut();
        // SAFETY: the runtime lock is held by the surrounding `with`.
        let r = unsafe { qjs::JS_ExecutePendingJob(rt, &mut job_ctx) };
        if r <= 0 {
            if r < 0 {
                let _ = ctx.catch();
                continue;
            }
            return;
        }
    }
}
