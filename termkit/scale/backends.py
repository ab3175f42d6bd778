"""The Stanza backends of :mod:`termkit.scale`: a pool of worker processes and a Dask cluster,
behind :class:`termkit.nlp.backend.StanzaBackend` (so :class:`termkit.nlp.Parser` never
needs to know where Stanza runs)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from termkit.nlp.backend import LocalStanza, StanzaBackend
from termkit.nlp.doc import Sentence
from termkit.nlp.models import ModelsLocation


class WorkerBackend(StanzaBackend):
    """Up to ``workers`` processes (:class:`~termkit.scale.WorkerPool`), started for a run with
    more than one batch to parse; a single batch, or one worker, is parsed in this process."""

    def __init__(self, models: ModelsLocation, workers: int, use_gpu: bool = False) -> None:
        self.models = models
        self.workers = max(1, workers)
        self.use_gpu = use_gpu
        self.local = LocalStanza(models, use_gpu)

    def run(self, texts: list[str]) -> list[list[Sentence]]:
        return self.local.run(texts)

    def map(self, batches: Sequence[list[str]], labels: Sequence[str]) -> Iterator[list[list[Sentence]]]:
        workers = min(self.workers, len(batches))
        if workers <= 1:
            return self.local.map(batches, labels)
        return self._pooled(batches, labels, workers)

    def _pooled(self, batches: Sequence[list[str]], labels: Sequence[str],
                workers: int) -> Iterator[list[list[Sentence]]]:
        from termkit.scale.workers import WorkerPool

        pool = WorkerPool(str(self.models.path), workers, self.use_gpu)
        try:
            yield from pool.map(batches, labels)
        finally:
            pool.close()


class ClusterBackend(StanzaBackend):
    """A running Dask cluster (:class:`~termkit.scale.cluster.ClusterPool`), connected to for each
    run that has batches to parse."""

    def __init__(self, models: ModelsLocation, address: str, use_gpu: bool = False) -> None:
        self.models = models
        self.address = address
        self.local = LocalStanza(models, use_gpu)

    def run(self, texts: list[str]) -> list[list[Sentence]]:
        return self.local.run(texts)

    def map(self, batches: Sequence[list[str]], labels: Sequence[str]) -> Iterator[list[list[Sentence]]]:
        from termkit.scale.cluster import ClusterPool

        pool = ClusterPool(self.address, str(self.models.path.resolve()))
        try:
            yield from pool.map(batches, labels)
        finally:
            pool.close()


def stanza_backend(models: ModelsLocation, workers: int = 1, cluster: str | None = None,
                   use_gpu: bool = False) -> StanzaBackend:
    """The backend for ``--workers N`` / ``--cluster ADDRESS``: a cluster when given, else a
    pool of ``workers`` processes (one worker: this process)."""
    if cluster:
        return ClusterBackend(models, cluster, use_gpu)
    if workers <= 1:
        return LocalStanza(models, use_gpu)
    return WorkerBackend(models, workers, use_gpu)
