"""What a new user meets first (issue 16): one display protocol, one rule for dates, lookups
and search by name, the new commands in an 80-column terminal, charts that keep an
objective's colour and the plan's period, and install docs that work."""

from __future__ import annotations

import re
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from antitrafficking_plan import cli, load_plan
from antitrafficking_plan._dates import as_date
from antitrafficking_plan._table import display_width
from antitrafficking_plan.aggregate import Timeline, Workload
from antitrafficking_plan.display import to_html
from antitrafficking_plan.errors import UnknownNameError
from antitrafficking_plan.plan import Plan
from antitrafficking_plan.quarter import Quarter
from antitrafficking_plan.results import FrozenMap
from antitrafficking_plan.summary import summarize
from plans import act, build_plan, inst

ROOT = Path(__file__).resolve().parent.parent
PLAN = load_plan()
ACTS = PLAN.activities


def result_values() -> dict[str, Any]:
    """Every kind of result value a user can get from the plan."""
    return {
        "workload": PLAN.workload(),
        "workload_specific": PLAN.workload("specific"),
        "timeline": PLAN.timeline(),
        "timeline_quarter": PLAN.timeline("quarter"),
        "quality": PLAN.quality_report(),
        "costs": PLAN.cost_summary(),
        "counts": ACTS.count_by("responsible"),
        "counts_years": ACTS.count_by("deadline_year"),
        "groups": ACTS.group_by("deadline_quarter"),
        "summary": summarize(PLAN),
        "map": PLAN.timeline().counts,
    }


# -- one display protocol --------------------------------------------------------------------
FALLBACK = "<pre>"


@pytest.mark.parametrize("name", sorted(result_values()))
def test_every_result_has_a_notebook_display_of_its_own(name: str) -> None:
    value = result_values()[name]
    html = value._repr_html_()
    assert html == to_html(value)
    assert (html.startswith("<div") and "<table" in html) or "<ul" in html
    assert FALLBACK not in html, "fell back to the plain-text box"


@pytest.mark.parametrize("name", sorted(result_values()))
def test_every_result_has_a_short_readable_repr(name: str) -> None:
    text = repr(result_values()[name])
    assert len(text) < 160, text
    assert "=" not in text, f"an attrs field dump: {text}"


def test_reprs_say_what_they_hold() -> None:
    assert repr(PLAN.workload()) == "<Workload: 67 institutions x 4 strategic objectives>"
    assert repr(PLAN.timeline()) == "<Timeline 2015-2019 by year: 5 periods, 3 undated>"
    assert repr(PLAN.workload().row("MLSW")) == "<WorkloadRow MLSW: leads 20, supports 12>"
    assert repr(PLAN.timeline().periods[0]) == "<TimelinePeriod 2015: 81 activities>"
    report = PLAN.quality_report()
    assert repr(report.no_indicator) == "<QualityCheck no_indicator: 5 of 86 (5.8%)>"
    assert "no_indicator 5" in repr(report)


def test_result_html_escapes_data() -> None:
    counts = build_plan(
        [act("1.1.1", responsible=[inst("<b>X</b>", "A & <i>B</i>")])]
    ).activities.count_by("responsible")
    html = counts._repr_html_()
    assert "<b>X</b>" not in html
    assert "&lt;b&gt;X&lt;/b&gt;" in html
    assert "A &amp; &lt;i&gt;B&lt;/i&gt;" in html


def test_print_activity_shows_labelled_lines() -> None:
    activity = PLAN.activity("2.3.8")
    text = str(activity)
    lines = text.split("\n")
    assert lines[0] == "Activity 2.3.8 (objective 2.3)"
    assert len(lines) > 8
    assert all(display_width(line) <= 80 for line in lines)
    for label in ("description", "responsible", "supporting", "deadline", "cost"):
        assert any(line.startswith(f"  {label} ") for line in lines), label
    assert "VAAO: Victims' Advocacy and Assistance Office" in text
    assert "ongoing (ongoing: no start, no due date)" in text
    assert repr(activity).startswith("<Activity 2.3.8")  # the repr stays one line


def test_print_activity_without_texts_says_none_given() -> None:
    text = str(act("1.1.1", description="x", indicators=None))
    assert "  indicators    (none given)" in text
    assert "  deadline      none given" in text


# -- data frames -------------------------------------------------------------------------------
TABULAR = ("workload", "timeline", "quality", "counts", "counts_years", "groups")


@pytest.mark.parametrize("name", TABULAR)
def test_tabular_results_become_pandas_frames_of_their_records(name: str) -> None:
    pd = pytest.importorskip("pandas")
    value = result_values()[name]
    frame = value.to_pandas()
    records = value.to_records()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(records[0])
    assert len(frame) == len(records)
    first = frame.iloc[0].to_dict()
    for key, cell in records[0].items():
        got = first[key]
        if isinstance(cell, list):
            assert list(got) == cell
        elif cell is None:
            assert pd.isna(got)
        elif key in ("start", "due"):
            assert got.date().isoformat() == cell
        else:
            assert got == cell


@pytest.mark.parametrize("name", TABULAR)
def test_tabular_results_become_polars_frames_of_their_records(name: str) -> None:
    pl = pytest.importorskip("polars")
    value = result_values()[name]
    frame = value.to_polars()
    records = value.to_records()
    assert isinstance(frame, pl.DataFrame)
    assert frame.columns == list(records[0])
    assert frame.height == len(records)
    rows = frame.to_dicts()
    for key in records[0]:
        if key not in ("start", "due"):
            assert [r[key] for r in rows] == [r[key] for r in records], key


def test_frame_types() -> None:
    pl = pytest.importorskip("polars")
    timeline = PLAN.timeline().to_polars()
    assert timeline.schema["start"] == pl.Date
    assert timeline["start"][0] == date(2015, 1, 1)
    years = ACTS.count_by("deadline_year").to_polars("year")
    assert years.columns == ["year", "count"]
    assert years.schema["year"] == pl.Int64
    assert years["year"].null_count() == 1  # the activities without a due date
    groups = ACTS.group_by("responsible").to_pandas("institution")
    assert groups.columns.tolist() == ["institution", "code"]
    assert set(groups[groups.institution == "MLSW"].code) == set(
        ACTS.involving("MLSW", role="responsible").codes
    )


# -- one rule for dates ----------------------------------------------------------------------
days = st.dates(date(2013, 1, 1), date(2021, 12, 31))


@given(days, st.integers(0, 900))
def test_a_date_and_its_iso_string_filter_alike(day: date, span: int) -> None:
    end = day + timedelta(days=span)
    iso, iso_end = day.isoformat(), end.isoformat()
    assert ACTS.due_by(iso) == ACTS.due_by(day)
    assert ACTS.overdue(iso) == ACTS.overdue(day)
    assert ACTS.due_between(iso, iso_end) == ACTS.due_between(day, end)
    assert ACTS.due_between(iso, end) == ACTS.due_between(day, iso_end)
    assert ACTS.due_by(f"  {iso} ") == ACTS.due_by(datetime(day.year, day.month, day.day, 12))
    assert Quarter.of(iso) == Quarter.of(day)
    assert as_date(iso, "x") == day


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("31.12.2016", ValueError, r"day: '31\.12\.2016' is not an ISO date \(YYYY-MM-DD\)"),
        ("2016-02-30", ValueError, r"day: '2016-02-30' is not a valid date"),
        ("", ValueError, "is not an ISO date"),
        (2016, TypeError, "day must be a datetime.date or an ISO date string"),
        (None, TypeError, "not NoneType"),
    ],
)
def test_a_bad_date_is_a_clear_error(value: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        ACTS.due_by(value)  # type: ignore[arg-type]


def test_chart_as_of_takes_an_iso_string() -> None:
    pytest.importorskip("matplotlib")
    from antitrafficking_plan import plot

    fig = plot.timeline_chart(ACTS.under("3"), plan=PLAN, as_of="2018-01-01")
    lines = [line for line in fig.axes[0].get_lines() if line.get_color() == "#C00000"]
    assert lines
    xdata: Any = lines[0].get_xdata()
    assert xdata[0] == date(2018, 1, 1).toordinal()
    with pytest.raises(ValueError, match="as_of"):
        plot.timeline_chart(PLAN, as_of="1.1.2018")


# -- lookups by code and name -------------------------------------------------------------------
def test_activities_by_code() -> None:
    # a code is accepted where an Activity is (mypy's strict equality sees only Activity)
    assert "2.3.8" in PLAN.activities  # type: ignore[comparison-overlap]
    assert " 2.3.8 " in PLAN.activities  # type: ignore[comparison-overlap]
    assert "2.3" not in PLAN.activities  # type: ignore[comparison-overlap]
    assert PLAN.activities["2.3.8"].code == "2.3.8"
    with pytest.raises(KeyError):
        PLAN.activities["9.9.9"]


def test_one_word_gets_a_suggestion() -> None:
    with pytest.raises(UnknownNameError) as err:
        ACTS.involving("labour")
    assert err.value.suggestions[0] == "MLSW"
    assert "did you mean" in str(err.value) or "MLSW" in str(err.value)
    assert "MLSW" not in PLAN.registry.suggest("of")  # a small word alone is no word match


def test_search_institutions_ranks_exact_then_close() -> None:
    assert [i.code for i in PLAN.search_institutions("labor")][:1] == ["MLSW"]
    assert PLAN.search_institutions("Police")[0].code == "Police"
    assert PLAN.search_institutions("kosovo police")[0].code == "KP"
    assert PLAN.search_institutions("zzzz") == ()
    assert len(PLAN.search_institutions("ministry", limit=3)) == 3
    assert PLAN.registry.search("ngo")[0].code == "NGOs"
    with pytest.raises(ValueError, match="empty"):
        PLAN.search_institutions("  ")
    with pytest.raises(TypeError):
        PLAN.search_institutions(3)  # type: ignore[arg-type]


def test_searching_an_institutions_code_or_name_finds_it_first() -> None:
    for institution in PLAN.institutions:
        assert PLAN.search_institutions(institution.code)[0] == institution
        if institution.name:
            assert PLAN.search_institutions(institution.name)[0] == institution


@given(st.sampled_from(PLAN.institutions), st.sampled_from(["upper", "lower", "spaced"]))
def test_search_ignores_case_and_spacing(institution: Any, form: str) -> None:
    name = institution.name or institution.code
    asked = {"upper": name.upper(), "lower": name.lower(), "spaced": f"  {name}  "}[form]
    assert PLAN.search_institutions(asked)[0] == institution


def test_role_any_is_either_role() -> None:
    assert ACTS.involving("MLSW", role="any") == ACTS.involving("MLSW")
    with pytest.raises(ValueError, match="'any'"):
        ACTS.involving("MLSW", role="leading")  # type: ignore[arg-type]


# -- the command line in 80 columns --------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")


def assert_fits(text: str, width: int = 80) -> None:
    wide = [line for line in text.splitlines() if display_width(line) > width]
    assert not wide, wide


@pytest.mark.parametrize(
    "args",
    [
        ("workload",),
        ("workload", "--level", "specific"),
        ("quality",),
        ("timeline",),
        ("timeline", "--by", "quarter"),
        ("institutions",),
        ("summary",),
    ],
)
def test_tables_fit_80_columns(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    status, out, _ = run(capsys, *args)
    assert status == 0
    assert_fits(out)
    assert not re.search(r"\b\d+/\d+\b", out), "a led/supported cell that reads like a fraction"


def test_workload_command_counts_led_and_supported_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "workload")
    header = next(line for line in out.splitlines() if line.startswith("institution"))
    assert header.split() == [
        "institution",
        "led",
        "sup",
        *[f"{word}" for c in "1234" for word in (c, "led", c, "sup")],
    ]
    mlsw = next(line for line in out.splitlines() if line.startswith("MLSW "))
    row = PLAN.workload().row("MLSW")
    expected = [row.total_leading, row.total_supporting]
    for code in "1234":
        expected += [row.leading[code], row.supporting[code]]
    assert [int(n) for n in mlsw.split()[1:]] == expected


@pytest.mark.parametrize("command", ["workload", "quality", "timeline"])
def test_new_commands_in_every_format(capsys: pytest.CaptureFixture[str], command: str) -> None:
    import csv
    import io
    import json

    _, as_json, _ = run(capsys, command, "--format", "json")
    _, as_csv, _ = run(capsys, command, "--format", "csv")
    _, as_markdown, _ = run(capsys, command, "--format", "markdown")
    records = json.loads(as_json)
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert len(rows) == len(records) > 0
    assert as_markdown.startswith("| ")
    assert as_markdown.splitlines()[1].startswith("|---")
    value = {"workload": PLAN.workload(), "quality": PLAN.quality_report()}.get(command)
    if value is not None:
        assert records == json.loads(json.dumps(value.to_records()))
    else:
        assert records[-1] == {"period": "undated", "start": None, "due": None, "count": 3}


def test_workload_top(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "workload", "--top", "2", "--format", "csv")
    assert {line.split(",")[0] for line in out.splitlines()[1:]} == {"MLSW", "MIA"}
    status, _, err = run(capsys, "workload", "--top", "0")
    assert status == 2
    assert "--top must be 1 or more" in err


def test_list_without_deadline_or_responsible(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    _, out, _ = run(capsys, "list", "--no-deadline", "--format", "json")
    assert [r["code"] for r in json.loads(out)] == list(ACTS.without_deadline().codes)
    _, out, _ = run(capsys, "list", "--no-responsible", "--format", "json")
    flagged = PLAN.quality_report().no_responsible.codes
    assert [r["code"] for r in json.loads(out)] == list(flagged)
    _, out, _ = run(capsys, "list", "--no-responsible", "--objective", "4", "--format", "json")
    assert [r["code"] for r in json.loads(out)] == [c for c in flagged if c.startswith("4.")]


@pytest.mark.parametrize(("code", "kind"), [("2.3", "specific"), ("2", "strategic")])
def test_show_an_objective_points_to_list(
    capsys: pytest.CaptureFixture[str], code: str, kind: str
) -> None:
    status, _, err = run(capsys, "show", code)
    assert status == 2
    assert f"{code} is a {kind} objective, not an activity" in err
    assert f"list --objective {code}" in err
    assert "did you mean" not in err


def test_institutions_wrap_names_instead_of_cutting(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "institutions")
    assert "…" not in out
    header = out.splitlines()[0]
    assert header.index("kind") <= 18, "the code column takes too much room"
    start = header.index("name")
    column = " ".join(line[start:].strip() for line in out.splitlines()[2:-1])
    flat = " ".join(column.split()).replace("- ", "-")  # a name may wrap after a hyphen
    for institution in PLAN.institutions:
        if institution.name:
            assert " ".join(institution.name.split()) in flat, institution.code


def test_one_of_each_is_singular(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from antitrafficking_plan.dataset import dump_plan

    plan = build_plan([act("1.1.1", responsible=[inst("A", "Agency")], deadline="2016")])
    path = tmp_path / "one.json"
    dump_plan(plan, path)
    _, out, _ = run(capsys, "--plan", str(path), "summary")
    heading = " ".join(out.split("Activities by objective", 1)[1].split("\n")[:2])
    assert "(1 activity; 1 strategic objective, 1 specific objective)" in heading
    _, out, _ = run(capsys, "validate", str(path))
    assert "1 strategic objective, 1 specific objective, 1 activity, 1 institution" in out
    assert repr(plan).endswith("1 strategic objective, 1 activity, 1 institution>")


def test_timeline_text_fits_any_width() -> None:
    timeline: Timeline = PLAN.timeline("quarter")
    for width in (40, 60, 80, 120):
        lines = timeline.to_text(width)
        assert all(display_width(line) <= width for line in lines), width
    assert "#" * 81 in PLAN.timeline().to_text(200)[0]  # one # per activity when it fits
    assert all(display_width(line) <= 80 for line in str(PLAN.timeline()).splitlines())


def test_workload_text_is_long_form_when_the_wide_table_does_not_fit() -> None:
    table: Workload = PLAN.workload("specific")
    lines = table.to_text(80)
    assert any(line.split() == ["institution", "objective", "led", "sup"] for line in lines)
    assert all(display_width(line) <= 80 for line in lines)
    assert table.fits(400)
    assert not table.fits(80)


# -- charts ---------------------------------------------------------------------------------
@pytest.fixture
def plot() -> Any:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from antitrafficking_plan import plot

    return plot


def _bar_colours(fig: Any) -> set[str]:
    from matplotlib.colors import to_hex

    background = "#f4f4f4"  # the shaded plan period behind the bars
    found = {to_hex(p.get_facecolor(), keep_alpha=False) for p in fig.axes[0].patches}
    return found - {background}


def test_an_objective_keeps_its_colour_when_others_are_filtered_out(plot: Any) -> None:
    four = plot.timeline_chart(ACTS.under("4"), plan=PLAN)
    assert _bar_colours(four) == {plot.OBJECTIVE_COLOURS[3].lower()}
    mixed = plot.timeline_chart(ACTS.under("2").intersection(ACTS), plan=PLAN)
    assert _bar_colours(mixed) == {plot.OBJECTIVE_COLOURS[1].lower()}
    assert plot.objective_colour("4.2.1") == plot.OBJECTIVE_COLOURS[3]
    assert plot.objective_colour("x") == plot.objective_colour("x")


def test_a_filtered_timeline_keeps_the_plan_period(plot: Any) -> None:
    with_plan = plot.timeline_chart(ACTS.under("4"), plan=PLAN)
    assert "2015–2019" in with_plan.axes[0].get_title(loc="left")
    alone = plot.timeline_chart(ACTS.under("4"))  # no plan: the span of the deadlines
    assert "2015–2017" in alone.axes[0].get_title(loc="left")
    with pytest.raises(TypeError, match="plan must be a Plan"):
        plot.timeline_chart(ACTS, plan="plan")


def test_timeline_labels_wrap_instead_of_cutting_short(plot: Any) -> None:
    fig = plot.timeline_chart(PLAN.activities.under("1.1"), plan=PLAN)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    description = PLAN.activity("1.1.2").description
    assert description is not None
    label = next(t for t in labels if t.startswith("1.1.2 "))
    shown = " ".join(label.replace("…", "").split()[1:])
    assert len(shown) > 60
    assert description.startswith(shown.rstrip(" ,;:.-"))
    assert "\n" in label


def test_heatmap_has_colour_bars_and_names(plot: Any) -> None:
    fig = plot.workload_heatmap(PLAN, top=5)
    labels = [ax.get_label() for ax in fig.axes]
    assert sum(label == "<colorbar>" for label in labels) == 2
    texts = " ".join(t.get_text() for t in fig.axes[2].texts).replace("\n", " ")
    assert "Ministry of Labour and Social Welfare" in texts
    ticks = fig.axes[0].xaxis.get_major_ticks()
    assert ticks[3].label2.get_color() == plot.OBJECTIVE_COLOURS[3]
    specific = plot.workload_heatmap(PLAN, level="specific", top=5)
    legend = specific._supxlabel.get_text()
    assert legend.startswith("1.1  ")
    assert "2.3  Strengthening the long-term" in legend


# -- docs and packaging --------------------------------------------------------------------------
def test_docs_install_commands_work_without_pypi() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search(
            r"pip install \"?antitrafficking-plan(\[[^\]]*\])?\"?\s*(#|$)", text, re.M
        ), page.name
    start = (ROOT / "docs" / "getting-started.md").read_text(encoding="utf-8")
    assert 'pip install "antitrafficking-plan @ git+<repository URL>"' in start
    assert "python -m pip install ." in start


def test_extras_bring_what_the_docs_promise() -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - the test extra installs tomli there
        import tomli as tomllib
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    names = {k: {re.split(r"[<>=\[; ]", r)[0] for r in v} for k, v in extras.items()}
    assert {"jupyter", "nbconvert", "ipykernel", "matplotlib"} <= names["notebook"]
    assert "ruff" in names["docs"]


def test_rest_tables_become_markdown_tables() -> None:
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        import _griffe_docstrings as griffe_docstrings  # type: ignore[import-not-found]
    except ImportError:
        pytest.skip("the docs extra (griffe) is not installed")
    finally:
        sys.path.remove(str(ROOT / "docs"))
    from antitrafficking_plan import export

    markdown = griffe_docstrings._markdown(export.__doc__ or "")
    assert "| column | type | content |" in markdown
    assert "| ``description`` | str \\| None | the activity as the source words it |" in markdown
    # a continuation line joins its row
    assert "(currency not stated in the source) |" in markdown
    assert "=====" not in markdown


def test_copying_an_example_leaves_out_prompts() -> None:
    css = (ROOT / "docs" / "stylesheets" / "copy.css").read_text(encoding="utf-8")
    assert "[data-md-copying] .gp" in css
    assert "[data-md-copying] .go" in css
    assert "stylesheets/copy.css" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        for block in re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            assert ">>>" not in block, f"{page.name}: a >>> example not marked pycon"


def test_plan_is_a_plan() -> None:
    assert isinstance(PLAN, Plan)
    assert isinstance(PLAN.timeline().counts, FrozenMap)
