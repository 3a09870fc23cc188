"""Data packages and the template: ``frictionless validate`` accepts the packages we write
(from the bundled plan and from generated plans), and the template opens in openpyxl
with its header rows frozen, its instructions and drop-down lists.

frictionless is used here only, to check what the library writes; the library reads
packages without it.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

import frictionless  # type: ignore[import-untyped,unused-ignore]
import openpyxl  # type: ignore[import-untyped,unused-ignore]
import pytest
from hypothesis import given, settings

import antitrafficking_plan as atp
from antitrafficking_plan.datapackage import write_datapackage
from antitrafficking_plan.dataset import dump_plan, load_plan
from antitrafficking_plan.errors import PlanTableError
from antitrafficking_plan.strategies import plans
from antitrafficking_plan.tables import TABLES
from antitrafficking_plan.workbook import write_template

PLAN = atp.load_plan()


def _errors(folder: Path) -> list[Any]:
    report = frictionless.validate(str(folder / "datapackage.json"))
    errors: list[Any] = report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.valid == (errors == [])
    return errors


def test_frictionless_accepts_the_bundled_plan(tmp_path: Path) -> None:
    write_datapackage(PLAN, tmp_path)
    assert _errors(tmp_path) == []
    descriptor = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert list(resources) == [s.name.replace(" ", "-") for s in TABLES]
    activities = resources["activities"]["schema"]
    assert activities["primaryKey"] == ["code"]
    assert activities["foreignKeys"][0]["reference"] == {
        "resource": "objectives",
        "fields": ["code"],
    }
    assert {f["name"]: f["type"] for f in activities["fields"]}["cost_amount"] == "integer"


def test_frictionless_catches_what_our_schema_promises(tmp_path: Path) -> None:
    """The check can fail: a duplicated key and a dangling objective are reported."""
    write_datapackage(PLAN, tmp_path)
    path = tmp_path / "activities.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines[2] = lines[1]  # a duplicate primary key
    path.write_text("".join(lines), "utf-8")
    types = {e[2] for e in _errors(tmp_path)}
    assert "primary-key" in types


@settings(max_examples=15)
@given(plans(max_activities=10, max_institutions=5))
def test_frictionless_accepts_generated_plans(plan: atp.Plan) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_datapackage(plan, tmp)
        assert _errors(Path(tmp)) == []
        assert load_plan(tmp) == plan


def test_a_package_names_its_problems_by_resource(tmp_path: Path) -> None:
    dump_plan(PLAN, tmp_path / "datapackage.json")
    path = tmp_path / "activities.csv"
    text = path.read_text("utf-8").replace(",Q4 2015,", ",Q4 2O15,", 1)
    path.write_text(text, "utf-8")
    with pytest.raises(PlanTableError) as caught:
        load_plan(tmp_path)
    [problem] = caught.value.cell_problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        "activities",
        2,
        "deadline",
        "Q4 2O15",
    )


def test_a_package_path_may_not_leave_its_folder(tmp_path: Path) -> None:
    write_datapackage(PLAN, tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    descriptor["resources"][0]["path"] = "../elsewhere.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    with pytest.raises(atp.PlanLoadError, match="not a relative path inside the package"):
        load_plan(tmp_path)


# -- the template ----------------------------------------------------------------------------
def _template(plan: atp.Plan | None = None) -> Any:
    buffer = io.BytesIO()
    write_template(buffer, plan)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))


def test_the_template_has_headers_frozen_instructions_examples_and_drop_downs() -> None:
    book = _template()
    assert book.sheetnames == ["instructions", "examples", *(s.name for s in TABLES)]
    for spec in TABLES:
        sheet = book[spec.name]
        assert sheet.freeze_panes == "A2"
        assert tuple(c.value for c in sheet[1]) == spec.headers
    assert book["activities"].max_row == 1  # empty: the examples live on their own sheet
    instructions = " ".join(str(c.value) for row in book["instructions"].iter_rows() for c in row)
    assert "TBD" in instructions
    assert "expected results" in instructions
    examples = [str(c.value) for row in book["examples"].iter_rows() for c in row if c.value]
    assert examples[0].startswith("EXAMPLES: FICTIONAL")
    assert all("(fictional)" in e for e in examples if e.startswith(("EXAMPLE ", "Example ")))
    lists = {
        str(v.sqref).split(":")[0]: v.formula1
        for v in book["institutions"].data_validations.dataValidation
    }
    assert lists == {"D2": '"body,group,fragment"', "E2": '"source,known,likely"'}


def test_the_empty_template_loads_as_missing_metadata_only(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    with pytest.raises(PlanTableError) as caught:
        load_plan(path)
    assert [(p.sheet, p.column) for p in caught.value.cell_problems] == [("plan", "value")] * 4


def test_the_template_from_a_plan_holds_the_plan(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    write_template(path, PLAN)
    assert load_plan(path) == PLAN
    assert "examples" not in _template(PLAN).sheetnames
