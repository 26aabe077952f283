//! Command-line parsing for `dynojs`, node-like and hand-parsed.

/// What the process was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// `dynojs FILE [args...]`
    Run {
        file: String,
        args: Vec<String>,
    },
    /// `dynojs -e CODE [args...]`
    Eval {
        code: String,
        args: Vec<String>,
    },
    /// `dynojs --test262 FILE [--module] [--strict]`
    Test262 {
        file: String,
        module: bool,
        strict: bool,
    },
    /// `dynojs --test262-batch` (descriptions on stdin, one JSON line per test on stdout)
    Test262Batch,
    Version,
    Help,
}

pub const USAGE: &str = "\
usage: dynojs [options] FILE [args...]
       dynojs -e CODE [args...]
       dynojs --test262 FILE [--module] [--strict]
       dynojs --test262-batch

options:
  -e, --eval CODE   evaluate CODE as a CommonJS script
  -v, --version     print the version of dynojs and of its engine
  -h, --help        print this help

FILE ending in .mjs, or .js under a package.json with \"type\": \"module\", runs as an
ES module; .cjs and other .js files run as CommonJS, as in Node.";

/// Parses arguments (without the program name). `Err` carries the message for stderr.
pub fn parse(args: &[String]) -> Result<Mode, String> {
    let mut iter = args.iter().peekable();
    let Some(first) = iter.next() else {
        return Err(format!("dynojs: no script given\n{USAGE}"));
    };
    match first.as_str() {
        "-v" | "--version" => Ok(Mode::Version),
        "-h" | "--help" => Ok(Mode::Help),
        "-e" | "--eval" => {
            let code = iter
                .next()
                .ok_or_else(|| format!("dynojs: {first} requires an argument"))?;
            Ok(Mode::Eval {
                code: code.clone(),
                args: iter.cloned().collect(),
            })
        }
        "--test262" => {
            let mut file = None;
            let (mut module, mut strict) = (false, false);
            for a in iter {
                match a.as_str() {
                    "--module" => module = true,
                    "--strict" => strict = true,
                    f if !f.starts_with("--") && file.is_none() => file = Some(f.to_owned()),
                    other => {
                        return Err(format!(
                            "dynojs: unexpected argument '{other}' for --test262"
                        ))
                    }
                }
            }
            let file = file.ok_or("dynojs: --test262 requires a FILE")?;
            Ok(Mode::Test262 {
                file,
                module,
                strict,
            })
        }
        "--test262-batch" => Ok(Mode::Test262Batch),
        "--" => {
            let file = iter.next().ok_or("dynojs: no script after --")?;
            Ok(Mode::Run {
                file: file.clone(),
                args: iter.cloned().collect(),
            })
        }
        flag if flag.starts_with('-') && flag.len() > 1 => {
            Err(format!("dynojs: bad option: {flag} (see dynojs --help)"))
        }
        file => Ok(Mode::Run {
            file: file.to_owned(),
            args: iter.cloned().collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Mode, String> {
        parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn modes() {
        assert_eq!(p(&["--version"]), Ok(Mode::Version));
        assert_eq!(
            p(&["a.js", "x", "--y"]),
            Ok(Mode::Run {
                file: "a.js".into(),
                args: vec!["x".into(), "--y".into()]
            })
        );
        assert_eq!(
            p(&["-e", "1", "z"]),
            Ok(Mode::Eval {
                code: "1".into(),
                args: vec!["z".into()]
            })
        );
        assert_eq!(
            p(&["--test262", "t.js", "--strict"]),
            Ok(Mode::Test262 {
                file: "t.js".into(),
                module: false,
                strict: true
            })
        );
        assert_eq!(p(&["--test262-batch"]), Ok(Mode::Test262Batch));
        assert!(p(&[]).is_err());
        assert!(p(&["-e"]).is_err());
        assert!(p(&["--nope"]).is_err());
        assert!(p(&["--test262"]).is_err());
    }
}
