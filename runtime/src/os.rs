//! Facts for node:os and node:tty, read when asked.

use rquickjs::{Array, Ctx, Object, Result};

fn uname() -> (String, String, String) {
    // SAFETY: uname fills a caller-owned struct.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    if unsafe { libc::uname(&mut u) } != 0 {
        return ("Linux".into(), String::new(), String::new());
    }
    let field = |f: &[libc::c_char]| {
        let bytes: Vec<u8> = f
            .iter()
            .take_while(|&&c| c != 0)
            .map(|&c| c as u8)
            .collect();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    (field(&u.sysname), field(&u.release), field(&u.nodename))
}

/// `osInfo()`: everything node:os reports, as one object.
pub fn os_info(ctx: Ctx<'_>) -> Result<Object<'_>> {
    let o = Object::new(ctx.clone())?;
    let (sysname, release, hostname) = uname();
    o.set("type", sysname)?;
    o.set("release", release)?;
    o.set("hostname", hostname)?;
    // SAFETY: sysinfo fills a caller-owned struct.
    let mut si: libc::sysinfo = unsafe { std::mem::zeroed() };
    if unsafe { libc::sysinfo(&mut si) } == 0 {
        let unit = f64::from(si.mem_unit.max(1));
        o.set("totalmem", si.totalram as f64 * unit)?;
        o.set("freemem", si.freeram as f64 * unit)?;
        o.set("uptime", si.uptime as f64)?;
        let load = |l: libc::c_ulong| l as f64 / 65536.0;
        o.set(
            "loadavg",
            vec![load(si.loads[0]), load(si.loads[1]), load(si.loads[2])],
        )?;
    }
    // /proc/meminfo's MemAvailable is what Node reports as free memory.
    if let Ok(text) = std::fs::read_to_string("/proc/meminfo") {
        if let Some(kb) = text
            .lines()
            .find_map(|l| l.strip_prefix("MemAvailable:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        {
            o.set("freemem", kb * 1024.0)?;
        }
    }
    let cpus = Array::new(ctx.clone())?;
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let mut models = Vec::new();
    let mut speeds = Vec::new();
    for line in info.lines() {
        if let Some(v) = line.strip_prefix("model name") {
            models.push(v.trim_start_matches([' ', '\t', ':']).to_owned());
        } else if let Some(v) = line.strip_prefix("cpu MHz") {
            speeds.push(
                v.trim_start_matches([' ', '\t', ':'])
                    .parse::<f64>()
                    .unwrap_or(0.0),
            );
        }
    }
    let n = std::thread::available_parallelism().map_or(1, |n| n.get());
    let count = if models.is_empty() { n } else { models.len() };
    for i in 0..count {
        let c = Object::new(ctx.clone())?;
        c.set(
            "model",
            models.get(i).cloned().unwrap_or_else(|| "unknown".into()),
        )?;
        c.set("speed", speeds.get(i).copied().unwrap_or(0.0).floor())?;
        let times = Object::new(ctx.clone())?;
        for k in ["user", "nice", "sys", "idle", "irq"] {
            times.set(k, 0)?;
        }
        c.set("times", times)?;
        cpus.set(i, c)?;
    }
    o.set("cpus", cpus)?;
    o.set("availableParallelism", n)?;
    // SAFETY: plain libc getters.
    o.set("uid", unsafe { libc::getuid() })?;
    o.set("gid", unsafe { libc::getgid() })?;
    o.set(
        "endianness",
        if cfg!(target_endian = "little") {
            "LE"
        } else {
            "BE"
        },
    )?;
    Ok(o)
}

/// `isatty(fd)`.
pub fn isatty(fd: i32) -> bool {
    // SAFETY: isatty only inspects the descriptor.
    unsafe { libc::isatty(fd) == 1 }
}

/// `[columns, rows]` of a terminal, or undefined.
pub fn window_size(fd: i32) -> Option<Vec<u16>> {
    // SAFETY: TIOCGWINSZ fills a caller-owned struct.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } != 0 {
        return None;
    }
    Some(vec![ws.ws_col, ws.ws_row])
}

/// `interfaces()`: `[name, family, address, netmask, internal, scopeid]` per address,
/// from getifaddrs.
pub fn interfaces() -> Vec<(String, String, String, String, bool, u32)> {
    use std::net::{Ipv4Addr, Ipv6Addr};
    let mut out = Vec::new();
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs allocates a list that freeifaddrs releases; each entry is read
    // only while the list is alive, and sockaddrs are read by their family.
    unsafe {
        if libc::getifaddrs(&mut head) != 0 {
            return out;
        }
        let mut cur = head;
        while !cur.is_null() {
            let ifa = &*cur;
            cur = ifa.ifa_next;
            if ifa.ifa_addr.is_null() {
                continue;
            }
            let name = std::ffi::CStr::from_ptr(ifa.ifa_name)
                .to_string_lossy()
                .into_owned();
            let internal = ifa.ifa_flags & (libc::IFF_LOOPBACK as u32) != 0;
            match i32::from((*ifa.ifa_addr).sa_family) {
                libc::AF_INET => {
                    let a = &*(ifa.ifa_addr as *const libc::sockaddr_in);
                    let addr = Ipv4Addr::from(u32::from_be(a.sin_addr.s_addr));
                    let mask = if ifa.ifa_netmask.is_null() {
                        Ipv4Addr::UNSPECIFIED
                    } else {
                        let m = &*(ifa.ifa_netmask as *const libc::sockaddr_in);
                        Ipv4Addr::from(u32::from_be(m.sin_addr.s_addr))
                    };
                    out.push((
                        name,
                        "IPv4".into(),
                        addr.to_string(),
                        mask.to_string(),
                        internal,
                        0,
                    ));
                }
                libc::AF_INET6 => {
                    let a = &*(ifa.ifa_addr as *const libc::sockaddr_in6);
                    let addr = Ipv6Addr::from(a.sin6_addr.s6_addr);
                    let mask = if ifa.ifa_netmask.is_null() {
                        Ipv6Addr::UNSPECIFIED
                    } else {
                        let m = &*(ifa.ifa_netmask as *const libc::sockaddr_in6);
                        Ipv6Addr::from(m.sin6_addr.s6_addr)
                    };
                    out.push((
                        name,
                        "IPv6".into(),
                        addr.to_string(),
                        mask.to_string(),
                        internal,
                        a.sin6_scope_id,
                    ));
                }
                _ => {}
            }
        }
        libc::freeifaddrs(head);
    }
    out
}

/// [`interfaces`] as a JS array of arrays.
pub fn interfaces_js(ctx: Ctx<'_>) -> Result<Array<'_>> {
    let out = Array::new(ctx.clone())?;
    for (i, (name, family, address, netmask, internal, scope)) in
        interfaces().into_iter().enumerate()
    {
        let row = Array::new(ctx.clone())?;
        row.set(0, name)?;
        row.set(1, family)?;
        row.set(2, address)?;
        row.set(3, netmask)?;
        row.set(4, internal)?;
        row.set(5, scope)?;
        out.set(i, row)?;
    }
    Ok(out)
}
