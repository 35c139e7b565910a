"""Read ``tasks.yaml``: a resolution's task groups, their sections and their tasks.

A task's objective and milestones name clauses of the resolution and its agencies are
listed in ``agencies.yaml``; the five "rõ" of each task are read by :mod:`.five_ro`.
"""

from __future__ import annotations

from pathlib import Path

from chitieu.core.agencies import AgencyDirectory
from chitieu.core.model import Resolution, Text
from chitieu.core.tasks.model import (
    Task,
    TaskGroup,
    TaskKind,
    TaskPlan,
    TaskSection,
    TaskSource,
    quote_key,
)
from chitieu.definitions.tasks.document import TaskDocument, read_text
from chitieu.definitions.tasks.five_ro import (
    check_objective,
    read_milestones,
    read_resources,
    read_responsibility,
    read_review,
)
from chitieu.definitions.tasks.schema import GroupSpec, TasksHeader, TaskSpec
from chitieu.definitions.yamlpaths import Path_
from chitieu.definitions.yamlpaths import known as _known

__all__ = ["load_tasks", "load_tasks_text"]


def load_tasks(
    path: Path, resolution: Resolution, agencies: AgencyDirectory | None = None
) -> TaskPlan:
    """Read ``tasks.yaml`` for ``resolution``; agency codes are checked when ``agencies``
    is given."""
    return load_tasks_text(read_text(path), str(path), resolution, agencies)


def load_tasks_text(
    text: str,
    filename: str,
    resolution: Resolution,
    agencies: AgencyDirectory | None = None,
) -> TaskPlan:
    doc = TaskDocument(filename, text)
    header = doc.validate(TasksHeader, doc.data, ())
    document = header.source.document if header else ""
    base_section = header.source.section if header else ""
    if header is not None and header.resolution != resolution.id:
        doc.add(
            ("resolution",), f"the file is for {header.resolution!r}, not for {resolution.id!r}"
        )

    groups = _groups(doc, document, base_section)
    clauses = {c.id for t in (*resolution.targets, *resolution.extra_targets) for c in t.clauses}
    agency_codes = {a.code for a in agencies.agencies} if agencies is not None else None
    tasks: list[Task] = []
    seen: set[str] = set()
    breakthrough_no = 0
    for i, raw in enumerate(doc.data.get("tasks") or []):
        path: Path_ = ("tasks", i)
        spec = doc.validate(TaskSpec, raw, path)
        if spec is None:
            continue
        before = len(doc.problems)
        if spec.id in seen:
            doc.add((*path, "id"), f"duplicate task id {spec.id!r}")
        seen.add(spec.id)
        group = groups.get(spec.group)
        if group is None:
            doc.add((*path, "group"), f"unknown task group {spec.group!r}" + _known(groups))
        elif spec.section is not None and spec.section not in {s.number for s in group.sections}:
            numbers = ", ".join(s.number for s in group.sections) or "none"
            doc.add(
                (*path, "section"),
                f"group {group.code} has no section {spec.section!r} (sections: {numbers})",
            )
        if spec.kind is TaskKind.BREAKTHROUGH:
            breakthrough_no += 1
        check_objective(doc, spec, path, clauses, resolution.id)
        task_key = quote_key(spec.text)
        milestones = read_milestones(doc, spec, path, clauses, task_key, document)
        responsibility = read_responsibility(doc, spec, path, agency_codes, task_key, document)
        resources = read_resources(doc, spec, path, task_key, document)
        review = read_review(doc, spec, path, task_key, document)
        if len(doc.problems) > before or group is None:
            continue
        if spec.kind is TaskKind.BREAKTHROUGH and group.number is None:
            section = f"{base_section}, đột phá ({breakthrough_no})"
        else:
            section = f"{base_section}.{spec.section or group.number}"
        tasks.append(
            Task(
                id=spec.id,
                group=spec.group,
                text=spec.text,
                title=Text(spec.title.vi, spec.title.en),
                source=TaskSource(document, section, *spec.lines),
                kind=spec.kind,
                section=spec.section,
                objective=tuple(spec.objective),
                milestones=milestones,
                responsibility=responsibility,
                resources=resources,
                review=review,
            )
        )
    doc.raise_problems()
    assert header is not None  # otherwise a problem was raised
    return TaskPlan(header.resolution, tuple(groups.values()), tuple(tasks))


def _groups(doc: TaskDocument, document: str, base_section: str) -> dict[str, TaskGroup]:
    groups: dict[str, TaskGroup] = {}
    numbers: set[int] = set()
    for i, raw in enumerate(doc.data.get("groups") or []):
        path: Path_ = ("groups", i)
        spec = doc.validate(GroupSpec, raw, path)
        if spec is None:
            continue
        if spec.code in groups:
            doc.add((*path, "code"), f"duplicate group code {spec.code!r}")
            continue
        if spec.number is not None:
            if spec.number in numbers:
                doc.add((*path, "number"), f"duplicate group number {spec.number}")
            numbers.add(spec.number)
        sections: list[TaskSection] = []
        for j, sec in enumerate(spec.sections):
            spath: Path_ = (*path, "sections", j, "number")
            if spec.number is None or not sec.number.startswith(f"{spec.number}."):
                doc.add(spath, f"section {sec.number!r} does not belong to group {spec.number}")
            if sec.number in {s.number for s in sections}:
                doc.add(spath, f"duplicate section {sec.number!r}")
            sections.append(
                TaskSection(
                    sec.number,
                    Text(sec.title.vi, sec.title.en),
                    sec.text,
                    TaskSource(document, f"{base_section}.{sec.number}", *sec.lines),
                )
            )
        where = f"{base_section}.{spec.number}" if spec.number is not None else base_section
        groups[spec.code] = TaskGroup(
            code=spec.code,
            number=spec.number,
            title=Text(spec.title.vi, spec.title.en),
            text=spec.text,
            source=TaskSource(document, where, *spec.lines),
            sections=tuple(sections),
        )
    return groups
