//! A long-lived child that answers line-based requests (dynojs `--test262-batch`, a node
//! worker script): the same protections as [`super::run`] (own group, sanitized env,
//! private directory, subreaper cleanup), plus a deadline on every answer. Dropping the
//! worker kills it and everything it started.

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::process::{ChildStdin, ChildStdout, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use super::{pollfd, reaper, signal_group, wait4, ProcSpec};

/// Why a request got no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerError {
    /// No full line before the deadline (the worker is then killed).
    Timeout,
    /// The worker's stdout closed: it exited or crashed; the status if known.
    Exited(String),
}

pub struct Worker {
    pid: i32,
    token: String,
    stdin: Option<ChildStdin>,
    stdout: ChildStdout,
    buffer: Vec<u8>,
    _dir: tempfile::TempDir,
    dead: bool,
    /// How the worker ended, once it has.
    status: Option<String>,
}

impl Worker {
    /// Starts `spec` with piped stdin/stdout (stderr is discarded).
    pub fn spawn(spec: &ProcSpec) -> Result<Worker> {
        let super::LongLived {
            mut child,
            dir,
            token,
        } = super::spawn_long_lived(
            spec,
            "worker",
            Stdio::piped(),
            Stdio::piped(),
            Stdio::null(),
        )?;
        let stdout = child.stdout.take().context("worker stdout")?;
        // SAFETY: fcntl on an fd we own.
        unsafe {
            let fd = stdout.as_raw_fd();
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        Ok(Worker {
            pid: child.id() as i32,
            token,
            stdin: child.stdin.take(),
            stdout,
            buffer: Vec::with_capacity(64 * 1024),
            _dir: dir,
            dead: false,
            status: None,
        })
    }

    /// Sends one line and waits up to `deadline` for one line back.
    pub fn request(&mut self, line: &str, deadline: Duration) -> Result<String, WorkerError> {
        if self.dead {
            return Err(WorkerError::Exited("worker already ended".into()));
        }
        let written = self.stdin.as_mut().map(|s| {
            s.write_all(line.as_bytes())
                .and_then(|()| s.write_all(b"\n"))
                .and_then(|()| s.flush())
        });
        if !matches!(written, Some(Ok(()))) {
            return Err(self.ended());
        }
        let until = Instant::now() + deadline;
        let mut chunk = [0u8; 64 * 1024];
        loop {
            if let Some(pos) = self.buffer.iter().position(|b| *b == b'\n') {
                let rest = self.buffer.split_off(pos + 1);
                let mut answer = std::mem::replace(&mut self.buffer, rest);
                answer.pop();
                return Ok(String::from_utf8_lossy(&answer).into_owned());
            }
            match self.stdout.read(&mut chunk) {
                Ok(0) => return Err(self.ended()),
                Ok(n) => {
                    self.buffer.extend_from_slice(&chunk[..n]);
                    continue;
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return Err(self.ended()),
            }
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                self.kill();
                return Err(WorkerError::Timeout);
            }
            let mut fds = [pollfd(self.stdout.as_raw_fd())];
            // SAFETY: one valid pollfd.
            unsafe {
                libc::poll(
                    fds.as_mut_ptr(),
                    1,
                    left.as_millis().clamp(1, i32::MAX as u128) as i32,
                )
            };
        }
    }

    fn ended(&mut self) -> WorkerError {
        self.kill();
        WorkerError::Exited(self.status.clone().unwrap_or_else(|| "exited".into()))
    }

    /// Kills the worker and its descendants; idempotent.
    pub fn kill(&mut self) {
        if self.dead {
            return;
        }
        self.dead = true;
        self.stdin = None;
        signal_group(self.pid, libc::SIGKILL);
        if let Ok((status, _)) = wait4(self.pid) {
            self.status = Some(match super::decode_status(status) {
                super::Outcome::Signalled { name, .. } => format!("killed by {name}"),
                other => other.to_string(),
            });
        }
        reaper::unregister(self.pid);
        reaper::kill_everything(self.pid, &self.token, Duration::from_secs(5));
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.kill();
    }
}
