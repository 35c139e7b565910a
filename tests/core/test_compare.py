"""The final-verdict rules of DESIGN §3, one figure against one bound (compare.judge)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.compare import about_limits, better_side, judge, satisfied, threshold
from chitieu.core.model import Bound, BoundKind, Direction, Verdict
from chitieu.core.observations import Qualifier

D = Decimal
EXC, ACH, NOT = Verdict.EXCEEDED, Verdict.ACHIEVED, Verdict.NOT_ACHIEVED
HI, LO, NEU = Direction.HIGHER, Direction.LOWER, Direction.NEUTRAL


def b(kind: str, low: str | None = None, high: str | None = None, unit: str = "%") -> Bound:
    """A bound as written: one-sided bounds take the number in the right slot."""
    k = BoundKind(kind)
    if k in (BoundKind.POINT, BoundKind.ABOUT):
        high = low
    if k in (BoundKind.BELOW, BoundKind.AT_MOST):
        low, high = None, low
    return Bound(
        k, D(low) if low is not None else None, D(high) if high is not None else None, unit
    )


# -- point / minimum with a direction ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "bound", "direction", "expected"),
    [
        # at_least: better → exceeded, equal → achieved, worse → not achieved
        ("16.01", b("at_least", "16"), HI, EXC),
        ("16", b("at_least", "16"), HI, ACH),
        ("15.99", b("at_least", "16"), HI, NOT),
        # a minimum wants more even on a lower-is-better indicator
        ("17", b("at_least", "16"), LO, EXC),
        # point with direction higher
        ("5601", b("point", "5600", unit="USD"), HI, EXC),
        ("5600", b("point", "5600", unit="USD"), HI, ACH),
        ("5599", b("point", "5600", unit="USD"), HI, NOT),
        # point with direction lower: smaller is better
        ("5.2", b("point", "5.3"), LO, EXC),
        ("5.3", b("point", "5.3"), LO, ACH),
        ("5.4", b("point", "5.3"), LO, NOT),
        # report: TFP 40,43 % vs 40 % → vượt
        ("40.43", b("point", "40"), HI, EXC),
        ("40.43", b("at_least", "40"), HI, EXC),
        # report: GRDP/người 6.196 vs 5.600 USD → vượt
        ("6196", b("point", "5600", unit="USD"), HI, EXC),
        # report: agriculture share 4,32 % vs 5,3 % (lower is better) → vượt
        ("4.32", b("point", "5.3"), LO, EXC),
        # report: services share 42,28 % vs 57 % → không đạt
        ("42.28", b("point", "57"), HI, NOT),
        # neutral direction point: only the exact figure is a hit, either side misses
        ("50", b("point", "50"), NEU, ACH),
        ("50.1", b("point", "50"), NEU, NOT),
        ("49.9", b("point", "50"), NEU, NOT),
    ],
)
def test_point_and_minimum(
    value: str, bound: Bound, direction: Direction, expected: Verdict
) -> None:
    assert judge(D(value), bound, direction) is expected


# -- strict regions ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "bound", "expected"),
    [
        # report: urban unemployment 3,86 % "dưới 4 %" → đạt (never "exceeded")
        ("3.86", b("below", "4"), ACH),
        ("4", b("below", "4"), NOT),  # the boundary is outside a strict region
        ("4.01", b("below", "4"), NOT),
        # "trên 95 %"
        ("95", b("above", "95"), NOT),
        ("95.01", b("above", "95"), ACH),
        ("99", b("above", "95"), ACH),
        # "không quá 3,5 %": equal is inside
        ("3.5", b("at_most", "3.5"), ACH),
        ("3.49", b("at_most", "3.5"), ACH),
        ("3.51", b("at_most", "3.5"), NOT),
    ],
)
def test_strict_regions(value: str, bound: Bound, expected: Verdict) -> None:
    for direction in (HI, LO, NEU):  # one-sided bounds carry their own sense
        assert judge(D(value), bound, direction) is expected


# -- ranges -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [
        # "87-88 %", higher is better
        ("87", HI, ACH),
        ("87.5", HI, ACH),
        ("88", HI, ACH),
        ("88.01", HI, EXC),  # beyond the better end
        ("86.99", HI, NOT),  # short of the worse end
        # the same range when lower is better: the ends swap roles
        ("87", LO, ACH),
        ("88", LO, ACH),
        ("86.99", LO, EXC),
        ("88.01", LO, NOT),
        # neutral: outside either way is a miss
        ("87.5", NEU, ACH),
        ("86", NEU, NOT),
        ("89", NEU, NOT),
    ],
)
def test_range(value: str, direction: Direction, expected: Verdict) -> None:
    assert judge(D(value), b("range", "87", "88"), direction) is expected


def test_range_poverty_reduction() -> None:
    # report: poverty rate falling 0,73 %/năm "đạt mục tiêu (giảm từ 0,7-1 %/năm)";
    # the figure is the size of the fall, so a bigger fall is better.
    bound = b("range", "0.7", "1", unit="%/năm")
    assert judge(D("0.73"), bound, HI) is ACH
    assert judge(D("1.2"), bound, HI) is EXC
    assert judge(D("0.69"), bound, HI) is NOT


def test_range_thresholds() -> None:
    bound = b("range", "87", "88")
    assert threshold(bound, HI) == D(87)  # the worse end
    assert threshold(bound, LO) == D(88)
    assert better_side(bound, NEU) == 0
    assert better_side(b("below", "4"), HI) == -1


# -- "khoảng" with a tolerance ----------------------------------------------------------


def test_about_tolerance() -> None:
    bound = b("about", "40")
    # 5 % of 40 = 2 → band 38–42
    assert about_limits(bound, D(5)) == (D(38), D(42))
    assert judge(D("38"), bound, HI) is ACH
    assert judge(D("42"), bound, HI) is ACH
    assert judge(D("42.01"), bound, HI) is EXC
    assert judge(D("37.99"), bound, HI) is NOT
    assert judge(D("37.99"), bound, LO) is EXC
    assert judge(D("42.01"), bound, NEU) is NOT
    # a 10 % tolerance: 10 % of 40 = 4 → band 36–44
    assert judge(D("37"), bound, HI, tolerance_pct=D(10)) is ACH
    assert judge(D("44.5"), bound, HI, tolerance_pct=D(10)) is EXC


# -- exactness and qualifiers ------------------------------------------------------------


def test_never_rounded_into_a_hit() -> None:
    assert judge(D("39.999999"), b("at_least", "40"), HI) is NOT
    assert judge(D("40.000001"), b("at_least", "40"), HI) is EXC
    assert judge(D("3.9999999"), b("below", "4"), HI) is ACH
    assert judge(D("4.0000001"), b("at_most", "4"), HI) is NOT


def test_qualifiers_on_ties() -> None:
    # "hơn 40 %" against "tối thiểu 40 %": strictly more than the threshold
    assert judge(D(40), b("at_least", "40"), HI, Qualifier.MORE_THAN) is EXC
    assert judge(D(95), b("above", "95"), HI, Qualifier.MORE_THAN) is ACH
    assert judge(D(4), b("below", "4"), HI, Qualifier.LESS_THAN) is ACH
    assert judge(D(4), b("at_most", "4"), HI, Qualifier.MORE_THAN) is NOT
    # "dưới 40 %" is short of a minimum of 40 %
    assert judge(D(40), b("at_least", "40"), HI, Qualifier.LESS_THAN) is NOT
    # "khoảng" changes nothing on a tie
    assert judge(D(40), b("at_least", "40"), HI, Qualifier.APPROX) is ACH
    # "hơn 88 %" is past the upper end of 87–88 %
    assert judge(D(88), b("range", "87", "88"), HI, Qualifier.MORE_THAN) is EXC


def test_satisfied() -> None:
    assert satisfied(EXC)
    assert satisfied(ACH)
    for v in Verdict:
        if v not in (EXC, ACH):
            assert not satisfied(v)


# -- properties ---------------------------------------------------------------------------

_ORDER = {NOT: 0, ACH: 1, EXC: 2}
_values = st.decimals(min_value=-1000, max_value=1000, places=4, allow_nan=False)


@given(_values, _values, _values)
def test_at_least_is_monotone(x: Decimal, y: Decimal, t: Decimal) -> None:
    lo, hi = sorted((x, y))
    bound = Bound(BoundKind.AT_LEAST, t, None, "%")
    assert _ORDER[judge(lo, bound, HI)] <= _ORDER[judge(hi, bound, HI)]


@given(_values, _values, _values, _values)
def test_range_is_monotone_in_direction(x: Decimal, y: Decimal, a: Decimal, c: Decimal) -> None:
    lo, hi = sorted((x, y))
    low, high = sorted((a, c))
    bound = Bound(BoundKind.RANGE, low, high, "%")
    assert _ORDER[judge(lo, bound, HI)] <= _ORDER[judge(hi, bound, HI)]
    assert _ORDER[judge(lo, bound, LO)] >= _ORDER[judge(hi, bound, LO)]


@given(_values, _values, _values)
def test_range_mirror_symmetry(x: Decimal, a: Decimal, c: Decimal) -> None:
    # Mirroring figure and range around 0 swaps higher/lower-is-better and nothing else.
    low, high = sorted((a, c))
    bound = Bound(BoundKind.RANGE, low, high, "%")
    mirrored = Bound(BoundKind.RANGE, -high, -low, "%")
    assert judge(x, bound, HI) is judge(-x, mirrored, LO)
    assert judge(x, bound, NEU) is judge(-x, mirrored, NEU)


@given(_values, _values)
def test_at_least_matches_plain_comparison(x: Decimal, t: Decimal) -> None:
    expected = EXC if x > t else ACH if x == t else NOT
    assert judge(x, Bound(BoundKind.AT_LEAST, t, None, "%"), HI) is expected


@given(_values, _values)
def test_strict_region_never_exceeded(x: Decimal, t: Decimal) -> None:
    for kind in (BoundKind.ABOVE, BoundKind.BELOW, BoundKind.AT_MOST):
        bound = Bound(
            kind,
            t if kind is BoundKind.ABOVE else None,
            None if kind is BoundKind.ABOVE else t,
            "%",
        )
        assert judge(x, bound, HI) in (ACH, NOT)
