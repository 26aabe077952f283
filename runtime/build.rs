//! Compiles the JavaScript half of dynojs (`js/*.js`) to QuickJS bytecode at build time,
//! so start-up reads bytecode instead of parsing ~2,000 lines of JS (about 2.4 ms of a
//! 5 ms start on the reference machine). The engine here is the same rquickjs-sys
//! version the runtime links (pinned with `=` in both manifests), so the bytecode
//! format matches; the runtime still checks it when reading.

use std::ffi::CString;
use std::path::PathBuf;

use rquickjs_sys as qjs;

/// (builtin name, file under js/). The name becomes the script's file name
/// (`node:<name>`), which is what stack traces show.
const SCRIPTS: &[(&str, &str)] = &[
    ("internal/bootstrap", "bootstrap.js"),
    ("internal/inspect", "inspect.js"),
    ("internal/cjs", "cjs.js"),
    ("internal/clone", "clone.js"),
    ("internal/web", "web.js"),
    ("internal/event_target", "event_target.js"),
    ("internal/streams", "streams.js"),
    ("internal/blob", "blob.js"),
    ("internal/wasm", "wasm.js"),
    ("crypto", "crypto.js"),
    ("assert", "assert.js"),
    ("buffer", "buffer.js"),
    ("http", "http.js"),
    ("events", "events.js"),
    ("fs", "fs.js"),
    ("path", "path.js"),
    ("os", "os.js"),
    ("stream", "stream.js"),
    ("string_decoder", "string_decoder.js"),
    ("async_hooks", "async_hooks.js"),
    ("tty", "tty.js"),
    ("zlib", "zlib.js"),
    ("net", "net.js"),
    ("child_process", "child_process.js"),
    ("querystring", "querystring.js"),
    ("url", "url.js"),
    ("timers", "timers.js"),
    ("timers/promises", "timers_promises.js"),
    ("util", "util.js"),
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    println!("cargo:rerun-if-changed=js");
    println!("cargo:rerun-if-changed=build.rs");
    let mut table = String::from(
        "/// Precompiled builtins: (name, bytecode).\npub static BYTECODE: &[(&str, &[u8])] = &[\n",
    );
    // SAFETY: plain QuickJS C API use on a runtime and context owned by this function.
    unsafe {
        let rt = qjs::JS_NewRuntime();
        let ctx = qjs::JS_NewContext(rt);
        assert!(!ctx.is_null(), "JS_NewContext failed");
        for (name, file) in SCRIPTS {
            let path = manifest.join("js").join(file);
            let source = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
            let filename = CString::new(format!("node:{name}")).unwrap();
            let mut input = source.clone().into_bytes();
            input.push(0);
            let flags = (qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32;
            let func = qjs::JS_Eval(
                ctx,
                input.as_ptr().cast(),
                source.len() as _,
                filename.as_ptr(),
                flags,
            );
            if qjs::JS_IsException(func) {
                let exc = qjs::JS_GetException(ctx);
                let text = qjs::JS_ToCString(ctx, exc);
                let message = std::ffi::CStr::from_ptr(text)
                    .to_string_lossy()
                    .into_owned();
                panic!("js/{file} does not compile: {message}");
            }
            let mut size: qjs::size_t = 0;
            let buf = qjs::JS_WriteObject(ctx, &mut size, func, qjs::JS_WRITE_OBJ_BYTECODE as i32);
            assert!(!buf.is_null(), "JS_WriteObject failed for js/{file}");
            let bytes = std::slice::from_raw_parts(buf, size as usize).to_vec();
            qjs::js_free(ctx, buf.cast());
            qjs::JS_FreeValue(ctx, func);
            let target = out.join(format!("{}.qbc", name.replace('/', "_")));
            std::fs::write(&target, bytes).expect("writing bytecode");
            table.push_str(&format!(
                "    ({name:?}, include_bytes!({:?})),\n",
                target.display().to_string()
            ));
        }
        qjs::JS_FreeContext(ctx);
        qjs::JS_FreeRuntime(rt);
    }
    table.push_str("];\n");
    std::fs::write(out.join("bytecode.rs"), table).expect("writing bytecode table");
}
