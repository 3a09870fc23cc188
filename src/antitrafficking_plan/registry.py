"""Finding institutions by code, alias or name.

The registry is built once from a plan's institutions and indexes every name each entry
is known by, compared case-insensitively and ignoring spaces, hyphens, dots, slashes and
the commas, semicolons or colons a cut cell leaves at a name's ends (so the extraction's
broken forms such as ``"Municipalit ies"``, ``"VAAO- SP"`` or ``"UP,"`` still match).

>>> from antitrafficking_plan import load_plan
>>> load_plan().institution("ministry of labour and social welfare").code
'MLSW'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TypeVar, overload

from ._limits import check_lookup
from ._text import fold_text, similarity
from .errors import UnknownNameError
from .model import Institution

__all__ = ["InstitutionRegistry", "normalize_name"]

_T = TypeVar("_T")

_SQUASH = re.compile(r"[\s\-.\u2010-\u2015_/]+")
#: Punctuation that a cut institution cell leaves at a name's ends ("UP,", "KP,", "NATC/").
_EDGES = " \t\n,;:/"


def normalize_name(text: str) -> str:
    """The key under which a name is indexed: accents dropped, case folded, spaces,
    hyphens, dots and slashes removed, and commas, semicolons and colons at either end
    dropped (so ``"UP,"`` is found like ``"NATC/"``).

    >>> normalize_name("Municipalit ies") == normalize_name("municipalities")
    True
    >>> normalize_name("UP,") == normalize_name("UP")
    True
    """
    return _SQUASH.sub("", fold_text(text).strip(_EDGES))


class InstitutionRegistry(Mapping[str, Institution]):
    """A read-only mapping from institution code to :class:`Institution`, with lookup by
    any known name: :meth:`lookup` raises with suggestions, :meth:`get` returns None."""

    __slots__ = ("_by_code", "_by_key_")
    _by_code: Mapping[str, Institution]
    _by_key_: Mapping[str, Institution] | None  # made on the first lookup by a name

    def __init__(self, institutions: Iterable[Institution]) -> None:
        by_code: dict[str, Institution] = {}
        for inst in institutions:
            if not isinstance(inst, Institution):
                raise TypeError(f"expected Institution, got {type(inst).__name__}")
            by_code[inst.code] = inst
        object.__setattr__(self, "_by_code", MappingProxyType(by_code))
        object.__setattr__(self, "_by_key_", None)

    @property
    def _by_key(self) -> Mapping[str, Institution]:
        """Each normalized code, name and alias to its institution, made on first use (a
        plan that is only loaded, or looked up by code, never normalizes its names).
        Codes win over names and aliases when two entries share a normalized key. Made
        by two threads at once, the two results are the same."""
        found = self._by_key_
        if found is None:
            by_key: dict[str, Institution] = {}
            for inst in self._by_code.values():
                for name in inst.names[1:]:
                    by_key.setdefault(normalize_name(name), inst)
            for inst in self._by_code.values():
                by_key[normalize_name(inst.code)] = inst
            found = MappingProxyType(by_key)
            object.__setattr__(self, "_by_key_", found)
        return found

    def __reduce__(self) -> tuple[object, ...]:
        # The read-only views cannot be pickled; the entries rebuild them.
        return (type(self), (tuple(self._by_code.values()),))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __getitem__(self, code: str) -> Institution:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownNameError("institution code", code, self.suggest(code)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_code)

    def __len__(self) -> int:
        return len(self._by_code)

    def __repr__(self) -> str:
        return f"<InstitutionRegistry of {len(self)} institutions>"

    @overload
    def get(self, name: str, /) -> Institution | None: ...
    @overload
    def get(self, name: str, /, default: Institution | _T) -> Institution | _T: ...
    def get(self, name: str, /, default: object = None) -> object:
        """The institution known exactly by ``name`` (code, alias or full name, in any
        case), or ``default``: the non-raising form of :meth:`lookup`.

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().registry.get("mlsw").code, load_plan().registry.get("nobody")
        ('MLSW', None)
        """
        if not isinstance(name, str):
            raise TypeError(f"institution name must be str, not {type(name).__name__}")
        check_lookup(name, "institution name")
        exact = self._by_code.get(name)
        if exact is not None:  # a code as written finds its own entry, with no names read
            return exact
        key = normalize_name(name)
        return self._by_key.get(key, default) if key else default

    def lookup(self, name: str | Institution) -> Institution:
        """The institution known by ``name``; raises :class:`UnknownNameError` (a
        ``KeyError``) with close matches when nothing matches.

        ``name`` is a code, an alias or a full name, in any case; the first words (two or
        more) of one entry's names are enough when no other entry's name starts with them
        ("Ministry of Labour" finds MLSW, "Ministry of" is refused with suggestions). An
        :class:`Institution` is accepted too and must be one of this registry's.

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().registry.lookup("Ministry of Labour").code
        'MLSW'
        """
        if isinstance(name, Institution):
            if self._by_code.get(name.code) == name:
                return name
            raise UnknownNameError("institution", name.code, self.suggest(name.code))
        found = self.get(name) or self._by_name_start(name)
        if found is None:
            raise UnknownNameError("institution", name, self.suggest(name))
        return found

    def _by_name_start(self, name: str) -> Institution | None:
        """The one institution whose full name or an alias starts with the words of
        ``name`` (two words at least: one word alone is too little to name an institution
        by)."""
        asked = _words(name)
        if len(asked) < 2:
            return None
        matches = {
            inst.code: inst
            for inst in self._by_code.values()
            for known in inst.names[1:]  # the full name and the aliases, not the code
            if _words(known)[: len(asked)] == asked
        }
        return next(iter(matches.values())) if len(matches) == 1 else None

    def suggest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """Codes of the institutions whose names are closest to ``name``.

        A name is close when its letters are (``"MLWS"`` -> MLSW) or when each word asked
        for is close to a word of it (``"Ministry of Labor"`` and ``"labour"`` -> MLSW;
        small words such as "of" and "the" do not count).

        >>> from antitrafficking_plan import load_plan
        >>> load_plan().registry.suggest("Ministry of Labor")[0]
        'MLSW'
        >>> load_plan().registry.suggest("labour")
        ('MLSW',)
        """
        scores = self._scores(name) if isinstance(name, str) else {}
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return tuple(code for code, _ in ranked[:limit])

    def search(self, text: str, limit: int | None = None) -> tuple[Institution, ...]:
        """The institutions matching ``text``, best match first (like pycountry's
        ``search_fuzzy``): an exact code, alias or name first, then names containing the
        text, then names whose words are close to the words asked for (``"labor"`` finds
        the Ministry of Labour), then names spelled close to it. Case, accents and
        spacing are ignored; ties keep registry order. An empty tuple when nothing is
        close; at most ``limit`` entries when given.

        >>> from antitrafficking_plan import load_plan
        >>> [i.code for i in load_plan().registry.search("ministry of justice")][:1]
        ['MJ']
        >>> [i.code for i in load_plan().registry.search("police")][:2]
        ['Police', 'KP']
        """
        if not isinstance(text, str):
            raise TypeError(f"search text must be str, not {type(text).__name__}")
        if not normalize_name(text):
            raise ValueError("search text is empty")
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
            raise TypeError(f"limit must be an int or None, not {type(limit).__name__}")
        scores = self._scores(text)
        wanted = fold_text(text)
        for inst in self._by_code.values():
            if any(wanted in fold_text(known) for known in inst.names):
                scores[inst.code] = max(scores.get(inst.code, 0.0), 0.9)
        order = {code: i for i, code in enumerate(self._by_code)}
        ranked = sorted(scores, key=lambda code: (-scores[code], order[code]))
        found = tuple(self._by_code[code] for code in ranked)
        return found if limit is None else found[: max(limit, 0)]

    def _scores(self, name: str) -> dict[str, float]:
        """Code -> how close ``name`` is to the entry's names (0.6 to 1.0; absent below)."""
        check_lookup(name, "institution name")
        key = normalize_name(name)
        if not key:
            return {}
        asked = tuple(w for w in _words(name) if w not in _SMALL_WORDS)
        scores: dict[str, float] = {}
        for known, inst in self._by_key.items():
            if known == key:
                ratio = 1.0
            else:
                ratio = similarity(key, known)
                if known.startswith(key) or key.startswith(known):
                    ratio = max(ratio, 0.8)
            if ratio >= 0.6 and ratio > scores.get(inst.code, 0.0):
                scores[inst.code] = ratio
        if asked:
            for inst in self._by_code.values():
                for known_name in inst.names:
                    ratio = _word_overlap(asked, _words(known_name))
                    if ratio >= 0.6 and ratio > scores.get(inst.code, 0.0):
                        scores[inst.code] = ratio
        return scores


#: Words too small to find an institution by on their own.
_SMALL_WORDS = frozenset(("of", "and", "the", "for", "in", "on", "to", "a", "an", "e", "i", "te"))


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\W_]+", fold_text(text)) if w)


def _word_overlap(asked: tuple[str, ...], known: tuple[str, ...]) -> float:
    """The share of the asked words that are close to some word of the known name,
    slightly less than a whole-name match so exact spellings still rank first."""
    if not known:
        return 0.0
    hits = sum(
        1
        for word in asked
        if any(word == other or similarity(word, other) >= 0.8 for other in known)
    )
    return 0.95 * hits / len(asked)
