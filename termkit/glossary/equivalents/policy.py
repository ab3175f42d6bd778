"""The decision policy: from scored options to an :class:`Equivalent`.

The best option is proposed when the model's probability reaches its threshold (names and
terms apart) and its evidence may carry a proposal at all (:func:`enough_evidence`);
otherwise the finder abstains and keeps up to :data:`MAX_SUGGESTIONS` ranked suggestions. A
proposal keeps its other written forms, the reference form and related renderings as variants.
"""

from __future__ import annotations

from collections import Counter

from termkit.extract.model import TERM, Candidate
from termkit.glossary.equivalents.english import TITLES, contains, prefer_lower
from termkit.glossary.equivalents.model import Equivalent, Option, Suggestion
from termkit.glossary.equivalents.pairs import PairIndex
from termkit.textnorm import en_key, fold, graphical_variants, skeleton

MAX_SUGGESTIONS = 3


def enough_evidence(f: dict[str, float], links: int) -> bool:
    """Whether an option's evidence may carry a proposal at all: more than two sentence
    pairs, or, from one or two, an alignment and a similarity that agree (or a CLDR name or
    verbatim French form that the English sentences hold)."""
    aligned = max(f["align"], f["near"], f["loose"])
    agree = aligned >= 0.5 and bool(f["use"] >= 0.5 or f["cognate"] >= 0.7 or f["identical"] or f["reference"])
    agree = agree or bool(f["reference"] or f["identical"]) and f["cover"] >= 0.5
    return links > 2 or agree or (not links and bool(f["reference"]))


def evidence(o: Option, links: int, n_occ: int) -> str:
    """The evidence of an option as the TSV writes it: method, alignment, sentences, USE, notes."""
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


def decide(index: PairIndex, threshold: float, cand: Candidate, opts: list[Option], links: list[int],
           n_occ: int) -> Equivalent | None:
    """The equivalent of a candidate from its options, best first (None without options)."""
    if not opts:
        return None
    best = opts[0]
    suggestions = [Suggestion(o.en, round(o.probability, 2), evidence(o, len(links), n_occ))
                   for o in opts[:MAX_SUGGESTIONS]]
    confidence = round(best.probability, 2)
    sure = confidence >= threshold and enough_evidence(best.features, len(links))
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
                    and o.en not in variants and related(o.en, best.en, cand) and len(variants) < 4:
                variants.append(o.en)
        variants += alternatives(index, cand, links, best, variants)
    return Equivalent(best.en if sure else "", variants, best.method, confidence,
                      evidence(best, len(links), n_occ), suggestions)


def alternatives(index: PairIndex, cand: Candidate, links: list[int], best: Option, have: list[str],
                 most: int = 3) -> list[str]:
    """Renderings that cover at least half of the pairs the equivalent is absent from
    (Kiev where CLDR says Kyiv), for the reviewer to keep or drop."""
    out: list[str] = []
    for _ in range(most):
        forms = [fold(f) for f in [best.en, *have, *out]]
        rest = [k for k in links if not any(contains(index.en_fold[k], f) for f in forms)]
        if len(rest) < 2:
            break
        cooc = Counter(gk for k in rest for gk in {en_key(g) for g in index.grams[k]})
        pick, pick_dice = None, 0.15
        for gk, c in cooc.items():
            if c < max(2, len(rest) / 2) or index.open_after.get(gk, 0) >= max(2, index.gram_freq[gk]):
                continue
            dice = 2 * c / (len(rest) + index.gram_freq[gk])
            if dice > pick_dice:
                pick, pick_dice = gk, dice
        if pick is None:
            break
        surfaces = Counter(g for k in rest for g in index.grams[k] if en_key(g) == pick)
        alt = prefer_lower(surfaces.most_common())
        if fold(alt) in forms or not related(alt, best.en, cand):
            break
        out.append(alt)
    return out


def related(alt: str, en: str, cand: Candidate) -> bool:
    """Whether ``alt`` can be another rendering of the same concept as ``en``.

    A name's alternative is a part of it (Obama, Mr Hare, Villiers), its initials (NSA, US,
    USA, U.S.), or one of its French forms (Kiev); a term's shares a word with the
    equivalent (news conference / press conference) or a cognate with the French term.
    """
    words = {fold(w) for f in [en, *cand.forms] for w in f.replace("-", " ").split()}
    alt_words = [w for w in fold(alt).split() if w not in TITLES]
    if cand.type != TERM:
        if fold(alt) in {fold(f) for f in cand.forms}:
            return True
        letters = alt.replace(".", "")
        initials = "".join(w[0] for w in en.split() if w[:1].isupper())
        if letters.isupper() and len(initials) >= 2 and letters.startswith(initials) and len(letters) <= len(initials) + 1:
            return True
        return bool(alt_words) and all(any(w == v or graphical_variants(w, v) for v in words) for w in alt_words)
    en_stems = {en_key(w) for w in en.split()}
    fr_skels = {skeleton(w)[:4] for w in fold(cand.canonical).split() if len(w) > 3}
    return any(en_key(w) in en_stems or skeleton(w)[:4] in fr_skels for w in alt_words)
