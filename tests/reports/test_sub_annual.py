"""Reports while a year has only sub-annual figures: the table keeps the yearly figures
the evaluation judged, and a section gives each provisional in-year status with its
period ("tạm tính, 9 tháng"), in Word, HTML (and so PDF, converted from the Word file)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from docx import Document

from chitieu.core.model import Citation
from chitieu.core.observations import Observation, Status
from chitieu.core.periods import Basis, BasisKind
from chitieu.services import reports
from chitieu.store import Store

from .conftest import XVI

DAY = dt.date(2026, 2, 5)


def _nine_months(store: Store) -> None:
    source = Citation(document="Báo cáo KT-XH 9 tháng năm 2025")
    store.add_observations(
        [
            Observation(
                "exports",
                "haiphong",
                (2025, 2025),
                Decimal("24.6"),
                "tỷ USD",
                Status.ESTIMATE,
                source=source,
                part="9M",
            ),
            Observation(
                "exports",
                "haiphong",
                (2025, 2025),
                Decimal("11.2"),
                "%",
                Status.ESTIMATE,
                source=source,
                part="9M",
                basis=Basis(BasisKind.SAME_PERIOD),
            ),
        ]
    )


def test_the_report_gives_the_provisional_status_and_keeps_the_yearly_table(
    loaded_store: Store, tmp_path: Path
) -> None:
    before = reports.build_content(loaded_store, XVI, as_of=2025, date=DAY)
    _nine_months(loaded_store)
    built = reports.build_content(loaded_store, XVI, as_of=2025, date=DAY)
    assert built.rows == before.rows  # the yearly table never shows a part of a year
    assert built.sources == before.sources
    [item] = built.in_year
    assert item.clause == "(6) 6a. Kim ngạch xuất khẩu năm 2025 — tạm tính, 9 tháng: Có nguy cơ"
    assert item.lines[0].startswith("Kim ngạch xuất khẩu 9 tháng đầu năm 2025 đạt 24,6 tỷ USD")

    doc = Document(
        str(reports.write_report(loaded_store, XVI, "docx", tmp_path / "r.docx", as_of=2025))
    )
    texts = [p.text for p in doc.paragraphs]
    headings = [t for t in texts if "TẠM TÍNH" in t]
    # after the summary, the table, the groups and the charts (IV)
    assert headings == ["V. TÌNH HÌNH THỰC HIỆN TRONG NĂM (TẠM TÍNH, THEO SỐ LIỆU ĐẾN NAY)"]
    assert any(t.startswith(item.clause) for t in texts)

    page = reports.write_report(loaded_store, XVI, "html", tmp_path / "r.html", as_of=2025)
    html = page.read_text(encoding="utf-8")
    assert '<h2 id="in-year">V. Tình hình thực hiện trong năm' in html
    assert "tạm tính, 9 tháng" in html


def test_an_english_report_labels_it_provisional(loaded_store: Store) -> None:
    _nine_months(loaded_store)
    built = reports.build_content(loaded_store, XVI, as_of=2025, lang="en", date=DAY)
    [item] = built.in_year
    assert item.clause.endswith("— provisional, 9 months: At risk")
    assert built.labels["in_year"] == "During the year: provisional, from the figures so far"
