"""Term extraction: collect name and term occurrences, group variants, score termhood, select.

The stages are modules of their own: :mod:`~termkit.extract.collect` ->
:mod:`~termkit.extract.group` -> :mod:`~termkit.extract.score` -> :mod:`~termkit.extract.select`;
this module runs them in order and keeps the public names importable from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from termkit.extract.collect import collect
from termkit.extract.features import FEATURE_VERSION, NER_TYPES, RANK_ONLY, RANKED_FEATURES
from termkit.extract.group import group_variants
from termkit.extract.model import Candidate
from termkit.extract.options import ExtractOptions
from termkit.extract.score import GeneralFrequency, score_candidates
from termkit.extract.select import kept_by_default, select
from termkit.nlp.doc import ParsedDocument, Sentence

__all__ = ["FEATURE_VERSION", "NER_TYPES", "RANKED_FEATURES", "RANK_ONLY", "ExtractOptions", "GeneralFrequency",
           "extract_from_stream", "extract_terms", "kept_by_default"]


def extract_terms(
    docs: Sequence[ParsedDocument],
    options: ExtractOptions | None = None,
    general: Callable[[str], float] | None = None,
) -> list[Candidate]:
    """Extract ranked term candidates (names and technical terms) from parsed French documents."""
    return extract_from_stream(docs, ((k, s) for k, d in enumerate(docs) for s in d.sentences), options, general)


def extract_from_stream(
    docs: Sequence,
    sentences: Iterable[tuple[int, Sentence]],
    options: ExtractOptions | None = None,
    general: Callable[[str], float] | None = None,
) -> list[Candidate]:
    """Extract ranked term candidates from ``(document index, sentence)`` pairs as they come
    (from :meth:`termkit.nlp.Parser.iter_sentences`); ``docs`` gives the document ids.

    Only what ranking needs is kept per occurrence (no parse trees), so memory grows with
    the number of term occurrences, not with the size of the parse.
    """
    opts = options or ExtractOptions()
    general = general or GeneralFrequency()
    groups, texts, containers, lemma_counts, n_words = collect(docs, sentences, opts, general)
    roots = group_variants(groups)
    candidates = score_candidates(roots, texts, containers, n_words, lemma_counts, general, opts)
    return select(candidates, opts)
