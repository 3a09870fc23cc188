"""Domain objects are whole or not built: wrong types and values fail in the constructor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import antitrafficking_plan as atp
from antitrafficking_plan import codec
from antitrafficking_plan._checks import record_repr

PLAN = atp.load_plan()
ACT = PLAN.activities[0]


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: PLAN.evolve(title=5), TypeError, "Plan.title must be str, not int 5"),
        (
            lambda: attrs.evolve(ACT, deadline="Q4 2015"),  # type: ignore[arg-type]
            TypeError,
            "Activity.deadline must be Deadline, not str 'Q4 2015'",
        ),
        (
            lambda: attrs.evolve(ACT, description=5),  # type: ignore[arg-type]
            TypeError,
            "Activity.description must be str",
        ),
        (
            lambda: attrs.evolve(ACT, responsible=("MLSW",)),
            TypeError,
            "Activity.responsible[0] must be Institution, not str 'MLSW'",
        ),
        (lambda: atp.Institution(code=""), ValueError, "Institution.code must not be empty"),
        (lambda: atp.Institution(code=5), TypeError, "Institution.code must be str"),  # type: ignore[arg-type]
        (lambda: atp.Institution("A", kind="agency"), ValueError, "not a valid InstitutionKind"),
        (lambda: atp.Cost("x", -5), ValueError, "Cost.amount must be 0 or more"),
        (lambda: atp.Cost("x", True), TypeError, "Cost.amount must be a whole number"),
        (lambda: atp.Provenance(lines=(0,)), ValueError, "Provenance.lines must be 1 or more"),
        (lambda: atp.Provenance(lines=(3, -2)), ValueError, "Provenance.lines must be 1 or more"),
        (lambda: atp.Provenance(lines=(2, True)), TypeError, "Provenance.lines must be a whole"),
        (lambda: atp.Provenance(lines=(1, "2")), TypeError, "Provenance.lines must be a whole"),
        (lambda: atp.Provenance(lines=(10**16,)), ValueError, "larger than 10\\*\\*15"),
        (lambda: atp.Note("row", "text", "sure"), ValueError, "not a valid Confidence"),
    ],
)
def test_constructors_refuse_what_the_loader_refuses(
    build: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message.replace("[", r"\[").replace("]", r"\]")):
        build()


def test_enum_fields_take_their_text_values() -> None:
    inst = atp.Institution("A", kind="group", name_confidence="likely")
    assert inst.kind is atp.InstitutionKind.GROUP
    assert inst.name_confidence is atp.NameConfidence.LIKELY
    assert atp.Cost("x", 5, ["donors"]).sources == (atp.FundingSource.DONORS,)
    for written in ("certain", atp.Confidence.CERTAIN):
        assert atp.Note("row", "text", written).confidence is atp.Confidence.CERTAIN
    with pytest.raises(ValueError, match="not a valid Confidence"):
        atp.Note("row", "text", ["certain"])


def test_text_fields_treat_empty_text_as_absent() -> None:
    assert attrs.evolve(ACT, description="").description is None


@pytest.mark.parametrize("wrong", [0, False, [], (), 0.0])
def test_text_fields_refuse_other_empty_values(wrong: object) -> None:
    """Only empty text means "no text": a false value of another type is an error, as
    the loader's, not silently None."""
    with pytest.raises(TypeError, match=r"Activity\.description must be str"):
        attrs.evolve(ACT, description=wrong)  # type: ignore[arg-type]


def test_what_the_library_builds_it_can_write_and_read_back() -> None:
    changed = PLAN.evolve(title="Another title", dataset_version="2")
    assert codec.loads_plan(codec.dumps_plan(changed)) == changed


def test_records_repr_as_attrs_writes_it() -> None:
    # ``record_repr`` replaces the ``__repr__`` attrs would compile for each class: the
    # same text as attrs' own, checked against an attrs twin of each record's class.
    plan = PLAN
    activity = next(a for a in plan.activities if a.notes)
    records: list[Any] = [
        plan.source,
        plan.objective("1"),
        plan.objective("1.1"),
        plan.cost_fragments[0],
        plan.repairs[0],
        activity.provenance,
        activity.provenance.notes[0],
        atp.Cost("1000", 1000, ["donors"]),
        atp.Quarter(2015, 4),
    ]
    for record in records:
        cls = type(record)
        assert cls.__dict__["__repr__"] is record_repr, cls
        names = [f.name for f in attrs.fields(cls)]
        twin = attrs.make_class(cls.__qualname__, names, frozen=True)
        assert repr(record) == repr(twin(*(getattr(record, n) for n in names)))


# -- the validators' one-call paths ----------------------------------------------------
_ANY_TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from(" \t\n\x0b\u00a0\u3000\ud800"))


@settings(max_examples=300)
@given(st.one_of(_ANY_TEXT, st.none(), st.integers(), st.binary(max_size=3)))
def test_text_and_code_validators_refuse_exactly_as_their_two_steps_do(value: object) -> None:
    """``_OPTIONAL_TEXT`` and ``_CODE`` pass ASCII text inline; anything else goes through
    the checks they stand for, with the same message."""
    from antitrafficking_plan import _checks

    field = attrs.fields(atp.Activity).code

    def outcome(check: Callable[[], None]) -> str | None:
        try:
            check()
        except (TypeError, ValueError) as exc:
            return f"{type(exc).__name__}: {exc}"
        return None

    def text_then_not_empty() -> None:
        _checks._TEXT(None, field, value)
        _checks._not_empty(None, field, value)  # type: ignore[arg-type]

    def text_unless_none() -> None:
        if value is not None:
            _checks._TEXT(None, field, value)

    assert outcome(lambda: _checks._CODE(None, field, value)) == outcome(text_then_not_empty)
    assert outcome(lambda: _checks._OPTIONAL_TEXT(None, field, value)) == outcome(text_unless_none)


@given(st.lists(st.sampled_from([atp.Institution("A"), "A", None, 1]), max_size=4))
def test_a_tuple_of_the_wrong_items_names_the_first_wrong_one(items: list[object]) -> None:
    wrong = [n for n, item in enumerate(items) if not isinstance(item, atp.Institution)]
    if not wrong:
        assert atp.Activity("1.1.1", responsible=items).responsible == tuple(items)
        return
    with pytest.raises(TypeError, match=rf"Activity\.responsible\[{wrong[0]}\] must be"):
        atp.Activity("1.1.1", responsible=items)
