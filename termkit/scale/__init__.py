"""Running Stanza on every core: a pool of worker processes, each with its own pipeline.

Both are :class:`termkit.nlp.StanzaBackend` s (:mod:`termkit.scale.backends`), built on
nlp's public API only: nlp never imports this package.

The parser (:class:`termkit.nlp.Parser`) cuts its input into the same batches whatever the
number of workers and sends uncached batches to the pool in order, so that the output is
the same, byte for byte, with one worker or many; the parse cache is read and written by the
main process only (atomic writes, so concurrent runs share it safely).
"""

from termkit.scale.backends import ClusterBackend, WorkerBackend, stanza_backend
from termkit.scale.workers import WorkerPool, default_workers

__all__ = ["ClusterBackend", "WorkerBackend", "WorkerPool", "default_workers", "stanza_backend"]
