"""Level clauses: final verdicts, met early, the pace in term, milestones and ranks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.core.model import Bound, Clause, ClauseKind, Direction, Indicator, Verdict
from chitieu.core.observations import Qualifier
from chitieu.core.results import Required

from .helpers import (
    ACH,
    EXC,
    NED,
    NOT,
    OFF,
    ON,
    RISK,
    D,
    bound,
    clause,
    ind,
    level_verdict,
    obs,
    run,
    series,
)

# -- final verdicts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "bnd", "direction", "expected"),
    [
        ("40.43", bound("at_least", "40"), Direction.HIGHER, EXC),  # TFP 40,43 vs 40
        ("40", bound("at_least", "40"), Direction.HIGHER, ACH),
        ("39.5", bound("at_least", "40"), Direction.HIGHER, NOT),
        ("6196", bound("point", "5600", unit="USD"), Direction.HIGHER, EXC),  # GRDP/người
        ("4.32", bound("point", "5.3"), Direction.LOWER, EXC),  # agriculture share
        ("42.28", bound("point", "57"), Direction.HIGHER, NOT),  # services share
        ("3.86", bound("below", "4"), Direction.LOWER, ACH),  # unemployment "dưới 4 %"
        ("4", bound("below", "4"), Direction.LOWER, NOT),
        ("95", bound("above", "95"), Direction.HIGHER, NOT),  # "trên 95 %"
        ("3.5", bound("at_most", "3.5"), Direction.LOWER, ACH),  # "không quá" equal
        ("87.5", bound("range", "87", "88"), Direction.HIGHER, ACH),
        ("88.5", bound("range", "87", "88"), Direction.HIGHER, EXC),
        ("86.5", bound("range", "87", "88"), Direction.HIGHER, NOT),
        ("86.5", bound("range", "87", "88"), Direction.LOWER, EXC),
        ("88.5", bound("range", "87", "88"), Direction.LOWER, NOT),
        ("0.73", bound("range", "0.7", "1"), Direction.HIGHER, ACH),  # poverty falls 0,73
        ("41", bound("about", "40"), Direction.HIGHER, ACH),  # 40 ± 5 % = 38–42
        ("43", bound("about", "40"), Direction.HIGHER, EXC),
        ("37", bound("about", "40"), Direction.HIGHER, NOT),
        ("50", bound("point", "50"), Direction.NEUTRAL, ACH),
        ("51", bound("point", "50"), Direction.NEUTRAL, NOT),
        ("39.999999", bound("at_least", "40"), Direction.HIGHER, NOT),  # never rounded
    ],
)
def test_final_level_verdicts(
    value: str, bnd: Bound, direction: Direction, expected: Verdict
) -> None:
    assert level_verdict(value, bnd, direction) is expected


def test_clause_tolerance_overrides_setting() -> None:
    c = clause(ClauseKind.LEVEL, bound("about", "40"), tolerance=D(10))
    # 10 % of 40 = 4 → band 36–44: 37 is inside
    assert run(c, ind(), [obs(2025, "37")]).verdict is ACH
    # with the default 5 % (38–42) it would be a miss
    c5 = clause(ClauseKind.LEVEL, bound("about", "40"))
    assert run(c5, ind(), [obs(2025, "37")]).verdict is NOT
    # and the setting is honoured when the clause has none: 20 % → 32–48
    assert run(c5, ind(), [obs(2025, "37")], about_tolerance_pct=D(20)).verdict is ACH


def test_more_than_on_a_tie_exceeds() -> None:
    c = clause(ClauseKind.LEVEL, bound("at_least", "40"))
    r = run(c, ind(), [obs(2025, "40", qualifier=Qualifier.MORE_THAN)])
    assert r.verdict is EXC
    assert r.qualifier is Qualifier.MORE_THAN


def test_level_met_early() -> None:
    # term 2016–2020, base 2015: the 2020 requirement already held in 2017 → 3 years early
    c = clause(ClauseKind.LEVEL, bound("at_least", "100", unit="nghìn tỷ đồng"), year=2020)
    figs = series(
        {2015: "50", 2016: "80", 2017: "101", 2018: "110", 2019: "120", 2020: "131"},
        "nghìn tỷ đồng",
    )
    r = run(c, ind("nghìn tỷ đồng"), figs, period=(2016, 2020))
    assert r.verdict is EXC
    assert r.met_year == 2017
    assert r.met_early_years == 3  # 2020 − 2017


def test_level_met_only_in_last_year_is_not_early() -> None:
    c = clause(ClauseKind.LEVEL, bound("at_least", "100"))
    r = run(c, ind(), series({2023: "90", 2024: "99", 2025: "100"}))
    assert r.verdict is ACH
    assert r.met_year == 2025
    assert r.met_early_years is None


# -- level, in term --------------------------------------------------------------------


def level200() -> tuple[Clause, Indicator]:
    return clause(ClauseKind.LEVEL, bound("at_least", "200", unit="tỷ đồng")), ind("tỷ đồng")


def test_level_in_term_cagr_path() -> None:
    c, i = level200()
    r = run(c, i, series({2020: "100", 2021: "110", 2023: "130"}, "tỷ đồng"), as_of=2023)
    # CAGR_obs = 1,3^(1/3) − 1 = 0,091393; CAGR_req = 2^(1/5) − 1 = 0,148698
    cagr_obs = 1.3 ** (1 / 3) - 1
    cagr_req = 2**0.2 - 1
    assert cagr_obs == pytest.approx(0.091393, abs=1e-6)
    assert cagr_req == pytest.approx(0.148698, abs=1e-6)
    # R = 0,091393 / 0,148698 = 0,6146 → at risk
    assert r.pace_ratio == pytest.approx(0.6146, abs=1e-4)
    assert r.verdict is RISK
    # projection 130 × 1,091393² = 154,848
    assert float(r.projection or 0) == pytest.approx(154.848, abs=1e-3)
    assert r.projection_year == 2025
    # required remaining CAGR (200 / 130)^(1/2) − 1 = 24,035 %
    assert r.required_kind is Required.GROWTH
    assert float(r.required or 0) == pytest.approx(24.0347, abs=1e-4)
    assert r.required_years == (2024, 2025)
    assert r.baseline is not None
    assert r.baseline.year == 2020
    assert r.actual == D(130)


def test_level_in_term_zero_base_is_linear() -> None:
    c = clause(ClauseKind.LEVEL, bound("at_least", "100", unit="km"))
    r = run(c, ind("km"), series({2020: "0", 2023: "30"}, "km"), as_of=2023)
    # slope 30 / 3 = 10 a year against the required 100 / 5 = 20: R = 0,5 → off track
    assert r.pace_ratio == pytest.approx(0.5)
    assert r.verdict is OFF
    assert float(r.projection or 0) == pytest.approx(50.0)  # 30 + 10 × 2
    assert r.required_kind is Required.CHANGE
    assert float(r.required or 0) == pytest.approx(35.0)  # (100 − 30) / 2


def test_level_in_term_negative_base_is_linear() -> None:
    c = clause(ClauseKind.LEVEL, bound("at_least", "20", unit="%"))
    r = run(c, ind(), series({2020: "-10", 2023: "5"}), as_of=2023)
    # slope (5 + 10) / 3 = 5 vs (20 + 10) / 5 = 6: R = 0,8333 → at risk
    assert r.pace_ratio == pytest.approx(5 / 6)
    assert r.verdict is RISK
    assert float(r.projection or 0) == pytest.approx(15.0)
    assert float(r.required or 0) == pytest.approx(7.5)


def test_level_in_term_flat_required_path_does_not_divide_by_zero() -> None:
    # target equals the base: nothing to grow; a worse latest figure is off track, no crash
    c = clause(ClauseKind.LEVEL, bound("at_least", "100", unit="%"))
    r = run(c, ind(), series({2020: "100", 2023: "90"}), as_of=2023)
    assert r.verdict in (OFF, RISK)
    assert r.pace_ratio is not None
    assert r.pace_ratio < 0.95


def test_level_in_term_lower_is_better() -> None:
    # share of agriculture: 10 % (2020) → 8 % (2023), target ≤ 5,3 % in 2025 (point, lower)
    c = clause(ClauseKind.LEVEL, bound("point", "5.3"))
    r = run(c, ind(direction=Direction.LOWER), series({2020: "10", 2023: "8"}), as_of=2023)
    # CAGR_obs = 0,8^(1/3) − 1 = −7,17 %; CAGR_req = 0,53^(1/5) − 1 = −11,93 %
    # R = −1 × −0,0717 / 0,1193 = 0,601 → at risk
    expected = -1 * (0.8 ** (1 / 3) - 1) / abs(0.53**0.2 - 1)
    assert r.pace_ratio == pytest.approx(expected)
    assert r.pace_ratio == pytest.approx(0.601, abs=1e-3)
    assert r.verdict is RISK


def test_level_in_term_already_met() -> None:
    c, i = level200()
    r = run(
        c, i, series({2020: "100", 2021: "150", 2022: "210", 2023: "205"}, "tỷ đồng"), as_of=2023
    )
    assert r.verdict is ON
    assert r.met_year == 2022
    assert "2022" in r.explanation.vi


def test_level_in_term_without_baseline() -> None:
    c, i = level200()
    r = run(c, i, series({2022: "150", 2023: "160"}, "tỷ đồng"), as_of=2023)
    assert r.verdict is NED
    assert r.actual == D(160)


def test_level_in_term_nothing_at_all() -> None:
    c, i = level200()
    r = run(c, i, [], as_of=2023)
    assert r.verdict is NED
    assert r.actual is None


def test_level_final_without_end_year_figure() -> None:
    c, i = level200()
    r = run(c, i, series({2020: "100", 2024: "300"}, "tỷ đồng"))
    assert r.final
    assert r.verdict is NED


def test_level_in_term_ignores_figures_after_as_of() -> None:
    c, i = level200()
    r = run(c, i, series({2020: "100", 2022: "120", 2024: "250"}, "tỷ đồng"), as_of=2022)
    assert r.actual == D(120)
    assert r.verdict is not ON


# -- milestones and ranks ----------------------------------------------------------------


def milestone() -> tuple[Clause, Indicator]:
    c = clause(ClauseKind.MILESTONE, bound("point", "2022", unit="năm"), year=2022)
    return c, ind("năm")


def test_milestone_early() -> None:
    c, i = milestone()
    r = run(c, i, [obs(2021, "2021", "năm")])
    assert r.verdict is ACH
    assert r.met_year == 2021
    assert r.met_early_years == 1


def test_milestone_on_time_and_late() -> None:
    c, i = milestone()
    on_time = run(c, i, [obs(2022, "2022", "năm")])
    assert on_time.verdict is ACH
    assert on_time.met_early_years is None
    late = run(c, i, [obs(2023, "2023", "năm")])
    assert late.verdict is NOT
    assert late.met_year is None


def test_milestone_nothing_recorded() -> None:
    c, i = milestone()
    r = run(c, i, [])
    assert r.verdict is NED
    assert r.final
    assert "2022" in r.explanation.vi


def pci() -> tuple[Clause, Indicator]:
    c = clause(
        ClauseKind.RANK, bound("at_most", "10", unit="hạng"), period=(2021, 2025), each_year=True
    )
    return c, ind("hạng", Direction.LOWER)


def test_rank_each_year_final() -> None:
    c, i = pci()
    ok = run(c, i, series({2021: "8", 2022: "9", 2023: "10", 2024: "7", 2025: "6"}, "hạng"))
    assert ok.verdict is ACH
    bad = run(c, i, series({2021: "8", 2022: "9", 2023: "12", 2024: "7", 2025: "6"}, "hạng"))
    assert bad.verdict is NOT
    assert bad.actual == D(12)
    assert bad.basis == (2023, 2023)
    missing = run(c, i, series({2021: "8", 2022: "9", 2024: "7", 2025: "6"}, "hạng"))
    assert missing.verdict is NED


def test_rank_each_year_in_term() -> None:
    c, i = pci()
    assert run(c, i, series({2021: "8", 2022: "12"}, "hạng"), as_of=2023).verdict is OFF
    assert run(c, i, series({2021: "8", 2022: "9", 2023: "5"}, "hạng"), as_of=2023).verdict is ON


_ORDER = {NOT: 0, ACH: 1, EXC: 2}


@settings(max_examples=40, deadline=None)
@given(
    st.decimals(min_value=0, max_value=200, places=2),
    st.decimals(min_value=0, max_value=200, places=2),
)
def test_level_final_monotone(x: Decimal, y: Decimal) -> None:
    lo, hi = sorted((x, y))
    bnd = bound("at_least", "100")
    assert _ORDER[level_verdict(str(lo), bnd)] <= _ORDER[level_verdict(str(hi), bnd)]
