"""Converters and validators of the domain classes.

A wrong type is a ``TypeError`` and a wrong value a ``ValueError``, both naming the class
and the field, so an object is whole or is not built at all (attrs runs them in
``__init__``).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from typing import Any

from attrs import validators as v

__all__: list[str] = []  # internal: used by model, plan and codec

#: The largest whole number a plan holds (amounts, source lines, cost blocks): 10**15.
#: It fits a 64-bit integer and a double exactly, so data frames and JSON readers in any
#: language read it unchanged, and it prints in a line.
MAX_WHOLE_NUMBER = 10**15


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Converter: any iterable (but not a lone string) becomes a tuple."""
    if isinstance(value, str):
        raise TypeError(f"expected a sequence of values, got the string {value!r}")
    return tuple(value)


def record_repr(self: Any) -> str:
    """The ``repr`` attrs writes (``Cost(text='...', amount=None, sources=())``), one
    function for every record class that sets ``__repr__ = record_repr``: attrs then
    compiles no ``__repr__`` for it at import (about 0.15 ms a class, measured for the
    cold start in ``docs/performance.md``). Records are immutable, so none contains itself
    and attrs' recursion guard has nothing to guard.
    """
    shown = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in self.__attrs_attrs__)
    return f"{type(self).__qualname__}({shown})"


def _optional_text(value: str | None) -> str | None:
    """Converter: empty text is absent (None). Anything else is left as it is for the
    field's validator, so ``0`` or ``[]`` are refused, not taken for "no text"."""
    return None if isinstance(value, str) and not value else value


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be written as UTF-8 (a lone surrogate), or None when it can."""
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, such as JSON's "\ud800"
        return (
            f"the text has an invalid character {value[exc.start]!r} at position {exc.start} "
            "(a lone UTF-16 surrogate; plan text must be valid Unicode)"
        )
    return None


def too_large_problem(value: int) -> str | None:
    """Why the whole number ``value`` is too large for a plan, or None when it is not
    (the number itself is not printed: it may have thousands of digits)."""
    if value <= MAX_WHOLE_NUMBER:
        return None
    bits = value.bit_length()  # str() of a huge number is slow, or refused
    digits = f"{len(str(value))}" if bits < 10_000 else f"about {int(bits * 0.30103):,}"
    return (
        f"a number of {digits} digits is larger than 10**15 (1,000,000,000,000,000), the "
        "most a plan's whole numbers may be"
    )


def _is(kind: type) -> Any:
    """Validator: the value is an instance of ``kind`` (a TypeError naming field and type)."""

    def check(instance: object, attribute: Any, value: object) -> None:
        if not isinstance(value, kind):
            raise TypeError(
                f"{type(instance).__name__}.{attribute.name} must be {kind.__name__}, "
                f"not {type(value).__name__} {_shown(value)}"
            )

    return check


def _optional_is(kind: type) -> Any:
    """Validator: None, or an instance of ``kind`` (as attrs' ``optional(_is(kind))``, in
    one call)."""
    one = _is(kind)

    def check(instance: object, attribute: Any, value: object) -> None:
        if value is not None and not isinstance(value, kind):
            one(instance, attribute, value)

    return check


def _tuple_of(kind: type) -> Any:
    """Validator: a tuple whose every item is a ``kind`` (all checked in C first; the
    first that is not is found for the message)."""

    def check(instance: object, attribute: Any, value: tuple[object, ...]) -> None:
        if all(map(isinstance, value, repeat(kind))):
            return
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


def _encodable(instance: object, attribute: Any, value: str) -> None:
    problem = text_problem(value)
    if problem is not None:
        raise ValueError(f"{type(instance).__name__}.{attribute.name}: {problem}")


def _texts(*, blank: bool) -> Any:
    """Validator: a tuple of text that can be encoded (and, unless ``blank``, of names
    with some text: a blank alias would be found by an empty lookup)."""

    def check(instance: object, attribute: Any, value: tuple[str, ...]) -> None:
        for index, item in enumerate(value):
            problem = "must not be blank" if not (blank or item.strip()) else text_problem(item)
            if problem is not None:
                where = f"{type(instance).__name__}.{attribute.name}[{index}]"
                raise ValueError(f"{where}: {problem}")

    return v.and_(_tuple_of(str), check)


# The commonest validators are single functions rather than attrs' ``and_``/``optional``
# wrappers (the same checks and messages, in the same order): they run for every text
# field of every record a plan file holds.
_IS_STR = _is(str)


def _TEXT(instance: object, attribute: Any, value: Any) -> None:
    """Validator: text that can be encoded."""
    if not isinstance(value, str):
        _IS_STR(instance, attribute, value)
    elif not value.isascii():
        _encodable(instance, attribute, value)


def _OPTIONAL_TEXT(instance: object, attribute: Any, value: Any) -> None:
    """Validator: None, or text that can be encoded (ASCII text, the common case, is
    passed without a second call)."""
    if value is not None and (type(value) is not str or not value.isascii()):
        _TEXT(instance, attribute, value)


def _CODE(instance: object, attribute: Any, value: Any) -> None:
    """Validator: text that can be encoded and is not blank."""
    if type(value) is str and value.isascii() and not value.isspace() and value:
        return  # ASCII text with a character that is not a space: both checks pass
    _TEXT(instance, attribute, value)
    _not_empty(instance, attribute, value)


def _OPTIONAL_NAME(instance: object, attribute: Any, value: Any) -> None:
    """Validator: None, or a name (see :func:`_CODE`)."""
    if value is not None:
        _CODE(instance, attribute, value)


_TEXTS = _texts(blank=True)
_NAMES = _texts(blank=False)


def _whole_number(minimum: int) -> Any:
    def check(instance: object, attribute: Any, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(
                f"{type(instance).__name__}.{attribute.name} must be a whole number (int), "
                f"not {type(value).__name__} {_shown(value)}"
            )
        if value < minimum:
            shown = value if value >= -MAX_WHOLE_NUMBER else "a larger negative number"
            raise ValueError(
                f"{type(instance).__name__}.{attribute.name} must be {minimum} or more, not {shown}"
            )
        problem = too_large_problem(value)
        if problem is not None:
            raise ValueError(f"{type(instance).__name__}.{attribute.name}: {problem}")

    return check


def _whole_numbers(minimum: int) -> Any:
    """Validator: a tuple of whole numbers of ``minimum`` or more, each refused with the
    message :func:`_whole_number` gives (one call per tuple, not one per item)."""
    one = _whole_number(minimum)

    def check(instance: object, attribute: Any, value: tuple[object, ...]) -> None:
        for item in value:
            if type(item) is not int or not minimum <= item <= MAX_WHOLE_NUMBER:
                one(instance, attribute, item)

    return check
