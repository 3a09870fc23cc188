"""Benchmark every query against pandas and polars on generated plans (not a test).

Run: ``python benchmarks/bench_queries.py [sizes...]`` (default 1,000, 10,000 and 100,000
activities). Each activity takes the texts of one activity of the bundled plan (cycled),
1-4 responsible and 0-4 supporting institutions out of 60, and a deadline out of 29.

For every query and size, in the same run:

* **warm**: the library on a collection whose indexes exist (best of several runs);
* **cold**: the first call on a freshly made plan collection, building what it needs
  (best of a few fresh collections, each made outside the timing);
* **pandas (Python strings)**, **pandas (pyarrow strings)** and **polars** answering the
  same question on frames built beforehand (their construction is timed apart and is
  not in their times): one row per activity, with the folded search text as a column,
  and a long frame of (activity position, institution, role). A filter returns the
  selected rows (a frame), as the library returns the selected activities.

``fastest`` is the fastest of the three peers; ``warm x`` and ``cold x`` are its time
over the library's (above 1 the library is faster). A row fails when warm is slower than
the fastest peer (``warm x`` < 1) or cold more than twice as slow (``cold x`` < 0.5);
failing rows end in ``<- FAIL warm`` / ``<- FAIL cold``.

A filtered collection holds its members as a set of the plan's positions and takes the
activities from the plan the first time it is read, so the **+read** column also prints
the warm call followed by reading every activity (or count) it returns, and ``read x``
the fastest peer's time over that. It is shown, not judged: the peers' results are
frames, never read into Python objects in their times.

``where`` is a scan by design (a Python predicate per activity): its own goal, printed
after each size's table, is to cost no more than the list comprehension that calls the
same predicate (``[a for a in activities if predicate(a)]``).

Each size's first line also prints the **floor** of a cold call: one pass that reads one
field of every activity, in C (``list(map(attrgetter("code"), activities))``). A first
call that has no index must look at every activity at least once, so no cold call can
cost less. A cold row whose goal (twice the fastest peer) is below the floor is marked
``(below the floor)``: no first call on activities held as Python objects can meet it.
"""

from __future__ import annotations

import random
import sys
import timeit
from collections.abc import Callable, Iterable
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any, cast

try:
    import antitrafficking_plan  # noqa: F401
except ImportError:  # running from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from antitrafficking_plan import Activities, Activity, Deadline, Institution, load_plan
from antitrafficking_plan._text import fold_text
from antitrafficking_plan.registry import InstitutionRegistry

START, END = date(2016, 1, 1), date(2016, 12, 31)
TARGET = "I07"
WORD = "victim"


def make_activities(n: int, n_institutions: int = 60, seed: int = 1) -> Activities:
    rng = random.Random(seed)
    templates = list(load_plan().activities)
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
        template = templates[k % len(templates)]
        items.append(
            Activity(
                f"{s + 1}.{o + 1}.{a + 1}",
                description=template.description,
                expected_results=template.expected_results,
                indicators=template.indicators,
                sources_of_verification=template.sources_of_verification,
                responsible=chosen[:cut],
                supporting=chosen[cut:],
                deadline=rng.choice(deadlines),
                cost=template.cost,
            )
        )
    return Activities(items, InstitutionRegistry(institutions))


def best(fn: Callable[[], object], number: int, repeat: int) -> float:
    """Best time per call, in seconds."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def cold(acts: Activities, query: Callable[[Activities], object], repeat: int) -> float:
    """The first call on a fresh collection of the same activities (no index yet)."""
    times = []
    for _ in range(repeat):
        fresh = Activities(acts, acts.registry)  # made outside the timing
        times.append(timeit.timeit(lambda f=fresh: query(f), number=1))  # type: ignore[misc]
    return min(times)


def frame_columns(acts: Activities) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """The columns of the activity frame and of the long (position, institution, role)
    frame, as plain lists."""
    rows: dict[str, list[Any]] = {
        "code": [a.code for a in acts],
        "objective": [a.specific_objective_code for a in acts],
        "strategic": [a.strategic_objective_code for a in acts],
        "due": [a.deadline.due if a.deadline is not None else None for a in acts],
        "kind": [a.deadline.kind.value if a.deadline is not None else None for a in acts],
        "has_cost": [a.cost is not None for a in acts],
        "text": ["\n".join(fold_text(t) for _, t in a.text_fields()) for a in acts],
    }
    long: dict[str, list[Any]] = {"pos": [], "institution": [], "role": []}
    for i, a in enumerate(acts):
        for role, insts in (("responsible", a.responsible), ("supporting", a.supporting)):
            for x in insts:
                long["pos"].append(i)
                long["institution"].append(x.code)
                long["role"].append(role)
    return rows, long


Query = Callable[[Activities], object]
Peer = Callable[[], object]


def pandas_peer(rows: dict[str, list[Any]], long: dict[str, list[Any]], strings: str) -> Any:
    """The peer queries on pandas frames whose text columns use ``strings`` storage."""
    import pandas as pd

    text_dtype = pd.StringDtype("pyarrow") if strings == "pyarrow" else object
    frame = pd.DataFrame(
        {
            **{c: pd.Series(rows[c], dtype=text_dtype) for c in ("code", "objective", "strategic")},
            "due": pd.to_datetime(rows["due"]),
            "kind": pd.Series(rows["kind"], dtype=text_dtype),
            "has_cost": rows["has_cost"],
            "text": pd.Series(rows["text"], dtype=text_dtype),
        }
    )
    roles = pd.DataFrame(
        {
            "pos": long["pos"],
            "institution": pd.Series(long["institution"], dtype=text_dtype),
            "role": pd.Series(long["role"], dtype=text_dtype),
        }
    )
    lo, hi = pd.Timestamp(START), pd.Timestamp(END)
    due = frame["due"]

    def involving(role: str | None = "responsible") -> Any:
        mask = roles["institution"] == TARGET
        if role is not None:
            mask &= roles["role"] == role
        return frame.take(roles.loc[mask, "pos"].unique())

    def in_2016() -> Any:
        return (due >= lo) & (due <= hi)

    def search(sub: Any) -> Any:
        return sub[sub["text"].str.contains(WORD, regex=False)]

    def count_responsible(positions: Any = None) -> Any:
        mask = roles["role"] == "responsible"
        if positions is not None:
            mask &= roles["pos"].isin(positions)
        return roles.loc[mask, "institution"].value_counts()

    return {
        "involving(resp)": lambda: involving(),
        "involving(any)": lambda: involving(None),
        'under("2")': lambda: frame[frame["strategic"] == "2"],
        'under("2.3")': lambda: frame[frame["objective"] == "2.3"],
        "due_between(2016)": lambda: frame[in_2016()],
        "due_by(2016-12-31)": lambda: frame[due <= hi],
        "overdue(2017-01-01)": lambda: frame[due < pd.Timestamp(2017, 1, 1)],
        "ongoing()": lambda: frame[frame["kind"] == "ongoing"],
        f'search("{WORD}")': lambda: search(frame),
        "where(cost is None)": lambda: frame[~frame["has_cost"]],
        "involving.due_between": lambda: (lambda s: s[(s["due"] >= lo) & (s["due"] <= hi)])(
            involving()
        ),
        "under.involving.search": lambda: search(
            (lambda s: s[s["strategic"] == "2"])(involving(None))
        ),
        'count_by("responsible")': lambda: count_responsible(),
        "due_between.count_by": lambda: count_responsible(frame.index[in_2016()]),
    }


def polars_peer(rows: dict[str, list[Any]], long: dict[str, list[Any]]) -> Any:
    import polars as pl

    frame = pl.DataFrame(rows)
    roles = pl.DataFrame(long)
    due = pl.col("due")
    in_2016 = (due >= START) & (due <= END)

    def involving(role: str | None = "responsible") -> Any:
        mask = pl.col("institution") == TARGET
        if role is not None:
            mask &= pl.col("role") == role
        return frame[roles.filter(mask)["pos"].unique(maintain_order=True)]

    def search(sub: Any) -> Any:
        return sub.filter(pl.col("text").str.contains(WORD, literal=True))

    def count_responsible(positions: Any = None) -> Any:
        mask = pl.col("role") == "responsible"
        if positions is not None:
            mask &= pl.col("pos").is_in(positions.implode())
        return roles.filter(mask)["institution"].value_counts(sort=True)

    positions_2016 = pl.int_range(pl.len()).filter(in_2016)
    return {
        "involving(resp)": lambda: involving(),
        "involving(any)": lambda: involving(None),
        'under("2")': lambda: frame.filter(pl.col("strategic") == "2"),
        'under("2.3")': lambda: frame.filter(pl.col("objective") == "2.3"),
        "due_between(2016)": lambda: frame.filter(in_2016),
        "due_by(2016-12-31)": lambda: frame.filter(due <= END),
        "overdue(2017-01-01)": lambda: frame.filter(due < date(2017, 1, 1)),
        "ongoing()": lambda: frame.filter(pl.col("kind") == "ongoing"),
        f'search("{WORD}")': lambda: search(frame),
        "where(cost is None)": lambda: frame.filter(~pl.col("has_cost")),
        "involving.due_between": lambda: involving().filter(in_2016),
        "under.involving.search": lambda: search(
            involving(None).filter(pl.col("strategic") == "2")
        ),
        'count_by("responsible")': lambda: count_responsible(),
        "due_between.count_by": lambda: count_responsible(frame.select(positions_2016).to_series()),
    }


def library_queries() -> dict[str, Query]:
    return {
        "involving(resp)": lambda s: s.involving(TARGET, role="responsible"),
        "involving(any)": lambda s: s.involving(TARGET),
        'under("2")': lambda s: s.under("2"),
        'under("2.3")': lambda s: s.under("2.3"),
        "due_between(2016)": lambda s: s.due_between(START, END),
        "due_by(2016-12-31)": lambda s: s.due_by(END),
        "overdue(2017-01-01)": lambda s: s.overdue(date(2017, 1, 1)),
        "ongoing()": lambda s: s.ongoing(),
        f'search("{WORD}")': lambda s: s.search(WORD),
        "where(cost is None)": lambda s: s.where(lambda a: a.cost is None),
        "involving.due_between": lambda s: s.involving(TARGET, role="responsible").due_between(
            START, END
        ),
        "under.involving.search": lambda s: s.under("2").involving(TARGET).search(WORD),
        'count_by("responsible")': lambda s: s.count_by("responsible"),
        "due_between.count_by": lambda s: s.due_between(START, END).count_by("responsible"),
    }


def read_all(result: object) -> list[object]:
    """Every activity of a filter's result (or every key of a count), read."""
    return list(cast(Iterable[object], result))


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.3f}"


def run(n: int) -> int:
    import pandas as pd

    acts = make_activities(n)
    number, repeat, cold_repeat = (
        (20, 5, 3) if n <= 1_000 else (5, 5, 3) if n <= 10_000 else (2, 3, 2)
    )
    rows, long = frame_columns(acts)
    peers: dict[str, Any] = {}
    built: dict[str, float] = {}
    for name, make in (
        ("pandas-py", lambda: pandas_peer(rows, long, "python")),
        ("pandas-arrow", lambda: pandas_peer(rows, long, "pyarrow")),
        ("polars", lambda: polars_peer(rows, long)),
    ):
        built[name] = best(make, number=1, repeat=1)
        peers[name] = make()
    ours = library_queries()
    for query in ours.values():  # warm every index
        query(acts)
    items = list(acts)
    code_of = attrgetter("code")
    floor = best(lambda: list(map(code_of, items)), number, repeat)
    print(
        f"\n{n:,} activities; peer frames built beforehand in "
        + ", ".join(f"{k} {ms(v)} ms" for k, v in built.items())
        + f" (pandas {pd.__version__}); times in ms"
        + f"\n  floor of a cold call (one field of every activity read, in C): {ms(floor)} ms"
    )
    header = (
        f"  {'query':<25}{'warm':>9}{'cold':>9}{'pandas-py':>11}{'pandas-arrow':>13}"
        f"{'polars':>9}{'warm x':>8}{'cold x':>8}{'+read':>9}{'read x':>8}"
    )
    print(header)
    failures = 0
    for name, query in ours.items():
        warm = best(lambda q=query: q(acts), number, repeat)  # type: ignore[misc]
        read = best(lambda q=query: read_all(q(acts)), number, repeat)  # type: ignore[misc]
        first = cold(acts, query, cold_repeat)
        theirs = {p: best(peers[p][name], number, repeat) for p in peers}
        fastest = min(theirs.values())
        mark = ""
        if fastest / warm < 1:
            mark += " <- FAIL warm"
        if fastest / first < 0.5:
            mark += " <- FAIL cold" if not mark else ", cold"
            if 2 * fastest < floor:
                mark += " (below the floor)"
        failures += bool(mark)
        print(
            f"  {name:<25}{ms(warm):>9}{ms(first):>9}{ms(theirs['pandas-py']):>11}"
            f"{ms(theirs['pandas-arrow']):>13}{ms(theirs['polars']):>9}"
            f"{fastest / warm:>7.1f}x{fastest / first:>7.2f}x{ms(read):>9}{fastest / read:>7.2f}x"
            f"{mark}"
        )
    # where() is a scan by design: its loop should cost no more than a list comprehension
    # calling the same predicate; the two are timed in turns, so that a moment of load
    # on the machine falls on both.
    scans, comprehensions = [], []
    for _ in range(repeat * 3):
        scans.append(best(lambda: acts.where(_no_cost), number, 1))
        comprehensions.append(best(lambda: [a for a in items if _no_cost(a)], number, 1))
    scan, comprehension = min(scans), min(comprehensions)
    mark = "" if scan <= comprehension else "  <- FAIL"
    failures += bool(mark)
    print(
        f"  where(cost is None) {ms(scan)} ms, the list comprehension "
        f"[a for a in activities if predicate(a)] {ms(comprehension)} ms: "
        f"{comprehension / scan:.2f}x (goal >= 1){mark}"
    )
    return failures


def _no_cost(a: Activity) -> bool:
    return a.cost is None


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1_000, 10_000, 100_000]
    print(
        "warm x / cold x = fastest peer time / library time; > 1 means the library is faster."
        "\ngoals: warm x >= 1 and cold x >= 0.5 for every query at every size"
    )
    failures = sum(run(n) for n in sizes)
    print(f"\nrows failing a goal: {failures}")


if __name__ == "__main__":
    main(sys.argv[1:])
