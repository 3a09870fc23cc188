"""Fuzzing name lookups: ``plan.institution(x)`` gives an Institution of the registry or an
UnknownNameError, never anything else; the same for activities and objectives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import antitrafficking_plan as atp
from fuzzing import FUZZ, attempt

PLAN = atp.load_plan()


KNOWN_NAMES = sorted({name for inst in PLAN.institutions for name in inst.names})
# Arbitrary text, and known names with noise around or inside them.
names = st.one_of(
    st.text(max_size=60),
    st.sampled_from(KNOWN_NAMES),
    st.tuples(st.sampled_from(KNOWN_NAMES), st.text(max_size=3), st.integers(0, 60)).map(
        lambda t: t[0][: t[2]] + t[1] + t[0][t[2] :]
    ),
)


def check_institution(name: str) -> None:
    found, err = attempt(lambda: PLAN.institution(name), atp.UnknownNameError)
    if err is not None:
        assert err.kind == "institution"
        assert err.name == name
        assert isinstance(err, KeyError)
        for code in err.suggestions:
            assert code in PLAN.registry  # suggestions are real codes
        assert repr(name) in str(err)
        assert PLAN.registry.get(name) is None
        return
    assert isinstance(found, atp.Institution)
    assert PLAN.registry[found.code] is found
    assert found in PLAN.institutions
    exact = PLAN.registry.get(name)
    # Either an exact name, or the first words of one entry's full name or alias.
    assert exact is found or (exact is None and len(found.names) > 1)


@FUZZ
@given(names)
@example("")
@example(" ")
@example("\x00")
@example("mlsw")
@example("M.L.S.W.")
@example("Municipalit ies")
@example("ministry of labour and social welfare")
@example("İ")  # casefold changes length
@example("ﬃ")  # NFKD expands ligatures
def test_institution_lookup_gives_an_institution_or_unknown_name_error(name: str) -> None:
    check_institution(name)


@FUZZ
@given(st.sampled_from(PLAN.institutions), st.sampled_from(["upper", "lower", "spaced"]))
def test_every_name_of_an_institution_finds_it(inst: atp.Institution, variant: str) -> None:
    # A code always wins; a name or alias finds its entry unless another entry's code or
    # name claims the same spelling first.
    assert PLAN.institution(inst.code) is inst
    for name in inst.names:
        changed = {"upper": name.upper(), "lower": name.lower(), "spaced": f"  {name} "}[variant]
        assert PLAN.institution(changed) is PLAN.institution(name)


@FUZZ
@given(names, st.sampled_from([None, "responsible", "supporting"]))
def test_involving_gives_activities_or_unknown_name_error(name: str, role: str | None) -> None:
    acts, err = attempt(
        lambda: PLAN.activities.involving(name, role=role),  # type: ignore[arg-type]
        atp.UnknownNameError,
    )
    if err is not None:
        assert err.name == name
        return
    inst = PLAN.institution(name)
    assert isinstance(acts, atp.Activities)
    for activity in acts:
        holders = {
            None: activity.institutions,
            "responsible": activity.responsible,
            "supporting": activity.supporting,
        }[role]
        assert inst in holders


codes = st.one_of(
    st.text(max_size=12),
    st.text(alphabet="0123456789. ", max_size=8),
    st.sampled_from([a.code for a in PLAN.activities]),
)


@FUZZ
@given(codes)
@example("1.1.1")
@example("")
def test_activity_and_objective_lookups(code: str) -> None:
    activity, err = attempt(lambda: PLAN.activity(code), atp.UnknownNameError)
    if err is not None:
        assert err.name == code
        assert all(PLAN.activities.get(c) is not None for c in err.suggestions)
    else:
        assert activity is not None
        assert activity.code == code
    objective, err = attempt(lambda: PLAN.objective(code), atp.UnknownNameError)
    if err is not None:
        assert err.kind == "objective"
    else:
        assert isinstance(objective, (atp.StrategicObjective, atp.SpecificObjective))


@FUZZ
@given(st.one_of(st.none(), st.integers(), st.floats(), st.binary(max_size=8), st.tuples()))
def test_non_string_names_are_type_errors(value: object) -> None:
    lookups: tuple[Callable[[Any], object], ...] = (
        PLAN.institution,
        PLAN.registry.get,
        PLAN.activities.involving,
    )
    for lookup in lookups:
        with pytest.raises(TypeError) as info:
            lookup(value)
        assert not isinstance(info.value, atp.PlanError)
