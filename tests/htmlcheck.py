"""A small checker of generated HTML, built on :mod:`html.parser`: what a report must be.

:func:`check_html` returns every problem found (an empty list for a good page):

* tags balanced and properly nested, void elements never closed, self-closing tags only
  inside ``<svg>``; no comment, processing instruction or stray ``<``/``&`` in text (each
  would mean text went into the page unescaped);
* no inline event handler (``on...``) attribute, no ``javascript:`` URL, and no
  ``http:``/``https:`` reference in ``src``/``href``-like attributes (the page must load
  nothing); ids unique, and every ``#fragment`` reference pointing at an id;
* bidi controls (U+202A-U+202E, U+2066-U+2069, LRM, RLM, ALM) only in text inside a
  ``<bdi>`` element, never in an attribute value;
* nothing but text in the page's ``<title>``;
* headings in order (one ``h1`` first, never a skipped level), every table with a
  ``<caption>`` and every ``<th>`` with a ``scope``, every ``<svg>`` with a ``<title>``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
REFERENCE_ATTRIBUTES = {"src", "href", "xlink:href", "action", "formaction", "poster", "data"}
RAW_TEXT = {"script", "style"}


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: Counter[str] = Counter()
        self.fragments: list[str] = []
        self.headings: list[int] = []
        self.tables = 0
        self.captions = 0
        self.svgs = 0
        self.svg_titles = 0

    def _where(self) -> str:
        line, column = self.getpos()
        return f"line {line}, column {column}"

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            text = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}> at {self._where()}")
            if BIDI.search(text):
                self.problems.append(f"bidi control in {name}={text!r} at {self._where()}")
            if name in REFERENCE_ATTRIBUTES:
                lowered = text.strip().lower()
                if lowered.startswith(("http:", "https:", "//", "javascript:")):
                    self.problems.append(f"external reference {name}={text!r} at {self._where()}")
                if lowered.startswith("#"):
                    self.fragments.append(text[1:])
            if name == "id":
                self.ids[text] += 1
            for found in re.findall(r"url\(#([^)]+)\)", text):
                self.fragments.append(found)
            if re.search(r"url\(\s*['\"]?(https?:|//)", text):
                self.problems.append(f"external url() in {name} at {self._where()}")

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)
        if self.stack[-1:] == ["title"] and "svg" not in self.stack:
            self.problems.append(f"<{tag}> inside the page's <title> at {self._where()}")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self.captions += 1
            if self.stack[-1:] != ["table"]:
                self.problems.append(f"<caption> not first in its table at {self._where()}")
        elif tag == "th" and "scope" not in dict(attrs):
            self.problems.append(f"<th> without scope at {self._where()}")
        elif tag == "svg":
            self.svgs += 1
        elif tag == "title" and self.stack[-1:] == ["svg"]:
            self.svg_titles += 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)
        if tag not in VOID and "svg" not in self.stack:
            self.problems.append(f"self-closed <{tag}/> outside SVG at {self._where()}")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.problems.append(f"end tag of void element </{tag}> at {self._where()}")
        elif not self.stack or self.stack[-1] != tag:
            open_tag = self.stack[-1] if self.stack else "nothing"
            self.problems.append(f"</{tag}> closes <{open_tag}> at {self._where()}")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in RAW_TEXT:
            return
        for char in "<&":
            if char in data:
                self.problems.append(f"raw {char!r} in text {data[:60]!r} at {self._where()}")
        if BIDI.search(data) and "bdi" not in self.stack:
            self.problems.append(f"bidi control outside <bdi> in {data[:60]!r} at {self._where()}")

    def handle_comment(self, data: str) -> None:
        self.problems.append(f"comment <!--{data[:40]}--> at {self._where()}")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"processing instruction {data[:40]!r} at {self._where()}")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"unknown declaration {data[:40]!r} at {self._where()}")


def check_html(html: str) -> list[str]:
    """Every problem of the page ``html`` (see the module docstring)."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    problems = checker.problems
    if checker.stack:
        problems.append(f"unclosed at the end: {checker.stack}")
    if checker.rawdata:
        problems.append(f"unparsed text at the end: {checker.rawdata[:60]!r}")
    problems += [f"id {i!r} used {n} times" for i, n in checker.ids.items() if n > 1]
    problems += [f"#{f} points at no id" for f in checker.fragments if f not in checker.ids]
    levels = checker.headings
    if levels[:1] != [1] or levels.count(1) != 1:
        problems.append(f"not one h1 first: headings {levels[:5]}…")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(f"heading level skipped: h{before} then h{after}")
    if checker.captions != checker.tables:
        problems.append(f"{checker.tables} tables but {checker.captions} captions")
    if checker.svg_titles != checker.svgs:
        problems.append(f"{checker.svgs} svg charts but {checker.svg_titles} titles")
    return problems
