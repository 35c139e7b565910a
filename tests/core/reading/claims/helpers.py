"""The one claim an invented sentence makes."""

from __future__ import annotations

from chitieu.core.reading import Claim, find_claims, normalise


def one(text: str) -> Claim:
    """The only claim of ``text``; fails when there is none or more than one."""
    claims = find_claims(normalise(text))
    assert len(claims) == 1, claims
    return claims[0]
