"""Withdrawing a figure on the pages and through the API: the row stays, it shows as
"đã rút", it stops counting (the verdict falls back), and every step is audited; who may
withdraw what holds on every path. Both backends (fixtures of tests/web/conftest.py)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from chitieu.services import accounts
from tests.web.conftest import XVI, Site, csrf_of
from tests.web.test_scenario import (
    TARGET_11,
    badge_of_target,
    counts,
    figure_rows,
    review,
    submit,
    waiting_ids,
)

API = "/api/v1"


def withdraw(client: TestClient, observation_id: int, reason: str, back: str = TARGET_11) -> str:
    """Post the withdraw form of the target page; returns where the app sends the user."""
    token = csrf_of(client, back)
    response = client.post(
        f"/figures/{observation_id}/withdraw",
        data={"csrf_token": token, "reason": reason, "next": back},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[-1500:]
    return str(response.headers["location"])


def bearer(site: Site, username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {accounts.new_token(site.store, username, 't', actor='t')}"}


def test_reviewer_withdraws_an_approved_figure_and_the_verdict_falls_back(
    fresh_site: Site,
) -> None:
    editor = fresh_site.client("nhaplieu")
    reviewer = fresh_site.client("duyet1")
    assert submit(editor) == 303
    [obs_id] = waiting_ids(fresh_site)
    review(reviewer, obs_id, "approve")
    assert badge_of_target(editor, "11") == "Đạt"
    # The withdraw button with its reason field is on the target page's figure table.
    page = reviewer.get(TARGET_11).text
    assert f'action="/figures/{obs_id}/withdraw"' in page
    assert 'name="reason"' in page

    location = withdraw(reviewer, obs_id, "  ")  # a reason is required
    assert "error=" in location
    assert "Hãy ghi lý do rút số liệu." in reviewer.get(location).text
    assert badge_of_target(editor, "11") == "Đạt"

    location = withdraw(reviewer, obs_id, "Số ước tính bị công bố nhầm")
    assert location == f"{TARGET_11}?withdrawn={obs_id}"
    assert "Đã rút số liệu" in reviewer.get(location).text
    [row] = figure_rows(editor, 2025)
    assert (row["id"], row["state"]) == (str(obs_id), "đã rút")  # kept, marked
    assert "in-force" not in row["class"]
    assert badge_of_target(editor, "11") == "Chưa đủ số liệu"
    assert counts(editor) == {"Không đạt": 1, "Chưa đủ số liệu": 19}
    english = editor.get(TARGET_11, params={"lang": "en"}).text
    assert re.search(rf'data-obs="{obs_id}">.*?withdrawn', english, re.S)
    assert f'action="/figures/{obs_id}/withdraw"' not in reviewer.get(TARGET_11).text

    entries = fresh_site.store.audit_log(action="withdraw")
    assert [(e.actor, e.reason, e.before) for e in entries] == [
        ("duyet1", "Số ước tính bị công bố nhầm", {"state": "approved"})
    ]
    audit_page = reviewer.get("/audit", params={"action": "withdraw"}).text
    assert "Số ước tính bị công bố nhầm" in audit_page


def test_reviewer_withdraws_from_the_queue(fresh_site: Site) -> None:
    editor = fresh_site.client("nhaplieu")
    reviewer = fresh_site.client("duyet1")
    assert submit(editor) == 303
    [obs_id] = waiting_ids(fresh_site)
    queue = reviewer.get("/review").text
    assert f'action="/figures/{obs_id}/withdraw"' in queue
    assert withdraw(reviewer, obs_id, "Trùng với báo cáo khác", back="/review") == (
        f"/review?withdrawn={obs_id}"
    )
    assert waiting_ids(fresh_site) == []
    assert "Không có số liệu chờ duyệt." in reviewer.get("/review").text


def test_an_editor_withdraws_only_their_own_pending_figure(fresh_site: Site) -> None:
    editor = fresh_site.client("nhaplieu")
    admin = fresh_site.client("quantri")
    assert submit(admin, value="3,4") == 303  # the administrator's submission
    [theirs] = waiting_ids(fresh_site)
    # Not the editor's own: no button, and the route refuses it, naming why.
    assert f'action="/figures/{theirs}/withdraw"' not in editor.get(TARGET_11).text
    token = csrf_of(editor, TARGET_11)
    refused = editor.post(
        f"/figures/{theirs}/withdraw",
        data={"csrf_token": token, "reason": "không phải của tôi", "next": TARGET_11},
        follow_redirects=False,
    )
    assert refused.status_code == 403
    assert "editor who submitted it" in refused.text
    assert waiting_ids(fresh_site) == [theirs]

    admin_account = fresh_site.store.user("quantri")
    assert admin_account is not None
    fresh_site.store.withdraw_figure(theirs, by=admin_account.principal, reason="dọn")
    assert submit(editor, value="3,1") == 303
    [mine] = waiting_ids(fresh_site)
    assert f'action="/figures/{mine}/withdraw"' in editor.get(TARGET_11).text
    assert withdraw(editor, mine, "Gửi nhầm năm") == f"{TARGET_11}?withdrawn={mine}"
    assert waiting_ids(fresh_site) == []
    states = {r["id"]: r["state"] for r in figure_rows(editor, 2025)}
    assert states == {str(theirs): "đã rút", str(mine): "đã rút"}


def test_viewers_and_anonymous_cannot_withdraw(fresh_site: Site) -> None:
    editor = fresh_site.client("nhaplieu")
    assert submit(editor) == 303
    [obs_id] = waiting_ids(fresh_site)
    viewer = fresh_site.client("xem")
    token = csrf_of(viewer, TARGET_11)
    response = viewer.post(
        f"/figures/{obs_id}/withdraw",
        data={"csrf_token": token, "reason": "x"},
        follow_redirects=False,
    )
    assert response.status_code == 403
    anonymous = TestClient(fresh_site.app)
    response = anonymous.post(
        f"/figures/{obs_id}/withdraw", data={"reason": "x"}, follow_redirects=False
    )
    assert response.status_code in (303, 403)  # to the login page, or refused for CSRF
    no_csrf = editor.post(
        f"/figures/{obs_id}/withdraw", data={"reason": "x"}, follow_redirects=False
    )
    assert no_csrf.status_code == 403
    assert waiting_ids(fresh_site) == [obs_id]


def test_withdraw_through_the_api(fresh_site: Site) -> None:
    client = TestClient(fresh_site.app)
    editor, other, reviewer = (bearer(fresh_site, u) for u in ("nhaplieu", "nhapkhac", "duyet1"))
    body = {
        "figures": [
            {
                "indicator": "urban-unemployment",
                "year": 2025,
                "value": 3.2,
                "status": "estimate",
                "source_document": "Báo cáo KT-XH 2025",
            }
        ]
    }
    created = client.post(f"{API}/resolutions/{XVI}/observations", json=body, headers=editor)
    assert created.status_code == 201, created.text
    [obs_id] = created.json()["observation_ids"]
    url = f"{API}/observations/{obs_id}/withdraw"

    missing = client.post(url, json={}, headers=reviewer)
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["field"] == "reason"
    foreign = client.post(url, json={"reason": "x"}, headers=other)
    assert foreign.status_code == 403
    assert "editor who submitted it" in foreign.json()["detail"]
    unknown = client.post(
        f"{API}/observations/999999/withdraw", json={"reason": "x"}, headers=reviewer
    )
    assert unknown.status_code == 404

    done = client.post(url, json={"reason": "Số liệu chưa được kiểm tra"}, headers=reviewer)
    assert done.status_code == 200, done.text
    assert done.json()["state"] == "withdrawn"
    assert done.json()["comment"] == "Số liệu chưa được kiểm tra"
    again = client.post(url, json={"reason": "lần nữa"}, headers=reviewer)
    assert again.status_code == 409
    assert "already withdrawn" in again.json()["detail"]

    listed = client.get(
        f"{API}/observations",
        params={"indicator": "urban-unemployment", "revisions": "true"},
        headers=editor,
    ).json()
    [figure] = [f for f in listed if f["period"] == "2025"]
    assert figure["review_state"] == "withdrawn"
    approve = client.post(
        f"{API}/observations/{obs_id}/review", json={"action": "approve"}, headers=reviewer
    )
    assert approve.status_code == 409
