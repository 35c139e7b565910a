"""From a targets section to draft targets: items, clauses, bounds, units, years.

The rules follow how resolutions of every province write targets, not one document:

* an item starts at "(1)", "(1).", "1-", "1.", "1)" at the start of a line (or at a bullet
  when nothing is numbered); without any marker, each sentence or ";"-separated part is
  an item; "2.1- Về kinh tế", "Về xã hội:" open a group;
* an item splits into clauses at ";", at sentence ends and at "," or ":" outside
  parentheses; a piece without a target figure joins the next piece (a lead such as
  "Cơ cấu GRDP năm 2025:"), or the previous one when nothing follows;
* figures in parentheses, years, periods and ages ("(từ 3 đến 18 tuổi)") are qualifiers,
  never targets;
* the bound comes from the words around the figure ("tối thiểu", "trên", "dưới",
  "không quá", "khoảng", "trở lên", "X - Y", "X ÷ Y", "từ X đến Y"); "không còn …" is 0.

Everything returned is a draft for a person to review; the notes say what was guessed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from chitieu.core.model import BoundKind, ClauseKind
from chitieu.core.reading.grammar import Figure, Scan, scan, unit_of
from chitieu.core.reading.sections import Section, find_sections
from chitieu.core.reading.text import line_ends_sentence, paren_depths

__all__ = ["DraftClause", "DraftTarget", "Extraction", "extract_targets", "infer_term"]

_FLAGS: Final = re.IGNORECASE | re.MULTILINE
_ITEM: Final = re.compile(
    r"^[ \t]*(?:\((?P<paren>\d{1,3})\)\.?|(?P<plain>\d{1,3})\s*[-.)–](?!\d))[ \t]*", _FLAGS
)
_BULLET: Final = re.compile(r"^[ \t]*[-+•*–][ \t]+", _FLAGS)
# Each run of spaces has one place in the pattern (numbering and colon take theirs with
# them): alternative ways to split a long run would cost quadratic time.
_GROUP_LINE: Final = re.compile(
    r"^[ \t]*(?:(?:\d{1,2}(?:\.\d{1,2})+[ \t]*[-.)–]?|[a-zđ]\)|[IVX]{1,4}[ \t]*[-.)]"
    r"|\d{1,2}[ \t]*[-.)])[ \t]*)?(?P<name>về\s+[^:\n;]{2,60}?)[ \t]*(?::[ \t]*)?$",
    _FLAGS,
)
_GROUP_INLINE: Final = re.compile(
    r"(?:^|(?<=[;.]))[ \t]*(?:[-+•][ \t]*)?(?P<name>về\s+[^:;\n(]{2,50}?)[ \t]*:", _FLAGS
)
_PROSE_CUT: Final = re.compile(r";|\.(?=\s)|\n")
_BOUND_BEFORE: Final = re.compile(
    r"(?:^|[\s,:(])(?P<word>tối\s+thiểu|ít\s+nhất|không\s+vượt\s+quá|không\s+quá|tối\s+đa|"
    r"trên|hơn|dưới|khoảng|xấp\s+xỉ|từ)(?:\s+(?:là|đạt|ở\s+mức|mức))?\s*$",
    re.IGNORECASE,
)
_WORD_BOUND: Final = {
    "tối thiểu": BoundKind.AT_LEAST,
    "ít nhất": BoundKind.AT_LEAST,
    "từ": BoundKind.AT_LEAST,
    "trên": BoundKind.ABOVE,
    "hơn": BoundKind.ABOVE,
    "dưới": BoundKind.BELOW,
    "không quá": BoundKind.AT_MOST,
    "không vượt quá": BoundKind.AT_MOST,
    "tối đa": BoundKind.AT_MOST,
    "khoảng": BoundKind.ABOUT,
    "xấp xỉ": BoundKind.ABOUT,
}
_RANGE_JOIN: Final = re.compile(r"\s*(?:-|–|—|÷|đến|tới)\s*", re.IGNORECASE)
_AFTER_BOUND: Final = re.compile(r"\s*(?P<word>trở\s+lên|trở\s+xuống)", re.IGNORECASE)
# The space belongs to the preposition: a bare "\s*" before "năm" would be tried from
# every position of a run of blank lines, quadratic in its length.
_YEAR_PHRASE: Final = re.compile(
    r"(?:(?P<prep>đến|vào|trước|trong|từ|tới|cuối)\s*)?năm\s+(?P<year>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# A period runs forwards: _period() drops "giai đoạn 2025-2021".
_PERIOD_PHRASE: Final = re.compile(
    r"(?:giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ|trong)\s+(?P<a>(?:19|20)\d\d)\s*[-–]\s*"
    r"(?P<b>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
_NO_MORE: Final = re.compile(r"\bkhông\s+còn\s+(?P<what>[^,;.()]{2,60})", re.IGNORECASE)
_MILESTONE_VERB: Final = re.compile(
    r"\b(?:hoàn\s+thành|đưa\s+vào|khánh\s+thành|khởi\s+công|di\s+chuyển|vận\s+hành|"
    r"xây\s+dựng\s+xong|đi\s+vào\s+hoạt\s+động)",
    re.IGNORECASE,
)
_LEAD_IN: Final = re.compile(
    r"(?:\s|,|:|-|–)*(?:bao\s+gồm|gồm|cụ\s+thể|trong\s+đó|phấn\s+đấu|đồng\s+thời)?\s*:?\s*",
    re.IGNORECASE,
)
_CLAUSE_LEAD: Final = re.compile(
    r"(?:\s|,|:|-|–)*(?:(?:bao\s+gồm|gồm|cụ\s+thể)\s*:?)?\s*", re.IGNORECASE
)
_STRIP_WORDS: Final = re.compile(
    r"(?:^|\s)(?:đạt|là|tăng|giảm|chiếm|có|ở\s+mức|mức|lên|xuống|còn|được|đạt\s+được|"
    r"(?:đạt|tăng|giảm)\s+bình\s+quân|khoảng|tối\s+thiểu|ít\s+nhất|trên|hơn|dưới|không\s+quá|tối\s+đa|từ|"
    r"trong\s+đó|bao\s+gồm|phấn\s+đấu|thu\s+hút|cho|đến|vào|duy\s+trì|giữ)\s*$",
    re.IGNORECASE,
)
_TIME: Final = re.compile(
    r"(?:,\s*)?(?:(?:đến|vào|trước|trong|tới|cuối)\s+)?năm\s+(?:19|20)\d\d(?!\d)\s*,?"
    r"|(?:giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ)\s+(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\s*,?",
    re.IGNORECASE,
)
_MAX_INDICATOR_WORDS: Final = 14
_QUALIFIER_UNITS: Final = frozenset({"tuổi", "năm", "tháng", "ngày", "quý"})


@dataclass(frozen=True)
class DraftClause:
    """One quantified requirement found in the text, with everything a reviewer checks."""

    id: str
    text: str
    start: int
    end: int
    indicator: str
    kind: ClauseKind
    bound: BoundKind
    low: str | None  # as written, vi-VN; None when the bound has no lower end
    high: str | None
    unit: str  # as written ("" for a bare number)
    low_base: Decimal | None  # scaled to base units; None when the unit is unknown
    high_base: Decimal | None
    year: int | None
    period: tuple[int, int] | None
    time_stated: bool  # False: the year/period is the term's, not written in the clause
    notes: tuple[str, ...] = ()

    @property
    def value(self) -> str | None:
        """The single value of a one-sided or point bound (the definition's ``value``)."""
        if self.bound is BoundKind.RANGE:
            return None
        return self.high if self.bound in (BoundKind.BELOW, BoundKind.AT_MOST) else self.low

    @property
    def value_base(self) -> Decimal | None:
        if self.bound is BoundKind.RANGE:
            return None
        if self.bound in (BoundKind.BELOW, BoundKind.AT_MOST):
            return self.high_base
        return self.low_base


@dataclass(frozen=True)
class DraftTarget:
    number: int
    group: str | None  # the group heading as written ("Về kinh tế")
    text: str
    start: int
    end: int
    clauses: tuple[DraftClause, ...]


@dataclass(frozen=True)
class Extraction:
    """What was read: the spans searched, the term assumed, and the draft targets."""

    spans: tuple[tuple[int, int], ...]
    sections: tuple[Section, ...]
    period: tuple[int, int]
    period_stated: bool
    targets: tuple[DraftTarget, ...]
    groups: tuple[str, ...] = field(default=())

    @property
    def clause_count(self) -> int:
        return sum(len(t.clauses) for t in self.targets)


@dataclass
class _Item:
    number: int | None
    group: str | None
    start: int
    end: int


def infer_term(text: str, start: int, end: int) -> tuple[tuple[int, int], bool]:
    """The term the targets are set for, and whether the text states it.

    A "giai đoạn 2021-2025" in the targets section wins; then a "nhiệm kỳ 2020-2025"
    anywhere (a term 2020-2025 sets targets for 2021-2025); then the latest "năm YYYY"
    in the section, taken as the last year of a five-year term.
    """
    periods = [
        (int(m.group("a")), int(m.group("b")))
        for m in _PERIOD_PHRASE.finditer(text, start, end)
        if int(m.group("b")) - int(m.group("a")) in (4, 5)
    ]
    if periods:
        return max(set(periods), key=periods.count), True
    term = re.search(r"nhiệm\s+kỳ\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)", text, re.I)
    if term and int(term.group(2)) > int(term.group(1)):
        return (int(term.group(1)) + 1, int(term.group(2))), True
    years = [int(m.group("year")) for m in _YEAR_PHRASE.finditer(text, start, end)]
    last = max(years) if years else 2025
    return (last - 4, last), False


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
        for item in _items(text, lo, hi, len(targets)):
            target = _target(text, item, term, len(targets) + 1)
            if target is None:
                continue
            targets.append(target)
            if target.group and target.group not in groups:
                groups.append(target.group)
    return Extraction(spans, sections, term, stated, tuple(targets), tuple(groups))


# ---------------------------------------------------------------------------- items


def _items(text: str, lo: int, hi: int, offset: int) -> list[_Item]:
    numbered = list(_ITEM.finditer(text, lo, hi))
    markers: list[tuple[int, int, int | None]] = [
        (m.start(), m.end(), int(m.group("paren") or m.group("plain"))) for m in numbered
    ]
    if not markers:
        markers = [(m.start(), m.end(), None) for m in _BULLET.finditer(text, lo, hi)]
    group_marks = [(m.start(), m.end(), _tidy(m.group("name"))) for m in _group_marks(text, lo, hi)]
    if not markers:
        return _prose_items(text, lo, hi, group_marks)
    items: list[_Item] = []
    stops = sorted([m[0] for m in markers] + [g[0] for g in group_marks] + [hi])
    for m_start, m_end, number in markers:
        stop = next(s for s in stops if s > m_start)
        group = _group_at(group_marks, m_start)
        items.append(_Item(number, group, m_end, stop))
    return items


def _group_marks(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    marks = list(_GROUP_LINE.finditer(text, lo, hi))
    covered = [(m.start(), m.end()) for m in marks]
    for m in _GROUP_INLINE.finditer(text, lo, hi):
        if not any(a <= m.start() < b for a, b in covered):
            marks.append(m)
    return sorted(marks, key=lambda m: m.start())


def _group_at(groups: list[tuple[int, int, str]], position: int) -> str | None:
    current = None
    for g_start, _g_end, name in groups:
        if g_start <= position:
            current = name
    return current


def _prose_items(
    text: str, lo: int, hi: int, group_marks: list[tuple[int, int, str]]
) -> list[_Item]:
    """Unnumbered prose: every sentence or ";"-part is an item; group leads are cut off."""
    items: list[_Item] = []
    cuts = sorted({lo, hi} | {m.end() for m in _PROSE_CUT.finditer(text, lo, hi)})
    group_ends = {g[0]: g[1] for g in group_marks}
    for a, b in itertools.pairwise(cuts):
        for g_start, g_end in group_ends.items():
            if a <= g_start < b:
                a = max(a, g_end)
        if text[a:b].strip(" \n;."):
            items.append(_Item(None, _group_at(group_marks, a), a, b))
    return items


# ---------------------------------------------------------------------------- clauses


@dataclass
class _Piece:
    start: int
    end: int
    hard_before: bool  # separated from the previous piece by ";" / "." / a line break
    sentence: int


def _pieces(text: str, start: int, end: int) -> list[_Piece]:
    depths = paren_depths(text, start, end)
    pieces: list[_Piece] = []
    piece_start = start
    hard = True
    sentence = 0
    for i in range(start, end):
        ch = text[i]
        if depths[i - start] > 0 or ch not in ";.\n,:":
            continue
        if ch == "," and (
            (i + 1 < end and text[i + 1].isdigit()) and (i > start and text[i - 1].isdigit())
        ):
            continue  # a decimal comma
        if ch == "." and not (i + 1 >= end or text[i + 1] in " \n"):
            continue  # a thousands dot or an abbreviation
        if ch == ":" and i + 1 < end and text[i + 1].isdigit():
            continue
        if ch == "\n" and not line_ends_sentence(text, i):
            continue  # a line break inside a sentence ("… đạt\n20 %")
        pieces.append(_Piece(piece_start, i, hard, sentence))
        hard = ch in ";.\n"
        if ch in ".\n":
            sentence += 1
        piece_start = i + 1
    pieces.append(_Piece(piece_start, end, hard, sentence))
    return [p for p in pieces if text[p.start : p.end].strip()]


def _target_figures(text: str, start: int, end: int, found: Scan) -> list[Figure]:
    depths = paren_depths(text, start, end)
    keep: list[Figure] = []
    for figure in found.figures_between(start, end):
        if depths[figure.start - start] > 0:
            continue
        if figure.unit.casefold() in _QUALIFIER_UNITS:
            continue  # an age or a duration: a qualifier ("từ 3 đến 18 tuổi", "5 năm")
        keep.append(figure)
    return keep


def _has_target(text: str, piece: _Piece, found: Scan) -> bool:
    if _target_figures(text, piece.start, piece.end, found):
        return True
    chunk = text[piece.start : piece.end]
    if _NO_MORE.search(chunk):
        return True
    return bool(_MILESTONE_VERB.search(chunk) and _YEAR_PHRASE.search(chunk))


def _figure_follows(pieces: list[_Piece], has: list[bool]) -> list[bool]:
    """For each piece, whether a later piece before the next hard separator has a figure:
    then a piece without one is the lead of that clause, not a tail of the one before."""
    follows = [False] * len(pieces)
    seen = False
    for j in range(len(pieces) - 1, -1, -1):
        follows[j] = seen
        seen = False if pieces[j].hard_before else (has[j] or seen)
    return follows


def _clause_spans(text: str, start: int, end: int, found: Scan) -> list[tuple[int, int, int]]:
    """(start, end, sentence) of each clause: pieces with a figure, leads joined."""
    clauses: list[list[int]] = []
    pending: int | None = None
    last_hard_group = -1
    group = 0
    pieces = _pieces(text, start, end)
    has = [_has_target(text, piece, found) for piece in pieces]
    follows = _figure_follows(pieces, has)
    for index, piece in enumerate(pieces):
        if piece.hard_before:
            group += 1
            pending = None
        later = follows[index]
        if has[index]:
            begin = piece.start if pending is None else pending
            clauses.append([begin, piece.end, piece.sentence, group])
            pending = None
            last_hard_group = group
        elif (
            clauses
            and last_hard_group == group
            and not later
            and text[piece.end : piece.end + 1] != ":"
        ):
            clauses[-1][1] = piece.end  # a trailing qualifier joins the clause before it
        elif pending is None:
            pending = piece.start
    return [(a, b, s) for a, b, s, _g in clauses]


# ---------------------------------------------------------------------------- one target


def _target(text: str, item: _Item, term: tuple[int, int], number: int) -> DraftTarget | None:
    start, end = item.start, item.end
    while end > start and text[end - 1] in " \n":
        end -= 1
    while start < end and text[start] in " \n":
        start += 1
    if start >= end:
        return None
    found = scan(text, start, end)
    item_year = _first_year(text, start, end)
    item_period = _first_period(text, start, end)
    target_number = item.number if item.number is not None else number
    clauses: list[DraftClause] = []
    previous_kind: dict[int, ClauseKind] = {}
    for index, (c_start, c_end, sentence) in enumerate(_clause_spans(text, start, end, found)):
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


def _first_year(text: str, start: int, end: int) -> int | None:
    match = _YEAR_PHRASE.search(text, start, end)
    return int(match.group("year")) if match else None


def _first_period(text: str, start: int, end: int) -> tuple[int, int] | None:
    for match in _PERIOD_PHRASE.finditer(text, start, end):
        period = _period(match)
        if period is not None:
            return period
    return None


def _period(match: re.Match[str]) -> tuple[int, int] | None:
    first, last = int(match.group("a")), int(match.group("b"))
    return (first, last) if first <= last else None


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
    figures = _target_figures(text, start, end, found)
    notes: list[str] = []
    if not figures:
        return _special_clause(text, start, end, clause_id, term)
    first = figures[0]
    bound, low, high, unit = _bound(text, start, end, first, figures)
    if bound is BoundKind.RANGE:
        second = figures[1]
        low_fig, high_fig = first, second
    else:
        low_fig = high_fig = first
    if unit != first.unit and first.unit and bound is not BoundKind.RANGE:
        unit = first.unit
    year_match = _YEAR_PHRASE.search(chunk)
    stated_period = _first_period(chunk, 0, len(chunk))
    kind = _kind(chunk, unit, previous, stated_period is not None)
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
        indicator=_indicator(text, start, end, first, figures),
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


def _bound(
    text: str, start: int, end: int, first: Figure, figures: list[Figure]
) -> tuple[BoundKind, str | None, str | None, str]:
    between_end = figures[1].start if len(figures) > 1 else None
    if between_end is not None:
        gap = text[first.end : between_end]
        joined = _RANGE_JOIN.fullmatch(gap)
        second = figures[1]
        one, two = first.unit.casefold(), second.unit.casefold()
        ordered = first.value <= second.value  # "11-1" is not a range (a code, a date…)
        if joined and ordered and (not one or one == two or two.startswith(one + "/")):
            return BoundKind.RANGE, first.number, second.number, second.unit or first.unit
    before = text[max(start, first.start - 40) : first.start]
    after = _AFTER_BOUND.match(text, first.end, end)
    if after is not None:
        word = " ".join(after.group("word").casefold().split())
        kind = BoundKind.AT_LEAST if word == "trở lên" else BoundKind.AT_MOST
    else:
        match = _BOUND_BEFORE.search(before)
        word = " ".join(match.group("word").casefold().split()) if match else ""
        kind = _WORD_BOUND.get(word, BoundKind.POINT)
    if kind in (BoundKind.BELOW, BoundKind.AT_MOST):
        return kind, None, first.number, first.unit
    if kind in (BoundKind.AT_LEAST, BoundKind.ABOVE):
        return kind, first.number, None, first.unit
    return kind, first.number, first.number, first.unit


def _kind(chunk: str, unit: str, previous: ClauseKind | None, has_period: bool) -> ClauseKind:
    lower = chunk.casefold()
    if unit.endswith("/năm"):
        if unit.startswith("%") and re.search(r"\b(?:tăng|giảm|bình quân)", lower):
            return ClauseKind.AVERAGE_GROWTH
        return ClauseKind.PER_YEAR
    if re.search(r"\bmột trong\b|\btop\b|\bxếp hạng\b|\bnhóm \d+", lower):
        return ClauseKind.RANK
    if (
        has_period
        or re.match(r"\s*tổng\b", lower)
        or re.search(r"\b(?:kết nạp|thành lập|xây mới|xây dựng mới|trồng mới|tạo việc làm)", lower)
    ):
        return ClauseKind.CUMULATIVE
    if "%" in unit:
        if "cơ cấu" in lower:
            return ClauseKind.STRUCTURE
        if re.search(r"%\s*số\s+\w", lower):
            return ClauseKind.COVERAGE
        if re.search(r"tỷ trọng|tỉ trọng|\bchiếm\b|đóng góp", lower):
            return ClauseKind.SHARE
        if previous in (ClauseKind.STRUCTURE, ClauseKind.SHARE):
            return previous
    return ClauseKind.LEVEL


def _special_clause(
    text: str, start: int, end: int, clause_id: str, term: tuple[int, int]
) -> DraftClause | None:
    chunk = text[start:end]
    nothing = _NO_MORE.search(chunk)
    year_match = _YEAR_PHRASE.search(chunk)
    if nothing is not None:
        year = int(year_match.group("year")) if year_match else term[1]
        return DraftClause(
            id=clause_id,
            text=chunk,
            start=start,
            end=end,
            indicator=_tidy(nothing.group("what")),
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
    verb = _MILESTONE_VERB.search(chunk)
    indicator = _tidy(chunk[verb.start() :] if verb else chunk)
    indicator = _tidy(_TIME.sub(" ", indicator))
    return DraftClause(
        id=clause_id,
        text=chunk,
        start=start,
        end=end,
        indicator=_shorten(indicator),
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


def _indicator(text: str, start: int, end: int, first: Figure, figures: list[Figure]) -> str:
    """The phrase that names what is measured: the words before the figure, or after it."""
    before = _TIME.sub(" ", text[start : first.start])
    before = re.sub(r"\([^()]*\)", " ", before)
    previous = None
    while previous != before:
        previous = before
        before = _STRIP_WORDS.sub("", before.rstrip(" ,:"))
    lead = _LEAD_IN.match(before)
    before = _tidy(before[lead.end() :] if lead else before)
    if len(before.split()) >= 2:
        return _shorten(before)
    last = figures[1] if len(figures) > 1 and figures[1].start - first.end < 6 else first
    after = _TIME.sub(" ", text[last.end : end])
    noun = last.unit.split("/")[0]
    noun = re.sub(r"^(?:(?:nghìn|ngàn|vạn|triệu|tỷ|tỉ)\s*)+", "", noun).replace("%", "").strip()
    return _shorten(_tidy(" ".join(p for p in (before, noun, after) if p.strip())))


def _shorten(phrase: str) -> str:
    words = phrase.split()
    return " ".join(words[:_MAX_INDICATOR_WORDS])


def _tidy(phrase: str) -> str:
    phrase = " ".join(phrase.split())
    return phrase.strip(" ,;:.-–")
