"""Benchmark: loading plans, against the tools a user would otherwise reach for.

    python benchmarks/bench_load.py            # full run (100,000 activities included)
    python benchmarks/bench_load.py --quick    # smaller sizes, fewer repeats

1. Cold start: a fresh process that imports the package and calls ``load_plan()``, paired
   in the same run with a fresh process that only imports cattrs (goal: ratio <= 1.3,
   median of paired runs).
   The bundled plan built by the plain constructors alone (``_plain``, as ``load_plan()``
   does) against the same data read through the codec (cattrs imported, its converters
   generated, the registry entries read through them), both cold.
2. ``load_plan(path)`` of plans with 1,000 activities and a larger size (full validation
   included) against ``json.loads`` of the same text (goal at 1,000 activities: ratio
   <= 3; at larger sizes <= 5).
3. Peak memory of that load against ``json.loads`` of the same file.

It prints seconds and ratios; it is not a test and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import attrs

import antitrafficking_plan as atp
from antitrafficking_plan import Activity, SpecificObjective, StrategicObjective


def scaled_plan(n_activities: int) -> atp.Plan:
    """A plan with ``n_activities`` activities, made by repeating the bundled ones under
    generated objectives (10 activities per specific objective, 10 specific objectives per
    strategic objective), so texts, institutions and provenance have realistic sizes."""
    base = atp.load_plan()
    templates = list(base.activities)
    activities = []
    specific_codes: list[str] = []
    for i in range(n_activities):
        strategic, rest = divmod(i, 100)
        specific, number = divmod(rest, 10)
        code = f"{strategic + 1}.{specific + 1}.{number + 1}"
        if number == 0:
            specific_codes.append(f"{strategic + 1}.{specific + 1}")
        activities.append(attrs.evolve(templates[i % len(templates)], code=code))
    strategic_codes = sorted({c.split(".")[0] for c in specific_codes}, key=int)
    activity: Activity = activities[0]
    assert activity.code == "1.1.1"
    return base.evolve(
        strategic_objectives=[StrategicObjective(c, ("objective " + c,)) for c in strategic_codes],
        specific_objectives=[SpecificObjective(c, ("objective " + c,)) for c in specific_codes],
        activities=activities,
    )


# Compiled bytecode is allowed and warmed up first, as after any ``pip install``: with
# PYTHONDONTWRITEBYTECODE set, every run would recompile this package's source while the
# installed cattrs loads its cached bytecode, which is not the comparison a user sees.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _fresh_process(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=_ENV)
    return time.perf_counter() - started


def cold_start(pairs: int) -> None:
    _fresh_process("import antitrafficking_plan as a; a.load_plan()")  # writes bytecode
    ours, theirs = [], []
    for _ in range(pairs):
        ours.append(_fresh_process("import antitrafficking_plan as a; a.load_plan()"))
        theirs.append(_fresh_process("import cattrs"))
    ratios = [a / b for a, b in zip(ours, theirs, strict=False)]
    print("== cold start: fresh process, import + load_plan() vs import cattrs")
    print(f"  ours   median {statistics.median(ours) * 1000:8.1f} ms")
    print(f"  cattrs median {statistics.median(theirs) * 1000:8.1f} ms")
    ratio = statistics.median(ratios)
    print(f"  ratio  median {ratio:8.2f}   (goal <= 1.3){'  <- FAIL' if ratio > 1.3 else ''}")


_THROUGH_CODEC = (
    "import json\n"
    "from antitrafficking_plan import codec, dataset\n"
    "codec.plan_from_dict(json.loads(dataset._data_text(dataset.BUNDLED_PLAN_FILE)))"
)


def bundled_paths(pairs: int) -> None:
    """Why the bundled plan is not read through the codec: a fresh process building it
    with the plain constructors alone against one reading the same package data through
    the codec (cattrs imported and its converters generated)."""
    _fresh_process(_THROUGH_CODEC)
    ours, codec = [], []
    for _ in range(pairs):
        ours.append(_fresh_process("import antitrafficking_plan as a; a.load_plan()"))
        codec.append(_fresh_process(_THROUGH_CODEC))
    ratios = [b / a for a, b in zip(ours, codec, strict=False)]
    print("== the bundled plan: plain constructors (_plain) vs the codec, cold")
    print(f"  _plain   median {statistics.median(ours) * 1000:8.1f} ms")
    print(f"  codec    median {statistics.median(codec) * 1000:8.1f} ms")
    print(f"  codec / _plain median {statistics.median(ratios):8.2f}")


def _best_of_turns(fns: list[Any], repeat: int) -> list[float]:
    """The best time of each of ``fns``, called in turns (so a slow moment of a shared
    machine falls on all of them alike)."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, found in zip(fns, times, strict=True):
            started = time.perf_counter()
            fn()
            found.append(time.perf_counter() - started)
    return [min(found) for found in times]


def load_from_file(sizes: list[int], repeat: int) -> None:
    print("== load_plan(path) with full validation vs json.loads of the same file")
    print(f"  {'activities':>10} {'MB':>7} {'json.loads':>11} {'load_plan':>11} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"plan-{size}.json"
            atp.dump_plan(scaled_plan(size), path)
            text = path.read_text("utf-8")
            # Small sizes take tens of milliseconds: best of more turns.
            turns = repeat if size > 10_000 else max(repeat, 40)
            t_json, t_ours = _best_of_turns(
                [lambda p=path: json.loads(p.read_text("utf-8")), lambda p=path: atp.load_plan(p)],
                turns,
            )
            mb = len(text.encode()) / 1e6
            goal = 3 if size <= 1_000 else 5
            mark = "  <- FAIL" if t_ours / t_json > goal else ""
            print(
                f"  {size:>10,} {mb:>7.1f} {t_json * 1000:>9.1f}ms {t_ours * 1000:>9.1f}ms "
                f"{t_ours / t_json:>7.2f}   (goal <= {goal}){mark}"
            )


def _peak_bytes(fn: object) -> int:
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    result = fn()  # type: ignore[operator]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del result
    return peak


def memory(size: int) -> None:
    """Peak memory of loading a plan file (objects, indexes, validation) against
    json.loads of it (the plain dicts a user would otherwise hold)."""
    print(f"== memory: peak while loading {size:,} activities (tracemalloc)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.json"
        atp.dump_plan(scaled_plan(size), path)
        ours = _peak_bytes(lambda: atp.load_plan(path))
        theirs = _peak_bytes(lambda: json.loads(path.read_text("utf-8")))
        print(f"  load_plan(path)  {ours / 1e6:8.1f} MB")
        print(f"  json.loads       {theirs / 1e6:8.1f} MB   ratio {ours / theirs:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    args = parser.parse_args()
    cold_start(pairs=5 if args.quick else 15)
    bundled_paths(pairs=5 if args.quick else 15)
    load_from_file([1_000, 10_000] if args.quick else [1_000, 100_000], 5 if args.quick else 3)
    memory(10_000 if args.quick else 100_000)


if __name__ == "__main__":
    main()
