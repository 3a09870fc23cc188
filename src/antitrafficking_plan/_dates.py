"""The one rule for accepting a date: a ``datetime.date`` or an ISO date string.

Every parameter of the library that takes a day (``due_by``, ``due_between``, ``overdue``,
``as_of`` of the charts, ...) goes through :func:`as_date`, so ``"2016-12-31"`` and
``date(2016, 12, 31)`` are interchangeable everywhere, as in pandas.

>>> from datetime import date
>>> as_date("2016-12-31", "day") == as_date(date(2016, 12, 31), "day")
True
"""

from __future__ import annotations

import re
from datetime import date, datetime

__all__ = ["DATE_TYPES_TEXT", "as_date"]

#: What a date parameter accepts, as error messages say it.
DATE_TYPES_TEXT = "a datetime.date or an ISO date string such as '2016-12-31'"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def as_date(value: object, name: str) -> date:
    """``value`` as a :class:`datetime.date`.

    Accepts a ``date``, a ``datetime`` (its date is taken) or a string ``YYYY-MM-DD``
    (spaces around it ignored). Anything else is a :class:`TypeError`, a string that is
    not such a date a :class:`ValueError`; both name the parameter and say what is
    accepted.

    >>> as_date(" 2016-02-29 ", "as_of")
    datetime.date(2016, 2, 29)
    >>> as_date("30.12.2016", "as_of")
    Traceback (most recent call last):
    ...
    ValueError: as_of: '30.12.2016' is not an ISO date (YYYY-MM-DD); give ...
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(
                f"{name}: {value!r} is not an ISO date (YYYY-MM-DD); give {DATE_TYPES_TEXT}"
            )
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            raise ValueError(
                f"{name}: {value!r} is not a valid date ({exc}); give {DATE_TYPES_TEXT}"
            ) from None
    raise TypeError(f"{name} must be {DATE_TYPES_TEXT}, not {type(value).__name__} {value!r}")
