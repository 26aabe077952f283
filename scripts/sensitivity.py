#!/usr/bin/env python3
"""Sensitivity and false alarms of `dyno compare`, measured with real runs.

BASE runs node through a wrapper script (`sleep 0; exec node "$@"`); NEW runs it through
the same wrapper with `sleep D`, where D is 5% of node's own start-up median (measured
first, in the same session). A trial is "flagged" when `dyno compare --fail-on regression`
exits 1. A/A trials use the unchanged wrapper on both sides (a byte-identical copy).

Two protocols per trial:
- paired: one `dyno bench startup` run with both wrappers as runtimes (alternating round
  by round), then `dyno compare FILE --runtimes base,new`;
- separate: two `dyno bench startup` runs one after the other (as two nights would be),
  then `dyno compare BASE NEW`.

Usage: scripts/sensitivity.py [--trials 20] [--thresholds 2%,5%] [--out DIR]
Prints one line per trial and the counts; everything lands in DIR (default: a temp dir).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DYNO = ROOT / "target" / "release" / "dyno"


def bench(runtimes: list[str], out: Path) -> None:
    cmd = [str(DYNO), "-q", "bench", "startup", "-b", "hello.js", "--out", str(out)]
    for r in runtimes:
        cmd += ["--runtime", r]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)


def median_wall(results: Path) -> float:
    doc = json.loads(results.read_text())
    for b in doc["benchmarks"]:
        if b["benchmark"] == "startup/hello.js" and b["runtime"] == "node" and b["metric"] == "wall":
            return b["summary"]["median"]
    raise SystemExit(f"no node wall median in {results}")


def compare(files: list[str], threshold: str) -> tuple[int, str]:
    p = subprocess.run(
        [str(DYNO), "compare", *files, "--fail-on", "regression", "--threshold", threshold,
         "-b", "startup/hello.js", "--metric", "wall", "--format", "json"],
        capture_output=True, text=True, cwd=ROOT)
    if p.returncode not in (0, 1):
        raise SystemExit(f"dyno compare failed ({p.returncode}): {p.stderr}")
    row = next(r for r in json.loads(p.stdout)["benchmarks"] if not r["reference"])
    return p.returncode, f"{(row['ratio'] - 1) * 100:+.2f}% p={row['p_value']:.2g}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--thresholds", default="2%,5%")
    ap.add_argument("--out")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--locked", "-p", "dyno"], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = Path(args.out or tempfile.mkdtemp(prefix="dyno-sensitivity-"))
    out.mkdir(parents=True, exist_ok=True)
    node = subprocess.run(["sh", "-c", "command -v node"], capture_output=True, text=True).stdout.strip()
    plain = out / "node-plain.json"
    bench(["node"], plain)
    delay_s = 0.05 * median_wall(plain) / 1000.0
    wrappers = {}
    for name, sleep in (("base", "0"), ("copy", "0"), ("delayed", f"{delay_s:.6f}")):
        w = out / f"wrap-{name}.sh"
        w.write_text(f'#!/bin/sh\nsleep {sleep}\nexec {node} "$@"\n')
        w.chmod(0o755)
        wrappers[name] = str(w)
    print(f"node start-up median {median_wall(plain):.2f} ms → added delay {delay_s * 1000:.3f} ms", flush=True)
    thresholds = args.thresholds.split(",")
    kinds = (("delayed", "delayed"), ("A/A", "copy"))
    protocols = ("paired", "separate")
    counts = {(p, k, t): 0 for p in protocols for k, _ in kinds for t in thresholds}
    for trial in range(1, args.trials + 1):
        for kind, other in kinds:
            tag = "delay" if kind == "delayed" else "aa"
            for protocol in protocols:
                if protocol == "paired":
                    f = out / f"paired-{tag}-{trial:02}.json"
                    bench([f"base={wrappers['base']}", f"new={wrappers[other]}"], f)
                    files = [str(f), "--runtimes", "base,new"]
                else:
                    base, new = out / f"separate-{tag}-{trial:02}-base.json", out / f"separate-{tag}-{trial:02}-new.json"
                    bench([f"node={wrappers['base']}"], base)
                    bench([f"node={wrappers[other]}"], new)
                    files = [str(base), str(new)]
                cells = []
                for t in thresholds:
                    code, detail = compare(files, t)
                    counts[(protocol, kind, t)] += code == 1
                    cells.append(f"{t}: {'FLAGGED' if code == 1 else '-'}")
                print(f"trial {trial:2} {protocol:8} {kind:7} {detail:24} " + ", ".join(cells), flush=True)
    print()
    for (protocol, kind, t), n in counts.items():
        print(f"{protocol:8} {kind:7} threshold {t:>3}: {n}/{args.trials} flagged as regressions")
    print(f"files: {out}")


if __name__ == "__main__":
    sys.exit(main())
