"""The library's exceptions: one small hierarchy, all exported from the package root.

>>> from antitrafficking_plan import parse_deadline, DeadlineParseError
>>> try:
...     parse_deadline("soon")
... except DeadlineParseError as err:
...     print(type(err).__name__, isinstance(err, ValueError))
DeadlineParseError True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from attrs import frozen

__all__ = [
    "CellProblem",
    "CrosswalkError",
    "DeadlineParseError",
    "LookupTooLongError",
    "PlanError",
    "PlanFormatError",
    "PlanIntegrityError",
    "PlanLoadError",
    "PlanTableError",
    "PlanWriteError",
    "StatusLoadError",
    "StatusWordError",
    "UnknownNameError",
]


class PlanError(Exception):
    """Base class of every error this library raises on purpose."""


class DeadlineParseError(PlanError, ValueError):
    """Deadline text that cannot be read, or reads two ways.

    ``text`` is the input as given; the message quotes it and names the accepted forms.
    """

    def __init__(self, message: str, *, text: str) -> None:
        super().__init__(message)
        self.text = text

    def __reduce__(self) -> tuple[Any, ...]:
        # ``text`` is keyword-only, so the default (``cls(*args)``) cannot rebuild it.
        return (partial(type(self), text=self.text), self.args)


class PlanLoadError(PlanError, ValueError):
    """A plan file (or plan data) that is missing, unreadable or invalid.

    ``problems`` lists every problem found, each naming where it is (the JSON path of the
    field, or line and column for JSON syntax errors) and what is accepted.
    """

    def __init__(self, message: str, *, problems: Iterable[str] = ()) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        self._summary = message
        if self.problems:
            listed = "\n".join(f"  - {p}" for p in self.problems)
            message = f"{message}\n{listed}"
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (partial(type(self), problems=self.problems), (self._summary,))


def _shown_value(value: str) -> str:
    return repr(value) if len(value) <= 60 else repr(value[:57] + "...")


@frozen
class CellProblem:
    """One problem of a spreadsheet, CSV file or data package, as data.

    ``sheet`` is the sheet (or the file, or the package's resource), ``row`` the row
    number as a spreadsheet shows it (the header row is 1; ``None`` for the sheet as a
    whole), ``column`` the column's header as written (``None`` for a whole row or
    sheet), ``value`` the cell's text (``None`` for an empty or absent cell),
    ``message`` what is wrong and what is accepted, ``suggestions`` close known values.

    >>> print(CellProblem("activities", 5, "deadline", "soon", "not a deadline"))
    activities, row 5, column 'deadline': not a deadline (the cell holds 'soon')
    """

    sheet: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    suggestions: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = [self.sheet]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        text = f"{', '.join(where)}: {self.message}"
        if self.value is not None:
            text += f" (the cell holds {_shown_value(self.value)})"
        if self.suggestions:
            text += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        return text


class PlanTableError(PlanLoadError):
    """A spreadsheet, CSV file or data package that does not hold a valid plan.

    ``cell_problems`` lists every problem as a :class:`CellProblem` (sheet, row, column,
    value, message, suggestions); ``problems`` holds the same as text, one line each.
    """

    def __init__(self, message: str, *, cell_problems: Sequence[CellProblem] = ()) -> None:
        self.cell_problems: tuple[CellProblem, ...] = tuple(cell_problems)
        super().__init__(message, problems=[str(p) for p in self.cell_problems])

    def __reduce__(self) -> tuple[Any, ...]:
        return (partial(type(self), cell_problems=self.cell_problems), (self._summary,))


class PlanFormatError(PlanError, ValueError):
    """A plan file format that is unknown, or that cannot be told from a path (give
    ``format=``), when writing a plan."""


class PlanIntegrityError(PlanError, ValueError):
    """A :class:`~antitrafficking_plan.Plan` built in code that would break its integrity
    rules (duplicate codes, objectives or activities outside the hierarchy, institutions
    not in the registry). ``problems`` lists every one; the file loader reports the same
    rules, with JSON paths, in a :class:`PlanLoadError`.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("invalid plan: " + "; ".join(self.problems))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


class UnknownNameError(PlanError, KeyError):
    """A name that matches no institution, objective or activity code.

    ``kind`` says what was looked up ("institution", "objective", "activity"), ``name``
    what was asked for and ``suggestions`` the closest known names (possibly empty).
    """

    def __init__(
        self, kind: str, name: str, suggestions: Sequence[str] = (), *, hint: str = ""
    ) -> None:
        self.kind = kind
        self.name = name
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        #: What to do instead, when the name is of another kind ("'2.3' is an objective").
        self.hint = hint
        super().__init__(name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (partial(type(self), hint=self.hint), (self.kind, self.name, self.suggestions))

    def __str__(self) -> str:
        message = f"unknown {self.kind} {self.name!r}"
        if self.hint:
            message += f"; {self.hint}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        return message


class StatusWordError(PlanError, ValueError):
    """A status word that is not on the documented scale or synonym list, or that reads
    two ways ("not implemented": not started, or started but not finished).

    ``word`` is the text as given; ``readings`` names the possible readings of an
    ambiguous word (empty for an unknown one); the message lists the accepted words.
    """

    def __init__(self, message: str, *, word: str, readings: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.word = word
        self.readings: tuple[str, ...] = tuple(readings)

    def __reduce__(self) -> tuple[Any, ...]:
        return (partial(type(self), word=self.word, readings=self.readings), self.args)


class CrosswalkError(PlanError, ValueError):
    """A status that has no single counterpart on another scale (OGP, IATI).

    ``candidates`` names every value it could map to (empty when there is none).
    """

    def __init__(self, message: str, *, candidates: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.candidates: tuple[str, ...] = tuple(candidates)

    def __reduce__(self) -> tuple[Any, ...]:
        return (partial(type(self), candidates=self.candidates), self.args)


class StatusLoadError(PlanLoadError):
    """A status file (or status data) that is missing, unreadable or invalid.

    ``problems`` lists every problem found, each naming the file, the row and the column
    (or the JSON path) and what is accepted. A :class:`PlanLoadError`, so code that
    reports bad input files handles both the same way.
    """


class PlanWriteError(PlanError, OSError):
    """A file that could not be written: ``path`` as given and ``reason`` saying why (the
    target exists and is not a regular file, the folder is missing or read-only, the disk
    is full ...). The target is left as it was. It is also an :class:`OSError`, so
    ``except OSError`` keeps working.

    >>> str(PlanWriteError("/dev/full", "no space left on device"))
    'cannot write /dev/full: no space left on device'
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.reason))


class LookupTooLongError(PlanError, ValueError):
    """Lookup text (an institution name, an activity or objective code, search text)
    longer than the limit (:data:`antitrafficking_plan._limits.MAX_LOOKUP_CHARS`): no name
    or code a plan holds is that long, so it is refused before any work is done.

    ``kind`` says what was looked up, ``length`` how long the text was, ``limit`` the most
    accepted.

    >>> str(LookupTooLongError("institution name", 60000, 200))
    'institution name of 60,000 characters is longer than the 200 a lookup accepts'
    """

    def __init__(self, kind: str, length: int, limit: int) -> None:
        super().__init__(
            f"{kind} of {length:,} characters is longer than the {limit:,} a lookup accepts"
        )
        self.kind = kind
        self.length = length
        self.limit = limit

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.kind, self.length, self.limit))
