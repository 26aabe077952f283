//! test262 frontmatter: the YAML block between `/*---` and `---*/` (INTERPRETING.md).

use yaml_rust2::Yaml;

/// Where a negative test must fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negative {
    /// `parse`, `resolution` or `runtime`.
    pub phase: String,
    /// The constructor name of the thrown value (`SyntaxError`, `Test262Error`).
    pub error_type: String,
}

/// The flags that change how a test runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    pub only_strict: bool,
    pub no_strict: bool,
    pub module: bool,
    pub raw: bool,
    pub is_async: bool,
    pub can_block_is_true: bool,
    pub can_block_is_false: bool,
    pub non_deterministic: bool,
}

/// One test's metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub description: String,
    pub negative: Option<Negative>,
    pub includes: Vec<String>,
    pub flags: Flags,
    /// Raw flag names, for filters (`flag:module`).
    pub flag_names: Vec<String>,
    pub features: Vec<String>,
    pub locale: Vec<String>,
}

/// Parses the frontmatter of `source`; `Err` names what is wrong.
pub fn parse(source: &str) -> Result<Meta, String> {
    let doc = crate::conform::frontmatter(source, "no frontmatter (/*--- ... ---*/)")?;
    let list = |key: &str| -> Vec<String> {
        match &doc[key] {
            Yaml::Array(items) => items
                .iter()
                .filter_map(|y| y.as_str().map(str::to_owned))
                .collect(),
            Yaml::String(s) => vec![s.clone()],
            _ => Vec::new(),
        }
    };
    let flag_names = list("flags");
    let mut flags = Flags::default();
    for f in &flag_names {
        match f.as_str() {
            "onlyStrict" => flags.only_strict = true,
            "noStrict" => flags.no_strict = true,
            "module" => flags.module = true,
            "raw" => flags.raw = true,
            "async" => flags.is_async = true,
            "CanBlockIsTrue" => flags.can_block_is_true = true,
            "CanBlockIsFalse" => flags.can_block_is_false = true,
            "non-deterministic" => flags.non_deterministic = true,
            _ => {}
        }
    }
    let negative = match &doc["negative"] {
        Yaml::Hash(_) => {
            let n = &doc["negative"];
            Some(Negative {
                phase: n["phase"]
                    .as_str()
                    .ok_or("negative without a phase")?
                    .to_owned(),
                error_type: n["type"]
                    .as_str()
                    .ok_or("negative without a type")?
                    .to_owned(),
            })
        }
        _ => None,
    };
    Ok(Meta {
        description: doc["description"]
            .as_str()
            .unwrap_or_default()
            .trim()
            .to_owned(),
        negative,
        includes: list("includes"),
        flags,
        flag_names,
        features: list("features"),
        locale: list("locale"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_frontmatter() {
        let src = "// Copyright\n/*---\nesid: sec-x\ndescription: >\n  Folded\n  description\nnegative:\n  phase: parse\n  type: SyntaxError\nincludes: [compareArray.js, propertyHelper.js]\nflags: [onlyStrict, async]\nfeatures: [Symbol, BigInt] # comment\n---*/\n$DONOTEVALUATE();\n";
        let m = parse(src).unwrap();
        assert_eq!(m.description, "Folded description");
        assert_eq!(
            m.negative,
            Some(Negative {
                phase: "parse".into(),
                error_type: "SyntaxError".into()
            })
        );
        assert_eq!(m.includes, vec!["compareArray.js", "propertyHelper.js"]);
        assert!(m.flags.only_strict && m.flags.is_async && !m.flags.module);
        assert_eq!(m.features, vec!["Symbol", "BigInt"]);
    }

    #[test]
    fn block_lists_and_missing_keys() {
        let m = parse("/*---\ndescription: x\nflags:\n  - module\n  - raw\n---*/").unwrap();
        assert!(m.flags.module && m.flags.raw);
        assert!(m.includes.is_empty() && m.negative.is_none());
    }

    #[test]
    fn malformed() {
        assert!(parse("no frontmatter here").is_err());
        assert!(parse("/*---\ndescription: x\n").is_err());
        assert!(parse("/*---\nflags: [a\n---*/").is_err());
        assert!(parse("/*---\nnegative:\n  type: SyntaxError\n---*/").is_err());
    }
}
