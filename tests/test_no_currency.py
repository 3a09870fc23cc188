"""The source prints bare cost numbers and names no currency: nothing may call them EUR.

Dataset 1.0 did; the CHANGELOG keeps that history, and the version-1 file format's
``amount_eur`` is named only where its migration is documented.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import cli, dataset
from antitrafficking_plan.display import activities_html, plan_html

ROOT = Path(__file__).resolve().parent.parent
#: "EUR" as a word, "€", or a field name ending in "_eur" / starting "eur_".
CURRENCY = re.compile(r"\bEUR\b|€|_eur\b|\beur_", re.IGNORECASE)
#: Where the version-1 name ``amount_eur`` must be spelled out: its migration and its docs.
V1_NAME_ALLOWED = {
    "src/antitrafficking_plan/codec.py",
    "docs/file-format.md",
    "curation/compare_readings.py",
}


def _hits(text: str) -> list[str]:
    return [m.group(0) for m in CURRENCY.finditer(text)]


def _shipped_and_documented() -> list[Path]:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    files += sorted((ROOT / "src" / "antitrafficking_plan").rglob("*.py"))
    files += sorted((ROOT / "src" / "antitrafficking_plan" / "data").glob("*.json"))
    files += sorted((ROOT / "curation").glob("*.py"))
    files += [ROOT / "curation" / "settled.json", ROOT / "curation" / "institutions.json"]
    files += sorted((ROOT / "examples").rglob("*.py"))
    return [f for f in files if f.name.lower() != "changelog.md"]


def test_no_file_shipped_or_documented_says_eur() -> None:
    found = {}
    for path in _shipped_and_documented():
        text = path.read_text("utf-8")
        if path.relative_to(ROOT).as_posix() in V1_NAME_ALLOWED:
            text = text.replace("amount_eur", "")
        if _hits(text):
            found[path.relative_to(ROOT).as_posix()] = _hits(text)
    assert found == {}


def test_the_grep_would_catch_it() -> None:
    assert _hits("EUR 5,000") == ["EUR"]
    assert _hits("amount_eur") == ["_eur"]
    assert _hits('"eur_attached": 0') == ["eur_"]
    assert _hits("Europol, Eurojust, European") == []


@pytest.mark.parametrize(
    "argv",
    [
        ["summary"],
        ["summary", "--format", "json"],
        ["show", "4.2.1"],
        ["list", "--format", "csv"],
        ["export"],
    ],
)
def test_no_command_output_says_eur(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert out
    assert _hits(out) == []


def test_no_library_output_says_eur() -> None:
    plan = atp.load_plan()
    texts = [
        str(plan.cost_summary()),
        repr(plan.cost_summary()),
        plan_html(plan),
        activities_html(plan.activities, limit=None),
        str(plan.activities.to_records()),
        str(dataset.plan_json_schema()),
    ]
    assert [t for t in texts if _hits(t)] == []
    assert "currency" in str(plan.cost_summary())
