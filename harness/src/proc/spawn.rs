//! Starting a child through `posix_spawn` (glibc uses `clone(CLONE_VM|CLONE_VFORK)`): no
//! copy of dyno's page tables, which a fork with a pre-exec hook costs (~0.5-1 ms here,
//! as much as a fast runtime's whole start-up). Used when the child needs no hook: no
//! death signal, rlimits or pinning. Same shape as the std path: own process group,
//! cleared environment, working directory, stdin from /dev/null, stdout and stderr piped.

use std::ffi::{CString, OsStr, OsString};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use super::Environment;

/// A started child: its pid and the read ends of its stdout and stderr.
pub struct Spawned {
    pub pid: i32,
    pub stdout: OwnedFd,
    pub stderr: OwnedFd,
}

fn cstring(bytes: &[u8]) -> std::io::Result<CString> {
    CString::new(bytes).map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "NUL byte in an argument or variable",
        )
    })
}

fn pipe() -> std::io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: pipe2 fills two fds we then own.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: both fds are fresh and owned by nobody else.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

fn check(code: libc::c_int) -> std::io::Result<()> {
    if code == 0 {
        Ok(())
    } else {
        Err(std::io::Error::from_raw_os_error(code))
    }
}

/// Spawns `program args...` with exactly `env` plus `extra` variables, in `cwd`. Sets
/// `started` right before the spawn itself, after all preparation (strings, pipes), so a
/// timed run measures the runtime, not dyno's bookkeeping.
pub fn posix_spawn(
    program: &Path,
    args: &[OsString],
    env: &Environment,
    extra: &[(&str, &str)],
    cwd: &Path,
    started: &mut std::time::Instant,
) -> std::io::Result<Spawned> {
    use std::os::fd::AsRawFd;
    let prog = cstring(program.as_os_str().as_bytes())?;
    let argv_c: Vec<CString> = std::iter::once(program.as_os_str())
        .chain(args.iter().map(OsString::as_os_str))
        .map(|a: &OsStr| cstring(a.as_bytes()))
        .collect::<Result<_, _>>()?;
    let envp_c: Vec<CString> = env
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .chain(extra.iter().copied())
        .map(|(k, v)| cstring(format!("{k}={v}").as_bytes()))
        .collect::<Result<_, _>>()?;
    let mut argv: Vec<*mut libc::c_char> = argv_c.iter().map(|c| c.as_ptr() as *mut _).collect();
    argv.push(std::ptr::null_mut());
    let mut envp: Vec<*mut libc::c_char> = envp_c.iter().map(|c| c.as_ptr() as *mut _).collect();
    envp.push(std::ptr::null_mut());
    let dir = cstring(cwd.as_os_str().as_bytes())?;
    let devnull = cstring(b"/dev/null")?;
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;

    // SAFETY: every pointer handed to posix_spawn* lives until the call returns; the
    // attribute and file-action objects are destroyed on every path.
    unsafe {
        let mut actions: libc::posix_spawn_file_actions_t = std::mem::zeroed();
        let mut attr: libc::posix_spawnattr_t = std::mem::zeroed();
        check(libc::posix_spawn_file_actions_init(&mut actions))?;
        if let Err(e) = check(libc::posix_spawnattr_init(&mut attr)) {
            libc::posix_spawn_file_actions_destroy(&mut actions);
            return Err(e);
        }
        let result = (|| -> std::io::Result<libc::pid_t> {
            check(libc::posix_spawn_file_actions_addopen(
                &mut actions,
                0,
                devnull.as_ptr(),
                libc::O_RDONLY,
                0,
            ))?;
            check(libc::posix_spawn_file_actions_adddup2(
                &mut actions,
                out_w.as_raw_fd(),
                1,
            ))?;
            check(libc::posix_spawn_file_actions_adddup2(
                &mut actions,
                err_w.as_raw_fd(),
                2,
            ))?;
            check(libc::posix_spawn_file_actions_addchdir_np(
                &mut actions,
                dir.as_ptr(),
            ))?;
            // Own process group; default signal dispositions (dyno ignores SIGPIPE) and
            // an empty mask, as a freshly started program expects.
            let mut none: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut none);
            let mut defaults: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut defaults);
            libc::sigaddset(&mut defaults, libc::SIGPIPE);
            check(libc::posix_spawnattr_setsigmask(&mut attr, &none))?;
            check(libc::posix_spawnattr_setsigdefault(&mut attr, &defaults))?;
            check(libc::posix_spawnattr_setpgroup(&mut attr, 0))?;
            check(libc::posix_spawnattr_setflags(
                &mut attr,
                (libc::POSIX_SPAWN_SETPGROUP
                    | libc::POSIX_SPAWN_SETSIGMASK
                    | libc::POSIX_SPAWN_SETSIGDEF) as libc::c_short,
            ))?;
            let mut pid: libc::pid_t = 0;
            *started = std::time::Instant::now();
            check(libc::posix_spawn(
                &mut pid,
                prog.as_ptr(),
                &actions,
                &attr,
                argv.as_ptr(),
                envp.as_ptr(),
            ))?;
            Ok(pid)
        })();
        libc::posix_spawn_file_actions_destroy(&mut actions);
        libc::posix_spawnattr_destroy(&mut attr);
        let pid = result?;
        drop(out_w);
        drop(err_w);
        Ok(Spawned {
            pid,
            stdout: out_r,
            stderr: err_r,
        })
    }
}
