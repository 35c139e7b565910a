"""How indicators of a resolution relate: the knowledge ``check`` and ``validate`` need.

A definition says which shares form a structure and which growth rate drives each part,
which level is a total per head, which investment feeds which output. None of this can
be guessed from codes, so it is stated in the definition (``analysis:``) and carried here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from chitieu.core.model import Text


@dataclass(frozen=True)
class StructurePart:
    share: str  # indicator of the part's share (%)
    growth: str | None = None  # indicator of the part's real growth (%/year)


@dataclass(frozen=True)
class Structure:
    """Shares that add up to 100 % (e.g. GRDP by sector), with their growth drivers."""

    id: str
    parts: tuple[StructurePart, ...]
    label: Text = field(default_factory=lambda: Text(""))
    total_growth: str | None = None  # the aggregate's growth indicator
    tolerance: Decimal = Decimal("0.5")  # percentage points, for rounding in sources


@dataclass(frozen=True)
class PerCapita:
    """A per-head level in a currency (GRDP/người, USD) and the real growth of its total."""

    indicator: str
    growth: str


@dataclass(frozen=True)
class Investment:
    """Investment over the term against the output it should raise (ICOR)."""

    indicator: str  # cumulative investment over the period
    output: str  # output level (GRDP, current prices) in the base year
    growth: str  # real growth of the output (%/year)


@dataclass(frozen=True)
class GrowthOf:
    """A published growth rate and the level series it describes."""

    growth: str
    level: str
    tolerance: Decimal = Decimal("0.1")  # percentage points


@dataclass(frozen=True)
class Relations:
    structures: tuple[Structure, ...] = ()
    per_capita: tuple[PerCapita, ...] = ()
    investment: tuple[Investment, ...] = ()
    growth_of: tuple[GrowthOf, ...] = ()
