"""The status scale of activities, its crosswalks to OGP and IATI, and the words reports use.

One scale (:class:`Status`): ``not_started``, ``in_progress``, ``completed``,
``cancelled``, ``suspended``. An activity in progress may say how far along it is
(:class:`Extent`: ``limited`` or ``substantial``); where the report does not say, the
extent is ``None`` (unknown), never guessed. "No information" is not a status: it is the
absence of a report.

A :class:`StatusValue` is a status with its extent. :func:`parse_status` reads the words
reports commonly use, in English and Albanian (:data:`SYNONYMS`); a word that reads two
ways is refused with its readings (:data:`AMBIGUOUS`).

Crosswalks, both ways where the mapping is unique, refused with
:class:`~antitrafficking_plan.errors.CrosswalkError` naming the candidates where not:

* the Open Government Partnership's IRM completion scale (:class:`OgpCompletion`):
  :func:`to_ogp`, :func:`from_ogp`;
* IATI's ActivityStatus code list (:class:`IatiActivityStatus`, codes 1-6):
  :func:`to_iati`, :func:`from_iati`.

>>> parse_status("pjesërisht e zbatuar")
StatusValue(status=<Status.IN_PROGRESS: 'in_progress'>, extent=None)
>>> str(parse_status("substantially implemented"))
'in_progress (substantial)'
>>> to_ogp(parse_status("implemented")).value
'complete'
>>> from_iati(6).status.value
'suspended'
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from types import MappingProxyType

from attrs import field, frozen

from ._enum import TextEnum
from ._text import fold_text
from .errors import CrosswalkError, StatusWordError

__all__ = [
    "AMBIGUOUS",
    "CLOSED",
    "NO_INFORMATION",
    "SYNONYMS",
    "Extent",
    "IatiActivityStatus",
    "OgpCompletion",
    "Status",
    "StatusValue",
    "accepted_words",
    "from_iati",
    "from_ogp",
    "parse_status",
    "to_iati",
    "to_ogp",
]


class Status(TextEnum):
    """Where an activity stands, as a report says. The values are how status files write
    them."""

    #: Nothing has been done yet.
    NOT_STARTED = "not_started"
    #: Work has started and is not finished (see :class:`Extent` for how far along).
    IN_PROGRESS = "in_progress"
    #: Done.
    COMPLETED = "completed"
    #: Dropped for good: it will not be done.
    CANCELLED = "cancelled"
    #: Stopped for now, expected to resume.
    SUSPENDED = "suspended"


#: The statuses that close an activity: it is never late once it has one of these.
CLOSED: frozenset[Status] = frozenset((Status.COMPLETED, Status.CANCELLED))


class Extent(TextEnum):
    """How far along an activity in progress is, when the report says so (the OGP IRM's
    "limited" and "substantial")."""

    LIMITED = "limited"
    SUBSTANTIAL = "substantial"


def _extent(value: Extent | str | None) -> Extent | None:
    return None if value is None or value == "" else Extent(value)


@frozen
class StatusValue:
    """A status, with the extent of an activity in progress (``None``: not said).

    >>> StatusValue(Status.IN_PROGRESS, Extent.LIMITED)
    StatusValue(status=<Status.IN_PROGRESS: 'in_progress'>, extent=<Extent.LIMITED: 'limited'>)
    >>> StatusValue("completed").status is Status.COMPLETED
    True
    """

    status: Status = field(converter=Status)
    extent: Extent | None = field(default=None, converter=_extent)

    @extent.validator
    def _check_extent(self, _: object, value: Extent | None) -> None:
        if value is not None and self.status is not Status.IN_PROGRESS:
            raise ValueError(
                f"an extent ({value.value}) is only given for an activity in progress, "
                f"not for one {self.status.value}"
            )

    def __str__(self) -> str:
        if self.extent is None:
            return self.status.value
        return f"{self.status.value} ({self.extent.value})"


# -- words -------------------------------------------------------------------------------
def _key(word: str) -> str:
    """The form words are looked up by: folded (case, accents, spaces), ``_``/``-`` as
    spaces."""
    return fold_text(word.replace("_", " ").replace("-", " "))


_NS = StatusValue(Status.NOT_STARTED)
_IP = StatusValue(Status.IN_PROGRESS)
_IP_LIMITED = StatusValue(Status.IN_PROGRESS, Extent.LIMITED)
_IP_SUBSTANTIAL = StatusValue(Status.IN_PROGRESS, Extent.SUBSTANTIAL)
_DONE = StatusValue(Status.COMPLETED)
_CANCELLED = StatusValue(Status.CANCELLED)
_SUSPENDED = StatusValue(Status.SUSPENDED)

# The documented synonym table: (words, value). English, then Albanian; the Albanian
# list is kept to words whose meaning is plain (see docs/progress.md).
_TABLE: tuple[tuple[tuple[str, ...], StatusValue], ...] = (
    (("not_started", "not started", "not yet started", "not begun"), _NS),
    (("pipeline", "identification", "pipeline/identification"), _NS),
    (
        (
            "in_progress",
            "in progress",
            "ongoing",
            "on-going",
            "underway",
            "under way",
            "started",
            "implementation",
            "being implemented",
            "partially implemented",
            "partly implemented",
            "partially completed",
            "partially achieved",
        ),
        _IP,
    ),
    (("limited", "limited progress", "limited completion"), _IP_LIMITED),
    (
        (
            "substantial",
            "substantial progress",
            "substantial completion",
            "substantially completed",
            "substantially implemented",
            "largely implemented",
            "largely completed",
            "mostly implemented",
        ),
        _IP_SUBSTANTIAL,
    ),
    (
        (
            "completed",
            "complete",
            "implemented",
            "fully implemented",
            "done",
            "achieved",
            "finished",
            "finalisation",
            "finalization",
        ),
        _DONE,
    ),
    (("cancelled", "canceled", "withdrawn", "dropped", "abandoned"), _CANCELLED),
    (("suspended", "on hold", "paused"), _SUSPENDED),
    # Albanian
    (("nuk ka filluar",), _NS),
    (
        (
            "në vazhdim",
            "në proces",
            "në zbatim",
            "ka filluar",
            "pjesërisht e zbatuar",
            "pjesërisht i zbatuar",
            "zbatuar pjesërisht",
        ),
        _IP,
    ),
    (
        (
            "zbatuar",
            "e zbatuar",
            "i zbatuar",
            "përfunduar",
            "e përfunduar",
            "i përfunduar",
            "realizuar",
            "e realizuar",
            "i realizuar",
        ),
        _DONE,
    ),
    (("anuluar", "e anuluar", "i anuluar"), _CANCELLED),
    (("pezulluar", "e pezulluar", "i pezulluar"), _SUSPENDED),
)

_NOT_DONE = ("not_started", "in_progress")
# Words that read two ways, with their readings.
_AMBIGUOUS_TABLE: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        (
            "not implemented",
            "unimplemented",
            "not achieved",
            "not completed",
            "incomplete",
            "pending",
            "delayed",
            "to be achieved",
            "nuk është zbatuar",
            "e pazbatuar",
            "i pazbatuar",
            "pa zbatuar",
        ),
        _NOT_DONE,
    ),
    (("closed",), ("completed", "cancelled")),
)
# Words that say there is no information: the absence of a report, never a status.
_NO_INFORMATION_WORDS = (
    "no information",
    "no info",
    "no update",
    "no data",
    "unknown",
    "n/a",
    "n.a.",
    "na",
    "no evidence available",
    "nuk ka informacion",
)

#: Every accepted word (folded: lower case, no accents, ``_`` as a space) -> its value.
SYNONYMS: Mapping[str, StatusValue] = MappingProxyType(
    {_key(w): value for words, value in _TABLE for w in words}
)
#: Words refused because they read two ways (folded) -> their readings.
AMBIGUOUS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {_key(w): readings for words, readings in _AMBIGUOUS_TABLE for w in words}
)
#: Words refused because they say "no information" (folded): leave the row out instead.
NO_INFORMATION: frozenset[str] = frozenset(_key(w) for w in _NO_INFORMATION_WORDS)
assert not (set(SYNONYMS) & set(AMBIGUOUS))
assert not (set(SYNONYMS) & NO_INFORMATION)

_WITH_EXTENT = re.compile(r"(?P<word>.*?)\s*\((?P<extent>limited|substantial)\)\Z")


def accepted_words() -> tuple[str, ...]:
    """The accepted status words as the synonym table writes them, canonical values
    first.

    >>> accepted_words()[:5]
    ('not_started', 'in_progress', 'completed', 'cancelled', 'suspended')
    """
    words = [s.value for s in Status]
    words.extend(w for ws, _ in _TABLE for w in ws if w not in words)
    return tuple(words)


def _accepted_hint() -> str:
    return (
        "write one of " + ", ".join(s.value for s in Status) + " (optionally 'in_progress "
        "(limited)' or '(substantial)'), or a documented synonym such as 'implemented', "
        "'partially implemented', 'ongoing', 'zbatuar', 'në vazhdim', 'nuk ka filluar'"
    )


def parse_status(word: str) -> StatusValue:
    """The :class:`StatusValue` a status word stands for.

    Case, accents, extra spaces, ``_`` and ``-`` do not matter. A word that reads two
    ways, one that says there is no information, and an unknown word raise
    :class:`~antitrafficking_plan.errors.StatusWordError` naming the readings or the
    accepted words.

    >>> parse_status("Not Started").status.value
    'not_started'
    >>> parse_status("in_progress (limited)").extent.value
    'limited'
    >>> try:
    ...     parse_status("not implemented")
    ... except ValueError as err:
    ...     print(err.readings)
    ('not_started', 'in_progress')
    """
    if not isinstance(word, str):
        raise TypeError(f"a status word is text, not {type(word).__name__} {word!r}")
    key = _key(word)
    found = SYNONYMS.get(key)
    if found is not None:
        return found
    match = _WITH_EXTENT.match(key)
    if match is not None:
        base = SYNONYMS.get(match["word"])
        if base is not None and base.status is Status.IN_PROGRESS:
            wanted = Extent(match["extent"])
            if base.extent in (None, wanted):
                return StatusValue(Status.IN_PROGRESS, wanted)
    readings = AMBIGUOUS.get(key)
    if readings is not None:
        raise StatusWordError(
            f"status {word!r} reads two ways ({' or '.join(readings)}); write the one meant",
            word=word,
            readings=readings,
        )
    if key in NO_INFORMATION:
        raise StatusWordError(
            f"status {word!r} says there is no information: no information is the absence "
            "of a report, so leave the status (and the row) out",
            word=word,
        )
    if not key:
        raise StatusWordError(f"the status is empty; {_accepted_hint()}", word=word)
    raise StatusWordError(f"unknown status {word!r}; {_accepted_hint()}", word=word)


def _value(value: StatusValue | Status | str) -> StatusValue:
    if isinstance(value, StatusValue):
        return value
    if isinstance(value, Status):
        return StatusValue(value)
    if isinstance(value, str):
        return parse_status(value)
    raise TypeError(f"expected a StatusValue, Status or status word, not {type(value).__name__}")


# -- OGP ---------------------------------------------------------------------------------
class OgpCompletion(TextEnum):
    """The Open Government Partnership IRM's completion levels of a commitment."""

    NO_EVIDENCE = "no evidence available"
    NOT_STARTED = "not started"
    LIMITED = "limited"
    SUBSTANTIAL = "substantial"
    COMPLETE = "complete"
    WITHDRAWN = "withdrawn"


_TO_OGP: Mapping[StatusValue, OgpCompletion] = {
    _NS: OgpCompletion.NOT_STARTED,
    _IP_LIMITED: OgpCompletion.LIMITED,
    _IP_SUBSTANTIAL: OgpCompletion.SUBSTANTIAL,
    _DONE: OgpCompletion.COMPLETE,
    _CANCELLED: OgpCompletion.WITHDRAWN,
}
_FROM_OGP: Mapping[OgpCompletion, StatusValue] = {v: k for k, v in _TO_OGP.items()}


def to_ogp(value: StatusValue | Status | str | None) -> OgpCompletion:
    """The OGP IRM completion level of a status; ``None`` (no report) is "no evidence
    available".

    In progress without an extent reads "limited" or "substantial", and suspended has no
    OGP level: both raise :class:`~antitrafficking_plan.errors.CrosswalkError` naming
    the candidates.

    >>> to_ogp(StatusValue(Status.IN_PROGRESS, Extent.SUBSTANTIAL)).value
    'substantial'
    >>> to_ogp(None).value
    'no evidence available'
    """
    if value is None:
        return OgpCompletion.NO_EVIDENCE
    status_value = _value(value)
    found = _TO_OGP.get(status_value)
    if found is not None:
        return found
    if status_value == _IP:
        candidates = (OgpCompletion.LIMITED.value, OgpCompletion.SUBSTANTIAL.value)
        raise CrosswalkError(
            "in_progress without an extent is OGP 'limited' or 'substantial'; give the "
            "extent (limited or substantial) to map it",
            candidates=candidates,
        )
    candidates = tuple(
        o.value
        for o in (OgpCompletion.NOT_STARTED, OgpCompletion.LIMITED, OgpCompletion.SUBSTANTIAL)
    )
    raise CrosswalkError(
        "suspended has no OGP completion level: a suspended activity may stand at "
        + ", ".join(repr(c) for c in candidates),
        candidates=candidates,
    )


def from_ogp(level: OgpCompletion | str) -> StatusValue | None:
    """The status an OGP IRM completion level stands for; "no evidence available" is
    ``None`` (no report). Unique for every level.

    >>> from_ogp("limited")
    StatusValue(status=<Status.IN_PROGRESS: 'in_progress'>, extent=<Extent.LIMITED: 'limited'>)
    """
    try:
        completion = OgpCompletion(level)
    except ValueError:
        accepted = ", ".join(repr(o.value) for o in OgpCompletion)
        raise CrosswalkError(
            f"unknown OGP completion level {level!r}; accepted: {accepted}"
        ) from None
    if completion is OgpCompletion.NO_EVIDENCE:
        return None
    return _FROM_OGP[completion]


# -- IATI --------------------------------------------------------------------------------
class IatiActivityStatus(enum.IntEnum):
    """IATI's ActivityStatus code list (codes 1 to 6)."""

    PIPELINE = 1  #: Pipeline/identification
    IMPLEMENTATION = 2
    FINALISATION = 3  #: Physically complete, open pending sign-off or evaluation
    CLOSED = 4
    CANCELLED = 5
    SUSPENDED = 6


_FROM_IATI: Mapping[IatiActivityStatus, StatusValue] = {
    IatiActivityStatus.PIPELINE: _NS,
    IatiActivityStatus.IMPLEMENTATION: _IP,
    IatiActivityStatus.FINALISATION: _DONE,
    IatiActivityStatus.CLOSED: _DONE,
    IatiActivityStatus.CANCELLED: _CANCELLED,
    IatiActivityStatus.SUSPENDED: _SUSPENDED,
}
_TO_IATI: Mapping[Status, IatiActivityStatus] = {
    Status.NOT_STARTED: IatiActivityStatus.PIPELINE,
    Status.IN_PROGRESS: IatiActivityStatus.IMPLEMENTATION,
    Status.CANCELLED: IatiActivityStatus.CANCELLED,
    Status.SUSPENDED: IatiActivityStatus.SUSPENDED,
}


def to_iati(value: StatusValue | Status | str | None) -> IatiActivityStatus:
    """The IATI ActivityStatus code of a status (the extent is not carried).

    Completed is IATI 3 (finalisation) or 4 (closed): refused with both named, as is a
    missing report (IATI has no code for "no information").

    >>> int(to_iati("in_progress"))
    2
    >>> try:
    ...     to_iati("completed")
    ... except ValueError as err:
    ...     print(err.candidates)
    ('3 finalisation', '4 closed')
    """
    if value is None:
        raise CrosswalkError("IATI has no activity status for 'no report'", candidates=())
    status_value = _value(value)
    found = _TO_IATI.get(status_value.status)
    if found is not None:
        return found
    candidates = ("3 finalisation", "4 closed")
    raise CrosswalkError(
        "completed is IATI 3 (finalisation: physically complete, open pending sign-off) or "
        "4 (closed); choose the code",
        candidates=candidates,
    )


def from_iati(code: IatiActivityStatus | int) -> StatusValue:
    """The status an IATI ActivityStatus code stands for (unique for every code).

    >>> from_iati(IatiActivityStatus.FINALISATION).status.value
    'completed'
    """
    if isinstance(code, bool) or not isinstance(code, int):
        raise TypeError(f"an IATI activity status is a code 1 to 6, not {code!r}")
    try:
        return _FROM_IATI[IatiActivityStatus(code)]
    except ValueError:
        accepted = ", ".join(f"{c.value} {c.name.lower()}" for c in IatiActivityStatus)
        raise CrosswalkError(
            f"unknown IATI activity status code {code}; accepted: {accepted}"
        ) from None
