"""The bound of a clause, from the words around its figure: "tối thiểu", "trên", "dưới",
"không quá", "khoảng", "trở lên", "X - Y", "X ÷ Y", "từ X đến Y"."""

from __future__ import annotations

import re
from typing import Final

from chitieu.core.model import BoundKind
from chitieu.core.reading.figures import Figure

__all__ = ["bound_of"]


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


def bound_of(
    text: str, start: int, end: int, first: Figure, figures: list[Figure]
) -> tuple[BoundKind, str | None, str | None, str]:
    """The bound kind, low and high ends as written, and the unit of a clause whose first
    target figure is ``first``."""
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
