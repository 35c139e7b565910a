"""``/api/v1`` as a machine client uses it: bearer tokens, JSON errors with 4xx codes that
name the fields, the review workflow, optimistic locking, CSRF for browser sessions."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chitieu.services import accounts
from tests.web.conftest import XVI, Site, csrf_of

API = "/api/v1"
SUBMIT = f"{API}/resolutions/{XVI}/observations"


def figure(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "indicator": "urban-unemployment",
        "year": 2025,
        "value": 3.2,
        "unit": "%",
        "status": "estimate",
        "source_document": "Báo cáo tình hình kinh tế - xã hội năm 2025",
    }
    return {**base, **changes}


class Api:
    """A machine client holding one bearer token."""

    def __init__(self, site: Site, username: str) -> None:
        self.token = accounts.new_token(site.store, username, "test", actor="test")
        self.client = TestClient(site.app)
        self.headers = {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **params: Any) -> Any:
        response = self.client.get(path, headers=self.headers, params=params)
        assert response.status_code == 200, response.text[:300]
        return response.json()

    def post(self, path: str, body: object) -> tuple[int, Any]:
        response = self.client.post(path, headers=self.headers, json=body)
        assert response.headers["content-type"].startswith("application/json")
        return response.status_code, response.json()

    def submit(self, *figures: dict[str, object], reason: str = "") -> tuple[int, Any]:
        return self.post(SUBMIT, {"figures": list(figures), "reason": reason})

    def review(self, obs_id: object, action: str, comment: str = "") -> tuple[int, Any]:
        return self.post(
            f"{API}/observations/{obs_id}/review", {"action": action, "comment": comment}
        )


def stored(site: Site) -> tuple[int, int]:
    return len(site.store.observations(all_revisions=True)), len(site.store.awaiting_review())


@pytest.fixture(scope="module")
def apis(site: Site) -> dict[str, Api]:
    """Tokens for reading and for requests that must be refused (nothing is written)."""
    return {name: Api(site, name) for name in ("quantri", "duyet1", "nhaplieu", "nhapkhac", "xem")}


def test_token_reads_every_get_endpoint(site: Site, apis: dict[str, Api]) -> None:
    api = apis["xem"]
    assert api.get(f"{API}/me") == {
        "username": "xem",
        "display_name": "xem",
        "role": "viewer",
        "agencies": [],
    }
    resolutions = {r["id"]: r for r in api.get(f"{API}/resolutions")}
    assert set(resolutions) == {"haiphong-xv-2015-2020", XVI}
    assert resolutions[XVI]["period"] == [2021, 2025]
    assert resolutions[XVI]["targets"] == 20
    evaluation = api.get(f"{API}/resolutions/{XVI}/evaluation")
    assert isinstance(evaluation, dict)
    assert evaluation["format"] == "chitieu/evaluation@1"
    assert evaluation["counts"] == {"not_achieved": 1, "not_enough_data": 19}
    in_term = api.get(f"{API}/resolutions/{XVI}/evaluation", as_of=2024)
    assert isinstance(in_term, dict)
    assert in_term["as_of"] == 2024
    assert in_term["final"] is False
    targets = api.get(f"{API}/resolutions/{XVI}/targets")
    assert isinstance(targets, list)
    assert [t["id"] for t in targets[:20]] == [str(n) for n in range(1, 21)]
    target = api.get(f"{API}/resolutions/{XVI}/targets/11")
    assert isinstance(target, dict)
    assert target["verdict"] == "not_enough_data"
    assert target["agencies"] == ["cuc-thong-ke"]
    periods = {f["period"]: f for f in target["figures"]}
    assert set(periods) >= {"2016", "2017", "2018", "2019", "2020"}
    assert periods["2020"]["value"] == 3.86
    assert periods["2020"]["review_state"] == "approved"
    assert periods["2020"]["in_force"] is True
    figures = api.get(f"{API}/observations", indicator="urban-unemployment")
    assert isinstance(figures, list)
    assert {f["period"] for f in figures} >= {"2016", "2020"}
    assert {f["review_state"] for f in figures} == {"approved"}
    assert apis["duyet1"].get(f"{API}/review") == []
    tasks = api.get(f"{API}/resolutions/{XVI}/tasks")
    assert isinstance(tasks, list)
    assert {"dp1", "dp2", "dp3"} <= {t["id"] for t in tasks}


def test_unknown_and_revoked_tokens_are_refused(site: Site) -> None:
    client = TestClient(site.app)
    for header in ("Bearer ct_" + "x" * 43, "Bearer not-a-token", "Bearer "):
        response = client.get(f"{API}/me", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.json()["error"] == "unauthorized"
        assert response.headers["www-authenticate"] == "Bearer"
    api = Api(site, "xem")
    assert api.get(f"{API}/me")["username"] == "xem"
    [token] = [t for t in site.store.tokens("xem") if not t.revoked][-1:]
    site.store.revoke_token(token.id, actor="test")
    response = client.get(f"{API}/me", headers=api.headers)
    assert response.status_code == 401
    assert client.post(SUBMIT, headers=api.headers, json={"figures": [figure()]}).status_code == 401


def test_token_of_a_deactivated_user_is_refused(fresh_site: Site) -> None:
    api = Api(fresh_site, "nhaplieu")
    assert api.get(f"{API}/me")["username"] == "nhaplieu"
    fresh_site.store.update_user("nhaplieu", actor="test", active=False)
    assert api.client.get(f"{API}/me", headers=api.headers).status_code == 401
    assert stored(fresh_site)[1] == 0
    status, _ = api.submit(figure())
    assert status == 401
    assert stored(fresh_site)[1] == 0


def test_submit_returns_201_with_ids(fresh_site: Site) -> None:
    api = Api(fresh_site, "nhaplieu")
    status, body = api.submit(
        figure(),
        figure(year=2024, value="3.3", status="preliminary", qualifier="approx"),
        reason="Số liệu quý IV",
    )
    assert status == 201
    ids = body["observation_ids"]
    assert isinstance(ids, list)
    assert len(ids) == 2
    assert body["inserted"] == 2
    assert sorted(r.observation_id for r in fresh_site.store.awaiting_review()) == sorted(ids)
    listed = {
        f["id"]: f
        for f in api.get(f"{API}/observations", indicator="urban-unemployment", revisions="true")
    }
    assert listed[ids[0]]["review_state"] == "submitted"
    assert listed[ids[1]]["qualifier"] == "approx"
    assert listed[ids[1]]["value"] == 3.3
    queue = Api(fresh_site, "duyet1").get(f"{API}/review")
    assert isinstance(queue, list)
    assert {q["id"] for q in queue} == set(ids)
    assert {q["submitted_by"] for q in queue} == {"nhaplieu"}
    assert {q["comment"] for q in queue} == {"Số liệu quý IV"}


@pytest.mark.parametrize(
    ("figures", "fields"),
    [
        pytest.param([figure(value="abc")], {"figures[0].value"}, id="value"),
        pytest.param(
            [figure(), figure(year=2024, unit="quả")], {"figures[1].unit"}, id="second-unit"
        ),
        pytest.param(
            [figure(indicator="khong-co"), figure(value="3,2")],
            {"figures[0].indicator", "figures[1].value"},
            id="every-problem",
        ),
        pytest.param([figure(unit="tỷ đồng")], {"figures[0].unit"}, id="unit-not-convertible"),
        pytest.param([figure(year=2099)], {"figures[0].year"}, id="future-estimate"),
        pytest.param([figure(status="guess")], {"figures[0].status"}, id="status"),
        pytest.param([figure(source_document="")], {"figures[0].source_document"}, id="source"),
        pytest.param([figure(extra="x")], {"figures[0].extra"}, id="unknown-field"),
        pytest.param([], {"figures"}, id="no-figures"),
    ],
)
def test_submit_422_names_the_fields(
    site: Site, apis: dict[str, Api], figures: list[dict[str, object]], fields: set[str]
) -> None:
    before = stored(site)
    status, body = apis["nhaplieu"].submit(*figures)
    assert status == 422, body
    detail = body["detail"]
    assert isinstance(detail, list)
    assert {d["field"] for d in detail} == fields
    assert all(d["message"] for d in detail)
    assert stored(site) == before


@pytest.mark.parametrize(
    "value", [pytest.param("true", id="true"), pytest.param("1e400", id="infinite")]
)
def test_submit_refuses_json_values_that_are_not_numbers(fresh_site: Site, value: str) -> None:
    """JSON ``true`` is not 1 %, and 1e400 is no figure: both are field errors."""
    api = Api(fresh_site, "nhaplieu")
    raw = json.dumps({"figures": [figure(year=2024, value="@")]})
    body = raw.replace('"@"', value)
    response = api.client.post(
        SUBMIT, headers={**api.headers, "Content-Type": "application/json"}, content=body
    )
    assert response.status_code == 422, response.text
    fields = {d["field"] for d in response.json()["detail"]}
    assert fields == {"figures[0].value"}  # one spelling of a field everywhere
    assert fields
    assert stored(fresh_site)[1] == 0


def test_unknown_resolution_target_or_path_is_404_json(site: Site, apis: dict[str, Api]) -> None:
    api = apis["quantri"]
    for path in (
        f"{API}/resolutions/khong-co/evaluation",
        f"{API}/resolutions/khong-co/targets",
        f"{API}/resolutions/khong-co/targets/11",
        f"{API}/resolutions/{XVI}/targets/99",
        f"{API}/khong-co",
    ):
        response = api.client.get(path, headers=api.headers)
        assert response.status_code == 404, path
        assert response.json()["error"] == "not_found", path
    before = stored(site)
    status, body = api.post(f"{API}/resolutions/khong-co/observations", {"figures": [figure()]})
    assert status == 404
    assert body["error"] == "not_found"
    assert "khong-co" in str(body["detail"])
    status, body = apis["duyet1"].review(999_999, "approve")
    assert status == 404
    assert stored(site) == before


def test_out_of_scope_writes_are_403(site: Site, apis: dict[str, Api]) -> None:
    before = stored(site)
    for user in ("nhapkhac", "xem"):  # so-y-te does not report unemployment; a viewer none
        status, body = apis[user].submit(figure())
        assert status == 403, user
        assert body["error"] == "forbidden"
    # One figure out of scope refuses the whole request.
    status, _ = apis["nhaplieu"].submit(figure(), figure(indicator="doctors-per-10k", unit=""))
    assert status == 403
    for user in ("nhaplieu", "xem"):
        status, _ = apis[user].review(1, "approve")
        assert status == 403
    response = apis["nhaplieu"].client.get(f"{API}/review", headers=apis["nhaplieu"].headers)
    assert response.status_code == 403
    assert stored(site) == before


def test_review_through_the_api(fresh_site: Site) -> None:
    editor = Api(fresh_site, "nhaplieu")
    reviewer = Api(fresh_site, "duyet1")
    _, body = editor.submit(figure(), figure(year=2024, value=3.3))
    first, second = body["observation_ids"]

    status, done = reviewer.review(first, "approve")
    assert status == 200
    assert done["state"] == "approved"
    assert done["actor"] == "duyet1"
    target = reviewer.get(f"{API}/resolutions/{XVI}/targets/11")
    assert target["verdict"] == "achieved"

    status, refused = reviewer.review(first, "approve")  # not waiting any more
    assert status == 409
    assert "not waiting for review" in str(refused["detail"])
    status, _ = reviewer.review(first, "return", "sai")
    assert status == 409

    status, refused = reviewer.review(second, "return")  # a return needs its reason
    assert 400 <= status < 500
    assert "comment" in str(refused["detail"])
    status, done = reviewer.review(second, "return", "Chưa khớp số liệu của Cục Thống kê")
    assert status == 200
    assert done["state"] == "returned"
    assert done["comment"] == "Chưa khớp số liệu của Cục Thống kê"
    status, _ = reviewer.review(second, "approve")
    assert status == 409

    status, done = reviewer.review(first, "reopen", "Cục Thống kê điều chỉnh")
    assert status == 200
    assert done["state"] == "reopened"
    status, _ = reviewer.review(first, "action-x")
    assert status == 422
    assert [r.state.value for r in fresh_site.store.review_history(first)] == [
        "submitted",
        "approved",
        "reopened",
    ]


def test_reviewer_cannot_approve_own_submission_via_api(fresh_site: Site) -> None:
    reviewer = Api(fresh_site, "duyet1")
    status, body = reviewer.submit(figure())
    assert status == 201
    [obs_id] = body["observation_ids"]
    status, refused = reviewer.review(obs_id, "approve")
    assert 400 <= status < 500
    assert "another reviewer must approve it" in str(refused["detail"])
    assert fresh_site.store.review_states([obs_id])[obs_id].state.value == "submitted"
    status, _ = Api(fresh_site, "duyet2").review(obs_id, "approve")
    assert status == 200


def test_optimistic_locking_with_seen_revision(fresh_site: Site) -> None:
    editor = Api(fresh_site, "nhaplieu")
    other = Api(fresh_site, "quantri")
    status, _ = editor.submit(figure(seen_revision=0))
    assert status == 201
    # Somebody else read revision 0 too and sends a different value: refused.
    before = stored(fresh_site)
    status, body = other.submit(figure(value=3.1, seen_revision=0))
    assert status == 409
    assert "changed since you opened it (revision 1, you saw 0)" in str(body["detail"])
    assert stored(fresh_site) == before
    # Having looked at revision 1, the correction becomes revision 2.
    status, body = other.submit(figure(value=3.1, seen_revision=1), reason="số liệu mới hơn")
    assert status == 201
    assert body["revised"] == 1
    revisions = [
        (f["revision"], f["value"])
        for f in editor.get(f"{API}/observations", indicator="urban-unemployment", revisions="true")
        if f["period"] == "2025"
    ]
    assert sorted(revisions) == [(1, 3.2), (2, 3.1)]


def test_approved_figure_is_locked_for_the_api(fresh_site: Site) -> None:
    editor = Api(fresh_site, "nhaplieu")
    _, body = editor.submit(figure())
    [obs_id] = body["observation_ids"]
    Api(fresh_site, "duyet1").review(obs_id, "approve")
    before = stored(fresh_site)
    status, body = editor.submit(figure(value=3.0))
    assert status == 409
    assert "is locked; a reviewer must reopen it" in str(body["detail"])
    assert stored(fresh_site) == before


def test_browser_session_needs_the_csrf_header(fresh_site: Site) -> None:
    browser = fresh_site.client("nhaplieu")
    body = {"figures": [figure()]}
    response = browser.post(SUBMIT, json=body)
    assert response.status_code == 403
    assert response.json()["error"] == "csrf"
    response = browser.post(SUBMIT, json=body, headers={"X-CSRF-Token": "gia-mao"})
    assert response.status_code == 403
    assert stored(fresh_site)[1] == 0
    token = csrf_of(browser, f"/r/{XVI}")
    response = browser.post(SUBMIT, json=body, headers={"X-CSRF-Token": token})
    assert response.status_code == 201
    assert len(response.json()["observation_ids"]) == 1
    # Reads need no header.
    assert browser.get(f"{API}/me").json()["username"] == "nhaplieu"


def test_openapi_lists_the_paths(site: Site) -> None:
    response = TestClient(site.app).get(f"{API}/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["info"]["title"] == "chitieu API"
    paths = spec["paths"]
    for path, method in (
        (f"{API}/me", "get"),
        (f"{API}/resolutions", "get"),
        (f"{API}/resolutions/{{resolution_id}}/evaluation", "get"),
        (f"{API}/resolutions/{{resolution_id}}/targets", "get"),
        (f"{API}/resolutions/{{resolution_id}}/targets/{{target_id}}", "get"),
        (f"{API}/observations", "get"),
        (f"{API}/resolutions/{{resolution_id}}/observations", "post"),
        (f"{API}/review", "get"),
        (f"{API}/observations/{{observation_id}}/review", "post"),
    ):
        assert method in paths.get(path, {}), f"{method.upper()} {path} not described"
    schemas = spec["components"]["schemas"]
    assert {"FigureIn", "SubmitIn", "SubmitOut", "ReviewIn", "ErrorOut"} <= set(schemas)


def test_api_docs_page_works_offline(site: Site) -> None:
    """The issue: pages work with no internet access (no CDN links)."""
    page = TestClient(site.app).get(f"{API}/docs")
    assert page.status_code == 200
    external = re.findall(r"""(?:src|href)=["']?(https?://[^"' >]+)""", page.text)
    external += re.findall(r"""url: ?["'](https?://[^"']+)""", page.text)
    assert external == [], external


MALFORMED = [
    "{bad json",
    "",
    "[]",
    "null",
    '"figures"',
    "[" * 10_000,
    '{"figures": "x"}',
    '{"figures": [null]}',
    '{"figures": [{"value": {"a": 1}}]}',
    '{"figures": [{"indicator": "urban-unemployment", "year": "MMXXV", "value": 1,'
    ' "source_document": "x"}]}',
    '{"figures": [{"indicator": "urban-unemployment", "year": 1e400, "value": 1,'
    ' "source_document": "x"}]}',
    '{"figures": [{"indicator": "urban-unemployment", "year": 2024, "value": NaN,'
    ' "source_document": "x"}]}',
    '{"action": ["approve"]}',
    '{"action": "approve", "comment": 5}',
]


def test_no_endpoint_answers_500_to_malformed_json(site: Site, apis: dict[str, Api]) -> None:
    before = stored(site)
    api = apis["quantri"]
    posts = [
        SUBMIT,
        f"{API}/observations/1/review",
        f"{API}/resolutions/{XVI}/tasks/dp1/updates",
    ]
    for path in posts:
        for body in MALFORMED:
            for content_type in ("application/json", "text/plain"):
                response = api.client.post(
                    path,
                    headers={**api.headers, "Content-Type": content_type},
                    content=body.encode(),
                )
                assert 400 <= response.status_code < 500, (path, body[:40], response.text[:200])
                assert response.json()["error"], (path, body[:40])
        response = api.client.post(
            path, headers={**api.headers, "Content-Type": "application/json"}, content=b"\xff\xfe"
        )
        assert 400 <= response.status_code < 500
    assert stored(site) == before
