"""The shapes of ``tasks.yaml`` and ``agencies.yaml`` (docs/tasks.md), for pydantic.

Only the shape is checked here; references (clauses, agencies, indicators) and
quotations are checked by :mod:`.agencies`, :mod:`.plan` and :mod:`.five_ro`.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from chitieu.core.agencies import AgencyKind
from chitieu.core.tasks.model import ReviewCadence, TaskKind
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

TASKS_FORMAT = "chitieu/tasks@1"
AGENCIES_FORMAT = "chitieu/agencies@1"

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


FIELDS = frozenset(
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
