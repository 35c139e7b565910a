"""The "5 rõ" assessment: which of the five aspects a task states, and how fully."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chitieu.core.model import Text
from chitieu.core.tasks.model import Task

__all__ = ["Aspect", "AspectCheck", "Clarity", "FiveClear", "completeness"]


class Aspect(StrEnum):
    OBJECTIVE = "objective"
    ROADMAP = "roadmap"
    RESPONSIBILITY = "responsibility"
    RESOURCES = "resources"
    REVIEW = "review"

    @property
    def label(self) -> Text:
        return _ASPECT_LABEL[self]


_ASPECT_LABEL = {
    Aspect.OBJECTIVE: Text("mục tiêu", "objective"),
    Aspect.ROADMAP: Text("lộ trình", "roadmap"),
    Aspect.RESPONSIBILITY: Text("trách nhiệm", "responsibility"),
    Aspect.RESOURCES: Text("nguồn lực", "resources"),
    Aspect.REVIEW: Text("chế độ kiểm tra, đánh giá", "inspection and evaluation"),
}


class Clarity(StrEnum):
    CLEAR = "clear"  # rõ
    PARTIAL = "partial"  # stated in part: co-operating agencies but no lead, means but no amount
    MISSING = "missing"  # chưa rõ

    @property
    def label(self) -> Text:
        return _CLARITY_LABEL[self]


_CLARITY_LABEL = {
    Clarity.CLEAR: Text("rõ", "clear"),
    Clarity.PARTIAL: Text("rõ một phần", "partly stated"),
    Clarity.MISSING: Text("chưa rõ", "not stated"),
}


@dataclass(frozen=True)
class AspectCheck:
    aspect: Aspect
    clarity: Clarity
    note: Text


@dataclass(frozen=True)
class FiveClear:
    task: Task
    checks: tuple[AspectCheck, ...]

    @property
    def clear(self) -> int:
        return sum(1 for c in self.checks if c.clarity is Clarity.CLEAR)

    @property
    def missing(self) -> tuple[Aspect, ...]:
        """The aspects that are not (fully) clear, in the order of the five."""
        return tuple(c.aspect for c in self.checks if c.clarity is not Clarity.CLEAR)

    def check(self, aspect: Aspect) -> AspectCheck:
        for c in self.checks:
            if c.aspect is aspect:
                return c
        raise KeyError(aspect)


def completeness(task: Task) -> FiveClear:
    """Which of the five "rõ" the task states.

    objective: clear when at least one target clause measures it; roadmap: clear when it
    has a dated milestone; responsibility: clear with a lead agency, partial with only
    co-operating agencies; resources: clear when an amount is given, partial when only the
    source of the means is named; review: clear when a cadence is given. Whether the
    means suffice is a judgement for people, not for chitieu.
    """
    n_obj = len(task.objective)
    objective = (
        AspectCheck(
            Aspect.OBJECTIVE,
            Clarity.CLEAR,
            Text(f"{n_obj} điều kiện chỉ tiêu", f"{n_obj} target clause(s)"),
        )
        if n_obj
        else AspectCheck(
            Aspect.OBJECTIVE,
            Clarity.MISSING,
            Text("không gắn với chỉ tiêu định lượng nào", "no quantified target measures it"),
        )
    )
    n_ms = len(task.milestones)
    roadmap = (
        AspectCheck(Aspect.ROADMAP, Clarity.CLEAR, Text(f"{n_ms} mốc", f"{n_ms} milestone(s)"))
        if n_ms
        else AspectCheck(
            Aspect.ROADMAP, Clarity.MISSING, Text("không nêu mốc thời gian", "no dated milestone")
        )
    )
    r = task.responsibility
    if r.lead is not None:
        responsibility = AspectCheck(
            Aspect.RESPONSIBILITY, Clarity.CLEAR, Text(f"chủ trì: {r.lead}", f"lead: {r.lead}")
        )
    elif r.cooperating:
        who = ", ".join(r.cooperating)
        responsibility = AspectCheck(
            Aspect.RESPONSIBILITY,
            Clarity.PARTIAL,
            Text(f"chỉ nêu cơ quan phối hợp: {who}", f"co-operating only: {who}"),
        )
    else:
        responsibility = AspectCheck(
            Aspect.RESPONSIBILITY,
            Clarity.MISSING,
            Text("không nêu cơ quan chủ trì", "no lead agency named"),
        )
    if any(res.amount is not None for res in task.resources):
        resources = AspectCheck(
            Aspect.RESOURCES, Clarity.CLEAR, Text("có mức kinh phí", "amount stated")
        )
    elif task.resources:
        resources = AspectCheck(
            Aspect.RESOURCES,
            Clarity.PARTIAL,
            Text("nêu nguồn, không nêu mức", "source named, no amount"),
        )
    else:
        resources = AspectCheck(
            Aspect.RESOURCES, Clarity.MISSING, Text("không nêu nguồn lực", "no resources stated")
        )
    review = (
        AspectCheck(
            Aspect.REVIEW,
            Clarity.CLEAR,
            Text(task.review.cadence.label.vi, task.review.cadence.label.en),
        )
        if task.review is not None
        else AspectCheck(
            Aspect.REVIEW, Clarity.MISSING, Text("không nêu chế độ kiểm tra", "no review cadence")
        )
    )
    return FiveClear(task, (objective, roadmap, responsibility, resources, review))
