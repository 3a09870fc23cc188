"""Deadlines as printed in the action plan, read into one immutable, ordered value type.

A :class:`Deadline` has a :class:`DeadlineKind` and the period it names: ``start`` (first
day) and ``due`` (last day), either of which is ``None`` where the text gives none.
:func:`parse_deadline` reads the plan's spellings (English and Albanian) and refuses text
that is malformed or reads two ways. Everything that differs by kind (its label, which
ends it has, its rule, its ``str`` and EDTF forms) is written once, in one table.

>>> from datetime import date
>>> from antitrafficking_plan.deadline import DeadlineKind, parse_deadline
>>> d = parse_deadline("Q4 2015")
>>> d
<Deadline('Q4 2015')>
>>> d.start, d.due
(datetime.date(2015, 10, 1), datetime.date(2015, 12, 31))
>>> d.overdue(date(2016, 1, 1)), d.to_edtf()
(True, '2015-36')
>>> d.kind.label, d.kind.meaning
('quarter', 'one calendar quarter')
>>> parse_deadline("vazhdimes i").is_ongoing
True
>>> sorted([parse_deadline("ongoing"), parse_deadline("2016"), parse_deadline("Q4 2015")])
[<Deadline('Q4 2015')>, <Deadline('2016')>, <Deadline('ongoing')>]
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, Protocol, TypeVar

import attrs

from ._dates import as_date
from ._deadline_grammar import (
    ALTERNATIONS,
    ANNUAL_WORDS,
    BRANCHES,
    BY_STARTS,
    FORMS,
    LEAD_GROUPS,
    MONTH_NAMES,
    MONTHS,
    ONGOING_WORDS,
    by_prefix,
    fullmatch,
)
from ._enum import TextEnum
from .errors import DeadlineParseError
from .quarter import first_day, from_index, index, last_day, quarter_of

__all__ = ["MAX_DEADLINE_LENGTH", "Deadline", "DeadlineKind", "parse_deadline"]

#: Longest text :func:`parse_deadline` reads; longer text is refused before any matching.
MAX_DEADLINE_LENGTH = 200


class DeadlineKind(TextEnum):
    """What a deadline's text names; the value is a stable lower-case identifier.

    The declaration order is the tie-break of :class:`Deadline` ordering.
    """

    #: One calendar quarter: ``"Q4 2015"``.
    QUARTER = "quarter"
    #: Two or more consecutive quarters: ``"Q1-Q2 2016"``, ``"Q4 2015-Q2 2016"``.
    QUARTER_RANGE = "quarter_range"
    #: A half year: ``"H1 2016"``, ``"second half of 2016"``.
    HALF = "half"
    #: A calendar month: ``"June 2016"``, ``"06/2016"``.
    MONTH = "month"
    #: One day (``start == due``): ``"31 December 2016"``, ``"31.12.2016"``, ``"2016-12-31"``.
    DAY = "day"
    #: A calendar year: ``"2016"``.
    YEAR = "year"
    #: Two or more calendar years: ``"2015-2017"``.
    YEAR_RANGE = "year_range"
    #: Due by a day, no start: ``"by end of 2016"``, ``"end of June 2016"``, ``"until 2016"``.
    BY = "by"
    #: Open-ended from the first day of a year, no due date: ``"2015 onwards"``.
    ONWARDS = "onwards"
    #: Continuous, neither start nor due date: ``"ongoing"``, ``"vazhdimisht"``.
    ONGOING = "ongoing"
    #: Recurring every year, neither start nor due date: ``"annually"``.
    ANNUAL = "annual"

    @property
    def label(self) -> str:
        """A short name for people, as chart legends use: ``"quarter"``, ``"range of years"``."""
        return _RULES[self].label

    @property
    def meaning(self) -> str:
        """What a deadline of this kind names: ``"one calendar quarter"``."""
        return _RULES[self].meaning


_K = DeadlineKind
# Module constants: an enum attribute lookup costs more than a whole ``date()`` call.
_KQ, _KQR, _KH, _KM, _KD, _KY, _KYR = (
    _K.QUARTER,
    _K.QUARTER_RANGE,
    _K.HALF,
    _K.MONTH,
    _K.DAY,
    _K.YEAR,
    _K.YEAR_RANGE,
)
_KBY, _KON, _KOG, _KAN = _K.BY, _K.ONWARDS, _K.ONGOING, _K.ANNUAL
_RANK = {kind: rank for rank, kind in enumerate(DeadlineKind)}
_DMIN = date.min
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_end(year: int, month: int) -> int:
    """The number of days in ``month`` of ``year`` (leap Februaries included)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month]


# ----------------------------------------------------------------------- the kind table
_T = TypeVar("_T")
#: A function of a deadline's ends, ``(start, due)``.
_OfEnds = Callable[[date | None, date | None], _T]


class _KindRules(NamedTuple):
    """Everything that differs by kind; ``_RULES`` holds one record per :class:`DeadlineKind`
    (a NamedTuple: cheaper to define at import than an attrs class).

    ``check``, ``text`` and ``edtf`` are called with ends that are present exactly where
    ``has_start`` and ``has_due`` say (and ``start <= due`` when both are): ``check``
    says why the ends do not fit the kind, or ``None``; ``text`` is the canonical
    ``str`` form (which :func:`parse_deadline` reads back); ``edtf`` the EDTF form.
    """

    label: str
    meaning: str
    has_start: bool
    has_due: bool
    check: _OfEnds[str | None]
    text: _OfEnds[str]
    edtf: _OfEnds[str]


def _both(fn: Callable[[date, date], _T]) -> _OfEnds[_T]:
    def of_both(start: date | None, due: date | None) -> _T:
        assert start is not None
        assert due is not None
        return fn(start, due)

    return of_both


def _start(fn: Callable[[date], _T]) -> _OfEnds[_T]:
    def of_start(start: date | None, due: date | None) -> _T:
        assert start is not None
        return fn(start)

    return of_start


def _due(fn: Callable[[date], _T]) -> _OfEnds[_T]:
    def of_due(start: date | None, due: date | None) -> _T:
        assert due is not None
        return fn(due)

    return of_due


def _always(value: _T) -> _OfEnds[_T]:
    return lambda start, due: value


def _in_quarters(name: str, fits: Callable[[int, int], bool], rule: str) -> _OfEnds[str | None]:
    """The check of a kind made of whole quarters; ``fits`` gets the quarters' indexes."""

    def check(start: date, due: date) -> str | None:
        first, last = quarter_of(start), quarter_of(due)
        if start != first_day(start.year, first) or due != last_day(due.year, last):
            return f"{name} runs from the first day of a quarter to the last day of a quarter"
        return None if fits(index(start.year, first), index(due.year, last)) else rule

    return _both(check)


def _in_years(name: str, fits: Callable[[int, int], bool], rule: str) -> _OfEnds[str | None]:
    """The check of a kind made of whole calendar years; ``fits`` gets the years."""

    def check(start: date, due: date) -> str | None:
        if (start.month, start.day, due.month, due.day) != (1, 1, 12, 31):
            return f"{name} runs from 1 January to 31 December"
        return None if fits(start.year, due.year) else rule

    return _both(check)


def _one_month(start: date, due: date) -> str | None:
    ok = (
        start.day == 1
        and (start.year, start.month) == (due.year, due.month)
        and due.day == _month_end(due.year, due.month)
    )
    return None if ok else "a MONTH runs from the first to the last day of one month"


def _quarters_text(start: date, due: date) -> str:
    first, last = quarter_of(start), quarter_of(due)
    if start.year == due.year:
        return f"Q{first}-Q{last} {start.year:04d}"
    return f"Q{first} {start.year:04d}-Q{last} {due.year:04d}"


def _half_number(start: date) -> int:
    return 1 if start.month == 1 else 2


_RULES: dict[DeadlineKind, _KindRules] = {
    _KQ: _KindRules(
        label="quarter",
        meaning="one calendar quarter",
        has_start=True,
        has_due=True,
        check=_in_quarters("QUARTER", lambda a, b: a == b, "a QUARTER is one calendar quarter"),
        text=_both(lambda s, d: f"Q{quarter_of(s)} {s.year:04d}"),
        edtf=_both(lambda s, d: f"{s.year:04d}-{32 + quarter_of(s)}"),
    ),
    _KQR: _KindRules(
        label="quarters",
        meaning="two or more consecutive calendar quarters",
        has_start=True,
        has_due=True,
        check=_in_quarters(
            "QUARTER_RANGE", lambda a, b: a < b, "a QUARTER_RANGE spans two or more quarters"
        ),
        text=_both(_quarters_text),
        # EDTF has no season intervals: a quarter range is an interval of months.
        edtf=_both(lambda s, d: f"{s.year:04d}-{s.month:02d}/{d.year:04d}-{d.month:02d}"),
    ),
    _KH: _KindRules(
        label="half year",
        meaning="a half year",
        has_start=True,
        has_due=True,
        # Quarters 1-2 or 3-4 of one year: indexes 4y, 4y + 1 or 4y + 2, 4y + 3.
        check=_in_quarters(
            "HALF",
            lambda a, b: a % 2 == 0 and b == a + 1,
            "a HALF is January-June or July-December of one year",
        ),
        text=_both(lambda s, d: f"H{_half_number(s)} {s.year:04d}"),
        edtf=_both(lambda s, d: f"{s.year:04d}-{39 + _half_number(s)}"),
    ),
    _KM: _KindRules(
        label="month",
        meaning="a calendar month",
        has_start=True,
        has_due=True,
        check=_both(_one_month),
        text=_both(lambda s, d: f"{MONTH_NAMES[s.month]} {s.year:04d}"),
        edtf=_both(lambda s, d: f"{s.year:04d}-{s.month:02d}"),
    ),
    _KD: _KindRules(
        label="day",
        meaning="one day",
        has_start=True,
        has_due=True,
        check=_both(lambda s, d: None if s == d else "a DAY starts and ends on the same day"),
        text=_both(lambda s, d: s.isoformat()),
        edtf=_both(lambda s, d: s.isoformat()),
    ),
    _KY: _KindRules(
        label="year",
        meaning="a calendar year",
        has_start=True,
        has_due=True,
        check=_in_years("YEAR", lambda a, b: a == b, "a YEAR is one calendar year"),
        text=_both(lambda s, d: f"{s.year:04d}"),
        edtf=_both(lambda s, d: f"{s.year:04d}"),
    ),
    _KYR: _KindRules(
        label="range of years",
        meaning="two or more calendar years",
        has_start=True,
        has_due=True,
        check=_in_years("YEAR_RANGE", lambda a, b: a < b, "a YEAR_RANGE spans two or more years"),
        text=_both(lambda s, d: f"{s.year:04d}-{d.year:04d}"),
        edtf=_both(lambda s, d: f"{s.year:04d}/{d.year:04d}"),
    ),
    _KBY: _KindRules(
        label='"by" a date',
        meaning="due by a day, with no start",
        has_start=False,
        has_due=True,
        check=_always(None),
        text=_due(lambda d: f"by {d.isoformat()}"),
        edtf=_due(lambda d: f"../{d.isoformat()}"),
    ),
    _KON: _KindRules(
        label='"onwards"',
        meaning="open-ended from the start of a year, with no due date",
        has_start=True,
        has_due=False,
        check=_start(
            lambda s: None if (s.month, s.day) == (1, 1) else "ONWARDS starts on 1 January"
        ),
        text=_start(lambda s: f"{s.year:04d} onwards"),
        edtf=_start(lambda s: f"{s.year:04d}/.."),
    ),
    _KOG: _KindRules(
        label="ongoing",
        meaning="continuous, with neither start nor due date",
        has_start=False,
        has_due=False,
        check=_always(None),
        text=_always("ongoing"),
        edtf=_always("../.."),
    ),
    _KAN: _KindRules(
        label="annually",
        meaning="recurring every year, with neither start nor due date",
        has_start=False,
        has_due=False,
        check=_always(None),
        text=_always("annually"),
        # EDTF has no recurrence: every date, the recurrence lost.
        edtf=_always("../.."),
    ),
}
assert list(_RULES) == list(DeadlineKind), "one rules record per kind, in declaration order"


def _invalid(kind: DeadlineKind, start: date | None, due: date | None) -> str | None:
    """Why ``(kind, start, due)`` is not a valid deadline, or ``None`` if it is."""
    rules = _RULES[kind]
    if (start is not None) is not rules.has_start or (due is not None) is not rules.has_due:
        if rules.has_start and rules.has_due:
            return f"{kind.name} needs both start and due"
        if rules.has_due:
            return f"{kind.name} has a due date and no start"
        if rules.has_start:
            return f"{kind.name} has a start and no due date"
        return f"{kind.name} has no start or due"
    if start is not None and due is not None and start > due:
        return "start is after due"
    return rules.check(start, due)


# ------------------------------------------------------------------------ the value type
@attrs.frozen(eq=False, order=False, init=False, getstate_setstate=False)
class Deadline:
    """An immutable, hashable, totally ordered deadline.

    ``kind`` says what the text named; ``start`` is the first day of the period and ``due``
    its last day (inclusive), each ``None`` where the text gives none:

    ============== ================= =================
    kind           start             due
    ============== ================= =================
    QUARTER ...    first day         last day
    DAY            the day           the same day
    BY             ``None``          the day it is due by
    ONWARDS        1 January of year ``None``
    ONGOING        ``None``          ``None``
    ANNUAL         ``None``          ``None``
    ============== ================= =================

    The constructor checks that ``start`` and ``due`` fit the kind (a QUARTER runs from
    the first to the last day of one quarter, and so on) and raises :class:`ValueError`
    (or :class:`TypeError` for non-dates) otherwise; the ``of_*`` class methods and
    :func:`parse_deadline` are the usual way to make one. Every ``Deadline`` (from the
    constructor, a class method, the parser, ``attrs.evolve`` or unpickling) is made by
    one private class method, the only code that fills its fields.

    **Equality** is same kind and same period: ``"June 2016" == "06/2016"``, but
    ``"H1 2016" != "Q1-Q2 2016"`` although their periods are equal.

    **Order** is by ``due``, then ``start`` (a missing start sorts first, as unbounded in
    the past), deadlines without a due date after every dated one, and remaining ties by
    kind in :class:`DeadlineKind` declaration order. ``==``, ``<`` and ``hash`` all derive
    from one sort key, so the order is total and agrees with equality.

    **Open ends**: :meth:`contains` and :meth:`overlaps` treat a missing start as
    unbounded in the past and a missing due as unbounded in the future. ANNUAL (a task
    repeated every year) therefore covers every date, is open-ended, is not "ongoing"
    (:attr:`is_ongoing` is True only for ONGOING) and is never overdue.

    >>> Deadline.of_quarter(2015, 4) == Deadline(DeadlineKind.QUARTER, date(2015, 10, 1),
    ...                                          date(2015, 12, 31))
    True
    """

    kind: DeadlineKind
    start: date | None = None
    due: date | None = None

    if TYPE_CHECKING:  # the constructor is ``__new__``; its signature, for type checkers

        def __init__(
            self, kind: DeadlineKind, start: date | None = None, due: date | None = None
        ) -> None: ...

    def __new__(
        cls, kind: DeadlineKind, start: date | None = None, due: date | None = None
    ) -> Deadline:
        if not isinstance(kind, DeadlineKind):
            raise TypeError(f"kind must be a DeadlineKind, not {kind!r}")
        for name, value in (("start", start), ("due", due)):
            if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
                raise TypeError(f"{name} must be a datetime.date or None, not {value!r}")
        problem = _invalid(kind, start, due)
        if problem is not None:
            raise ValueError(f"invalid {kind.name} deadline ({start}, {due}): {problem}")
        return cls._checked(kind, start, due)

    @classmethod
    def _checked(cls, kind: DeadlineKind, start: date | None, due: date | None) -> Deadline:
        """The constructor's last step, and the one place that fills a Deadline's fields.

        The caller vouches that the fields are valid: the constructor after its checks,
        and the class methods and the parser, which build only valid fields (checking
        them again would double the cost of a parse).
        """
        self = _new(cls)
        _set_kind(self, kind)
        _set_start(self, start)
        _set_due(self, due)
        return self

    def __reduce__(self) -> tuple[type[Deadline], tuple[DeadlineKind, date | None, date | None]]:
        # Unpickling and copying go through the constructor, and its checks.
        return Deadline, (self.kind, self.start, self.due)

    # ----------------------------------------------------------------- constructors
    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Deadline:
        """The calendar quarter ``quarter`` (1-4) of ``year``."""
        _check_number("year", year, 1, 9999)
        _check_number("quarter", quarter, 1, 4)
        return _quarters(year, quarter, year, quarter)

    @classmethod
    def of_quarters(
        cls, start_year: int, start_quarter: int, end_year: int, end_quarter: int
    ) -> Deadline:
        """Quarters ``start_quarter`` of ``start_year`` to ``end_quarter`` of ``end_year``.

        One quarter (equal ends) gives a QUARTER; reversed ends raise :class:`ValueError`.
        """
        for year in (start_year, end_year):
            _check_number("year", year, 1, 9999)
        for q in (start_quarter, end_quarter):
            _check_number("quarter", q, 1, 4)
        if (start_year, start_quarter) > (end_year, end_quarter):
            raise ValueError("reversed quarter range")
        return _quarters(start_year, start_quarter, end_year, end_quarter)

    @classmethod
    def of_half(cls, year: int, half: int) -> Deadline:
        """Half ``half`` (1 = January-June, 2 = July-December) of ``year``."""
        _check_number("year", year, 1, 9999)
        _check_number("half", half, 1, 2)
        return _half(year, half)

    @classmethod
    def of_month(cls, year: int, month: int) -> Deadline:
        """The calendar month ``month`` (1-12) of ``year``."""
        _check_number("year", year, 1, 9999)
        _check_number("month", month, 1, 12)
        return _month(year, month)

    @classmethod
    def of_day(cls, day: date) -> Deadline:
        """The one day ``day``."""
        return cls(_KD, day, day)

    @classmethod
    def of_year(cls, year: int) -> Deadline:
        """The calendar year ``year``."""
        _check_number("year", year, 1, 9999)
        return _years(year, year)

    @classmethod
    def of_years(cls, first: int, last: int) -> Deadline:
        """Calendar years ``first`` to ``last``; equal ends give a YEAR."""
        _check_number("year", first, 1, 9999)
        _check_number("year", last, 1, 9999)
        if first > last:
            raise ValueError(f"reversed year range {first}-{last}")
        return _years(first, last)

    @classmethod
    def by(cls, due: date) -> Deadline:
        """Due by ``due`` (inclusive), with no start."""
        return cls(_KBY, None, due)

    @classmethod
    def onwards(cls, year: int) -> Deadline:
        """Open-ended from 1 January of ``year``."""
        _check_number("year", year, 1, 9999)
        return _onwards(year)

    @classmethod
    def ongoing(cls) -> Deadline:
        """Continuous: no start, no due date."""
        return _ONGOING

    @classmethod
    def annual(cls) -> Deadline:
        """Recurring every year: no start, no due date, never overdue."""
        return _ANNUAL

    # ------------------------------------------------------------------- predicates
    @property
    def is_ongoing(self) -> bool:
        """True only for ONGOING (not for ONWARDS or ANNUAL; see :attr:`is_open_ended`)."""
        return self.kind is _KOG

    @property
    def is_open_ended(self) -> bool:
        """True when there is no due date: ONGOING, ONWARDS and ANNUAL."""
        return self.due is None

    @property
    def is_recurring(self) -> bool:
        """True for ANNUAL."""
        return self.kind is _KAN

    def contains(self, day: date | str) -> bool:
        """Whether ``day`` (a date or an ISO date string) lies in the period (open ends
        unbounded; datetimes use their date)."""
        day = as_date(day, "day")
        start, due = self.start, self.due
        return (start is None or start <= day) and (due is None or day <= due)

    def overlaps(self, other: Deadline) -> bool:
        """Whether the two periods share at least one day (open ends unbounded)."""
        if not isinstance(other, Deadline):
            raise TypeError(f"overlaps() needs a Deadline, not {type(other).__name__}")
        if self.start is not None and other.due is not None and other.due < self.start:
            return False
        return not (other.start is not None and self.due is not None and self.due < other.start)

    def overdue(self, as_of: date | str) -> bool:
        """True exactly when there is a due date and it is before ``as_of`` (a date or an
        ISO date string; a datetime uses its date).

        A deadline is not overdue on its due day. ONGOING, ONWARDS and ANNUAL are never
        overdue.

        >>> parse_deadline("Q4 2015").overdue("2016-01-01")
        True
        """
        as_of = as_date(as_of, "as_of")
        return self.due is not None and self.due < as_of

    def years(self, plan_start: int, plan_end: int) -> tuple[int, ...]:
        """The calendar years the period touches, in order.

        Open ends are clipped to the plan period ``plan_start..plan_end``: ONGOING and
        ANNUAL give every plan year, ``BY 2016`` gives ``plan_start..2016``, ``2017
        onwards`` gives ``2017..plan_end``. Closed ends are not clipped (a deadline outside
        the plan reports its own years), and an open end never cuts the period short (a
        BY due before ``plan_start`` gives just its due year).
        """
        first, last = self._span(plan_start, plan_end, 1, 1)
        return tuple(range(from_index(first)[0], from_index(last)[0] + 1))

    def quarters(self, plan_start: int, plan_end: int) -> tuple[tuple[int, int], ...]:
        """The ``(year, quarter)`` pairs the period touches, clipped like :meth:`years`."""
        first, last = self._span(plan_start, plan_end, 1, 4)
        return tuple(from_index(i) for i in range(first, last + 1))

    def _span(self, plan_start: int, plan_end: int, q_first: int, q_last: int) -> tuple[int, int]:
        if plan_start > plan_end:
            raise ValueError(f"plan_start {plan_start} is after plan_end {plan_end}")
        start, due = self.start, self.due
        first = None if start is None else index(start.year, quarter_of(start))
        last = None if due is None else index(due.year, quarter_of(due))
        if first is None:
            first = index(plan_start, q_first)
            if last is not None:
                first = min(first, last)
        if last is None:
            last = max(index(plan_end, q_last), first)
        return first, last

    # ---------------------------------------------------------------------- renderings
    def __str__(self) -> str:
        return _RULES[self.kind].text(self.start, self.due)

    def __repr__(self) -> str:
        return f"<Deadline({str(self)!r})>"

    def to_edtf(self) -> str:
        """The period as an EDTF (ISO 8601-2) string.

        Quarters are seasons 33-36 (``"2015-36"``), halves 40-41 (``"2016-40"``); quarter
        ranges become month intervals (``"2016-01/2016-06"``), since season intervals are
        not valid EDTF; BY is ``"../2016-12-31"``, ONWARDS ``"2015/.."`` and ONGOING
        ``"../.."``. EDTF has no recurrence, so ANNUAL is also rendered ``"../.."`` (every
        date): the recurrence is lost, which this method accepts rather than raising.
        """
        return _RULES[self.kind].edtf(self.start, self.due)

    # ----------------------------------------------------------- equality and order
    def _key(self) -> tuple[bool, date, bool, date, int]:
        """The one sort key behind ``==``, ``<`` and ``hash``.

        ``(no due?, due, has start?, start, kind rank)``: dated before undated, then by
        due, then missing start first, then by start, then by kind declaration order. The
        key determines the fields and the fields the key, so equal keys are equal values.
        """
        start, due = self.start, self.due
        return (
            due is None,
            _DMIN if due is None else due,
            start is not None,
            _DMIN if start is None else start,
            _RANK[self.kind],
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return self._key() == other._key()

    def __ne__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return self._key() != other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return self._key() >= other._key()


# ``_checked`` is the only code that fills a Deadline: attrs' spare initializer goes (it
# would refill a frozen value), and pickling goes through ``__reduce__``, not setstate.
del Deadline.__attrs_init__
# The slots' own setters (no frozen check), used by ``Deadline._checked`` alone.
_new = object.__new__
_set_kind = Deadline.__dict__["kind"].__set__
_set_start = Deadline.__dict__["start"].__set__
_set_due = Deadline.__dict__["due"].__set__
_checked = Deadline._checked


def _check_number(name: str, value: int, low: int, high: int) -> None:
    """Refuse a non-``int`` (``TypeError``) or a number outside ``low..high`` (``ValueError``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"a {name} is an int, not {type(value).__name__}")
    if not low <= value <= high:
        bounds = f"{low} or {high}" if high == low + 1 else f"{low} to {high}"
        raise ValueError(f"{name} must be {bounds}, not {value}")


# ---------------------------------------------------- building each kind from its numbers
# The one way to build each kind, shared by the class methods (which check their
# arguments first) and the parser (which checks its text first, with its own messages).
def _quarters(year_a: int, a: int, year_b: int, b: int) -> Deadline:
    """Quarter ``a`` of ``year_a`` to quarter ``b`` of ``year_b`` (in order): a QUARTER
    if that is one quarter, else a QUARTER_RANGE."""
    kind = _KQ if a == b and year_a == year_b else _KQR
    return _checked(kind, first_day(year_a, a), last_day(year_b, b))


def _half(year: int, half: int) -> Deadline:
    return _checked(_KH, first_day(year, 2 * half - 1), last_day(year, 2 * half))


def _month(year: int, month: int) -> Deadline:
    return _checked(_KM, date(year, month, 1), date(year, month, _month_end(year, month)))


def _years(first: int, last: int) -> Deadline:
    """Years ``first`` to ``last`` (in order): a YEAR if equal, else a YEAR_RANGE."""
    return _checked(_KY if first == last else _KYR, date(first, 1, 1), date(last, 12, 31))


def _onwards(year: int) -> Deadline:
    return _checked(_KON, date(year, 1, 1), None)


_ONGOING = Deadline(_KOG)
_ANNUAL = Deadline(_KAN)


# ------------------------------------------------------------------------------- parsing
# Whole-text spellings to their values.
_WORDS: dict[str, Deadline] = {
    **dict.fromkeys(ONGOING_WORDS, _ONGOING),
    **dict.fromkeys(ANNUAL_WORDS, _ANNUAL),
}
# Digits to numbers: one digit for quarters and halves, one or two for months.
_QUARTER_DIGITS = {str(q): q for q in (1, 2, 3, 4)}
_HALF_DIGITS = {"1": 1, "2": 2}
_MONTH_DIGITS = {**{str(m): m for m in range(1, 13)}, **{f"{m:02d}": m for m in range(1, 10)}}


def _quote(text: str) -> str:
    if len(text) <= 80:
        return repr(text)
    return f"{text[:40]!r}... ({len(text)} characters)"


def _fail(text: str, reason: str) -> DeadlineParseError:
    return DeadlineParseError(
        f"cannot read deadline {_quote(text)}: {reason}; accepted forms include {FORMS}",
        text=text,
    )


# Refusals of one number, each raised where ``number = table.get(digits) or _bad_x(...)``
# finds no number.
def _bad_year(text: str) -> NoReturn:
    raise _fail(text, "year 0000 is out of range (years are 0001 to 9999)")


def _bad_quarter(digits: str, text: str) -> NoReturn:
    if len(digits) > 1 and digits.lstrip("0") in _QUARTER_DIGITS:  # "Q04", "Q0000004"
        reason = f"quarter Q{digits} has leading zeros (a quarter is one digit, Q1 to Q4)"
    else:
        reason = f"quarter Q{digits} is out of range (quarters are Q1 to Q4)"
    raise _fail(text, reason)


def _bad_half(digits: str, text: str) -> NoReturn:
    if len(digits) > 1 and digits.lstrip("0") in _HALF_DIGITS:  # "H01"
        reason = f"half H{digits} has leading zeros (a half is one digit, H1 or H2)"
    else:
        reason = f"half H{digits} is out of range (halves are H1 and H2)"
    raise _fail(text, reason)


def _bad_month(digits: str, text: str) -> NoReturn:
    raise _fail(
        text,
        f"month {digits} is out of range (1 to 12; numeric dates are day first, DD/MM/YYYY)",
    )


def _reversed(text: str, first: str, last: str) -> DeadlineParseError:
    return _fail(text, f"reversed range: {first} is after {last}")


# One builder per grammar branch, reading its groups in order; branches in different
# alternations share group names (``_deadline_grammar.BRANCHES``) and so their builder.
# Each builds through the kind's builder above; a month-word builder returns ``None``
# when the word is not a month name, for the slow path to explain. A builder reads its
# groups by name, from a regex match or from the groups the quick path below reads.


class _Groups(Protocol):
    def __getitem__(self, name: str, /) -> Any: ...


_Match = _Groups


def _b_year(m: _Match, text: str) -> Deadline:
    year = int(m["y_y"]) or _bad_year(text)
    return _years(year, year)


def _b_year_range(m: _Match, text: str) -> Deadline:
    first, end = int(m["yr_a"]) or _bad_year(text), m["yr_b"]
    if len(end) != 4:
        return _abbreviated_range(text, first, m["yr_s"], end)
    last = int(end) or _bad_year(text)
    if first > last:
        raise _reversed(text, f"{first:04d}", f"{last:04d}")
    return _years(first, last)


def _abbreviated_range(text: str, first: int, sep: str, end: str) -> Deadline:
    """``"2015-16"``: a range only where it cannot be a month; ``"2016-06"``: a month
    only where it cannot be a range; ``"2011-12"`` (both) is refused."""
    nn = int(end)
    century = first - first % 100
    full = century + 100 if first % 100 == 99 and nn == 0 else century + nn
    if 1 <= nn <= 12 and not sep.strip()[:1].isalpha():
        if full < first:  # not a range ("2016-06" cannot end in 2006): the month
            return _month(first, nn)
        month = MONTH_NAMES[nn]
        if full == first:  # "2012-12": December 2012, or the year 2012 written as a range
            other, years = f"the year {first:04d}", f"'{first:04d}' for the year"
        else:
            other = f"the years {first:04d} to {full:04d}"
            years = f"both years in full ('{first:04d}-{full:04d}') for the range"
        raise _fail(
            text,
            f"it reads two ways: {month} {first:04d}, or {other}; write '{month} {first:04d}'"
            f" (or '{end}/{first:04d}') for the month, or {years}",
        )
    if full > 9999:
        raise _fail(text, f"year {full} is out of range (years are 0001 to 9999)")
    if first > full:
        raise _reversed(text, f"{first:04d}", f"{full:04d}")
    return _years(first, full)


def _b_quarter(m: _Match, text: str) -> Deadline:
    q = _QUARTER_DIGITS.get(m["q_q"]) or _bad_quarter(m["q_q"], text)
    year = int(m["q_y"]) or _bad_year(text)
    return _quarters(year, q, year, q)


def _b_quarter_range(m: _Match, text: str) -> Deadline:
    return _read_quarters(text, m["qr_a"], m["qr_y"], m["qr_b"], m["qr_y"])


def _b_quarter_span(m: _Match, text: str) -> Deadline:
    return _read_quarters(text, m["qx_a"], m["qx_ya"], m["qx_b"], m["qx_yb"])


def _read_quarters(text: str, a: str, year_a: str, b: str, year_b: str) -> Deadline:
    qa = _QUARTER_DIGITS.get(a) or _bad_quarter(a, text)
    qb = _QUARTER_DIGITS.get(b) or _bad_quarter(b, text)
    ya = int(year_a) or _bad_year(text)
    yb = int(year_b) or _bad_year(text)
    if (ya, qa) > (yb, qb):
        raise _reversed(text, f"Q{qa} {ya:04d}", f"Q{qb} {yb:04d}")
    return _quarters(ya, qa, yb, qb)


def _b_half(m: _Match, text: str) -> Deadline:
    year = int(m["h_y"]) or _bad_year(text)
    return _half(year, _HALF_DIGITS.get(m["h_h"]) or _bad_half(m["h_h"], text))


def _b_half_words(m: _Match, text: str) -> Deadline:
    return _half(int(m["hw_y"]) or _bad_year(text), 1 if m["hw_w"] in ("first", "1st") else 2)


def _b_onwards(m: _Match, text: str) -> Deadline:
    return _onwards(int(m["on_y"]) or _bad_year(text))


def _b_month_number(m: _Match, text: str) -> Deadline:
    month = _MONTH_DIGITS.get(m["mn_m"]) or _bad_month(m["mn_m"], text)
    return _month(int(m["mn_y"]) or _bad_year(text), month)


def _b_month_word(m: _Match, text: str) -> Deadline | None:
    month = MONTHS.get(m["mw_m"])
    return None if month is None else _month(int(m["mw_y"]) or _bad_year(text), month)


def _b_day_first(m: _Match, text: str) -> Deadline:
    month = _MONTH_DIGITS.get(m["dn_m"]) or _bad_month(m["dn_m"], text)
    return _read_day(text, m["dn_y"], month, m["dn_d"])


def _b_year_first(m: _Match, text: str) -> Deadline:
    month = _MONTH_DIGITS.get(m["di_m"]) or _bad_month(m["di_m"], text)
    return _read_day(text, m["di_y"], month, m["di_d"])


def _b_day_word(m: _Match, text: str) -> Deadline | None:
    month = MONTHS.get(m["dw_m"])
    return None if month is None else _read_day(text, m["dw_y"], month, m["dw_d"])


def _read_day(text: str, year_digits: str, month: int, day_digits: str) -> Deadline:
    year = int(year_digits) or _bad_year(text)
    day = int(day_digits)
    last = _month_end(year, month)
    if not 1 <= day <= last:
        raise _fail(
            text,
            f"day {day_digits} does not exist in {MONTH_NAMES[month]} {year:04d}"
            f" (it has {last} days)",
        )
    when = date(year, month, day)
    return _checked(_KD, when, when)


_BUILDERS: dict[str | None, Callable[[_Match, str], Deadline | None]] = {
    "Y": _b_year,
    "YR": _b_year_range,
    "FYR": _b_year_range,
    "Q": _b_quarter,
    "YQ": _b_quarter,
    "QR": _b_quarter_range,
    "YQR": _b_quarter_range,
    "QX": _b_quarter_span,
    "H": _b_half,
    "YH": _b_half,
    "HW": _b_half_words,
    "HWD": _b_half_words,
    "ON": _b_onwards,
    "FR": _b_onwards,
    "MN": _b_month_number,
    "MW": _b_month_word,
    "YMW": _b_month_word,
    "DN": _b_day_first,
    "DI": _b_year_first,
    "DW": _b_day_word,
    "WD": _b_day_word,
}
assert set(_BUILDERS) == {name for group in BRANCHES.values() for name, _ in group}


def _match_period(s: str, text: str) -> Deadline | None:
    """The dated or onwards forms (not words, not BY); ``None`` if no form matches."""
    m = fullmatch(s)
    if m is None:
        return None
    return _BUILDERS[m.lastgroup](m, text)


def parse_deadline(text: str) -> Deadline:
    """Read a deadline as printed in the plan; see ``docs/deadlines.md`` for every form.

    Case and extra spaces do not matter, and range ends may be joined by a hyphen, an
    en dash, a slash or "to". Numeric dates are day first (``"03/04/2016"`` is 3 April
    2016). A month or year alone is the whole month or year; nothing is invented.

    Raises :class:`~antitrafficking_plan.errors.DeadlineParseError` (a ``ValueError``)
    for text that is not a deadline, is out of range, or reads two ways (``"2011-12"``:
    December 2011, or 2011 to 2012?); the message quotes the text and names the accepted
    forms. Raises :class:`TypeError` for anything but a ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_deadline() needs a str, not {type(text).__name__}")
    if len(text) > MAX_DEADLINE_LENGTH:
        raise _fail(text, f"longer than {MAX_DEADLINE_LENGTH} characters")
    s = text.strip().lower()
    found = _WORDS.get(s)
    if found is not None:
        return found
    if s.isascii():
        # The source plan's commonest forms, read without a regex: "2016", "2015-2017"
        # and "q4 2015" exactly as written here are texts whose first matching branch is
        # Y, YR or Q with these groups (tests/test_deadline_properties.py checks it), so
        # the branch's builder is called with them. Building the bundled plan compiles no
        # pattern at all, and these parses cost a fifth less.
        n = len(s)
        if n == 4 and s.isdigit():
            return _b_year({"y_y": s}, text)
        if n == 9 and s[4] == "-" and s[:4].isdigit() and s[5:].isdigit():
            return _b_year_range({"yr_a": s[:4], "yr_s": "-", "yr_b": s[5:]}, text)
        if n == 7 and s[0] == "q" and s[2] == " " and s[1].isdigit() and s[3:].isdigit():
            return _b_quarter({"q_q": s[1], "q_y": s[3:]}, text)
    # ``fullmatch(s)``, inlined: a call costs a tenth of a parse.
    group = LEAD_GROUPS.get(s[:1], "word")
    if group == "word" and s.startswith(BY_STARTS):
        # "end of 2016", "by June 2016": no word branch reads a BY prefix (their first
        # words are no month names), so trying it first changes no result and spares the
        # failed match of the word alternation.
        found = _read_by(s, text, strict=False)
        if found is not None:
            return found
    if group == "digits" and s.islower():
        group = "digits+words"
    m = ALTERNATIONS[group].fullmatch(s)
    if m is not None:
        found = _BUILDERS[m.lastgroup](m, text)
        if found is not None:
            return found
    return _parse_slow(s, text)


#: :func:`parse_deadline` for the readers of files, which repeat a few deadline texts
#: ("Ongoing", "Q4 2016") over and over: each distinct text is parsed once (a Deadline is
#: immutable, so one object serves them all; refusals are not kept and raise each time).
#: ``parse_deadline`` itself keeps nothing.
parse_deadline_cached = functools.lru_cache(maxsize=4096)(parse_deadline)


def _read_by(s: str, text: str, *, strict: bool) -> Deadline | None:
    """The BY deadline ``s`` spells (words such as "by" or "end of", then a dated
    period), or None when it has no such words; when the period after them is missing or
    has no due date, None too, or with ``strict`` the error saying so."""
    prefix = by_prefix(s)
    if prefix is None or prefix.end() >= len(s):
        return None
    period = _match_period(s[prefix.end() :], text)
    if period is None or period.due is None:
        if not strict:
            return None
        raise _fail(
            text,
            f"after {s[: prefix.end()].strip()!r} expected a date or dated period such as "
            "'2016', 'June 2016', 'Q4 2016' or '31 December 2016'",
        )
    return _checked(_KBY, None, period.due)


def _parse_slow(s: str, text: str) -> Deadline:
    """Spellings off the fast path: BY forms, odd spacing or diacritics in words, errors."""
    if not s:
        raise _fail(text, "the text is empty")
    if not s.isascii():
        # Decomposed accents ("e" + combining diaeresis, as macOS and some PDFs write
        # "në") read as their composed letters.
        composed = unicodedata.normalize("NFC", s)
        if composed != s:
            try:
                return parse_deadline(composed)
            except DeadlineParseError:
                pass  # reported below, on the text as given
    found = _read_by(s, text, strict=True)
    if found is not None:
        return found
    folded = " ".join(s.replace("ë", "e").replace("ç", "c").split())
    found = _WORDS.get(folded)
    if found is not None:
        return found
    m = fullmatch(s)
    if m is not None:
        word = next((w for w in m.groups() if w is not None and w.isalpha()), None)
        if word is not None and word not in MONTHS:
            raise _fail(text, f"{word!r} is not a month name or a known word")
    raise _fail(text, "not a recognised deadline form")
