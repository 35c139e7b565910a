"""What the review workflow tests share: a resolution with two indicators, figures for
it, the people who enter and review them, and counts of what reached the database."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from chitieu.core.access import Principal, Role
from chitieu.core.model import Area, Citation, Indicator, Resolution, Text
from chitieu.core.observations import Observation, Qualifier, Status
from chitieu.store import Store
from chitieu.store.approval import ReviewState
from chitieu.store.review import ReviewAction

GROWTH = "grdp-growth"
REVENUE = "thu-ngan-sach"

EDITOR = Principal("nhap.lieu", Role.EDITOR, frozenset({"cuc-thong-ke"}))
REVIEWER = Principal("duyet.mot", Role.REVIEWER)
REVIEWER_2 = Principal("duyet.hai", Role.REVIEWER)
ADMIN = Principal("quan.tri", Role.ADMIN)
EDITOR_2 = Principal("nhap.khac", Role.EDITOR, frozenset({"cuc-thong-ke"}))


def resolution() -> Resolution:
    return Resolution(
        id="haiphong-xvi-2020-2025",
        title=Text("Nghị quyết Đại hội XVI", "Resolution of the 16th Congress"),
        body=Text("Ban Chấp hành Đảng bộ thành phố Hải Phòng"),
        base_year=2020,
        period=(2021, 2025),
        area="haiphong",
        groups=(),
        targets=(),
        indicators=(
            Indicator(GROWTH, Text("Tốc độ tăng trưởng GRDP"), "%"),
            Indicator(REVENUE, Text("Thu ngân sách nội địa"), "tỷ đồng"),
        ),
        areas=(Area("haiphong", Text("Hải Phòng")),),
    )


def fig(
    value: str,
    year: int = 2021,
    *,
    indicator: str = GROWTH,
    area: str = "haiphong",
    qualifier: Qualifier = Qualifier.EXACT,
) -> Observation:
    return Observation(
        indicator=indicator,
        area=area,
        period=(year, year),
        value=Decimal(value),
        unit="%" if indicator == GROWTH else "tỷ đồng",
        status=Status.PRELIMINARY,
        qualifier=qualifier,
        source=Citation(document="Báo cáo của Cục Thống kê", section="Biểu 1"),
    )


@pytest.fixture
def loaded(store: Store) -> Store:
    store.save_resolution(resolution(), "id: haiphong-xvi-2020-2025\n", "resolution.yaml")
    return store


@pytest.fixture
def assigned(loaded: Store) -> Store:
    """Both indicators reported by the editors' agency (the scope of their withdrawals)."""
    from chitieu.core.agencies import Agency

    loaded.save_agencies(
        [Agency("cuc-thong-ke", Text("Cục Thống kê"))],
        {GROWTH: "cuc-thong-ke", REVENUE: "cuc-thong-ke"},
        actor="test",
    )
    return loaded


def counts(store: Store) -> tuple[int, int, int]:
    """Rows of observations, review steps and audit entries."""
    with store.engine.connect() as conn:
        return tuple(  # type: ignore[return-value]
            int(conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one())
            for t in ("observations", "observation_reviews", "audit_log")
        )


def submit_one(store: Store, figure: Observation, actor: str = EDITOR.username) -> int:
    [oid] = store.submit_figures([figure], actor=actor, reason="số liệu sơ bộ").observation_ids
    return oid


def approved_values(store: Store) -> set[tuple[int, Decimal]]:
    return {(o.year, o.value) for o in store.observations(approved_only=True)}


def state(store: Store, oid: int) -> ReviewState:
    return store.review_states([oid])[oid].state


def approved_figure(store: Store, value: str = "12.38") -> int:
    oid = submit_one(store, fig(value))
    store.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER)
    return oid


def approved_figure_year(store: Store, value: str, year: int) -> int:
    oid = submit_one(store, fig(value, year))
    store.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER)
    return oid
