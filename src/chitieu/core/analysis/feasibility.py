"""Is the target set consistent with itself and with the record? (``chitieu check``)

Every finding carries its figures, the arithmetic and one sentence, so that a planning
office can check it by hand. Growth arithmetic is at constant relative prices: a part
growing at gᵢ for n years weighs sᵢ(1 + gᵢ)ⁿ at the end. Current-price shares also move
with relative prices, which no target states; the findings say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from chitieu.core.analysis.figures import (
    all_clauses,
    clause_for,
    figures,
    fmt,
    lower_first,
    with_unit,
)
from chitieu.core.analysis.relations import Relations, Structure
from chitieu.core.compare import better_side, judge, satisfied, threshold
from chitieu.core.model import Clause, ClauseKind, Direction, Measure, Resolution, Text
from chitieu.core.observations import Observation

LEVEL_KINDS = (ClauseKind.LEVEL, ClauseKind.SHARE, ClauseKind.STRUCTURE, ClauseKind.COVERAGE)


class Severity(StrEnum):
    OK = "ok"
    INFO = "info"
    WARNING = "warning"
    PROBLEM = "problem"


SEVERITY_LABEL = {
    Severity.OK: Text("Hợp lý", "OK"),
    Severity.INFO: Text("Lưu ý", "Note"),
    Severity.WARNING: Text("Cảnh báo", "Warning"),
    Severity.PROBLEM: Text("Không nhất quán", "Inconsistent"),
}


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    clauses: tuple[str, ...]
    figures: tuple[tuple[str, float], ...]
    arithmetic: Text
    sentence: Text


@dataclass(frozen=True)
class PaceRow:
    """One target's required yearly pace from its baseline, beside the previous term's."""

    clause: Clause
    base: tuple[int, float] | None
    target: float
    required_pct: float
    previous_pct: float | None
    previous_years: tuple[int, int] | None
    side: int

    @property
    def faster_than_before(self) -> bool | None:
        if self.previous_pct is None:
            return None
        return self.side * self.required_pct > self.side * self.previous_pct


@dataclass(frozen=True)
class Assumptions:
    """Optional assumptions (% per year) for the level-versus-growth checks."""

    population_growth: float | None = None
    deflator: float | None = None
    depreciation: float | None = None  # of the đồng against the currency of the target

    @property
    def complete(self) -> bool:
        return None not in (self.population_growth, self.deflator, self.depreciation)


@dataclass(frozen=True)
class Feasibility:
    resolution: Resolution
    findings: tuple[Finding, ...]
    paces: tuple[PaceRow, ...]
    assumptions: Assumptions = field(default_factory=Assumptions)


def _value(c: Clause) -> float | None:
    b = c.bound
    if b.low is not None and b.high is not None and b.low == b.high:
        return float(b.low)
    return None


def _label(c: Clause, lang: str) -> str:
    return f"{c.id} {c.label.get(lang)}".strip()


# -- 1. shares that must add up to 100 % --------------------------------------------


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


# -- 2. sector growth against the aggregate, and the structure it implies ----------------


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
    out: list[Finding] = []
    for s in relations.structures:
        parts = [p for p in s.parts if p.growth is not None]
        rates: dict[str, float] = {}
        growth_clauses: list[str] = []
        for p in parts:
            c = clause_for(resolution, p.growth or "", (ClauseKind.AVERAGE_GROWTH,))
            v = _value(c) if c is not None else None
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
        v = _value(c) if c is not None else None
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


# -- 3. targets on the wrong side of their own baseline -----------------------------------


def baseline_side(resolution: Resolution, obs: Sequence[Observation]) -> list[Finding]:
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
                    f"{_label(c, 'vi')}: chỉ tiêu ({word_vi}) đặt mức {c.end_year} "
                    + (
                        f"kém hơn mức năm gốc {by} ({fmt(thr, 'vi')} so với {fmt(base, 'vi')}); "
                        "giữ nguyên hiện trạng cũng vượt mục tiêu."
                        if worse
                        else f"đã đạt ngay từ năm gốc {by} ({fmt(base, 'vi')})."
                    ),
                    f"{_label(c, 'en')}: the {c.end_year} target ({word_en}) "
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


# -- 4. levels against growth: GRDP per head in USD, investment and ICOR ------------------


def per_capita(
    resolution: Resolution,
    relations: Relations,
    obs: Sequence[Observation],
    assumptions: Assumptions,
) -> list[Finding]:
    out: list[Finding] = []
    by = resolution.base_year
    last = resolution.period[1]
    n = last - by
    for rel in relations.per_capita:
        lvl = clause_for(resolution, rel.indicator, LEVEL_KINDS)
        gc = clause_for(resolution, rel.growth, (ClauseKind.AVERAGE_GROWTH,))
        if lvl is None or gc is None or gc.bound.low is None:
            continue
        target = _value(lvl) or float(threshold(lvl.bound, Direction.HIGHER))
        g = float(gc.bound.low)
        series = figures(obs, rel.indicator, resolution.area, lvl.bound.unit)
        base = series.years.get(by)
        if base is None or base <= 0:
            continue
        need = ((target / base) ** (1.0 / n) - 1.0) * 100.0
        residual = ((1 + need / 100.0) / (1 + g / 100.0) - 1.0) * 100.0
        figs: list[tuple[str, float]] = [
            ("base", base),
            ("target", target),
            ("needed_pct", need),
            ("residual_pct", residual),
        ]
        # the previous term: the same decomposition on what was achieved
        prev_vi = prev_en = ""
        before = series.years.get(by - n)
        span = figures(obs, rel.growth, resolution.area, "%/năm").spans.get((by - n + 1, by))
        if before is not None and before > 0 and span is not None:
            got = ((base / before) ** (1.0 / n) - 1.0) * 100.0
            prev_res = ((1 + got / 100.0) / (1 + span / 100.0) - 1.0) * 100.0
            figs += [("previous_pct", got), ("previous_residual_pct", prev_res)]
            prev_vi = (
                f" Nhiệm kỳ trước ({by - n}–{by}): {fmt(before, 'vi')} → {fmt(base, 'vi')} "
                f"= {fmt(got, 'vi')}%/năm với tăng trưởng thực {fmt(span, 'vi')}%/năm, phần "
                f"giá, tỷ giá và dân số chỉ đóng góp {fmt(prev_res, 'vi')}%/năm."
            )
            prev_en = (
                f" Previous term ({by - n}–{by}): {fmt(before, 'en')} → {fmt(base, 'en')} "
                f"= {fmt(got, 'en')}%/year with real growth {fmt(span, 'en')}%/year; prices, "
                f"exchange rate and population added only {fmt(prev_res, 'en')}%/year."
            )
        arith_vi = (
            f"({fmt(target, 'vi')} / {fmt(base, 'vi')})^(1/{n}) − 1 = {fmt(need, 'vi')}%/năm; "
            f"(1 + {fmt(need, 'vi')}%) / (1 + {fmt(g, 'vi')}%) − 1 = {fmt(residual, 'vi')}%/năm"
        )
        arith_en = (
            f"({fmt(target, 'en')} / {fmt(base, 'en')})^(1/{n}) − 1 = {fmt(need, 'en')}%/year; "
            f"(1 + {fmt(need, 'en')}%) / (1 + {fmt(g, 'en')}%) − 1 = "
            f"{fmt(residual, 'en')}%/year"
        )
        severity = Severity.INFO
        tail_vi = tail_en = ""
        if assumptions.complete:
            p = assumptions.population_growth or 0.0
            d = assumptions.deflator or 0.0
            e = assumptions.depreciation or 0.0
            implied = ((1 + g / 100) * (1 + d / 100) / ((1 + p / 100) * (1 + e / 100)) - 1) * 100
            end_value = base * (1 + implied / 100) ** n
            figs += [("implied_pct", implied), ("implied_value", end_value)]
            severity = Severity.OK if end_value >= target else Severity.WARNING
            arith_vi += (
                f"; giả định dân số +{fmt(p, 'vi')}%, giảm phát GRDP {fmt(d, 'vi')}%, đồng mất "
                f"giá {fmt(e, 'vi')}%/năm → {fmt(implied, 'vi')}%/năm → {fmt(end_value, 'vi')}"
            )
            arith_en += (
                f"; assuming population +{fmt(p, 'en')}%, deflator {fmt(d, 'en')}%, đồng "
                f"depreciation {fmt(e, 'en')}%/year → {fmt(implied, 'en')}%/year → "
                f"{fmt(end_value, 'en')}"
            )
            about_vi, about_en = fmt(end_value, "vi", 0), fmt(end_value, "en", 0)
            tail_vi = f" Với các giả định đã cho, năm {last} đạt khoảng {about_vi}."
            tail_en = f" With the given assumptions, {last} reaches about {about_en}."
        out.append(
            Finding(
                "per_capita",
                severity,
                (lvl.id, gc.id),
                tuple(figs),
                Text(arith_vi, arith_en),
                Text(
                    f"Để {lower_first(lvl.label.vi) or lvl.id} tăng từ {fmt(base, 'vi')} lên "
                    f"{fmt(target, 'vi')} {lvl.bound.unit} cần {fmt(need, 'vi')}%/năm; với "
                    f"tăng trưởng thực {fmt(g, 'vi')}%/năm, giá, tỷ giá và dân số phải góp "
                    f"thêm {fmt(residual, 'vi')}%/năm.{prev_vi}{tail_vi}",
                    f"For {lower_first(lvl.label.en or lvl.id)} to rise from {fmt(base, 'en')} to "
                    f"{fmt(target, 'en')} {lvl.bound.unit} takes {fmt(need, 'en')}%/year; with "
                    f"{fmt(g, 'en')}%/year real growth, prices, the exchange rate and "
                    f"population must add {fmt(residual, 'en')}%/year.{prev_en}{tail_en}",
                ),
            )
        )
    return out


def _icor(investment: float, output: float, growth_pct: float, n: int) -> float:
    return investment / (output * ((1 + growth_pct / 100.0) ** n - 1.0))


def investment_icor(
    resolution: Resolution, relations: Relations, obs: Sequence[Observation]
) -> list[Finding]:
    out: list[Finding] = []
    by = resolution.base_year
    first, last = resolution.period
    n = last - first + 1
    for rel in relations.investment:
        ic = clause_for(resolution, rel.indicator, (ClauseKind.CUMULATIVE,))
        gc = clause_for(resolution, rel.growth, (ClauseKind.AVERAGE_GROWTH,))
        if ic is None or gc is None or gc.bound.low is None:
            continue
        inv = _value(ic) or float(threshold(ic.bound, Direction.HIGHER))
        g = float(gc.bound.low)
        unit = ic.bound.unit
        out_fig = figures(obs, rel.output, resolution.area, unit).years
        y0 = out_fig.get(by)
        if y0 is None or y0 <= 0:
            continue
        icor = _icor(inv, y0, g, n)
        figs: list[tuple[str, float]] = [("investment", inv), ("output", y0), ("icor", icor)]
        arith_vi = (
            f"{fmt(inv, 'vi')} / ({fmt(y0, 'vi')} × ((1 + {fmt(g, 'vi')}%)^{n} − 1)) = "
            f"{fmt(icor, 'vi')}"
        )
        arith_en = (
            f"{fmt(inv, 'en')} / ({fmt(y0, 'en')} × ((1 + {fmt(g, 'en')}%)^{n} − 1)) = "
            f"{fmt(icor, 'en')}"
        )
        prev = (by - n + 1, by)
        inv_prev = figures(obs, rel.indicator, resolution.area, unit).spans.get(prev)
        g_prev = figures(obs, rel.growth, resolution.area, "%/năm").spans.get(prev)
        y_prev = out_fig.get(by - n)
        severity = Severity.INFO
        prev_vi = prev_en = ""
        if inv_prev is not None and g_prev is not None and y_prev is not None and y_prev > 0:
            icor_prev = _icor(inv_prev, y_prev, g_prev, n)
            figs.append(("icor_previous", icor_prev))
            severity = Severity.WARNING if icor < icor_prev * 0.9 else Severity.OK
            arith_vi += (
                f"; {prev[0]}–{prev[1]}: {fmt(inv_prev, 'vi')} / ({fmt(y_prev, 'vi')} × "
                f"((1 + {fmt(g_prev, 'vi')}%)^{n} − 1)) = {fmt(icor_prev, 'vi')}"
            )
            arith_en += (
                f"; {prev[0]}–{prev[1]}: {fmt(inv_prev, 'en')} / ({fmt(y_prev, 'en')} × "
                f"((1 + {fmt(g_prev, 'en')}%)^{n} − 1)) = {fmt(icor_prev, 'en')}"
            )
            prev_vi = f", so với {fmt(icor_prev, 'vi')} đạt được giai đoạn {prev[0]}–{prev[1]}"
            prev_en = f", against {fmt(icor_prev, 'en')} achieved in {prev[0]}–{prev[1]}"
            tail_vi = (
                "; mục tiêu đòi hỏi vốn đầu tư hiệu quả hơn hẳn nhiệm kỳ trước."
                if severity is Severity.WARNING
                else "; không đòi hỏi hiệu quả đầu tư cao hơn nhiệm kỳ trước."
            )
            tail_en = (
                "; the targets need far more efficient investment than the previous term."
                if severity is Severity.WARNING
                else "; no better investment efficiency than the previous term is needed."
            )
        else:
            tail_vi, tail_en = ".", "."
        out.append(
            Finding(
                "icor",
                severity,
                (ic.id, gc.id),
                tuple(figs),
                Text(arith_vi, arith_en),
                Text(
                    f"Tổng vốn đầu tư {fmt(inv, 'vi')} {unit} cho tăng trưởng "
                    f"{fmt(g, 'vi')}%/năm từ GRDP năm {by} ({fmt(y0, 'vi')} {unit}, giá năm "
                    f"{by}) tương ứng ICOR {fmt(icor, 'vi')}{prev_vi}{tail_vi}",
                    f"Total investment of {fmt(inv, 'en')} {unit} for {fmt(g, 'en')}%/year "
                    f"growth from the {by} GRDP ({fmt(y0, 'en')} {unit}, {by} prices) means an "
                    f"ICOR of {fmt(icor, 'en')}{prev_en}{tail_en}",
                ),
            )
        )
    return out


# -- 5. the required pace of every target, ranked ----------------------------------------


def required_paces(resolution: Resolution, obs: Sequence[Observation]) -> list[PaceRow]:
    rows: list[PaceRow] = []
    by = resolution.base_year
    first, last = resolution.period
    n = last - first + 1
    prev = (by - n + 1, by)
    for c in all_clauses(resolution):
        if c.each_year:
            continue
        ind = resolution.indicator(c.indicator)
        side = better_side(c.bound, ind.direction) or 1
        target = float(threshold(c.bound, ind.direction))
        if c.kind is ClauseKind.AVERAGE_GROWTH and ind.measure is Measure.GROWTH_RATE:
            span = figures(obs, c.indicator, resolution.area, c.bound.unit).spans.get(prev)
            rows.append(PaceRow(c, None, target, target, span, prev if span else None, side))
            continue
        if c.kind not in LEVEL_KINDS:
            continue
        series = figures(obs, c.indicator, resolution.area, c.bound.unit).years
        cby = c.base_year if c.base_year is not None else by
        base = float(c.base_value) if c.base_value is not None else series.get(cby)
        if base is None or base <= 0 or target <= 0 or c.end_year <= cby:
            continue
        need = ((target / base) ** (1.0 / (c.end_year - cby)) - 1.0) * 100.0
        earlier = sorted(y for y in series if cby - n <= y < cby and series[y] > 0)
        previous = None
        years = None
        if earlier and series.get(cby):
            y0 = earlier[0]
            previous = ((base / series[y0]) ** (1.0 / (cby - y0)) - 1.0) * 100.0
            years = (y0, cby)
        rows.append(PaceRow(c, (cby, base), target, need, previous, years, side))
    rows.sort(key=lambda r: -r.side * r.required_pct)
    return rows


def check(
    resolution: Resolution,
    observations: Sequence[Observation],
    relations: Relations | None = None,
    assumptions: Assumptions | None = None,
) -> Feasibility:
    """All feasibility findings of a resolution's targets, in a fixed order."""
    rel = relations or Relations()
    asm = assumptions or Assumptions()
    findings = [
        *structure_sums(resolution, rel),
        *sector_growth(resolution, rel, observations),
        *baseline_side(resolution, observations),
        *per_capita(resolution, rel, observations, asm),
        *investment_icor(resolution, rel, observations),
    ]
    paces = required_paces(resolution, observations)
    return Feasibility(resolution, tuple(findings), tuple(paces), asm)
