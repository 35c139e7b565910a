"""In-year tracking of a year's target from the figures of the year so far (pure).

:mod:`.targets` says what a year must reach (a year plan's clause, a term clause stated
for that year, or the year's point on a term target's required path); :mod:`.track`
sets the latest sub-annual figure against it and reads a provisional status;
:mod:`.text` says it in one sentence; :mod:`.status` holds the result and its label
("tạm tính, 9 tháng"). The yearly evaluation never reads a sub-annual figure, and an
annual figure of the year, once it exists, always wins over the in-year status.
"""

from __future__ import annotations

from chitieu.core.evaluation.in_year.status import InYearMethod, InYearStatus, provisional_label
from chitieu.core.evaluation.in_year.targets import YearTarget, YearTargetSource, year_targets
from chitieu.core.evaluation.in_year.track import track_year

__all__ = [
    "InYearMethod",
    "InYearStatus",
    "YearTarget",
    "YearTargetSource",
    "provisional_label",
    "track_year",
    "year_targets",
]
