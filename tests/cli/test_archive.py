"""`chitieu dump` / `chitieu restore` on the Hải Phòng store: the restored installation
evaluates, explains and reviews exactly as the original did; a damaged or foreign archive
is refused with a message that says what is wrong, and nothing is written."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chitieu import __version__
from chitieu.cli.main import main
from chitieu.core.access import Role
from chitieu.services import accounts
from chitieu.store import Store

XVI = "haiphong-xvi-2020-2025"
XV = "haiphong-xv-2015-2020"
PASSWORD = "Mat-khau-2025!"
CSV = (
    "indicator,area,period,value,unit,status,qualifier,source_document\n"
    "urban-unemployment,haiphong,2025,3.2,%,estimate,exact,Báo cáo KT-XH 2025\n"
    "trained-labour,haiphong,2024,78.5,%,estimate,exact,Báo cáo KT-XH 2024\n"
    "poverty-rate,haiphong,2024,0.5,%,estimate,approx,Báo cáo KT-XH 2024\n"
)


def run(url: str, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["--database-url", url, *args], input=input)


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The Hải Phòng store with figures submitted, approved and returned, users with a
    token, task updates and the session secret of a web app that has run."""
    folder = tmp_path_factory.mktemp("original")
    url = f"sqlite:///{folder / 'chitieu.sqlite3'}"
    assert run(url, "load", XV).exit_code == 0
    assert run(url, "load", XVI).exit_code == 0
    with Store.open(url) as store:
        accounts.create_user(store, "duyet", PASSWORD, Role.REVIEWER, actor="test")
        accounts.create_user(
            store, "nhap", PASSWORD, Role.EDITOR, agencies=["cuc-thong-ke"], actor="test"
        )
        accounts.new_token(store, "nhap", "báo cáo", actor="test")
        store.setting_or_create("session_secret", "khong-duoc-sao-luu")
        store.add_task_update(
            XVI,
            "1",
            reported_on=dt.date(2024, 12, 31),
            text="Hoàn thành 80%",
            actor="nhap",
            percent=80,
        )
    figures = folder / "so-lieu.csv"
    figures.write_text(CSV, encoding="utf-8")
    assert run(url, "import", str(figures)).exit_code == 0
    queue = run(url, "review", "list").output.strip().splitlines()
    ids = [line.split("\t")[0] for line in queue]
    assert len(ids) == 3
    assert run(url, "review", "approve", ids[0], "--as", "duyet").exit_code == 0
    assert run(url, "review", "approve", ids[1], "--as", "duyet").exit_code == 0
    returned = run(url, "review", "return", ids[2], "--as", "duyet", "--comment", "thiếu nguồn")
    assert returned.exit_code == 0
    return url


@pytest.fixture(scope="module")
def archive(original: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("archive") / "sao-luu.zip"
    result = run(original, "dump", "-o", str(path))
    assert result.exit_code == 0, result.output
    assert f"Đã ghi bản lưu {path}: 16 bảng" in result.output
    assert "Không sao lưu (bí mật): app_settings: session_secret" in result.output
    return path


VIEWS = [
    ("evaluate", XVI),
    ("evaluate", XVI, "--as-of", "2024"),
    ("evaluate", XVI, "--as-of", "2025", "--format", "json"),
    ("evaluate", XV, "--lang", "en"),
    ("explain", XVI, "6", "--as-of", "2024"),
    ("figures", "--revisions", "--format", "csv"),
    ("review", "list"),
    ("resolutions",),
]


def test_the_restored_store_answers_exactly_as_the_original(
    original: str, archive: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    restored = run(url, "restore", str(archive))
    assert restored.exit_code == 0, restored.output
    assert "tổng kiểm tra khớp" in restored.output
    assert "observation_reviews" in restored.output
    for view in VIEWS:
        before, after = run(original, *view), run(url, *view)
        assert before.exit_code == 0, (view, before.output)
        assert after.output == before.output, view
    assert "Đạt: 1/20" in run(url, "evaluate", XVI, "--as-of", "2025").output
    with Store.open(url) as store:
        assert accounts.authenticate(store, "duyet", PASSWORD) is not None
        assert [u.text for u in store.task_updates(XVI)] == ["Hoàn thành 80%"]
        assert store.setting("session_secret") is None
    # the restored store dumps to the same tables
    again = tmp_path / "lai.zip"
    assert run(url, "dump", "-o", str(again), "--lang", "en").exit_code == 0
    with zipfile.ZipFile(archive) as a, zipfile.ZipFile(again) as b:
        for name in a.namelist():
            if name != "manifest.json":
                assert a.read(name) == b.read(name), name


def test_dry_run_and_a_full_store(original: str, archive: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    dry = run(url, "restore", str(archive), "--dry-run", "--lang", "en")
    assert dry.exit_code == 0, dry.output
    assert dry.output.startswith("Dry run: the archive is valid; nothing was written.")
    assert "chưa nạp" in run(url, "evaluate", XVI).output
    full = run(original, "restore", str(archive))
    assert full.exit_code == 1
    assert "không trống" in full.output
    assert "not empty" in full.output
    assert "Traceback" not in full.output


def _altered(archive: Path, target: Path, how: str) -> None:
    with zipfile.ZipFile(archive) as z:
        members = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(members["manifest.json"])
    if how == "checksum":
        body = members["tables/observations.jsonl"]
        members["tables/observations.jsonl"] = body.replace(b'"value":"', b'"value":"1', 1)
    else:
        manifest["format_version"] = 2
        members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("truncated", "tệp không phải zip hoặc đã bị cắt cụt"),
        ("checksum", "bảng observations: tổng kiểm tra hoặc số dòng không khớp"),
        ("not-an-archive", "không phải bản lưu chitieu"),
        ("newer", f"bản lưu định dạng phiên bản 2, chitieu {__version__} chỉ đọc đến phiên bản 1"),
    ],
)
def test_a_bad_archive_gets_a_clear_message_and_nothing_is_written(
    how: str, expected: str, archive: Path, tmp_path: Path
) -> None:
    bad = tmp_path / f"{how}.zip"
    if how == "truncated":
        body = archive.read_bytes()
        bad.write_bytes(body[: len(body) // 2])
    elif how == "not-an-archive":
        bad.write_text("indicator,area,period,value\n", encoding="utf-8")
    else:
        _altered(archive, bad, how)
    url = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    result = run(url, "restore", str(bad))
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Lỗi (error): ")
    assert expected in result.output
    assert str(bad) in result.output
    assert "Traceback" not in result.output
    assert "chưa nạp" in run(url, "evaluate", XVI).output  # nothing was restored


def test_dump_of_an_uninitialised_database_says_what_to_do(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    result = run(url, "dump", "-o", str(tmp_path / "a.zip"))
    assert result.exit_code == 1
    assert "chitieu init" in result.output
    assert not (tmp_path / "a.zip").exists()


def test_dump_into_a_missing_folder_says_so(original: str, tmp_path: Path) -> None:
    result = run(original, "dump", "-o", str(tmp_path / "khong-co" / "a.zip"))
    assert result.exit_code == 2
    assert "không có thư mục" in result.output
    assert "Traceback" not in result.output


def test_the_archive_checksums_are_those_of_its_files(archive: Path) -> None:
    with zipfile.ZipFile(archive) as z:
        manifest = json.loads(z.read("manifest.json"))
        for table in manifest["tables"]:
            assert hashlib.sha256(z.read(table["file"])).hexdigest() == table["sha256"]
