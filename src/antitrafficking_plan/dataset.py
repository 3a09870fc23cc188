"""The bundled plan, loaded lazily from package data and cached.

>>> from antitrafficking_plan import load_plan
>>> load_plan() is load_plan()
True
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Mapping
from typing import IO, TYPE_CHECKING, Any, Literal, get_args

from ._files import write_text_atomically
from ._lazy import OnFirstUse
from ._plain import plan_from_body
from .errors import PlanFormatError, PlanLoadError
from .model import Institution
from .plan import Plan
from .registry import InstitutionRegistry

# The formats' modules, imported when a file is first read or written: the bundled plan
# needs none of them, and they are a sixth of a cold ``import; load_plan()``.
if TYPE_CHECKING:
    from . import codec, csvtables, datapackage, workbook
else:
    codec = OnFirstUse(f"{__package__}.codec")
    csvtables = OnFirstUse(f"{__package__}.csvtables")
    datapackage = OnFirstUse(f"{__package__}.datapackage")
    workbook = OnFirstUse(f"{__package__}.workbook")

__all__ = [
    "BUNDLED_PLAN_FILE",
    "FORMATS",
    "SCHEMA_FILE",
    "SOURCE_COPY_FILE",
    "PlanFormat",
    "dump_plan",
    "load_plan",
    "plan_format",
    "plan_json_schema",
    "source_lines",
]

#: The file formats a plan is read from and written to: the library's JSON file, an Excel
#: workbook, one CSV of activities, and a Frictionless Data Package.
PlanFormat = Literal["json", "xlsx", "csv", "datapackage"]
FORMATS: tuple[PlanFormat, ...] = get_args(PlanFormat)
_SUFFIXES: dict[str, PlanFormat] = {".json": "json", ".xlsx": "xlsx", ".csv": "csv"}

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


def plan_format(path: str | os.PathLike[str]) -> PlanFormat:
    """The format of the plan at ``path``, told by its name: ``datapackage.json``, a
    folder or a name without a suffix is a data package (but an existing file without a
    suffix is the library's JSON); otherwise the suffix ``.json``, ``.xlsx`` or ``.csv``
    says.

    >>> plan_format("plan.xlsx"), plan_format("open-data/datapackage.json")
    ('xlsx', 'datapackage')
    """
    from pathlib import Path  # stdlib, imported on first use: importing the package stays light

    p = Path(path)
    if p.name == datapackage.DESCRIPTOR or p.is_dir():
        return "datapackage"
    if not p.suffix:
        return "json" if p.exists() else "datapackage"
    found = _SUFFIXES.get(p.suffix.lower())
    if found is None:
        raise PlanFormatError(
            f"{p}: cannot tell the plan format from the name; use a name ending in "
            f".json, .xlsx or .csv, a folder or {datapackage.DESCRIPTOR} for a data package, "
            f"or give format= (one of {', '.join(FORMATS)})"
        )
    return found


def _chosen(format: str | None, path: Any) -> PlanFormat:
    if format is None:
        if isinstance(path, (str, os.PathLike)):
            return plan_format(path)
        return "json"
    for known in FORMATS:
        if format == known:
            return known
    raise PlanFormatError(f"unknown plan format {format!r}; the formats are {', '.join(FORMATS)}")


def load_plan(
    path: str | os.PathLike[str] | IO[str] | IO[bytes] | None = None,
    format: str | None = None,
    *,
    registry: InstitutionRegistry | Iterable[Institution] | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Plan:
    """The bundled Kosovo plan 2015–2019, or the plan at ``path``.

    ``path`` is a JSON plan file (``.json``), an Excel workbook (``.xlsx``), one CSV of
    activities (``.csv``) or a Frictionless Data Package (``datapackage.json`` or its
    folder); ``format`` (one of :data:`FORMATS`) overrides what the name says. An open
    stream is read too: JSON or CSV text, or a workbook's bytes (``format`` is needed but
    for JSON). ``registry`` and ``metadata`` serve a CSV of activities (or a workbook
    without ``institutions`` or ``plan`` sheets): the institutions its names are looked
    up in, and the plan's title, jurisdiction, issuer, period (see
    :func:`~antitrafficking_plan.tables.plan_from_tables`).

    The bundled plan is read on first use and cached: every call returns the same
    (immutable) object. A file is validated fully; any problem raises
    :class:`~antitrafficking_plan.PlanLoadError` listing every problem (with its JSON
    path, or its sheet, row and column: a
    :class:`~antitrafficking_plan.errors.PlanTableError`). Never a partial plan.
    Only a regular file is read, of at most ``MAX_PLAN_BYTES``: a FIFO, a device such as
    ``/dev/zero``, a directory or a path with a NUL character is refused before it is
    opened, so loading never blocks or reads on without end.
    """
    global _bundled
    if path is not None:
        if isinstance(path, bytes):
            raise TypeError("path must be a str or os.PathLike, not bytes")
        if not isinstance(path, (str, os.PathLike)) and not hasattr(path, "read"):
            raise TypeError(
                f"path must be a str, os.PathLike or open stream, not {type(path).__name__}"
            )
        try:
            chosen = _chosen(format, path)
        except PlanFormatError as exc:
            raise PlanLoadError(str(exc)) from None
        return _read(chosen, path, registry, metadata)
    if _bundled is None:
        with _lock:
            if _bundled is None:
                # Package data, built by the constructors that read every plan file
                # first (_plain), without cattrs: importing stays light. The test suite
                # reads it through the full loader too (tests/test_codec.py).
                _bundled = plan_from_body(json.loads(_data_text(BUNDLED_PLAN_FILE))["plan"])
    return _bundled


def _read(
    chosen: PlanFormat,
    path: Any,
    registry: InstitutionRegistry | Iterable[Institution] | None,
    metadata: Mapping[str, str] | None,
) -> Plan:
    if chosen == "json":
        if isinstance(path, (str, os.PathLike)):
            return codec.read_plan_file(path)
        return codec.read_plan_stream(path, source="plan stream")
    if chosen == "xlsx":
        # Without openpyxl: MissingExtraError (an ImportError) naming the install command.
        return workbook.read_workbook(path, registry=registry, metadata=metadata)
    if chosen == "csv":
        return csvtables.read_activities_csv(path, registry=registry, metadata=metadata)
    if not isinstance(path, (str, os.PathLike)):
        raise PlanLoadError("a data package is a folder of files: give its path, not a stream")
    return datapackage.read_datapackage(path, registry=registry, metadata=metadata)


def dump_plan(
    plan: Plan,
    path: str | os.PathLike[str] | IO[str] | IO[bytes],
    format: str | None = None,
    *,
    indent: int | None = 1,
) -> None:
    """Write ``plan`` to ``path`` in the format its name says (see :func:`plan_format`)
    or ``format``, so that :func:`load_plan` reads it back equal (for a CSV of
    activities: the same activity records). Files are replaced whole or not at all.
    Streams: JSON and CSV text, workbook bytes (``format`` is needed but for JSON).
    ``indent`` is the JSON file's.

    A file is written to a temporary file beside it, flushed to disk and renamed over it,
    so a failed or killed write never leaves a truncated plan behind. An existing file
    keeps its permission bits, a symbolic link is written through to its target, and a
    target that is not a regular file (such as ``/dev/null``) is refused; every failure is
    a :class:`~antitrafficking_plan.PlanWriteError` naming the path and the reason.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     dump_plan(load_plan(), pathlib.Path(tmp, "plan.xlsx"))
    ...     load_plan(pathlib.Path(tmp, "plan.xlsx")) == load_plan()
    True
    """
    if not isinstance(plan, Plan):
        raise TypeError(f"expected a Plan, got {type(plan).__name__}")
    chosen = _chosen(format, path)
    if chosen == "json":
        text = codec.dumps_plan(plan, indent=indent)
        if isinstance(path, (str, os.PathLike)):
            write_text_atomically(path, text)
        else:
            path.write(text)  # type: ignore[call-overload]
    elif chosen == "xlsx":
        workbook.write_workbook(plan, path)  # type: ignore[arg-type]
    elif chosen == "csv":
        csvtables.write_activities_csv(plan, path)  # type: ignore[arg-type]
    elif isinstance(path, (str, os.PathLike)):
        datapackage.write_datapackage(plan, path)
    else:
        raise PlanFormatError("a data package is a folder of files: give its path, not a stream")


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
