//! `dyno report` on the real binary: the HTML report, summary.md and the charts from a
//! results fixture (a real run's numbers), escaping, and self-containment.

mod common;

use common::{dyno, fixtures, output3};

#[test]
fn report_writes_html_markdown_and_charts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let (code, stdout, err) = output3(
        dyno(dir.path())
            .arg("report")
            .arg(fixtures().join("results/v1-export.json"))
            .arg("--out")
            .arg(&out),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("report: ") && stdout.contains("index.html"),
        "{stdout}"
    );
    for file in [
        "index.html",
        "summary.md",
        "charts/startup-hello-js.svg",
        "charts/startup-hello-js.png",
        "charts/conformance-test262.svg",
        "charts/conformance-test262.png",
        "raw/20261126t083646z-d959cc.json",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    // A test named <script>alert(1)</script> renders as text.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        !html.to_lowercase().contains("<script"),
        "no script element at all"
    );
    // Self-contained: inline SVG, no external resources.
    assert!(html.contains("<svg"));
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import")
    );
    assert!(html.contains("href=\"raw/20261126t083646z-d959cc.json\""));
    for runtime in ["node", "dynojs", "bun@1.4.5", "deno@2.9.6"] {
        assert!(html.contains(runtime), "{runtime}");
    }
    let md = std::fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(md.starts_with("## dyno report"), "{md}");
    assert!(md.contains("](charts/startup-hello-js.png)"), "{md}");
    assert!(
        md.contains("| test262 | node | 6 | 4 | 0 | 0 | 1 |"),
        "{md}"
    );
}

#[test]
fn bad_inputs_to_report_are_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = output3(dyno(dir.path()).args(["report", "nope.json"]));
    assert_eq!(code, 2);
    assert!(err.contains("nope.json"), "{err}");
    let (code, _, err) = output3(
        dyno(dir.path())
            .args(["report", "--format", "tap"])
            .arg(fixtures().join("results/v1-export.json")),
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot print --format tap"), "{err}");
}

#[test]
fn history_charts_come_from_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let mut files = Vec::new();
    for night in 0..4 {
        let mut doc = common::load_json(&fixtures().join("results/v1-export.json"));
        doc["run_id"] = format!("20261101T000000Z-00000{night}").into();
        doc["created_at"] = format!("2026-11-0{}T03:00:00Z", night + 1).into();
        files.push(common::write_json(
            dir.path(),
            &format!("n{night}.json"),
            &doc,
        ));
    }
    let (code, _, err) = output3(
        dyno(dir.path())
            .arg("history")
            .arg("--db")
            .arg(&db)
            .arg("import")
            .args(&files),
    );
    assert_eq!(code, 0, "{err}");
    let site = dir.path().join("site");
    let (code, _, err) = output3(
        dyno(dir.path())
            .arg("report")
            .arg(&files[3])
            .arg("--history")
            .arg(&db)
            .arg("--out")
            .arg(&site),
    );
    assert_eq!(code, 0, "{err}");
    for chart in [
        "history-startup-hello-js-wall.svg",
        "history-test262-passing.png",
    ] {
        assert!(site.join("charts").join(chart).is_file(), "{chart}");
    }
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(html.contains("id=\"history\""), "a History section");
    let (code, _, err) = output3(
        dyno(dir.path())
            .arg("report")
            .arg(&files[3])
            .args(["--history", "missing.db", "--out"])
            .arg(&site),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("missing.db") && err.contains("dyno history"),
        "{err}"
    );
}
