"""Administration (users, roles, agencies, tokens, resolution files) and the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from chitieu.core.access import Action, Role
from chitieu.definitions import load_resolution_text
from chitieu.definitions.errors import DefinitionError
from chitieu.definitions.tasks import load_agencies_text, load_tasks_text
from chitieu.services import accounts
from chitieu.services import tasks as task_service
from chitieu.store import Store
from chitieu.store.accounts import Account
from chitieu.store.errors import StoreError
from chitieu.web import security, views
from chitieu.web.deps import checked_form, get_store, logged_in, require
from chitieu.web.i18n import translate

router = APIRouter()

StoreDep = Annotated[Store, Depends(get_store)]
Admin = Annotated[Account, Depends(require(Action.ADMINISTER))]
Auditor = Annotated[Account, Depends(require(Action.VIEW_AUDIT))]
Form = Annotated[FormData, Depends(checked_form)]


def _page(
    request: Request,
    store: Store,
    *,
    errors: dict[str, str] | None = None,
    message: str = "",
    token: str = "",
    typed: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    lang = views.lang_of(request)
    return views.render(
        request,
        "admin.html",
        {
            "users": store.users(),
            "roles": list(Role),
            "agencies": store.agencies(),
            "agency_names": {a.code: a.name.get(lang) for a in store.agencies()},
            "versions": {rid: store.resolution_versions(rid) for rid in store.resolution_ids()},
            "errors": errors or {},
            "message": message,
            "token": token,
            "typed": typed or {},
            "my_tokens": [],
            "locked": {u.username for u in store.users() if security.locked_out(store, u.username)},
        },
        status_code=status_code,
    )


@router.get("/admin")
def admin_page(request: Request, store: StoreDep, account: Admin) -> Response:
    return _page(request, store)


@router.post("/admin/users")
def create_user(request: Request, store: StoreDep, account: Admin, data: Form) -> Response:
    typed = {k: str(data.get(k) or "") for k in ("username", "display_name", "role")}
    agencies = [str(a) for a in data.getlist("agencies")]
    password = str(data.get("password") or "")
    try:
        role = Role(typed["role"])
    except ValueError:
        return _page(request, store, errors={"role": "?"}, typed=typed, status_code=422)
    try:
        accounts.create_user(
            store,
            typed["username"],
            password,
            role,
            display_name=typed["display_name"],
            agencies=agencies,
            actor=account.username,
        )
    except (ValueError, StoreError) as exc:
        return _page(request, store, errors={"user": str(exc)}, typed=typed, status_code=422)
    return _page(request, store, message=f"✓ {typed['username']}")


@router.post("/admin/users/{username}")
def update_user(
    request: Request, username: str, store: StoreDep, account: Admin, data: Form
) -> Response:
    try:
        role = Role(str(data.get("role") or ""))
        active = data.get("active") == "on"
        if username == account.username and (not active or role is not Role.ADMIN):
            raise ValueError(
                "không thể tự khóa hoặc tự bỏ quyền quản trị (you cannot lock or demote yourself)"
            )
        store.update_user(
            username,
            actor=account.username,
            role=role,
            active=active,
            agencies=[str(a) for a in data.getlist("agencies")],
        )
        password = str(data.get("password") or "")
        if password:
            accounts.set_password(store, username, password, actor=account.username)
        # A new password or the unlock box ends a lockout; the unlock is in the audit log.
        if (password or data.get("unlock") == "on") and security.locked_out(store, username):
            store.record_event(account.username, "unlock", "user", username)
    except (ValueError, StoreError) as exc:
        return _page(request, store, errors={username: str(exc)}, status_code=422)
    return _page(request, store, message=f"✓ {username}")


@router.post("/admin/tokens")
def create_token(request: Request, store: StoreDep, account: Admin, data: Form) -> Response:
    username = str(data.get("username") or account.username)
    name = str(data.get("name") or "api").strip()[:100]
    try:
        token = accounts.new_token(store, username, name, actor=account.username)
    except StoreError as exc:
        return _page(request, store, errors={"token": str(exc)}, status_code=422)
    return _page(request, store, token=token)


@router.post("/admin/resolutions")
async def upload_definition(
    request: Request, store: StoreDep, account: Admin, data: Form
) -> Response:
    upload = data.get("file")
    lang = views.lang_of(request)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _page(request, store, errors={"definition": "?"}, status_code=422)
    raw = await upload.read(request.app.state.settings.max_upload_bytes + 1)
    if len(raw) > request.app.state.settings.max_upload_bytes:
        return _page(request, store, errors={"definition": "too large"}, status_code=413)
    try:
        text = raw.decode("utf-8")
        resolution = load_resolution_text(text, upload.filename)
        store.save_resolution(resolution, text, upload.filename, loaded_by=account.username)
    except UnicodeDecodeError:
        return _page(request, store, errors={"definition": "UTF-8?"}, status_code=422)
    except DefinitionError as exc:
        lines = "\n".join(str(p) for p in exc.problems)
        return _page(request, store, errors={"definition": lines}, status_code=422)
    except StoreError as exc:
        return _page(request, store, errors={"definition": str(exc)}, status_code=409)
    store.record_event(
        account.username, "load", "resolution", resolution.id, after={"file": upload.filename}
    )
    return _page(request, store, message=translate("loaded_ok", lang, what=resolution.id))


@router.post("/admin/resolutions/{resolution_id}/documents")
async def upload_document(
    request: Request, resolution_id: str, store: StoreDep, account: Admin, data: Form
) -> Response:
    """A new agencies.yaml (who reports what) or tasks.yaml for a loaded resolution."""
    kind = str(data.get("kind") or "")
    upload = data.get("file")
    lang = views.lang_of(request)
    if kind not in ("agencies", "tasks") or not isinstance(upload, UploadFile):
        return _page(request, store, errors={"document": "kind/file?"}, status_code=422)
    raw = await upload.read(request.app.state.settings.max_upload_bytes + 1)
    if len(raw) > request.app.state.settings.max_upload_bytes:
        return _page(request, store, errors={"document": "too large"}, status_code=413)
    name = upload.filename or f"{kind}.yaml"
    try:
        text = raw.decode("utf-8")
        resolution = store.get_resolution(resolution_id)
        if kind == "agencies":
            directory = load_agencies_text(text, name, resolution)
            store.save_agencies(directory.agencies, directory.indicators, actor=account.username)
        else:
            current = task_service.directory(store, resolution_id)
            load_tasks_text(text, name, resolution, current)
        store.save_document(resolution_id, kind, text, name, loaded_by=account.username)
    except UnicodeDecodeError:
        return _page(request, store, errors={"document": "UTF-8?"}, status_code=422)
    except DefinitionError as exc:
        lines = "\n".join(str(p) for p in exc.problems)
        return _page(request, store, errors={"document": lines}, status_code=422)
    except StoreError as exc:
        return _page(request, store, errors={"document": str(exc)}, status_code=409)
    store.record_event(account.username, "load", kind, resolution_id, after={"file": name})
    return _page(
        request, store, message=translate("loaded_ok", lang, what=f"{resolution_id}/{kind}")
    )


@router.get("/audit")
def audit_page(
    request: Request,
    store: StoreDep,
    account: Auditor,
    actor: str = "",
    entity: str = "",
    action: str = "",
    contains: str = "",
    since: str = "",
    until: str = "",
    page: int = 1,
) -> Response:
    errors: dict[str, str] = {}

    def day(text: str, name: str) -> dt.datetime | None:
        if not text:
            return None
        try:
            d = dt.date.fromisoformat(text)
        except ValueError:
            errors[name] = "yyyy-mm-dd"
            return None
        return dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC)

    start = day(since, "since")
    end = day(until, "until")
    if end is not None:
        end += dt.timedelta(days=1)
    page = max(1, min(page, 10_000))
    entries = store.audit_log(
        actor=actor or None,
        entity=entity or None,
        action=action or None,
        contains=contains or None,
        since=start,
        until=end,
        limit=100,
        offset=(page - 1) * 100,
    )
    return views.render(
        request,
        "audit.html",
        {
            "entries": entries,
            "filters": {
                "actor": actor,
                "entity": entity,
                "action": action,
                "contains": contains,
                "since": since,
                "until": until,
            },
            "page": page,
            "errors": errors,
        },
        status_code=422 if errors else 200,
    )


@router.get("/me")
def me(request: Request, account: Annotated[Account, Depends(logged_in)]) -> Response:
    return RedirectResponse("/", status_code=303)
