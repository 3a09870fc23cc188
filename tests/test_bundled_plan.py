"""The bundled plan: complete, faithful to its source copy, explained, unknowns visible.

Every rule of the curation has a test here that fails if the data breaks it.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import (
    Confidence,
    DeadlineKind,
    InstitutionKind,
    NameConfidence,
    dataset,
)

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
    for objective in PLAN.specific_objectives:
        for piece in objective.title_pieces:
            found.append((f"objective {objective.code}", piece))
    return found


def _raw_words() -> set[str]:
    return set(" ".join(" ".join(line.split("\t")) for line in SOURCE).split())


def test_strategic_titles_are_the_pieces_as_printed() -> None:
    words = _raw_words()
    for objective in PLAN.strategic_objectives:
        assert objective.title_pieces
        for piece in objective.title_pieces:
            assert all(word in words for word in piece.split()), (objective.code, piece)


# -- readable titles -------------------------------------------------------------------------
def _reading_words(text: str) -> list[str]:
    marks = "…,.;:()"
    return [w.strip(marks) for w in text.replace("…", " ").split() if w.strip(marks)]


def _printed_words(objective: atp.StrategicObjective, *, joins: bool = True) -> set[str]:
    """The words of the objective's printed pieces, after the recorded joins if asked."""
    printed = " ".join(objective.title_pieces)
    if joins:
        for repair in PLAN.repairs:
            printed = printed.replace(repair.as_printed, repair.as_read)
    return set(_reading_words(printed))


def test_every_word_of_every_reading_is_printed_in_its_title_after_the_joins() -> None:
    normalized = set(_reading_words(_normalized_source()))
    for objective in PLAN.strategic_objectives:
        assert objective.reading, objective.code
        words = _reading_words(objective.reading)
        assert [w for w in words if w not in _printed_words(objective)] == [], objective.code
        assert [w for w in words if w not in normalized] == [], objective.code


def test_without_the_recorded_joins_the_reading_test_would_fail() -> None:
    missing = {
        word
        for objective in PLAN.strategic_objectives
        for word in _reading_words(objective.reading or "")
        if word not in _printed_words(objective, joins=False)
    }
    assert {"coordination", "prosecution", "protection", "prevention", "general"} <= missing
    # ... and every such word is the result of a recorded join, noted on its objective.
    joined = {r.as_read for r in PLAN.repairs}
    assert missing <= joined
    for objective in PLAN.strategic_objectives:
        notes = " ".join(n.text for n in objective.provenance.notes if n.field == "reading")
        for word in _reading_words(objective.reading or ""):
            if word not in _printed_words(objective, joins=False):
                assert repr(word) in notes, (objective.code, word)


def test_readings_mark_lost_text_and_put_the_displaced_word_back() -> None:
    four = PLAN.objective("4")
    assert isinstance(four, atp.StrategicObjective)
    assert four.title_pieces[0] == "Strengthening victims"
    assert four.reading is not None
    assert four.reading.startswith("Strengthening the co-operation and coordination in")
    assert four.reading.endswith("reintegration o… victims")
    three = PLAN.objective("3")
    assert isinstance(three, atp.StrategicObjective)
    assert (
        three.reading == "Increase of th…ency of the investigation and the services …isms for law…"
    )
    for objective in PLAN.strategic_objectives:
        assert any(n.field == "reading" for n in objective.provenance.notes), objective.code


def test_every_strategic_objective_has_an_editorial_label() -> None:
    labels = {o.code: o.label for o in PLAN.strategic_objectives}
    assert labels == {"1": "Prevention", "2": "Protection", "3": "Prosecution", "4": "Partnership"}
    for objective in PLAN.strategic_objectives:
        (note,) = [n for n in objective.provenance.notes if n.field == "label"]
        assert "Editorial label, not source text" in note.text
        assert note.confidence is Confidence.INFERRED
    assert any(n.field == "label" and "editorial" in n.text for n in PLAN.notes)


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
    raw_words = _raw_words()
    missing = {word for _, text in _text_fields() for word in text.split()} - raw_words
    assert missing  # the joins are needed ...
    joined = {r.as_read for r in PLAN.repairs}
    assert all(any(j in w or w in j for j in joined) for w in missing)  # ... and explain it all


def test_every_recorded_join_is_printed_in_the_source_and_used() -> None:
    source = " ".join(" ".join(line.split()) for line in SOURCE)
    used = " ".join(
        [text for _, text in _text_fields()]
        + [i for inst in PLAN.institutions for i in inst.names]
        + [o.reading or "" for o in PLAN.strategic_objectives]
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
    amounts = [f.amount for f in PLAN.cost_fragments if f.amount is not None]
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


# -- dataset 1.1 corrections (issue 11), each checked against the source ---------------------
def test_dataset_version_is_1_1() -> None:
    assert PLAN.dataset_version == "1.1.0"


def test_1_1_8_is_read_as_its_neighbours_one_column_to_the_left() -> None:
    activity = PLAN.activity("1.1.8")
    cells = SOURCE[10].split("\t")  # line 11
    assert cells[:3] == ["", "1 0", activity.expected_results]
    assert activity.description is None  # lost: the activity column holds only "1 0"
    assert activity.expected_results == (
        "Awareness of all stakeholders and affected groups regarding human trafficking"
    )
    assert activity.indicators == "A good progress during the training period"
    assert activity.sources_of_verification == "Evaluation reports"
    assert [i.code for i in activity.responsible] == ["SP"]
    notes = {n.field: n for n in activity.notes}
    assert "one column to the left" in notes["row"].text
    assert notes["row"].confidence is Confidence.INFERRED
    assert "VAAO-SP" in notes["responsible"].text


MERGED = {"1.1.5": "1.1.6", "2.1.1": "2.1.2", "3.2.1": "3.2.2", "3.5.3": "3.5.4"}


def test_one_merged_row_rule_is_stated_and_followed() -> None:
    (rule,) = [n for n in PLAN.notes if n.field == "rows"]
    assert rule.text.startswith("Merged-row rule:")
    assert rule.confidence is Confidence.INFERRED
    for first, second in MERGED.items():
        for code in (first, second):
            deadline_notes = [n for n in PLAN.activity(code).notes if n.field == "deadline"]
            assert deadline_notes, code
            assert all(n.confidence is Confidence.INFERRED for n in deadline_notes), code
        one, two = PLAN.activity(first), PLAN.activity(second)
        # codes follow the sequence, texts the row order: the first text is printed first
        lines = sorted({*one.provenance.lines, *two.provenance.lines})
        printed = " ".join(SOURCE[n - 1] for n in lines)
        starts = [printed.index((a.description or "")[:16]) for a in (one, two)]
        assert starts[0] < starts[1], (first, second)
        # a deadline printed once goes to the first activity
        if one.provenance.deadline_cell and len(one.provenance.deadline_cell.split()) == 1:
            assert one.deadline is not None
            assert two.deadline is None
    assert "rule" in " ".join(n.text for n in PLAN.activity("3.5.3").notes)


def test_4_2_1_is_decided_one_activity() -> None:
    activity = PLAN.activity("4.2.1")
    (row,) = [n for n in activity.notes if n.field == "row"]
    assert row.text.startswith("Decided: one activity.")
    assert "The signing of cooperation agreements" in (activity.description or "")
    assert "4.2.2" in PLAN.activities.codes


def test_3_5_3_split_of_kp_courts_and_1_4_1_target_are_noted() -> None:
    notes = PLAN.activity("3.5.3").notes
    assert any(n.field == "supporting" and "'KP - Courts'" in n.text for n in notes)
    (ten,) = [n for n in PLAN.activity("1.4.1").notes if n.field == "expected_results"]
    assert "perhaps" in ten.text
    assert ten.confidence is Confidence.INFERRED


# -- institutions (issue 11) -----------------------------------------------------------------------
#: Every institution spelling the source prints (cells and texts), and the entry it names.
PRINTED_SPELLINGS = {
    "ISG": "ISG",
    "Independent Press Council": "PCK",
    "Independent Media Commission": "IMC",
    "UP,": "UP",
    "NATC/": "NATC",
    "KP,": "KP",
    "KCS.": "KCS",
    "KCJ": "KJC",
    "MIA,": "MIA",
    "Prosecution ,": "Prosecution",
    "State Prosecution ,": "SP",
    "State Prosecuti on": "SP",
    "Office of the State Prosecuto r": "SP",
    "VAAO- SP": "VAAO",
    "VAAO-SP,": "VAAO",
    "Traffickin g": "Trafficking",
    "Organizatio ns": "Organizations",
    "Centre for Social Affairs": "CSA",
    "Investigations Directorate of Human Trafficking": "IDHT",
    "Kosovo Police": "KP",
    "PK,": "KP",
    "QPS": "CSA",
    "Inter- Ministerial Group": "Inter-Ministerial Group",
    "Internationa l organizatio ns": "International organizations",
    "Internationa I Organizatio ns": "International organizations",
    "Kosovo Diplomati c Academy": "Kosovo Diplomatic Academy",
    "The Secretaria t Against": "Secretariat",
    "AK KTNj": "AKKTNj",
    "MDS SP/": "MDSSP",
}


@pytest.mark.parametrize(("printed", "code"), sorted(PRINTED_SPELLINGS.items()))
def test_every_printed_spelling_resolves(printed: str, code: str) -> None:
    assert printed.strip(" ,./") in " ".join(" ".join(line.split()) for line in SOURCE)
    assert PLAN.institution(printed).code == code


def test_trailing_punctuation_is_handled_the_same_everywhere() -> None:
    for mark in (",", "/", ";", ":", "."):
        assert PLAN.institution(f"UP{mark}").code == "UP"
        assert PLAN.institution(f"NATC{mark}").code == "NATC"
        assert PLAN.registry.get(f" KP{mark} ") is PLAN.institution("KP")


def test_names_not_in_the_source_are_not_asserted() -> None:
    pck = PLAN.institution("PCK")
    assert pck.name == "Independent Press Council"
    assert "Press Council of Kosovo" not in pck.names
    assert "likely" in (pck.note or "")
    sp = PLAN.institution("SP")
    assert "Chief" not in (sp.name or "")
    assert all("Chief" not in name for name in sp.names)
    assert "typo" in (PLAN.institution("KJC").note or "")
    assert "guess" in (PLAN.institution("CSA").note or "")
    isg = PLAN.institution("ISG")
    assert isg.name is None
    assert isg.name_confidence is None


def test_each_albanian_mapping_of_4_3_4_has_a_note_with_its_confidence() -> None:
    notes = [n for n in PLAN.activity("4.3.4").notes if n.field == "supporting"]
    for albanian in ("PK", "iPK", "KPK", "ZMNV", "KGJK", "QPS"):
        (note,) = [n for n in notes if n.text.startswith(f"'{albanian}' read as")]
        assert note.confidence is Confidence.INFERRED
        assert "mapping confidence" in note.text
    (qps,) = [n for n in notes if n.text.startswith("'QPS'")]
    assert "guess" in qps.text
    assert "likely" in qps.text
    assert any("'KCJ'" in n.text and "typo" in n.text for n in PLAN.activity("3.2.3").notes)
