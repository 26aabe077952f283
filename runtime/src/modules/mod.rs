//! Builtin modules. Each is a JS file under `runtime/js/` holding a factory
//! `(function (binding, internals) { ...; return exports; })`, compiled the first time it
//! is required or imported (lazily, so start-up pays only for what a program uses).

pub mod base64;

/// The JS source of builtin `name` (`events`, `internal/inspect`, ...).
pub fn source(name: &str) -> Option<&'static str> {
    Some(match name {
        "assert" => include_str!("../../js/assert.js"),
        "assert/strict" => {
            "(function (binding, internals) { return internals.internal('assert').strict; })"
        }
        "events" => include_str!("../../js/events.js"),
        "path" => include_str!("../../js/path.js"),
        "process" => "(function (binding, internals) { return internals.process; })",
        "timers" => include_str!("../../js/timers.js"),
        "timers/promises" => include_str!("../../js/timers_promises.js"),
        "util" => include_str!("../../js/util.js"),
        "internal/inspect" => include_str!("../../js/inspect.js"),
        "internal/cjs" => include_str!("../../js/cjs.js"),
        "internal/clone" => include_str!("../../js/clone.js"),
        _ => return None,
    })
}

/// The bootstrap script (see `js/bootstrap.js`).
pub const BOOTSTRAP: &str = include_str!("../../js/bootstrap.js");
