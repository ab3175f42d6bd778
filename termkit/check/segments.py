"""Reading what ``termkit check`` checks: FR/EN text pairs (aligned here), WMT SGML pairs,
and bilingual files translate-toolkit opens (TMX, XLIFF, PO)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from termkit.check.model import Segment
from termkit.errors import InputError
from termkit.glossary.formats.xmlsafe import refuse_entity_declarations
from termkit.sources import SourceDocument, check_regular, read_documents


@dataclass
class BilingualDocument:
    """A French document (the text that gets parsed) and its aligned segments."""

    id: str
    fr_text: str
    segments: list[Segment] = field(default_factory=list)
    target_path: str = ""


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def pair_documents(fr: SourceDocument, en: SourceDocument, target_path: str) -> BilingualDocument:
    """Segments of one article pair: by seg id for SGML, else sentence-aligned."""
    doc_id = fr.id if fr.segments else fr.id.removesuffix(".fr")  # SGML docids stay as they are
    out = BilingualDocument(doc_id, fr.text, target_path=target_path)
    fr_ids = [s.id for s in fr.segments]
    if fr_ids and fr_ids == [s.id for s in en.segments]:
        for a, b in zip(fr.segments, en.segments):
            out.segments.append(Segment(doc_id, a.id, fr.text[a.start:a.end], en.text[b.start:b.end], a.start, a.end))
        return out
    from termkit.align import align_texts

    fr_units, en_units, links = align_texts(fr.text, en.text)
    for k, link in enumerate(links, 1):
        src = [fr_units[i] for i in link.src]
        tgt = [en_units[j] for j in link.tgt]
        out.segments.append(Segment(
            doc_id, str(k), " ".join(u.text for u in src), " ".join(u.text for u in tgt),
            src[0].start if src else 0, src[-1].end if src else 0, _line(en.text, tgt[0].start) if tgt else None,
        ))
    return out


def read_pair(src: str, tgt: str) -> list[BilingualDocument]:
    """Documents of a SRC/TGT file pair (plain text or SGML with the same docids)."""
    fr_docs, en_docs = read_documents(src), read_documents(tgt)
    if len(fr_docs) == 1 and len(en_docs) == 1:
        return [pair_documents(fr_docs[0], en_docs[0], tgt)]
    en_by_id = {d.id: d for d in en_docs}
    missing = [d.id for d in fr_docs if d.id not in en_by_id]
    if missing:
        raise InputError(tgt, f"has no document {missing[0]!r} of {src}", "give the translation with the same docids")
    return [pair_documents(d, en_by_id[d.id], tgt) for d in fr_docs]


def read_bilingual(path: str) -> list[BilingualDocument]:
    """One document from a bilingual file (TMX, XLIFF, PO) opened by translate-toolkit."""
    from translate.storage import factory

    check_regular(path)
    if not Path(path).is_file():
        raise InputError(path, "is a directory" if Path(path).is_dir() else "no such file", "check the path")
    refuse_entity_declarations(path)
    try:
        store = factory.getobject(path)
    except Exception as exc:  # translate-toolkit raises many kinds on bad files
        raise InputError(path, f"cannot be read as a bilingual file ({type(exc).__name__}: {exc})",
                         "pass a valid TMX, XLIFF or PO file") from None
    doc = BilingualDocument(Path(path).name, "", target_path=path)
    parts, offset = [], 0
    for k, unit in enumerate((u for u in store.units if not u.isheader() and u.source), 1):
        src, tgt = str(unit.source), str(unit.target or "")
        doc.segments.append(Segment(doc.id, unit.getid() or str(k), src, tgt, offset, offset + len(src)))
        parts.append(src)
        offset += len(src) + 2
    doc.fr_text = "\n\n".join(parts)
    return [doc]


BILINGUAL_SUFFIXES = (".tmx", ".xlf", ".xliff", ".po", ".pot")


def read_inputs(files: list[str]) -> list[BilingualDocument]:
    """SRC TGT pairs and/or bilingual files, in the order given."""
    docs: list[BilingualDocument] = []
    pending: list[str] = []
    for f in files:
        if Path(f).suffix.lower() in BILINGUAL_SUFFIXES:
            docs += read_bilingual(f)
        else:
            pending.append(f)
            if len(pending) == 2:
                docs += read_pair(*pending)
                pending = []
    if pending:
        raise InputError(pending[0], "has no translation to pair with", "give files as SRC TGT [SRC TGT ...]")
    return docs
