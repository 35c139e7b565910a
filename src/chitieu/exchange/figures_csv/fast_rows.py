"""The fast path of the figures reader: a valid row read in a few microseconds.

A million-row file spends most of its time on the same few indicators, units, periods
and sources: each distinct text is checked once (by the same functions the reference
path of :mod:`.read` uses) and remembered. A row with any problem, or anything unusual,
is left to the reference path, which reports it; so the problems, and every accepted
observation, are exactly the reference path's
(``tests/exchange/figures_csv/test_fast_rows.py``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal

from chitieu.core.model import Citation, Indicator
from chitieu.core.numbers import MAX_NUMBER_LENGTH
from chitieu.core.observations import Observation, Qualifier, Status
from chitieu.core.periods import Basis, Period
from chitieu.core.units import UnknownUnitError, parse_unit
from chitieu.exchange.figures_csv.columns import (
    DATE_RE,
    MACHINE_NUMBER,
    QUALIFIER_ALIASES,
    STATUS_ALIASES,
    clean,
    parse_basis_cell,
    parse_period,
    unit_fits,
)

__all__ = ["FastRows"]


class FastRows:
    """Reads a valid row in a few microseconds; ``None`` for any row it cannot vouch for
    (the reference path of :mod:`.read` then checks it and says what is wrong)."""

    def __init__(
        self,
        columns: Mapping[str, int],
        indicators: Mapping[str, Indicator] | None,
        areas: Collection[str] | None,
        *,
        plain_numbers_only: bool = False,
    ) -> None:
        # A file with Vietnamese numbers ("3,2", "1.234"): only whole numbers without any
        # mark read the same in both conventions; the rest go to the reference path.
        self._plain_numbers_only = plain_numbers_only
        self._indicators = indicators
        self._areas = areas
        get = columns.get
        self._required = (
            columns["indicator"],
            columns["area"],
            columns["period"],
            columns["value"],
            columns["unit"],
            columns["status"],
        )
        self._optional = tuple(
            get(name, -1)
            for name in (
                "qualifier",
                "source_document",
                "source_section",
                "source_line",
                "source_url",
                "source_date",
                "note",
                "basis",
            )
        )
        self._units: set[tuple[str, str, Basis]] = set()
        self._periods: dict[str, Period | None] = {}
        self._bases: dict[str, Basis | None] = {}
        self._statuses: dict[str, Status | None] = {}
        self._qualifiers: dict[str, Qualifier | None] = {}
        self._lines: dict[str, int | None] = {"": None}  # 0: not a line number
        self._dates: dict[str, bool] = {"": True}
        self._citations: dict[tuple[str, str, int | None, str, str], Citation] = {}

    def read(self, row: list[str]) -> Observation | None:
        i_ind, i_area, i_period, i_value, i_unit, i_status = self._required
        i_qual, i_doc, i_section, i_line, i_url, i_date, i_note, i_basis = self._optional
        indicator = _quick_clean(row[i_ind])
        unit = _quick_clean(row[i_unit])
        text = _quick_clean(row[i_basis]) if i_basis >= 0 else ""
        try:
            basis = self._bases[text]
        except KeyError:
            basis = self._bases[text] = parse_basis_cell(text)
        if basis is None:
            return None
        if (indicator, unit, basis) not in self._units and not self._unit_ok(
            indicator, unit, basis
        ):
            return None
        area = _quick_clean(row[i_area])
        if not area or (self._areas is not None and area not in self._areas):
            return None
        text = _quick_clean(row[i_period])
        try:
            period = self._periods[text]
        except KeyError:
            period = self._periods[text] = parse_period(text)
        if period is None:
            return None
        text = _quick_clean(row[i_value])
        if len(text) > MAX_NUMBER_LENGTH or MACHINE_NUMBER.fullmatch(text) is None:
            return None  # signs, spaces, errors: parse_machine_number on the reference path
        if self._plain_numbers_only and not text.isdigit():
            return None
        value = Decimal(text)
        text = _quick_clean(row[i_status])
        try:
            status = self._statuses[text]
        except KeyError:
            status = self._statuses[text] = STATUS_ALIASES.get(text.lower())
        if status is None:
            return None
        text = _quick_clean(row[i_qual]) if i_qual >= 0 else ""
        try:
            qualifier = self._qualifiers[text]
        except KeyError:
            qualifier = self._qualifiers[text] = (
                QUALIFIER_ALIASES.get(text.lower()) if text else Qualifier.EXACT
            )
        if qualifier is None:
            return None
        text = _quick_clean(row[i_line]) if i_line >= 0 else ""
        try:
            line = self._lines[text]
        except KeyError:
            line = self._lines[text] = _line_number(text)
        if line == 0:
            return None
        date = _quick_clean(row[i_date]) if i_date >= 0 else ""
        ok = self._dates.get(date)
        if ok is None:
            ok = self._dates[date] = DATE_RE.match(date) is not None
        if not ok:
            return None
        document = _quick_clean(row[i_doc]) if i_doc >= 0 else ""
        url = _quick_clean(row[i_url]) if i_url >= 0 else ""
        if not document and not url:
            return None
        section = _quick_clean(row[i_section]) if i_section >= 0 else ""
        key = (document, section, line, url, date)
        source = self._citations.get(key)
        if source is None:
            source = self._citations[key] = Citation(
                document=document, section=section, line=line, url=url, date=date
            )
        return Observation(
            indicator=indicator,
            area=area,
            period=period.years_span,
            part=period.part,
            basis=basis,
            value=value,
            unit=unit,
            status=status,
            qualifier=qualifier,
            source=source,
            note=_quick_clean(row[i_note]) if i_note >= 0 else "",
        )

    def _unit_ok(self, indicator: str, unit: str, basis: Basis) -> bool:
        if not indicator or not unit:
            return False
        ind = None
        if self._indicators is not None:
            ind = self._indicators.get(indicator)
            if ind is None:
                return False
        try:
            parse_unit(unit)
        except UnknownUnitError:
            return False
        if ind is not None and not unit_fits(unit, ind.unit, basis):
            return False
        self._units.add((indicator, unit, basis))
        return True


def _line_number(text: str) -> int:
    """A plain positive line number, or 0: leave the text to the reference path."""
    # At most 18 digits: int() refuses more than 4 300 (found by the fuzz campaign).
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)  # "0" stays 0
    return 0


def _quick_clean(cell: str) -> str:
    """:func:`.columns.clean`, without the Unicode normalisation when there is nothing
    to normalise."""
    return cell.strip() if cell.isascii() else clean(cell)
