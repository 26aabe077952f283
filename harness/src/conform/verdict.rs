//! Verdicts and how a host's raw outcome becomes one.
//!
//! The rules are INTERPRETING.md's: a negative test must throw an error of the named
//! type in the named phase (a wrong type, a wrong phase and no error at all are distinct
//! failures); an async test passes only by printing `Test262:AsyncTestComplete`; a
//! signal or an exit without a reported JS error is a crash, not a failure.

use serde::{Deserialize, Serialize};

use super::test262::meta::Meta;

/// The verdict of one scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Pass,
    Fail,
    FailWrongError,
    FailWrongPhase,
    FailNoError,
    Timeout,
    Crash,
    HarnessError,
    Skip,
    ExpectedFail,
    UnexpectedPass,
}

/// The class of a stored verdict name, as comparisons, history and reports count it:
/// `pass` (pass, unexpected-pass), `skip`, `timeout`, `crash`, or `fail` (every other
/// failure, expected ones included).
pub fn class_of(name: &str) -> &'static str {
    match name {
        "pass" | "unexpected-pass" => "pass",
        "timeout" => "timeout",
        "crash" => "crash",
        "skip" => "skip",
        _ => "fail",
    }
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::FailWrongError => "fail-wrong-error",
            Verdict::FailWrongPhase => "fail-wrong-phase",
            Verdict::FailNoError => "fail-no-error",
            Verdict::Timeout => "timeout",
            Verdict::Crash => "crash",
            Verdict::HarnessError => "harness-error",
            Verdict::Skip => "skip",
            Verdict::ExpectedFail => "expected-fail",
            Verdict::UnexpectedPass => "unexpected-pass",
        }
    }

    /// Every kind of failure (what expectations record).
    pub fn is_failure(self) -> bool {
        !matches!(self, Verdict::Pass | Verdict::Skip | Verdict::ExpectedFail)
    }
}

/// An error a host reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostError {
    /// `parse`, `resolution`, `runtime`, or `harness` (the host itself failed).
    pub phase: String,
    /// Constructor name of the thrown value, if it was an object.
    pub name: Option<String>,
    pub message: String,
}

/// What a host observed running one scenario.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostOutcome {
    pub error: Option<HostError>,
    /// What the test printed (the async protocol goes through here).
    pub stdout: String,
    pub stderr: String,
    pub timed_out: bool,
    /// Set when the process died without reporting (signal, abort, exit without error).
    pub crashed: Option<String>,
    pub duration_ms: f64,
}

/// Longest `detail` kept: some failures quote megabyte strings in their message
/// (property-escape tests), and 17k of them would otherwise hold a gigabyte.
const DETAIL_CHARS: usize = 1000;

/// Classifies `outcome` for a test with `meta`; returns the verdict and why.
pub fn classify(meta: &Meta, outcome: &HostOutcome) -> (Verdict, Option<String>) {
    let (verdict, detail) = classify_full(meta, outcome);
    (verdict, detail.map(|d| shorten(d, DETAIL_CHARS)))
}

/// `text` cut to `max` characters, saying how long it was.
pub fn shorten(text: String, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text,
        Some((cut, _)) => format!("{}… ({} bytes in all)", &text[..cut], text.len()),
    }
}

fn classify_full(meta: &Meta, outcome: &HostOutcome) -> (Verdict, Option<String>) {
    if outcome.timed_out {
        return (
            Verdict::Timeout,
            Some("no result before the timeout".into()),
        );
    }
    if let Some(why) = &outcome.crashed {
        return (Verdict::Crash, Some(why.clone()));
    }
    let describe = |e: &HostError| {
        format!(
            "{} error: {}: {}",
            e.phase,
            e.name.as_deref().unwrap_or("(not an object)"),
            e.message
        )
    };
    if let Some(e) = &outcome.error {
        if e.phase == "harness" {
            return (Verdict::HarnessError, Some(e.message.clone()));
        }
    }
    if let Some(neg) = &meta.negative {
        return match &outcome.error {
            None => (
                Verdict::FailNoError,
                Some(format!(
                    "expected {} {} error, nothing was thrown",
                    neg.phase, neg.error_type
                )),
            ),
            // A host that cannot tell phases reports "unknown"; only the type is checked.
            Some(e) if e.phase != neg.phase && e.phase != "unknown" => (
                Verdict::FailWrongPhase,
                Some(format!(
                    "expected a {} error, got {}",
                    neg.phase,
                    describe(e)
                )),
            ),
            Some(e) if e.name.as_deref() != Some(neg.error_type.as_str()) => (
                Verdict::FailWrongError,
                Some(format!("expected {}, got {}", neg.error_type, describe(e))),
            ),
            Some(_) => (Verdict::Pass, None),
        };
    }
    if let Some(e) = &outcome.error {
        return (Verdict::Fail, Some(describe(e)));
    }
    if meta.flags.is_async {
        for line in outcome.stdout.lines() {
            if line == "Test262:AsyncTestComplete" {
                return (Verdict::Pass, None);
            }
            if let Some(why) = line.strip_prefix("Test262:AsyncTestFailure:") {
                return (Verdict::Fail, Some(why.to_owned()));
            }
        }
        return (
            Verdict::Fail,
            Some("async test did not print Test262:AsyncTestComplete".into()),
        );
    }
    (Verdict::Pass, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conform::test262::meta::parse;

    fn err(phase: &str, name: &str) -> Option<HostError> {
        Some(HostError {
            phase: phase.into(),
            name: Some(name.into()),
            message: "m".into(),
        })
    }

    #[test]
    fn negative_paths() {
        let meta =
            parse("/*---\ndescription: d\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/")
                .unwrap();
        let v = |outcome: HostOutcome| classify(&meta, &outcome).0;
        assert_eq!(
            v(HostOutcome {
                error: err("parse", "SyntaxError"),
                ..Default::default()
            }),
            Verdict::Pass
        );
        assert_eq!(
            v(HostOutcome {
                error: err("runtime", "SyntaxError"),
                ..Default::default()
            }),
            Verdict::FailWrongPhase
        );
        assert_eq!(
            v(HostOutcome {
                error: err("parse", "ReferenceError"),
                ..Default::default()
            }),
            Verdict::FailWrongError
        );
        assert_eq!(v(HostOutcome::default()), Verdict::FailNoError);
        assert_eq!(
            v(HostOutcome {
                timed_out: true,
                ..Default::default()
            }),
            Verdict::Timeout
        );
        assert_eq!(
            v(HostOutcome {
                crashed: Some("SIGSEGV".into()),
                ..Default::default()
            }),
            Verdict::Crash
        );
        assert_eq!(
            v(HostOutcome {
                error: err("harness", "x"),
                ..Default::default()
            }),
            Verdict::HarnessError
        );
    }

    #[test]
    fn long_details_are_cut() {
        assert_eq!(shorten("short".into(), 10), "short");
        let long = shorten("é".repeat(50), 10);
        assert!(long.starts_with("éééééééééé… (100 bytes"), "{long}");
    }

    #[test]
    fn positive_and_async_paths() {
        let plain = parse("/*---\ndescription: d\n---*/").unwrap();
        assert_eq!(classify(&plain, &HostOutcome::default()).0, Verdict::Pass);
        assert_eq!(
            classify(
                &plain,
                &HostOutcome {
                    error: err("runtime", "Test262Error"),
                    ..Default::default()
                }
            )
            .0,
            Verdict::Fail
        );
        let asy = parse("/*---\ndescription: d\nflags: [async]\n---*/").unwrap();
        let out = |s: &str| HostOutcome {
            stdout: s.into(),
            ..Default::default()
        };
        assert_eq!(
            classify(&asy, &out("Test262:AsyncTestComplete\n")).0,
            Verdict::Pass
        );
        assert_eq!(
            classify(&asy, &out("Test262:AsyncTestFailure:Test262Error: x\n")).0,
            Verdict::Fail
        );
        assert_eq!(classify(&asy, &out("")).0, Verdict::Fail);
        // A marker inside a longer line is not the protocol.
        assert_eq!(
            classify(&asy, &out("x Test262:AsyncTestComplete\n")).0,
            Verdict::Fail
        );
    }
}
