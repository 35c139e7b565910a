"""The noun table: keys are looked up casefolded and NFC."""

from __future__ import annotations

import unicodedata

from chitieu.core.units.catalogue import BASE_UNITS


def test_base_unit_table_is_nfc_and_casefolded() -> None:
    for key, row in BASE_UNITS.items():
        assert unicodedata.is_normalized("NFC", key)
        assert key == key.casefold()
        assert unicodedata.is_normalized("NFC", row.base_text)
