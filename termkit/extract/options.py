"""The knobs of term extraction (:func:`termkit.extract.extract_terms`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ExtractOptions:
    """Knobs of :func:`extract_terms`.

    ``ranker``: the learned ranker that gives each candidate its ``probability`` (a
    :class:`~termkit.extract.ranker.RankerModel`, a model file, ``"default"`` for
    ``$TERMKIT_RANKER``, the project model or the shipped model of ``profile`` (news or
    specialised), or None for the hand-weighted score alone); ``review``: keep at the
    model's review threshold (chosen for recall) instead of its F1 threshold;
    which candidates come out: the ``top`` N, else every one with ``keep_all``, else those
    whose probability reaches the model's threshold (every one when there is no ranker);
    ``min_freq``: drop rarer ones; ``names``/``terms``: which kinds to extract;
    ``single_words``: keep one-word common-noun/adjective/verb terms; ``contexts``:
    sentences kept per candidate.
    """

    top: int | None = None
    keep_all: bool = False
    ranker: object = "default"
    profile: str = "news"
    review: bool = False  # keep at the model's review threshold (recall first), as `glossary build` does
    min_freq: int = 1
    names: bool = True
    terms: bool = True
    single_words: bool = True
    contexts: int = 2
    leading_adj_max_freq: float = 3e-5
    priors: dict[str, float] = field(default_factory=lambda: {"name": 1.0, "multi": 1.0, "N": 1.0, "A": 0.6, "V": 0.3})
