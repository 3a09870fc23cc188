"""The charts render to PNG (skipped when matplotlib, the ``plot`` extra, is missing)."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from antitrafficking_plan import load_plan, plot  # noqa: E402
from plans import act, build_plan, inst  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def render(fig: Any, path: Path) -> int:
    fig.savefig(path, dpi=60)
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC)
    return len(data)


@pytest.mark.parametrize(
    "chart",
    [
        lambda p: plot.timeline_chart(p, as_of=date(2017, 6, 30)),
        lambda p: plot.workload_heatmap(p),
        lambda p: plot.workload_heatmap(p, level="specific", top=None),
        lambda p: plot.deadlines_per_year_chart(p),
    ],
    ids=["timeline", "workload", "workload-specific", "deadlines-per-year"],
)
def test_bundled_plan_charts_render(chart: Callable[[Any], Any], tmp_path: Path) -> None:
    fig = chart(load_plan())
    assert type(fig).__name__ == "Figure"
    assert render(fig, tmp_path / "chart.png") > 5_000


def test_charts_accept_filtered_activities(tmp_path: Path) -> None:
    acts = load_plan().activities.involving("MLSW")
    for fig in (
        plot.timeline_chart(acts),
        plot.workload_heatmap(acts),
        plot.deadlines_per_year_chart(acts),
    ):
        assert render(fig, tmp_path / "chart.png") > 3_000


def test_timeline_draws_every_kind_of_deadline(tmp_path: Path) -> None:
    mia = inst("MIA")
    plan = build_plan(
        [
            act("1.1.1", responsible=[mia], deadline="Q4 2015"),
            act("1.1.2", responsible=[mia], deadline="by end of 2016"),
            act("1.1.3", responsible=[mia], deadline="2017 onwards"),
            act("1.1.4", responsible=[mia], deadline="annually"),
            act("2.1.1", responsible=[mia], deadline="ongoing"),
            act("2.1.2", responsible=[mia], deadline="2025"),  # outside the period
            act("2.1.3", responsible=[mia]),  # no deadline
        ]
    )
    fig = plot.timeline_chart(plan)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Objective 1"
    assert "No deadline given" in labels
    assert labels.index("No deadline given") == len(labels) - 2
    assert labels[-1].startswith("2.1.3")
    assert render(fig, tmp_path / "kinds.png") > 3_000


def test_timeline_needs_a_period_for_undated_activities() -> None:
    with pytest.raises(ValueError, match="start_year"):
        plot.timeline_chart([act("1.1.1")])
    fig = plot.timeline_chart([act("1.1.1")], start_year=2015, end_year=2016)
    assert fig.axes


def test_charts_of_the_bundled_plan_show_the_editorial_labels() -> None:
    plan = load_plan()
    labels = [t.get_text() for t in plot.timeline_chart(plan).axes[0].get_yticklabels()]
    headings = [label for label in labels if label.startswith("Objective ")]
    assert headings == [f"Objective {o.code}: {o.label}" for o in plan.strategic_objectives]
    fig = plot.workload_heatmap(plan, top=3)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == [f"{o.code}\n{o.label}" for o in plan.strategic_objectives]
    specific = plot.workload_heatmap(plan, level="specific", top=3)
    assert "1.1" in [t.get_text() for t in specific.axes[0].get_xticklabels()]


def test_workload_heatmap_top() -> None:
    fig = plot.workload_heatmap(load_plan(), top=5)
    assert len(fig.axes[0].get_yticklabels()) == 5
    with pytest.raises(ValueError, match="top"):
        plot.workload_heatmap(load_plan(), top=0)


def test_deadlines_per_year_fills_gaps_and_sets_undated_apart() -> None:
    fig = plot.deadlines_per_year_chart(load_plan())
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels == ["2015", "2016", "2017", "2018", "2019", "no due date"]


def test_bad_input_is_refused() -> None:
    with pytest.raises(TypeError):
        plot.deadlines_per_year_chart("not a plan")  # type: ignore[arg-type]


def test_missing_matplotlib_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_matplotlib(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    plan = load_plan()
    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    for chart in (plot.timeline_chart, plot.workload_heatmap, plot.deadlines_per_year_chart):
        with pytest.raises(ImportError, match=r"matplotlib.*the .plot. extra"):
            chart(plan)
