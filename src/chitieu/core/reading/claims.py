"""Claims with figures in a report, recomputed from the figures the same sentence gives.

A report backs its statements with arithmetic: "gấp 2,23 lần so với năm 2015 (131.314 tỷ
đồng)", "chiếm 12% (4.031 tỷ đồng)", "bình quân giảm 0,73%/năm". For each such claim the
figures it relates are looked up in the same sentence, the stated value is recomputed
and a verdict is given at the precision the text states:

* every figure is taken as exact to half a unit of its last written digit, so the
  recomputed value is an interval (a ratio of two rounded figures is not exact either);
* ``consistent`` when that interval meets the window the stated value allows:
  ± half a unit of its last digit; "khoảng"/"xấp xỉ" widen it by 5 % of the value each
  way (the definition format's default tolerance for "about"); "gần" ("nearly") allows
  5 % below and half a unit above; "hơn"/"trên" ("more than") is a strict lower bound
  (the stated value itself, no rounding allowance) and "dưới"/"chưa đến" an upper one;
* ``inconsistent`` otherwise, with stated and recomputed values;
* ``unverifiable`` when the sentence lacks a figure the claim needs (the reason names it).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum
from typing import Final

from chitieu.core.numbers import ARITHMETIC_PRECISION, parse_number
from chitieu.core.reading.grammar import NUMBER, Figure, Fraction, Scan, Year, scan, unit_of
from chitieu.core.reading.text import Span, paren_depths, sentences

__all__ = ["Claim", "ClaimKind", "FigureRef", "Verdict", "find_claims", "window"]


class ClaimKind(StrEnum):
    RATIO = "ratio"  # "gấp 2,23 lần so với năm 2015 (131.314 tỷ đồng)"
    AVERAGE_GROWTH = "average_growth"  # "tăng bình quân 14,3%/năm"
    SHARE = "share"  # "chiếm 12% (4.031 tỷ đồng)"
    FRACTION = "fraction"  # "1.717/2.446 thôn (đạt 70%)"
    PERCENT_OF = "percent_of"  # "bằng 158,21% so với năm 2015"
    CHANGE = "change"  # "tăng 7% so giai đoạn 2011-2015 (255.035 …)"


class Verdict(StrEnum):
    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    UNVERIFIABLE = "unverifiable"


@dataclass(frozen=True)
class FigureRef:
    """A figure the claim was recomputed from, and the part it plays."""

    role: str  # current | reference | part | whole | numerator | denominator | start | end
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    kind: ClaimKind
    start: int  # the claim phrase ("gấp 2,23 lần")
    end: int
    sentence_start: int
    sentence_end: int
    stated: str  # as written: "2,23 lần", "14,3%/năm"
    stated_value: Decimal
    qualifier: str | None  # gần | khoảng | hơn | … as written, lower-case
    recomputed: Decimal | None
    verdict: Verdict
    reason: str  # Vietnamese (English in brackets)
    figures: tuple[FigureRef, ...] = ()


_NUM: Final = NUMBER  # bounded: never a 100-digit "number" for parse_number to refuse
_QUAL: Final = r"(?:(?P<q>gần|khoảng|hơn|trên|xấp\s+xỉ|chưa\s+đến|dưới)\s+)?"
_RATIO: Final = re.compile(
    rf"(?:gấp|tăng\s+gấp|cao\s+gấp|tăng|cao\s+hơn|bằng|lớn\s+gấp)\s+{_QUAL}(?P<num>{_NUM})\s*lần",
    re.IGNORECASE,
)
_PERCENT_OF: Final = re.compile(rf"\bbằng\s+{_QUAL}(?P<num>{_NUM})\s*%(?!\s*/)", re.IGNORECASE)
_SHARE: Final = re.compile(
    rf"\b(?:chiếm|đóng\s+góp)\s+(?:tỷ\s+(?:lệ|trọng)\s+)?{_QUAL}(?P<num>{_NUM})\s*%(?!\s*/)",
    re.IGNORECASE,
)
_CHANGE: Final = re.compile(
    rf"\b(?P<dir>tăng|giảm)\s+{_QUAL}(?P<num>{_NUM})\s*%(?!\s*/)(?=\s+so\b)", re.IGNORECASE
)
_FRACTION_PERCENT: Final = re.compile(
    rf"^\s*\(\s*(?:đạt|=|bằng|chiếm)?\s*{_QUAL}(?P<num>{_NUM})\s*%\s*\)", re.IGNORECASE
)
_PERCENT_BEFORE: Final = re.compile(rf"{_QUAL}(?P<num>{_NUM})\s*%[^%;()]{{0,60}}$", re.IGNORECASE)
_AVERAGE_WORDS: Final = re.compile(r"bình\s+quân|trung\s+bình", re.IGNORECASE)
_DECREASE: Final = re.compile(r"\bgiảm\b", re.IGNORECASE)
_FROM_TO: Final = re.compile(
    r"^\s*(?:\(?\s*năm\s+(?P<y>(?:19|20)\d\d)\s*\)?\s*,?\s*)?(?:lên|xuống|tăng\s+lên|giảm\s+xuống|"
    r"đến|tới)\s+(?:còn\s+|mức\s+|là\s+)?$",
    re.IGNORECASE,
)
_TIME_REFERENCE: Final = re.compile(r"\bnăm\b|giai\s+đoạn|cùng\s+kỳ|\bkỳ\b|nhiệm\s+kỳ", re.I)
_FROM: Final = re.compile(r"\btừ\s+(?:mức\s+)?$", re.IGNORECASE)
_ABOUT_TOLERANCE: Final = Decimal("0.05")
_LAN: Final = re.compile(r"^lần\b", re.IGNORECASE)

INFINITY: Final = Decimal("Infinity")
#: Longest stretch read as one sentence (the longest sentence of the Hải Phòng report
#: has 781 characters).
MAX_SENTENCE: Final = 3000


def window(stated: Decimal, decimals: int, qualifier: str | None) -> tuple[Decimal, Decimal]:
    """The values a stated figure allows, by its precision and its qualifier."""
    half = Decimal(5) * Decimal(10) ** -(decimals + 1)
    word = " ".join((qualifier or "").split())
    size = abs(stated) * _ABOUT_TOLERANCE
    if word in ("khoảng", "xấp xỉ"):
        return stated - size - half, stated + size + half
    if word == "gần":
        return stated - size - half, stated + half
    if word in ("hơn", "trên"):
        return stated, INFINITY
    if word in ("chưa đến", "dưới"):
        return -INFINITY, stated
    return stated - half, stated + half


def _decimals(number: str) -> int:
    return len(number.split(",", 1)[1]) if "," in number else 0


def _interval(figure: Figure) -> tuple[Decimal, Decimal]:
    """The figure as an interval: exact to half a unit of its last written digit."""
    half = Decimal(5) * Decimal(10) ** -(_decimals(figure.number) + 1)
    return figure.value - half, figure.value + half


def _compatible(a: Figure, b: Figure) -> bool:
    ua, ub = unit_of(a.unit), unit_of(b.unit)
    if ua is not None and ub is not None:
        return ua.dimension == ub.dimension and ua.per_year == ub.per_year
    return _noun(a.unit) == _noun(b.unit)


def _noun(unit: str) -> str:
    return re.sub(r"^(?:(?:nghìn|ngàn|vạn|triệu|tỷ|tỉ)\s*)+", "", unit.casefold()).strip()


def _base(figure: Figure, value: Decimal) -> Decimal:
    unit = unit_of(figure.unit)
    return value * unit.scale if unit is not None else value


def _divide(a: Figure, b: Figure) -> tuple[Decimal, Decimal, Decimal] | None:
    """a/b as (point, low, high), in base units; None when b can be zero."""
    a_lo, a_hi = _interval(a)
    b_lo, b_hi = _interval(b)
    if b_lo <= 0 or a_lo < 0:
        return None
    point = _base(a, a.value) / _base(b, b.value)
    low = _base(a, a_lo) / _base(b, b_hi)
    high = _base(a, a_hi) / _base(b, b_lo)
    return point, low, high


@dataclass
class _Sentence:
    span: Span
    text: str
    found: Scan
    depths: list[int]
    _outside: list[Figure] | None = None

    def depth(self, position: int) -> int:
        return self.depths[position - self.span.start]

    def outside(self) -> list[Figure]:
        if self._outside is None:
            self._outside = [f for f in self.found.figures if self.depth(f.start) == 0]
        return self._outside


def find_claims(
    text: str,
    start: int = 0,
    end: int | None = None,
    exclude: tuple[tuple[int, int], ...] = (),
) -> list[Claim]:
    """Every figure-backed claim of ``text[start:end]`` (normalised text), in order.

    ``exclude`` holds spans to skip, such as the targets section: a target ("tăng bình
    quân tối thiểu 16%/năm") states a commitment, not a fact to recompute.
    """
    claims: list[Claim] = []
    for whole in sentences(text, start, end):
        if any(a <= whole.start < b for a, b in exclude):
            continue
        for span in _bounded(text, whole):
            found = scan(text, span.start, span.end)
            sentence = _Sentence(span, text, found, paren_depths(text, span.start, span.end))
            claims.extend(_sentence_claims(sentence))
    return claims


def _bounded(text: str, span: Span) -> list[Span]:
    """A sentence, or for a run-on longer than any real sentence, pieces of it cut at ";"
    (then at a space): the relations a claim needs are never that far apart, and the
    work per sentence stays bounded on hostile input."""
    if span.end - span.start <= MAX_SENTENCE:
        return [span]
    pieces: list[Span] = []
    position = span.start
    while position < span.end:
        limit = min(span.end, position + MAX_SENTENCE)
        cut = limit
        if limit < span.end:
            semicolon = text.rfind(";", position + MAX_SENTENCE // 2, limit)
            space = text.rfind(" ", position + MAX_SENTENCE // 2, limit)
            cut = semicolon + 1 if semicolon >= 0 else (space + 1 if space >= 0 else limit)
        pieces.append(Span(position, cut))
        position = cut
    return pieces


def _sentence_claims(s: _Sentence) -> list[Claim]:
    text, lo, hi = s.text, s.span.start, s.span.end
    triggers: list[tuple[int, int, ClaimKind, re.Match[str]]] = []
    for kind, pattern in (
        (ClaimKind.RATIO, _RATIO),
        (ClaimKind.PERCENT_OF, _PERCENT_OF),
        (ClaimKind.SHARE, _SHARE),
        (ClaimKind.CHANGE, _CHANGE),
    ):
        for m in pattern.finditer(text, lo, hi):
            triggers.append((m.start(), m.end(), kind, m))
    triggers.sort(key=lambda t: t[0])
    # Stated values of relative claims are not figures of their own; a share's stated
    # percentage is ("chiếm 25% …, cao hơn 2 lần bình quân chung cả nước (12%)").
    stated_spans = frozenset(
        m.start("num") for _s, _e, k, m in triggers if k is not ClaimKind.SHARE
    )
    claims: list[Claim] = []
    used_fractions: set[int] = set()
    for index, (t_start, t_end, kind, m) in enumerate(triggers):
        following = next((t[0] for t in triggers[index + 1 :] if t[0] > t_start), hi)
        zone_end = _zone_end(s, t_end, following)
        fraction = _fraction_after(s, t_end)
        if fraction is not None and kind in (ClaimKind.SHARE, ClaimKind.PERCENT_OF):
            used_fractions.add(fraction.start)
            claims.append(_fraction_claim(s, fraction, m, t_start, t_end))
            continue
        if kind is ClaimKind.SHARE:
            claims.append(_share(s, m, t_start, t_end, zone_end, stated_spans))
        else:
            claims.append(_relative(s, kind, m, t_start, t_end, zone_end, stated_spans))
    for fraction in s.found.fractions:
        if fraction.start in used_fractions:
            continue
        claim = _bare_fraction(s, fraction)
        if claim is not None:
            claims.append(claim)
    claims.extend(_growth_claims(s, claims))
    return sorted(claims, key=lambda c: c.start)


def _zone_end(s: _Sentence, begin: int, limit: int) -> int:
    """Where the reference of a claim ends: the next claim, or a ';' / ',' outside
    parentheses once a parenthesis has closed or a figure has been passed."""
    for i in range(begin, limit):
        ch = s.text[i]
        if ch in ",;" and s.depth(i) == 0:
            return i
    return limit


def _fraction_after(s: _Sentence, position: int) -> Fraction | None:
    starts = [f.start for f in s.found.fractions]
    i = bisect.bisect_left(starts, position)
    if i < len(starts) and starts[i] - position <= 3:
        fraction = s.found.fractions[i]
        if s.text[position : fraction.start].strip() in ("(", ""):
            return fraction
    return None


def _stated(m: re.Match[str], suffix: str) -> tuple[str, Decimal, int, str | None]:
    number = m.group("num")
    qualifier = m.group("q")
    return (
        f"{number}{suffix}",
        parse_number(number),
        _decimals(number),
        " ".join(qualifier.casefold().split()) if qualifier else None,
    )


def _verdict(
    stated: Decimal, decimals: int, qualifier: str | None, low: Decimal, high: Decimal
) -> Verdict:
    w_lo, w_hi = window(stated, decimals, qualifier)
    return Verdict.CONSISTENT if low <= w_hi and high >= w_lo else Verdict.INCONSISTENT


def _ref(role: str, figure: Figure) -> FigureRef:
    """The figure as the text writes it (a fraction's numerator borrows its unit from the
    denominator for the arithmetic, but is shown as written)."""
    return FigureRef(role, figure.written, figure.start, figure.end)


def _fmt(value: Decimal) -> str:
    with localcontext() as ctx:
        ctx.prec = ARITHMETIC_PRECISION
        return f"{value.quantize(Decimal('0.0001')).normalize():f}".replace(".", ",")


def _make(
    s: _Sentence,
    kind: ClaimKind,
    start: int,
    end: int,
    stated: tuple[str, Decimal, int, str | None],
    computed: tuple[Decimal, Decimal, Decimal] | None,
    figures: list[FigureRef],
    missing: str = "",
) -> Claim:
    text, value, decimals, qualifier = stated
    if computed is None:
        return Claim(
            kind, start, end, s.span.start, s.span.end, text, value, qualifier, None,
            Verdict.UNVERIFIABLE, missing, tuple(figures),
        )  # fmt: skip
    point, low, high = computed
    verdict = _verdict(value, decimals, qualifier, low, high)
    with localcontext() as ctx:
        ctx.prec = ARITHMETIC_PRECISION
        shown = point.quantize(Decimal(10) ** -(decimals + 2))
    word = f"{qualifier} " if qualifier else ""
    if verdict is Verdict.CONSISTENT:
        reason = f"tính lại {_fmt(shown)}, khớp với {word}{text} (recomputed, consistent)"
    else:
        reason = f"tính lại {_fmt(shown)}, khác {word}{text} (recomputed, does not match)"
    return Claim(
        kind, start, end, s.span.start, s.span.end, text, value, qualifier, shown, verdict,
        reason, tuple(figures),
    )  # fmt: skip


def _scaled(
    result: tuple[Decimal, Decimal, Decimal] | None, factor: int, shift: int = 0
) -> tuple[Decimal, Decimal, Decimal] | None:
    if result is None:
        return None
    point, low, high = result
    return point * factor - shift, low * factor - shift, high * factor - shift


def _current_for(
    s: _Sentence, before: int, reference: Figure, stated_spans: frozenset[int]
) -> Figure | None:
    """The nearest figure before the claim, outside parentheses, comparable with the
    reference, that is not itself a stated claim value."""
    for figure in reversed(s.outside()):
        if figure.end > before or _LAN.match(figure.unit):
            continue
        if figure.start in stated_spans:
            continue
        if _compatible(figure, reference) and figure is not reference:
            return figure
    return None


def _relative(
    s: _Sentence,
    kind: ClaimKind,
    m: re.Match[str],
    start: int,
    end: int,
    zone_end: int,
    stated_spans: frozenset[int],
) -> Claim:
    suffix = " lần" if kind is ClaimKind.RATIO else "%"
    stated = _stated(m, suffix)
    references = [f for f in s.found.figures if end <= f.start < zone_end]
    for reference in references:
        current = _current_for(s, start, reference, stated_spans)
        if current is not None:
            return _relative_result(s, kind, m, start, end, stated, current, reference)
    zone = s.text[end:zone_end]
    dated = _dated_reference(s, start, zone, stated_spans) if not references else None
    if dated is not None:
        return _relative_result(s, kind, m, start, end, stated, dated[0], dated[1])
    if not references and kind is ClaimKind.PERCENT_OF and not _TIME_REFERENCE.search(zone):
        # "…28,77 triệu USD, giá trị giải ngân … 20,48 triệu USD, bằng 71,2% giá trị cam
        # kết": the reference is named, and is the comparable figure before the current one.
        before = [f for f in s.outside() if f.end <= start and not _LAN.match(f.unit)]
        before = [f for f in before if f.start not in stated_spans]
        if len(before) >= 2 and _compatible(before[-1], before[-2]):
            return _relative_result(s, kind, m, start, end, stated, before[-1], before[-2])
    if references:
        missing = (
            "thiếu số liệu hiện tại cùng đơn vị với số so sánh "
            "(no current figure in the unit of the comparison figure)"
        )
    else:
        missing = "thiếu số liệu của kỳ so sánh (the comparison figure is not given)"
    return _make(s, kind, start, end, stated, None, [], missing)


def _dated_reference(
    s: _Sentence, before: int, zone: str, stated_spans: frozenset[int]
) -> tuple[Figure, Figure] | None:
    """ "năm 2016 là 1.404,8 tỷ đồng, năm 2020 là 2.050,4 tỷ đồng, tăng 1,46 lần so với năm
    2016": the reference is the figure the sentence dates by the year the claim names."""
    named = re.search(r"năm\s+((?:19|20)\d\d)(?!\d)", zone)
    if named is None:
        return None
    year = int(named.group(1))
    candidates = [
        f
        for f in s.outside()
        if f.end <= before and not _LAN.match(f.unit) and f.start not in stated_spans
    ]
    for reference in candidates:
        dated = _year_near(s, reference, before=True)
        if dated is None or dated.value != year:
            continue
        current = _current_for(s, before, reference, stated_spans)
        if current is not None and current.start > reference.start:
            return current, reference
    return None


def _relative_result(
    s: _Sentence,
    kind: ClaimKind,
    m: re.Match[str],
    start: int,
    end: int,
    stated: tuple[str, Decimal, int, str | None],
    current: Figure,
    reference: Figure,
) -> Claim:
    figures = [_ref("current", current), _ref("reference", reference)]
    result = _divide(current, reference)
    if kind is ClaimKind.PERCENT_OF:
        result = _scaled(result, 100)
    elif kind is ClaimKind.CHANGE:
        decrease = m.group("dir").casefold() == "giảm"
        if decrease and result is not None:
            point, low, high = result
            result = ((1 - point) * 100, (1 - high) * 100, (1 - low) * 100)
        else:
            result = _scaled(result, 100, 100)
    return _make(s, kind, start, end, stated, result, figures, "số so sánh bằng 0 (zero)")


def _share(
    s: _Sentence,
    m: re.Match[str],
    start: int,
    end: int,
    zone_end: int,
    stated_spans: frozenset[int],
) -> Claim:
    stated = _stated(m, "%")
    parts = [
        f
        for f in s.found.figures
        if end <= f.start < zone_end and s.depth(f.start) > 0 and "%" not in f.unit
    ]
    if not parts:
        return _make(
            s, ClaimKind.SHARE, start, end, stated, None, [],
            "thiếu giá trị của phần (the part's figure is not given)",
        )  # fmt: skip
    part = parts[0]
    whole = _current_for(s, start, part, stated_spans)
    if whole is None:
        return _make(
            s, ClaimKind.SHARE, start, end, stated, None, [_ref("part", part)],
            "thiếu giá trị tổng (the whole's figure is not given)",
        )  # fmt: skip
    result = _scaled(_divide(part, whole), 100)
    figures = [_ref("part", part), _ref("whole", whole)]
    return _make(s, ClaimKind.SHARE, start, end, stated, result, figures, "tổng bằng 0")


def _fraction_claim(
    s: _Sentence, fraction: Fraction, m: re.Match[str], start: int, end: int
) -> Claim:
    stated = _stated(m, "%")
    result = _scaled(_divide(fraction.numerator, fraction.denominator), 100)
    figures = [_ref("numerator", fraction.numerator), _ref("denominator", fraction.denominator)]
    return _make(s, ClaimKind.FRACTION, start, fraction.end, stated, result, figures, "mẫu số 0")


def _bare_fraction(s: _Sentence, fraction: Fraction) -> Claim | None:
    """ "1.717/2.446 thôn … (đạt 70%)" or "100% số xã (139/139 xã)": a fraction with its
    percentage; a fraction with no percentage ("39/51 tiêu chí") is not a claim."""
    after = s.text[fraction.end : min(s.span.end, fraction.end + 80)]
    before = s.text[max(s.span.start, fraction.start - 70) : fraction.start]
    if "%" not in after and "%" not in before:
        return None
    paren = after.find("(")
    if paren >= 0 and paren < 60 and ";" not in after[:paren] and ")" not in after[:paren]:
        m = _FRACTION_PERCENT.match(after[paren:])
        if m is not None:
            pos = fraction.end + paren
            return _fraction_claim_at(s, fraction, m, fraction.start, pos + m.end())
    m = _PERCENT_BEFORE.search(before) if "%" in before else None
    if m is not None and "(" in before[m.end() :]:
        return _fraction_claim_at(
            s, fraction, m, fraction.start - len(before) + m.start(), fraction.end
        )
    return None


def _fraction_claim_at(
    s: _Sentence, fraction: Fraction, m: re.Match[str], start: int, end: int
) -> Claim:
    stated = _stated(m, "%")
    result = _scaled(_divide(fraction.numerator, fraction.denominator), 100)
    figures = [_ref("numerator", fraction.numerator), _ref("denominator", fraction.denominator)]
    return _make(s, ClaimKind.FRACTION, start, end, stated, result, figures, "mẫu số 0")


# ---------------------------------------------------------------------------- growth


def _year_near(s: _Sentence, figure: Figure, before: bool) -> Year | None:
    """The year a figure is dated by: "năm 2020 ước đạt X" or "X năm 2015" / "(năm 2015)"."""
    best: Year | None = None
    for year in s.found.years:
        if before and figure.start - 40 <= year.end <= figure.start:
            best = year
        if not before and figure.end <= year.start <= figure.end + 14:
            return year
    return best


def _growth_claims(s: _Sentence, others: list[Claim]) -> list[Claim]:
    claims: list[Claim] = []
    levels: tuple[Figure, int, Figure, int] | None = None
    looked_up = False
    for figure in s.found.figures:
        if figure.unit.replace(" ", "") != "%/năm" or s.depth(figure.start) > 0:
            continue
        lead = s.text[max(s.span.start, figure.start - 30) : figure.start]
        average = _AVERAGE_WORDS.search(lead)
        if average is None:
            continue
        if not looked_up:
            levels, looked_up = _levels_from_to(s), True
        decrease = _DECREASE.search(lead) is not None
        start = figure.start - len(lead) + average.start()
        qualifier = re.search(r"(gần|khoảng|hơn|trên|xấp\s+xỉ)\s*$", lead, re.I)
        stated = (
            f"{figure.number}%/năm",
            figure.value,
            _decimals(figure.number),
            qualifier.group(1).casefold() if qualifier else None,
        )
        claims.append(_growth(s, figure, start, stated, decrease, others, levels))
    return claims


def _growth(
    s: _Sentence,
    figure: Figure,
    start: int,
    stated: tuple[str, Decimal, int, str | None],
    decrease: bool,
    others: list[Claim],
    levels: tuple[Figure, int, Figure, int] | None,
) -> Claim:
    result: tuple[Decimal, Decimal, Decimal] | None
    ratio: tuple[Decimal, Decimal, Decimal] | None
    if levels is not None:
        first, first_year, last, last_year = levels
        years = last_year - first_year
        figures = [_ref("start", first), _ref("end", last)]
        if "%" in first.unit and "%" in last.unit:
            # A rate falling "bình quân 0,73%/năm" falls by points a year, on average.
            diff = (first.value - last.value) if decrease else (last.value - first.value)
            f_lo, f_hi = _interval(first)
            l_lo, l_hi = _interval(last)
            spread = (f_hi - f_lo + l_hi - l_lo) / 2
            n = Decimal(years)
            result = (diff / n, (diff - spread) / n, (diff + spread) / n)
        else:
            ratio = _divide(last, first)
            result = _cagr(ratio, years, decrease)
        return _make(s, ClaimKind.AVERAGE_GROWTH, start, figure.end, stated, result, figures)
    for claim in others:
        if claim.kind is not ClaimKind.RATIO or claim.sentence_start != s.span.start:
            continue
        current = next((f for f in claim.figures if f.role == "current"), None)
        end_figure = _figure_at(s, current.start) if current else _ratio_subject(s, claim)
        if end_figure is None:
            continue
        end_year = _year_near(s, end_figure, before=True) or _year_near(s, end_figure, False)
        ref_year = next((y for y in s.found.years if claim.end <= y.start <= claim.end + 25), None)
        if end_year is None or ref_year is None or end_year.value <= ref_year.value:
            continue
        years = end_year.value - ref_year.value
        reference = next((f for f in claim.figures if f.role == "reference"), None)
        ref_figure = _figure_at(s, reference.start) if reference else None
        if ref_figure is not None:
            ratio = _divide(end_figure, ref_figure)
            figures = [_ref("end", end_figure), _ref("start", ref_figure)]
        else:
            half = Decimal(5) * Decimal(10) ** -(_decimals_of(claim.stated) + 1)
            value = claim.stated_value
            ratio = (value, value - half, value + half)
            figures = [
                _ref("end", end_figure),
                FigureRef("ratio", claim.stated, claim.start, claim.end),
            ]
        result = _cagr(ratio, years, decrease)
        return _make(s, ClaimKind.AVERAGE_GROWTH, start, figure.end, stated, result, figures)
    return _make(
        s, ClaimKind.AVERAGE_GROWTH, start, figure.end, stated, None, [],
        "thiếu giá trị đầu kỳ, cuối kỳ (hoặc số lần) và các năm trong câu "
        "(start and end levels, or a ratio, with their years, are not in the sentence)",
    )  # fmt: skip


def _decimals_of(stated: str) -> int:
    number = stated.split()[0]
    return _decimals(number)


def _figure_at(s: _Sentence, position: int) -> Figure | None:
    return next((f for f in s.found.figures if f.start == position), None)


def _ratio_subject(s: _Sentence, claim: Claim) -> Figure | None:
    """The figure a ratio with no stated reference value speaks of: the nearest figure
    before it outside parentheses that is not itself a ratio."""
    for figure in reversed(s.outside()):
        if figure.end <= claim.start and not _LAN.match(figure.unit) and "%" not in figure.unit:
            return figure
    return None


def _cagr(
    ratio: tuple[Decimal, Decimal, Decimal] | None, years: int, decrease: bool
) -> tuple[Decimal, Decimal, Decimal] | None:
    if ratio is None or years <= 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 40
        exponent = Decimal(1) / Decimal(years)
        values = [(r.ln() * exponent).exp() - 1 if r > 0 else Decimal(-1) for r in ratio]
    point, low, high = (v * 100 for v in values)
    if decrease:
        return -point, -high, -low
    return point, low, high


def _levels_from_to(s: _Sentence) -> tuple[Figure, int, Figure, int] | None:
    """ "từ 3,86% năm 2015 xuống còn 0,22% năm 2020": two dated levels."""
    figures = s.outside()
    for i, first in enumerate(figures[:-1]):
        if _FROM.search(s.text[max(s.span.start, first.start - 12) : first.start]) is None:
            continue
        last = figures[i + 1]
        gap = s.text[first.end : last.start]
        joined = _FROM_TO.match(gap)
        if joined is None or not _compatible(first, last):
            continue
        first_year = int(joined.group("y")) if joined.group("y") else None
        last_year_obj = _year_near(s, last, before=False)
        if first_year is None or last_year_obj is None:
            continue
        return first, first_year, last, last_year_obj.value
    return None
