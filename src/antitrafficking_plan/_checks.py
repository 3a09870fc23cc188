"""Converters and validators of the domain classes.

A wrong type is a ``TypeError`` and a wrong value a ``ValueError``, both naming the class
and the field, so an object is whole or is not built at all (attrs runs them in
``__init__``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from attrs import validators as v

__all__: list[str] = []  # internal: used by model and plan


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Converter: any iterable (but not a lone string) becomes a tuple."""
    if isinstance(value, str):
        raise TypeError(f"expected a sequence of values, got the string {value!r}")
    return tuple(value)


def _optional_text(value: str | None) -> str | None:
    """Converter: text fields hold a non-empty string or None."""
    return value if value else None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is(kind: type) -> Any:
    """Validator: the value is an instance of ``kind`` (a TypeError naming field and type)."""

    def check(instance: object, attribute: Any, value: object) -> None:
        if not isinstance(value, kind):
            raise TypeError(
                f"{type(instance).__name__}.{attribute.name} must be {kind.__name__}, "
                f"not {type(value).__name__} {_shown(value)}"
            )

    return check


def _tuple_of(kind: type) -> Any:
    """Validator: a tuple whose every item is a ``kind``."""

    def check(instance: object, attribute: Any, value: tuple[object, ...]) -> None:
        for index, item in enumerate(value):
            if not isinstance(item, kind):
                raise TypeError(
                    f"{type(instance).__name__}.{attribute.name}[{index}] must be "
                    f"{kind.__name__}, not {type(item).__name__} {_shown(item)}"
                )

    return check


def _not_empty(instance: object, attribute: Any, value: str) -> None:
    if not value.strip():
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must not be empty")


_TEXT = _is(str)
_OPTIONAL_TEXT = v.optional(_TEXT)
_CODE = v.and_(_TEXT, _not_empty)


def _whole_number(minimum: int) -> Any:
    def check(instance: object, attribute: Any, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(
                f"{type(instance).__name__}.{attribute.name} must be a whole number (int), "
                f"not {type(value).__name__} {_shown(value)}"
            )
        if value < minimum:
            raise ValueError(
                f"{type(instance).__name__}.{attribute.name} must be {minimum} or more, not {value}"
            )

    return check
