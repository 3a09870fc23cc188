"""Plain-text tables and text fitting for the command line (internal).

Widths are display columns: wide East Asian characters count two, combining marks none,
so a table that says it fits 80 columns does. Long cells are cut with ``"…"``; control
characters in data (tabs, newlines, escape sequences) are shown as spaces so a plan file
cannot move the cursor or recolour a terminal.

>>> print("\\n".join(render(["code", "text"], [["1.1.1", "a long text to cut"]], width=20)))
code   text
-----  -------------
1.1.1  a long text…
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence

__all__ = ["clean", "display_width", "field", "plural", "render", "truncate", "wrap"]

ELLIPSIS = "…"
_GAP = "  "
# Control characters, and the format characters that reorder or hide text on a terminal
# (bidirectional overrides and isolates, zero-width joiners, the byte order mark), each
# made a space (a ``str.translate`` table: no regex to compile on import).
_CONTROL = dict.fromkeys(
    (
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x206A),
        0xFEFF,
    ),
    " ",
)
#: The first column (the key) is not cut below this width.
_KEY_WIDTH = 20


def clean(text: str) -> str:
    """``text`` on one line: control characters and runs of white space become one space.

    >>> clean("  a\\u202eb\\t\\n c ")
    'a b c'
    """
    return " ".join(text.translate(_CONTROL).split())


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes."""
    if text.isascii():
        return len(text)
    return sum(_char_width(c) for c in text)


def truncate(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns, ending in ``"…"`` when cut."""
    if display_width(text) <= width:
        return text
    if width <= 0:
        return ""
    kept: list[str] = []
    used = 0
    for char in text:
        w = _char_width(char)
        if used + w > width - 1:
            break
        kept.append(char)
        used += w
    return "".join(kept).rstrip() + ELLIPSIS


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * max(width - display_width(text), 0)
    return fill + text if right else text + fill


def wrap(text: str, width: int, *, indent: str = "", first: str = "") -> list[str]:
    """``text`` (cleaned) wrapped to ``width`` columns; the first line starts with
    ``first``, the others with ``indent``. Words longer than a line are broken."""
    import textwrap  # stdlib, imported on first use: importing the package stays light

    body = clean(text)
    lines = textwrap.wrap(
        body,
        width=max(width, len(indent) + 10, len(first) + 10),
        initial_indent=first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )
    return lines or [first.rstrip()]


def plural(count: int, noun: str, plural: str | None = None) -> str:
    """``"1 activity"``, ``"2 activities"``: a count with its noun in the right number.

    >>> plural(1, "strategic objective"), plural(2, "activity", "activities")
    ('1 strategic objective', '2 activities')
    """
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"


#: The width of the label column of :func:`field`.
LABEL_WIDTH = 16


def field(label: str, value: str, width: int) -> list[str]:
    """``  label         value``: a labelled value, wrapped under itself to ``width``.

    >>> field("deadline", "Q4 2015", 40)
    ['  deadline      Q4 2015']
    """
    first = f"  {label:<{LABEL_WIDTH - 3}} "
    return wrap(value, width, first=first, indent=" " * LABEL_WIDTH)


def _fit(natural: list[int], minimum: list[int], order: Sequence[int], budget: int) -> list[int]:
    """Shrink the widest columns of ``order`` first until the widths fit ``budget``."""
    widths = list(natural)
    excess = sum(widths) - budget
    while excess > 0:
        candidates = [i for i in order if widths[i] > minimum[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return widths


def render(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    flexible: Collection[int] = (),
    right: Collection[int] = (),
    style: Callable[[str], str] | None = None,
    wrapped: Collection[int] = (),
    maximum: Mapping[int, int] | None = None,
) -> list[str]:
    """The lines of a table that fits ``width`` columns where at all possible.

    Columns are separated by two spaces, the header is underlined with dashes. When the
    table is too wide, the ``flexible`` columns (all columns when empty) shrink first,
    widest first, down to their header's width; then the others. The first column is the
    key a reader looks rows up by (a code): it is never cut below 20 columns, so codes and
    abbreviations stay whole even on a narrow terminal. Cut cells end in ``"…"``.
    ``right`` columns are right-aligned; ``style`` decorates the header line
    (applied after padding, so escape codes do not upset the widths). ``wrapped`` columns
    are never cut: their cells wrap onto more lines (a row then takes several lines), and
    may shrink below the 20 columns of the key. ``maximum`` caps the width of columns
    (column index -> columns), for a column that should leave its room to the others.
    """
    count = len(headers)
    cells = [[clean(str(c)) for c in row] for row in rows]
    heads = [clean(h) for h in headers]
    natural = [
        max([display_width(heads[i]), *(display_width(row[i]) for row in cells)])
        for i in range(count)
    ]
    minimum = [min(natural[i], max(display_width(heads[i]), 3)) for i in range(count)]
    if count and 0 not in wrapped:
        minimum[0] = min(natural[0], max(minimum[0], _KEY_WIDTH))
    for i, cap in (maximum or {}).items():
        natural[i] = max(min(natural[i], cap), minimum[i] if i not in wrapped else 1)
        minimum[i] = min(minimum[i], natural[i])
    budget = width - len(_GAP) * (count - 1)
    flex = [i for i in range(count) if i in flexible] or list(range(count))
    widths = _fit(natural, minimum, flex, budget)
    widths = _fit(widths, minimum, range(count), budget)

    def line(values: Sequence[str]) -> str:
        parts = [_pad(truncate(v, widths[i]), widths[i], i in right) for i, v in enumerate(values)]
        return _GAP.join(parts).rstrip()

    def row_lines(values: Sequence[str]) -> list[str]:
        if not any(i in wrapped and display_width(v) > widths[i] for i, v in enumerate(values)):
            return [line(values)]
        import textwrap

        pieces = [
            textwrap.wrap(v, max(widths[i], 1)) or [""] if i in wrapped else [v]
            for i, v in enumerate(values)
        ]
        depth = max(len(p) for p in pieces)
        return [line([p[k] if k < len(p) else "" for p in pieces]) for k in range(depth)]

    head = line(heads)
    lines = [style(head) if style is not None else head]
    lines.append(_GAP.join("-" * w for w in widths))
    for row in cells:
        lines.extend(row_lines(row))
    return lines
