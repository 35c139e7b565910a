"""Sessions, CSRF, login limits, redirects, headers and cookies, the first administrator."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import chitieu
from chitieu.services import accounts
from chitieu.store import Store
from chitieu.web.app import create_app
from chitieu.web.config import WebSettings
from tests.store.conftest import BACKENDS, _fresh_postgres_database
from tests.web.conftest import PASSWORD, XVI, Site, csrf_of, login

CSV = (
    "indicator,area,period,value,unit,status,qualifier,source_document\n"
    "urban-unemployment,haiphong,2024,3.1,%,estimate,exact,Báo cáo\n"
)
YAML = "format: chitieu/resolution@1\nid: thu-nghiem\n"
# A valid tasks file that differs from the stored one: accepted, it would be written.
TASKS = (
    (Path(chitieu.__file__).parent / "datasets" / XVI / "tasks.yaml")
    .read_text(encoding="utf-8")
    .replace("Kết cấu hạ tầng, trọng tâm là giao thông", "Hạ tầng giao thông")
)


def form_posts(site: Site, obs_id: int) -> dict[str, dict[str, Any]]:
    """Every POST route of the pages, each with a form that would change something."""
    return {
        "/login": {"data": {"username": "xem", "password": PASSWORD, "next": "/"}},
        "/logout": {"data": {}},
        f"/r/{XVI}/entry": {
            "data": {
                "indicator": "urban-unemployment",
                "year": "2024",
                "value": "3,1",
                "status": "estimate",
                "source_document": "Báo cáo",
            }
        },
        f"/r/{XVI}/upload": {"data": {}, "files": {"file": ("a.csv", CSV.encode(), "text/csv")}},
        f"/review/{obs_id}": {"data": {"action": "approve"}},
        "/review/approve": {"data": {"ids": str(obs_id)}},
        f"/figures/{obs_id}/withdraw": {"data": {"reason": "Nhập nhầm"}},
        f"/r/{XVI}/tasks/dp2/updates": {
            "data": {"reported_on": "2024-06-30", "percent": "40", "text": "Khởi công cầu"}
        },
        "/admin/users": {
            "data": {"username": "moi", "password": "Mot-mat-khau-dai", "role": "viewer"}
        },
        "/admin/users/xem": {"data": {"role": "admin", "active": "on"}},
        "/admin/tokens": {"data": {"username": "quantri", "name": "x"}},
        "/admin/resolutions": {
            "data": {},
            "files": {"file": ("r.yaml", YAML.encode(), "application/yaml")},
        },
        f"/admin/resolutions/{XVI}/documents": {
            "data": {"kind": "tasks"},
            "files": {"file": ("tasks.yaml", TASKS.encode(), "application/yaml")},
        },
        "/tools/extract": {"data": {"text": "Các chỉ tiêu chủ yếu: (1) GRDP tăng 8%/năm."}},
        "/tools/claims": {"data": {"text": "Thu ngân sách gấp 2 lần (100 tỷ đồng/50 tỷ đồng)."}},
        "/tools/extract/save": {"data": {"yaml": YAML}},
    }


def snapshot(site: Site) -> tuple[Any, ...]:
    store = site.store
    return (
        len(store.observations(all_revisions=True)),
        [(r.observation_id, r.state) for r in store.awaiting_review()],
        len(store.audit_log(limit=100_000)),
        [(u.username, u.role, u.active) for u in store.users()],
        len(store.tokens("quantri")),
        len(store.task_updates(XVI)),
        store.resolution_ids(),
        store.document(XVI, "tasks"),
    )


def test_every_form_route_refuses_a_missing_or_wrong_csrf_token(fresh_site: Site) -> None:
    # A figure waiting for review, so that the review form has something to approve.
    editor = fresh_site.client("nhaplieu")
    token = csrf_of(editor, f"/r/{XVI}/entry")
    entry = dict(form_posts(fresh_site, 0)[f"/r/{XVI}/entry"]["data"])
    editor.post(f"/r/{XVI}/entry", data={**entry, "csrf_token": token})
    [waiting] = fresh_site.store.awaiting_review()
    posts = form_posts(fresh_site, waiting.observation_id)

    # Every POST route of the pages is in the list: a new form route must be added here.
    from tests.web.test_authorisation import registered_routes

    app_posts = {
        p for m, p in registered_routes(fresh_site.app) if m == "POST" and not p.startswith("/api/")
    }
    templated = {
        re.sub(r"\{[a-z_]+\}", "*", p)
        for p in (
            "/login",
            "/logout",
            "/r/{resolution_id}/entry",
            "/r/{resolution_id}/upload",
            "/review/{observation_id}",
            "/review/approve",
            "/figures/{observation_id}/withdraw",
            "/r/{resolution_id}/tasks/{task_id}/updates",
            "/admin/users",
            "/admin/users/{username}",
            "/admin/tokens",
            "/admin/resolutions",
            "/admin/resolutions/{resolution_id}/documents",
            "/tools/extract",
            "/tools/claims",
            "/tools/extract/save",
        )
    }
    assert {re.sub(r"\{[a-z_]+\}", "*", p) for p in app_posts} == templated

    admin = fresh_site.client("quantri")
    csrf_of(admin, "/admin")
    before = snapshot(fresh_site)
    for path, request in posts.items():
        for given in (None, "sai-ma", ""):
            data = dict(request["data"])
            if given is not None:
                data["csrf_token"] = given
            files = request.get("files")
            response = admin.post(path, data=data, files=files, follow_redirects=False)
            assert response.status_code == 403, (path, given, response.status_code)
            assert "biểu mẫu không hợp lệ" in response.text, path
    assert snapshot(fresh_site) == before
    # The session survived the refused logout, and the refused login did not switch user.
    assert admin.get("/api/v1/me").json()["username"] == "quantri"
    # The same requests with the session's token do write: the refusals above were CSRF.
    token = csrf_of(admin, "/admin")
    for path in (f"/admin/resolutions/{XVI}/documents", f"/r/{XVI}/tasks/dp2/updates"):
        request = posts[path]
        data = {**request["data"], "csrf_token": token}
        response = admin.post(path, data=data, files=request.get("files"), follow_redirects=False)
        assert response.status_code in (200, 303), (path, response.text[:300])
    after = snapshot(fresh_site)
    assert after[5] == before[5] + 1
    assert after[7] != before[7]


def test_an_anonymous_login_without_csrf_is_refused(site: Site) -> None:
    client = TestClient(site.app)
    response = client.post(
        "/login", data={"username": "xem", "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 403
    assert client.get("/api/v1/me").status_code == 401


def attempt(client: TestClient, user: str, password: str) -> int:
    token = csrf_of(client, "/login")
    response = client.post(
        "/login",
        data={"username": user, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    return int(response.status_code)


def test_login_rate_limit(fresh_site: Site) -> None:
    client = TestClient(fresh_site.make_app())
    assert [attempt(client, "xem", "sai-mat-khau") for _ in range(5)] == [401] * 5
    # The sixth try is refused before the password is looked at, even the right one.
    token = csrf_of(client, "/login")
    response = client.post(
        "/login",
        data={"username": "xem", "password": PASSWORD, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 429
    assert "Thử lại sau" in response.text
    assert 'value="xem"' in response.text  # the username is kept
    assert client.get("/api/v1/me").status_code == 401
    # Usernames are counted apart: another user may still log in from the same address.
    assert attempt(client, "nhaplieu", PASSWORD) == 303
    # A fresh process (limiter) lets the right password in.
    assert attempt(TestClient(fresh_site.make_app()), "xem", PASSWORD) == 303


def test_a_successful_login_resets_the_count(fresh_site: Site) -> None:
    client = TestClient(fresh_site.make_app())
    assert [attempt(client, "xem", "sai") for _ in range(4)] == [401] * 4
    assert attempt(client, "xem", PASSWORD) == 303
    assert [attempt(client, "xem", "sai") for _ in range(5)] == [401] * 5
    assert attempt(client, "xem", PASSWORD) == 429


def test_failed_logins_are_audited_without_the_password(fresh_site: Site) -> None:
    client = TestClient(fresh_site.make_app())
    secret = "Bi-mat-khong-duoc-ghi-42"
    assert attempt(client, "duyet1", secret) == 401
    assert attempt(client, "khong-ton-tai", secret) == 401
    failed = fresh_site.store.audit_log(action="login_failed")
    assert {e.actor for e in failed} == {"duyet1", "khong-ton-tai"}
    for entry in fresh_site.store.audit_log(limit=100_000):
        assert secret not in repr(entry)
    page = fresh_site.client("duyet1").get("/audit", params={"action": "login_failed"})
    assert page.status_code == 200
    assert "khong-ton-tai" in page.text
    assert secret not in page.text


@pytest.mark.parametrize(
    "change", ["password", "deactivate", "password-by-admin-form"], ids=lambda c: c
)
def test_session_dies_when_the_user_changes(fresh_site: Site, change: str) -> None:
    client = fresh_site.client("xem")
    assert client.get(f"/r/{XVI}", follow_redirects=False).status_code == 200
    if change == "password":
        accounts.set_password(fresh_site.store, "xem", "Mat-khau-moi-2026", actor="test")
    elif change == "deactivate":
        fresh_site.store.update_user("xem", actor="test", active=False)
    else:
        admin = fresh_site.client("quantri")
        token = csrf_of(admin, "/admin")
        response = admin.post(
            "/admin/users/xem",
            data={
                "csrf_token": token,
                "role": "viewer",
                "active": "on",
                "password": "Mat-khau-moi-2026",
            },
        )
        assert response.status_code == 200
    response = client.get(f"/r/{XVI}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")
    assert client.get("/api/v1/me").status_code == 401
    expected = 401 if change == "deactivate" else 303
    assert attempt(TestClient(fresh_site.app), "xem", "Mat-khau-moi-2026") == expected


@pytest.mark.parametrize(
    "target",
    ["//evil.example", "https://evil.example", "//evil.example/r/x", "http:/evil.example", ""],
)
def test_login_never_redirects_to_another_site(site: Site, target: str) -> None:
    client = TestClient(site.app)
    form = client.get("/login", params={"next": target})
    assert 'name="next" value="/"' in form.text
    token = csrf_of(client, "/login")
    response = client.post(
        "/login",
        data={"username": "xem", "password": PASSWORD, "csrf_token": token, "next": target},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/"


def test_login_keeps_a_local_next(site: Site) -> None:
    client = TestClient(site.app)
    token = csrf_of(client, "/login")
    response = client.post(
        "/login",
        data={
            "username": "xem",
            "password": PASSWORD,
            "csrf_token": token,
            "next": f"/r/{XVI}/t/11",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == f"/r/{XVI}/t/11"


def test_security_headers_on_pages_api_and_errors(site: Site) -> None:
    client = site.client("xem")
    for path in (f"/r/{XVI}", "/login", "/api/v1/resolutions", "/khong-co", "/static/app.css"):
        headers = client.get(path).headers
        csp = headers.get("content-security-policy", "")
        assert "default-src 'self'" in csp, path
        assert "frame-ancestors 'none'" in csp, path
        assert headers.get("x-frame-options") == "DENY", path
        assert headers.get("x-content-type-options") == "nosniff", path


def _session_cookie(set_cookies: list[str]) -> str:
    [cookie] = [c for c in set_cookies if c.startswith("chitieu_session=")]
    return cookie.lower()


def test_session_cookie_flags(site: Site) -> None:
    client = TestClient(site.app)
    token = csrf_of(client, "/login")
    response = client.post(
        "/login",
        data={"username": "xem", "password": PASSWORD, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    cookie = _session_cookie(response.headers.get_list("set-cookie"))
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in [p.strip() for p in cookie.split(";")]  # http://127.0.0.1 by default

    secure = TestClient(site.make_app(secure_cookies=True), base_url="https://testserver")
    token = csrf_of(secure, "/login")
    response = secure.post(
        "/login",
        data={"username": "xem", "password": PASSWORD, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    cookie = _session_cookie(response.headers.get_list("set-cookie"))
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "; secure" in cookie


def test_the_session_is_renewed_at_login(site: Site) -> None:
    """No session fixation: the cookie and CSRF token from before the login stop working."""
    client = TestClient(site.app)
    before = csrf_of(client, "/login")
    login(client, "xem")
    after = csrf_of(client, f"/r/{XVI}")
    assert before != after


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: the first start of an installation."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/leer.sqlite3"
    else:
        yield from _fresh_postgres_database()


def test_first_admin(empty_url: str, tmp_path: Path) -> None:
    store = Store.open(empty_url)
    try:
        store.init()
        first = accounts.ensure_first_admin(store)
        assert first is not None
        assert first.username == "admin"
        assert len(first.password) >= accounts.MIN_PASSWORD_LENGTH
        assert accounts.ensure_first_admin(store) is None  # shown once, never again
        [user] = store.users()
        assert user.role.value == "admin"
        assert first.password not in user.password_hash
        client = TestClient(create_app(WebSettings(), store))
        assert attempt(client, "admin", first.password + "x") == 401
        assert attempt(client, "admin", first.password) == 303
        assert client.get("/admin").status_code == 200
    finally:
        store.close()
    # Another installation gets another password: none is fixed.
    with Store.open(f"sqlite:///{tmp_path / 'other.sqlite3'}") as other:
        other.init()
        second = accounts.ensure_first_admin(other)
        assert second is not None
        assert second.password != first.password


# -- account lockout, password reset, disabling (ASVS 2.2.1, 2.5, 3.3) ---------------


def test_account_lockout_survives_restarts_and_an_admin_unlocks_it(fresh_site: Site) -> None:
    from chitieu.web.security import LOCKOUT_FAILURES

    # The per-address limiter out of the way: lockout counts failures from anywhere.
    client = TestClient(fresh_site.make_app(login_attempts=1000))
    assert [attempt(client, "xem", "sai-mat-khau") for _ in range(LOCKOUT_FAILURES)] == [
        401
    ] * LOCKOUT_FAILURES
    assert attempt(client, "xem", PASSWORD) == 423  # even the right password
    # Kept in the database: another process (app) agrees.
    other = TestClient(fresh_site.make_app(login_attempts=1000))
    response = other.post(
        "/login",
        data={
            "username": "xem",
            "password": PASSWORD,
            "csrf_token": csrf_of(other, "/login"),
            "next": "/",
        },
    )
    assert response.status_code == 423
    assert "Tài khoản tạm khóa sau 10 lần đăng nhập sai" in response.text
    assert other.get("/api/v1/me").status_code == 401
    # Another account is not affected; an unknown name locks the same way (no hint).
    assert attempt(client, "nhaplieu", PASSWORD) == 303
    for _ in range(LOCKOUT_FAILURES):
        attempt(client, "khong-co-ai", "sai-mat-khau")
    assert attempt(client, "khong-co-ai", "sai-mat-khau") == 423
    store = fresh_site.store
    [lock] = [e for e in store.audit_log(action="lock") if e.entity_id == "xem"]
    assert lock.entity == "user"
    assert store.audit_log(action="login_locked", actor="xem")

    admin = fresh_site.client("quantri")
    page = admin.get("/admin").text
    assert 'data-locked="xem"' in page
    assert 'data-locked="nhaplieu"' not in page
    # Saving the user without ticking "unlock" leaves the lock.
    form = {"csrf_token": csrf_of(admin, "/admin"), "role": "viewer", "active": "on"}
    assert admin.post("/admin/users/xem", data=form).status_code == 200
    assert attempt(client, "xem", PASSWORD) == 423
    assert admin.post("/admin/users/xem", data={**form, "unlock": "on"}).status_code == 200
    [unlock] = store.audit_log(action="unlock")
    assert (unlock.actor, unlock.entity, unlock.entity_id) == ("quantri", "user", "xem")
    assert 'data-locked="xem"' not in admin.get("/admin").text
    assert attempt(client, "xem", PASSWORD) == 303


def test_an_admin_password_reset_ends_a_lockout(fresh_site: Site) -> None:
    from chitieu.web.security import LOCKOUT_FAILURES

    client = TestClient(fresh_site.make_app(login_attempts=1000))
    for _ in range(LOCKOUT_FAILURES):
        attempt(client, "nhapkhac", "sai-mat-khau")
    assert attempt(client, "nhapkhac", PASSWORD) == 423
    admin = fresh_site.client("quantri")
    response = admin.post(
        "/admin/users/nhapkhac",
        data={
            "csrf_token": csrf_of(admin, "/admin"),
            "role": "editor",
            "agencies": "so-y-te",
            "active": "on",
            "password": "Mat-khau-moi-2026",
        },
    )
    assert response.status_code == 200
    assert attempt(client, "nhapkhac", PASSWORD) == 401  # the old password is gone
    assert attempt(client, "nhapkhac", "Mat-khau-moi-2026") == 303
    assert [e.entity_id for e in fresh_site.store.audit_log(action="unlock")] == ["nhapkhac"]


def test_a_disabled_users_session_and_tokens_stop_working(fresh_site: Site) -> None:
    token = accounts.new_token(fresh_site.store, "nhaplieu", "dong-bo", actor="test")
    api = TestClient(fresh_site.app, headers={"Authorization": f"Bearer {token}"})
    assert api.get("/api/v1/me").json()["username"] == "nhaplieu"
    browser = fresh_site.client("nhaplieu")
    assert browser.get(f"/r/{XVI}/entry").status_code == 200

    admin = fresh_site.client("quantri")
    form = {"csrf_token": csrf_of(admin, "/admin"), "role": "editor", "agencies": "cuc-thong-ke"}
    assert admin.post("/admin/users/nhaplieu", data=form).status_code == 200  # not "active"
    assert api.get("/api/v1/me").status_code == 401
    body = {
        "figures": [
            {
                "indicator": "urban-unemployment",
                "year": 2024,
                "value": 3.1,
                "source_document": "Báo cáo",
            }
        ]
    }
    assert api.post(f"/api/v1/resolutions/{XVI}/observations", json=body).status_code == 401
    response = browser.get(f"/r/{XVI}/entry", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")
    assert attempt(TestClient(fresh_site.app), "nhaplieu", PASSWORD) == 401
    [change] = fresh_site.store.audit_log(actor="quantri", entity="user")
    assert change.entity_id == "nhaplieu"
    assert fresh_site.store.awaiting_review() == []
    # Enabled again, the same token works again: disabling is not deleting.
    assert admin.post("/admin/users/nhaplieu", data={**form, "active": "on"}).status_code == 200
    assert api.get("/api/v1/me").status_code == 200


def test_no_secrets_in_logs(fresh_site: Site, caplog: pytest.LogCaptureFixture) -> None:
    """Passwords, tokens, session cookies and CSRF tokens never reach a log record."""
    import logging

    caplog.set_level(logging.DEBUG)
    secrets_seen: list[str] = [PASSWORD, "Sai-mat-khau-bi-mat-77", "Mat-khau-moi-bi-mat-2026"]
    client = TestClient(fresh_site.app)
    assert attempt(client, "duyet1", secrets_seen[1]) == 401
    login(client, "quantri")
    secrets_seen.append(client.cookies["chitieu_session"])
    token_page = client.post(
        "/admin/tokens",
        data={"csrf_token": csrf_of(client, "/admin"), "username": "quantri", "name": "log"},
    )
    token = re.search(r'<code id="new-token">([^<]+)</code>', token_page.text)
    assert token
    secrets_seen += [token.group(1), csrf_of(client, "/admin")]
    api = TestClient(fresh_site.app, headers={"Authorization": f"Bearer {token.group(1)}"})
    assert api.get("/api/v1/me").status_code == 200
    assert api.get("/api/v1/me", headers={"Authorization": "Bearer ct_sai"}).status_code == 401
    response = client.post(
        "/admin/users/xem",
        data={
            "csrf_token": csrf_of(client, "/admin"),
            "role": "viewer",
            "active": "on",
            "password": secrets_seen[2],
        },
    )
    assert response.status_code == 200
    assert attempt(TestClient(fresh_site.app), "xem", secrets_seen[2]) == 303
    # Something was logged, so the check below is not vacuous.
    assert caplog.records
    logged = "\n".join(
        f"{r.name} {r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records
    )
    for secret in secrets_seen:
        assert secret not in logged
    audit = repr(fresh_site.store.audit_log(limit=100_000))
    for secret in secrets_seen:
        assert secret not in audit


# -- CSRF for API writes, CSP without inline script ----------------------------------


def test_api_writes_with_a_session_need_the_csrf_header(fresh_site: Site) -> None:
    from tests.web.authz_matrix import MATRIX
    from tests.web.test_authorisation import registered_routes

    api_posts = {
        route
        for method, route in registered_routes(fresh_site.app)
        if method in ("POST", "PUT", "PATCH", "DELETE") and route.startswith("/api/")
    }
    rows = {row.route: row for row in MATRIX if row.api and row.writes}
    assert api_posts == set(rows), "an API write without a body in authz_matrix.MATRIX"
    admin = fresh_site.client("quantri")
    before = snapshot(fresh_site)
    for route, row in rows.items():
        path = row.target.replace("{pending}", "1")
        for headers in ({}, {"X-CSRF-Token": "sai-ma"}, {"X-CSRF-Token": ""}):
            response = admin.post(path, json=row.json, headers=headers)
            assert response.status_code == 403, (route, headers)
            assert response.json()["error"] == "csrf", route
    assert snapshot(fresh_site) == before
    # A bearer token needs no CSRF header (no cookie is sent automatically with it).
    token = accounts.new_token(fresh_site.store, "quantri", "x", actor="test")
    bearer = TestClient(fresh_site.app, headers={"Authorization": f"Bearer {token}"})
    row = rows["/api/v1/resolutions/{resolution_id}/observations"]
    assert bearer.post(row.target, json=row.json).status_code == 201


def test_csp_needs_no_inline_script(site: Site) -> None:
    """script-src has no 'unsafe-inline', and no page carries inline script or handlers."""
    client = site.client("quantri")
    csp = client.get(f"/r/{XVI}").headers["content-security-policy"]
    script_src = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src
    assert "unsafe-eval" not in script_src
    assert "object-src 'none'" in csp
    assert "base-uri" in csp
    pages = [
        f"/r/{XVI}",
        f"/r/{XVI}/t/11",
        f"/r/{XVI}/t/1",
        f"/r/{XVI}/tasks",
        f"/r/{XVI}/tasks/dp1",
        f"/r/{XVI}/entry",
        "/review",
        "/audit",
        "/admin",
        "/tools/extract",
        "/tools/claims",
        "/login",
        "/api/v1/docs",
        "/khong-co",
    ]
    for path in pages:
        response = client.get(path)
        assert response.headers.get("referrer-policy") == "same-origin", path
        html = response.text
        for tag in re.findall(r"<script\b[^>]*>", html, re.I):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html, re.I), path
        assert "javascript:" not in html.lower(), path


def test_a_cookie_from_before_the_login_is_not_logged_in(site: Site) -> None:
    """Session fixation: a cookie planted before the login stays anonymous after it."""
    victim = TestClient(site.app)
    csrf_of(victim, "/login")
    planted = victim.cookies["chitieu_session"]
    login(victim, "xem")
    assert victim.cookies["chitieu_session"] != planted
    attacker = TestClient(site.app, cookies={"chitieu_session": planted})
    assert attacker.get("/api/v1/me").status_code == 401
    assert victim.get("/api/v1/me").json()["username"] == "xem"


def test_a_copied_cookie_dies_with_the_logout(fresh_site: Site) -> None:
    """ASVS 3.3.1: the signed cookie cannot be deleted server-side, so logging out moves
    the user's session version: a copy made before the logout is refused after it."""
    browser = TestClient(fresh_site.app)
    login(browser, "xem")
    copy = browser.cookies["chitieu_session"]
    elsewhere = fresh_site.client("xem")  # the same user in another browser
    response = browser.post(
        "/logout", data={"csrf_token": csrf_of(browser, "/login")}, follow_redirects=False
    )
    assert response.status_code == 303
    replay = TestClient(fresh_site.app, cookies={"chitieu_session": copy})
    assert replay.get("/api/v1/me").status_code == 401
    assert elsewhere.get("/api/v1/me").status_code == 401
    [entry] = fresh_site.store.audit_log(action="logout")
    assert (entry.actor, entry.entity_id) == ("xem", "xem")
    assert attempt(TestClient(fresh_site.app), "xem", PASSWORD) == 303
