"""Is the target set consistent with itself and with the record? (``chitieu check``)

Every finding carries its figures, the arithmetic and one sentence, so that a planning
office can check it by hand. Growth arithmetic is at constant relative prices: a part
growing at gᵢ for n years weighs sᵢ(1 + gᵢ)ⁿ at the end. Current-price shares also move
with relative prices, which no target states; the findings say so.

One module per family of checks: shares that must add up (:mod:`.structure`), sector
growth against the aggregate and the structure it implies (:mod:`.sector_growth`),
targets against their own baseline (:mod:`.baseline`), levels against growth — income
per head, investment and ICOR (:mod:`.levels_vs_growth`) — and the required pace of
every target (:mod:`.paces`); :func:`check` runs them all.
"""

from chitieu.core.analysis.feasibility.checks import check
from chitieu.core.analysis.feasibility.findings import (
    SEVERITY_LABEL,
    Assumptions,
    Feasibility,
    Finding,
    PaceRow,
    Severity,
)

__all__ = [
    "SEVERITY_LABEL",
    "Assumptions",
    "Feasibility",
    "Finding",
    "PaceRow",
    "Severity",
    "check",
]
