"""Translation memory: TMX 1.4b units and files. Building them from aligned FR/EN article
pairs is :mod:`termkit.align.memory` (it sits above the aligner)."""

from termkit.tm.tmx import TranslationUnit, tmx_bytes, write_tmx

__all__ = ["TranslationUnit", "tmx_bytes", "write_tmx"]
