//! Builtin modules. Each is a JS file under `runtime/js/` holding a factory
//! `(function (binding, internals) { ...; return exports; })`, compiled to QuickJS
//! bytecode by `build.rs` and evaluated the first time it is required or imported (so
//! start-up pays only for what a program uses).

pub mod base64;

use rquickjs::{qjs, Ctx, Result, Value};

include!(concat!(env!("OUT_DIR"), "/bytecode.rs"));

/// Evaluates builtin `name`'s bytecode and returns its value (the factory function).
pub fn load<'js>(ctx: &Ctx<'js>, name: &str) -> Result<Option<Value<'js>>> {
    let Some((_, bytes)) = BYTECODE.iter().find(|(n, _)| *n == name) else {
        return Ok(None);
    };
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: the bytes were written by JS_WriteObject of the same engine version
    // (build.rs); JS_ReadObject validates the version tag and fails cleanly otherwise.
    unsafe {
        let func = qjs::JS_ReadObject(
            raw,
            bytes.as_ptr(),
            bytes.len() as _,
            qjs::JS_READ_OBJ_BYTECODE as i32,
        );
        if qjs::JS_IsException(func) {
            return Err(rquickjs::Error::Exception);
        }
        let value = qjs::JS_EvalFunction(raw, func);
        if qjs::JS_IsException(value) {
            return Err(rquickjs::Error::Exception);
        }
        Ok(Some(Value::from_raw(ctx.clone(), value)))
    }
}
