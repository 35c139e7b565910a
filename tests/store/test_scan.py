"""The lean column scan and the all-areas evaluation, on SQLite and PostgreSQL.

The scan must hold exactly the figures the reference path would use: the current
figure per indicator × area × period among the approved ones (a submitted correction
waits for its reviewer); the all-areas verdicts must be the per-area verdicts of
``services.evaluate``.
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal

import pytest

from chitieu import services
from chitieu.core.access import Principal, Role
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.vector import VERDICTS
from chitieu.core.observations import Observation, Status, annual_levels, current
from chitieu.core.periods import Basis, BasisKind
from chitieu.services import bulk
from chitieu.store import Store, scan
from chitieu.store.review import ReviewAction
from chitieu.store.scan import scan_current

XVI = "haiphong-xvi-2020-2025"
EDITOR = Principal("nhap.lieu", Role.EDITOR, frozenset({"cuc-thong-ke"}))
REVIEWER = Principal("duyet.mot", Role.REVIEWER)


@pytest.fixture
def loaded(store: Store) -> Store:
    services.load_dataset(store, XVI)
    return store


def _as_dict(store: Store) -> dict[tuple[str, str, tuple[int, int]], tuple[float, str, int]]:
    cols = scan_current(store)
    return {
        (
            cols.indicators[int(cols.indicator[i])],
            cols.areas[int(cols.area[i])],
            (int(cols.period_start[i]), int(cols.period_end[i])),
        ): (float(cols.value[i]), cols.units[int(cols.unit[i])], int(cols.revision[i]))
        for i in range(len(cols))
    }


def _annual(store: Store) -> dict[tuple[str, str, tuple[int, int]], Observation]:
    """The reference: the current approved annual levels, keyed as the scan's columns."""
    approved = store.observations(all_revisions=True, approved_only=True)
    return {k[:3]: o for k, o in current(annual_levels(approved)).items()}


def test_scan_holds_the_current_approved_figures(loaded: Store) -> None:
    expected = _annual(loaded)
    got = _as_dict(loaded)
    assert got.keys() == expected.keys()
    for key, obs in expected.items():
        assert got[key] == (float(obs.value), obs.unit, obs.revision)
    cols = scan_current(loaded)
    assert cols.scanned == len(loaded.observations(all_revisions=True))
    assert set(cols.status_rank.tolist()) <= {s.rank for s in Status}
    assert not cols.exact.all()  # the report's "khoảng" figures are there


def test_correction_counts_once_approved_and_official_beats_a_later_estimate(
    loaded: Store,
) -> None:
    [old] = loaded.observations("grdp", "haiphong")[:1]
    assert old.id is not None
    key = (old.indicator, old.area, old.period)

    def same_as_reference() -> None:
        expected = _annual(loaded)
        assert _as_dict(loaded) == {
            k: (float(o.value), o.unit, o.revision) for k, o in expected.items()
        }

    loaded.review_figure(old.id, ReviewAction.REOPEN, reviewer=REVIEWER, comment="sai số")
    corrected = replace(old, value=old.value + 1, id=None)
    [oid] = loaded.submit_figures(
        [corrected], actor=EDITOR.username, reason="sửa sai số"
    ).observation_ids
    same_as_reference()
    assert key not in _as_dict(loaded)  # reopened and its correction waiting: neither counts
    loaded.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER)
    same_as_reference()
    assert _as_dict(loaded)[key] == (float(old.value + 1), old.unit, old.revision + 1)
    lower = Status.ESTIMATE if old.status is not Status.ESTIMATE else Status.PLAN
    loaded.add_observations([replace(old, value=Decimal(1), status=lower, id=None)])
    same_as_reference()
    assert _as_dict(loaded)[key][0] == float(old.value + 1)


def test_scan_and_all_areas_verdicts_ignore_sub_annual_figures(loaded: Store) -> None:
    """A figure for "9 tháng", a quarter, or a change "so với cùng kỳ", approved and
    current under its own key, never reaches the fast path: its columns and verdicts stay
    those of the annual levels (and equal to the reference path's)."""
    before = _as_dict(loaded)
    as_of = EvaluationSettings(as_of=2024)
    verdicts_before = bulk.evaluate_all_areas(loaded, XVI, settings=as_of)
    [grdp] = [o for o in loaded.observations("grdp", "haiphong") if o.period == (2024, 2024)]
    others = [
        replace(grdp, id=None, part="9M", value=Decimal(1)),
        replace(grdp, id=None, part="Q4", value=Decimal(2)),
        replace(grdp, id=None, value=Decimal(-50), unit="%", basis=Basis(BasisKind.SAME_PERIOD)),
        replace(grdp, id=None, part="H1", value=Decimal(40), basis=Basis(BasisKind.PLAN), unit="%"),
    ]
    assert loaded.add_observations(others).inserted == 4
    assert (
        _as_dict(loaded)
        == before
        == {k: (float(o.value), o.unit, o.revision) for k, o in _annual(loaded).items()}
    )
    after = bulk.evaluate_all_areas(loaded, XVI, settings=as_of)
    assert (
        after.verdicts.clause_verdict.tolist() == verdicts_before.verdicts.clause_verdict.tolist()
    )
    assert (
        after.verdicts.target_verdict.tolist() == verdicts_before.verdicts.target_verdict.tolist()
    )


def test_scan_can_be_limited_to_indicators(loaded: Store) -> None:
    cols = scan_current(loaded, ["grdp", "grdp-growth"])
    assert set(cols.indicators) == {"grdp", "grdp-growth"}
    assert 0 < len(cols) < len(scan_current(loaded))


def test_scan_of_an_empty_store(store: Store) -> None:
    cols = scan_current(store)
    assert len(cols) == 0
    assert cols.scanned == 0


@pytest.mark.parametrize("as_of", [2022, 2025])
def test_all_areas_equal_the_per_area_service(loaded: Store, as_of: int) -> None:
    settings = EvaluationSettings(as_of=as_of)
    result = bulk.evaluate_all_areas(loaded, XVI, settings=settings)
    verdicts = result.verdicts
    resolution = loaded.get_resolution(XVI)
    assert verdicts.areas == tuple(a.code for a in resolution.areas)
    for a, area in enumerate(verdicts.areas):
        one = services.evaluate(loaded, XVI, settings, area)
        targets = (*one.targets, *one.extra)
        got = [VERDICTS[c] if c >= 0 else None for c in verdicts.target_verdict[:, a].tolist()]
        assert got == [t.verdict for t in targets], area
        clauses = [c for t in targets for c in t.clauses]
        for i, c in enumerate(clauses):
            assert VERDICTS[int(verdicts.clause_verdict[i, a])] is c.verdict
            if c.actual is not None and not math.isnan(verdicts.clause_actual[i, a]):
                assert float(c.actual) == pytest.approx(verdicts.clause_actual[i, a], rel=1e-6)
    assert result.figures > 0
    assert result.scanned >= result.figures


def test_explanation_is_computed_on_demand(loaded: Store) -> None:
    target = bulk.explain(loaded, XVI, "haiphong", "1", EvaluationSettings(as_of=2025))
    assert target.headline is not None
    assert target.headline.explanation.vi
    with pytest.raises(KeyError, match="không có chỉ tiêu"):
        bulk.explain(loaded, XVI, "haiphong", "không-có")


def test_scan_in_small_chunks_gives_the_same_columns(
    loaded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _as_dict(loaded)
    monkeypatch.setattr(scan, "CHUNK", 7)  # codes must stay consistent across chunks
    assert _as_dict(loaded) == whole
