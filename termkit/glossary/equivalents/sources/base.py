"""The interface of an option source, and the registry that owns the sources' names.

A source looks at one candidate in the sentence-pair index and adds English options to its
:class:`Gathering`; which sources run, and in what order, is a list of registered names. Like
stanza's processors, a source registers itself by name with :func:`register`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from termkit.extract.model import Candidate
from termkit.glossary.equivalents.english import CLAUSE_MARKS, balanced
from termkit.glossary.equivalents.model import Option
from termkit.glossary.equivalents.pairs import PairIndex
from termkit.textnorm import en_key


@dataclass
class Gathering:
    """The options of one candidate as the sources add them, with what they share: the
    candidate's occurrences (pair, first token, end token), its linked pairs, and the English
    words the alignment gave (stemmed; the co-occurrence source prefers n-grams holding them)."""

    cand: Candidate
    occs: list[tuple[int, int, int]]
    links: list[int]
    options: dict[str, Option] = field(default_factory=dict)
    aligned_words: set[str] = field(default_factory=set)

    def add(self, surface: str, method: str, note: str = "") -> Option:
        """Add one written form found by ``method`` (with an optional note for the evidence):
        forms with the same English key are one option. A form across a clause or with an
        unbalanced bracket ("Islamic Movement (ETIM") is no phrase: it is counted nowhere."""
        surface = " ".join(surface.split())
        fr_marks = CLAUSE_MARKS.intersection("".join(self.cand.forms))
        k = en_key(surface) if balanced(surface) and not CLAUSE_MARKS.intersection(surface) - fr_marks else ""
        opt = self.options.setdefault(k, Option(k)) if k else Option("")  # nothing to fold: dropped
        opt.surfaces[surface] += 1
        opt.methods.add(method)
        if note and note not in opt.notes:
            opt.notes.append(note)
        return opt


class OptionSource:
    """A way to find English options for a candidate. Subclasses set :attr:`name` and
    implement :meth:`gather`; :func:`register` makes them available by name."""

    name: ClassVar[str] = ""

    def gather(self, index: PairIndex, found: Gathering) -> None:
        """Add this source's options for ``found.cand`` to ``found``."""
        raise NotImplementedError


SOURCES: dict[str, type[OptionSource]] = {}


def register(cls: type[OptionSource]) -> type[OptionSource]:
    """Class decorator: register an option source under its :attr:`~OptionSource.name`."""
    if not cls.name or cls.name in SOURCES:
        raise ValueError(f"option source name missing or taken: {cls.name!r}")
    SOURCES[cls.name] = cls
    return cls


def make_sources(names: list[str] | tuple[str, ...]) -> list[OptionSource]:
    """The sources of these names, in this order; an unknown name is a one-line error listing the known ones."""
    unknown = [n for n in names if n not in SOURCES]
    if unknown:
        from termkit.errors import TermkitError

        raise TermkitError(f"unknown option source {', '.join(unknown)}", f"choose from {', '.join(SOURCES)}")
    return [SOURCES[n]() for n in names]

