"""Opening .xlsx workbooks to read them, for plans and status logs alike.

openpyxl's read-only loader, values only, external links dropped, and without the pass
that sizes each sheet (see :func:`_unsized_reader`); the rows of a sheet as openpyxl's
parser reads them; and the one list of the errors a damaged file gives (broken XML,
corrupt compressed data), raised as :class:`UnreadableWorkbook` for the caller to report
with the file's name. openpyxl is passed in by the caller, which says how to install it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import IO, Any

__all__ = ["UnreadableWorkbook", "open_workbook", "sheet_rows"]


class UnreadableWorkbook(Exception):
    """The file is no workbook openpyxl can read, or a part of it is damaged; the
    message is the reason (``"BadZipFile: File is not a zip file"``)."""


@functools.cache
def _damaged() -> tuple[type[BaseException], ...]:
    """What a damaged workbook raises while it is read: broken XML is a SyntaxError
    (ElementTree's ParseError, lxml's XMLSyntaxError), corrupt parts zip or zlib errors."""
    import zipfile  # not imported with the package: only workbooks need them
    import zlib

    return (zipfile.BadZipFile, zlib.error, SyntaxError, EOFError)


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def open_workbook(openpyxl: Any, handle: IO[bytes]) -> Any:
    """The workbook in ``handle``, read-only; :class:`UnreadableWorkbook` if it cannot be
    opened (not a zip file, not a workbook, a damaged part). Close it when done."""
    invalid = openpyxl.utils.exceptions.InvalidFileException
    try:
        return _load(openpyxl, handle)
    except (*_damaged(), invalid, KeyError, ValueError, OSError) as exc:
        raise UnreadableWorkbook(_reason(exc)) from None


def sheet_rows(ws: Any) -> Iterator[tuple[object, ...]]:
    """The rows of the read-only worksheet ``ws`` as tuples of cell values (row 1 first),
    read by openpyxl's parser with the dimensions reset (the cells are trusted, not a
    dimension some writers get wrong); :class:`UnreadableWorkbook` if the sheet's XML is
    damaged."""
    ws.reset_dimensions()
    try:
        yield from ws.iter_rows(values_only=True)
    except _damaged() as exc:
        raise UnreadableWorkbook(_reason(exc)) from None


@functools.cache
def _unsized_reader() -> Any | None:
    """openpyxl's workbook reader, making read-only worksheets without sizing them; None
    when this openpyxl is not one it was written for.

    A read-only worksheet is sized when it is made: from the sheet's ``<dimension>``, and
    when there is none (write-only workbooks, ours among them, have none) by parsing the
    whole sheet. :func:`sheet_rows` never uses that size (it reads rows with the dimensions
    reset), so that pass over all the sheet's XML (about a sixth of the reading, measured
    at 10,000 activities) was wasted. This reader makes the worksheets as
    ``ExcelReader.read_worksheets`` does in read-only mode, only unsized. It relies on
    openpyxl internals as they are in openpyxl 3.1.5, so it is used with openpyxl 3.1.x
    only: ``ExcelReader.read_worksheets``, ``ExcelReader.read_chartsheet``,
    ``WorkbookParser.find_sheets``, ``ReadOnlyWorksheet._get_size``. For any other version,
    or when they are missing, the public ``load_workbook`` is used: slower, the same rows.
    """
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]
        from openpyxl.packaging.relationship import (  # type: ignore[import-untyped,unused-ignore]
            get_dependents,
            get_rels_path,
        )
        from openpyxl.reader.excel import ExcelReader  # type: ignore[import-untyped,unused-ignore]
        from openpyxl.worksheet._read_only import (  # type: ignore[import-untyped,unused-ignore]
            ReadOnlyWorksheet,
        )
    except ImportError:
        return None
    version = str(getattr(openpyxl, "__version__", ""))
    if not version.startswith("3.1.") or not all(
        callable(getattr(c, a, None))
        for c, a in (
            (ExcelReader, "read"),
            (ExcelReader, "read_worksheets"),
            (ExcelReader, "read_chartsheet"),
            (ReadOnlyWorksheet, "_get_size"),
        )
    ):
        return None

    class UnsizedWorksheet(ReadOnlyWorksheet):  # type: ignore[misc,unused-ignore]
        def _get_size(self) -> None:
            pass  # sized by nothing: _rows resets the dimensions anyway

    class UnsizedReader(ExcelReader):  # type: ignore[misc,unused-ignore]
        def read_worksheets(self) -> None:
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(sheet, rel)
                    continue
                rels_path = get_rels_path(rel.target)
                if rels_path in self.valid_files:  # read, as openpyxl does: may be refused
                    get_dependents(self.archive, rels_path)
                ws = UnsizedWorksheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)

    return UnsizedReader


def _load(openpyxl: Any, handle: IO[bytes]) -> Any:
    """``openpyxl.load_workbook(handle)`` read-only, values only, links dropped; without
    sizing the sheets when :func:`_unsized_reader` can."""
    reader_type = _unsized_reader()
    if reader_type is None:
        return openpyxl.load_workbook(handle, read_only=True, data_only=True, keep_links=False)
    reader = reader_type(handle, read_only=True, data_only=True, keep_links=False)
    reader.read()  # what load_workbook does
    return reader.wb
