//! The history database: an embedded SQLite file (rusqlite, bundled SQLite) holding every
//! imported run's benchmark summaries and raw samples, and every conformance verdict.
//!
//! Identity and versions: `PRAGMA application_id` marks the file as dyno's and
//! `PRAGMA user_version` is its schema version. Opening checks both before touching
//! anything: a file that is not SQLite, is corrupt, belongs to another program, or was
//! written by a newer dyno is an error naming the file — never overwritten. Older
//! versions are upgraded by the append-only [`MIGRATIONS`], inside one transaction.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use thiserror::Error;

/// `application_id` of a dyno history database: the bytes "dyno".
pub const APPLICATION_ID: i64 = 0x6479_6e6f;

/// Schema migrations: `MIGRATIONS[i]` takes version `i` to `i + 1`. Append only; never
/// edit a released entry.
pub const MIGRATIONS: &[&str] = &[
    // 0 → 1: runs, their runtimes, benchmark series, conformance verdicts.
    "CREATE TABLE runs (
        run_id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        dyno_version TEXT NOT NULL,
        methodology_version INTEGER NOT NULL,
        git_commit TEXT,
        host_cpu TEXT NOT NULL,
        host_cores INTEGER NOT NULL,
        hostname TEXT NOT NULL,
        complete INTEGER NOT NULL,
        source TEXT NOT NULL,
        imported_at TEXT NOT NULL
    );
    CREATE TABLE runtimes (
        run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        version TEXT NOT NULL,
        engine TEXT NOT NULL,
        sha256 TEXT,
        PRIMARY KEY (run_id, name)
    );
    CREATE TABLE benchmarks (
        run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
        benchmark TEXT NOT NULL,
        runtime TEXT NOT NULL,
        metric TEXT NOT NULL,
        unit TEXT NOT NULL,
        higher_is_better INTEGER NOT NULL,
        n INTEGER NOT NULL,
        median REAL,
        ci_low REAL,
        ci_high REAL,
        program_sha256 TEXT,
        samples TEXT NOT NULL,
        error TEXT,
        PRIMARY KEY (run_id, benchmark, runtime, metric)
    );
    CREATE INDEX benchmarks_series ON benchmarks (benchmark, runtime, metric);
    CREATE TABLE suites (
        run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
        suite TEXT NOT NULL,
        runtime TEXT NOT NULL,
        suite_version TEXT,
        total INTEGER NOT NULL,
        passed INTEGER NOT NULL,
        PRIMARY KEY (run_id, suite, runtime)
    );
    CREATE TABLE cases (
        run_id TEXT NOT NULL,
        suite TEXT NOT NULL,
        runtime TEXT NOT NULL,
        id TEXT NOT NULL,
        scenario TEXT NOT NULL,
        verdict TEXT NOT NULL,
        PRIMARY KEY (suite, runtime, id, scenario, run_id)
    ) WITHOUT ROWID;",
];

/// The schema version this dyno writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Why a history database cannot be used. Every message names the file and what to do.
#[derive(Debug, Error)]
pub enum HistoryError {
    #[error("'{path}' is not a dyno history database (it is not SQLite); dyno leaves it untouched — pass another file with --db")]
    NotSqlite { path: PathBuf },
    #[error("history database '{path}' is corrupt ({detail}); dyno leaves it untouched — restore it from a backup or start a new one with --db")]
    Corrupt { path: PathBuf, detail: String },
    #[error("'{path}' is an SQLite database of another program (application_id {found:#x}); dyno leaves it untouched — pass another file with --db")]
    Foreign { path: PathBuf, found: i64 },
    #[error("history database '{path}' has schema version {found}, newer than this dyno understands ({supported}); upgrade dyno to use it")]
    FutureVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("history database '{path}': {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

/// An open, current history database.
pub struct Db {
    pub conn: Connection,
    pub path: PathBuf,
}

impl Db {
    /// Opens `path`, creating it (and its directory) when absent, upgrading old schemas.
    pub fn open(path: &Path) -> Result<Db, HistoryError> {
        let sql = |source| HistoryError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let exists = path.exists();
        if exists {
            check_header(path)?;
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| HistoryError::Sqlite {
                path: path.to_path_buf(),
                source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
            })?;
        }
        let flags = if exists {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let mut conn = Connection::open_with_flags(path, flags).map_err(sql)?;
        if exists {
            let check: String = conn
                .query_row("PRAGMA quick_check", [], |r| r.get(0))
                .map_err(|e| corrupt(path, e.to_string()))?;
            if check != "ok" {
                return Err(corrupt(path, check));
            }
        }
        let app: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| corrupt(path, e.to_string()))?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sql)?;
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(sql)?;
        if app != APPLICATION_ID && !(app == 0 && version == 0 && tables == 0) {
            return Err(HistoryError::Foreign {
                path: path.to_path_buf(),
                found: app,
            });
        }
        if version > current_version() {
            return Err(HistoryError::FutureVersion {
                path: path.to_path_buf(),
                found: version,
                supported: current_version(),
            });
        }
        // The default rollback journal, not WAL: the database is one file that CI can upload
        // as an artifact without a -wal beside it.
        conn.execute_batch("PRAGMA foreign_keys = ON;")
            .map_err(sql)?;
        if version < current_version() {
            let tx = conn.transaction().map_err(sql)?;
            for step in &MIGRATIONS[version as usize..] {
                tx.execute_batch(step).map_err(sql)?;
            }
            tx.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
                current_version()
            ))
            .map_err(sql)?;
            tx.commit().map_err(sql)?;
        }
        Ok(Db {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Wraps a SQLite error with the database's path.
    pub fn err(&self, source: rusqlite::Error) -> HistoryError {
        HistoryError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }
}

fn corrupt(path: &Path, detail: String) -> HistoryError {
    HistoryError::Corrupt {
        path: path.to_path_buf(),
        detail,
    }
}

/// An existing file must start with SQLite's magic string (an empty file is a fresh one).
fn check_header(path: &Path) -> Result<(), HistoryError> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| corrupt(path, e.to_string()))?;
    if n == 0 {
        return Ok(());
    }
    if n < 16 || &head != b"SQLite format 3\0" {
        return Err(HistoryError::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_then_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/history.db");
        drop(Db::open(&path).unwrap());
        let db = Db::open(&path).unwrap();
        let v: i64 = db
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, current_version());
    }

    #[test]
    fn refuses_and_keeps_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "hello, not a database at all").unwrap();
        assert!(matches!(
            Db::open(&text),
            Err(HistoryError::NotSqlite { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(&text).unwrap(),
            "hello, not a database at all"
        );

        let other = dir.path().join("other.db");
        let conn = Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        drop(conn);
        let err = Db::open(&other).err().unwrap();
        assert!(matches!(err, HistoryError::Foreign { .. }), "{err}");
        let conn = Connection::open(&other).unwrap();
        let x: i64 = conn.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 1);
    }

    #[test]
    fn refuses_a_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.db");
        drop(Db::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
        drop(conn);
        let err = Db::open(&path).err().unwrap();
        assert!(err.to_string().contains("upgrade dyno"), "{err}");
    }

    #[test]
    fn refuses_a_corrupt_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.db");
        drop(Db::open(&path).unwrap());
        // Keep SQLite's magic but trash the rest of the first page.
        let mut bytes = std::fs::read(&path).unwrap();
        for b in bytes.iter_mut().skip(16).take(4000) {
            *b = 0xAB;
        }
        std::fs::write(&path, &bytes).unwrap();
        let err = Db::open(&path).err().unwrap();
        assert!(
            matches!(
                err,
                HistoryError::Corrupt { .. } | HistoryError::Sqlite { .. }
            ),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }
}
