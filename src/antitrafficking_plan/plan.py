"""The :class:`Plan`: the whole action plan, its objectives, activities and institutions.

>>> from antitrafficking_plan import load_plan
>>> plan = load_plan()
>>> plan.period.start.year, plan.period.due.year
(2015, 2019)
>>> plan.activity("2.3.8").responsible[0].code
'VAAO'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import attrs
from attrs import field, frozen

from ._checks import _OPTIONAL_TEXT, _TEXT, _is, _tuple, _tuple_of, record_repr
from ._display import html_of
from ._lazy import OnFirstUse
from ._limits import check_lookup
from ._table import plural
from ._text import close_matches
from .collection import Activities
from .deadline import Deadline
from .errors import PlanIntegrityError, UnknownNameError
from .integrity import facts_of_objects
from .integrity import problems as integrity_problems
from .model import (
    Activity,
    CostFragment,
    Institution,
    Note,
    SourceReference,
    SpecificObjective,
    StrategicObjective,
)
from .registry import InstitutionRegistry

# The summaries' module, imported when a plan is first summarized: loading a plan needs
# none of it (its seven result classes are a tenth of a cold ``import; load_plan()``).
if TYPE_CHECKING:
    from . import aggregate
    from .aggregate import CostSummary, QualityReport, Timeline, Workload
else:
    aggregate = OnFirstUse(f"{__package__}.aggregate")

__all__ = ["Plan", "TextRepair"]


@frozen
class TextRepair:
    """One join or repair applied to the extracted text, kept as data.

    ``as_printed`` is the text as the extraction has it, ``as_read`` what the dataset
    writes instead. ``kind`` is ``"join"`` (a word broken by the extraction, joined) or
    ``"repair"`` (a character the extraction garbled, such as ``"Internationa I"``).
    """

    __repr__ = record_repr

    as_printed: str = field(validator=_TEXT)
    as_read: str = field(validator=_TEXT)
    kind: str = field(default="join", validator=_TEXT)
    note: str | None = field(default=None, validator=_OPTIONAL_TEXT)


@frozen
class Plan:
    """A national action plan: metadata, objectives, activities, institutions, costs.

    Objects link both ways where users need it: an activity knows its objective codes
    (:attr:`Activity.objective_codes`), and the plan finds activities
    (:meth:`activity`), objectives (:meth:`objective`) and institutions
    (:meth:`institution`) by code or name.

    A plan is whole or not at all: building one (directly, with :meth:`evolve` or from a
    file) checks that codes are unique, that every specific objective is under a
    strategic objective of the plan and every activity under a specific one, and that
    every institution an activity names is in ``institutions``; a ``ValueError`` lists
    every problem found.
    """

    title: str = field(validator=_TEXT)
    jurisdiction: str = field(validator=_TEXT)
    issuer: str = field(validator=_TEXT)
    period: Deadline = field(validator=_is(Deadline))
    source: SourceReference = field(validator=_is(SourceReference))
    dataset_version: str = field(validator=_TEXT)
    strategic_objectives: tuple[StrategicObjective, ...] = field(
        converter=_tuple, validator=_tuple_of(StrategicObjective)
    )
    specific_objectives: tuple[SpecificObjective, ...] = field(
        converter=_tuple, validator=_tuple_of(SpecificObjective)
    )
    institutions: tuple[Institution, ...] = field(
        converter=_tuple, validator=_tuple_of(Institution)
    )
    # Checked item by item here; made an Activities (once) when the plan is whole.
    activities: Activities = field(converter=_tuple, validator=_tuple_of(Activity))
    cost_fragments: tuple[CostFragment, ...] = field(
        default=(), converter=_tuple, validator=_tuple_of(CostFragment)
    )
    notes: tuple[Note, ...] = field(default=(), converter=_tuple, validator=_tuple_of(Note))
    repairs: tuple[TextRepair, ...] = field(
        default=(), converter=_tuple, validator=_tuple_of(TextRepair)
    )
    _registry: InstitutionRegistry = field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        items: tuple[Activity, ...] = self.activities  # type: ignore[assignment]
        facts = facts_of_objects(
            self.strategic_objectives, self.specific_objectives, items, self.institutions
        )
        problems = integrity_problems(facts)
        if problems:
            raise PlanIntegrityError(problems)
        registry = InstitutionRegistry(self.institutions)
        object.__setattr__(self, "_registry", registry)
        # The collection resolves names against the plan's whole registry; its activities
        # are distinct objects, as their codes are unique.
        activities = Activities._trusted(items, registry, distinct=True)
        object.__setattr__(self, "activities", activities)

    # -- lookups -----------------------------------------------------------------------
    @property
    def registry(self) -> InstitutionRegistry:
        """The institutions as a read-only mapping from code, with lookup by any name."""
        return self._registry

    def activity(self, code: str) -> Activity:
        """The activity with this code (``"2.3.8"``); raises :class:`UnknownNameError`."""
        return self.activities.lookup(code)

    def institution(self, name: str) -> Institution:
        """The institution known by ``name`` (code, alias or full name, any case).

        Raises :class:`UnknownNameError` (a ``KeyError``) naming close matches.
        """
        return self._registry.lookup(name)

    def search_institutions(self, text: str, limit: int | None = None) -> tuple[Institution, ...]:
        """The institutions matching ``text``, best first (see
        :meth:`InstitutionRegistry.search`).

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().search_institutions("labor")[0].code
        'MLSW'
        """
        return self._registry.search(text, limit)

    def objective(self, code: str) -> StrategicObjective | SpecificObjective:
        """The strategic (``"2"``) or specific (``"2.3"``) objective with this code."""
        if not isinstance(code, str):
            raise TypeError(f"an objective code is a str such as '2.3', not {type(code).__name__}")
        check_lookup(code, "objective code")
        wanted = code.strip().rstrip(".")
        objectives: tuple[StrategicObjective | SpecificObjective, ...] = (
            *self.strategic_objectives,
            *self.specific_objectives,
        )
        for objective in objectives:
            if objective.code == wanted:
                return objective
        known = [o.code for o in objectives]
        close = close_matches(wanted, known, 0.5)
        raise UnknownNameError("objective", str(code), close)

    def specific_objectives_of(self, code: str) -> tuple[SpecificObjective, ...]:
        """The specific objectives under strategic objective ``code``."""
        strategic = self.objective(code)
        if not isinstance(strategic, StrategicObjective):
            raise UnknownNameError("strategic objective", str(code), ())
        return tuple(
            s for s in self.specific_objectives if s.strategic_objective_code == strategic.code
        )

    # -- summaries (see :mod:`antitrafficking_plan.aggregate`) ---------------------------
    def workload(self, level: Literal["strategic", "specific"] = "strategic") -> Workload:
        """The institution x objective table (led and supported counted apart), with a
        column for every objective of the plan at ``level``.

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().workload().row("MLSW").total_leading
        20
        """
        codes = self.strategic_objectives if level == "strategic" else self.specific_objectives
        return aggregate.workload(self.activities, level=level, objectives=[o.code for o in codes])

    def timeline(self, by: Literal["year", "quarter"] = "year") -> Timeline:
        """Activities running in each year (or quarter) of the plan period.

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().timeline().periods[0].label
        '2015'
        """
        start, due = self.period.start, self.period.due
        if start is None or due is None:
            raise ValueError(f"the plan period {self.period} has no start or no end")
        return aggregate.timeline(self.activities, start.year, due.year, by=by)

    def cost_summary(self) -> CostSummary:
        """Costs attached to activities and the plan's unattributed cost fragments.

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().cost_summary().attached_amount
        0
        """
        return aggregate.cost_summary(self.activities, self.cost_fragments)

    def quality_report(self) -> QualityReport:
        """Activities with no due date, no responsible institution, no cost or no indicator.

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().quality_report().total
        86
        """
        return aggregate.quality_report(self.activities)

    def evolve(self, **changes: Any) -> Plan:
        """A copy of the plan with some fields changed, checked like any new plan (a
        ``ValueError`` lists every integrity problem; see :class:`Plan`)."""
        return attrs.evolve(self, **changes)

    def __repr__(self) -> str:
        return (
            f"<Plan {self.jurisdiction} {self.period}: "
            f"{plural(len(self.strategic_objectives), 'strategic objective')}, "
            f"{plural(len(self.activities), 'activity', 'activities')}, "
            f"{plural(len(self.institutions), 'institution')}>"
        )

    def _repr_html_(self) -> str:
        """An HTML summary of the plan, for Jupyter."""
        return html_of(self)
