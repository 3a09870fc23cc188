"""Calendar quarters: the :class:`Quarter` value type and the one set of quarter helpers.

Every piece of quarter arithmetic in the package (which quarter a date is in, the first
and last day of a quarter, counting quarters across years) is written here once. The
helpers work on plain ``int`` years and quarter numbers (1-4) so that the deadline parser
can use them on its hot path; :class:`Quarter` is the value type for results and keys.

>>> from datetime import date
>>> from antitrafficking_plan.quarter import Quarter, first_day, last_day, quarter_of
>>> quarter_of(date(2015, 11, 5)), first_day(2015, 4), last_day(2016, 1)
(4, datetime.date(2015, 10, 1), datetime.date(2016, 3, 31))
>>> Quarter.of(date(2015, 11, 5)), Quarter(2015, 4).next()
(Quarter(year=2015, quarter=4), Quarter(year=2016, quarter=1))
"""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from ._checks import record_repr
from ._dates import as_date

__all__ = ["Quarter", "first_day", "from_index", "index", "last_day", "quarter_of"]

# Last day of each quarter's last month (quarters end in March, June, September, December).
_LAST_DAY = (0, 31, 30, 30, 31)


def quarter_of(day: date) -> int:
    """The quarter (1-4) that ``day`` falls in."""
    return (day.month + 2) // 3


def first_day(year: int, quarter: int) -> date:
    """The first day of quarter ``quarter`` (1-4) of ``year``."""
    return date(year, 3 * quarter - 2, 1)


def last_day(year: int, quarter: int) -> date:
    """The last day of quarter ``quarter`` (1-4) of ``year``."""
    return date(year, 3 * quarter, _LAST_DAY[quarter])


def index(year: int, quarter: int) -> int:
    """A running count of quarters, so that consecutive quarters differ by one across
    years: ``index(2015, 4) + 1 == index(2016, 1)``; :func:`from_index` inverts it."""
    return year * 4 + quarter - 1


def from_index(i: int) -> tuple[int, int]:
    """The ``(year, quarter)`` of a running count made by :func:`index`."""
    return i // 4, i % 4 + 1


@frozen(order=True)
class Quarter:
    """A calendar quarter, the key of ``"deadline_quarter"`` and of quarterly timelines.

    Ordered by year, then quarter; hashable; ``quarter`` must be 1 to 4.

    >>> q = Quarter(2015, 4)
    >>> str(q), q.start, q.due
    ('Q4 2015', datetime.date(2015, 10, 1), datetime.date(2015, 12, 31))
    """

    __repr__ = record_repr

    year: int
    quarter: int = field()

    @quarter.validator
    def _check(self, _: object, value: int) -> None:
        if not 1 <= value <= 4:
            raise ValueError(f"quarter must be 1 to 4, not {value}")

    @classmethod
    def of(cls, day: date | str) -> Quarter:
        """The quarter ``day`` (a ``datetime.date`` or an ISO string) falls in.

        >>> str(Quarter.of("2016-05-31"))
        'Q2 2016'
        """
        day = as_date(day, "day")
        return cls(day.year, quarter_of(day))

    @property
    def start(self) -> date:
        """Its first day."""
        return first_day(self.year, self.quarter)

    @property
    def due(self) -> date:
        """Its last day."""
        return last_day(self.year, self.quarter)

    def next(self) -> Quarter:
        """The quarter after this one (Q1 of the next year after Q4)."""
        return Quarter(*from_index(index(self.year, self.quarter) + 1))

    def __str__(self) -> str:
        return f"Q{self.quarter} {self.year}"
