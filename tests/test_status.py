"""The status scale, its synonyms and its crosswalks to OGP and IATI."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from antitrafficking_plan.errors import CrosswalkError, PlanError, StatusWordError
from antitrafficking_plan.status import (
    AMBIGUOUS,
    NO_INFORMATION,
    SYNONYMS,
    Extent,
    IatiActivityStatus,
    OgpCompletion,
    Status,
    StatusValue,
    accepted_words,
    from_iati,
    from_ogp,
    parse_status,
    to_iati,
    to_ogp,
)

VALUES = [StatusValue(s) for s in Status] + [StatusValue(Status.IN_PROGRESS, e) for e in Extent]


@pytest.mark.parametrize(
    ("word", "status", "extent"),
    [
        ("not_started", "not_started", None),
        ("In Progress", "in_progress", None),
        ("in-progress", "in_progress", None),
        ("implemented", "completed", None),
        ("partially implemented", "in_progress", None),
        ("ongoing", "in_progress", None),
        ("substantially implemented", "in_progress", "substantial"),
        ("limited", "in_progress", "limited"),
        ("in_progress (substantial)", "in_progress", "substantial"),
        ("withdrawn", "cancelled", None),
        ("on hold", "suspended", None),
        ("zbatuar", "completed", None),
        ("E ZBATUAR", "completed", None),
        ("pjesërisht e zbatuar", "in_progress", None),
        ("pjeserisht e zbatuar", "in_progress", None),
        ("në vazhdim", "in_progress", None),
        ("nuk ka filluar", "not_started", None),
        ("e përfunduar", "completed", None),
        ("anuluar", "cancelled", None),
        ("pezulluar", "suspended", None),
    ],
)
def test_words_read_as_documented(word: str, status: str, extent: str | None) -> None:
    value = parse_status(word)
    assert value.status.value == status
    assert (value.extent.value if value.extent else None) == extent


@pytest.mark.parametrize(
    ("word", "readings"),
    [
        ("not implemented", ("not_started", "in_progress")),
        ("pending", ("not_started", "in_progress")),
        ("nuk është zbatuar", ("not_started", "in_progress")),
        ("closed", ("completed", "cancelled")),
    ],
)
def test_ambiguous_words_are_refused_with_their_readings(
    word: str, readings: tuple[str, ...]
) -> None:
    with pytest.raises(StatusWordError) as info:
        parse_status(word)
    assert info.value.readings == readings
    assert all(r in str(info.value) for r in readings)


@pytest.mark.parametrize("word", ["n/a", "No information", "unknown", "no evidence available"])
def test_no_information_is_not_a_status(word: str) -> None:
    with pytest.raises(StatusWordError, match="absence of a report"):
        parse_status(word)


def test_unknown_word_names_the_accepted_ones() -> None:
    with pytest.raises(StatusWordError) as info:
        parse_status("finito")
    message = str(info.value)
    assert "'finito'" in message
    assert all(s.value in message for s in Status)
    assert isinstance(info.value, PlanError)
    assert isinstance(info.value, ValueError)


def test_errors_pickle() -> None:
    with pytest.raises(StatusWordError) as info:
        parse_status("closed")
    again = pickle.loads(pickle.dumps(info.value))
    assert again.readings == info.value.readings
    assert str(again) == str(info.value)
    err = CrosswalkError("x", candidates=("a", "b"))
    assert pickle.loads(pickle.dumps(err)).candidates == ("a", "b")


def test_tables_do_not_overlap_and_every_listed_word_reads() -> None:
    assert not set(SYNONYMS) & set(AMBIGUOUS)
    assert not set(SYNONYMS) & NO_INFORMATION
    for word in accepted_words():
        parse_status(word)
    assert accepted_words()[:5] == tuple(s.value for s in Status)


def test_extent_only_in_progress() -> None:
    with pytest.raises(ValueError, match="only given for an activity in progress"):
        StatusValue(Status.COMPLETED, Extent.LIMITED)
    assert str(StatusValue(Status.IN_PROGRESS, "limited")) == "in_progress (limited)"


@given(st.sampled_from(VALUES))
def test_str_of_a_value_parses_back(value: StatusValue) -> None:
    assert parse_status(str(value)) == value


# -- crosswalks ----------------------------------------------------------------------------
@given(st.sampled_from(list(OgpCompletion)))
def test_ogp_round_trips_from_every_level(level: OgpCompletion) -> None:
    assert to_ogp(from_ogp(level)) is level


@given(st.sampled_from(VALUES))
def test_ogp_round_trips_where_unique(value: StatusValue) -> None:
    if value.status is Status.SUSPENDED or value == StatusValue(Status.IN_PROGRESS):
        with pytest.raises(CrosswalkError) as info:
            to_ogp(value)
        assert len(info.value.candidates) >= 2
    else:
        assert from_ogp(to_ogp(value)) == value


def test_ogp_refusals_name_both_candidates() -> None:
    with pytest.raises(CrosswalkError) as info:
        to_ogp("in_progress")
    assert info.value.candidates == ("limited", "substantial")
    assert "'limited' or 'substantial'" in str(info.value)
    assert to_ogp(None) is OgpCompletion.NO_EVIDENCE
    assert from_ogp("no evidence available") is None
    with pytest.raises(CrosswalkError, match="unknown OGP"):
        from_ogp("mostly")


@given(st.sampled_from(list(IatiActivityStatus)))
def test_iati_round_trips_where_unique(code: IatiActivityStatus) -> None:
    value = from_iati(code)
    if code in (IatiActivityStatus.FINALISATION, IatiActivityStatus.CLOSED):
        with pytest.raises(CrosswalkError) as info:
            to_iati(value)
        assert info.value.candidates == ("3 finalisation", "4 closed")
    else:
        assert to_iati(value) is code


@given(st.sampled_from(VALUES))
def test_iati_keeps_the_status(value: StatusValue) -> None:
    if value.status is Status.COMPLETED:
        with pytest.raises(CrosswalkError):
            to_iati(value)
    else:
        assert from_iati(to_iati(value)).status is value.status


def test_iati_bad_codes() -> None:
    assert [int(to_iati(s)) for s in ("not_started", "in_progress", "cancelled", "suspended")] == [
        1,
        2,
        5,
        6,
    ]
    with pytest.raises(CrosswalkError, match="unknown IATI"):
        from_iati(7)
    with pytest.raises(TypeError):
        from_iati(True)
    with pytest.raises(CrosswalkError):
        to_iati(None)
