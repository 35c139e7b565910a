"""Reading tools: paste or upload a resolution text, review the draft targets beside the
text, save them as a resolution (admin); see every figure-backed claim highlighted."""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from chitieu.core.access import Action, allowed
from chitieu.definitions import load_resolution_text
from chitieu.definitions.errors import DefinitionError
from chitieu.definitions.resolution.draft import draft_yaml
from chitieu.services import reading
from chitieu.store import Store
from chitieu.store.accounts import Account
from chitieu.store.errors import StoreError
from chitieu.web import views
from chitieu.web.deps import checked_form, get_store, logged_in, require
from chitieu.web.i18n import translate

router = APIRouter()

StoreDep = Annotated[Store, Depends(get_store)]
User = Annotated[Account, Depends(logged_in)]
Form = Annotated[FormData, Depends(checked_form)]
MAX_TEXT = 2_000_000  # characters; the Hải Phòng report is about 180.000


@dataclass(frozen=True)
class Piece:
    """A run of the text, plain or marked (a clause or a claim)."""

    text: str
    mark: str = ""  # css class
    ref: str = ""  # id of the item it belongs to
    title: str = ""


def pieces(text: str, marks: list[tuple[int, int, str, str, str]]) -> list[Piece]:
    """Cut ``text`` into plain and marked pieces; overlapping marks keep the first."""
    out: list[Piece] = []
    at = 0
    for start, end, css, ref, title in sorted(marks):
        if start < at or end <= start:
            continue
        if start > at:
            out.append(Piece(text[at:start]))
        out.append(Piece(text[start:end], css, ref, title))
        at = end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out


async def _text_of(data: FormData, lang: str) -> tuple[str, str]:
    """The pasted text, or the uploaded .txt/.docx; (text, source name)."""
    upload = data.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        name = Path(upload.filename).name
        if Path(name).suffix.lower() not in (".txt", ".docx"):
            raise ValueError(
                f"{name}: cần tệp .txt hoặc .docx"
                if lang == "vi"
                else f"{name}: need .txt or .docx"
            )
        raw = await upload.read(MAX_TEXT * 4 + 1)
        if len(raw) > MAX_TEXT * 4:
            raise ValueError(f"{name}: tệp quá lớn (file too large)")
        with tempfile.TemporaryDirectory(prefix="chitieu-read-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(raw)
            return await run_in_threadpool(reading.read_document, path), name
    text = str(data.get("text") or "")
    if not text.strip():
        raise ValueError(
            "dán văn bản hoặc chọn tệp" if lang == "vi" else "paste a text or choose a file"
        )
    if len(text) > MAX_TEXT:
        raise ValueError("văn bản quá dài (text too long)")
    return text, str(data.get("source") or "văn bản dán vào")


def _refused(request: Request, template: str, data: FormData, exc: Exception) -> Response:
    """The form again with what was pasted and why it could not be read (422)."""
    typed = str(data.get("text") or "")
    context = {"report": None, "errors": {"text": str(exc)}, "typed": typed}
    return views.render(request, template, context, status_code=422)


@router.get("/tools/extract")
def extract_form(request: Request, account: User) -> Response:
    return views.render(request, "extract.html", {"report": None, "errors": {}})


@router.post("/tools/extract")
async def extract(request: Request, account: User, data: Form) -> Response:
    lang = views.lang_of(request)
    try:
        text, source = await _text_of(data, lang)
        report = await run_in_threadpool(reading.extract, text, source=source)
    except (ValueError, OSError) as exc:
        return _refused(request, "extract.html", data, exc)
    ex = report.extraction
    marks = [
        (
            c.start,
            c.end,
            "mark-clause",
            f"c-{c.id}",
            f"{c.id}: {c.bound.value} {c.low or ''}"
            f"{'–' + c.high if c.high and c.high != c.low else ''} {c.unit}",
        )
        for t in ex.targets
        for c in t.clauses
    ]
    lo = min((s for s, _ in ex.spans), default=0)
    hi = max((e for _, e in ex.spans), default=len(report.text))
    shown = pieces(
        report.text[lo:hi], [(s - lo, e - lo, css, ref, title) for s, e, css, ref, title in marks]
    )
    yaml_text = draft_yaml(ex, report.text, source)
    return views.render(
        request,
        "extract.html",
        {
            "report": report,
            "pieces": shown,
            "yaml": yaml_text,
            "errors": {},
            "can_save": allowed(account.principal, Action.ADMINISTER),
        },
    )


@router.post("/tools/extract/save")
def save_draft(
    request: Request,
    store: StoreDep,
    account: Annotated[Account, Depends(require(Action.ADMINISTER))],
    data: Form,
) -> Response:
    """Save the reviewed draft as a resolution: the same checks as `chitieu load`."""
    lang = views.lang_of(request)
    text = str(data.get("yaml") or "")
    try:
        resolution = load_resolution_text(text, "draft.yaml")
        store.save_resolution(resolution, text, "web:extract", loaded_by=account.username)
    except DefinitionError as exc:
        errors = "\n".join(str(p) for p in exc.problems)
        return views.render(
            request,
            "extract.html",
            {"report": None, "yaml": text, "errors": {"yaml": errors}, "can_save": True},
            status_code=422,
        )
    except StoreError as exc:
        return views.render(
            request,
            "extract.html",
            {"report": None, "yaml": text, "errors": {"yaml": str(exc)}, "can_save": True},
            status_code=409,
        )
    store.record_event(
        account.username, "load", "resolution", resolution.id, after={"from": "extract"}
    )
    return views.render(
        request,
        "extract.html",
        {
            "report": None,
            "errors": {},
            "message": translate("loaded_ok", lang, what=resolution.id),
            "saved": resolution.id,
        },
    )


@router.get("/tools/claims")
def claims_form(request: Request, account: User) -> Response:
    return views.render(request, "claims.html", {"report": None, "errors": {}})


@router.post("/tools/claims")
async def claims(request: Request, account: User, data: Form) -> Response:
    lang = views.lang_of(request)
    try:
        text, source = await _text_of(data, lang)
        report = await run_in_threadpool(reading.check_claims, text, source=source)
    except (ValueError, OSError) as exc:
        return _refused(request, "claims.html", data, exc)
    marks = [
        (
            c.start,
            c.end,
            f"mark-{c.verdict.value}",
            f"claim-{i}",
            f"{c.verdict.value}: {c.stated}"
            + (f" ≠ {c.recomputed}" if c.verdict.value == "inconsistent" else ""),
        )
        for i, c in enumerate(report.claims)
    ]
    table = Counter((c.kind.value, c.verdict.value) for c in report.claims)
    kinds = sorted({c.kind.value for c in report.claims})
    return views.render(
        request,
        "claims.html",
        {
            "report": report,
            "pieces": pieces(report.text, marks),
            "table": table,
            "kinds": kinds,
            "verdicts": ("consistent", "inconsistent", "unverifiable"),
            "errors": {},
        },
    )
