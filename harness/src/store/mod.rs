//! The results store: one JSON document per run.
//!
//! Data flow: a run opens a [`Journal`] (`results.json.partial.jsonl`), appends each unit
//! as it finishes (one JSON line, flushed), and [`Journal::finish`] writes the whole
//! document to a temp file and renames it over `results.json`. A crash leaves the journal,
//! from which [`recover`] rebuilds everything that finished. Reading goes header first
//! (`schema_version`), then the versioned body through the append-only [`migrate`] list.

pub mod history;
mod journal;
mod read;
mod schema;

pub use journal::{finalize, journal_path, recover, write_atomic, Journal, UnitRecord};
pub use read::{migrate, read_results, Migration, StoreError, MIGRATIONS};
pub use schema::*;
