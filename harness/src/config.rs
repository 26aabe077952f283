//! `dyno.toml`: parsed strictly (an unknown key is an error naming its path and the
//! nearest valid key), then merged with the command line into a validated [`Config`].
//! Command-line flags win over the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Deserialize;

use crate::proc::Environment;
use crate::runtimes::{self, CustomSpec};
use crate::UsageError;

/// The file's shape. Later issues add sections here.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    #[serde(default)]
    pub run: RunSection,
    /// Custom runtimes by name.
    #[serde(default)]
    pub runtimes: BTreeMap<String, RuntimeTable>,
    #[serde(default)]
    pub environment: EnvironmentSection,
    #[serde(default)]
    pub compare: CompareSection,
    #[serde(default)]
    pub test262: Test262Section,
    #[serde(default)]
    pub bench: BenchSection,
}

/// `[test262]`: the conformance suite in `dyno run`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Test262Section {
    /// Root of a test262 checkout (else `TEST262_DIR`).
    pub dir: Option<PathBuf>,
    /// `--filter` expression.
    pub filter: Option<String>,
    /// Features whose tests are skipped.
    #[serde(default)]
    pub skip_features: Vec<String>,
    /// Per-scenario timeout, seconds.
    pub timeout_s: Option<f64>,
    /// Parallel workers.
    pub jobs: Option<usize>,
    /// A directory of `<runtime>.toml` expectations.
    pub expectations: Option<PathBuf>,
}

/// `[bench]`: benchmark parameters of `dyno run`, named as `dyno bench`'s flags.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenchSection {
    /// Only benchmarks whose id contains one of these.
    #[serde(default)]
    pub only: Vec<String>,
    pub warmup_runs: Option<u32>,
    pub runs: Option<u32>,
    pub min_runs: Option<u32>,
    pub max_runs: Option<u32>,
    pub ci_target: Option<f64>,
    #[serde(default)]
    pub connections: Vec<usize>,
    /// `"2s"`, `"500ms"`.
    pub duration: Option<String>,
    pub warmup: Option<String>,
    pub repeat: Option<u32>,
    pub rate: Option<f64>,
    /// `"0"`, `"0-1"`.
    pub server_cpus: Option<String>,
    pub client_cpus: Option<String>,
}

/// `[compare]`: how `dyno compare` and history judge changes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareSection {
    /// Smallest relative change that counts, as a fraction (0.05) or a string ("5%").
    pub threshold: Option<Threshold>,
    /// Significance level of the U test.
    pub alpha: Option<f64>,
    /// Per-benchmark thresholds: glob over benchmark ids → threshold.
    #[serde(default)]
    pub thresholds: BTreeMap<String, Threshold>,
}

/// A threshold written as a number (0.05) or a percentage string ("5%").
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Threshold {
    Fraction(f64),
    Text(String),
}

impl Threshold {
    fn value(&self, key: &str, origin: &str) -> Result<f64> {
        let parsed = match self {
            Threshold::Fraction(f) => crate::compare::parse_threshold(&f.to_string()),
            Threshold::Text(t) => crate::compare::parse_threshold(t),
        };
        parsed.map_err(|e| UsageError::new(format!("{origin}: {key}: {e}")).into())
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunSection {
    /// Runtimes to select (names as `dyno runtimes` lists them); empty = all.
    #[serde(default)]
    pub runtimes: Vec<String>,
    /// Output directory of `dyno run`.
    pub out: Option<PathBuf>,
    /// Runtimes to install from the npm registry before discovery (`node@22`, `bun@1.4.5`).
    #[serde(default)]
    pub install: Vec<String>,
    /// Suites: `compat`, `test262` (default both; test262 when a checkout is configured).
    pub suites: Option<Vec<String>>,
    /// Benchmark kinds: `startup`, `loop`, `http` (default all; `[]` for none).
    pub benchmarks: Option<Vec<String>>,
    /// History database every finished, unsharded run is imported into.
    pub history: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuntimeTable {
    /// Executable and arguments; `{file}` is replaced by the script.
    pub command: Vec<String>,
    /// Adapter kind (node, deno, bun, quickjs, llrt, dynojs, custom); detected from the
    /// executable's name when absent.
    pub kind: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentSection {
    /// Extra variables copied from dyno's environment into every child.
    #[serde(default)]
    pub pass: Vec<String>,
    /// Variables set for every child.
    #[serde(default)]
    pub set: BTreeMap<String, String>,
}

/// Reads and validates a dyno.toml.
pub fn load_file(path: &Path) -> Result<FileConfig> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        UsageError::new(format!(
            "cannot read config '{}': {e}; pass an existing file with --config",
            path.display()
        ))
    })?;
    parse(&text).map_err(|msg| UsageError::new(format!("{}: {msg}", path.display())).into())
}

/// Parses config text; the error is one line with the key's path and a suggestion.
pub fn parse(text: &str) -> Result<FileConfig, String> {
    let de = toml::Deserializer::new(text);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.inner();
        let line = inner
            .span()
            .map(|s| {
                format!(
                    "line {}: ",
                    text[..s.start.min(text.len())].lines().count().max(1)
                )
            })
            .unwrap_or_default();
        let message = inner.message().trim().to_owned();
        if let Some(unknown) = message
            .strip_prefix("unknown field `")
            .and_then(|m| m.split('`').next())
        {
            let valid = expected_names(&message);
            let full = if path.is_empty() || path == "." {
                unknown.to_owned()
            } else if path.ends_with(unknown) {
                path.clone()
            } else {
                format!("{path}.{unknown}")
            };
            let hint = nearest(unknown, valid.iter().map(String::as_str))
                .map(|n| format!("did you mean '{n}'? "))
                .unwrap_or_default();
            return format!(
                "{line}unknown key '{full}'; {hint}(valid here: {})",
                valid.join(", ")
            );
        }
        let at = if path.is_empty() || path == "." {
            String::new()
        } else {
            format!("at '{path}': ")
        };
        format!("{line}{at}{message}")
    })
}

/// The backticked names after "expected" in a serde unknown-field message.
fn expected_names(message: &str) -> Vec<String> {
    let Some((_, tail)) = message.split_once("expected") else {
        return Vec::new();
    };
    tail.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The candidate closest to `word`, if it is close enough to be a typo: at most one edit
/// (insert, delete, substitute or swap two neighbours) for words up to 4 characters, two
/// for longer ones — `rnu` → `run`, `comand` → `command`, `runtiems` → `runtimes`, while
/// unrelated words get no suggestion. Ties go to the higher Jaro-Winkler similarity.
pub fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let budget = if word.chars().count() <= 4 { 1 } else { 2 };
    candidates
        .map(|c| {
            (
                strsim::damerau_levenshtein(word, c),
                strsim::jaro_winkler(word, c),
                c,
            )
        })
        .filter(|(distance, _, _)| *distance <= budget)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map(|(_, _, c)| c)
}

/// Settings for one invocation, from the file and the command line.
#[derive(Debug, Clone)]
pub struct Config {
    /// Runtime names to select; empty = all discovered.
    pub select: Vec<String>,
    /// Custom runtimes (file first, then command line, which wins on a name clash).
    pub custom: Vec<CustomSpec>,
    /// The environment every child runs in.
    pub env: Environment,
    /// `dyno run` output directory, if set.
    pub run_out: Option<PathBuf>,
    /// dyno's cache.
    pub cache_dir: PathBuf,
    /// How comparisons judge changes (`[compare]`).
    pub compare: crate::compare::Settings,
    /// What `dyno run` does, from the file (flags are applied by the job).
    pub run: RunConfig,
}

/// `dyno run`'s settings from the file; relative paths are resolved against the
/// file's directory, like Cargo.toml's.
#[derive(Debug, Clone)]
pub struct RunConfig {
    pub install: Vec<String>,
    pub suites: Option<Vec<String>>,
    pub benchmarks: Option<Vec<String>>,
    pub history: Option<PathBuf>,
    pub test262: Test262Section,
    /// The benchmark settings: `dyno run`'s quick defaults with `[bench]` applied.
    pub bench: crate::cli::BenchArgs,
}

impl Config {
    /// Builds the config from an optional file and the `--runtime` values.
    pub fn build(config_path: Option<&Path>, runtime_values: &[String]) -> Result<Self> {
        let file = match config_path {
            Some(p) => load_file(p)?,
            None => FileConfig::default(),
        };
        let origin =
            config_path.map_or_else(|| "dyno.toml".to_owned(), |p| p.display().to_string());
        let mut custom = Vec::new();
        for (name, table) in &file.runtimes {
            let Some((program, args)) = table.command.split_first() else {
                return Err(UsageError::new(format!(
                    "{origin}: [runtimes.{name}] command is empty; give the executable first, e.g. command = [\"/opt/x/bin/x\", \"{{file}}\"]"
                ))
                .into());
            };
            custom.push(CustomSpec {
                name: name.clone(),
                program: program.clone(),
                args: args.to_vec(),
                kind: table.kind.clone(),
                origin: format!("{origin} [runtimes.{name}]"),
            });
        }
        let cli = runtimes::parse_runtime_args(runtime_values)?;
        for spec in cli.custom {
            custom.retain(|c| c.name != spec.name);
            custom.push(spec);
        }
        let select = if cli.select.is_empty() {
            file.run.runtimes.clone()
        } else {
            cli.select
        };
        let env = Environment::sanitized(&file.environment.pass, &file.environment.set);
        let mut compare = crate::compare::Settings::default();
        if let Some(t) = &file.compare.threshold {
            compare.threshold = t.value("compare.threshold", &origin)?;
        }
        if let Some(a) = file.compare.alpha {
            if !(a > 0.0 && a < 1.0) {
                return Err(UsageError::new(format!(
                    "{origin}: compare.alpha = {a}: a significance level is between 0 and 1, e.g. 0.05"
                ))
                .into());
            }
            compare.alpha = a;
        }
        for (pattern, t) in &file.compare.thresholds {
            let key = format!("compare.thresholds.\"{pattern}\"");
            compare
                .overrides
                .push((pattern.clone(), t.value(&key, &origin)?));
        }
        let base = config_path
            .and_then(Path::parent)
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf);
        let resolve = |p: PathBuf| match &base {
            Some(b) if p.is_relative() => b.join(p),
            _ => p,
        };
        let mut test262 = file.test262.clone();
        test262.dir = test262.dir.map(resolve);
        test262.expectations = test262.expectations.map(resolve);
        if let Some(t) = test262.timeout_s {
            if !(t > 0.0 && t.is_finite()) {
                return Err(UsageError::new(format!(
                    "{origin}: test262.timeout_s = {t}: give a positive number of seconds"
                ))
                .into());
            }
        }
        for (key, list, known) in [
            ("run.suites", &file.run.suites, &["compat", "test262"][..]),
            (
                "run.benchmarks",
                &file.run.benchmarks,
                &["startup", "loop", "http"][..],
            ),
        ] {
            for item in list.iter().flatten() {
                if !known.contains(&item.as_str()) {
                    let hint = nearest(item, known.iter().copied())
                        .map(|n| format!("did you mean '{n}'? "))
                        .unwrap_or_default();
                    return Err(UsageError::new(format!(
                        "{origin}: {key}: unknown '{item}'; {hint}(valid: {})",
                        known.join(", ")
                    ))
                    .into());
                }
            }
        }
        let run = RunConfig {
            install: file.run.install.clone(),
            suites: file.run.suites.clone(),
            benchmarks: file.run.benchmarks.clone(),
            history: file.run.history.clone().map(resolve),
            test262,
            bench: bench_args(&file.bench, &origin)?,
        };
        Ok(Config {
            compare,
            select,
            custom,
            env,
            run_out: file.run.out.map(resolve),
            cache_dir: runtimes::install::cache_dir(),
            run,
        })
    }
}

/// `dyno run`'s benchmark settings: the quick defaults with `[bench]` applied.
fn bench_args(b: &BenchSection, origin: &str) -> Result<crate::cli::BenchArgs> {
    let usage = |key: &str, e: String| -> anyhow::Error {
        UsageError::new(format!("{origin}: bench.{key}: {e}")).into()
    };
    let mut a = crate::bench::quick_args();
    a.only = b.only.clone();
    a.warmup_runs = b.warmup_runs.unwrap_or(a.warmup_runs);
    a.runs = b.runs.or(a.runs);
    a.min_runs = b.min_runs.unwrap_or(a.min_runs);
    a.max_runs = b.max_runs.unwrap_or(a.max_runs);
    a.ci_target = b.ci_target.unwrap_or(a.ci_target);
    if !b.connections.is_empty() {
        a.connections = b.connections.clone();
    }
    if let Some(d) = &b.duration {
        a.duration = Some(crate::cli::parse_duration(d).map_err(|e| usage("duration", e))?);
    }
    if let Some(d) = &b.warmup {
        a.warmup = Some(crate::cli::parse_duration(d).map_err(|e| usage("warmup", e))?);
    }
    a.repeat = b.repeat.or(a.repeat);
    a.rate = b.rate.or(a.rate);
    if let Some(c) = &b.server_cpus {
        a.server_cpus = Some(crate::cli::parse_cpus(c).map_err(|e| usage("server_cpus", e))?);
    }
    if let Some(c) = &b.client_cpus {
        a.client_cpus = Some(crate::cli::parse_cpus(c).map_err(|e| usage("client_cpus", e))?);
    }
    crate::bench::check_args(&a)
        .map_err(|e| UsageError::new(format!("{origin}: [bench]: {e:#}")))?;
    Ok(a)
}

/// `--config FILE`, else `./dyno.toml` when it exists (like cargo's Cargo.toml).
pub fn default_path(explicit: Option<&Path>) -> Result<Option<PathBuf>> {
    if let Some(p) = explicit {
        if !p.exists() {
            return Err(UsageError::new(format!(
                "config file '{}' does not exist; check the --config path",
                p.display()
            ))
            .into());
        }
        return Ok(Some(p.to_path_buf()));
    }
    let local = PathBuf::from("dyno.toml");
    Ok(local.exists().then_some(local))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_file() {
        let c = parse(
            r#"
[run]
runtimes = ["node", "dynojs"]
out = "out"

[runtimes.node-jitless]
command = ["node", "--jitless"]

[runtimes.x]
command = ["/opt/x/bin/x", "--flag", "{file}"]
kind = "custom"

[environment]
pass = ["LC_ALL"]
set = { FOO = "bar" }
"#,
        )
        .unwrap();
        assert_eq!(c.run.runtimes, vec!["node", "dynojs"]);
        assert_eq!(c.runtimes["x"].command[2], "{file}");
        assert_eq!(c.environment.set["FOO"], "bar");
    }

    #[test]
    fn unknown_keys_name_path_and_nearest() {
        for (text, want) in [
            (
                "[run]\nruntiems = []\n",
                "unknown key 'run.runtiems'; did you mean 'runtimes'?",
            ),
            (
                "[runtimes.x]\ncomand = [\"x\"]\n",
                "unknown key 'runtimes.x.comand'; did you mean 'command'?",
            ),
            ("[rnu]\n", "unknown key 'rnu'; did you mean 'run'?"),
            (
                "[zzzzzz]\n",
                "unknown key 'zzzzzz'; (valid here: run, runtimes, environment, compare, test262, bench)",
            ),
        ] {
            let err = parse(text).unwrap_err();
            assert!(err.contains(want), "{text:?} gave {err:?}");
            assert!(err.starts_with("line "), "{err}");
            assert!(!err.contains('\n'), "one line: {err:?}");
        }
    }

    #[test]
    fn type_errors_name_the_key() {
        let err = parse("[run]\nruntimes = \"node\"\n").unwrap_err();
        assert!(err.contains("run.runtimes"), "{err}");
        let err = parse("[run\n").unwrap_err();
        assert!(!err.is_empty());
    }

    #[test]
    fn example_config_in_the_repo_is_valid() {
        let text = include_str!("../../dyno.example.toml");
        let c = parse(text).unwrap_or_else(|e| panic!("dyno.example.toml: {e}"));
        assert!(c.runtimes.contains_key("node-jitless"));
    }

    #[test]
    fn run_sections_resolve_paths_and_check_values() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("dyno.toml");
        std::fs::write(
            &file,
            "[run]\nhistory = \"h.db\"\nbenchmarks = [\"startup\"]\n[test262]\ndir = \"t262\"\n[bench]\nruns = 3\nduration = \"1s\"\nconnections = [8, 64]\n",
        )
        .unwrap();
        let c = Config::build(Some(&file), &[]).unwrap();
        assert_eq!(c.run.history, Some(dir.path().join("h.db")));
        assert_eq!(c.run.test262.dir, Some(dir.path().join("t262")));
        assert_eq!(c.run.bench.runs, Some(3));
        assert_eq!(c.run.bench.connections, vec![8, 64]);
        assert_eq!(
            c.run.bench.duration,
            Some(std::time::Duration::from_secs(1))
        );

        for (text, want) in [
            (
                "[run]\nbenchmarks = [\"startpu\"]\n",
                "run.benchmarks: unknown 'startpu'; did you mean 'startup'?",
            ),
            ("[run]\nsuites = [\"wpt\"]\n", "run.suites: unknown 'wpt'"),
            (
                "[bench]\nduration = \"soon\"\n",
                "bench.duration: 'soon' is not a duration",
            ),
            (
                "[bench]\nmin_runs = 50\nmax_runs = 5\n",
                "[bench]: --min-runs 50 is above --max-runs 5",
            ),
            ("[test262]\ntimeout_s = -1\n", "test262.timeout_s = -1"),
            (
                "[bench]\nrnus = 3\n",
                "unknown key 'bench.rnus'; did you mean 'runs'?",
            ),
        ] {
            std::fs::write(&file, text).unwrap();
            let err = format!("{:#}", Config::build(Some(&file), &[]).unwrap_err());
            assert!(err.contains(want), "{text:?}: {err}");
            assert!(!err.contains('\n'), "{err}");
        }
    }

    #[test]
    fn nearest_rejects_unrelated() {
        assert_eq!(
            nearest("nodee", ["node", "deno", "bun"].into_iter()),
            Some("node")
        );
        assert_eq!(nearest("qqq", ["node", "deno"].into_iter()), None);
    }
}
