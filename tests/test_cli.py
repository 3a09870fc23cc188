"""The ``antitrafficking-plan`` command line, run for real in subprocesses.

Every answer is checked against the library's own API on the bundled plan. The common
invocations run once, concurrently, in a module fixture; tests that need files of their
own run their few subprocesses themselves.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import codec, export
from antitrafficking_plan.export import to_csv

PREFIX = "antitrafficking-plan: error: "
_SCRIPT = Path(sys.executable).parent / (
    "antitrafficking-plan.exe" if os.name == "nt" else "antitrafficking-plan"
)
COMMAND: list[str] = (
    [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "antitrafficking_plan"]
)


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    status: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    def csv(self) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(self.stdout, newline="")))


def _env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update({"COLUMNS": "80", "PYTHONIOENCODING": "utf-8"})
    env.pop("ANTITRAFFICKING_PLAN_DEBUG", None)
    env.update(extra or {})
    return env


def run(
    *args: str,
    stdin: str | None = None,
    env: Mapping[str, str] | None = None,
    command: Sequence[str] = COMMAND,
) -> Run:
    proc = subprocess.run(
        [*command, *args],
        input=(stdin or "").encode("utf-8"),
        capture_output=True,
        env=_env(env),
        timeout=60,
        check=False,
    )
    # newline="" semantics: keep "\r\n" of CSV as written
    return Run(
        tuple(args),
        proc.returncode,
        proc.stdout.decode("utf-8"),
        proc.stderr.decode("utf-8"),
    )


# -- the common invocations, run concurrently once -------------------------------------------
CASES: dict[str, tuple[str, ...]] = {
    "summary": ("summary",),
    "summary_json": ("summary", "--format", "json"),
    "list": ("list",),
    "list_mlsw_json": (
        "list",
        "--institution",
        "MLSW",
        "--role",
        "responsible",
        "--format",
        "json",
    ),
    "list_mlsw_table": ("list", "--institution", "mlsw", "--role", "responsible"),
    "list_mlsw_csv": ("list", "--institution", "MLSW", "--role", "responsible", "--format", "csv"),
    "list_md": ("list", "--objective", "2.3", "--format", "markdown"),
    "list_combined": (
        "list",
        "--institution",
        "Ministry of Labour and Social Welfare",
        "--role",
        "supporting",
        "--objective",
        "2",
        "--format",
        "json",
    ),
    "list_any_role": ("list", "--institution", "KP", "--format", "json"),
    "list_due_range": (
        "list",
        "--due-from",
        "2016-01-01",
        "--due-to",
        "2017-12-31",
        "--format",
        "json",
    ),
    "list_due_to": ("list", "--due-to", "2015-12-31", "--format", "json"),
    "list_due_from": ("list", "--due-from", "2017-01-01", "--format", "json"),
    "list_overdue": ("list", "--overdue-as-of", "2017-01-01", "--format", "json"),
    "list_ongoing_search": ("list", "--ongoing", "--search", "SHELTER", "--format", "json"),
    "list_none": ("list", "--search", "no such text anywhere", "--format", "json"),
    "list_none_table": ("list", "--search", "no such text anywhere"),
    "show": ("show", "1.1.1"),
    "show_json": ("show", "2.3.8", "--format", "json"),
    "institutions": ("institutions",),
    "institutions_json": ("institutions", "--format", "json"),
    "institutions_csv": ("institutions", "--format", "csv"),
    "institutions_md": ("institutions", "--format", "markdown"),
    "deadline": ("deadline", "Q4", "2015"),
    "deadline_json": ("deadline", "vazhdimisht", "--format", "json"),
    "export_json": ("export",),
    "export_csv": ("export", "--format", "records-csv"),
    "version": ("--version",),
    **{f"help_{c}": (c, "--help") for c in ("summary", "list", "show", "institutions")},
    **{f"help_{c}": (c, "--help") for c in ("deadline", "export", "validate")},
    "help": ("--help",),
}

ERRORS: dict[str, tuple[tuple[str, ...], int, str]] = {
    "misspelt institution": (
        ("list", "--institution", "MLWS"),
        2,
        "unknown institution 'MLWS'; did you mean 'MLSW'",
    ),
    "unknown objective": (("list", "--objective", "9"), 2, "unknown objective '9'"),
    "unknown activity": (
        ("show", "2.3.99"),
        2,
        "unknown activity code '2.3.99'; did you mean '2.3.9'",
    ),
    "bad date": (("list", "--due-from", "2016-13-01"), 2, "dates are YYYY-MM-DD"),
    "date not iso": (("list", "--overdue-as-of", "31.12.2016"), 2, "invalid date '31.12.2016'"),
    "reversed dates": (
        ("list", "--due-from", "2017-01-01", "--due-to", "2016-01-01"),
        2,
        "--due-from 2017-01-01 is after --due-to 2016-01-01",
    ),
    "role alone": (("list", "--role", "responsible"), 2, "--role responsible needs --institution"),
    "bad role": (("list", "--institution", "MLSW", "--role", "boss"), 2, "invalid choice: 'boss'"),
    "bad format": (("list", "--format", "xml"), 2, "invalid choice: 'xml'"),
    "bad deadline": (("deadline", "soon"), 2, "cannot read deadline 'soon'"),
    "ambiguous deadline": (("deadline", "2011-12"), 2, "it reads two ways"),
    "unknown command": (("frobnicate",), 2, "invalid choice: 'frobnicate'"),
    "no command": ((), 2, "no command given"),
    "empty search": (("list", "--search", "  "), 2, "--search needs some text"),
    "missing plan": (("--plan", "/no/such/plan.json", "summary"), 1, "no such plan file"),
    "missing plan after": (("summary", "--plan", "/no/such/plan.json"), 1, "no such plan file"),
    "missing file to validate": (("validate", "/no/such/plan.json"), 1, "no such plan file"),
}


@pytest.fixture(scope="module")
def runs() -> dict[str, Run]:
    jobs = {**CASES, **{f"error: {k}": v[0] for k, v in ERRORS.items()}}
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = {name: pool.submit(run, *args) for name, args in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


@pytest.fixture(scope="module")
def plan() -> atp.Plan:
    return atp.load_plan()


def ok(result: Run) -> Run:
    assert result.status == 0, (result.args, result.stderr)
    assert result.stderr == ""
    assert "Traceback" not in result.stdout
    return result


def codes(records: list[dict[str, Any]]) -> list[str]:
    return [r["code"] for r in records]


def width(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


# -- summary -----------------------------------------------------------------------------------
def test_summary_shows_the_plan_at_a_glance(runs: dict[str, Run], plan: atp.Plan) -> None:
    out = ok(runs["summary"]).stdout
    flat = " ".join(out.split())
    assert out.startswith(plan.title)
    assert f"{len(plan.activities)} activities" in flat
    counts = plan.activities.count_by("objective")
    for sp in plan.specific_objectives:
        row = next(line for line in out.splitlines() if line.startswith(f"{sp.code} "))
        assert row.split()[1] == str(counts.get(sp.code, 0))
    by_year = plan.activities.count_by("deadline_year")
    for year in (y for y in by_year if y is not None):
        row = next(line for line in out.splitlines() if line.startswith(f"{year} "))
        assert row.split()[1] == str(by_year[year])
    assert f"{len(plan.activities.ongoing())} ongoing" in flat
    top, led = plan.activities.count_by("responsible").most_common(1)[0]
    assert any(line.split()[:2] == [top.code, str(led)] for line in out.splitlines())
    costs = plan.cost_summary()
    assert f"{len(costs.with_cost)} of {len(plan.activities)}" in flat
    assert f"{costs.unattributed_amount:,} in all" in flat
    lines = out.splitlines()
    quality = lines[next(i for i, li in enumerate(lines) if li.startswith("Quality report")) :]
    for check in plan.quality_report().checks:
        label = check.name.replace("_", " ")
        row = next(li for li in quality if li.startswith(label + " "))
        assert row[len(label) :].split()[:2] == [str(check.count), f"{check.share:.1%}"]


def test_summary_shows_label_and_reading_and_keeps_the_printed_title(
    runs: dict[str, Run], plan: atp.Plan
) -> None:
    out = ok(runs["summary"]).stdout
    for so in plan.strategic_objectives:
        row = next(line for line in out.splitlines() if line.startswith(f"{so.code} "))
        assert f" {so.label}: " in row
    assert "editorial label (not source text)" in " ".join(out.split())
    data = ok(runs["summary_json"]).json()
    for entry, so in zip(data["objectives"], plan.strategic_objectives, strict=True):
        assert (entry["label"], entry["reading"], entry["title"]) == (
            so.label,
            so.reading,
            so.title,
        )


def test_summary_json_agrees_with_the_library(runs: dict[str, Run], plan: atp.Plan) -> None:
    data = ok(runs["summary_json"]).json()
    acts = plan.activities
    assert data["title"] == plan.title
    assert data["activities"] == len(acts)
    by_strategic = acts.count_by("strategic_objective")
    assert {o["code"]: o["activities"] for o in data["objectives"]} == dict(by_strategic)
    by_year = acts.count_by("deadline_year")
    assert data["deadlines"]["by_due_year"] == {
        str(y): n for y, n in sorted((y, n) for y, n in by_year.items() if y is not None)
    }
    assert data["deadlines"]["no_due_date"] == by_year.get(None, 0)
    assert data["deadlines"]["ongoing"] == len(acts.ongoing())
    assert data["deadlines"]["no_deadline"] == len(acts.without_deadline())
    top = acts.count_by("responsible").most_common(5)
    assert [(e["code"], e["activities"]) for e in data["top_responsible"]] == [
        (i.code, n) for i, n in top
    ]
    costs = plan.cost_summary()
    assert data["costs"]["amount_attached"] == costs.attached_amount
    assert data["costs"]["amount_in_fragments"] == costs.unattributed_amount
    assert data["costs"]["fragments"] == len(plan.cost_fragments)
    assert {k: v["count"] for k, v in data["quality"].items()} == {
        c.name: c.count for c in plan.quality_report().checks
    }


# -- list ----------------------------------------------------------------------------------------
def test_list_json_is_the_library_answer(runs: dict[str, Run], plan: atp.Plan) -> None:
    expected = plan.activities.involving("MLSW", role="responsible")
    records = ok(runs["list_mlsw_json"]).json()
    assert codes(records) == [a.code for a in expected]
    assert records == export.to_records(expected)


def test_list_csv_parses_back_to_the_records(runs: dict[str, Run], plan: atp.Plan) -> None:
    expected = export.to_records(plan.activities.involving("MLSW", role="responsible"))
    rows = ok(runs["list_mlsw_csv"]).csv()
    assert list(rows[0]) == list(export.RECORD_COLUMNS)
    assert [r["code"] for r in rows] == codes(expected)
    assert [r["due"] or None for r in rows] == [r["due"] for r in expected]
    assert [r["responsible"] for r in rows] == ["; ".join(r["responsible"]) for r in expected]


@pytest.mark.parametrize(
    ("case", "query"),
    [
        (
            "list_combined",
            lambda acts: acts.involving("MLSW", role="supporting").under("2"),
        ),
        ("list_any_role", lambda acts: acts.involving("KP")),
        (
            "list_due_range",
            lambda acts: acts.due_between(date(2016, 1, 1), date(2017, 12, 31)),
        ),
        ("list_due_to", lambda acts: acts.due_by(date(2015, 12, 31))),
        ("list_due_from", lambda acts: acts.due_between(date(2017, 1, 1), date.max)),
        ("list_overdue", lambda acts: acts.overdue(date(2017, 1, 1))),
        ("list_ongoing_search", lambda acts: acts.ongoing().search("shelter")),
    ],
)
def test_list_filters_combine_like_the_library(
    runs: dict[str, Run], plan: atp.Plan, case: str, query: Any
) -> None:
    expected = [a.code for a in query(plan.activities)]
    assert expected, f"{case}: the comparison needs a non-empty answer"
    assert codes(ok(runs[case]).json()) == expected


def test_list_with_no_match(runs: dict[str, Run]) -> None:
    assert ok(runs["list_none"]).json() == []
    assert ok(runs["list_none_table"]).stdout == "no activity matches\n"


def test_list_table_fits_80_columns(runs: dict[str, Run], plan: atp.Plan) -> None:
    out = ok(runs["list"]).stdout
    assert width(out) <= 80
    lines = out.splitlines()
    assert lines[0].split() == ["code", "deadline", "responsible", "description"]
    assert [line.split()[0] for line in lines[2:-1]] == list(plan.activities.codes)
    assert lines[-1] == f"{len(plan.activities)} activities"
    assert "…" in out  # long descriptions are cut, not wrapped
    assert "\x1b[" not in out  # no colour in a pipe


def test_list_table_is_case_insensitive_on_names(runs: dict[str, Run], plan: atp.Plan) -> None:
    lines = ok(runs["list_mlsw_table"]).stdout.splitlines()
    expected = plan.activities.involving("MLSW", role="responsible").codes
    assert [line.split()[0] for line in lines[2:-1]] == list(expected)


def test_list_markdown(runs: dict[str, Run], plan: atp.Plan) -> None:
    lines = ok(runs["list_md"]).stdout.splitlines()
    expected = plan.activities.under("2.3")
    assert lines[0] == "| code | deadline | responsible | supporting | description |"
    assert lines[1] == "|---|---|---|---|---|"
    assert [line.split(" | ")[0].lstrip("| ") for line in lines[2:]] == list(expected.codes)


# -- show ----------------------------------------------------------------------------------------
def test_show_gives_the_activity_with_its_provenance(runs: dict[str, Run], plan: atp.Plan) -> None:
    out = ok(runs["show"]).stdout
    flat = " ".join(out.split())
    activity = plan.activity("1.1.1")
    assert out.startswith("Activity 1.1.1\n")
    assert width(out) <= 80
    assert activity.description is not None
    assert " ".join(activity.description.split()) in flat
    assert f"source lines {', '.join(map(str, activity.provenance.lines))}" in flat
    assert " ".join(activity.provenance.raw.split()) in flat
    assert activity.notes
    for note in activity.notes:
        assert f"[{note.field}, {note.confidence.value}] {' '.join(note.text.split())}" in flat


def test_show_json(runs: dict[str, Run], plan: atp.Plan) -> None:
    data = ok(runs["show_json"]).json()
    activity = plan.activity("2.3.8")
    provenance = data.pop("provenance")
    assert data == export.to_records([activity])[0]
    assert provenance["raw"] == activity.provenance.raw
    assert provenance["lines"] == list(activity.provenance.lines)
    assert [(n["field"], n["text"], n["confidence"]) for n in provenance["notes"]] == [
        (n.field, n.text, n.confidence.value) for n in activity.notes
    ]


# -- institutions --------------------------------------------------------------------------------
def test_institutions_json_and_csv(runs: dict[str, Run], plan: atp.Plan) -> None:
    rows = ok(runs["institutions_json"]).json()
    acts = plan.activities
    assert [r["code"] for r in rows] == [i.code for i in plan.institutions]
    for row in rows:
        if row["kind"] == "fragment":  # a piece of a name identifies no institution
            assert (row["leads"], row["supports"]) == (0, 0), row["code"]
            continue
        assert row["leads"] == len(acts.involving(row["code"], role="responsible"))
        assert row["supports"] == len(acts.involving(row["code"], role="supporting"))
    assert {r["code"] for r in rows if r["kind"] == "fragment"} == {"Trafficking", "Organizations"}
    table = ok(runs["institutions_csv"]).csv()
    assert [(r["code"], int(r["leads"]), int(r["supports"])) for r in table] == [
        (r["code"], r["leads"], r["supports"]) for r in rows
    ]
    assert [r["aliases"] for r in table] == ["; ".join(r["aliases"]) for r in rows]


def test_institutions_table_and_markdown(runs: dict[str, Run], plan: atp.Plan) -> None:
    out = ok(runs["institutions"]).stdout
    assert width(out) <= 80
    assert out.splitlines()[-1] == f"{len(plan.institutions)} institutions"
    mlsw = next(line for line in out.splitlines() if line.startswith("MLSW "))
    acts = plan.activities
    assert mlsw.split()[2:4] == [
        str(len(acts.involving("MLSW", role="responsible"))),
        str(len(acts.involving("MLSW", role="supporting"))),
    ]
    md = ok(runs["institutions_md"]).stdout.splitlines()
    assert len(md) == len(plan.institutions) + 2


# -- deadline ------------------------------------------------------------------------------------
def test_deadline_explains_the_parse(runs: dict[str, Run]) -> None:
    out = ok(runs["deadline"]).stdout
    fields = {line.split()[0]: line.split(None, 1)[1] for line in out.splitlines()}
    d = atp.parse_deadline("Q4 2015")
    assert fields["canonical"] == str(d)
    assert fields["kind"].startswith(d.kind.value)
    assert fields["start"] == str(d.start)
    assert fields["due"] == str(d.due)
    assert fields["open-ended"] == "no"
    assert fields["EDTF"] == d.to_edtf()


def test_deadline_json(runs: dict[str, Run]) -> None:
    data = ok(runs["deadline_json"]).json()
    d = atp.parse_deadline("vazhdimisht")
    assert data["kind"] == d.kind.value == "ongoing"
    assert data["canonical"] == str(d)
    assert (data["start"], data["due"]) == (None, None)
    assert data["open_ended"] is True
    assert data["edtf"] == d.to_edtf()


# -- export, validate and --plan -----------------------------------------------------------------
def test_export_json_is_the_plan_file_format(runs: dict[str, Run], plan: atp.Plan) -> None:
    out = ok(runs["export_json"]).stdout
    assert out == codec.dumps_plan(plan)
    assert codec.loads_plan(out) == plan


def test_export_csv_is_the_library_csv(
    runs: dict[str, Run], plan: atp.Plan, tmp_path: Path
) -> None:
    to_csv(plan.activities, tmp_path / "lib.csv")
    result = ok(runs["export_csv"])
    assert result.stdout.encode("utf-8") == (tmp_path / "lib.csv").read_bytes()


def test_exported_file_is_accepted_by_validate_and_plan(tmp_path: Path, plan: atp.Plan) -> None:
    path = tmp_path / "plan.json"
    ok(run("export", "--format", "json", "-o", str(path)))
    assert atp.load_plan(path) == plan
    with ThreadPoolExecutor(max_workers=4) as pool:
        validated, before, after, piped = pool.map(
            lambda args: run(*args[0], stdin=args[1]),
            [
                (("validate", str(path)), None),
                (("--plan", str(path), "list", "--institution", "MIA", "--format", "json"), None),
                (("list", "--institution", "MIA", "--format", "json", "--plan", str(path)), None),
                (("--plan", "-", "summary", "--format", "json"), path.read_text("utf-8")),
            ],
        )
    assert ok(validated).stdout.startswith(f"OK: {path} is a valid plan file")
    expected = [a.code for a in plan.activities.involving("MIA")]
    assert codes(ok(before).json()) == expected
    assert codes(ok(after).json()) == expected
    assert ok(piped).json()["activities"] == len(plan.activities)


def test_export_csv_to_a_file(tmp_path: Path, plan: atp.Plan) -> None:
    path = tmp_path / "plan.csv"
    assert ok(run("export", "--format", "records-csv", "-o", str(path))).stdout == ""
    with path.open(encoding="utf-8", newline="") as handle:
        assert [r["code"] for r in csv.DictReader(handle)] == list(plan.activities.codes)


def _broken_plan(tmp_path: Path, plan: atp.Plan) -> Path:
    data = codec.plan_to_dict(plan)
    data["plan"]["activities"][0]["code"] = "x"
    data["plan"]["activities"][1]["deadline"] = "soon"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_validate_lists_every_problem(tmp_path: Path, plan: atp.Plan) -> None:
    path = _broken_plan(tmp_path, plan)
    with pytest.raises(atp.PlanLoadError) as caught:
        atp.load_plan(path)
    problems = caught.value.problems
    assert len(problems) >= 2
    with ThreadPoolExecutor(max_workers=2) as pool:
        validated, used = pool.map(
            lambda args: run(*args), [("validate", str(path)), ("--plan", str(path), "summary")]
        )
    assert validated.status == 1
    assert validated.stdout.splitlines() == list(problems)
    assert validated.stderr.startswith(PREFIX)
    assert validated.stderr.count("\n") == 1
    assert f"{len(problems)} problems" in validated.stderr
    assert used.status == 1
    assert used.stdout == ""
    assert used.stderr.startswith(PREFIX)
    assert used.stderr.count("\n") == 1
    assert problems[0] in used.stderr
    for result in (validated, used):
        assert "Traceback" not in result.stdout + result.stderr


def test_plan_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text("{ not json", encoding="utf-8")
    result = run("--plan", str(path), "list")
    assert result.status == 1
    assert result.stderr.startswith(PREFIX + f"{path} is not valid JSON")


# -- errors --------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(ERRORS))
def test_errors_are_one_line_with_the_right_status(runs: dict[str, Run], name: str) -> None:
    _, status, fragment = ERRORS[name]
    result = runs[f"error: {name}"]
    assert result.status == status
    assert result.stdout == ""
    assert result.stderr.startswith(PREFIX)
    assert result.stderr.endswith("\n")
    assert result.stderr.count("\n") == 1
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_pipe_is_quiet() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE
    try:
        proc = subprocess.run(
            [*COMMAND, "export"], stdout=write_end, stderr=subprocess.PIPE, env=_env(), timeout=60
        )
    finally:
        os.close(write_end)
    assert proc.returncode != 0
    assert proc.stderr == b""


# -- help, version, python -m, colour ------------------------------------------------------------
@pytest.mark.parametrize(
    "command", ["", "summary", "list", "show", "institutions", "deadline", "export", "validate"]
)
def test_help_has_an_example(runs: dict[str, Run], command: str) -> None:
    out = ok(runs[f"help_{command}" if command else "help"]).stdout
    assert out.startswith("usage: antitrafficking-plan")
    assert "examples:\n  antitrafficking-plan " in out
    assert width(out) <= 80


def test_version(runs: dict[str, Run]) -> None:
    assert ok(runs["version"]).stdout == f"antitrafficking-plan {atp.__version__}\n"


def test_python_dash_m(runs: dict[str, Run]) -> None:
    result = ok(run("summary", command=[sys.executable, "-m", "antitrafficking_plan"]))
    assert result.stdout == runs["summary"].stdout


def test_tables_fit_80_columns(runs: dict[str, Run]) -> None:
    for name in ("summary", "list", "institutions", "show", "deadline"):
        assert width(ok(runs[name]).stdout) <= 80, name


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("no_color", "coloured"), [("", True), ("1", False)])
def test_colour_only_on_a_terminal(no_color: str, coloured: bool) -> None:
    import pty

    controller, terminal = pty.openpty()
    chunks: list[bytes] = []
    try:
        proc = subprocess.Popen(
            [*COMMAND, "institutions"],
            stdout=terminal,
            stderr=subprocess.DEVNULL,
            env=_env({"NO_COLOR": no_color, "TERM": "xterm"}),
        )
        os.close(terminal)
        terminal = -1
        while True:  # read while it writes: a full terminal buffer would block it
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the terminal side is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        status = proc.wait(timeout=60)
    finally:
        os.close(controller)
        if terminal != -1:
            os.close(terminal)
    assert status == 0
    assert ("\x1b[1m" in b"".join(chunks).decode("utf-8")) is coloured


def test_narrow_terminals_keep_the_code_column_whole() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "40"}
    out = subprocess.run(
        [sys.executable, "-m", "antitrafficking_plan", "list", "--institution", "MLSW"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    codes = [line.split()[0] for line in out.splitlines()[2:-1]]
    assert "1.1.3" in codes
    assert all("…" not in code for code in codes)


def test_text_that_reorders_a_terminal_is_neutralised() -> None:
    from antitrafficking_plan import _table

    assert _table.clean("safe\u202eevil\u2066x") == "safe evil x"
