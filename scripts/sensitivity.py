#!/usr/bin/env python3
"""Sensitivity and false alarms of `dyno compare`, measured with real runs.

BASE runs node through a wrapper script (`sleep 0; exec node "$@"`); NEW runs it through
the same wrapper with `sleep D`, where D is 5% of node's own start-up median (measured
first, in the same session). Each trial is two fresh `dyno bench startup -b hello.js`
runs and one `dyno compare --fail-on regression`; a trial is "flagged" when compare exits 1.
A/A trials use the unchanged wrapper on both sides.

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


def bench(runtime_cmd: str, out: Path) -> None:
    subprocess.run(
        [str(DYNO), "-q", "bench", "startup", "-b", "hello.js", "--runtime", f"node={runtime_cmd}",
         "--out", str(out)],
        check=True, stdout=subprocess.DEVNULL, cwd=ROOT)


def median_wall(results: Path) -> float:
    doc = json.loads(results.read_text())
    for b in doc["benchmarks"]:
        if b["benchmark"] == "startup/hello.js" and b["runtime"] == "node" and b["metric"] == "wall":
            return b["summary"]["median"]
    raise SystemExit(f"no node wall median in {results}")


def compare(base: Path, new: Path, threshold: str) -> tuple[int, str]:
    p = subprocess.run(
        [str(DYNO), "compare", str(base), str(new), "--fail-on", "regression", "--threshold", threshold,
         "-b", "startup/hello.js", "--metric", "wall", "--format", "json"],
        capture_output=True, text=True, cwd=ROOT)
    if p.returncode not in (0, 1):
        raise SystemExit(f"dyno compare failed ({p.returncode}): {p.stderr}")
    row = next(r for r in json.loads(p.stdout)["benchmarks"] if r["runtime"] == "node")
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
    subprocess.run([str(DYNO), "-q", "bench", "startup", "-b", "hello.js", "-r", "node", "--out", str(plain)],
                   check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    delay_s = 0.05 * median_wall(plain) / 1000.0
    wrappers = {}
    for name, sleep in (("base", "0"), ("delayed", f"{delay_s:.6f}")):
        w = out / f"wrap-{name}.sh"
        w.write_text(f'#!/bin/sh\nsleep {sleep}\nexec {node} "$@"\n')
        w.chmod(0o755)
        wrappers[name] = str(w)
    print(f"node start-up median {median_wall(plain):.2f} ms → added delay {delay_s * 1000:.3f} ms", flush=True)
    thresholds = args.thresholds.split(",")
    counts = {(kind, t): 0 for kind in ("delayed", "A/A") for t in thresholds}
    for trial in range(1, args.trials + 1):
        for kind, new_wrapper in (("delayed", wrappers["delayed"]), ("A/A", wrappers["base"])):
            tag = "delay" if kind == "delayed" else "aa"
            base, new = out / f"{tag}-{trial:02}-base.json", out / f"{tag}-{trial:02}-new.json"
            bench(wrappers["base"], base)
            bench(new_wrapper, new)
            cells = []
            for t in thresholds:
                code, detail = compare(base, new, t)
                counts[(kind, t)] += code == 1
                cells.append(f"threshold {t}: {'FLAGGED' if code == 1 else 'not flagged'}")
            print(f"trial {trial:2} {kind:7} {detail:24} " + ", ".join(cells), flush=True)
    print()
    for (kind, t), n in counts.items():
        print(f"{kind:7} threshold {t:>3}: {n}/{args.trials} flagged as regressions")
    print(f"files: {out}")


if __name__ == "__main__":
    sys.exit(main())
