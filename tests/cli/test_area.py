"""Evaluation per district: the city's targets on one district's figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from chitieu import services
from chitieu.cli.main import main
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.model import Citation, Verdict
from chitieu.core.observations import Observation, Status
from chitieu.store import Store

XVI = "haiphong-xvi-2020-2025"


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'area.sqlite3'}"
    with Store.open(url) as store:
        store.init()
        services.load_dataset(store, XVI)
        store.add_observations(
            [
                Observation(
                    "urban-unemployment",
                    "le-chan",
                    (2025, 2025),
                    Decimal("2.9"),
                    "%",
                    Status.ESTIMATE,
                    source=Citation(document="Báo cáo quận Lê Chân 2025"),
                )
            ]
        )
    return url


def test_a_district_is_evaluated_on_its_own_figures(url: str) -> None:
    with Store.open(url) as store:
        settings = EvaluationSettings(as_of=2025)
        district = services.evaluate(store, XVI, settings, area="le-chan")
        city = services.evaluate(store, XVI, settings)
    assert district.target_result("11").verdict is Verdict.ACHIEVED
    assert city.target_result("11").verdict is Verdict.NOT_ENOUGH_DATA
    assert district.counts() == {Verdict.ACHIEVED: 1, Verdict.NOT_ENOUGH_DATA: 19}


def test_cli_names_the_district_and_refuses_unknown_areas(url: str) -> None:
    runner = CliRunner()
    ok = runner.invoke(
        main, ["--database-url", url, "evaluate", XVI, "--area", "le-chan", "--as-of", "2025"]
    )
    assert ok.exit_code == 0, ok.output
    assert "địa bàn: Quận Lê Chân" in ok.output
    assert "Đạt: 1/20" in ok.output
    bad = runner.invoke(main, ["--database-url", url, "evaluate", XVI, "--area", "hanoi"])
    assert bad.exit_code == 2
    assert "không có địa bàn 'hanoi'" in bad.output
