"""The verdict on a claim at the precision the text states.

Every figure is taken as exact to half a unit of its last written digit; the stated
value allows ± half a unit of its last digit; "khoảng"/"xấp xỉ" widen that by 5 % of the
value each way (the definition format's default tolerance for "about"); "gần" allows 5 %
below and half a unit above; "hơn"/"trên" is a strict lower bound and "dưới"/"chưa đến"
an upper one.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext
from typing import Final

from chitieu.core.numbers import ARITHMETIC_PRECISION, parse_number
from chitieu.core.reading.claims.records import Claim, ClaimKind, FigureRef, Verdict
from chitieu.core.reading.claims.sentence import Sentence
from chitieu.core.reading.figures import Figure
from chitieu.core.reading.numerals import decimals

__all__ = ["INFINITY", "QUALIFIER", "figure_ref", "make_claim", "read_stated", "window"]

#: The qualifier before a stated value ("gần", "khoảng", "hơn", …), group ``q``.
QUALIFIER: Final = r"(?:(?P<q>gần|khoảng|hơn|trên|xấp\s+xỉ|chưa\s+đến|dưới)\s+)?"

_ABOUT_TOLERANCE: Final = Decimal("0.05")

INFINITY: Final = Decimal("Infinity")


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


def read_stated(m: re.Match[str], suffix: str) -> tuple[str, Decimal, int, str | None]:
    """The stated value of a claim phrase: as written, its value, its decimals, its qualifier."""
    number = m.group("num")
    qualifier = m.group("q")
    return (
        f"{number}{suffix}",
        parse_number(number),
        decimals(number),
        " ".join(qualifier.casefold().split()) if qualifier else None,
    )


def _verdict(
    stated: Decimal, decimals: int, qualifier: str | None, low: Decimal, high: Decimal
) -> Verdict:
    w_lo, w_hi = window(stated, decimals, qualifier)
    return Verdict.CONSISTENT if low <= w_hi and high >= w_lo else Verdict.INCONSISTENT


def figure_ref(role: str, figure: Figure) -> FigureRef:
    """The figure as the text writes it (a fraction's numerator borrows its unit from the
    denominator for the arithmetic, but is shown as written)."""
    return FigureRef(role, figure.written, figure.start, figure.end)


def _fmt(value: Decimal) -> str:
    with localcontext() as ctx:
        ctx.prec = ARITHMETIC_PRECISION
        return f"{value.quantize(Decimal('0.0001')).normalize():f}".replace(".", ",")


def make_claim(
    s: Sentence,
    kind: ClaimKind,
    start: int,
    end: int,
    stated: tuple[str, Decimal, int, str | None],
    computed: tuple[Decimal, Decimal, Decimal] | None,
    figures: list[FigureRef],
    missing: str = "",
) -> Claim:
    """The claim with its verdict: unverifiable (``missing`` says why) when nothing could be
    recomputed, else consistent or not at the stated precision."""
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
