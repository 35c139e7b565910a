"""The targets of a resolution (and its extra targets): ids, numbers, groups, headline
clause and the verdict the source reported; their clauses are read by :mod:`.clauses`."""

from __future__ import annotations

from collections.abc import Mapping

from chitieu.core.model import Citation, ExternalAssessment, Group, Indicator, Target, Verdict
from chitieu.definitions.resolution.clauses import read_clauses
from chitieu.definitions.resolution.document import ResolutionDocument, text_of
from chitieu.definitions.schema import TargetItem
from chitieu.definitions.yamlpaths import Path_
from chitieu.definitions.yamlpaths import known as _known

__all__ = ["read_targets"]


def read_targets(
    doc: ResolutionDocument,
    key: str,
    period: tuple[int, int] | None,
    indicators: Mapping[str, tuple[Path_, Indicator]],
    groups: Mapping[str, tuple[Path_, Group]],
) -> list[Target]:
    out: list[Target] = []
    items = doc.data.get(key)
    for i, raw_target in enumerate(items if isinstance(items, list) else []):
        path: Path_ = (key, i)
        spec = doc.validate(TargetItem, raw_target, path)
        if spec is None:
            # Still check the clauses, so that every problem of the file is reported.
            if isinstance(raw_target, Mapping) and isinstance(raw_target.get("clauses"), list):
                known = raw_target.get("value_known", True)
                read_clauses(
                    doc,
                    path,
                    raw_target["clauses"],
                    known if isinstance(known, bool) else True,
                    period,
                    indicators,
                    Citation(),
                )
            continue
        ok = True
        if spec.id in doc.target_ids:
            doc.add((*path, "id"), f"duplicate target id {spec.id!r}")
            ok = False
        else:
            doc.target_ids[spec.id] = path
        if spec.group not in groups:
            doc.add((*path, "group"), f"unknown group {spec.group!r}" + _known(groups))
        if key == "extra_targets" and spec.number is not None:
            doc.add((*path, "number"), "extra targets are not numbered (remove number)")
        elif spec.number is not None:
            if spec.number in doc.numbers:
                doc.add((*path, "number"), f"duplicate target number {spec.number}")
            else:
                doc.numbers[spec.number] = path

        target_source = doc.citation(spec.source)
        declared, clauses = read_clauses(
            doc, path, spec.clauses, spec.value_known, period, indicators, target_source
        )

        if spec.value_known and not spec.clauses:
            doc.add(
                (*path, "clauses"),
                "a target with a known value needs at least one clause (or set value_known: false)",
            )
        headline = spec.headline
        if headline is not None:
            if headline not in declared:
                doc.add(
                    (*path, "headline"),
                    f"headline clause {headline!r} is not a clause of this target"
                    + (f" (clauses: {', '.join(declared)})" if declared else ""),
                )
                ok = False
            elif headline not in {c.id for c in clauses}:
                headline = None  # value_known: false, the clause has no value
        if not ok:
            continue
        reported = None
        if spec.reported is not None:
            reported = ExternalAssessment(
                verdict=Verdict(spec.reported.verdict),
                citation=doc.citation(spec.reported.citation),
                met_early_years=spec.reported.met_early_years,
                note=spec.reported.note,
            )
        out.append(
            Target(
                id=spec.id,
                group=spec.group,
                text=spec.text,
                clauses=tuple(clauses),
                number=spec.number,
                headline=headline,
                label=text_of(spec.label),
                source=target_source,
                reported=reported,
                value_known=spec.value_known,
            )
        )
    return out
