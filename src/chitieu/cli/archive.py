"""``chitieu dump`` and ``chitieu restore``: the whole store as one archive file and back
(docs/archive-format.md), so that a backup or a move to PostgreSQL loses nothing."""

from __future__ import annotations

from pathlib import Path

import click
import sqlalchemy as sa

from chitieu.core.numbers import format_number
from chitieu.store import StoreError, archive

from .common import handles_errors, lang_option, open_store, ready_store


def _size(n_bytes: int, lang: str) -> str:
    return format_number(round(n_bytes / 1024, 1), 1, lang) + " KiB"


def _table_lines(rows: dict[str, int], lang: str) -> list[str]:
    width = max(len(name) for name in rows)
    return [f"  {name:<{width}}  {format_number(n, 0, lang):>7}" for name, n in rows.items()]


@click.command()
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="The archive file to write (replaced atomically if it exists).",
)
@lang_option
@click.pass_context
@handles_errors
def dump(ctx: click.Context, output: Path, lang: str) -> None:
    """Sao lưu toàn bộ cơ sở dữ liệu vào một tệp (dump the whole store to one archive file).

    Every table, every revision, review step and audit row, with their ids; passwords
    and API tokens only as their hashes; the session secret is left out.
    """
    store = open_store(ctx)
    manifest = archive.dump_to_file(store.engine, output)
    rows = {t.name: t.rows for t in manifest.tables}
    size = _size(output.stat().st_size, lang)
    total = format_number(manifest.total_rows, 0, lang)
    if lang == "vi":
        click.echo(
            f"Đã ghi bản lưu {output}: {len(rows)} bảng, {total} dòng, {size}"
            f" (lược đồ {manifest.schema_revision}, {archive.FORMAT} {manifest.format_version})."
        )
    else:
        click.echo(
            f"Archive written to {output}: {len(rows)} tables, {total} rows, {size}"
            f" (schema {manifest.schema_revision}, {archive.FORMAT} {manifest.format_version})."
        )
    for line in _table_lines(rows, lang):
        click.echo(line)
    left_out = [f"{t}: {', '.join(keys)}" for t, keys in manifest.excluded.items()]
    if left_out:
        click.echo(
            ("Không sao lưu (bí mật): " if lang == "vi" else "Not archived (secrets): ")
            + "; ".join(left_out)
        )


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--dry-run",
    is_flag=True,
    help="Verify the archive and restore it inside a transaction, then roll back.",
)
@lang_option
@click.pass_context
@handles_errors
def restore(ctx: click.Context, file: Path, dry_run: bool, lang: str) -> None:
    """Khôi phục bản lưu vào cơ sở dữ liệu trống (restore an archive into an empty store).

    All or nothing, in one transaction; the archive's checksums, format version and
    schema revision are checked first, and the tables are read back and checked again
    before the commit.
    """
    try:
        store = ready_store(ctx)
    except sa.exc.DBAPIError as exc:  # e.g. a PostgreSQL database that does not exist yet
        raise StoreError(
            f"không mở được cơ sở dữ liệu đích (cannot open the target database): {exc.orig}"
        ) from exc
    report = archive.restore(store.engine, file, dry_run=dry_run)
    total = format_number(report.total_rows, 0, lang)
    seconds = format_number(round(report.seconds, 2), 2, lang)
    m = report.manifest
    if lang == "vi":
        head = "Chạy thử (--dry-run): bản lưu hợp lệ, không có gì được ghi. " if dry_run else ""
        click.echo(
            f"{head}Đã khôi phục {total} dòng từ {file} ({m.source_dialect}, {m.created_at})"
            f" vào {store.url} trong {seconds} giây; tổng kiểm tra khớp."
        )
    else:
        head = "Dry run: the archive is valid; nothing was written. " if dry_run else ""
        click.echo(
            f"{head}Restored {total} rows from {file} ({m.source_dialect}, {m.created_at})"
            f" into {store.url} in {seconds} s; checksums match."
        )
    for line in _table_lines(dict(report.rows), lang):
        click.echo(line)
    if any(m.excluded.values()) and not dry_run:
        click.echo(
            "Khóa phiên không nằm trong bản lưu: ứng dụng web tạo khóa mới, mọi phiên đăng nhập"
            " cũ phải đăng nhập lại."
            if lang == "vi"
            else "The session secret is not archived: the web application makes a new one and"
            " everyone logs in again."
        )


COMMANDS: list[click.Command] = [dump, restore]
