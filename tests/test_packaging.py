"""The built wheel carries the package data and py.typed; the root API is what it says."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import antitrafficking_plan as atp

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_carries_package_data_and_py_typed(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("antitrafficking_plan-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "antitrafficking_plan/py.typed",
        "antitrafficking_plan/data/kosovo_2015_2019.json",
        "antitrafficking_plan/data/kosovo_2015_2019_source.txt",
        "antitrafficking_plan/data/plan.schema.json",
        "antitrafficking_plan/strategies.py",
    ):
        assert expected in names
    metadata = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Dist: attrs" in text
    assert "Requires-Dist: pandas" in text
    assert "extra == 'pandas'" in text


def test_version_and_public_api() -> None:
    assert atp.__version__.count(".") == 2
    for name in atp.__all__:
        assert hasattr(atp, name), name
    assert sorted(dir(atp)) == sorted(atp.__all__)


def test_import_stays_light() -> None:
    code = (
        "import sys, antitrafficking_plan as a; a.parse_deadline('Q4 2015'); "
        "heavy = [m for m in ('pandas', 'polars', 'matplotlib', 'hypothesis', 'dateutil.parser',"
        " 'numpy') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_the_bundled_plan_imports_no_file_format_or_summary_module(tmp_path: Path) -> None:
    # Issue 10's cold start: the formats' modules load when a file is first read, the
    # summaries' when a plan is first summarized.
    atp.dump_plan(atp.load_plan(), tmp_path / "plan.csv")
    code = (
        "import sys, antitrafficking_plan as a; a.load_plan(); "
        "formats = ['aggregate', 'codec', 'csvtables', 'datapackage', 'tables', 'workbook']; "
        "loaded = lambda: [m for m in formats if 'antitrafficking_plan.' + m in sys.modules]; "
        "print(loaded()); "
        f"print(len(a.load_plan({str(tmp_path / 'plan.csv')!r}).activities), "
        "'csvtables' in loaded(), 'workbook' in loaded())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    n = len(atp.load_plan().activities)
    assert out.splitlines() == ["[]", f"{n} True False"]


def test_the_root_exports_what_a_user_needs_and_no_more() -> None:
    # Issue 10: about 35 names; everything else lives in the submodule that holds it.
    assert len(atp.__all__) <= 37
    assert {"load_plan", "dump_plan", "parse_deadline", "Plan", "Activities"} <= set(atp.__all__)
