"""Charts of progress, drawn with matplotlib (the optional ``plot`` extra).

* :func:`progress_chart`: one bar per group (objective or institution) of a
  :class:`~antitrafficking_plan.progress.Progress`, stacked by status, unreported last;
* :func:`status_timeline_chart`: the activities over time, each bar coloured by its
  status as of a date, with a line on that date.

Colour is never the only carrier of meaning: every status also has its own hatching, and
segments and bars are labelled. The examples use the FICTIONAL demo data.

>>> from datetime import date
>>> from antitrafficking_plan.demo import demo_plan, demo_status_log
>>> from antitrafficking_plan.progress import progress
>>> fig = progress_chart(progress(demo_status_log(), demo_plan(), as_of=date(2021, 1, 1)))
>>> type(fig).__name__
'Figure'
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from .collection import Activities
from .plan import Plan
from .plot import _figure, _require_matplotlib, _x
from .progress import FICTIONAL_MARK, Progress, statuses
from .status import Status
from .statuslog import StatusLog

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["STATUS_STYLES", "progress_chart", "status_timeline_chart"]

#: Per status (``None``: no report): fill colour (Okabe-Ito), hatching and label.
STATUS_STYLES: dict[Status | None, tuple[str, str, str]] = {
    Status.NOT_STARTED: ("#E69F00", "..", "not started"),
    Status.IN_PROGRESS: ("#56B4E9", "//", "in progress"),
    Status.COMPLETED: ("#009E73", "", "completed"),
    Status.CANCELLED: ("#999999", "xx", "cancelled"),
    Status.SUSPENDED: ("#CC79A7", "--", "suspended"),
    None: ("#FFFFFF", "", "no report"),
}


def _legend_handles() -> list[object]:
    from matplotlib.patches import Patch

    return [
        Patch(facecolor=colour, hatch=hatch, edgecolor="#333333", label=label)
        for colour, hatch, label in STATUS_STYLES.values()
    ]


def progress_chart(result: Progress, *, title: str | None = None) -> Figure:
    """A horizontal bar per group, stacked by status (counts written in the segments).

    The title says the grouping and the date, and FICTIONAL when the data says it is
    made up (``result.fictional``, as for the demo data); pass ``title`` to say more.
    """
    if not isinstance(result, Progress):
        raise TypeError(f"expected a Progress result, not {type(result).__name__}")
    _require_matplotlib()
    rows = result.rows
    fig = _figure((9.0, 1.2 + 0.45 * max(len(rows), 2)))
    ax = fig.add_subplot()
    for y, row in enumerate(rows):
        left = 0
        values: list[tuple[Status | None, int]] = [(s, row.counts[s]) for s in Status]
        values.append((None, row.unreported))
        for status, count in values:
            if not count:
                continue
            colour, hatch, _ = STATUS_STYLES[status]
            ax.barh(
                y, count, left=left, color=colour, hatch=hatch, edgecolor="#333333", linewidth=0.6
            )
            ax.text(left + count / 2, y, str(count), ha="center", va="center", fontsize=8)
            left += count
    ax.set_yticks(range(len(rows)), [r.group for r in rows])
    ax.invert_yaxis()
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("activities")
    by = result.by.replace("_", " ")
    default = f"Progress by {by} as of {result.as_of.isoformat()}"
    if result.fictional:
        default += f" ({FICTIONAL_MARK})"
    ax.set_title(default if title is None else f"{title}\n{default}", fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.legend(
        handles=_legend_handles(), loc="outside lower center", ncols=6, fontsize=7, frameon=False
    )
    return fig


def status_timeline_chart(
    log: StatusLog,
    activities: Plan | Activities,
    *,
    as_of: date | str,
    title: str | None = None,
) -> Figure:
    """The activities over time, one row each: a bar over its deadline's period (to the
    end of the drawn span when it has no due date), filled and hatched by its status as
    of ``as_of`` (a date or an ISO string) and labelled with it, and a vertical line on
    ``as_of``. Activities with no deadline are drawn as a label only. The title says
    FICTIONAL when the data says it is made up (as the demo data does).

    >>> from datetime import date
    >>> from antitrafficking_plan.demo import demo_plan, demo_status_log
    >>> fig = status_timeline_chart(demo_status_log(), demo_plan(), as_of=date(2021, 1, 1))
    >>> len(fig.axes)
    1
    """
    table = statuses(log, activities, as_of=as_of)
    as_of = table.as_of
    _require_matplotlib()
    days = [
        d
        for s in table.rows
        if s.activity.deadline is not None
        for d in (s.activity.deadline.start, s.activity.deadline.due)
        if d is not None
    ]
    first = min([*days, as_of])
    last = max([*days, as_of])
    span_start, span_end = date(first.year, 1, 1), date(last.year, 12, 31)
    fig = _figure((11.0, 1.4 + 0.3 * max(len(table.rows), 3)))
    ax = fig.add_subplot()
    for y, row in enumerate(table.rows):
        colour, hatch, label = STATUS_STYLES[row.status]
        if row.report is not None:
            label = str(row.report.value).replace("_", " ")
        deadline = row.activity.deadline
        if deadline is None:
            ax.text(_x(span_start), y, f"no deadline; {label}", va="center", fontsize=7)
            continue
        start = span_start if deadline.start is None else deadline.start
        due = span_end if deadline.due is None else deadline.due
        left, right = _x(start), _x(due + timedelta(days=1))
        ax.barh(
            y,
            right - left,
            left=left,
            height=0.7,
            color=colour,
            hatch=hatch,
            edgecolor="#333333",
            linewidth=0.6,
        )
        ax.text(
            right, y, f" {label} ({str(row.standing).replace('_', ' ')})", va="center", fontsize=7
        )
    ax.axvline(_x(as_of), color="#C00000", linewidth=1.2)
    ax.text(_x(as_of), -0.9, f" as of {as_of.isoformat()}", color="#C00000", fontsize=7)
    ax.set_yticks(
        range(len(table.rows)),
        [f"{s.code}  {(s.activity.description or '')[:40]}" for s in table.rows],
        fontsize=7,
    )
    ax.set_ylim(len(table.rows) - 0.5, -1.2)
    years = range(span_start.year, span_end.year + 2)
    ax.set_xticks([_x(date(y, 1, 1)) for y in years], [str(y) for y in years], fontsize=8)
    ax.set_xlim(_x(span_start), _x(span_end) + (_x(span_end) - _x(span_start)) * 0.3)
    ax.grid(axis="x", color="#CCCCCC", linewidth=0.6)
    default = f"Status of each activity as of {as_of.isoformat()}"
    if table.fictional:
        default += f" ({FICTIONAL_MARK})"
    ax.set_title(default if title is None else f"{title}\n{default}", fontsize=10)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    fig.legend(
        handles=_legend_handles(), loc="outside lower center", ncols=6, fontsize=7, frameon=False
    )
    return fig
