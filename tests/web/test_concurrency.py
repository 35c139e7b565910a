"""Two editors correct the same figure at the same moment, over real HTTP.

The app runs as it does in production: uvicorn in a subprocess (two worker processes, each
with its own connection pool) on a copy of the loaded Hải Phòng database, SQLite and
PostgreSQL. In each race both editors load the same revision, wait at a barrier, then send
different corrections at once (entry form, or the API with ``seen_revision``). Exactly one
wins; the other gets 409 with BOTH values (theirs and the stored one); the store holds
exactly one new revision per race: never a silent overwrite, never a lost figure.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from html import unescape
from pathlib import Path
from typing import Any

import httpx
import pytest

from chitieu.core.access import Role
from chitieu.services import accounts
from chitieu.services import figures as figure_service
from chitieu.store import Store
from tests.web.conftest import PASSWORD, XVI, Site, _copy, csrf_of

RACES = 10  # per backend: 5 through the entry form, 5 through the API
INDICATOR, YEAR, STATUS = "urban-unemployment", 2025, "estimate"
# the key of a figure: indicator, area, years, part of the year ('' whole), basis, status
KEY = (INDICATOR, "haiphong", YEAR, YEAR, "", "level", STATUS)
ENTRY = f"/r/{XVI}/entry"
SUBMIT = f"/api/v1/resolutions/{XVI}/observations"
EDITORS = ("nhaplieu", "nhaplieu2")  # both report for cuc-thong-ke
# As production runs it, with two worker processes: two connection pools, real parallelism.
UVICORN = [sys.executable, "-m", "uvicorn", "--factory", "chitieu.web.app:create_app"]
UVICORN += ["--host", "127.0.0.1", "--workers", "2", "--log-level", "warning"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    database_url: str
    tokens: dict[str, str]


@pytest.fixture
def server(template: tuple[str, str], tmp_path: Path) -> Iterator[Server]:
    for database_url in _copy(template, tmp_path):
        with Store.open(database_url) as store:
            accounts.create_user(
                store, EDITORS[1], PASSWORD, Role.EDITOR, agencies=("cuc-thong-ke",), actor="t"
            )
            tokens = {u: accounts.new_token(store, u, "race", actor="t") for u in EDITORS}
        port = _free_port()
        env = {**os.environ, "CHITIEU_DATABASE_URL": database_url}
        log = (tmp_path / "uvicorn.log").open("wb")
        process = subprocess.Popen(
            [*UVICORN, "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_up(url, process, tmp_path / "uvicorn.log")
            yield Server(url, database_url, tokens)
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
        assert b"Traceback" not in (tmp_path / "uvicorn.log").read_bytes()


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"uvicorn exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            # Both workers must be up: ask a few times (each may answer).
            if all(httpx.get(f"{url}/login", timeout=2).status_code == 200 for _ in range(4)):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"uvicorn did not start: {log.read_text(errors='replace')[-2000:]}")


def _login(base: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60, follow_redirects=False)
    page = client.get("/login")
    response = client.post(
        "/login",
        data={
            "username": username,
            "password": PASSWORD,
            "csrf_token": _field(page.text, "csrf_token"),
            "next": "/",
        },
    )
    assert response.status_code == 303, response.text[:300]
    return client


def _field(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, f"no {name} in the page"
    return match.group(1)


@dataclass
class Outcome:
    who: str
    value: Decimal
    status: int
    body: str
    started: float
    ended: float


def _race(
    attempts: dict[str, Callable[[], tuple[int, str]]], values: dict[str, Decimal]
) -> list[Outcome]:
    """Run both attempts at the same moment (threads released by one barrier)."""
    barrier = threading.Barrier(len(attempts))
    outcomes: list[Outcome] = []
    errors: list[BaseException] = []

    def run(who: str) -> None:
        try:
            barrier.wait(timeout=30)
            started = time.monotonic()
            status, body = attempts[who]()
            outcomes.append(Outcome(who, values[who], status, body, started, time.monotonic()))
        except BaseException as exc:  # surfaced below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(who,)) for who in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert len(outcomes) == 2
    return outcomes


def _revisions(database_url: str) -> list[tuple[int, Decimal, str]]:
    with Store.open(database_url) as store:
        return sorted(
            (o.revision, o.value, o.id or 0)  # type: ignore[misc]
            for o in store.observations(INDICATOR, "haiphong", all_revisions=True)
            if o.period == (YEAR, YEAR) and str(o.status) == STATUS
        )


def _stored_by(database_url: str) -> list[str]:
    with Store.open(database_url) as store:
        entries = store.audit_log(entity="observation", limit=1000)
    prefix = f"{INDICATOR}/haiphong/{YEAR}/{STATUS}/"
    return [
        e.actor
        for e in reversed(entries)
        if e.action == "submit" and e.entity_id.startswith(prefix)
    ]


def _vi(value: Decimal) -> str:
    return str(value).replace(".", ",")


def test_two_editors_correct_the_same_figure_at_once(server: Server) -> None:
    browsers = {who: _login(server.url, who) for who in EDITORS}
    api = {
        who: httpx.Client(
            base_url=server.url,
            timeout=60,
            headers={"Authorization": f"Bearer {server.tokens[who]}"},
        )
        for who in EDITORS
    }
    winners: list[tuple[str, Decimal]] = []
    overlapping = 0
    try:
        for race in range(1, RACES + 1):
            values = {
                who: Decimal(f"{2 + race}.{n}{race:02d}7") for n, who in enumerate(EDITORS, 1)
            }
            through_form = race % 2 == 1
            if through_form:
                forms = {
                    who: browsers[who].get(ENTRY, params={"indicator": INDICATOR, "year": YEAR})
                    for who in EDITORS
                }
                seen = {who: _field(page.text, "seen_revision") for who, page in forms.items()}
                attempts = {
                    who: _form_attempt(browsers[who], forms[who].text, values[who])
                    for who in EDITORS
                }
            else:
                seen = {who: str(_api_seen(api[who])) for who in EDITORS}
                attempts = {
                    who: _api_attempt(api[who], int(seen[who]), values[who]) for who in EDITORS
                }
            # Both saw the same revision of the figure they are about to correct.
            assert {figure_service.seen_for(v, KEY) for v in seen.values()} == {race - 1}, seen

            outcomes = _race(attempts, values)
            first, second = sorted(outcomes, key=lambda o: o.started)
            if second.started < first.ended:
                overlapping += 1
            won = [o for o in outcomes if o.status in (201, 303)]
            lost = [o for o in outcomes if o.status == 409]
            assert (len(won), len(lost)) == (1, 1), [
                (o.who, o.status, o.body[:300]) for o in outcomes
            ]
            [winner], [loser] = won, lost
            winners.append((winner.who, winner.value))
            if through_form:
                alert = re.search(r'id="entry-errors">(.*?)</div>', loser.body, re.S)
                assert alert, loser.body[-1500:]
                text = unescape(alert.group(1))
                # Both values, in Vietnamese notation, and who entered the stored one.
                assert f"giá trị đang lưu {_vi(winner.value)}%" in text, text
                assert f"giá trị của bạn {_vi(loser.value)}%" in text, text
                assert winner.who in text
                # The form keeps what the loser typed and now carries the stored revision.
                assert figure_service.seen_for(_field(loser.body, "seen_revision"), KEY) == race
                assert f'value="{_vi(loser.value)}"' in loser.body
            else:
                body = httpx.Response(409, text=loser.body).json()
                assert body["error"] == "conflict"
                detail = body["detail"]
                assert Decimal(detail["stored"]["value"]) == winner.value
                assert detail["stored"]["recorded_by"] == winner.who
                assert detail["stored"]["revision"] == race
                assert Decimal(detail["yours"]["value"]) == loser.value
                assert detail["seen_revision"] == race - 1
                assert str(winner.value) in body["message"]
                assert str(loser.value) in body["message"]

            # Exactly one new revision per race: the winner's value; nothing overwritten.
            stored = _revisions(server.database_url)
            assert [(r, v) for r, v, _ in stored] == [
                (n, value) for n, (_, value) in enumerate(winners, 1)
            ]
    finally:
        for client in (*browsers.values(), *api.values()):
            client.close()
    assert _stored_by(server.database_url) == [who for who, _ in winners]
    # The report (docs/reliability.md) quotes these counts.
    print(f"\nraces={RACES} conflicts={RACES} overlapping={overlapping} winners={winners}")
    assert overlapping >= RACES // 2, f"only {overlapping} of {RACES} requests overlapped"


def _form_attempt(client: httpx.Client, page: str, value: Decimal) -> Callable[[], tuple[int, str]]:
    data = {
        "csrf_token": _field(page, "csrf_token"),
        "seen_revision": _field(page, "seen_revision"),
        "indicator": INDICATOR,
        "year": str(YEAR),
        "value": _vi(value),
        "unit": "%",
        "status": STATUS,
        "qualifier": "exact",
        "source_document": "Báo cáo nhanh của Cục Thống kê",
        "reason": "sửa theo số mới",
    }

    def attempt() -> tuple[int, str]:
        response = client.post(ENTRY, data=data)
        return response.status_code, response.text

    return attempt


def _api_seen(client: httpx.Client) -> int:
    rows: list[dict[str, Any]] = client.get(
        "/api/v1/observations", params={"indicator": INDICATOR, "revisions": "true"}
    ).json()
    return max(
        (r["revision"] for r in rows if r["period"] == str(YEAR) and r["status"] == STATUS),
        default=0,
    )


def _api_attempt(client: httpx.Client, seen: int, value: Decimal) -> Callable[[], tuple[int, str]]:
    body = {
        "figures": [
            {
                "indicator": INDICATOR,
                "year": YEAR,
                "value": str(value),
                "unit": "%",
                "status": STATUS,
                "source_document": "Báo cáo nhanh của Cục Thống kê",
                "seen_revision": seen,
            }
        ],
        "reason": "sửa theo số mới",
    }

    def attempt() -> tuple[int, str]:
        response = client.post(SUBMIT, json=body)
        return response.status_code, response.text

    return attempt


def test_switching_the_status_is_checked_against_the_figure_sent(fresh_site: Site) -> None:
    """The form records what it showed per status: a user who opened the estimate and
    sends an official figure is checked against the official one (which somebody else
    entered meanwhile), not against the estimate's revision number."""
    editor, other = fresh_site.client("nhaplieu"), fresh_site.client("quantri")
    token = csrf_of(editor, ENTRY)
    form = {
        "csrf_token": token,
        "indicator": INDICATOR,
        "year": str(YEAR),
        "value": "3,2",
        "unit": "%",
        "status": "estimate",
        "source_document": "Báo cáo nhanh",
    }
    assert editor.post(ENTRY, data=form, follow_redirects=False).status_code == 303
    page = editor.get(ENTRY, params={"indicator": INDICATOR, "year": YEAR}).text
    seen = _field(page, "seen_revision")
    assert figure_service.seen_for(seen, KEY) == 1
    official = (INDICATOR, "haiphong", YEAR, YEAR, "", "level", "official")
    assert figure_service.seen_for(seen, official) == 0
    # Meanwhile somebody enters the official figure: revision 1 of another key.
    other_form = {**form, "csrf_token": csrf_of(other, ENTRY), "status": "official"}
    assert other.post(ENTRY, data=other_form, follow_redirects=False).status_code == 303
    # The editor switches the status to official and sends: refused, both values shown.
    mine = {**form, "status": "official", "value": "3,1", "seen_revision": seen}
    answer = editor.post(ENTRY, data=mine, follow_redirects=False)
    assert answer.status_code == 409, answer.text[-800:]
    alert = re.search(r'id="entry-errors">(.*?)</div>', answer.text, re.S)
    assert alert
    assert "giá trị đang lưu 3,2%" in unescape(alert.group(1))
    assert "giá trị của bạn 3,1%" in unescape(alert.group(1))
    assert figure_service.seen_for(_field(answer.text, "seen_revision"), official) == 1
    rows = fresh_site.store.observations(INDICATOR, "haiphong", all_revisions=True)
    assert [(str(o.status), o.revision) for o in rows if o.period == (YEAR, YEAR)] == [
        ("estimate", 1),
        ("official", 1),
    ]
