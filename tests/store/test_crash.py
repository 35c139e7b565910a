"""Crash safety: an import and a bulk data entry killed with SIGKILL at random points.

Each trial starts a victim process (forked from a zygote that has chitieu imported, see
``crash_victim.py``) on a fresh copy of the loaded Hải Phòng database, lets it write three
transactions of ``ROWS`` figures each, and kills it after a seeded random delay. Then:

- the store opens, is at the newest schema and still takes a write; SQLite's
  ``PRAGMA integrity_check`` answers ``ok``;
- every transaction is all or none: each batch's rows (counted by its marker) are 0 or
  ``ROWS``; a batch the victim saw committed (``done``) is all there; batches are kept in
  order (no later batch without the earlier ones);
- each figure written has exactly one "submitted" review step and one audit entry, and the
  revisions of a key are 1..n with no gap.

The progress the victim wrote before dying says where the kill landed: before the first
write, inside a transaction (after BEGIN, before COMMIT), while committing, between
transactions, or after the end. The test requires kills inside transactions.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest
import sqlalchemy as sa

from chitieu import services
from chitieu.core.access import Principal, Role
from chitieu.services import figures as figure_service
from chitieu.store import Store, migrate
from chitieu.store.db import normalize_url, sqlite_path
from tests.store.conftest import BACKENDS, _fresh_postgres_database, drop_database

VICTIM = Path(__file__).with_name("crash_victim.py")
XVI = "haiphong-xvi-2020-2025"
ROWS = 1000  # figures per transaction
BATCHES = 3  # transactions per victim
TRIALS = {"sqlite": 16, "postgresql": 10}  # kills per backend (and per run of make test)
SEED = 20251128
ACTOR = "crash-test"


class Zygote:
    """The victim factory: one Python process with chitieu imported; it forks a victim per
    request, so a trial costs a fork, not an interpreter start."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(VICTIM)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        assert self._read() == "zygote ready"

    def _read(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def start(self, request: dict[str, Any]) -> int:
        stdin: IO[str] | None = self.process.stdin
        assert stdin is not None
        stdin.write(json.dumps(request) + "\n")
        stdin.flush()
        return int(json.loads(self._read())["pid"])

    def ended(self) -> dict[str, Any]:
        answer: dict[str, Any] = json.loads(self._read())
        return answer

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    started = Zygote()
    try:
        yield started
    finally:
        started.close()


class Databases:
    """A loaded template database and fresh copies of it, one per trial."""

    def __init__(self, backend: str, template: str, tmp: Path) -> None:
        self.backend, self.template, self.tmp = backend, template, tmp

    def copy(self) -> str:
        if self.backend == "sqlite":
            target = self.tmp / f"trial-{uuid.uuid4().hex[:8]}.sqlite3"
            shutil.copyfile(self.template, target)
            return f"sqlite:///{target}"
        source = normalize_url(self.template)
        name = f"chitieu_crash_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{source.database}"')
        finally:
            admin.dispose()
        return source.set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        if self.backend == "sqlite":
            return
        name = sa.make_url(url).database
        admin = sa.create_engine(
            normalize_url(self.template).set(database="postgres"), isolation_level="AUTOCOMMIT"
        )
        try:
            drop_database(admin, str(name))
        finally:
            admin.dispose()


def _load(url: str) -> None:
    with Store.open(url) as store:
        store.init()
        services.load_dataset(store, XVI)
        if store.dialect == "sqlite":  # one file to copy: the WAL folded into it
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.fixture(params=BACKENDS)
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Databases]:
    if request.param == "sqlite":
        template = tmp_path / "template.sqlite3"
        _load(f"sqlite:///{template}")
        yield Databases("sqlite", str(template), tmp_path)
        return
    for url in _fresh_postgres_database():
        _load(url)
        yield Databases("postgresql", url, tmp_path)


@dataclass
class Tally:
    phases: Counter[str] = field(default_factory=Counter)
    committed: int = 0  # transactions found complete after the kills
    rolled_back: int = 0  # transactions found absent (the kill came first)


def _phase(lines: list[str]) -> str:
    events = [line for line in lines if line.split()[0] in ("begin", "commit", "done")]
    if _said(lines, "finished"):
        return "after the end"
    if not events:
        return "before the first write"
    return {
        "begin": "inside a transaction",
        "commit": "while committing",
        "done": "between transactions",
    }[events[-1].split()[0]]


def _check(url: str, backend: str, trial: int, lines: list[str], tally: Tally) -> None:
    """What must hold after any crash; ``lines`` is the victim's progress."""
    path = sqlite_path(normalize_url(url))
    if path is not None:
        with sqlite3.connect(path) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    with Store.open(url) as store:
        assert store.schema_revision() == migrate.head_revision()
        done = {int(k) for k in _event_times(lines, "done")}
        with store.engine.connect() as conn:
            # One statement: one snapshot, even while PostgreSQL ends the killed session.
            rows = conn.execute(
                sa.text(
                    "SELECT o.dataset, count(*), min(o.revision), max(o.revision),"
                    " (SELECT count(*) FROM observation_reviews r JOIN observations x"
                    "   ON x.id = r.observation_id WHERE x.dataset = o.dataset"
                    "   AND r.action = 'submitted'),"
                    " (SELECT count(*) FROM audit_log a WHERE a.actor = :actor"
                    "   AND a.action = 'submit')"
                    " FROM observations o WHERE o.recorded_by = :actor GROUP BY o.dataset"
                ),
                {"actor": ACTOR},
            ).all()
        per_batch = {int(name.rsplit("-", 1)[1].split(".")[0]): n for name, n, *_ in rows}
        for batch in range(BATCHES):
            count = per_batch.get(batch, 0)
            assert count in (0, ROWS), f"trial {trial} batch {batch}: {count} rows of {ROWS}"
            if batch in done:
                assert count == ROWS, f"trial {trial} batch {batch} was committed, {count} left"
            if count:
                tally.committed += 1
            else:
                tally.rolled_back += 1
        present = sorted(per_batch)
        assert present == list(range(len(present))), f"trial {trial}: batches {present}"
        written = sum(per_batch.values())
        for _name, _n, low, high, steps, audits in rows:
            # Batch k is revision k+1 of every key it holds; one step per figure.
            assert (high - low, steps) == (0, _n)
            assert audits == written
        assert {r[2] for r in rows} <= set(range(1, BATCHES + 1))
        # The store still takes a write (no lock left behind by the dead process).
        csv = (
            "indicator,area,period,value,unit,status,qualifier,source_document\n"
            "urban-unemployment,haiphong,1999,4.5,%,official,exact,Sau sự cố\n"
        )
        after = figure_service.submit_csv(
            store,
            XVI,
            csv,
            f"after-{trial}.csv",
            Principal("kiem-tra", Role.ADMIN),
            justification="một năm xa, chỉ để thử ghi",
        )
        assert after.added.inserted == 1


def _said(lines: list[str], event: str) -> bool:
    return any(line.split()[0] == event for line in lines)


def _event_times(lines: list[str], event: str) -> dict[str, float]:
    return {w[1]: float(w[2]) for w in map(str.split, lines) if w[0] == event}


def _write_windows(lines: list[str]) -> list[tuple[float, float]]:
    """From BEGIN to COMMIT of each transaction, in seconds since "ready"."""
    begins, commits = _event_times(lines, "begin"), _event_times(lines, "commit")
    return [(begins[k], commits[k]) for k in sorted(begins) if k in commits]


def _progress(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _wait_for(path: Path, event: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not _said(_progress(path), event):
        errors = [x for x in _progress(path) if x.startswith("error")]
        assert not errors, errors
        assert time.monotonic() < deadline, f"victim never said {event!r}: {_progress(path)}"
        time.sleep(0.002)


def test_killed_imports_and_bulk_entries_leave_all_or_nothing(
    zygote: Zygote, databases: Databases, tmp_path: Path
) -> None:
    backend = databases.backend
    rng = random.Random(f"{SEED}-{backend}")
    tally = Tally()
    windows: dict[str, float] = {}  # "ready" → "finished", per mode
    writes: dict[str, list[tuple[float, float]]] = {}  # the transactions in that time
    # A calibration run per mode, not killed: how long the three transactions take.
    for mode in ("import", "entry"):
        url = databases.copy()
        try:
            progress = tmp_path / f"calibrate-{mode}.log"
            pid = zygote.start(_request(url, mode, 0, progress, tmp_path))
            _wait_for(progress, "finished", 120)
            os.kill(pid, signal.SIGKILL)
            zygote.ended()
            lines = _progress(progress)
            windows[mode] = next(float(w[1]) for w in map(str.split, lines) if w[0] == "finished")
            writes[mode] = _write_windows(lines)
            assert len(writes[mode]) == BATCHES
            _check(url, backend, 0, lines, Tally())
        finally:
            databases.drop(url)

    for trial in range(1, TRIALS[backend] + 1):
        mode = "import" if trial % 2 else "entry"
        url = databases.copy()
        try:
            progress = tmp_path / f"trial-{trial}.log"
            pid = zygote.start(_request(url, mode, trial, progress, tmp_path))
            _wait_for(progress, "ready", 60)
            time.sleep(_delay(rng, windows[mode], writes[mode]))
            os.kill(pid, signal.SIGKILL)  # alive: a finished victim waits for it
            ended = zygote.ended()
            assert ended["signal"] == signal.SIGKILL, ended
            lines = _progress(progress)
            assert not [x for x in lines if x.startswith("error")], lines
            tally.phases[_phase(lines)] += 1
            _check(url, backend, trial, lines, tally)
        finally:
            databases.drop(url)

    summary = (
        f"{backend}: {TRIALS[backend]} kills ({ROWS} figures × {BATCHES} transactions each;"
        f" calibrated {windows['import']:.2f} s import, {windows['entry']:.2f} s entry):"
        f" {dict(tally.phases)}; transactions found complete {tally.committed},"
        f" absent {tally.rolled_back}, partial 0"
    )
    print("\n" + summary)
    mid_write = tally.phases["inside a transaction"] + tally.phases["while committing"]
    assert mid_write >= TRIALS[backend] // 3, summary
    assert tally.rolled_back >= 1, summary


def _delay(rng: random.Random, window: float, writes: list[tuple[float, float]]) -> float:
    """Seeded. Two kills in three aimed inside a calibrated transaction (a random one, a
    random point of it), the rest anywhere from "ready" to just past the end. Timing noise
    moves them; the victim's own progress says where each really landed."""
    if rng.random() < 2 / 3:
        begin, commit = rng.choice(writes)
        return rng.uniform(begin, commit)
    return rng.uniform(0, window * 1.05)


def _request(url: str, mode: str, trial: int, progress: Path, work: Path) -> dict[str, Any]:
    return {
        "url": url,
        "mode": mode,
        "trial": trial,
        "rows": ROWS,
        "batches": BATCHES,
        "progress": str(progress),
        "work": str(work),
    }
