"""``Activities``: an immutable, ordered collection of activities whose filters chain.

Every filter returns a new ``Activities`` in plan order, so questions compose::

    plan.activities.involving("MLSW", role="responsible").due_in(2016)

Aggregations (:meth:`Activities.count_by`, :meth:`Activities.group_by`) return immutable,
ordered mappings (:class:`~antitrafficking_plan.results.Counts`,
:class:`Groups`) keyed by the domain values themselves.

Lookups by institution, by objective and by due date use indexes that each collection
builds lazily, once, on first use; after that a filter costs what it returns.

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

import difflib
import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import chain
from operator import itemgetter
from types import MappingProxyType
from typing import Any, Literal, TextIO, TypeVar, cast, get_args, overload

from . import _frames, export
from ._dates import as_date
from ._display import html_of
from ._limits import check_lookup
from ._text import fold_text
from .deadline import Deadline, DeadlineKind
from .errors import UnknownNameError
from .model import Activity, FundingSource, Institution
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


def _index_single(items: Sequence[Activity], fn: Callable[[Activity], Hashable]) -> _Index:
    index: _Index = {}
    for pos, activity in enumerate(items):
        key = fn(activity)
        positions = index.get(key)
        if positions is None:
            index[key] = [pos]
        else:
            positions.append(pos)
    return index


def _index_multi(items: Sequence[Activity], fn: Callable[[Activity], Iterable[Hashable]]) -> _Index:
    index: _Index = {}
    for pos, activity in enumerate(items):
        for key in fn(activity):
            positions = index.get(key)
            if positions is None:
                index[key] = [pos]
            elif positions[-1] != pos:  # the same key twice in one activity counts once
                positions.append(pos)
    return index


def _group_function(
    items: Sequence[Activity], fn: Callable[[Activity], object]
) -> dict[Hashable, list[Activity]]:
    """Activities grouped by ``fn`` (a tuple or list return puts one in several groups)."""
    groups: dict[Any, list[Activity]] = {}
    try:
        for activity in items:
            key = fn(activity)
            if type(key) is tuple or type(key) is list:
                return _group_function_multi(items, fn)
            members = groups.get(key)
            if members is None:
                groups[key] = [activity]
            else:
                members.append(activity)
    except TypeError:
        _check_hashable(key, activity)
        raise
    return groups


def _group_function_multi(
    items: Sequence[Activity], fn: Callable[[Activity], object]
) -> dict[Hashable, list[Activity]]:
    groups: dict[Any, list[Activity]] = {}
    for activity in items:
        value = fn(activity)
        keys = value if type(value) is tuple or type(value) is list else (value,)
        for key in keys:
            _check_hashable(key, activity)
            members = groups.get(key)
            if members is None:
                groups[key] = [activity]
            elif members[-1] is not activity:  # the same key twice in one activity: once
                members.append(activity)
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


class Activities(Sequence[Activity]):
    """An immutable sequence of :class:`Activity` in plan order.

    Filters return a new ``Activities`` so calls chain. The collection knows the
    institution registry of its plan, so institutions can be named by code, alias or name.

    >>> from antitrafficking_plan import load_plan
    >>> acts = load_plan().activities
    >>> acts.involving("MLSW").under("2") == acts.under("2").involving("MLSW")
    True
    """

    __slots__ = ("_by_code", "_cache", "_items", "_registry")

    _items: tuple[Activity, ...]
    _registry: InstitutionRegistry | None  # built on first use when not given
    _by_code: Mapping[str, Activity] | None
    _cache: dict[str, Any]

    def __init__(
        self, activities: Iterable[Activity] = (), registry: InstitutionRegistry | None = None
    ) -> None:
        items = tuple(activities)
        for item in items:
            if not isinstance(item, Activity):
                raise TypeError(f"Activities holds Activity objects, not {type(item).__name__}")
        if registry is not None and not isinstance(registry, InstitutionRegistry):
            raise TypeError(f"registry must be an InstitutionRegistry, not {type(registry)!r}")
        object.__setattr__(self, "_items", items)
        object.__setattr__(self, "_registry", registry)
        object.__setattr__(self, "_by_code", None)
        object.__setattr__(self, "_cache", {})

    @classmethod
    def _trusted(
        cls, items: tuple[Activity, ...], registry: InstitutionRegistry | None
    ) -> Activities:
        """A collection of already-checked items (no per-item validation: O(1))."""
        new = cls.__new__(cls)
        object.__setattr__(new, "_items", items)
        object.__setattr__(new, "_registry", registry)
        object.__setattr__(new, "_by_code", None)
        object.__setattr__(new, "_cache", {})
        return new

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    # -- sequence protocol -------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._items)

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
            return self._derive(self._items[index])
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
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        codes = ", ".join(a.code for a in self._items[:5])
        more = f", … ({len(self._items)} in all)" if len(self._items) > 5 else ""
        return f"<Activities [{codes}{more}]>"

    def _repr_html_(self) -> str:
        """A compact HTML table for notebooks (first rows; all text escaped)."""
        return html_of(self)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self._items, self.registry))

    def _derive(self, items: Iterable[Activity]) -> Activities:
        return self._trusted(tuple(items), self.registry)

    def _take(self, positions: Sequence[int]) -> Activities:
        """The activities at ``positions`` (ascending), as a new collection."""
        items = self._items
        n = len(positions)
        if n == len(items):
            return self
        if n == 0:
            taken: tuple[Activity, ...] = ()
        elif n == 1:
            taken = (items[positions[0]],)
        else:
            taken = itemgetter(*positions)(items)
        return self._trusted(taken, self.registry)

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
            wanted = code.strip()
            close = difflib.get_close_matches(wanted, list(self._codes_map()), n=3, cutoff=0.5)
            raise UnknownNameError("activity code", code, close)
        return found

    def _index(self, name: str) -> _Index:
        cache = self._cache
        index: _Index | None = cache.get(name)
        if index is None:
            if name in _MULTI:
                index = _index_multi(self._items, _MULTI[name])
            else:
                index = _index_single(self._items, _SINGLE[name])
            cache[name] = index
        return index

    def _institutions_by_code(self) -> dict[str, Institution]:
        found: dict[str, Institution] | None = self._cache.get("@institutions")
        if found is None:
            found = {}
            for activity in self._items:
                for inst in chain(activity.responsible, activity.supporting):
                    found.setdefault(inst.code, inst)
            self._cache["@institutions"] = found
        return found

    def _due_index(self) -> tuple[list[date], list[list[int]], list[int]]:
        """Sorted distinct due dates, the positions due on each, the positions with none."""
        cached: tuple[list[date], list[list[int]], list[int]] | None = self._cache.get("@due")
        if cached is None:
            by_due: dict[date, list[int]] = {}
            undated: list[int] = []
            for pos, activity in enumerate(self._items):
                due = activity.deadline.due if activity.deadline is not None else None
                if due is None:
                    undated.append(pos)
                    continue
                positions = by_due.get(due)
                if positions is None:
                    by_due[due] = [pos]
                else:
                    positions.append(pos)
            dates = sorted(by_due)
            cached = (dates, [by_due[d] for d in dates], undated)
            self._cache["@due"] = cached
        return cached

    def _due_runs(self, lo: int, hi: int) -> Activities:
        _, runs, _ = self._due_index()
        selected = runs[lo:hi]
        if not selected:
            return self._trusted((), self.registry)
        if len(selected) == 1:
            return self._take(selected[0])
        # Each run is ascending, so sorting their concatenation is a cheap run merge.
        return self._take(sorted(chain.from_iterable(selected)))

    def _search_texts(self) -> tuple[str, ...]:
        texts: tuple[str, ...] | None = self._cache.get("@search")
        if texts is None:
            # Fields joined by a newline, which folded text (the query included) never
            # holds, so no query can match across two fields.
            texts = tuple(
                "\n".join(fold_text(text) for _, text in a.text_fields()) for a in self._items
            )
            self._cache["@search"] = texts
        return texts

    # -- filters -----------------------------------------------------------------------
    def under(self, objective_code: str) -> Activities:
        """Activities under a strategic (``"2"``) or specific (``"2.3"``) objective.

        ``"1.1"`` never matches ``1.10.x``. An objective the activities do not fall under
        gives an empty collection (a collection does not know its plan's objectives: use
        ``plan.objective(code)`` to check that a code exists).

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().activities.under("1.1")[0].code
        '1.1.1'
        """
        if not isinstance(objective_code, str):
            raise TypeError(f"objective_code must be str, not {type(objective_code).__name__}")
        code = objective_code.strip().rstrip(".")
        if not _OBJECTIVE_CODE.fullmatch(code):
            raise ValueError(
                f"{objective_code!r} is not an objective code; give a strategic objective "
                "such as '2' or a specific one such as '2.3'"
            )
        prefix = code + "."
        return self._derive(a for a in self._items if a.code.startswith(prefix))

    def involving(
        self, institution: str | Institution, role: RoleFilter | None = None
    ) -> Activities:
        """Activities in which ``institution`` is responsible, supporting, or either.

        ``institution`` is a code, alias or name (any case) or an :class:`Institution` of
        the registry; ``role`` is ``"responsible"``, ``"supporting"``, or ``"any"`` (or
        ``None``) for either, as on the command line. An unknown name raises
        :class:`UnknownNameError` naming close matches (``"labour"`` suggests MLSW); an
        unknown role raises :class:`ValueError`. Indexed: costs what it returns.

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
        inst = self.registry.lookup(institution)
        index = self._index("institution" if role is None or role == "any" else role)
        positions = index.get(inst.code)
        if positions is None:
            return self._trusted((), self.registry)
        return self._take(positions)

    def due_between(self, start: date | str, end: date | str) -> Activities:
        """Activities whose due date lies in ``start..end`` (both ends included).

        Dates are ``datetime.date`` objects or ISO strings (``"2016-12-31"``), as in every
        date parameter of the library. Activities without a due date (none given, ongoing,
        onwards, annual) are left out. Raises :class:`TypeError` for non-dates,
        :class:`ValueError` for a string that is not an ISO date or if ``start > end``.
        Indexed: costs what it returns.

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
        dates, _, _ = self._due_index()
        return self._due_runs(bisect_left(dates, start), bisect_right(dates, end))

    def due_by(self, day: date | str) -> Activities:
        """Activities due on or before ``day`` (those without a due date left out).

        ``day`` is a ``datetime.date`` or an ISO string:

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().activities.due_by("2015-12-31").codes
        ('1.1.1', '1.1.9', '4.2.2')
        """
        day = as_date(day, "day")
        dates, _, _ = self._due_index()
        return self._due_runs(0, bisect_right(dates, day))

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
        dates, _, _ = self._due_index()
        return self._due_runs(0, bisect_left(dates, as_of))

    def ongoing(self) -> Activities:
        """Activities whose deadline is ONGOING ("ongoing", "vazhdimisht", ...)."""
        positions = self._index("deadline_kind").get(DeadlineKind.ONGOING, ())
        return self._take(positions) if positions else self._trusted((), self.registry)

    def without_due_date(self) -> Activities:
        """Activities with no real deadline: none given, or one with no due date
        (ongoing, onwards, annual). The complement of ``due_by(date.max)``."""
        _, _, undated = self._due_index()
        return self._take(undated) if undated else self._trusted((), self.registry)

    def with_due_date(self) -> Activities:
        """Activities that have a due date: the complement of :meth:`without_due_date`."""
        return self.due_by(date.max)

    def without_deadline(self) -> Activities:
        """Activities whose source gives no deadline at all (``deadline is None``)."""
        return self.where(lambda a: a.deadline is None)

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
        texts = self._search_texts()
        return self._take([pos for pos, blob in enumerate(texts) if wanted in blob])

    def where(self, predicate: Callable[[Activity], bool]) -> Activities:
        """Activities for which ``predicate(activity)`` is true.

        >>> from antitrafficking_plan import load_plan
        >>> acts = load_plan().activities
        >>> len(acts.where(lambda a: a.cost is None)) <= len(acts)
        True
        """
        if not callable(predicate):
            raise TypeError(f"where() needs a callable, not {type(predicate).__name__}")
        items = self._items
        return self._take([pos for pos, a in enumerate(items) if predicate(a)])

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
    def _key_groups(self, key: object) -> Iterable[tuple[Any, Sequence[Any]]]:
        """``(domain key, positions or activities)`` pairs for ``key``, largest first,
        ties in order of first appearance."""
        if isinstance(key, str):
            if key not in KEY_NAMES:
                raise ValueError(
                    f"unknown key {key!r}; accepted names are {', '.join(KEY_NAMES)} "
                    "(or pass a function of an Activity)"
                )
            ranked = sorted(self._index(key).items(), key=_by_size)
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
        return Counts._trusted({k: len(v) for k, v in self._key_groups(key)})

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
        registry = self.registry
        if callable(key):
            return Groups._trusted(
                {k: self._trusted(tuple(v), registry) for k, v in self._key_groups(key)}
            )
        return Groups._trusted({k: self._take(v) for k, v in self._key_groups(key)})


def _by_size(item: tuple[Hashable, Sequence[Any]]) -> int:
    return -len(item[1])


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
