"""Extraction, stage 3: one candidate per group of variants, with its canonical form, type,
variants, contexts, hand-weighted termhood score and the features the ranker reads
(:mod:`termkit.extract.features`)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from termkit.extract import acronyms
from termkit.extract.collect import Group, Occ
from termkit.extract.features import CANDIDATE_FEATURES, NER_TYPES, RANK_ONLY, RANKED_FEATURES
from termkit.extract.group import nested_frequency
from termkit.extract.model import TERM, Candidate, Context, Variant
from termkit.extract.options import ExtractOptions
from termkit.extract.spans import INSTITUTIONS
from termkit.extract.types import is_direction_fragment, name_type_of_term, person_surnames, refine_type
from termkit.textnorm import fold


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


def score_candidates(roots: dict[int, list[Group]], texts: dict, containers: list[list], n_words: int,
                     lemma_counts: Counter, general: Callable[[str], float],
                     opts: ExtractOptions) -> list[Candidate]:
    """The candidates of the groups of variants (those at least ``opts.min_freq`` times
    frequent), each with its features, those relative to the corpus included."""
    nested, outer_of = nested_frequency(containers)
    corpus = Corpus(n_words, max(1, len({d for d, _ in texts})), lemma_counts, productivity(roots.values()))
    candidates = []
    by_root: dict[int, Candidate] = {}
    for key, members in roots.items():
        cand = candidate(members, texts, nested, corpus, general, opts)
        if cand is not None:
            by_root[key] = cand
            if cand.frequency >= opts.min_freq:
                candidates.append(cand)
    for key, cand in by_root.items():
        cand.inside = [by_root[o].canonical for o in outer_of.get(key, []) if o in by_root]
    retyped = person_surnames({c.canonical: c.type for c in by_root.values()})
    for cand in by_root.values():
        if cand.canonical in retyped:
            cand.type = retyped[cand.canonical]  # "Obama" after "Barack Obama": the person's surname
    add_corpus_ranks(candidates, corpus)
    return candidates


@dataclass
class Corpus:
    n_words: int
    n_docs: int
    lemma_counts: Counter
    heads: Counter  # candidates per head (first content lemma) and per last content lemma


def productivity(roots) -> Counter:
    """How many candidates share each first and each last content lemma (head/modifier productivity)."""
    out: Counter[str] = Counter()
    for members in roots:
        root = next(g for g in members if g.parent is None)
        if root.kind == "term" and root.content:
            out["H " + root.content[0][0]] += 1
            out["M " + root.content[-1][0]] += 1
    return out


def candidate(members, texts, nested, corpus: Corpus, general, opts) -> Candidate | None:
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
    if is_direction_fragment(canonical, {texts[(o.doc, o.sent)] for o in occs}):
        return None  # "l'Est et l'Ouest": a cardinal point alone after an article is no name
    if "name" in kinds:
        ctype = refine_type(canonical, root_forms, Counter(o.ner for o in occs if o.ner))
    else:
        ctype = name_type_of_term(canonical)
    group_of_form: dict[str, Group] = {}
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


def _features(root: Group, occs: list[Occ], kinds: set[str], variants: list[Variant], frequency: int,
              doc_frequency: int, f_adj: float, spec: float, score: float, canonical: str, corpus: Corpus,
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


def add_corpus_ranks(candidates: list[Candidate], corpus: Corpus) -> None:
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


_COMMON_WORD = 1e-6  # general-French frequency above which a word is a common word


def _written_as_name(occs: list[Occ], canonical: str, general: Callable[[str], float]) -> bool:
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


def _relation(form: str, canonical: str, group: Group, root: Group) -> str:
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


def _specificity(g: Group, lemma_counts: Counter, n_words: int, general) -> float:
    """Mean log10 ratio of corpus to general-French frequency over the content words."""
    if not g.content or not n_words:
        return 0.0
    vals = []
    for key, lemma, form in g.content:
        corpus = lemma_counts.get(key, 1) / n_words
        gen = max(general(lemma), general(form), 1e-7)
        vals.append(math.log10(corpus / gen))
    return sum(vals) / len(vals)
