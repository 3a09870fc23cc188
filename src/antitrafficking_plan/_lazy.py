"""Modules named at the top of a module but imported when first used.

``dataset`` reads and writes every plan format and a ``Plan`` summarizes itself, yet
``load_plan()`` of the bundled plan needs none of the formats' modules nor
``aggregate``. ``dataset`` and ``plan`` name them at their top like any import, under
``TYPE_CHECKING`` (so mypy, import-linter and ``tests/test_layers.py`` see the same
dependency graph as before), and bind each, at run time, to an :class:`OnFirstUse`: the
module is imported when one of its attributes is first read. ``import
antitrafficking_plan; load_plan()`` then never imports the spreadsheet, CSV, data package,
JSON codec and summary modules (see the cold start in ``docs/performance.md``).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["OnFirstUse"]


class OnFirstUse:
    """Stands for the module ``name`` and imports it when an attribute is first read
    (importing is thread-safe; later reads find it in :data:`sys.modules`).

    >>> json = OnFirstUse("json")
    >>> json.dumps([1])
    '[1]'
    """

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<module {self._name!r}, imported on first use>"
