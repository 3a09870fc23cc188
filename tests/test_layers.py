"""The package's layers: data flows one way, and each rule has one home."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the test extra installs tomli there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "antitrafficking_plan"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every module's imports of the package's own modules, at any depth (imports inside
    functions and ``TYPE_CHECKING`` blocks included)."""
    graph: dict[str, set[str]] = {}
    modules = {_module_name(p) for p in PACKAGE.rglob("*.py")}
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - node.level + 1]
                    target = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    found.add(full if full in modules else target)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_import_graph_has_no_cycle() -> None:
    graph = _imports()
    # The root re-exports the public API; it is the one module everything else may not
    # import (and none does).
    assert not any("antitrafficking_plan" in deps for deps in graph.values())
    inner = {m: d for m, d in graph.items() if m != "antitrafficking_plan"}
    assert _cycle(inner) is None, " -> ".join(_cycle(inner) or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_layers_contract_names_every_module() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = config["tool"]["importlinter"]["contracts"]
    named = {
        part.strip() for layer in contract["layers"] for part in layer.replace(":", "|").split("|")
    }
    top = {
        _module_name(p).split(".")[1]
        for p in PACKAGE.rglob("*.py")
        if _module_name(p) != "antitrafficking_plan"
    }
    assert named == top


def test_lint_imports_keeps_the_layers() -> None:
    # import-linter is in the test extra; its command sits beside this Python.
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_api_page_places_every_module_of_the_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = config["tool"]["importlinter"]["contracts"]
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    table = page[page.index("| layer (highest first) |") : page.index("One way to do each thing")]
    for layer in contract["layers"]:
        for module in layer.replace(":", "|").split("|"):
            assert f"`{module.strip()}`" in table, module


def _type_checking_imports(path: Path) -> set[str]:
    """The names a module binds by ``from . import x`` under ``if TYPE_CHECKING:``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for inner in ast.walk(ast.Module(body=node.body, type_ignores=[])):
                if isinstance(inner, ast.ImportFrom) and inner.level == 1 and not inner.module:
                    names.update(alias.asname or alias.name for alias in inner.names)
    return names


def test_each_module_bound_on_first_use_is_the_one_named_for_type_checking() -> None:
    """``_lazy.OnFirstUse`` binds a sibling module imported when first used; the module
    also names it under ``TYPE_CHECKING``, which is what mypy, import-linter and the
    cycle test see. The two must be the same module, under the same name."""
    import importlib

    from antitrafficking_plan._lazy import OnFirstUse

    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = importlib.import_module(_module_name(path))
        bound = {k: v for k, v in vars(module).items() if isinstance(v, OnFirstUse)}
        if bound:
            declared = _type_checking_imports(path)
            for name, stand_in in bound.items():
                assert stand_in._name == f"antitrafficking_plan.{name}", (path.name, name)
                assert name in declared, (path.name, name)
            found[path.name] = sorted(bound)
    assert found == {
        "dataset.py": ["codec", "csvtables", "datapackage", "workbook"],
        "plan.py": ["aggregate"],
    }
