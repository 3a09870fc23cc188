"""The plan file format: round trips, versioning, schema, lazy cached loading."""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import antitrafficking_plan as atp
from antitrafficking_plan import codec, dataset, errors, model
from antitrafficking_plan._plain import plan_from_body
from antitrafficking_plan.plan import TextRepair
from antitrafficking_plan.strategies import plans

PLAN = atp.load_plan()


def test_bundled_plan_round_trips_through_text_and_files(tmp_path: Path) -> None:
    assert codec.loads_plan(codec.dumps_plan(PLAN)) == PLAN
    path = tmp_path / "plan.json"
    atp.dump_plan(PLAN, path)
    assert atp.load_plan(path) == PLAN
    assert codec.plan_from_dict(codec.plan_to_dict(PLAN)) == PLAN


def test_bundled_file_is_byte_identical_to_a_fresh_dump() -> None:
    from importlib import resources

    bundled = (
        resources.files("antitrafficking_plan")
        .joinpath("data")
        .joinpath("kosovo_2015_2019.json")
        .read_text("utf-8")
    )
    assert codec.dumps_plan(PLAN) == bundled


@settings(max_examples=60)
@given(plans())
def test_generated_plans_round_trip(plan: atp.Plan) -> None:
    text = codec.dumps_plan(plan)
    assert codec.loads_plan(text) == plan
    assert codec.dumps_plan(codec.loads_plan(text)) == text


def test_load_plan_is_cached_and_immutable() -> None:
    assert atp.load_plan() is atp.load_plan()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PLAN.title = "changed"  # type: ignore[misc]


def test_file_carries_format_and_version() -> None:
    data = codec.plan_to_dict(PLAN)
    assert data["format"] == "antitrafficking-plan"
    assert data["format_version"] == codec.FORMAT_VERSION
    assert data["plan"]["activities"][0]["responsible"] == []
    assert data["plan"]["activities"][1]["responsible"] == ["MIA"]
    assert data["plan"]["activities"][0]["deadline"] == "Q4 2015"


def test_newer_format_version_is_refused_with_an_upgrade_message() -> None:
    data = codec.plan_to_dict(PLAN)
    data["format_version"] = codec.FORMAT_VERSION + 1
    with pytest.raises(atp.PlanLoadError, match=r"newer than this library reads.*upgrade"):
        codec.plan_from_dict(data)


# -- format version 1: cost amounts were called amount_eur --------------------------------------
def _as_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (the current format) written as a version-1 file would have it."""
    old: dict[str, Any] = json.loads(json.dumps(data))
    old["format_version"] = 1
    for fragment in old["plan"]["cost_fragments"]:
        fragment["amount_eur"] = fragment.pop("amount")
    for objective in old["plan"]["strategic_objectives"]:
        del objective["reading"], objective["label"]
    old["plan"]["activities"][0]["cost"] = {"text": "5,000", "amount_eur": 5000, "sources": []}
    return old


def test_format_version_is_2() -> None:
    assert codec.FORMAT_VERSION == 2
    assert dataset.plan_json_schema()["properties"]["format_version"]["const"] == 2


def test_a_version_1_file_is_read_with_its_amounts_migrated(tmp_path: Path) -> None:
    old = _as_version_1(codec.plan_to_dict(PLAN))
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    plan = atp.load_plan(path)
    assert [f.amount for f in plan.cost_fragments] == [f.amount for f in PLAN.cost_fragments]
    cost = plan.activity("1.1.1").cost
    assert cost is not None
    assert cost.amount == 5000
    assert all(o.reading is None and o.label is None for o in plan.strategic_objectives)
    # written back, it is a version-2 file
    assert codec.plan_to_dict(plan)["format_version"] == 2
    assert "amount_eur" not in codec.dumps_plan(plan)


def test_the_v1_migration_leaves_its_input_alone_and_refuses_both_names() -> None:
    from antitrafficking_plan.codec import migrate_v1

    old = _as_version_1(codec.plan_to_dict(PLAN))
    frozen = json.dumps(old)
    body, problems = migrate_v1(old["plan"])
    assert problems == []
    assert json.dumps(old) == frozen
    assert "amount" in body["cost_fragments"][0]
    old["plan"]["cost_fragments"][3]["amount"] = 1
    with pytest.raises(atp.PlanLoadError) as info:
        codec.plan_from_dict(old)
    assert "both 'amount_eur' (format version 1) and 'amount'" in str(info.value)
    assert "$.plan.cost_fragments[3].amount" in str(info.value)


def test_a_version_2_file_may_not_use_the_old_name() -> None:
    data = codec.plan_to_dict(PLAN)
    data["plan"]["cost_fragments"][0]["amount_eur"] = data["plan"]["cost_fragments"][0].pop(
        "amount"
    )
    with pytest.raises(atp.PlanLoadError, match=r"unknown field\(s\) \['amount_eur'\]"):
        codec.plan_from_dict(data)


def test_every_problem_is_reported_at_once_with_its_path() -> None:
    data = codec.plan_to_dict(PLAN)
    activities = data["plan"]["activities"]
    activities[0]["deadline"] = "soonish"
    activities[1]["responsible"] = ["NOPE"]
    activities[2]["code"] = 5
    activities[3]["code"] = activities[4]["code"]
    with pytest.raises(atp.PlanLoadError) as info:
        codec.plan_from_dict(data)
    problems = info.value.problems
    assert any("$.plan.activities[0].deadline" in p and "soonish" in p for p in problems)
    assert any("$.plan.activities[1].responsible[0]" in p and "NOPE" in p for p in problems)
    assert any("$.plan.activities[2].code" in p for p in problems)
    assert any("duplicate activity code '1.1.5'" in p for p in problems)
    assert len(problems) == 4


def test_integrity_problems_are_reported_together() -> None:
    data = codec.plan_to_dict(PLAN)
    activities = data["plan"]["activities"]
    activities[3]["code"] = activities[4]["code"]
    activities[5]["code"] = "9.9.9"
    data["plan"]["specific_objectives"][0]["code"] = "7.1"
    with pytest.raises(atp.PlanLoadError) as info:
        codec.plan_from_dict(data)
    text = "\n".join(info.value.problems)
    assert "duplicate activity code '1.1.5'" in text
    assert "'9.9.9' is under specific objective '9.9'" in text
    assert "'7.1' is under strategic objective '7'" in text


def test_json_syntax_errors_give_line_and_column() -> None:
    with pytest.raises(atp.PlanLoadError, match=r"line 2, column 15"):
        codec.loads_plan('{\n    "format": ,\n}')


def test_missing_file_is_a_plan_load_error(tmp_path: Path) -> None:
    with pytest.raises(atp.PlanLoadError, match="no such plan file"):
        atp.load_plan(tmp_path / "absent.json")


# -- the JSON Schema ------------------------------------------------------------------------------
def test_schema_accepts_the_bundled_file_and_rejects_wrong_shapes() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = dataset.plan_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = codec.plan_to_dict(PLAN)
    jsonschema.validate(data, schema)
    data["plan"]["activities"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


_SCHEMA_CLASSES: dict[str, Any] = {
    "note": model.Note,
    "provenance": model.Provenance,
    "institution": model.Institution,
    "cost": model.Cost,
    "cost_fragment": model.CostFragment,
    "source_reference": model.SourceReference,
    "strategic_objective": model.StrategicObjective,
    "specific_objective": model.SpecificObjective,
    "activity": model.Activity,
    "text_repair": TextRepair,
    "plan": atp.Plan,
}


@pytest.mark.parametrize("name", sorted(_SCHEMA_CLASSES))
def test_schema_describes_exactly_the_fields_of_each_class(name: str) -> None:
    cls = _SCHEMA_CLASSES[name]
    definition = dataset.plan_json_schema()["$defs"][name]
    fields = {f.name for f in attrs.fields(cls) if f.init}
    assert set(definition["properties"]) == fields
    required = {f.name for f in attrs.fields(cls) if f.init and f.default is attrs.NOTHING}
    assert set(definition["required"]) == required


def test_schema_is_shipped_as_package_data() -> None:
    text = json.dumps(dataset.plan_json_schema())
    assert "antitrafficking-plan" in text


def test_the_plain_builder_of_the_bundled_file_agrees_with_the_detailed_pass() -> None:
    from importlib import resources

    text = (
        resources.files("antitrafficking_plan")
        .joinpath("data")
        .joinpath("kosovo_2015_2019.json")
        .read_text("utf-8")
    )
    body = json.loads(text)["plan"]
    assert plan_from_body(body) == _detailed(body) == codec.loads_plan(text) == atp.load_plan()


def test_importing_the_package_and_the_bundled_plan_does_not_need_cattrs() -> None:
    import subprocess
    import sys

    code = (
        "import sys, antitrafficking_plan as a; a.load_plan(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'cattrs'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@settings(max_examples=40)
@given(plans())
def test_both_passes_build_generated_plans_as_they_were(plan: atp.Plan) -> None:
    body = codec.plan_to_dict(plan)["plan"]
    assert plan_from_body(body) == _fast(body) == _detailed(body) == plan


def _records_of(value: Any) -> list[dict[str, Any]]:
    """Every record (JSON object) in ``value``, outermost first."""
    if isinstance(value, dict):
        return [value, *(r for v in value.values() for r in _records_of(v))]
    if isinstance(value, list):
        return [r for v in value for r in _records_of(v)]
    return []


@settings(max_examples=60)
@given(plans(), st.data())
def test_both_passes_agree_when_keys_are_left_out_anywhere(
    plan: atp.Plan, data: st.DataObject
) -> None:
    """Keys left out of any records of a generated plan (a file written by hand): the
    two passes build the same plan, or both refuse it."""
    body = copy.deepcopy(codec.plan_to_dict(plan)["plan"])
    records = _records_of(body)
    for record in data.draw(st.lists(st.sampled_from(records), max_size=6)):
        if record:
            del record[data.draw(st.sampled_from(sorted(record)))]
    assert _fast(body) == _detailed(body)


def test_a_lone_surrogate_is_refused_with_its_path() -> None:
    data = codec.plan_to_dict(PLAN)
    data["plan"]["activities"][0]["description"] = "\ud800 lone"
    with pytest.raises(atp.PlanLoadError) as info:
        codec.plan_from_dict(data)
    (problem,) = info.value.problems
    assert "lone UTF-16 surrogate" in problem
    assert problem.endswith("@ $.plan.activities[0].description")


def test_codes_with_leading_zeros_are_refused() -> None:
    data = codec.plan_to_dict(PLAN)
    data["plan"]["activities"][0]["code"] = "1.1.01"
    with pytest.raises(atp.PlanLoadError, match=r"'1\.1\.01' is not of the form '1\.2\.3'"):
        codec.plan_from_dict(data)


def test_an_integrity_problem_is_reported_once_with_its_path() -> None:
    data = codec.plan_to_dict(PLAN)
    data["plan"]["activities"][1]["code"] = "1.1.1"
    with pytest.raises(atp.PlanLoadError) as info:
        codec.plan_from_dict(data)
    (problem,) = info.value.problems
    assert problem.endswith("@ $.plan.activities[1].code")


def test_text_that_cannot_be_written_cannot_be_put_in_a_plan() -> None:
    import attrs

    with pytest.raises(ValueError, match="lone UTF-16 surrogate"):
        attrs.evolve(PLAN.activities[0], description="\ud800")


def test_a_failed_write_leaves_the_existing_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    path = tmp_path / "plan.json"
    atp.dump_plan(PLAN, path)
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(errors.PlanWriteError, match="No space left on device"):
        atp.dump_plan(PLAN.evolve(title="Another title"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]  # no temporary file left


def test_a_name_shared_by_two_institutions_is_refused() -> None:
    data = codec.plan_to_dict(PLAN)
    institutions = data["plan"]["institutions"]
    institutions[0]["aliases"].append("foo")
    institutions[1]["aliases"].append("F-O-O")
    with pytest.raises(atp.PlanLoadError) as info:
        codec.plan_from_dict(data)
    (problem,) = info.value.problems
    assert "is also a name of 'AKKTNj'" in problem
    assert problem.endswith("@ $.plan.institutions[1].aliases[0]")
    with pytest.raises(atp.PlanIntegrityError, match="is also a name of 'MLSW'"):
        PLAN.evolve(
            institutions=(
                attrs.evolve(PLAN.institutions[0], aliases=("mlsw",)),
                *PLAN.institutions[1:],
            )
        )


def _leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every text, number, enum value and null in the first entry of each
    list of a plan body (``None`` leaves included: a null field may hold a wrong value),
    and of every list itself (the fast pass reads some lists whole)."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaf_paths(v, (*path, k))]
    if isinstance(value, list):
        return [path, *(_leaf_paths(value[0], (*path, 0)) if value else [])]
    return [path]


_BODY: dict[str, Any] = codec.plan_to_dict(PLAN)["plan"]
_WRONG: tuple[Any, ...] = (
    *(0, 1.5, False, True, [], {}, "", " ", "\ud800", -1, 10**16, "x", "MLSW"),
    *(["x"], [0], [True], [None], ["MLSW", "NOPE"], [["MLSW"]], ("MLSW",)),
)


def _replaced(body: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = dict(body) if isinstance(body, dict) else list(body)
    copy[path[0]] = _replaced(body[path[0]], path[1:], value)
    return copy


def _fast(body: Any) -> atp.Plan | None:
    """What the codec's fast pass, the plain constructors, makes of ``body`` (None:
    refused)."""
    try:
        return plan_from_body(body)
    except Exception:  # any refusal sends a file to the detailed pass
        return None


def _detailed(body: Any) -> atp.Plan | None:
    """What the detailed pass (cattrs, every field through its hook) makes of ``body``,
    references resolved against the entries that are valid, as the codec does."""
    conv = codec._converters()
    registry: dict[str, atp.Institution] = {}
    entries = body.get("institutions")
    for entry in entries if isinstance(entries, list) else ():
        with contextlib.suppress(Exception):
            inst = conv.base.structure(entry, atp.Institution)
            registry.setdefault(inst.code, inst)
    token = codec._REGISTRY.set(registry)
    try:
        return conv.full.structure(body, atp.Plan)
    except Exception:
        return None
    finally:
        codec._REGISTRY.reset(token)


def test_the_two_passes_build_the_bundled_plan() -> None:
    assert _fast(_BODY) == _detailed(_BODY) == PLAN


@pytest.mark.parametrize("path", _leaf_paths(_BODY), ids=lambda p: ".".join(map(str, p)))
def test_the_fast_pass_accepts_only_what_the_detailed_pass_accepts(path: tuple[Any, ...]) -> None:
    """The fast pass leaves texts, numbers and enum values to the model's validators (the
    constructors get them as the file holds them): for every leaf field and every wrong
    value, it refuses exactly what the detailed pass (hooks and validators) refuses, and
    builds the same plan from what both accept."""
    for wrong in _WRONG:
        body = _replaced(_BODY, path, wrong)
        assert _fast(body) == _detailed(body), (path, wrong)


def _record_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of the body and of every record in it (the first entry of each list)."""
    if isinstance(value, dict):
        return [path, *(p for k, v in value.items() for p in _record_paths(v, (*path, k)))]
    if isinstance(value, list) and value:
        return _record_paths(value[0], (*path, 0))
    return []


def _get(body: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        body = body[step]
    return body


@pytest.mark.parametrize("path", _record_paths(_BODY), ids=lambda p: ".".join(map(str, p)) or "$")
def test_both_passes_agree_on_records_missing_a_key_or_with_an_unknown_one(
    path: tuple[Any, ...],
) -> None:
    """A key left out takes the field's default in both (or is refused by both, for a
    field that has none); a key the record does not have is refused by both."""
    record = _get(_BODY, path)
    changed = [{k: v for k, v in record.items() if k != key} for key in record]
    changed.append({**record, "unknown": None})
    outcomes = []
    for new in changed:
        body = _replaced(_BODY, path, new)
        fast = _fast(body)
        assert fast == _detailed(body), (path, sorted(set(record) ^ set(new)))
        outcomes.append(fast is not None)
    assert outcomes[-1] is False  # the unknown key
    if path[:1] == ("activities",) and len(path) == 2:
        assert outcomes[:-1] == [k != "code" for k in record]  # every other field has a default
