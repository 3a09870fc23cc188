"""Issue 12's reproducers, run as written: each ends in the documented error (or success)
and replaces no file it should not. Writing and reading files in detail are in
``test_files.py``, killed writers in ``test_kill_writer.py``, the schema in
``test_schema_agreement.py``."""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import codec, registry
from antitrafficking_plan._limits import MAX_LOOKUP_CHARS
from antitrafficking_plan.cli import EXIT_BROKEN_PIPE, EXIT_INVALID_PLAN, EXIT_OUTPUT, EXIT_USAGE
from antitrafficking_plan.cli import main as cli_main
from antitrafficking_plan.errors import LookupTooLongError, PlanLoadError
from antitrafficking_plan.model import Activity, Cost, CostFragment, Institution

PLAN = atp.load_plan()
BUNDLED: dict[str, Any] = codec.plan_to_dict(PLAN)
PREFIX = "antitrafficking-plan: error: "
COMMAND = shlex.join([sys.executable, "-m", "antitrafficking_plan"])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("ANTITRAFFICKING_PLAN_DEBUG", None)
    env["PYTHONIOENCODING"] = "utf-8"
    src = str(Path(atp.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([src, env.get("PYTHONPATH", "")])
    return env


def shell(script: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a POSIX shell, ``CMD`` standing for the command line."""
    return subprocess.run(
        ["sh", "-c", script.replace("CMD", COMMAND)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.stderr.startswith(PREFIX), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert "unexpected" not in result.stderr


pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX shells, devices and FIFOs")


# -- the command line and its standard streams --------------------------------------------------
def test_standard_output_closed() -> None:
    result = shell("CMD list >&-")
    assert result.returncode == EXIT_OUTPUT
    one_line_error(result, "standard output is closed")


def test_standard_input_closed() -> None:
    result = shell("CMD validate - <&-")
    assert result.returncode == EXIT_INVALID_PLAN
    one_line_error(result, "standard input is closed")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_disk_on_standard_output() -> None:
    result = shell("CMD list > /dev/full")
    assert result.returncode == EXIT_OUTPUT
    one_line_error(result, "cannot write to standard output: No space left on device")


def test_a_broken_pipe_has_its_own_status_and_no_message() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE
    try:
        proc = subprocess.run(
            ["sh", "-c", f"{COMMAND} list"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=_env(),
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == EXIT_BROKEN_PIPE != EXIT_INVALID_PLAN
    assert proc.stderr == b""


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash for PIPESTATUS")
def test_list_piped_to_head_is_never_an_invalid_plan() -> None:
    script = f"{COMMAND} list | head -1; exit ${{PIPESTATUS[0]}}"
    result = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, env=_env(), timeout=120
    )
    assert result.returncode in (0, EXIT_BROKEN_PIPE)
    assert result.stdout.startswith("code")
    assert result.stderr == ""


def test_export_to_dev_null_is_refused_and_dev_null_stays_a_device() -> None:
    result = shell("CMD export -o /dev/null")
    assert result.returncode == EXIT_OUTPUT
    one_line_error(result, "cannot write /dev/null: it exists and is a character device")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_path_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.json"
    os.mkfifo(fifo)
    result = shell(f"CMD validate {shlex.quote(str(fifo))}")
    assert result.returncode == EXIT_INVALID_PLAN
    one_line_error(result, "is a FIFO (named pipe), not a regular file")


def test_an_endless_standard_input_is_refused_at_the_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``cat /dev/zero | antitrafficking-plan validate -``, with a small limit."""
    monkeypatch.setattr(codec, "MAX_PLAN_BYTES", 1 << 16)
    with open("/dev/zero", "rb") as zero:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(zero))
        assert cli_main(["validate", "-"]) == EXIT_INVALID_PLAN
    err = capsys.readouterr().err
    assert err == (
        f"{PREFIX}standard input: more than the 65,536 bytes a plan file may have (reading "
        "stopped at byte 65,537)\n"
    )


def test_a_long_institution_name_on_the_command_line() -> None:
    result = shell(f"CMD list --institution {shlex.quote('ab ' * 20000)}")
    assert result.returncode == EXIT_USAGE
    one_line_error(
        result, "institution name of 60,000 characters is longer than the 200 a lookup accepts"
    )


# -- lookups ------------------------------------------------------------------------------------
def _no_suggestions(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object, **kwargs: object) -> tuple[str, ...]:
        raise AssertionError("the lookup did work before refusing")

    monkeypatch.setattr(registry.InstitutionRegistry, "suggest", slow)


def test_a_long_institution_name_is_refused_before_any_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _no_suggestions(monkeypatch)
    with pytest.raises(LookupTooLongError) as info:
        PLAN.institution("ab " * 20000)
    assert (info.value.kind, info.value.length, info.value.limit) == (
        "institution name",
        60000,
        MAX_LOOKUP_CHARS,
    )
    assert isinstance(info.value, atp.PlanError)
    assert isinstance(info.value, ValueError)
    with pytest.raises(LookupTooLongError):
        PLAN.registry.get("x" * (MAX_LOOKUP_CHARS + 1))


@pytest.mark.parametrize(
    ("call", "kind"),
    [
        (lambda text: PLAN.activity(text), "activity code"),
        (lambda text: PLAN.activities[text], "activity code"),
        (lambda text: PLAN.activities.get(text), "activity code"),
        (lambda text: PLAN.objective(text), "objective code"),
        (lambda text: PLAN.activities.search(text), "search text"),
        (lambda text: PLAN.registry.suggest(text), "institution name"),
    ],
)
def test_one_limit_for_every_lookup(call: Any, kind: str) -> None:
    with contextlib.suppress(atp.UnknownNameError):  # at the limit: an ordinary answer
        call("x" * MAX_LOOKUP_CHARS)
    with pytest.raises(LookupTooLongError, match=f"^{kind} of 201 characters"):
        call("x" * (MAX_LOOKUP_CHARS + 1))


def test_the_limit_is_far_above_every_name_of_the_bundled_plan() -> None:
    longest = max(len(n) for inst in PLAN.institutions for n in inst.names)
    assert longest * 1.5 < MAX_LOOKUP_CHARS
    for inst in PLAN.institutions:
        for name in inst.names:
            assert PLAN.institution(name) is inst


def test_an_empty_name_finds_no_institution() -> None:
    with pytest.raises(atp.UnknownNameError):
        PLAN.institution("")
    assert PLAN.registry.get("") is None
    assert PLAN.registry.get(" - ") is None


# -- data that loads must be usable -------------------------------------------------------------
def _text_with(path: tuple[str | int, ...], literal: str) -> str:
    """The bundled file with the value at ``path`` written as the raw JSON ``literal``."""
    data: Any = json.loads(json.dumps(BUNDLED))
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = "\x00marker"
    return json.dumps(data).replace('"\\u0000marker"', literal)


def test_a_4300_digit_amount_is_refused_with_its_path() -> None:
    text = _text_with(("plan", "cost_fragments", 0, "amount"), "9" * 4300)
    with pytest.raises(PlanLoadError) as info:
        codec.loads_plan(text, source="plan.json")
    (problem,) = info.value.problems
    assert problem.startswith("a number of ")
    assert "larger than 10**15" in problem
    assert problem.endswith("@ $.plan.cost_fragments[0].amount")


def test_the_largest_amount_loads_and_summarises() -> None:
    text = _text_with(("plan", "cost_fragments", 0, "amount"), str(10**15))
    plan = codec.loads_plan(text)
    assert plan.cost_fragments[0].amount == 10**15
    assert codec.loads_plan(codec.dumps_plan(plan)) == plan
    plan.cost_summary()
    hash(plan.cost_summary())


@pytest.mark.parametrize(
    "build",
    [
        lambda: Cost("text", amount=10**5000),
        lambda: CostFragment("text", line=10**5000, block=1),
        lambda: Activity("1.1.1", description="\ud800"),
        lambda: Institution("X", name="lone \udc00 surrogate"),
        lambda: Institution("X", aliases=("ok", "\ud800")),
        lambda: attrs.evolve(PLAN, title="\ud800"),
    ],
)
def test_what_could_not_be_written_cannot_be_built(build: Any) -> None:
    with pytest.raises(ValueError, match=r"digits is larger than 10\*\*15|lone UTF-16 surrogate"):
        build()


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [
        ("aliases", [" "], "$.plan.institutions[0].aliases[0]"),
        ("aliases", ["AKKTNJ spelling", ""], "$.plan.institutions[0].aliases[1]"),
        ("name", " ", "$.plan.institutions[0].name"),
        ("name", "", "$.plan.institutions[0].name"),
    ],
)
def test_blank_names_and_aliases_are_refused_with_their_path(
    field: str, value: Any, where: str
) -> None:
    data = json.loads(json.dumps(BUNDLED))
    data["plan"]["institutions"][0][field] = value
    with pytest.raises(PlanLoadError) as info:
        codec.plan_from_dict(data)
    (problem,) = info.value.problems
    assert "is blank" in problem
    assert problem.endswith(f"@ {where}")


@pytest.mark.parametrize("kwargs", [{"name": ""}, {"name": "  "}, {"aliases": ("\t",)}])
def test_blank_names_and_aliases_cannot_be_built(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"must not be (empty|blank)"):
        Institution("X", **kwargs)


def test_duplicate_keys_are_refused_with_their_path() -> None:
    text = json.dumps(BUNDLED).replace(
        '"format_version": 2', '"format_version": 2, "format_version": 1', 1
    )
    text = text.replace('"code": "1.1.1",', '"code": "1.1.1", "code": "1.1.2",', 1)
    with pytest.raises(PlanLoadError) as info:
        codec.loads_plan(text, source="plan.json")
    assert str(info.value).startswith("plan.json is not a valid plan\n")
    assert info.value.problems[:2] == (
        "the key 'format_version' is given more than once in this object; which value counts "
        "would be ambiguous, so each key may appear once @ $.format_version",
        "the key 'code' is given more than once in this object; which value counts would be "
        "ambiguous, so each key may appear once @ $.plan.activities[0].code",
    )


# -- result values ------------------------------------------------------------------------------
def test_counts_and_groups_do_not_hand_out_their_dict() -> None:
    counts = PLAN.activities.count_by("responsible")
    groups = PLAN.activities.group_by("strategic_objective")
    for result in (counts, groups):
        before = dict(result)
        reduced: Any = result.__reduce__()
        reduced[1][0].clear()
        assert dict(result) == before
        assert pickle.loads(pickle.dumps(result)) == result


def test_frozen_summaries_hash() -> None:
    for value in (PLAN.workload(), PLAN.cost_summary(), PLAN.activities.count_by("deadline")):
        assert hash(value) == hash(pickle.loads(pickle.dumps(value)))
    assert len({PLAN.workload(), PLAN.workload()}) == 1


def test_under_refuses_overlong_text_as_a_lookup() -> None:
    with pytest.raises(ValueError, match="is not an objective code") as info:
        PLAN.activities.under("1." * (MAX_LOOKUP_CHARS // 2))
    assert not isinstance(info.value, LookupTooLongError)
    with pytest.raises(LookupTooLongError, match=r"^objective code of 10,000 characters"):
        PLAN.activities.under("1." * 5000)
