"""Plans as one CSV file of activities, and tables as CSV text (standard library only).

A single CSV holds the ``activities`` table (the columns of the workbook's sheet; see
:mod:`antitrafficking_plan.tables`). That is enough to build a plan: objectives are made
from the activity codes, institutions from the names as written (looked up in a registry
when one is given, otherwise kept as they are with unknown full names), and the plan's
title, jurisdiction, issuer and period come from ``metadata`` (what is not given is marked
"not stated", and a plan note says so). Written back, a plan's activities give the same
:func:`~antitrafficking_plan.export.to_records`; what the activities table does not hold
(objective titles, institution names, provenance beyond source lines) needs a workbook or
a data package.

>>> import io
>>> from antitrafficking_plan import load_plan
>>> text = io.StringIO()
>>> write_activities_csv(load_plan(), text)
>>> plan = read_activities_csv(io.StringIO(text.getvalue()), metadata={"title": "Copy"})
>>> plan.title, plan.activities.to_records() == load_plan().activities.to_records()
('Copy', True)
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TextIO

from ._files import read_file_bounded, write_text_atomically
from .errors import PlanLoadError
from .model import Institution
from .plan import Plan
from .registry import InstitutionRegistry
from .tables import RawTable, Table, plan_from_tables, plan_to_tables

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["read_activities_csv", "read_csv_table", "table_csv_text", "write_activities_csv"]

#: CSV files larger than this are refused before reading.
MAX_CSV_BYTES = 512 * 1024 * 1024


def table_csv_text(table: Table, header: Iterable[str] | None = None) -> str:
    """``table`` as CSV text (a header row, then one row per record; an empty cell for
    nothing), with ``header`` instead of the table's own when given."""
    import csv  # not imported with the package: reading the bundled plan needs no CSV

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(list(header) if header is not None else table.header)
    writer.writerows(["" if c is None else c for c in row] for row in table.rows)
    return buffer.getvalue()


def _text_of(path: Path, label: str) -> str:
    raw = read_file_bounded(path, MAX_CSV_BYTES, what="CSV file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanLoadError(
            f"{label} is not UTF-8 text (byte {exc.start}); save the CSV as UTF-8"
        ) from None


def read_csv_table(source: str | os.PathLike[str] | TextIO, name: str, label: str) -> RawTable:
    """The table ``name`` in a CSV file or text stream; problems will name it ``label``."""
    from pathlib import Path  # stdlib, imported on first use: importing the package stays light

    text = (
        _text_of(Path(source), label)
        if isinstance(source, (str, os.PathLike))
        else source.read().removeprefix("\ufeff")
    )
    import csv

    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise PlanLoadError(f"{label} is not valid CSV: {exc}") from None
    if not rows:
        raise PlanLoadError(f"{label} is empty: a CSV table starts with a header row")
    return RawTable(name, rows[0], rows[1:], label=label)


def read_activities_csv(
    source: str | os.PathLike[str] | TextIO,
    *,
    registry: InstitutionRegistry | Iterable[Institution] | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Plan:
    """Build a plan from one CSV file (or text stream) of activities.

    ``metadata`` gives the plan's keys (``title``, ``jurisdiction``, ``issuer``,
    ``period``, ...: :data:`~antitrafficking_plan.tables.PLAN_KEYS`); ``registry`` the
    institutions the names in ``responsible`` and ``supporting`` are looked up in.
    Every problem is raised at once in a
    :class:`~antitrafficking_plan.errors.PlanTableError` naming the file, row and column.
    """
    label = str(source) if isinstance(source, (str, os.PathLike)) else "CSV text"
    table = read_csv_table(source, "activities", label)
    return plan_from_tables([table], source=label, registry=registry, metadata=metadata)


def write_activities_csv(plan: Plan, target: str | os.PathLike[str] | TextIO) -> None:
    """Write the plan's activities table as CSV to a path (UTF-8, replaced whole or not
    at all) or a text stream."""
    text = table_csv_text(plan_to_tables(plan)["activities"])
    if isinstance(target, (str, os.PathLike)):
        write_text_atomically(target, text)
    else:
        target.write(text)
