"""The late-bound hook from values to their notebook display (the one import of a higher
layer; ``_lazy.OnFirstUse`` is the other late binding, of lower modules).

Domain values and results define ``_repr_html_`` by calling :func:`html_of`; the HTML
itself is written by :mod:`antitrafficking_plan.display`, a higher layer, which is
imported by name on first use so that the values never import it.
"""

from __future__ import annotations

import importlib

__all__ = ["html_of"]


def html_of(value: object) -> str:
    """The HTML of ``value`` as :func:`antitrafficking_plan.display.to_html` writes it."""
    display = importlib.import_module("antitrafficking_plan.display")
    html: str = display.to_html(value)
    return html
