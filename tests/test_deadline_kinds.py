"""The kind table, the single constructor path and the one key behind ==, hash and order."""

from __future__ import annotations

import ast
import inspect
import itertools
import pickle
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import antitrafficking_plan.deadline as deadline_module
from antitrafficking_plan import plot
from antitrafficking_plan.cli import _commands as cli_commands
from antitrafficking_plan.deadline import Deadline, DeadlineKind, parse_deadline
from antitrafficking_plan.strategies import deadline_spellings, deadlines

K = DeadlineKind
RULES = deadline_module._RULES
# Few years, so that generated pairs are often equal or tied.
near = deadlines(min_year=2015, max_year=2016)


def _fields(d: Deadline) -> tuple[DeadlineKind, date | None, date | None]:
    return d.kind, d.start, d.due


# ----------------------------------------------------------------------- the kind table
def test_every_kind_has_one_record_in_declaration_order() -> None:
    assert list(RULES) == list(DeadlineKind)


LABELS = {
    K.QUARTER: ("quarter", "one calendar quarter"),
    K.QUARTER_RANGE: ("quarters", "two or more consecutive calendar quarters"),
    K.HALF: ("half year", "a half year"),
    K.MONTH: ("month", "a calendar month"),
    K.DAY: ("day", "one day"),
    K.YEAR: ("year", "a calendar year"),
    K.YEAR_RANGE: ("range of years", "two or more calendar years"),
    K.BY: ('"by" a date', "due by a day, with no start"),
    K.ONWARDS: ('"onwards"', "open-ended from the start of a year, with no due date"),
    K.ONGOING: ("ongoing", "continuous, with neither start nor due date"),
    K.ANNUAL: ("annually", "recurring every year, with neither start nor due date"),
}


@pytest.mark.parametrize("kind", list(DeadlineKind))
def test_labels_and_meanings(kind: DeadlineKind) -> None:
    assert (kind.label, kind.meaning) == LABELS[kind]


def test_labels_are_distinct() -> None:
    assert len({k.label for k in DeadlineKind}) == len(DeadlineKind)
    assert len({k.meaning for k in DeadlineKind}) == len(DeadlineKind)


def test_chart_legend_and_command_line_use_the_kind_table() -> None:
    assert {k: v for k, v in plot._KIND_LABELS.items() if k is not None} == {
        k: k.label for k in DeadlineKind
    }
    d = parse_deadline("Q1-Q2 2016")
    assert cli_commands._deadline_data("Q1-Q2 2016", d)["meaning"] == K.QUARTER_RANGE.meaning


@given(deadlines())
def test_ends_str_and_edtf_come_from_the_table(d: Deadline) -> None:
    rules = RULES[d.kind]
    assert (d.start is not None, d.due is not None) == (rules.has_start, rules.has_due)
    assert str(d) == rules.text(d.start, d.due)
    assert d.to_edtf() == rules.edtf(d.start, d.due)
    assert rules.check(d.start, d.due) is None


@pytest.mark.parametrize("kind", list(DeadlineKind))
def test_missing_or_extra_ends_are_refused_by_the_table(kind: DeadlineKind) -> None:
    rules = RULES[kind]
    day = date(2016, 1, 1)
    for start in (None, day):
        for due in (None, day):
            if ((start is not None), (due is not None)) == (rules.has_start, rules.has_due):
                continue
            with pytest.raises(ValueError, match=kind.name):
                Deadline(kind, start, due)


# ---------------------------------------------------------------- one constructor path
def _named(d: Deadline) -> Deadline:
    """``d`` rebuilt by its kind's named constructor, from its numbers."""
    s, e = d.start, d.due
    if d.kind is K.ONGOING:
        return Deadline.ongoing()
    if d.kind is K.ANNUAL:
        return Deadline.annual()
    if d.kind is K.BY:
        assert e is not None
        return Deadline.by(e)
    assert s is not None
    if d.kind is K.ONWARDS:
        return Deadline.onwards(s.year)
    assert e is not None
    q = (s.month + 2) // 3, (e.month + 2) // 3  # written out here, independently of quarter.py
    built = {
        K.QUARTER: lambda: Deadline.of_quarter(s.year, q[0]),
        K.QUARTER_RANGE: lambda: Deadline.of_quarters(s.year, q[0], e.year, q[1]),
        K.HALF: lambda: Deadline.of_half(s.year, 1 if s.month == 1 else 2),
        K.MONTH: lambda: Deadline.of_month(s.year, s.month),
        K.DAY: lambda: Deadline.of_day(s),
        K.YEAR: lambda: Deadline.of_year(s.year),
        K.YEAR_RANGE: lambda: Deadline.of_years(s.year, e.year),
    }
    return built[d.kind]()


@given(deadline_spellings())
def test_parser_constructor_and_named_constructors_agree(pair: tuple[Deadline, str]) -> None:
    d, text = pair
    parsed = parse_deadline(text)
    checked = Deadline(parsed.kind, parsed.start, parsed.due)  # the public constructor's checks
    for other in (parsed, checked, _named(d), attrs.evolve(parsed), pickle.loads(pickle.dumps(d))):
        assert type(other) is Deadline
        assert _fields(other) == _fields(d)


def test_only_the_private_constructor_fills_the_slots() -> None:
    # The slot setters are called in Deadline._checked and nowhere else in the module.
    tree = ast.parse(Path(inspect.getfile(deadline_module)).read_text(encoding="utf-8"))
    setters = {"_set_kind", "_set_start", "_set_due", "__setattr__", "__set__"}
    callers = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        for call in ast.walk(node)
        if isinstance(call, ast.Call)
        and (
            (isinstance(call.func, ast.Name) and call.func.id in setters)
            or (isinstance(call.func, ast.Attribute) and call.func.attr in setters)
        )
    }
    assert callers == {"_checked"}
    # attrs' own initializer and setstate, which would refill a frozen value, are gone.
    assert not hasattr(Deadline, "__attrs_init__")
    assert "__setstate__" not in Deadline.__dict__


def test_unpickling_goes_through_the_constructor_checks() -> None:
    reduced = Deadline.of_year(2016).__reduce__()
    assert reduced == (Deadline, (K.YEAR, date(2016, 1, 1), date(2016, 12, 31)))
    with pytest.raises(ValueError, match="one calendar year"):
        reduced[0](K.YEAR, date(2016, 1, 1), date(2017, 12, 31))


# ---------------------------------------------------- one key for ==, hash and order
@given(st.one_of(near, deadlines()), st.one_of(near, deadlines()))
def test_equality_is_equal_fields_and_equal_key(a: Deadline, b: Deadline) -> None:
    assert (a == b) == (_fields(a) == _fields(b)) == (a._key() == b._key())
    assert (a != b) is not (a == b)
    if a == b:
        assert hash(a) == hash(b)


@given(near, near, near)
def test_order_is_the_key_order_total_and_consistent_with_equality(
    a: Deadline, b: Deadline, c: Deadline
) -> None:
    assert (a < b) == (a._key() < b._key())
    assert (a <= b) == (a._key() <= b._key())
    assert (a > b) == (a._key() > b._key())
    assert (a >= b) == (a._key() >= b._key())
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b and b <= a) == (a == b)
    if a <= b and b <= c:
        assert a <= c


@given(st.lists(near, max_size=12))
def test_sets_and_sorting_agree(items: list[Deadline]) -> None:
    unique = set(items)
    assert len(unique) == len({_fields(d) for d in items})
    ordered = sorted(unique)
    assert all(x < y for x, y in itertools.pairwise(ordered))


def test_the_strategies_spell_every_kind() -> None:
    from antitrafficking_plan import strategies

    assert set(strategies._SPELLINGS) == set(DeadlineKind)
