"""Reading and writing plans in the library's JSON file format.

The format is cattrs' unstructured form of :class:`Plan`, wrapped in a small envelope::

    {"format": "antitrafficking-plan", "format_version": 2, "plan": {...}}

Deadlines are written as their canonical text (``"Q4 2015"``), institutions inside
activities as registry codes (``"MLSW"``), enums as their values. Loading validates
everything and reports every problem at once in a :class:`PlanLoadError`, each with the
JSON path of the field; no partly built plan is ever returned, and no code from a file is
ever executed (plain :func:`json.loads`, no pickle, no eval).

Files of an older format version are migrated on reading (see :func:`migrate_v1`): version
1 called cost amounts ``amount_eur``; version 2 calls them ``amount``, since the source
names no currency.

>>> from antitrafficking_plan import load_plan
>>> from antitrafficking_plan.codec import dumps_plan, loads_plan
>>> plan = load_plan()
>>> loads_plan(dumps_plan(plan)) == plan
True
"""

from __future__ import annotations

import collections
import contextvars
import enum
import functools
import json
import os
import re
import reprlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, TextIO

import attrs

from ._checks import text_problem, too_large_problem
from ._files import json_problem, read_file_bounded, read_stream_bounded, write_text_atomically
from ._gc import collection_paused
from ._plain import plan_from_body
from .collection import Activities
from .deadline import Deadline, parse_deadline_cached
from .errors import DeadlineParseError, PlanIntegrityError, PlanLoadError
from .integrity import facts_of_data
from .integrity import problems as integrity_problems
from .model import (
    Activity,
    Confidence,
    FundingSource,
    Institution,
    InstitutionKind,
    NameConfidence,
)
from .plan import Plan

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_PLAN_BYTES",
    "dumps_plan",
    "loads_plan",
    "migrate_v1",
    "plan_from_dict",
    "plan_to_dict",
    "read_plan_file",
    "read_plan_stream",
    "write_plan_file",
]

#: The ``format`` marker of a plan file.
FORMAT_NAME = "antitrafficking-plan"
#: The format version this library writes; it reads this version and older ones.
#: Version 2 renamed the cost fields ``amount_eur`` to ``amount`` (:func:`migrate_v1`).
FORMAT_VERSION = 2
#: Plan files larger than this are refused before parsing (a 100,000-activity plan with
#: full provenance is about 70 MB).
MAX_PLAN_BYTES = 512 * 1024 * 1024


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 80
_SHORT.maxlevel = 3


def _show(value: Any) -> str:
    """A short repr for messages: bounded in length and depth, whatever the value."""
    return _SHORT.repr(value)


def _names(keys: Any) -> list[str]:
    """Field names for messages, sorted even when keys of mixed types are given."""
    return sorted(_show(k) if not isinstance(k, str) else k for k in keys)


# -- converters ------------------------------------------------------------------------
def _structure_deadline(value: Any, _: type) -> Deadline:
    if isinstance(value, Deadline):
        return value
    if not isinstance(value, str):
        raise ValueError(f"a deadline is written as text such as 'Q4 2015', not {_show(value)}")
    return parse_deadline_cached(value)


def _strict_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise ValueError(
            f"expected text (a JSON string), got {type(value).__name__} {_show(value)}"
        )
    problem = text_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _name(value: Any, _: type) -> str | None:
    """An institution's name: text with some non-space character, or null."""
    if value is None:
        return None
    text = _strict_str(value, str)
    if not text.strip():
        raise ValueError(
            f"the name {text!r} is blank; give the institution's name, or null when it is not known"
        )
    return text


def _alias(value: Any, _: type) -> str:
    text = _strict_str(value, str)
    if not text.strip():
        raise ValueError(f"the alias {text!r} is blank; an alias is a name with some text")
    return text


class _Alias(str):
    """The type an alias is structured as (a plain ``str`` comes out): a blank one is
    refused with its JSON path, ``$.plan.institutions[0].aliases[1]``."""

    __slots__ = ()


def _strict_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {type(value).__name__} {_show(value)}")
    if value > 0:
        problem = too_large_problem(value)
        if problem is not None:
            raise ValueError(problem)
    return value


def _strict_enum(value: Any, type_: type[enum.Enum]) -> enum.Enum:
    # Needed because the str hook above would otherwise also take these str-based enums
    # and return plain strings (accepting any text).
    if isinstance(value, type_):
        return value
    if isinstance(value, str):
        member = type_._value2member_map_.get(value)
        if member is not None:
            return member
    accepted = ", ".join(repr(m.value) for m in type_)
    raise ValueError(f"expected one of {accepted}, got {type(value).__name__} {_show(value)}")


def _optional_str(value: Any, type_: Any) -> str | None:
    return None if value is None else _strict_str(value, type_)


def _json_array_factory(type_: Any, conv: cattrs.BaseConverter) -> Any:
    """Tuples are read from JSON arrays only, never from a string or an object."""
    from cattrs.cols import homogenous_tuple_structure_factory

    inner = homogenous_tuple_structure_factory(type_, conv)

    def structure(value: Any, t: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            raise ValueError(
                f"expected a list (a JSON array), got {type(value).__name__} {_show(value)}"
            )
        return inner(value, t)

    return structure


def _base_converter() -> cattrs.Converter:
    """Leaf types: strict strings and ints (no silent ``str(3)``), deadlines as text."""
    import cattrs
    from cattrs.cols import is_sequence
    from cattrs.gen import make_dict_structure_fn, override

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    # The commonest field type; a predicate, since cattrs dispatches unions by predicate.
    conv.register_structure_hook_func(lambda t: t == (str | None), _optional_str)
    for enum_type in (Confidence, FundingSource, InstitutionKind, NameConfidence):
        conv.register_structure_hook(enum_type, _strict_enum)
    conv.register_structure_hook(Deadline, _structure_deadline)
    conv.register_unstructure_hook(Deadline, str)
    conv.register_structure_hook_factory(is_sequence, _json_array_factory)
    conv.register_structure_hook(
        Activities, lambda v, _: Activities(conv.structure(v, tuple[Activity, ...]))
    )
    conv.register_structure_hook(_Alias, _alias)
    aliases_type = tuple[_Alias, ...]
    conv.register_structure_hook(
        Institution,
        make_dict_structure_fn(
            Institution,
            conv,
            _cattrs_forbid_extra_keys=True,
            name=override(struct_hook=_name),
            aliases=override(struct_hook=lambda v, _: conv.structure(v, aliases_type)),
        ),
    )
    return conv


#: The registry that institution codes inside activities resolve against, set for the
#: duration of one load (a context variable, so concurrent loads in threads are safe).
_REGISTRY: contextvars.ContextVar[Mapping[str, Institution]] = contextvars.ContextVar(
    "antitrafficking_plan_registry"
)
#: The registry entries already read for _REGISTRY, when every one of them was valid: the
#: plan then holds these very objects, so activities share them.
_INSTITUTIONS: contextvars.ContextVar[tuple[Institution, ...] | None] = contextvars.ContextVar(
    "antitrafficking_plan_institutions"
)


class _ReportedByIntegrity(ValueError):
    """A reference to an institution the registry lacks: the integrity rules report it
    (with its path), so the structuring pass stays silent about it."""


def _structure_ref(value: Any, _: type) -> Institution:
    if not isinstance(value, str):
        raise ValueError(
            f"an institution is referred to by its registry code (text), not {_show(value)}"
        )
    try:
        return _REGISTRY.get({})[value]
    except KeyError:
        raise _ReportedByIntegrity from None


def _plan_converter(base: cattrs.Converter) -> cattrs.Converter:
    """The converter of whole plans: an institution inside an activity is its registry
    code (resolved through ``_REGISTRY``), the registry itself is written in full. Built
    once; cattrs generates and caches its structuring code on first use."""
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    conv = base.copy()
    conv.register_structure_hook(Institution, _structure_ref)
    conv.register_unstructure_hook(Institution, lambda inst: inst.code)
    conv.register_structure_hook(
        Activities, lambda v, _: Activities(conv.structure(v, tuple[Activity, ...]))
    )
    conv.register_unstructure_hook(
        Activities, lambda acts: [conv.unstructure(a, Activity) for a in acts]
    )
    institutions_type = tuple[Institution, ...]
    conv.register_structure_hook(
        Plan,
        make_dict_structure_fn(
            Plan,
            conv,
            _cattrs_forbid_extra_keys=True,
            institutions=override(
                struct_hook=lambda v, _: (
                    _INSTITUTIONS.get(None) or base.structure(v, institutions_type)
                )
            ),
        ),
    )
    conv.register_unstructure_hook(
        Plan,
        make_dict_unstructure_fn(
            Plan,
            conv,
            _registry=override(omit=True),
            institutions=override(unstruct_hook=lambda v: base.unstructure(v, institutions_type)),
        ),
    )
    return conv


class _Converters(NamedTuple):
    base: cattrs.Converter  # leaf types and single records (institutions)
    full: cattrs.Converter  # whole plans, collecting every problem with its path


@functools.cache
def _converters() -> _Converters:
    """The converters, built on first use: ``import antitrafficking_plan`` and the
    bundled plan never import cattrs. A valid file (the common case) is read by the
    plain constructors (``_plain``); a file they refuse is read again by ``full``, which
    decides, and reports every problem with its path."""
    base = _base_converter()
    return _Converters(base, _plan_converter(base))


# -- writing ---------------------------------------------------------------------------
def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as plain JSON-ready data, in the file format (with its envelope)."""
    if not isinstance(plan, Plan):
        raise TypeError(f"expected a Plan, got {type(plan).__name__}")
    body: dict[str, Any] = _converters().full.unstructure(plan, Plan)
    return {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "plan": body}


def dumps_plan(plan: Plan, *, indent: int | None = 1) -> str:
    """The plan as a JSON string in the file format (UTF-8 text, keys in a stable order)."""
    return json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=indent) + "\n"


def write_plan_file(plan: Plan, path: str | os.PathLike[str], *, indent: int | None = 1) -> None:
    """Write the plan to ``path`` in the JSON file format (``dump_plan`` does this for a
    ``.json`` path), so :func:`read_plan_file` reads it back.

    The file is replaced whole or not at all (see :func:`~antitrafficking_plan.dump_plan`);
    a failure is a :class:`~antitrafficking_plan.errors.PlanWriteError`.
    """
    text = dumps_plan(plan, indent=indent)
    write_text_atomically(path, text)


# -- reading ---------------------------------------------------------------------------
def _problems_from(exc: BaseException, prefix: str) -> list[str]:
    import cattrs

    if isinstance(exc, cattrs.BaseValidationError):
        # A Plan that breaks its integrity rules: the same rules are checked on the raw
        # data (integrity.facts_of_data), so they are reported once, with their paths.
        _, rest = exc.split(PlanIntegrityError)
        if rest is None:
            return []
        exc = rest
    if isinstance(exc, (cattrs.ClassValidationError, cattrs.IterableValidationError)):
        return [
            _readable(msg)
            for msg in cattrs.transform_error(exc, path=prefix, format_exception=_fmt)
            if not msg.startswith(_REPORTED)
        ]
    if isinstance(exc, _ReportedByIntegrity):
        return []
    return [f"{_fmt(exc, None)} @ {prefix}"]


_REPORTED = "\x00reported by the integrity rules"


def _fmt(exc: BaseException, type_: Any) -> str:
    import cattrs

    if isinstance(exc, _ReportedByIntegrity):
        return _REPORTED
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s) {_names(exc.extra_fields)}; the format does not allow them"
    if isinstance(exc, DeadlineParseError):
        return str(exc)
    if isinstance(exc, ValueError) and exc.args:
        return str(exc)
    if isinstance(exc, (TypeError, AttributeError)):
        expected = getattr(type_, "__name__", None) or str(type_)
        if attrs.has(type_):
            return f"invalid value: expected a JSON object ({expected})"
        return f"invalid value: expected {expected}"
    return cattrs.v.format_exception(exc, type_)


def _readable(message: str) -> str:
    return message.replace("typing.", "")


#: The v1 -> v2 renames: a cost amount is a bare number, its currency not stated.
_V1_RENAMES = {"amount_eur": "amount"}


def migrate_v1(body: Any) -> tuple[Any, list[str]]:
    """A version-1 plan body rewritten as version 2, and the problems met on the way.

    Version 1 called the amount of an activity's ``cost`` and of each entry of
    ``cost_fragments`` ``amount_eur``; version 2 calls it ``amount`` (the source prints
    bare numbers and names no currency). Nothing else changed. The input is not modified;
    parts that are not of the expected shape are left for the loader to report. An
    object holding both the old and the new name is a problem (the value would be
    ambiguous), reported with its JSON path.

    >>> body, problems = migrate_v1({"cost_fragments": [{"text": "6000", "amount_eur": 6000}]})
    >>> body["cost_fragments"][0]["amount"], problems
    (6000, [])
    """
    if not isinstance(body, dict):
        return body, []
    problems: list[str] = []

    def renamed(entry: Any, where: str) -> Any:
        if not isinstance(entry, dict):
            return entry
        out = dict(entry)
        for old, new in _V1_RENAMES.items():
            if old not in out:
                continue
            if new in out:
                problems.append(
                    f"both {old!r} (format version 1) and {new!r} (version 2) are given; a "
                    f"version-1 file has only {old!r} @ {where}.{new}"
                )
                continue
            out[new] = out.pop(old)
        return out

    migrated = dict(body)
    fragments = body.get("cost_fragments")
    if isinstance(fragments, list):
        migrated["cost_fragments"] = [
            renamed(f, f"$.plan.cost_fragments[{i}]") for i, f in enumerate(fragments)
        ]
    activities = body.get("activities")
    if isinstance(activities, list):
        migrated["activities"] = [
            {**a, "cost": renamed(a["cost"], f"$.plan.activities[{i}].cost")}
            if isinstance(a, dict) and isinstance(a.get("cost"), dict)
            else a
            for i, a in enumerate(activities)
        ]
    return migrated, problems


@collection_paused()
def plan_from_dict(data: Any, *, source: str = "plan data") -> Plan:
    """Build a :class:`Plan` from data in the file format, validating it fully.

    Raises :class:`PlanLoadError` listing every problem; never returns a partial plan.
    A version-1 file is read through :func:`migrate_v1`.
    """
    if not isinstance(data, dict):
        raise PlanLoadError(
            f"{source}: a plan file holds a JSON object with 'format', 'format_version' and "
            f"'plan', not {type(data).__name__}"
        )
    problems: list[str] = []
    if data.get("format") != FORMAT_NAME:
        problems.append(
            f"'format' must be {FORMAT_NAME!r}, got {_show(data.get('format'))} @ $.format"
        )
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        problems.append(
            f"'format_version' must be a whole number (this library writes {FORMAT_VERSION}), "
            f"got {_show(version)} @ $.format_version"
        )
    elif version > FORMAT_VERSION:
        raise PlanLoadError(
            f"{source}: format_version {version} is newer than this library reads "
            f"(up to {FORMAT_VERSION}); upgrade antitrafficking-plan to load it"
        )
    elif version < 1:
        problems.append(f"'format_version' must be 1 or more, got {version} @ $.format_version")
    extra = _names(set(data) - {"format", "format_version", "plan"})
    if extra:
        problems.append(
            f"unknown top-level field(s) {extra}; allowed: format, format_version, plan @ $"
        )
    body = data.get("plan")
    if not isinstance(body, dict):
        problems.append(f"'plan' must be a JSON object, got {type(body).__name__} @ $.plan")
        raise PlanLoadError(f"{source} is not a valid plan", problems=problems)
    if version == 1:
        body, migration_problems = migrate_v1(body)
        problems.extend(migration_problems)
    if not problems:
        # The common case, a valid file: built by the constructors alone, each field
        # checked once by its validator (a Plan checks every integrity rule when it is
        # built); cattrs is not needed.
        try:
            return plan_from_body(body)
        except Exception:  # any failure is read again, in detail, below
            pass

    # Read the registry from every institution entry that is valid on its own, so that
    # references can be checked even when another entry is broken.
    raw = body.get("institutions")
    all_valid = isinstance(raw, list)
    entries: list[Institution] = []
    base = _converters().base
    for entry in raw if isinstance(raw, list) else ():
        try:
            entries.append(base.structure(entry, Institution))
        except Exception:  # reported with its path by the detailed pass below
            all_valid = False
    registry: dict[str, Institution] = {}
    for inst in entries:
        registry.setdefault(inst.code, inst)
    registry_token = _REGISTRY.set(registry)
    entries_token = _INSTITUTIONS.set(tuple(entries) if all_valid else None)
    try:
        return _structure_plan(body, problems, source)
    finally:
        _INSTITUTIONS.reset(entries_token)
        _REGISTRY.reset(registry_token)


def _structure_plan(body: dict[str, Any], problems: list[str], source: str) -> Plan:
    """Structure the plan body field by field through cattrs (the registry context set):
    the plan, when the fast pass refused what this pass accepts (tests check that they
    agree), or every problem."""
    import cattrs

    broken: PlanIntegrityError | None = None
    try:
        plan = _converters().full.structure(body, Plan)
    except PlanIntegrityError as exc:
        broken = exc  # the same rules are checked below on the raw data, with JSON paths
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        problems.extend(_problems_from(exc, "$.plan"))
    else:
        if not problems:
            return plan
    integrity = integrity_problems(facts_of_data(body))
    problems.extend(integrity)
    if broken is not None and not integrity:
        problems.extend(broken.problems)
    if not problems:  # pragma: no cover - the detailed pass refused without a reason
        problems.append("the plan could not be read @ $.plan")
    raise PlanLoadError(f"{source} is not a valid plan", problems=problems)


@collection_paused()
def loads_plan(text: str | bytes, *, source: str = "plan text") -> Plan:
    """Parse a plan from JSON text in the file format (see :func:`plan_from_dict`)."""
    if isinstance(text, bytes):
        if len(text) > MAX_PLAN_BYTES:
            raise PlanLoadError(
                f"{source} is {len(text):,} bytes, more than the {MAX_PLAN_BYTES:,} a plan "
                "file may have"
            )
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PlanLoadError(
                f"{source} is not UTF-8 text (byte {exc.start}): plan files are UTF-8 JSON"
            ) from None
    if not isinstance(text, str):
        raise TypeError(f"plan text must be str or bytes, not {type(text).__name__}")
    if len(text) > MAX_PLAN_BYTES:
        raise PlanLoadError(
            f"{source} is {len(text):,} characters, more than the {MAX_PLAN_BYTES:,} a plan "
            "file may have"
        )
    duplicated: dict[int, list[str]] = {}
    try:
        data = json.loads(text, object_pairs_hook=functools.partial(_pairs, duplicated))
    except json.JSONDecodeError as exc:
        raise PlanLoadError(json_problem(source, exc)) from None
    except RecursionError:
        raise PlanLoadError(f"{source} is nested too deeply to be a plan file") from None
    except ValueError as exc:  # e.g. an integer too long to convert
        raise PlanLoadError(f"{source} is not a plausible plan file: {exc}") from None
    if not duplicated:
        return plan_from_dict(data, source=source)
    problems = _duplicate_problems(data, duplicated)
    try:
        plan_from_dict(data, source=source)
    except PlanLoadError as exc:
        problems.extend(exc.problems)
    raise PlanLoadError(f"{source} is not a valid plan", problems=problems)


def _pairs(duplicated: dict[int, list[str]], pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json.loads``' object hook: the object as a dict, noting the keys it repeats
    (under the dict's id: its JSON path is known only once the whole text is read)."""
    made = dict(pairs)
    if len(made) != len(pairs):
        counts = collections.Counter(key for key, _ in pairs)
        duplicated[id(made)] = [key for key, n in counts.items() if n > 1]
    return made


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _key_path(path: str, key: str) -> str:
    return f"{path}.{key}" if _PLAIN_KEY.match(key) else f"{path}[{json.dumps(key)}]"


def _duplicate_problems(data: Any, duplicated: dict[int, list[str]]) -> list[str]:
    """One problem per key given twice in an object, with its JSON path, in file order."""
    found: list[str] = []
    stack: list[tuple[str, Any]] = [("$", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            found.extend(
                f"the key {key!r} is given more than once in this object; which value counts "
                f"would be ambiguous, so each key may appear once @ {_key_path(path, key)}"
                for key in duplicated.get(id(value), ())
            )
            children = [(_key_path(path, k), v) for k, v in value.items()]
        elif isinstance(value, list):
            children = [(f"{path}[{n}]", v) for n, v in enumerate(value)]
        else:
            continue
        stack.extend(reversed(children))
    return found


def read_plan_file(path: str | os.PathLike[str]) -> Plan:
    """Read and validate a plan file; every failure is a :class:`PlanLoadError`.

    Only a regular file of at most :data:`MAX_PLAN_BYTES` bytes is read: a FIFO, a device
    (``/dev/zero``), a directory or a path with a NUL character is refused before it is
    opened."""
    return loads_plan(read_file_bounded(path, MAX_PLAN_BYTES), source=os.fsdecode(path))


def read_plan_stream(stream: BinaryIO | TextIO, *, source: str = "standard input") -> Plan:
    """Read and validate a plan from a binary or text stream (``sys.stdin.buffer``, say).
    At most :data:`MAX_PLAN_BYTES` bytes are read: an endless stream is refused one byte
    past it.
    """
    return loads_plan(read_stream_bounded(stream, MAX_PLAN_BYTES, source), source=source)
