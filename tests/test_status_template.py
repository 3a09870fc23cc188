"""The status template: written for a plan, filled in with openpyxl, read back as a log."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from antitrafficking_plan.demo import demo_plan
from antitrafficking_plan.errors import StatusLoadError
from antitrafficking_plan.status import Extent, Status
from antitrafficking_plan.status_template import (
    INSTRUCTIONS_SHEET,
    TEMPLATE_HEADER,
    write_status_template,
)
from antitrafficking_plan.statuslog import read_status_log

PLAN = demo_plan()  # fictional


def test_xlsx_template_has_rows_dropdowns_and_instructions(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "template.xlsx"
    assert write_status_template(PLAN, path) == len(PLAN.activities)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["status", INSTRUCTIONS_SHEET]
    sheet = workbook["status"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == TEMPLATE_HEADER
    assert [r[0] for r in rows[1:]] == list(PLAN.activities.codes)
    first = PLAN.activities[0]
    assert rows[1][:4] == (first.code, first.description, "MEX", str(first.deadline))
    assert all(v is None for r in rows[1:] for v in r[4:])
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    status = validations[f"F2:F{len(PLAN.activities) + 1}"]
    assert status.formula1 == '"' + ",".join(s.value for s in Status) + '"'
    assert status.errorStyle == "warning"
    assert validations[f"G2:G{len(PLAN.activities) + 1}"].formula1 == '"limited,substantial"'
    notes = " ".join(
        str(r[0]) for r in workbook[INSTRUCTIONS_SHEET].iter_rows(values_only=True) if r[0]
    )
    assert "fictional" in notes
    assert "zbatuar" in notes
    assert "YYYY-MM-DD" in notes
    assert len(read_status_log(path, PLAN)) == 0  # nothing filled: no reports


def test_a_filled_xlsx_template_loads_back_as_a_log(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "template.xlsx"
    write_status_template(PLAN, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["status"]
    sheet["E2"] = datetime(2020, 6, 30)
    sheet["F2"] = "completed"
    sheet["I2"] = "MEX"
    sheet["E3"] = "2020-12-31"
    sheet["F3"] = "pjesërisht e zbatuar"
    sheet["G3"] = "substantial"
    sheet.append(["1.1.1", None, None, None, datetime(2020, 3, 31), "in_progress", "limited"])
    workbook.save(path)
    log = read_status_log(path, PLAN)
    assert [(r.code, r.as_of, r.status, r.extent, r.word) for r in log] == [
        ("1.1.1", date(2020, 3, 31), Status.IN_PROGRESS, Extent.LIMITED, "in_progress"),
        ("1.1.1", date(2020, 6, 30), Status.COMPLETED, None, "completed"),
        (
            "1.1.2",
            date(2020, 12, 31),
            Status.IN_PROGRESS,
            Extent.SUBSTANTIAL,
            "pjesërisht e zbatuar",
        ),
    ]
    assert log.history("1.1.1")[1].reported_by == "MEX"


def test_a_badly_filled_template_names_each_cell(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "template.xlsx"
    write_status_template(PLAN, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["status"]
    sheet["F2"] = "completed"  # no date
    sheet["E3"] = "2020-06-31"
    sheet["F3"] = "done"
    sheet["A4"] = "1.3.9"
    sheet["E4"] = "2020-06-30"
    sheet["F4"] = "not implemented"
    workbook.save(path)
    with pytest.raises(StatusLoadError) as info:
        read_status_log(path, PLAN)
    problems = info.value.problems
    assert len(problems) == 4
    assert "date is missing" in problems[0]
    assert "row 2, column E ('as_of')" in problems[0]
    assert "'2020-06-31' is not a date" in problems[1]
    assert "row 3, column E" in problems[1]
    assert "unknown activity code '1.3.9'" in problems[2]
    assert "row 4, column A ('code')" in problems[2]
    assert "reads two ways" in problems[3]
    assert "row 4, column F ('status')" in problems[3]


def test_csv_template(tmp_path: Path) -> None:
    path = tmp_path / "template.csv"
    write_status_template(PLAN.activities.under("2"), path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == TEMPLATE_HEADER
    assert [r[0] for r in rows[1:]] == list(PLAN.activities.under("2").codes)
    rows[1][4:6] = ["2021-06-30", "e anuluar"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    (report,) = read_status_log(path, PLAN)
    assert (report.code, report.status) == ("2.1.1", Status.CANCELLED)
    with pytest.raises(ValueError, match=r"\.xlsx or \.csv"):
        write_status_template(PLAN, tmp_path / "template.ods")
