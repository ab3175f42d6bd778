"""Building and rebuilding a FR->EN glossary from French documents and their English versions."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from dataclasses import dataclass

from termkit.errors import InputError
from termkit.extract import ExtractOptions, extract_terms
from termkit.extract.model import Candidate
from termkit.glossary.equivalents import EquivalentFinder
from termkit.glossary.merge import MergeReport, merge
from termkit.glossary.model import Concept, Glossary, concept_id
from termkit.fsutil import locked
from termkit.nlp.doc import ParsedDocument
from termkit.sources import SourceDocument


@dataclass
class BuildOptions:
    """``top``: the N most probable candidates (None: those the ranker keeps, as
    ``termkit extract`` does); ``max_words``: longest term kept (content words); ``subject``:
    subject field written on new concepts; ``ranker``: as :class:`ExtractOptions`."""

    top: int | None = None
    max_words: int = 4
    subject: str = ""
    ranker: object = "default"


BuildReport = MergeReport  # what a build did: the merge report of its new concepts


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
    """Turn ranked candidates into candidate concepts with their English equivalent (or,
    when the finder abstains, no English and ranked suggestions), the confidence, and the
    aligned English of each French context (for the reviewer)."""
    kept = [c for c in candidates if not (c.type == "TERM" and c.words > options.max_words)]
    found = finder.find_all(kept) if finder else [None] * len(kept)
    out = []
    for cand, eq in zip(kept, found):
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
                evidence=eq.evidence if eq else "",
                contexts=[f"{c.doc}: {c.sentence}" for c in cand.contexts],
                en_contexts=[finder.english_of(c.sentence) for c in cand.contexts] if finder and finder.pairs else [],
                confidence=eq.confidence if eq else None,
                en_suggestions=[s.format() for s in eq.suggestions] if eq and not eq.en else [],
            )
        )
    return out


def build_glossary(
    fr_docs: Sequence[ParsedDocument],
    en_texts: Sequence[str] | None,
    existing: Glossary | None = None,
    options: BuildOptions | None = None,
) -> tuple[Glossary, BuildReport]:
    """Extract candidates from French documents, find English equivalents in the aligned
    English versions (if given), and merge them into ``existing`` as candidates."""
    opts = options or BuildOptions()
    candidates = extract_terms(fr_docs, ExtractOptions(top=opts.top, ranker=opts.ranker))
    finder = EquivalentFinder(aligned_pairs(fr_docs, en_texts)) if en_texts else EquivalentFinder([])
    return merge(existing or Glossary(), candidate_concepts(candidates, finder, opts))


def build_into(
    path: str | os.PathLike,
    fr_docs: Sequence[SourceDocument],
    en_docs: Sequence[SourceDocument],
    parser,
    options: BuildOptions | None = None,
    progress=None,
) -> tuple[int, MergeReport]:
    """Build a glossary from French documents (parsed with ``parser``, a
    :class:`~termkit.nlp.Parser`) and their English versions (paired by id or order) into
    the TSV glossary at ``path``, under its lock: existing rows stay byte for byte, new
    concepts are appended. Returns the number of concepts in the file and the report."""
    from termkit.glossary.formats.tsv import append_tsv, read_tsv, write_tsv

    order = pair_documents(fr_docs, en_docs) if en_docs else []
    parsed = parser.parse(fr_docs, progress=progress)
    en_texts = [en_docs[k].text for k in order] if en_docs else None
    with locked(path):
        exists = Path(path).exists()
        existing = read_tsv(path) if exists else Glossary(path=str(path))
        result, report = build_glossary(parsed, en_texts, existing, options)
        added = result.concepts[len(existing.concepts):]
        if exists:
            append_tsv(added, path)
        else:
            write_tsv(result.concepts, path)
    return len(result.concepts), report


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
