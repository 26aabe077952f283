//! The dynojs command line: version line, script evaluation, and errors printed
//! as `<Name>: <message>` with exit code 1.

use assert_cmd::Command;
use predicates::prelude::*;

fn dynojs() -> Command {
    Command::cargo_bin("dynojs").unwrap()
}

#[test]
fn version_line_names_the_engine() {
    dynojs().arg("--version").assert().success().stdout(
        predicate::str::is_match(r"^dynojs \d+\.\d+\.\d+ \(quickjs-ng \d+\.\d+\.\d+\)\n$").unwrap(),
    );
}

#[test]
fn evaluates_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.js");
    std::fs::write(
        &file,
        "var x = [1, 2, 3].map(n => n * 2); console.log('got', x.join(','));",
    )
    .unwrap();
    dynojs().arg(&file).assert().success().stdout("got 2,4,6\n");
}

#[test]
fn eval_flag() {
    dynojs()
        .args(["-e", "console.log(6 * 7)"])
        .assert()
        .success()
        .stdout("42\n");
}

#[test]
fn uncaught_error_exits_1_with_name_and_message() {
    dynojs()
        .args(["-e", "throw new RangeError('out of range')"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("RangeError: out of range"));
}

#[test]
fn syntax_error_is_reported() {
    dynojs()
        .args(["-e", "let = ;"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("SyntaxError"));
}

#[test]
fn missing_file_and_bad_flags() {
    dynojs()
        .arg("/no/such/file.js")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "Cannot find module '/no/such/file.js'",
        ));
    dynojs().arg("--nope").assert().code(9);
}
