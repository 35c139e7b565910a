"""The data-entry workbook's layout: what the writer lays out and the reader expects.

Format ``chitieu/template@2``: a data sheet with ten columns (indicator, name, unit, area
and period locked; value, status, source and note to fill in; the basis of the figures
locked last), a help sheet, and a hidden sheet naming the format, the resolution and the
agency. The period is a year (a number) or a period code (``2026-Q1``, ``2026-9M``).
Workbooks of ``chitieu/template@1`` (the period column headed "Năm (year)", no basis
column: levels of whole years) are still read.
"""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.core.observations import Status

__all__ = [
    "COLUMNS",
    "DATA_SHEET",
    "FORMAT",
    "HELP_SHEET",
    "META_SHEET",
    "STATUS_CHOICES",
    "Column",
]

FORMAT = "chitieu/template@2"
DATA_SHEET = "Số liệu"
HELP_SHEET = "Hướng dẫn"
META_SHEET = "_chitieu"


@dataclass(frozen=True)
class Column:
    """One column; ``older`` is the header an older template gave it, ``optional`` that
    an older template may lack it (its rows then take the default)."""

    key: str
    header: str
    width: int
    editable: bool
    older: str = ""
    optional: bool = False


COLUMNS = (
    Column("indicator", "Mã chỉ tiêu (indicator)", 22, False),
    Column("name", "Tên chỉ tiêu (name)", 48, False),
    Column("unit", "Đơn vị (unit)", 16, False),
    Column("area", "Địa bàn (area)", 14, False),
    Column("year", "Kỳ (period)", 12, False, older="Năm (year)"),
    Column("value", "Giá trị (value)", 16, True),
    Column("status", "Trạng thái (status)", 18, True),
    Column("source", "Nguồn (source)", 40, True),
    Column("note", "Ghi chú (note)", 30, True),
    Column("basis", "Cơ sở (basis)", 16, False, optional=True),
)
STATUS_CHOICES = tuple(s.label.vi for s in Status)  # kế hoạch, ước, sơ bộ, chính thức
