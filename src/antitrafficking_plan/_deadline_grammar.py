"""The deadline parser's grammar: month names, whole-text words and the anchored patterns.

Pure data for :mod:`antitrafficking_plan.deadline` (which builds the values): nothing here
knows the ``Deadline`` type. Each regex branch is a named group, so ``match.lastgroup``
says which form matched; the parser keeps one builder per branch name.

>>> from antitrafficking_plan._deadline_grammar import MONTHS, RX_BY_LEAD, RX_WORD
>>> MONTHS["qershor"], RX_BY_LEAD.get("q", RX_WORD).fullmatch("q4 2015").lastgroup
(6, 'Q')
"""

from __future__ import annotations

import re

__all__ = [
    "ANNUAL_WORDS",
    "BRANCHES",
    "BY_PREFIX",
    "FORMS",
    "MONTHS",
    "MONTH_NAMES",
    "ONGOING_WORDS",
    "RX_BY_LEAD",
    "RX_WORD",
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


_MONTH_WORD_BRANCHES = tuple(b for b in BRANCHES["word"] if b[0] in ("MW", "WD"))
_RX_DIGIT = _compile(*BRANCHES["digit"])
#: The alternation for text that starts with neither a digit, "q" nor "h".
RX_WORD = _compile(*BRANCHES["word"])
#: The alternation to match, by the text's first character (``RX_WORD`` for the rest).
RX_BY_LEAD: dict[str, re.Pattern[str]] = dict.fromkeys("0123456789", _RX_DIGIT)
# "q" and "h" lead to quarters and halves, or to a month name ("qershor" is June).
RX_BY_LEAD["q"] = _compile(*BRANCHES["q"], *_MONTH_WORD_BRANCHES)
RX_BY_LEAD["h"] = _compile(*BRANCHES["h"], *_MONTH_WORD_BRANCHES)

#: The words before a BY deadline's period: "by", "until", "end of", "no later than", ...
BY_PREFIX = re.compile(
    r"(?:(?:by|until|till|before|not\s+later\s+than|no\s+later\s+than)\s+)?"
    r"(?:the\s+)?end\s+of\s+(?:the\s+)?(?:year\s+)?"
    r"|(?:by|until|till|up\s+to|not\s+later\s+than|no\s+later\s+than)\s+(?:the\s+)?"
)
