//! `summary.md`: the headline table, the PNG charts and the conformance scores — sized
//! for `$GITHUB_STEP_SUMMARY` and a README. Text from runtimes and tests is escaped.

use std::fmt::Write as _;

use super::{chart::Rendered, Headline, Input};
use crate::compare::output::md_escape;

pub fn summary(input: &Input, charts: &[Rendered], headline: &[Headline]) -> String {
    let mut out = format!("## dyno report\n\n{}\n\n", md_escape(&input.subtitle()));
    if let Some(why) = input.partial() {
        let _ = writeln!(
            out,
            "> **Partial results:** {}. Numbers below cover only what finished.\n",
            md_escape(&why)
        );
    }
    let machines = input.machines();
    for (_, s, ids) in &machines {
        let _ = writeln!(
            out,
            "- shard {} on {} ({}, {} cores): {}",
            s.index,
            md_escape(&s.host.hostname),
            md_escape(&s.host.cpu_model),
            s.host.cores,
            if ids.is_empty() {
                "no benchmarks".to_owned()
            } else {
                md_escape(&ids.join(", "))
            }
        );
    }
    if !machines.is_empty() {
        out.push('\n');
    }
    out.push_str("| runtime | version | engine |\n|---|---|---|\n");
    for r in input.runtimes() {
        let _ = writeln!(
            out,
            "| {} | {} | {} {} |",
            md_escape(&r.name),
            md_escape(&r.version),
            md_escape(&r.engine),
            md_escape(&r.engine_version)
        );
    }
    if !headline.is_empty() {
        let (runtimes, rows) = super::headline_matrix(headline);
        out.push_str("\n| benchmark | metric |");
        for r in &runtimes {
            let _ = write!(out, " {} |", md_escape(r));
        }
        out.push_str("\n|---|---|");
        out.push_str(&"---:|".repeat(runtimes.len()));
        out.push('\n');
        for (benchmark, metric, cells) in rows {
            let _ = write!(
                out,
                "| {} | {} |",
                md_escape(&benchmark),
                md_escape(&metric)
            );
            for cell in cells {
                match cell {
                    Some(h) => {
                        let _ = write!(
                            out,
                            " {}{} |",
                            md_escape(&h.median_text()),
                            h.ratio.map(|r| format!(" ({r:.2}×)")).unwrap_or_default()
                        );
                    }
                    None => out.push_str(" – |"),
                }
            }
            out.push('\n');
        }
    }
    let conformance = input.conformance();
    if !conformance.is_empty() {
        out.push_str("\n| suite | runtime | passing | failing | timeout | crash | skipped |\n|---|---|---:|---:|---:|---:|---:|\n");
        for c in conformance {
            let mut counts = [0u64; 5];
            for (verdict, n) in &c.summary {
                let class = super::chart::conformance::class(verdict);
                let i = ["pass", "fail", "timeout", "crash", "skip"]
                    .iter()
                    .position(|k| *k == class)
                    .unwrap_or(1);
                counts[i] += n;
            }
            // Compat's divergence probes are recorded as skips; they are not skipped tests.
            let probes = c
                .results
                .iter()
                .filter(|r| {
                    r.scenario
                        .starts_with(crate::conform::compat::OBSERVE_PREFIX)
                })
                .count() as u64;
            counts[4] = counts[4].saturating_sub(probes);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                md_escape(&c.suite),
                md_escape(&c.runtime),
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                counts[4]
            );
        }
    }
    out.push('\n');
    for c in charts {
        let _ = writeln!(out, "![{}](charts/{}.png)\n", md_escape(&c.title), c.name);
    }
    out.push_str("Full report: `index.html` beside this file.\n");
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::super::{chart, headline, Input, Source};

    /// summary.md of the results fixture (a real run's numbers), and the structure of a
    /// chart's SVG: element names and texts in order, without coordinates, so layout
    /// tweaks do not churn it but lost labels, titles or series do.
    #[test]
    fn snapshots() {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/results/v1-export.json");
        let run = crate::store::read_results(&path).unwrap();
        let input = Input {
            runs: vec![(
                Source {
                    path: path.clone(),
                    raw_link: "raw/run.json".into(),
                },
                run,
            )],
        };
        let benchmarks = input.benchmarks();
        let colours = chart::Colours::new(input.runtimes().iter().map(|r| r.name.clone()));
        let dir = tempfile::tempdir().unwrap();
        let (name, startup) = chart::startup::charts(&benchmarks, &colours, &input.machine())
            .into_iter()
            .next()
            .unwrap();
        let rendered = chart::render(&startup.into(), &name, dir.path()).unwrap();
        let md = super::summary(
            &input,
            std::slice::from_ref(&rendered),
            &headline(&benchmarks),
        );
        insta::assert_snapshot!("summary_md", md);
        insta::assert_snapshot!(
            "startup_svg_structure",
            crate::report::chart::tests::svg_structure(&rendered.svg)
        );
    }
}
