"""The phrase that names what a clause measures: the words before its figure, or after it."""

from __future__ import annotations

import re
from typing import Final

from chitieu.core.reading.figures import Figure
from chitieu.core.reading.text import tidy_phrase
from chitieu.core.reading.time_phrases import TIME_PHRASE

__all__ = ["indicator_of", "shorten"]


_LEAD_IN: Final = re.compile(
    r"(?:\s|,|:|-|–)*(?:bao\s+gồm|gồm|cụ\s+thể|trong\s+đó|phấn\s+đấu|đồng\s+thời)?\s*:?\s*",
    re.IGNORECASE,
)

_STRIP_WORDS: Final = re.compile(
    r"(?:^|\s)(?:đạt|là|tăng|giảm|chiếm|có|ở\s+mức|mức|lên|xuống|còn|được|đạt\s+được|"
    r"(?:đạt|tăng|giảm)\s+bình\s+quân|khoảng|tối\s+thiểu|ít\s+nhất|trên|hơn|dưới|không\s+quá|tối\s+đa|từ|"
    r"trong\s+đó|bao\s+gồm|phấn\s+đấu|thu\s+hút|cho|đến|vào|duy\s+trì|giữ)\s*$",
    re.IGNORECASE,
)

_MAX_INDICATOR_WORDS: Final = 14


def indicator_of(text: str, start: int, end: int, first: Figure, figures: list[Figure]) -> str:
    """The phrase that names what is measured: the words before the figure, or after it."""
    before = TIME_PHRASE.sub(" ", text[start : first.start])
    before = re.sub(r"\([^()]*\)", " ", before)
    previous = None
    while previous != before:
        previous = before
        before = _STRIP_WORDS.sub("", before.rstrip(" ,:"))
    lead = _LEAD_IN.match(before)
    before = tidy_phrase(before[lead.end() :] if lead else before)
    if len(before.split()) >= 2:
        return shorten(before)
    last = figures[1] if len(figures) > 1 and figures[1].start - first.end < 6 else first
    after = TIME_PHRASE.sub(" ", text[last.end : end])
    noun = last.unit.split("/")[0]
    noun = re.sub(r"^(?:(?:nghìn|ngàn|vạn|triệu|tỷ|tỉ)\s*)+", "", noun).replace("%", "").strip()
    return shorten(tidy_phrase(" ".join(p for p in (before, noun, after) if p.strip())))


def shorten(phrase: str) -> str:
    """At most the first fourteen words of an indicator phrase."""
    words = phrase.split()
    return " ".join(words[:_MAX_INDICATOR_WORDS])
