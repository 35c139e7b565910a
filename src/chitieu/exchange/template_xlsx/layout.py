"""The data-entry workbook's layout: what the writer lays out and the reader expects.

Format ``chitieu/template@1``: a data sheet with nine columns (the first five locked,
the last four to fill in), a help sheet, and a hidden sheet naming the format, the
resolution and the agency.
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

FORMAT = "chitieu/template@1"
DATA_SHEET = "Số liệu"
HELP_SHEET = "Hướng dẫn"
META_SHEET = "_chitieu"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    editable: bool


COLUMNS = (
    Column("indicator", "Mã chỉ tiêu (indicator)", 22, False),
    Column("name", "Tên chỉ tiêu (name)", 48, False),
    Column("unit", "Đơn vị (unit)", 16, False),
    Column("area", "Địa bàn (area)", 14, False),
    Column("year", "Năm (year)", 10, False),
    Column("value", "Giá trị (value)", 16, True),
    Column("status", "Trạng thái (status)", 18, True),
    Column("source", "Nguồn (source)", 40, True),
    Column("note", "Ghi chú (note)", 30, True),
)
STATUS_CHOICES = tuple(s.label.vi for s in Status)  # kế hoạch, ước, sơ bộ, chính thức
