"""Build a plan from data in the file format with the domain classes' constructors alone.

This is the fast pass of every plan file (:mod:`antitrafficking_plan.codec`) and the
builder of the bundled plan (:mod:`antitrafficking_plan.dataset`). The constructors'
validators check every field and the ``Plan`` checks its integrity rules; this module
adds only what a constructor cannot see: that each record is a JSON object with no key
the record lacks, that each array is a JSON array, and the reading of references and
deadline texts. Values are otherwise passed on as the file holds them, so it checks each
field once, with no Python call per field of its own.

It is strict and silent: any shape other than the file format's raises an exception of
some kind, and the codec then reads the file again field by field (through cattrs), which
decides and gives every problem with its JSON path. ``tests/test_codec.py`` checks, for
every field of a plan and a range of wrong values, that the two passes accept the same
data and build the same plan.

>>> from antitrafficking_plan import codec, load_plan
>>> body = codec.plan_to_dict(load_plan())["plan"]
>>> plan_from_body(body) == load_plan()
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from .deadline import Deadline, parse_deadline_cached
from .model import (
    Activity,
    Cost,
    CostFragment,
    Institution,
    Note,
    Provenance,
    SourceReference,
    SpecificObjective,
    StrategicObjective,
)
from .plan import Plan, TextRepair

__all__ = ["plan_from_body"]

_Record = Mapping[str, Any]


def _keys(cls: type) -> frozenset[str]:
    """The keys a record of ``cls`` has in the file format (its fields' names)."""
    return frozenset(a.name for a in attrs.fields(cls) if a.init)


def _count(cls: type) -> int:
    """How many keys a whole record of ``cls`` has. A record with that many keys is read
    by its keys' names, positionally: reading each name proves it has exactly those keys
    (a missing one raises ``KeyError``), one ``len`` instead of comparing key sets."""
    return len(_keys(cls))


def _array(value: Any) -> list[Any] | tuple[Any, ...]:
    """A JSON array (or a tuple, from data made in Python), never a text or an object,
    whose items a converter would take one by one."""
    if type(value) is not list and type(value) is not tuple:
        raise TypeError(f"expected a JSON array, got {type(value).__name__}")
    return value


def _partial(cls: type, record: _Record, read: Mapping[str, Callable[[Any], Any]]) -> Any:
    """A record that does not have exactly its class's keys (a file written by hand may
    leave out fields with a default), from the keys it has, read as ``read`` says: the
    constructor gives the others their defaults and refuses a key that is none of its
    fields. A record with as many keys as its class has fields (as a written file has)
    is built positionally, in the functions below."""
    return cls(**{k: read[k](v) if k in read else v for k, v in record.items()})


_NOTE = _count(Note)


def _note(d: _Record) -> Note:
    if len(d) == _NOTE:
        return Note(d["field"], d["text"], d["confidence"])
    return Note(**d)


def _notes(value: Any) -> list[Note]:
    return [
        Note(n["field"], n["text"], n["confidence"]) if len(n) == _NOTE else Note(**n)
        for n in _array(value)
    ]


_PROVENANCE = _count(Provenance)
_PROVENANCE_READ = {"lines": _array, "notes": _notes}


def _provenance(d: _Record) -> Provenance:
    if len(d) == _PROVENANCE:  # one per activity: its notes' reading written out
        lines, notes = d["lines"], d["notes"]
        if type(lines) is not list or type(notes) is not list:
            lines, notes = _array(lines), _array(notes)
        return Provenance(
            lines,
            d["raw"],
            d["responsible_cell"],
            d["supporting_cell"],
            d["deadline_cell"],
            [
                Note(n["field"], n["text"], n["confidence"]) if len(n) == _NOTE else Note(**n)
                for n in notes
            ],
        )
    return _partial(Provenance, d, _PROVENANCE_READ)  # type: ignore[no-any-return]


_INSTITUTION = _count(Institution)
_INSTITUTION_READ = {"aliases": _array}


def _institution(d: _Record) -> Institution:
    if len(d) == _INSTITUTION:
        return Institution(
            d["code"], d["kind"], d["name"], d["name_confidence"], _array(d["aliases"]), d["note"]
        )
    return _partial(Institution, d, _INSTITUTION_READ)  # type: ignore[no-any-return]


_COST = _count(Cost)
_COST_READ = {"sources": _array}


def _cost(d: _Record | None) -> Cost | None:
    if d is None:
        return None
    if len(d) == _COST:
        return Cost(d["text"], d["amount"], _array(d["sources"]))
    return _partial(Cost, d, _COST_READ)  # type: ignore[no-any-return]


def _deadline(text: Any) -> Deadline:
    """A deadline's text read (each distinct text once per process, as the detailed pass
    reads it)."""
    if type(text) is not str:
        raise TypeError(f"a deadline is text, not {type(text).__name__}")
    return parse_deadline_cached(text)


_ACTIVITY = _count(Activity)


def _activities(value: Any, registry: Mapping[str, Institution]) -> list[Activity]:
    """The activities, each institution code looked up in ``registry`` and each distinct
    deadline text parsed once."""
    deadlines: dict[str, Deadline] = {}

    def deadline(text: Any) -> Deadline | None:
        if text is None:
            return None
        found = deadlines.get(text) if type(text) is str else None
        if found is None:
            found = deadlines[text] = _deadline(text)
        return found

    entry = registry.__getitem__

    def refs(codes: Any) -> tuple[Institution, ...]:
        return tuple(map(entry, _array(codes)))

    read = {
        "responsible": refs,
        "supporting": refs,
        "deadline": deadline,
        "cost": _cost,
        "provenance": _provenance,
    }
    activities: list[Activity] = []
    add = activities.append
    # The loop every activity of every file goes through: the commonest fields' reading
    # is written out (each call saved here is saved once per activity).
    for a in _array(value):
        if len(a) != _ACTIVITY:
            add(_partial(Activity, a, read))
            continue
        responsible, supporting, cost, text = (
            a["responsible"],
            a["supporting"],
            a["cost"],
            a["deadline"],
        )
        if type(responsible) is not list or type(supporting) is not list:
            responsible, supporting = _array(responsible), _array(supporting)
        due = None if text is None else deadlines.get(text) if type(text) is str else None
        if due is None and text is not None:
            due = deadline(text)
        add(
            Activity(
                a["code"],
                a["description"],
                a["expected_results"],
                a["indicators"],
                a["sources_of_verification"],
                tuple(map(entry, responsible)),
                tuple(map(entry, supporting)),
                due,
                None if cost is None else _cost(cost),
                _provenance(a["provenance"]),
            )
        )
    return activities


_OBJECTIVE_READ = {"title_pieces": _array, "provenance": _provenance}
_STRATEGIC = _count(StrategicObjective)
_SPECIFIC = _count(SpecificObjective)
_COST_FRAGMENT_READ = {"sources": _array}


def _strategic(d: _Record) -> StrategicObjective:
    if len(d) == _STRATEGIC:
        return StrategicObjective(
            d["code"],
            _array(d["title_pieces"]),
            _provenance(d["provenance"]),
            d["reading"],
            d["label"],
        )
    return _partial(StrategicObjective, d, _OBJECTIVE_READ)  # type: ignore[no-any-return]


def _specific(d: _Record) -> SpecificObjective:
    if len(d) == _SPECIFIC:
        return SpecificObjective(d["code"], _array(d["title_pieces"]), _provenance(d["provenance"]))
    return _partial(SpecificObjective, d, _OBJECTIVE_READ)  # type: ignore[no-any-return]


_COST_FRAGMENT = _count(CostFragment)
_REPAIR = _count(TextRepair)


def _cost_fragment(d: _Record) -> CostFragment:
    if len(d) == _COST_FRAGMENT:
        return CostFragment(
            d["text"], d["line"], d["block"], d["amount"], _array(d["sources"]), d["note"]
        )
    return _partial(CostFragment, d, _COST_FRAGMENT_READ)  # type: ignore[no-any-return]


def _repair(d: _Record) -> TextRepair:
    if len(d) == _REPAIR:
        return TextRepair(d["as_printed"], d["as_read"], d["kind"], d["note"])
    return _partial(TextRepair, d, {})  # type: ignore[no-any-return]


def _records(read: Callable[[_Record], Any], value: Any) -> list[Any]:
    return [read(d) for d in _array(value)]


_PLAN = _keys(Plan)


def plan_from_body(body: _Record) -> Plan:
    """The plan in ``body`` (the file's ``"plan"`` object), or an exception of any kind."""
    if not body.keys() <= _PLAN:
        raise ValueError(f"unknown keys {sorted(body.keys() - _PLAN)}")
    entries = _records(_institution, body["institutions"])
    registry: dict[str, Institution] = {}
    for inst in entries:
        registry.setdefault(inst.code, inst)
    return Plan(
        title=body["title"],
        jurisdiction=body["jurisdiction"],
        issuer=body["issuer"],
        period=_deadline(body["period"]),
        source=_partial(SourceReference, body["source"], {}),
        dataset_version=body["dataset_version"],
        strategic_objectives=_records(_strategic, body["strategic_objectives"]),
        specific_objectives=_records(_specific, body["specific_objectives"]),
        institutions=entries,
        activities=_activities(body["activities"], registry),
        cost_fragments=_records(_cost_fragment, body.get("cost_fragments", [])),
        notes=_records(_note, body.get("notes", [])),
        repairs=_records(_repair, body.get("repairs", [])),
    )
