"""Build the bundled plan file from the settled curation.

Data flows one way: the source copy (``src/antitrafficking_plan/data/kosovo_2015_2019_source.txt``)
was read twice (``reading_a.json``, ``reading_b.json``); ``compare_readings.py`` lists where
the readings disagree; ``settled.json`` is the reading after every disagreement was
settled from the source (see ``SETTLEMENT.md``); ``institutions.json`` is the registry.
This script turns them into ``src/antitrafficking_plan/data/kosovo_2015_2019.json``.

Run from the project root::

    python curation/build_dataset.py          # write the bundled file
    python curation/build_dataset.py --check  # fail if the bundled file is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from antitrafficking_plan import (  # noqa: E402
    Activity,
    Confidence,
    CostFragment,
    FundingSource,
    Institution,
    InstitutionKind,
    NameConfidence,
    Note,
    Plan,
    Provenance,
    SourceReference,
    SpecificObjective,
    StrategicObjective,
    parse_deadline,
)
from antitrafficking_plan.codec import dumps_plan  # noqa: E402
from antitrafficking_plan.plan import TextRepair  # noqa: E402
from antitrafficking_plan.registry import InstitutionRegistry  # noqa: E402

CURATION = ROOT / "curation"
DATA = ROOT / "src" / "antitrafficking_plan" / "data"
SOURCE = DATA / "kosovo_2015_2019_source.txt"
OUTPUT = DATA / "kosovo_2015_2019.json"
DATASET_VERSION = "1.1.0"

#: How every merged row (one printed row holding two activities) is read.
MERGED_ROW_RULE = (
    "Merged-row rule: where one printed row holds the texts of two activities, the texts are "
    "split in row order and the activities take codes in the order of the sequence: a printed "
    "code is kept, and a text without one takes the code the sequence leaves free (so the "
    "printed code goes to the first text at 2.1.1 and to the second at 3.5.4, where 3.5.3 is "
    "free; no code is printed for 1.1.5/1.1.6 and 3.2.1/3.2.2). Where the sequence leaves no "
    "code free, the row stays one activity holding both texts (4.2.1: 4.2.2 is printed next). "
    "A cell that prints a value for each activity gives them in row order; a cell that prints "
    "one value gives it to the first activity, and the other's stays empty (noted: it may be "
    "shared). Every such split of codes, cells and deadlines rests on a reading of the layout "
    "and is marked inferred."
)

PLAN_NOTES = [
    Note(
        "objectives",
        "Specific objectives 2.2 and 3.3 never appear in the source: no heading, no activity "
        "code. They are not invented; the numbering of the source jumps from 2.1 to 2.3 and "
        "from 3.2 to 3.4.",
        Confidence.CERTAIN,
    ),
    Note(
        "cost",
        "The financial-cost column was extracted as fragments at the end of the table (lines "
        "117-225) in blocks that do not line up with the table's rows. No fragment can be tied "
        "to an activity with confidence, so no activity has a cost; every fragment is kept in "
        "cost_fragments with its block and line.",
        Confidence.CERTAIN,
    ),
    Note(
        "cost",
        'The cost column prints bare numbers ("15,000", "4 000"); no fragment names a '
        "currency, so amounts are kept as numbers with no currency.",
        Confidence.CERTAIN,
    ),
    Note(
        "rows",
        MERGED_ROW_RULE,
        Confidence.INFERRED,
    ),
    Note(
        "label",
        "Each strategic objective's label (Prevention, Protection, Prosecution, Partnership) is "
        "editorial, from the '4P' framing of anti-trafficking policy; it is not source text. "
        "The objective's reading is its printed pieces made readable, every word a word of the "
        "source; the printed pieces stay in title_pieces.",
        Confidence.CERTAIN,
    ),
    Note(
        "source",
        "Line 1 of the source copy holds the cut column headings (objectives, activity, "
        "expected results, indicators, responsible inst., support inst., deadline).",
        Confidence.CERTAIN,
    ),
]

TEXT_FIELDS = ("description", "expected_results", "indicators", "sources_of_verification")


def structured_note(note: dict[str, str]) -> Note:
    """A settled note: ``{"field": ..., "text": ..., "confidence": "certain"|"inferred"}``."""
    return Note(note["field"], note["text"], Confidence(note["confidence"]))


def _applied(value: str | list[str] | None, joined: str, as_printed: str, printed: str) -> bool:
    """True when ``joined`` stands in ``value`` where the source prints ``as_printed``.

    A text is checked with up to 12 characters of context on both sides, so an unbroken
    occurrence of the same word elsewhere on the line does not count; an institution
    mention is checked whole.
    """
    if isinstance(value, list):
        return any(joined in m and m.replace(joined, as_printed) in printed for m in value)
    text = value or ""
    start = text.find(joined)
    while start != -1:
        before = text[max(0, start - 12) : start]
        after = text[start + len(joined) : start + len(joined) + 12]
        if before + as_printed + after in printed:
            return True
        start = text.find(joined, start + 1)
    return False


def join_notes(
    record: dict[str, Any], lines: list[str], repairs: list[dict[str, str]]
) -> list[Note]:
    """A certain note for every recorded join or repair applied to this record's cells."""
    printed = " ".join(" ".join(lines[n - 1].split()) for n in record["lines"])
    notes = []
    for repair in repairs:
        as_printed, joined = repair["as_printed"], repair["joined"]
        if as_printed not in printed:
            continue
        kind = "repaired" if repair.get("kind") == "repair" else "joined"
        confidence = Confidence(repair.get("confidence", "certain"))
        why = f" ({repair['note']})" if repair.get("kind") == "repair" and "note" in repair else ""
        for field in (*TEXT_FIELDS, "responsible", "supporting", "title_pieces"):
            value = record.get(field)
            if field == "title_pieces":
                value = " ".join(value or [])
            if not _applied(value, joined, as_printed, printed):
                continue
            notes.append(
                Note(
                    "title" if field == "title_pieces" else field,
                    f"{as_printed!r} as printed; {kind} as {joined!r}.",
                    confidence,
                )
            )
        # A reading joins the pieces across cell boundaries, so it is checked without the
        # context that _applied needs: the join is printed in the record's lines and its
        # result, not its printed form, stands in the reading.
        reading = record.get("reading") or ""
        if joined in reading and as_printed not in reading:
            notes.append(
                Note(
                    "reading", f"{as_printed!r} as printed; {kind} as {joined!r}{why}.", confidence
                )
            )
    return notes


#: What a reading adds to the printed words: the mark of lost text and punctuation.
_READING_MARKS = "…,.;:()"


def reading_words(text: str) -> list[str]:
    """The words of a reading: split at spaces and at the lost-text mark ``…``."""
    return [
        w.strip(_READING_MARKS) for w in text.replace("…", " ").split() if w.strip(_READING_MARKS)
    ]


def check_reading(objective: StrategicObjective, repairs: list[dict[str, str]]) -> None:
    """Refuse a reading with a word that is not a word of the objective's printed pieces
    after the recorded joins (a reading restores nothing the source does not print)."""
    printed = " ".join(objective.title_pieces)
    for repair in repairs:
        printed = printed.replace(repair["as_printed"], repair["joined"])
    words = set(reading_words(printed))
    missing = [w for w in reading_words(objective.reading or "") if w not in words]
    if missing:
        raise SystemExit(f"objective {objective.code}: reading words not printed: {missing}")


def raw_lines(lines: list[str], numbers: list[int]) -> str:
    return "\n".join(lines[n - 1].replace("\t", " | ") for n in numbers)


def printed_cells(lines: list[str], record: dict[str, Any]) -> tuple[str | None, ...]:
    """The responsible, supporting and deadline cells exactly as printed."""
    explicit = record.get("cells")
    if explicit is not None:
        return tuple(explicit.get(k) for k in ("responsible", "supporting", "deadline"))
    (number,) = record["lines"]
    cells = lines[number - 1].split("\t")
    if len(cells) != 9:
        raise SystemExit(f"{record['code']}: line {number} has {len(cells)} cells; give 'cells'")
    return tuple(c.strip() or None for c in cells[6:9])


def build() -> Plan:
    settled = json.loads((CURATION / "settled.json").read_text("utf-8"))
    lines = SOURCE.read_text("utf-8").split("\n")
    institutions = tuple(
        Institution(
            code=e["code"],
            kind=InstitutionKind(e["kind"]),
            name=e["name"],
            name_confidence=NameConfidence(e["name_confidence"]) if e["name_confidence"] else None,
            aliases=tuple(e["aliases"]),
            note=e["note"],
        )
        for e in json.loads((CURATION / "institutions.json").read_text("utf-8"))
    )
    registry = InstitutionRegistry(institutions)

    def resolve(mentions: list[str]) -> tuple[Institution, ...]:
        found = []
        for mention in mentions:
            inst = registry.get(mention)
            if inst is None:
                raise SystemExit(f"institution mention {mention!r} is not in institutions.json")
            found.append(inst)
        return tuple(found)

    activities = []
    for rec in settled["activities"]:
        responsible_cell, supporting_cell, deadline_cell = printed_cells(lines, rec)
        activities.append(
            Activity(
                code=rec["code"],
                description=rec["description"],
                expected_results=rec["expected_results"],
                indicators=rec["indicators"],
                sources_of_verification=rec["sources_of_verification"],
                responsible=resolve(rec["responsible"]),
                supporting=resolve(rec["supporting"]),
                deadline=parse_deadline(rec["deadline"]) if rec["deadline"] else None,
                cost=None,
                provenance=Provenance(
                    lines=tuple(rec["lines"]),
                    raw=raw_lines(lines, rec["lines"]),
                    responsible_cell=responsible_cell,
                    supporting_cell=supporting_cell,
                    deadline_cell=deadline_cell,
                    notes=(
                        *(structured_note(n) for n in rec["notes"]),
                        *join_notes(rec, lines, settled["joins"]),
                    ),
                ),
            )
        )

    def objective_provenance(rec: dict[str, Any]) -> Provenance:
        return Provenance(
            lines=tuple(rec["lines"]),
            raw=raw_lines(lines, rec["lines"]),
            notes=(
                *(structured_note(n) for n in rec["notes"]),
                *join_notes(rec, lines, settled["joins"]),
            ),
        )

    strategic = tuple(
        StrategicObjective(
            r["code"],
            tuple(r["title_pieces"]),
            objective_provenance(r),
            reading=r["reading"],
            label=r["label"],
        )
        for r in settled["strategic_objectives"]
    )
    for objective in strategic:
        check_reading(objective, settled["joins"])
    specific = tuple(
        SpecificObjective(r["code"], tuple(r["title_pieces"]), objective_provenance(r))
        for r in settled["specific_objectives"]
    )
    fragments = tuple(
        CostFragment(
            text=f["text"],
            line=f["line"],
            block=f["block"],
            amount=f["amount"],
            sources=tuple(FundingSource(c) for c in f["categories"]),
            note=f.get("note"),
        )
        for f in settled["cost_fragments"]
    )
    repairs = tuple(
        TextRepair(j["as_printed"], j["joined"], j.get("kind", "join"), j.get("note"))
        for j in settled["joins"]
    )
    return Plan(
        title="National Strategy and Action Plan against Trafficking in Human Beings 2015–2019",
        jurisdiction="Kosovo",
        issuer="National Authority against Trafficking in Human Beings (AKKTNj), "
        "Ministry of Internal Affairs",
        period=parse_deadline("2015-2019"),
        source=SourceReference(
            title="National Strategy and Action Plan against Trafficking in Human Beings 2015–2019",
            issuer="National Authority against Trafficking in Human Beings (Autoriteti "
            "Kombëtar kundër Trafikimit me Njerëz, AKKTNj), Ministry of Internal Affairs",
            place="Pristina",
            published="March 2015",
            language="en",
            note="Transcribed from a PDF-to-text extraction of the plan's action table, "
            "bundled as antitrafficking_plan/data/kosovo_2015_2019_source.txt; provenance "
            "line numbers refer to that copy.",
        ),
        dataset_version=DATASET_VERSION,
        strategic_objectives=strategic,
        specific_objectives=specific,
        institutions=institutions,
        activities=activities,
        cost_fragments=fragments,
        notes=tuple(PLAN_NOTES),
        repairs=repairs,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args()
    text = dumps_plan(build())
    if args.check:
        if OUTPUT.read_text("utf-8") != text:
            print(f"{OUTPUT} is out of date: run python curation/build_dataset.py")
            return 1
        print(f"{OUTPUT} is up to date")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
