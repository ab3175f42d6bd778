"""Building and rebuilding a FR->EN glossary from French documents and their English versions."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from termkit.errors import InputError
from termkit.extract import ExtractOptions, extract_terms
from termkit.extract.model import Candidate
from termkit.glossary.equivalents import EquivalentFinder
from termkit.glossary.model import Concept, Glossary, concept_id
from termkit.nlp.doc import ParsedDocument
from termkit.textnorm import fold


@dataclass
class BuildOptions:
    """``top``: candidates considered; ``max_words``: longest term kept (content words);
    ``subject``: subject field written on new concepts."""

    top: int = 150
    max_words: int = 4
    subject: str = ""


@dataclass
class BuildReport:
    """What a build did: concepts kept from the existing file, added, and skipped as known."""

    kept: int = 0
    added: int = 0
    known: int = 0
    with_english: int = 0
    added_ids: list[str] = field(default_factory=list)


def aligned_pairs(fr_docs: Sequence[ParsedDocument], en_texts: Sequence[str]) -> list[tuple[str, str]]:
    """Sentence-align each French document with its English text; returns (fr, en) link texts."""
    from termkit.align import align_texts

    pairs = []
    for doc, en in zip(fr_docs, en_texts):
        fr_units, en_units, links = align_texts(doc.text, en)
        for link in links:
            if link.src and link.tgt:
                pairs.append((" ".join(fr_units[i].text for i in link.src), " ".join(en_units[j].text for j in link.tgt)))
    return pairs


def candidate_concepts(
    candidates: Sequence[Candidate], finder: EquivalentFinder | None, options: BuildOptions
) -> list[Concept]:
    """Turn ranked candidates into candidate concepts with their best English equivalent."""
    out = []
    for cand in candidates[: options.top]:
        if cand.type == "TERM" and cand.words > options.max_words:
            continue
        eq = finder.find(cand) if finder else None
        out.append(
            Concept(
                id=concept_id(cand.canonical),
                fr=cand.canonical,
                fr_variants=[v.form for v in cand.variants[1:]],
                en=eq.en if eq else "",
                en_variants=eq.variants if eq else [],
                type=cand.type,
                pos=cand.pos,
                subject=options.subject,
                status="candidate",
                evidence=f"{eq.method} ({eq.confidence:.2f}): {eq.evidence}" if eq else "",
                contexts=[f"{c.doc}: {c.sentence}" for c in cand.contexts],
            )
        )
    return out


def merge(existing: Glossary, new: Sequence[Concept]) -> tuple[Glossary, BuildReport]:
    """Add new concepts to an existing glossary without touching any existing row.

    A new concept is skipped when one of its French forms already belongs to an
    existing concept (whatever its status): reviewed rows and manual edits stay as they are.
    """
    report = BuildReport(kept=len(existing.concepts))
    known = {fold(f) for c in existing.concepts for f in c.fr_forms()}
    ids = {c.id for c in existing.concepts}
    merged = list(existing.concepts)
    for concept in new:
        forms = {fold(f) for f in concept.fr_forms()}
        if forms & known:
            report.known += 1
            continue
        base, n = concept.id, 2
        while concept.id in ids:
            concept.id = f"{base}-{n}"
            n += 1
        ids.add(concept.id)
        known |= forms
        merged.append(concept)
        report.added += 1
        report.added_ids.append(concept.id)
        report.with_english += bool(concept.en)
    return Glossary(merged, existing.path), report


def build_glossary(
    fr_docs: Sequence[ParsedDocument],
    en_texts: Sequence[str] | None,
    existing: Glossary | None = None,
    options: BuildOptions | None = None,
) -> tuple[Glossary, BuildReport]:
    """Extract candidates from French documents, find English equivalents in the aligned
    English versions (if given), and merge them into ``existing`` as candidates."""
    opts = options or BuildOptions()
    candidates = extract_terms(fr_docs, ExtractOptions())
    finder = EquivalentFinder(aligned_pairs(fr_docs, en_texts)) if en_texts else EquivalentFinder([])
    return merge(existing or Glossary(), candidate_concepts(candidates, finder, opts))


@contextlib.contextmanager
def locked(path: str | os.PathLike) -> Iterator[None]:
    """Hold an exclusive lock on ``PATH.lock`` so that concurrent builds do not lose rows."""
    lock = Path(str(path) + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def pair_documents(fr_docs: Sequence, en_docs: Sequence) -> list[int]:
    """For each French document, the index of its English version: by id, else by position."""
    en_ids = {d.id.removesuffix(".en"): k for k, d in enumerate(en_docs)}
    by_id = [en_ids.get(d.id.removesuffix(".fr")) for d in fr_docs]
    if all(k is not None for k in by_id):
        return by_id  # type: ignore[return-value]
    if len(fr_docs) != len(en_docs):
        raise InputError("--en", f"{len(en_docs)} English document(s) for {len(fr_docs)} French one(s)",
                         "give one English file per French file, in the same order (or SGML with the same docids)")
    return list(range(len(fr_docs)))
