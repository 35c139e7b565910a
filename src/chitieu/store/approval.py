"""What counts as approved: the review states of a figure and the SQL rule built on them.

A figure's state is its latest review step; a figure without any step came through a
trusted channel (a reviewed dataset file loaded by the CLI) and counts as approved.
Evaluations read approved figures only, so listing figures
(:mod:`chitieu.store.figures`), the lean column scan (:mod:`chitieu.store.scan`) and the
review workflow (:mod:`chitieu.store.review`) all use the one rule defined here.
"""

from __future__ import annotations

from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from chitieu.store.tables import ObservationReviewRow, ObservationRow


class ReviewState(StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    REOPENED = "reopened"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"  # a newer revision replaced this proposal before a decision


def approved_clause() -> sa.ColumnElement[bool]:
    """SQL condition: the observation has no review step, or its latest is 'approved'."""
    latest = (
        sa.select(
            ObservationReviewRow.observation_id,
            sa.func.max(ObservationReviewRow.id).label("rid"),
        )
        .group_by(ObservationReviewRow.observation_id)
        .subquery()
    )
    step = aliased(ObservationReviewRow)
    not_approved = (
        sa.select(latest.c.observation_id)
        .join(step, step.id == latest.c.rid)
        .where(step.action != ReviewState.APPROVED.value)
    )
    return sa.not_(ObservationRow.id.in_(not_approved))
