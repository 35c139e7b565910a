"""The data-entry workbook (``chitieu/template@1``): written for an agency to fill in
(:mod:`.write`), read back cell by cell (:mod:`.read`); both follow :mod:`.layout`."""

from chitieu.exchange.template_xlsx.layout import (
    COLUMNS,
    DATA_SHEET,
    FORMAT,
    HELP_SHEET,
    META_SHEET,
    STATUS_CHOICES,
    Column,
)
from chitieu.exchange.template_xlsx.read import read_xlsx
from chitieu.exchange.template_xlsx.write import (
    UnknownAgencyError,
    indicators_for,
    workbook,
    write,
)

__all__ = [
    "COLUMNS",
    "DATA_SHEET",
    "FORMAT",
    "HELP_SHEET",
    "META_SHEET",
    "STATUS_CHOICES",
    "Column",
    "UnknownAgencyError",
    "indicators_for",
    "read_xlsx",
    "workbook",
    "write",
]
