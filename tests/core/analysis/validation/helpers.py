"""Indicators shared by the data-check tests: two flows, two shares and a growth rate."""

from __future__ import annotations

from chitieu.core.model import Measure

from ..helpers import ind

INDICATORS = {
    "budget": ind("budget"),
    "domestic": ind("domestic"),
    "a": ind("a", unit="%"),
    "b": ind("b", unit="%"),
    "g": ind("g", unit="%", measure=Measure.GROWTH_RATE),
}
