"""Dump and restore timings (docs/reliability.md, "Dump and restore"); medians of N runs.

    .venv/bin/python bench/bench_archive.py --runs 7                   # the Hải Phòng store
    .venv/bin/python bench/bench_archive.py --runs 3 --store sqlite:////tmp/syn.sqlite3

Without ``--store`` it builds the Hải Phòng store (both resolutions, as ``make run`` loads
them) in every run and uses that load as the baseline; with ``--store`` (e.g. a store
loaded from ``bench/synthetic.py --scale 0.2m``) the baseline is reading every figure
through ``Store.observations()``. With ``CHITIEU_TEST_POSTGRES_URL`` set it also restores
into, and dumps from, a fresh PostgreSQL database per run. Ratios are to the baseline
measured in the same run, because the absolute times on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from chitieu import services
from chitieu.store import Store, archive

PG = os.environ.get("CHITIEU_TEST_POSTGRES_URL", "").strip()


def timed(times: dict[str, list[float]], name: str, action: Callable[[], object]) -> None:
    started = time.perf_counter()
    action()
    times.setdefault(name, []).append(time.perf_counter() - started)


def postgres_database() -> tuple[Store, Callable[[], None]]:
    name = "bench_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(PG).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    return Store.open(url), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", default=None, help="dump this store instead of Hải Phòng")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chitieu-bench-archive-"))
    times: dict[str, list[float]] = {}
    path = work / "a.zip"
    manifest = None
    for _ in range(args.runs):
        if args.store:
            source = Store.open(args.store)
            timed(times, "baseline: read every figure", source.observations)
        else:
            source = Store.open(f"sqlite:///{work / uuid.uuid4().hex}.sqlite3")
            source.init()

            def load(store: Store = source) -> None:
                services.load_dataset(store, "haiphong-xv-2015-2020")
                services.load_dataset(store, "haiphong-xvi-2020-2025")

            timed(times, "baseline: load both datasets", load)
        started = time.perf_counter()
        manifest = archive.dump_to_file(source.engine, path)
        times.setdefault("dump from SQLite", []).append(time.perf_counter() - started)
        source.close()
        target = Store.open(f"sqlite:///{work / uuid.uuid4().hex}.sqlite3")
        target.init()
        timed(times, "restore into SQLite", lambda t=target: archive.restore(t.engine, path))
        target.close()
        if PG:
            pg, drop = postgres_database()
            pg.init()
            timed(times, "restore into PostgreSQL", lambda p=pg: archive.restore(p.engine, path))
            timed(
                times,
                "dump from PostgreSQL",
                lambda p=pg: archive.dump_to_file(p.engine, work / "pg.zip"),
            )
            pg.close()
            drop()
    assert manifest is not None
    print("rows per table:", {t.name: t.rows for t in manifest.tables})
    print(f"rows: {manifest.total_rows}; archive: {path.stat().st_size} bytes;", end=" ")
    print(f"uncompressed tables: {sum(t.bytes for t in manifest.tables)} bytes")
    baseline = next(v for k, v in times.items() if k.startswith("baseline"))
    base = statistics.median(baseline)
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"{name:30s} median {median * 1000:9.1f} ms  (min {min(values) * 1000:.1f},"
            f" max {max(values) * 1000:.1f}, n={len(values)})  ratio {median / base:.2f}"
        )


if __name__ == "__main__":
    main()
