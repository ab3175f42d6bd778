"""The features the learned ranker sees of a candidate: their names, their order and their version.

The extractor computes them (:mod:`termkit.extract.score`), the ranker reads them by name
(:mod:`termkit.extract.ranker`) and a model file records the names and
:data:`FEATURE_VERSION` it was trained on; this module is the one place all three agree on.
Bump :data:`FEATURE_VERSION` whenever a feature is added, removed or computed differently
(models trained on another version are refused with a one-line error).
"""

from __future__ import annotations

FEATURE_VERSION = 2

NER_TYPES = ("PER", "LOC", "ORG", "MISC")

# Computed for each candidate on its own, in this order: name -> what it measures.
CANDIDATE_FEATURES: dict[str, str] = {
    "log_freq": "log(1 + occurrences)",
    "log_independent": "log(1 + occurrences outside its most frequent container)",
    "nested_ratio": "share of occurrences inside its most frequent container",
    "nested_all": "share of occurrences nested in a longer candidate",
    "doc_spread": "share of the corpus's documents it occurs in",
    "log_doc_freq": "log(1 + documents it occurs in)",
    "specificity": "mean log10 ratio of corpus to general-French frequency of its content words",
    "spec_min": "the least specific content word's log10 ratio",
    "general_min": "log10 general-French frequency of its rarest content word",
    "content_words": "content words",
    "tokens": "words, function words included",
    "chars": "characters of the canonical form",
    "written_as_name": "written as a proper name",
    "ner_tagged": "share of occurrences Stanza tagged as an entity",
    **{f"ner_{t}": f"share of occurrences Stanza tagged {t}" for t in NER_TYPES},
    "cap_inside": "share of capitalised occurrences inside sentences (-1: none inside)",
    "initial_ratio": "share of occurrences opening a sentence",
    "paren_ratio": "share of occurrences beside a parenthesis",
    "shout_ratio": "share of occurrences in a sentence written in capitals",
    "acronym": "the canonical form is an acronym",
    "all_upper": "every letter is upper case",
    "title_case": "every word over 3 letters is capitalised",
    "has_digit": "holds a digit",
    "has_hyphen": "holds a hyphen",
    "n_prep": "prepositions inside",
    "head_N": "first content word is a noun",
    "head_A": "first content word is an adjective",
    "head_V": "first content word is a verb",
    "head_R": "first content word is a proper noun",
    "has_adj": "holds an adjective",
    "n_variants": "written forms",
    "acronym_link": "joined to an acronym or its expansion",
    "graphical_link": "joined to a spelling variant",
    "head_productivity": "log(1 + candidates sharing its first content lemma)",
    "modifier_productivity": "log(1 + candidates sharing its last content lemma)",
    "head_lemma_freq": "log(1 + corpus count of its first content lemma)",
    "score": "the hand-weighted termhood score",
}

# Features also given as a percentile within the corpus (``pct_<name>``), which travel
# across corpus sizes and domains.
RANKED_FEATURES = ("log_freq", "log_independent", "specificity", "spec_min", "score", "head_productivity",
                   "general_min", "chars")
# Termhood against general French travels across corpora only as a rank within the corpus:
# the raw values' scale moves with corpus size and domain, so the ranker sees only their
# percentiles (leave-one-domain-out: see the README).
RANK_ONLY = ("specificity", "spec_min", "score", "general_min")

# Computed over the corpus's candidates once each has its own features.
CORPUS_FEATURES: dict[str, str] = {
    **{f"pct_{name}": f"percentile of {name} among the corpus's candidates" for name in RANKED_FEATURES},
    "per_10k_words": "occurrences per 10,000 words of the corpus",
}


def feature_names() -> list[str]:
    """The features a ranked candidate carries, in order (those a model is trained on)."""
    return [n for n in CANDIDATE_FEATURES if n not in RANK_ONLY] + list(CORPUS_FEATURES)
