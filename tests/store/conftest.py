"""Fixtures for the store tests: every test runs against SQLite and PostgreSQL.

PostgreSQL comes from ``CHITIEU_TEST_POSTGRES_URL`` (a role allowed to CREATE DATABASE);
each test gets a database of its own, dropped afterwards. Without the variable the
PostgreSQL cases are skipped, unless ``CHITIEU_REQUIRE_POSTGRES=1`` (set by CI), which
turns the skip into a failure so that CI can never silently test SQLite only.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from chitieu.store import Store
from chitieu.store.db import normalize_url

POSTGRES_URL_ENV = "CHITIEU_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_ENV = "CHITIEU_REQUIRE_POSTGRES"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'chitieu.sqlite3'}"
    else:
        yield from _fresh_postgres_database()


def _fresh_postgres_database() -> Iterator[str]:
    url = os.environ.get(POSTGRES_URL_ENV, "").strip()
    if not url:
        message = (
            f"PostgreSQL tests need {POSTGRES_URL_ENV}, e.g. "
            "postgresql://chitieu:chitieu@127.0.0.1:5433/chitieu_test (see .ci/run)"
        )
        if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
            pytest.fail(f"{REQUIRE_POSTGRES_ENV}=1 but {message}", pytrace=False)
        pytest.skip(message)
    admin_url = normalize_url(url)
    name = f"chitieu_test_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        except sa.exc.OperationalError as exc:
            pytest.fail(f"cannot create a test database via {POSTGRES_URL_ENV}: {exc}")
        yield admin_url.set(database=name).render_as_string(hide_password=False)
        drop_database(admin, name)
    finally:
        admin.dispose()


def drop_database(admin: sa.Engine, name: str) -> None:
    """Drop a test database. ``WITH (FORCE)`` ends other sessions on it; one of those can be
    an autovacuum worker of the server's own role, which only a member of
    ``pg_signal_backend`` may end (``.ci/run`` grants it). A worker that starts just then
    is waited out, a few times, before the error is reported."""
    for attempt in range(5):
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except sa.exc.ProgrammingError:
            if attempt == 4:
                raise
            time.sleep(0.5 * (attempt + 1))


@pytest.fixture
def empty_store(database_url: str) -> Iterator[Store]:
    """A store on a fresh database whose schema has not been created."""
    with Store.open(database_url) as store:
        yield store


@pytest.fixture
def store(empty_store: Store) -> Store:
    """A store on a fresh database at the newest schema revision."""
    empty_store.init()
    return empty_store
