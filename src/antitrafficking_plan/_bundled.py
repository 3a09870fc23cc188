"""Build the bundled plan from its package data with plain constructors.

The one loader of plan files is :mod:`antitrafficking_plan.codec`; every file a user gives
goes through it. The bundled file is package data that the test suite reads through that
loader and compares with this builder's result (``tests/test_codec.py``), so here it is
built with the domain classes' constructors alone: their validators check every field and
the ``Plan`` checks its integrity rules, but cattrs is not imported, no converter is
generated and the raw data is not checked a second time.

Why a second path at all: ``benchmarks/bench_load.py`` ("the bundled plan") measures a
fresh process building the bundled plan here against one reading the same data through
the codec. The codec path costs a third to a half more (medians of paired runs on 2026-12-01:
1.33x to 1.60x; the latest run in ``docs/performance.md``, 81 ms against 113 ms, 1.42x),
which alone would break the cold-start goal of ``import antitrafficking_plan;
load_plan()`` within 1.3x of ``import cattrs``.
"""

from __future__ import annotations

from typing import Any

from .deadline import Deadline, parse_deadline
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

__all__ = ["build_trusted_plan"]


def _note(d: dict[str, Any]) -> Note:
    return Note(d["field"], d["text"], Confidence(d["confidence"]))


def _provenance(d: dict[str, Any]) -> Provenance:
    return Provenance(
        lines=d["lines"],
        raw=d["raw"],
        responsible_cell=d["responsible_cell"],
        supporting_cell=d["supporting_cell"],
        deadline_cell=d["deadline_cell"],
        notes=[_note(n) for n in d["notes"]],
    )


def _institution(d: dict[str, Any]) -> Institution:
    confidence = d["name_confidence"]
    return Institution(
        d["code"],
        InstitutionKind(d["kind"]),
        d["name"],
        NameConfidence(confidence) if confidence is not None else None,
        d["aliases"],
        d["note"],
    )


def _cost(d: dict[str, Any] | None) -> Cost | None:
    if d is None:
        return None
    return Cost(d["text"], d["amount"], [FundingSource(s) for s in d["sources"]])


def build_trusted_plan(data: dict[str, Any]) -> Plan:
    """The plan in ``data`` (the file format's envelope), built without validation."""
    body = data["plan"]
    institutions = tuple(_institution(i) for i in body["institutions"])
    registry = {i.code: i for i in institutions}
    deadlines: dict[str, Deadline] = {}

    def deadline(text: str | None) -> Deadline | None:
        if text is None:
            return None
        if text not in deadlines:
            deadlines[text] = parse_deadline(text)
        return deadlines[text]

    activities = [
        Activity(
            a["code"],
            a["description"],
            a["expected_results"],
            a["indicators"],
            a["sources_of_verification"],
            [registry[c] for c in a["responsible"]],
            [registry[c] for c in a["supporting"]],
            deadline(a["deadline"]),
            _cost(a["cost"]),
            _provenance(a["provenance"]),
        )
        for a in body["activities"]
    ]
    source = body["source"]
    return Plan(
        title=body["title"],
        jurisdiction=body["jurisdiction"],
        issuer=body["issuer"],
        period=parse_deadline(body["period"]),
        source=SourceReference(**source),
        dataset_version=body["dataset_version"],
        strategic_objectives=[
            StrategicObjective(
                o["code"],
                o["title_pieces"],
                _provenance(o["provenance"]),
                o["reading"],
                o["label"],
            )
            for o in body["strategic_objectives"]
        ],
        specific_objectives=[
            SpecificObjective(o["code"], o["title_pieces"], _provenance(o["provenance"]))
            for o in body["specific_objectives"]
        ],
        institutions=institutions,
        activities=activities,
        cost_fragments=[
            CostFragment(
                f["text"],
                f["line"],
                f["block"],
                f["amount"],
                [FundingSource(s) for s in f["sources"]],
                f["note"],
            )
            for f in body["cost_fragments"]
        ],
        notes=[_note(n) for n in body["notes"]],
        repairs=[TextRepair(**r) for r in body["repairs"]],
    )
