"""The data card in docs/ is generated from the data and lists every reconstruction."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import antitrafficking_plan as atp
from antitrafficking_plan import Confidence, InstitutionKind

ROOT = Path(__file__).resolve().parent.parent
CARD = ROOT / "docs" / "data-card.md"


def _render() -> str:
    spec = importlib.util.spec_from_file_location(
        "make_data_card", ROOT / "curation" / "make_data_card.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_data_card"] = module
    spec.loader.exec_module(module)
    text: str = module.render(atp.load_plan())
    return text


def test_data_card_is_up_to_date() -> None:
    assert CARD.read_text("utf-8") == _render(), "run python curation/make_data_card.py"


def test_data_card_lists_every_inferred_item_and_unresolved_name() -> None:
    card = CARD.read_text("utf-8")
    plan = atp.load_plan()
    for activity in plan.activities:
        for note in activity.notes:
            if note.confidence is Confidence.INFERRED:
                assert f"| {activity.code} | {note.field} |" in card
    for inst in plan.institutions:
        if inst.name is None and inst.kind is not InstitutionKind.GROUP:
            assert f"**{inst.code}**" in card
    for repair in plan.repairs:
        assert f"`{repair.as_printed}`" in card
    assert "2.2 and 3.3" in card


def test_data_card_lists_every_dataset_1_1_correction() -> None:
    card = CARD.read_text("utf-8")
    plan = atp.load_plan()
    (rule,) = [n for n in plan.notes if n.field == "rows"]
    assert rule.text in card  # the merged-row rule, stated once for every merged row
    assert "| 4.2.1 | row | Decided: one activity." in card
    for code in ("2.6.5", "3.5.1"):  # the Albanian deadline read as ongoing
        assert f"| {code} | `vazhdimes i` | ongoing |" in card
    assert "| 1.1.8 | row |" in card
    assert "| 1.1.8 | responsible |" in card  # "SP" may be the end of "VAAO-SP"
    assert "| 1.4.1 | expected_results |" in card
    assert "'KP - Courts'" in card
    for objective in plan.strategic_objectives:
        assert f"**{objective.label}** · {objective.reading}" in card
        assert f"`{objective.title}`" in card  # the printed pieces, one table away
    assert "not source text" in card
    for code in ("PCK", "SP", "KJC", "CSA", "ISG"):
        inst = plan.institution(code)
        assert inst.note is not None
        assert inst.note.replace("|", "\\|") in card
    assert "names no currency" in card
