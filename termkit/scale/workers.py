"""A pool of processes, each holding one Stanza pipeline, parsing batches of texts in order."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator

from termkit.errors import TermkitError

_WORKER: dict = {}  # the pipeline of this worker process (set once by _init, in the worker only)


def default_workers() -> int:
    """The machine's cores (the CPUs this process may run on)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover (not Linux)
        return max(1, os.cpu_count() or 1)


def _die_with_parent() -> None:
    """Ask Linux to end this worker when its parent ends (killed, interrupted): no orphans."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown still ends it
        pass


def _init(models_path: str, use_gpu: bool, threads: int) -> None:
    _die_with_parent()
    import torch

    torch.set_num_threads(threads)
    from termkit.nlp import LocalStanza, locate_models

    _WORKER["stanza"] = LocalStanza(locate_models(models_path), use_gpu=use_gpu)


def _parse_batch(texts: list[str]):
    return _WORKER["stanza"].run(texts)


class WorkerPool:
    """``workers`` processes (spawned, so no Stanza or PyTorch state is shared), each with its
    own pipeline and ``cores // workers`` PyTorch threads so that they do not oversubscribe
    the cores. :meth:`map` keeps the order of its input."""

    def __init__(self, models_path: str, workers: int, use_gpu: bool = False) -> None:
        from concurrent.futures import ProcessPoolExecutor

        cores = default_workers()
        threads = max(1, cores // workers)
        self.workers = workers
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_init, initargs=(str(models_path), use_gpu, threads))

    def map(self, batches: Iterable[list[str]], labels: Iterable[str] | None = None) -> Iterator:
        """Parse each batch of texts in a worker; results come back in the batches' order.
        A worker that dies (killed, out of memory) fails the run with one line naming the
        documents of the batch it held; nothing partial is written by the callers."""
        from concurrent.futures.process import BrokenProcessPool

        batches = list(batches)
        labels = list(labels) if labels is not None else [f"batch {k + 1}" for k in range(len(batches))]
        futures = [self._pool.submit(_parse_batch, b) for b in batches]
        for future, label in zip(futures, labels):
            try:
                yield future.result()
            except BrokenProcessPool:
                raise TermkitError(f"a parse worker died while parsing {label}",
                                   "rerun (parses done so far are cached); check memory, or use fewer --workers") \
                    from None

    def close(self) -> None:
        """Stop the workers."""
        self._pool.shutdown(wait=False, cancel_futures=True)
