"""The web application: server-rendered pages (Jinja2) and the REST API, one FastAPI app.

``create_app`` is the only entry point (uvicorn, tests): it opens the store, makes sure
the schema is current, takes the session secret from the database (so every process
agrees) and mounts the routers. Errors become pages or JSON with a 4xx status and a
message; a traceback never reaches a user.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import Any

import plotly
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from chitieu import __version__
from chitieu.definitions.errors import DefinitionError
from chitieu.services.figures import EntryError
from chitieu.store import Store
from chitieu.store.errors import ConflictError, NotFoundError, StoreError
from chitieu.web import views
from chitieu.web.config import WebSettings
from chitieu.web.deps import CsrfFailed, Forbidden, LoginRequired, current_account
from chitieu.web.i18n import translate
from chitieu.web.routes import admin, api, auth, figures, files, pages, reading, tasks
from chitieu.web.schemas import field_path, invalid_input
from chitieu.web.security import BadInput, nul_in_url

HERE = Path(__file__).resolve().parent
PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
log = logging.getLogger("chitieu.web")


def create_app(settings: WebSettings | None = None, store: Store | None = None) -> FastAPI:
    settings = settings or WebSettings.from_env()
    store = store or Store.open(settings.database_url)
    if not store.is_initialised():
        store.init()
    secret = store.setting_or_create("session_secret", secrets.token_urlsafe(48))

    app = FastAPI(
        title="chitieu API",
        version=__version__,
        description=(
            "Theo dõi chỉ tiêu nghị quyết — REST API. Authenticate with "
            "`Authorization: Bearer <token>` (tokens are created on the administration page)."
        ),
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI loads from a CDN; /api/v1/docs is served locally below
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.limiter = views.make_limiter(settings)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie="chitieu_session",
        max_age=settings.session_hours * 3600,
        same_site="lax",
        https_only=settings.secure_cookies,
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        if nul_in_url(request.scope.get("path", ""), request.scope.get("query_string", b"")):
            # Before the session exists: a plain answer, not a page.
            response: Response = _nul_answer(request)
        else:
            response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            "frame-ancestors 'none'",
        )
        return response

    @app.get("/static/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> Response:
        # plotly.js ships inside the plotly Python package: no CDN, works offline.
        return FileResponse(
            PLOTLY_JS, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"}
        )

    @app.get("/api/v1/docs", include_in_schema=False)
    def api_docs(request: Request) -> Response:
        # The API's reference from its own OpenAPI description, rendered here: no CDN.
        # Who is logged in (if anybody) is known, so the header says so, as on every page.
        current_account(request)
        return views.render(request, "api_docs.html", {"spec": app.openapi()})

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (auth, pages, figures, files, tasks, reading, admin):
        # Pages answer HTML: the OpenAPI file describes the JSON API only.
        app.include_router(module.router, include_in_schema=False)
    app.include_router(api.router, prefix="/api/v1")
    _install_error_handlers(app)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, key: str, detail: Any = None) -> Response:
    lang = views.lang_of(request)
    message = translate(key, lang)
    if _wants_json(request):
        body: dict[str, Any] = {"error": key, "message": message}
        if detail is not None:
            body["detail"] = detail
        return JSONResponse(body, status_code=status)
    return views.render(
        request, "error.html", {"message": message, "detail": detail}, status_code=status
    )


NUL_MESSAGE = (
    "Địa chỉ chứa ký tự NUL (\\x00), không hợp lệ. (The address contains a NUL character (\\x00).)"
)


def _nul_answer(request: Request) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": "bad_request", "message": NUL_MESSAGE}, status_code=400)
    return PlainTextResponse(NUL_MESSAGE, status_code=400)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BadInput)
    async def bad_input(request: Request, exc: BadInput) -> Response:
        message = "chứa ký tự NUL (\\x00) (contains a NUL character)"
        return _error(request, 400, "bad_request", [{"field": exc.field, "message": message}])

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if _wants_json(request):
            return JSONResponse(
                {
                    "error": "unauthorized",
                    "message": translate("unauthorized", views.lang_of(request)),
                    "message_vi": translate("unauthorized", "vi"),
                    "message_en": translate("unauthorized", "en"),
                },
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={views.quote(target)}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return _error(request, 403, "forbidden", exc.message or None)

    @app.exception_handler(PermissionError)
    async def permission(request: Request, exc: PermissionError) -> Response:
        return _error(request, 403, "forbidden", str(exc))

    @app.exception_handler(CsrfFailed)
    async def csrf(request: Request, exc: CsrfFailed) -> Response:
        return _error(request, 403, "csrf")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        lang = views.lang_of(request)
        detail = []
        for e in exc.errors():
            said = invalid_input(e)
            detail.append(
                {
                    "field": field_path(e.get("loc", ())),
                    "message": said.get(lang),
                    "message_vi": said.vi,
                    "message_en": said.en,
                }
            )
        return _error(request, 422, "bad_request", detail)

    @app.exception_handler(EntryError)
    async def entry(request: Request, exc: EntryError) -> Response:
        lang = views.lang_of(request)
        detail = [
            {"field": p.field, "message": p.get(lang), "message_vi": p.vi, "message_en": p.en}
            for p in exc.problems
        ]
        return _error(request, 422, "fix_errors", detail)

    @app.exception_handler(DefinitionError)
    async def definition(request: Request, exc: DefinitionError) -> Response:
        detail = [
            {"file": p.file, "line": p.line, "field": p.field, "message": p.message}
            for p in exc.problems
        ]
        return _error(request, 422, "fix_errors", detail)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _error(request, 404, "not_found", str(exc))

    @app.exception_handler(ConflictError)
    async def conflict(request: Request, exc: ConflictError) -> Response:
        return _error(request, 409, "fix_errors", str(exc))

    @app.exception_handler(StoreError)
    async def refused(request: Request, exc: StoreError) -> Response:
        return _error(request, 400, "fix_errors", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http(request: Request, exc: StarletteHTTPException) -> Response:
        key = {404: "not_found", 403: "forbidden", 401: "forbidden"}.get(
            exc.status_code, "bad_request"
        )
        return _error(request, exc.status_code, key, exc.detail if exc.status_code != 404 else None)

    @app.exception_handler(OverflowError)
    async def overflow(request: Request, exc: OverflowError) -> Response:
        # An id or number no database column can hold (SQLite raises before looking).
        return _error(request, 400, "bad_request", "number out of range")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(request, 500, "server_error")


__all__ = ["HTMLResponse", "create_app"]
