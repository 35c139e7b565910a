"""Downloads and uploads in the web app: the report and export files open and hold the
evaluation; the agency template goes out, comes back filled, and waits for approval."""

from __future__ import annotations

import io
import re

from docx import Document
from openpyxl import load_workbook

from tests.exchange.test_template_xlsx import row_of
from tests.web.conftest import XVI, Site, csrf_of


def test_word_report_download_opens_with_the_counts(site: Site) -> None:
    client = site.client("xem")
    response = client.get(f"/r/{XVI}/report.docx?as_of=2024")
    assert response.status_code == 200
    assert (
        'filename="haiphong-xvi-2020-2025-2024-vi.docx"' in response.headers["content-disposition"]
    )
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert (
        "ĐẢNG CỘNG SẢN VIỆT NAM"
        in "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells) + text
    )
    # As of 2024: 1 on track, 2 at risk, 3 off track, 14 without enough data (the CLI's figures).
    assert "Đúng tiến độ 1/20 chỉ tiêu" in text
    assert "chưa đủ số liệu để đánh giá 14/20" in text


def test_excel_and_html_downloads(site: Site) -> None:
    client = site.client("xem")
    xlsx = client.get(f"/r/{XVI}/report.xlsx?lang=en")
    assert xlsx.status_code == 200
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert len(workbook.sheetnames) >= 3
    html = client.get(f"/r/{XVI}/report.html")
    assert html.status_code == 200
    assert "<script" not in html.text
    assert "data:image/svg+xml" in html.text
    sdmx = client.get(f"/r/{XVI}/export.sdmx-csv")
    assert sdmx.status_code == 200
    assert sdmx.text.splitlines()[0].startswith("STRUCTURE")
    assert client.get(f"/r/{XVI}/report.exe").status_code == 404
    assert client.get(f"/r/{XVI}/export.pdf").status_code == 404


def test_downloads_need_a_login(site: Site) -> None:
    anonymous = site.client()
    response = anonymous.get(f"/r/{XVI}/report.docx", follow_redirects=False)
    assert response.status_code == 303


def test_template_round_trip_through_the_web(fresh_site: Site) -> None:
    client = fresh_site.client("nhaplieu")
    blank = client.get(f"/r/{XVI}/template.xlsx")
    assert blank.status_code == 200
    assert "cuc-thong-ke" in blank.headers["content-disposition"]
    workbook = load_workbook(io.BytesIO(blank.content))
    sheet = workbook.worksheets[0]
    codes = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert "urban-unemployment" in codes
    assert "doctors-per-10k" not in codes  # another agency's indicator
    r = row_of(sheet, "urban-unemployment", 2025)
    sheet.cell(row=r, column=6, value=3.2)
    sheet.cell(row=r, column=7, value="ước")
    sheet.cell(row=r, column=8, value="Báo cáo KT-XH 2025")
    filled = io.BytesIO()
    workbook.save(filled)
    token = csrf_of(client, f"/r/{XVI}/entry")
    response = client.post(
        f"/r/{XVI}/upload",
        data={"csrf_token": token},
        files={"file": ("mau.xlsx", filled.getvalue(), "application/octet-stream")},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:2000]
    assert response.headers["location"].endswith("?ok=1")
    queue = fresh_site.store.awaiting_review()
    assert len(queue) == 1
    assert queue[0].actor == "nhaplieu"
    # Not approved yet: evaluations do not see it.
    approved = fresh_site.store.observations("urban-unemployment", approved_only=True)
    assert all(o.period != (2025, 2025) for o in approved)


def test_a_bad_workbook_is_refused_with_its_cell(fresh_site: Site) -> None:
    client = fresh_site.client("nhaplieu")
    workbook = load_workbook(io.BytesIO(client.get(f"/r/{XVI}/template.xlsx").content))
    sheet = workbook.worksheets[0]
    r = row_of(sheet, "urban-unemployment", 2024)
    sheet.cell(row=r, column=6, value="ba phẩy hai")
    sheet.cell(row=r, column=7, value="ước")
    sheet.cell(row=r, column=8, value="Báo cáo")
    filled = io.BytesIO()
    workbook.save(filled)
    before = len(fresh_site.store.observations())
    response = client.post(
        f"/r/{XVI}/upload",
        data={"csrf_token": csrf_of(client, f"/r/{XVI}/entry")},
        files={"file": ("mau.xlsx", filled.getvalue(), "application/octet-stream")},
    )
    assert response.status_code == 422
    message = re.search(r'id="err-file"[^>]*>(.*?)</p>', response.text, re.S)
    assert message is not None
    assert (
        f":{r}:" in message.group(1)
        or f"row {r}" in message.group(1)
        or f"dòng {r}" in (message.group(1))
        or f"Hàng {r}, cột F" in message.group(1)
    )
    assert len(fresh_site.store.observations()) == before
    wrong = client.post(
        f"/r/{XVI}/upload",
        data={"csrf_token": csrf_of(client, f"/r/{XVI}/entry")},
        files={"file": ("notes.txt", b"hello", "text/plain")},
    )
    assert wrong.status_code == 422
    assert "notes.txt" in wrong.text
