#!/usr/bin/env python3
"""Checks dyno's numbers against the reference tools on this machine, interleaved.

  scripts/agreement.py startup   dyno bench startup vs hyperfine -N (node, bun, dynojs)
  scripts/agreement.py http      dyno's generator vs wrk against the same servers, c=64
  scripts/agreement.py capacity  one generator core each against dyno's hyper server

Needs hyperfine and wrk (Debian packages), a release build (cargo build --release) and
the runtimes (`dyno runtimes install bun deno`). Prints a table per check; the
benchmarks issue's targets: start-up medians within 10% of hyperfine's, req/s and p50
within 10% of wrk's, generator CPU per request no more than wrk's.
"""

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DYNO = os.path.join(ROOT, "target/release/dyno")
REPS = int(os.environ.get("REPS", "5"))


def runtimes():
    out = subprocess.run([DYNO, "--format", "json", "runtimes"], capture_output=True, text=True, check=True)
    return {r["name"]: r for r in json.loads(out.stdout)}


def pick(rts, name):
    if name in rts:
        return rts[name]
    matches = sorted(k for k in rts if k.startswith(name + "@"))
    return rts[matches[-1]] if matches else None


def startup():
    rts = runtimes()
    prog = os.path.join(ROOT, "suites/bench/startup/hello.js")
    rows = []
    for name in ["node", "bun", "dynojs"]:
        rt = pick(rts, name)
        if not rt:
            print(f"{name}: not installed, skipped")
            continue
        rows.append((name, rt))
    dyno_med = {n: [] for n, _ in rows}
    hf_med = {n: [] for n, _ in rows}
    # Tool against tool: per repetition and runtime, one dyno run (that runtime beside
    # the floor) then one hyperfine run. dyno's own cross-runtime alternation leaves
    # caches cold for the next runtime, which hyperfine's back-to-back runs never see;
    # that is a method difference, not a measurement one, so it is kept out of here.
    for rep in range(REPS):
        for n, rt in rows:
            with tempfile.TemporaryDirectory() as d:
                out = os.path.join(d, "r.json")
                args = [DYNO, "bench", "startup", prog, "--runs", "30", "--warmup-runs", "3", "--out", out, "-q",
                        "-r", rt["name"]]
                subprocess.run(args, check=True, capture_output=True)
                doc = json.load(open(out))
                for r in doc["benchmarks"]:
                    if r["metric"] == "wall" and r["runtime"] == rt["name"]:
                        dyno_med[n].append(r["summary"]["median"])
            cmd = " ".join([rt["path"], *rt.get("args", []), prog])
            with tempfile.TemporaryDirectory() as d:
                out = os.path.join(d, "h.json")
                # The same sanitized environment dyno gives children: the caller's
                # variables leak into hyperfine's runs otherwise (NODE_EXTRA_CA_CERTS
                # alone adds ~80 ms to node's start-up here).
                env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
                subprocess.run(["hyperfine", "-N", "-w", "3", "-r", "30", "--export-json", out, cmd],
                               check=True, capture_output=True, env=env, cwd=d)
                hf_med[n].append(json.load(open(out))["results"][0]["median"] * 1e3)
    print(f"start-up, suites/bench/startup/hello.js, {REPS} interleaved repetitions of 30 runs each")
    print(f"{'runtime':10} {'dyno median ms':>15} {'hyperfine median ms':>20} {'dyno/hyperfine':>15}  (median of per-repetition ratios)")
    for n, _ in rows:
        d, h = statistics.median(dyno_med[n]), statistics.median(hf_med[n])
        paired = statistics.median(a / b for a, b in zip(dyno_med[n], hf_med[n]))
        print(f"{n:10} {d:15.2f} {h:20.2f} {paired:15.3f}")
        if os.environ.get("VERBOSE"):
            print(f"  dyno per repetition:      {[round(x, 2) for x in dyno_med[n]]}")
            print(f"  hyperfine per repetition: {[round(x, 2) for x in hf_med[n]]}")


def start_server(cmd, cpu):
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "PORT": "0"}
    p = subprocess.Popen(["taskset", "-c", str(cpu), *cmd], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         env=env, text=True, cwd=tempfile.gettempdir())
    line = p.stdout.readline()
    m = re.search(r"DYNO_READY port=(\d+)", line)
    if not m:
        p.kill()
        raise SystemExit(f"{cmd}: no readiness line: {line!r}")
    return p, int(m.group(1))


def wrk(port, conns, secs, cpu):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(["taskset", "-c", str(cpu), "wrk", "-t1", f"-c{conns}", f"-d{secs}s", "--latency",
                          f"http://127.0.0.1:{port}/"], capture_output=True, text=True, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))

    def ms(label):
        v, unit = re.search(rf"\s{label}\s+([\d.]+)(us|ms|s)", out).groups()
        return float(v) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[unit]

    return rps, ms("50%"), ms("99%"), cpu_s * 1e6 / total


def dyno_load(port, conns, secs, cpu):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "r.json")
        subprocess.run([DYNO, "bench", "http", "--url", f"http://127.0.0.1:{port}/", "--connections", str(conns),
                        "--duration", f"{secs}s", "--warmup", "0.5s", "--repeat", "1", "--client-cpus", str(cpu),
                        "--server-cpus", "0", "--out", out, "-q"], check=True, capture_output=True)
        doc = json.load(open(out))
    get = lambda m: next(r for r in doc["benchmarks"] if r["metric"] == m)["summary"]["median"]
    return get("requests_per_second"), get("latency_p50"), get("latency_p99"), get("generator_cpu_per_request")


def http():
    rts = runtimes()
    servers = []
    for name, prog in [("node", "node-http-hello.js"), ("bun", "node-http-hello.js"), ("bun", "bun-serve-hello.js")]:
        rt = pick(rts, name)
        if rt:
            servers.append((f"{name} {prog}", [rt["path"], os.path.join(ROOT, "suites/bench/http", prog)]))
    conns, secs = 64, 5
    print(f"HTTP c={conns}, {secs} s windows, server on CPU 0, generator (1 thread) on CPU 1, {REPS} interleaved repetitions")
    print(f"{'server':28} {'tool':5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'gen us/req':>11}")
    for label, cmd in servers:
        p, port = start_server(cmd, 0)
        try:
            res = {"wrk": [], "dyno": []}
            for _ in range(REPS):
                res["wrk"].append(wrk(port, conns, secs, 1))
                res["dyno"].append(dyno_load(port, conns, secs, 1))
            meds = {}
            for tool, rows in res.items():
                meds[tool] = [statistics.median(col) for col in zip(*rows)]
                print(f"{label:28} {tool:5} {meds[tool][0]:9.0f} {meds[tool][1]:8.3f} {meds[tool][2]:8.3f} {meds[tool][3]:11.2f}")
            # Adjacent runs share the machine's state of the moment: the median of the
            # per-repetition ratios cancels drift that the ratio of medians keeps.
            r = [statistics.median(d[i] / w[i] for d, w in zip(res["dyno"], res["wrk"])) for i in range(4)]
            print(f"{'':28} {'ratio':5} {r[0]:9.3f} {r[1]:8.3f} {r[2]:8.3f} {r[3]:11.3f}  (median of per-repetition ratios)")
        finally:
            p.kill()


def capacity():
    p, port = start_server([DYNO, "internal", "ceiling-server"], 0)
    try:
        print("one generator core (CPU 1) against dyno's hyper server (CPU 0), c=64, 5 s")
        print(f"{'tool':5} {'req/s':>9} {'gen us/req':>11}")
        rows = {"wrk": [], "dyno": []}
        for _ in range(REPS):
            rows["wrk"].append(wrk(port, 64, 5, 1))
            rows["dyno"].append(dyno_load(port, 64, 5, 1))
        for tool, rs in rows.items():
            print(f"{tool:5} {statistics.median(r[0] for r in rs):9.0f} {statistics.median(r[3] for r in rs):11.2f}")
        r = [statistics.median(d[i] / w[i] for d, w in zip(rows["dyno"], rows["wrk"])) for i in (0, 3)]
        print(f"ratio {r[0]:9.3f} {r[1]:11.3f}  (median of per-repetition ratios)")
    finally:
        p.kill()


if __name__ == "__main__":
    {"startup": startup, "http": http, "capacity": capacity}[sys.argv[1] if len(sys.argv) > 1 else "startup"]()
