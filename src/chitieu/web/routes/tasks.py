"""Tasks ("5 rõ") pages: filled in once the tasks data model lands."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
