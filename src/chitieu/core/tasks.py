"""Tasks ("nhiệm vụ, giải pháp") and breakthroughs ("đột phá") of a resolution, as data.

The Party's own test of a well-made resolution is "5 rõ": rõ mục tiêu (objective), rõ lộ
trình (roadmap), rõ trách nhiệm (responsibility), rõ nguồn lực (resources), rõ chế độ
kiểm tra, đánh giá (review). Political reports state most tasks in prose and leave several
of the five unsaid; chitieu records what the text says and reports the rest as *chưa rõ*
rather than guessing, so that the gap itself becomes visible and can be closed by the
agencies (an action programme, a budget decision) with its own citation.

Everything here is pure and immutable: the web pages, the API and the CLI ask these
functions the same questions (what is overdue, what is missing, one sentence of status).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from chitieu.core.model import Citation, Text
from chitieu.core.numbers import format_number

__all__ = [
    "Agency",
    "AgencyDirectory",
    "AgencyKind",
    "Aspect",
    "AspectCheck",
    "Clarity",
    "FiveClear",
    "Milestone",
    "MilestoneState",
    "MilestoneStatus",
    "ProgressUpdate",
    "Resource",
    "Responsibility",
    "Review",
    "ReviewCadence",
    "Task",
    "TaskGroup",
    "TaskKind",
    "TaskPlan",
    "TaskProgress",
    "TaskSection",
    "TaskSource",
    "completeness",
    "format_date",
    "milestone_done_on",
    "overdue_milestones",
    "progress",
    "quote_key",
    "status_summary",
]


_SPACE_RE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([,.;:!?)])")


def quote_key(text: str) -> str:
    """A text as compared when checking a quotation: NFC, one space for any run of white
    space, none before punctuation (the source breaks lines where footnote marks were lost,
    "du lịch MICE\\n, du lịch văn hóa")."""
    text = _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return _SPACE_BEFORE_PUNCT_RE.sub(r"\1", text)


# -- agencies ------------------------------------------------------------------------------


class AgencyKind(StrEnum):
    """Where an agency stands: it decides who may be asked for what (a sở reports figures,
    a Party committee board reports on Party-building targets, a ministry only co-operates)."""

    PARTY = "party"  # cơ quan của Thành ủy (ban, văn phòng)
    STATE = "state"  # sở, ban, ngành thuộc Ủy ban nhân dân thành phố
    CENTRAL = "central"  # cơ quan Trung ương (bộ, hoặc cơ quan ngành dọc đóng trên địa bàn)
    MASS = "mass"  # Mặt trận Tổ quốc, đoàn thể chính trị - xã hội
    LOCAL = "local"  # quận, huyện, xã

    @property
    def label(self) -> Text:
        return _AGENCY_KIND_LABEL[self]


_AGENCY_KIND_LABEL = {
    AgencyKind.PARTY: Text("Cơ quan Đảng", "Party body"),
    AgencyKind.STATE: Text("Cơ quan chuyên môn thuộc UBND thành phố", "City government agency"),
    AgencyKind.CENTRAL: Text("Cơ quan Trung ương", "Central agency"),
    AgencyKind.MASS: Text("Mặt trận, đoàn thể", "Front and mass organisation"),
    AgencyKind.LOCAL: Text("Chính quyền địa phương", "Local government"),
}


@dataclass(frozen=True)
class Agency:
    """An organisation that reports figures or carries out tasks."""

    code: str
    name: Text
    kind: AgencyKind = AgencyKind.STATE


@dataclass(frozen=True)
class AgencyDirectory:
    """The agencies of a resolution and which one reports each indicator.

    ``indicators`` maps an indicator code to exactly one agency code: an editor's data
    entry is scoped by it, so an indicator with two owners would have no clear owner.
    """

    agencies: tuple[Agency, ...]
    indicators: Mapping[str, str] = field(default_factory=dict)

    def agency(self, code: str) -> Agency:
        for a in self.agencies:
            if a.code == code:
                return a
        raise KeyError(code)

    def responsible(self, indicator: str) -> Agency | None:
        code = self.indicators.get(indicator)
        return None if code is None else self.agency(code)

    def indicators_of(self, agency: str) -> tuple[str, ...]:
        return tuple(sorted(i for i, a in self.indicators.items() if a == agency))

    def names(self) -> dict[str, Text]:
        return {a.code: a.name for a in self.agencies}


# -- the five "rõ" ---------------------------------------------------------------------------


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


# -- progress ---------------------------------------------------------------------------------


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


# -- completeness ("5 rõ") --------------------------------------------------------------------


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


# -- one sentence -------------------------------------------------------------------------------


def format_date(day: datetime.date) -> str:
    """dd/mm/yyyy, as Vietnamese documents write dates (English output keeps it)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


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
