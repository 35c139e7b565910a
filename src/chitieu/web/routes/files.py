"""Files people download (reports, exports, data-entry templates) and upload (figures).

Every file is produced by the same service the CLI uses, into a temporary directory, and
sent as an attachment; uploads go through the same checks and the approval workflow.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from chitieu.core.access import Action
from chitieu.definitions.errors import DefinitionError
from chitieu.reports.pdf import ConverterMissingError
from chitieu.services import exchange, reports
from chitieu.services import figures as figure_service
from chitieu.services import review as review_service
from chitieu.store import Store
from chitieu.store.accounts import Account
from chitieu.store.errors import StoreError
from chitieu.web import views
from chitieu.web.deps import checked_form, get_store, require, viewer
from chitieu.web.i18n import translate

router = APIRouter()

StoreDep = Annotated[Store, Depends(get_store)]
Viewer = Annotated[Account | None, Depends(viewer)]
Editor = Annotated[Account, Depends(require(Action.ENTER_FIGURE))]
AsOf = Annotated[int | None, Query(ge=1945, le=2200)]

MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "sdmx-csv": "text/csv; charset=utf-8",
}
UPLOAD_SUFFIXES = (".xlsx", ".csv", ".json")


def upload_name(filename: str) -> str:
    """The name to show and record for an upload: its last part, without control
    characters (a browser sends only the last part; a script may send anything)."""
    last = filename.replace("\\", "/").rsplit("/", 1)[-1]
    clean = "".join(ch for ch in last if ch.isprintable())[:200].strip()
    return clean if clean.strip(".") else "upload"


def sniff(raw: bytes, suffix: str) -> tuple[str, str] | None:
    """Why the content is not what the suffix says (vi, en), or ``None``: the type is
    decided by the bytes, so a renamed file is refused before any parser opens it."""
    if suffix == ".xlsx":
        if not raw.startswith(b"PK\x03\x04"):
            return ("nội dung không phải sổ Excel (.xlsx)", "the content is not an Excel workbook")
        return None
    if b"\x00" in raw:
        return ("tệp nhị phân, không phải văn bản", "a binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ("tệp không phải văn bản UTF-8", "the file is not UTF-8 text")
    if suffix == ".json" and text.strip()[:1] not in ("{", "["):
        return ("nội dung không phải JSON", "the content is not JSON")
    return None


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(_has_nul(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, tuple | list):
        return any(_has_nul(v) for v in value)
    return False


def _attachment(path: Path, filename: str, fmt: str) -> Response:
    return Response(
        path.read_bytes(),
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/r/{resolution_id}/report.{fmt}")
async def report(
    request: Request,
    resolution_id: str,
    fmt: str,
    store: StoreDep,
    who: Viewer,
    as_of: AsOf = None,
) -> Response:
    """The evaluation report as the offices send it up (Word, PDF, Excel or one HTML file)."""
    lang = views.lang_of(request)
    if fmt not in reports.REPORT_FORMATS:
        return views.render(
            request, "error.html", {"message": translate("not_found", lang)}, status_code=404
        )
    store.get_resolution(resolution_id)  # 404 before any work
    with tempfile.TemporaryDirectory(prefix="chitieu-report-") as tmp:
        path = Path(tmp) / f"report.{fmt}"
        try:
            await run_in_threadpool(
                reports.write_report, store, resolution_id, fmt, path, as_of=as_of, lang=lang
            )
        except (ConverterMissingError, OSError) as exc:  # LibreOffice missing or failing
            return views.render(
                request,
                "error.html",
                {"message": translate("server_error", lang), "detail": str(exc)},
                status_code=503,
            )
        suffix = f"-{as_of}" if as_of else ""
        return _attachment(path, f"{resolution_id}{suffix}-{lang}.{fmt}", fmt)


@router.get("/r/{resolution_id}/export.{fmt}")
async def export(
    request: Request, resolution_id: str, fmt: str, store: StoreDep, who: Viewer
) -> Response:
    """Every figure with its revisions (xlsx, csv, json, sdmx-csv)."""
    lang = views.lang_of(request)
    if fmt not in ("xlsx", "csv", "json", "sdmx-csv"):
        return views.render(
            request, "error.html", {"message": translate("not_found", lang)}, status_code=404
        )
    store.get_resolution(resolution_id)
    with tempfile.TemporaryDirectory(prefix="chitieu-export-") as tmp:
        path = Path(tmp) / "export"
        await run_in_threadpool(exchange.export, store, resolution_id, fmt, path, lang=lang)
        ext = "csv" if fmt == "sdmx-csv" else fmt
        name = f"{resolution_id}-{'sdmx' if fmt == 'sdmx-csv' else 'figures'}.{ext}"
        return _attachment(path, name, fmt)


@router.get("/r/{resolution_id}/template.xlsx")
async def template(
    request: Request, resolution_id: str, store: StoreDep, account: Editor, agency: str = ""
) -> Response:
    """A data-entry workbook; an editor gets the one of its (first) agency."""
    if not agency and account.role.value == "editor" and account.agencies:
        agency = account.agencies[0]
    if agency and account.role.value == "editor" and agency not in account.agencies:
        agency = account.agencies[0]
    if agency and not re.fullmatch(r"[a-z0-9-]{1,60}", agency):
        agency = ""
    with tempfile.TemporaryDirectory(prefix="chitieu-template-") as tmp:
        path = Path(tmp) / "template.xlsx"
        await run_in_threadpool(
            exchange.make_template, store, resolution_id, path, agency=agency or None
        )
        suffix = f"-{agency}" if agency else ""
        return _attachment(path, f"{resolution_id}-mau-nhap-lieu{suffix}.xlsx", "xlsx")


@router.post("/r/{resolution_id}/upload")
async def upload(
    request: Request,
    resolution_id: str,
    store: StoreDep,
    account: Editor,
    data: Annotated[FormData, Depends(checked_form)],
) -> Response:
    """A filled template (.xlsx), a long CSV or JSON: every cell checked, all or nothing,
    then judged by the plausibility rules and submitted for review like figures typed in
    the form. Problems are listed one per line, in the file's order, under its own name."""
    from chitieu.web.routes.figures import form_again

    lang = views.lang_of(request)
    upload_file = data.get("file")
    limit = request.app.state.settings.max_upload_bytes
    form = figure_service.EntryForm()
    reason = str(data.get("reason") or "").strip()[: figure_service.MAX_REASON]
    justification = str(data.get("justification") or "").strip()[: figure_service.MAX_REASON]
    typed = {"upload_reason": reason, "upload_justification": justification}

    def again(message: str, status: int = 422) -> Response:
        return form_again(
            request, store, resolution_id, account, form, {"file": message}, status, typed
        )

    if not isinstance(upload_file, UploadFile) or not upload_file.filename:
        return again("chọn một tệp" if lang == "vi" else "choose a file")
    name = upload_name(upload_file.filename)
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return again(
            f"{name}: cần tệp .xlsx, .csv hoặc .json"
            if lang == "vi"
            else f"{name}: expected an .xlsx, .csv or .json file"
        )
    raw = await upload_file.read(limit + 1)
    if len(raw) > limit:
        size = views.size_text(limit, lang)
        return again(
            f"{name}: tệp lớn hơn {size}" if lang == "vi" else f"{name}: file over {size}", 413
        )
    wrong = sniff(raw, suffix)
    if wrong:
        # Another type of file: 415; text in another encoding: fixable, like a bad cell.
        status = 422 if "UTF-8" in wrong[1] else 415
        return again(f"{name}: {wrong[0] if lang == 'vi' else wrong[1]}", status)
    with tempfile.TemporaryDirectory(prefix="chitieu-upload-") as tmp:
        # The user's file name never reaches the file system: only the checked suffix does.
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(raw)
        try:
            observations = await run_in_threadpool(exchange.read_file, store, path, filename=name)
            for n, obs in enumerate(observations, start=1):
                if _has_nul(obs):  # "\u0000" in JSON or a CSV cell: PostgreSQL refuses it
                    raise ValueError(f"{name}: figure {n}: a NUL character (\\x00) in a text")
            resolution = store.get_resolution(resolution_id)
            codes = {i.code for i in resolution.indicators}
            foreign = sorted({o.indicator for o in observations} - codes)
            if foreign:
                return again(
                    f"{name}: các chỉ số không thuộc nghị quyết này: {', '.join(foreign)}"
                    if lang == "vi"
                    else f"{name}: indicators not in this resolution: {', '.join(foreign)}",
                    409,
                )
            figure_service.check_scope(account.principal, observations, store.indicator_agencies())
            submission = await run_in_threadpool(
                lambda: exchange.submit_observations(
                    store,
                    observations,
                    recorded_by=account.username,
                    dataset=f"upload:{name}",
                    reason=reason,
                    justification=justification,
                    resolution_id=resolution_id,
                    filename=name,
                )
            )
        except DefinitionError as exc:
            return again(problem_lines(exc, name, str(path), lang))
        except UnicodeDecodeError:
            return again(
                f"{name}: tệp không phải văn bản UTF-8"
                if lang == "vi"
                else f"{name}: the file is not UTF-8 text"
            )
        except PermissionError as exc:
            # Another agency's indicator: the same 403 as the form and the API give.
            return again(str(exc).replace(str(path), name), 403)
        except StoreError as exc:
            message = review_service.refusal(exc, lang)
            status = 422 if exc.code == "correction_reason" else 409
            return again(f"{name}: {message}", status)
        except ValueError as exc:
            return again(str(exc).replace(str(path), name), 409)
    n = len(submission.observation_ids) if submission else 0
    query = f"ok={n}" if n else "unchanged=1"
    return RedirectResponse(f"/r/{resolution_id}/entry?{query}", status_code=303)


def problem_lines(exc: DefinitionError, name: str, server_path: str, lang: str) -> str:
    """Every problem of a file on its own line, in the file's order, in ``lang``, under the
    user's own file name: "so-lieu.xlsx: 2 chỗ cần sửa" then "Hàng 4, cột F: …"."""
    advice = [p for p in exc.problems if p.field == exchange.JUSTIFICATION_FIELD]
    problems = sorted(
        (p for p in exc.problems if p.field != exchange.JUSTIFICATION_FIELD),
        key=lambda p: p.position,
    )
    lines = []
    for p in problems:
        text = p.text(lang).replace(server_path, name)
        if p.row is not None:
            where = (f"Row {p.row}" if lang == "en" else f"Hàng {p.row}") + (
                f", {'column' if lang == 'en' else 'cột'} {p.column}" if p.column else ""
            )
        elif p.line is not None:
            where = (f"Line {p.line}" if lang == "en" else f"Dòng {p.line}") + (
                f", {'column' if lang == 'en' else 'cột'} {p.field}" if p.field else ""
            )
        else:
            where = ""
        lines.append(f"{where}: {text}" if where else text)
    lines = list(dict.fromkeys(lines))
    count = len(lines)
    head = (
        f"{name}: {count} problem(s), nothing was saved"
        if lang == "en"
        else f"{name}: chưa lưu gì, có {count} chỗ cần sửa"
    )
    return "\n".join([head, *lines, *(p.text(lang) for p in advice)])
