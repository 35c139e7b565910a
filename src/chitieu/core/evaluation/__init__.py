"""Evaluation of clauses, targets and resolutions (DESIGN §3).

Each clause kind is reduced to one statistic (end-year value, average growth, total,
yearly mean, completion year) that is compared with the bound. When the clause's last
year is past ``as_of`` the verdict is final; otherwise the pace so far is set against
the pace required from the base year (Eurostat's ratio R) and the figures are
projected to the end year. Arithmetic on recorded values is exact (Decimal); growth
paths use floats, which are only ever shown rounded and never decide a final verdict.
"""

from __future__ import annotations

from chitieu.core.evaluation.evaluate import evaluate_clause, evaluate_resolution, evaluate_target

__all__ = ["evaluate_clause", "evaluate_resolution", "evaluate_target"]
