"""The domain model: immutable, typed records of an action plan.

Every class is a frozen, slotted attrs class whose collections are tuples, so nothing a
user holds can change under them. Institutions are shared objects: an activity's
``responsible`` tuple holds the same :class:`Institution` values as ``plan.institutions``.

>>> from antitrafficking_plan import load_plan
>>> plan = load_plan()
>>> activity = plan.activity("1.1.2")
>>> activity.objective_codes
('1', '1.1')
>>> [i.code for i in activity.responsible]
['MIA']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from attrs import converters, field, frozen
from attrs import field as attrib
from attrs import validators as v

from . import _table
from ._checks import (
    _CODE,
    _NAMES,
    _OPTIONAL_NAME,
    _OPTIONAL_TEXT,
    _TEXT,
    _TEXTS,
    _is,
    _optional_is,
    _optional_text,
    _tuple,
    _tuple_of,
    _whole_number,
    _whole_numbers,
    record_repr,
)
from ._display import html_of
from ._enum import TextEnum
from .deadline import Deadline

__all__ = [
    "Activity",
    "Confidence",
    "Cost",
    "CostFragment",
    "FundingSource",
    "Institution",
    "InstitutionKind",
    "NameConfidence",
    "Note",
    "Provenance",
    "SourceReference",
    "SpecificObjective",
    "StrategicObjective",
    "code_sort_key",
]


#: The text fields of an activity that search looks in, in the order they are shown.
_TEXT_FIELD_NAMES = ("description", "expected_results", "indicators", "sources_of_verification")


def _funding_sources(values: Iterable[Any]) -> tuple[FundingSource, ...]:
    return tuple(FundingSource(s) for s in _tuple(values))


class Confidence(TextEnum):
    """How sure a reconstruction is."""

    #: Read directly from the source (for example a word broken by the extraction, joined).
    CERTAIN = "certain"
    #: Inferred from the sequence or the layout; another reading is possible.
    INFERRED = "inferred"


_CONFIDENCES: dict[object, Confidence] = dict(Confidence._value2member_map_)


def _confidence(value: object) -> Confidence:
    """The converter of ``Note.confidence`` (every note of a file goes through it):
    ``Confidence(value)``, a member's own text looked up directly rather than through
    ``Enum.__call__``; anything else, and its error, is ``Confidence(value)``'s."""
    found = _CONFIDENCES.get(value) if type(value) is str else None
    return Confidence(value) if found is None else found


class InstitutionKind(TextEnum):
    """What kind of actor an institution entry stands for."""

    #: One named body (a ministry, an agency, a council, a named NGO).
    BODY = "body"
    #: A generic group ("Donors", "NGOs", "Partners", "Municipalities").
    GROUP = "group"
    #: A fragment of a name that the extraction cut so that the body cannot be told.
    FRAGMENT = "fragment"


class NameConfidence(TextEnum):
    """How well an institution's full name is established (see the glossary)."""

    #: The source itself spells the name out.
    SOURCE = "source"
    #: Documented in the same government's earlier strategy or its bodies' official names.
    KNOWN = "known"
    #: Fits every use in the source but is spelled out nowhere: treat as a hint.
    LIKELY = "likely"


class FundingSource(TextEnum):
    """Funding categories that the plan's cost column names."""

    DONORS = "donors"
    ADMINISTRATIVE_COSTS = "administrative costs"
    OPERATING_COST = "operating cost"
    BUDGETED = "budgeted"
    MINISTRY_BUDGET = "ministry budget"


@frozen
class Note:
    """One reconstruction or caveat, attached to the object it concerns.

    ``field`` names what the note is about (``"code"``, ``"description"``,
    ``"responsible"``, ``"deadline"``, ``"row"``, ``"title"`` ...).
    """

    __repr__ = record_repr

    # ``attrib`` is attrs' ``field``: the first attribute of this class is named "field".
    field: str = attrib(validator=_TEXT)
    text: str = attrib(validator=_TEXT)
    confidence: Confidence = attrib(default=Confidence.INFERRED, converter=_confidence)


@frozen
class Provenance:
    """Where an object comes from in the source copy, and how it was reconstructed.

    ``lines`` are 1-based line numbers of the bundled source copy
    (``antitrafficking_plan/data/kosovo_2015_2019_source.txt``); ``raw`` is the text of those
    lines as extracted (tabs shown as `` | ``); the ``*_cell`` fields keep institution and
    deadline cells exactly as printed on those lines, so the split into institutions can be
    reviewed. Where two activities were split from one merged row, a cell the row prints
    once is the same for both; the notes say which activity took which part.
    """

    __repr__ = record_repr

    lines: tuple[int, ...] = field(default=(), converter=_tuple, validator=_whole_numbers(1))
    raw: str = field(default="", validator=_TEXT)
    responsible_cell: str | None = field(default=None, validator=_OPTIONAL_TEXT)
    supporting_cell: str | None = field(default=None, validator=_OPTIONAL_TEXT)
    deadline_cell: str | None = field(default=None, validator=_OPTIONAL_TEXT)
    notes: tuple[Note, ...] = field(default=(), converter=_tuple, validator=_tuple_of(Note))

    @property
    def is_reconstructed(self) -> bool:
        """True when any note records an inference (not just a certain repair)."""
        return any(n.confidence is Confidence.INFERRED for n in self.notes)


@frozen
class Institution:
    """An entry of the plan's institution registry.

    ``code`` is stable: the abbreviation, or the group's name as the source writes it.
    ``name`` is given only where the source or the glossary settles it; a name that is
    only likely carries ``name_confidence=NameConfidence.LIKELY``. ``aliases`` are the
    other spellings the source uses (Albanian abbreviations, broken forms).

    >>> Institution("MLSW", InstitutionKind.BODY, "Ministry of Labour and Social Welfare").code
    'MLSW'
    """

    code: str = field(validator=_CODE)
    kind: InstitutionKind = field(default=InstitutionKind.BODY, converter=InstitutionKind)
    name: str | None = field(default=None, validator=_OPTIONAL_NAME)
    name_confidence: NameConfidence | None = field(
        default=None, converter=converters.optional(NameConfidence)
    )
    aliases: tuple[str, ...] = field(default=(), converter=_tuple, validator=_NAMES)
    note: str | None = field(default=None, validator=_OPTIONAL_TEXT)

    @property
    def is_identified(self) -> bool:
        """False for a :attr:`InstitutionKind.FRAGMENT`: a piece of a name that identifies
        no institution, so counts, workloads and the quality report leave it out.

        >>> Institution("Trafficking", InstitutionKind.FRAGMENT).is_identified
        False
        """
        return self.kind is not InstitutionKind.FRAGMENT

    @property
    def names(self) -> tuple[str, ...]:
        """Every string this entry is known by: code, name (if any) and aliases."""
        found = [self.code]
        if self.name:
            found.append(self.name)
        found.extend(self.aliases)
        return tuple(found)

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        """``<Institution MLSW (body): Ministry of Labour and Social Welfare>``."""
        name = f": {self.name}" if self.name else ""
        return f"<Institution {self.code} ({self.kind.value}){name}>"

    def _repr_html_(self) -> str:
        """An HTML card of the institution, for Jupyter."""
        return html_of(self)


@frozen
class Cost:
    """The cost or funding of one activity: an amount and/or funding sources.

    ``text`` is the cost cell as the source writes it; amounts are never summed from text.
    ``amount`` is the number the source states, in a currency the source does not state
    (the plan prints bare numbers).
    """

    __repr__ = record_repr

    text: str = field(validator=_TEXT)
    amount: int | None = field(default=None, validator=v.optional(_whole_number(0)))
    sources: tuple[FundingSource, ...] = field(default=(), converter=_funding_sources)


@frozen
class CostFragment:
    """A piece of the cost column that cannot be tied to an activity with confidence.

    ``block`` counts the blank-line-separated blocks of the cost column (from 1), ``line``
    is the line of the source copy. ``amount`` (a bare number: the source states no
    currency) and ``sources`` are what the fragment says, kept apart; ``note`` explains
    unreadable or garbled fragments.
    """

    __repr__ = record_repr

    text: str = field(validator=_TEXT)
    line: int = field(validator=_whole_number(1))
    block: int = field(validator=_whole_number(1))
    amount: int | None = field(default=None, validator=v.optional(_whole_number(0)))
    sources: tuple[FundingSource, ...] = field(default=(), converter=_funding_sources)
    note: str | None = field(default=None, validator=_OPTIONAL_TEXT)


@frozen
class SourceReference:
    """The document a plan was transcribed from."""

    __repr__ = record_repr

    title: str = field(validator=_TEXT)
    issuer: str = field(validator=_TEXT)
    place: str | None = field(default=None, validator=_OPTIONAL_TEXT)
    published: str | None = field(default=None, validator=_OPTIONAL_TEXT)
    language: str | None = field(default=None, validator=_OPTIONAL_TEXT)
    note: str | None = field(default=None, validator=_OPTIONAL_TEXT)


def _title_from(pieces: Sequence[str]) -> str:
    return " … ".join(pieces)


@frozen
class _Objective:
    """What strategic and specific objectives share: a code, the title's pieces as the
    source prints them, and provenance."""

    __repr__ = record_repr

    code: str = field(validator=_CODE)
    title_pieces: tuple[str, ...] = field(default=(), converter=_tuple, validator=_TEXTS)
    provenance: Provenance = field(default=Provenance(), validator=_is(Provenance))

    @property
    def title(self) -> str | None:
        """The title as one string, gaps marked with `` … ``; None when the source has none."""
        return _title_from(self.title_pieces) if self.title_pieces else None


@frozen
class SpecificObjective(_Objective):
    """A specific objective (``"1.1"``) of a strategic objective.

    ``title_pieces`` are the title's pieces as the source prints them; where the extraction
    lost text between or around them, the pieces stay apart and ``title`` shows the gap as
    `` … ``. An empty tuple means the source gives no title at all.
    """

    __repr__ = record_repr

    @property
    def strategic_objective_code(self) -> str:
        """The code of the strategic objective above this one (``"1.1"`` -> ``"1"``)."""
        return self.code.split(".")[0]


@frozen
class StrategicObjective(_Objective):
    """One of the plan's strategic objectives (``"1"`` .. ``"4"``).

    ``title_pieces`` (and ``title``) are what the source prints, kept in pieces like a
    :class:`SpecificObjective`'s. ``reading`` is the same text made readable: words the
    extraction broke are joined, a word it displaced is put back, lost text is marked
    ``…``; every word of it is a word of the source, and each repair is a note
    (field ``"reading"``). ``label`` is an **editorial** short name (for the bundled plan,
    from the "4P" framing: Prevention, Protection, Prosecution, Partnership): it is not
    source text, and a note (field ``"label"``) says so. Both are ``None`` when not given.

    >>> from antitrafficking_plan import load_plan
    >>> objective = load_plan().objective("4")
    >>> objective.label
    'Partnership'
    >>> objective.reading.endswith("victims")
    True
    """

    __repr__ = record_repr

    reading: str | None = field(default=None, validator=_OPTIONAL_TEXT)
    label: str | None = field(default=None, validator=_OPTIONAL_TEXT)

    @property
    def display_title(self) -> str | None:
        """``"label: reading"`` as far as they are given, else the printed ``title``."""
        head = self.reading or self.title
        if self.label is None:
            return head
        return self.label if head is None else f"{self.label}: {head}"


@frozen
class Activity:
    """One activity of the plan.

    ``responsible`` and ``supporting`` are tuples of :class:`Institution`; ``deadline`` is a
    :class:`~antitrafficking_plan.Deadline` or ``None`` where the source gives no deadline;
    text fields are ``None`` where the source gives no text. ``provenance`` records the
    source lines and every reconstruction.
    """

    code: str = field(validator=_CODE)
    description: str | None = field(
        default=None, converter=_optional_text, validator=_OPTIONAL_TEXT
    )
    expected_results: str | None = field(
        default=None, converter=_optional_text, validator=_OPTIONAL_TEXT
    )
    indicators: str | None = field(default=None, converter=_optional_text, validator=_OPTIONAL_TEXT)
    sources_of_verification: str | None = field(
        default=None, converter=_optional_text, validator=_OPTIONAL_TEXT
    )
    responsible: tuple[Institution, ...] = field(
        default=(), converter=_tuple, validator=_tuple_of(Institution)
    )
    supporting: tuple[Institution, ...] = field(
        default=(), converter=_tuple, validator=_tuple_of(Institution)
    )
    deadline: Deadline | None = field(default=None, validator=_optional_is(Deadline))
    cost: Cost | None = field(default=None, validator=_optional_is(Cost))
    provenance: Provenance = field(default=Provenance(), validator=_is(Provenance))

    @property
    def specific_objective_code(self) -> str:
        """``"1.1.3"`` -> ``"1.1"``."""
        return self.code.rsplit(".", 1)[0]

    @property
    def strategic_objective_code(self) -> str:
        """``"1.1.3"`` -> ``"1"``."""
        return self.code.split(".", 1)[0]

    @property
    def objective_codes(self) -> tuple[str, str]:
        """The codes of the strategic and specific objectives this activity falls under."""
        return (self.strategic_objective_code, self.specific_objective_code)

    @property
    def institutions(self) -> tuple[Institution, ...]:
        """Responsible then supporting institutions, each once, in that order."""
        seen: dict[str, Institution] = {}
        for inst in (*self.responsible, *self.supporting):
            seen.setdefault(inst.code, inst)
        return tuple(seen.values())

    @property
    def notes(self) -> tuple[Note, ...]:
        """Shortcut for ``provenance.notes``."""
        return self.provenance.notes

    def text_fields(self) -> Iterator[tuple[str, str]]:
        """Yield ``(field name, text)`` for each text field that has text."""
        for name in _TEXT_FIELD_NAMES:
            value = getattr(self, name)
            if value is not None:
                yield name, value

    def __repr__(self) -> str:
        """``<Activity 1.1.2 'Launching of a situation analysis…' due 2015-2017>``."""
        parts = [f"<Activity {self.code}"]
        if self.description:
            parts.append(repr(_shorten(self.description, _REPR_TEXT_WIDTH)))
        deadline = self.deadline
        if deadline is None:
            parts.append("no deadline")
        elif deadline.due is None:
            parts.append(str(deadline))
        else:
            parts.append(f"due {deadline}")
        return " ".join(parts) + ">"

    def to_text(self, width: int = 80) -> list[str]:
        """The activity as labelled lines of at most ``width`` columns (what ``print``
        shows): texts, institutions with their names, deadline with its dates, cost and
        source lines. ``antitrafficking-plan show CODE`` adds objectives and provenance.

        >>> from antitrafficking_plan import load_plan
        >>> lines = load_plan().activity("2.3.8").to_text()
        >>> lines[0], lines[-1]
        ('Activity 2.3.8 (objective 2.3)', '  source lines  45')
        """
        lines = [f"Activity {self.code} (objective {self.specific_objective_code})"]
        for label, text in (
            ("description", self.description),
            ("results", self.expected_results),
            ("indicators", self.indicators),
            ("verification", self.sources_of_verification),
        ):
            lines += _table.field(label, text or "(none given)", width)
        for label, insts in (("responsible", self.responsible), ("supporting", self.supporting)):
            if not insts:
                lines += _table.field(label, "(none given)", width)
            for i, inst in enumerate(insts):
                named = f"{inst.code}: {inst.name}" if inst.name else inst.code
                lines += _table.field(label if i == 0 else "", named, width)
        d = self.deadline
        if d is None:
            deadline = "none given"
        else:
            start = "no start" if d.start is None else f"from {d.start.isoformat()}"
            due = "no due date" if d.due is None else f"due {d.due.isoformat()}"
            deadline = f"{d} ({d.kind.value}: {start}, {due})"
        lines += _table.field("deadline", deadline, width)
        cost = self.cost
        if cost is None:
            lines += _table.field("cost", "none attached", width)
        else:
            amount = (
                "" if cost.amount is None else f"; amount {cost.amount:,} (currency not stated)"
            )
            lines += _table.field("cost", f"{cost.text}{amount}", width)
        if self.provenance.lines:
            source = ", ".join(str(n) for n in self.provenance.lines)
            lines += _table.field("source lines", source, width)
        return lines

    def __str__(self) -> str:
        """The activity on several labelled lines (:meth:`to_text`), 80 columns wide."""
        return "\n".join(self.to_text())

    def _repr_html_(self) -> str:
        """An HTML card of the activity, for Jupyter."""
        return html_of(self)


#: How many characters of an activity's description its ``repr`` shows.
_REPR_TEXT_WIDTH = 34


def _shorten(text: str, width: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``width`` characters + ``…``."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width + 1].rsplit(" ", 1)[0] if " " in flat[:width] else flat[:width]
    return cut.rstrip(" ,;:.-") + "…"


def code_sort_key(code: str) -> tuple[tuple[int, ...], str]:
    """The order of objective and activity codes: by their numbers, part by part ("1.2"
    before "1.10"), a code that is not all numbers last; ties by the text.

    >>> sorted(["1.10", "2", "1.2", "x"], key=code_sort_key)
    ['1.2', '1.10', '2', 'x']
    """
    parts = code.split(".")
    if all(p.isdigit() for p in parts):
        return (tuple(int(p) for p in parts), code)
    return ((1 << 30,), code)
