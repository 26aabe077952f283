//! The plan of a `dyno run`: every unit of work, their keys, and how they split into
//! shards.
//!
//! A unit is the smallest thing that is finished or not: a smoke run of one runtime
//! (`smoke/node`), one test file on one runtime (`test262/built-ins/x.js@node`), or one
//! benchmark with all its runtimes (`startup/hello.js`) — runtimes are measured side by
//! side, so a benchmark never splits across machines. Shards split by a stable hash of
//! each unit's *shard key* (the test file for conformance, so every runtime runs a file
//! on the same machine), which is the same on every machine, every dyno build and every
//! platform (sha256, not Rust's randomly seeded hasher). The plan's sha256 covers the
//! runtimes, the settings and every unit key, so shards of one plan can be recognised
//! and a resumed run can check that nothing changed under it.

use sha2::{Digest, Sha256};

use crate::store::ShardSpec;
use crate::UsageError;

/// One unit of work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Unique key, as stored in the journal.
    pub key: String,
    /// What decides the shard (units with one shard key land on one shard).
    pub shard_key: String,
}

impl Unit {
    pub fn smoke(runtime: &str) -> Unit {
        let key = format!("smoke/{runtime}");
        Unit {
            shard_key: key.clone(),
            key,
        }
    }

    /// One test file of `suite` on one runtime.
    pub fn case(suite: &str, id: &str, runtime: &str) -> Unit {
        Unit {
            key: case_key(suite, id, runtime),
            shard_key: format!("{suite}/{id}"),
        }
    }

    /// One benchmark with all its runtimes.
    pub fn benchmark(id: &str) -> Unit {
        Unit {
            key: id.to_owned(),
            shard_key: id.to_owned(),
        }
    }
}

/// The journal key of a test file on a runtime.
pub fn case_key(suite: &str, id: &str, runtime: &str) -> String {
    format!("{suite}/{id}@{runtime}")
}

/// Every unit of a run, in execution order, with the plan's identity.
#[derive(Debug, Clone)]
pub struct Plan {
    pub units: Vec<Unit>,
    /// Hex sha256 of the runtimes, settings and unit keys.
    pub sha256: String,
}

impl Plan {
    /// `settings` is everything besides the units that shapes the results (benchmark
    /// parameters, filters, suite commits), as stable text.
    pub fn new(runtimes: &[String], settings: &str, units: Vec<Unit>) -> Plan {
        let mut h = Sha256::new();
        h.update(b"dyno-plan-v1\n");
        for r in runtimes {
            h.update(b"runtime\0");
            h.update(r.as_bytes());
            h.update(b"\n");
        }
        h.update(b"settings\0");
        h.update(settings.as_bytes());
        h.update(b"\n");
        let mut keys: Vec<&str> = units.iter().map(|u| u.key.as_str()).collect();
        keys.sort_unstable();
        for k in keys {
            h.update(b"unit\0");
            h.update(k.as_bytes());
            h.update(b"\n");
        }
        Plan {
            units,
            sha256: hex(&h.finalize()),
        }
    }

    /// Whether `unit` belongs to `shard` (every unit belongs to the whole plan).
    pub fn in_shard(unit: &Unit, shard: Option<ShardSpec>) -> bool {
        shard.is_none_or(|s| shard_of(&unit.shard_key, s.count) == s.index)
    }

    /// The units of `shard`.
    pub fn shard(&self, shard: Option<ShardSpec>) -> Vec<&Unit> {
        self.units
            .iter()
            .filter(|u| Self::in_shard(u, shard))
            .collect()
    }
}

/// The 1-based shard of `key` among `count`: the first 8 bytes of its sha256, modulo.
pub fn shard_of(key: &str, count: u32) -> u32 {
    let digest = Sha256::digest(key.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    (u64::from_be_bytes(first) % u64::from(count.max(1))) as u32 + 1
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses `--shard I/N` (1 ≤ I ≤ N).
pub fn parse_shard(text: &str) -> Result<ShardSpec, String> {
    let bad = || format!("--shard {text}: write I/N with 1 ≤ I ≤ N, e.g. --shard 2/4");
    let (i, n) = text.split_once('/').ok_or_else(bad)?;
    let index: u32 = i.trim().parse().map_err(|_| bad())?;
    let count: u32 = n.trim().parse().map_err(|_| bad())?;
    if count == 0 || index == 0 || index > count {
        return Err(bad());
    }
    Ok(ShardSpec { index, count })
}

/// A run id given by the user (shards share one): letters, digits, `-`, `_`, `.`; it
/// names a directory, so nothing else.
pub fn check_run_id(id: &str) -> Result<(), UsageError> {
    let ok = !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !id.starts_with('.');
    if ok {
        Ok(())
    } else {
        Err(UsageError::new(format!(
            "--run-id {id:?}: use letters, digits, '-', '_' and '.', e.g. --run-id nightly-2026-11-26"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn units(n: usize) -> Vec<Unit> {
        let mut u: Vec<Unit> = (0..n)
            .flat_map(|i| {
                ["node", "dynojs"]
                    .into_iter()
                    .map(move |r| Unit::case("test262", &format!("t/{i}.js"), r))
            })
            .collect();
        u.push(Unit::benchmark("startup/hello.js"));
        u.push(Unit::smoke("node"));
        u
    }

    #[test]
    fn shards_partition_the_plan() {
        let plan = Plan::new(&["node".into()], "", units(500));
        for count in 1..=7 {
            let mut seen: Vec<&str> = Vec::new();
            let mut sizes = Vec::new();
            for index in 1..=count {
                let part = plan.shard(Some(ShardSpec { index, count }));
                sizes.push(part.len());
                seen.extend(part.iter().map(|u| u.key.as_str()));
            }
            seen.sort_unstable();
            let mut all: Vec<&str> = plan.units.iter().map(|u| u.key.as_str()).collect();
            all.sort_unstable();
            assert_eq!(seen, all, "{count} shards cover the plan exactly once");
            // 1002 units: each of up to 7 shards gets a fair share (binomial, ±5σ).
            let mean = 1002.0 / count as f64;
            for s in sizes {
                assert!(
                    (s as f64 - mean).abs() < 5.0 * mean.sqrt() + 2.0,
                    "{s} vs {mean}"
                );
            }
        }
    }

    #[test]
    fn a_test_file_runs_on_one_shard_for_every_runtime() {
        let a = Unit::case("test262", "x/y.js", "node");
        let b = Unit::case("test262", "x/y.js", "dynojs");
        assert_ne!(a.key, b.key);
        for count in 1..10 {
            assert_eq!(shard_of(&a.shard_key, count), shard_of(&b.shard_key, count));
        }
    }

    #[test]
    fn shard_assignment_is_stable() {
        // Fixed values: a change here moves every unit between machines and must be
        // deliberate (it changes which shard ran what in stored nightly data).
        assert_eq!(
            shard_of("startup/hello.js", 3),
            shard_of("startup/hello.js", 3)
        );
        let digest = Sha256::digest(b"startup/hello.js");
        let expect = (u64::from_be_bytes(digest[..8].try_into().unwrap()) % 3) as u32 + 1;
        assert_eq!(shard_of("startup/hello.js", 3), expect);
        assert_eq!(shard_of("anything", 1), 1);
    }

    #[test]
    fn plan_hash_depends_on_units_runtimes_and_settings_not_order() {
        let base = Plan::new(&["node".into()], "s", units(3));
        let mut reordered = units(3);
        reordered.reverse();
        assert_eq!(
            base.sha256,
            Plan::new(&["node".into()], "s", reordered).sha256
        );
        assert_ne!(
            base.sha256,
            Plan::new(&["node".into()], "s", units(4)).sha256
        );
        assert_ne!(
            base.sha256,
            Plan::new(&["deno".into()], "s", units(3)).sha256
        );
        assert_ne!(
            base.sha256,
            Plan::new(&["node".into()], "t", units(3)).sha256
        );
        assert_eq!(base.sha256.len(), 64);
    }

    #[test]
    fn shard_flags() {
        assert_eq!(parse_shard("2/3"), Ok(ShardSpec { index: 2, count: 3 }));
        for bad in ["0/3", "4/3", "1/0", "x/2", "3", ""] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
        assert!(check_run_id("nightly-2026-11-26.1").is_ok());
        for bad in ["", "a/b", "../x", ".hidden", "a b"] {
            assert!(check_run_id(bad).is_err(), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn every_key_has_exactly_one_shard(key in ".{0,40}", count in 1u32..64) {
            let s = shard_of(&key, count);
            prop_assert!((1..=count).contains(&s));
            let hits = (1..=count)
                .filter(|&index| Plan::in_shard(&Unit::benchmark(&key), Some(ShardSpec { index, count })))
                .count();
            prop_assert_eq!(hits, 1);
        }
    }
}
