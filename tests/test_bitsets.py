"""Sets of positions as ints: the three forms (bitset, flag bytes, positions) agree."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from antitrafficking_plan import _bitsets

position_sets = (
    st.integers(0, 300)
    .flatmap(lambda size: st.tuples(st.just(size), st.sets(st.integers(0, max(size - 1, 0)))))
    .map(lambda case: (case[0], case[1] if case[0] else set()))
)


@given(position_sets)
def test_positions_flags_and_bitsets_round_trip(case: tuple[int, set[int]]) -> None:
    size, found = case
    bits = _bitsets.from_positions(sorted(found, reverse=True), size)  # any order
    assert bits == sum(1 << p for p in found)
    assert _bitsets.positions(bits) == sorted(found)
    assert bits.bit_count() == len(found)
    assert _bitsets.from_flags(_bitsets.flags(bits)) == bits
    flag_bytes = _bitsets.flags(bits)
    assert set(flag_bytes) <= {0, 1}
    assert [p for p, f in enumerate(flag_bytes) if f] == sorted(found)
    if found:
        assert _bitsets.lowest(bits) == min(found)


@given(position_sets)
def test_members_are_the_items_at_the_positions(case: tuple[int, set[int]]) -> None:
    size, found = case
    items = [f"item {i}" for i in range(size)]
    bits = _bitsets.from_positions(found, size)
    assert _bitsets.members(bits, items) == tuple(items[p] for p in sorted(found))


def test_any_flag_byte_but_zero_is_a_member() -> None:
    assert _bitsets.from_flags(bytes([0, 2, 255, 0, 1])) == 0b10110


def test_repeats_count_once_and_empty_sets_are_zero() -> None:
    assert _bitsets.from_positions([3, 3, 1], 4) == 0b1010
    assert _bitsets.from_positions([], 0) == 0
    assert _bitsets.from_positions([], 5) == 0
    assert _bitsets.from_flags(b"") == 0
    assert _bitsets.positions(0) == []
    assert _bitsets.members(0, ["a"]) == ()
