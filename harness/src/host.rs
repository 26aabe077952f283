//! Facts about the machine a run happened on, read from procfs and uname. They make
//! results comparable (or refuse comparison) and explain noise (load average at start).

use serde::{Deserialize, Serialize};

/// The machine a run was measured on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostRecord {
    /// `PRETTY_NAME` from /etc/os-release, or the kernel's name.
    pub os: String,
    /// Kernel release (`uname -r`).
    pub kernel: String,
    /// CPU architecture (`uname -m`).
    pub arch: String,
    /// `model name` of the first CPU in /proc/cpuinfo.
    pub cpu_model: String,
    /// Online logical CPUs.
    pub cores: usize,
    /// CPUs this process may run on (affinity mask), which can be fewer.
    pub available_cores: usize,
    /// `MemTotal` from /proc/meminfo.
    pub memory_bytes: u64,
    /// 1, 5 and 15 minute load averages when the run started.
    pub load_average: [f64; 3],
    /// Host name, for telling CI machines apart.
    pub hostname: String,
}

impl HostRecord {
    pub fn detect() -> Self {
        let uts = uname();
        let os = std::fs::read_to_string("/etc/os-release")
            .ok()
            .and_then(|t| {
                t.lines()
                    .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                    .map(|v| v.trim_matches('"').to_owned())
            })
            .unwrap_or_else(|| uts.sysname.clone());
        let cpu_model = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|t| {
                t.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().to_owned())
            })
            .unwrap_or_else(|| "unknown".to_owned());
        // SAFETY: sysconf has no preconditions.
        let online = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) }.max(1) as usize;
        let available = std::thread::available_parallelism().map_or(online, |n| n.get());
        let memory_bytes = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|t| {
                t.lines()
                    .find(|l| l.starts_with("MemTotal:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
            })
            .map_or(0, |kib| kib * 1024);
        let mut load_average = [0.0; 3];
        if let Ok(t) = std::fs::read_to_string("/proc/loadavg") {
            for (slot, v) in load_average.iter_mut().zip(t.split_whitespace()) {
                *slot = v.parse().unwrap_or(0.0);
            }
        }
        HostRecord {
            os,
            kernel: uts.release,
            arch: uts.machine,
            cpu_model,
            cores: online,
            available_cores: available,
            memory_bytes,
            load_average,
            hostname: uts.nodename,
        }
    }
}

struct Uname {
    sysname: String,
    nodename: String,
    release: String,
    machine: String,
}

fn uname() -> Uname {
    // SAFETY: utsname is plain data; uname fills it with NUL-terminated strings.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    unsafe { libc::uname(&mut u) };
    let field = |f: &[libc::c_char]| {
        let bytes: Vec<u8> = f
            .iter()
            .take_while(|c| **c != 0)
            .map(|c| *c as u8)
            .collect();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    Uname {
        sysname: field(&u.sysname),
        nodename: field(&u.nodename),
        release: field(&u.release),
        machine: field(&u.machine),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_this_linux_machine() {
        let h = HostRecord::detect();
        assert!(h.cores >= 1);
        assert!(h.available_cores >= 1 && h.available_cores <= h.cores.max(h.available_cores));
        assert!(h.memory_bytes > 0);
        assert!(!h.kernel.is_empty());
        assert!(!h.arch.is_empty());
    }
}
