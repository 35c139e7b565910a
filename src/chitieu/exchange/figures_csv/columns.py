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
from chitieu.core.periods import Basis, BasisKind, Period, PeriodError
from chitieu.core.periods import parse_basis as read_basis
from chitieu.core.periods import parse_period as read_period
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
    "basis",
)
#: Columns that must be present in the header (the others are optional; a file without
#: ``basis`` holds levels, as every file did before figures had a basis).
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

MACHINE_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?", flags=re.ASCII)  # as core.numbers
DATE_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


#: What a bad ``period`` cell is told to look like.
PERIOD_HELP = (
    "a year such as 2021, a span such as 2016-2020, or a part of a year: 2026-M01, "
    "2026-Q1, 2026-H1, 2026-9M (also written 01/2026, quý I/2026, 9 tháng 2026)"
)
BASIS_HELP = "level, same_period, plan, previous_period or year:YYYY; empty: level"


def parse_period(text: str) -> Period | None:
    """The period of a cell: every canonical code and the written forms
    :func:`chitieu.core.periods.parse_period` reads; ``None`` when it names none."""
    try:
        return read_period(text)
    except PeriodError:
        return None


def parse_basis_cell(text: str) -> Basis | None:
    """The basis of a cell (empty: the level); ``None`` when it names none."""
    try:
        return read_basis(text)
    except PeriodError:
        return None


def format_period(period: tuple[int, int], part: str = "") -> str:
    """The period as the CSV writes it: "2021", "2016-2020", "2026-Q1", "2026-9M"."""
    if part:
        return f"{period[0]}-{part}"
    return str(period[0]) if period[0] == period[1] else f"{period[0]}-{period[1]}"


def units_compatible(a: str, b: str) -> bool:
    """Same kind of unit, or money in another currency: a figure is kept as reported
    ("152,3 triệu đồng/người" for a USD indicator) and converted only at evaluation, with
    an exchange rate, or skipped there with a clear note."""
    try:
        return bool(compatible(a, b)) or convertible_with_rate(a, b)
    except ValueError:
        return False


def unit_fits(unit: str, indicator_unit: str, basis: Basis) -> bool:
    """Whether a figure's unit suits its indicator and basis: a level is in the indicator's
    unit (:func:`units_compatible`); a change on the same or the previous period and a
    share of the plan are percentages (or ratios: "gấp 1,2 lần"); a figure against a
    named year keeps the unit it was written in."""
    if basis.kind is BasisKind.LEVEL:
        return units_compatible(unit, indicator_unit)
    if basis.kind is BasisKind.YEAR:
        return True
    try:
        return bool(compatible(unit, "%"))
    except ValueError:
        return False


def unit_problem(unit: str, indicator: str, indicator_unit: str, basis: Basis) -> tuple[str, str]:
    """What to say, in English and Vietnamese, when :func:`unit_fits` refuses."""
    if basis.kind is BasisKind.LEVEL:
        return (
            f"unit {unit!r} is not compatible with the unit {indicator_unit!r} "
            f"of indicator {indicator!r}",
            f"Đơn vị «{unit}» không đổi được sang «{indicator_unit}» của chỉ số {indicator}.",
        )
    return (
        f"unit {unit!r}: a figure on the basis {basis.code!r} is a percentage (%)",
        f"Đơn vị «{unit}»: số liệu so sánh ({basis.code}) tính bằng %.",
    )


def clean(cell: str) -> str:
    return unicodedata.normalize("NFC", cell).strip()
