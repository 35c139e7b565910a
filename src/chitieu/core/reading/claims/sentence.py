"""The sentence a claim is read in, and the look-ups claims make in it: the figures
outside parentheses, where a claim's reference ends, the figure a claim speaks of."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Final

from chitieu.core.reading.figures import Figure, Fraction, Scan
from chitieu.core.reading.text import Span
from chitieu.core.reading.unit_words import comparable

__all__ = [
    "MAX_SENTENCE",
    "TIMES_UNIT",
    "Sentence",
    "bounded",
    "current_for",
    "figure_at",
    "fraction_after",
    "reference_end",
]

#: A figure in "lần" (times) is a ratio, never a level to compare.
TIMES_UNIT: Final = re.compile(r"^lần\b", re.IGNORECASE)

#: Longest stretch read as one sentence (the longest sentence of the Hải Phòng report
#: has 781 characters).
MAX_SENTENCE: Final = 3000


@dataclass
class Sentence:
    """A sentence (or a bounded piece of a run-on one) with its figures and parentheses."""

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


def bounded(text: str, span: Span) -> list[Span]:
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


def reference_end(s: Sentence, begin: int, limit: int) -> int:
    """Where the reference of a claim ends: the next claim, or a ';' / ',' outside
    parentheses once a parenthesis has closed or a figure has been passed."""
    for i in range(begin, limit):
        ch = s.text[i]
        if ch in ",;" and s.depth(i) == 0:
            return i
    return limit


def fraction_after(s: Sentence, position: int) -> Fraction | None:
    """The fraction that starts right after ``position`` (within a parenthesis), if any."""
    starts = [f.start for f in s.found.fractions]
    i = bisect.bisect_left(starts, position)
    if i < len(starts) and starts[i] - position <= 3:
        fraction = s.found.fractions[i]
        if s.text[position : fraction.start].strip() in ("(", ""):
            return fraction
    return None


def current_for(
    s: Sentence, before: int, reference: Figure, stated_spans: frozenset[int]
) -> Figure | None:
    """The nearest figure before the claim, outside parentheses, comparable with the
    reference, that is not itself a stated claim value."""
    for figure in reversed(s.outside()):
        if figure.end > before or TIMES_UNIT.match(figure.unit):
            continue
        if figure.start in stated_spans:
            continue
        if comparable(figure.unit, reference.unit) and figure is not reference:
            return figure
    return None


def figure_at(s: Sentence, position: int) -> Figure | None:
    """The figure of the sentence that starts at ``position``."""
    return next((f for f in s.found.figures if f.start == position), None)
