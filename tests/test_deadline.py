"""Table-driven examples for the Deadline type and parse_deadline."""

from __future__ import annotations

import pickle
import subprocess
import sys
import time
import warnings
from datetime import date, datetime
from types import ModuleType
from typing import Any

import attrs
import pytest

from antitrafficking_plan.deadline import (
    MAX_DEADLINE_LENGTH,
    Deadline,
    DeadlineKind,
    parse_deadline,
)
from antitrafficking_plan.errors import DeadlineParseError, PlanError

K = DeadlineKind
D = date

# text, kind, start, due
GOOD: list[tuple[str, DeadlineKind, date | None, date | None]] = [
    # the source plan's spellings
    ("Q4 2015", K.QUARTER, D(2015, 10, 1), D(2015, 12, 31)),
    ("2015-2017", K.YEAR_RANGE, D(2015, 1, 1), D(2017, 12, 31)),
    ("2015-2016", K.YEAR_RANGE, D(2015, 1, 1), D(2016, 12, 31)),
    ("2017-2019", K.YEAR_RANGE, D(2017, 1, 1), D(2019, 12, 31)),
    ("2016", K.YEAR, D(2016, 1, 1), D(2016, 12, 31)),
    ("2015", K.YEAR, D(2015, 1, 1), D(2015, 12, 31)),
    ("Ongoing", K.ONGOING, None, None),
    ("ongoing", K.ONGOING, None, None),
    ("vazhdimesi", K.ONGOING, None, None),
    ("vazhdimes i", K.ONGOING, None, None),
    # quarters
    ("Q1 2016", K.QUARTER, D(2016, 1, 1), D(2016, 3, 31)),
    ("Q2 2016", K.QUARTER, D(2016, 4, 1), D(2016, 6, 30)),
    ("Q3 2016", K.QUARTER, D(2016, 7, 1), D(2016, 9, 30)),
    ("q4   2015", K.QUARTER, D(2015, 10, 1), D(2015, 12, 31)),
    ("2015 Q4", K.QUARTER, D(2015, 10, 1), D(2015, 12, 31)),
    ("2015Q4", K.QUARTER, D(2015, 10, 1), D(2015, 12, 31)),
    ("Q4/2015", K.QUARTER, D(2015, 10, 1), D(2015, 12, 31)),
    ("Q4-2015", K.QUARTER, D(2015, 10, 1), D(2015, 12, 31)),
    ("Q1-Q1 2016", K.QUARTER, D(2016, 1, 1), D(2016, 3, 31)),
    # quarter ranges
    ("Q1-Q2 2016", K.QUARTER_RANGE, D(2016, 1, 1), D(2016, 6, 30)),
    ("Q1–Q2 2016", K.QUARTER_RANGE, D(2016, 1, 1), D(2016, 6, 30)),
    ("Q1 / Q2 2016", K.QUARTER_RANGE, D(2016, 1, 1), D(2016, 6, 30)),
    ("q2 - q4 2016", K.QUARTER_RANGE, D(2016, 4, 1), D(2016, 12, 31)),
    ("Q1-2 2016", K.QUARTER_RANGE, D(2016, 1, 1), D(2016, 6, 30)),
    ("2016 Q1-Q2", K.QUARTER_RANGE, D(2016, 1, 1), D(2016, 6, 30)),
    ("Q4 2015-Q2 2016", K.QUARTER_RANGE, D(2015, 10, 1), D(2016, 6, 30)),
    ("Q1-Q4 2016", K.QUARTER_RANGE, D(2016, 1, 1), D(2016, 12, 31)),
    # halves
    ("H1 2016", K.HALF, D(2016, 1, 1), D(2016, 6, 30)),
    ("H2 2016", K.HALF, D(2016, 7, 1), D(2016, 12, 31)),
    ("2016 H2", K.HALF, D(2016, 7, 1), D(2016, 12, 31)),
    ("first half of 2016", K.HALF, D(2016, 1, 1), D(2016, 6, 30)),
    ("Second half of 2016", K.HALF, D(2016, 7, 1), D(2016, 12, 31)),
    ("1st half 2016", K.HALF, D(2016, 1, 1), D(2016, 6, 30)),
    # months: the whole month, never a day of it
    ("June 2016", K.MONTH, D(2016, 6, 1), D(2016, 6, 30)),
    ("06/2016", K.MONTH, D(2016, 6, 1), D(2016, 6, 30)),
    # a year and a two-digit month where no year range is possible
    ("2016-06", K.MONTH, D(2016, 6, 1), D(2016, 6, 30)),
    ("2015-12", K.MONTH, D(2015, 12, 1), D(2015, 12, 31)),
    ("2016/06", K.MONTH, D(2016, 6, 1), D(2016, 6, 30)),
    ("6.2016", K.MONTH, D(2016, 6, 1), D(2016, 6, 30)),
    ("Dec 2016", K.MONTH, D(2016, 12, 1), D(2016, 12, 31)),
    ("Feb. 2016", K.MONTH, D(2016, 2, 1), D(2016, 2, 29)),
    ("February 2015", K.MONTH, D(2015, 2, 1), D(2015, 2, 28)),
    ("Sept 2016", K.MONTH, D(2016, 9, 1), D(2016, 9, 30)),
    ("2016 June", K.MONTH, D(2016, 6, 1), D(2016, 6, 30)),
    ("qershor 2016", K.MONTH, D(2016, 6, 1), D(2016, 6, 30)),
    ("Qershor 30, 2016", K.DAY, D(2016, 6, 30), D(2016, 6, 30)),
    ("2nd half of 2016", K.HALF, D(2016, 7, 1), D(2016, 12, 31)),
    # days (numeric dates are day first)
    ("31 December 2016", K.DAY, D(2016, 12, 31), D(2016, 12, 31)),
    ("31st of December, 2016", K.DAY, D(2016, 12, 31), D(2016, 12, 31)),
    ("December 31, 2016", K.DAY, D(2016, 12, 31), D(2016, 12, 31)),
    ("31-Dec-2016", K.DAY, D(2016, 12, 31), D(2016, 12, 31)),
    ("31.12.2016", K.DAY, D(2016, 12, 31), D(2016, 12, 31)),
    ("31/12/2016", K.DAY, D(2016, 12, 31), D(2016, 12, 31)),
    ("03/04/2016", K.DAY, D(2016, 4, 3), D(2016, 4, 3)),
    ("2016-12-31", K.DAY, D(2016, 12, 31), D(2016, 12, 31)),
    ("29.02.2016", K.DAY, D(2016, 2, 29), D(2016, 2, 29)),
    # year ranges
    ("2015–2017", K.YEAR_RANGE, D(2015, 1, 1), D(2017, 12, 31)),
    ("2015/2017", K.YEAR_RANGE, D(2015, 1, 1), D(2017, 12, 31)),
    ("2015 - 2017", K.YEAR_RANGE, D(2015, 1, 1), D(2017, 12, 31)),
    ("2015 to 2017", K.YEAR_RANGE, D(2015, 1, 1), D(2017, 12, 31)),
    ("from 2015 to 2017", K.YEAR_RANGE, D(2015, 1, 1), D(2017, 12, 31)),
    ("2015-16", K.YEAR_RANGE, D(2015, 1, 1), D(2016, 12, 31)),
    ("2015/17", K.YEAR_RANGE, D(2015, 1, 1), D(2017, 12, 31)),
    ("1999-00", K.YEAR_RANGE, D(1999, 1, 1), D(2000, 12, 31)),
    ("2011 to 12", K.YEAR_RANGE, D(2011, 1, 1), D(2012, 12, 31)),
    ("2016-2016", K.YEAR, D(2016, 1, 1), D(2016, 12, 31)),
    # by / end of
    ("end of 2016", K.BY, None, D(2016, 12, 31)),
    ("by end of 2016", K.BY, None, D(2016, 12, 31)),
    ("By the end of 2016", K.BY, None, D(2016, 12, 31)),
    ("by 2016", K.BY, None, D(2016, 12, 31)),
    ("until 2016", K.BY, None, D(2016, 12, 31)),
    ("by end of June 2016", K.BY, None, D(2016, 6, 30)),
    ("by Q2 2016", K.BY, None, D(2016, 6, 30)),
    ("by 31.03.2016", K.BY, None, D(2016, 3, 31)),
    ("by 2016-12-31", K.BY, None, D(2016, 12, 31)),
    ("no later than 15 May 2016", K.BY, None, D(2016, 5, 15)),
    # onwards
    ("2015 onwards", K.ONWARDS, D(2015, 1, 1), None),
    ("2015 and onwards", K.ONWARDS, D(2015, 1, 1), None),
    ("2015 onward", K.ONWARDS, D(2015, 1, 1), None),
    ("from 2016", K.ONWARDS, D(2016, 1, 1), None),
    ("since 2016", K.ONWARDS, D(2016, 1, 1), None),
    ("from 2016 onwards", K.ONWARDS, D(2016, 1, 1), None),
    ("2015 - ongoing", K.ONWARDS, D(2015, 1, 1), None),
    # ongoing
    ("continuous", K.ONGOING, None, None),
    ("continuously", K.ONGOING, None, None),
    ("permanent", K.ONGOING, None, None),
    ("on-going", K.ONGOING, None, None),
    ("në vazhdimësi", K.ONGOING, None, None),
    ("ne vazhdimesi", K.ONGOING, None, None),
    ("NË VAZHDIMËSI", K.ONGOING, None, None),
    ("në  vazhdimësi ", K.ONGOING, None, None),
    ("vazhdimësi", K.ONGOING, None, None),
    ("vazhdimisht", K.ONGOING, None, None),
    ("  ONGOING\n", K.ONGOING, None, None),
    # annual
    ("annually", K.ANNUAL, None, None),
    ("Annual", K.ANNUAL, None, None),
    ("yearly", K.ANNUAL, None, None),
    ("every year", K.ANNUAL, None, None),
]


@pytest.mark.parametrize(("text", "kind", "start", "due"), GOOD)
def test_parse_good(text: str, kind: DeadlineKind, start: date | None, due: date | None) -> None:
    d = parse_deadline(text)
    assert (d.kind, d.start, d.due) == (kind, start, due)
    assert parse_deadline(str(d)) == d


# text, fragments the message must contain
BAD: list[tuple[str, tuple[str, ...]]] = [
    ("", ("empty",)),
    ("   ", ("empty",)),
    ("soon", ("not a recognised deadline form",)),
    ("2011-12", ("reads two ways", "December 2011", "the years 2011 to 2012")),
    ("2012-12", ("reads two ways", "December 2012", "the year 2012")),
    ("Q5 2015", ("quarter Q5 is out of range",)),
    ("Q0 2015", ("quarter Q0 is out of range",)),
    ("Q1-Q5 2016", ("quarter Q5 is out of range",)),
    # a quarter or half number is one digit: leading zeros are refused, never read past
    ("Q0000004 2015", ("quarter Q0000004 has leading zeros", "one digit")),
    ("Q04 2015", ("quarter Q04 has leading zeros",)),
    ("2015 Q04", ("quarter Q04 has leading zeros",)),
    ("Q01-Q02 2016", ("quarter Q01 has leading zeros",)),
    ("Q00 2015", ("quarter Q00 is out of range",)),
    ("H02 2016", ("half H02 has leading zeros",)),
    ("H3 2016", ("half H3 is out of range",)),
    ("13/2016", ("month 13 is out of range", "day first")),
    ("12/31/2016", ("month 31 is out of range", "day first")),
    ("31.02.2016", ("day 31 does not exist in February 2016",)),
    ("29.02.2015", ("day 29 does not exist in February 2015",)),
    ("32 January 2016", ("day 32 does not exist",)),
    ("2017-2015", ("reversed range", "2017 is after 2015")),
    ("2015-14", ("reversed range",)),
    ("Q3-Q1 2016", ("reversed range", "Q3 2016 is after Q1 2016")),
    ("Q2 2016-Q1 2016", ("reversed range",)),
    ("0000", ("year 0000 is out of range",)),
    ("Foo 2016", ("'foo' is not a month name",)),
    ("by soon", ("after 'by' expected a date",)),
    ("by ongoing", ("after 'by' expected a date",)),
    ("by 2015 onwards", ("after 'by' expected a date",)),
    ("Ongoing 2015-2017", ("not a recognised deadline form",)),
    ("ongoing ongoing", ("not a recognised deadline form",)),
    ("20155", ("not a recognised deadline form",)),
    ("٢٠١٥", ("not a recognised deadline form",)),
    ("x" * (MAX_DEADLINE_LENGTH + 1), ("longer than",)),
]


@pytest.mark.parametrize(("text", "fragments"), BAD, ids=[t[:20] for t, _ in BAD])
def test_parse_bad(text: str, fragments: tuple[str, ...]) -> None:
    with pytest.raises(DeadlineParseError) as info:
        parse_deadline(text)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message
    assert info.value.text == text
    assert "accepted forms include 'Q4 2015'" in message
    if len(text) <= 80:
        assert repr(text) in message
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, PlanError)


@pytest.mark.parametrize("value", [None, 2016, 2016.0, b"2016", ["2016"], date(2016, 1, 1)])
def test_non_str_raises_type_error(value: Any) -> None:
    with pytest.raises(TypeError, match="needs a str"):
        parse_deadline(value)


def test_very_long_text_is_refused_quickly() -> None:
    for text in ("Q" * 1_000_000, "2016" + " " * 999_996, "1" * 1_000_000):
        began = time.perf_counter()
        with pytest.raises(DeadlineParseError, match="longer than") as info:
            parse_deadline(text)
        assert time.perf_counter() - began < 0.05
        assert len(str(info.value)) < 1000  # the quote is shortened


def test_near_limit_adversarial_text_is_fast() -> None:
    pieces = ["q" + " " * 190 + "4", "2015" + " " * 190 + "-", "1" * 200, "by " * 66, "- " * 100]
    began = time.perf_counter()
    for text in pieces:
        with pytest.raises(DeadlineParseError):
            parse_deadline(text)
    assert time.perf_counter() - began < 0.05


# canonical str, repr and EDTF for every kind
RENDER: list[tuple[str, str, str]] = [
    ("Q4 2015", "Q4 2015", "2015-36"),
    ("Q1 2016", "Q1 2016", "2016-33"),
    ("Q1-Q2 2016", "Q1-Q2 2016", "2016-01/2016-06"),
    ("Q4 2015 - Q2 2016", "Q4 2015-Q2 2016", "2015-10/2016-06"),
    ("first half of 2016", "H1 2016", "2016-40"),
    ("H2 2016", "H2 2016", "2016-41"),
    ("06/2016", "June 2016", "2016-06"),
    ("31 December 2016", "2016-12-31", "2016-12-31"),
    ("2016", "2016", "2016"),
    ("2015–2017", "2015-2017", "2015/2017"),
    ("by end of 2016", "by 2016-12-31", "../2016-12-31"),
    ("2015 and onwards", "2015 onwards", "2015/.."),
    ("vazhdimes i", "ongoing", "../.."),
    ("annual", "annually", "../.."),
]


@pytest.mark.parametrize(("text", "canonical", "edtf"), RENDER)
def test_renderings(text: str, canonical: str, edtf: str) -> None:
    d = parse_deadline(text)
    assert str(d) == canonical
    assert repr(d) == f"<Deadline({canonical!r})>"
    assert d.to_edtf() == edtf
    assert parse_deadline(canonical) == d


def _edtf() -> ModuleType:
    with warnings.catch_warnings():  # edtf's pyparsing grammar warns on import
        warnings.simplefilter("ignore")
        module: ModuleType = pytest.importorskip("edtf")
    return module


@pytest.mark.parametrize(("text", "canonical", "edtf"), RENDER)
def test_edtf_renderings_parse_with_python_edtf(text: str, canonical: str, edtf: str) -> None:
    module = _edtf()
    parsed = module.parse_edtf(parse_deadline(text).to_edtf())
    assert str(parsed) == edtf


def test_equality_and_hash() -> None:
    assert parse_deadline("June 2016") == parse_deadline("06/2016")
    assert hash(parse_deadline("June 2016")) == hash(parse_deadline("06/2016"))
    h1, q12 = parse_deadline("H1 2016"), parse_deadline("Q1-Q2 2016")
    assert (h1.start, h1.due) == (q12.start, q12.due)
    assert h1 != q12
    assert parse_deadline("ongoing") != parse_deadline("annually")
    assert parse_deadline("2016") != "2016"
    assert len({parse_deadline(t) for t in ("Q4 2015", "q4/2015", "2015 Q4", "2016")}) == 2


def test_order() -> None:
    texts = [
        "annually",
        "2015 onwards",
        "ongoing",
        "2016",
        "by 2016-12-31",
        "Q4 2016",
        "31.12.2016",
        "Q4 2015",
        "2014 onwards",
        "Q1-Q2 2016",
        "H1 2016",
        "2015-2016",
    ]
    got = [str(d) for d in sorted(parse_deadline(t) for t in texts)]
    assert got == [
        "Q4 2015",
        "Q1-Q2 2016",  # same period as H1 2016: tie broken by kind order
        "H1 2016",
        "by 2016-12-31",  # due 2016-12-31, no start: first among that due date
        "2015-2016",
        "2016",
        "Q4 2016",
        "2016-12-31",
        "ongoing",  # no due date: after every dated one; no start first
        "annually",
        "2014 onwards",
        "2015 onwards",
    ]
    a, b = parse_deadline("Q4 2015"), parse_deadline("2016")
    assert a < b
    assert a <= b
    assert b > a
    assert b >= a
    assert not a > b
    assert a <= parse_deadline("q4/2015")
    with pytest.raises(TypeError):
        _ = a < "2016"


OPEN: list[tuple[str, bool, bool, bool]] = [
    # text, is_ongoing, is_open_ended, is_recurring
    ("ongoing", True, True, False),
    ("2015 onwards", False, True, False),
    ("annually", False, True, True),
    ("by 2016", False, False, False),
    ("2016", False, False, False),
]


@pytest.mark.parametrize(("text", "ongoing", "open_ended", "recurring"), OPEN)
def test_open_ended_flags(text: str, ongoing: bool, open_ended: bool, recurring: bool) -> None:
    d = parse_deadline(text)
    assert (d.is_ongoing, d.is_open_ended, d.is_recurring) == (ongoing, open_ended, recurring)


OVERDUE: list[tuple[str, date, bool]] = [
    ("Q4 2015", D(2015, 12, 31), False),  # not overdue on its due day
    ("Q4 2015", D(2016, 1, 1), True),
    ("Q4 2015", D(2015, 1, 1), False),
    ("by 2016", D(2017, 1, 1), True),
    ("31.12.2016", D(2016, 12, 31), False),
    ("31.12.2016", D(2017, 1, 1), True),
    ("ongoing", D(9999, 12, 31), False),
    ("2015 onwards", D(9999, 12, 31), False),
    ("annually", D(9999, 12, 31), False),
]


@pytest.mark.parametrize(("text", "as_of", "expected"), OVERDUE)
def test_overdue(text: str, as_of: date, expected: bool) -> None:
    assert parse_deadline(text).overdue(as_of) is expected


def test_overdue_takes_a_date_or_an_iso_string() -> None:
    d = parse_deadline("2016")
    assert d.overdue(datetime(2017, 1, 1, 12)) is True
    assert d.overdue("2017-01-01") is True
    assert d.overdue("2016-12-31") is False
    assert d.contains("2016-06-30") is True
    with pytest.raises(ValueError, match="not an ISO date"):
        d.overdue("31.12.2016")
    with pytest.raises(TypeError):
        d.overdue(20170101)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        d.overdue()  # type: ignore[call-arg]


CONTAINS: list[tuple[str, date, bool]] = [
    ("Q4 2015", D(2015, 10, 1), True),
    ("Q4 2015", D(2015, 12, 31), True),
    ("Q4 2015", D(2016, 1, 1), False),
    ("Q4 2015", D(2015, 9, 30), False),
    ("by 2016", D(1900, 1, 1), True),
    ("by 2016", D(2017, 1, 1), False),
    ("2016 onwards", D(2015, 12, 31), False),
    ("2016 onwards", D(3000, 1, 1), True),
    ("ongoing", D(1, 1, 1), True),
    ("annually", D(2020, 5, 5), True),
    ("31.12.2016", D(2016, 12, 31), True),
    ("31.12.2016", D(2016, 12, 30), False),
]


@pytest.mark.parametrize(("text", "day", "expected"), CONTAINS)
def test_contains(text: str, day: date, expected: bool) -> None:
    assert parse_deadline(text).contains(day) is expected


OVERLAPS: list[tuple[str, str, bool]] = [
    ("Q4 2015", "2015", True),
    ("Q4 2015", "2016", False),
    ("Q4 2015", "December 2015", True),
    ("by 2016", "2017 onwards", False),
    ("by 2016", "2016 onwards", True),
    ("by 2016", "1900", True),
    ("ongoing", "Q1 2016", True),
    ("annually", "2015 onwards", True),
    ("31.12.2016", "2017", False),
    ("31.12.2016", "Q4 2016", True),
]


@pytest.mark.parametrize(("a", "b", "expected"), OVERLAPS)
def test_overlaps(a: str, b: str, expected: bool) -> None:
    da, db = parse_deadline(a), parse_deadline(b)
    assert da.overlaps(db) is expected
    assert db.overlaps(da) is expected


YEARS: list[tuple[str, tuple[int, ...]]] = [
    ("ongoing", (2015, 2016, 2017, 2018, 2019)),
    ("annually", (2015, 2016, 2017, 2018, 2019)),
    ("by 2016", (2015, 2016)),
    ("by 2014", (2014,)),
    ("2017 onwards", (2017, 2018, 2019)),
    ("2021 onwards", (2021,)),
    ("Q4 2015", (2015,)),
    ("Q4 2015-Q1 2016", (2015, 2016)),
    ("2015-2017", (2015, 2016, 2017)),
    ("2013-2016", (2013, 2014, 2015, 2016)),  # closed ends are not clipped
    ("31.12.2016", (2016,)),
]


@pytest.mark.parametrize(("text", "years"), YEARS)
def test_years(text: str, years: tuple[int, ...]) -> None:
    assert parse_deadline(text).years(2015, 2019) == years


QUARTERS: list[tuple[str, tuple[tuple[int, int], ...]]] = [
    ("ongoing", tuple((y, q) for y in (2015, 2016) for q in (1, 2, 3, 4))),
    ("by June 2015", ((2015, 1), (2015, 2))),
    ("2016 onwards", ((2016, 1), (2016, 2), (2016, 3), (2016, 4))),
    ("Q4 2015", ((2015, 4),)),
    ("Q4 2015-Q1 2016", ((2015, 4), (2016, 1))),
    ("H2 2015", ((2015, 3), (2015, 4))),
    ("November 2015", ((2015, 4),)),
    ("by 2014", ((2014, 4),)),  # an open end never cuts the period short
]


@pytest.mark.parametrize(("text", "quarters"), QUARTERS)
def test_quarters(text: str, quarters: tuple[tuple[int, int], ...]) -> None:
    assert parse_deadline(text).quarters(2015, 2016) == quarters


def test_plan_period_must_not_be_reversed() -> None:
    with pytest.raises(ValueError, match="after plan_end"):
        parse_deadline("2016").years(2019, 2015)
    with pytest.raises(ValueError, match="after plan_end"):
        parse_deadline("2016").quarters(2019, 2015)


def test_constructors() -> None:
    assert Deadline.of_quarter(2015, 4) == parse_deadline("Q4 2015")
    assert Deadline.of_quarters(2016, 1, 2016, 2) == parse_deadline("Q1-Q2 2016")
    assert Deadline.of_quarters(2016, 3, 2016, 3) == parse_deadline("Q3 2016")
    assert Deadline.of_half(2016, 2) == parse_deadline("H2 2016")
    assert Deadline.of_month(2016, 2) == parse_deadline("February 2016")
    assert Deadline.of_day(D(2016, 12, 31)) == parse_deadline("31.12.2016")
    assert Deadline.of_year(2016) == parse_deadline("2016")
    assert Deadline.of_years(2015, 2017) == parse_deadline("2015-2017")
    assert Deadline.by(D(2016, 12, 31)) == parse_deadline("end of 2016")
    assert Deadline.onwards(2015) == parse_deadline("2015 onwards")
    assert Deadline.ongoing() == parse_deadline("ongoing")
    assert Deadline.annual() == parse_deadline("annually")
    assert Deadline(K.YEAR, D(2016, 1, 1), D(2016, 12, 31)) == parse_deadline("2016")
    assert Deadline(K.ONGOING) == parse_deadline("ongoing")


INVALID: list[tuple[Any, Any, Any, type[Exception], str]] = [
    (K.QUARTER, D(2016, 1, 1), D(2016, 6, 30), ValueError, "one calendar quarter"),
    (K.QUARTER, D(2016, 1, 2), D(2016, 3, 31), ValueError, "first day of a quarter"),
    (K.QUARTER_RANGE, D(2016, 1, 1), D(2016, 3, 31), ValueError, "two or more quarters"),
    (K.HALF, D(2016, 4, 1), D(2016, 9, 30), ValueError, "January-June"),
    (K.MONTH, D(2016, 1, 1), D(2016, 2, 29), ValueError, "one month"),
    (K.DAY, D(2016, 1, 1), D(2016, 1, 2), ValueError, "same day"),
    (K.YEAR, D(2016, 1, 1), D(2017, 12, 31), ValueError, "one calendar year"),
    (K.YEAR_RANGE, D(2016, 1, 1), D(2016, 12, 31), ValueError, "two or more years"),
    (K.YEAR, D(2016, 12, 31), D(2016, 1, 1), ValueError, "start is after due"),
    (K.BY, D(2016, 1, 1), D(2016, 12, 31), ValueError, "no start"),
    (K.ONWARDS, D(2016, 2, 1), None, ValueError, "1 January"),
    (K.ONGOING, None, D(2016, 1, 1), ValueError, "no start or due"),
    (K.ANNUAL, D(2016, 1, 1), None, ValueError, "no start or due"),
    (K.DAY, None, None, ValueError, "needs both"),
    ("year", D(2016, 1, 1), D(2016, 12, 31), TypeError, "DeadlineKind"),
    (K.DAY, datetime(2016, 1, 1), datetime(2016, 1, 1), TypeError, "datetime.date"),
    (K.DAY, "2016-01-01", "2016-01-01", TypeError, "datetime.date"),
]


@pytest.mark.parametrize(("kind", "start", "due", "error", "match"), INVALID)
def test_constructor_refuses_inconsistent_fields(
    kind: Any, start: Any, due: Any, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        Deadline(kind, start, due)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: Deadline.of_quarter(2016, 5), "quarter must be 1 to 4"),
        (lambda: Deadline.of_quarters(2016, 3, 2016, 1), "reversed"),
        (lambda: Deadline.of_half(2016, 0), "half must be 1 or 2"),
        (lambda: Deadline.of_month(2016, 13), "month must be 1 to 12"),
        (lambda: Deadline.of_year(0), "year must be 1 to 9999"),
        (lambda: Deadline.of_years(2017, 2015), "reversed"),
        (lambda: Deadline.onwards(10000), "year must be 1 to 9999"),
    ],
)
def test_constructor_methods_refuse_bad_numbers(call: Any, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()


def test_immutable_hashable_picklable() -> None:
    d = parse_deadline("Q4 2015")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        d.kind = K.YEAR  # type: ignore[misc]
    with pytest.raises(AttributeError):
        d.extra = 1  # type: ignore[attr-defined]
    assert {d: 1}[parse_deadline("2015 Q4")] == 1
    for text in ("Q4 2015", "ongoing", "by 2016", "2015 onwards"):
        p = parse_deadline(text)
        q = pickle.loads(pickle.dumps(p))
        assert q == p
        assert type(q) is Deadline
    assert attrs.evolve(d, start=D(2015, 10, 1)) == d


def test_kind_values() -> None:
    assert [k.name for k in DeadlineKind] == [
        "QUARTER",
        "QUARTER_RANGE",
        "HALF",
        "MONTH",
        "DAY",
        "YEAR",
        "YEAR_RANGE",
        "BY",
        "ONWARDS",
        "ONGOING",
        "ANNUAL",
    ]
    assert DeadlineKind("quarter") is K.QUARTER
    assert str(K.YEAR_RANGE) == "year_range"
    assert isinstance(K.BY, str)


def test_all_exports() -> None:
    import antitrafficking_plan.deadline as module

    assert {"Deadline", "DeadlineKind", "parse_deadline"} <= set(module.__all__)
    for name in module.__all__:
        assert hasattr(module, name)


def test_import_does_not_load_dateutil_parser() -> None:
    code = (
        "import sys, antitrafficking_plan.deadline as d; "
        "d.parse_deadline('Q4 2015'); d.parse_deadline('31 December 2016'); "
        "print('dateutil.parser' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_decomposed_accents_read_as_composed_letters() -> None:
    import unicodedata

    assert parse_deadline(unicodedata.normalize("NFD", "në vazhdimësi")).is_ongoing
    assert parse_deadline(unicodedata.normalize("NFD", "Çdo vit")) == parse_deadline("annually")


def test_a_year_is_an_int_not_a_bool() -> None:
    with pytest.raises(TypeError, match="a year is an int, not bool"):
        Deadline.of_year(True)
