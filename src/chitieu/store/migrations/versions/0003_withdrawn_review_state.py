"""Withdrawn figures: a review step ``withdrawn`` beside submitted/approved/returned/reopened.

A withdrawal is marked, never a deletion: the figure's row stays and a step records who
withdrew it, when and why. Only the CHECK constraint of ``observation_reviews.action``
changes; existing rows are kept as they are (SQLite recreates the table, copying them).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "action_known"  # the naming convention makes it ck_observation_reviews_action_known
BEFORE = "action IN ('submitted', 'approved', 'returned', 'reopened')"
AFTER = "action IN ('submitted', 'approved', 'returned', 'reopened', 'withdrawn')"


def _replace(condition: str) -> None:
    with op.batch_alter_table("observation_reviews", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(f"ck_observation_reviews_{NAME}"), type_="check")
        batch_op.create_check_constraint(batch_op.f(f"ck_observation_reviews_{NAME}"), condition)


def upgrade() -> None:
    _replace(AFTER)


def downgrade() -> None:
    # Refused by the database while withdrawn steps exist: history is never dropped silently.
    _replace(BEFORE)
