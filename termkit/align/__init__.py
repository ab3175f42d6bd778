"""Sentence alignment of a French article and its English translation."""

from termkit.align.aligner import AlignOptions, Link, align
from termkit.align.split import Unit, split_sentences

__all__ = ["AlignOptions", "Link", "Unit", "align", "align_texts", "split_sentences"]


def align_texts(fr_text: str, en_text: str, options: AlignOptions | None = None):
    """Split both texts into sentences and align them: returns (fr_units, en_units, links)."""
    fr = split_sentences(fr_text, "fr")
    en = split_sentences(en_text, "en")
    return fr, en, align([u.text for u in fr], [u.text for u in en], options)
