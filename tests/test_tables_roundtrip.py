"""Round trips through every file format: what ``dump_plan`` writes, ``load_plan`` reads
back equal (for a single CSV of activities: the same records), on the bundled plan and
on generated plans of every shape (arbitrary Unicode text, control characters included,
texts that look like formulas, quotes or separators, empty lists and missing values).
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import antitrafficking_plan as atp
from antitrafficking_plan.dataset import FORMATS, dump_plan, load_plan, plan_format
from antitrafficking_plan.errors import PlanFormatError, PlanLoadError
from antitrafficking_plan.export import to_records
from antitrafficking_plan.strategies import plans
from antitrafficking_plan.tables import RawTable, plan_from_tables, plan_to_tables

PLAN = atp.load_plan()
LOSSLESS = {"json": "plan.json", "xlsx": "plan.xlsx", "datapackage": "package"}


@pytest.mark.parametrize("name", ["plan.json", "plan.xlsx", "package", "p/datapackage.json"])
def test_the_bundled_plan_round_trips(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    dump_plan(PLAN, path)
    assert load_plan(path) == PLAN


def test_the_bundled_plan_round_trips_through_one_csv_as_records(tmp_path: Path) -> None:
    path = tmp_path / "activities.csv"
    dump_plan(PLAN, path)
    again = load_plan(path)
    assert to_records(again.activities) == to_records(PLAN.activities)
    # What one CSV cannot hold is visibly unknown, not invented.
    assert again.jurisdiction == "not stated"
    assert again.title == "activities"
    assert again.period == atp.parse_deadline("2015-2019")  # the years the deadlines span
    assert any(n.field == "metadata" for n in again.notes)
    assert all(i.name is None for i in again.institutions)


def test_a_csv_read_against_a_registry_holds_the_registry(tmp_path: Path) -> None:
    path = tmp_path / "activities.csv"
    dump_plan(PLAN, path)
    again = load_plan(path, registry=PLAN.registry, metadata={"title": "T", "period": "2015-2019"})
    assert again.institutions == PLAN.institutions
    assert [a.responsible for a in again.activities] == [a.responsible for a in PLAN.activities]
    assert again.title == "T"


def test_formats_are_told_by_name() -> None:
    assert FORMATS == ("json", "xlsx", "csv", "datapackage")
    assert plan_format("a.JSON") == "json"
    assert plan_format("a.xlsx") == "xlsx"
    assert plan_format("a.csv") == "csv"
    assert plan_format("x/datapackage.json") == "datapackage"
    assert plan_format("folder") == "datapackage"
    with pytest.raises(PlanFormatError, match=r"\.txt.*format="):
        plan_format("plan.txt")


def test_format_overrides_the_name(tmp_path: Path) -> None:
    path = tmp_path / "plan.data"
    dump_plan(PLAN, path, format="xlsx")
    assert load_plan(path, format="xlsx") == PLAN
    with pytest.raises(PlanLoadError, match="not UTF-8 text"):
        load_plan(path, format="json")
    with pytest.raises(PlanFormatError, match="unknown plan format 'ods'"):
        dump_plan(PLAN, path, format="ods")
    with pytest.raises(PlanLoadError, match="unknown plan format"):
        load_plan(path, format="ods")


def test_streams() -> None:
    text = io.StringIO()
    dump_plan(PLAN, text)  # JSON by default
    assert load_plan(io.StringIO(text.getvalue())) == PLAN
    data = io.BytesIO()
    dump_plan(PLAN, data, format="xlsx")
    assert load_plan(io.BytesIO(data.getvalue()), format="xlsx") == PLAN
    rows = io.StringIO()
    dump_plan(PLAN, rows, format="csv")
    assert to_records(
        load_plan(io.StringIO(rows.getvalue()), format="csv").activities
    ) == to_records(PLAN.activities)
    with pytest.raises(PlanFormatError, match="folder"):
        dump_plan(PLAN, io.StringIO(), format="datapackage")


def test_tables_round_trip_in_memory() -> None:
    tables = plan_to_tables(PLAN)
    raw = [RawTable(name, t.header, t.rows) for name, t in tables.items()]
    assert plan_from_tables(raw, source="memory") == PLAN


@settings(max_examples=40)
@given(plans(max_activities=12, max_institutions=6))
def test_generated_plans_round_trip_through_tables(plan: atp.Plan) -> None:
    tables = plan_to_tables(plan)
    raw = [RawTable(name, t.header, t.rows) for name, t in tables.items()]
    assert plan_from_tables(raw, source="memory") == plan


@settings(max_examples=15)
@given(plans(max_activities=8, max_institutions=5))
def test_generated_plans_round_trip_through_xlsx(plan: atp.Plan) -> None:
    buffer = io.BytesIO()
    dump_plan(plan, buffer, format="xlsx")
    assert load_plan(io.BytesIO(buffer.getvalue()), format="xlsx") == plan


@settings(max_examples=25)
@given(plans(max_activities=10, max_institutions=5), st.sampled_from(sorted(LOSSLESS)))
def test_generated_plans_round_trip_through_files(plan: atp.Plan, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, LOSSLESS[fmt])
        dump_plan(plan, path)
        assert load_plan(path) == plan


@settings(max_examples=30)
@given(plans(max_activities=12, max_institutions=6))
def test_generated_plans_keep_their_records_through_one_csv(plan: atp.Plan) -> None:
    text = io.StringIO()
    dump_plan(plan, text, format="csv")
    again = load_plan(io.StringIO(text.getvalue()), format="csv")
    assert to_records(again.activities) == to_records(plan.activities)
