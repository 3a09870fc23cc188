"""Compare two independent readings of the source, field by field (double entry).

    python curation/compare_readings.py curation/reading_a.json curation/reading_b.json

Prints one line per disagreement (object, field, reading A, reading B) and a count; each
disagreement is settled from the source and recorded in ``SETTLEMENT.md``. Notes are not
compared (they are prose); codes, texts, institution mentions, deadlines, title pieces,
lines and cost fragments are.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ACTIVITY_FIELDS = (
    "code_as_printed",
    "lines",
    "description",
    "expected_results",
    "indicators",
    "sources_of_verification",
    "responsible",
    "supporting",
    "deadline",
)


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def _by_code(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in records}


def differences(a: dict[str, Any], b: dict[str, Any]) -> Iterator[tuple[str, str, Any, Any]]:
    """Yield (object, field, value in A, value in B) for every disagreement."""
    for kind, fields in (
        ("strategic_objectives", ("title_pieces", "lines")),
        ("specific_objectives", ("title_pieces", "lines")),
        ("activities", ACTIVITY_FIELDS),
    ):
        left, right = _by_code(a[kind]), _by_code(b[kind])
        for code in sorted(set(left) | set(right), key=lambda c: [int(p) for p in c.split(".")]):
            if code not in left or code not in right:
                yield (f"{kind} {code}", "(presence)", code in left, code in right)
                continue
            for field in fields:
                va, vb = _norm(left[code].get(field)), _norm(right[code].get(field))
                if va != vb:
                    yield (f"{kind} {code}", field, va, vb)
    joins_a = {(j["as_printed"], j["joined"]) for j in a.get("joins", [])}
    joins_b = {(j["as_printed"], j["joined"]) for j in b.get("joins", [])}
    for join in sorted(joins_a - joins_b):
        yield ("joins", "only in A", join, None)
    for join in sorted(joins_b - joins_a):
        yield ("joins", "only in B", None, join)

    def frag_key(f: dict[str, Any]) -> tuple[Any, ...]:
        # The two readings (2026) wrote "amount_eur"; dataset 1.1 calls it "amount", since
        # the source names no currency.
        amount = f.get("amount", f.get("amount_eur"))
        return (f["line"], _norm(f["text"]), amount, tuple(f.get("categories", [])))

    frags_a = sorted(frag_key(f) for f in a.get("cost_fragments", []))
    frags_b = sorted(frag_key(f) for f in b.get("cost_fragments", []))
    for frag in frags_a:
        if frag not in frags_b:
            yield ("cost_fragments", "only in A", frag, None)
    for frag in frags_b:
        if frag not in frags_a:
            yield ("cost_fragments", "only in B", None, frag)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    a = json.loads(Path(argv[1]).read_text("utf-8"))
    b = json.loads(Path(argv[2]).read_text("utf-8"))
    count = 0
    for obj, field, va, vb in differences(a, b):
        count += 1
        print(f"{obj} | {field}\n  A: {va!r}\n  B: {vb!r}")
    print(f"{count} disagreement(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
