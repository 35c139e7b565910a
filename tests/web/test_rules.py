"""A figure that breaks a validation rule marked "high" cannot be approved (DHIS2's
validation before approval); the target page lists the data checks."""

from __future__ import annotations

from fastapi.testclient import TestClient

from chitieu.services import accounts
from tests.web.conftest import XVI, Site

API = "/api/v1"


def _token(site: Site, user: str) -> dict[str, str]:
    token = accounts.new_token(site.store, user, "test", actor="test")
    return {"Authorization": f"Bearer {token}"}


def _submit(client: TestClient, headers: dict[str, str], value: str) -> int:
    body = {
        "figures": [
            {
                "indicator": "domestic-revenue",
                "year": 2022,
                "value": value,
                "unit": "tỷ đồng",
                "status": "estimate",
                "source_document": "Báo cáo thu ngân sách 2022",
            }
        ],
        "reason": "số liệu thu ngân sách 2022",  # a correction needs one
    }
    response = client.post(f"{API}/resolutions/{XVI}/observations", json=body, headers=headers)
    assert response.status_code == 201, response.text
    [observation_id] = response.json()["observation_ids"]
    return int(observation_id)


def test_a_high_rule_blocks_approval_until_the_figure_is_fixed(fresh_site: Site) -> None:
    client = TestClient(fresh_site.app)
    submitter, reviewer = _token(fresh_site, "duyet2"), _token(fresh_site, "duyet1")
    # Domestic revenue above the whole budget revenue of 2022 (107.132,6 tỷ đồng).
    wrong = _submit(client, submitter, "150000")
    refused = client.post(
        f"{API}/observations/{wrong}/review", json={"action": "approve"}, headers=reviewer
    )
    assert refused.status_code == 409
    assert "Domestic revenue is part of budget revenue: 150,000 <= 107,132.6" in refused.text
    assert [r.observation_id for r in fresh_site.store.awaiting_review()] == [wrong]
    # The reviewer returns it; the agency sends a plausible figure, which is approved.
    returned = client.post(
        f"{API}/observations/{wrong}/review",
        json={"action": "return", "comment": "lớn hơn tổng thu ngân sách"},
        headers=reviewer,
    )
    assert returned.status_code == 200
    fixed = _submit(client, submitter, "40500")
    approved = client.post(
        f"{API}/observations/{fixed}/review", json={"action": "approve"}, headers=reviewer
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["state"] == "approved"


def test_the_web_review_page_shows_why_approval_waits(fresh_site: Site) -> None:
    from tests.web.conftest import csrf_of

    api = TestClient(fresh_site.app)
    wrong = _submit(api, _token(fresh_site, "duyet2"), "150000")
    reviewer = fresh_site.client("duyet1")
    token = csrf_of(reviewer, "/review")
    response = reviewer.post(
        f"/review/{wrong}", data={"csrf_token": token, "action": "approve"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert 'class="alert"' in response.text
    assert [r.observation_id for r in fresh_site.store.awaiting_review()] == [wrong]
