"""Targets take their headline clause's verdict; a resolution in term is not final."""

from __future__ import annotations

from chitieu.core.evaluation import evaluate_resolution
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.model import Citation, ClauseKind, ExternalAssessment, Target, Verdict
from chitieu.core.results import ResolutionResult

from .helpers import EXC, NOT, ON, bound, clause, ind, obs, resolution

# -- targets and counts --------------------------------------------------------------------


def test_target_takes_its_headline_clause_and_counts() -> None:
    i = ind()
    a = clause(ClauseKind.LEVEL, bound("at_least", "10"), cid="a")
    b_ = clause(ClauseKind.LEVEL, bound("at_least", "20"), cid="b")
    t1 = Target("t1", "kt", "two clauses", (a, b_), number=1, headline="b")
    t2 = Target(
        "t2",
        "kt",
        "one clause",
        (clause(ClauseKind.LEVEL, bound("at_least", "5"), cid="c"),),
        number=2,
    )
    report = ExternalAssessment(Verdict.EXCEEDED, Citation("báo cáo", "Phần I"), met_early_years=2)
    t3 = Target("t3", "kt", "value unknown", (), number=3, reported=report, value_known=False)
    t4 = Target(
        "t4",
        "kt",
        "another",
        (clause(ClauseKind.LEVEL, bound("at_least", "50"), cid="d"),),
        number=4,
    )
    res = resolution((t1, t2, t3, t4), (i,))
    out: ResolutionResult = evaluate_resolution(res, [obs(2025, "15")], EvaluationSettings())
    r1, r2, r3, r4 = out.targets
    # headline b: 15 < 20 → not achieved, although clause a (15 > 10) was exceeded
    assert r1.verdict is NOT
    assert r1.headline is not None
    assert r1.headline.clause.id == "b"
    assert [c.verdict for c in r1.clauses] == [EXC, NOT]
    assert not r1.from_report
    assert r2.verdict is EXC
    assert r3.verdict is EXC
    assert r3.from_report
    assert r3.reported is report
    assert r4.verdict is NOT
    assert out.final
    assert out.counts() == {EXC: 2, NOT: 2}
    assert list(out.counts()) == [EXC, NOT]  # report order


def test_in_term_resolution_is_not_final() -> None:
    i = ind()
    t = Target("t1", "kt", "x", (clause(ClauseKind.LEVEL, bound("at_least", "10")),))
    out = evaluate_resolution(
        resolution((t,), (i,)), [obs(2020, "5"), obs(2022, "12")], EvaluationSettings(as_of=2022)
    )
    assert not out.final
    assert out.as_of == 2022
    assert out.targets[0].verdict is ON
