"""The progress questions: worked examples by hand, and properties on generated data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from antitrafficking_plan import Institution, InstitutionKind, Plan, load_plan
from antitrafficking_plan.demo import demo_plan, demo_status_log
from antitrafficking_plan.display import to_html
from antitrafficking_plan.progress import (
    PROGRESS_COLUMNS,
    STATUS_COLUMNS,
    Changes,
    LateReport,
    Progress,
    Standing,
    StatusTable,
    changes,
    late,
    progress,
    statuses,
)
from antitrafficking_plan.status import Extent, Status
from antitrafficking_plan.statuslog import StatusLog, StatusReport
from plans import act, build_plan, inst, plans
from statuslogs import logs

A, B = inst("A"), inst("B")
PLAN = build_plan(
    [
        act("1.1.1", responsible=[A], supporting=[B], deadline="Q2 2020"),
        act("1.1.2", responsible=[B], deadline="2020"),
        act("1.2.1", responsible=[A], deadline="ongoing"),
        act("2.1.1", responsible=[A], deadline="2021"),
        act("2.1.2", deadline=None, description="<b>no deadline</b>"),
        act("2.1.3", responsible=[B], deadline="Q3 2020"),
    ]
)
LOG = StatusLog(
    [
        StatusReport("1.1.1", date(2020, 3, 31), Status.IN_PROGRESS, Extent.LIMITED),
        StatusReport.from_word("1.1.1", date(2020, 6, 30), "zbatuar"),
        StatusReport("1.1.2", date(2020, 6, 30), Status.NOT_STARTED),
        StatusReport.from_word("1.1.2", date(2021, 1, 15), "substantially implemented"),
        StatusReport.from_word("1.2.1", date(2020, 6, 30), "ongoing"),
        StatusReport("2.1.1", date(2020, 12, 31), Status.CANCELLED),
    ]
)
NEW_YEAR = date(2021, 1, 1)


def codes(rows: object) -> list[str]:
    return [r.code for r in rows]  # type: ignore[attr-defined]


def test_late_worked_example() -> None:
    report = late(LOG, PLAN, as_of=NEW_YEAR)
    assert codes(report.late) == ["1.1.2"]
    assert report.late[0].word == "not_started"
    assert codes(report.unreported) == ["2.1.3"]
    assert codes(report.done) == ["1.1.1"]
    assert codes(report.ongoing) == ["1.2.1"]
    records = report.to_records()
    assert [(r["code"], r["status"], r["standing"]) for r in records] == [
        ("1.1.2", "not_started", "late"),
        ("2.1.3", None, "unreported"),
    ]
    assert list(records[0]) == list(STATUS_COLUMNS)
    # the due day itself is not late; 1.1.2 is due 2020-12-31
    assert codes(late(LOG, PLAN, as_of=date(2020, 12, 31)).late) == []
    # the status as written is kept
    assert late(LOG, PLAN, as_of=date(2021, 1, 1)).done[0].word == "zbatuar"


def test_statuses_worked_example() -> None:
    table = statuses(LOG, PLAN, as_of=NEW_YEAR)
    assert [s.status for s in table.rows] == [
        Status.COMPLETED,
        Status.NOT_STARTED,
        Status.IN_PROGRESS,
        Status.CANCELLED,
        None,
        None,
    ]
    assert [str(s.standing) for s in table.rows] == [
        "done",
        "late",
        "ongoing",
        "not_yet_due",
        "no_due_date",
        "unreported",
    ]
    counts = table.counts()
    assert counts[None] == 2
    assert counts[Status.SUSPENDED] == 0
    assert counts.total == 6
    assert "<b>no deadline</b>" not in table._repr_html_()
    assert "&lt;b&gt;no deadline&lt;/b&gt;" in table._repr_html_()
    assert "status of 6 activities as of 2021-01-01" in str(table)


def test_progress_worked_example() -> None:
    result = progress(LOG, PLAN, as_of=NEW_YEAR)
    one, two = result.rows
    assert (one.group, one.activities, one.unreported) == ("1", 3, 0)
    assert dict(one.counts) == {
        Status.NOT_STARTED: 1,
        Status.IN_PROGRESS: 1,
        Status.COMPLETED: 1,
        Status.CANCELLED: 0,
        Status.SUSPENDED: 0,
    }
    assert (one.due, one.completed_of_due, one.share_completed_of_due) == (2, 1, 0.5)
    assert one.share_substantial_or_complete == pytest.approx(1 / 3)
    assert (two.activities, two.counts[Status.CANCELLED], two.unreported) == (3, 1, 2)
    assert (two.due, two.share_completed_of_due, two.share_unreported) == (1, 0.0, 2 / 3)
    assert result.total.activities == 6
    assert result.total.unreported == 2
    later = progress(LOG, PLAN, as_of=date(2021, 2, 1)).row("1")
    assert later.substantial_or_complete == 2
    record = result.to_records()[0]
    assert list(record) == list(PROGRESS_COLUMNS)
    assert record["group"] == "1"
    assert record["not_started"] == 1
    assert record["unreported"] == 0
    by_institution = progress(LOG, PLAN, as_of=NEW_YEAR, by="institution")
    assert [(r.group, r.activities) for r in by_institution.rows] == [("A", 3), ("B", 2)]
    specific = progress(LOG, PLAN, as_of=NEW_YEAR, by="objective")
    assert [r.group for r in specific.rows] == ["1.1", "1.2", "2.1"]
    empty = progress(StatusLog(), PLAN, as_of=date(2015, 1, 1)).row("1")
    assert empty.share_completed_of_due is None
    assert empty.share_unreported == 1.0
    with pytest.raises(KeyError, match="the groups are 1, 2"):
        result.row("9")
    with pytest.raises(ValueError, match="by must be one of"):
        progress(LOG, PLAN, as_of=NEW_YEAR, by="year")  # type: ignore[arg-type]


def test_changes_worked_example() -> None:
    found = changes(LOG, PLAN, start=date(2020, 6, 30), end=date(2021, 1, 31))
    assert [
        (c.code, c.before and str(c.before.value), str(c.after.value))
        for c in found.changes
        if c.after
    ] == [
        ("1.1.2", "not_started", "in_progress (substantial)"),
        ("2.1.1", None, "cancelled"),
    ]
    assert found.to_records()[1]["before"] is None
    with pytest.raises(ValueError, match="after end"):
        changes(LOG, PLAN, start=date(2021, 1, 1), end=date(2020, 1, 1))


def test_questions_compose_with_filters() -> None:
    of_b = PLAN.activities.involving("B", role="responsible")
    assert codes(late(LOG, of_b, as_of=NEW_YEAR).late) == ["1.1.2"]
    assert progress(LOG, of_b, as_of=NEW_YEAR).total.activities == 2
    assert len(statuses(LOG, PLAN.activities.under("2"), as_of=NEW_YEAR)) == 3


def test_dates_are_always_given_and_typed() -> None:
    with pytest.raises(TypeError, match=r"as_of must be a datetime\.date or an ISO date"):
        late(LOG, PLAN, as_of=20210101)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"as_of: '1\.1\.2021' is not an ISO date"):
        progress(LOG, PLAN, as_of="1.1.2021")
    with pytest.raises(ValueError, match="end: '2021-02-30' is not a valid date"):
        changes(LOG, PLAN, start="2020-01-01", end="2021-02-30")
    with pytest.raises(TypeError, match="StatusLog"):
        late([], PLAN, as_of=NEW_YEAR)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Plan or an Activities"):
        late(LOG, [], as_of=NEW_YEAR)  # type: ignore[arg-type]


def test_to_pandas() -> None:
    pd = pytest.importorskip("pandas")
    frame = progress(LOG, PLAN, as_of=NEW_YEAR).to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(PROGRESS_COLUMNS)
    assert frame["completed"].sum() == 1
    assert list(late(LOG, PLAN, as_of=NEW_YEAR).to_pandas()["code"]) == ["1.1.2", "2.1.3"]


# -- properties ------------------------------------------------------------------------------
SETTINGS = settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
DAYS = st.dates(date(2013, 1, 1), date(2022, 12, 31))


@SETTINGS
@given(st.data(), plans(max_activities=20))
def test_late_done_ongoing_and_unreported_partition_what_was_due(
    data: st.DataObject, plan: Plan
) -> None:
    log = data.draw(logs(plan))
    dues = [a.deadline.due for a in plan.activities if a.deadline and a.deadline.due]
    day = data.draw(st.one_of(DAYS, st.sampled_from(dues)) if dues else DAYS)  # due days too
    report = late(log, plan, as_of=day)
    parts = [
        codes(report.late),
        codes(report.done),
        codes(report.ongoing),
        codes(report.unreported),
    ]
    flat = [c for part in parts for c in part]
    assert len(flat) == len(set(flat))
    due = plan.activities.overdue(day).codes + plan.activities.ongoing().codes
    assert set(flat) == set(due)
    latest = log.as_of(day)
    for row in report.late:
        assert row.report is latest[row.code]
        assert row.status not in (Status.COMPLETED, Status.CANCELLED)
        assert row.activity.deadline is not None
        assert not row.activity.deadline.is_ongoing
    assert all(r.code not in latest for r in report.unreported)
    assert all(r.standing is Standing.ONGOING for r in report.ongoing)


@SETTINGS
@given(
    st.data(),
    plans(max_activities=20),
    st.sampled_from(["strategic_objective", "objective", "institution"]),
)
def test_progress_counts_sum_to_the_group_sizes(data: st.DataObject, plan: Plan, by: str) -> None:
    log = data.draw(logs(plan))
    day = data.draw(DAYS)
    result = progress(log, plan, as_of=day, by=by)  # type: ignore[arg-type]
    key = "responsible" if by == "institution" else by
    sizes = {
        (g.code if hasattr(g, "code") else g): len(acts)
        for g, acts in plan.activities.group_by(key).items()  # type: ignore[call-overload]
        if getattr(g, "is_identified", True)  # a name fragment is no institution
    }
    assert {r.group: r.activities for r in result.rows} == sizes
    for row in (*result.rows, result.total):
        assert sum(row.counts.values()) + row.unreported == row.activities
        assert row.completed_of_due <= row.due <= row.activities
    assert result.total.activities == len(plan.activities)
    table = statuses(log, plan, as_of=day).counts()
    assert table[None] == result.total.unreported
    assert all(table[s] == result.total.counts[s] for s in Status)


@SETTINGS
@given(st.data(), plans(max_activities=15))
def test_answers_are_monotone_in_the_date(data: st.DataObject, plan: Plan) -> None:
    if not plan.activities:
        return
    log = data.draw(logs(plan))
    day = data.draw(DAYS)
    later = StatusReport(
        data.draw(st.sampled_from(plan.activities.codes)),
        data.draw(st.dates(date(2023, 1, 1), date(2030, 1, 1))),
        data.draw(st.sampled_from(list(Status))),
    )
    grown = log.with_reports([later])
    assert statuses(grown, plan, as_of=day) == statuses(log, plan, as_of=day)
    assert progress(grown, plan, as_of=day) == progress(log, plan, as_of=day)
    assert late(grown, plan, as_of=day) == late(log, plan, as_of=day)


# -- one rule for dates -----------------------------------------------------------------------
@SETTINGS
@given(st.data(), plans(max_activities=12), DAYS, DAYS)
def test_a_date_and_its_iso_string_give_the_same_answer(
    data: st.DataObject, plan: Plan, day: date, other: date
) -> None:
    log = data.draw(logs(plan))
    text, start, end = day.isoformat(), min(day, other), max(day, other)
    assert late(log, plan, as_of=text) == late(log, plan, as_of=day)
    assert progress(log, plan, as_of=text) == progress(log, plan, as_of=day)
    assert statuses(log, plan, as_of=text) == statuses(log, plan, as_of=day)
    assert changes(log, plan, start=start.isoformat(), end=end.isoformat()) == changes(
        log, plan, start=start, end=end
    )
    assert log.as_of(text) == log.as_of(day)
    for code in plan.activities.codes[:3]:
        assert log.latest(code, text) == log.latest(code, day)
    assert StatusReport("1.1.1", text, Status.COMPLETED) == StatusReport(
        "1.1.1", day, Status.COMPLETED
    )


# -- name fragments are no institution --------------------------------------------------------
def test_name_fragments_never_count_as_an_institution() -> None:
    fragment = Institution("Trafficking", InstitutionKind.FRAGMENT)
    assert not fragment.is_identified
    plan = build_plan(
        [
            act("1.1.1", responsible=[A, fragment], deadline="2020"),
            act("1.1.2", responsible=[fragment], deadline="2020"),
            act("1.1.3", responsible=[B], deadline="2020"),
        ]
    )
    result = progress(StatusLog(), plan, as_of=NEW_YEAR, by="institution")
    assert [(r.group, r.activities) for r in result.rows] == [("A", 1), ("B", 1)]
    assert result.total.activities == 3  # 1.1.2 counts in the total only


def test_bundled_plan_groups_only_identified_institutions() -> None:
    plan = load_plan()
    result = progress(StatusLog(), plan, as_of="2018-01-01", by="institution")
    groups = {r.group for r in result.rows}
    assert "Trafficking" not in groups
    assert all(plan.institution(g).is_identified for g in groups)


# -- short reprs, notebook display, frames ------------------------------------------------------
DEMO_PLAN, DEMO_LOG = demo_plan(), demo_status_log()  # fictional
Result = Progress | LateReport | StatusTable | Changes
RESULTS: dict[str, Callable[[], Result]] = {
    "progress": lambda: progress(DEMO_LOG, DEMO_PLAN, as_of="2021-01-01"),
    "late": lambda: late(DEMO_LOG, DEMO_PLAN, as_of="2021-01-01"),
    "statuses": lambda: statuses(DEMO_LOG, DEMO_PLAN, as_of="2021-01-01"),
    "changes": lambda: changes(DEMO_LOG, DEMO_PLAN, start="2020-06-30", end="2021-12-31"),
}


def test_reprs_are_short() -> None:
    big = load_plan()
    log = StatusLog([StatusReport(a.code, "2016-06-30", Status.COMPLETED) for a in big.activities])
    found = changes(log, big, start="2016-01-01", end="2017-01-01")
    assert len(found) == len(big.activities)
    assert repr(found) == (
        f"<Changes from 2016-01-01 to 2017-01-01: {len(big.activities)} activities>"
    )
    assert (
        repr(found.changes[0]) == f"<StatusChange {found.changes[0].code}: no report -> completed>"
    )
    table = statuses(log, big, as_of="2017-01-01")
    assert repr(table) == (
        f"<StatusTable as of 2017-01-01: {len(big.activities)} activities, 0 unreported>"
    )
    assert repr(late(StatusLog(), PLAN, as_of=NEW_YEAR)) == (
        "<LateReport as of 2021-01-01: 0 late, 3 unreported, 0 done, 1 ongoing>"
    )
    result = progress(LOG, PLAN, as_of=NEW_YEAR)
    assert repr(result) == (
        "<Progress by strategic objective as of 2021-01-01: 2 groups, 6 activities>"
    )
    assert repr(result.rows[0]) == "<ProgressRow 1: 3 activities, 1 completed, 0 unreported>"
    assert (
        repr(late(LOG, PLAN, as_of=NEW_YEAR).late[0]) == "<ActivityStatus 1.1.2: not_started, late>"
    )


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_results_show_in_notebooks_and_say_fictional(name: str) -> None:
    result = RESULTS[name]()
    assert result.fictional
    assert "FICTIONAL" in repr(result)
    assert "FICTIONAL" in str(result)
    assert len(repr(result)) < 120
    html = result._repr_html_()
    assert html == to_html(result)
    assert html.startswith("<div")
    assert "FICTIONAL" in html
    assert "<table" in html
    assert all(r["fictional"] is True for r in result.to_records())


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_results_are_pandas_and_polars_frames(name: str) -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    result = RESULTS[name]()
    records = result.to_records()
    frame, polars = result.to_pandas(), result.to_polars()
    assert isinstance(frame, pd.DataFrame)
    assert isinstance(polars, pl.DataFrame)
    assert list(frame.columns) == list(polars.columns) == list(records[0])
    assert len(frame) == len(polars) == len(records)
    assert polars["fictional"].to_list() == [True] * len(records)


def test_real_data_is_not_marked_fictional() -> None:
    result = late(LOG, PLAN, as_of=NEW_YEAR)
    assert not result.fictional
    assert "FICTIONAL" not in str(result) + repr(result) + result._repr_html_()
    assert {r["fictional"] for r in result.to_records()} == {False}


def test_display_escapes_every_cell() -> None:
    html = to_html(statuses(LOG, PLAN, as_of=NEW_YEAR))
    assert "<b>no deadline</b>" not in html
    assert "&lt;b&gt;no deadline&lt;/b&gt;" in html
