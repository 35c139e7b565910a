"""What in-year tracking returns: a provisional status, its method and its label."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from chitieu.core.evaluation.in_year.targets import YearTarget
from chitieu.core.model import Text, Verdict
from chitieu.core.observations import Observation
from chitieu.core.periods import Period
from chitieu.core.results import Figure

__all__ = ["InYearMethod", "InYearStatus", "provisional_label"]


class InYearMethod(StrEnum):
    """How a sub-annual figure is set against the year's target."""

    FLOW_PACE = "flow_pace"  # a flow so far against the target, by the months elapsed
    PLAN_SHARE = "plan_share"  # "bằng …% kế hoạch năm" against the share of the year elapsed
    GROWTH = "growth"  # a rate so far against the rate the year needs
    LEVEL = "level"  # the latest level of a stock or ratio against the year's bound


@dataclass(frozen=True)
class InYearStatus:
    """A provisional status of one clause for one year, from one sub-annual figure.

    ``actual`` is what was set against the target: the figure in the target's unit
    (flows, levels), the rate in % (growth) or the share of the plan in % (plan).
    ``elapsed`` is the share of the year the figure covers (months / 12). ``ratio`` is
    the pace ratio the status was read from (``None`` when the figure already meets the
    year's bound). ``previous`` is the previous year's annual figure, when a level's
    progress was measured from it. ``superseded``: an annual figure of the year (or of
    years ending with it) exists, and the yearly evaluation is the verdict.
    """

    target: YearTarget
    area: str
    period: Period
    method: InYearMethod
    figure: Observation
    actual: Decimal
    elapsed: Decimal
    verdict: Verdict
    ratio: float | None
    previous: Figure | None = None
    superseded: bool = False
    explanation: Text = dataclasses.field(default_factory=lambda: Text(""))

    @property
    def label(self) -> Text:
        return provisional_label(self.period)

    @property
    def year(self) -> int:
        return self.target.year


_ROMAN = ("I", "II", "III", "IV")
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


def provisional_label(period: Period) -> Text:
    """ "tạm tính, 9 tháng" / "provisional, 9 months": how every in-year status is marked."""
    first, last = period.months
    part = period.part
    if part.startswith("Q"):
        q = int(part[1:])
        return Text(f"tạm tính, quý {_ROMAN[q - 1]}", f"provisional, Q{q}")
    if part == "H2":
        return Text("tạm tính, 6 tháng cuối năm", "provisional, H2")
    if first == 1 and last > 1:
        return Text(f"tạm tính, {last} tháng", f"provisional, {last} months")
    if first == last:
        return Text(f"tạm tính, tháng {last}", f"provisional, {_MONTHS_EN[last - 1]}")
    return Text("tạm tính", "provisional")  # pragma: no cover - every part is named above
