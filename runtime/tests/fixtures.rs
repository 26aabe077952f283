//! Golden tests: every JS fixture in `tests/js/` runs on dynojs, and on node when node
//! is installed, and both must print exactly the `.out` file and exit with the expected
//! code. The goldens are node 20's output (except fixtures marked `// dynojs-only`), so
//! they are Node's truth, not our guess.
//!
//! Header comments in a fixture set expectations:
//! `// exit: N` (default 0), `// stderr: TEXT` (must appear in stderr; repeatable),
//! `// dynojs-only` (node lacks the feature), `// node-stderr-differs` (V8's wording).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;

struct Fixture {
    path: PathBuf,
    exit: i32,
    stderr: Vec<String>,
    dynojs_only: bool,
    node_stderr_differs: bool,
}

fn fixtures() -> Vec<Fixture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "js" | "mjs" | "cjs") || !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut f = Fixture {
            path,
            exit: 0,
            stderr: Vec::new(),
            dynojs_only: false,
            node_stderr_differs: false,
        };
        for line in text.lines().take_while(|l| l.starts_with("//")) {
            let line = line.trim_start_matches("//").trim();
            if let Some(code) = line.strip_prefix("exit:") {
                f.exit = code.trim().parse().expect("exit: N");
            } else if let Some(s) = line.strip_prefix("stderr:") {
                f.stderr.push(s.trim().to_owned());
            } else if line == "dynojs-only" {
                f.dynojs_only = true;
            } else if line == "node-stderr-differs" {
                f.node_stderr_differs = true;
            }
        }
        out.push(f);
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Runs `cmd` on `fixture` in a clean environment with a time limit.
fn run(mut cmd: Command, fixture: &Fixture) -> Result<(i32, String, String), String> {
    cmd.arg(&fixture.path)
        .current_dir(fixture.path.parent().unwrap())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", std::env::var("HOME").unwrap_or_default());
    let mut cmd = assert_cmd::Command::from_std(cmd);
    cmd.timeout(Duration::from_secs(20));
    let out = cmd.output().map_err(|e| format!("spawn: {e}"))?;
    let code = out.status.code().unwrap_or(-1);
    Ok((
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

fn check(
    who: &str,
    fixture: &Fixture,
    result: Result<(i32, String, String), String>,
    check_stderr: bool,
) -> Vec<String> {
    let name = fixture.path.file_name().unwrap().to_string_lossy();
    let golden_path = fixture.path.with_extension("out");
    let golden = std::fs::read_to_string(&golden_path)
        .unwrap_or_else(|_| panic!("missing golden {}", golden_path.display()));
    let (code, stdout, stderr) = match result {
        Ok(r) => r,
        Err(e) => return vec![format!("{who} {name}: {e}")],
    };
    let mut problems = Vec::new();
    if stdout != golden {
        problems.push(format!("{who} {name}: stdout differs from {}\n--- expected\n{golden}--- got\n{stdout}--- stderr\n{stderr}", golden_path.display()));
    }
    if code != fixture.exit {
        problems.push(format!(
            "{who} {name}: exit code {code}, expected {}\nstderr: {stderr}",
            fixture.exit
        ));
    }
    if check_stderr {
        for needle in &fixture.stderr {
            if !stderr.contains(needle.as_str()) {
                problems.push(format!(
                    "{who} {name}: stderr lacks {needle:?}\nstderr: {stderr}"
                ));
            }
        }
    }
    problems
}

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn fixtures_match_goldens_on_dynojs() {
    let mut problems = Vec::new();
    let all = fixtures();
    assert!(all.len() >= 20, "fixtures went missing");
    for f in &all {
        let cmd = Command::cargo_bin("dynojs").unwrap();
        problems.extend(check("dynojs", f, run(cmd, f), true));
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

#[test]
fn fixtures_match_goldens_on_node() {
    if !node_available() {
        let expected = std::env::var("DYNO_EXPECT_RUNTIMES").unwrap_or_default();
        assert!(
            !expected.split(',').any(|r| r.trim() == "node"),
            "node is expected (DYNO_EXPECT_RUNTIMES) but not on PATH"
        );
        eprintln!("skipping: node not installed; the goldens are not re-checked against it");
        return;
    }
    let mut problems = Vec::new();
    for f in fixtures().iter().filter(|f| !f.dynojs_only) {
        problems.extend(check(
            "node",
            f,
            run(Command::new("node"), f),
            !f.node_stderr_differs,
        ));
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}
