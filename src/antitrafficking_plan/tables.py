"""A plan as named tables of rows, and back: the layer that workbooks, CSV files and data
packages share.

Each table is declared once (:data:`TABLES`): its name, and for every column the header,
the model field it fills and how a cell is read and written. :func:`plan_to_tables` turns
a plan into rows of cells; :func:`plan_from_tables` reads rows back, checking every cell,
and builds the plan only when nothing is wrong: otherwise a
:class:`~antitrafficking_plan.errors.PlanTableError` lists every problem as a
:class:`~antitrafficking_plan.errors.CellProblem` (sheet, row as a spreadsheet shows it,
column, value, what is accepted, close suggestions). Never a partial plan.

Reading is forgiving where people type: headers, table names, plan keys and vocabulary
match ignoring case, with spaces, underscores and hyphens alike; cells are stripped;
numbers and dates typed in a spreadsheet are read as their text. Multi-valued cells hold
items separated by ``;`` or line breaks. A text that would not read back as written
(surrounding spaces, an empty text, a separator inside a list item) is written in double
quotes, ``"like this"``, with ``""`` for a quote inside: the quoted form reads back
exactly.

>>> from antitrafficking_plan import load_plan
>>> tables = plan_to_tables(load_plan())
>>> tables["activities"].header[:4]
('code', 'objective', 'activity', 'expected results')
>>> plan_from_tables(
...     [RawTable(name, t.header, t.rows) for name, t in tables.items()], source="memory"
... ) == load_plan()
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final, NamedTuple

from attrs import frozen

from ._enum import TextEnum
from ._gc import collection_paused
from ._text import close_matches, fold_text
from .deadline import Deadline, parse_deadline_cached
from .errors import CellProblem, DeadlineParseError, PlanIntegrityError, PlanTableError
from .integrity import ACTIVITY_CODE as _ACTIVITY_CODE
from .integrity import SPECIFIC_CODE as _SPECIFIC_CODE
from .integrity import STRATEGIC_CODE as _STRATEGIC_CODE
from .model import (
    Activity,
    Confidence,
    Cost,
    CostFragment,
    FundingSource,
    Institution,
    InstitutionKind,
    NameConfidence,
    Note,
    Provenance,
    SourceReference,
    SpecificObjective,
    StrategicObjective,
)
from .plan import Plan, TextRepair
from .registry import InstitutionRegistry, normalize_name

__all__ = [
    "DEADLINE_NONE_WORDS",
    "LIST_SEPARATORS",
    "NON_DATA_SHEETS",
    "PLAN_KEYS",
    "TABLES",
    "Cell",
    "Column",
    "PlanKey",
    "RawTable",
    "Table",
    "TableSpec",
    "normalize_header",
    "plan_from_tables",
    "plan_to_tables",
]

#: What a cell holds when written: text, a whole number, or nothing.
Cell = str | int | None

#: The texts a deadline cell may hold to say "no deadline" (compared ignoring case). The
#: text is kept in the activity's provenance (``deadline_cell``) when it is not empty.
DEADLINE_NONE_WORDS: Final = ("", "-", "–", "—", "tbd", "n/a", "to be determined")
#: How the items of a multi-valued cell are separated when read (``;`` or a line break);
#: they are written joined with ``"; "``.
LIST_SEPARATORS: Final = (";", "line break")
#: Sheets of a workbook that hold no plan data and are not read (the template's).
NON_DATA_SHEETS: Final = ("instructions", "examples")

_JOIN = "; "
_TITLE_JOIN = " … "
_QUOTED = re.compile(r'"((?:[^"]|"")*)"\Z', re.DOTALL)
_NAME_PARTS = re.compile(r"[\s_\-]+")


def normalize_header(text: str) -> str:
    """How headers, table names and plan keys are compared: case folded, runs of spaces,
    underscores and hyphens made one space.

    >>> normalize_header("  Expected_Results ")
    'expected results'
    """
    return " ".join(p for p in _NAME_PARTS.split(fold_text(text)) if p)


# -- cells -----------------------------------------------------------------------------
class _Bad(Exception):
    """A cell that cannot be read: what is wrong (and accepted), and close values."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = tuple(suggestions)


def _cell_text(value: object) -> str:
    """A raw cell (text, or a number or date a spreadsheet typed) as text; '' if empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _needs_quotes(text: str, separators: str = "") -> bool:
    return not text or text != text.strip() or text[0] == '"' or any(s in text for s in separators)


def _quote(text: str, separators: str = "") -> str:
    if _needs_quotes(text, separators):
        return '"' + text.replace('"', '""') + '"'
    return text


def _unquote(text: str) -> str:
    """A stripped cell text, its quotes removed when it is quoted whole."""
    if not text.startswith('"'):
        return text
    match = _QUOTED.match(text)
    return match.group(1).replace('""', '"') if match else text


def _split(text: str, separators: str) -> list[str]:
    """The items of a multi-valued cell; quoted items may hold separators."""
    if '"' not in text:
        items = re.split(f"[{re.escape(separators)}]", text) if separators else [text]
        return [item.strip() for item in items if item.strip()]
    seps = re.escape(separators)
    item = re.compile(rf'\s*"((?:[^"]|"")*)"\s*(?:[{seps}]|\Z)|([^{seps}]*)(?:[{seps}]|\Z)')
    found: list[str] = []
    position = 0
    while position < len(text):
        match = item.match(text, position)
        if match is None or match.end() == position:  # pragma: no cover - always advances
            break
        position = match.end()
        if match.group(1) is not None:
            found.append(match.group(1).replace('""', '"'))
        elif match.group(2).strip():
            found.append(match.group(2).strip())
    return found


class _Codec(NamedTuple):
    """How one kind of cell is read (``read`` raises :class:`_Bad`) and written. (A
    NamedTuple, as the other private records here: an attrs class costs more to define
    than the package's import can spare.)"""

    read: Callable[[str], Any]
    write: Callable[[Any], Cell]
    #: What is accepted, for messages and the template's instructions.
    accepted: str
    #: The fixed vocabulary of the cell, offered as a drop-down list by the template.
    vocabulary: tuple[str, ...] = ()
    #: Whether the cell is a whole number (a Table Schema ``integer``), and its least value.
    integer: bool = False
    minimum: int = 0


def _read_text(text: str) -> str | None:
    stripped = text.strip()
    return _unquote(stripped) if stripped else None


def _write_text(value: str | None) -> Cell:
    return None if value is None else _quote(value)


_TEXT = _Codec(_read_text, _write_text, "any text")


def _read_whole(text: str) -> int | None:
    stripped = text.strip().replace(",", "").replace(" ", "")
    if not stripped:
        return None
    if not stripped.isdigit():
        raise _Bad("not a whole number; write digits only, such as 15000")
    return int(stripped)


_WHOLE = _Codec(_read_whole, lambda v: v, "a whole number (0 or more), such as 15000", integer=True)


def _read_count(text: str) -> int | None:
    value = _read_whole(text)
    if value == 0:
        raise _Bad("must be 1 or more")
    return value


_COUNT = _Codec(_read_count, lambda v: v, "a whole number from 1", integer=True, minimum=1)


def _list_codec(separators: str, join: str, accepted: str) -> _Codec:
    def read(text: str) -> tuple[str, ...]:
        return tuple(_split(text, separators))

    def write(values: Sequence[str]) -> Cell:
        return join.join(_quote(v, separators + '"') for v in values) if values else None

    return _Codec(read, write, accepted)


_NAMES = _list_codec(";\r\n", _JOIN, 'texts separated by ";" or line breaks')
_TITLE = _list_codec(
    "…", _TITLE_JOIN, 'the title; pieces the source loses text between are separated by "…"'
)


def _read_lines(text: str) -> tuple[int, ...]:
    items = [p for p in re.split(r"[;,\s]+", text.strip()) if p]
    bad = [p for p in items if not p.isdigit() or int(p) < 1]
    if bad:
        raise _Bad(f"{bad[0]!r} is not a line number; write whole numbers from 1, separated by ';'")
    return tuple(int(p) for p in items)


_LINES = _Codec(
    _read_lines,
    lambda v: _JOIN.join(str(n) for n in v) if v else None,
    'line numbers (whole numbers from 1) separated by ";"',
)


_VOCABULARIES: dict[type[TextEnum], dict[str, TextEnum]] = {}


def _vocabulary_match(text: str, kind: type[TextEnum], what: str) -> TextEnum:
    known = _VOCABULARIES.get(kind)
    if known is None:
        known = _VOCABULARIES[kind] = {normalize_header(m.value): m for m in kind}
        known.update({m.value: m for m in kind})
    found = known.get(text.strip()) or known.get(normalize_header(text))
    if found is not None:
        return found
    values = [m.value for m in kind]
    raise _Bad(
        f"not a {what}; accepted: {', '.join(repr(v) for v in values)}",
        close_matches(text.strip().lower(), values, 0.5),
    )


def _enum_codec(kind: type[TextEnum], what: str, default: TextEnum | None) -> _Codec:
    values = tuple(m.value for m in kind)
    empty = f" (empty: {default.value})" if default is not None else " or empty"

    def read(text: str) -> TextEnum | None:
        return _vocabulary_match(text, kind, what) if text.strip() else default

    return _Codec(
        read,
        lambda v: None if v is None else str(v.value),
        f"one of {', '.join(values)}{empty}",
        vocabulary=values,
    )


def _read_sources(text: str) -> tuple[FundingSource, ...]:
    found = []
    for item in _split(text, ";\r\n"):
        member = _vocabulary_match(item, FundingSource, "funding source")
        assert isinstance(member, FundingSource)
        found.append(member)
    return tuple(found)


_SOURCES = _Codec(
    _read_sources,
    lambda v: _JOIN.join(s.value for s in v) if v else None,
    'funding sources separated by ";": ' + ", ".join(s.value for s in FundingSource),
    vocabulary=tuple(s.value for s in FundingSource),
)

_NONE_WORDS = frozenset(normalize_header(w) if w.strip("-–—") else w for w in DEADLINE_NONE_WORDS)


def _is_none_word(text: str) -> bool:
    return text in DEADLINE_NONE_WORDS or normalize_header(text) in _NONE_WORDS


def _read_deadline(text: str) -> tuple[Deadline | None, str | None]:
    """``(deadline, kept text)``: a none word gives no deadline and keeps its text."""
    stripped = text.strip()
    if _is_none_word(stripped):
        return None, stripped or None
    try:
        return parse_deadline_cached(stripped), None
    except DeadlineParseError as exc:
        raise _Bad(str(exc)) from None


_DEADLINE = _Codec(
    _read_deadline,
    lambda v: None if v is None else str(v),
    "a deadline such as 'Q4 2015', '2015-2017', 'June 2016', 'ongoing' (see parse_deadline);"
    " empty, '-', '–', '—', 'TBD', 'N/A' or 'to be determined' for none",
)


def _read_period(text: str) -> Deadline | None:
    deadline, _ = _read_deadline(text)
    return deadline


_PERIOD = _Codec(_read_period, lambda v: str(v), "a period such as '2015-2019'")
_INSTITUTIONS = _Codec(
    lambda text: tuple(_split(text, ";\r\n")),
    lambda v: _JOIN.join(_quote(i.code, ';\r\n"') for i in v) if v else None,
    'institutions (code, abbreviation or name) separated by ";" or line breaks',
)


# -- declarations ------------------------------------------------------------------------
# The declarations are NamedTuples (immutable, compared and hashed by value, as attrs
# classes would be): defining an attrs class costs more at import than reading the
# bundled plan can spare, and every ``import antitrafficking_plan`` defines these.
def _repr_without_codec(record: tuple[Any, ...]) -> str:
    fields = getattr(record, "_fields", ())
    shown = ", ".join(f"{n}={v!r}" for n, v in zip(fields, record, strict=True) if n != "codec")
    return f"{type(record).__name__}({shown})"


class Column(NamedTuple):
    """One column of a table: its header, the model field it fills (a dotted path such as
    ``"cost.text"``), how cells are read and written, and whether it must be present.

    >>> Column("code", "code", _TEXT, required=True)
    Column(header='code', path='code', required=True, aliases=(), help='')
    """

    header: str
    path: str
    codec: _Codec
    required: bool = False
    #: Other headers accepted for this column when reading.
    aliases: tuple[str, ...] = ()
    #: What the column holds, for the template's instructions and the docs.
    help: str = ""

    def __repr__(self) -> str:
        return _repr_without_codec(self)


class TableSpec(NamedTuple):
    """A table: its name (the sheet, CSV file or resource), columns, and key column."""

    name: str
    columns: tuple[Column, ...]
    key: str | None
    help: str

    @property
    def headers(self) -> tuple[str, ...]:
        """The headers, in the order they are written."""
        return tuple(c.header for c in self.columns)


class PlanKey(NamedTuple):
    """One row of the ``plan`` table: a key and the plan field its value fills."""

    key: str
    path: str
    codec: _Codec
    required: bool = False
    help: str = ""

    def __repr__(self) -> str:
        return _repr_without_codec(self)


C = Column
ACTIVITIES = TableSpec(
    "activities",
    (
        C("code", "code", _TEXT, True, help="the activity's code, such as 1.2.3"),
        C("objective", "objective", _TEXT, help="its specific objective's code, such as 1.2"),
        C("activity", "description", _TEXT, aliases=("description",), help="what is to be done"),
        C("expected results", "expected_results", _TEXT),
        C("indicators", "indicators", _TEXT),
        C("verification", "sources_of_verification", _TEXT, aliases=("sources of verification",)),
        C("responsible", "responsible", _INSTITUTIONS, help="who leads it"),
        C("supporting", "supporting", _INSTITUTIONS, help="who supports it"),
        C("deadline", "deadline", _DEADLINE),
        C("cost", "cost.text", _TEXT, help="the cost or funding as written"),
        C(
            "cost amount",
            "cost.amount",
            _WHOLE,
            help="the amount the cost states, if any (a bare number: no currency is assumed)",
        ),
        C("funding sources", "cost.sources", _SOURCES),
        C("source lines", "provenance.lines", _LINES, help="lines of the source document"),
    ),
    "code",
    "one row per activity",
)
OBJECTIVES = TableSpec(
    "objectives",
    (
        C("code", "code", _TEXT, True, help="1 for a strategic objective, 1.2 for a specific one"),
        C("title", "title_pieces", _TITLE),
        C(
            "label",
            "label",
            _TEXT,
            help="strategic objectives only: a short editorial label (not source text)",
        ),
        C(
            "reading",
            "reading",
            _TEXT,
            help="strategic objectives only: the title made readable (broken words joined)",
        ),
        C("source lines", "provenance.lines", _LINES),
    ),
    "code",
    "one row per strategic (1) and specific (1.2) objective",
)
INSTITUTIONS = TableSpec(
    "institutions",
    (
        C("code", "code", _TEXT, True, help="the code activities use, such as an abbreviation"),
        C("name", "name", _TEXT, help="the full name; empty when it is not known"),
        C("aliases", "aliases", _NAMES, help="other spellings activities may use"),
        C("kind", "kind", _enum_codec(InstitutionKind, "kind", InstitutionKind.BODY)),
        C(
            "name confidence",
            "name_confidence",
            _enum_codec(NameConfidence, "name confidence", None),
            help="how well the name is established",
        ),
        C("note", "note", _TEXT),
    ),
    "code",
    "the registry of institutions that activities name",
)
PLAN = TableSpec(
    "plan",
    (C("key", "key", _TEXT, True), C("value", "value", _TEXT)),
    "key",
    "the plan's title, jurisdiction, period and source, one key and value per row",
)
PROVENANCE = TableSpec(
    "provenance",
    (
        C("code", "code", _TEXT, True, help="the activity or objective it is about"),
        C("raw", "raw", _TEXT, help="the source lines as extracted"),
        C("responsible cell", "responsible_cell", _TEXT),
        C("supporting cell", "supporting_cell", _TEXT),
        C("deadline cell", "deadline_cell", _TEXT),
    ),
    "code",
    "where activities and objectives come from in the source, cells as printed",
)
NOTES = TableSpec(
    "notes",
    (
        C("code", "code", _TEXT, help="the activity or objective; empty for the plan"),
        C("field", "field", _TEXT, True, help="what the note is about"),
        C("text", "text", _TEXT, True),
        C("confidence", "confidence", _enum_codec(Confidence, "confidence", Confidence.INFERRED)),
    ),
    None,
    "reconstructions and caveats, one per row",
)
COST_FRAGMENTS = TableSpec(
    "cost fragments",
    (
        C("text", "text", _TEXT, True),
        C("line", "line", _COUNT, True, help="the line of the source"),
        C("block", "block", _COUNT, True, help="the block of the cost column, from 1"),
        C("amount", "amount", _WHOLE),
        C("funding sources", "sources", _SOURCES),
        C("note", "note", _TEXT),
    ),
    None,
    "pieces of the cost column that cannot be tied to an activity",
)
REPAIRS = TableSpec(
    "repairs",
    (
        C("as printed", "as_printed", _TEXT, True),
        C("as read", "as_read", _TEXT, True),
        C("kind", "kind", _TEXT, help="join or repair (empty: join)"),
        C("note", "note", _TEXT),
    ),
    None,
    "joins and repairs applied to the source text",
)
del C

#: Every table, in the order they are written.
TABLES: Final = (
    ACTIVITIES,
    OBJECTIVES,
    INSTITUTIONS,
    PLAN,
    PROVENANCE,
    NOTES,
    COST_FRAGMENTS,
    REPAIRS,
)

#: The keys of the ``plan`` table, in the order they are written.
PLAN_KEYS: Final = (
    PlanKey("title", "title", _TEXT, True),
    PlanKey("jurisdiction", "jurisdiction", _TEXT, True, "the country or territory"),
    PlanKey("issuer", "issuer", _TEXT, True, "who adopted the plan"),
    PlanKey("period", "period", _PERIOD, True, "the years it covers, such as 2015-2019"),
    PlanKey("dataset version", "dataset_version", _TEXT, help="your version of the data"),
    PlanKey("source title", "source.title", _TEXT, help="the document (empty: the title)"),
    PlanKey("source issuer", "source.issuer", _TEXT, help="its issuer (empty: the issuer)"),
    PlanKey("source place", "source.place", _TEXT),
    PlanKey("source published", "source.published", _TEXT),
    PlanKey("source language", "source.language", _TEXT),
    PlanKey("source note", "source.note", _TEXT),
)


# -- writing -----------------------------------------------------------------------------
@frozen
class Table:
    """A table to write: its header and rows of cells."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _get(obj: object, path: str) -> Any:
    for part in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def _rows(spec: TableSpec, objects: Iterable[object], **extra: Callable[[Any], Any]) -> Table:
    rows = []
    for obj in objects:
        rows.append(
            tuple(
                c.codec.write(extra[c.path](obj) if c.path in extra else _get(obj, c.path))
                for c in spec.columns
            )
        )
    return Table(spec.headers, tuple(rows))


def _has_cells(p: Provenance) -> bool:
    return bool(p.raw) or any(
        c is not None for c in (p.responsible_cell, p.supporting_cell, p.deadline_cell)
    )


def plan_to_tables(plan: Plan) -> dict[str, Table]:
    """The plan as :data:`TABLES`, keyed by table name, every table present (some may
    have no rows). :func:`plan_from_tables` reads them back to an equal plan."""
    if not isinstance(plan, Plan):
        raise TypeError(f"expected a Plan, got {type(plan).__name__}")
    objectives = (*plan.strategic_objectives, *plan.specific_objectives)
    described = [
        (o.code, o.provenance) for o in (*objectives, *plan.activities) if _has_cells(o.provenance)
    ]
    noted = [(None, n) for n in plan.notes] + [
        (o.code, n) for o in (*objectives, *plan.activities) for n in o.provenance.notes
    ]
    return {
        "activities": _rows(
            ACTIVITIES, plan.activities, objective=lambda a: a.specific_objective_code
        ),
        "objectives": _rows(
            OBJECTIVES,
            objectives,
            label=lambda o: getattr(o, "label", None),
            reading=lambda o: getattr(o, "reading", None),
        ),
        "institutions": _rows(INSTITUTIONS, plan.institutions),
        "plan": Table(
            PLAN.headers,
            tuple((k.key, _TEXT.write(_text_of(k, _get(plan, k.path)))) for k in PLAN_KEYS),
        ),
        "provenance": _rows(PROVENANCE, described, code=lambda d: d[0], **_second(PROVENANCE)),
        "notes": _rows(NOTES, noted, code=lambda d: d[0], **_second(NOTES)),
        "cost fragments": _rows(COST_FRAGMENTS, plan.cost_fragments),
        "repairs": _rows(REPAIRS, plan.repairs),
    }


def _text_of(key: PlanKey, value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return str(value)


def _getter_of_second(path: str) -> Callable[[Any], Any]:
    return lambda pair: _get(pair[1], path)


def _second(spec: TableSpec) -> dict[str, Callable[[Any], Any]]:
    """Getters of every non-code column from the second item of ``(code, object)``."""
    return {c.path: _getter_of_second(c.path) for c in spec.columns if c.path != "code"}


# -- reading -----------------------------------------------------------------------------
@frozen
class RawTable:
    """A table as read from a file: its name as written (a sheet's title, a CSV file's or
    a resource's name), the header row and the data rows (row ``i`` of ``rows`` is row
    ``i + 2`` as a spreadsheet shows it; fully empty rows are skipped but counted)."""

    name: str
    header: Sequence[object]
    rows: Sequence[Sequence[object]]
    #: How problems name the table, when not by ``name`` (a CSV file's path).
    label: str | None = None


class _Problems:
    def __init__(self) -> None:
        self.found: list[CellProblem] = []

    def add(
        self,
        sheet: str,
        row: int | None,
        column: str | None,
        value: str | None,
        message: str,
        suggestions: Sequence[str] = (),
    ) -> None:
        self.found.append(CellProblem(sheet, row, column, value, message, tuple(suggestions)))

    def error(self, source: str) -> PlanTableError:
        """The error listing every problem, by sheet (in the order first met) and row."""
        sheets: dict[str, int] = {}
        for problem in self.found:
            sheets.setdefault(problem.sheet, len(sheets))
        ordered = sorted(self.found, key=lambda p: (sheets[p.sheet], p.row is None, p.row or 0))
        return PlanTableError(f"{source} is not a valid plan", cell_problems=ordered)


class _Row(NamedTuple):
    number: int
    values: dict[str, Any]
    #: The row's cells as text.
    texts: list[str]
    #: The position and the header as written of each column read, by path.
    positions: Mapping[str, tuple[int, str]]

    def text(self, path: str) -> str:
        """The cell's text as written ('' when empty or when the column is absent)."""
        i, _ = self.positions.get(path, (len(self.texts), ""))
        return self.texts[i] if i < len(self.texts) else ""

    def where(self, path: str) -> tuple[str | None, str | None]:
        """The header as written (None when the column is absent) and the stripped text."""
        found = self.positions.get(path)
        return (None if found is None else found[1]), (self.text(path).strip() or None)


class _Read(NamedTuple):
    sheet: str
    rows: list[_Row]
    columns: frozenset[str]


def _close(word: str, known: Iterable[str]) -> list[str]:
    return close_matches(normalize_header(word), known, 0.6)


def _read_table(spec: TableSpec, raw: RawTable, problems: _Problems) -> _Read:
    sheet = raw.label or raw.name
    by_name: dict[str, Column] = {}
    for column in spec.columns:
        for name in (column.header, *column.aliases):
            by_name[normalize_header(name)] = column
    index: list[tuple[int, Column, str]] = []
    seen: dict[str, str] = {}
    for i, head in enumerate(raw.header):
        written = _cell_text(head).strip()
        if not written:
            if any(i < len(r) and _cell_text(r[i]).strip() for r in raw.rows):
                problems.add(sheet, 1, None, None, f"column {i + 1} has data but no header")
            continue
        known = by_name.get(normalize_header(written))
        if known is None:
            problems.add(
                sheet,
                1,
                written,
                None,
                f"unknown column; the {spec.name} table has the columns " + ", ".join(spec.headers),
                _close(written, spec.headers),
            )
            continue
        if known.path in seen:
            problems.add(
                sheet,
                1,
                written,
                None,
                f"the column {known.header!r} is given twice (first as {seen[known.path]!r})",
            )
            continue
        seen[known.path] = written
        index.append((i, known, written))
    for column in spec.columns:
        if column.required and column.path not in seen:
            problems.add(sheet, 1, column.header, None, "required column missing")
    positions = {column.path: (i, written) for i, column, written in index}
    readers = [(i, column.path, column.codec.read, column.required) for i, column, _ in index]
    rows = []
    for offset, raw_row in enumerate(raw.rows):
        texts = [v if type(v) is str else _cell_text(v) for v in raw_row]
        if not "".join(texts).strip():
            continue
        number = offset + 2
        width = len(texts)
        values: dict[str, Any] = {}
        for i, path, read, required in readers:
            text = texts[i] if i < width else ""
            if read is _read_text:  # the commonest cell, inlined
                text = text.strip()
                values[path] = value = (
                    (_unquote(text) if text[0] == '"' else text) if text else None
                )
                if required and value is None:
                    written = positions[path][1]
                    problems.add(sheet, number, written, None, f"a {written} is required")
                continue
            try:
                value = values[path] = read(text)
            except _Bad as bad:
                written = positions[path][1]
                problems.add(sheet, number, written, text.strip(), bad.message, bad.suggestions)
                values[path] = None
                continue
            if required and value is None:
                written = positions[path][1]
                problems.add(sheet, number, written, None, f"a {written} is required")
        rows.append(_Row(number, values, texts, positions))
    return _Read(sheet, rows, frozenset(seen))


def _nested(values: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """``{"text": ..}`` from ``{"cost.text": ..}`` for ``prefix="cost"``; empty cells (None
    or no items) left out."""
    start = prefix + "."
    return {
        k[len(start) :]: v
        for k, v in values.items()
        if k.startswith(start) and v is not None and v != ()
    }


def _flat(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if "." not in k and v is not None}


def _check_unique(read: _Read, path: str, what: str, problems: _Problems) -> None:
    first: dict[str, int] = {}
    for row in read.rows:
        code = row.values.get(path)
        if not isinstance(code, str):
            continue
        if code in first:
            header, text = row.where(path)
            problems.add(
                read.sheet,
                row.number,
                header,
                text,
                f"duplicate {what} {code!r} (first in row {first[code]}); {what}s must be unique",
            )
        else:
            first[code] = row.number


class _Builder:
    """The state of one read: tables found, problems, and the objects built."""

    def __init__(self, source: str, problems: _Problems) -> None:
        self.source = source
        self.problems = problems

    # objectives ---------------------------------------------------------------------
    def objectives(
        self, read: _Read | None, activities: _Read
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, int]]:
        """``(strategic, specific, specific code -> row)`` as constructor arguments."""
        strategic: list[dict[str, Any]] = []
        specific: list[dict[str, Any]] = []
        rows: dict[str, int] = {}
        if read is None:  # made from the activity codes
            codes = [r.values.get("code") for r in activities.rows]
            specifics = dict.fromkeys(
                c.rsplit(".", 1)[0] for c in codes if isinstance(c, str) and _ACTIVITY_CODE.match(c)
            )
            for top in dict.fromkeys(c.split(".")[0] for c in specifics):
                strategic.append({"code": top})
            for under in specifics:
                specific.append({"code": under})
                rows[under] = 0
            return strategic, specific, rows
        _check_unique(read, "code", "objective code", self.problems)
        strategic_codes = {
            r.values["code"]
            for r in read.rows
            if isinstance(r.values.get("code"), str) and _STRATEGIC_CODE.match(r.values["code"])
        }
        for row in read.rows:
            code = row.values.get("code")
            if not isinstance(code, str):
                continue
            kwargs = _flat(row.values)
            kwargs["provenance"] = _nested(row.values, "provenance")
            header, text = row.where("code")
            if _STRATEGIC_CODE.match(code):
                strategic.append(kwargs)
            elif _SPECIFIC_CODE.match(code):
                for only_strategic in ("label", "reading"):
                    if kwargs.pop(only_strategic, None) is not None:
                        where, value = row.where(only_strategic)
                        self.problems.add(
                            read.sheet,
                            row.number,
                            where,
                            value,
                            f"only strategic objectives (such as 1) have a {only_strategic};"
                            " leave this cell empty for a specific objective",
                        )
                specific.append(kwargs)
                rows.setdefault(code, row.number)
                if code.split(".")[0] not in strategic_codes:
                    self.problems.add(
                        read.sheet,
                        row.number,
                        header,
                        text,
                        f"specific objective {code!r} is under strategic objective "
                        f"{code.split('.')[0]!r}, which the {read.sheet} sheet does not have",
                    )
            else:
                self.problems.add(
                    read.sheet,
                    row.number,
                    header,
                    text,
                    "not an objective code; write 1 for a strategic objective or 1.2 for a "
                    "specific one (whole numbers, no leading zeros)",
                )
        return strategic, specific, rows

    # institutions -------------------------------------------------------------------
    def institutions(self, read: _Read) -> list[Institution]:
        _check_unique(read, "code", "institution code", self.problems)
        owners: dict[str, tuple[str, int]] = {}
        built: list[Institution] = []
        for row in read.rows:
            code = row.values.get("code")
            if isinstance(code, str):
                other, number = owners.setdefault(normalize_name(code), (code, row.number))
                if other != code:
                    header, text = row.where("code")
                    self.problems.add(
                        read.sheet,
                        row.number,
                        header,
                        text,
                        f"institution code {code!r} is looked up the same as {other!r} (row "
                        f"{number}); codes must differ in more than case, spaces, hyphens "
                        "and dots",
                    )
        for row in read.rows:
            code = row.values.get("code")
            if not isinstance(code, str):
                continue
            names = [("name", row.values.get("name"))]
            names += [("aliases", a) for a in row.values.get("aliases") or ()]
            for path, name in names:
                if not name:
                    continue
                other, number = owners.setdefault(normalize_name(name), (code, row.number))
                if other != code:
                    header, text = row.where(path)
                    self.problems.add(
                        read.sheet,
                        row.number,
                        header,
                        text,
                        f"{name!r} is also a name of institution {other!r} (row {number}); a "
                        "name may belong to one institution only",
                    )
            try:
                built.append(Institution(**_flat(row.values)))
            except (TypeError, ValueError) as exc:  # pragma: no cover - cells are typed
                self.problems.add(read.sheet, row.number, None, None, str(exc))
        return built

    # activities ---------------------------------------------------------------------
    def activity_kwargs(
        self,
        read: _Read,
        specific_rows: Mapping[str, int],
        objectives_sheet: str | None,
        resolve: Callable[[str], Institution],
    ) -> list[dict[str, Any]]:
        _check_unique(read, "code", "activity code", self.problems)
        known = list(specific_rows)
        built = []
        for row in read.rows:
            values = row.values
            code = values.get("code")
            if not isinstance(code, str):
                continue
            header, text = row.where("code")
            if not _ACTIVITY_CODE.match(code):
                self.problems.add(
                    read.sheet,
                    row.number,
                    header,
                    text,
                    "not an activity code; write it as 1.2.3 (strategic objective, specific "
                    "objective, number; whole numbers, no leading zeros)",
                )
                continue
            under = code.rsplit(".", 1)[0]
            written = values.get("objective")
            if written is not None and written.rstrip(".") != under:
                o_header, o_text = row.where("objective")
                self.problems.add(
                    read.sheet,
                    row.number,
                    o_header,
                    o_text,
                    f"activity {code} is under specific objective {under} (its code's first "
                    f"two parts), not {written}; write {under} or change the code",
                )
            elif objectives_sheet is not None and under not in specific_rows:
                o_header, o_text = row.where("objective") if written else (header, text)
                self.problems.add(
                    read.sheet,
                    row.number,
                    o_header,
                    o_text,
                    f"specific objective {under} is not in the {objectives_sheet} sheet",
                    close_matches(under, known, 0.5),
                )
            kwargs = {k: v for k, v in _flat(values).items() if k != "objective"}
            for role in ("responsible", "supporting"):
                kwargs[role] = self._institutions(read.sheet, row, role, resolve)
            kwargs.pop("deadline", None)
            kept: str | None = None
            if values.get("deadline") is not None:
                kwargs["deadline"], kept = values["deadline"]
            cost = _nested(values, "cost")
            if cost:
                if "text" not in cost:
                    c_header, c_text = row.where("cost.text")
                    self.problems.add(
                        read.sheet,
                        row.number,
                        c_header or "cost",
                        c_text,
                        "a cost amount or funding source needs the cost as written in the "
                        "column 'cost' (for example '15,000, donors')",
                    )
                else:
                    kwargs["cost"] = cost
            provenance = _nested(values, "provenance")
            if kept is not None:
                provenance["deadline_cell"] = kept
            kwargs["provenance"] = provenance
            built.append(kwargs)
        return built

    def _institutions(
        self, sheet: str, row: _Row, role: str, resolve: Callable[[str], Institution]
    ) -> tuple[Institution, ...]:
        names = row.values.get(role) or ()
        found: dict[str, Institution] = {}
        for name in names:
            try:
                inst = resolve(name)
            except _Bad as bad:
                header, _ = row.where(role)
                self.problems.add(sheet, row.number, header, name, bad.message, bad.suggestions)
                continue
            if inst.code in found:
                header, _ = row.where(role)
                self.problems.add(
                    sheet, row.number, header, name, f"{inst.code} is named twice in this cell"
                )
            found[inst.code] = inst
        return tuple(found.values())


def _registry_resolver(registry: InstitutionRegistry, where: str) -> Callable[[str], Institution]:
    cache: dict[str, Institution] = {}

    def resolve(name: str) -> Institution:
        inst = cache.get(name)
        if inst is None:
            try:
                inst = registry.lookup(name)
            except KeyError:
                raise _Bad(
                    f"unknown institution {name!r}; write a code, abbreviation or name from "
                    f"the {where}",
                    registry.suggest(name),
                ) from None
            cache[name] = inst
        return inst

    return resolve


def _as_written_resolver(made: dict[str, Institution]) -> Callable[[str], Institution]:
    def resolve(name: str) -> Institution:
        key = normalize_name(name)
        inst = made.get(key)
        if inst is None:
            if not key:
                raise _Bad("not an institution name")
            inst = Institution(
                name,
                note="named so in the activities; no institution registry was given, so "
                "its full name and kind are unknown",
            )
            made[key] = inst
        return inst

    return resolve


def _plan_metadata(
    read: _Read | None,
    metadata: Mapping[str, str] | None,
    problems: _Problems,
    source: str,
) -> tuple[dict[str, Any], list[str]]:
    """The plan's fields from the plan table (or ``metadata``), and the keys that were
    defaulted because neither gives them."""
    keys = {normalize_header(k.key): k for k in PLAN_KEYS}
    values: dict[str, Any] = {}
    if read is not None:
        seen: dict[str, int] = {}
        for row in read.rows:
            key_text = row.values.get("key")
            header, text = row.where("key")
            if key_text is None:
                problems.add(read.sheet, row.number, header, None, "a key is required")
                continue
            spec = keys.get(normalize_header(key_text))
            if spec is None:
                problems.add(
                    read.sheet,
                    row.number,
                    header,
                    text,
                    "unknown plan key; the keys are " + ", ".join(k.key for k in PLAN_KEYS),
                    _close(key_text, keys),
                )
                continue
            if spec.key in seen:
                problems.add(
                    read.sheet,
                    row.number,
                    header,
                    text,
                    f"the key {spec.key!r} is given twice (first in row {seen[spec.key]})",
                )
                continue
            seen[spec.key] = row.number
            raw_value = row.text("value")
            v_header, _ = row.where("value")
            _plan_value(spec, raw_value, values, problems, read.sheet, row.number, v_header)
        for spec in PLAN_KEYS:
            if spec.required and spec.path not in values and spec.key not in seen:
                problems.add(read.sheet, None, "key", None, f"the plan needs a row {spec.key!r}")
        return values, []
    for name, raw_value in (metadata or {}).items():
        spec = keys.get(normalize_header(name))
        if spec is None:
            problems.add(
                "metadata",
                None,
                name,
                raw_value,
                "unknown plan key; the keys are " + ", ".join(k.key for k in PLAN_KEYS),
                _close(name, keys),
            )
            continue
        _plan_value(spec, raw_value, values, problems, "metadata", None, spec.key)
    defaulted = [k.key for k in PLAN_KEYS if k.required and k.path not in values]
    stem = re.sub(r"\.[^./\\]*\Z", "", re.split(r"[/\\]", source)[-1]) or source
    values.setdefault("title", stem)
    values.setdefault("jurisdiction", "not stated")
    values.setdefault("issuer", "not stated")
    return values, defaulted


def _plan_value(
    spec: PlanKey,
    raw_value: str,
    values: dict[str, Any],
    problems: _Problems,
    sheet: str,
    row: int | None,
    header: str | None,
) -> None:
    try:
        value = spec.codec.read(raw_value)
    except _Bad as bad:
        problems.add(sheet, row, header or "value", raw_value.strip(), bad.message)
        return
    if value is None:
        if spec.required:
            problems.add(sheet, row, header or "value", None, f"the plan's {spec.key} is required")
        return
    values[spec.path] = value


def _period_of(activities: Sequence[Mapping[str, Any]]) -> Deadline:
    years = [
        day.year
        for a in activities
        if isinstance(a.get("deadline"), Deadline)
        for day in (a["deadline"].start, a["deadline"].due)
        if day is not None
    ]
    return Deadline.of_years(min(years), max(years)) if years else Deadline.ongoing()


def plan_from_tables(
    tables: Sequence[RawTable],
    *,
    source: str,
    registry: InstitutionRegistry | Iterable[Institution] | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Plan:
    """Build a plan from tables read from a file, checking every cell.

    ``activities`` is required; the others are optional: without ``objectives`` they are
    made from the activity codes (without titles); without ``institutions`` the names in
    ``responsible`` and ``supporting`` are looked up in ``registry`` when one is given,
    and otherwise become institutions with those codes and unknown full names; without
    ``plan`` the metadata comes from ``metadata`` (keys of :data:`PLAN_KEYS`), and what
    neither gives is marked "not stated" (the period: the years the deadlines span) with
    a plan note saying so.

    Raises :class:`~antitrafficking_plan.errors.PlanTableError` listing every problem.
    """
    with collection_paused():
        return _plan_from_tables(tables, source, registry, metadata)


def _plan_from_tables(
    tables: Sequence[RawTable],
    source: str,
    registry: InstitutionRegistry | Iterable[Institution] | None,
    metadata: Mapping[str, str] | None,
) -> Plan:
    problems = _Problems()
    specs = {normalize_header(s.name): s for s in TABLES}
    found: dict[str, RawTable] = {}
    for raw in tables:
        key = normalize_header(raw.name)
        if key in (normalize_header(n) for n in NON_DATA_SHEETS):
            continue
        spec = specs.get(key)
        if spec is None:
            problems.add(
                raw.label or raw.name,
                None,
                None,
                None,
                "unknown sheet or table; the tables are "
                + ", ".join(s.name for s in TABLES)
                + " (and the template's "
                + " and ".join(repr(n) for n in NON_DATA_SHEETS)
                + " sheets, which are skipped)",
                _close(raw.name, (s.name for s in TABLES)),
            )
        elif spec.name in found:
            problems.add(
                raw.label or raw.name, None, None, None, f"the table {spec.name!r} is given twice"
            )
        else:
            found[spec.name] = raw
    if "activities" not in found:
        problems.add(source, None, None, None, "no activities table (a sheet 'activities')")
        raise problems.error(source)
    read = {
        name: _read_table(specs[normalize_header(name)], raw, problems)
        for name, raw in found.items()
    }
    build = _Builder(source, problems)
    activities_read = read["activities"]
    objectives_read = read.get("objectives")
    strategic, specific, specific_rows = build.objectives(objectives_read, activities_read)
    made: dict[str, Institution] = {}
    if "institutions" in read:
        institutions = build.institutions(read["institutions"])
        resolve = _registry_resolver(
            InstitutionRegistry(institutions), f"{read['institutions'].sheet} sheet"
        )
    elif registry is not None:
        given = (
            registry if isinstance(registry, InstitutionRegistry) else InstitutionRegistry(registry)
        )
        institutions = list(given.values())
        resolve = _registry_resolver(given, "registry given")
    else:
        institutions = []
        resolve = _as_written_resolver(made)
    activities = build.activity_kwargs(
        activities_read,
        specific_rows,
        objectives_read.sheet if objectives_read is not None else None,
        resolve,
    )
    if made:
        institutions = list(made.values())
    meta, defaulted = _plan_metadata(read.get("plan"), metadata, problems, source)
    notes = _notes(read.get("notes"), activities, strategic, specific, problems)
    _provenance(read.get("provenance"), activities, strategic, specific, problems)
    fragments = _objects(read.get("cost fragments"), CostFragment, problems)
    repairs = _objects(read.get("repairs"), TextRepair, problems)
    if problems.found:
        raise problems.error(source)
    plan_notes = notes.get(None, [])
    if "period" in defaulted:
        meta["period"] = _period_of(activities)
    if defaulted:
        plan_notes.append(
            Note(
                "metadata",
                f"read from {source}, which does not give the plan's "
                + ", ".join(defaulted)
                + ": they are marked 'not stated' (the title is the file's name, the period "
                "the years the deadlines span)",
            )
        )
    try:
        return _assemble(
            meta,
            strategic,
            specific,
            institutions,
            activities,
            notes,
            fragments,
            repairs,
            plan_notes,
        )
    except PlanIntegrityError as exc:
        sheet = activities_read.sheet
        raise PlanTableError(
            f"{source} is not a valid plan",
            cell_problems=[CellProblem(sheet, None, None, None, p) for p in exc.problems],
        ) from None


def _objects(read: _Read | None, kind: type, problems: _Problems) -> list[Any]:
    built: list[Any] = []
    if read is None:
        return built
    for row in read.rows:
        values = {k: v for k, v in row.values.items() if v is not None}
        try:
            built.append(kind(**values))
        except TypeError:  # a required cell missing: reported already
            continue
        except ValueError as exc:  # such as a line number 0
            problems.add(read.sheet, row.number, None, None, str(exc))
    return built


def _by_code(
    activities: list[dict[str, Any]],
    strategic: list[dict[str, Any]],
    specific: list[dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    return {o["code"]: o for o in (*strategic, *specific, *activities)}


def _notes(
    read: _Read | None,
    activities: list[dict[str, Any]],
    strategic: list[dict[str, Any]],
    specific: list[dict[str, Any]],
    problems: _Problems,
) -> dict[str | None, list[Note]]:
    notes: dict[str | None, list[Note]] = {}
    if read is None:
        return notes
    known = _by_code(activities, strategic, specific)
    for row in read.rows:
        code = row.values.get("code")
        if code is not None and code not in known:
            header, text = row.where("code")
            problems.add(
                read.sheet,
                row.number,
                header,
                text,
                "no activity or objective has this code (leave it empty for a note on the "
                "whole plan)",
                close_matches(code, known, 0.6),
            )
            continue
        values = {k: v for k, v in row.values.items() if k != "code" and v is not None}
        if "field" in values and "text" in values:
            notes.setdefault(code, []).append(Note(**values))
    return notes


def _provenance(
    read: _Read | None,
    activities: list[dict[str, Any]],
    strategic: list[dict[str, Any]],
    specific: list[dict[str, Any]],
    problems: _Problems,
) -> None:
    if read is None:
        return
    known = _by_code(activities, strategic, specific)
    _check_unique(read, "code", "code", problems)
    for row in read.rows:
        code = row.values.get("code")
        if code is None:
            continue
        target = known.get(code)
        if target is None:
            header, text = row.where("code")
            problems.add(
                read.sheet,
                row.number,
                header,
                text,
                "no activity or objective has this code",
                close_matches(code, known, 0.6),
            )
            continue
        provenance = target.setdefault("provenance", {})
        for key, value in row.values.items():
            if key != "code" and value is not None:
                provenance[key] = value


def _assemble(
    meta: dict[str, Any],
    strategic: list[dict[str, Any]],
    specific: list[dict[str, Any]],
    institutions: list[Institution],
    activities: list[dict[str, Any]],
    notes: Mapping[str | None, list[Note]],
    fragments: list[CostFragment],
    repairs: list[TextRepair],
    plan_notes: list[Note],
) -> Plan:
    def provenance(kwargs: dict[str, Any]) -> dict[str, Any]:
        data = dict(kwargs.get("provenance", {}))
        data["notes"] = tuple(notes.get(kwargs["code"], ()))
        return {**kwargs, "provenance": Provenance(**data)}

    meta.setdefault("dataset_version", "")
    source = _nested(meta, "source")
    source.setdefault("title", meta["title"])
    source.setdefault("issuer", meta["issuer"])
    acts = []
    for kwargs in activities:
        kwargs = provenance(kwargs)
        if "cost" in kwargs:
            kwargs["cost"] = Cost(**kwargs["cost"])
        acts.append(Activity(**kwargs))
    return Plan(
        **{k: v for k, v in meta.items() if "." not in k},
        source=SourceReference(**source),
        strategic_objectives=[StrategicObjective(**provenance(o)) for o in strategic],
        specific_objectives=[SpecificObjective(**provenance(o)) for o in specific],
        institutions=institutions,
        activities=acts,
        cost_fragments=fragments,
        notes=plan_notes,
        repairs=repairs,
    )
