"""Extraction, stage 1: collect name and term occurrences from parsed sentences, one group
per lemma key (:class:`Group`), keeping only what later stages need of each occurrence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from termkit.extract import acronyms
from termkit.extract.options import ExtractOptions
from termkit.extract.spans import Span, lines, mwt_inside, name_spans, term_spans, word_tag
from termkit.nlp.doc import Sentence, Word
from termkit.textnorm import clean, fold


@dataclass(slots=True)
class Occ:
    """One occurrence of a candidate span: where it is (document, sentence, words i:j), how it
    is written, and what the later stages need to know of its context."""

    doc: str
    sent: int
    i: int
    j: int
    surface: str
    ner: str | None
    kind: str
    initial: bool = False  # opens its sentence (only punctuation before it)
    paren: bool = False  # written inside parentheses or just before one: "ACR (Expansion)"
    shout: bool = False  # in a sentence written in capitals (a heading): "ENQUETES ADMINISTRATIVES"
    expansion: Group | None = None  # an acronym's expansion written beside it: "Expansion (ACR)"


@dataclass
class Group:
    """The occurrences that share a lemma key; groups of variants are joined into a tree whose
    root stands for the candidate (:meth:`root`, :func:`union`)."""

    key: str
    kind: str  # "name" or "term"
    lemma: str
    words: int
    head_tag: str
    content: list[tuple[str, str, str]]  # (folded lemma, lemma, form) of content words, lower case
    pattern: str = ""  # the POS letters of its first occurrence (spans.word_tag)
    occs: list[Occ] = field(default_factory=list)
    parent: Group | None = None
    relation: str = ""  # how this group joined its root

    def root(self) -> Group:
        g = self
        while g.parent is not None:
            g = g.parent
        return g


def collect(docs: Sequence, stream: Iterable[tuple[int, Sentence]], opts: ExtractOptions,
            general: Callable[[str], float]):
    """Occurrences of every candidate span, grouped by key: returns the groups by (kind, key),
    the text of each (document, sentence), the nesting counts ``[inner, outer, count]``, the
    corpus's content-lemma counts and its number of words."""

    def leading_adj(w: Word) -> bool:  # rare pre-nominal adjectives only (haute tension, but not nouvelle)
        return general(w.text.lower()) < opts.leading_adj_max_freq

    groups: dict[tuple[str, str], Group] = {}
    texts: dict[tuple[str, int], str] = {}
    containers: dict[tuple[int, int], list] = {}  # (inner, outer) nested occurrences: [inner, outer, count]
    lemma_counts: Counter[str] = Counter()
    surfaces: dict[str, str] = {}  # one string object per written form
    n_words = 0
    s_idx, last_doc = -1, -1
    for k, sentence in stream:
        doc_id = docs[k].id
        s_idx = s_idx + 1 if k == last_doc else 0
        last_doc = k
        words = sentence.words
        tags = "".join(word_tag(w) for w in words)
        n_words += len(words)
        for w, t in zip(words, tags):
            if t in "NARV":
                lemma_counts[fold(w.lemma)] += 1
        spans: list[Span] = []
        line_of: dict[tuple[int, int], int] = {}  # span -> first word of its line
        for lo, hi in lines(sentence, words):
            found: list[Span] = []
            if opts.names:
                found += name_spans(sentence, words[lo:hi])
            if opts.terms:
                found += [s for s in term_spans(words[lo:hi], tags[lo:hi], leading_adj, general)
                          if opts.single_words or s.j - s.i > 1 or tags[lo + s.i] == "R"]
            for s in found:
                spans.append(Span(s.i + lo, s.j + lo, s.kind, s.ner))
                line_of[(s.i + lo, s.j + lo)] = lo
        placed: list[tuple[int, int, Group, Occ]] = []
        seen: set[tuple[int, int]] = set()
        base = sentence.start
        letters = [c for c in sentence.text if c.isalpha()]
        shout = len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.6 * len(letters)
        for span in spans:
            if (span.i, span.j) in seen or mwt_inside(words, span.i, span.j):
                continue
            seen.add((span.i, span.j))
            raw = sentence.text[words[span.i].start - base: words[span.j - 1].end - base]
            surface = clean(raw).rstrip(":;,")  # "Pia:"
            g = _group_for(groups, span, words, tags, surface)
            initial = _sentence_initial(words[line_of[(span.i, span.j)]:], span.i - line_of[(span.i, span.j)])
            if span.kind == "term" and tags[span.i] in "NAV" and initial:
                surface = surface[:1].lower() + surface[1:]
            surface = surfaces.setdefault(surface, surface)
            paren = (span.i > 0 and words[span.i - 1].text == "(") or (span.j < len(words) and words[span.j].text == "(")
            occ = Occ(doc_id, s_idx, span.i, span.j, surface, span.ner, span.kind, initial, paren, shout)
            g.occs.append(occ)
            placed.append((span.i, span.j, g, occ))
        for a in placed:
            for b in placed:
                if b[0] <= a[0] and a[1] <= b[1] and (b[1] - b[0]) > (a[1] - a[0]) and a[2] is not b[2]:
                    entry = containers.setdefault((id(a[2]), id(b[2])), [a[2], b[2], 0])
                    entry[2] += 1
        for _i, _j, g, occ in placed:
            if acronyms.is_acronym_token(occ.surface):
                occ.expansion = _written_expansion(occ, g, words, placed)
        texts[(doc_id, s_idx)] = sentence.text
    return groups, texts, list(containers.values()), lemma_counts, n_words


def _written_expansion(occ: Occ, g: Group, words: list[Word], placed: list) -> Group | None:
    """The expansion written beside an acronym: "Expansion (ACR)" or "ACR (Expansion)"."""
    best = None
    if occ.i >= 2 and words[occ.i - 1].text == "(" and occ.j < len(words) and words[occ.j].text == ")":
        for i, j, h, _ in placed:  # Expansion (ACR): the expansion ends just before "("
            if j == occ.i - 1 and h is not g and acronyms.letters_match(g.key, h.key) \
                    and (best is None or (j - i) < (best[1] - best[0])):
                best = (i, j, h)
    elif occ.j + 1 < len(words) and words[occ.j].text == "(":
        for i, j, h, _ in placed:  # ACR (Expansion)
            if i == occ.j + 1 and j < len(words) and words[j].text == ")" and acronyms.letters_match(g.key, h.key) \
                    and (best is None or (j - i) > (best[1] - best[0])):
                best = (i, j, h)
    return best[2] if best else None


def _sentence_initial(words: list[Word], i: int) -> bool:
    return all(not any(c.isalpha() for c in w.text) for w in words[:i])


def _group_for(groups: dict, span: Span, words: list[Word], tags: str, surface: str) -> Group:
    ws = words[span.i : span.j]
    ts = tags[span.i : span.j]
    if span.kind == "name":
        key = fold(" ".join(w.text for w in ws))
        lemma = surface  # names are not lemmatised: "Alatau City Bank du Kazakhstan"
        content = [(fold(w.text), w.text.lower(), w.text.lower()) for w in ws if w.upos not in ("ADP", "DET")]
    else:
        parts = [fold(w.lemma) if t != "P" else w.lemma.lower() for w, t in zip(ws, ts) if t != "D"]
        key = " ".join(p for p in parts if p)
        lemma = " ".join(w.lemma for w, t in zip(ws, ts) if t != "D")
        content = [(fold(w.lemma), w.lemma.lower(), w.text.lower()) for w, t in zip(ws, ts) if t in "NARV"]
    gk = (span.kind, key)
    g = groups.get(gk)
    if g is None:
        # A term that is exactly a name already seen (or the reverse) joins it.
        other = groups.get(("name" if span.kind == "term" else "term", key))
        g = Group(key, span.kind, lemma, len(content) or 1, ts[0] if ts else "X", content, pattern=ts)
        groups[gk] = g
        if other is not None:
            union(other, g, "inflection")
    return g


def union(keep: Group, join: Group, relation: str) -> None:
    """Join ``join``'s tree under ``keep``'s root, noting how (``relation``)."""
    a, b = keep.root(), join.root()
    if a is b:
        return
    b.parent = a
    b.relation = relation
