"""The quarter helpers and the Quarter type."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from antitrafficking_plan.deadline import Deadline
from antitrafficking_plan.quarter import (
    Quarter,
    first_day,
    from_index,
    index,
    last_day,
    quarter_of,
)

years = st.integers(1, 9999)
quarters = st.integers(1, 4)


@given(st.dates())
def test_a_day_lies_in_its_quarter(day: date) -> None:
    q = quarter_of(day)
    assert 1 <= q <= 4
    assert first_day(day.year, q) <= day <= last_day(day.year, q)
    assert Quarter.of(day) == Quarter(day.year, q)


@given(years, quarters)
def test_first_and_last_days_bound_three_months(year: int, q: int) -> None:
    start, end = first_day(year, q), last_day(year, q)
    assert (start.day, start.month) == (1, 3 * q - 2)
    assert end.month == 3 * q
    if (year, q) < (9999, 4):
        assert end + timedelta(days=1) == first_day(*from_index(index(year, q) + 1))
    assert Deadline.of_quarter(year, q).start == start
    assert Deadline.of_quarter(year, q).due == end
    assert (end - start).days + 1 in (90, 91, 92)


@given(years, quarters, years, quarters)
def test_index_counts_quarters_in_order(y1: int, q1: int, y2: int, q2: int) -> None:
    assert from_index(index(y1, q1)) == (y1, q1)
    assert (index(y1, q1) < index(y2, q2)) == ((y1, q1) < (y2, q2))


def test_quarter_value_type() -> None:
    q = Quarter(2015, 4)
    assert str(q) == "Q4 2015"
    assert (q.start, q.due) == (date(2015, 10, 1), date(2015, 12, 31))
    assert q.next() == Quarter(2016, 1)
    assert Quarter(2016, 2).next() == Quarter(2016, 3)
    assert Quarter(2015, 4) < Quarter(2016, 1) < Quarter(2016, 2)
    assert {Quarter(2015, 4): 1}[Quarter(2015, 4)] == 1
    for bad in (0, 5):
        with pytest.raises(ValueError, match="quarter must be 1 to 4"):
            Quarter(2016, bad)


def test_the_root_exports_the_same_quarter_type() -> None:
    import antitrafficking_plan as atp

    assert atp.Quarter is Quarter
