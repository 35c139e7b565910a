"""Draft targets of a text: the targets sections, their items, and a draft for each clause.

Everything returned is a draft for a person to review; the notes say what was guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from chitieu.core.model import BoundKind, ClauseKind
from chitieu.core.reading.figures import Figure, Scan, scan
from chitieu.core.reading.sections import Section, find_sections
from chitieu.core.reading.targets.bounds import bound_of
from chitieu.core.reading.targets.clause_spans import clause_spans, target_figures
from chitieu.core.reading.targets.drafts import DraftClause, DraftTarget, Extraction
from chitieu.core.reading.targets.indicators import indicator_of, shorten
from chitieu.core.reading.targets.items import Item, items
from chitieu.core.reading.targets.kinds import MILESTONE_VERB, NO_MORE, kind_of
from chitieu.core.reading.text import tidy_phrase
from chitieu.core.reading.time_phrases import (
    TIME_PHRASE,
    YEAR_PHRASE,
    first_period,
    first_year,
    infer_term,
)
from chitieu.core.reading.unit_words import unit_of

__all__ = ["extract_targets"]


_CLAUSE_LEAD: Final = re.compile(
    r"(?:\s|,|:|-|–)*(?:(?:bao\s+gồm|gồm|cụ\s+thể)\s*:?)?\s*", re.IGNORECASE
)


def extract_targets(
    text: str,
    start: int | None = None,
    end: int | None = None,
    period: tuple[int, int] | None = None,
) -> Extraction:
    """Draft targets of ``text`` (already normalised).

    Without ``start``/``end`` the targets sections are found by their headings; when
    there is none the result has no targets and no spans, and the caller says so.
    """
    if start is not None or end is not None:
        lo = max(0, start or 0)
        hi = min(len(text), len(text) if end is None else end)
        sections: tuple[Section, ...] = ()
        spans: tuple[tuple[int, int], ...] = ((lo, hi),) if hi > lo else ()
    else:
        sections = tuple(find_sections(text))
        spans = tuple((s.start, s.end) for s in sections)
    if period is None:
        lo_all = spans[0][0] if spans else 0
        hi_all = spans[-1][1] if spans else len(text)
        term, stated = infer_term(text, lo_all, hi_all)
    else:
        term, stated = period, True
    targets: list[DraftTarget] = []
    groups: list[str] = []
    for lo, hi in spans:
        for item in items(text, lo, hi, len(targets)):
            target = _target(text, item, term, len(targets) + 1)
            if target is None:
                continue
            targets.append(target)
            if target.group and target.group not in groups:
                groups.append(target.group)
    return Extraction(spans, sections, term, stated, tuple(targets), tuple(groups))


def _target(text: str, item: Item, term: tuple[int, int], number: int) -> DraftTarget | None:
    start, end = item.start, item.end
    while end > start and text[end - 1] in " \n":
        end -= 1
    while start < end and text[start] in " \n":
        start += 1
    if start >= end:
        return None
    found = scan(text, start, end)
    item_year = first_year(text, start, end)
    item_period = first_period(text, start, end)
    target_number = item.number if item.number is not None else number
    clauses: list[DraftClause] = []
    previous_kind: dict[int, ClauseKind] = {}
    for index, (c_start, c_end, sentence) in enumerate(clause_spans(text, start, end, found)):
        clause = _clause(
            text,
            c_start,
            c_end,
            found,
            f"{target_number}{_letters(index)}",
            term,
            item_year,
            item_period,
            previous_kind.get(sentence),
        )
        if clause is None:
            continue
        clauses.append(clause)
        previous_kind[sentence] = clause.kind
    if not clauses:
        return None
    return DraftTarget(target_number, item.group, text[start:end], start, end, tuple(clauses))


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _clause(
    text: str,
    start: int,
    end: int,
    found: Scan,
    clause_id: str,
    term: tuple[int, int],
    item_year: int | None,
    item_period: tuple[int, int] | None,
    previous: ClauseKind | None,
) -> DraftClause | None:
    lead = _CLAUSE_LEAD.match(text, start, end)
    if lead is not None and lead.end() < end:
        start = lead.end()
    while end > start and text[end - 1] in " ,:":
        end -= 1
    chunk = text[start:end]
    figures = target_figures(text, start, end, found)
    notes: list[str] = []
    if not figures:
        return _special_clause(text, start, end, clause_id, term)
    first = figures[0]
    bound, low, high, unit = bound_of(text, start, end, first, figures)
    if bound is BoundKind.RANGE:
        second = figures[1]
        low_fig, high_fig = first, second
    else:
        low_fig = high_fig = first
    if unit != first.unit and first.unit and bound is not BoundKind.RANGE:
        unit = first.unit
    year_match = YEAR_PHRASE.search(chunk)
    stated_period = first_period(chunk, 0, len(chunk))
    kind = kind_of(chunk, unit, previous, stated_period is not None)
    time_stated = True
    year: int | None = None
    period: tuple[int, int] | None = None
    if kind in (ClauseKind.AVERAGE_GROWTH, ClauseKind.CUMULATIVE, ClauseKind.PER_YEAR):
        if stated_period:
            period = stated_period
        elif item_period:
            period = item_period
        else:
            period, time_stated = term, False
    elif year_match:
        year = int(year_match.group("year"))
    elif item_year:
        year = item_year
    else:
        year, time_stated = term[1], False
    if not time_stated:
        notes.append("năm/giai đoạn không ghi trong câu: lấy theo nhiệm kỳ (term assumed)")
    if unit_of(unit) is None:
        notes.append(f"đơn vị '{unit}' chưa có trong bảng đơn vị (unit unknown to the table)")
    low_base = _scaled(low_fig, unit) if low is not None else None
    high_base = _scaled(high_fig, unit) if high is not None else None
    return DraftClause(
        id=clause_id,
        text=chunk,
        start=start,
        end=end,
        indicator=indicator_of(text, start, end, first, figures),
        kind=kind,
        bound=bound,
        low=low,
        high=high,
        unit=unit,
        low_base=low_base,
        high_base=high_base,
        year=year,
        period=period,
        time_stated=time_stated,
        notes=tuple(notes),
    )


def _scaled(figure: Figure, unit: str) -> Decimal | None:
    """The figure's value in base units, read in the clause's unit (a range's low end
    "15.000" takes the unit written after the high end)."""
    return Figure(figure.start, figure.end, figure.number, figure.value, unit).base_value


def _special_clause(
    text: str, start: int, end: int, clause_id: str, term: tuple[int, int]
) -> DraftClause | None:
    chunk = text[start:end]
    nothing = NO_MORE.search(chunk)
    year_match = YEAR_PHRASE.search(chunk)
    if nothing is not None:
        year = int(year_match.group("year")) if year_match else term[1]
        return DraftClause(
            id=clause_id,
            text=chunk,
            start=start,
            end=end,
            indicator=tidy_phrase(nothing.group("what")),
            kind=ClauseKind.LEVEL,
            bound=BoundKind.POINT,
            low="0",
            high="0",
            unit="",
            low_base=Decimal(0),
            high_base=Decimal(0),
            year=year,
            period=None,
            time_stated=year_match is not None,
            notes=("'không còn …' đọc là 0 (read as zero); chọn đơn vị khi duyệt",),
        )
    if year_match is None:
        return None
    year = int(year_match.group("year"))
    prep = (year_match.group("prep") or "").casefold()
    value = year - 1 if prep == "trước" else year
    verb = MILESTONE_VERB.search(chunk)
    indicator = tidy_phrase(chunk[verb.start() :] if verb else chunk)
    indicator = tidy_phrase(TIME_PHRASE.sub(" ", indicator))
    return DraftClause(
        id=clause_id,
        text=chunk,
        start=start,
        end=end,
        indicator=shorten(indicator),
        kind=ClauseKind.MILESTONE,
        bound=BoundKind.AT_MOST,
        low=None,
        high=str(value),
        unit="năm",
        low_base=None,
        high_base=Decimal(value),
        year=value,
        period=None,
        time_stated=True,
        notes=(("'trước năm Y' đọc là năm Y-1",) if prep == "trước" else ()),
    )
