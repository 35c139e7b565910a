"""Log in and out. Failed logins are rate-limited per address and username, and an
account is locked after ``security.LOCKOUT_FAILURES`` failures until an admin unlocks it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from chitieu.services import accounts
from chitieu.store import Store
from chitieu.web import security, views
from chitieu.web.deps import checked_form, csrf_token, current_account, get_store
from chitieu.web.i18n import translate
from chitieu.web.security import new_csrf_token

router = APIRouter()


def _safe_next(target: str | None) -> str:
    # Only local paths: never redirect a user to another site after login.
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _locked_message(lang: str) -> str:
    n = security.LOCKOUT_FAILURES
    if lang == "vi":
        return (
            f"Tài khoản tạm khóa sau {n} lần đăng nhập sai. Quản trị viên có thể mở khóa; "
            "nếu không, thử lại sau 24 giờ."
        )
    return (
        f"This account is locked after {n} failed logins. An administrator can unlock it; "
        "otherwise try again in 24 hours."
    )


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    csrf_token(request)
    return views.render(request, "login.html", {"next": _safe_next(next), "username": ""})


@router.post("/login")
def login(
    request: Request,
    form: Annotated[FormData, Depends(checked_form)],
    store: Annotated[Store, Depends(get_store)],
) -> Response:
    username = str(form.get("username") or "").strip()
    password = str(form.get("password") or "")
    target = _safe_next(str(form.get("next") or "/"))
    address = request.client.host if request.client else "-"
    limiter = request.app.state.limiter
    lang = views.lang_of(request)
    wait = limiter.retry_after(address, username)
    if wait:
        return views.render(
            request,
            "login.html",
            {
                "next": target,
                "username": username,
                "error": translate("login_limited", lang, seconds=wait),
            },
            status_code=429,
        )
    if security.locked_out(store, username):
        # Not even the right password: the account waits for an administrator (or a day).
        store.record_event(username, "login_locked", "session", address)
        return views.render(
            request,
            "login.html",
            {"next": target, "username": username, "error": _locked_message(lang)},
            status_code=423,
        )
    account = accounts.authenticate(store, username, password) if username else None
    if account is None:
        limiter.failed(address, username)
        store.record_event(username or "-", "login_failed", "session", address)
        if username and security.failed_logins(store, username) == security.LOCKOUT_FAILURES:
            store.record_event(
                "system",
                "lock",
                "user",
                username,
                after={"failures": security.LOCKOUT_FAILURES},
            )
        return views.render(
            request,
            "login.html",
            {"next": target, "username": username, "error": translate("login_failed", lang)},
            status_code=401,
        )
    limiter.succeeded(address, username)
    lang_keep = request.session.get("lang")
    request.session.clear()  # a fresh session: no fixation across the login
    request.session.update(
        {"uid": account.id, "sv": account.session_version, "csrf": new_csrf_token()}
    )
    if lang_keep:
        request.session["lang"] = lang_keep
    store.record_event(account.username, "login", "session", address)
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
def logout(
    request: Request,
    form: Annotated[FormData, Depends(checked_form)],
    store: Annotated[Store, Depends(get_store)],
) -> Response:
    account = current_account(request)
    if account is not None:
        # A copy of the cookie (stolen, or left in a shared browser) must not outlive
        # the logout: the user's sessions everywhere end with it (ASVS 3.3.1).
        store.end_sessions(account.username, actor=account.username)
    lang = request.session.get("lang")
    request.session.clear()
    if lang:
        request.session["lang"] = lang
    return RedirectResponse("/login", status_code=303)
