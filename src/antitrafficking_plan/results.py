"""Result containers: immutable, ordered mappings that query helpers return.

>>> from antitrafficking_plan.results import Counts
>>> Counts({"MLSW": 3, "MoJ": 1}).total
4
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from . import _frames
from ._display import html_of
from .model import Institution

__all__ = ["Counts", "FrozenMap", "TabularMap", "key_cell", "key_type"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_M = TypeVar("_M", bound="FrozenMap[Any, Any]")

_REPR_LIMIT = 12


def _key_text(key: object) -> str:
    if key is None or type(key) in (str, int, float, bool):
        return repr(key)
    return str(key)


def key_cell(key: object) -> object:
    """A result key as a table cell: an institution by its code, an enum member by its
    value, numbers, text and ``None`` as they are, anything else (a quarter, a deadline)
    as its text."""
    if key is None or type(key) in (str, int, float, bool):
        return key
    if isinstance(key, Institution):
        return key.code
    if isinstance(key, enum.Enum):
        return key.value
    return str(key)


def key_type(cells: Iterable[object]) -> _frames.ColumnType:
    """The frame column type of key cells: whole numbers (missing allowed), else text."""
    present = [c for c in cells if c is not None]
    if present and all(type(c) is int for c in present):
        return "int?"
    return "str"


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """An immutable mapping that keeps its insertion order.

    >>> m = FrozenMap({"b": 2, "a": 1})
    >>> list(m), m["a"]
    (['b', 'a'], 1)
    """

    __slots__ = ("_data",)

    _data: dict[K, V]

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        object.__setattr__(self, "_data", dict(items))

    @classmethod
    def _trusted(cls: type[_M], data: dict[Any, Any]) -> _M:
        new = cls.__new__(cls)
        object.__setattr__(new, "_data", data)
        return new

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __reduce__(self) -> tuple[object, ...]:
        # A copy: handing out ``_data`` itself would let the caller change this map.
        return (type(self), (dict(self._data),))

    def __hash__(self) -> int:
        """Equal maps hash equal (order aside, as for ``==``); values must be hashable.

        >>> hash(FrozenMap({"a": 1, "b": 2})) == hash(FrozenMap({"b": 2, "a": 1}))
        True
        """
        return hash(frozenset(self._data.items()))

    def _value_text(self, value: V) -> str:
        return repr(value)

    def __repr__(self) -> str:
        shown = [
            f"{_key_text(k)}: {self._value_text(v)}"
            for k, v in list(self._data.items())[:_REPR_LIMIT]
        ]
        if len(self._data) > _REPR_LIMIT:
            shown.append(f"… ({len(self._data)} keys in all)")
        return f"{type(self).__name__}({{{', '.join(shown)}}})"

    def _repr_html_(self) -> str:
        """A key/value table, for notebooks."""
        return html_of(self)


class TabularMap(FrozenMap[K, V]):
    """A result mapping that is also a table: :meth:`to_records` gives its rows, and
    :meth:`to_pandas` / :meth:`to_polars` the same rows as a data frame, the key column
    named ``key`` (pandas and polars are imported only when called)."""

    __slots__ = ()

    def to_records(self, key: str = "key") -> list[dict[str, Any]]:
        """The rows of the table, one dict each."""
        raise NotImplementedError

    def _columns(self, key: str, records: list[dict[str, Any]]) -> _frames.Columns:
        raise NotImplementedError

    def to_pandas(self, key: str = "key") -> Any:
        """The rows of :meth:`to_records` as a ``pandas.DataFrame`` (needs the ``pandas``
        extra)."""
        records = self.to_records(key)
        return _frames.to_pandas(self._columns(key, records), records)

    def to_polars(self, key: str = "key") -> Any:
        """The rows of :meth:`to_records` as a ``polars.DataFrame`` (needs the ``polars``
        extra)."""
        records = self.to_records(key)
        return _frames.to_polars(self._columns(key, records), records)


class Counts(TabularMap[K, int]):
    """How many activities have each key, most frequent first (ties in order of first
    appearance); returned by ``Activities.count_by``.

    >>> from antitrafficking_plan import load_plan
    >>> counts = load_plan().activities.count_by("responsible")
    >>> top, n = counts.most_common(1)[0]
    >>> n == max(counts.values())
    True
    """

    __slots__ = ()

    @property
    def total(self) -> int:
        """The sum of the counts: the number of (activity, key) pairs."""
        return sum(self._data.values())

    def most_common(self, n: int | None = None) -> tuple[tuple[K, int], ...]:
        """The ``n`` largest counts (all if ``n`` is None), as ``(key, count)`` pairs."""
        items = tuple(self._data.items())
        return items if n is None else items[: max(n, 0)]

    def to_records(self, key: str = "key") -> list[dict[str, Any]]:
        """One dict per key, most frequent first: ``{key: cell, "count": n}``; institutions
        are given by code, quarters and deadlines by their text.

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().activities.count_by("strategic_objective").to_records("objective")[0]
        {'objective': '2', 'count': 31}
        """
        return [{key: key_cell(k), "count": n} for k, n in self._data.items()]

    def _columns(self, key: str, records: list[dict[str, Any]]) -> _frames.Columns:
        return ((key, key_type(r[key] for r in records)), ("count", "int"))
