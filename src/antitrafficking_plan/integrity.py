"""The plan's integrity rules, written once.

A plan is whole when its codes are unique and well formed, its objectives and activities
sit in its hierarchy, names find one institution only and every institution an activity
names is in its registry. The rules run over plain facts, each a value with where the
file format holds it (a JSON path, or its parts, made the path only when a rule broken
there is reported), so a :class:`~antitrafficking_plan.Plan` built in code
(:func:`facts_of_objects`) and a raw plan file (:func:`facts_of_data`) are checked by the
same code and get the same message, path included.

>>> facts = PlanFacts(
...     strategic=(("$.plan.strategic_objectives[0].code", "1"),),
...     specific=((("specific_objectives", 0), "2.1"),),
... )
>>> [problem] = problems(facts)
>>> problem.endswith("which the plan does not have @ $.plan.specific_objectives[0].code")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any, NamedTuple

from .model import Activity, Institution, SpecificObjective, StrategicObjective
from .registry import normalize_name

__all__ = [
    "ACTIVITY_CODE",
    "SPECIFIC_CODE",
    "STRATEGIC_CODE",
    "PlanFacts",
    "Where",
    "facts_of_data",
    "facts_of_objects",
    "path_of",
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

#: Where a fact is in the file format: a JSON path, or its parts, which are made the path
#: (``$.plan.activities[3].responsible[0]``) only when a rule broken there is reported:
#: ``(key, n)`` is the code of entry ``n`` of ``key``; ``(key, n, field)`` and
#: ``(key, n, field, m)`` a field of that entry and item ``m`` of it.
Where = str | tuple[str | int, ...]
_Coded = tuple[Where, str]  # (where, code)


def path_of(where: Where) -> str:
    """The JSON path that ``where`` stands for.

    >>> path_of(("activities", 3, "responsible", 0))
    '$.plan.activities[3].responsible[0]'
    >>> path_of(("activities", 3))
    '$.plan.activities[3].code'
    """
    if isinstance(where, str):
        return where
    key, n, *rest = where
    if not rest:
        return f"$.plan.{key}[{n}].code"
    return f"$.plan.{key}[{n}].{rest[0]}" + "".join(f"[{m}]" for m in rest[1:])


class PlanFacts(NamedTuple):
    """What the rules look at, each fact with where the file format holds it (a
    :data:`Where`: the JSON path is made only for a broken rule's message).

    ``names`` are ``(where, institution code, name)`` for every full name and alias;
    ``references`` are ``(where, activity code, institution code, known)`` for every
    institution an activity names, where ``known`` is False when the activity holds an
    institution that differs from the registry's entry of that code (possible only in
    code).
    """

    strategic: tuple[_Coded, ...] = ()
    specific: tuple[_Coded, ...] = ()
    activities: tuple[_Coded, ...] = ()
    institutions: tuple[_Coded, ...] = ()
    names: tuple[tuple[Where, str, str], ...] = ()
    references: tuple[tuple[Where, str, str, bool], ...] = ()


_ROLES = ("responsible", "supporting")
_FIRST, _CODE, _INSTITUTION, _KNOWN = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3)


def facts_of_objects(
    strategic: Sequence[StrategicObjective],
    specific: Sequence[SpecificObjective],
    activities: Sequence[Activity],
    institutions: Sequence[Institution],
) -> PlanFacts:
    """The facts of a plan's parts built in code (where a file would hold them)."""
    entry_of = {i.code: i for i in institutions}.get
    references: list[tuple[Where, str, str, bool]] = []
    add = references.append
    # The two roles written out: this loop runs for every reference of every plan built.
    for n, activity in enumerate(activities):
        named_by = activity.code
        for m, inst in enumerate(activity.responsible):
            code = inst.code
            known = entry_of(code)
            same = known is inst or (known is not None and known == inst)
            add((("activities", n, "responsible", m), named_by, code, same))
        for m, inst in enumerate(activity.supporting):
            code = inst.code
            known = entry_of(code)
            same = known is inst or (known is not None and known == inst)
            add((("activities", n, "supporting", m), named_by, code, same))
    names: list[tuple[Where, str, str]] = []
    for n, inst in enumerate(institutions):
        if inst.name:
            names.append((("institutions", n, "name"), inst.code, inst.name))
        names.extend(
            (("institutions", n, "aliases", m), inst.code, alias)
            for m, alias in enumerate(inst.aliases)
        )
    return PlanFacts(
        strategic=_coded("strategic_objectives", [o.code for o in strategic]),
        specific=_coded("specific_objectives", [o.code for o in specific]),
        activities=_coded("activities", [a.code for a in activities]),
        institutions=_coded("institutions", [i.code for i in institutions]),
        names=tuple(names),
        references=tuple(references),
    )


def _coded(key: str, codes: list[str]) -> tuple[_Coded, ...]:
    """Each code where it is: entry ``n`` of ``key`` (pairs made in C)."""
    return tuple(zip(zip(repeat(key), range(len(codes))), codes, strict=True))


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
            ((key, n), e["code"]) for n, e in entries(key) if isinstance(e.get("code"), str)
        )

    names: list[tuple[Where, str, str]] = []
    for n, entry in entries("institutions"):
        code = entry.get("code")
        if not isinstance(code, str):
            continue
        name = entry.get("name")
        if isinstance(name, str):
            names.append((("institutions", n, "name"), code, name))
        aliases = entry.get("aliases")
        if isinstance(aliases, list):
            names.extend(
                (("institutions", n, "aliases", m), code, alias)
                for m, alias in enumerate(aliases)
                if isinstance(alias, str)
            )
    references: list[tuple[Where, str, str, bool]] = []
    for n, entry in entries("activities"):
        code = entry.get("code")
        for role in _ROLES:
            refs = entry.get(role)
            if not isinstance(code, str) or not isinstance(refs, list):
                continue
            references.extend(
                (("activities", n, role, m), code, ref, True)
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
                f"strategic objective code {code!r} is not a whole number such as '1' "
                f"@ {path_of(where)}"
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
        written: list[str] = list(map(_CODE, coded))
        if all(map(pattern.match, written)) and parents.issuperset(
            map(_FIRST, map(str.rsplit, written, repeat("."), repeat(1)))
        ):
            continue  # every code well formed, under a parent the plan has (checked in C)
        for where, code in coded:
            parent = code.rsplit(".", 1)[0]
            if not pattern.match(code):
                found.append(
                    f"{kind} code {code!r} is not of the form {form!r} "
                    f"(whole numbers, no leading zeros) @ {path_of(where)}"
                )
            elif parent not in parents:
                found.append(
                    f"{kind} {code!r} is under {parent_kind} {parent!r}, "
                    f"which the plan does not have @ {path_of(where)}"
                )
    registry = {code for _, code in facts.institutions}
    references = facts.references
    if registry.issuperset(map(_INSTITUTION, references)) and all(map(_KNOWN, references)):
        references = ()  # every reference in the registry, to its very entry (in C)
    for where, activity, code, known in references:
        if code not in registry:
            found.append(
                f"activity {activity!r} names institution {code!r}, which is not in the "
                f"plan's institutions registry @ {path_of(where)}"
            )
        elif not known:
            found.append(
                f"activity {activity!r} names an institution {code!r} that differs from the "
                f"registry's entry of that code @ {path_of(where)}"
            )
    return found


def _duplicates(kind: str, codes: Sequence[_Coded]) -> Iterable[str]:
    if len(set(map(_CODE, codes))) == len(codes):
        return  # no code twice (checked in C)
    first: dict[str, Where] = {}
    for where, code in codes:
        if code in first:
            yield (
                f"duplicate {kind} code {code!r} (first at {path_of(first[code])}); codes "
                f"must be unique @ {path_of(where)}"
            )
        else:
            first[code] = where


def _names(facts: PlanFacts) -> list[str]:
    """Codes and names that lookups (which ignore case, spaces, hyphens, dots, slashes
    and end punctuation) would confuse, so that ``plan.institution(name)`` never picks
    one silently."""
    found: list[str] = []
    owners: dict[str, tuple[str, Where]] = {}  # lookup key -> (code, where)
    for where, code in facts.institutions:
        if not code.strip():
            found.append(
                f"institution code {code!r} is empty; codes are non-empty text @ {path_of(where)}"
            )
            continue
        other, other_where = owners.setdefault(normalize_name(code), (code, where))
        if other != code:
            found.append(
                f"institution code {code!r} is looked up the same as {other!r} (at "
                f"{path_of(other_where)}); codes must differ in more than case, spaces, "
                f"hyphens, dots, slashes and end punctuation @ {path_of(where)}"
            )
    for where, code, name in facts.names:
        if not name.strip():
            continue  # blank names are refused where they are read
        other, _ = owners.setdefault(normalize_name(name), (code, where))
        if other != code:
            found.append(
                f"{name!r} of institution {code!r} is also a name of {other!r}; a name "
                f"(compared ignoring case, spaces, hyphens, dots, slashes and end "
                f"punctuation) may belong to one institution only @ {path_of(where)}"
            )
    return found
