"""The store adapter: SQLite by default, PostgreSQL by URL; schema by Alembic migrations.

>>> with Store.open("sqlite:///chitieu.sqlite3") as store:  # doctest: +SKIP
...     store.init()
...     store.save_resolution(resolution, text, "resolution.yaml")
...     store.add_observations(observations, dataset="haiphong")
"""

from chitieu.store.definitions import ResolutionVersion, SaveResult
from chitieu.store.errors import ConflictError, NotFoundError, StoreError
from chitieu.store.records import AddResult
from chitieu.store.store import Store

__all__ = [
    "AddResult",
    "ConflictError",
    "NotFoundError",
    "ResolutionVersion",
    "SaveResult",
    "Store",
    "StoreError",
]
