"""A target on the wrong side of its own baseline."""

from __future__ import annotations

from chitieu.core.analysis.feasibility import Severity, check
from chitieu.core.model import BoundKind, ClauseKind, Direction

from ..helpers import clause, ind, obs, resolution


def test_target_below_its_own_baseline() -> None:
    c = clause("m", "m", "36.4", kind=ClauseKind.SHARE, unit="%")
    ok = clause("u", "u", "3.5", bound=BoundKind.BELOW, unit="%")
    res = resolution([ind("m", unit="%"), ind("u", unit="%", direction=Direction.LOWER)], [c, ok])
    f = check(res, [obs("m", 2020, "40.25", "%"), obs("u", 2020, "3.86", "%")])
    side = [x for x in f.findings if x.check == "baseline_side"]
    assert [x.clauses for x in side] == [("m",)]
    assert side[0].severity is Severity.WARNING
    assert "36,4" in side[0].sentence.vi
    assert "40,25" in side[0].sentence.vi
