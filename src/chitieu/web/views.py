"""Rendering helpers shared by the page routes: templates, labels, sparklines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote as _quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from chitieu import __version__
from chitieu.core.access import Action, allowed, allowed_somewhere
from chitieu.core.model import Citation, Verdict
from chitieu.core.observations import Qualifier, Status
from chitieu.core.results import VERDICT_LABEL
from chitieu.core.sources import SOURCE_CLASS_LABEL, classify_source, link_of
from chitieu.store.accounts import Account
from chitieu.web.config import WebSettings
from chitieu.web.deps import csrf_token, get_lang
from chitieu.web.i18n import fmt_date, fmt_number, translate
from chitieu.web.security import LoginLimiter

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))

VERDICT_CLASS = {
    Verdict.EXCEEDED: "v-exceeded",
    Verdict.ACHIEVED: "v-achieved",
    Verdict.NOT_ACHIEVED: "v-not-achieved",
    Verdict.ON_TRACK: "v-on-track",
    Verdict.AT_RISK: "v-at-risk",
    Verdict.OFF_TRACK: "v-off-track",
    Verdict.NOT_ENOUGH_DATA: "v-no-data",
}
VERDICT_ICON = {
    Verdict.EXCEEDED: "▲",
    Verdict.ACHIEVED: "✓",
    Verdict.NOT_ACHIEVED: "✗",
    Verdict.ON_TRACK: "↗",
    Verdict.AT_RISK: "!",
    Verdict.OFF_TRACK: "↘",
    Verdict.NOT_ENOUGH_DATA: "…",
}
QUALIFIER_LABEL = {
    Qualifier.EXACT: ("chính xác", "exact"),
    Qualifier.APPROX: ("khoảng", "about"),
    Qualifier.MORE_THAN: ("hơn", "more than"),
    Qualifier.LESS_THAN: ("dưới", "less than"),
}


def make_limiter(settings: WebSettings) -> LoginLimiter:
    return LoginLimiter(settings.login_attempts, settings.login_window_seconds)


def lang_of(request: Request) -> str:
    try:
        return get_lang(request)
    except AssertionError:  # no session middleware on this request
        return "vi"


def quote(text: str) -> str:
    return _quote(text, safe="/")


def size_text(size: int, lang: str) -> str:
    """A file size limit as people read it: "100 byte", "5 MB" (vi-VN numbers)."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{fmt_number(round(size / factor, 1), lang)} {unit}"
    return f"{fmt_number(size, lang)} byte"


def sparkline(points: Sequence[tuple[int, float]], width: int = 96, height: int = 24) -> str:
    """SVG polyline points for a small trend line (server-side: works without JS)."""
    if len(points) < 2:
        return ""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)
    span_x = (x1 - x0) or 1
    span_y = (y1 - y0) or 1
    coords = []
    for x, y in points:
        px = (x - x0) / span_x * (width - 4) + 2
        py = height - 2 - (y - y0) / span_y * (height - 4)
        coords.append(f"{px:.1f},{py:.1f}")
    return " ".join(coords)


_CODE = re.compile(r"``(.+?)``|`([^`]+?)`")


def code_spans(text: str) -> Markup:
    """Text written with reStructuredText or Markdown code marks (docstrings, the OpenAPI
    description) as HTML: escaped, the marked parts in ``<code>``, no backticks left."""
    out: list[str] = []
    last = 0
    for match in _CODE.finditer(text):
        out.append(str(escape(text[last : match.start()])))
        out.append(f"<code>{escape(match.group(1) or match.group(2))}</code>")
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def source_view(citation: Citation, lang: str) -> dict[str, str]:
    """A figure's source as a page shows it: its class (word and CSS class), its text
    without the address, and the address as a link when it is a web address."""
    kind = classify_source(citation)
    link = link_of(citation)
    text = replace(citation, url="").label(lang) if link else citation.label(lang)
    return {
        "kind": kind.value,
        "label": SOURCE_CLASS_LABEL[kind].get(lang),
        "text": text,
        "link": link,
    }


def _agency_names_in(text: str, names: dict[str, str]) -> str:
    """Agency codes in a core sentence ("phối hợp: bo-giao-thong-van-tai") as people read them."""
    for code in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(code)}(?![\w-])", names[code], text)
    return text


def _with_lang(request: Request, lang: str) -> str:
    url = request.url.include_query_params(lang=lang)
    return f"{url.path}?{url.query}"


def flash(request: Request, message: str, kind: str = "notice") -> None:
    """A message for the next page this session shows (after a redirect): the confirmation
    of what was just done, never carried in the address."""
    if "session" in request.scope and message:
        request.session["flash"] = {"message": message[:2000], "kind": kind}


def _take_flash(request: Request) -> dict[str, str] | None:
    if "session" not in request.scope:
        return None
    found = request.session.pop("flash", None)
    if not isinstance(found, dict):
        return None
    kind = "alert" if found.get("kind") == "alert" else "notice"
    return {"message": str(found.get("message", "")), "kind": kind}


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    lang = lang_of(request)
    account: Account | None = getattr(request.state, "account", None)
    who = None if account is None else account.principal
    settings: WebSettings = request.app.state.settings

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    base = {
        "request": request,
        "lang": lang,
        "other_lang": "en" if lang == "vi" else "vi",
        "t": t,
        "num": lambda v: fmt_number(v, lang),
        "date": lambda v: fmt_date(v, lang),
        "account": account,
        "csrf": csrf_token(request) if "session" in request.scope else "",
        "can_enter": allowed_somewhere(who, Action.ENTER_FIGURE),
        "can_review": allowed(who, Action.REVIEW_FIGURE),
        "can_audit": allowed(who, Action.VIEW_AUDIT),
        "can_admin": allowed(who, Action.ADMINISTER),
        "public_read": settings.public_read,
        "verdict_label": lambda v: "—" if v is None else VERDICT_LABEL[v].get(lang),
        "verdict_class": lambda v: "v-none" if v is None else VERDICT_CLASS[v],
        "verdict_icon": lambda v: "" if v is None else VERDICT_ICON[v],
        "status_label": lambda s: Status(s).label.get(lang),
        # a figure's period ("quý I/2026") and, unless a level, what it is measured against
        "period_label": lambda o: o.period_label(lang),
        "basis_label": lambda o: o.basis_label(lang),
        "qualifier_label": lambda q: QUALIFIER_LABEL[Qualifier(q)][1 if lang == "en" else 0],
        "sparkline": sparkline,
        "iso_date": lambda text: fmt_date(datetime.fromisoformat(text), lang) if text else "",
        "version": __version__,
        "path": request.url.path,
        # The same page (filters kept) in the other language.
        "lang_url": _with_lang(request, "en" if lang == "vi" else "vi"),
        "flash": _take_flash(request),
        "code_spans": code_spans,
        "source_view": lambda citation: source_view(citation, lang),
    }
    names = context.get("agencies")
    known: dict[str, str] = names if isinstance(names, dict) else {}
    base["agency_names"] = lambda codes: ", ".join(known.get(c, c) for c in codes)
    base["with_agency_names"] = lambda text: _agency_names_in(text, known)
    base.update(context)
    return templates.TemplateResponse(request, template, base, status_code=status_code)
