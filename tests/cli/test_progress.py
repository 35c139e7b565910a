"""The progress bar of `chitieu load` and `chitieu import`: on request or on a terminal only."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from chitieu import datasets, progress, services
from chitieu.cli.main import main
from chitieu.store import Store

XVI = "haiphong-xvi-2020-2025"


def test_loading_reports_each_step_to_the_reporter(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int | None]] = []
    with Store.open(f"sqlite:///{tmp_path / 'p.sqlite3'}") as store:
        store.init()
        with progress.reporting(lambda task, done, total: calls.append((task, done, total))):
            report = services.load_dataset(store, XVI)
    assert report.figures is not None
    written = report.figures.inserted
    assert written > 0
    lines = (datasets.get(XVI).path / "observations.csv").read_text(encoding="utf-8").count("\n")  # type: ignore[union-attr]
    assert calls[0] == (progress.READING, 0, lines)
    assert (progress.READING, lines, lines) in calls
    assert calls[-1] == (progress.WRITING, written, written)
    # Outside the block nobody listens: step() is a no-op.
    progress.step(progress.READING, 1, 2)
    assert calls[-1] == (progress.WRITING, written, written)


def test_load_shows_a_bar_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    runner = CliRunner()
    quiet = runner.invoke(main, ["--database-url", db, "load", XVI])
    assert quiet.exit_code == 0, quiet.output
    assert progress.WRITING not in quiet.stderr  # the runner is not a terminal
    shown = runner.invoke(main, ["--database-url", db, "load", "--progress", XVI])
    assert shown.exit_code == 0, shown.output
    assert progress.READING in shown.stderr
    assert "0 mới" in shown.stdout
    off = runner.invoke(main, ["--database-url", db, "load", "--no-progress", XVI])
    assert off.exit_code == 0
    assert progress.READING not in off.stderr


def test_import_accepts_no_progress(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    runner = CliRunner()
    assert runner.invoke(main, ["--database-url", db, "load", XVI]).exit_code == 0
    figures = tmp_path / "figures.csv"
    figures.write_text(
        "indicator,area,period,value,unit,status,source_document\n"
        "grdp,haiphong,2024,400000,tỷ đồng,estimate,Báo cáo\n",
        encoding="utf-8",
    )
    shown = runner.invoke(main, ["--database-url", db, "import", "--progress", str(figures)])
    assert shown.exit_code == 0, shown.output
    assert progress.WRITING in shown.stderr
    off = runner.invoke(main, ["--database-url", db, "import", "--no-progress", str(figures)])
    assert off.exit_code == 0, off.output
    assert progress.WRITING not in off.stderr
