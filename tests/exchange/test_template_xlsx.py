"""Template → fill (openpyxl, as a user would) → import, and every bad workbook refused
with its sheet, row and column, nothing written."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from chitieu.definitions.errors import DefinitionError
from chitieu.exchange import template_xlsx
from chitieu.exchange.template_xlsx import UnknownAgencyError
from chitieu.exchange.template_xlsx import read as xlsx_read
from chitieu.services import exchange
from chitieu.store import Store
from tests.reports.conftest import XVI

THIS_YEAR = 2025


@pytest.fixture
def blank(loaded_store: Store, tmp_path: Path) -> Path:
    return exchange.make_template(loaded_store, XVI, tmp_path / "bieu-mau.xlsx")


def row_of(ws: Worksheet, code: str, year: int | str) -> int:
    for row in ws.iter_rows(min_row=2):
        if row[0].value == code and row[4].value == year:
            return int(row[0].row)
    raise AssertionError(f"no row for {code} {year}")


def fill(
    path: Path,
    out: Path,
    rows: dict[tuple[str, int | str], tuple[object, str, str]],
    change: Callable[[Worksheet], None] | None = None,
) -> Path:
    """Type values the way a user does: into the value, status and source cells."""
    wb = load_workbook(path)
    ws = wb[template_xlsx.DATA_SHEET]
    for (code, year), (value, status, source) in rows.items():
        r = row_of(ws, code, year)
        ws.cell(row=r, column=6, value=value)
        ws.cell(row=r, column=7, value=status)
        ws.cell(row=r, column=8, value=source)
    if change is not None:
        change(ws)
    wb.save(out)
    return out


def refused(store: Store, path: Path, this_year: int = THIS_YEAR) -> list[str]:
    before = len(store.observations())
    with pytest.raises(DefinitionError) as info:
        exchange.import_file(store, path, this_year=this_year)
    assert len(store.observations()) == before  # nothing was written
    return [str(p) for p in info.value.problems]


GOOD = {
    ("exports", 2025): (35.5, "ước", "Cục Thống kê TP, báo cáo 12/2025"),
    ("grdp-growth", 2025): (12.38, "sơ bộ", "Cục Thống kê TP"),
}


def test_template_structure(blank: Path, loaded_store: Store) -> None:
    wb = load_workbook(blank)
    assert wb.sheetnames == ["Số liệu", "Hướng dẫn", "_chitieu"]
    assert wb.security is not None
    assert wb.security.lockStructure
    ws = wb["Số liệu"]
    assert [c.value for c in ws[1]] == [c.header for c in template_xlsx.COLUMNS]
    resolution = loaded_store.get_resolution(XVI)
    assert ws.max_row == 1 + len(resolution.indicators) * 5  # 2021–2025
    assert ws.protection.sheet
    r = row_of(ws, "exports", 2024)
    assert [ws.cell(row=r, column=i).value for i in (1, 3, 4, 5)] == [
        "exports",
        "tỷ USD",
        "haiphong",
        2024,
    ]
    assert ws.cell(row=r, column=1).protection.locked
    assert not ws.cell(row=r, column=6).protection.locked
    lists = [d for d in ws.data_validations.dataValidation if d.type == "list"]
    assert len(lists) == 1
    assert lists[0].formula1 == '"kế hoạch,ước,sơ bộ,chính thức"'
    assert str(lists[0].sqref) == f"G2:G{ws.max_row}"
    assert wb["_chitieu"].sheet_state == "hidden"


def test_template_for_one_agency(loaded_store: Store, tmp_path: Path) -> None:
    agencies = {"so-cong-thuong": ["exports", "iip-growth"], "cuc-thong-ke": ["grdp"]}
    path = exchange.make_template(
        loaded_store,
        XVI,
        tmp_path / "a.xlsx",
        agency="so-cong-thuong",
        agencies=agencies,
        years=[2024, 2025],
    )
    ws = load_workbook(path)["Số liệu"]
    assert {(r[0].value, r[4].value) for r in ws.iter_rows(min_row=2)} == {
        ("iip-growth", 2024),
        ("iip-growth", 2025),
        ("exports", 2024),
        ("exports", 2025),
    }
    with pytest.raises(UnknownAgencyError, match="unknown agency 'so-xyz'"):
        exchange.make_template(
            loaded_store, XVI, tmp_path / "b.xlsx", agency="so-xyz", agencies=agencies
        )


def test_round_trip_template_fill_import(blank: Path, loaded_store: Store, tmp_path: Path) -> None:
    filled = fill(
        blank,
        tmp_path / "filled.xlsx",
        {
            **GOOD,
            # a Vietnamese number typed as text is read as vi-VN (docs/reports.md)
            ("grdp", 2025): ("512.345,6", "ước", "Cục Thống kê TP"),
        },
    )
    dry = exchange.import_file(loaded_store, filled, dry_run=True, this_year=THIS_YEAR)
    assert (dry.read, dry.added.inserted) == (3, 3)
    assert not [
        o
        for o in loaded_store.observations()
        if o.period == (2025, 2025) and o.indicator == "grdp" and o.area == "haiphong"
    ]
    done = exchange.import_file(loaded_store, filled, this_year=THIS_YEAR)
    assert (done.read, done.added.inserted, done.added.unchanged) == (3, 3, 0)
    stored = {
        (o.indicator, o.status.value): o
        for o in loaded_store.observations()
        if o.period == (2025, 2025) and o.area == "haiphong" and o.recorded_at
    }
    assert stored[("exports", "estimate")].value == Decimal("35.5")
    assert stored[("grdp-growth", "preliminary")].value == Decimal("12.38")
    assert stored[("grdp", "estimate")].value == Decimal("512345.6")
    assert stored[("exports", "estimate")].source.document == "Cục Thống kê TP, báo cáo 12/2025"
    again = exchange.import_file(loaded_store, filled, this_year=THIS_YEAR)
    assert (again.added.inserted, again.added.unchanged) == (0, 3)


def test_renamed_sheet(blank: Path, loaded_store: Store, tmp_path: Path) -> None:
    def rename(ws: Worksheet) -> None:
        ws.title = "Data"

    path = fill(blank, tmp_path / "x.xlsx", GOOD, rename)
    assert refused(loaded_store, path) == [
        "x.xlsx: không có trang 'Số liệu' (sheet 'Số liệu' not found; sheets: 'Data', "
        "'Hướng dẫn', '_chitieu') – trang có bị đổi tên không? (was it renamed?) "
        "Dùng biểu mẫu gốc."
    ]


def test_moved_columns(blank: Path, loaded_store: Store, tmp_path: Path) -> None:
    def swap(ws: Worksheet) -> None:
        for row in ws.iter_rows():
            row[2].value, row[3].value = row[3].value, row[2].value

    path = fill(blank, tmp_path / "x.xlsx", GOOD, swap)
    assert refused(loaded_store, path) == [
        "x.xlsx: sheet 'Số liệu', row 1, column C: cột 'Đơn vị (unit)' bị chuyển sang cột D "
        "(column moved to D); giữ đúng thứ tự cột của biểu mẫu (keep the template's column "
        "order)",
        "x.xlsx: sheet 'Số liệu', row 1, column D: cột 'Địa bàn (area)' bị chuyển sang cột C "
        "(column moved to C); giữ đúng thứ tự cột của biểu mẫu (keep the template's column "
        "order)",
    ]


def test_merged_cells(blank: Path, loaded_store: Store, tmp_path: Path) -> None:
    def merge(ws: Worksheet) -> None:
        ws.merge_cells("H3:I3")

    path = fill(blank, tmp_path / "x.xlsx", GOOD, merge)
    assert refused(loaded_store, path) == [
        "x.xlsx: sheet 'Số liệu', cells H3:I3: ô bị gộp (merged cells); bỏ gộp ô và điền "
        "từng ô (unmerge them)"
    ]


def test_text_in_a_number_cell_and_other_cell_errors(
    blank: Path, loaded_store: Store, tmp_path: Path
) -> None:
    wb = load_workbook(blank)
    ws = wb[template_xlsx.DATA_SHEET]
    r_exports = row_of(ws, "exports", 2025)
    r_growth = row_of(ws, "grdp-growth", 2025)
    r_grdp = row_of(ws, "grdp", 2024)
    path = fill(
        blank,
        tmp_path / "x.xlsx",
        {
            ("exports", 2025): ("khoảng 35", "ước", "Sở Công Thương"),
            ("grdp-growth", 2025): ("12.38", "tốt", ""),
            ("grdp", 2024): (445995, "chính thức", "Cục Thống kê"),
        },
        lambda ws: ws.cell(row=r_grdp, column=3, value="tỷ quan"),
    )
    assert refused(loaded_store, path) == [
        f"x.xlsx: sheet 'Số liệu', row {r_growth}, column G (status): trạng thái không hợp lệ "
        "'tốt' (unknown status); chọn: kế hoạch, ước, sơ bộ, chính thức",
        # "12.38" as text is ambiguous in Vietnamese (12,38 or 1.238?): refused
        f"x.xlsx: sheet 'Số liệu', row {r_growth}, column F (value): ô số chứa chữ '12.38' "
        "(text in a number cell); nhập một số, ví dụ 1.234,5",
        f"x.xlsx: sheet 'Số liệu', row {r_growth}, column H (source): thiếu nguồn số liệu "
        "(source is missing)",
        f"x.xlsx: sheet 'Số liệu', row {r_grdp}, column C (unit): đơn vị không hợp lệ "
        "'tỷ quan' (unknown unit)",
        f"x.xlsx: sheet 'Số liệu', row {r_exports}, column F (value): ô số chứa chữ "
        "'khoảng 35' (text in a number cell); nhập một số, ví dụ 1.234,5",
    ]


def test_future_year(blank: Path, loaded_store: Store, tmp_path: Path) -> None:
    wb = load_workbook(blank)
    r = row_of(wb[template_xlsx.DATA_SHEET], "exports", 2025)
    path = fill(blank, tmp_path / "x.xlsx", {("exports", 2025): (36, "ước", "Sở Công Thương")})
    assert refused(loaded_store, path, this_year=2024) == [
        f"x.xlsx: sheet 'Số liệu', row {r}, column E (year): năm 2025 chưa tới (future year; "
        "only a 'kế hoạch' figure may be for a future year)"
    ]
    plan = fill(blank, tmp_path / "p.xlsx", {("exports", 2025): (36, "kế hoạch", "Kế hoạch")})
    done = exchange.import_file(loaded_store, plan, this_year=2024)
    assert done.added.inserted == 1


def test_formula_cell(blank: Path, loaded_store: Store, tmp_path: Path) -> None:
    wb = load_workbook(blank)
    r = row_of(wb[template_xlsx.DATA_SHEET], "exports", 2025)
    path = fill(blank, tmp_path / "x.xlsx", {("exports", 2025): ("=30+5", "ước", "Sở CT")})
    problems = refused(loaded_store, path)
    assert (
        f"x.xlsx: sheet 'Số liệu', row {r}, column F (value): ô chứa công thức =30+5 "
        "(formula); hãy nhập giá trị (type the value)"
    ) in problems


def test_oversized_file(
    blank: Path, loaded_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_read, "MAX_BYTES", 1000)
    size = blank.stat().st_size
    assert refused(loaded_store, blank) == [
        f"bieu-mau.xlsx: tệp quá lớn (file too large): {size} byte, giới hạn (limit) 1000 byte"
    ]


def test_corrupt_files(loaded_store: Store, blank: Path, tmp_path: Path) -> None:
    garbage = tmp_path / "rac.xlsx"
    garbage.write_bytes(b"PK\x03\x04 this is not really a workbook")
    assert refused(loaded_store, garbage) == [
        "rac.xlsx: không phải tệp Excel .xlsx hoặc tệp bị hỏng (not an .xlsx workbook, or corrupt)"
    ]
    truncated = tmp_path / "cut.xlsx"
    truncated.write_bytes(blank.read_bytes()[: blank.stat().st_size // 2])
    assert refused(loaded_store, truncated)[0].startswith("cut.xlsx: không phải tệp Excel")
    other_zip = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("hello.txt", "xin chào")
    [message] = refused(loaded_store, other_zip)
    assert message.startswith("zip.xlsx: tệp Excel bị hỏng, không đọc được (corrupt workbook)")


def test_percent_formatted_value_cell(blank: Path, loaded_store: Store, tmp_path: Path) -> None:
    wb = load_workbook(blank)
    r = row_of(wb[template_xlsx.DATA_SHEET], "grdp-growth", 2024)

    def as_percent(ws: Worksheet) -> None:
        ws.cell(row=r, column=6).number_format = "0.00%"

    path = fill(
        blank, tmp_path / "x.xlsx", {("grdp-growth", 2024): (0.1101, "ước", "CTK")}, as_percent
    )
    assert refused(loaded_store, path) == [
        f"x.xlsx: sheet 'Số liệu', row {r}, column F (value): ô định dạng phần trăm: Excel "
        "lưu 0.1101 (percent-formatted cell); bỏ định dạng % và nhập số theo đơn vị của chỉ "
        "tiêu, ví dụ 12 cho 12%"
    ]


def test_a_template_for_parts_of_a_year(loaded_store: Store, tmp_path: Path) -> None:
    """Rows for nine months and a quarter carry their period codes; a template of changes
    "so với cùng kỳ" carries its basis, in %; both come back as such."""
    levels = exchange.make_template(
        loaded_store, XVI, tmp_path / "9t.xlsx", periods=["9 tháng 2025", "2025-Q3"]
    )
    ws = load_workbook(levels)[template_xlsx.DATA_SHEET]
    assert ws.cell(row=1, column=5).value == "Kỳ (period)"
    assert ws.cell(row=1, column=10).value == "Cơ sở (basis)"
    r = row_of(ws, "exports", "2025-9M")
    assert [ws.cell(row=r, column=i).value for i in (3, 5, 10)] == ["tỷ USD", "2025-9M", "level"]
    assert ws.cell(row=r, column=10).protection.locked
    filled = fill(levels, tmp_path / "9t-filled.xlsx",
                  {("exports", "2025-9M"): (24.6, "ước", "Báo cáo 9 tháng")})  # fmt: skip
    done = exchange.import_file(loaded_store, filled, this_year=THIS_YEAR)
    assert done.added.inserted == 1
    [nine] = [o for o in loaded_store.observations("exports", "haiphong") if o.part == "9M"]
    assert (nine.period, nine.value, nine.unit, nine.basis.code) == (
        (2025, 2025), Decimal("24.6"), "tỷ USD", "level"
    )  # fmt: skip

    changes = exchange.make_template(
        loaded_store, XVI, tmp_path / "cung-ky.xlsx", periods=["2025-9M"], basis="same_period"
    )
    ws = load_workbook(changes)[template_xlsx.DATA_SHEET]
    r = row_of(ws, "exports", "2025-9M")
    assert [ws.cell(row=r, column=i).value for i in (3, 10)] == ["%", "same_period"]
    filled = fill(changes, tmp_path / "cung-ky-filled.xlsx",
                  {("exports", "2025-9M"): (12.5, "ước", "Báo cáo 9 tháng")})  # fmt: skip
    assert exchange.import_file(loaded_store, filled, this_year=THIS_YEAR).added.inserted == 1
    [change] = [
        o for o in loaded_store.observations("exports", "haiphong") if o.basis.code != "level"
    ]
    assert (change.part, change.value, change.unit, change.basis.code) == (
        "9M", Decimal("12.5"), "%", "same_period"
    )  # fmt: skip


def test_a_workbook_of_the_older_template_still_imports(
    blank: Path, loaded_store: Store, tmp_path: Path
) -> None:
    """A workbook made by the previous template (the period headed "Năm (year)", no basis
    column) is read as figures for whole years, levels."""

    def older(ws: Worksheet) -> None:
        ws.cell(row=1, column=5, value="Năm (year)")
        ws.delete_cols(10)

    path = fill(blank, tmp_path / "cu.xlsx", GOOD, older)
    assert load_workbook(path)[template_xlsx.DATA_SHEET].max_column == 9
    done = exchange.import_file(loaded_store, path, this_year=THIS_YEAR)
    assert (done.read, done.added.inserted) == (2, 2)


def test_a_bad_period_or_basis_cell_is_named(
    blank: Path, loaded_store: Store, tmp_path: Path
) -> None:
    wb = load_workbook(blank)
    r = row_of(wb[template_xlsx.DATA_SHEET], "exports", 2025)

    def damage(ws: Worksheet) -> None:
        ws.cell(row=r, column=5, value="quý 5/2025")
        ws.cell(row=r, column=10, value="so với hôm qua")

    path = fill(blank, tmp_path / "x.xlsx", {("exports", 2025): (36, "ước", "Sở")}, damage)
    assert refused(loaded_store, path) == [
        f"x.xlsx: sheet 'Số liệu', row {r}, column J (basis): cơ sở không hợp lệ 'so với hôm "
        "qua' (unknown basis; level, same_period, plan, previous_period)",
        f"x.xlsx: sheet 'Số liệu', row {r}, column E (year): năm hoặc kỳ không hợp lệ "
        "'quý 5/2025' (not a year or a period such as 2026-Q1, 2026-9M)",
    ]
