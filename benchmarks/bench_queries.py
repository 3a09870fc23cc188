"""Benchmark the query helpers against pandas on generated plans (not a test).

Run: ``.venv/bin/python benchmarks/bench_queries.py [sizes...]`` (default 1,000, 10,000 and
100,000 activities, 60 institutions, 1-4 responsible and 0-4 supporting each).

For every size it times, best of several runs:

* ``involving`` (one institution, responsible), ``due_between`` (one year),
  ``count_by("responsible")`` and ``group_by`` with a function key, on a warm collection
  (its indexes already built) and on a cold one (first call, building the index);
* pandas doing the same on DataFrames built beforehand (their construction timed on its
  own): a frame with one row per activity and a long (activity, institution, role) frame;
* ``group_by`` with a function key against a plain Python loop building a dict of lists.

Ratios > 1 mean the library is faster than pandas; "x loop" is group_by time over the
plain loop's.
"""

from __future__ import annotations

import random
import sys
import timeit
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from antitrafficking_plan import (
    Activities,
    Activity,
    Deadline,
    Institution,
    InstitutionRegistry,
)


def make_activities(n: int, n_institutions: int = 60, seed: int = 1) -> Activities:
    rng = random.Random(seed)
    institutions = [
        Institution(f"I{i:02d}", name=f"Institution {i}") for i in range(n_institutions)
    ]
    deadlines = [
        *(Deadline.of_quarter(y, q) for y in range(2015, 2020) for q in range(1, 5)),
        *(Deadline.of_year(y) for y in range(2015, 2020)),
        Deadline.of_years(2015, 2017),
        Deadline.of_years(2016, 2019),
        Deadline.ongoing(),
        None,
    ]
    items = []
    per_objective = max(1, n // 40)
    for k in range(n):
        s, rest = divmod(k, per_objective * 10)
        o, a = divmod(rest, per_objective)
        chosen = rng.sample(institutions, rng.randint(1, 8))
        cut = rng.randint(1, min(4, len(chosen)))
        items.append(
            Activity(
                f"{s + 1}.{o + 1}.{a + 1}",
                description=f"activity {k} on trafficking",
                responsible=chosen[:cut],
                supporting=chosen[cut:],
                deadline=rng.choice(deadlines),
            )
        )
    return Activities(items, InstitutionRegistry(institutions))


def best(fn: Callable[[], object], number: int = 5, repeat: int = 5) -> float:
    """Best time per call, in seconds."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def cold(acts: Activities, query: Callable[[Activities], object]) -> float:
    """Time of the first call on a fresh collection (index built inside the timing)."""
    times = []
    for _ in range(3):
        fresh = acts[:]  # same items, empty caches
        times.append(timeit.timeit(lambda f=fresh: query(f), number=1))  # type: ignore[misc]
    return min(times)


def kind_key(a: Activity) -> Any:
    return None if a.deadline is None else a.deadline.kind


def plain_loop(acts: Activities) -> dict[Any, list[Activity]]:
    groups: defaultdict[Any, list[Activity]] = defaultdict(list)
    for a in acts:
        groups[kind_key(a)].append(a)
    return groups


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:9.3f} ms"


def run(n: int) -> None:
    import pandas as pd

    acts = make_activities(n)
    start, end = date(2016, 1, 1), date(2016, 12, 31)
    target = "I07"

    def build_frames() -> tuple[Any, Any]:
        rows = {
            "code": [a.code for a in acts],
            "due": pd.to_datetime(
                [a.deadline.due if a.deadline is not None else None for a in acts]
            ),
            "kind": [a.deadline.kind.value if a.deadline is not None else None for a in acts],
        }
        frame = pd.DataFrame(rows)
        pos, inst, role = [], [], []
        for i, a in enumerate(acts):
            for x in a.responsible:
                pos.append(i)
                inst.append(x.code)
                role.append("responsible")
            for x in a.supporting:
                pos.append(i)
                inst.append(x.code)
                role.append("supporting")
        roles = pd.DataFrame(
            {
                "pos": pos,
                "institution": pd.Categorical(inst),
                "role": pd.Categorical(role),
            }
        )
        return frame, roles

    t_frames = best(build_frames, number=1, repeat=3)
    frame, roles = build_frames()
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)

    # Warm the library's indexes.
    acts.involving(target, role="responsible")
    acts.due_between(start, end)
    acts.count_by("responsible")

    cases: list[
        tuple[str, Callable[[], object], Callable[[Activities], object], Callable[[], object]]
    ]
    cases = [
        (
            "involving",
            lambda: acts.involving(target, role="responsible"),
            lambda f: f.involving(target, role="responsible"),
            lambda: frame.take(
                roles.loc[
                    (roles["institution"] == target) & (roles["role"] == "responsible"), "pos"
                ].to_numpy()
            ),
        ),
        (
            "due_between",
            lambda: acts.due_between(start, end),
            lambda f: f.due_between(start, end),
            lambda: frame[(frame["due"] >= lo) & (frame["due"] <= hi)],
        ),
        (
            'count_by("responsible")',
            lambda: acts.count_by("responsible"),
            lambda f: f.count_by("responsible"),
            lambda: roles.loc[roles["role"] == "responsible", "institution"].value_counts(),
        ),
        (
            "group_by(fn)",
            lambda: acts.group_by(kind_key),
            lambda f: f.group_by(kind_key),
            lambda: dict(iter(frame.groupby("kind", dropna=False))),
        ),
    ]
    print(f"\n{n:,} activities (pandas frames built in {ms(t_frames)}; one-off)")
    print(f"  {'query':<24}{'library warm':>14}{'library cold':>14}{'pandas':>14}{'ratio':>9}")
    for name, warm_fn, cold_fn, pandas_fn in cases:
        warm = best(warm_fn)
        first = cold(acts, cold_fn)
        theirs = best(pandas_fn)
        print(f"  {name:<24}{ms(warm):>14}{ms(first):>14}{ms(theirs):>14}{theirs / warm:8.1f}x")
    loop = best(lambda: plain_loop(acts))
    ours = best(lambda: acts.group_by(kind_key))
    print(
        f"  group_by(fn) vs plain Python loop: {ms(ours)} vs {ms(loop)} ({ours / loop:.2f} x loop)"
    )


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1_000, 10_000, 100_000]
    print("ratio = pandas time / library time (warm); > 1 means the library is faster")
    for n in sizes:
        run(n)


if __name__ == "__main__":
    main(sys.argv[1:])
