"""The integrity rules exist once: a plan built in code and the same plan read from a
file, with the same rule broken, give the same messages (paths included)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import attrs
import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import codec
from antitrafficking_plan.integrity import PlanFacts, facts_of_data, facts_of_objects, problems

PLAN = atp.load_plan()
DATA = codec.plan_to_dict(PLAN)


def _in_code(change: Callable[[atp.Plan], dict[str, Any]]) -> tuple[str, ...]:
    with pytest.raises(atp.PlanIntegrityError) as info:
        PLAN.evolve(**change(PLAN))
    return info.value.problems


def _in_file(change: Callable[[dict[str, Any]], None]) -> tuple[str, ...]:
    data = copy.deepcopy(DATA)
    change(data["plan"])
    with pytest.raises(atp.PlanLoadError) as info:
        codec.plan_from_dict(data)
    return info.value.problems


def _rename(inst: atp.Institution, **changes: Any) -> atp.Institution:
    return attrs.evolve(inst, **changes)


def _share_alias(body: dict[str, Any]) -> None:
    body["institutions"][0]["aliases"].append("Shared")
    body["institutions"][1]["aliases"].append("shared")
    body["activities"] = []


CASES: dict[str, tuple[Callable[[atp.Plan], dict[str, Any]], Callable[[dict[str, Any]], None]]] = {
    "duplicate activity code": (
        lambda p: {"activities": (*p.activities, p.activities[0])},
        lambda d: d["activities"].append(d["activities"][0]),
    ),
    "activity outside the hierarchy": (
        lambda p: {
            "activities": (*p.activities[:-1], attrs.evolve(p.activities[-1], code="9.9.9"))
        },
        lambda d: d["activities"][-1].update(code="9.9.9"),
    ),
    "zero-padded activity code": (
        lambda p: {"activities": (attrs.evolve(p.activities[0], code="1.1.01"), *p.activities[1:])},
        lambda d: d["activities"][0].update(code="1.1.01"),
    ),
    "specific objective under no strategic one": (
        lambda p: {"strategic_objectives": p.strategic_objectives[:-1]},
        lambda d: d["strategic_objectives"].pop(),
    ),
    "a name shared by two institutions": (
        lambda p: {
            "institutions": (
                _rename(p.institutions[0], aliases=(*p.institutions[0].aliases, "Shared")),
                _rename(p.institutions[1], aliases=(*p.institutions[1].aliases, "shared")),
                *p.institutions[2:],
            ),
            "activities": (),
        },
        _share_alias,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_plan_in_code_and_a_file_break_a_rule_with_the_same_message(case: str) -> None:
    in_code, in_file = CASES[case]
    assert _in_code(in_code) == _in_file(in_file)
    assert all(" @ $.plan." in problem for problem in _in_code(in_code))


def test_the_facts_of_a_plan_and_of_its_file_are_the_same() -> None:
    body = DATA["plan"]
    from_objects = facts_of_objects(
        PLAN.strategic_objectives, PLAN.specific_objectives, PLAN.activities, PLAN.institutions
    )
    assert from_objects == facts_of_data(body)
    assert problems(from_objects) == []


def test_an_activity_holding_a_changed_copy_of_a_registry_entry_is_refused() -> None:
    acts = list(PLAN.activities)
    n = next(i for i, a in enumerate(acts) if a.responsible)
    changed = _rename(acts[n].responsible[0], name="Someone else")
    acts[n] = attrs.evolve(acts[n], responsible=(changed,))
    with pytest.raises(atp.PlanIntegrityError, match="differs from the registry's entry"):
        PLAN.evolve(activities=acts)


def test_rules_read_only_the_facts() -> None:
    facts = PlanFacts(
        strategic=(("$.a", "1"), ("$.b", "1")),
        institutions=(("$.c", "MoJ"), ("$.d", "M.O.J")),
        references=(("$.e", "1.1.1", "NOPE", True),),
    )
    found = problems(facts)
    assert found[0].startswith("duplicate strategic objective code '1' (first at $.a)")
    assert "'M.O.J' is looked up the same as 'MoJ'" in found[1]
    assert found[2].endswith("not in the plan's institutions registry @ $.e")
    assert len(found) == 3
