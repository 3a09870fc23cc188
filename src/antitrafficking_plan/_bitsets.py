"""Sets of positions held as Python ints: bit ``p`` is set when position ``p`` is in.

A plan's filters keep such a set for each index entry, so that restricting one selection
by another is one ``&`` (in C, n/64 machine words), a count is ``int.bit_count`` and the
first member is the lowest set bit, however many activities a selection holds. Going
between the three forms (an int, one flag byte per position, ascending positions) is done
here and only here, each way in C passes over bytes.

>>> mask = from_positions([0, 2, 3], 5)
>>> bin(mask), mask.bit_count(), lowest(mask)
('0b1101', 3, 0)
>>> positions(mask), flags(mask)
([0, 2, 3], b'\\x01\\x00\\x01\\x01')
>>> from_flags(b"\\x01\\x00\\x01\\x01") == mask
True
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from typing import TypeVar

__all__ = ["flags", "from_flags", "from_positions", "lowest", "members", "positions"]

T = TypeVar("T")

_TO_FLAGS = bytes.maketrans(b"01", b"\x00\x01")
_TO_DIGITS = b"0" + b"1" * 255  # any flag byte but 0 is a member
_ZERO, _ONE = ord("0"), ord("1")


def from_flags(flag_bytes: bytes) -> int:
    """The set of the positions whose flag byte is not 0."""
    if not flag_bytes:
        return 0
    return int(flag_bytes.translate(_TO_DIGITS)[::-1], 2)


def from_positions(found: Iterable[int], size: int) -> int:
    """The set of ``found``, positions below ``size`` (in any order, repeats allowed)."""
    digits = bytearray((_ZERO,)) * size
    deque(map(digits.__setitem__, found, repeat(_ONE)), maxlen=0)
    return int(digits[::-1], 2) if size else 0


def flags(mask: int) -> bytes:
    """One byte per position up to the highest member: 1 for a member, else 0."""
    return format(mask, "b").encode("ascii")[::-1].translate(_TO_FLAGS)


def positions(mask: int) -> list[int]:
    """The members, ascending."""
    return list(compress(range(mask.bit_length()), flags(mask)))


def members(mask: int, items: Sequence[T]) -> tuple[T, ...]:
    """The items at the members' positions, in order (every member below ``len(items)``)."""
    return tuple(compress(items, flags(mask)))


def lowest(mask: int) -> int:
    """The smallest member of a non-empty set."""
    return (mask & -mask).bit_length() - 1
