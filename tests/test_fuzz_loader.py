"""Fuzzing the loader: arbitrary JSON, and the bundled plan's JSON broken in random ways.

Whatever goes in, only a :class:`PlanLoadError` may come out; and whatever is accepted is a
plan that passes the integrity checks below (written here, independently of the codec).
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import re
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import antitrafficking_plan as atp
from antitrafficking_plan import codec
from antitrafficking_plan.codec import FORMAT_NAME
from fuzzing import FUZZ, attempt

BUNDLED_TEXT = (
    resources.files("antitrafficking_plan")
    .joinpath("data")
    .joinpath("kosovo_2015_2019.json")
    .read_text()
)
BUNDLED: dict[str, Any] = json.loads(BUNDLED_TEXT)

Json = Any


# -- the integrity checker ----------------------------------------------------------------
def check_integrity(plan: atp.Plan) -> None:
    """Everything an accepted plan guarantees, checked from the outside."""
    assert isinstance(plan, atp.Plan)
    strategic = [o.code for o in plan.strategic_objectives]
    specific = [o.code for o in plan.specific_objectives]
    activities = [a.code for a in plan.activities]
    institutions = [i.code for i in plan.institutions]
    for codes in (strategic, specific, activities, institutions):
        assert len(set(codes)) == len(codes), f"duplicate codes in {codes}"
    assert all(re.fullmatch(r"\d+", c) for c in strategic)
    for code in specific:
        assert re.fullmatch(r"\d+\.\d+", code)
        assert code.split(".")[0] in strategic
    for activity in plan.activities:
        assert re.fullmatch(r"\d+\.\d+\.\d+", activity.code)
        assert activity.specific_objective_code in specific
        assert plan.objective(activity.specific_objective_code).code in specific
        assert plan.activity(activity.code) is activity
        for inst in (*activity.responsible, *activity.supporting):
            assert isinstance(inst, atp.Institution)
            assert plan.registry[inst.code] == inst
            assert inst in plan.institutions
        assert activity.deadline is None or isinstance(activity.deadline, atp.Deadline)
        if activity.cost is not None:
            assert all(isinstance(s, atp.FundingSource) for s in activity.cost.sources)
        assert all(isinstance(n.confidence, atp.Confidence) for n in activity.notes)
    for inst in plan.institutions:
        assert inst.code.strip()
        assert isinstance(inst.kind, atp.InstitutionKind)
        assert plan.institution(inst.code) is plan.registry[inst.code]
        assert plan.registry[inst.code] == inst
    assert isinstance(plan.period, atp.Deadline)
    assert len(plan.registry) == len(plan.institutions)
    # What was accepted is written back and read again unchanged.
    assert codec.loads_plan(codec.dumps_plan(plan)) == plan


def check_loader(*loads: Callable[[], atp.Plan]) -> atp.Plan | None:
    """Run each of ``loads`` (the same input through different entry points): all give
    equal plans passing the checks, or all raise a PlanLoadError whose problems each name
    a JSON path. Any other exception fails the test."""
    outcomes = [attempt(load, atp.PlanLoadError) for load in loads]
    errors = [err for _, err in outcomes if err is not None]
    if errors:
        assert len(errors) == len(outcomes), "one entry point accepted what another refused"
        for err in errors:
            assert str(err)
            for problem in err.problems:
                assert " @ $" in problem, problem
        assert len({err.problems for err in errors}) == 1, "entry points disagree"
        return None
    plan = outcomes[0][0]
    assert plan is not None
    assert all(other == plan for other, _ in outcomes[1:])
    check_integrity(plan)
    return plan


def test_the_checker_accepts_the_bundled_plan_and_catches_a_broken_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = atp.load_plan()
    check_integrity(plan)
    # Build broken plans behind the library's back (Plan refuses them itself) to show the
    # checker can fail.
    monkeypatch.setattr("antitrafficking_plan.plan.integrity_problems", lambda _: [])
    broken = plan.evolve(specific_objectives=plan.specific_objectives[1:])
    with pytest.raises(AssertionError):
        check_integrity(broken)
    doubled = plan.evolve(activities=(*plan.activities, plan.activities[0]))
    with pytest.raises(AssertionError):
        check_integrity(doubled)


# -- arbitrary JSON -----------------------------------------------------------------------
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.text(max_size=10), children, max_size=5),
    ),
    max_leaves=30,
)
PLAN_KEYS = sorted(BUNDLED["plan"])
envelopes = st.fixed_dictionaries(
    {
        "format": st.just(FORMAT_NAME),
        "format_version": st.sampled_from([1, 1, 1, 0, 2, -1, True, 1.0]),
        "plan": st.dictionaries(
            st.one_of(st.sampled_from(PLAN_KEYS), st.text(max_size=5)), json_values, max_size=12
        ),
    }
)


@FUZZ
@given(st.one_of(json_values, envelopes))
@example({})
@example({"format": FORMAT_NAME, "format_version": 1, "plan": {}})
@example({"format": FORMAT_NAME, "format_version": 10**400, "plan": {}})
def test_arbitrary_json_is_rejected_cleanly(value: Json) -> None:
    check_loader(lambda: codec.loads_plan(json.dumps(value)), lambda: codec.plan_from_dict(value))


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes_are_rejected_cleanly(blob: bytes) -> None:
    check_loader(lambda: codec.loads_plan(blob))


# -- mutations of the bundled plan --------------------------------------------------------
Path_ = tuple[Any, ...]


def _paths(node: Json, path: Path_ = ()) -> list[Path_]:
    found = [path]
    if isinstance(node, dict):
        for key, child in node.items():
            found.extend(_paths(child, (*path, key)))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found.extend(_paths(child, (*path, index)))
    return found


ALL_PATHS = _paths(BUNDLED)[1:]


def _get(node: Json, path: Path_) -> Json:
    for key in path:
        node = node[key]
    return node


DICT_PATHS = [p for p in _paths(BUNDLED) if isinstance(_get(BUNDLED, p), dict)]
LIST_PATHS = [p for p in ALL_PATHS if isinstance(_get(BUNDLED, p), list)]
STRING_PATHS = [p for p in ALL_PATHS if isinstance(_get(BUNDLED, p), str)]
CODE_PATHS = [p for p in ALL_PATHS if p[-1] == "code" and len(p) == 4]

OTHER_TYPE: dict[type, list[Json]] = {
    str: [1, None, [], {}, True, 2.5],
    int: ["1", None, 1.5, True, [], {}],
    bool: [1, "true", None],
    float: [1, "x", None],
    type(None): ["", 0, [], {}, False],
    list: ["", {}, None, 0, "[]"],
    dict: [[], "", None, 0],
}

garbage = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "Q5 2015", "2015-2014", "null", "\x00", "9.9.9", "1..1", "MLSW "]),
)


Op = tuple[str, Path_, Any]
operations = st.one_of(
    st.tuples(st.just("drop"), st.sampled_from(ALL_PATHS), st.none()),
    st.tuples(st.just("retype"), st.sampled_from(ALL_PATHS), st.integers(0, 5)),
    st.tuples(st.just("duplicate"), st.sampled_from(CODE_PATHS), st.integers(0, 100)),
    st.tuples(st.just("garbage"), st.sampled_from(STRING_PATHS), garbage),
    st.tuples(st.just("empty"), st.sampled_from(LIST_PATHS), st.none()),
    st.tuples(
        st.just("extra"), st.sampled_from(DICT_PATHS), st.tuples(st.text(max_size=8), scalars)
    ),
    st.tuples(st.just("swap"), st.sampled_from(STRING_PATHS), st.sampled_from(STRING_PATHS)),
)


def apply(data: Json, op: Op) -> None:
    """Apply one mutation to ``data`` in place.

    Raises KeyError, IndexError or TypeError when an earlier mutation removed or retyped
    what this one aims at.
    """
    kind, path, arg = op
    if kind == "empty":
        _get(data, path).clear()
        return
    if kind == "extra":
        key, value = arg
        _get(data, path)[key] = value
        return
    parent = _get(data, path[:-1])
    if kind == "drop":
        del parent[path[-1]]
    elif kind == "retype":
        choices = OTHER_TYPE[type(parent[path[-1]])]
        parent[path[-1]] = choices[arg % len(choices)]
    elif kind == "duplicate":
        siblings = _get(data, path[:-2])
        parent["code"] = siblings[arg % len(siblings)]["code"]
    elif kind == "garbage":
        parent[path[-1]] = arg
    else:  # swap: another field's text, e.g. a title where a deadline belongs
        parent[path[-1]] = _get(BUNDLED, arg)


@FUZZ
@given(st.lists(operations, min_size=1, max_size=3))
def test_mutated_bundled_plan_is_rejected_or_sound(ops: list[Op]) -> None:
    data = json.loads(BUNDLED_TEXT)
    for op in ops:
        with contextlib.suppress(KeyError, IndexError, TypeError):
            apply(data, op)
    check_loader(lambda: codec.loads_plan(json.dumps(data)), lambda: codec.plan_from_dict(data))


@settings(FUZZ, max_examples=100)
@given(st.sampled_from(CODE_PATHS), st.data())
def test_a_duplicated_code_is_always_rejected(path: Path_, data: st.DataObject) -> None:
    plan_data = json.loads(BUNDLED_TEXT)
    siblings = _get(plan_data, path[:-2])
    index = path[-2]
    other = data.draw(st.integers(0, len(siblings) - 1).filter(lambda i: i != index))
    siblings[index]["code"] = siblings[other]["code"]
    with pytest.raises(atp.PlanLoadError) as info:
        codec.plan_from_dict(plan_data)
    where = f"@ $.plan.{path[1]}[{max(index, other)}].code"
    problems = info.value.problems
    assert any("duplicate" in p and p.endswith(where) for p in problems), problems


def _plan_get(plan: atp.Plan, path: Path_) -> Any:
    node: Any = plan
    for key in path:
        node = node[key] if isinstance(key, int) else getattr(node, key)
    return node


@settings(FUZZ, max_examples=100)
@given(st.sampled_from(STRING_PATHS), garbage)
def test_garbage_in_one_string_is_rejected_or_sound(path: Path_, text: str) -> None:
    data = json.loads(BUNDLED_TEXT)
    _get(data, path[:-1])[path[-1]] = text
    plan = check_loader(lambda: codec.plan_from_dict(data))
    if plan is None:
        return
    # Accepted garbage lands exactly where it was put (texts) or was read as a deadline.
    if path[-1] == "deadline":
        assert isinstance(_plan_get(plan, path[1:]), atp.Deadline)
    elif path[-1] in ("description", "title", "issuer", "raw") and text:
        assert _plan_get(plan, path[1:]) == text


def test_float_edge_values_are_rejected() -> None:
    for value in (math.nan, math.inf, -math.inf, 1e308):
        data = json.loads(BUNDLED_TEXT)
        data["plan"]["cost_fragments"][0]["amount"] = value
        assert check_loader(functools.partial(codec.plan_from_dict, data)) is None
        assert check_loader(functools.partial(codec.loads_plan, json.dumps(data))) is None
