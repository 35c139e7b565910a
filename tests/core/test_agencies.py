"""The agency directory: who reports which indicator."""

from __future__ import annotations

from chitieu.core.agencies import Agency, AgencyDirectory, AgencyKind
from chitieu.core.model import Text


def test_agency_directory_answers_who_reports_what() -> None:
    directory = AgencyDirectory(
        (
            Agency("cuc-thong-ke", Text("Cục Thống kê"), AgencyKind.CENTRAL),
            Agency("so-y-te", Text("Sở Y tế", "Department of Health")),
        ),
        {"grdp-growth": "cuc-thong-ke", "grdp": "cuc-thong-ke", "doctors-per-10k": "so-y-te"},
    )
    responsible = directory.responsible("doctors-per-10k")
    assert responsible is not None
    assert responsible.name.en == "Department of Health"
    assert directory.responsible("exports") is None
    assert directory.indicators_of("cuc-thong-ke") == ("grdp", "grdp-growth")
    assert AgencyKind.CENTRAL.label.vi == "Cơ quan Trung ương"
