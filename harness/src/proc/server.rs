//! A long-lived server child for benchmarks: same protections as [`super::run`] (own
//! group, sanitized env, private directory, subreaper cleanup), optional CPU pinning, its
//! stdout read line by line (for the readiness line), its stderr kept head+tail, and its
//! CPU time and memory read from procfs while it runs. Dropping it kills it and
//! everything it started.

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use super::{reaper, signal_group, wait4, Capture, ProcSpec};

/// The line a benchmark server prints once it listens: `DYNO_READY port=41237`.
pub const READY_PREFIX: &str = "DYNO_READY";

pub struct Server {
    pid: i32,
    token: String,
    lines: Receiver<String>,
    stderr: Arc<Mutex<Capture>>,
    /// Closed when the stderr reader hits EOF (everything the server wrote is captured).
    stderr_done: Receiver<()>,
    stdout_seen: Vec<String>,
    _dir: tempfile::TempDir,
    ended: Option<String>,
    pub started: Instant,
}

/// CPU time and resident memory of a process tree at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Usage {
    /// user + system CPU time of every live process in the tree, seconds.
    pub cpu_seconds: f64,
    /// Sum of resident set sizes, bytes.
    pub rss_bytes: u64,
}

/// How a server ended and what it said.
#[derive(Debug, Clone)]
pub struct ServerEnd {
    /// `None` when dyno stopped it; else how it ended on its own ("exited with code 1").
    pub died: Option<String>,
    pub stderr_tail: String,
}

impl Server {
    /// Starts `spec` (its `cpus` apply) with stdout and stderr read in the background.
    pub fn spawn(spec: &ProcSpec) -> Result<Server> {
        let started = Instant::now();
        let super::LongLived {
            mut child,
            dir,
            token,
        } = super::spawn_long_lived(
            spec,
            "server",
            Stdio::null(),
            Stdio::piped(),
            Stdio::piped(),
        )?;
        let stdout = child.stdout.take().context("server stdout")?;
        let mut stderr_pipe = child.stderr.take().context("server stderr")?;
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(Capture::new(spec.limits.capture_bytes)));
        let sink = stderr.clone();
        let (done_tx, stderr_done) = std::sync::mpsc::channel::<()>();
        std::thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            while let Ok(n) = stderr_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(&buf[..n]);
            }
            drop(done_tx);
        });
        Ok(Server {
            pid: child.id() as i32,
            token,
            lines,
            stderr,
            stderr_done,
            stdout_seen: Vec::new(),
            _dir: dir,
            ended: None,
            started,
        })
    }

    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// Waits for `DYNO_READY port=N` and returns N. An error says why: the server exited
    /// (with its stderr tail), printed no such line in time, or printed a bad one.
    pub fn wait_ready(&mut self, timeout: Duration) -> Result<u16, String> {
        let until = Instant::now() + timeout;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    if let Some(rest) = line.trim().strip_prefix(READY_PREFIX) {
                        return rest
                            .split_whitespace()
                            .find_map(|kv| kv.strip_prefix("port="))
                            .and_then(|p| p.parse::<u16>().ok())
                            .filter(|&p| p != 0)
                            .ok_or_else(|| {
                                format!(
                                    "bad readiness line {line:?}: expected `{READY_PREFIX} port=N`"
                                )
                            });
                    }
                    if self.stdout_seen.len() < 20 {
                        self.stdout_seen.push(line);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!(
                        "no `{READY_PREFIX} port=N` line within {:.0} s{}",
                        timeout.as_secs_f64(),
                        self.said()
                    ))
                }
                Err(RecvTimeoutError::Disconnected) => {
                    // stdout closed: the server is exiting. Let its stderr reader reach EOF
                    // (it races the stdout reader) so the message carries what it said.
                    self.drain_stderr(Instant::now() + Duration::from_millis(500));
                    let status = self
                        .reap_if_exited()
                        .unwrap_or_else(|| "closed stdout".into());
                    return Err(format!(
                        "exited before it was ready ({status}){}",
                        self.said()
                    ));
                }
            }
        }
    }

    /// What the server printed so far, for error messages.
    fn said(&self) -> String {
        let stderr = self.stderr_tail(400);
        let mut out = String::new();
        if !self.stdout_seen.is_empty() {
            out.push_str(&format!("; stdout: {}", self.stdout_seen.join(" | ")));
        }
        if !stderr.trim().is_empty() {
            out.push_str(&format!("; stderr: {}", stderr.trim()));
        }
        out
    }

    /// Waits (until `until` at most) for the stderr reader to reach EOF.
    fn drain_stderr(&self, until: Instant) {
        let left = until.saturating_duration_since(Instant::now());
        let _ = self.stderr_done.recv_timeout(left);
    }

    /// The stderr tail once the server has ended (waits up to 500 ms for it to drain).
    pub fn final_stderr(&self, chars: usize) -> String {
        self.drain_stderr(Instant::now() + Duration::from_millis(500));
        self.stderr_tail(chars)
    }

    pub fn stderr_tail(&self, chars: usize) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .tail_text(chars)
    }

    /// How the server ended if it has exited on its own (reaps it).
    pub fn reap_if_exited(&mut self) -> Option<String> {
        if self.ended.is_none() {
            let mut status = 0;
            // SAFETY: waitpid on our own child; WNOHANG never blocks.
            let r = unsafe { libc::waitpid(self.pid, &mut status, libc::WNOHANG) };
            if r == self.pid {
                reaper::unregister(self.pid);
                self.ended = Some(super::decode_status(status).to_string());
            }
        }
        self.ended.clone()
    }

    /// CPU time and RSS of the server's process tree now (zero once it is gone).
    pub fn usage(&self) -> Usage {
        usage_of(self.pid)
    }

    /// Stops the server (group kill) and reports whether it had died on its own.
    pub fn stop(mut self) -> ServerEnd {
        let died = self.reap_if_exited();
        self.kill();
        self.drain_stderr(Instant::now() + Duration::from_millis(500));
        ServerEnd {
            died,
            stderr_tail: self.stderr_tail(2000),
        }
    }

    fn kill(&mut self) {
        signal_group(self.pid, libc::SIGKILL);
        if self.ended.is_none() {
            let _ = wait4(self.pid);
            reaper::unregister(self.pid);
            self.ended = Some("killed by dyno".into());
        }
        reaper::kill_everything(self.pid, &self.token, Duration::from_secs(5));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// CPU time and RSS of `pid` and its descendants now (procfs; zero for a gone process).
pub fn usage_of(root: i32) -> Usage {
    let tick = ticks_per_second();
    let page = page_size();
    let mut usage = Usage::default();
    for pid in reaper::subtree(root) {
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // Fields after the parenthesised command name: state is field 3, utime 14,
        // stime 15, rss (pages) 24.
        let Some(after) = stat.rfind(')').map(|i| &stat[i + 2..]) else {
            continue;
        };
        let fields: Vec<&str> = after.split_whitespace().collect();
        let num = |i: usize| fields.get(i - 3).and_then(|f| f.parse::<u64>().ok());
        if let (Some(ut), Some(st), Some(rss)) = (num(14), num(15), num(24)) {
            usage.cpu_seconds += (ut + st) as f64 / tick;
            usage.rss_bytes += rss * page;
        }
    }
    usage
}

fn ticks_per_second() -> f64 {
    // SAFETY: sysconf has no preconditions.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 {
        t as f64
    } else {
        100.0
    }
}

fn page_size() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if p > 0 {
        p as u64
    } else {
        4096
    }
}
