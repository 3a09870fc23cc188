"""Summaries of a plan's activities, as small immutable typed values.

The result types here are what the query helpers return: :class:`Counts` and
:class:`Groups` (immutable ordered mappings returned by ``Activities.count_by`` and
``Activities.group_by``), :class:`Quarter`, and the four summaries monitors ask for:

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
>>> plan.cost_summary().attached_eur
0
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from attrs import frozen

from .model import CostFragment, FundingSource, Institution
from .quarter import Quarter
from .registry import normalize_name

if TYPE_CHECKING:
    from .collection import Activities
    from .plan import Plan

__all__ = [
    "CostSummary",
    "Counts",
    "FrozenMap",
    "Groups",
    "QualityCheck",
    "QualityReport",
    "Quarter",
    "Timeline",
    "TimelinePeriod",
    "Workload",
    "WorkloadRow",
    "cost_summary",
    "quality_report",
    "timeline",
    "workload",
]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_M = TypeVar("_M", bound="FrozenMap[Any, Any]")

_REPR_LIMIT = 12


def _activities_of(value: object, function: str) -> Activities:
    """The activity collection an aggregation runs over: an ``Activities`` or a ``Plan``."""
    from .collection import Activities
    from .plan import Plan

    if isinstance(value, Plan):
        return value.activities
    if isinstance(value, Activities):
        return value
    raise TypeError(
        f"{function}() takes a Plan or an Activities collection (such as plan.activities), "
        f"not {type(value).__name__}"
    )


def _is_plan(value: object) -> bool:
    from .plan import Plan

    return isinstance(value, Plan)


def _key_text(key: object) -> str:
    if key is None or type(key) in (str, int, float, bool):
        return repr(key)
    return str(key)


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """An immutable mapping that keeps its insertion order.

    >>> m = FrozenMap({"b": 2, "a": 1})
    >>> list(m), m["a"]
    (['b', 'a'], 1)
    """

    __slots__ = ("_data",)

    _data: dict[K, V]

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        object.__setattr__(self, "_data", dict(items))

    @classmethod
    def _trusted(cls: type[_M], data: dict[Any, Any]) -> _M:
        new = cls.__new__(cls)
        object.__setattr__(new, "_data", data)
        return new

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self._data,))

    def _value_text(self, value: V) -> str:
        return repr(value)

    def __repr__(self) -> str:
        shown = [
            f"{_key_text(k)}: {self._value_text(v)}"
            for k, v in list(self._data.items())[:_REPR_LIMIT]
        ]
        if len(self._data) > _REPR_LIMIT:
            shown.append(f"… ({len(self._data)} keys in all)")
        return f"{type(self).__name__}({{{', '.join(shown)}}})"


class Counts(FrozenMap[K, int]):
    """How many activities have each key, most frequent first (ties in order of first
    appearance); returned by ``Activities.count_by``.

    >>> from antitrafficking_plan import load_plan
    >>> counts = load_plan().activities.count_by("responsible")
    >>> top, n = counts.most_common(1)[0]
    >>> n == max(counts.values())
    True
    """

    __slots__ = ()

    @property
    def total(self) -> int:
        """The sum of the counts: the number of (activity, key) pairs."""
        return sum(self._data.values())

    def most_common(self, n: int | None = None) -> tuple[tuple[K, int], ...]:
        """The ``n`` largest counts (all if ``n`` is None), as ``(key, count)`` pairs."""
        items = tuple(self._data.items())
        return items if n is None else items[: max(n, 0)]


class Groups(FrozenMap[K, "Activities"]):
    """The activities under each key, largest group first (ties in order of first
    appearance); returned by ``Activities.group_by``. Each group keeps plan order.

    >>> from antitrafficking_plan import load_plan
    >>> groups = load_plan().activities.group_by("strategic_objective")
    >>> groups["3"].codes[0]
    '3.1.1'
    """

    __slots__ = ()

    def counts(self) -> Counts[K]:
        """The size of each group, as :class:`Counts` (equal to ``count_by`` of the key)."""
        counts: Counts[K] = Counts._trusted({k: len(v) for k, v in self._data.items()})
        return counts

    def _value_text(self, value: Activities) -> str:
        return f"{len(value)} activities"


def _objective_sort_key(code: str) -> tuple[tuple[int, ...], str]:
    parts = code.split(".")
    numbers = tuple(int(p) for p in parts if p.isdigit())
    return (numbers if len(numbers) == len(parts) else (1 << 30,), code)


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


@frozen
class Workload:
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

    def __str__(self) -> str:
        head = ["institution", *self.objectives, "total"]
        lines = [head]
        for row in self.rows:
            cells = [f"{row.leading[c]}/{row.supporting[c]}" for c in self.objectives]
            lines.append(
                [row.institution.code, *cells, f"{row.total_leading}/{row.total_supporting}"]
            )
        widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
        text = [
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(line, widths, strict=True))
            )
            for line in lines
        ]
        return "\n".join(["(cells: led/supported)", *text])


def workload(
    activities: Activities | Plan,
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
        columns = tuple(sorted(activities.count_by(key), key=_objective_sort_key))
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


@frozen
class Timeline:
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

    def __str__(self) -> str:
        width = max((len(p.label) for p in self.periods), default=4)
        lines = [f"{p.label.ljust(width)}  {p.count:4d}  {'#' * p.count}" for p in self.periods]
        lines.append(f"{'undated'.ljust(width)}  {len(self.undated):4d}")
        if self.outside:
            lines.append(f"{'outside'.ljust(width)}  {len(self.outside):4d}")
        return "\n".join(lines)


def timeline(
    activities: Activities | Plan,
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

    ``with_cost`` are the activities with a cost attached, ``attached`` the EUR amount
    attached to each that has one, ``attached_eur`` their sum. The plan-level cost
    fragments, which the source does not tie to an activity, are counted apart:
    ``fragments``, ``fragments_with_amount``, ``unattributed_eur`` (amounts only, text is
    never summed) and their funding categories. ``attributed_share`` is the share of all
    stated EUR that is tied to an activity.

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
    unattributed_eur: int
    fragment_sources: Counts[FundingSource]

    @property
    def attached_eur(self) -> int:
        """The sum of the EUR amounts attached to activities."""
        return sum(self.attached.values())

    @property
    def stated_eur(self) -> int:
        """All EUR amounts the source states: attached plus unattributed."""
        return self.attached_eur + self.unattributed_eur

    @property
    def attributed_share(self) -> float:
        """Share of the stated EUR tied to an activity (0.0 when nothing is stated)."""
        return _share(self.attached_eur, self.stated_eur)

    @property
    def share_with_cost(self) -> float:
        """Share of the activities that have any cost or funding source attached."""
        return _share(len(self.with_cost), self.activities)

    def __str__(self) -> str:
        return "\n".join(
            [
                f"activities with a cost attached: {len(self.with_cost)} of {self.activities}"
                f" ({self.share_with_cost:.0%})",
                f"EUR attached to activities: {self.attached_eur:,}"
                f" (in {len(self.attached)} activities)",
                f"cost fragments not tied to any activity: {self.fragments}"
                f" ({self.fragments_with_amount} with an amount)",
                f"EUR in unattributed fragments: {self.unattributed_eur:,}",
                f"share of stated EUR tied to activities: {self.attributed_share:.0%}",
                "funding categories named in fragments: "
                + (", ".join(f"{s} ({n})" for s, n in self.fragment_sources.items()) or "none"),
            ]
        )


def cost_summary(
    activities: Activities | Plan, fragments: Iterable[CostFragment] = ()
) -> CostSummary:
    """Summarize the costs attached to ``activities`` and the unattributed ``fragments``.

    >>> from antitrafficking_plan import load_plan
    >>> plan = load_plan()
    >>> s = cost_summary(plan.activities, plan.cost_fragments)
    >>> s.unattributed_eur > 0
    True
    """
    if not fragments and _is_plan(activities):
        fragments = activities.cost_fragments  # type: ignore[union-attr]
    activities = _activities_of(activities, "cost_summary")
    with_cost = activities.where(lambda a: a.cost is not None)
    attached = {
        a.code: a.cost.amount_eur
        for a in with_cost
        if a.cost is not None and a.cost.amount_eur is not None
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
        fragments_with_amount=sum(1 for f in frags if f.amount_eur is not None),
        unattributed_eur=sum(f.amount_eur for f in frags if f.amount_eur is not None),
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


@frozen
class QualityReport:
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

    def __str__(self) -> str:
        lines = [f"quality report on {self.total} activities"]
        for c in self.checks:
            codes = ", ".join(c.codes[:10]) + (" …" if c.count > 10 else "")
            lines.append(f"  {c.name:<15} {c.count:4d} ({c.share:6.1%})  {codes}")
        return "\n".join(lines)


def quality_report(activities: Activities | Plan) -> QualityReport:
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
            "no responsible institution",
            activities.where(lambda a: not a.responsible),
        ),
        check("no_cost", "no cost or funding source attached", activities.where(_no_cost)),
        check("no_indicator", "no indicator", activities.where(lambda a: a.indicators is None)),
    )


def _no_cost(activity: Any) -> bool:
    return bool(activity.cost is None)
