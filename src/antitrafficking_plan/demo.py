"""A FICTIONAL demo plan and status log, made up for the documentation and examples.

Nothing here describes a real plan, institution or activity: the plan ("Demo plan —
fictional"), its institutions ("Ministry of Examples (fictional)", ...) and every status
report are invented, so that the progress questions can be shown without inventing facts
about the real plan. No status data about the bundled Kosovo plan is shipped.

* :func:`demo_plan`: the fictional plan (12 activities, 2020-2022);
* :func:`demo_status_log`: its fictional status log (four reporting dates);
* :func:`demo_plan_path` and :func:`demo_status_path`: the same as package data files,
  for the command line (``--plan`` and ``--status``); ``python -m
  antitrafficking_plan.demo`` prints their folder, so that a shell can name them from
  anywhere: ``D=$(python -m antitrafficking_plan.demo)``, then ``$D/demo_plan_fictional.json``.

>>> plan = demo_plan()
>>> "fictional" in plan.title
True
>>> log = demo_status_log()
>>> all("Fictional" in (r.evidence or "") for r in log)
True
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from .deadline import parse_deadline
from .model import Activity, Institution, SourceReference, SpecificObjective, StrategicObjective
from .plan import Plan
from .statuslog import StatusLog, read_status_log

__all__ = [
    "DEMO_NOTICE",
    "DEMO_PLAN_FILE",
    "DEMO_STATUS_FILE",
    "build_demo_plan",
    "demo_plan",
    "demo_plan_path",
    "demo_status_log",
    "demo_status_path",
]

#: Said wherever the demo data is shown.
DEMO_NOTICE = "FICTIONAL demo data: not a real plan, institution or status"
#: The demo plan as a plan file, in package data.
DEMO_PLAN_FILE = "demo_plan_fictional.json"
#: The demo status log as a CSV status file, in package data.
DEMO_STATUS_FILE = "demo_status_fictional.csv"

_DATA_DIR = Path(os.path.dirname(os.path.abspath(__file__)), "data")
_lock = threading.Lock()
_cache: dict[str, object] = {}

_INSTITUTIONS = (
    Institution("MEX", name="Ministry of Examples (fictional)"),
    Institution("AGS", name="Agency for Sample Services (fictional)"),
    Institution("DPO", name="Demo Police (fictional)"),
    Institution("PLO", name="Placeholder Office (fictional)"),
    Institution("NGN", name="Network of Imaginary NGOs (fictional)"),
)
# code, description, responsible, supporting, deadline text
_ACTIVITIES = (
    ("1.1.1", "Fictional awareness campaign in schools", "MEX", "NGN", "Q2 2020"),
    ("1.1.2", "Fictional leaflet for job seekers", "PLO", "", "2020"),
    ("1.1.3", "Fictional hotline advertising", "AGS", "", "ongoing"),
    ("1.2.1", "Fictional training for demo police officers", "DPO", "PLO", "H1 2021"),
    ("1.2.2", "Fictional training manual", "MEX", "", "Q4 2020"),
    ("1.2.3", "Fictional annual refresher course", "DPO", "", "annually"),
    ("2.1.1", "Fictional shelter standards", "AGS", "NGN", "2020-2021"),
    ("2.1.2", "Fictional shelter renovation", "AGS", "", "Q4 2021"),
    ("2.1.3", "Fictional reintegration grants", "MEX", "AGS", "2022"),
    ("2.2.1", "Fictional identification guidelines", "DPO", "AGS", "Q3 2020"),
    ("2.2.2", "Fictional screening at border posts", "DPO", "", "2021 onwards"),
    ("2.2.3", "Fictional referral database", "PLO", "", "2020"),
)


def build_demo_plan() -> Plan:
    """The fictional demo plan, built in code (what :data:`DEMO_PLAN_FILE` holds)."""
    by_code = {i.code: i for i in _INSTITUTIONS}
    activities = [
        Activity(
            code,
            description=description,
            responsible=[by_code[c] for c in responsible.split()],
            supporting=[by_code[c] for c in supporting.split()],
            deadline=parse_deadline(deadline),
        )
        for code, description, responsible, supporting, deadline in _ACTIVITIES
    ]
    return Plan(
        title="Demo plan — fictional (made up for the documentation)",
        jurisdiction="Fictionland (fictional)",
        issuer="Fictional Office of the National Coordinator",
        period=parse_deadline("2020-2022"),
        source=SourceReference(
            "Demo plan — fictional",
            "antitrafficking-plan documentation",
            note=DEMO_NOTICE,
        ),
        dataset_version="demo-1",
        strategic_objectives=[
            StrategicObjective("1", ("Prevention (fictional)",)),
            StrategicObjective("2", ("Protection (fictional)",)),
        ],
        specific_objectives=[
            SpecificObjective("1.1", ("Awareness (fictional)",)),
            SpecificObjective("1.2", ("Training (fictional)",)),
            SpecificObjective("2.1", ("Shelter (fictional)",)),
            SpecificObjective("2.2", ("Identification (fictional)",)),
        ],
        institutions=_INSTITUTIONS,
        activities=activities,
    )


def demo_plan_path() -> Path:
    """The path of the demo plan file in package data (for ``--plan``)."""
    return _DATA_DIR / DEMO_PLAN_FILE


def demo_status_path() -> Path:
    """The path of the demo status file in package data (for ``--status``)."""
    return _DATA_DIR / DEMO_STATUS_FILE


def demo_plan() -> Plan:
    """The fictional demo plan (built once, then cached)."""
    with _lock:
        plan = _cache.get("plan")
        if plan is None:
            plan = _cache["plan"] = build_demo_plan()
    assert isinstance(plan, Plan)
    return plan


def demo_status_log() -> StatusLog:
    """The fictional demo status log, read (and validated) from :data:`DEMO_STATUS_FILE`."""
    plan = demo_plan()
    with _lock:
        log = _cache.get("log")
        if log is None:
            log = _cache["log"] = read_status_log(demo_status_path(), plan)
    assert isinstance(log, StatusLog)
    return log


if __name__ == "__main__":  # python -m antitrafficking_plan.demo: the folder of the files
    print(demo_plan_path().parent)
