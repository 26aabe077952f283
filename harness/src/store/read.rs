//! Reading results files: header first, then the versioned body.
//!
//! Older documents are upgraded by an append-only list of migrations, each taking the
//! JSON of version N to version N+1. A newer document than this dyno understands is a
//! typed error, never a silent misread.

use std::path::{Path, PathBuf};

use serde_json::Value;
use thiserror::Error;

use super::schema::{RunRecord, SCHEMA_VERSION};

/// Why a results file could not be read. Callers branch on FutureVersion (suggest an
/// upgrade) versus the rest (a broken or foreign file).
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot read results file '{path}': {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("results file '{path}' is not valid JSON ({detail}); it may be truncated — a crashed run leaves its units in '{path}.partial.jsonl'")]
    Corrupt { path: PathBuf, detail: String },
    #[error("'{path}' is not a dyno results file (no integer schema_version at the top level)")]
    NotResults { path: PathBuf },
    #[error("results file '{path}' has schema_version {found}, newer than this dyno understands ({supported}); upgrade dyno to read it")]
    FutureVersion {
        path: PathBuf,
        found: u64,
        supported: u32,
    },
    #[error("results file '{path}' (schema_version {version}) does not match the schema at {field}: {detail}")]
    Invalid {
        path: PathBuf,
        version: u32,
        field: String,
        detail: String,
    },
    #[error("results file '{path}': migrating from schema_version {from}: {detail}")]
    Migration {
        path: PathBuf,
        from: u32,
        detail: String,
    },
}

/// Upgrades a document of version `from` to `from + 1`.
pub type Migration = fn(Value) -> Result<Value, String>;

/// Migrations, indexed by their source version: `MIGRATIONS[i]` takes version `i + 1` to
/// `i + 2`. Append only; never edit an entry once released. Empty while v1 is the first
/// version.
pub const MIGRATIONS: &[Migration] = &[];

/// Reads and validates a results file, upgrading old versions.
pub fn read_results(path: &Path) -> Result<RunRecord, StoreError> {
    let text = std::fs::read_to_string(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let value: Value = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    let found = value
        .get("schema_version")
        .and_then(Value::as_u64)
        .ok_or_else(|| StoreError::NotResults {
            path: path.to_path_buf(),
        })?;
    if found > u64::from(SCHEMA_VERSION) {
        return Err(StoreError::FutureVersion {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    let from = found as u32;
    let value = migrate(value, from, MIGRATIONS).map_err(|(at, detail)| StoreError::Migration {
        path: path.to_path_buf(),
        from: at,
        detail,
    })?;
    serde_path_to_error::deserialize(value).map_err(|e| StoreError::Invalid {
        path: path.to_path_buf(),
        version: SCHEMA_VERSION,
        field: e.path().to_string(),
        detail: e.inner().to_string(),
    })
}

/// Applies `migrations` from version `from` up to the last one, setting schema_version
/// after each step. Errors carry the version that failed.
pub fn migrate(
    mut value: Value,
    from: u32,
    migrations: &[Migration],
) -> Result<Value, (u32, String)> {
    if from == 0 {
        return Err((0, "schema_version 0 never existed".to_owned()));
    }
    for (index, step) in migrations.iter().enumerate().skip(from as usize - 1) {
        let version = index as u32 + 1;
        value = step(value).map_err(|e| (version, e))?;
        if let Some(obj) = value.as_object_mut() {
            obj.insert("schema_version".into(), Value::from(version + 1));
        }
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rename_field(mut v: Value) -> Result<Value, String> {
        let obj = v.as_object_mut().ok_or("not an object")?;
        let old = obj.remove("old").ok_or("missing 'old'")?;
        obj.insert("new".into(), old);
        Ok(v)
    }

    fn add_field(mut v: Value) -> Result<Value, String> {
        v["added"] = json!(true);
        Ok(v)
    }

    #[test]
    fn migrations_apply_in_order_from_the_found_version() {
        let list: &[Migration] = &[rename_field, add_field];
        let v1 = json!({"schema_version": 1, "old": 5});
        let out = migrate(v1, 1, list).unwrap();
        assert_eq!(out, json!({"schema_version": 3, "new": 5, "added": true}));

        let v2 = json!({"schema_version": 2, "new": 5});
        let out = migrate(v2, 2, list).unwrap();
        assert_eq!(out, json!({"schema_version": 3, "new": 5, "added": true}));

        let v3 = json!({"schema_version": 3});
        assert_eq!(migrate(v3.clone(), 3, list).unwrap(), v3);
    }

    #[test]
    fn failing_migration_names_its_version() {
        let list: &[Migration] = &[rename_field];
        let err = migrate(json!({"schema_version": 1}), 1, list).unwrap_err();
        assert_eq!(err, (1, "missing 'old'".to_owned()));
        assert!(migrate(json!({}), 0, list).is_err());
    }
}
