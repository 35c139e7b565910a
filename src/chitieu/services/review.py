"""The reviewers' queue with the context a decision needs, approval of several figures at
once, and the refusals of the workflow in the interface's language.

A reviewer deciding on "3,2 %" must see what it replaces, last year's figure, the target
it serves, every other figure of the same indicator, area and period (an estimate and a
preliminary figure that disagree), what the plausibility rules find in it and the
justification written for it, and what kind of source it cites: all of it up front, in
the queue, not three pages away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chitieu.core.access import Principal
from chitieu.core.analysis.validation.plausibility import Finding
from chitieu.core.analysis.validation.values import value_in
from chitieu.core.explain import bound_phrase, qty
from chitieu.core.model import Indicator, Text
from chitieu.core.observations import Observation, current
from chitieu.core.sources import SOURCE_CLASS_LABEL, SourceClass, classify_source, link_of
from chitieu.core.units import UnknownUnitError
from chitieu.services import figures as figure_service
from chitieu.services import plausibility
from chitieu.store import Store
from chitieu.store.approval import ReviewState
from chitieu.store.errors import StoreError
from chitieu.store.records import Justification
from chitieu.store.review import Review

__all__ = [
    "STATE_LABEL",
    "Other",
    "QueueItem",
    "TargetLink",
    "approve_many",
    "figure_text",
    "queue",
    "refusal",
]

STATE_LABEL = {
    ReviewState.SUBMITTED: Text("chờ duyệt", "waiting for review"),
    ReviewState.APPROVED: Text("đã duyệt", "approved"),
    ReviewState.RETURNED: Text("bị trả lại", "returned"),
    ReviewState.REOPENED: Text("đã mở khóa", "reopened"),
    ReviewState.WITHDRAWN: Text("đã rút", "withdrawn"),
    ReviewState.SUPERSEDED: Text("đã được thay", "superseded"),
}


@dataclass(frozen=True)
class TargetLink:
    """A target clause the figure's indicator serves, with the bound it must meet."""

    resolution_id: str
    target_id: str
    clause_id: str
    label: Text
    bound: Text
    term: tuple[int, int]  # base year … last year of the resolution

    def covers(self, obs: Observation) -> bool:
        return self.term[0] <= obs.period[0] and obs.period[1] <= self.term[1]

    @property
    def href(self) -> str:
        return f"/r/{self.resolution_id}/t/{self.target_id}#clause-{self.clause_id}"


@dataclass(frozen=True)
class Other:
    """Another figure of the same indicator, area and period (another status)."""

    obs: Observation
    state: ReviewState
    differs: bool  # its value is not the queued figure's (in the indicator's unit)


@dataclass(frozen=True)
class QueueItem:
    review: Review
    obs: Observation
    indicator: Indicator | None
    findings: tuple[Finding, ...]
    justification: Justification | None
    previous: Observation | None  # the revision this one corrects
    last_year: Observation | None  # the figure in force for the year before
    others: tuple[Other, ...]
    targets: tuple[TargetLink, ...]
    source_class: SourceClass
    link: str

    @property
    def disagrees(self) -> bool:
        return any(o.differs for o in self.others)

    @property
    def source_label(self) -> Text:
        return SOURCE_CLASS_LABEL[self.source_class]


def figure_text(obs: Observation, lang: str) -> str:
    """A figure's value as people read it ("3,2%", "1.234,5 tỷ đồng")."""
    try:
        return qty(obs.value, obs.unit, lang)
    except UnknownUnitError:
        return f"{obs.value} {obs.unit}"


def _targets(store: Store) -> dict[str, list[TargetLink]]:
    links: dict[str, list[TargetLink]] = {}
    for rid in store.resolution_ids():
        res = store.get_resolution(rid)
        for target in (*res.targets, *res.extra_targets):
            name = target.label if target.label.vi else Text(target.text[:80])
            if target.number is not None:
                name = Text(f"({target.number}) {name.vi}", f"({target.number}) {name.get('en')}")
            for clause in target.clauses:
                links.setdefault(clause.indicator, []).append(
                    TargetLink(
                        rid,
                        target.id,
                        clause.id,
                        name,
                        Text(bound_phrase(clause.bound, "vi"), bound_phrase(clause.bound, "en")),
                        (res.base_year, res.period[1]),
                    )
                )
    return links


def _same_value(a: Observation, b: Observation, indicator: Indicator | None) -> bool:
    if indicator is None:
        return (a.value, a.unit) == (b.value, b.unit)
    va, vb = value_in(a, indicator.unit), value_in(b, indicator.unit)
    if va is None or vb is None:
        return (a.value, a.unit) == (b.value, b.unit)
    return abs(va - vb) <= 1e-9 * max(1.0, abs(va), abs(vb))


def queue(store: Store) -> list[QueueItem]:
    """The figures waiting for a reviewer, oldest first, each with its context."""
    waiting = figure_service.review_queue(store)
    if not waiting:
        return []
    codes = sorted({o.indicator for _, o in waiting})
    areas = sorted({o.area for _, o in waiting})
    related = store.observations(all_revisions=True, indicators=codes, areas=areas)
    states = store.review_states([o.id for o in related if o.id is not None])
    approved = [
        o
        for o in related
        if o.id is not None and (o.id not in states or states[o.id].state is ReviewState.APPROVED)
    ]
    in_force = current(approved)
    # Keyed by indicator × area × period × part × basis, then status: a figure for
    # "9 tháng" or "so với cùng kỳ" is never the "other value" of the year's level.
    newest: dict[tuple[str, str, tuple[int, int], str, str, str], Observation] = {}
    by_revision: dict[tuple[str, str, tuple[int, int], str, str, str, int], Observation] = {}
    for o in related:
        key = (o.indicator, o.area, o.period, o.part, o.basis.code, str(o.status))
        by_revision[(*key, o.revision)] = o
        if key not in newest or o.revision > newest[key].revision:
            newest[key] = o
    indicators = {i.code: i for i in store.indicators()}
    findings = plausibility.assess_figures(store, [o for _, o in waiting], overlay=False)
    justified = store.justifications([o.id for _, o in waiting if o.id is not None])
    links = _targets(store)
    items: list[QueueItem] = []
    for (review, obs), found in zip(waiting, findings, strict=True):
        ind = indicators.get(obs.indicator)
        key = (obs.indicator, obs.area, obs.period, obs.part, obs.basis.code, str(obs.status))
        others = tuple(
            Other(o, _state(states, o), not _same_value(o, obs, ind))
            for k, o in sorted(newest.items(), key=lambda kv: kv[1].status.rank)
            if k[:5] == key[:5]
            and k[5] != key[5]
            and _state(states, o) is not ReviewState.WITHDRAWN
        )
        year = obs.period[0] - 1
        items.append(
            QueueItem(
                review,
                obs,
                ind,
                found,
                justified.get(obs.id) if obs.id is not None else None,
                by_revision.get((*key, obs.revision - 1)),
                (
                    in_force.get((obs.indicator, obs.area, (year, year), obs.part, obs.basis))
                    if obs.period[0] == obs.period[1]
                    else None
                ),
                others,
                _serving(links.get(obs.indicator, []), obs),
                classify_source(obs.source),
                link_of(obs.source),
            )
        )
    return items


def _serving(links: list[TargetLink], obs: Observation) -> tuple[TargetLink, ...]:
    """The targets of the resolutions whose term holds the figure (all, when none does)."""
    inside = [link for link in links if link.covers(obs)]
    return tuple(inside or links)


def _state(states: dict[int, Review], obs: Observation) -> ReviewState:
    review = states.get(obs.id) if obs.id is not None else None
    return ReviewState.APPROVED if review is None else review.state


def approve_many(
    store: Store, ids: Sequence[int], reviewer: Principal, comment: str = "", lang: str = "vi"
) -> tuple[list[int], list[tuple[int, str]]]:
    """Approve each figure on its own (four eyes, rules, locks hold per figure): the ones
    approved, and the ones refused with the reason, in the interface's language."""
    done: list[int] = []
    refused: list[tuple[int, str]] = []
    for observation_id in dict.fromkeys(ids):
        try:
            figure_service.approve(store, observation_id, reviewer, comment, lang)
        except StoreError as exc:
            refused.append((observation_id, refusal(exc, lang)))
        else:
            done.append(observation_id)
    return done, refused


_REFUSALS: dict[str, Text] = {
    "not_waiting": Text(
        "Số liệu {id} không còn chờ duyệt (hiện {state}).",
        "Figure {id} is no longer waiting for review (it is {state}).",
    ),
    "newer_revision": Text(
        "Số liệu {id} đã có phiên bản {revision} mới hơn: hãy duyệt phiên bản đó.",
        "Figure {id} has a newer revision {revision}: review that one.",
    ),
    "own_submission": Text(
        "Bạn đã gửi số liệu {id}: cần một người duyệt khác.",
        "You submitted figure {id}: another reviewer must approve it.",
    ),
    "comment_required": Text(
        "Hãy ghi ý kiến: vì sao trả lại hoặc mở khóa số liệu.",
        "Write a comment: why the figure is returned or reopened.",
    ),
    "not_approved": Text(
        "Chỉ mở khóa được số liệu đã duyệt (số liệu {id} hiện {state}).",
        "Only approved figures can be reopened (figure {id} is {state}).",
    ),
    "reason_required": Text("Hãy ghi lý do rút số liệu.", "Give the reason for withdrawing."),
    "already_withdrawn": Text(
        "Số liệu {id} đã được rút trước đó.", "Figure {id} was already withdrawn."
    ),
    "reviewer_withdraws": Text(
        "Số liệu {id} hiện {state}: chỉ người duyệt mới rút được.",
        "Figure {id} is {state}: only a reviewer may withdraw it.",
    ),
    "not_allowed": Text(
        "Bạn không có quyền thực hiện thao tác này với số liệu này.",
        "You may not do this with this figure.",
    ),
    "not_reviewer": Text("Chỉ người duyệt mới làm được việc này.", "Only a reviewer may do this."),
    "locked": Text(
        "Số liệu đã duyệt bị khóa: người duyệt cần mở khóa trước khi sửa.",
        "The approved figure is locked: a reviewer must reopen it before it is corrected.",
    ),
    "correction_reason": Text(
        "Số liệu khác số đã lưu: hãy ghi lý do sửa.",
        "The figures differ from the stored ones: give the reason for the correction.",
    ),
    "not_found": Text("Không có số liệu {id}.", "There is no figure {id}."),
}


def refusal(exc: StoreError, lang: str) -> str:
    """The workflow's refusal as one sentence in ``lang`` (the store's own message when
    it has no wording here)."""
    if isinstance(exc, figure_service.BlockedByRule):
        head = "Chưa duyệt được: " if lang != "en" else "Not approved: "
        return head + " ".join(exc.messages)
    said = _REFUSALS.get(exc.code)
    if said is None:
        return str(exc)
    values = dict(exc.values)
    state = values.get("state")
    if isinstance(state, str) and state in {s.value for s in ReviewState}:
        values["state"] = STATE_LABEL[ReviewState(state)].get(lang)
    try:
        return said.get(lang).format(**values)
    except (KeyError, IndexError):
        return str(exc)
