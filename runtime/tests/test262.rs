//! The test262 host (`dynojs --test262`, `--test262-batch`) on hand-composed fixtures in
//! test262's format: a small harness of our own (shared with dyno's fixture suite in
//! harness/tests/fixtures/test262/harness) prepended to
//! each body, as the conformance engine composes the real one. Covers strict, sloppy,
//! module, async, negative tests of every phase, createRealm, evalScript,
//! detachArrayBuffer, IsHTMLDDA, gc, agents, and the batch protocol.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/test262")
}

/// The stand-in harness shared with dyno's own test262 fixtures (sta.js, assert.js,
/// doneprintHandle.js, in test262's order).
fn harness() -> String {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../harness/tests/fixtures/test262/harness");
    ["sta.js", "assert.js", "doneprintHandle.js"]
        .iter()
        .map(|f| {
            std::fs::read_to_string(dir.join(f)).unwrap_or_else(|e| panic!("harness/{f}: {e}"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes harness + body next to the fixtures (so `./x_FIXTURE.js` resolves) and runs it.
fn run(name: &str, body: &str, flags: &[&str]) -> (i32, String, Option<Value>) {
    let harness = harness();
    let scratch = tempfile::Builder::new()
        .prefix("t262-")
        .tempdir_in(std::env::temp_dir())
        .unwrap();
    for f in ["value_FIXTURE.js", "broken_FIXTURE.js", "data_FIXTURE.json"] {
        std::fs::copy(dir().join(f), scratch.path().join(f)).unwrap();
    }
    let strict_prefix = if flags.contains(&"--strict") {
        "\"use strict\";\n"
    } else {
        ""
    };
    let file = scratch.path().join(format!("{name}.js"));
    std::fs::write(&file, format!("{strict_prefix}{harness}\n{body}\n")).unwrap();
    let mut cmd = assert_cmd::Command::from_std(Command::cargo_bin("dynojs").unwrap());
    cmd.arg("--test262")
        .arg(&file)
        .args(flags)
        .timeout(Duration::from_secs(20));
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let error = stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("DYNOJS-TEST262-ERROR "))
        .map(|j| serde_json::from_str(j).expect("structured error line is JSON"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        error,
    )
}

fn passes(name: &str, body: &str, flags: &[&str]) -> String {
    let (code, stdout, error) = run(name, body, flags);
    assert_eq!(
        (code, &error),
        (0, &None),
        "{name} should pass; stdout: {stdout}"
    );
    stdout
}

fn fails(name: &str, body: &str, flags: &[&str], phase: &str, error_name: &str) {
    let (code, stdout, error) = run(name, body, flags);
    let error = error.unwrap_or_else(|| panic!("{name}: no structured error; stdout {stdout}"));
    assert_eq!(code, 1, "{name}");
    assert_eq!(error["phase"], phase, "{name}: {error}");
    assert_eq!(error["name"], error_name, "{name}: {error}");
}

#[test]
fn sloppy_strict_and_module_scenarios() {
    passes("sloppy", "var x = 1; assert.sameValue(this.x, 1); assert.sameValue((function () { return this; })(), this);", &[]);
    passes("strict", "assert.sameValue((function () { return this; })(), undefined); assert.throws(ReferenceError, function () { undeclared = 1; });", &["--strict"]);
    fails(
        "strict-is-enforced",
        "with ({}) {}",
        &["--strict"],
        "parse",
        "SyntaxError",
    );
    passes(
        "module",
        "import { v } from './value_FIXTURE.js'; import d from './value_FIXTURE.js';\nimport data from './data_FIXTURE.json' with { type: 'json' };\nassert.sameValue(v, 1); assert.sameValue(d, 'fixture default'); assert.sameValue(data.answer, 42); assert.sameValue(this, undefined);",
        &["--module"],
    );
    passes("dynamic-import-in-script", "import('./value_FIXTURE.js').then(function (m) { assert.sameValue(m.v, 1); }).then($DONE, $DONE);", &[]);
}

#[test]
fn async_protocol() {
    let out = passes(
        "async-ok",
        "Promise.resolve().then(function () { $DONE(); });",
        &[],
    );
    assert_eq!(out, "Test262:AsyncTestComplete\n");
    let out = passes(
        "async-fail",
        "Promise.resolve().then(function () { $DONE(new TypeError('nope')); });",
        &[],
    );
    assert_eq!(out, "Test262:AsyncTestFailure:TypeError: nope\n");
    let out = passes("tla", "await Promise.resolve(); $DONE();", &["--module"]);
    assert_eq!(out, "Test262:AsyncTestComplete\n");
}

#[test]
fn negative_tests_report_their_phase() {
    fails(
        "parse-script",
        "$DONOTEVALUATE();\nvar a = ;",
        &[],
        "parse",
        "SyntaxError",
    );
    fails(
        "parse-early-error",
        "$DONOTEVALUATE();\nlet a; let a;",
        &[],
        "parse",
        "SyntaxError",
    );
    fails(
        "parse-module",
        "$DONOTEVALUATE();\nexport default 1; export default 2;",
        &["--module"],
        "parse",
        "SyntaxError",
    );
    fails(
        "resolution-missing-export",
        "$DONOTEVALUATE();\nimport { nope } from './value_FIXTURE.js';",
        &["--module"],
        "resolution",
        "SyntaxError",
    );
    fails(
        "resolution-syntax-in-dependency",
        "$DONOTEVALUATE();\nimport './broken_FIXTURE.js';",
        &["--module"],
        "resolution",
        "SyntaxError",
    );
    fails(
        "resolution-missing-file",
        "$DONOTEVALUATE();\nimport './nowhere_FIXTURE.js';",
        &["--module"],
        "resolution",
        "Error",
    );
    fails(
        "runtime-script",
        "throw new TypeError('at runtime');",
        &[],
        "runtime",
        "TypeError",
    );
    fails(
        "runtime-module",
        "throw new RangeError('in module');",
        &["--module"],
        "runtime",
        "RangeError",
    );
    fails(
        "runtime-after-await",
        "await 0; throw new EvalError('late');",
        &["--module"],
        "runtime",
        "EvalError",
    );
    fails(
        "assertion",
        "assert.sameValue(1, 2);",
        &[],
        "runtime",
        "Test262Error",
    );
}

#[test]
fn realms_and_eval_script() {
    passes(
        "create-realm",
        r#"
var other = $262.createRealm();
assert(other.global !== this, 'a new global');
assert(other.global.Array !== Array, 'its own intrinsics');
other.evalScript('var inOther = 3;');
assert.sameValue(other.global.inOther, 3);
assert.sameValue(typeof inOther, 'undefined');
assert(typeof other.createRealm === 'function', 'the new realm has its own $262');
var arr = other.global.eval('[]');
assert.sameValue(Array.isArray(arr), true);
assert.sameValue(arr instanceof Array, false);
"#,
        &[],
    );
    passes(
        "eval-script",
        r#"
$262.evalScript('let lexical = 5; var v = 6;');
assert.sameValue(lexical, 5);
assert.sameValue(Object.getOwnPropertyDescriptor(this, 'v').configurable, false, 'a script var, not an eval var');
assert.throws(SyntaxError, function () { $262.evalScript('let lexical = 6;'); });
assert.throws(SyntaxError, function () { $262.evalScript('var = ;'); });
assert.sameValue($262.evalScript('1 + 1'), 2);
"#,
        &[],
    );
}

#[test]
fn host_hooks() {
    passes(
        "hooks",
        r#"
var ab = new ArrayBuffer(8);
var view = new Uint8Array(ab);
$262.detachArrayBuffer(ab);
assert.sameValue(ab.byteLength, 0);
assert.throws(TypeError, function () { view[0] = 1; new Uint8Array(ab); });
assert.sameValue(typeof $262.IsHTMLDDA, 'undefined');
assert.sameValue($262.IsHTMLDDA == null, true);
assert.sameValue($262.IsHTMLDDA(), null);
$262.gc();
assert.sameValue($262.global, this);
assert.sameValue(Object.getOwnPropertyDescriptor(this, '$262').enumerable, false);
"#,
        &[],
    );
}

#[test]
fn agents_share_memory() {
    passes(
        "agent",
        r#"
var sab = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * 4);
var ia = new Int32Array(sab);
$262.agent.start(
  '$262.agent.receiveBroadcast(function (sab, id) {' +
  '  var ia = new Int32Array(sab);' +
  '  Atomics.add(ia, 0, id);' +
  '  $262.agent.report("agent saw " + id);' +
  '  $262.agent.leaving();' +
  '});');
$262.agent.start(
  '$262.agent.receiveBroadcast(function (sab, id) {' +
  '  var ia = new Int32Array(sab);' +
  '  Atomics.add(ia, 0, id * 10);' +
  '  Atomics.notify(ia, 1);' +
  '  $262.agent.report("second agent");' +
  '  $262.agent.leaving();' +
  '});');
$262.agent.broadcast(sab, 2);
var reports = [];
var start = $262.agent.monotonicNow();
while (reports.length < 2) {
  var r = $262.agent.getReport();
  if (r !== null) reports.push(r); else $262.agent.sleep(1);
  if ($262.agent.monotonicNow() - start > 5000) throw new Test262Error('no reports');
}
reports.sort();
assert.sameValue(reports.join('|'), 'agent saw 2|second agent');
assert.sameValue(Atomics.load(ia, 0), 22);
"#,
        &[],
    );
}

/// Feeds `requests` to one `dynojs --test262-batch` and returns its answer lines.
fn batch(requests: &[Value]) -> Vec<Value> {
    let mut child = Command::cargo_bin("dynojs")
        .unwrap()
        .arg("--test262-batch")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        for r in requests {
            writeln!(stdin, "{r}").unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn batch_mode() {
    let scratch = tempfile::tempdir().unwrap();
    let harness = harness();
    let write = |name: &str, body: &str| {
        let p = scratch.path().join(name);
        std::fs::write(&p, format!("{harness}\n{body}\n")).unwrap();
        p.to_string_lossy().into_owned()
    };
    let ok = write("ok.js", "print('printed'); assert.sameValue(1, 1);");
    let neg = write("neg.js", "$DONOTEVALUATE(); var = ;");
    let hang = write("hang.js", "while (true) {}");
    let realm_leak = write(
        "realm.js",
        "assert.sameValue(typeof leaked, 'undefined'); var leaked = 1;",
    );
    let requests = [
        serde_json::json!({ "file": ok, "module": false, "strict": false }),
        serde_json::json!({ "file": neg, "module": false, "strict": true }),
        serde_json::json!({ "file": hang, "timeout_ms": 300 }),
        serde_json::json!({ "file": realm_leak }),
        serde_json::json!({ "file": realm_leak }),
    ];
    let lines = batch(&requests);
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert_eq!(lines[0]["error"], Value::Null);
    assert_eq!(lines[0]["stdout"], "printed\n");
    assert_eq!(lines[1]["error"]["phase"], "parse");
    assert_eq!(lines[1]["error"]["name"], "SyntaxError");
    assert_eq!(lines[2]["timed_out"], true, "{}", lines[2]);
    assert!(lines[2]["error"].is_object());
    // Each test gets a fresh realm: the second run does not see the first's global.
    assert_eq!(lines[3]["error"], Value::Null, "{}", lines[3]);
    assert_eq!(lines[4]["error"], Value::Null, "{}", lines[4]);
}

#[test]
fn batch_prelude_scripts() {
    let scratch = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let p = scratch.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    let shared =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../harness/tests/fixtures/test262/harness");
    let assert_js = shared.join("assert.js").to_string_lossy().into_owned();
    let sta_js = shared.join("sta.js").to_string_lossy().into_owned();
    // Reports whether harness code runs strict: `this` in a plain call.
    let mode = file(
        "mode.js",
        "var harnessStrict = (function () { return this === undefined; })();",
    );
    let broken = file("broken.js", "function (");
    let throws = file("throws.js", "throw new RangeError('from the harness');");
    let test = file("t.js", "");
    let ask = |prelude: &[&str], source: &str, strict: bool| serde_json::json!({ "file": test, "source": source, "prelude": prelude, "strict": strict });
    let body = "print(harnessStrict); assert.sameValue(1, 1);";
    let requests = [
        ask(&[&assert_js, &sta_js, &mode], body, false),
        ask(&[&assert_js, &sta_js, &mode], body, true),
        // Second use of each compiled file comes from the bytecode cache.
        ask(&[&assert_js, &sta_js, &mode], body, false),
        ask(&[&assert_js, &sta_js, &mode], body, true),
        ask(&[&assert_js, &broken], "print('ran')", false),
        ask(&[&assert_js, &broken], "print('ran')", false),
        ask(&[&assert_js, &throws], "print('ran')", false),
        // A negative parse test still reports the test's own phase after the prelude.
        ask(&[&assert_js, &sta_js], "var = ;", false),
    ];
    let lines = batch(&requests);
    assert_eq!(lines.len(), requests.len(), "{lines:?}");
    for (i, expected) in ["false\n", "true\n", "false\n", "true\n"]
        .iter()
        .enumerate()
    {
        assert_eq!(lines[i]["error"], Value::Null, "{}", lines[i]);
        assert_eq!(lines[i]["stdout"], *expected, "request {i}");
    }
    for line in &lines[4..6] {
        assert_eq!(line["error"]["phase"], "harness", "{line}");
        assert!(line["error"]["message"]
            .as_str()
            .unwrap()
            .contains("broken.js"));
        assert_eq!(
            line["stdout"], "",
            "the test must not run after a broken harness"
        );
    }
    assert_eq!(lines[6]["error"]["phase"], "harness", "{}", lines[6]);
    assert_eq!(lines[6]["error"]["name"], "RangeError");
    assert_eq!(lines[7]["error"]["phase"], "parse", "{}", lines[7]);
    assert_eq!(lines[7]["error"]["name"], "SyntaxError");
}
