"""Settings of the web application, from the environment (``CHITIEU_*``).

Kept apart from the app so tests build an app with explicit settings and never depend
on the machine's environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class WebSettings:
    database_url: str | None = None
    # Anonymous visitors may read the overview and target pages (and their GET API).
    public_read: bool = False
    # Cookies only over HTTPS: on behind a TLS proxy; off for http://127.0.0.1 by default.
    secure_cookies: bool = False
    session_hours: int = 8
    login_attempts: int = 5  # failed logins per user and address ...
    login_window_seconds: int = 900  # ... within this window, then 429
    max_upload_bytes: int = 5 * 1024 * 1024
    default_lang: str = "vi"

    @classmethod
    def from_env(cls) -> WebSettings:
        return cls(
            database_url=os.environ.get("CHITIEU_DATABASE_URL") or None,
            public_read=_flag("CHITIEU_PUBLIC_READ"),
            secure_cookies=_flag("CHITIEU_SECURE_COOKIES"),
            session_hours=int(os.environ.get("CHITIEU_SESSION_HOURS", "8")),
        )
