"""Writing TMX 1.4b from aligned sentence pairs with translate-toolkit's ``tmxfile``."""

from __future__ import annotations

import os
from typing import Sequence

from termkit import __version__
from termkit.fsutil import atomic_write


def tmx_bytes(pairs: Sequence[tuple[str, str]], srclang: str = "fr", tgtlang: str = "en", note: str | None = None) -> bytes:
    """TMX 1.4b document (bytes) holding one translation unit per (source, target) pair."""
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage=srclang, targetlanguage=tgtlang)
    header = store.document.getroot().find("header")
    if header is not None:
        header.set("creationtool", "termkit")
        header.set("creationtoolversion", __version__)
    for src, tgt in pairs:
        unit = store.addsourceunit(src)
        unit.target = tgt
        if note:
            unit.addnote(note, origin="translator")
    return bytes(store)


def write_tmx(pairs: Sequence[tuple[str, str]], path: str | os.PathLike, **kwargs) -> None:
    """Write TMX atomically."""
    data = tmx_bytes(pairs, **kwargs)
    with atomic_write(path, "wb") as fh:
        fh.write(data)
