"""The documentation is true: every doctest runs, and the MkDocs site builds strictly.

* the doctests of every module of the package (modules whose optional dependency is
  missing are skipped);
* the ``>>>`` examples of ``README.md`` and of every page in ``docs/``, run with
  :func:`doctest.testfile` (each file in a fresh namespace);
* ``mkdocs build --strict`` into a temporary directory, when MkDocs is installed (the
  ``docs`` extra).
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import antitrafficking_plan

ROOT = Path(__file__).resolve().parent.parent
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

#: Modules that need an optional dependency, and which.
OPTIONAL = {
    "antitrafficking_plan.strategies": "hypothesis",
    "antitrafficking_plan.plot": "matplotlib",
    "antitrafficking_plan.workbook": "openpyxl",
    "antitrafficking_plan.cli": None,  # may pull in optional modules; skip if it can't load
}
#: Pages whose examples need an optional dependency.
PAGE_NEEDS = {"recipes.md": ("pandas", "polars"), "bring-your-own-plan.md": ("openpyxl",)}

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(antitrafficking_plan.__path__, "antitrafficking_plan.")
    if not m.name.split(".")[-1].startswith("__")
)
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _missing(*modules: str | None) -> list[str]:
    return [m for m in modules if m is not None and importlib.util.find_spec(m) is None]


def test_every_module_is_collected() -> None:
    for name in ("deadline", "model", "plan", "collection", "aggregate", "display", "plot"):
        assert f"antitrafficking_plan.{name}" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    missing = _missing(OPTIONAL.get(name))
    if missing:
        pytest.skip(f"{name} needs {', '.join(missing)}")
    try:
        module = importlib.import_module(name)
    except ImportError as error:
        if name in OPTIONAL:
            pytest.skip(f"{name} cannot be imported here: {error}")
        raise
    if name == "antitrafficking_plan.plot":
        import matplotlib

        matplotlib.use("Agg")
    result = doctest.testmod(module, optionflags=FLAGS, report=True, verbose=False)
    assert result.failed == 0, f"{result.failed} doctest(s) of {name} failed (see output)"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_examples(page: Path) -> None:
    missing = _missing(*PAGE_NEEDS.get(page.name, ()))
    if missing:
        pytest.skip(f"{page.name} needs {', '.join(missing)}")
    result = doctest.testfile(
        str(page), module_relative=False, optionflags=FLAGS, globs={}, report=True
    )
    assert result.failed == 0, f"{result.failed} example(s) in {page.name} failed (see output)"


def test_pages_i_expect_have_examples() -> None:
    for name in ("index.md", "getting-started.md", "tutorial.md", "recipes.md"):
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert ">>> " in text, f"docs/{name} has no runnable example"


@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    missing = _missing("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python")
    if missing:
        pytest.skip(f"the docs extra is not installed (missing {', '.join(missing)})")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    for page in ("index.html", "tutorial/index.html", "api/index.html", "charts/index.html"):
        assert (site / page).is_file(), page
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert 'id="antitrafficking_plan.deadline.parse_deadline"' in api
    # reST tables of docstrings are tables, not raw text
    assert "<th>column</th>" in api
    assert "<td><code>cost_amount</code></td>" in api
    assert "=======" not in api
    # ">>>" examples are pycon blocks, whose prompts the copy button leaves out
    tutorial = (site / "tutorial" / "index.html").read_text(encoding="utf-8")
    assert '<span class="gp">&gt;&gt;&gt; </span>' in tutorial
    assert "stylesheets/copy.css" in tutorial
    for image in ("timeline.png", "workload.png", "deadlines-per-year.png"):
        assert (site / "img" / image).stat().st_size > 5_000, image
