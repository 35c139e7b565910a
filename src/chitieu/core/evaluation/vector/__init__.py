"""Every clause for every area at once: the evaluation rules of ``evaluate.py`` on arrays.

The reference path (:func:`chitieu.core.evaluation.evaluate_resolution`) judges one area's
clauses on Decimal figures and writes an explanation for each; it is the definition of
the rules. Evaluating a ministry's 3.000 areas × 65 clauses that way costs minutes. Here
each clause is judged for all areas together on a year × area array of float figures
(NumPy), and no explanation is written (ask the reference path for one area when a
reader opens it).

Floats are only trusted away from the edges. Wherever the float statistic lies within
a hair (``EPS``, relative) of a number it is compared with — a bound, a pace threshold,
a required pace of zero — or the figures need something the arrays do not carry (a
period figure such as "2016–2020", a unit converted with an exchange rate, a growth
rate of −100 % or less), that clause × area is handed back to the reference path with
its own Decimal figures (``reference``). So the verdicts are the reference verdicts by
construction, and the property tests (tests/core/evaluation/vector/test_properties.py)
check that on random resolutions and series.

The modules mirror the reference path: the figures as columns (:mod:`.columns`) and as
area × year arrays (:mod:`.cube`); one clause's cells and how they are judged against
the bound and the pace (:mod:`.cells`); one module per clause kind (:mod:`.levels`,
:mod:`.growth`, :mod:`.totals`); and :mod:`.evaluate`, which runs every clause and hands
the undecided cells to the reference path.
"""

from chitieu.core.evaluation.vector.arrays import VERDICTS, IntArray
from chitieu.core.evaluation.vector.columns import FigureColumns, from_observations
from chitieu.core.evaluation.vector.evaluate import AreaVerdicts, evaluate_all_areas

__all__ = [
    "VERDICTS",
    "AreaVerdicts",
    "FigureColumns",
    "IntArray",
    "evaluate_all_areas",
    "from_observations",
]
