"""Folding text for comparison: the one rule that search and name lookup share."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_text"]

_SPACES = re.compile(r"\s+")


def fold_text(text: str) -> str:
    """Text folded for comparing: accents dropped, case folded, runs of spaces made one.

    >>> fold_text("  Shtëpi   SIGURT ") == fold_text("shtepi sigurt")
    True
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.casefold()).strip()
