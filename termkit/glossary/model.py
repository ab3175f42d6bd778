"""The glossary model: one concept per row, French and English terms with status."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from termkit.textnorm import fold

STATUSES = ("candidate", "approved")


@dataclass
class Concept:
    """A concept of a FR->EN glossary.

    ``fr``/``en``: preferred terms; ``*_variants``: admitted variants (inflections,
    spellings, acronyms); ``en_forbidden``: deprecated or forbidden English forms;
    ``type``: PER/ORG/LOC/MISC/TERM; ``pos``: TBX part of speech; ``status``:
    candidate or approved; ``evidence``: how the English was found.
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
