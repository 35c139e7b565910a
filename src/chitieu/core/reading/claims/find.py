"""Every figure-backed claim of a text: the claim phrases of each sentence, checked."""

from __future__ import annotations

import re

from chitieu.core.reading.claims.growth import growth_claims
from chitieu.core.reading.claims.records import Claim, ClaimKind
from chitieu.core.reading.claims.relative import CHANGE, PERCENT_OF, RATIO, relative_claim
from chitieu.core.reading.claims.sentence import Sentence, bounded, fraction_after, reference_end
from chitieu.core.reading.claims.shares import SHARE, bare_fraction, fraction_claim, share_claim
from chitieu.core.reading.figures import scan
from chitieu.core.reading.text import paren_depths, sentences

__all__ = ["find_claims"]


def find_claims(
    text: str,
    start: int = 0,
    end: int | None = None,
    exclude: tuple[tuple[int, int], ...] = (),
) -> list[Claim]:
    """Every figure-backed claim of ``text[start:end]`` (normalised text), in order.

    ``exclude`` holds spans to skip, such as the targets section: a target ("tăng bình
    quân tối thiểu 16%/năm") states a commitment, not a fact to recompute.
    """
    claims: list[Claim] = []
    for whole in sentences(text, start, end):
        if any(a <= whole.start < b for a, b in exclude):
            continue
        for span in bounded(text, whole):
            found = scan(text, span.start, span.end)
            sentence = Sentence(span, text, found, paren_depths(text, span.start, span.end))
            claims.extend(_sentence_claims(sentence))
    return claims


def _sentence_claims(s: Sentence) -> list[Claim]:
    text, lo, hi = s.text, s.span.start, s.span.end
    triggers: list[tuple[int, int, ClaimKind, re.Match[str]]] = []
    for kind, pattern in (
        (ClaimKind.RATIO, RATIO),
        (ClaimKind.PERCENT_OF, PERCENT_OF),
        (ClaimKind.SHARE, SHARE),
        (ClaimKind.CHANGE, CHANGE),
    ):
        for m in pattern.finditer(text, lo, hi):
            triggers.append((m.start(), m.end(), kind, m))
    triggers.sort(key=lambda t: t[0])
    # Stated values of relative claims are not figures of their own; a share's stated
    # percentage is ("chiếm 25% …, cao hơn 2 lần bình quân chung cả nước (12%)").
    stated_spans = frozenset(
        m.start("num") for _s, _e, k, m in triggers if k is not ClaimKind.SHARE
    )
    claims: list[Claim] = []
    used_fractions: set[int] = set()
    for index, (t_start, t_end, kind, m) in enumerate(triggers):
        following = next((t[0] for t in triggers[index + 1 :] if t[0] > t_start), hi)
        zone_end = reference_end(s, t_end, following)
        fraction = fraction_after(s, t_end)
        if fraction is not None and kind in (ClaimKind.SHARE, ClaimKind.PERCENT_OF):
            used_fractions.add(fraction.start)
            claims.append(fraction_claim(s, fraction, m, t_start, t_end))
            continue
        if kind is ClaimKind.SHARE:
            claims.append(share_claim(s, m, t_start, t_end, zone_end, stated_spans))
        else:
            claims.append(relative_claim(s, kind, m, t_start, t_end, zone_end, stated_spans))
    for fraction in s.found.fractions:
        if fraction.start in used_fractions:
            continue
        claim = bare_fraction(s, fraction)
        if claim is not None:
            claims.append(claim)
    claims.extend(growth_claims(s, claims))
    return sorted(claims, key=lambda c: c.start)
