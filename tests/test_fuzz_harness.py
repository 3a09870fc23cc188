"""The atheris (libFuzzer) harnesses in ``fuzz/`` run, briefly, when atheris is installed.

The long runs are manual: ``python fuzz/run.py --seconds 600`` (see docs/bad-input.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

atheris = pytest.importorskip(
    "atheris", reason="atheris is not installed (pip install atheris) - fuzz harness not run"
)

FUZZ_DIR = Path(__file__).resolve().parent.parent / "fuzz"
SECONDS = 8  # of fuzzing in total, split between the two harnesses


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=SECONDS + 90,
        check=False,
    )


def test_harnesses_run_for_a_bounded_time_without_crashing(tmp_path: Path) -> None:
    result = _run(
        str(FUZZ_DIR / "run.py"),
        "--seconds",
        str(SECONDS),
        "--artifacts",
        str(tmp_path),
        cwd=tmp_path,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "== fuzzing deadline" in output
    assert "== fuzzing loader" in output
    # libFuzzer's summary, once per harness, after it really ran inputs.
    done = [line for line in output.splitlines() if line.startswith("Done ")]
    assert len(done) == 2, output[-4000:]
    assert all(int(line.split()[1]) > 100 for line in done), done
    assert "== no crashes" in output
    assert not list(tmp_path.glob("crash-*"))
