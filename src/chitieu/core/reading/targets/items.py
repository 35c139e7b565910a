"""The items of a targets section, and the groups ("Về kinh tế") they fall under.

An item starts at "(1)", "(1).", "1-", "1.", "1)" at the start of a line (or at a bullet
when nothing is numbered); without any marker, each sentence or ";"-separated part is an
item; "2.1- Về kinh tế", "Về xã hội:" open a group.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Final

from chitieu.core.reading.text import tidy_phrase

__all__ = ["Item", "items"]


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


@dataclass
class Item:
    """A numbered or unnumbered item: its span (marker excluded) and its group."""

    number: int | None
    group: str | None
    start: int
    end: int


def items(text: str, lo: int, hi: int, offset: int) -> list[Item]:
    """The items of the section ``text[lo:hi]``, numbered, bulleted or as prose."""
    numbered = list(_ITEM.finditer(text, lo, hi))
    markers: list[tuple[int, int, int | None]] = [
        (m.start(), m.end(), int(m.group("paren") or m.group("plain"))) for m in numbered
    ]
    if not markers:
        markers = [(m.start(), m.end(), None) for m in _BULLET.finditer(text, lo, hi)]
    group_marks = [
        (m.start(), m.end(), tidy_phrase(m.group("name"))) for m in _group_marks(text, lo, hi)
    ]
    if not markers:
        return _prose_items(text, lo, hi, group_marks)
    items: list[Item] = []
    stops = sorted([m[0] for m in markers] + [g[0] for g in group_marks] + [hi])
    for m_start, m_end, number in markers:
        stop = next(s for s in stops if s > m_start)
        group = _group_at(group_marks, m_start)
        items.append(Item(number, group, m_end, stop))
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
) -> list[Item]:
    """Unnumbered prose: every sentence or ";"-part is an item; group leads are cut off."""
    items: list[Item] = []
    cuts = sorted({lo, hi} | {m.end() for m in _PROSE_CUT.finditer(text, lo, hi)})
    group_ends = {g[0]: g[1] for g in group_marks}
    for a, b in itertools.pairwise(cuts):
        for g_start, g_end in group_ends.items():
            if a <= g_start < b:
                a = max(a, g_end)
        if text[a:b].strip(" \n;."):
            items.append(Item(None, _group_at(group_marks, a), a, b))
    return items
