"""The status commands of the command line: progress, late, status-template (in process)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from antitrafficking_plan.cli import main
from antitrafficking_plan.demo import demo_plan, demo_plan_path, demo_status_log, demo_status_path
from antitrafficking_plan.progress import late, progress

PLAN_ARGS = ["--plan", str(demo_plan_path())]  # the fictional demo plan
STATUS = str(demo_status_path())


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("day", ["2020-07-01", "2021-01-01", "2022-01-01"])
def test_late_json_matches_the_library(capsys: pytest.CaptureFixture[str], day: str) -> None:
    status, out, _ = run(
        capsys, *PLAN_ARGS, "late", "--status", STATUS, "--as-of", day, "--format", "json"
    )
    assert status == 0
    expected = late(demo_status_log(), demo_plan(), as_of=date.fromisoformat(day))
    data = json.loads(out)
    assert [(d["code"], d["status"]) for d in data] == [
        (s.code, s.word) for s in (*expected.late, *expected.unreported)
    ]


@pytest.mark.parametrize("by", ["strategic_objective", "objective", "institution"])
def test_progress_json_matches_the_library(capsys: pytest.CaptureFixture[str], by: str) -> None:
    status, out, _ = run(
        capsys,
        *PLAN_ARGS,
        "progress",
        "--status",
        STATUS,
        "--as-of",
        "2021-01-01",
        "--by",
        by,
        "--format",
        "json",
    )
    assert status == 0
    data = json.loads(out)
    expected = progress(demo_status_log(), demo_plan(), as_of=date(2021, 1, 1), by=by)  # type: ignore[arg-type]
    assert data == expected.to_records()
    for row in data:
        keys = ("not_started", "in_progress", "completed", "cancelled", "suspended", "unreported")
        assert sum(row[k] for k in keys) == row["activities"]


def test_table_csv_and_markdown_say_fictional(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("table", "markdown"):
        status, out, _ = run(
            capsys, *PLAN_ARGS, "late", "--status", STATUS, "--as-of", "2021-01-01", "--format", fmt
        )
        assert status == 0
        assert "fictional" in out.splitlines()[0]
        assert "2.2.3" in out
        assert "(no report)" in out
    status, out, _ = run(
        capsys,
        *PLAN_ARGS,
        "progress",
        "--status",
        STATUS,
        "--as-of",
        "2021-01-01",
        "--format",
        "csv",
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["group"] for r in rows] == ["1", "2"]
    assert rows[0]["completed"] == "2"


def test_bad_status_file_lists_every_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "code,as_of,status\n1.1.9,2020-06-30,completed\n1.1.1,2020-02-30,done\n1.1.2,2020-06-30,closed\n"
        "1.1.1,2020-06-30,completed\n1.1.1,2020-06-30,completed\n",
        encoding="utf-8",
    )
    status, out, err = run(
        capsys, *PLAN_ARGS, "late", "--status", str(path), "--as-of", "2021-01-01"
    )
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 5
    assert all(line.startswith("antitrafficking-plan: error: ") for line in lines)
    assert "'1.1.9'" in lines[0]
    assert "row 2, column 'code'" in lines[0]
    assert "'2020-02-30' is not a date" in lines[1]
    assert "row 3, column 'as_of'" in lines[1]
    assert "reads two ways" in lines[2]
    assert "row 4, column 'status'" in lines[2]
    assert "two reports" in lines[3]
    assert "row 6, column 'as_of'" in lines[3]
    assert "4 problems, listed above" in lines[4]


def test_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "late", "--status", STATUS, "--as-of", "2021-13-01")
    assert status == 2
    assert "invalid date" in err
    status, _, err = run(capsys, "late", "--as-of", "2021-01-01")
    assert status == 2
    assert "--status" in err
    status, _, err = run(capsys, "status-template", str(tmp_path / "t.txt"))
    assert status == 2
    assert ".xlsx or .csv" in err


def test_status_template_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "template.csv"
    status, out, _ = run(capsys, *PLAN_ARGS, "status-template", str(path))
    assert status == 0
    assert "12 activities" in out
    text = path.read_text(encoding="utf-8").replace(
        "2.2.3,Fictional referral database,PLO,2020,,",
        "2.2.3,Fictional referral database,PLO,2020,2020-12-31,completed",
    )
    path.write_text(text, encoding="utf-8")
    status, out, _ = run(
        capsys,
        *PLAN_ARGS,
        "late",
        "--status",
        str(path),
        "--as-of",
        "2021-01-01",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert status == 0
    assert "2.2.3" not in [d["code"] for d in data]
    assert all(d["status"] is None for d in data)  # everything else overdue is unreported


# -- help: within 80 columns, examples runnable as written ------------------------------------
SRC = Path(__file__).resolve().parents[1] / "src"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    path = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(COLUMNS="80", PYTHONPATH=str(SRC), PATH=path, PYTHONIOENCODING="utf-8")
    return env


def _help(command: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "antitrafficking_plan", command, "--help"],
        capture_output=True,
        text=True,
        env=_env(),
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize("command", ["progress", "late", "status-template", "template"])
def test_help_fits_80_columns(command: str) -> None:
    long = [line for line in _help(command).splitlines() if len(line) > 80]
    assert long == []


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
@pytest.mark.parametrize("command", ["progress", "late"])
def test_help_demo_example_runs_as_written_from_any_folder(command: str, tmp_path: Path) -> None:
    examples = _help(command).split("examples:\n", 1)[1]
    start = examples.index("  D=$(")
    script = examples[start:]  # as written: python and antitrafficking-plan from PATH
    result = subprocess.run(
        ["sh", "-c", script], cwd=tmp_path, capture_output=True, text=True, env=_env()
    )
    assert result.returncode == 0, result.stderr
    assert "fictional" in result.stdout.splitlines()[0]


@pytest.mark.parametrize("command", ["late", "progress"])
def test_machine_formats_say_fictional_for_the_demo_files(
    capsys: pytest.CaptureFixture[str], command: str, tmp_path: Path
) -> None:
    day = ["--as-of", "2021-01-01"]
    status, out, _ = run(capsys, *PLAN_ARGS, command, "--status", STATUS, *day, "--format", "json")
    assert status == 0
    objects = json.loads(out)
    assert objects
    assert all(o["fictional"] is True for o in objects)
    assert all({"code", "status"} <= set(o) for o in objects) or all("group" in o for o in objects)
    status, out, _ = run(capsys, *PLAN_ARGS, command, "--status", STATUS, *day, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    assert {r["fictional"] for r in rows} == {"True"}
    # a status file about the real plan is not marked fictional
    real = tmp_path / "real.csv"
    real.write_text("code,as_of,status\n1.1.1,2016-06-30,completed\n", encoding="utf-8")
    status, out, _ = run(capsys, command, "--status", str(real), *day, "--format", "json")
    assert status == 0
    assert {o["fictional"] for o in json.loads(out)} == {False}
