"""Status reports, status logs and status files: validation, history, round trips."""

from __future__ import annotations

import json
import os
import pickle
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from antitrafficking_plan import Plan
from antitrafficking_plan.errors import PlanLoadError, StatusLoadError, StatusWordError
from antitrafficking_plan.status import Extent, Status
from antitrafficking_plan.statuslog import (
    StatusLog,
    StatusReport,
    read_status_log,
    status_log_from_records,
    write_status_log,
)
from plans import act, build_plan, plans
from statuslogs import logs

PLAN = build_plan([act("1.1.1"), act("1.1.2"), act("1.2.1"), act("2.1.1")])
D1, D2, D3 = date(2020, 6, 30), date(2020, 12, 31), date(2021, 6, 30)


def test_report_checks_its_fields() -> None:
    with pytest.raises(TypeError, match=r"as_of must be a datetime\.date or an ISO date"):
        StatusReport("1.1.1", 20200101, Status.COMPLETED)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"StatusReport\.as_of: '30\.6\.2020' is not an ISO"):
        StatusReport("1.1.1", "30.6.2020", Status.COMPLETED)
    # the library's one rule for dates: an ISO string, or a datetime's date
    assert StatusReport("1.1.1", "2020-01-01", Status.COMPLETED).as_of == date(2020, 1, 1)
    assert StatusReport("1.1.1", datetime(2020, 1, 1, 9), Status.COMPLETED).as_of == date(
        2020, 1, 1
    )
    with pytest.raises(ValueError, match="only given for an activity in progress"):
        StatusReport("1.1.1", D1, Status.COMPLETED, Extent.LIMITED)
    with pytest.raises(ValueError, match="reads as completed"):
        StatusReport("1.1.1", D1, Status.NOT_STARTED, word="zbatuar")
    with pytest.raises(ValueError, match="'done' is not a valid Status"):
        StatusReport("1.1.1", D1, "done")  # values only: from_word reads words
    with pytest.raises(StatusWordError):
        StatusReport.from_word("1.1.1", D1, "pending")
    report = StatusReport.from_word("1.1.1", D1, " Zbatuar ", evidence="")
    assert (report.status, report.word, report.evidence) == (Status.COMPLETED, "Zbatuar", None)
    assert StatusReport("1.1.1", D1, "in_progress").word == "in_progress"


def test_log_orders_reports_and_keeps_history() -> None:
    a = StatusReport("1.2.1", D2, Status.IN_PROGRESS)
    b = StatusReport("1.1.1", D2, Status.COMPLETED)
    c = StatusReport("1.1.1", D1, Status.NOT_STARTED)
    log = StatusLog([a, b, c])
    assert log.reports == (c, b, a)
    assert log.history("1.1.1") == (c, b)
    assert log.history("2.1.1") == ()
    assert log.codes == ("1.1.1", "1.2.1")
    assert log.dates == (D1, D2)
    assert log.latest("1.1.1", date(2020, 12, 30)) is c
    assert log.latest("1.1.1", D2) is b
    assert log.latest("1.1.1", date(2020, 6, 29)) is None
    assert dict(log.as_of(D1)) == {"1.1.1": c}
    assert b in log
    assert StatusReport("1.1.1", D3, Status.COMPLETED) not in log
    assert pickle.loads(pickle.dumps(log)) == log
    assert hash(log) == hash(StatusLog([c, a, b]))
    with pytest.raises(AttributeError):
        log._reports = ()
    assert "3 reports on 2 activities" in repr(log)


def test_log_refuses_two_reports_for_one_activity_and_date() -> None:
    log = StatusLog([StatusReport("1.1.1", D1, Status.NOT_STARTED)])
    with pytest.raises(
        StatusLoadError, match=r"two reports for activity '1\.1\.1' as of 2020-06-30"
    ):
        log.with_reports([StatusReport("1.1.1", D1, Status.COMPLETED)])
    assert len(log.with_reports([StatusReport("1.1.1", D2, Status.COMPLETED)])) == 2


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), plans(max_activities=15))
def test_adding_a_later_report_never_changes_an_earlier_answer(
    data: st.DataObject, plan: Plan
) -> None:
    log = data.draw(logs(plan))
    if not plan.activities:
        return
    code = data.draw(st.sampled_from(plan.activities.codes))
    last = max((r.as_of for r in log), default=date(2013, 1, 1))
    later = StatusReport(
        code,
        data.draw(st.dates(last, date(2030, 1, 1)).filter(lambda d: d > last)),
        Status.COMPLETED,
    )
    grown = log.with_reports([later])
    for day in {*log.dates, last, date(2012, 1, 1)}:
        assert grown.as_of(day) == log.as_of(day)
    assert grown.latest(code, later.as_of) is later


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), plans(max_activities=12))
def test_latest_is_the_last_report_on_or_before_the_day(data: st.DataObject, plan: Plan) -> None:
    log = data.draw(logs(plan))
    day = data.draw(st.dates(date(2012, 1, 1), date(2022, 12, 31)))
    expected: dict[str, StatusReport] = {}
    for report in sorted(log, key=lambda r: r.as_of):
        if report.as_of <= day:
            expected[report.code] = report
    assert dict(log.as_of(day)) == expected


@pytest.mark.parametrize("suffix", [".csv", ".json", ".xlsx"])
@settings(
    max_examples=10,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data(), plans(max_activities=10))
def test_a_written_log_reads_back_equal(
    tmp_path: Path, suffix: str, data: st.DataObject, plan: Plan
) -> None:
    log = data.draw(logs(plan, max_reports=15))
    path = tmp_path / f"status{suffix}"
    write_status_log(log, path)
    back = read_status_log(path, plan)
    assert back.to_records() == log.to_records()
    assert back == log


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "status.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_csv_names_every_problem_with_row_and_column(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "code,as_of,status,extent\n"
        "1.1.1,2020-06-30,implemented,\n"
        "1.1.9,2020-06-30,completed,\n"
        "1.1.2,30.06.2020,completed,\n"
        "1.2.1,2020-06-30,finito,\n"
        "1.1.1,2020-06-30,completed,\n"
        "2.1.1,2020-06-30,completed,limited\n"
        ",2020-06-30,completed,\n",
    )
    with pytest.raises(StatusLoadError) as info:
        read_status_log(path, PLAN)
    problems = info.value.problems
    assert len(problems) == 6, problems
    where = f"{path}, row"
    assert "unknown activity code '1.1.9'" in problems[0]
    assert "did you mean '1.1.2', '1.1.1'" in problems[0]
    assert f"{where} 3, column 'code'" in problems[0]
    assert "'30.06.2020' is not a date" in problems[1]
    assert "row 4, column 'as_of'" in problems[1]
    assert "unknown status 'finito'" in problems[2]
    assert "row 5, column 'status'" in problems[2]
    assert "not_started, in_progress" in problems[2]
    assert "two reports for activity '1.1.1' as of 2020-06-30" in problems[3]
    assert "row 2" in problems[3]
    assert "row 6, column 'as_of'" in problems[3]
    assert "only given for an activity in progress" in problems[4]
    assert "row 7" in problems[4]
    assert "code is missing" in problems[5]
    assert "row 8, column 'code'" in problems[5]
    assert isinstance(info.value, PlanLoadError)


def test_bad_headers(tmp_path: Path) -> None:
    path = _csv(tmp_path, "code,stauts,as_of,as_of\n")
    with pytest.raises(StatusLoadError) as info:
        read_status_log(path, PLAN)
    text = "\n".join(info.value.problems)
    assert "unknown column 'stauts' (column 2); did you mean 'status'?" in text
    assert "column 'as_of' appears twice" in text
    assert "missing column(s) status" in text


def test_files_that_are_not_status_files(tmp_path: Path) -> None:
    with pytest.raises(StatusLoadError, match="no such status file"):
        read_status_log(tmp_path / "none.csv", PLAN)
    with pytest.raises(StatusLoadError, match=r"\.csv, \.json or \.xlsx"):
        read_status_log(tmp_path / "status.txt", PLAN)
    (tmp_path / "latin.csv").write_bytes(
        "code,as_of,status\n1.1.1,2020-06-30,\xe9\n".encode("latin-1")
    )
    with pytest.raises(StatusLoadError, match="not UTF-8"):
        read_status_log(tmp_path / "latin.csv", PLAN)
    (tmp_path / "s.json").write_text('{"code": "1.1.1"}', encoding="utf-8")
    with pytest.raises(StatusLoadError, match="array of report objects"):
        read_status_log(tmp_path / "s.json", PLAN)
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    with pytest.raises(StatusLoadError, match=r"not a readable \.xlsx"):
        read_status_log(tmp_path / "bad.xlsx", PLAN)


def test_bad_json_is_located_by_json_path(tmp_path: Path) -> None:
    path = tmp_path / "status.json"
    path.write_text(
        json.dumps(
            [
                {"code": "1.1.1", "as_of": "2020-06-30", "status": "completed"},
                {"code": "1.1.1", "as_of": 20200630, "status": True},
                {"code": "1.1.2", "status": "completed", "colour": "red"},
                "nonsense",
            ]
        ),
        encoding="utf-8",
    )
    with pytest.raises(StatusLoadError) as info:
        read_status_log(path, PLAN)
    text = "\n".join(info.value.problems)
    assert "status must be text, not bool True @ $[1].status" in text
    assert "20200630 is not a date" in text
    assert "@ $[1].as_of" in text
    assert "unknown field(s) colour" in text
    assert "missing field(s) as_of @ $[2]" in text
    assert "@ $[3]" in text


def test_bad_workbook_is_located_by_sheet_row_and_column_letter(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "status"
    sheet.append(["code", "as_of", "status"])
    sheet.append(["1.1.1", datetime(2020, 6, 30), "done"])
    sheet.append(["1.1.2", datetime(2020, 6, 30, 12, 0), "pending"])
    path = tmp_path / "status.xlsx"
    workbook.save(path)
    with pytest.raises(StatusLoadError) as info:
        read_status_log(path, PLAN)
    first, second = info.value.problems
    assert "has a time of day" in first
    assert "sheet 'status', row 3, column B ('as_of')" in first
    assert "reads two ways" in second
    assert "row 3, column C ('status')" in second
    other = openpyxl.Workbook()
    other.active.title = "Sheet1"
    other.save(tmp_path / "other.xlsx")
    with pytest.raises(StatusLoadError, match=r"no sheet 'status'.*'Sheet1'"):
        read_status_log(tmp_path / "other.xlsx", PLAN)


def test_records_and_blank_rows() -> None:
    log = status_log_from_records(
        [
            {"code": "1.1.1", "as_of": "2020-06-30", "status": "in_progress", "extent": "Limited"},
            {"code": "1.1.2", "as_of": None, "status": None, "evidence": None},
        ],
        PLAN,
    )
    assert [(r.code, r.extent) for r in log] == [("1.1.1", Extent.LIMITED)]
    with pytest.raises(StatusLoadError, match="contradicts"):
        status_log_from_records(
            [{"code": "1.1.1", "as_of": "2020-06-30", "status": "limited", "extent": "substantial"}]
        )
    with pytest.raises(StatusLoadError, match="status is missing"):
        status_log_from_records([{"code": "1.1.1", "as_of": "2020-06-30", "status": ""}])


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    log = StatusLog([StatusReport("1.1.1", D1, Status.COMPLETED, evidence="=HYPERLINK(1)")])
    write_status_log(log, tmp_path / "status.xlsx")
    assert read_status_log(tmp_path / "status.xlsx", PLAN) == log


def test_a_damaged_status_workbook_is_a_status_load_error(tmp_path: Path) -> None:
    import zipfile

    reports = [
        StatusReport("1.1.1", date(2016, 1, 1) + timedelta(days=i), Status.COMPLETED)
        for i in range(300)
    ]
    write_status_log(StatusLog(reports), tmp_path / "status.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(tmp_path / "status.xlsx") as source, zipfile.ZipFile(damaged, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(info, data[:4000] if info.filename.startswith("xl/worksheets/") else data)
    with pytest.raises(
        StatusLoadError,
        match=r"damaged\.xlsx: (not a readable \.xlsx workbook|sheet 'status' cannot be read)",
    ):
        read_status_log(damaged, PLAN)


def test_a_fifo_named_like_a_workbook_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "status.xlsx"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    with pytest.raises(StatusLoadError, match="is a FIFO"):
        read_status_log(fifo)
