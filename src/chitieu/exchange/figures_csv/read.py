"""Read figures from the long CSV into :class:`~chitieu.core.observations.Observation`.

The file is UTF-8 (with or without BOM), comma-separated, with a header row; numbers are
in machine format ("." as decimal mark, no grouping). A file separated by semicolons is
what Excel writes in a Vietnamese locale: its numbers are read the Vietnamese way
("3,2", "1.234,5"). Every problem names the file, the line (the header is line 1) and the
column, in English and in one plain Vietnamese sentence; all problems are collected
before :class:`DefinitionError` is raised. Each row goes first to the fast path
(:mod:`.fast_rows`); a row it cannot vouch for is checked here, cell by cell, and the
problems found are reported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

from chitieu import progress
from chitieu.core.model import Citation, Indicator
from chitieu.core.number_hints import explain_number
from chitieu.core.numbers import NumberFormatError, parse_machine_number, parse_number
from chitieu.core.observations import Observation, ObservationKey, Qualifier, Status
from chitieu.core.units import UnknownUnitError, parse_unit
from chitieu.definitions.errors import DefinitionError, Problem
from chitieu.exchange.figures_csv.columns import (
    BASIS_HELP,
    COLUMNS,
    DATE_RE,
    PERIOD_HELP,
    QUALIFIER_ALIASES,
    REQUIRED_COLUMNS,
    STATUS_ALIASES,
    clean,
    format_period,
    parse_basis_cell,
    parse_period,
    unit_fits,
    unit_problem,
)
from chitieu.exchange.figures_csv.fast_rows import FastRows

__all__ = ["load_observations_csv", "load_observations_text"]

#: line, column, English message, Vietnamese sentence
_Add = Callable[[int | None, str, str, str], None]


def _problem(filename: str, line: int | None, column: str, en: str, vi: str) -> Problem:
    return Problem(filename, line, column, en, vi=vi, en=en)


def delimiter_of(text: str) -> str:
    """ "," for the documented format; ";" when the header is separated by semicolons
    (Excel's "CSV" in a Vietnamese locale, whose numbers are written "3,2")."""
    header = text.removeprefix("\ufeff").split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


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
        raise DefinitionError(
            [_problem(filename, None, "", f"cannot read file: {exc}", "Không đọc được tệp.")]
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DefinitionError(
            [
                _problem(
                    filename,
                    line,
                    "",
                    f"not UTF-8: {exc.reason}",
                    "Tệp không phải văn bản UTF-8: hãy lưu lại với kiểu «CSV UTF-8».",
                )
            ]
        ) from exc
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

    def add(line: int | None, column: str, message: str, vi: str) -> None:
        problems.append(_problem(filename, line, column, message, vi))

    text = text.removeprefix("\ufeff")
    delimiter = delimiter_of(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    unreadable = "Dòng này không đọc được theo định dạng CSV (dấu ngoặc kép không khớp?)."
    try:
        header_row = next(reader, None)
    except csv.Error as exc:
        raise DefinitionError([_problem(filename, 1, "", f"CSV error: {exc}", unreadable)]) from exc
    if header_row is None:
        raise DefinitionError(
            [
                _problem(
                    filename,
                    1,
                    "",
                    "the file is empty (no header row)",
                    "Tệp trống, không có dòng tiêu đề.",
                )
            ]
        )
    header = [clean(h) for h in header_row]
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in columns:
            add(1, name, f"column {name!r} appears twice", f"Cột «{name}» có hai lần.")
        elif name not in COLUMNS:
            add(
                1,
                name or f"#{i + 1}",
                f"unknown column {name!r} (known: {', '.join(COLUMNS)})",
                f"Không có cột «{name}» trong định dạng (các cột: {', '.join(COLUMNS)}).",
            )
        else:
            columns[name] = i
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            add(1, name, f"missing column {name!r}", f"Thiếu cột «{name}».")
    if "source_document" not in columns and "source_url" not in columns:
        add(
            1,
            "source_document",
            "missing column: source_document or source_url is needed",
            "Thiếu cột nguồn: cần cột source_document hoặc source_url.",
        )
    if problems:
        raise DefinitionError(problems)
    vi_numbers = delimiter == ";"

    observations: list[Observation] = []
    seen: dict[tuple[ObservationKey, Status], int] = {}
    if areas is not None and not isinstance(areas, (set, frozenset)):
        areas = frozenset(areas)  # looked up once per row: a list of 3.321 communes is slow
    fast = FastRows(columns, indicators, areas, plain_numbers_only=vi_numbers)
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
            add(reader.line_num, "", f"CSV error: {exc}", unreadable)
            break
        line = reader.line_num
        if line % progress.EVERY == 0:
            progress.step(progress.READING, line, total)
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            add(
                start,
                "",
                f"the row has {len(row)} fields, the header has {len(header)}",
                f"Dòng có {len(row)} ô, dòng tiêu đề có {len(header)} ô.",
            )
            continue
        obs = fast.read(row)
        if obs is None:  # something is wrong with the row: the reference path says what
            cells = {name: clean(row[i]) for name, i in columns.items()}
            obs = _row(cells, start, add, indicators, areas, vi_numbers)
        if obs is None:
            continue
        key = (obs.key(), obs.status)
        if key in seen:
            basis = "" if obs.basis.is_level else f" × {obs.basis.code}"
            add(
                start,
                "",
                f"duplicate figure: {obs.indicator} × {obs.area} × "
                f"{format_period(obs.period, obs.part)}{basis} × {obs.status} is already on "
                f"line {seen[key]} (a revision belongs in the store, not twice in one file)",
                f"Trùng với dòng {seen[key]}: cùng chỉ số, địa bàn, kỳ, cơ sở so sánh và tình "
                "trạng số liệu.",
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
    vi_numbers: bool = False,
) -> Observation | None:
    before = _Counter(add)
    report = before.add

    indicator = cells["indicator"]
    ind: Indicator | None = None
    if not indicator:
        report(line, "indicator", "indicator is missing", "Thiếu mã chỉ số.")
    elif indicators is not None:
        ind = indicators.get(indicator)
        if ind is None:
            report(
                line,
                "indicator",
                f"unknown indicator {indicator!r}",
                f"Không có chỉ số «{indicator}».",
            )

    area = cells["area"]
    if not area:
        report(line, "area", "area is missing", "Thiếu mã địa bàn.")
    elif areas is not None and area not in areas:
        report(line, "area", f"unknown area {area!r}", f"Không có địa bàn «{area}».")

    period = parse_period(cells["period"])
    if period is None:
        report(
            line,
            "period",
            f"not a period: {cells['period']!r} ({PERIOD_HELP})",
            f"«{cells['period']}» không phải là kỳ số liệu (ví dụ 2021, 2016-2020, 2026-Q1, "
            "9 tháng 2026).",
        )

    value = None
    typed = cells["value"]
    if not typed:
        report(line, "value", "value is missing", "Thiếu giá trị.")
    elif vi_numbers:
        try:
            value = parse_number(typed, "vi")
        except NumberFormatError as exc:
            said = explain_number(typed, "vi")
            report(line, "value", f"not a number: {typed!r} ({exc.reason})", said.vi)
    else:
        try:
            value = parse_machine_number(typed)
        except NumberFormatError as exc:
            report(
                line,
                "value",
                f"not a machine number: {typed!r} (write 1234.5: '.' as decimal mark, "
                f"no thousands separator; {exc.reason})",
                f"«{typed}» không phải là số theo định dạng máy: viết 1234.5 (dấu chấm trước "
                f"phần thập phân, không phân cách hàng nghìn).",
            )

    basis = parse_basis_cell(cells.get("basis", ""))
    if basis is None:
        report(
            line,
            "basis",
            f"not a basis: {cells['basis']!r} ({BASIS_HELP})",
            f"«{cells['basis']}» không phải là cơ sở so sánh (level, same_period, plan, "
            "previous_period hoặc year:YYYY; để trống: mức của kỳ).",
        )

    unit = cells["unit"]
    if not unit:
        report(line, "unit", "unit is missing", "Thiếu đơn vị.")
    else:
        try:
            parse_unit(unit)
        except UnknownUnitError as exc:
            word = getattr(exc, "word", None)
            detail = f" (cannot read {word!r})" if isinstance(word, str) and word != unit else ""
            report(line, "unit", f"unknown unit {unit!r}{detail}", f"Không biết đơn vị «{unit}».")
        else:
            if ind is not None and basis is not None and not unit_fits(unit, ind.unit, basis):
                report(line, "unit", *unit_problem(unit, ind.code, ind.unit, basis))

    status = STATUS_ALIASES.get(cells["status"].lower())
    if status is None:
        report(
            line,
            "status",
            f"unknown status {cells['status']!r} (plan, estimate, preliminary, official "
            "or kế hoạch, ước, sơ bộ, chính thức)",
            f"Tình trạng «{cells['status']}» không hợp lệ; chọn kế hoạch, ước, sơ bộ hoặc "
            "chính thức.",
        )

    qualifier_text = cells.get("qualifier", "")
    qualifier = QUALIFIER_ALIASES.get(qualifier_text.lower()) if qualifier_text else Qualifier.EXACT
    if qualifier is None:
        report(
            line,
            "qualifier",
            f"unknown qualifier {qualifier_text!r} (exact, approx, more_than, less_than)",
            f"Mức chính xác «{qualifier_text}» không hợp lệ; chọn chính xác, khoảng, hơn "
            "hoặc dưới.",
        )

    source_line: int | None = None
    if cells.get("source_line"):
        try:
            source_line = int(cells["source_line"])
            if source_line < 1:
                raise ValueError
        except ValueError:
            report(
                line,
                "source_line",
                f"not a line number: {cells['source_line']!r}",
                f"«{cells['source_line']}» không phải là số dòng.",
            )
    date = cells.get("source_date", "")
    if date and not DATE_RE.match(date):
        report(
            line,
            "source_date",
            f"not a date: {date!r} (YYYY, YYYY-MM or YYYY-MM-DD)",
            f"«{date}» không phải là ngày (viết yyyy, yyyy-mm hoặc yyyy-mm-dd).",
        )
    document = cells.get("source_document", "")
    url = cells.get("source_url", "")
    if not document and not url:
        report(
            line,
            "source_document",
            "the row has no source: give source_document (with a section or line) "
            "or source_url (with a date)",
            "Dòng không có nguồn: ghi source_document hoặc source_url.",
        )

    if (
        before.count
        or period is None
        or basis is None
        or value is None
        or status is None
        or qualifier is None
    ):
        return None
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
        source=Citation(
            document=document,
            section=cells.get("source_section", ""),
            line=source_line,
            url=url,
            date=date,
        ),
        note=cells.get("note", ""),
    )


class _Counter:
    """Counts the problems one row adds."""

    def __init__(self, add: _Add) -> None:
        self._add = add
        self.count = 0

    def add(self, line: int | None, column: str, message: str, vi: str) -> None:
        self.count += 1
        self._add(line, column, message, vi)
