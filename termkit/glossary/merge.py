"""Merging concepts into a glossary without touching what is already there.

Shared by ``glossary build``, ``import`` and ``glossary merge``: rows already in the
glossary (approved, rejected or edited by hand) are never changed; a new concept whose
French form is already there is not added again, and when its English differs it is
reported as a conflict; ids taken already are renamed, and the renaming is reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from termkit.glossary.model import Concept, Glossary
from termkit.textnorm import fold


@dataclass
class Conflict:
    """A concept not added because its French form is already in the glossary with another English."""

    fr: str
    existing_id: str
    existing_en: str
    new_en: str
    new_id: str = ""

    def format(self) -> str:
        """One line for a report."""
        return (f"{self.fr!r}: kept {self.existing_id} -> {self.existing_en or '(no English)'!r}, "
                f"not added -> {self.new_en!r}")


@dataclass
class MergeReport:
    """What a merge did: concepts kept, added, skipped as known, conflicts, renamed ids."""

    kept: int = 0
    added: int = 0
    known: int = 0
    with_english: int = 0
    elsewhere: int = 0  # candidates left out because another glossary of the project has them
    conflicts: list[Conflict] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. an English text unrelated to its French
    known_elsewhere: list[dict] = field(default_factory=list)  # the candidates other glossaries have, with English
    reference_conflicts: list[dict] = field(default_factory=list)  # French terms references give two English
    from_references: int = 0  # concepts whose English comes from a reference termbase

    def to_dict(self) -> dict:
        """Plain data for JSON output."""
        return {"kept": self.kept, "added": self.added, "known": self.known, "with_english": self.with_english,
                "in_other_glossaries": self.elsewhere, "known_elsewhere": self.known_elsewhere,
                "from_references": self.from_references, "reference_conflicts": self.reference_conflicts,
                "conflicts": [c.__dict__ for c in self.conflicts],
                "renamed_ids": [{"from": a, "to": b} for a, b in self.renamed], "warnings": self.warnings}


def merge_stream(existing: Glossary, new: Iterable[Concept], report: MergeReport,
                 homonyms: bool = False) -> Iterator[Concept]:
    """Yield the concepts of ``new`` that ``existing`` lacks, renamed where their id is taken,
    recording in ``report`` what was added, skipped as known, in conflict or renamed (streams).

    ``homonyms=True`` keeps new concepts that share a French form with each other (a
    termbase's homonyms, e.g. two IATE entries for one term); only ``existing`` is then
    checked, and memory stays bounded by the existing glossary plus the ids seen."""
    report.kept = len(existing.concepts)
    owner: dict[str, Concept] = {}
    for c in existing.concepts:
        for f in c.fr_forms():
            owner.setdefault(fold(f), c)
    ids = {c.id for c in existing.concepts}
    for concept in new:
        forms = {fold(f) for f in concept.fr_forms()}
        holder = next((owner[f] for f in forms if f in owner), None)
        if holder is not None:
            report.known += 1
            if concept.en and fold(concept.en) not in {fold(e) for e in holder.en_forms()}:
                report.conflicts.append(Conflict(concept.fr, holder.id, holder.en, concept.en, concept.id))
            continue
        base, n = concept.id, 2
        while concept.id in ids:
            concept.id = f"{base}-{n}"
            n += 1
        if concept.id != base:
            report.renamed.append((base, concept.id))
        ids.add(concept.id)
        if not homonyms:
            for f in forms:
                owner.setdefault(f, concept)
        report.added += 1
        report.with_english += bool(concept.en)
        yield concept


def merge(existing: Glossary, new: Iterable[Concept]) -> tuple[Glossary, MergeReport]:
    """Add new concepts to an existing glossary without touching any existing row.

    A new concept is skipped when one of its French forms already belongs to a concept
    of the glossary (whatever its status); if its English differs, that is a conflict.
    """
    report = MergeReport()
    added = list(merge_stream(existing, new, report))
    return Glossary(list(existing.concepts) + added, existing.path), report
