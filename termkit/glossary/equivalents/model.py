"""What the equivalents produce: an option with its features, a ranked suggestion, and the
equivalent of a candidate (the English, or an abstention with suggestions)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from termkit.glossary.equivalents.english import prefer_lower


@dataclass
class Suggestion:
    """A ranked English option: the phrase, the model's probability, and why."""

    en: str
    probability: float
    evidence: str

    def format(self) -> str:
        """``rare earths (0.41: aligned in 2 of 3, USE 0.77)``, as the TSV cell writes it."""
        return f"{self.en} ({self.probability:.2f}: {self.evidence})"


@dataclass
class Equivalent:
    """What the finder says about one candidate: the English (empty when it abstains),
    its variants, the method of the best option, the model's ``confidence`` (0..1) in
    that option, the evidence, and the ranked suggestions (the best first)."""

    en: str
    variants: list[str] = field(default_factory=list)
    method: str = ""
    confidence: float = 0.0
    evidence: str = ""
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass
class Option:
    """One English option for a candidate, with its features and the methods that found it."""

    key: str
    surfaces: Counter = field(default_factory=Counter)
    methods: set = field(default_factory=set)
    aligned: int = 0
    loose: int = 0
    near: int = 0
    notes: list[str] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    probability: float = 0.0

    @property
    def en(self) -> str:
        """The display form: the most frequent surface, lower-case unless always capitalised."""
        return prefer_lower(self.surfaces.most_common()) if self.surfaces else self.key

    @property
    def method(self) -> str:
        """The strongest method that found the option."""
        for m in ("reference", "transliteration", "identical", "alignment", "loose alignment", "widened",
                  "lexicon", "cooccurrence"):
            if m in self.methods:
                return m
        return "cooccurrence"
