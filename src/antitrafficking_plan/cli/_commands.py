"""The commands: each a thin layer over the library's public API, so the command line
answers exactly what a Python user would get."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from .. import _table
from ..codec import read_plan_stream
from ..collection import Activities
from ..dataset import load_plan
from ..deadline import Deadline, parse_deadline
from ..errors import DeadlineParseError, PlanLoadError, PlanTableError, UnknownNameError
from ..export import RECORD_COLUMNS, to_records
from ..model import Activity, Institution
from ..plan import Plan
from ..summary import summarize
from ._output import (
    EXIT_INVALID_PLAN,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    CliError,
    Output,
    csv_text,
    json_text,
    markdown,
    plural,
    problem_lines,
)


# -- loading the plan --------------------------------------------------------------------
def load(path: str | None) -> Plan:
    """The plan at ``path`` (``"-"`` is standard input), or the bundled plan."""
    if path is None:
        return load_plan()
    try:
        return read_stdin() if path == "-" else load_plan(path)
    except PlanLoadError as exc:
        raise CliError(_load_error_line(exc, path), EXIT_INVALID_PLAN) from None


def read_stdin() -> Plan:
    """The plan on standard input, read within ``MAX_PLAN_BYTES``."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise PlanLoadError(
            "standard input is closed, so there is no plan to read from '-'; pipe a plan "
            "file in, or give its path instead"
        )
    return read_plan_stream(stream, source="standard input")


def _load_error_line(exc: PlanLoadError, path: str) -> str:
    summary = str(exc).split("\n", 1)[0]
    if not exc.problems:
        return summary
    line = f"{summary}: {exc.problems[0]}"
    if len(exc.problems) > 1:
        more = len(exc.problems) - 1
        line += f" (and {plural(more, 'more problem')}; run '{PROG} validate {path}' to list them)"
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
        objective = _objective_or_none(plan, code)
        if objective is not None:
            kind = "strategic" if "." not in objective else "specific"
            raise CliError(
                f"{objective} is a {kind} objective, not an activity; list its activities with"
                f" '{PROG} list --objective {objective}' (activity codes look like"
                f" {objective}{'.1' if kind == 'specific' else '.1.1'})"
            ) from None
        raise _unknown(exc, f"activity codes look like 2.3.8; '{PROG} list' lists them") from None


def _objective_or_none(plan: Plan, code: str) -> str | None:
    """The code of the objective ``code`` names, or None when it names none."""
    try:
        return plan.objective(code).code
    except UnknownNameError:
        return None


def _objective_code(plan: Plan, code: str) -> str:
    try:
        return plan.objective(code).code
    except UnknownNameError as exc:
        known = ", ".join(o.code for o in plan.strategic_objectives)
        raise _unknown(
            exc, f"objective codes are strategic ({known}) or specific, like 2.3"
        ) from None


# -- summary -------------------------------------------------------------------------------
def cmd_summary(args: argparse.Namespace, out: Output) -> int:
    summary = summarize(load(args.plan))
    if args.format == "json":
        out.machine(json_text(summary.to_dict()))
    else:
        out.lines(summary.to_text(out.width, style=out.bold))
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
    if args.no_deadline:
        acts = acts.without_deadline()
    if args.no_responsible:
        # The activities the quality report flags: none responsible that can be identified.
        flagged = frozenset(plan.quality_report().no_responsible.codes)
        acts = acts.where(lambda a: a.code in flagged)
    if args.search is not None:
        if not _table.clean(args.search):
            raise CliError("--search needs some text to look for")
        acts = acts.search(args.search)
    return acts


def _names(institutions: Sequence[Institution]) -> str:
    return ", ".join(i.code for i in institutions)


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    plan = load(args.plan)
    acts = _select(plan, args)
    if args.format == "json":
        out.machine(json_text(to_records(acts)))
    elif args.format == "csv":
        out.machine(csv_text(RECORD_COLUMNS, to_records(acts)))
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
        out.lines(markdown(headers, rows))
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
        out.lines([plural(len(acts), "activity", "activities")])
    return EXIT_OK


# -- show ----------------------------------------------------------------------------------
_field = _table.field


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


def cmd_show(args: argparse.Namespace, out: Output) -> int:
    plan = load(args.plan)
    activity = _activity(plan, args.code)
    if args.format == "json":
        out.machine(json_text(_show_data(plan, activity)))
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
        amount = "" if cost.amount is None else f"; amount {cost.amount:,} (currency not stated)"
        sources = ", ".join(s.value for s in cost.sources)
        lines += _field("cost", f"{cost.text!r}{amount}{'; ' + sources if sources else ''}", width)

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


def cmd_institutions(args: argparse.Namespace, out: Output) -> int:
    rows = _institution_rows(load(args.plan))
    if args.format == "json":
        out.machine(json_text(rows))
    elif args.format == "csv":
        out.machine(csv_text(_INSTITUTION_COLUMNS, rows))
    else:
        headers = ["code", "kind", "leads", "supports", "name"]
        cells = [
            [r["code"], r["kind"], str(r["leads"]), str(r["supports"]), r["name"] or ""]
            for r in rows
        ]
        if args.format == "markdown":
            out.lines(markdown(headers, cells))
        else:
            # Codes are short but a few entries (groups, fragments) have only a long code:
            # those wrap in a narrow column, and names get the room left.
            code_width = max(min(16, out.width // 5), 8)
            out.table(
                headers,
                cells,
                flexible=(0, 4),
                right=(2, 3),
                wrapped=(0, 4),
                maximum={0: code_width},
            )
            out.lines([plural(len(rows), "institution")])
    return EXIT_OK


# -- workload, quality, timeline -----------------------------------------------------------
def _tabular(
    out: Output,
    fmt: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
) -> None:
    """Write a result in one of the table formats: csv and json hold the records, the
    table and markdown the text cells."""
    if fmt == "json":
        out.machine(json_text(list(records)))
    elif fmt == "csv":
        out.machine(csv_text(columns, records))
    elif fmt == "markdown":
        out.lines(markdown(headers, rows))


def cmd_workload(args: argparse.Namespace, out: Output) -> int:
    table = load(args.plan).workload(args.level)
    if args.top is not None:
        if args.top < 1:
            raise CliError(f"--top must be 1 or more, not {args.top}")
        table = attrs.evolve(table, rows=table.rows[: args.top])
    if args.format == "table":
        out.lines(table.to_text(out.width))
        return EXIT_OK
    headers, rows = table.table()
    columns = [name for name, _ in table.FRAME_COLUMNS]
    _tabular(out, args.format, headers, rows, table.to_records(), columns)
    return EXIT_OK


def cmd_quality(args: argparse.Namespace, out: Output) -> int:
    report = load(args.plan).quality_report()
    if args.format == "table":
        out.lines(report.to_text(out.width))
        return EXIT_OK
    headers = ["check", "activities", "share", "what it flags", "codes"]
    rows = [
        [c.name, str(c.count), f"{c.share:.1%}", c.description, ", ".join(c.codes)]
        for c in report.checks
    ]
    columns = [name for name, _ in report.FRAME_COLUMNS]
    _tabular(out, args.format, headers, rows, report.to_records(), columns)
    return EXIT_OK


def cmd_timeline(args: argparse.Namespace, out: Output) -> int:
    tl = load(args.plan).timeline(args.by)
    if args.format == "table":
        out.lines(tl.to_text(out.width))
        return EXIT_OK
    records: list[dict[str, Any]] = tl.to_records()
    # Nothing left out: the activities no period holds are rows of their own.
    for label, acts in (("undated", tl.undated), ("outside", tl.outside)):
        if acts or label == "undated":
            records.append({"period": label, "start": None, "due": None, "count": len(acts)})
    rows = [
        [str(r["period"]), str(r["start"] or ""), str(r["due"] or ""), str(r["count"])]
        for r in records
    ]
    columns = [name for name, _ in tl.FRAME_COLUMNS]
    _tabular(out, args.format, columns, rows, records, columns)
    return EXIT_OK


# -- deadline ------------------------------------------------------------------------------
def _deadline_data(text: str, d: Deadline) -> dict[str, Any]:
    return {
        "text": text,
        "canonical": str(d),
        "kind": d.kind.value,
        "meaning": d.kind.meaning,
        "start": None if d.start is None else d.start.isoformat(),
        "due": None if d.due is None else d.due.isoformat(),
        "open_ended": d.is_open_ended,
        "ongoing": d.is_ongoing,
        "recurring": d.is_recurring,
        "edtf": d.to_edtf(),
    }


def cmd_deadline(args: argparse.Namespace, out: Output) -> int:
    text = " ".join(args.text)
    try:
        d = parse_deadline(text)
    except DeadlineParseError as exc:
        raise CliError(_table.clean(str(exc)), EXIT_USAGE) from None
    data = _deadline_data(text, d)
    if args.format == "json":
        out.machine(json_text(data))
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


# -- validate ------------------------------------------------------------------------------
def cmd_validate(args: argparse.Namespace, out: Output) -> int:
    path: str = args.file
    try:
        plan = read_stdin() if path == "-" else load_plan(path)
    except PlanLoadError as exc:
        summary = _table.clean(str(exc).split("\n", 1)[0])
        if exc.problems:
            if isinstance(exc, PlanTableError):
                out.lines(problem_lines(exc, out.width))
            else:
                out.lines(_table.clean(p) for p in exc.problems)
            summary += f" ({plural(len(exc.problems), 'problem')}, listed on standard output)"
        raise CliError(summary, EXIT_INVALID_PLAN) from None
    out.lines(
        [
            f"OK: {path} is a valid plan file:"
            f" {plural(len(plan.strategic_objectives), 'strategic objective')},"
            f" {plural(len(plan.specific_objectives), 'specific objective')},"
            f" {plural(len(plan.activities), 'activity', 'activities')},"
            f" {plural(len(plan.institutions), 'institution')}"
        ]
    )
    return EXIT_OK
