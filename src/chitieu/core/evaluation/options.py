"""Evaluation options: thresholds and choices that a planning office may tune.

Defaults follow DESIGN §3 (Eurostat SDG pace ratio thresholds 0.95 / 0.60 / 0). Named
*options*, not settings: ``chitieu.settings`` is the runtime configuration read from the
environment, and this is part of the pure evaluation, passed in by whoever evaluates.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from chitieu.core.units import ExchangeRates


@dataclass(frozen=True)
class EvaluationSettings:
    """How to judge.

    ``as_of`` is the last year whose figures are taken into account (None: all). A
    clause whose last year is ≤ ``as_of`` gets a final verdict; otherwise an in-term
    status from the pace ratio R (actual pace / required pace):
    R ≥ ``on_track`` → on track, R ≥ ``at_risk`` → at risk, else off track;
    R < ``deterioration`` marks a move away from the target.
    """

    as_of: int | None = None
    on_track: float = 0.95
    at_risk: float = 0.60
    deterioration: float = 0.0
    about_tolerance_pct: Decimal = Decimal("5")
    rates: ExchangeRates | None = None
    prefer_period_figures: bool = True
