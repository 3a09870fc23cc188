"""Summaries of a plan's activities, as small immutable typed values.

The four summaries monitors ask for, each a function of an ``Activities`` collection
(``plan.activities`` or any subset of it) returning a small immutable value:

* :func:`workload` -> :class:`Workload`: an institution x objective table, activities led
  and supported counted apart;
* :func:`timeline` -> :class:`Timeline`: how many activities run in each year or quarter of
  the plan period (undated activities counted apart);
* :func:`cost_summary` -> :class:`CostSummary`: how much of the cost the source ties to
  activities, and how much stays in unattributed fragments;
* :func:`quality_report` -> :class:`QualityReport`: activities with no due date, no
  responsible institution, no cost or no indicator.

Each has a ``Plan`` shortcut (``plan.workload()``, ``plan.timeline()``, ...).

>>> from antitrafficking_plan import load_plan
>>> plan = load_plan()
>>> report = plan.quality_report()
>>> report.no_due_date.codes[:3]
('1.1.6', '1.1.8', '1.3.1')
>>> plan.cost_summary().attached_amount
0
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, ClassVar, Literal

from attrs import frozen

from . import _table
from ._display import html_of
from ._frames import Columns, Tabular
from .collection import Activities
from .model import CostFragment, FundingSource, Institution, code_sort_key
from .quarter import Quarter
from .registry import normalize_name
from .results import Counts, FrozenMap, _key_text

__all__ = [
    "CostSummary",
    "QualityCheck",
    "QualityReport",
    "Timeline",
    "TimelinePeriod",
    "Workload",
    "WorkloadRow",
    "cost_summary",
    "quality_report",
    "timeline",
    "workload",
]


def _activities_of(value: object, function: str) -> Activities:
    """The activity collection an aggregation runs over (``plan.activities`` or a subset)."""
    if isinstance(value, Activities):
        return value
    raise TypeError(
        f"{function}() takes an Activities collection (such as plan.activities), "
        f"not {type(value).__name__}"
    )


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# -- workload ----------------------------------------------------------------------------
@frozen
class WorkloadRow:
    """One institution's row of a :class:`Workload`: activities it leads (is responsible
    for) and supports, per objective code (every column present, zeros included)."""

    institution: Institution
    leading: FrozenMap[str, int]
    supporting: FrozenMap[str, int]

    @property
    def total_leading(self) -> int:
        """Activities the institution is responsible for."""
        return sum(self.leading.values())

    @property
    def total_supporting(self) -> int:
        """Activities the institution supports."""
        return sum(self.supporting.values())

    @property
    def total(self) -> int:
        """Led plus supported (an activity it both leads and supports counts twice)."""
        return self.total_leading + self.total_supporting

    def __repr__(self) -> str:
        """``<WorkloadRow MLSW: leads 20, supports 12>``."""
        return (
            f"<WorkloadRow {self.institution.code}: leads {self.total_leading},"
            f" supports {self.total_supporting}>"
        )


@frozen
class Workload(Tabular):
    """An institution x objective table: ``rows`` ordered by total load (led plus
    supported, then led), ties in order of first appearance; ``objectives`` are the column
    codes, in objective order.

    >>> from antitrafficking_plan import load_plan
    >>> table = load_plan().workload()
    >>> table.objectives
    ('1', '2', '3', '4')
    >>> table.row("MLSW").leading["2"]
    14
    """

    level: Literal["strategic", "specific"]
    objectives: tuple[str, ...]
    rows: tuple[WorkloadRow, ...]

    FRAME_COLUMNS: ClassVar[Columns] = (
        ("institution", "str"),
        ("objective", "str"),
        ("leading", "int"),
        ("supporting", "int"),
    )

    def row(self, institution: str | Institution) -> WorkloadRow:
        """The row of ``institution`` (an :class:`Institution`, code, alias or name)."""
        if isinstance(institution, Institution):
            wanted = {institution.code}
            for row in self.rows:
                if row.institution.code in wanted:
                    return row
        else:
            key = normalize_name(institution)
            for row in self.rows:
                if any(normalize_name(n) == key for n in row.institution.names):
                    return row
        raise KeyError(f"no workload row for {_key_text(institution)}")

    def to_records(self) -> list[dict[str, object]]:
        """The table in long form: one dict per (institution, objective) with
        ``institution``, ``objective``, ``leading`` and ``supporting``."""
        return [
            {
                "institution": row.institution.code,
                "objective": code,
                "leading": row.leading[code],
                "supporting": row.supporting[code],
            }
            for row in self.rows
            for code in self.objectives
        ]

    def table(self) -> tuple[list[str], list[list[str]]]:
        """The wide table as text cells: a row per institution with the activities it
        leads (``led``) and supports (``sup``) in all, then under each objective
        (``"2 led"``, ``"2 sup"``)."""
        headers = ["institution", "led", "sup"]
        for code in self.objectives:
            headers += [f"{code} led", f"{code} sup"]
        rows = [
            [
                row.institution.code,
                str(row.total_leading),
                str(row.total_supporting),
                *(str(n) for c in self.objectives for n in (row.leading[c], row.supporting[c])),
            ]
            for row in self.rows
        ]
        return headers, rows

    def long_table(self) -> tuple[list[str], list[list[str]]]:
        """The table in long form as text cells, leaving out objectives where an
        institution neither leads nor supports anything (what fits a narrow screen)."""
        rows = [
            [str(r["institution"]), str(r["objective"]), str(r["leading"]), str(r["supporting"])]
            for r in self.to_records()
            if r["leading"] or r["supporting"]
        ]
        return ["institution", "objective", "led", "sup"], rows

    def fits(self, width: int) -> bool:
        """Whether the wide :meth:`table` fits ``width`` columns (else :meth:`to_text`
        writes the long form)."""
        headers, _ = self.table()
        return sum(len(h) for h in headers[1:]) + 2 * (len(headers) - 1) + 10 <= width

    def to_text(self, width: int = 80) -> list[str]:
        """The table as lines of at most ``width`` columns: wide when it fits, in long
        form (:meth:`long_table`) otherwise. Institution names wrap, never cut."""
        wide = self.fits(width)
        headers, rows = self.table() if wide else self.long_table()
        right = range(1, len(headers)) if wide else (2, 3)
        note = (
            "led / sup: activities each institution leads (is responsible for) and"
            f" supports, in all{' and' if wide else ''} by {self.level} objective."
        )
        return [*_table.wrap(note, width), *self._render(headers, rows, width, right)]

    @staticmethod
    def _render(
        headers: list[str], rows: list[list[str]], width: int, right: Sequence[int]
    ) -> list[str]:
        key = max(width - sum(len(h) + 2 for h in headers[1:]), 10)
        return _table.render(
            headers, rows, width=width, right=right, wrapped=(0,), maximum={0: key}
        )

    def __str__(self) -> str:
        return "\n".join(self.to_text())

    def __repr__(self) -> str:
        """``<Workload: 70 institutions x 4 strategic objectives>``."""
        return (
            f"<Workload: {_table.plural(len(self.rows), 'institution')} x"
            f" {_table.plural(len(self.objectives), self.level + ' objective')}>"
        )

    def _repr_html_(self) -> str:
        return html_of(self)


def workload(
    activities: Activities,
    *,
    level: Literal["strategic", "specific"] = "strategic",
    objectives: Sequence[str] | None = None,
) -> Workload:
    """The institution x objective workload table of ``activities``.

    ``level`` picks strategic (``"2"``) or specific (``"2.3"``) objective columns;
    ``objectives`` fixes the columns (default: those the activities fall under).

    >>> from antitrafficking_plan import load_plan
    >>> table = workload(load_plan().activities, level="specific")
    >>> "2.3" in table.objectives
    True
    """
    activities = _activities_of(activities, "workload")
    if level not in ("strategic", "specific"):
        raise ValueError(f"level must be 'strategic' or 'specific', not {level!r}")
    key: Literal["strategic_objective", "objective"] = (
        "strategic_objective" if level == "strategic" else "objective"
    )
    if objectives is None:
        columns = tuple(sorted(activities.count_by(key), key=code_sort_key))
    else:
        columns = tuple(objectives)
    leading = activities.group_by("responsible")
    supporting = activities.group_by("supporting")
    order = list(activities.count_by("institution"))
    rows = []
    for inst in order:
        led = leading[inst].count_by(key) if inst in leading else {}
        sup = supporting[inst].count_by(key) if inst in supporting else {}
        rows.append(
            WorkloadRow(
                inst,
                FrozenMap((c, led.get(c, 0)) for c in columns),
                FrozenMap((c, sup.get(c, 0)) for c in columns),
            )
        )
    position = {inst.code: i for i, inst in enumerate(order)}
    rows.sort(key=lambda r: (-r.total, -r.total_leading, position[r.institution.code]))
    return Workload(level, columns, tuple(rows))


# -- timeline ----------------------------------------------------------------------------
@frozen
class TimelinePeriod:
    """One year (an ``int``) or :class:`Quarter` of a :class:`Timeline` and the activities
    running in it."""

    period: int | Quarter
    activities: Activities

    @property
    def count(self) -> int:
        """How many activities run in the period."""
        return len(self.activities)

    @property
    def label(self) -> str:
        """``"2016"`` or ``"Q1 2016"``."""
        return str(self.period)

    def __repr__(self) -> str:
        """``<TimelinePeriod 2016: 79 activities>``."""
        return (
            f"<TimelinePeriod {self.label}: {_table.plural(self.count, 'activity', 'activities')}>"
        )


@frozen
class Timeline(Tabular):
    """How many activities run in each year or quarter of the plan period.

    An activity runs in every period its deadline touches (``Deadline.years`` /
    ``Deadline.quarters``): ``"2015-2017"`` in 2015, 2016 and 2017, ``"ongoing"`` and
    ``"annually"`` in every year of the plan, ``"by 2016"`` from the plan's start to 2016.
    ``undated`` holds the activities with no deadline at all; ``outside`` those whose
    deadline lies wholly outside the plan period.

    >>> from antitrafficking_plan import load_plan
    >>> tl = load_plan().timeline()
    >>> [p.label for p in tl.periods]
    ['2015', '2016', '2017', '2018', '2019']
    >>> tl.undated.codes
    ('1.1.6', '1.3.1', '3.2.2')
    """

    by: Literal["year", "quarter"]
    start_year: int
    end_year: int
    periods: tuple[TimelinePeriod, ...]
    undated: Activities
    outside: Activities

    FRAME_COLUMNS: ClassVar[Columns] = (
        ("period", "str"),
        ("start", "date"),
        ("due", "date"),
        ("count", "int"),
    )

    @property
    def counts(self) -> FrozenMap[int | Quarter, int]:
        """Period -> number of activities running, in chronological order."""
        return FrozenMap((p.period, p.count) for p in self.periods)

    def to_records(self) -> list[dict[str, object]]:
        """One dict per period: ``period`` (label), ``start``, ``due`` (ISO dates), ``count``."""
        records: list[dict[str, object]] = []
        for p in self.periods:
            if isinstance(p.period, Quarter):
                first, last = p.period.start, p.period.due
            else:
                first, last = date(p.period, 1, 1), date(p.period, 12, 31)
            records.append(
                {
                    "period": p.label,
                    "start": first.isoformat(),
                    "due": last.isoformat(),
                    "count": p.count,
                }
            )
        return records

    def to_text(self, width: int = 80) -> list[str]:
        """A bar per period, within ``width`` columns: one ``#`` per activity, or bars
        scaled to fit (a note then says so); the undated activities (and those outside
        the period) are counted last."""
        labels = [p.label for p in self.periods]
        key = max((len(t) for t in (*labels, "undated", "outside")), default=7)
        peak = max((p.count for p in self.periods), default=0)
        room = max(width - key - 8, 10)
        scale = 1.0 if peak <= room else room / peak
        lines = [
            f"{p.label.ljust(key)}  {p.count:4d}  {'#' * math.ceil(p.count * scale)}".rstrip()
            for p in self.periods
        ]
        lines.append(f"{'undated'.ljust(key)}  {len(self.undated):4d}")
        if self.outside:
            lines.append(f"{'outside'.ljust(key)}  {len(self.outside):4d}")
        if scale < 1.0:
            lines += _table.wrap(f"(bars scaled to fit: the longest is {peak} activities)", width)
        return lines

    def __str__(self) -> str:
        return "\n".join(self.to_text())

    def __repr__(self) -> str:
        """``<Timeline 2015-2019 by year: 5 periods, 3 undated>``."""
        span = f"{self.start_year}-{self.end_year}"
        outside = f", {len(self.outside)} outside" if self.outside else ""
        return (
            f"<Timeline {span} by {self.by}: {_table.plural(len(self.periods), 'period')},"
            f" {len(self.undated)} undated{outside}>"
        )

    def _repr_html_(self) -> str:
        return html_of(self)


def timeline(
    activities: Activities,
    start_year: int,
    end_year: int,
    *,
    by: Literal["year", "quarter"] = "year",
) -> Timeline:
    """The activities running in each year (or quarter) from ``start_year`` to ``end_year``.

    >>> from antitrafficking_plan import load_plan
    >>> tl = timeline(load_plan().activities, 2015, 2019, by="quarter")
    >>> str(tl.periods[0].period), len(tl.periods)
    ('Q1 2015', 20)
    """
    activities = _activities_of(activities, "timeline")
    if by not in ("year", "quarter"):
        raise ValueError(f"by must be 'year' or 'quarter', not {by!r}")
    for name, value in (("start_year", start_year), ("end_year", end_year)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if start_year > end_year:
        raise ValueError(f"start_year {start_year} is after end_year {end_year}")
    periods: list[int | Quarter]
    if by == "year":
        periods = list(range(start_year, end_year + 1))
    else:
        periods = [Quarter(y, q) for y in range(start_year, end_year + 1) for q in (1, 2, 3, 4)]
    slot = {(p if isinstance(p, int) else (p.year, p.quarter)): i for i, p in enumerate(periods)}
    running: list[list[int]] = [[] for _ in periods]
    undated: list[int] = []
    outside: list[int] = []
    for pos, activity in enumerate(activities):
        deadline = activity.deadline
        if deadline is None:
            undated.append(pos)
            continue
        touched: Sequence[int | tuple[int, int]] = (
            deadline.years(start_year, end_year)
            if by == "year"
            else deadline.quarters(start_year, end_year)
        )
        inside = False
        for key in touched:
            i = slot.get(key)
            if i is not None:
                running[i].append(pos)
                inside = True
        if not inside:
            outside.append(pos)

    def take(positions: list[int]) -> Activities:
        return activities._take(positions) if positions else activities[0:0]

    return Timeline(
        by,
        start_year,
        end_year,
        tuple(TimelinePeriod(p, take(r)) for p, r in zip(periods, running, strict=True)),
        take(undated),
        take(outside),
    )


# -- cost --------------------------------------------------------------------------------
@frozen
class CostSummary:
    """What the source says about money, reported honestly.

    ``with_cost`` are the activities with a cost attached, ``attached`` the amount
    attached to each that has one, ``attached_amount`` their sum. The plan-level cost
    fragments, which the source does not tie to an activity, are counted apart:
    ``fragments``, ``fragments_with_amount``, ``unattributed_amount`` (amounts only, text
    is never summed) and their funding categories. ``attributed_share`` is the share of
    all stated amounts that is tied to an activity. Amounts are the bare numbers the
    source prints: it states no currency, so none is assumed.

    >>> from antitrafficking_plan import load_plan
    >>> summary = load_plan().cost_summary()
    >>> len(summary.with_cost), summary.attributed_share
    (0, 0.0)
    """

    activities: int
    with_cost: tuple[str, ...]
    attached: FrozenMap[str, int]
    by_funding_source: Counts[FundingSource]
    fragments: int
    fragments_with_amount: int
    unattributed_amount: int
    fragment_sources: Counts[FundingSource]

    @property
    def attached_amount(self) -> int:
        """The sum of the amounts attached to activities (currency not stated)."""
        return sum(self.attached.values())

    @property
    def stated_amount(self) -> int:
        """All amounts the source states: attached plus unattributed."""
        return self.attached_amount + self.unattributed_amount

    @property
    def attributed_share(self) -> float:
        """Share of the stated amounts tied to an activity (0.0 when nothing is stated)."""
        return _share(self.attached_amount, self.stated_amount)

    @property
    def share_with_cost(self) -> float:
        """Share of the activities that have any cost or funding source attached."""
        return _share(len(self.with_cost), self.activities)

    def __repr__(self) -> str:
        """``<CostSummary: 0 of 86 activities with a cost; 109 unattributed fragments>``."""
        return (
            f"<CostSummary: {len(self.with_cost)} of"
            f" {_table.plural(self.activities, 'activity', 'activities')} with a cost;"
            f" {_table.plural(self.fragments, 'unattributed fragment')}>"
        )

    def _repr_html_(self) -> str:
        return html_of(self)

    def __str__(self) -> str:
        return "\n".join(
            [
                f"activities with a cost attached: {len(self.with_cost)} of {self.activities}"
                f" ({self.share_with_cost:.0%})",
                f"amount attached to activities: {self.attached_amount:,}"
                f" (in {len(self.attached)} activities)",
                f"cost fragments not tied to any activity: {self.fragments}"
                f" ({self.fragments_with_amount} with an amount)",
                f"amount in unattributed fragments: {self.unattributed_amount:,}",
                f"share of stated amounts tied to activities: {self.attributed_share:.0%}",
                "(amounts as the source prints them; it states no currency)",
                "funding categories named in fragments: "
                + (", ".join(f"{s} ({n})" for s, n in self.fragment_sources.items()) or "none"),
            ]
        )


def cost_summary(activities: Activities, fragments: Iterable[CostFragment] = ()) -> CostSummary:
    """Summarize the costs attached to ``activities`` and the unattributed ``fragments``.

    >>> from antitrafficking_plan import load_plan
    >>> plan = load_plan()
    >>> s = cost_summary(plan.activities, plan.cost_fragments)
    >>> s.unattributed_amount > 0
    True
    """
    activities = _activities_of(activities, "cost_summary")
    with_cost = activities.where(lambda a: a.cost is not None)
    attached = {
        a.code: a.cost.amount for a in with_cost if a.cost is not None and a.cost.amount is not None
    }
    frags = tuple(fragments)
    for frag in frags:
        if not isinstance(frag, CostFragment):
            raise TypeError(f"fragments must be CostFragment objects, not {type(frag).__name__}")
    source_counts: dict[FundingSource, int] = {}
    for frag in frags:
        for source in dict.fromkeys(frag.sources):
            source_counts[source] = source_counts.get(source, 0) + 1
    ranked = dict(sorted(source_counts.items(), key=lambda kv: -kv[1]))
    return CostSummary(
        activities=len(activities),
        with_cost=with_cost.codes,
        attached=FrozenMap(attached),
        by_funding_source=activities.count_by("funding_source"),
        fragments=len(frags),
        fragments_with_amount=sum(1 for f in frags if f.amount is not None),
        unattributed_amount=sum(f.amount for f in frags if f.amount is not None),
        fragment_sources=Counts(ranked),
    )


# -- quality -----------------------------------------------------------------------------
@frozen
class QualityCheck:
    """One check of a :class:`QualityReport`: the activities (by code) it flags."""

    name: str
    description: str
    codes: tuple[str, ...]
    total: int

    @property
    def count(self) -> int:
        """How many activities the check flags."""
        return len(self.codes)

    @property
    def share(self) -> float:
        """The flagged share of all activities checked (0.0 for no activities)."""
        return _share(self.count, self.total)

    def __repr__(self) -> str:
        """``<QualityCheck no_indicator: 3 of 86 (3.5%)>``."""
        return f"<QualityCheck {self.name}: {self.count} of {self.total} ({self.share:.1%})>"


@frozen
class QualityReport(Tabular):
    """Where the plan is weak as a plan (in the spirit of SIGMA's checks of strategy
    documents): activities without a due date, a responsible institution, a cost or an
    indicator.

    >>> from antitrafficking_plan import load_plan
    >>> r = load_plan().quality_report()
    >>> r.no_responsible.count >= 1, r.total
    (True, 86)
    """

    total: int
    no_due_date: QualityCheck
    no_responsible: QualityCheck
    no_cost: QualityCheck
    no_indicator: QualityCheck

    FRAME_COLUMNS: ClassVar[Columns] = (
        ("check", "str"),
        ("description", "str"),
        ("count", "int"),
        ("share", "float"),
        ("codes", "list[str]"),
    )

    @property
    def checks(self) -> tuple[QualityCheck, ...]:
        """The four checks, in a fixed order."""
        return (self.no_due_date, self.no_responsible, self.no_cost, self.no_indicator)

    @property
    def flagged(self) -> tuple[str, ...]:
        """Codes flagged by at least one check, each once, in order of first flag."""
        return tuple(dict.fromkeys(code for c in self.checks for code in c.codes))

    def to_records(self) -> list[dict[str, object]]:
        """One dict per check: ``check``, ``description``, ``count``, ``share``, ``codes``."""
        return [
            {
                "check": c.name,
                "description": c.description,
                "count": c.count,
                "share": c.share,
                "codes": list(c.codes),
            }
            for c in self.checks
        ]

    def to_text(self, width: int = 80) -> list[str]:
        """The report as lines of at most ``width`` columns: a line per check, then the
        codes it flags, wrapped."""
        lines = [f"Quality report on {_table.plural(self.total, 'activity', 'activities')}"]
        for c in self.checks:
            head = f"{c.name}: {c.count} ({c.share:.1%}), {c.description}"
            lines += _table.wrap(head, width, indent="    ", first="  ")
            if c.codes:
                lines += _table.wrap(", ".join(c.codes), width, indent="    ", first="    ")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.to_text())

    def __repr__(self) -> str:
        """``<QualityReport of 86 activities: no_due_date 47, ...>``."""
        counts = ", ".join(f"{c.name} {c.count}" for c in self.checks)
        return f"<QualityReport of {_table.plural(self.total, 'activity', 'activities')}: {counts}>"

    def _repr_html_(self) -> str:
        return html_of(self)


def quality_report(activities: Activities) -> QualityReport:
    """Check every activity for a due date, a responsible institution, a cost and an
    indicator.

    "No due date" means no deadline at all, or one with no due date (ongoing, onwards,
    annual). "No cost" means no cost or funding source attached to the activity itself.

    >>> from antitrafficking_plan import load_plan
    >>> quality_report(load_plan().activities).no_cost.share
    1.0
    """
    activities = _activities_of(activities, "quality_report")
    total = len(activities)

    def check(name: str, description: str, flagged: Activities) -> QualityCheck:
        return QualityCheck(name, description, flagged.codes, total)

    return QualityReport(
        total,
        check(
            "no_due_date",
            "no deadline, or a deadline without a due date (ongoing, onwards, annual)",
            activities.without_due_date(),
        ),
        check(
            "no_responsible",
            "no identifiable responsible institution",
            activities.where(lambda a: not any(i.is_identified for i in a.responsible)),
        ),
        check("no_cost", "no cost or funding source attached", activities.where(_no_cost)),
        check("no_indicator", "no indicator", activities.where(lambda a: a.indicators is None)),
    )


def _no_cost(activity: Any) -> bool:
    return bool(activity.cost is None)
