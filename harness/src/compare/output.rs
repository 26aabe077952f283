//! Printing a [`Comparison`]: a terminal table, Markdown sized for a PR comment and
//! `$GITHUB_STEP_SUMMARY`, or the whole thing as JSON.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::{Context, Result};

use super::{BenchComparison, CaseChange, Change, Comparison, ConformanceDiff};
use crate::bench::{display_unit, num, truncate, HEADLINE};
use crate::cli::Format;
use crate::job::write_table;

/// Cases listed per category in the terminal (all of them are in the JSON).
const HUMAN_CASES: usize = 20;
/// Cases listed per category in Markdown: GitHub caps a comment at 65,536 characters.
const MD_CASES: usize = 50;

pub fn print(c: &Comparison, format: Format, all: bool) -> Result<()> {
    let text = match format {
        Format::Json => serde_json::to_string_pretty(c)? + "\n",
        Format::Md => markdown(c),
        _ => human(c, all),
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .context("writing the comparison to stdout")
}

fn value(v: Option<f64>, unit: &str) -> String {
    match v {
        Some(v) => {
            let (scale, unit) = display_unit(unit, v);
            format!("{} {unit}", num(v / scale))
        }
        None => "-".into(),
    }
}

fn percent(ratio: f64) -> String {
    format!("{:+.1}%", (ratio - 1.0) * 100.0)
}

fn change_cell(b: &BenchComparison) -> String {
    match b.ratio {
        Some(r) => percent(r),
        None => "-".into(),
    }
}

fn ci_cell(b: &BenchComparison) -> String {
    b.ratio_ci
        .map(|[lo, hi]| format!("{} … {}", percent(lo), percent(hi)))
        .unwrap_or_default()
}

fn p_cell(b: &BenchComparison) -> String {
    match b.p_value {
        Some(p) if p < 0.001 => "<0.001".into(),
        Some(p) => format!("{p:.3}"),
        None => "-".into(),
    }
}

fn verdict_cell(b: &BenchComparison) -> String {
    let mut s = b.change.name().to_owned();
    if b.reference {
        s.push_str(" (reference)");
    }
    s
}

/// Rows shown by default: every change, and the headline metrics.
fn shown(b: &BenchComparison, all: bool) -> bool {
    all || b.change != Change::Noise || HEADLINE.contains(&b.metric.as_str())
}

fn header(c: &Comparison) -> String {
    match c.mode {
        "runtimes" => format!(
            "{} vs {} in {} (run {})",
            c.new.runtime.as_deref().unwrap_or("?"),
            c.base.runtime.as_deref().unwrap_or("?"),
            c.base.path.display(),
            c.base.run_id
        ),
        _ => format!(
            "BASE {} ({}, {}) → NEW {} ({}, {})",
            c.base.path.display(),
            c.base.run_id,
            c.base.created_at,
            c.new.path.display(),
            c.new.run_id,
            c.new.created_at
        ),
    }
}

fn tally(c: &Comparison) -> String {
    format!(
        "{} regression(s), {} improvement(s), {} unchanged, {} missing",
        c.count(Change::Regression),
        c.count(Change::Improvement),
        c.count(Change::Noise),
        c.count(Change::Missing)
    )
}

pub fn human(c: &Comparison, all: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", header(c));
    let _ = writeln!(
        out,
        "change = NEW/BASE of medians (95% bootstrap CI); counts when p < {} (Mann-Whitney U) and beyond the threshold ({}% unless overridden)\n",
        c.alpha,
        c.threshold * 100.0
    );
    if !c.benchmarks.is_empty() {
        let rows: Vec<Vec<String>> = c
            .benchmarks
            .iter()
            .filter(|b| shown(b, all))
            .map(|b| {
                vec![
                    b.benchmark.clone(),
                    b.runtime.clone(),
                    b.metric.clone(),
                    value(b.base_median, &b.unit),
                    value(b.new_median, &b.unit),
                    change_cell(b),
                    ci_cell(b),
                    p_cell(b),
                    verdict_cell(b),
                ]
            })
            .collect();
        let mut buf = Vec::new();
        let _ = write_table(
            &mut buf,
            &[
                "benchmark",
                "runtime",
                "metric",
                "BASE",
                "NEW",
                "change",
                "95% CI",
                "p",
                "verdict",
            ],
            &rows,
        );
        out.push_str(&String::from_utf8_lossy(&buf));
        let hidden = c.benchmarks.iter().filter(|b| !shown(b, all)).count();
        let _ = write!(out, "\n{}", tally(c));
        if hidden > 0 {
            let _ = write!(
                out,
                " ({hidden} unchanged secondary metrics hidden; --all shows them)"
            );
        }
        out.push('\n');
        for b in c.benchmarks.iter().filter(|b| b.note.is_some()) {
            let _ = writeln!(
                out,
                "  {} on {} ({}): {}",
                b.benchmark,
                b.runtime,
                b.metric,
                b.note.as_deref().unwrap_or_default()
            );
        }
    }
    for d in &c.conformance {
        let _ = writeln!(
            out,
            "\n{} on {}: {} → {} passing ({:+}) of {} → {} scenarios",
            d.suite,
            d.runtime,
            d.base_pass,
            d.new_pass,
            d.new_pass as i64 - d.base_pass as i64,
            d.base_total,
            d.new_total
        );
        if d.is_empty() {
            let _ = writeln!(out, "  no verdict changed");
        }
        for (label, list) in categories(d) {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  {label} ({}):", list.len());
            for case in list.iter().take(HUMAN_CASES) {
                let _ = writeln!(out, "    {}", human_case(case));
            }
            if list.len() > HUMAN_CASES {
                let _ = writeln!(
                    out,
                    "    … and {} more (--format json lists all)",
                    list.len() - HUMAN_CASES
                );
            }
        }
    }
    if !c.notes.is_empty() {
        let _ = writeln!(out, "\nnotes:");
        for n in &c.notes {
            let _ = writeln!(out, "  - {n}");
        }
    }
    out
}

fn categories(d: &ConformanceDiff) -> [(&'static str, &Vec<CaseChange>); 5] {
    [
        ("newly failing", &d.newly_failing),
        ("newly passing", &d.newly_passing),
        ("verdict changed", &d.verdict_changed),
        ("new tests", &d.new_tests),
        ("removed tests", &d.removed_tests),
    ]
}

fn transition(case: &CaseChange) -> String {
    format!(
        "{} → {}",
        case.from.as_deref().unwrap_or("(absent)"),
        case.to.as_deref().unwrap_or("(absent)")
    )
}

fn human_case(case: &CaseChange) -> String {
    let mut s = format!("{} [{}] {}", case.id, case.scenario, transition(case));
    if let Some(d) = &case.detail {
        let first = d.lines().next().unwrap_or_default();
        let _ = write!(s, ": {}", truncate(first, 160));
    }
    s
}

/// Escapes text for a Markdown table cell or list item: no HTML, no table breaks.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '`' => out.push('\''),
            '*' | '_' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn md_row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

fn md_bench_table(rows: &[&BenchComparison]) -> String {
    let mut out = String::from(
        "| benchmark | runtime | metric | BASE | NEW | change | 95% CI | p | verdict |\n|---|---|---|---:|---:|---:|---|---:|---|\n",
    );
    for b in rows {
        let verdict = match b.change {
            Change::Regression => "**regression**".to_owned(),
            Change::Improvement => "**improvement**".to_owned(),
            _ => b.change.name().to_owned(),
        };
        out.push_str(&md_row(&[
            md_escape(&b.benchmark),
            md_escape(&b.runtime),
            md_escape(&b.metric),
            value(b.base_median, &b.unit),
            value(b.new_median, &b.unit),
            change_cell(b),
            ci_cell(b),
            p_cell(b),
            if b.reference {
                format!("{verdict} (reference)")
            } else {
                verdict
            },
        ]));
    }
    out
}

pub fn markdown(c: &Comparison) -> String {
    let mut out = String::from("## dyno compare\n\n");
    let _ = writeln!(out, "{}\n", md_escape(&header(c)));
    let _ = writeln!(
        out,
        "Threshold {}%, α = {} (two-sided Mann-Whitney U); change = NEW/BASE of medians with a 95% bootstrap CI.\n",
        c.threshold * 100.0,
        c.alpha
    );
    if !c.benchmarks.is_empty() {
        let _ = writeln!(out, "**{}**\n", tally(c));
        let changed: Vec<&BenchComparison> = c
            .benchmarks
            .iter()
            .filter(|b| b.change != Change::Noise)
            .collect();
        if !changed.is_empty() {
            out.push_str(&md_bench_table(&changed));
            out.push('\n');
        }
        let unchanged: Vec<&BenchComparison> = c
            .benchmarks
            .iter()
            .filter(|b| b.change == Change::Noise && HEADLINE.contains(&b.metric.as_str()))
            .collect();
        if !unchanged.is_empty() {
            let _ = writeln!(
                out,
                "<details><summary>{} unchanged headline metrics</summary>\n",
                unchanged.len()
            );
            out.push_str(&md_bench_table(&unchanged));
            out.push_str("\n</details>\n\n");
        }
    }
    if !c.conformance.is_empty() {
        out.push_str("### Conformance\n\n| suite | runtime | passing | newly failing | newly passing | verdict changed | new tests | removed tests |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for d in &c.conformance {
            out.push_str(&md_row(&[
                md_escape(&d.suite),
                md_escape(&d.runtime),
                format!(
                    "{} → {} ({:+})",
                    d.base_pass,
                    d.new_pass,
                    d.new_pass as i64 - d.base_pass as i64
                ),
                d.newly_failing.len().to_string(),
                d.newly_passing.len().to_string(),
                d.verdict_changed.len().to_string(),
                d.new_tests.len().to_string(),
                d.removed_tests.len().to_string(),
            ]));
        }
        out.push('\n');
        for d in &c.conformance {
            for (label, list) in categories(d) {
                if list.is_empty() {
                    continue;
                }
                let _ = writeln!(
                    out,
                    "<details><summary>{} on {}: {} {label}</summary>\n",
                    md_escape(&d.suite),
                    md_escape(&d.runtime),
                    list.len()
                );
                for case in list.iter().take(MD_CASES) {
                    let name = match &case.url {
                        Some(url) => format!("[{}]({url})", md_escape(&case.id)),
                        None => md_escape(&case.id),
                    };
                    let detail = case
                        .detail
                        .as_deref()
                        .map(|d| {
                            format!(
                                ": {}",
                                md_escape(&truncate(d.lines().next().unwrap_or_default(), 160))
                            )
                        })
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "- {name} \\[{}\\] {}{detail}",
                        md_escape(&case.scenario),
                        md_escape(&transition(case))
                    );
                }
                if list.len() > MD_CASES {
                    let _ = writeln!(out, "- … and {} more", list.len() - MD_CASES);
                }
                out.push_str("\n</details>\n\n");
            }
        }
    }
    if !c.notes.is_empty() {
        out.push_str("### Notes\n\n");
        for n in &c.notes {
            let _ = writeln!(out, "- {}", md_escape(n));
        }
    }
    out
}
