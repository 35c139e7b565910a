"""Load observations (figures) from a CSV file into :class:`~chitieu.core.observations.Observation`.

The file is UTF-8 (with or without BOM), comma-separated, with a header row; numbers are
in machine format ("." as decimal mark, no grouping). Every problem names the file, the
line (the header is line 1) and the column; all problems are collected before
:class:`DefinitionError` is raised.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from pathlib import Path

from chitieu import progress
from chitieu.core.model import Citation, Indicator
from chitieu.core.numbers import MAX_NUMBER_LENGTH, NumberFormatError, parse_machine_number
from chitieu.core.observations import Observation, Qualifier, Status
from chitieu.core.units import UnknownUnitError, compatible, convertible_with_rate, parse_unit
from chitieu.definitions.errors import DefinitionError, Problem

__all__ = [
    "COLUMNS",
    "REQUIRED_COLUMNS",
    "format_period",
    "load_observations_csv",
    "load_observations_text",
]

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

_Add = Callable[[int | None, str, str], None]

_PERIOD_RE = re.compile(r"^(\d{4})(?:\s*[-–]\s*(\d{4}))?$")
_MACHINE_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?", flags=re.ASCII)  # as core.numbers
_DATE_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


def load_observations_csv(
    path: Path,
    indicators: Mapping[str, Indicator] | None = None,
    areas: Collection[str] | None = None,
) -> list[Observation]:
    """Read observations from a CSV file; see :func:`load_observations_text`."""
    filename = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DefinitionError([Problem(filename, None, "", f"cannot read file: {exc}")]) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DefinitionError([Problem(filename, line, "", f"not UTF-8: {exc.reason}")]) from exc
    return load_observations_text(text, filename, indicators, areas)


def load_observations_text(
    text: str,
    filename: str = "<text>",
    indicators: Mapping[str, Indicator] | None = None,
    areas: Collection[str] | None = None,
) -> list[Observation]:
    """Validate observations given as CSV text.

    When ``indicators`` is given, every row's indicator must be one of them and its unit
    compatible with the indicator's unit; when ``areas`` is given, every area must be in it.
    """
    problems: list[Problem] = []

    def add(line: int | None, column: str, message: str) -> None:
        problems.append(Problem(filename, line, column, message))

    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header_row = next(reader, None)
    except csv.Error as exc:
        raise DefinitionError([Problem(filename, 1, "", f"CSV error: {exc}")]) from exc
    if header_row is None:
        raise DefinitionError([Problem(filename, 1, "", "the file is empty (no header row)")])
    header = [_clean(h) for h in header_row]
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in columns:
            add(1, name, f"column {name!r} appears twice")
        elif name not in COLUMNS:
            add(1, name or f"#{i + 1}", f"unknown column {name!r} (known: {', '.join(COLUMNS)})")
        else:
            columns[name] = i
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            add(1, name, f"missing column {name!r}")
    if "source_document" not in columns and "source_url" not in columns:
        add(1, "source_document", "missing column: source_document or source_url is needed")
    if problems:
        raise DefinitionError(problems)

    observations: list[Observation] = []
    seen: dict[tuple[str, str, tuple[int, int], Status], int] = {}
    if areas is not None and not isinstance(areas, (set, frozenset)):
        areas = frozenset(areas)  # looked up once per row: a list of 3.321 communes is slow
    fast = _FastRows(columns, indicators, areas)
    total = text.count("\n")  # lines, for the progress bar (rows may span lines)
    progress.step(progress.READING, 0, total)
    line = 1  # physical line on which the previous row ended
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            add(reader.line_num, "", f"CSV error: {exc}")
            break
        line = reader.line_num
        if line % progress.EVERY == 0:
            progress.step(progress.READING, line, total)
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            add(start, "", f"the row has {len(row)} fields, the header has {len(header)}")
            continue
        obs = fast.read(row)
        if obs is None:  # something is wrong with the row: the reference path says what
            cells = {name: _clean(row[i]) for name, i in columns.items()}
            obs = _row(cells, start, add, indicators, areas)
        if obs is None:
            continue
        key = (obs.indicator, obs.area, obs.period, obs.status)
        if key in seen:
            add(
                start,
                "",
                f"duplicate figure: {obs.indicator} × {obs.area} × {format_period(obs.period)} × "
                f"{obs.status} is already on line {seen[key]} (a revision belongs in the store, "
                "not twice in one file)",
            )
            continue
        seen[key] = start
        observations.append(obs)
    if problems:
        raise DefinitionError(problems)
    progress.step(progress.READING, total, total)
    return observations


def _row(
    cells: Mapping[str, str],
    line: int,
    add: _Add,
    indicators: Mapping[str, Indicator] | None,
    areas: Collection[str] | None,
) -> Observation | None:
    before = _Counter(add)
    report = before.add

    indicator = cells["indicator"]
    ind: Indicator | None = None
    if not indicator:
        report(line, "indicator", "indicator is missing")
    elif indicators is not None:
        ind = indicators.get(indicator)
        if ind is None:
            report(line, "indicator", f"unknown indicator {indicator!r}")

    area = cells["area"]
    if not area:
        report(line, "area", "area is missing")
    elif areas is not None and area not in areas:
        report(line, "area", f"unknown area {area!r}")

    period = _parse_period(cells["period"])
    if period is None:
        report(
            line,
            "period",
            f"not a period: {cells['period']!r} (a year such as 2021 or a span such as 2016-2020)",
        )

    value = None
    if not cells["value"]:
        report(line, "value", "value is missing")
    else:
        try:
            value = parse_machine_number(cells["value"])
        except NumberFormatError as exc:
            report(
                line,
                "value",
                f"not a machine number: {cells['value']!r} (write 1234.5: '.' as decimal mark, "
                f"no thousands separator; {exc.reason})",
            )

    unit = cells["unit"]
    if not unit:
        report(line, "unit", "unit is missing")
    else:
        try:
            parse_unit(unit)
        except UnknownUnitError as exc:
            word = getattr(exc, "word", None)
            detail = f" (cannot read {word!r})" if isinstance(word, str) and word != unit else ""
            report(line, "unit", f"unknown unit {unit!r}{detail}")
        else:
            if ind is not None and not _compatible(unit, ind.unit):
                report(
                    line,
                    "unit",
                    f"unit {unit!r} is not compatible with the unit {ind.unit!r} "
                    f"of indicator {ind.code!r}",
                )

    status = STATUS_ALIASES.get(cells["status"].lower())
    if status is None:
        report(
            line,
            "status",
            f"unknown status {cells['status']!r} (plan, estimate, preliminary, official "
            "or kế hoạch, ước, sơ bộ, chính thức)",
        )

    qualifier_text = cells.get("qualifier", "")
    qualifier = QUALIFIER_ALIASES.get(qualifier_text.lower()) if qualifier_text else Qualifier.EXACT
    if qualifier is None:
        report(
            line,
            "qualifier",
            f"unknown qualifier {qualifier_text!r} (exact, approx, more_than, less_than)",
        )

    source_line: int | None = None
    if cells.get("source_line"):
        try:
            source_line = int(cells["source_line"])
            if source_line < 1:
                raise ValueError
        except ValueError:
            report(line, "source_line", f"not a line number: {cells['source_line']!r}")
    date = cells.get("source_date", "")
    if date and not _DATE_RE.match(date):
        report(line, "source_date", f"not a date: {date!r} (YYYY, YYYY-MM or YYYY-MM-DD)")
    document = cells.get("source_document", "")
    url = cells.get("source_url", "")
    if not document and not url:
        report(
            line,
            "source_document",
            "the row has no source: give source_document (with a section or line) "
            "or source_url (with a date)",
        )

    if before.count or period is None or value is None or status is None or qualifier is None:
        return None
    return Observation(
        indicator=indicator,
        area=area,
        period=period,
        value=value,
        unit=unit,
        status=status,
        qualifier=qualifier,
        source=Citation(
            document=document,
            section=cells.get("source_section", ""),
            line=source_line,
            url=url,
            date=date,
        ),
        note=cells.get("note", ""),
    )


class _FastRows:
    """Reads a valid row in a few microseconds; ``None`` for any row it cannot vouch for.

    A million-row file spends most of its time on the same few indicators, units, periods
    and sources: each distinct text is checked once (by the same functions :func:`_row`
    uses) and remembered. A row with any problem, or anything unusual, goes to
    :func:`_row`, which reports it; so the problems, and every accepted observation, are
    exactly the reference path's (``tests/definitions/test_observations_csv_fast.py``).
    """

    def __init__(
        self,
        columns: Mapping[str, int],
        indicators: Mapping[str, Indicator] | None,
        areas: Collection[str] | None,
    ) -> None:
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
            )
        )
        self._units: set[tuple[str, str]] = set()
        self._periods: dict[str, tuple[int, int] | None] = {}
        self._statuses: dict[str, Status | None] = {}
        self._qualifiers: dict[str, Qualifier | None] = {}
        self._lines: dict[str, int | None] = {"": None}  # 0: not a line number
        self._dates: dict[str, bool] = {"": True}
        self._citations: dict[tuple[str, str, int | None, str, str], Citation] = {}

    def read(self, row: list[str]) -> Observation | None:
        i_ind, i_area, i_period, i_value, i_unit, i_status = self._required
        indicator = _quick_clean(row[i_ind])
        unit = _quick_clean(row[i_unit])
        if (indicator, unit) not in self._units and not self._unit_ok(indicator, unit):
            return None
        area = _quick_clean(row[i_area])
        if not area or (self._areas is not None and area not in self._areas):
            return None
        text = _quick_clean(row[i_period])
        try:
            period = self._periods[text]
        except KeyError:
            period = self._periods[text] = _parse_period(text)
        if period is None:
            return None
        text = _quick_clean(row[i_value])
        if len(text) > MAX_NUMBER_LENGTH or _MACHINE_NUMBER.fullmatch(text) is None:
            return None  # signs, spaces, errors: parse_machine_number on the reference path
        value = Decimal(text)
        text = _quick_clean(row[i_status])
        try:
            status = self._statuses[text]
        except KeyError:
            status = self._statuses[text] = STATUS_ALIASES.get(text.lower())
        if status is None:
            return None
        i_qual, i_doc, i_section, i_line, i_url, i_date, i_note = self._optional
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
            ok = self._dates[date] = _DATE_RE.match(date) is not None
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
            period=period,
            value=value,
            unit=unit,
            status=status,
            qualifier=qualifier,
            source=source,
            note=_quick_clean(row[i_note]) if i_note >= 0 else "",
        )

    def _unit_ok(self, indicator: str, unit: str) -> bool:
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
        if ind is not None and not _compatible(unit, ind.unit):
            return False
        self._units.add((indicator, unit))
        return True


def _line_number(text: str) -> int:
    """A plain positive line number, or 0: leave the text to the reference path."""
    # At most 18 digits: int() refuses more than 4 300 (found by the fuzz campaign).
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)  # "0" stays 0
    return 0


def _quick_clean(cell: str) -> str:
    """:func:`_clean` without the Unicode normalisation when there is nothing to normalise."""
    return cell.strip() if cell.isascii() else _clean(cell)


class _Counter:
    """Counts the problems one row adds."""

    def __init__(self, add: _Add) -> None:
        self._add = add
        self.count = 0

    def add(self, line: int | None, column: str, message: str) -> None:
        self.count += 1
        self._add(line, column, message)


def _parse_period(text: str) -> tuple[int, int] | None:
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


def _compatible(a: str, b: str) -> bool:
    """Same kind of unit, or money in another currency: a figure is kept as reported
    ("152,3 triệu đồng/người" for a USD indicator) and converted only at evaluation, with
    an exchange rate, or skipped there with a clear note."""
    try:
        return bool(compatible(a, b)) or convertible_with_rate(a, b)
    except ValueError:
        return False


def _clean(cell: str) -> str:
    return unicodedata.normalize("NFC", cell).strip()
