"""The bundled plan: complete, faithful to its source copy, explained, unknowns visible.

Every rule of the curation has a test here that fails if the data breaks it.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import Confidence, DeadlineKind, InstitutionKind, NameConfidence, dataset

PLAN = atp.load_plan()
SOURCE = dataset.source_lines()

#: Activities per specific objective, counted by hand in the source copy.
COUNTS = {
    "1.1": 9,
    "1.2": 5,
    "1.3": 2,
    "1.4": 2,
    "1.5": 2,
    "2.1": 7,
    "2.3": 9,
    "2.4": 5,
    "2.5": 3,
    "2.6": 7,
    "3.1": 1,
    "3.2": 4,
    "3.4": 3,
    "3.5": 4,
    "4.1": 5,
    "4.2": 4,
    "4.3": 5,
    "4.4": 7,
    "4.5": 2,
}
#: Codes the extraction lost or garbled, restored from the sequence.
RESTORED = {
    "1.1.5",
    "1.1.6",
    "1.1.8",
    "1.2.1",
    "1.2.2",
    "2.1.2",
    "2.3.1",
    "2.4.2",
    "2.6.7",
    "3.2.1",
    "3.2.2",
    "3.5.3",
}


def _normalized_source() -> str:
    text = " ".join(" ".join(line.split("\t")) for line in SOURCE)
    for repair in PLAN.repairs:
        text = text.replace(repair.as_printed, repair.as_read)
    return " ".join(text.split())


def _squash(text: str) -> str:
    return " ".join(text.split())


# -- completeness --------------------------------------------------------------------------
def test_every_activity_of_the_source_is_there() -> None:
    assert len(PLAN.activities) == 86
    per_objective = Counter(a.specific_objective_code for a in PLAN.activities)
    assert dict(per_objective) == COUNTS


def test_every_code_the_source_prints_is_kept() -> None:
    printed = set()
    for line in SOURCE[:116]:
        printed.update(re.findall(r"(?<![\d.])(\d\.\d\.\d)(?![\d.])", line))
    codes = set(PLAN.activities.codes)
    assert printed <= codes
    assert codes - printed == RESTORED


def test_objectives_are_those_of_the_source_and_none_invented() -> None:
    assert [o.code for o in PLAN.strategic_objectives] == ["1", "2", "3", "4"]
    assert [o.code for o in PLAN.specific_objectives] == list(COUNTS)
    assert "2.2" not in {o.code for o in PLAN.specific_objectives}
    assert "3.3" not in {o.code for o in PLAN.specific_objectives}
    assert any("2.2 and 3.3" in n.text for n in PLAN.notes)


# -- integrity -------------------------------------------------------------------------------
def test_codes_are_unique_and_hierarchical() -> None:
    codes = PLAN.activities.codes
    assert len(set(codes)) == len(codes)
    specific = {o.code for o in PLAN.specific_objectives}
    strategic = {o.code for o in PLAN.strategic_objectives}
    for activity in PLAN.activities:
        assert re.fullmatch(r"\d+\.\d+\.\d+", activity.code)
        assert activity.specific_objective_code in specific
        assert activity.strategic_objective_code in strategic
    for objective in PLAN.specific_objectives:
        assert objective.strategic_objective_code in strategic


def test_plan_order_follows_the_codes() -> None:
    keys = [tuple(int(p) for p in c.split(".")) for c in PLAN.activities.codes]
    assert keys == sorted(keys)


def test_every_institution_reference_resolves_to_the_registry() -> None:
    registry = PLAN.registry
    for activity in PLAN.activities:
        for inst in (*activity.responsible, *activity.supporting):
            assert registry[inst.code] is inst


def test_every_activity_has_a_deadline_and_a_responsible_or_a_note_why_not() -> None:
    for activity in PLAN.activities:
        fields = {n.field for n in activity.notes}
        if activity.deadline is None:
            assert "deadline" in fields, activity.code
        if not activity.responsible:
            assert "responsible" in fields, activity.code


def test_the_three_empty_deadline_cells_stay_empty() -> None:
    assert [a.code for a in PLAN.activities if a.deadline is None] == ["1.1.6", "1.3.1", "3.2.2"]


def test_deadlines_of_the_source() -> None:
    kinds = Counter(a.deadline.kind for a in PLAN.activities if a.deadline is not None)
    assert kinds[DeadlineKind.ONGOING] == 44  # "Ongoing", "ongoing", "vazhdimes i" counted by hand
    texts = Counter(str(a.deadline) for a in PLAN.activities)
    assert texts["2015-2017"] == 31
    assert texts["2015-2016"] == 3
    assert PLAN.activity("1.1.1").deadline == atp.parse_deadline("Q4 2015")
    assert PLAN.activity("3.1.1").deadline == atp.parse_deadline("2016")
    assert PLAN.activity("4.2.2").deadline == atp.parse_deadline("2015")
    assert PLAN.activity("3.2.3").deadline == atp.parse_deadline("2017-2019")
    assert PLAN.activity("2.6.5").provenance.deadline_cell == "vazhdimes i"
    assert PLAN.activity("2.6.5").deadline.is_ongoing  # type: ignore[union-attr]
    assert PLAN.period.start == date(2015, 1, 1)
    assert PLAN.period.due == date(2019, 12, 31)


# -- faithfulness ------------------------------------------------------------------------------
def _text_fields() -> list[tuple[str, str]]:
    found = []
    for activity in PLAN.activities:
        for name, text in activity.text_fields():
            found.append((f"{activity.code}.{name}", text))
    for objective in (*PLAN.strategic_objectives, *PLAN.specific_objectives):
        for piece in objective.title_pieces:
            found.append((f"objective {objective.code}", piece))
    return found


def test_every_word_of_every_text_occurs_in_the_source_after_recorded_joins() -> None:
    words = set(_normalized_source().split())
    missing = [
        (where, word)
        for where, text in _text_fields()
        for word in text.split()
        if word not in words
    ]
    assert missing == []


def test_without_the_recorded_joins_the_faithfulness_test_would_fail() -> None:
    raw_words = set(" ".join(" ".join(line.split("\t")) for line in SOURCE).split())
    missing = {word for _, text in _text_fields() for word in text.split()} - raw_words
    assert missing  # the joins are needed ...
    joined = {r.as_read for r in PLAN.repairs}
    assert all(any(j in w or w in j for j in joined) for w in missing)  # ... and explain it all


def test_every_recorded_join_is_printed_in_the_source_and_used() -> None:
    source = " ".join(" ".join(line.split()) for line in SOURCE)
    used = " ".join(
        [text for _, text in _text_fields()] + [i for inst in PLAN.institutions for i in inst.names]
    )
    for repair in PLAN.repairs:
        assert repair.as_printed in source or repair.as_printed.replace(" ", "") in source
        assert repair.as_read in used, repair


def test_the_sources_own_typos_stay() -> None:
    assert "Raports" in (PLAN.activity("1.1.5").sources_of_verification or "")
    assert "procedules" in (PLAN.objective("2").title or "")
    assert "humo" in (PLAN.objective("1.2").title or "")


def test_provenance_quotes_the_source_lines_exactly() -> None:
    for activity in PLAN.activities:
        prov = activity.provenance
        assert prov.lines, activity.code
        expected = "\n".join(SOURCE[n - 1].replace("\t", " | ") for n in prov.lines)
        assert prov.raw == expected
        printed = _squash(" ".join(SOURCE[n - 1] for n in prov.lines))
        for cell in (prov.responsible_cell, prov.supporting_cell, prov.deadline_cell):
            if cell is not None:
                assert all(part in printed for part in cell.split(" ")), (activity.code, cell)


def test_cut_titles_keep_their_pieces() -> None:
    three = PLAN.objective("3")
    assert three.title_pieces[0] == "Increase of th"
    assert three.title is not None
    assert " … " in three.title


# -- explained -----------------------------------------------------------------------------
def test_every_restored_code_is_marked_inferred_with_a_note() -> None:
    marked = {
        a.code
        for a in PLAN.activities
        if any(n.field == "code" and n.confidence is Confidence.INFERRED for n in a.notes)
    }
    assert marked == RESTORED


def test_merged_rows_are_explained() -> None:
    for code in ("1.1.5", "1.1.6", "2.1.1", "2.1.2", "3.2.1", "3.2.2", "3.5.3", "3.5.4"):
        notes = " ".join(n.text for n in PLAN.activity(code).notes)
        assert "merged" in notes or "Split" in notes or "split" in notes, code
    assert "two activities under the one code" in " ".join(
        n.text for n in PLAN.activity("4.2.1").notes
    )


def test_every_note_has_a_known_confidence() -> None:
    for activity in PLAN.activities:
        for note in activity.notes:
            assert isinstance(note.confidence, Confidence)
            assert note.text.strip()


# -- unknowns stay unknown ---------------------------------------------------------------------
UNRESOLVED = {"MDSSP", "OKQ", "EBLI", "DML", "TEiP", "DiA"}


def test_names_come_only_from_the_source_or_the_glossary() -> None:
    for inst in PLAN.institutions:
        if inst.name is None:
            assert inst.name_confidence is None
        else:
            assert isinstance(inst.name_confidence, NameConfidence), inst.code
    unnamed_bodies = {
        i.code for i in PLAN.institutions if i.kind is InstitutionKind.BODY and i.name is None
    }
    assert unnamed_bodies >= UNRESOLVED
    assert PLAN.institution("MF").name_confidence is NameConfidence.LIKELY
    assert PLAN.institution("MLSW").name_confidence is NameConfidence.KNOWN


def test_fragments_are_not_resolved_to_a_guess() -> None:
    fragments = {i.code for i in PLAN.institutions if i.kind is InstitutionKind.FRAGMENT}
    assert fragments == {"Trafficking", "Organizations"}
    responsible = PLAN.activity("4.2.1").responsible
    assert [i.code for i in responsible] == ["Trafficking"]


def test_albanian_abbreviations_are_aliases_of_their_english_entries() -> None:
    pairs = {"PK": "KP", "iPK": "KPI", "KPK": "KPC", "KGJK": "KJC", "ZMNV": "VAAO", "QPS": "CSA"}
    for albanian, english in pairs.items():
        assert PLAN.institution(albanian).code == english
    supporting = [i.code for i in PLAN.activity("4.3.4").supporting]
    assert supporting == ["KP", "KPI", "KPC", "VAAO", "KJC", "DML", "TEiP", "CSA"]


def test_broken_forms_resolve_to_one_entry() -> None:
    assert PLAN.institution("Municipalit ies").code == "Municipalities"
    assert PLAN.institution("VAAO- SP").code == "VAAO"
    assert PLAN.institution("The Secretaria t Against Traffickin g").code == "Secretariat"


def test_no_cost_is_attached_and_every_fragment_is_kept() -> None:
    assert all(a.cost is None for a in PLAN.activities)
    cost_lines = {n for n in range(117, len(SOURCE) + 1) if SOURCE[n - 1].strip()}
    assert {f.line for f in PLAN.cost_fragments} == cost_lines
    amounts = [f.amount_eur for f in PLAN.cost_fragments if f.amount_eur is not None]
    assert sorted(amounts) == sorted([15000, 4000, 30000, 9000, 15000, 15000] + [6000] * 6)
    assert sum(amounts) == 124000
    for fragment in PLAN.cost_fragments:
        assert (
            fragment.text in _squash(SOURCE[fragment.line - 1])
            or fragment.text in SOURCE[fragment.line - 1]
        )


# -- facts checked by hand against the source --------------------------------------------
@pytest.mark.parametrize(
    ("code", "responsible", "supporting", "deadline"),
    [
        (
            "1.1.2",
            ["MIA"],
            ["Secretariat", "MIA", "MEST", "MCYS", "MLSW", "Donors", "NGOs"],
            "2015-2017",
        ),
        ("1.2.4", ["MFA", "Kosovo Diplomatic Academy"], ["MIA", "Donors"], "2015-2017"),
        ("2.3.7", ["AKM", "Municipalities", "MAP", "MF"], ["AKKTNj"], "ongoing"),
        ("3.1.1", ["AKKTNj"], ["KP", "IDHT", "DiA"], "2016"),
        ("3.2.3", ["SP"], ["KP", "KPI", "KCS", "KJC", "Donors"], "2017-2019"),
        ("4.1.2", ["MIA", "IDHT", "SP"], ["Service providers"], "ongoing"),
        ("4.4.2", [], ["inst. represented in the ISG"], "2015-2017"),
    ],
)
def test_activity_facts(
    code: str, responsible: list[str], supporting: list[str], deadline: str
) -> None:
    activity = PLAN.activity(code)
    assert [i.code for i in activity.responsible] == responsible
    assert [i.code for i in activity.supporting] == supporting
    assert activity.deadline == atp.parse_deadline(deadline)


def test_plan_metadata() -> None:
    assert PLAN.jurisdiction == "Kosovo"
    assert PLAN.source.place == "Pristina"
    assert PLAN.source.published == "March 2015"
    assert "AKKTNj" in PLAN.issuer
    assert PLAN.dataset_version
