"""Progress of tasks: the reports made since, and which milestones are done or overdue.

Updates are never edited, only superseded; every question is asked "as of" a date, so
a page for an earlier date shows what was known then.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from chitieu.core.model import Text
from chitieu.core.tasks.model import Milestone, Task

__all__ = [
    "MilestoneState",
    "MilestoneStatus",
    "ProgressUpdate",
    "TaskProgress",
    "milestone_done_on",
    "overdue_milestones",
    "progress",
]


@dataclass(frozen=True)
class ProgressUpdate:
    """A progress report on a task: a percentage, a milestone done, or both, with evidence.

    ``on`` is the date the progress refers to; ``by`` who reported it (a user name or an
    agency code). Updates are never edited: a later update supersedes an earlier one.
    """

    task: str
    on: datetime.date
    percent: int | None = None
    milestone: str | None = None
    text: str = ""
    evidence: str = ""
    by: str = ""

    def __post_init__(self) -> None:
        if self.percent is not None and not 0 <= self.percent <= 100:
            raise ValueError(f"percent must be between 0 and 100, got {self.percent}")
        if self.percent is None and self.milestone is None and not self.text.strip():
            raise ValueError("a progress update needs a percent, a milestone or a text")


def _updates_of(
    task: Task, updates: Iterable[ProgressUpdate], as_of: datetime.date
) -> list[ProgressUpdate]:
    mine = [u for u in updates if u.task == task.id and u.on <= as_of]
    return sorted(mine, key=lambda u: u.on)


def milestone_done_on(
    task: Task, milestone: Milestone, updates: Iterable[ProgressUpdate], as_of: datetime.date
) -> datetime.date | None:
    """The first date the milestone was reported done (or the task 100 % done), up to as_of."""
    for u in _updates_of(task, updates, as_of):
        if u.milestone == milestone.id or u.percent == 100:
            return u.on
    return None


class MilestoneState(StrEnum):
    DONE = "done"  # reported done by its deadline
    DONE_LATE = "done_late"
    OVERDUE = "overdue"  # deadline passed, not reported done
    PENDING = "pending"  # deadline not reached

    @property
    def label(self) -> Text:
        return _MILESTONE_LABEL[self]


_MILESTONE_LABEL = {
    MilestoneState.DONE: Text("đã hoàn thành", "done"),
    MilestoneState.DONE_LATE: Text("hoàn thành chậm", "done late"),
    MilestoneState.OVERDUE: Text("quá hạn", "overdue"),
    MilestoneState.PENDING: Text("chưa đến hạn", "not yet due"),
}


@dataclass(frozen=True)
class MilestoneStatus:
    task: Task
    milestone: Milestone
    state: MilestoneState
    done_on: datetime.date | None
    days_late: int  # > 0 for overdue and done-late milestones


def _milestone_status(
    task: Task, m: Milestone, updates: Sequence[ProgressUpdate], as_of: datetime.date
) -> MilestoneStatus:
    done = milestone_done_on(task, m, updates, as_of)
    if done is not None:
        late = (done - m.due).days
        state = MilestoneState.DONE_LATE if late > 0 else MilestoneState.DONE
        return MilestoneStatus(task, m, state, done, max(0, late))
    if as_of > m.due:
        return MilestoneStatus(task, m, MilestoneState.OVERDUE, None, (as_of - m.due).days)
    return MilestoneStatus(task, m, MilestoneState.PENDING, None, 0)


def overdue_milestones(
    tasks: Iterable[Task], updates: Iterable[ProgressUpdate], as_of: datetime.date
) -> list[MilestoneStatus]:
    """Milestones whose deadline has passed by ``as_of`` with no report that they are done.

    A deadline given as a year is due on 31 December of that year, so "vào năm 2022" is
    overdue from 1/1/2023. Oldest deadline first.
    """
    ups = list(updates)
    out = [
        s
        for t in tasks
        for m in t.milestones
        if (s := _milestone_status(t, m, ups, as_of)).state is MilestoneState.OVERDUE
    ]
    return sorted(out, key=lambda s: (s.milestone.due, s.task.id, s.milestone.id))


@dataclass(frozen=True)
class TaskProgress:
    """What is known of a task's progress at a date."""

    task: Task
    as_of: datetime.date
    percent: int | None
    reported_on: datetime.date | None
    reported_by: str
    milestones: tuple[MilestoneStatus, ...]
    latest: ProgressUpdate | None

    def count(self, *states: MilestoneState) -> int:
        return sum(1 for s in self.milestones if s.state in states)


def progress(task: Task, updates: Iterable[ProgressUpdate], as_of: datetime.date) -> TaskProgress:
    """The latest percentage reported up to ``as_of`` and the state of every milestone."""
    mine = _updates_of(task, updates, as_of)
    with_percent = [u for u in mine if u.percent is not None]
    last_pct = with_percent[-1] if with_percent else None
    latest = mine[-1] if mine else None
    return TaskProgress(
        task=task,
        as_of=as_of,
        percent=last_pct.percent if last_pct else None,
        reported_on=latest.on if latest else None,
        reported_by=latest.by if latest else "",
        milestones=tuple(_milestone_status(task, m, mine, as_of) for m in task.milestones),
        latest=latest,
    )
