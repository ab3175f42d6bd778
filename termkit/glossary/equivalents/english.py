"""How the equivalents read English text: words, n-grams, clauses, content words and the
English key under which two written forms are one option.

Pure functions over strings and token lists, shared by the pair index, the option sources,
the features and the decision policy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from termkit.align.words import tokenize
from termkit.textnorm import EN_STOP, en_key, fold
from termkit.wordlists import words as word_list

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
TITLES = word_list("titles", kind="english")
# French words that may stand capitalised before a name without being part of it
FR_OPENERS = {"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "a", "en", "et", "mais",
              "pour", "selon", "avec", "dans", "par", "sur", "pendant", "apres", "avant", "si", "ce", "cette"}
CLAUSE_MARKS = frozenset(',;:!?"“”«»')  # an option holds none the French does not


def contains(text_fold: str, form_fold: str) -> bool:
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


def words_of(tokens) -> list[str]:
    """The words of a token list (punctuation left out, ``&`` kept: Standard & Poor's)."""
    return [t.text for t in tokens if t.text[:1].isalnum() or t.text in ("&",)]


def ngrams(words: list[str], max_n: int = 4) -> list[str]:
    """English 1..max_n-grams not starting or ending with a stop word, in text order, unique."""
    out: dict[str, None] = {}
    content = [w.lower() not in EN_STOP or content_at(words, x) for x, w in enumerate(words)]  # New in New York
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


def balanced(text: str) -> bool:
    """Whether every bracket opened in the text is closed in it, and none closed before."""
    depth = 0
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth < 0:
            return False
    return depth == 0


def is_content(word: str) -> bool:
    """A word that is not punctuation nor an English stop word."""
    return word[:1].isalnum() and word.lower() not in EN_STOP


def content_at(words: Sequence[str], x: int) -> bool:
    """Whether word ``x`` is a content word where it stands: a stop word counts as one
    inside a name, capitalised in mid-sentence before another capitalised word (*New* in
    *the New York Stock Exchange*, *The* in *at The Hague*)."""
    w = words[x]
    if is_content(w):
        return True
    return w[:1].isupper() and 0 < x < len(words) - 1 and words[x + 1][:1].isupper() \
        and words[x - 1][:1].isalnum() and w != "I"


def numeric(word: str) -> bool:
    """A number, an amount or a time (10am, 4,500, £38, million): never the edge of a term."""
    return any(c.isdigit() for c in word) or word.lower() in _NUMBER_WORDS or word in ("£", "$", "€", "%")


def past_participle(word: str) -> bool:
    """An English past participle by its ending (issued, created; not red, speed)."""
    w = word.lower()
    return len(w) > 5 and w.endswith("ed") and not w.endswith("eed")


def gerund(word: str) -> bool:
    """An English -ing form (counting); as the head of a term it is a noun (mining)."""
    return len(word) > 5 and word.lower().endswith("ing")


def surface_in(text: str, form: str) -> str | None:
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


def similarity(a: str, b: str) -> float:
    """Normalised Levenshtein similarity of two folded strings."""
    if not a or not b:
        return 0.0
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.normalized_similarity(a, b)


def clauses(tokens) -> list[list[str]]:
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


def open_right(sentences: list[list[list[str]]]) -> Counter[str]:
    """For each English n-gram key, in how many sentences (given as clauses of words) every
    occurrence is followed by a lower-case content word (a name after it, as in
    "counterpart Tokayev", does not count)."""
    out: Counter[str] = Counter()
    for sentence in sentences:
        is_open: dict[str, bool] = {}
        for words in sentence:
            for i in range(len(words)):
                for n in range(1, 5):
                    if i + n > len(words):
                        break
                    k = en_key(" ".join(words[i:i + n]))
                    nxt = words[i + n] if i + n < len(words) else ""
                    is_open[k] = is_open.get(k, True) and nxt[:1].islower() and nxt not in EN_STOP
        out.update(k for k, v in is_open.items() if v)
    return out


def prefer_lower(forms: list[tuple[str, int]]) -> str:
    """The most frequent surface, lower-cased unless every occurrence is capitalised."""
    top = forms[0][0]
    if any(f[:1].islower() for f, _ in forms):
        return next(f for f, _ in forms if f[:1].islower())
    return top
