"""Timing and memory helpers shared by the benchmarks (not part of chitieu).

Every benchmark reports the same way (bench/README.md): one warm-up call, then ``runs``
timed calls; the median, minimum and maximum; a ratio to a baseline measured in the
same run (the machine is shared, so absolute figures drift while ratios hold).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("CHITIEU_BENCH_CACHE", "/tmp/chitieu-bench"))


@dataclass(frozen=True)
class Stats:
    """Seconds: median, min and max of the timed runs."""

    median: float
    min: float
    max: float
    runs: int
    cpu: float | None = None  # median CPU seconds of this process (less sensitive to load)

    def ms(self) -> str:
        return f"{self.median * 1e3:,.1f} ({self.min * 1e3:,.1f}–{self.max * 1e3:,.1f})"

    def s(self) -> str:
        return f"{self.median:,.2f} ({self.min:,.2f}–{self.max:,.2f})"

    def ratio(self, baseline: Stats) -> float:
        return self.median / baseline.median if baseline.median else float("inf")


def measure(fn: Callable[[], object], runs: int = 5, warmup: int = 1) -> Stats:
    """Time ``fn()``: ``warmup`` untimed calls, then ``runs`` timed ones."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    for _ in range(warmup):
        fn()
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return Stats(statistics.median(times), min(times), max(times), runs, statistics.median(cpu))


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """One call and its duration in seconds."""
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def peak_memory(fn: Callable[[], object]) -> int:
    """Peak bytes allocated by Python objects during ``fn()`` (tracemalloc).

    tracemalloc slows the call down (2–3×): measure time and memory in separate calls.
    It sees NumPy buffers too (NumPy reports its allocations to it), not C libraries'
    own heaps (SQLite's page cache); for the whole process use :func:`max_rss_of`.
    """
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def max_rss() -> int:
    """This process's peak resident set size in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def max_rss_of(args: Sequence[str]) -> tuple[int, float, str]:
    """Run a Python script in a fresh process: its peak RSS in bytes, seconds and stdout.

    A fresh process, so the peak is this job's alone (RSS never shrinks in a process);
    ``os.wait4`` gives that child's own usage, not the maximum over all children.
    """
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, args, out)
    return usage.ru_maxrss * 1024, elapsed, out


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def machine() -> str:
    """One line naming the machine, for the header of every table."""
    cpus = os.cpu_count()
    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover
        load = float("nan")
    mem = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            kib = int(f.readline().split()[1])
        mem = f", {kib / 2**20:.1f} GiB RAM"
    except OSError:  # pragma: no cover
        pass
    return (
        f"{platform.machine()} {cpus} CPU{mem}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, load average {load:.1f}"
    )


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


# -- benchmark databases -------------------------------------------------------------

OBS_COLUMNS = (
    "indicator, area, period_start, period_end, value, unit, status, qualifier, revision, "
    "source_document, source_section, source_line, source_url, source_date, source_quote, "
    "note, reason, recorded_at, recorded_by, dataset"
)
#: Every tenth correction is left waiting for review: the approval rule has work to do.
PENDING_EVERY = 10


@dataclass(frozen=True)
class BenchData:
    """A loaded benchmark database: where it is and what it holds."""

    url: str
    backend: str
    resolution_id: str
    rows: int  # observation rows in the database
    pending: int  # rows waiting for review (not approved)
    load_seconds: float  # generation excluded; 0 when reused from the cache
    cached: bool


def dataset_dir(scale: str, seed: int) -> Path:
    """Generate the synthetic folder once per scale, seed and generator version."""
    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic

    folder = CACHE / f"syn-{scale}-s{seed}-v{synthetic.GENERATOR_VERSION}"
    if not (folder / "summary.json").exists():
        synthetic.generate(folder, scale, seed)
    return folder


def postgres_url() -> str | None:
    return os.environ.get("CHITIEU_BENCH_POSTGRES_URL") or os.environ.get(
        "CHITIEU_TEST_POSTGRES_URL"
    )


def bench_database(scale: str, seed: int, backend: str) -> BenchData:
    """The benchmark database for scale × seed on ``backend`` (sqlite | postgresql).

    Built once and kept (SQLite: a file under CACHE; PostgreSQL: a database named for
    the key), because loading 10 M rows takes minutes; a marker written after the load
    says it is complete. Figures are written with the database's own bulk path
    (sqlite3 ``executemany``, PostgreSQL ``COPY``), not with ``chitieu load``: loading
    speed is the import benchmark's subject, not this one's.
    """
    import sqlalchemy as sa

    from chitieu.services import load_path
    from chitieu.store import Store

    folder = dataset_dir(scale, seed)
    key = folder.name.replace("-", "_").replace(".", "_")
    if backend == "sqlite":
        path = CACHE / f"{key}.sqlite3"
        url = f"sqlite:///{path}"
        marker = CACHE / f"{key}.sqlite3.done"
    else:
        base = postgres_url()
        if not base:
            raise RuntimeError("set CHITIEU_BENCH_POSTGRES_URL or CHITIEU_TEST_POSTGRES_URL")
        from chitieu.store.db import normalize_url

        admin = normalize_url(base)
        name = f"chitieu_bench_{key}"
        url = admin.set(database=name).render_as_string(hide_password=False)
        marker = CACHE / f"{key}.postgresql.done"
    rid = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    summary_rows = rid["rows"]
    if marker.exists():
        done = json.loads(marker.read_text(encoding="utf-8"))
        return BenchData(
            url,
            backend,
            done["resolution_id"],
            done["rows"],
            done["pending"],
            done["load_seconds"],
            True,
        )
    CACHE.mkdir(parents=True, exist_ok=True)
    if backend == "sqlite":
        path.unlink(missing_ok=True)
    else:
        engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        engine.dispose()
    started = time.perf_counter()
    with Store.open(url) as store:
        store.init()
        report = load_path(store, folder / "resolution.yaml", loaded_by="bench")
        assert report.resolution is not None
        resolution_id = report.resolution.id
        raw = store.engine.raw_connection()
        try:
            if backend == "sqlite":  # the engine's connections are in autocommit mode
                raw.cursor().execute("BEGIN")
            rows = _bulk_insert(raw, backend, folder / "observations.csv", 1)
            rows += _bulk_insert(raw, backend, folder / "revisions.csv", 2)
            pending = _leave_pending(raw, backend)
            raw.commit()
        finally:
            raw.close()
    load_seconds = time.perf_counter() - started
    assert rows == summary_rows + rid["revision_rows"]
    marker.write_text(
        json.dumps(
            {
                "resolution_id": resolution_id,
                "rows": rows,
                "pending": pending,
                "load_seconds": round(load_seconds, 2),
            }
        ),
        encoding="utf-8",
    )
    return BenchData(url, backend, resolution_id, rows, pending, load_seconds, False)


def _bulk_insert(raw: object, backend: str, csv_path: Path, revision: int) -> int:
    import csv
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    stamp = now.replace(tzinfo=None).isoformat(sep=" ") if backend == "sqlite" else now
    cur = raw.cursor()  # type: ignore[attr-defined]
    count = 0
    with csv_path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)

        def rows() -> object:
            nonlocal count
            for ind, area, period, value, unit, status, doc in reader:
                start, _, end = period.partition("-")
                count += 1
                yield (
                    ind,
                    area,
                    int(start),
                    int(end or start),
                    value,
                    unit,
                    status,
                    "exact",
                    revision,
                    doc,
                    "",
                    None,
                    "",
                    "",
                    "",
                    "",
                    "",
                    stamp,
                    "bench",
                    "synthetic",
                )

        if backend == "sqlite":
            marks = ", ".join("?" * 20)
            cur.executemany(f"INSERT INTO observations ({OBS_COLUMNS}) VALUES ({marks})", rows())
        else:
            with cur.copy(f"COPY observations ({OBS_COLUMNS}) FROM STDIN") as copy:
                for row in rows():  # type: ignore[attr-defined]
                    copy.write_row(row)
    cur.close()
    return count


def _leave_pending(raw: object, backend: str) -> int:
    """Every PENDING_EVERY-th revision-2 figure gets a 'submitted' review: not approved."""
    cur = raw.cursor()  # type: ignore[attr-defined]
    now = "CURRENT_TIMESTAMP"
    cur.execute(
        "INSERT INTO observation_reviews (observation_id, action, actor, at, comment) "
        f"SELECT id, 'submitted', 'bench', {now}, '' FROM observations "
        f"WHERE revision = 2 AND id % {PENDING_EVERY} = 0"
    )
    cur.execute("SELECT count(*) FROM observation_reviews")
    pending = int(cur.fetchone()[0])
    cur.close()
    return pending
