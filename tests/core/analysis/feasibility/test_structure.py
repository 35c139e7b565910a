"""Shares of a structure that do not add up to 100 %, found by ``check``."""

from __future__ import annotations

import pytest

from chitieu.core.analysis.feasibility import Severity, check
from chitieu.core.model import ClauseKind

from ..helpers import clause, ind, resolution


def test_structure_that_does_not_add_up() -> None:
    cs = [
        clause("s1", "a", "60", kind=ClauseKind.STRUCTURE, unit="%"),
        clause("s2", "b", "45", kind=ClauseKind.STRUCTURE, unit="%"),
    ]
    res = resolution([ind("a", unit="%"), ind("b", unit="%")], cs)
    f = check(res, [])
    sums = [x for x in f.findings if x.check == "structure_sum"]
    assert len(sums) == 1
    assert sums[0].severity is Severity.PROBLEM
    assert dict(sums[0].figures)["sum_low"] == pytest.approx(105.0)
    assert "105%" in sums[0].sentence.vi
