"""Data checks: DHIS2-style rules from the definition, and built-in checks.

A rule compares a left and a right expression over the figures of one area and one
year (``#{indicator}``, numbers, + − × ÷ and parentheses), with an operator, an
importance (high, medium, low) and a missing-value strategy, as in DHIS2. Built-ins:
shares of a structure add up to 100 ± tolerance; a published growth rate agrees with
its levels; a yearly growth far from the rest of the series (robust z-score on the
median and MAD, |z| > 3,5, Iglewicz & Hoaglin) is flagged; a figure's unit and
magnitude are plausible; a figure lies within its area's validity; a city's flow
equals the sum of its districts. Violations of a ``high`` rule block approval.

One module per family: the rule language (:mod:`.expressions`) and rules
(:mod:`.rules`); structure sums and growth against levels (:mod:`.consistency`);
outliers (:mod:`.outliers`); units and magnitudes (:mod:`.plausibility`); checks against
the area tree (:mod:`.areas`); :func:`validate` runs them all.
"""

from chitieu.core.analysis.validation.checks import validate
from chitieu.core.analysis.validation.expressions import (
    ExpressionError,
    parse_expression,
    references,
)
from chitieu.core.analysis.validation.rules import Missing, Rule
from chitieu.core.analysis.validation.violations import IMPORTANCE_LABEL, Importance, Violation

__all__ = [
    "IMPORTANCE_LABEL",
    "ExpressionError",
    "Importance",
    "Missing",
    "Rule",
    "Violation",
    "parse_expression",
    "references",
    "validate",
]
