"""Hypothesis properties of Deadline and parse_deadline."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from antitrafficking_plan import _deadline_grammar as grammar
from antitrafficking_plan import deadline as deadline_module
from antitrafficking_plan.deadline import Deadline, DeadlineKind, parse_deadline
from antitrafficking_plan.errors import DeadlineParseError
from antitrafficking_plan.strategies import deadline_spellings, deadline_texts, deadlines

K = DeadlineKind
OPEN_ENDED = (K.ONGOING, K.ONWARDS, K.ANNUAL)
any_day = st.dates(date(1, 1, 1), date(9999, 12, 31))


@given(deadlines())
def test_str_round_trips_to_an_equal_value(d: Deadline) -> None:
    back = parse_deadline(str(d))
    assert back == d
    assert hash(back) == hash(d)
    assert (back != d) is False
    assert repr(d) == f"<Deadline({str(d)!r})>"


@given(deadline_spellings())
def test_every_spelling_reads_back(pair: tuple[Deadline, str]) -> None:
    d, text = pair
    assert parse_deadline(text) == d


@given(deadline_texts())
def test_generated_texts_are_accepted(text: str) -> None:
    assert isinstance(parse_deadline(text), Deadline)


@given(deadlines())
def test_fields_fit_the_kind(d: Deadline) -> None:
    if d.start is not None and d.due is not None:
        assert d.start <= d.due
    assert (d.due is None) == (d.kind in OPEN_ENDED) == d.is_open_ended
    assert (d.start is None) == (d.kind in (K.BY, K.ONGOING, K.ANNUAL))
    assert d.is_ongoing == (d.kind is K.ONGOING)
    if d.kind is K.DAY:
        assert d.start == d.due
    # the public constructor accepts exactly what the parser builds
    assert Deadline(d.kind, d.start, d.due) == d


@given(deadlines(kinds=[K.QUARTER]))
def test_a_quarter_lies_within_its_year(d: Deadline) -> None:
    assert d.start is not None
    assert d.due is not None
    year = Deadline.of_year(d.start.year)
    assert d.start.year == d.due.year
    assert year.contains(d.start)
    assert year.contains(d.due)
    assert d.overlaps(year)
    assert (d.due - d.start).days + 1 in (90, 91, 92)
    assert d.years(1, 9999) == (d.start.year,)


def _sign(a: Deadline, b: Deadline) -> int:
    return (a > b) - (a < b)


@given(deadlines(), deadlines(), deadlines())
def test_order_is_total_and_agrees_with_equality(a: Deadline, b: Deadline, c: Deadline) -> None:
    # exactly one of <, ==, >
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (a > b or a == b)
    assert _sign(a, b) == -_sign(b, a)
    if a == b:
        assert hash(a) == hash(b)
    # transitivity
    x, y, z = sorted([a, b, c])
    assert x <= y <= z
    assert x <= z


@given(deadlines(), deadlines())
def test_order_agrees_with_due_dates(a: Deadline, b: Deadline) -> None:
    if a.due is not None and b.due is not None and a.due < b.due:
        assert a < b
    if a.due is not None and b.due is None:
        assert a < b
    if a.due == b.due and a.start is None and b.start is not None:
        assert a < b


@given(deadlines(), any_day, any_day)
def test_overdue_never_turns_false_again(d: Deadline, day1: date, day2: date) -> None:
    early, late = min(day1, day2), max(day1, day2)
    if d.overdue(early):
        assert d.overdue(late)
    assert d.overdue(early) == (d.due is not None and d.due < early)


@given(deadlines(kinds=OPEN_ENDED), any_day)
def test_open_ended_is_never_overdue(d: Deadline, as_of: date) -> None:
    assert not d.overdue(as_of)
    assert d.is_open_ended


@given(deadlines(), any_day)
def test_contains_agrees_with_bounds_and_overdue(d: Deadline, day: date) -> None:
    inside = d.contains(day)
    assert inside == ((d.start is None or d.start <= day) and (d.due is None or day <= d.due))
    if inside:
        assert not d.overdue(day)
        assert Deadline.of_day(day).overlaps(d)


@given(deadlines(), deadlines())
def test_overlaps_is_symmetric_and_reflexive(a: Deadline, b: Deadline) -> None:
    assert a.overlaps(b) == b.overlaps(a)
    assert a.overlaps(a)


@given(deadlines(min_year=1900, max_year=2100), st.integers(1900, 2100), st.integers(0, 10))
def test_years_and_quarters_cover_the_period(d: Deadline, plan_start: int, length: int) -> None:
    plan_end = plan_start + length
    years = d.years(plan_start, plan_end)
    quarters = d.quarters(plan_start, plan_end)
    assert years
    assert list(years) == list(range(years[0], years[-1] + 1))
    assert tuple(sorted({y for y, _ in quarters})) == years
    if d.start is not None:
        assert years[0] == d.start.year
    elif d.due is None:
        assert years == tuple(range(plan_start, plan_end + 1))
    else:
        assert years[0] == min(plan_start, d.due.year)
    if d.due is not None:
        assert years[-1] == d.due.year
        assert quarters[-1] == (d.due.year, (d.due.month + 2) // 3)


def _pandas() -> Any:
    return pytest.importorskip("pandas")


# pandas Timestamps cover 1677-2262
@given(deadlines(min_year=1700, max_year=2200, kinds=[K.QUARTER, K.MONTH, K.YEAR, K.DAY]))
def test_bounds_agree_with_pandas_period(d: Deadline) -> None:
    pd = _pandas()
    assert d.start is not None
    if d.kind is K.QUARTER:
        period = pd.Period(year=d.start.year, quarter=(d.start.month + 2) // 3, freq="Q")
    elif d.kind is K.MONTH:
        period = pd.Period(year=d.start.year, month=d.start.month, freq="M")
    elif d.kind is K.YEAR:
        period = pd.Period(year=d.start.year, freq="Y")
    else:
        period = pd.Period(d.start, freq="D")
    assert period.start_time.date() == d.start
    assert period.end_time.date() == d.due


@given(deadlines(min_year=1700, max_year=2200, kinds=[K.QUARTER, K.MONTH]))
def test_pandas_spelling_agrees(d: Deadline) -> None:
    pd = _pandas()
    assert d.start is not None
    if d.kind is K.QUARTER:
        text = f"{d.start.year}Q{(d.start.month + 2) // 3}"  # pandas' own spelling
    else:
        text = f"{d.start.year}-{d.start.month:02d}"
    period = pd.Period(text)
    assert (period.start_time.date(), period.end_time.date()) == (d.start, d.due)
    if d.kind is K.QUARTER:
        assert parse_deadline(text) == d


def _edtf() -> Any:
    with warnings.catch_warnings():  # edtf's pyparsing grammar warns on import
        warnings.simplefilter("ignore")
        return pytest.importorskip("edtf")


@given(deadlines(kinds=[k for k in DeadlineKind if k is not K.ANNUAL]))
def test_edtf_rendering_parses_to_the_same_bounds(d: Deadline) -> None:
    edtf = _edtf()
    parsed = edtf.parse_edtf(d.to_edtf())
    lower, upper = parsed.lower_strict(), parsed.upper_strict()
    if d.start is None:
        assert lower == -float("inf")
    else:
        assert (lower.tm_year, lower.tm_mon, lower.tm_mday) == (
            d.start.year,
            d.start.month,
            d.start.day,
        )
    if d.due is None:
        assert upper == float("inf")
    else:
        assert (upper.tm_year, upper.tm_mon, upper.tm_mday) == (d.due.year, d.due.month, d.due.day)


def _parse_or_refuse(text: str) -> None:
    error: DeadlineParseError | None = None
    try:
        result = parse_deadline(text)
    except DeadlineParseError as err:
        error = err
    if error is None:
        assert isinstance(result, Deadline)
        assert parse_deadline(str(result)) == result
    else:
        assert error.text == text
        assert "accepted forms include" in str(error)


@given(st.text())
def test_any_text_parses_or_raises_deadline_parse_error(text: str) -> None:
    _parse_or_refuse(text)


PIECES = [
    "q", "Q", "h", "H", "1", "2", "4", "5", "12", "13", "31", "00", "2015", "2016", "0000",
    "9999", "-", "–", "—", "/", ".", ",", " ", "  ", "\t", "to", "of", "the", "half", "first",
    "1st", "by", "end", "until", "from", "since", "onwards", "and", "ongoing", "June", "dec",
    "qershor", "vazhdimes", "i", "në", "annually", "st", "th", "ë", "\u00a0", "٢", "İ",
]  # fmt: skip


@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join))
def test_grammar_piece_soup_parses_or_raises(text: str) -> None:
    _parse_or_refuse(text)


@given(st.lists(st.sampled_from(PIECES), max_size=10).map(" ".join))
def test_spaced_grammar_pieces_parse_or_raise(text: str) -> None:
    _parse_or_refuse(text)


@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.floats(),
        st.binary(),
        st.lists(st.text(max_size=3), max_size=2),
        st.dates(),
    )
)
def test_non_str_raises_type_error(value: object) -> None:
    with pytest.raises(TypeError):
        parse_deadline(value)  # type: ignore[arg-type]


@given(deadlines(kinds=[K.DAY, K.BY]), st.integers(-3, 3))
def test_day_order_follows_the_calendar(d: Deadline, shift: int) -> None:
    assert d.due is not None
    try:
        other_day = d.due + timedelta(days=shift)
    except OverflowError:
        return
    other = Deadline.of_day(other_day) if d.kind is K.DAY else Deadline.by(other_day)
    assert (d < other) == (shift > 0)
    assert (d == other) == (shift == 0)


@given(st.integers(1, 9999), st.integers(1, 12))
def test_named_constructors_agree_with_the_parser_and_the_calendar(year: int, month: int) -> None:
    import calendar

    month_period = Deadline.of_month(year, month)
    assert month_period == parse_deadline(f"{month:02d}/{year:04d}")
    assert month_period.due == date(year, month, calendar.monthrange(year, month)[1])
    quarter = (month - 1) // 3 + 1
    assert Deadline.of_quarter(year, quarter) == parse_deadline(f"Q{quarter} {year:04d}")
    half = 1 if month <= 6 else 2
    assert Deadline.of_half(year, half) == parse_deadline(f"H{half} {year:04d}")


def _full_alternation(lead: str) -> re.Pattern[str]:
    """The alternation of every branch for a text's first character, in grammar order: what
    the parser matched before it tried only the group that can match."""
    names = {"q": "q", "h": "h"}.get(lead, "digit" if lead in "0123456789" else "word")
    branches = grammar.BRANCHES[names]
    if names in ("q", "h"):
        branches += tuple(b for b in grammar.BRANCHES["word"] if b[0] in ("MW", "WD"))
    return re.compile("|".join(f"(?P<{name}>{body})" for name, body in branches))


#: A spelling of every branch of the grammar, and texts near them.
BRANCH_EXAMPLES = [
    ("2016", "Y"), ("2015-2017", "YR"), ("2015 to 2017", "YR"), ("2015-16", "YR"),
    ("2015 q4", "YQ"), ("2016 q1-q2", "YQR"), ("2016 h1", "YH"), ("2015 onwards", "ON"),
    ("1st half of 2016", "HWD"), ("06/2016", "MN"), ("31.12.2016", "DN"),
    ("2016-12-31", "DI"), ("2016 june", "YMW"), ("31 december 2016", "DW"), ("q4 2015", "Q"),
    ("q1-q2 2016", "QR"), ("q4 2015-q2 2016", "QX"), ("h1 2016", "H"),
    ("from 2015-2017", "FYR"), ("since 2015", "FR"), ("first half of 2016", "HW"),
    ("june 2016", "MW"), ("december 31, 2016", "WD"), ("qershor 2016", "MW"),
    ("h 2016", "MW"),
]  # fmt: skip


@given(
    st.one_of(
        st.sampled_from([t for t, _ in BRANCH_EXAMPLES]),
        st.lists(st.sampled_from(PIECES), max_size=10).map("".join),
        st.lists(st.sampled_from(PIECES), max_size=10).map(" ".join),
        deadline_texts(),
        st.text(max_size=20),
    ).map(lambda t: t.strip().lower())
)
def test_grouped_matching_is_the_full_alternations(s: str) -> None:
    """Trying only the group of branches that can match a text finds what the whole
    alternation for its first character finds: the same branch, the same groups."""
    ours = grammar.fullmatch(s)
    full = _full_alternation(s[:1]).fullmatch(s)
    assert (ours is None) is (full is None)
    if ours is not None and full is not None:
        assert ours.lastgroup == full.lastgroup
        assert ours.groupdict() == {
            k: v for k, v in full.groupdict().items() if k in ours.re.groupindex
        }
        assert {v for k, v in full.groupdict().items() if k not in ours.re.groupindex} <= {None}


@pytest.mark.parametrize(("text", "branch"), BRANCH_EXAMPLES)
def test_each_group_finds_its_branches(text: str, branch: str) -> None:
    found = grammar.fullmatch(text)
    assert found is not None
    assert found.lastgroup == branch


def _outcome(parse: Callable[[str], Deadline | None], text: str) -> object:
    try:
        found = parse(text)
    except DeadlineParseError as err:
        return ("error", str(err))
    return ("value", None if found is None else (found.kind, found.start, found.due))


def _by_the_grammar(text: str) -> Deadline | None:
    """What the branch that the whole grammar matches builds (None: no branch matches)."""
    found = grammar.fullmatch(text.strip().lower())
    return None if found is None else deadline_module._BUILDERS[found.lastgroup](found, text)


_DIGIT = st.sampled_from("0123456789")
_YEAR = st.text(_DIGIT, min_size=4, max_size=4)


@given(
    st.one_of(
        _YEAR,
        st.tuples(_YEAR, _YEAR).map("-".join),
        st.tuples(_DIGIT, _YEAR).map(lambda p: f"q{p[0]} {p[1]}"),
        st.tuples(_DIGIT, _YEAR).map(lambda p: f" Q{p[0]} {p[1]}\t"),
    )
)
def test_the_quick_forms_read_as_the_grammar_reads_them(text: str) -> None:
    """ "2016", "2015-2017" and "q4 2015" skip the regex: the same value or the same error."""
    assert _outcome(parse_deadline, text) == _outcome(_by_the_grammar, text)


_BY_WORDS = [
    *("by", "until", "till", "before", "end", "of", "the", "year", "up", "to", "not", "no"),
    *("later", "than", "june", "jun", "q4", "h1", "first", "half", "31", "2016", "2015-2017"),
    *("december", "dec", "ongoing", "onwards", "from", "x", ""),
]


@given(st.lists(st.sampled_from(_BY_WORDS), min_size=1, max_size=6).map(" ".join))
def test_reading_by_words_first_changes_no_result(text: str) -> None:
    """Texts that start like a BY deadline are tried as one before the word branches:
    every text reads (or is refused) exactly as without that shortcut."""
    shortcut = _outcome(parse_deadline, text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(deadline_module, "BY_STARTS", ())
        assert _outcome(parse_deadline, text) == shortcut


@pytest.mark.parametrize(
    "prefix",
    [
        *("by", "until", "till", "before the end of", "end of", "the end of", "up to"),
        *("not later than", "no later than", "by the end of the year", "until the"),
    ],
)
def test_every_by_prefix_starts_with_a_listed_word(prefix: str) -> None:
    text = f"{prefix} 2016"
    match = grammar.by_prefix(text)
    assert match is not None
    assert match.end() == len(prefix) + 1
    assert text.startswith(grammar.BY_STARTS)
    assert parse_deadline(text) == Deadline.by(date(2016, 12, 31))
