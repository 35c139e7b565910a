"""The evaluation as an Excel workbook: the resolution's targets and clauses, its figures
(every revision) and its evaluation, one sheet each (``export`` and ``report --format xlsx``).

Numbers are written as numbers, never as text, so offices can filter, sort and sum them;
their display format carries grouping and the recorded number of decimals
(``#,##0.0#``), which Excel shows with the reader's own separators: 1.234,5 in a
Vietnamese Excel. Every sheet has a frozen header row, a filter and sized columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from chitieu.core.observations import Observation
from chitieu.core.results import VERDICT_LABEL, ResolutionResult
from chitieu.exchange.figures_csv import format_period

SHEETS = {
    "vi": ("Chỉ tiêu", "Điều kiện", "Số liệu", "Đánh giá"),
    "en": ("Targets", "Clauses", "Observations", "Evaluation"),
}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_MAX_WIDTH = 60


def number_format(value: Decimal) -> str:
    """Grouping plus exactly the decimals recorded, so 12,38 never shows as 12,4."""
    exponent = value.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return "#,##0" + ("." + "0" * places if places else "")


def _sheet(ws: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(h) for h in header]
    # Row numbers are counted here: openpyxl's ``max_row`` scans every cell, which made a
    # national export (19.000 rows) quadratic — minutes instead of a second.
    first = ws.max_row + 1
    for r, values in enumerate(rows, start=first):
        out: list[Any] = []
        for v in values:
            out.append(float(v) if isinstance(v, Decimal) else v)
        ws.append(out)
        for i, v in enumerate(values):
            if isinstance(v, Decimal):
                ws.cell(row=r, column=i + 1).number_format = number_format(v)
            widths[i] = max(widths[i], len(str(v)) if v is not None else 0)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(_MAX_WIDTH, max(8, width + 2))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(first - 1 + len(rows), 2)}"


def workbook(
    result: ResolutionResult, observations: Sequence[Observation], lang: str = "vi"
) -> Workbook:
    en = lang == "en"
    res = result.resolution
    names = SHEETS["en" if en else "vi"]
    wb = Workbook()
    targets = wb.active
    assert targets is not None
    targets.title = names[0]
    _sheet(
        targets,
        ("Target", "No.", "Group", "Name", "Text as written", "Headline clause", "Source")
        if en
        else (
            "Mã",
            "Số",
            "Nhóm",
            "Tên chỉ tiêu",
            "Nội dung nguyên văn",
            "Điều kiện chính",
            "Nguồn",
        ),
        [
            (
                t.id,
                t.number,
                res.group(t.group).name.get(lang),
                t.label.get(lang),
                t.text,
                t.headline_clause.id if t.headline_clause else None,
                t.source.label(lang),
            )
            for t in (*res.targets, *res.extra_targets)
        ],
    )
    _sheet(
        wb.create_sheet(names[1]),
        (
            "Target",
            "Clause",
            "Label",
            "Indicator",
            "Kind",
            "Bound",
            "Low",
            "High",
            "Unit",
            "Year",
            "Period",
            "Text",
        )
        if en
        else (
            "Chỉ tiêu",
            "Điều kiện",
            "Tên",
            "Mã chỉ số",
            "Loại",
            "Kiểu mục tiêu",
            "Từ",
            "Đến",
            "Đơn vị",
            "Năm",
            "Giai đoạn",
            "Nội dung",
        ),
        [
            (
                t.id,
                c.id,
                c.label.get(lang),
                c.indicator,
                c.kind.value,
                c.bound.kind.value,
                c.bound.low,
                c.bound.high,
                c.bound.unit,
                c.year,
                format_period(c.period) if c.period else None,
                c.text,
            )
            for t in (*res.targets, *res.extra_targets)
            for c in t.clauses
        ],
    )
    codes = {i.code for i in res.indicators}
    _sheet(
        wb.create_sheet(names[2]),
        (
            "Indicator",
            "Area",
            "Period",
            "Value",
            "Unit",
            "Status",
            "Qualifier",
            "Revision",
            "Source document",
            "Section",
            "Line",
            "URL",
            "Date",
            "Note",
            "Recorded at",
            "Basis",
        )
        if en
        else (
            "Mã chỉ số",
            "Địa bàn",
            "Kỳ",
            "Giá trị",
            "Đơn vị",
            "Trạng thái",
            "Ghi chú số",
            "Lần sửa",
            "Tài liệu nguồn",
            "Mục",
            "Dòng",
            "URL",
            "Ngày",
            "Ghi chú",
            "Thời điểm ghi",
            "Cơ sở",
        ),
        [
            (
                o.indicator,
                o.area,
                format_period(o.period, o.part),
                o.value,
                o.unit,
                o.status.label.get(lang),
                o.qualifier.value,
                o.revision,
                o.source.document,
                o.source.section,
                o.source.line,
                o.source.url,
                o.source.date,
                o.note,
                o.recorded_at,
                o.basis.code,
            )
            for o in observations
            if o.indicator in codes
        ],
    )
    _sheet(
        wb.create_sheet(names[3]),
        (
            "Target",
            "Clause",
            "Headline",
            "Result",
            "Final",
            "Actual",
            "Years",
            "Pace ratio",
            "Required",
            "Projection",
            "Projection year",
            "Met early (years)",
            "Explanation",
        )
        if en
        else (
            "Chỉ tiêu",
            "Điều kiện",
            "Điều kiện chính",
            "Kết quả",
            "Cuối kỳ",
            "Thực hiện",
            "Năm",
            "Tỷ lệ nhịp độ",
            "Cần đạt",
            "Dự báo",
            "Năm dự báo",
            "Đạt trước (năm)",
            "Diễn giải",
        ),
        [
            (
                t.target.id,
                r.clause.id,
                "x" if t.headline is r else "",
                VERDICT_LABEL[r.verdict].get(lang),
                "x" if r.final else "",
                r.actual,
                format_period(r.basis) if r.basis else None,
                Decimal(repr(round(r.pace_ratio, 2))) if r.pace_ratio is not None else None,
                r.required,
                r.projection,
                r.projection_year,
                r.met_early_years,
                r.explanation.get(lang),
            )
            for t in (*result.targets, *result.extra)
            for r in t.clauses
        ],
    )
    return wb


def write(
    result: ResolutionResult, observations: Sequence[Observation], path: Path, lang: str = "vi"
) -> Path:
    out = BytesIO()
    workbook(result, observations, lang).save(out)
    path.write_bytes(out.getvalue())
    return path
