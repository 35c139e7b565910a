"""The authorisation matrix: every page and endpoint, for every role and for anonymous
visitors, with public read-only mode off and on."""

from __future__ import annotations

import pytest

from tests.web.conftest import ROLE_USER, XVI, Site

ROLES = ("admin", "reviewer", "editor", "viewer", "anonymous")

LOGGED_IN = ("admin", "reviewer", "editor", "viewer")


def readers(anonymous: int) -> dict[str, int]:
    """Every logged-in role reads (200); anonymous visitors get ``anonymous``."""
    return dict.fromkeys(LOGGED_IN, 200) | {"anonymous": anonymous}


def reviewers(anonymous: int) -> dict[str, int]:
    return {"admin": 200, "reviewer": 200, "editor": 403, "viewer": 403, "anonymous": anonymous}


# path → expected status per role (303: redirected to the login form; 401: API login needed)
PAGES: dict[str, dict[str, int]] = {
    f"/r/{XVI}": readers(303),
    f"/r/{XVI}/t/11": readers(303),
    f"/r/{XVI}/tasks": readers(303),
    f"/r/{XVI}/tasks/dp1": readers(303),
    f"/r/{XVI}/entry": {"admin": 200, "reviewer": 200, "editor": 200, "viewer": 403}
    | {"anonymous": 303},
    "/review": reviewers(303),
    "/audit": reviewers(303),
    "/admin": {"admin": 200, "reviewer": 403, "editor": 403, "viewer": 403, "anonymous": 303},
    "/api/v1/resolutions": readers(401),
    f"/api/v1/resolutions/{XVI}/evaluation": readers(401),
    f"/api/v1/resolutions/{XVI}/targets/11": readers(401),
    "/api/v1/review": reviewers(401),
    "/api/v1/me": readers(401),
}

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


@pytest.mark.parametrize("role", ROLES)
def test_page_matrix(site: Site, role: str) -> None:
    client = site.client(None if role == "anonymous" else ROLE_USER[role])
    got = {path: client.get(path, follow_redirects=False).status_code for path in PAGES}
    want = {path: expected[role] for path, expected in PAGES.items()}
    assert got == want


def test_anonymous_redirect_keeps_the_page_asked_for(site: Site) -> None:
    response = site.client().get(f"/r/{XVI}/t/11?lang=en", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next=/r/{XVI}/t/11%3Flang%3Den"


def test_public_read_only_mode(site: Site) -> None:
    from fastapi.testclient import TestClient

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
    from tests.web.conftest import csrf_of

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
    import re

    return re.findall(r'<option value="([a-z0-9-]+)" data-unit', html)
