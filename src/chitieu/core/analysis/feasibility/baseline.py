"""Targets on the wrong side of their own baseline: already met, or worse than the start."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from chitieu.core.analysis.feasibility.findings import LEVEL_KINDS, Finding, Severity, clause_label
from chitieu.core.analysis.figures import all_clauses, figures, fmt, with_unit
from chitieu.core.compare import better_side, judge, satisfied, threshold
from chitieu.core.model import Direction, Resolution, Text
from chitieu.core.observations import Observation


def baseline_side(resolution: Resolution, obs: Sequence[Observation]) -> list[Finding]:
    """Level targets their own baseline already meets: set worse than the baseline (a
    warning) or merely met from the start (a note)."""
    out: list[Finding] = []
    for c in all_clauses(resolution):
        if c.kind not in LEVEL_KINDS or c.each_year:
            continue
        ind = resolution.indicator(c.indicator)
        if ind.direction is Direction.NEUTRAL:
            continue
        by = c.base_year if c.base_year is not None else resolution.base_year
        base = (
            float(c.base_value)
            if c.base_value is not None
            else figures(obs, c.indicator, resolution.area, c.bound.unit).years.get(by)
        )
        if base is None:
            continue
        verdict = judge(Decimal(repr(base)), c.bound, ind.direction)
        if not satisfied(verdict):
            continue
        thr = float(threshold(c.bound, ind.direction))
        worse = better_side(c.bound, ind.direction) * (thr - base) < 0
        hi = ind.direction is Direction.HIGHER
        word_vi = "cao hơn là tốt" if hi else "thấp hơn là tốt"
        word_en = "higher is better" if hi else "lower is better"
        out.append(
            Finding(
                "baseline_side",
                Severity.WARNING if worse else Severity.INFO,
                (c.id,),
                (("baseline", base), ("target", thr)),
                Text(
                    f"{by}: {with_unit(base, c.bound.unit, 'vi')}; mục tiêu {c.end_year}: "
                    f"{with_unit(thr, c.bound.unit, 'vi')}",
                    f"{by}: {with_unit(base, c.bound.unit, 'en')}; {c.end_year} target: "
                    f"{with_unit(thr, c.bound.unit, 'en')}",
                ),
                Text(
                    f"{clause_label(c, 'vi')}: chỉ tiêu ({word_vi}) đặt mức {c.end_year} "
                    + (
                        f"kém hơn mức năm gốc {by} ({fmt(thr, 'vi')} so với {fmt(base, 'vi')}); "
                        "giữ nguyên hiện trạng cũng vượt mục tiêu."
                        if worse
                        else f"đã đạt ngay từ năm gốc {by} ({fmt(base, 'vi')})."
                    ),
                    f"{clause_label(c, 'en')}: the {c.end_year} target ({word_en}) "
                    + (
                        f"is worse than the {by} baseline ({fmt(thr, 'en')} vs "
                        f"{fmt(base, 'en')}); standing still would exceed it."
                        if worse
                        else f"is already met in the base year {by} ({fmt(base, 'en')})."
                    ),
                ),
            )
        )
    return out
