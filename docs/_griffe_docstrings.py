"""A griffe extension that makes the package's reST-flavoured docstrings read well as Markdown.

The docstrings are written for ``help()`` and doctest: Sphinx roles (``:class:`Plan```),
doctest blocks (``>>>`` lines), reST simple tables and ``::`` literal blocks. Markdown
would turn ``['MIA']`` into a link and a table's ``====`` rule into a heading, so before
mkdocstrings renders a docstring this extension rewrites, in the rendered copy only:

* doctest blocks into fenced ``pycon`` code blocks;
* reST simple tables (framed by ``=== ===`` rules) into Markdown tables (a line whose
  first column is blank continues the row above);
* a paragraph ending in ``::`` (a literal block follows) to end in ``:``;
* Sphinx roles into code spans (``:class:`~a.b.Plan``` becomes ```Plan```).

Used by ``mkdocs.yml`` (``extensions: [docs/_griffe_docstrings.py]``); not a page.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|func|meth|attr|data|mod|exc|obj|const|py:\w+):`(~?)([^`]+)`")
_RULE = re.compile(r"^\s*=+(\s+=+)+\s*$")


def _role(match: re.Match[str]) -> str:
    tilde, target = match.groups()
    return f"`{target.rsplit('.', 1)[-1] if tilde else target}`"


def _spans(rule: str) -> list[tuple[int, int]]:
    """The column spans of a reST rule line (``=== ====``): each run of ``=`` is a column,
    the last one running to the end of the line."""
    found = [(m.start(), m.end()) for m in re.finditer(r"=+", rule)]
    return [
        (start, found[k + 1][0] if k + 1 < len(found) else 10_000)
        for k, (start, _) in enumerate(found)
    ]


def _cell(text: str) -> str:
    return _ROLE.sub(_role, " ".join(text.split())).replace("|", "\\|")


def _table(block: list[str]) -> list[str]:
    """A reST simple table (rule, header, rule, rows, rule) as a Markdown pipe table."""
    spans = _spans(block[0])
    rows: list[list[str]] = []
    header: list[str] = []
    rules = 0
    for line in block:
        if _RULE.match(line):
            rules += 1
            continue
        cells = [line[a:b].strip() for a, b in spans]
        if rules == 1:
            header = cells
        elif rows and not cells[0]:  # a continuation line: its text joins the row above
            rows[-1] = [f"{old} {new}".strip() for old, new in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
    out = ["", "| " + " | ".join(_cell(c) for c in header) + " |"]
    out.append("|" + "|".join("---" for _ in header) + "|")
    out.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return [*out, ""]


def _markdown(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        if stripped.startswith(">>>"):
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
                i += 1
            out.extend([f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"])
            continue
        if _RULE.match(line):
            block = []
            rules = 0
            while i < len(lines) and lines[i].strip() and rules < 3:
                rules += bool(_RULE.match(lines[i]))
                block.append(lines[i][len(indent) :])
                i += 1
            out.extend(indent + row for row in _table(block))
            continue
        if stripped.endswith("::") and not stripped.startswith(".."):
            line = line[:-1]
        out.append(_ROLE.sub(_role, line))
        i += 1
    return "\n".join(out)


class ReSTToMarkdown(griffe.Extension):
    """Rewrite every docstring of the loaded package for Markdown rendering (once each)."""

    def __init__(self) -> None:
        super().__init__()
        self._done: set[int] = set()

    def on_object(self, *, obj: griffe.Object, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        docstring = obj.docstring
        if docstring is not None and id(docstring) not in self._done:
            self._done.add(id(docstring))
            docstring.value = _markdown(docstring.value)

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """The package root is not passed to ``on_object``; rewrite its docstring here."""
        self.on_object(obj=pkg, loader=kwargs.get("loader"))
