//! JUnit XML of conformance results, in the shape Jenkins, GitLab and GitHub test
//! reporters read: `<testsuites>` → one `<testsuite>` per suite × runtime → one
//! `<testcase>` per scenario (classname = the test's path, name = the scenario), with
//! `<failure>` (type = verdict, message = detail, text = reproduce command and stderr) or
//! `<skipped>`. Everything that came from a test is escaped.

use std::fmt::Write as _;

use crate::store::{CaseRecord, ConformanceRecord};

/// Escapes text for XML 1.0 attribute values and text nodes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {
                out.push_str(&format!("\\x{:02X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// How a verdict shows in JUnit.
enum Kind {
    Passed,
    Skipped,
    Failed,
}

fn kind(verdict: &str) -> Kind {
    match verdict {
        // An expected failure is what the expectations file asked for: green in CI.
        "pass" | "expected-fail" => Kind::Passed,
        "skip" => Kind::Skipped,
        _ => Kind::Failed,
    }
}

pub fn conformance(records: &[ConformanceRecord]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    for run in records {
        let failures = run
            .results
            .iter()
            .filter(|c| matches!(kind(&c.verdict), Kind::Failed))
            .count();
        let skipped = run
            .results
            .iter()
            .filter(|c| matches!(kind(&c.verdict), Kind::Skipped))
            .count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{} on {}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\" time=\"{:.3}\">",
            xml_escape(&run.suite),
            xml_escape(&run.runtime),
            run.results.len(),
            run.duration_ms / 1e3
        );
        for case in &run.results {
            testcase(&mut out, case);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn testcase(out: &mut String, c: &CaseRecord) {
    let _ = write!(
        out,
        "    <testcase classname=\"{}\" name=\"{}\" time=\"{:.4}\"",
        xml_escape(&c.id),
        xml_escape(&c.scenario),
        c.duration_ms / 1e3
    );
    let detail = xml_escape(c.detail.as_deref().unwrap_or(""));
    match kind(&c.verdict) {
        Kind::Passed => out.push_str("/>\n"),
        Kind::Skipped => {
            let _ = writeln!(out, "><skipped message=\"{detail}\"/></testcase>");
        }
        Kind::Failed => {
            let _ = write!(
                out,
                "><failure type=\"{}\" message=\"{detail}\">",
                xml_escape(&c.verdict)
            );
            if let Some(cmd) = &c.command {
                let _ = writeln!(out, "reproduce: {}", xml_escape(cmd));
            }
            if let Some(t) = &c.stderr_tail {
                out.push_str(&xml_escape(t));
            }
            out.push_str("</failure></testcase>\n");
        }
    }
}
