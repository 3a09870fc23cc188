"""The shipped JSON Schema and the loader agree: on every generated mutation of the bundled
plan file, the schema accepts the file exactly when ``loads_plan`` does.

A JSON Schema cannot express every rule of the loader, and the schema's description says
which it cannot (the same list is on the file format page). The mutations stay within
what a schema can check:

* no well-formed code is replaced by another well-formed one, and no institution name by
  one another institution has (those are cross-record rules: unique codes, the hierarchy,
  references into the registry, names shared by two institutions); codes are replaced by
  malformed or blank ones, names by blank ones or by a name no one else has;
* deadline text is replaced only by empty or over-long text (what deadline text means is
  the parser's business; the schema checks its length);
* no text gets a lone surrogate, no whole number is written as ``1.0``, no key is given
  twice (a JSON Schema cannot see these; the loader refuses them, see the other tests);
* ``format_version`` is never set to 1 (the loader migrates version-1 files; the schema
  describes version 2).

Everything else is fair: any field deleted, any value replaced by a value of any JSON
type, free text by any text, whole numbers by numbers at and beyond their bounds, enum
values by members and non-members, unknown keys added anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from antitrafficking_plan import codec, dataset
from antitrafficking_plan.errors import PlanLoadError

jsonschema = pytest.importorskip("jsonschema")

BUNDLED_TEXT = dataset._data_text(dataset.BUNDLED_PLAN_FILE)
SCHEMA = dataset.plan_json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

Path = tuple[str | int, ...]

#: The lists of the plan body whose items have a definition of their own: a mutation inside
#: one item is judged by validating that item (the rest of the file is the valid bundled
#: file), which keeps each example fast.
ITEM_DEFS = {
    "strategic_objectives": "strategic_objective",
    "specific_objectives": "specific_objective",
    "institutions": "institution",
    "activities": "activity",
    "cost_fragments": "cost_fragment",
    "notes": "note",
    "repairs": "text_repair",
}
ITEM_VALIDATORS = {
    section: jsonschema.Draft202012Validator(
        {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{name}"}
    )
    for section, name in ITEM_DEFS.items()
}


def _role(path: Path) -> str:
    """``plan.activities.code`` for ``("plan", "activities", 3, "code")``: the last two
    keys, indices left out."""
    keys = [p for p in path if isinstance(p, str)]
    return ".".join(keys[-2:])


def _nodes(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nodes(item, (*path, index))


BASE = json.loads(BUNDLED_TEXT)
NODES = [(path, value) for path, value in _nodes(BASE) if path]
OBJECTS = [path for path, value in _nodes(BASE) if isinstance(value, dict)]

_MALFORMED_CODES = ["", " ", "1.1.01", "01", "0", "1.", ".1", "1.1.1\n", " 1", "x", "1 1", "١"]
_BLANKS = ["", " ", "\t", "\n ", "\u3000", "\u2003"]
_NUMBERS = [-(10**16), -1, 0, 1, 7, 10**15, 10**15 + 1, 2**63, 10**20]
_OTHER_TYPES: list[Any] = [None, True, False, 1.5, -2.5, 7, [], {}, [1], {"x": 1}]
#: Codes (and the institution references in activities) and deadline texts: a string
#: replacement of these is cross-record or beyond a schema, so only other types and the
#: listed strings are used.
_CODE_ROLES = {
    "strategic_objectives.code",
    "specific_objectives.code",
    "activities.code",
}
_REFERENCE_ROLES = {"activities.responsible", "activities.supporting"}
_NAME_ROLES = {"institutions.code", "institutions.name", "institutions.aliases"}
_DEADLINE_ROLES = {"activities.deadline", "plan.period"}
_ENUMS = {
    "institutions.kind": ["body", "group", "fragment"],
    "institutions.name_confidence": ["source", "known", "likely"],
    "notes.confidence": ["certain", "inferred"],
    "cost.sources": ["donors", "budgeted", "ministry budget"],
    "cost_fragments.sources": ["donors", "operating cost", "administrative costs"],
}
_WHOLE_ROLES = {
    "provenance.lines",
    "cost_fragments.line",
    "cost_fragments.block",
    "cost.amount",
    "cost_fragments.amount",
}
#: Lists whose emptying breaks the hierarchy or the references (cross-record).
_KEEP_FILLED = {("plan", "strategic_objectives"), ("plan", "specific_objectives")}
_free_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


@st.composite
def _replacement(draw: st.DrawFn, path: Path, index: int) -> Any:
    role = _role(path)
    others = [v for v in _OTHER_TYPES if not (path in _KEEP_FILLED and v == [])]
    if path[-1] == "institutions" or (path[:2] == ("plan", "institutions") and len(path) == 3):
        others = [v for v in others if v != []]  # an empty registry loses its references
    if role in _CODE_ROLES:
        return draw(st.sampled_from([*others, *_MALFORMED_CODES]))
    if role in _REFERENCE_ROLES and isinstance(path[-1], int):
        return draw(st.sampled_from(others))
    if role in _NAME_ROLES:
        unique = f"Qzxq unheard-of name {index}"  # no other institution is called so
        if role == "institutions.code":
            return draw(st.sampled_from([*others, *_BLANKS]))
        return draw(st.sampled_from([*others, *_BLANKS, unique]))
    if role in _DEADLINE_ROLES:
        return draw(st.sampled_from([*others, "", "Q4 2015" * 29]))
    if role in _ENUMS:
        return draw(st.sampled_from([*others, *_ENUMS[role], "gold", "BODY", ""]))
    if role in _WHOLE_ROLES:
        return draw(st.sampled_from([*others, *_NUMBERS]))
    if path == ("format",):
        return draw(st.sampled_from([*others, "antitrafficking-plan", "other"]))
    if path == ("format_version",):
        return draw(st.sampled_from([*others, 2, 3, 0, -1, "2"]))
    if isinstance(draw_value(path), str):
        return draw(st.one_of(st.sampled_from(others), _free_text))
    return draw(st.sampled_from(others))


def draw_value(path: Path) -> Any:
    target: Any = BASE
    for part in path:
        target = target[part]
    return target


def _parent(data: Any, path: Path) -> Any:
    target = data
    for part in path[:-1]:
        target = target[part]
    return target


@st.composite
def mutations(draw: st.DrawFn) -> tuple[dict[str, Any], list[Path]]:
    """The bundled file with one to three changes, and the paths changed."""
    data = json.loads(BUNDLED_TEXT)
    changed: list[Path] = []
    for index in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if kind == "add":
            path = draw(st.sampled_from(OBJECTS))
            try:
                target = _parent(data, (*path, "x"))
            except (KeyError, IndexError, TypeError):
                continue  # an earlier change removed or replaced it
            if isinstance(target, dict):
                target[draw(st.sampled_from(["colour", "Code", "", "code "]))] = 1
                changed.append(path)
            continue
        path, _ = draw(st.sampled_from(NODES))
        try:
            parent = _parent(data, path)
            parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
        if kind == "delete":
            if isinstance(parent, dict):
                del parent[path[-1]]
                changed.append(path[:-1])
            continue
        parent[path[-1]] = draw(_replacement(path, index))
        changed.append(path)
    return data, changed


def schema_accepts(data: dict[str, Any], changed: list[Path]) -> bool:
    units = {
        p[:3] if len(p) >= 3 and p[0] == "plan" and p[1] in ITEM_DEFS else None for p in changed
    }
    if None in units or not units:
        return bool(VALIDATOR.is_valid(data))
    for unit in units:
        assert unit is not None
        try:
            item = draw_item(data, unit)
        except (KeyError, IndexError, TypeError):
            return bool(VALIDATOR.is_valid(data))
        if not ITEM_VALIDATORS[str(unit[1])].is_valid(item):
            return False
    return True


def draw_item(data: dict[str, Any], unit: Path) -> Any:
    target: Any = data
    for part in unit:
        target = target[part]
    return target


def loader_accepts(data: dict[str, Any]) -> tuple[bool, str]:
    try:
        codec.loads_plan(json.dumps(data))
    except PlanLoadError as exc:
        return False, str(exc)
    return True, ""


def test_both_accept_the_bundled_file() -> None:
    assert VALIDATOR.is_valid(BASE)
    assert loader_accepts(BASE) == (True, "")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("plan", "cost_fragments", 0, "amount"), 10**15 + 1),
        (("plan", "cost_fragments", 0, "amount"), -1),
        (("plan", "cost_fragments", 0, "line"), 0),
        (("plan", "cost_fragments", 0, "block"), 0),
        (("plan", "activities", 0, "code"), "1.1.1\n"),
        (("plan", "activities", 0, "code"), ""),
        (("plan", "institutions", 0, "code"), " "),
        (("plan", "institutions", 0, "name"), " "),
        (("plan", "institutions", 1, "aliases"), ["\u3000"]),
        (("plan", "activities", 0, "deadline"), "x" * 201),
    ],
)
def test_the_schema_now_refuses_what_the_loader_refuses(path: Path, value: Any) -> None:
    """The gaps the issue found (no bounds on amounts, lines and blocks, no minimum on
    codes), each closed."""
    data = json.loads(BUNDLED_TEXT)
    _parent(data, path)[path[-1]] = value
    assert not VALIDATOR.is_valid(data)
    assert loader_accepts(data)[0] is False


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutations())
def test_schema_and_loader_give_the_same_verdict(case: tuple[dict[str, Any], list[Path]]) -> None:
    data, changed = case
    by_schema = schema_accepts(data, changed)
    by_loader, message = loader_accepts(data)
    assert by_schema == by_loader, (changed, message)
