"""``check``, ``validate``, ``project``, ``backtest`` end to end on the shipped data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chitieu.cli.main import main
from chitieu.services.analysis import relations_and_rules

XVI = "haiphong-xvi-2020-2025"
XV = "haiphong-xv-2015-2020"


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database-url", db, *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('analysis') / 'cli.sqlite3'}"
    for name in (XV, XVI):
        r = run(url, "load", name)
        assert r.exit_code == 0, r.output
    return url


def test_check_table_and_json(db: str) -> None:
    r = run(db, "check", XVI)
    assert r.exit_code == 0, r.output
    assert "51 + 43,4 + 1,8 + 3,8 = 100%" in r.output
    assert "Không nhất quán" in r.output
    assert "36,4 so với 40,25" in r.output
    assert "ICOR 4,66" in r.output
    data = json.loads(run(db, "check", XVI, "--format", "json").output)
    checks = [f["check"] for f in data["findings"]]
    assert checks.count("structure_sum") == 1
    assert "implied_structure" in checks
    pace = next(p for p in data["required_paces"] if p["clause"] == "2a")
    assert pace["required_pct"] == pytest.approx(((14740 / 6196) ** 0.2 - 1) * 100, abs=1e-3)
    en = run(db, "check", XVI, "--lang", "en").output
    assert "36.4 vs 40.25" in en


def test_check_with_assumptions(db: str) -> None:
    r = run(
        db,
        "check",
        XVI,
        "--assume",
        "population=1",
        "--assume",
        "deflator=2,5",
        "--assume",
        "depreciation=1,5",
        "--format",
        "json",
    )
    data = json.loads(r.output)
    per_head = next(f for f in data["findings"] if f["check"] == "per_capita")
    assert per_head["figures"]["implied_pct"] == pytest.approx(
        (1.16 * 1.025 / (1.01 * 1.015) - 1) * 100, abs=1e-3
    )
    bad = run(db, "check", XVI, "--assume", "inflation=3")
    assert bad.exit_code == 2
    assert "population" in bad.output


def test_validate_lists_violations(db: str) -> None:
    r = run(db, "validate", XVI)
    assert r.exit_code == 0, r.output
    assert "Vi phạm" in r.output
    data = json.loads(run(db, "validate", XVI, "--format", "json").output)
    assert {v["check"] for v in data} >= {"unit"}
    unit = next(v for v in data if v["check"] == "unit")
    assert unit["period"] == [2021, 2021]
    assert unit["indicators"] == ["grdp-per-capita"]


def test_validate_applies_rules_from_the_definition(db: str, tmp_path: Path) -> None:
    figures = tmp_path / "bad.csv"
    figures.write_text(
        "indicator,area,period,value,unit,status,source_url,source_date\n"
        "domestic-revenue,haiphong,2019,90000,tỷ đồng,official,https://example.vn,2020\n"
        "budget-revenue,haiphong,2019,80000,tỷ đồng,official,https://example.vn,2020\n",
        encoding="utf-8",
    )
    other = f"sqlite:///{tmp_path / 'rules.sqlite3'}"
    assert run(other, "load", XVI).exit_code == 0
    assert run(other, "load", str(figures)).exit_code == 0
    data = json.loads(run(other, "validate", XVI, "--format", "json").output)
    hit = [v for v in data if v["check"] == "domestic-within-budget"]
    assert len(hit) == 1
    assert hit[0]["blocks_approval"] is True
    assert hit[0]["period"] == [2019, 2019]


def test_project_as_of_2024(db: str) -> None:
    r = run(db, "project", XVI, "--as-of", "2024")
    assert r.exit_code == 0, r.output
    assert "Dự báo 2025" in r.output
    assert "xác suất đạt" in r.output
    data = json.loads(run(db, "project", XVI, "6", "--as-of", "2024", "--format", "json").output)
    (exports,) = data
    assert exports["points"] == [[2020, 18.92], [2021, 25.11], [2024, 33.25]]
    assert exports["projection"]["value"] == pytest.approx(38.2833, abs=1e-3)
    lo, hi = exports["projection"]["interval_80"]
    assert lo < 35 < hi
    assert 0.5 < exports["probability_met"] < 0.8
    assert exports["required_pace"]["reached_before"] is True
    en = " ".join(run(db, "project", XVI, "1", "--as-of", "2024", "--lang", "en").output.split())
    assert "Projected 2025: 11.5%/year" in en
    assert "probability of meeting it < 1%" in en


def test_project_errors(db: str) -> None:
    r = run(db, "project", XVI, "99")
    assert r.exit_code == 2
    assert "không có chỉ tiêu '99'" in r.output
    r = run(db, "project", XVI, "--area", "nowhere")
    assert r.exit_code == 2
    assert "no area 'nowhere'" in r.output
    r = run(db, "project", "no-such-resolution")
    assert r.exit_code == 2
    assert "chưa nạp nghị quyết" in r.output


def test_backtest_xv_up_to_2018(db: str) -> None:
    data = json.loads(run(db, "backtest", XV, "--upto", "2018", "--format", "json").output)
    cases = {c["indicator"]: c for c in data["cases"]}
    assert set(cases) == {
        "services-share",
        "domestic-revenue",
        "urban-unemployment",
        "rural-working-time",
    }
    assert cases["rural-working-time"]["pct_error"] == 0.0
    assert cases["domestic-revenue"]["projected"] == pytest.approx(
        21777 * (21777 / 12882) ** 1.5, rel=1e-6
    )
    r = run(db, "backtest", XV, "--upto", "2018")
    assert r.exit_code == 0
    assert "Sai số tuyệt đối bình quân" in r.output
    bad = run(db, "backtest", XV, "--upto", "2020")
    assert bad.exit_code == 2


def test_definition_relations_and_rules_are_checked(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "src/chitieu/datasets" / XVI / "resolution.yaml").read_text(
        encoding="utf-8"
    )
    relations, rules = relations_and_rules(text)
    assert relations.structures[0].total_growth == "grdp-growth"
    assert len(relations.structures[0].parts) == 4
    assert [r.id for r in rules][:2] == ["manufacturing-within-industry", "domestic-within-budget"]
    broken = text.replace('left: "#{domestic-revenue}"', 'left: "#{domestic-revenu}"').replace(
        "{indicator: total-investment, output: grdp", "{indicator: total-investmen, output: grdp"
    )
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    r = run(f"sqlite:///{tmp_path / 'x.sqlite3'}", "load", str(path), "--dry-run")
    assert r.exit_code == 2
    assert "validation_rules[1].left: unknown indicator 'domestic-revenu'" in r.output
    assert "relations.investment[0].indicator: unknown indicator 'total-investmen'" in r.output
    line = next(i for i, s in enumerate(broken.splitlines(), 1) if "domestic-revenu}" in s)
    assert f"broken.yaml:{line}:" in r.output


def test_district_figures_project_and_add_up(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'district.sqlite3'}"
    assert run(url, "load", XVI).exit_code == 0
    rows = [
        "indicator,area,period,value,unit,status,source_url,source_date",
        *(
            f"exports,le-chan,{y},{v},tỷ USD,official,https://example.vn,{y + 1}"
            for y, v in ((2020, 1), (2021, 1.1), (2022, 1.21))
        ),
        # the 14 other districts add up to 30 in 2021; the city says 25,11: off
        *(
            f"exports,{d},2021,{30 / 14:.6f},tỷ USD,official,https://example.vn,2022"
            for d in [
                "hong-bang",
                "ngo-quyen",
                "hai-an",
                "kien-an",
                "do-son",
                "duong-kinh",
                "thuy-nguyen",
                "an-duong",
                "an-lao",
                "kien-thuy",
                "tien-lang",
                "vinh-bao",
                "cat-hai",
                "bach-long-vi",
            ]
        ),
    ]
    figures = tmp_path / "districts.csv"
    figures.write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = run(url, "load", str(figures))
    assert r.exit_code == 0, r.output
    (out,) = json.loads(
        run(
            url, "project", XVI, "6", "--area", "le-chan", "--as-of", "2022", "--format", "json"
        ).output
    )
    assert out["area"] == "le-chan"
    assert out["projection"]["value"] == pytest.approx(1.1**5, abs=1e-4)
    assert out["probability_met"] == 0.0  # constant 10 %: 1,61 tỷ USD, far below 35
    found = json.loads(run(url, "validate", XVI, "--format", "json").output)
    sums = [v for v in found if v["check"] == "district_sum"]
    assert [(v["period"], v["area"]) for v in sums] == [([2021, 2021], "haiphong")]
    assert sums[0]["left"] == pytest.approx(31.1, abs=1e-3)
