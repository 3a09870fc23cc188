"""Write the table of bad plan files in ``docs/bad-input.md`` from the test cases.

    python docs/make_bad_input_table.py          # rewrite the table
    python docs/make_bad_input_table.py --check  # fail if it is out of date (run by tests)

Each row is a case of ``tests/test_loader_errors.py`` (the bundled plan with one thing
broken) and the message that loading it gives today, so the page cannot drift from the
library. Not a page of the site.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "bad-input.md"
START, END = "<!-- table:start -->", "<!-- table:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def render() -> str:
    """The table rows, between and including the markers."""
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "src"))
    import antitrafficking_plan as atp
    from antitrafficking_plan import codec
    from test_loader_errors import CASES, THREE_PROBLEMS, mutated

    rows = [START, "| Input | Message (`str(err)`) |", "| --- | --- |"]
    cases = [(name, mutated(CASES[name][0])) for name in sorted(CASES)]
    cases.append(("three independent problems at once", THREE_PROBLEMS()))
    for name, data in cases:
        try:
            codec.loads_plan(json.dumps(data), source="plan.json")
        except atp.PlanLoadError as err:
            rows.append(f"| {name} | {_cell(str(err))} |")
        else:  # pragma: no cover - every case is refused (the tests check it)
            raise SystemExit(f"case {name!r} was accepted")
    rows.append(END)
    return "\n".join(rows)


def updated(page: str) -> str:
    start, end = page.index(START), page.index(END) + len(END)
    return page[:start] + render() + page[end:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    page = PAGE.read_text("utf-8")
    new = updated(page)
    if args.check:
        if new != page:
            print(f"{PAGE} is out of date: run python docs/make_bad_input_table.py")
            return 1
        return 0
    PAGE.write_text(new, encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
