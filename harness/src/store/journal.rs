//! Incremental writing: units are appended to a JSONL journal as they finish, and the
//! final document replaces `results.json` by atomic rename. A crash keeps the journal;
//! `dyno run --resume` reopens it and runs only the units it lacks.
//!
//! Each finished unit is one line written with one `write` and flushed, so a kill at any
//! moment leaves every earlier line whole and at most a torn last line, which reading
//! drops (and resuming cuts off before appending). A unit's records — one benchmark on
//! every runtime and metric, or one test file's scenarios — are in that one line, so a
//! unit is in the file entirely or not at all.

use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use super::schema::{BenchmarkRecord, CaseRecord, ConformanceRecord, RunRecord, SmokeRecord};

/// One line of the journal.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "journal", rename_all = "snake_case")]
enum Line {
    /// The run's header: the document with empty sections.
    Header(Box<RunRecord>),
    /// A suite starts on a runtime: its record without results (written once per run).
    Suite(ConformanceRecord),
    /// Wall time a suite spent on a runtime in one session (sessions add up).
    SuiteTime {
        suite: String,
        runtime: String,
        duration_ms: f64,
    },
    /// A finished unit.
    Unit(Box<UnitRecord>),
}

/// Everything one unit produced. Exactly one of the sections is filled in practice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UnitRecord {
    /// The unit's key in the plan: `smoke/node`, `test262/built-ins/x.js@node`,
    /// `startup/hello.js`, or a per-machine reference such as `http/ceiling`.
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smoke: Option<SmokeRecord>,
    /// Scenarios of one test file on one runtime: (suite, runtime, results).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cases: Option<(String, String, Vec<CaseRecord>)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benchmarks: Vec<BenchmarkRecord>,
    /// A per-machine reference measured for planned units (the HTTP ceiling), not a
    /// unit of the plan itself: kept, but not counted as done.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reference: bool,
}

/// Where the journal of `results` lives.
pub fn journal_path(results: &Path) -> PathBuf {
    let mut name = results.file_name().unwrap_or_default().to_os_string();
    name.push(".partial.jsonl");
    results.with_file_name(name)
}

/// An open run being written.
pub struct Journal {
    path: PathBuf,
    journal: PathBuf,
    file: File,
    run: RunRecord,
    /// Keys of finished units (references excluded).
    done: BTreeSet<String>,
}

impl Journal {
    /// Starts the journal for `run` (whose sections should be empty) next to `path`.
    pub fn create(path: &Path, run: RunRecord) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating results directory '{}'", dir.display()))?;
        }
        let journal = journal_path(path);
        let file = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(true)
            .open(&journal)
            .with_context(|| format!("creating journal '{}'", journal.display()))?;
        let mut j = Journal {
            path: path.to_path_buf(),
            journal,
            file,
            run,
            done: BTreeSet::new(),
        };
        j.write_line(&Line::Header(Box::new(j.run.clone())))?;
        Ok(j)
    }

    /// Reopens the journal of an interrupted run at `path` for appending: everything
    /// whole is kept, a torn last line is cut off.
    pub fn reopen(path: &Path) -> Result<Self> {
        let journal = journal_path(path);
        let (run, done, good_len) = read_journal(&journal)?;
        let file = OpenOptions::new()
            .write(true)
            .open(&journal)
            .with_context(|| format!("opening journal '{}'", journal.display()))?;
        file.set_len(good_len)
            .with_context(|| format!("cutting the torn end of '{}'", journal.display()))?;
        let mut file = file;
        use std::io::Seek;
        file.seek(std::io::SeekFrom::End(0))
            .with_context(|| format!("seeking in '{}'", journal.display()))?;
        Ok(Journal {
            path: path.to_path_buf(),
            journal,
            file,
            run,
            done,
        })
    }

    pub fn run(&self) -> &RunRecord {
        &self.run
    }

    /// Keys of the units already in the journal.
    pub fn done(&self) -> &BTreeSet<String> {
        &self.done
    }

    /// Records a finished unit.
    pub fn unit(&mut self, unit: UnitRecord) -> Result<()> {
        let line = Line::Unit(Box::new(unit));
        self.write_line(&line)?;
        apply(&mut self.run, &mut self.done, line);
        Ok(())
    }

    /// Declares a suite on a runtime (its record without results); once per run.
    pub fn suite(&mut self, record: ConformanceRecord) -> Result<()> {
        let known = self
            .run
            .conformance
            .iter()
            .any(|c| c.suite == record.suite && c.runtime == record.runtime);
        if known {
            return Ok(());
        }
        let line = Line::Suite(record);
        self.write_line(&line)?;
        apply(&mut self.run, &mut self.done, line);
        Ok(())
    }

    /// Adds a session's wall time to a suite on a runtime.
    pub fn suite_time(&mut self, suite: &str, runtime: &str, duration_ms: f64) -> Result<()> {
        let line = Line::SuiteTime {
            suite: suite.to_owned(),
            runtime: runtime.to_owned(),
            duration_ms,
        };
        self.write_line(&line)?;
        apply(&mut self.run, &mut self.done, line);
        Ok(())
    }

    fn write_line(&mut self, line: &Line) -> Result<()> {
        let mut text = serde_json::to_string(line).context("serializing a results unit")?;
        text.push('\n');
        // One write per line: a kill tears at most this line.
        self.file
            .write_all(text.as_bytes())
            .and_then(|()| self.file.flush())
            .with_context(|| format!("appending to journal '{}'", self.journal.display()))
    }

    /// Writes the final document atomically and removes the journal.
    pub fn finish(mut self, complete: bool) -> Result<RunRecord> {
        self.run.finished_at = Some(chrono::Utc::now());
        self.run.complete = complete;
        if let Some(plan) = &mut self.run.plan {
            plan.units_done = self.done.len() as u64;
        }
        finalize(&mut self.run);
        write_atomic(&self.path, &self.run)?;
        std::fs::remove_file(&self.journal)
            .with_context(|| format!("removing journal '{}'", self.journal.display()))?;
        Ok(self.run)
    }
}

/// Sorts conformance results and recomputes their summaries from them.
pub fn finalize(run: &mut RunRecord) {
    for c in &mut run.conformance {
        c.results
            .sort_by(|a, b| (&a.id, &a.scenario).cmp(&(&b.id, &b.scenario)));
        c.summary.clear();
        for r in &c.results {
            *c.summary.entry(r.verdict.clone()).or_insert(0) += 1;
        }
    }
}

/// Adds one journal line to the document being rebuilt. A unit whose key is already
/// there (a per-machine reference measured again after a resume) replaces it.
fn apply(run: &mut RunRecord, done: &mut BTreeSet<String>, line: Line) {
    match line {
        Line::Header(_) => {}
        Line::Suite(record) => run.conformance.push(record),
        Line::SuiteTime {
            suite,
            runtime,
            duration_ms,
        } => {
            if let Some(c) = run
                .conformance
                .iter_mut()
                .find(|c| c.suite == suite && c.runtime == runtime)
            {
                c.duration_ms += duration_ms;
            }
        }
        Line::Unit(unit) => {
            let UnitRecord {
                key,
                smoke,
                cases,
                benchmarks,
                reference,
            } = *unit;
            // A unit journaled again replaces its records (references are re-measured
            // by every session that needs them).
            let again = if reference { true } else { !done.insert(key) };
            if again {
                for b in &benchmarks {
                    run.benchmarks.retain(|o| {
                        (&o.benchmark, &o.runtime, &o.metric)
                            != (&b.benchmark, &b.runtime, &b.metric)
                    });
                }
                if let Some(s) = &smoke {
                    run.smoke.retain(|o| o.runtime != s.runtime);
                }
            }
            if let Some(s) = smoke {
                run.smoke.push(s);
            }
            if let Some((suite, runtime, results)) = cases {
                if let Some(c) = run
                    .conformance
                    .iter_mut()
                    .find(|c| c.suite == suite && c.runtime == runtime)
                {
                    let ids: BTreeSet<&str> = results.iter().map(|r| r.id.as_str()).collect();
                    c.results.retain(|r| !ids.contains(r.id.as_str()));
                    c.results.extend(results);
                }
            }
            run.benchmarks.extend(benchmarks);
        }
    }
}

/// Serializes `run` to `path` through a temp file, fsync and rename.
pub fn write_atomic(path: &Path, run: &RunRecord) -> Result<()> {
    let tmp = path.with_extension("json.tmp");
    let text = serde_json::to_string_pretty(run).context("serializing results")?;
    let mut file = File::create(&tmp).with_context(|| format!("creating '{}'", tmp.display()))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.write_all(b"\n"))
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing '{}'", tmp.display()))?;
    std::fs::rename(&tmp, path)
        .with_context(|| format!("renaming '{}' to '{}'", tmp.display(), path.display()))
}

/// Rebuilds the document from a crashed run's journal; a torn last line is ignored.
pub fn recover(journal: &Path) -> Result<RunRecord> {
    let (mut run, done, _) = read_journal(journal)?;
    if let Some(plan) = &mut run.plan {
        plan.units_done = done.len() as u64;
    }
    finalize(&mut run);
    Ok(run)
}

/// Reads a journal: the document so far, the keys of finished units, and the length of
/// its whole lines (what a resumed run keeps).
fn read_journal(journal: &Path) -> Result<(RunRecord, BTreeSet<String>, u64)> {
    let mut bytes = Vec::new();
    File::open(journal)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .with_context(|| format!("reading journal '{}'", journal.display()))?;
    let mut run: Option<RunRecord> = None;
    let mut done = BTreeSet::new();
    let mut good_len = 0u64;
    let mut start = 0usize;
    let mut number = 0usize;
    while let Some(end) = bytes[start..].iter().position(|&b| b == b'\n') {
        let text = &bytes[start..start + end];
        number += 1;
        let is_last = start + end + 1 >= bytes.len();
        let parsed: Line = match serde_json::from_slice(text) {
            Ok(l) => l,
            // Lines are written whole, one at a time: only the last can be torn.
            Err(_) if is_last => break,
            Err(e) => bail!(
                "journal '{}' line {number} is damaged ({e}) and later lines follow it; the file was changed by something other than dyno",
                journal.display()
            ),
        };
        match (&parsed, run.as_mut()) {
            (Line::Header(h), None) => run = Some((**h).clone()),
            (Line::Header(_), Some(_)) => bail!(
                "journal '{}' line {number}: a second header; the file is not one run's journal",
                journal.display()
            ),
            (_, None) => bail!(
                "journal '{}' does not start with a header line; it is not a dyno journal",
                journal.display()
            ),
            (_, Some(r)) => apply(r, &mut done, parsed),
        }
        start += end + 1;
        good_len = start as u64;
    }
    let mut run = run.with_context(|| {
        format!(
            "journal '{}' has no complete header line; the run died before it started — start it again",
            journal.display()
        )
    })?;
    run.complete = false;
    run.finished_at = None;
    Ok((run, done, good_len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_lines_round_trip() {
        let unit = UnitRecord {
            key: "smoke/x".into(),
            ..UnitRecord::default()
        };
        let text = serde_json::to_string(&Line::Unit(Box::new(unit.clone()))).unwrap();
        assert!(text.starts_with("{\"journal\":\"unit\""), "{text}");
        match serde_json::from_str::<Line>(&text).unwrap() {
            Line::Unit(u) => assert_eq!(*u, unit),
            other => panic!("{other:?}"),
        }
    }
}
