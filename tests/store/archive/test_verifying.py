"""Reading an archive back (store/archive/verifying.py): whatever is wrong with the file
is refused before anything is written.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from chitieu.store import archive as arc
from tests.store.archive.conftest import fresh, rewrite, table_counts


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("truncated", "cắt cụt"),
        ("not-zip", "không phải bản lưu chitieu"),
        ("no-manifest", "thiếu manifest.json"),
        ("foreign", "format"),
        ("altered", "tổng kiểm tra"),
        ("newer", "nâng cấp chitieu"),
        ("other-schema", "lược đồ 0000"),
        ("missing-table", "thiếu: audit_log"),
        ("bad-row", "tables/users.jsonl, dòng 1"),
        ("bad-decimal", "cột value"),
        ("naive-time", "time zone"),
    ],
)
def test_a_bad_archive_is_refused_before_anything_is_written(
    how: str, message: str, good_archive: Path, tmp_path: Path, sqlite_url: Callable[[str], str]
) -> None:
    bad = tmp_path / f"{how}.zip"
    body = good_archive.read_bytes()
    if how == "truncated":
        bad.write_bytes(body[: len(body) * 2 // 3])
    elif how == "not-zip":
        bad.write_text("indicator,area,period\n", encoding="utf-8")
    elif how == "no-manifest":
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("tables/users.jsonl", "")
    elif how == "foreign":
        rewrite(good_archive, bad, manifest=lambda m: m.update(format="other-tool"))
    elif how == "altered":
        rewrite(
            good_archive,
            bad,
            table="observations",
            change=lambda b: b.replace(b'"value":"3.20"', b'"value":"9.20"'),
            fix_checksum=False,
        )
    elif how == "newer":
        rewrite(good_archive, bad, manifest=lambda m: m.update(format_version=2))
    elif how == "other-schema":
        rewrite(good_archive, bad, manifest=lambda m: m.update(schema_revision="0000"))
    elif how == "missing-table":

        def drop(m: dict[str, object]) -> None:
            m["tables"] = [t for t in m["tables"] if t["name"] != "audit_log"]  # type: ignore[attr-defined]

        rewrite(good_archive, bad, manifest=drop)
    elif how == "bad-row":
        rewrite(good_archive, bad, table="users", change=lambda b: b"[1,2]\n" + b)
    elif how == "bad-decimal":
        rewrite(
            good_archive,
            bad,
            table="observations",
            change=lambda b: b.replace(b'"value":"3.20"', b'"value":3.2', 1),
        )
    elif how == "naive-time":
        rewrite(
            good_archive,
            bad,
            table="audit_log",
            change=lambda b: b.replace(b'+00:00"', b'"', 1),
        )
    with fresh(sqlite_url("target")) as target:
        with pytest.raises(arc.ArchiveError, match=message):
            arc.restore(target.engine, bad)
        assert set(table_counts(target).values()) == {0}
