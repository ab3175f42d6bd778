"""Term candidates as plain dataclasses."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

NAME_TYPES = ("PER", "ORG", "LOC", "MISC")
TERM = "TERM"


@dataclass
class Variant:
    """One written form of a candidate, how often it occurs, and why it is grouped there.

    ``relation``: canonical, inflection, case/diacritics, hyphenation, graphical
    (transliteration), acronym, expansion, short form.
    """

    form: str
    count: int
    relation: str


@dataclass
class Context:
    """A sentence in which the candidate occurs, with its document id."""

    doc: str
    sentence: str


@dataclass
class Candidate:
    """A term candidate: canonical form, lemma, type (PER/ORG/LOC/MISC or TERM) and its evidence."""

    canonical: str
    lemma: str
    type: str
    frequency: int
    doc_frequency: int
    score: float
    variants: list[Variant] = field(default_factory=list)
    contexts: list[Context] = field(default_factory=list)
    specificity: float = 0.0
    words: int = 1
    independent: float = 0.0
    pos: str = "noun"  # TBX partOfSpeech: noun, adjective, verb, properNoun
    probability: float | None = None  # the ranker's probability that this is a term or a name
    inside: list[str] = field(default_factory=list)  # longer candidates holding every occurrence of this one
    features: dict[str, float] = field(default_factory=dict, repr=False)  # what the ranker sees

    @property
    def forms(self) -> list[str]:
        """Every written form, canonical first."""
        return [v.form for v in self.variants]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (without the ranker's features)."""
        out = asdict(self)
        out.pop("features")
        return out
