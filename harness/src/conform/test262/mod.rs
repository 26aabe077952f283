//! test262 as a suite: the checkout's layout, discovery, scenarios, and running one case
//! on a host (compose → run → classify). INTERPRETING.md is the contract; the rules
//! applied here are listed where they are implemented (meta, compose, verdict).

pub mod compose;
pub mod hosts;
pub mod meta;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use super::expectations::Expectations;
use super::filter::{Filter, Tags};
use super::verdict::{classify, HostOutcome, Verdict};
use super::{CaseResult, ScenarioResult};
use compose::Harness;
use hosts::{Host, HostCaps, Request};

/// INTERPRETING.md versions this runner implements (test262's package.json version).
pub const KNOWN_VERSIONS: &[&str] = &["5.0.0"];

/// How much of a failing scenario's output is kept.
const TAIL_CHARS: usize = 2000;

/// A test262 checkout.
#[derive(Debug)]
pub struct Suite {
    pub root: PathBuf,
    pub test_dir: PathBuf,
    pub harness: Harness,
    /// Stage-3 proposal features (features.txt "Proposed language features").
    pub proposals: BTreeSet<String>,
    /// package.json version (the INTERPRETING.md contract version).
    pub version: Option<String>,
    /// `git rev-parse HEAD` of the checkout, if it is a git work tree.
    pub commit: Option<String>,
}

impl Suite {
    pub fn open(root: &Path) -> Result<Suite> {
        let test_dir = root.join("test");
        if !test_dir.is_dir() || !root.join("harness").is_dir() {
            anyhow::bail!(crate::UsageError::new(format!(
                "'{}' is not a test262 checkout (no test/ and harness/); pass --test262-dir or set TEST262_DIR to one",
                root.display()
            )));
        }
        let harness = Harness::load(&root.join("harness"))?;
        let mut proposals = BTreeSet::new();
        if let Ok(text) = std::fs::read_to_string(root.join("features.txt")) {
            let mut in_proposed = false;
            for line in text.lines() {
                if line.starts_with("## ") && line.contains("language features") {
                    in_proposed = line.contains("Proposed");
                    continue;
                }
                let l = line.trim();
                if in_proposed && !l.is_empty() && !l.starts_with('#') {
                    proposals.insert(l.to_owned());
                }
            }
        }
        let version = std::fs::read_to_string(root.join("package.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| v["version"].as_str().map(str::to_owned));
        let commit = crate::conform::git_commit(root);
        Ok(Suite {
            root: root.to_path_buf(),
            test_dir,
            harness,
            proposals,
            version,
            commit,
        })
    }

    /// Every test file (no `_FIXTURE` files) under `dirs` (prefixes under test/; all when
    /// `None`), sorted for a stable order.
    pub fn discover(&self, dirs: Option<&[String]>) -> Result<Vec<PathBuf>> {
        let roots: Vec<PathBuf> = match dirs {
            Some(ds) => ds.iter().map(|d| self.test_dir.join(d)).collect(),
            None => vec![self.test_dir.clone()],
        };
        let mut out = Vec::new();
        for root in roots {
            if root.is_file() {
                out.push(root);
                continue;
            }
            let mut stack = vec![root];
            while let Some(dir) = stack.pop() {
                let entries = match std::fs::read_dir(&dir) {
                    Ok(e) => e,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(e) => {
                        return Err(e).with_context(|| format!("reading '{}'", dir.display()))
                    }
                };
                for entry in entries {
                    let path = entry?.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if path.extension().is_some_and(|e| e == "js")
                        && !path.to_string_lossy().contains("_FIXTURE")
                        // Hidden files are never tests: editors' and hosts' scratch files
                        // (the command host composes `.dyno-<pid>-<name>` beside a test).
                        && !path
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                    {
                        out.push(path);
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// Which of `paths` drive `$262.agent`: such tests spend seconds asleep or blocked in
    /// `Atomics.wait`, so the scheduler runs them in a lane beside the CPU lanes. A file that
    /// cannot be read counts as not waiting (the read error is reported when it runs).
    pub fn agent_tests(paths: &[PathBuf], jobs: usize) -> Vec<bool> {
        const NEEDLE: &str = "$262.agent";
        let mut waits = vec![false; paths.len()];
        let indices: Vec<usize> = (0..paths.len()).collect();
        let scanned = crate::conform::schedule(
            &indices,
            &[],
            jobs,
            || Ok(()),
            |_, &i| {
                let bytes = std::fs::read(&paths[i]).ok()?;
                let found = match std::str::from_utf8(&bytes) {
                    Ok(text) => text.contains(NEEDLE),
                    Err(_) => bytes.windows(NEEDLE.len()).any(|w| w == NEEDLE.as_bytes()),
                };
                found.then_some(i)
            },
            |i| waits[i] = true,
        );
        debug_assert!(scanned.is_ok(), "the scan's init cannot fail");
        waits
    }

    /// The test id: its path under test/.
    pub fn id_of(&self, path: &Path) -> String {
        path.strip_prefix(&self.test_dir)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    }
}

/// What applies to every case of a run.
pub struct CaseOptions<'a> {
    pub filter: Option<&'a Filter>,
    pub skip_features: &'a BTreeSet<String>,
    pub timeout: Duration,
    pub caps: HostCaps,
    pub expectations: &'a Expectations,
    pub save_failed: Option<&'a Path>,
}

/// Runs every scenario of one case; `None` when the filter excludes it.
pub fn run_case(
    suite: &Suite,
    path: &Path,
    host: &mut dyn Host,
    opts: &CaseOptions<'_>,
) -> Option<CaseResult> {
    let id = suite.id_of(path);
    let harness_error = |msg: String| CaseResult {
        id: id.clone(),
        features: Vec::new(),
        proposal: false,
        scenarios: vec![ScenarioResult::new(
            "default",
            Verdict::HarnessError,
            Some(msg),
        )],
    };
    let source = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => return Some(harness_error("the file is not UTF-8".into())),
        },
        Err(e) => {
            return Some(harness_error(format!(
                "cannot read '{}': {e}",
                path.display()
            )))
        }
    };
    let meta = match meta::parse(&source) {
        Ok(m) => m,
        Err(e) => return Some(harness_error(format!("frontmatter: {e}"))),
    };
    if let Some(f) = opts.filter {
        let tags = Tags {
            id: &id,
            features: &meta.features,
            flags: &meta.flag_names,
            includes: &meta.includes,
        };
        if !f.matches(&tags) {
            return None;
        }
    }
    let proposal = meta.features.iter().any(|f| suite.proposals.contains(f));
    let mut case = CaseResult {
        id: id.clone(),
        features: meta.features.clone(),
        proposal,
        scenarios: Vec::new(),
    };
    let scenarios: &[(&str, bool)] = if meta.flags.raw {
        &[("raw", false)]
    } else if meta.flags.module {
        &[("module", false)]
    } else if meta.flags.only_strict {
        &[("strict", true)]
    } else if meta.flags.no_strict {
        &[("default", false)]
    } else {
        &[("default", false), ("strict", true)]
    };
    let skip = skip_reason(suite, &meta, &source, opts);
    let prelude: Vec<PathBuf> = suite
        .harness
        .prelude(&meta)
        .map(|names| {
            names
                .into_iter()
                .map(|n| suite.harness.path_of(n))
                .collect()
        })
        .unwrap_or_default();
    for &(name, strict) in scenarios {
        if let Some(reason) = &skip {
            case.scenarios.push(ScenarioResult::new(
                name,
                Verdict::Skip,
                Some(reason.clone()),
            ));
            continue;
        }
        let composed = match suite.harness.compose(&meta, &source, strict) {
            Ok(c) => c,
            Err(e) => {
                case.scenarios
                    .push(ScenarioResult::new(name, Verdict::HarnessError, Some(e)));
                continue;
            }
        };
        let request = Request {
            file: path,
            source: &composed,
            prelude: &prelude,
            body: &source,
            module: meta.flags.module,
            strict,
            is_async: meta.flags.is_async,
            timeout: opts.timeout,
        };
        let retries = opts
            .expectations
            .get(&id, name)
            .and_then(|e| e.flaky)
            .unwrap_or(0);
        let mut attempt = 0;
        let (verdict, detail, outcome) = loop {
            let began = Instant::now();
            let mut outcome: HostOutcome = host.run(&request);
            if outcome.duration_ms == 0.0 {
                outcome.duration_ms = began.elapsed().as_secs_f64() * 1e3;
            }
            let (verdict, detail) = classify(&meta, &outcome);
            if !verdict.is_failure() || attempt >= retries {
                break (verdict, detail, outcome);
            }
            attempt += 1;
        };
        let mut result = ScenarioResult::new(name, verdict, detail);
        result.duration_ms = outcome.duration_ms;
        if verdict != Verdict::Pass {
            result.stdout_tail = Some(tail(&outcome.stdout));
            result.stderr_tail = Some(tail(&outcome.stderr));
            if let Some(dir) = opts.save_failed {
                match save_composed(dir, &id, name, &composed, path, meta.flags.module) {
                    Ok(saved) => {
                        result.command = Some(host.reproduce(&saved, &request));
                        result.composed_path = Some(saved.to_string_lossy().into_owned());
                    }
                    Err(e) => {
                        result.detail = Some(format!(
                            "{} (could not save the composed test: {e:#})",
                            result.detail.unwrap_or_default()
                        ))
                    }
                }
            }
        }
        case.scenarios.push(result);
    }
    Some(case)
}

fn skip_reason(
    suite: &Suite,
    meta: &meta::Meta,
    source: &str,
    opts: &CaseOptions<'_>,
) -> Option<String> {
    if let Some(f) = meta
        .features
        .iter()
        .map(String::as_str)
        .chain(suite.harness.features_via_includes(meta))
        .find(|f| opts.skip_features.contains(*f))
    {
        return Some(format!("feature: {f}"));
    }
    let caps = opts.caps;
    if meta.flags.can_block_is_false && caps.can_block {
        return Some("host-capability: the main thread can block (CanBlockIsFalse test)".into());
    }
    if meta.flags.can_block_is_true && !caps.can_block {
        return Some("host-capability: the main thread cannot block (CanBlockIsTrue test)".into());
    }
    if meta.features.iter().any(|f| f == "IsHTMLDDA") && !caps.is_html_dda {
        return Some("host-capability: no $262.IsHTMLDDA".into());
    }
    if meta.flags.module && !caps.modules {
        return Some("host-capability: this runtime's node:vm has no SourceTextModule".into());
    }
    if !caps.agent && source.contains("$262.agent") {
        return Some("host-capability: no $262.agent".into());
    }
    None
}

fn tail(text: &str) -> String {
    super::tail(text, TAIL_CHARS)
}

/// Writes the composed scenario under `dir/<id>/<scenario>/<real name>` (module tests get
/// their directory's `_FIXTURE` files beside it) and returns its path.
fn save_composed(
    dir: &Path,
    id: &str,
    scenario: &str,
    composed: &str,
    original: &Path,
    module: bool,
) -> Result<PathBuf> {
    let target_dir = dir.join(id).join(scenario);
    std::fs::create_dir_all(&target_dir)
        .with_context(|| format!("creating '{}'", target_dir.display()))?;
    let name = original.file_name().unwrap_or_default();
    let target = target_dir.join(name);
    std::fs::write(&target, composed).with_context(|| format!("writing '{}'", target.display()))?;
    if module {
        if let Some(src_dir) = original.parent() {
            for entry in std::fs::read_dir(src_dir).into_iter().flatten().flatten() {
                let p = entry.path();
                if p.to_string_lossy().contains("_FIXTURE") && p.is_file() {
                    let _ = std::fs::copy(&p, target_dir.join(entry.file_name()));
                }
            }
        }
    }
    Ok(target)
}
