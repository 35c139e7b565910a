"""CSRF tokens, login rate limiting and account lockout (passwords and API tokens:
services.accounts)."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Iterable

from chitieu.store import Store

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(expected: str | None, given: str | None) -> bool:
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


class LoginLimiter:
    """Failed logins per (address, username) in a sliding window, in this process.

    One process serves chitieu (uvicorn, one worker); behind several workers each keeps
    its own count, which still bounds guessing to ``attempts × workers`` per window.
    """

    def __init__(self, attempts: int, window_seconds: int) -> None:
        self.attempts = attempts
        self.window = window_seconds
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and q[0] <= now - self.window:
            q.popleft()
        return q

    def retry_after(self, address: str, username: str) -> int:
        """Seconds to wait before trying again; 0 when a try is allowed now."""
        now = time.monotonic()
        with self._lock:
            q = self._recent((address, username.lower()), now)
            if len(q) < self.attempts:
                return 0
            return max(1, int(q[0] + self.window - now) + 1)

    def failed(self, address: str, username: str) -> None:
        with self._lock:
            self._recent((address, username.lower()), time.monotonic()).append(time.monotonic())

    def succeeded(self, address: str, username: str) -> None:
        with self._lock:
            self._failures.pop((address, username.lower()), None)


# Account lockout (ASVS 2.2.1): the per-address limiter above slows one guesser down;
# this stops a slow or distributed one. It is kept in the audit log, so every process
# agrees, it survives restarts, and an administrator's unlock is itself an entry.
LOCKOUT_FAILURES = 10
LOCKOUT_WINDOW = dt.timedelta(hours=24)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def lockout_start(store: Store, username: str, now: dt.datetime | None = None) -> dt.datetime:
    """Failures count from the latest of: a day ago, the last login, the last unlock."""
    start = (now or dt.datetime.now(dt.UTC)) - LOCKOUT_WINDOW
    for entry in store.audit_log(actor=username, action="login", since=start, limit=1):
        start = max(start, _utc(entry.at))
    for entry in store.audit_log(entity="user", action="unlock", since=start, limit=1000):
        if entry.entity_id == username:
            start = max(start, _utc(entry.at))
            break
    return start


def failed_logins(store: Store, username: str, now: dt.datetime | None = None) -> int:
    since = lockout_start(store, username, now)
    return len(
        store.audit_log(actor=username, action="login_failed", since=since, limit=LOCKOUT_FAILURES)
    )


def locked_out(store: Store, username: str, now: dt.datetime | None = None) -> bool:
    """Whether ``username`` (known or not: no hint either way) may not log in now."""
    return bool(username) and failed_logins(store, username, now) >= LOCKOUT_FAILURES


# NUL characters: SQLite would store them, PostgreSQL refuses them mid-transaction, and
# no real figure, name or source contains one. They are refused at the door, with the
# field named, the same way on both databases.
NUL = "\x00"


class BadInput(Exception):
    """A request that no form or API body may carry (a NUL character): 400."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def refuse_nul(items: Iterable[tuple[str, object]]) -> None:
    """Raise :class:`BadInput` for the first text field (name or value) holding a NUL."""
    for name, value in items:
        if NUL in name or (isinstance(value, str) and NUL in value):
            raise BadInput(name.replace(NUL, "\\x00"))


def nul_in_url(path: str, query: bytes) -> bool:
    return NUL in path or b"%00" in query or b"\x00" in query
