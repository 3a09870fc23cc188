"""Charts of a plan, drawn with matplotlib (the optional ``plot`` extra).

Three charts, each a function that returns a :class:`matplotlib.figure.Figure` (save it
with ``fig.savefig("chart.png")``, or show it in a notebook):

* :func:`timeline_chart`: a Gantt-style chart of every activity over the plan period,
  grouped by strategic objective; open-ended activities ("ongoing", "2016 onwards") are
  drawn hatched to the end of the period with an arrow, activities with no deadline are
  listed apart at the bottom;
* :func:`workload_heatmap`: institutions x objectives, activities led and supported side
  by side (from :meth:`Plan.workload <antitrafficking_plan.Plan.workload>`);
* :func:`deadlines_per_year_chart`: how many activities fall due each year, by kind of
  deadline, with the activities that have no due date in a bar of their own.

The figures are built with the object-oriented API (no ``pyplot`` state), so they work
under any backend, including none. matplotlib is imported only when a chart is drawn;
without it each function raises an :class:`ImportError` saying what to install.

>>> from antitrafficking_plan import load_plan
>>> from antitrafficking_plan.plot import deadlines_per_year_chart
>>> fig = deadlines_per_year_chart(load_plan())
>>> type(fig).__name__
'Figure'
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from ._dates import as_date
from ._frames import missing_extra
from .aggregate import timeline, workload
from .collection import Activities
from .deadline import DeadlineKind
from .model import Activity, _shorten, code_sort_key
from .plan import Plan

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.image import AxesImage

__all__ = ["deadlines_per_year_chart", "objective_colour", "timeline_chart", "workload_heatmap"]

#: The colours of strategic objectives 1, 2, 3, ... (cycled beyond seven); colour-blind
#: safe (Okabe-Ito). :func:`objective_colour` picks one by code, never by position.
OBJECTIVE_COLOURS: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
)

_KIND_LABELS: dict[DeadlineKind | None, str] = {
    **{kind: kind.label for kind in DeadlineKind},
    None: "no deadline given",
}
_KIND_COLOURS: dict[DeadlineKind | None, str] = {
    DeadlineKind.QUARTER: "#08519C",
    DeadlineKind.QUARTER_RANGE: "#3182BD",
    DeadlineKind.HALF: "#6BAED6",
    DeadlineKind.MONTH: "#9ECAE1",
    DeadlineKind.DAY: "#C6DBEF",
    DeadlineKind.YEAR: "#006D2C",
    DeadlineKind.YEAR_RANGE: "#41AB5D",
    DeadlineKind.BY: "#A1D99B",
    DeadlineKind.ONWARDS: "#FDAE6B",
    DeadlineKind.ONGOING: "#E6550D",
    DeadlineKind.ANNUAL: "#A63603",
    None: "#BDBDBD",
}


def objective_colour(code: str) -> str:
    """The colour of an objective, from its strategic objective's number: objective 4
    (and 4.2, 4.2.1) is always the fourth colour, whatever a chart leaves out.

    >>> objective_colour("4") == objective_colour("4.2.1") == OBJECTIVE_COLOURS[3]
    True
    """
    head = code.split(".", 1)[0].strip()
    if head.isdigit() and int(head) >= 1:
        return OBJECTIVE_COLOURS[(int(head) - 1) % len(OBJECTIVE_COLOURS)]
    # A code that is not a number still gets one fixed colour (the same in every chart).
    return OBJECTIVE_COLOURS[sum(map(ord, head)) % len(OBJECTIVE_COLOURS)]


def _wrapped(text: str, width: int, lines: int) -> str:
    """``text`` wrapped to ``width`` characters on at most ``lines`` lines (``…`` only
    when even those do not hold it)."""
    parts = textwrap.wrap(" ".join(text.split()), max(width, 8))
    if len(parts) > lines:
        parts = [*parts[: lines - 1], _shorten(" ".join(parts[lines - 1 :]), width)]
    return "\n".join(parts)


def _require_matplotlib() -> None:
    """Raise a helpful ImportError when matplotlib is not installed."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise missing_extra("matplotlib", "plot", "drawing charts") from None


def _figure(figsize: tuple[float, float]) -> Figure:
    """A new matplotlib Figure, not registered with pyplot (so nothing leaks)."""
    from matplotlib.figure import Figure

    return Figure(figsize=figsize, layout="constrained")


def _activities(data: Plan | Iterable[Activity]) -> Activities:
    found = getattr(data, "activities", data)
    if isinstance(found, Activities):
        return found
    if isinstance(found, (str, bytes)) or not isinstance(found, Iterable):
        raise TypeError(f"expected a Plan or activities, not {type(data).__name__}")
    return Activities(found)


def _plan_of(data: Plan | Iterable[Activity], plan: Plan | None) -> Plan | None:
    """The plan a chart takes its period and labels from: ``plan``, or ``data`` itself."""
    if plan is not None and not isinstance(plan, Plan):
        raise TypeError(f"plan must be a Plan, not {type(plan).__name__}")
    return plan if plan is not None else data if isinstance(data, Plan) else None


def _period(
    plan: Plan | None,
    activities: Activities,
    start_year: int | None,
    end_year: int | None,
) -> tuple[int, int]:
    """The years to draw: given, else the plan's period, else the span of the deadlines."""
    period = None if plan is None else plan.period
    years: list[int] = []
    if period is not None and period.start is not None and period.due is not None:
        years = [period.start.year, period.due.year]
    else:
        for a in activities:
            if a.deadline is not None:
                years.extend(d.year for d in (a.deadline.start, a.deadline.due) if d is not None)
    first = start_year if start_year is not None else min(years, default=None)
    last = end_year if end_year is not None else max(years, default=None)
    if first is None or last is None:
        raise ValueError("no dated activity to take the period from: pass start_year/end_year")
    if first > last:
        raise ValueError(f"start_year {first} is after end_year {last}")
    return first, last


def _objective_labels(plan: Plan | None) -> dict[str, str]:
    """Strategic objective code -> its editorial label, for a plan that gives them."""
    objectives = () if plan is None else plan.strategic_objectives
    return {o.code: o.label for o in objectives if o.label}


def _x(day: date) -> float:
    """The x coordinate of a day on a timeline chart (its proleptic ordinal)."""
    return float(day.toordinal())


def _title(ax: Axes, title: str | None, default: str) -> None:
    ax.set_title(
        default if title is None else title, loc="left", fontsize=11, weight="bold", pad=12
    )


# -- timeline ----------------------------------------------------------------------------
def timeline_chart(
    data: Plan | Iterable[Activity],
    *,
    plan: Plan | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
    as_of: date | str | None = None,
    title: str | None = None,
    label_width: int = 56,
    label_lines: int = 2,
) -> Figure:
    """A Gantt-style chart: one row per activity, grouped by strategic objective.

    ``data`` is a :class:`~antitrafficking_plan.Plan` or any activities; give ``plan``
    with filtered activities (``timeline_chart(plan.activities.under("4"), plan=plan)``)
    to keep the plan's period and objective labels. The period drawn is
    ``start_year..end_year``; by default the plan's period (of ``data`` or ``plan``), and
    with activities alone the span of their deadlines' years. Each objective keeps its
    own colour (:func:`objective_colour`), whatever is filtered out.
    A dated deadline is a solid bar from its start to its due date; a deadline with no
    start ("by 2016") is a light bar from the start of the period; one with no due date
    ("ongoing", "annually", "2016 onwards") is a hatched bar to the end of the period with
    an arrow, since it runs past it. Activities with no deadline are listed apart, last.
    ``as_of`` (a date or an ISO string) draws a vertical line on that date (what is
    overdue lies left of it). Rows are labelled with the code and the description wrapped
    to ``label_width`` characters on up to ``label_lines`` lines; with a plan, each
    objective's heading carries its editorial label ("Objective 1: Prevention").

    >>> from datetime import date
    >>> from antitrafficking_plan import load_plan
    >>> fig = timeline_chart(load_plan().activities.under("1"), as_of=date(2017, 6, 30))
    >>> len(fig.axes)
    1
    """
    as_of = None if as_of is None else as_date(as_of, "as_of")
    if label_lines < 1:
        raise ValueError(f"label_lines must be 1 or more, not {label_lines}")
    _require_matplotlib()
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    activities = _activities(data)
    source = _plan_of(data, plan)
    first, last = _period(source, activities, start_year, end_year)
    period_start, period_end = date(first, 1, 1), date(last, 12, 31)
    undated = timeline(activities, first, last).undated
    dated = activities.difference(undated)
    groups = dated.group_by("strategic_objective")
    objectives = sorted(groups, key=code_sort_key)

    # Rows from the top: a heading row per objective, then its activities; undated last.
    rows: list[tuple[str, Activity | None, str | None]] = []
    labels_of = _objective_labels(source)
    for code in objectives:
        label = f": {labels_of[code]}" if code in labels_of else ""
        rows.append((f"Objective {code}{label}", None, code))
        rows.extend((code, a, code) for a in groups[code])
    if undated:
        rows.append(("No deadline given", None, None))
        rows.extend(("", a, None) for a in undated)

    texts = [
        ""
        if a is None or a.description is None
        else _wrapped(a.description, label_width, label_lines)
        for _, a, _ in rows
    ]
    lines_per_row = max((t.count("\n") + 1 for t in texts), default=1)
    height = 1.2 + (0.19 + 0.11 * (lines_per_row - 1)) * max(len(rows), 4)
    fig = _figure((12.0, height))
    ax = fig.add_subplot()
    x0, x1 = _x(period_start), _x(period_end + timedelta(days=1))
    ax.axvspan(x0, x1, color="#F4F4F4", zorder=0)
    arrow_room = (x1 - x0) * 0.025
    labels: list[str] = []
    for y, ((heading, activity, objective), text) in enumerate(zip(rows, texts, strict=True)):
        colour = "#777777" if objective is None else objective_colour(objective)
        if activity is None:
            labels.append(heading)
            ax.axhline(y, color=colour, linewidth=0.6, alpha=0.5, zorder=1)
            continue
        labels.append(f"{activity.code}  {text}")
        deadline = activity.deadline
        if deadline is None:
            ax.text(
                x0 + arrow_room / 2,
                y,
                "no deadline given",
                va="center",
                fontsize=7,
                style="italic",
                color="#555555",
            )
            continue
        start = period_start if deadline.start is None else deadline.start
        due = period_end if deadline.due is None else deadline.due
        if deadline.due is not None and deadline.due < start:
            start = deadline.due
        if deadline.start is not None and deadline.start > due:
            due = deadline.start
        left, right = _x(start), _x(due + timedelta(days=1))
        open_end = deadline.due is None
        open_start = deadline.start is None
        ax.barh(
            y,
            right - left,
            left=left,
            height=0.7,
            color=colour,
            alpha=0.35 if (open_end or open_start) else 0.9,
            hatch="////" if open_end else None,
            edgecolor=colour,
            linewidth=0.6,
            zorder=2,
        )
        if open_end:
            ax.annotate(
                "",
                xy=(right + arrow_room, y),
                xytext=(right - arrow_room / 4, y),
                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.2},
                zorder=3,
            )
        if open_end or open_start:
            ax.text(
                right - arrow_room / 3,
                y,
                str(deadline),
                ha="right",
                va="center",
                fontsize=6,
                color="#333333",
                zorder=3,
            )
    ax.set_yticks(range(len(rows)), labels, fontsize=7 if lines_per_row == 1 else 6.5)
    for tick, (_, activity, _code) in zip(ax.get_yticklabels(), rows, strict=True):
        tick.set_horizontalalignment("right")
        tick.set_multialignment("left")
        if activity is None:
            tick.set_fontweight("bold")
            tick.set_fontsize(8)
    ax.set_ylim(len(rows) - 0.5, -0.7)
    ax.set_xlim(x0 - arrow_room / 2, x1 + arrow_room * 1.6)
    # Grid lines on year boundaries, year labels in the middle of each year.
    ax.set_xticks([_x(date(y, 1, 1)) for y in range(first, last + 2)], [])
    ax.set_xticks(
        [_x(date(y, 7, 2)) for y in range(first, last + 1)],
        [str(y) for y in range(first, last + 1)],
        minor=True,
    )
    ax.xaxis.set_ticks_position("both")
    ax.tick_params(axis="x", which="both", labeltop=True, labelsize=8)
    ax.tick_params(axis="x", which="minor", length=0)
    ax.grid(axis="x", color="#CCCCCC", linewidth=0.6, zorder=1)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    legend: list[Artist] = [
        Patch(facecolor="#888888", alpha=0.9, label="dated period"),
        Patch(facecolor="#888888", alpha=0.35, label='no start ("by" a date)'),
        Patch(
            facecolor="#888888",
            alpha=0.35,
            hatch="////",
            label="no due date (ongoing, annually, onwards): runs past the period",
        ),
    ]
    if as_of is not None:
        ax.axvline(_x(as_of), color="#C00000", linewidth=1.2, zorder=4)
        legend.append(Line2D([], [], color="#C00000", label=f"as of {as_of.isoformat()}"))
    fig.legend(
        handles=legend, loc="outside lower left", ncols=len(legend), fontsize=7, frameon=False
    )
    _title(ax, title, f"Activities over the period {first}–{last}, by strategic objective")
    return fig


# -- workload ----------------------------------------------------------------------------
def workload_heatmap(
    data: Plan | Iterable[Activity],
    *,
    plan: Plan | None = None,
    level: Literal["strategic", "specific"] = "strategic",
    top: int | None = 30,
    title: str | None = None,
) -> Figure:
    """Institutions x objectives: activities led (left) and supported (right).

    Rows are the institutions with the most activities (led plus supported), the ``top``
    of them (all when ``None``), in the order of
    :class:`~antitrafficking_plan.Workload`, with each institution's name beside its row;
    columns are strategic (``level="strategic"``) or specific (``"specific"``)
    objectives, their codes in the objective's colour (:func:`objective_colour`);
    strategic ones carry their editorial label and specific ones are named in a legend
    below when the plan is known (``data`` is a plan, or ``plan`` is given). Each cell
    shows its count (zeros blank); a colour bar under each half gives the scale.

    >>> from antitrafficking_plan import load_plan
    >>> fig = workload_heatmap(load_plan(), top=10)
    >>> [ax.get_title(loc="left") for ax in fig.axes[:2]]
    ['Led (responsible)', 'Supported']
    """
    _require_matplotlib()
    if top is not None and top < 1:
        raise ValueError(f"top must be a positive number or None, not {top}")
    source = _plan_of(data, plan)
    if isinstance(data, Plan):
        table = data.workload(level)
    elif source is not None:
        codes = source.strategic_objectives if level == "strategic" else ()
        table = workload(_activities(data), level=level, objectives=[o.code for o in codes] or None)
    else:
        table = workload(_activities(data), level=level)
    rows = table.rows if top is None else table.rows[:top]
    columns = table.objectives
    labels_of = _objective_labels(source) if level == "strategic" else {}
    ticks = [f"{c}\n{labels_of[c]}" if c in labels_of else c for c in columns]
    led = [[row.leading[c] for c in columns] for row in rows]
    supported = [[row.supporting[c] for c in columns] for row in rows]
    legend = _objective_legend(source, columns) if level == "specific" else ""
    width = 7.0 + 2 * max(2.2, 0.42 * len(columns))
    height = 2.4 + 0.3 * max(len(rows), 3) + 0.11 * (legend.count("\n") + 1 if legend else 0)
    fig = _figure((width, height))
    axes = fig.subplots(1, 3, sharey=True, gridspec_kw={"width_ratios": [1, 1, 0.8]})
    row_labels = [_wrapped(row.institution.code, 18, 3) for row in rows]
    for ax, values, cmap, name, bar_label in (
        (axes[0], led, "Blues", "Led (responsible)", "activities led"),
        (axes[1], supported, "Oranges", "Supported", "activities supported"),
    ):
        peak = max((v for line in values for v in line), default=0)
        image = _heatmap(ax, values, cmap, max(peak, 1))
        ax.set_xticks(range(len(columns)), ticks, fontsize=8)
        ax.xaxis.set_ticks_position("top")
        for tick, code in zip(ax.xaxis.get_major_ticks(), columns, strict=True):
            for label in (tick.label1, tick.label2):
                label.set_color(objective_colour(code))
                label.set_fontweight("bold")
        ax.set_title(name, loc="left", fontsize=9)
        ax.tick_params(length=0)
        bar = fig.colorbar(image, ax=ax, location="bottom", shrink=0.7, aspect=30, pad=0.02)
        bar.set_label(bar_label, fontsize=7)
        bar.ax.tick_params(labelsize=7)
    axes[0].set_yticks(range(len(row_labels)), row_labels, fontsize=8)
    names = axes[2]
    names.set_axis_off()
    names.set_title("Name", loc="left", fontsize=9)
    names.set_xlim(0, 1)
    for y, row in enumerate(rows):
        inst = row.institution
        text = inst.name or f"({inst.kind.value}: no other name)"
        names.text(
            0.0,
            y,
            _wrapped(text, 44, 2),
            va="center",
            fontsize=6.5,
            color="#222222" if inst.name else "#777777",
        )
    shown = f"top {len(rows)} of {len(table.rows)} institutions" if top else "institutions"
    fig.suptitle(
        title if title is not None else f"Workload: {shown} x {level} objectives",
        x=0.01,
        ha="left",
        fontsize=11,
        weight="bold",
    )
    if legend:
        fig.supxlabel(legend, x=0.01, ha="left", fontsize=6.5, linespacing=1.3)
    return fig


def _objective_legend(plan: Plan | None, codes: Sequence[str]) -> str:
    """``"1.1  title"`` lines, wrapped, for the specific objectives a chart shows."""
    if plan is None:
        return ""
    titles = {o.code: o.title for o in plan.specific_objectives}
    lines: list[str] = []
    for code in codes:
        title = titles.get(code) or "(no title in the source)"
        wrapped = textwrap.wrap(" ".join(title.split()), 150) or [""]
        lines.append(f"{code}  {wrapped[0]}")
        lines.extend(f"{' ' * (len(code) + 2)}{more}" for more in wrapped[1:])
    return "\n".join(lines)


def _heatmap(ax: Axes, values: Sequence[Sequence[int]], cmap: str, peak: int) -> AxesImage:
    rows = len(values)
    columns = len(values[0]) if values else 0
    grid = [list(line) for line in values] if values else [[0]]
    image = ax.imshow(grid, cmap=cmap, vmin=0, vmax=peak, aspect="auto")
    for y in range(rows):
        for x in range(columns):
            value = values[y][x]
            if value:
                ax.text(
                    x,
                    y,
                    str(value),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if value > peak * 0.55 else "black",
                )
    ax.set_xticks([x - 0.5 for x in range(1, columns)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, rows)], minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return image


# -- deadlines per year ------------------------------------------------------------------
def deadlines_per_year_chart(
    data: Plan | Iterable[Activity], *, plan: Plan | None = None, title: str | None = None
) -> Figure:
    """How many activities fall due in each year, stacked by kind of deadline.

    Years run from the first to the last due year (and over the plan's whole period when
    ``data`` is a plan or ``plan`` is given); the activities without a due date (ongoing,
    annually, onwards, or no deadline given) get a bar of their own on the right, so
    nothing is silently left out. Built on ``Activities.group_by("deadline_year")`` and
    ``count_by("deadline_kind")``.

    >>> from antitrafficking_plan import load_plan
    >>> fig = deadlines_per_year_chart(load_plan().activities)
    >>> fig.axes[0].get_xticklabels()[-1].get_text()
    'no due date'
    """
    _require_matplotlib()
    activities = _activities(data)
    groups = activities.group_by("deadline_year")
    years = sorted(y for y in groups if y is not None)
    source = _plan_of(data, plan)
    period = None if source is None else source.period
    if period is not None and period.start is not None and period.due is not None:
        years.extend((period.start.year, period.due.year))
    span = list(range(min(years), max(years) + 1)) if years else []
    keys: list[int | None] = [*span, None] if None in groups or not span else list(span)
    counts: list[dict[DeadlineKind | None, int]] = [
        dict(groups[k].count_by("deadline_kind")) if k in groups else {} for k in keys
    ]
    kinds = [k for k in _KIND_LABELS if any(k in c for c in counts)]

    fig = _figure((max(6.0, 0.9 * len(keys) + 3), 4.2))
    ax = fig.add_subplot()
    positions = [float(i) for i in range(len(keys))]
    if keys and keys[-1] is None:
        positions[-1] += 0.5  # set the "no due date" bar apart
    bottoms = [0] * len(keys)
    for kind in kinds:
        heights = [c.get(kind, 0) for c in counts]
        ax.bar(
            positions,
            heights,
            bottom=bottoms,
            color=_KIND_COLOURS[kind],
            width=0.7,
            label=_KIND_LABELS[kind],
            edgecolor="white",
            linewidth=0.5,
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    for x, total in zip(positions, bottoms, strict=True):
        ax.text(x, total, str(total), ha="center", va="bottom", fontsize=8)
    labels = ["no due date" if k is None else str(k) for k in keys]
    ax.set_xticks(positions, labels, fontsize=8)
    ax.set_ylabel("activities", fontsize=8)
    ax.set_ylim(0, max(bottoms, default=0) * 1.12 + 1)
    ax.tick_params(axis="y", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(
        title="deadline kind",
        fontsize=7,
        title_fontsize=7,
        frameon=False,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
    )
    _title(ax, title, f"Activities falling due each year ({len(activities)} activities)")
    return fig
