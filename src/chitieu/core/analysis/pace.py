"""The pace the remaining years need, and whether the series ever moved that fast.

A required pace is only persuasive beside the record: "exports need 5,3 %/year" reads
differently when the best year so far did 32,7 %. Paces between figures more than a year
apart are annualised (the CAGR over the gap), so gaps in the series do not inflate them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Pace:
    """An annualised pace between two figures, in % per year."""

    first: int
    last: int
    pct: float


@dataclass(frozen=True)
class RequiredPace:
    """What the remaining years need (% per year) and the best pace the record shows.

    ``side`` is +1 when the pace must be at least ``pct``, −1 when at most (a
    lower-is-better indicator must fall at least that fast).
    """

    pct: float
    years: tuple[int, int]
    side: int
    best: Pace | None

    @property
    def reached(self) -> bool | None:
        if self.best is None:
            return None
        return self.side * self.best.pct >= self.side * self.pct


def yearly_paces(points: Sequence[tuple[int, float]]) -> list[Pace]:
    """Annualised growth between consecutive positive figures."""
    pts = sorted(points)
    out: list[Pace] = []
    for (y0, v0), (y1, v1) in pairwise(pts):
        if y1 > y0 and v0 > 0 and v1 > 0:
            out.append(Pace(y0, y1, ((v1 / v0) ** (1.0 / (y1 - y0)) - 1.0) * 100.0))
    return out


def _best(paces: Sequence[Pace], side: int) -> Pace | None:
    if not paces:
        return None
    return max(paces, key=lambda p: side * p.pct)


def required_level_pace(
    history: Sequence[tuple[int, float]], target: float, year: int, side: int
) -> RequiredPace | None:
    """CAGR from the latest figure to ``target`` in ``year``; best pace over ``history``."""
    pts = sorted(points for points in history if points[0] <= year)
    if not pts or target <= 0 or pts[-1][1] <= 0 or pts[-1][0] >= year:
        return None
    last_year, last = pts[-1]
    need = ((target / last) ** (1.0 / (year - last_year)) - 1.0) * 100.0
    return RequiredPace(need, (last_year + 1, year), side, _best(yearly_paces(pts), side))


def required_growth_pace(
    rates_pct: Sequence[tuple[int, float]],
    target_pct: float,
    period: tuple[int, int],
    side: int,
    history: Sequence[tuple[int, float]] = (),
) -> RequiredPace | None:
    """The mean rate the years without a figure need for the period's geometric mean.

    ``history`` (all yearly rates on record, before the term too) gives the best year.
    """
    first, last = period
    n = last - first + 1
    known = [(y, r) for y, r in rates_pct if first <= y <= last]
    remaining = n - len(known)
    if remaining <= 0 or target_pct <= -100.0 or any(r <= -100.0 for _, r in known):
        return None
    done = sum(math.log1p(r / 100.0) for _, r in known)
    need = math.expm1((n * math.log1p(target_pct / 100.0) - done) / remaining) * 100.0
    record = [Pace(y, y, r) for y, r in (history or known)]
    years = sorted(y for y, _ in known)
    contiguous = years == list(range(first, first + len(years)))
    span = (first + len(years), last) if contiguous else (first, last)
    return RequiredPace(need, span, side, _best(record, side))
