"""Writing parsed documents as CoNLL-U or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import IO

from termkit import __version__
from termkit.nlp.doc import ParsedDocument, Sentence, sentence_to_dict

FORMATS = ("conllu", "json")


def write_conllu(docs: Sequence[ParsedDocument], out: IO[str], header: bool = True) -> None:
    """CoNLL-U with ``# newdoc id``/``# sent_id``/``# text`` comments; offsets and NER tags in MISC.

    HEAD and DEPREL are ``_``: termkit does not run a dependency parser.
    """
    for doc in docs:
        if header:
            out.write(f"# newdoc id = {doc.id}\n")
        for s in doc.sentences:
            out.write(f"# sent_id = {doc.id}-{s.id}\n")
            if s.segment is not None:
                out.write(f"# segment = {s.segment}\n")
            out.write("# text = " + " ".join(s.text.split()) + "\n")
            for t in s.tokens:
                misc = f"start_char={t.start}|end_char={t.end}|ner={t.ner}"
                if len(t.words) > 1:
                    out.write(f"{t.words[0].id}-{t.words[-1].id}\t{t.text}\t_\t_\t_\t_\t_\t_\t_\t{misc}\n")
                for w in t.words:
                    wmisc = misc if len(t.words) == 1 else "_"
                    cols = [str(w.id), w.text, w.lemma, w.upos, w.xpos or "_", w.feats or "_", "_", "_", "_", wmisc]
                    out.write("\t".join(cols) + "\n")
            out.write("\n")


def write_json(docs: Sequence[ParsedDocument], out: IO[str], models_fingerprint: str | None = None) -> None:
    """One JSON object: ``{"termkit": version, "models": fingerprint, "documents": [...]}``."""
    payload = {"termkit": __version__, "models": models_fingerprint, "documents": [d.to_dict() for d in docs]}
    json.dump(payload, out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_parsed(docs: Sequence[ParsedDocument], out: IO[str], fmt: str, models_fingerprint: str | None = None) -> None:
    """Write documents in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "conllu":
        write_conllu(docs, out)
    elif fmt == "json":
        write_json(docs, out, models_fingerprint)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def write_stream(docs: Sequence, sentences: Iterable[tuple[int, Sentence]], out: IO[str], fmt: str,
                 models_fingerprint: str | None = None) -> None:
    """Write ``(document index, sentence)`` pairs as they come (from
    :meth:`termkit.nlp.Parser.iter_sentences`), in CoNLL-U or JSON, without holding the parse:
    the same data as :func:`write_parsed` over the whole documents, in bounded memory."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    current = -1
    first_sentence = True

    def open_doc(k: int) -> None:
        d = docs[k]
        if fmt == "conllu":
            out.write(f"# newdoc id = {d.id}\n")
        else:
            head = json.dumps({"id": d.id, "source": d.source, "text": d.text}, ensure_ascii=False, indent=1)
            out.write(("" if k == 0 else ",\n") + head[:-2] + ',\n "sentences": [\n')

    def close_doc() -> None:
        if fmt == "json" and current >= 0:
            out.write("\n]\n}")

    if fmt == "json":
        out.write('{"termkit": ' + json.dumps(__version__) + ', "models": ' + json.dumps(models_fingerprint)
                  + ', "documents": [\n')
    for k, sentence in sentences:
        while current < k:
            close_doc()
            current += 1
            open_doc(current)
            first_sentence = True
        if fmt == "conllu":
            write_conllu([ParsedDocument(docs[k].id, "", [sentence])], out, header=False)
        else:
            out.write(("" if first_sentence else ",\n") + json.dumps(sentence_to_dict(sentence), ensure_ascii=False))
        first_sentence = False
    while current < len(docs) - 1:  # documents without sentences
        close_doc()
        current += 1
        open_doc(current)
    close_doc()
    if fmt == "json":
        out.write("\n]}\n")
