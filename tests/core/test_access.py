"""The authorisation matrix: every role × every action × agency in/out of scope.

The expected answers are written out by hand below, not derived from the policy's code,
so that a change to :func:`chitieu.core.access.allowed` shows up here as a failing cell
that someone has to look at. The table must cover every role and every action: a new
role or action without a row fails :func:`test_matrix_covers_every_role_and_action`.
"""

from __future__ import annotations

import pytest

from chitieu.core.access import Action, Principal, Role, allowed, may_approve
from chitieu.core.model import Text

# Scopes: the indicator/task belongs to one of the user's agencies ("in"), to another
# agency ("out"), or to no agency at all ("none").
SCOPES = ("in", "out", "none")

MATRIX_TEXT = """
role      action         in  out none
admin     view           Y   Y   Y
admin     enter_figure   Y   Y   Y
admin     review_figure  Y   Y   Y
admin     update_task    Y   Y   Y
admin     view_audit     Y   Y   Y
admin     administer     Y   Y   Y
reviewer  view           Y   Y   Y
reviewer  enter_figure   Y   Y   Y
reviewer  review_figure  Y   Y   Y
reviewer  update_task    Y   Y   Y
reviewer  view_audit     Y   Y   Y
reviewer  administer     -   -   -
editor    view           Y   Y   Y
editor    enter_figure   Y   -   -
editor    review_figure  -   -   -
editor    update_task    Y   -   -
editor    view_audit     -   -   -
editor    administer     -   -   -
viewer    view           Y   Y   Y
viewer    enter_figure   -   -   -
viewer    review_figure  -   -   -
viewer    update_task    -   -   -
viewer    view_audit     -   -   -
viewer    administer     -   -   -
"""


def _matrix() -> dict[tuple[Role, Action], dict[str, bool]]:
    lines = [line.split() for line in MATRIX_TEXT.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    assert header == ["role", "action", *SCOPES]
    table: dict[tuple[Role, Action], dict[str, bool]] = {}
    for role, action, *cells in rows:
        key = (Role(role), Action(action))
        assert key not in table, f"row {role} {action} written twice"
        assert all(c in ("Y", "-") for c in cells), cells
        table[key] = {scope: cell == "Y" for scope, cell in zip(SCOPES, cells, strict=True)}
    return table


MATRIX = _matrix()
CELLS = [
    pytest.param(role, action, scope, expected, id=f"{role}-{action}-{scope}")
    for (role, action), by_scope in MATRIX.items()
    for scope, expected in by_scope.items()
]

OWN = "so-tai-chinh"  # Sở Tài chính: the user's agency
OTHER = "cuc-thong-ke"  # Cục Thống kê: someone else's


def principal(role: Role, agencies: frozenset[str] = frozenset({OWN})) -> Principal:
    return Principal(f"nguoi-dung-{role.value}", role, agencies)


def agency_for(scope: str) -> str | None:
    return {"in": OWN, "out": OTHER, "none": None}[scope]


def test_matrix_covers_every_role_and_action() -> None:
    assert set(MATRIX) == {(r, a) for r in Role for a in Action}
    assert len(CELLS) == len(Role) * len(Action) * len(SCOPES) == 72


@pytest.mark.parametrize(("role", "action", "scope", "expected"), CELLS)
def test_allowed(role: Role, action: Action, scope: str, expected: bool) -> None:
    assert allowed(principal(role), action, agency_for(scope)) is expected


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("scope", SCOPES)
def test_anonymous_may_do_nothing_not_even_view(action: Action, scope: str) -> None:
    # Public read-only mode is the caller's decision, never the policy's default.
    assert allowed(None, action, agency_for(scope)) is False


@pytest.mark.parametrize("action", [Action.ENTER_FIGURE, Action.UPDATE_TASK])
def test_editor_without_agencies_may_enter_nothing(action: Action) -> None:
    editor = principal(Role.EDITOR, frozenset())
    assert not allowed(editor, action, OWN)
    assert not allowed(editor, action, None)
    assert allowed(editor, Action.VIEW, OWN)


@pytest.mark.parametrize("action", [Action.ENTER_FIGURE, Action.UPDATE_TASK])
def test_editor_of_several_agencies_may_enter_for_each(action: Action) -> None:
    editor = principal(Role.EDITOR, frozenset({OWN, OTHER}))
    assert allowed(editor, action, OWN)
    assert allowed(editor, action, OTHER)
    assert not allowed(editor, action, "ubnd-quan-ngo-quyen")


def test_agency_codes_are_compared_exactly() -> None:
    editor = principal(Role.EDITOR)
    assert not allowed(editor, Action.ENTER_FIGURE, OWN.upper())
    assert not allowed(editor, Action.ENTER_FIGURE, "")


def test_role_and_action_accept_their_stored_strings() -> None:
    # The store keeps roles as text; a Principal built from it must behave the same.
    from_text = Principal("a", Role("editor"), frozenset({OWN}))
    assert allowed(from_text, Action("enter_figure"), OWN)
    assert not allowed(from_text, Action("review_figure"), OWN)


# -- four eyes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "other_submitted", "expected"),
    [
        (Role.REVIEWER, True, True),
        (Role.REVIEWER, False, False),
        (Role.ADMIN, True, True),
        (Role.ADMIN, False, False),
        (Role.EDITOR, True, False),
        (Role.EDITOR, False, False),
        (Role.VIEWER, True, False),
        (Role.VIEWER, False, False),
    ],
)
def test_may_approve(role: Role, other_submitted: bool, expected: bool) -> None:
    reviewer = principal(role)
    submitted_by = "nguoi-nhap-lieu" if other_submitted else reviewer.username
    assert may_approve(reviewer, submitted_by) is expected


def test_may_approve_compares_usernames_exactly() -> None:
    reviewer = Principal("Trang", Role.REVIEWER)
    assert may_approve(reviewer, "trang")  # another account, not the same person
    assert not may_approve(reviewer, "Trang")


# -- labels ----------------------------------------------------------------------------


def test_every_role_has_a_vietnamese_and_english_label() -> None:
    assert Role.REVIEWER.label == Text("Người duyệt", "Reviewer")
    for role in Role:
        assert role.label.vi
        assert role.label.en
        assert role.label.vi != role.label.en
    assert len({r.label.vi for r in Role}) == len(Role)


def test_allowed_somewhere_opens_the_entry_page_only_for_those_with_a_scope() -> None:
    from chitieu.core.access import allowed_somewhere

    def who(role: Role, *agencies: str) -> Principal:
        return Principal("u", role, frozenset(agencies))

    assert allowed_somewhere(who(Role.ADMIN), Action.ENTER_FIGURE)
    assert allowed_somewhere(who(Role.REVIEWER), Action.UPDATE_TASK)
    assert allowed_somewhere(who(Role.EDITOR, "so-y-te"), Action.ENTER_FIGURE)
    assert not allowed_somewhere(who(Role.EDITOR), Action.ENTER_FIGURE)  # no agency yet
    assert not allowed_somewhere(who(Role.VIEWER, "so-y-te"), Action.ENTER_FIGURE)
    assert not allowed_somewhere(who(Role.EDITOR, "so-y-te"), Action.REVIEW_FIGURE)
    assert not allowed_somewhere(None, Action.VIEW)
