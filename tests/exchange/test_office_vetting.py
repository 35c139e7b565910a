"""Hostile workbooks and Word files: refused with a clear message before anything big is
expanded, on every path that opens them (service, CLI, web upload).

Each file is built here, byte by byte where a library would refuse to write it: zip bombs
(a huge ratio, a huge declared size, a directory that lies about the size, too many
parts, too much in total), XML entity attacks (billion laughs, an external entity) in the
sheet and in the shared strings, a file that is no zip, unsafe part names, encryption
and an unknown compression method.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from chitieu.cli.main import main
from chitieu.definitions.errors import DefinitionError
from chitieu.documents import read_document
from chitieu.exchange.office_vetting import (
    DEFAULT_LIMITS,
    UnsafeOfficeFileError,
    _check_part,
    vet_office_file,
)
from chitieu.exchange.template_xlsx import read as xlsx_read
from chitieu.exchange.template_xlsx import read_xlsx
from chitieu.services import exchange
from chitieu.store import Store
from tests.web.conftest import (  # noqa: F401  (fixtures of the web tests)
    XVI,
    Site,
    csrf_of,
    site,
    template,
)

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
#: What every refusal must cost at most (an honest 20 KB template reads in ~0,03 s; a bomb
#: expanded would take minutes and gigabytes).
QUICK = 5.0

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    "</sheetData></worksheet>"
)
EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="1"><si><t>&xxe;</t></si></sst>'
)


@pytest.fixture(scope="module")
def honest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The parts of a real data-entry workbook (the Hải Phòng 2020-2025 template)."""
    from fuzz.targets import template_parts

    return dict(template_parts())


def zipped(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def patch(blob: bytes, name: str, **fields: int) -> bytes:
    """Rewrite fields of ``name``'s local and central headers (what zipfile won't write)."""
    data = bytearray(blob)
    encoded = name.encode()
    # (local offset, central offset, struct format) of each header field
    layout = {
        "flags": (6, 8, "<H"),
        "method": (8, 10, "<H"),
        "csize": (18, 20, "<I"),
        "size": (22, 24, "<I"),
    }
    for signature, which in ((b"PK\x03\x04", 0), (b"PK\x01\x02", 1)):
        name_at = 30 if which == 0 else 46
        start = 0
        while (at := data.find(signature, start)) >= 0:
            start = at + 4
            if bytes(data[at + name_at : at + name_at + len(encoded)]) != encoded:
                continue
            for key, value in fields.items():
                offset, fmt = layout[key][which], layout[key][2]
                struct.pack_into(fmt, data, at + offset, value)
    return bytes(data)


def refusal(path: Path) -> str:
    """The message read_xlsx refuses ``path`` with, checked to come quickly."""
    begin = time.perf_counter()
    with pytest.raises(DefinitionError) as caught:
        read_xlsx(path, {}, [], this_year=2025)
    assert time.perf_counter() - begin < QUICK
    return str(caught.value)


def write(tmp_path: Path, blob: bytes, name: str = "mau.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(blob)
    return path


def test_the_honest_template_passes_the_check(honest: dict[str, bytes], tmp_path: Path) -> None:
    path = write(tmp_path, zipped(honest))
    assert vet_office_file(path) == len(honest)
    stored = write(tmp_path, zipped(honest, zipfile.ZIP_STORED), "stored.xlsx")
    assert vet_office_file(stored) == len(honest)


def test_a_compression_bomb_is_refused_by_its_ratio(
    honest: dict[str, bytes], tmp_path: Path
) -> None:
    # 20 MB of one repeated row compress about 1000 times: far beyond any real sheet.
    parts = dict(honest)
    parts[SHEET] = honest[SHEET][:-30] + b"<row/>" * 3_500_000 + honest[SHEET][-30:]
    message = refusal(write(tmp_path, zipped(parts)))
    assert "compression ratio" in message
    assert SHEET in message


def test_a_huge_declared_size_is_refused_before_decompressing(
    honest: dict[str, bytes], tmp_path: Path
) -> None:
    blob = patch(zipped(honest), SHEET, size=0xFFFF_FFF0)
    message = refusal(write(tmp_path, blob))
    assert f"unpacks to {0xFFFF_FFF0} bytes; the limit is {DEFAULT_LIMITS.max_entry_bytes}" in (
        message
    )


def test_a_directory_that_understates_the_size_is_caught_while_reading(
    honest: dict[str, bytes], tmp_path: Path
) -> None:
    # The bomb's directory claims 1 000 bytes: the ratio check cannot see it, the bounded
    # decompression does, after reading 1 001 bytes instead of 30 MB.
    parts = dict(honest)
    parts[SHEET] = honest[SHEET][:-30] + b"<row/>" * 5_000_000 + honest[SHEET][-30:]
    blob = patch(zipped(parts), SHEET, size=1000)
    message = refusal(write(tmp_path, blob))
    assert "unpacks to more than its declared 1000 bytes" in message


def test_a_part_running_past_the_end_of_the_file(honest: dict[str, bytes], tmp_path: Path) -> None:
    # The directory says the compressed sheet is 10 MB long; the file ends long before.
    # (Found by the fuzz campaign: the check waited for more data forever.)
    blob = patch(zipped(honest), SHEET, csize=10_000_000)
    message = refusal(write(tmp_path, blob))
    assert "does not match its declared size or checksum" in message


def test_a_deflate_stream_that_never_ends(tmp_path: Path) -> None:
    # No final block, and a directory promising more data than the file holds: the check
    # must stop at the end of the file rather than wait for the stream's end.
    data = b"<x/>" * 1000
    compressor = zlib.compressobj(wbits=-15)
    stream = compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)
    info = zipfile.ZipInfo("a.xml")
    info.compress_type = zipfile.ZIP_DEFLATED
    info.header_offset = 0
    info.file_size, info.compress_size, info.CRC = len(data), len(stream) + 1000, zlib.crc32(data)
    header = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, 0, 0, 0, 5, 0) + b"a.xml"
    begin = time.perf_counter()
    with pytest.raises(UnsafeOfficeFileError, match="does not match its declared size"):
        _check_part(io.BytesIO(header + stream), info)
    assert time.perf_counter() - begin < QUICK


def test_too_many_parts_and_too_much_in_total(honest: dict[str, bytes], tmp_path: Path) -> None:
    many = dict(honest) | {f"xl/media/x{i}.bin": b"" for i in range(DEFAULT_LIMITS.max_entries)}
    assert "the limit is 1000" in refusal(write(tmp_path, zipped(many), "many.xlsx"))
    blob = zipped(honest | {"a.bin": b"a", "b.bin": b"b", "c.bin": b"c"})
    for name in ("a.bin", "b.bin", "c.bin"):
        # A plausible ratio (2), each part under the part limit, together over the total.
        size = DEFAULT_LIMITS.max_entry_bytes - 1
        blob = patch(blob, name, size=size, csize=size // 2)
    assert "the parts unpack to more than" in refusal(write(tmp_path, blob, "total.xlsx"))


@pytest.mark.parametrize(("part", "xml"), [(SHEET, LAUGHS), (STRINGS, LAUGHS), (STRINGS, EXTERNAL)])
def test_entity_attacks_are_refused(
    honest: dict[str, bytes], tmp_path: Path, part: str, xml: str
) -> None:
    parts = dict(honest) | {part: xml.encode()}
    message = refusal(write(tmp_path, zipped(parts)))
    assert f"XML part {part!r} has a document type declaration" in message


def test_an_entity_declared_in_utf16_is_seen_too(honest: dict[str, bytes], tmp_path: Path) -> None:
    xml = LAUGHS.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    parts = dict(honest) | {SHEET: xml.encode("utf-16")}
    assert "document type declaration" in refusal(write(tmp_path, zipped(parts)))


@pytest.mark.parametrize(
    ("extra", "reaches"),
    [
        # One cell far away: calamine would allocate the rectangle up to it and abort
        # the whole process (found by the fuzz campaign: "memory allocation of
        # 549755813888 bytes failed").
        ('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "row 1048576, column 0"),
        ('<row r="12"><c r="XFD12"><v>1</v></c></row>', "row 12, column 16384"),
        ('<row><c r="A9999999"><v>1</v></c></row>', "row 9999999, column 1"),
        ('<row r="12">' + "<c><v>1</v></c>" * 70 + "</row>", "row 12, column 65"),
    ],
    ids=["far-row", "far-cell", "far-cell-in-unnumbered-row", "wide-row"],
)
def test_a_sheet_reaching_too_far_is_refused_before_calamine(
    honest: dict[str, bytes], tmp_path: Path, extra: str, reaches: str
) -> None:
    parts = dict(honest)
    parts[SHEET] = honest[SHEET].replace(b"</sheetData>", extra.encode() + b"</sheetData>")
    message = refusal(write(tmp_path, zipped(parts)))
    limit = f"the limit is {xlsx_read.MAX_ROWS + 1} rows and {xlsx_read.MAX_COLUMNS} columns"
    assert f"reaches {reaches}; {limit}" in message


def test_an_unreadable_cell_reference_is_refused(honest: dict[str, bytes], tmp_path: Path) -> None:
    # Found by the fuzz campaign: "F999…91" passed as "no reference" and calamine, reading
    # it its own way, aborted the process ("memory allocation of 1236950578656 bytes").
    reference = "F" + "9" * 70 + "1"
    parts = dict(honest)
    parts[SHEET] = honest[SHEET].replace(b'r="F1"', f'r="{reference}"'.encode(), 1)
    assert parts[SHEET] != honest[SHEET]
    assert "unreadable cell reference" in refusal(write(tmp_path, zipped(parts)))


def test_a_dimension_reaching_too_far_is_refused(honest: dict[str, bytes], tmp_path: Path) -> None:
    parts = dict(honest)
    sheet = honest[SHEET].decode()
    parts[SHEET] = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', sheet)
    parts[SHEET] = parts[SHEET].encode()  # type: ignore[union-attr]
    assert "reaches row 1048576, column 16384" in refusal(write(tmp_path, zipped(parts)))


def test_a_file_that_is_not_a_zip(tmp_path: Path) -> None:
    path = write(tmp_path, "Mã chỉ tiêu,Giá trị\ngrdp,1\n".encode(), "bang.xlsx")
    assert refusal(path) == (
        "bang.xlsx: không phải tệp Excel .xlsx hoặc tệp bị hỏng (not an .xlsx workbook, or corrupt)"
    )


@pytest.mark.parametrize(
    "name", ["../../../tmp/evil.xml", "/etc/cron.d/evil", "xl\\..\\evil.xml", "C:/evil.xml"]
)
def test_unsafe_part_names(honest: dict[str, bytes], tmp_path: Path, name: str) -> None:
    blob = zipped(dict(honest) | {name: b"<x/>"})
    message = refusal(write(tmp_path, blob))
    assert f"unsafe part name {name!r}" in message


def test_duplicate_encrypted_and_unknown_compression(
    honest: dict[str, bytes], tmp_path: Path
) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in honest.items():
            archive.writestr(name, data)
        with pytest.warns(UserWarning, match="Duplicate"):
            archive.writestr(SHEET, b"<worksheet/>")
    assert "duplicate part name" in refusal(write(tmp_path, out.getvalue(), "dup.xlsx"))
    encrypted = patch(zipped(honest), SHEET, flags=1)
    assert "encrypted part" in refusal(write(tmp_path, encrypted, "enc.xlsx"))
    # Found by the fuzz campaign: zipfile raised NotImplementedError on flag bit 5.
    patched = patch(zipped(honest), SHEET, flags=0x20)
    assert "compressed patched data" in refusal(write(tmp_path, patched, "patched.xlsx"))
    bzip = zipped(honest | {"x.bin": b"x" * 100}, zipfile.ZIP_BZIP2)
    assert "unsupported compression method 12" in refusal(write(tmp_path, bzip, "bz.xlsx"))


def test_a_local_header_that_names_another_part(honest: dict[str, bytes], tmp_path: Path) -> None:
    # Readers that trust the local header would read "sheet9" where we checked "sheet1".
    blob = bytearray(zipped(honest))
    at = blob.find(b"PK\x03\x04")
    while blob[at + 30 : at + 30 + len(SHEET)] != SHEET.encode():
        at = blob.find(b"PK\x03\x04", at + 4)
    blob[at + 30 : at + 30 + len(SHEET)] = SHEET.replace("sheet1", "sheet9").encode()
    assert "in its local header" in refusal(write(tmp_path, bytes(blob)))


def test_a_corrupt_deflate_stream(honest: dict[str, bytes], tmp_path: Path) -> None:
    blob = bytearray(zipped(honest))
    at = blob.find(b"PK\x03\x04", blob.find(SHEET.encode()) - 40)
    body = at + 30 + len(SHEET)
    blob[body : body + 40] = b"\xff" * 40
    message = refusal(write(tmp_path, bytes(blob)))
    assert "corrupt" in message or "checksum" in message


def test_the_check_itself_names_the_problem(tmp_path: Path) -> None:
    with pytest.raises(UnsafeOfficeFileError, match="not a valid zip container"):
        vet_office_file(write(tmp_path, b"hello", "x.xlsx"))
    assert zlib.crc32(b"") == 0  # the empty part: size 0 and CRC 0 are consistent
    empty = write(tmp_path, zipped({"a.bin": b""}), "empty.zip")
    assert vet_office_file(empty) == 1


# ---------------------------------------------------------------------------- the ways in


def bomb(honest: dict[str, bytes]) -> bytes:
    return zipped(dict(honest) | {STRINGS: LAUGHS.encode()})


def test_service_and_cli_refuse_with_a_message(
    honest: dict[str, bytes], loaded_url: str, tmp_path: Path
) -> None:
    path = write(tmp_path, bomb(honest), "bom.xlsx")
    with Store.open(loaded_url) as store:
        before = len(store.observations())
        with pytest.raises(DefinitionError, match="document type declaration"):
            exchange.import_file(store, path)
    result = CliRunner().invoke(main, ["--database-url", loaded_url, "import", str(path)])
    assert result.exit_code != 0
    assert "bom.xlsx" in result.output
    assert "document type declaration" in result.output
    assert "Traceback" not in result.output
    with Store.open(loaded_url) as store:
        assert len(store.observations()) == before


def test_web_upload_refuses_with_422(honest: dict[str, bytes], site: Site) -> None:  # noqa: F811
    client = site.client("nhaplieu")
    before = len(site.store.observations())
    response = client.post(
        f"/r/{XVI}/upload",
        data={"csrf_token": csrf_of(client, f"/r/{XVI}/entry")},
        files={"file": ("bom.xlsx", bomb(honest), "application/octet-stream")},
    )
    assert response.status_code == 422
    message = re.search(r'id="err-file"[^>]*>(.*?)</p>', response.text, re.S)
    assert message is not None
    # One plain Vietnamese sentence, keeping the technical reason for whoever looks into it.
    assert "Tệp Excel bị từ chối vì có cấu trúc không an toàn" in message.group(1)
    assert "document type declaration" in message.group(1)
    assert len(site.store.observations()) == before


# ---------------------------------------------------------------------------- Word files


def docx_parts(tmp_path: Path) -> dict[str, bytes]:
    document = Document()
    document.add_paragraph("Các chỉ tiêu chủ yếu")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


@pytest.mark.parametrize(
    "spoil",
    [
        lambda p: p | {"word/document.xml": LAUGHS.encode()},
        lambda p: p | {"../evil.xml": b"<x/>"},
        lambda p: (
            p
            | {
                "word/document.xml": p["word/document.xml"][:-20]
                + b" " * 30_000_000
                + b"</w:document>"
            }
        ),
    ],
    ids=["billion-laughs", "path-traversal", "ratio-bomb"],
)
def test_hostile_word_files_are_refused(
    tmp_path: Path, spoil: Callable[[dict[str, bytes]], dict[str, bytes]]
) -> None:
    honest = docx_parts(tmp_path)
    good = write(tmp_path, zipped(honest), "good.docx")
    assert "Các chỉ tiêu chủ yếu" in read_document(good)
    bad = write(tmp_path, zipped(spoil(dict(honest))), "bad.docx")
    begin = time.perf_counter()
    with pytest.raises(ValueError, match=r"bad\.docx") as caught:
        read_document(bad)
    assert time.perf_counter() - begin < QUICK
    assert "Word file refused" in str(caught.value)
