"""Charts: print resolution, and what they show (observed, path, band, projection)."""

from __future__ import annotations

import struct

from chitieu.reports import charts
from chitieu.services import reports
from chitieu.store import Store

from .conftest import XVI


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_headline_charts_of_xvi(loaded_store: Store) -> None:
    built = reports.build_content(loaded_store, XVI, as_of=2024)
    by_id = {c.target_id: c for c in built.charts}
    exports = by_id["6"]
    assert exports.observed[0] == (2020, 18.92)
    assert exports.observed[-1] == (2024, 33.25)
    assert exports.target_value == 35.0
    # required path: compound growth from 18,92 (2020) to 35 (2025)
    assert exports.path[0] == (2020, 18.92)
    assert abs(exports.path[-1][1] - 35.0) < 1e-9
    assert exports.projection is not None
    assert exports.projection[0] == 2025
    # budget revenue: a range target gets a band
    assert by_id["4"].band == (180000.0, 190000.0)


def test_png_at_print_resolution(loaded_store: Store) -> None:
    built = reports.build_content(loaded_store, XVI, as_of=2024)
    width, height = _png_size(charts.png(built.charts[0]))
    assert (width, height) == (
        int(charts.SIZE_INCHES[0] * charts.PRINT_DPI),
        int(charts.SIZE_INCHES[1] * charts.PRINT_DPI),
    )
