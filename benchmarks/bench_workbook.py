"""Benchmark: reading a plan workbook, fully validated, against pandas reading the same file.

    python benchmarks/bench_workbook.py             # 1,000 and 10,000 activities
    python benchmarks/bench_workbook.py 2000        # ... or the sizes you choose
    python benchmarks/bench_workbook.py --repeats 1

For each size, a plan of that many activities (the bundled ones repeated under generated
objectives, with their full provenance and notes: see ``bench_load.scaled_plan``) is
written with ``dump_plan(plan, "plan.xlsx")``. Then, in the same run and alternating:

* ours: ``load_plan(path)``: openpyxl's read-only parse of every sheet, every cell checked
  (deadlines parsed, institutions resolved, codes and references checked), the plan built;
* pandas: ``pandas.read_excel(path, sheet_name=None, engine="openpyxl")``: the same parser,
  every sheet made into a DataFrame, nothing checked;
* for reference, python-calamine (a Rust parser) reading every sheet's values.

Goal: ours / pandas <= 1.0x (the same parser underneath, so our validation must cost less
than pandas' frame building). Best of the repeats, in seconds. Not a test; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_load import scaled_plan  # the script's folder is on sys.path

from antitrafficking_plan.dataset import dump_plan, load_plan

GOAL = 1.0


def _best(function: Callable[[], Any], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def _calamine(path: Path) -> Callable[[], Any] | None:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return None

    def read() -> list[Any]:
        book = CalamineWorkbook.from_path(str(path))
        return [book.get_sheet_by_name(n).to_python() for n in book.sheet_names]

    return read


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    import openpyxl
    import pandas as pd

    print(
        f"Python {sys.version.split()[0]}, openpyxl {openpyxl.__version__}, pandas "
        f"{pd.__version__}; best of {args.repeats}; seconds"
    )
    print()
    header = f"{'activities':>10}  {'file MB':>7}  {'ours':>7}  {'pandas':>7}  {'ratio':>6}  "
    print(header + f"{'calamine':>8}  goal <= {GOAL:.1f}x")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            plan = scaled_plan(size)
            path = Path(tmp, f"plan-{size}.xlsx")
            dump_plan(plan, path)
            assert load_plan(path) == plan  # the workbook holds the plan, checked once

            def ours(path: Path = path) -> Any:
                return load_plan(path)

            def theirs(path: Path = path) -> Any:
                return pd.read_excel(path, sheet_name=None, engine="openpyxl")

            ours_best = theirs_best = float("inf")
            for _ in range(args.repeats):  # alternate, so drifts of the machine hit both
                ours_best = min(ours_best, _best(ours, 1))
                theirs_best = min(theirs_best, _best(theirs, 1))
            calamine = _calamine(path)
            calamine_time = _best(calamine, args.repeats) if calamine else float("nan")
            ratio = ours_best / theirs_best
            mark = "ok" if ratio <= GOAL else "MISSED"
            print(
                f"{size:>10,}  {path.stat().st_size / 1e6:>7.1f}  {ours_best:>7.3f}  "
                f"{theirs_best:>7.3f}  {ratio:>5.2f}x  {calamine_time:>8.3f}  {mark}"
            )


if __name__ == "__main__":
    main()
