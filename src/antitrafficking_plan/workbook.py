"""Plans in Excel workbooks (``.xlsx``), and the template for filling one in by hand.

A workbook holds one sheet per table of :mod:`antitrafficking_plan.tables` (``activities``,
``objectives``, ``institutions``, ``plan``, ``provenance``, ``notes``, ``cost fragments``,
``repairs``), each with its header in row 1. :func:`read_workbook` checks every cell and
reports every problem with its sheet, row and column; :func:`write_workbook` writes a plan
so that :func:`read_workbook` gives it back equal; :func:`write_template` writes an empty
workbook (or a plan) with instructions, fictional examples and drop-down lists.

openpyxl is needed (the extra ``antitrafficking-plan[xlsx]``); it is imported only when a
workbook is read or written.

>>> import io
>>> from antitrafficking_plan import load_plan
>>> buffer = io.BytesIO()
>>> write_workbook(load_plan(), buffer)
>>> read_workbook(io.BytesIO(buffer.getvalue())) == load_plan()
True
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from ._files import read_file_bounded, write_bytes_atomically
from ._frames import missing_extra
from ._xlsx import UnreadableWorkbook, open_workbook, sheet_rows
from .errors import PlanLoadError
from .model import Institution
from .plan import Plan
from .registry import InstitutionRegistry
from .tables import (
    DEADLINE_NONE_WORDS,
    NON_DATA_SHEETS,
    PLAN_KEYS,
    TABLES,
    RawTable,
    Table,
    plan_from_tables,
    plan_to_tables,
)

__all__ = [
    "MAX_WORKBOOK_BYTES",
    "XLSX_EXTRA",
    "read_workbook",
    "template_tables",
    "write_template",
    "write_workbook",
]

#: The optional extra that installs openpyxl.
XLSX_EXTRA = "xlsx"
#: Workbooks larger than this are refused before reading.
MAX_WORKBOOK_BYTES = 256 * 1024 * 1024

# Characters a workbook cannot hold as they are (XML 1.0 forbids them; a carriage return
# would become a line feed) are written as Excel does, ``_xHHHH_``; a text that already
# looks like that is protected by writing its underscore as ``_x005F_``. The patterns are
# compiled on first use (by ``re``'s cache), when a workbook is read or written.
_UNSAFE = r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)"
_ESCAPED = r"_x([0-9A-Fa-f]{4})_"
_WIDTHS = {"code": 10, "objective": 10, "deadline": 14, "key": 18}
_TEXT_WIDTH = 40
_MAX_ROWS = 1_048_576


def _openpyxl() -> Any:
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise missing_extra("openpyxl", XLSX_EXTRA, "reading and writing .xlsx workbooks") from None
    return openpyxl


def _escape(text: str) -> str:
    return re.sub(
        _UNSAFE, lambda m: "_x005F_" if m.group() == "_" else f"_x{ord(m.group()):04X}_", text
    )


def _unescape(text: str) -> str:
    return re.sub(_ESCAPED, lambda m: chr(int(m.group(1), 16)), text)


# -- writing -----------------------------------------------------------------------------
def _sheet_cells(ws: Any, cell_type: Any, row: Sequence[object]) -> list[object]:
    cells: list[object] = []
    for value in row:
        if isinstance(value, str):
            if re.search(_UNSAFE, value):
                value = _escape(value)
            if value.startswith("="):  # text, never a formula
                cell = cell_type(ws, value=value)
                cell.data_type = "s"
                value = cell
        cells.append(value)
    return cells


def _add_sheet(
    workbook: Any,
    name: str,
    table: Table,
    vocabularies: Mapping[str, Sequence[str]],
    bold: Any,
) -> None:
    openpyxl = _openpyxl()
    write_only_cell = openpyxl.cell.WriteOnlyCell
    ws = workbook.create_sheet(name)
    ws.freeze_panes = "A2"
    for i, header in enumerate(table.header, start=1):
        letter = openpyxl.utils.get_column_letter(i)
        ws.column_dimensions[letter].width = _WIDTHS.get(header, _TEXT_WIDTH)
        values = vocabularies.get(header)
        if values:
            check = openpyxl.worksheet.datavalidation.DataValidation(
                type="list",
                formula1='"' + ",".join(values) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=f"{header}: not in the list",
                error="Choose one of: " + ", ".join(values),
            )
            check.add(f"{letter}2:{letter}{_MAX_ROWS}")
            ws.data_validations.append(check)
    header_cells = []
    for header in table.header:
        cell = write_only_cell(ws, value=header)
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    for row in table.rows:
        ws.append(_sheet_cells(ws, write_only_cell, row))


def _vocabularies(name: str) -> dict[str, tuple[str, ...]]:
    spec = next(s for s in TABLES if s.name == name)
    found = {c.header: c.codec.vocabulary for c in spec.columns if c.codec.vocabulary}
    found.pop("funding sources", None)  # several per cell: a drop-down would refuse them
    if name == "plan":
        found["key"] = tuple(k.key for k in PLAN_KEYS)
    return found


def _save(workbook: Any, target: str | os.PathLike[str] | IO[bytes]) -> None:
    buffer = io.BytesIO()
    workbook.save(buffer)
    if isinstance(target, (str, os.PathLike)):
        write_bytes_atomically(target, buffer.getvalue())
    else:
        target.write(buffer.getvalue())


def _workbook(
    tables: Mapping[str, Table],
    *,
    front: Sequence[tuple[str, Sequence[Sequence[object]]]] = (),
) -> Any:
    openpyxl = _openpyxl()
    workbook = openpyxl.Workbook(write_only=True)
    bold = openpyxl.styles.Font(bold=True)
    for title, lines in front:
        ws = workbook.create_sheet(title)
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 100
        for line in lines:
            ws.append(_sheet_cells(ws, openpyxl.cell.WriteOnlyCell, line))
    for name, table in tables.items():
        _add_sheet(workbook, name, table, _vocabularies(name), bold)
    return workbook


def write_workbook(plan: Plan, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write ``plan`` as an ``.xlsx`` workbook to a path (replaced whole or not at all)
    or a binary stream: one sheet per table, header rows frozen, drop-down lists where a
    column has a fixed vocabulary."""
    _save(_workbook(plan_to_tables(plan)), target)


def template_tables() -> dict[str, Table]:
    """The tables of an empty plan: headers only, and the ``plan`` sheet's keys with
    empty values."""
    tables = {spec.name: Table(spec.headers, ()) for spec in TABLES}
    tables["plan"] = Table(tables["plan"].header, tuple((k.key, None) for k in PLAN_KEYS))
    return tables


def _instructions() -> list[list[object]]:
    lines: list[list[object]] = [
        ["How to fill in this workbook"],
        [
            "",
            "Each sheet is one table; row 1 holds the headers (any case; spaces and "
            "underscores alike). Columns other than these are refused by name. Only "
            "'activities' is required; the other sheets may stay empty or be deleted.",
        ],
        [
            "",
            "Cells with several values (responsible, supporting, aliases, funding sources) "
            'separate them with ";" or line breaks.',
        ],
        [
            "",
            "Deadline cells: "
            + ", ".join(repr(w) for w in DEADLINE_NONE_WORDS[:1] + DEADLINE_NONE_WORDS[1:])
            + " mean no deadline (the text is kept); anything else must be a deadline such "
            "as 'Q4 2015', '2015-2017', 'June 2016', '31.12.2016' or 'ongoing'.",
        ],
        [
            "",
            'A text written in double quotes ("like this") is read without them; use it to '
            'keep spaces around a text or a ";" inside a list item.',
        ],
        [
            "",
            "The sheet 'examples' shows worked rows. They are FICTIONAL, for illustration "
            "only, and are never read as data.",
        ],
        [""],
    ]
    for spec in TABLES:
        lines.append([f"sheet: {spec.name}", spec.help])
        for column in spec.columns:
            required = " (required)" if column.required else ""
            about = f"{column.help}; " if column.help else ""
            lines.append([f"  {column.header}{required}", f"{about}{column.codec.accepted}"])
        if spec.name == "plan":
            for key in PLAN_KEYS:
                required = " (required)" if key.required else ""
                about = f"{key.help}; " if key.help else ""
                lines.append([f"    key: {key.key}{required}", f"{about}{key.codec.accepted}"])
        lines.append([""])
    return lines


#: Worked rows of the template; plainly fictional (no real institution's facts).
_EXAMPLES: tuple[tuple[str, tuple[tuple[object, ...], ...]], ...] = (
    (
        "activities",
        (
            (
                "1.1.1",
                "1.1",
                "EXAMPLE (fictional): train the staff of two shelters",
                "EXAMPLE: 40 staff trained",
                "number of staff trained",
                "attendance lists",
                "EXA",
                "EXB; NGOs",
                "Q4 2030",
                "5,000, donors",
                5000,
                "donors",
                None,
            ),
            (
                "1.1.2",
                "1.1",
                "EXAMPLE (fictional): publish a yearly report",
                None,
                "report published",
                "the report",
                "EXB",
                None,
                "annually",
                None,
                None,
                None,
                None,
            ),
        ),
    ),
    (
        "objectives",
        (
            ("1", "EXAMPLE (fictional): prevention", None),
            ("1.1", "EXAMPLE (fictional): trained professionals", None),
        ),
    ),
    (
        "institutions",
        (
            ("EXA", "Example Ministry (fictional)", "Ex. Min.", "body", None, None),
            ("EXB", "Example Agency (fictional)", None, "body", None, None),
            ("NGOs", None, None, "group", None, "a group, not one body"),
        ),
    ),
)


def _examples() -> list[list[object]]:
    lines: list[list[object]] = [
        ["EXAMPLES: FICTIONAL rows for illustration only. This sheet is never read."],
        [""],
    ]
    for name, rows in _EXAMPLES:
        spec = next(s for s in TABLES if s.name == name)
        lines.append([f"sheet {name}:"])
        lines.append(list(spec.headers))
        lines.extend(list(r) for r in rows)
        lines.append([""])
    return lines


def write_template(target: str | os.PathLike[str] | IO[bytes], plan: Plan | None = None) -> None:
    """Write a workbook to fill in by hand: an ``instructions`` sheet, an ``examples``
    sheet of fictional worked rows, and the plan's sheets with their headers (row 1,
    frozen) and drop-down lists where a column has a fixed vocabulary. Empty, or holding
    ``plan`` when one is given.

    >>> import io, openpyxl
    >>> buffer = io.BytesIO()
    >>> write_template(buffer)
    >>> book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    >>> book.sheetnames[:3], book["activities"].freeze_panes
    (['instructions', 'examples', 'activities'], 'A2')
    """
    tables = template_tables() if plan is None else plan_to_tables(plan)
    front = [("instructions", _instructions())]
    if plan is None:
        front.append(("examples", _examples()))
    _save(_workbook(tables, front=front), target)


# -- reading -----------------------------------------------------------------------------
def _rows(ws: Any) -> tuple[tuple[object, ...], list[tuple[object, ...]]]:
    rows = sheet_rows(ws)
    header = next(rows, ())
    body = []
    for row in rows:
        for v in row:  # a plain loop: two thirds of the time of any() over a generator
            if type(v) is str and "_x" in v:
                row = tuple(_unescape(v) if type(v) is str else v for v in row)
                break
        body.append(row)
    return tuple(_unescape(h) if type(h) is str else h for h in header), body


def _sheets(openpyxl: Any, handle: IO[bytes], name: str) -> list[RawTable]:
    try:
        book = open_workbook(openpyxl, handle)
    except UnreadableWorkbook as exc:
        raise PlanLoadError(
            f"{name} is not an .xlsx workbook that can be read ({exc}); a plan workbook is "
            "saved as .xlsx (Excel Workbook) by Excel, LibreOffice or Google Sheets, or "
            "written by `antitrafficking-plan template`"
        ) from None
    try:
        tables = []
        for ws in book.worksheets:
            if ws.title.strip().lower() in NON_DATA_SHEETS:
                continue
            try:
                header, rows = _rows(ws)
            except UnreadableWorkbook as exc:
                raise PlanLoadError(
                    f"{name}: sheet {ws.title!r} cannot be read; the workbook is damaged "
                    f"({exc}). Save it again from a spreadsheet program."
                ) from None
            tables.append(RawTable(ws.title, header, rows))
    finally:
        book.close()
    return tables


def read_workbook(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    registry: InstitutionRegistry | Iterable[Institution] | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Plan:
    """Read and check the plan in a workbook (a path or a binary stream).

    Every problem is raised at once in a
    :class:`~antitrafficking_plan.errors.PlanTableError`, each with its sheet, row and
    column; sheets other than the tables (and the template's ``instructions`` and
    ``examples``) are refused by name. ``registry`` and ``metadata`` serve a workbook
    without an ``institutions`` or ``plan`` sheet (see
    :func:`~antitrafficking_plan.tables.plan_from_tables`).
    """
    openpyxl = _openpyxl()
    name = str(source) if isinstance(source, (str, os.PathLike)) else "workbook"
    if isinstance(source, (str, os.PathLike)):
        # Read here: openpyxl would refuse a name not ending in .xlsx.
        source = io.BytesIO(read_file_bounded(source, MAX_WORKBOOK_BYTES, what="workbook"))
    tables = _sheets(openpyxl, source, name)
    return plan_from_tables(tables, source=name, registry=registry, metadata=metadata)
