"""Run the schema migrations programmatically (no ``alembic.ini`` needed).

The Alembic environment and revisions live inside the package, in ``migrations/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from chitieu.store import db

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """An Alembic config pointing at the packaged migrations."""
    config = Config()
    # ConfigParser interpolation: a "%" in the path must be doubled.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


def head_revision() -> str:
    """The newest revision shipped with this version of chitieu."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships 0001
        raise RuntimeError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to ``revision`` in one transaction; a no-op when up to date."""
    config = alembic_config()
    with engine.connect() as conn:
        conn.execution_options(**{db.WRITE: True})
        with foreign_keys_checked_at_end(conn), conn.begin():
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            check_foreign_keys(conn)


@contextmanager
def foreign_keys_checked_at_end(conn: Connection) -> Iterator[None]:
    """SQLite: switch foreign key enforcement off around a migration's transaction.

    SQLite changes a table by building a new one, copying the rows and dropping the old
    one; dropping a table that other rows refer to (the figures the review steps point
    at) fails while foreign keys are enforced, even though the copy keeps every id. Its
    documentation prescribes this: enforcement off (outside the transaction: the pragma
    is a no-op inside one), the change, ``PRAGMA foreign_key_check`` before the commit
    (:func:`check_foreign_keys`), enforcement on again. Other databases need nothing.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.dbapi_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def check_foreign_keys(conn: Connection) -> None:
    """Refuse to commit a migration that left a row pointing at nothing (SQLite)."""
    if conn.dialect.name != "sqlite":
        return
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration left rows referring to missing rows: {broken[:5]}")
