"""Store → verdicts at 0,2 M, 2 M and 10 M figures: time, memory and load time (goal 6).

Not a test: run it by hand.

    .venv/bin/python bench/bench_scaling.py [--scales 0.2m,2m,10m] [--runs 3]
        [--backend sqlite|postgresql]

Each scale's database is built once and kept under /tmp/chitieu-bench (key: scale, seed,
generator version; bench/_common.py), its load time recorded then. Each measurement runs
in a fresh process, so its peak resident memory (``ru_maxrss`` of that child, via
``os.wait4``) is this job's alone: the bare scan (baseline) and store → verdicts
(``services.bulk.evaluate_all_areas``), each ``--runs`` times after a warm-up, median
reported with the CPU seconds of the process. The last column is the time per row
relative to the first scale: 1,0 everywhere is linear.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))

from _common import bench_database, machine, max_rss_of, measure, mib, table  # noqa: E402

BARE_SQL = (
    "SELECT indicator, area, period_start, period_end, value, unit, status, revision, "
    "qualifier FROM observations"
)


def child(scale: str, seed: int, backend: str, runs: int, what: str) -> None:
    """One measurement in this process; prints a JSON line."""
    from chitieu.services import bulk
    from chitieu.store import Store
    from chitieu.store.scan import fetch_rows

    data = bench_database(scale, seed, backend)
    with Store.open(data.url) as store:
        if what == "bare":
            stats = measure(lambda: fetch_rows(store, BARE_SQL), runs)
            extra: dict[str, object] = {}
        else:
            result = bulk.evaluate_all_areas(store, data.resolution_id)
            stats = measure(lambda: bulk.evaluate_all_areas(store, data.resolution_id), runs)
            v = result.verdicts
            extra = {
                "figures": result.figures,
                "cells": int(v.clause_verdict.size),
                "referred": v.referred,
                "areas": len(v.areas),
            }
    out = {"median": stats.median, "min": stats.min, "max": stats.max, "cpu": stats.cpu}
    print(json.dumps({**out, **extra, "rows": data.rows, "load": data.load_seconds}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="0.2m,2m,10m")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--child", nargs=2, metavar=("SCALE", "WHAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.seed, args.backend, args.runs, args.child[1])
        return
    print(f"# store → verdicts by scale, {args.backend}, {args.runs} runs after a warm-up")
    print(machine())
    rows: list[list[object]] = []
    first_per_row: float | None = None
    for scale in args.scales.split(","):
        # build (or find) the database in its own process, so that the measuring
        # processes' memory peaks are their own
        subprocess.run(
            [sys.executable, "-c", _BUILD, scale, str(args.seed), args.backend],
            check=True,
            cwd=HERE.parent,
        )
        common = [str(HERE), "--seed", str(args.seed), "--runs", str(args.runs)]
        common += ["--backend", args.backend]
        bare_rss, _, bare_out = max_rss_of([*common, "--child", scale, "bare"])
        rss, _, out = max_rss_of([*common, "--child", scale, "verdicts"])
        bare, res = json.loads(bare_out), json.loads(out)
        per_row = res["median"] / res["rows"]
        first_per_row = first_per_row or per_row
        rows.append(
            [
                scale,
                f"{res['rows']:,}",
                f"{res['areas']:,} × {res['cells'] // res['areas']}",
                f"{res['load']:,.0f}",
                f"{bare['median']:,.2f} ({bare['cpu']:,.2f})",
                f"{res['median']:,.2f} ({res['cpu']:,.2f})",
                f"{res['median'] / bare['median']:.2f}×",
                f"{per_row * 1e6:,.2f}",
                f"{mib(bare_rss)} / {mib(rss)}",
                f"{per_row / first_per_row:.2f}",
            ]
        )
        print(f"  {scale}: done", flush=True)
    print()
    header = [
        "scale",
        "rows",
        "areas × clauses",
        "load s (once)",
        "bare scan s (CPU)",
        "store → verdicts s (CPU)",
        "× bare",
        "µs / row",
        "peak RSS bare / verdicts",
        "per row vs first",
    ]
    print(table(header, rows))


_BUILD = (
    "import sys; sys.path.insert(0, '.'); from _common import bench_database; "
    "bench_database(sys.argv[1], int(sys.argv[2]), sys.argv[3])"
)

if __name__ == "__main__":
    main()
