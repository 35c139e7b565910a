"""Settings read from the environment (one object, passed to the adapters that need it).

``CHITIEU_DATABASE_URL`` selects the database. Without it chitieu uses a SQLite file in the
user's data directory (XDG on Linux, e.g. ``~/.local/share/chitieu/chitieu.sqlite3``).
Nothing is created on import: the parent directory of a SQLite file is made when the
store opens it (:func:`chitieu.store.db.create_engine`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "chitieu"
DATABASE_URL_ENV = "CHITIEU_DATABASE_URL"
SQLITE_FILENAME = "chitieu.sqlite3"


def default_database_url() -> str:
    """The SQLite file in the user's data directory (not created here)."""
    path = Path(platformdirs.user_data_dir(APP_NAME)) / SQLITE_FILENAME
    return f"sqlite:///{path}"


@dataclass(frozen=True)
class Settings:
    """Runtime settings. Build with :meth:`from_env`; tests may construct it directly."""

    database_url: str

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        url = env.get(DATABASE_URL_ENV, "").strip()
        return cls(database_url=url or default_database_url())
