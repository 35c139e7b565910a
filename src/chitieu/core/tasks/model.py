"""The task model: groups, tasks and breakthroughs, with the five "rõ" as far as stated.

A task records only what its text (or another cited document) says: its objective (the
target clauses that measure it), dated milestones, the lead and co-operating agencies,
its resources and how it is reviewed. Nothing is inferred.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from chitieu.core.model import Citation, Text

__all__ = [
    "Milestone",
    "Resource",
    "Responsibility",
    "Review",
    "ReviewCadence",
    "Task",
    "TaskGroup",
    "TaskKind",
    "TaskPlan",
    "TaskSection",
    "TaskSource",
    "format_date",
    "quote_key",
]

_SPACE_RE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([,.;:!?)])")


def quote_key(text: str) -> str:
    """A text as compared when checking a quotation: NFC, one space for any run of white
    space, none before punctuation (the source breaks lines where footnote marks were lost,
    "du lịch MICE\\n, du lịch văn hóa")."""
    text = _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return _SPACE_BEFORE_PUNCT_RE.sub(r"\1", text)


class TaskKind(StrEnum):
    TASK = "task"
    BREAKTHROUGH = "breakthrough"

    @property
    def label(self) -> Text:
        if self is TaskKind.BREAKTHROUGH:
            return Text("Đột phá", "Breakthrough")
        return Text("Nhiệm vụ", "Task")


class ReviewCadence(StrEnum):
    """How often progress is inspected and evaluated (chế độ kiểm tra, đánh giá)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"
    MID_TERM = "mid_term"
    END_OF_TERM = "end_of_term"

    @property
    def label(self) -> Text:
        return _CADENCE_LABEL[self]


_CADENCE_LABEL = {
    ReviewCadence.MONTHLY: Text("hằng tháng", "monthly"),
    ReviewCadence.QUARTERLY: Text("hằng quý", "quarterly"),
    ReviewCadence.HALF_YEARLY: Text("6 tháng một lần", "half-yearly"),
    ReviewCadence.YEARLY: Text("hằng năm", "yearly"),
    ReviewCadence.MID_TERM: Text("sơ kết giữa nhiệm kỳ", "at mid-term"),
    ReviewCadence.END_OF_TERM: Text("tổng kết cuối nhiệm kỳ", "at the end of the term"),
}


@dataclass(frozen=True)
class Milestone:
    """A dated deliverable of a task's roadmap.

    ``year`` is the deadline as the text gives it ("vào năm 2022"; "trước năm 2025" is
    2024); ``on`` a precise date when one is known. Due means done by the end of that day,
    or of 31 December of ``year``. ``clause`` links the target clause that measures it.
    """

    id: str
    text: str
    year: int
    on: datetime.date | None = None
    clause: str | None = None
    source: Citation | None = None

    def __post_init__(self) -> None:
        if self.on is not None and self.on.year != self.year:
            raise ValueError(f"milestone {self.id}: date {self.on} is not in year {self.year}")

    @property
    def due(self) -> datetime.date:
        return self.on if self.on is not None else datetime.date(self.year, 12, 31)

    def deadline_label(self, lang: str = "vi") -> str:
        if self.on is not None:
            return format_date(self.on)
        return str(self.year) if lang == "en" else f"năm {self.year}"


@dataclass(frozen=True)
class Responsibility:
    """Who leads and who co-operates (agency codes); ``text`` is the words that say so.

    ``source`` is ``None`` when the words are the task's own; another document (an
    action programme assigning a lead agency) is cited explicitly.
    """

    lead: str | None = None
    cooperating: tuple[str, ...] = ()
    text: str = ""
    source: Citation | None = None

    @property
    def stated(self) -> bool:
        return self.lead is not None or bool(self.cooperating)


@dataclass(frozen=True)
class Resource:
    """Money or means for a task: the words as written, and an amount when one is given."""

    text: str
    amount: Decimal | None = None
    unit: str = ""
    source: Citation | None = None

    def __post_init__(self) -> None:
        if self.amount is not None and not self.unit:
            raise ValueError(f"resource {self.text!r}: an amount needs its unit")


@dataclass(frozen=True)
class Review:
    cadence: ReviewCadence
    text: str = ""
    source: Citation | None = None


@dataclass(frozen=True)
class TaskSource:
    """Where a task stands in the source: a document, a section and a range of lines.

    :class:`Citation` holds one line; a paragraph can be split over several lines (the
    report lost footnote marks and broke lines there), hence the range.
    """

    document: str
    section: str
    first_line: int
    last_line: int

    def __post_init__(self) -> None:
        if self.first_line < 1 or self.last_line < self.first_line:
            raise ValueError(f"bad line range {self.first_line}-{self.last_line}")

    @property
    def citation(self) -> Citation:
        return Citation(document=self.document, section=self.section, line=self.first_line)

    def label(self, lang: str = "vi") -> str:
        word = "lines" if lang == "en" else "dòng"
        if self.first_line == self.last_line:
            word = "line" if lang == "en" else "dòng"
            where = f"{word} {self.first_line}"
        else:
            where = f"{word} {self.first_line}–{self.last_line}"
        return ", ".join(p for p in (self.document, self.section, where) if p)


@dataclass(frozen=True)
class TaskSection:
    """A numbered sub-heading of a task group ("1.1- Cải thiện mạnh mẽ …")."""

    number: str
    title: Text
    text: str
    source: TaskSource


@dataclass(frozen=True)
class TaskGroup:
    """A numbered group of section III, or the breakthroughs (``number`` is ``None``)."""

    code: str
    number: int | None
    title: Text
    text: str
    source: TaskSource
    sections: tuple[TaskSection, ...] = ()


@dataclass(frozen=True)
class Task:
    """One task or breakthrough, with the five "rõ" as far as they are stated.

    ``text`` is the paragraph as written (NFC). ``objective`` lists the ids of the target
    clauses that measure the task; the source does not link them, chitieu does, and only
    where the task's own words name what the clause measures.
    """

    id: str
    group: str
    text: str
    title: Text
    source: TaskSource
    kind: TaskKind = TaskKind.TASK
    section: str | None = None
    objective: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    responsibility: Responsibility = field(default_factory=Responsibility)
    resources: tuple[Resource, ...] = ()
    review: Review | None = None

    def milestone(self, milestone_id: str) -> Milestone:
        for m in self.milestones:
            if m.id == milestone_id:
                return m
        raise KeyError(milestone_id)

    @property
    def agencies(self) -> tuple[str, ...]:
        r = self.responsibility
        return ((r.lead,) if r.lead else ()) + r.cooperating


@dataclass(frozen=True)
class TaskPlan:
    """The tasks of one resolution."""

    resolution: str
    groups: tuple[TaskGroup, ...]
    tasks: tuple[Task, ...]

    def task(self, task_id: str) -> Task:
        for t in self.tasks:
            if t.id == task_id:
                return t
        raise KeyError(task_id)

    def group(self, code: str) -> TaskGroup:
        for g in self.groups:
            if g.code == code:
                return g
        raise KeyError(code)

    def tasks_of(self, group: str) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.group == group)

    @property
    def breakthroughs(self) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.kind is TaskKind.BREAKTHROUGH)

    def tasks_for_clause(self, clause: str) -> tuple[Task, ...]:
        """Tasks whose objective or milestones name ``clause`` (a target page lists them)."""
        return tuple(
            t
            for t in self.tasks
            if clause in t.objective or any(m.clause == clause for m in t.milestones)
        )


def format_date(day: datetime.date) -> str:
    """dd/mm/yyyy, as Vietnamese documents write dates (English output keeps it)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
