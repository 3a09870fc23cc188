"""Bad plan files, one example at a time: each is refused with a PlanLoadError whose
problems name the JSON path of the field and say what is accepted.

The examples start from the bundled plan's JSON and break one thing (or a few). The same
cases make the table in ``docs/bad-input.md``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import codec

BUNDLED_TEXT = (
    resources.files("antitrafficking_plan")
    .joinpath("data")
    .joinpath("kosovo_2015_2019.json")
    .read_text()
)
BUNDLED: dict[str, Any] = json.loads(BUNDLED_TEXT)

Mutation = Callable[[dict[str, Any]], None]


def mutated(mutation: Mutation) -> dict[str, Any]:
    data = copy.deepcopy(BUNDLED)
    mutation(data)
    return data


def write(tmp_path: Path, content: str | bytes, name: str = "plan.json") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def load_error(tmp_path: Path, content: str | bytes) -> atp.PlanLoadError:
    path = write(tmp_path, content)
    with pytest.raises(atp.PlanLoadError) as info:
        atp.load_plan(path)
    return info.value


def problems_of(data: Any) -> tuple[str, ...]:
    with pytest.raises(atp.PlanLoadError) as info:
        codec.plan_from_dict(data)
    return info.value.problems


def at(path: str) -> str:
    """The suffix every problem about ``path`` ends with."""
    return f"@ {path}"


def setter(*keys: Any, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return mutate


def deleter(*keys: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]

    return mutate


# -- one problem each: (mutation, JSON path, words the message must contain) -------------
CASES: dict[str, tuple[Mutation, str, tuple[str, ...]]] = {
    "missing required field": (deleter("plan", "title"), "$.plan.title", ("required field",)),
    "unknown field in the plan": (
        setter("plan", "colour", value="red"),
        "$.plan",
        ("unknown field", "colour"),
    ),
    "unknown field in an activity": (
        setter("plan", "activities", 0, "priority", value=1),
        "$.plan.activities[0]",
        ("unknown field", "priority"),
    ),
    "number where text is expected": (
        setter("plan", "title", value=5),
        "$.plan.title",
        ("expected text", "int 5"),
    ),
    "object where a list is expected": (
        setter("plan", "activities", value={}),
        "$.plan.activities",
        ("expected a list", "dict"),
    ),
    "text where a list is expected": (
        setter("plan", "activities", 0, "responsible", value="MLSW"),
        "$.plan.activities[0].responsible",
        ("expected a list", "'MLSW'"),
    ),
    "null where an object is expected": (
        setter("plan", "source", value=None),
        "$.plan.source",
        ("JSON object", "SourceReference"),
    ),
    "fraction where a whole number is expected": (
        setter("plan", "cost_fragments", 0, "amount", value=1.5),
        "$.plan.cost_fragments[0].amount",
        ("whole number", "1.5"),
    ),
    "boolean where a whole number is expected": (
        setter("plan", "cost_fragments", 0, "line", value=True),
        "$.plan.cost_fragments[0].line",
        ("whole number", "bool"),
    ),
    "unknown institution kind": (
        setter("plan", "institutions", 0, "kind", value="agency"),
        "$.plan.institutions[0].kind",
        ("'body', 'group', 'fragment'", "'agency'"),
    ),
    "unknown funding source": (
        setter("plan", "cost_fragments", 0, "sources", value=["gold"]),
        "$.plan.cost_fragments[0].sources[0]",
        ("'donors'", "'gold'"),
    ),
    "unknown note confidence": (
        setter("plan", "notes", 0, "confidence", value="maybe"),
        "$.plan.notes[0].confidence",
        ("'certain', 'inferred'", "'maybe'"),
    ),
    "unknown deadline text": (
        setter("plan", "activities", 3, "deadline", value="soonish"),
        "$.plan.activities[3].deadline",
        ("cannot read deadline 'soonish'", "Q4 2015"),
    ),
    "quarter number with leading zeros": (
        setter("plan", "activities", 3, "deadline", value="Q0000004 2015"),
        "$.plan.activities[3].deadline",
        ("leading zeros", "one digit"),
    ),
    "deadline given as a number": (
        setter("plan", "activities", 3, "deadline", value=2016),
        "$.plan.activities[3].deadline",
        ("written as text", "Q4 2015"),
    ),
    "reference to an institution not in the registry": (
        setter("plan", "activities", 5, "responsible", value=["Ministry of Magic"]),
        "$.plan.activities[5].responsible[0]",
        ("'Ministry of Magic'", "not in the plan's institutions registry"),
    ),
    "duplicate activity code": (
        setter("plan", "activities", 1, "code", value="1.1.1"),
        "$.plan.activities[1].code",
        ("duplicate activity code '1.1.1'", "$.plan.activities[0].code"),
    ),
    "duplicate specific objective code": (
        setter("plan", "specific_objectives", 1, "code", value="1.1"),
        "$.plan.specific_objectives[1].code",
        ("duplicate specific objective code '1.1'",),
    ),
    "malformed activity code": (
        setter("plan", "activities", 1, "code", value="1.1"),
        "$.plan.activities[1].code",
        ("'1.1'", "not of the form '1.2.3'"),
    ),
    "malformed strategic objective code": (
        setter("plan", "strategic_objectives", 3, "code", value="IV"),
        "$.plan.strategic_objectives[3].code",
        ("'IV'", "whole number such as '1'"),
    ),
    "empty institution code": (
        setter("plan", "institutions", 68, "code", value=""),
        "$.plan.institutions[68].code",
        ("institution code ''", "non-empty"),
    ),
    "activity under a specific objective that does not exist": (
        setter("plan", "activities", 1, "code", value="1.9.1"),
        "$.plan.activities[1].code",
        ("'1.9'", "which the plan does not have"),
    ),
    "wrong format marker": (
        setter("format", value="something-else"),
        "$.format",
        ("'antitrafficking-plan'", "'something-else'"),
    ),
    "format_version as text": (
        setter("format_version", value="1"),
        "$.format_version",
        ("whole number", "'1'"),
    ),
    "format_version zero": (setter("format_version", value=0), "$.format_version", ("1 or more",)),
    "unknown top-level field": (
        setter("signature", value="x"),
        "",
        ("unknown top-level field", "signature"),
    ),
    "plan is not an object": (setter("plan", value=[]), "$.plan", ("JSON object", "list")),
    "code with a leading zero": (
        setter("plan", "activities", 0, "code", value="1.1.01"),
        "$.plan.activities[0].code",
        ("'1.1.01'", "no leading zeros"),
    ),
    "a name shared by two institutions": (
        setter("plan", "institutions", 1, "aliases", value=["akktnj"]),
        "$.plan.institutions[1].aliases[0]",
        ("'akktnj'", "also a name of 'AKKTNj'"),
    ),
    "invalid Unicode (a lone surrogate)": (
        setter("plan", "activities", 0, "description", value="\ud800"),
        "$.plan.activities[0].description",
        ("lone UTF-16 surrogate",),
    ),
    "negative amount": (
        setter("plan", "cost_fragments", 1, "amount", value=-5),
        "$.plan.cost_fragments[1]",
        ("amount must be 0 or more",),
    ),
    "amount larger than 10**15": (
        setter("plan", "cost_fragments", 1, "amount", value=10**15 + 1),
        "$.plan.cost_fragments[1].amount",
        ("larger than 10**15",),
    ),
    "amount of 4,300 digits": (
        setter("plan", "cost_fragments", 0, "amount", value=int("9" * 4300)),
        "$.plan.cost_fragments[0].amount",
        ("digits", "larger than 10**15"),
    ),
    "blank alias": (
        setter("plan", "institutions", 0, "aliases", value=[" "]),
        "$.plan.institutions[0].aliases[0]",
        ("alias", "is blank"),
    ),
    "blank institution name": (
        setter("plan", "institutions", 0, "name", value=""),
        "$.plan.institutions[0].name",
        ("name", "is blank"),
    ),
    "source line number zero": (
        setter("plan", "activities", 0, "provenance", "lines", value=[0]),
        "$.plan.activities[0].provenance",
        ("lines must be 1 or more",),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_bad_field_is_reported_with_its_path(case: str, tmp_path: Path) -> None:
    mutation, path, words = CASES[case]
    err = load_error(tmp_path, json.dumps(mutated(mutation)))
    assert len(err.problems) >= 1
    matching = [p for p in err.problems if all(w in p for w in words)]
    assert matching, f"no problem mentions {words}: {err.problems}"
    if path:
        assert any(p.endswith(at(path)) for p in matching), err.problems
    # The summary names the file; every problem also appears in the message.
    assert str(tmp_path / "plan.json") in str(err)
    for problem in err.problems:
        assert problem in str(err)


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_partial_plan_from_plan_from_dict_either(case: str) -> None:
    mutation, _, _ = CASES[case]
    data = mutated(mutation)
    with pytest.raises(atp.PlanLoadError):
        codec.plan_from_dict(data)
    with pytest.raises(atp.PlanLoadError):
        codec.loads_plan(json.dumps(data))


def THREE_PROBLEMS() -> dict[str, Any]:
    """The bundled plan with three independent problems."""
    data = mutated(setter("plan", "activities", 3, "deadline", value="soonish"))
    setter("plan", "title", value=["not", "text"])(data)
    setter("plan", "activities", 5, "supporting", value=["NOPE"])(data)
    return data


def test_three_independent_problems_give_three_entries_each_with_its_path() -> None:
    problems = problems_of(THREE_PROBLEMS())
    assert len(problems) == 3, problems
    assert sum(p.endswith("@ $.plan.activities[3].deadline") for p in problems) == 1
    assert sum(p.endswith("@ $.plan.title") for p in problems) == 1
    assert sum(p.endswith("@ $.plan.activities[5].supporting[0]") for p in problems) == 1


def test_cross_record_problems_are_reported_alongside_field_problems() -> None:
    # A duplicate code used to be checked only once every field was valid, so it went
    # unreported when any other problem was present.
    data = mutated(setter("plan", "title", value=5))
    setter("plan", "activities", 1, "code", value="1.1.1")(data)
    setter("plan", "activities", 2, "code", value="8.1.1")(data)
    problems = problems_of(data)
    assert len(problems) == 3, problems
    assert any(p.endswith("@ $.plan.title") for p in problems)
    assert any(
        "duplicate activity code '1.1.1'" in p and p.endswith("@ $.plan.activities[1].code")
        for p in problems
    )
    assert any("'8.1'" in p and p.endswith("@ $.plan.activities[2].code") for p in problems)


def test_duplicate_institution_is_reported_even_though_references_then_break() -> None:
    data = mutated(setter("plan", "institutions", 1, "code", value="AKKTNj"))
    problems = problems_of(data)
    assert any(
        "duplicate institution code 'AKKTNj'" in p and p.endswith("$.plan.institutions[1].code")
        for p in problems
    ), problems


def test_every_problem_names_a_json_path() -> None:
    data = mutated(setter("plan", "activities", 0, "cost", value={"text": 3, "sources": "x"}))
    setter("plan", "institutions", 2, "aliases", value=[1])(data)
    setter("plan", "activities", 7, "provenance", value={"lines": ["1"], "raw": None})(data)
    problems = problems_of(data)
    assert len(problems) >= 5
    for problem in problems:
        assert " @ $." in problem, problem


def test_enum_fields_are_read_as_enums_not_plain_strings() -> None:
    # The str hook used to swallow str-based enums: any text was accepted and kept as a
    # plain string, so ``note.confidence is Confidence.INFERRED`` was never true.
    plan = codec.loads_plan(BUNDLED_TEXT)
    assert all(type(i.kind) is atp.InstitutionKind for i in plan.institutions)
    assert all(type(n.confidence) is atp.Confidence for n in plan.notes)
    sources = [s for f in plan.cost_fragments for s in f.sources]
    assert sources
    assert all(type(s) is atp.FundingSource for s in sources)
    assert any(a.provenance.is_reconstructed for a in plan.activities)


# -- the file itself -----------------------------------------------------------------
def test_json_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    err = load_error(tmp_path, '{\n  "format": "antitrafficking-plan",,\n}')
    assert "not valid JSON" in str(err)
    assert "line 2, column 36" in str(err)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("", ("not valid JSON", "line 1, column 1")),
        ("[]", ("JSON object", "list")),
        ("null", ("JSON object", "NoneType")),
        ('"plan"', ("JSON object", "str")),
        ("\ufeff" + BUNDLED_TEXT, ("not valid JSON", "BOM")),
        ("[" * 100_000 + "]" * 100_000, ("nested too deeply",)),
        ('{"a":' * 50_000 + "1" + "}" * 50_000, ("nested too deeply",)),
        ("9" * 5000, ("not a plausible plan file", "digits")),
    ],
    ids=["empty", "list", "null", "string", "bom", "deep-list", "deep-object", "huge-integer"],
)
def test_unusable_json_documents(tmp_path: Path, content: str, words: tuple[str, ...]) -> None:
    err = load_error(tmp_path, content)
    for word in words:
        assert word in str(err)


def test_non_utf8_bytes(tmp_path: Path) -> None:
    err = load_error(tmp_path, BUNDLED_TEXT.encode("utf-16"))
    assert "not UTF-8" in str(err)
    assert "byte 0" in str(err)
    latin = BUNDLED_TEXT.encode("utf-8").replace("ë".encode(), b"\xeb")
    err2 = load_error(tmp_path, latin)
    assert "not UTF-8" in str(err2)


def test_newer_format_version_asks_to_upgrade(tmp_path: Path) -> None:
    data = mutated(setter("format_version", value=codec.FORMAT_VERSION + 1))
    err = load_error(tmp_path, json.dumps(data))
    assert "upgrade" in str(err)
    assert f"format_version {codec.FORMAT_VERSION + 1}" in str(err)
    assert f"up to {codec.FORMAT_VERSION}" in str(err)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.json"
    with pytest.raises(atp.PlanLoadError, match="no such plan file") as info:
        atp.load_plan(path)
    assert str(path) in str(info.value)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(atp.PlanLoadError, match="is a directory"):
        atp.load_plan(tmp_path)


def test_file_larger_than_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as f:
        f.truncate(codec.MAX_PLAN_BYTES + 1)  # sparse: no disk used, never read
    with pytest.raises(atp.PlanLoadError) as info:
        atp.load_plan(path)
    assert f"{codec.MAX_PLAN_BYTES:,}" in str(info.value)
    assert "more than" in str(info.value)


def test_size_limit_applies_to_text_and_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codec, "MAX_PLAN_BYTES", 1000)
    with pytest.raises(atp.PlanLoadError, match="more than the 1,000"):
        codec.loads_plan(" " * 1001)
    with pytest.raises(atp.PlanLoadError, match="1,001 bytes, more than the 1,000"):
        codec.loads_plan(b" " * 1001)


def test_the_documented_limit_is_plausible() -> None:
    assert codec.MAX_PLAN_BYTES == codec.MAX_PLAN_BYTES
    assert len(BUNDLED_TEXT.encode()) * 100 < codec.MAX_PLAN_BYTES <= 2**31


def test_text_that_looks_like_code_stays_text(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    data = mutated(setter("plan", "activities", 0, "description", value=payload))
    plan = atp.load_plan(write(tmp_path, json.dumps(data)))
    assert plan.activities[0].description == payload
    assert not marker.exists()


def test_a_pickle_is_not_a_plan_file(tmp_path: Path) -> None:
    import pickle

    blob = pickle.dumps({"format": "antitrafficking-plan"})
    with pytest.raises(atp.PlanLoadError):
        atp.load_plan(write(tmp_path, blob, "plan.pkl"))


def test_codec_never_unpickles_or_evaluates() -> None:
    source = Path(codec.__file__).read_text(encoding="utf-8")
    for forbidden in ("import pickle", "eval(", "exec(", "marshal", "yaml"):
        assert forbidden not in source


# -- rules of the bundled dataset are not imposed on users' files ---------------------
def test_a_user_plan_may_leave_out_what_the_bundled_plan_always_has() -> None:
    data = copy.deepcopy(BUNDLED)
    body = data["plan"]
    for activity in body["activities"]:
        activity["responsible"] = []  # the bundled plan gives a responsible body or a note
        activity["provenance"] = {}
        activity["cost"] = None
    body["institutions"] = [{"code": c} for c in sorted({i["code"] for i in body["institutions"]})]
    body["cost_fragments"] = []
    body["notes"] = []
    body["repairs"] = []
    plan = codec.plan_from_dict(data)
    assert all(not a.responsible and not a.notes for a in plan.activities)
    assert all(i.name is None for i in plan.institutions)


def test_a_plan_with_no_activities_is_valid() -> None:
    data = mutated(setter("plan", "activities", value=[]))
    assert len(codec.plan_from_dict(data).activities) == 0


def test_loaded_plan_does_not_share_lists_with_the_input() -> None:
    data = copy.deepcopy(BUNDLED)
    plan = codec.plan_from_dict(data)
    before = codec.dumps_plan(plan)
    data["plan"]["activities"].clear()
    data["plan"]["institutions"][0]["aliases"].append("changed")
    assert codec.dumps_plan(plan) == before


def test_unreadable_file_is_a_plan_load_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    path = write(tmp_path, BUNDLED_TEXT)
    real_open = os.open

    def denied(name: str, flags: int, *args: int) -> int:
        if name == str(path):
            raise PermissionError(13, "Permission denied", name)
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(atp.PlanLoadError, match="cannot be read \\(Permission denied\\)"):
        atp.load_plan(path)


def test_the_docs_table_of_bad_files_is_up_to_date() -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, str(root / "docs" / "make_bad_input_table.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_cut_short_file_says_where_its_json_breaks_in_plain_words(tmp_path: Path) -> None:
    err = load_error(tmp_path, BUNDLED_TEXT[:5000])
    message = str(err)
    assert "is not valid JSON: unterminated string starting at line " in message
    assert " at at " not in message
