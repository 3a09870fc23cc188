"""Per-cell errors of workbooks and CSV files: every problem at once, each naming its
sheet, the row as a spreadsheet shows it, the column, the value and what is accepted;
never a partial plan. Workbooks are real ``.xlsx`` files edited with openpyxl.
"""

from __future__ import annotations

import io
import pickle
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped,unused-ignore]
import pytest

import antitrafficking_plan as atp
from antitrafficking_plan.dataset import dump_plan, load_plan
from antitrafficking_plan.errors import CellProblem, PlanTableError
from antitrafficking_plan.tables import ACTIVITIES, DEADLINE_NONE_WORDS, normalize_header
from plans import act, build_plan, inst

PLAN = atp.load_plan()
#: A small fictional plan: editing one cell of it gives exactly one problem.
_MLSW = inst("MLSW", "Ministry of Labour and Social Welfare")
_KP = inst("KP", "Kosovo Police")
SMALL = build_plan(
    [
        act(f"1.{o}.{n}", responsible=[_MLSW], supporting=[_KP], deadline="Q4 2016")
        for o in (1, 2)
        for n in range(1, 5)
    ],
    institutions=[_MLSW, _KP],
)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("book") / "plan.xlsx"
    dump_plan(SMALL, path)
    return path.read_bytes()


def test_the_small_plan_round_trips(written: bytes) -> None:
    assert load_plan(io.BytesIO(written), format="xlsx") == SMALL


def _edited(tmp_path: Path, written: bytes, edit: Any) -> Path:
    """The bundled plan's workbook, edited by ``edit(workbook)`` with openpyxl."""
    book = openpyxl.load_workbook(io.BytesIO(written))
    edit(book)
    path = tmp_path / "edited.xlsx"
    book.save(path)
    return path


def _problems(path: Path) -> list[CellProblem]:
    with pytest.raises(PlanTableError) as caught:
        load_plan(path)
    assert caught.value.problems == tuple(str(p) for p in caught.value.cell_problems)
    return list(caught.value.cell_problems)


def _column(book: Any, sheet: str, header: str) -> int:
    column: int = next(c.column for c in book[sheet][1] if c.value == header)
    return column


def test_a_bad_deadline_in_row_5_names_sheet_row_and_column(tmp_path: Path, written: bytes) -> None:
    def edit(book: Any) -> None:
        book["activities"].cell(5, _column(book, "activities", "deadline"), "soonish")

    [problem] = _problems(_edited(tmp_path, written, edit))
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        "activities",
        5,
        "deadline",
        "soonish",
    )
    assert "cannot read deadline 'soonish'" in problem.message
    assert "accepted forms include 'Q4 2015'" in problem.message
    assert str(problem).startswith("activities, row 5, column 'deadline': ")


def test_every_problem_at_once(tmp_path: Path, written: bytes) -> None:
    def edit(book: Any) -> None:
        acts = book["activities"]
        acts.cell(3, _column(book, "activities", "responsible"), "Ministry of Labor")
        acts.cell(4, _column(book, "activities", "code"), acts.cell(2, 1).value)  # duplicate
        acts.cell(6, _column(book, "activities", "objective"), "1.1")  # 1.2.1 is under 1.2
        acts.cell(7, _column(book, "activities", "deadline"), "Q5 2016")

    problems = _problems(_edited(tmp_path, written, edit))
    assert {(p.sheet, p.row, p.column) for p in problems} == {
        ("activities", 4, "code"),
        ("activities", 3, "responsible"),
        ("activities", 6, "objective"),
        ("activities", 7, "deadline"),
    }
    assert len(problems) == 4
    by_column = {p.column: p for p in problems}
    assert by_column["responsible"].value == "Ministry of Labor"
    assert by_column["responsible"].suggestions[0] == "MLSW"
    assert "duplicate activity code '1.1.1' (first in row 2)" in by_column["code"].message
    assert "activity 1.2.1 is under specific objective 1.2" in by_column["objective"].message
    assert "quarter Q5 is out of range" in by_column["deadline"].message


def test_a_missing_required_column(tmp_path: Path, written: bytes) -> None:
    def edit(book: Any) -> None:
        book["institutions"].delete_cols(1)  # the code column

    problems = _problems(_edited(tmp_path, written, edit))
    assert (problems[0].sheet, problems[0].row, problems[0].column) == ("institutions", 1, "code")
    assert problems[0].message == "required column missing"


def test_an_unknown_column_is_refused_by_name_with_suggestions(
    tmp_path: Path, written: bytes
) -> None:
    def edit(book: Any) -> None:
        book["activities"].cell(1, _column(book, "activities", "indicators"), "indicatrs")
        book["activities"].cell(1, 20, "comments")

    problems = _problems(_edited(tmp_path, written, edit))
    assert [(p.row, p.column, p.suggestions) for p in problems] == [
        (1, "indicatrs", ("indicators",)),
        (1, "comments", ()),
    ]
    assert "unknown column" in problems[0].message


def test_an_objective_that_does_not_exist(tmp_path: Path, written: bytes) -> None:
    def edit(book: Any) -> None:
        acts = book["activities"]
        acts.cell(2, 1, "1.9.1")
        acts.cell(2, 2, "1.9")

    [problem] = _problems(_edited(tmp_path, written, edit))
    assert (problem.row, problem.column, problem.value) == (2, "objective", "1.9")
    assert "specific objective 1.9 is not in the objectives sheet" in problem.message
    assert "1.1" in problem.suggestions


def test_an_unknown_sheet_and_an_unknown_plan_key(tmp_path: Path, written: bytes) -> None:
    def edit(book: Any) -> None:
        book.create_sheet("activites")
        book["plan"].cell(2, 1, "titel")

    problems = _problems(_edited(tmp_path, written, edit))
    assert [(p.sheet, p.row, p.column, p.suggestions) for p in problems] == [
        ("activites", None, None, ("activities", "objectives")),
        ("plan", 2, "key", ("title",)),
        ("plan", None, "key", ()),
    ]


def test_vocabulary_cells(tmp_path: Path, written: bytes) -> None:
    def edit(book: Any) -> None:
        book["institutions"].cell(2, _column(book, "institutions", "kind"), "bodie")
        book["activities"].cell(2, _column(book, "activities", "funding sources"), "donor; gift")
        book["activities"].cell(2, _column(book, "activities", "cost"), "5000")

    problems = _problems(_edited(tmp_path, written, edit))
    assert [(p.sheet, p.column, p.value, p.suggestions) for p in problems] == [
        ("activities", "funding sources", "donor; gift", ("donors",)),
        ("institutions", "kind", "bodie", ("body",)),
    ]


def test_the_error_pickles_with_its_problems(tmp_path: Path, written: bytes) -> None:
    def edit(book: Any) -> None:
        book["activities"].cell(5, _column(book, "activities", "deadline"), "soonish")

    with pytest.raises(PlanTableError) as caught:
        load_plan(_edited(tmp_path, written, edit))
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.cell_problems == caught.value.cell_problems
    assert str(again) == str(caught.value)
    assert isinstance(again, atp.PlanLoadError)


# -- hand-written workbooks ------------------------------------------------------------------
def _hand_written(tmp_path: Path, deadline: object = "Q4 2016") -> Path:
    """A workbook as a person would type it: headers in any case, numbers typed as
    numbers, names instead of codes, several names in one cell."""
    book = openpyxl.Workbook()
    acts = book.active
    acts.title = "Activities"
    acts.append(
        [
            "Code",
            "Objective",
            "Activity",
            "Expected_Results",
            "indicators",
            "Verification",
            "Responsible",
            "Supporting",
            "Deadline",
            "Cost",
            "Cost amount",
        ]
    )
    acts.append(
        [
            "1.1.1",
            1.1,
            "Fictional: train staff",
            None,
            "staff trained",
            None,
            "Example Ministry",
            "EXB\nNGOs",
            deadline,
            "5,000 donors",
            5000,
        ]
    )
    acts.append(["1.1.2", "1.1", "Fictional: report", None, None, None, "exa", None, "TBD"])
    acts.append([None] * 11)  # an empty row is skipped, and still counted
    acts.append(["1.2.1", None, "Fictional: review", None, None, None, "EXB", None, "ongoing"])
    objectives = book.create_sheet("objectives")
    objectives.append(["code", "title"])
    for objective in ([1, "Prevention (fictional)"], [1.1, "Training"], [1.2, "Review"]):
        objectives.append(objective)
    institutions = book.create_sheet("institutions")
    institutions.append(["code", "name", "kind", "name confidence"])
    institutions.append(["EXA", "Example Ministry", "body", "source"])
    institutions.append(["EXB", None, None, None])
    institutions.append(["NGOs", None, "Group", None])
    meta = book.create_sheet("plan")
    meta.append(["key", "value"])
    for pair in (
        ["Title", "A fictional plan"],
        ["jurisdiction", "Nowhere"],
        ["issuer", "Nobody"],
        ["period", "2016-2018"],
    ):
        meta.append(pair)
    path = tmp_path / "hand.xlsx"
    book.save(path)
    return path


def test_a_hand_written_workbook_with_the_documented_headers_loads(tmp_path: Path) -> None:
    plan = load_plan(_hand_written(tmp_path))
    assert plan.title == "A fictional plan"
    assert plan.period == atp.parse_deadline("2016-2018")
    assert plan.source.title == "A fictional plan"
    assert [a.code for a in plan.activities] == ["1.1.1", "1.1.2", "1.2.1"]
    first, second, third = plan.activities
    assert [i.code for i in first.responsible] == ["EXA"]
    assert [i.code for i in first.supporting] == ["EXB", "NGOs"]
    assert first.expected_results is None
    assert first.cost == atp.Cost("5,000 donors", 5000)
    assert str(first.deadline) == "Q4 2016"
    assert second.deadline is None
    assert second.provenance.deadline_cell == "TBD"  # the text is kept
    assert [i.code for i in second.responsible] == ["EXA"]
    assert third.deadline == atp.Deadline.ongoing()
    assert plan.registry["NGOs"].kind is atp.InstitutionKind.GROUP
    assert [o.title for o in plan.specific_objectives] == ["Training", "Review"]


def test_a_hand_written_workbook_with_a_bad_deadline_in_row_5(tmp_path: Path) -> None:
    path = _hand_written(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Activities"]["I5"] = "next spring"
    book.save(path)
    [problem] = _problems(path)
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        "Activities",
        5,
        "Deadline",
        "next spring",
    )


def test_a_date_typed_as_a_date_is_a_day(tmp_path: Path) -> None:
    import datetime

    plan = load_plan(_hand_written(tmp_path, deadline=datetime.datetime(2016, 12, 31)))
    assert plan.activities[0].deadline == atp.Deadline.of_day(datetime.date(2016, 12, 31))


@pytest.mark.parametrize("word", DEADLINE_NONE_WORDS)
def test_none_words_mean_no_deadline(tmp_path: Path, word: str) -> None:
    for spelling in {word, word.upper()}:
        plan = load_plan(_hand_written(tmp_path, deadline=spelling or None))
        assert plan.activities[0].deadline is None
        assert plan.activities[0].provenance.deadline_cell == (spelling or None)


def test_headers_match_ignoring_case_spaces_and_underscores() -> None:
    assert {
        normalize_header(h) for h in ("Expected_Results", " expected  results", "EXPECTED-RESULTS")
    } == {"expected results"}
    assert "expected results" in ACTIVITIES.headers


# -- CSV -------------------------------------------------------------------------------------
def test_csv_problems_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "acts.csv"
    path.write_text(
        "code,activity,responsible,deadline,colour\n1.1.1,a,MIA,Q4 2015,red\n1.1,b,MIA,soon,blue\n",
        encoding="utf-8",
    )
    problems = _problems(path)
    assert [(p.sheet, p.row, p.column, p.value) for p in problems] == [
        (str(path), 1, "colour", None),
        (str(path), 3, "deadline", "soon"),
        (str(path), 3, "code", "1.1"),
    ]


def test_csv_names_against_a_registry(tmp_path: Path) -> None:
    path = tmp_path / "acts.csv"
    path.write_text(
        "\ufeffcode,activity,responsible\n1.1.1,a,Kosovo Police; MIA\n2.1.1,b,Nobody Known\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanTableError) as caught:
        load_plan(path, registry=PLAN.registry)
    [problem] = caught.value.cell_problems
    assert (problem.row, problem.column, problem.value) == (3, "responsible", "Nobody Known")
    assert "unknown institution 'Nobody Known'" in problem.message
    path.write_text("code,activity,responsible\n1.1.1,a,Kosovo Police; MIA\n", encoding="utf-8")
    plan = load_plan(path, registry=PLAN.registry)
    assert [i.code for i in plan.activities[0].responsible] == ["KP", "MIA"]


def test_unreadable_files_are_load_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(atp.PlanLoadError, match=r"not an \.xlsx workbook.*saved as \.xlsx"):
        load_plan(bad)
    with pytest.raises(atp.PlanLoadError, match="no such workbook"):
        load_plan(tmp_path / "missing.xlsx")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("code,activity\n1.1.1,sht\xebpi\n".encode("latin-1"))
    with pytest.raises(atp.PlanLoadError, match="not UTF-8"):
        load_plan(latin)
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(atp.PlanLoadError, match="empty"):
        load_plan(empty)


def test_an_unknown_sheet_is_named_with_the_sheets_a_workbook_may_have(
    tmp_path: Path, written: bytes
) -> None:
    def edit(book: Any) -> None:
        book.create_sheet("Budget 2021")["A1"] = "total"
        book.create_sheet("instructions")["A1"] = "skipped, as in the template"

    [problem] = _problems(_edited(tmp_path, written, edit))
    assert problem.sheet == "Budget 2021"
    assert problem.message.startswith("unknown sheet or table; the tables are activities, ")
    assert problem.message.endswith(
        "(and the template's 'instructions' and 'examples' sheets, which are skipped)"
    )
