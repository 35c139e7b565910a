"""Figures for parts of a year and on other bases in the long CSV: every period code and
the written forms reports use, the optional ``basis`` column, and their errors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu.core.model import Indicator, Text
from chitieu.core.observations import Observation, Status
from chitieu.core.periods import Basis, BasisKind
from chitieu.definitions import DefinitionError, Problem
from chitieu.exchange.figures_csv import COLUMNS, load_observations_text, to_csv

INDICATORS = {"exports": Indicator("exports", Text("Xuất khẩu"), "tỷ USD")}
HEAD = "indicator,area,period,value,unit,status,source_document"


def read(*rows: str, head: str = HEAD) -> list[Observation]:
    return load_observations_text("\n".join((head, *rows)) + "\n", "f.csv", INDICATORS, ["hp"])


def problems(*rows: str, head: str = HEAD) -> list[str]:
    with pytest.raises(DefinitionError) as info:
        read(*rows, head=head)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("written", "period", "part"),
    [
        ("2026", (2026, 2026), ""),
        ("2021-2025", (2021, 2025), ""),
        ("2026-M01", (2026, 2026), "M01"),
        ("2026-01", (2026, 2026), "M01"),
        ("01/2026", (2026, 2026), "M01"),
        ("tháng 1/2026", (2026, 2026), "M01"),
        ("2026-Q1", (2026, 2026), "Q1"),
        ("Q3/2026", (2026, 2026), "Q3"),
        ("quý III/2026", (2026, 2026), "Q3"),
        ("2026-H1", (2026, 2026), "H1"),
        ("2026-S2", (2026, 2026), "H2"),
        ("6 tháng đầu năm 2026", (2026, 2026), "H1"),
        ("2026-9M", (2026, 2026), "9M"),
        ("9 tháng 2026", (2026, 2026), "9M"),
        ("9T/2026", (2026, 2026), "9M"),
        ("2026-6M", (2026, 2026), "H1"),  # the same span has one code
        ("2026-12M", (2026, 2026), ""),
    ],
)
def test_every_period_code_and_written_form(
    written: str, period: tuple[int, int], part: str
) -> None:
    [obs] = read(f'exports,hp,"{written}",1.5,tỷ USD,estimate,Báo cáo')
    assert (obs.period, obs.part, obs.basis) == (period, part, Basis())


def test_the_basis_column_is_optional_and_read_when_present() -> None:
    [plain] = read("exports,hp,2026-9M,22.5,tỷ USD,estimate,Báo cáo")
    assert plain.basis.kind is BasisKind.LEVEL
    head = HEAD + ",basis"
    rows = read(
        "exports,hp,2026-9M,22.5,tỷ USD,estimate,Báo cáo,",
        "exports,hp,2026-9M,12.5,%,estimate,Báo cáo,same_period",
        "exports,hp,2026-9M,75,%,estimate,Báo cáo,plan",
        "exports,hp,2026,2.1,%,estimate,Báo cáo,year:2015",
        head=head,
    )
    assert [o.basis.code for o in rows] == ["level", "same_period", "plan", "year:2015"]


def test_bad_period_and_basis_are_named_with_file_line_and_column() -> None:
    found = problems(
        "exports,hp,2026-13M,1,tỷ USD,estimate,Báo cáo,",
        "exports,hp,quý V/2026,1,tỷ USD,estimate,Báo cáo,",
        "exports,hp,2026-Q2,1,%,estimate,Báo cáo,so với cùng kỳ",
        head=HEAD + ",basis",
    )
    assert found[0].startswith("f.csv:2: period: not a period: '2026-13M' (a year such as 2021")
    assert found[1].startswith("f.csv:3: period: not a period: 'quý V/2026'")
    assert found[2].startswith("f.csv:4: basis: not a basis: 'so với cùng kỳ' (level, same_period")


def test_duplicates_are_per_full_key() -> None:
    """The year, its first nine months and a change over nine months are three figures;
    the same nine months twice is a duplicate."""
    head = HEAD + ",basis"
    rows = read(
        "exports,hp,2026,30,tỷ USD,estimate,Báo cáo,",
        "exports,hp,2026-9M,22.5,tỷ USD,estimate,Báo cáo,",
        "exports,hp,2026-9M,12.5,%,estimate,Báo cáo,same_period",
        head=head,
    )
    assert len(rows) == 3
    found = problems(
        "exports,hp,2026-9M,22.5,tỷ USD,estimate,Báo cáo,",
        "exports,hp,9 tháng 2026,22.6,tỷ USD,estimate,Báo cáo,level",
        head=head,
    )
    assert found == [
        "f.csv:3: duplicate figure: exports × hp × 2026-9M × estimate is already on line 2 "
        "(a revision belongs in the store, not twice in one file)"
    ]


def test_written_rows_read_back_the_same() -> None:
    figures = [
        Observation("exports", "hp", (2026, 2026), Decimal("22.5"), "tỷ USD", Status.ESTIMATE,
                    part="9M"),
        Observation("exports", "hp", (2026, 2026), Decimal("-3.20"), "%", Status.PRELIMINARY,
                    part="Q1", basis=Basis(BasisKind.SAME_PERIOD)),
        Observation("exports", "hp", (2026, 2026), Decimal("75"), "%", Status.ESTIMATE,
                    part="M09", basis=Basis(BasisKind.PLAN)),
        Observation("exports", "hp", (2021, 2025), Decimal("2.1"), "lần", Status.OFFICIAL,
                    basis=Basis(BasisKind.YEAR, 2015)),
    ]  # fmt: skip
    figures = [
        Observation(**{**o.__dict__, "source": type(o.source)(document="Báo cáo")}) for o in figures
    ]
    text = to_csv(figures)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert [line.split(",")[2] for line in text.splitlines()[1:]] == [
        "2026-9M",
        "2026-Q1",
        "2026-M09",
        "2021-2025",
    ]
    back = load_observations_text(text, "back.csv")
    assert [(o.key(), o.value, o.unit, o.status) for o in back] == [
        (o.key(), o.value, o.unit, o.status) for o in figures
    ]


def test_problem_type_is_kept() -> None:
    """The messages above are :class:`Problem` objects with the column named."""
    with pytest.raises(DefinitionError) as info:
        read("exports,hp,2026-13,1,tỷ USD,estimate,Báo cáo")
    [p] = info.value.problems
    assert isinstance(p, Problem)
    assert (p.line, p.field) == (2, "period")
