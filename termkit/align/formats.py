"""Writing alignments as TSV, JSON or TMX."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from termkit.align.aligner import Link
from termkit.align.split import Unit

FORMATS = ("tsv", "json", "tmx")


def link_texts(fr: Sequence[Unit], en: Sequence[Unit], links: Sequence[Link]) -> list[tuple[str, str]]:
    """(French text, English text) of each link; 1-0 and 0-1 links give an empty side."""
    return [(" ".join(fr[i].text for i in link.src), " ".join(en[j].text for j in link.tgt)) for link in links]


def _ids(xs) -> str:
    return ",".join(str(x + 1) for x in xs)


def write_alignment(fr: Sequence[Unit], en: Sequence[Unit], links: Sequence[Link], out: IO, fmt: str, doc_id: str = "") -> None:
    """TSV (fr_ids, en_ids, cost, fr, en), JSON, or TMX (1-0/0-1 links left out); ``out`` is binary for TMX."""
    texts = link_texts(fr, en, links)
    if fmt == "tsv":
        out.write("fr_ids\ten_ids\tcost\tfr\ten\n")
        for link, (f, e) in zip(links, texts):
            out.write(f"{_ids(link.src)}\t{_ids(link.tgt)}\t{link.cost}\t{f}\t{e}\n")
    elif fmt == "json":
        payload = {
            "fr_sentences": [{"text": u.text, "start": u.start, "end": u.end} for u in fr],
            "en_sentences": [{"text": u.text, "start": u.start, "end": u.end} for u in en],
            "links": [{"fr": list(link.src), "en": list(link.tgt), "cost": link.cost, "fr_text": f, "en_text": e}
                      for link, (f, e) in zip(links, texts)],
        }
        json.dump(payload, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        from termkit.tm.tmx import TranslationUnit, tmx_bytes

        out.write(tmx_bytes([TranslationUnit(f, e, doc_id) for f, e in texts if f and e]))
