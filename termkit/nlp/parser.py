"""The French parser: one Stanza pipeline (tokenize, mwt, pos, lemma, ner), batched and cached."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from termkit.nlp.backend import LocalStanza, StanzaBackend
from termkit.nlp.cache import ParseCache
from termkit.nlp.doc import Entity, ParsedDocument, Sentence, Token, Word
from termkit.nlp.models import ModelsLocation, fingerprint, resolve_models
from termkit.sources import SourceDocument
from termkit.textnorm import cut_text

if TYPE_CHECKING:  # annotations only: the module is imported lazily where it runs
    import stanza

# Documents are sent to Stanza in bulk, in chunks of about this many characters:
# big enough for Stanza to fill its batches, small enough for a progress bar to move.
CHUNK_CHARS = 12_000
# A longer document (or line) is cut into pieces of at most this many characters before
# Stanza sees it, so that memory stays bounded whatever the input (a news article is shorter).
PIECE_CHARS = 20_000

Progress = Callable[[int, int, int], None]  # progress(chars, words, documents) as work is done


class Parser:
    """Parses French documents with Stanza, reusing cached parses.

    Stanza runs in a :class:`~termkit.nlp.backend.StanzaBackend`: by default one pipeline in
    this process (:class:`~termkit.nlp.backend.LocalStanza`), built on first use only, so a
    run whose documents are all in the cache never imports Stanza or PyTorch; pools of
    worker processes and Dask clusters are backends too (:mod:`termkit.scale`).

    >>> parser = Parser.from_options(models="../shared/models/stanza_resources")  # doctest: +SKIP
    >>> doc = parser.parse_text("Les terres rares du Kazakhstan.")  # doctest: +SKIP
    """

    def __init__(self, models: ModelsLocation, cache_dir: str | os.PathLike | None = None, use_gpu: bool = False,
                 backend: StanzaBackend | None = None) -> None:
        self.models = models
        self.use_gpu = use_gpu
        self.backend: StanzaBackend = backend if backend is not None else LocalStanza(models, use_gpu)
        self._fingerprint: str | None = None
        self._cache_dir = Path(cache_dir).expanduser() if cache_dir is not None else None
        self._cache: ParseCache | None = None
        self.stanza_calls = 0  # number of bulk calls made to Stanza (for tests and benchmarks)

    @classmethod
    def from_options(
        cls, models: str | os.PathLike | None = None, cache_dir: str | os.PathLike | None = None, use_gpu: bool = False,
        backend: Callable[[ModelsLocation], StanzaBackend] | None = None,
    ) -> Parser:
        """Build a parser from a models option (resolved as documented), a cache dir (None: no
        cache), the GPU switch (exit 2 when PyTorch sees no CUDA) and, optionally, a function
        that makes the Stanza backend for the resolved models (default: in this process)."""
        if use_gpu:
            check_gpu()
        location = resolve_models(models)
        return cls(location, cache_dir=cache_dir, use_gpu=use_gpu,
                   backend=backend(location) if backend is not None else None)

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

    def pipeline(self) -> stanza.Pipeline:
        """The Stanza pipeline of an in-process backend, built on first call (to load it ahead)."""
        if not isinstance(self.backend, LocalStanza):
            raise TypeError(f"{type(self.backend).__name__} runs Stanza elsewhere: no pipeline here")
        return self.backend.pipeline()

    def parse(self, docs: Sequence[SourceDocument], progress: Progress | None = None) -> list[ParsedDocument]:
        """Parse documents, in order. ``progress(chars, words, docs)`` is called as work is done."""
        sentences: list[list[Sentence]] = [[] for _ in docs]
        for k, sentence in self.iter_sentences(docs, progress):
            sentences[k].append(sentence)
        return [ParsedDocument(doc.id, doc.text, sents, doc.source) for doc, sents in zip(docs, sentences)]

    def iter_sentences(self, docs: Sequence[SourceDocument],
                       progress: Progress | None = None) -> Iterator[tuple[int, Sentence]]:
        """Parse documents and yield ``(document index, sentence)`` in order, streaming.

        Memory stays bounded whatever the size of a document or of a line: a document
        longer than :data:`PIECE_CHARS` is cut into pieces at paragraph, line, sentence or
        whitespace boundaries before Stanza sees it, pieces go to Stanza in chunks of about
        :data:`CHUNK_CHARS`, and each piece is cached on its own. Offsets and sentence ids
        refer to the whole document.
        """
        cache = self.cache
        pieces = [(k, a, b) for k, doc in enumerate(docs) for a, b in cut_text(doc.text, PIECE_CHARS)]
        batches = _chunks(pieces, [b - a for _, a, b in pieces])
        # which pieces need Stanza (a file check, nothing loaded: memory stays bounded)
        todo = [[n for n, (k, a, b) in enumerate(batch) if not (cache and cache.has(docs[k].text[a:b]))]
                for batch in batches]
        parsed_batches = self._parse_batches(
            [[docs[batch[n][0]].text[batch[n][1]:batch[n][2]] for n in ns] for batch, ns in zip(batches, todo) if ns],
            [", ".join(dict.fromkeys(docs[batch[n][0]].id for n in ns)) for batch, ns in zip(batches, todo) if ns])
        next_id = [1] * len(docs)
        done_docs = 0
        for batch, ns in zip(batches, todo):
            texts = [docs[k].text[a:b] for k, a, b in batch]
            fresh = dict(zip(ns, next(parsed_batches))) if ns else {}
            parsed: list[list[Sentence] | None] = []
            for n, text in enumerate(texts):
                sents = fresh.get(n)
                if sents is not None:
                    if cache:
                        cache.put(text, sents)
                else:
                    sents = cache.get(text) if cache else None
                    if sents is None:  # the entry vanished or broke since it was checked
                        sents = self._run([text])[0]
                parsed.append(sents)
            for (k, a, b), sents in zip(batch, parsed):
                doc = docs[k]
                words = 0
                for s in sents or []:
                    s = shift_sentence(s, a, next_id[k]) if a or next_id[k] != s.id else s
                    next_id[k] += 1
                    if doc.segments:
                        seg = doc.segment_at(s.start)
                        s.segment = seg.id if seg else None
                    words += sum(len(t.words) for t in s.tokens)
                    yield k, s
                finished = b == len(doc.text)
                done_docs += finished
                if progress:
                    progress(b - a, words, int(finished))

    def _parse_batches(self, batches: list[list[str]], labels: list[str]) -> Iterator[list[list[Sentence]]]:
        """Parse batches of texts in order through the backend (the same batches whatever the
        backend, so the output does not depend on where Stanza runs)."""
        if not batches:
            return iter(())

        def run() -> Iterator[list[list[Sentence]]]:
            for result in self.backend.map(batches, labels):
                self.stanza_calls += 1
                yield result

        return run()

    def parse_text(self, text: str, doc_id: str = "text") -> ParsedDocument:
        """Parse one string."""
        return self.parse([SourceDocument(doc_id, text)])[0]

    def _run(self, texts: list[str]) -> list[list[Sentence]]:
        self.stanza_calls += 1
        return self.backend.run(texts)


def check_gpu() -> None:
    """Raise a one-line error unless PyTorch sees a CUDA device."""
    import torch

    if not torch.cuda.is_available():
        from termkit.errors import TermkitError

        raise TermkitError("--gpu: PyTorch sees no CUDA device here",
                           "run without --gpu, or install a CUDA build of PyTorch on a machine with an NVIDIA GPU")


def shift_sentence(s: Sentence, offset: int, sent_id: int) -> Sentence:
    """A copy of a sentence parsed from a piece, moved to the piece's place in its document."""
    tokens = [Token(t.text, t.start + offset, t.end + offset, t.ner,
                    [Word(w.id, w.text, w.lemma, w.upos, w.xpos, w.feats, w.start + offset, w.end + offset, w.ner)
                     for w in t.words]) for t in s.tokens]
    entities = [Entity(e.text, e.type, e.start + offset, e.end + offset) for e in s.entities]
    return Sentence(sent_id, s.text, s.start + offset, s.end + offset, tokens, entities, s.segment)


def _chunks(items: list, sizes: list[int]) -> list[list]:
    chunks: list[list] = []
    current: list = []
    total = 0
    for item, size in zip(items, sizes):
        if current and total + size > CHUNK_CHARS:
            chunks.append(current)
            current, total = [], 0
        current.append(item)
        total += size
    if current:
        chunks.append(current)
    return chunks
