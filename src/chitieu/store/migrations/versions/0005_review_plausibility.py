"""Superseded proposals and justifications of implausible figures.

* A review step ``superseded``: a correction closes the proposal it replaces, so no older
  revision stays "submitted" forever out of the queue. Proposals already left behind
  (waiting, returned or reopened, with a newer revision of the same figure) are closed
  here the same way, with a comment saying so.
* ``observation_justifications``: the written justification of a figure the plausibility
  rules found implausible, and the rules it broke, kept with the figure.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "action_known"  # the naming convention makes it ck_observation_reviews_action_known
BEFORE = "action IN ('submitted', 'approved', 'returned', 'reopened', 'withdrawn')"
AFTER = "action IN ('submitted', 'approved', 'returned', 'reopened', 'withdrawn', 'superseded')"
OPEN = ("submitted", "returned", "reopened")


def _replace(condition: str) -> None:
    with op.batch_alter_table("observation_reviews", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(f"ck_observation_reviews_{NAME}"), type_="check")
        batch_op.create_check_constraint(batch_op.f(f"ck_observation_reviews_{NAME}"), condition)


def upgrade() -> None:
    _replace(AFTER)
    op.create_table(
        "observation_justifications",
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("rules", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observations.id"],
            name=op.f("fk_observation_justifications_observation_id_observations"),
        ),
        sa.PrimaryKeyConstraint("observation_id", name=op.f("pk_observation_justifications")),
    )
    _close_left_behind()


def _close_left_behind() -> None:
    """A superseded step for every open proposal that a newer revision replaced."""
    bind = op.get_bind()
    obs = sa.table(
        "observations",
        sa.column("id", sa.Integer),
        sa.column("indicator", sa.Text),
        sa.column("area", sa.Text),
        sa.column("period_start", sa.Integer),
        sa.column("period_end", sa.Integer),
        sa.column("part", sa.Text),
        sa.column("basis", sa.Text),
        sa.column("status", sa.Text),
        sa.column("revision", sa.Integer),
    )
    steps = sa.table(
        "observation_reviews",
        sa.column("id", sa.Integer),
        sa.column("observation_id", sa.Integer),
        sa.column("action", sa.Text),
        sa.column("actor", sa.Text),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("comment", sa.Text),
    )
    latest = (
        sa.select(steps.c.observation_id, sa.func.max(steps.c.id).label("step"))
        .group_by(steps.c.observation_id)
        .subquery()
    )
    newer = sa.alias(obs, "newer")
    left_behind = (
        sa.select(obs.c.id, sa.func.max(newer.c.revision))
        .join(latest, latest.c.observation_id == obs.c.id)
        .join(steps, steps.c.id == latest.c.step)
        .join(
            newer,
            sa.and_(
                newer.c.indicator == obs.c.indicator,
                newer.c.area == obs.c.area,
                newer.c.period_start == obs.c.period_start,
                newer.c.period_end == obs.c.period_end,
                newer.c.part == obs.c.part,
                newer.c.basis == obs.c.basis,
                newer.c.status == obs.c.status,
                newer.c.revision > obs.c.revision,
            ),
        )
        .where(steps.c.action.in_(OPEN))
        .group_by(obs.c.id)
        .order_by(obs.c.id)
    )
    at = datetime.now(UTC)
    rows = [
        {
            "observation_id": row_id,
            "action": "superseded",
            "actor": "chitieu",
            "at": at if bind.dialect.name == "postgresql" else at.replace(tzinfo=None),
            "comment": f"thay bằng phiên bản {revision} (superseded by revision {revision})",
        }
        for row_id, revision in bind.execute(left_behind)
    ]
    if rows:
        op.bulk_insert(steps, rows)


def downgrade() -> None:
    op.drop_table("observation_justifications")
    # Refused by the database while superseded steps exist: history is never dropped silently.
    _replace(BEFORE)
