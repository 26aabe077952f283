//! `index.html`: one self-contained page (inline SVG and CSS, no scripts, no external
//! requests). Everything that came from a runtime or a test is HTML-escaped.

use std::fmt::Write as _;

use super::{chart::Rendered, Headline, Input};
use crate::bench::{display_unit, num};

/// Failing scenarios listed per suite × runtime (the JSON has all of them).
const FAILURES_SHOWN: usize = 200;

/// Escapes text for HTML element content and quoted attribute values (XML escaping is
/// valid HTML; control characters become visible escapes).
pub use super::junit::xml_escape as escape;

const STYLE: &str = "
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0 auto; max-width: 980px; padding: 1rem 1.5rem 4rem; color: #1b1b1b; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #ddd; padding: .25rem .55rem; text-align: left; vertical-align: top; }
td code { overflow-wrap: anywhere; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
details { margin: .4rem 0; } summary { cursor: pointer; }
pre { background: #f6f6f6; padding: .4rem .6rem; overflow-x: auto; font-size: .85rem; white-space: pre-wrap; }
.warn { color: #8a4b00; }
.partial { background: #fff3cd; border: 1px solid #e0b400; padding: .5rem .8rem; }
";

pub fn page(input: &Input, charts: &[Rendered], headline: &[Headline]) -> String {
    let mut out =
        String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<title>dyno report · {}</title>",
        escape(&input.title())
    );
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(
        out,
        "<h1>dyno report</h1>\n<p class=\"meta\">{}</p>",
        escape(&input.subtitle())
    );
    if let Some(why) = input.partial() {
        let _ = writeln!(
            out,
            "<p class=\"partial\" id=\"partial\"><strong>Partial results:</strong> {}. Numbers below cover only what finished.</p>",
            escape(&why)
        );
    }
    let machines = input.machines();
    if !machines.is_empty() {
        out.push_str("<h2 id=\"machines\">Machines</h2>\n<p>This run was sharded: each benchmark ran with all its runtimes on one machine; compare benchmarks across machines with care.</p>\n<table><tr><th>shard</th><th>host</th><th>CPU</th><th>cores</th><th>units</th><th>benchmarks measured</th></tr>\n");
        for (_, s, ids) in &machines {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{} / {}{}</td><td>{}</td></tr>",
                s.index,
                escape(&s.host.hostname),
                escape(&s.host.cpu_model),
                s.host.cores,
                s.units_done,
                s.units_planned,
                if s.complete { "" } else { " (incomplete)" },
                escape(&ids.join(", "))
            );
        }
        out.push_str("</table>\n");
    }

    out.push_str("<h2 id=\"runtimes\">Runtimes</h2>\n<table><tr><th>runtime</th><th>version</th><th>engine</th><th>executable</th></tr>\n");
    for r in input.runtimes() {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{} {}</td><td><code>{}</code></td></tr>",
            escape(&r.name),
            escape(&r.version),
            escape(&r.engine),
            escape(&r.engine_version),
            escape(&r.path)
        );
    }
    out.push_str("</table>\n");

    if !headline.is_empty() {
        let (runtimes, rows) = super::headline_matrix(headline);
        out.push_str("<h2 id=\"summary\">Summary</h2>\n<p>Medians with their 95% confidence interval; the ratio is to the first runtime of each row.</p>\n<table><tr><th>benchmark</th><th>metric</th>");
        for r in &runtimes {
            let _ = write!(out, "<th>{}</th>", escape(r));
        }
        out.push_str("</tr>\n");
        for (benchmark, metric, cells) in rows {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td>",
                escape(&benchmark),
                escape(&metric)
            );
            for cell in cells {
                match cell {
                    Some(h) => {
                        let _ = write!(
                            out,
                            "<td class=\"n\" title=\"95% CI {}, n = {}\">{}{}</td>",
                            escape(&h.ci_text()),
                            h.n,
                            escape(&h.median_text()),
                            h.ratio
                                .map(|r| format!("<br><small>{r:.2}×</small>"))
                                .unwrap_or_default()
                        );
                    }
                    None => out.push_str("<td class=\"n\">–</td>"),
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }

    for (section, prefix) in [
        ("Start-up", "startup-"),
        ("HTTP", "http-"),
        ("Event-loop workloads", "loops"),
        ("Conformance", "conformance-"),
        ("History", "history-"),
    ] {
        let shown: Vec<&Rendered> = charts
            .iter()
            .filter(|c| c.name.starts_with(prefix))
            .collect();
        if shown.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<h2 id=\"{}\">{section}</h2>",
            super::chart::stem(section)
        );
        section_table(&mut out, input, prefix);
        for c in shown {
            // plotters' SVG escapes text itself; strip its XML prolog for inlining.
            let svg = c.svg.trim_start_matches(|ch| ch != '<');
            let svg = svg
                .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .unwrap_or(svg);
            let _ = writeln!(
                out,
                "<figure id=\"{}\" role=\"img\" aria-label=\"{}\">{}<figcaption><a href=\"charts/{}.svg\">SVG</a> · <a href=\"charts/{}.png\">PNG</a></figcaption></figure>",
                escape(&c.name),
                escape(&c.title),
                svg.trim(),
                escape(&c.name),
                escape(&c.name)
            );
        }
    }
    conformance_details(&mut out, input);

    out.push_str("<h2 id=\"method\">Methodology and environment</h2>\n");
    for (path, run) in &input.runs {
        let h = &run.host;
        let _ = writeln!(
            out,
            "<p>Run <code>{}</code> ({} → {}), dyno {} (methodology v{}), {} on {} × {} cores, {} MiB, kernel {}, 1-minute load at start {:.2}. Raw results: <a href=\"{}\">{}</a>.</p>",
            escape(&run.run_id),
            escape(&run.created_at.to_rfc3339()),
            escape(&run.finished_at.map(|t| t.to_rfc3339()).unwrap_or_else(|| "unfinished".into())),
            escape(&run.dyno_version),
            run.methodology_version,
            escape(&h.os),
            escape(&h.cpu_model),
            h.cores,
            h.memory_bytes >> 20,
            escape(&h.kernel),
            h.load_average[0],
            escape(&path.raw_link),
            escape(&path.raw_link)
        );
        let vars: Vec<String> = run
            .environment
            .variables
            .iter()
            .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
            .collect();
        let _ = writeln!(
            out,
            "<p>Children ran in a sanitized environment: <code>{}</code>.</p>",
            vars.join(" ")
        );
    }
    out.push_str("<p>Start-up runs alternate runtimes round by round beside the <code>/bin/true</code> floor; medians carry 95% bootstrap confidence intervals; outliers are counted, never dropped. How and why: dyno's <code>docs/methodology.md</code>.</p>\n");
    if let Some(http) = input
        .benchmarks()
        .into_iter()
        .find(|r| r.benchmark.starts_with("http/"))
    {
        let param = |k: &str| {
            http.params
                .get(k)
                .map(|v| v.to_string())
                .unwrap_or_else(|| "?".into())
        };
        let _ = writeln!(
            out,
            "<p>HTTP: servers pinned to CPUs {}, dyno's load generator to CPUs {}; {} s measured after {} s of warm-up, {} repetitions per runtime, interleaved.</p>",
            escape(&param("server_cpus")),
            escape(&param("client_cpus")),
            escape(&param("duration_s")),
            escape(&param("warmup_s")),
            escape(&param("repeat"))
        );
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Record prefixes of each section's benchmarks.
fn benchmark_prefix(chart_prefix: &str) -> Option<&'static str> {
    match chart_prefix {
        "startup-" => Some("startup/"),
        "http-" => Some("http/"),
        "loops" => Some("loop/"),
        _ => None,
    }
}

/// Every headline metric of the section's benchmarks: benchmark × metric rows, runtime
/// columns (median; 95% CI and n on hover).
fn section_table(out: &mut String, input: &Input, chart_prefix: &str) {
    let Some(prefix) = benchmark_prefix(chart_prefix) else {
        return;
    };
    let records: Vec<_> = input
        .benchmarks()
        .into_iter()
        .filter(|r| {
            r.benchmark.starts_with(prefix) && crate::bench::HEADLINE.contains(&r.metric.as_str())
        })
        .collect();
    if records.is_empty() {
        return;
    }
    let mut runtimes: Vec<&str> = Vec::new();
    let mut rows: Vec<(&str, &str)> = Vec::new();
    for r in &records {
        if !runtimes.contains(&r.runtime.as_str()) {
            runtimes.push(&r.runtime);
        }
        if !rows.contains(&(r.benchmark.as_str(), r.metric.as_str())) {
            rows.push((&r.benchmark, &r.metric));
        }
    }
    out.push_str(
        "<details><summary>All numbers</summary>\n<table><tr><th>benchmark</th><th>metric</th>",
    );
    for rt in &runtimes {
        let _ = write!(out, "<th>{}</th>", escape(rt));
    }
    out.push_str("</tr>\n");
    for (benchmark, metric) in rows {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td>",
            escape(benchmark),
            escape(metric)
        );
        for rt in &runtimes {
            let cell = records
                .iter()
                .find(|r| r.benchmark == benchmark && r.metric == metric && r.runtime == *rt);
            match cell {
                Some(r) => match &r.summary {
                    Some(s) => {
                        let (scale, unit) = display_unit(&r.unit, s.median);
                        let _ = write!(
                            out,
                            "<td class=\"n\" title=\"95% CI {} … {}, n = {}\">{} {}</td>",
                            num(s.ci_low / scale),
                            num(s.ci_high / scale),
                            s.n,
                            num(s.median / scale),
                            escape(&unit)
                        );
                    }
                    None => {
                        let why = r
                            .error
                            .as_deref()
                            .and_then(|e| e.lines().next())
                            .unwrap_or("no samples");
                        let _ = write!(
                            out,
                            "<td class=\"warn\" title=\"{}\">failed</td>",
                            escape(why)
                        );
                    }
                },
                None => out.push_str("<td class=\"n\">–</td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n</details>\n");
}

fn conformance_details(out: &mut String, input: &Input) {
    for (_, run) in &input.runs {
        for c in &run.conformance {
            let failing: Vec<_> = c
                .results
                .iter()
                .filter(|r| {
                    !matches!(
                        super::chart::conformance::class(&r.verdict),
                        "pass" | "skip"
                    )
                })
                .collect();
            if failing.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "<details><summary>{} on {}: {} failing scenarios{}</summary>\n<table><tr><th>test</th><th>scenario</th><th>verdict</th><th>detail</th></tr>",
                escape(&c.suite),
                escape(&c.runtime),
                failing.len(),
                if failing.len() > FAILURES_SHOWN {
                    format!(" (first {FAILURES_SHOWN} shown; all are in the raw results)")
                } else {
                    String::new()
                }
            );
            for r in failing.iter().take(FAILURES_SHOWN) {
                let mut detail = escape(r.detail.as_deref().unwrap_or(""));
                if let Some(t) = &r.stderr_tail {
                    let _ = write!(detail, "<pre>{}</pre>", escape(t));
                }
                if let Some(cmd) = &r.command {
                    let _ = write!(detail, "<pre>$ {}</pre>", escape(cmd));
                }
                let _ = writeln!(
                    out,
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{detail}</td></tr>",
                    escape(&r.id),
                    escape(&r.scenario),
                    escape(&r.verdict)
                );
            }
            out.push_str("</table>\n</details>\n");
        }
    }
}
