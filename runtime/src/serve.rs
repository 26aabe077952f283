//! `Dynojs.serve` requests, handled from Rust: the poll phase calls the server's `fetch`
//! handler itself and sends the common answer without a further trip through JS.
//!
//! Per request the engine sees two objects it must make anyway — the Request and the
//! handler's info — and both are native ([`WireRequest`], [`WireInfo`]): the method, URL,
//! headers and peer address stay in Rust until JS reads them (most handlers read few or
//! none). When the handler returns a `Response` whose body is a string, bytes or nothing
//! and whose headers are still the plain object it was given, its fields are read here
//! (the `Response` symbols' slots) and the answer goes straight to the connection.
//! Everything else — a promise, a stream body, a `Headers`, a thrown error — goes to the
//! server's JS `settle`/`fail`, which own the general path (js/http.js).
//!
//! The response-header natives of node:http's `writeHead`/`end` live here too
//! ([`node_headers`]; [`init_headers`] also serves `httpRespond`).
//!
//! The JS side registers a server in the bootstrap's `serve` table:
//! `serve.servers[id] = { fetch, settle, fail, body, origin }`, and once
//! `serve.shared = { request, info, response, object, keys }` (the prototypes to give and
//! to recognise, and the Response field symbols `[body, status, statusText, headers,
//! init, defaultType]`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use bytes::Bytes;
use rquickjs::class::{JsClass, Readable, Trace, Tracer};
use rquickjs::{qjs, Atom, Class, Ctx, Function, JsLifetime, Object, Persistent, Result, Value};

use crate::http::HttpRequest;

/// The native half of a `Request` from the wire: what JS reads through the getters of
/// its prototype (js/web.js `WireRequestPrototype`).
pub struct WireRequest {
    head: hyper::http::request::Parts,
    origin: Rc<str>,
}

/// The native half of a serve handler's info (its `remoteAddr`).
pub struct WireInfo {
    remote: Option<(std::sync::Arc<str>, u16)>,
}

macro_rules! plain_class {
    ($t:ty, $name:literal) => {
        impl<'js> Trace<'js> for $t {
            fn trace<'a>(&self, _tracer: Tracer<'a, 'js>) {}
        }
        // SAFETY: the type holds no JS values, so it lives as long as any lifetime.
        unsafe impl<'js> JsLifetime<'js> for $t {
            type Changed<'to> = $t;
        }
        impl<'js> JsClass<'js> for $t {
            const NAME: &'static str = $name;
            type Mutable = Readable;
            fn constructor(
                _ctx: &Ctx<'js>,
            ) -> Result<Option<rquickjs::function::Constructor<'js>>> {
                Ok(None)
            }
        }
    };
}
plain_class!(WireRequest, "Request");
plain_class!(WireInfo, "ServeInfo");

/// `wireRequest(request, field)`: 0 the method, 1 the URL (from the Host header, or the
/// server's own origin), 2 the headers as `[name, value, ...]`.
pub fn wire_request<'js>(ctx: Ctx<'js>, this: Value<'js>, field: i32) -> Result<Value<'js>> {
    let Ok(class) = Class::<WireRequest>::from_value(&this) else {
        return Err(rquickjs::Exception::throw_type(&ctx, "Illegal invocation"));
    };
    let wire = class.borrow();
    let head = &wire.head;
    let text = |s: &str| rquickjs::String::from_str(ctx.clone(), s).map(|s| s.into_value());
    match field {
        0 => text(head.method.as_str()),
        1 => {
            let path = head
                .uri
                .path_and_query()
                .map_or_else(|| head.uri.to_string(), |p| p.as_str().to_owned());
            match head.headers.get(hyper::header::HOST) {
                Some(host) => text(&format!(
                    "http://{}{path}",
                    String::from_utf8_lossy(host.as_bytes())
                )),
                None => text(&format!("{}{path}", wire.origin)),
            }
        }
        _ => Ok(flat_headers(&ctx, &head.headers)?.into_value()),
    }
}

/// Request headers as JS's `[name, value, ...]` (a value not in UTF-8 is read lossily).
pub fn flat_headers<'js>(
    ctx: &Ctx<'js>,
    headers: &hyper::HeaderMap,
) -> Result<rquickjs::Array<'js>> {
    let flat = rquickjs::Array::new(ctx.clone())?;
    for (i, (name, value)) in headers.iter().enumerate() {
        flat.set(2 * i, name.as_str())?;
        flat.set(
            2 * i + 1,
            String::from_utf8_lossy(value.as_bytes()).as_ref(),
        )?;
    }
    Ok(flat)
}

/// `wireRemote(info)`: `[hostname, port]` of the peer, or undefined.
pub fn wire_remote<'js>(ctx: Ctx<'js>, this: Value<'js>) -> Result<Value<'js>> {
    let Ok(class) = Class::<WireInfo>::from_value(&this) else {
        return Err(rquickjs::Exception::throw_type(&ctx, "Illegal invocation"));
    };
    let info = class.borrow();
    match &info.remote {
        Some((host, port)) => {
            let pair = rquickjs::Array::new(ctx.clone())?;
            pair.set(0, host.as_ref())?;
            pair.set(1, *port)?;
            Ok(pair.into_value())
        }
        None => Ok(Value::new_undefined(ctx)),
    }
}

thread_local! {
    /// Bumped by `serveChanged()` whenever a server is added or removed.
    static GENERATION: Cell<u64> = const { Cell::new(1) };
    /// The serve table as of a generation, kept across poll phases (reading it again
    /// for every batch of requests cost more than the requests' own look-ups).
    static CACHE: RefCell<Option<Cache>> = const { RefCell::new(None) };
}

/// The values of the serve table: [`SHARED`] shared ones, then `fetch`, `settle`, `fail`,
/// `body` of each server in `servers`' order.
struct Cache {
    generation: u64,
    values: Vec<Persistent<Value<'static>>>,
    servers: Vec<(u64, Rc<str>)>,
}

/// drain, the request, info, response and object prototypes, and the six Response keys.
const SHARED: usize = 11;

/// `serveChanged()`: the serve table was changed (a server added or shut down).
pub fn serve_changed() {
    GENERATION.with(|g| g.set(g.get() + 1));
}

/// Forgets the cached table and header names (before the VM goes: they hold values and
/// atoms of the runtime).
pub fn forget(ctx: &Ctx<'_>) {
    CACHE.with(|c| c.borrow_mut().take());
    for (atom, _) in NAMES.with(|n| std::mem::take(&mut *n.borrow_mut())) {
        // SAFETY: the reference header_name took.
        unsafe { qjs::JS_FreeAtom(ctx.as_raw().as_ptr(), atom) };
    }
}

/// The serve table's values for a poll phase's batch.
pub struct Servers<'js> {
    shared: Option<Shared<'js>>,
    entries: Vec<(u64, Entry<'js>)>,
}

struct Shared<'js> {
    drain: Function<'js>,
    request: Object<'js>,
    info: Object<'js>,
    response: Value<'js>,
    object: Value<'js>,
    body: Atom<'js>,
    status: Atom<'js>,
    status_text: Atom<'js>,
    headers: Atom<'js>,
    init: Atom<'js>,
    default_type: Atom<'js>,
}

struct Entry<'js> {
    fetch: Function<'js>,
    settle: Function<'js>,
    fail: Function<'js>,
    body: Function<'js>,
    origin: Rc<str>,
}

impl<'js> Servers<'js> {
    pub fn new(ctx: &Ctx<'js>, hooks: &Object<'js>) -> Result<Self> {
        let generation = GENERATION.with(Cell::get);
        let fresh = CACHE.with(|c| {
            c.borrow()
                .as_ref()
                .is_some_and(|c| c.generation == generation)
        });
        if !fresh {
            let cache = read_table(ctx, hooks, generation)?;
            CACHE.with(|c| *c.borrow_mut() = Some(cache));
        }
        CACHE.with(|c| {
            let c = c.borrow();
            let c = c.as_ref().expect("filled above");
            let values = c
                .values
                .iter()
                .map(|p| p.clone().restore(ctx))
                .collect::<Result<Vec<Value>>>()?;
            if c.servers.is_empty() {
                return Ok(Servers {
                    shared: None,
                    entries: Vec::new(),
                });
            }
            let object = |i: usize| -> Result<Object<'js>> {
                rquickjs::FromJs::from_js(ctx, values[i].clone())
            };
            let function = |i: usize| -> Result<Function<'js>> {
                rquickjs::FromJs::from_js(ctx, values[i].clone())
            };
            let atom = |i: usize| Atom::from_value(ctx.clone(), &values[i]);
            let shared = Shared {
                drain: function(0)?,
                request: object(1)?,
                info: object(2)?,
                response: values[3].clone(),
                object: values[4].clone(),
                body: atom(5)?,
                status: atom(6)?,
                status_text: atom(7)?,
                headers: atom(8)?,
                init: atom(9)?,
                default_type: atom(10)?,
            };
            let mut entries = Vec::with_capacity(c.servers.len());
            for (n, (id, origin)) in c.servers.iter().enumerate() {
                let at = SHARED + 4 * n;
                entries.push((
                    *id,
                    Entry {
                        fetch: function(at)?,
                        settle: function(at + 1)?,
                        fail: function(at + 2)?,
                        body: function(at + 3)?,
                        origin: origin.clone(),
                    },
                ));
            }
            Ok(Servers {
                shared: Some(shared),
                entries,
            })
        })
    }
}

/// Reads the bootstrap's serve table (see the module's documentation).
fn read_table<'js>(ctx: &Ctx<'js>, hooks: &Object<'js>, generation: u64) -> Result<Cache> {
    let table: Object = hooks.get("serve")?;
    let servers: Object = table.get("servers")?;
    let mut values = Vec::new();
    let mut ids = Vec::new();
    if let Some(s) = table.get::<_, Option<Object>>("shared")? {
        let keys: rquickjs::Array = s.get("keys")?;
        let mut shared: Vec<Value> = vec![
            hooks.get("processTicksAndRejections")?,
            s.get("request")?,
            s.get("info")?,
            s.get("response")?,
            s.get("object")?,
        ];
        for i in 0..6 {
            shared.push(keys.get(i)?);
        }
        values.extend(shared.into_iter().map(|v| Persistent::save(ctx, v)));
        for prop in servers.props::<String, Object>() {
            let (id, o) = prop?;
            let Ok(id) = id.parse::<u64>() else { continue };
            for name in ["fetch", "settle", "fail", "body"] {
                values.push(Persistent::save(ctx, o.get::<_, Value>(name)?));
            }
            ids.push((id, o.get::<_, String>("origin")?.into()));
        }
    }
    Ok(Cache {
        generation,
        values,
        servers: ids,
    })
}

/// Handles a request of a `Dynojs.serve` server; gives the request back when `server`
/// is not one (a node:http server, or one closed since).
pub fn dispatch<'js>(
    ctx: &Ctx<'js>,
    servers: &Servers<'js>,
    server: u64,
    request: Box<HttpRequest>,
) -> Result<Option<Box<HttpRequest>>> {
    let Some((_, entry)) = servers.entries.iter().find(|(id, _)| *id == server) else {
        return Ok(Some(request));
    };
    let shared = servers.shared.as_ref().expect("set with the entries");
    let HttpRequest {
        id,
        head,
        body,
        body_stream,
        remote,
        respond,
    } = *request;
    let req = Class::instance_proto(
        WireRequest {
            head,
            origin: entry.origin.clone(),
        },
        shared.request.clone(),
    )?;
    if !body.is_empty() {
        let bytes = rquickjs::TypedArray::<u8>::new(ctx.clone(), body.to_vec())?;
        req.set(shared.body.clone(), bytes)?;
    } else if let Some(stream) = body_stream {
        let stream: Value = entry.body.call((stream as f64,))?;
        req.set(shared.body.clone(), stream)?;
    }
    let info = Class::instance_proto(WireInfo { remote }, shared.info.clone())?;
    match entry.fetch.call::<_, Value>((req, info)) {
        Ok(out) => match fast_answer(ctx, shared, &out) {
            Some(Ok(response)) => {
                let _ = respond.send(response);
            }
            Some(Err(e)) => {
                let e = caught(ctx, e);
                crate::http::file(id, respond);
                entry.fail.call::<_, ()>((id as f64, e))?;
            }
            None => {
                crate::http::file(id, respond);
                entry.settle.call::<_, ()>((id as f64, out))?;
            }
        },
        Err(e) => {
            let e = caught(ctx, e);
            crate::http::file(id, respond);
            entry.fail.call::<_, ()>((id as f64, e))?;
        }
    }
    // Node drains the tick and microtask queues after every callback; a handler that
    // answered synchronously queued nothing, and the drain is skipped.
    // SAFETY: the runtime of this context, whose lock the caller holds.
    let jobs = unsafe { qjs::JS_IsJobPending(qjs::JS_GetRuntime(ctx.as_raw().as_ptr())) };
    if jobs || crate::binding::take_ticks_queued() {
        shared.drain.call::<_, ()>(())?;
    }
    Ok(None)
}

/// The type a string body implies.
const TEXT_PLAIN: &str = "text/plain;charset=UTF-8";

/// The exception an `Error::Exception` stands for.
fn caught<'js>(ctx: &Ctx<'js>, e: rquickjs::Error) -> Value<'js> {
    match e {
        rquickjs::Error::Exception => ctx.catch(),
        other => {
            let message = other.to_string();
            rquickjs::String::from_str(ctx.clone(), &message)
                .map_or_else(|_| Value::new_undefined(ctx.clone()), |s| s.into_value())
        }
    }
}

/// The answer for a handler's result when it is a `Response` this side can read whole:
/// a string, bytes or no body; headers still the plain-object init (or none); a status
/// the wire takes. `None` sends it to JS's general path; `Some(Err)` is a bad header.
fn fast_answer<'js>(
    ctx: &Ctx<'js>,
    shared: &Shared<'js>,
    out: &Value<'js>,
) -> Option<Result<hyper::Response<crate::http::Body>>> {
    let response = out.as_object()?;
    if response.get_prototype()?.as_value() != &shared.response {
        return None;
    }
    if !response
        .get::<_, Value>(shared.headers.clone())
        .ok()?
        .is_undefined()
    {
        return None;
    }
    let body: Value = response.get(shared.body.clone()).ok()?;
    let text_body = body.is_string();
    let body = if body.is_null() || body.is_undefined() {
        Bytes::new()
    } else if body.is_string() {
        utf8_of(ctx, &body, Bytes::copy_from_slice).ok()?
    } else if let Ok(view) = rquickjs::TypedArray::<u8>::from_value(body) {
        // SAFETY: the bytes are copied at once, before any JS can detach the buffer.
        Bytes::copy_from_slice(unsafe { view.as_bytes() }?)
    } else {
        return None;
    };
    let status: i32 = response.get(shared.status.clone()).ok()?;
    if !(200..=599).contains(&status) {
        return None;
    }
    let reason: String = response.get(shared.status_text.clone()).ok()?;
    let reason = (!reason.is_empty()).then_some(reason);
    let init: Value = response.get(shared.init.clone()).ok()?;
    let mut headers = hyper::HeaderMap::new();
    if !init.is_undefined() && !init.is_null() {
        let init = init.as_object()?;
        if init.get_prototype()?.as_value() != &shared.object {
            return None;
        }
        if let Err(e) = init_headers(ctx, init, &mut headers) {
            return Some(Err(e));
        }
    }
    if !headers.contains_key(hyper::header::CONTENT_TYPE) {
        // js/web.js defaultTypeOf: a string body implies its type.
        let ty: Value = response.get(shared.default_type.clone()).ok()?;
        let ty = match ty.as_string() {
            Some(ty) => Some(hyper::header::HeaderValue::try_from(ty.to_string().ok()?).ok()?),
            None => text_body.then_some(hyper::header::HeaderValue::from_static(TEXT_PLAIN)),
        };
        if let Some(ty) = ty {
            headers.insert(hyper::header::CONTENT_TYPE, ty);
        }
    }
    let body = crate::http::Body::Full(Some(body));
    crate::http::finish_response(status as u16, reason, headers, body)
        .ok()
        .map(Ok)
}

thread_local! {
    /// Header names seen in plain-object inits, by the engine's atom (each held with a
    /// reference, so the id stays theirs): validated and lower-cased once.
    static NAMES: RefCell<Vec<(qjs::JSAtom, hyper::header::HeaderName)>> =
        const { RefCell::new(Vec::new()) };
}

/// How many header names [`NAMES`] keeps.
const NAMES_KEPT: usize = 64;

/// The pairs of a plain-object header init into `map`, as `new Headers(init)` reads
/// them (also for `httpRespond`'s plain-object headers): names checked
/// against the token grammar and lower-cased, values stringified, trimmed of HTTP
/// whitespace and refused with NUL, CR or LF; names that differ only in case are one
/// header, joined with ", " (set-cookie apart).
pub(crate) fn init_headers<'js>(
    ctx: &Ctx<'js>,
    init: &Object<'js>,
    map: &mut hyper::HeaderMap,
) -> Result<()> {
    for_each_own(ctx, init, |atom, value| {
        let name = header_name(ctx, atom)?;
        let value = utf8_of(ctx, &value, |text| {
            let http_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
            let start = text
                .iter()
                .position(|b| !http_space(b))
                .unwrap_or(text.len());
            let end = text
                .iter()
                .rposition(|b| !http_space(b))
                .map_or(start, |e| e + 1);
            let trimmed = &text[start..end];
            let shown = || String::from_utf8_lossy(trimmed).into_owned();
            if trimmed.iter().any(|b| matches!(b, b'\0' | b'\r' | b'\n')) {
                return Err(rquickjs::Exception::throw_type(
                    ctx,
                    &format!("Header value is not valid: \"{}\"", shown()),
                ));
            }
            let joined;
            let bytes = match map.get(&name) {
                Some(old) if name != hyper::header::SET_COOKIE => {
                    joined = [old.as_bytes(), b", ", trimmed].concat();
                    &joined[..]
                }
                _ => trimmed,
            };
            hyper::header::HeaderValue::from_bytes(bytes)
                .map_err(|_| invalid_value(ctx, name.as_str(), &shown()))
        })??;
        if name == hyper::header::SET_COOKIE {
            map.append(name, value);
        } else {
            map.insert(name, value);
        }
        Ok(true)
    })
}

/// Calls `f` with each own enumerable string-keyed property of `obj` (`Object.keys`
/// order) as its atom and value, until `f` returns false.
fn for_each_own<'js>(
    ctx: &Ctx<'js>,
    obj: &Object<'js>,
    mut f: impl FnMut(qjs::JSAtom, Value<'js>) -> Result<bool>,
) -> Result<()> {
    let c = ctx.as_raw().as_ptr();
    let obj = obj.as_raw();
    let mut tab: *mut qjs::JSPropertyEnum = std::ptr::null_mut();
    let mut len: u32 = 0;
    let flags = (qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_ENUM_ONLY) as i32;
    // SAFETY: `obj` is an object of this context; the table is freed below.
    if unsafe { qjs::JS_GetOwnPropertyNames(c, &mut tab, &mut len, obj, flags) } < 0 {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: QuickJS filled `len` entries (none when `tab` is null).
    let props = if tab.is_null() {
        &[][..]
    } else {
        unsafe { std::slice::from_raw_parts(tab, len as usize) }
    };
    let mut result = Ok(());
    for p in props {
        // SAFETY: a property of `obj`; the value is owned by the wrapper.
        let value = unsafe { Value::from_raw(ctx.clone(), qjs::JS_GetProperty(c, obj, p.atom)) };
        let step = if value.is_exception() {
            Err(rquickjs::Error::Exception)
        } else {
            f(p.atom, value)
        };
        match step {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    // SAFETY: the table JS_GetOwnPropertyNames returned, freed once.
    unsafe { qjs::JS_FreePropertyEnum(c, tab, len) };
    result
}

/// `nodeHeaders(object)`: node:http's `writeHead(status, { ... })` headers as they go
/// out, `[lower-case name, name, value, ...]` (names equal but for case are separate
/// lines, as in Node), or undefined when any of them needs the general path in JS — an
/// array or non-string value, an invalid name or value: JS raises Node's errors there.
pub fn node_headers<'js>(ctx: Ctx<'js>, init: Object<'js>) -> Result<Value<'js>> {
    let c = ctx.as_raw().as_ptr();
    let out = rquickjs::Array::new(ctx.clone())?;
    let mut i = 0;
    let mut plain = true;
    for_each_own(&ctx, &init, |atom, value| {
        let Ok(lower) = header_name(&ctx, atom) else {
            // Not a token: JS throws ERR_INVALID_HTTP_TOKEN (drop this TypeError).
            let _ = ctx.catch();
            plain = false;
            return Ok(false);
        };
        plain = if value.is_string() {
            utf8_of(&ctx, &value, |b| {
                !b.iter().any(|c| matches!(c, b'\0' | b'\r' | b'\n'))
            })?
        } else {
            value.is_number()
        };
        if !plain {
            return Ok(false);
        }
        // SAFETY: a live atom of this context; the string is owned by the wrapper.
        let name = unsafe { Value::from_raw(ctx.clone(), qjs::JS_AtomToString(c, atom)) };
        if name.is_exception() {
            return Err(rquickjs::Error::Exception);
        }
        out.set(3 * i, lower.as_str())?;
        out.set(3 * i + 1, name)?;
        out.set(3 * i + 2, value)?;
        i += 1;
        Ok(true)
    })?;
    Ok(if plain {
        out.into_value()
    } else {
        Value::new_undefined(ctx)
    })
}

/// Runs `f` on the UTF-8 text of `value` (converted as `String(value)` would), without
/// a copy when the engine holds it as ASCII.
fn utf8_of<R>(ctx: &Ctx<'_>, value: &Value<'_>, f: impl FnOnce(&[u8]) -> R) -> Result<R> {
    let c = ctx.as_raw().as_ptr();
    let mut len: qjs::size_t = 0;
    // SAFETY: a value of this context; the C string (which holds a reference to the
    // text, or a copy) stays valid through `f` and is freed once after it.
    unsafe {
        let ptr = qjs::JS_ToCStringLen2(c, &mut len, value.as_raw(), false);
        if ptr.is_null() {
            return Err(rquickjs::Error::Exception);
        }
        let out = f(std::slice::from_raw_parts(ptr.cast::<u8>(), len as usize));
        qjs::JS_FreeCString(c, ptr);
        Ok(out)
    }
}

/// The lower-cased, validated header name of property `atom` (from [`NAMES`] when seen).
fn header_name(ctx: &Ctx<'_>, atom: qjs::JSAtom) -> Result<hyper::header::HeaderName> {
    if let Some(name) = NAMES.with(|n| {
        n.borrow()
            .iter()
            .find(|(a, _)| *a == atom)
            .map(|(_, h)| h.clone())
    }) {
        return Ok(name);
    }
    let c = ctx.as_raw().as_ptr();
    // SAFETY: a live atom of this context; the C string is freed at once.
    let text = unsafe {
        let ptr = qjs::JS_AtomToCStringLen(c, std::ptr::null_mut(), atom);
        if ptr.is_null() {
            return Err(rquickjs::Error::Exception);
        }
        let text = std::ffi::CStr::from_ptr(ptr).to_string_lossy().into_owned();
        qjs::JS_FreeCString(c, ptr);
        text
    };
    let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if text.is_empty() || !text.bytes().all(token) {
        return Err(rquickjs::Exception::throw_type(
            ctx,
            &format!("Header name is not valid: \"{text}\""),
        ));
    }
    let name = hyper::header::HeaderName::from_bytes(text.to_ascii_lowercase().as_bytes())
        .map_err(|_| {
            rquickjs::Exception::throw_type(ctx, &format!("Header name is not valid: \"{text}\""))
        })?;
    NAMES.with(|n| {
        let mut n = n.borrow_mut();
        if n.len() < NAMES_KEPT {
            // SAFETY: the reference keeps the atom's id; released in `forget`.
            unsafe { qjs::JS_DupAtom(c, atom) };
            n.push((atom, name.clone()));
        }
    });
    Ok(name)
}

/// The error the old path raised for a value hyper refuses (other control characters).
fn invalid_value(ctx: &Ctx<'_>, name: &str, value: &str) -> rquickjs::Error {
    match crate::binding::throw_coded::<()>(
        ctx,
        "ERR_HTTP_INVALID_HEADER_VALUE",
        &format!("Invalid value \"{value}\" for header \"{name}\""),
    ) {
        Err(e) => e,
        Ok(()) => rquickjs::Error::Exception,
    }
}
