"""Filters and aggregations of ``Activities``: worked examples on the bundled plan (checked
by hand against ``data/kosovo_2015_2019_source.txt``) and edge cases on small plans."""

from __future__ import annotations

import pickle
from datetime import date, datetime

import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import Activities, Counts, Groups, Quarter, UnknownNameError
from plans import act, build_plan, bundled_plan_available, inst

needs_bundled = pytest.mark.skipif(
    not bundled_plan_available(), reason="the bundled plan file kosovo_2015_2019.json is missing"
)


@pytest.fixture(scope="module")
def acts() -> Activities:
    if not bundled_plan_available():
        pytest.skip("the bundled plan file kosovo_2015_2019.json is missing")
    return atp.load_plan().activities


# -- worked examples on the bundled plan -------------------------------------------------
# MLSW in the responsible column (source lines 5, 20, 22, 26, 30-31, 39-63, 103-104).
MLSW_RESPONSIBLE = (
    "1.1.3",
    "1.3.1",
    "1.3.2",
    "1.5.2",
    "2.1.2",
    "2.3.1",
    "2.3.2",
    "2.3.3",
    "2.3.5",
    "2.4.1",
    "2.5.1",
    "2.5.2",
    "2.5.3",
    "2.6.1",
    "2.6.2",
    "2.6.4",
    "2.6.5",
    "2.6.6",
    "4.4.5",
    "4.4.6",
)


@needs_bundled
def test_counts_per_strategic_objective(acts: Activities) -> None:
    assert len(acts) == 86
    assert dict(acts.count_by("strategic_objective")) == {"2": 31, "4": 23, "1": 20, "3": 12}
    assert [len(acts.under(c)) for c in "1234"] == [20, 31, 12, 23]


@needs_bundled
def test_mlsw_responsible_by_code_alias_and_name(acts: Activities) -> None:
    by_code = acts.involving("MLSW", role="responsible")
    assert by_code.codes == MLSW_RESPONSIBLE
    by_name = acts.involving("ministry of labour and social welfare", role="responsible")
    assert by_name == by_code
    mlsw = atp.load_plan().institution("MLSW")
    assert acts.involving(mlsw, role="responsible") == by_code
    # 1.1.1 names MLSW in the supporting column only (source line 3).
    supporting = acts.involving("MLSW", role="supporting")
    assert "1.1.1" in supporting.codes
    assert "1.1.1" not in by_code.codes
    either = acts.involving("MLSW")
    assert set(either.codes) == set(by_code.codes) | set(supporting.codes)
    assert list(either.codes) == sorted(either.codes, key=acts.codes.index)


@needs_bundled
def test_objective_filters(acts: Activities) -> None:
    assert acts.under("2.3").codes == tuple(f"2.3.{i}" for i in range(1, 10))
    assert all(a.code.startswith("2.") for a in acts.under("2"))
    assert acts.under("2.") == acts.under("2")


@needs_bundled
def test_deadlines_worked_examples(acts: Activities) -> None:
    assert str(acts.lookup("1.1.1").deadline) == "Q4 2015"
    assert str(acts.lookup("1.1.9").deadline) == "Q4 2015"
    assert str(acts.lookup("3.1.1").deadline) == "2016"
    assert str(acts.lookup("4.2.2").deadline) == "2015"
    # Due in 2015: Q4 2015 (1.1.1, 1.1.9) and 2015 (4.2.2).
    assert acts.due_in(2015).codes == ("1.1.1", "1.1.9", "4.2.2")
    assert acts.due_in(2015, 4).codes == ("1.1.1", "1.1.9", "4.2.2")
    assert "3.1.1" in acts.due_between(date(2016, 1, 1), date(2016, 12, 31)).codes
    assert acts.due_in(2016) == acts.due_between(date(2016, 1, 1), date(2016, 12, 31))
    # Nothing is due before the end of 2015, so nothing is overdue on 31 December 2015.
    assert acts.overdue(date(2015, 12, 31)).codes == ()
    assert acts.overdue(date(2016, 1, 1)).codes == ("1.1.1", "1.1.9", "4.2.2")
    assert acts.without_deadline().codes == ("1.1.6", "1.3.1", "3.2.2")
    no_due = acts.without_due_date()
    assert {"1.1.6", "1.3.1", "3.2.2"} <= set(no_due.codes)
    assert set(acts.ongoing().codes) | {"1.1.6", "1.3.1", "3.2.2"} >= set(no_due.codes)
    assert "1.3.2" in acts.ongoing().codes  # "Ongoing", source line 22
    assert "2.6.3" in acts.ongoing().codes  # "vazhdimes i", source line 62


@needs_bundled
def test_search_worked_examples(acts: Activities) -> None:
    # "shelter" in the text columns of lines 40, 42, 63 (not "Shelters" as an institution).
    assert acts.search("shelter").codes == ("2.3.3", "2.3.5", "2.6.6")
    assert acts.search("SHELTER") == acts.search("shelter")
    assert acts.search("internet").codes == ("1.1.5", "3.2.4")
    child = acts.search("child")
    assert child.codes == ("1.1.2", "1.1.3", "1.1.5", "1.1.7", "2.1.1", "2.1.2", "3.2.4", "4.4.4")
    assert set(acts.search("children").codes) <= set(child.codes)


@needs_bundled
def test_chain_from_the_issue(acts: Activities) -> None:
    result = acts.involving("MLSW", role="responsible").due_between(
        date(2016, 1, 1), date(2016, 12, 31)
    )
    assert isinstance(result, Activities)
    assert result.codes == ()  # MLSW's activities run 2015-2017 or are ongoing
    assert acts.involving("MLSW", role="responsible").due_in(2017).codes == (
        "1.1.3",
        "4.4.5",
        "4.4.6",
    )


@needs_bundled
def test_count_by_responsible_keys_are_institutions(acts: Activities) -> None:
    counts = acts.count_by("responsible")
    top, n = counts.most_common(1)[0]
    assert isinstance(top, atp.Institution)
    assert (top.code, n) == ("MLSW", 20)
    assert counts.total == sum(len(a.responsible) for a in acts) - 1  # 4.2.1's fragment
    assert counts.total == sum(1 for a in acts for i in a.responsible if i.is_identified)


@needs_bundled
def test_fragments_of_names_are_counted_as_no_institution(acts: Activities) -> None:
    """4.2.1's cells hold only 'Traffickin g' and 'Organizatio ns': no institution."""
    fragments = {"Trafficking", "Organizations"}
    for key in ("responsible", "supporting", "institution"):
        assert not fragments & {i.code for i in acts.count_by(key)}, key
        assert not fragments & {i.code for i in acts.group_by(key)}, key
    table = atp.load_plan().workload()
    assert not fragments & {row.institution.code for row in table.rows}
    report = atp.load_plan().quality_report()
    assert "4.2.1" in report.no_responsible.codes
    assert report.no_responsible.description == "no identifiable responsible institution"
    # the fragment is still found where it is asked for by name
    assert acts.involving("Trafficking").codes == ("4.2.1",)


# -- edge cases on small plans -----------------------------------------------------------
A, B, C = inst("A", "Agency A", "ag-a"), inst("B", "Bureau B"), inst("C", "Council Ç")


@pytest.fixture
def small() -> Activities:
    return build_plan(
        [
            act("1.1.1", responsible=[A, B], supporting=[C], deadline="Q4 2015"),
            act("1.10.1", responsible=[B], deadline="2016", description="Children shelter"),
            act("1.1.2", supporting=[A], deadline="ongoing", description="Shtëpi e sigurt"),
            act("2.1.1", responsible=[A], supporting=[A], deadline=None),
            act("2.1.2", responsible=[C], deadline="by end of 2016"),
            act("2.2.1", responsible=[B, A], deadline="2015 onwards"),
        ],
        institutions=[A, B, C, inst("D")],
    ).activities


def test_under_never_matches_longer_codes(small: Activities) -> None:
    assert small.under("1.1").codes == ("1.1.1", "1.1.2")
    assert small.under("1.10").codes == ("1.10.1",)
    with pytest.raises(TypeError):
        small.under(1)  # type: ignore[arg-type]


def test_involving_roles_and_names(small: Activities) -> None:
    assert small.involving("A").codes == ("1.1.1", "1.1.2", "2.1.1", "2.2.1")
    assert small.involving("ag-a", role="responsible").codes == ("1.1.1", "2.1.1", "2.2.1")
    assert small.involving("agency a", role="supporting").codes == ("1.1.2", "2.1.1")
    assert small.involving("council c").codes == ("1.1.1", "2.1.2")  # accent-insensitive
    assert small.involving("D").codes == ()


def test_involving_bad_role_names_accepted_values(small: Activities) -> None:
    with pytest.raises(ValueError, match="'responsible', 'supporting'") as err:
        small.involving("A", role="lead")  # type: ignore[arg-type]
    assert "lead" in str(err.value)


def test_involving_unknown_institution_suggests(small: Activities) -> None:
    with pytest.raises(UnknownNameError) as err:
        small.involving("Agency")
    assert "A" in err.value.suggestions
    assert isinstance(err.value, KeyError)


def test_due_filters_validate(small: Activities) -> None:
    with pytest.raises(ValueError, match="start: '2016-1-1' is not an ISO date"):
        small.due_between("2016-1-1", date(2016, 12, 31))
    with pytest.raises(ValueError, match="day is out of range"):
        small.due_by("2016-02-30")
    with pytest.raises(TypeError, match="ISO date string"):
        small.due_by(2016)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        small.overdue(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="after"):
        small.due_between(date(2017, 1, 1), date(2016, 1, 1))
    with pytest.raises(ValueError, match="quarter"):
        small.due_in(2016, 5)


def test_due_filters_inclusive_and_skip_undated(small: Activities) -> None:
    assert small.due_between(date(2015, 12, 31), date(2016, 12, 31)).codes == (
        "1.1.1",
        "1.10.1",
        "2.1.2",
    )
    assert small.due_between(date(2015, 12, 31), date(2015, 12, 31)).codes == ("1.1.1",)
    assert small.due_by(date(2015, 12, 30)).codes == ()
    assert small.due_by(datetime(2016, 12, 31, 23, 0)).codes == ("1.1.1", "1.10.1", "2.1.2")
    assert small.overdue(date(2015, 12, 31)).codes == ()
    assert small.overdue(date(2016, 1, 1)).codes == ("1.1.1",)
    assert small.ongoing().codes == ("1.1.2",)
    assert small.without_due_date().codes == ("1.1.2", "2.1.1", "2.2.1")
    assert small.with_due_date().codes == ("1.1.1", "1.10.1", "2.1.2")
    assert small.without_deadline().codes == ("2.1.1",)


def test_search_case_accent_space_insensitive(small: Activities) -> None:
    assert small.search("child").codes == ("1.10.1",)
    assert small.search("SHTEPI  e").codes == ("1.1.2",)
    assert small.search("shtëpi").codes == ("1.1.2",)
    assert small.search("nothing like this").codes == ()
    with pytest.raises(ValueError, match="empty"):
        small.search("   ")
    with pytest.raises(TypeError):
        small.search(3)  # type: ignore[arg-type]


def test_where_difference_intersection(small: Activities) -> None:
    led_by_b = small.where(lambda a: B in a.responsible)
    assert led_by_b.codes == ("1.1.1", "1.10.1", "2.2.1")
    assert small.difference(led_by_b).codes == ("1.1.2", "2.1.1", "2.1.2")
    assert small.intersection(led_by_b) == led_by_b
    with pytest.raises(TypeError):
        small.where("not callable")  # type: ignore[arg-type]


def test_collection_is_immutable_and_typed(small: Activities) -> None:
    with pytest.raises(AttributeError):
        small._got = ()
    assert isinstance(small[1:3], Activities)
    assert isinstance(small.under("1"), Activities)
    assert small.get("1.1.1") is small[0]
    assert small[0] in small
    assert small.get("9.9.9") is None


def test_count_by_multi_valued_and_ties_in_first_appearance(small: Activities) -> None:
    counts = small.count_by("responsible")
    assert isinstance(counts, Counts)
    # A: 1.1.1, 2.1.1, 2.2.1 (3); B: 1.1.1, 1.10.1, 2.2.1 (3); C: 2.1.2 (1). A and B tie;
    # A appears first (1.1.1 lists A before B).
    assert [(i.code, n) for i, n in counts.items()] == [("A", 3), ("B", 3), ("C", 1)]
    both = small.count_by("institution")
    assert both[A] == 4  # 2.1.1 names A twice but counts once
    assert small.count_by("supporting")[A] == 2


def test_count_by_single_valued_fields(small: Activities) -> None:
    assert dict(small.count_by("deadline_year")) == {2016: 2, None: 3, 2015: 1}
    quarters = small.count_by("deadline_quarter")
    assert quarters[Quarter(2016, 4)] == 2
    assert dict(small.count_by("objective")) == {"1.1": 2, "2.1": 2, "1.10": 1, "2.2": 1}
    kinds = small.count_by("deadline_kind")
    assert kinds[atp.DeadlineKind.ONGOING] == 1
    assert kinds[None] == 1
    assert dict(small.count_by("funding_source")) == {}


def test_count_by_function_keys(small: Activities) -> None:
    n_resp = small.count_by(lambda a: len(a.responsible))
    assert dict(n_resp) == {1: 3, 2: 2, 0: 1}
    codes = small.count_by(lambda a: [i.code for i in a.institutions])
    assert dict(codes) == {"A": 4, "B": 3, "C": 2}
    # A tuple inside a list is one key.
    pairs = small.count_by(lambda a: [(a.strategic_objective_code, a.deadline is None)])
    assert pairs[("2", True)] == 1


def test_unknown_key_lists_names(small: Activities) -> None:
    with pytest.raises(ValueError, match="deadline_year") as err:
        small.count_by("colour")  # type: ignore[call-overload]
    assert "colour" in str(err.value)
    with pytest.raises(ValueError, match="accepted names"):
        small.group_by("colour")  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        small.count_by(3)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="hashable"):
        small.count_by(lambda a: [[a.code]])  # type: ignore[type-var]


def test_group_by_agrees_with_count_by(small: Activities) -> None:
    groups = small.group_by("responsible")
    assert isinstance(groups, Groups)
    assert groups.counts() == small.count_by("responsible")
    assert list(groups) == list(small.count_by("responsible"))
    assert groups[B].codes == ("1.1.1", "1.10.1", "2.2.1")
    assert isinstance(groups[B], Activities)
    assert groups[B].involving("A").codes == ("1.1.1", "2.2.1")


def test_results_are_immutable(small: Activities) -> None:
    counts = small.count_by("responsible")
    with pytest.raises(TypeError):
        counts[A] = 9  # type: ignore[index]
    with pytest.raises(AttributeError):
        counts._data = {}
    assert repr(counts) == "Counts({A: 3, B: 3, C: 1})"
    assert "3 activities" in repr(small.group_by("responsible"))


def test_index_lookup_after_first_use_builds_nothing(
    small: Activities, monkeypatch: pytest.MonkeyPatch
) -> None:
    small.involving("A", role="responsible")
    small.due_by(date(2015, 1, 1))
    shared = type(small._shared)

    def explode(self: object) -> None:
        raise AssertionError("an index was built again")

    # Once built, the plan's indexes answer every later question, on subsets too.
    for builder in ("_build_roles", "_build_deadlines", "_build_objectives"):
        monkeypatch.setattr(shared, builder, explode)
    assert small.involving("B", role="responsible").codes == ("1.1.1", "1.10.1", "2.2.1")
    assert small.due_by(date(2016, 12, 31)).codes == ("1.1.1", "1.10.1", "2.1.2")
    subset = small.due_by(date(2016, 12, 31))
    assert subset.involving("B", role="responsible").codes == ("1.1.1", "1.10.1")


def test_search_never_matches_across_fields_or_on_separators() -> None:
    acts = atp.load_plan().activities
    assert len(acts.search("\x00")) == 0
    assert len(acts.search("\n child")) == len(acts.search("child"))


def test_activity_codes_are_looked_up_without_surrounding_spaces() -> None:
    plan = atp.load_plan()
    assert plan.activity(" 1.1.1 ") is plan.activity("1.1.1")


@pytest.mark.parametrize("code", ["1.1.1", "x", "", "1..1"])
def test_under_refuses_what_is_not_an_objective_code(code: str) -> None:
    with pytest.raises(ValueError, match="is not an objective code"):
        atp.load_plan().activities.under(code)


def test_an_objective_code_given_as_an_activity_code_points_to_under() -> None:
    acts = atp.load_plan().activities
    with pytest.raises(atp.UnknownNameError) as info:
        acts["2.3"]
    assert info.value.suggestions == ()
    assert "'2.3' is an objective code: its activities are under('2.3')" in str(info.value)
    restored = pickle.loads(pickle.dumps(info.value))
    assert str(restored) == str(info.value)
    with pytest.raises(atp.UnknownNameError, match=r"did you mean '2\.3\.8'"):
        acts["2.3.88"]


def test_a_misspelt_key_name_gets_a_suggestion() -> None:
    with pytest.raises(ValueError, match="did you mean 'responsible'"):
        atp.load_plan().activities.count_by("responsibel")  # type: ignore[call-overload]


def test_where_on_a_collection_holding_one_activity_twice_keeps_each_answer(
    small: Activities,
) -> None:
    """A hand-made collection may hold one object twice: its members are then known by
    position, not by identity, so a predicate answering differently each time is kept."""
    first, second = small[0], small[1]
    twice = Activities([first, second, first])
    answers = iter([False, True, True])
    kept = twice.where(lambda a: next(answers))
    assert kept.codes == ("1.10.1", "1.1.1")
    assert kept.under("1").codes == ("1.10.1", "1.1.1")
    assert kept[1] is first
    answers = iter([True, False, False])
    assert twice[1:].where(lambda a: next(answers)).codes == ("1.10.1",)


def test_where_results_chain_on_the_plans_indexes(small: Activities) -> None:
    kept = small.where(lambda a: a.code != "1.1.1")
    assert kept.involving("B", role="responsible").codes == ("1.10.1", "2.2.1")
    assert kept.due_by(date(2016, 12, 31)).codes == ("1.10.1", "2.1.2")
    assert kept._positions == [1, 2, 3, 4, 5]
    assert kept == small[1:]


def test_a_plans_where_finds_positions_only_when_asked(small: Activities) -> None:
    """A plan's activities are distinct objects (their codes are unique): where() keeps
    what its comprehension returns, and maps the kept activities to plan positions only
    when a later call needs them."""
    shared = small._shared
    assert shared.distinct()
    kept = small.where(lambda a: a.deadline is not None)
    assert "@ids" not in shared.cache
    assert kept.ongoing().codes == ("1.1.2",)
    assert "@ids" in shared.cache
