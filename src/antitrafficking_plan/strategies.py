"""Hypothesis strategies for property-based tests of code that uses this library.

This module imports :mod:`hypothesis` at import time, so it needs the ``hypothesis`` extra
(``pip install -e ".[hypothesis]"`` in a checkout, or ``pip install hypothesis``); the
rest of the package never imports it.

>>> from hypothesis import given
>>> from antitrafficking_plan.deadline import parse_deadline
>>> from antitrafficking_plan.strategies import deadlines
>>> @given(deadlines())
... def test_round_trip(d):
...     assert parse_deadline(str(d)) == d
>>> test_round_trip()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ._deadline_grammar import MONTH_NAMES as _MONTHS
from .deadline import Deadline, DeadlineKind
from .model import (
    Activity,
    Confidence,
    Cost,
    CostFragment,
    FundingSource,
    Institution,
    InstitutionKind,
    NameConfidence,
    Note,
    Provenance,
    SourceReference,
    SpecificObjective,
    StrategicObjective,
)
from .plan import Plan, TextRepair
from .quarter import from_index, index, quarter_of
from .registry import normalize_name

__all__ = [
    "activities",
    "deadline_spellings",
    "deadline_texts",
    "deadlines",
    "institutions",
    "notes",
    "plans",
    "provenances",
]


# =========================================================================================
# Deadlines
# =========================================================================================

_ONGOING_TEXTS = (
    "ongoing",
    "Ongoing",
    "on-going",
    "continuous",
    "continuously",
    "permanent",
    "vazhdimesi",
    "vazhdimes i",
    "vazhdimësi",
    "në vazhdimësi",
    "ne vazhdimesi",
    "vazhdimisht",
)
_ANNUAL_TEXTS = ("annually", "annual", "Annually", "yearly", "every year")
_RANGE_SEPS = ("-", "–", "/", " - ", " – ", " to ")


def deadlines(
    *,
    min_year: int = 1,
    max_year: int = 9999,
    kinds: Iterable[DeadlineKind] | None = None,
) -> SearchStrategy[Deadline]:
    """Any :class:`~antitrafficking_plan.deadline.Deadline` with years in the given bounds.

    ``kinds`` restricts the kinds drawn (default: all). YEAR_RANGE needs
    ``min_year < max_year`` and is left out otherwise.
    """
    if not 1 <= min_year <= max_year <= 9999:
        raise ValueError(f"need 1 <= min_year <= max_year <= 9999, not {min_year}, {max_year}")
    wanted = set(DeadlineKind if kinds is None else kinds)
    years = st.integers(min_year, max_year)
    days = st.dates(date(min_year, 1, 1), date(max_year, 12, 31))
    first_q, last_q = index(min_year, 1), index(max_year, 4)

    def _quarter_range(i: int) -> SearchStrategy[Deadline]:
        # Mostly short ranges (within or just across a year), sometimes any length.
        end = st.one_of(st.integers(i + 1, min(i + 7, last_q)), st.integers(i + 1, last_q))
        return end.map(lambda j: Deadline.of_quarters(*from_index(i), *from_index(j)))

    def _year_range(a: int) -> SearchStrategy[Deadline]:
        end = st.one_of(st.integers(a + 1, min(a + 5, max_year)), st.integers(a + 1, max_year))
        return end.map(lambda b: Deadline.of_years(a, b))

    by_kind: dict[DeadlineKind, SearchStrategy[Deadline]] = {
        DeadlineKind.QUARTER: st.builds(Deadline.of_quarter, years, st.integers(1, 4)),
        DeadlineKind.QUARTER_RANGE: st.integers(first_q, last_q - 1).flatmap(_quarter_range),
        DeadlineKind.HALF: st.builds(Deadline.of_half, years, st.integers(1, 2)),
        DeadlineKind.MONTH: st.builds(Deadline.of_month, years, st.integers(1, 12)),
        DeadlineKind.DAY: days.map(Deadline.of_day),
        DeadlineKind.YEAR: years.map(Deadline.of_year),
        DeadlineKind.BY: days.map(Deadline.by),
        DeadlineKind.ONWARDS: years.map(Deadline.onwards),
        DeadlineKind.ONGOING: st.just(Deadline.ongoing()),
        DeadlineKind.ANNUAL: st.just(Deadline.annual()),
    }
    if min_year < max_year:
        by_kind[DeadlineKind.YEAR_RANGE] = st.integers(min_year, max_year - 1).flatmap(_year_range)
    chosen = [strategy for kind, strategy in by_kind.items() if kind in wanted]
    if not chosen:
        raise ValueError("no deadline kind can be drawn with these arguments")
    return st.one_of(chosen)


def _ongoing_spellings(d: Deadline) -> list[str]:
    return list(_ONGOING_TEXTS)


def _annual_spellings(d: Deadline) -> list[str]:
    return list(_ANNUAL_TEXTS)


def _by_spellings(d: Deadline) -> list[str]:
    due = d.due
    assert due is not None
    y, m, day = f"{due.year:04d}", due.month, due.day
    out = [f"by {due.isoformat()}", f"by {day} {_MONTHS[m]} {y}", f"until {day:02d}.{m:02d}.{y}"]
    if d == Deadline.by(Deadline.of_month(due.year, m).due or due):
        out += [f"by end of {_MONTHS[m]} {y}", f"end of {_MONTHS[m][:3]} {y}"]
    if (m, day) == (12, 31):
        out += [f"end of {y}", f"by end of {y}", f"by the end of {y}", f"by {y}", f"until {y}"]
    return out


def _ends(d: Deadline) -> tuple[date, date, str]:
    """Start, due (the due of open-ended kinds is the start) and the start's year text."""
    start = d.start
    assert start is not None
    return start, d.due or start, f"{start.year:04d}"


def _onwards_spellings(d: Deadline) -> list[str]:
    _, _, y = _ends(d)
    return [f"{y} onwards", f"{y} and onwards", f"from {y}", f"since {y}", f"{y} - ongoing"]


def _quarter_spellings(d: Deadline) -> list[str]:
    start, _, y = _ends(d)
    q = quarter_of(start)
    return [f"Q{q} {y}", f"q{q}/{y}", f"{y} Q{q}", f"{y}Q{q}", f"Q{q}-{y}"]


def _quarter_range_spellings(d: Deadline) -> list[str]:
    start, due, y = _ends(d)
    a, b = quarter_of(start), quarter_of(due)
    if start.year == due.year:
        return [f"Q{a}{sep}Q{b} {y}" for sep in _RANGE_SEPS] + [f"{y} Q{a}-Q{b}", f"Q{a}-{b} {y}"]
    return [f"Q{a} {y}{sep}Q{b} {due.year:04d}" for sep in _RANGE_SEPS]


def _half_spellings(d: Deadline) -> list[str]:
    start, _, y = _ends(d)
    h = 1 if start.month == 1 else 2
    word = ("first", "second")[h - 1]
    return [f"H{h} {y}", f"{word} half of {y}", f"{word} half {y}", f"{y} H{h}", f"h{h}/{y}"]


def _month_spellings(d: Deadline) -> list[str]:
    start, _, y = _ends(d)
    m = start.month
    name = _MONTHS[m]
    return [f"{name} {y}", f"{name[:3]} {y}", f"{m:02d}/{y}", f"{m}.{y}", f"{y} {name}"]


def _day_spellings(d: Deadline) -> list[str]:
    start, _, y = _ends(d)
    m, day = start.month, start.day
    name = _MONTHS[m]
    return [
        f"{day} {name} {y}",
        f"{day:02d}.{m:02d}.{y}",
        f"{day}/{m}/{y}",
        start.isoformat(),
        f"{name} {day}, {y}",
        f"{day}-{name[:3]}-{y}",
    ]


def _year_spellings(d: Deadline) -> list[str]:
    _, _, y = _ends(d)
    return [y, f" {y} "]


def _year_range_spellings(d: Deadline) -> list[str]:
    start, due, _ = _ends(d)
    a, b = start.year, due.year
    out = [f"{a:04d}{sep}{b:04d}" for sep in _RANGE_SEPS] + [f"from {a:04d} to {b:04d}"]
    if a // 100 == b // 100 and b % 100 > 12:
        out.append(f"{a:04d}-{b % 100:02d}")
    return out


#: Other texts that :func:`parse_deadline` reads as a deadline of each kind, one entry
#: per kind (a test checks the table is complete).
_SPELLINGS: dict[DeadlineKind, Callable[[Deadline], list[str]]] = {
    DeadlineKind.QUARTER: _quarter_spellings,
    DeadlineKind.QUARTER_RANGE: _quarter_range_spellings,
    DeadlineKind.HALF: _half_spellings,
    DeadlineKind.MONTH: _month_spellings,
    DeadlineKind.DAY: _day_spellings,
    DeadlineKind.YEAR: _year_spellings,
    DeadlineKind.YEAR_RANGE: _year_range_spellings,
    DeadlineKind.BY: _by_spellings,
    DeadlineKind.ONWARDS: _onwards_spellings,
    DeadlineKind.ONGOING: _ongoing_spellings,
    DeadlineKind.ANNUAL: _annual_spellings,
}


def _spellings(d: Deadline) -> list[str]:
    """Texts that :func:`parse_deadline` reads as ``d`` (besides ``str(d)``)."""
    return _SPELLINGS[d.kind](d)


def _vary(text: str) -> SearchStrategy[str]:
    """``text`` in another letter case and with extra spaces around and inside."""
    cased = st.sampled_from([text, text.lower(), text.upper(), text.title()])
    pad = st.sampled_from(["", " ", "  ", "\t"])
    inner = st.sampled_from([" ", "  ", "   "])
    return st.builds(
        lambda t, left, right, gap: left + t.replace(" ", gap) + right, cased, pad, pad, inner
    )


def deadline_spellings(
    *, min_year: int = 1, max_year: int = 9999
) -> SearchStrategy[tuple[Deadline, str]]:
    """Pairs ``(deadline, text)`` where ``parse_deadline(text) == deadline``.

    The text is one of the accepted spellings of the deadline (canonical or not), in a
    random letter case with extra spaces.
    """
    return deadlines(min_year=min_year, max_year=max_year).flatmap(
        lambda d: (
            st.sampled_from([str(d), *_spellings(d)]).flatmap(_vary).map(lambda text: (d, text))
        )
    )


def deadline_texts(*, min_year: int = 1, max_year: int = 9999) -> SearchStrategy[str]:
    """Texts that :func:`~antitrafficking_plan.deadline.parse_deadline` accepts."""
    return deadline_spellings(min_year=min_year, max_year=max_year).map(lambda pair: pair[1])


# =========================================================================================
# Domain objects
# =========================================================================================
#
# Every generated plan is valid: ``load_plan`` accepts ``dumps_plan`` of it, so tools can
# property-test their own code on plans of any shape, not just the bundled one.

_text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)
_optional_text = st.one_of(st.none(), _text)
#: Names and aliases have some text besides spaces (a blank one would answer an empty lookup).
_name = _text.filter(str.strip)
_sources = st.lists(st.sampled_from(list(FundingSource)), max_size=3, unique=True).map(tuple)


def notes() -> SearchStrategy[Note]:
    """Provenance notes with any field name, text and confidence."""
    return st.builds(
        Note,
        st.sampled_from(("code", "description", "responsible", "deadline", "row", "title")),
        _text,
        st.sampled_from(list(Confidence)),
    )


def provenances() -> SearchStrategy[Provenance]:
    """Provenance records: source lines, raw text, printed cells and notes."""
    return st.builds(
        Provenance,
        lines=st.lists(st.integers(1, 10_000), max_size=3).map(tuple),
        raw=st.text(max_size=60),
        responsible_cell=_optional_text,
        supporting_cell=_optional_text,
        deadline_cell=_optional_text,
        notes=st.lists(notes(), max_size=3).map(tuple),
    )


_CODES = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZj", min_size=1, max_size=6)


def institutions(codes: SearchStrategy[str] = _CODES) -> SearchStrategy[Institution]:
    """Institution entries of every kind, with or without a name and aliases."""
    return st.builds(
        Institution,
        code=codes,
        kind=st.sampled_from(list(InstitutionKind)),
        name=st.one_of(st.none(), _name),
        name_confidence=st.one_of(st.none(), st.sampled_from(list(NameConfidence))),
        aliases=st.lists(_name, max_size=2).map(tuple),
        note=_optional_text,
    )


def _cost() -> SearchStrategy[Cost]:
    return st.builds(Cost, _text, st.one_of(st.none(), st.integers(0, 10**7)), _sources)


def activities(
    code: str, registry: list[Institution], *, min_year: int = 2010, max_year: int = 2030
) -> SearchStrategy[Activity]:
    """An activity with this code whose institutions come from ``registry``."""
    picks = (
        st.lists(st.sampled_from(registry), max_size=3, unique_by=lambda i: i.code).map(tuple)
        if registry
        else st.just(())
    )
    return st.builds(
        Activity,
        code=st.just(code),
        description=_optional_text,
        expected_results=_optional_text,
        indicators=_optional_text,
        sources_of_verification=_optional_text,
        responsible=picks,
        supporting=picks,
        deadline=st.one_of(st.none(), deadlines(min_year=min_year, max_year=max_year)),
        cost=st.one_of(st.none(), _cost()),
        provenance=provenances(),
    )


def _unshared(entries: list[Institution]) -> list[Institution]:
    """The entries with every name or alias another entry already answers to removed, so
    that each name finds one institution (a rule of valid plans)."""
    owners = {normalize_name(inst.code): inst.code for inst in entries}
    kept = []
    for inst in entries:

        def free(name: str, code: str = inst.code) -> bool:
            return owners.setdefault(normalize_name(name), code) == code

        name = inst.name if inst.name is not None and free(inst.name) else None
        aliases = tuple(a for a in inst.aliases if free(a))
        confidence = inst.name_confidence if name is not None else None
        kept.append(attrs.evolve(inst, name=name, name_confidence=confidence, aliases=aliases))
    return kept


@st.composite
def plans(draw: st.DrawFn, *, max_activities: int = 30, max_institutions: int = 10) -> Plan:
    """Valid plans: unique hierarchical codes, activities under existing objectives,
    institution references into the plan's own registry."""
    registry = _unshared(
        draw(
            st.lists(
                institutions(),
                max_size=max_institutions,
                unique_by=lambda i: i.code.casefold(),  # codes may not differ in case only
            )
        )
    )
    n_strategic = draw(st.integers(1, 4))
    specific: list[str] = []
    for s in range(1, n_strategic + 1):
        specific.extend(f"{s}.{o}" for o in range(1, draw(st.integers(0, 4)) + 1))
    codes: list[str] = []
    if specific:
        for objective in specific:
            codes.extend(f"{objective}.{n}" for n in range(1, draw(st.integers(0, 3)) + 1))
    codes = codes[:max_activities]
    acts = [draw(activities(code, registry)) for code in codes]
    first = draw(st.integers(2000, 2030))
    return Plan(
        title=draw(_text),
        jurisdiction=draw(_text),
        issuer=draw(_text),
        period=Deadline.of_years(first, first + draw(st.integers(0, 10))),
        source=draw(st.builds(SourceReference, _text, _text, _optional_text, _optional_text)),
        dataset_version=draw(_text),
        strategic_objectives=[
            StrategicObjective(str(s), tuple(draw(st.lists(_text, max_size=2))))
            for s in range(1, n_strategic + 1)
        ],
        specific_objectives=[
            SpecificObjective(c, tuple(draw(st.lists(_text, max_size=2))), draw(provenances()))
            for c in specific
        ],
        institutions=registry,
        activities=acts,
        cost_fragments=draw(
            st.lists(
                st.builds(
                    CostFragment,
                    _text,
                    st.integers(1, 10_000),
                    st.integers(1, 100),
                    st.one_of(st.none(), st.integers(0, 10**7)),
                    _sources,
                    _optional_text,
                ),
                max_size=3,
            )
        ),
        notes=draw(st.lists(notes(), max_size=2)),
        repairs=draw(st.lists(st.builds(TextRepair, _text, _text), max_size=2)),
    )
