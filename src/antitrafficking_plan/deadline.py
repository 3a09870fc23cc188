"""Deadlines as printed in the action plan, read into one immutable, ordered value type.

A :class:`Deadline` has a :class:`DeadlineKind` and the period it names: ``start`` (first
day) and ``due`` (last day), either of which is ``None`` where the text gives none.
:func:`parse_deadline` reads the plan's spellings (English and Albanian) and refuses text
that is malformed or reads two ways.

>>> from datetime import date
>>> from antitrafficking_plan.deadline import parse_deadline
>>> d = parse_deadline("Q4 2015")
>>> d
<Deadline('Q4 2015')>
>>> d.start, d.due
(datetime.date(2015, 10, 1), datetime.date(2015, 12, 31))
>>> d.overdue(date(2016, 1, 1)), d.to_edtf()
(True, '2015-36')
>>> parse_deadline("vazhdimes i").is_ongoing
True
>>> sorted([parse_deadline("ongoing"), parse_deadline("2016"), parse_deadline("Q4 2015")])
[<Deadline('Q4 2015')>, <Deadline('2016')>, <Deadline('ongoing')>]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime

import attrs

from ._enum import TextEnum
from .errors import DeadlineParseError

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

_MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_QUARTER_END_DAY = (0, 31, 30, 30, 31)
_HALF_OF_QUARTER_PAIR = {(1, 2): 1, (3, 4): 2}


def _period_end(start: date, *, months: int) -> date:
    """The last day of the ``months`` months that begin on ``start`` (dateutil's calendar
    arithmetic; the parser's hot path uses the equivalent table lookups below)."""
    from dateutil.relativedelta import relativedelta

    # Move to the period's last month, then to its last day (relativedelta clamps day=31
    # to the month's length, leap Februaries included).
    end: date = start + relativedelta(months=months - 1, day=31)
    return end


def _month_end(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month]


def _quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def _quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * quarter - 2, 1)


def _invalid(kind: DeadlineKind, start: date | None, due: date | None) -> str | None:
    """Why ``(kind, start, due)`` is not a valid deadline, or ``None`` if it is."""
    if kind in (_KOG, _KAN):
        return None if start is None and due is None else f"{kind.name} has no start or due"
    if kind is _KBY:
        return None if start is None and due is not None else "BY has a due date and no start"
    if kind is _KON:
        if due is not None or start is None:
            return "ONWARDS has a start and no due date"
        return None if (start.month, start.day) == (1, 1) else "ONWARDS starts on 1 January"
    if start is None or due is None:
        return f"{kind.name} needs both start and due"
    if kind is _KD:
        return None if start == due else "a DAY starts and ends on the same day"
    if start > due:
        return "start is after due"
    month_start = start.day == 1
    month_due = due.day == _month_end(due.year, due.month)
    if kind is _KM:
        ok = month_start and month_due and (start.year, start.month) == (due.year, due.month)
        return None if ok else "a MONTH runs from the first to the last day of one month"
    if kind in (_KY, _KYR):
        if (start.month, start.day, due.month, due.day) != (1, 1, 12, 31):
            return f"{kind.name} runs from 1 January to 31 December"
        if kind is _KY:
            return None if start.year == due.year else "a YEAR is one calendar year"
        return None if start.year < due.year else "a YEAR_RANGE spans two or more years"
    quarter_bounds = month_start and month_due and start.month % 3 == 1 and due.month % 3 == 0
    if not quarter_bounds:
        return f"{kind.name} runs from the first day of a quarter to the last day of a quarter"
    first, last = _quarter_of(start), _quarter_of(due)
    if kind is _KQ:
        ok = (start.year, first) == (due.year, last)
        return None if ok else "a QUARTER is one calendar quarter"
    if kind is _KH:
        ok = start.year == due.year and (first, last) in _HALF_OF_QUARTER_PAIR
        return None if ok else "a HALF is January-June or July-December of one year"
    # QUARTER_RANGE
    ok = (start.year, first) < (due.year, last)
    return None if ok else "a QUARTER_RANGE spans two or more quarters"


@attrs.frozen(eq=False, order=False)
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
    :func:`parse_deadline` are the usual way to make one.

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
    """

    kind: DeadlineKind
    start: date | None = None
    due: date | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.kind, DeadlineKind):
            raise TypeError(f"kind must be a DeadlineKind, not {self.kind!r}")
        for name, value in (("start", self.start), ("due", self.due)):
            if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
                raise TypeError(f"{name} must be a datetime.date or None, not {value!r}")
        problem = _invalid(self.kind, self.start, self.due)
        if problem is not None:
            raise ValueError(
                f"invalid {self.kind.name} deadline ({self.start}, {self.due}): {problem}"
            )

    # ----------------------------------------------------------------- constructors
    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Deadline:
        """The calendar quarter ``quarter`` (1-4) of ``year``."""
        _check_year(year)
        if not 1 <= quarter <= 4:
            raise ValueError(f"quarter must be 1 to 4, not {quarter}")
        start = _quarter_start(year, quarter)
        return cls(_KQ, start, _period_end(start, months=3))

    @classmethod
    def of_quarters(
        cls, start_year: int, start_quarter: int, end_year: int, end_quarter: int
    ) -> Deadline:
        """Quarters ``start_quarter`` of ``start_year`` to ``end_quarter`` of ``end_year``.

        One quarter (equal ends) gives a QUARTER; reversed ends raise :class:`ValueError`.
        """
        _check_year(start_year)
        _check_year(end_year)
        for q in (start_quarter, end_quarter):
            if not 1 <= q <= 4:
                raise ValueError(f"quarter must be 1 to 4, not {q}")
        if (start_year, start_quarter) > (end_year, end_quarter):
            raise ValueError("reversed quarter range")
        single = (start_year, start_quarter) == (end_year, end_quarter)
        return cls(
            _KQ if single else _KQR,
            _quarter_start(start_year, start_quarter),
            _period_end(_quarter_start(end_year, end_quarter), months=3),
        )

    @classmethod
    def of_half(cls, year: int, half: int) -> Deadline:
        """Half ``half`` (1 = January-June, 2 = July-December) of ``year``."""
        _check_year(year)
        if half not in (1, 2):
            raise ValueError(f"half must be 1 or 2, not {half}")
        start = _quarter_start(year, 2 * half - 1)
        return cls(_KH, start, _period_end(start, months=6))

    @classmethod
    def of_month(cls, year: int, month: int) -> Deadline:
        """The calendar month ``month`` (1-12) of ``year``."""
        _check_year(year)
        if not 1 <= month <= 12:
            raise ValueError(f"month must be 1 to 12, not {month}")
        start = date(year, month, 1)
        return cls(_KM, start, _period_end(start, months=1))

    @classmethod
    def of_day(cls, day: date) -> Deadline:
        """The one day ``day``."""
        return cls(_KD, day, day)

    @classmethod
    def of_year(cls, year: int) -> Deadline:
        """The calendar year ``year``."""
        _check_year(year)
        return cls(_KY, date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def of_years(cls, first: int, last: int) -> Deadline:
        """Calendar years ``first`` to ``last``; equal ends give a YEAR."""
        _check_year(first)
        _check_year(last)
        if first > last:
            raise ValueError(f"reversed year range {first}-{last}")
        kind = _KY if first == last else _KYR
        return cls(kind, date(first, 1, 1), date(last, 12, 31))

    @classmethod
    def by(cls, due: date) -> Deadline:
        """Due by ``due`` (inclusive), with no start."""
        return cls(_KBY, None, due)

    @classmethod
    def onwards(cls, year: int) -> Deadline:
        """Open-ended from 1 January of ``year``."""
        _check_year(year)
        return cls(_KON, date(year, 1, 1), None)

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

    def contains(self, day: date) -> bool:
        """Whether ``day`` lies in the period (open ends unbounded; datetimes use their date)."""
        if isinstance(day, datetime):
            day = day.date()
        start, due = self.start, self.due
        return (start is None or start <= day) and (due is None or day <= due)

    def overlaps(self, other: Deadline) -> bool:
        """Whether the two periods share at least one day (open ends unbounded)."""
        if not isinstance(other, Deadline):
            raise TypeError(f"overlaps() needs a Deadline, not {type(other).__name__}")
        if self.start is not None and other.due is not None and other.due < self.start:
            return False
        return not (other.start is not None and self.due is not None and self.due < other.start)

    def overdue(self, as_of: date) -> bool:
        """True exactly when there is a due date and it is before ``as_of``.

        A deadline is not overdue on its due day. ONGOING, ONWARDS and ANNUAL are never
        overdue. A datetime ``as_of`` uses its date.
        """
        if isinstance(as_of, datetime):
            as_of = as_of.date()
        elif not isinstance(as_of, date):
            raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
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
        return tuple(range(first // 4, last // 4 + 1))

    def quarters(self, plan_start: int, plan_end: int) -> tuple[tuple[int, int], ...]:
        """The ``(year, quarter)`` pairs the period touches, clipped like :meth:`years`."""
        first, last = self._span(plan_start, plan_end, 1, 4)
        return tuple((i // 4, i % 4 + 1) for i in range(first, last + 1))

    def _span(self, plan_start: int, plan_end: int, q_first: int, q_last: int) -> tuple[int, int]:
        if plan_start > plan_end:
            raise ValueError(f"plan_start {plan_start} is after plan_end {plan_end}")
        start, due = self.start, self.due
        first = None if start is None else start.year * 4 + _quarter_of(start) - 1
        last = None if due is None else due.year * 4 + _quarter_of(due) - 1
        if first is None:
            first = plan_start * 4 + q_first - 1
            if last is not None:
                first = min(first, last)
        if last is None:
            last = max(plan_end * 4 + q_last - 1, first)
        return first, last

    # ---------------------------------------------------------------------- renderings
    def __str__(self) -> str:
        kind, start, due = self.kind, self.start, self.due
        if kind is _KOG:
            return "ongoing"
        if kind is _KAN:
            return "annually"
        if kind is _KBY:
            assert due is not None
            return f"by {due.isoformat()}"
        assert start is not None
        if kind is _KON:
            return f"{start.year:04d} onwards"
        assert due is not None
        if kind is _KQ:
            return f"Q{_quarter_of(start)} {start.year:04d}"
        if kind is _KQR:
            if start.year == due.year:
                return f"Q{_quarter_of(start)}-Q{_quarter_of(due)} {start.year:04d}"
            return f"Q{_quarter_of(start)} {start.year:04d}-Q{_quarter_of(due)} {due.year:04d}"
        if kind is _KH:
            return f"H{1 if start.month == 1 else 2} {start.year:04d}"
        if kind is _KM:
            return f"{_MONTH_NAMES[start.month]} {start.year:04d}"
        if kind is _KD:
            return start.isoformat()
        if kind is _KY:
            return f"{start.year:04d}"
        return f"{start.year:04d}-{due.year:04d}"

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
        kind, start, due = self.kind, self.start, self.due
        if kind is _KOG or kind is _KAN:
            return "../.."
        if kind is _KBY:
            assert due is not None
            return f"../{due.isoformat()}"
        assert start is not None
        if kind is _KON:
            return f"{start.year:04d}/.."
        assert due is not None
        if kind is _KQ:
            return f"{start.year:04d}-{32 + _quarter_of(start)}"
        if kind is _KQR:
            return f"{start.year:04d}-{start.month:02d}/{due.year:04d}-{due.month:02d}"
        if kind is _KH:
            return f"{start.year:04d}-{40 if start.month == 1 else 41}"
        if kind is _KM:
            return f"{start.year:04d}-{start.month:02d}"
        if kind is _KD:
            return start.isoformat()
        if kind is _KY:
            return f"{start.year:04d}"
        return f"{start.year:04d}/{due.year:04d}"

    # ----------------------------------------------------------- equality and order
    def _cmpkey(self) -> tuple[bool, date, bool, date, int]:
        """The one sort key behind ``==``, ``<`` and ``hash``.

        ``(no due?, due, has start?, start, kind rank)``: dated before undated, then by
        due, then missing start first, then by start, then by kind declaration order.
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
        return self.kind is other.kind and self.start == other.start and self.due == other.due

    def __ne__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash((self.kind, self.start, self.due))

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return self._cmpkey() < other._cmpkey()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return self._cmpkey() <= other._cmpkey()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return self._cmpkey() > other._cmpkey()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return self._cmpkey() >= other._cmpkey()


def _check_year(year: int) -> None:
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"a year is an int, not {type(year).__name__}")
    if not 1 <= year <= 9999:
        raise ValueError(f"year must be 1 to 9999, not {year}")


# ------------------------------------------------------------------------------- parsing
# Parsed values are built without re-running the constructor's checks (the parser only
# builds valid ones); this keeps a parse to a regex match and two ``date`` calls.
_new = object.__new__
_set_kind = Deadline.__dict__["kind"].__set__  # the slots' own setters: no frozen check
_set_start = Deadline.__dict__["start"].__set__
_set_due = Deadline.__dict__["due"].__set__


def _make(kind: DeadlineKind, start: date | None, due: date | None) -> Deadline:
    d: Deadline = _new(Deadline)
    _set_kind(d, kind)
    _set_start(d, start)
    _set_due(d, due)
    return d


_ONGOING = _make(_KOG, None, None)
_ANNUAL = _make(_KAN, None, None)

_FORMS = (
    "'Q4 2015', 'Q1-Q2 2016', 'H1 2016', 'first half of 2016', 'June 2016', '06/2016', "
    "'31 December 2016', '31.12.2016' (day first), '2016-12-31', '2016', '2015-2017', "
    "'by end of 2016', '2015 onwards', 'ongoing', 'annually'"
)

# Whole-text spellings, lower case, single spaces, 'ë' and 'ç' folded to 'e' and 'c'.
_WORDS: dict[str, Deadline] = dict.fromkeys(
    (
        "ongoing",
        "on going",
        "on-going",
        "continuous",
        "continuously",
        "continual",
        "continually",
        "permanent",
        "permanently",
        "vazhdimesi",
        "vazhdimes i",
        "ne vazhdimesi",
        "ne vazhdimes i",
        "vazhdimisht",
    ),
    _ONGOING,
)
_WORDS.update(
    (w, _ANNUAL)
    for w in ("annually", "annual", "yearly", "every year", "each year", "once a year", "cdo vit")
)
# Exact lower-case spellings with diacritics, so the fast path finds them too.
_WORDS.update({"vazhdimësi": _ONGOING, "në vazhdimësi": _ONGOING, "çdo vit": _ANNUAL})

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan", "janar"),
        ("february", "feb", "shkurt"),
        ("march", "mar", "mars"),
        ("april", "apr", "prill"),
        ("may", "maj"),
        ("june", "jun", "qershor"),
        ("july", "jul", "korrik"),
        ("august", "aug", "gusht"),
        ("september", "sep", "sept", "shtator"),
        ("october", "oct", "tetor"),
        ("november", "nov", "nentor", "nëntor"),
        ("december", "dec", "dhjetor"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_DASHES = "-‐‑‒–—−"  # hyphen-minus, hyphen, non-breaking hyphen, figure/en/em dash, minus
_RSEP = rf"\s*(?:[{_DASHES}/]|to|till|until)\s*"  # between range ends
_PSEP = rf"(?:\s*[{_DASHES}/.,]\s*|\s+)"  # between a part and its year
_YQSEP = rf"\s*[{_DASHES}/]?\s*"  # between a year and a following Q/H part
_ORD = r"(?:st|nd|rd|th)?"
_ONWARDS = rf"\s*(?:[{_DASHES}]\s*)?(?:and\s+)?(?:onwards?|ongoing|on\s*going|beyond)"


def _y(name: str) -> str:
    return rf"(?P<{name}>[0-9]{{4}})"


# Branches by the first character of the text: a digit, "q", "h", or any other. Each lead
# has one anchored alternation whose branches are wrapped in named groups, so ``lastgroup``
# says which branch matched. No branch nests quantifiers, and the text is length-capped
# before any matching, so matching time is bounded and small.
_BRANCHES: dict[str, tuple[tuple[str, str], ...]] = {
    "digit": (
        ("Y", _y("y_y")),
        ("YR", rf"{_y('yr_a')}(?P<yr_s>{_RSEP})(?P<yr_b>[0-9]{{4}}|[0-9]{{2}})"),
        ("YQ", rf"{_y('yq_y')}{_YQSEP}q\s*(?P<yq_q>[0-9]+)"),
        ("YQR", rf"{_y('yqr_y')}{_YQSEP}q\s*(?P<yqr_a>[0-9]+){_RSEP}q?\s*(?P<yqr_b>[0-9]+)"),
        ("YH", rf"{_y('yh_y')}{_YQSEP}h\s*(?P<yh_h>[0-9]+)"),
        ("ON", rf"{_y('on_y')}{_ONWARDS}"),
        ("HWD", rf"(?P<hwd_w>1st|2nd)\s+half(?:\s+of)?\s+{_y('hwd_y')}"),
        ("MN", rf"(?P<mn_m>[0-9]{{1,2}})\s*[{_DASHES}/.]\s*{_y('mn_y')}"),
        (
            "DN",
            rf"(?P<dn_d>[0-9]{{1,2}})\s*(?P<dn_s>[{_DASHES}/.])\s*(?P<dn_m>[0-9]{{1,2}})"
            rf"\s*(?P=dn_s)\s*{_y('dn_y')}",
        ),
        (
            "DI",
            rf"{_y('di_y')}\s*(?P<di_s>[{_DASHES}/.])\s*(?P<di_m>[0-9]{{1,2}})"
            r"\s*(?P=di_s)\s*(?P<di_d>[0-9]{1,2})",
        ),
        ("YMW", rf"{_y('ymw_y')}(?:\s*[{_DASHES}/,]\s*|\s+)(?P<ymw_m>[a-zë]+)\.?"),
        (
            "DW",
            rf"(?P<dw_d>[0-9]{{1,2}}){_ORD}(?:\s*[{_DASHES}/.]\s*|\s+)(?:of\s+)?"
            rf"(?P<dw_m>[a-zë]+)\.?(?:\s*[{_DASHES}/.,]\s*|\s+){_y('dw_y')}",
        ),
    ),
    "q": (
        ("Q", rf"q\s*(?P<q_q>[0-9]+){_PSEP}{_y('q_y')}"),
        ("QR", rf"q\s*(?P<qr_a>[0-9]+){_RSEP}q?\s*(?P<qr_b>[0-9]+){_PSEP}{_y('qr_y')}"),
        (
            "QX",
            rf"q\s*(?P<qx_a>[0-9]+){_PSEP}{_y('qx_ya')}{_RSEP}"
            rf"q\s*(?P<qx_b>[0-9]+){_PSEP}{_y('qx_yb')}",
        ),
    ),
    "h": (("H", rf"h\s*(?P<h_h>[0-9]+){_PSEP}{_y('h_y')}"),),
    "word": (
        ("FYR", rf"from\s+{_y('fyr_a')}(?P<fyr_s>{_RSEP})(?P<fyr_b>[0-9]{{4}}|[0-9]{{2}})"),
        ("FR", rf"(?:from|since|starting(?:\s+(?:from|in))?)\s+{_y('fr_y')}(?:{_ONWARDS})?"),
        ("HW", rf"(?P<hw_w>first|second)\s+half(?:\s+of)?\s+{_y('hw_y')}"),
        ("MW", rf"(?P<mw_m>[a-zë]+)\.?(?:\s*[{_DASHES}/,]\s*|\s+){_y('mw_y')}"),
        (
            "WD",
            rf"(?P<wd_m>[a-zë]+)\.?\s*(?P<wd_d>[0-9]{{1,2}}){_ORD}(?:\s*,\s*|\s+){_y('wd_y')}",
        ),
    ),
}


def _compile(*branches: tuple[str, str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{body})" for name, body in branches))


_MONTH_WORD_BRANCHES = tuple(b for b in _BRANCHES["word"] if b[0] in ("MW", "WD"))
_RX_DIGIT = _compile(*_BRANCHES["digit"])
_RX_WORD = _compile(*_BRANCHES["word"])
_RX_BY_LEAD: dict[str, re.Pattern[str]] = dict.fromkeys("0123456789", _RX_DIGIT)
# "q" and "h" lead to quarters and halves, or to a month name ("qershor" is June).
_RX_BY_LEAD["q"] = _compile(*_BRANCHES["q"], *_MONTH_WORD_BRANCHES)
_RX_BY_LEAD["h"] = _compile(*_BRANCHES["h"], *_MONTH_WORD_BRANCHES)

_BY_PREFIX = re.compile(
    r"(?:(?:by|until|till|before|not\s+later\s+than|no\s+later\s+than)\s+)?"
    r"(?:the\s+)?end\s+of\s+(?:the\s+)?(?:year\s+)?"
    r"|(?:by|until|till|up\s+to|not\s+later\s+than|no\s+later\s+than)\s+(?:the\s+)?"
)


def _quote(text: str) -> str:
    if len(text) <= 80:
        return repr(text)
    return f"{text[:40]!r}... ({len(text)} characters)"


def _fail(text: str, reason: str) -> DeadlineParseError:
    return DeadlineParseError(
        f"cannot read deadline {_quote(text)}: {reason}; accepted forms include {_FORMS}",
        text=text,
    )


def _year(digits: str, text: str) -> int:
    year = int(digits)
    if year == 0:
        raise _fail(text, "year 0000 is out of range (years are 0001 to 9999)")
    return year


def _quarter_number(digits: str, text: str) -> int:
    q = int(digits)
    if not 1 <= q <= 4:
        raise _fail(text, f"quarter Q{digits} is out of range (quarters are Q1 to Q4)")
    return q


def _half_number(digits: str, text: str) -> int:
    h = int(digits)
    if h != 1 and h != 2:
        raise _fail(text, f"half H{digits} is out of range (halves are H1 and H2)")
    return h


def _month_number(digits: str, text: str) -> int:
    month = int(digits)
    if not 1 <= month <= 12:
        raise _fail(
            text,
            f"month {digits} is out of range (1 to 12; numeric dates are day first, DD/MM/YYYY)",
        )
    return month


def _quarter(year: int, q: int) -> Deadline:
    return _make(_KQ, date(year, 3 * q - 2, 1), date(year, 3 * q, _QUARTER_END_DAY[q]))


def _quarters(ya: int, a: int, yb: int, b: int, text: str) -> Deadline:
    if (ya, a) > (yb, b):
        raise _fail(text, f"reversed range: Q{a} {ya:04d} is after Q{b} {yb:04d}")
    if (ya, a) == (yb, b):
        return _quarter(ya, a)
    return _make(_KQR, date(ya, 3 * a - 2, 1), date(yb, 3 * b, _QUARTER_END_DAY[b]))


def _half(year: int, h: int) -> Deadline:
    if h == 1:
        return _make(_KH, date(year, 1, 1), date(year, 6, 30))
    return _make(_KH, date(year, 7, 1), date(year, 12, 31))


def _month(year: int, month: int) -> Deadline:
    return _make(_KM, date(year, month, 1), date(year, month, _month_end(year, month)))


def _day(year: int, month: int, day_digits: str, text: str) -> Deadline:
    day = int(day_digits)
    last = _month_end(year, month)
    if not 1 <= day <= last:
        raise _fail(
            text,
            f"day {day_digits} does not exist in {_MONTH_NAMES[month]} {year:04d}"
            f" (it has {last} days)",
        )
    d = date(year, month, day)
    return _make(_KD, d, d)


def _years(first: int, last: int, text: str) -> Deadline:
    if first > last:
        raise _fail(text, f"reversed range: {first:04d} is after {last:04d}")
    kind = _KY if first == last else _KYR
    return _make(kind, date(first, 1, 1), date(last, 12, 31))


def _abbreviated_range(first: int, sep: str, end: str, text: str) -> Deadline:
    """``"2015-16"``: a range only where it cannot be a month; ``"2016-06"``: a month
    only where it cannot be a range; ``"2011-12"`` (both) is refused."""
    nn = int(end)
    century = first - first % 100
    full = century + 100 if first % 100 == 99 and nn == 0 else century + nn
    if 1 <= nn <= 12 and not sep.strip()[:1].isalpha():
        if full < first:  # not a range ("2016-06" cannot end in 2006): the month
            return _month(first, nn)
        month = _MONTH_NAMES[nn]
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
    return _years(first, full, text)


def _range(first_digits: str, sep: str, end: str, text: str) -> Deadline:
    first = _year(first_digits, text)
    if len(end) == 4:
        return _years(first, _year(end, text), text)
    return _abbreviated_range(first, sep, end, text)


def _b_y(m: re.Match[str], text: str) -> Deadline | None:
    year = _year(m.group("y_y"), text)
    return _make(_KY, date(year, 1, 1), date(year, 12, 31))


def _b_yr(m: re.Match[str], text: str) -> Deadline | None:
    return _range(m.group("yr_a"), m.group("yr_s"), m.group("yr_b"), text)


def _b_fyr(m: re.Match[str], text: str) -> Deadline | None:
    return _range(m.group("fyr_a"), m.group("fyr_s"), m.group("fyr_b"), text)


def _b_q(m: re.Match[str], text: str) -> Deadline | None:
    q = _quarter_number(m.group("q_q"), text)
    return _quarter(_year(m.group("q_y"), text), q)


def _b_yq(m: re.Match[str], text: str) -> Deadline | None:
    q = _quarter_number(m.group("yq_q"), text)
    return _quarter(_year(m.group("yq_y"), text), q)


def _b_qr(m: re.Match[str], text: str) -> Deadline | None:
    a = _quarter_number(m.group("qr_a"), text)
    b = _quarter_number(m.group("qr_b"), text)
    year = _year(m.group("qr_y"), text)
    return _quarters(year, a, year, b, text)


def _b_yqr(m: re.Match[str], text: str) -> Deadline | None:
    a = _quarter_number(m.group("yqr_a"), text)
    b = _quarter_number(m.group("yqr_b"), text)
    year = _year(m.group("yqr_y"), text)
    return _quarters(year, a, year, b, text)


def _b_qx(m: re.Match[str], text: str) -> Deadline | None:
    a = _quarter_number(m.group("qx_a"), text)
    b = _quarter_number(m.group("qx_b"), text)
    ya = _year(m.group("qx_ya"), text)
    yb = _year(m.group("qx_yb"), text)
    return _quarters(ya, a, yb, b, text)


def _b_h(m: re.Match[str], text: str) -> Deadline | None:
    return _half(_year(m.group("h_y"), text), _half_number(m.group("h_h"), text))


def _b_yh(m: re.Match[str], text: str) -> Deadline | None:
    return _half(_year(m.group("yh_y"), text), _half_number(m.group("yh_h"), text))


def _b_hw(m: re.Match[str], text: str) -> Deadline | None:
    h = 1 if m.group("hw_w") == "first" else 2
    return _half(_year(m.group("hw_y"), text), h)


def _b_hwd(m: re.Match[str], text: str) -> Deadline | None:
    h = 1 if m.group("hwd_w") == "1st" else 2
    return _half(_year(m.group("hwd_y"), text), h)


def _b_on(m: re.Match[str], text: str) -> Deadline | None:
    return _make(_KON, date(_year(m.group("on_y"), text), 1, 1), None)


def _b_fr(m: re.Match[str], text: str) -> Deadline | None:
    return _make(_KON, date(_year(m.group("fr_y"), text), 1, 1), None)


def _b_mn(m: re.Match[str], text: str) -> Deadline | None:
    month = _month_number(m.group("mn_m"), text)
    return _month(_year(m.group("mn_y"), text), month)


def _b_dn(m: re.Match[str], text: str) -> Deadline | None:
    month = _month_number(m.group("dn_m"), text)
    return _day(_year(m.group("dn_y"), text), month, m.group("dn_d"), text)


def _b_di(m: re.Match[str], text: str) -> Deadline | None:
    month = _month_number(m.group("di_m"), text)
    return _day(_year(m.group("di_y"), text), month, m.group("di_d"), text)


def _b_mw(m: re.Match[str], text: str) -> Deadline | None:
    month = _MONTHS.get(m.group("mw_m"))
    return None if month is None else _month(_year(m.group("mw_y"), text), month)


def _b_ymw(m: re.Match[str], text: str) -> Deadline | None:
    month = _MONTHS.get(m.group("ymw_m"))
    return None if month is None else _month(_year(m.group("ymw_y"), text), month)


def _b_dw(m: re.Match[str], text: str) -> Deadline | None:
    month = _MONTHS.get(m.group("dw_m"))
    if month is None:
        return None
    return _day(_year(m.group("dw_y"), text), month, m.group("dw_d"), text)


def _b_wd(m: re.Match[str], text: str) -> Deadline | None:
    month = _MONTHS.get(m.group("wd_m"))
    if month is None:
        return None
    return _day(_year(m.group("wd_y"), text), month, m.group("wd_d"), text)


_BUILDERS: dict[str | None, Callable[[re.Match[str], str], Deadline | None]] = {
    "Y": _b_y,
    "YR": _b_yr,
    "FYR": _b_fyr,
    "Q": _b_q,
    "YQ": _b_yq,
    "QR": _b_qr,
    "YQR": _b_yqr,
    "QX": _b_qx,
    "H": _b_h,
    "YH": _b_yh,
    "HW": _b_hw,
    "HWD": _b_hwd,
    "ON": _b_on,
    "FR": _b_fr,
    "MN": _b_mn,
    "DN": _b_dn,
    "DI": _b_di,
    "MW": _b_mw,
    "YMW": _b_ymw,
    "DW": _b_dw,
    "WD": _b_wd,
}
assert set(_BUILDERS) == {name for group in _BRANCHES.values() for name, _ in group}


# Explicit-date branches taken inline by parse_deadline: (year, month, day) group names.
_DAY_GROUPS = {
    "DI": ("di_y", "di_m", "di_d"),
    "DN": ("dn_y", "dn_m", "dn_d"),
    "DW": ("dw_y", "dw_m", "dw_d"),
}


def _match_period(s: str, text: str) -> Deadline | None:
    """The dated or onwards forms (not words, not BY); ``None`` if no form matches."""
    m = _RX_BY_LEAD.get(s[:1], _RX_WORD).fullmatch(s)
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
    m = _RX_BY_LEAD.get(s[:1], _RX_WORD).fullmatch(s)
    if m is not None:
        branch = m.lastgroup
        # The commonest forms inline (valid values only); the rest, and every error,
        # through the builder table.
        if branch == "Y":
            year = int(s)
            if year:
                d: Deadline = _new(Deadline)
                _set_kind(d, _KY)
                _set_start(d, date(year, 1, 1))
                _set_due(d, date(year, 12, 31))
                return d
        elif branch == "Q":
            q = int(m.group("q_q"))
            year = int(m.group("q_y"))
            if year and 1 <= q <= 4:
                d = _new(Deadline)
                _set_kind(d, _KQ)
                _set_start(d, date(year, 3 * q - 2, 1))
                _set_due(d, date(year, 3 * q, _QUARTER_END_DAY[q]))
                return d
        elif branch == "YR":
            a, b = m.group("yr_a", "yr_b")
            first = int(a)
            last = int(b)
            if len(b) == 4 and 0 < first < last:
                d = _new(Deadline)
                _set_kind(d, _KYR)
                _set_start(d, date(first, 1, 1))
                _set_due(d, date(last, 12, 31))
                return d
        elif branch in _DAY_GROUPS:
            y_group, m_group, d_group = _DAY_GROUPS[branch]
            year = int(m.group(y_group))
            month_text = m.group(m_group)
            month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text, 0)
            day = int(m.group(d_group))
            if year and 1 <= month <= 12 and 1 <= day <= _month_end(year, month):
                d = _new(Deadline)
                _set_kind(d, _KD)
                when = date(year, month, day)
                _set_start(d, when)
                _set_due(d, when)
                return d
        elif branch == "MW":
            month = _MONTHS.get(m.group("mw_m"), 0)
            year = int(m.group("mw_y"))
            if year and month:
                d = _new(Deadline)
                _set_kind(d, _KM)
                _set_start(d, date(year, month, 1))
                _set_due(d, date(year, month, _month_end(year, month)))
                return d
        found = _BUILDERS[branch](m, text)
        if found is not None:
            return found
    return _parse_slow(s, text)


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
    prefix = _BY_PREFIX.match(s)
    if prefix is not None and prefix.end() < len(s):
        period = _match_period(s[prefix.end() :], text)
        if period is None or period.due is None:
            raise _fail(
                text,
                f"after {s[: prefix.end()].strip()!r} expected a date or dated period such as "
                "'2016', 'June 2016', 'Q4 2016' or '31 December 2016'",
            )
        return _make(_KBY, None, period.due)
    folded = " ".join(s.replace("ë", "e").replace("ç", "c").split())
    found = _WORDS.get(folded)
    if found is not None:
        return found
    m = _RX_BY_LEAD.get(s[:1], _RX_WORD).fullmatch(s)
    if m is not None:
        word = next((w for w in m.groups() if w is not None and w.isalpha()), None)
        if word is not None and word not in _MONTHS:
            raise _fail(text, f"{word!r} is not a month name or a known word")
    raise _fail(text, "not a recognised deadline form")
