"""Figures as a long CSV, one row per figure: read (with every problem at its line and
column) and written back in the same format (docs/definition-format.md)."""

from chitieu.exchange.figures_csv.columns import (
    COLUMNS,
    QUALIFIER_ALIASES,
    REQUIRED_COLUMNS,
    STATUS_ALIASES,
    format_period,
)
from chitieu.exchange.figures_csv.read import load_observations_csv, load_observations_text
from chitieu.exchange.figures_csv.write import to_csv

__all__ = [
    "COLUMNS",
    "QUALIFIER_ALIASES",
    "REQUIRED_COLUMNS",
    "STATUS_ALIASES",
    "format_period",
    "load_observations_csv",
    "load_observations_text",
    "to_csv",
]
