"""The HTML report: one self-contained, well-formed, escaped, accessible page."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from antitrafficking_plan import (
    Deadline,
    Institution,
    Note,
    Plan,
    SourceReference,
    SpecificObjective,
    StrategicObjective,
    load_plan,
)
from antitrafficking_plan.cli import main
from antitrafficking_plan.demo import demo_plan, demo_plan_path, demo_status_log, demo_status_path
from antitrafficking_plan.report import report_html
from antitrafficking_plan.status import Status
from antitrafficking_plan.statuslog import StatusLog, StatusReport
from htmlcheck import BIDI, check_html
from plans import act, build_plan, inst, plans
from statuslogs import logs

DAY = date(2021, 1, 1)  # the fictional demo log's date in the examples


@pytest.fixture(scope="module")
def bundled() -> str:
    return report_html(load_plan())


@pytest.fixture(scope="module")
def demo() -> str:
    return report_html(demo_plan(), status=demo_status_log(), as_of=DAY)


def _row_codes(html: str) -> list[str]:
    """The codes of the rows of the table of every activity."""
    table = html[html.index('id="activity-table"') :]
    table = table[: table.index("</table>")]
    return re.findall(r'<tr class="act"[^>]*><th scope="row">([^<]+)</th>', table)


# -- the bundled plan ------------------------------------------------------------------------
def test_bundled_report_is_well_formed_and_complete(bundled: str) -> None:
    assert check_html(bundled) == []
    assert bundled.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert _row_codes(bundled) == list(load_plan().activities.codes)


def test_bundled_report_is_small_and_loads_nothing(bundled: str) -> None:
    assert len(bundled.encode("utf-8")) < 2_000_000
    references = re.findall(r'\b(?:src|href)\s*=\s*"([^"]*)"', bundled)
    assert references, "the contents links are fragment references"
    assert all(r.startswith("#") for r in references), references
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:|//)", bundled)
    assert bundled.count("<script") == 1  # the filter, inline
    assert "<link" not in bundled
    assert "<iframe" not in bundled


def test_bundled_report_is_not_called_fictional(bundled: str) -> None:
    assert "FICTIONAL" not in bundled
    assert 'class="banner"' not in bundled


def test_bundled_report_shows_provenance_and_caveats(bundled: str) -> None:
    plan = load_plan()
    assert "<details><summary>Caveats of the data (6)" in bundled
    for note in plan.notes:
        assert note.text.replace('"', "&quot;").replace("'", "&#x27;") in bundled
    assert "March 2015" in bundled
    assert "Pristina" in bundled
    assert "(label: editorial)" in bundled  # the 4P labels are not source text


def test_bundled_report_has_every_part(bundled: str) -> None:
    for heading in (
        "At a glance",
        "About this plan",
        "Strategic objectives",
        "Workload by institution",
        "Timeline",
        "Every activity",
        "Quality of the plan",
    ):
        assert f">{heading}</h2>" in bundled
    assert "Late and unreported" not in bundled  # no status log, no lateness
    assert bundled.count('<svg class="chart"') == 1  # the timeline
    assert '<abbr title="Ministry of Labour and Social Welfare">MLSW</abbr>' in bundled


def test_charts_are_inline_svg_with_unique_ids_and_a_text_alternative(demo: str) -> None:
    assert demo.count('<svg class="chart"') == 2
    assert "<?xml" not in demo
    assert "<!DOCTYPE svg" not in demo
    assert "<metadata>" not in demo
    for prefix in ("chart-progress", "chart-timeline"):
        assert f'aria-labelledby="{prefix}-title {prefix}-desc"' in demo
        assert f'<desc id="{prefix}-desc">' in demo
    ids = re.findall(r' id="([^"]+)"', demo)
    assert len(ids) == len(set(ids))
    assert "Activities running each year" in demo  # the timeline's numbers as a table


def test_report_is_deterministic() -> None:
    plan, log = demo_plan(), demo_status_log()
    assert report_html(plan, status=log, as_of=DAY) == report_html(plan, status=log, as_of=DAY)


def test_print_stylesheet_is_there(bundled: str) -> None:
    style = bundled[bundled.index("<style>") : bundled.index("</style>")]
    assert "size: A4" in style
    assert "@media print" in style
    assert "break-before: page" in style
    assert "break-inside: avoid" in style
    assert "display: table-header-group" in style


# -- dates and status logs -------------------------------------------------------------------
def test_as_of_without_a_log_counts_what_was_due_but_calls_nothing_late() -> None:
    plan = load_plan()
    html = report_html(plan, as_of=date(2017, 1, 1))
    assert check_html(html) == []
    due = len(plan.activities.overdue(date(2017, 1, 1)))
    assert f'<span class="n">{due}</span> <span>due before 2017-01-01</span>' in html
    assert "No status log given" in html
    assert "b-late" not in html.split("</style>")[1]
    assert 'data-standing="due_passed"' in html


def test_demo_report_says_fictional_everywhere(demo: str) -> None:
    assert check_html(demo) == []
    assert '<p class="banner" role="note"><strong>FICTIONAL demo data.</strong>' in demo
    assert "<title>FICTIONAL" in demo
    assert demo.count("FICTIONAL demo data. Progress") == 1  # chart titles say it
    assert "@bottom-left" in demo  # on every printed page


def test_demo_report_says_what_was_made_up(demo: str) -> None:
    assert "This plan and status log were made up for the documentation" in demo
    assert 'content: "FICTIONAL demo data: not a real plan, institution or status"' in demo


def test_a_plan_of_your_own_that_says_fictional_is_marked_too() -> None:
    """The rule of progress.is_fictional: a plan whose title says "fictional" (a
    workshop's made-up plan, not the library's demo) is marked on every part."""
    plan = build_plan([act("1.1.1", deadline="2016")]).evolve(
        title="Training plan (fictional, for a workshop)"
    )
    html = report_html(plan)
    assert check_html(html) == []
    assert '<p class="banner" role="note"><strong>FICTIONAL data.</strong> This plan says' in html
    assert "made up for the documentation" not in html
    assert "<title>FICTIONAL" in html
    assert 'content: "FICTIONAL data: not a real plan, institution or status"' in html


def test_a_status_log_that_says_fictional_marks_the_report_of_a_real_plan() -> None:
    plan = load_plan()
    code = plan.activities[0].code
    log = StatusLog([StatusReport(code, DAY, Status.COMPLETED, source="fictional example")])
    html = report_html(plan, status=log, as_of=DAY)
    assert "<strong>FICTIONAL data.</strong> This status log says it is fictional" in html
    assert html.count("FICTIONAL data. Progress") == 1


def test_demo_report_shows_progress_late_and_evidence(demo: str) -> None:
    plan, log = demo_plan(), demo_status_log()
    assert _row_codes(demo) == list(plan.activities.codes)
    late_part = demo[demo.index('id="late"') : demo.index('id="workload"')]
    assert re.findall(r'<tr><th scope="row">([^<]+)</th>', late_part) == ["1.2.2", "2.2.1", "2.2.3"]
    assert "Ministry of Examples (fictional)" in late_part  # names written out
    for report in log.as_of(DAY).values():
        if report.evidence:
            assert report.evidence in demo
    assert "reported as “në vazhdim”" in demo
    assert '<span class="n">2</span> <span>completed</span>' in demo
    assert '<span class="n">2</span> <span>late</span>' in demo
    assert '<span class="n">1</span> <span>overdue with no report</span>' in demo


def test_a_log_that_is_not_the_demo_gets_no_banner() -> None:
    plan = build_plan([act("1.1.1", deadline="2016")])
    log = StatusLog([StatusReport("1.1.1", date(2016, 6, 30), "in_progress")])
    html = report_html(plan, status=log, as_of=date(2017, 1, 1))
    assert "FICTIONAL" not in html
    assert 'data-standing="late"' in html


def test_a_status_log_needs_a_date() -> None:
    with pytest.raises(ValueError, match="needs as_of"):
        report_html(demo_plan(), status=demo_status_log())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"status": "log.csv", "as_of": DAY}, "status must be a StatusLog"),
        ({"as_of": "2021-01-01"}, "as_of must be a datetime.date"),
        ({"title": 3}, "title must be a str"),
    ],
)
def test_bad_arguments_are_type_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        report_html(demo_plan(), **kwargs)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="takes a Plan"):
        report_html(demo_plan().activities)  # type: ignore[arg-type]


def test_without_matplotlib_the_report_says_where_charts_would_be(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib fails
    html = report_html(demo_plan(), status=demo_status_log(), as_of=DAY)
    assert check_html(html) == []
    assert "<svg" not in html
    assert html.count("Chart not drawn: drawing it needs matplotlib, which is not installed") == 2
    assert html.count("python -m pip install &quot;.[plot]&quot;") == 2
    assert "Activities running each year" in html  # the numbers are still there


# -- escaping --------------------------------------------------------------------------------
HOSTILE = (
    "<script>alert(\"x\")</script> & 'q' \u202egnp.exe\u202c <img src=x onerror=alert(1)> $x^2$"
)


def _hostile_plan() -> Plan:
    def h(field: str) -> str:
        return f"{field} {HOSTILE}"

    one = Institution("H<1>", name=h("name one"), aliases=(h("alias"),), note=h("note"))
    two = inst("I\u202e&2", h("name two"))
    activities = [
        act(
            "1.1.1",
            description=h("description"),
            indicators=h("indicator"),
            responsible=[one],
            supporting=[two],
            deadline="2016",
        ),
        act("1.1.2", description=h("other"), responsible=[two], deadline="Q2 2015"),
        act("2.1.1", description=h("third"), responsible=[one], deadline="ongoing"),
    ]
    return Plan(
        title=h("title"),
        jurisdiction=h("jurisdiction"),
        issuer=h("issuer"),
        period=Deadline.of_years(2015, 2019),
        source=SourceReference(h("source"), h("source issuer"), place=h("place"), note=h("n")),
        dataset_version=h("version"),
        strategic_objectives=[
            StrategicObjective("1", (h("objective one"),), label=h("label"), reading=h("reading")),
            StrategicObjective("2", (h("objective two"),)),
        ],
        specific_objectives=[SpecificObjective("1.1", (h("specific"),)), SpecificObjective("2.1")],
        institutions=(one, two),
        activities=activities,
        notes=(Note(h("field"), h("caveat")),),
    )


def _hostile_log() -> StatusLog:
    texts = {"evidence": f"ev {HOSTILE}", "reported_by": f"by {HOSTILE}", "source": f"s {HOSTILE}"}
    return StatusLog(
        [
            StatusReport.from_word("1.1.1", date(2016, 6, 30), "në vazhdim", **texts),
            StatusReport("1.1.2", date(2016, 6, 30), "completed", **texts),
            StatusReport("2.1.1", date(2016, 6, 30), "in_progress", "limited", **texts),
        ]
    )


@pytest.mark.parametrize("charts", [True, False], ids=["charts", "no-charts"])
def test_hostile_text_in_every_field_is_escaped(
    monkeypatch: pytest.MonkeyPatch, charts: bool
) -> None:
    if not charts:
        monkeypatch.setitem(sys.modules, "matplotlib", None)
    html = report_html(
        _hostile_plan(), status=_hostile_log(), as_of=date(2017, 1, 1), title=f"t {HOSTILE}"
    )
    assert check_html(html) == []  # bidi controls only inside <bdi>, none in attributes
    head = html[html.index("<title>") : html.index("</title>")]
    assert "<bdi>" not in head
    assert "[U+202E]" in head
    assert html.count("<script") == 1
    assert "<img" not in html
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;"
    for field in (
        "title",
        "jurisdiction",
        "issuer",
        "source",
        "place",
        "version",
        "label",
        "reading",
        "description",
        "other",
        "third",
        "name one",
        "name two",
        "caveat",
        "ev",
        "by",
        "s",
    ):
        assert f"{field} {escaped}" in html or f"<bdi>{field} {escaped}" in html, field
    assert "H&lt;1&gt;" in html
    assert "I<bdi>" not in html
    assert "[U+202E]" in html  # in attribute values (full names on hover), shown as code points
    if charts:
        chart = html[html.index('<svg class="chart"') :]
        assert not BIDI.search(chart[: chart.index("</svg>")])
        assert "$x^2$" in chart  # no mathtext: the text is drawn as written


# -- properties ------------------------------------------------------------------------------
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data(), day=st.dates(date(2014, 1, 1), date(2021, 12, 31)))
def test_the_report_of_any_plan_is_well_formed_and_has_every_code(
    data: st.DataObject, day: date
) -> None:
    plan = data.draw(plans(max_activities=12))
    log = data.draw(st.one_of(st.none(), logs(plan, max_reports=12)))
    as_of = day if log is not None or data.draw(st.booleans()) else None
    html = report_html(plan, status=log, as_of=as_of)
    assert check_html(html) == []
    assert sorted(_row_codes(html)) == sorted(plan.activities.codes)
    if log is not None:
        assert html.count('<tr class="act" data-standing=') == len(plan.activities)


# -- the command line ------------------------------------------------------------------------
def test_cli_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    args = ["--plan", str(demo_plan_path()), "report", "-o", str(out)]
    assert main([*args, "--status", str(demo_status_path()), "--as-of", "2021-01-01"]) == 0
    html = out.read_text(encoding="utf-8")
    assert html == report_html(demo_plan(), status=demo_status_log(), as_of=DAY)
    assert f"wrote {out}" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary left


def test_cli_report_to_standard_output(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["--plan", str(demo_plan_path()), "report", "-o", "-", "--title", "Mine"]) == 0
    assert "<h1>Mine</h1>" in capsysbinary.readouterr().out.decode("utf-8")


def test_cli_status_needs_as_of(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.html"
    assert main(["report", "-o", str(out), "--status", str(demo_status_path())]) == 2
    assert "--status needs --as-of" in capsys.readouterr().err
    assert not out.exists()


def test_cli_bad_status_file_and_unwritable_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the demo log names 2.2.x activities, which the bundled plan does not have
    out = tmp_path / "r.html"
    status = ["--status", str(demo_status_path()), "--as-of", "2021-01-01"]
    assert main(["report", "-o", str(out), *status]) == 1
    assert "2.2.1" in capsys.readouterr().err
    assert not out.exists()
    assert main(["report", "-o", str(tmp_path / "missing" / "r.html")]) == 3  # EXIT_OUTPUT
    assert "cannot write" in capsys.readouterr().err
