"""Properties of the figure importers (CSV, JSON, XLSX) on generated input.

Each file either gives observations or a DefinitionError listing problems; nothing else
escapes. Inputs start from the Hải Phòng figures and data-entry workbook and are mutated
(fuzz/targets.py); ``make fuzz`` runs the same targets with 100 000 inputs each.
"""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest
from fuzz.targets import (
    DATASET,
    TARGETS,
    area_codes,
    indicators,
    observation_rows,
    run_csv,
    run_json,
    run_xlsx,
)
from hypothesis import HealthCheck, example, given, settings

from chitieu.definitions.errors import DefinitionError
from chitieu.exchange.figures_csv import load_observations_text
from chitieu.exchange.figures_json import load_observations_json_text
from chitieu.exchange.sdmx_csv import HEADER, data_structure, validate

QUICK = 5.0  # CPU seconds for any refusal below


@settings(max_examples=150)
@given(TARGETS["csv"].strategy)
@example("indicator,area\n\x00,1\n")
@example('"' + "x" * 200_000 + '"\n')
def test_csv_reads_or_refuses_with_a_line_and_column(text: str) -> None:
    lines = text.count("\n") + text.count("\r") + 1
    try:
        run_csv(text)
    except DefinitionError as exc:
        located = exc.problems
    else:
        located = []
    for problem in located:
        assert problem.file == "fuzz.csv"
        assert problem.line is None or 1 <= problem.line <= lines


@settings(max_examples=150)
@given(TARGETS["json"].strategy)
@example("[" * 100_000)
@example('[{"value": 1e999999999}]')
@example('[{"value": ' + "9" * 5000 + "}]")
def test_json_reads_or_refuses(text: str) -> None:
    begin = time.process_time()
    try:
        run_json(text)
    except DefinitionError as exc:
        assert all(p.file == "fuzz.json" for p in exc.problems)  # noqa: PT017
    assert time.process_time() - begin < QUICK


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(TARGETS["xlsx"].strategy)
def test_xlsx_reads_or_refuses(blob: bytes) -> None:
    try:
        run_xlsx(blob)
    except DefinitionError as exc:
        assert all(p.file == "fuzz.xlsx" for p in exc.problems)  # noqa: PT017


def test_the_real_figures_read_whole() -> None:
    """The generators start from a file that reads: the mutations are what is refused."""
    header, rows = observation_rows()
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    observations = load_observations_text(out.getvalue(), "x.csv", indicators(), area_codes())
    assert len(observations) == len(rows)


def test_a_source_line_of_5000_digits_is_a_problem_not_a_crash() -> None:
    # Found by the fuzz campaign: int() refused the 5 137-digit line number (ValueError).
    header, rows = observation_rows()
    row = list(rows[0])
    row[header.index("source_line")] = "9" * 5000
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, row])
    with pytest.raises(DefinitionError, match="source_line: not a line number"):
        load_observations_text(out.getvalue(), "x.csv", indicators(), area_codes())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, "not valid JSON: nested too deeply"),
        ('[{"value": 1e999999999}]', "not a machine number: '1E+999999999'"),
        ('[{"value": ' + "9" * 5000 + "}]", "not a machine number"),
        ('[{"value": NaN}]', "not a machine number: 'nan'"),
        # Found by the fuzz campaign: Decimal() raised InvalidOperation on this exponent.
        ('[{"value": 5e99999999999999999999999}]', "not a machine number: '5e9999"),
    ],
    ids=["deep", "huge-exponent", "huge-integer", "nan", "exponent-beyond-decimal"],
)
def test_hostile_json_numbers_and_nesting(text: str, expected: str) -> None:
    begin = time.process_time()
    with pytest.raises(DefinitionError) as caught:
        load_observations_json_text(text, "x.json", indicators(), area_codes())
    assert time.process_time() - begin < QUICK
    assert expected in str(caught.value)


def test_sdmx_validation_never_raises_on_junk() -> None:
    """sdmx_csv only exports; its validator reads our own output back, and must turn
    anything unreadable into a list of problems rather than an exception."""
    from chitieu.definitions.resolution import load_resolution

    dsd = data_structure(load_resolution(Path(DATASET) / "resolution.yaml"))
    header = ",".join(HEADER)
    junks = ("", "\n", "STRUCTURE\n", "a,b\n1,2\n", "\x00\x00", header + "\nx\n", header + "\n,\n")
    for junk in junks:
        try:
            problems = validate(junk, dsd)
        except Exception as exc:  # pragma: no cover - the failure we look for
            pytest.fail(f"validate raised {exc!r} on {junk[:20]!r}")
        assert problems, junk
