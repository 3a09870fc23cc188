"""Plans and query results survive pickle and deepcopy (multiprocessing, caching)."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest

import antitrafficking_plan as atp

PLAN = atp.load_plan()


@pytest.mark.parametrize(
    "obj",
    [
        PLAN,
        PLAN.activities,
        PLAN.activities.involving("MLSW"),
        PLAN.activities.group_by("objective"),
        PLAN.activities.count_by("responsible"),
        PLAN.registry,
        PLAN.workload(),
        PLAN.timeline(),
        PLAN.quality_report(),
        PLAN.cost_summary(),
        PLAN.activity("2.3.8"),
        atp.parse_deadline("Q4 2015"),
    ],
    ids=lambda o: type(o).__name__,
)
def test_pickle_and_deepcopy_round_trip(obj: Any) -> None:
    assert pickle.loads(pickle.dumps(obj)) == obj
    assert copy.deepcopy(obj) == obj


def test_an_unpickled_plan_still_answers_queries() -> None:
    plan = pickle.loads(pickle.dumps(PLAN))
    assert plan.institution("Ministry of Labour").code == "MLSW"
    assert plan.activities.involving("MLSW", role="responsible").codes == (
        PLAN.activities.involving("MLSW", role="responsible").codes
    )
