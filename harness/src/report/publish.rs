//! `dyno report --publish DIR`: the report is written into a fresh directory beside DIR
//! and then swapped into place with one rename, so a reader (a web server, a Pages
//! deploy, a person) sees the old report or the new one, never a half-written mix.
//!
//! On Linux the swap is `renameat2(RENAME_EXCHANGE)`: atomic even when DIR exists. Where
//! that is unavailable, the old directory is renamed aside first and the new one into
//! its place — DIR is absent for an instant, but never partial.
//!
//! The replaced report is kept as `.DIR.previous` until the next publish, not deleted at
//! once: a reader that opened the old directory a moment before the swap goes on
//! reading a complete report instead of one being deleted under it.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::generate;
use crate::store::{history::Db, RunRecord};
use crate::UsageError;

/// Publishes the report of `runs` at `dir`; returns the path of its index.html.
pub fn publish(
    runs: Vec<(PathBuf, RunRecord)>,
    dir: &Path,
    history: Option<&Db>,
    allow_partial: bool,
) -> Result<PathBuf> {
    if let Some(why) = super::partial_reason(runs.iter().map(|(_, r)| r)) {
        if !allow_partial {
            bail!(UsageError::new(format!(
                "not publishing partial results ({why}); finish the run (`dyno run --resume`), merge every shard, or pass --allow-partial to publish it marked as partial"
            )));
        }
    }
    let name = dir
        .file_name()
        .with_context(|| format!("--publish '{}' must name a directory", dir.display()))?
        .to_string_lossy()
        .into_owned();
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).with_context(|| format!("creating '{}'", parent.display()))?;
    // Beside DIR, so the rename stays on one filesystem.
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.publishing-"))
        .tempdir_in(&parent)
        .with_context(|| format!("creating a staging directory in '{}'", parent.display()))?;
    generate(runs, staging.path(), history)?;
    let staged = staging.keep();
    if let Err(e) = swap_into_place(&staged, dir) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e);
    }
    Ok(dir.join("index.html"))
}

/// Moves `staged` to `dir`, replacing what is there atomically where the OS can; the
/// replaced report moves to `.DIR.previous`.
fn swap_into_place(staged: &Path, dir: &Path) -> Result<()> {
    let context = || {
        format!(
            "moving '{}' into place at '{}'",
            staged.display(),
            dir.display()
        )
    };
    if !dir.exists() {
        std::fs::rename(staged, dir).with_context(context)?;
        return sync_parent(dir);
    }
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let previous = dir.with_file_name(format!(".{name}.previous"));
    if previous.exists() {
        std::fs::remove_dir_all(&previous)
            .with_context(|| format!("removing the older report '{}'", previous.display()))?;
    }
    if exchange(staged, dir).is_ok() {
        // `staged` now holds the replaced report.
        std::fs::rename(staged, &previous).with_context(context)?;
        return sync_parent(dir);
    }
    std::fs::rename(dir, &previous).with_context(context)?;
    std::fs::rename(staged, dir).with_context(context)?;
    sync_parent(dir)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that live across the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Makes the rename durable.
fn sync_parent(dir: &Path) -> Result<()> {
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(f) = std::fs::File::open(parent) {
            let _ = f.sync_all();
        }
    }
    Ok(())
}
