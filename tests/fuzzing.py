"""What the fuzz tests share: their hypothesis settings and a way to catch one error."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from hypothesis import settings

FUZZ = settings(max_examples=200)  # deadlines and health checks: tests/conftest.py
T = TypeVar("T")
E = TypeVar("E", bound=BaseException)


def attempt(call: Callable[[], T], expected: type[E]) -> tuple[T | None, E | None]:
    """``(result, None)``, or ``(None, error)`` if ``call`` raised ``expected``."""
    try:
        return call(), None
    except expected as exc:
        return None, exc
