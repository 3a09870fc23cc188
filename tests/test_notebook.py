"""``examples/notebook.ipynb`` is stored clean and runs from top to bottom without error."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "examples" / "notebook.ipynb"


def test_notebook_is_stored_without_outputs() -> None:
    data = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in data["cells"] if c["cell_type"] == "code"]
    assert code, "the notebook has no code cells"
    for cell in code:
        assert cell.get("outputs") == [], "clear the notebook's outputs before saving it"
        assert cell.get("execution_count") is None


def test_notebook_has_a_progress_section_on_fictional_data_only() -> None:
    data = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    texts = ["".join(c["source"]) for c in data["cells"]]
    start = next(i for i, t in enumerate(texts) if t.startswith("## Progress"))
    heading = texts[start]
    assert "FICTIONAL" in heading
    assert "no status data about the real plan" in heading
    section = "\n".join(texts[start + 1 :])
    assert "demo_plan()" in section
    assert "demo_status_log()" in section
    assert "load_plan" not in section
    assert "read_status_log(" not in section  # no real status file is read


@pytest.mark.slow
def test_notebook_runs(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    with warnings.catch_warnings():
        # The Jupyter machinery warns about its own deprecations; they are not ours.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        client.execute()  # raises CellExecutionError on the first cell that fails

    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    assert any("Kosovo" in o["data"]["text/html"] for o in html), "the plan displayed no HTML"
    assert any("image/png" in o.get("data", {}) for o in outputs), "the chart was not drawn"
    # the progress section prints and displays FICTIONAL wherever it shows the demo data
    start = next(
        i for i, c in enumerate(notebook.cells) if "".join(c.source).startswith("## Progress")
    )
    shown = [c.outputs for c in notebook.cells[start + 1 :] if c.cell_type == "code"]
    assert shown
    for cell_outputs in shown:
        text = json.dumps([dict(o) for o in cell_outputs], ensure_ascii=False)
        assert "FICTIONAL" in text
