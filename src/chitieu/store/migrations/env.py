"""Alembic environment for chitieu.

Run programmatically by :func:`chitieu.store.migrate.upgrade`, which passes an open
connection in ``config.attributes["connection"]``. Without one (a developer running the
``alembic`` command with a config whose ``script_location`` points here), the URL comes
from ``sqlalchemy.url`` or, failing that, from :class:`chitieu.settings.Settings`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from chitieu.settings import Settings
from chitieu.store.db import create_engine, normalize_url
from chitieu.store.tables import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    return url or Settings.from_env().database_url


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=normalize_url(_url()),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(_url())
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
