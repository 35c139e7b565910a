"""The task pages ("5 rõ"): the list with its groups, breakthroughs and overdue milestones,
a task's page, and progress updates by whom the task concerns."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import chitieu
from chitieu.core.access import Role
from chitieu.services import accounts
from tests.web.conftest import PASSWORD, XVI, Site, csrf_of

TASKS = f"/r/{XVI}/tasks"
TASKS_FILE = Path(chitieu.__file__).parent / "datasets" / XVI / "tasks.yaml"


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def past_deadlines() -> int:
    """Milestones of the tasks file whose deadline has passed (read from the file itself)."""
    today = dt.date.today()
    count = 0
    for year, rest in re.findall(
        r"deadline: (\d{4})(-\d{2}-\d{2})?", TASKS_FILE.read_text("utf-8")
    ):
        due = dt.date.fromisoformat(year + rest) if rest else dt.date(int(year), 12, 31)
        count += due < today
    return count


def overdue_items(page: str) -> list[str]:
    section = re.search(r'<section id="overdue">(.*?)</section>', page, re.S)
    if section is None:
        return []
    return [text_of(li) for li in re.findall(r"<li>(.*?)</li>", section.group(1), re.S)]


def test_task_list_shows_groups_breakthroughs_and_overdue(site: Site) -> None:
    page = site.client("xem").get(TASKS)
    assert page.status_code == 200
    headings = [text_of(h) for h in re.findall(r"<h2>(.*?)</h2>", page.text, re.S)]
    numbered = [h for h in headings if re.match(r"\d\. ", h)]
    assert [h.split(".")[0] for h in numbered] == [str(n) for n in range(1, 10)]
    assert "Các đột phá" in headings
    rows = re.findall(r'<tr data-task="([^"]+)">', page.text)
    assert [r for r in rows if r.startswith("dp")] == ["dp1", "dp2", "dp3"]
    assert len(rows) == len(set(rows))
    for task in ("dp1", "dp2", "dp3", "nv2c", "nv9c"):
        assert f'href="/r/{XVI}/tasks/{task}"' in page.text

    overdue = overdue_items(page.text)
    expected = past_deadlines()
    assert expected > 0
    assert len(overdue) == expected
    assert f"Quá hạn ({expected})" in headings
    coastal = [i for i in overdue if "đường bộ ven biển (đoạn qua Hải Phòng) vào năm 2022" in i]
    assert len(coastal) == 1
    days = (dt.date.today() - dt.date(2022, 12, 31)).days
    shown = re.search(r"\(([\d.]+) ngày\)$", coastal[0])
    assert shown, coastal[0]
    assert int(shown.group(1).replace(".", "")) == days


def test_days_late_are_written_the_vietnamese_way(site: Site) -> None:
    """1.793 ngày, not 1793 ngày: vi-VN groups thousands with '.'."""
    overdue = overdue_items(site.client("xem").get(TASKS).text)
    days = [re.search(r"\(([\d.,]+) ngày\)$", item) for item in overdue]
    assert all(days), overdue
    shown = [d.group(1) for d in days if d]
    assert any(int(s.replace(".", "")) >= 1000 for s in shown)
    for s in shown:
        assert re.fullmatch(r"\d{1,3}(\.\d{3})*", s), s


def test_english_task_list(site: Site) -> None:
    page = site.client("xem").get(TASKS + "?lang=en").text
    assert "<h2>Overdue (" in page
    assert "days)" in page
    assert "5 rõ" in page


def five_clear(page: str) -> dict[str, str]:
    block = re.search(r"<h2>5 rõ</h2>\s*<dl class=\"facts\">(.*?)</dl>", page, re.S)
    assert block, "no 5 rõ on the task page"
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block.group(1), re.S)
    return {text_of(k): text_of(v) for k, v in pairs}


def facts(page: str) -> dict[str, str]:
    blocks = re.findall(r'<dl class="facts">(.*?)</dl>', page, re.S)
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", blocks[-1], re.S)
    return {text_of(k): text_of(v) for k, v in pairs}


def test_task_page_shows_the_five_clear(site: Site) -> None:
    client = site.client("xem")
    bare = client.get(f"{TASKS}/dp1")
    assert bare.status_code == 200
    five = five_clear(bare.text)
    assert list(five) == [
        "mục tiêu",
        "lộ trình",
        "trách nhiệm",
        "nguồn lực",
        "chế độ kiểm tra, đánh giá",
    ]
    assert all(v.startswith("chưa rõ") for v in five.values()), five
    assert facts(bare.text) == {
        "Cơ quan chủ trì": "chưa rõ",
        "Cơ quan phối hợp": "chưa rõ",
        "Nguồn lực": "chưa rõ",
        "Chế độ kiểm tra, đánh giá": "chưa rõ",
    }

    coastal = client.get(f"{TASKS}/nv2c").text
    five = five_clear(coastal)
    assert five["mục tiêu"].startswith("rõ")
    assert five["lộ trình"].startswith("rõ")
    assert five["trách nhiệm"].startswith("rõ một phần")  # co-operating agency only
    # Agencies by name, not by code: "chỉ nêu cơ quan phối hợp: Bộ Giao thông vận tải".
    assert "Bộ Giao thông vận tải" in five["trách nhiệm"]
    assert "bo-giao-thong-van-tai" not in five["trách nhiệm"]
    assert five["nguồn lực"].startswith("chưa rõ")
    listed = facts(coastal)
    assert listed["Cơ quan chủ trì"] == "chưa rõ"
    assert listed["Cơ quan phối hợp"] == "Bộ Giao thông vận tải"
    assert f'href="/r/{XVI}/t/' in coastal  # the objective links to its target clauses
    assert "đường bộ ven biển" in coastal
    assert "Quá hạn" in coastal or "quá hạn" in coastal

    assert client.get(f"{TASKS}/khong-co").status_code == 404
    # A viewer reads, but is offered no update form.
    assert f'action="/r/{XVI}/tasks/dp1/updates"' not in bare.text


def post_update(client: object, task: str, **fields: str) -> tuple[int, str]:
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    token = csrf_of(client, f"{TASKS}/{task}")
    data = {"reported_on": "2024-06-30", "percent": "", "text": "", "evidence": ""}
    response = client.post(
        f"{TASKS}/{task}/updates",
        data={**data, **fields, "csrf_token": token},
        follow_redirects=False,
    )
    return response.status_code, response.text


def test_editor_of_another_agency_cannot_update(site: Site) -> None:
    before = len(site.store.task_updates(XVI))
    for user in ("nhaplieu", "nhapkhac", "xem"):
        client = site.client(user)
        page = client.get(f"{TASKS}/nv2c").text
        assert f'action="/r/{XVI}/tasks/nv2c/updates"' not in page
        status, _ = post_update(client, "nv2c", percent="50", text="Đã làm")
        assert status == 403, user
    assert len(site.store.task_updates(XVI)) == before


def test_admin_and_reviewer_post_updates_that_show(fresh_site: Site) -> None:
    admin = fresh_site.client("quantri")
    status, _ = post_update(
        admin,
        "nv2c",
        percent="40",
        text="Khởi công đoạn tuyến ven biển qua Tiên Lãng",
        evidence="Quyết định số 123/QĐ-UBND",
        reported_on="2024-03-15",
    )
    assert status == 303
    reviewer = fresh_site.client("duyet1")
    status, _ = post_update(reviewer, "nv2c", milestone="m3", text="Thông xe tuyến ven biển")
    assert status == 303
    page = reviewer.get(f"{TASKS}/nv2c").text
    history = re.search(r"<h2>Cập nhật tiến độ</h2>\s*<table>(.*?)</table>", page, re.S)
    assert history
    rows = [
        [text_of(c) for c in re.findall(r"<td>(.*?)</td>", r, re.S)]
        for r in re.findall(r"<tr>(.*?)</tr>", history.group(1), re.S)
        if "<td>" in r
    ]
    assert [r[0] for r in rows] == ["15/03/2024", "30/06/2024"]
    assert rows[0][1] == "40"
    assert rows[0][2] == "Khởi công đoạn tuyến ven biển qua Tiên Lãng"
    assert rows[0][3] == "Quyết định số 123/QĐ-UBND"
    assert rows[0][4] == "quantri"
    assert rows[1][2] == "Thông xe tuyến ven biển (m3)"
    assert rows[1][4] == "duyet1"
    # The milestone reported done leaves the overdue list; the list shows the progress.
    listing = reviewer.get(TASKS).text
    assert len(overdue_items(listing)) == past_deadlines() - 1
    assert not any("vào năm 2022" in i for i in overdue_items(listing))
    row = re.search(r'<tr data-task="nv2c">(.*?)</tr>', listing, re.S)
    assert row
    assert "40%" in text_of(row.group(1))
    logged = fresh_site.store.audit_log(actor="quantri", entity="task")
    assert logged, "the update is not in the audit log"


def test_editor_of_the_tasks_agency_may_update(fresh_site: Site) -> None:
    accounts.create_user(
        fresh_site.store,
        "bogtvt",
        PASSWORD,
        Role.EDITOR,
        agencies=["bo-giao-thong-van-tai"],
        actor="test",
    )
    client = fresh_site.client("bogtvt")
    page = client.get(f"{TASKS}/nv2c").text
    assert f'action="/r/{XVI}/tasks/nv2c/updates"' in page
    status, _ = post_update(client, "nv2c", percent="10", text="Phối hợp giải phóng mặt bằng")
    assert status == 303
    status, _ = post_update(client, "dp1", percent="10", text="Không phải việc của bộ")
    assert status == 403
    assert [u.task_id for u in fresh_site.store.task_updates(XVI)] == ["nv2c"]


def test_bad_update_is_refused_and_kept(site: Site) -> None:
    client = site.client("duyet1")
    before = len(site.store.task_updates(XVI))
    typed = "Hoàn thành vượt kế hoạch <b>thật</b> & đúng hạn"
    status, page = post_update(
        client, "nv2c", percent="150", text=typed, evidence="Báo cáo số 7", reported_on="2024-06-30"
    )
    assert status == 422
    assert re.search(r'id="err-percent" role="alert">0–100<', page)
    assert html.escape(typed, quote=False) in page  # kept, and escaped
    assert "<b>thật</b>" not in page
    assert 'name="percent" inputmode="numeric" value="150"' in page
    assert 'value="Báo cáo số 7"' in page
    assert 'value="2024-06-30"' in page
    for bad, field in (
        ({"percent": "-5", "text": "x"}, "percent"),
        ({"percent": "nửa", "text": "x"}, "percent"),
        ({"percent": "50", "text": "  "}, "text"),
        ({"reported_on": "30/06/2024", "text": "x"}, "reported_on"),
    ):
        status, page = post_update(client, "nv2c", **bad)
        assert status == 422, bad
        assert f'id="err-{field}"' in page, bad
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    status, page = post_update(client, "nv2c", reported_on=future, text="x")
    assert status == 422
    assert "is in the future" in page
    status, page = post_update(client, "nv2c", milestone="m9", text="x")
    assert status == 422
    assert "unknown milestone" in html.unescape(page)
    assert len(site.store.task_updates(XVI)) == before
