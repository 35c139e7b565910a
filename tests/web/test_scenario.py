"""The issue's scenario through the web pages: an agency enters a figure, a reviewer
approves it, and the verdicts change only then; returning, self-approval and the lock
on approved figures, each checked by what the pages show and what the store holds."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from tests.web.conftest import XVI, Site, csrf_of

ENTRY = f"/r/{XVI}/entry"
TARGET_11 = f"/r/{XVI}/t/11"
# Target 11: "Tỷ lệ thất nghiệp khu vực thành thị dưới 3,5% vào năm 2025".
FIGURE = {
    "indicator": "urban-unemployment",
    "year": "2025",
    "value": "3,2",
    "unit": "%",
    "status": "estimate",
    "qualifier": "exact",
    "source_document": "Báo cáo tình hình kinh tế - xã hội năm 2025 của UBND thành phố",
    "source_date": "2025-12-20",
}


def counts(client: TestClient) -> dict[str, int]:
    """The overview's counts per verdict, as the page shows them ("Đạt: 1")."""
    page = client.get(f"/r/{XVI}")
    assert page.status_code == 200
    block = re.search(r'<p class="counts" id="counts">(.*?)</p>', page.text, re.S)
    assert block, "no counts on the overview"
    found = re.findall(
        r'data-verdict="([a-z_]+)">.*?</span> ([^:<]+): <strong>(\d+)</strong>', block.group(1)
    )
    return {label: int(n) for _code, label, n in found}


def badge_of_target(client: TestClient, number: str) -> str:
    page = client.get(f"/r/{XVI}/t/{number}")
    assert page.status_code == 200
    head = re.search(r"<h1>(.*?)</h1>", page.text, re.S)
    assert head
    badge = re.search(
        r'<span class="badge[^"]*" data-verdict="[a-z_]+">.*?</span> ([^<]+)</span>', head.group(1)
    )
    assert badge, head.group(1)
    return badge.group(1).strip()


def figure_rows(client: TestClient, year: int) -> list[dict[str, str]]:
    """The target page's figures table, rows of the given year."""
    page = client.get(TARGET_11)
    table = re.search(r'<table class="figures">(.*?)</table>', page.text, re.S)
    assert table
    rows = []
    for cls, obs, body in re.findall(
        r'<tr class="([^"]*)" data-obs="(\d+)">(.*?)</tr>', table.group(1), re.S
    ):
        cells = [
            html.unescape(re.sub(r"<[^>]+>", " ", c)).split()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)
        ]
        text = [" ".join(c) for c in cells]
        if text[1] == str(year):
            rows.append(
                {
                    "class": cls,
                    "id": obs,
                    "value": text[2],
                    "status": text[3],
                    "revision": text[5],
                    "state": text[6],
                    "source": text[7],
                }
            )
    return rows


def submit(client: TestClient, **changes: str) -> int:
    token = csrf_of(client, ENTRY)
    response = client.post(
        ENTRY, data={**FIGURE, **changes, "csrf_token": token}, follow_redirects=False
    )
    return int(response.status_code)


def review(client: TestClient, observation_id: int, action: str, comment: str = "") -> str:
    """Post the review form; returns where the app sends the reviewer next."""
    token = csrf_of(client, "/review")
    response = client.post(
        f"/review/{observation_id}",
        data={"csrf_token": token, "action": action, "comment": comment},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:300]
    return str(response.headers["location"])


def waiting_ids(site: Site) -> list[int]:
    return [r.observation_id for r in site.store.awaiting_review()]


def test_enter_approve_changes_verdict_and_counts(fresh_site: Site) -> None:
    editor = fresh_site.client("nhaplieu")
    reviewer = fresh_site.client("duyet1")
    before = counts(editor)
    assert before == {"Không đạt": 1, "Chưa đủ số liệu": 19}
    assert badge_of_target(editor, "11") == "Chưa đủ số liệu"

    assert submit(editor) == 303
    [obs_id] = waiting_ids(fresh_site)
    # Evaluations use approved figures only: nothing moves while the figure waits.
    assert counts(editor) == before
    assert badge_of_target(editor, "11") == "Chưa đủ số liệu"
    [waiting] = figure_rows(editor, 2025)
    assert waiting["value"] == "3,2 %"
    assert waiting["state"] == "chờ duyệt"
    assert "in-force" not in waiting["class"]

    queue = reviewer.get("/review")
    assert f'data-obs="{obs_id}"' in queue.text
    assert "nhaplieu" in queue.text
    assert "3,2%" in queue.text
    assert review(reviewer, obs_id, "approve") == "/review"
    assert waiting_ids(fresh_site) == []
    assert "Không có số liệu chờ duyệt." in reviewer.get("/review").text

    assert badge_of_target(editor, "11") == "Đạt"
    after = counts(editor)
    assert after == {"Đạt": 1, "Không đạt": 1, "Chưa đủ số liệu": 18}
    [approved] = figure_rows(editor, 2025)
    assert approved["id"] == str(obs_id)
    assert approved["state"] == "đã duyệt · đang dùng"
    assert "in-force" in approved["class"]
    assert approved["status"] == "ước"
    assert approved["revision"] == "1"
    assert FIGURE["source_document"] in approved["source"]

    audit = reviewer.get("/audit", params={"entity": "observation"})
    assert audit.status_code == 200
    rows = _audit_rows(audit.text)
    entity = "urban-unemployment/haiphong/2025/estimate/r1"
    submitted = [r for r in rows if r["action"] == "submit" and entity in r["entity"]]
    approved_rows = [r for r in rows if r["action"] == "approve" and entity in r["entity"]]
    assert len(submitted) == 1
    assert len(approved_rows) == 1
    assert submitted[0]["actor"] == "nhaplieu"
    assert submitted[0]["before"] == ""  # a new figure: nothing before
    assert "value=3.2" in submitted[0]["after"]
    assert "revision=1" in submitted[0]["after"]
    assert approved_rows[0]["actor"] == "duyet1"
    assert approved_rows[0]["before"] == "state=submitted"
    assert "state=approved" in approved_rows[0]["after"]
    assert "value=3.2" in approved_rows[0]["after"]


def _audit_rows(page: str) -> list[dict[str, str]]:
    table = re.search(r'<table class="audit">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert table
    out = []
    for body in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S):
        cells = [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split())
            for c in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)
        ]
        keys = ("when", "actor", "action", "entity", "before", "after", "reason")
        out.append(dict(zip(keys, cells, strict=True)))
    return out


def test_returned_figure_can_be_submitted_again(fresh_site: Site) -> None:
    editor = fresh_site.client("nhaplieu")
    reviewer = fresh_site.client("duyet1")
    assert submit(editor) == 303
    [first] = waiting_ids(fresh_site)

    # A return without a comment is refused and says so; the figure still waits.
    location = review(reviewer, first, "return")
    assert "error=" in location
    assert "Hãy ghi ý kiến" in reviewer.get(location).text
    assert waiting_ids(fresh_site) == [first]

    review(reviewer, first, "return", "Số liệu chưa khớp với báo cáo của Cục Thống kê")
    assert waiting_ids(fresh_site) == []
    [returned] = figure_rows(editor, 2025)
    assert returned["state"] == "bị trả lại"
    assert badge_of_target(editor, "11") == "Chưa đủ số liệu"

    assert submit(editor, value="3,3", reason="Sửa theo ý kiến người duyệt") == 303
    [second] = waiting_ids(fresh_site)
    assert second != first
    rows = {r["revision"]: r for r in figure_rows(editor, 2025)}
    assert rows["1"]["state"] == "đã được thay"  # the correction closes the returned proposal
    assert rows["2"]["state"] == "chờ duyệt"
    assert rows["2"]["value"] == "3,3 %"
    review(reviewer, second, "approve")
    assert badge_of_target(editor, "11") == "Đạt"


def test_reviewer_cannot_approve_own_figure(fresh_site: Site) -> None:
    reviewer = fresh_site.client("duyet1")
    assert submit(reviewer) == 303
    [obs_id] = waiting_ids(fresh_site)
    location = review(reviewer, obs_id, "approve")
    page = reviewer.get(location)
    alert = re.search(r'<p class="alert" role="alert"[^>]*>(.*?)</p>', page.text, re.S)
    assert alert, "the refusal is not shown"
    said = html.unescape(alert.group(1))
    assert said == f"Bạn đã gửi số liệu {obs_id}: cần một người duyệt khác."  # one sentence, vi
    assert waiting_ids(fresh_site) == [obs_id]
    assert fresh_site.store.review_states([obs_id])[obs_id].state.value == "submitted"
    assert badge_of_target(reviewer, "11") == "Chưa đủ số liệu"
    # A second reviewer may.
    review(fresh_site.client("duyet2"), obs_id, "approve")
    assert badge_of_target(reviewer, "11") == "Đạt"


def test_approved_figure_is_locked_until_reopened(fresh_site: Site) -> None:
    editor = fresh_site.client("nhaplieu")
    reviewer = fresh_site.client("duyet1")
    assert submit(editor) == 303
    [obs_id] = waiting_ids(fresh_site)
    review(reviewer, obs_id, "approve")
    stored = len(fresh_site.store.observations("urban-unemployment", all_revisions=True))
    audit_before = len(fresh_site.store.audit_log(limit=10_000))

    token = csrf_of(editor, ENTRY)
    refused = editor.post(ENTRY, data={**FIGURE, "value": "3,4", "csrf_token": token})
    assert refused.status_code == 409
    assert "Số liệu đã duyệt bị khóa: người duyệt cần mở khóa trước khi sửa." in html.unescape(
        refused.text
    )
    assert 'value="3,4"' in refused.text  # what the user typed is kept
    assert len(fresh_site.store.observations("urban-unemployment", all_revisions=True)) == stored
    assert len(fresh_site.store.audit_log(limit=10_000)) == audit_before
    assert waiting_ids(fresh_site) == []

    # Reopening needs a reason.
    location = review(reviewer, obs_id, "reopen")
    assert "error=" in location
    assert fresh_site.store.review_states([obs_id])[obs_id].state.value == "approved"

    token = csrf_of(reviewer, TARGET_11)
    reopened = reviewer.post(
        f"/review/{obs_id}",
        data={
            "csrf_token": token,
            "action": "reopen",
            "comment": "Cục Thống kê công bố số chính thức khác",
            "next": TARGET_11,
        },
        follow_redirects=False,
    )
    assert reopened.status_code == 303
    assert reopened.headers["location"] == TARGET_11
    [row] = figure_rows(editor, 2025)
    assert row["state"] == "đã mở khóa"

    assert submit(editor, value="3,4", reason="Số liệu điều chỉnh", seen_revision="1") == 303
    [correction] = waiting_ids(fresh_site)
    rows = {r["revision"]: r for r in figure_rows(editor, 2025)}
    assert set(rows) == {"1", "2"}
    assert rows["2"]["id"] == str(correction)
    assert rows["2"]["value"] == "3,4 %"
    assert rows["2"]["state"] == "chờ duyệt"
    history = fresh_site.store.audit_log(action="submit", limit=10)
    assert history[0].before["revision"] == 1
    assert history[0].after["revision"] == 2
    assert history[0].reason == "Số liệu điều chỉnh"
