"""Who may do what: the roles of chitieu and the one function that decides.

Kept pure and in one place so that the web pages, the API and the tests (an
authorisation matrix) ask the same question and can never disagree. DHIS2's split
between entering data and approving it is the model: an editor enters figures for the
indicators of its own agencies; a reviewer approves or returns them; nobody approves
their own submission.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chitieu.core.model import Text


class Role(StrEnum):
    ADMIN = "admin"
    REVIEWER = "reviewer"
    EDITOR = "editor"
    VIEWER = "viewer"

    @property
    def label(self) -> Text:
        return ROLE_LABEL[self]


ROLE_LABEL = {
    Role.ADMIN: Text("Quản trị", "Administrator"),
    Role.REVIEWER: Text("Người duyệt", "Reviewer"),
    Role.EDITOR: Text("Người nhập liệu", "Editor"),
    Role.VIEWER: Text("Người xem", "Viewer"),
}


class Action(StrEnum):
    VIEW = "view"  # overview, target pages, figures, tasks
    ENTER_FIGURE = "enter_figure"  # a new figure or a correction (submitted for review)
    REVIEW_FIGURE = "review_figure"  # approve, return, reopen
    UPDATE_TASK = "update_task"  # report progress on a task
    VIEW_AUDIT = "view_audit"
    ADMINISTER = "administer"  # users, agencies, resolutions, tokens


@dataclass(frozen=True)
class Principal:
    """The acting user as the policy sees it: no password, no database id needed."""

    username: str
    role: Role
    agencies: frozenset[str] = frozenset()


def allowed(who: Principal | None, action: Action, agency: str | None = None) -> bool:
    """Whether ``who`` may do ``action``; ``agency`` is the responsible agency of the
    indicator or task concerned (``None``: not assigned to any agency).

    ``who=None`` is an anonymous visitor: allowed nothing here; public read-only mode
    is decided by the caller, who knows the installation's settings.
    """
    if who is None:
        return False
    role = who.role
    if action is Action.VIEW:
        return True
    if role is Role.ADMIN:
        return True
    if action is Action.REVIEW_FIGURE or action is Action.VIEW_AUDIT:
        return role is Role.REVIEWER
    if action in (Action.ENTER_FIGURE, Action.UPDATE_TASK):
        if role is Role.REVIEWER:
            return True
        if role is Role.EDITOR:
            return agency is not None and agency in who.agencies
        return False
    return False


def allowed_somewhere(who: Principal | None, action: Action) -> bool:
    """Whether ``who`` may do ``action`` for at least one agency: may the entry page open at
    all. The per-indicator answer is still :func:`allowed` with that indicator's agency."""
    if who is None:
        return False
    if allowed(who, action, None):
        return True
    return any(allowed(who, action, agency) for agency in who.agencies)


def may_approve(reviewer: Principal, submitted_by: str) -> bool:
    """Four eyes: a reviewer never approves a figure they submitted themselves."""
    return allowed(reviewer, Action.REVIEW_FIGURE) and reviewer.username != submitted_by
