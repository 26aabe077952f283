//! The sanitized environment every child runs in.
//!
//! Children never inherit dyno's environment: they get an explicit allow-list (PATH, HOME,
//! LANG, TMPDIR) plus what the run adds. The reason is measurement hygiene: this kind of
//! machine sets NODE_EXTRA_CA_CERTS, which alone triples node's start-up time, and a
//! benchmark must not depend on the caller's shell. What was passed is recorded in the
//! results, with secret-looking values redacted.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Variables taken from dyno's own environment when present.
pub const DEFAULT_ALLOW: &[&str] = &["PATH", "HOME", "LANG"];

/// Substrings that mark a variable name as secret (compared case-insensitively).
const SECRET_MARKERS: &[&str] = &["TOKEN", "SECRET", "KEY", "PASSWORD"];

/// Placeholder recorded instead of a secret value.
pub const REDACTED: &str = "<redacted>";

/// The exact variables a child process sees.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Environment {
    vars: BTreeMap<String, String>,
}

impl Environment {
    /// The allow-list taken from dyno's own environment, plus `pass` (extra names to copy)
    /// and `set` (explicit values, which win).
    pub fn sanitized(pass: &[String], set: &BTreeMap<String, String>) -> Self {
        let mut vars = BTreeMap::new();
        let names = DEFAULT_ALLOW
            .iter()
            .map(|s| s.to_string())
            .chain(pass.iter().cloned());
        for name in names {
            if let Ok(value) = std::env::var(&name) {
                vars.insert(name, value);
            }
        }
        if !vars.contains_key("PATH") {
            vars.insert("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into());
        }
        for (k, v) in set {
            vars.insert(k.clone(), v.clone());
        }
        Environment { vars }
    }

    /// An environment with exactly these variables (tests, custom runs).
    pub fn from_vars(vars: BTreeMap<String, String>) -> Self {
        Environment { vars }
    }

    pub fn set(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.vars.insert(name.into(), value.into());
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.vars.iter()
    }

    /// The variables as they may be written to a results file: secrets redacted.
    pub fn redacted(&self) -> BTreeMap<String, String> {
        self.vars
            .iter()
            .map(|(k, v)| {
                let value = if is_secret(k) {
                    REDACTED.to_owned()
                } else {
                    v.clone()
                };
                (k.clone(), value)
            })
            .collect()
    }
}

/// Whether a variable's name suggests its value must not be recorded.
pub fn is_secret(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    SECRET_MARKERS.iter().any(|m| upper.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for (name, secret) in [
            ("GITHUB_TOKEN", true),
            ("aws_secret_access_key", true),
            ("API_KEY", true),
            ("DB_PASSWORD", true),
            ("KEYBOARD", true), // conservative: over-redaction is harmless
            ("PATH", false),
            ("HOME", false),
            ("LANG", false),
        ] {
            assert_eq!(is_secret(name), secret, "{name}");
        }
    }

    #[test]
    fn set_wins_and_secrets_are_redacted() {
        let mut set = BTreeMap::new();
        set.insert("MY_TOKEN".to_owned(), "hunter2".to_owned());
        set.insert("PATH".to_owned(), "/x".to_owned());
        let env = Environment::sanitized(&[], &set);
        assert_eq!(env.get("PATH"), Some("/x"));
        assert_eq!(env.get("MY_TOKEN"), Some("hunter2"));
        let recorded = env.redacted();
        assert_eq!(recorded["MY_TOKEN"], REDACTED);
        assert_eq!(recorded["PATH"], "/x");
    }

    #[test]
    fn caller_variables_do_not_leak() {
        // NODE_EXTRA_CA_CERTS is set on this kind of machine; it must never pass through.
        let env = Environment::sanitized(&[], &BTreeMap::new());
        assert!(env.get("NODE_EXTRA_CA_CERTS").is_none());
        assert!(env.iter().all(|(k, _)| DEFAULT_ALLOW.contains(&k.as_str())));
    }
}
