"""The plausibility rules on every entry path of the web app, corrections and the review
queue's context, over HTTP: the form, the upload, the API, the typing check."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from chitieu.services import accounts
from tests.web.conftest import XVI, Site, csrf_of
from tests.web.test_forms import ENTRY, GOOD, field_message, post_entry, written

API = f"/api/v1/resolutions/{XVI}/observations"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"value": "-3"}, "value", "-3% không thể đúng: một tỷ lệ hay tỷ trọng"),
        ({"value": "1.234,5"}, "value", "1.234,5% không thể đúng"),
        (
            {"indicator": "total-investment", "value": "-500", "unit": ""},
            "value",
            "-500 tỷ đồng không thể đúng: một số lượng hay giá trị không thể âm.",
        ),
        ({"year": "2026", "status": "plan"}, "year", "Năm 2026 nằm sau kỳ của nghị quyết"),
    ],
)
def test_the_form_refuses_impossible_figures(
    site: Site, change: dict[str, str], field: str, words: str
) -> None:
    editor = site.client("nhaplieu")
    before = written(site)
    status, page = post_entry(editor, {**GOOD, **change})
    assert status == 422
    assert words in field_message(page, field)
    assert written(site) == before


def test_the_form_asks_a_justification_and_keeps_it(fresh_site: Site) -> None:
    editor = fresh_site.client("nhaplieu")
    unusual = {**GOOD, "indicator": "services-growth", "year": "2024", "value": "1.234,5"}
    status, page = post_entry(editor, unusual)
    assert status == 422
    said = field_message(page, "justification")
    assert said.splitlines()[0].startswith("1.234,5% ")
    assert said.splitlines()[-1].startswith("Số liệu bất thường")
    assert fresh_site.store.awaiting_review() == []
    status, _ = post_entry(editor, {**unusual, "justification": "đã đối chiếu với Cục Thống kê"})
    assert status == 303
    [waiting] = fresh_site.store.awaiting_review()
    kept = fresh_site.store.justifications([waiting.observation_id])[waiting.observation_id]
    assert kept.text == "đã đối chiếu với Cục Thống kê"
    # The reviewer reads it, with the warning, and sees the source's class.
    queue = fresh_site.client("duyet1").get("/review").text
    assert "đã đối chiếu với Cục Thống kê" in queue
    assert "nằm ngoài khoảng tăng trưởng thường gặp" in queue  # no 3 years of history yet
    assert 'class="source-class sc-official_statistics"' in queue


def test_a_pasted_series_names_the_year_of_each_problem(site: Site) -> None:
    editor = site.client("nhaplieu")
    status, page = post_entry(
        editor, {**GOOD, "year": "", "value": "", "paste": "2023\t3,1\n2024\t-2"}
    )
    assert status == 422
    assert field_message(page, "paste").startswith("năm 2024: -2% không thể đúng")


def test_the_typing_check_says_what_the_form_would(site: Site) -> None:
    editor = site.client("nhaplieu")
    check = f"{ENTRY}/check"
    said = editor.get(
        check, params={"indicator": "urban-unemployment", "year": "2025", "value": "-3"}
    )
    assert said.status_code == 200
    assert said.json()["messages"][0].startswith("Không thể đúng: -3% không thể đúng")
    slip = editor.get(
        check, params={"indicator": "urban-unemployment", "year": "2025", "value": "3.2"}
    )
    assert slip.json()["messages"] == ["Bạn nhập 3.2 – nếu là ba phẩy hai, hãy gõ 3,2."]
    fine = editor.get(
        check, params={"indicator": "urban-unemployment", "year": "2025", "value": "3,2"}
    )
    assert fine.json()["messages"] == []
    english = editor.get(
        check, params={"indicator": "services-growth", "year": "2025", "value": "900", "lang": "en"}
    )
    assert english.json()["messages"][-1].startswith("If the figure is right")


def test_an_upload_needs_a_justification_for_unusual_figures(fresh_site: Site) -> None:
    editor = fresh_site.client("nhaplieu")
    csv = (
        "indicator,area,period,value,unit,status,qualifier,source_document\n"
        "services-growth,haiphong,2024,1234.5,%,estimate,exact,Báo cáo\n"
    ).encode()

    def send(**form: str) -> tuple[int, str]:
        response = editor.post(
            f"/r/{XVI}/upload",
            data={"csrf_token": csrf_of(editor, ENTRY), **form},
            files={"file": ("tang-truong.csv", csv, "text/csv")},
            follow_redirects=False,
        )
        return response.status_code, response.text

    status, page = send()
    assert status == 422
    message = field_message(page, "file")
    lines = message.splitlines()
    assert lines[0] == "tang-truong.csv: chưa lưu gì, có 1 chỗ cần sửa"
    assert lines[1].startswith("Tốc độ tăng giá trị tăng thêm khu vực dịch vụ, Hải Phòng")
    assert ", 2024 (ước): 1.234,5% nằm ngoài khoảng tăng trưởng thường gặp" in lines[1]
    assert lines[2].startswith("Có số liệu bất thường: hãy kiểm tra lại, hoặc ghi giải trình")
    assert 'name="justification"' in page
    status, _ = send(justification="đã kiểm tra với Cục Thống kê")
    assert status == 303
    [waiting] = fresh_site.store.awaiting_review()
    assert fresh_site.store.justifications([waiting.observation_id])


def test_the_api_per_figure_justification_and_reason(fresh_site: Site) -> None:
    token = accounts.new_token(fresh_site.store, "nhaplieu", "thử", actor="test")
    client = TestClient(fresh_site.app)
    headers = {"Authorization": f"Bearer {token}"}
    figure = {
        "indicator": "services-growth",
        "year": 2024,
        "value": "1234.5",
        "source_document": "Báo cáo",
    }
    plain = {"indicator": "urban-unemployment", "year": 2024, "value": 3.1, "source_document": "B"}
    refused = client.post(API, json={"figures": [plain, figure]}, headers=headers)
    assert refused.status_code == 422
    fields = [d["field"] for d in refused.json()["detail"]]
    assert set(fields) == {"figures[1].justification"}
    done = client.post(
        API,
        json={"figures": [plain, {**figure, "justification": "năm đặc biệt"}]},
        headers=headers,
    )
    assert done.status_code == 201, done.text
    # Correcting the rate without a reason: 422 on "reason", in both languages.
    again = client.post(API, json={"figures": [{**plain, "value": 3.3}]}, headers=headers)
    assert again.status_code == 422
    [problem] = again.json()["detail"]
    assert problem["field"] == "reason"
    assert problem["message_vi"] == "Số liệu này khác số đã lưu: hãy ghi lý do sửa."
    fixed = client.post(
        API, json={"figures": [{**plain, "value": 3.3}], "reason": "số chính thức"}, headers=headers
    )
    assert fixed.status_code == 201
    queue = client.get(
        "/api/v1/review", headers={"Authorization": f"Bearer {_reviewer(fresh_site)}"}
    )
    items = {i["indicator"]: i for i in queue.json()}
    assert items["services-growth"]["justification"] == "năm đặc biệt"
    assert items["services-growth"]["plausibility"][0]["rule"] == "growth_history"
    assert items["urban-unemployment"]["previous_revision_value"] == "3.1"


def _reviewer(site: Site) -> str:
    return accounts.new_token(site.store, "duyet1", "duyệt", actor="test")


def test_several_figures_are_approved_at_once_each_on_its_own(fresh_site: Site) -> None:
    editor = fresh_site.client("nhaplieu")
    for year, value in (("2023", "3,4"), ("2024", "3,3")):
        status, _ = post_entry(editor, {**GOOD, "year": year, "value": value})
        assert status == 303
    reviewer = fresh_site.client("duyet1")
    mine_status, _ = post_entry(reviewer, {**GOOD, "year": "2022", "value": "3,5"})
    assert mine_status == 303
    ids = [str(r.observation_id) for r in fresh_site.store.awaiting_review()]
    response = reviewer.post(
        "/review/approve",
        data={"csrf_token": csrf_of(reviewer, "/review"), "ids": ids},
    )
    assert response.status_code == 200
    # Two approved; the reviewer's own figure stays, with the reason in Vietnamese.
    assert "Đã duyệt 2 số liệu." in response.text
    assert "cần một người duyệt khác" in response.text
    assert len(fresh_site.store.awaiting_review()) == 1
    nothing = reviewer.post("/review/approve", data={"csrf_token": csrf_of(reviewer, "/review")})
    assert "Chưa chọn số liệu nào" in nothing.text
