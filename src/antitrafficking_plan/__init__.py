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

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .collection import KEY_NAMES, ROLES, Activities, KeyName, Role
from .dataset import load_plan, plan_json_schema, source_lines
from .deadline import Deadline, DeadlineKind, parse_deadline
from .errors import (
    DeadlineParseError,
    PlanError,
    PlanIntegrityError,
    PlanLoadError,
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
from .plan import Plan, TextRepair
from .registry import InstitutionRegistry

# Imported on first use (PEP 562), so that ``import antitrafficking_plan`` and the bundled
# plan need neither cattrs (file codec) nor the aggregation and export code.
_LAZY = {
    "aggregate": (
        "CostSummary",
        "Counts",
        "FrozenMap",
        "Groups",
        "QualityCheck",
        "QualityReport",
        "Quarter",
        "Timeline",
        "TimelinePeriod",
        "Workload",
        "WorkloadRow",
        "cost_summary",
        "quality_report",
        "timeline",
        "workload",
    ),
    "codec": (
        "FORMAT_VERSION",
        "MAX_PLAN_BYTES",
        "dump_plan",
        "dumps_plan",
        "loads_plan",
        "plan_from_dict",
        "plan_to_dict",
    ),
    "export": ("RECORD_COLUMNS", "to_csv", "to_json", "to_pandas", "to_polars", "to_records"),
}
_LAZY_MODULE = {name: module for module, names in _LAZY.items() for name in names}

if TYPE_CHECKING:
    from .aggregate import (
        CostSummary,
        Counts,
        FrozenMap,
        Groups,
        QualityCheck,
        QualityReport,
        Quarter,
        Timeline,
        TimelinePeriod,
        Workload,
        WorkloadRow,
        cost_summary,
        quality_report,
        timeline,
        workload,
    )
    from .codec import (
        FORMAT_VERSION,
        MAX_PLAN_BYTES,
        dump_plan,
        dumps_plan,
        loads_plan,
        plan_from_dict,
        plan_to_dict,
    )
    from .export import RECORD_COLUMNS, to_csv, to_json, to_pandas, to_polars, to_records


def __getattr__(name: str) -> Any:
    module = _LAZY_MODULE.get(name)
    if module is None:
        raise AttributeError(f"module 'antitrafficking_plan' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "FORMAT_VERSION",
    "KEY_NAMES",
    "MAX_PLAN_BYTES",
    "RECORD_COLUMNS",
    "ROLES",
    "Activities",
    "Activity",
    "Confidence",
    "Cost",
    "CostFragment",
    "CostSummary",
    "Counts",
    "Deadline",
    "DeadlineKind",
    "DeadlineParseError",
    "FrozenMap",
    "FundingSource",
    "Groups",
    "Institution",
    "InstitutionKind",
    "InstitutionRegistry",
    "KeyName",
    "NameConfidence",
    "Note",
    "Plan",
    "PlanError",
    "PlanIntegrityError",
    "PlanLoadError",
    "Provenance",
    "QualityCheck",
    "QualityReport",
    "Quarter",
    "Role",
    "SourceReference",
    "SpecificObjective",
    "StrategicObjective",
    "TextRepair",
    "Timeline",
    "TimelinePeriod",
    "UnknownNameError",
    "Workload",
    "WorkloadRow",
    "__version__",
    "cost_summary",
    "dump_plan",
    "dumps_plan",
    "load_plan",
    "loads_plan",
    "parse_deadline",
    "plan_from_dict",
    "plan_json_schema",
    "plan_to_dict",
    "quality_report",
    "source_lines",
    "timeline",
    "to_csv",
    "to_json",
    "to_pandas",
    "to_polars",
    "to_records",
    "workload",
]


def __dir__() -> list[str]:
    return list(__all__)
