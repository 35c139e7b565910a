"""Agencies: who reports which indicator and who carries out which task.

An agency's kind decides who may be asked for what (a sở reports figures, a Party
committee board reports on Party-building targets, a ministry only co-operates); user
accounts belong to one agency, and an editor's data entry is scoped by it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from chitieu.core.model import Text

__all__ = ["Agency", "AgencyDirectory", "AgencyKind"]


class AgencyKind(StrEnum):
    """Where an agency stands: it decides who may be asked for what (a sở reports figures,
    a Party committee board reports on Party-building targets, a ministry only co-operates)."""

    PARTY = "party"  # cơ quan của Thành ủy (ban, văn phòng)
    STATE = "state"  # sở, ban, ngành thuộc Ủy ban nhân dân thành phố
    CENTRAL = "central"  # cơ quan Trung ương (bộ, hoặc cơ quan ngành dọc đóng trên địa bàn)
    MASS = "mass"  # Mặt trận Tổ quốc, đoàn thể chính trị - xã hội
    LOCAL = "local"  # quận, huyện, xã

    @property
    def label(self) -> Text:
        return _AGENCY_KIND_LABEL[self]


_AGENCY_KIND_LABEL = {
    AgencyKind.PARTY: Text("Cơ quan Đảng", "Party body"),
    AgencyKind.STATE: Text("Cơ quan chuyên môn thuộc UBND thành phố", "City government agency"),
    AgencyKind.CENTRAL: Text("Cơ quan Trung ương", "Central agency"),
    AgencyKind.MASS: Text("Mặt trận, đoàn thể", "Front and mass organisation"),
    AgencyKind.LOCAL: Text("Chính quyền địa phương", "Local government"),
}


@dataclass(frozen=True)
class Agency:
    """An organisation that reports figures or carries out tasks."""

    code: str
    name: Text
    kind: AgencyKind = AgencyKind.STATE


@dataclass(frozen=True)
class AgencyDirectory:
    """The agencies of a resolution and which one reports each indicator.

    ``indicators`` maps an indicator code to exactly one agency code: an editor's data
    entry is scoped by it, so an indicator with two owners would have no clear owner.
    """

    agencies: tuple[Agency, ...]
    indicators: Mapping[str, str] = field(default_factory=dict)

    def agency(self, code: str) -> Agency:
        for a in self.agencies:
            if a.code == code:
                return a
        raise KeyError(code)

    def responsible(self, indicator: str) -> Agency | None:
        code = self.indicators.get(indicator)
        return None if code is None else self.agency(code)

    def indicators_of(self, agency: str) -> tuple[str, ...]:
        return tuple(sorted(i for i, a in self.indicators.items() if a == agency))

    def names(self) -> dict[str, Text]:
        return {a.code: a.name for a in self.agencies}
