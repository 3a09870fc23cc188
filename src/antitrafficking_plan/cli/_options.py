"""Building blocks of the parser shared by every command: the plan and format options and
a subcommand with its description and examples."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from ._output import Output

__all__ = ["Command", "add_format", "add_plan_option", "subcommand"]


def add_plan_option(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--plan",
        metavar="FILE",
        default=default,
        help="use the plan in FILE (a JSON plan file, an .xlsx workbook, a .csv of"
        " activities or a data package folder, as 'export' writes them; '-' reads JSON"
        " from standard input) instead of the bundled plan",
    )


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=default,
        help=f"output format: {', '.join(choices)} (default: {default})",
    )


Command = Callable[[argparse.Namespace, Output], int]


def fill(text: str) -> str:
    """A help paragraph refilled to 78 columns (the help formatter keeps it as is)."""
    return textwrap.fill(" ".join(text.split()), 78)


def subcommand(
    sub: Any, name: str, summary: str, description: str, examples: str, handler: Command
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=summary,
        description=fill(description),
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_plan_option(parser, argparse.SUPPRESS)
    parser.set_defaults(handler=handler)
    return parser
