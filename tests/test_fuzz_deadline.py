"""Fuzzing ``parse_deadline``: arbitrary text gives a Deadline or a DeadlineParseError,
never anything else; anything that is not a str is a plain TypeError."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import antitrafficking_plan as atp
from fuzzing import FUZZ, attempt

# Pieces of real deadline spellings, so that generated text often gets deep into the
# parser rather than failing on the first character.
PIECES = (
    "Q1",
    "Q4",
    "Q5",
    "Q0",
    "H1",
    "H2",
    "H3",
    "2015",
    "2016",
    "0000",
    "9999",
    "10000",
    "15",
    "16",
    "-",
    "–",
    "/",
    ".",
    ",",
    " ",
    "  ",
    "\t",
    "June",
    "jun",
    "December",
    "31",
    "30",
    "29",
    "02",
    "13",
    "by",
    "end of",
    "until",
    "onwards",
    "ongoing",
    "vazhdimisht",
    "vazhdimes i",
    "annually",
    "first half of",
    "second half of",
    "TM",
    "viti",
    "and",
    "(",
    ")",
)
deadline_like = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
texts = st.one_of(st.text(max_size=300), deadline_like)


def check(text: str) -> None:
    deadline, err = attempt(lambda: atp.parse_deadline(text), atp.DeadlineParseError)
    if err is not None:
        assert err.text == text
        assert isinstance(err, ValueError)
        message = str(err)
        assert message
        assert "Q4 2015" in message  # names what is accepted
        return
    assert isinstance(deadline, atp.Deadline)
    assert isinstance(deadline.kind, atp.DeadlineKind)
    if deadline.start is not None and deadline.due is not None:
        assert deadline.start <= deadline.due
    # What the codec writes must read back as the same deadline.
    assert atp.parse_deadline(str(deadline)) == deadline
    assert hash(atp.parse_deadline(str(deadline))) == hash(deadline)


@FUZZ
@given(texts)
@example("")
@example(" ")
@example("Q4 2015")
@example("Q4 2015-Q1 2015")
@example("29.02.2015")
@example("0000")
@example("\x00")
@example("Q4 2015" * 40)
@example("٢٠١٦")  # Arabic-Indic digits match \d
@example("２０１６")  # fullwidth digits
@example("Q4 2015\n")
def test_text_gives_a_deadline_or_a_parse_error(text: str) -> None:
    check(text)


@FUZZ
@given(st.text(alphabet=st.characters(categories=["Nd", "Zs", "Pd", "Po"]), max_size=40))
def test_digit_and_punctuation_soup(text: str) -> None:
    check(text)


non_strings = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(max_size=20),
    st.lists(st.text(max_size=5), max_size=3),
    st.dates(),
    st.builds(bytearray, st.binary(max_size=5)),
)


@FUZZ
@given(non_strings)
def test_non_strings_are_type_errors(value: object) -> None:
    with pytest.raises(TypeError) as info:
        atp.parse_deadline(value)  # type: ignore[arg-type]
    assert not isinstance(info.value, atp.PlanError)


def test_str_subclass_is_accepted() -> None:
    class Text(str):
        pass

    assert atp.parse_deadline(Text("Q4 2015")) == atp.parse_deadline("Q4 2015")
