"""National action plans against trafficking in human beings as typed data.

The root holds what a user needs: load a plan, ask its activities, read deadlines and
status reports, and the errors to catch. Everything else lives in the submodule named for
what it holds (``aggregate`` for the summaries' types, ``codec`` for the JSON format,
``export`` for flat records, ``progress`` for the progress questions, ``plot`` for
charts, ...).

>>> import antitrafficking_plan as atp
>>> plan = atp.load_plan()
>>> atp.parse_deadline("Q4 2015").due
datetime.date(2015, 12, 31)
>>> len(plan.activities.involving("MLSW", role="responsible")) > 0
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .collection import Activities, Groups
from .dataset import dump_plan, load_plan
from .deadline import Deadline, DeadlineKind, parse_deadline
from .errors import (
    DeadlineParseError,
    LookupTooLongError,
    PlanError,
    PlanIntegrityError,
    PlanLoadError,
    PlanWriteError,
    UnknownNameError,
)
from .model import (
    Activity,
    Confidence,
    Cost,
    CostFragment,
    FundingSource,
    Institution,
    InstitutionKind,
    NameConfidence,
    Note,
    Provenance,
    SourceReference,
    SpecificObjective,
    StrategicObjective,
)
from .plan import Plan
from .quarter import Quarter
from .registry import InstitutionRegistry
from .results import Counts

if TYPE_CHECKING:
    from .report import report_html
    from .status import Status
    from .statuslog import StatusLog, StatusReport, read_status_log

# The status log types and the report load on first use (PEP 562), so that importing the
# package and the bundled plan stay light: monitoring plans is one of the package's jobs,
# not every user's first step.
_ON_FIRST_USE = {
    "Status": "status",
    "StatusLog": "statuslog",
    "StatusReport": "statuslog",
    "read_status_log": "statuslog",
    "report_html": "report",
}

__all__ = [
    "Activities",
    "Activity",
    "Confidence",
    "Cost",
    "CostFragment",
    "Counts",
    "Deadline",
    "DeadlineKind",
    "DeadlineParseError",
    "FundingSource",
    "Groups",
    "Institution",
    "InstitutionKind",
    "InstitutionRegistry",
    "LookupTooLongError",
    "NameConfidence",
    "Note",
    "Plan",
    "PlanError",
    "PlanIntegrityError",
    "PlanLoadError",
    "PlanWriteError",
    "Provenance",
    "Quarter",
    "SourceReference",
    "SpecificObjective",
    "Status",
    "StatusLog",
    "StatusReport",
    "StrategicObjective",
    "UnknownNameError",
    "__version__",
    "dump_plan",
    "load_plan",
    "parse_deadline",
    "read_status_log",
    "report_html",
]


def __getattr__(name: str) -> Any:
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module 'antitrafficking_plan' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)
