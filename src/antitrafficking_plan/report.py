"""A report to share: one self-contained HTML file of a plan and, with a status log, its
progress.

:func:`report_html` returns the whole page as text (``antitrafficking-plan report -o
report.html`` writes it). The file needs nothing else to be read: the stylesheet is inline,
the charts are inline SVG (drawn with matplotlib when it is installed; without it each
chart is replaced by a note, and the tables beside it carry the same numbers), nothing is
loaded from anywhere, and a small inline script only adds a filter to the table of
activities: with scripts disabled the whole report still reads.

The report holds, in order: the counters (activities, due so far, and with a status log
overdue, completed, late and unreported), the plan's metadata and provenance (its caveats
one click away), progress by strategic objective, the late and unreported activities with
their responsible institutions, the workload by institution, the timeline chart, every
activity with its deadline, institutions, status and evidence, and the quality findings of
the plan itself. Every text from a plan or status file is escaped, and text holding
right-to-left script or bidirectional controls is isolated in ``<bdi>`` (in attribute
values and charts the controls are shown as ``[U+202E]``), so a file can neither inject
markup nor reorder the page. There is no hidden "today": a status log needs ``as_of``.

The demo data of :mod:`antitrafficking_plan.demo` is FICTIONAL, and a report of it says
so in a banner, in the chart titles and on every printed page:

>>> from datetime import date
>>> from antitrafficking_plan.demo import demo_plan, demo_status_log
>>> html = report_html(demo_plan(), status=demo_status_log(), as_of=date(2021, 1, 1))
>>> html.startswith("<!DOCTYPE html>") and "FICTIONAL" in html
True
>>> all(code in html for code in demo_plan().activities.codes)
True
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from html import escape
from typing import TYPE_CHECKING

from ._frames import missing_extra_message
from ._table import plural
from ._version import __version__
from .aggregate import timeline
from .collection import Activities
from .demo import DEMO_NOTICE, demo_plan, demo_status_log
from .model import Activity, Confidence, Institution, NameConfidence, StrategicObjective
from .plan import Plan
from .plot import timeline_chart
from .plot_progress import STATUS_STYLES, progress_chart
from .progress import (
    ActivityStatus,
    LateReport,
    Progress,
    Standing,
    late,
    plan_says_fictional,
    progress,
    statuses,
)
from .status import Status
from .statuslog import StatusLog, StatusReport

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["report_html"]

# -- escaping ------------------------------------------------------------------------------
#: Bidirectional formatting characters: embeddings, overrides, isolates and marks.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Characters HTML forbids in text (C0 and C1 controls but tab, line feed, carriage return).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _codepoint(match: re.Match[str]) -> str:
    return f"[U+{ord(match.group()):04X}]"


def _needs_isolation(text: str) -> bool:
    """Whether ``text`` holds bidi controls or right-to-left script."""
    if text.isascii():
        return False
    return bool(_BIDI.search(text)) or any(
        unicodedata.bidirectional(c) in ("R", "AL") for c in text
    )


def _t(value: object) -> str:
    """``value`` as HTML text: escaped (quotes included), controls replaced by U+FFFD, and
    isolated in ``<bdi>`` when it holds bidi controls or right-to-left script."""
    text = _CONTROL.sub("\ufffd", str(value))
    html = escape(text, quote=True)
    return f"<bdi>{html}</bdi>" if _needs_isolation(text) else html


def _a(value: object) -> str:
    """``value`` for an attribute: escaped, with bidi controls shown as ``[U+202E]``."""
    return escape(_BIDI.sub(_codepoint, _CONTROL.sub("\ufffd", str(value))), quote=True)


def _muted(text: str) -> str:
    return f'<span class="muted">{_t(text)}</span>'


def _percent(part: int, whole: int) -> str:
    return "–" if not whole else f"{part / whole:.0%}"


# -- the words shown for standings and statuses -------------------------------------------
#: Standing -> (word shown, what it means).
_STANDING_WORDS: dict[Standing, tuple[str, str]] = {
    Standing.LATE: ("late", "due date passed; latest status neither completed nor cancelled"),
    Standing.UNREPORTED: ("no report", "due date passed; no status report by the date"),
    Standing.DONE: ("done", "due date passed; completed or cancelled"),
    Standing.ONGOING: ("ongoing", "an ongoing deadline: never late"),
    Standing.NOT_YET_DUE: ("not yet due", "due on or after the date"),
    Standing.NO_DUE_DATE: ("no due date", "annual, onwards, or no deadline given"),
}
#: Without a status log an overdue activity is only "due date passed".
_DUE_PASSED = ("due date passed", "the due date is before the date; no status log was given")


def _standing_cell(standing: Standing, with_log: bool) -> tuple[str, str]:
    """(the ``data-standing`` value, the badge HTML) of a standing."""
    if standing is Standing.UNREPORTED and not with_log:
        word, meaning = _DUE_PASSED
        key = "due_passed"
    else:
        word, meaning = _STANDING_WORDS[standing]
        key = standing.value
    return key, f'<span class="badge b-{key}" title="{_a(meaning)}">{_t(word)}</span>'


def _status_words(report: StatusReport) -> str:
    """The status on the library's scale, with the word as reported when it differs."""
    value = str(report.value).replace("_", " ")
    html = f'<span class="status s-{report.status.value}">{_t(value)}</span>'
    if report.word not in (report.status.value, value):
        html += f'<br><span class="small">reported as “{_t(report.word)}”</span>'
    return html


# -- institutions --------------------------------------------------------------------------
def _name_title(inst: Institution) -> str | None:
    if inst.name is None:
        return None
    if inst.name_confidence is NameConfidence.LIKELY:
        return f"{inst.name} (likely name)"
    return inst.name


def _institution(inst: Institution) -> str:
    title = _name_title(inst)
    if title is None:
        return f'<abbr title="name not established">{_t(inst.code)}</abbr>'
    return f'<abbr title="{_a(title)}">{_t(inst.code)}</abbr>'


def _institutions(institutions: Sequence[Institution]) -> str:
    if not institutions:
        return _muted("none")
    return ", ".join(_institution(i) for i in institutions)


def _institutions_named(institutions: Sequence[Institution]) -> str:
    """Codes with their full names written out (for what is printed and read aloud)."""
    if not institutions:
        return _muted("none named")
    items = []
    for inst in institutions:
        title = _name_title(inst)
        name = _muted("name not established") if title is None else _t(title)
        items.append(f"<li><b>{_t(inst.code)}</b> {name}</li>")
    return f'<ul class="plain">{"".join(items)}</ul>'


# -- charts --------------------------------------------------------------------------------
_MISSING_MATPLOTLIB = (
    f"Chart not drawn: {missing_extra_message('matplotlib', 'plot', 'drawing it')}."
    " The table below gives the same numbers."
)
_SVG_ROOT = re.compile(r"<svg\b[^>]*>")
_VIEWBOX = re.compile(r'viewBox="([^"]+)"')
_WIDTH = re.compile(r'width="([\d.]+)pt"')
_REFERENCE = re.compile(r'url\(#([^)]+)\)|href="#([^"]+)"')
_ID = re.compile(r' id="([^"]+)"')


def _inline_svg(svg: str, prefix: str, label: str, description: str) -> str:
    """matplotlib's SVG made fit to inline in a page among others: no XML prolog, no
    metadata, no global style; only the ids that are referenced, prefixed with ``prefix``
    so that several charts never share one; a title and description for screen readers;
    bidi controls shown as ``[U+202E]``."""
    start = svg.index("<svg")
    root = _SVG_ROOT.match(svg, start)
    assert root is not None
    box = _VIEWBOX.search(root.group())
    width = _WIDTH.search(root.group())
    body = svg[root.end() :]
    body = re.sub(r"<metadata>.*?</metadata>", "", body, flags=re.DOTALL)
    body = re.sub(r"<defs>\s*<style[^>]*>.*?</style>\s*</defs>", "", body, flags=re.DOTALL)
    body = body.replace("xlink:href=", "href=")
    referenced = {a or b for a, b in _REFERENCE.findall(body)}

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        return f' id="{prefix}-{name}"' if name in referenced else ""

    body = _ID.sub(rename, body)
    body = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", body)
    body = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', body)
    body = _BIDI.sub(_codepoint, body)
    style = f' style="max-width:{width.group(1)}pt"' if width else ""
    view = f' viewBox="{box.group(1)}"' if box else ""
    return (
        f'<svg class="chart"{view}{style} role="img"'
        f' aria-labelledby="{prefix}-title {prefix}-desc">'
        f'<title id="{prefix}-title">{_a(label)}</title>'
        f'<desc id="{prefix}-desc">{_a(description)}</desc>{body.strip()}'
    )


def _chart(draw: Callable[[], Figure], prefix: str, label: str, description: str) -> str:
    """The figure ``draw`` makes, as inline SVG (deterministic: a fixed hash salt and no
    date), or a note where it would be when matplotlib is missing."""
    try:
        import matplotlib
    except ImportError:
        return f'<p class="note chart-missing">{_t(_MISSING_MATPLOTLIB)}</p>'
    with matplotlib.rc_context(
        {"svg.hashsalt": prefix, "svg.fonttype": "none", "text.parse_math": False}
    ):
        figure = draw()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    return _inline_svg(out.getvalue(), prefix, label, description)


# -- the parts of the page -----------------------------------------------------------------
class _Context:
    """What every part of the page needs: the plan, the log, the date and the standings."""

    def __init__(self, plan: Plan, log: StatusLog | None, as_of: date | None) -> None:
        self.plan = plan
        self.log = log
        self.as_of = as_of
        self.acts: Activities = plan.activities
        # Which parts say they are made up: the rule of progress.is_fictional, by part.
        self.fictional_plan = plan_says_fictional(plan)
        self.fictional_log = log is not None and log.says_fictional
        self.fictional = self.fictional_plan or self.fictional_log
        # The library's own demo data, which the banner can say more about.
        self.demo = (not self.fictional_plan or _is_demo_plan(plan)) and (
            not self.fictional_log or (log is not None and _is_demo_log(log))
        )
        if not self.fictional:
            self.mark = ""
        else:
            self.mark = "FICTIONAL demo data. " if self.demo else "FICTIONAL data. "
        self.rows: dict[str, ActivityStatus] = {}
        self.late: LateReport | None = None
        self.progress: Progress | None = None
        if as_of is not None:
            self.rows = {
                s.code: s for s in statuses(log or StatusLog(), self.acts, as_of=as_of).rows
            }
        if log is not None and as_of is not None:
            self.late = late(log, self.acts, as_of=as_of)
            self.progress = progress(log, self.acts, as_of=as_of)

    def day(self) -> str:
        return "" if self.as_of is None else self.as_of.isoformat()


def _is_demo_plan(plan: Plan) -> bool:
    return plan.source.note == DEMO_NOTICE or plan == demo_plan()


def _is_demo_log(log: StatusLog) -> bool:
    demo = demo_status_log()
    return len(log) > 0 and all(r in demo for r in log)


def _table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[str],
    *,
    table_id: str | None = None,
    css: str = "data",
    note: str = "",
) -> str:
    """A table with a caption and column headers (``headers`` are plain text, ``rows``
    whole ``<tr>`` HTML)."""
    head = "".join(f'<th scope="col">{_t(h)}</th>' for h in headers)
    ident = f' id="{table_id}"' if table_id else ""
    after = f'<p class="small table-note">{note}</p>' if note else ""
    return (
        f'<div class="scroll"><table class="{css}"{ident}><caption>{_t(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>{after}"
    )


def _counter(number: int | str, what: str, css: str = "") -> str:
    cls = f"counter {css}".strip()
    return f'<li class="{cls}"><span class="n">{_t(number)}</span> <span>{_t(what)}</span></li>'


def _glance(c: _Context) -> str:
    acts = c.acts
    items = [_counter(len(acts), "activities")]
    notes: list[str] = []
    if c.as_of is None:
        items += [
            _counter(len(acts.with_due_date()), "with a due date"),
            _counter(len(acts.without_due_date()), "without a due date"),
            _counter(len(acts.count_by("responsible")), "responsible institutions"),
        ]
        notes.append(
            "No date given: the report shows the plan as written. Give a date (--as-of) to"
            " count what was due by then, and a status file (--status) to see what is late."
        )
    else:
        due = acts.overdue(c.as_of)
        items.append(_counter(len(due), f"due before {c.day()}"))
        if c.late is None:
            items.append(_counter(len(acts.without_due_date()), "without a due date"))
            notes.append(
                "No status log given: the plan alone cannot say which activities are done,"
                " so none is called late. Give a status file (--status) to see progress."
            )
        else:
            report = c.late
            completed = sum(1 for s in c.rows.values() if s.status is Status.COMPLETED)
            overdue = len(report.late) + len(report.unreported)
            items += [
                _counter(overdue, "overdue (not completed or cancelled)", "warn"),
                _counter(completed, "completed", "good"),
                _counter(len(report.late), "late", "warn"),
                _counter(len(report.unreported), "overdue with no report", "warn"),
            ]
            notes.append(
                f"Each activity counts with its latest status report on or before {c.day()}."
                " Overdue = late + overdue with no report; an ongoing activity is never late."
            )
    body = f'<ul class="counters">{"".join(items)}</ul>'
    body += "".join(f'<p class="small">{_t(n)}</p>' for n in notes)
    return _section("glance", "At a glance", body)


def _section(ident: str, heading: str, body: str, *, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return (
        f'<section id="{ident}"{cls} aria-labelledby="{ident}-h">'
        f'<h2 id="{ident}-h">{_t(heading)}</h2>{body}</section>'
    )


def _about(c: _Context) -> str:
    plan = c.plan
    src = plan.source
    rows = [
        ("Title", _t(plan.title)),
        ("Jurisdiction", _t(plan.jurisdiction)),
        ("Issuer", _t(plan.issuer)),
        ("Period", _t(plan.period)),
        ("Dataset version", _t(plan.dataset_version)),
        (
            "Contents",
            _t(
                f"{plural(len(plan.strategic_objectives), 'strategic objective')},"
                f" {plural(len(plan.specific_objectives), 'specific objective')},"
                f" {plural(len(plan.activities), 'activity', 'activities')},"
                f" {plural(len(plan.institutions), 'institution entry', 'institution entries')},"
                f" {plural(len(plan.cost_fragments), 'cost fragment')}"
            ),
        ),
    ]
    source = [("Source", _t(src.title)), ("Published by", _t(src.issuer))]
    for label, value in (
        ("Place", src.place),
        ("Published", src.published),
        ("Language", src.language),
        ("Note", src.note),
    ):
        if value:
            source.append((label, _t(value)))
    notes = [
        n
        for o in (*plan.strategic_objectives, *plan.specific_objectives)
        for n in o.provenance.notes
    ]
    notes += [n for a in plan.activities for n in a.notes]
    inferred = sum(1 for n in notes if n.confidence is Confidence.INFERRED)
    if notes or plan.repairs:
        reconstruction = (
            f"{plural(len(notes), 'note')} on objectives and activities say how a value"
            f" was read ({inferred} inferred: another reading is possible);"
            f" {plural(len(plan.repairs), 'text repair')} of words broken in the source."
            " Every object keeps its provenance (source lines, cells as printed)."
        )
    else:
        reconstruction = "The plan file records no note on how a value was read."
    source.append(("Reconstruction", _t(reconstruction)))

    def fields(pairs: Sequence[tuple[str, str]]) -> str:
        return (
            '<dl class="fields">'
            + "".join(f"<dt>{_t(k)}</dt><dd>{v}</dd>" for k, v in pairs)
            + "</dl>"
        )

    if plan.notes:
        items = "".join(
            f"<li><b>{_t(n.field)}</b> ({_t(n.confidence.value)}): {_t(n.text)}</li>"
            for n in plan.notes
        )
        caveats = (
            f"<details><summary>Caveats of the data ({len(plan.notes)}): what to know before"
            f' quoting a number</summary><ul class="caveats">{items}</ul>'
            '<p class="small">The data card of the antitrafficking-plan documentation lists'
            " every inferred item.</p></details>"
        )
    else:
        caveats = '<p class="small">The plan file records no caveats.</p>'
    body = (
        f"<h3>The plan</h3>{fields(rows)}"
        f"<h3>Where the data comes from</h3>{fields(source)}{caveats}"
    )
    return _section("about", "About this plan", body)


def _objective_cell(o: StrategicObjective) -> str:
    head = f"<b>{_t(o.code)}</b>"
    if o.label:
        head += f' {_t(o.label)} <span class="small">(label: editorial)</span>'
    text = o.reading or o.title
    reading = _muted("no title in the source") if text is None else _t(text)
    return f'<th scope="row">{head}<br><span class="reading">{reading}</span></th>'


def _objectives(c: _Context) -> str:
    plan, acts = c.plan, c.acts
    counts = acts.count_by("strategic_objective")
    objectives = list(plan.strategic_objectives)
    known = {o.code for o in objectives}
    objectives += [StrategicObjective(code) for code in counts if code not in known]
    result = c.progress
    if result is None:
        headers = ["Strategic objective", "Specific objectives", "Activities"]
        if c.as_of is not None:
            headers.append(f"Due before {c.day()}")
        headers.append("No due date")
        rows = []
        for o in objectives:
            under = acts.under(o.code)
            cells = [
                str(len(plan.specific_objectives_of(o.code))) if o.code in known else "–",
                str(len(under)),
            ]
            if c.as_of is not None:
                cells.append(str(len(under.overdue(c.as_of))))
            cells.append(str(len(under.without_due_date())))
            rows.append(
                f"<tr>{_objective_cell(o)}"
                + "".join(f'<td class="num">{_t(x)}</td>' for x in cells)
                + "</tr>"
            )
        table = _table("Activities by strategic objective", headers, rows)
        return _section("progress", "Strategic objectives", table)
    late_by: dict[str, int] = {}
    for s in _overdue_rows(c):
        key = s.activity.strategic_objective_code
        late_by[key] = late_by.get(key, 0) + 1
    headers = [
        "Strategic objective",
        "Activities",
        *(STATUS_STYLES[s][2] for s in Status),
        "No report",
        "Completed of due",
        "Overdue",
    ]
    rows = []
    for row in (*result.rows, result.total):
        if row is result.total:
            head = '<th scope="row"><b>All</b></th>'
        else:
            o = next((x for x in objectives if x.code == row.group), StrategicObjective(row.group))
            head = _objective_cell(o)
        cells = [
            str(row.activities),
            *(str(row.counts[s]) for s in Status),
            str(row.unreported),
            f"{row.completed_of_due} of {row.due} ({_percent(row.completed_of_due, row.due)})",
            str(sum(late_by.values()) if row is result.total else late_by.get(row.group, 0)),
        ]
        css = ' class="total"' if row is result.total else ""
        rows.append(
            f"<tr{css}>{head}" + "".join(f'<td class="num">{_t(x)}</td>' for x in cells) + "</tr>"
        )
    table = _table(
        f"Progress by strategic objective as of {c.day()}",
        headers,
        rows,
        note=_t(
            "Counts of each activity's latest status; 'completed of due' counts the"
            " activities whose due date has passed; 'overdue' = late or no report."
        ),
    )
    fictional = c.mark
    chart = _chart(
        lambda: progress_chart(result, title=fictional.strip() or None),
        "chart-progress",
        f"{fictional}Progress by strategic objective as of {c.day()}",
        "A horizontal bar per strategic objective, split by status (each status has its own"
        " hatching, and its count is written in its segment); the table above gives the"
        " same counts.",
    )
    body = f'{table}<figure><h3 class="figure-h">Chart</h3>{chart}</figure>'
    return _section("progress", "Progress by strategic objective", body)


def _overdue_rows(c: _Context) -> tuple[ActivityStatus, ...]:
    report = c.late
    return () if report is None else (*report.late, *report.unreported)


def _deadline(activity: Activity) -> str:
    deadline = activity.deadline
    if deadline is None:
        return _muted("none given")
    html = _t(deadline)
    if deadline.due is not None:
        html += f'<br><span class="small nowrap">due {deadline.due.isoformat()}</span>'
    else:
        html += '<br><span class="small">no due date</span>'
    return html


def _late(c: _Context) -> str:
    report = c.late
    if report is None:
        return ""
    assert c.as_of is not None
    parts = []
    for rows, heading, empty in (
        (report.late, "Late", "No activity is late."),
        (report.unreported, "Overdue with no report", "Every overdue activity has a report."),
    ):
        parts.append(f"<h3>{_t(heading)} ({len(rows)})</h3>")
        if not rows:
            parts.append(f"<p>{_t(empty)}</p>")
            continue
        cells = []
        for s in rows:
            a = s.activity
            due = a.deadline.due if a.deadline is not None else None
            days = "" if due is None else plural((c.as_of - due).days, "day")
            status = _muted("no report") if s.report is None else _status_words(s.report)
            if s.report is not None:
                day = s.report.as_of.isoformat()
                status += f'<br><span class="small nowrap">as of {day}</span>'
            cells.append(
                f'<tr><th scope="row">{_t(a.code)}</th><td>{status}</td>'
                f'<td>{_deadline(a)}</td><td class="num">{_t(days)}</td>'
                f"<td>{_institutions_named(a.responsible)}</td>"
                f"<td>{_t(a.description) if a.description else _muted('no description')}</td>"
                "</tr>"
            )
        parts.append(
            _table(
                f"{heading} as of {c.day()}",
                ["Code", "Latest status", "Deadline", "Overdue by", "Responsible", "Activity"],
                cells,
            )
        )
    intro = (
        f"<p>Activities whose due date is before {_t(c.day())} and whose latest status is"
        " neither completed nor cancelled (late), and overdue activities with no report at"
        " all, with the institutions responsible for them.</p>"
    )
    return _section("late", "Late and unreported activities", intro + "".join(parts))


def _workload(c: _Context) -> str:
    plan = c.plan
    table = plan.workload()
    overdue: dict[str, int] = {}
    for s in _overdue_rows(c):
        for inst in dict.fromkeys(s.activity.responsible):
            overdue[inst.code] = overdue.get(inst.code, 0) + 1
    labels = {o.code: o.label for o in plan.strategic_objectives}
    headers = ["Institution", "Name", "Leads", "Supports"]
    headers += [
        f"Objective {code}" + (f" ({labels[code]})" if labels.get(code) else "")
        for code in table.objectives
    ]
    if c.late is not None:
        headers.append(f"Leads overdue as of {c.day()}")
    rows = []
    for row in table.rows:
        inst = row.institution
        title = _name_title(inst)
        name = _muted("name not established") if title is None else _t(title)
        cells = [
            f'<td class="num">{row.total_leading}</td>',
            f'<td class="num">{row.total_supporting}</td>',
        ]
        for code in table.objectives:
            led, supported = row.leading[code], row.supporting[code]
            text = "–" if not (led or supported) else f"{led} + {supported}"
            cells.append(f'<td class="num">{text}</td>')
        if c.late is not None:
            cells.append(f'<td class="num">{overdue.get(inst.code, 0)}</td>')
        rows.append(f'<tr><th scope="row">{_t(inst.code)}</th><td>{name}</td>{"".join(cells)}</tr>')
    if not rows:
        return _section(
            "workload", "Workload by institution", "<p>No activity names an institution.</p>"
        )
    body = _table(
        "Activities each institution leads (is responsible for) and supports",
        headers,
        rows,
        css="data workload",
        note=_t(
            "Per objective: led + supported. Institutions that no activity names are left"
            " out; the most loaded first."
        ),
    )
    return _section("workload", "Workload by institution", body, css="new-page")


def _years(c: _Context) -> tuple[int, int] | None:
    period = c.plan.period
    if period.start is not None and period.due is not None:
        return period.start.year, period.due.year
    days = [
        d
        for a in c.acts
        if a.deadline is not None
        for d in (a.deadline.start, a.deadline.due)
        if d is not None
    ]
    return (min(days).year, max(days).year) if days else None


def _timeline(c: _Context) -> str:
    span = _years(c)
    if span is None or not c.acts:
        body = "<p>No activity has a dated deadline: there is no timeline to draw.</p>"
        return _section("timeline", "Timeline", body, css="new-page")
    first, last = span
    tl = timeline(c.acts, first, last)
    fictional = c.mark
    line = f"; the red line marks {c.day()}" if c.as_of is not None else ""
    chart = _chart(
        lambda: timeline_chart(
            c.plan,
            start_year=first,
            end_year=last,
            as_of=c.as_of,
            title=f"{fictional}Activities over the period {first}–{last}, by strategic objective",
        ),
        "chart-timeline",
        f"{fictional}Timeline of the activities, {first}–{last}",
        "One bar per activity over its deadline's period, grouped by strategic objective;"
        " activities with no due date (ongoing, annually, onwards) are hatched bars running"
        f" past the period, those with no deadline are listed last{line}. The table after"
        " the chart counts the activities running each year; the table of every activity"
        " gives each deadline.",
    )
    rows = [
        f'<tr><th scope="row">{p.label}</th><td class="num">{p.count}</td></tr>' for p in tl.periods
    ]
    rows.append(
        f'<tr><th scope="row">no deadline given</th><td class="num">{len(tl.undated)}</td></tr>'
    )
    if tl.outside:
        outside = len(tl.outside)
        rows.append(
            f'<tr><th scope="row">outside the period</th><td class="num">{outside}</td></tr>'
        )
    table = _table(
        "Activities running each year",
        ["Year", "Activities"],
        rows,
        css="data narrow",
        note=_t("an activity counts in every year its deadline touches"),
    )
    body = f"<figure>{chart}</figure>{table}"
    return _section("timeline", "Timeline", body, css="new-page")


def _activities(c: _Context) -> str:
    plan, acts = c.plan, c.acts
    with_log = c.log is not None
    headers = ["Code", "Activity", "Responsible", "Supporting", "Deadline"]
    if c.as_of is not None:
        headers.append(f"As of {c.day()}")
    if with_log:
        headers += ["Latest status", "Evidence"]
    groups = acts.group_by("strategic_objective")
    order = [o.code for o in plan.strategic_objectives if o.code in groups]
    order += [code for code in groups if code not in order]
    names = {o.code: o for o in plan.strategic_objectives}
    bodies = []
    standings_seen: dict[str, str] = {}
    for code in order:
        o = names.get(code)
        title = f"Objective {code}"
        if o is not None and o.label:
            title += f": {o.label}"
        rows = [
            f'<tr class="group"><th scope="colgroup" colspan="{len(headers)}">{_t(title)}</th></tr>'
        ]
        for a in groups[code]:
            rows.append(_activity_row(c, a, standings_seen))
        bodies.append(f"<tbody>{''.join(rows)}</tbody>")
    head = "".join(f'<th scope="col">{_t(h)}</th>' for h in headers)
    full = (
        f'<div class="scroll"><table class="data activities" id="activity-table">'
        f"<caption>Every activity of the plan ({len(acts)}), by strategic objective</caption>"
        f"<thead><tr>{head}</tr></thead>{''.join(bodies)}</table></div>"
    )
    options = "".join(
        f'<option value="{key}">{_t(word)}</option>' for key, word in standings_seen.items()
    )
    select = (
        '<label for="filter-standing">Standing</label>'
        f'<select id="filter-standing"><option value="">any</option>{options}</select>'
        if options
        else ""
    )
    controls = (
        '<div id="filter" class="filter" role="search" hidden>'
        '<label for="filter-text">Filter</label>'
        '<input id="filter-text" type="search" placeholder="code, word, institution…">'
        f'{select}<span id="filter-count" class="small" aria-live="polite"></span></div>'
    )
    intro = (
        "<p>Institution codes show their full names on hover; the workload table names them"
        " all.</p>"
    )
    return _section("activities", "Every activity", intro + controls + full, css="new-page")


def _activity_row(c: _Context, a: Activity, standings_seen: dict[str, str]) -> str:
    cells = [
        f'<th scope="row">{_t(a.code)}</th>',
        f"<td>{_t(a.description) if a.description else _muted('no description')}</td>",
        f"<td>{_institutions(a.responsible)}</td>",
        f"<td>{_institutions(a.supporting)}</td>",
        f"<td>{_deadline(a)}</td>",
    ]
    attribute = ""
    row = c.rows.get(a.code)
    if row is not None:
        key, badge = _standing_cell(row.standing, c.log is not None)
        word = re.sub(r"<[^>]+>", "", badge)
        standings_seen.setdefault(key, word)
        attribute = f' data-standing="{key}"'
        cells.append(f"<td>{badge}</td>")
    if c.log is not None:
        report = row.report if row is not None else None
        if report is None:
            cells += [f"<td>{_muted('no report')}</td>", "<td></td>"]
        else:
            status = _status_words(report)
            status += f'<br><span class="small nowrap">as of {report.as_of.isoformat()}</span>'
            evidence = [_t(report.evidence)] if report.evidence else []
            if report.reported_by:
                evidence.append(f'<span class="small">reported by {_t(report.reported_by)}</span>')
            if report.source:
                evidence.append(f'<span class="small">source: {_t(report.source)}</span>')
            cells += [f"<td>{status}</td>", f"<td>{'<br>'.join(evidence)}</td>"]
    return f'<tr class="act"{attribute}>{"".join(cells)}</tr>'


def _quality(c: _Context) -> str:
    report = c.plan.quality_report()
    rows = []
    for check in report.checks:
        if check.count == 0:
            codes = _muted("none")
        elif check.count == report.total:
            codes = _muted("every activity")
        else:
            codes = ", ".join(_t(code) for code in check.codes)
        rows.append(
            f'<tr><th scope="row">{_t(check.name.replace("_", " "))}</th>'
            f'<td>{_t(check.description)}</td><td class="num">{check.count}</td>'
            f'<td class="num">{_percent(check.count, report.total)}</td>'
            f'<td class="codes">{codes}</td></tr>'
        )
    table = _table(
        f"Where the plan is weak as a plan ({plural(report.total, 'activity', 'activities')})",
        ["Check", "What it flags", "Activities", "Share", "Codes"],
        rows,
    )
    intro = (
        "<p>Checks of the plan itself, in the spirit of SIGMA's checks of strategy documents:"
        " an activity without a due date, a responsible institution, a cost or an indicator"
        " cannot be monitored well.</p>"
    )
    return _section("quality", "Quality of the plan", intro + table)


def _colophon(c: _Context) -> str:
    items = "".join(
        f"<dt>{_t(word)}</dt><dd>{_t(meaning)}</dd>"
        for standing, (word, meaning) in _STANDING_WORDS.items()
        if c.log is not None or standing not in (Standing.LATE, Standing.UNREPORTED, Standing.DONE)
    )
    if c.log is None and c.as_of is not None:
        items += f"<dt>{_t(_DUE_PASSED[0])}</dt><dd>{_t(_DUE_PASSED[1])}</dd>"
    words = f'<h3>Words used</h3><dl class="fields">{items}</dl>' if c.as_of is not None else ""
    body = (
        f"{words}<p>Made with antitrafficking-plan {_t(__version__)} (<code>report_html</code>"
        " / <code>antitrafficking-plan report</code>). This file is self-contained: it loads"
        " nothing from the network, and reads in full with scripts disabled (a small script"
        " only adds the filter of the activity table).</p>"
    )
    return _section("colophon", "About this report", body)


def _banner(c: _Context) -> str:
    if not c.fictional:
        return ""
    parts = [w for w, on in (("plan", c.fictional_plan), ("status log", c.fictional_log)) if on]
    verb = "were" if len(parts) == 2 else "was"
    if c.demo:
        said = (
            f"This {' and '.join(parts)} {verb} made up for the documentation of "
            "antitrafficking-plan: no real plan, institution or status is described."
        )
    else:
        said = (
            f"This {' and '.join(parts)} {'say' if len(parts) == 2 else 'says'} it is "
            "fictional (a title, an institution's name or a report's source says so): read "
            "nothing here as a fact about a real plan, institution or status."
        )
    return f'<p class="banner" role="note"><strong>{escape(c.mark.strip())}</strong> {said}</p>'


def _fictional_page_css(c: _Context) -> str:
    return _FICTIONAL_PAGE_CSS.format(mark=c.mark.strip(" .")) if c.fictional else ""


def _contents(c: _Context) -> str:
    links = [("glance", "At a glance"), ("about", "About this plan")]
    links.append(
        ("progress", "Progress by strategic objective" if c.progress else "Strategic objectives")
    )
    if c.late is not None:
        links.append(("late", "Late and unreported"))
    links += [
        ("workload", "Workload"),
        ("timeline", "Timeline"),
        ("activities", "Every activity"),
        ("quality", "Quality of the plan"),
    ]
    items = "".join(f'<li><a href="#{k}">{_t(v)}</a></li>' for k, v in links)
    return f'<nav aria-label="Contents"><ul class="contents">{items}</ul></nav>'


# -- the page ------------------------------------------------------------------------------
def report_html(
    plan: Plan,
    *,
    status: StatusLog | None = None,
    as_of: date | None = None,
    title: str | None = None,
) -> str:
    """The report of ``plan`` as one self-contained HTML page.

    ``as_of`` is the date the report answers for (there is no hidden "today"): with it the
    report counts what was due before that day; with a ``status`` log too (which needs
    ``as_of``) it shows progress: completed, late and unreported activities, each
    activity's latest status and evidence. ``title`` replaces the plan's title as the
    page's heading.

    >>> from antitrafficking_plan import load_plan
    >>> html = report_html(load_plan())
    >>> "<h1>National Strategy and Action Plan" in html and "2.3.8" in html
    True
    """
    if not isinstance(plan, Plan):
        raise TypeError(f"report_html() takes a Plan, not {type(plan).__name__}")
    if status is not None and not isinstance(status, StatusLog):
        raise TypeError(f"status must be a StatusLog or None, not {type(status).__name__}")
    if as_of is not None and (isinstance(as_of, datetime) or not isinstance(as_of, date)):
        raise TypeError(f"as_of must be a datetime.date or None, not {type(as_of).__name__}")
    if status is not None and as_of is None:
        raise ValueError(
            "a status log needs as_of: the date the report answers for (there is no hidden"
            " today); pass as_of=date(...)"
        )
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a str or None, not {type(title).__name__}")
    c = _Context(plan, status, as_of)
    heading = title or plan.title
    subtitle = f"{plan.jurisdiction} · {plan.period} · {plan.issuer}"
    when = (
        f'<p class="as-of">As of <time datetime="{c.day()}">{c.day()}</time></p>'
        if as_of is not None
        else ""
    )
    page_title = ("FICTIONAL – " if c.fictional else "") + heading
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="antitrafficking-plan {_a(__version__)}">',
        f"<title>{_a(page_title)}</title>",
        f"<style>{_CSS}{_fictional_page_css(c)}</style>",
        "</head><body><main>",
        f'<header><h1>{_t(heading)}</h1><p class="subtitle">{_t(subtitle)}</p>{when}',
        _banner(c),
        _contents(c),
        "</header>",
        _glance(c),
        _about(c),
        _objectives(c),
        _late(c),
        _workload(c),
        _timeline(c),
        _activities(c),
        _quality(c),
        _colophon(c),
        f"</main><script>{_SCRIPT}</script></body></html>\n",
    ]
    return "\n".join(p for p in parts if p)


_SCRIPT = """
(function () {
  var box = document.getElementById("filter");
  var table = document.getElementById("activity-table");
  if (!box || !table) { return; }
  var text = document.getElementById("filter-text");
  var standing = document.getElementById("filter-standing");
  var count = document.getElementById("filter-count");
  var rows = Array.prototype.slice.call(table.querySelectorAll("tr.act"));
  var words = rows.map(function (r) { return r.textContent.toLowerCase(); });
  function apply() {
    var wanted = text.value.trim().toLowerCase();
    var kind = standing ? standing.value : "";
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = (!wanted || words[i].indexOf(wanted) >= 0) &&
        (!kind || row.getAttribute("data-standing") === kind);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " activities shown";
  }
  text.addEventListener("input", apply);
  if (standing) { standing.addEventListener("change", apply); }
  box.hidden = false;
  apply();
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) {
      d.open = true;
    });
  });
})();
"""

_CSS = """
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6475; --line: #d5d9e0;
  --accent: #1f4e99; --soft: #f4f6f9; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 4px; }
h2 { font-size: 1.35rem; margin: 36px 0 10px; padding-bottom: 4px;
  border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.08rem; margin: 22px 0 8px; }
.subtitle, .as-of { margin: 2px 0; color: var(--muted); }
.as-of { font-weight: 600; color: var(--ink); }
.small { font-size: 0.84em; color: var(--muted); font-weight: normal; }
.nowrap { white-space: nowrap; }
.table-note { margin: -8px 0 14px; }
.reading { font-weight: normal; font-size: 0.92em; }
.muted { color: var(--muted); font-style: italic; }
.note { padding: 8px 12px; background: var(--soft); border-left: 4px solid var(--muted); }
.banner { margin: 12px 0; padding: 10px 14px; border: 2px dashed #8a5a00;
  background: #fff6dc; color: #4a3000; }
nav .contents { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; margin: 12px 0 0;
  list-style: none; font-size: 0.95em; }
a { color: var(--accent); }
.counters { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
  gap: 10px; padding: 0; margin: 0 0 8px; list-style: none; }
.counter { padding: 10px 12px; border: 1px solid var(--line); border-radius: 6px;
  background: var(--soft); }
.counter .n { display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.1; }
.counter.warn { border-left: 5px solid #b42318; }
.counter.good { border-left: 5px solid #067647; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px;
  margin: 0 0 8px; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; }
details { margin: 8px 0; padding: 6px 12px; border: 1px solid var(--line); border-radius: 6px; }
summary { cursor: pointer; font-weight: 600; }
.caveats li { margin: 4px 0; }
.scroll { overflow-x: auto; }
table.data { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 0.9em; }
table.data.narrow { width: auto; min-width: 260px; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 4px 0 6px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px;
  border-bottom: 1px solid var(--line); }
thead th { background: #e8ecf3; border-bottom: 2px solid #9aa3b2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total th, tr.total td { font-weight: 700; border-top: 2px solid #9aa3b2; }
tr.group th { background: var(--soft); font-size: 1.02em; padding-top: 10px; }
table.activities tbody th[scope=row] { white-space: nowrap; }
table.activities td:nth-of-type(1) { width: 30%; }
table.activities td:nth-of-type(7) { width: 22%; }
td.codes { max-width: 40ch; }
table.workload td:nth-of-type(1) { width: 28%; min-width: 12em; }
abbr[title] { text-decoration: underline dotted; cursor: help; }
ul.plain { margin: 0; padding: 0; list-style: none; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; border: 1px solid;
  white-space: nowrap; font-size: 0.92em; }
.b-late { background: #fde2e1; border-color: #b42318; color: #7a271a; }
.b-unreported { background: #fef0c7; border-color: #b54708; color: #7a2e0e; }
.b-due_passed { background: #fef0c7; border-color: #b54708; color: #7a2e0e; }
.b-done { background: #d1fadf; border-color: #067647; color: #054f31; }
.b-ongoing { background: #e0eaff; border-color: #3538cd; color: #2d31a6; }
.b-not_yet_due, .b-no_due_date { background: #f2f4f7; border-color: #667085; color: #344054; }
.status { font-weight: 600; }
figure { margin: 10px 0 16px; }
.figure-h { margin-top: 8px; }
svg.chart { display: block; width: 100%; height: auto; }
svg.chart * { stroke-linejoin: round; stroke-linecap: butt; }
.filter { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin: 8px 0;
  padding: 8px 12px; background: var(--soft); border-radius: 6px; }
.filter[hidden] { display: none; }
.filter input { min-width: 18em; padding: 4px 6px; font: inherit; }
.filter select { padding: 3px 4px; font: inherit; }
@media screen {
  table.activities thead th { position: sticky; top: 0; z-index: 1; }
}
@page { size: A4; margin: 16mm 14mm 18mm;
  @bottom-right { content: "page " counter(page) " of " counter(pages); font-size: 8pt;
    font-family: system-ui, sans-serif; color: #5b6475; } }
@media print {
  body { font-size: 9.5pt; }
  main { max-width: none; padding: 0; }
  nav, .filter { display: none !important; }
  h2 { margin-top: 14pt; break-after: avoid; }
  h3, caption { break-after: avoid; }
  section.new-page { break-before: page; }
  tr, .counter, figure, dl.fields { break-inside: avoid; }
  tr.group { break-after: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  table.data { font-size: 8.5pt; }
  th, td { padding: 3px 5px; }
  svg.chart { max-height: 245mm; }
  details { border: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .counter, thead th, tr.group th, .badge, .banner { print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
}
"""

#: The printed pages' footer over fictional data ({mark}: "FICTIONAL demo data", ...).
_FICTIONAL_PAGE_CSS = """
@page {{ @bottom-left {{ content: "{mark}: not a real plan, institution or status";
  font-size: 8pt; font-family: system-ui, sans-serif; font-weight: bold; color: #8a5a00; }} }}
"""
