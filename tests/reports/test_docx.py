"""The Word report, opened again with python-docx: layout (36-HD/VPTW) and content."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

from chitieu.reports import content as content_mod
from chitieu.reports import docx as report_docx
from chitieu.services import reports
from chitieu.store import Store

from .conftest import XV, XVI

DAY = dt.date(2026, 2, 5)


@pytest.fixture
def xv_docx(loaded_store: Store, tmp_path: Path) -> tuple[Path, content_mod.ReportContent]:
    path = tmp_path / "xv.docx"
    reports.write_report(loaded_store, XV, "docx", path, as_of=2020, date=DAY)
    built = reports.build_content(loaded_store, XV, as_of=2020, date=DAY)
    return path, built


def _texts(doc: Document) -> list[str]:  # type: ignore[valid-type]
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out += [p.text for p in cell.paragraphs]
    return out


def test_page_is_a4_with_party_margins(xv_docx: tuple[Path, object]) -> None:
    doc = Document(str(xv_docx[0]))
    section = doc.sections[0]
    # Word stores lengths in twentieths of a point: compare to a tenth of a millimetre
    assert round(section.page_width.mm, 1) == 210.0
    assert round(section.page_height.mm, 1) == 297.0
    assert 20 <= round(section.top_margin.mm, 1) <= 25
    assert 20 <= round(section.bottom_margin.mm, 1) <= 25
    assert 30 <= round(section.left_margin.mm, 1) <= 35
    assert 15 <= round(section.right_margin.mm, 1) <= 20
    # page numbers centred at the top from page 2 (a PAGE field in the header)
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_fonts_are_times_new_roman_13_to_16(xv_docx: tuple[Path, object]) -> None:
    doc = Document(str(xv_docx[0]))
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    runs += [
        r
        for t in doc.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.text.strip()
    ]
    assert runs
    assert {r.font.name for r in runs} == {"Times New Roman"}
    body = [r for p in doc.paragraphs for r in p.runs if len(r.text) > 60 and not r.italic]
    assert body
    assert {r.font.size for r in body} == {Pt(14)}


def test_party_header_title_and_closing(xv_docx: tuple[Path, object]) -> None:
    doc = Document(str(xv_docx[0]))
    header = doc.tables[0]
    left, right = (c.text for c in header.rows[0].cells)
    assert left.startswith("ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG")
    assert "*" in left
    assert right.splitlines()[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    party_run = header.rows[0].cells[1].paragraphs[0].runs[0]
    assert party_run.bold
    assert party_run.font.size == Pt(15)
    assert "Hải Phòng, ngày 05 tháng 02 năm 2026" in right
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    assert any(t.startswith("Đánh giá kết quả thực hiện các chỉ tiêu nghị quyết") for t in texts)
    all_text = "\n".join(_texts(doc))
    assert "Nơi nhận:" in all_text
    assert "T/M BAN CHẤP HÀNH" in all_text
    assert "PHỤ LỤC: NGUỒN SỐ LIỆU" in texts


def test_summary_headings_and_counts(xv_docx: tuple[Path, object]) -> None:
    doc = Document(str(xv_docx[0]))
    texts = [p.text for p in doc.paragraphs]
    headings = [t for t in texts if t[:3] in ("I. ", "II.", "III", "IV.")]
    assert headings == [
        "I. TÓM TẮT KẾT QUẢ",
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "III. ĐÁNH GIÁ THEO TỪNG LĨNH VỰC",
        "IV. BIỂU ĐỒ CÁC CHỈ TIÊU CHỦ YẾU",
    ]
    assert any(
        t.startswith("Hoàn thành vượt mức 12/19 chỉ tiêu") and "không hoàn thành 1/19" in t
        for t in texts
    )
    groups = [t for t in texts if t[:3] in ("1. ", "2. ", "3. ")]
    assert groups == ["1. Về kinh tế", "2. Về xã hội", "3. Về xây dựng Đảng"]


def test_table_of_every_target(xv_docx: tuple[Path, content_mod.ReportContent]) -> None:
    path, built = xv_docx
    doc = Document(str(path))
    table = doc.tables[1]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["TT", "Chỉ tiêu", "Năm gốc", "Số liệu mới nhất", "Kết quả", "Diễn giải"]
    rows = table.rows[1:]
    assert len(rows) == 19  # XV: 19 identified targets, no extra ones
    first = [c.text for c in rows[1].cells]  # target (2), GRDP per head
    assert first[0] == "(2)"
    assert first[2] == "3.042 USD/người (2015) (chính thức)"
    assert first[3] == "6.196 USD/người (2020) (ước)"
    assert first[4] == "Vượt"
    verdicts = [r.cells[4].text for r in rows]
    assert sum(v.startswith("Vượt") for v in verdicts) == 12
    assert sum(v.startswith("Không đạt") for v in verdicts) == 1
    annex = doc.tables[-1]
    assert len(annex.rows) == len(built.sources) + 1
    # one picture per chart, at print resolution
    assert len(doc.inline_shapes) == len(built.charts) >= 3


def test_in_term_report_has_extra_targets(loaded_store: Store, tmp_path: Path) -> None:
    path = reports.write_report(loaded_store, XVI, "docx", tmp_path / "x.docx", as_of=2024)
    doc = Document(str(path))
    rows = doc.tables[1].rows[1:]
    assert len(rows) == 20 + 14  # 20 counted targets and 14 found in the prose
    assert any(p.text.startswith("Đúng tiến độ 1/20 chỉ tiêu") for p in doc.paragraphs)
    # GRDP per head: the latest figure shown (2021, in đồng) is in the annex of sources,
    # even though the evaluation could not use it without an exchange rate
    assert rows[1].cells[3].text == "152,3 triệu đồng/người (2021) (sơ bộ)"
    annex = {(r.cells[2].text, r.cells[3].text) for r in doc.tables[-1].rows[1:]}
    assert ("2021", "152,3 triệu đồng/người") in annex


def test_english_version_is_neutral(loaded_store: Store, tmp_path: Path) -> None:
    built = reports.build_content(loaded_store, XV, as_of=2020, lang="en", date=DAY)
    path = report_docx.write(built, tmp_path / "en.docx")
    doc = Document(str(path))
    text = "\n".join(_texts(doc))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text
    assert "Nơi nhận" not in text
    texts = [p.text for p in doc.paragraphs]
    assert "REPORT" in texts
    assert "Hải Phòng, 05/02/2026" in texts
    assert any(t.startswith("Exceeded: 12/19 targets") for t in texts)
    assert [c.text for c in doc.tables[0].rows[0].cells][1] == "Target"


def test_in_term_report_gives_the_outlook_final_report_does_not(
    loaded_store: Store, tmp_path: Path
) -> None:
    running = Document(
        str(reports.write_report(loaded_store, XVI, "docx", tmp_path / "a.docx", as_of=2024))
    )
    headings = [p.text for p in running.paragraphs if p.text.startswith("V. ")]
    assert headings == ["V. DỰ BÁO KHẢ NĂNG ĐẠT CÁC CHỈ TIÊU"]
    exports = [p.text for p in running.paragraphs if p.text.startswith("(6) 6a.")]
    # `chitieu project haiphong-xvi-2020-2025 6 --as-of 2024` gives the same figures.
    assert exports
    assert "38,3 tỷ USD (80%: 21,8–67,3 tỷ USD); xác suất đạt 64%" in exports[0]
    final = Document(
        str(reports.write_report(loaded_store, XVI, "docx", tmp_path / "b.docx", as_of=2025))
    )
    assert not any("DỰ BÁO KHẢ NĂNG" in p.text for p in final.paragraphs)
