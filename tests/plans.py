"""Small plans for tests: a hand builder and a hypothesis strategy for whole plans.

``build_plan`` makes a valid :class:`Plan` from a few activities (objectives are derived
from the activity codes); ``plans()`` generates arbitrary valid plans for property tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from importlib import resources

from hypothesis import strategies as st

from antitrafficking_plan import (
    Activity,
    Cost,
    CostFragment,
    Deadline,
    FundingSource,
    Institution,
    InstitutionKind,
    Plan,
    Provenance,
    SourceReference,
    SpecificObjective,
    StrategicObjective,
)

PERIOD = Deadline.of_years(2015, 2019)


def bundled_plan_available() -> bool:
    """Whether the bundled plan file is in the package data yet."""
    data = (
        resources.files("antitrafficking_plan").joinpath("data").joinpath("kosovo_2015_2019.json")
    )
    return data.is_file()


def inst(code: str, name: str | None = None, *aliases: str) -> Institution:
    """An institution entry."""
    return Institution(code, InstitutionKind.BODY, name, aliases=aliases)


def act(
    code: str,
    *,
    responsible: Sequence[Institution] = (),
    supporting: Sequence[Institution] = (),
    deadline: Deadline | str | None = None,
    description: str | None = None,
    indicators: str | None = "an indicator",
    cost: Cost | None = None,
    lines: Sequence[int] = (),
) -> Activity:
    """An activity; a deadline may be given as text."""
    from antitrafficking_plan import parse_deadline

    if isinstance(deadline, str):
        deadline = parse_deadline(deadline)
    return Activity(
        code,
        description=description if description is not None else f"activity {code}",
        indicators=indicators,
        responsible=tuple(responsible),
        supporting=tuple(supporting),
        deadline=deadline,
        cost=cost,
        provenance=Provenance(lines=tuple(lines)),
    )


def build_plan(
    activities: Iterable[Activity],
    institutions: Iterable[Institution] | None = None,
    fragments: Iterable[CostFragment] = (),
    period: Deadline = PERIOD,
) -> Plan:
    """A valid plan holding ``activities`` (objectives derived from their codes)."""
    acts = tuple(activities)
    if institutions is None:
        institutions = {i.code: i for a in acts for i in a.institutions}.values()
    strategic = sorted({a.strategic_objective_code for a in acts}, key=int)
    specific = sorted(
        {a.specific_objective_code for a in acts},
        key=lambda c: tuple(int(p) for p in c.split(".")),
    )
    return Plan(
        title="Test plan",
        jurisdiction="Testland",
        issuer="Test issuer",
        period=period,
        source=SourceReference("Test plan", "Test issuer"),
        dataset_version="0",
        strategic_objectives=[StrategicObjective(c) for c in strategic],
        specific_objectives=[SpecificObjective(c) for c in specific],
        institutions=tuple(institutions),
        activities=acts,
        cost_fragments=tuple(fragments),
    )


# -- hypothesis ------------------------------------------------------------------------------
_WORDS = (
    "shelter",
    "Shelters",
    "child",
    "children",
    "CHILD",
    "internet",
    "Internet",
    "victims",
    "shtëpi",
    "Shtëpi",
    "sigurt",
    "çdo",
    "training",
    "awareness",
    "réseau",
)

_years = st.integers(2013, 2021)


@st.composite
def deadlines(draw: st.DrawFn) -> Deadline:
    """Any kind of deadline, around the 2015-2019 plan period."""
    kind = draw(st.sampled_from(("year", "years", "quarter", "by", "onwards", "ongoing", "annual")))
    if kind == "year":
        return Deadline.of_year(draw(_years))
    if kind == "years":
        first = draw(_years)
        return Deadline.of_years(first, first + draw(st.integers(0, 3)))
    if kind == "quarter":
        return Deadline.of_quarter(draw(_years), draw(st.integers(1, 4)))
    if kind == "by":
        return Deadline.by(draw(st.dates(date(2013, 1, 1), date(2021, 12, 31))))
    if kind == "onwards":
        return Deadline.onwards(draw(_years))
    if kind == "ongoing":
        return Deadline.ongoing()
    return Deadline.annual()


def _text() -> st.SearchStrategy[str | None]:
    return st.one_of(
        st.none(), st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join)
    )


@st.composite
def plans(draw: st.DrawFn, max_activities: int = 25, max_institutions: int = 8) -> Plan:
    """A valid plan: 1-8 institutions, 0-``max_activities`` activities in up to three
    strategic objectives, random roles, deadlines, text, costs and fragments."""
    codes = draw(
        st.lists(
            st.text("ABCDEFGHKLMNPRS", min_size=1, max_size=4),
            min_size=1,
            max_size=max_institutions,
            unique=True,
        )
    )
    institutions = [inst(c, f"Institution {c}", f"alias-{c.lower()}x") for c in codes]
    n = draw(st.integers(0, max_activities))
    activities = []
    counters: dict[tuple[int, int], int] = {}
    sources = st.lists(st.sampled_from(list(FundingSource)), max_size=3, unique=True)
    for _ in range(n):
        s, o = draw(st.integers(1, 3)), draw(st.integers(1, 11))
        counters[(s, o)] = counters.get((s, o), 0) + 1
        cost = draw(
            st.one_of(
                st.none(),
                st.builds(
                    Cost, st.just("cost"), st.one_of(st.none(), st.integers(0, 10**6)), sources
                ),
            )
        )
        activities.append(
            Activity(
                f"{s}.{o}.{counters[(s, o)]}",
                description=draw(_text()),
                expected_results=draw(_text()),
                indicators=draw(_text()),
                sources_of_verification=draw(_text()),
                responsible=draw(st.lists(st.sampled_from(institutions), max_size=3, unique=True)),
                supporting=draw(st.lists(st.sampled_from(institutions), max_size=3, unique=True)),
                deadline=draw(st.one_of(st.none(), deadlines())),
                cost=cost,
                provenance=Provenance(lines=draw(st.lists(st.integers(1, 300), max_size=2))),
            )
        )
    if draw(st.booleans()):
        activities = draw(st.permutations(activities))
    fragments = draw(
        st.lists(
            st.builds(
                CostFragment,
                st.just("fragment"),
                st.integers(1, 300),
                st.integers(1, 20),
                st.one_of(st.none(), st.integers(0, 10**6)),
                sources,
            ),
            max_size=4,
        )
    )
    return build_plan(activities, institutions, fragments)
