"""HTML renderings for notebooks (``_repr_html_``) and the short ``repr`` of the model."""

from __future__ import annotations

import attrs
import pytest

from antitrafficking_plan import (
    Activities,
    Activity,
    Cost,
    FundingSource,
    Institution,
    InstitutionKind,
    Note,
    Provenance,
    parse_deadline,
)
from antitrafficking_plan.display import (
    activities_html,
    activity_html,
    institution_html,
    plan_html,
)
from plans import act, build_plan, inst

SCRIPT = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def hostile_institution() -> Institution:
    return Institution(
        "X<b>",
        InstitutionKind.BODY,
        f"Ministry {SCRIPT}",
        aliases=(f"alias {SCRIPT}",),
        note=f"note {SCRIPT}",
    )


def hostile_activity() -> Activity:
    institution = hostile_institution()
    return Activity(
        "1.1.1",
        description=f"describe {SCRIPT}",
        expected_results=f"results {SCRIPT}",
        indicators=f"indicators {SCRIPT}",
        sources_of_verification=f"sources {SCRIPT}",
        responsible=(institution,),
        supporting=(institution,),
        deadline=parse_deadline("Q4 2015"),
        cost=Cost(f"cost {SCRIPT}", 1000, (FundingSource.DONORS,)),
        provenance=Provenance(lines=(3,), notes=(Note("row", f"note {SCRIPT}"),)),
    )


def assert_escaped(html: str) -> None:
    assert "<script>" not in html
    assert "</script>" not in html
    assert ESCAPED in html
    assert "X<b>" not in html
    assert "X&lt;b&gt;" in html


# -- _repr_html_ ------------------------------------------------------------------------
def test_institution_repr_html_escapes() -> None:
    html = hostile_institution()._repr_html_()
    assert html == institution_html(hostile_institution())
    assert_escaped(html)
    assert "Ministry " in html


def test_activity_repr_html_escapes() -> None:
    activity = hostile_activity()
    html = activity._repr_html_()
    assert html == activity_html(activity)
    assert_escaped(html)
    for label in (
        "describe",
        "results",
        "indicators",
        "sources",
        "cost",
        "Q4 2015",
        "amount 1,000",
    ):
        assert label in html


def test_activities_repr_html_escapes() -> None:
    activities = Activities([hostile_activity()])
    html = activities_html(activities)
    assert_escaped(html)
    repr_html = getattr(activities, "_repr_html_", None)
    if repr_html is None:  # pragma: no cover - added to collection.py by its owner
        pytest.skip("Activities._repr_html_ is not there yet")
    assert repr_html() == html


def test_plan_repr_html_escapes() -> None:
    plan = build_plan([hostile_activity()])
    plan = plan.evolve(title=f"Plan {SCRIPT}", jurisdiction=f"Land {SCRIPT}")
    html = plan._repr_html_()
    assert html == plan_html(plan)
    assert "<script>" not in html
    assert f"Plan {ESCAPED}" in html
    assert f"Land {ESCAPED}" in html
    assert "1 activities" in html or "1 activity" in html


def test_attribute_values_are_escaped_too() -> None:
    """Institution names go into a ``title`` attribute: quotes must be escaped there."""
    quoted = Institution("Q", name='say "hi" <now>')
    html = activity_html(act("1.1.1", responsible=[quoted]))
    assert 'title="say &quot;hi&quot; &lt;now&gt;"' in html


def test_activities_html_limit() -> None:
    acts = [act(f"1.1.{i}", deadline="2016") for i in range(1, 8)]
    html = activities_html(acts, limit=3)
    assert html.count("<tr>") == 1 + 3
    assert "4 more (of 7)" in html
    assert activities_html(acts, limit=None).count("<tr>") == 1 + 7
    assert "more" not in activities_html(acts, limit=None)
    assert activities_html([], limit=5).count("<tr>") == 1
    with pytest.raises(ValueError, match="limit"):
        activities_html(acts, limit=-1)


def test_missing_values_are_said_not_hidden() -> None:
    html = activity_html(Activity("2.1.1"))
    assert html.count("none given") >= 5  # description..deadline, cost
    assert "none" in html


def test_bundled_plan_renders() -> None:
    from antitrafficking_plan import load_plan

    plan = load_plan()
    html = plan._repr_html_()
    assert f"{len(plan.activities)} activities" in html
    for objective in plan.strategic_objectives:
        assert f"<b>{objective.code}</b>" in html
        assert f">{objective.label}<" in html
    assert "label (editorial)" in html
    assert "MLSW" in plan.institution("MLSW")._repr_html_()


def test_plan_html_shows_the_reading_with_the_printed_pieces_one_step_away() -> None:
    from html import escape

    from antitrafficking_plan import load_plan

    plan = load_plan()
    html = plan_html(plan)
    four = plan.strategic_objectives[3]
    assert four.reading is not None
    assert four.title is not None
    reading_at = html.index(escape(four.reading, quote=True))
    printed_at = html.index(escape(four.title, quote=True))
    assert reading_at < html.index("<details>", reading_at) < printed_at
    two = plan.strategic_objectives[1]  # printed whole: the reading is the title
    assert html.count(escape(two.reading or "", quote=True)) == 1
    assert "1.1.2" in plan.activity("1.1.2")._repr_html_()


# -- short reprs ------------------------------------------------------------------------
def test_activity_repr_is_short() -> None:
    activity = act(
        "1.1.2",
        description="Launching of a situation analysis of children in movement in Kosovo",
        deadline="2015-2017",
    )
    assert repr(activity) == "<Activity 1.1.2 'Launching of a situation analysis…' due 2015-2017>"


@pytest.mark.parametrize(
    ("deadline", "tail"),
    [
        (None, "no deadline>"),
        ("ongoing", "ongoing>"),
        ("2016 onwards", "2016 onwards>"),
        ("Q4 2015", "due Q4 2015>"),
    ],
)
def test_activity_repr_deadline(deadline: str | None, tail: str) -> None:
    assert repr(act("3.1.1", description="Short", deadline=deadline)).endswith("'Short' " + tail)


def test_activity_repr_without_description() -> None:
    assert repr(Activity("3.1.1")) == "<Activity 3.1.1 no deadline>"


def test_activity_repr_leaves_out_provenance() -> None:
    activity = attrs.evolve(
        act("1.1.1", description="x" * 500), provenance=Provenance(raw="RAW" * 100)
    )
    text = repr(activity)
    assert "RAW" not in text
    assert len(text) < 80


def test_institution_repr() -> None:
    mlsw = Institution("MLSW", InstitutionKind.BODY, "Ministry of Labour and Social Welfare")
    assert repr(mlsw) == "<Institution MLSW (body): Ministry of Labour and Social Welfare>"
    assert repr(Institution("Donors", InstitutionKind.GROUP)) == "<Institution Donors (group)>"
    assert repr(inst("MIA")) == "<Institution MIA (body)>"


def test_attrs_keeps_the_user_defined_reprs() -> None:
    """``@frozen`` detects a ``__repr__`` written in the class body and keeps it."""
    assert "__repr__" in Activity.__dict__
    assert "__repr__" in Institution.__dict__
    assert Activity.__repr__.__qualname__ == "Activity.__repr__"
    assert Institution.__repr__.__qualname__ == "Institution.__repr__"
    # ...while equality and hashing stay attrs-generated over all fields.
    assert act("1.1.1", description="a") != act("1.1.1", description="b")
    assert hash(inst("MIA")) == hash(inst("MIA"))
