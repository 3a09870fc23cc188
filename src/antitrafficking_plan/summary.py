"""The plan at a glance: what ``antitrafficking-plan summary`` prints, as a typed value.

>>> from antitrafficking_plan import load_plan
>>> from antitrafficking_plan.summary import summarize
>>> s = summarize(load_plan())
>>> s.activities, [o.activities for o in s.objectives]
(86, [20, 31, 12, 23])
>>> s.to_dict()["deadlines"]["no_deadline"]
3
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

from . import _table
from ._display import html_of
from ._table import plural as _plural
from .aggregate import CostSummary, QualityReport
from .plan import Plan

__all__ = ["DeadlineCounts", "ObjectiveCount", "PlanSummary", "summarize"]


@frozen
class ObjectiveCount:
    """An objective's code, its title as printed (``None`` where the source has none),
    the number of its activities and, for a strategic objective, its specific ones, its
    editorial ``label`` and its ``reading`` (the title made readable)."""

    code: str
    title: str | None
    activities: int
    specific: tuple[ObjectiveCount, ...] = ()
    label: str | None = None
    reading: str | None = None


@frozen
class DeadlineCounts:
    """Activities by the year they fall due, and those without a due date: ``ongoing``,
    ``open_ended`` (ongoing, onwards or annual) and ``no_deadline`` (none given)."""

    by_due_year: tuple[tuple[int, int], ...]
    no_due_date: int
    ongoing: int
    open_ended: int
    no_deadline: int


@frozen
class PlanSummary:
    """The plan at a glance: metadata, activities per objective, deadlines by year due,
    the institutions leading the most activities, costs and the quality report.

    :meth:`to_dict` is the JSON that ``summary --format json`` prints, :meth:`to_text` the
    text it prints in a terminal."""

    title: str
    jurisdiction: str
    issuer: str
    period: str
    dataset_version: str
    activities: int
    institutions: int
    objectives: tuple[ObjectiveCount, ...]
    specific_objectives: int
    deadlines: DeadlineCounts
    top_responsible: tuple[tuple[str, str | None, int], ...]
    costs: CostSummary
    quality: QualityReport

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the command line's ``--format json``)."""
        costs, deadlines = self.costs, self.deadlines
        return {
            "title": self.title,
            "jurisdiction": self.jurisdiction,
            "issuer": self.issuer,
            "period": self.period,
            "dataset_version": self.dataset_version,
            "activities": self.activities,
            "strategic_objectives": len(self.objectives),
            "specific_objectives": self.specific_objectives,
            "institutions": self.institutions,
            "objectives": [
                {
                    "code": so.code,
                    "label": so.label,
                    "reading": so.reading,
                    "title": so.title,
                    "activities": so.activities,
                    "specific_objectives": [
                        {"code": sp.code, "title": sp.title, "activities": sp.activities}
                        for sp in so.specific
                    ],
                }
                for so in self.objectives
            ],
            "deadlines": {
                "by_due_year": {str(y): n for y, n in deadlines.by_due_year},
                "no_due_date": deadlines.no_due_date,
                "ongoing": deadlines.ongoing,
                "open_ended": deadlines.open_ended,
                "no_deadline": deadlines.no_deadline,
            },
            "top_responsible": [
                {"code": code, "name": name, "activities": n}
                for code, name, n in self.top_responsible
            ],
            "costs": {
                "activities_with_cost": len(costs.with_cost),
                "amount_attached": costs.attached_amount,
                "fragments": costs.fragments,
                "fragments_with_amount": costs.fragments_with_amount,
                "amount_in_fragments": costs.unattributed_amount,
                "fragment_funding_sources": {
                    source.value: count for source, count in costs.fragment_sources.items()
                },
            },
            "quality": {
                check.name: {
                    "description": check.description,
                    "count": check.count,
                    "share": check.share,
                }
                for check in self.quality.checks
            },
        }

    def to_text(self, width: int = 80, *, style: Callable[[str], str] = str) -> list[str]:
        """The summary as lines of at most ``width`` columns; ``style`` marks headings
        (the command line makes them bold on a terminal)."""
        n = self.activities
        lines = [style(line) for line in _table.wrap(self.title, width)]
        lines += _table.wrap(
            f"{self.jurisdiction}, {self.period}; issued by {self.issuer};"
            f" dataset version {self.dataset_version}",
            width,
        )

        def heading(text: str) -> None:
            lines.append("")
            lines.extend(style(line) for line in _table.wrap(text, width))

        def table(headers: list[str], rows: list[list[str]], flexible: tuple[int, ...]) -> None:
            lines.extend(_table.render(headers, rows, width=width, flexible=flexible, right=(1,)))

        heading(
            f"Activities by objective ({_plural(n, 'activity', 'activities')};"
            f" {_plural(len(self.objectives), 'strategic objective')},"
            f" {_plural(self.specific_objectives, 'specific objective')})"
        )
        rows: list[list[str]] = []
        for so in self.objectives:
            shown = ": ".join(t for t in (so.label, so.reading or so.title) if t)
            rows.append([so.code, str(so.activities), shown or "(no title)"])
            rows.extend(
                [sp.code, str(sp.activities), sp.title or "(no title)"] for sp in so.specific
            )
        table(["objective", "activities", "title"], rows, (2,))
        lines += _table.wrap(
            "Strategic objectives: an editorial label (not source text), then the title made"
            " readable; the pieces as printed are 'title' in --format json.",
            width,
        )

        deadlines = self.deadlines
        heading("Deadlines by year due")
        rows = [[str(year), str(count)] for year, count in deadlines.by_due_year]
        rows.append(["no due date", str(deadlines.no_due_date)])
        table(["due", "activities"], rows, ())
        lines += _table.wrap(
            f"Without a due date: {deadlines.ongoing} ongoing; {deadlines.open_ended}"
            f" open-ended in all (ongoing, onwards or annual); {deadlines.no_deadline} with no"
            " deadline at all.",
            width,
        )

        heading("Institutions leading the most activities")
        rows = [[code, str(count), name or ""] for code, name, count in self.top_responsible]
        table(["institution", "leads", "name"], rows, (2,))

        costs = self.costs
        heading("Costs")
        funding = ", ".join(f"{s} ({c})" for s, c in costs.fragment_sources.items())
        for text in (
            f"Activities with a cost attached: {len(costs.with_cost)} of {n}"
            f" (amount attached: {costs.attached_amount:,}).",
            f"Cost fragments the source does not tie to any activity, stated apart:"
            f" {costs.fragments} ({costs.fragments_with_amount} with an amount,"
            f" {costs.unattributed_amount:,} in all; the source states no currency).",
            f"Funding categories named in the fragments: {funding or 'none'}.",
        ):
            lines += _table.wrap(text, width, indent="  ")

        heading(f"Quality report ({_plural(n, 'activity', 'activities')})")
        rows = [
            [
                check.name.replace("_", " "),
                str(check.count),
                f"{check.share:.1%}",
                check.description,
            ]
            for check in self.quality.checks
        ]
        lines.extend(
            _table.render(
                ["check", "activities", "share", "what it flags"],
                rows,
                width=width,
                flexible=(3,),
                right=(1, 2),
            )
        )
        return lines

    def __str__(self) -> str:
        return "\n".join(self.to_text())

    def __repr__(self) -> str:
        """``<PlanSummary Kosovo 2015-2019: 86 activities, 4 strategic objectives, ...>``."""
        return (
            f"<PlanSummary {self.jurisdiction} {self.period}:"
            f" {_plural(self.activities, 'activity', 'activities')},"
            f" {_plural(len(self.objectives), 'strategic objective')},"
            f" {_plural(self.institutions, 'institution')}>"
        )

    def _repr_html_(self) -> str:
        return html_of(self)


def summarize(plan: Plan) -> PlanSummary:
    """The plan at a glance (what ``antitrafficking-plan summary`` prints).

    >>> from antitrafficking_plan import load_plan
    >>> summarize(load_plan()).top_responsible[0][0]
    'MLSW'
    """
    if not isinstance(plan, Plan):
        raise TypeError(f"summarize() takes a Plan, not {type(plan).__name__}")
    acts = plan.activities
    by_objective = acts.count_by("objective")
    by_strategic = acts.count_by("strategic_objective")
    by_year = acts.count_by("deadline_year")
    objectives = tuple(
        ObjectiveCount(
            so.code,
            so.title,
            by_strategic.get(so.code, 0),
            tuple(
                ObjectiveCount(sp.code, sp.title, by_objective.get(sp.code, 0))
                for sp in plan.specific_objectives_of(so.code)
            ),
            label=so.label,
            reading=so.reading,
        )
        for so in plan.strategic_objectives
    )
    deadlines = DeadlineCounts(
        by_due_year=tuple((y, by_year[y]) for y in sorted(y for y in by_year if y is not None)),
        no_due_date=len(acts.without_due_date()),
        ongoing=len(acts.ongoing()),
        open_ended=len(acts.where(lambda a: a.deadline is not None and a.deadline.is_open_ended)),
        no_deadline=len(acts.without_deadline()),
    )
    leads = acts.count_by("responsible").most_common(5)
    return PlanSummary(
        title=plan.title,
        jurisdiction=plan.jurisdiction,
        issuer=plan.issuer,
        period=str(plan.period),
        dataset_version=plan.dataset_version,
        activities=len(acts),
        institutions=len(plan.institutions),
        objectives=objectives,
        specific_objectives=len(plan.specific_objectives),
        deadlines=deadlines,
        top_responsible=tuple((inst.code, inst.name, n) for inst, n in leads),
        costs=plan.cost_summary(),
        quality=plan.quality_report(),
    )
