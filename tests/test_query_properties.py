"""Properties of filters, aggregations and exports on generated plans."""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from antitrafficking_plan import Activities, Plan
from antitrafficking_plan.collection import KEY_NAMES
from antitrafficking_plan.export import read_csv_records, read_json_records, to_records
from antitrafficking_plan.model import Activity
from plans import plans

SETTINGS = settings(max_examples=60)

dates = st.dates(date(2012, 1, 1), date(2022, 12, 31))
Filter = Callable[[Activities], Activities]


@st.composite
def filters(draw: st.DrawFn, plan: Plan) -> tuple[str, Filter, Callable[[object], bool]]:
    """A filter as a method call, with the equivalent per-activity predicate."""
    kind = draw(
        st.sampled_from(("involving", "under", "due_between", "overdue", "search", "undated"))
    )
    if kind == "involving":
        inst = draw(st.sampled_from(plan.institutions))
        role = draw(st.sampled_from((None, "responsible", "supporting")))
        names = {
            None: lambda a: inst in a.responsible or inst in a.supporting,
            "responsible": lambda a: inst in a.responsible,
            "supporting": lambda a: inst in a.supporting,
        }
        name = draw(st.sampled_from(inst.names))
        return (
            f"involving({name!r}, {role})",
            lambda acts: acts.involving(name, role),
            names[role],
        )
    if kind == "under":
        code = draw(st.sampled_from(("1", "2", "3", "1.1", "2.10", "3.1")))
        return (
            f"under({code})",
            lambda acts: acts.under(code),
            lambda a: a.code.startswith(code + "."),
        )
    if kind == "due_between":
        lo, hi = sorted((draw(dates), draw(dates)))

        def in_range(a: object) -> bool:
            d = a.deadline  # type: ignore[attr-defined]
            return d is not None and d.due is not None and lo <= d.due <= hi

        return (f"due_between({lo}, {hi})", lambda acts: acts.due_between(lo, hi), in_range)
    if kind == "overdue":
        as_of = draw(dates)
        return (
            f"overdue({as_of})",
            lambda acts: acts.overdue(as_of),
            lambda a: a.deadline is not None and a.deadline.overdue(as_of),
        )
    if kind == "search":
        word = draw(st.sampled_from(("child", "SHELTER", "shtepi", "internet", "réseau")))
        from antitrafficking_plan._text import fold_text

        def found(a: object) -> bool:
            return any(fold_text(word) in fold_text(t) for _, t in a.text_fields())  # type: ignore[attr-defined]

        return (f"search({word})", lambda acts: acts.search(word), found)
    return (
        "without_due_date()",
        lambda acts: acts.without_due_date(),
        lambda a: a.deadline is None or a.deadline.due is None,
    )


@st.composite
def plan_and_filters(
    draw: st.DrawFn, n: int = 2
) -> tuple[Plan, list[tuple[str, Filter, Callable[[object], bool]]]]:
    plan = draw(plans())
    return plan, [draw(filters(plan)) for _ in range(n)]


def is_subsequence(sub: Activities, full: Activities) -> bool:
    it = iter(full)
    return all(any(a is b for b in it) for a in sub)


@SETTINGS
@given(plan_and_filters(1))
def test_filter_matches_predicate_and_partitions(case: tuple[Plan, list]) -> None:  # type: ignore[type-arg]
    plan, [(label, f, predicate)] = case
    acts = plan.activities
    kept = f(acts)
    assert kept.codes == tuple(a.code for a in acts if predicate(a)), label
    rest = acts.where(lambda a: not predicate(a))
    assert len(kept) + len(rest) == len(acts)
    assert set(kept.codes).isdisjoint(rest.codes)
    assert acts.difference(kept) == rest
    assert is_subsequence(kept, acts)  # order preserved


@SETTINGS
@given(plan_and_filters(2))
def test_filters_commute_and_are_idempotent(case: tuple[Plan, list]) -> None:  # type: ignore[type-arg]
    plan, [(_, f, _p), (_, g, _q)] = case
    acts = plan.activities
    assert f(g(acts)) == g(f(acts))
    assert f(f(acts)) == f(acts)
    assert f(acts).intersection(g(acts)) == f(g(acts))


@SETTINGS
@given(plans(), st.sampled_from(KEY_NAMES))
def test_group_sizes_sum_to_pairs_and_agree_with_counts(plan: Plan, key: str) -> None:
    acts = plan.activities
    groups = acts.group_by(key)  # type: ignore[call-overload]
    counts = acts.count_by(key)  # type: ignore[call-overload]
    assert groups.counts() == counts
    assert list(groups) == list(counts)
    assert [len(g) for g in groups.values()] == list(counts.values())
    assert list(counts.values()) == sorted(counts.values(), reverse=True)
    for group in groups.values():
        assert is_subsequence(group, acts)
    pairs = {(a.code, k) for k, group in groups.items() for a in group}
    assert sum(counts.values()) == len(pairs)
    if key in ("responsible", "supporting", "institution"):
        attr = {
            "responsible": "responsible",
            "supporting": "supporting",
            "institution": "institutions",
        }[key]
        assert counts.total == sum(len({i.code for i in getattr(a, attr)}) for a in acts)
    elif key != "funding_source":
        assert counts.total == len(acts)  # single-valued: every activity once


@SETTINGS
@given(plans())
def test_function_keys_match_named_keys_and_ties_keep_first_appearance(plan: Plan) -> None:
    acts = plan.activities
    by_fn = acts.count_by(lambda a: a.responsible)
    assert by_fn == acts.count_by("responsible")
    assert acts.count_by(lambda a: a.strategic_objective_code) == acts.count_by(
        "strategic_objective"
    )
    counts = acts.count_by("objective")
    first_seen: dict[str, int] = {}
    for pos, a in enumerate(acts):
        first_seen.setdefault(a.specific_objective_code, pos)
    keys = list(counts)
    for k1, k2 in itertools.pairwise(keys):
        if counts[k1] == counts[k2]:
            assert first_seen[k1] < first_seen[k2]


@SETTINGS
@given(plans())
def test_exports_round_trip(plan: Plan) -> None:
    records = to_records(plan.activities)
    with tempfile.TemporaryDirectory() as tmp:
        plan.activities.to_csv(Path(tmp, "a.csv"))
        plan.activities.to_json(Path(tmp, "a.json"))
        assert read_csv_records(Path(tmp, "a.csv")) == records
        assert read_json_records(Path(tmp, "a.json")) == records


@SETTINGS
@given(plans())
def test_timeline_and_quality_are_consistent(plan: Plan) -> None:
    acts = plan.activities
    tl = plan.timeline()
    dated = {a.code for p in tl.periods for a in p.activities}
    assert dated | set(tl.undated.codes) | set(tl.outside.codes) == set(acts.codes)
    assert set(tl.undated.codes) == {a.code for a in acts if a.deadline is None}
    report = plan.quality_report()
    assert report.no_due_date.codes == acts.without_due_date().codes
    assert report.no_responsible.count == sum(1 for a in acts if not a.responsible)
    summary = plan.cost_summary()
    assert summary.attached_amount == sum(
        a.cost.amount for a in acts if a.cost is not None and a.cost.amount is not None
    )


truth_values = st.one_of(
    st.booleans(), st.integers(-300, 300), st.none(), st.text(max_size=2), st.just(())
)


@SETTINGS
@given(plans(), st.data())
def test_where_keeps_every_truth_value_and_calls_the_predicate_once(
    plan: Plan, data: st.DataObject
) -> None:
    """Bools, ints of any size, None, texts: kept as ``if value`` keeps them, on the plan
    and on a subset, with one call per activity."""
    acts = plan.activities
    for collection in (acts, acts[1:]):
        values = data.draw(
            st.lists(truth_values, min_size=len(collection), max_size=len(collection))
        )
        answer: dict[str, object] = dict(zip(collection.codes, values, strict=True))
        calls: list[str] = []
        kept = collection.where(recording(answer, calls))  # type: ignore[arg-type]
        assert kept.codes == tuple(code for code, value in answer.items() if value)
        assert calls == list(collection.codes)


def recording(answer: dict[str, object], calls: list[str]) -> Callable[[Activity], object]:
    """A predicate answering from ``answer`` that notes each activity it is asked about."""

    def predicate(a: Activity) -> object:
        calls.append(a.code)
        return answer[a.code]

    return predicate
