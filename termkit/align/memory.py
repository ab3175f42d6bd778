"""Building a translation memory (:mod:`termkit.tm`) from aligned FR/EN article pairs."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from termkit.errors import InputError
from termkit.sources import SourceDocument, read_documents
from termkit.tm.tmx import TranslationUnit


def document_units(fr: SourceDocument, en: SourceDocument) -> list[TranslationUnit]:
    """Translation units of one article pair.

    Documents whose segments carry the same ids (WMT SGML) pair segment by segment;
    plain texts are sentence-aligned with :func:`termkit.align.align_texts`, keeping
    links with text on both sides.
    """
    doc_id = fr.id if fr.segments else fr.id.removesuffix(".fr")  # SGML docids stay as they are
    fr_ids = [s.id for s in fr.segments]
    if fr_ids and fr_ids == [s.id for s in en.segments]:
        return [TranslationUnit(fr.text[a.start:a.end], en.text[b.start:b.end], doc_id, f"{doc_id} segment {a.id}")
                for a, b in zip(fr.segments, en.segments)]
    from termkit.align import align_texts

    fr_units, en_units, links = align_texts(fr.text, en.text)
    units = []
    pending: list = []  # links of a heading waiting for the sentence it is segmented with
    for link in links:
        if not (link.src and link.tgt):
            continue
        pending.append(link)
        last = fr_units[link.src[-1]]
        if _open_line(fr.text, last.end, last.text):
            continue  # OmegaT segments a line without final punctuation with what follows it
        src = (fr_units[pending[0].src[0]].start, last.end)
        tgt_ids = [j for lk in pending for j in lk.tgt]
        tgt = (en_units[tgt_ids[0]].start, en_units[tgt_ids[-1]].end)
        where = (f"{doc_id} fr sentence {_span([i for lk in pending for i in lk.src])}, "
                 f"en sentence {_span(tgt_ids)}")
        units.append(TranslationUnit(_segment_text(fr.text, *src), _segment_text(en.text, *tgt), doc_id, where))
        pending = []
    return units


_FINAL = re.compile(r"[.!?…][\"»”’')\]]*$")


def _open_line(text: str, end: int, sentence: str) -> bool:
    """Whether a sentence ends a line without final punctuation (a heading) and more text follows:
    OmegaT's sentence rules then put it in one segment with the next sentence."""
    rest = text[end:]
    return rest.startswith("\n") and not rest.startswith("\n\n") and rest.strip() != "" \
        and not _FINAL.search(sentence)


def _segment_text(text: str, start: int, end: int) -> str:
    """The text of a segment as OmegaT reads it: line breaks kept, other runs of spaces single."""
    return "\n".join(" ".join(line.split()) for line in text[start:end].split("\n"))


def _span(ids: Sequence[int]) -> str:
    return f"{ids[0] + 1}" if len(ids) == 1 else f"{ids[0] + 1}-{ids[-1] + 1}"


def pair_files(paths: Sequence[str]) -> list[tuple[SourceDocument, SourceDocument]]:
    """Read SRC TGT [SRC TGT ...] files into (French, English) document pairs.

    A pair of SGML files pairs its documents by docid; plain texts hold one article each.
    """
    if len(paths) % 2:
        raise InputError(paths[-1], "has no English file to pair with", "give files as SRC TGT [SRC TGT ...]")
    pairs = []
    for src, tgt in zip(paths[::2], paths[1::2]):
        fr_docs, en_docs = read_documents(src), read_documents(tgt)
        en_by_id = {d.id: d for d in en_docs}
        if len(fr_docs) == 1 and len(en_docs) == 1:
            pairs.append((fr_docs[0], en_docs[0]))
            continue
        for doc in fr_docs:
            if doc.id not in en_by_id:
                raise InputError(tgt, f"has no document {doc.id!r} to pair with {src}",
                                 "give the English file with the same docids")
            pairs.append((doc, en_by_id[doc.id]))
    return pairs


def _units(pair: tuple[SourceDocument, SourceDocument]) -> list[TranslationUnit]:
    return document_units(*pair)


def build_tm(pairs: Sequence[tuple[SourceDocument, SourceDocument]],
             progress: Callable[..., None] | None = None, workers: int = 1) -> list[TranslationUnit]:
    """Translation units of every article pair, in order; ``workers`` processes align pairs
    side by side (the result does not depend on their number)."""
    units: list[TranslationUnit] = []
    if workers > 1 and len(pairs) > 1:
        import multiprocessing

        with multiprocessing.get_context("spawn").Pool(min(workers, len(pairs))) as pool:
            results = pool.imap(_units, pairs, chunksize=max(1, len(pairs) // (workers * 4)))
            for (fr, _en), found in zip(pairs, results):
                units.extend(found)
                if progress:
                    progress(len(fr.text), 0, 1)
        return units
    for fr, en in pairs:
        units.extend(document_units(fr, en))
        if progress:
            progress(len(fr.text), 0, 1)
    return units
