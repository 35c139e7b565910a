"""Messy text made readable without moving a single character.

Offsets are what the web page highlights and what a reviewer looks up, so normalisation
is NFC followed by one-for-one substitutions only: the normalised text has the same
length as the NFC text, and an offset in one is an offset in the other. Everything that
would change the length ("%" spacing, line breaks inside a sentence) is tolerated by the
grammar and the sentence splitter instead of being rewritten.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

__all__ = ["Span", "line_ends_sentence", "normalise", "paren_depths", "sentences", "tidy_phrase"]

# One-for-one replacements: no-break and odd spaces become a space; U+FFFD (footnote
# marks lost in conversion) and zero-width characters become a space too, so words
# never glue together and offsets do not move.
_SPACE_LIKE: Final = "\u00a0\u202f\u2007\u2009\u200a\u3000\t\ufffd\u200b\u2060\ufeff\u00ad"
_TRANSLATE: Final = {ord(ch): " " for ch in _SPACE_LIKE} | {ord("\r"): "\n", ord("\f"): "\n"}

# A sentence ends at ".", "!" or "?" followed by space and a capital, a digit, "(" or a
# bullet; or at a blank line; or at a line break that is followed by a capital or an item
# marker when the line before ended with punctuation. No nested quantifiers.
_SENTENCE_END: Final = re.compile(r"[.!?…](?=\s+[\"“(\-–•*0-9A-ZÀ-ỸĐ])|\n[ ]*\n")
_HARD_BREAK: Final = re.compile(r"\n")


@dataclass(frozen=True)
class Span:
    """A stretch of the normalised text."""

    start: int
    end: int


def normalise(text: str) -> str:
    """NFC, then space-like characters and U+FFFD to plain spaces, CR to LF."""
    return unicodedata.normalize("NFC", text).translate(_TRANSLATE)


def line_ends_sentence(text: str, newline: int) -> bool:
    """A line break ends a sentence unless the line runs on into a lower-case word."""
    before = text[max(0, newline - 200) : newline].rstrip(" ")
    after = text[newline + 1 : newline + 3].lstrip(" ")
    if not before or not after:
        return True
    if before[-1] in ".;:!?…)":
        return True
    # "… đạt\n95 %" or "… công nghiệp,\nxây dựng": a break inside a sentence.
    return not (after[0].islower() or after[0].isdigit() or before[-1] in ",-–")


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Sentences of ``text[start:end]``, trimmed, as spans of the whole text."""
    stop = len(text) if end is None else end
    cuts: list[int] = []
    for match in _SENTENCE_END.finditer(text, start, stop):
        cuts.append(match.end() if match.group()[0] != "\n" else match.start())
    for match in _HARD_BREAK.finditer(text, start, stop):
        if line_ends_sentence(text, match.start()):
            cuts.append(match.start())
    position = start
    for cut in sorted(set(cuts)):
        if cut <= position:
            continue
        span = _trim(text, position, cut)
        if span is not None:
            yield span
        position = cut
    span = _trim(text, position, stop)
    if span is not None:
        yield span


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in " \n":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    return Span(start, end) if end > start else None


def paren_depths(text: str, start: int, end: int) -> list[int]:
    """Parenthesis depth at each position of ``text[start:end]`` (never negative)."""
    depths: list[int] = []
    depth = 0
    for ch in text[start:end]:
        if ch == "(":
            depth += 1
            depths.append(depth)
            continue
        depths.append(depth)
        if ch == ")" and depth > 0:
            depth -= 1
    return depths


def tidy_phrase(phrase: str) -> str:
    """A phrase as a label (a group, an indicator): single spaces, no punctuation or dash
    at either end. Unlike :func:`normalise` it moves characters: use it only on copies."""
    phrase = " ".join(phrase.split())
    return phrase.strip(" ,;:.-–")
