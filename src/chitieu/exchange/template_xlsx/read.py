"""Read a filled data-entry workbook (written by :mod:`.write`) back into observations.

Every cell is checked and every problem is listed with its sheet, row and column before
anything is written; a workbook with one bad cell imports nothing (all-or-nothing is
the caller's single ``add_observations`` call). Values are read with python-calamine
(fast, and it reads the cached values Excel saved); formulas are found with openpyxl,
because calamine only returns values and a formula's cached value may be missing or stale.

Choices (docs/reports.md): a number typed as Vietnamese text ("1.234,5") is accepted and
read as a vi-VN number, since that is what a Vietnamese user means; ambiguous text
("12.38") and any other text is refused. A year after the current one is refused unless
the status is *kế hoạch* (a plan may be for the future). Moved columns, renamed sheets,
merged cells and formulas are refused rather than guessed around.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from collections.abc import Collection, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any, NoReturn
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import python_calamine
from lxml.etree import XMLSyntaxError
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from chitieu.core.model import Citation, Indicator
from chitieu.core.number_hints import explain_number
from chitieu.core.numbers import NumberFormatError, parse_number
from chitieu.core.observations import Observation, Status
from chitieu.core.periods import Basis, Period
from chitieu.core.units import UnknownUnitError, compatible, convertible_with_rate, parse_unit
from chitieu.definitions.errors import DefinitionError, Problem
from chitieu.exchange.figures_csv import STATUS_ALIASES
from chitieu.exchange.figures_csv.columns import parse_basis_cell, parse_period, unit_fits
from chitieu.exchange.office_vetting import UnsafeOfficeFileError, vet_office_file
from chitieu.exchange.template_xlsx.layout import COLUMNS, DATA_SHEET

__all__ = ["MAX_BYTES", "MAX_COLUMNS", "MAX_ROWS", "read_xlsx"]

MAX_BYTES = 10 * 1024 * 1024
#: A national template (3.321 communes × 30 indicators) fits; calamine's rectangle for
#: 100.000 × 64 cells stays in the hundreds of MB.
MAX_ROWS = 100_000
#: The template has 9 columns; a sheet reaching column XFD (16 384) is refused.
MAX_COLUMNS = 64
# What the two readers raise on a workbook whose XML or structure is broken (found by the
# fuzz campaign, fuzz/targets.py): calamine's errors are not ValueError subclasses;
# openpyxl surfaces its XML parser's errors and trips over missing parts and attributes.
_CALAMINE_ERRORS = (python_calamine.CalamineError, ValueError, KeyError)
_OPENPYXL_ERRORS = (
    XMLSyntaxError,
    ParseError,
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    OSError,  # "File contains no valid workbook part"
)
_EDITABLE = [c.key for c in COLUMNS if c.editable]
_CORRUPT = (
    "Tệp Excel bị hỏng, không đọc được: hãy mở lại bằng Excel và lưu dưới dạng .xlsx.",
    "The workbook is corrupt and cannot be read: open it in Excel and save it as .xlsx.",
)


class _Problems:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.items: list[Problem] = []

    def file(self, message: str, vi: str, en: str) -> None:
        self.items.append(Problem(self.filename, None, "", message, vi=vi, en=en))

    def cell(self, row: int, key: str, message: str, vi: str, en: str) -> None:
        col = _index(key)
        where = f"sheet '{DATA_SHEET}', row {row}, column {get_column_letter(col)} ({key})"
        self.items.append(
            Problem(
                self.filename,
                None,
                where,
                message,
                vi=vi,
                en=en,
                row=row,
                column=get_column_letter(col),
            )
        )

    def at(
        self,
        where: str,
        message: str,
        vi: str,
        en: str,
        row: int | None = None,
        column: int | None = None,
    ) -> None:
        letter = get_column_letter(column) if column is not None else ""
        self.items.append(
            Problem(self.filename, None, where, message, vi=vi, en=en, row=row, column=letter)
        )

    def raise_if_any(self) -> None:
        if self.items:
            raise DefinitionError(self.items)


def _index(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS, start=1) if c.key == key)


def read_xlsx(
    path: Path,
    indicators: Mapping[str, Indicator],
    areas: Collection[str],
    *,
    this_year: int | None = None,
    filename: str | None = None,
) -> list[Observation]:
    """The observations of a filled template; raises DefinitionError listing every problem."""
    name = filename or path.name
    problems = _Problems(name)
    year_now = this_year if this_year is not None else dt.date.today().year
    size = path.stat().st_size
    if size > MAX_BYTES:
        problems.file(
            f"tệp quá lớn (file too large): {size} byte, giới hạn (limit) {MAX_BYTES} byte",
            f"Tệp quá lớn: {size:,} byte, giới hạn {MAX_BYTES:,} byte.".replace(",", "."),
            f"The file is too large: {size:,} bytes, the limit is {MAX_BYTES:,} bytes.",
        )
        problems.raise_if_any()
    if not zipfile.is_zipfile(path):
        problems.file(
            "không phải tệp Excel .xlsx hoặc tệp bị hỏng (not an .xlsx workbook, or corrupt)",
            "Đây không phải tệp Excel .xlsx, hoặc tệp bị hỏng.",
            "This is not an .xlsx workbook, or it is corrupt.",
        )
        problems.raise_if_any()
    try:
        # Before any parser sees it: zip bombs, entity attacks, unsafe part names.
        vet_office_file(path)
        _check_extent(path)
    except UnsafeOfficeFileError as exc:
        problems.file(
            f"tệp Excel bị từ chối (workbook refused): {exc}",
            f"Tệp Excel bị từ chối vì có cấu trúc không an toàn ({exc}); hãy dùng biểu mẫu gốc.",
            f"The workbook is refused, its structure is unsafe ({exc}); use the original template.",
        )
        problems.raise_if_any()
    try:
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        sheet_names = list(wb.sheet_names)
    except Exception as exc:  # calamine raises several unrelated types for broken files
        problems.file(f"tệp Excel bị hỏng, không đọc được (corrupt workbook): {exc}", *_CORRUPT)
        problems.raise_if_any()
        raise  # unreachable: keeps type checkers sure wb is bound
    if DATA_SHEET not in sheet_names:
        found = ", ".join(f"'{s}'" for s in sheet_names)
        problems.file(
            f"không có trang '{DATA_SHEET}' (sheet '{DATA_SHEET}' not found; sheets: {found}) "
            "– trang có bị đổi tên không? (was it renamed?) Dùng biểu mẫu gốc.",
            f"Không có trang «{DATA_SHEET}» (các trang: {found}); hãy dùng biểu mẫu gốc, "
            "không đổi tên trang.",
            f"There is no sheet '{DATA_SHEET}' (sheets: {found}); use the original template "
            "without renaming its sheets.",
        )
        problems.raise_if_any()
    try:
        # calamine parses a sheet's XML only here: a broken sheet fails here, not above.
        sheet = wb.get_sheet_by_name(DATA_SHEET)
        if sheet.total_height > MAX_ROWS:
            problems.file(
                f"sheet '{DATA_SHEET}' has {sheet.total_height} rows; the limit is {MAX_ROWS}",
                f"Trang «{DATA_SHEET}» có {sheet.total_height} hàng, quá giới hạn {MAX_ROWS}.",
                f"Sheet '{DATA_SHEET}' has {sheet.total_height} rows; the limit is {MAX_ROWS}.",
            )
            problems.raise_if_any()
        rows: list[list[Any]] = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except _CALAMINE_ERRORS as exc:
        problems.file(f"tệp Excel bị hỏng, không đọc được (corrupt workbook): {exc}", *_CORRUPT)
        problems.raise_if_any()
        raise  # unreachable
    _check_header(rows[0] if rows else [], problems)
    problems.raise_if_any()
    for (r0, c0), (r1, c1) in merged:
        ref = f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}"
        problems.at(
            f"sheet '{DATA_SHEET}', cells {ref}",
            "ô bị gộp (merged cells); bỏ gộp ô và điền từng ô (unmerge them)",
            f"Các ô {ref} bị gộp: hãy bỏ gộp ô và điền từng ô.",
            f"Cells {ref} are merged: unmerge them and fill in each cell.",
            row=r0 + 1,
        )
    _cell_formats(path, problems)
    observations = _rows(rows, indicators, areas, year_now, name, problems)
    problems.raise_if_any()
    return observations


def _check_extent(path: Path) -> None:
    """Refuse a sheet that reaches beyond MAX_ROWS rows or MAX_COLUMNS columns.

    calamine allocates the whole rectangle from A1 to the farthest cell before returning
    anything, and a failed allocation aborts the process (Rust, not an exception): one
    cell written at XFD1048576 would take the web server down. So every XML part is read
    here with expat, as calamine places cells (``r`` attributes, or the next row and
    column when there is none), and the ``<dimension>`` openpyxl pads rows to is checked.
    Malformed XML is refused too, since a more lenient parser might read past it.
    """
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.filename.lower().endswith(".xml"):
                with archive.open(info) as stream:
                    _Extent(info.filename).read(stream)


class _Extent:
    def __init__(self, part: str) -> None:
        self.part = part
        self.row = 0
        self.column = 0

    def read(self, stream: IO[bytes]) -> None:
        parser = expat.ParserCreate()
        parser.StartElementHandler = self._start
        try:
            parser.ParseFile(stream)
        except expat.ExpatError as exc:
            raise UnsafeOfficeFileError(
                f"phần XML '{self.part}' hỏng (malformed XML in {self.part!r}: {exc})"
            ) from exc

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "row":
            number = attrs.get("r")
            self.row = self._number(number) if number is not None else self.row + 1
            self.column = 0
        elif local == "c":
            reference = attrs.get("r")
            if reference is not None:
                match = _CELL_REF.fullmatch(reference)
                if match is None:
                    self._unreadable(reference)
                self.column = column_index_from_string(match.group(1))
                self.row = int(match.group(2))
            else:
                self.column += 1
        elif local == "dimension":
            for corner in attrs.get("ref", "").split(":"):
                match = _CELL_REF.fullmatch(corner.replace("$", ""))
                if match is None:
                    self._unreadable(corner)
                self._check(int(match.group(2)), column_index_from_string(match.group(1)))
            return
        else:
            return
        self._check(self.row, self.column)

    def _number(self, text: str) -> int:
        if not _ROW_NUMBER.fullmatch(text):
            self._unreadable(text)
        return int(text)

    def _unreadable(self, reference: str) -> NoReturn:
        # A reader that takes "F99999…1" modulo 2**32 would place the cell anywhere.
        raise UnsafeOfficeFileError(
            f"phần '{self.part}' có địa chỉ ô không đọc được {reference[:40]!r} (part "
            f"{self.part!r} has an unreadable cell reference {reference[:40]!r})"
        )

    def _check(self, row: int, column: int) -> None:
        if row > MAX_ROWS + 1 or column > MAX_COLUMNS:
            raise UnsafeOfficeFileError(
                f"phần '{self.part}' có ô ở hàng {row}, cột {column}; giới hạn {MAX_ROWS + 1} "
                f"hàng, {MAX_COLUMNS} cột (part {self.part!r} reaches row {row}, column "
                f"{column}; the limit is {MAX_ROWS + 1} rows and {MAX_COLUMNS} columns)"
            )


#: A cell reference as Excel writes it: column A..XFD (1-3 capitals), row 1..1048576.
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_ROW_NUMBER = re.compile(r"[0-9]{1,7}")


def _check_header(header: list[Any], problems: _Problems) -> None:
    found = [_text(h) for h in header]
    for i, col in enumerate(COLUMNS, start=1):
        got = found[i - 1] if i - 1 < len(found) else ""
        if got == col.header or (col.older and got == col.older):
            continue
        if col.optional and got == "":
            continue  # an older template without it
        where = f"sheet '{DATA_SHEET}', row 1, column {get_column_letter(i)}"
        if col.header in found:
            moved = get_column_letter(found.index(col.header) + 1)
            problems.at(
                where,
                f"cột '{col.header}' bị chuyển sang cột {moved} (column moved to {moved}); "
                "giữ đúng thứ tự cột của biểu mẫu (keep the template's column order)",
                f"Cột «{col.header}» bị chuyển sang cột {moved}: hãy giữ đúng thứ tự cột của "
                "biểu mẫu.",
                f"Column '{col.header}' was moved to {moved}: keep the template's column order.",
                row=1,
                column=i,
            )
        else:
            problems.at(
                where,
                f"cần tiêu đề '{col.header}', gặp '{got}' (expected header '{col.header}', "
                f"found '{got}')",
                f"Cần tiêu đề «{col.header}», gặp «{got}»: hãy dùng biểu mẫu gốc.",
                f"Expected the header '{col.header}', found '{got}': use the original template.",
                row=1,
                column=i,
            )


def _cell_formats(path: Path, problems: _Problems) -> None:
    """What calamine cannot see: formulas, and values shown as percentages (Excel keeps
    "12%" typed into a % cell as 0,12, so the figure would be a hundred times too small)."""
    try:
        _formats(path, problems)
    except _OPENPYXL_ERRORS as exc:
        # calamine read the same file, so this is openpyxl's stricter view of broken XML.
        problems.file(f"tệp Excel bị hỏng, không đọc được (corrupt workbook): {exc!r}", *_CORRUPT)


def _formats(path: Path, problems: _Problems) -> None:
    wb = load_workbook(path, read_only=True, data_only=False)
    value_column = _index("value")
    try:
        ws = wb[DATA_SHEET]
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if not hasattr(cell, "column") or cell.value is None:
                    continue
                column = int(cell.column)
                key = COLUMNS[column - 1].key if column <= len(COLUMNS) else "?"
                where = (
                    f"sheet '{DATA_SHEET}', row {cell.row}, "
                    f"column {get_column_letter(column)} ({key})"
                )
                if cell.data_type == "f":
                    problems.at(
                        where,
                        f"ô chứa công thức {cell.value} (formula); "
                        "hãy nhập giá trị (type the value)",
                        f"Ô chứa công thức {cell.value}: hãy nhập giá trị.",
                        f"The cell holds the formula {cell.value}: type the value instead.",
                        row=int(cell.row),
                        column=column,
                    )
                elif column == value_column and "%" in str(cell.number_format):
                    problems.at(
                        where,
                        f"ô định dạng phần trăm: Excel lưu {cell.value} (percent-formatted "
                        "cell); bỏ định dạng % và nhập số theo đơn vị của chỉ tiêu, ví dụ 12 "
                        "cho 12%",
                        f"Ô định dạng phần trăm nên Excel lưu {cell.value}: hãy bỏ định dạng % "
                        "và nhập số theo đơn vị của chỉ số, ví dụ 12 cho 12%.",
                        f"The cell is formatted as a percentage, so Excel keeps {cell.value}: "
                        "remove the % format and type the number in the indicator's unit, "
                        "e.g. 12 for 12%.",
                        row=int(cell.row),
                        column=column,
                    )
    finally:
        wb.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _rows(
    rows: list[list[Any]],
    indicators: Mapping[str, Indicator],
    areas: Collection[str],
    year_now: int,
    filename: str,
    problems: _Problems,
) -> list[Observation]:
    out: list[Observation] = []
    seen: dict[tuple[str, str, Period, Basis, Status], int] = {}
    width = len(COLUMNS)
    for number, raw in enumerate(rows[1:], start=2):
        cells = dict(zip([c.key for c in COLUMNS], [*raw, *[""] * width][:width], strict=True))
        if all(_text(cells[k]) == "" for k in _EDITABLE):
            continue  # a row nobody filled in
        before = len(problems.items)
        code = _text(cells["indicator"])
        ind = indicators.get(code)
        if ind is None:
            problems.cell(
                number,
                "indicator",
                f"không có chỉ tiêu '{code}' (unknown indicator)",
                f"Không có chỉ số «{code}».",
                f"Unknown indicator {code!r}.",
            )
        basis = parse_basis_cell(_text(cells["basis"]))
        if basis is None:
            problems.cell(
                number,
                "basis",
                f"cơ sở không hợp lệ '{_text(cells['basis'])}' (unknown basis; level, "
                "same_period, plan, previous_period)",
                f"Cơ sở so sánh «{_text(cells['basis'])}» không hợp lệ; chọn level, same_period, "
                "plan hoặc previous_period.",
                f"Unknown basis {_text(cells['basis'])!r}; choose level, same_period, plan or "
                "previous_period.",
            )
        unit = _text(cells["unit"])
        try:
            parse_unit(unit)
        except UnknownUnitError:
            problems.cell(
                number,
                "unit",
                f"đơn vị không hợp lệ '{unit}' (unknown unit)",
                f"Không biết đơn vị «{unit}».",
                f"Unknown unit {unit!r}.",
            )
        else:
            if ind is not None and basis is not None and not basis.is_level:
                if not unit_fits(unit, ind.unit, basis):
                    problems.cell(
                        number,
                        "unit",
                        f"số liệu so sánh ({basis.code}) tính bằng %, không phải '{unit}' "
                        "(a change or a share of plan is a percentage)",
                        f"Số liệu so sánh ({basis.code}) tính bằng %, không phải «{unit}».",
                        f"A figure on the basis {basis.code} is a percentage, not {unit!r}.",
                    )
            elif ind is not None and not (
                compatible(unit, ind.unit) or convertible_with_rate(unit, ind.unit)
            ):
                problems.cell(
                    number,
                    "unit",
                    f"đơn vị '{unit}' không phù hợp với '{ind.unit}' của chỉ tiêu {code} "
                    "(incompatible unit)",
                    f"Đơn vị «{unit}» không đổi được sang «{ind.unit}» của chỉ số {code}.",
                    f"The unit {unit!r} does not convert to {ind.unit!r} of indicator {code}.",
                )
        area = _text(cells["area"])
        if area not in areas:
            problems.cell(
                number,
                "area",
                f"không có địa bàn '{area}' (unknown area)",
                f"Không có địa bàn «{area}».",
                f"Unknown area {area!r}.",
            )
        status = STATUS_ALIASES.get(_text(cells["status"]).lower())
        if status is None:
            problems.cell(
                number,
                "status",
                f"trạng thái không hợp lệ '{_text(cells['status'])}' (unknown status); "
                "chọn: kế hoạch, ước, sơ bộ, chính thức",
                f"Tình trạng «{_text(cells['status'])}» không hợp lệ; chọn kế hoạch, ước, sơ bộ "
                "hoặc chính thức.",
                f"Unknown status {_text(cells['status'])!r}; choose kế hoạch (plan), ước "
                "(estimate), sơ bộ (preliminary) or chính thức (official).",
            )
        period = _period(cells["year"])
        if period is None:
            problems.cell(
                number,
                "year",
                f"năm hoặc kỳ không hợp lệ '{_text(cells['year'])}' (not a year or a period "
                "such as 2026-Q1, 2026-9M)",
                f"«{_text(cells['year'])}» không phải là năm hoặc kỳ (ví dụ 2026, 2026-Q1, "
                "2026-9M).",
                f"{_text(cells['year'])!r} is not a year or a period such as 2026-Q1 or 2026-9M.",
            )
        elif period.last > year_now and status is not Status.PLAN:
            problems.cell(
                number,
                "year",
                f"năm {period.last} chưa tới (future year; only a 'kế hoạch' figure may be "
                "for a future year)",
                f"Năm {period.last} chưa đến: chỉ số liệu kế hoạch mới được nhập cho năm sau.",
                f"{period.last} is in the future: only a plan figure may be for a future year.",
            )
        value = _value(cells["value"], number, problems)
        source = _text(cells["source"])
        if not source:
            problems.cell(
                number,
                "source",
                "thiếu nguồn số liệu (source is missing)",
                "Thiếu nguồn số liệu.",
                "The source is missing.",
            )
        if (
            len(problems.items) > before
            or value is None
            or period is None
            or basis is None
            or status is None
        ):
            continue
        key = (code, area, period, basis, status)
        if key in seen:
            problems.cell(
                number,
                "year",
                f"trùng với hàng {seen[key]} (same indicator × area × period × basis × status "
                f"as row {seen[key]})",
                f"Trùng với hàng {seen[key]}: cùng chỉ số, địa bàn, kỳ, cơ sở so sánh và tình "
                "trạng.",
                f"The same indicator, area, period, basis and status as row {seen[key]}.",
            )
            continue
        seen[key] = number
        out.append(
            Observation(
                indicator=code,
                area=area,
                period=period.years_span,
                part=period.part,
                basis=basis,
                value=value,
                unit=unit,
                status=status,
                source=Citation(document=source),
                note=_text(cells["note"]),
            )
        )
    return out


def _period(value: Any) -> Period | None:
    """A year typed as a number (1900–2100), or a period code or written form."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Period.year(value) if 1900 <= value <= 2100 else None
    text = _text(value)
    if text.isdigit():
        return Period.year(int(text)) if len(text) == 4 and 1900 <= int(text) <= 2100 else None
    return parse_period(text) if text else None


def _value(value: Any, row: int, problems: _Problems) -> Decimal | None:
    if value is None or value == "":
        problems.cell(
            row,
            "value",
            "thiếu giá trị (value is missing)",
            "Thiếu giá trị.",
            "The value is missing.",
        )
        return None
    if isinstance(value, bool):
        problems.cell(
            row,
            "value",
            f"ô giá trị là {value} (a boolean, not a number)",
            f"Ô giá trị là {value}, không phải là số.",
            f"The value cell is {value}, not a number.",
        )
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        try:
            # repr is the shortest text that reads back as the same double: 12.38, not
            # 12.3800000000000007815970093361102044582366943359375
            return Decimal(repr(value)).normalize() if value != int(value) else Decimal(int(value))
        except (InvalidOperation, OverflowError, ValueError):
            problems.cell(
                row,
                "value",
                f"không phải số hữu hạn (not a finite number): {value}",
                f"{value} không phải là số hữu hạn.",
                f"{value} is not a finite number.",
            )
            return None
    if isinstance(value, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        problems.cell(
            row,
            "value",
            f"ô giá trị là ngày giờ {value} (a date, not a number)",
            f"Ô giá trị là ngày giờ {value}, không phải là số: bỏ định dạng ngày của ô.",
            f"The value cell is a date, {value}, not a number: remove the cell's date format.",
        )
        return None
    text = _text(value)
    try:
        return parse_number(text, "vi")
    except NumberFormatError:
        said = explain_number(text, "vi")
        problems.cell(
            row,
            "value",
            f"ô số chứa chữ '{text}' (text in a number cell); nhập một số, ví dụ 1.234,5",
            said.vi,
            said.en,
        )
        return None
