//! `dyno history` commands and what they print (a table, Markdown, or JSON).

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use super::trend::{self, Trend, TrendFilter};
use super::{Db, Imported, Point, Series};
use crate::bench::{display_unit, num};
use crate::cli::{Format, HistoryAction, HistoryArgs};
use crate::compare::output::md_escape;
use crate::job::write_table;
use crate::stats::BandRule;
use crate::{Log, UsageError, EXIT_CHECK_FAILED};

/// Runs a `dyno history` command; `runtimes` (the global `--runtime` values) filter series.
pub fn run(args: &HistoryArgs, runtimes: &[String], format: Format, log: Log) -> Result<ExitCode> {
    let path = &args.db;
    let mut db = Db::open(path).map_err(|e| UsageError::new(e.to_string()))?;
    let mut text = String::new();
    let mut code = ExitCode::SUCCESS;
    match &args.action {
        HistoryAction::Import { results } => {
            let mut report = Vec::new();
            for file in results {
                let run =
                    crate::store::read_results(file).map_err(|e| UsageError::new(e.to_string()))?;
                let what = db.import(&run, file)?;
                match &what {
                    Imported::New { benchmarks, cases } => log.info(format!(
                        "imported {} ({}): {benchmarks} benchmark records, {cases} verdicts",
                        run.run_id,
                        file.display()
                    )),
                    Imported::AlreadyPresent => log.info(format!(
                        "skipped {} ({}): run already in {}",
                        run.run_id,
                        file.display(),
                        path.display()
                    )),
                }
                report
                    .push(serde_json::json!({"file": file, "run_id": run.run_id, "result": what}));
            }
            if format == Format::Json {
                text = serde_json::to_string_pretty(&report)? + "\n";
            }
        }
        HistoryAction::List => {
            let runs = db.runs()?;
            text = if format == Format::Json {
                serde_json::to_string_pretty(&runs)? + "\n"
            } else {
                let rows: Vec<Vec<String>> = runs
                    .iter()
                    .map(|r| {
                        vec![
                            r.run_id.clone(),
                            r.created_at
                                .chars()
                                .take(16)
                                .collect::<String>()
                                .replace('T', " "),
                            short(r.git_commit.as_deref()),
                            r.hostname.clone(),
                            r.benchmarks.to_string(),
                            r.suites.to_string(),
                            if r.complete { "yes" } else { "no" }.into(),
                            r.runtimes.join(", "),
                        ]
                    })
                    .collect();
                table(
                    &[
                        "run",
                        "created (UTC)",
                        "commit",
                        "host",
                        "bench records",
                        "suites",
                        "complete",
                        "runtimes",
                    ],
                    &rows,
                ) + &format!("{} run(s) in {}\n", runs.len(), path.display())
            };
        }
        HistoryAction::Show { benchmark, metric } => {
            let mut series = db.series(Some(benchmark), None, metric.as_deref())?;
            if series.is_empty() && metric.is_none() {
                // A suite name: its passing scenarios per night.
                series = db.suite_series(benchmark)?;
            }
            series.retain(|s| runtimes.is_empty() || runtimes.contains(&s.key.runtime));
            let runtime = (!runtimes.is_empty()).then(|| runtimes.join(", "));
            if series.is_empty() {
                let names = db.names()?;
                let hint = crate::config::nearest(benchmark, names.iter().map(String::as_str))
                    .map(|n| format!("did you mean '{n}'? "))
                    .unwrap_or_default();
                bail!(UsageError::new(format!(
                    "no history for benchmark '{benchmark}'{}{} in {}; {hint}`dyno history list` shows what was imported",
                    runtime.as_deref().map(|r| format!(" on {r}")).unwrap_or_default(),
                    metric.as_deref().map(|m| format!(" ({m})")).unwrap_or_default(),
                    path.display()
                )));
            }
            if metric.is_none() && series.iter().any(|s| is_headline(&s.key.metric)) {
                // The headline metric of each runtime; --metric picks another.
                series.retain(|s| is_headline(&s.key.metric));
            }
            let rule = BandRule::default();
            text = if format == Format::Json {
                serde_json::to_string_pretty(&series)? + "\n"
            } else {
                series
                    .iter()
                    .map(|s| show_series(s, &rule))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
        }
        HistoryAction::Trend {
            window,
            min_change,
            only,
            metric,
            fail_on,
        } => {
            let rule = BandRule {
                window: *window,
                min_change: *min_change,
                ..BandRule::default()
            };
            if rule.window < rule.min_points {
                bail!(UsageError::new(format!(
                    "--window {}: the band needs at least {} nights",
                    rule.window, rule.min_points
                )));
            }
            let filter = TrendFilter {
                benchmark: only.clone(),
                runtimes: runtimes.to_vec(),
                metric: metric.clone(),
            };
            let t = trend::trend(&db, rule, &filter)?;
            text = match format {
                Format::Json => serde_json::to_string_pretty(&t)? + "\n",
                Format::Md => trend_markdown(&t),
                _ => trend_human(&t),
            };
            let latest_regressions = t
                .changes
                .iter()
                .filter(|c| c.latest && c.direction == "regression")
                .count();
            let failing: usize = t.conformance.iter().map(|c| c.newly_failing.len()).sum();
            for check in fail_on.iter().flat_map(|v| v.split(',')) {
                match check.trim() {
                    "regression" if latest_regressions > 0 => {
                        log.info(format!(
                            "--fail-on regression: {latest_regressions} regression(s) on the newest night"
                        ));
                        code = ExitCode::from(EXIT_CHECK_FAILED);
                    }
                    "conformance" if failing > 0 => {
                        log.info(format!(
                            "--fail-on conformance: {failing} newly failing test(s) (flaky ones excluded)"
                        ));
                        code = ExitCode::from(EXIT_CHECK_FAILED);
                    }
                    "regression" | "conformance" => {}
                    other => bail!(UsageError::new(format!(
                        "--fail-on {other}: unknown check; use regression, conformance, or both"
                    ))),
                }
            }
        }
    }
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .context("writing to stdout")?;
    Ok(code)
}

fn is_headline(metric: &str) -> bool {
    matches!(
        metric,
        "wall" | "requests_per_second" | "ops_per_second" | "time_to_first_response" | "passing"
    )
}

fn short(commit: Option<&str>) -> String {
    commit.map_or_else(|| "-".into(), |c| c.chars().take(10).collect())
}

fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut buf = Vec::new();
    let _ = write_table(&mut buf, header, rows);
    String::from_utf8_lossy(&buf).into_owned()
}

fn value(v: f64, unit: &str) -> String {
    let (scale, unit) = display_unit(unit, v);
    format!("{} {unit}", num(v / scale))
}

fn show_series(s: &Series, rule: &BandRule) -> String {
    let values: Vec<f64> = s.points.iter().map(|p| p.median).collect();
    let flagged: Vec<usize> = rule
        .change_points(&values)
        .iter()
        .map(|c| c.index)
        .collect();
    let rows: Vec<Vec<String>> = s
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            vec![
                p.created_at
                    .chars()
                    .take(16)
                    .collect::<String>()
                    .replace('T', " "),
                p.run_id.clone(),
                p.runtime_version.clone().unwrap_or_else(|| "-".into()),
                value(p.median, &s.unit),
                format!(
                    "[{} .. {}]",
                    num(p.ci_low / display_unit(&s.unit, p.median).0),
                    num(p.ci_high / display_unit(&s.unit, p.median).0)
                ),
                p.n.to_string(),
                if flagged.contains(&i) {
                    "◀ change".into()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    format!(
        "{} on {} — {} ({}, {} is better)\n{}",
        s.key.benchmark,
        s.key.runtime,
        s.key.metric,
        s.unit,
        if s.higher_is_better {
            "higher"
        } else {
            "lower"
        },
        table(
            &["night (UTC)", "run", "version", "median", "95% CI", "n", ""],
            &rows
        )
    )
}

fn describe(p: &Point) -> String {
    format!(
        "run {} ({}{}{})",
        p.run_id,
        p.created_at.chars().take(10).collect::<String>(),
        p.runtime_version
            .as_deref()
            .map(|v| format!(", runtime {v}"))
            .unwrap_or_default(),
        p.git_commit
            .as_deref()
            .map(|c| format!(", commit {}", short(Some(c))))
            .unwrap_or_default()
    )
}

pub fn trend_human(t: &Trend) -> String {
    let mut out = format!(
        "{} run(s), {} series; a night is a change when its median leaves Q1 − 3·IQR … Q3 + 3·IQR of the last {} nights (and moves ≥ {}%)\n",
        t.runs,
        t.series,
        t.window,
        t.min_change * 100.0
    );
    if t.changes.is_empty() {
        out.push_str("\nno change points\n");
    }
    for c in &t.changes {
        let _ = writeln!(
            out,
            "\n{} {} on {} ({}): {:+.1}% — {} outside [{} .. {}]{}",
            if c.direction == "machine" {
                "machine change (a reference moved):"
            } else {
                c.direction
            },
            c.key.benchmark,
            c.key.runtime,
            c.key.metric,
            c.relative * 100.0,
            value(c.first_bad.median, &c.unit),
            num(c.band.low / display_unit(&c.unit, c.band.median).0),
            num(c.band.high / display_unit(&c.unit, c.band.median).0),
            if c.latest { " (newest night)" } else { "" }
        );
        let _ = writeln!(out, "  last good: {}", describe(&c.last_good));
        let _ = writeln!(out, "  first bad: {}", describe(&c.first_bad));
        if c.last_good.runtime_sha256 != c.first_bad.runtime_sha256 {
            let _ = writeln!(
                out,
                "  the runtime's executable changed between them: bisect its commits"
            );
        }
    }
    for c in &t.conformance {
        let passes: Vec<String> = c.nights.iter().map(|(_, p)| p.to_string()).collect();
        let _ = writeln!(
            out,
            "\n{} on {}: {} night(s), passing {}",
            c.suite,
            c.runtime,
            c.nights.len(),
            tail(&passes, 8)
        );
        for (label, list) in [
            ("newly failing", &c.newly_failing),
            ("newly passing", &c.newly_passing),
        ] {
            if !list.is_empty() {
                let _ = writeln!(out, "  {label} on the newest night ({}):", list.len());
                for name in list.iter().take(20) {
                    let _ = writeln!(out, "    {name}");
                }
            }
        }
        if !c.flaky.is_empty() {
            let _ = writeln!(
                out,
                "  flaky in the last {} nights ({}), not counted as regressions:",
                t.window,
                c.flaky.len()
            );
            for (name, flips) in c.flaky.iter().take(20) {
                let _ = writeln!(out, "    {name} ({flips} flips)");
            }
        }
    }
    out
}

fn tail(items: &[String], n: usize) -> String {
    if items.len() <= n {
        items.join(" → ")
    } else {
        format!("… → {}", items[items.len() - n..].join(" → "))
    }
}

pub fn trend_markdown(t: &Trend) -> String {
    let mut out = format!(
        "## dyno history trend\n\n{} runs, {} series, band of the last {} nights (Q3 + 3·IQR).\n\n",
        t.runs, t.series, t.window
    );
    if !t.changes.is_empty() {
        out.push_str("| change | benchmark | runtime | metric | Δ | last good | first bad |\n|---|---|---|---|---:|---|---|\n");
        for c in &t.changes {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {:+.1}% | {} | {} |",
                c.direction,
                md_escape(&c.key.benchmark),
                md_escape(&c.key.runtime),
                md_escape(&c.key.metric),
                c.relative * 100.0,
                md_escape(&describe(&c.last_good)),
                md_escape(&describe(&c.first_bad))
            );
        }
        out.push('\n');
    } else {
        out.push_str("No change points.\n\n");
    }
    for c in &t.conformance {
        let _ = writeln!(
            out,
            "- {} on {}: {} newly failing, {} newly passing, {} flaky",
            md_escape(&c.suite),
            md_escape(&c.runtime),
            c.newly_failing.len(),
            c.newly_passing.len(),
            c.flaky.len()
        );
    }
    out
}
