"""Tasks ("5 rõ"): the list with the overdue milestones, a task's page, progress updates."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from chitieu.services import tasks as task_service
from chitieu.store import Store
from chitieu.store.accounts import Account
from chitieu.store.errors import StoreError
from chitieu.web import views
from chitieu.web.deps import checked_form, get_store, logged_in, principal, viewer
from chitieu.web.i18n import translate

router = APIRouter()

StoreDep = Annotated[Store, Depends(get_store)]
Viewer = Annotated[Account | None, Depends(viewer)]
UPDATE_FIELDS = ("reported_on", "percent", "milestone", "text", "evidence")


def _agency_names(store: Store, lang: str) -> dict[str, str]:
    return {a.code: a.name.get(lang) for a in store.agencies()}


@router.get("/r/{resolution_id}/tasks")
def task_list(request: Request, resolution_id: str, store: StoreDep, who: Viewer) -> Response:
    lang = views.lang_of(request)
    res = store.get_resolution(resolution_id)
    data = task_service.overview(store, resolution_id, lang=lang)
    return views.render(
        request,
        "tasks.html",
        {"res": res, "data": data, "agencies": _agency_names(store, lang)},
    )


def _task_page(
    request: Request,
    store: Store,
    resolution_id: str,
    task_id: str,
    account: Account | None,
    errors: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    lang = views.lang_of(request)
    res = store.get_resolution(resolution_id)
    data = task_service.overview(store, resolution_id, lang=lang)
    view = None
    if data is not None:
        view = next((v for v in data.views if v.task.id == task_id), None)
    if data is None or view is None:
        return views.render(
            request, "error.html", {"message": translate("not_found", lang)}, status_code=404
        )
    history = store.task_updates(resolution_id, task_id)
    clauses = {c.id: (t, c) for t in (*res.targets, *res.extra_targets) for c in t.clauses}
    return views.render(
        request,
        "task.html",
        {
            "res": res,
            "v": view,
            "group": data.plan.group(view.task.group),
            "history": history,
            "clauses": clauses,
            "agencies": _agency_names(store, lang),
            "may_update": task_service.may_update(principal(account), view.task),
            "errors": errors or {},
            "typed": typed or {},
            "today": dt.date.today().isoformat(),
        },
        status_code=status_code,
    )


@router.get("/r/{resolution_id}/tasks/{task_id}")
def task_page(
    request: Request, resolution_id: str, task_id: str, store: StoreDep, who: Viewer
) -> Response:
    return _task_page(request, store, resolution_id, task_id, who)


@router.post("/r/{resolution_id}/tasks/{task_id}/updates")
def add_update(
    request: Request,
    resolution_id: str,
    task_id: str,
    store: StoreDep,
    account: Annotated[Account, Depends(logged_in)],
    data: Annotated[FormData, Depends(checked_form)],
) -> Response:
    lang = views.lang_of(request)
    typed = {
        k: str(data.get(k) or "")
        for k in ("reported_on", "percent", "milestone", "text", "evidence")
    }
    errors: dict[str, str] = {}
    try:
        on = dt.date.fromisoformat(typed["reported_on"])
    except ValueError:
        errors["reported_on"] = "yyyy-mm-dd"
        on = dt.date.today()
    percent: int | None = None
    if typed["percent"].strip():
        if typed["percent"].strip().isdigit() and 0 <= int(typed["percent"]) <= 100:
            percent = int(typed["percent"])
        else:
            errors["percent"] = "0–100"
    if not typed["text"].strip():
        errors["text"] = "nhập nội dung cập nhật" if lang == "vi" else "write what was done"
    if not errors:
        try:
            task_service.add_update(
                store,
                resolution_id,
                task_id,
                account.principal,
                reported_on=on,
                text=typed["text"],
                percent=percent,
                milestone=typed["milestone"],
                evidence=typed["evidence"],
            )
        except PermissionError:
            raise
        except (ValueError, KeyError, StoreError) as exc:
            errors["_"] = str(exc.args[0]) if exc.args else str(exc)
    if errors:
        return _task_page(
            request, store, resolution_id, task_id, account, errors, typed, status_code=422
        )
    return RedirectResponse(f"/r/{resolution_id}/tasks/{task_id}", status_code=303)
