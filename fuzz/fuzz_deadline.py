"""Coverage-guided fuzzing of ``parse_deadline`` with atheris (libFuzzer).

Any input text must give a :class:`Deadline` (that reads back from its own text) or a
:class:`DeadlineParseError`; anything else is a crash that libFuzzer reports and saves.

    python fuzz/fuzz_deadline.py -max_total_time=30 [corpus_dir]

or run both harnesses for a bounded time with ``python fuzz/run.py --seconds 30``.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from antitrafficking_plan import Deadline, DeadlineParseError, parse_deadline


def test_one_input(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    try:
        deadline = parse_deadline(text)
    except DeadlineParseError as err:
        if err.text != text or "Q4 2015" not in str(err):
            raise AssertionError(f"poor DeadlineParseError for {text!r}: {err}") from None
        return
    if not isinstance(deadline, Deadline):
        raise AssertionError(f"parse_deadline({text!r}) returned {deadline!r}")
    if parse_deadline(str(deadline)) != deadline:
        raise AssertionError(f"{text!r} -> {deadline!r} does not read back from {deadline}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
