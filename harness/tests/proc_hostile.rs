//! Process control against hostile children: each must end with the right outcome and
//! leave no process behind (checked by scanning /proc for a marker in the command line,
//! which is what `ps` would show).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::time::Duration;

use dyno::proc::{self, Environment, Limits, Outcome, ProcSpec};

/// A unique `sleep` argument, so survivors can be found by command line.
fn marker(name: &str) -> String {
    // sleep accepts a fractional number of seconds: 1000.<digits> marks the test.
    let digits: String = name.bytes().map(|b| (b % 10).to_string()).collect();
    format!("1000.{}{}", std::process::id(), digits)
}

fn survivors(marker: &str) -> Vec<i32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        if let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) {
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            let is_zombie = std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .map(|s| s.contains(") Z "))
                .unwrap_or(false);
            if cmdline.contains(marker) && !is_zombie {
                found.push(pid);
            }
        }
    }
    found
}

fn sh(script: &str, limits: Limits) -> proc::ProcResult {
    let env = Environment::sanitized(&[], &BTreeMap::new());
    let mut spec = ProcSpec::new(
        "/bin/sh",
        vec![OsString::from("-c"), OsString::from(script)],
        env,
    );
    spec.limits = limits;
    proc::run(&spec).expect("dyno could not run the child")
}

fn short(wall_ms: u64) -> Limits {
    Limits {
        wall: Duration::from_millis(wall_ms),
        kill_grace: Duration::from_millis(200),
        ..Limits::default()
    }
}

#[test]
fn loops_forever_times_out() {
    let r = sh("while :; do :; done", short(500));
    assert_eq!(r.outcome, Outcome::TimedOut);
    assert!(r.wall >= Duration::from_millis(500), "{:?}", r.wall);
    assert!(r.wall < Duration::from_secs(5), "{:?}", r.wall);
}

#[test]
fn grandchild_of_a_child_that_exits_is_killed() {
    let m = marker("grandchild");
    let r = sh(&format!("sleep {m} & echo started"), short(5000));
    assert_eq!(r.outcome, Outcome::Exited { code: 0 });
    assert_eq!(r.stdout.text(), "started\n");
    assert!(r.killed_descendants >= 1 || survivors(&m).is_empty());
    assert_eq!(survivors(&m), Vec::<i32>::new());
}

#[test]
fn setsid_grandchild_is_killed() {
    let m = marker("setsid");
    // setsid puts the grandchild in its own session and process group: killpg cannot
    // reach it, only the subreaper + token path can.
    let r = sh(
        &format!("setsid sleep {m} & sleep 0.2; echo done"),
        short(5000),
    );
    assert_eq!(r.outcome, Outcome::Exited { code: 0 });
    assert_eq!(survivors(&m), Vec::<i32>::new());
}

#[test]
fn setsid_grandchild_whose_parent_already_exited_is_killed() {
    let m = marker("double-fork");
    // Classic daemonization: an intermediate shell starts a setsid'd sleeper and exits.
    let r = sh(&format!("(setsid sleep {m} &) ; sleep 0.2"), short(5000));
    assert_eq!(r.outcome, Outcome::Exited { code: 0 });
    assert_eq!(survivors(&m), Vec::<i32>::new());
}

#[test]
fn ignoring_sigterm_still_ends_in_a_timeout() {
    let m = marker("ignore-term");
    let r = sh(
        &format!("trap '' TERM; sleep {m} & while :; do :; done"),
        short(300),
    );
    assert_eq!(r.outcome, Outcome::TimedOut);
    // grace is 200 ms after the 300 ms deadline; allow for a loaded machine.
    assert!(r.wall < Duration::from_secs(5), "{:?}", r.wall);
    assert_eq!(survivors(&m), Vec::<i32>::new());
}

#[test]
fn printing_a_gibibyte_hits_the_output_limit() {
    let limits = Limits {
        output_kill_bytes: Some(8 * 1024 * 1024),
        capture_bytes: 4096,
        ..short(30_000)
    };
    let r = sh("head -c 1073741824 /dev/zero | tr '\\0' x", limits);
    assert_eq!(r.outcome, Outcome::OutputLimit);
    // Killed soon after the cap, not after the whole GiB went through.
    assert!(r.stdout.total_bytes() < 512 * 1024 * 1024);
    assert!(r.stdout.dropped_bytes() > 0);
    assert!(r.stdout.text().len() < 8192);
}

#[test]
fn unbounded_allocation_hits_the_memory_limit() {
    let limits = Limits {
        max_rss_bytes: Some(200 * 1024 * 1024),
        ..short(30_000)
    };
    // python3 touches every byte it allocates; the list keeps them alive.
    let r = sh(
        "exec python3 -c 'x = []\nwhile True: x.append(b\"y\" * 10**7)'",
        limits,
    );
    assert_eq!(
        r.outcome,
        Outcome::MemoryLimit,
        "stderr: {}",
        r.stderr.text()
    );
    assert!(r.watched_rss_bytes > 200 * 1024 * 1024);
}

#[test]
fn memory_of_descendants_counts() {
    let limits = Limits {
        max_rss_bytes: Some(150 * 1024 * 1024),
        ..short(30_000)
    };
    // The allocation happens in a grandchild, not in the direct child.
    let r = sh(
        "python3 -c 'x = []\nwhile True: x.append(b\"y\" * 10**7)'; echo unreachable",
        limits,
    );
    assert_eq!(r.outcome, Outcome::MemoryLimit);
}

#[test]
fn exit_code_signal_and_rusage_are_reported() {
    let r = sh("echo out; echo err >&2; exit 3", short(5000));
    assert_eq!(r.outcome, Outcome::Exited { code: 3 });
    assert_eq!(r.stdout.text(), "out\n");
    assert_eq!(r.stderr.text(), "err\n");
    assert!(r.max_rss_bytes > 0);

    let r = sh("kill -SEGV $$", short(5000));
    assert_eq!(
        r.outcome,
        Outcome::Signalled {
            signal: libc::SIGSEGV,
            name: "SIGSEGV".into()
        }
    );
}

#[test]
fn cpu_rlimit_stops_a_spinner() {
    let limits = Limits {
        cpu_seconds: Some(1),
        ..short(20_000)
    };
    let r = sh("while :; do :; done", limits);
    assert!(
        matches!(&r.outcome, Outcome::Signalled { signal, .. } if *signal == libc::SIGXCPU || *signal == libc::SIGKILL),
        "{:?}",
        r.outcome
    );
}

#[test]
fn spawn_failure_is_an_outcome() {
    let spec = ProcSpec::new(
        "/does/not/exist",
        vec![],
        Environment::sanitized(&[], &BTreeMap::new()),
    );
    let r = proc::run(&spec).unwrap();
    assert!(
        matches!(r.outcome, Outcome::SpawnFailed { .. }),
        "{:?}",
        r.outcome
    );
}

#[test]
fn environment_is_sanitized_and_cwd_private() {
    let r = sh("env; pwd", short(5000));
    let out = r.stdout.text();
    assert!(!out.contains("NODE_EXTRA_CA_CERTS"), "{out}");
    assert!(out.contains("TMPDIR="), "{out}");
    let pwd = out.lines().last().unwrap();
    assert!(pwd.contains("dyno-run-"), "{pwd}");
    assert!(!std::path::Path::new(pwd).exists(), "private dir removed");
}

#[test]
fn stdin_is_delivered() {
    let env = Environment::sanitized(&[], &BTreeMap::new());
    let mut spec = ProcSpec::new("/bin/cat", vec![], env);
    spec.stdin = Some(b"hello stdin".to_vec());
    let r = proc::run(&spec).unwrap();
    assert_eq!(r.stdout.text(), "hello stdin");
}
