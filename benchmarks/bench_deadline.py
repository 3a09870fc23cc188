"""Benchmark: how fast ``parse_deadline`` reads deadline text, against peers and a floor.

Run ``python benchmarks/bench_deadline.py [--repeat N] [--number N]``. Not a test.

Every parse is cold (``parse_deadline`` has no cache). For each set of strings the script
times a loop over the set, takes the best of ``--repeat`` runs and prints microseconds per
parse. Compared, in the same run:

* the **floor**: a minimal hand-written parser of precompiled regexes that maps the same
  strings to ``(start, due)`` date tuples and builds no objects; it is what a parse costs
  with no validation, no error reporting and no value type;
* ``pandas.Period`` in pandas' own spelling (``"2015Q4"``, ``"2016-06"``), counting the
  conversion to start and end dates;
* ``edtf.parse_edtf`` on the EDTF spelling (``"2015-36"``, ``"2015/2017"``), parse only;
* ``dateutil.parser.parse`` on the strings it can read (day first), parse only.

Peers that are not installed are skipped with a message.
"""

from __future__ import annotations

import argparse
import re
import sys
import timeit
import warnings
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

try:
    from antitrafficking_plan.deadline import parse_deadline
except ImportError:  # running from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from antitrafficking_plan.deadline import parse_deadline

# The deadline strings of the source plan (Kosovo 2015-2019), as printed.
SOURCE = ["Q4 2015", "2015-2017", "2015-2016", "2017-2019", "2016", "2015", "Ongoing"]
SOURCE += ["ongoing", "vazhdimes i"]

# The other accepted forms.
OTHER = [
    "Q1 2016",
    "Q1-Q2 2016",
    "Q1–Q2 2016",
    "H1 2016",
    "first half of 2016",
    "June 2016",
    "06/2016",
    "31 December 2016",
    "31.12.2016",
    "2016-12-31",
    "end of 2016",
    "by end of 2016",
    "2015 onwards",
    "continuous",
    "annually",
    "në vazhdimësi",
]

# The same deadlines in each peer's spelling: (ours, theirs).
PANDAS_PAIRS = [
    ("Q4 2015", "2015Q4"),
    ("Q1 2016", "2016Q1"),
    ("June 2016", "2016-06"),
    ("2016", "2016"),
    ("2015", "2015"),
    ("31.12.2016", "2016-12-31"),
]
EDTF_PAIRS = [
    ("Q4 2015", "2015-36"),
    ("2015-2017", "2015/2017"),
    ("2016", "2016"),
    ("June 2016", "2016-06"),
    ("2016-12-31", "2016-12-31"),
    ("H1 2016", "2016-40"),
    ("Q1-Q2 2016", "2016-01/2016-06"),
    ("2015 onwards", "2015/.."),
    ("by 2016-12-31", "../2016-12-31"),
    ("ongoing", "../.."),
]
DATEUTIL_PAIRS = [
    ("2016-12-31", "2016-12-31"),
    ("31 December 2016", "31 December 2016"),
    ("31.12.2016", "31.12.2016"),
    ("June 2016", "June 2016"),
    ("2016", "2016"),
]

# ------------------------------------------------------------------------- the floor
_F_YEAR = re.compile(r"(\d{4})")
_F_RANGE = re.compile(r"(\d{4})\s*[-–/]\s*(\d{4})")
_F_Q = re.compile(r"q([1-4])\s+(\d{4})")
_F_QR = re.compile(r"q([1-4])\s*[-–/]\s*q([1-4])\s+(\d{4})")
_F_H = re.compile(r"h([12])\s+(\d{4})|(first|second) half of (\d{4})")
_F_MONTH = re.compile(r"([a-z]+)\s+(\d{4})|(\d{1,2})/(\d{4})")
_F_DAY = re.compile(r"(\d{1,2})\s+([a-z]+)\s+(\d{4})|(\d{1,2})\.(\d{1,2})\.(\d{4})")
_F_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_F_BY = re.compile(r"(?:by )?end of (\d{4})")
_F_ON = re.compile(r"(\d{4}) onwards")
_F_MONTHS = {"june": 6, "december": 12}
_F_MONTH_END = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # leap-year table: a floor
_F_OPEN = {
    "ongoing": (None, None),
    "vazhdimes i": (None, None),
    "continuous": (None, None),
    "annually": (None, None),
    "në vazhdimësi": (None, None),
}


def floor_parse(text: str) -> tuple[date | None, date | None]:
    """The floor: regexes straight to date tuples, no validation, no objects."""
    s = text.strip().lower()
    found = _F_OPEN.get(s)
    if found is not None:
        return found
    m = _F_YEAR.fullmatch(s)
    if m:
        y = int(s)
        return date(y, 1, 1), date(y, 12, 31)
    m = _F_RANGE.fullmatch(s)
    if m:
        return date(int(m[1]), 1, 1), date(int(m[2]), 12, 31)
    m = _F_Q.fullmatch(s)
    if m:
        q, y = int(m[1]), int(m[2])
        return date(y, 3 * q - 2, 1), date(y, 3 * q, 31 if q in (1, 4) else 30)
    m = _F_QR.fullmatch(s)
    if m:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        return date(y, 3 * a - 2, 1), date(y, 3 * b, 31 if b in (1, 4) else 30)
    m = _F_H.fullmatch(s)
    if m:
        first = m[1] == "1" or m[3] == "first"
        y = int(m[2] or m[4])
        return (date(y, 1, 1), date(y, 6, 30)) if first else (date(y, 7, 1), date(y, 12, 31))
    m = _F_MONTH.fullmatch(s)
    if m:
        month = _F_MONTHS[m[1]] if m[1] else int(m[3])
        y = int(m[2] or m[4])
        return date(y, month, 1), date(y, month, _F_MONTH_END[month])
    m = _F_DAY.fullmatch(s)
    if m:
        if m[1]:
            d = date(int(m[3]), _F_MONTHS[m[2]], int(m[1]))
        else:
            d = date(int(m[6]), int(m[5]), int(m[4]))
        return d, d
    m = _F_ISO.fullmatch(s)
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    m = _F_BY.fullmatch(s)
    if m:
        return None, date(int(m[1]), 12, 31)
    m = _F_ON.fullmatch(s)
    if m:
        return date(int(m[1]), 1, 1), None
    raise ValueError(text)


# ------------------------------------------------------------------------------ peers
def _pandas() -> Callable[[str], Any] | None:
    try:
        import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        print("pandas is not installed: skipping pandas.Period")
        return None
    period = pd.Period

    def parse(text: str) -> tuple[date, date]:
        p = period(text)
        return p.start_time.date(), p.end_time.date()

    return parse


def _edtf() -> Callable[[str], Any] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from edtf import parse_edtf
    except ImportError:
        print("edtf is not installed: skipping edtf.parse_edtf")
        return None
    return parse_edtf  # type: ignore[no-any-return]


def _dateutil() -> Callable[[str], Any] | None:
    try:
        from dateutil import parser
    except ImportError:
        print("python-dateutil is not installed: skipping dateutil.parser.parse")
        return None
    parse = parser.parse

    def parse_dayfirst(text: str) -> Any:
        return parse(text, dayfirst=True)

    return parse_dayfirst


# ------------------------------------------------------------------- timing
def per_parse_us(
    func: Callable[[str], Any], texts: Sequence[str], repeat: int, number: int
) -> float:
    """Best-of-``repeat`` microseconds per call of ``func`` over ``texts``."""
    for text in texts:  # fail loudly, not silently time exceptions
        func(text)

    def loop() -> None:
        for text in texts:
            func(text)

    best = min(timeit.repeat(loop, repeat=repeat, number=number))
    return best / (number * len(texts)) * 1e6


def main(argv: Sequence[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--repeat", type=int, default=7, help="runs; the best is kept")
    args.add_argument("--number", type=int, default=2000, help="loops over the set per run")
    opts = args.parse_args(argv)
    r, n = opts.repeat, opts.number

    print(f"Python {sys.version.split()[0]}; best of {r} runs x {n} loops; microseconds per parse")
    print()
    print(f"{'set':42} {'parse_deadline':>14} {'floor':>8} {'ratio':>7}")
    for name, texts in (("source plan strings", SOURCE), ("other forms", OTHER)):
        ours = per_parse_us(parse_deadline, texts, r, n)
        floor = per_parse_us(floor_parse, texts, r, n)
        print(f"{name + f' ({len(texts)})':42} {ours:14.3f} {floor:8.3f} {ours / floor:6.2f}x")
    everything = SOURCE + OTHER
    ours_all = per_parse_us(parse_deadline, everything, r, n)
    floor_all = per_parse_us(floor_parse, everything, r, n)
    label = f"all ({len(everything)})"
    print(f"{label:42} {ours_all:14.3f} {floor_all:8.3f} {ours_all / floor_all:6.2f}x")
    print()
    print("Per form (parse_deadline / floor):")
    for text in everything:
        ours = per_parse_us(parse_deadline, [text], r, n)
        floor = per_parse_us(floor_parse, [text], r, n)
        print(f"  {text!r:30} {ours:8.3f} {floor:8.3f} {ours / floor:6.2f}x")
    print()
    print(f"{'peer (same deadlines, its own spelling)':42} {'peer':>8} {'ours':>8} {'speedup':>8}")
    fastest: tuple[str, float, float] | None = None
    speedups: dict[str, float] = {}
    for name, factory, pairs in (
        ("pandas.Period (+ start/end dates)", _pandas, PANDAS_PAIRS),
        ("edtf.parse_edtf", _edtf, EDTF_PAIRS),
        ("dateutil.parser.parse (dayfirst)", _dateutil, DATEUTIL_PAIRS),
    ):
        peer = factory()
        if peer is None:
            continue
        ours_texts = [ours for ours, _ in pairs]
        theirs_texts = [theirs for _, theirs in pairs]
        theirs = per_parse_us(peer, theirs_texts, r, max(1, n // 10))
        ours = per_parse_us(parse_deadline, ours_texts, r, n)
        print(f"{name:42} {theirs:8.3f} {ours:8.3f} {theirs / ours:7.1f}x")
        speedups[name] = theirs / ours
        if fastest is None or theirs < fastest[1]:
            fastest = (name, theirs, theirs / ours)
    print()
    if fastest is not None:
        print(
            f"fastest peer: {fastest[0]} at {fastest[1]:.3f} us per parse; parse_deadline is "
            f"{fastest[2]:.1f}x faster on the same deadlines (goal >= 10x)"
        )
    for name, speedup in speedups.items():
        if name.startswith("dateutil"):
            mark = "  <- FAIL" if speedup < 10 else ""
            print(f"parse_deadline vs dateutil: {speedup:.1f}x faster (goal >= 10x){mark}")
    ratio = ours_all / floor_all
    mark = "  <- FAIL" if ratio > 1.5 else ""
    print(f"parse_deadline over all forms: {ratio:.2f}x the floor (goal <= 1.5x){mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
