"""The base of the library's enums: members are their text values (``str(x) == x.value``),
so they compare equal to, serialize as and print as that text (``enum.StrEnum`` arrived only
in Python 3.11)."""

from __future__ import annotations

import enum

__all__ = ["TextEnum"]


class TextEnum(str, enum.Enum):
    """A ``str`` enum whose ``str()`` is its value."""

    def __str__(self) -> str:
        return str(self.value)
