"""The five "rõ" of a task, as far as its text states them (docs/tasks.md): objective
(clauses of the resolution), roadmap (milestones), responsibility (agencies), resources
and review. Words taken from the task itself must be a quotation of it."""

from __future__ import annotations

import datetime

from chitieu.core.model import Citation
from chitieu.core.tasks.model import Milestone, Resource, Responsibility, Review, quote_key
from chitieu.definitions.schema import CitationSpec
from chitieu.definitions.tasks.document import TaskDocument, close_match
from chitieu.definitions.tasks.schema import TaskSpec
from chitieu.definitions.yamlpaths import Path_

__all__ = [
    "check_objective",
    "read_milestones",
    "read_resources",
    "read_responsibility",
    "read_review",
]


def check_objective(
    doc: TaskDocument, spec: TaskSpec, path: Path_, clauses: set[str], resolution_id: str
) -> None:
    """The objective names clauses of the resolution."""
    for j, clause in enumerate(spec.objective):
        if clause not in clauses:
            doc.add(
                (*path, "objective", j),
                f"unknown clause {clause!r} of {resolution_id}" + close_match(clause, clauses),
            )


def read_milestones(
    doc: TaskDocument,
    spec: TaskSpec,
    path: Path_,
    clauses: set[str],
    task_key: str,
    document: str,
) -> tuple[Milestone, ...]:
    out: list[Milestone] = []
    for j, ms in enumerate(spec.milestones):
        mpath: Path_ = (*path, "milestones", j)
        if ms.id in {m.id for m in out}:
            doc.add((*mpath, "id"), f"duplicate milestone id {ms.id!r}")
            continue
        if ms.clause is not None and ms.clause not in clauses:
            doc.add(
                (*mpath, "clause"),
                f"unknown clause {ms.clause!r}" + close_match(ms.clause, clauses),
            )
        _quoted(doc, ms.text, ms.source, task_key, (*mpath, "text"))
        if isinstance(ms.deadline, datetime.date):
            year, on = ms.deadline.year, ms.deadline
        else:
            year, on = ms.deadline, None
        out.append(Milestone(ms.id, ms.text, year, on, ms.clause, _citation(ms.source, document)))
    return tuple(out)


def read_responsibility(
    doc: TaskDocument,
    spec: TaskSpec,
    path: Path_,
    agency_codes: set[str] | None,
    task_key: str,
    document: str,
) -> Responsibility:
    r = spec.responsibility
    if r is None:
        return Responsibility()
    rpath: Path_ = (*path, "responsibility")
    named = ([("lead", r.lead)] if r.lead else []) + [
        (j, code) for j, code in enumerate(r.cooperating)
    ]
    if not named:
        doc.add(rpath, "responsibility names no agency (leave it out when the text names none)")
    if named and not r.text and r.source is None:
        doc.add(
            (*rpath, "text"),
            "quote the words that name the agencies (or cite another document in source)",
            anchor=rpath,
        )
    if r.lead is not None and r.lead in r.cooperating:
        doc.add((*rpath, "cooperating"), f"{r.lead!r} is already the lead agency")
    if agency_codes is not None:
        for key, code in named:
            where: Path_ = (*rpath, "lead") if key == "lead" else (*rpath, "cooperating", key)
            if code not in agency_codes:
                doc.add(where, f"unknown agency {code!r}" + close_match(code, agency_codes))
    _quoted(doc, r.text, r.source, task_key, (*rpath, "text"))
    return Responsibility(r.lead, tuple(r.cooperating), r.text, _citation(r.source, document))


def read_resources(
    doc: TaskDocument, spec: TaskSpec, path: Path_, task_key: str, document: str
) -> tuple[Resource, ...]:
    out: list[Resource] = []
    for j, res in enumerate(spec.resources):
        rpath: Path_ = (*path, "resources", j)
        if res.amount is not None and not res.unit:
            doc.add((*rpath, "unit"), "an amount needs its unit", anchor=(*rpath, "amount"))
            continue
        _quoted(doc, res.text, res.source, task_key, (*rpath, "text"))
        out.append(Resource(res.text, res.amount, res.unit, _citation(res.source, document)))
    return tuple(out)


def read_review(
    doc: TaskDocument, spec: TaskSpec, path: Path_, task_key: str, document: str
) -> Review | None:
    if spec.review is None:
        return None
    _quoted(doc, spec.review.text, spec.review.source, task_key, (*path, "review", "text"))
    return Review(spec.review.cadence, spec.review.text, _citation(spec.review.source, document))


def _quoted(
    doc: TaskDocument, text: str, source: CitationSpec | None, task_key: str, path: Path_
) -> None:
    """Words taken from the task itself must be a quotation of it: chitieu never writes a
    responsibility or a resource the text does not state. Another document is cited."""
    if not text or source is not None:
        return
    if quote_key(text) not in task_key:
        doc.add(
            path,
            f"{text!r} is not a quotation of the task's text "
            "(quote it exactly, or cite the document it comes from in source)",
        )


def _citation(spec: CitationSpec | None, document: str) -> Citation | None:
    if spec is None:
        return None
    return Citation(
        spec.document or document, spec.section, spec.line, spec.url, spec.date, spec.quote
    )
