//! Finding and killing every descendant of a child, including those that escaped.
//!
//! A child runs in its own process group, so `killpg` reaches what stays in the group.
//! Two kinds of descendant escape it: a process that called `setsid`/`setpgid`, and one
//! whose parent exited (it is re-parented). dyno makes itself a *child subreaper*
//! (PR_SET_CHILD_SUBREAPER), so every orphan of its subtree is re-parented to dyno rather
//! than to init, and stays findable. Each child also carries a per-spawn token in its
//! environment (`DYNO_PROC_TOKEN`), inherited by its descendants, which attributes an
//! adopted orphan to the run it came from when several runs go on at once.
//!
//! Flow at the end of a run: SIGKILL the group → walk the dead child's former subtree
//! through dyno's own children (adopted orphans) → SIGKILL those whose token matches (or
//! that carry no token at all and belong to nobody) and their subtrees → reap them →
//! repeat until none are left (a killed parent re-parents its children to dyno again).

use std::collections::HashSet;
use std::sync::{Mutex, MutexGuard, Once};
use std::time::{Duration, Instant};

/// Environment variable carrying the per-spawn token.
pub const TOKEN_VAR: &str = "DYNO_PROC_TOKEN";

/// Direct children dyno spawned and is waiting for; anything else re-parented to dyno
/// is an orphan from some run. Held across spawn so a fresh child is never mistaken for
/// an orphan before it is registered.
static REGISTRY: Mutex<Vec<i32>> = Mutex::new(Vec::new());

static SUBREAPER: Once = Once::new();

/// Makes this process a child subreaper (idempotent). Failure is not fatal: killing the
/// process group still works, only setsid-escapees could then survive.
pub fn become_subreaper() {
    SUBREAPER.call_once(|| {
        // SAFETY: prctl with PR_SET_CHILD_SUBREAPER takes an integer flag.
        unsafe {
            libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        }
    });
}

pub(crate) fn registry() -> MutexGuard<'static, Vec<i32>> {
    REGISTRY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(crate) fn unregister(pid: i32) {
    registry().retain(|p| *p != pid);
}

/// Children of `pid` as the kernel lists them (all threads).
pub fn children_of(pid: i32) -> Vec<i32> {
    let mut out = Vec::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return out;
    };
    for task in tasks.flatten() {
        let path = task.path().join("children");
        if let Ok(text) = std::fs::read_to_string(path) {
            out.extend(
                text.split_whitespace()
                    .filter_map(|s| s.parse::<i32>().ok()),
            );
        }
    }
    out
}

/// `pid` and all its descendants, parents first.
pub fn subtree(pid: i32) -> Vec<i32> {
    let mut out = vec![pid];
    let mut i = 0;
    while i < out.len() {
        let kids = children_of(out[i]);
        out.extend(kids);
        i += 1;
    }
    out
}

/// The value of the token in a process's environment, if readable.
fn token_of(pid: i32) -> Option<String> {
    let bytes = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
    let prefix = format!("{TOKEN_VAR}=");
    bytes
        .split(|b| *b == 0)
        .filter_map(|entry| std::str::from_utf8(entry).ok())
        .find_map(|entry| entry.strip_prefix(&prefix).map(str::to_owned))
}

/// Whether `pid` is a zombie (exited, not yet reaped).
fn is_zombie(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rfind(')')
                .and_then(|i| s[i + 1..].split_whitespace().next().map(|st| st == "Z"))
        })
        .unwrap_or(false)
}

/// Orphans adopted by dyno that belong to the run with `token`: dyno's children that dyno
/// did not spawn directly and whose environment carries that token or no token at all.
/// Zombies are reaped on the way (their environment is no longer readable).
pub(crate) fn adopted_orphans(token: &str) -> Vec<i32> {
    let me = std::process::id() as i32;
    let registered = registry();
    let mut mine = Vec::new();
    for pid in children_of(me) {
        if registered.contains(&pid) {
            continue;
        }
        if is_zombie(pid) {
            reap_now(pid);
            continue;
        }
        match token_of(pid) {
            Some(t) if t == token => mine.push(pid),
            None => mine.push(pid),
            Some(_) => {} // another run's orphan: that run cleans it up
        }
    }
    mine
}

fn reap_now(pid: i32) {
    let mut status = 0;
    // SAFETY: waitpid on a specific pid with a valid status pointer.
    unsafe {
        libc::waitpid(pid, &mut status, libc::WNOHANG);
    }
}

/// SIGKILLs the process group `pgid`, then every adopted orphan of this run and their
/// subtrees, until none remain or `deadline` passes. Returns how many processes it killed.
pub(crate) fn kill_everything(pgid: i32, token: &str, deadline: Duration) -> usize {
    let start = Instant::now();
    let mut killed: HashSet<i32> = HashSet::new();
    // SAFETY: killpg with a negative-free pgid; errors (ESRCH) are expected and ignored.
    unsafe {
        libc::killpg(pgid, libc::SIGKILL);
    }
    loop {
        let orphans = adopted_orphans(token);
        if orphans.is_empty() {
            break;
        }
        for orphan in orphans {
            // Stop the whole subtree first so nothing forks while we walk it.
            let tree = subtree(orphan);
            for pid in &tree {
                unsafe {
                    libc::kill(*pid, libc::SIGSTOP);
                }
            }
            for pid in subtree(orphan) {
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                }
                killed.insert(pid);
            }
            let mut status = 0;
            // SAFETY: the orphan is our child (re-parented), so a blocking wait is bounded.
            unsafe {
                libc::waitpid(orphan, &mut status, 0);
            }
        }
        if start.elapsed() > deadline {
            break;
        }
    }
    killed.len()
}
