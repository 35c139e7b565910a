"""Sub-annual figures on the web: the entry form, bulk paste and the API accept a period
code and a basis; the review queue, the figures list and the target page show the period
as people write it and the basis in words; the target page lists a year's parts under it
and its provisional in-year status; the OpenAPI description documents the codes."""

from __future__ import annotations

import html
import json
import re

from fastapi.testclient import TestClient

from tests.web.conftest import XVI, Site, csrf_of
from tests.web.test_api import API, SUBMIT, Api

ENTRY = f"/r/{XVI}/entry"
TARGET = f"/r/{XVI}/t/11"  # urban unemployment, below 3,5 % in 2025: no 2025 figure yet
FORM = {
    "indicator": "urban-unemployment",
    "unit": "%",
    "status": "estimate",
    "qualifier": "exact",
    "source_document": "Báo cáo KT-XH 9 tháng năm 2025",
}


def post(client: TestClient, **data: str) -> tuple[int, str]:
    response = client.post(
        ENTRY,
        data={**FORM, **data, "csrf_token": csrf_of(client, ENTRY)},
        follow_redirects=False,
    )
    return response.status_code, html.unescape(response.text)


def words(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_form_takes_a_period_and_a_basis(fresh_site: Site) -> None:
    editor = fresh_site.client("nhaplieu")
    form = editor.get(ENTRY).text
    assert 'name="basis"' in form
    assert "Năm hoặc kỳ" in form
    status, _ = post(editor, year="9 tháng 2025", value="3,1")
    assert status == 303
    status, _ = post(editor, year="2025-9M", value="-0,2", basis="same_period")
    assert status == 303
    status, _ = post(editor, paste="2025-Q1\t3,3\nquý II/2025\t3,2")
    assert status == 303
    mine = [o for o in fresh_site.store.observations("urban-unemployment") if o.part]
    assert sorted((o.part, o.basis.code, str(o.value)) for o in mine) == [
        ("9M", "level", "3.1"),
        ("9M", "same_period", "-0.2"),
        ("Q1", "level", "3.3"),
        ("Q2", "level", "3.2"),
    ]
    queue = words(fresh_site.client("duyet1").get("/review").text)
    assert "9 tháng đầu năm 2025" in queue
    assert "quý II/2025" in queue
    assert "so với cùng kỳ năm trước" in queue


def test_a_bad_period_or_basis_is_named_next_to_its_field(fresh_site: Site) -> None:
    editor = fresh_site.client("nhaplieu")
    before = len(fresh_site.store.observations(all_revisions=True))
    status, page = post(editor, year="quý V/2025", value="3,1", basis="so với hôm qua")
    assert status == 422
    assert "năm phải có 4 chữ số, không phải «quý V/2025» (hoặc một kỳ" in page
    assert "chọn cơ sở của số liệu" in page
    status, page = post(editor, year="2025-9M", value="3,1", basis="same_period", unit="tỷ đồng")
    assert status == 422
    assert "số liệu so với cùng kỳ năm trước tính bằng %, không phải «tỷ đồng»" in page
    assert len(fresh_site.store.observations(all_revisions=True)) == before


def test_the_target_page_lists_parts_under_their_year_and_the_in_year_status(
    fresh_site: Site,
) -> None:
    editor, reviewer = Api(fresh_site, "nhaplieu"), Api(fresh_site, "duyet1")
    status, body = editor.submit(
        {"indicator": "urban-unemployment", "period": "2025-H1", "value": 3.3, "unit": "%",
         "source_document": "Báo cáo 6 tháng"},
        {"indicator": "urban-unemployment", "period": "9 tháng 2025", "value": 3.4,
         "unit": "%", "source_document": "Báo cáo 9 tháng"},
    )  # fmt: skip
    assert status == 201, body
    for oid in body["observation_ids"]:
        assert reviewer.review(oid, "approve")[0] == 200
    page = fresh_site.client("xem").get(TARGET, params={"as_of": 2025}).text
    rows = re.findall(
        r'<tr class="[^"]*sub-annual[^"]*"[^>]*>\s*<td>[^<]*</td><td data-period="([^"]+)"', page
    )
    assert rows == ["2025-H1", "2025-9M"]  # in the order their months end
    text = words(page)
    assert "↳ 9 tháng đầu năm 2025" in text
    # 3,4 % after nine months is inside "dưới 3,5 %": on track, provisional
    block = re.search(r'<div class="in-year" data-clause="11a" data-period="2025-9M">(.*?)</div>',
                      page, re.S)  # fmt: skip
    assert block is not None
    assert "Theo dõi trong năm (tạm tính, 9 tháng)" in words(block.group(1))
    assert 'data-verdict="on_track"' in block.group(1)
    assert "9 tháng đầu năm 2025 là 3,4% (ước), so với mục tiêu năm 2025 (dưới 3,5%)" in words(
        block.group(1)
    )
    overview = fresh_site.client("xem").get(f"/r/{XVI}", params={"as_of": 2025}).text
    line = re.search(r'<p class="small in-year" data-period="2025-9M">(.*?)</p>', overview, re.S)
    assert line is not None
    assert words(line.group(1)) == "3,4 % (9 tháng đầu năm 2025): Đúng tiến độ, tạm tính, 9 tháng"
    api = Api(fresh_site, "xem")
    detail = api.get(f"{API}/resolutions/{XVI}/targets/11", as_of=2025)
    assert [s["period"] for s in detail["in_year"]] == ["2025-9M"]
    tracked = api.get(f"{API}/resolutions/{XVI}/in-year", year=2025)
    [status_] = [s for s in tracked["statuses"] if s["indicator"] == "urban-unemployment"]
    assert (status_["verdict"], status_["provisional"], status_["superseded"]) == (
        "on_track", True, False
    )  # fmt: skip
    figures = api.get(f"{API}/observations", indicator="urban-unemployment")
    assert {(f["period"], f["basis"]) for f in figures} >= {
        ("2025-H1", "level"),
        ("2025-9M", "level"),
    }


def test_the_api_takes_period_codes_and_a_basis_and_says_what_is_wrong(fresh_site: Site) -> None:
    editor = Api(fresh_site, "nhaplieu")
    status, body = editor.submit(
        {"indicator": "urban-unemployment", "period": "2025-M09", "basis": "previous_period",
         "value": -0.1, "unit": "%", "source_document": "Báo cáo tháng 9"}
    )  # fmt: skip
    assert status == 201, body
    [stored] = [o for o in fresh_site.store.observations("urban-unemployment") if o.part == "M09"]
    assert stored.basis.code == "previous_period"
    status, body = editor.submit(
        {"indicator": "urban-unemployment", "period": "2025-M13", "value": 3,
         "source_document": "x"}
    )  # fmt: skip
    assert status == 422
    assert "2025-M13" in json_text(body)
    no_period = {"indicator": "urban-unemployment", "value": 3, "source_document": "x"}
    status, body = editor.post(SUBMIT, {"figures": [no_period]})
    assert status == 422
    assert "give 'year' or 'period'" in json_text(body)


def json_text(body: object) -> str:
    return json.dumps(body, ensure_ascii=False)


def test_openapi_documents_the_period_codes_and_the_basis(site: Site) -> None:
    schema = TestClient(site.app).get("/api/v1/openapi.json").json()
    figure = schema["components"]["schemas"]["FigureIn"]["properties"]
    assert "2026-M01" in figure["period"]["description"]
    assert "2026-9M" in figure["period"]["description"]
    assert "same_period" in figure["basis"]["description"]
    assert "/api/v1/resolutions/{resolution_id}/in-year" in schema["paths"]
