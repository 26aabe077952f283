//! The conformance engine, shared by every suite format.
//!
//! Data flow: a suite lists cases → the scheduler hands cases to `--jobs` threads, each
//! owning one host (a long-lived worker process where the runtime has one) → each case's
//! scenarios are composed, run and classified into verdicts → results stream through a
//! channel to one consumer that applies expectations, drives the progress bar, prints
//! JSONL as it goes, and keeps everything for the summary and the results file.

pub mod compat;
pub mod expectations;
pub mod filter;
pub mod output;
pub mod planned;
pub mod run;
pub mod test262;
pub mod verdict;

use serde::Serialize;

pub use verdict::Verdict;

/// The verdict of one scenario of one case, with what is needed to reproduce a failure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioResult {
    /// `default` (sloppy), `strict`, `module` or `raw`.
    pub scenario: String,
    pub verdict: Verdict,
    pub detail: Option<String>,
    pub duration_ms: f64,
    pub stdout_tail: Option<String>,
    pub stderr_tail: Option<String>,
    /// Shell command that reruns the saved composed test (with --save-failed).
    pub command: Option<String>,
    pub composed_path: Option<String>,
}

impl ScenarioResult {
    pub fn new(scenario: impl Into<String>, verdict: Verdict, detail: Option<String>) -> Self {
        ScenarioResult {
            scenario: scenario.into(),
            verdict,
            detail,
            duration_ms: 0.0,
            stdout_tail: None,
            stderr_tail: None,
            command: None,
            composed_path: None,
        }
    }
}

/// All scenarios of one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseResult {
    /// Path under the suite's test directory.
    pub id: String,
    pub features: Vec<String>,
    /// Uses a Stage-3 proposal feature (excluded from the spec-only score).
    pub proposal: bool,
    pub scenarios: Vec<ScenarioResult>,
}

impl CaseResult {
    /// Per-file verdict: the file passes when every scenario passes (skips excluded).
    pub fn passed(&self) -> bool {
        self.scenarios
            .iter()
            .all(|s| matches!(s.verdict, Verdict::Pass | Verdict::Skip))
            && self.scenarios.iter().any(|s| s.verdict == Verdict::Pass)
    }

    pub fn skipped(&self) -> bool {
        self.scenarios.iter().all(|s| s.verdict == Verdict::Skip)
    }

    /// Counted in the spec-only score: not staging, not intl402, no proposal feature.
    pub fn spec_only(&self) -> bool {
        !self.proposal && !self.id.starts_with("staging/") && !self.id.starts_with("intl402/")
    }
}

/// The YAML document between `/*---` and `---*/` (test262's frontmatter form, which
/// compat cases share); `missing` is the message when there is none.
pub(crate) fn frontmatter(source: &str, missing: &str) -> Result<yaml_rust2::Yaml, String> {
    let start = source.find("/*---").ok_or_else(|| missing.to_owned())?;
    let rest = &source[start + 5..];
    let end = rest
        .find("---*/")
        .ok_or("frontmatter is not closed with ---*/")?;
    let docs = yaml_rust2::YamlLoader::load_from_str(&rest[..end])
        .map_err(|e| format!("frontmatter is not valid YAML: {e}"))?;
    Ok(docs.into_iter().next().unwrap_or(yaml_rust2::Yaml::Null))
}

/// `git rev-parse HEAD` in `dir`, if it is inside a git work tree.
pub(crate) fn git_commit(dir: &std::path::Path) -> Option<String> {
    std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(dir)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
}

/// `--jobs`, or the number of CPUs.
pub(crate) fn jobs_or_cpus(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

/// The last `chars` characters of `text`.
pub(crate) fn tail(text: &str, chars: usize) -> String {
    let start = text
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    text[start..].to_owned()
}

/// Runs `work` on every item with `jobs` threads, each with its own state from `init`;
/// results go to `sink` as they finish (in completion order).
///
/// Items marked in `waits` spend most of their time blocked rather than computing (test262's
/// agent tests sleep and sit in `Atomics.wait` for seconds). With `jobs` ≥ 2 they get one
/// extra thread of their own, so they never hold one of the `jobs` CPU lanes idle; the CPU
/// lanes take them too once their own queue is empty. `--jobs 1` stays strictly serial.
pub fn schedule<I, S, R>(
    items: &[I],
    waits: &[bool],
    jobs: usize,
    init: impl Fn() -> anyhow::Result<S> + Sync,
    work: impl Fn(&mut S, &I) -> Option<R> + Sync,
    mut sink: impl FnMut(R),
) -> anyhow::Result<()>
where
    I: Sync,
    R: Send,
{
    use std::sync::atomic::{AtomicUsize, Ordering};
    let jobs = jobs.max(1);
    let waiting = |i: usize| waits.get(i).copied().unwrap_or(false);
    let (busy, idle): (Vec<usize>, Vec<usize>) = (0..items.len()).partition(|&i| !waiting(i));
    let queues = [busy, idle];
    let cursors = [AtomicUsize::new(0), AtomicUsize::new(0)];
    // Which queues a thread draws from, in order.
    let cpu_lane: &[usize] = &[0, 1];
    let wait_lane: &[usize] = &[1];
    let mut lanes = vec![cpu_lane; jobs];
    if jobs > 1 && !queues[1].is_empty() {
        lanes.push(wait_lane);
    }
    let (tx, rx) = std::sync::mpsc::channel::<R>();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let mut handles = Vec::new();
        for lane in lanes {
            let tx = tx.clone();
            let (queues, cursors, init, work) = (&queues, &cursors, &init, &work);
            handles.push(scope.spawn(move || -> anyhow::Result<()> {
                let mut state = None;
                for &q in lane {
                    loop {
                        let k = cursors[q].fetch_add(1, Ordering::Relaxed);
                        let Some(&i) = queues[q].get(k) else {
                            break;
                        };
                        // A host is started only by a thread that gets work.
                        let s = match &mut state {
                            Some(s) => s,
                            None => state.insert(init()?),
                        };
                        if let Some(r) = work(s, &items[i]) {
                            if tx.send(r).is_err() {
                                return Ok(());
                            }
                        }
                    }
                }
                Ok(())
            }));
        }
        drop(tx);
        for r in rx {
            sink(r);
        }
        for h in handles {
            h.join()
                .map_err(|_| anyhow::anyhow!("a scheduler thread panicked"))??;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_runs_every_item_once() {
        let items: Vec<u32> = (0..1000).collect();
        let mut seen = Vec::new();
        schedule(
            &items,
            &[],
            3,
            || Ok(0u32),
            |count, i| {
                *count += 1;
                (i % 7 != 0).then_some(*i)
            },
            |r| seen.push(r),
        )
        .unwrap();
        seen.sort();
        let expected: Vec<u32> = (0..1000).filter(|i| i % 7 != 0).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn waiting_items_run_beside_the_cpu_lanes() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::time::{Duration, Instant};
        // Two CPU items that only finish once the waiting item has run: with two CPU lanes
        // and no lane of its own, the waiting item would start only after them.
        let items = [0u32, 1, 2];
        let waits = [false, false, true];
        let waited = AtomicBool::new(false);
        let mut finished = Vec::new();
        schedule(
            &items,
            &waits,
            2,
            || Ok(()),
            |_, &i| {
                if waits[i as usize] {
                    waited.store(true, Ordering::SeqCst);
                    return Some((i, true));
                }
                let give_up = Instant::now() + Duration::from_secs(20);
                while !waited.load(Ordering::SeqCst) && Instant::now() < give_up {
                    std::thread::sleep(Duration::from_millis(1));
                }
                Some((i, waited.load(Ordering::SeqCst)))
            },
            |r| finished.push(r),
        )
        .unwrap();
        finished.sort();
        assert_eq!(finished, vec![(0, true), (1, true), (2, true)]);
    }

    #[test]
    fn one_job_is_serial_even_with_waiting_items() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<u32> = (0..50).collect();
        let waits: Vec<bool> = items.iter().map(|i| i % 3 == 0).collect();
        let (inits, running, most) = (
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
        );
        let mut seen = Vec::new();
        schedule(
            &items,
            &waits,
            1,
            || {
                inits.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
            |_, &i| {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_micros(200));
                running.fetch_sub(1, Ordering::SeqCst);
                Some(i)
            },
            |r| seen.push(r),
        )
        .unwrap();
        seen.sort();
        assert_eq!(seen, items);
        assert_eq!(inits.load(Ordering::SeqCst), 1);
        assert_eq!(most.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn per_file_verdicts() {
        let s = |v| ScenarioResult::new("default", v, None);
        let case = |vs: Vec<Verdict>| CaseResult {
            id: "a.js".into(),
            features: vec![],
            proposal: false,
            scenarios: vs.into_iter().map(s).collect(),
        };
        assert!(case(vec![Verdict::Pass, Verdict::Pass]).passed());
        assert!(!case(vec![Verdict::Pass, Verdict::Fail]).passed());
        assert!(!case(vec![Verdict::Skip]).passed());
        assert!(case(vec![Verdict::Skip]).skipped());
        let staging = CaseResult {
            id: "staging/x.js".into(),
            ..case(vec![Verdict::Pass])
        };
        assert!(!staging.spec_only());
    }
}
