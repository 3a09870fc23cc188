"""Command-line parts for spreadsheets and data packages: the ``template`` command, the
formats of ``export``, and ``validate``'s table of cell problems.

:mod:`antitrafficking_plan.cli` hooks these in (it passes its own sub-command factory,
plan loader and error type, so this module needs nothing from it).

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
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from . import _table
from .dataset import FORMATS, dump_plan, plan_format
from .errors import PlanFormatError, PlanTableError
from .export import to_csv
from .plan import Plan
from .workbook import write_template

__all__ = ["EXPORT_FORMATS", "add_export_options", "add_parsers", "export", "problem_lines"]

#: What ``export --format`` writes: the plan formats, and the flat activity records.
EXPORT_FORMATS = (*FORMATS, "records-csv")
_TEXT_FORMATS = ("json", "csv", "records-csv")
_VALUE_WIDTH = 40


class _Out(Protocol):
    width: int

    def lines(self, lines: Sequence[str]) -> None: ...

    def machine(self, text: str) -> None: ...


def problem_lines(exc: PlanTableError) -> list[str]:
    """The problems of ``exc`` as a table: sheet, row, column, value and problem (with
    the suggestions), one line each, never cut (a problem says what is accepted)."""
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
    lines = _table.render(
        ["sheet", "row", "column", "value", "problem"], rows, width=1_000_000, right=(1,)
    )
    lines[1] = lines[1][: max(len(lines[0]), 78)]  # the problem column is never cut
    return lines


def add_export_options(parser: argparse.ArgumentParser) -> None:
    """``export``'s ``--format`` (told by the output's name when not given)."""
    parser.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default=None,
        metavar="FORMAT",
        help="json (the plan file), xlsx (a workbook), csv (the activities table, which"
        " --plan reads back), datapackage (a folder of CSV files and datapackage.json) or"
        " records-csv (one flat row per activity with every record column); default: told"
        " by the name of -o FILE, json on standard output",
    )


def export(
    plan: Plan, args: argparse.Namespace, out: _Out, error: Callable[[str, int], Exception]
) -> int:
    """Write ``plan`` in ``args.format`` to ``args.output`` (or standard output)."""
    target: str | None = None if args.output in (None, "-") else args.output
    chosen: str | None = args.format
    if chosen is None:
        try:
            chosen = "json" if target is None else plan_format(target)
        except PlanFormatError as exc:
            raise error(str(exc), 2) from None
    if target is None:
        if chosen not in _TEXT_FORMATS:
            raise error(f"{chosen} is not written to standard output; give -o FILE", 2)
        buffer = io.StringIO(newline="")
        if chosen == "records-csv":
            to_csv(plan, buffer)
        else:
            dump_plan(plan, buffer, format=chosen)
        out.machine(buffer.getvalue())
        return 0
    try:
        if chosen == "records-csv":
            to_csv(plan, target)
        else:
            dump_plan(plan, target, format=chosen)
    except ImportError as exc:
        raise error(str(exc), 1) from None
    except OSError as exc:
        raise error(f"cannot write {target}: {exc.strerror or exc}", 1) from None
    return 0


def add_parsers(
    subparsers: Any,
    *,
    subcommand: Callable[..., argparse.ArgumentParser],
    load: Callable[[str | None], Plan],
    error: Callable[[str, int], Exception],
    prog: str,
) -> None:
    """Add the ``template`` command, made with ``subcommand`` (the CLI's factory); plans
    are read with ``load`` and errors raised as ``error(message, status)``."""

    def template(args: argparse.Namespace, out: _Out) -> int:
        plan = load(getattr(args, "plan", None)) if args.from_plan else None
        try:
            write_template(args.file, plan)
        except ImportError as exc:
            raise error(str(exc), 1) from None
        except OSError as exc:
            raise error(f"cannot write {args.file}: {exc.strerror or exc}", 1) from None
        return 0

    parser = subcommand(
        subparsers,
        "template",
        "write a workbook to fill in a plan by hand",
        "Write an .xlsx workbook to fill in by hand: an instructions sheet (every sheet and\n"
        "column, what each cell accepts), an examples sheet of fictional worked rows, and\n"
        "the plan's sheets with their headers (frozen) and drop-down lists where a column\n"
        "has a fixed vocabulary. With --from-plan, the sheets hold the current plan (the\n"
        "bundled one, or --plan FILE). 'validate' and '--plan' read the workbook back.",
        f"  {prog} template my_plan.xlsx\n"
        f"  {prog} template --from-plan kosovo.xlsx\n"
        f"  {prog} --plan my.csv template --from-plan my.xlsx\n"
        f"  {prog} validate my_plan.xlsx",
        template,
    )
    parser.add_argument("file", metavar="FILE", help="the workbook to write (.xlsx)")
    parser.add_argument(
        "--from-plan",
        action="store_true",
        help="fill the sheets with the current plan instead of leaving them empty",
    )
