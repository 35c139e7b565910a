"""The CLI end to end, through click's runner, on a real SQLite file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chitieu.cli.main import main
from chitieu.store import Store

XVI = "haiphong-xvi-2020-2025"
XV = "haiphong-xv-2015-2020"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database-url", db, *args], catch_exceptions=False)


def test_datasets_lists_both() -> None:
    out = CliRunner().invoke(main, ["datasets"]).output
    assert XV in out
    assert XVI in out


def test_init_load_evaluate_table(db: str) -> None:
    assert run(db, "init").exit_code == 0
    r = run(db, "load", XV)
    assert r.exit_code == 0, r.output
    assert "19 chỉ tiêu" in r.output
    again = run(db, "load", XV)
    assert "0 mới" in again.output
    assert "không đổi" in again.output
    r = run(db, "evaluate", XV, "--as-of", "2020")
    assert r.exit_code == 0, r.output
    assert "Vượt: 12/19" in r.output
    assert "Không đạt: 1/19" in r.output
    assert "6.196 USD/người" in r.output
    assert all(len(line) <= 80 for line in r.output.splitlines())


def test_evaluate_json_is_documented_structure(db: str) -> None:
    run(db, "load", XV)
    r = run(db, "evaluate", XV, "--as-of", "2020", "--format", "json")
    data = json.loads(r.output)
    assert data["format"] == "chitieu/evaluation@1"
    assert data["resolution"] == XV
    assert data["counts"] == {"exceeded": 12, "achieved": 6, "not_achieved": 1}
    t2 = next(t for t in data["targets"] if t["id"] == "2")
    clause = t2["clauses"][0]
    for key in (
        "kind",
        "bound",
        "low",
        "high",
        "unit",
        "year",
        "period",
        "actual",
        "verdict",
        "explanation_vi",
        "explanation_en",
        "observations",
    ):
        assert key in clause
    assert clause["actual"] == 6196
    assert clause["verdict"] == "exceeded"
    assert clause["observations"][0]["status"] == "estimate"
    assert "vượt" in clause["explanation_vi"] or "hoàn thành vượt mức" in clause["explanation_vi"]


def test_evaluate_csv_and_english(db: str) -> None:
    run(db, "load", XV)
    r = run(db, "evaluate", XV, "--as-of", "2020", "--format", "csv", "--lang", "en")
    lines = r.output.splitlines()
    assert lines[0].startswith("resolution,target,number,group,clause")
    assert any(",Exceeded," in line for line in lines)
    r = run(db, "evaluate", XV, "--as-of", "2020", "--lang", "en")
    assert "Exceeded: 12/19" in r.output


def test_explain_one_target(db: str) -> None:
    run(db, "load", XV)
    r = run(db, "explain", XV, "2", "--as-of", "2020")
    assert r.exit_code == 0, r.output
    assert "5.600 USD/người" in r.output
    assert "Báo cáo chính trị" in r.output  # the figure's source is shown
    r = run(db, "explain", XV, "99")
    assert r.exit_code == 2
    assert "no target '99'" in r.output


def test_unknown_resolution_is_a_clear_error(db: str) -> None:
    r = run(db, "evaluate", "khong-co")
    assert r.exit_code == 2
    assert "khong-co" in r.output


def test_bad_definition_names_file_line_field_and_writes_nothing(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: chitieu/resolution@1\nid: x\ntitle: {vi: X}\nbody: {vi: B}\nbase_year: 2020\n"
        "period: 2021-2025\narea: hp\nareas: [{code: hp, name: {vi: HP}}]\n"
        "indicators:\n  - code: a\n    name: {vi: A}\n    unit: đơn vị lạ\n"
        "groups: [{code: g, name: {vi: G}}]\ntargets: []\n",
        encoding="utf-8",
    )
    r = run(db, "load", str(bad))
    assert r.exit_code == 2
    assert "bad.yaml:12" in r.output
    assert "unit" in r.output
    with Store.open(db) as store:
        assert store.resolution_ids() == []


def test_bad_figures_file_writes_nothing(db: str, tmp_path: Path) -> None:
    run(db, "load", XV)
    with Store.open(db) as store:
        before = len(store.observations())
    bad = tmp_path / "figures.csv"
    header = (
        "indicator,area,period,value,unit,status,qualifier,source_document,source_section,"
        "source_line,source_url,source_date,note\n"
    )
    bad.write_text(
        header
        + "grdp-per-capita,haiphong,2019,5900,USD/người,estimate,exact,doc,,1,,,\n"
        + "grdp-per-capita,haiphong,2018,năm nghìn,USD/người,estimate,exact,doc,,1,,,\n"
        + "grdp-per-capita,haiphong,2019,5901,USD/người,estimate,exact,doc,,1,,,\n",
        encoding="utf-8",
    )
    r = run(db, "load", str(bad))
    assert r.exit_code == 2, r.output
    assert "figures.csv:3" in r.output  # the non-number
    assert "figures.csv:4" in r.output  # the duplicate year and status
    with Store.open(db) as store:
        assert len(store.observations()) == before


def test_correction_is_a_new_revision(db: str, tmp_path: Path) -> None:
    run(db, "load", XV)
    header = (
        "indicator,area,period,value,unit,status,qualifier,source_document,source_section,"
        "source_line,source_url,source_date,note\n"
    )
    fix = tmp_path / "fix.csv"
    fix.write_text(
        header + "grdp-per-capita,haiphong,2020,6200,USD/người,estimate,exact,corrected,,,,,\n",
        encoding="utf-8",
    )
    r = run(db, "load", str(fix))
    assert r.exit_code == 0, r.output
    assert "1 sửa đổi" in r.output
    with Store.open(db) as store:
        revs = [o for o in store.observations("grdp-per-capita") if o.period == (2020, 2020)]
        assert sorted(o.revision for o in revs) == [1, 2]
        assert {o.value for o in revs} == {6196, 6200}


def test_money_in_another_currency_needs_a_rate(db: str) -> None:
    """The 2021 GRDP per capita was published in đồng; the target is in USD."""
    run(db, "load", XVI)
    r = run(db, "explain", XVI, "2", "--as-of", "2021")
    assert r.exit_code == 0, r.output
    assert "khi chưa có tỷ giá năm 2021" in r.output  # skipped, with the reason
    assert "Chưa đủ số liệu" in r.output
    r = run(db, "explain", XVI, "2", "--as-of", "2021", "--rate", "2021:USD=23.160")
    assert r.exit_code == 0, r.output
    # 152,3 triệu đồng / 23.160 đồng per USD = 6.575,99… USD, shown rounded
    assert "năm 2021 đạt 6.576 USD/người (sơ bộ)" in " ".join(r.output.split())
    assert "quy đổi theo tỷ giá" in r.output


@pytest.mark.parametrize("bad", ["USD", "2021:USD", "x:USD=1", "USD=abc", "USD=0"])
def test_bad_rate_is_a_usage_error(db: str, bad: str) -> None:
    run(db, "load", XV)
    r = run(db, "evaluate", XV, "--rate", bad)
    assert r.exit_code == 2
    assert "Invalid value" in r.output


GOOD_DEFINITION = """format: chitieu/resolution@1
id: mini
title: {vi: Nghị quyết thử}
body: {vi: Ban Chấp hành}
base_year: 2020
period: 2021-2025
area: hp
areas: [{code: hp, name: {vi: Hải Phòng}}]
indicators:
  - {code: exports, name: {vi: Xuất khẩu}, unit: tỷ USD, direction: higher}
groups: [{code: kt, name: {vi: Kinh tế}}]
targets:
  - id: "1"
    number: 1
    group: kt
    text: Kim ngạch xuất khẩu năm 2025 đạt 35 tỷ USD
    clauses:
      - {id: 1a, text: đạt 35 tỷ USD, indicator: exports, kind: level, bound: point,
         value: "35", unit: tỷ USD, year: 2025}
"""


@pytest.mark.parametrize(
    ("change", "where", "what"),
    [
        (("unit: tỷ USD, year", "unit: triệu tấn, year"), "mini.yaml:19", "unit"),
        (('value: "35"', 'value: "ba mươi lăm"'), "mini.yaml:19", "value"),
        (("period: 2021-2025", "period: [2021, 2025"), "mini.yaml:", "YAML"),
        (("bound: point", "bound: atleast"), "mini.yaml:18", "bound"),
    ],
)
def test_definition_errors_name_file_line_field(
    db: str, tmp_path: Path, change: tuple[str, str], where: str, what: str
) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(GOOD_DEFINITION, encoding="utf-8")
    assert run(db, "load", str(good)).exit_code == 0
    bad = tmp_path / "mini.yaml"
    bad.write_text(GOOD_DEFINITION.replace(*change), encoding="utf-8")
    r = run(db, "load", str(bad))
    assert r.exit_code == 2, r.output
    assert where in r.output
    assert what in r.output
    with Store.open(db) as store:
        assert len(store.resolution_versions("mini")) == 1  # nothing new written


def test_resolutions_lists_versions(db: str) -> None:
    run(db, "load", XV)
    r = run(db, "resolutions")
    assert r.exit_code == 0
    assert XV in r.output
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", r.output)  # dd/mm/yyyy for people


def test_figures_round_trip_through_csv(db: str, tmp_path: Path) -> None:
    run(db, "load", XVI)
    r = run(db, "figures", "--indicator", "grdp-growth")
    assert "12,38%" in r.output  # vi-VN number format
    assert "sơ bộ" in r.output
    out = run(db, "figures", "--format", "csv").output
    exported = tmp_path / "figures.csv"
    exported.write_text(out, encoding="utf-8")
    back = run(db, "load", str(exported))
    assert back.exit_code == 0, back.output
    assert "0 mới, 0 sửa đổi (phiên bản mới), 102 không đổi" in back.output


def test_figures_history_shows_every_revision(db: str, tmp_path: Path) -> None:
    run(db, "load", XV)
    header = run(db, "figures", "--format", "csv").output.splitlines()[0]
    fix = tmp_path / "fix.csv"
    fix.write_text(
        header + "\ngrdp-per-capita,haiphong,2020,6200,USD/người,estimate,exact,corrected,,,,,,\n",
        encoding="utf-8",
    )
    run(db, "load", str(fix))
    current = json.loads(
        run(db, "figures", "--indicator", "grdp-per-capita", "--format", "json").output
    )
    history = json.loads(
        run(
            db, "figures", "--indicator", "grdp-per-capita", "--revisions", "--format", "json"
        ).output
    )
    in_2020 = [f for f in history if f["period"] == "2020"]
    assert sorted(f["revision"] for f in in_2020) == [1, 2]
    assert [f["value"] for f in current if f["period"] == "2020"] == [6200]


def test_dry_run_checks_everything_and_writes_nothing(db: str, tmp_path: Path) -> None:
    r = run(db, "load", XVI, "--dry-run")
    assert r.exit_code == 0, r.output
    assert "nothing written" in r.output
    assert "102 mới" in r.output  # what a real load would do
    assert "Kèm theo: 20 cơ quan (agencies.yaml); 118 nhiệm vụ, đột phá (tasks.yaml)." in r.output
    with Store.open(db) as store:
        assert store.resolution_ids() == []
        assert store.observations() == []
        assert store.agencies() == []
        assert store.document(XVI, "tasks") is None
    run(db, "load", XV)
    header = run(db, "figures", "--format", "csv").output.splitlines()[0]
    fix = tmp_path / "fix.csv"
    fix.write_text(
        header + "\ngrdp-per-capita,haiphong,2020,6200,USD/người,estimate,exact,doc,,,,,,\n",
        encoding="utf-8",
    )
    r = run(db, "load", str(fix), "--dry-run")
    assert "1 sửa đổi" in r.output
    with Store.open(db) as store:
        assert all(o.revision == 1 for o in store.observations("grdp-per-capita"))


def test_counted_targets_cannot_be_fewer_than_defined(db: str, tmp_path: Path) -> None:
    second = """  - id: "2"
    number: 2
    group: kt
    text: Chỉ tiêu thứ hai
    clauses: []
"""
    text = GOOD_DEFINITION.replace("area: hp\n", "area: hp\ncounted_targets: 1\n") + second
    bad = tmp_path / "mini.yaml"
    bad.write_text(text, encoding="utf-8")
    r = run(db, "load", str(bad))
    assert r.exit_code == 2, r.output
    assert "mini.yaml:8: counted_targets: the source counts 1 targets but 2 are defined" in r.output


def test_a_database_that_cannot_be_opened_is_a_clear_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}"  # a directory, not a database file
    result = CliRunner().invoke(main, ["--database-url", url, "resolutions"])
    assert result.exit_code == 1
    assert "không mở được cơ sở dữ liệu (cannot open the database)" in result.output
    assert "Traceback" not in result.output
