"""A missing optional dependency: one message (the commands that install the extra from a
checkout and from the repository, since the package is not on PyPI) and, on the command
line, exit status 2. Each case simulates the missing module with ``sys.modules[name] = None``
(so ``import name`` fails) on the real installed environment."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from antitrafficking_plan import load_plan
from antitrafficking_plan._frames import MissingExtraError, missing_extra_message
from antitrafficking_plan.cli import main
from antitrafficking_plan.demo import demo_plan, demo_plan_path, demo_status_log
from antitrafficking_plan.plot import workload_heatmap
from antitrafficking_plan.progress import late
from antitrafficking_plan.statuslog import read_status_log, write_status_log
from antitrafficking_plan.workbook import write_template

CHECKOUT = 'python -m pip install ".[{extra}]"'
GIT = 'python -m pip install "antitrafficking-plan[{extra}] @ git+<repository URL>"'


def says_how_to_install(text: str, extra: str) -> None:
    assert CHECKOUT.format(extra=extra) in text
    assert GIT.format(extra=extra) in text
    assert "not on PyPI" in text
    assert "pip install 'antitrafficking-plan[" not in text  # no PyPI command


def test_the_message_names_what_needs_it_and_the_alternative() -> None:
    text = missing_extra_message("openpyxl", "xlsx", ".xlsx templates", "write a .csv template")
    assert text.startswith(".xlsx templates needs openpyxl, which is not installed")
    assert text.endswith("; or write a .csv template")
    says_how_to_install(text, "xlsx")


FRAMES: dict[str, tuple[str, Callable[[], object]]] = {
    "pandas": ("pandas", lambda: load_plan().activities.to_pandas()),
    "polars": ("polars", lambda: load_plan().workload().to_polars()),
    "pandas-progress": (
        "pandas",
        lambda: late(demo_status_log(), demo_plan(), as_of="2021-01-01").to_pandas(),
    ),
}


@pytest.mark.parametrize("case", sorted(FRAMES))
def test_frames_without_their_library(monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    module, call = FRAMES[case]
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingExtraError) as info:
        call()
    says_how_to_install(str(info.value), module)


def test_charts_without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingExtraError) as info:
        workload_heatmap(load_plan())
    says_how_to_install(str(info.value), "plot")


def test_workbooks_without_openpyxl(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError) as info:
        write_template(tmp_path / "t.xlsx")
    says_how_to_install(str(info.value), "xlsx")
    assert not (tmp_path / "t.xlsx").exists()


def test_xlsx_status_file_without_openpyxl(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "status.xlsx"
    write_status_log(demo_status_log(), path)  # with openpyxl
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError) as info:
        read_status_log(path, demo_plan())
    says_how_to_install(str(info.value), "xlsx")
    assert str(info.value).endswith("; or save it as .csv")
    plan = ["--plan", str(demo_plan_path())]
    status = ["--status", str(path), "--as-of", "2021-01-01"]
    for command in ("progress", "late"):
        assert main([*plan, command, *status]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        says_how_to_install(err, "xlsx")


@pytest.mark.parametrize(
    "argv",
    [["template", "t.xlsx"], ["status-template", "s.xlsx"], ["export", "-o", "p.xlsx"]],
    ids=lambda argv: argv[0],
)
def test_every_command_exits_2_without_openpyxl(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("antitrafficking-plan: error: ")
    assert err.count("\n") == 1
    says_how_to_install(err, "xlsx")
    if argv[0] == "status-template":
        assert "or write a .csv template" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["tpl.csv", "noext", "plan.json", "t.xlsx.bak"])
def test_template_refuses_names_not_ending_in_xlsx(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["template", name]) == 2
    err = capsys.readouterr().err
    assert f"a plan template is an .xlsx workbook, not {name!r}" in err
    assert not (tmp_path / name).exists()
    assert main(["template", "T.XLSX"]) == 0
    assert (tmp_path / "T.XLSX").read_bytes()[:2] == b"PK"
