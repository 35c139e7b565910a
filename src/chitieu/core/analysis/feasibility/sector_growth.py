"""Sector growth against the aggregate, and the end-year structure it implies.

Weighted by the base-year structure, the sector growth targets give an aggregate growth
(compounded, at constant relative prices) that must reach the aggregate target; grown
for the term, they give an end-year structure that should match the structure targets.
"""

from __future__ import annotations

from collections.abc import Sequence

from chitieu.core.analysis.feasibility.findings import LEVEL_KINDS, Finding, Severity, stated_value
from chitieu.core.analysis.figures import clause_for, figures, fmt, lower_first
from chitieu.core.analysis.relations import Relations, Structure
from chitieu.core.model import Clause, ClauseKind, Resolution, Text
from chitieu.core.observations import Observation


def _base_shares(
    resolution: Resolution, structure: Structure, obs: Sequence[Observation]
) -> tuple[dict[str, float], list[str]] | None:
    """Base-year shares; one missing part is the remainder, several missing ones are 0
    when the others already add up to 100 (the source's structure leaves them out)."""
    year = resolution.base_year
    shares: dict[str, float] = {}
    missing: list[str] = []
    for p in structure.parts:
        unit = resolution.indicator(p.share).unit
        v = figures(obs, p.share, resolution.area, unit).years.get(year)
        if v is None:
            missing.append(p.share)
        else:
            shares[p.share] = v
    total = sum(shares.values())
    if not shares:
        return None
    if abs(total - 100.0) <= float(structure.tolerance):
        for m in missing:
            shares[m] = 0.0
    elif len(missing) == 1:
        shares[missing[0]] = 100.0 - total
    elif missing:
        return None
    return shares, missing


def sector_growth(
    resolution: Resolution, relations: Relations, obs: Sequence[Observation]
) -> list[Finding]:
    """Aggregate growth implied by the sector growth targets, and the end-year structure."""
    out: list[Finding] = []
    for s in relations.structures:
        parts = [p for p in s.parts if p.growth is not None]
        rates: dict[str, float] = {}
        growth_clauses: list[str] = []
        for p in parts:
            c = clause_for(resolution, p.growth or "", (ClauseKind.AVERAGE_GROWTH,))
            v = stated_value(c) if c is not None else None
            if c is not None and v is not None:
                rates[p.share] = v
                growth_clauses.append(c.id)
        based = _base_shares(resolution, s, obs)
        if not rates or based is None:
            continue
        shares, missing = based
        without = [
            p.share for p in s.parts if shares.get(p.share, 0.0) > 0 and p.share not in rates
        ]
        if without:
            out.append(_partial_structure(s, without, tuple(growth_clauses)))
            continue
        n = resolution.period[1] - resolution.period[0] + 1
        by = resolution.base_year
        weights = {k: shares.get(k, 0.0) for k in rates}
        wsum = sum(weights.values())
        if wsum <= 0:
            continue
        first_year = sum(weights[k] * rates[k] for k in rates) / wsum
        grown = {k: weights[k] * (1 + rates[k] / 100.0) ** n for k in rates}
        compounded = ((sum(grown.values()) / wsum) ** (1.0 / n) - 1.0) * 100.0
        note_vi = note_en = ""
        if missing:
            names = ", ".join(missing)
            note_vi = (
                f" Năm {by} không có số liệu {names}; các phần còn lại đã đủ 100% nên tính là 0."
            )
            note_en = f" No {by} figure for {names}; the other parts make 100%, so taken as 0."
        total_c = clause_for(resolution, s.total_growth or "", (ClauseKind.AVERAGE_GROWTH,))
        if total_c is not None and total_c.bound.low is not None:
            agg = float(total_c.bound.low)
            ok = compounded >= agg - 0.05
            terms = " + ".join(f"{fmt(weights[k], 'vi')}% × {fmt(rates[k], 'vi')}%" for k in rates)
            terms_en = " + ".join(
                f"{fmt(weights[k], 'en')}% × {fmt(rates[k], 'en')}%" for k in rates
            )
            out.append(
                Finding(
                    "sector_growth",
                    Severity.OK if ok else Severity.WARNING,
                    (total_c.id, *growth_clauses),
                    (("first_year", first_year), ("compounded", compounded), ("aggregate", agg)),
                    Text(
                        f"năm đầu: ({terms}) / {fmt(wsum, 'vi')}% = {fmt(first_year, 'vi')}%; "
                        f"bình quân {n} năm: (Σ sᵢ(1+gᵢ)^{n} / Σ sᵢ)^(1/{n}) − 1 = "
                        f"{fmt(compounded, 'vi')}%/năm",
                        f"first year: ({terms_en}) / {fmt(wsum, 'en')}% = "
                        f"{fmt(first_year, 'en')}%; {n}-year average: "
                        f"(Σ sᵢ(1+gᵢ)^{n} / Σ sᵢ)^(1/{n}) − 1 = {fmt(compounded, 'en')}%/year",
                    ),
                    Text(
                        f"Theo cơ cấu năm {by}, các mục tiêu tăng trưởng ngành cho tăng trưởng "
                        f"GRDP bình quân {fmt(compounded, 'vi')}%/năm (năm đầu "
                        f"{fmt(first_year, 'vi')}%), "
                        + (
                            f"đủ cho mục tiêu {fmt(agg, 'vi')}%/năm (giá so sánh)."
                            if ok
                            else f"thấp hơn mục tiêu {fmt(agg, 'vi')}%/năm (giá so sánh)."
                        )
                        + note_vi,
                        f"Weighted by the {by} structure, the sector targets give an average "
                        f"aggregate growth of {fmt(compounded, 'en')}%/year (first year "
                        f"{fmt(first_year, 'en')}%), "
                        + (
                            f"enough for the {fmt(agg, 'en')}%/year target (constant prices)."
                            if ok
                            else f"short of the {fmt(agg, 'en')}%/year target (constant prices)."
                        )
                        + note_en,
                    ),
                )
            )
        out.extend(_implied_structure(resolution, s, weights, grown, rates, note_vi, note_en))
    return out


def _partial_structure(s: Structure, without: list[str], clauses: tuple[str, ...]) -> Finding:
    """Sector growth cannot be weighed when a part with a share has no growth target."""
    names = ", ".join(without)
    return Finding(
        "sector_growth",
        Severity.INFO,
        clauses,
        (),
        Text(f"thiếu mục tiêu tăng trưởng cho: {names}", f"no growth target for: {names}"),
        Text(
            f"{s.label.vi or s.id}: không kiểm tra được tăng trưởng chung và cơ cấu cuối kỳ vì "
            f"{len(without)}/{len(s.parts)} thành phần không có mục tiêu tăng trưởng ({names}).",
            f"{s.label.get('en') or s.id}: aggregate growth and the end-year structure cannot "
            f"be checked: {len(without)} of {len(s.parts)} parts have no growth target "
            f"({names}).",
        ),
    )


def _implied_structure(
    resolution: Resolution,
    s: Structure,
    weights: dict[str, float],
    grown: dict[str, float],
    rates: dict[str, float],
    note_vi: str,
    note_en: str,
) -> list[Finding]:
    end = resolution.period[1]
    total = sum(grown.values())
    implied = {k: v / total * 100.0 for k, v in grown.items()}
    stated: dict[str, tuple[Clause, float]] = {}
    for k in implied:
        c = clause_for(resolution, k, LEVEL_KINDS)
        v = stated_value(c) if c is not None else None
        if c is not None and v is not None and c.year == end:
            stated[k] = (c, v)
    if not stated:
        return []
    diffs = {k: implied[k] - v for k, (_, v) in stated.items()}
    worst = max(diffs, key=lambda k: abs(diffs[k]))
    bad = abs(diffs[worst]) > 1.0
    rows_vi = "; ".join(
        f"{stated[k][0].id}: {fmt(weights[k], 'vi')} × {fmt(1 + rates[k] / 100, 'vi', 3)}^"
        f"{end - resolution.base_year} → {fmt(implied[k], 'vi', 1)}% (mục tiêu "
        f"{fmt(stated[k][1], 'vi')}%)"
        for k in stated
    )
    rows_en = "; ".join(
        f"{stated[k][0].id}: {fmt(weights[k], 'en')} × {fmt(1 + rates[k] / 100, 'en', 3)}^"
        f"{end - resolution.base_year} → {fmt(implied[k], 'en', 1)}% (target "
        f"{fmt(stated[k][1], 'en')}%)"
        for k in stated
    )
    c, v = stated[worst]
    name = resolution.indicator(worst).name
    return [
        Finding(
            "implied_structure",
            Severity.PROBLEM if bad else Severity.OK,
            tuple(stated[k][0].id for k in stated),
            tuple((f"implied:{k}", implied[k]) for k in stated),
            Text(
                rows_vi + " (chia cho tổng, giá tương đối không đổi)",
                rows_en + " (normalised; constant relative prices)",
            ),
            Text(
                f"Ở giá tương đối không đổi, các mục tiêu tăng trưởng ngành đưa "
                f"{lower_first(name.vi)} năm {end} lên {fmt(implied[worst], 'vi', 1)}%, "
                f"khác mục tiêu cơ cấu {fmt(v, 'vi')}% "
                f"{fmt(abs(diffs[worst]), 'vi', 1)} điểm %"
                + (
                    "; cơ cấu mục tiêu chỉ đạt được nếu giá tương đối thay đổi mạnh."
                    if bad
                    else "."
                )
                + note_vi,
                f"At constant relative prices the sector growth targets bring "
                f"{lower_first(name.get('en'))} in {end} to {fmt(implied[worst], 'en', 1)}%, "
                f"{fmt(abs(diffs[worst]), 'en', 1)} points away from the {fmt(v, 'en')}% "
                f"structure target"
                + ("; the stated structure needs a large shift in relative prices." if bad else ".")
                + note_en,
            ),
        )
    ]
