"""Areas over time: hierarchy, validity periods, lineage, and aggregation across areas.

Boundaries change (1/7/2025: Hải Phòng merged with Hải Dương, district level abolished).
An area code names one territory for one validity period; a successor is another area,
linked by ``predecessors``. A series is never continued across that link: figures for
the merged city describe another territory. Flows add up over the children valid in a
year; ratios add up through their numerator and denominator, never by averaging.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from chitieu.core.model import Area, Resolution, Text
from chitieu.core.observations import Observation


def _date(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _dmy(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


@dataclass(frozen=True)
class AreaTree:
    areas: Mapping[str, Area]

    @classmethod
    def of(cls, areas: Sequence[Area]) -> AreaTree:
        return cls({a.code: a for a in areas})

    @classmethod
    def from_resolution(cls, resolution: Resolution) -> AreaTree:
        return cls.of(resolution.areas)

    def valid_on(self, code: str, day: date) -> bool:
        a = self.areas[code]
        start, end = _date(a.valid_from), _date(a.valid_to)
        return (start is None or start <= day) and (end is None or day <= end)

    def valid_in(self, code: str, year: int) -> bool:
        """Whether the area existed on any day of ``year``."""
        a = self.areas[code]
        start, end = _date(a.valid_from), _date(a.valid_to)
        return (start is None or start.year <= year) and (end is None or year <= end.year)

    def whole_year(self, code: str, year: int) -> bool:
        """Whether the area existed on every day of ``year`` (a yearly flow is comparable)."""
        return self.valid_on(code, date(year, 1, 1)) and self.valid_on(code, date(year, 12, 31))

    def validity_label(self, code: str, lang: str = "vi") -> str:
        a = self.areas[code]
        start, end = _date(a.valid_from), _date(a.valid_to)
        if start and end:
            return f"{_dmy(start)}–{_dmy(end)}"
        if start:
            return f"từ {_dmy(start)}" if lang == "vi" else f"from {_dmy(start)}"
        if end:
            return f"đến {_dmy(end)}" if lang == "vi" else f"until {_dmy(end)}"
        return "không giới hạn" if lang == "vi" else "unlimited"

    def children(self, code: str, year: int | None = None) -> list[str]:
        return sorted(
            c
            for c, a in self.areas.items()
            if a.parent == code and (year is None or self.whole_year(c, year))
        )

    def ancestors(self, code: str) -> list[str]:
        out: list[str] = []
        parent = self.areas[code].parent
        while parent is not None and parent in self.areas and parent not in out:
            out.append(parent)
            parent = self.areas[parent].parent
        return out

    def successors(self, code: str) -> list[str]:
        return sorted(c for c, a in self.areas.items() if code in a.predecessors)

    def lineage(self, code: str) -> list[str]:
        """Every area this one descends from, nearest first (predecessors of predecessors)."""
        out: list[str] = []
        todo = list(self.areas[code].predecessors)
        while todo:
            p = todo.pop(0)
            if p not in out:
                out.append(p)
                if p in self.areas:
                    todo.extend(self.areas[p].predecessors)
        return out


@dataclass(frozen=True)
class Aggregate:
    value: float | None
    parts: tuple[str, ...]
    missing: tuple[str, ...]
    note: Text | None = None


def sum_flows(tree: AreaTree, parent: str, year: int, values: Mapping[str, float]) -> Aggregate:
    """A flow of ``parent`` as the sum over its children valid all of ``year``."""
    kids = tree.children(parent, year)
    missing = tuple(k for k in kids if k not in values)
    if not kids or missing:
        return Aggregate(None, tuple(kids), missing, _incomplete(missing))
    return Aggregate(sum(values[k] for k in kids), tuple(kids), ())


def ratio_of_sums(
    tree: AreaTree,
    parent: str,
    year: int,
    numerators: Mapping[str, float],
    denominators: Mapping[str, float],
    scale: float = 100.0,
) -> Aggregate:
    """A ratio of ``parent``: Σ numerators / Σ denominators × scale (never a mean of ratios)."""
    kids = tree.children(parent, year)
    missing = tuple(k for k in kids if k not in numerators or k not in denominators)
    if not kids or missing:
        return Aggregate(None, tuple(kids), missing, _incomplete(missing))
    den = sum(denominators[k] for k in kids)
    if den == 0:
        return Aggregate(None, tuple(kids), (), Text("Mẫu số bằng 0.", "The denominator is 0."))
    return Aggregate(sum(numerators[k] for k in kids) / den * scale, tuple(kids), ())


def _incomplete(missing: Sequence[str]) -> Text | None:
    if not missing:
        return Text("Không có đơn vị cấp dưới.", "No sub-areas.")
    names = ", ".join(missing)
    return Text(f"Thiếu số liệu của: {names}.", f"Missing figures for: {names}.")


def same_territory(
    tree: AreaTree, area: str, observations: Sequence[Observation]
) -> tuple[list[Observation], list[Observation]]:
    """Split figures into those of ``area`` itself and those of its successors.

    The second list is shown (e.g. "the 2025 figure exists only for the merged city"),
    never appended to the first: the successor describes another territory.
    """
    successors = set(tree.successors(area)) if area in tree.areas else set()
    own = [o for o in observations if o.area == area]
    other = [o for o in observations if o.area in successors]
    return own, other
