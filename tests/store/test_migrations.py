"""The schema comes from the Alembic migrations only, and matches the table models."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from chitieu.core.model import Area, Indicator, Resolution, Text, TimeAggregation
from chitieu.core.observations import Observation, Status
from chitieu.core.periods import LEVEL, Basis, BasisKind
from chitieu.store import AddResult, Store, migrate
from chitieu.store.approval import ReviewState
from chitieu.store.tables import Base
from tests.store import old_schema
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
    with empty_store.engine.begin() as conn:
        old_schema.write_figures(conn)
    before = _steps(empty_store)
    migrate.upgrade(empty_store.engine, "0003")
    assert empty_store.schema_revision() == "0003"
    assert _steps(empty_store) == before
    migrate.upgrade(empty_store.engine)
    assert [s.state for s in empty_store.review_history(2)] == [
        ReviewState.SUBMITTED,
        ReviewState.APPROVED,
    ]
    empty_store.withdraw_figure(2, by=REVIEWER, reason="sau khi nâng cấp")
    assert state(empty_store, 2) is ReviewState.WITHDRAWN


def _steps(store: Store) -> list[tuple[object, ...]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text("SELECT * FROM observation_reviews"))]


def _figures(store: Store) -> list[tuple[object, ...]]:
    cols = "id, indicator, area, period_start, period_end, value, status, revision, recorded_at"
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(f"SELECT {cols} FROM observations"))]


def test_migration_0004_upgrades_a_store_with_figures_in_place(empty_store: Store) -> None:
    """A store created at 0003, with figures, revisions and review steps referring to them,
    upgrades in place: every row keeps its id and values and becomes an annual level;
    indicators' months do not add up; the review history still points at its figures;
    and a figure for a part of the year is then a figure of its own (revision 1)."""
    migrate.upgrade(empty_store.engine, "0003")
    with empty_store.engine.begin() as conn:
        old_schema.write_figures(conn)
    figures, steps = _figures(empty_store), _steps(empty_store)
    migrate.upgrade(empty_store.engine)
    assert empty_store.schema_revision() == migrate.head_revision()
    assert _figures(empty_store) == figures
    assert _steps(empty_store) == steps
    stored = empty_store.observations()
    assert [o.id for o in stored] == [5, 1, 2, 3, 4]
    assert {(o.part, o.basis) for o in stored} == {("", LEVEL)}
    assert {i.code: i.time_aggregation for i in empty_store.indicators()} == {
        "grdp-growth": TimeAggregation.NONE,
        "revenue": TimeAggregation.NONE,
    }
    assert state(empty_store, 2) is ReviewState.APPROVED
    assert state(empty_store, 4) is ReviewState.RETURNED
    [latest] = [o for o in stored if o.id == 2]
    nine = replace(latest, id=None, part="9M", value=Decimal("11.9"))
    change = replace(latest, id=None, basis=Basis(BasisKind.SAME_PERIOD), value=Decimal("1"))
    assert empty_store.add_observations([nine, change]) == AddResult(2, 0, 0)
    assert empty_store.add_observations([replace(latest, id=None, value=Decimal("12.5"))]) == (
        AddResult(0, 1, 0)
    )
    revisions = {
        (o.part, o.basis.code, o.revision)
        for o in empty_store.observations("grdp-growth")
        if o.period == (2021, 2021) and o.status is Status.PRELIMINARY
    }
    assert revisions == {("", "level", 1), ("", "level", 2), ("", "level", 3),
                         ("9M", "level", 1), ("", "same_period", 1)}  # fmt: skip


def test_downgrade_from_0004_keeps_annual_figures_and_refuses_to_drop_others(
    empty_store: Store,
) -> None:
    """Going back to 0003 keeps a store of annual levels as it was; with a figure for a
    part of the year it is refused: that figure would be lost, or collide with the
    year's figure under the old key."""
    migrate.upgrade(empty_store.engine, "0003")
    with empty_store.engine.begin() as conn:
        old_schema.write_figures(conn)
    figures = _figures(empty_store)
    migrate.upgrade(empty_store.engine)
    _downgrade(empty_store, "0003")
    assert empty_store.schema_revision() == "0003"
    assert _figures(empty_store) == figures
    migrate.upgrade(empty_store.engine)
    [latest] = [o for o in empty_store.observations() if o.id == 2]
    empty_store.add_observations([replace(latest, id=None, part="Q1")])
    with pytest.raises(sa.exc.IntegrityError):
        _downgrade(empty_store, "0003")
    assert empty_store.schema_revision() == migrate.head_revision()
    assert len(empty_store.observations()) == len(figures) + 1


def _downgrade(store: Store, revision: str) -> None:
    config = migrate.alembic_config()
    with store.engine.connect() as conn, migrate.foreign_keys_checked_at_end(conn), conn.begin():
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


def test_migration_0005_closes_proposals_left_behind(empty_store: Store) -> None:
    """A proposal a newer revision replaced before 0005 stays "submitted" out of the queue;
    the upgrade closes it as superseded and keeps every other step as it was."""
    migrate.upgrade(empty_store.engine, "0004")
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
