"""Take the screenshot of the Report page (``docs/img/report.png``).

Run from the repository root after changing ``antitrafficking_plan.report``::

    python docs/make_report_screenshot.py

Writes the report of the FICTIONAL demo plan and status log as of 2021-01-01, renders it
in headless Chromium (the system's ``chromium``) and keeps the top of the page, scaled
down (needs Pillow, which matplotlib installs).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from PIL import Image

from antitrafficking_plan.demo import demo_plan, demo_status_log
from antitrafficking_plan.report import report_html

OUT = Path(__file__).resolve().parent / "img" / "report.png"
WIDTH, HEIGHT = 1100, 1500


def main() -> int:
    browser = shutil.which("chromium")
    if browser is None:
        print("needs the system's chromium (apt-get install chromium)", file=sys.stderr)
        return 1
    html = report_html(demo_plan(), status=demo_status_log(), as_of=date(2021, 1, 1))
    with tempfile.TemporaryDirectory() as tmp:
        page, shot = Path(tmp, "report.html"), Path(tmp, "shot.png")
        page.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--hide-scrollbars",
                f"--user-data-dir={tmp}/profile",
                f"--screenshot={shot}",
                f"--window-size={WIDTH},{HEIGHT}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        with Image.open(shot) as image:
            small = image.convert("RGB").resize((WIDTH * 2 // 3, HEIGHT * 2 // 3), Image.LANCZOS)
            small.quantize(colors=128).save(OUT, optimize=True)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
