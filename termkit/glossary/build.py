"""Building and rebuilding a FR->EN glossary from French documents and their English versions."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from termkit.errors import InputError
from termkit.extract import ExtractOptions, extract_terms
from termkit.extract.model import Candidate
from termkit.fsutil import locked
from termkit.glossary.equivalents import EquivalentFinder
from termkit.glossary.equivalents.confidence import read_model
from termkit.glossary.french_only import english_from_french
from termkit.glossary.merge import MergeReport, merge
from termkit.glossary.model import Concept, Glossary, concept_id
from termkit.glossary.termbase import KnownConcept, apply_references, known_concepts, match_references
from termkit.nlp.doc import ParsedDocument
from termkit.sources import SourceDocument
from termkit.textnorm import fold


@dataclass
class BuildOptions:
    """``top``: the N most probable candidates (None: those the ranker keeps, as
    ``termkit extract`` does); ``max_words``: longest term kept (content words); ``subject``:
    subject field written on new concepts; ``ranker``: as :class:`ExtractOptions`;
    ``other_glossaries``: glossary files (any format termkit reads) whose concepts are not
    proposed again, reported as known with their English (see :func:`project_glossaries`);
    ``references``: termbases whose English a candidate found there takes, with evidence naming
    the termbase and entry (:mod:`termkit.glossary.termbase`); ``equivalents_model``: the
    confidence model of the English (a file from ``termkit equivalents train``; None: the shipped one)."""

    top: int | None = None
    max_words: int = 4
    subject: str = ""
    ranker: object = "default"
    other_glossaries: Sequence[str] = ()
    references: Sequence[str] = ()  # reference termbases (TBX, TSV, CSV): their English is evidence
    profile: str = "news"
    equivalents_model: str | None = None  # a confidence model file (None: the shipped one)


BuildReport = MergeReport  # what a build did: the merge report of its new concepts


def aligned_pairs(fr_docs: Sequence[ParsedDocument], en_texts: Sequence[str]) -> list[tuple[str, str]]:
    """Sentence-align each French document with its English text; returns (fr, en) link
    texts, after the checks of :func:`checked_pairs`."""
    per_doc, _ = checked_pairs(fr_docs, en_texts)
    return [p for doc_pairs in per_doc for p in doc_pairs]


def candidate_concepts(
    candidates: Sequence[Candidate], finder: EquivalentFinder | None, options: BuildOptions
) -> list[Concept]:
    """Turn ranked candidates into candidate concepts with their English equivalent (or,
    when the finder abstains, no English and ranked suggestions), the confidence, and the
    aligned English of each French context (for the reviewer)."""
    kept = [c for c in candidates if not (c.type == "TERM" and c.words > options.max_words)]
    found = finder.find_all(kept) if finder else [None] * len(kept)
    if not (finder and finder.pairs):  # the French alone: names from references, their script and their words
        found = [english_from_french(c) or eq for c, eq in zip(kept, found)]
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
    # kept for review at the model's review threshold (recall first), best first
    candidates = extract_terms(fr_docs, ExtractOptions(top=opts.top, ranker=opts.ranker, profile=opts.profile,
                                                       review=True))
    known = known_concepts(opts.other_glossaries)
    fresh: list[Candidate] = []
    elsewhere: list[KnownConcept] = []
    for c in candidates:
        hit = next((known[fold(f)] for f in c.forms if fold(f) in known), None)
        if hit is None:
            fresh.append(c)
        else:
            elsewhere.append(hit)
    pairs: list[tuple[str, str]] = []
    warnings: list[str] = []
    if en_texts:
        per_doc, warnings = checked_pairs(fr_docs, en_texts)
        pairs = [p for doc_pairs in per_doc for p in doc_pairs]
    model = read_model(opts.equivalents_model) if opts.equivalents_model else None
    concepts = candidate_concepts(fresh, EquivalentFinder(pairs, model=model), opts)
    found, conflicts = match_references(opts.references, [f for c in fresh for f in c.forms])
    from_references = apply_references(concepts, found, conflicts)
    glossary, report = merge(existing or Glossary(), concepts)
    report.elsewhere = len(elsewhere)
    report.known_elsewhere = [k.__dict__ for k in elsewhere]
    report.reference_conflicts = [c.__dict__ for c in conflicts]
    report.from_references = from_references
    report.warnings = warnings
    return glossary, report


def project_glossaries(output: str | os.PathLike, extra: Sequence[str] = ()) -> list[str]:
    """The glossaries a build into ``output`` must not duplicate: every TSV glossary under
    ``./glossaries`` and in ``output``'s own folder (``output`` itself excluded), plus ``extra``."""
    out = Path(output).resolve()
    found: dict[Path, None] = {}
    for folder in (Path("glossaries"), out.parent):
        if folder.is_dir():
            for p in sorted(folder.rglob("*.tsv")):
                if p.resolve() != out:
                    found[p.resolve()] = None
    return [str(p) for p in found] + [str(e) for e in extra if Path(e).resolve() != out]


# How French an English text may look: French function words per English one. English news
# has almost none (des, les and une are not English words); a French text has several per one.
_FR_WORDS = {"le", "la", "les", "des", "du", "une", "et", "est", "dans", "pour", "que", "qui", "sur", "pas", "au",
             "aux", "avec", "par", "sont", "ont", "cette", "mais", "ou", "il", "elle", "nous", "vous"}
_EN_WORDS = {"the", "of", "and", "to", "in", "is", "that", "for", "with", "on", "was", "are", "by", "as", "it",
             "this", "from", "be", "has", "have", "were", "which", "at", "an", "their", "they", "he", "she"}


def _function_words(text: str) -> tuple[int, int]:
    words = re.findall(r"[a-zà-ÿ]+", text.lower()[:20000])
    return sum(w in _FR_WORDS for w in words), sum(w in _EN_WORDS for w in words)


def looks_french(text: str) -> bool:
    """Whether a text is French rather than English, by its commonest function words."""
    fr, en = _function_words(text)
    return fr > 2 * en and fr >= 5


def looks_english(text: str) -> bool:
    """Whether a text is English rather than French, by its commonest function words."""
    fr, en = _function_words(text)
    return en > 2 * fr and en >= 5


# A French article and an unrelated English text still get sentence links, but costly ones.
# Over the 88 WMT dev-half articles (python bench/equiv_eval.py prints this), the mean link
# cost of each article with its own English is -2.8 to 1.9; with another article's English
# (shifted by 7), 73 of the 80 pairs with 3 links or more are above 2.5, and none of the true ones.
UNRELATED_LINK_COST = 2.5


def check_languages(doc_id: str, fr_text: str, en_text: str) -> None:
    """An :class:`~termkit.errors.InputError` when the English side of a document is French
    or its French side is English (``--fr`` and ``--en`` swapped)."""
    if looks_french(en_text):
        raise InputError(doc_id, "its English version is in French",
                         "check that --fr and --en are not swapped, and that --en names the English files")
    if len(fr_text) > 200 and not looks_french(fr_text) and looks_english(fr_text):
        raise InputError(doc_id, "the French document is in English", "check that --fr and --en are not swapped")


def checked_pairs(fr_docs: Sequence[ParsedDocument],
                  en_texts: Sequence[str]) -> tuple[list[list[tuple[str, str]]], list[str]]:
    """The aligned sentence pairs of each document, after two checks: an "English" side
    that is French (--fr and --en swapped, or the French given twice) is an
    :class:`~termkit.errors.InputError`; an English text unrelated to its French (mean
    sentence-link cost above :data:`UNRELATED_LINK_COST`) gives a warning naming the pair
    and no pairs, so that nothing is learnt from it. Returns the pairs and the warnings."""
    from termkit.align import align_texts

    out, warnings = [], []
    for doc, en in zip(fr_docs, en_texts):
        check_languages(doc.id, doc.text, en)
        fr_units, en_units, links = align_texts(doc.text, en)
        pairs = [(" ".join(fr_units[i].text for i in link.src), " ".join(en_units[j].text for j in link.tgt))
                 for link in links if link.src and link.tgt]
        costs = [link.cost for link in links if link.src and link.tgt]
        if costs and sum(costs) / len(costs) > UNRELATED_LINK_COST and len(costs) >= 3:
            warnings.append(f"{doc.id}: the English text does not look like a translation of the French "
                            f"(mean sentence-link cost {sum(costs) / len(costs):.1f}, usually under "
                            f"{UNRELATED_LINK_COST}); no equivalents are learnt from this pair")
            pairs = []
        out.append(pairs)
    return out, warnings


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
    for doc, k in zip(fr_docs, order):
        check_languages(doc.id, doc.text, en_docs[k].text)  # before the parse: a swap fails fast
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
