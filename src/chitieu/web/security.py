"""CSRF tokens and login rate limiting (passwords and API tokens: services.accounts)."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque

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
