"""Shared and restricted indexes give the answers a fresh scan gives.

A plan's collection builds its indexes once; every collection derived from it answers
from them, restricted to its members. These properties compare chains of filters, and
counts and groups on their results, with per-activity predicates and with collections
made afresh from the same activities (which build indexes of their own), both ways of
counting a subset (its own pass, or the plan's index restricted) included.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from antitrafficking_plan import collection
from antitrafficking_plan._text import _fold_ascii, fold_text
from antitrafficking_plan.collection import KEY_NAMES, Activities
from antitrafficking_plan.deadline import DeadlineKind
from antitrafficking_plan.model import Activity
from antitrafficking_plan.plan import Plan
from plans import act, build_plan, inst, plans

SETTINGS = settings(max_examples=80, deadline=None)
dates = st.dates(date(2008, 1, 1), date(2032, 12, 31))
Step = tuple[str, Callable[[Activities], Activities], Callable[[Activity], bool]]

_SPACES = re.compile(r"\s+")


def reference_fold(text: str) -> str:
    """The fold as first written, character by character: the definition."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.casefold()).strip()


def searchable(a: Activity) -> str:
    return "\n".join(reference_fold(t) for _, t in a.text_fields())


@st.composite
def steps(draw: st.DrawFn, plan: Plan) -> Step:
    """One filter as a call, with the per-activity predicate it must equal."""
    kind = draw(
        st.sampled_from(
            (
                "involving",
                "under",
                "due_between",
                "due_by",
                "overdue",
                "ongoing",
                "search",
                "where",
                "undated",
                "no_deadline",
                "slice",
            )
        )
    )
    if kind == "involving" and plan.institutions:
        code = draw(st.sampled_from(plan.institutions)).code
        role = draw(st.sampled_from((None, "responsible", "supporting")))

        def involved(a: Activity) -> bool:
            resp = any(i.code == code for i in a.responsible)
            supp = any(i.code == code for i in a.supporting)
            return {None: resp or supp, "responsible": resp, "supporting": supp}[role]

        return f"involving({code!r}, {role})", lambda s: s.involving(code, role), involved
    if kind == "under":
        code = draw(st.sampled_from(("1", "2", "3", "4", "1.1", "1.2", "2.1", "3.4", "1.10")))
        return f"under({code})", lambda s: s.under(code), lambda a: a.code.startswith(code + ".")
    if kind in ("due_between", "due_by", "overdue"):
        lo, hi = sorted((draw(dates), draw(dates)))

        def due(a: Activity) -> date | None:
            return None if a.deadline is None else a.deadline.due

        if kind == "due_by":
            return (
                f"due_by({hi})",
                lambda s: s.due_by(hi),
                lambda a: (d := due(a)) is not None and d <= hi,
            )
        if kind == "overdue":
            return (
                f"overdue({hi})",
                lambda s: s.overdue(hi),
                lambda a: (d := due(a)) is not None and d < hi,
            )
        return (
            f"due_between({lo}, {hi})",
            lambda s: s.due_between(lo, hi),
            lambda a: (d := due(a)) is not None and lo <= d <= hi,
        )
    if kind == "ongoing":
        return (
            "ongoing()",
            lambda s: s.ongoing(),
            lambda a: a.deadline is not None and a.deadline.kind is DeadlineKind.ONGOING,
        )
    if kind == "search":
        texts = [t for a in plan.activities for _, t in a.text_fields()]
        from_plan: bool = bool(texts) and draw(st.booleans())
        source: str = draw(st.sampled_from(texts)) if from_plan else draw(st.text())
        start = draw(st.integers(0, len(source)))
        wanted = source[start : start + draw(st.integers(1, 6))]
        if not reference_fold(wanted):
            wanted = "a"
        folded = reference_fold(wanted)
        return f"search({wanted!r})", lambda s: s.search(wanted), lambda a: folded in searchable(a)
    if kind == "where":
        return (
            "where(cost)",
            lambda s: s.where(lambda a: a.cost is not None),
            lambda a: a.cost is not None,
        )
    if kind == "undated":
        return (
            "without_due_date()",
            lambda s: s.without_due_date(),
            lambda a: a.deadline is None or a.deadline.due is None,
        )
    if kind == "no_deadline":
        return "without_deadline()", lambda s: s.without_deadline(), lambda a: a.deadline is None
    # A slice in plan order: its members are not chosen by a predicate.
    return "[1:]", lambda s: s[1:], lambda a: True


@st.composite
def chains(draw: st.DrawFn) -> tuple[Plan, list[Step]]:
    plan = draw(plans())
    return plan, draw(st.lists(steps(plan), min_size=1, max_size=4))


def fresh(acts: Activities) -> Activities:
    """The same activities in a new collection: indexes of its own, nothing shared."""
    return Activities(list(acts), acts.registry)


@contextmanager
def local_fraction(value: float) -> Iterator[None]:
    """Force how subsets count: 0 restricts the plan's index, 2 makes their own pass."""
    saved = collection._LOCAL_FRACTION, collection._LOCAL_FRACTION_BUILT
    collection._LOCAL_FRACTION = collection._LOCAL_FRACTION_BUILT = value
    try:
        yield
    finally:
        collection._LOCAL_FRACTION, collection._LOCAL_FRACTION_BUILT = saved


@contextmanager
def max_ranks(value: int) -> Iterator[None]:
    """Force how due-date ranges are found: 0 merges the runs, 255 uses rank bitsets."""
    saved = collection._MAX_RANKS
    collection._MAX_RANKS = value
    try:
        yield
    finally:
        collection._MAX_RANKS = saved


@SETTINGS
@given(chains(), st.sampled_from((0, 255)))
def test_chained_filters_equal_predicates_and_fresh_collections(
    case: tuple[Plan, list[Step]], ranks: int
) -> None:
    plan, chain = case
    shared = plan.activities
    expected = list(plan.activities)
    for name, call, predicate in chain:
        before = shared
        with max_ranks(ranks):
            shared = call(shared)
        expected = expected[1:] if name == "[1:]" else [a for a in expected if predicate(a)]
        assert list(shared) == expected, name
        assert call(fresh(before)) == shared, name
        assert shared._positions is None or all(  # members of the plan's items, ascending
            plan.activities[p] is a for p, a in zip(shared._positions, shared, strict=True)
        )


@SETTINGS
@given(chains(), st.sampled_from(KEY_NAMES), st.sampled_from((0.0, 2.0)))
def test_counts_and_groups_of_subsets_equal_fresh_ones(
    case: tuple[Plan, list[Step]], key: str, fraction: float
) -> None:
    plan, chain = case
    subset = plan.activities
    for _, call, _ in chain:
        subset = call(subset)
    with local_fraction(fraction):
        counts = subset.count_by(key)  # type: ignore[call-overload]
        groups = subset.group_by(key)  # type: ignore[call-overload]
    alone = fresh(subset)
    assert list(counts.items()) == list(alone.count_by(key).items())  # type: ignore[call-overload]
    assert list(groups.items()) == list(alone.group_by(key).items())  # type: ignore[call-overload]
    for members in groups.values():  # groups chain on from the shared indexes too
        assert members.under("1") == fresh(members).under("1")


def test_counts_of_a_subset_keep_its_own_first_appearance_order() -> None:
    """Ties are broken by first appearance in the subset, not in the plan."""
    x, y = inst("X"), inst("Y")
    plan = build_plan(
        [
            act("1.1.1", responsible=[x]),
            act("1.1.2", responsible=[y, x], deadline="2016"),
            act("1.1.3", responsible=[y], deadline="2016"),
        ],
        institutions=[x, y],
    )
    subset = plan.activities.due_in(2016)
    for fraction in (0.0, 2.0):
        with local_fraction(fraction):
            counts = plan.activities.due_in(2016).count_by("responsible")
        assert [i.code for i in counts] == ["Y", "X"]
        assert list(counts.values()) == [2, 1]
    assert [i.code for i in subset.count_by("institution")] == ["Y", "X"]


def test_a_reversed_slice_is_a_collection_of_its_own() -> None:
    plan = build_plan([act("1.1.1", deadline="2016"), act("1.1.2", deadline="2015")])
    backwards = plan.activities[::-1]
    assert backwards.codes == ("1.1.2", "1.1.1")
    assert backwards._positions is None
    assert backwards.due_by(date(2016, 12, 31)).codes == ("1.1.2", "1.1.1")


def test_derived_collections_share_the_plans_indexes() -> None:
    x = inst("X")
    plan = build_plan([act("1.1.1", responsible=[x]), act("2.1.1", supporting=[x])], [x])
    subset = plan.activities.under("1")
    assert subset._shared is plan.activities._shared
    assert subset.involving("X")._shared is plan.activities._shared
    assert subset.involving("X").codes == ("1.1.1",)


@settings(max_examples=300)
@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_fold_text_equals_the_character_by_character_fold(text: str) -> None:
    assert fold_text(text) == reference_fold(text)


@settings(max_examples=300)
@given(
    st.text(st.characters(max_codepoint=127))
    | st.text(st.sampled_from("aB \t\n\x1c\x1f"), min_size=250, max_size=300)
    | st.lists(st.sampled_from(["Word", " ", "x"]), min_size=100, max_size=200).map("".join)
)
def test_the_ascii_fast_path_equals_the_slow_path(text: str) -> None:
    assert _fold_ascii(text) == reference_fold(text)


@SETTINGS
@given(
    st.lists(
        st.lists(
            st.text(st.sampled_from("aé \x00\x01\n\u00a0ß\u0301İ"), min_size=1, max_size=8)
            # ASCII, long enough together for the fold of long text (spaces at the ends of
            # fields are stripped before the fields are joined)
            | st.text(st.sampled_from("aB \t\n\x1f"), min_size=1, max_size=80),
            max_size=4,
        ),
        max_size=6,
    )
)
def test_search_text_folded_at_once_equals_each_field_folded(fields: list[list[str]]) -> None:
    """Fields holding the separators of the joined text fall back to field by field."""
    names = ("description", "expected_results", "indicators", "sources_of_verification")
    texts_of: list[dict[str, str]] = [dict(zip(names, f, strict=False)) for f in fields]
    items = tuple(
        Activity(
            f"1.1.{n + 1}",
            description=t.get("description"),
            expected_results=t.get("expected_results"),
            indicators=t.get("indicators"),
            sources_of_verification=t.get("sources_of_verification"),
        )
        for n, t in enumerate(texts_of)
    )
    texts, separator = collection._folded_texts(items)
    assert tuple(t.replace(separator, "\n") for t in texts) == tuple(searchable(a) for a in items)
    assert all(separator not in reference_fold(t) for a in items for _, t in a.text_fields())
    acts = Activities(items)
    for a in items:  # a query across two fields matches nothing (a newline folds away)
        folded = [reference_fold(t) for _, t in a.text_fields()]
        if separator != "\n" and len(folded) > 1 and folded[0] and folded[1]:
            across = folded[0][-1] + "\n" + folded[1][0]
            assert a not in acts.search(across.replace("\n", separator))


@pytest.mark.parametrize("text", ["ǰ İ ß ΑΣ", "  Shtëpi   SIGURT ", "a\x1cb\x1fc", "\u0301"])
def test_fold_text_examples(text: str) -> None:
    assert fold_text(text) == reference_fold(text)


@pytest.mark.parametrize("wanted", ["1", "1.1", "12", "1.10", "2"])
def test_under_from_the_index_equals_the_prefix_scan_on_any_code_shape(wanted: str) -> None:
    codes = ["1", "1.1", "1.1.1", "1.1.1.1", "1.10.2", "12.3.4", "1..2", "2.1", " 1.1.1"]
    acts = Activities(Activity(c) for c in codes)
    expected = tuple(c for c in codes if c.startswith(wanted + "."))
    assert acts.under(wanted).codes == expected  # the first call scans the codes
    assert "@under" not in acts._shared.cache
    assert acts.under(wanted).codes == expected  # the second builds the index
    assert "@under" in acts._shared.cache
    assert acts[2:].under(wanted).codes == tuple(c for c in codes[2:] if c.startswith(wanted + "."))
    subset = Activities(Activity(c) for c in codes)[2:]  # a subset's first call scans it
    assert subset.under(wanted).codes == tuple(c for c in codes[2:] if c.startswith(wanted + "."))


@SETTINGS
@given(plans(), st.sampled_from(("1", "2", "3", "1.1", "1.2", "2.1", "10", "1.10")))
def test_under_by_scan_then_by_index_equals_the_prefix_predicate(plan: Plan, code: str) -> None:
    acts = fresh(plan.activities)
    expected = [a for a in acts if a.code.startswith(code + ".")]
    assert list(acts.under(code)) == expected
    assert list(acts.under(code)) == expected
    assert "@under" in acts._shared.cache


@pytest.mark.parametrize("shuffled", [False, True])
def test_objective_indexes_grouped_by_runs_or_one_by_one_agree(shuffled: bool) -> None:
    """Codes in plan order are grouped by runs of equal objectives; codes out of order
    one at a time: both give what a scan gives, counts in order of first appearance."""
    import random

    codes = [f"{s}.{o}.{a}" for s in (1, 2, 10) for o in (1, 2, 12) for a in range(1, 30)]
    if shuffled:
        random.Random(3).shuffle(codes)
    acts = Activities(Activity(c) for c in codes)
    for wanted in ("1", "2", "10", "1.1", "1.12", "10.2", "2.3"):
        assert acts.under(wanted).codes == tuple(c for c in codes if c.startswith(wanted + "."))
    objectives = [c.rsplit(".", 1)[0] for c in codes]
    assert list(acts.count_by("objective")) == list(dict.fromkeys(objectives))
    assert list(acts.count_by("strategic_objective")) == list(
        dict.fromkeys(c.split(".")[0] for c in codes)
    )


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(range(6)), max_size=3),
            st.lists(st.sampled_from(range(6)), max_size=3),
        ),
        max_size=8,
    )
)
def test_the_first_institutions_found_while_building_roles_are_the_first_seen(
    roles: list[tuple[list[int], list[int]]],
) -> None:
    """An institution code may be held by equal but distinct objects (a collection made
    by hand): the first object seen, responsible before supporting in plan order, keys
    the counts, whether the role indexes found it or a pass of its own."""
    made = [inst(f"I{n % 3}") for n in range(6)]  # two distinct objects per code
    items = [
        act(f"1.1.{k + 1}", responsible=[made[n] for n in r], supporting=[made[n] for n in s])
        for k, (r, s) in enumerate(roles)
    ]
    by_roles = Activities(items)
    by_roles.count_by("responsible")  # builds the role indexes, and their first ones
    alone = Activities(items)._shared.institutions()[0]
    found = by_roles._shared.first_institutions()
    assert found == alone
    assert all(found[code] is alone[code] for code in alone)
    for key in ("responsible", "supporting", "institution"):
        counts = Activities(items).count_by(key)
        assert all(i is alone[i.code] for i in counts)
