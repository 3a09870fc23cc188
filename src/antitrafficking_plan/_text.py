"""Folding text for comparison: the one rule that search and name lookup share; how close
two texts are, for the suggestions in error messages."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

__all__ = ["close_matches", "fold_text", "similarity"]

#: Characters met so far that folding drops (combining marks, ``unicodedata.combining``
#: non-zero) mapped to None, and those it keeps mapped to themselves: a ``str.translate``
#: table that grows as new characters are seen, so each character is classified once.
_DROP: dict[int, int | None] = {}


#: ASCII whitespace other than the space (``str.isspace`` and the regex ``\\s`` agree).
_OTHER_ASCII_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
_TO_SPACE = str.maketrans(_OTHER_ASCII_SPACES, " " * len(_OTHER_ASCII_SPACES))


def _fold_ascii(text: str) -> str:
    """The fold of ASCII text: case folded (``lower`` is ``casefold`` on ASCII), runs of
    whitespace made one space, ends stripped. Long text (a whole plan's, for search) is
    not split into words: its other whitespace is made spaces and runs of spaces are
    halved until none is left, each step one call in C."""
    lower = text.lower()
    if len(lower) <= 256:
        return " ".join(lower.split())
    if any(space in lower for space in _OTHER_ASCII_SPACES):
        lower = lower.translate(_TO_SPACE)
    while "  " in lower:
        lower = lower.replace("  ", " ")
    return lower.strip(" ")


def fold_text(text: str) -> str:
    """Text folded for comparing: accents dropped, case folded, runs of spaces made one.

    ASCII text (the common case) takes a fast path with the same result.

    >>> fold_text("  Shtëpi   SIGURT ") == fold_text("shtepi sigurt")
    True
    """
    if text.isascii():
        return _fold_ascii(text)
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return _fold_ascii(decomposed)
    table = _DROP
    for char in set(decomposed):
        if ord(char) not in table:
            table[ord(char)] = None if unicodedata.combining(char) else ord(char)
    return " ".join(decomposed.translate(table).casefold().split())


def close_matches(word: str, candidates: Iterable[str], cutoff: float) -> list[str]:
    """Up to three of ``candidates`` at least ``cutoff`` similar to ``word``, closest first
    (:func:`difflib.get_close_matches`; :mod:`difflib` is imported on first use, when an
    error message needs suggestions, so importing the package stays light).

    >>> close_matches("2.3.9", ["2.3.8", "1.1.1"], 0.5)
    ['2.3.8']
    """
    import difflib

    return difflib.get_close_matches(word, list(candidates), n=3, cutoff=cutoff)


def similarity(a: str, b: str) -> float:
    """How similar ``a`` and ``b`` are, from 0.0 to 1.0
    (:meth:`difflib.SequenceMatcher.ratio`).

    >>> similarity("mlsw", "mlsw"), similarity("abc", "xyz")
    (1.0, 0.0)
    """
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio()
