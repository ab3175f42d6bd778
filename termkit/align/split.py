"""Sentence splitting for alignment (pysbd, French or English); every line break is a boundary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from termkit.textnorm import cut_text

LINE_PIECE = 5_000


@dataclass
class Unit:
    """A sentence (or merged sentences) to align, with character offsets into its text."""

    text: str
    start: int
    end: int


@lru_cache(maxsize=4)
def _segmenter(lang: str):
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False, char_span=True)


def split_sentences(text: str, lang: str) -> list[Unit]:
    """Split ``text`` into sentences; lines (titles, paragraphs) never share a sentence."""
    units: list[Unit] = []
    for para in re.finditer(r"[^\n]+", text):
        if not para.group().strip():
            continue
        # pysbd's time grows faster than a line's length: very long lines go in pieces
        for a, b in cut_text(para.group(), LINE_PIECE):
            for span in _segmenter(lang).segment(para.group()[a:b]):
                raw = span.sent
                stripped = raw.strip()
                if not stripped:
                    continue
                start = para.start() + a + span.start + (len(raw) - len(raw.lstrip()))
                units.append(Unit(stripped, start, start + len(stripped)))
    return units
