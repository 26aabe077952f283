//! Runtime discovery, selection and management.
//!
//! Discovery looks in three places: `PATH` (node, deno, bun, qjs, llrt), dyno's cache of
//! installed runtimes (`<cache>/runtimes/<name>@<version>/`), and next to the dyno binary
//! or in the workspace's target dir (dynojs). Custom runtimes come from `--runtime
//! NAME=CMD` and `[runtimes.NAME]` in dyno.toml. Each candidate is probed for its version
//! through [`crate::proc`] (sanitized env, timeout), all in parallel.

mod adapter;
mod bun;
mod custom;
mod deno;
mod dynojs;
pub mod install;
mod llrt;
mod node;
mod quickjs;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context, Result};

pub use adapter::{Adapter, Invocation, Probe};
pub use custom::FILE_PLACEHOLDER;

use crate::proc::{self, Environment, Limits, ProcSpec};
use crate::store::RuntimeRecord;
use crate::UsageError;

/// Known kinds, in listing order, with the executable names discovery looks for.
const KINDS: &[(&str, &[&str])] = &[
    ("dynojs", &["dynojs"]),
    ("node", &["node"]),
    ("deno", &["deno"]),
    ("bun", &["bun"]),
    ("quickjs", &["qjs"]),
    ("llrt", &["llrt"]),
];

/// A version probe that takes longer than this is a broken runtime. node 20 answers in
/// ~25 ms here; the margin is for a loaded CI machine.
const PROBE_TIMEOUT: Duration = Duration::from_secs(15);

fn adapter_for(kind: &str) -> Box<dyn Adapter> {
    match kind {
        "dynojs" => Box::new(dynojs::DynojsAdapter),
        "node" => Box::new(node::NodeAdapter),
        "deno" => Box::new(deno::DenoAdapter),
        "bun" => Box::new(bun::BunAdapter),
        "quickjs" => Box::new(quickjs::QuickJsAdapter),
        "llrt" => Box::new(llrt::LlrtAdapter),
        _ => Box::new(custom::CustomAdapter),
    }
}

/// The adapter kind for an executable's file name (`node`, `qjs`, ...), if known.
pub fn kind_of_executable(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?;
    KINDS
        .iter()
        .find(|(_, names)| names.contains(&name))
        .map(|(kind, _)| *kind)
}

/// A runtime ready to run scripts.
pub struct Runtime {
    pub record: RuntimeRecord,
    adapter: Box<dyn Adapter>,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("record", &self.record)
            .finish()
    }
}

impl Runtime {
    pub fn name(&self) -> &str {
        &self.record.name
    }

    /// The process to start for `invocation`, or `None` if this runtime cannot run it.
    pub fn command(&self, invocation: Invocation<'_>) -> Option<(PathBuf, Vec<OsString>)> {
        let args = self.adapter.args(&self.record.args, invocation)?;
        Some((PathBuf::from(&self.record.path), args))
    }

    /// A process spec for `invocation` in `env`.
    pub fn spec(&self, invocation: Invocation<'_>, env: &Environment) -> Option<ProcSpec> {
        let (program, args) = self.command(invocation)?;
        Some(ProcSpec::new(program, args, env.clone()))
    }

    /// Fills `record.sha256` (reads the whole executable).
    pub fn compute_sha256(&mut self) -> Result<()> {
        if self.record.sha256.is_none() {
            self.record.sha256 = Some(sha256_file(Path::new(&self.record.path))?);
        }
        Ok(())
    }
}

/// Hex sha256 of a file.
pub fn sha256_file(path: &Path) -> Result<String> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut file = std::fs::File::open(path)
        .with_context(|| format!("opening '{}' to hash it", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file
            .read(&mut buf)
            .with_context(|| format!("reading '{}'", path.display()))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// A runtime the user described: `NAME=CMD [ARGS...]` or a dyno.toml table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomSpec {
    pub name: String,
    /// Executable as given (a path, or a name looked up on PATH).
    pub program: String,
    /// Arguments: variant flags for a known kind, or a command template.
    pub args: Vec<String>,
    /// Adapter kind; `None` means detect from the executable's name.
    pub kind: Option<String>,
    /// Where it was defined, for error messages (`--runtime`, `dyno.toml [runtimes.x]`).
    pub origin: String,
}

/// What `--runtime` values mean: selections of discovered runtimes and custom additions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuntimeArgs {
    pub select: Vec<String>,
    pub custom: Vec<CustomSpec>,
}

/// Splits `--runtime` values into selections (`NAME`) and custom runtimes (`NAME=CMD ...`).
pub fn parse_runtime_args(values: &[String]) -> Result<RuntimeArgs> {
    let mut out = RuntimeArgs::default();
    for value in values {
        match value.split_once('=') {
            None => {
                let name = value.trim();
                if name.is_empty() {
                    bail!(UsageError::new(
                        "--runtime needs a name, e.g. --runtime node"
                    ));
                }
                out.select.push(name.to_owned());
            }
            Some((name, command)) => {
                let name = name.trim();
                if name.is_empty() || name.contains(char::is_whitespace) {
                    bail!(UsageError::new(format!(
                        "--runtime '{value}': the name before '=' must be one word, e.g. --runtime node-jitless='node --jitless'"
                    )));
                }
                let words = shell_words::split(command).map_err(|e| {
                    UsageError::new(format!("--runtime '{value}': cannot split the command ({e}); quote it like a shell would"))
                })?;
                let Some((program, args)) = words.split_first() else {
                    bail!(UsageError::new(format!(
                        "--runtime '{value}': no command after '='; give a path, e.g. --runtime {name}=/path/to/binary"
                    )));
                };
                out.custom.push(CustomSpec {
                    name: name.to_owned(),
                    program: program.clone(),
                    args: args.to_vec(),
                    kind: None,
                    origin: format!("--runtime {value}"),
                });
                out.select.push(name.to_owned());
            }
        }
    }
    Ok(out)
}

/// Where discovery looks.
#[derive(Debug, Clone)]
pub struct DiscoverOptions {
    /// The search path (normally `$PATH`).
    pub path: Option<OsString>,
    /// dyno's cache directory (holds `runtimes/`).
    pub cache_dir: PathBuf,
    /// Directories searched for dynojs before PATH.
    pub dynojs_dirs: Vec<PathBuf>,
    /// Custom runtimes to add.
    pub custom: Vec<CustomSpec>,
    /// Environment for the version probes.
    pub env: Environment,
}

impl DiscoverOptions {
    /// Defaults for this process: `$PATH`, the cache dir, and dynojs next to the dyno
    /// executable or in this workspace's target directory.
    pub fn for_this_process(cache_dir: PathBuf, custom: Vec<CustomSpec>, env: Environment) -> Self {
        let mut dynojs_dirs = Vec::new();
        if let Some(dir) = std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
        {
            // Test binaries live in target/<profile>/deps; dynojs is one level up.
            if dir.ends_with("deps") {
                if let Some(up) = dir.parent() {
                    dynojs_dirs.push(up.to_path_buf());
                }
            }
            dynojs_dirs.push(dir);
        }
        let workspace_target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target");
        dynojs_dirs.push(workspace_target.join("release"));
        dynojs_dirs.push(workspace_target.join("debug"));
        DiscoverOptions {
            path: std::env::var_os("PATH"),
            cache_dir,
            dynojs_dirs,
            custom,
            env,
        }
    }
}

/// A candidate before probing.
struct Candidate {
    name: String,
    kind: &'static str,
    path: PathBuf,
    args: Vec<String>,
    source: &'static str,
    /// Set for user-defined runtimes: probe failures are errors, not warnings.
    origin: Option<String>,
}

/// What discovery found, plus problems worth a warning (a broken binary on PATH).
pub struct Discovery {
    pub runtimes: Vec<Runtime>,
    pub warnings: Vec<String>,
}

/// Finds and probes every runtime.
pub fn discover(options: &DiscoverOptions) -> Result<Discovery> {
    let mut candidates: Vec<Candidate> = Vec::new();
    for (kind, names) in KINDS {
        let found = if *kind == "dynojs" {
            options
                .dynojs_dirs
                .iter()
                .map(|d| (d.join("dynojs"), "sibling"))
                .find(|(p, _)| is_executable(p))
                .or_else(|| find_on_path(names, options.path.as_deref()).map(|p| (p, "path")))
        } else {
            find_on_path(names, options.path.as_deref()).map(|p| (p, "path"))
        };
        if let Some((path, source)) = found {
            candidates.push(Candidate {
                name: (*kind).to_owned(),
                kind,
                path: path.canonicalize().unwrap_or(path),
                args: Vec::new(),
                source,
                origin: None,
            });
        }
    }
    for installed in install::installed(&options.cache_dir)? {
        candidates.push(Candidate {
            name: installed.display_name(),
            kind: match installed.name.as_str() {
                "node" => "node",
                "deno" => "deno",
                _ => "bun",
            },
            path: installed.binary,
            args: Vec::new(),
            source: "cache",
            origin: None,
        });
    }
    for spec in &options.custom {
        let path = resolve_program(&spec.program, options.path.as_deref()).ok_or_else(|| {
            UsageError::new(format!(
                "runtime '{}' ({}): '{}' {}; give the path to an executable, e.g. --runtime {}=/usr/local/bin/{0}",
                spec.name,
                spec.origin,
                spec.program,
                if spec.program.contains('/') { "does not exist or is not executable" } else { "is not on PATH" },
                spec.name,
            ))
        })?;
        let kind = match &spec.kind {
            Some(k) => KINDS
                .iter()
                .map(|(k, _)| *k)
                .chain(["custom"])
                .find(|known| known == k)
                .ok_or_else(|| {
                    UsageError::new(format!(
                        "runtime '{}' ({}): unknown kind '{}' (known: dynojs, node, deno, bun, quickjs, llrt, custom)",
                        spec.name, spec.origin, k
                    ))
                })?,
            None => kind_of_executable(&path).unwrap_or("custom"),
        };
        candidates.retain(|c| c.name != spec.name);
        candidates.push(Candidate {
            name: spec.name.clone(),
            kind,
            path,
            args: spec.args.clone(),
            source: "custom",
            origin: Some(spec.origin.clone()),
        });
    }

    let probed: Vec<(Candidate, Result<Probe, String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = candidates
            .into_iter()
            .map(|c| {
                let env = &options.env;
                scope.spawn(move || {
                    let result = probe(&c, env);
                    (c, result)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("probe thread panicked"))
            .collect()
    });

    let mut runtimes = Vec::new();
    let mut warnings = Vec::new();
    for (c, result) in probed {
        let adapter = adapter_for(c.kind);
        match result {
            Ok(p) => runtimes.push(Runtime {
                record: RuntimeRecord {
                    name: c.name,
                    kind: c.kind.to_owned(),
                    version: p.version,
                    engine: p.engine,
                    engine_version: p.engine_version,
                    path: c.path.to_string_lossy().into_owned(),
                    args: c.args,
                    sha256: None,
                    source: c.source.to_owned(),
                    capabilities: adapter.capabilities(),
                },
                adapter,
            }),
            Err(e) => match c.origin {
                Some(origin) => bail!(UsageError::new(format!(
                    "runtime '{}' ({origin}): {e}; check the command works on its own",
                    c.name
                ))),
                None => warnings.push(format!(
                    "skipping {} at '{}': {e}",
                    c.name,
                    c.path.display()
                )),
            },
        }
    }
    Ok(Discovery { runtimes, warnings })
}

fn probe(c: &Candidate, env: &Environment) -> Result<Probe, String> {
    let adapter = adapter_for(c.kind);
    let args = adapter.probe_args(&c.args);
    let mut spec = ProcSpec::new(&c.path, args, env.clone());
    spec.limits = Limits {
        wall: PROBE_TIMEOUT,
        ..Limits::default()
    };
    let shown = spec.command_line();
    let r = proc::run(&spec).map_err(|e| format!("{e:#}"))?;
    let stdout = r.stdout.text();
    // qjs --help exits 1 on some builds but still prints its banner.
    if !r.outcome.success() && c.kind != "quickjs" {
        let stderr = r.stderr.tail_text(200);
        return Err(format!(
            "version probe `{shown}` {}{}",
            r.outcome,
            if stderr.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", stderr.trim())
            }
        ));
    }
    adapter.parse_probe(&stdout).ok_or_else(|| {
        format!(
            "version probe `{shown}` printed nothing dyno understands: {:?}",
            stdout.trim()
        )
    })
}

/// Looks `program` up: a path with a slash is taken as is, a bare name on `path`.
pub fn resolve_program(program: &str, path: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    if program.contains('/') {
        let p = PathBuf::from(program);
        return is_executable(&p).then_some(p);
    }
    find_on_path(&[program], path)
}

fn find_on_path(names: &[&str], path: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    let path = path?;
    std::env::split_paths(path)
        .find_map(|dir| names.iter().map(|n| dir.join(n)).find(|p| is_executable(p)))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Keeps the runtimes named in `select` (all when empty), in the order given. A bare
/// name with no runtime of exactly that name (`deno`, when only `deno@2.9.6` is installed)
/// picks the newest installed `name@version`.
pub fn select(runtimes: Vec<Runtime>, select: &[String]) -> Result<Vec<Runtime>> {
    if select.is_empty() {
        return Ok(runtimes);
    }
    let known: Vec<String> = runtimes.iter().map(|r| r.record.name.clone()).collect();
    let mut chosen = Vec::with_capacity(select.len());
    for name in select {
        let Some(resolved) = resolve_name(&known, name) else {
            let hint = crate::config::nearest(name, known.iter().map(String::as_str))
                .map(|n| format!("did you mean '{n}'? "))
                .unwrap_or_default();
            bail!(UsageError::new(format!(
                "unknown runtime '{name}' (known: {}); {hint}add one with --runtime {name}=/path/to/binary",
                if known.is_empty() { "none found".to_owned() } else { known.join(", ") }
            )));
        };
        chosen.push(resolved.to_owned());
    }
    let mut pool: Vec<Option<Runtime>> = runtimes.into_iter().map(Some).collect();
    let mut out = Vec::new();
    for name in &chosen {
        if let Some(slot) = pool
            .iter_mut()
            .find(|r| r.as_ref().is_some_and(|r| &r.record.name == name))
        {
            out.extend(slot.take());
        }
    }
    Ok(out)
}

/// `name` itself if known, else the newest known `name@version`; `name@22` or
/// `name@22.1` picks the newest install whose version starts with those components.
fn resolve_name<'a>(known: &'a [String], name: &str) -> Option<&'a str> {
    if let Some(exact) = known.iter().find(|k| *k == name) {
        return Some(exact);
    }
    let (base, prefix) = match name.split_once('@') {
        Some((b, p)) => (b, Some(p)),
        None => (name, None),
    };
    let version_key = |v: &str| -> Vec<u64> {
        v.split(['.', '-', '+'])
            .map(|p| p.parse().unwrap_or(0))
            .collect()
    };
    known
        .iter()
        .filter_map(|k| Some((k, k.strip_prefix(base)?.strip_prefix('@')?)))
        .filter(|(_, v)| {
            prefix.is_none_or(|p| v.strip_prefix(p).is_some_and(|rest| rest.starts_with('.')))
        })
        .max_by_key(|(_, v)| version_key(v))
        .map(|(k, _)| k.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_names_pick_the_newest_install() {
        let known: Vec<String> = ["node", "deno@2.9.6", "deno@2.10.1", "bun@1.4.5"]
            .map(String::from)
            .to_vec();
        assert_eq!(resolve_name(&known, "node"), Some("node"));
        assert_eq!(resolve_name(&known, "deno@2"), Some("deno@2.10.1"));
        assert_eq!(resolve_name(&known, "deno@2.9"), Some("deno@2.9.6"));
        assert_eq!(resolve_name(&known, "deno@2.1"), None, "2.1 is not 2.10");
        assert_eq!(resolve_name(&known, "bun@2"), None);
        assert_eq!(resolve_name(&known, "deno"), Some("deno@2.10.1"));
        assert_eq!(resolve_name(&known, "bun"), Some("bun@1.4.5"));
        assert_eq!(resolve_name(&known, "deno@2.9.6"), Some("deno@2.9.6"));
        assert_eq!(resolve_name(&known, "deno@3"), None);
        assert_eq!(resolve_name(&known, "qjs"), None);
    }

    #[test]
    fn runtime_args() {
        let a = parse_runtime_args(&[
            "node".into(),
            "node-jitless=node --jitless".into(),
            "x='/opt/my runtime/x' --flag {file}".into(),
        ])
        .unwrap();
        assert_eq!(a.select, vec!["node", "node-jitless", "x"]);
        assert_eq!(a.custom[0].program, "node");
        assert_eq!(a.custom[0].args, vec!["--jitless"]);
        assert_eq!(a.custom[1].program, "/opt/my runtime/x");
        assert_eq!(a.custom[1].args, vec!["--flag", "{file}"]);
        for bad in ["=x", "a b=x", "x=", "x='unclosed"] {
            assert!(parse_runtime_args(&[bad.into()]).is_err(), "{bad}");
        }
    }

    #[test]
    fn kinds_from_names() {
        assert_eq!(kind_of_executable(Path::new("/usr/bin/node")), Some("node"));
        assert_eq!(kind_of_executable(Path::new("/x/qjs")), Some("quickjs"));
        assert_eq!(kind_of_executable(Path::new("/x/whatever")), None);
    }
}
