"""Errors raised by the store. Messages name the row, indicator or area at fault."""

from __future__ import annotations


class StoreError(Exception):
    """A request the store refused; nothing was written."""


class NotFoundError(StoreError, KeyError):
    """No such resolution (or other keyed object) in the store."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ConflictError(StoreError):
    """The request contradicts what is stored (e.g. an indicator with another unit)."""
