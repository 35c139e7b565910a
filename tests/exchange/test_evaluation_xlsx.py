"""The Excel export, opened again with openpyxl."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from chitieu.services import exchange, reports
from chitieu.store import Store
from tests.reports.conftest import XVI


def test_export_sheets_formats_and_filters(loaded_store: Store, tmp_path: Path) -> None:
    path = exchange.export(loaded_store, XVI, "xlsx", tmp_path / "x.xlsx", as_of=2024)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Chỉ tiêu", "Điều kiện", "Số liệu", "Đánh giá"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref is not None
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.column_dimensions["A"].width >= 8
    targets = wb["Chỉ tiêu"]
    assert targets.max_row == 1 + 20 + 14
    figures = wb["Số liệu"]
    header = [c.value for c in figures[1]]
    assert header[:6] == ["Mã chỉ số", "Địa bàn", "Kỳ", "Giá trị", "Đơn vị", "Trạng thái"]
    observations = exchange.resolution_observations(loaded_store, XVI)
    assert figures.max_row == 1 + len(observations)
    # numbers are numbers, formatted with grouping and their recorded decimals
    rows = {(r[0].value, r[2].value, r[5].value): r for r in figures.iter_rows(min_row=2)}
    exports_2024 = rows[("exports", "2024", "ước")][3]
    assert exports_2024.value == 33.25
    assert exports_2024.number_format == "#,##0.00"
    budget = next(r[3] for k, r in rows.items() if k[0] == "budget-revenue" and k[1] == "2024")
    assert budget.value == 108217
    assert budget.number_format == "#,##0"
    evaluation = wb["Đánh giá"]
    verdicts = [r[3].value for r in evaluation.iter_rows(min_row=2)]
    assert "Đúng tiến độ" in verdicts


def test_report_xlsx_is_the_same_workbook_in_english(loaded_store: Store, tmp_path: Path) -> None:
    path = reports.write_report(loaded_store, XVI, "xlsx", tmp_path / "r.xlsx", lang="en")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Targets", "Clauses", "Observations", "Evaluation"]
