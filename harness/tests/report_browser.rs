//! The HTML report in a real browser: headless Chromium opens `index.html`, takes a
//! screenshot, and must log nothing on its console. Skipped with a printed reason when
//! chromium is not installed, unless DYNO_REQUIRE_CHROMIUM is set (.ci/run sets it).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{dyno, fixtures, output3};

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let out = Command::new("sh")
                .args(["-c", &format!("command -v {name}")])
                .output()
                .ok()?;
            let path = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            (out.status.success() && !path.is_empty()).then(|| PathBuf::from(path))
        })
}

/// Opens `page` headless; returns the console lines Chromium logged.
fn open(browser: &Path, page: &Path, screenshot: &Path, profile: &Path) -> Vec<String> {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1000,2400",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("running chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_report_opens_in_chromium_without_console_errors() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("DYNO_REQUIRE_CHROMIUM").is_none(),
            "DYNO_REQUIRE_CHROMIUM is set but no chromium is on PATH"
        );
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // The console check itself works: a page that logs an error is caught.
    let control = dir.path().join("control.html");
    std::fs::write(
        &control,
        "<!DOCTYPE html><title>c</title><script>console.error('control-error')</script>",
    )
    .unwrap();
    let lines = open(
        &browser,
        &control,
        &dir.path().join("control.png"),
        &dir.path().join("profile-control"),
    );
    assert!(
        lines.iter().any(|l| l.contains("control-error")),
        "console lines are not captured: {lines:?}"
    );

    let site = dir.path().join("site");
    let (code, _, err) = output3(
        dyno(dir.path())
            .arg("report")
            .arg(fixtures().join("results/v1-export.json"))
            .arg("--out")
            .arg(&site),
    );
    assert_eq!(code, 0, "{err}");
    let shot = dir.path().join("report.png");
    let lines = open(
        &browser,
        &site.join("index.html"),
        &shot,
        &dir.path().join("profile"),
    );
    assert!(lines.is_empty(), "console output: {lines:?}");
    let png = std::fs::read(&shot).expect("screenshot written");
    assert_eq!(&png[1..4], b"PNG");
    // Width 1000 from the IHDR chunk, and a page with content (not a blank image).
    assert_eq!(
        u32::from_be_bytes([png[16], png[17], png[18], png[19]]),
        1000
    );
    assert!(png.len() > 20_000, "screenshot is {} bytes", png.len());
}
