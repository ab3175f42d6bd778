"""The French parser: one Stanza pipeline (tokenize, mwt, pos, lemma, ner), batched and cached."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from termkit.nlp.cache import ParseCache
from termkit.nlp.doc import Entity, ParsedDocument, Sentence, Token, Word
from termkit.nlp.models import (
    LANG,
    PROCESSORS,
    ModelsLocation,
    fingerprint,
    resolve_models,
)
from termkit.sources import SourceDocument

# Documents are sent to Stanza in bulk, in chunks of about this many characters:
# big enough for Stanza to fill its batches, small enough for a progress bar to move.
CHUNK_CHARS = 40_000


class Parser:
    """Parses French documents with Stanza, reusing cached parses.

    The Stanza pipeline is built on first use only, so a run whose documents
    are all in the cache never imports Stanza or PyTorch.

    >>> parser = Parser.from_options(models="../shared/models/stanza_resources")  # doctest: +SKIP
    >>> doc = parser.parse_text("Les terres rares du Kazakhstan.")  # doctest: +SKIP
    """

    def __init__(self, models: ModelsLocation, cache_dir: str | os.PathLike | None = None, use_gpu: bool = False) -> None:
        self.models = models
        self.use_gpu = use_gpu
        self._fingerprint: str | None = None
        self._cache_dir = cache_dir
        self._cache: ParseCache | None = None
        self._pipeline = None
        self.stanza_calls = 0  # number of bulk calls made to Stanza (for tests and benchmarks)

    @classmethod
    def from_options(
        cls, models: str | os.PathLike | None = None, cache_dir: str | os.PathLike | None = None, use_gpu: bool = False
    ) -> Parser:
        """Build a parser from a models option (resolved as documented) and a cache dir (None: no cache)."""
        return cls(resolve_models(models), cache_dir=cache_dir, use_gpu=use_gpu)

    @property
    def fingerprint(self) -> str:
        """Fingerprint of the models (computed once)."""
        if self._fingerprint is None:
            self._fingerprint = fingerprint(self.models.path)
        return self._fingerprint

    @property
    def cache(self) -> ParseCache | None:
        """The parse cache, or None when caching is off."""
        if self._cache is None and self._cache_dir is not None:
            self._cache = ParseCache(self._cache_dir, self.fingerprint)
        return self._cache

    def pipeline(self):
        """The Stanza pipeline, built on first call."""
        if self._pipeline is None:
            import logging

            import stanza

            self._pipeline = stanza.Pipeline(
                LANG,
                dir=str(self.models.path),
                processors=",".join(PROCESSORS),
                download_method=None,
                use_gpu=self.use_gpu,
                logging_level="WARN",
            )
            logging.getLogger("stanza").setLevel(logging.WARNING)
        return self._pipeline

    def parse(
        self, docs: Sequence[SourceDocument], progress: Callable[[int], None] | None = None
    ) -> list[ParsedDocument]:
        """Parse documents, in order. ``progress(n)`` is called as n more documents are done."""
        results: list[list[Sentence] | None] = [None] * len(docs)
        todo: list[int] = []
        cache = self.cache
        for i, doc in enumerate(docs):
            cached = cache.get(doc.text) if cache else None
            if cached is None:
                todo.append(i)
            else:
                results[i] = cached
        if progress and len(todo) < len(docs):
            progress(len(docs) - len(todo))
        for chunk in _chunks(todo, [len(docs[i].text) for i in todo]):
            parsed = self._run_stanza([docs[i].text for i in chunk])
            for i, sentences in zip(chunk, parsed):
                results[i] = sentences
                if cache:
                    cache.put(docs[i].text, sentences)
            if progress:
                progress(len(chunk))
        out = []
        for doc, sentences in zip(docs, results):
            assert sentences is not None
            if doc.segments:
                for s in sentences:
                    seg = doc.segment_at(s.start)
                    s.segment = seg.id if seg else None
            out.append(ParsedDocument(doc.id, doc.text, sentences, doc.source))
        return out

    def parse_text(self, text: str, doc_id: str = "text") -> ParsedDocument:
        """Parse one string."""
        return self.parse([SourceDocument(doc_id, text)])[0]

    def _run_stanza(self, texts: list[str]) -> list[list[Sentence]]:
        from stanza import Document

        nlp = self.pipeline()
        self.stanza_calls += 1
        docs = nlp.bulk_process([Document([], text=t) for t in texts])
        return [convert_stanza(d) for d in docs]


def _chunks(indices: list[int], sizes: list[int]) -> list[list[int]]:
    chunks: list[list[int]] = []
    current: list[int] = []
    total = 0
    for i, size in zip(indices, sizes):
        if current and total + size > CHUNK_CHARS:
            chunks.append(current)
            current, total = [], 0
        current.append(i)
        total += size
    if current:
        chunks.append(current)
    return chunks


def convert_stanza(doc) -> list[Sentence]:
    """Turn a processed ``stanza.Document`` into termkit :class:`Sentence` objects."""
    sentences = []
    for n, s in enumerate(doc.sentences, start=1):
        tokens = []
        for t in s.tokens:
            ner = t.ner or "O"
            words = [
                Word(w.id, w.text, w.lemma if w.lemma is not None else w.text, w.upos, w.xpos, w.feats,
                     t.start_char, t.end_char, ner)
                for w in t.words
            ]
            tokens.append(Token(t.text, t.start_char, t.end_char, ner, words))
        start, end = tokens[0].start, tokens[-1].end
        entities = [Entity(e.text, e.type, e.start_char, e.end_char) for e in s.ents]
        sentences.append(Sentence(n, doc.text[start:end], start, end, tokens, entities))
    return sentences
