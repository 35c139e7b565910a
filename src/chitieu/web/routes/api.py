"""REST API ``/api/v1``: the same services as the pages, as JSON.

Reads follow the pages' rule (logged in, or anyone in public read-only mode); writes need
a bearer token (or a browser session plus the ``X-CSRF-Token`` header). Errors are JSON
``{"error", "message", "detail"}`` with a 4xx status; ``detail`` names the fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse
from pydantic import ConfigDict, Field

from chitieu.core.access import Action, allowed, allowed_somewhere
from chitieu.core.observations import Observation
from chitieu.core.sources import classify_source
from chitieu.exchange import evaluation_json, figures_json
from chitieu.services import dashboard
from chitieu.services import figures as figure_service
from chitieu.services import in_year as in_year_service
from chitieu.services import review as review_service
from chitieu.services import tasks as task_service
from chitieu.store import Store
from chitieu.store.accounts import Account
from chitieu.store.errors import NotFoundError, StaleError, StoreError
from chitieu.store.records import RowKey
from chitieu.store.review import ReviewAction, obs_key
from chitieu.web import schemas, views
from chitieu.web.deps import Forbidden, api_write_guard, get_store, logged_in, viewer

# Every error is an ErrorOut: declared once for all operations (schemathesis checks it).
router = APIRouter(
    tags=["chitieu"],
    responses={
        code: {"model": schemas.ErrorOut, "description": what}
        for code, what in (
            (400, "Bad request (a NUL character in the address)"),
            (401, "Log in or send a bearer token"),
            (403, "Not allowed for this role or agency, or a missing CSRF header"),
            (404, "No such resolution, target, task or figure"),
            (422, "Invalid input; detail names each field"),
        )
    },
)

StoreDep = Annotated[Store, Depends(get_store)]
Viewer = Annotated[Account | None, Depends(viewer)]
Writer = Annotated[Account, Depends(api_write_guard)]
AsOf = Annotated[int | None, Query(ge=1945, le=2200)]
# A database row id: larger numbers cannot exist (SQLite would overflow, not say 404).
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]


def _resolution_or_404(store: Store, resolution_id: str) -> None:
    if resolution_id not in store.resolution_ids():
        raise NotFoundError(f"no resolution {resolution_id!r}")


@router.get("/me", response_model=schemas.MeOut)
def me(account: Annotated[Account, Depends(logged_in)]) -> schemas.MeOut:
    return schemas.MeOut(
        username=account.username,
        display_name=account.display_name,
        role=account.role.value,
        agencies=list(account.agencies),
    )


@router.get("/resolutions", response_model=list[schemas.ResolutionOut])
def resolutions(store: StoreDep, who: Viewer) -> list[schemas.ResolutionOut]:
    out = []
    for rid in store.resolution_ids():
        r = store.get_resolution(rid)
        versions = store.resolution_versions(rid)
        out.append(
            schemas.ResolutionOut(
                id=r.id,
                title={"vi": r.title.vi, "en": r.title.en},
                period=list(r.period),
                base_year=r.base_year,
                targets=len(r.targets),
                version=versions[-1].version if versions else 1,
            )
        )
    return out


@router.get("/resolutions/{resolution_id}/evaluation")
def evaluation(
    resolution_id: str, store: StoreDep, who: Viewer, as_of: AsOf = None
) -> dict[str, Any]:
    """The evaluation in the documented ``chitieu/evaluation@1`` format."""
    _resolution_or_404(store, resolution_id)
    return evaluation_json.to_dict(dashboard.evaluation(store, resolution_id, as_of))


@router.get("/resolutions/{resolution_id}/targets")
def targets(
    resolution_id: str, store: StoreDep, who: Viewer, as_of: AsOf = None
) -> list[dict[str, Any]]:
    _resolution_or_404(store, resolution_id)
    result = dashboard.evaluation(store, resolution_id, as_of)
    return [evaluation_json.target_dict(t, result) for t in (*result.targets, *result.extra)]


@router.get("/resolutions/{resolution_id}/targets/{target_id}")
def target(
    resolution_id: str, target_id: str, store: StoreDep, who: Viewer, as_of: AsOf = None
) -> dict[str, Any]:
    _resolution_or_404(store, resolution_id)
    try:
        detail = dashboard.target_detail(store, resolution_id, target_id, as_of=as_of)
    except KeyError as exc:
        raise NotFoundError(f"no target {target_id!r} in {resolution_id}") from exc
    body = evaluation_json.target_dict(detail.target, detail.result)
    body["figures"] = [_figure(f) for f in detail.figures]
    body["agencies"] = list(detail.agencies)
    # provisional statuses of the year evaluated, while it has sub-annual figures only
    tracked = in_year_service.InYear(
        detail.result.resolution, detail.result.as_of, tuple(detail.in_year.values())
    )
    body["in_year"] = in_year_service.in_year_dict(tracked)["statuses"]
    return body


@router.get("/resolutions/{resolution_id}/in-year")
def in_year(
    resolution_id: str,
    store: StoreDep,
    who: Viewer,
    year: Annotated[int, Query(ge=1900, le=2200, description="The year to follow.")],
) -> dict[str, Any]:
    """In-year tracking: each clause whose target for ``year`` is known, set against the
    year's latest sub-annual figure (flow pace, share of plan, growth so far or level),
    always provisional ("tạm tính, 9 tháng"); ``superseded`` once an annual figure of
    the year exists (the yearly evaluation is then the verdict)."""
    _resolution_or_404(store, resolution_id)
    return in_year_service.in_year_dict(in_year_service.in_year(store, resolution_id, year))


def _figure(f: dashboard.FigureRow) -> dict[str, Any]:
    out = figures_json.observation_dict(f.obs)
    out["source_class"] = classify_source(f.obs.source).value
    out["review_state"] = f.state.value
    out["in_force"] = f.in_force
    return out


@router.get("/observations")
def observations(
    store: StoreDep,
    who: Viewer,
    indicator: str | None = None,
    area: str | None = None,
    revisions: bool = False,
) -> list[dict[str, Any]]:
    """Stored figures with their review state; ``revisions=true`` gives every revision."""
    rows = store.observations(indicator, area, all_revisions=revisions)
    states = store.review_states([o.id for o in rows if o.id is not None])
    out = []
    for o in rows:
        item = figures_json.observation_dict(o)
        item["source_class"] = classify_source(o.source).value
        review = states.get(o.id) if o.id is not None else None
        item["review_state"] = "approved" if review is None else review.state.value
        out.append(item)
    return out


@router.post(
    "/resolutions/{resolution_id}/observations",
    status_code=201,
    response_model=schemas.SubmitOut,
    responses={422: {"model": schemas.ErrorOut}, 409: {"model": schemas.ErrorOut}},
)
def submit(
    resolution_id: str, body: schemas.SubmitIn, store: StoreDep, account: Writer
) -> schemas.SubmitOut:
    """Submit figures for review, all or nothing."""
    _resolution_or_404(store, resolution_id)
    resolution = store.get_resolution(resolution_id)
    if not allowed_somewhere(account.principal, Action.ENTER_FIGURE):
        raise Forbidden()
    problems: list[figure_service.FieldProblem] = []
    built: list[Observation] = []
    fields: list[tuple[str, str, str]] = []
    expected: dict[RowKey, int] = {}
    why: dict[RowKey, str] = {}
    for n, fig in enumerate(body.figures):
        form = figure_service.EntryForm(
            indicator=fig.indicator,
            area=fig.area,
            year=fig.period if fig.period is not None else str(fig.year),
            basis=fig.basis,
            value=str(fig.value),
            unit=fig.unit,
            status=fig.status,
            qualifier=fig.qualifier,
            source_document=fig.source_document,
            source_date=fig.source_date,
            note=fig.note,
        )
        try:
            obs, _ = figure_service.build_observations(form, resolution, "en")
        except figure_service.EntryError as exc:
            problems.extend(
                figure_service.FieldProblem(f"figures[{n}].{p.field}", p.vi, p.en)
                for p in exc.problems
            )
            continue
        built.extend(obs)
        fields.extend(
            (f"figures[{n}].value", f"figures[{n}].year", f"figures[{n}].justification")
            for _ in obs
        )
        o = obs[0]
        key = obs_key(o)
        if fig.seen_revision is not None:
            expected[key] = fig.seen_revision
        if fig.justification.strip():
            why[key] = fig.justification
    if problems:
        raise figure_service.EntryError(problems)
    figure_service.check_scope(account.principal, built, store.indicator_agencies())
    justified = figure_service.plausible(store, resolution_id, built, why, fields)
    try:
        submission = store.submit_figures(
            built,
            actor=account.username,
            reason=body.reason,
            dataset="api",
            expected_revisions=expected or None,
            justifications=justified,
        )
    except StaleError as exc:  # both values in the answer: the client shows them, then decides
        return JSONResponse(  # type: ignore[return-value]
            {
                "error": "conflict",
                "message": figure_service.stale_message(exc, "en"),
                "message_vi": figure_service.stale_message(exc, "vi"),
                "detail": figure_service.stale_values(exc, "en"),
            },
            status_code=409,
        )
    except StoreError as exc:
        if exc.code != "correction_reason":
            raise
        raise figure_service.EntryError([figure_service.correction_reason_problem()]) from exc
    added = submission.added
    return schemas.SubmitOut(
        observation_ids=list(submission.observation_ids),
        inserted=added.inserted,
        revised=added.revised,
        unchanged=added.unchanged,
    )


@router.get("/review")
def review_queue(store: StoreDep, account: Annotated[Account, Depends(logged_in)]) -> list[Any]:
    if not allowed(account.principal, Action.REVIEW_FIGURE):
        raise Forbidden()
    return [
        {
            **figures_json.observation_dict(it.obs),
            "source_class": it.source_class.value,
            "submitted_by": it.review.actor,
            "submitted_at": it.review.at.isoformat(),
            "comment": it.review.comment,
            "plausibility": [
                {
                    "rule": f.rule,
                    "severity": f.severity.value,
                    "message_vi": f.message.vi,
                    "message_en": f.message.en,
                }
                for f in it.findings
            ],
            "justification": it.justification.text if it.justification else "",
            "previous_revision_value": str(it.previous.value) if it.previous else None,
            "other_statuses": [
                {
                    "status": x.obs.status.value,
                    "value": str(x.obs.value),
                    "unit": x.obs.unit,
                    "review_state": x.state.value,
                    "differs": x.differs,
                }
                for x in it.others
            ],
        }
        for it in review_service.queue(store)
    ]


@router.post(
    "/observations/{observation_id}/review",
    response_model=schemas.ReviewOut,
    responses={409: {"model": schemas.ErrorOut}},
)
def review(
    observation_id: RowId, body: schemas.ReviewIn, store: StoreDep, account: Writer
) -> schemas.ReviewOut:
    if not allowed(account.principal, Action.REVIEW_FIGURE):
        raise Forbidden()
    action = ReviewAction(body.action)
    if action is ReviewAction.APPROVE:
        done = figure_service.approve(store, observation_id, account.principal, body.comment, "en")
    else:
        done = store.review_figure(
            observation_id, action, reviewer=account.principal, comment=body.comment
        )
    return schemas.ReviewOut(
        observation_id=done.observation_id,
        state=done.state.value,
        actor=done.actor,
        at=done.at.isoformat(),
        comment=done.comment,
    )


class WithdrawIn(schemas.In):  # schemas.In: extra fields and NUL characters refused
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=2000)


@router.post(
    "/observations/{observation_id}/withdraw",
    response_model=schemas.ReviewOut,
    responses={409: {"model": schemas.ErrorOut}, 403: {"model": schemas.ErrorOut}},
)
def withdraw(
    observation_id: RowId, body: WithdrawIn, store: StoreDep, account: Writer
) -> schemas.ReviewOut:
    """Withdraw a figure (kept, marked withdrawn, no longer counted); reason required."""
    done = figure_service.withdraw(store, observation_id, account.principal, body.reason)
    return schemas.ReviewOut(
        observation_id=done.observation_id,
        state=done.state.value,
        actor=done.actor,
        at=done.at.isoformat(),
        comment=done.comment,
    )


@router.get("/resolutions/{resolution_id}/tasks")
def tasks(resolution_id: str, store: StoreDep, who: Viewer) -> list[dict[str, Any]]:
    """Tasks and breakthroughs with their 5 rõ, progress and one-sentence status."""
    _resolution_or_404(store, resolution_id)
    data = task_service.overview(store, resolution_id, lang="vi")
    if data is None:
        return []
    en = task_service.overview(store, resolution_id, lang="en")
    sentences_en = {v.task.id: v.sentence for v in en.views} if en else {}
    return [
        {
            "id": v.task.id,
            "group": v.task.group,
            "kind": v.task.kind.value,
            "title": {"vi": v.task.title.vi, "en": v.task.title.en},
            "text": v.task.text,
            "source": v.task.source.label("vi"),
            "objective": list(v.task.objective),
            "milestones": [
                {
                    "id": s.milestone.id,
                    "text": s.milestone.text,
                    "due": s.milestone.due.isoformat(),
                    "state": s.state.value,
                }
                for s in v.progress.milestones
            ],
            "lead": v.task.responsibility.lead,
            "cooperating": list(v.task.responsibility.cooperating),
            "five_clear": {c.aspect.value: c.clarity.value for c in v.five.checks},
            "percent": v.progress.percent,
            "status": {"vi": v.sentence, "en": sentences_en.get(v.task.id, "")},
        }
        for v in data.views
    ]


@router.post(
    "/resolutions/{resolution_id}/tasks/{task_id}/updates",
    status_code=201,
    responses={422: {"model": schemas.ErrorOut}, 403: {"model": schemas.ErrorOut}},
)
def task_update(
    resolution_id: str,
    task_id: str,
    body: schemas.TaskUpdateIn,
    store: StoreDep,
    account: Writer,
) -> dict[str, Any]:
    _resolution_or_404(store, resolution_id)
    try:
        on = dt.date.fromisoformat(body.reported_on)
    except ValueError as exc:
        raise figure_service.EntryError(
            [figure_service.FieldProblem("reported_on", "ngày không hợp lệ", "invalid date")]
        ) from exc
    try:
        done = task_service.add_update(
            store,
            resolution_id,
            task_id,
            account.principal,
            reported_on=on,
            text=body.text,
            percent=body.percent,
            milestone=body.milestone,
            evidence=body.evidence,
        )
    except KeyError as exc:
        raise NotFoundError(f"no task {task_id!r} in {resolution_id}") from exc
    except ValueError as exc:
        raise figure_service.EntryError(
            [figure_service.FieldProblem("milestone", str(exc), str(exc))]
        ) from exc
    return {
        "id": done.id,
        "task": done.task_id,
        "reported_on": done.reported_on.isoformat(),
        "percent": done.percent,
        "recorded_by": done.recorded_by,
    }


__all__ = ["router", "views"]
