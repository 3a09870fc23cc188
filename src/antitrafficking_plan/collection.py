"""``Activities``: an immutable, ordered collection of activities whose filters chain.

Every filter returns a new ``Activities`` in plan order, so questions compose::

    plan.activities.involving("MLSW", role="responsible").due_in(2016)

Aggregations (:meth:`Activities.count_by`, :meth:`Activities.group_by`) return immutable,
ordered mappings (:class:`~antitrafficking_plan.results.Counts`,
:class:`Groups`) keyed by the domain values themselves.

Lookups by institution, by objective, by due date and by text use indexes built once per
plan, lazily, each family in one pass over the activities when first needed, and shared by
every collection derived from the plan's: a subset answers from them, restricted to its
members. A filtered collection holds its members as a set of the plan's positions (a
Python int used as a bitset, see ``_bitsets``), so after the first call a filter, a chain
of filters or a count costs a few operations on such ints, however many activities they
select; the activities themselves are taken from the plan (in one pass in C) the first
time the collection is read.

>>> from datetime import date
>>> from antitrafficking_plan import load_plan
>>> acts = load_plan().activities
>>> len(acts.under("1.1")) <= len(acts)
True
>>> mlsw_2016 = acts.involving("MLSW", role="responsible").due_between(
...     date(2016, 1, 1), date(2016, 12, 31))
>>> all(a.deadline.due.year == 2016 for a in mlsw_2016)
True
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import chain, compress, groupby, islice, repeat
from operator import attrgetter, contains, itemgetter, ne, truth
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, TextIO, TypeVar, cast, get_args, overload

from . import _bitsets, _frames, export
from ._dates import as_date
from ._display import html_of
from ._limits import check_lookup
from ._text import close_matches, fold_text
from .deadline import Deadline, DeadlineKind
from .errors import UnknownNameError
from .model import _TEXT_FIELD_NAMES, Activity, FundingSource, Institution
from .quarter import Quarter, first_day, last_day, quarter_of
from .registry import InstitutionRegistry
from .results import Counts, TabularMap, key_cell, key_type

__all__ = ["KEY_NAMES", "ROLES", "Activities", "Groups", "KeyName", "Role", "RoleFilter"]

#: The roles an institution can have in an activity.
Role = Literal["responsible", "supporting"]
#: ``ROLES`` as a runtime tuple: ``("responsible", "supporting")``.
ROLES: tuple[str, ...] = get_args(Role)
#: What ``involving(role=...)`` accepts: a role, or ``"any"`` (the same as ``None``).
RoleFilter = Literal["responsible", "supporting", "any"]

_InstitutionKey = Literal["responsible", "supporting", "institution"]
_ObjectiveKey = Literal["objective", "strategic_objective"]
#: The field names :meth:`Activities.count_by` and :meth:`Activities.group_by` accept.
KeyName = Literal[
    "responsible",
    "supporting",
    "institution",
    "objective",
    "strategic_objective",
    "deadline",
    "deadline_year",
    "deadline_quarter",
    "deadline_kind",
    "funding_source",
]
#: ``KeyName`` as a runtime tuple.
KEY_NAMES: tuple[str, ...] = get_args(KeyName)

K = TypeVar("K", bound=Hashable)

_OBJECTIVE_CODE = re.compile(r"[0-9]+(?:\.[0-9]+)?")


# -- index builders ----------------------------------------------------------------------
# An index maps a key to the ascending positions of the activities that have it. Dict
# insertion order is the order of first appearance, which is the tie-break of every result.
_Index = dict[Hashable, list[int]]


def _index_single(
    pairs: Iterable[tuple[int, Activity]], fn: Callable[[Activity], Hashable]
) -> _Index:
    index: _Index = {}
    for pos, activity in pairs:
        key = fn(activity)
        positions = index.get(key)
        if positions is None:
            index[key] = [pos]
        else:
            positions.append(pos)
    return index


def _index_multi(
    pairs: Iterable[tuple[int, Activity]], fn: Callable[[Activity], Iterable[Hashable]]
) -> _Index:
    index: _Index = {}
    for pos, activity in pairs:
        for key in fn(activity):
            positions = index.get(key)
            if positions is None:
                index[key] = [pos]
            elif positions[-1] != pos:  # the same key twice in one activity counts once
                positions.append(pos)
    return index


def _group_function(items: Sequence[Activity], fn: Callable[[Activity], object]) -> _Index:
    """Positions in ``items`` grouped by ``fn`` (a tuple or list return puts an activity
    in several groups)."""
    groups: dict[Any, list[int]] = {}
    try:
        for pos, activity in enumerate(items):
            key = fn(activity)
            if type(key) is tuple or type(key) is list:
                return _group_function_multi(items, fn)
            members = groups.get(key)
            if members is None:
                groups[key] = [pos]
            else:
                members.append(pos)
    except TypeError:
        _check_hashable(key, activity)
        raise
    return groups


def _group_function_multi(items: Sequence[Activity], fn: Callable[[Activity], object]) -> _Index:
    groups: dict[Any, list[int]] = {}
    for pos, activity in enumerate(items):
        value = fn(activity)
        keys = value if type(value) is tuple or type(value) is list else (value,)
        for key in keys:
            _check_hashable(key, activity)
            members = groups.get(key)
            if members is None:
                groups[key] = [pos]
            elif members[-1] != pos:  # the same key twice in one activity: once
                members.append(pos)
    return groups


def _check_hashable(key: object, activity: Activity) -> None:
    try:
        hash(key)
    except TypeError:
        raise TypeError(
            f"a group_by/count_by key must be hashable; the key function returned "
            f"{type(key).__name__} {key!r} for activity {activity.code}"
        ) from None


def _due_year(a: Activity) -> int | None:
    due = a.deadline.due if a.deadline is not None else None
    return None if due is None else due.year


def _due_quarter(a: Activity) -> tuple[int, int] | None:
    due = a.deadline.due if a.deadline is not None else None
    return None if due is None else (due.year, quarter_of(due))


def _deadline_kind(a: Activity) -> DeadlineKind | None:
    return None if a.deadline is None else a.deadline.kind


def _funding(a: Activity) -> tuple[FundingSource, ...]:
    return () if a.cost is None else a.cost.sources


def _responsible_codes(a: Activity) -> Iterator[str]:
    return (i.code for i in a.responsible)


def _supporting_codes(a: Activity) -> Iterator[str]:
    return (i.code for i in a.supporting)


def _institution_codes(a: Activity) -> Iterator[str]:
    return (i.code for i in chain(a.responsible, a.supporting))


_MULTI: dict[str, Callable[[Activity], Iterable[Hashable]]] = {
    "responsible": _responsible_codes,
    "supporting": _supporting_codes,
    "institution": _institution_codes,
    "funding_source": _funding,
}
_SINGLE: dict[str, Callable[[Activity], Hashable]] = {
    "objective": lambda a: a.specific_objective_code,
    "strategic_objective": lambda a: a.strategic_objective_code,
    "deadline": lambda a: a.deadline,
    "deadline_year": _due_year,
    "deadline_quarter": _due_quarter,
    "deadline_kind": _deadline_kind,
}
_INSTITUTION_KEYS = frozenset(("responsible", "supporting", "institution"))
assert set(_MULTI) | set(_SINGLE) == set(KEY_NAMES)

#: A subset smaller than this fraction of its plan counts and groups by a field with a
#: pass of its own while the plan's index for the field is not built; a larger one builds
#: it and restricts it (one ``&`` of bitsets per key). Once the plan's index is built,
#: only a subset smaller than the second fraction makes its own pass. Tests set both to
#: 0 or 2 to check that both ways agree.
_LOCAL_FRACTION = 0.25
_LOCAL_FRACTION_BUILT = 0.01

# Separators of the joined search text: folding keeps them (they are not whitespace) and
# no folded query can contain them unless the text does, which is checked.
_FIELD_SEP = "\x01"
_ACTIVITY_SEP = "\x00"


_TEXTS_OF = attrgetter(*_TEXT_FIELD_NAMES)


def _folded_texts(items: Sequence[Activity]) -> tuple[tuple[str, ...], str]:
    """Each activity's text fields folded and joined by a separator, and the separator: a
    character no field holds (so a query holding it matches nothing).

    The fields of all activities are read, stripped and joined in C and folded as one
    string when no field holds a separator: folding is a per-character mapping plus
    whitespace collapsing and stripping, so this is the same as folding each field, at
    the speed of one call. Otherwise each field is folded alone and joined by a newline,
    which folded text never holds."""
    if not items:
        return (), "\n"
    rows = map(_TEXTS_OF, items)
    # The stripped text of each activity's fields that have text, in field order (a text
    # field is None or not empty: its converter makes empty text None).
    fields = list(map(tuple, map(map, repeat(str.strip), map(filter, repeat(None), rows))))
    blob = _ACTIVITY_SEP.join(map(_FIELD_SEP.join, fields))
    counts = list(map(len, fields))
    expected_fields = sum(counts) - len(counts) + counts.count(0)  # one fewer per activity
    if blob.count(_ACTIVITY_SEP) == len(items) - 1 and blob.count(_FIELD_SEP) == expected_fields:
        folded = fold_text(blob)
        if not blob.isascii():
            # Stripped fields can still fold to text with a space at an end (a combining
            # mark after a space folds to nothing); ASCII ones cannot.
            for sep in (_FIELD_SEP, _ACTIVITY_SEP):
                for spaced in (" " + sep, sep + " "):
                    if spaced in folded:
                        folded = folded.replace(spaced, sep)
        texts = tuple(folded.split(_ACTIVITY_SEP))
        if len(texts) == len(items):
            return texts, _FIELD_SEP
    return tuple("\n".join(map(fold_text, f)) for f in fields), "\n"


_CODE_OF = attrgetter("code")


def _append(index: _Index, key: Hashable, pos: int) -> None:
    found = index.get(key)
    if found is None:
        index[key] = [pos]
    else:
        found.append(pos)


_FIRST = itemgetter(0)


def _group_keys(keys: list[Hashable]) -> _Index:
    """The positions of each key of ``keys`` (one per position): by runs of equal keys,
    in C, when there are few runs; else one position at a time."""
    n = len(keys)
    runs = 1 + sum(map(ne, keys, islice(keys, 1, None))) if n else 0
    index: _Index = {}
    if runs * 8 > n:
        for pos, key in enumerate(keys):
            _append(index, key, pos)
        return index
    pos = 0
    for key, run in groupby(keys):
        end = pos + len(list(run))
        found = index.get(key)
        if found is None:
            index[key] = list(range(pos, end))
        else:
            found.extend(range(pos, end))
        pos = end
    return index


# A set of activities of a plan, as ``_Index`` values or a subset's members: ascending
# positions in the plan's items, or a bitset of them (see ``_bitsets``).
_Members = Sequence[int] | int


def _size_of(members: _Members) -> int:
    return members.bit_count() if isinstance(members, int) else len(members)


def _first_of(members: _Members) -> int:
    return _bitsets.lowest(members) if isinstance(members, int) else members[0]


#: The most distinct due dates for which a plan keeps one byte per activity (its due
#: date's rank, or ``_NO_RANK``) and a bitset per rank boundary; beyond it ranges are
#: merged from runs (tests set it to 0 to check that both ways agree).
_MAX_RANKS = 255
_NO_RANK = 255


class _Shared:
    """The indexes of one tuple of activities (a plan's), shared by every collection
    derived from it. Each family is built in one pass, on first use; every index maps a
    key to ascending positions in ``items``, and each entry's bitset is made the first
    time a subset is restricted by it. Built concurrently, the worst case is that two
    threads build the same index and one result is kept."""

    __slots__ = ("cache", "items")

    def __init__(self, items: tuple[Activity, ...], distinct: bool = False) -> None:
        self.items = items
        self.cache: dict[Any, Any] = {"@distinct": True} if distinct else {}

    def index(self, name: str) -> _Index:
        index: _Index | None = self.cache.get(name)
        if index is None:
            if name in ("responsible", "supporting"):
                self._build_roles()
            elif name in ("deadline_kind", "@due", "@undated"):
                self._build_deadlines()
            elif name in ("objective", "strategic_objective", "@under"):
                self._build_objectives()
            elif name in _MULTI:
                self.cache[name] = _index_multi(enumerate(self.items), _MULTI[name])
            else:
                self.cache[name] = _index_single(enumerate(self.items), _SINGLE[name])
            index = self.cache[name]
        return index

    def distinct(self) -> bool:
        """Whether no object is among the items twice: known for a plan's (its activity
        codes are unique); a collection made by hand can hold one activity twice."""
        found: bool | None = self.cache.get("@distinct")
        if found is None:
            found = len(self.ids()) == len(self.items)
            self.cache["@distinct"] = found
        return found

    def ids(self) -> dict[int, int]:
        """Each item's position by its ``id`` (the last one, for an object there twice)."""
        found: dict[int, int] | None = self.cache.get("@ids")
        if found is None:
            found = dict(zip(map(id, self.items), range(len(self.items)), strict=True))
            self.cache["@ids"] = found
        return found

    def full(self) -> int:
        """The bitset of every position."""
        return (1 << len(self.items)) - 1

    def entry_bits(self, name: str, key: Hashable) -> int:
        """The positions of one index entry as a bitset (made once, then kept)."""
        found: int | None = self.cache.get((name, key))
        if found is None:
            found = _bitsets.from_positions(self.index(name).get(key, ()), len(self.items))
            self.cache[(name, key)] = found
        return found

    def _build_roles(self) -> None:
        """Both role indexes in one pass (an institution named twice in one activity's
        role counts once). The two loops are written out: this is the build a cold
        ``involving`` waits for, and a shared loop over (role, index) pairs measured
        about 30% slower."""
        responsible: _Index = {}
        supporting: _Index = {}
        first: dict[str, Institution] = {}  # a code's first institution, seen on the way
        for pos, activity in enumerate(self.items):
            for inst in activity.responsible:
                found = responsible.get(inst.code)
                if found is None:
                    responsible[inst.code] = [pos]
                    first.setdefault(inst.code, inst)
                elif found[-1] != pos:
                    found.append(pos)
            for inst in activity.supporting:
                found = supporting.get(inst.code)
                if found is None:
                    supporting[inst.code] = [pos]
                    first.setdefault(inst.code, inst)
                elif found[-1] != pos:
                    found.append(pos)
        self.cache["@first institutions"] = first
        self.cache["supporting"] = supporting
        self.cache["responsible"] = responsible

    def _build_objectives(self) -> None:
        """The specific and strategic objective indexes, and the ``under`` index: each
        activity under the text of its code up to the first and up to the second dot
        (``"1.1.3"`` under ``"1"`` and ``"1.1"``, as ``code.startswith(prefix + ".")``)."""
        items = self.items
        codes = list(map(_CODE_OF, items))
        if codes and list(map(str.count, codes, repeat("."))).count(2) == len(codes):
            # Every code has two dots (the plan's shape): the first parts and the parts
            # before the last dot are the objective codes, found in C, and grouped by runs
            # when the codes come in order (as in a plan).
            by_strategic = _group_keys(list(map(_FIRST, map(str.split, codes, repeat(".")))))
            by_specific = _group_keys(
                list(map(_FIRST, map(str.rsplit, codes, repeat("."), repeat(1))))
            )
            self.cache["strategic_objective"] = by_strategic
            self.cache["@under"] = {**by_strategic, **by_specific}  # keys without, with a dot
            self.cache["objective"] = by_specific
            return
        specific: _Index = {}
        strategic: _Index = {}
        under: _Index = {}
        for pos, code in enumerate(codes):  # other shapes, one at a time
            _append(specific, code.rsplit(".", 1)[0], pos)
            _append(strategic, code.split(".", 1)[0], pos)
            parts = code.split(".", 2)
            if len(parts) > 1:
                _append(under, parts[0], pos)
            if len(parts) > 2:
                _append(under, f"{parts[0]}.{parts[1]}", pos)
        self.cache["strategic_objective"] = strategic
        self.cache["@under"] = under
        self.cache["objective"] = specific

    def _build_deadlines(self) -> None:
        """Kinds, and the due-date index: sorted distinct dates, the positions due on
        each, each position's due date, and the positions with none."""
        kinds: _Index = {}
        by_due: dict[date, list[int]] = {}
        due_of: list[date | None] = []
        undated: list[int] = []
        for pos, activity in enumerate(self.items):
            deadline = activity.deadline
            kind = None if deadline is None else deadline.kind
            found = kinds.get(kind)
            if found is None:
                kinds[kind] = [pos]
            else:
                found.append(pos)
            due = None if deadline is None else deadline.due
            due_of.append(due)
            if due is None:
                undated.append(pos)
                continue
            found = by_due.get(due)
            if found is None:
                by_due[due] = [pos]
            else:
                found.append(pos)
        dates = sorted(by_due)
        self.cache["@due"] = _DueIndex(dates, [by_due[d] for d in dates], due_of)
        self.cache["@undated"] = {None: undated}
        self.cache["deadline_kind"] = kinds

    def due(self) -> _DueIndex:
        found: _DueIndex | None = self.cache.get("@due")
        if found is None:
            self._build_deadlines()
            found = self.cache["@due"]
        return found

    def due_bits(self, lo: int, hi: int) -> int:
        """The bitset of the positions due on the due index's dates ``lo`` to ``hi - 1``:
        two bitsets of "due before date i" (one per boundary, each made once from a byte
        per activity) when the plan has few distinct dates, else merged from the runs."""
        due = self.due()
        if len(due.dates) > _MAX_RANKS:
            return _bitsets.from_positions(chain(*due.runs[lo:hi]), len(self.items))
        return self._due_before(hi) & ~self._due_before(lo)

    def _due_before(self, i: int) -> int:
        found: int | None = self.cache.get(("@due before", i))
        if found is None:
            ranks: bytes | None = self.cache.get("@due ranks")
            if ranks is None:  # each position's date rank; 255 for none
                due = self.due()
                rank: dict[date | None, int] = {d: r for r, d in enumerate(due.dates)}
                rank[None] = _NO_RANK
                ranks = bytes(map(rank.__getitem__, due.due_of))
                self.cache["@due ranks"] = ranks
            before = bytes(1 if r < i else 0 for r in range(_NO_RANK)) + b"\x00"
            found = _bitsets.from_flags(ranks.translate(before))
            self.cache[("@due before", i)] = found
        return found

    def texts(self) -> tuple[tuple[str, ...], str]:
        texts: tuple[tuple[str, ...], str] | None = self.cache.get("@search")
        if texts is None:
            texts = _folded_texts(self.items)
            self.cache["@search"] = texts
        return texts

    def first_institutions(self) -> dict[str, Institution]:
        """The first institution seen under each code (responsible before supporting, in
        plan order): found while the role indexes are built, when they are."""
        found: dict[str, Institution] | None = self.cache.get("@first institutions")
        if found is None:
            found = self.institutions()[0]
            self.cache["@first institutions"] = found
        return found

    def institutions(self) -> tuple[dict[str, Institution], bool]:
        """The first institution seen under each code, and whether every activity holds
        that very object for its code (then any subset sees the same first ones)."""
        found: tuple[dict[str, Institution], bool] | None = self.cache.get("@institutions")
        if found is None:
            first: dict[str, Institution] = {}
            same = True
            for activity in self.items:
                for inst in chain(activity.responsible, activity.supporting):
                    seen = first.setdefault(inst.code, inst)
                    if seen is not inst:
                        same = False
            found = (first, same)
            self.cache["@institutions"] = found
        return found


class _DueIndex(NamedTuple):
    dates: list[date]
    runs: list[list[int]]  # runs[i]: the positions due on dates[i]
    due_of: list[date | None]


class Activities(Sequence[Activity]):
    """An immutable sequence of :class:`Activity` in plan order.

    Filters return a new ``Activities`` so calls chain. The collection knows the
    institution registry of its plan, so institutions can be named by code, alias or name.

    A filtered collection is a selection of its plan's activities (a set of positions),
    and the activities themselves are taken from the plan the first time they are read:
    chaining, counting and ``len`` never need them.

    >>> from antitrafficking_plan import load_plan
    >>> acts = load_plan().activities
    >>> acts.involving("MLSW").under("2") == acts.under("2").involving("MLSW")
    True
    """

    __slots__ = (
        "_bits_",
        "_by_code",
        "_cache",
        "_got",
        "_pos",
        "_registry",
        "_shared",
        "_size",
        "_whole",
    )

    _registry: InstitutionRegistry | None  # built on first use when not given
    _by_code: Mapping[str, Activity] | None
    _cache: dict[str, Any]  # what belongs to this collection alone (a subset's members)
    _shared: _Shared  # the indexes of the collection this one derives from (or its own)
    _whole: bool  # every item of _shared: then _pos and _bits_ are None
    _pos: Sequence[int] | None  # the members: ascending positions in _shared.items ...
    _bits_: int | None  # ... or their bitset (at least one of the two is known)
    _got: tuple[Activity, ...] | list[Activity] | None  # the members, once read (or kept)
    _size: int

    def __init__(
        self, activities: Iterable[Activity] = (), registry: InstitutionRegistry | None = None
    ) -> None:
        items = tuple(activities)
        for item in items:
            if not isinstance(item, Activity):
                raise TypeError(f"Activities holds Activity objects, not {type(item).__name__}")
        if registry is not None and not isinstance(registry, InstitutionRegistry):
            raise TypeError(f"registry must be an InstitutionRegistry, not {type(registry)!r}")
        self._init(registry, _Shared(items), True, None, None, items, len(items))

    def _init(
        self,
        registry: InstitutionRegistry | None,
        shared: _Shared,
        whole: bool,
        pos: Sequence[int] | None,
        bits: int | None,
        got: tuple[Activity, ...] | list[Activity] | None,
        size: int,
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "_registry", registry)
        setattr_(self, "_by_code", None)
        setattr_(self, "_cache", {})
        setattr_(self, "_shared", shared)
        setattr_(self, "_whole", whole)
        setattr_(self, "_pos", pos)
        setattr_(self, "_bits_", bits)
        setattr_(self, "_got", got)
        setattr_(self, "_size", size)

    @classmethod
    def _trusted(
        cls,
        items: tuple[Activity, ...],
        registry: InstitutionRegistry | None,
        *,
        distinct: bool = False,
    ) -> Activities:
        """A collection of already-checked items, with indexes of its own (no per-item
        validation: O(1)); ``distinct`` when no object is there twice (a plan's)."""
        new = cls.__new__(cls)
        new._init(registry, _Shared(items, distinct), True, None, None, items, len(items))
        return new

    def _subset(
        self,
        pos: Sequence[int] | None,
        bits: int | None,
        size: int,
        got: tuple[Activity, ...] | list[Activity] | None = None,
    ) -> Activities:
        """The members given by ``pos``, ``bits`` or (when the shared items are distinct
        objects) ``got`` (all of them in this collection) as a collection sharing the
        indexes: this one if it is all."""
        if size == self._size:
            return self
        new = Activities.__new__(Activities)
        new._init(self._registry, self._shared, False, pos, bits, got, size)
        return new

    def _take_shared(self, positions: Sequence[int]) -> Activities:
        """The members at ``positions`` (ascending) of the shared items."""
        return self._subset(positions, None, len(positions))

    def _take_bits(self, bits: int) -> Activities:
        """The members in the bitset ``bits`` of positions of the shared items."""
        return self._subset(None, bits, bits.bit_count())

    def _take_members(self, members: _Members) -> Activities:
        """The members ``members`` (positions in the shared items or their bitset)."""
        if isinstance(members, int):
            return self._take_bits(members)
        return self._take_shared(members)

    def _take(self, positions: Sequence[int]) -> Activities:
        """The activities at ``positions`` (ascending) of this collection, as a new one."""
        if self._whole or len(positions) == self._size:
            return self._take_shared(positions)
        return self._take_shared(_pick(self._members(), positions))

    def _members(self) -> Sequence[int]:
        """This collection's positions in the shared items, ascending."""
        pos = self._pos
        if pos is None:
            if self._whole:
                return range(self._size)
            bits = self._bits_
            if bits is not None:
                pos = _bitsets.positions(bits)
            else:  # only the members are known: found by identity
                pos = list(map(self._shared.ids().__getitem__, map(id, self._items)))
            object.__setattr__(self, "_pos", pos)
        return pos

    def _bits(self) -> int:
        """This collection's positions in the shared items, as a bitset."""
        bits = self._bits_
        if bits is None:
            if self._whole:
                return self._shared.full()
            bits = _bitsets.from_positions(self._members(), len(self._shared.items))
            object.__setattr__(self, "_bits_", bits)
        return bits

    @property
    def _items(self) -> tuple[Activity, ...]:
        got = self._got
        if type(got) is not tuple:
            if got is not None:  # the list where() kept
                got = tuple(got)
            elif self._pos is not None:
                got = _pick(self._shared.items, self._pos)
            else:
                got = _bitsets.members(cast(int, self._bits_), self._shared.items)
            object.__setattr__(self, "_got", got)
        return got

    @property
    def _positions(self) -> Sequence[int] | None:
        """The members' positions in the shared items; None when it is all of them."""
        return None if self._whole else self._members()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    # -- sequence protocol -------------------------------------------------------------
    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Activity]:
        return iter(self._items)

    @overload
    def __getitem__(self, index: int | str) -> Activity: ...
    @overload
    def __getitem__(self, index: slice) -> Activities: ...
    def __getitem__(self, index: int | str | slice) -> Activity | Activities:
        """By position (``acts[0]``), slice, or activity code (``acts["2.3.8"]``, which
        raises :class:`UnknownNameError` naming close codes)."""
        if isinstance(index, str):
            return self.lookup(index)
        if isinstance(index, slice):
            if index.step is not None and index.step < 0:  # not in plan order: its own
                return self._trusted(self._items[index], self.registry)
            return self._take(range(self._size)[index])
        return self._items[index]

    def __contains__(self, item: object) -> bool:
        """An activity of the collection, or the code of one (``"2.3.8" in acts``)."""
        if isinstance(item, Activity):
            return self._codes_map().get(item.code) == item
        if isinstance(item, str):
            return item.strip() in self._codes_map()
        return False

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Activities):
            if other._shared is self._shared and other._size == self._size:
                return self._whole or other._whole or self._bits() == other._bits()
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        codes = ", ".join(a.code for a in self._items[:5])
        more = f", … ({self._size} in all)" if self._size > 5 else ""
        return f"<Activities [{codes}{more}]>"

    def _repr_html_(self) -> str:
        """A compact HTML table for notebooks (first rows; all text escaped)."""
        return html_of(self)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self._items, self.registry))

    def _restrict(self, bits: int) -> Activities:
        """The members of this collection among ``bits`` (a bitset of positions in the
        shared items)."""
        return self._take_bits(bits if self._whole else bits & self._bits())

    def _restrict_entry(self, name: str, key: Hashable) -> Activities:
        shared = self._shared
        if self._whole:
            return self._take_shared(shared.index(name).get(key, ()))
        return self._take_bits(shared.entry_bits(name, key) & self._bits())

    def _codes_map(self) -> Mapping[str, Activity]:
        by_code = self._by_code
        if by_code is None:
            by_code = MappingProxyType({a.code: a for a in self._items})
            object.__setattr__(self, "_by_code", by_code)
        return by_code

    # -- lookups -----------------------------------------------------------------------
    @property
    def registry(self) -> InstitutionRegistry:
        """The institution registry used to resolve names in filters."""
        registry = self._registry
        if registry is None:  # a collection made without a plan: its own institutions
            registry = InstitutionRegistry(
                {i.code: i for a in self._items for i in a.institutions}.values()
            )
            object.__setattr__(self, "_registry", registry)
        return registry

    @property
    def codes(self) -> tuple[str, ...]:
        """The activity codes, in order."""
        return tuple(a.code for a in self._items)

    def get(self, code: str) -> Activity | None:
        """The activity with this code, or None (the non-raising form of :meth:`lookup`)."""
        if not isinstance(code, str):
            raise TypeError(f"an activity code is a str such as '2.3.8', not {type(code).__name__}")
        check_lookup(code, "activity code")
        return self._codes_map().get(code.strip())

    def lookup(self, code: str) -> Activity:
        """The activity with this code; raises :class:`UnknownNameError` (a ``KeyError``)
        naming close codes. ``acts["2.3.8"]`` is the same.

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().activities.lookup("2.3.8").code
        '2.3.8'
        """
        found = self.get(code)
        if found is None:
            wanted = code.strip().rstrip(".")
            if _OBJECTIVE_CODE.fullmatch(wanted):  # "2.3": an objective, not an activity
                raise UnknownNameError(
                    "activity code",
                    code,
                    hint=f"{wanted!r} is an objective code: its activities are "
                    f"under({wanted!r}); activity codes look like '2.3.8'",
                )
            close = close_matches(wanted, self._codes_map(), 0.5)
            raise UnknownNameError("activity code", code, close)
        return found

    def _index(self, name: str) -> dict[Hashable, _Members]:
        """The index ``name`` of this collection: keys in order of first appearance here,
        values its members with the key (ascending positions in the shared items, or
        their bitset)."""
        shared = self._shared
        if self._whole:
            return cast(dict[Hashable, _Members], shared.index(name))
        index: dict[Hashable, _Members] | None = self._cache.get(name)
        if index is None:
            fraction = _LOCAL_FRACTION_BUILT if name in shared.cache else _LOCAL_FRACTION
            if self._size < fraction * len(shared.items):  # a small subset: one pass
                pairs = zip(self._members(), self._items, strict=True)
                if name in _MULTI:
                    index = cast(dict[Hashable, _Members], _index_multi(pairs, _MULTI[name]))
                else:
                    index = cast(dict[Hashable, _Members], _index_single(pairs, _SINGLE[name]))
            else:
                index = self._restricted_index(name)
            self._cache[name] = index
        return index

    def _restricted_index(self, name: str) -> dict[Hashable, _Members]:
        """The shared index ``name`` restricted to this collection's members (one ``&``
        of bitsets per key), its keys put back in order of first appearance among them."""
        mine = self._bits()
        shared = self._shared
        found: list[tuple[Hashable, _Members]] = []
        for key in shared.index(name):
            kept = shared.entry_bits(name, key) & mine
            if kept:
                found.append((key, kept))
        if name in _MULTI:  # keys first seen in one activity: in that activity's order
            items, fn = shared.items, _MULTI[name]

            def first_seen(entry: tuple[Hashable, _Members]) -> tuple[int, int]:
                first = _first_of(entry[1])
                return first, list(fn(items[first])).index(entry[0])

            found.sort(key=first_seen)
        else:
            found.sort(key=_first_position)
        return dict(found)

    def _institutions_by_code(self) -> dict[str, Institution]:
        if self._whole:
            return self._shared.first_institutions()
        first, same = self._shared.institutions()
        if same:
            return first
        found: dict[str, Institution] | None = self._cache.get("@institutions")
        if found is None:
            found = {}
            for activity in self._items:
                for inst in chain(activity.responsible, activity.supporting):
                    found.setdefault(inst.code, inst)
            self._cache["@institutions"] = found
        return found

    def _due_runs(self, lo: int, hi: int) -> Activities:
        """The members due on the shared due index's dates ``lo`` to ``hi - 1``."""
        shared = self._shared
        if lo >= hi:
            return self._take_shared(())
        if hi - lo == 1 and self._whole:  # one date: its run
            return self._take_shared(shared.due().runs[lo])
        return self._restrict(shared.due_bits(lo, hi))

    # -- filters -----------------------------------------------------------------------
    def under(self, objective_code: str) -> Activities:
        """Activities under a strategic (``"2"``) or specific (``"2.3"``) objective.

        ``"1.1"`` never matches ``1.10.x``. An objective the activities do not fall under
        gives an empty collection (a collection does not know its plan's objectives: use
        ``plan.objective(code)`` to check that a code exists). The first call on a plan
        scans the activity codes (a pass in C); from the second on, the plan's objective
        index answers.

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().activities.under("1.1")[0].code
        '1.1.1'
        """
        if not isinstance(objective_code, str):
            raise TypeError(f"objective_code must be str, not {type(objective_code).__name__}")
        check_lookup(objective_code, "objective code")
        code = objective_code.strip().rstrip(".")
        if not _OBJECTIVE_CODE.fullmatch(code):
            raise ValueError(
                f"{objective_code!r} is not an objective code; give a strategic objective "
                "such as '2' or a specific one such as '2.3'"
            )
        shared = self._shared
        if "@under" not in shared.cache and "@under asked" not in shared.cache:
            # The first question is answered by a scan of the codes, in C, which costs a
            # fifth of building the objective indexes; they are built for the second.
            shared.cache["@under asked"] = True
            keep = map(str.startswith, map(_CODE_OF, self._items), repeat(code + "."))
            return self._take_shared(list(compress(self._members(), keep)))
        return self._restrict_entry("@under", code)

    def involving(
        self, institution: str | Institution, role: RoleFilter | None = None
    ) -> Activities:
        """Activities in which ``institution`` is responsible, supporting, or either.

        ``institution`` is a code, alias or name (any case) or an :class:`Institution` of
        the registry; ``role`` is ``"responsible"``, ``"supporting"``, or ``"any"`` (or
        ``None``) for either, as on the command line. An unknown name raises
        :class:`UnknownNameError` naming close matches (``"labour"`` suggests MLSW); an
        unknown role raises :class:`ValueError`. Indexed.

        >>> from antitrafficking_plan import load_plan
        >>> acts = load_plan().activities
        >>> acts.involving("MLSW", role="responsible")[0].code
        '1.1.3'
        """
        if role is not None and role != "any" and role not in ROLES:
            raise ValueError(
                f"role must be one of {', '.join(repr(r) for r in (*ROLES, 'any'))} or None,"
                f" not {role!r}"
            )
        code = self.registry.lookup(institution).code
        if role is not None and role != "any":
            return self._restrict_entry(role, code)
        shared = self._shared
        responsible = shared.index("responsible").get(code, [])
        supporting = shared.index("supporting").get(code, [])
        if not supporting or not responsible:  # one role's entry (or none)
            return self._restrict_entry("responsible" if responsible else "supporting", code)
        either = shared.entry_bits("responsible", code) | shared.entry_bits("supporting", code)
        return self._restrict(either)

    def due_between(self, start: date | str, end: date | str) -> Activities:
        """Activities whose due date lies in ``start..end`` (both ends included).

        Dates are ``datetime.date`` objects or ISO strings (``"2016-12-31"``), as in every
        date parameter of the library. Activities without a due date (none given, ongoing,
        onwards, annual) are left out. Raises :class:`TypeError` for non-dates,
        :class:`ValueError` for a string that is not an ISO date or if ``start > end``.
        Indexed.

        >>> from datetime import date
        >>> from antitrafficking_plan import load_plan
        >>> acts = load_plan().activities
        >>> "3.1.1" in acts.due_between(date(2016, 1, 1), date(2016, 12, 31)).codes
        True
        """
        start = as_date(start, "start")
        end = as_date(end, "end")
        if start > end:
            raise ValueError(f"start {start} is after end {end}")
        dates = self._shared.due().dates
        return self._due_runs(bisect_left(dates, start), bisect_right(dates, end))

    def due_by(self, day: date | str) -> Activities:
        """Activities due on or before ``day`` (those without a due date left out).

        ``day`` is a ``datetime.date`` or an ISO string:

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().activities.due_by("2015-12-31").codes
        ('1.1.1', '1.1.9', '4.2.2')
        """
        day = as_date(day, "day")
        return self._due_runs(0, bisect_right(self._shared.due().dates, day))

    def due_in(self, year: int, quarter: int | None = None) -> Activities:
        """Activities due in calendar ``year``, or in its quarter ``quarter`` (1-4).

        >>> from antitrafficking_plan import load_plan
        >>> "1.1.1" in load_plan().activities.due_in(2015, 4).codes
        True
        """
        if isinstance(year, bool) or not isinstance(year, int):
            raise TypeError(f"year must be an int, not {type(year).__name__}")
        if not 1 <= year <= 9999:
            raise ValueError(f"year must be from 1 to 9999, not {year}")
        if quarter is None:
            return self.due_between(date(year, 1, 1), date(year, 12, 31))
        if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
            raise ValueError(f"quarter must be 1, 2, 3 or 4, not {quarter!r}")
        return self.due_between(first_day(year, quarter), last_day(year, quarter))

    def overdue(self, as_of: date | str) -> Activities:
        """Activities whose due date is before ``as_of`` (not on the due day itself).

        ``as_of`` (a ``datetime.date`` or an ISO string) is always given: there is no
        hidden "today". Activities without a due
        date are never overdue.

        >>> from datetime import date
        >>> from antitrafficking_plan import load_plan
        >>> len(load_plan().activities.overdue(date(2015, 1, 1)))
        0
        """
        as_of = as_date(as_of, "as_of")
        return self._due_runs(0, bisect_left(self._shared.due().dates, as_of))

    def ongoing(self) -> Activities:
        """Activities whose deadline is ONGOING ("ongoing", "vazhdimisht", ...)."""
        return self._restrict_entry("deadline_kind", DeadlineKind.ONGOING)

    def without_due_date(self) -> Activities:
        """Activities with no real deadline: none given, or one with no due date
        (ongoing, onwards, annual). The complement of ``due_by(date.max)``."""
        return self._restrict_entry("@undated", None)

    def with_due_date(self) -> Activities:
        """Activities that have a due date: the complement of :meth:`without_due_date`."""
        return self.due_by(date.max)

    def without_deadline(self) -> Activities:
        """Activities whose source gives no deadline at all (``deadline is None``)."""
        return self._restrict_entry("deadline_kind", None)

    def search(self, text: str) -> Activities:
        """Activities whose text contains ``text``, ignoring case, accents and extra spaces.

        Looks in the description, expected results, indicators and sources of
        verification. A substring match: ``"child"`` finds ``"children"``.

        >>> from antitrafficking_plan import load_plan
        >>> acts = load_plan().activities
        >>> len(acts.search("CHILD")) == len(acts.search("child")) > 0
        True
        """
        if not isinstance(text, str):
            raise TypeError(f"search text must be str, not {type(text).__name__}")
        check_lookup(text, "search text")
        wanted = fold_text(text)
        if not wanted:
            raise ValueError("search text is empty")
        texts, separator = self._shared.texts()  # folded once per activity of the plan
        if separator in wanted:  # only text across two fields could match
            return self._take_shared(())
        if self._whole:  # the loop in C: a flag per activity, as in where()
            return self._take_bits(_bitsets.from_flags(bytes(map(contains, texts, repeat(wanted)))))
        return self._take_shared([pos for pos in self._members() if wanted in texts[pos]])

    def where(self, predicate: Callable[[Activity], bool]) -> Activities:
        """Activities for which ``predicate(activity)`` is true.

        A scan: ``predicate`` is called once per activity, in order, and the loop around it
        is a list comprehension's (the kept activities' positions in the plan are found
        from them when a later call needs them). Prefer the indexed filters where one fits.

        >>> from antitrafficking_plan import load_plan
        >>> acts = load_plan().activities
        >>> len(acts.where(lambda a: a.cost is None)) <= len(acts)
        True
        """
        if not callable(predicate):
            raise TypeError(f"where() needs a callable, not {type(predicate).__name__}")
        # A comprehension calls a Python predicate faster than map() does (Python 3.11
        # calls Python functions from Python code without a C frame).
        if self._shared.distinct():  # positions can be found from the members
            kept = [a for a in self._items if predicate(a)]  # made a tuple when read
            return self._subset(None, None, len(kept), kept)
        keep = [predicate(a) for a in self._items]
        if not self._whole:
            return self._take_shared(list(compress(self._members(), keep)))
        try:
            flag_bytes = bytes(keep)  # bools (or small ints): a flag byte each, in C
        except (TypeError, ValueError):  # other truth values
            flag_bytes = bytes(map(truth, keep))
        return self._take_bits(_bitsets.from_flags(flag_bytes))

    def difference(self, other: Iterable[Activity]) -> Activities:
        """These activities minus those in ``other``, in this collection's order.

        >>> from antitrafficking_plan import load_plan
        >>> acts = load_plan().activities
        >>> len(acts.difference(acts.under("1"))) == len(acts) - len(acts.under("1"))
        True
        """
        return self._select(other, keep=False)

    def intersection(self, other: Iterable[Activity]) -> Activities:
        """These activities that are also in ``other``, in this collection's order."""
        return self._select(other, keep=True)

    def _select(self, other: Iterable[Activity], *, keep: bool) -> Activities:
        if isinstance(other, (str, bytes)) or not isinstance(other, Iterable):
            raise TypeError(
                f"expected activities (an iterable of Activity), not {type(other).__name__}"
            )
        theirs: dict[str, Activity] = {}
        for activity in other:
            if not isinstance(activity, Activity):
                raise TypeError(f"expected Activity objects, not {type(activity).__name__}")
            theirs[activity.code] = activity
        return self._take(
            [
                pos
                for pos, a in enumerate(self._items)
                if ((found := theirs.get(a.code)) is not None and (found is a or found == a))
                is keep
            ]
        )

    # -- export (see :mod:`antitrafficking_plan.export`) -------------------------------
    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per activity (columns in ``export.RECORD_COLUMNS``).

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().activities.under("3.1").to_records()[0]["due"]
        '2016-12-31'
        """
        return export.to_records(self)

    def to_csv(self, path: str | os.PathLike[str] | TextIO) -> None:
        """Write the records as CSV to a path or an open text stream (list columns
        joined with ``"; "``)."""
        export.to_csv(self, path)

    def to_json(self, path: str | os.PathLike[str] | TextIO) -> None:
        """Write the records as a JSON array to a path or an open text stream."""
        export.to_json(self, path)

    def to_pandas(self) -> Any:
        """The records as a ``pandas.DataFrame`` (needs the ``pandas`` extra)."""
        return export.to_pandas(self)

    def to_polars(self) -> Any:
        """The records as a ``polars.DataFrame`` (needs the ``polars`` extra)."""
        return export.to_polars(self)

    # -- aggregations ------------------------------------------------------------------
    def _key_groups(self, key: object) -> Iterable[tuple[Any, _Members]]:
        """``(domain key, members)`` pairs for ``key``, largest first, ties in order of
        first appearance: members in the shared items (positions or a bitset) for a field
        name, positions in this collection for a function."""
        if isinstance(key, str):
            if key not in KEY_NAMES:
                close = close_matches(key, KEY_NAMES, 0.6)[:1]
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ValueError(
                    f"unknown key {key!r}{hint}; accepted names are {', '.join(KEY_NAMES)} "
                    "(or pass a function of an Activity)"
                )
            ranked: list[tuple[Any, _Members]] = sorted(self._index(key).items(), key=_by_size)
            if key in _INSTITUTION_KEYS:
                # A fragment of a name identifies no institution: it is never counted.
                insts = self._institutions_by_code()
                found = ((insts[cast(str, k)], v) for k, v in ranked)
                return [(inst, v) for inst, v in found if inst.is_identified]
            if key == "deadline_quarter":
                return [(_to_quarter(k), v) for k, v in ranked]
            return ranked
        if callable(key):
            return sorted(_group_function(self._items, key).items(), key=_by_size)
        raise TypeError(
            f"key must be one of {', '.join(KEY_NAMES)} or a function, not {type(key).__name__}"
        )

    @overload
    def count_by(self, key: _InstitutionKey) -> Counts[Institution]: ...
    @overload
    def count_by(self, key: _ObjectiveKey) -> Counts[str]: ...
    @overload
    def count_by(self, key: Literal["deadline"]) -> Counts[Deadline | None]: ...
    @overload
    def count_by(self, key: Literal["deadline_year"]) -> Counts[int | None]: ...
    @overload
    def count_by(self, key: Literal["deadline_quarter"]) -> Counts[Quarter | None]: ...
    @overload
    def count_by(self, key: Literal["deadline_kind"]) -> Counts[DeadlineKind | None]: ...
    @overload
    def count_by(self, key: Literal["funding_source"]) -> Counts[FundingSource]: ...
    @overload
    def count_by(self, key: Callable[[Activity], tuple[K, ...] | list[K]]) -> Counts[K]: ...
    @overload
    def count_by(self, key: Callable[[Activity], K]) -> Counts[K]: ...
    def count_by(self, key: str | Callable[[Activity], Any]) -> Counts[Any]:
        """How many activities have each value of ``key``, most frequent first.

        ``key`` is a field name (see :data:`KEY_NAMES`) or a function of an activity.
        Multi-valued keys (``"responsible"``, ``"supporting"``, ``"institution"``,
        ``"funding_source"``, or a function returning a ``tuple`` or ``list``) count an
        activity once under each distinct value; an activity with no value (no responsible
        institution, an empty tuple) is counted under none. To use a tuple itself as one
        key, return it inside a list: ``lambda a: [(a.code, a.deadline)]``. Single-valued
        keys count every activity, ``None`` included (``"deadline_year"`` is ``None`` for
        an activity without a due date). Keys are domain values (:class:`Institution`,
        :class:`Quarter`, ...); ties keep the order of first appearance. Institution keys
        leave out fragments of names (:attr:`Institution.is_identified` is false): they
        identify no institution.

        Agrees with :meth:`group_by`: ``count_by(k) == group_by(k).counts()``.

        >>> from antitrafficking_plan import load_plan
        >>> counts = load_plan().activities.count_by("strategic_objective")
        >>> dict(counts)
        {'2': 31, '4': 23, '1': 20, '3': 12}
        """
        return Counts._trusted({k: _size_of(v) for k, v in self._key_groups(key)})

    @overload
    def group_by(self, key: _InstitutionKey) -> Groups[Institution]: ...
    @overload
    def group_by(self, key: _ObjectiveKey) -> Groups[str]: ...
    @overload
    def group_by(self, key: Literal["deadline"]) -> Groups[Deadline | None]: ...
    @overload
    def group_by(self, key: Literal["deadline_year"]) -> Groups[int | None]: ...
    @overload
    def group_by(self, key: Literal["deadline_quarter"]) -> Groups[Quarter | None]: ...
    @overload
    def group_by(self, key: Literal["deadline_kind"]) -> Groups[DeadlineKind | None]: ...
    @overload
    def group_by(self, key: Literal["funding_source"]) -> Groups[FundingSource]: ...
    @overload
    def group_by(self, key: Callable[[Activity], tuple[K, ...] | list[K]]) -> Groups[K]: ...
    @overload
    def group_by(self, key: Callable[[Activity], K]) -> Groups[K]: ...
    def group_by(self, key: str | Callable[[Activity], Any]) -> Groups[Any]:
        """The activities under each value of ``key``, largest group first.

        Same keys and rules as :meth:`count_by`; each group is an ``Activities`` in plan
        order, so it chains on.

        >>> from antitrafficking_plan import load_plan
        >>> groups = load_plan().activities.group_by("responsible")
        >>> mlsw = next(i for i in groups if i.code == "MLSW")
        >>> groups[mlsw].codes[:3]
        ('1.1.3', '1.3.1', '1.3.2')
        """
        if callable(key):
            groups = self._key_groups(key)
            return Groups._trusted({k: self._take(cast(Sequence[int], v)) for k, v in groups})
        return Groups._trusted({k: self._take_members(v) for k, v in self._key_groups(key)})


def _by_size(item: tuple[Hashable, _Members]) -> int:
    return -_size_of(item[1])


def _first_position(item: tuple[Hashable, _Members]) -> int:
    return _first_of(item[1])


def _pick(items: Sequence[Any], positions: Sequence[int]) -> tuple[Any, ...]:
    """``items`` at ``positions``, as a tuple."""
    if not positions:
        return ()
    if len(positions) == 1:
        return (items[positions[0]],)
    return cast(tuple[Any, ...], itemgetter(*positions)(items))


def _to_quarter(value: Hashable) -> Quarter | None:
    if value is None:
        return None
    year, quarter = cast(tuple[int, int], value)
    return Quarter(year, quarter)


class Groups(TabularMap[K, Activities]):
    """The activities under each key, largest group first (ties in order of first
    appearance); returned by ``Activities.group_by``. Each group keeps plan order.
    As a table (:meth:`to_records`, ``to_pandas``, ``to_polars``) it is in long form: one
    row per (group, activity code), to join to ``Activities.to_pandas()`` on ``code``.

    >>> from antitrafficking_plan import load_plan
    >>> groups = load_plan().activities.group_by("strategic_objective")
    >>> groups["3"].codes[0]
    '3.1.1'
    """

    __slots__ = ()

    def counts(self) -> Counts[K]:
        """The size of each group, as :class:`Counts` (equal to ``count_by`` of the key)."""
        counts: Counts[K] = Counts._trusted({k: len(v) for k, v in self._data.items()})
        return counts

    def _value_text(self, value: Activities) -> str:
        return f"{len(value)} activities"

    def to_records(self, key: str = "key") -> list[dict[str, Any]]:
        """The groups in long form, one dict per (group, activity): ``{key: cell,
        "code": activity code}``, largest group first and plan order within a group
        (institution keys by code, quarters and deadlines by their text).

        >>> from antitrafficking_plan import load_plan
        >>> groups = load_plan().activities.group_by("strategic_objective")
        >>> groups.to_records("objective")[0]
        {'objective': '2', 'code': '2.1.1'}
        """
        return [
            {key: cell, "code": a.code}
            for k, group in self._data.items()
            for cell in (key_cell(k),)
            for a in group
        ]

    def _columns(self, key: str, records: list[dict[str, Any]]) -> _frames.Columns:
        return ((key, key_type(r[key] for r in records)), ("code", "str"))
