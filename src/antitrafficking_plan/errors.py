"""The library's exceptions: one small hierarchy, all exported from the package root.

>>> from antitrafficking_plan import parse_deadline, DeadlineParseError
>>> try:
...     parse_deadline("soon")
... except DeadlineParseError as err:
...     print(type(err).__name__, isinstance(err, ValueError))
DeadlineParseError True
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["DeadlineParseError", "PlanError", "PlanLoadError", "UnknownNameError"]


class PlanError(Exception):
    """Base class of every error this library raises on purpose."""


class DeadlineParseError(PlanError, ValueError):
    """Deadline text that cannot be read, or reads two ways.

    ``text`` is the input as given; the message quotes it and names the accepted forms.
    """

    def __init__(self, message: str, *, text: str) -> None:
        super().__init__(message)
        self.text = text


class PlanLoadError(PlanError, ValueError):
    """A plan file (or plan data) that is missing, unreadable or invalid.

    ``problems`` lists every problem found, each naming where it is (the JSON path of the
    field, or line and column for JSON syntax errors) and what is accepted.
    """

    def __init__(self, message: str, *, problems: Sequence[str] = ()) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        if self.problems:
            listed = "\n".join(f"  - {p}" for p in self.problems)
            message = f"{message}\n{listed}"
        super().__init__(message)


class UnknownNameError(PlanError, KeyError):
    """A name that matches no institution, objective or activity code.

    ``kind`` says what was looked up ("institution", "objective", "activity"), ``name``
    what was asked for and ``suggestions`` the closest known names (possibly empty).
    """

    def __init__(self, kind: str, name: str, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.name = name
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        super().__init__(name)

    def __str__(self) -> str:
        message = f"unknown {self.kind} {self.name!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        return message
