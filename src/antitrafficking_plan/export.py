"""Flat exports of activities: records, CSV, JSON, and (optionally) pandas and polars.

:func:`to_records` turns activities into flat dicts, one per activity, in plan order, with
these columns (:data:`RECORD_COLUMNS`, always in this order):

=========================== ============ =================================================
column                      type         content
=========================== ============ =================================================
``code``                    str          activity code, ``"2.3.1"``
``strategic_objective``     str          strategic objective code, ``"2"``
``objective``               str          specific objective code, ``"2.3"``
``description``             str | None   the activity as the source words it
``expected_results``        str | None   expected results
``indicators``              str | None   indicators
``sources_of_verification`` str | None   sources of verification
``responsible``             list[str]    codes of the responsible institutions
``supporting``              list[str]    codes of the supporting institutions
``deadline``                str | None   the deadline's canonical text, ``"Q4 2015"``
``deadline_kind``           str | None   its kind, ``"quarter"``, ``"ongoing"``, ...
``start``                   str | None   first day of the deadline period, ISO ``2015-10-01``
``due``                     str | None   last day (the due date), ISO ``2015-12-31``
``cost_text``               str | None   the cost cell as the source writes it
``cost_amount``             int | None   the amount attached to the activity (currency
                                         not stated in the source)
``funding_sources``         list[str]    funding categories attached, ``"donors"``, ...
``source_lines``            list[int]    lines of the bundled source copy it comes from
=========================== ============ =================================================

``start`` and ``due`` are ``None`` where the deadline gives none (ongoing, "by 2016" has no
start, "2016 onwards" no due). They are what timeline charts need, e.g. with plotly:
``px.timeline(plan.activities.to_pandas(), x_start="start", x_end="due", y="code")``.

In CSV (:func:`to_csv`) list columns are joined with ``"; "``, ``None`` is an empty cell
and numbers are written as digits; :func:`read_csv_records` reads such a file back into
the same records. :func:`to_json` writes the records as a JSON array (lists stay lists)
and :func:`read_json_records` reads it back. Nothing here is imported by
``import antitrafficking_plan`` beyond the standard library; pandas and polars are imported
only when :func:`to_pandas` / :func:`to_polars` are called (install the ``pandas`` /
``polars`` extras).

>>> from antitrafficking_plan import load_plan
>>> record = to_records(load_plan().activities.under("1.1"))[0]
>>> record["code"], record["deadline"], record["start"], record["due"]
('1.1.1', 'Q4 2015', '2015-10-01', '2015-12-31')
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from . import _frames
from ._files import write_text_atomically
from .model import Activity

__all__ = [
    "LIST_SEPARATOR",
    "RECORD_COLUMNS",
    "read_csv_records",
    "read_json_records",
    "to_csv",
    "to_json",
    "to_pandas",
    "to_polars",
    "to_records",
    "write_csv",
]

#: The record columns, in order (see the module docstring for their meaning).
RECORD_COLUMNS: tuple[str, ...] = (
    "code",
    "strategic_objective",
    "objective",
    "description",
    "expected_results",
    "indicators",
    "sources_of_verification",
    "responsible",
    "supporting",
    "deadline",
    "deadline_kind",
    "start",
    "due",
    "cost_text",
    "cost_amount",
    "funding_sources",
    "source_lines",
)
#: How list columns are joined in CSV cells.
LIST_SEPARATOR = "; "

_LIST_COLUMNS = frozenset(("responsible", "supporting", "funding_sources", "source_lines"))
_INT_COLUMNS = frozenset(("cost_amount",))
_INT_LIST_COLUMNS = frozenset(("source_lines",))
_TEXT_COLUMNS = tuple(c for c in RECORD_COLUMNS if c not in _LIST_COLUMNS | _INT_COLUMNS)

Records = list[dict[str, Any]]


def _activities_of(data: Iterable[Activity]) -> Iterable[Activity]:
    if isinstance(data, (str, bytes)) or not isinstance(data, Iterable):
        raise TypeError(f"expected activities (such as plan.activities), not {type(data).__name__}")
    return data


def _record(a: Activity) -> dict[str, Any]:
    d = a.deadline
    cost = a.cost
    return {
        "code": a.code,
        "strategic_objective": a.strategic_objective_code,
        "objective": a.specific_objective_code,
        "description": a.description,
        "expected_results": a.expected_results,
        "indicators": a.indicators,
        "sources_of_verification": a.sources_of_verification,
        "responsible": [i.code for i in a.responsible],
        "supporting": [i.code for i in a.supporting],
        "deadline": None if d is None else str(d),
        "deadline_kind": None if d is None else d.kind.value,
        "start": None if d is None or d.start is None else d.start.isoformat(),
        "due": None if d is None or d.due is None else d.due.isoformat(),
        "cost_text": None if cost is None else cost.text,
        "cost_amount": None if cost is None else cost.amount,
        "funding_sources": [] if cost is None else [s.value for s in cost.sources],
        "source_lines": list(a.provenance.lines),
    }


def to_records(data: Iterable[Activity]) -> Records:
    """One flat dict per activity, in order, with the :data:`RECORD_COLUMNS`.

    ``data`` is a :class:`~antitrafficking_plan.Plan` or any iterable of activities
    (such as a filtered ``Activities``).

    >>> from antitrafficking_plan import load_plan
    >>> to_records(load_plan().activities.involving("MLSW"))[0]["code"]
    '1.1.1'
    """
    records = []
    for a in _activities_of(data):
        if not isinstance(a, Activity):
            raise TypeError(f"expected Activity objects, not {type(a).__name__}")
        records.append(_record(a))
    return records


# -- CSV -----------------------------------------------------------------------------------
def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def write_csv(handle: TextIO, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """Write ``rows`` to an open text stream as CSV in this module's convention: a header
    row of ``columns``, lists joined with ``"; "``, ``None`` as an empty cell."""
    import csv

    writer = csv.writer(handle)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row[c]) for c in columns])


def to_csv(data: Iterable[Activity], path: str | os.PathLike[str] | TextIO) -> None:
    """Write the records to ``path`` (or an open text stream) as CSV with a header row,
    UTF-8 when a path is given.

    List columns are joined with ``"; "``; ``None`` is an empty cell.

    >>> import tempfile, pathlib
    >>> from antitrafficking_plan import load_plan
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "plan.csv")
    ...     to_csv(load_plan().activities, path)
    ...     len(read_csv_records(path))
    86
    """
    records = to_records(data)
    if not isinstance(path, (str, os.PathLike)):
        write_csv(path, RECORD_COLUMNS, records)
        return
    import io

    buffer = io.StringIO(newline="")
    write_csv(buffer, RECORD_COLUMNS, records)
    write_text_atomically(path, buffer.getvalue())


def _from_csv_cell(column: str, cell: str) -> Any:
    if column in _LIST_COLUMNS:
        parts = cell.split(LIST_SEPARATOR) if cell else []
        return [int(p) for p in parts] if column in _INT_LIST_COLUMNS else parts
    if cell == "":
        return None
    if column in _INT_COLUMNS:
        return int(cell)
    return cell


def read_csv_records(path: str | os.PathLike[str]) -> Records:
    """Read a file written by :func:`to_csv` back into records (lists split, numbers
    parsed, empty cells ``None``); the result equals :func:`to_records` of the same
    activities as long as no institution code contains ``"; "``."""
    import csv
    from pathlib import Path

    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or tuple(header) != RECORD_COLUMNS:
            raise ValueError(f"{path}: not a CSV written by to_csv (unexpected header)")
        return [
            {c: _from_csv_cell(c, cell) for c, cell in zip(RECORD_COLUMNS, row, strict=True)}
            for row in reader
        ]


# -- JSON ----------------------------------------------------------------------------------
def to_json(
    data: Iterable[Activity],
    path: str | os.PathLike[str] | TextIO,
    *,
    indent: int | None = 1,
) -> None:
    """Write the records to ``path`` (or an open text stream) as a JSON array (lists stay
    lists), UTF-8 when a path is given."""
    text = json.dumps(to_records(data), ensure_ascii=False, indent=indent) + "\n"
    if not isinstance(path, (str, os.PathLike)):
        path.write(text)
        return
    write_text_atomically(path, text)


def read_json_records(path: str | os.PathLike[str]) -> Records:
    """Read a file written by :func:`to_json` back into records."""
    from pathlib import Path

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValueError(f"{path}: not a JSON array of records written by to_json")
    return data


# -- data frames ---------------------------------------------------------------------------
#: The record columns with their types, for the data frames (see :mod:`._frames`).
_FRAME_COLUMNS: _frames.Columns = tuple(
    (
        column,
        "list[int]"
        if column in _INT_LIST_COLUMNS
        else "list[str]"
        if column in _LIST_COLUMNS
        else "int?"
        if column in _INT_COLUMNS
        else "date"
        if column in ("start", "due")
        else "str",
    )
    for column in RECORD_COLUMNS
)


def to_pandas(data: Iterable[Activity]) -> Any:
    """The records as a ``pandas.DataFrame`` (one row per activity, :data:`RECORD_COLUMNS`).

    ``start`` and ``due`` are ``datetime64`` columns (``NaT`` where missing); list columns
    hold Python lists. Needs the ``pandas`` extra.
    """
    return _frames.to_pandas(_FRAME_COLUMNS, to_records(data))


def to_polars(data: Iterable[Activity]) -> Any:
    """The records as a ``polars.DataFrame`` with a fixed schema (``start``/``due`` as
    ``Date``, list columns as ``List``). Needs the ``polars`` extra."""
    return _frames.to_polars(_FRAME_COLUMNS, to_records(data))
