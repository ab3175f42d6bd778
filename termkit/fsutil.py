"""File-system helpers: atomic writes (no half-written file is ever left behind) and
glossary locks that leave nothing behind."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from termkit.errors import TermkitError


def _unwritable(target: Path, exc: OSError) -> TermkitError:
    reason = exc.strerror or type(exc).__name__
    blocker = next((p for p in target.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        reason = f"{blocker} is a file, not a folder"
    return TermkitError(f"cannot write {target}: {reason.lower()}",
                        "choose a writable location with -o, or fix the folder's permissions")


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    If the block raises (or the process is interrupted), the temporary file is
    removed and any previous ``path`` is left untouched. A target that cannot be
    written (read-only folder, missing permission, full disk) raises a
    :class:`TermkitError` naming the target, not the temporary file.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _unwritable(target, exc) from None
    try:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, (BrokenPipeError, FileNotFoundError)):
            raise _unwritable(target, exc) from None
        raise


@contextlib.contextmanager
def locked(path: str | os.PathLike) -> Iterator[None]:
    """Hold an exclusive lock on ``PATH.lock`` while a glossary is read, changed and written.

    The lock file is removed when the block ends, also after a failure. A process that
    opened the file before it was removed notices (its inode is gone) and locks anew,
    so two processes never both believe they hold the lock.
    """
    lock = Path(str(path) + ".lock")
    while True:
        try:
            lock.parent.mkdir(parents=True, exist_ok=True)
            fh = open(lock, "a")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise _unwritable(Path(path), exc) from None
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            same = os.stat(lock).st_ino == os.fstat(fh.fileno()).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        fh.close()
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(lock)
        fh.close()
