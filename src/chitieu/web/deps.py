"""Request-scoped dependencies: the store, the acting user, the language, CSRF checks.

Routes declare what they need (``Depends(viewer)``, ``Depends(form_with_csrf)``); who
may do what is decided by :func:`chitieu.core.access.allowed`, never in a route body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from chitieu.core.access import Action, Principal, allowed_somewhere
from chitieu.services import accounts
from chitieu.store import Store
from chitieu.store.accounts import Account
from chitieu.web.config import WebSettings
from chitieu.web.i18n import pick_lang
from chitieu.web.security import (
    CSRF_FIELD,
    CSRF_HEADER,
    new_csrf_token,
    refuse_nul,
    same_token,
)


class LoginRequired(Exception):
    """No (valid) session or token: pages redirect to the login form, the API says 401."""


class Forbidden(Exception):
    """Logged in, but the role or agency does not allow this: 403."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class CsrfFailed(Exception):
    """A form or API write without the session's CSRF token: 403."""


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def get_lang(request: Request) -> str:
    lang = pick_lang(
        request.query_params.get("lang"),
        request.session.get("lang") if "session" in request.scope else None,
        request.cookies.get("lang"),
    )
    if "session" in request.scope and request.query_params.get("lang") in ("vi", "en"):
        request.session["lang"] = lang
    return lang


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = new_csrf_token()
        request.session["csrf"] = token
    return str(token)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def current_account(request: Request) -> Account | None:
    """The user behind the request: an API token, else the session; ``None``: anonymous.

    A session dies when its user is deactivated or changes password (session_version).
    """
    if "account" in request.state._state:
        cached: Account | None = request.state.account
        return cached
    store = get_store(request)
    account: Account | None = None
    token = _bearer(request)
    if token is not None:
        account = accounts.account_for_token(store, token)
        if account is None:
            raise LoginRequired()
        request.state.via_token = True
    else:
        uid = request.session.get("uid")
        if isinstance(uid, int):
            found = store.user_by_id(uid)
            if (
                found is not None
                and found.active
                and request.session.get("sv") == found.session_version
            ):
                account = found
            else:
                request.session.clear()
    request.state.account = account
    return account


AccountDep = Annotated[Account | None, Depends(current_account)]


def viewer(request: Request, account: AccountDep) -> Account | None:
    """Pages everybody logged in may read; anonymous visitors too in public read-only mode."""
    if account is None and not get_settings(request).public_read:
        raise LoginRequired()
    return account


def logged_in(account: AccountDep) -> Account:
    if account is None:
        raise LoginRequired()
    return account


def principal(account: Account | None) -> Principal | None:
    return None if account is None else account.principal


def require(action: Action) -> object:
    """A dependency: the logged-in account, if its role allows ``action`` at all."""

    def check(account: Annotated[Account, Depends(logged_in)]) -> Account:
        # Agency scope is checked per indicator or task later; here: for any agency at all?
        if not allowed_somewhere(account.principal, action):
            raise Forbidden()
        return account

    return check


async def checked_form(request: Request) -> FormData:
    """The submitted form, after checking its CSRF token against the session's."""
    form = await request.form()
    given = form.get(CSRF_FIELD)
    if not same_token(request.session.get("csrf"), given if isinstance(given, str) else None):
        raise CsrfFailed()
    refuse_nul(form.multi_items())
    return form


def api_write_guard(request: Request, account: Annotated[Account, Depends(logged_in)]) -> Account:
    """API writes: a token needs no CSRF token; a browser session must send the header."""
    if getattr(request.state, "via_token", False):
        return account
    if not same_token(request.session.get("csrf"), request.headers.get(CSRF_HEADER)):
        raise CsrfFailed()
    return account


@dataclass(frozen=True)
class PageContext:
    request: Request
    store: Store
    account: Account | None
    lang: str
    settings: WebSettings
