//! `suites/compat` as a suite: dyno's own runtime-API conformance tests.
//!
//! A case is one `.mjs`/`.cjs` file under an area directory. It loads the portable
//! prelude (`_harness/prelude.cjs`), registers subtests, and reports one line per subtest
//! on stdout, then `DYNO_DONE`. Each subtest becomes one scenario of the case (named by
//! the subtest), so expectations, JUnit and comparisons work per subtest. What is
//! reported is classified in [`classify`]: a subtest the file never reached fails, a
//! file that ends without the done marker fails, and divergence probes are kept as
//! `observe: <name>` scenarios that never count as passes, failures or skips.

pub mod matrix;
pub mod meta;
pub mod probe;
pub mod run;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};

use super::filter::{Filter, Tags};
use super::verdict::Verdict;
use super::{CaseResult, ScenarioResult};
use crate::proc::{Outcome, ProcResult};
pub use meta::Meta;

/// Where the suite lives in a dyno checkout.
pub const DEFAULT_DIR: &str = "suites/compat";

/// The environment variable holding the JSON argv that runs a file on the runtime under
/// test (`"__DYNO_FILE__"` marks the file), for tests that start a child of their own.
pub const RUNTIME_VAR: &str = "DYNO_COMPAT_RUNTIME";
pub const FILE_PLACEHOLDER: &str = "__DYNO_FILE__";

/// Scenario-name prefix of divergence probes.
pub const OBSERVE_PREFIX: &str = "observe: ";

/// How much of a failing file's output is kept.
const TAIL_CHARS: usize = 2000;

/// The compat suite's directory.
#[derive(Debug)]
pub struct Suite {
    pub root: PathBuf,
    /// `git rev-parse HEAD` of the checkout holding the suite, if any.
    pub commit: Option<String>,
}

/// One case, read and parsed.
#[derive(Debug, Clone)]
pub struct Case {
    pub id: String,
    pub path: PathBuf,
    pub meta: Meta,
}

impl Suite {
    pub fn open(root: &Path) -> Result<Suite> {
        // Cases run in a private temp directory, so every path handed to a runtime is absolute.
        let root = &std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        if !root.join("_harness/prelude.cjs").is_file() {
            anyhow::bail!(crate::UsageError::new(format!(
                "'{}' is not a compat suite (no _harness/prelude.cjs); run dyno from its checkout or pass --compat-dir",
                root.display()
            )));
        }
        let commit = crate::conform::git_commit(root);
        Ok(Suite {
            root: root.to_path_buf(),
            commit,
        })
    }

    /// Every case file, sorted. Files and directories whose names start with `_` (the
    /// prelude), `fixtures` directories and `node_modules` hold helpers, not cases.
    pub fn discover(&self) -> Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        let mut stack = vec![self.root.clone()];
        while let Some(dir) = stack.pop() {
            let entries =
                std::fs::read_dir(&dir).with_context(|| format!("reading '{}'", dir.display()))?;
            for entry in entries {
                let path = entry?.path();
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if name.starts_with('_') || name.starts_with('.') {
                    continue;
                }
                if path.is_dir() {
                    if name != "fixtures" && name != "node_modules" {
                        stack.push(path);
                    }
                } else if path.parent() != Some(self.root.as_path())
                    && path.extension().is_some_and(|e| e == "mjs" || e == "cjs")
                {
                    out.push(path);
                }
            }
        }
        out.sort();
        Ok(out)
    }

    pub fn id_of(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    }

    /// Reads and checks one case: its frontmatter, and that `area` names its directory.
    pub fn load(&self, path: &Path) -> Result<Case, String> {
        let source = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read '{}': {e}", path.display()))?;
        let meta = meta::parse(&source)?;
        let id = self.id_of(path);
        let dir = id.split('/').next().unwrap_or_default();
        if meta.area != dir {
            return Err(format!(
                "frontmatter says area '{}' but the file is under '{dir}/'; move the file or fix the area",
                meta.area
            ));
        }
        Ok(Case {
            id,
            path: path.to_path_buf(),
            meta,
        })
    }
}

/// A case as read: parsed, or (id, what is wrong with its frontmatter).
pub type Loaded = Result<Case, (String, String)>;

/// Every case of `suite` that `filter` admits (`dir:`, `id:`, `feature:` = a requirement,
/// `flag:`). A case whose frontmatter is broken stays in, to be reported on every runtime.
pub fn load_all(suite: &Suite, filter: Option<&Filter>) -> Result<Vec<Loaded>> {
    Ok(suite
        .discover()?
        .iter()
        .map(|p| suite.load(p).map_err(|e| (suite.id_of(p), e)))
        .filter(|c| {
            let Some(f) = filter else { return true };
            let (id, requires, flags): (&str, &[String], &[String]) = match c {
                Ok(case) => (&case.id, &case.meta.requires, &case.meta.flags),
                Err((id, _)) => (id, &[], &[]),
            };
            f.matches(&Tags {
                id,
                features: requires,
                flags,
                includes: &[],
            })
        })
        .collect())
}

/// The union of the cases' `requires`: what the capability probe asks about.
pub fn requirement_tokens(cases: &[Loaded]) -> BTreeSet<String> {
    cases
        .iter()
        .flatten()
        .flat_map(|c| c.meta.requires.iter().cloned())
        .collect()
}

/// The area of a case id (its directory).
pub fn area_of(id: &str) -> &str {
    id.split('/').next().unwrap_or(id)
}

/// A case that could not run at all: one scenario named `(file)`.
pub fn file_result(id: &str, verdict: Verdict, detail: String) -> CaseResult {
    CaseResult {
        id: id.to_owned(),
        features: Vec::new(),
        proposal: false,
        scenarios: vec![ScenarioResult::new("(file)", verdict, Some(detail))],
    }
}

/// The requirements of `case` that the runtime lacks.
pub fn missing(case: &Case, caps: &BTreeSet<String>) -> Vec<String> {
    case.meta
        .requires
        .iter()
        .filter(|r| !caps.contains(*r))
        .cloned()
        .collect()
}

/// One protocol line from the prelude.
#[derive(Debug, serde::Deserialize)]
struct Subtest {
    name: String,
    ok: bool,
    #[serde(default)]
    message: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
struct Observation {
    name: String,
    value: String,
}

/// Turns what one file printed and how it ended into one scenario per subtest.
pub fn classify(id: &str, result: &ProcResult, elapsed: Duration) -> CaseResult {
    let stdout = result.stdout.text();
    let stderr = result.stderr.tail_text(TAIL_CHARS);
    let mut plan: Option<Vec<String>> = None;
    let mut reported: Vec<ScenarioResult> = Vec::new();
    let mut observed: Vec<ScenarioResult> = Vec::new();
    let mut done = false;
    let mut protocol_errors = Vec::new();
    for line in stdout.lines() {
        let line = line.trim_end();
        if let Some(rest) = line.strip_prefix("DYNO_PLAN ") {
            match serde_json::from_str::<Vec<String>>(rest) {
                Ok(p) => plan = Some(p),
                Err(e) => protocol_errors.push(format!("bad DYNO_PLAN line: {e}")),
            }
        } else if let Some(rest) = line.strip_prefix("DYNO_SUBTEST ") {
            match serde_json::from_str::<Subtest>(rest) {
                Ok(s) => {
                    let verdict = if s.ok { Verdict::Pass } else { Verdict::Fail };
                    reported.push(ScenarioResult::new(s.name, verdict, s.message));
                }
                Err(e) => protocol_errors.push(format!("bad DYNO_SUBTEST line: {e}")),
            }
        } else if let Some(rest) = line.strip_prefix("DYNO_OBSERVE ") {
            match serde_json::from_str::<Observation>(rest) {
                Ok(o) => observed.push(ScenarioResult::new(
                    format!("{OBSERVE_PREFIX}{}", o.name),
                    Verdict::Skip,
                    Some(format!("observed: {}", o.value)),
                )),
                Err(e) => protocol_errors.push(format!("bad DYNO_OBSERVE line: {e}")),
            }
        } else if line.starts_with("DYNO_DONE") {
            done = true;
        }
    }
    let ended = describe_end(&result.outcome);
    let not_reached = match result.outcome {
        Outcome::TimedOut => Verdict::Timeout,
        _ => Verdict::Fail,
    };
    let tails = |s: &mut ScenarioResult| {
        s.stdout_tail = Some(super::tail(&stdout, TAIL_CHARS));
        s.stderr_tail = Some(stderr.clone());
    };
    let mut scenarios = Vec::new();
    let Some(plan) = plan else {
        let verdict = match result.outcome {
            Outcome::TimedOut => Verdict::Timeout,
            Outcome::Signalled { .. } | Outcome::MemoryLimit => Verdict::Crash,
            Outcome::SpawnFailed { .. } => Verdict::HarnessError,
            _ => Verdict::Fail,
        };
        let mut s = ScenarioResult::new(
            "(file)",
            verdict,
            Some(format!(
                "no subtests reported; the file {ended}{}",
                last_line(&stderr)
            )),
        );
        tails(&mut s);
        s.duration_ms = elapsed.as_secs_f64() * 1e3;
        return CaseResult {
            id: id.to_owned(),
            features: Vec::new(),
            proposal: false,
            scenarios: vec![s],
        };
    };
    let mut seen = BTreeSet::new();
    let mut missed = false;
    for name in &plan {
        if !seen.insert(name.clone()) {
            scenarios.push(ScenarioResult::new(
                format!("{name} (duplicate)"),
                Verdict::HarnessError,
                Some(format!(
                    "two subtests are named '{name}'; names must be unique in a file"
                )),
            ));
            continue;
        }
        match reported.iter().position(|s| &s.scenario == name) {
            Some(i) => scenarios.push(reported.remove(i)),
            None => {
                missed = true;
                let mut s = ScenarioResult::new(
                    name.clone(),
                    not_reached,
                    Some(format!(
                        "not reached: the file {ended} before this subtest reported{}",
                        last_line(&stderr)
                    )),
                );
                tails(&mut s);
                scenarios.push(s);
            }
        }
    }
    // Subtests registered after the plan was printed (late registration) still count.
    for s in reported {
        if seen.insert(s.scenario.clone()) {
            scenarios.push(s);
        }
    }
    if !done && !missed {
        let mut s = ScenarioResult::new(
            "(done)",
            Verdict::Fail,
            Some(format!(
                "the file {ended} without the DYNO_DONE marker{}",
                last_line(&stderr)
            )),
        );
        tails(&mut s);
        scenarios.push(s);
    } else if done && !result.outcome.success() {
        let mut s = ScenarioResult::new(
            "(exit)",
            Verdict::Fail,
            Some(format!(
                "every subtest reported, then the file {ended}{}",
                last_line(&stderr)
            )),
        );
        tails(&mut s);
        scenarios.push(s);
    }
    for e in protocol_errors {
        scenarios.push(ScenarioResult::new(
            "(protocol)",
            Verdict::HarnessError,
            Some(e),
        ));
    }
    let per = elapsed.as_secs_f64() * 1e3 / scenarios.len().max(1) as f64;
    for s in &mut scenarios {
        s.duration_ms = per;
        if s.verdict == Verdict::Fail && s.stderr_tail.is_none() && !stderr.is_empty() {
            s.stderr_tail = Some(stderr.clone());
        }
    }
    scenarios.extend(observed);
    CaseResult {
        id: id.to_owned(),
        features: Vec::new(),
        proposal: false,
        scenarios,
    }
}

fn describe_end(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Exited { code: 0 } => "exited with code 0".into(),
        Outcome::TimedOut => "timed out (raise `timeout:` in its frontmatter or --timeout)".into(),
        other => other.to_string(),
    }
}

/// `; stderr: <the error line>` or nothing: the last line that is not blank, a stack
/// frame, or node's trailing version banner — the thrown error's message, usually.
fn last_line(stderr: &str) -> String {
    stderr
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("at ") && !l.starts_with("Node.js v"))
        .map(|l| format!("; stderr: {}", super::verdict::shorten(l.to_owned(), 300)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
