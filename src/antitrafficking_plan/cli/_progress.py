"""The command line's status commands: ``progress``, ``late`` and ``status-template``.

Thin layers over :mod:`antitrafficking_plan.progress` and
:mod:`antitrafficking_plan.status_template`, added to the command line's parser by
:func:`add_parsers`. A status file with problems prints every problem (file, row and
column) on its own line on stderr and exits 1; a missing optional dependency (openpyxl
for .xlsx) exits 2, as everywhere on the command line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from .. import _table
from ..errors import StatusLoadError
from ..plan import Plan
from ..progress import (
    GROUPINGS,
    PROGRESS_COLUMNS,
    STATUS_COLUMNS,
    ActivityStatus,
    Progress,
    late,
    progress,
)
from ..status import Status
from ..status_template import write_status_template
from ..statuslog import StatusLog, read_status_log
from ._commands import load
from ._options import add_format, subcommand
from ._output import (
    EXIT_INVALID_PLAN,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    TABLE_FORMATS,
    CliError,
    Output,
    csv_text,
    iso_date,
    json_text,
    markdown,
    plural,
    write_failure,
)

__all__ = ["add_parsers"]


def _status_log(path: str, plan: Plan) -> StatusLog:
    try:
        return read_status_log(path, plan)
    except StatusLoadError as exc:
        summary = str(exc).split("\n", 1)[0]
        for problem in exc.problems:
            sys.stderr.write(f"{PROG}: error: {problem}\n")
        if exc.problems:
            summary += f" ({plural(len(exc.problems), 'problem')}, listed above)"
        raise CliError(summary, EXIT_INVALID_PLAN) from None


def _heading(plan: Plan, text: str) -> list[str]:
    return [f"{plan.title}: {text}"]


def _emit(
    out: Output,
    fmt: str,
    records: list[dict[str, Any]],
    columns: Sequence[str],
    heading: list[str],
    headers: Sequence[str],
    cells: Sequence[Sequence[str]],
    footer: Sequence[str] = (),
    right: Sequence[int] = (),
    flexible: Sequence[int] | None = None,
) -> None:
    if fmt == "json":
        out.machine(json_text(records))
    elif fmt == "csv":
        out.machine(csv_text(columns, records))
    elif fmt == "markdown":
        out.lines([*heading, "", *markdown(headers, cells), *([""] if footer else []), *footer])
    else:
        out.lines(line for text in heading for line in _table.wrap(text, out.width))
        if flexible is None:
            out.table(headers, cells, flexible=(len(headers) - 1,), right=right)
        else:  # the group column wraps (an institution's long code), never cut
            out.table(headers, cells, flexible=flexible, wrapped=flexible, right=right)
        out.lines(line for text in footer for line in _table.wrap(text, out.width))


def _progress_cells(result: Progress) -> list[list[str]]:
    def share(value: float | None) -> str:
        return "-" if value is None else f"{value:.0%}"

    return [
        [
            row.group,
            str(row.activities),
            *(str(row.counts[s]) for s in Status),
            str(row.unreported),
            f"{row.completed_of_due}/{row.due}",
            share(row.share_completed_of_due),
            share(row.share_substantial_or_complete),
        ]
        for row in (*result.rows, result.total)
    ]


# Short headers, so that the table fits 80 columns; the legend below the table spells them
# out (csv and json keep the full names).
_SHORT = {
    Status.NOT_STARTED: "not st",
    Status.IN_PROGRESS: "in prog",
    Status.COMPLETED: "done",
    Status.CANCELLED: "canc",
    Status.SUSPENDED: "susp",
}
_PROGRESS_HEADERS = (
    "group",
    "acts",
    *(_SHORT[s] for s in Status),
    "unrep",
    "done/due",
    "%done",
    "%subst",
)
_PROGRESS_LEGEND = (
    "acts: activities; not st, in prog, done, canc, susp: latest status not started, in"
    " progress, completed, cancelled, suspended; unrep: no report by then; done/due:"
    " completed of those due by the date; %done: that share; %subst: the share"
    " substantial or complete (the OGP's high completion)."
)


def _cmd_progress(args: argparse.Namespace, out: Output) -> int:
    plan = load(args.plan)
    log = _status_log(args.status, plan)
    result = progress(log, plan, as_of=args.as_of, by=args.by)
    by = args.by.replace("_", " ")
    _emit(
        out,
        args.format,
        result.to_records(),
        PROGRESS_COLUMNS,
        _heading(plan, f"progress by {by} as of {args.as_of.isoformat()}"),
        _PROGRESS_HEADERS,
        _progress_cells(result),
        footer=[
            "Counts are each activity's latest status on or before the date.",
            _PROGRESS_LEGEND,
        ],
        right=range(1, len(_PROGRESS_HEADERS)),
        flexible=(0,),
    )
    return EXIT_OK


def _late_cells(rows: Sequence[ActivityStatus]) -> list[list[str]]:
    return [
        [
            s.code,
            "(no report)" if s.word is None else s.word,
            str(s.standing),
            "" if s.report is None else s.report.as_of.isoformat(),
            "" if s.activity.deadline is None else str(s.activity.deadline),
            ", ".join(i.code for i in s.activity.responsible),
            s.activity.description or "",
        ]
        for s in rows
    ]


def _cmd_late(args: argparse.Namespace, out: Output) -> int:
    plan = load(args.plan)
    log = _status_log(args.status, plan)
    result = late(log, plan, as_of=args.as_of)
    rows = (*result.late, *result.unreported)
    _emit(
        out,
        args.format,
        result.to_records(),
        STATUS_COLUMNS,
        _heading(plan, f"late as of {args.as_of.isoformat()}"),
        ("code", "status", "standing", "reported", "deadline", "responsible", "description"),
        _late_cells(rows),
        footer=[
            f"{plural(len(result.late), 'activity', 'activities')} late,"
            f" {len(result.unreported)} overdue with no report;"
            f" {len(result.done)} due and done (completed or cancelled),"
            f" {len(result.ongoing)} ongoing (never late)."
        ],
    )
    return EXIT_OK


def _cmd_template(args: argparse.Namespace, out: Output) -> int:
    plan = load(args.plan)
    path: str = args.file
    if not path.lower().endswith((".xlsx", ".csv")):
        raise CliError(f"a status template is .xlsx or .csv, not {path!r}", EXIT_USAGE)
    try:
        count = write_status_template(plan, path)
    except OSError as exc:
        raise write_failure(exc, path) from None
    out.lines(
        [
            f"wrote {path}: {plural(count, 'activity', 'activities')} of {plan.title};"
            " fill in as_of and status (and optionally extent, evidence, reported_by, source),"
            f" then read it with '{PROG} progress --status {path} --as-of DATE'"
        ]
    )
    return EXIT_OK


def _add_status_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--status",
        metavar="FILE",
        required=True,
        help="the status file: .csv, .json or .xlsx (sheet 'status') with the columns code,"
        " as_of, status and optionally extent, evidence, reported_by, source",
    )
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        type=iso_date,
        required=True,
        help="the date to answer for (YYYY-MM-DD); each activity's latest report on or"
        " before it counts",
    )


def add_parsers(sub: Any) -> None:
    """Add ``progress``, ``late`` and ``status-template`` to the subparsers ``sub``."""
    # runnable as written from any folder: python -m antitrafficking_plan.demo prints the
    # folder of the fictional demo files
    demo = (
        "  D=$(python -m antitrafficking_plan.demo)  # the FICTIONAL demo files\n"
        f"  {PROG} --plan $D/demo_plan_fictional.json \\\n"
        "      {command} --status $D/demo_status_fictional.csv --as-of 2021-01-01"
    )
    p = subcommand(
        sub,
        "progress",
        "progress per objective or institution, from a status file",
        "Progress as of a date, from a status file: per strategic objective, specific\n"
        "objective or responsible institution, how many activities stand at each status\n"
        "(their latest report on or before the date), how many have no report, the share\n"
        "completed of what was due, and the OGP-style share substantial or complete.",
        f"  {PROG} progress --status status.xlsx --as-of 2016-12-31\n"
        f"  {PROG} progress --by institution \\\n"
        "      --status status.csv --as-of 2017-06-30\n" + demo.format(command="progress"),
        _cmd_progress,
    )
    _add_status_options(p)
    p.add_argument(
        "--by",
        choices=GROUPINGS,
        metavar="GROUPING",
        default="strategic_objective",
        help="group by strategic_objective, objective (specific) or institution (responsible);"
        " default: strategic_objective",
    )
    add_format(p, TABLE_FORMATS, "table")

    p = subcommand(
        sub,
        "late",
        "activities late as of a date, from a status file",
        "The activities late as of a date: the due date has passed and the latest status\n"
        "is not completed or cancelled. Overdue activities with no report are listed after\n"
        "them as unreported (status null in JSON). Ongoing activities are never late; the\n"
        "due day itself is not late.",
        f"  {PROG} late --status status.xlsx --as-of 2016-12-31\n"
        f"  {PROG} late --status status.csv --as-of 2017-01-01 --format json\n"
        + demo.format(command="late"),
        _cmd_late,
    )
    _add_status_options(p)
    add_format(p, TABLE_FORMATS, "table")

    p = subcommand(
        sub,
        "status-template",
        "write a status template (.xlsx or .csv) to send to the institutions",
        "Write a status template: one row per activity (code, description, responsible,\n"
        "deadline) with empty columns as_of, status, extent, evidence, reported_by and\n"
        "source. The .xlsx workbook has a drop-down of status values and a sheet of\n"
        "instructions. A filled template is a status file for 'progress' and 'late'.",
        f"  {PROG} status-template status.xlsx\n  {PROG} status-template status.csv",
        _cmd_template,
    )
    p.add_argument("file", metavar="FILE", help="the template to write (.xlsx or .csv)")
