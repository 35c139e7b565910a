"""Tasks ("5 rõ") of a resolution with their progress: read from the stored tasks file and
the append-only progress updates, for the web pages and the API alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from chitieu.core.access import Action, Principal, allowed
from chitieu.core.agencies import AgencyDirectory
from chitieu.core.model import Text
from chitieu.core.tasks.five_clear import FiveClear, completeness
from chitieu.core.tasks.model import Task, TaskPlan
from chitieu.core.tasks.progress import (
    MilestoneStatus,
    ProgressUpdate,
    TaskProgress,
    overdue_milestones,
    progress,
)
from chitieu.core.tasks.status import status_summary
from chitieu.definitions.tasks import load_agencies_text, load_tasks_text
from chitieu.store import Store
from chitieu.store.activity import TaskUpdate


@dataclass(frozen=True)
class TaskView:
    task: Task
    progress: TaskProgress
    five: FiveClear
    sentence: str


@dataclass(frozen=True)
class TasksOverview:
    plan: TaskPlan
    views: tuple[TaskView, ...]
    overdue: tuple[MilestoneStatus, ...]
    as_of: dt.date


def directory(store: Store, resolution_id: str) -> AgencyDirectory | None:
    return _parsed(store, resolution_id)[0]


def plan(store: Store, resolution_id: str) -> TaskPlan | None:
    """The tasks of a resolution, or ``None`` when no tasks file was loaded with it."""
    return _parsed(store, resolution_id)[1]


# Parsing the YAML files takes far longer than a page; the results are immutable, so they
# are kept per exact texts (a handful of resolutions per process).
_CACHE: dict[tuple[str, ...], tuple[AgencyDirectory | None, TaskPlan | None]] = {}


def _parsed(store: Store, resolution_id: str) -> tuple[AgencyDirectory | None, TaskPlan | None]:
    agencies_doc = store.document(resolution_id, "agencies")
    tasks_doc = store.document(resolution_id, "tasks")
    definition = store.resolution_text(resolution_id)
    key = (
        resolution_id,
        definition,
        *(agencies_doc or ("", "")),
        *(tasks_doc or ("", "")),
    )
    found = _CACHE.get(key)
    if found is None:
        resolution = store.get_resolution(resolution_id)
        agencies = None if agencies_doc is None else load_agencies_text(*agencies_doc, resolution)
        tasks = None if tasks_doc is None else load_tasks_text(*tasks_doc, resolution, agencies)
        if len(_CACHE) > 16:
            _CACHE.clear()
        found = _CACHE[key] = (agencies, tasks)
    return found


def _as_update(u: TaskUpdate) -> ProgressUpdate:
    return ProgressUpdate(
        task=u.task_id,
        on=u.reported_on,
        percent=u.percent,
        milestone=u.milestone or None,
        text=u.text,
        evidence=u.evidence,
        by=u.recorded_by,
    )


def updates(store: Store, resolution_id: str, task_id: str | None = None) -> list[ProgressUpdate]:
    return [_as_update(u) for u in store.task_updates(resolution_id, task_id)]


def overview(
    store: Store, resolution_id: str, *, lang: str = "vi", as_of: dt.date | None = None
) -> TasksOverview | None:
    the_plan = plan(store, resolution_id)
    if the_plan is None:
        return None
    day = as_of or dt.date.today()
    ups = updates(store, resolution_id)
    names = _names(store)
    views = tuple(
        TaskView(
            t, progress(t, ups, day), completeness(t), status_summary(t, ups, day, lang, names)
        )
        for t in the_plan.tasks
    )
    overdue = tuple(overdue_milestones(the_plan.tasks, ups, day))
    return TasksOverview(the_plan, views, overdue, day)


def _names(store: Store) -> dict[str, Text]:
    return {a.code: a.name for a in store.agencies()}


def may_update(who: Principal | None, task: Task) -> bool:
    """Editors report on tasks their agency leads or co-operates on."""
    if who is None:
        return False
    if allowed(who, Action.UPDATE_TASK, None):
        return True
    return any(allowed(who, Action.UPDATE_TASK, code) for code in task.agencies)


def add_update(
    store: Store,
    resolution_id: str,
    task_id: str,
    who: Principal,
    *,
    reported_on: dt.date,
    text: str,
    percent: int | None = None,
    milestone: str = "",
    evidence: str = "",
) -> TaskUpdate:
    the_plan = plan(store, resolution_id)
    if the_plan is None:
        raise KeyError(f"{resolution_id}: no tasks loaded")
    task = the_plan.task(task_id)
    if not may_update(who, task):
        raise PermissionError(
            f"không có quyền cập nhật nhiệm vụ {task_id} (not allowed to update task {task_id})"
        )
    if milestone and milestone not in {m.id for m in task.milestones}:
        known = ", ".join(m.id for m in task.milestones) or "—"
        raise ValueError(f"task {task_id}: unknown milestone {milestone!r} (known: {known})")
    if reported_on > dt.date.today():
        raise ValueError(f"task {task_id}: the report date {reported_on} is in the future")
    return store.add_task_update(
        resolution_id,
        task_id,
        reported_on=reported_on,
        text=text.strip(),
        actor=who.username,
        percent=percent,
        milestone=milestone,
        evidence=evidence.strip(),
    )


__all__: Sequence[str] = ["TaskView", "TasksOverview", "add_update", "overview", "plan", "updates"]
