"""The rows read from a workbook's sheets, by the reader that skips openpyxl's sizing pass
and by the public ``load_workbook`` it falls back to: the same rows, gaps and all, from
real ``.xlsx`` files written with openpyxl (with a right, a wrong or no ``<dimension>``).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from typing import Any

import openpyxl  # type: ignore[import-untyped,unused-ignore]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.chart import BarChart, Reference  # type: ignore[import-untyped,unused-ignore]
from openpyxl.styles import Font  # type: ignore[import-untyped,unused-ignore]
from openpyxl.worksheet._reader import (  # type: ignore[import-untyped,unused-ignore]
    WorkSheetParser,
)

import antitrafficking_plan as atp
from antitrafficking_plan import _xlsx, workbook
from antitrafficking_plan.dataset import dump_plan
from antitrafficking_plan.tables import RawTable
from antitrafficking_plan.workbook import read_workbook

Cells = Mapping[tuple[int, int], str]

#: Cells with gaps: B1 missing, row 3 missing, a row holding only D4, styled empty cells
#: (written, valueless) in rows 5 and 7, row 6 missing; and an escaped text.
SPARSE: Cells = {(1, 1): "code", (1, 3): "text", (2, 1): "1.1.1", (4, 4): "x", (2, 2): "a_x000D_b"}
STYLED = ((5, 2), (7, 2))
#: The rows as read: a row missing from the file is an empty row, each row as wide as its
#: last cell; "_x000D_" is a carriage return again.
SPARSE_ROWS = [
    ("1.1.1", "a\rb"),
    (),
    (None, None, None, "x"),
    (None, None),
    (),
    (None, None),
]


def _book(
    cells: Cells, styled: tuple[tuple[int, int], ...] = (), dimension: str = "right"
) -> bytes:
    """A workbook (normal openpyxl, not write-only) with ``cells`` in a sheet ``data``, a
    hidden sheet, print titles (a sheet-local defined name) and a chartsheet;
    ``dimension`` "right" as openpyxl writes it, "wrong" (A1:A1) or "none"."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "data"
    for (row, column), value in sorted(cells.items()):
        ws.cell(row=row, column=column, value=value)
    for row, column in styled:
        ws.cell(row=row, column=column).font = Font(bold=True)
    ws.print_title_rows = "1:1"
    hidden = book.create_sheet("hidden")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "h"
    chart = BarChart()
    chart.add_data(Reference(hidden, min_col=1, min_row=1))
    book.create_chartsheet("chart").add_chart(chart)  # (openpyxl cannot read one without)
    buffer = io.BytesIO()
    book.save(buffer)
    if dimension == "right":
        return buffer.getvalue()
    replacement = '<dimension ref="A1:A1"/>' if dimension == "wrong" else ""
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data, n = re.subn(rb"<dimension [^>]*/>", replacement.encode(), data)
                assert n == 1
            target.writestr(info, data)
    return out.getvalue()


def _read(data: bytes) -> list[RawTable]:
    return workbook._sheets(openpyxl, io.BytesIO(data), "book.xlsx")


@pytest.fixture
def public_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Force the fallback: the public ``load_workbook`` path."""
    monkeypatch.setattr(_xlsx, "_unsized_reader", lambda: None)


@pytest.mark.parametrize("dimension", ["right", "wrong", "none"])
def test_sparse_rows_are_read_with_their_gaps(dimension: str) -> None:
    (data, hidden) = _read(_book(SPARSE, STYLED, dimension))
    assert (data.name, data.header) == ("data", ("code", None, "text"))
    assert [tuple(r) for r in data.rows] == SPARSE_ROWS
    assert (hidden.name, hidden.header, list(hidden.rows)) == ("hidden", ("h",), [])


@pytest.mark.parametrize("dimension", ["right", "wrong", "none"])
def test_the_fallback_reads_the_very_same_rows(
    dimension: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _book(SPARSE, STYLED, dimension)
    fast = _read(data)
    monkeypatch.setattr(_xlsx, "_unsized_reader", lambda: None)
    public = _read(data)
    assert fast == public  # types too: a missing row is what openpyxl gives for it
    assert [tuple(r) for r in public[0].rows] == SPARSE_ROWS


def test_the_sheets_are_made_as_openpyxl_makes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    def sheets() -> list[object]:
        book = _xlsx._load(openpyxl, io.BytesIO(_book(SPARSE, STYLED, "none")))
        try:
            found: list[object] = [book.sheetnames, [type(s).__name__ for s in book.chartsheets]]
            for ws in book.worksheets:
                found.append((ws.title, ws.sheet_state, getattr(ws, "_print_rows", None)))
            return found
        finally:
            book.close()

    fast = sheets()
    monkeypatch.setattr(_xlsx, "_unsized_reader", lambda: None)
    assert (
        fast
        == sheets()
        == [
            ["data", "hidden", "chart"],
            ["Chartsheet"],
            ("data", "visible", "1:1"),
            ("hidden", "hidden", None),
        ]
    )


def _expected(cells: Cells) -> list[tuple[object, ...]]:
    """Rows 2 on as read: every row up to the last one with a cell, as wide as its last
    cell, gaps None, a row without cells empty."""
    last = max(r for r, _ in cells)
    rows: list[tuple[object, ...]] = []
    for row in range(2, last + 1):
        width = max((c for r, c in cells if r == row), default=0)
        rows.append(tuple(cells.get((row, c)) for c in range(1, width + 1)))
    return rows


_grids = st.dictionaries(
    st.tuples(st.integers(1, 8), st.integers(1, 6)),
    st.text(
        st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"], exclude_characters="_"),
        min_size=1,
    ).filter(lambda t: not t.startswith("=")),  # openpyxl writes those as formulas
    min_size=1,
    max_size=20,
)


@settings(max_examples=30, deadline=None)
@given(cells=_grids, dimension=st.sampled_from(["right", "wrong", "none"]))
def test_any_sparse_sheet_reads_the_same_both_ways(cells: Cells, dimension: str) -> None:
    data = _book(cells, dimension=dimension)
    fast = _read(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_xlsx, "_unsized_reader", lambda: None)
        public = _read(data)
    assert fast == public
    assert [tuple(r) for r in fast[0].rows] == _expected(cells)


def test_the_installed_openpyxl_gets_the_unsized_reader() -> None:
    # Fails when openpyxl moves past 3.1: check its internals, then widen the range.
    assert _xlsx._unsized_reader() is not None


def test_another_openpyxl_version_gets_the_public_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    _xlsx._unsized_reader.cache_clear()
    monkeypatch.setattr(openpyxl, "__version__", "3.2.0")
    try:
        assert _xlsx._unsized_reader() is None
    finally:
        _xlsx._unsized_reader.cache_clear()


@pytest.fixture(scope="module")
def plan_book() -> bytes:
    buffer = io.BytesIO()
    dump_plan(atp.load_plan(), buffer, format="xlsx")
    return buffer.getvalue()


def _no_sizing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Any) -> None:
        raise AssertionError("a sheet was sized")

    monkeypatch.setattr(WorkSheetParser, "parse_dimensions", refuse)


def test_reading_a_plan_never_sizes_a_sheet(
    plan_book: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_sizing(monkeypatch)
    assert read_workbook(io.BytesIO(plan_book)) == atp.load_plan()


@pytest.mark.usefixtures("public_reader")
def test_the_fallback_sizes_sheets_and_reads_the_same_plan(
    plan_book: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read_workbook(io.BytesIO(plan_book)) == atp.load_plan()
    _no_sizing(monkeypatch)  # the fallback is the public, sizing path
    with pytest.raises(AssertionError, match="sized"):
        read_workbook(io.BytesIO(plan_book))


@pytest.fixture(params=[False, True], ids=["unsized", "public"])
def fallback(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Each test twice: with the unsized reader, and forced to the public reader."""
    if request.param:
        monkeypatch.setattr(_xlsx, "_unsized_reader", lambda: None)
    return bool(request.param)


def test_a_broken_workbook_is_refused_the_same_way(fallback: bool, plan_book: bytes) -> None:
    without = _damaged(plan_book, "xl/workbook.xml", None)
    with pytest.raises(atp.PlanLoadError, match=r"^workbook is not an \.xlsx workbook .*KeyError"):
        read_workbook(io.BytesIO(without))


def _damaged(book: bytes, part: str, cut: int | None) -> bytes:
    """``book`` with the XML of ``part`` cut short after ``cut`` bytes, or left out."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != part:
                target.writestr(info, data)
            elif cut is not None:
                target.writestr(info, data[:cut])
    return out.getvalue()


def test_a_sheet_with_broken_xml_is_refused_naming_the_sheet(
    fallback: bool, plan_book: bytes
) -> None:
    with zipfile.ZipFile(io.BytesIO(plan_book)) as book:
        sheets = sorted(n for n in book.namelist() if n.startswith("xl/worksheets/sheet"))
    damaged = _damaged(plan_book, sheets[-1], 3000)
    # The public reader parses each sheet to size it while opening the workbook, so it
    # meets the broken XML before any sheet is read by name.
    expected = (
        r"^workbook is not an \.xlsx workbook that can be read \(ParseError"
        if fallback
        else r"^workbook: sheet '[a-z_]+' cannot be read; the workbook is damaged \(ParseError"
    )
    with pytest.raises(atp.PlanLoadError, match=expected):
        read_workbook(io.BytesIO(damaged))


def test_broken_workbook_xml_is_refused_as_not_readable(plan_book: bytes) -> None:
    damaged = _damaged(plan_book, "xl/workbook.xml", 200)
    with pytest.raises(atp.PlanLoadError, match=r"^workbook is not an \.xlsx workbook"):
        read_workbook(io.BytesIO(damaged))
