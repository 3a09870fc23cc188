"""``Activities``: an immutable, ordered collection of activities whose filters chain.

>>> from antitrafficking_plan import load_plan
>>> acts = load_plan().activities
>>> len(acts.under("1.1")) <= len(acts)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from types import MappingProxyType
from typing import overload

from .errors import UnknownNameError
from .model import Activity
from .registry import InstitutionRegistry

__all__ = ["Activities"]


class Activities(Sequence[Activity]):
    """An immutable sequence of :class:`Activity` in plan order.

    Filters return a new ``Activities`` so calls chain. The collection knows the
    institution registry of its plan, so institutions can be named by code, alias or name.
    """

    __slots__ = ("_items", "_registry", "_by_code")

    def __init__(
        self, activities: Iterable[Activity] = (), registry: InstitutionRegistry | None = None
    ) -> None:
        items = tuple(activities)
        for item in items:
            if not isinstance(item, Activity):
                raise TypeError(f"Activities holds Activity objects, not {type(item).__name__}")
        object.__setattr__(self, "_items", items)
        object.__setattr__(
            self,
            "_registry",
            registry
            if registry is not None
            else InstitutionRegistry({i.code: i for a in items for i in a.institutions}.values()),
        )
        object.__setattr__(self, "_by_code", MappingProxyType({a.code: a for a in items}))

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
    def __getitem__(self, index: int) -> Activity: ...
    @overload
    def __getitem__(self, index: slice) -> Activities: ...
    def __getitem__(self, index: int | slice) -> Activity | Activities:
        if isinstance(index, slice):
            return self._derive(self._items[index])
        return self._items[index]

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Activity):
            return self._by_code.get(item.code) == item
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

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self._items, self._registry))

    def _derive(self, items: Iterable[Activity]) -> Activities:
        return type(self)(items, self._registry)

    # -- lookups -----------------------------------------------------------------------
    @property
    def registry(self) -> InstitutionRegistry:
        """The institution registry used to resolve names in filters."""
        return self._registry

    @property
    def codes(self) -> tuple[str, ...]:
        """The activity codes, in order."""
        return tuple(a.code for a in self._items)

    def get(self, code: str) -> Activity | None:
        """The activity with this code, or None."""
        return self._by_code.get(code)

    def activity(self, code: str) -> Activity:
        """The activity with this code; raises :class:`UnknownNameError` with close codes."""
        found = self._by_code.get(code)
        if found is None:
            import difflib

            close = difflib.get_close_matches(str(code), list(self._by_code), n=3, cutoff=0.5)
            raise UnknownNameError("activity code", str(code), close)
        return found

    # -- filters -----------------------------------------------------------------------
    def under(self, objective_code: str) -> Activities:
        """Activities under a strategic (``"2"``) or specific (``"2.3"``) objective.

        ``"1.1"`` never matches ``1.10.x``.
        """
        prefix = objective_code.rstrip(".") + "."
        return self._derive(a for a in self._items if a.code.startswith(prefix))
