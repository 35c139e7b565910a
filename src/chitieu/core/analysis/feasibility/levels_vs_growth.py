"""Levels against growth: income per head in USD, and investment with its ICOR.

A level target (GRDP per head in USD, total investment) and a growth target must fit
together: the growth the level needs beyond real growth (prices, exchange rate,
population), and the capital-output ratio the investment implies, are set beside what
the previous term achieved.
"""

from __future__ import annotations

from collections.abc import Sequence

from chitieu.core.analysis.feasibility.findings import (
    LEVEL_KINDS,
    Assumptions,
    Finding,
    Severity,
    stated_value,
)
from chitieu.core.analysis.figures import clause_for, figures, fmt, lower_first
from chitieu.core.analysis.relations import Relations
from chitieu.core.compare import threshold
from chitieu.core.model import ClauseKind, Direction, Resolution, Text
from chitieu.core.observations import Observation


def per_capita(
    resolution: Resolution,
    relations: Relations,
    obs: Sequence[Observation],
    assumptions: Assumptions,
) -> list[Finding]:
    """The growth a per-head level target needs beyond real growth (prices, exchange rate,
    population), beside the previous term's."""
    out: list[Finding] = []
    by = resolution.base_year
    last = resolution.period[1]
    n = last - by
    for rel in relations.per_capita:
        lvl = clause_for(resolution, rel.indicator, LEVEL_KINDS)
        gc = clause_for(resolution, rel.growth, (ClauseKind.AVERAGE_GROWTH,))
        if lvl is None or gc is None or gc.bound.low is None:
            continue
        target = stated_value(lvl) or float(threshold(lvl.bound, Direction.HIGHER))
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
    """The ICOR an investment total and a growth target imply, beside the previous term's."""
    out: list[Finding] = []
    by = resolution.base_year
    first, last = resolution.period
    n = last - first + 1
    for rel in relations.investment:
        ic = clause_for(resolution, rel.indicator, (ClauseKind.CUMULATIVE,))
        gc = clause_for(resolution, rel.growth, (ClauseKind.AVERAGE_GROWTH,))
        if ic is None or gc is None or gc.bound.low is None:
            continue
        inv = stated_value(ic) or float(threshold(ic.bound, Direction.HIGHER))
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
