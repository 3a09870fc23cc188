"""Immutability all the way down: no ordinary mutation of anything the library returns
succeeds, equal objects hash equal, plans can be shared across threads, and the bundled
plan cannot be corrupted by a user's code.

``object.__setattr__`` is out of scope (it bypasses any Python-level protection).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from importlib import resources
from typing import Any

import attrs
import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import codec

PLAN = atp.load_plan()
# The bundled plan attaches no cost to any activity, so one is attached here.
COST = atp.Cost("5,000 (donors)", 5000, [atp.FundingSource.DONORS])
_TARGET = next(a for a in PLAN.activities if a.responsible and a.deadline and a.notes)
WITH_COST = PLAN.evolve(
    activities=[attrs.evolve(a, cost=COST) if a is _TARGET else a for a in PLAN.activities]
)
BUNDLED_TEXT = (
    resources.files("antitrafficking_plan")
    .joinpath("data")
    .joinpath("kosovo_2015_2019.json")
    .read_text()
)

MUTATING_METHODS = (
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "popitem",
    "clear",
    "update",
    "setdefault",
    "sort",
    "reverse",
    "add",
    "discard",
    "__setitem__",
    "__delitem__",
    "__iadd__",
    "__imul__",
    "__ior__",
)


# -- walking everything reachable from a value -----------------------------------------
def reachable(root: object) -> Iterator[object]:
    """Every object reachable from ``root`` through attrs fields, tuples and mappings
    (each once; enums, dates and strings are leaves)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, (str, int, float, date, type(None))):
            continue
        seen.add(id(obj))
        yield obj
        if attrs.has(type(obj)):
            stack.extend(getattr(obj, f.name) for f in attrs.fields(type(obj)))  # type: ignore[arg-type]
        elif isinstance(obj, Mapping):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, (tuple, atp.Activities)):
            stack.extend(obj)


def assert_frozen(obj: object) -> None:
    """Every ordinary way of changing ``obj`` fails with the specific exception."""
    cls = type(obj)
    if attrs.has(cls):
        for f in attrs.fields(cls):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(obj, f.name, None)
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                delattr(obj, f.name)
        with pytest.raises((attrs.exceptions.FrozenInstanceError, AttributeError)):
            obj.brand_new = 1  # type: ignore[attr-defined]
        assert not hasattr(obj, "__dict__"), f"{cls.__name__} instances have a __dict__"
    elif isinstance(obj, tuple) or cls.__module__.startswith("antitrafficking_plan"):
        for name in MUTATING_METHODS:
            assert not hasattr(obj, name), f"{cls.__name__} has {name}"
        with pytest.raises(AttributeError):
            obj.brand_new = 1  # type: ignore[attr-defined]
        for slot in getattr(cls, "__slots__", ()):
            with pytest.raises(AttributeError):
                setattr(obj, slot, None)
            with pytest.raises(AttributeError):
                delattr(obj, slot)
    else:
        raise AssertionError(f"unexpected kind of object returned: {cls!r}")
    if isinstance(obj, (tuple, Mapping, atp.Activities)) and len(obj):
        key = next(iter(obj.keys())) if isinstance(obj, Mapping) else 0
        with pytest.raises(TypeError):
            obj[key] = None  # type: ignore[index]
        with pytest.raises(TypeError):
            del obj[key]  # type: ignore[union-attr]


def test_everything_reachable_from_the_plan_is_frozen() -> None:
    kinds: set[str] = set()
    for obj in reachable(WITH_COST):
        assert_frozen(obj)
        kinds.add(type(obj).__name__)
    expected = {
        "Plan",
        "StrategicObjective",
        "SpecificObjective",
        "Activity",
        "Institution",
        "Note",
        "Provenance",
        "Cost",
        "CostFragment",
        "SourceReference",
        "TextRepair",
        "Deadline",
        "Activities",
        "tuple",
    }
    assert expected <= kinds, expected - kinds
    assert_frozen(PLAN.registry)


def test_every_collection_of_the_model_is_a_tuple() -> None:
    for obj in reachable(PLAN):
        if attrs.has(type(obj)):
            for f in attrs.fields(type(obj)):  # type: ignore[arg-type]
                value = getattr(obj, f.name)
                assert not isinstance(value, (list, dict, set, bytearray)), (type(obj), f.name)


# -- explicit, per kind, so a failure names what broke --------------------------------
def test_plan() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PLAN.title = "changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PLAN.activities = PLAN.activities  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del PLAN.institutions
    with pytest.raises(AttributeError):
        PLAN.activities.append(PLAN.activities[0])  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        PLAN.strategic_objectives.append(PLAN.strategic_objectives[0])  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        PLAN.institutions[0] = PLAN.institutions[1]  # type: ignore[index]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PLAN.registry = atp.InstitutionRegistry(())  # type: ignore[misc]


def test_activity_and_its_parts() -> None:
    activity = next(a for a in WITH_COST.activities if a.responsible and a.cost and a.deadline)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        activity.description = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        activity.responsible[0] = PLAN.institutions[0]  # type: ignore[index]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        activity.responsible[0].name = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        activity.responsible[0].aliases.append("x")  # type: ignore[attr-defined]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        activity.deadline.due = date(2099, 1, 1)  # type: ignore[misc,union-attr]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        activity.cost.amount = 1  # type: ignore[misc,union-attr]
    with pytest.raises(AttributeError):
        activity.cost.sources.append(atp.FundingSource.BUDGETED)  # type: ignore[union-attr]
    assert type(COST.sources) is tuple
    with pytest.raises(TypeError):
        activity.provenance.lines[0] = 0  # type: ignore[index]
    note = next(n for a in PLAN.activities for n in a.notes)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        note.text = "x"  # type: ignore[misc]


def test_other_records() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PLAN.source.title = "x"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PLAN.cost_fragments[0].line = 0  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PLAN.repairs[0].as_read = "x"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PLAN.specific_objectives[0].code = "9.9"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PLAN.strategic_objectives[0].title_pieces = ()  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PLAN.period.kind = atp.DeadlineKind.ONGOING  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        atp.parse_deadline("Q4 2015").start = None  # type: ignore[misc]


def test_activities_collection() -> None:
    acts = PLAN.activities.under("1")
    with pytest.raises(TypeError):
        acts[0] = acts[1]  # type: ignore[index]
    with pytest.raises(TypeError):
        del acts[0]  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        acts[0:1] = []  # type: ignore[index]
    with pytest.raises(AttributeError):
        acts.clear()  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        acts._got = ()
    with pytest.raises(AttributeError):
        del acts._got
    with pytest.raises(AttributeError):
        del acts._registry
    assert len(acts) == len(PLAN.activities.under("1")) > 0


def test_institution_registry() -> None:
    registry = PLAN.registry
    with pytest.raises(TypeError):
        registry["MLSW"] = registry["MIA"]  # type: ignore[index]
    with pytest.raises(TypeError):
        del registry["MLSW"]  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        registry.update({})  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        registry.pop("MLSW")  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        registry._by_code = {}
    with pytest.raises(AttributeError):
        del registry._by_code  # used to succeed and break the registry
    with pytest.raises(AttributeError):
        del registry._by_key
    with pytest.raises(TypeError):
        registry._by_code["X"] = registry["MLSW"]  # type: ignore[index]
    assert PLAN.institution("MLSW") is registry["MLSW"]


# -- aggregations (present when the collection module provides them) --------------------
def _aggregates() -> list[tuple[str, object]]:
    acts = PLAN.activities
    found: list[tuple[str, object]] = []
    for key in getattr(atp, "KEY_NAMES", ()):
        if hasattr(acts, "count_by"):
            found.append((f"count_by({key!r})", acts.count_by(key)))
        if hasattr(acts, "group_by"):
            found.append((f"group_by({key!r})", acts.group_by(key)))
    if hasattr(acts, "count_by"):
        found.append(("count_by(fn)", acts.count_by(lambda a: a.code[0])))
    for name, call in (
        ("workload", lambda: PLAN.workload()),
        ("workload(specific)", lambda: PLAN.workload("specific")),
        ("timeline", lambda: PLAN.timeline()),
        ("timeline(quarter)", lambda: PLAN.timeline("quarter")),
        ("cost_summary", lambda: PLAN.cost_summary()),
        ("quality_report", lambda: PLAN.quality_report()),
    ):
        if hasattr(PLAN, name.split("(")[0]):
            found.append((name, call()))
    return found


AGGREGATES = _aggregates()


@pytest.mark.skipif(not AGGREGATES, reason="no aggregations in this version")
@pytest.mark.parametrize(("name", "result"), AGGREGATES, ids=[n for n, _ in AGGREGATES])
def test_aggregation_results_are_frozen_all_the_way_down(name: str, result: object) -> None:
    for obj in reachable(result):
        assert_frozen(obj)


@pytest.mark.skipif(not hasattr(PLAN.activities, "count_by"), reason="no count_by yet")
def test_counts_and_groups_explicitly() -> None:
    counts = PLAN.activities.count_by("strategic_objective")
    groups = PLAN.activities.group_by("strategic_objective")
    for mapping in (counts, groups):
        key = next(iter(mapping))
        with pytest.raises(TypeError):
            mapping[key] = 0  # type: ignore[index]
        with pytest.raises(TypeError):
            del mapping[key]  # type: ignore[union-attr]
        with pytest.raises(AttributeError):
            mapping.update({})  # type: ignore[union-attr]
        with pytest.raises(AttributeError):
            mapping.clear()  # type: ignore[union-attr]
        with pytest.raises(AttributeError):
            mapping._data = {}
        with pytest.raises(AttributeError):
            del mapping._data
    with pytest.raises(TypeError):
        groups["1"][0] = groups["1"][1]  # type: ignore[index]
    # A second call gives the same answer: nothing was changed through the first.
    assert dict(PLAN.activities.count_by("strategic_objective")) == dict(counts)


# -- equality and hashing ----------------------------------------------------------------
def test_equal_objects_hash_equal() -> None:
    fresh = codec.loads_plan(BUNDLED_TEXT)
    assert fresh is not PLAN
    assert fresh == PLAN
    assert hash(fresh) == hash(PLAN)
    pairs = [
        (PLAN.activities, fresh.activities),
        (PLAN.activities[5], fresh.activities[5]),
        (PLAN.institutions[3], fresh.institutions[3]),
        (PLAN.specific_objectives[0], fresh.specific_objectives[0]),
        (PLAN.strategic_objectives[0], fresh.strategic_objectives[0]),
        (PLAN.notes[0], fresh.notes[0]),
        (PLAN.activities[0].provenance, fresh.activities[0].provenance),
        (PLAN.cost_fragments[0], fresh.cost_fragments[0]),
        (PLAN.source, fresh.source),
        (PLAN.repairs[0], fresh.repairs[0]),
        # Readers of files parse each distinct deadline text once (one immutable object
        # serves every plan): parse_deadline itself makes a new one.
        (PLAN.period, atp.parse_deadline(str(fresh.period))),
        (atp.parse_deadline("June 2016"), atp.parse_deadline("06/2016")),
    ]
    for a, b in pairs:
        assert a is not b
        assert a == b
        assert hash(a) == hash(b)
    # Every domain object reachable from the plan is hashable.
    for obj in reachable(PLAN):
        if attrs.has(type(obj)) or isinstance(obj, (tuple, atp.Activities)):
            hash(obj)
    assert len({PLAN, fresh}) == 1


def test_plans_are_usable_as_keys_and_in_sets() -> None:
    by_activity = {a: a.code for a in PLAN.activities}
    assert len(by_activity) == len(PLAN.activities)
    assert len(set(PLAN.institutions)) == len(PLAN.institutions)


# -- threads ------------------------------------------------------------------------------
def _queries(plan: atp.Plan) -> list[Any]:
    acts = plan.activities
    answers: list[Any] = [
        acts.involving("MLSW").codes,
        acts.involving("MIA", role="responsible").codes,
        acts.under("2").codes,
        acts.due_between(date(2016, 1, 1), date(2016, 12, 31)).codes,
        acts.due_in(2015, 4).codes,
        acts.overdue(date(2017, 1, 1)).codes,
        acts.without_due_date().codes,
        acts.search("child").codes,
        plan.institution("ministry of labour and social welfare").code,
        plan.activity("2.3.8").code,
        [a.code for a in acts if a.deadline is not None and a.deadline.is_ongoing],
    ]
    if hasattr(acts, "count_by"):
        answers.append(list(acts.count_by("responsible").items()))
        answers.append([(k, v.codes) for k, v in acts.group_by("deadline_year").items()])
    return answers


def test_eight_threads_querying_one_plan_get_identical_answers() -> None:
    # A fresh plan, so that the lazily built indexes are built under contention.
    shared = codec.loads_plan(BUNDLED_TEXT)
    expected = _queries(codec.loads_plan(BUNDLED_TEXT))
    barrier = threading.Barrier(8)
    results: list[list[Any] | BaseException] = [[] for _ in range(8)]

    def worker(slot: int) -> None:
        try:
            barrier.wait()
            for _ in range(5):
                answers = _queries(shared)
                assert answers == expected
            results[slot] = answers
        except BaseException as exc:  # reported below with the others
            results[slot] = exc

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert all(not t.is_alive() for t in threads)
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, errors
    assert all(r == expected for r in results)


def test_threads_loading_the_bundled_plan_get_one_object() -> None:
    found: list[atp.Plan] = []
    lock = threading.Lock()

    def worker() -> None:
        plan = atp.load_plan()
        with lock:
            found.append(plan)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(found) == 8
    assert all(p is found[0] for p in found)


# -- the bundled dataset cannot be corrupted ----------------------------------------------
def _attempt_corruption(plan: atp.Plan) -> int:
    """Try many ways of changing the plan; return how many raised (all should)."""
    attempts: list[Callable[[], object]] = [
        lambda: setattr(plan, "title", "x"),
        lambda: setattr(plan.activities[0], "code", "9.9.9"),
        lambda: plan.activities.__setattr__("_got", ()),
        lambda: plan.registry.__delattr__("_by_code"),
        lambda: plan.institutions[0].aliases.__iadd__(("x",)),  # type: ignore[attr-defined]
        lambda: plan.to_dict(),  # type: ignore[attr-defined]
        lambda: plan.activities[0].provenance.notes.append(None),  # type: ignore[attr-defined]
        lambda: plan.source.__delattr__("title"),
        lambda: plan.period.__setattr__("due", None),
    ]
    raised = 0
    for attempt in attempts:
        try:
            attempt()
        except (AttributeError, TypeError):
            raised += 1
    return raised


def test_the_bundled_plan_cannot_be_corrupted_by_user_code() -> None:
    before = codec.dumps_plan(atp.load_plan())
    assert _attempt_corruption(atp.load_plan()) == 9
    # Changing what the library hands out as plain data does not reach the plan.
    as_dict = codec.plan_to_dict(atp.load_plan())
    as_dict["plan"]["activities"].clear()
    as_dict["plan"]["title"] = "changed"
    assert atp.load_plan() is PLAN
    assert atp.load_plan() == codec.loads_plan(BUNDLED_TEXT)
    assert codec.dumps_plan(atp.load_plan()) == before == BUNDLED_TEXT
    assert json.loads(BUNDLED_TEXT)["plan"]["title"] == PLAN.title


def test_evolve_makes_a_new_plan_and_leaves_the_bundled_one_alone() -> None:
    changed = PLAN.evolve(title="Another plan")
    assert changed.title == "Another plan"
    assert PLAN.title != "Another plan"
    assert atp.load_plan() == codec.loads_plan(BUNDLED_TEXT)
