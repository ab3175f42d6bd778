"""The sentence-pair index: aligned (French, English) sentence pairs, tokenised and indexed once,
with the word alignment and the span operations that the option sources and features share."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from termkit.align.words import align_words, tokenize
from termkit.extract.model import TERM, Candidate
from termkit.glossary.equivalents.english import (
    EN_CLAUSE,
    EN_COMPLEMENT,
    FR_CURRENCIES,
    FR_OPENERS,
    TITLES,
    clauses,
    contains,
    content_at,
    gerund,
    ngrams,
    numeric,
    open_right,
    past_participle,
    words_of,
)
from termkit.textnorm import en_key, fold

MAX_WORD_ALIGNED_PAIRS = 50_000  # word alignment beyond this many pairs uses the first ones only


class PairIndex:
    """Aligned (French, English) sentence pairs, tokenised and indexed for the option sources.

    ``word_links``: the word alignment of the pairs, per pair a set of (French token, English
    token) indices over :attr:`fr_tokens` and :attr:`en_tokens` (by default
    :func:`~termkit.align.words.align_words` computes it on first use).
    """

    def __init__(self, pairs: Sequence[tuple[str, str]], word_links: list[set[tuple[int, int]]] | None = None) -> None:
        self.pairs = list(pairs)
        self.fr_tokens = [tokenize(f) for f, _ in self.pairs]
        self.en_tokens = [tokenize(e) for _, e in self.pairs]
        self.fr_fold = [[fold(t.text) for t in toks] for toks in self.fr_tokens]
        self.en_fold = [fold(e) for _, e in self.pairs]
        self._en_tok_fold: list[list[str] | None] = [None] * len(self.pairs)
        self.en_words = [words_of(toks) for toks in self.en_tokens]
        # n-grams within a clause: never across a bracket or a comma (Movement (ETIM)
        self.grams = [list(dict.fromkeys(g for c in clauses(toks) for g in ngrams(c))) for toks in self.en_tokens]
        self.gram_freq: Counter[str] = Counter()
        for grams in self.grams:
            self.gram_freq.update({en_key(g) for g in grams})
        # the words of each folded English sentence, found as pairs_with() finds a phrase's
        # (folded "fibre-optic" is two words, "£4" is "ps 4"; "Poor's" is "poor" and "'s")
        self._word_pairs: dict[str, set[int]] = defaultdict(set)
        for k, text in enumerate(self.en_fold):
            for w in set(words_of(tokenize(text))):
                self._word_pairs[en_key(w)].add(k)
        self._fr_index: dict[str, list[int]] = defaultdict(list)
        for k, folded in enumerate(self.fr_fold):
            for w in set(folded):
                self._fr_index[w].append(k)
        self.open_after = open_right([clauses(toks) for toks in self.en_tokens])
        self._links = word_links


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
                toks = self.fr_fold[k]
                n = len(form)
                out += [(k, i, i + n) for i in range(len(toks) - n + 1) if tuple(toks[i:i + n]) == form
                        and not (alone_only and n == 1 and self.glued(k, i, i + n))]
        return sorted(set(out))

    def edge_outside(self, phrase: str, occs: list[tuple[int, int, int]]) -> float:
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

    def glued_en(self, phrase: str, pairs: set[int]) -> float:
        """In how many of the pairs (a share) the phrase stands next to a capitalised English
        word: after it, or before it but not as the first word of the sentence (titles such as
        Mr do not count)."""
        if not pairs or not phrase:
            return 0.0
        pattern = re.compile(r"(?:(\S+)\s+)?" + re.escape(phrase) + r"(?:\s+(\S+))?", re.IGNORECASE)

        def capital(word: str | None) -> bool:
            w = (word or "").strip("\"“”'‘’(),.;:")
            return w[:1].isupper() and fold(w) not in TITLES

        glued = 0
        for k in pairs:
            for m in pattern.finditer(self.pairs[k][1]):
                if capital(m.group(2)) or capital(m.group(1)) and m.start(1) > 0:
                    glued += 1
                    break
        return glued / len(pairs)

    def glued(self, k: int, i: int, j: int) -> bool:
        """Whether French tokens [i, j) of pair k stand next to a capitalised word that is part
        of a longer name (Hollande in François Hollande); a sentence-initial article does not count."""
        toks = self.fr_tokens[k]
        before = toks[i - 1].text if i > 0 else ""
        after = toks[j].text if j < len(toks) else ""

        def name_like(w: str) -> bool:
            return w[:1].isupper() and fold(w) not in FR_OPENERS and not w.endswith(("'", "’"))

        return name_like(before) and not (i == 1 and fold(before) in FR_OPENERS) or name_like(after)

    def pairs_with(self, option_fold: str) -> set[int]:
        """Indices of the pairs whose English holds a (folded) phrase."""
        words = [en_key(w) for w in words_of(tokenize(option_fold))]
        if not words:
            return set()
        pool = set(self._word_pairs.get(words[0], set()))
        for w in words[1:]:
            pool &= self._word_pairs.get(w, set())
        return {k for k in pool if contains(self.en_fold[k], option_fold)}

    def aligned_span(self, k: int, start: int, end: int) -> tuple[int, int, bool] | None:
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
        while lo <= hi and not content_at(words, lo):
            lo += 1
        while hi >= lo and not content_at(words, hi):
            hi -= 1
        if lo > hi or hi - lo >= 10:
            return None
        return lo, hi, consistent

    def phrase(self, k: int, lo: int, hi: int, cand: Candidate) -> str:
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

    def currency(self, k: int, i: int, j: int) -> str:
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

    def capitalised_core(self, k: int, lo: int, hi: int) -> tuple[int, int] | None:
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

    def widened(self, k: int, lo: int, hi: int) -> list[tuple[int, int]]:
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
                if all(content_at(words, x) for x in [*range(a, lo), *range(hi + 1, b + 1)]):
                    out.append((a, b))
        return out

    def pieces(self, k: int, lo: int, hi: int) -> list[tuple[int, int]]:
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
            while x <= y and numeric(toks[x].text):
                x += 1
            while y >= x and numeric(toks[y].text):
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
                while a <= b and not content_at(words, a):
                    a += 1
                while b >= a and not content_at(words, b):
                    b -= 1
                if a > b:
                    break
                if (a, b) != (lo, hi) and not (a == b and past_participle(toks[a].text)):
                    out.append((a, b))
                if past_participle(toks[b].text):
                    b -= 1
                elif (past_participle(toks[a].text) or gerund(toks[a].text)) and a < b:
                    a += 1
                else:
                    break
        return list(dict.fromkeys(out))

    # -- options ----------------------------------------------------------------------
