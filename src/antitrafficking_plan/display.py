"""HTML renderings of plans, activities and institutions, for Jupyter and other notebooks.

Notebooks call ``_repr_html_`` on the last value of a cell; :class:`~antitrafficking_plan.Plan`,
:class:`~antitrafficking_plan.Activity`, :class:`~antitrafficking_plan.Institution` and
``Activities`` delegate theirs to the functions here, which can also be called directly
(for a report, an e-mail, a static page). The output is a small, self-contained HTML
fragment: plain tables with inline styles, no script, no dependency. Every piece of text
from the data is escaped with :func:`html.escape`, so text in a plan file can never inject
markup.

>>> from antitrafficking_plan import load_plan
>>> from antitrafficking_plan.display import activity_html
>>> html = activity_html(load_plan().activity("1.1.2"))
>>> html.startswith("<div") and "1.1.2" in html
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import singledispatch
from html import escape
from typing import Any

from ._table import plural
from .aggregate import CostSummary, QualityReport, Timeline, Workload
from .collection import Activities, Groups
from .deadline import Deadline
from .model import Activity, Institution, _shorten
from .plan import Plan
from .progress import Changes, LateReport, Progress, StatusTable
from .results import Counts, FrozenMap, _key_text
from .summary import PlanSummary

__all__ = [
    "activities_html",
    "activity_html",
    "cost_summary_html",
    "counts_html",
    "groups_html",
    "institution_html",
    "mapping_html",
    "plan_html",
    "quality_html",
    "summary_html",
    "timeline_html",
    "to_html",
    "workload_html",
]

#: How many activities :func:`activities_html` shows unless told otherwise.
DEFAULT_LIMIT = 20
#: How many characters of a description a row of :func:`activities_html` shows.
DESCRIPTION_WIDTH = 120

_BOX = "font-size:0.9em;line-height:1.35"
_TABLE = "border-collapse:collapse;margin:0.3em 0"
_CELL = "text-align:left;vertical-align:top;padding:2px 8px;border-bottom:1px solid #ddd"
_HEAD = _CELL + ";font-weight:bold"
_MUTED = "color:#777"


def _e(value: object) -> str:
    """``value`` as escaped text (quotes included)."""
    return escape(str(value), quote=True)


def _muted(text: str) -> str:
    return f'<span style="{_MUTED}">{_e(text)}</span>'


def _table(header: Sequence[str] | None, rows: Iterable[Sequence[str]]) -> str:
    """A table of already-escaped cell HTML; ``header`` cells are escaped here."""
    parts = [f'<table style="{_TABLE}">']
    if header is not None:
        cells = "".join(f'<th style="{_HEAD}">{_e(h)}</th>' for h in header)
        parts.append(f"<thead><tr>{cells}</tr></thead>")
    parts.append("<tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(f'<td style="{_CELL}">{c}</td>' for c in row) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _fields(rows: Iterable[tuple[str, str]]) -> str:
    """A two-column label/value table; labels are escaped here, values are HTML."""
    return _table(None, ([f"<b>{_e(label)}</b>", value] for label, value in rows))


def _deadline_html(deadline: Deadline | None) -> str:
    if deadline is None:
        return _muted("none given")
    start = "…" if deadline.start is None else deadline.start.isoformat()
    due = "…" if deadline.due is None else deadline.due.isoformat()
    return f"{_e(deadline)} {_muted(f'({deadline.kind.value}: {start} to {due})')}"


def _objective_title_html(reading: str | None, printed: str | None) -> str:
    """The reading of a title, with the pieces as printed one click away."""
    if printed is None:
        return _muted("no title in the source")
    if reading is None or reading == printed:
        return _e(printed)
    return f"{_e(reading)}<details><summary>{_muted('as printed')}</summary>{_e(printed)}</details>"


def _institutions_html(institutions: Sequence[Institution]) -> str:
    if not institutions:
        return _muted("none")
    return ", ".join(
        f'<abbr title="{_e(i.name)}">{_e(i.code)}</abbr>' if i.name else _e(i.code)
        for i in institutions
    )


def _text_or_none(text: str | None) -> str:
    return _muted("none given") if text is None else _e(text)


def institution_html(institution: Institution) -> str:
    """An HTML card of one institution: code, kind, name and how sure it is, aliases, note.

    >>> from antitrafficking_plan import Institution
    >>> html = institution_html(Institution("MLSW", name="Ministry of Labour & Social Welfare"))
    >>> "Ministry of Labour &amp; Social Welfare" in html
    True
    """
    inst = institution
    name = _muted("not established") if inst.name is None else _e(inst.name)
    if inst.name is not None and inst.name_confidence is not None:
        name += " " + _muted(f"({inst.name_confidence.value})")
    rows = [("code", _e(inst.code)), ("kind", _e(inst.kind.value)), ("name", name)]
    if inst.aliases:
        rows.append(("also written", ", ".join(_e(a) for a in inst.aliases)))
    if inst.note:
        rows.append(("note", _e(inst.note)))
    return f'<div style="{_BOX}"><b>Institution {_e(inst.code)}</b>{_fields(rows)}</div>'


def activity_html(activity: Activity) -> str:
    """An HTML card of one activity: its texts, institutions, deadline, cost and provenance.

    >>> from antitrafficking_plan import Activity
    >>> html = activity_html(Activity("9.9.9", description="<b>not bold</b>"))
    >>> "&lt;b&gt;not bold&lt;/b&gt;" in html and "<b>not bold</b>" not in html
    True
    """
    a = activity
    rows = [
        ("objective", _e(f"{a.strategic_objective_code} › {a.specific_objective_code}")),
        ("description", _text_or_none(a.description)),
        ("expected results", _text_or_none(a.expected_results)),
        ("indicators", _text_or_none(a.indicators)),
        ("sources of verification", _text_or_none(a.sources_of_verification)),
        ("responsible", _institutions_html(a.responsible)),
        ("supporting", _institutions_html(a.supporting)),
        ("deadline", _deadline_html(a.deadline)),
    ]
    if a.cost is not None:
        cost = _e(a.cost.text)
        if a.cost.amount is not None:
            cost += " " + _muted(f"(amount {a.cost.amount:,}; currency not stated)")
        if a.cost.sources:
            cost += " " + _muted("(" + ", ".join(s.value for s in a.cost.sources) + ")")
        rows.append(("cost", cost))
    else:
        rows.append(("cost", _muted("none given")))
    prov = a.provenance
    if prov.lines:
        rows.append(("source lines", _e(", ".join(str(n) for n in prov.lines))))
    if prov.notes:
        items = "".join(
            f"<li>{_e(n.field)}: {_e(n.text)} {_muted(f'({n.confidence.value})')}</li>"
            for n in prov.notes
        )
        rows.append(("notes", f'<ul style="margin:0;padding-left:1.2em">{items}</ul>'))
    return f'<div style="{_BOX}"><b>Activity {_e(a.code)}</b>{_fields(rows)}</div>'


def activities_html(activities: Iterable[Activity], limit: int | None = DEFAULT_LIMIT) -> str:
    """An HTML table of activities, one row each: code, description, institutions, deadline.

    Shows the first ``limit`` activities (all of them when ``limit`` is ``None``) and says
    how many more there are. Descriptions are cut to :data:`DESCRIPTION_WIDTH` characters.

    >>> from antitrafficking_plan import load_plan
    >>> html = activities_html(load_plan().activities, limit=3)
    >>> html.count("<tr>"), "83 more" in html
    (4, True)
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0 or None, not {limit}")
    items = list(activities)
    shown = items if limit is None else items[:limit]
    rows = [
        [
            f"<b>{_e(a.code)}</b>",
            _muted("none given")
            if a.description is None
            else _e(_shorten(a.description, DESCRIPTION_WIDTH)),
            _institutions_html(a.responsible),
            _institutions_html(a.supporting),
            _muted("none given") if a.deadline is None else _e(a.deadline),
        ]
        for a in shown
    ]
    count = f"{len(items)} activit{'y' if len(items) == 1 else 'ies'}"
    more = len(items) - len(shown)
    footer = f"<div>{_muted(f'… {more} more (of {len(items)})')}</div>" if more else ""
    table = _table(["code", "description", "responsible", "supporting", "deadline"], rows)
    return f'<div style="{_BOX}"><b>{_e(count)}</b>{table}{footer}</div>'


def plan_html(plan: Plan) -> str:
    """An HTML summary of a plan: what it is, and its objectives with their activity counts.

    >>> from antitrafficking_plan import load_plan
    >>> html = plan_html(load_plan())
    >>> "86 activities" in html and "Kosovo" in html
    True
    """
    counts = plan.activities.count_by("strategic_objective")
    specific = {s.code: plan.specific_objectives_of(s.code) for s in plan.strategic_objectives}
    meta = [
        ("jurisdiction", _e(plan.jurisdiction)),
        ("issuer", _e(plan.issuer)),
        ("period", _e(plan.period)),
        ("source", _e(plan.source.title)),
        ("dataset version", _e(plan.dataset_version)),
        (
            "contents",
            _e(
                f"{plural(len(plan.strategic_objectives), 'strategic objective')}, "
                f"{plural(len(plan.specific_objectives), 'specific objective')}, "
                f"{plural(len(plan.activities), 'activity', 'activities')}, "
                f"{plural(len(plan.institutions), 'institution')}, "
                f"{plural(len(plan.cost_fragments), 'cost fragment')}"
            ),
        ),
    ]
    objectives = [
        [
            f"<b>{_e(s.code)}</b>",
            _muted("—") if s.label is None else _e(s.label),
            _objective_title_html(s.reading, s.title),
            _e(len(specific[s.code])),
            _e(counts.get(s.code, 0)),
        ]
        for s in plan.strategic_objectives
    ]
    table = _table(
        ["objective", "label (editorial)", "title", "specific objectives", "activities"],
        objectives,
    )
    return f'<div style="{_BOX}"><b>{_e(plan.title)}</b>{_fields(meta)}{table}</div>'


def _box(title: str, body: str, note: str = "") -> str:
    """A titled fragment: the bold ``title`` (escaped), the ``body`` HTML, a muted note."""
    footer = f"<div>{_muted(note)}</div>" if note else ""
    return f'<div style="{_BOX}"><b>{_e(title)}</b>{body}{footer}</div>'


def _cells(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A table of plain values, every cell escaped."""
    return _table(header, ([_e(c) for c in row] for row in rows))


def _bar(count: int, peak: int) -> str:
    width = 0 if peak == 0 else round(160 * count / peak)
    style = f"display:inline-block;height:0.8em;width:{width}px;background:#4C72B0"
    return f'<span style="{style}"></span>'


def mapping_html(mapping: FrozenMap[object, object]) -> str:
    """An HTML key/value table of a result mapping (the first :data:`DEFAULT_LIMIT` keys).

    >>> from antitrafficking_plan.results import FrozenMap
    >>> "<td" in mapping_html(FrozenMap({"a": 1}))
    True
    """
    shown, note = _first(list(mapping.items()))
    rows = [[_key_text(k), v] for k, v in shown]
    return _box(
        f"{type(mapping).__name__} of {plural(len(mapping), 'key')}",
        _cells(["key", "value"], rows),
        note,
    )


def counts_html(counts: Counts[object]) -> str:
    """An HTML table of counts, most frequent first, institutions with their names.

    >>> from antitrafficking_plan import load_plan
    >>> "MLSW" in counts_html(load_plan().activities.count_by("responsible"))
    True
    """
    shown, note = _first(list(counts.items()))
    rows = [[_key_html(k), _e(n)] for k, n in shown]
    title = f"Counts: {plural(len(counts), 'key')}, {counts.total} in all"
    return _box(title, _table(["key", "count"], rows), note)


def _first(items: list[tuple[Any, Any]]) -> tuple[list[tuple[Any, Any]], str]:
    """The first :data:`DEFAULT_LIMIT` items, and a note of how many more there are."""
    shown = items[:DEFAULT_LIMIT]
    more = len(items) - len(shown)
    return shown, (f"… {more} more (of {len(items)})" if more else "")


def _key_html(key: object) -> str:
    if isinstance(key, Institution):
        return _institutions_html([key])
    return _muted("none") if key is None else _e(_key_text(key))


def groups_html(groups: Groups[object]) -> str:
    """An HTML table of groups: key, size and the codes of the activities in each.

    >>> from antitrafficking_plan import load_plan
    >>> "1.1.1" in groups_html(load_plan().activities.group_by("strategic_objective"))
    True
    """
    shown, note = _first(list(groups.items()))
    rows = [
        [_key_html(k), _e(len(g)), _e(_shorten(", ".join(g.codes), DESCRIPTION_WIDTH))]
        for k, g in shown
    ]
    title = f"Groups: {plural(len(groups), 'group')}"
    return _box(title, _table(["key", "activities", "codes"], rows), note)


def workload_html(workload: Workload) -> str:
    """An HTML table of a workload: activities each institution leads and supports, in
    all and by objective (zeros muted).

    >>> from antitrafficking_plan import load_plan
    >>> "MLSW" in workload_html(load_plan().workload())
    True
    """
    headers, rows = workload.table()
    shown, more = _first(list(zip(workload.rows, rows, strict=True)))
    body = []
    for row, cells in shown:
        numbers = [_muted("0") if c == "0" else _e(c) for c in cells[1:]]
        body.append([_institutions_html([row.institution]), *numbers])
    note = (
        f"{more + ' institutions; ' if more else ''}led: the institution is responsible for"
        " the activity; sup: it supports it. Hover a code for the institution's name."
    )
    return _box(repr(workload).strip("<>"), _table(headers, body), note)


def timeline_html(timeline: Timeline) -> str:
    """An HTML table of a timeline: the activities running in each period, with a bar.

    >>> from antitrafficking_plan import load_plan
    >>> "2016" in timeline_html(load_plan().timeline())
    True
    """
    peak = max((p.count for p in timeline.periods), default=0)
    rows = [[_e(p.label), _e(p.count), _bar(p.count, peak)] for p in timeline.periods]
    rows.append(
        [_muted("undated"), _e(len(timeline.undated)), _e(", ".join(timeline.undated.codes))]
    )
    if timeline.outside:
        rows.append([_muted("outside"), _e(len(timeline.outside)), ""])
    return _box(repr(timeline).strip("<>"), _table(["period", "activities", ""], rows))


def quality_html(report: QualityReport) -> str:
    """An HTML table of a quality report: each check, its count and share, the codes.

    >>> from antitrafficking_plan import load_plan
    >>> "no_indicator" in quality_html(load_plan().quality_report())
    True
    """
    rows = [
        [c.name, c.count, f"{c.share:.1%}", c.description, ", ".join(c.codes)]
        for c in report.checks
    ]
    title = f"Quality report on {plural(report.total, 'activity', 'activities')}"
    return _box(title, _cells(["check", "activities", "share", "what it flags", "codes"], rows))


def cost_summary_html(summary: CostSummary) -> str:
    """An HTML card of a cost summary (the lines of its text form).

    >>> from antitrafficking_plan import load_plan
    >>> "currency" in cost_summary_html(load_plan().cost_summary())
    True
    """
    items = "".join(f"<li>{_e(line)}</li>" for line in str(summary).split("\n"))
    return _box("Cost summary", f'<ul style="margin:0;padding-left:1.2em">{items}</ul>')


def summary_html(summary: PlanSummary) -> str:
    """An HTML card of a plan summary: objectives, deadlines, leading institutions,
    costs and the quality report.

    >>> from antitrafficking_plan import load_plan
    >>> from antitrafficking_plan.summary import summarize
    >>> "Deadlines by year due" in summary_html(summarize(load_plan()))
    True
    """
    meta = [
        ("jurisdiction", _e(summary.jurisdiction)),
        ("period", _e(summary.period)),
        ("issuer", _e(summary.issuer)),
        ("dataset version", _e(summary.dataset_version)),
    ]
    objectives = []
    for so in summary.objectives:
        shown = ": ".join(t for t in (so.label, so.reading or so.title) if t)
        objectives.append([f"<b>{_e(so.code)}</b>", _e(so.activities), _e(shown or "(no title)")])
        objectives += [
            [_e(sp.code), _e(sp.activities), _e(sp.title or "(no title)")] for sp in so.specific
        ]
    d = summary.deadlines
    deadlines = [[y, n] for y, n in d.by_due_year] + [["no due date", d.no_due_date]]
    leads = [[code, n, name or ""] for code, name, n in summary.top_responsible]
    parts = [
        _fields(meta),
        f"<b>Activities by objective</b>{_table(['objective', 'activities', 'title'], objectives)}",
        f"<b>Deadlines by year due</b>{_cells(['due', 'activities'], deadlines)}",
        _muted(
            f"Without a due date: {d.ongoing} ongoing; {d.open_ended} open-ended in all;"
            f" {d.no_deadline} with no deadline at all."
        ),
        f"<div><b>Institutions leading the most activities</b>"
        f"{_cells(['institution', 'leads', 'name'], leads)}</div>",
        cost_summary_html(summary.costs),
        quality_html(summary.quality),
    ]
    return _box(summary.title, "".join(parts))


def progress_result_html(result: Progress | LateReport | StatusTable | Changes) -> str:
    """An HTML table of a progress result (:mod:`antitrafficking_plan.progress`), titled
    with its date (and FICTIONAL for made-up data), every cell escaped.

    >>> from antitrafficking_plan.demo import demo_plan, demo_status_log
    >>> from antitrafficking_plan.progress import late
    >>> report = late(demo_status_log(), demo_plan(), as_of="2021-01-01")  # fictional
    >>> "FICTIONAL" in progress_result_html(report)
    True
    """
    title, headers, rows = result._parts()
    return _box(title, _cells(headers, rows))


@singledispatch
def to_html(value: object) -> str:
    """The notebook display of any value of the library (its ``_repr_html_``): a card or
    table for plans, activities, institutions, counts, groups, the workload, timeline,
    cost summary, quality report, plan summary and progress results; the text form in a
    box otherwise.

    >>> from antitrafficking_plan import load_plan
    >>> to_html(load_plan().activity("2.3.8")).startswith("<div")
    True
    """
    return f'<div style="{_BOX}"><pre>{_e(value)}</pre></div>'


to_html.register(Institution, institution_html)
to_html.register(Activity, activity_html)
to_html.register(Activities, activities_html)
to_html.register(Plan, plan_html)
to_html.register(FrozenMap, mapping_html)
to_html.register(Counts, counts_html)
to_html.register(Groups, groups_html)
to_html.register(Workload, workload_html)
to_html.register(Timeline, timeline_html)
to_html.register(QualityReport, quality_html)
to_html.register(CostSummary, cost_summary_html)
to_html.register(PlanSummary, summary_html)
for _result in (Progress, LateReport, StatusTable, Changes):
    to_html.register(_result, progress_result_html)
