"""File-system helpers: atomic writes (no half-written file is ever left behind) and
glossary locks that leave nothing behind."""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any, BinaryIO, Literal, TextIO, overload

from termkit.errors import TermkitError


def _unwritable(target: Path, exc: OSError) -> TermkitError:
    reason = exc.strerror or type(exc).__name__
    blocker = next((p for p in target.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        reason = f"{blocker} is a file, not a folder"
    return TermkitError(f"cannot write {target}: {reason.lower()}",
                        "choose a writable location with -o, or fix the folder's permissions")


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def file_kind(path: str | os.PathLike) -> str | None:
    """What ``path`` is when it exists and is not a regular file (``"a FIFO (named pipe)"``,
    ``"a character device"``...), following symlinks; None for a regular file or no file."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return next((name for test, name in _KINDS if test(mode)), None if stat.S_ISREG(mode) else "not a regular file")


def real_target(path: str | os.PathLike) -> Path:
    """The file a write to ``path`` must change: a symlink's final target (the link is kept).

    Raises :class:`TermkitError` (exit 2) when it exists and is not a regular file: a device,
    a FIFO, a socket or a directory is never replaced by a file."""
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    kind = file_kind(target)
    if kind:
        raise TermkitError(f"cannot write {path}: it is {kind}",
                           "write to a regular file, or to stdout with -o -")
    return target


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_temporaries(target: Path) -> None:
    """Remove ``.NAME.PID.*.tmp`` files that a killed process left beside ``target``."""
    with contextlib.suppress(OSError):
        for tmp in target.parent.glob(f".{target.name}.*.tmp"):
            parts = tmp.name[len(target.name) + 2:].split(".")
            if parts and parts[0].isdigit() and not _pid_alive(int(parts[0])):
                with contextlib.suppress(OSError):
                    tmp.unlink()


@overload
def atomic_write(path: str | os.PathLike, mode: Literal["w"] = "w",
                 encoding: str | None = "utf-8") -> contextlib.AbstractContextManager[TextIO]: ...
@overload
def atomic_write(path: str | os.PathLike, mode: Literal["wb"],
                 encoding: str | None = "utf-8") -> contextlib.AbstractContextManager[BinaryIO]: ...
@overload
def atomic_write(path: str | os.PathLike, mode: str,
                 encoding: str | None = "utf-8") -> contextlib.AbstractContextManager[IO[Any]]: ...
# the overloads above give callers the handle's type: TextIO for "w", BinaryIO for "wb"
@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[Any]:
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    If the block raises (or the process is interrupted), the temporary file is
    removed and any previous ``path`` is left untouched. A target that cannot be
    written (read-only folder, missing permission, full disk) raises a
    :class:`TermkitError` naming the target, not the temporary file. A symlink is
    written through (its target changes, the link stays); a device, FIFO or other
    file that is not regular is refused. The temporary file is named
    ``.NAME.PID.*.tmp``, so that the next holder of the glossary's lock can tell one a killed
    process left (:func:`clean_stale_temporaries`).
    """
    target = real_target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _unwritable(target, exc) from None
    try:
        handle: IO[Any]
        handle = os.fdopen(fd, mode) if "b" in mode else os.fdopen(fd, mode, encoding=encoding, newline="")
        with handle:
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


class GlossaryBusy(TermkitError):
    """Another process held a glossary's lock for longer than the caller would wait."""


@contextlib.contextmanager
def locked(path: str | os.PathLike, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``PATH.lock`` while a glossary is read, changed and written.

    The lock file lies beside the file a symlink points to, so two links to one glossary share
    it. It is removed when the block ends, also after a failure (and a lock file that a killed
    process left is taken over and removed). A process that opened the file before it was
    removed notices (its inode is gone) and locks anew, so two processes never both believe
    they hold the lock. With ``timeout`` (seconds), :class:`GlossaryBusy` is raised when the
    lock is not had by then.
    """
    real = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    lock = Path(str(real) + ".lock")
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        try:
            lock.parent.mkdir(parents=True, exist_ok=True)
            fh = open(lock, "a")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise _unwritable(Path(path), exc) from None
        if deadline is None:
            fcntl.flock(fh, fcntl.LOCK_EX)
        else:
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        fh.close()
                        raise GlossaryBusy(f"{path} is being changed by another process (its lock {lock} is held)",
                                           "try again when that command has finished") from None
                    time.sleep(0.05)
        try:
            same = os.stat(lock).st_ino == os.fstat(fh.fileno()).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        fh.close()
    try:
        clean_stale_temporaries(real)  # under the lock: no writer of this glossary is at work
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(lock)
        fh.close()


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """termkit's cache folder (parse cache, lookup indexes): ``$TERMKIT_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/termkit``, else ``~/.cache/termkit`` (``~`` expanded)."""
    env = os.environ if environ is None else environ
    if env.get("TERMKIT_CACHE_DIR"):
        return Path(env["TERMKIT_CACHE_DIR"]).expanduser()
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache").expanduser() / "termkit"
