"""On-disk cache of parses: key = hash of the text + fingerprint of the models.

Layout: ``CACHE_DIR/parse/<models fingerprint[:16]>/<text sha256[:2]>/<text sha256>.json``.
The cache directory is ``--cache-dir``, else ``TERMKIT_CACHE_DIR``, else
``$XDG_CACHE_HOME/termkit``, else ``~/.cache/termkit``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from termkit.fsutil import atomic_write
from termkit.nlp.doc import Sentence, sentence_from_dict, sentence_to_dict

FORMAT_VERSION = 1


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The cache directory by the resolution order (option excluded): :func:`termkit.fsutil.cache_dir`."""
    from termkit.fsutil import cache_dir

    return cache_dir(environ)


def text_key(text: str) -> str:
    """The cache key of a text: its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class CacheInfo:
    """Size of the parse cache."""

    path: Path
    entries: int
    bytes: int


class ParseCache:
    """Sentences parsed from a text, stored by text hash under one models fingerprint."""

    def __init__(self, root: str | os.PathLike, models_fingerprint: str) -> None:
        self.root = Path(root)
        self.dir = self.root / "parse" / f"v{FORMAT_VERSION}-{models_fingerprint[:16]}"

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, text: str) -> list[Sentence] | None:
        """The cached sentences of ``text``, or None (also when an entry is unreadable)."""
        path = self._path(text_key(text))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        try:
            return [sentence_from_dict(s) for s in data["sentences"]]
        except (KeyError, TypeError):
            return None

    def has(self, text: str) -> bool:
        """Whether ``text`` has an entry (without reading it)."""
        return self._path(text_key(text)).is_file()

    def put(self, text: str, sentences: list[Sentence]) -> None:
        """Store the sentences of ``text`` (atomically; a failed write is ignored)."""
        try:
            with atomic_write(self._path(text_key(text))) as fh:
                json.dump({"sentences": [sentence_to_dict(s) for s in sentences]}, fh, ensure_ascii=False)
        except OSError:
            pass


def cache_info(root: str | os.PathLike) -> CacheInfo:
    """Count the entries and bytes of the parse cache under ``root``."""
    parse = Path(root) / "parse"
    files = list(parse.rglob("*.json")) if parse.is_dir() else []
    return CacheInfo(Path(root), len(files), sum(f.stat().st_size for f in files))


def clear_cache(root: str | os.PathLike) -> CacheInfo:
    """Delete the parse cache under ``root``; returns what was there."""
    info = cache_info(root)
    shutil.rmtree(Path(root) / "parse", ignore_errors=True)
    return info
