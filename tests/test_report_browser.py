"""The report in a real browser: headless Chromium from the system's packages.

Chromium renders the report with the network resolved to nothing (``MAP * ~NOTFOUND``):
the screenshot must not be blank, the console must stay silent (no error, no uncaught
exception), the filter script must have run (its controls shown, its count written), and
the page must print to a PDF of several A4 pages. ``.ci/run`` installs the ``chromium``
package where it is missing; elsewhere the tests skip, saying why (under CI they fail
instead, since CI installs the browser).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image  # a dependency of matplotlib, which the test extra installs

from antitrafficking_plan import load_plan
from antitrafficking_plan.demo import demo_plan, demo_status_log
from antitrafficking_plan.report import report_html

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # any network request would fail
)


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    if found is None:
        reason = (
            "no Chromium on this machine: install the system package (apt-get install"
            " chromium, as .ci/run does) to render the report in a real browser"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def _run(tmp: Path, page: Path, *extra: str) -> str:
    """Run Chromium on ``page``; its standard error (the browser's log, console included)."""
    profile = tmp / "profile"
    done = subprocess.run(
        [_chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr + done.stdout


def _console(log: str) -> list[str]:
    """The console messages and uncaught errors in a Chromium log."""
    return [line for line in log.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("report")
    found = {
        "bundled": report_html(load_plan()),
        "demo": report_html(demo_plan(), status=demo_status_log(), as_of=date(2021, 1, 1)),
    }
    paths = {}
    for name, html in found.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(html, encoding="utf-8")
    return paths


@pytest.mark.parametrize("name", ["bundled", "demo"])
def test_screenshot_is_not_blank_and_the_console_is_silent(
    pages: dict[str, Path], tmp_path: Path, name: str
) -> None:
    png = tmp_path / "shot.png"
    log = _run(tmp_path, pages[name], f"--screenshot={png}", "--window-size=1280,2000")
    assert _console(log) == []
    with Image.open(png) as image:
        assert image.size == (1280, 2000)
        pixels = image.convert("RGB")
        colours = pixels.getcolors(maxcolors=1 << 20)
        assert colours is not None
        assert len(colours) > 100  # text, tables, counters: not a blank or one-colour page
        white = max(count for count, colour in colours if colour == (255, 255, 255))
        assert white < 0.95 * 1280 * 2000


def test_the_filter_script_runs(pages: dict[str, Path], tmp_path: Path) -> None:
    dom = _run(tmp_path, pages["demo"], "--dump-dom")
    assert _console(dom) == []
    assert '<div id="filter" class="filter" role="search">' in dom  # no longer hidden
    assert re.search(r'id="filter-count"[^>]*>12 of 12 activities shown<', dom)


def test_the_console_check_can_fail(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>missing();</script>", encoding="utf-8")
    log = _run(tmp_path, page, "--dump-dom")
    assert any("Uncaught ReferenceError" in line for line in _console(log))


def test_prints_to_a_pdf_of_a4_pages(pages: dict[str, Path], tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    log = _run(tmp_path, pages["demo"], f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert _console(log) == []
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert len(sizes) >= 3  # several pages
    for width, height in sizes:  # A4 is 595 x 842 points
        assert abs(float(width) - 595) < 2
        assert abs(float(height) - 842) < 2
