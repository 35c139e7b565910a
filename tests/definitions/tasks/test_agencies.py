"""Loading agencies.yaml: the directory, and every problem at its line and field."""

from __future__ import annotations

import pytest

from chitieu.core.agencies import AgencyDirectory, AgencyKind
from chitieu.core.model import Resolution
from chitieu.definitions import DefinitionError, Problem
from chitieu.definitions.tasks import load_agencies_text
from tests.definitions.tasks.conftest import AGENCIES, line_of, only, variant


def test_agencies_and_their_indicators(agencies: AgencyDirectory) -> None:
    assert [a.code for a in agencies.agencies] == ["cuc-thong-ke", "so-lao-dong", "bo-gtvt"]
    assert agencies.agency("cuc-thong-ke").kind is AgencyKind.CENTRAL
    assert agencies.agency("so-lao-dong").kind is AgencyKind.STATE  # the default
    assert agencies.agency("so-lao-dong").name.vi == "Sở Lao động - Thương binh và Xã hội"
    assert agencies.indicators_of("so-lao-dong") == ("trained-workers",)


def agency_problems(text: str, resolution: Resolution | None) -> list[Problem]:
    with pytest.raises(DefinitionError) as info:
        load_agencies_text(text, "agencies.yaml", resolution)
    return info.value.problems


def test_every_indicator_needs_an_agency(resolution: Resolution) -> None:
    text = variant("  trained-workers: so-lao-dong\n", "", AGENCIES)
    p = only(agency_problems(text, resolution))
    assert p.field == "indicators"
    assert p.line == line_of(text, "indicators:")
    assert "1 indicator(s) of haiphong-test-2020-2025 have no agency: trained-workers" in p.message
    # Without a resolution there is nothing to be complete against.
    assert load_agencies_text(text, "agencies.yaml").indicators_of("so-lao-dong") == ()


def test_an_indicator_has_exactly_one_agency(resolution: Resolution) -> None:
    text = AGENCIES + "  grdp-growth: so-lao-dong\n"
    p = only(agency_problems(text, resolution))
    assert "duplicate key" in p.message
    assert p.line == len(text.splitlines())


def test_unknown_agency_and_indicator_are_named(resolution: Resolution) -> None:
    text = variant(
        "  grdp-per-capita: cuc-thong-ke", "  grdp-per-capita: cuc-thong-ke-hp", AGENCIES
    )
    text = variant("  trained-workers: so-lao-dong", "  trained-worker: so-lao-dong", text)
    problems = agency_problems(text, resolution)
    messages = [str(p) for p in problems]
    assert any(
        f"agencies.yaml:{line_of(text, 'cuc-thong-ke-hp')}: indicators.grdp-per-capita: "
        "indicator 'grdp-per-capita': unknown agency 'cuc-thong-ke-hp'" in m
        for m in messages
    ), messages
    assert any(
        "unknown indicator 'trained-worker'; did you mean 'trained-workers'?" in m for m in messages
    ), messages
    assert any("have no agency: trained-workers" in m for m in messages), messages


def test_agency_kind_and_duplicate_code(resolution: Resolution) -> None:
    text = variant(
        "    kind: central\n  - code: so-lao-dong",
        "    kind: centre\n  - code: so-lao-dong",
        AGENCIES,
    )
    text = variant("  - code: bo-gtvt", "  - code: so-lao-dong", text)
    problems = agency_problems(text, resolution)
    fields = {p.field: p for p in problems}
    assert fields["agencies[0].kind"].line == line_of(text, "kind: centre")
    assert "agency cuc-thong-ke: " in fields["agencies[0].kind"].message
    assert fields["agencies[2].code"].message.endswith("duplicate agency code 'so-lao-dong'")


def test_agencies_for_another_resolution(resolution: Resolution) -> None:
    text = variant("resolution: haiphong-test-2020-2025", "resolution: other-2020-2025", AGENCIES)
    p = only(agency_problems(text, resolution))
    assert (p.line, p.field) == (2, "resolution")
