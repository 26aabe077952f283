//! Node-style module resolution, shared by `import` (the module loader) and `require`.
//!
//! - `node:x` and bare builtin names resolve to builtins.
//! - Relative and absolute specifiers (and `file://` URLs) resolve to files: `import`
//!   takes the path exactly, as Node's ESM does; `require` also tries `.js`, `.json`,
//!   `.cjs`, `.mjs`, and directories (`package.json` `main`, then `index.js`).
//! - Bare specifiers walk up `node_modules` directories and honour `package.json`
//!   `exports` (strings, subpaths, `*` patterns, conditions `node`/`import`/`require`/
//!   `default` in the package's own key order) and then `main`.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Builtin modules, by their name without `node:`.
pub const BUILTINS: &[&str] = &[
    "assert",
    "async_hooks",
    "assert/strict",
    "buffer",
    "child_process",
    "crypto",
    "events",
    "fs",
    "fs/promises",
    "http",
    "module",
    "net",
    "os",
    "path",
    "process",
    "querystring",
    "stream",
    "stream/promises",
    "stream/web",
    "string_decoder",
    "timers",
    "timers/promises",
    "tty",
    "url",
    "util",
    "zlib",
];

/// Who is asking; decides extension probing and export conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Import,
    Require,
}

/// Where a specifier led.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// `node:events` and friends; the name is without the prefix.
    Builtin(String),
    File(PathBuf),
}

impl Resolved {
    /// The module name the loader uses: `node:events` or the absolute path.
    pub fn key(&self) -> String {
        match self {
            Resolved::Builtin(name) => format!("node:{name}"),
            Resolved::File(path) => path.to_string_lossy().into_owned(),
        }
    }
}

/// A failed resolution, worded the way Node words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveError {
    /// `ERR_MODULE_NOT_FOUND`, `MODULE_NOT_FOUND`, `ERR_UNKNOWN_BUILTIN_MODULE`, ...
    pub code: &'static str,
    pub message: String,
}

/// Resolves `specifier` as seen from the module whose name is `referrer` (a path, or
/// empty for the entry point, which resolves against the working directory).
pub fn resolve(specifier: &str, referrer: &str, kind: Kind) -> Result<Resolved, ResolveError> {
    let not_found = |what: &str, shown: &str| {
        let from = if referrer.is_empty() {
            "the entry point".to_owned()
        } else {
            referrer.to_owned()
        };
        match kind {
            Kind::Import => ResolveError {
                code: "ERR_MODULE_NOT_FOUND",
                message: format!("Cannot find {what} '{shown}' imported from {from}"),
            },
            Kind::Require => ResolveError {
                code: "MODULE_NOT_FOUND",
                message: format!("Cannot find module '{specifier}'\nRequire stack:\n- {from}"),
            },
        }
    };
    if let Some(name) = specifier.strip_prefix("node:") {
        return if BUILTINS.contains(&name) {
            Ok(Resolved::Builtin(name.to_owned()))
        } else {
            Err(ResolveError {
                code: "ERR_UNKNOWN_BUILTIN_MODULE",
                message: format!("No such built-in module: {specifier}"),
            })
        };
    }
    if BUILTINS.contains(&specifier) {
        return Ok(Resolved::Builtin(specifier.to_owned()));
    }
    let base_dir = referrer_dir(referrer);
    let path_like = specifier.strip_prefix("file://").unwrap_or(specifier);
    if path_like.starts_with('/')
        || specifier.starts_with("./")
        || specifier.starts_with("../")
        || specifier == "."
        || specifier == ".."
    {
        let target = normalize(&base_dir.join(path_like));
        let shown = target.to_string_lossy().into_owned();
        let found = match kind {
            Kind::Import => target.is_file().then_some(target),
            Kind::Require => probe_file(&target).or_else(|| probe_dir(&target)),
        };
        return found
            .map(Resolved::File)
            .ok_or_else(|| not_found("module", &shown));
    }
    if specifier.starts_with('#') {
        return resolve_import(specifier, referrer, &base_dir, kind);
    }
    // Bare specifier: package name (with scope) and subpath.
    let (package, subpath) = split_package(specifier);
    let mut dir = Some(base_dir.as_path());
    while let Some(d) = dir {
        let root = d.join("node_modules").join(package);
        if root.is_dir() {
            if let Some(exports) = read_package(&root).and_then(|p| p.get("exports").cloned()) {
                if match_exports(&exports, &subpath, kind).is_none() {
                    return Err(ResolveError {
                        code: "ERR_PACKAGE_PATH_NOT_EXPORTED",
                        message: format!(
                            "Package subpath '{subpath}' is not defined by \"exports\" in {}",
                            root.join("package.json").display()
                        ),
                    });
                }
            }
            return resolve_in_package(&root, &subpath, kind)
                .map(Resolved::File)
                .ok_or_else(|| not_found("module", &root.to_string_lossy()));
        }
        dir = d.parent();
    }
    Err(not_found("package", package))
}

/// `#name` through the `imports` field of the nearest package.json above the referrer: a
/// `./` target is a file in that package, anything else is resolved as a specifier.
fn resolve_import(
    specifier: &str,
    referrer: &str,
    base_dir: &Path,
    kind: Kind,
) -> Result<Resolved, ResolveError> {
    let mut dir = Some(base_dir);
    while let Some(d) = dir {
        if let Some(pkg) = read_package(d) {
            let target = pkg
                .get("imports")
                .and_then(Value::as_object)
                .and_then(|map| match_map(map, specifier, kind));
            return match target {
                Some(t) if t.starts_with("./") => {
                    let path = normalize(&d.join(&t));
                    if path.is_file() {
                        Ok(Resolved::File(path))
                    } else {
                        Err(ResolveError {
                            code: if kind == Kind::Import { "ERR_MODULE_NOT_FOUND" } else { "MODULE_NOT_FOUND" },
                            message: format!("Cannot find module '{}' imported from {referrer}", path.display()),
                        })
                    }
                }
                Some(t) => resolve(&t, referrer, kind),
                None => Err(ResolveError {
                    code: "ERR_PACKAGE_IMPORT_NOT_DEFINED",
                    message: format!(
                        "Package import specifier \"{specifier}\" is not defined in package {} imported from {referrer}",
                        d.join("package.json").display()
                    ),
                }),
            };
        }
        dir = d.parent();
    }
    Err(ResolveError {
        code: "ERR_PACKAGE_IMPORT_NOT_DEFINED",
        message: format!("Package import specifier \"{specifier}\" is not defined (no package.json above {referrer})"),
    })
}

/// Whether `path` is an ES module: `.mjs`, or `.js` under a `"type": "module"` package.
pub fn is_esm(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("mjs") => true,
        Some("js") => package_type(path).as_deref() == Some("module"),
        _ => false,
    }
}

/// The `type` of the nearest package.json above `path`.
fn package_type(path: &Path) -> Option<String> {
    let mut dir = path.parent();
    while let Some(d) = dir {
        let pj = d.join("package.json");
        if let Ok(text) = std::fs::read_to_string(&pj) {
            let v: Value = serde_json::from_str(&text).ok()?;
            return v.get("type").and_then(Value::as_str).map(str::to_owned);
        }
        dir = d.parent();
    }
    None
}

fn referrer_dir(referrer: &str) -> PathBuf {
    if referrer.is_empty() || referrer.starts_with("node:") {
        return std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    }
    let p = Path::new(referrer);
    if p.is_dir() {
        return p.to_path_buf();
    }
    p.parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
}

/// Lexically removes `.` and `..` (no symlink resolution, as Node).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn probe_file(target: &Path) -> Option<PathBuf> {
    if target.is_file() {
        return Some(target.to_path_buf());
    }
    ["js", "json", "cjs", "mjs"].iter().find_map(|ext| {
        let mut name = target.as_os_str().to_os_string();
        name.push(".");
        name.push(ext);
        let p = PathBuf::from(name);
        p.is_file().then_some(p)
    })
}

fn probe_dir(dir: &Path) -> Option<PathBuf> {
    if !dir.is_dir() {
        return None;
    }
    if let Some(main) =
        read_package(dir).and_then(|v| v.get("main").and_then(Value::as_str).map(str::to_owned))
    {
        let target = normalize(&dir.join(main));
        if let Some(found) = probe_file(&target).or_else(|| probe_index(&target)) {
            return Some(found);
        }
    }
    probe_index(dir)
}

fn probe_index(dir: &Path) -> Option<PathBuf> {
    ["index.js", "index.json", "index.cjs", "index.mjs"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}

fn read_package(dir: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(dir.join("package.json")).ok()?).ok()
}

/// `@scope/name/sub/path` → (`@scope/name`, `./sub/path`); `name` → (`name`, `.`).
fn split_package(specifier: &str) -> (&str, String) {
    let mut parts = specifier.splitn(if specifier.starts_with('@') { 3 } else { 2 }, '/');
    let first = parts.next().unwrap_or("");
    let (name_len, rest) = if specifier.starts_with('@') {
        let second = parts.next().unwrap_or("");
        (first.len() + 1 + second.len(), parts.next())
    } else {
        (first.len(), parts.next())
    };
    let name = &specifier[..name_len.min(specifier.len())];
    let subpath = rest.map_or_else(|| ".".to_owned(), |r| format!("./{r}"));
    (name, subpath)
}

fn resolve_in_package(root: &Path, subpath: &str, kind: Kind) -> Option<PathBuf> {
    let pkg = read_package(root);
    if let Some(exports) = pkg.as_ref().and_then(|p| p.get("exports")) {
        let target = match_exports(exports, subpath, kind)?;
        let path = normalize(&root.join(target));
        return path.is_file().then_some(path);
    }
    let target = normalize(&root.join(subpath));
    if subpath == "." {
        return probe_dir(&target);
    }
    probe_file(&target).or_else(|| probe_dir(&target))
}

/// Applies an `exports` field to `subpath`.
fn match_exports(exports: &Value, subpath: &str, kind: Kind) -> Option<String> {
    let is_subpath_map = exports
        .as_object()
        .is_some_and(|o| o.keys().next().is_some_and(|k| k.starts_with('.')));
    if !is_subpath_map {
        return (subpath == ".")
            .then(|| pick_condition(exports, kind))
            .flatten();
    }
    match_map(exports.as_object()?, subpath, kind)
}

/// An `exports` subpath map or an `imports` map applied to `key`: an exact entry, else the
/// longest matching `*` pattern.
fn match_map(map: &serde_json::Map<String, Value>, subpath: &str, kind: Kind) -> Option<String> {
    if let Some(target) = map.get(subpath) {
        return pick_condition(target, kind);
    }
    // Longest matching `*` pattern wins.
    let mut best: Option<(usize, String)> = None;
    for (key, target) in map {
        let Some((prefix, suffix)) = key.split_once('*') else {
            continue;
        };
        if subpath.starts_with(prefix)
            && subpath.ends_with(suffix)
            && subpath.len() >= prefix.len() + suffix.len()
        {
            let star = &subpath[prefix.len()..subpath.len() - suffix.len()];
            if let Some(t) = pick_condition(target, kind) {
                if best.as_ref().is_none_or(|(len, _)| prefix.len() > *len) {
                    best = Some((prefix.len(), t.replace('*', star)));
                }
            }
        }
    }
    best.map(|(_, t)| t)
}

/// Resolves a conditions object (or string, or fallback array) to a target.
fn pick_condition(target: &Value, kind: Kind) -> Option<String> {
    match target {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => items.iter().find_map(|t| pick_condition(t, kind)),
        Value::Object(conditions) => {
            let wanted = match kind {
                Kind::Import => "import",
                Kind::Require => "require",
            };
            conditions
                .iter()
                .filter(|(k, _)| {
                    // `module-sync` is for runtimes that can require() ES modules; this
                    // one cannot, so only import takes it.
                    matches!(k.as_str(), "node" | "default")
                        || *k == wanted
                        || (kind == Kind::Import && k.as_str() == "module-sync")
                })
                .find_map(|(_, v)| pick_condition(v, kind))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// The file a resolution led to, relative to `root`.
    fn relative(root: &Path, r: Result<Resolved, ResolveError>) -> String {
        match r.unwrap() {
            Resolved::File(p) => p.strip_prefix(root).unwrap().to_string_lossy().into_owned(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn builtins() {
        assert_eq!(
            resolve("node:events", "", Kind::Import),
            Ok(Resolved::Builtin("events".into()))
        );
        assert_eq!(
            resolve("util", "", Kind::Require),
            Ok(Resolved::Builtin("util".into()))
        );
        assert_eq!(
            resolve("node:nope", "", Kind::Import).unwrap_err().code,
            "ERR_UNKNOWN_BUILTIN_MODULE"
        );
    }

    #[test]
    fn files_and_packages() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "app/main.js", "");
        write(root, "app/lib.js", "");
        write(root, "app/data.json", "{}");
        write(
            root,
            "node_modules/plain/package.json",
            r#"{"main": "lib/entry"}"#,
        );
        write(root, "node_modules/plain/lib/entry.js", "");
        write(
            root,
            "node_modules/@s/pkg/package.json",
            r#"{"exports": {".": {"import": "./esm.mjs", "require": "./cjs.cjs"}, "./feature/*": "./src/*.js"}}"#,
        );
        write(root, "node_modules/@s/pkg/esm.mjs", "");
        write(root, "node_modules/@s/pkg/cjs.cjs", "");
        write(root, "node_modules/@s/pkg/src/x.js", "");
        let main = root.join("app/main.js");
        let from = main.to_str().unwrap();
        let file = |r| relative(root, r);
        assert_eq!(file(resolve("./lib.js", from, Kind::Import)), "app/lib.js");
        assert_eq!(
            resolve("./lib", from, Kind::Import).unwrap_err().code,
            "ERR_MODULE_NOT_FOUND"
        );
        assert_eq!(file(resolve("./lib", from, Kind::Require)), "app/lib.js");
        assert_eq!(
            file(resolve("./data", from, Kind::Require)),
            "app/data.json"
        );
        assert_eq!(
            file(resolve("plain", from, Kind::Require)),
            "node_modules/plain/lib/entry.js"
        );
        assert_eq!(
            file(resolve("@s/pkg", from, Kind::Import)),
            "node_modules/@s/pkg/esm.mjs"
        );
        assert_eq!(
            file(resolve("@s/pkg", from, Kind::Require)),
            "node_modules/@s/pkg/cjs.cjs"
        );
        assert_eq!(
            file(resolve("@s/pkg/feature/x", from, Kind::Import)),
            "node_modules/@s/pkg/src/x.js"
        );
        assert_eq!(
            resolve("@s/pkg/other", from, Kind::Import)
                .unwrap_err()
                .code,
            "ERR_PACKAGE_PATH_NOT_EXPORTED"
        );
        let e = resolve("missing-pkg", from, Kind::Require).unwrap_err();
        assert_eq!(e.code, "MODULE_NOT_FOUND");
        assert!(e.message.starts_with("Cannot find module 'missing-pkg'"));
    }

    #[test]
    fn module_type() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "m/package.json", r#"{"type": "module"}"#);
        write(dir.path(), "m/a.js", "");
        write(dir.path(), "c/a.js", "");
        assert!(is_esm(&dir.path().join("m/a.js")));
        assert!(!is_esm(&dir.path().join("c/a.js")));
        assert!(is_esm(Path::new("/x/y.mjs")));
        assert!(!is_esm(&dir.path().join("m/b.cjs")));
    }

    #[test]
    fn package_names() {
        assert_eq!(split_package("a"), ("a", ".".to_owned()));
        assert_eq!(split_package("a/b/c"), ("a", "./b/c".to_owned()));
        assert_eq!(split_package("@s/a"), ("@s/a", ".".to_owned()));
        assert_eq!(split_package("@s/a/b"), ("@s/a", "./b".to_owned()));
    }

    #[test]
    fn package_imports() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "pkg/package.json",
            r##"{"imports": {"#internal": {"import": "./esm.mjs", "require": "./cjs.cjs"}, "#util/*": "./util/*.js", "#dep": "dep"}}"##,
        );
        write(root, "pkg/esm.mjs", "");
        write(root, "pkg/cjs.cjs", "");
        write(root, "pkg/util/x.js", "");
        write(root, "pkg/src/main.js", "");
        write(root, "pkg/node_modules/dep/index.js", "");
        let main = root.join("pkg/src/main.js");
        let from = main.to_str().unwrap();
        let file = |r| relative(root, r);
        assert_eq!(
            file(resolve("#internal", from, Kind::Import)),
            "pkg/esm.mjs"
        );
        assert_eq!(
            file(resolve("#internal", from, Kind::Require)),
            "pkg/cjs.cjs"
        );
        assert_eq!(
            file(resolve("#util/x", from, Kind::Import)),
            "pkg/util/x.js"
        );
        assert_eq!(
            file(resolve("#dep", from, Kind::Require)),
            "pkg/node_modules/dep/index.js"
        );
        assert_eq!(
            resolve("#missing", from, Kind::Import).unwrap_err().code,
            "ERR_PACKAGE_IMPORT_NOT_DEFINED"
        );
    }
}
