"""The pages leaders and staff read: the overview of a resolution and a target's page."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from chitieu.core.model import Verdict
from chitieu.core.results import VERDICT_ORDER
from chitieu.services import dashboard
from chitieu.store import Store
from chitieu.store.accounts import Account
from chitieu.web import views
from chitieu.web.deps import get_store, viewer
from chitieu.web.i18n import translate

router = APIRouter()

Viewer = Annotated[Account | None, Depends(viewer)]
StoreDep = Annotated[Store, Depends(get_store)]
CHART_LABELS = ("observed", "required_path", "target_band", "projection")
AsOf = Annotated[int | None, Query(ge=1945, le=2200)]


@router.get("/")
def index(request: Request, store: StoreDep, who: Viewer) -> Response:
    ids = store.resolution_ids()
    if not ids:
        return views.render(request, "empty.html", {})
    # The newest term first: that is the one people track.
    latest = max(ids, key=lambda rid: store.get_resolution(rid).period[1])
    return RedirectResponse(f"/r/{latest}", status_code=303)


@router.get("/r/{resolution_id}")
def overview(
    request: Request,
    resolution_id: str,
    store: StoreDep,
    who: Viewer,
    group: str = "",
    status: str = "",
    agency: str = "",
    area: str = "",
    as_of: AsOf = None,
) -> Response:
    lang = views.lang_of(request)
    if status and status not in {v.value for v in Verdict}:
        status = ""
    res = store.get_resolution(resolution_id)
    if area not in {a.code for a in res.areas}:
        area = ""
    data = dashboard.overview(
        store,
        resolution_id,
        lang=lang,
        as_of=as_of,
        group=group or None,
        verdict=status or None,
        agency=agency or None,
        area=area or None,
    )
    agencies = {a.code: a.name.get(lang) for a in store.agencies()}
    return views.render(
        request,
        "overview.html",
        {
            "data": data,
            "res": res,  # as defined: the area list and its own area, whatever was chosen
            "filters": {"group": group, "status": status, "agency": agency, "area": area},
            "years": list(range(res.period[0], res.period[1] + 1)),
            "area_names": {a.code: a.name.get(lang) for a in res.areas},
            "agencies": agencies,
            "verdicts": list(VERDICT_ORDER),
            "resolutions": store.resolution_ids(),
            "summary": _summary(data, lang),
        },
    )


def _summary(data: dashboard.Overview, lang: str) -> str:
    res = data.result
    head = translate("figures_up_to", lang, year=res.as_of)
    state = translate("final" if res.final else "in_term", lang)
    return f"{head} · {state}"


@router.get("/r/{resolution_id}/t/{target_id}")
def target_page(
    request: Request,
    resolution_id: str,
    target_id: str,
    store: StoreDep,
    who: Viewer,
    as_of: AsOf = None,
) -> Response:
    lang = views.lang_of(request)
    try:
        detail = dashboard.target_detail(store, resolution_id, target_id, lang=lang, as_of=as_of)
    except KeyError:
        return views.render(
            request, "error.html", {"message": translate("not_found", lang)}, status_code=404
        )
    charts = {v.result.clause.id: _chart_json(v.chart, lang) for v in detail.clauses if v.chart}
    agencies = {a.code: a.name.get(lang) for a in store.agencies()}
    return views.render(
        request,
        "target.html",
        {
            "d": detail,
            "res": detail.result.resolution,
            "tr": detail.target,
            "charts": charts,
            "agencies": agencies,
        },
    )


def _chart_json(chart: dashboard.Chart, lang: str) -> str:
    """The chart as JSON for app.js; labels in the page's language."""
    payload = {
        "unit": chart.unit,
        "observed": chart.observed,
        "required": chart.required,
        "band": chart.band,
        "projection": chart.projection,
        "labels": {
            k: translate(k, lang)
            for k in ("observed", "required_path", "target_band", "projection")
        },
        "decimal": "," if lang == "vi" else ".",
        "thousands": "." if lang == "vi" else ",",
    }
    # "</" cannot close the script element the JSON sits in.
    return json.dumps(payload, ensure_ascii=False).replace("</", "<\\/")
