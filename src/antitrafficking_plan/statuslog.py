"""Status reports and status logs: what was done, when, as the responsible institutions say.

A :class:`StatusReport` is one immutable record: the activity ``code``, ``as_of`` (the
date the status was true), the :class:`~antitrafficking_plan.status.Status` (with the
extent of an activity in progress when the report gives it), optional ``evidence``,
``reported_by`` and ``source``, and the status ``word`` as written ("zbatuar",
"partially implemented"). A :class:`StatusLog` is an immutable collection of reports over
time, in date order, with each activity's history; :meth:`StatusLog.as_of` answers "the
latest report on or before this date" for every activity. No report is not a status: an
activity without one is unreported.

Status files (CSV, JSON, or the sheet ``status`` of an ``.xlsx`` workbook) have the
columns :data:`COLUMNS`: ``code``, ``as_of`` (ISO date), ``status`` (a value of the scale
or a documented synonym), and optionally ``extent``, ``evidence``, ``reported_by``,
``source``. :func:`read_status_log` validates a file against a plan and reports every
problem at once (file, row and column; unknown codes with suggestions; unknown or
ambiguous status words with the accepted ones; bad dates; two reports for one activity
and date) in a :class:`~antitrafficking_plan.errors.StatusLoadError`; it never returns a
partial log. :func:`write_status_log` writes a log that reads back equal.

>>> from datetime import date
>>> log = StatusLog([
...     StatusReport("1.1.1", date(2020, 6, 30), Status.IN_PROGRESS),
...     StatusReport.from_word("1.1.1", date(2020, 12, 31), "zbatuar"),
... ])
>>> log.latest("1.1.1", date(2020, 9, 30)).status.value
'in_progress'
>>> log.latest("1.1.1", date(2021, 1, 1)).word
'zbatuar'
>>> log.latest("1.1.1", date(2020, 1, 1)) is None
True
"""

from __future__ import annotations

import csv
import io
import json
import os
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import Factory, field, frozen

from ._checks import _CODE, _OPTIONAL_TEXT, _TEXT, _optional_text
from ._dates import as_date
from ._files import json_problem, read_file_bounded, write_text_atomically
from ._frames import missing_extra
from ._text import close_matches, fold_text
from ._xlsx import UnreadableWorkbook, open_workbook, sheet_rows
from .collection import Activities
from .errors import PlanLoadError, StatusLoadError, StatusWordError, UnknownNameError
from .model import code_sort_key
from .plan import Plan
from .results import FrozenMap
from .status import Extent, Status, StatusValue, _extent, parse_status

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped,unused-ignore]

__all__ = [
    "COLUMNS",
    "REQUIRED_COLUMNS",
    "STATUS_SHEET",
    "TEMPLATE_COLUMNS",
    "StatusLog",
    "StatusReport",
    "read_status_log",
    "status_log_from_records",
    "write_status_log",
]

#: Status files larger than this are refused before they are parsed.
MAX_STATUS_BYTES = 256 * 1024 * 1024

#: The columns of a status file, in the order this library writes them.
COLUMNS: tuple[str, ...] = (
    "code",
    "as_of",
    "status",
    "extent",
    "evidence",
    "reported_by",
    "source",
)
#: The columns every status file must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("code", "as_of", "status")
#: Columns of the status template that describe the activity; read and ignored.
TEMPLATE_COLUMNS: tuple[str, ...] = ("description", "responsible", "deadline")
#: The workbook sheet that holds the reports.
STATUS_SHEET = "status"

_REPORT_COLUMNS = COLUMNS[1:]  # filled in a row that is a report
_KNOWN_COLUMNS = (*COLUMNS, *TEMPLATE_COLUMNS)
_DATE_HINT = "dates are YYYY-MM-DD, e.g. 2020-06-30"

_parsed: dict[str, StatusValue] = {}


def _parse_cached(word: str) -> StatusValue:
    found = _parsed.get(word)
    if found is None:
        found = parse_status(word)
        if len(_parsed) < 10_000:
            _parsed[word] = found
    return found


def _report_day(value: date | str) -> date:
    """A report's ``as_of``: a date or an ISO string, by the library's one rule."""
    return as_date(value, "StatusReport.as_of")


def _default_word(report: StatusReport) -> str:
    return report.status.value


@frozen
class StatusReport:
    """One status report: activity ``code`` stood at ``status`` on the day ``as_of``.

    ``extent`` says how far along an activity in progress is (``None``: the report does
    not say). ``evidence``, ``reported_by`` (the reporting institution, as written) and
    ``source`` (the report it comes from) are optional text. ``word`` is the status as the
    report writes it (default: the status value); it must read as ``status`` (see
    :func:`~antitrafficking_plan.status.parse_status`).

    >>> from datetime import date
    >>> r = StatusReport("1.1.1", date(2020, 6, 30), "in_progress", extent="limited")
    >>> str(r.value)
    'in_progress (limited)'
    """

    code: str = field(validator=_CODE)
    as_of: date = field(converter=_report_day)
    status: Status = field(converter=Status)
    extent: Extent | None = field(default=None, converter=_extent)
    evidence: str | None = field(default=None, converter=_optional_text, validator=_OPTIONAL_TEXT)
    reported_by: str | None = field(
        default=None, converter=_optional_text, validator=_OPTIONAL_TEXT
    )
    source: str | None = field(default=None, converter=_optional_text, validator=_OPTIONAL_TEXT)
    word: str = field(default=Factory(_default_word, takes_self=True), validator=_TEXT)

    def __attrs_post_init__(self) -> None:
        StatusValue(self.status, self.extent)  # an extent only for in_progress
        if self.word != self.status.value:
            read = _parse_cached(self.word)
            if read.status is not self.status or read.extent not in (None, self.extent):
                raise ValueError(
                    f"StatusReport.word {self.word!r} reads as {read}, not as "
                    f"{StatusValue(self.status, self.extent)}"
                )

    @classmethod
    def from_word(
        cls,
        code: str,
        as_of: date | str,
        word: str,
        *,
        extent: Extent | str | None = None,
        evidence: str | None = None,
        reported_by: str | None = None,
        source: str | None = None,
    ) -> StatusReport:
        """A report whose status is given as a word of the scale or a synonym (an
        unknown or ambiguous word raises
        :class:`~antitrafficking_plan.errors.StatusWordError`).

        >>> from datetime import date
        >>> StatusReport.from_word("2.1.1", date(2020, 6, 30), "në vazhdim").status.value
        'in_progress'
        """
        value = _parse_cached(word)
        return cls(
            code,
            as_of,
            value.status,
            value.extent if extent is None else extent,
            evidence,
            reported_by,
            source,
            word.strip(),
        )

    @property
    def value(self) -> StatusValue:
        """The status with its extent."""
        return StatusValue(self.status, self.extent)

    def to_record(self) -> dict[str, str | None]:
        """The report as a flat dict with the :data:`COLUMNS` (``status`` as written)."""
        return {
            "code": self.code,
            "as_of": self.as_of.isoformat(),
            "status": self.word,
            "extent": None if self.extent is None else self.extent.value,
            "evidence": self.evidence,
            "reported_by": self.reported_by,
            "source": self.source,
        }


def _report_key(report: StatusReport) -> tuple[date, tuple[tuple[int, ...], str]]:
    return (report.as_of, code_sort_key(report.code))


class StatusLog:
    """An immutable collection of status reports, in date order (ties by activity code).

    At most one report per activity and date: a second is refused (a
    :class:`~antitrafficking_plan.errors.StatusLoadError` listing every clash).

    >>> from datetime import date
    >>> log = StatusLog([StatusReport("1.1.1", date(2020, 6, 30), "completed")])
    >>> len(log), log.codes, log.dates
    (1, ('1.1.1',), (datetime.date(2020, 6, 30),))
    """

    __slots__ = ("_by_code", "_fictional", "_reports")

    _reports: tuple[StatusReport, ...]
    _by_code: dict[str, tuple[list[date], tuple[StatusReport, ...]]]
    _fictional: bool | None  # says_fictional, once worked out

    def __init__(self, reports: Iterable[StatusReport] = ()) -> None:
        if isinstance(reports, (str, bytes)) or not isinstance(reports, Iterable):
            raise TypeError(f"a StatusLog holds StatusReport objects, not {type(reports)!r}")
        items = tuple(reports)
        for item in items:
            if not isinstance(item, StatusReport):
                raise TypeError(f"a StatusLog holds StatusReport objects, not {type(item)!r}")
        ordered = tuple(sorted(items, key=_report_key))
        per_code: dict[str, list[StatusReport]] = {}
        problems: list[str] = []
        for report in ordered:
            history = per_code.setdefault(report.code, [])
            if history and history[-1].as_of == report.as_of:
                problems.append(
                    f"two reports for activity {report.code!r} as of {report.as_of.isoformat()}"
                )
            history.append(report)
        if problems:
            raise StatusLoadError("invalid status log", problems=problems)
        by_code = {
            code: ([r.as_of for r in history], tuple(history))
            for code, history in sorted(per_code.items(), key=lambda kv: code_sort_key(kv[0]))
        }
        object.__setattr__(self, "_reports", ordered)
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_fictional", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __len__(self) -> int:
        return len(self._reports)

    def __iter__(self) -> Iterator[StatusReport]:
        return iter(self._reports)

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, StatusReport):
            return False
        found = self._by_code.get(item.code)
        return found is not None and item in found[1]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StatusLog):
            return self._reports == other._reports
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._reports)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self._reports,))

    def __repr__(self) -> str:
        if not self._reports:
            return "<StatusLog: no reports>"
        first, last = self._reports[0].as_of, self._reports[-1].as_of
        return (
            f"<StatusLog: {len(self._reports)} reports on {len(self._by_code)} activities, "
            f"{first.isoformat()} to {last.isoformat()}>"
        )

    @property
    def says_fictional(self) -> bool:
        """Whether the source of a report says "fictional" (as every report of the demo
        log does); worked out once, on first use.

        >>> from antitrafficking_plan.demo import demo_status_log
        >>> demo_status_log().says_fictional, StatusLog().says_fictional
        (True, False)
        """
        found = self._fictional
        if found is None:
            found = any("fictional" in (r.source or "").lower() for r in self._reports)
            object.__setattr__(self, "_fictional", found)
        return found

    @property
    def reports(self) -> tuple[StatusReport, ...]:
        """Every report, in date order."""
        return self._reports

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the activities with at least one report, in code order."""
        return tuple(self._by_code)

    @property
    def dates(self) -> tuple[date, ...]:
        """The distinct reporting dates, in order."""
        return tuple(dict.fromkeys(r.as_of for r in self._reports))

    def history(self, code: str) -> tuple[StatusReport, ...]:
        """The reports on activity ``code``, oldest first (empty when it has none)."""
        found = self._by_code.get(code)
        return () if found is None else found[1]

    def latest(self, code: str, as_of: date | str) -> StatusReport | None:
        """The latest report on ``code`` dated on or before ``as_of`` (a date or an ISO
        string), or ``None``."""
        day = as_date(as_of, "as_of")
        found = self._by_code.get(code)
        if found is None:
            return None
        i = bisect_right(found[0], day)
        return found[1][i - 1] if i else None

    def as_of(self, day: date | str) -> FrozenMap[str, StatusReport]:
        """Activity code -> its latest report on or before ``day`` (a date or an ISO
        string such as ``"2020-06-30"``); activities with no report by then are absent.
        ``day`` is always given: there is no hidden today.

        >>> from datetime import date
        >>> log = StatusLog([StatusReport("1.1.1", date(2020, 6, 30), "completed")])
        >>> dict(log.as_of(date(2020, 6, 30)))["1.1.1"].status.value
        'completed'
        >>> len(log.as_of(date(2020, 6, 29)))
        0
        """
        day = as_date(day, "as_of")
        found: dict[str, StatusReport] = {}
        for code, (dates, history) in self._by_code.items():
            i = bisect_right(dates, day)
            if i:
                found[code] = history[i - 1]
        latest: FrozenMap[str, StatusReport] = FrozenMap._trusted(found)
        return latest

    def with_reports(self, reports: Iterable[StatusReport]) -> StatusLog:
        """A new log with ``reports`` added (a second report for one activity and date
        is refused)."""
        return StatusLog((*self._reports, *reports))

    def to_records(self) -> list[dict[str, str | None]]:
        """One flat dict per report (the :data:`COLUMNS`), in date order."""
        return [r.to_record() for r in self._reports]


# -- validating rows ---------------------------------------------------------------------
#: ``locate(row, column)``: where a cell is, for messages ("row 3, column 'status'").
_Locate = Callable[[int, "str | None"], str]


def _column_name(header: object) -> str:
    text = "" if header is None else str(header)
    return fold_text(text).replace(" ", "_").replace("-", "_")


def _header_problems(headers: Sequence[object], locate: _Locate) -> tuple[list[str], list[str]]:
    """The folded column names and the problems with them (missing, unknown, repeated)."""
    names = [_column_name(h) for h in headers]
    problems: list[str] = []
    seen: set[str] = set()
    for index, (name, raw) in enumerate(zip(names, headers, strict=True)):
        if not name:
            continue
        if name in seen:
            problems.append(
                f"column {raw!r} appears twice (column {index + 1}) @ {locate(1, None)}"
            )
        seen.add(name)
        if name not in _KNOWN_COLUMNS:
            close = close_matches(name, _KNOWN_COLUMNS, 0.6)[:1]
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                f"unknown column {raw!r} (column {index + 1}){hint}; the columns are "
                f"{', '.join(COLUMNS)} @ {locate(1, None)}"
            )
    missing = [c for c in REQUIRED_COLUMNS if c not in seen]
    if missing:
        problems.append(
            f"missing column(s) {', '.join(missing)}; a status file has the columns "
            f"{', '.join(COLUMNS)} (the last four optional) @ {locate(1, None)}"
        )
    return names, problems


def _text_cell(value: object) -> str | None:
    """A cell as text (``None`` for empty); whole numbers from a workbook without ``.0``."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _date_cell(value: object) -> date | str:
    """The date in a cell, or the reason it is not one."""
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            return f"{value.isoformat(sep=' ')} has a time of day; {_DATE_HINT}"
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return f"{value!r} is not a date; {_DATE_HINT}"
    text = value.strip()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        return f"{text!r} is not a date; {_DATE_HINT}"


def _code_problem(code: str, known: Activities | None) -> str | None:
    if known is None:
        return None
    try:
        known.lookup(code)
    except UnknownNameError as exc:
        return f"{exc} (the plan has no such activity)"
    return None


def _row_report(
    row: int, cells: Mapping[str, object], locate: _Locate, known: Activities | None
) -> tuple[StatusReport | None, list[str]]:
    """The report in one row (``None`` for a row that is not a report) and its problems."""
    problems: list[str] = []
    text: dict[str, str | None] = {}
    for column in ("code", "status", "extent", "evidence", "reported_by", "source"):
        cell = cells.get(column)
        if cell is not None and (isinstance(cell, bool) or not isinstance(cell, (str, int, float))):
            problems.append(
                f"{column} must be text, not {type(cell).__name__} {cell!r} @ {locate(row, column)}"
            )
            cell = None
        text[column] = _text_cell(cell)
    raw_date = cells.get("as_of")
    if raw_date is not None and _text_cell(raw_date) is None:
        raw_date = None
    blank = all(text[c] is None for c in _REPORT_COLUMNS if c != "as_of")
    if raw_date is None and blank and not problems:
        return None, []  # a blank row, or a template row not filled in
    code = text["code"]
    if code is None:
        problems.append(f"the activity code is missing @ {locate(row, 'code')}")
    else:
        problem = _code_problem(code, known)
        if problem is not None:
            problems.append(f"{problem} @ {locate(row, 'code')}")
    day: date | None = None
    if raw_date is None:
        problems.append(f"the date is missing; {_DATE_HINT} @ {locate(row, 'as_of')}")
    else:
        found = _date_cell(raw_date)
        if isinstance(found, str):
            problems.append(f"{found} @ {locate(row, 'as_of')}")
        else:
            day = found
    word = text["status"]
    value: StatusValue | None = None
    if word is None:
        problems.append(
            f"the status is missing (a row with no status is no report: leave the row empty)"
            f" @ {locate(row, 'status')}"
        )
    else:
        try:
            value = _parse_cached(word)
        except StatusWordError as exc:
            problems.append(f"{exc} @ {locate(row, 'status')}")
    extent: Extent | None = None
    if text["extent"] is not None:
        try:
            extent = Extent(fold_text(text["extent"]))
        except ValueError:
            problems.append(
                f"unknown extent {text['extent']!r}; write limited or substantial, or leave "
                f"it empty @ {locate(row, 'extent')}"
            )
    if value is not None and extent is not None:
        if value.status is not Status.IN_PROGRESS:
            problems.append(
                f"an extent ({extent.value}) is only given for an activity in progress, not "
                f"for one {value.status.value} @ {locate(row, 'extent')}"
            )
        elif value.extent not in (None, extent):
            problems.append(
                f"the extent {extent.value} contradicts the status {word!r} "
                f"({value.extent}) @ {locate(row, 'extent')}"
            )
    if problems or code is None or day is None or value is None or word is None:
        return None, problems
    report = StatusReport(
        code,
        day,
        value.status,
        value.extent if extent is None else extent,
        text["evidence"],
        text["reported_by"],
        text["source"],
        word,
    )
    return report, []


def _log_from_rows(
    rows: Iterable[tuple[int, Mapping[str, object]]],
    locate: _Locate,
    known: Activities | None,
    source: str,
    problems: list[str],
) -> StatusLog:
    """Validate every row; the whole log, or a :class:`StatusLoadError` with every problem
    (``problems`` may already hold some, such as header problems)."""
    reports: list[StatusReport] = []
    first_row: dict[tuple[str, date], int] = {}
    for row, cells in rows:
        report, found = _row_report(row, cells, locate, known)
        problems.extend(found)
        if report is None:
            continue
        key = (report.code, report.as_of)
        earlier = first_row.setdefault(key, row)
        if earlier != row:
            problems.append(
                f"two reports for activity {report.code!r} as of {report.as_of.isoformat()}"
                f" (the first at {locate(earlier, None)}); give one status per activity and"
                f" date @ {locate(row, 'as_of')}"
            )
            continue
        reports.append(report)
    if problems:
        raise StatusLoadError(f"{source} is not a valid status file", problems=problems)
    return StatusLog(reports)


def _known(plan: Plan | Activities | None) -> Activities | None:
    if plan is None:
        return None
    if isinstance(plan, Plan):
        return plan.activities
    if isinstance(plan, Activities):
        return plan
    raise TypeError(f"plan must be a Plan, Activities or None, not {type(plan).__name__}")


def status_log_from_records(
    records: Iterable[Mapping[str, object]],
    plan: Plan | Activities | None = None,
    *,
    source: str = "status data",
) -> StatusLog:
    """A :class:`StatusLog` from dicts with the :data:`COLUMNS` (as :meth:`StatusLog.to_records`
    or a JSON status file gives them), validated like a file; codes are checked against
    ``plan`` when given. Problems are located as JSON paths (``$[2].status``).

    >>> log = status_log_from_records(
    ...     [{"code": "1.1.1", "as_of": "2020-06-30", "status": "implemented"}])
    >>> log.reports[0].status.value
    'completed'
    """
    known = _known(plan)
    problems: list[str] = []
    rows: list[tuple[int, Mapping[str, object]]] = []

    def locate(row: int, column: str | None) -> str:
        return f"$[{row}]" if column is None else f"$[{row}].{column}"

    for index, record in enumerate(records):
        if not isinstance(record, Mapping):
            problems.append(
                f"a report is a JSON object with {', '.join(REQUIRED_COLUMNS)}, not "
                f"{type(record).__name__} @ $[{index}]"
            )
            continue
        extra = sorted(str(k) for k in record if k not in _KNOWN_COLUMNS)
        if extra:
            problems.append(
                f"unknown field(s) {', '.join(extra)} (fields: {', '.join(COLUMNS)}) @ $[{index}]"
            )
        missing = [c for c in REQUIRED_COLUMNS if c not in record]
        if missing:
            problems.append(f"missing field(s) {', '.join(missing)} @ $[{index}]")
            continue
        rows.append((index, record))
    return _log_from_rows(rows, locate, known, source, problems)


# -- files ---------------------------------------------------------------------------------
def _csv_rows(text: str, source: str, known: Activities | None) -> StatusLog:
    reader = csv.reader(io.StringIO(text, newline=""))
    lines = list(reader)

    def locate(row: int, column: str | None) -> str:
        if column is None:
            return f"{source}, row {row}"
        return f"{source}, row {row}, column {column!r}"

    if not lines:
        raise StatusLoadError(
            f"{source} is empty; a status file starts with a header row ({', '.join(COLUMNS)})"
        )
    names, problems = _header_problems(lines[0], locate)
    rows: list[tuple[int, Mapping[str, object]]] = []
    for number, line in enumerate(lines[1:], start=2):
        if len(line) > len(names) and any(cell.strip() for cell in line[len(names) :]):
            problems.append(
                f"the row has {len(line)} cells, more than the {len(names)} columns of the "
                f"header @ {locate(number, None)}"
            )
        rows.append((number, {n: (c or None) for n, c in zip(names, line, strict=False) if n}))
    return _log_from_rows(rows, locate, known, source, problems)


def _read_sheet_rows(path: Path, data: bytes, sheet: str) -> list[tuple[object, ...]]:
    """The rows of ``sheet`` in the workbook ``data`` (read from ``path``) as tuples of
    cell values (row 1 first)."""
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise missing_extra(
            "openpyxl", "xlsx", f"{path}: reading .xlsx status files", "save it as .csv"
        ) from None
    try:
        workbook = open_workbook(openpyxl, io.BytesIO(data))
    except UnreadableWorkbook as exc:
        raise StatusLoadError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    try:
        if sheet not in workbook.sheetnames:
            raise StatusLoadError(
                f"{path}: the workbook has no sheet {sheet!r} (its sheets: "
                f"{', '.join(repr(s) for s in workbook.sheetnames)}); the reports go in a "
                f"sheet named {sheet!r}"
            )
        try:
            return list(sheet_rows(workbook[sheet]))
        except UnreadableWorkbook as exc:
            raise StatusLoadError(
                f"{path}: sheet {sheet!r} cannot be read; the workbook is damaged ({exc})"
            ) from None
    finally:
        workbook.close()


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xlsx_rows(path: Path, data: bytes, known: Activities | None) -> StatusLog:
    lines = _read_sheet_rows(path, data, STATUS_SHEET)
    source = f"{path}, sheet {STATUS_SHEET!r}"
    if not lines:
        raise StatusLoadError(f"{source} is empty; row 1 holds the column names")
    headers = list(lines[0])
    names = [_column_name(h) for h in headers]
    position = {n: i for i, n in reversed(list(enumerate(names))) if n}

    def locate(row: int, column: str | None) -> str:
        if column is None:
            return f"{source}, row {row}"
        index = position.get(column)
        if index is None:
            return f"{source}, row {row}, {column}"
        return f"{source}, row {row}, column {_column_letter(index)} ({column!r})"

    _, problems = _header_problems(headers, locate)
    rows = [
        (number, {n: v for n, v in zip(names, line, strict=False) if n})
        for number, line in enumerate(lines[1:], start=2)
    ]
    return _log_from_rows(rows, locate, known, source, problems)


def _json_rows(text: str, source: str, known: Activities | None) -> StatusLog:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StatusLoadError(json_problem(source, exc)) from None
    except (RecursionError, ValueError) as exc:
        raise StatusLoadError(f"{source} is not a plausible status file: {exc}") from None
    if not isinstance(data, list):
        raise StatusLoadError(
            f"{source}: a JSON status file holds an array of report objects, not "
            f"{type(data).__name__}"
        )
    return status_log_from_records(data, known, source=source)


def read_status_log(
    path: str | os.PathLike[str], plan: Plan | Activities | None = None
) -> StatusLog:
    """The status log in the file at ``path``: ``.csv``, ``.json`` or ``.xlsx`` (sheet
    ``status``), checked against ``plan``'s activity codes when given.

    Every problem is listed at once in a
    :class:`~antitrafficking_plan.errors.StatusLoadError`, each naming the file, row and
    column; no partial log is ever returned. Rows whose status columns are all empty
    (blank rows, template rows not filled in) are not reports and are skipped. Columns
    of the status template (``description``, ``responsible``, ``deadline``) are ignored.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    p = Path(path)
    known = _known(plan)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".json", ".xlsx"):
        raise StatusLoadError(
            f"{p}: status files are .csv, .json or .xlsx (sheet {STATUS_SHEET!r}), not "
            f"{suffix or 'a file without an extension'}"
        )
    # Every format through the one bounded reader: a FIFO or a device is refused before
    # it is opened, whatever the suffix says.
    try:
        raw = read_file_bounded(p, MAX_STATUS_BYTES, what="status file")
    except PlanLoadError as exc:
        raise StatusLoadError(str(exc)) from None
    if suffix == ".xlsx":
        return _xlsx_rows(p, raw, known)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StatusLoadError(
            f"{p} is not UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from None
    if suffix == ".csv":
        return _csv_rows(text, str(p), known)
    return _json_rows(text, str(p), known)


def _csv_text(records: Iterable[Mapping[str, object]], columns: Sequence[str]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for record in records:
        writer.writerow(["" if record.get(c) is None else str(record.get(c)) for c in columns])
    return buffer.getvalue()


def _text_not_formulas(sheet: Worksheet) -> None:
    """Keep text that starts with ``=`` as text: openpyxl would write it as a formula
    (which a reader would lose, and a spreadsheet would run)."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def _write_xlsx_sheet(sheet: Worksheet, log: StatusLog) -> None:
    sheet.append(list(COLUMNS))
    for report in log:
        record: dict[str, object] = dict(report.to_record())
        record["as_of"] = report.as_of
        sheet.append([record[c] for c in COLUMNS])
    _text_not_formulas(sheet)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        cell.number_format = "yyyy-mm-dd"


def write_status_log(log: StatusLog, path: str | os.PathLike[str]) -> None:
    """Write ``log`` to ``path`` as ``.csv``, ``.json`` (an array of report objects) or
    ``.xlsx`` (sheet ``status``); :func:`read_status_log` reads it back equal.

    >>> import tempfile, pathlib
    >>> from datetime import date
    >>> log = StatusLog([StatusReport.from_word("1.1.1", date(2020, 6, 30), "zbatuar")])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "status.csv")
    ...     write_status_log(log, path)
    ...     read_status_log(path) == log
    True
    """
    if not isinstance(log, StatusLog):
        raise TypeError(f"expected a StatusLog, not {type(log).__name__}")
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        write_text_atomically(p, _csv_text(log.to_records(), COLUMNS))
    elif suffix == ".json":
        write_text_atomically(p, json.dumps(log.to_records(), ensure_ascii=False, indent=1))
    elif suffix == ".xlsx":
        from openpyxl import Workbook  # type: ignore[import-untyped,unused-ignore]

        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = STATUS_SHEET
        _write_xlsx_sheet(sheet, log)
        workbook.save(p)
    else:
        raise ValueError(f"status files are .csv, .json or .xlsx, not {suffix or 'no extension'}")
