"""A task's status in one sentence: progress, milestones and what of the 5 rõ is missing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from chitieu.core.model import Text
from chitieu.core.numbers import format_number
from chitieu.core.tasks.five_clear import Clarity, completeness
from chitieu.core.tasks.model import Task, format_date
from chitieu.core.tasks.progress import MilestoneState, ProgressUpdate, progress

__all__ = ["status_summary"]


def _who(code: str, agencies: Mapping[str, Text], lang: str) -> str:
    name = agencies.get(code)
    return name.get(lang) if name is not None else code


def status_summary(
    task: Task,
    updates: Iterable[ProgressUpdate],
    as_of: datetime.date,
    lang: str = "vi",
    agencies: Mapping[str, Text] | None = None,
) -> str:
    """One sentence: progress with its date and reporter, milestones, what of the 5 rõ is
    missing. Nothing is inferred: no update means "no progress report", not 0 %."""
    en = lang == "en"
    names = agencies or {}
    p = progress(task, updates, as_of)
    parts: list[str] = []

    head = f"{task.kind.label.get(lang)} {task.id} ({task.title.get(lang)})"
    if p.latest is None:
        parts.append(
            f"no progress report up to {format_date(as_of)}"
            if en
            else f"chưa có báo cáo tiến độ đến ngày {format_date(as_of)}"
        )
    else:
        by = _who(p.reported_by, names, lang) if p.reported_by else ""
        when = format_date(p.reported_on) if p.reported_on else ""
        if p.percent is not None:
            pct = format_number(p.percent, lang=lang)
            parts.append(
                f"{pct}% done, last report {when}" + (f" by {by}" if by else "")
                if en
                else f"đạt {pct}% khối lượng, báo cáo gần nhất ngày {when}"
                + (f" của {by}" if by else "")
            )
        else:
            parts.append(
                f"last report {when}" + (f" by {by}" if by else "")
                if en
                else f"báo cáo gần nhất ngày {when}" + (f" của {by}" if by else "")
            )

    if p.milestones:
        total = len(p.milestones)
        done = p.count(MilestoneState.DONE, MilestoneState.DONE_LATE)
        overdue = [s for s in p.milestones if s.state is MilestoneState.OVERDUE]
        text = f"milestones: {done} of {total} done" if en else f"mốc: {done}/{total} đã hoàn thành"
        if overdue:
            late = "; ".join(
                f"“{s.milestone.text}” (due {s.milestone.deadline_label('en')})"
                if en
                else f"“{s.milestone.text}” (hạn {s.milestone.deadline_label('vi')})"
                for s in overdue
            )
            text += (
                f", {len(overdue)} overdue: {late}" if en else f", {len(overdue)} quá hạn: {late}"
            )
        parts.append(text)

    five = completeness(task)
    missing = [c.aspect.label.get(lang) for c in five.checks if c.clarity is Clarity.MISSING]
    partial = [c.aspect.label.get(lang) for c in five.checks if c.clarity is Clarity.PARTIAL]
    if missing or partial:
        text = f"5 clear: {five.clear} of 5" if en else f"5 rõ: {five.clear}/5"
        if partial:
            text += (
                f", partly stated: {', '.join(partial)}"
                if en
                else f", rõ một phần: {', '.join(partial)}"
            )
        if missing:
            text += (
                f", not stated: {', '.join(missing)}" if en else f", chưa rõ: {', '.join(missing)}"
            )
        parts.append(text)
    else:
        parts.append("5 clear: all five stated" if en else "5 rõ: đủ cả năm")
    return f"{head}: " + "; ".join(parts) + "."
