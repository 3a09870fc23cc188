"""Every ``examples/*.py`` script runs and prints an answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from plans import bundled_plan_available

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.py"))


def test_there_are_examples() -> None:
    assert len([p for p in EXAMPLES if p.name.startswith("q_")]) >= 8


@pytest.mark.skipif(not bundled_plan_available(), reason="the bundled plan file is missing")
@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(script: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), f"{script.name} printed nothing"
