"""Progress charts: drawn from the fictional demo data, every status labelled and hatched."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("matplotlib")

import matplotlib

matplotlib.use("Agg")

from antitrafficking_plan import load_plan
from antitrafficking_plan.demo import demo_plan, demo_status_log
from antitrafficking_plan.plot_progress import (
    STATUS_STYLES,
    progress_chart,
    status_timeline_chart,
)
from antitrafficking_plan.progress import progress
from antitrafficking_plan.statuslog import StatusLog

DAY = date(2021, 1, 1)


def test_progress_chart_labels_every_segment() -> None:
    result = progress(demo_status_log(), demo_plan(), as_of=DAY, by="objective")
    fig = progress_chart(result, title="FICTIONAL demo data")
    (ax,) = fig.axes
    labels = [t.get_text() for t in ax.texts]
    nonzero = [n for r in result.rows for n in (*r.counts.values(), r.unreported) if n]
    assert sorted(labels) == sorted(str(n) for n in nonzero)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1.1", "1.2", "2.1", "2.2"]
    assert "FICTIONAL" in ax.get_title()
    with pytest.raises(TypeError):
        progress_chart("nope")  # type: ignore[arg-type]


def test_styles_never_rely_on_colour_alone() -> None:
    hatches = [h for _, h, _ in STATUS_STYLES.values()]
    labels = [label for _, _, label in STATUS_STYLES.values()]
    assert len(set(labels)) == len(labels)
    # at most one style without hatching among the coloured ones; 'no report' is white
    assert len([h for h in hatches if h]) == len(hatches) - 2


def test_status_timeline_labels_each_bar_with_its_status() -> None:
    fig = status_timeline_chart(demo_status_log(), demo_plan(), as_of=DAY)
    (ax,) = fig.axes
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "in progress (late)" in texts
    assert "no report (unreported)" in texts
    assert "as of 2021-01-01" in texts


def test_titles_say_fictional_for_the_demo_data_by_themselves() -> None:
    log, plan = demo_status_log(), demo_plan()  # fictional
    (ax,) = progress_chart(progress(log, plan, as_of=DAY)).axes
    assert ax.get_title() == "Progress by strategic objective as of 2021-01-01 (FICTIONAL data)"
    (ax,) = status_timeline_chart(log, plan, as_of="2021-01-01").axes  # an ISO string
    assert ax.get_title() == "Status of each activity as of 2021-01-01 (FICTIONAL data)"
    (ax,) = progress_chart(progress(log, plan, as_of=DAY), title="my source").axes
    assert ax.get_title().splitlines() == [
        "my source",
        "Progress by strategic objective as of 2021-01-01 (FICTIONAL data)",
    ]


def test_titles_of_other_data_do_not_say_fictional() -> None:
    (ax,) = status_timeline_chart(StatusLog(), load_plan().activities.under("1.1"), as_of=DAY).axes
    assert "FICTIONAL" not in ax.get_title()
