"""The plan's integrity rules, written once.

A plan is whole when its codes are unique and well formed, its objectives and activities
sit in its hierarchy, names find one institution only and every institution an activity
names is in its registry. The rules run over plain facts, each a value with the JSON path
where the file format holds it, so a :class:`~antitrafficking_plan.Plan` built in code
(:func:`facts_of_objects`) and a raw plan file (:func:`facts_of_data`) are checked by the
same code and get the same message, path included.

>>> facts = PlanFacts(
...     strategic=(("$.plan.strategic_objectives[0].code", "1"),),
...     specific=(("$.plan.specific_objectives[0].code", "2.1"),),
... )
>>> [problem] = problems(facts)
>>> problem.endswith("which the plan does not have @ $.plan.specific_objectives[0].code")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from .model import Activity, Institution, SpecificObjective, StrategicObjective
from .registry import normalize_name

__all__ = [
    "ACTIVITY_CODE",
    "SPECIFIC_CODE",
    "STRATEGIC_CODE",
    "PlanFacts",
    "facts_of_data",
    "facts_of_objects",
    "problems",
]

# Code parts are whole numbers written without leading zeros, so "1.1.01" cannot stand
# beside "1.1.1" as a second code for the same place.
#: An activity code: ``"1.2.3"``.
ACTIVITY_CODE = re.compile(r"[1-9][0-9]*\.[1-9][0-9]*\.[1-9][0-9]*\Z")
#: A specific objective code: ``"1.2"``.
SPECIFIC_CODE = re.compile(r"[1-9][0-9]*\.[1-9][0-9]*\Z")
#: A strategic objective code: ``"1"``.
STRATEGIC_CODE = re.compile(r"[1-9][0-9]*\Z")

_Coded = tuple[str, str]  # (path, code)


class PlanFacts(NamedTuple):
    """What the rules look at, each fact with its JSON path in the file format.

    ``names`` are ``(path, institution code, name)`` for every full name and alias;
    ``references`` are ``(path, activity code, institution code, known)`` for every
    institution an activity names, where ``known`` is False when the activity holds an
    institution that differs from the registry's entry of that code (possible only in
    code).
    """

    strategic: tuple[_Coded, ...] = ()
    specific: tuple[_Coded, ...] = ()
    activities: tuple[_Coded, ...] = ()
    institutions: tuple[_Coded, ...] = ()
    names: tuple[tuple[str, str, str], ...] = ()
    references: tuple[tuple[str, str, str, bool], ...] = ()


def facts_of_objects(
    strategic: Sequence[StrategicObjective],
    specific: Sequence[SpecificObjective],
    activities: Sequence[Activity],
    institutions: Sequence[Institution],
) -> PlanFacts:
    """The facts of a plan's parts built in code (paths as a file would hold them)."""
    registry = {i.code: i for i in institutions}
    references: list[tuple[str, str, str, bool]] = []
    for n, activity in enumerate(activities):
        for role in ("responsible", "supporting"):
            for m, inst in enumerate(getattr(activity, role)):
                known = registry.get(inst.code)
                same = known is inst or (known is not None and known == inst)
                references.append(
                    (f"$.plan.activities[{n}].{role}[{m}]", activity.code, inst.code, same)
                )
    names: list[tuple[str, str, str]] = []
    for n, inst in enumerate(institutions):
        if inst.name:
            names.append((f"$.plan.institutions[{n}].name", inst.code, inst.name))
        names.extend(
            (f"$.plan.institutions[{n}].aliases[{m}]", inst.code, alias)
            for m, alias in enumerate(inst.aliases)
        )
    return PlanFacts(
        strategic=_coded("strategic_objectives", (o.code for o in strategic)),
        specific=_coded("specific_objectives", (o.code for o in specific)),
        activities=_coded("activities", (a.code for a in activities)),
        institutions=_coded("institutions", (i.code for i in institutions)),
        names=tuple(names),
        references=tuple(references),
    )


def _coded(key: str, codes: Iterable[str]) -> tuple[_Coded, ...]:
    return tuple((f"$.plan.{key}[{n}].code", code) for n, code in enumerate(codes))


def facts_of_data(body: Mapping[str, Any]) -> PlanFacts:
    """The facts of a raw plan body (the file's ``"plan"`` object); entries whose values
    are not of the right type are left out (the structuring pass reports them)."""

    def entries(key: str) -> list[tuple[int, Mapping[str, Any]]]:
        found = body.get(key)
        if not isinstance(found, list):
            return []
        return [(n, e) for n, e in enumerate(found) if isinstance(e, dict)]

    def coded(key: str) -> tuple[_Coded, ...]:
        return tuple(
            (f"$.plan.{key}[{n}].code", e["code"])
            for n, e in entries(key)
            if isinstance(e.get("code"), str)
        )

    names: list[tuple[str, str, str]] = []
    for n, entry in entries("institutions"):
        code = entry.get("code")
        if not isinstance(code, str):
            continue
        name = entry.get("name")
        if isinstance(name, str):
            names.append((f"$.plan.institutions[{n}].name", code, name))
        aliases = entry.get("aliases")
        if isinstance(aliases, list):
            names.extend(
                (f"$.plan.institutions[{n}].aliases[{m}]", code, alias)
                for m, alias in enumerate(aliases)
                if isinstance(alias, str)
            )
    references: list[tuple[str, str, str, bool]] = []
    for n, entry in entries("activities"):
        code = entry.get("code")
        for role in ("responsible", "supporting"):
            refs = entry.get(role)
            if not isinstance(code, str) or not isinstance(refs, list):
                continue
            references.extend(
                (f"$.plan.activities[{n}].{role}[{m}]", code, ref, True)
                for m, ref in enumerate(refs)
                if isinstance(ref, str)
            )
    return PlanFacts(
        strategic=coded("strategic_objectives"),
        specific=coded("specific_objectives"),
        activities=coded("activities"),
        institutions=coded("institutions"),
        names=tuple(names),
        references=tuple(references),
    )


def problems(facts: PlanFacts) -> list[str]:
    """Every broken rule, each as ``"what is wrong @ JSON path"``, in a stable order."""
    found: list[str] = []
    for kind, codes in (
        ("strategic objective", facts.strategic),
        ("specific objective", facts.specific),
        ("activity", facts.activities),
        ("institution", facts.institutions),
    ):
        found.extend(_duplicates(kind, codes))
    found.extend(_names(facts))
    strategic = {code for _, code in facts.strategic}
    for where, code in facts.strategic:
        if not STRATEGIC_CODE.match(code):
            found.append(
                f"strategic objective code {code!r} is not a whole number such as '1' @ {where}"
            )
    specific = {code for _, code in facts.specific}
    for kind, parent_kind, coded, pattern, form, parents in (
        (
            "specific objective",
            "strategic objective",
            facts.specific,
            SPECIFIC_CODE,
            "1.2",
            strategic,
        ),
        ("activity", "specific objective", facts.activities, ACTIVITY_CODE, "1.2.3", specific),
    ):
        for where, code in coded:
            parent = code.rsplit(".", 1)[0]
            if not pattern.match(code):
                found.append(
                    f"{kind} code {code!r} is not of the form {form!r} "
                    f"(whole numbers, no leading zeros) @ {where}"
                )
            elif parent not in parents:
                found.append(
                    f"{kind} {code!r} is under {parent_kind} {parent!r}, "
                    f"which the plan does not have @ {where}"
                )
    registry = {code for _, code in facts.institutions}
    for where, activity, code, known in facts.references:
        if code not in registry:
            found.append(
                f"activity {activity!r} names institution {code!r}, which is not in the "
                f"plan's institutions registry @ {where}"
            )
        elif not known:
            found.append(
                f"activity {activity!r} names an institution {code!r} that differs from the "
                f"registry's entry of that code @ {where}"
            )
    return found


def _duplicates(kind: str, codes: Iterable[_Coded]) -> Iterable[str]:
    first: dict[str, str] = {}
    for where, code in codes:
        if code in first:
            yield (
                f"duplicate {kind} code {code!r} (first at {first[code]}); codes must be "
                f"unique @ {where}"
            )
        else:
            first[code] = where


def _names(facts: PlanFacts) -> list[str]:
    """Codes and names that lookups (which ignore case, spaces, hyphens, dots, slashes
    and end punctuation) would confuse, so that ``plan.institution(name)`` never picks
    one silently."""
    found: list[str] = []
    owners: dict[str, tuple[str, str]] = {}  # lookup key -> (code, where)
    for where, code in facts.institutions:
        if not code.strip():
            found.append(f"institution code {code!r} is empty; codes are non-empty text @ {where}")
            continue
        other, other_where = owners.setdefault(normalize_name(code), (code, where))
        if other != code:
            found.append(
                f"institution code {code!r} is looked up the same as {other!r} (at "
                f"{other_where}); codes must differ in more than case, spaces, hyphens, "
                f"dots, slashes and end punctuation @ {where}"
            )
    for where, code, name in facts.names:
        if not name.strip():
            continue  # blank names are refused where they are read
        other, _ = owners.setdefault(normalize_name(name), (code, where))
        if other != code:
            found.append(
                f"{name!r} of institution {code!r} is also a name of {other!r}; a name "
                f"(compared ignoring case, spaces, hyphens, dots, slashes and end "
                f"punctuation) may belong to one institution only @ {where}"
            )
    return found
