"""Where the targets are: the "chỉ tiêu" section of a report or resolution.

Reports name it "Các chỉ tiêu chủ yếu", "Mục tiêu, chỉ tiêu", "Các chỉ tiêu cụ thể", …,
under numbering that varies by province ("2-", "2.", "b)", "II-"). The most specific
heading wins (a "chỉ tiêu chủ yếu" inside "MỤC TIÊU, CHỈ TIÊU"); the section runs to the
next heading that opens another part (tasks, solutions, a Roman-numbered part).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Final

__all__ = ["Section", "find_sections"]

# The numbering with the space after it, all optional: "[ \t]*" on both sides of an
# optional part would split a long run of spaces in every possible way (quadratic).
_NUMBERING: Final = (
    r"(?:(?:[IVX]{1,5}[ \t]*[-.–)]|\d{1,2}(?:\.\d{1,2})*[ \t]*[-.–)]|[a-zđ][ \t]*\))[ \t]*)?"
)
_SPECIFIC: Final = re.compile(
    rf"^[ \t]*{_NUMBERING}(?:các\s+)?(?:nhóm\s+)?chỉ\s+tiêu\s+"
    r"(?:chủ\s+yếu|cụ\s+thể|chính|kinh\s+tế\s*-\s*xã\s+hội\s+chủ\s+yếu)[^\n]{0,80}$",
    flags=re.IGNORECASE | re.MULTILINE,
)
_GENERAL: Final = re.compile(
    rf"^[ \t]*{_NUMBERING}(?:mục\s+tiêu\s*,\s*(?:các\s+)?chỉ\s+tiêu|các\s+chỉ\s+tiêu)"
    r"[^\n]{0,80}$",
    flags=re.IGNORECASE | re.MULTILINE,
)
# A heading that opens something else: a Roman part, "Phần thứ", or a numbered heading
# naming tasks, solutions, breakthroughs or directions.
# Horizontal space only between the parts of a heading: a "\s*" here would run over blank
# lines from every line start, and a page of blank lines would cost quadratic time.
_END: Final = re.compile(
    r"^[ \t]*(?:[IVX]{1,5}[ \t]*[-.–)][ \t]*\S|phần\s+thứ"
    r"|(?:(?:\d{1,2}(?:\.\d{1,2})*[ \t]*[-.–)]|[a-zđ][ \t]*\))[ \t]*)?(?:các\s+)?"
    r"(?:nhiệm\s+vụ|giải\s+pháp"
    r"|khâu\s+đột\s+phá|đột\s+phá|phương\s+hướng|định\s+hướng|tổ\s+chức\s+thực\s+hiện)"
    r"[^\n]{0,100}$)",
    flags=re.IGNORECASE | re.MULTILINE,
)
MAX_SECTION: Final = 40_000


@dataclass(frozen=True)
class Section:
    """A targets section: the heading's span and the body after it."""

    heading_start: int
    start: int  # first character after the heading line
    end: int
    heading: str


def find_sections(text: str) -> list[Section]:
    """Every targets section, specific headings first; empty when the text has none.

    The closing headings are found once and looked up by bisection, and the sections
    taken are kept sorted, so a text made of thousands of headings costs n log n.
    """
    found: list[Section] = []
    ends = [m.start() for m in _END.finditer(text)]
    starts_taken: list[int] = []  # disjoint (start, end) spans, sorted by start
    ends_taken: list[int] = []
    for pattern in (_SPECIFIC, _GENERAL):
        for match in pattern.finditer(text):
            body = match.end()
            limit = min(len(text), body + MAX_SECTION)
            i = bisect.bisect_left(ends, body)
            end = ends[i] if i < len(ends) and ends[i] < limit else limit
            j = bisect.bisect_right(starts_taken, body)
            inside = j > 0 and body < ends_taken[j - 1]
            covers = j < len(starts_taken) and starts_taken[j] < end
            if inside or covers:
                continue  # a broader heading around a specific one: keep the specific one
            if not text[body:end].strip():
                continue
            found.append(Section(match.start(), body, end, match.group().strip()))
            k = bisect.bisect_left(starts_taken, match.start())
            starts_taken.insert(k, match.start())
            ends_taken.insert(k, end)
    return sorted(found, key=lambda s: s.start)
