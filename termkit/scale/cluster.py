"""Parsing on a Dask distributed cluster (`--cluster ADDRESS` or ``$TERMKIT_CLUSTER``).

The driver (the `termkit` process) cuts the input into the same batches as one process,
sends the batches that are not in its parse cache to the cluster, and gets the sentences
back in order; each Dask worker loads the Stanza pipeline once and keeps it. Extraction,
equivalents and every count are then computed by the driver over all the sentences, so a
cluster run gives the same candidates and the same glossary as a one-process run, exactly.
Every worker needs termkit and the French models at the same path as the driver
(``--models``), e.g. on a shared file system.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

from termkit.errors import TermkitError

CONNECT_TIMEOUT_S = 10


def _parse_on_worker(models_path: str, texts: list[str]):
    from distributed import get_worker

    worker = get_worker()
    stanza = getattr(worker, "_termkit_stanza", None)
    if stanza is None or str(stanza.models.path) != models_path:
        import torch

        torch.set_num_threads(max(1, worker.state.nthreads))
        from termkit.nlp import LocalStanza, locate_models

        stanza = LocalStanza(locate_models(models_path))
        # distributed's Worker declares no such attribute: termkit adds one to keep the models loaded per worker
        cast(Any, worker)._termkit_stanza = stanza
    return stanza.run(texts)


class ClusterPool:
    """The :class:`~termkit.scale.WorkerPool` interface over a running Dask cluster."""

    def __init__(self, address: str, models_path: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise TermkitError("--cluster needs Dask distributed", "pip install 'termkit[cluster]'") from None
        try:
            self._client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise TermkitError(f"cannot reach the cluster at {address} ({type(exc).__name__})",
                               "start it (dask scheduler; dask worker ADDRESS) or check --cluster / "
                               "TERMKIT_CLUSTER") from None
        self.models_path = models_path
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))

    def map(self, batches: Iterable[list[str]], labels: Iterable[str] | None = None) -> Iterator:
        """Parse the batches on the cluster; results in order. A lost worker fails the run with one line."""
        batches = list(batches)
        labels = list(labels) if labels is not None else [f"batch {k + 1}" for k in range(len(batches))]
        futures = [self._client.submit(_parse_on_worker, self.models_path, b, pure=False) for b in batches]
        for future, label in zip(futures, labels):
            try:
                yield future.result()
            except Exception as exc:
                raise TermkitError(f"the cluster failed while parsing {label} ({type(exc).__name__}: {exc})",
                                   "check the workers (they need termkit and the models at the same path)") from None

    def close(self) -> None:
        """Disconnect (the cluster keeps running)."""
        self._client.close()
