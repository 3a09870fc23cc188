"""Finding institutions by any name, and suggestions when nothing matches."""

from __future__ import annotations

import pytest

import antitrafficking_plan as atp

PLAN = atp.load_plan()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("MLSW", "MLSW"),
        ("mlsw", "MLSW"),
        ("Ministry of Labour and Social Welfare", "MLSW"),
        ("ministry of labour and social welfare", "MLSW"),
        ("KGJK", "KJC"),
        ("Kosovo Police", "KP"),
        ("VAAO-SP", "VAAO"),
        ("Centre for Social Affairs", "CSA"),
        ("Secretaria t", "Secretariat"),
        ("Municipalities", "Municipalities"),
        ("Ministry of Labour", "MLSW"),  # the first words of exactly one full name
        ("independent media", "IMC"),
        ("Autoriteti Kombëtar", "AKKTNj"),
        ("Qendra per Pune Sociale", "CSA"),
    ],
)
def test_lookup_by_code_alias_or_name(name: str, code: str) -> None:
    assert PLAN.institution(name).code == code
    exact = PLAN.registry.get(name)
    assert exact is None or exact is PLAN.institution(name)


@pytest.mark.parametrize(
    ("name", "first"),
    [("MLWS", "MLSW"), ("Ministry of Labor", "MLSW"), ("ministry of helth", "MH")],
)
def test_unknown_names_get_close_suggestions(name: str, first: str) -> None:
    with pytest.raises(atp.UnknownNameError) as info:
        PLAN.institution(name)
    assert info.value.suggestions[0] == first
    assert isinstance(info.value, KeyError)
    assert f"did you mean {first!r}" in str(info.value)


@pytest.mark.parametrize("name", ["Ministry of", "Kosovo", "Independent", "Kosovo Judicial"])
def test_first_words_shared_by_several_names_or_none_are_refused(name: str) -> None:
    with pytest.raises(atp.UnknownNameError):
        PLAN.institution(name)


def test_no_suggestion_for_nonsense() -> None:
    with pytest.raises(atp.UnknownNameError) as info:
        PLAN.institution("zzzzqqq")
    assert info.value.suggestions == ()


def test_registry_is_a_read_only_mapping_of_codes() -> None:
    registry = PLAN.registry
    assert len(registry) == len(PLAN.institutions)
    assert list(registry) == [i.code for i in PLAN.institutions]
    with pytest.raises(TypeError):
        registry["X"] = PLAN.institution("MLSW")  # type: ignore[index]
    with pytest.raises(TypeError):
        PLAN.institution(42)  # type: ignore[arg-type]


def test_a_registry_normalizes_its_names_only_when_a_name_is_looked_up() -> None:
    from antitrafficking_plan import codec

    plan = codec.loads_plan(codec.dumps_plan(PLAN))
    registry = plan.registry
    assert registry._by_key_ is None  # loading, and lookups by code, need no names
    assert registry.lookup("MLSW").code == "MLSW"
    assert registry._by_key_ is None
    assert registry.lookup("Ministry of Labour and Social Welfare").code == "MLSW"
    assert registry._by_key_ is not None


def test_a_code_as_written_finds_its_own_entry_when_another_code_reads_the_same() -> None:
    """A registry made by hand may hold codes that lookups read alike (a plan may not)."""
    first, second = atp.Institution("MoJ"), atp.Institution("M.O.J")
    registry = atp.InstitutionRegistry([first, second])
    assert registry.get("MoJ") is first
    assert registry.get("M.O.J") is second
    assert registry.get("moj") is second  # read alike: the later code wins, as before
