"""Records, CSV/JSON writers and readers, pandas and polars conversion."""

from __future__ import annotations

import builtins
import sys
from pathlib import Path
from typing import Any

import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import Cost, FundingSource, Plan, export
from antitrafficking_plan.export import (
    RECORD_COLUMNS,
    read_csv_records,
    read_json_records,
    to_csv,
    to_json,
    to_records,
)
from plans import act, build_plan, bundled_plan_available, inst

A, B = inst("A", "Agency A"), inst("B", "Bureau B")


@pytest.fixture
def plan() -> Plan:
    return build_plan(
        [
            act(
                "1.1.1",
                responsible=[A, B],
                supporting=[B],
                deadline="Q4 2015",
                description='Shtëpi "sigurt", line\nbreak',
                cost=Cost("1,000 donors", 1000, [FundingSource.DONORS]),
                lines=[3, 4],
            ),
            act("1.1.2", deadline="ongoing", indicators=None),
            act("2.1.1", responsible=[A], deadline="by end of 2016"),
            act("2.1.2", responsible=[A], deadline="2016 onwards"),
        ]
    )


def test_records_columns_and_values(plan: Plan) -> None:
    records = plan.activities.to_records()
    assert [tuple(r) for r in records] == [RECORD_COLUMNS] * 4
    first = records[0]
    assert first["responsible"] == ["A", "B"]
    assert first["supporting"] == ["B"]
    assert (first["deadline"], first["deadline_kind"]) == ("Q4 2015", "quarter")
    assert (first["start"], first["due"]) == ("2015-10-01", "2015-12-31")
    assert (first["cost_amount"], first["funding_sources"]) == (1000, ["donors"])
    assert first["source_lines"] == [3, 4]
    assert (first["strategic_objective"], first["objective"]) == ("1", "1.1")
    assert (records[1]["start"], records[1]["due"], records[1]["indicators"]) == (
        None,
        None,
        None,
    )
    assert (records[2]["start"], records[2]["due"]) == (None, "2016-12-31")
    assert (records[3]["start"], records[3]["due"]) == ("2016-01-01", None)
    assert to_records(plan.activities) == records


def test_records_reject_non_activities() -> None:
    with pytest.raises(TypeError):
        to_records([1, 2])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        to_records("1.1.1")  # type: ignore[arg-type]


def test_csv_round_trip(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    plan.activities.to_csv(path)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(RECORD_COLUMNS)
    assert "A; B" in text
    assert read_csv_records(path) == plan.activities.to_records()


def test_csv_reader_refuses_other_files(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="to_csv"):
        read_csv_records(path)


def test_json_round_trip(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    to_json(plan.activities, path)
    assert read_json_records(path) == to_records(plan.activities)
    plan.activities.to_json(path)
    assert read_json_records(path) == to_records(plan.activities)
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="to_json"):
        read_json_records(path)


def test_to_pandas(plan: Plan) -> None:
    pd = pytest.importorskip("pandas")
    frame = plan.activities.to_pandas()
    assert list(frame.columns) == list(RECORD_COLUMNS)
    assert len(frame) == 4
    assert frame.loc[0, "start"] == pd.Timestamp("2015-10-01")
    assert pd.isna(frame.loc[1, "due"])
    assert frame.loc[0, "responsible"] == ["A", "B"]
    assert str(frame["cost_amount"].dtype) == "Int64"


def test_to_polars(plan: Plan) -> None:
    pl = pytest.importorskip("polars")
    frame = plan.activities.to_polars()
    assert frame.columns == list(RECORD_COLUMNS)
    assert frame.schema["start"] == pl.Date
    assert frame["responsible"].to_list()[0] == ["A", "B"]
    assert frame["due"].null_count() == 2


@pytest.mark.parametrize(("method", "module"), [("to_pandas", "pandas"), ("to_polars", "polars")])
def test_missing_extra_names_it(
    plan: Plan, monkeypatch: pytest.MonkeyPatch, method: str, module: str
) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == module or name.startswith(module + "."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ImportError, match=rf"the .{module}. extra"):
        getattr(plan.activities, method)()
    # Every tabular result builds its frame the same way, and fails the same way.
    acts = plan.activities
    tables: list[Any] = [acts.count_by("responsible"), acts.group_by("objective")]
    tables += [plan.workload(), plan.timeline(), plan.quality_report()]
    for value in tables:
        with pytest.raises(ImportError, match=rf"install the '{module}' extra"):
            getattr(value, method)()


def test_import_stays_light() -> None:
    import subprocess

    code = (
        "import sys, antitrafficking_plan as atp; atp.load_plan; "
        "print(sorted(m for m in ('pandas', 'polars', 'csv', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_bundled_records_draw_timelines(tmp_path: Path) -> None:
    if not bundled_plan_available():
        pytest.skip("the bundled plan file kosovo_2015_2019.json is missing")
    plan = atp.load_plan()
    records = to_records(plan.activities)
    assert len(records) == 86
    first = records[0]
    assert (first["code"], first["start"], first["due"]) == ("1.1.1", "2015-10-01", "2015-12-31")
    to_csv(plan.activities, tmp_path / "p.csv")
    assert read_csv_records(tmp_path / "p.csv") == records


def test_writers_accept_an_open_text_stream(tmp_path: Path) -> None:
    import io

    plan = atp.load_plan()
    path = tmp_path / "plan.csv"
    plan.activities.to_csv(path)
    stream = io.StringIO(newline="")
    plan.activities.to_csv(stream)
    with path.open(encoding="utf-8", newline="") as written:
        assert stream.getvalue() == written.read()
    json_path = tmp_path / "plan.json"
    export.to_json(plan.activities, json_path)
    json_stream = io.StringIO()
    export.to_json(plan.activities, json_stream)
    assert json_stream.getvalue() == json_path.read_text(encoding="utf-8")
