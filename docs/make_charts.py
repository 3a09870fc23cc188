"""Draw the charts of the bundled plan into ``docs/img/`` (for the Charts page).

Run from the repository root after changing the data or ``antitrafficking_plan.plot``::

    python docs/make_charts.py

Needs the ``plot`` extra (matplotlib; no display needed). Writes ``timeline.png``,
``workload.png``, ``workload-specific.png`` and ``deadlines-per-year.png``.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import antitrafficking_plan as atp
from antitrafficking_plan import plot

OUT = Path(__file__).resolve().parent / "img"
DPI = 110
#: The date the timeline marks: the end of the period most activities were due by.
AS_OF = date(2018, 1, 1)


def main() -> int:
    plan = atp.load_plan()
    OUT.mkdir(parents=True, exist_ok=True)
    charts = {
        "timeline.png": plot.timeline_chart(plan, as_of=AS_OF),
        "workload.png": plot.workload_heatmap(plan, top=25),
        "workload-specific.png": plot.workload_heatmap(plan, level="specific", top=25),
        "deadlines-per-year.png": plot.deadlines_per_year_chart(plan),
    }
    for name, figure in charts.items():
        path = OUT / name
        # Fixed metadata so that the same data gives byte-identical files.
        figure.savefig(path, dpi=DPI, metadata={"Software": None})
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
