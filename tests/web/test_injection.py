"""Hostile input in every form field, query parameter and path parameter.

The forms are read from the pages themselves (every ``<form method="post">`` an
administrator sees), the parameters from the app's OpenAPI description, so a new field
or parameter is attacked without editing this file. Each answer must be below 500 and
must never carry a payload's markup unescaped; afterwards the database is intact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from chitieu.services import accounts
from tests.web.conftest import XVI, Site, csrf_of, login

SCRIPT = '"><script>alert(1)</script>'
IMG = "<img src=x onerror=alert(1)>"
PAYLOADS = (
    "' OR 1=1 --",
    "1; DROP TABLE observations; --",
    SCRIPT,
    IMG,
    "{{7*7}}{% print(1) %}",
    "${7*7}",
    "../../etc/passwd",
    "a\x00b",
    "x" * 10_000,
    "\u202etxt.exe\u200b\u200d\ufeff",
)
# What must never appear in a response: the payloads' live markup.
LIVE = ("<script>alert(1)", "<img src=x onerror")


@dataclass
class Form:
    action: str
    enctype: str
    fields: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


class Forms(HTMLParser):
    """The POST forms of a page, with each field's default value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self.forms.append(Form(a.get("action", ""), a.get("enctype", "")))
            return
        if not self.forms or "name" not in a:
            if tag == "option" and self._select is not None:
                self._option(a)
            return
        form = self.forms[-1]
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text")
            if kind == "file":
                form.files.append(name)
            elif kind == "checkbox":
                if "checked" in a:
                    form.fields[name] = a.get("value") or "on"
            elif kind not in ("submit", "button"):
                form.fields.setdefault(name, a.get("value", ""))
        elif tag == "select":
            self._select = name
            form.fields.setdefault(name, "")
        elif tag == "textarea":
            self._textarea = name
            form.fields.setdefault(name, "")
        elif tag == "option" and self._select is not None:
            self._option(a)

    def _option(self, a: dict[str, str]) -> None:
        assert self._select is not None
        form = self.forms[-1]
        if not form.fields.get(self._select) or "selected" in a:
            form.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and self.forms:
            self.forms[-1].fields[self._textarea] += data


def forms_of(html: str) -> list[Form]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


def pattern_of(action: str) -> str:
    """One form per kind: /review/12 and /review/13 are the same form."""
    return re.sub(r"/\d+(/|$)", r"/#\1", re.sub(r"/admin/users/[^/]+$", "/admin/users/#", action))


PAGES = (
    "/login",
    f"/r/{XVI}",
    f"/r/{XVI}/entry",
    f"/r/{XVI}/t/11",
    f"/r/{XVI}/tasks/nv2c",
    "/review",
    "/admin",
    "/tools/extract",
    "/tools/claims",
)


def every_form(client: TestClient) -> dict[str, Form]:
    found: dict[str, Form] = {}
    for page in PAGES:
        for form in forms_of(client.get(page).text):
            found.setdefault(pattern_of(form.action), form)
    return found


def assert_safe(response: Any, where: str) -> None:
    assert response.status_code < 500, (where, response.status_code, response.text[:300])
    # JSON (application/json with nosniff) is data, not a page: a browser never runs it.
    if not response.headers.get("content-type", "").startswith("text/html"):
        return
    text = response.text
    for live in LIVE:
        assert live not in text, (where, live)


def intact(site: Site) -> tuple[Any, ...]:
    store = site.store
    resolution = store.get_resolution(XVI)
    return (
        store.resolution_ids(),
        len(resolution.targets),
        len(resolution.indicators),
        sorted(u.username for u in store.users()),
        len(store.agencies()),
    )


@pytest.fixture
def attacked(fresh_site: Site) -> tuple[Site, TestClient]:
    """An admin session on a site with a figure waiting (so the review forms exist)."""
    editor = fresh_site.client("nhaplieu")
    editor.post(
        f"/r/{XVI}/entry",
        data={
            "indicator": "urban-unemployment",
            "year": "2023",
            "value": "3,5",
            "status": "preliminary",
            "source_document": "Báo cáo",
            "csrf_token": csrf_of(editor, f"/r/{XVI}/entry"),
        },
    )
    assert fresh_site.store.awaiting_review()
    admin = TestClient(fresh_site.make_app(login_attempts=100_000))
    login(admin, "quantri")
    return fresh_site, admin


def test_every_form_field_takes_every_payload(attacked: tuple[Site, TestClient]) -> None:
    site, admin = attacked
    before = intact(site)
    forms = every_form(admin)
    # The forms we know of are all found (a page that lost its form would hide one).
    assert {
        "/login",
        "/logout",
        f"/r/{XVI}/entry",
        f"/r/{XVI}/upload",
        f"/r/{XVI}/tasks/nv2c/updates",
        "/review/#",
        "/figures/#/withdraw",
        "/admin/users",
        "/admin/users/#",
        "/admin/tokens",
        "/tools/extract",
        "/tools/claims",
    } <= set(forms)
    sent = 0
    for pattern, form in forms.items():
        if pattern in ("/logout", "/login"):
            continue  # below, with a client of their own
        for name in form.fields:
            if name == "csrf_token":
                continue
            for payload in PAYLOADS:
                data = {**form.fields, name: payload, "csrf_token": csrf_of(admin, "/login")}
                response = admin.post(form.action, data=data, follow_redirects=False)
                assert_safe(response, f"{form.action} {name}={payload[:30]!r}")
                sent += 1
                if response.status_code == 303:
                    assert_safe(admin.get(response.headers["location"]), form.action)
    assert sent > 300
    print(f"\ninjection: {len(forms)} forms, {sent} form posts")
    assert admin.get("/api/v1/me").json()["username"] == "quantri"
    now = intact(site)
    assert now[:3] == before[:3]
    assert set(before[3]) <= set(now[3])


@pytest.mark.parametrize("field_name", ["username", "password", "next"])
def test_login_fields_take_every_payload(site: Site, field_name: str) -> None:
    client = TestClient(site.make_app(login_attempts=100_000))
    for payload in PAYLOADS:
        data = {"username": "xem", "password": "sai-mat-khau-1", "next": "/"}
        data[field_name] = payload
        data["csrf_token"] = csrf_of(client, "/login")
        response = client.post("/login", data=data, follow_redirects=False)
        assert_safe(response, f"/login {field_name}")
        if response.status_code == 303:
            assert response.headers["location"].startswith("/")
            assert not response.headers["location"].startswith("//")
    assert client.get("/api/v1/me").status_code == 401


def get_routes(app: Any) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """(path, [(where, name, a valid value)]) of every GET route, pages and API alike
    (pages are not in the OpenAPI file, so their parameters come from the routes)."""
    from fastapi.routing import APIRoute

    def flat(dependant: Any, kind: str) -> list[Any]:
        found = list(getattr(dependant, kind))
        for sub in dependant.dependencies:
            found += flat(sub, kind)
        return found

    def walk(routes: list[Any], prefix: str) -> Iterator[tuple[str, APIRoute]]:
        for route in routes:
            if hasattr(route, "original_router"):
                yield from walk(route.original_router.routes, prefix + route.include_context.prefix)
            elif isinstance(route, APIRoute) and "GET" in (route.methods or ()):
                yield prefix + route.path, route

    for path, route in walk(list(app.routes), ""):
        params = [("path", p.name, "") for p in flat(route.dependant, "path_params")]
        for p in flat(route.dependant, "query_params"):
            kind = p.field_info.annotation
            value = "2024" if "int" in str(kind) else "true" if "bool" in str(kind) else ""
            params.append(("query", p.name, value))
        yield path, params


CONCRETE = {
    "resolution_id": XVI,
    "target_id": "11",
    "task_id": "nv2c",
    "observation_id": "1",
    "username": "xem",
    "fmt": "csv",
}


def test_every_query_and_path_parameter_takes_every_payload(site: Site) -> None:
    client = TestClient(site.make_app(login_attempts=100_000))
    login(client, "quantri")
    before = intact(site)
    sent = 0
    paths = 0
    for path, params in get_routes(site.app):
        paths += 1
        base = {name: value for where, name, value in params if where == "query" and value}
        names = list(dict.fromkeys((where, name) for where, name, _ in params))
        if path in ("/r/{resolution_id}", "/api/v1/resolutions"):
            names += [("query", "lang"), ("query", "x")]  # read by every page alike
        for where, name in names:
            for payload in PAYLOADS:
                values = dict(CONCRETE)
                query = dict(base)
                if where == "path":
                    values[name] = quote(payload, safe="")
                else:
                    query[name] = payload
                url = path
                for key, value in values.items():
                    url = url.replace("{" + key + "}", value)
                # report.html is slow (a whole report); the other formats test the same code.
                if url.endswith("/report.csv") or url.endswith("/report.{fmt}"):
                    url = url.replace("report.csv", "report.docx-khong-co")
                response = client.get(url, params=query, follow_redirects=False)
                assert_safe(response, f"GET {url} {name}={payload[:30]!r}")
                sent += 1
    assert paths >= 25
    assert sent > 200
    print(f"\ninjection: {paths} GET routes, {sent} requests")
    assert intact(site) == before


def test_payloads_are_stored_verbatim_and_shown_escaped(fresh_site: Site) -> None:
    """Free text survives the round trip exactly; on pages it is text, never markup."""
    editor = fresh_site.client("nhaplieu")
    stored = [p for p in PAYLOADS if "\x00" not in p and len(p) <= 500]
    for year, payload in zip(range(2011, 2011 + len(stored)), stored, strict=True):
        response = editor.post(
            f"/r/{XVI}/entry",
            data={
                "indicator": "urban-unemployment",
                "year": str(year),
                "value": "3,5",
                "status": "preliminary",
                "source_document": payload,
                "note": payload,
                # Years before 2015 need a justification (plausibility): kept and shown too.
                "justification": payload,
                "csrf_token": csrf_of(editor, f"/r/{XVI}/entry"),
            },
            follow_redirects=False,
        )
        assert response.status_code == 303, (payload, response.text[:300])
    figures = {
        o.period[0]: o
        for o in fresh_site.store.observations("urban-unemployment", all_revisions=True)
        if str(o.status) == "preliminary"
    }
    justified = fresh_site.store.justifications([o.id for o in figures.values() if o.id])
    for year, payload in zip(range(2011, 2011 + len(stored)), stored, strict=True):
        assert figures[year].source.document == payload
        assert figures[year].note == payload
        if year < 2015:
            assert justified[figures[year].id or 0].text == payload.strip()
    reviewer = fresh_site.client("duyet1")
    for page in (f"/r/{XVI}/t/11", "/review", "/audit", f"/r/{XVI}/export.csv"):
        response = reviewer.get(page)
        assert_safe(response, page)
    review = reviewer.get("/review").text
    assert "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in review or (
        "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in review
    )
    assert "{{7*7}}" in review  # not evaluated
    api = reviewer.get("/api/v1/review").json()
    assert {i["note"] for i in api} >= set(stored)


def test_nul_bytes_and_overlong_text_are_refused_with_a_message(fresh_site: Site) -> None:
    editor = fresh_site.client("nhaplieu")
    for text in ("Báo\x00cáo", "x" * 10_000):
        response = editor.post(
            f"/r/{XVI}/entry",
            data={
                "indicator": "urban-unemployment",
                "year": "2023",
                "value": "3,5",
                "status": "preliminary",
                "source_document": text,
                "csrf_token": csrf_of(editor, f"/r/{XVI}/entry"),
            },
            follow_redirects=False,
        )
        assert 400 <= response.status_code < 500
    assert fresh_site.store.awaiting_review() == []
    token = accounts.new_token(fresh_site.store, "nhaplieu", "t", actor="test")
    api = TestClient(fresh_site.app, headers={"Authorization": f"Bearer {token}"})
    for text in ("Báo\x00cáo", "x" * 10_000):
        body = {
            "figures": [
                {
                    "indicator": "urban-unemployment",
                    "year": 2023,
                    "value": 3.5,
                    "source_document": text,
                }
            ]
        }
        response = api.post(f"/api/v1/resolutions/{XVI}/observations", json=body)
        assert response.status_code == 422, response.text
        assert response.json()["detail"][0]["field"].startswith("figures[0].source_document")
    assert fresh_site.store.awaiting_review() == []


def test_api_bodies_take_every_payload(fresh_site: Site) -> None:
    token = accounts.new_token(fresh_site.store, "quantri", "t", actor="test")
    api = TestClient(fresh_site.app, headers={"Authorization": f"Bearer {token}"})
    before = intact(fresh_site)
    figure = {
        "indicator": "urban-unemployment",
        "year": 2023,
        "value": 3.5,
        "status": "preliminary",
        "source_document": "Báo cáo",
    }
    for name in ("indicator", "value", "unit", "area", "status", "source_document", "note"):
        for payload in PAYLOADS:
            body = {"figures": [{**figure, name: payload}], "reason": payload}
            response = api.post(f"/api/v1/resolutions/{XVI}/observations", json=body)
            assert_safe(response, f"observations {name}")
            assert response.headers["content-type"].startswith("application/json")
    for name in ("reported_on", "text", "milestone", "evidence"):
        for payload in PAYLOADS:
            body = {"reported_on": "2024-06-30", "text": "Đã làm", name: payload}
            response = api.post(f"/api/v1/resolutions/{XVI}/tasks/nv2c/updates", json=body)
            assert_safe(response, f"task update {name}")
    for payload in PAYLOADS:
        response = api.post("/api/v1/observations/1/review", json={"action": payload})
        assert_safe(response, "review action")
        response = api.post(
            "/api/v1/observations/1/review", json={"action": "return", "comment": payload}
        )
        assert_safe(response, "review comment")
    # Not JSON at all, or JSON of the wrong shape.
    for raw in (b"\x00\xff", b"{", b"[]", b"null", json.dumps({"figures": "x"}).encode()):
        response = api.post(
            f"/api/v1/resolutions/{XVI}/observations",
            content=raw,
            headers={"content-type": "application/json"},
        )
        assert response.status_code == 422, raw
    assert intact(fresh_site) == before


@pytest.mark.parametrize("row_id", ["0", "-1", str(2**63), "9" * 40, "1e3", "0x10"])
def test_ids_no_row_can_have_are_a_4xx(site: Site, row_id: str) -> None:
    """Found by schemathesis: an id above SQLite's INTEGER range was a 500."""
    admin = TestClient(site.app)
    login(admin, "quantri")
    token = csrf_of(admin, "/login")
    for path, data in (
        (f"/review/{row_id}", {"action": "approve"}),
        (f"/figures/{row_id}/withdraw", {"reason": "Nhập nhầm"}),
    ):
        response = admin.post(path, data={**data, "csrf_token": token}, follow_redirects=False)
        assert 400 <= response.status_code < 500 or response.status_code == 303, path
        if response.status_code == 303:  # the page's error message, not a success
            assert "error=" in response.headers["location"], path
    for path, body in (
        (f"/api/v1/observations/{row_id}/review", {"action": "approve"}),
        (f"/api/v1/observations/{row_id}/withdraw", {"reason": "Nhập nhầm"}),
    ):
        response = admin.post(path, json=body, headers={"X-CSRF-Token": token})
        assert response.status_code in (400, 404, 422), (path, response.status_code)
