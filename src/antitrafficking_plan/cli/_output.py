"""How the command line writes: exit statuses, one-line errors, tables and machine formats.

>>> from antitrafficking_plan.errors import CellProblem
>>> problem = CellProblem("activities", 5, "deadline", "soon", "not a deadline")
>>> error = PlanTableError("x.xlsx is not a valid plan", cell_problems=[problem])
>>> header, rule, row = problem_lines(error)
>>> print(header)
sheet       row  column    value  problem
>>> print(row)
activities    5  deadline  soon   not a deadline
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, NoReturn, TextIO

from .. import _table
from .._dates import as_date
from ..errors import PlanTableError, PlanWriteError
from ..export import write_csv

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_INVALID_PLAN",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "PROG",
    "CliError",
    "Output",
    "problem_lines",
    "write_failure",
]

_VALUE_WIDTH = 40

#: The command's name, as installed by ``[project.scripts]``.
PROG = "antitrafficking-plan"
#: Success.
EXIT_OK = 0
#: A plan file (or standard input given as ``-``) or a status file that is missing,
#: closed, unreadable or invalid.
EXIT_INVALID_PLAN = 1
#: What the user typed: unknown names, bad dates or deadline text, bad options, lookup
#: text longer than the limit, a file name with the wrong suffix; and what the environment
#: lacks: an optional dependency (an extra, such as openpyxl for .xlsx) not installed.
EXIT_USAGE = 2
#: Output that cannot be written: standard output closed or failing (a full disk), an
#: ``--output`` file that cannot be written or is not a regular file.
EXIT_OUTPUT = 3
#: The reader of standard output went away (``... | head -1``): the status a shell gives
#: a command that a broken pipe (SIGPIPE) ended, 128 + 13. Nothing is reported.
EXIT_BROKEN_PIPE = 141

DEBUG_ENV = "ANTITRAFFICKING_PLAN_DEBUG"
TABLE_FORMATS = ("table", "csv", "json", "markdown")
ROLES = ("responsible", "supporting", "any")


class CliError(Exception):
    """An error to report on one line of stderr, with the exit status to return."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one-line :class:`CliError`."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{message} (see '{self.prog} --help')", EXIT_USAGE)


# -- argument types ------------------------------------------------------------------------
def iso_date(text: str) -> date:
    """An argparse type: a date written YYYY-MM-DD (the library's one rule for dates)."""
    try:
        return as_date(text, "date")
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid date {text!r}; dates are YYYY-MM-DD, e.g. 2016-12-31"
        ) from None


# -- output ------------------------------------------------------------------------------
STDOUT_CLOSED = (
    "standard output is closed, so there is nowhere to write the answer; redirect it to a "
    "file or to /dev/null instead of closing it"
)


@contextmanager
def writing_stdout() -> Iterator[None]:
    """Turn a failure to write standard output (other than a broken pipe, which the
    caller handles) into a one-line :class:`CliError` with :data:`EXIT_OUTPUT`."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise CliError(
            f"cannot write to standard output: {exc.strerror or exc}", EXIT_OUTPUT
        ) from None


class Output:
    """Where and how to write: the stream (None when standard output is closed), its
    width and whether to use colour."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream
        self.width = max(shutil.get_terminal_size((80, 24)).columns, 20)
        self.color = stream is not None and _wants_color(stream)

    @property
    def stream(self) -> TextIO:
        if self._stream is None:
            raise CliError(STDOUT_CLOSED, EXIT_OUTPUT)
        return self._stream

    def bold(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if self.color else text

    def lines(self, lines: Iterable[str]) -> None:
        text = "".join(f"{line}\n" for line in lines)
        with writing_stdout():
            self.stream.write(text)

    def machine(self, text: str) -> None:
        """Machine formats (CSV, JSON): always UTF-8, whatever the locale says."""
        stream = self.stream
        buffer = getattr(stream, "buffer", None)
        with writing_stdout():
            if buffer is None:
                stream.write(text)
                return
            stream.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        flexible: Sequence[int] = (),
        right: Sequence[int] = (),
        wrapped: Sequence[int] = (),
        maximum: Mapping[int, int] | None = None,
    ) -> None:
        self.lines(
            _table.render(
                headers,
                rows,
                width=self.width,
                flexible=flexible,
                right=right,
                style=self.bold,
                wrapped=wrapped,
                maximum=maximum,
            )
        )


def _wants_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR", "") != "" or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV as the library's ``to_csv`` writes it: a header, lists joined with ``"; "``,
    ``None`` as an empty cell."""
    buffer = io.StringIO(newline="")
    write_csv(buffer, columns, rows)
    return buffer.getvalue()


def json_text(data: Any) -> str:
    """JSON as the library's ``to_json`` writes it."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def markdown(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    def cell(text: str) -> str:
        return _table.clean(text).replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in rows)
    return lines


def write_failure(exc: OSError, target: str) -> CliError:
    """A file that could not be written, as the one-line error of :data:`EXIT_OUTPUT`
    (a :class:`~antitrafficking_plan.errors.PlanWriteError` already names path and
    reason)."""
    if isinstance(exc, PlanWriteError):
        return CliError(str(exc), EXIT_OUTPUT)
    return CliError(f"cannot write {target}: {exc.strerror or exc}", EXIT_OUTPUT)


plural = _table.plural


def problem_lines(exc: PlanTableError, width: int | None = None) -> list[str]:
    """The problems of ``exc`` as a table: sheet, row, column, value and problem (with
    the suggestions). The problem is never cut (it says what is accepted): within
    ``width`` columns it wraps onto more lines; without a width each is one line."""
    rows = [
        [
            p.sheet,
            "" if p.row is None else str(p.row),
            p.column or "",
            _table.truncate(_table.clean(p.value or ""), _VALUE_WIDTH),
            p.message
            + (
                "; did you mean " + ", ".join(repr(s) for s in p.suggestions) + "?"
                if p.suggestions
                else ""
            ),
        ]
        for p in exc.cell_problems
    ]
    headers = ["sheet", "row", "column", "value", "problem"]
    if width is not None:
        return _table.render(
            headers, rows, width=width, right=(1,), flexible=(3, 4), wrapped=(3, 4)
        )
    lines = _table.render(headers, rows, width=1_000_000, right=(1,))
    lines[1] = lines[1][: max(len(lines[0]), 78)]  # the problem column is never cut
    return lines
