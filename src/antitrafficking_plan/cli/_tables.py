"""Command-line parts for spreadsheets and data packages: the ``template`` command, the
formats of ``export``, and ``validate``'s table of cell problems.

"""

from __future__ import annotations

import argparse
import io
from typing import Any

from ..dataset import FORMATS, dump_plan, plan_format
from ..errors import PlanFormatError
from ..export import to_csv
from ..plan import Plan
from ..workbook import write_template
from ._commands import load
from ._options import subcommand
from ._output import EXIT_OK, EXIT_USAGE, PROG, CliError, Output, write_failure

__all__ = ["EXPORT_FORMATS", "add_export_options", "add_parsers", "cmd_export", "export"]

#: What ``export --format`` writes: the plan formats, and the flat activity records.
EXPORT_FORMATS = (*FORMATS, "records-csv")
_TEXT_FORMATS = ("json", "csv", "records-csv")


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


def export(plan: Plan, args: argparse.Namespace, out: Output) -> int:
    """Write ``plan`` in ``args.format`` to ``args.output`` (or standard output)."""
    target: str | None = None if args.output in (None, "-") else args.output
    chosen: str | None = args.format
    if chosen is None:
        try:
            chosen = "json" if target is None else plan_format(target)
        except PlanFormatError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None
    if target is None:
        if chosen not in _TEXT_FORMATS:
            raise CliError(f"{chosen} is not written to standard output; give -o FILE", EXIT_USAGE)
        buffer = io.StringIO(newline="")
        if chosen == "records-csv":
            to_csv(plan.activities, buffer)
        else:
            dump_plan(plan, buffer, format=chosen)
        out.machine(buffer.getvalue())
        return EXIT_OK
    try:
        if chosen == "records-csv":
            to_csv(plan.activities, target)
        else:
            dump_plan(plan, target, format=chosen)
    except OSError as exc:
        raise write_failure(exc, target) from None
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    """The ``export`` command."""
    return export(load(args.plan), args, out)


def add_parsers(subparsers: Any) -> None:
    """Add the ``template`` command."""

    def template(args: argparse.Namespace, out: Output) -> int:
        if not args.file.lower().endswith(".xlsx"):
            raise CliError(
                f"a plan template is an .xlsx workbook, not {args.file!r}; give a FILE ending"
                " in .xlsx (for a status template, see 'status-template')",
                EXIT_USAGE,
            )
        plan = load(getattr(args, "plan", None)) if args.from_plan else None
        try:
            write_template(args.file, plan)
        except OSError as exc:
            raise write_failure(exc, args.file) from None
        return EXIT_OK

    parser = subcommand(
        subparsers,
        "template",
        "write a workbook to fill in a plan by hand",
        "Write an .xlsx workbook to fill in by hand: an instructions sheet (every sheet and\n"
        "column, what each cell accepts), an examples sheet of fictional worked rows, and\n"
        "the plan's sheets with their headers (frozen) and drop-down lists where a column\n"
        "has a fixed vocabulary. With --from-plan, the sheets hold the current plan (the\n"
        "bundled one, or --plan FILE). 'validate' and '--plan' read the workbook back.",
        f"  {PROG} template my_plan.xlsx\n"
        f"  {PROG} template --from-plan kosovo.xlsx\n"
        f"  {PROG} --plan my.csv template --from-plan my.xlsx\n"
        f"  {PROG} validate my_plan.xlsx",
        template,
    )
    parser.add_argument(
        "file", metavar="FILE", help="the workbook to write (a name ending in .xlsx)"
    )
    parser.add_argument(
        "--from-plan",
        action="store_true",
        help="fill the sheets with the current plan instead of leaving them empty",
    )
