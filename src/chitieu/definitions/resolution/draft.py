"""A draft resolution definition (``chitieu/resolution@1``) from extracted targets.

Written here, beside the reader of the same format, so the two change together. The
draft always loads with :func:`chitieu.definitions.load_resolution_text`: what the
text does not say (the body, the area, English names, directions) is filled with
placeholders marked ``# TODO``, and a unit the unit table does not know is written as a
bare number with the unit as written in a comment. A reviewer edits the placeholders;
``chitieu load FILE --dry-run`` checks the result.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable

from chitieu.core.model import BoundKind, ClauseKind
from chitieu.core.reading import DraftClause, Extraction
from chitieu.core.reading.unit_words import unit_of

__all__ = ["draft_yaml", "slug"]

TODO = "# TODO"
_GROUP_PREFIX = re.compile(r"^về\s+", re.IGNORECASE)
_SCALE_PREFIX = re.compile(r"^(?:(?:nghìn|ngàn|vạn|triệu|tỷ|tỉ)\s*)+", re.IGNORECASE)


def slug(text: str, fallback: str = "x", words: int = 6) -> str:
    """Lower-case ASCII code from Vietnamese text: "Tỷ lệ hộ nghèo" → "ty-le-ho-ngheo"."""
    ascii_text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(ch for ch in ascii_text if not unicodedata.combining(ch))
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())[:words]
    return "-".join(parts) or fallback


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _unique(code: str, taken: set[str]) -> str:
    candidate, n = code, 2
    while candidate in taken:
        candidate = f"{code}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _indicator_unit(clause: DraftClause, unit: str) -> tuple[str, str]:
    """(unit, measure) of the indicator a clause measures."""
    if clause.kind is ClauseKind.AVERAGE_GROWTH and unit.replace(" ", "") == "%/năm":
        return "%", "growth_rate"
    if clause.kind is ClauseKind.MILESTONE:
        return "năm", "level"
    base = unit[: -len("/năm")] if unit.endswith("/năm") else unit
    return base, "level"


def draft_yaml(
    extraction: Extraction, text: str, source: str, resolution_id: str | None = None
) -> str:
    """The YAML text of a draft definition for ``extraction`` of ``text``."""
    first, last = extraction.period
    rid = resolution_id or slug(source.rsplit("/", 1)[-1].rsplit(".", 1)[0], "draft") + "-draft"
    out: list[str] = [
        "# Bản nháp do `chitieu extract` tạo: cần người duyệt từng chỉ tiêu trước khi dùng.",
        "# Draft written by `chitieu extract`: review every target before use.",
        "# Dòng có '# TODO' là chỗ văn bản không nói rõ (placeholders the text does not fill).",
        "format: chitieu/resolution@1",
        f"id: {rid}",
        f'title: {{vi: {_q("Nghị quyết (bản nháp) từ " + source)}, en: ""}}  {TODO}',
        f'body: {{vi: "Cơ quan ban hành", en: ""}}  {TODO}',
        f"base_year: {first - 1}",
        f"period: {first}-{last}"
        + ("" if extraction.period_stated else f"  {TODO} nhiệm kỳ suy ra (term guessed)"),
        f"area: dia-phuong  {TODO} mã địa bàn (area code)",
    ]
    section = extraction.sections[0].heading if extraction.sections else ""
    start = extraction.spans[0][0] if extraction.spans else 0
    out.append(
        f"source: {{document: {_q(source)}, section: {_q(section)}, line: {_line(text, start)}}}"
    )
    out += ["areas:", "  - code: dia-phuong", f'    name: {{vi: "Địa phương", en: ""}}  {TODO}']
    indicators: list[str] = []
    groups: dict[str, str] = {}
    group_codes: set[str] = set()
    targets: list[str] = []
    codes: set[str] = set()
    numbers: set[int] = set()
    for index, target in enumerate(extraction.targets, start=1):
        group_name = target.group or "Chỉ tiêu"
        if group_name not in groups:
            groups[group_name] = _unique(
                slug(_GROUP_PREFIX.sub("", group_name), "chung"), group_codes
            )
        number = target.number if target.number >= 1 and target.number not in numbers else index
        while number in numbers:
            number += 1
        numbers.add(number)
        targets += [
            f'  - id: "{number}"',
            f"    number: {number}",
            f"    group: {groups[group_name]}",
            f"    text: {_q(' '.join(target.text.split()))}",
            f"    source: {{section: {_q(section)}, line: {_line(text, target.start)}}}",
            "    clauses:",
        ]
        for clause in target.clauses:
            # Clause ids follow the (possibly renumbered) target: unique over the file.
            clause_id = f"{number}{clause.id.lstrip('0123456789')}"
            unit = clause.unit
            known = unit_of(unit) is not None
            code = _unique(slug(clause.indicator, f"chi-tieu-{clause.id}"), codes)
            written = unit
            if not known:
                unit = ""
            ind_unit, measure = _indicator_unit(clause, unit)
            direction = (
                "lower" if clause.bound in (BoundKind.BELOW, BoundKind.AT_MOST) else "higher"
            )
            if clause.kind is ClauseKind.MILESTONE:
                direction = "lower"
            indicators += [
                f"  - code: {code}",
                f'    name: {{vi: {_q(clause.indicator or clause.text)}, en: ""}}',
                f"    unit: {_q(ind_unit)}"
                + ("" if known else f"  {TODO} đơn vị viết {_q(written)} chưa có trong bảng"),
                f"    direction: {direction}  {TODO} kiểm tra chiều tốt (check direction)",
                f"    measure: {measure}",
                "    aggregation: none",
            ]
            targets += _clause_lines(clause, clause_id, code, unit, written, known)
    out.append("indicators:")
    out += indicators or ["  []"]
    out.append("groups:")
    for name, code in groups.items():
        out += [f"  - code: {code}", f'    name: {{vi: {_q(name)}, en: ""}}']
    if not groups:
        out[-1] = "groups: []"
    out.append("targets:" if targets else "targets: []")
    out += targets
    return "\n".join(out) + "\n"


def _clause_lines(
    clause: DraftClause, clause_id: str, code: str, unit: str, written: str, known: bool
) -> Iterable[str]:
    lines = [
        f"      - id: {_q(clause_id)}",
        f"        text: {_q(' '.join(clause.text.split()))}",
        f"        indicator: {code}",
        f"        kind: {clause.kind.value}",
        f"        bound: {clause.bound.value}",
    ]
    if clause.bound is BoundKind.RANGE:
        lines += [f"        low: {_q(clause.low or '')}", f"        high: {_q(clause.high or '')}"]
    else:
        lines.append(f"        value: {_q(clause.value or '')}")
    unit_line = f"        unit: {_q(unit)}"
    if not known:
        unit_line += f"  {TODO} viết {_q(written)} (unit as written, unknown to the table)"
    lines.append(unit_line)
    if clause.period is not None:
        line = f"        period: {clause.period[0]}-{clause.period[1]}"
    else:
        line = f"        year: {clause.year}"
    if not clause.time_stated:
        line += f"  {TODO} không ghi trong câu (not stated in the clause)"
    lines.append(line)
    for note in clause.notes:
        if "không ghi trong câu" in note or "chưa có trong bảng" in note:
            continue
        lines.append(f"        # {note}")
    return lines
