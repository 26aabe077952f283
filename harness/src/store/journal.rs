//! Incremental writing: units are appended to a JSONL journal as they finish, and the
//! final document replaces `results.json` by atomic rename. A crash keeps the journal.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::schema::{BenchmarkRecord, ConformanceRecord, RunRecord, SmokeRecord};

/// One line of the journal.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "journal", rename_all = "snake_case")]
enum Line {
    /// The run's header: the document with empty sections.
    Header(Box<RunRecord>),
    Smoke(SmokeRecord),
    Conformance(ConformanceRecord),
    Benchmark(Box<BenchmarkRecord>),
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
        };
        j.write_line(&Line::Header(Box::new(j.run.clone())))?;
        Ok(j)
    }

    pub fn run(&self) -> &RunRecord {
        &self.run
    }

    pub fn smoke(&mut self, record: SmokeRecord) -> Result<()> {
        self.write_line(&Line::Smoke(record.clone()))?;
        self.run.smoke.push(record);
        Ok(())
    }

    pub fn conformance(&mut self, record: ConformanceRecord) -> Result<()> {
        self.write_line(&Line::Conformance(record.clone()))?;
        self.run.conformance.push(record);
        Ok(())
    }

    pub fn benchmark(&mut self, record: BenchmarkRecord) -> Result<()> {
        self.write_line(&Line::Benchmark(Box::new(record.clone())))?;
        self.run.benchmarks.push(record);
        Ok(())
    }

    fn write_line(&mut self, line: &Line) -> Result<()> {
        let mut text = serde_json::to_string(line).context("serializing a results unit")?;
        text.push('\n');
        self.file
            .write_all(text.as_bytes())
            .and_then(|()| self.file.flush())
            .with_context(|| format!("appending to journal '{}'", self.journal.display()))
    }

    /// Writes the final document atomically and removes the journal.
    pub fn finish(mut self, complete: bool) -> Result<RunRecord> {
        self.run.finished_at = Some(chrono::Utc::now());
        self.run.complete = complete;
        write_atomic(&self.path, &self.run)?;
        std::fs::remove_file(&self.journal)
            .with_context(|| format!("removing journal '{}'", self.journal.display()))?;
        Ok(self.run)
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
    let file =
        File::open(journal).with_context(|| format!("opening journal '{}'", journal.display()))?;
    let mut run: Option<RunRecord> = None;
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("reading journal '{}'", journal.display()))?;
        let parsed: Line = match serde_json::from_str(&line) {
            Ok(l) => l,
            // Only the last line can be torn by a crash; anything after it is absent.
            Err(_) => break,
        };
        match (parsed, run.as_mut()) {
            (Line::Header(h), None) => run = Some(*h),
            (Line::Header(_), Some(_)) => anyhow::bail!(
                "journal '{}' line {}: a second header; the file is not one run's journal",
                journal.display(),
                i + 1
            ),
            (_, None) => anyhow::bail!(
                "journal '{}' does not start with a header line; it is not a dyno journal",
                journal.display()
            ),
            (Line::Smoke(s), Some(r)) => r.smoke.push(s),
            (Line::Conformance(c), Some(r)) => r.conformance.push(c),
            (Line::Benchmark(b), Some(r)) => r.benchmarks.push(*b),
        }
    }
    let mut run = run.with_context(|| format!("journal '{}' is empty", journal.display()))?;
    run.complete = false;
    run.finished_at = None;
    Ok(run)
}
