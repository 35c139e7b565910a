"""Sub-annual periods: a figure's part of the year and its basis; an indicator's time aggregation.

``observations`` gains ``part`` ('' for whole years; 'M01'..'M12', 'Q1'..'Q4', 'H1', 'H2',
'2M'..'11M') and ``basis`` ('level', 'same_period', 'plan', 'previous_period',
'year:YYYY'), both NOT NULL with the defaults '' and 'level', so every stored figure
upgrades in place as what it always was: a level for whole years. Both join the unique
key of a revision: a figure for "9 tháng" and the year's figure are different figures.
``indicators`` gains ``time_aggregation`` ('sum' | 'none', default 'none').

SQLite rebuilds both tables (copying every row with its id); the review steps that refer
to the figures keep pointing at the same ids (:func:`chitieu.store.migrate.upgrade` runs
the rebuild with foreign keys checked at the end, as SQLite's documentation prescribes).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out here, not imported: a migration is what the schema was when it was written.
PARTS = (
    "", "M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09", "M10", "M11", "M12",
    "Q1", "Q2", "Q3", "Q4", "H1", "H2", "2M", "4M", "5M", "7M", "8M", "9M", "10M", "11M",
)  # fmt: skip
PART_CHECK = "part IN (" + ", ".join(f"'{p}'" for p in PARTS) + ")"
ONE_YEAR_CHECK = "part = '' OR period_start = period_end"
BASIS_CHECK = (
    "basis IN ('level', 'same_period', 'plan', 'previous_period') OR basis LIKE 'year:____'"
)
TIME_AGGREGATION_CHECK = "time_aggregation IN ('sum', 'none')"

KEY_BEFORE = ("indicator", "area", "period_start", "period_end", "status", "revision")
KEY_AFTER = (
    "indicator", "area", "period_start", "period_end", "part", "basis", "status", "revision",
)  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("time_aggregation", sa.Text(), server_default="none", nullable=False)
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_indicators_time_aggregation_known"), TIME_AGGREGATION_CHECK
        )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("part", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("basis", sa.Text(), server_default="level", nullable=False))
        batch_op.drop_constraint(batch_op.f("uq_observations_key_revision"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_observations_key_revision"), KEY_AFTER)
        batch_op.create_check_constraint(batch_op.f("ck_observations_part_known"), PART_CHECK)
        batch_op.create_check_constraint(
            batch_op.f("ck_observations_part_of_one_year"), ONE_YEAR_CHECK
        )
        batch_op.create_check_constraint(batch_op.f("ck_observations_basis_known"), BASIS_CHECK)


def downgrade() -> None:
    # Refused by the database while sub-annual figures or figures on another basis exist
    # (two of them could share the old key): history is never dropped silently.
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_observations_basis_known"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_observations_part_of_one_year"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_observations_part_known"), type_="check")
        batch_op.drop_constraint(batch_op.f("uq_observations_key_revision"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_observations_key_revision"), KEY_BEFORE)
        batch_op.create_check_constraint(
            batch_op.f("ck_observations_only_annual_levels"),
            "part = '' AND basis = 'level'",
        )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_observations_only_annual_levels"), type_="check")
        batch_op.drop_column("basis")
        batch_op.drop_column("part")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_indicators_time_aggregation_known"), type_="check")
        batch_op.drop_column("time_aggregation")
