"""The definition as a whole: its header, its lists and targets, and what ties them.

Each part is read by its own module (:mod:`.catalogue`, :mod:`.targets`); here they are
put together in the order the problems were always found, the references between parts
are checked (the resolution's area, areas' parents, the indicators named by relations and
validation rules), and every problem of the file is raised at once, sorted by line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chitieu.core.model import Resolution, Text
from chitieu.definitions.errors import DefinitionError, Problem
from chitieu.definitions.resolution.catalogue import (
    check_area_links,
    read_areas,
    read_groups,
    read_indicators,
)
from chitieu.definitions.resolution.document import MAX_PROBLEMS, ResolutionDocument, text_of
from chitieu.definitions.resolution.targets import read_targets
from chitieu.definitions.schema import AreaSpec, GroupSpec, IndicatorSpec, ResolutionHeader
from chitieu.definitions.yamlpaths import Path_
from chitieu.definitions.yamlpaths import known as _known

__all__ = ["assemble"]


def assemble(doc: ResolutionDocument) -> Resolution:
    """The resolution of a parsed document, or a :class:`DefinitionError` with every problem."""
    if doc.root is None:
        doc.problems.append(Problem(doc.filename, 1, "", "the document is empty"))
        raise DefinitionError(doc.problems)
    if not isinstance(doc.root, Mapping):
        doc.problems.append(
            Problem(doc.filename, 1, "", "the document must be a mapping (key: value)")
        )
        raise DefinitionError(doc.problems)
    doc.data = doc.plain(doc.root, ())
    for path, message in doc.pending:
        doc.add(path, message)
    resolution = _build(doc)
    if doc.problems or resolution is None:
        doc.problems.sort(key=lambda p: (p.line is None, p.line or 0))
        if doc.more:
            more = f"… and {doc.more} more problems (only the first {MAX_PROBLEMS} are listed)"
            doc.problems.append(Problem(doc.filename, None, "", more))
        raise DefinitionError(doc.problems)
    return resolution


def _build(doc: ResolutionDocument) -> Resolution | None:
    header = doc.validate(ResolutionHeader, doc.data, ())
    period = header.period if header is not None else None
    doc_source = header.source if header is not None else None
    doc.base_doc = doc_source.document if doc_source else ""
    doc.base_url = doc_source.url if doc_source else ""

    areas = read_areas(doc, doc.items("areas", AreaSpec))
    indicators = read_indicators(doc, doc.items("indicators", IndicatorSpec))
    groups = read_groups(doc, doc.items("groups", GroupSpec))

    targets = read_targets(doc, "targets", period, indicators, groups)
    extra = read_targets(doc, "extra_targets", period, indicators, groups)

    if header is not None:
        if header.area not in areas:
            doc.add(("area",), f"unknown area {header.area!r}" + _known(areas))
        if header.base_year >= header.period[0]:
            doc.add(
                ("base_year",),
                f"base year {header.base_year} is not before the period "
                f"{header.period[0]}-{header.period[1]}",
            )
        if header.counted_targets is not None and header.counted_targets < len(targets):
            doc.add(
                ("counted_targets",),
                f"the source counts {header.counted_targets} targets but "
                f"{len(targets)} are defined",
            )
    check_area_links(doc, areas)

    if header is not None:
        _check_analysis(doc, header, indicators)

    if header is None or doc.problems:
        return None
    return Resolution(
        id=header.id,
        title=text_of(header.title),
        body=text_of(header.body),
        base_year=header.base_year,
        period=header.period,
        area=header.area,
        groups=tuple(g for _, g in groups.values()),
        targets=tuple(targets),
        indicators=tuple(ind for _, ind in indicators.values()),
        areas=tuple(a for _, a in areas.values()),
        source=doc.citation(header.source),
        extra_targets=tuple(extra),
        counted_targets=header.counted_targets,
        counted_note=text_of(header.counted_note) if header.counted_note else Text(""),
    )


def _check_analysis(
    doc: ResolutionDocument, header: ResolutionHeader, indicators: Mapping[str, Any]
) -> None:
    """Relations and validation rules may only name indicators of this file."""
    from chitieu.core.analysis.validation import ExpressionError, parse_expression, references

    def known(code: str | None, path: Path_) -> None:
        if code is not None and code not in indicators:
            doc.add(path, f"unknown indicator {code!r}" + _known(indicators))

    rel = header.relations
    if rel is not None:
        for i, st in enumerate(rel.structures):
            known(st.total_growth, ("relations", "structures", i, "total_growth"))
            for j, part in enumerate(st.parts):
                for key in ("share", "growth"):
                    path = ("relations", "structures", i, "parts", j, key)
                    known(getattr(part, key), path)
        for name in ("per_capita", "investment", "growth_of"):
            for i, item in enumerate(getattr(rel, name)):
                for key, code in item.model_dump().items():
                    if key != "tolerance":
                        known(code, ("relations", name, i, key))
    for i, rule in enumerate(header.validation_rules):
        for side in ("left", "right"):
            where: Path_ = ("validation_rules", i, side)
            try:
                refs = references(parse_expression(getattr(rule, side)))
            except ExpressionError as exc:
                doc.add(where, str(exc))
                continue
            for code in sorted(refs):
                known(code, where)
