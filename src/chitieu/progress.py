"""Progress of long operations (loading a million figures), for whoever wants to show it.

The CLI shows a bar on a terminal; the web app and the tests show nothing. Loaders and
the store call :func:`step` at a few points, which costs nothing when nobody listens;
a reporter is installed for the duration of a ``with reporting(...)`` block (a context
variable, so concurrent requests of the web app never see each other's reporter and no
service signature has to carry it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: A reporter gets the task's name (vi, en), how much is done and the total (if known).
Reporter = Callable[[str, int, int | None], None]

_REPORTER: ContextVar[Reporter | None] = ContextVar("chitieu_progress", default=None)

READING = "Đọc và kiểm tra (reading)"
CHECKING = "Đối chiếu với CSDL (checking)"
WRITING = "Ghi vào CSDL (writing)"

#: Loaders report every this many rows: often enough for a bar, rare enough to be free.
EVERY = 20_000


def step(task: str, done: int, total: int | None = None) -> None:
    reporter = _REPORTER.get()
    if reporter is not None:
        reporter(task, done, total)


@contextmanager
def reporting(reporter: Reporter | None) -> Iterator[None]:
    token = _REPORTER.set(reporter)
    try:
        yield
    finally:
        _REPORTER.reset(token)
