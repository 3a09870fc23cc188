"""Kosovo's action plan against trafficking in human beings 2015–2019 as typed data.

The public API lives here; submodules hold one job each (``deadline``, ``model``,
``plan``, ``collection``, ``codec``, ``dataset``, ...).

>>> import antitrafficking_plan as atp
>>> plan = atp.load_plan()
>>> atp.parse_deadline("Q4 2015").due
datetime.date(2015, 12, 31)
>>> len(plan.activities.involving("MLSW", role="responsible")) > 0
True
"""

from __future__ import annotations

from ._version import __version__
from .codec import (
    FORMAT_VERSION,
    MAX_PLAN_BYTES,
    dump_plan,
    dumps_plan,
    loads_plan,
    plan_from_dict,
    plan_to_dict,
)
from .collection import Activities
from .dataset import load_plan, source_lines
from .deadline import Deadline, DeadlineKind, parse_deadline
from .errors import DeadlineParseError, PlanError, PlanLoadError, UnknownNameError
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
from .plan import Plan, TextRepair
from .registry import InstitutionRegistry

__all__ = [
    "FORMAT_VERSION",
    "MAX_PLAN_BYTES",
    "Activities",
    "Activity",
    "Confidence",
    "Cost",
    "CostFragment",
    "Deadline",
    "DeadlineKind",
    "DeadlineParseError",
    "FundingSource",
    "Institution",
    "InstitutionKind",
    "InstitutionRegistry",
    "NameConfidence",
    "Note",
    "Plan",
    "PlanError",
    "PlanLoadError",
    "Provenance",
    "SourceReference",
    "SpecificObjective",
    "StrategicObjective",
    "TextRepair",
    "UnknownNameError",
    "__version__",
    "dump_plan",
    "dumps_plan",
    "load_plan",
    "loads_plan",
    "parse_deadline",
    "plan_from_dict",
    "plan_to_dict",
    "source_lines",
]


def __dir__() -> list[str]:
    return list(__all__)
