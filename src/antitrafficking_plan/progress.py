"""The monitor's questions: what stands where, what is late, how far along each group is.

Each question is one typed call over a :class:`~antitrafficking_plan.statuslog.StatusLog`
and a plan's activities (a :class:`~antitrafficking_plan.Plan`, or any ``Activities``
such as ``plan.activities.involving("MEX")``, so the questions compose with every
filter), always with the date given: there is no hidden "today".

* :func:`statuses`: the status of every activity as of a date (its latest report on or
  before it; none is "unreported", never a default);
* :func:`late`: activities whose due date has passed and whose latest status is not
  completed or cancelled; overdue activities with no report are listed apart as
  unreported; an ongoing activity is never late;
* :func:`progress`: per strategic objective, specific objective or responsible
  institution, the count of each status and of unreported activities, the share completed
  of what was due, the OGP-style "substantial or complete" share and the share
  unreported;
* :func:`changes`: what changed between two reporting dates.

Every activity has one :class:`Standing` as of a date: ``late``, ``unreported``,
``done`` (due date passed, completed or cancelled), ``ongoing`` (an ongoing deadline),
``not_yet_due``, or ``no_due_date`` (annual, onwards, none given). The first four
partition the activities that were due (overdue or ongoing).

Results are frozen, with a text form (``str()``), ``to_records()``, ``to_pandas()`` and a
notebook display. The examples use the FICTIONAL demo data of
:mod:`antitrafficking_plan.demo`:

>>> from datetime import date
>>> from antitrafficking_plan.demo import demo_plan, demo_status_log
>>> plan, log = demo_plan(), demo_status_log()   # fictional
>>> report = late(log, plan, as_of=date(2021, 1, 1))
>>> [(s.code, s.word) for s in report.late]
[('1.2.2', 'in_progress'), ('2.2.1', 'suspended')]
>>> [s.code for s in report.unreported]
['2.2.3']
>>> progress(log, plan, as_of=date(2021, 1, 1)).row("1").counts["completed"]
2
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from html import escape
from typing import Any, Literal, get_args

from attrs import frozen

from . import _table
from ._enum import TextEnum
from .collection import Activities
from .deadline import DeadlineKind
from .model import Activity
from .plan import Plan
from .results import Counts, FrozenMap
from .status import CLOSED, Extent, Status
from .statuslog import StatusLog, StatusReport, _day

__all__ = [
    "GROUPINGS",
    "ActivityStatus",
    "Changes",
    "Grouping",
    "LateReport",
    "Progress",
    "ProgressRow",
    "Standing",
    "StatusChange",
    "StatusTable",
    "changes",
    "late",
    "progress",
    "standing",
    "statuses",
]

#: What :func:`progress` groups by.
Grouping = Literal["strategic_objective", "objective", "institution"]
#: ``Grouping`` as a runtime tuple.
GROUPINGS: tuple[str, ...] = get_args(Grouping)

_STATUSES: tuple[Status, ...] = tuple(Status)


class Standing(TextEnum):
    """Where an activity stands as of a date."""

    #: Due date passed; latest status neither completed nor cancelled.
    LATE = "late"
    #: Due date passed; no report.
    UNREPORTED = "unreported"
    #: Due date passed; completed or cancelled.
    DONE = "done"
    #: An ongoing deadline: never late.
    ONGOING = "ongoing"
    #: Due on or after the date.
    NOT_YET_DUE = "not_yet_due"
    #: No due date (annual, onwards, none given).
    NO_DUE_DATE = "no_due_date"


def standing(activity: Activity, report: StatusReport | None, as_of: date) -> Standing:
    """The standing of ``activity`` as of ``as_of`` given its latest ``report`` (or none).

    >>> from datetime import date
    >>> from antitrafficking_plan import Activity, parse_deadline
    >>> a = Activity("1.1.1", deadline=parse_deadline("Q2 2020"))
    >>> str(standing(a, None, date(2020, 7, 1)))
    'unreported'
    >>> str(standing(a, None, date(2020, 6, 30)))  # not overdue on the due day itself
    'not_yet_due'
    """
    deadline = activity.deadline
    if deadline is not None and deadline.kind is DeadlineKind.ONGOING:
        return Standing.ONGOING
    due = None if deadline is None else deadline.due
    if due is None:
        return Standing.NO_DUE_DATE
    if due >= as_of:
        return Standing.NOT_YET_DUE
    if report is None:
        return Standing.UNREPORTED
    return Standing.DONE if report.status in CLOSED else Standing.LATE


def _activities(value: object) -> Activities:
    """The activities a question runs over: a plan's, or any ``Activities`` subset."""
    if isinstance(value, Plan):
        return value.activities
    if isinstance(value, Activities):
        return value
    raise TypeError(
        "the progress questions take a Plan or an Activities collection (such as "
        f"plan.activities.involving('MLSW')), not {type(value).__name__}"
    )


def _log(value: object) -> StatusLog:
    if not isinstance(value, StatusLog):
        raise TypeError(f"expected a StatusLog, not {type(value).__name__}")
    return value


def _frame(records: list[dict[str, Any]], columns: Sequence[str]) -> Any:
    try:
        import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise ImportError(
            'to_pandas() needs pandas; install it with pip install "antitrafficking-plan[pandas]"'
        ) from None
    return pd.DataFrame.from_records(records, columns=list(columns))


def _html(title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A small HTML table; every piece of text is escaped."""
    cell = "text-align:left;padding:2px 8px;border-bottom:1px solid #ddd"
    head = "".join(f'<th style="{cell}">{escape(h)}</th>' for h in headers)
    body = "".join(
        "<tr>"
        + "".join(f'<td style="{cell}">{escape("" if v is None else str(v))}</td>' for v in row)
        + "</tr>"
        for row in rows
    )
    return (
        f'<div style="font-size:0.9em"><b>{escape(title)}</b>'
        f'<table style="border-collapse:collapse"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _text(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = [title, *_table.render(headers, rows, width=100, flexible=(len(headers) - 1,))]
    return "\n".join(lines)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


# -- status of every activity ------------------------------------------------------------
@frozen
class ActivityStatus:
    """One activity, its latest report as of the date (``None``: unreported) and its
    :class:`Standing`."""

    activity: Activity
    report: StatusReport | None
    standing: Standing

    @property
    def code(self) -> str:
        """The activity code."""
        return self.activity.code

    @property
    def status(self) -> Status | None:
        """The latest status, or ``None`` when there is no report."""
        return None if self.report is None else self.report.status

    @property
    def word(self) -> str | None:
        """The latest status as the report writes it, or ``None``."""
        return None if self.report is None else self.report.word

    def to_record(self) -> dict[str, Any]:
        """A flat dict (see :data:`STATUS_COLUMNS`)."""
        a, r = self.activity, self.report
        deadline = a.deadline
        return {
            "code": a.code,
            "status": None if r is None else r.word,
            "status_value": None if r is None else r.status.value,
            "extent": None if r is None or r.extent is None else r.extent.value,
            "standing": str(self.standing),
            "reported_as_of": None if r is None else r.as_of.isoformat(),
            "deadline": None if deadline is None else str(deadline),
            "due": None if deadline is None else _iso(deadline.due),
            "responsible": [i.code for i in a.responsible],
            "description": a.description,
            "evidence": None if r is None else r.evidence,
            "reported_by": None if r is None else r.reported_by,
            "source": None if r is None else r.source,
        }


#: The columns of ``StatusTable.to_records()`` and ``LateReport.to_records()``.
STATUS_COLUMNS: tuple[str, ...] = (
    "code",
    "status",
    "status_value",
    "extent",
    "standing",
    "reported_as_of",
    "deadline",
    "due",
    "responsible",
    "description",
    "evidence",
    "reported_by",
    "source",
)


def _status_rows(rows: Sequence[ActivityStatus]) -> list[list[str]]:
    return [
        [
            s.code,
            "no report" if s.report is None else str(s.report.value),
            "" if s.report is None else s.report.as_of.isoformat(),
            str(s.standing),
            "" if s.activity.deadline is None else str(s.activity.deadline),
            s.activity.description or "",
        ]
        for s in rows
    ]


_STATUS_HEADERS = ("code", "status", "reported", "standing", "deadline", "description")


@frozen
class StatusTable:
    """The status of every activity as of ``as_of``, in plan order."""

    as_of: date
    rows: tuple[ActivityStatus, ...]

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, code: str) -> ActivityStatus | None:
        """The row of activity ``code``, or ``None``."""
        return next((s for s in self.rows if s.code == code), None)

    def counts(self) -> Counts[Status | None]:
        """How many activities have each latest status (``None``: unreported), in the
        order of the scale, zeros included."""
        found: dict[Status | None, int] = dict.fromkeys((*_STATUSES, None), 0)
        for s in self.rows:
            found[s.status] += 1
        counts: Counts[Status | None] = Counts._trusted(found)
        return counts

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per activity (columns :data:`STATUS_COLUMNS`)."""
        return [s.to_record() for s in self.rows]

    def to_pandas(self) -> Any:
        """The records as a ``pandas.DataFrame``."""
        return _frame(self.to_records(), STATUS_COLUMNS)

    def __str__(self) -> str:
        title = f"status of {len(self.rows)} activities as of {self.as_of.isoformat()}"
        return _text(title, _STATUS_HEADERS, _status_rows(self.rows))

    def _repr_html_(self) -> str:
        title = f"Status of {len(self.rows)} activities as of {self.as_of.isoformat()}"
        return _html(title, _STATUS_HEADERS, _status_rows(self.rows))


def _rows(log: StatusLog, activities: Activities, as_of: date) -> tuple[ActivityStatus, ...]:
    latest = log.as_of(as_of)
    get = latest.get
    return tuple(ActivityStatus(a, (r := get(a.code)), standing(a, r, as_of)) for a in activities)


def statuses(log: StatusLog, activities: Plan | Activities, *, as_of: date) -> StatusTable:
    """The status of every activity of ``activities`` as of ``as_of``: its latest report
    on or before that day, or none (unreported).

    >>> from datetime import date
    >>> from antitrafficking_plan.demo import demo_plan, demo_status_log
    >>> table = statuses(demo_status_log(), demo_plan(), as_of=date(2020, 7, 1))  # fictional
    >>> table.get("1.1.3").word
    'në vazhdim'
    >>> table.counts()[None]   # unreported
    6
    """
    day = _day(as_of, "as_of")
    return StatusTable(day, _rows(_log(log), _activities(activities), day))


# -- late ----------------------------------------------------------------------------------
@frozen
class LateReport:
    """What is late as of ``as_of``, and the rest of what was due, apart.

    ``late``: due date passed, latest status neither completed nor cancelled;
    ``unreported``: due date passed, no report; ``done``: due date passed, completed or
    cancelled; ``ongoing``: an ongoing deadline (never late). Together they are the
    activities that were due (overdue or ongoing), each in exactly one.
    """

    as_of: date
    late: tuple[ActivityStatus, ...]
    unreported: tuple[ActivityStatus, ...]
    done: tuple[ActivityStatus, ...]
    ongoing: tuple[ActivityStatus, ...]

    def to_records(self) -> list[dict[str, Any]]:
        """The late activities, then the unreported ones (``status`` is ``None`` for
        those): one flat dict each (columns :data:`STATUS_COLUMNS`)."""
        return [s.to_record() for s in (*self.late, *self.unreported)]

    def to_pandas(self) -> Any:
        """The records as a ``pandas.DataFrame``."""
        return _frame(self.to_records(), STATUS_COLUMNS)

    def __str__(self) -> str:
        day = self.as_of.isoformat()
        parts = [
            _text(f"late as of {day}: {len(self.late)}", _STATUS_HEADERS, _status_rows(self.late))
        ]
        parts.append(
            _text(
                f"overdue with no report as of {day}: {len(self.unreported)}",
                _STATUS_HEADERS,
                _status_rows(self.unreported),
            )
        )
        parts.append(
            f"due and done (completed or cancelled): {len(self.done)}; ongoing (never late):"
            f" {len(self.ongoing)}"
        )
        return "\n\n".join(parts)

    def _repr_html_(self) -> str:
        day = self.as_of.isoformat()
        return _html(
            f"Late ({len(self.late)}) and overdue with no report ({len(self.unreported)}) as"
            f" of {day}",
            _STATUS_HEADERS,
            _status_rows((*self.late, *self.unreported)),
        )


def late(log: StatusLog, activities: Plan | Activities, *, as_of: date) -> LateReport:
    """The activities late as of ``as_of``, with the overdue ones that have no report
    listed apart (see :class:`LateReport`). The due day itself is not late.

    >>> from datetime import date
    >>> from antitrafficking_plan.demo import demo_plan, demo_status_log
    >>> report = late(demo_status_log(), demo_plan(), as_of=date(2022, 1, 1))  # fictional
    >>> [s.code for s in report.late], [s.code for s in report.ongoing]
    (['2.1.2'], ['1.1.3'])
    """
    day = _day(as_of, "as_of")
    groups: dict[Standing, list[ActivityStatus]] = {
        Standing.LATE: [],
        Standing.UNREPORTED: [],
        Standing.DONE: [],
        Standing.ONGOING: [],
    }
    for row in _rows(_log(log), _activities(activities), day):
        found = groups.get(row.standing)
        if found is not None:
            found.append(row)
    return LateReport(
        day,
        tuple(groups[Standing.LATE]),
        tuple(groups[Standing.UNREPORTED]),
        tuple(groups[Standing.DONE]),
        tuple(groups[Standing.ONGOING]),
    )


# -- progress ------------------------------------------------------------------------------
@frozen
class ProgressRow:
    """One group's progress as of the date.

    ``counts`` has every status of the scale (zeros included); with ``unreported`` they
    sum to ``activities``. ``due`` counts the activities whose due date has passed and
    ``completed_of_due`` those of them completed. Shares are ``None`` when their whole is
    zero.
    """

    group: str
    activities: int
    counts: FrozenMap[Status, int]
    unreported: int
    due: int
    completed_of_due: int
    substantial_or_complete: int

    @property
    def share_completed_of_due(self) -> float | None:
        """Completed among the activities whose due date has passed."""
        return _share(self.completed_of_due, self.due)

    @property
    def share_substantial_or_complete(self) -> float | None:
        """OGP-style: in progress with substantial extent, or completed, of all."""
        return _share(self.substantial_or_complete, self.activities)

    @property
    def share_unreported(self) -> float | None:
        """Activities with no report, of all."""
        return _share(self.unreported, self.activities)

    def to_record(self) -> dict[str, Any]:
        """A flat dict (columns :data:`PROGRESS_COLUMNS`)."""
        record: dict[str, Any] = {"group": self.group, "activities": self.activities}
        record.update((s.value, self.counts[s]) for s in _STATUSES)
        record.update(
            unreported=self.unreported,
            due=self.due,
            completed_of_due=self.completed_of_due,
            share_completed_of_due=self.share_completed_of_due,
            substantial_or_complete=self.substantial_or_complete,
            share_substantial_or_complete=self.share_substantial_or_complete,
            share_unreported=self.share_unreported,
        )
        return record


#: The columns of ``Progress.to_records()``.
PROGRESS_COLUMNS: tuple[str, ...] = (
    "group",
    "activities",
    *(s.value for s in _STATUSES),
    "unreported",
    "due",
    "completed_of_due",
    "share_completed_of_due",
    "substantial_or_complete",
    "share_substantial_or_complete",
    "share_unreported",
)
_PROGRESS_HEADERS = (
    "group",
    "activities",
    "not started",
    "in progress",
    "completed",
    "cancelled",
    "suspended",
    "unreported",
    "completed of due",
    "subst.+compl.",
)


def _progress_cells(row: ProgressRow) -> list[str]:
    return [
        row.group,
        str(row.activities),
        *(str(row.counts[s]) for s in _STATUSES),
        str(row.unreported),
        f"{row.completed_of_due}/{row.due} ({_percent(row.share_completed_of_due)})",
        _percent(row.share_substantial_or_complete),
    ]


@frozen
class Progress:
    """Progress per group as of ``as_of``; ``total`` is the same over all the
    activities (group ``"all"``). Groups are objectives in code order, or responsible
    institutions, most activities first."""

    by: Grouping
    as_of: date
    rows: tuple[ProgressRow, ...]
    total: ProgressRow

    def row(self, group: str) -> ProgressRow:
        """The row of ``group`` (an objective or institution code)."""
        for row in self.rows:
            if row.group == group:
                return row
        known = ", ".join(r.group for r in self.rows)
        raise KeyError(f"no progress row for {group!r}; the groups are {known}")

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per group (columns :data:`PROGRESS_COLUMNS`), without the total."""
        return [r.to_record() for r in self.rows]

    def to_pandas(self) -> Any:
        """The records as a ``pandas.DataFrame``."""
        return _frame(self.to_records(), PROGRESS_COLUMNS)

    def _title(self) -> str:
        by = self.by.replace("_", " ")
        return f"progress by {by} as of {self.as_of.isoformat()}"

    def _cells(self) -> list[list[str]]:
        return [_progress_cells(r) for r in (*self.rows, self.total)]

    def __str__(self) -> str:
        lines = [self._title(), *_table.render(_PROGRESS_HEADERS, self._cells(), width=120)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return _html(self._title().capitalize(), _PROGRESS_HEADERS, self._cells())


def _group_keys(by: str) -> Callable[[Activity], Sequence[str]]:
    if by == "strategic_objective":
        return lambda a: (a.strategic_objective_code,)
    if by == "objective":
        return lambda a: (a.specific_objective_code,)
    return lambda a: tuple(dict.fromkeys(i.code for i in a.responsible))


def _objective_order(code: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 1 << 30 for p in code.split("."))


_SUBSTANTIAL = Extent.SUBSTANTIAL


def progress(
    log: StatusLog,
    activities: Plan | Activities,
    *,
    as_of: date,
    by: Grouping = "strategic_objective",
) -> Progress:
    """Progress as of ``as_of`` per ``by``: ``"strategic_objective"``, ``"objective"``
    (specific) or ``"institution"`` (responsible; an activity counts under each of its
    responsible institutions, one with none under no institution).

    >>> from datetime import date
    >>> from antitrafficking_plan.demo import demo_plan, demo_status_log
    >>> p = progress(demo_status_log(), demo_plan(), as_of=date(2022, 1, 1))  # fictional
    >>> row = p.row("2")
    >>> row.counts["completed"], row.unreported, row.activities
    (2, 1, 6)
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    day = _day(as_of, "as_of")
    acts = _activities(activities)
    latest = _log(log).as_of(day)
    get = latest.get
    keys_of = _group_keys(by)
    # per group: [activities, *status counts, unreported, due, completed_of_due, subst.]
    width = len(_STATUSES) + 5
    slot = {s: i + 1 for i, s in enumerate(_STATUSES)}
    completed, unreported_at = slot[Status.COMPLETED], len(_STATUSES) + 1
    tallies: dict[str, list[int]] = {}
    total = [0] * width
    for a in acts:
        report = get(a.code)
        deadline = a.deadline
        due = deadline is not None and deadline.due is not None and deadline.due < day
        at = unreported_at if report is None else slot[report.status]
        strong = report is not None and (at == completed or (report.extent is _SUBSTANTIAL))
        for counts in (total, *(tallies.setdefault(k, [0] * width) for k in keys_of(a))):
            counts[0] += 1
            counts[at] += 1
            if due:
                counts[unreported_at + 1] += 1
                if at == completed:
                    counts[unreported_at + 2] += 1
            if strong:
                counts[unreported_at + 3] += 1

    def make(group: str, counts: list[int]) -> ProgressRow:
        return ProgressRow(
            group,
            counts[0],
            FrozenMap(zip(_STATUSES, counts[1 : len(_STATUSES) + 1], strict=False)),
            counts[unreported_at],
            counts[unreported_at + 1],
            counts[unreported_at + 2],
            counts[unreported_at + 3],
        )

    if by == "institution":
        order = sorted(tallies, key=lambda k: -tallies[k][0])  # stable: first seen wins ties
    else:
        order = sorted(tallies, key=_objective_order)
    rows = tuple(make(k, tallies[k]) for k in order)
    return Progress(by, day, rows, make("all", total))


# -- changes -------------------------------------------------------------------------------
@frozen
class StatusChange:
    """An activity whose status (or extent) differs between two dates."""

    activity: Activity
    before: StatusReport | None
    after: StatusReport | None

    @property
    def code(self) -> str:
        """The activity code."""
        return self.activity.code


#: The columns of ``Changes.to_records()``.
CHANGE_COLUMNS: tuple[str, ...] = (
    "code",
    "before",
    "before_value",
    "before_as_of",
    "after",
    "after_value",
    "after_as_of",
)


def _side(report: StatusReport | None) -> tuple[str | None, str | None, str | None]:
    if report is None:
        return (None, None, None)
    return (report.word, str(report.value), report.as_of.isoformat())


@frozen
class Changes:
    """The activities whose latest status as of ``end`` differs from that as of
    ``start`` (a first report counts as a change), in plan order."""

    start: date
    end: date
    changes: tuple[StatusChange, ...]

    def __len__(self) -> int:
        return len(self.changes)

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per change (columns :data:`CHANGE_COLUMNS`)."""
        records = []
        for c in self.changes:
            before, after = _side(c.before), _side(c.after)
            records.append(dict(zip(CHANGE_COLUMNS, (c.code, *before, *after), strict=True)))
        return records

    def to_pandas(self) -> Any:
        """The records as a ``pandas.DataFrame``."""
        return _frame(self.to_records(), CHANGE_COLUMNS)

    def _cells(self) -> list[list[str]]:
        return [
            [
                c.code,
                "no report" if c.before is None else str(c.before.value),
                "no report" if c.after is None else str(c.after.value),
                c.activity.description or "",
            ]
            for c in self.changes
        ]

    def _title(self) -> str:
        return (
            f"{len(self.changes)} status changes from {self.start.isoformat()} to"
            f" {self.end.isoformat()}"
        )

    def __str__(self) -> str:
        return _text(self._title(), ("code", "before", "after", "description"), self._cells())

    def _repr_html_(self) -> str:
        return _html(self._title(), ("code", "before", "after", "description"), self._cells())


def changes(log: StatusLog, activities: Plan | Activities, *, start: date, end: date) -> Changes:
    """What changed between the reporting dates ``start`` and ``end`` (``start`` before
    ``end``): every activity whose latest status (or extent) as of ``end`` differs from
    that as of ``start``.

    >>> from datetime import date
    >>> from antitrafficking_plan.demo import demo_plan, demo_status_log
    >>> c = changes(demo_status_log(), demo_plan(),
    ...             start=date(2020, 6, 30), end=date(2020, 12, 31))  # fictional
    >>> [(x.code, str(x.after.value)) for x in c.changes][:2]
    [('1.1.2', 'completed'), ('1.2.1', 'in_progress (limited)')]
    """
    first, last = _day(start, "start"), _day(end, "end")
    if first > last:
        raise ValueError(f"start {first} is after end {last}")
    log = _log(log)
    before, after = log.as_of(first), log.as_of(last)
    found = []
    for a in _activities(activities):
        old, new = before.get(a.code), after.get(a.code)
        if old is new:
            continue
        if old is None or new is None or old.value != new.value:
            found.append(StatusChange(a, old, new))
    return Changes(first, last, tuple(found))
