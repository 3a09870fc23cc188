"""The ``antitrafficking-plan`` command line: the plan's questions from a terminal.

Every command is a thin layer over the library's own API (``Activities`` filters,
``count_by``, ``cost_summary``, ``quality_report``, ``parse_deadline``, ``dumps_plan``,
``to_records`` ...): the command line answers exactly what a Python user would get.

Exit statuses: 0 success; 1 a plan file that is missing, unreadable or invalid (``--plan``,
``validate``, also standard input given as ``-`` when it is closed); 2 a usage error (an
unknown institution, objective or activity code, a bad date or deadline text, a bad
option, lookup text longer than the limit); 3 output that cannot be written (standard
output closed or failing, such as a full disk, or an ``--output`` file that cannot be
written); 141 the reader of standard output went away (a broken pipe, as in ``| head``:
128 + SIGPIPE, the status a shell shows for a command a broken pipe ended), reported by
nothing but the status. Errors are one line on stderr starting with
``antitrafficking-plan: error: ``, never a traceback.

The package holds the parts apart: ``_parser`` (commands and options), ``_commands`` (what
each command does, through the public API) and ``_output`` (tables, formats, errors).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence

from .. import _table
from .._frames import MissingExtraError
from ..errors import LookupTooLongError
from ._output import (
    DEBUG_ENV,
    EXIT_BROKEN_PIPE,
    EXIT_INVALID_PLAN,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
    PROG,
    CliError,
    Output,
    writing_stdout,
)
from ._parser import Command, build_parser, command_names

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_INVALID_PLAN",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "PROG",
    "build_parser",
    "main",
]


def _report(message: str) -> None:
    """One line on stderr; nothing when stderr itself is closed or failing (the exit
    status still tells)."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(f"{PROG}: error: {_table.clean(message)}\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """After a failed write, point stdout at /dev/null so that the interpreter's final
    flush of what is still buffered stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _flush_stdout() -> None:
    if sys.stdout is not None:
        with writing_stdout():
            sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit
    status."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")
    parser = build_parser()
    try:
        try:
            args = parser.parse_args(None if argv is None else list(argv))
        except SystemExit as exc:  # --help and --version
            _flush_stdout()
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        handler: Command | None = getattr(args, "handler", None)
        if handler is None:
            commands = ", ".join(command_names(parser))
            raise CliError(f"no command given; choose one of {commands} (see '{PROG} --help')")
        status = handler(args, Output(sys.stdout))
        _flush_stdout()
        return status
    except CliError as exc:
        if exc.status == EXIT_OUTPUT:
            _silence_stdout()
        _report(str(exc))
        return exc.status
    except (LookupTooLongError, MissingExtraError) as exc:
        _report(str(exc))
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        _report(
            f"unexpected {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 to see the traceback;"
            " please report this)"
        )
        return EXIT_INVALID_PLAN
