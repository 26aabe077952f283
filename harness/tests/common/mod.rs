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
