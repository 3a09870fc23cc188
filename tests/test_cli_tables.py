"""The command line with spreadsheets and data packages: ``template``, ``export`` in every
format (told by the output's name), ``--plan`` reading each back, and ``validate``
printing cell problems as a table. Run in-process through ``main``.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl  # type: ignore[import-untyped,unused-ignore]
import pytest

import antitrafficking_plan as atp
from antitrafficking_plan.cli import main
from antitrafficking_plan.dataset import load_plan
from antitrafficking_plan.export import to_records

PLAN = atp.load_plan()


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("name", ["plan.xlsx", "plan.json", "package", "acts.csv"])
def test_export_by_name_and_read_back_with_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = tmp_path / name
    assert _run(capsys, "export", "-o", str(path)) == (0, "", "")
    again = load_plan(path)
    assert to_records(again.activities) == to_records(PLAN.activities)
    if name != "acts.csv":
        assert again == PLAN
    status, out, _ = _run(capsys, "--plan", str(path), "list", "--institution", "MIA")
    assert status == 0
    assert "1.1.2" in out
    status, out, _ = _run(capsys, "validate", str(path))
    assert (status, out.startswith(f"OK: {path} is a valid plan file: ")) == (0, True)


def test_export_csv_to_standard_output_reads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(capsys, "export", "--format", "csv")
    assert status == 0
    path = tmp_path / "from-stdout.csv"
    path.write_text(out, encoding="utf-8", newline="")
    assert to_records(load_plan(path).activities) == to_records(PLAN.activities)


def test_binary_formats_need_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "export", "--format", "xlsx")
    assert (status, out) == (2, "")
    assert "give -o FILE" in err


def test_validate_prints_cell_problems_as_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    path = tmp_path / "plan.xlsx"
    assert _run(capsys, "export", "-o", str(path))[0] == 0
    book = openpyxl.load_workbook(path)
    book["activities"]["I5"] = "soonish"
    book["activities"]["G3"] = "Ministry of Labor"
    book.save(path)
    status, out, err = _run(capsys, "validate", str(path))
    assert status == 1
    lines = out.splitlines()
    assert lines[0].split() == ["sheet", "row", "column", "value", "problem"]
    # One problem a row; a long value or problem wraps within the terminal, never cut.
    starts = [n for n, line in enumerate(lines) if line.startswith("activities")]
    first = " ".join(" ".join(lines[starts[0] : starts[1]]).split())
    second = " ".join(" ".join(lines[starts[1] :]).split())
    assert first.startswith("activities 3 responsible Ministry")
    assert "did you mean 'MLSW'" in first
    assert second.startswith("activities 5 deadline soonish")
    assert "accepted forms include" in second
    assert "'annually'" in second
    assert all(len(line) <= 80 for line in lines)
    assert "(2 problems, listed on standard output)" in err
    status, _, err = _run(capsys, "--plan", str(path), "summary")
    assert status == 1
    assert "activities, row 3, column 'responsible'" in err


def test_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "blank.xlsx"
    assert _run(capsys, "template", str(path)) == (0, "", "")
    book = openpyxl.load_workbook(path)
    assert book["activities"].freeze_panes == "A2"
    assert "instructions" in book.sheetnames
    status, out, _ = _run(capsys, "validate", str(path))
    assert status == 1
    assert "the plan's title is required" in out


def test_template_from_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "source.xlsx"
    assert _run(capsys, "export", "-o", str(source))[0] == 0
    path = tmp_path / "filled.xlsx"
    assert _run(capsys, "--plan", str(source), "template", "--from-plan", str(path))[0] == 0
    assert load_plan(path) == PLAN
