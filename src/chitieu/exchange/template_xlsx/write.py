"""Write a data-entry workbook: one per agency, its indicators × years, to be filled in.

Agencies report in Excel whatever we do; a workbook made for them keeps what we need
fixed (indicator code, unit, area, year are locked, the sheets cannot be renamed or
moved) and leaves only value, status, source and note to type, with the allowed statuses
as a drop-down list. The reader (:mod:`.read`) still checks every cell, since protection
without a password is a guard-rail, not a lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from chitieu.core.model import Resolution
from chitieu.core.periods import LEVEL, Basis, Period
from chitieu.exchange.template_xlsx.layout import (
    COLUMNS,
    DATA_SHEET,
    FORMAT,
    HELP_SHEET,
    META_SHEET,
    STATUS_CHOICES,
)

__all__ = ["UnknownAgencyError", "indicators_for", "workbook", "write"]

_LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


class UnknownAgencyError(KeyError):
    pass


def indicators_for(
    resolution: Resolution, agency: str | None, agencies: Mapping[str, Sequence[str]] | None
) -> list[str]:
    """The resolution's indicators, or one agency's share of them."""
    codes = [i.code for i in resolution.indicators]
    if agency is None:
        return codes
    mapping = agencies or {}
    if agency not in mapping:
        known = ", ".join(sorted(mapping)) or "—"
        raise UnknownAgencyError(
            f"không có cơ quan '{agency}' (unknown agency '{agency}'); có (known): {known}"
        )
    wanted = set(mapping[agency])
    return [c for c in codes if c in wanted]


def workbook(
    resolution: Resolution,
    *,
    agency: str | None = None,
    agencies: Mapping[str, Sequence[str]] | None = None,
    years: Sequence[int] | None = None,
    periods: Sequence[Period] | None = None,
    basis: Basis = LEVEL,
    today: dt.date | None = None,
) -> Workbook:
    """One row per indicator × period: the years of the term by default, ``years``, or
    any ``periods`` (a quarterly or nine-month report); every row on ``basis``."""
    codes = indicators_for(resolution, agency, agencies)
    if periods is None:
        years = (
            list(years)
            if years is not None
            else list(range(resolution.period[0], resolution.period[1] + 1))
        )
        periods = [Period.year(y) for y in years]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = DATA_SHEET
    ws.append([c.header for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for code in codes:
        ind = resolution.indicator(code)
        unit = ind.unit if basis.is_level else "%"
        for period in periods:
            # a year stays a number, as typed in every older workbook; a part of a year
            # is its code
            when: int | str = (
                period.first if period.is_annual and period.first == period.last else period.code
            )
            ws.append(
                [code, ind.name.vi, unit, resolution.area, when, None, None, None, None, basis.code]
            )
    last = ws.max_row
    for i, col in enumerate(COLUMNS, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = col.width
        for row in range(2, max(last, 2) + 1):
            cell = ws.cell(row=row, column=i)
            cell.protection = Protection(locked=not col.editable)
            if not col.editable:
                cell.fill = _LOCKED_FILL
            if col.key == "value":
                cell.number_format = "#,##0.##########"
    status_col = get_column_letter(_index("status"))
    value_col = get_column_letter(_index("value"))
    statuses = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUS_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Trạng thái (status)",
        error="Chọn một trạng thái trong danh sách: " + ", ".join(STATUS_CHOICES),
    )
    numbers = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1E+15",
        formula2="1E+15",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Giá trị (value)",
        error="Nhập một số (a number).",
    )
    ws.add_data_validation(statuses)
    ws.add_data_validation(numbers)
    statuses.add(f"{status_col}2:{status_col}{max(last, 2)}")
    numbers.add(f"{value_col}2:{value_col}{max(last, 2)}")
    ws.freeze_panes = "F2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may still be changed
    _help(wb, resolution, agency)
    meta = wb.create_sheet(META_SHEET)
    for key, value in (
        ("format", FORMAT),
        ("resolution", resolution.id),
        ("agency", agency or ""),
        ("created", (today or dt.date.today()).isoformat()),
    ):
        meta.append([key, value])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    wb.security.lockStructure = True  # sheets cannot be renamed, moved or deleted
    return wb


def _index(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS, start=1) if c.key == key)


def _help(wb: Workbook, resolution: Resolution, agency: str | None) -> None:
    ws = wb.create_sheet(HELP_SHEET)
    lines = [
        f"Biểu nhập số liệu – {resolution.title.vi}",
        f"Cơ quan (agency): {agency}" if agency else "Tất cả chỉ tiêu (all indicators)",
        "",
        "Cách điền (how to fill in):",
        "1. Chỉ điền các cột Giá trị, Trạng thái, Nguồn, Ghi chú; các cột khác bị khoá.",
        "2. Giá trị là số, theo đơn vị ở cột Đơn vị; không dùng công thức.",
        "3. Trạng thái: " + ", ".join(STATUS_CHOICES) + ".",
        "4. Nguồn: văn bản, báo cáo hoặc địa chỉ công bố số liệu (bắt buộc).",
        "5. Để trống hàng nào chưa có số liệu; hàng trống không được nhập.",
        "   Kỳ: năm (2025) hoặc mã kỳ: 2026-M01 (tháng 1), 2026-Q1 (quý I), 2026-H1 (6 tháng"
        " đầu năm), 2026-9M (9 tháng đầu năm).",
        "   Cơ sở: level = giá trị của kỳ; same_period = % so với cùng kỳ năm trước; plan = %"
        " kế hoạch năm.",
        "6. Không đổi tên trang, không chèn hay di chuyển cột, không gộp ô.",
    ]
    for line in lines:
        ws.append([line])
    ws.column_dimensions["A"].width = 100
    ws.protection.sheet = True


def write(resolution: Resolution, path: Path, **kwargs: object) -> Path:
    out = BytesIO()
    workbook(resolution, **kwargs).save(out)  # type: ignore[arg-type]
    path.write_bytes(out.getvalue())
    return path
