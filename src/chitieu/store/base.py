"""The engine and the transactions every part of the store works through.

:class:`~chitieu.store.Store` is one object (like ``sqlite_utils.Database``) composed of
one mixin per aggregate (definitions, figures, review, accounts, activity). Each mixin
derives from :class:`StoreBase`, which owns the engine and hands out the two kinds of
transaction, so every part reads and writes the same way and a part's method can be
read without the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from chitieu.store import db
from chitieu.store.errors import StoreError


def now() -> datetime:
    """The time stamped on rows written now (aware, UTC)."""
    return datetime.now(UTC)


class StoreBase:
    """The engine, and read and write transactions on it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # Write transactions start with BEGIN IMMEDIATE on SQLite (see db.WRITE).
        self._write_engine = engine.execution_options(**{db.WRITE: True})

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self._engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self._engine) as session, session.begin():
            yield session

    @contextmanager
    def _write(self, dry_run: bool = False) -> Iterator[Session]:
        """One write transaction; database errors become :class:`StoreError`.

        ``dry_run`` runs every statement and check, then rolls back: a preview that sees
        exactly what the real write would (conflicts, revisions), and changes nothing.
        """
        try:
            with Session(self._write_engine) as session:
                transaction = session.begin()
                try:
                    yield session
                    session.flush()
                except BaseException:
                    transaction.rollback()
                    raise
                if dry_run:
                    transaction.rollback()
                else:
                    transaction.commit()
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"database refused the write: {exc.orig}") from exc
