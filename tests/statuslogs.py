"""Hypothesis strategies for status reports and logs on a given plan (for the tests)."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from antitrafficking_plan import Plan
from antitrafficking_plan.status import SYNONYMS, Extent, Status
from antitrafficking_plan.statuslog import StatusLog, StatusReport

DATES = st.dates(date(2013, 1, 1), date(2021, 12, 31))
_WORDS = sorted(SYNONYMS)
_TEXT = st.one_of(
    st.none(),
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=12
    ).filter(lambda t: t.strip() == t and t != ""),
)


@st.composite
def reports(draw: st.DrawFn, code: str) -> StatusReport:
    """A report on ``code``: a status given by value or by a synonym, optional texts."""
    day = draw(DATES)
    texts = (draw(_TEXT), draw(_TEXT), draw(_TEXT))
    if draw(st.booleans()):
        word = draw(st.sampled_from(_WORDS))
        return StatusReport.from_word(
            code, day, word, evidence=texts[0], reported_by=texts[1], source=texts[2]
        )
    status = draw(st.sampled_from(list(Status)))
    extent = draw(st.sampled_from([None, *Extent])) if status is Status.IN_PROGRESS else None
    return StatusReport(code, day, status, extent, *texts)


@st.composite
def logs(draw: st.DrawFn, plan: Plan, max_reports: int = 30) -> StatusLog:
    """A valid log on ``plan``'s activities (at most one report per activity and date)."""
    codes = plan.activities.codes
    if not codes:
        return StatusLog()
    found: dict[tuple[str, date], StatusReport] = {}
    for _ in range(draw(st.integers(0, max_reports))):
        report = draw(reports(draw(st.sampled_from(codes))))
        found.setdefault((report.code, report.as_of), report)
    return StatusLog(found.values())
