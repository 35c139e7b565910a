"""The process that tests/store/test_crash.py kills with SIGKILL.

Started once as a *zygote* (``python tests/store/crash_victim.py``): it imports chitieu
(about a second) and then, for each JSON request read from stdin, forks a victim that
opens the store from scratch and writes batches of figures through a real write path:

- ``import``: ``services.exchange.import_file`` of a CSV file (what ``chitieu import``
  runs), dataset = the file's name;
- ``entry``: ``services.figures.submit_csv`` (bulk data entry, an upload on the entry page),
  dataset = ``upload:<file name>``.

A victim that finishes waits to be killed all the same, so the pid the test kills is
always its own running victim.

Each batch's file name is its marker, so the test counts the rows of each transaction.
The victim appends its progress to a file, one line per event with the seconds since
``ready``, flushed at once (a killed
process loses nothing already written to the kernel): ``ready``; per batch ``begin K``
(the write transaction starts), ``commit K`` (COMMIT is about to be sent), ``done K``
(the call returned: committed). The zygote answers each request with the victim's pid,
then with how it ended.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, TextIO

import sqlalchemy as sa

from chitieu import services
from chitieu.core.access import Principal, Role
from chitieu.services import exchange
from chitieu.services import figures as figure_service
from chitieu.store import Store, db

XVI = "haiphong-xvi-2020-2025"
ACTOR = Principal("crash-test", Role.ADMIN)
YEARS = range(1960, 2011)  # no figure of the dataset is that old: nothing is locked
# Batch k corrects batch k-1 (a correction needs a reason), and years that old need a
# justification (the plausibility rules ask for one before the previous term).
REASON = "lô sau sửa lô trước"
WHY = "số liệu thử nghiệm cho những năm xa"


def marker(trial: int, batch: int) -> str:
    return f"crash-{trial:03d}-{batch}"


def csv_text(store: Store, trial: int, batch: int, rows: int) -> str:
    """``rows`` figures of percentage indicators; every batch of a trial writes the same
    keys with new values (a new revision of each), unique to the trial and batch."""
    resolution = store.get_resolution(XVI)
    codes = sorted(i.code for i in resolution.indicators if i.unit == "%")
    areas = sorted(a.code for a in resolution.areas)
    lines = ["indicator,area,period,value,unit,status,qualifier,source_document,note"]
    n = 0
    for code in codes:
        for area in areas:
            for year in YEARS:
                if n == rows:
                    return "\n".join(lines) + "\n"
                value = f"{n % 90}.{trial:03d}{batch:02d}"
                lines.append(
                    f"{code},{area},{year},{value},%,official,exact,"
                    f"Báo cáo thử nghiệm {marker(trial, batch)},{marker(trial, batch)}"
                )
                n += 1
    raise ValueError(f"only {n} keys for {rows} rows")


def victim(request: dict[str, Any], progress: TextIO) -> None:
    def say(line: str) -> None:
        progress.write(f"{line} {time.monotonic() - started:.4f}\n")
        progress.flush()

    started = time.monotonic()
    current = {"batch": -1}
    store = Store.open(request["url"])

    @sa.event.listens_for(store.engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        if conn.get_execution_options().get(db.WRITE, False):
            say(f"begin {current['batch']}")

    @sa.event.listens_for(store.engine, "commit")
    def _commit(conn: sa.Connection) -> None:
        if conn.get_execution_options().get(db.WRITE, False):
            say(f"commit {current['batch']}")

    trial, rows, work = request["trial"], request["rows"], Path(request["work"])
    texts = [csv_text(store, trial, k, rows) for k in range(request["batches"])]
    started = time.monotonic()  # times are seconds since "ready"
    say("ready")
    for k, text in enumerate(texts):
        current["batch"] = k
        name = f"{marker(trial, k)}.csv"
        if request["mode"] == "import":
            path = work / name
            path.write_text(text, encoding="utf-8")
            exchange.import_file(
                store, path, recorded_by=ACTOR.username, reason=REASON, justification=WHY
            )
        else:
            figure_service.submit_csv(store, XVI, text, name, ACTOR, REASON, WHY)
        say(f"done {k}")
    say("finished")
    # Wait for the SIGKILL: the test only ever kills a process that is still running
    # (never a recycled pid); leave if the zygote is gone (the test run ended).
    parent = os.getppid()
    deadline = time.monotonic() + 60
    while os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.05)


def warm_up() -> None:
    """Parse the Hải Phòng definition once, here: the victims inherit the parsed copy
    (``Store.get_resolution`` keeps one per text), so a trial spends its time writing."""
    with (
        tempfile.TemporaryDirectory() as folder,
        Store.open(f"sqlite:///{folder}/warm.sqlite3") as store,
    ):
        store.init()
        services.load_dataset(store, XVI)
        store.get_resolution(XVI)


def serve() -> None:
    warm_up()
    print("zygote ready", flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:  # the victim
            code = 0
            try:
                with open(request["progress"], "a", encoding="utf-8") as progress:
                    victim(request, progress)
            except BaseException as exc:  # reported to the test, which fails on it
                with open(request["progress"], "a", encoding="utf-8") as progress:
                    progress.write(f"error {type(exc).__name__}: {exc}\n")
                code = 1
            os._exit(code)
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        print(
            json.dumps(
                {
                    "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0,
                    "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    serve()
