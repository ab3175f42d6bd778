"""Parsed documents as plain dataclasses (independent of Stanza's own objects).

Character offsets (``start``/``end``) are into :attr:`ParsedDocument.text`.
Words of a multi-word token (``du`` = ``de`` + ``le``) carry the offsets of
their token.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Word:
    """A syntactic word: form, lemma, universal POS, features and the NER tag of its token."""

    id: int
    text: str
    lemma: str
    upos: str
    xpos: str | None
    feats: str | None
    start: int
    end: int
    ner: str = "O"


@dataclass
class Token:
    """A surface token; more than one word when it is a multi-word token (``aux``)."""

    text: str
    start: int
    end: int
    ner: str
    words: list[Word]


@dataclass
class Entity:
    """A named-entity span: PER, LOC, ORG (or MISC with models that have it)."""

    text: str
    type: str
    start: int
    end: int


@dataclass
class Sentence:
    """One sentence with its tokens and entities; ``segment`` is the SGML seg id if any."""

    id: int
    text: str
    start: int
    end: int
    tokens: list[Token]
    entities: list[Entity] = field(default_factory=list)
    segment: str | None = None

    @property
    def words(self) -> list[Word]:
        """All syntactic words of the sentence, multi-word tokens expanded."""
        return [w for t in self.tokens for w in t.words]


@dataclass
class ParsedDocument:
    """A parsed document: id, text, source path and sentences."""

    id: str
    text: str
    sentences: list[Sentence]
    source: str = "<string>"

    @property
    def entities(self) -> list[Entity]:
        """All entity spans of the document, in order."""
        return [e for s in self.sentences for e in s.entities]

    def words(self) -> Iterator[Word]:
        """Iterate over every word of the document."""
        for s in self.sentences:
            for t in s.tokens:
                yield from t.words

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``--format json`` layout)."""
        return {
            "id": self.id,
            "source": self.source,
            "text": self.text,
            "sentences": [sentence_to_dict(s) for s in self.sentences],
        }


def sentence_to_dict(s: Sentence) -> dict[str, Any]:
    """Serialise a sentence to plain JSON types."""
    out: dict[str, Any] = {"id": s.id, "text": s.text, "start": s.start, "end": s.end}
    if s.segment is not None:
        out["segment"] = s.segment
    out["tokens"] = [
        {
            "text": t.text,
            "start": t.start,
            "end": t.end,
            "ner": t.ner,
            "words": [
                {"id": w.id, "text": w.text, "lemma": w.lemma, "upos": w.upos, "xpos": w.xpos, "feats": w.feats}
                for w in t.words
            ],
        }
        for t in s.tokens
    ]
    out["entities"] = [{"text": e.text, "type": e.type, "start": e.start, "end": e.end} for e in s.entities]
    return out


def sentence_from_dict(d: dict[str, Any]) -> Sentence:
    """Inverse of :func:`sentence_to_dict`."""
    tokens = []
    for t in d["tokens"]:
        start, end, ner = t["start"], t["end"], t["ner"]
        words = [
            Word(w["id"], w["text"], w["lemma"], w["upos"], w["xpos"], w["feats"], start, end, ner) for w in t["words"]
        ]
        tokens.append(Token(t["text"], start, end, ner, words))
    entities = [Entity(e["text"], e["type"], e["start"], e["end"]) for e in d["entities"]]
    return Sentence(d["id"], d["text"], d["start"], d["end"], tokens, entities, d.get("segment"))


def document_from_dict(d: dict[str, Any]) -> ParsedDocument:
    """Inverse of :meth:`ParsedDocument.to_dict`."""
    return ParsedDocument(d["id"], d["text"], [sentence_from_dict(s) for s in d["sentences"]], d.get("source", "<string>"))
