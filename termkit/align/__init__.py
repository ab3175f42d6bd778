"""Sentence alignment of a French article and its English translation."""

from termkit.align.aligner import AlignOptions, Link, align
from termkit.align.split import Unit, split_sentences

__all__ = ["AlignOptions", "Link", "Unit", "align", "align_texts", "split_sentences"]


MAX_ALIGN_CHARS = 2_000_000


def align_texts(fr_text: str, en_text: str, options: AlignOptions | None = None) -> tuple[list[Unit], list[Unit], list[Link]]:
    """Split both texts into sentences and align them: returns (fr_units, en_units, links).

    Texts of up to :data:`MAX_ALIGN_CHARS` characters each are aligned in time and memory
    linear in their length (a banded dynamic programme for long ones); longer ones, and
    ones with too many sentences, raise :class:`~termkit.errors.TermkitError`.
    """
    for text, lang in ((fr_text, "French"), (en_text, "English")):
        if len(text) > MAX_ALIGN_CHARS:
            from termkit.errors import TermkitError

            raise TermkitError(f"the {lang} text is too long to align as one article "
                               f"({len(text) / 1e6:.1f} MB; at most {MAX_ALIGN_CHARS / 1e6:.0f} MB)",
                               "split it into articles: one per file, or one per <doc> in SGML")
    fr = split_sentences(fr_text, "fr")
    en = split_sentences(en_text, "en")
    return fr, en, align([u.text for u in fr], [u.text for u in en], options)
