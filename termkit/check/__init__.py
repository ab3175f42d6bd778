"""Checks of translated articles: terminology, forbidden forms, names, consistency, numbers,
missing/untranslated segments, translate-toolkit checks, and sacrebleu scores.

    >>> from termkit.check import run_checks
    >>> report = run_checks(docs, concepts, parser)        # doctest: +SKIP
    >>> report.failing("error")
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from termkit.check.model import CheckReport, Finding, Score, Segment, severity_rank
from termkit.check.numbers import check_numbers
from termkit.check.segment_checks import check_segment
from termkit.check.segments import BilingualDocument, read_inputs
from termkit.check.terms import TermIndex, check_consistency, check_terms
from termkit.glossary.model import Concept


def run_checks(docs: Sequence[BilingualDocument], concepts: Iterable[Concept], parser,
               progress: Callable[..., None] | None = None, include_candidates: bool = False) -> CheckReport:
    """Run every check on the documents against the approved concepts of the glossaries.

    ``parser``: a :class:`termkit.nlp.Parser` for the French side (lemmas); its cache
    makes reruns fast. ``include_candidates``: also match concepts still under review;
    their findings are ``info`` at most, so only approved concepts can fail a build.
    """
    from termkit.sources import SourceDocument

    concepts = list(concepts)
    index = TermIndex(concepts, ("approved", "candidate") if include_candidates else ("approved",))
    unreviewed = {c.id for c in concepts if c.status == "candidate"} if include_candidates else set()
    parsed = parser.parse([SourceDocument(d.id, d.fr_text) for d in docs], progress=progress)
    report = CheckReport(documents=len(docs), target_files=sorted({d.target_path for d in docs}))
    used: dict = defaultdict(list)
    for doc, pdoc in zip(docs, parsed):
        tokens = [t for s in pdoc.sentences for t in s.tokens]
        starts = [t.start for t in tokens]
        for seg in doc.segments:
            report.segments += 1
            seg_tokens = tokens[bisect.bisect_left(starts, seg.src_start):bisect.bisect_left(starts, seg.src_end)]
            report.findings += check_segment(seg)
            report.findings += check_terms(index, seg, seg_tokens, used)
            report.findings += check_numbers(seg)
    report.findings += check_consistency(index, used)
    report.findings = one_per_problem(report.findings)
    segments = {(d.id, s.id): s for d in docs for s in d.segments}
    for f in report.findings:
        found = segments.get((f.doc, f.segment))
        if found is not None:
            f.source_text, f.target_text = found.src, found.tgt
    for f in report.findings:
        if f.concept in unreviewed:
            f.severity = "info"
            f.message = "(unreviewed glossary entry) " + f.message
    return report


def one_per_problem(findings: list[Finding]) -> list[Finding]:
    """One finding per problem: a misspelling that the glossary lists as a forbidden form is
    reported once, as `forbidden`, not also as a misspelt `name`."""
    forbidden = {(f.doc, f.segment, f.target_span.casefold()) for f in findings if f.check == "forbidden"}
    return [f for f in findings if not (f.check == "name" and (f.doc, f.segment, f.target_span.casefold()) in forbidden)]


def score_against(docs: Sequence[BilingualDocument], references: Sequence[str]) -> list[Score]:
    """sacrebleu scores of the translations against reference files (one per target file, in order).

    SGML references pair by docid and seg id; plain-text ones score each document as one segment.
    """
    from termkit.check.scores import corpus_scores
    from termkit.errors import InputError
    from termkit.sources import read_documents

    targets = list(dict.fromkeys(d.target_path for d in docs))
    if len(references) != len(targets):
        raise InputError(references[0] if references else "--reference",
                         f"{len(references)} reference file(s) for {len(targets)} translation file(s)",
                         "give one --reference per translation file, in the same order")
    hyps, refs = [], []
    for target, ref_path in zip(targets, references):
        ref_docs = {d.id.removesuffix(".en"): d for d in read_documents(ref_path)}
        for doc in (d for d in docs if d.target_path == target):
            ref = ref_docs.get(doc.id) or (next(iter(ref_docs.values())) if len(ref_docs) == 1 else None)
            if ref is None:
                raise InputError(ref_path, f"has no document {doc.id!r}", "give the reference with the same docids")
            ref_segs = {s.id: ref.text[s.start:s.end] for s in ref.segments}
            if ref_segs and all(s.id in ref_segs for s in doc.segments):
                hyps += [s.tgt for s in doc.segments]
                refs += [ref_segs[s.id] for s in doc.segments]
            else:
                hyps.append(" ".join(s.tgt for s in doc.segments if s.tgt))
                refs.append(" ".join(ref.text.split()))
    return corpus_scores(hyps, refs)


__all__ = ["BilingualDocument", "CheckReport", "Finding", "Score", "Segment", "read_inputs", "run_checks",
           "score_against", "severity_rank"]
