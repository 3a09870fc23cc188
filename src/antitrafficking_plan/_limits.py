"""The limits on what users hand the library, in one place.

Every limit is far above anything a real plan holds and far below what would make a call
slow or a file unusable; input beyond one is refused at once with a clear error:

* :data:`MAX_LOOKUP_CHARS` (200 characters, the same as for deadline text): institution
  names, codes and aliases looked up (``plan.institution``, ``registry.lookup``/``get``),
  activity and objective codes (``plan.activity``, ``acts.lookup``/``get``/``acts[code]``,
  ``plan.objective``) and search text (``acts.search``) —
  :class:`~antitrafficking_plan.errors.LookupTooLongError`. The longest name in the
  bundled plan has 104 characters; a plan may hold longer names, which are then found by
  their code or an alias. Within the limit the slowest lookup (suggestions for a long
  unknown name) takes a fraction of a second.
* ``MAX_DEADLINE_LENGTH`` (200 characters, in :mod:`antitrafficking_plan.deadline`):
  deadline text given to ``parse_deadline`` —
  :class:`~antitrafficking_plan.errors.DeadlineParseError`.
* ``MAX_WHOLE_NUMBER`` (10**15, in :mod:`antitrafficking_plan._checks`): every whole
  number of a plan (amounts, source lines, cost blocks); it fits a 64-bit integer and a
  double exactly, so data frames and JSON readers in other languages read it unchanged.
* ``MAX_PLAN_BYTES`` (512 MiB, in :mod:`antitrafficking_plan.codec`): a plan file or
  stream; reading stops one byte past it.

>>> check_lookup("MLSW", "institution name")
>>> check_lookup("x" * 201, "search text")
Traceback (most recent call last):
...
antitrafficking_plan.errors.LookupTooLongError: search text of 201 characters is longer than the 200 a lookup accepts
"""  # noqa: E501

from __future__ import annotations

from .errors import LookupTooLongError

__all__ = ["MAX_LOOKUP_CHARS", "check_lookup"]

#: The most characters any lookup text (name, code, search text) may have.
MAX_LOOKUP_CHARS = 200


def check_lookup(text: str, kind: str) -> None:
    """Refuse lookup ``text`` longer than :data:`MAX_LOOKUP_CHARS` (``kind`` names what
    it was meant to find, for the message)."""
    if len(text) > MAX_LOOKUP_CHARS:
        raise LookupTooLongError(kind, len(text), MAX_LOOKUP_CHARS)
