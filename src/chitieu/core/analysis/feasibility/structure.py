"""Shares of one structure set for the same year must add up to 100 %."""

from __future__ import annotations

from chitieu.core.analysis.feasibility.findings import LEVEL_KINDS, Finding, Severity
from chitieu.core.analysis.figures import all_clauses, fmt
from chitieu.core.analysis.relations import Relations
from chitieu.core.model import Clause, ClauseKind, Resolution, Text


def _structure_groups(resolution: Resolution, relations: Relations) -> list[list[Clause]]:
    groups: list[list[Clause]] = []
    seen: set[str] = set()
    for s in relations.structures:
        shares = {p.share for p in s.parts}
        by_year: dict[int, list[Clause]] = {}
        for c in all_clauses(resolution):
            if c.indicator in shares and c.kind in LEVEL_KINDS and c.year is not None:
                by_year.setdefault(c.year, []).append(c)
        for cs in by_year.values():
            if len(cs) >= 2:
                groups.append(cs)
                seen.update(c.id for c in cs)
    for t in (*resolution.targets, *resolution.extra_targets):
        by_year = {}
        for c in t.clauses:
            if c.kind is ClauseKind.STRUCTURE and c.id not in seen and c.year is not None:
                by_year.setdefault(c.year, []).append(c)
        groups.extend(cs for cs in by_year.values() if len(cs) >= 2)
    return groups


def structure_sums(resolution: Resolution, relations: Relations) -> list[Finding]:
    """Whether the structure targets set for one year add up to 100 %."""
    out: list[Finding] = []
    for cs in _structure_groups(resolution, relations):
        lows = [float(c.bound.low) if c.bound.low is not None else None for c in cs]
        highs = [float(c.bound.high) if c.bound.high is not None else None for c in cs]
        if None in lows or None in highs:
            continue
        lo, hi = sum(x for x in lows if x is not None), sum(x for x in highs if x is not None)
        ok = lo - 0.05 <= 100.0 <= hi + 0.05
        terms = " + ".join(
            fmt(a, "vi") if a == b else f"({fmt(a, 'vi')}–{fmt(b, 'vi')})"
            for a, b in zip(lows, highs, strict=True)
            if a is not None and b is not None
        )
        terms_en = " + ".join(
            fmt(a, "en") if a == b else f"({fmt(a, 'en')}–{fmt(b, 'en')})"
            for a, b in zip(lows, highs, strict=True)
            if a is not None and b is not None
        )
        total_vi = fmt(lo, "vi") if lo == hi else f"{fmt(lo, 'vi')}–{fmt(hi, 'vi')}"
        total_en = fmt(lo, "en") if lo == hi else f"{fmt(lo, 'en')}–{fmt(hi, 'en')}"
        year = cs[0].year
        out.append(
            Finding(
                "structure_sum",
                Severity.OK if ok else Severity.PROBLEM,
                tuple(c.id for c in cs),
                (("sum_low", lo), ("sum_high", hi)),
                Text(f"{terms} = {total_vi}%", f"{terms_en} = {total_en}%"),
                Text(
                    f"Cơ cấu năm {year} ({', '.join(c.id for c in cs)}) "
                    + ("cộng lại đúng 100%." if ok else f"cộng lại {total_vi}%, không phải 100%."),
                    f"The {year} structure ({', '.join(c.id for c in cs)}) "
                    + ("adds up to 100%." if ok else f"adds up to {total_en}%, not 100%."),
                ),
            )
        )
    return out
