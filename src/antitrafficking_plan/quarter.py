"""Calendar quarters: the one place for quarter arithmetic.

>>> from antitrafficking_plan.quarter import Quarter
>>> str(Quarter(2015, 4))
'Q4 2015'
"""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from ._dates import as_date

__all__ = ["Quarter"]


@frozen(order=True)
class Quarter:
    """A calendar quarter, the key of ``"deadline_quarter"`` and of quarterly timelines.

    >>> q = Quarter(2015, 4)
    >>> str(q), q.start, q.due
    ('Q4 2015', datetime.date(2015, 10, 1), datetime.date(2015, 12, 31))
    """

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
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        """Its first day."""
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def due(self) -> date:
        """Its last day."""
        return date(self.year, 3 * self.quarter, 31 if self.quarter in (1, 4) else 30)

    def __str__(self) -> str:
        return f"Q{self.quarter} {self.year}"
