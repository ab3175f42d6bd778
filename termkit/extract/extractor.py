"""Term extraction: collect name and term occurrences, group variants, score termhood."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from termkit.extract import acronyms
from termkit.extract.features import CANDIDATE_FEATURES, FEATURE_VERSION, NER_TYPES, RANK_ONLY, RANKED_FEATURES
from termkit.extract.model import TERM, Candidate, Context, Variant
from termkit.extract.spans import INSTITUTIONS, Span, lines, mwt_inside, name_spans, term_spans, word_tag
from termkit.nlp.doc import ParsedDocument, Sentence, Word
from termkit.textnorm import clean, fold, graphical_variants, skeleton


@dataclass
class ExtractOptions:
    """Knobs of :func:`extract_terms`.

    ``ranker``: the learned ranker that gives each candidate its ``probability`` (a
    :class:`~termkit.extract.ranker.RankerModel`, a model file, ``"default"`` for
    ``$TERMKIT_RANKER`` or the shipped model, or None for the hand-weighted score alone);
    which candidates come out: the ``top`` N, else every one with ``keep_all``, else those
    whose probability reaches the model's threshold (every one when there is no ranker);
    ``min_freq``: drop rarer ones; ``names``/``terms``: which kinds to extract;
    ``single_words``: keep one-word common-noun/adjective/verb terms; ``contexts``:
    sentences kept per candidate.
    """

    top: int | None = None
    keep_all: bool = False
    ranker: object = "default"
    min_freq: int = 1
    names: bool = True
    terms: bool = True
    single_words: bool = True
    contexts: int = 2
    leading_adj_max_freq: float = 3e-5
    priors: dict[str, float] = field(default_factory=lambda: {"name": 1.0, "multi": 1.0, "N": 1.0, "A": 0.6, "V": 0.3})


@dataclass(slots=True)
class _Occ:
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
    expansion: _Group | None = None  # an acronym's expansion written beside it: "Expansion (ACR)"


@dataclass
class _Group:
    key: str
    kind: str  # "name" or "term"
    lemma: str
    words: int
    head_tag: str
    content: list[tuple[str, str, str]]  # (folded lemma, lemma, form) of content words, lower case
    pattern: str = ""  # the POS letters of its first occurrence (spans.word_tag)
    occs: list[_Occ] = field(default_factory=list)
    parent: _Group | None = None
    relation: str = ""  # how this group joined its root

    def root(self) -> _Group:
        g = self
        while g.parent is not None:
            g = g.parent
        return g


class GeneralFrequency:
    """Frequencies of words in general French (wordfreq), cached."""

    def __init__(self, lang: str = "fr") -> None:
        from wordfreq import word_frequency

        self._wf = word_frequency
        self._lang = lang
        self._cache: dict[str, float] = {}

    def __call__(self, word: str) -> float:
        f = self._cache.get(word)
        if f is None:
            f = self._wf(word, self._lang) if word else 0.0
            self._cache[word] = f
        return f


def extract_terms(
    docs: Sequence[ParsedDocument],
    options: ExtractOptions | None = None,
    general: Callable[[str], float] | None = None,
) -> list[Candidate]:
    """Extract ranked term candidates (names and technical terms) from parsed French documents."""
    return extract_from_stream(docs, ((k, s) for k, d in enumerate(docs) for s in d.sentences), options, general)


def extract_from_stream(
    docs: Sequence,
    sentences: Iterable[tuple[int, Sentence]],
    options: ExtractOptions | None = None,
    general: Callable[[str], float] | None = None,
) -> list[Candidate]:
    """Extract ranked term candidates from ``(document index, sentence)`` pairs as they come
    (from :meth:`termkit.nlp.Parser.iter_sentences`); ``docs`` gives the document ids.

    Only what ranking needs is kept per occurrence (no parse trees), so memory grows with
    the number of term occurrences, not with the size of the parse.
    """
    opts = options or ExtractOptions()
    general = general or GeneralFrequency()
    groups, texts, containers, lemma_counts, n_words = _collect(docs, sentences, opts, general)
    _merge_graphical(groups)
    _merge_acronyms(groups)
    _merge_short_names(groups)
    roots: dict[int, list[_Group]] = defaultdict(list)
    for g in groups.values():
        roots[id(g.root())].append(g)
    nested, outer_of = _nested_frequency(containers)
    corpus = _Corpus(n_words, max(1, len({d for d, _ in texts})), lemma_counts, _productivity(roots.values()))
    candidates = []
    by_root: dict[int, Candidate] = {}
    for key, members in roots.items():
        cand = _candidate(members, texts, nested, corpus, general, opts)
        if cand is not None:
            by_root[key] = cand
            if cand.frequency >= opts.min_freq:
                candidates.append(cand)
    for key, cand in by_root.items():
        cand.inside = [by_root[o].canonical for o in outer_of.get(key, []) if o in by_root]
    _add_corpus_ranks(candidates, corpus)
    model = _ranker(opts.ranker)
    if model is None:
        # names first: every name is glossary material for a translator; terms by termhood
        candidates.sort(key=lambda c: (c.type == TERM, -c.score, -c.frequency, c.canonical))
        return candidates[: opts.top] if opts.top else candidates
    model.score(candidates)
    candidates.sort(key=lambda c: (-(c.probability or 0.0), -c.score, c.canonical))
    if opts.top:
        return candidates[: opts.top]
    if opts.keep_all:
        return candidates
    return kept_by_default(candidates, model.threshold)


def kept_by_default(candidates: Sequence[Candidate], threshold: float) -> list[Candidate]:
    """The default selection: probable enough, and not a fragment of another kept candidate
    (every occurrence inside it: "Nations" in "Nations unies", "Abraham" in "accords d'Abraham").
    A probable candidate whose every occurrence sits inside a name stands for that name, which
    is kept in its place, whole: "Assemblée générale des Nations" -> "Assemblée générale des
    Nations unies" (the longest such name)."""
    by_form = {c.canonical: c for c in candidates}
    probable = {c.canonical: c for c in candidates if (c.probability or 0.0) >= threshold}
    for c in list(probable.values()):
        names = [by_form[o] for o in c.inside if o in by_form and by_form[o].type != TERM]
        if names:
            whole = max(names, key=lambda n: (len(n.canonical.split()), n.probability or 0.0))
            probable.setdefault(whole.canonical, whole)
    return [c for c in probable.values() if not any(outer in probable for outer in c.inside)]


def _add_corpus_ranks(candidates: list[Candidate], corpus: _Corpus) -> None:
    """Features relative to the corpus, which travel across domains and corpus sizes: each
    candidate's percentile among the corpus's candidates for a few features, and its
    frequency per 10,000 words."""
    n = len(candidates)
    for name in RANKED_FEATURES:
        order = sorted(range(n), key=lambda k: candidates[k].features.get(name, 0.0))
        k = 0
        while k < n:  # ties share their mean rank
            j = k
            value = candidates[order[k]].features.get(name, 0.0)
            while j < n and candidates[order[j]].features.get(name, 0.0) == value:
                j += 1
            pct = round(((k + j - 1) / 2) / max(n - 1, 1), 4)
            for m in range(k, j):
                candidates[order[m]].features[f"pct_{name}"] = pct
            k = j
    for c in candidates:
        for name in RANK_ONLY:
            c.features.pop(name, None)
        c.features["per_10k_words"] = round(10_000 * c.frequency / max(corpus.n_words, 1), 4)


def _ranker(spec):
    if spec is None:
        return None
    from termkit.extract.ranker import RankerModel, load_model

    if isinstance(spec, RankerModel):
        return spec
    return load_model(None if spec == "default" else spec)


def _collect(docs: Sequence, stream: Iterable[tuple[int, Sentence]], opts: ExtractOptions,
             general: Callable[[str], float]):
    def leading_adj(w: Word) -> bool:  # rare pre-nominal adjectives only (haute tension, but not nouvelle)
        return general(w.text.lower()) < opts.leading_adj_max_freq

    groups: dict[tuple[str, str], _Group] = {}
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
        placed: list[tuple[int, int, _Group, _Occ]] = []
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
            occ = _Occ(doc_id, s_idx, span.i, span.j, surface, span.ner, span.kind, initial, paren, shout)
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


def _written_expansion(occ: _Occ, g: _Group, words: list[Word], placed: list) -> _Group | None:
    """The expansion written beside an acronym: "Expansion (ACR)" or "ACR (Expansion)"."""
    best = None
    if occ.i >= 2 and words[occ.i - 1].text == "(" and occ.j < len(words) and words[occ.j].text == ")":
        for i, j, h, _ in placed:  # Expansion (ACR): the expansion ends just before "("
            if j == occ.i - 1 and h is not g and acronyms.letters_match(g.key, h.key):
                if best is None or (j - i) < (best[1] - best[0]):
                    best = (i, j, h)
    elif occ.j + 1 < len(words) and words[occ.j].text == "(":
        for i, j, h, _ in placed:  # ACR (Expansion)
            if i == occ.j + 1 and j < len(words) and words[j].text == ")" and acronyms.letters_match(g.key, h.key):
                if best is None or (j - i) > (best[1] - best[0]):
                    best = (i, j, h)
    return best[2] if best else None


def _sentence_initial(words: list[Word], i: int) -> bool:
    return all(not any(c.isalpha() for c in w.text) for w in words[:i])


def _group_for(groups: dict, span: Span, words: list[Word], tags: str, surface: str) -> _Group:
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
        g = _Group(key, span.kind, lemma, len(content) or 1, ts[0] if ts else "X", content, pattern=ts)
        groups[gk] = g
        if other is not None:
            _union(other, g, "inflection")
    return g


def _union(keep: _Group, join: _Group, relation: str) -> None:
    a, b = keep.root(), join.root()
    if a is b:
        return
    b.parent = a
    b.relation = relation


def _merge_graphical(groups: dict) -> None:
    """Merge spelling/transliteration variants (Kirghizstan/Kirghizistan), same word count."""
    buckets: dict[tuple, list[_Group]] = defaultdict(list)
    for g in groups.values():
        words = g.key.split()
        if any(len(w) >= 5 for w in words):
            buckets[(len(words), " ".join(skeleton(w) for w in words))].append(g)
    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        bucket.sort(key=lambda g: -len(g.occs))
        for k, g in enumerate(bucket):
            for h in bucket[:k]:
                if g.kind == h.kind and all(
                    graphical_variants(a, b) for a, b in zip(g.key.split(), h.key.split())
                ):
                    _union(h, g, "graphical")
                    break


def _merge_acronyms(groups: dict) -> None:
    """Join acronyms to their expansions: explicit "Expansion (ACR)" / "ACR (Expansion)", then initials."""
    acro = [g for g in groups.values() if g.words == 1 and g.occs and acronyms.is_acronym_token(g.occs[0].surface)]
    if not acro:
        return
    linked: set[int] = set()
    for g in acro:
        expansion = next((o.expansion for o in g.occs if o.expansion is not None), None)
        if expansion is not None:
            _union(expansion, g, "acronym")
            linked.add(id(g))
    multi = [h for h in groups.values() if h.words >= 2 and h.parent is None]
    by_initials: dict[str, list[_Group]] = defaultdict(list)
    for h in multi:
        words = acronyms.content_words(h.key)
        if len(words) >= 2:
            by_initials["".join(w[0] for w in words)].append(h)
    for g in acro:
        if id(g) in linked:
            continue
        # without "Expansion (ACR)", the initials alone are weak evidence: the expansion must be
        # a name (capitalised first word) in a document where the acronym is used too
        docs = {o.doc for o in g.occs}
        matches = {id(h.root()): h.root() for h in by_initials.get(g.key.replace("&", ""), [])
                   if h.root() is not g.root() and any(o.doc in docs and o.surface[:1].isupper() for o in h.occs)}
        if len(matches) == 1:
            _union(next(iter(matches.values())), g, "acronym")
            linked.add(id(g))
    # Blends such as Eximbank = EXIM + Bank, once EXIM has its expansion.
    for g in acro:
        if id(g) not in linked:
            continue
        expansion = g.root()
        last = expansion.key.split()[-1]
        blend = groups.get(("name", g.key + last)) or groups.get(("term", g.key + last))
        if blend is not None:
            _union(expansion, blend, "acronym")


def _merge_short_names(groups: dict) -> None:
    """A one-word person name that is the surname of exactly one longer person name joins it."""
    people: dict[str, list[_Group]] = defaultdict(list)
    for g in groups.values():
        if g.kind == "name" and g.words >= 2 and _vote_type(g) == "PER":
            people[g.key.split()[-1]].append(g)
    for g in groups.values():
        if g.kind == "name" and g.words == 1 and _vote_type(g) in ("PER", "MISC"):
            longer = {id(h.root()): h for h in people.get(g.key, [])}
            if len(longer) == 1:
                _union(next(iter(longer.values())), g, "short form")


def _vote_type(g: _Group) -> str:
    votes = Counter(o.ner for o in g.occs if o.ner)
    return votes.most_common(1)[0][0] if votes else "MISC"


def _nested_frequency(containers: list[list]) -> tuple[dict[int, float], dict[int, list[int]]]:
    """For each candidate, how many of its occurrences its most frequent container covers,
    and the containers that hold every one of its occurrences.

    A stricter nesting correction than C-value's mean over containers: "Nations
    unies" inside "Organisation des Nations unies" every time is a fragment,
    while "corruption" spread over many longer terms is not.
    """
    cooc: Counter[tuple[int, int]] = Counter()
    for inner, outer, count in containers:
        a, b = inner.root(), outer.root()
        if a is not b:
            cooc[(id(a), id(b))] += count
    best: dict[int, float] = {}
    for (a, _b), n in cooc.items():
        best[a] = max(best.get(a, 0), n)
    total = {id(inner.root()): len(inner.root().occs) for inner, _o, _n in containers}
    holders: dict[int, list[int]] = defaultdict(list)  # containers that hold every occurrence
    for (a, b), n in cooc.items():
        if n >= total.get(a, 0):
            holders[a].append(b)
    return best, holders


@dataclass
class _Corpus:
    n_words: int
    n_docs: int
    lemma_counts: Counter
    heads: Counter  # candidates per head (first content lemma) and per last content lemma


def _productivity(roots) -> Counter:
    """How many candidates share each first and each last content lemma (head/modifier productivity)."""
    out: Counter[str] = Counter()
    for members in roots:
        root = next(g for g in members if g.parent is None)
        if root.kind == "term" and root.content:
            out["H " + root.content[0][0]] += 1
            out["M " + root.content[-1][0]] += 1
    return out


def _candidate(members, texts, nested, corpus: _Corpus, general, opts) -> Candidate | None:
    lemma_counts, n_words = corpus.lemma_counts, corpus.n_words
    root = next(g for g in members if g.parent is None)
    occs = [o for g in members for o in g.occs]
    if not occs:
        return None
    forms = Counter(o.surface for o in occs)
    root_forms = Counter(o.surface for o in root.occs)
    shouted = {o.surface for o in root.occs if o.shout} - {o.surface for o in root.occs if not o.shout}
    canonical = max(root_forms, key=lambda f: (f not in shouted, root_forms[f],
                                               f[:1].islower() if root.kind == "term" else 0, -len(f)))
    if any(_FORMULA.search(w) for w in canonical.split()):
        return None
    kinds = {o.kind for o in occs}
    if "name" in kinds and not _written_as_name(occs, canonical, general):
        kinds.discard("name")  # "Prévenir" opening a sentence, "stockage": common words NER took for names
    if "name" in kinds:
        ner_votes = Counter(o.ner for o in occs if o.ner)
        ctype = ner_votes.most_common(1)[0][0] if ner_votes else "MISC"
    else:
        ctype = TERM
    group_of_form: dict[str, _Group] = {}
    for g in members:
        for o in g.occs:
            group_of_form.setdefault(o.surface, g)
    variants = [Variant(canonical, forms[canonical], "canonical")]
    for form, count in forms.most_common():
        if form != canonical:
            variants.append(Variant(form, count, _relation(form, canonical, group_of_form[form], root)))
    frequency = len(occs)
    doc_frequency = len({o.doc for o in occs})
    spec = _specificity(root, lemma_counts, n_words, general)
    # C-value-like: length-weighted frequency, less the occurrences inside the dominant container.
    f_adj = max(frequency - nested.get(id(root), 0.0), 0.5)
    cvalue = math.log2(1 + root.words) * f_adj
    prior = opts.priors.get("name" if "name" in kinds else root.head_tag if root.words == 1 else "multi", 1.0)
    score = round(prior * math.log2(1 + cvalue) * (1.0 + max(spec, 0.0)) ** 1.5, 4)
    contexts: list[Context] = []
    for o in sorted(occs, key=lambda o: (o.doc, o.sent)):
        if len(contexts) >= opts.contexts:
            break
        if any(c.doc == o.doc for c in contexts) and doc_frequency > len(contexts):
            continue
        contexts.append(Context(o.doc, texts[(o.doc, o.sent)]))
    features = _features(root, occs, kinds, variants, frequency, doc_frequency, f_adj, spec, score, canonical, corpus,
                         general)
    return Candidate(
        features=features,
        canonical=canonical,
        lemma=root.lemma,
        type=ctype,
        frequency=frequency,
        doc_frequency=doc_frequency,
        score=score,
        variants=variants,
        contexts=contexts,
        specificity=round(spec, 3),
        words=root.words,
        independent=round(f_adj, 1),
        pos=_POS.get(root.head_tag if root.words == 1 else "N", "noun") if ctype == TERM else "properNoun",
    )


def _features(root: _Group, occs: list[_Occ], kinds: set[str], variants: list[Variant], frequency: int,
              doc_frequency: int, f_adj: float, spec: float, score: float, canonical: str, corpus: _Corpus,
              general) -> dict[str, float]:
    """What the learned ranker sees of a candidate (named in :mod:`termkit.extract.features`): counts,
    termhood, nesting, spread, NER votes, shape, capitalisation, context, head statistics."""
    ner = Counter(o.ner for o in occs if o.ner)
    tagged = sum(ner.values())
    inside = [o for o in occs if not o.initial]
    upper = sum(o.surface[:1].isupper() for o in inside)
    gens = [math.log10(max(general(lemma), general(form), 1e-8)) for _k, lemma, form in root.content] or [-8.0]
    specs = []
    for key, lemma, form in root.content:
        corp = corpus.lemma_counts.get(key, 1) / max(corpus.n_words, 1)
        specs.append(math.log10(corp / max(general(lemma), general(form), 1e-7)))
    specs = specs or [0.0]
    relations = {v.relation for v in variants}
    letters = [c for c in canonical if c.isalpha()]
    words = canonical.split()
    head = root.content[0][0] if root.content else ""
    last = root.content[-1][0] if root.content else ""
    f = {
        "log_freq": math.log1p(frequency),
        "log_independent": math.log1p(f_adj),
        "nested_ratio": 1.0 - f_adj / frequency if frequency else 0.0,
        "nested_all": min(1.0, (frequency - f_adj if f_adj >= 1 else frequency) / frequency) if frequency else 0.0,
        "doc_spread": doc_frequency / corpus.n_docs,
        "log_doc_freq": math.log1p(doc_frequency),
        "specificity": spec,
        "spec_min": min(specs),
        "general_min": min(gens),
        "content_words": float(root.words),
        "tokens": float(len(root.pattern) or 1),
        "chars": float(len(canonical)),
        "written_as_name": float("name" in kinds),
        "ner_tagged": tagged / len(occs),
        **{f"ner_{t}": ner.get(t, 0) / len(occs) for t in NER_TYPES},
        "cap_inside": upper / len(inside) if inside else -1.0,
        "initial_ratio": 1.0 - len(inside) / len(occs),
        "paren_ratio": sum(o.paren for o in occs) / len(occs),
        "shout_ratio": sum(o.shout for o in occs) / len(occs),
        "acronym": float(acronyms.is_acronym_token(canonical)),
        "all_upper": float(bool(letters) and all(c.isupper() for c in letters)),
        "title_case": float(all(w[:1].isupper() for w in words if len(w) > 3)),
        "has_digit": float(any(c.isdigit() for c in canonical)),
        "has_hyphen": float("-" in canonical),
        "n_prep": float(root.pattern.count("P")),
        "head_N": float(root.head_tag == "N"),
        "head_A": float(root.head_tag == "A"),
        "head_V": float(root.head_tag == "V"),
        "head_R": float(root.head_tag == "R"),
        "has_adj": float("A" in root.pattern),
        "n_variants": float(len(variants)),
        "acronym_link": float(bool(relations & {"acronym", "expansion"})),
        "graphical_link": float("graphical" in relations),
        "head_productivity": math.log1p(corpus.heads.get("H " + head, 0)),
        "modifier_productivity": math.log1p(corpus.heads.get("M " + last, 0)),
        "head_lemma_freq": math.log1p(corpus.lemma_counts.get(head, 0)),
        "score": score,
    }
    return {name: round(f[name], 4) for name in CANDIDATE_FEATURES}


_COMMON_WORD = 1e-6  # general-French frequency above which a word is a common word


def _written_as_name(occs: list[_Occ], canonical: str, general: Callable[[str], float]) -> bool:
    """Whether a candidate is written as a French proper name: capitalised inside sentences more
    often than not; seen only opening sentences, a single word must be rare in general French."""
    first = canonical.split()[0].lower() if canonical.split() else ""
    if first in INSTITUTIONS and len(canonical.split()) >= 3:
        return True  # "ministère kazakh de l'IA et du développement numérique": an official name
    upper = lower = 0
    for o in occs:
        if o.initial:
            continue
        if o.surface[:1].isupper():
            upper += 1
        else:
            lower += 1
    if upper or lower:
        return upper > lower
    return len(canonical.split()) > 1 or general(canonical.lower()) < _COMMON_WORD


# variables of formulas (Pstock_CT, ωt, ǻf) are not terms; nor are short symbols, ordinals and
# numbered labels (Pref2, 21e, m2, N1.11, BCE/2004/11), while acronyms with digits (CO2, G20,
# C5+1) and longer names (EuroFirst300) are. Matched on written forms.
_FORMULA = re.compile(r"[_\u0180-\u024f\u0370-\u03ff]|^(?=\S*\d)(?:(?=\S*[a-z])\S{1,6}|\S*\d[./]\S*)$")
_POS = {"N": "noun", "A": "adjective", "V": "verb", "R": "properNoun"}


def _relation(form: str, canonical: str, group: _Group, root: _Group) -> str:
    if group is not root and group.root() is root and group.relation:
        rel = group.relation
        if rel == "acronym" and not acronyms.is_acronym_token(form):
            return "acronym" if len(form.split()) == 1 else "expansion"
        return rel
    if fold(form) == fold(canonical):
        if form.replace("-", " ").casefold() == canonical.replace("-", " ").casefold() and "-" in form + canonical:
            return "hyphenation"
        return "case/diacritics" if form.casefold() != canonical.casefold() or form != canonical else "canonical"
    return "inflection"


def _specificity(g: _Group, lemma_counts: Counter, n_words: int, general) -> float:
    """Mean log10 ratio of corpus to general-French frequency over the content words."""
    if not g.content or not n_words:
        return 0.0
    vals = []
    for key, lemma, form in g.content:
        corpus = lemma_counts.get(key, 1) / n_words
        gen = max(general(lemma), general(form), 1e-7)
        vals.append(math.log10(corpus / gen))
    return sum(vals) / len(vals)
