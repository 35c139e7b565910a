"""Store → verdicts: every clause for every area of the synthetic national set (issue 8, goal 1).

Not a test: run it by hand and read the figures.

    .venv/bin/python bench/bench_evaluate.py [--scale 2m] [--runs 5] [--backend sqlite]
        [--profile FILE]

For each backend (SQLite; PostgreSQL too when CHITIEU_BENCH_POSTGRES_URL or
CHITIEU_TEST_POSTGRES_URL is set, or ``--backend postgresql``) the database of the
synthetic set is built once and kept (bench/_common.py, under /tmp/chitieu-bench). Then,
each after one warm-up and ``--runs`` timed runs (median, min, max):

- bare scan (the baseline): ``SELECT`` of the observation columns an evaluation needs,
  ``fetchall`` with the database's own client (sqlite3, psycopg), nothing else;
- scan: ``chitieu.store.scan.scan_current`` (approved figures, current per key, columns);
- evaluation step: ``chitieu.core.evaluation.vector.evaluate_all_areas`` on those columns;
- store → verdicts: ``chitieu.services.bulk.evaluate_all_areas``, the two together, at the
  end of the term (final verdicts) and in the term (``--in-term`` year, pace ratios);
- the reference path (``core.evaluation.evaluate_resolution`` per area, on Decimal
  observations already in memory) on a sample of areas, extrapolated to all of them.

Memory: the tracemalloc peak of one store → verdicts call (a separate call: tracemalloc
slows Python down). ``--profile FILE`` writes a pyinstrument profile of one call.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    bench_database,
    machine,
    measure,
    mib,
    peak_memory,
    postgres_url,
    table,
)

from chitieu.core.evaluation import evaluate_resolution
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.vector import evaluate_all_areas as vector_evaluate
from chitieu.services import bulk
from chitieu.store import Store
from chitieu.store.scan import fetch_rows, observations_for, scan_current

BARE_SQL = (
    "SELECT indicator, area, period_start, period_end, value, unit, status, revision, "
    "qualifier FROM observations"
)


def run_backend(backend: str, args: argparse.Namespace) -> list[list[object]]:
    data = bench_database(args.scale, args.seed, backend)
    built = "reused" if data.cached else "built now"
    print(
        f"\n{backend}: {data.rows:,} rows ({data.pending:,} waiting for review), "
        f"loaded in {data.load_seconds:,.1f} s ({built})",
        flush=True,
    )
    rows: list[list[object]] = []
    with Store.open(data.url) as store:
        resolution = store.get_resolution(data.resolution_id)
        codes = [i.code for i in resolution.indicators]
        final = EvaluationSettings(as_of=resolution.period[1])
        interim = EvaluationSettings(as_of=args.in_term)

        bare = measure(lambda: fetch_rows(store, BARE_SQL), args.runs)
        columns = scan_current(store, codes)
        scan = measure(lambda: scan_current(store, codes), args.runs)
        step = measure(
            lambda: vector_evaluate(resolution, columns, final, _fetcher(store, codes)), args.runs
        )
        total = measure(lambda: bulk.evaluate_all_areas(store, data.resolution_id, settings=final),
                        args.runs)  # fmt: skip
        total_in = measure(
            lambda: bulk.evaluate_all_areas(store, data.resolution_id, settings=interim), args.runs
        )
        result = bulk.evaluate_all_areas(store, data.resolution_id, settings=final)
        verdicts = result.verdicts
        cells = verdicts.clause_verdict.size
        memory = peak_memory(
            lambda: bulk.evaluate_all_areas(store, data.resolution_id, settings=final)
        )
        per_area = _reference_per_area(store, resolution, final, args.sample)
        print(
            f"  {len(columns):,} current figures of {columns.scanned:,} approved rows; "
            f"{len(verdicts.areas):,} areas × {len(verdicts.clauses)} clauses = {cells:,} cells, "
            f"{verdicts.referred} decided by the reference path; "
            f"peak traced memory {mib(memory)}",
            flush=True,
        )
        if args.profile:
            _profile(store, data.resolution_id, final, Path(f"{args.profile}.{backend}.txt"))
    for name, stats in (
        ("bare scan (baseline)", bare),
        ("scan (current approved figures → columns)", scan),
        ("evaluation step (vectorised)", step),
        (f"store → verdicts, as of {resolution.period[1]}", total),
        (f"store → verdicts, as of {args.in_term}", total_in),
    ):
        cpu = f"{stats.cpu:,.2f}" if stats.cpu is not None else ""
        rows.append([backend, name, stats.s(), cpu, f"{stats.ratio(bare):.2f}×"])
    ref_total = per_area * len(verdicts.areas)
    rows.append(
        [
            backend,
            f"reference path, evaluation only ({args.sample} areas × {len(verdicts.areas):,})",
            f"≈ {ref_total:,.0f}",
            "",
            f"{ref_total / bare.median:,.0f}×",
        ]
    )
    return rows


def _fetcher(store: Store, codes: list[str]):  # type: ignore[no-untyped-def]
    return lambda pairs: observations_for(store, pairs)


def _reference_per_area(
    store: Store, resolution: object, settings: EvaluationSettings, sample: int
) -> float:
    """Seconds per area of the reference evaluation (figures already read)."""
    areas = [a.code for a in resolution.areas]  # type: ignore[attr-defined]
    chosen = random.Random(1).sample(areas, min(sample, len(areas)))
    local = {a: store.observations(area=a, approved_only=True) for a in chosen}
    started = time.perf_counter()
    for a in chosen:
        evaluate_resolution(dataclasses.replace(resolution, area=a), local[a], settings)  # type: ignore[type-var]
    return (time.perf_counter() - started) / len(chosen)


def _profile(store: Store, rid: str, settings: EvaluationSettings, out: Path) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    bulk.evaluate_all_areas(store, rid, settings=settings)
    profiler.stop()
    out.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    print(f"  profile written to {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="2m")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--in-term", type=int, default=2023, help="as-of year in the term")
    parser.add_argument("--sample", type=int, default=30, help="areas for the reference path")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default=None)
    parser.add_argument("--profile", default=None, help="write pyinstrument profiles to FILE.*")
    args = parser.parse_args()
    if args.runs < 3:
        parser.error("--runs must be at least 3")
    backends = {
        "sqlite": ["sqlite"],
        "postgresql": ["postgresql"],
        "both": ["sqlite", "postgresql"],
    }
    chosen = backends[args.backend] if args.backend else (
        ["sqlite", "postgresql"] if postgres_url() else ["sqlite"]
    )  # fmt: skip
    print(f"# store → verdicts, synthetic {args.scale} (seed {args.seed}), {args.runs} runs")
    print(machine())
    rows: list[list[object]] = []
    for backend in chosen:
        rows += run_backend(backend, args)
    print()
    header = ["backend", "step", "seconds: median (min–max)", "CPU s (this process)", "× bare"]
    print(table(header, rows))


if __name__ == "__main__":
    main()
