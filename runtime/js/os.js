// node:os — facts from uname, sysinfo and /proc, read when asked.
(function (binding, internals) {
  'use strict';
  const info = () => binding.osInfo();
  const env = () => internals.process.env;
  function networkInterfaces() {
    const out = {};
    for (const [name, family, address, netmask, internal, scopeid] of binding.interfaces()) {
      const bits = family === 'IPv4'
        ? netmask.split('.').reduce((n, o) => n + (Number(o).toString(2).match(/1/g) || []).length, 0)
        : netmask.split(':').reduce((n, h) => n + (parseInt(h || '0', 16).toString(2).match(/1/g) || []).length, 0);
      const entry = { address, netmask, family, mac: '00:00:00:00:00:00', internal, cidr: `${address}/${bits}` };
      if (family === 'IPv6') entry.scopeid = scopeid;
      (out[name] ??= []).push(entry);
    }
    return out;
  }
  function userInfo() {
    const i = info();
    const username = env().USER || env().LOGNAME || (i.uid === 0 ? 'root' : '');
    return { uid: i.uid, gid: i.gid, username, homedir: homedir(), shell: env().SHELL || null };
  }
  function homedir() {
    return env().HOME || '/';
  }
  function tmpdir() {
    let t = env().TMPDIR || env().TMP || env().TEMP || '/tmp';
    if (t.length > 1 && t.endsWith('/')) t = t.slice(0, -1);
    return t;
  }
  const constants = {
    signals: { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20 },
    errno: {},
    priority: { PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 },
  };
  return {
    EOL: '\n',
    devNull: '/dev/null',
    constants,
    arch: () => internals.process.arch,
    platform: () => internals.process.platform,
    type: () => info().type,
    release: () => info().release,
    version: () => info().release,
    machine: () => (internals.process.arch === 'x64' ? 'x86_64' : internals.process.arch),
    hostname: () => info().hostname,
    totalmem: () => info().totalmem,
    freemem: () => info().freemem,
    uptime: () => info().uptime,
    loadavg: () => info().loadavg,
    cpus: () => info().cpus,
    availableParallelism: () => info().availableParallelism,
    endianness: () => info().endianness,
    homedir,
    tmpdir,
    userInfo,
    networkInterfaces,
  };
})
