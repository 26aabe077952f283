//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Once;

/// The fixtures directory.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Builds the dynojs binary next to dyno's (target/debug), once per test process, so
/// discovery finds it as it would after `cargo build`.
pub fn ensure_dynojs() {
    static BUILD: Once = Once::new();
    BUILD.call_once(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = std::process::Command::new(cargo)
            .args(["build", "--quiet", "-p", "dynojs"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("running cargo build -p dynojs");
        assert!(status.success(), "cargo build -p dynojs failed");
    });
}

/// The dyno binary under test, in a fresh temp working directory.
pub fn dyno(cwd: &Path) -> assert_cmd::Command {
    ensure_dynojs();
    let mut cmd = assert_cmd::Command::cargo_bin("dyno").expect("dyno binary");
    cmd.current_dir(cwd);
    cmd
}

/// Runtimes the environment promises (CI sets DYNO_EXPECT_RUNTIMES after installing
/// them); tests fail rather than skip when one of these is missing.
pub fn expected_runtimes() -> Vec<String> {
    std::env::var("DYNO_EXPECT_RUNTIMES")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Output of a real `node -p EXPR`, if node is on PATH.
pub fn node_eval(expr: &str) -> Option<String> {
    let out = std::process::Command::new("node")
        .args(["-p", expr])
        .env_remove("NODE_EXTRA_CA_CERTS")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Validates a JSON document against the committed results schema.
pub fn validate_results(doc: &serde_json::Value) {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/results.v1.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "results do not match schema:\n{}",
        errors.join("\n")
    );
}

/// Exit code, stdout and stderr of a finished command.
pub fn output3(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = cmd.output().expect("running dyno");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts the command exited 0, showing its stderr otherwise; returns stdout.
pub fn stdout_ok(cmd: &mut assert_cmd::Command) -> String {
    let (code, out, err) = output3(cmd);
    assert_eq!(code, 0, "{err}");
    out
}

/// Reads a JSON file.
pub fn load_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("reading JSON file"))
        .expect("valid JSON")
}

/// Writes `doc` as `dir/name` and returns the path.
pub fn write_json(dir: &Path, name: &str, doc: &serde_json::Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string(doc).unwrap()).unwrap();
    path
}

/// A real, short `dyno bench startup` of dynojs on one program, saved to `out`.
pub fn startup_on_dynojs(dir: &Path, program: &str, runs: u32, out: &Path) {
    stdout_ok(
        dyno(dir)
            .args([
                "-q",
                "--runtime",
                "dynojs",
                "bench",
                "startup",
                "-b",
                program,
            ])
            .args(["--runs", &runs.to_string(), "--warmup-runs", "1", "--out"])
            .arg(out),
    );
}
