"""How the command line writes: exit statuses, one-line errors, tables and machine formats."""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, NoReturn, TextIO

from .. import _table
from .._dates import as_date
from ..export import write_csv

__all__ = ["EXIT_INVALID_PLAN", "EXIT_OK", "EXIT_USAGE", "PROG", "CliError", "Output"]

#: The command's name, as installed by ``[project.scripts]``.
PROG = "antitrafficking-plan"
#: Success.
EXIT_OK = 0
#: A plan file that is missing, unreadable or invalid; output that cannot be written.
EXIT_INVALID_PLAN = 1
#: What the user typed: unknown names, bad dates or deadline text, bad options.
EXIT_USAGE = 2

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
class Output:
    """Where and how to write: the stream, its width and whether to use colour."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.width = max(shutil.get_terminal_size((80, 24)).columns, 20)
        self.color = _wants_color(stream)

    def bold(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if self.color else text

    def lines(self, lines: Iterable[str]) -> None:
        self.stream.write("".join(f"{line}\n" for line in lines))

    def machine(self, text: str) -> None:
        """Machine formats (CSV, JSON): always UTF-8, whatever the locale says."""
        buffer = getattr(self.stream, "buffer", None)
        if buffer is None:
            self.stream.write(text)
            return
        self.stream.flush()
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


plural = _table.plural
