"""The schema comes from the Alembic migrations only, and matches the table models."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from chitieu.core.model import Area, Indicator, Resolution, Text
from chitieu.core.observations import Observation, Status
from chitieu.store import Store, migrate
from chitieu.store.approval import ReviewState
from chitieu.store.review import ReviewAction
from chitieu.store.tables import Base
from tests.store.review.conftest import REVIEWER, fig, resolution, state, submit_one

TABLES = {
    "resolutions",
    "resolution_versions",
    "areas",
    "indicators",
    "observations",
    "agencies",
    "indicator_agencies",
    "documents",
    "users",
    "user_agencies",
    "api_tokens",
    "app_settings",
    "observation_reviews",
    "observation_justifications",
    "task_updates",
    "audit_log",
}


def test_empty_database_is_not_initialised(empty_store: Store) -> None:
    assert empty_store.schema_revision() is None
    assert not empty_store.is_initialised()
    assert not TABLES & set(sa.inspect(empty_store.engine).get_table_names())


def test_init_creates_all_tables(empty_store: Store) -> None:
    empty_store.init()
    names = set(sa.inspect(empty_store.engine).get_table_names())
    assert names == TABLES | {"alembic_version"}
    assert empty_store.schema_revision() == migrate.head_revision() == "0005"
    assert empty_store.is_initialised()


def test_init_is_idempotent_and_keeps_data(empty_store: Store) -> None:
    empty_store.init()
    resolution = Resolution(
        id="r",
        title=Text("Nghị quyết"),
        body=Text("Ban Chấp hành"),
        base_year=2020,
        period=(2021, 2025),
        area="hp",
        groups=(),
        targets=(),
        indicators=(Indicator("grdp", Text("GRDP"), "tỷ đồng"),),
        areas=(Area("hp", Text("Hải Phòng")),),
    )
    empty_store.save_resolution(resolution, "id: r\n", "r.yaml")
    empty_store.add_observations(
        [Observation("grdp", "hp", (2020, 2020), Decimal("277557"), "tỷ đồng", Status.OFFICIAL)]
    )
    empty_store.init()
    empty_store.init()
    assert empty_store.schema_revision() == migrate.head_revision()
    assert empty_store.resolution_ids() == ["r"]
    assert [o.value for o in empty_store.observations()] == [Decimal("277557")]


def test_models_match_migrations(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_pragmas(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'new' / 'dir' / 'db.sqlite3'}") as store:
        store.init()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    assert (tmp_path / "new" / "dir" / "db.sqlite3").is_file()


def test_downgrade_to_base_and_upgrade_again(store: Store) -> None:
    config = migrate.alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert not TABLES & set(sa.inspect(store.engine).get_table_names())
    store.init()
    assert set(sa.inspect(store.engine).get_table_names()) >= TABLES


def test_migration_0003_keeps_review_steps(empty_store: Store) -> None:
    """Upgrading a 0002 database (SQLite rebuilds the table) keeps every step and its id."""
    migrate.upgrade(empty_store.engine, "0002")
    empty_store.save_resolution(resolution(), "id: haiphong-xvi-2020-2025\n", "resolution.yaml")
    oid = submit_one(empty_store, fig("12.38"))
    empty_store.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER)
    before = empty_store.review_history(oid)
    migrate.upgrade(empty_store.engine, "0003")
    assert empty_store.schema_revision() == "0003"
    assert empty_store.review_history(oid) == before
    empty_store.withdraw_figure(oid, by=REVIEWER, reason="sau khi nâng cấp")
    assert state(empty_store, oid) is ReviewState.WITHDRAWN


def test_migration_0005_closes_proposals_left_behind(empty_store: Store) -> None:
    """A proposal a newer revision replaced before 0005 stays "submitted" out of the queue;
    the upgrade closes it as superseded and keeps every other step as it was."""
    migrate.upgrade(empty_store.engine, "0003")
    empty_store.save_resolution(resolution(), "id: haiphong-xvi-2020-2025\n", "resolution.yaml")
    left = submit_one(empty_store, fig("12.38"))
    waiting = submit_one(empty_store, fig("7", 2022))
    # Before 0005 a correction left its predecessor "submitted": the newer revision here
    # comes from a trusted load, which writes no step.
    empty_store.add_observations([fig("12.4")])
    before = empty_store.review_history(waiting)
    migrate.upgrade(empty_store.engine)
    assert empty_store.schema_revision() == "0005"
    assert state(empty_store, left) is ReviewState.SUPERSEDED
    assert "superseded by revision 2" in empty_store.review_history(left)[-1].comment
    assert empty_store.review_history(waiting) == before
    assert [r.observation_id for r in empty_store.awaiting_review()] == [waiting]
