"""The figures a clause is judged on: units converted, currencies through a rate, the
current figure of each year, and never a successor area's."""

from __future__ import annotations

from chitieu.core.evaluation import evaluate_clause
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.model import Area, ClauseKind, Target, Text
from chitieu.core.observations import Status
from chitieu.core.units import ExchangeRates

from .helpers import AREA, EXC, NED, NOT, D, bound, clause, ind, obs, resolution, run


def test_unit_conversion_ty_vs_nghin_ty() -> None:
    # 578.500 tỷ đồng = 578,5 nghìn tỷ đồng > 440 nghìn tỷ đồng
    c = clause(ClauseKind.LEVEL, bound("at_least", "440", unit="nghìn tỷ đồng"))
    r = run(c, ind("nghìn tỷ đồng"), [obs(2025, "578500", "tỷ đồng")])
    assert r.verdict is EXC
    assert r.actual == D("578.5")


def test_currency_without_rate_is_skipped_with_a_note() -> None:
    c = clause(ClauseKind.LEVEL, bound("at_least", "100", unit="nghìn tỷ đồng"))
    r = run(c, ind("nghìn tỷ đồng"), [obs(2025, "5", "tỷ USD")])
    assert r.verdict is NED
    assert r.actual is None
    assert r.notes
    assert any("tỷ giá" in n.vi for n in r.notes)
    assert any("exchange rate" in n.en for n in r.notes)


def test_currency_with_rate_converts() -> None:
    # 5 tỷ USD × 23.000 đồng/USD = 115.000 tỷ đồng = 115 nghìn tỷ đồng ≥ 100
    c = clause(ClauseKind.LEVEL, bound("at_least", "100", unit="nghìn tỷ đồng"))
    rates = ExchangeRates.of({("USD", "đồng"): D(23000)}, year=2025)
    r = run(c, ind("nghìn tỷ đồng"), [obs(2025, "5", "tỷ USD")], rates=rates)
    assert r.verdict is EXC
    assert r.actual == D(115)


# -- estimates replaced by official figures ----------------------------------------------


def test_official_beats_a_later_estimate() -> None:
    c = clause(ClauseKind.LEVEL, bound("at_least", "11.5"))
    figs = [
        obs(2025, "11", status=Status.OFFICIAL, recorded_at="2025-03-01"),
        obs(2025, "12", status=Status.ESTIMATE, recorded_at="2025-12-20"),
    ]
    for order in (figs, figs[::-1]):
        r = run(c, ind(), order)
        assert r.actual == D(11)
        assert r.verdict is NOT
        assert r.used[0].status is Status.OFFICIAL


def test_second_revision_wins() -> None:
    c = clause(ClauseKind.LEVEL, bound("at_least", "11.5"))
    figs = [obs(2025, "12", revision=2), obs(2025, "11", revision=1)]
    r = run(c, ind(), figs)
    assert r.actual == D(12)
    assert r.verdict is EXC


def test_evaluate_clause_picks_the_current_figure_itself() -> None:
    # callers may hand evaluate_clause raw rows; it must not take whichever came last
    c = clause(ClauseKind.LEVEL, bound("at_least", "11.5"))
    i = ind()
    res = resolution((Target("t1", "kt", "text", (c,)),), (i,))
    figs = [obs(2025, "11", status=Status.OFFICIAL), obs(2025, "12", status=Status.ESTIMATE)]
    r = evaluate_clause(res, c, figs, EvaluationSettings(as_of=2025))
    assert r.actual == D(11)


# -- successor areas --------------------------------------------------------------------------


def test_successor_area_figure_is_never_used() -> None:
    areas = (
        Area(AREA, Text("thành phố Hải Phòng", "Hai Phong city"), valid_to="2025-06-30"),
        Area(
            "HPM",
            Text("thành phố Hải Phòng (mới)", "Hai Phong city (merged)"),
            predecessors=(AREA, "HD"),
        ),
    )
    c = clause(ClauseKind.LEVEL, bound("at_least", "10"))
    figs = [obs(2025, "12.5", area="HPM"), obs(2024, "9", area=AREA)]
    r = run(c, ind(), figs, areas=areas)
    assert r.verdict is NED
    assert r.actual != D("12.5")
    assert all(o.area == AREA for o in r.used)
    assert any("thành phố Hải Phòng (mới)" in n.vi for n in r.notes)
    assert any("Hai Phong city (merged)" in n.en for n in r.notes)
    # vi notes write numbers the Vietnamese way
    assert any("12,5" in n.vi for n in r.notes)
