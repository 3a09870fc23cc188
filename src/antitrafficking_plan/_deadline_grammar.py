"""The deadline parser's grammar: month names, whole-text words and the anchored patterns.

Pure data for :mod:`antitrafficking_plan.deadline` (which builds the values): nothing here
knows the ``Deadline`` type. Each regex branch is a named group, so ``match.lastgroup``
says which form matched; the parser keeps one builder per branch name.

>>> from antitrafficking_plan._deadline_grammar import MONTHS, fullmatch
>>> MONTHS["qershor"], fullmatch("q4 2015").lastgroup, fullmatch("31.12.2016").lastgroup
(6, 'Q', 'DN')
"""

from __future__ import annotations

import functools
import re

__all__ = [
    "ALTERNATIONS",
    "ANNUAL_WORDS",
    "BRANCHES",
    "BY_STARTS",
    "FORMS",
    "GROUPS",
    "LEAD_GROUPS",
    "MONTHS",
    "MONTH_NAMES",
    "ONGOING_WORDS",
    "by_prefix",
    "fullmatch",
    "group_of",
]

#: English month names by number (index 0 unused), as ``str(Deadline)`` writes them.
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: The accepted forms, as error messages list them.
FORMS = (
    "'Q4 2015', 'Q1-Q2 2016', 'H1 2016', 'first half of 2016', 'June 2016', '06/2016', "
    "'31 December 2016', '31.12.2016' (day first), '2016-12-31', '2016', '2015-2017', "
    "'by end of 2016', '2015 onwards', 'ongoing', 'annually'"
)

# Whole-text spellings, lower case, single spaces, 'ë' and 'ç' folded to 'e' and 'c';
# then the exact lower-case spellings with diacritics, so the fast path finds them too.
#: Whole texts that mean ONGOING.
ONGOING_WORDS = (
    "ongoing",
    "on going",
    "on-going",
    "continuous",
    "continuously",
    "continual",
    "continually",
    "permanent",
    "permanently",
    "vazhdimesi",
    "vazhdimes i",
    "ne vazhdimesi",
    "ne vazhdimes i",
    "vazhdimisht",
    "vazhdimësi",
    "në vazhdimësi",
)
#: Whole texts that mean ANNUAL.
ANNUAL_WORDS = (
    "annually",
    "annual",
    "yearly",
    "every year",
    "each year",
    "once a year",
    "cdo vit",
    "çdo vit",
)

#: Month names and abbreviations, English and Albanian, lower case, to month numbers.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "janar"),
            ("february", "feb", "shkurt"),
            ("march", "mar", "mars"),
            ("april", "apr", "prill"),
            ("may", "maj"),
            ("june", "jun", "qershor"),
            ("july", "jul", "korrik"),
            ("august", "aug", "gusht"),
            ("september", "sep", "sept", "shtator"),
            ("october", "oct", "tetor"),
            ("november", "nov", "nentor", "nëntor"),
            ("december", "dec", "dhjetor"),
        ),
        start=1,
    )
    for name in names
}

_DASHES = "-‐‑‒–—−"  # hyphen-minus, hyphen, non-breaking hyphen, figure/en/em dash, minus
_RSEP = rf"\s*(?:[{_DASHES}/]|to|till|until)\s*"  # between range ends
_PSEP = rf"(?:\s*[{_DASHES}/.,]\s*|\s+)"  # between a part and its year
_YQSEP = rf"\s*[{_DASHES}/]?\s*"  # between a year and a following Q/H part
_ORD = r"(?:st|nd|rd|th)?"
_ONWARDS = rf"\s*(?:[{_DASHES}]\s*)?(?:and\s+)?(?:onwards?|ongoing|on\s*going|beyond)"


def _y(name: str) -> str:
    return rf"(?P<{name}>[0-9]{{4}})"


#: Branches by the first character of the text: a digit, "q", "h", or any other. Each lead
#: has one anchored alternation whose branches are wrapped in named groups, so ``lastgroup``
#: says which branch matched. Branches that spell the same thing in another order (``"Q4
#: 2015"``, ``"2015 Q4"``) sit in different alternations and share their inner group names,
#: so one builder reads both. No branch nests quantifiers, and the text is length-capped
#: before any matching, so matching time is bounded and small.
BRANCHES: dict[str, tuple[tuple[str, str], ...]] = {
    "digit": (
        ("Y", _y("y_y")),
        ("YR", rf"{_y('yr_a')}(?P<yr_s>{_RSEP})(?P<yr_b>[0-9]{{4}}|[0-9]{{2}})"),
        ("YQ", rf"{_y('q_y')}{_YQSEP}q\s*(?P<q_q>[0-9]+)"),
        ("YQR", rf"{_y('qr_y')}{_YQSEP}q\s*(?P<qr_a>[0-9]+){_RSEP}q?\s*(?P<qr_b>[0-9]+)"),
        ("YH", rf"{_y('h_y')}{_YQSEP}h\s*(?P<h_h>[0-9]+)"),
        ("ON", rf"{_y('on_y')}{_ONWARDS}"),
        ("HWD", rf"(?P<hw_w>1st|2nd)\s+half(?:\s+of)?\s+{_y('hw_y')}"),
        ("MN", rf"(?P<mn_m>[0-9]{{1,2}})\s*[{_DASHES}/.]\s*{_y('mn_y')}"),
        (
            "DN",
            rf"(?P<dn_d>[0-9]{{1,2}})\s*(?P<dn_s>[{_DASHES}/.])\s*(?P<dn_m>[0-9]{{1,2}})"
            rf"\s*(?P=dn_s)\s*{_y('dn_y')}",
        ),
        (
            "DI",
            rf"{_y('di_y')}\s*(?P<di_s>[{_DASHES}/.])\s*(?P<di_m>[0-9]{{1,2}})"
            r"\s*(?P=di_s)\s*(?P<di_d>[0-9]{1,2})",
        ),
        ("YMW", rf"{_y('mw_y')}(?:\s*[{_DASHES}/,]\s*|\s+)(?P<mw_m>[a-zë]+)\.?"),
        (
            "DW",
            rf"(?P<dw_d>[0-9]{{1,2}}){_ORD}(?:\s*[{_DASHES}/.]\s*|\s+)(?:of\s+)?"
            rf"(?P<dw_m>[a-zë]+)\.?(?:\s*[{_DASHES}/.,]\s*|\s+){_y('dw_y')}",
        ),
    ),
    "q": (
        ("Q", rf"q\s*(?P<q_q>[0-9]+){_PSEP}{_y('q_y')}"),
        ("QR", rf"q\s*(?P<qr_a>[0-9]+){_RSEP}q?\s*(?P<qr_b>[0-9]+){_PSEP}{_y('qr_y')}"),
        (
            "QX",
            rf"q\s*(?P<qx_a>[0-9]+){_PSEP}{_y('qx_ya')}{_RSEP}"
            rf"q\s*(?P<qx_b>[0-9]+){_PSEP}{_y('qx_yb')}",
        ),
    ),
    "h": (("H", rf"h\s*(?P<h_h>[0-9]+){_PSEP}{_y('h_y')}"),),
    "word": (
        ("FYR", rf"from\s+{_y('yr_a')}(?P<yr_s>{_RSEP})(?P<yr_b>[0-9]{{4}}|[0-9]{{2}})"),
        ("FR", rf"(?:from|since|starting(?:\s+(?:from|in))?)\s+{_y('on_y')}(?:{_ONWARDS})?"),
        ("HW", rf"(?P<hw_w>first|second)\s+half(?:\s+of)?\s+{_y('hw_y')}"),
        ("MW", rf"(?P<mw_m>[a-zë]+)\.?(?:\s*[{_DASHES}/,]\s*|\s+){_y('mw_y')}"),
        (
            "WD",
            rf"(?P<dw_m>[a-zë]+)\.?\s*(?P<dw_d>[0-9]{{1,2}}){_ORD}(?:\s*,\s*|\s+){_y('dw_y')}",
        ),
    ),
}


def _compile(*branches: tuple[str, str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{body})" for name, body in branches))


def _pick(lead: str, *names: str) -> tuple[tuple[str, str], ...]:
    return tuple(b for b in BRANCHES[lead] if b[0] in names)


_MONTH_WORD_BRANCHES = _pick("word", "MW", "WD")
#: The alternations :func:`fullmatch` matches, each a group of branches in their order in
#: :data:`BRANCHES`. A text that starts with a digit goes to one of two groups, by whether
#: it holds a letter (``str.islower`` of lower-case text): a branch without letters cannot
#: match a text with one, and a branch with letters cannot match a text without. Only the
#: group that can match is tried, so a text meets fewer failing branches (a date such as
#: "2016-12-31" no longer tries the forms that start with a year and go on with words),
#: and only the groups in use are compiled.
GROUPS: dict[str, tuple[tuple[str, str], ...]] = {
    "digits": _pick("digit", "Y", "YR", "MN", "DN", "DI"),
    "digits+words": _pick("digit", "YR", "YQ", "YQR", "YH", "ON", "HWD", "YMW", "DW"),
    # "q" and "h" lead to quarters and halves, or to a month name ("qershor" is June).
    "q": BRANCHES["q"] + _MONTH_WORD_BRANCHES,
    "h": BRANCHES["h"] + _MONTH_WORD_BRANCHES,
    "word": BRANCHES["word"],
}
assert set(GROUPS["digits"] + GROUPS["digits+words"]) == set(BRANCHES["digit"])
#: The group of a text by its first character ("digits" may become "digits+words").
LEAD_GROUPS = {**dict.fromkeys("0123456789", "digits"), "q": "q", "h": "h"}


class _Alternations(dict[str, "re.Pattern[str]"]):
    """Each group's alternation by its key in :data:`GROUPS`, compiled on first use:
    compiling them all costs more than building the bundled plan, which needs two."""

    def __missing__(self, key: str) -> re.Pattern[str]:
        rx = self[key] = _compile(*GROUPS[key])
        return rx


ALTERNATIONS = _Alternations()


def group_of(s: str) -> str:
    """The name in :data:`GROUPS` of the only group that can match the whole lower-case,
    stripped text ``s``."""
    group = LEAD_GROUPS.get(s[:1], "word")
    return "digits+words" if group == "digits" and s.islower() else group


def fullmatch(s: str) -> re.Match[str] | None:
    """The match of the whole lower-case, stripped text ``s`` by the first branch (in
    :data:`BRANCHES` order) that matches it, or ``None``; ``lastgroup`` names the branch."""
    return ALTERNATIONS[group_of(s)].fullmatch(s)


#: The words before a BY deadline's period: "by", "until", "end of", "no later than", ...
_BY_PREFIX = (
    r"(?:(?:by|until|till|before|not\s+later\s+than|no\s+later\s+than)\s+)?"
    r"(?:the\s+)?end\s+of\s+(?:the\s+)?(?:year\s+)?"
    r"|(?:by|until|till|up\s+to|not\s+later\s+than|no\s+later\s+than)\s+(?:the\s+)?"
)


#: What a BY prefix can start with, to a space: a cheap test before the pattern (a text
#: with other spacing is read by the pattern all the same, one step later).
BY_STARTS = ("by ", "until ", "till ", "before ", "end ", "the ", "up ", "not ", "no ")


@functools.cache
def _by_prefix_pattern() -> re.Pattern[str]:
    return re.compile(_BY_PREFIX)


def by_prefix(s: str) -> re.Match[str] | None:
    """The match of the words before a BY deadline's period at the start of ``s``
    (compiled on first use, as the alternations are)."""
    return _by_prefix_pattern().match(s)
