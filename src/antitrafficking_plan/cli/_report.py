"""The command line's ``report`` command: the plan (and its progress) as one HTML file.

A thin layer over :func:`antitrafficking_plan.report.report_html`, added to the parser by
:func:`add_parsers`; the file is written whole or not at all.
"""

from __future__ import annotations

import argparse
from typing import Any

from .._files import write_text_atomically
from ..report import report_html
from ._commands import load
from ._options import subcommand
from ._output import EXIT_OK, EXIT_USAGE, PROG, CliError, Output, iso_date, write_failure
from ._progress import _status_log

__all__ = ["add_parsers"]


def _cmd_report(args: argparse.Namespace, out: Output) -> int:
    if args.status is not None and args.as_of is None:
        raise CliError(
            "--status needs --as-of DATE (YYYY-MM-DD): the date the report answers for",
            EXIT_USAGE,
        )
    plan = load(args.plan)
    log = None if args.status is None else _status_log(args.status, plan)
    html = report_html(plan, status=log, as_of=args.as_of, title=args.title)
    path: str = args.output
    if path == "-":
        out.machine(html)
        return EXIT_OK
    try:
        write_text_atomically(path, html)
    except OSError as exc:
        raise write_failure(exc, path) from None
    size = len(html.encode("utf-8"))
    when = "" if args.as_of is None else f" as of {args.as_of.isoformat()}"
    progress = "" if log is None else f", with {len(log)} status reports"
    out.lines(
        [
            f"wrote {path}: a report of {plan.title}{when}{progress} ({size / 1024:,.0f} KB);"
            " open it in any browser, offline"
        ]
    )
    return EXIT_OK


def add_parsers(sub: Any) -> None:
    """Add ``report`` to the subparsers ``sub``."""
    p = subcommand(
        sub,
        "report",
        "the plan (and its progress) as one self-contained HTML file",
        "Write a report to share: one HTML file that opens offline in any browser and\n"
        "prints on A4 (styles and charts inline, nothing loaded from the network). It\n"
        "holds the counters, the plan's metadata and provenance, progress by strategic\n"
        "objective, the late and unreported activities, the workload by institution, the\n"
        "timeline, every activity (with status and evidence from a status file) and the\n"
        "plan's quality findings. --as-of counts what was due by a date; --status (which\n"
        "needs --as-of) adds the progress. Charts need matplotlib (the plot extra).",
        f"  {PROG} report -o report.html\n"
        f"  {PROG} report -o report.html --as-of 2017-01-01\n"
        f"  {PROG} --plan my_plan.xlsx report -o report.html \\\n"
        "      --status status.xlsx --as-of 2017-06-30",
        _cmd_report,
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        required=True,
        help="the HTML file to write ('-' writes to standard output)",
    )
    p.add_argument(
        "--status",
        metavar="FILE",
        help="a status file (.csv, .json or .xlsx, as for 'progress'); needs --as-of",
    )
    p.add_argument(
        "--as-of",
        metavar="DATE",
        type=iso_date,
        help="the date the report answers for (YYYY-MM-DD); there is no default 'today'",
    )
    p.add_argument("--title", metavar="TEXT", help="a heading instead of the plan's title")
