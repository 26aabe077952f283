//! I/O completions for the poll phase.
//!
//! Blocking work (file system calls) runs on tokio's blocking pool; each operation gets
//! an id from JS, and its result comes back through a channel as a [`Completion`]. The
//! event loop's poll phase receives completions and hands each to the bootstrap's
//! `dispatchIo`, so every I/O callback runs in the poll phase, never from another path.
//! While an operation is pending it keeps the loop alive (it is ref'ed).

use std::cell::Cell;

use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

/// The result of one operation, as plain data (no JS values cross threads).
#[derive(Debug)]
pub enum Payload {
    Bytes(Vec<u8>),
    Text(String),
    Unit,
    Bool(bool),
    /// Structured results (stat, readdir, fd numbers).
    Json(serde_json::Value),
    /// An HTTP request for a server's handler (not a one-shot operation).
    Request(Box<crate::http::HttpRequest>),
    /// An event of a long-lived handle (socket, server, child): a JSON body and bytes.
    Event(serde_json::Value, Option<Vec<u8>>),
    /// A client's HTTP response (fetch).
    Response(Box<crate::fetch::Incoming>),
}

/// A failed operation, shaped like a Node system error.
#[derive(Debug)]
pub struct IoError {
    pub code: &'static str,
    pub errno: i32,
    pub syscall: &'static str,
    pub path: String,
    /// The second path of two-path calls (rename, copyfile, symlink).
    pub dest: Option<String>,
    pub message: String,
}

impl IoError {
    pub fn from_io(e: &std::io::Error, syscall: &'static str, path: &str) -> Self {
        let errno = e.raw_os_error().unwrap_or(0);
        let code = match errno {
            libc::ENOENT => "ENOENT",
            libc::EACCES => "EACCES",
            libc::EEXIST => "EEXIST",
            libc::EISDIR => "EISDIR",
            libc::ENOTDIR => "ENOTDIR",
            libc::ENOTEMPTY => "ENOTEMPTY",
            libc::EPERM => "EPERM",
            libc::EMFILE => "EMFILE",
            libc::EBADF => "EBADF",
            libc::EINVAL => "EINVAL",
            libc::ELOOP => "ELOOP",
            libc::ENAMETOOLONG => "ENAMETOOLONG",
            libc::EXDEV => "EXDEV",
            libc::ENOSPC => "ENOSPC",
            libc::EROFS => "EROFS",
            libc::EBUSY => "EBUSY",
            libc::EPIPE => "EPIPE",
            _ => "EIO",
        };
        let description = match code {
            "ENOENT" => "no such file or directory",
            "EACCES" => "permission denied",
            "EEXIST" => "file already exists",
            "EISDIR" => "illegal operation on a directory",
            "ENOTDIR" => "not a directory",
            "ENOTEMPTY" => "directory not empty",
            "EPERM" => "operation not permitted",
            "EMFILE" => "too many open files",
            "EBADF" => "bad file descriptor",
            "EINVAL" => "invalid argument",
            "ELOOP" => "too many symbolic links encountered",
            "ENAMETOOLONG" => "name too long",
            "EXDEV" => "cross-device link not permitted",
            "ENOSPC" => "no space left on device",
            "EROFS" => "read-only file system",
            "EBUSY" => "resource busy or locked",
            "EPIPE" => "broken pipe",
            _ => "i/o error",
        };
        IoError {
            code,
            errno: -errno,
            syscall,
            path: path.to_owned(),
            dest: None,
            message: if path.is_empty() {
                format!("{code}: {description}, {syscall}")
            } else {
                format!("{code}: {description}, {syscall} '{path}'")
            },
        }
    }
}

pub struct Completion {
    pub id: f64,
    pub result: Result<Payload, IoError>,
    /// Ends a counted (ref'ed) operation; events of a long-lived handle (a server's
    /// requests) are not counted — the handle holds one ref of its own.
    pub counted: bool,
    /// Ends a task started with [`Io::spawn_task`] (which holds a handle while it runs).
    pub task: bool,
}

/// The channel and the count of pending (ref'ed) operations.
pub struct Io {
    tx: UnboundedSender<Completion>,
    pub rx: std::cell::RefCell<UnboundedReceiver<Completion>>,
    pending: Cell<usize>,
    /// Long-lived handles (listening servers) whose tasks need turns on the runtime.
    handles: Cell<usize>,
    pub handle: tokio::runtime::Handle,
}

impl Io {
    pub fn new(handle: tokio::runtime::Handle) -> Self {
        let (tx, rx) = unbounded_channel();
        Io {
            tx,
            rx: std::cell::RefCell::new(rx),
            pending: Cell::new(0),
            handles: Cell::new(0),
            handle,
        }
    }

    pub fn pending(&self) -> usize {
        self.pending.get()
    }

    /// Runs `work` on the blocking pool; its result is delivered in a later poll phase.
    pub fn spawn_blocking<F>(&self, id: f64, work: F)
    where
        F: FnOnce() -> Result<Payload, IoError> + Send + 'static,
    {
        self.pending.set(self.pending.get() + 1);
        let tx = self.tx.clone();
        self.handle.spawn_blocking(move || {
            let result = work();
            // The receiver lives as long as the loop; a send after exit is moot.
            let _ = tx.send(Completion {
                id,
                result,
                counted: true,
                task: false,
            });
        });
    }

    /// Runs `work` as a task on the loop's runtime (network I/O); it holds the loop like
    /// a handle, so tasks get turns, until its completion is taken or it is aborted.
    pub fn spawn_task<F>(&self, id: f64, work: F) -> tokio::task::AbortHandle
    where
        F: std::future::Future<Output = Result<Payload, IoError>> + Send + 'static,
    {
        self.hold();
        let tx = self.tx.clone();
        self.handle
            .spawn(async move {
                let result = work.await;
                let _ = tx.send(Completion {
                    id,
                    result,
                    counted: false,
                    task: true,
                });
            })
            .abort_handle()
    }

    /// A task's completion was taken, or the task was aborted.
    pub fn task_gone(&self) {
        self.release();
    }

    /// A sender for tasks that deliver events of long-lived handles.
    pub fn sender(&self) -> UnboundedSender<Completion> {
        self.tx.clone()
    }

    /// A long-lived handle (a listening server) keeps the loop alive until released.
    pub fn hold(&self) {
        self.pending.set(self.pending.get() + 1);
        self.handles.set(self.handles.get() + 1);
    }

    pub fn release(&self) {
        self.pending.set(self.pending.get().saturating_sub(1));
        self.handles.set(self.handles.get().saturating_sub(1));
    }

    /// Whether tasks on the runtime (servers, their connections) may have work to do.
    pub fn has_tasks(&self) -> bool {
        self.handles.get() > 0
    }

    /// Called when a completion has been taken off the channel.
    pub fn finished(&self) {
        self.pending.set(self.pending.get().saturating_sub(1));
    }
}

thread_local! {
    static IO: std::cell::RefCell<Option<std::rc::Rc<Io>>> = const { std::cell::RefCell::new(None) };
}

/// Installs the I/O state of the VM that runs on this thread.
pub fn install(io: Option<std::rc::Rc<Io>>) {
    IO.with(|cell| *cell.borrow_mut() = io);
}

/// The I/O state of this thread.
pub fn current() -> Option<std::rc::Rc<Io>> {
    IO.with(|cell| cell.borrow().clone())
}
