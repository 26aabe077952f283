//! Composing a test262 scenario: `"use strict";` (strict scenario) → assert.js → sta.js →
//! doneprintHandle.js (async) → each include in order → the test. Raw tests get nothing.
//! Harness files are read once and shared.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use yaml_rust2::{Yaml, YamlLoader};

use super::meta::Meta;

/// The suite's harness directory, loaded once.
#[derive(Debug, Default)]
pub struct Harness {
    /// Absolute path of harness/ (hosts that evaluate harness files themselves get paths).
    dir: PathBuf,
    files: HashMap<String, Arc<str>>,
    /// harness/features.yml: include file → features it needs.
    include_features: BTreeMap<String, Vec<String>>,
}

impl Harness {
    /// Loads every `*.js` under `dir` and `features.yml` if present.
    pub fn load(dir: &Path) -> Result<Self> {
        let mut files = HashMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d)
                .with_context(|| format!("reading test262 harness directory '{}'", d.display()))?
            {
                let path = entry?.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "js") {
                    let name = path
                        .strip_prefix(dir)
                        .unwrap_or(&path)
                        .to_string_lossy()
                        .into_owned();
                    let text = std::fs::read_to_string(&path)
                        .with_context(|| format!("reading '{}'", path.display()))?;
                    files.insert(name, Arc::from(text));
                }
            }
        }
        for required in ["assert.js", "sta.js"] {
            if !files.contains_key(required) {
                anyhow::bail!(crate::UsageError::new(format!(
                    "'{}' has no {required}; point --test262-dir at a test262 checkout (it has harness/ and test/)",
                    dir.display()
                )));
            }
        }
        let mut include_features = BTreeMap::new();
        if let Ok(text) = std::fs::read_to_string(dir.join("features.yml")) {
            let docs = YamlLoader::load_from_str(&text)
                .map_err(|e| anyhow::anyhow!("harness/features.yml: {e}"))?;
            if let Some(Yaml::Hash(map)) = docs.into_iter().next() {
                for (k, v) in map {
                    if let (Some(k), Yaml::Array(items)) = (k.as_str(), v) {
                        include_features.insert(
                            k.to_owned(),
                            items
                                .iter()
                                .filter_map(|f| f.as_str().map(str::to_owned))
                                .collect(),
                        );
                    }
                }
            }
        }
        Ok(Harness {
            dir: std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()),
            files,
            include_features,
        })
    }

    /// Features a test needs through its includes (so skipping a feature skips them too).
    pub fn features_via_includes<'a>(&'a self, meta: &'a Meta) -> impl Iterator<Item = &'a str> {
        meta.includes
            .iter()
            .filter_map(|inc| self.include_features.get(inc))
            .flatten()
            .map(String::as_str)
    }

    /// The harness files a test gets, in evaluation order (none for raw tests); `Err`
    /// names a missing include.
    pub fn prelude<'a>(&'a self, meta: &'a Meta) -> Result<Vec<&'a str>, String> {
        if meta.flags.raw {
            return Ok(Vec::new());
        }
        let mut names = vec!["assert.js", "sta.js"];
        if meta.flags.is_async {
            names.push("doneprintHandle.js");
        }
        names.extend(meta.includes.iter().map(String::as_str));
        for name in &names {
            if !self.files.contains_key(*name) {
                return Err(format!("include '{name}' is not in harness/"));
            }
        }
        Ok(names)
    }

    /// Absolute path of harness file `name`.
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The composed source of one scenario; `Err` names a missing include.
    pub fn compose(&self, meta: &Meta, test: &str, strict: bool) -> Result<String, String> {
        if meta.flags.raw {
            return Ok(test.to_owned());
        }
        let parts: Vec<&str> = self
            .prelude(meta)?
            .into_iter()
            .map(|name| &*self.files[name])
            .collect();
        let size = parts.iter().map(|p| p.len() + 1).sum::<usize>() + test.len() + 16;
        let mut out = String::with_capacity(size);
        if strict {
            out.push_str("\"use strict\";\n");
        }
        for p in parts {
            out.push_str(p);
            out.push('\n');
        }
        out.push_str(test);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn harness() -> Harness {
        let mut files = HashMap::new();
        for (k, v) in [
            ("assert.js", "A"),
            ("sta.js", "S"),
            ("doneprintHandle.js", "D"),
            ("x.js", "X"),
        ] {
            files.insert(k.to_owned(), Arc::from(v));
        }
        let mut include_features = BTreeMap::new();
        include_features.insert("x.js".to_owned(), vec!["TypedArray".to_owned()]);
        Harness {
            dir: PathBuf::from("/h"),
            files,
            include_features,
        }
    }

    #[test]
    fn order_and_prefix() {
        let h = harness();
        let mut meta = super::super::meta::parse(
            "/*---\ndescription: d\nincludes: [x.js]\nflags: [async]\n---*/",
        )
        .unwrap();
        assert_eq!(
            h.compose(&meta, "T", true).unwrap(),
            "\"use strict\";\nA\nS\nD\nX\nT"
        );
        assert_eq!(h.compose(&meta, "T", false).unwrap(), "A\nS\nD\nX\nT");
        assert_eq!(
            h.features_via_includes(&meta).collect::<Vec<_>>(),
            vec!["TypedArray"]
        );
        assert_eq!(
            h.prelude(&meta).unwrap(),
            vec!["assert.js", "sta.js", "doneprintHandle.js", "x.js"]
        );
        assert_eq!(h.path_of("x.js"), PathBuf::from("/h/x.js"));
        meta.flags.raw = true;
        assert_eq!(h.compose(&meta, "T", false).unwrap(), "T");
        assert!(h.prelude(&meta).unwrap().is_empty());
        meta.flags.raw = false;
        meta.includes.push("missing.js".into());
        assert!(h
            .compose(&meta, "T", false)
            .unwrap_err()
            .contains("missing.js"));
    }
}
