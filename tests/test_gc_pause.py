"""Loads run with the cyclic garbage collector paused, and leave it as they found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import antitrafficking_plan as atp
from antitrafficking_plan._gc import collection_paused
from antitrafficking_plan.codec import dumps_plan, loads_plan
from antitrafficking_plan.tables import RawTable, plan_from_tables, plan_to_tables

PLAN = atp.load_plan()


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generations collected while the test runs, with collections made frequent."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    threshold = gc.get_threshold()
    gc.set_threshold(10)  # a collection every few allocations, when the collector runs
    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*threshold)


@pytest.mark.parametrize("load", ["json", "tables"])
def test_no_collection_runs_during_a_load(load: str, collections: list[int]) -> None:
    text = dumps_plan(PLAN)  # made before, with the collector running
    raw = [RawTable(name, t.header, t.rows) for name, t in plan_to_tables(PLAN).items()]
    assert gc.isenabled()
    collections.clear()
    # "tables": the build that every spreadsheet, CSV and package reader ends in.
    loaded = loads_plan(text) if load == "json" else plan_from_tables(raw, source="tables")
    during = list(collections)
    # At most the few allocations on the way in and out may start one; unpaused, the
    # load starts hundreds.
    assert len(during) <= 3
    assert gc.isenabled()
    assert loaded.activities.codes == PLAN.activities.codes
    collections.clear()
    [[] for _ in range(10_000)]  # the same fixture sees collections when none is paused
    assert len(collections) > 100


def test_a_paused_collector_stays_paused() -> None:
    gc.disable()
    try:
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
        assert loads_plan(dumps_plan(PLAN)).activities.codes == PLAN.activities.codes
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_restarted_when_a_load_fails() -> None:
    with pytest.raises(atp.PlanLoadError):
        loads_plan("{}")
    assert gc.isenabled()
