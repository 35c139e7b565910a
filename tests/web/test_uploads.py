"""Uploads: limited by size and by content (not the name), hostile names and cells,
hostile workbooks, and the ``{fmt}`` of downloads: no 5xx, nothing outside its place."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from tests.web.conftest import XVI, Site, csrf_of, login
from tests.web.test_files import row_of
from tests.web.test_injection import IMG, LIVE, PAYLOADS, SCRIPT, assert_safe

CSV_HEAD = "indicator,area,period,value,unit,status,qualifier,source_document,note\n"


def csv_row(source: str, note: str = "", year: int = 2023) -> str:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    return (
        f"urban-unemployment,haiphong,{year},3.4,%,preliminary,exact,{cell(source)},{cell(note)}\n"
    )


def upload(
    client: TestClient,
    name: str,
    content: bytes,
    media: str = "application/octet-stream",
    **form: str,
) -> httpx.Response:
    return client.post(
        f"/r/{XVI}/upload",
        data={"csrf_token": csrf_of(client, "/login"), **form},
        files={"file": (name, content, media)},
        follow_redirects=False,
    )


def file_error(html: str) -> str:
    match = re.search(r'id="err-file"[^>]*>(.*?)</p>', html, re.S)
    assert match is not None, html[:500]
    return match.group(1)


def test_uploads_over_the_size_limit_are_refused(fresh_site: Site) -> None:
    client = TestClient(fresh_site.make_app(max_upload_bytes=2_000))
    login(client, "nhaplieu")
    big = (CSV_HEAD + csv_row("Báo cáo") * 40).encode()
    assert len(big) > 2_000
    response = upload(client, "lon.csv", big, "text/csv")
    assert response.status_code == 413
    assert "lon.csv: tệp lớn hơn" in file_error(response.text)
    small = (CSV_HEAD + csv_row("Báo cáo")).encode()
    assert upload(client, "nho.csv", small, "text/csv").status_code == 303
    assert len(fresh_site.store.awaiting_review()) == 1
    # The administrators' definition uploads have the same limit.
    admin = TestClient(fresh_site.make_app(max_upload_bytes=2_000))
    login(admin, "quantri")
    response = admin.post(
        "/admin/resolutions",
        data={"csrf_token": csrf_of(admin, "/admin")},
        files={"file": ("r.yaml", b"# " + b"x" * 3_000, "application/yaml")},
    )
    assert response.status_code == 413


def _xlsx_bytes(client: TestClient) -> bytes:
    return client.get(f"/r/{XVI}/template.xlsx").content


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("so-lieu.xlsx", b"indicator,area\n", "không phải sổ Excel"),
        ("so-lieu.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "không phải sổ Excel"),
        ("so-lieu.csv", "XLSX", "nhị phân"),
        ("so-lieu.csv", b"\xff\xfe" + "chỉ tiêu".encode("utf-16-le"), "nhị phân"),
        ("so-lieu.csv", "Báo cáo".encode("cp1258"), "UTF-8"),
        ("so-lieu.json", CSV_HEAD.encode(), "không phải JSON"),
        ("so-lieu.json", "XLSX", "nhị phân"),
    ],
    ids=[
        "text-as-xlsx",
        "png-as-xlsx",
        "xlsx-as-csv",
        "utf16-csv",
        "cp1258-csv",
        "csv-as-json",
        "xlsx-as-json",
    ],
)
def test_the_content_decides_the_type(
    fresh_site: Site, name: str, content: bytes | str, why: str
) -> None:
    client = fresh_site.client("nhaplieu")
    raw = _xlsx_bytes(client) if content == "XLSX" else content
    assert isinstance(raw, bytes)
    response = upload(client, name, raw)
    assert response.status_code == (422 if why == "UTF-8" else 415)
    assert file_error(response.text).startswith(f"{name}: ")
    assert why in file_error(response.text)
    assert fresh_site.store.awaiting_review() == []


@pytest.mark.parametrize(
    "name",
    [
        "x.exe",
        "bao-cao.html",
        "x.csv.php",
        "x",
        "",
    ],
)
def test_other_suffixes_are_refused(fresh_site: Site, name: str) -> None:
    client = fresh_site.client("nhaplieu")
    response = upload(client, name, (CSV_HEAD + csv_row("Báo cáo")).encode())
    assert response.status_code == 422
    assert fresh_site.store.awaiting_review() == []


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("../../etc/passwd.csv", "passwd.csv"),
        ("..\\..\\windows\\system32\\so-lieu.csv", "so-lieu.csv"),
        ("/etc/cron.d/so-lieu.csv", "so-lieu.csv"),
        ("....//....//so-lieu.csv", "so-lieu.csv"),
        ("so\x1b[31m-lieu\u202e.csv", "so[31m-lieu.csv"),
        ("..", None),
        ("../.csv", ".csv"),
    ],
)
def test_upload_names_never_reach_the_file_system(
    fresh_site: Site, sent: str, shown: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name is shown (its last part, printable) and recorded, never used as a path."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    client = fresh_site.client("nhaplieu")
    # Content with an error, so that the answer names the file.
    bad = (CSV_HEAD + csv_row("Báo cáo").replace("3.4", "ba phẩy tư")).encode()
    response = upload(client, sent, bad, "text/csv")
    assert_safe(response, sent)
    assert response.status_code == 422
    text = file_error(response.text)
    if shown is not None and shown != ".csv":
        assert text.startswith(shown), text
    assert "/etc" not in text
    assert "\\" not in text
    assert "chitieu-upload-" not in text  # no server path either
    good = (CSV_HEAD + csv_row("Báo cáo")).encode()
    response = upload(client, sent, good, "text/csv")
    assert response.status_code in (303, 422)
    assert list(cwd.iterdir()) == []


def test_imported_cells_take_every_payload(fresh_site: Site) -> None:
    """CSV, JSON and xlsx cells: stored verbatim or refused with a 4xx, never live markup."""
    client = fresh_site.client("nhaplieu")
    stored: list[str] = []
    for n, payload in enumerate(PAYLOADS):
        year = 2001 + n
        for kind in ("csv", "json", "xlsx"):
            if kind == "csv":
                raw = (CSV_HEAD + csv_row(payload, payload, year)).encode()
            elif kind == "json":
                item = {
                    "indicator": "urban-unemployment",
                    "area": "haiphong",
                    "period": str(year),
                    "value": 3.4,
                    "unit": "%",
                    "status": "preliminary",
                    "source_document": payload,
                    "note": payload,
                }
                raw = json.dumps([item]).encode()
            else:
                workbook = load_workbook(io.BytesIO(_xlsx_bytes(client)))
                sheet = workbook.worksheets[0]
                r = row_of(sheet, "urban-unemployment", 2024)
                sheet.cell(row=r, column=6, value=3.4)
                sheet.cell(row=r, column=7, value="sơ bộ")
                for column in (8, 9):
                    try:
                        sheet.cell(row=r, column=column, value=payload)
                    except IllegalCharacterError:  # openpyxl refuses control characters
                        sheet.cell(row=r, column=column, value=payload.replace("\x00", ""))
                buffer = io.BytesIO()
                workbook.save(buffer)
                raw = buffer.getvalue()
            # Years before 2015 need a justification (the plausibility rules).
            response = upload(client, f"o.{kind}", raw, justification="số liệu lịch sử")
            assert_safe(response, f"{kind} {payload[:20]!r}")
            assert response.status_code in (303, 409, 413, 415, 422), (kind, response.status_code)
            if response.status_code == 303 and kind != "xlsx":
                stored.append(payload)
    assert SCRIPT in stored
    assert IMG in stored
    notes = {
        o.note for o in fresh_site.store.observations("urban-unemployment", all_revisions=True)
    }
    assert set(stored) <= notes
    assert not any("\x00" in note for note in notes)
    reviewer = fresh_site.client("duyet1")
    for page in ("/review", f"/r/{XVI}/t/11", "/audit"):
        response = reviewer.get(page)
        assert_safe(response, page)
        assert not any(live in response.text for live in LIVE)


def _workbook_with(part: str, content: bytes, template: bytes) -> bytes:
    """The template with one part replaced (a hostile sheet, say)."""
    source = zipfile.ZipFile(io.BytesIO(template))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = content if item.filename == part else source.read(item.filename)
            target.writestr(item.filename, data)
    return out.getvalue()


def test_hostile_workbooks_get_a_4xx_quickly(fresh_site: Site) -> None:
    client = fresh_site.client("nhaplieu")
    template = _xlsx_bytes(client)
    sheet = next(
        n
        for n in zipfile.ZipFile(io.BytesIO(template)).namelist()
        if n.startswith("xl/worksheets/")
    )
    head = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    bomb = head + b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
    bomb += b"<sheetData>" + b" " * 100_000_000 + b"</sheetData></worksheet>"
    entities = head + (
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">'
        b'<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>'
        b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
        b"<sheetData><row r='2'><c r='A2' t='inlineStr'><is><t>&f;</t></is></c></row>"
        b"</sheetData></worksheet>"
    )
    external = head + (
        b'<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
        b"<sheetData><row r='2'><c r='A2' t='inlineStr'><is><t>&x;</t></is></c></row>"
        b"</sheetData></worksheet>"
    )
    cases = {
        "bomb": _workbook_with(sheet, bomb, template),
        "billion-laughs": _workbook_with(sheet, entities, template),
        "external-entity": _workbook_with(sheet, external, template),
        "broken-zip": template[: len(template) // 2],
    }
    assert len(cases["bomb"]) < 2_000_000  # small on the wire, 100 MB unpacked
    for name, raw in cases.items():
        started = time.monotonic()
        response = upload(client, f"{name}.xlsx", raw)
        assert_safe(response, name)
        assert 400 <= response.status_code < 500, (name, response.status_code)
        assert time.monotonic() - started < 20, name
        assert "root:" not in response.text
    assert fresh_site.store.awaiting_review() == []


@pytest.mark.parametrize(
    "fmt",
    [
        "..%2f..%2f..%2fetc%2fpasswd",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "html%00.pdf",
        "html%2f..%2f..%2fx",
        "docx%5c..%5c..%5cwin.ini",
        "exe",
    ],
)
def test_download_formats_are_a_closed_list(site: Site, fmt: str) -> None:
    client = site.client("xem")
    for kind in ("report", "export"):
        response = client.get(f"/r/{XVI}/{kind}.{fmt}")
        assert response.status_code in (400, 404), (kind, fmt, response.status_code)
        assert "root:" not in response.text
        assert "content-disposition" not in response.headers
