"""The authorisation matrix: who gets what from every route the application registers.

This is the one place the expected answers live. ``tests/web/test_authorisation.py``
runs every row for every role (and fails when the app has a route without a row), and
``render_markdown`` prints the same data as the table in docs/reliability.md:
``.venv/bin/python -m tests.web.authz_matrix`` writes it to stdout.

Cells: ``200``/``201``/``303`` the request was carried out (303: redirected onwards),
``login`` redirected to the login form, ``401`` the API asks for a login or token,
``403`` refused for the role or the agency. Editor A reports for ``cuc-thong-ke``
(urban unemployment, task dp1 in the test's tasks file), editor B for ``so-y-te``
(doctors per 10.000 people, task dp2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

XVI = "haiphong-xvi-2020-2025"
ROLES = ("anonymous", "viewer", "editor_a", "editor_b", "reviewer", "admin")
ROLE_TITLES = {
    "anonymous": "anonymous",
    "viewer": "viewer",
    "editor_a": "editor A",
    "editor_b": "editor B",
    "reviewer": "reviewer",
    "admin": "admin",
}
# Users of tests/web/conftest.py.
ROLE_USERS = {
    "viewer": "xem",
    "editor_a": "nhaplieu",
    "editor_b": "nhapkhac",
    "reviewer": "duyet1",
    "admin": "quantri",
}

LOGIN = "login"  # 303 to /login?next=…


def everyone(status: str) -> dict[str, str]:
    return dict.fromkeys(ROLES, status)


def readers(status: str = "200", anonymous: str = LOGIN) -> dict[str, str]:
    return dict.fromkeys(ROLES, status) | {"anonymous": anonymous}


def staff(status: str, anonymous: str = LOGIN) -> dict[str, str]:
    """Reviewers and administrators."""
    return readers("403", anonymous) | {"reviewer": status, "admin": status}


def admins(status: str = "200", anonymous: str = LOGIN) -> dict[str, str]:
    return readers("403", anonymous) | {"admin": status}


def editors(status: str, anonymous: str = LOGIN) -> dict[str, str]:
    """Every role that enters figures, whatever the agency."""
    return staff(status, anonymous) | {"editor_a": status, "editor_b": status}


def agency(owner: str, status: str, anonymous: str = LOGIN) -> dict[str, str]:
    """Figures or tasks of one agency: its editor, reviewers and admins; not the other editor."""
    return staff(status, anonymous) | {owner: status}


CSV_A = (
    "indicator,area,period,value,unit,status,qualifier,source_document\n"
    "urban-unemployment,haiphong,2024,3.1,%,estimate,exact,Báo cáo thử\n"
)
CSV_B = (
    "indicator,area,period,value,unit,status,qualifier,source_document\n"
    "doctors-per-10k,haiphong,2024,15,bác sĩ/vạn dân,estimate,exact,Báo cáo thử\n"
)
FIGURE_A = {
    "indicator": "urban-unemployment",
    "year": "2024",
    "value": "3,1",
    "status": "estimate",
    "source_document": "Báo cáo thử",
}
FIGURE_B = {
    "indicator": "doctors-per-10k",
    "year": "2024",
    "value": "15",
    "status": "estimate",
    "source_document": "Báo cáo thử",
}
API_A = {
    "figures": [
        {
            "indicator": "urban-unemployment",
            "year": 2024,
            "value": 3.1,
            "status": "estimate",
            "source_document": "Báo cáo thử",
        }
    ]
}
API_B = {
    "figures": [
        {
            "indicator": "doctors-per-10k",
            "year": 2024,
            "value": 15,
            "status": "estimate",
            "source_document": "Báo cáo thử",
        }
    ]
}
UPDATE = {"reported_on": "2024-06-30", "percent": "40", "text": "Đã triển khai"}
API_UPDATE = {"reported_on": "2024-06-30", "percent": 40, "text": "Đã triển khai"}


@dataclass(frozen=True)
class Row:
    """One request and the answer each role must get.

    ``route`` is the path as registered (with ``{parameters}``); ``path`` the one sent.
    Bodies: ``form`` (a page form; the CSRF token is added), ``files`` (an upload
    besides the form), ``json`` (an API write; cookie clients add ``X-CSRF-Token``).
    ``pending`` names a figure the test fixture submits for review beforehand, whose id
    replaces ``{pending}`` in the path.
    """

    method: str
    route: str
    expect: dict[str, str]
    path: str = ""
    note: str = ""
    form: dict[str, str] | None = None
    files: dict[str, tuple[str, bytes, str]] | None = None
    json: dict[str, Any] | None = None
    pending: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def target(self) -> str:
        return self.path or self.route

    @property
    def writes(self) -> bool:
        return self.method != "GET"

    @property
    def api(self) -> bool:
        return self.route.startswith("/api/v1/") and self.route != "/api/v1/docs"


R = XVI
MATRIX: tuple[Row, ...] = (
    # Public: the login form, static files, the API description.
    Row("GET", "/login", everyone("200")),
    Row("GET", "/static", everyone("200"), "/static/app.css", "static files"),
    Row("GET", "/static/vendor/plotly.min.js", everyone("200")),
    Row("GET", "/api/v1/openapi.json", everyone("200")),
    Row("GET", "/api/v1/docs", everyone("200")),
    # Reading: every logged-in role.
    Row("GET", "/", readers("303"), note="→ the newest resolution"),
    Row("GET", "/r/{resolution_id}", readers(), f"/r/{R}"),
    Row("GET", "/r/{resolution_id}/t/{target_id}", readers(), f"/r/{R}/t/11"),
    Row("GET", "/r/{resolution_id}/tasks", readers(), f"/r/{R}/tasks"),
    Row("GET", "/r/{resolution_id}/tasks/{task_id}", readers(), f"/r/{R}/tasks/dp1"),
    Row("GET", "/r/{resolution_id}/report.{fmt}", readers(), f"/r/{R}/report.html"),
    Row("GET", "/r/{resolution_id}/export.{fmt}", readers(), f"/r/{R}/export.csv"),
    Row("GET", "/tools/extract", readers()),
    Row("GET", "/tools/claims", readers()),
    Row(
        "POST",
        "/tools/extract",
        readers(),
        form={"text": "Các chỉ tiêu chủ yếu\n(1) Tốc độ tăng trưởng GRDP bình quân đạt 8%/năm.\n"},
    ),
    Row(
        "POST",
        "/tools/claims",
        readers(),
        form={"text": "Thu ngân sách gấp 2 lần (100 tỷ đồng/50 tỷ đồng)."},
    ),
    Row("GET", "/me", readers("303"), note="→ /"),
    # Data entry: editors for their agency's indicators, reviewers and admins for all.
    Row("GET", "/r/{resolution_id}/entry", editors("200"), f"/r/{R}/entry"),
    Row("GET", "/r/{resolution_id}/template.xlsx", editors("200"), f"/r/{R}/template.xlsx"),
    Row(
        "GET",
        "/r/{resolution_id}/entry/check",
        editors("200"),
        f"/r/{R}/entry/check?indicator=urban-unemployment&year=2024&value=3,1",
        "the form's check of a figure while it is typed",
    ),
    Row(
        "POST",
        "/r/{resolution_id}/entry",
        agency("editor_a", "303"),
        f"/r/{R}/entry",
        "a figure of agency A",
        form=FIGURE_A,
    ),
    Row(
        "POST",
        "/r/{resolution_id}/entry",
        agency("editor_b", "303"),
        f"/r/{R}/entry",
        "a figure of agency B",
        form=FIGURE_B,
    ),
    Row(
        "POST",
        "/r/{resolution_id}/upload",
        agency("editor_a", "303"),
        f"/r/{R}/upload",
        "a CSV of agency A",
        form={},
        files={"file": ("a.csv", CSV_A.encode(), "text/csv")},
    ),
    Row(
        "POST",
        "/r/{resolution_id}/upload",
        agency("editor_b", "303"),
        f"/r/{R}/upload",
        "a CSV of agency B",
        form={},
        files={"file": ("b.csv", CSV_B.encode(), "text/csv")},
    ),
    Row(
        "POST",
        "/r/{resolution_id}/tasks/{task_id}/updates",
        agency("editor_a", "303"),
        f"/r/{R}/tasks/dp1/updates",
        "a task of agency A",
        form=UPDATE,
    ),
    Row(
        "POST",
        "/r/{resolution_id}/tasks/{task_id}/updates",
        agency("editor_b", "303"),
        f"/r/{R}/tasks/dp2/updates",
        "a task of agency B",
        form=UPDATE,
    ),
    # Review and audit: reviewers and admins.
    Row("GET", "/review", staff("200")),
    Row(
        "POST",
        "/review/approve",
        staff("303"),
        note="approve the ticked figures (none ticked: back to the queue, saying so)",
        form={},
    ),
    Row(
        "POST",
        "/review/{observation_id}",
        staff("303"),
        "/review/{pending}",
        "approve a figure of editor A",
        form={"action": "approve"},
        pending="form",
    ),
    Row(
        "POST",
        "/figures/{observation_id}/withdraw",
        agency("editor_a", "303"),
        "/figures/{pending}/withdraw",
        "withdraw a pending figure of editor A",
        form={"reason": "Nhập nhầm"},
        pending="withdraw",
    ),
    Row("GET", "/audit", staff("200")),
    # Administration: admins only.
    Row("GET", "/admin", admins()),
    Row(
        "POST",
        "/admin/users",
        admins(),
        form={"username": "moi", "password": "Mot-mat-khau-dai", "role": "viewer"},
    ),
    Row(
        "POST",
        "/admin/users/{username}",
        admins(),
        "/admin/users/xem",
        form={"role": "viewer", "active": "on"},
    ),
    Row("POST", "/admin/tokens", admins(), form={"username": "xem", "name": "x"}),
    Row(
        "POST",
        "/admin/resolutions",
        admins(),
        note="the XV definition again",
        form={},
        extra={"definition": "haiphong-xv-2015-2020"},
    ),
    Row(
        "POST",
        "/admin/resolutions/{resolution_id}/documents",
        admins(),
        f"/admin/resolutions/{R}/documents",
        "agencies.yaml again",
        form={"kind": "agencies"},
        extra={"document": "agencies"},
    ),
    Row(
        "POST",
        "/tools/extract/save",
        admins(),
        note="the XV definition as a draft",
        form={},
        extra={"definition": "haiphong-xv-2015-2020", "field": "yaml"},
    ),
    # The REST API: 401 instead of the login form; a token or session cookie.
    Row("GET", "/api/v1/me", readers(anonymous="401")),
    Row("GET", "/api/v1/resolutions", readers(anonymous="401")),
    Row(
        "GET",
        "/api/v1/resolutions/{resolution_id}/evaluation",
        readers(anonymous="401"),
        f"/api/v1/resolutions/{R}/evaluation",
    ),
    Row(
        "GET",
        "/api/v1/resolutions/{resolution_id}/targets",
        readers(anonymous="401"),
        f"/api/v1/resolutions/{R}/targets",
    ),
    Row(
        "GET",
        "/api/v1/resolutions/{resolution_id}/targets/{target_id}",
        readers(anonymous="401"),
        f"/api/v1/resolutions/{R}/targets/11",
    ),
    Row(
        "GET",
        "/api/v1/resolutions/{resolution_id}/in-year",
        readers(anonymous="401"),
        f"/api/v1/resolutions/{R}/in-year?year=2025",
    ),
    Row(
        "GET",
        "/api/v1/observations",
        readers(anonymous="401"),
        "/api/v1/observations?indicator=urban-unemployment",
    ),
    Row(
        "GET",
        "/api/v1/resolutions/{resolution_id}/tasks",
        readers(anonymous="401"),
        f"/api/v1/resolutions/{R}/tasks",
    ),
    Row(
        "POST",
        "/api/v1/resolutions/{resolution_id}/observations",
        agency("editor_a", "201", "401"),
        f"/api/v1/resolutions/{R}/observations",
        "figures of agency A",
        json=API_A,
    ),
    Row(
        "POST",
        "/api/v1/resolutions/{resolution_id}/observations",
        agency("editor_b", "201", "401"),
        f"/api/v1/resolutions/{R}/observations",
        "figures of agency B",
        json=API_B,
    ),
    Row(
        "POST",
        "/api/v1/resolutions/{resolution_id}/tasks/{task_id}/updates",
        agency("editor_a", "201", "401"),
        f"/api/v1/resolutions/{R}/tasks/dp1/updates",
        "a task of agency A",
        json=API_UPDATE,
    ),
    Row(
        "POST",
        "/api/v1/resolutions/{resolution_id}/tasks/{task_id}/updates",
        agency("editor_b", "201", "401"),
        f"/api/v1/resolutions/{R}/tasks/dp2/updates",
        "a task of agency B",
        json=API_UPDATE,
    ),
    Row("GET", "/api/v1/review", staff("200", "401")),
    Row(
        "POST",
        "/api/v1/observations/{observation_id}/review",
        staff("200", "401"),
        "/api/v1/observations/{pending}/review",
        "approve a figure of editor A",
        json={"action": "approve"},
        pending="api",
    ),
    Row(
        "POST",
        "/api/v1/observations/{observation_id}/withdraw",
        agency("editor_a", "200", "401"),
        "/api/v1/observations/{pending}/withdraw",
        "withdraw a pending figure of editor A",
        json={"reason": "Nhập nhầm"},
        pending="withdraw_api",
    ),
    # Last: they end or replace the session.
    Row("POST", "/login", everyone("303"), note="anonymous: as viewer; others: as themselves"),
    Row("POST", "/logout", everyone("303")),
)

UNSUPPORTED = ("DELETE", "PUT", "PATCH", "POST")


def render_markdown() -> str:
    """The matrix as the Markdown table of the docs (one line per row)."""
    head = "| Method | Path | " + " | ".join(ROLE_TITLES[r] for r in ROLES) + " |"
    rule = "|---|---|" + "---|" * len(ROLES)
    lines = [head, rule]
    for row in MATRIX:
        path = row.route.replace("|", "\\|")
        note = f" ({row.note})" if row.note else ""
        cells = " | ".join(_cell(row.expect[r]) for r in ROLES)
        lines.append(f"| {row.method} | `{path}`{note} | {cells} |")
    return "\n".join(lines) + "\n"


def _cell(status: str) -> str:
    return "→ login" if status == LOGIN else status


if __name__ == "__main__":
    print(render_markdown(), end="")
