"""docs/bring-your-own-plan.md's column reference lists exactly the columns each table of
``antitrafficking_plan.tables.TABLES`` has, in order, with what each holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from antitrafficking_plan.tables import TABLES, TableSpec

PAGE = Path(__file__).resolve().parents[1] / "docs" / "bring-your-own-plan.md"
_SECTION = re.compile(r"^### Sheet `([^`]+)`\n(.*?)(?=^#)", re.MULTILINE | re.DOTALL)
_ROW = re.compile(r"^\| `([^`]+)`(?: \(or [^)]*\))? \| (yes|) \| (.*) \|$", re.MULTILINE)


def _sections() -> dict[str, list[tuple[str, str, str]]]:
    reference = PAGE.read_text(encoding="utf-8").split("## Column reference", 1)[1]
    return {name: _ROW.findall(body) for name, body in _SECTION.findall(reference + "\n#")}


def test_every_table_has_a_section_and_no_other() -> None:
    assert list(_sections()) == [t.name for t in TABLES]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_each_section_lists_exactly_the_table_headers(table: TableSpec) -> None:
    rows = _sections()[table.name]
    assert [header for header, _, _ in rows] == list(table.headers)
    for (_, required, holds), column in zip(rows, table.columns, strict=True):
        assert (required == "yes") == column.required, column.header
        if column.help:
            assert holds.startswith(column.help), column.header


def test_the_objectives_sheet_has_label_and_reading() -> None:
    headers = [h for h, _, _ in _sections()["objectives"]]
    assert headers == ["code", "title", "label", "reading", "source lines"]
