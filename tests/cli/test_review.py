"""`chitieu import` submits; `chitieu review` approves as a named reviewer, and only then do
the figures count. The four-eyes rule and the roles hold on the command line too."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chitieu import services
from chitieu.cli.main import main
from chitieu.core.access import Role
from chitieu.services import accounts
from chitieu.store import Store

XVI = "haiphong-xvi-2020-2025"
CSV = (
    "indicator,area,period,value,unit,status,qualifier,source_document\n"
    "urban-unemployment,haiphong,2025,3.2,%,estimate,exact,Báo cáo KT-XH 2025\n"
)


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'review.sqlite3'}"
    with Store.open(url) as store:
        store.init()
        services.load_dataset(store, XVI)
        accounts.create_user(store, "duyet", "Mat-khau-2025!", Role.REVIEWER, actor="test")
        accounts.create_user(store, "xem", "Mat-khau-2025!", Role.VIEWER, actor="test")
    return url


def test_import_then_review_from_the_command_line(url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    figures = tmp_path / "thatnghiep.csv"
    figures.write_text(CSV, encoding="utf-8")
    imported = runner.invoke(main, ["--database-url", url, "import", str(figures)])
    assert imported.exit_code == 0, imported.output
    assert "chờ duyệt" in imported.output
    before = runner.invoke(main, ["--database-url", url, "evaluate", XVI, "--as-of", "2025"])
    assert "Đạt: 1/20" not in before.output  # submitted figures do not count yet

    queue = runner.invoke(main, ["--database-url", url, "review", "list"])
    assert queue.exit_code == 0
    [line] = queue.output.strip().splitlines()
    observation_id = line.split("\t")[0]
    assert "3,2%" in line
    assert "thatnghiep.csv" not in line  # the source is the document, not the file

    viewer = runner.invoke(
        main, ["--database-url", url, "review", "approve", observation_id, "--as", "xem"]
    )
    assert viewer.exit_code == 2
    assert "không có quyền duyệt" in viewer.output
    done = runner.invoke(
        main, ["--database-url", url, "review", "approve", observation_id, "--as", "duyet"]
    )
    assert done.exit_code == 0, done.output
    assert done.output.strip() == f"{observation_id}: approved"
    after = runner.invoke(main, ["--database-url", url, "evaluate", XVI, "--as-of", "2025"])
    assert "Đạt: 1/20" in after.output
    again = runner.invoke(
        main, ["--database-url", url, "review", "approve", observation_id, "--as", "duyet"]
    )
    assert again.exit_code == 1
    assert "not waiting for review" in again.output


def test_return_needs_a_comment(url: str) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["--database-url", url, "review", "return", "1", "--as", "duyet"])
    assert result.exit_code == 2
    assert "--comment" in result.output


def test_a_lost_password_is_reset_from_the_command_line(url: str) -> None:
    runner = CliRunner()
    weak = runner.invoke(
        main,
        ["--database-url", url, "users", "password", "duyet", "--password-stdin"],
        input="ngan\n",
    )
    assert weak.exit_code == 2
    assert "ít nhất 10 ký tự" in weak.output
    unknown = runner.invoke(
        main, ["--database-url", url, "users", "password", "ai-do", "--password-stdin"], input="x\n"
    )
    assert unknown.exit_code == 2
    done = runner.invoke(
        main,
        ["--database-url", url, "users", "password", "duyet", "--password-stdin"],
        input="Mot-mat-khau-moi-2026\n",
    )
    assert done.exit_code == 0, done.output
    with Store.open(url) as store:
        assert accounts.authenticate(store, "duyet", "Mot-mat-khau-moi-2026") is not None
        assert accounts.authenticate(store, "duyet", "Mat-khau-2025!") is None


def withdraw(url: str, observation_id: str, who: str, reason: str) -> Result:
    args = ["--database-url", url, "review", "withdraw", observation_id, "--as", who]
    return CliRunner().invoke(main, [*args, "--reason", reason])


def test_withdraw_from_the_command_line(url: str, tmp_path: Path) -> None:
    """A figure imported by mistake is withdrawn: it stays in the store, marked, with its
    reason in the audit log, and leaves the queue; it never counts."""
    runner = CliRunner()
    figures = tmp_path / "thatnghiep.csv"
    figures.write_text(CSV, encoding="utf-8")
    assert runner.invoke(main, ["--database-url", url, "import", str(figures)]).exit_code == 0
    queue = runner.invoke(main, ["--database-url", url, "review", "list"])
    observation_id = queue.output.strip().split("\t")[0]

    no_reason = runner.invoke(
        main, ["--database-url", url, "review", "withdraw", observation_id, "--as", "duyet"]
    )
    assert no_reason.exit_code == 2
    assert "--reason" in no_reason.output
    blank = withdraw(url, observation_id, "duyet", "  ")
    assert blank.exit_code == 2
    assert "lý do" in blank.output
    viewer = withdraw(url, observation_id, "xem", "không phải của tôi")
    assert viewer.exit_code == 1
    assert "may withdraw it" in viewer.output
    unknown = withdraw(url, observation_id, "ai-do", "x")
    assert unknown.exit_code == 2

    done = withdraw(url, observation_id, "duyet", "Nhập nhầm năm")
    assert done.exit_code == 0, done.output
    assert done.output.strip() == f"{observation_id}: withdrawn"
    empty = runner.invoke(main, ["--database-url", url, "review", "list"])
    assert "Không có số liệu chờ duyệt" in empty.output
    twice = withdraw(url, observation_id, "duyet", "lần nữa")
    assert twice.exit_code == 1
    assert "already withdrawn" in twice.output
    approve = runner.invoke(
        main, ["--database-url", url, "review", "approve", observation_id, "--as", "duyet"]
    )
    assert approve.exit_code == 1  # a withdrawn figure is never approved
    with Store.open(url) as store:
        oid = int(observation_id)
        assert oid in {o.id for o in store.observations()}  # the row stays
        assert oid not in {o.id for o in store.observations(approved_only=True)}
        [entry] = store.audit_log(action="withdraw")
        assert (entry.actor, entry.reason) == ("duyet", "Nhập nhầm năm")
