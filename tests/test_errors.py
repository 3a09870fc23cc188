"""The exception hierarchy: one small tree, exported from the package root.

``PlanError`` is the base of everything the library raises on purpose;
``DeadlineParseError`` and ``PlanLoadError`` are also ``ValueError``; ``UnknownNameError``
is also a ``KeyError`` but reads like a sentence. A wrong argument type stays a plain
``TypeError`` (never a ``PlanError``), as in the standard library.
"""

from __future__ import annotations

import pickle
from typing import Any

import attrs
import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import aggregate, codec, errors

PLAN = atp.load_plan()


def test_every_error_is_exported_from_the_package_root() -> None:
    names = (
        "PlanError",
        "DeadlineParseError",
        "PlanIntegrityError",
        "PlanLoadError",
        "UnknownNameError",
        "PlanWriteError",
        "LookupTooLongError",
    )
    for name in names:
        assert name in atp.__all__
        assert getattr(atp, name) is getattr(errors, name)
    # The errors of the spreadsheet and status readers are subclasses of the root's
    # (PlanLoadError, PlanError), so catching those catches them; they are reachable
    # from antitrafficking_plan.errors for code that wants to tell them apart.
    new = (
        "CellProblem",
        "CrosswalkError",
        "PlanFormatError",
        "PlanTableError",
        "StatusLoadError",
        "StatusWordError",
    )
    assert set(errors.__all__) == set(names) | set(new)


def test_status_errors_are_plan_errors() -> None:
    assert issubclass(errors.StatusWordError, (atp.PlanError, ValueError))
    assert issubclass(errors.CrosswalkError, (atp.PlanError, ValueError))
    assert issubclass(errors.StatusLoadError, atp.PlanLoadError)


@pytest.mark.parametrize(
    ("cls", "bases"),
    [
        (atp.DeadlineParseError, (atp.PlanError, ValueError)),
        (atp.PlanLoadError, (atp.PlanError, ValueError)),
        (atp.PlanIntegrityError, (atp.PlanError, ValueError)),
        (atp.UnknownNameError, (atp.PlanError, KeyError)),
        (atp.PlanError, (Exception,)),
    ],
)
def test_hierarchy(cls: type[Exception], bases: tuple[type[Exception], ...]) -> None:
    for base in bases:
        assert issubclass(cls, base)


def test_plan_error_is_not_a_value_or_key_error() -> None:
    assert not issubclass(atp.PlanError, (ValueError, KeyError, TypeError))
    # The three concrete errors are unrelated to one another.
    assert not issubclass(atp.DeadlineParseError, atp.PlanLoadError)
    assert not issubclass(atp.PlanLoadError, atp.DeadlineParseError)
    assert not issubclass(atp.UnknownNameError, ValueError)


def test_deadline_parse_error_carries_the_text_and_names_accepted_forms() -> None:
    with pytest.raises(atp.DeadlineParseError) as info:
        atp.parse_deadline("soonish")
    err = info.value
    assert err.text == "soonish"
    message = str(err)
    assert "'soonish'" in message
    assert "Q4 2015" in message  # what is accepted
    with pytest.raises(ValueError, match="soonish"):
        atp.parse_deadline("soonish")
    with pytest.raises(atp.PlanError):
        atp.parse_deadline("soonish")


def test_plan_load_error_lists_its_problems_in_the_message() -> None:
    err = atp.PlanLoadError("plan.json is not a valid plan", problems=["a @ $.x", "b @ $.y"])
    assert err.problems == ("a @ $.x", "b @ $.y")
    assert isinstance(err.problems, tuple)
    assert str(err) == "plan.json is not a valid plan\n  - a @ $.x\n  - b @ $.y"
    bare = atp.PlanLoadError("no such plan file")
    assert bare.problems == ()
    assert str(bare) == "no such plan file"


def test_plan_load_error_problems_are_a_tuple_even_from_a_generator() -> None:
    err = atp.PlanLoadError("bad", problems=(p for p in ["one", "two"]))
    assert err.problems == ("one", "two")


def test_unknown_name_error_reads_like_a_sentence_not_a_key_repr() -> None:
    err = atp.UnknownNameError("institution", "MLWS", ["MLSW", "MEST"])
    assert err.kind == "institution"
    assert err.name == "MLWS"
    assert err.suggestions == ("MLSW", "MEST")
    assert str(err) == "unknown institution 'MLWS'; did you mean 'MLSW', 'MEST'?"
    assert err.args == ("MLWS",)  # KeyError semantics: the key is the argument
    plain = atp.UnknownNameError("activity code", "9.9.9")
    assert plain.suggestions == ()
    assert str(plain) == "unknown activity code '9.9.9'"


def test_unknown_institution_from_a_plan_suggests_close_names() -> None:
    with pytest.raises(atp.UnknownNameError) as info:
        PLAN.institution("MLWS")
    err = info.value
    assert err.kind == "institution"
    assert err.name == "MLWS"
    assert "MLSW" in err.suggestions
    assert str(err).startswith("unknown institution 'MLWS'; did you mean ")
    # Callers that only know about KeyError still catch it.
    with pytest.raises(KeyError):
        PLAN.institution("MLWS")


def test_unknown_activity_and_objective_are_unknown_name_errors() -> None:
    with pytest.raises(atp.UnknownNameError) as info:
        PLAN.activity("9.9.9")
    assert "9.9.9" in str(info.value)
    with pytest.raises(atp.UnknownNameError) as info2:
        PLAN.objective("7")
    assert info2.value.kind == "objective"


def test_registry_item_lookup_raises_unknown_name_error() -> None:
    with pytest.raises(atp.UnknownNameError) as info:
        PLAN.registry["no such code"]
    assert isinstance(info.value, KeyError)
    assert PLAN.registry.get("no such code") is None  # Mapping.get still works


@pytest.mark.parametrize(
    "err",
    [
        atp.DeadlineParseError("cannot read deadline 'x'", text="x"),
        atp.PlanLoadError("bad", problems=["p @ $.plan"]),
        atp.UnknownNameError("institution", "X", ["Y"]),
    ],
)
def test_errors_survive_pickling(err: atp.PlanError) -> None:
    # Errors cross process boundaries (multiprocessing, pytest-xdist); they must rebuild.
    try:
        clone = pickle.loads(pickle.dumps(err))
    except TypeError as exc:  # pragma: no cover - reported as a failure below
        pytest.fail(f"{type(err).__name__} cannot be unpickled: {exc}")
    assert type(clone) is type(err)
    assert str(clone) == str(err)
    assert clone.args == err.args
    for attr in ("text", "problems", "kind", "name", "suggestions"):
        assert getattr(clone, attr, None) == getattr(err, attr, None)


@pytest.mark.parametrize(
    ("call", "arg"),
    [
        (atp.parse_deadline, None),
        (atp.parse_deadline, 2015),
        (atp.parse_deadline, b"Q4 2015"),
        (codec.loads_plan, None),
        (codec.loads_plan, 42),
        (atp.load_plan, 42),
        (PLAN.activities.under, 1),
        (PLAN.activities.search, None),
        (PLAN.registry.get, 5),
    ],
)
def test_wrong_argument_types_stay_plain_type_errors(call: Any, arg: object) -> None:
    with pytest.raises(TypeError) as info:
        call(arg)
    assert not isinstance(info.value, atp.PlanError)
    assert type(arg).__name__ in str(info.value)


def test_institution_lookup_with_a_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError) as info:
        PLAN.institution(42)  # type: ignore[arg-type]
    assert not isinstance(info.value, atp.PlanError)


@pytest.mark.parametrize(
    ("call", "arg"),
    [
        (PLAN.activity, None),
        (PLAN.objective, 2),
        (PLAN.activities.lookup, 1.1),
        (PLAN.activities.get, 1.1),
    ],
    ids=[
        "Plan.activity(None)",
        "Plan.objective(2)",
        "Activities.lookup(1.1)",
        "Activities.get(1.1)",
    ],
)
def test_lookups_by_code_reject_non_strings(call: Any, arg: object) -> None:
    try:
        call(arg)
    except TypeError:
        return
    except atp.UnknownNameError as err:
        raise AssertionError(f"UnknownNameError instead of TypeError: {err}") from None
    pytest.fail(f"{call.__name__}({arg!r}) was accepted")


def test_a_plan_built_in_code_is_checked_whole() -> None:
    acts = list(PLAN.activities)
    stray = attrs.evolve(acts[0], code="9.9.9")
    foreign = attrs.evolve(acts[1], responsible=(atp.Institution("NOPE"),))
    with pytest.raises(atp.PlanIntegrityError) as info:
        PLAN.evolve(activities=(*acts, acts[0], stray, foreign))
    problems = info.value.problems
    assert any(p.startswith("duplicate activity code '1.1.1' (first at") for p in problems)
    assert any("'9.9.9' is under specific objective '9.9'" in p for p in problems)
    assert any("names institution 'NOPE'" in p for p in problems)
    assert isinstance(info.value, ValueError)
    restored = pickle.loads(pickle.dumps(info.value))
    assert restored.problems == problems


@pytest.mark.parametrize(
    "call",
    [
        lambda: aggregate.workload(None),  # type: ignore[arg-type]
        lambda: aggregate.quality_report("x"),  # type: ignore[arg-type]
        lambda: aggregate.cost_summary(5),  # type: ignore[arg-type]
        lambda: aggregate.timeline([], 2015, 2019),  # type: ignore[arg-type]
        lambda: PLAN.activities.difference("x"),  # type: ignore[arg-type]
        lambda: PLAN.activities.intersection([1, 2]),  # type: ignore[list-item]
    ],
    ids=["workload", "quality_report", "cost_summary", "timeline", "difference", "intersection"],
)
def test_aggregations_and_set_operations_refuse_wrong_types(call: Any) -> None:
    with pytest.raises(TypeError):
        call()


def test_aggregations_take_activities_and_name_them_when_given_a_plan() -> None:
    with pytest.raises(TypeError, match=r"such as plan\.activities"):
        aggregate.quality_report(PLAN)  # type: ignore[arg-type]
    assert PLAN.quality_report() == aggregate.quality_report(PLAN.activities)
    assert PLAN.cost_summary() == aggregate.cost_summary(PLAN.activities, PLAN.cost_fragments)


def test_due_in_refuses_years_out_of_range() -> None:
    with pytest.raises(ValueError, match="year must be from 1 to 9999"):
        PLAN.activities.due_in(10**20)
