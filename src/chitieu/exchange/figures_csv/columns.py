"""The long CSV of figures: its columns, and the words and shapes its cells may hold.

Shared by the reader (:mod:`.read`, and its fast path :mod:`.fast_rows`), the writer
(:mod:`.write`) and the other formats that reuse the CSV's rules (JSON figures, the
data-entry workbook), so that a status, a period or a unit means the same in all of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from chitieu.core.observations import Qualifier, Status
from chitieu.core.units import compatible, convertible_with_rate

#: Every column the format knows, in the documented order.
COLUMNS = (
    "indicator",
    "area",
    "period",
    "value",
    "unit",
    "status",
    "qualifier",
    "source_document",
    "source_section",
    "source_line",
    "source_url",
    "source_date",
    "note",
)
#: Columns that must be present in the header (the others are optional).
REQUIRED_COLUMNS = ("indicator", "area", "period", "value", "unit", "status")

STATUS_ALIASES: Mapping[str, Status] = {
    **{s.value: s for s in Status},
    "kế hoạch": Status.PLAN,
    "ước": Status.ESTIMATE,
    "ước tính": Status.ESTIMATE,
    "sơ bộ": Status.PRELIMINARY,
    "chính thức": Status.OFFICIAL,
}
QUALIFIER_ALIASES: Mapping[str, Qualifier] = {
    **{q.value: q for q in Qualifier},
    "khoảng": Qualifier.APPROX,
    "hơn": Qualifier.MORE_THAN,
    "trên": Qualifier.MORE_THAN,
    "dưới": Qualifier.LESS_THAN,
}

_PERIOD_RE = re.compile(r"^(\d{4})(?:\s*[-–]\s*(\d{4}))?$")
MACHINE_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?", flags=re.ASCII)  # as core.numbers
DATE_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


def parse_period(text: str) -> tuple[int, int] | None:
    m = _PERIOD_RE.match(text)
    if m is None:
        return None
    first = int(m.group(1))
    last = int(m.group(2)) if m.group(2) else first
    if first > last:
        return None
    return (first, last)


def format_period(period: tuple[int, int]) -> str:
    """The period as the CSV writes it: "2021" or "2016-2020"."""
    return str(period[0]) if period[0] == period[1] else f"{period[0]}-{period[1]}"


def units_compatible(a: str, b: str) -> bool:
    """Same kind of unit, or money in another currency: a figure is kept as reported
    ("152,3 triệu đồng/người" for a USD indicator) and converted only at evaluation, with
    an exchange rate, or skipped there with a clear note."""
    try:
        return bool(compatible(a, b)) or convertible_with_rate(a, b)
    except ValueError:
        return False


def clean(cell: str) -> str:
    return unicodedata.normalize("NFC", cell).strip()
