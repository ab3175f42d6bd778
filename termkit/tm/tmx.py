"""Writing TMX 1.4b translation memory with translate-toolkit's ``tmxfile``.

Each unit carries a ``<note>`` (where it came from: document and segment or sentence
numbers) and a ``<prop type="x-document">`` with the document id, so a CAT tool can
show the origin of a match. The header names termkit as creation tool and ``fr`` as
source language.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from termkit import __version__
from termkit.fsutil import atomic_write


@dataclass
class TranslationUnit:
    """One FR->EN pair of a translation memory, with its document and a note."""

    src: str
    tgt: str
    doc_id: str = ""
    note: str = ""


def tmx_bytes(units: Sequence[TranslationUnit], srclang: str = "fr", tgtlang: str = "en") -> bytes:
    """TMX 1.4b document (bytes) holding one translation unit per pair."""
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage=srclang, targetlanguage=tgtlang)
    header = store.document.getroot().find("header")
    if header is not None:
        header.set("creationtool", "termkit")
        header.set("creationtoolversion", __version__)
        header.set("srclang", srclang)
    for tu in units:
        unit = store.addsourceunit(tu.src)
        unit.target = tu.tgt
        if tu.doc_id:
            prop = etree.Element("prop", type="x-document")
            prop.text = tu.doc_id
            unit.xmlelement.insert(0, prop)
        if tu.note:
            unit.addnote(tu.note)
    return bytes(store)


def write_tmx(units: Sequence[TranslationUnit], path: str | os.PathLike, **kwargs) -> None:
    """Write TMX atomically (a crash never leaves a half-written file)."""
    data = tmx_bytes(units, **kwargs)
    with atomic_write(path, "wb") as fh:
        fh.write(data)
