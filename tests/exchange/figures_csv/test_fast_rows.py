"""The fast row reader of figures_csv accepts exactly what the reference path accepts.

Loading a million rows relies on ``FastRows``: it must never accept a row the reference
reader (``read._row``) refuses, never read a value differently, and leave every problem
message to the reference path. Random rows mixing valid and broken cells check all three.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.core.model import Indicator, Text
from chitieu.definitions import DefinitionError
from chitieu.exchange.figures_csv import COLUMNS, load_observations_text
from chitieu.exchange.figures_csv.fast_rows import FastRows


def mostly(good: list[str], bad: list[str]) -> st.SearchStrategy[str]:
    """A valid cell 19 times in 20: rows must often be wholly valid, or the fast path (which
    only ever reads valid rows) would hardly be exercised."""
    return st.sampled_from(good * 19 + bad)


INDICATORS = {
    "grdp": Indicator("grdp", Text("GRDP"), "tỷ đồng"),
    "growth": Indicator("growth", Text("Tăng trưởng"), "%"),
    "income": Indicator("income", Text("Thu nhập"), "USD/người"),
}
AREAS = ["haiphong", "le-chan", "Hải Phòng"]
HEADER = list(COLUMNS)


cell = {
    "area": mostly(["haiphong", "le-chan", "Hải Phòng", "Ha\u0309i Pho\u0300ng"], ["", "hanoi"]),
    "period": mostly(
        ["2021", "2016-2020", "2016 – 2020", "2026-Q1", "2026-9M", "9 tháng 2026", "01/2026"],
        ["2021-2016", "21", "", "x", "2026-13M", "2026-13", "quý V/2026"],
    ),
    "basis": mostly(["", "level", "same_period", "plan", "year:2015"], ["levels", "year:15"]),
    "value": st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
        st.sampled_from(["12.5", "0007", "3"]),
        st.sampled_from(["", "1.234,5", "1e5", "-0", "+7", " 12.5 ", "٣", "12.", ".5"]),
    ),
    "status": mostly(["official", "Chính thức", "ước", "plan"], ["", "final"]),
    "qualifier": mostly(["", "exact", "khoảng", "more_than"], ["maybe"]),
    "source_document": mostly(["Niên giám", "Báo cáo "], [""]),
    "source_section": st.sampled_from(["", "Phần I"]),
    "source_line": mostly(["", "12", "007"], ["0", "-3", "x", "²"]),
    "source_url": st.sampled_from(["", "https://example.org/a"]),
    "source_date": mostly(["", "2021", "2021-02"], ["2021-02-30", "2021-13", "21"]),
    "note": st.sampled_from(["", "ghi chú", " Ghi chu\u0301 "]),
}
# Indicator and unit drawn together: most pairs must be compatible for rows to be valid.
pairs = mostly(
    ["grdp|tỷ đồng", " grdp |nghìn tỷ đồng", "growth|%", "income|USD/người"],
    ["grdp|%", "|%", "gdp|%", "grdp|foo", "grdp|", "income|triệu đồng/người"],
)


def _record(pair: str, cells: dict[str, str]) -> dict[str, str]:
    indicator, unit = pair.split("|")
    return {"indicator": indicator, "unit": unit, **cells}


rows = st.lists(st.builds(_record, pairs, st.fixed_dictionaries(cell)), min_size=1, max_size=4)


def as_csv(records: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for record in records:
        writer.writerow([record[name] for name in HEADER])
    return out.getvalue()


def outcome(text: str) -> object:
    try:
        return load_observations_text(text, "obs.csv", INDICATORS, AREAS)
    except DefinitionError as exc:
        return exc.problems


@settings(max_examples=300, deadline=None)
@given(rows)
def test_fast_reader_agrees_with_the_reference_reader(records: list[dict[str, str]]) -> None:
    # Each row alone (a file with one bad row keeps none of the others), then together.
    texts = [as_csv([record]) for record in records] + [as_csv(records)]
    fast = [outcome(text) for text in texts]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(FastRows, "read", lambda self, row: None)
        reference = [outcome(text) for text in texts]
    assert fast == reference


def test_fast_reader_takes_the_ordinary_rows() -> None:
    """The agreement above is worth nothing if every row fell back to the reference."""
    reader = FastRows({n: i for i, n in enumerate(HEADER)}, INDICATORS, set(AREAS))
    row = ["grdp", "haiphong", "2021", "12.50", "tỷ đồng", "official", "", "Niên giám"]
    obs = reader.read([*row, "", "3", "", "2021", "", ""])
    assert obs is not None
    assert (obs.indicator, obs.period, str(obs.value), obs.source.line) == (
        "grdp",
        (2021, 2021),
        "12.50",
        3,
    )
    assert reader.read([*row[:3], "1,5", *row[4:], "", "", "", "", "", ""]) is None
    change = [*row[:2], "2026-9M", row[3], "%", *row[5:]]
    nine = reader.read([*change, "", "3", "", "2026", "", "same_period"])
    assert nine is not None
    assert (nine.period, nine.part, nine.basis.code) == ((2026, 2026), "9M", "same_period")
    # a change in % is no level of an indicator in tỷ đồng
    assert reader.read([*change, "", "3", "", "2026", "", ""]) is None
