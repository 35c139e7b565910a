"""Yearly figures per indicator as area × year arrays, converted to the unit a clause asks for."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import numpy as np

from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.vector.arrays import BoolArray, FloatArray, IntArray
from chitieu.core.evaluation.vector.columns import FigureColumns
from chitieu.core.model import Resolution
from chitieu.core.units import Quantity, UnknownUnitError, parse_unit, uses_rate

__all__ = ["Cube"]


class Cube:
    """Yearly figures per indicator as area × year arrays, in any unit asked for.

    ``dirty[indicator]`` marks areas whose figures the arrays do not carry faithfully
    for the kinds that read period figures (a span such as 2016–2020 exists);
    ``unsure(indicator, unit)`` marks areas with a figure that needs an exchange rate
    or cannot be read in that unit.
    """

    def __init__(
        self,
        resolution: Resolution,
        figures: FigureColumns,
        codes: Sequence[str],
        as_of: int,
        settings: EvaluationSettings,
    ) -> None:
        self.settings = settings
        self.n = len(codes)
        position = {code: i for i, code in enumerate(codes)}
        area_pos = np.array([position.get(code, -1) for code in figures.areas], dtype=np.int64)
        wanted = {i.code for i in resolution.indicators}
        ind_ok = np.array([code in wanted for code in figures.indicators], dtype=bool)
        pos = area_pos[figures.area] if len(figures) else np.zeros(0, dtype=np.int64)
        keep = (pos >= 0) & ind_ok[figures.indicator] if len(figures) else pos >= 0
        keep &= figures.period_end <= as_of
        yearly = keep & (figures.period_start == figures.period_end)
        span = keep & ~yearly
        years = figures.period_end[yearly]
        self.y0 = int(years.min()) if years.size else as_of
        self.y1 = as_of
        width = self.y1 - self.y0 + 1
        self.units = figures.units
        self._values: dict[str, FloatArray] = {}
        self._unit_codes: dict[str, IntArray] = {}
        self._dirty: dict[str, BoolArray] = {}
        self._exact: dict[str, BoolArray] = {}
        # one scatter per array into indicator × area × year blocks; per-indicator views
        shape = (len(figures.indicators), self.n, width)
        at = (figures.indicator[yearly], pos[yearly], years - self.y0)
        values = np.full(shape, np.nan)
        values[at] = figures.value[yearly]
        units = np.full(shape, -1, dtype=np.int64)
        units[at] = figures.unit[yearly]
        exact = np.zeros(shape, dtype=bool)
        exact[at] = figures.exact[yearly]
        dirty = np.zeros(shape[:2], dtype=bool)
        dirty[figures.indicator[span], pos[span]] = True
        for i, code in enumerate(figures.indicators):
            if ind_ok[i]:
                self._values[code], self._unit_codes[code] = values[i], units[i]
                self._exact[code], self._dirty[code] = exact[i], dirty[i]

    def series(self, indicator: str, unit: str) -> tuple[FloatArray, BoolArray, BoolArray]:
        """Figures in ``unit`` (area × year, NaN where none), the areas to refer, and where
        a figure is its recorded decimal exactly as read (``raw``: equality decides ties)."""
        values = self._values.get(indicator)
        shape = (self.n, self.y1 - self.y0 + 1)
        if values is None:
            return np.full(shape, np.nan), np.zeros(self.n, bool), np.zeros(shape, bool)
        codes = self._unit_codes[indicator]
        unsure = np.zeros(self.n, dtype=bool)
        raw = self._exact[indicator].copy()
        out = values.copy()
        for u in np.unique(codes[codes >= 0]).tolist():
            factor = self._factor(self.units[u], unit)
            here = codes == u
            if factor is None:
                unsure |= here.any(axis=1)
            elif factor != 1.0:
                out[here] = values[here] * factor
                raw[here] = False
        return out, unsure, raw

    def dirty(self, indicator: str) -> BoolArray:
        found = self._dirty.get(indicator)
        return found if found is not None else np.zeros(self.n, dtype=bool)

    def _factor(self, source: str, target: str) -> float | None:
        if source == target:
            return 1.0
        try:
            if uses_rate(source, target):
                return None
            return float(Quantity(Decimal(1), parse_unit(source)).to(target).value)
        except (UnknownUnitError, ValueError):
            return None

    def column(self, values: FloatArray, year: int) -> FloatArray:
        if self.y0 <= year <= self.y1:
            return values[:, year - self.y0]
        return np.full(self.n, np.nan)
