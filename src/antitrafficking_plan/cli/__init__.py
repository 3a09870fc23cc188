"""The ``antitrafficking-plan`` command line: the plan's questions from a terminal.

Every command is a thin layer over the library's own API (``Activities`` filters,
``count_by``, ``cost_summary``, ``quality_report``, ``parse_deadline``, ``dumps_plan``,
``to_records`` ...): the command line answers exactly what a Python user would get.

Exit statuses: 0 success; 1 a plan file that is missing, unreadable or invalid (``--plan``,
``validate``) or output that cannot be written; 2 a usage error (an unknown institution,
objective or activity code, a bad date or deadline text, a bad option). Errors are one
line on stderr starting with ``antitrafficking-plan: error: ``, never a traceback.

The package holds the parts apart: ``_parser`` (commands and options), ``_commands`` (what
each command does, through the public API) and ``_output`` (tables, formats, errors).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence

from .. import _table
from ._output import DEBUG_ENV, EXIT_INVALID_PLAN, EXIT_OK, EXIT_USAGE, PROG, CliError, Output
from ._parser import Command, build_parser

__all__ = ["EXIT_INVALID_PLAN", "EXIT_OK", "EXIT_USAGE", "PROG", "build_parser", "main"]


def _report(message: str) -> None:
    sys.stderr.write(f"{PROG}: error: {_table.clean(message)}\n")
    sys.stderr.flush()


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


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
            sys.stdout.flush()
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        handler: Command | None = getattr(args, "handler", None)
        if handler is None:
            commands = (
                "summary, list, show, institutions, workload, quality, timeline, deadline,"
                " export, validate"
            )
            raise CliError(f"no command given; choose one of {commands} (see '{PROG} --help')")
        status = handler(args, Output(sys.stdout))
        sys.stdout.flush()
        return status
    except CliError as exc:
        _report(str(exc))
        return exc.status
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_INVALID_PLAN
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
