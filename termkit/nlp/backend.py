"""Where Stanza runs: the interface the parser sends batches of texts through, and the
in-process implementation.

:class:`~termkit.nlp.Parser` cuts its input into batches, keeps the cache, and hands the
uncached batches to a :class:`StanzaBackend`, which returns their sentences in order.
:class:`LocalStanza` runs one pipeline in this process; :mod:`termkit.scale` provides pools
of worker processes and a Dask cluster behind the same interface, built on :class:`LocalStanza`
(this package never imports :mod:`termkit.scale`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from termkit.nlp.doc import Entity, Sentence, Token, Word
from termkit.nlp.models import LANG, PROCESSORS, ModelsLocation

if TYPE_CHECKING:  # annotations only: the module is imported lazily where it runs
    import stanza


class StanzaBackend:
    """Runs Stanza over batches of texts.

    ``run(texts)`` parses one batch here and now; ``map(batches, labels)`` parses many and
    yields their results in the batches' order (``labels`` name each batch's documents in
    error messages). A subclass must give ``run``; the default ``map`` runs the batches one
    after the other, and ``close`` releases whatever the backend started.
    """

    def run(self, texts: list[str]) -> list[list[Sentence]]:
        """The sentences of each text, in order."""
        raise NotImplementedError

    def map(self, batches: Sequence[list[str]], labels: Sequence[str]) -> Iterator[list[list[Sentence]]]:
        """Parse each batch; results in the batches' order."""
        return (self.run(b) for b in batches)

    def close(self) -> None:
        """Release workers or connections (nothing for an in-process backend)."""


class LocalStanza(StanzaBackend):
    """One Stanza pipeline in this process, built on first use (a run whose documents are all
    cached never imports Stanza or PyTorch)."""

    def __init__(self, models: ModelsLocation, use_gpu: bool = False) -> None:
        self.models = models
        self.use_gpu = use_gpu
        self._pipeline: stanza.Pipeline | None = None

    @property
    def loaded(self) -> bool:
        """Whether the pipeline has been built."""
        return self._pipeline is not None

    def pipeline(self) -> stanza.Pipeline:
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

    def run(self, texts: list[str]) -> list[list[Sentence]]:
        from stanza import Document

        docs = self.pipeline().bulk_process([Document([], text=t) for t in texts])
        return [convert_stanza(d) for d in docs]


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
