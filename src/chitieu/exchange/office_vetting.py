"""A look at an uploaded Office file (.xlsx, .docx: a zip of XML parts) before any parser.

Workbooks and Word files come from outside: a hostile one can be a zip bomb (a few KB
that expand to gigabytes), carry an XML entity attack (a DTD whose entities expand a
billion times, or that points at a file of the server) or name its parts
``../../etc/passwd``. python-calamine, openpyxl and python-docx each have some defences
(lxml without entity resolution, expat's amplification limit) but none bounds the
decompressed size, and calamine's zip reader decompresses a part to its real end rather
than to the size the directory declares. So every part is checked here first, with
limits an honest file never reaches:

* the zip directory: number of parts, names (no absolute path, no ``..``, no
  backslash, no duplicate), no encryption, only *stored* and *deflate* compression,
  declared sizes and compression ratios;
* every part is then decompressed in bounded chunks, counting: it must stop exactly at
  its declared size with the declared CRC, so a directory that lies is caught too;
* every XML part's prolog is read with expat up to its root element: a document type
  declaration (``<!DOCTYPE``, where entities live) is refused, since OOXML never has one.

Nothing is written to disk and nothing is expanded beyond the limits. (Vetting of what
comes in, not archiving: the store's dump and restore is :mod:`chitieu.store.archive`.)
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final
from xml.parsers import expat

__all__ = ["Limits", "UnsafeOfficeFileError", "vet_office_file"]

_LOCAL_HEADER: Final = struct.Struct("<4s5H3I2H")
_LOCAL_SIGNATURE: Final = b"PK\x03\x04"
_CHUNK: Final = 64 * 1024
#: How much of an XML part is read to find its root element; a prolog (XML declaration,
#: comments, processing instructions) longer than this is itself suspicious.
_PROLOG_LIMIT: Final = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """What an honest Office file stays far below (the largest data-entry template of
    the Hải Phòng resolution has 11 parts, 176 KB unpacked, ratio at most 11)."""

    max_entries: int = 1000
    max_entry_bytes: int = 64 * 1024 * 1024
    max_total_bytes: int = 128 * 1024 * 1024
    #: Compression ratio above which a part is refused once it is larger than
    #: ``ratio_floor`` (small parts compress well without being bombs).
    max_ratio: int = 100
    ratio_floor: int = 1024 * 1024


DEFAULT_LIMITS: Final = Limits()


class UnsafeOfficeFileError(ValueError):
    """The file is not a zip we are willing to open; the message says why (vi, then en)."""


class _RootReached(Exception):
    """Raised from expat's handler: the prolog is over, the rest is the parsers' job."""


def vet_office_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> int:
    """Refuse a hostile or broken zip; returns the number of parts checked."""
    try:
        archive = zipfile.ZipFile(path)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,  # "zip file version 17.3": a directory zipfile cannot read
        ValueError,
        EOFError,
        OSError,
    ) as exc:
        raise UnsafeOfficeFileError(
            f"không phải tệp zip hợp lệ (not a valid zip container): {exc}"
        ) from exc
    with archive, open(path, "rb") as raw:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise UnsafeOfficeFileError(
                f"tệp có {len(infos)} phần, giới hạn {limits.max_entries} "
                f"(the zip has {len(infos)} parts; the limit is {limits.max_entries})"
            )
        _check_directory(infos, limits)
        for info in infos:
            try:
                _check_part(raw, info)
            except OSError as exc:  # a directory pointing before the start of the file
                raise UnsafeOfficeFileError(
                    f"phần '{info.filename}' hỏng (corrupt directory entry for "
                    f"{info.filename!r}: {exc})"
                ) from exc
    return len(infos)


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        _check_name(name)
        if name.casefold() in seen:
            raise UnsafeOfficeFileError(f"phần '{name}' lặp lại (duplicate part name {name!r})")
        seen.add(name.casefold())
        if info.flag_bits & 0x41:  # bit 0 encrypted, bit 6 strong encryption
            raise UnsafeOfficeFileError(f"phần '{name}' bị mã hóa (encrypted part {name!r})")
        if info.flag_bits & 0x20:  # found by the fuzz campaign: zipfile cannot open it
            raise UnsafeOfficeFileError(
                f"phần '{name}' dùng dữ liệu vá nén (compressed patched data in {name!r})"
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnsafeOfficeFileError(
                f"phần '{name}' nén kiểu {info.compress_type} (unsupported compression "
                f"method {info.compress_type} in {name!r}; expected stored or deflate)"
            )
        if info.file_size > limits.max_entry_bytes:
            raise UnsafeOfficeFileError(
                f"phần '{name}' giải nén ra {info.file_size} byte, giới hạn "
                f"{limits.max_entry_bytes} (part {name!r} unpacks to {info.file_size} bytes; "
                f"the limit is {limits.max_entry_bytes})"
            )
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            raise UnsafeOfficeFileError(
                f"phần '{name}' nén {ratio:.0f} lần, giới hạn {limits.max_ratio} (part "
                f"{name!r} has a compression ratio of {ratio:.0f}; the limit is "
                f"{limits.max_ratio}: a zip bomb?)"
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise UnsafeOfficeFileError(
                f"tệp giải nén ra hơn {limits.max_total_bytes} byte (the parts unpack to more "
                f"than {limits.max_total_bytes} bytes)"
            )


def _check_name(name: str) -> None:
    parts = name.split("/")
    if (
        not name
        or "\x00" in name
        or "\\" in name
        or name.startswith("/")
        or ".." in parts
        or (len(name) > 1 and name[1] == ":")
    ):
        raise UnsafeOfficeFileError(
            f"tên phần không an toàn {name!r} (unsafe part name {name!r}: absolute, "
            "'..' or backslash)"
        )


def _check_part(raw: BinaryIO, info: zipfile.ZipInfo) -> None:
    """Decompress one part in bounded chunks: exact size, exact CRC, no DTD."""
    name = info.filename
    raw.seek(info.header_offset)
    header = raw.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != _LOCAL_SIGNATURE:
        raise UnsafeOfficeFileError(f"phần '{name}' hỏng (corrupt local header of {name!r})")
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
    local_name = raw.read(name_length)
    if local_name != info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437"):
        # Readers that trust the local header would see another part than we checked.
        raise UnsafeOfficeFileError(
            f"phần '{name}' mang tên khác trong tiêu đề (part {name!r} has another name, "
            f"{local_name!r}, in its local header)"
        )
    raw.seek(extra_length, 1)
    left = info.compress_size
    deflate = info.compress_type == zipfile.ZIP_DEFLATED
    decompressor = zlib.decompressobj(-zlib.MAX_WBITS) if deflate else None
    prolog = _Prolog(name) if _is_xml(name) else None
    size = 0
    crc = 0
    pending = b""
    stalled = False
    while True:
        if decompressor is not None and decompressor.unconsumed_tail:
            compressed = decompressor.unconsumed_tail
            if stalled:
                break  # no output and no input consumed: a corrupt stream, caught below
        else:
            compressed = raw.read(min(_CHUNK, left)) if left > 0 else b""
            left -= len(compressed)
            if not compressed:
                # All read, or the file ends before the part does (found by the fuzz
                # campaign: waiting for more data here looped forever).
                break
        if decompressor is None:
            data = compressed
        else:
            try:
                # At most one byte more than declared: enough to see a lie, never a bomb.
                data = decompressor.decompress(compressed, max(1, info.file_size - size + 1))
            except zlib.error as exc:
                raise UnsafeOfficeFileError(
                    f"phần '{name}' hỏng (corrupt data in {name!r})"
                ) from exc
        stalled = (
            not data and decompressor is not None and (decompressor.unconsumed_tail == compressed)
        )
        size += len(data)
        if size > info.file_size:
            raise UnsafeOfficeFileError(
                f"phần '{name}' lớn hơn kích thước khai báo (part {name!r} unpacks to more "
                f"than its declared {info.file_size} bytes)"
            )
        crc = zlib.crc32(data, crc)
        if prolog is not None and not prolog.done:
            pending += data
            if len(pending) >= _CHUNK or size == info.file_size:
                prolog.feed(pending, final=size == info.file_size)
                pending = b""
        if decompressor is not None and decompressor.eof:
            break
    if prolog is not None and not prolog.done:
        prolog.feed(pending, final=True)
    # The compressed data must end exactly where the directory says: a stream that stops
    # early, runs on, or never ends would be read differently by another reader.
    exact = left == 0 and (
        decompressor is None or (decompressor.eof and not decompressor.unused_data)
    )
    if size != info.file_size or crc != info.CRC or not exact:
        raise UnsafeOfficeFileError(
            f"phần '{name}' không khớp kích thước hoặc CRC (part {name!r} does not match its "
            "declared size or checksum)"
        )


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


class _Prolog:
    """The start of an XML part, read by expat until the root element opens."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.done = False
        self.read = 0
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self._root
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._entity

    def _root(self, *_args: object) -> None:
        raise _RootReached

    def _doctype(self, *_args: object) -> None:
        raise UnsafeOfficeFileError(
            f"phần XML '{self.name}' có khai báo DOCTYPE (XML part {self.name!r} has a "
            "document type declaration: entities are refused)"
        )

    def _entity(self, *_args: object) -> None:
        raise UnsafeOfficeFileError(
            f"phần XML '{self.name}' khai báo thực thể (XML part {self.name!r} declares an entity)"
        )

    def feed(self, data: bytes, final: bool) -> None:
        self.read += len(data)
        try:
            self.parser.Parse(data, final)
        except _RootReached:
            self.done = True
            return
        except expat.ExpatError as exc:
            raise UnsafeOfficeFileError(
                f"phần XML '{self.name}' hỏng (malformed XML in {self.name!r}: {exc})"
            ) from exc
        if final:
            self.done = True
        elif self.read > _PROLOG_LIMIT:
            raise UnsafeOfficeFileError(
                f"phần XML '{self.name}' không có phần tử gốc trong {_PROLOG_LIMIT} byte đầu "
                f"(no root element in the first {_PROLOG_LIMIT} bytes of {self.name!r})"
            )
