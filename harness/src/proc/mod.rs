//! Process control: every piece of untrusted JS that dyno runs goes through [`run`].
//!
//! One call spawns one child and waits for it:
//!
//! ```text
//!  spawn (own process group, sanitized env, rlimits, private cwd, PDEATHSIG)
//!    │
//!    ▼
//!  poll(pidfd, stdout, stderr; tick) ──► capture output (head+tail, counted)
//!    │   ├─ output past the flood cap ─► kill → OutputLimit
//!    │   ├─ RSS of the subtree past cap ► kill → MemoryLimit
//!    │   └─ wall deadline ─► SIGTERM group, grace, SIGKILL → TimedOut
//!    ▼
//!  pidfd readable → wait4 (exit status + rusage) → kill every descendant left → Outcome
//! ```
//!
//! A failing or hostile script is data (an [`Outcome`]), never an `Err`; `Err` only means
//! dyno itself could not do its job (e.g. it could not create a pipe).

mod capture;
pub mod env;
mod reaper;
mod server;
mod spawn;
mod worker;

pub use worker::{Worker, WorkerError};

use std::ffi::OsString;
use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

pub use capture::{Capture, CaptureRecord};
pub use env::Environment;
pub use reaper::{become_subreaper, subtree, TOKEN_VAR};
pub use server::{usage_of, Server, ServerEnd, Usage, READY_PREFIX};

/// How one child process is started.
#[derive(Debug, Clone)]
pub struct ProcSpec {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    pub env: Environment,
    /// Working directory; `None` gives the child a private temp directory (also its TMPDIR).
    pub cwd: Option<PathBuf>,
    /// Bytes written to the child's stdin, which is then closed. `None`: /dev/null.
    pub stdin: Option<Vec<u8>>,
    pub limits: Limits,
    /// CPUs the child (and everything it starts) may run on; `None`: no pinning.
    pub cpus: Option<Vec<usize>>,
    /// Kill the child if dyno dies (PR_SET_PDEATHSIG). That needs a hook between fork and
    /// exec, which makes std fork the whole dyno process; without it (and without rlimits
    /// or pinning) the child starts through posix_spawn like hyperfine's, ~0.7 ms cheaper
    /// here — what start-up benchmarks want. The group kill and the subreaper still clean
    /// up after a child either way.
    pub death_signal: bool,
}

impl ProcSpec {
    pub fn new(program: impl Into<PathBuf>, args: Vec<OsString>, env: Environment) -> Self {
        ProcSpec {
            program: program.into(),
            args,
            env,
            cwd: None,
            stdin: None,
            limits: Limits::default(),
            cpus: None,
            death_signal: true,
        }
    }

    /// The command line as a shell would need it to reproduce the run.
    pub fn command_line(&self) -> String {
        std::iter::once(self.program.as_os_str())
            .chain(self.args.iter().map(OsString::as_os_str))
            .map(|a| shell_quote(&a.to_string_lossy()))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Quotes one word for a POSIX shell when it needs quoting.
pub fn shell_quote(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if safe {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Resource limits for one child.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Wall-clock limit; then SIGTERM to the group.
    pub wall: Duration,
    /// Time between SIGTERM and SIGKILL.
    pub kill_grace: Duration,
    /// Bytes kept per stream (head + tail); the rest is counted and dropped.
    pub capture_bytes: usize,
    /// Total output (both streams) after which the child is killed as a flood.
    pub output_kill_bytes: Option<u64>,
    /// RLIMIT_CPU in seconds (SIGXCPU past it).
    pub cpu_seconds: Option<u64>,
    /// Cap on the summed RSS of the child and its descendants, enforced by a watchdog.
    pub max_rss_bytes: Option<u64>,
    /// RLIMIT_AS; only for runtimes that tolerate it (V8-based ones do not).
    pub address_space_bytes: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            wall: Duration::from_secs(10),
            // Node flushes and runs exit handlers on SIGTERM well within this.
            kill_grace: Duration::from_millis(500),
            capture_bytes: 64 * 1024,
            // A test or benchmark that prints more than 64 MiB is broken; stop paying for it.
            output_kill_bytes: Some(64 * 1024 * 1024),
            cpu_seconds: None,
            max_rss_bytes: None,
            address_space_bytes: None,
        }
    }
}

/// How a child ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    Exited { code: i32 },
    Signalled { signal: i32, name: String },
    TimedOut,
    OutputLimit,
    MemoryLimit,
    SpawnFailed { error: String },
}

impl Outcome {
    pub fn success(&self) -> bool {
        matches!(self, Outcome::Exited { code: 0 })
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Exited { code } => write!(f, "exited with code {code}"),
            Outcome::Signalled { name, .. } => write!(f, "killed by {name}"),
            Outcome::TimedOut => write!(f, "timed out"),
            Outcome::OutputLimit => write!(f, "output limit exceeded"),
            Outcome::MemoryLimit => write!(f, "memory limit exceeded"),
            Outcome::SpawnFailed { error } => write!(f, "spawn failed: {error}"),
        }
    }
}

/// Everything measured about one child.
#[derive(Debug, Clone)]
pub struct ProcResult {
    pub outcome: Outcome,
    /// Monotonic time from just before spawn to the exit notification.
    pub wall: Duration,
    pub user: Duration,
    pub sys: Duration,
    /// Peak RSS of the child (wait4's ru_maxrss; descendants are not included).
    pub max_rss_bytes: u64,
    /// Peak summed RSS of the subtree seen by the watchdog (0 when it did not run).
    pub watched_rss_bytes: u64,
    pub stdout: Capture,
    pub stderr: Capture,
    /// Descendants still alive after the child ended, which dyno killed.
    pub killed_descendants: usize,
}

/// Interval at which the RSS watchdog samples the subtree (only when a cap is set).
/// 20 ms bounds the overshoot of a fast allocator to a few hundred MB at worst while
/// costing well under 1% of a core.
const WATCH_TICK: Duration = Duration::from_millis(20);

/// Runs one child to completion under `spec`'s limits.
pub fn run(spec: &ProcSpec) -> Result<ProcResult> {
    become_subreaper();
    let private_dir;
    let mut env = spec.env.clone();
    let cwd = match &spec.cwd {
        Some(dir) => dir.clone(),
        None => {
            private_dir = tempfile::Builder::new()
                .prefix("dyno-run-")
                .tempdir()
                .context("creating the child's private temp directory")?;
            env.set("TMPDIR", private_dir.path().to_string_lossy());
            private_dir.path().to_path_buf()
        }
    };
    let token = new_token();
    let lean = lean_spawn(spec);
    let mut cmd = command(spec, &env, &cwd, &token);
    cmd.stdin(if spec.stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());

    let mut start = Instant::now();
    let spawned: std::io::Result<(i32, OwnedFd, OwnedFd, Option<std::process::ChildStdin>)> = {
        let mut registered = reaper::registry();
        let spawned = if lean {
            spawn::posix_spawn(
                &spec.program,
                &spec.args,
                &env,
                &[(TOKEN_VAR, &token)],
                &cwd,
                &mut start,
            )
            .map(|s| (s.pid, s.stdout, s.stderr, None))
        } else {
            cmd.spawn().and_then(|mut child| {
                let pid = child.id() as i32;
                let out = child
                    .stdout
                    .take()
                    .ok_or_else(|| std::io::Error::other("no stdout pipe"))?;
                let err = child
                    .stderr
                    .take()
                    .ok_or_else(|| std::io::Error::other("no stderr pipe"))?;
                // The Child handle is not used to wait (wait4 gives rusage).
                Ok((pid, out.into(), err.into(), child.stdin.take()))
            })
        };
        if let Ok((pid, ..)) = &spawned {
            registered.push(*pid);
        }
        spawned
    };
    let (pid, stdout, stderr, stdin) = match spawned {
        Ok(s) => s,
        Err(e) => {
            return Ok(ProcResult {
                outcome: Outcome::SpawnFailed {
                    error: format!("{}: {e}", spec.program.display()),
                },
                wall: start.elapsed(),
                user: Duration::ZERO,
                sys: Duration::ZERO,
                max_rss_bytes: 0,
                watched_rss_bytes: 0,
                stdout: Capture::new(0),
                stderr: Capture::new(0),
                killed_descendants: 0,
            })
        }
    };
    let guard = ChildGuard { pid, token: &token };

    if let (Some(input), Some(mut stdin)) = (&spec.stdin, stdin) {
        let input = input.clone();
        // A writer thread, so a child that does not read its stdin cannot block dyno.
        std::thread::spawn(move || {
            use std::io::Write;
            let _ = stdin.write_all(&input);
        });
    }

    let pidfd = pidfd_open(pid).context("pidfd_open on the child")?;
    let mut streams = [
        Stream::new(stdout, spec.limits.capture_bytes)?,
        Stream::new(stderr, spec.limits.capture_bytes)?,
    ];
    let deadline = start + spec.limits.wall;
    let mut ending: Option<Ending> = None;
    let mut term_sent_at: Option<Instant> = None;
    let mut watched_rss = 0u64;
    let mut next_watch = start + WATCH_TICK;

    let exited_at = loop {
        let now = Instant::now();
        let mut wake = term_sent_at.map_or(deadline, |t| t + spec.limits.kill_grace);
        if spec.limits.max_rss_bytes.is_some() {
            wake = wake.min(next_watch);
        }
        let timeout_ms = wake
            .saturating_duration_since(now)
            .as_millis()
            .min(i32::MAX as u128) as i32;
        let mut fds = [
            pollfd(pidfd.as_raw_fd()),
            pollfd(streams[0].fd()),
            pollfd(streams[1].fd()),
        ];
        // SAFETY: fds is a valid array of pollfd for its length.
        let n = unsafe {
            libc::poll(
                fds.as_mut_ptr(),
                fds.len() as libc::nfds_t,
                timeout_ms.max(0),
            )
        };
        if n < 0 {
            let err = std::io::Error::last_os_error();
            if err.kind() != std::io::ErrorKind::Interrupted {
                return Err(err).context("poll on the child");
            }
            continue;
        }
        if fds[0].revents != 0 {
            break Instant::now();
        }
        for (i, stream) in streams.iter_mut().enumerate() {
            if fds[i + 1].revents != 0 {
                stream.read_available();
            }
        }
        let now = Instant::now();
        if ending.is_none() {
            let total: u64 = streams.iter().map(|s| s.capture.total_bytes()).sum();
            if spec.limits.output_kill_bytes.is_some_and(|cap| total > cap) {
                ending = Some(Ending::OutputLimit);
                signal_group(pid, libc::SIGKILL);
            } else if now >= deadline {
                ending = Some(Ending::TimedOut);
                signal_group(pid, libc::SIGTERM);
                term_sent_at = Some(now);
            } else if let Some(cap) = spec.limits.max_rss_bytes {
                if now >= next_watch {
                    next_watch = now + WATCH_TICK;
                    let rss = subtree_rss(pid, &token);
                    watched_rss = watched_rss.max(rss);
                    if rss > cap {
                        ending = Some(Ending::MemoryLimit);
                        signal_group(pid, libc::SIGKILL);
                    }
                }
            }
        } else if term_sent_at.is_some_and(|t| now >= t + spec.limits.kill_grace) {
            signal_group(pid, libc::SIGKILL);
            term_sent_at = None;
        }
    };

    let (status, usage) = wait4(pid).context("wait4 on the child")?;
    let wall = exited_at - start;
    reaper::unregister(pid);
    // The child is gone; kill whatever it left behind so pipes close and nothing survives.
    let killed_descendants = reaper::kill_everything(pid, &token, Duration::from_secs(5));
    std::mem::forget(guard);
    for stream in &mut streams {
        stream.drain(Duration::from_millis(200));
    }
    let outcome = match ending {
        Some(Ending::TimedOut) => Outcome::TimedOut,
        Some(Ending::OutputLimit) => Outcome::OutputLimit,
        Some(Ending::MemoryLimit) => Outcome::MemoryLimit,
        None => decode_status(status),
    };
    let [out, err] = streams;
    Ok(ProcResult {
        outcome,
        wall,
        user: timeval(usage.ru_utime),
        sys: timeval(usage.ru_stime),
        // ru_maxrss is in KiB on Linux.
        max_rss_bytes: usage.ru_maxrss.max(0) as u64 * 1024,
        watched_rss_bytes: watched_rss,
        stdout: out.capture,
        stderr: err.capture,
        killed_descendants,
    })
}

/// The `Command` for `spec`: sanitized env plus the spawn token, cwd, own process
/// group, PDEATHSIG and rlimits. Stdio is left to the caller.
/// A long-lived child just started by [`spawn_long_lived`].
pub(crate) struct LongLived {
    pub child: std::process::Child,
    /// Its private directory (TMPDIR, and cwd unless the spec names one); removed on drop.
    pub dir: tempfile::TempDir,
    pub token: String,
}

/// Starts `spec` as a long-lived child (a worker, a server) with dyno's protections: own
/// process group, sanitized env, a private directory, registered with the reaper.
pub(crate) fn spawn_long_lived(
    spec: &ProcSpec,
    what: &str,
    stdin: Stdio,
    stdout: Stdio,
    stderr: Stdio,
) -> Result<LongLived> {
    become_subreaper();
    let dir = tempfile::Builder::new()
        .prefix(&format!("dyno-{what}-"))
        .tempdir()
        .with_context(|| format!("creating a {what} directory"))?;
    let mut env: Environment = spec.env.clone();
    env.set("TMPDIR", dir.path().to_string_lossy());
    let cwd = spec.cwd.clone().unwrap_or_else(|| dir.path().to_path_buf());
    let token = new_token();
    let mut cmd = command(spec, &env, &cwd, &token);
    cmd.stdin(stdin).stdout(stdout).stderr(stderr);
    let mut registered = reaper::registry();
    let child = cmd
        .spawn()
        .with_context(|| format!("starting {what} `{}`", spec.command_line()))?;
    registered.push(child.id() as i32);
    Ok(LongLived { child, dir, token })
}

/// Whether `spec` can start without a pre-exec hook (see [`ProcSpec::death_signal`]).
fn lean_spawn(spec: &ProcSpec) -> bool {
    !spec.death_signal
        && spec.stdin.is_none()
        && spec.cpus.is_none()
        && spec.limits.cpu_seconds.is_none()
        && spec.limits.address_space_bytes.is_none()
}

fn command(spec: &ProcSpec, env: &Environment, cwd: &std::path::Path, token: &str) -> Command {
    let mut cmd = Command::new(&spec.program);
    cmd.args(&spec.args)
        .env_clear()
        .envs(env.iter())
        .env(TOKEN_VAR, token)
        .current_dir(cwd);
    let limits = spec.limits.clone();
    let cpus = spec.cpus.as_deref().map(cpu_set);
    // SAFETY: only async-signal-safe calls (setpgid, prctl, setrlimit, sched_setaffinity)
    // between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            if let Some(set) = &cpus {
                if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), set) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            if libc::setpgid(0, 0) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // If dyno dies, the direct child dies too; the rest is handled by the group.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
            if let Some(secs) = limits.cpu_seconds {
                set_rlimit(libc::RLIMIT_CPU, secs)?;
            }
            if let Some(bytes) = limits.address_space_bytes {
                set_rlimit(libc::RLIMIT_AS, bytes)?;
            }
            Ok(())
        });
    }
    cmd
}

/// A CPU set with `cpus` in it (numbers beyond the set's capacity are ignored).
pub fn cpu_set(cpus: &[usize]) -> libc::cpu_set_t {
    // SAFETY: cpu_set_t is plain data; CPU_SET only writes inside it.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        for &c in cpus {
            if c < 8 * std::mem::size_of::<libc::cpu_set_t>() {
                libc::CPU_SET(c, &mut set);
            }
        }
        set
    }
}

/// Pins the calling thread to `cpus`.
pub fn pin_current_thread(cpus: &[usize]) -> std::io::Result<()> {
    let set = cpu_set(cpus);
    // SAFETY: pid 0 is the calling thread; `set` is a valid cpu_set_t.
    if unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// The CPUs this process may run on, in order.
pub fn allowed_cpus() -> Vec<usize> {
    // SAFETY: sched_getaffinity fills a cpu_set_t we own.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        if libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) != 0 {
            return (0..std::thread::available_parallelism().map_or(1, |n| n.get())).collect();
        }
        (0..8 * std::mem::size_of::<libc::cpu_set_t>())
            .filter(|&c| libc::CPU_ISSET(c, &set))
            .collect()
    }
}

enum Ending {
    TimedOut,
    OutputLimit,
    MemoryLimit,
}

/// Kills the child's group and descendants if `run` unwinds early (an `Err` after spawn).
struct ChildGuard<'a> {
    pid: i32,
    token: &'a str,
}

impl Drop for ChildGuard<'_> {
    fn drop(&mut self) {
        signal_group(self.pid, libc::SIGKILL);
        let _ = wait4(self.pid);
        reaper::unregister(self.pid);
        reaper::kill_everything(self.pid, self.token, Duration::from_secs(5));
    }
}

struct Stream {
    fd: Option<OwnedFd>,
    capture: Capture,
}

impl Stream {
    fn new(fd: OwnedFd, capture_bytes: usize) -> Result<Self> {
        // SAFETY: fcntl on an fd we own.
        unsafe {
            let flags = libc::fcntl(fd.as_raw_fd(), libc::F_GETFL);
            libc::fcntl(fd.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        Ok(Stream {
            fd: Some(fd),
            capture: Capture::new(capture_bytes),
        })
    }

    /// The fd to poll, or -1 (ignored by poll) once the stream hit EOF.
    fn fd(&self) -> RawFd {
        self.fd.as_ref().map_or(-1, |fd| fd.as_raw_fd())
    }

    /// Reads what is available now; closes the stream at EOF or error.
    fn read_available(&mut self) {
        let Some(fd) = &self.fd else { return };
        let mut file =
            std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(fd.as_raw_fd()) });
        let mut buf = [0u8; 64 * 1024];
        loop {
            match file.read(&mut buf) {
                Ok(0) => {
                    self.fd = None;
                    return;
                }
                Ok(n) => self.capture.push(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => {
                    self.fd = None;
                    return;
                }
            }
        }
    }

    /// Reads until EOF or `limit` passes (descendants are dead, so EOF comes quickly).
    fn drain(&mut self, limit: Duration) {
        let until = Instant::now() + limit;
        while self.fd.is_some() {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                self.fd = None;
                return;
            }
            let mut fds = [pollfd(self.fd())];
            unsafe {
                libc::poll(fds.as_mut_ptr(), 1, left.as_millis() as i32);
            }
            self.read_available();
        }
    }
}

fn pollfd(fd: RawFd) -> libc::pollfd {
    libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    }
}

fn pidfd_open(pid: i32) -> std::io::Result<OwnedFd> {
    // SAFETY: the pidfd_open syscall takes a pid and flags and returns a new fd.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: the kernel just gave us this fd.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as RawFd) })
}

fn wait4(pid: i32) -> std::io::Result<(i32, libc::rusage)> {
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            return Ok((status, usage));
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

fn signal_group(pgid: i32, signal: i32) {
    // SAFETY: killpg is safe to call with any pgid; ESRCH is fine.
    unsafe {
        libc::killpg(pgid, signal);
    }
}

fn set_rlimit(resource: libc::__rlimit_resource_t, value: u64) -> std::io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: value,
        rlim_max: value,
    };
    // SAFETY: setrlimit with a valid struct.
    if unsafe { libc::setrlimit(resource, &limit) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

fn decode_status(status: i32) -> Outcome {
    if libc::WIFEXITED(status) {
        Outcome::Exited {
            code: libc::WEXITSTATUS(status),
        }
    } else if libc::WIFSIGNALED(status) {
        let signal = libc::WTERMSIG(status);
        Outcome::Signalled {
            signal,
            name: signal_name(signal),
        }
    } else {
        Outcome::Exited { code: status }
    }
}

/// `SIGKILL`-style name of a signal number.
pub fn signal_name(signal: i32) -> String {
    let name = match signal {
        libc::SIGHUP => "SIGHUP",
        libc::SIGINT => "SIGINT",
        libc::SIGQUIT => "SIGQUIT",
        libc::SIGILL => "SIGILL",
        libc::SIGTRAP => "SIGTRAP",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGPIPE => "SIGPIPE",
        libc::SIGALRM => "SIGALRM",
        libc::SIGTERM => "SIGTERM",
        libc::SIGXCPU => "SIGXCPU",
        libc::SIGXFSZ => "SIGXFSZ",
        _ => return format!("signal {signal}"),
    };
    name.to_owned()
}

fn timeval(tv: libc::timeval) -> Duration {
    Duration::from_secs(tv.tv_sec.max(0) as u64) + Duration::from_micros(tv.tv_usec.max(0) as u64)
}

/// Summed RSS of the child's subtree plus this run's adopted orphans.
fn subtree_rss(pid: i32, token: &str) -> u64 {
    let mut pids = subtree(pid);
    for orphan in reaper::adopted_orphans(token) {
        pids.extend(subtree(orphan));
    }
    // statm's second field is resident pages.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(4096) as u64;
    pids.iter()
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/statm")).ok())
        .filter_map(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map(|pages| pages * page)
        .sum()
}

/// A token unique to this spawn: pid, a counter and the clock.
fn new_token() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{n}-{nanos:x}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("node"), "node");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn status_decoding() {
        assert_eq!(decode_status(3 << 8), Outcome::Exited { code: 3 });
        assert_eq!(
            decode_status(libc::SIGKILL),
            Outcome::Signalled {
                signal: 9,
                name: "SIGKILL".into()
            }
        );
    }

    #[test]
    fn lean_spawn_matches_the_std_path() {
        // The same child through posix_spawn (no death signal) and through std's fork
        // path: same env, cwd, exit status, output, own process group, default SIGPIPE.
        let dir = tempfile::tempdir().unwrap();
        let script =
            "echo \"$DYNO_X\"; pwd; [ \"$(ps -o pgid= $$ | tr -d ' ')\" = $$ ] && echo own-group; \
                      yes | head -c 1 >/dev/null; echo pipe-ok >&2; exit 3";
        for death_signal in [false, true] {
            let mut env = Environment::from_vars(Default::default());
            env.set("PATH", "/usr/bin:/bin");
            env.set("DYNO_X", "x y");
            let mut spec = ProcSpec::new("/bin/sh", vec!["-c".into(), script.into()], env);
            spec.cwd = Some(dir.path().to_path_buf());
            spec.death_signal = death_signal;
            assert_eq!(lean_spawn(&spec), !death_signal);
            let r = run(&spec).unwrap();
            assert_eq!(r.outcome, Outcome::Exited { code: 3 }, "{death_signal}");
            let out = r.stdout.text();
            let lines: Vec<&str> = out.lines().collect();
            assert_eq!(lines[0], "x y");
            assert_eq!(
                std::fs::canonicalize(lines[1]).unwrap(),
                std::fs::canonicalize(dir.path()).unwrap()
            );
            assert_eq!(lines.get(2), Some(&"own-group"), "{out}");
            assert_eq!(r.stderr.text().trim(), "pipe-ok");
        }
        let missing = ProcSpec {
            death_signal: false,
            ..ProcSpec::new(
                "/nonexistent/runtime",
                Vec::new(),
                Environment::from_vars(Default::default()),
            )
        };
        assert!(matches!(
            run(&missing).unwrap().outcome,
            Outcome::SpawnFailed { .. }
        ));
    }
}
