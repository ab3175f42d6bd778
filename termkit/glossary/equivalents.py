"""Finding English equivalents of French term candidates, each with its evidence.

Methods, tried in this order:

* ``reference``: CLDR country/territory and city names (babel);
* ``identical``: a name written the same in the aligned English sentences;
* ``transliteration``: French->English romanisation rules (:mod:`termkit.glossary.translit`),
  confirmed by a graphically similar string in the aligned English;
* ``cooccurrence``: Dice association between the French term and English n-grams over
  the aligned sentence pairs, with a bonus for n-grams as long as the French term and
  for cognates (terres rares -> rare earths).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from termkit.extract.model import TERM, Candidate
from termkit.glossary.reference import lookup
from termkit.glossary.translit import transliterate
from termkit.textnorm import fold, graphical_variants, skeleton

EN_STOP = set(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "that", "this", "these", "those", "which", "who", "whom", "whose", "it", "its", "their", "his", "her", "our", "we", "you", "they", "he", "she", "i", "not", "no", "so", "than", "then", "there", "here", "also", "said", "says", "would", "will", "can", "could", "should", "may", "might", "up", "out", "over", "about", "after", "before", "between", "into", "through", "during", "very", "more", "most", "much", "many", "some", "any", "each", "other", "such", "only", "just", "new", "one", "two",
     "against", "under", "without", "within", "across", "around", "among", "towards", "toward", "since", "until",
     "while", "because", "if", "when", "where", "what", "how", "why", "all", "both", "either", "neither", "own",
     "same", "too", "again", "once", "do", "does", "did", "being", "having", "them", "him", "me", "my", "your",
     "off", "down", "like", "per", "via", "whether", "s"]
)
_EN_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_](?:[^\W\d_]|['’-])*|\d[\d.,]*")  # Chevènement, François


@dataclass
class Equivalent:
    """An English equivalent: preferred form, variants, method, confidence (0..1), evidence."""

    en: str
    variants: list[str] = field(default_factory=list)
    method: str = ""
    confidence: float = 0.0
    evidence: str = ""


def _contains(text_fold: str, form_fold: str) -> bool:
    return bool(form_fold) and re.search(r"(?<!\w)" + re.escape(form_fold) + r"(?!\w)", text_fold) is not None


def _stem(word: str) -> str:
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _ngrams(text: str, max_n: int = 4) -> list[str]:
    """English 1..max_n-grams not starting or ending with a stop word, in text order, unique."""
    words = _EN_WORD.findall(text)
    out: dict[str, None] = {}
    for i in range(len(words)):
        if words[i].lower() in EN_STOP:
            continue
        for n in range(1, max_n + 1):
            if i + n > len(words):
                break
            last = words[i + n - 1]
            if last.lower() in EN_STOP:
                continue
            out[" ".join(words[i : i + n])] = None
    return list(out)


class EquivalentFinder:
    """Looks up English equivalents over a set of aligned (French, English) sentence pairs."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.pairs = list(pairs)
        self._fr_fold = [fold(f) for f, _ in self.pairs]
        self._en_fold = [fold(e) for _, e in self.pairs]
        self._grams = [_ngrams(e) for _, e in self.pairs]
        self._gram_freq: Counter[str] = Counter()
        for grams in self._grams:
            self._gram_freq.update({_key(g) for g in grams})
        self._open_right = _open_right(e for _, e in self.pairs)

    def english_of(self, french_sentence: str) -> str:
        """The English aligned with a French sentence ('' when no pair holds it)."""
        key = " ".join(french_sentence.split())
        for fr, en in self.pairs:
            if key in " ".join(fr.split()):
                return en
        return ""

    def links_of(self, cand: Candidate) -> list[int]:
        """Indices of the pairs whose French side holds one of the candidate's forms."""
        forms = {fold(f) for f in cand.forms}
        return [k for k, t in enumerate(self._fr_fold) if any(_contains(t, f) for f in forms)]

    def find(self, cand: Candidate) -> Equivalent | None:
        """The best English equivalent of ``cand``, or None.

        Renderings the aligned English also uses where the best one is absent (Kiev where
        CLDR says Kyiv) are added as variants when they recur, for the reviewer to keep or drop.
        """
        links = self.links_of(cand)
        en_texts = [self.pairs[k][1] for k in links]
        eq = self._reference(cand, links)
        if eq is None and cand.type != TERM:
            eq = self._name(cand, links, en_texts)
        if eq is None:
            eq = self._cooccurrence(cand, links)
        if eq is not None:
            self._alternatives(cand, links, eq)
        return eq

    def _alternatives(self, cand: Candidate, links: list[int], eq: Equivalent, most: int = 3) -> None:
        """Add the renderings that cover at least half of the pairs the equivalent is absent from."""
        for _ in range(most):
            forms = [fold(f) for f in [eq.en, *eq.variants]]
            rest = [k for k in links if not any(_contains(self._en_fold[k], f) for f in forms)]
            if len(rest) < 2:
                return
            cooc = Counter(key for k in rest for key in {_key(g) for g in self._grams[k]})
            best, best_dice = None, 0.15
            for key, c in cooc.items():
                if c < max(2, len(rest) / 2) or self._open_right.get(key, 0) >= max(2, self._gram_freq[key]):
                    continue
                dice = 2 * c / (len(rest) + self._gram_freq[key])
                if dice > best_dice:
                    best, best_dice = key, dice
            if best is None:
                return
            surfaces = Counter(g for k in rest for g in self._grams[k] if _key(g) == best)
            alt = _prefer_lower(surfaces.most_common())
            if fold(alt) in forms or not _related(alt, eq.en, cand):
                return
            eq.variants.append(alt)
            eq.evidence += f"; also '{alt}' in {cooc[best]} of {len(rest)} other pair(s)"

    def _reference(self, cand: Candidate, links: list[int]) -> Equivalent | None:
        for form in cand.forms:
            # place names are capitalised: a common noun (série) is never a country (Syrie)
            hit = lookup(form) if cand.type != TERM or form[:1].isupper() else None
            if hit:
                en, source = hit
                seen = any(_contains(self._en_fold[k], fold(en)) for k in links)
                if cand.type == "PER" and links and not seen:
                    return None  # a person named like a place, unconfirmed: Dominique de Villepin, not Dominica
                return Equivalent(en, [], "reference", 1.0 if seen or not links else 0.8,
                                  f"{source}: {form} -> {en}" + ("; found in aligned English" if seen else ""))
        return None

    def _name(self, cand: Candidate, links: list[int], en_texts: list[str]) -> Equivalent | None:
        # A one-word name is identical only where it stands alone in the French, and in most of
        # those sentences: "Hollande" inside "François Hollande" says nothing about la Hollande.
        for form in cand.forms:
            single = len(fold(form).split()) == 1
            pool = [k for k in links if _stands_alone(self.pairs[k][0], form)] if single else links
            hits = sum(1 for k in pool if _contains(self._en_fold[k], fold(form)))
            if hits and (not single or 2 * hits > len(pool)):
                return Equivalent(form, [], "identical", 0.95,
                                  f"'{form}' in {hits} of {len(pool)} aligned English sentence(s)")
        if cand.type not in ("PER", "LOC"):
            return None
        guess = transliterate(cand.canonical)
        target = fold(guess).split()
        if target == fold(cand.canonical).split():
            en_texts = []  # the rules change nothing: that was the identical test above
        for text in en_texts:
            words = _EN_WORD.findall(text)
            for i in range(len(words) - len(target) + 1):
                window = words[i : i + len(target)]
                if all(graphical_variants(fold(w), t, min_len=4) or fold(w) == t for w, t in zip(window, target)):
                    found = " ".join(window)
                    return Equivalent(found, [], "transliteration", 0.9,
                                      f"rules give {guess}; aligned English has {found}")
        if links:
            return None  # aligned English exists but does not confirm: let co-occurrence decide
        if guess != cand.canonical:
            return Equivalent(guess, [], "transliteration", 0.5, f"rules: {cand.canonical} -> {guess} (no aligned English)")
        return Equivalent(cand.canonical, [], "identical", 0.4, "name kept as written (no aligned English)")

    def _cooccurrence(self, cand: Candidate, links: list[int]) -> Equivalent | None:
        if not links:
            return None
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
        fr_skels = {skeleton(w)[:4] for w in fold(cand.canonical).split() if len(w) > 3}
        n_fr = max(cand.words, 1)
        best, best_score = None, 0.0
        for key, c in cooc.items():
            if self._open_right.get(key, 0) >= max(2, self._gram_freq[key]):
                continue  # "disorders of sexual" is always followed by "development": a fragment
            dice = 2 * c / (len(links) + self._gram_freq[key])
            n_en = len(key.split())
            cognate = len(fr_skels & {skeleton(w)[:4] for w in key.split() if len(w) > 3}) / max(len(fr_skels), 1)
            score = dice - 0.25 * abs(n_en - n_fr) + 0.2 * cognate
            if score > best_score:
                best, best_score = key, score
        if best is None:
            return None
        forms = surfaces[best].most_common()
        en = _prefer_lower(forms)
        variants = [f for f, _ in forms if f != en and f.lower() != en.lower()]
        c = cooc[best]
        # a link seen in c pairs weighs c/(c+1): one or two sentences are weak evidence
        confidence = round(min(0.9, best_score) * c / (c + 1), 2)
        return Equivalent(en, variants, "cooccurrence", confidence,
                          f"Dice over {len(links)} aligned pair(s): '{en}' in {c}, score {best_score:.2f}")


_TITLES = {"mr", "mrs", "ms", "dr", "prof", "sir", "lord", "lady"}
_FR_OPENERS = {"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "a", "en", "et", "mais",
               "pour", "selon", "avec", "dans", "par", "sur", "pendant", "apres", "avant", "si", "ce", "cette"}
_FR_WORD = re.compile(r"[^\s,;:!?()\[\]«»\"“”]+|[,;:!?()\[\]«»\"“”]")  # C5+1 stays one word


def _stands_alone(sentence: str, form: str) -> bool:
    """Whether ``form`` occurs in the French sentence not glued to another capitalised word
    (a function word opening the sentence is not one): Hollande alone, not in François Hollande."""
    key = fold(form).split()
    words = [(m.group(0), fold(m.group(0))) for m in _FR_WORD.finditer(sentence)]
    folded = [w for _, f in words for w in f.split() or [""]]
    surface = [s for s, f in words for _ in (f.split() or [""])]
    n = len(key)
    for i in range(len(folded) - n + 1):
        if folded[i:i + n] != key:
            continue
        before = surface[i - 1] if i > 0 and not (i == 1 and fold(surface[0]) in _FR_OPENERS) else ""
        after = surface[i + n] if i + n < len(surface) else ""
        if not (before[:1].isupper() or after[:1].isupper()):
            return True
    return False


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


def _open_right(texts) -> Counter[str]:
    """For each English n-gram key, in how many pairs every occurrence is followed by a lower-case
    content word (a name after it, as in "counterpart Tokayev", does not count)."""
    out: Counter[str] = Counter()
    for text in texts:
        is_open: dict[str, bool] = {}
        for words in (_EN_WORD.findall(chunk) for chunk in _CLAUSE_END.split(text)):  # "smartphones, cars"
            _mark_open(words, is_open)
        out.update(k for k, v in is_open.items() if v)
    return out


_CLAUSE_END = re.compile(r"[,;:!?()\[\]\"“”«»]|\.(?=\s|$)")


def _mark_open(words: list[str], is_open: dict[str, bool]) -> None:
    for i in range(len(words)):
        for n in range(1, 5):
            if i + n > len(words):
                break
            key = _key(" ".join(words[i:i + n]))
            nxt = words[i + n] if i + n < len(words) else ""
            is_open[key] = is_open.get(key, True) and nxt[:1].islower() and nxt not in EN_STOP


def _key(gram: str) -> str:
    return " ".join(_stem(w) for w in gram.split())


def _prefer_lower(forms: list[tuple[str, int]]) -> str:
    """The most frequent surface, lower-cased unless every occurrence is capitalised."""
    top = forms[0][0]
    if any(f[:1].islower() for f, _ in forms):
        return next(f for f, _ in forms if f[:1].islower())
    return top
