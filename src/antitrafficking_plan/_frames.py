"""Building pandas and polars data frames from rows (the one place that does it).

Every tabular value of the library (activity records, ``Counts``, ``Groups``, the
workload table, the timeline, the quality report) describes its columns once, as
``(name, type)`` pairs, and hands its rows (dicts) to :func:`to_pandas` or
:func:`to_polars`. pandas and polars are imported only here, only when called; without
them the error names the extra to install.

Column types: ``"str"``, ``"int"``, ``"int?"`` (with missing values), ``"float"``,
``"bool"``, ``"date"`` (a ``datetime.date`` or ISO string; missing allowed),
``"list[str]"`` and ``"list[int]"``.

>>> columns = (("code", "str"), ("count", "int"))
>>> to_pandas(columns, [{"code": "1.1", "count": 3}]).to_dict("list")
{'code': ['1.1'], 'count': [3]}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, ClassVar, Literal

__all__ = [
    "ColumnType",
    "Columns",
    "MissingExtraError",
    "Tabular",
    "missing_extra",
    "missing_extra_message",
    "to_pandas",
    "to_polars",
]

ColumnType = Literal["str", "int", "int?", "float", "bool", "date", "list[str]", "list[int]"]
#: Column names and types, in order.
Columns = Sequence[tuple[str, ColumnType]]

_PANDAS_DTYPES: Mapping[str, str] = {"int": "int64", "int?": "Int64", "float": "float64"}


class MissingExtraError(ImportError):
    """An optional dependency (an extra) is not installed; the message says what to run.

    The command line reports it on one line and exits 2, like a usage error: the
    environment, not the input, is what must change.
    """


def missing_extra_message(
    module: str, extra: str, needed_for: str = "this", alternative: str | None = None
) -> str:
    """The one message for a missing optional dependency: what needs it, and the commands
    that install the extra (the package is not on PyPI), from a checkout and from the
    repository; ``alternative`` says what to do instead.

    >>> text = missing_extra_message("openpyxl", "xlsx", ".xlsx workbooks")
    >>> text.startswith(".xlsx workbooks needs openpyxl"), 'pip install ".[xlsx]"' in text
    (True, True)
    """
    text = (
        f"{needed_for} needs {module}, which is not installed: install the '{extra}' extra"
        f' with python -m pip install ".[{extra}]" in a checkout of antitrafficking-plan, or'
        f' python -m pip install "antitrafficking-plan[{extra}] @ git+<repository URL>"'
        " (it is not on PyPI)"
    )
    return text if alternative is None else f"{text}; or {alternative}"


def missing_extra(
    module: str, extra: str, needed_for: str = "this", alternative: str | None = None
) -> MissingExtraError:
    """The error raised when an optional dependency is not installed (its message is
    :func:`missing_extra_message`)."""
    return MissingExtraError(missing_extra_message(module, extra, needed_for, alternative))


def _as_day(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _as_iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, date) else None if value is None else str(value)


def _prepared(
    columns: Columns, rows: Iterable[Mapping[str, Any]], day: Callable[[object], object]
) -> list[dict[str, Any]]:
    """The rows with only the columns, dates made what the frame library reads best."""
    dated = [name for name, kind in columns if kind == "date"]
    records = []
    for row in rows:
        record = {name: row[name] for name, _ in columns}
        for name in dated:
            record[name] = day(record[name])
        records.append(record)
    return records


def to_pandas(columns: Columns, rows: Iterable[Mapping[str, Any]]) -> Any:
    """A ``pandas.DataFrame`` of ``rows`` with these columns: ``date`` columns are
    ``datetime64`` (``NaT`` where missing), ``int?`` the nullable ``Int64``, list columns
    hold Python lists."""
    try:
        import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise missing_extra("pandas", "pandas", "a pandas DataFrame") from None
    records = _prepared(columns, rows, _as_iso)
    names = [name for name, _ in columns]
    frame = pd.DataFrame.from_records(records, columns=names)
    for name, kind in columns:
        if kind == "date":
            frame[name] = pd.to_datetime(frame[name], format="ISO8601")
        elif kind in _PANDAS_DTYPES:
            frame[name] = frame[name].astype(_PANDAS_DTYPES[kind])
        elif kind == "bool":
            frame[name] = frame[name].astype(bool)
    return frame


def to_polars(columns: Columns, rows: Iterable[Mapping[str, Any]]) -> Any:
    """A ``polars.DataFrame`` of ``rows`` with a fixed schema from the column types
    (``date`` as ``Date``, lists as ``List``)."""
    try:
        import polars as pl
    except ImportError:
        raise missing_extra("polars", "polars", "a polars DataFrame") from None
    types: dict[str, Any] = {
        "str": pl.Utf8,
        "int": pl.Int64,
        "int?": pl.Int64,
        "float": pl.Float64,
        "bool": pl.Boolean,
        "date": pl.Date,
        "list[str]": pl.List(pl.Utf8),
        "list[int]": pl.List(pl.Int64),
    }
    schema = {name: types[kind] for name, kind in columns}
    return pl.DataFrame(_prepared(columns, rows, _as_day), schema=schema)


class Tabular:
    """A result value that is a table: its :meth:`to_records` rows, typed by the class's
    ``FRAME_COLUMNS``, are also a pandas or polars data frame."""

    __slots__ = ()

    #: The columns of :meth:`to_records` with their types.
    FRAME_COLUMNS: ClassVar[Columns] = ()

    def to_records(self) -> list[dict[str, Any]]:
        """The rows of the table, one dict each."""
        raise NotImplementedError

    def to_pandas(self) -> Any:
        """The rows of :meth:`to_records` as a ``pandas.DataFrame`` (needs the ``pandas``
        extra)."""
        return to_pandas(self.FRAME_COLUMNS, self.to_records())

    def to_polars(self) -> Any:
        """The rows of :meth:`to_records` as a ``polars.DataFrame`` (needs the ``polars``
        extra)."""
        return to_polars(self.FRAME_COLUMNS, self.to_records())
