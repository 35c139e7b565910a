"""Results that cost a scan of the store, kept until the data behind them changes.

An evaluation, a validation or the review queue of a national resolution reads up to two
million figures; the overview and target pages need them on every request, and the data
changes a few times a day. Each result is kept with the store's *data version*
(:meth:`~chitieu.store.Store.data_version`: the largest id of figures, review steps and
definition versions, all append-only) and recomputed as soon as that version moves: any
write — a load, an import, an entry in the web app, an approval, a withdrawal, a new
definition — makes the next request compute afresh. Asking for the version costs three
index look-ups.

The cache is per process and bounded (least recently used out first); results are
immutable values, shared between requests. Two requests that miss at the same moment may
both compute: harmless, and simpler than making one wait for the other.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from chitieu.store import Store

T = TypeVar("T")

#: Entries kept per process: a few resolutions × years × areas × pages' needs.
MAX_ENTRIES = 256

_lock = threading.Lock()
_entries: OrderedDict[tuple[Hashable, ...], tuple[tuple[int, int, int], Any]] = OrderedDict()
_stats = {"hits": 0, "misses": 0}


def cached(store: Store, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or its earlier result if the store's data has not changed since."""
    version = store.data_version()
    full = (store.url, *key)
    with _lock:
        found = _entries.get(full)
        if found is not None and found[0] == version:
            _entries.move_to_end(full)
            _stats["hits"] += 1
            return found[1]  # type: ignore[no-any-return]
        _stats["misses"] += 1
    value = compute()
    with _lock:
        _entries[full] = (version, value)
        _entries.move_to_end(full)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    """Forget everything (tests; a restored archive may reuse ids)."""
    with _lock:
        _entries.clear()
        _stats.update(hits=0, misses=0)


def stats() -> dict[str, int]:
    """Hits and misses since the start (or the last :func:`clear`), and entries held."""
    with _lock:
        return {**_stats, "entries": len(_entries)}
