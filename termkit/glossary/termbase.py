"""Reference termbases as evidence for `glossary build --reference FILE` (TBX, TSV or CSV: an
IATE export, a client's termbase), and the project's other glossaries as known concepts.

A termbase is streamed once per build and only the entries whose French matches a candidate are
kept, so a reference of millions of entries is read in bounded memory. A French term that one
reference (or two) gives two different English forms is a conflict: listed in the build report,
and the concept gets no English from it (both forms are suggestions), never one chosen silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from termkit.errors import InputError
from termkit.glossary.model import Concept
from termkit.textnorm import fold

TERMBASE_CONFIDENCE = 0.99


@dataclass
class TermbaseEntry:
    """What a reference termbase says of one French term: its English, admitted and forbidden
    forms, and where it says so (``FILE#id``)."""

    en: str
    variants: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    source: str = ""


@dataclass
class TermbaseConflict:
    """One French term given different English forms by the references."""

    fr: str
    english: list[str]
    sources: list[str]

    def format(self) -> str:
        """One line for a terminal."""
        return f"{self.fr}: " + " / ".join(f"{e} ({s})" for e, s in zip(self.english, self.sources))


def check_reference(path: str) -> None:
    """Raise :class:`InputError` (exit 2) for a reference that holds no FR->EN concept, naming the
    languages it holds; called before the parse, so that nothing is written."""
    from termkit.glossary.formats import detect_format, iter_concepts, languages_in

    if next(iter_concepts(path), None) is None:
        langs = languages_in(path) if detect_format(path).name in ("tbx", "tbx2", "tmx") else []
        held = f"languages in the file: {', '.join(langs)}" if langs else "no French column or language section"
        raise InputError(path, f"holds no FR->EN concept ({held})",
                         "pass a termbase with French (fr*) and English (en*) terms")


def match_references(paths: Sequence[str], forms: Iterable[str]) -> tuple[dict[str, TermbaseEntry],
                                                                          list[TermbaseConflict]]:
    """The reference entries of the French ``forms`` (keyed by folded form), streaming each
    termbase once; rejected concepts are no reference. Returns the entries and the conflicts."""
    from termkit.glossary.formats import iter_concepts

    wanted = {fold(f) for f in forms}
    found: dict[str, TermbaseEntry] = {}
    conflicts: dict[str, TermbaseConflict] = {}
    for path in paths:
        for c in iter_concepts(path):
            if c.status == "rejected" or not c.en:
                continue
            for form in c.fr_forms():
                key = fold(form)
                if key not in wanted:
                    continue
                entry = TermbaseEntry(c.en, [v for v in c.en_variants if v != c.en], list(c.en_forbidden),
                                      f"{path}#{c.id}")
                have = found.get(key)
                if have is None:
                    found[key] = entry
                elif fold(have.en) != fold(entry.en) and fold(entry.en) not in {fold(v) for v in have.variants}:
                    conflict = conflicts.setdefault(key, TermbaseConflict(form, [have.en], [have.source]))
                    if entry.en not in conflict.english:
                        conflict.english.append(entry.en)
                        conflict.sources.append(entry.source)
    return found, list(conflicts.values())


def apply_references(concepts: Sequence[Concept], found: dict[str, TermbaseEntry],
                     conflicts: Sequence[TermbaseConflict]) -> int:
    """Give each concept found in a reference its English, variants and forbidden forms, with
    evidence naming the termbase and entry; a conflicting term gets the forms as suggestions
    only. Returns how many concepts took their English from a reference."""
    clash = {fold(c.fr): c for c in conflicts}
    taken = 0
    for concept in concepts:
        keys = [fold(f) for f in concept.fr_forms()]
        conflict = next((clash[k] for k in keys if k in clash), None)
        if conflict is not None:
            concept.en, concept.en_variants, concept.confidence = "", [], None
            concept.en_suggestions = [f"{e} ({TERMBASE_CONFIDENCE / len(conflict.english):.2f}: termbase {s})"
                                      for e, s in zip(conflict.english, conflict.sources)]
            concept.evidence = "termbase conflict: " + conflict.format()
            continue
        entry = next((found[k] for k in keys if k in found), None)
        if entry is None:
            continue
        concept.en = entry.en
        concept.en_variants = list(dict.fromkeys(entry.variants))
        concept.en_forbidden = list(dict.fromkeys([*concept.en_forbidden, *entry.forbidden]))
        concept.confidence = TERMBASE_CONFIDENCE
        concept.en_suggestions = []
        concept.evidence = f"termbase: {entry.source}"
        taken += 1
    return taken


@dataclass
class KnownConcept:
    """A candidate another glossary of the project has already: its English and where."""

    fr: str
    en: str
    status: str
    source: str


def known_concepts(paths: Sequence[str]) -> dict[str, KnownConcept]:
    """{folded French form: the concept} of every concept of the given glossary files (streamed)."""
    from termkit.glossary.formats import iter_concepts

    out: dict[str, KnownConcept] = {}
    for path in paths:
        for c in iter_concepts(path):
            for form in c.fr_forms():
                out.setdefault(fold(form), KnownConcept(c.fr, c.en, c.status, f"{path}#{c.id}"))
    return out
