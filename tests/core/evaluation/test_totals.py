"""Cumulative totals and yearly means: final, met early, in term, caps and gaps."""

from __future__ import annotations

import pytest

from chitieu.core.model import Clause, ClauseKind, Direction, Indicator
from chitieu.core.results import Required

from .helpers import ACH, EXC, NED, ON, RISK, D, bound, clause, ind, obs, run, series


def test_cumulative_met_early() -> None:
    # ≥ 1.500 over 2021–2025; running sum 400, 800, 1.200, 1.600 ≥ 1.500 in 2024, total 1.700
    c = clause(
        ClauseKind.CUMULATIVE, bound("at_least", "1500", unit="nghìn tỷ đồng"), period=(2021, 2025)
    )
    figs = series(
        {2021: "400", 2022: "400", 2023: "400", 2024: "400", 2025: "100"}, "nghìn tỷ đồng"
    )
    r = run(c, ind("nghìn tỷ đồng"), figs)
    assert r.verdict is EXC
    assert r.actual == D(1700)
    assert r.met_year == 2024
    assert r.met_early_years == 1


def test_cumulative_cap_is_never_met_early() -> None:
    # "không quá 100" in total: a cap holds in every year until it is broken, that is not
    # "meeting the target early". Total 20+20+20+20+15 = 95 ≤ 100 → achieved, no early year.
    c = clause(ClauseKind.CUMULATIVE, bound("at_most", "100", unit="tấn"), period=(2021, 2025))
    figs = series({2021: "20", 2022: "20", 2023: "20", 2024: "20", 2025: "15"}, "tấn")
    r = run(c, ind("tấn", Direction.LOWER), figs)
    assert r.verdict is ACH
    assert r.met_early_years is None


# -- cumulative and per year -----------------------------------------------------------


def cumulative() -> tuple[Clause, Indicator]:
    c = clause(
        ClauseKind.CUMULATIVE, bound("at_least", "1500", unit="nghìn tỷ đồng"), period=(2021, 2025)
    )
    return c, ind("nghìn tỷ đồng")


def test_cumulative_final() -> None:
    c, i = cumulative()
    # 280 + 300 + 320 + 330 + 350 = 1.580 ≥ 1.500; the running sum reaches 1.500 only in 2025
    figs = series(
        {2021: "280", 2022: "300", 2023: "320", 2024: "330", 2025: "350"}, "nghìn tỷ đồng"
    )
    r = run(c, i, figs)
    assert r.verdict is EXC
    assert r.actual == D(1580)
    assert r.met_early_years is None


def test_cumulative_in_term() -> None:
    c, i = cumulative()
    figs = series({2021: "280", 2022: "300", 2023: "320"}, "nghìn tỷ đồng")
    r = run(c, i, figs, as_of=2023)
    # 900 so far, (1.500 − 900) / 2 = 300 a year needed; mean 300 vs 1.500 / 5 = 300 → R 1
    assert r.actual == D(900)
    assert r.required == D(300)
    assert r.required_kind is Required.PER_YEAR
    assert r.required_years == (2024, 2025)
    assert r.pace_ratio == pytest.approx(1.0)
    assert r.verdict is ON
    assert r.projection == D(1500)  # 900 + 300 × 2


def test_cumulative_in_term_already_reached() -> None:
    c, i = cumulative()
    # running sum 800, 1.600 → reached in 2022; figures to 2023 are 2.000 in total
    figs = series({2021: "800", 2022: "800", 2023: "400"}, "nghìn tỷ đồng")
    r = run(c, i, figs, as_of=2023)
    assert r.verdict is ON
    assert r.met_year == 2022


def test_cumulative_cap_in_term() -> None:
    # "không quá 100 tấn" over 2021–2025, i.e. 20 a year allowed
    c = clause(ClauseKind.CUMULATIVE, bound("at_most", "100", unit="tấn"), period=(2021, 2025))
    i = ind("tấn", Direction.LOWER)
    # 20 a year so far: R = 20 / 20 = 1 → on track, but nothing is "met" yet
    r = run(c, i, series({2021: "20", 2022: "20", 2023: "20"}, "tấn"), as_of=2023)
    assert r.verdict is ON
    assert r.met_year is None
    assert r.required == D(20)  # (100 − 60) / 2
    # 30 a year: R = 20 / 30 = 0,667 → at risk (projected 90 + 30 × 2 = 150 > 100)
    r2 = run(c, i, series({2021: "30", 2022: "30", 2023: "30"}, "tấn"), as_of=2023)
    assert r2.pace_ratio == pytest.approx(2 / 3)
    assert r2.verdict is RISK
    assert r2.projection == D(150)


def test_cumulative_gap_year() -> None:
    c, i = cumulative()
    figs = series({2021: "280", 2023: "320"}, "nghìn tỷ đồng")
    r = run(c, i, figs, as_of=2023)
    assert r.verdict is NED
    assert any("2022" in n.vi for n in r.notes)
    final = run(c, i, series({2021: "900", 2022: "900", 2024: "1", 2025: "1"}, "nghìn tỷ đồng"))
    assert final.verdict is NED
    assert any("2023" in n.vi for n in final.notes)


def test_cumulative_range_from_per_year_period_figure() -> None:
    # "kết nạp 15.000 - 15.500 đảng viên": a period figure of 3.100 đảng viên/năm × 5 = 15.500
    c = clause(
        ClauseKind.CUMULATIVE,
        bound("range", "15000", "15500", unit="đảng viên"),
        period=(2021, 2025),
    )
    r = run(c, ind("đảng viên"), [obs((2021, 2025), "3100", "đảng viên/năm")])
    assert r.actual == D(15500)
    assert r.verdict is ACH


def per_year() -> tuple[Clause, Indicator]:
    c = clause(
        ClauseKind.PER_YEAR,
        bound("at_least", "5.58", unit="vạn lượt lao động/năm"),
        period=(2021, 2025),
    )
    return c, ind("vạn lượt lao động/năm")


def test_per_year_mean_of_yearly_figures() -> None:
    c, i = per_year()
    # 55.000 + 56.000 + 57.000 + 56.000 + 55.000 = 279.000; / 5 = 55.800 = 5,58 vạn
    figs = series(
        {2021: "55000", 2022: "56000", 2023: "57000", 2024: "56000", 2025: "55000"}, "lượt lao động"
    )
    r = run(c, i, figs)
    assert r.actual == D("5.58")
    assert r.verdict is ACH


def test_per_year_period_figures_in_either_unit() -> None:
    c, i = per_year()
    # a period figure in a per-year unit is already a yearly mean: 5,6 > 5,58
    r = run(c, i, [obs((2021, 2025), "5.6", "vạn lượt lao động/năm")])
    assert r.actual == D("5.6")
    assert r.verdict is EXC
    # a period total in a plain unit is divided by 5: 279.000 / 5 / 10.000 = 5,58
    r2 = run(c, i, [obs((2021, 2025), "279000", "lượt lao động")])
    assert r2.actual == D("5.58")
    assert r2.verdict is ACH


def test_per_year_in_term() -> None:
    c, i = per_year()
    figs = series({2021: "50000", 2022: "52000", 2023: "54000"}, "lượt lao động")
    r = run(c, i, figs, as_of=2023)
    # mean 5,2 vạn; 5 × 5,58 = 27,9 needed in total, 15,6 done → (27,9 − 15,6) / 2 = 6,15
    assert r.actual == D("5.2")
    assert r.required == D("6.15")
    # R = 5,2 / 5,58 = 0,9319 → at risk
    assert r.pace_ratio == pytest.approx(5.2 / 5.58)
    assert r.verdict is RISK
