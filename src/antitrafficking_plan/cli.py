"""The ``antitrafficking-plan`` command line: the plan's questions from a terminal.

Every command is a thin layer over the library's own API (``Activities`` filters,
``count_by``, ``cost_summary``, ``quality_report``, ``parse_deadline``, ``dumps_plan``,
``to_records`` ...): the command line answers exactly what a Python user would get.

Exit statuses: 0 success; 1 a plan file that is missing, unreadable or invalid (``--plan``,
``validate``) or output that cannot be written; 2 a usage error (an unknown institution,
objective or activity code, a bad date or deadline text, a bad option). Errors are one
line on stderr starting with ``antitrafficking-plan: error: ``, never a traceback.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, NoReturn, TextIO

from . import _table, cli_tables
from ._version import __version__
from .codec import loads_plan
from .collection import Activities
from .dataset import load_plan
from .deadline import Deadline, DeadlineKind, parse_deadline
from .errors import DeadlineParseError, PlanLoadError, PlanTableError, UnknownNameError
from .export import RECORD_COLUMNS, to_records, write_csv
from .model import Activity, Institution
from .plan import Plan

__all__ = ["EXIT_INVALID_PLAN", "EXIT_OK", "EXIT_USAGE", "PROG", "main"]

#: The command's name, as installed by ``[project.scripts]``.
PROG = "antitrafficking-plan"
#: Success.
EXIT_OK = 0
#: A plan file that is missing, unreadable or invalid; output that cannot be written.
EXIT_INVALID_PLAN = 1
#: What the user typed: unknown names, bad dates or deadline text, bad options.
EXIT_USAGE = 2

_DEBUG_ENV = "ANTITRAFFICKING_PLAN_DEBUG"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_TABLE_FORMATS = ("table", "csv", "json", "markdown")
_ROLES = ("responsible", "supporting", "any")
_KIND_MEANING: Mapping[DeadlineKind, str] = {
    DeadlineKind.QUARTER: "one calendar quarter",
    DeadlineKind.QUARTER_RANGE: "two or more consecutive calendar quarters",
    DeadlineKind.HALF: "a half year",
    DeadlineKind.MONTH: "a calendar month",
    DeadlineKind.DAY: "one day",
    DeadlineKind.YEAR: "a calendar year",
    DeadlineKind.YEAR_RANGE: "two or more calendar years",
    DeadlineKind.BY: "due by a day, with no start",
    DeadlineKind.ONWARDS: "open-ended from the start of a year, with no due date",
    DeadlineKind.ONGOING: "continuous, with neither start nor due date",
    DeadlineKind.ANNUAL: "recurring every year, with neither start nor due date",
}


class CliError(Exception):
    """An error to report on one line of stderr, with the exit status to return."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one-line :class:`CliError`."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{message} (see '{self.prog} --help')", EXIT_USAGE)


# -- argument types ------------------------------------------------------------------------
def _iso_date(text: str) -> date:
    """An argparse type: a date written YYYY-MM-DD."""
    if not _ISO_DATE.match(text.strip()):
        raise argparse.ArgumentTypeError(
            f"invalid date {text!r}; dates are YYYY-MM-DD, e.g. 2016-12-31"
        )
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"invalid date {text!r} ({exc}); dates are YYYY-MM-DD, e.g. 2016-12-31"
        ) from None


# -- output ------------------------------------------------------------------------------
class _Output:
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
    ) -> None:
        self.lines(
            _table.render(
                headers, rows, width=self.width, flexible=flexible, right=right, style=self.bold
            )
        )


def _wants_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR", "") != "" or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


def _csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV as the library's ``to_csv`` writes it: a header, lists joined with ``"; "``,
    ``None`` as an empty cell."""
    buffer = io.StringIO(newline="")
    write_csv(buffer, columns, rows)
    return buffer.getvalue()


def _json_text(data: Any) -> str:
    """JSON as the library's ``to_json`` writes it."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _markdown(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    def cell(text: str) -> str:
        return _table.clean(text).replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in rows)
    return lines


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"


# -- loading the plan --------------------------------------------------------------------
def _load(path: str | None) -> Plan:
    """The plan at ``path`` (``"-"`` is standard input), or the bundled plan."""
    if path is None:
        return load_plan()
    try:
        if path == "-":
            return loads_plan(sys.stdin.buffer.read(), source="standard input")
        return load_plan(path)
    except PlanLoadError as exc:
        raise CliError(_load_error_line(exc, path), EXIT_INVALID_PLAN) from None


def _load_error_line(exc: PlanLoadError, path: str) -> str:
    summary = str(exc).split("\n", 1)[0]
    if not exc.problems:
        return summary
    line = f"{summary}: {exc.problems[0]}"
    if len(exc.problems) > 1:
        more = len(exc.problems) - 1
        line += f" (and {_plural(more, 'more problem')}; run '{PROG} validate {path}' to list them)"
    return line


# -- lookups with friendly errors ----------------------------------------------------------
def _unknown(exc: UnknownNameError, accepted: str) -> CliError:
    message = f"unknown {exc.kind} {exc.name!r}"
    if exc.suggestions:
        message += "; did you mean " + ", ".join(repr(s) for s in exc.suggestions) + "?"
    return CliError(f"{message} ({accepted})", EXIT_USAGE)


def _institution(plan: Plan, name: str) -> Institution:
    try:
        return plan.institution(name)
    except UnknownNameError as exc:
        raise _unknown(
            exc, f"name an institution by code, alias or name; '{PROG} institutions' lists them"
        ) from None


def _activity(plan: Plan, code: str) -> Activity:
    try:
        return plan.activity(code.strip())
    except UnknownNameError as exc:
        raise _unknown(exc, f"activity codes look like 2.3.8; '{PROG} list' lists them") from None


def _objective_code(plan: Plan, code: str) -> str:
    try:
        return plan.objective(code).code
    except UnknownNameError as exc:
        known = ", ".join(o.code for o in plan.strategic_objectives)
        raise _unknown(
            exc, f"objective codes are strategic ({known}) or specific, like 2.3"
        ) from None


# -- summary -------------------------------------------------------------------------------
def _summary_data(plan: Plan) -> dict[str, Any]:
    acts = plan.activities
    by_objective = acts.count_by("objective")
    by_strategic = acts.count_by("strategic_objective")
    by_year = acts.count_by("deadline_year")
    leads = acts.count_by("responsible")
    costs = plan.cost_summary()
    quality = plan.quality_report()
    objectives = [
        {
            "code": so.code,
            "title": so.title,
            "activities": by_strategic.get(so.code, 0),
            "specific_objectives": [
                {"code": sp.code, "title": sp.title, "activities": by_objective.get(sp.code, 0)}
                for sp in plan.specific_objectives_of(so.code)
            ],
        }
        for so in plan.strategic_objectives
    ]
    years = sorted(y for y in by_year if y is not None)
    return {
        "title": plan.title,
        "jurisdiction": plan.jurisdiction,
        "issuer": plan.issuer,
        "period": str(plan.period),
        "dataset_version": plan.dataset_version,
        "activities": len(acts),
        "strategic_objectives": len(plan.strategic_objectives),
        "specific_objectives": len(plan.specific_objectives),
        "institutions": len(plan.institutions),
        "objectives": objectives,
        "deadlines": {
            "by_due_year": {str(y): by_year[y] for y in years},
            "no_due_date": len(acts.without_due_date()),
            "ongoing": len(acts.ongoing()),
            "open_ended": len(
                acts.where(lambda a: a.deadline is not None and a.deadline.is_open_ended)
            ),
            "no_deadline": len(acts.without_deadline()),
        },
        "top_responsible": [
            {"code": inst.code, "name": inst.name, "activities": count}
            for inst, count in leads.most_common(5)
        ],
        "costs": {
            "activities_with_cost": len(costs.with_cost),
            "eur_attached": costs.attached_eur,
            "fragments": costs.fragments,
            "fragments_with_amount": costs.fragments_with_amount,
            "eur_in_fragments": costs.unattributed_eur,
            "fragment_funding_sources": {
                source.value: count for source, count in costs.fragment_sources.items()
            },
        },
        "quality": {
            check.name: {
                "description": check.description,
                "count": check.count,
                "share": check.share,
            }
            for check in quality.checks
        },
    }


def _summary_text(data: Mapping[str, Any], out: _Output) -> list[str]:
    width = out.width
    n = data["activities"]
    lines = [out.bold(line) for line in _table.wrap(data["title"], width)]
    lines += _table.wrap(
        f"{data['jurisdiction']}, {data['period']}; issued by {data['issuer']};"
        f" dataset version {data['dataset_version']}",
        width,
    )

    def heading(text: str) -> None:
        lines.append("")
        lines.extend(out.bold(line) for line in _table.wrap(text, width))

    def table(
        headers: Sequence[str], rows: Sequence[Sequence[str]], flexible: Sequence[int]
    ) -> None:
        lines.extend(_table.render(headers, rows, width=width, flexible=flexible, right=(1,)))

    heading(
        f"Activities by objective ({n} activities; {data['strategic_objectives']} strategic,"
        f" {data['specific_objectives']} specific objectives)"
    )
    rows: list[list[str]] = []
    for so in data["objectives"]:
        rows.append([so["code"], str(so["activities"]), so["title"] or "(no title)"])
        rows.extend(
            [sp["code"], str(sp["activities"]), sp["title"] or "(no title)"]
            for sp in so["specific_objectives"]
        )
    table(["objective", "activities", "title"], rows, (2,))

    deadlines = data["deadlines"]
    heading("Deadlines by year due")
    rows = [[year, str(count)] for year, count in deadlines["by_due_year"].items()]
    rows.append(["no due date", str(deadlines["no_due_date"])])
    table(["due", "activities"], rows, ())
    lines += _table.wrap(
        f"Without a due date: {deadlines['ongoing']} ongoing; {deadlines['open_ended']}"
        f" open-ended in all (ongoing, onwards or annual); {deadlines['no_deadline']} with no"
        " deadline at all.",
        width,
    )

    heading("Institutions leading the most activities")
    rows = [
        [entry["code"], str(entry["activities"]), entry["name"] or ""]
        for entry in data["top_responsible"]
    ]
    table(["institution", "leads", "name"], rows, (2,))

    costs = data["costs"]
    heading("Costs")
    funding = ", ".join(f"{s} ({c})" for s, c in costs["fragment_funding_sources"].items())
    for text in (
        f"Activities with a cost attached: {costs['activities_with_cost']} of {n}"
        f" (EUR {costs['eur_attached']:,} attached).",
        f"Cost fragments the source does not tie to any activity, stated apart:"
        f" {costs['fragments']} ({costs['fragments_with_amount']} with an amount,"
        f" EUR {costs['eur_in_fragments']:,} in all).",
        f"Funding categories named in the fragments: {funding or 'none'}.",
    ):
        lines += _table.wrap(text, width, indent="  ")

    heading(f"Quality report ({n} activities)")
    rows = [
        [name.replace("_", " "), str(check["count"]), f"{check['share']:.1%}", check["description"]]
        for name, check in data["quality"].items()
    ]
    lines.extend(
        _table.render(
            ["check", "activities", "share", "what it flags"],
            rows,
            width=width,
            flexible=(3,),
            right=(1, 2),
        )
    )
    return lines


def _cmd_summary(args: argparse.Namespace, out: _Output) -> int:
    data = _summary_data(_load(args.plan))
    if args.format == "json":
        out.machine(_json_text(data))
    else:
        out.lines(_summary_text(data, out))
    return EXIT_OK


# -- list ----------------------------------------------------------------------------------
def _select(plan: Plan, args: argparse.Namespace) -> Activities:
    """The plan's activities narrowed by every filter given (filters combine with AND)."""
    acts = plan.activities
    if args.role != "any" and args.institution is None:
        raise CliError(f"--role {args.role} needs --institution NAME (see '{PROG} list --help')")
    if args.institution is not None:
        inst = _institution(plan, args.institution)
        acts = acts.involving(inst, role=None if args.role == "any" else args.role)
    if args.objective is not None:
        acts = acts.under(_objective_code(plan, args.objective))
    if args.due_from is not None or args.due_to is not None:
        if args.due_from is not None and args.due_to is not None and args.due_from > args.due_to:
            raise CliError(
                f"--due-from {args.due_from} is after --due-to {args.due_to}; give the earlier"
                " date first"
            )
        if args.due_from is None:
            acts = acts.due_by(args.due_to)
        else:
            acts = acts.due_between(args.due_from, args.due_to or date.max)
    if args.overdue_as_of is not None:
        acts = acts.overdue(args.overdue_as_of)
    if args.ongoing:
        acts = acts.ongoing()
    if args.search is not None:
        if not _table.clean(args.search):
            raise CliError("--search needs some text to look for")
        acts = acts.search(args.search)
    return acts


def _names(institutions: Sequence[Institution]) -> str:
    return ", ".join(i.code for i in institutions)


def _cmd_list(args: argparse.Namespace, out: _Output) -> int:
    plan = _load(args.plan)
    acts = _select(plan, args)
    if args.format == "json":
        out.machine(_json_text(to_records(acts)))
    elif args.format == "csv":
        out.machine(_csv_text(RECORD_COLUMNS, to_records(acts)))
    elif args.format == "markdown":
        headers = ["code", "deadline", "responsible", "supporting", "description"]
        rows = [
            [
                a.code,
                "" if a.deadline is None else str(a.deadline),
                _names(a.responsible),
                _names(a.supporting),
                a.description or "",
            ]
            for a in acts
        ]
        out.lines(_markdown(headers, rows))
    else:
        if not acts:
            out.lines(["no activity matches"])
            return EXIT_OK
        rows = [
            [
                a.code,
                "(none)" if a.deadline is None else str(a.deadline),
                _names(a.responsible) or "(none)",
                a.description or "(no description)",
            ]
            for a in acts
        ]
        out.table(["code", "deadline", "responsible", "description"], rows, flexible=(2, 3))
        out.lines([_plural(len(acts), "activity", "activities")])
    return EXIT_OK


# -- show ----------------------------------------------------------------------------------
_LABEL = 16


def _field(label: str, value: str, width: int) -> list[str]:
    """``  label        value`` with the value wrapped under itself."""
    first = f"  {label:<{_LABEL - 3}} "
    return _table.wrap(value, width, first=first, indent=" " * _LABEL)


def _describe(inst: Institution) -> str:
    if inst.name:
        return f"{inst.code}: {inst.name}"
    return f"{inst.code} ({inst.kind.value})"


def _deadline_text(activity: Activity) -> str:
    d = activity.deadline
    cell = activity.provenance.deadline_cell
    printed = f"; as printed: {cell!r}" if cell is not None else ""
    if d is None:
        return f"none given{printed}"
    start = "no start" if d.start is None else f"start {d.start}"
    due = "no due date" if d.due is None else f"due {d.due}"
    return f"{d} ({d.kind.value}: {start}, {due}{printed})"


def _show_data(plan: Plan, activity: Activity) -> dict[str, Any]:
    prov = activity.provenance
    record: dict[str, Any] = to_records([activity])[0]
    record["provenance"] = {
        "lines": list(prov.lines),
        "raw": prov.raw,
        "responsible_cell": prov.responsible_cell,
        "supporting_cell": prov.supporting_cell,
        "deadline_cell": prov.deadline_cell,
        "notes": [
            {"field": n.field, "text": n.text, "confidence": n.confidence.value} for n in prov.notes
        ],
    }
    return record


def _cmd_show(args: argparse.Namespace, out: _Output) -> int:
    plan = _load(args.plan)
    activity = _activity(plan, args.code)
    if args.format == "json":
        out.machine(_json_text(_show_data(plan, activity)))
        return EXIT_OK
    width = out.width
    specific = plan.objective(activity.specific_objective_code)
    strategic = plan.objective(activity.strategic_objective_code)
    lines = [out.bold(f"Activity {activity.code}")]
    lines += _field("objective", f"{specific.code} {specific.title or '(no title)'}", width)
    lines += _field("strategic", f"{strategic.code} {strategic.title or '(no title)'}", width)
    for label, text in (
        ("description", activity.description),
        ("results", activity.expected_results),
        ("indicators", activity.indicators),
        ("verification", activity.sources_of_verification),
    ):
        lines += _field(label, text or "(none given)", width)
    for label, insts in (
        ("responsible", activity.responsible),
        ("supporting", activity.supporting),
    ):
        if not insts:
            lines += _field(label, "(none given)", width)
        for i, inst in enumerate(insts):
            lines += _field(label if i == 0 else "", _describe(inst), width)
    lines += _field("deadline", _deadline_text(activity), width)
    cost = activity.cost
    if cost is None:
        lines += _field("cost", "none attached", width)
    else:
        eur = "" if cost.amount_eur is None else f"; EUR {cost.amount_eur:,}"
        sources = ", ".join(s.value for s in cost.sources)
        lines += _field("cost", f"{cost.text!r}{eur}{'; ' + sources if sources else ''}", width)

    prov = activity.provenance
    lines += ["", out.bold("Provenance")]
    lines += _field("source lines", ", ".join(str(n) for n in prov.lines) or "(none)", width)
    lines += _field("raw row", prov.raw or "(none)", width)
    cells = "; ".join(
        f"{label} {cell!r}"
        for label, cell in (
            ("responsible", prov.responsible_cell),
            ("supporting", prov.supporting_cell),
            ("deadline", prov.deadline_cell),
        )
        if cell is not None
    )
    lines += _field("cells", cells or "(none kept)", width)
    if not prov.notes:
        lines += _field("notes", "(none)", width)
    for i, note in enumerate(prov.notes):
        text = f"[{note.field}, {note.confidence.value}] {note.text}"
        lines += _field("notes" if i == 0 else "", text, width)
    out.lines(lines)
    return EXIT_OK


# -- institutions --------------------------------------------------------------------------
def _institution_rows(plan: Plan) -> list[dict[str, Any]]:
    leads = {inst.code: n for inst, n in plan.activities.count_by("responsible").items()}
    supports = {inst.code: n for inst, n in plan.activities.count_by("supporting").items()}
    return [
        {
            "code": inst.code,
            "kind": inst.kind.value,
            "name": inst.name,
            "name_confidence": None if inst.name_confidence is None else inst.name_confidence.value,
            "aliases": list(inst.aliases),
            "note": inst.note,
            "leads": leads.get(inst.code, 0),
            "supports": supports.get(inst.code, 0),
        }
        for inst in plan.institutions
    ]


_INSTITUTION_COLUMNS = (
    "code",
    "kind",
    "name",
    "name_confidence",
    "aliases",
    "note",
    "leads",
    "supports",
)


def _cmd_institutions(args: argparse.Namespace, out: _Output) -> int:
    rows = _institution_rows(_load(args.plan))
    if args.format == "json":
        out.machine(_json_text(rows))
    elif args.format == "csv":
        out.machine(_csv_text(_INSTITUTION_COLUMNS, rows))
    else:
        headers = ["code", "kind", "leads", "supports", "name"]
        cells = [
            [r["code"], r["kind"], str(r["leads"]), str(r["supports"]), r["name"] or ""]
            for r in rows
        ]
        if args.format == "markdown":
            out.lines(_markdown(headers, cells))
        else:
            out.table(headers, cells, flexible=(0, 4), right=(2, 3))
            out.lines([_plural(len(rows), "institution")])
    return EXIT_OK


# -- deadline ------------------------------------------------------------------------------
def _deadline_data(text: str, d: Deadline) -> dict[str, Any]:
    return {
        "text": text,
        "canonical": str(d),
        "kind": d.kind.value,
        "meaning": _KIND_MEANING.get(d.kind, ""),
        "start": None if d.start is None else d.start.isoformat(),
        "due": None if d.due is None else d.due.isoformat(),
        "open_ended": d.is_open_ended,
        "ongoing": d.is_ongoing,
        "recurring": d.is_recurring,
        "edtf": d.to_edtf(),
    }


def _cmd_deadline(args: argparse.Namespace, out: _Output) -> int:
    text = " ".join(args.text)
    try:
        d = parse_deadline(text)
    except DeadlineParseError as exc:
        raise CliError(_table.clean(str(exc)), EXIT_USAGE) from None
    data = _deadline_data(text, d)
    if args.format == "json":
        out.machine(_json_text(data))
        return EXIT_OK

    def yes(flag: bool) -> str:
        return "yes" if flag else "no"

    lines: list[str] = []
    for label, value in (
        ("text", repr(text)),
        ("canonical", data["canonical"]),
        ("kind", f"{data['kind']} ({data['meaning']})"),
        ("start", data["start"] or "none (no start date)"),
        ("due", data["due"] or "none (no due date)"),
        ("open-ended", yes(d.is_open_ended)),
        ("ongoing", yes(d.is_ongoing)),
        ("recurring", yes(d.is_recurring)),
        ("EDTF", data["edtf"]),
    ):
        lines += _field(label, value, out.width)
    out.lines(lines)
    return EXIT_OK


# -- export --------------------------------------------------------------------------------
def _cmd_export(args: argparse.Namespace, out: _Output) -> int:
    return cli_tables.export(_load(args.plan), args, out, CliError)


# -- validate ------------------------------------------------------------------------------
def _cmd_validate(args: argparse.Namespace, out: _Output) -> int:
    path: str = args.file
    try:
        if path == "-":
            plan = loads_plan(sys.stdin.buffer.read(), source="standard input")
        else:
            plan = load_plan(path)
    except PlanLoadError as exc:
        summary = _table.clean(str(exc).split("\n", 1)[0])
        if exc.problems:
            if isinstance(exc, PlanTableError):
                out.lines(cli_tables.problem_lines(exc))
            else:
                out.lines(_table.clean(p) for p in exc.problems)
            summary += f" ({_plural(len(exc.problems), 'problem')}, listed on standard output)"
        raise CliError(summary, EXIT_INVALID_PLAN) from None
    out.lines(
        [
            f"OK: {path} is a valid plan file: {len(plan.strategic_objectives)} strategic and"
            f" {len(plan.specific_objectives)} specific objectives,"
            f" {_plural(len(plan.activities), 'activity', 'activities')},"
            f" {_plural(len(plan.institutions), 'institution')}"
        ]
    )
    return EXIT_OK


# -- the parser ----------------------------------------------------------------------------
def _add_plan_option(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--plan",
        metavar="FILE",
        default=default,
        help="use the plan in FILE (a JSON plan file, an .xlsx workbook, a .csv of"
        " activities or a data package folder, as 'export' writes them; '-' reads JSON"
        " from standard input) instead of the bundled plan",
    )


def _add_format(parser: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=default,
        help=f"output format: {', '.join(choices)} (default: {default})",
    )


_Command = Callable[[argparse.Namespace, _Output], int]


def _fill(text: str) -> str:
    """A help paragraph refilled to 78 columns (the help formatter keeps it as is)."""
    return textwrap.fill(" ".join(text.split()), 78)


def _subcommand(
    sub: Any, name: str, summary: str, description: str, examples: str, handler: _Command
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=summary,
        description=_fill(description),
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_plan_option(parser, argparse.SUPPRESS)
    parser.set_defaults(handler=handler)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser (exposed for documentation and tests)."""
    parser = _Parser(
        prog=PROG,
        description=_fill(
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
    _add_plan_option(parser, None)
    sub = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")

    p = _subcommand(
        sub,
        "summary",
        "the plan at a glance",
        "The plan at a glance: title and period, activities per strategic and specific\n"
        "objective, deadlines by year due (and how many are ongoing or open-ended), the\n"
        "institutions that lead the most activities, what the source says about costs,\n"
        "and the quality report's headline numbers.",
        f"  {PROG} summary\n  {PROG} summary --format json\n  {PROG} --plan my_plan.json summary",
        _cmd_summary,
    )
    _add_format(p, ("text", "json"), "text")

    p = _subcommand(
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
        f"  {PROG} list --overdue-as-of 2017-01-01 --format csv > late.csv\n"
        f"  {PROG} list --search child --format json",
        _cmd_list,
    )
    p.add_argument(
        "--institution", metavar="NAME", help="an institution's code, alias or name (any case)"
    )
    p.add_argument(
        "--role",
        choices=_ROLES,
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
        "--due-from", metavar="DATE", type=_iso_date, help="due on or after DATE (YYYY-MM-DD)"
    )
    p.add_argument(
        "--due-to", metavar="DATE", type=_iso_date, help="due on or before DATE (YYYY-MM-DD)"
    )
    p.add_argument(
        "--overdue-as-of",
        metavar="DATE",
        type=_iso_date,
        help="due before DATE (YYYY-MM-DD), i.e. overdue on DATE unless done",
    )
    p.add_argument(
        "--ongoing", action="store_true", help="only activities whose deadline is 'ongoing'"
    )
    p.add_argument(
        "--search",
        metavar="TEXT",
        help="text in the description, results, indicators or sources of verification"
        " (ignoring case and accents)",
    )
    _add_format(p, _TABLE_FORMATS, "table")

    p = _subcommand(
        sub,
        "show",
        "one activity in full, with its provenance",
        "One activity in full: its objectives, texts, institutions, deadline and cost, and\n"
        "its provenance: the source lines, the raw row as extracted, the cells as printed\n"
        "and every note on how it was reconstructed (with field and confidence).",
        f"  {PROG} show 2.3.8\n  {PROG} show 1.1.1 --format json",
        _cmd_show,
    )
    p.add_argument("code", metavar="CODE", help="an activity code, such as 2.3.8")
    _add_format(p, ("text", "json"), "text")

    p = _subcommand(
        sub,
        "institutions",
        "the institution registry, with activities led and supported",
        "The plan's institution registry in registry order, with how many activities each\n"
        "institution leads (is responsible for) and supports.",
        f"  {PROG} institutions\n  {PROG} institutions --format csv > institutions.csv",
        _cmd_institutions,
    )
    _add_format(p, _TABLE_FORMATS, "table")

    p = _subcommand(
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
        _cmd_deadline,
    )
    p.add_argument("text", metavar="TEXT", nargs="+", help="the deadline text (words are joined)")
    _add_format(p, ("text", "json"), "text")

    p = _subcommand(
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
        _cmd_export,
    )
    cli_tables.add_export_options(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output ('-' is standard output)",
    )

    p = _subcommand(
        sub,
        "validate",
        "check a plan file and list every problem",
        "Check a plan file: JSON, an .xlsx workbook, a .csv of activities or a data\n"
        "package. A valid file prints one OK line and exits 0; an invalid one prints every\n"
        "problem on standard output (the JSON path of the field, or a table of sheet, row,\n"
        "column, value and problem) and exits 1. Does not read --plan.",
        f"  {PROG} validate plan.json\n  {PROG} validate my_plan.xlsx\n"
        f"  {PROG} export | {PROG} validate -",
        _cmd_validate,
    )
    p.add_argument("file", metavar="FILE", help="the plan file ('-' reads standard input)")
    cli_tables.add_parsers(sub, subcommand=_subcommand, load=_load, error=CliError, prog=PROG)
    return parser


# -- entry point ---------------------------------------------------------------------------
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
        handler: _Command | None = getattr(args, "handler", None)
        if handler is None:
            commands = "summary, list, show, institutions, deadline, export, validate, template"
            raise CliError(f"no command given; choose one of {commands} (see '{PROG} --help')")
        status = handler(args, _Output(sys.stdout))
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
        if os.environ.get(_DEBUG_ENV):
            raise
        _report(
            f"unexpected {type(exc).__name__}: {exc} (set {_DEBUG_ENV}=1 to see the traceback;"
            " please report this)"
        )
        return EXIT_INVALID_PLAN
