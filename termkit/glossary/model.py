"""The glossary model: one concept per row, French and English terms with status."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from termkit.textnorm import fold

STATUSES = ("candidate", "approved", "rejected")

# Parts of speech as other tools and languages write them -> TBX-Basic values.
_POS_ALIASES = {
    "noun": "noun", "n": "noun", "nom": "noun", "substantif": "noun", "nn": "noun", "nc": "noun", "s": "noun",
    "common noun": "noun", "nom commun": "noun", "sustantivo": "noun", "substantiv": "noun",
    "propernoun": "properNoun", "proper noun": "properNoun", "nom propre": "properNoun", "np": "properNoun",
    "nnp": "properNoun", "propn": "properNoun", "name": "properNoun",
    "adjective": "adjective", "adj": "adjective", "a": "adjective", "adjectif": "adjective", "jj": "adjective",
    "verb": "verb", "v": "verb", "verbe": "verb", "vb": "verb",
    "adverb": "adverb", "adv": "adverb", "adverbe": "adverb", "rb": "adverb",
    "other": "other", "phrase": "other", "abbreviation": "noun", "acronym": "noun",
}


def normalize_pos(value: str, default: str = "noun") -> str:
    """A part of speech from any tool (``Noun``, ``nom``, ``N``, ``Proper Noun``, ``ADJ``) as
    TBX-Basic writes it (noun, properNoun, adjective, verb, adverb, other)."""
    key = " ".join(value.replace("_", " ").replace("-", " ").split()).casefold().rstrip(".")
    if not key:
        return default
    return _POS_ALIASES.get(key) or _POS_ALIASES.get(key.replace(" ", ""), "other")


@dataclass
class Concept:
    """A concept of a FR->EN glossary.

    ``fr``/``en``: preferred terms; ``*_variants``: admitted variants (inflections,
    spellings, acronyms); ``en_forbidden``: deprecated or forbidden English forms;
    ``type``: PER/ORG/LOC/MISC/TERM; ``pos``: TBX part of speech; ``status``:
    candidate, approved or rejected; ``evidence``: how the English was found;
    ``confidence``: the probability (0..1) that the proposed English is right (when the
    builder abstains, ``en`` is empty and this is the best suggestion's probability);
    ``en_suggestions``: up to three ranked English options with probability and evidence.
    """

    id: str
    fr: str
    en: str = ""
    fr_variants: list[str] = field(default_factory=list)
    en_variants: list[str] = field(default_factory=list)
    en_forbidden: list[str] = field(default_factory=list)
    type: str = "TERM"
    pos: str = "noun"
    subject: str = ""
    definition: str = ""
    status: str = "candidate"
    note: str = ""
    evidence: str = ""
    contexts: list[str] = field(default_factory=list)
    en_contexts: list[str] = field(default_factory=list)  # the aligned English of each French context
    confidence: float | None = None  # the model's probability that the English (or best suggestion) is right
    en_suggestions: list[str] = field(default_factory=list)  # ranked English options, with probability and evidence

    def fr_forms(self) -> list[str]:
        """Preferred French term first, then its variants."""
        return [self.fr] + [v for v in self.fr_variants if v != self.fr]

    def en_forms(self) -> list[str]:
        """Preferred English term first, then admitted variants."""
        return ([self.en] if self.en else []) + [v for v in self.en_variants if v != self.en]


@dataclass
class Glossary:
    """An ordered list of concepts, with the path it came from (if any)."""

    concepts: list[Concept] = field(default_factory=list)
    path: str | None = None

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self):
        return iter(self.concepts)

    def by_id(self) -> dict[str, Concept]:
        """Concepts keyed by id."""
        return {c.id: c for c in self.concepts}


def concept_id(text: str) -> str:
    """A stable, readable id (a valid XML ID) from a French term: ``terres rares`` -> ``terres-rares``."""
    key = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "concept"
    return key if key[0].isalpha() else f"c-{key}"
