"""A status template for the institutions that report: one row per activity, ready to fill.

:func:`write_status_template` writes a ``.xlsx`` workbook (or a ``.csv`` file) whose sheet
``status`` has one row per activity with its ``code``, ``description``, ``responsible``
institutions and ``deadline``, then the empty status columns ``as_of``, ``status``,
``extent``, ``evidence``, ``reported_by`` and ``source``. In the workbook the ``status``
and ``extent`` columns offer a drop-down of the values of the scale (other documented
synonyms are still accepted, with a warning), and a second sheet ``instructions`` says
how to fill it. A filled template is a status file:
:func:`~antitrafficking_plan.statuslog.read_status_log` reads it back, skipping the rows
left empty.

>>> import tempfile, pathlib
>>> from antitrafficking_plan.demo import demo_plan
>>> from antitrafficking_plan.statuslog import read_status_log
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp, "template.csv")
...     write_status_template(demo_plan(), path)   # the fictional demo plan
...     len(read_status_log(path, demo_plan()))    # nothing filled in yet: no reports
12
0
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

from ._files import write_text_atomically
from ._frames import missing_extra
from .collection import Activities
from .plan import Plan
from .status import Extent, Status, accepted_words
from .statuslog import COLUMNS, STATUS_SHEET, TEMPLATE_COLUMNS, _text_not_formulas

__all__ = ["INSTRUCTIONS_SHEET", "TEMPLATE_HEADER", "write_status_template"]

#: The columns of the template, in order.
TEMPLATE_HEADER: tuple[str, ...] = ("code", *TEMPLATE_COLUMNS, *COLUMNS[1:])
#: The workbook sheet with the instructions.
INSTRUCTIONS_SHEET = "instructions"

_WIDTHS = {"code": 9, "description": 60, "responsible": 18, "deadline": 14, "as_of": 12}


def _rows(activities: Activities) -> list[list[Any]]:
    return [
        [
            a.code,
            a.description or "",
            ", ".join(i.code for i in a.responsible),
            "" if a.deadline is None else str(a.deadline),
            *([None] * (len(COLUMNS) - 1)),
        ]
        for a in activities
    ]


def _instructions(title: str) -> list[str]:
    words = ", ".join(w for w in accepted_words() if w not in {s.value for s in Status})
    return [
        f"Status template for: {title}",
        "",
        "One row per activity. Fill in a row for each activity you report on; leave the"
        " others empty (an empty row is no report, never 'not started').",
        "as_of: the date the status was true, as a date or as text YYYY-MM-DD (e.g. 2020-06-30).",
        "status: one of " + ", ".join(s.value for s in Status) + ".",
        f"  Also accepted (documented synonyms, English and Albanian): {words}.",
        "  Words that read two ways ('not implemented', 'pending', 'closed') are refused:"
        " write the status meant.",
        "extent (optional, only for in_progress): "
        + " or ".join(e.value for e in Extent)
        + "; leave empty when not known.",
        "evidence, reported_by, source (optional): what shows the status, who reports it,"
        " the report it comes from.",
        "To report the same activity at another date, add a row with the same code below"
        " (one row per activity and date).",
        "Do not rename the sheet 'status' or its column headings.",
    ]


def _write_xlsx(path: Path, activities: Activities, title: str) -> None:
    try:
        from openpyxl import Workbook  # type: ignore[import-untyped,unused-ignore]
        from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped,unused-ignore]
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped,unused-ignore]
        from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise missing_extra(
            "openpyxl", "xlsx", ".xlsx templates", "write a .csv template"
        ) from None
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = STATUS_SHEET
    sheet.append(list(TEMPLATE_HEADER))
    for row in _rows(activities):
        sheet.append(row)
    _text_not_formulas(sheet)
    last = max(len(activities) + 1, 2)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    for index, name in enumerate(TEMPLATE_HEADER, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _WIDTHS.get(name, 16)
        if name == "description":
            for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if name == "as_of":
            for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=index, max_col=index):
                cell.number_format = "yyyy-mm-dd"
    for name, values in (
        ("status", [s.value for s in Status]),
        ("extent", [e.value for e in Extent]),
    ):
        letter = get_column_letter(TEMPLATE_HEADER.index(name) + 1)
        check = DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            allow_blank=True,
            errorStyle="warning",
            errorTitle=f"{name} not on the list",
            error=f"Not one of {', '.join(values)}; a documented synonym is still accepted"
            " (see the sheet 'instructions').",
            promptTitle=name,
            prompt="Choose from the list (see the sheet 'instructions').",
        )
        check.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(check)
    notes = workbook.create_sheet(INSTRUCTIONS_SHEET)
    for line in _instructions(title):
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    workbook.save(path)


def write_status_template(activities: Plan | Activities, path: str | os.PathLike[str]) -> int:
    """Write a status template for ``activities`` (a plan, or any of its activities) to
    ``path`` (``.xlsx`` or ``.csv``); return the number of activity rows written."""
    title = "a plan"
    if isinstance(activities, Plan):
        title = activities.title
        activities = activities.activities
    if not isinstance(activities, Activities):
        raise TypeError(f"expected a Plan or Activities, not {type(activities).__name__}")
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".xlsx":
        _write_xlsx(p, activities, title)
    elif suffix == ".csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(TEMPLATE_HEADER)
        writer.writerows(["" if v is None else v for v in row] for row in _rows(activities))
        write_text_atomically(p, buffer.getvalue())
    else:
        raise ValueError(f"a status template is .xlsx or .csv, not {suffix or 'no extension'}")
    return len(activities)
