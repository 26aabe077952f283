//! What `dyno test compat` prints: the per-area table (one column per runtime, subtests
//! passing / subtests run), and the interop matrix — every subtest × every runtime with
//! "passed by k of n", as Markdown and JSON, plus the divergence probes' observations.
//!
//! A file that did not run on a runtime (skipped for a missing capability, or failed as a
//! whole before reporting) has one `(file)` scenario there; in the matrix each of the
//! file's subtests takes that verdict on that runtime.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use super::{area_of, OBSERVE_PREFIX};
use crate::compare::output::md_escape;
use crate::conform::output::{expectation_notes, SuiteRun};
use crate::conform::verdict::class_of;
use crate::conform::Verdict;

/// Subtests passing and run (skips excluded) per area, one column per runtime.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    passed: u64,
    run: u64,
    skipped_files: u64,
}

fn tallies(runs: &[SuiteRun]) -> BTreeMap<String, Vec<Tally>> {
    let mut areas: BTreeMap<String, Vec<Tally>> = BTreeMap::new();
    for (i, run) in runs.iter().enumerate() {
        for c in &run.cases {
            let t = &mut areas
                .entry(area_of(&c.id).to_owned())
                .or_insert_with(|| vec![Tally::default(); runs.len()])[i];
            for s in c
                .scenarios
                .iter()
                .filter(|s| !s.scenario.starts_with(OBSERVE_PREFIX))
            {
                match s.verdict {
                    Verdict::Skip => t.skipped_files += 1,
                    Verdict::Pass | Verdict::UnexpectedPass => {
                        t.passed += 1;
                        t.run += 1;
                    }
                    _ => t.run += 1,
                }
            }
        }
    }
    areas
}

/// The human summary: one line per runtime, its unexpected results, then the area table.
pub fn area_table(runs: &[SuiteRun]) -> String {
    let mut out = String::new();
    for run in runs {
        // Verdicts of subtests (a skipped file counts once); probes are counted apart.
        let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
        let mut observed = 0;
        for s in run.cases.iter().flat_map(|c| &c.scenarios) {
            if s.scenario.starts_with(OBSERVE_PREFIX) {
                observed += 1;
            } else {
                *counts.entry(s.verdict.name()).or_default() += 1;
            }
        }
        let mut line: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
        if observed > 0 {
            line.push(format!("{observed} divergence probes observed"));
        }
        let _ = writeln!(
            out,
            "{} on {} {} — {} files in {:.1} s\n  subtests: {}",
            run.suite_label,
            run.runtime,
            run.runtime_version,
            run.cases.len(),
            run.duration_ms / 1e3,
            line.join(", ")
        );
        expectation_notes(&mut out, run);
    }
    let areas = tallies(runs);
    let _ = writeln!(
        out,
        "\nby area (subtests passing/run; skipped files after +):"
    );
    let width = areas.keys().map(String::len).max().unwrap_or(4).max(5);
    let cell = |t: &Tally| {
        let mut s = format!("{}/{}", t.passed, t.run);
        if t.skipped_files > 0 {
            let _ = write!(s, " +{}", t.skipped_files);
        }
        s
    };
    let header: Vec<String> = runs.iter().map(|r| format!("{:>16}", r.runtime)).collect();
    let _ = writeln!(out, "  {:<width$} {}", "area", header.join(""));
    let mut total = vec![Tally::default(); runs.len()];
    for (area, cells) in &areas {
        let row: Vec<String> = cells.iter().map(|t| format!("{:>16}", cell(t))).collect();
        let _ = writeln!(out, "  {:<width$} {}", area, row.join(""));
        for (sum, t) in total.iter_mut().zip(cells) {
            sum.passed += t.passed;
            sum.run += t.run;
            sum.skipped_files += t.skipped_files;
        }
    }
    let row: Vec<String> = total.iter().map(|t| format!("{:>16}", cell(t))).collect();
    let _ = writeln!(out, "  {:<width$} {}", "total", row.join(""));
    out
}

/// The interop matrix.
#[derive(Debug, Serialize)]
pub struct Matrix {
    /// Shape of this document.
    pub schema: &'static str,
    pub runtimes: Vec<MatrixRuntime>,
    pub areas: Vec<MatrixArea>,
    pub subtests: Vec<MatrixRow>,
    pub observations: Vec<MatrixObservation>,
}

#[derive(Debug, Serialize)]
pub struct MatrixRuntime {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Serialize)]
pub struct MatrixArea {
    pub area: String,
    pub subtests: usize,
    /// Subtests every runtime passes.
    pub passed_by_all: usize,
    /// Subtests passed, per runtime name.
    pub passed: BTreeMap<String, usize>,
}

#[derive(Debug, Serialize)]
pub struct MatrixRow {
    /// The case file.
    pub id: String,
    pub area: String,
    pub subtest: String,
    /// Verdict class per runtime: pass, fail, timeout, crash, skip, or absent.
    pub results: BTreeMap<String, String>,
    pub passed_by: usize,
}

#[derive(Debug, Serialize)]
pub struct MatrixObservation {
    pub id: String,
    pub probe: String,
    /// What each runtime showed.
    pub values: BTreeMap<String, String>,
}

impl Matrix {
    pub fn build(runs: &[SuiteRun]) -> Matrix {
        // (id, subtest) in a stable order: file, then the order subtests were reported.
        let mut keys: Vec<(String, String)> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut whole_file: Vec<BTreeMap<&str, &'static str>> = Vec::new();
        let mut by_key: Vec<BTreeMap<(&str, &str), &'static str>> = Vec::new();
        let mut observed: BTreeMap<(String, String), BTreeMap<String, String>> = BTreeMap::new();
        for run in runs {
            let mut files = BTreeMap::new();
            let mut subtests = BTreeMap::new();
            for c in &run.cases {
                for s in &c.scenarios {
                    if let Some(probe) = s.scenario.strip_prefix(OBSERVE_PREFIX) {
                        let value = s.detail.as_deref().unwrap_or_default();
                        observed
                            .entry((c.id.clone(), probe.to_owned()))
                            .or_default()
                            .insert(
                                run.runtime.clone(),
                                value.strip_prefix("observed: ").unwrap_or(value).to_owned(),
                            );
                        continue;
                    }
                    let class = class_of(s.verdict.name());
                    if s.scenario == "(file)" {
                        files.insert(c.id.as_str(), class);
                        continue;
                    }
                    subtests.insert((c.id.as_str(), s.scenario.as_str()), class);
                    if seen.insert((c.id.clone(), s.scenario.clone())) {
                        keys.push((c.id.clone(), s.scenario.clone()));
                    }
                }
            }
            whole_file.push(files);
            by_key.push(subtests);
        }
        // Files no runtime reported subtests for keep one `(file)` row.
        for files in &whole_file {
            for id in files.keys() {
                if !keys.iter().any(|(k, _)| k == id)
                    && seen.insert((id.to_string(), "(file)".into()))
                {
                    keys.push((id.to_string(), "(file)".into()));
                }
            }
        }
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        let mut rows = Vec::new();
        for (id, subtest) in keys {
            let mut results = BTreeMap::new();
            for (i, run) in runs.iter().enumerate() {
                let class = by_key[i]
                    .get(&(id.as_str(), subtest.as_str()))
                    .or_else(|| whole_file[i].get(id.as_str()))
                    .copied()
                    .unwrap_or("absent");
                results.insert(run.runtime.clone(), class.to_owned());
            }
            let passed_by = results.values().filter(|c| *c == "pass").count();
            rows.push(MatrixRow {
                area: area_of(&id).to_owned(),
                id,
                subtest,
                results,
                passed_by,
            });
        }
        let mut areas: BTreeMap<String, MatrixArea> = BTreeMap::new();
        for row in &rows {
            let a = areas.entry(row.area.clone()).or_insert_with(|| MatrixArea {
                area: row.area.clone(),
                subtests: 0,
                passed_by_all: 0,
                passed: runs.iter().map(|r| (r.runtime.clone(), 0)).collect(),
            });
            a.subtests += 1;
            if row.passed_by == runs.len() {
                a.passed_by_all += 1;
            }
            for (rt, class) in &row.results {
                if class == "pass" {
                    *a.passed.entry(rt.clone()).or_default() += 1;
                }
            }
        }
        Matrix {
            schema: "dyno-compat-matrix/1",
            runtimes: runs
                .iter()
                .map(|r| MatrixRuntime {
                    name: r.runtime.clone(),
                    version: r.runtime_version.clone(),
                })
                .collect(),
            areas: areas.into_values().collect(),
            subtests: rows,
            observations: observed
                .into_iter()
                .map(|((id, probe), values)| MatrixObservation { id, probe, values })
                .collect(),
        }
    }

    /// The matrix as Markdown: the area summary, then one table per area.
    pub fn markdown(&self) -> String {
        let n = self.runtimes.len();
        let names: Vec<&str> = self.runtimes.iter().map(|r| r.name.as_str()).collect();
        let mut out = String::from("# dyno compat: interop matrix\n\n");
        let versions: Vec<String> = self
            .runtimes
            .iter()
            .map(|r| format!("{} {}", r.name, r.version))
            .collect();
        let _ = writeln!(out, "Runtimes: {}.\n", versions.join(", "));
        let _ = writeln!(
            out,
            "| area | subtests | passed by all {n} | {} |",
            names.join(" | ")
        );
        let _ = writeln!(out, "|---|---:|---:|{}", "---:|".repeat(n));
        for a in &self.areas {
            let cells: Vec<String> = names
                .iter()
                .map(|rt| a.passed.get(*rt).copied().unwrap_or(0).to_string())
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                a.area,
                a.subtests,
                a.passed_by_all,
                cells.join(" | ")
            );
        }
        out.push_str("\n✓ pass · ✗ fail · ⏱ timeout · 💥 crash · – skipped (capability missing) · ? not run\n");
        let mut area = "";
        for row in &self.subtests {
            if row.area != area {
                area = &row.area;
                let _ = writeln!(out, "\n## {area}\n");
                let _ = writeln!(
                    out,
                    "| file › subtest | {} | passed by |",
                    names.join(" | ")
                );
                let _ = writeln!(out, "|---|{}---:|", ":-:|".repeat(n));
            }
            let cells: Vec<&str> = names
                .iter()
                .map(|rt| symbol(row.results.get(*rt).map_or("absent", String::as_str)))
                .collect();
            let file = row
                .id
                .strip_prefix(&format!("{}/", row.area))
                .unwrap_or(&row.id);
            let _ = writeln!(
                out,
                "| {} › {} | {} | {} of {n} |",
                md_escape(file),
                md_escape(&row.subtest),
                cells.join(" | "),
                row.passed_by
            );
        }
        if !self.observations.is_empty() {
            let _ = writeln!(
                out,
                "\n## Divergence probes (recorded, not asserted)\n\n| file › probe | {} |\n|---|{}",
                names.join(" | "),
                "---|".repeat(n)
            );
            for o in &self.observations {
                let cells: Vec<String> = names
                    .iter()
                    .map(|rt| md_escape(o.values.get(*rt).map_or("?", String::as_str)))
                    .collect();
                let _ = writeln!(
                    out,
                    "| {} › {} | {} |",
                    md_escape(&o.id),
                    md_escape(&o.probe),
                    cells.join(" | ")
                );
            }
        }
        out
    }

    /// Writes `matrix.md` and `matrix.json` into `dir`.
    pub fn write(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating '{}'", dir.display()))?;
        let md = dir.join("matrix.md");
        std::fs::write(&md, self.markdown())
            .with_context(|| format!("writing '{}'", md.display()))?;
        let json = dir.join("matrix.json");
        let text = serde_json::to_string_pretty(self).context("serializing the matrix")?;
        std::fs::write(&json, text + "\n").with_context(|| format!("writing '{}'", json.display()))
    }
}

fn symbol(class: &str) -> &'static str {
    match class {
        "pass" => "✓",
        "fail" => "✗",
        "timeout" => "⏱",
        "crash" => "💥",
        "skip" => "–",
        _ => "?",
    }
}
