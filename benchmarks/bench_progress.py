"""Benchmark the progress questions against pandas on generated data (not a test).

Run: ``python benchmarks/bench_progress.py [activities] [reports_per_activity]`` (default
100,000 activities with 10 reports each: a million reports; about a minute).

Times, best of several runs, on data built beforehand (construction timed on its own):

* ``StatusLog.as_of(day)``: the latest report of every activity on or before a day,
  against pandas ``merge_asof`` (activities x day, by code) and against sort-and-groupby
  (filter ``as_of <= day``, then the last row per code of a frame sorted by date);
* ``progress(log, activities, as_of=day)`` by strategic objective (counts per status and
  unreported, due and completed of due, substantial or complete), against pandas doing
  the same from the reports frame: filter, last per code, merge onto the activities,
  ``crosstab`` of objective x status.

Ratios > 1 mean the library is faster than pandas. The goal is >= 1 (at least as fast);
rows that miss it are marked FAIL.
"""

from __future__ import annotations

import random
import sys
import time
import timeit
from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd

from antitrafficking_plan import Activities, Activity, Deadline
from antitrafficking_plan.progress import progress
from antitrafficking_plan.status import Extent, Status
from antitrafficking_plan.statuslog import StatusLog, StatusReport

STATUSES = list(Status)
DAY = date(2018, 6, 30)


def make_activities(n: int, seed: int = 1) -> Activities:
    rng = random.Random(seed)
    deadlines = [Deadline.of_quarter(y, q) for y in range(2015, 2020) for q in range(1, 5)]
    deadlines += [Deadline.ongoing(), None]  # type: ignore[list-item]
    per_objective = max(1, n // 40)
    items = []
    for k in range(n):
        s, rest = divmod(k, per_objective * 10)
        o, a = divmod(rest, per_objective)
        items.append(Activity(f"{s + 1}.{o + 1}.{a + 1}", deadline=rng.choice(deadlines)))
    return Activities(items)


def make_reports(acts: Activities, per: int, seed: int = 2) -> list[StatusReport]:
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    reports = []
    for a in acts:
        for day in sorted(rng.sample(range(0, 5 * 365), per)):
            status = rng.choice(STATUSES)
            extent = rng.choice((None, *Extent)) if status is Status.IN_PROGRESS else None
            reports.append(StatusReport(a.code, start + timedelta(days=day), status, extent))
    return reports


def best(fn: Callable[[], object], number: int = 1, repeat: int = 3) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def main(n: int = 100_000, per: int = 10) -> None:
    t0 = time.perf_counter()
    acts = make_activities(n)
    reports = make_reports(acts, per)
    t1 = time.perf_counter()
    log = StatusLog(reports)
    t2 = time.perf_counter()
    frame = pd.DataFrame(
        {
            "code": [r.code for r in reports],
            "as_of": pd.to_datetime([r.as_of for r in reports]),
            "status": [r.status.value for r in reports],
            "extent": [None if r.extent is None else r.extent.value for r in reports],
        }
    ).sort_values("as_of", kind="stable")
    frame_acts = pd.DataFrame(
        {
            "code": list(acts.codes),
            "strategic_objective": [a.strategic_objective_code for a in acts],
            "due": pd.to_datetime([None if a.deadline is None else a.deadline.due for a in acts]),
        }
    )
    t3 = time.perf_counter()
    print(f"== {n:,} activities, {len(reports):,} reports")
    print(f"  build reports (objects)   {t1 - t0:8.2f} s")
    print(f"  StatusLog(reports)        {t2 - t1:8.2f} s")
    print(f"  pandas frames             {t3 - t2:8.2f} s")

    day = pd.Timestamp(DAY)
    targets = frame_acts[["code"]].assign(as_of=day)

    def pandas_merge_asof() -> object:
        return pd.merge_asof(targets, frame, on="as_of", by="code", direction="backward")

    def pandas_groupby() -> object:
        return frame[frame["as_of"] <= day].groupby("code", sort=False).tail(1)

    def pandas_progress() -> object:
        latest = frame[frame["as_of"] <= day].groupby("code", sort=False).tail(1)
        merged = frame_acts.merge(latest, on="code", how="left")
        merged["status"] = merged["status"].fillna("unreported")
        counts = pd.crosstab(merged["strategic_objective"], merged["status"])
        merged["is_due"] = merged["due"] < day
        merged["done_due"] = merged["is_due"] & (merged["status"] == "completed")
        merged["strong"] = (merged["status"] == "completed") | (merged["extent"] == "substantial")
        sums = merged.groupby("strategic_objective")[["is_due", "done_due", "strong"]].sum()
        return counts.join(sums)

    ours_as_of = best(lambda: log.as_of(DAY))
    ours_progress = best(lambda: progress(log, acts, as_of=DAY))
    rows = [
        ("as_of vs merge_asof", ours_as_of, best(pandas_merge_asof)),
        ("as_of vs sort+groupby", ours_as_of, best(pandas_groupby)),
        ("progress by objective", ours_progress, best(pandas_progress)),
    ]
    # the answers agree
    ours = progress(log, acts, as_of=DAY).row("1")
    theirs = pandas_progress()
    assert ours.counts[Status.COMPLETED] == theirs.loc["1", "completed"]  # type: ignore[attr-defined]
    assert ours.unreported == theirs.loc["1"].get("unreported", 0)  # type: ignore[attr-defined]
    print(f"  {'question':<26}{'ours':>10}{'pandas':>10}{'ratio':>8}")
    for name, mine, other in rows:
        ratio = other / mine
        mark = "" if ratio >= 1 else "   FAIL (goal >= 1)"
        print(f"  {name:<26}{mine * 1e3:8.1f}ms{other * 1e3:8.1f}ms{ratio:8.2f}{mark}")


if __name__ == "__main__":
    args = [int(a.replace(",", "").replace("_", "")) for a in sys.argv[1:]]
    main(*args)
