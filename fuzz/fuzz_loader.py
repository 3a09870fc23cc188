"""Coverage-guided fuzzing of the plan loader with atheris (libFuzzer).

Any bytes given to :func:`loads_plan` must give a sound :class:`Plan` or a
:class:`PlanLoadError`; anything else (or an accepted plan that breaks the integrity
rules) is a crash that libFuzzer reports and saves.

    python fuzz/fuzz_loader.py -max_total_time=30 [corpus_dir]

or run both harnesses for a bounded time with ``python fuzz/run.py --seconds 30`` (which
also seeds the corpus with a small valid plan).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from antitrafficking_plan import Plan, PlanLoadError
    from antitrafficking_plan.codec import dumps_plan, loads_plan


def check_plan(plan: Plan) -> None:
    """The integrity rules every accepted plan keeps."""
    for codes in (
        [o.code for o in plan.strategic_objectives],
        [o.code for o in plan.specific_objectives],
        [a.code for a in plan.activities],
        [i.code for i in plan.institutions],
    ):
        if len(set(codes)) != len(codes):
            raise AssertionError(f"duplicate codes accepted: {codes}")
    specific = {o.code for o in plan.specific_objectives}
    strategic = {o.code for o in plan.strategic_objectives}
    if any(o.code.split(".")[0] not in strategic for o in plan.specific_objectives):
        raise AssertionError("a specific objective without its strategic objective")
    for activity in plan.activities:
        if activity.specific_objective_code not in specific:
            raise AssertionError(f"activity {activity.code} without its objective")
        for inst in activity.institutions:
            if plan.registry.get(inst.code) != inst:
                raise AssertionError(f"activity {activity.code} refers to unknown {inst.code}")
    if loads_plan(dumps_plan(plan)) != plan:
        raise AssertionError("an accepted plan does not survive a round trip")


def test_one_input(data: bytes) -> None:
    try:
        plan = loads_plan(data, source="fuzz input")
    except PlanLoadError as err:
        if not str(err):
            raise AssertionError("PlanLoadError without a message") from None
        for problem in err.problems:
            if " @ $" not in problem:
                raise AssertionError(f"problem without a JSON path: {problem}") from None
        return
    check_plan(plan)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
