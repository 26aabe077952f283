//! node:fs operations. Each is decoded from its JS arguments on the JS thread (bytes are
//! copied then), then runs either at once (the `*Sync` forms) or on tokio's blocking pool
//! with its result delivered in the poll phase, so timers stay on time during a large
//! read. Failures are Node-shaped system errors (`ENOENT: no such file or directory,
//! open '/x'`).

use std::ffi::CString;
use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use rquickjs::{Array, Ctx, Result, Value};
use serde_json::{json, Value as Json};

use crate::io::{IoError, Payload};

/// One decoded operation.
enum Op {
    ReadFile(String),
    /// Reads an open descriptor to its end.
    ReadFd(i32),
    WriteFile {
        path: String,
        data: Vec<u8>,
        append: bool,
        /// The `x` flag (`wx`, `ax`): fail with EEXIST when the file exists.
        exclusive: bool,
        mode: u32,
    },
    Readdir(String, bool),
    /// Every entry under a directory: `[relative path, name, type, parent dir]` rows.
    ReaddirRecursive(String),
    Stat(String),
    Lstat(String),
    Fstat(i32),
    Mkdir(String, bool, u32),
    Rm(String, bool, bool),
    Rmdir(String, bool),
    Rename(String, String),
    Unlink(String),
    CopyFile(String, String, bool),
    Access(String, i32),
    Exists(String),
    Open(String, String, u32),
    Close(i32),
    Read(i32, usize, i64),
    Write(i32, Vec<u8>, i64),
    Fsync(i32),
    Ftruncate(i32, u64),
    Truncate(String, u64),
    Realpath(String),
    Readlink(String),
    Symlink(String, String),
    Chmod(String, u32),
    Utimes(String, f64, f64),
    Mkdtemp(String),
}

fn err(e: &std::io::Error, syscall: &'static str, path: &str) -> IoError {
    IoError::from_io(e, syscall, path)
}

fn err2(e: &std::io::Error, syscall: &'static str, from: &str, to: &str) -> IoError {
    let mut e = IoError::from_io(e, syscall, from);
    e.message = format!("{} -> '{to}'", e.message);
    e.dest = Some(to.to_owned());
    e
}

fn stat_json(m: &fs::Metadata) -> Json {
    let ms = |s: i64, ns: i64| s as f64 * 1e3 + ns as f64 / 1e6;
    json!({
        "dev": m.dev(), "ino": m.ino(), "mode": m.mode(), "nlink": m.nlink(), "uid": m.uid(),
        "gid": m.gid(), "rdev": m.rdev(), "size": m.size(), "blksize": m.blksize(),
        "blocks": m.blocks(),
        "atimeMs": ms(m.atime(), m.atime_nsec()), "mtimeMs": ms(m.mtime(), m.mtime_nsec()),
        "ctimeMs": ms(m.ctime(), m.ctime_nsec()),
        "birthtimeMs": m.created().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(ms(m.ctime(), m.ctime_nsec()), |d| d.as_secs_f64() * 1e3),
    })
}

fn file_type(t: fs::FileType) -> u32 {
    // Node's UV_DIRENT_* numbers.
    if t.is_file() {
        1
    } else if t.is_dir() {
        2
    } else if t.is_symlink() {
        3
    } else if t.is_fifo() {
        4
    } else if t.is_socket() {
        5
    } else if t.is_char_device() {
        6
    } else if t.is_block_device() {
        7
    } else {
        0
    }
}

/// Node's open flags (`r`, `w+`, `ax`, ...) as libc flags.
fn open_flags(flags: &str) -> Option<i32> {
    use libc::*;
    Some(match flags {
        "r" | "rs" | "sr" => O_RDONLY,
        "r+" | "rs+" | "sr+" => O_RDWR,
        "w" => O_TRUNC | O_CREAT | O_WRONLY,
        "wx" | "xw" => O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
        "w+" => O_TRUNC | O_CREAT | O_RDWR,
        "wx+" | "xw+" => O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
        "a" => O_APPEND | O_CREAT | O_WRONLY,
        "ax" | "xa" => O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
        "as" | "sa" => O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
        "a+" => O_APPEND | O_CREAT | O_RDWR,
        "ax+" | "xa+" => O_APPEND | O_CREAT | O_RDWR | O_EXCL,
        "as+" | "sa+" => O_APPEND | O_CREAT | O_RDWR | O_SYNC,
        _ => return None,
    })
}

fn last_os(syscall: &'static str, path: &str) -> IoError {
    err(&std::io::Error::last_os_error(), syscall, path)
}

/// A borrowed fd as a `File` that is not closed on drop.
fn with_fd<T>(fd: i32, f: impl FnOnce(&mut fs::File) -> T) -> T {
    use std::os::fd::FromRawFd;
    let mut file = unsafe { fs::File::from_raw_fd(fd) };
    let out = f(&mut file);
    std::mem::forget(file);
    out
}

fn rm_path(path: &str, recursive: bool, force: bool) -> std::result::Result<(), IoError> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if force && e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(err(&e, "rm", path)),
    };
    if meta.is_dir() {
        if !recursive {
            let mut e = err(&std::io::Error::from_raw_os_error(libc::EISDIR), "rm", path);
            e.code = "ERR_FS_EISDIR";
            e.message = format!("Path is a directory: rm returned EISDIR (is a directory) {path}");
            return Err(e);
        }
        fs::remove_dir_all(path).map_err(|e| err(&e, "rm", path))
    } else {
        fs::remove_file(path).map_err(|e| err(&e, "rm", path))
    }
}

fn run(op: Op) -> std::result::Result<Payload, IoError> {
    Ok(match op {
        Op::ReadFile(p) => Payload::Bytes(fs::read(&p).map_err(|e| err(&e, "open", &p))?),
        Op::WriteFile {
            path,
            data,
            append,
            exclusive,
            mode,
        } => {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create(true)
                .create_new(exclusive)
                .append(append)
                .truncate(!append)
                .mode(mode)
                .open(&path)
                .map_err(|e| err(&e, "open", &path))?;
            f.write_all(&data).map_err(|e| err(&e, "write", &path))?;
            Payload::Unit
        }
        Op::ReadFd(fd) => {
            let mut out = Vec::new();
            with_fd(fd, |f| f.read_to_end(&mut out)).map_err(|e| err(&e, "read", ""))?;
            Payload::Bytes(out)
        }
        Op::ReaddirRecursive(root) => {
            // Breadth first, each directory in the order the OS lists it (as Node does).
            let mut rows = Vec::new();
            let mut queue = std::collections::VecDeque::from([(root, String::new())]);
            while let Some((dir, rel)) = queue.pop_front() {
                for entry in fs::read_dir(&dir).map_err(|e| err(&e, "scandir", &dir))? {
                    let entry = entry.map_err(|e| err(&e, "scandir", &dir))?;
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let t = entry.file_type().map(file_type).unwrap_or(0);
                    let r = if rel.is_empty() {
                        name.clone()
                    } else {
                        format!("{rel}/{name}")
                    };
                    if t == 2 {
                        queue.push_back((format!("{dir}/{name}"), r.clone()));
                    }
                    rows.push(json!([r, name, t, dir]));
                }
            }
            Payload::Json(Json::Array(rows))
        }
        Op::Readdir(p, types) => {
            let mut out = Vec::new();
            for entry in fs::read_dir(&p).map_err(|e| err(&e, "scandir", &p))? {
                let entry = entry.map_err(|e| err(&e, "scandir", &p))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if types {
                    let t = entry.file_type().map(file_type).unwrap_or(0);
                    out.push(json!([name, t]));
                } else {
                    out.push(Json::String(name));
                }
            }
            Payload::Json(Json::Array(out))
        }
        Op::Stat(p) => Payload::Json(stat_json(
            &fs::metadata(&p).map_err(|e| err(&e, "stat", &p))?,
        )),
        Op::Lstat(p) => Payload::Json(stat_json(
            &fs::symlink_metadata(&p).map_err(|e| err(&e, "lstat", &p))?,
        )),
        Op::Fstat(fd) => {
            let m = with_fd(fd, |f| f.metadata()).map_err(|e| err(&e, "fstat", ""))?;
            Payload::Json(stat_json(&m))
        }
        Op::Mkdir(p, recursive, mode) => {
            if recursive {
                // Node returns the first directory it created (or undefined).
                let mut first = None;
                let mut cur = Path::new(&p);
                let mut missing = Vec::new();
                while !cur.exists() {
                    missing.push(cur.to_path_buf());
                    match cur.parent() {
                        Some(parent) if !parent.as_os_str().is_empty() => cur = parent,
                        _ => break,
                    }
                }
                if let Some(top) = missing.last() {
                    first = Some(top.to_string_lossy().into_owned());
                }
                fs::DirBuilder::new()
                    .recursive(true)
                    .mode(mode)
                    .create(&p)
                    .map_err(|e| err(&e, "mkdir", &p))?;
                match first {
                    Some(f) => Payload::Text(f),
                    None => Payload::Unit,
                }
            } else {
                fs::DirBuilder::new()
                    .mode(mode)
                    .create(&p)
                    .map_err(|e| err(&e, "mkdir", &p))?;
                Payload::Unit
            }
        }
        Op::Rm(p, recursive, force) => {
            rm_path(&p, recursive, force)?;
            Payload::Unit
        }
        Op::Rmdir(p, recursive) => {
            if recursive {
                fs::remove_dir_all(&p).map_err(|e| err(&e, "rmdir", &p))?;
            } else {
                fs::remove_dir(&p).map_err(|e| err(&e, "rmdir", &p))?;
            }
            Payload::Unit
        }
        Op::Rename(a, b) => {
            fs::rename(&a, &b).map_err(|e| err2(&e, "rename", &a, &b))?;
            Payload::Unit
        }
        Op::Unlink(p) => {
            fs::remove_file(&p).map_err(|e| err(&e, "unlink", &p))?;
            Payload::Unit
        }
        Op::CopyFile(a, b, exclusive) => {
            if exclusive && fs::symlink_metadata(&b).is_ok() {
                return Err(err2(
                    &std::io::Error::from_raw_os_error(libc::EEXIST),
                    "copyfile",
                    &a,
                    &b,
                ));
            }
            fs::copy(&a, &b).map_err(|e| err2(&e, "copyfile", &a, &b))?;
            Payload::Unit
        }
        Op::Access(p, mode) => {
            let c = CString::new(p.as_bytes()).unwrap_or_default();
            if unsafe { libc::access(c.as_ptr(), mode) } != 0 {
                return Err(last_os("access", &p));
            }
            Payload::Unit
        }
        Op::Exists(p) => Payload::Bool(Path::new(&p).exists()),
        Op::Open(p, flags, mode) => {
            let Some(f) = open_flags(&flags) else {
                let mut e = err(&std::io::Error::from_raw_os_error(libc::EINVAL), "open", &p);
                e.code = "ERR_INVALID_ARG_VALUE";
                e.message = format!("The argument 'flags' is invalid. Received '{flags}'");
                return Err(e);
            };
            let c = CString::new(p.as_bytes()).unwrap_or_default();
            let fd = unsafe { libc::open(c.as_ptr(), f | libc::O_CLOEXEC, mode) };
            if fd < 0 {
                return Err(last_os("open", &p));
            }
            Payload::Json(json!(fd))
        }
        Op::Close(fd) => {
            if unsafe { libc::close(fd) } != 0 {
                return Err(last_os("close", ""));
            }
            Payload::Unit
        }
        Op::Read(fd, len, pos) => {
            let mut buf = vec![0u8; len];
            let n = with_fd(fd, |f| {
                if pos >= 0 {
                    use std::os::unix::fs::FileExt;
                    f.read_at(&mut buf, pos as u64)
                } else {
                    f.read(&mut buf)
                }
            })
            .map_err(|e| err(&e, "read", ""))?;
            buf.truncate(n);
            Payload::Bytes(buf)
        }
        Op::Write(fd, data, pos) => {
            let n = with_fd(fd, |f| {
                if pos >= 0 {
                    use std::os::unix::fs::FileExt;
                    f.write_all_at(&data, pos as u64).map(|()| data.len())
                } else {
                    f.write_all(&data).map(|()| data.len())
                }
            })
            .map_err(|e| err(&e, "write", ""))?;
            Payload::Json(json!(n))
        }
        Op::Fsync(fd) => {
            with_fd(fd, |f| f.sync_all()).map_err(|e| err(&e, "fsync", ""))?;
            Payload::Unit
        }
        Op::Ftruncate(fd, len) => {
            with_fd(fd, |f| f.set_len(len)).map_err(|e| err(&e, "ftruncate", ""))?;
            Payload::Unit
        }
        Op::Truncate(p, len) => {
            let f = fs::OpenOptions::new()
                .write(true)
                .open(&p)
                .map_err(|e| err(&e, "open", &p))?;
            f.set_len(len).map_err(|e| err(&e, "ftruncate", &p))?;
            Payload::Unit
        }
        Op::Realpath(p) => Payload::Text(
            fs::canonicalize(&p)
                .map_err(|e| err(&e, "realpath", &p))?
                .to_string_lossy()
                .into_owned(),
        ),
        Op::Readlink(p) => Payload::Text(
            fs::read_link(&p)
                .map_err(|e| err(&e, "readlink", &p))?
                .to_string_lossy()
                .into_owned(),
        ),
        Op::Symlink(target, p) => {
            std::os::unix::fs::symlink(&target, &p)
                .map_err(|e| err2(&e, "symlink", &target, &p))?;
            Payload::Unit
        }
        Op::Chmod(p, mode) => {
            fs::set_permissions(&p, fs::Permissions::from_mode(mode))
                .map_err(|e| err(&e, "chmod", &p))?;
            Payload::Unit
        }
        Op::Utimes(p, atime, mtime) => {
            let c = CString::new(p.as_bytes()).unwrap_or_default();
            let ts = |s: f64| libc::timespec {
                tv_sec: s.trunc() as libc::time_t,
                tv_nsec: ((s.fract()) * 1e9) as libc::c_long,
            };
            let times = [ts(atime), ts(mtime)];
            if unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), times.as_ptr(), 0) } != 0 {
                return Err(last_os("utime", &p));
            }
            Payload::Unit
        }
        Op::Mkdtemp(prefix) => {
            let mut template = prefix.clone().into_bytes();
            template.extend_from_slice(b"XXXXXX\0");
            let ptr = template.as_mut_ptr().cast::<libc::c_char>();
            if unsafe { libc::mkdtemp(ptr) }.is_null() {
                return Err(last_os("mkdtemp", &format!("{prefix}XXXXXX")));
            }
            template.pop();
            Payload::Text(String::from_utf8_lossy(&template).into_owned())
        }
    })
}

fn decode(op: &str, a: &Array<'_>) -> Result<Option<Op>> {
    let s = |i: usize| -> Result<String> { a.get::<String>(i) };
    let n = |i: usize| -> Result<f64> { a.get::<f64>(i) };
    let b = |i: usize| -> Result<bool> { a.get::<bool>(i) };
    let bytes = |i: usize| -> Result<Vec<u8>> { crate::binding::bytes_of(&a.get::<Value>(i)?) };
    Ok(Some(match op {
        "readFile" => Op::ReadFile(s(0)?),
        "writeFile" => Op::WriteFile {
            path: s(0)?,
            data: bytes(1)?,
            append: b(2)?,
            mode: n(3)? as u32,
            exclusive: b(4)?,
        },
        "readdir" => Op::Readdir(s(0)?, b(1)?),
        "readdirRecursive" => Op::ReaddirRecursive(s(0)?),
        "readFd" => Op::ReadFd(n(0)? as i32),
        "stat" => Op::Stat(s(0)?),
        "lstat" => Op::Lstat(s(0)?),
        "fstat" => Op::Fstat(n(0)? as i32),
        "mkdir" => Op::Mkdir(s(0)?, b(1)?, n(2)? as u32),
        "rm" => Op::Rm(s(0)?, b(1)?, b(2)?),
        "rmdir" => Op::Rmdir(s(0)?, b(1)?),
        "rename" => Op::Rename(s(0)?, s(1)?),
        "unlink" => Op::Unlink(s(0)?),
        "copyFile" => Op::CopyFile(s(0)?, s(1)?, b(2)?),
        "access" => Op::Access(s(0)?, n(1)? as i32),
        "exists" => Op::Exists(s(0)?),
        "open" => Op::Open(s(0)?, s(1)?, n(2)? as u32),
        "close" => Op::Close(n(0)? as i32),
        "read" => Op::Read(n(0)? as i32, n(1)? as usize, n(2)? as i64),
        "write" => Op::Write(n(0)? as i32, bytes(1)?, n(2)? as i64),
        "fsync" => Op::Fsync(n(0)? as i32),
        "ftruncate" => Op::Ftruncate(n(0)? as i32, n(1)? as u64),
        "truncate" => Op::Truncate(s(0)?, n(1)? as u64),
        "realpath" => Op::Realpath(s(0)?),
        "readlink" => Op::Readlink(s(0)?),
        "symlink" => Op::Symlink(s(0)?, s(1)?),
        "chmod" => Op::Chmod(s(0)?, n(1)? as u32),
        "utimes" => Op::Utimes(s(0)?, n(1)?, n(2)?),
        "mkdtemp" => Op::Mkdtemp(s(0)?),
        _ => return Ok(None),
    }))
}

/// `fsCall(op, args, id)`: with `id` 0 the operation runs now and returns its result
/// (or throws); otherwise it runs on the blocking pool and completes in the poll phase.
pub fn fs_call<'js>(ctx: Ctx<'js>, op: String, args: Array<'js>, id: f64) -> Result<Value<'js>> {
    let Some(decoded) = decode(&op, &args)? else {
        return crate::binding::throw_coded(
            &ctx,
            "ERR_INVALID_ARG_VALUE",
            &format!("unknown fs op {op}"),
        );
    };
    if id == 0.0 {
        return match run(decoded) {
            Ok(payload) => crate::event_loop::payload_value(&ctx, payload),
            Err(e) => crate::binding::throw_io(&ctx, e),
        };
    }
    let Some(io) = crate::io::current() else {
        return crate::binding::throw_coded(&ctx, "ERR_INTERNAL", "no event loop");
    };
    io.spawn_blocking(id, move || run(decoded));
    Ok(Value::new_undefined(ctx))
}
