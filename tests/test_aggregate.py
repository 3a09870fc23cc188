"""Workload, timeline, cost summary and quality report."""

from __future__ import annotations

import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import Cost, CostFragment, FundingSource, Plan, Quarter, aggregate
from antitrafficking_plan.results import FrozenMap
from plans import act, build_plan, bundled_plan_available, inst

A, B = inst("A", "Agency A"), inst("B", "Bureau B")


@pytest.fixture
def plan() -> Plan:
    return build_plan(
        [
            act("1.1.1", responsible=[A], supporting=[B], deadline="2015-2017"),
            act("1.2.1", responsible=[A, B], deadline="Q2 2016", cost=Cost("5,000", 5000)),
            act("2.1.1", supporting=[A], deadline="ongoing", indicators=None),
            act(
                "2.1.2",
                responsible=[B],
                deadline=None,
                cost=Cost("donors", None, [FundingSource.DONORS]),
            ),
            act("2.1.3", responsible=[B], deadline="2021"),
        ],
        fragments=[
            CostFragment("20,000", line=3, block=1, amount=20000),
            CostFragment("Donors", line=4, block=1, sources=[FundingSource.DONORS]),
            CostFragment("illegible", line=5, block=2),
        ],
    )


@pytest.fixture(scope="module")
def bundled() -> Plan:
    if not bundled_plan_available():
        pytest.skip("the bundled plan file kosovo_2015_2019.json is missing")
    return atp.load_plan()


def test_workload_counts_leading_and_supporting_apart(plan: Plan) -> None:
    table = plan.workload()
    assert table.objectives == ("1", "2")
    assert [r.institution.code for r in table.rows] == ["B", "A"]  # B: 3 led + 1, A: 2 + 1
    a, b = table.row("A"), table.row("agency a")
    assert a is b
    assert dict(a.leading) == {"1": 2, "2": 0}
    assert dict(a.supporting) == {"1": 0, "2": 1}
    assert (a.total_leading, a.total_supporting, a.total) == (2, 1, 3)
    assert dict(table.row("B").leading) == {"1": 1, "2": 2}
    assert {"institution": "A", "objective": "2", "leading": 0, "supporting": 1} in (
        table.to_records()
    )
    with pytest.raises(KeyError):
        table.row("Z")
    text = str(table).splitlines()
    assert text[2].split() == [
        "institution",
        "led",
        "sup",
        "1",
        "led",
        "1",
        "sup",
        "2",
        "led",
        "2",
        "sup",
    ]
    assert text[-1].split() == ["A", "2", "1", "2", "0", "0", "1"]


def test_workload_specific_level_has_every_objective(plan: Plan) -> None:
    table = plan.workload("specific")
    assert table.objectives == ("1.1", "1.2", "2.1")
    assert sum(r.total_leading for r in table.rows) == sum(
        len(x.responsible) for x in plan.activities
    )
    with pytest.raises(ValueError, match="level"):
        aggregate.workload(plan.activities, level="global")  # type: ignore[arg-type]


def test_timeline_by_year(plan: Plan) -> None:
    tl = plan.timeline()
    assert [p.period for p in tl.periods] == [2015, 2016, 2017, 2018, 2019]
    # 1.1.1 runs 2015-2017, 1.2.1 in 2016, 2.1.1 (ongoing) every year; 2.1.3 is outside.
    assert dict(tl.counts) == {2015: 2, 2016: 3, 2017: 2, 2018: 1, 2019: 1}
    assert tl.undated.codes == ("2.1.2",)
    assert tl.outside.codes == ("2.1.3",)
    assert tl.to_records()[0] == {
        "period": "2015",
        "start": "2015-01-01",
        "due": "2015-12-31",
        "count": 2,
    }
    assert "undated" in str(tl)


def test_timeline_by_quarter(plan: Plan) -> None:
    tl = plan.timeline("quarter")
    assert len(tl.periods) == 20
    counts = tl.counts
    assert counts[Quarter(2016, 2)] == 3
    assert counts[Quarter(2016, 3)] == 2
    assert tl.periods[5].label == "Q2 2016"
    with pytest.raises(ValueError, match="by"):
        aggregate.timeline(plan.activities, 2015, 2019, by="month")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="after"):
        aggregate.timeline(plan.activities, 2019, 2015)


def test_cost_summary_keeps_fragments_apart(plan: Plan) -> None:
    s = plan.cost_summary()
    assert s.activities == 5
    assert s.with_cost == ("1.2.1", "2.1.2")
    assert dict(s.attached) == {"1.2.1": 5000}
    assert s.attached_amount == 5000
    assert dict(s.by_funding_source) == {FundingSource.DONORS: 1}
    assert (s.fragments, s.fragments_with_amount, s.unattributed_amount) == (3, 1, 20000)
    assert dict(s.fragment_sources) == {FundingSource.DONORS: 1}
    assert s.attributed_share == pytest.approx(5000 / 25000)
    assert "amount attached to activities: 5,000" in str(s)


def test_quality_report(plan: Plan) -> None:
    r = plan.quality_report()
    assert r.total == 5
    assert r.no_due_date.codes == ("2.1.1", "2.1.2")
    assert r.no_responsible.codes == ("2.1.1",)
    assert r.no_cost.codes == ("1.1.1", "2.1.1", "2.1.3")
    assert r.no_indicator.codes == ("2.1.1",)
    assert r.no_cost.share == pytest.approx(0.6)
    assert r.flagged == ("2.1.1", "2.1.2", "1.1.1", "2.1.3")
    assert [rec["check"] for rec in r.to_records()] == [
        "no_due_date",
        "no_responsible",
        "no_cost",
        "no_indicator",
    ]
    assert "no_indicator" in str(r)


def test_quality_report_of_nothing() -> None:
    r = aggregate.quality_report(atp.Activities())
    assert r.total == 0
    assert all(c.share == 0.0 and c.count == 0 for c in r.checks)


def test_frozen_map_is_ordered_and_immutable() -> None:
    m = FrozenMap([("b", 2), ("a", 1)])
    assert list(m.items()) == [("b", 2), ("a", 1)]
    assert m == {"a": 1, "b": 2}
    with pytest.raises(AttributeError):
        m.x = 1
    with pytest.raises(TypeError):
        m["c"] = 3  # type: ignore[index]


def test_quarter_validates() -> None:
    with pytest.raises(ValueError, match="quarter"):
        Quarter(2016, 5)
    assert Quarter(2016, 1) < Quarter(2016, 2) < Quarter(2017, 1)
    assert Quarter.of(atp.parse_deadline("Q3 2016").due) == Quarter(2016, 3)  # type: ignore[arg-type]


# -- bundled plan ------------------------------------------------------------------------
def test_bundled_workload_mlsw(bundled: Plan) -> None:
    row = bundled.workload().row("MLSW")
    # Responsible: 1.1.3, 1.3.1, 1.3.2, 1.5.2 | 2.x (14) | 4.4.5, 4.4.6.
    assert dict(row.leading) == {"1": 4, "2": 14, "3": 0, "4": 2}
    assert bundled.workload().rows[0].institution.code == "MLSW"


def test_bundled_timeline_counts_undated_apart(bundled: Plan) -> None:
    tl = bundled.timeline()
    assert tl.undated.codes == ("1.1.6", "1.3.1", "3.2.2")
    ongoing = len(bundled.activities.ongoing())
    assert all(p.count >= ongoing for p in tl.periods)


def test_bundled_cost_is_all_unattributed(bundled: Plan) -> None:
    s = bundled.cost_summary()
    assert s.with_cost == ()
    assert s.attached_amount == 0
    assert s.fragments == len(bundled.cost_fragments)
    assert s.unattributed_amount == sum(
        f.amount for f in bundled.cost_fragments if f.amount is not None
    )
    assert s.unattributed_amount > 0
    assert s.attributed_share == 0.0


def test_bundled_quality_report(bundled: Plan) -> None:
    r = bundled.quality_report()
    assert r.total == 86
    assert {"1.1.6", "1.3.1", "3.2.2"} <= set(r.no_due_date.codes)
    assert r.no_cost.count == 86
    # 1.1.1: the responsible cell is empty; MLSW etc. are in the supporting column (line 3).
    assert "1.1.1" in r.no_responsible.codes
