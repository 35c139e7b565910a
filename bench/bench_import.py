"""Time the imports of figures: `chitieu load` of a 1 M-row CSV, `chitieu import` of a CSV and
of a 100 k-row workbook, against a bare ``executemany`` (and COPY) of the same rows.

Not a test: run it by hand (``make bench``) and read the figures.

    .venv/bin/python bench/bench_import.py [--rows 1000000] [--xlsx-rows 100000] [--runs 3]
        [--backend sqlite|postgresql|both]

The rows are the first ``--rows`` figures of the synthetic national dataset
(``bench/synthetic.py --scale 2m --seed 1``), its definition loaded first; the workbook
holds the first ``--xlsx-rows`` yearly figures in the agency template's layout
(``exchange/template.py``). Each run is a fresh process on a fresh copy of a prepared
database (SQLite: a file copy; PostgreSQL: ``CREATE DATABASE … TEMPLATE``), so one run's
rows never slow the next and the peak memory is that run's own. Cases:

* ``bare``: the rows, already parsed into tuples (parsing not timed), inserted by the
  driver alone in one transaction: sqlite3 ``executemany`` with the store's PRAGMAs
  (WAL, foreign keys); psycopg ``executemany`` and ``COPY``. The baseline.
* ``load csv``: what ``chitieu load FILE.csv`` does (read, check every row against the
  stored indicators and areas, write in one transaction), split into parse and write.
* ``load dir``: ``chitieu load DIR`` on an empty database (definition + figures).
* ``import csv``, ``import xlsx``: ``chitieu import`` — the review workflow: every figure
  is *submitted*, with a review step and an audit row each.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CACHE, OBS_COLUMNS, dataset_dir, machine, max_rss_of, mib, postgres_url

HERE = Path(__file__).resolve()


# -- data ---------------------------------------------------------------------------------


def import_dir(rows: int) -> Path:
    """A dataset folder: the synthetic definition and the first ``rows`` figures."""
    source = dataset_dir("2m", 1)
    folder = CACHE / f"import-{rows}"
    done = folder / ".done"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "resolution.yaml", folder / "resolution.yaml")
    with (
        (source / "observations.csv").open(encoding="utf-8", newline="") as src,
        (folder / "observations.csv").open("w", encoding="utf-8", newline="") as out,
    ):
        out.write(src.readline())
        for i, line in enumerate(src):
            if i >= rows:
                break
            out.write(line)
    done.write_text("ok", encoding="utf-8")
    return folder


def workbook(rows: int) -> Path:
    """The agency template's layout with ``rows`` filled yearly figures (written once)."""
    from openpyxl import Workbook

    from chitieu.core.observations import Status
    from chitieu.definitions.resolution import load_resolution_text
    from chitieu.exchange.template_xlsx import COLUMNS, DATA_SHEET, FORMAT, META_SHEET

    path = CACHE / f"import-{rows}.xlsx"
    if path.exists():
        return path
    source = dataset_dir("2m", 1)
    text = (source / "resolution.yaml").read_text(encoding="utf-8")
    resolution = load_resolution_text(text, "resolution.yaml")
    names = {i.code: i.name.vi for i in resolution.indicators}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(DATA_SHEET)
    ws.append([c.header for c in COLUMNS])
    written = 0
    with (source / "observations.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            if "-" in row["period"]:
                continue  # the template holds yearly figures only
            label = Status(row["status"]).label.vi
            ws.append(
                [
                    row["indicator"],
                    names[row["indicator"]],
                    row["unit"],
                    row["area"],
                    int(row["period"]),
                    float(row["value"]),
                    label,
                    row["source_document"],
                    None,
                ]
            )
            written += 1
            if written >= rows:
                break
    meta = wb.create_sheet(META_SHEET)
    for key, value in (("format", FORMAT), ("resolution", resolution.id)):
        meta.append([key, value])
    tmp = path.with_suffix(".tmp.xlsx")
    wb.save(tmp)
    tmp.rename(path)
    return path


# -- databases ----------------------------------------------------------------------------


class Databases:
    """Prepared databases (schema, or schema + definition) and fresh copies of them."""

    def __init__(self, backend: str, folder: Path) -> None:
        self.backend = backend
        self.folder = folder
        self.key = f"f_import_{uuid.uuid4().hex[:8]}"
        self.templates: dict[str, str] = {}
        self.copies: list[str] = []

    def _url(self, name: str) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{CACHE / 'import-db' / name}.sqlite3"
        from chitieu.store.db import normalize_url

        base = postgres_url()
        assert base
        return normalize_url(base).set(database=name).render_as_string(hide_password=False)

    def _admin(self, sql: str) -> None:
        import sqlalchemy as sa

        from chitieu.store.db import normalize_url

        base = postgres_url()
        assert base
        engine = sa.create_engine(normalize_url(base), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(sql)
        finally:
            engine.dispose()

    def prepare(self) -> None:
        from chitieu.services import load_path
        from chitieu.store import Store

        (CACHE / "import-db").mkdir(parents=True, exist_ok=True)
        for kind in ("empty", "defined"):
            name = f"{self.key}_{kind}"
            if self.backend == "postgresql":
                self._admin(f'CREATE DATABASE "{name}"')
            url = self._url(name)
            with Store.open(url) as store:
                store.init()
                if kind == "defined":
                    load_path(store, self.folder / "resolution.yaml", loaded_by="bench")
            self.templates[kind] = name

    def fresh(self, kind: str) -> str:
        name = f"{self.key}_run{len(self.copies)}"
        template = self.templates[kind]
        if self.backend == "sqlite":
            src = CACHE / "import-db" / f"{template}.sqlite3"
            shutil.copy(src, CACHE / "import-db" / f"{name}.sqlite3")
        else:
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        self.copies.append(name)
        return self._url(name)

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1].removesuffix(".sqlite3")
        if self.backend == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                (CACHE / "import-db" / f"{name}.sqlite3{suffix}").unlink(missing_ok=True)
        else:
            # WITH (FORCE) may meet an autovacuum worker that only pg_signal_backend may end
            # (CI grants it; a developer's role may lack it): wait and try again.
            import sqlalchemy as sa

            for attempt in range(10):
                try:
                    self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    return
                except sa.exc.ProgrammingError:
                    if attempt == 9:
                        raise
                    time.sleep(1 + attempt)

    def close(self) -> None:
        for name in self.templates.values():
            self.drop(self._url(name))


# -- one measured case, in a child process ---------------------------------------------------


def _tuples(csv_path: Path, backend: str) -> list[tuple[Any, ...]]:
    now = datetime.now(UTC)
    stamp = now.replace(tzinfo=None).isoformat(sep=" ") if backend == "sqlite" else now
    out = []
    with csv_path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for ind, area, period, value, unit, status, doc in reader:
            start, _, end = period.partition("-")
            first, last = int(start), int(end or start)
            tail = ("", None, "", "", "", "", "", stamp, "bench", "bench")
            out.append((ind, area, first, last, value, unit, status, "exact", 1, doc, *tail))
    return out


def child(case: str, url: str, path: Path, xlsx_rows: int) -> dict[str, float]:
    """Run one case and return its timings (seconds)."""
    from chitieu import services
    from chitieu.exchange.figures_csv import load_observations_csv
    from chitieu.services import exchange
    from chitieu.store import Store

    if case.startswith("bare"):
        rows = _tuples(path, "postgresql" if url.startswith("postgresql") else "sqlite")
        marks = ", ".join("?" * 20)
        started = time.perf_counter()
        if url.startswith("sqlite"):
            import sqlite3

            con = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
            con.execute("PRAGMA foreign_keys=ON")
            con.execute("PRAGMA journal_mode=WAL")
            started = time.perf_counter()
            con.execute("BEGIN IMMEDIATE")
            con.executemany(f"INSERT INTO observations ({OBS_COLUMNS}) VALUES ({marks})", rows)
            con.execute("COMMIT")
            con.close()
        else:
            import psycopg

            dsn = url.replace("postgresql+psycopg://", "postgresql://")
            with psycopg.connect(dsn) as con, con.cursor() as cur:
                started = time.perf_counter()
                if case == "bare-copy":
                    with cur.copy(f"COPY observations ({OBS_COLUMNS}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    marks = ", ".join(["%s"] * 20)
                    cur.executemany(
                        f"INSERT INTO observations ({OBS_COLUMNS}) VALUES ({marks})", rows
                    )
                con.commit()
        return {"total": time.perf_counter() - started}
    with Store.open(url) as store:
        store.init()  # nothing to do: the copy is at the newest revision
        started = time.perf_counter()
        if case == "load-csv":  # services.load_path for a .csv, with the phases apart
            indicators = {i.code: i for i in store.indicators()}
            areas = [a.code for a in store.areas()]
            obs = load_observations_csv(path, indicators=indicators, areas=areas)
            parsed = time.perf_counter()
            added = store.add_observations(obs, recorded_by="bench", dataset=path.name)
            assert added.inserted == len(obs)
            end = time.perf_counter()
            return {"total": end - started, "parse": parsed - started, "write": end - parsed}
        if case == "load-dir":
            report = services.load_path(store, path)
            assert report.figures is not None
            assert report.figures.inserted > 0
        elif case in ("import-csv", "import-xlsx"):
            if case == "import-xlsx":
                from chitieu.exchange.template_xlsx import read as xlsx_read

                # Beyond the product's limits only when asked for more than 100 k rows.
                xlsx_read.MAX_ROWS = max(xlsx_read.MAX_ROWS, xlsx_rows + 1)
                xlsx_read.MAX_BYTES = max(xlsx_read.MAX_BYTES, path.stat().st_size + 1)
            read = exchange.read_file(store, path, this_year=2026)
            parsed = time.perf_counter()
            added = exchange.apply_observations(store, read, recorded_by="bench", dataset=path.name)
            assert added.inserted == len(read)
            end = time.perf_counter()
            return {"total": end - started, "parse": parsed - started, "write": end - parsed}
        else:
            raise SystemExit(f"unknown case {case}")
        return {"total": time.perf_counter() - started}


# -- the parent -----------------------------------------------------------------------------


def run_case(
    dbs: Databases, case: str, kind: str, path: Path, runs: int, xlsx_rows: int
) -> dict[str, Any]:
    samples: list[dict[str, float]] = []
    rss: list[int] = []
    for _ in range(runs):
        url = dbs.fresh(kind)
        try:
            peak, _, out = max_rss_of(
                [
                    str(HERE),
                    "--child",
                    case,
                    "--url",
                    url,
                    "--path",
                    str(path),
                    "--xlsx-rows",
                    str(xlsx_rows),
                ]
            )
        finally:
            dbs.drop(url)
        samples.append(json.loads(out.strip().splitlines()[-1]))
        rss.append(peak)
    result: dict[str, Any] = {"case": case, "runs": runs, "peak": max(rss)}
    for key in samples[0]:
        values = [s[key] for s in samples]
        result[key] = (statistics.median(values), min(values), max(values))
    return result


def fmt(t: tuple[float, float, float]) -> str:
    return f"{t[0]:6.2f} s ({t[1]:.2f}–{t[2]:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--cases", default="bare,load-csv,load-dir,import-csv,import-xlsx")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.url, args.path, args.xlsx_rows)))
        return
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    folder = import_dir(args.rows)
    csv_path = folder / "observations.csv"
    wanted = args.cases.split(",")
    xlsx = workbook(args.xlsx_rows) if "import-xlsx" in wanted else None
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if "postgresql" in backends and not postgres_url():
        print("no CHITIEU_BENCH_POSTGRES_URL / CHITIEU_TEST_POSTGRES_URL: SQLite only")
        backends.remove("postgresql")
    print(f"# bench_import: {machine()}")
    print(
        f"# {args.rows:,} CSV rows ({csv_path}), {args.xlsx_rows:,} workbook rows; "
        f"{args.runs} runs each, a fresh process and database per run\n"
    )
    for backend in backends:
        dbs = Databases(backend, folder)
        dbs.prepare()
        try:
            plan: list[tuple[str, str, Path]] = []
            if "bare" in wanted:
                plan.append(("bare", "defined", csv_path))
                if backend == "postgresql":
                    plan.append(("bare-copy", "defined", csv_path))
            for case, kind, path in (
                ("load-csv", "defined", csv_path),
                ("load-dir", "empty", folder),
                ("import-csv", "defined", csv_path),
                ("import-xlsx", "defined", xlsx),
            ):
                if case in wanted and path is not None:
                    plan.append((case, kind, path))
            baseline = None
            for case, kind, path in plan:
                r = run_case(dbs, case, kind, path, args.runs, args.xlsx_rows)
                if case == "bare":
                    baseline = r["total"][0]
                ratio = f"  {r['total'][0] / baseline:5.2f}× bare" if baseline else ""
                phases = "".join(f"  {k} {fmt(r[k])}" for k in ("parse", "write") if k in r)
                print(
                    f"{backend:<10} {case:<12} {fmt(r['total'])}{ratio}  "
                    f"peak {mib(r['peak'])}{phases}",
                    flush=True,
                )
        finally:
            dbs.close()


if __name__ == "__main__":
    main()
