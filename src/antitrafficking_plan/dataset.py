"""The bundled plan, loaded lazily from package data and cached.

>>> from antitrafficking_plan import load_plan
>>> load_plan() is load_plan()
True
"""

from __future__ import annotations

import json
import os
import threading
from typing import Any

from ._bundled import build_trusted_plan
from .codec import read_plan_file, write_plan_file
from .plan import Plan

__all__ = [
    "BUNDLED_PLAN_FILE",
    "SCHEMA_FILE",
    "SOURCE_COPY_FILE",
    "dump_plan",
    "load_plan",
    "plan_json_schema",
    "source_lines",
]

#: The bundled plan, in package data.
BUNDLED_PLAN_FILE = "kosovo_2015_2019.json"
#: The copy of the PDF-to-text extraction the bundled plan was curated from.
SOURCE_COPY_FILE = "kosovo_2015_2019_source.txt"
#: The JSON Schema (draft 2020-12) of the plan file format.
SCHEMA_FILE = "plan.schema.json"

_lock = threading.Lock()
_bundled: Plan | None = None


_DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def _data_text(name: str) -> str:
    """A package data file's text. Read straight from the package folder when it is one
    (importing :mod:`importlib.resources` costs more than reading the plan); through
    :mod:`importlib.resources` when the package lives in a zip or another loader."""
    try:
        with open(os.path.join(_DATA_DIR, name), encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        from importlib import resources

        data = resources.files("antitrafficking_plan").joinpath("data")
        return data.joinpath(name).read_text("utf-8")


def load_plan(path: str | os.PathLike[str] | None = None) -> Plan:
    """The bundled Kosovo plan 2015–2019, or the plan in the JSON file at ``path``.

    The bundled plan is read on first use and cached: every call returns the same
    (immutable) object. A file is validated fully; any problem raises
    :class:`~antitrafficking_plan.PlanLoadError` listing every problem with its JSON path.
    Only a regular file is read, of at most ``MAX_PLAN_BYTES``: a FIFO, a device such as
    ``/dev/zero``, a directory or a path with a NUL character is refused before it is
    opened, so loading never blocks or reads on without end.
    """
    global _bundled
    if path is not None:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
        return read_plan_file(path)
    if _bundled is None:
        with _lock:
            if _bundled is None:
                # Package data, validated by the test suite through the full loader (see
                # tests/test_codec.py): built directly, so importing stays light.
                _bundled = build_trusted_plan(json.loads(_data_text(BUNDLED_PLAN_FILE)))
    return _bundled


def dump_plan(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write ``plan`` to ``path`` so that :func:`load_plan` reads it back equal.

    The file is replaced whole or not at all: the text is written to a temporary file
    beside it, flushed to disk and renamed over it, so a failed or killed write never
    leaves a truncated plan behind. An existing file keeps its permission bits, a symbolic
    link is written through to its target, and a target that is not a regular file (such
    as ``/dev/null``) is refused; every failure is a
    :class:`~antitrafficking_plan.errors.PlanWriteError` naming the path and the reason.

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "plan.json")
    ...     dump_plan(load_plan(), path)
    ...     load_plan(path) == load_plan()
    True
    """
    if not isinstance(plan, Plan):
        raise TypeError(f"expected a Plan, got {type(plan).__name__}")
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    write_plan_file(plan, path)


def source_lines() -> tuple[str, ...]:
    """The lines of the bundled source copy; ``source_lines()[n - 1]`` is line ``n``,
    the line numbers that :class:`~antitrafficking_plan.Provenance` cites."""
    return tuple(_data_text(SOURCE_COPY_FILE).split("\n"))


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the plan file format, as a new dict each call.

    It checks the shape of a file; the cross-record rules (unique codes, the hierarchy,
    institution references, deadline texts) are checked by :func:`load_plan`.

    >>> plan_json_schema()["properties"]["format"]
    {'const': 'antitrafficking-plan'}
    """
    schema: dict[str, Any] = json.loads(_data_text(SCHEMA_FILE))
    return schema
