"""The store: one object behind the CLI and the web app (like ``sqlite_utils.Database``).

All SQL of chitieu lives in this package. :class:`Store` is composed of one mixin per
aggregate, each in a module named for what it owns, all over :class:`StoreBase` (the
engine and its transactions):

- :mod:`~chitieu.store.definitions`: resolutions and their versions, indicators, areas,
  agencies, and the documents beside a resolution;
- :mod:`~chitieu.store.figures`: observations, their revisions and current figures;
- :mod:`~chitieu.store.review`: the approval workflow (submit, approve, return, reopen,
  withdraw);
- :mod:`~chitieu.store.accounts`: users, API tokens, installation settings;
- :mod:`~chitieu.store.activity`: task progress updates and the audit log.

This module adds what belongs to the whole: opening and closing, the schema, and the
version of everything an evaluation reads.
"""

from __future__ import annotations

from types import TracebackType

import sqlalchemy as sa

from chitieu.settings import Settings
from chitieu.store import db, migrate
from chitieu.store.accounts import AccountsMixin
from chitieu.store.activity import ActivityMixin
from chitieu.store.base import StoreBase
from chitieu.store.definitions import DefinitionsMixin
from chitieu.store.figures import FiguresMixin
from chitieu.store.review import ReviewMixin
from chitieu.store.tables import ObservationReviewRow, ObservationRow, ResolutionVersionRow


class Store(DefinitionsMixin, FiguresMixin, ReviewMixin, AccountsMixin, ActivityMixin, StoreBase):
    """chitieu's database: resolutions (as reviewed text), areas, indicators, observations.

    Open with :meth:`open` (``None`` → ``CHITIEU_DATABASE_URL`` or the default SQLite file),
    create or upgrade the schema with :meth:`init`, and close (or use ``with``).
    """

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        if url is None:
            url = Settings.from_env().database_url
        return cls(db.create_engine(url))

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def init(self) -> None:
        """Create the schema or upgrade it to the newest revision (idempotent)."""
        migrate.upgrade(self._engine)

    def schema_revision(self) -> str | None:
        """The migration revision the database is at (``None``: not initialised)."""
        return migrate.current_revision(self._engine)

    def is_initialised(self) -> bool:
        """Whether the schema is at the newest revision shipped with chitieu."""
        return self.schema_revision() == migrate.head_revision()

    def data_version(self) -> tuple[int, int, int]:
        """Changes whenever anything an evaluation reads changes: the newest figure, review
        step and definition version (all append-only, so their largest ids only grow).
        Three index look-ups: cheap enough to ask on every page (``services.cache``)."""
        stmt = sa.select(
            sa.select(sa.func.max(ObservationRow.id)).scalar_subquery(),
            sa.select(sa.func.max(ObservationReviewRow.id)).scalar_subquery(),
            sa.select(sa.func.max(ResolutionVersionRow.id)).scalar_subquery(),
        )
        with self._engine.connect() as conn:
            row = conn.execute(stmt).one()
        return (int(row[0] or 0), int(row[1] or 0), int(row[2] or 0))
