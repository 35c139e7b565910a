"""The named things a resolution declares and its targets refer to: areas, indicators,
groups. Each list is read into ``{code: (path, item)}`` so later problems can point back
at the item's line."""

from __future__ import annotations

from collections.abc import Mapping

from chitieu.core.model import Area, Group, Indicator
from chitieu.definitions.resolution.document import ResolutionDocument, plain_citation, text_of
from chitieu.definitions.schema import AreaSpec, GroupSpec, IndicatorSpec
from chitieu.definitions.yamlpaths import Path_
from chitieu.definitions.yamlpaths import known as _known

__all__ = ["check_area_links", "read_areas", "read_groups", "read_indicators"]


def read_areas(
    doc: ResolutionDocument, specs: list[tuple[int, AreaSpec]]
) -> dict[str, tuple[Path_, Area]]:
    out: dict[str, tuple[Path_, Area]] = {}
    for i, spec in specs:
        path: Path_ = ("areas", i)
        if spec.code in out:
            doc.add((*path, "code"), f"duplicate area code {spec.code!r}")
            continue
        if spec.valid_from and spec.valid_to and spec.valid_from > spec.valid_to:
            doc.add((*path, "valid_to"), "valid_to is before valid_from")
        out[spec.code] = (
            path,
            Area(
                code=spec.code,
                name=text_of(spec.name),
                parent=spec.parent,
                valid_from=spec.valid_from.isoformat() if spec.valid_from else None,
                valid_to=spec.valid_to.isoformat() if spec.valid_to else None,
                predecessors=tuple(spec.predecessors),
            ),
        )
    return out


def check_area_links(doc: ResolutionDocument, areas: Mapping[str, tuple[Path_, Area]]) -> None:
    """An area's parent and predecessors are areas of the same file."""
    for code, (path, area) in areas.items():
        if area.parent is not None and area.parent not in areas:
            doc.add((*path, "parent"), f"unknown area {area.parent!r}" + _known(areas))
        for j, pred in enumerate(area.predecessors):
            if pred not in areas:
                doc.add((*path, "predecessors", j), f"unknown area {pred!r}" + _known(areas))
            elif pred == code:
                doc.add((*path, "predecessors", j), "an area cannot be its own predecessor")


def read_indicators(
    doc: ResolutionDocument, specs: list[tuple[int, IndicatorSpec]]
) -> dict[str, tuple[Path_, Indicator]]:
    out: dict[str, tuple[Path_, Indicator]] = {}
    for i, spec in specs:
        path: Path_ = ("indicators", i)
        if spec.code in out:
            doc.add((*path, "code"), f"duplicate indicator code {spec.code!r}")
            continue
        doc.check_unit(spec.unit, (*path, "unit"))
        out[spec.code] = (
            path,
            Indicator(
                code=spec.code,
                name=text_of(spec.name),
                unit=spec.unit,
                direction=spec.direction,
                measure=spec.measure,
                aggregation=spec.aggregation,
                source=plain_citation(spec.source),
                time_aggregation=spec.time_aggregation,
            ),
        )
    return out


def read_groups(
    doc: ResolutionDocument, specs: list[tuple[int, GroupSpec]]
) -> dict[str, tuple[Path_, Group]]:
    out: dict[str, tuple[Path_, Group]] = {}
    for i, spec in specs:
        if spec.code in out:
            doc.add(("groups", i, "code"), f"duplicate group code {spec.code!r}")
            continue
        out[spec.code] = (("groups", i), Group(spec.code, text_of(spec.name)))
    return out
