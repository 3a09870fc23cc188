"""The argument parser: every command, its options and its examples."""

from __future__ import annotations

import argparse

from .._version import __version__
from . import _commands as commands
from . import _progress, _report, _tables
from ._options import Command, add_format, add_plan_option, fill, subcommand
from ._output import PROG, ROLES, TABLE_FORMATS, Parser, iso_date

__all__ = ["Command", "build_parser", "command_names"]


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser (exposed for documentation and tests)."""
    parser = Parser(
        prog=PROG,
        description=fill(
            "Query Kosovo's action plan against trafficking in human beings 2015-2019 (or"
            " another plan file in the library's format) from a terminal."
        ),
        epilog=f"examples:\n  {PROG} summary\n  {PROG} list --institution MLSW --role"
        f" responsible\n  {PROG} show 2.3.8\n  {PROG} list --format csv > activities.csv\n\n"
        f"Run '{PROG} COMMAND --help' for a command's options.\n"
        "Exit status: 0 success, 1 invalid or unreadable plan file, 2 usage error.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    add_plan_option(parser, None)
    sub = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")

    p = subcommand(
        sub,
        "summary",
        "the plan at a glance",
        "The plan at a glance: title and period, activities per strategic and specific\n"
        "objective, deadlines by year due (and how many are ongoing or open-ended), the\n"
        "institutions that lead the most activities, what the source says about costs,\n"
        "and the quality report's headline numbers.",
        f"  {PROG} summary\n  {PROG} summary --format json\n  {PROG} --plan my_plan.json summary",
        commands.cmd_summary,
    )
    add_format(p, ("text", "json"), "text")

    p = subcommand(
        sub,
        "list",
        "list activities, filtered",
        "List the activities that pass every filter given (filters combine), in plan\n"
        "order. "
        "Dates are YYYY-MM-DD. Activities without a due date (ongoing, onwards, annual or\n"
        "none given) never match --due-from, --due-to or --overdue-as-of.\n"
        "The table fits the terminal; csv and json hold every column in full.",
        f"  {PROG} list --institution MLSW --role responsible\n"
        f'  {PROG} list --institution "kosovo police" \\\n'
        "      --due-from 2016-01-01 --due-to 2016-12-31\n"
        f"  {PROG} list --objective 2.3 --ongoing\n"
        f"  {PROG} list --no-responsible\n"
        f"  {PROG} list --overdue-as-of 2017-01-01 --format csv > late.csv\n"
        f"  {PROG} list --search child --format json",
        commands.cmd_list,
    )
    p.add_argument(
        "--institution", metavar="NAME", help="an institution's code, alias or name (any case)"
    )
    p.add_argument(
        "--role",
        choices=ROLES,
        default="any",
        help="the institution's role with --institution: responsible, supporting or any"
        " (default: any)",
    )
    p.add_argument(
        "--objective",
        metavar="CODE",
        help="a strategic (2) or specific (2.3) objective code",
    )
    p.add_argument(
        "--due-from", metavar="DATE", type=iso_date, help="due on or after DATE (YYYY-MM-DD)"
    )
    p.add_argument(
        "--due-to", metavar="DATE", type=iso_date, help="due on or before DATE (YYYY-MM-DD)"
    )
    p.add_argument(
        "--overdue-as-of",
        metavar="DATE",
        type=iso_date,
        help="due before DATE (YYYY-MM-DD), i.e. overdue on DATE unless done",
    )
    p.add_argument(
        "--ongoing", action="store_true", help="only activities whose deadline is 'ongoing'"
    )
    p.add_argument(
        "--no-deadline",
        action="store_true",
        help="only activities for which the source gives no deadline at all",
    )
    p.add_argument(
        "--no-responsible",
        action="store_true",
        help="only activities with no identifiable responsible institution (as the quality"
        " report counts them)",
    )
    p.add_argument(
        "--search",
        metavar="TEXT",
        help="text in the description, results, indicators or sources of verification"
        " (ignoring case and accents)",
    )
    add_format(p, TABLE_FORMATS, "table")

    p = subcommand(
        sub,
        "show",
        "one activity in full, with its provenance",
        "One activity in full: its objectives, texts, institutions, deadline and cost, and\n"
        "its provenance: the source lines, the raw row as extracted, the cells as printed\n"
        "and every note on how it was reconstructed (with field and confidence).",
        f"  {PROG} show 2.3.8\n  {PROG} show 1.1.1 --format json",
        commands.cmd_show,
    )
    p.add_argument("code", metavar="CODE", help="an activity code, such as 2.3.8")
    add_format(p, ("text", "json"), "text")

    p = subcommand(
        sub,
        "institutions",
        "the institution registry, with activities led and supported",
        "The plan's institution registry in registry order, with how many activities each\n"
        "institution leads (is responsible for) and supports.",
        f"  {PROG} institutions\n  {PROG} institutions --format csv > institutions.csv",
        commands.cmd_institutions,
    )
    add_format(p, TABLE_FORMATS, "table")

    p = subcommand(
        sub,
        "workload",
        "institutions x objectives: activities led and supported",
        "The workload table: for each institution (most activities first), the activities\n"
        "it leads (is responsible for) and supports, in all and by strategic objective\n"
        "(--level specific: by specific objective). The table fits the terminal (in long\n"
        "form when the wide one does not); csv and json are in long form: one row per\n"
        "institution and objective.",
        f"  {PROG} workload\n  {PROG} workload --top 10\n"
        f"  {PROG} workload --level specific --format csv > workload.csv",
        commands.cmd_workload,
    )
    p.add_argument(
        "--level",
        choices=("strategic", "specific"),
        default="strategic",
        help="objective columns: strategic (1, 2, ...) or specific (1.1, 1.2, ...)"
        " (default: strategic)",
    )
    p.add_argument(
        "--top", metavar="N", type=int, help="only the N institutions with the most activities"
    )
    add_format(p, TABLE_FORMATS, "table")

    p = subcommand(
        sub,
        "quality",
        "the quality report: activities without due date, responsible, cost, indicator",
        "The quality report: the activities with no due date (no deadline, or one without\n"
        "a due date: ongoing, onwards, annual), no identifiable responsible institution, no\n"
        "cost attached and no indicator, with their codes.",
        f"  {PROG} quality\n  {PROG} quality --format json",
        commands.cmd_quality,
    )
    add_format(p, TABLE_FORMATS, "table")

    p = subcommand(
        sub,
        "timeline",
        "how many activities run in each year or quarter of the plan period",
        "How many activities run in each year (or quarter) of the plan period: an activity\n"
        "runs in every period its deadline touches ('ongoing' and 'annually' in all of\n"
        "them). Activities with no deadline are counted apart (undated).",
        f"  {PROG} timeline\n  {PROG} timeline --by quarter --format csv",
        commands.cmd_timeline,
    )
    p.add_argument(
        "--by",
        choices=("year", "quarter"),
        default="year",
        help="one row per year or per quarter (default: year)",
    )
    add_format(p, TABLE_FORMATS, "table")

    p = subcommand(
        sub,
        "deadline",
        "parse a deadline text and explain it",
        "Read a deadline as action plans write it and explain it: its kind, first and last\n"
        "day, whether it is open-ended, its EDTF form and its canonical text. Accepted\n"
        "forms include 'Q4 2015', 'Q1-Q2 2016', 'H1 2016', 'June 2016', '31.12.2016'\n"
        "(day first), '2016-12-31', '2015-2017', 'by end of 2016', '2015 onwards',\n"
        "'ongoing', 'annually' and their Albanian spellings. Does not read a plan.",
        f'  {PROG} deadline "Q4 2015"\n  {PROG} deadline by end of 2016\n'
        f"  {PROG} deadline vazhdimisht --format json",
        commands.cmd_deadline,
    )
    p.add_argument("text", metavar="TEXT", nargs="+", help="the deadline text (words are joined)")
    add_format(p, ("text", "json"), "text")

    p = subcommand(
        sub,
        "export",
        "the whole plan as a JSON file, workbook, CSV or data package",
        "Write the whole plan, in the format -o FILE's name says or --format gives: json\n"
        "(the library's plan file), xlsx (a workbook), csv (the activities table),\n"
        "datapackage (a folder of CSV files with datapackage.json); 'validate' and\n"
        "'--plan' read each back. records-csv is one flat row per activity with every\n"
        "record column, for analysis.",
        f"  {PROG} export -o plan.json\n"
        f"  {PROG} export -o plan.xlsx\n"
        f"  {PROG} export --format datapackage -o open-data/\n"
        f"  {PROG} export --format records-csv > activities.csv\n"
        f"  {PROG} --plan plan.xlsx summary",
        _tables.cmd_export,
    )
    _tables.add_export_options(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output ('-' is standard output)",
    )

    p = subcommand(
        sub,
        "validate",
        "check a plan file and list every problem",
        "Check a plan file: JSON, an .xlsx workbook, a .csv of activities or a data\n"
        "package. A valid file prints one OK line and exits 0; an invalid one prints every\n"
        "problem on standard output (the JSON path of the field, or a table of sheet, row,\n"
        "column, value and problem) and exits 1. Does not read --plan.",
        f"  {PROG} validate plan.json\n  {PROG} validate my_plan.xlsx\n"
        f"  {PROG} export | {PROG} validate -",
        commands.cmd_validate,
    )
    p.add_argument("file", metavar="FILE", help="the plan file ('-' reads standard input)")
    _tables.add_parsers(sub)
    _progress.add_parsers(sub)
    _report.add_parsers(sub)
    return parser


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    """The commands of ``parser``, in the order ``--help`` lists them."""
    return [
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    ]
