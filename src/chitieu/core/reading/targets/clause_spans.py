"""Where the clauses of an item are.

An item splits into clauses at ";", at sentence ends and at "," or ":" outside
parentheses; a piece without a target figure joins the next piece (a lead such as "Cơ
cấu GRDP năm 2025:"), or the previous one when nothing follows. Figures in parentheses,
ages and durations ("(từ 3 đến 18 tuổi)", "5 năm") are qualifiers, never targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from chitieu.core.reading.figures import Figure, Scan
from chitieu.core.reading.targets.kinds import MILESTONE_VERB, NO_MORE
from chitieu.core.reading.text import line_ends_sentence, paren_depths
from chitieu.core.reading.time_phrases import YEAR_PHRASE

__all__ = ["clause_spans", "target_figures"]


_QUALIFIER_UNITS: Final = frozenset({"tuổi", "năm", "tháng", "ngày", "quý"})


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


def target_figures(text: str, start: int, end: int, found: Scan) -> list[Figure]:
    """The figures of ``text[start:end]`` that can be targets: outside parentheses, and
    not ages or durations."""
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
    if target_figures(text, piece.start, piece.end, found):
        return True
    chunk = text[piece.start : piece.end]
    if NO_MORE.search(chunk):
        return True
    return bool(MILESTONE_VERB.search(chunk) and YEAR_PHRASE.search(chunk))


def _figure_follows(pieces: list[_Piece], has: list[bool]) -> list[bool]:
    """For each piece, whether a later piece before the next hard separator has a figure:
    then a piece without one is the lead of that clause, not a tail of the one before."""
    follows = [False] * len(pieces)
    seen = False
    for j in range(len(pieces) - 1, -1, -1):
        follows[j] = seen
        seen = False if pieces[j].hard_before else (has[j] or seen)
    return follows


def clause_spans(text: str, start: int, end: int, found: Scan) -> list[tuple[int, int, int]]:
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
