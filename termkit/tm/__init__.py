"""Translation memory: TMX 1.4b from aligned FR/EN article pairs."""

from termkit.tm.build import build_tm, document_units, pair_files
from termkit.tm.tmx import TranslationUnit, tmx_bytes, write_tmx

__all__ = ["TranslationUnit", "build_tm", "document_units", "pair_files", "tmx_bytes", "write_tmx"]
