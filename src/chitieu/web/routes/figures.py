"""Data entry (one figure, pasted years, CSV upload) and the reviewers' approval queue."""

from __future__ import annotations

from dataclasses import fields
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from chitieu.core.access import Action, allowed
from chitieu.core.observations import Qualifier, Status
from chitieu.core.periods import BasisKind, PeriodError, parse_basis, parse_period
from chitieu.services import figures as figure_service
from chitieu.services import review as review_service
from chitieu.store import Store
from chitieu.store.accounts import Account
from chitieu.store.errors import StaleError, StoreError
from chitieu.store.review import ReviewAction
from chitieu.web import views
from chitieu.web.deps import checked_form, get_store, require
from chitieu.web.i18n import translate

router = APIRouter()

StoreDep = Annotated[Store, Depends(get_store)]
Editor = Annotated[Account, Depends(require(Action.ENTER_FIGURE))]
Reviewer = Annotated[Account, Depends(require(Action.REVIEW_FIGURE))]
Form = Annotated[FormData, Depends(checked_form)]


def _entry_context(
    store: Store, resolution_id: str, account: Account, lang: str
) -> dict[str, object]:
    resolution = store.get_resolution(resolution_id)
    assignment = store.indicator_agencies()
    who = account.principal
    indicators = [
        i
        for i in resolution.indicators
        if allowed(who, Action.ENTER_FIGURE, assignment.get(i.code))
    ]
    return {
        "res": resolution,
        "indicators": indicators,
        "areas": resolution.areas,
        "statuses": list(Status),
        "qualifiers": list(Qualifier),
        "bases": [k.value for k in BasisKind if k is not BasisKind.YEAR],
        "assignment": assignment,
        "agencies": {a.code: a.name.get(lang) for a in store.agencies()},
    }


def _latest_revision(store: Store, form: figure_service.EntryForm, area: str) -> str:
    if not form.indicator or not form.year.strip():
        return ""
    try:
        period = parse_period(form.year)
        basis = parse_basis(form.basis)
    except PeriodError:
        return ""
    return figure_service.seen_revisions(store, form.indicator, area, period, basis)


@router.get("/r/{resolution_id}/entry")
def entry_form(
    request: Request,
    resolution_id: str,
    store: StoreDep,
    account: Editor,
    indicator: str = "",
    year: str = "",
    basis: str = "level",
    ok: int | None = None,
    unchanged: int | None = None,
) -> Response:
    lang = views.lang_of(request)
    context = _entry_context(store, resolution_id, account, lang)
    form = figure_service.EntryForm(indicator=indicator, year=year, basis=basis)
    res = store.get_resolution(resolution_id)
    form.seen_revision = _latest_revision(store, form, res.area)
    message = ""
    if ok:
        message = translate("submitted_ok", lang, n=ok)
    elif unchanged:
        message = translate("unchanged_ok", lang)
    return views.render(
        request, "entry.html", {**context, "form": form, "errors": {}, "message": message}
    )


def _form_from(data: FormData) -> figure_service.EntryForm:
    values: dict[str, str] = {}
    for f in fields(figure_service.EntryForm):
        if f.name == "extra":
            continue
        raw = data.get(f.name)
        values[f.name] = raw if isinstance(raw, str) else ""
    return figure_service.EntryForm(**values)  # type: ignore[arg-type]


@router.post("/r/{resolution_id}/entry")
def submit_entry(
    request: Request, resolution_id: str, store: StoreDep, account: Editor, data: Form
) -> Response:
    lang = views.lang_of(request)
    form = _form_from(data)
    try:
        submission = figure_service.submit_form(store, resolution_id, form, account.principal, lang)
    except figure_service.EntryError as exc:
        return form_again(request, store, resolution_id, account, form, exc.by_field(lang))
    except StaleError as exc:
        # Both values on the page; the form now carries the stored revision, so sending it
        # again is a deliberate choice made after seeing the other person's figure.
        stored = exc.stored.revision if exc.stored else 0
        form.seen_revision = figure_service.with_seen(form.seen_revision, exc.key, stored)
        message = figure_service.stale_message(exc, lang)
        return form_again(request, store, resolution_id, account, form, {"_": message}, 409)
    except StoreError as exc:
        message = review_service.refusal(exc, lang)
        return form_again(request, store, resolution_id, account, form, {"_": message}, 409)
    n = len(submission.observation_ids)
    query = f"ok={n}" if n else "unchanged=1"
    return RedirectResponse(f"/r/{resolution_id}/entry?{query}", status_code=303)


def form_again(
    request: Request,
    store: Store,
    resolution_id: str,
    account: Account,
    form: figure_service.EntryForm,
    errors: dict[str, str],
    status_code: int = 422,
    extra: dict[str, str] | None = None,
) -> Response:
    lang = views.lang_of(request)
    context = _entry_context(store, resolution_id, account, lang)
    return views.render(
        request,
        "entry.html",
        {**context, "form": form, "errors": errors, "message": "", **(extra or {})},
        status_code=status_code,
    )


@router.get("/r/{resolution_id}/entry/check")
def entry_check(
    request: Request,
    resolution_id: str,
    store: StoreDep,
    account: Editor,
    indicator: str = "",
    area: str = "",
    year: str = "",
    value: str = "",
    unit: str = "",
    status: str = "estimate",
) -> Response:
    """What the form would say about one figure, while it is typed (the page's script
    shows it under the value): slips of the number and the plausibility rules."""
    lang = views.lang_of(request)
    form = figure_service.EntryForm(
        indicator=indicator[:200],
        area=area[:100],
        year=year[:10],
        value=value[:100],
        unit=unit[:100],
        status=status[:20],
        source_document="-",
    )
    messages = figure_service.preview(store, resolution_id, form, lang)
    return JSONResponse({"messages": messages})


@router.get("/review")
def review_queue(request: Request, store: StoreDep, account: Reviewer) -> Response:
    return views.render(
        request,
        "review.html",
        {
            "items": review_service.queue(store),
            "error": request.query_params.get("error", ""),
            "state_label": lambda state: review_service.STATE_LABEL[state].get(
                views.lang_of(request)
            ),
            "figure_text": lambda obs: review_service.figure_text(obs, views.lang_of(request)),
        },
    )


def _back(data: FormData) -> str:
    back = str(data.get("next") or "/review")
    if not back.startswith("/") or back.startswith("//"):
        back = "/review"
    return back


def _with(back: str, query: str) -> str:
    return f"{back}{'&' if '?' in back else '?'}{query}"


@router.post("/review/approve")
def approve_selected(request: Request, store: StoreDep, account: Reviewer, data: Form) -> Response:
    """Approve the figures ticked in the queue, each on its own: the ones the rules or the
    workflow refuse stay in the queue with the reason, the others are approved."""
    lang = views.lang_of(request)
    ids = [int(v) for v in data.getlist("ids") if isinstance(v, str) and v.isdigit()]
    if not ids:
        message = translate("select_first", lang)
        return RedirectResponse(_with("/review", f"error={views.quote(message)}"), 303)
    done, refused = review_service.approve_many(store, ids, account.principal, "", lang)
    lines = []
    if done:
        lines.append(translate("approved_n", lang, n=len(done)))
    lines.extend(f"#{oid}: {why}" for oid, why in refused)
    views.flash(request, "\n".join(lines), "alert" if refused else "notice")
    return RedirectResponse("/review", status_code=303)


@router.post("/review/{observation_id}")
def review(
    request: Request, observation_id: int, store: StoreDep, account: Reviewer, data: Form
) -> Response:
    lang = views.lang_of(request)
    action_text = str(data.get("action") or "")
    comment = str(data.get("comment") or "").strip()
    back = _back(data)
    try:
        action = ReviewAction(action_text)
    except ValueError:
        return views.render(
            request,
            "error.html",
            {"message": translate("bad_request", lang), "detail": action_text},
            status_code=400,
        )
    try:
        if action is ReviewAction.APPROVE:
            figure_service.approve(store, observation_id, account.principal, comment, lang)
        else:
            store.review_figure(observation_id, action, reviewer=account.principal, comment=comment)
    except StoreError as exc:
        message = review_service.refusal(exc, lang)
        return RedirectResponse(_with(back, f"error={views.quote(message)}"), status_code=303)
    done = {
        ReviewAction.APPROVE: "approved_one",
        ReviewAction.RETURN: "returned_one",
        ReviewAction.REOPEN: "reopened_one",
    }[action]
    views.flash(request, translate(done, lang, id=observation_id), "notice")
    return RedirectResponse(back, status_code=303)


@router.post("/figures/{observation_id}/withdraw")
def withdraw(
    request: Request, observation_id: int, store: StoreDep, account: Editor, data: Form
) -> Response:
    """Withdraw a figure with a reason (reviewers: any; editors: their own pending one)."""
    lang = views.lang_of(request)
    reason = str(data.get("reason") or "")
    back = _back(data)
    try:
        figure_service.withdraw(store, observation_id, account.principal, reason)
    except figure_service.EntryError as exc:
        message = " ".join(exc.by_field(lang).values())
        return RedirectResponse(_with(back, f"error={views.quote(message)}"), status_code=303)
    except PermissionError:
        raise  # another editor's figure: 403, as everywhere else
    except StoreError as exc:
        message = review_service.refusal(exc, lang)
        return RedirectResponse(_with(back, f"error={views.quote(message)}"), status_code=303)
    views.flash(request, translate("withdrawn_ok", lang), "notice")
    return RedirectResponse(_with(back, f"withdrawn={observation_id}"), status_code=303)
