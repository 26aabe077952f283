//! Compat frontmatter: the YAML block between `/*---` and `---*/`, as in test262, with
//! dyno's own keys. Unknown keys are errors, so a typo (`require:`) never silently drops
//! a requirement.
//!
//! ```text
//! /*---
//! description: setTimeout passes extra arguments to its callback
//! area: timers                     # must be the file's directory under suites/compat
//! requires: [node:fs, fetch]       # node: modules and global names (dotted paths)
//! subjects: [setTimeout]           # what the subtests are about (the mutation check stubs these)
//! timeout: 20                      # seconds, instead of --timeout
//! flags: [non-deterministic]
//! ---*/
//! ```

use yaml_rust2::Yaml;

const KEYS: &[&str] = &[
    "description",
    "area",
    "requires",
    "subjects",
    "timeout",
    "flags",
];

const FLAGS: &[&str] = &["non-deterministic"];

/// One compat case's metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub description: String,
    pub area: String,
    /// Host capabilities the case needs: `node:<module>` or a global's dotted path.
    pub requires: Vec<String>,
    /// Globals (`URL`, `crypto.randomUUID`), modules (`node:path`) or module exports
    /// (`node:fs.readFile`) the subtests exercise.
    pub subjects: Vec<String>,
    /// Seconds; `None`: the run's --timeout.
    pub timeout: Option<f64>,
    pub flags: Vec<String>,
}

/// Parses the frontmatter of `source`; `Err` names what is wrong and how to fix it.
pub fn parse(source: &str) -> Result<Meta, String> {
    let doc = crate::conform::frontmatter(
        source,
        "no frontmatter: start the file with /*--- description: … area: … ---*/",
    )?;
    let Yaml::Hash(map) = &doc else {
        return Err("frontmatter must be a YAML mapping (key: value lines)".into());
    };
    for key in map.keys() {
        let k = key.as_str().unwrap_or("?");
        if !KEYS.contains(&k) {
            return Err(format!(
                "unknown frontmatter key '{k}' (known: {})",
                KEYS.join(", ")
            ));
        }
    }
    let text = |key: &str| -> Result<String, String> {
        match &doc[key] {
            Yaml::String(s) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
            Yaml::BadValue => Err(format!("frontmatter needs '{key}:'")),
            _ => Err(format!("frontmatter '{key}' must be a non-empty string")),
        }
    };
    let list = |key: &str| -> Result<Vec<String>, String> {
        match &doc[key] {
            Yaml::BadValue => Ok(Vec::new()),
            Yaml::Array(items) => items
                .iter()
                .map(|y| {
                    y.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| format!("frontmatter '{key}' must list strings"))
                })
                .collect(),
            _ => Err(format!("frontmatter '{key}' must be a list: [a, b]")),
        }
    };
    let timeout = match &doc["timeout"] {
        Yaml::BadValue => None,
        Yaml::Integer(n) if *n > 0 => Some(*n as f64),
        Yaml::Real(r) => match r.parse::<f64>() {
            Ok(t) if t > 0.0 && t.is_finite() => Some(t),
            _ => return Err("frontmatter 'timeout' must be a positive number of seconds".into()),
        },
        _ => return Err("frontmatter 'timeout' must be a positive number of seconds".into()),
    };
    let flags = list("flags")?;
    if let Some(f) = flags.iter().find(|f| !FLAGS.contains(&f.as_str())) {
        return Err(format!("unknown flag '{f}' (known: {})", FLAGS.join(", ")));
    }
    Ok(Meta {
        description: text("description")?,
        area: text("area")?,
        requires: list("requires")?,
        subjects: list("subjects")?,
        timeout,
        flags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_frontmatter() {
        let m = parse("// x\n/*---\ndescription: >\n  two\n  lines\narea: timers\nrequires: [node:fs, fetch]\nsubjects:\n  - setTimeout\ntimeout: 2.5\nflags: [non-deterministic]\n---*/\ncode();").unwrap();
        assert_eq!(m.description, "two lines");
        assert_eq!(m.area, "timers");
        assert_eq!(m.requires, vec!["node:fs", "fetch"]);
        assert_eq!(m.subjects, vec!["setTimeout"]);
        assert_eq!(m.timeout, Some(2.5));
        assert_eq!(m.flags, vec!["non-deterministic"]);
        let m = parse("/*---\ndescription: d\narea: a\ntimeout: 3\n---*/").unwrap();
        assert_eq!(m.timeout, Some(3.0));
        assert!(m.requires.is_empty());
    }

    #[test]
    fn malformed_frontmatter_names_the_problem() {
        let err = |src: &str| parse(src).unwrap_err();
        assert!(err("code();").contains("no frontmatter"));
        assert!(err("/*---\ndescription: d\n").contains("not closed"));
        assert!(err("/*---\narea: a\n---*/").contains("'description:'"));
        assert!(err("/*---\ndescription: d\narea: a\nrequire: [x]\n---*/").contains("'require'"));
        assert!(err("/*---\ndescription: d\narea: a\nrequires: fetch\n---*/").contains("list"));
        assert!(err("/*---\ndescription: d\narea: a\ntimeout: -1\n---*/").contains("timeout"));
        assert!(err("/*---\ndescription: d\narea: a\nflags: [async]\n---*/").contains("'async'"));
        assert!(err("/*---\n- a\n---*/").contains("mapping"));
        assert!(err("/*---\ndescription: [x\n---*/").contains("YAML"));
    }
}
