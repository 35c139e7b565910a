"""The authorisation matrix: every route the app registers × every role × its methods.

The expected answers are in ``tests/web/authz_matrix.py`` (also rendered as the table in
docs/reliability.md). A route added to the app without a row there fails
``test_every_route_has_a_row``. Writes carry the session's CSRF token, so a 403 here is
the role or the agency speaking, never CSRF.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chitieu.services import accounts
from tests.web import authz_matrix
from tests.web.authz_matrix import LOGIN, MATRIX, ROLE_USERS, ROLES, UNSUPPORTED, Row
from tests.web.conftest import PASSWORD, XVI, Site, csrf_of, login

ROOT = Path(__file__).resolve().parents[2]


def registered_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route, including included routers and mounts.

    FastAPI ≥ 0.16x keeps included routers as one entry of ``app.routes``; walk into them.
    """
    found: set[tuple[str, str]] = set()

    def walk(routes: list[Any], prefix: str) -> None:
        for route in routes:
            if hasattr(route, "original_router"):
                walk(route.original_router.routes, prefix + route.include_context.prefix)
            elif hasattr(route, "include_context"):  # pragma: no cover - other versions
                raise AssertionError(f"unknown route kind {route!r}")
            else:
                methods = getattr(route, "methods", None) or {"GET"}  # a Mount serves GET
                for method in methods - {"HEAD"}:
                    found.add((method, prefix + route.path))

    walk(list(app.routes), "")
    return found


def test_every_route_has_a_row(site: Site) -> None:
    registered = registered_routes(site.app)
    described = {(row.method, row.route) for row in MATRIX}
    assert registered - described == set(), "routes without a row in tests/web/authz_matrix.py"
    assert described - registered == set(), "rows for routes the app no longer has"
    for row in MATRIX:
        assert set(row.expect) == set(ROLES), row


def test_the_docs_show_the_matrix() -> None:
    """The table people read is the one the tests run."""
    table = authz_matrix.render_markdown()
    docs = ROOT / "docs" / "reliability.md"
    assert table in docs.read_text(encoding="utf-8"), (
        f"the table in {docs} differs from `python -m tests.web.authz_matrix`"
    )


def _append(block: str) -> Callable[[re.Match[str]], str]:
    return lambda match: match.group(1) + block


def _tasks_for_both_agencies(text: str) -> str:
    """The XVI tasks file with dp1 led by agency A and dp2 by agency B."""
    for task, lead in (("dp1", "cuc-thong-ke"), ("dp2", "so-y-te")):
        pattern = re.compile(rf"(  - id: {task}\n(?:    .*\n)*?    lines: \d+\n)")
        block = (
            f"    responsibility:\n      lead: {lead}\n"
            "      source: {document: Phân công thử nghiệm của bộ kiểm thử}\n"
        )
        text, n = pattern.subn(_append(block), text, count=1)
        assert n == 1, task
    return text


class Matrix:
    """A fresh installation prepared for one role's run of the matrix."""

    def __init__(self, site: Site) -> None:
        self.site = site
        store = site.store
        tasks = store.document(XVI, "tasks")
        assert tasks is not None
        store.save_document(XVI, "tasks", _tasks_for_both_agencies(tasks[0]), "tasks.yaml")
        self.tokens = {
            role: accounts.new_token(store, user, "matrix", actor="test")
            for role, user in ROLE_USERS.items()
        }
        # Figures of editor A waiting for review: one for the form, one for the API.
        self.pending: dict[str, int] = {}
        kinds = {"form": 2021, "api": 2022, "withdraw": 2023, "withdraw_api": 2024}
        for kind, year in kinds.items():
            body = {
                "figures": [
                    {
                        "indicator": "urban-unemployment",
                        "year": year,
                        "value": 3.5,
                        "status": "preliminary",
                        "source_document": "Báo cáo chờ duyệt",
                    }
                ]
            }
            response = self.bearer("editor_a").post(
                f"/api/v1/resolutions/{XVI}/observations", json=body
            )
            assert response.status_code == 201, response.text
            [self.pending[kind]] = response.json()["observation_ids"]

    def bearer(self, role: str) -> TestClient:
        headers = {} if role == "anonymous" else {"Authorization": f"Bearer {self.tokens[role]}"}
        return TestClient(self.site.app, headers=headers)

    def send(self, client: TestClient, row: Row, *, csrf: bool = True) -> str:
        path = row.target
        if row.pending:
            path = path.replace("{pending}", str(self.pending[row.pending]))
        if row.method == "GET":
            response = client.get(path, follow_redirects=False)
        elif row.json is not None:
            headers = {"X-CSRF-Token": csrf_of(client, "/login")} if csrf else {}
            response = client.post(path, json=row.json, headers=headers, follow_redirects=False)
        else:
            data, files = self._form(client, row)
            response = client.post(path, data=data, files=files, follow_redirects=False)
        status = response.status_code
        assert status < 500, (row, response.text[:500])
        if status == 303 and response.headers["location"].startswith("/login?next="):
            return LOGIN
        return str(status)

    def _form(
        self, client: TestClient, row: Row
    ) -> tuple[dict[str, str], dict[str, tuple[str, bytes, str]] | None]:
        data = {**(row.form or {}), "csrf_token": csrf_of(client, "/login")}
        if row.method == "POST" and row.route == "/login":
            # Anonymous visitors log in as the viewer; the others as themselves again.
            data.update({"username": self.user_of(client), "password": PASSWORD, "next": "/"})
        files = dict(row.files) if row.files else None
        store = self.site.store
        if "definition" in row.extra:
            text = store.resolution_text(row.extra["definition"])
            if "field" in row.extra:
                data[row.extra["field"]] = text
            else:
                files = {"file": ("resolution.yaml", text.encode(), "application/yaml")}
        if "document" in row.extra:
            document = store.document(XVI, row.extra["document"])
            assert document is not None
            files = {"file": ("agencies.yaml", document[0].encode(), "application/yaml")}
        return data, files

    def user_of(self, client: TestClient) -> str:
        me = client.get("/api/v1/me")
        return str(me.json()["username"]) if me.status_code == 200 else "xem"


@pytest.fixture
def matrix(fresh_site: Site) -> Matrix:
    return Matrix(fresh_site)


def _label(row: Row) -> str:
    return f"{row.method} {row.target} {row.note}".strip()


@pytest.mark.parametrize("role", ROLES)
def test_matrix_with_a_session(matrix: Matrix, role: str) -> None:
    client = TestClient(matrix.site.app)
    if role != "anonymous":
        login(client, ROLE_USERS[role])
    got = {_label(row): matrix.send(client, row) for row in MATRIX}
    want = {_label(row): row.expect[role] for row in MATRIX}
    assert got == want


@pytest.mark.parametrize("role", ROLES)
def test_api_matrix_with_a_bearer_token(matrix: Matrix, role: str) -> None:
    """The same answers for API clients with a token (no cookie, no CSRF header)."""
    client = matrix.bearer(role)
    rows = [row for row in MATRIX if row.api]
    got = {_label(row): matrix.send(client, row, csrf=False) for row in rows}
    want = {_label(row): row.expect[role] for row in rows}
    assert got == want
    assert client.cookies.get("chitieu_session") is None or role == "anonymous"


def _unsupported(site: Site) -> list[tuple[str, str]]:
    """For every registered path, a method it does not accept (and a concrete path)."""
    by_path: dict[str, set[str]] = {}
    for method, route in registered_routes(site.app):
        by_path.setdefault(route, set()).add(method)
    concrete = {row.route: row.target for row in MATRIX}
    out = []
    for route, methods in sorted(by_path.items()):
        method = next(m for m in UNSUPPORTED if m not in methods)
        out.append((method, concrete[route].replace("{pending}", "1")))
    return out


@pytest.mark.parametrize("role", ["anonymous", "admin"])
def test_a_method_a_route_does_not_accept_is_405(site: Site, role: str) -> None:
    client = TestClient(site.app)
    if role != "anonymous":
        login(client, ROLE_USERS[role])
    token = csrf_of(client, "/login")
    headers = {"X-CSRF-Token": token}
    got = {
        f"{method} {path}": client.request(
            method, path, headers=headers, data=None, follow_redirects=False
        ).status_code
        for method, path in _unsupported(site)
        if not path.startswith("/static/") or path == "/static/vendor/plotly.min.js"
    }
    assert got == dict.fromkeys(got, 405)
    assert len(got) >= 40


def test_anonymous_redirect_keeps_the_page_asked_for(site: Site) -> None:
    response = site.client().get(f"/r/{XVI}/t/11?lang=en", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next=/r/{XVI}/t/11%3Flang%3Den"


# In public read-only mode anonymous visitors read the overview and target pages (and
# their GET API twins); everything else stays closed.
PUBLIC = {
    f"/r/{XVI}": 200,
    f"/r/{XVI}/t/11": 200,
    "/api/v1/resolutions": 200,
    f"/api/v1/resolutions/{XVI}/evaluation": 200,
    f"/r/{XVI}/entry": 303,
    "/review": 303,
    "/audit": 303,
    "/admin": 303,
    "/api/v1/review": 401,
    "/api/v1/me": 401,
}


def test_public_read_only_mode(site: Site) -> None:
    client = TestClient(site.make_app(public_read=True))
    got = {path: client.get(path, follow_redirects=False).status_code for path in PUBLIC}
    assert got == PUBLIC
    page = client.get(f"/r/{XVI}")
    assert "Chế độ xem công khai" in page.text
    assert "Nhập số liệu" not in page.text  # no data-entry link for anonymous visitors


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("quantri", 303),
        ("duyet1", 303),
        ("nhaplieu", 303),  # cuc-thong-ke reports the urban unemployment rate
        ("nhapkhac", 403),  # so-y-te does not
        ("xem", 403),
    ],
)
def test_entry_is_scoped_to_the_editors_agencies(fresh_site: Site, user: str, status: int) -> None:
    client = fresh_site.client(user)
    form = {
        "indicator": "urban-unemployment",
        "year": "2024",
        "value": "3,1",
        "status": "estimate",
        "source_document": "Báo cáo thử",
    }
    token = csrf_of(client, f"/r/{XVI}") if user == "xem" else csrf_of(client, f"/r/{XVI}/entry")
    response = client.post(
        f"/r/{XVI}/entry", data={**form, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == status
    submitted = fresh_site.store.awaiting_review()
    assert len(submitted) == (1 if status == 303 else 0)


def test_refused_uploads_and_api_writes_store_nothing(matrix: Matrix) -> None:
    """Editor B's refusals for agency A's figures leave no figure, review or task update."""
    store = matrix.site.store
    before = (len(store.observations(all_revisions=True)), len(store.task_updates(XVI)))
    client = TestClient(matrix.site.app)
    login(client, ROLE_USERS["editor_b"])
    for row in MATRIX:
        if row.expect["editor_b"] == "403" and row.writes:
            assert matrix.send(client, row) == "403", row
            assert matrix.send(matrix.bearer("editor_b"), row, csrf=False) in ("403", "401")
    after = (len(store.observations(all_revisions=True)), len(store.task_updates(XVI)))
    assert after == before


def test_editor_sees_only_indicators_of_its_agencies(site: Site) -> None:
    page = site.client("nhaplieu").get(f"/r/{XVI}/entry")
    offered = set(_options(page.text))
    assignment = site.store.indicator_agencies()
    mine = {code for code, agency in assignment.items() if agency == "cuc-thong-ke"}
    resolution_codes = {i.code for i in site.store.get_resolution(XVI).indicators}
    assert offered == mine & resolution_codes
    assert "urban-unemployment" in offered
    assert "doctors-per-10k" not in offered


def _options(html: str) -> list[str]:
    return re.findall(r'<option value="([a-z0-9-]+)" data-unit', html)
