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

Dates are ``datetime.date`` values or ISO strings (``"2021-01-01"``), as everywhere in the
library. Results are frozen, with a short ``repr()``, a text form (``str()``),
``to_records()``, ``to_pandas()``, ``to_polars()`` and a notebook display. A result whose
data says it is made up (the plan's title, a responsible institution's name or a report's
source says "fictional", as the demo data does) has ``fictional`` set, says FICTIONAL in
its text, display and title, and a ``fictional`` column in its records. The examples use
the FICTIONAL demo data of :mod:`antitrafficking_plan.demo`:

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

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar, Literal, get_args

from attrs import frozen

from . import _table
from ._dates import as_date
from ._display import html_of
from ._enum import TextEnum
from ._frames import Columns, Tabular
from .collection import Activities
from .deadline import DeadlineKind
from .model import Activity, code_sort_key
from .plan import Plan
from .results import Counts, FrozenMap
from .status import CLOSED, Extent, Status
from .statuslog import StatusLog, StatusReport

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
    "is_fictional",
    "late",
    "plan_says_fictional",
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


#: Said in the titles of results over data that says it is made up.
FICTIONAL_MARK = "FICTIONAL data"
_FICTIONAL = "fictional"


def is_fictional(log: StatusLog, activities: Plan | Activities) -> bool:
    """Whether the data says it is made up: the plan's title, the name of a responsible
    institution of one of the activities, or the source of a report says "fictional" (as
    every part of the demo data does). Results over such data are marked FICTIONAL.

    >>> from antitrafficking_plan.demo import demo_plan, demo_status_log
    >>> is_fictional(demo_status_log(), demo_plan())
    True
    >>> from antitrafficking_plan import load_plan
    >>> is_fictional(StatusLog(), load_plan())
    False
    """
    return _log(log).says_fictional or plan_says_fictional(activities)


def plan_says_fictional(activities: Plan | Activities) -> bool:
    """The plan's half of :func:`is_fictional`: whether the plan's title or the name of a
    responsible institution of one of the activities says "fictional" (the report says
    which part of its data is made up: the plan, the status log or both).

    >>> from antitrafficking_plan.demo import demo_plan
    >>> plan_says_fictional(demo_plan()), plan_says_fictional(demo_plan().activities)
    (True, True)
    """
    if isinstance(activities, Plan) and _FICTIONAL in activities.title.lower():
        return True
    names = {i.name for a in _activities(activities) for i in a.responsible}
    return any(_FICTIONAL in n.lower() for n in names if n is not None)


def _marked(title: str, fictional: bool) -> str:
    return f"{title} ({FICTIONAL_MARK})" if fictional else title


def _marked_repr(text: str, fictional: bool) -> str:
    return f"{text[:-1]}, {FICTIONAL_MARK}>" if fictional else text


def _marks(records: list[dict[str, Any]], fictional: bool) -> list[dict[str, Any]]:
    for record in records:
        record["fictional"] = fictional
    return records


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

    def __repr__(self) -> str:
        """``<ActivityStatus 1.2.2: in_progress, late>``."""
        status = "no report" if self.report is None else str(self.report.value)
        return f"<ActivityStatus {self.code}: {status}, {self.standing}>"

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


#: The columns of ``StatusTable.to_records()`` and ``LateReport.to_records()`` (``fictional``:
#: whether the data says it is made up, see :func:`is_fictional`).
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
    "fictional",
)
_STATUS_FRAME: Columns = (
    ("code", "str"),
    ("status", "str"),
    ("status_value", "str"),
    ("extent", "str"),
    ("standing", "str"),
    ("reported_as_of", "date"),
    ("deadline", "str"),
    ("due", "date"),
    ("responsible", "list[str]"),
    ("description", "str"),
    ("evidence", "str"),
    ("reported_by", "str"),
    ("source", "str"),
    ("fictional", "bool"),
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
class StatusTable(Tabular):
    """The status of every activity as of ``as_of``, in plan order (``fictional``: the data
    says it is made up)."""

    as_of: date
    rows: tuple[ActivityStatus, ...]
    fictional: bool = False

    FRAME_COLUMNS: ClassVar[Columns] = _STATUS_FRAME

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        """``<StatusTable as of 2021-01-01: 12 activities, 3 unreported>``."""
        unreported = sum(1 for s in self.rows if s.report is None)
        return _marked_repr(
            f"<StatusTable as of {self.as_of.isoformat()}:"
            f" {_table.plural(len(self.rows), 'activity', 'activities')}, {unreported} unreported>",
            self.fictional,
        )

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
        return _marks([s.to_record() for s in self.rows], self.fictional)

    def _parts(self) -> tuple[str, Sequence[str], list[list[str]]]:
        title = f"status of {len(self.rows)} activities as of {self.as_of.isoformat()}"
        return _marked(title, self.fictional), _STATUS_HEADERS, _status_rows(self.rows)

    def __str__(self) -> str:
        return _text(*self._parts())

    def _repr_html_(self) -> str:
        return html_of(self)


def _rows(log: StatusLog, activities: Activities, as_of: date) -> tuple[ActivityStatus, ...]:
    latest = log.as_of(as_of)
    get = latest.get
    return tuple(ActivityStatus(a, (r := get(a.code)), standing(a, r, as_of)) for a in activities)


def statuses(log: StatusLog, activities: Plan | Activities, *, as_of: date | str) -> StatusTable:
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
    day = as_date(as_of, "as_of")
    acts = _activities(activities)
    return StatusTable(day, _rows(_log(log), acts, day), is_fictional(log, activities))


# -- late ----------------------------------------------------------------------------------
@frozen
class LateReport(Tabular):
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
    fictional: bool = False

    FRAME_COLUMNS: ClassVar[Columns] = _STATUS_FRAME

    def __repr__(self) -> str:
        """``<LateReport as of 2021-01-01: 2 late, 1 unreported, 5 done, 1 ongoing>``."""
        return _marked_repr(
            f"<LateReport as of {self.as_of.isoformat()}: {len(self.late)} late,"
            f" {len(self.unreported)} unreported, {len(self.done)} done,"
            f" {len(self.ongoing)} ongoing>",
            self.fictional,
        )

    def to_records(self) -> list[dict[str, Any]]:
        """The late activities, then the unreported ones (``status`` is ``None`` for
        those): one flat dict each (columns :data:`STATUS_COLUMNS`)."""
        return _marks([s.to_record() for s in (*self.late, *self.unreported)], self.fictional)

    def _parts(self) -> tuple[str, Sequence[str], list[list[str]]]:
        title = (
            f"Late ({len(self.late)}) and overdue with no report ({len(self.unreported)}) as"
            f" of {self.as_of.isoformat()}"
        )
        rows = _status_rows((*self.late, *self.unreported))
        return _marked(title, self.fictional), _STATUS_HEADERS, rows

    def __str__(self) -> str:
        day = self.as_of.isoformat()
        late_title = _marked(f"late as of {day}: {len(self.late)}", self.fictional)
        parts = [_text(late_title, _STATUS_HEADERS, _status_rows(self.late))]
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
        return html_of(self)


def late(log: StatusLog, activities: Plan | Activities, *, as_of: date | str) -> LateReport:
    """The activities late as of ``as_of``, with the overdue ones that have no report
    listed apart (see :class:`LateReport`). The due day itself is not late.

    >>> from datetime import date
    >>> from antitrafficking_plan.demo import demo_plan, demo_status_log
    >>> report = late(demo_status_log(), demo_plan(), as_of=date(2022, 1, 1))  # fictional
    >>> [s.code for s in report.late], [s.code for s in report.ongoing]
    (['2.1.2'], ['1.1.3'])
    """
    day = as_date(as_of, "as_of")
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
        is_fictional(log, activities),
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

    def __repr__(self) -> str:
        """``<ProgressRow 1: 6 activities, 2 completed, 1 unreported>``."""
        return (
            f"<ProgressRow {self.group}:"
            f" {_table.plural(self.activities, 'activity', 'activities')},"
            f" {self.counts[Status.COMPLETED]} completed, {self.unreported} unreported>"
        )

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
    "fictional",
)
_PROGRESS_FRAME: Columns = (
    ("group", "str"),
    ("activities", "int"),
    *((s.value, "int") for s in _STATUSES),
    ("unreported", "int"),
    ("due", "int"),
    ("completed_of_due", "int"),
    ("share_completed_of_due", "float"),
    ("substantial_or_complete", "int"),
    ("share_substantial_or_complete", "float"),
    ("share_unreported", "float"),
    ("fictional", "bool"),
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
class Progress(Tabular):
    """Progress per group as of ``as_of``; ``total`` is the same over all the
    activities (group ``"all"``). Groups are objectives in code order, or identified
    responsible institutions, most activities first (``fictional``: the data says it is
    made up)."""

    by: Grouping
    as_of: date
    rows: tuple[ProgressRow, ...]
    total: ProgressRow
    fictional: bool = False

    FRAME_COLUMNS: ClassVar[Columns] = _PROGRESS_FRAME

    def __repr__(self) -> str:
        """``<Progress by strategic objective as of 2021-01-01: 2 groups, 12 activities>``."""
        return _marked_repr(
            f"<Progress by {self.by.replace('_', ' ')} as of {self.as_of.isoformat()}:"
            f" {_table.plural(len(self.rows), 'group')},"
            f" {_table.plural(self.total.activities, 'activity', 'activities')}>",
            self.fictional,
        )

    def row(self, group: str) -> ProgressRow:
        """The row of ``group`` (an objective or institution code)."""
        for row in self.rows:
            if row.group == group:
                return row
        known = ", ".join(r.group for r in self.rows)
        raise KeyError(f"no progress row for {group!r}; the groups are {known}")

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per group (columns :data:`PROGRESS_COLUMNS`), without the total."""
        return _marks([r.to_record() for r in self.rows], self.fictional)

    def _title(self) -> str:
        by = self.by.replace("_", " ")
        return _marked(f"progress by {by} as of {self.as_of.isoformat()}", self.fictional)

    def _parts(self) -> tuple[str, Sequence[str], list[list[str]]]:
        title = self._title()
        return title[:1].upper() + title[1:], _PROGRESS_HEADERS, self._cells()

    def _cells(self) -> list[list[str]]:
        return [_progress_cells(r) for r in (*self.rows, self.total)]

    def __str__(self) -> str:
        lines = [self._title(), *_table.render(_PROGRESS_HEADERS, self._cells(), width=120)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return html_of(self)


def _group_keys(by: str) -> Callable[[Activity], Sequence[str]]:
    if by == "strategic_objective":
        return lambda a: (a.strategic_objective_code,)
    if by == "objective":
        return lambda a: (a.specific_objective_code,)
    # a name fragment ("Trafficking") never counts as a responsible institution
    return lambda a: tuple(dict.fromkeys(i.code for i in a.responsible if i.is_identified))


_SUBSTANTIAL = Extent.SUBSTANTIAL


def progress(
    log: StatusLog,
    activities: Plan | Activities,
    *,
    as_of: date | str,
    by: Grouping = "strategic_objective",
) -> Progress:
    """Progress as of ``as_of`` per ``by``: ``"strategic_objective"``, ``"objective"``
    (specific) or ``"institution"`` (responsible; an activity counts under each of its
    identified responsible institutions; name fragments never count as an institution,
    so an activity whose responsible cell holds none, or only fragments, counts under no
    institution, only in the total).

    >>> from datetime import date
    >>> from antitrafficking_plan.demo import demo_plan, demo_status_log
    >>> p = progress(demo_status_log(), demo_plan(), as_of=date(2022, 1, 1))  # fictional
    >>> row = p.row("2")
    >>> row.counts["completed"], row.unreported, row.activities
    (2, 1, 6)
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    day = as_date(as_of, "as_of")
    acts = _activities(activities)
    latest = _log(log).as_of(day)
    get = latest.get
    keys_of = _group_keys(by)
    # per group: [activities, *status counts, unreported, due, completed_of_due, subst.]
    width = len(_STATUSES) + 5
    slot = {s: i + 1 for i, s in enumerate(_STATUSES)}
    completed, unreported_at = slot[Status.COMPLETED], len(_STATUSES) + 1
    # One pass: each activity is one (group, status slot, due, strong) signature; the
    # signatures are counted, then added up into each group's counts.
    seen: dict[tuple[str | None, int, bool, bool], int] = {}
    for a in acts:
        report = get(a.code)
        deadline = a.deadline
        due = deadline is not None and deadline.due is not None and deadline.due < day
        if report is None:
            at, strong = unreported_at, False
        else:
            at = slot[report.status]
            strong = at == completed or report.extent is _SUBSTANTIAL
        total_key = (None, at, due, strong)
        seen[total_key] = seen.get(total_key, 0) + 1
        for k in keys_of(a):
            key = (k, at, due, strong)
            seen[key] = seen.get(key, 0) + 1
    tallies: dict[str, list[int]] = {}
    total = [0] * width
    for (group, at, due, strong), n in seen.items():
        if group is None:
            counts = total
        else:
            counts = tallies.get(group) or tallies.setdefault(group, [0] * width)
        counts[0] += n
        counts[at] += n
        if due:
            counts[unreported_at + 1] += n
            if at == completed:
                counts[unreported_at + 2] += n
        if strong:
            counts[unreported_at + 3] += n

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
        order = sorted(tallies, key=code_sort_key)
    rows = tuple(make(k, tallies[k]) for k in order)
    return Progress(by, day, rows, make("all", total), is_fictional(log, activities))


# -- changes -------------------------------------------------------------------------------
@frozen
class StatusChange:
    """An activity whose status (or extent) differs between two dates."""

    activity: Activity
    before: StatusReport | None
    after: StatusReport | None

    def __repr__(self) -> str:
        """``<StatusChange 1.1.2: in_progress -> completed>``."""
        before, after = (
            "no report" if r is None else str(r.value) for r in (self.before, self.after)
        )
        return f"<StatusChange {self.code}: {before} -> {after}>"

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
    "fictional",
)
_CHANGE_FRAME: Columns = (
    ("code", "str"),
    ("before", "str"),
    ("before_value", "str"),
    ("before_as_of", "date"),
    ("after", "str"),
    ("after_value", "str"),
    ("after_as_of", "date"),
    ("fictional", "bool"),
)
_CHANGE_HEADERS = ("code", "before", "after", "description")


def _side(report: StatusReport | None) -> tuple[str | None, str | None, str | None]:
    if report is None:
        return (None, None, None)
    return (report.word, str(report.value), report.as_of.isoformat())


@frozen
class Changes(Tabular):
    """The activities whose latest status as of ``end`` differs from that as of
    ``start`` (a first report counts as a change), in plan order (``fictional``: the
    data says it is made up)."""

    start: date
    end: date
    changes: tuple[StatusChange, ...]
    fictional: bool = False

    FRAME_COLUMNS: ClassVar[Columns] = _CHANGE_FRAME

    def __len__(self) -> int:
        return len(self.changes)

    def __repr__(self) -> str:
        """``<Changes from 2020-06-30 to 2020-12-31: 5 activities>``."""
        return _marked_repr(
            f"<Changes from {self.start.isoformat()} to {self.end.isoformat()}:"
            f" {_table.plural(len(self.changes), 'activity', 'activities')}>",
            self.fictional,
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per change (columns :data:`CHANGE_COLUMNS`)."""
        records = []
        for c in self.changes:
            before, after = _side(c.before), _side(c.after)
            values = (c.code, *before, *after, self.fictional)
            records.append(dict(zip(CHANGE_COLUMNS, values, strict=True)))
        return records

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

    def _parts(self) -> tuple[str, Sequence[str], list[list[str]]]:
        title = (
            f"{len(self.changes)} status changes from {self.start.isoformat()} to"
            f" {self.end.isoformat()}"
        )
        return _marked(title, self.fictional), _CHANGE_HEADERS, self._cells()

    def __str__(self) -> str:
        return _text(*self._parts())

    def _repr_html_(self) -> str:
        return html_of(self)


def changes(
    log: StatusLog, activities: Plan | Activities, *, start: date | str, end: date | str
) -> Changes:
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
    first, last = as_date(start, "start"), as_date(end, "end")
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
    return Changes(first, last, tuple(found), is_fictional(log, activities))
