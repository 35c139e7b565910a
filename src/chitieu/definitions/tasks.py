"""Load a resolution's tasks (``tasks.yaml``) and agencies (``agencies.yaml``).

Same conventions as the resolution loader: ruamel.yaml's round-trip reader (so every
problem has a line), pydantic for the shape, every problem of a file collected into one
:class:`DefinitionError`. The references that make the files useful are checked here:
a task's objective and milestones name clauses of the resolution, its agencies are
listed in ``agencies.yaml``, every indicator has exactly one reporting agency, and every
"rõ" taken from the task's own words is a quotation of them. The format is documented
in ``docs/tasks.md``.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, Field, ValidationError
from pydantic_core import PydanticCustomError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from chitieu.core.agencies import Agency, AgencyDirectory, AgencyKind
from chitieu.core.model import Citation, Resolution, Text
from chitieu.core.tasks.model import (
    Milestone,
    Resource,
    Responsibility,
    Review,
    ReviewCadence,
    Task,
    TaskGroup,
    TaskKind,
    TaskPlan,
    TaskSection,
    TaskSource,
    quote_key,
)
from chitieu.definitions.errors import DefinitionError, Problem
from chitieu.definitions.schema import (
    CitationSpec,
    Code,
    Model,
    NonEmpty,
    Number,
    TextIn,
    TextSpec,
    Year,
)
from chitieu.definitions.yamlpaths import dotted as _dotted
from chitieu.definitions.yamlpaths import get as _get
from chitieu.definitions.yamlpaths import known as _known
from chitieu.definitions.yamlpaths import line_of as _line_of
from chitieu.definitions.yamlpaths import nfc as _nfc

__all__ = [
    "AGENCIES_FORMAT",
    "TASKS_FORMAT",
    "load_agencies",
    "load_agencies_text",
    "load_tasks",
    "load_tasks_text",
]

TASKS_FORMAT = "chitieu/tasks@1"
AGENCIES_FORMAT = "chitieu/agencies@1"

Path_ = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

_LINES_RE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")


def _to_lines(value: Any) -> tuple[int, int]:
    """``411`` or ``"446-447"``: the lines of the source a paragraph occupies."""
    if isinstance(value, int) and not isinstance(value, bool):
        first = last = value
    elif isinstance(value, str) and (m := _LINES_RE.match(value)):
        first = int(m.group(1))
        last = int(m.group(2) or m.group(1))
    else:
        raise PydanticCustomError(
            "lines", "{message}", {"message": f"not a line or line range: {value!r} (411, 446-447)"}
        )
    if first < 1 or last < first:
        raise PydanticCustomError(
            "lines", "{message}", {"message": f"bad line range {first}-{last}"}
        )
    return (first, last)


Lines = Annotated[tuple[int, int], BeforeValidator(_to_lines)]


# -- shapes ------------------------------------------------------------------------------------


class AgencySpec(Model):
    code: Code
    name: TextIn
    kind: AgencyKind = AgencyKind.STATE


class AgenciesHeader(Model):
    format: Literal["chitieu/agencies@1"]
    resolution: Code | None = None
    agencies: list[Any]
    indicators: dict[str, Any] = Field(default_factory=dict)


class SourceSpec(Model):
    document: str = ""
    section: str = ""


class SectionSpec(Model):
    number: NonEmpty
    title: TextIn
    text: NonEmpty
    lines: Lines


class GroupSpec(Model):
    code: Code
    number: Annotated[int, Field(ge=1)] | None = None
    title: TextIn
    text: NonEmpty
    lines: Lines
    sections: list[SectionSpec] = Field(default_factory=list)


class MilestoneSpec(Model):
    id: NonEmpty
    text: NonEmpty
    deadline: Year | datetime.date
    clause: str | None = None
    source: CitationSpec | None = None


class ResponsibilitySpec(Model):
    lead: Code | None = None
    cooperating: list[Code] = Field(default_factory=list)
    text: str = ""
    source: CitationSpec | None = None


class ResourceSpec(Model):
    text: NonEmpty
    amount: Number | None = None
    unit: str = ""
    source: CitationSpec | None = None


class ReviewSpec(Model):
    cadence: ReviewCadence
    text: str = ""
    source: CitationSpec | None = None


class TaskSpec(Model):
    id: NonEmpty
    group: Code
    section: str | None = None
    kind: TaskKind = TaskKind.TASK
    title: TextIn
    text: NonEmpty
    lines: Lines
    objective: list[NonEmpty] = Field(default_factory=list)
    milestones: list[MilestoneSpec] = Field(default_factory=list)
    responsibility: ResponsibilitySpec | None = None
    resources: list[ResourceSpec] = Field(default_factory=list)
    review: ReviewSpec | None = None


class TasksHeader(Model):
    format: Literal["chitieu/tasks@1"]
    resolution: Code
    source: SourceSpec = Field(default_factory=SourceSpec)
    groups: list[Any]
    tasks: list[Any]


_FIELDS = frozenset(
    name
    for m in (
        AgencySpec,
        AgenciesHeader,
        SourceSpec,
        SectionSpec,
        GroupSpec,
        MilestoneSpec,
        ResponsibilitySpec,
        ResourceSpec,
        ReviewSpec,
        TaskSpec,
        TasksHeader,
        TextSpec,
        CitationSpec,
    )
    for name in m.model_fields
)


# -- entry points ------------------------------------------------------------------------------


def load_agencies(path: Path, resolution: Resolution | None = None) -> AgencyDirectory:
    """Read ``agencies.yaml``; with ``resolution``, every indicator must have one agency."""
    return load_agencies_text(_read(path), str(path), resolution)


def load_agencies_text(
    text: str, filename: str = "<text>", resolution: Resolution | None = None
) -> AgencyDirectory:
    doc = _Document(filename, text)
    header = doc.validate(AgenciesHeader, doc.data, ())
    agencies: dict[str, Agency] = {}
    for i, raw in enumerate(doc.data.get("agencies") or []):
        spec = doc.validate(AgencySpec, raw, ("agencies", i))
        if spec is None:
            continue
        if spec.code in agencies:
            doc.add(("agencies", i, "code"), f"duplicate agency code {spec.code!r}")
            continue
        agencies[spec.code] = Agency(spec.code, Text(spec.name.vi, spec.name.en), spec.kind)

    assignments: dict[str, str] = {}
    raw_map = doc.data.get("indicators")
    if isinstance(raw_map, Mapping):
        known = {i.code for i in resolution.indicators} if resolution is not None else None
        for indicator, agency in raw_map.items():
            path: Path_ = ("indicators", indicator)
            if not isinstance(agency, str) or not agency:
                doc.add(path, "expected the code of one agency")
                continue
            if agency not in agencies:
                doc.add(
                    path, f"indicator {indicator!r}: unknown agency {agency!r}" + _known(agencies)
                )
            if known is not None and indicator not in known:
                doc.add(path, f"unknown indicator {indicator!r}" + _close(indicator, known))
            assignments[str(indicator)] = agency
    if header is not None and resolution is not None:
        if header.resolution is not None and header.resolution != resolution.id:
            doc.add(
                ("resolution",),
                f"the file is for {header.resolution!r}, not for {resolution.id!r}",
            )
        missing = [i.code for i in resolution.indicators if i.code not in assignments]
        if missing:
            doc.add(
                ("indicators",),
                f"{len(missing)} indicator(s) of {resolution.id} have no agency: "
                + ", ".join(missing),
            )
    doc.raise_problems()
    return AgencyDirectory(tuple(agencies.values()), assignments)


def load_tasks(
    path: Path, resolution: Resolution, agencies: AgencyDirectory | None = None
) -> TaskPlan:
    """Read ``tasks.yaml`` for ``resolution``; agency codes are checked when ``agencies``
    is given."""
    return load_tasks_text(_read(path), str(path), resolution, agencies)


def load_tasks_text(
    text: str,
    filename: str,
    resolution: Resolution,
    agencies: AgencyDirectory | None = None,
) -> TaskPlan:
    doc = _Document(filename, text)
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
        for j, clause in enumerate(spec.objective):
            if clause not in clauses:
                doc.add(
                    (*path, "objective", j),
                    f"unknown clause {clause!r} of {resolution.id}" + _close(clause, clauses),
                )
        task_key = quote_key(spec.text)
        milestones = _milestones(doc, spec, path, clauses, task_key, document)
        responsibility = _responsibility(doc, spec, path, agency_codes, task_key, document)
        resources = _resources(doc, spec, path, task_key, document)
        review = None
        if spec.review is not None:
            _quoted(doc, spec.review.text, spec.review.source, task_key, (*path, "review", "text"))
            review = Review(
                spec.review.cadence, spec.review.text, _citation(spec.review.source, document)
            )
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


# -- parts of a task file ----------------------------------------------------------------------


def _groups(doc: _Document, document: str, base_section: str) -> dict[str, TaskGroup]:
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


def _milestones(
    doc: _Document,
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
                (*mpath, "clause"), f"unknown clause {ms.clause!r}" + _close(ms.clause, clauses)
            )
        _quoted(doc, ms.text, ms.source, task_key, (*mpath, "text"))
        if isinstance(ms.deadline, datetime.date):
            year, on = ms.deadline.year, ms.deadline
        else:
            year, on = ms.deadline, None
        out.append(Milestone(ms.id, ms.text, year, on, ms.clause, _citation(ms.source, document)))
    return tuple(out)


def _responsibility(
    doc: _Document,
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
                doc.add(where, f"unknown agency {code!r}" + _close(code, agency_codes))
    _quoted(doc, r.text, r.source, task_key, (*rpath, "text"))
    return Responsibility(r.lead, tuple(r.cooperating), r.text, _citation(r.source, document))


def _resources(
    doc: _Document, spec: TaskSpec, path: Path_, task_key: str, document: str
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


def _quoted(
    doc: _Document, text: str, source: CitationSpec | None, task_key: str, path: Path_
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


# -- the YAML document -------------------------------------------------------------------------


class _Document:
    """A parsed YAML file that can say on which line a field stands."""

    def __init__(self, filename: str, text: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        yaml = YAML(typ="rt")
        try:
            self.root = yaml.load(text)
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            message = "; ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
            problem = Problem(filename, line, "", f"YAML syntax error: {message}")
            raise DefinitionError([problem]) from exc
        except YAMLError as exc:
            raise DefinitionError([Problem(filename, None, "", f"YAML error: {exc}")]) from exc
        if self.root is None:
            raise DefinitionError([Problem(filename, 1, "", "the document is empty")])
        if not isinstance(self.root, Mapping):
            raise DefinitionError(
                [Problem(filename, 1, "", "the document must be a mapping (key: value)")]
            )
        self.data: dict[str, Any] = _plain(self.root)

    def line_of(self, path: Path_) -> int | None:
        return _line_of(self.root, path)

    def subject(self, path: Path_) -> str:
        if len(path) >= 2 and path[0] in ("tasks", "groups", "agencies"):
            item = _get(self.data, path[:2])
            key = "id" if path[0] == "tasks" else "code"
            name = {"tasks": "task", "groups": "group", "agencies": "agency"}[str(path[0])]
            ident = item.get(key) if isinstance(item, Mapping) else None
            return f"{name} {ident}: " if ident is not None else f"{name} #{int(path[1]) + 1}: "
        return ""

    def add(self, path: Path_, message: str, *, anchor: Path_ | None = None) -> None:
        line = self.line_of(anchor if anchor is not None else path)
        self.problems.append(
            Problem(self.filename, line, _dotted(path), self.subject(path) + message)
        )

    def validate(self, model: type[M], data: Any, path: Path_) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = tuple(x for x in err["loc"] if isinstance(x, str | int))
                # A union's member name ("int", "date") is not a field of the file.
                loc = tuple(x for x in loc if x not in ("int", "date"))
                self.add(path + loc, _message(err))
            return None

    def raise_problems(self) -> None:
        if self.problems:
            self.problems.sort(key=lambda p: (p.line is None, p.line or 0))
            raise DefinitionError(self.problems)


def _read(path: Path) -> str:
    filename = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DefinitionError([Problem(filename, None, "", f"cannot read file: {exc}")]) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DefinitionError([Problem(filename, line, "", f"not UTF-8: {exc.reason}")]) from exc


def _plain(node: Any) -> Any:
    """Plain data for pydantic: strings NFC; YAML dates stay dates (a milestone's day)."""
    if isinstance(node, Mapping):
        return {(_nfc(k) if isinstance(k, str) else k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return _nfc(str(node))
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, datetime.datetime):
        return node.date()
    return node


def _close(name: str, known: set[str] | Sequence[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _message(err: Any) -> str:
    kind = err["type"]
    loc = err["loc"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        close = difflib.get_close_matches(key, sorted(_FIELDS), n=1, cutoff=0.7)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown field {key!r}{hint}"
    msg = str(err["msg"])
    if kind in ("number", "lines", "code"):
        return msg
    value = err.get("input")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return f"{msg} (got {value!r})"
    return msg
